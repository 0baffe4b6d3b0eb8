//! The session's sources: imports, pasted text, the demo and the user's sources, a large
//! extraction over frames, saved work, storage failures and exports.

use crate::app::session::tests::{cmd, demo, session, session_with, status, Tick};
use crate::app::session::*;
use crate::io::library;
use crate::model::{EntityId, EntityKind, Extraction};
use std::rc::Rc;

const PAGE: &str = "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n";

/// Another page (the same one again would be left out as already loaded).
const PAGE2: &str = "第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n";

#[test]
fn imports_report_each_file_and_are_saved() {
    let mut s = session();
    let out = cmd(
        &mut s,
        Command::Import(vec![
            ("a.txt".into(), Ok(PAGE.as_bytes().to_vec())),
            (
                "b.txt".into(),
                Err("the browser could not read this file".into()),
            ),
            ("c.png".into(), Ok(b"\x89PNG\r\n\x1a\n\0\0\0".to_vec())),
        ]),
    );
    let (text, error) = status(&out);
    assert!(error);
    assert!(
        text.starts_with("Loaded 1: a.txt (1 article, UTF-8)."),
        "{text}"
    );
    assert!(
        text.contains("Not loaded (2): b.txt: the browser could not read this file;"),
        "{text}"
    );
    assert!(out.corpus && out.sources);
    assert_eq!(s.showing(), Showing::Library);
    assert_eq!(s.explorer().x.articles.len(), 1);
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert_eq!(library::load(&saved).map(|(l, _)| l.sources.len()), Ok(1));
    let rows = s.source_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].remove, Some((0, "Remove a.txt · UTF-8".to_owned())));
    // Nothing readable: nothing changes.
    let out = cmd(
        &mut s,
        Command::Import(vec![("e.txt".into(), Ok(Vec::new()))]),
    );
    assert!(status(&out).1 && !out.corpus);
}

#[test]
fn many_failures_are_summarised() {
    let files = (0..7)
        .map(|i| (format!("f{i}.txt"), Err("bad".to_owned())))
        .collect();
    let out = cmd(&mut session(), Command::Import(files));
    assert!(
        status(&out).0.ends_with("f4.txt: bad and 2 more."),
        "{:?}",
        out.status
    );
}

#[test]
fn paste_demo_my_sources_and_remove() {
    let mut s = session();
    let out = cmd(&mut s, Command::ShowLibrary);
    assert_eq!(
        status(&out).0,
        "No sources yet: open files, drop them here, or paste text."
    );
    let out = cmd(&mut s, Command::Paste("   ".into()));
    assert!(status(&out).1 && !out.pasted);
    let out = cmd(&mut s, Command::Paste(PAGE.into()));
    assert!(out.pasted && out.corpus);
    assert_eq!(status(&out).0, "Added pasted text 1 (1 article).");
    let out = cmd(&mut s, Command::ShowDemo);
    assert_eq!(s.showing(), Showing::Demo);
    assert_eq!(s.explorer().x.articles.len(), 2);
    assert!(status(&out).0.starts_with("Showing the demo page"));
    assert_eq!(s.source_rows().len(), 2);
    let out = cmd(&mut s, Command::ShowLibrary);
    assert_eq!(s.showing(), Showing::Library);
    assert_eq!(status(&out), (s.summary().as_str(), false));
    let out = cmd(&mut s, Command::RemoveSource(0));
    assert_eq!(status(&out).0, "Removed pasted text 1.");
    assert_eq!(s.showing(), Showing::Demo);
    // Nothing to remove: nothing changes but the message, which gives way to the summary.
    let out = cmd(&mut s, Command::RemoveSource(5));
    assert_eq!(status(&out).0, s.summary());
    assert!(!out.corpus && !out.sources);
    assert!(cmd(&mut s, Command::RemoveSource(5)) == Output::default());
}

