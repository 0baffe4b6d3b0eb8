//! A graph JSON (as `guanxi extract` writes it) imported, pasted, saved and read back.

use super::*;

/// A graph JSON as `guanxi extract` writes it: the fixture with its own names, so that what is
/// shown can only come from the file (the demo is the fixture; nothing here is extracted).
fn graph() -> Extraction {
    let mut g = crate::app::session::tests::fixture();
    for e in &mut g.entities {
        e.label = format!("图{}", e.label);
    }
    g.articles[0].title = "图一".into();
    g
}

fn graph_file(name: &str, g: &Extraction) -> (String, Result<Vec<u8>, String>) {
    (name.into(), Ok(crate::io::export::json(g).into_bytes()))
}

#[test]
fn a_graph_json_is_shown_as_it_is_and_comes_back() {
    let mut s = session();
    let g = graph();
    let out = cmd(&mut s, Command::Import(vec![graph_file("top.json", &g)]));
    assert_eq!(
        status(&out),
        (
            "Loaded 1: top.json (graph JSON: 2 articles, 5 entities, 4 relations, UTF-8).",
            false
        )
    );
    assert!(out.corpus && out.sources);
    assert_eq!(s.showing(), Showing::Library);
    // The entities, relations and evidence as given: not extracted again.
    assert_eq!(s.explorer().x, g);
    let rows = s.source_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text, "top.json · graph JSON · UTF-8");
    assert_eq!(rows[0].count, 2);
    cmd(&mut s, Command::SelectRelation(crate::model::RelationId(2)));
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    // Saved (format 2, as it holds a graph) and shown again on the next visit.
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert!(saved.contains("\"version\":2"), "{saved}");
    let again = session_with(saved_work(&saved));
    assert_eq!(again.showing(), Showing::Library);
    assert_eq!(again.explorer().x, g);
    // Its JSON export is the graph again (and opens again); the page saved as HTML holds it.
    let out = cmd(&mut s, Command::Export(ExportFormat::Json, Scope::All));
    match &out.downloads[..] {
        [Download::File { body, .. }] => {
            assert_eq!(
                serde_json::from_slice::<Extraction>(body).ok(),
                Some(g.clone())
            );
            let mut lib = library::Library::default();
            let src = lib.add_file("guanxi.json", body).expect("opens again");
            assert_eq!(src.graph.as_ref(), Some(&g));
        }
        other => panic!("{other:?}"),
    }
    let out = cmd(&mut s, Command::Export(ExportFormat::Html, Scope::All));
    match &out.downloads[..] {
        [Download::Page { saved }] => {
            let (lib, _) = library::load(saved).expect("loads");
            assert_eq!(lib.graph().map(|(_, x)| x), Some(&g));
        }
        other => panic!("{other:?}"),
    }
    // Demo and back; removing it leaves no sources.
    cmd(&mut s, Command::ShowDemo);
    assert_eq!(s.explorer().x, crate::app::session::tests::fixture());
    cmd(&mut s, Command::ShowLibrary);
    assert_eq!(s.explorer().x, g);
    let out = cmd(&mut s, Command::RemoveSource(0));
    assert_eq!(status(&out).0, "Removed top.json.");
    assert_eq!(s.showing(), Showing::Demo);
}

/// Issue 19 item 3: a graph JSON saved before credits were their own (authorship as a
/// relation of the person with itself, the article in its `article` field) opens with its
/// credits, and the person's details say what they wrote.
#[test]
fn an_older_graph_json_with_authored_relations_opens_with_its_credits() {
    let g = graph();
    assert!(!g.credits.is_empty());
    let mut doc: serde_json::Value = serde_json::from_str(&crate::io::export::json(&g)).unwrap();
    let credits = doc.as_object_mut().unwrap().remove("credits").unwrap();
    for c in credits.as_array().unwrap() {
        let older = serde_json::json!({
            "source": c["person"], "target": c["person"], "kind": "authored", "weight": 1,
            "article": c["article"], "evidence": c.get("evidence").into_iter().collect::<Vec<_>>(),
        });
        doc["relations"].as_array_mut().unwrap().push(older);
    }
    let mut s = session();
    let file = ("older.json".into(), Ok(doc.to_string().into_bytes()));
    let out = cmd(&mut s, Command::Import(vec![file]));
    assert!(!status(&out).1, "{:?}", out.status);
    assert_eq!(s.explorer().x, g);
    cmd(&mut s, Command::SelectEntity(EntityId(3)));
    let wrote = crate::app::present::Block::Heading("wrote".into());
    assert!(s.explorer().detail_blocks().contains(&wrote));
}

