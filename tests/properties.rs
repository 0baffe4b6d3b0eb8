#![cfg(not(target_arch = "wasm32"))]
//! Invariants of the extraction on arbitrary input (property tests), of corrections by hand on
//! it, and robustness against random bytes and random Unicode (fuzz-style): no panic, every
//! span consistent.

use guanxi::model::curation::{Correction, Corrections};
use guanxi::model::stable::StableIds;
use guanxi::model::{EntityId, EntityKind, Extraction};
use guanxi::text::{corpus, extract, page};
use proptest::prelude::*;

#[path = "support/knowledge.rs"]
mod common;

/// Text that looks like news: Han characters common in names, place and organisation heads,
/// punctuation, quotes, bylines and line breaks in random order.
fn newsish() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "省",
        "市",
        "县",
        "区",
        "镇",
        "村",
        "社区",
        "街道",
        "局",
        "公司",
        "协会",
        "委员会",
        "书记",
        "董事长",
        "王",
        "李",
        "张",
        "刘",
        "陈",
        "明",
        "华",
        "建",
        "国",
        "北京",
        "四川省",
        "成都市",
        "清水县",
        "天水",
        "“",
        "”",
        "《",
        "》",
        "，",
        "。",
        "、",
        "；",
        "！",
        "\n",
        "\n\n",
        " ",
        "本报讯（",
        "）",
        "摄",
        "活动",
        "行动",
        "计划",
        "女士",
        "先生",
        "位于",
        "的",
        "在",
        "和",
        "1",
        "2024",
        "a",
        "Z",
        "——",
        "处方一：",
    ]);
    prop::collection::vec(atoms, 0..120).prop_map(|v| v.concat())
}

fn check_spans(x: &Extraction) -> Result<(), TestCaseError> {
    for e in &x.entities {
        for m in &e.mentions {
            let text = x.span_text(*m);
            prop_assert!(
                text.is_some(),
                "mention {m:?} of {} outside its article",
                e.label
            );
            let text = text.unwrap_or_default();
            prop_assert!(
                text == e.label || e.aliases.contains(&text),
                "mention text {text:?} is neither label {:?} nor an alias {:?}",
                e.label,
                e.aliases
            );
        }
    }
    for r in &x.relations {
        prop_assert!(r.source.index() < x.entities.len() && r.target.index() < x.entities.len());
        for s in &r.evidence {
            prop_assert!(
                x.span_text(*s).is_some(),
                "evidence {s:?} outside its article"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn spans_match_surfaces_on_newsish_pages(page in newsish()) {
        let drafts = corpus::read("p.txt", page.as_bytes());
        if let Ok(drafts) = drafts {
            let x = extract(drafts, common::knowledge());
            check_spans(&x)?;
        }
    }

    #[test]
    fn page_splitting_keeps_every_han_character(page in newsish()) {
        let han = |s: &str| s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
        let arts = page::split_page(&page);
        let kept: usize = arts.iter().map(|a| han(&a.text)).sum();
        // Layout repair joins and reorders, but never drops or duplicates text.
        prop_assert_eq!(kept, han(&page));
    }

    #[test]
    fn random_unicode_never_panics(s in "\\PC{0,300}") {
        let _ = page::split_page(&s);
        let x = extract(vec![corpus::Draft { title: String::new(), authors: vec![], editors: Vec::new(), date: None, source: "u".into(), text: s }], common::knowledge());
        check_spans(&x)?;
    }

    #[test]
    fn random_bytes_are_rejected_or_read(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        match corpus::read("b.bin", &bytes) {
            Ok(drafts) => check_spans(&extract(drafts, common::knowledge()))?,
            Err(e) => prop_assert!(e.to_string().starts_with("b.bin")),
        }
    }
}

/// Corrections built from random picks, each naming entities of the graph as the corrections
/// before it left it (as a user picks them on screen).
fn corrections_from(x: &Extraction, picks: &[(u8, u16, u16)]) -> Corrections {
    let mut cs = Corrections::default();
    for &(op, a, b) in picks {
        let now = cs.apply(x).x;
        if now.entities.is_empty() {
            break;
        }
        let ids = StableIds::of(&now);
        let pick = |i: u16| EntityId(u32::from(i) % now.entities.len() as u32);
        let (ea, eb) = (pick(a), pick(b));
        let id = |e: EntityId| ids.entity(e).unwrap_or_default().to_owned();
        let ent = &now.entities[ea.index()];
        cs.0.push(match op % 6 {
            0 => Correction::Merge {
                into: id(ea),
                from: id(eb),
            },
            1 => Correction::Split {
                entity: id(ea),
                alias: ent
                    .aliases
                    .get(usize::from(b) % ent.aliases.len().max(1))
                    .cloned()
                    .unwrap_or_default(),
            },
            2 => Correction::Rename {
                entity: id(ea),
                name: format!("{}{}", ent.label, b % 3),
            },
            3 => Correction::Kind {
                entity: id(ea),
                kind: EntityKind::ALL[usize::from(b) % 4],
            },
            4 => Correction::Delete { entity: id(ea) },
            _ => Correction::Hide { entity: id(ea) },
        });
    }
    cs
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever is corrected, in whatever order, the graph stays one the app can show: dense
    /// ids, relations between entities it has, no relation of an entity with itself, credits of
    /// people it has, every mention reading its entity's name or an alias, one hidden flag and
    /// one line of notes per entity, one outcome per correction.
    #[test]
    fn corrections_keep_the_graph_consistent(
        page in newsish(),
        picks in prop::collection::vec((any::<u8>(), any::<u16>(), any::<u16>()), 0..8),
    ) {
        let Ok(drafts) = corpus::read("p.txt", page.as_bytes()) else { return Ok(()) };
        let x = extract(drafts, common::knowledge());
        let cs = corrections_from(&x, &picks);
        let a = cs.apply(&x);
        prop_assert!(a.x.check_relations().is_ok());
        for (i, e) in a.x.entities.iter().enumerate() {
            prop_assert_eq!(e.id, EntityId(i as u32));
        }
        prop_assert!(a.x.relations.iter().all(|r| r.is_edge()));
        prop_assert!(a.x.credits.iter().all(|c| a.x.entity(c.person).is_some()));
        check_spans(&a.x)?;
        prop_assert_eq!(a.hidden.len(), a.x.entities.len());
        prop_assert_eq!(a.notes.len(), a.x.entities.len());
        prop_assert_eq!(a.outcomes.len(), cs.0.len());
        // Replayed, the same.
        prop_assert_eq!(cs.apply(&x), a);
    }
}