#[test]
fn a_large_import_runs_over_frames_and_keeps_the_picture_meanwhile() {
    let mut s = session().with_large_corpus(1);
    let files = (0..20)
        .map(|i| {
            (
                format!("{i}.txt"),
                Ok(PAGE.replace("王明", &format!("王{i}")).into_bytes()),
            )
        })
        .collect();
    let out = cmd(&mut s, Command::Import(files));
    assert_eq!(out.progress, Some(Progress::Show));
    assert!(!out.corpus && s.is_extracting());
    assert_eq!(s.explorer().x.articles.len(), 2, "the demo stays meanwhile");
    let mut steps = Vec::new();
    let done = loop {
        let out = s.frame(4.0);
        match out.progress {
            Some(Progress::At { done, total }) => steps.push((done, total)),
            Some(Progress::Hide) => break out,
            other => panic!("{other:?}"),
        }
    };
    assert!(
        steps.len() > 2 && steps.iter().all(|&(d, t)| d < t && t == 20),
        "{steps:?}"
    );
    assert!(done.corpus);
    assert!(status(&done).0.starts_with("Extracted 20 articles in "));
    assert_eq!(s.explorer().x.articles.len(), 20);
    assert!(!s.is_extracting());
}

#[test]
fn cancelling_an_import_drops_its_sources_only() {
    let mut s = session().with_large_corpus(1);
    cmd(&mut s, Command::Paste(PAGE.into()));
    s.frame(1000.0);
    assert_eq!(s.library().sources.len(), 1);
    cmd(
        &mut s,
        Command::Import(vec![("b.txt".into(), Ok(PAGE2.as_bytes().to_vec()))]),
    );
    let out = cmd(&mut s, Command::CancelImport);
    assert_eq!(status(&out).0, "Import cancelled; nothing changed.");
    assert_eq!(out.progress, Some(Progress::Hide));
    assert_eq!(s.library().sources.len(), 1);
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert_eq!(library::load(&saved).map(|(l, _)| l.sources.len()), Ok(1));
    let out = cmd(&mut s, Command::CancelImport);
    assert_eq!(
        status(&out).0,
        s.summary(),
        "the message gives way to the summary"
    );
    assert_eq!(cmd(&mut s, Command::CancelImport), Output::default());
}

#[test]
fn saved_work_comes_back_and_damaged_work_is_set_aside() {
    let mut first = session();
    cmd(&mut first, Command::Paste(PAGE.into()));
    cmd(&mut first, Command::Paste(PAGE.replace("第一篇", "第二篇")));
    let stored = first.storage().get(STORAGE_KEY).expect("saved");
    assert_eq!(
        library::load(&stored),
        Ok((first.library().clone(), String::new()))
    );
    let saved = library::save(first.library(), "sel=e0");
    let storage = MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), saved.clone())].into(),
        full: false,
    };
    assert!(has_saved_work(false, &storage));
    assert!(!has_saved_work(false, &MemoryStorage::default()));
    assert!(needs_recogniser_at_start("#sel=e1", false, &storage));
    assert!(needs_recogniser_at_start(
        "",
        true,
        &MemoryStorage::default()
    ));
    assert!(needs_recogniser_at_start(
        "#bench&mode=ner",
        false,
        &MemoryStorage::default()
    ));
    assert!(!needs_recogniser_at_start(
        "#sel=e1",
        false,
        &MemoryStorage::default()
    ));
    let s = session_with(storage);
    assert_eq!(s.showing(), Showing::Library);
    assert_eq!(s.library().sources.len(), 2);
    assert_eq!(
        s.explorer().view().selection,
        Some(Selection::Entity(EntityId(0)))
    );

    let damaged = saved.replace("第二篇", "第三篇");
    let storage = MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), damaged.clone())].into(),
        full: false,
    };
    let mut s = Session::new(Box::new(Tick(Rc::default())), Box::new(storage), demo);
    let (_, view) = s.open(None);
    let out = s.show_view("#sel=e1", view);
    assert_eq!(
        status(&out),
        (
            "the saved work fails its checksum; it was set aside and not loaded",
            true
        )
    );
    assert_eq!(s.showing(), Showing::Demo);
    assert_eq!(s.storage().get(STORAGE_KEY), None);
    assert_eq!(
        s.storage().get("guanxi:state:set-aside:1700000000000"),
        Some(damaged)
    );
    // A project embedded in the page wins over storage, and is never set aside.
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(MemoryStorage {
            items: [(STORAGE_KEY.to_owned(), "junk".to_owned())].into(),
            full: false,
        }),
        demo,
    );
    let (_, view) = s.open(Some(&saved));
    assert_eq!(view.as_deref(), Some("sel=e0"));
    assert_eq!(s.library().sources.len(), 2);
    assert_eq!(s.storage().get(STORAGE_KEY).as_deref(), Some("junk"));
}

