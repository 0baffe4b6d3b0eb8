//! Correcting the graph by hand, driven as the page drives it: select, a tool's command, the
//! list and its undo; kept in the saved work and applied again to a new extraction.

use super::Curate;
use crate::app::session::tests::{cmd, fixture, status, Tick};
use crate::app::session::*;
use crate::app::view::Selection;
use crate::app::Explorer;
use crate::model::{ArticleId, EntityId, EntityKind, Span};
use std::rc::Rc;

fn curate(s: &mut Session, c: Curate) -> Output {
    cmd(s, Command::Curate(c))
}

fn select(s: &mut Session, id: &str) {
    let out = cmd(s, Command::SelectNamed(id.into()));
    assert!(out.view, "{id} selected");
}

fn labels(s: &Session) -> Vec<String> {
    s.explorer()
        .x
        .entities
        .iter()
        .map(|e| e.label.clone())
        .collect()
}

fn selected_label(s: &Session) -> Option<String> {
    match s.explorer().view().selection {
        Some(Selection::Entity(e)) => s.explorer().x.entity(e).map(|e| e.label.clone()),
        _ => None,
    }
}

fn rows(s: &Session) -> usize {
    s.corrections_html()
        .matches("data-testid=\"correction-row\"")
        .count()
}

/// The demo fixture with an alias: 乙县 is also read 乙 in the second article.
fn aliased() -> Explorer {
    let mut x = fixture();
    let e = &mut x.entities[1];
    e.aliases = vec!["乙".into()];
    e.mentions.push(Span {
        article: ArticleId(1),
        start: 0,
        end: 1,
    });
    e.mentions.sort();
    Explorer::new(x)
}

fn session_of(storage: MemoryStorage) -> Session {
    let mut s = Session::new(Box::new(Tick(Rc::default())), Box::new(storage), aliased);
    s.handle(Event::Resize {
        width: 800.0,
        height: 600.0,
    });
    let (_, saved) = s.open(None);
    s.show_view("", saved);
    s
}

fn fresh() -> Session {
    session_of(MemoryStorage::default())
}

/// The entity of stable id `id`, which must still be there.
fn kept(s: &Session, id: &str) -> EntityId {
    s.explorer().stable_ids().entity_of(id).expect("kept")
}

/// A fresh session in which 乙县 was renamed 乙区.
fn renamed() -> Session {
    let mut s = fresh();
    select(&mut s, "place:乙县");
    curate(&mut s, Curate::Rename("乙区".into()));
    s
}

#[test]
fn a_rename_is_marked_listed_saved_and_undone() {
    let mut s = fresh();
    select(&mut s, "place:乙县");
    assert!(!s.detail_html().contains("data-testid=\"corrected\""));
    assert!(s.detail_html().contains("data-testid=\"curate-rename\""));
    let out = curate(&mut s, Curate::Rename(" 乙区 ".into()));
    assert_eq!(status(&out), ("Renamed 乙县 to 乙区.", false));
    assert!(out.corpus && out.view);
    assert_eq!(selected_label(&s).as_deref(), Some("乙区"));
    assert_eq!(s.explorer().view_hash(), "sel=place:%E4%B9%99%E5%8C%BA");
    // A link prepared before the rename still opens on the entity.
    s.handle(Event::HashChanged("#sel=place:%E4%B9%99%E5%8E%BF".into()));
    assert_eq!(selected_label(&s).as_deref(), Some("乙区"));
    assert_eq!(s.explorer().view_hash(), "sel=place:%E4%B9%99%E5%8C%BA");
    let html = s.detail_html();
    assert!(
        html.contains("data-testid=\"corrected\">✎ Corrected by hand: renamed from 乙县.</p>"),
        "{html}"
    );
    // Under the title and its line, before the relations.
    assert!(html.find("corrected").unwrap_or(0) < html.find("<h3>").unwrap_or(0));
    assert_eq!(rows(&s), 1);
    assert!(s.corrections_html().contains("Renamed 乙县 to 乙区"));
    let props = s.properties();
    assert!(props.contains(&("corrections".into(), "hidden", Prop::Flag(false))));
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert!(saved.contains("rename"), "{saved}");
    // Undo: the name as read, no mark, an empty list, saved so.
    let out = curate(&mut s, Curate::Undo(0));
    assert_eq!(status(&out), ("Undone: Renamed 乙县 to 乙区.", false));
    assert!(labels(&s).contains(&"乙县".to_owned()));
    assert!(s.corrections().is_empty());
    assert_eq!(rows(&s), 0);
    assert!(s
        .properties()
        .contains(&("corrections".into(), "hidden", Prop::Flag(true))));
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    assert!(!saved.contains("rename"), "{saved}");
    // An undo of what is not in the list does nothing.
    let out = curate(&mut s, Curate::Undo(3));
    assert!(!out.corpus && !out.view && out.downloads.is_empty());
}

