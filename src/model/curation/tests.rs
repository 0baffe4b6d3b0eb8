use super::*;
use crate::model::stable::StableIds;
use crate::model::{Article, ArticleId, Entity};

const TEXT: &str = "王明在北京市工作。小王去了北京。某局开会。";

fn span(start: u32, end: u32) -> Span {
    Span {
        article: ArticleId(0),
        start,
        end,
    }
}

fn ent(i: u32, kind: EntityKind, label: &str, aliases: &[&str], mentions: &[(u32, u32)]) -> Entity {
    Entity {
        id: EntityId(i),
        kind,
        label: label.into(),
        aliases: aliases.iter().map(|a| (*a).into()).collect(),
        mentions: mentions.iter().map(|&(s, e)| span(s, e)).collect(),
    }
}

fn rel(a: u32, b: u32, kind: RelationKind, evidence: &[(u32, u32)]) -> Relation {
    Relation {
        evidence: evidence.iter().map(|&(s, e)| span(s, e)).collect(),
        weight: evidence.len().max(1) as u32,
        ..Relation::plain(a, b, kind)
    }
}

/// 王明 (also 小王), 北京市, 北京 and 某局, in one article.
fn sample() -> Extraction {
    use EntityKind::*;
    let mut x = Extraction {
        articles: vec![Article {
            source: "s".into(),
            ..crate::model::fixture::article(0, "t", TEXT)
        }],
        entities: vec![
            ent(0, Person, "王明", &["小王"], &[(0, 2), (9, 11)]),
            ent(1, Place, "北京市", &[], &[(3, 6)]),
            ent(2, Place, "北京", &[], &[(13, 15)]),
            ent(3, Organisation, "某局", &[], &[(16, 18)]),
        ],
        relations: vec![
            rel(2, 1, RelationKind::Within, &[(13, 15)]),
            Relation {
                label: Some("局长".into()),
                ..rel(0, 3, RelationKind::Role, &[(0, 9)])
            },
            rel(0, 1, RelationKind::CoOccurs, &[(0, 9)]),
            rel(0, 2, RelationKind::CoOccurs, &[(9, 16)]),
            rel(2, 3, RelationKind::CoOccurs, &[(9, 16)]),
        ],
        credits: vec![],
    };
    sort_relations(&mut x.relations);
    x
}

fn fix(cs: &[Correction]) -> Applied {
    Corrections(cs.to_vec()).apply(&sample())
}

fn label(x: &Extraction, e: EntityId) -> &str {
    x.entity(e).map_or("", |e| e.label.as_str())
}

/// Every relation as `kind a-b weight`, by labels.
fn edges(x: &Extraction) -> Vec<String> {
    let mut v: Vec<String> = x
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} {}-{} {}",
                r.kind.as_str(),
                label(x, r.source),
                label(x, r.target),
                r.weight
            )
        })
        .collect();
    v.sort();
    v
}

fn merge(into: &str, from: &str) -> Correction {
    Correction::Merge {
        into: into.into(),
        from: from.into(),
    }
}

fn rename(entity: &str, name: &str) -> Correction {
    let (entity, name) = (entity.into(), name.into());
    Correction::Rename { entity, name }
}

fn split(entity: &str, alias: &str) -> Correction {
    let (entity, alias) = (entity.into(), alias.into());
    Correction::Split { entity, alias }
}

fn hide(entity: &str) -> Correction {
    let entity = entity.into();
    Correction::Hide { entity }
}

fn delete(entity: &str) -> Correction {
    let entity = entity.into();
    Correction::Delete { entity }
}

fn kind(entity: &str, kind: EntityKind) -> Correction {
    let entity = entity.into();
    Correction::Kind { entity, kind }
}

fn dense(x: &Extraction) {
    assert!(x.check_relations().is_ok());
    for (i, e) in x.entities.iter().enumerate() {
        assert_eq!(e.id, EntityId(i as u32));
    }
}