#[test]
fn a_full_storage_is_reported_and_the_articles_stay() {
    let mut s = session_with(MemoryStorage {
        full: true,
        ..MemoryStorage::default()
    });
    let out = cmd(&mut s, Command::RemoveSource(0));
    assert_eq!(out, Output::default());
    cmd(&mut s, Command::Paste(PAGE.into()));
    let out = cmd(&mut s, Command::RemoveSource(0));
    // The last message wins: the removal is reported, after the storage problem.
    assert_eq!(status(&out).0, "Removed pasted text 1.");
    let out = cmd(&mut s, Command::Paste(PAGE.into()));
    assert_eq!(status(&out).0, "Added pasted text 1 (1 article).");
    let out = cmd(
        &mut s,
        Command::Import(vec![("x.txt".into(), Ok(PAGE2.into()))]),
    );
    assert!(status(&out).0.starts_with("Loaded 1"));
    let mut s = session_with(MemoryStorage {
        full: true,
        ..MemoryStorage::default()
    })
    .with_large_corpus(1);
    cmd(&mut s, Command::Paste(PAGE.into()));
    let mut out = s.frame(1000.0);
    while out.progress != Some(Progress::Hide) {
        out = s.frame(1000.0);
    }
    assert!(status(&out).0.starts_with("Extracted 1 article in"));
    cmd(&mut s, Command::Paste(PAGE2.into()));
    let out = cmd(&mut s, Command::CancelImport);
    assert_eq!(status(&out).0, "Import cancelled; nothing changed.");
    // Storage errors surface where nothing else is said.
    let mut s = session_with(MemoryStorage {
        full: true,
        ..MemoryStorage::default()
    });
    let mut out = Output::default();
    s.persist(&mut out);
    assert_eq!(
        status(&out),
        (
            "Your articles stay open, but could not be saved in this browser: the storage is full",
            true
        )
    );
}