#[test]
fn merge_split_kind_delete_and_hide() {
    let mut s = fresh();
    select(&mut s, "place:甲市");
    // 丁省 found by name, as the search box finds it; 甲市 keeps its name.
    let out = curate(&mut s, Curate::MergeWith("丁省".into()));
    assert_eq!(status(&out), ("Merged 丁省 into 甲市.", false));
    assert_eq!(labels(&s), ["甲市", "乙县", "丙局", "王明"]);
    assert_eq!(selected_label(&s).as_deref(), Some("甲市"));
    let x = &s.explorer().x;
    assert_eq!(x.entities[0].aliases, ["丁省"]);
    assert!(x
        .relations
        .iter()
        .all(|r| r.source != r.target || !r.is_edge()));
    assert!(s.detail_html().contains("merged with 丁省"));
    // An alias split off: its own entity, selected.
    select(&mut s, "place:乙县");
    assert!(s.detail_html().contains("data-curate=\"split:乙\""));
    let out = curate(&mut s, Curate::Split("乙".into()));
    assert_eq!(status(&out), ("Split 乙 off 乙县.", false));
    assert_eq!(selected_label(&s).as_deref(), Some("乙"));
    assert!(s.detail_html().contains("split off 乙县"));
    // Another kind.
    select(&mut s, "organisation:丙局");
    curate(&mut s, Curate::Kind(EntityKind::Programme));
    assert_eq!(
        s.explorer().stable_ids().entity_of("programme:丙局"),
        Some(EntityId(2))
    );
    // Hidden: still in the graph, not shown, not in the table.
    select(&mut s, "person:王明");
    let out = curate(&mut s, Curate::Hide);
    assert_eq!(status(&out), ("Hid 王明.", false));
    let wang = kept(&s, "person:王明");
    assert!(!s.explorer().is_visible(wang));
    assert!(s.is_hidden_by_hand(wang));
    assert_eq!(s.explorer().view().selection, None);
    assert!(!s.explorer().table(s.sort()).0.contains("王明"));
    // Found by search, it is said to be hidden by hand; the filters stay as they are.
    let out = cmd(&mut s, Command::ChooseSuggestion("王明".into()));
    assert_eq!(
        status(&out),
        (
            "王明 is hidden by hand (Undo under Corrected by hand shows it).",
            false
        )
    );
    assert!(s.detail_html().contains("Corrected by hand: hidden."));
    let out = curate(&mut s, Curate::Hide);
    assert_eq!(
        status(&out),
        ("王明 is already hidden; nothing changed.", true)
    );
    // Deleted: gone with its relations.
    select(&mut s, "place:乙");
    let out = curate(&mut s, Curate::Delete);
    assert_eq!(status(&out), ("Deleted 乙.", false));
    assert_eq!(s.explorer().stable_ids().entity_of("place:乙"), None);
    assert!(s.explorer().x.check_relations().is_ok());
    assert_eq!(rows(&s), 5);
    // Every correction is listed, in order, and the summary counts what is left.
    let list = s.corrections_html();
    let order: Vec<usize> = ["Merged", "Split", "Made 丙局 a programme", "Hid", "Deleted"]
        .iter()
        .map(|w| list.find(w).expect(w))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{list}");
    assert!(s.summary().contains("4 entities"), "{}", s.summary());
}