#[test]
fn a_merge_keeps_both_names_mentions_and_evidence_without_loops_or_twins() {
    let a = fix(&[merge("place:北京市", "place:北京")]);
    let x = &a.x;
    dense(x);
    assert_eq!(a.outcomes, [None]);
    assert_eq!(x.entities.len(), 3);
    let bj = a.last.expect("the merged entity");
    let e = &x.entities[bj.index()];
    assert_eq!(
        (e.label.as_str(), e.aliases.clone()),
        ("北京市", vec!["北京".to_owned()])
    );
    assert_eq!(e.mentions, [span(3, 6), span(13, 15)]);
    // 北京 lies in 北京市 is no relation of one entity with itself; 王明's two same-sentence
    // links are one of weight 2 with both sentences; 某局's link moves to 北京市.
    assert_eq!(
        edges(x),
        [
            "co_occurs 北京市-某局 1",
            "co_occurs 王明-北京市 2",
            "role 王明-某局 1"
        ]
    );
    let co = x
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::CoOccurs && r.weight == 2)
        .expect("the joined link");
    assert_eq!(co.evidence, [span(0, 9), span(9, 16)]);
    assert_eq!(a.notes[bj.index()], ["merged with 北京"]);
    // The entity that stays keeps its own state: merging a hidden one into it shows it all.
    let hidden_first = fix(&[hide("place:北京"), merge("place:北京市", "place:北京")]);
    assert_eq!(hidden_first.hidden, [false, false, false]);
    assert_eq!(hidden_first.notes[1], ["merged with 北京"]);
    // Merged the other way round, 北京 stays, named as it was.
    let b = fix(&[merge("place:北京", "place:北京市")]);
    assert_eq!(label(&b.x, b.last.expect("kept")), "北京");
    assert_eq!(
        b.x.entities[b.last.expect("kept").index()].aliases,
        ["北京市"]
    );
}

#[test]
fn a_merge_counts_a_shared_sentence_once_and_drops_a_link_a_stated_relation_covers() {
    // 北京 and 某局 share a sentence with 王明's second mention: merged, one sentence.
    let mut x = sample();
    x.relations
        .push(rel(0, 3, RelationKind::CoOccurs, &[(9, 16)]));
    sort_relations(&mut x.relations);
    let a = Corrections(vec![merge("organisation:某局", "place:北京")]).apply(&x);
    dense(&a.x);
    // 王明 holds a role at 某局: the same-sentence link between them goes.
    assert_eq!(
        edges(&a.x),
        [
            "co_occurs 王明-北京市 1",
            "role 王明-某局 1",
            "within 某局-北京市 1"
        ]
    );
}

#[test]
fn a_split_moves_the_alias_mentions_and_the_passages_only_they_support() {
    let a = fix(&[split("person:王明", "小王")]);
    let x = &a.x;
    dense(x);
    let n = a.last.expect("the new entity");
    assert_eq!(n, EntityId(4));
    let new = &x.entities[4];
    assert_eq!((new.kind, new.label.as_str()), (EntityKind::Person, "小王"));
    assert_eq!(new.mentions, [span(9, 11)]);
    let old = &x.entities[0];
    assert!(old.aliases.is_empty());
    assert_eq!(old.mentions, [span(0, 2)]);
    // The second sentence names 小王, not 王明: its link to 北京 is 小王's now.
    assert_eq!(
        edges(x),
        [
            "co_occurs 北京-某局 1",
            "co_occurs 小王-北京 1",
            "co_occurs 王明-北京市 1",
            "role 王明-某局 1",
            "within 北京-北京市 1"
        ]
    );
    assert_eq!(a.notes[4], ["split off 王明"]);
    assert_eq!(a.notes[0], ["小王 split off"]);
}

#[test]
fn rename_kind_delete_and_hide() {
    let a = fix(&[
        rename("organisation:某局", " 某某局 "),
        kind("organisation:某某局", EntityKind::Programme),
        delete("place:北京市"),
        hide("place:北京"),
    ]);
    assert_eq!(a.outcomes, [None, None, None, None]);
    let x = &a.x;
    dense(x);
    let ids = StableIds::of(x);
    let prog = ids
        .entity_of("programme:某某局")
        .expect("renamed, another kind");
    assert_eq!(x.entities[prog.index()].aliases, ["某局"]);
    assert_eq!(
        a.notes[prog.index()],
        ["renamed from 某局", "kind changed from organisation"]
    );
    // 北京市 and its relations are gone; 北京 is there, hidden.
    assert_eq!(ids.entity_of("place:北京市"), None);
    assert_eq!(
        edges(x),
        [
            "co_occurs 北京-某某局 1",
            "co_occurs 王明-北京 1",
            "role 王明-某某局 1"
        ]
    );
    let bj = ids.entity_of("place:北京").expect("hidden, not gone");
    assert_eq!(a.hidden, [false, true, false]);
    assert!(a.hidden[bj.index()]);
    assert_eq!(a.last, None);
}