#[test]
fn exports_name_their_files_and_follow_the_view() {
    let mut s = session();
    let files = |out: &Output| -> Vec<&'static str> {
        out.downloads
            .iter()
            .map(|d| match d {
                Download::File { name, .. } => *name,
                Download::Png => "png",
                Download::Page { .. } => "page",
            })
            .collect()
    };
    let out = cmd(&mut s, Command::Export(ExportFormat::Csv, Scope::All));
    assert_eq!(files(&out), ["guanxi-nodes.csv", "guanxi-edges.csv"]);
    assert_eq!(status(&out).0, "Exported csv.");
    for f in ExportFormat::ALL {
        assert_eq!(ExportFormat::parse(f.as_str()), Some(f));
        assert!(!cmd(&mut s, Command::Export(f, Scope::All))
            .downloads
            .is_empty());
    }
    cmd(&mut s, Command::ShowKind(EntityKind::Person, false));
    let json = |out: &Output| match &out.downloads[0] {
        Download::File { body, .. } => serde_json::from_slice::<Extraction>(body).unwrap(),
        other => panic!("{other:?}"),
    };
    let all = json(&cmd(
        &mut s,
        Command::Export(ExportFormat::Json, Scope::All),
    ));
    let view = json(&cmd(
        &mut s,
        Command::Export(ExportFormat::Json, Scope::View),
    ));
    assert_eq!((all.entities.len(), view.entities.len()), (5, 4));
    let out = cmd(&mut s, Command::Export(ExportFormat::Html, Scope::All));
    match &out.downloads[..] {
        [Download::Page { saved }] => assert!(library::load(saved).is_ok()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_kind_filter_works_after_every_corpus_change() {
    use crate::app::present;
    use crate::app::session::Threshold;
    let mut s = session();
    let changes = [
        Command::Import(vec![("a.txt".into(), Ok(PAGE.as_bytes().to_vec()))]),
        Command::ShowDemo,
        Command::ShowLibrary,
    ];
    for change in changes {
        assert!(cmd(&mut s, change).corpus);
        // The page makes the boxes again and finds the kind of the one changed by its id.
        let html = present::kind_filters_html(&s.explorer().kind_rows());
        assert!(html.contains("id=\"kind-filter-place\""));
        let kind = present::kind_of_filter("kind-filter-place").expect("a kind");
        let out = cmd(&mut s, Command::ShowKind(kind, false));
        assert!(out.view);
        let places: Vec<EntityId> = s
            .explorer()
            .x
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Place)
            .map(|e| e.id)
            .collect();
        assert!(!places.is_empty() && places.iter().all(|&e| !s.explorer().is_visible(e)));
        // Another filter keeps the box unticked.
        cmd(&mut s, Command::Threshold(Threshold::Weight, "2".into()));
        let c = s.explorer().control_state();
        assert!(c.checked.contains(&("kind-filter-place".to_owned(), false)));
        cmd(&mut s, Command::ShowKind(kind, true));
        cmd(&mut s, Command::Threshold(Threshold::Weight, "1".into()));
    }
    assert_eq!(present::kind_of_filter("kind-filter-robot"), None);
    assert_eq!(present::kind_of_filter("co-occurs"), None);
}

#[test]
fn hidden_relation_kinds_stay_hidden_in_the_hash_the_saved_work_and_after_corpus_changes() {
    use crate::model::RelationKind::{CoOccurs, Within};
    let mut s = session();
    let out = cmd(&mut s, Command::ShowRelation(Within, false));
    assert!(out.view);
    assert!(s.explorer().view_hash().contains("hiderel=within"));
    // The same-sentence box and the legend's row are one setting.
    cmd(&mut s, Command::CoOccurrence(false));
    let c = s.explorer().control_state();
    assert!(c.checked.contains(&("co-occurs".to_owned(), false)));
    let props = s.properties();
    let legend = props
        .iter()
        .find(|(id, name, _)| id == "relation-legend" && *name == "innerHTML")
        .map(|(_, _, v)| v.clone());
    match legend {
        Some(Prop::Text(html)) => {
            assert!(html.contains("value=\"co_occurs\">") && html.contains("value=\"within\">"))
        }
        other => panic!("{other:?}"),
    }
    let hidden = |s: &Session| s.explorer().view().filters.hidden_relations.clone();
    let both: std::collections::BTreeSet<_> = [Within, CoOccurs].into();
    for change in [
        Command::Import(vec![("a.txt".into(), Ok(PAGE.as_bytes().to_vec()))]),
        Command::ShowDemo,
        Command::ShowLibrary,
        Command::Paste("第二篇\n\n湖北省宜昌市开展培训。\n".into()),
    ] {
        assert!(cmd(&mut s, change).corpus);
        assert_eq!(hidden(&s), both);
        for (i, r) in s.explorer().x.relations_with_ids() {
            if matches!(r.kind, Within | CoOccurs) {
                assert!(!s.explorer().is_relation_visible(i), "{r:?}");
            }
        }
    }
    // The saved work keeps them, and a reload brings them back.
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    let storage = MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), saved)].into(),
        full: false,
    };
    let again = session_with(storage);
    assert_eq!(hidden(&again), both);
    // Ticking the row shows them again.
    cmd(&mut s, Command::ShowRelation(Within, true));
    assert_eq!(hidden(&s), [CoOccurs].into());
}