#[test]
fn bad_input_says_why_and_loses_nothing() {
    let mut s = fresh();
    let before = s.explorer().x.clone();
    let out = curate(&mut s, Curate::Delete);
    assert_eq!(
        status(&out),
        ("Select an entity first, then correct it.", true)
    );
    select(&mut s, "place:甲市");
    for (c, says) in [
        (
            Curate::Rename("  ".into()),
            "Type the new name first; nothing changed.",
        ),
        (
            Curate::Rename("甲市".into()),
            "甲市 already has that name; nothing changed.",
        ),
        (
            Curate::MergeWith("".into()),
            "Type the name of the entity to merge into 甲市; nothing changed.",
        ),
        (
            Curate::MergeWith("甲".into()),
            "“甲” is 甲市 itself: an entity cannot be merged with itself; nothing changed.",
        ),
        (
            Curate::MergeWith("无此地".into()),
            "No entity matches “无此地”; nothing changed.",
        ),
        (
            Curate::Kind(EntityKind::Place),
            "Nothing changed: 甲市 is already a place.",
        ),
        (
            Curate::Split("丁省".into()),
            "Nothing changed: 丁省 is not an alias of 甲市.",
        ),
    ] {
        let out = curate(&mut s, c.clone());
        assert_eq!(status(&out), (says, true), "{c:?}");
        assert!(!out.corpus, "{c:?}");
    }
    assert_eq!(s.explorer().x, before);
    assert!(s.corrections().is_empty());
    assert_eq!(selected_label(&s).as_deref(), Some("甲市"));
    assert_eq!(s.storage().get(STORAGE_KEY), None);
}

#[test]
fn corrections_come_back_after_a_reload_and_a_new_extraction() {
    let mut s = renamed();
    select(&mut s, "place:丁省");
    curate(&mut s, Curate::Hide);
    // The demo shown again is extracted again: the corrections apply again.
    cmd(&mut s, Command::ShowDemo);
    assert!(labels(&s).contains(&"乙区".to_owned()));
    // A reload reads them from the saved work.
    let saved = s.storage().get(STORAGE_KEY).expect("saved");
    let again = session_of(MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), saved)].into(),
        ..MemoryStorage::default()
    });
    assert!(labels(&again).contains(&"乙区".to_owned()));
    let d = kept(&again, "place:丁省");
    assert!(!again.explorer().is_visible(d));
    assert_eq!(rows(&again), 2);
    // The exports carry them; a view export leaves the hidden entity out.
    let mut again = again;
    let out = cmd(&mut again, Command::Export(ExportFormat::Json, Scope::All));
    let Some(Download::File { body, .. }) = out.downloads.first() else {
        panic!("a file")
    };
    let json = String::from_utf8_lossy(body);
    assert!(json.contains("乙区") && json.contains("丁省"));
    let out = cmd(&mut again, Command::Export(ExportFormat::Json, Scope::View));
    let Some(Download::File { body, .. }) = out.downloads.first() else {
        panic!("a file")
    };
    assert!(!String::from_utf8_lossy(body).contains("丁省"));
    // GEXF, GraphML and CSV say what was corrected by hand, and of nothing else.
    for format in [ExportFormat::Gexf, ExportFormat::Graphml, ExportFormat::Csv] {
        let out = cmd(&mut again, Command::Export(format, Scope::All));
        let Some(Download::File { body, .. }) = out.downloads.first() else {
            panic!("a file")
        };
        let text = String::from_utf8_lossy(body);
        assert_eq!(
            text.matches("renamed from 乙县").count(),
            1,
            "{format:?}: {text}"
        );
        assert!(text.contains("corrected"), "{format:?}");
    }
    // Save as HTML holds them.
    let out = cmd(&mut again, Command::Export(ExportFormat::Html, Scope::All));
    let Some(Download::Page { saved }) = out.downloads.first() else {
        panic!("a page")
    };
    let (lib, _) = crate::io::library::load(saved).expect("readable");
    assert_eq!(lib.demo_corrections.0.len(), 2);
}