#[test]
fn a_pasted_graph_json_opens_too() {
    let mut s = session();
    let g = graph();
    let out = cmd(&mut s, Command::Paste(crate::io::export::json(&g)));
    assert!(out.pasted);
    assert_eq!(
        status(&out).0,
        "Added pasted text 1 (graph JSON: 2 articles, 5 entities, 4 relations, UTF-8)."
    );
    assert_eq!(s.explorer().x, g);
}

#[test]
fn a_broken_graph_json_is_named_and_loses_nothing() {
    let mut s = session();
    import(&mut s, "a.txt", PAGE.as_bytes().to_vec());
    let before = s.explorer().x.clone();
    let saved_before = s.storage().get(STORAGE_KEY);
    let mut dangling = graph();
    dangling.relations[1].target = EntityId(9);
    let mut numbering = graph();
    numbering.entities[2].id = EntityId(7);
    let mut outside = graph();
    outside.relations[0].evidence[0].end = 99;
    let mut mention = graph();
    mention.entities[0].mentions[0].article = crate::model::ArticleId(5);
    let mut empty = graph();
    empty.entities.clear();
    empty.relations.clear();
    empty.credits.clear();
    type Case = (String, Result<Vec<u8>, String>, &'static str);
    let cases: Vec<Case> = vec![
        {
            let (n, b) = graph_file("dangling.json", &dangling);
            (n, b, "dangling.json: not a graph guanxi can show: relation 1 (within e2 -> e9) names entity e9, which the graph does not have (5 entities)")
        },
        {
            let (n, b) = graph_file("ids.json", &numbering);
            (n, b, "ids.json: not a graph guanxi can show: ")
        },
        {
            let (n, b) = graph_file("outside.json", &outside);
            (n, b, "outside.json: not a graph guanxi can show: r0: span a0 2..99 is not inside an article of the graph")
        },
        {
            let (n, b) = graph_file("mention.json", &mention);
            (
                n,
                b,
                "mention.json: not a graph guanxi can show: e0: span a5 0..2",
            )
        },
        {
            let (n, b) = graph_file("empty.json", &empty);
            (
                n,
                b,
                "empty.json: not a graph guanxi can show: it has no entities",
            )
        },
        (
            "cut.json".into(),
            Ok(crate::io::export::json(&graph()).as_bytes()[..200].to_vec()),
            "cut.json: not a graph guanxi can show: line ",
        ),
        (
            "shape.json".into(),
            Ok(br#"{"articles": [], "entities": [{"id": "x1"}], "relations": []}"#.to_vec()),
            "shape.json: not a graph guanxi can show: line 1: expected an id like e0",
        ),
    ];
    for (name, bytes, want) in cases {
        let out = cmd(&mut s, Command::Import(vec![(name.clone(), bytes)]));
        let (text, error) = status(&out);
        assert!(error, "{text}");
        assert!(text.starts_with("Not loaded (1): "), "{text}");
        assert!(text.contains(want), "{name}: {text}");
        assert!(!out.corpus);
        assert_eq!(s.explorer().x, before, "{name}");
        assert_eq!(s.library().sources.len(), 1);
        assert_eq!(s.storage().get(STORAGE_KEY), saved_before);
    }
}

#[test]
fn a_graph_json_is_not_mixed_with_other_sources() {
    let mut s = session();
    cmd(&mut s, Command::Paste(PAGE.into()));
    let before = s.explorer().x.clone();
    let out = cmd(
        &mut s,
        Command::Import(vec![graph_file("top.json", &graph())]),
    );
    assert_eq!(
        status(&out),
        (
            "Not loaded (1): top.json: a graph JSON opens on its own, not beside your other source; remove them first (✕ under Corpus) to open it.",
            true
        )
    );
    assert_eq!(s.explorer().x, before);
    cmd(&mut s, Command::RemoveSource(0));
    // A graph and articles in one go: the graph opens, the articles are refused.
    let out = cmd(
        &mut s,
        Command::Import(vec![
            graph_file("top.json", &graph()),
            ("a.txt".into(), Ok(PAGE.as_bytes().to_vec())),
            graph_file("two.json", &graph()),
        ]),
    );
    let (text, error) = status(&out);
    assert!(error);
    assert!(text.starts_with("Loaded 1: top.json (graph JSON"), "{text}");
    assert!(
        text.contains("a.txt: articles are not added to the graph JSON top.json"),
        "{text}"
    );
    assert!(
        text.contains(
            "two.json: a graph JSON opens on its own, not beside the graph JSON top.json"
        ),
        "{text}"
    );
    assert_eq!(s.explorer().x, graph());
    let out = cmd(&mut s, Command::Paste(PAGE.into()));
    assert!(status(&out).1 && !out.pasted);
    assert_eq!(s.explorer().x, graph());
}

#[test]
fn saved_work_with_articles_only_keeps_format_1_and_a_damaged_graph_is_set_aside() {
    let mut s = session();
    cmd(&mut s, Command::Paste(PAGE.into()));
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    // An older guanxi reads what this one writes for articles.
    assert!(saved.contains("\"version\":1"), "{saved}");
    // A graph that fails its check is not loaded, even with a good checksum.
    let mut lib = library::Library::default();
    lib.add_file("top.json", crate::io::export::json(&graph()).as_bytes())
        .expect("graph");
    if let Some(g) = lib.sources[0].graph.as_mut() {
        g.relations[0].target = EntityId(40);
    }
    let bad = library::save(&lib, "");
    let mut s = unopened(Rc::default(), saved_work(&bad));
    let text = open_refused(&mut s, "");
    assert!(
        text.contains("damaged") && text.contains("top.json"),
        "{text}"
    );
}

/// Shows every entity, relation and article of the graph shown, as the page would: detail,
/// passages, table, a frame. Nothing may panic.
fn show_everything(s: &mut Session) {
    let x = s.explorer().x.clone();
    let mut all = Vec::new();
    all.extend(x.entities.iter().map(|e| Command::SelectEntity(e.id)));
    all.extend(
        (0..x.relations.len()).map(|i| Command::SelectRelation(crate::model::RelationId(i as u32))),
    );
    all.extend(x.articles.iter().map(|a| Command::SelectArticle(a.id)));
    for c in all {
        cmd(s, c);
        let ex = s.explorer();
        crate::app::present::blocks_html(&ex.detail_blocks());
        crate::app::present::passages_html(ex, &ex.selected_passages());
        ex.table(s.sort());
        s.frame(2.0);
        s.explorer_mut().frame();
    }
}

#[test]
fn odd_but_consistent_graphs_show_without_panicking() {
    use crate::model::{ArticleId, Relation, RelationKind, Span};
    let sp = |a, start, end| Span {
        article: ArticleId(a),
        start,
        end,
    };
    let mut odd = Vec::new();
    // Huge weights, a self-loop, a duplicate relation, empty and overlapping spans, an empty
    // label, an entity never mentioned, a credit twice.
    let mut g = graph();
    g.relations[0].weight = u32::MAX;
    g.relations[1].weight = u32::MAX;
    g.relations.push(g.relations[0].clone());
    g.relations.push(Relation {
        source: EntityId(2),
        target: EntityId(2),
        kind: RelationKind::CoOccurs,
        label: None,
        weight: u32::MAX,
        evidence: vec![sp(1, 0, 0)],
    });
    g.credits.push(g.credits[0].clone());
    g.entities[4].mentions.clear();
    g.entities[4].label = String::new();
    g.entities[0].mentions.push(sp(0, 0, 0));
    g.entities[0].mentions.push(sp(0, 1, 3));
    g.entities[0].mentions.push(sp(0, 0, 9));
    g.entities[0].mentions.push(sp(1, 0, 5));
    odd.push(g);
    // No articles at all: entities and relations only.
    let mut g = graph();
    g.articles.clear();
    for e in &mut g.entities {
        e.mentions.clear();
    }
    for r in &mut g.relations {
        r.evidence.clear();
    }
    g.credits.clear();
    odd.push(g);
    // One entity, no relation.
    let mut g = graph();
    g.entities.truncate(1);
    g.relations.clear();
    g.credits.clear();
    odd.push(g);
    for g in odd {
        crate::io::subgraph::check(&g).expect("consistent");
        let mut s = session();
        let out = cmd(&mut s, Command::Import(vec![graph_file("odd.json", &g)]));
        assert!(!status(&out).1, "{:?}", out.status);
        assert_eq!(s.explorer().x, g);
        show_everything(&mut s);
        for c in [
            Command::Focus(crate::app::view::Depth::Two),
            Command::Export(ExportFormat::Gexf, Scope::All),
            Command::Export(ExportFormat::Csv, Scope::View),
            Command::Export(ExportFormat::Svg, Scope::All),
        ] {
            cmd(&mut s, c);
        }
    }
}
