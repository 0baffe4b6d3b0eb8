//! The session's sources: imports, pasted text, the demo and the user's sources, a large
//! extraction over frames, saved work, storage failures and exports.

use crate::app::session::tests::{
    cmd, demo, open_refused, saved_work, selected_entity, session, session_with, status, unopened,
    Tick,
};
use crate::app::session::*;
use crate::io::library;
use crate::model::{EntityId, EntityKind, Extraction};
use std::rc::Rc;

const PAGE: &str = "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n";

/// Another page (the same one again would be left out as already loaded).
const PAGE2: &str = "第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n";

/// Imports one file of `bytes` named `name`.
fn import(s: &mut Session, name: &str, bytes: Vec<u8>) -> Output {
    cmd(s, Command::Import(vec![(name.into(), Ok(bytes))]))
}

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
    let out = import(&mut s, "e.txt", Vec::new());
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
    let mut installing = 0;
    let done = loop {
        let out = s.frame(4.0);
        match out.progress {
            Some(Progress::At { done, total, .. }) => steps.push((done, total)),
            Some(Progress::Hide) => break out,
            // The graph is made over frames once every article is read.
            None => installing += 1,
            other => panic!("{other:?}"),
        }
        assert_eq!(s.explorer().x.articles.len(), 2, "the demo stays meanwhile");
    };
    // Articles read, then a full bar while the graph is made.
    let (last, read) = steps.split_last().expect("progress");
    assert_eq!(*last, (20, 20));
    assert!(
        read.len() > 2 && read.iter().all(|&(d, t)| d < t && t == 20),
        "{steps:?}"
    );
    assert!(installing > 0);
    assert!(!done.corpus && s.frame(4.0).view, "drawn, then the panels");
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
    import(&mut s, "b.txt", PAGE2.as_bytes().to_vec());
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
    let storage = saved_work(&saved);
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
    assert_eq!(selected_entity(&s), Some(0));

    let damaged = saved.replace("第二篇", "第三篇");
    let storage = saved_work(&damaged);
    let mut s = Session::new(Box::new(Tick(Rc::default())), Box::new(storage), demo);
    assert_eq!(
        open_refused(&mut s, "#sel=e1"),
        "the saved work fails its checksum; it was set aside and not loaded"
    );
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
            ..MemoryStorage::default()
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
    let out = import(&mut s, "x.txt", PAGE2.into());
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
    s.persist();
    let out = s.frame(1.0);
    assert_eq!(
        status(&out),
        (
            "Your articles stay open, but could not be saved in this browser: the storage is full (no space left)",
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
    let storage = saved_work(&saved);
    let again = session_with(storage);
    assert_eq!(hidden(&again), both);
    // Ticking the row shows them again.
    cmd(&mut s, Command::ShowRelation(Within, true));
    assert_eq!(hidden(&s), [CoOccurs].into());
}

#[test]
fn the_same_page_imported_again_in_gbk_is_reported_and_not_counted_twice() {
    let mut s = session();
    import(&mut s, "a.txt", PAGE.as_bytes().to_vec());
    cmd(&mut s, Command::ShowKind(EntityKind::Person, false));
    let before = (s.explorer().x.clone(), s.explorer().view().clone());
    let (gbk, _, _) = encoding_rs::GBK.encode(PAGE);
    let out = import(&mut s, "a-gbk.txt", gbk.to_vec());
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
    let out = import(&mut s, "b.txt", more.into_bytes());
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
        ..MemoryStorage::default()
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

mod graph_json;