#[test]
fn the_same_page_imported_again_in_gbk_is_reported_and_not_counted_twice() {
    let mut s = session();
    cmd(
        &mut s,
        Command::Import(vec![("a.txt".into(), Ok(PAGE.as_bytes().to_vec()))]),
    );
    cmd(&mut s, Command::ShowKind(EntityKind::Person, false));
    let before = (s.explorer().x.clone(), s.explorer().view().clone());
    let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
    let out = cmd(
        &mut s,
        Command::Import(vec![("a-gbk.txt".into(), Ok(gbk.to_vec()))]),
    );
    assert_eq!(
        status(&out),
        (
            "Not loaded (1): a-gbk.txt: the same text is already loaded (a.txt); not added again.",
            true
        )
    );
    // Nothing the user had changes: the corpus, the view, the saved sources.
    assert!(!out.corpus);
    assert_eq!(
        (s.explorer().x.clone(), s.explorer().view().clone()),
        before
    );
    assert_eq!(s.library().sources.len(), 1);
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert_eq!(library::load(&saved).map(|(l, _)| l.article_count()), Ok(1));
    // Pasted again: the same, and the paste box stays open with the text.
    let out = cmd(&mut s, Command::Paste(PAGE.into()));
    assert!(status(&out).0.contains("already loaded (a.txt)") && !out.pasted);
    // A file with the page and a new article adds the new one and says what it left out.
    let more = format!("{PAGE}\n第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n");
    let out = cmd(
        &mut s,
        Command::Import(vec![("b.txt".into(), Ok(more.into_bytes()))]),
    );
    assert_eq!(
        status(&out),
        (
            "Loaded 1: b.txt (1 article, UTF-8; 1 article already loaded left out).",
            false
        )
    );
    assert_eq!(s.explorer().x.articles.len(), 2);
}

#[test]
fn the_demo_chosen_stays_chosen_after_a_reload() {
    let mut s = session();
    cmd(&mut s, Command::Paste(PAGE.into()));
    cmd(&mut s, Command::ShowDemo);
    let copy = |s: &Session| MemoryStorage {
        items: [STORAGE_KEY, SHOWING_KEY]
            .iter()
            .filter_map(|k| Some((k.to_string(), s.storage().get(k)?)))
            .collect(),
        full: false,
    };
    let storage = copy(&s);
    let mut again = session_with(storage);
    assert_eq!(again.showing(), Showing::Demo);
    assert_eq!(again.explorer().x.articles.len(), 2);
    assert_eq!(again.library().sources.len(), 1, "the sources are kept");
    cmd(&mut again, Command::ShowLibrary);
    let storage = copy(&again);
    assert_eq!(session_with(storage).showing(), Showing::Library);
}

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
    let again = session_with(MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), saved)].into(),
        full: false,
    });
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
    cmd(
        &mut s,
        Command::Import(vec![("a.txt".into(), Ok(PAGE.as_bytes().to_vec()))]),
    );
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
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(MemoryStorage {
            items: [(STORAGE_KEY.to_owned(), bad)].into(),
            full: false,
        }),
        demo,
    );
    let (_, view) = s.open(None);
    let out = s.show_view("", view);
    let (text, error) = status(&out);
    assert!(
        error && text.contains("damaged") && text.contains("top.json"),
        "{text}"
    );
    assert_eq!(s.showing(), Showing::Demo);
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
    // label, an entity never mentioned, authorship without an article.
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
        article: None,
        evidence: vec![sp(1, 0, 0)],
    });
    let mut authored = g.relations[4].clone();
    authored.article = None;
    g.relations.push(authored);
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
        r.article = None;
    }
    odd.push(g);
    // One entity, no relation.
    let mut g = graph();
    g.entities.truncate(1);
    g.relations.clear();
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