#[test]
fn the_user_s_sources_have_their_own_corrections_applied_after_each_extraction() {
    let mut s = renamed();
    cmd(
        &mut s,
        Command::Paste("第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n".into()),
    );
    assert_eq!(s.showing(), Showing::Library);
    assert!(
        s.corrections().is_empty(),
        "the demo's corrections stay the demo's"
    );
    select(&mut s, "place:洛阳市");
    curate(&mut s, Curate::Rename("洛阳".into()));
    // Another source: everything is extracted again, and the rename applies again.
    cmd(
        &mut s,
        Command::Paste("第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n".into()),
    );
    let names = labels(&s);
    assert!(
        names.contains(&"洛阳".to_owned()) && names.contains(&"宜昌市".to_owned()),
        "{names:?}"
    );
    assert!(!names.contains(&"洛阳市".to_owned()));
    // Undo after re-extraction: the name as read again.
    curate(&mut s, Curate::Undo(0));
    assert!(labels(&s).contains(&"洛阳市".to_owned()));
    cmd(&mut s, Command::ShowDemo);
    assert!(labels(&s).contains(&"乙区".to_owned()));
}

#[test]
fn an_undo_that_leaves_a_later_correction_without_its_entity_keeps_it_and_says_so() {
    let mut s = renamed();
    select(&mut s, "place:乙区");
    curate(&mut s, Curate::Hide);
    curate(&mut s, Curate::Undo(0));
    assert_eq!(rows(&s), 1);
    let list = s.corrections_html();
    assert!(
        list.contains("class=\"not-applying\"><span>Hid 乙区</span> <span class=\"note\">(does not apply: 乙区 is not in the graph)</span>"),
        "{list}"
    );
    let e = s
        .explorer()
        .stable_ids()
        .entity_of("place:乙县")
        .expect("as read");
    assert!(s.explorer().is_visible(e));
}

#[test]
fn the_page_s_buttons_read_as_commands() {
    let c = |a: &str, t: &str| Command::of_curation(a, t);
    assert_eq!(
        c("rename", "乙区"),
        Some(Command::Curate(Curate::Rename("乙区".into())))
    );
    assert_eq!(
        c("kind:place", ""),
        Some(Command::Curate(Curate::Kind(EntityKind::Place)))
    );
    assert_eq!(
        c("merge", "丁"),
        Some(Command::Curate(Curate::MergeWith("丁".into())))
    );
    assert_eq!(
        c("split:乙:x", ""),
        Some(Command::Curate(Curate::Split("乙:x".into())))
    );
    assert_eq!(c("delete", ""), Some(Command::Curate(Curate::Delete)));
    assert_eq!(c("hide", ""), Some(Command::Curate(Curate::Hide)));
    assert_eq!(c("undo:2", ""), Some(Command::Curate(Curate::Undo(2))));
    for bad in ["kind:robot", "split:", "undo:x", "undo", "explode", ""] {
        assert_eq!(c(bad, "x"), None, "{bad}");
    }
    // Enter in a box does its button's work; typing in the merge box offers names.
    let input = |key: Option<&str>, action: &str| {
        Command::of_curation_input(key.map(Into::into), Some(action.into()), "丁".into())
    };
    assert_eq!(input(Some("Enter"), "merge"), c("merge", "丁"));
    assert_eq!(input(Some("Enter"), "rename"), c("rename", "丁"));
    assert_eq!(input(None, "merge"), Some(Command::PathText("丁".into())));
    assert_eq!(input(None, "rename"), None);
    assert_eq!(input(Some("a"), "merge"), None);
    assert_eq!(
        Command::of_curation_input(Some("Enter".into()), None, "x".into()),
        None
    );
}