#[test]
fn corrections_find_their_entities_again_after_a_re_extraction() {
    let cs = Corrections(vec![
        merge("place:北京市", "place:北京"),
        rename("person:王明", "王小明"),
        delete("organisation:不在"),
        hide("person:王小明"),
    ]);
    let first = cs.apply(&sample());
    // The same corpus read again with its entities in another order.
    let mut y = sample();
    y.entities.reverse();
    let back = |e: EntityId| EntityId(3 - e.0);
    for (i, e) in y.entities.iter_mut().enumerate() {
        e.id = EntityId(i as u32);
    }
    for r in &mut y.relations {
        (r.source, r.target) = (back(r.source), back(r.target));
    }
    let again = cs.apply(&y);
    dense(&again.x);
    assert_eq!(edges(&again.x), edges(&first.x));
    // The one naming what is not there is kept and says so; the others applied.
    assert_eq!(again.outcomes[..2], [None, None]);
    assert_eq!(
        again.outcomes[2].as_deref(),
        Some("不在 is not in the graph")
    );
    assert_eq!(again.outcomes[3], None);
    let ids = StableIds::of(&again.x);
    let w = ids.entity_of("person:王小明").expect("renamed");
    assert!(again.hidden[w.index()]);
    // Undo of the rename: the hide names an entity no longer there.
    let mut undone = cs.clone();
    undone.0.remove(1);
    let u = undone.apply(&y);
    assert_eq!(u.outcomes[2].as_deref(), Some("王小明 is not in the graph"));
    assert!(u.hidden.iter().all(|h| !h));
}

#[test]
fn bad_corrections_change_nothing_and_say_why() {
    let x = sample();
    for (c, why) in [
        (
            merge("place:北京", "place:北京"),
            "an entity cannot be merged with itself",
        ),
        (rename("place:北京", "  "), "a name cannot be empty"),
        (
            split("person:王明", "王明"),
            "王明 is the name of the entity, not another alias",
        ),
        (split("person:王明", "大王"), "大王 is not an alias of 王明"),
        (
            kind("place:北京", EntityKind::Place),
            "北京 is already a place",
        ),
        (hide("robot:北京"), "robot:北京 is not in the graph"),
    ] {
        let a = Corrections(vec![c.clone()]).apply(&x);
        assert_eq!(a.outcomes, [Some(why.to_owned())], "{c:?}");
        assert_eq!(a.x, x, "{c:?}");
    }
    // An alias no mention reads cannot be split off (nothing would move).
    let mut y = sample();
    y.entities[0].aliases.push("王先生".into());
    let a = Corrections(vec![split("person:王明", "王先生")]).apply(&y);
    assert_eq!(
        a.outcomes[0].as_deref(),
        Some("no mention of 王明 reads 王先生")
    );
    assert_eq!(a.x, y);
}

#[test]
fn corrections_read_and_write_as_json_and_describe_themselves() {
    // One correction of each kind, and how the list describes it.
    let described = [
        (
            merge("place:北京市", "place:北京"),
            "Merged 北京 into 北京市",
        ),
        (split("person:王明", "小王"), "Split 小王 off 王明"),
        (
            rename("organisation:某局", "某某局"),
            "Renamed 某局 to 某某局",
        ),
        (
            kind("organisation:某局~2", EntityKind::Organisation),
            "Made 某局 an organisation",
        ),
        (delete("place:%E5%8C%97"), "Deleted 北"),
        (hide("person:王明"), "Hid 王明"),
    ];
    for (c, says) in &described {
        assert_eq!(c.describe(), *says);
    }
    let cs = Corrections(described.into_iter().map(|(c, _)| c).collect());
    let json = serde_json::to_string(&cs).expect("json");
    assert!(
        json.starts_with(r#"[{"do":"merge","into":"place:北京市","from":"place:北京"}"#),
        "{json}"
    );
    assert_eq!(
        serde_json::from_str::<Corrections>(&json).ok(),
        Some(cs.clone())
    );
}

#[test]
fn credits_follow_their_person_through_a_split_a_merge_and_a_delete() {
    let mut x = sample();
    // 王明 wrote the article; the passage naming the author reads 小王.
    x.credits = vec![crate::model::Credit {
        person: EntityId(0),
        article: ArticleId(0),
        role: crate::model::CreditRole::Wrote,
        evidence: Some(span(9, 11)),
    }];
    let authors = |cs: &[Correction]| {
        let a = Corrections(cs.to_vec()).apply(&x);
        dense(&a.x);
        let names = a.x.credits.iter().map(|c| label(&a.x, c.person).to_owned());
        names.collect::<Vec<_>>()
    };
    let split = split("person:王明", "小王");
    assert_eq!(authors(std::slice::from_ref(&split)), ["小王"]);
    // Merged back: one credit again.
    assert_eq!(
        authors(&[split, merge("person:王明", "person:小王")]),
        ["王明"]
    );
    let delete = delete("person:王明");
    assert!(authors(&[delete]).is_empty());
}
