//! The session's rules, driven by events as the page sends them, on a hand-built corpus (no
//! recogniser) with a mocked clock and in-memory storage.

use super::*;
use crate::app::gesture::PointerKind;
use crate::app::present::{self, Block, Inline};
use crate::app::view::Depth;
use crate::model::fixture::{self, span};
use crate::model::{
    Article, ArticleId, Credit, Entity, EntityKind, Relation, RelationId, RelationKind, Span,
};
use std::cell::Cell;
use std::collections::BTreeSet;
use std::rc::Rc;

/// A clock that advances one millisecond each time it is read.
pub(super) struct Tick(pub(super) Rc<Cell<f64>>);

impl Host for Tick {
    fn now_ms(&self) -> f64 {
        self.0.set(self.0.get() + 1.0);
        self.0.get()
    }
    fn unix_ms(&self) -> f64 {
        1_700_000_000_000.0
    }
    fn knowledge(
        &self,
    ) -> Result<std::sync::Arc<crate::text::Knowledge>, crate::text::knowledge::KnowledgeError>
    {
        Ok(crate::text::knowledge::testing::shipped())
    }
}

/// 甲市 ⊃ 乙县 ⊃ 丙局; 王明 wrote a0 and is named with 乙县; 丁省 only through the gazetteer.
pub(crate) fn fixture() -> Extraction {
    let article = |id, title: &str, text: &str| Article {
        authors: vec!["王明".into()],
        ..fixture::article(id, title, text)
    };
    let entity = |id, kind, label: &str, mentions: Vec<Span>| Entity {
        mentions,
        ..fixture::entity(id, kind, label)
    };
    let rel = |s, t, kind, weight, evidence: Vec<Span>| Relation {
        weight,
        evidence,
        ..Relation::plain(s, t, kind)
    };
    Extraction {
        articles: vec![
            article(0, "一", "甲市乙县王明出席。"),
            article(1, "二", "乙县丙局。"),
        ],
        entities: vec![
            entity(0, EntityKind::Place, "甲市", vec![span(0, 0, 2)]),
            entity(
                1,
                EntityKind::Place,
                "乙县",
                vec![span(0, 2, 4), span(1, 0, 2)],
            ),
            entity(2, EntityKind::Organisation, "丙局", vec![span(1, 2, 4)]),
            entity(3, EntityKind::Person, "王明", vec![span(0, 4, 6)]),
            entity(4, EntityKind::Place, "丁省", vec![span(0, 0, 1)]),
        ],
        relations: vec![
            rel(1, 0, RelationKind::Within, 1, vec![span(0, 2, 4)]),
            rel(2, 1, RelationKind::Within, 1, vec![span(1, 0, 4)]),
            rel(3, 1, RelationKind::CoOccurs, 2, vec![span(0, 2, 6)]),
            rel(0, 4, RelationKind::Within, 1, vec![]),
        ],
        credits: vec![Credit {
            person: EntityId(3),
            article: ArticleId(0),
            role: crate::model::CreditRole::Wrote,
            evidence: Some(span(0, 4, 6)),
        }],
    }
}

pub(super) fn demo() -> Explorer {
    Explorer::new(fixture())
}

pub(super) fn session_with(storage: MemoryStorage) -> Session {
    session_on(Rc::default(), storage)
}

/// A session of the demo fixture on an 800 × 600 screen, on the clock `clock`, before
/// start-up ([`Session::open`]).
pub(super) fn unopened(clock: Rc<std::cell::Cell<f64>>, storage: MemoryStorage) -> Session {
    let mut s = Session::new(Box::new(Tick(clock)), Box::new(storage), demo);
    s.handle(Event::Resize {
        width: 800.0,
        height: 600.0,
    });
    s
}

/// Storage holding the saved work `saved`.
pub(super) fn saved_work(saved: &str) -> MemoryStorage {
    MemoryStorage {
        items: [(STORAGE_KEY.to_owned(), saved.to_owned())].into(),
        ..MemoryStorage::default()
    }
}

/// The index of the selected entity, if an entity is selected.
pub(super) fn selected_entity(s: &Session) -> Option<u32> {
    match s.explorer().view().selection {
        Some(Selection::Entity(e)) => Some(e.0),
        _ => None,
    }
}

/// A session of the demo fixture, laid out and fitted, on the clock `clock`.
pub(super) fn session_on(clock: Rc<std::cell::Cell<f64>>, storage: MemoryStorage) -> Session {
    let mut s = unopened(clock, storage);
    let (_, saved) = s.open(None);
    s.show_view("", saved);
    s.explorer_mut().settle();
    s.explorer_mut().fit_to_screen();
    s
}

pub(super) fn session() -> Session {
    session_with(MemoryStorage::default())
}

pub(super) fn cmd(s: &mut Session, c: Command) -> Output {
    s.handle(Event::Command(c))
}

pub(super) fn status(out: &Output) -> (&str, bool) {
    let st = out.status.as_ref().expect("a status message");
    (st.text.as_str(), st.error)
}

/// Opens `s` (its saved work one it refuses) and shows the view of `hash`: the error it says,
/// once it is checked to be an error and the demo page to be shown instead.
pub(super) fn open_refused(s: &mut Session, hash: &str) -> String {
    let (_, view) = s.open(None);
    let out = s.show_view(hash, view);
    let (text, error) = status(&out);
    assert!(error, "not an error: {text}");
    assert_eq!(s.showing(), Showing::Demo);
    text.to_owned()
}

mod panels;

fn click(s: &mut Session, x: f32, y: f32) -> Output {
    s.handle(Event::PointerDown {
        pointer: 1,
        kind: PointerKind::Mouse,
        x,
        y,
    });
    s.handle(Event::PointerUp { pointer: 1, x, y })
}

#[test]
fn start_up_shows_the_demo_and_summarises_it() {
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(MemoryStorage::default()),
        demo,
    );
    let (out, saved) = s.open(None);
    assert!(out.corpus && out.view && out.sources);
    assert_eq!(saved, None);
    let out = s.show_view("", saved);
    // Authorship is no edge: 4 relations between two entities.
    assert_eq!(
        status(&out),
        ("2 articles · 5 entities · 4 relations", false)
    );
    assert_eq!(s.showing(), Showing::Demo);
    let rows = s.source_rows();
    assert_eq!(rows.len(), 1);
    assert!(rows[0].demo && rows[0].remove.is_none() && rows[0].count == 2);
}

#[test]
fn a_url_view_wins_and_a_bad_one_is_reported() {
    let mut s = session();
    let out = s.show_view("#sel=e1&typed=1", Some("sel=e2".into()));
    assert!(out.view);
    assert_eq!(selected_entity(&s), Some(1));
    let out = s.show_view("", Some("sel=r2".into()));
    assert_eq!(
        s.explorer().view().selection,
        Some(Selection::Relation(RelationId(2)))
    );
    assert!(!status(&out).1);
    let out = s.show_view("#sel=e99", None);
    let (text, error) = status(&out);
    assert!(error && text.contains("e99"), "{text}");
}

#[test]
fn a_click_selects_once_and_empty_space_clears() {
    let mut s = session();
    let (x, y) = s.explorer().screen_position(EntityId(2)).unwrap();
    let out = click(&mut s, x, y);
    assert!(out.view, "the page is told to show the new selection");
    assert_eq!(selected_entity(&s), Some(2));
    let out = click(&mut s, -500.0, -500.0);
    assert!(out.view);
    assert_eq!(s.explorer().view().selection, None);
}

#[test]
fn a_drag_pins_and_does_not_select() {
    let mut s = session();
    let (x, y) = s.explorer().screen_position(EntityId(2)).unwrap();
    s.handle(Event::PointerDown {
        pointer: 1,
        kind: PointerKind::Mouse,
        x,
        y,
    });
    s.handle(Event::PointerMove {
        pointer: 1,
        x: x + 30.0,
        y,
    });
    let out = s.handle(Event::PointerUp {
        pointer: 1,
        x: x + 30.0,
        y,
    });
    assert!(!out.view);
    assert_eq!(s.explorer().view().selection, None);
    assert!(s.explorer().layout.pinned[2]);
}

#[test]
fn hovering_a_node_changes_the_cursor() {
    let mut s = session();
    let (x, y) = s.explorer().screen_position(EntityId(0)).unwrap();
    let out = s.handle(Event::PointerMove { pointer: 1, x, y });
    assert_eq!(out.cursor, Some(Cursor::Pointer));
    let out = s.handle(Event::PointerMove {
        pointer: 1,
        x: -900.0,
        y: -900.0,
    });
    assert_eq!(out.cursor, Some(Cursor::Grab));
}

#[test]
fn two_pointers_pinch_zoom_and_do_not_select() {
    let mut s = session();
    let before = s.explorer().camera.scale;
    s.handle(Event::PointerDown {
        pointer: 1,
        kind: PointerKind::Touch,
        x: 100.0,
        y: 100.0,
    });
    s.handle(Event::PointerDown {
        pointer: 2,
        kind: PointerKind::Touch,
        x: 200.0,
        y: 100.0,
    });
    s.handle(Event::PointerMove {
        pointer: 2,
        x: 300.0,
        y: 100.0,
    });
    assert!((s.explorer().camera.scale / before - 2.0).abs() < 1e-3);
    let out = s.handle(Event::PointerUp {
        pointer: 2,
        x: 300.0,
        y: 100.0,
    });
    assert!(!out.view);
}

#[test]
fn wheel_zooms_by_distance_scrolled_and_keeps_the_page_still() {
    assert!((wheel_factor(100.0, WheelUnit::Pixel) - (-0.15f64).exp() as f32).abs() < 1e-6);
    assert_eq!(
        wheel_factor(1.0, WheelUnit::Line),
        wheel_factor(16.0, WheelUnit::Pixel)
    );
    assert_eq!(
        wheel_factor(1.0, WheelUnit::Page),
        wheel_factor(400.0, WheelUnit::Pixel)
    );
    assert!(wheel_factor(-100.0, WheelUnit::Pixel) > 1.0);
    let mut s = session();
    let before = s.explorer().camera.scale;
    let out = s.handle(Event::Wheel {
        x: 400.0,
        y: 300.0,
        delta_y: -100.0,
        unit: WheelUnit::Pixel,
    });
    assert!(out.prevent_default);
    assert!(s.explorer().camera.scale > before);
}

#[test]
fn dom_names_of_pointer_events_buttons_and_clicks() {
    let units = [1, 2, 0, 7].map(WheelUnit::of_delta_mode);
    use WheelUnit::{Line, Page, Pixel};
    assert_eq!(units, [Line, Page, Pixel, Pixel]);
    let made: Vec<_> = POINTER_EVENTS
        .iter()
        .map(|k| Event::pointer(k, "pen", 3, 1.0, 2.0))
        .collect();
    let up = Event::PointerUp {
        pointer: 3,
        x: 1.0,
        y: 2.0,
    };
    assert_eq!(
        made[0],
        Some(Event::PointerDown {
            pointer: 3,
            kind: PointerKind::Pen,
            x: 1.0,
            y: 2.0
        })
    );
    assert_eq!(
        made[1],
        Some(Event::PointerMove {
            pointer: 3,
            x: 1.0,
            y: 2.0
        })
    );
    assert_eq!((&made[2], &made[3]), (&Some(up.clone()), &Some(up)));
    assert_eq!(Event::pointer("click", "mouse", 3, 1.0, 2.0), None);
    assert!(BUTTONS.iter().all(|b| Command::of_button(b).is_some()));
    assert_eq!(
        Command::of_button("focus-2"),
        Some(Command::Focus(Depth::Two))
    );
    assert_eq!(Command::of_button("path-clear"), Some(Command::ClearPath));
    assert_eq!(Command::of_button("nothing"), None);
    let (e, a) = (Some("place:丁村"), Some("a2"));
    let relation = Command::of_panel_click(Some("r1"), a, e);
    assert_eq!(relation, Some(Command::SelectRelation(RelationId(1))));
    let article = Command::of_panel_click(Some("x"), a, e);
    assert_eq!(article, Some(Command::SelectArticle(ArticleId(2))));
    assert_eq!(
        Command::of_panel_click(None, None, e),
        Some(Command::SelectNamed("place:丁村".into()))
    );
    assert_eq!(Command::of_panel_click(None, None, None), None);
    assert_eq!(
        Command::of_list_item(Some("degree"), e),
        Some(Command::SortBy(crate::app::panels::SortKey::Degree))
    );
    assert_eq!(
        Command::of_list_item(None, e),
        Some(Command::SelectNamed("place:丁村".into()))
    );
}

#[test]
fn key_map() {
    assert_eq!(shortcut("F"), Some(Command::Fit));
    assert_eq!(shortcut("p"), Some(Command::TogglePresentation));
    assert_eq!(shortcut("2"), Some(Command::Focus(Depth::Two)));
    assert_eq!(shortcut("Escape"), Some(Command::Reset));
    assert_eq!(shortcut("="), Some(Command::Zoom(1.25)));
    assert_eq!(shortcut("-"), Some(Command::Zoom(0.8)));
    assert_eq!(shortcut("x"), None);
    assert_eq!(list_key(" "), Some(ListKey::Activate));
    assert_eq!(list_key("ArrowUp"), Some(ListKey::Previous));
    let mut s = session();
    let out = s.handle(Event::Key("/".into()));
    assert!(out.focus_search && out.prevent_default);
    let out = s.handle(Event::Key("f".into()));
    assert!(!out.prevent_default);
    let scale = s.explorer().camera.scale;
    s.handle(Event::Key("+".into()));
    assert!((s.explorer().camera.scale / scale - 1.25).abs() < 1e-4);
}

#[test]
fn focus_needs_a_selection_and_toggles() {
    let mut s = session();
    let out = cmd(&mut s, Command::Focus(Depth::One));
    assert_eq!(
        status(&out).0,
        "Select an entity first, then focus on its neighbourhood."
    );
    assert_eq!(s.explorer().view().focus, None);
    cmd(&mut s, Command::SelectEntity(EntityId(2)));
    let out = cmd(&mut s, Command::Focus(Depth::One));
    assert!(out.view);
    assert!(!s.explorer().is_visible(EntityId(3)));
    assert!(s.explorer().is_visible(EntityId(1)));
    cmd(&mut s, Command::Focus(Depth::One));
    assert_eq!(s.explorer().view().focus, None);
}

#[test]
fn reset_keeps_presentation_mode() {
    let mut s = session();
    let out = cmd(&mut s, Command::TogglePresentation);
    assert_eq!(out.fullscreen, Some(true));
    cmd(&mut s, Command::ShowKind(EntityKind::Place, false));
    // The Reset button (Esc leaves presentation mode instead: see below).
    let out = cmd(&mut s, Command::Reset);
    assert!(out.view);
    assert_eq!(status(&out).0, s.summary());
    let v = s.explorer().view();
    assert!(v.presentation && v.filters.kinds == [true; 4]);
    assert_eq!(
        cmd(&mut s, Command::TogglePresentation).fullscreen,
        Some(false)
    );
}

#[test]
fn reset_keeps_show_all_as_the_link_does() {
    // "Show all" is a choice of how to draw, like presentation mode and colour by: Reset
    // brings the view back (filters, focus, selection, camera) and keeps it, in the link too.
    let mut s = session();
    cmd(&mut s, Command::ToggleShowAll);
    cmd(&mut s, Command::ShowKind(EntityKind::Place, false));
    assert!(s.explorer().view_hash().contains("all=1"));
    let out = cmd(&mut s, Command::Reset);
    assert!(out.view);
    let v = s.explorer().view();
    assert!(v.show_all && v.filters.kinds == [true; 4]);
    assert_eq!(s.explorer().view_hash(), "all=1");
    // The same button turns it off.
    cmd(&mut s, Command::ToggleShowAll);
    assert!(!s.explorer().view().show_all);
    assert_eq!(s.explorer().view_hash(), "");
}

#[test]
fn selecting_a_hidden_entity_relaxes_the_filters_and_says_so() {
    let mut s = session();
    cmd(&mut s, Command::ShowKind(EntityKind::Organisation, false));
    cmd(&mut s, Command::Threshold(Threshold::Mentions, "2".into()));
    assert!(!s.explorer().is_visible(EntityId(2)));
    let out = cmd(&mut s, Command::SelectEntity(EntityId(2)));
    assert_eq!(status(&out).0, "Filters changed to show 丙局.");
    assert!(s.explorer().is_visible(EntityId(2)));
    assert_eq!(s.explorer().view().filters.min_mentions, 1);
    // A visible one: no message; the one shown before gives way to the summary.
    let out = cmd(&mut s, Command::SelectEntity(EntityId(1)));
    assert_eq!(status(&out), (s.summary().as_str(), false));
    assert!(cmd(&mut s, Command::SelectEntity(EntityId(77))) == Output::default());
}

#[test]
fn thresholds_must_be_whole_numbers() {
    let mut s = session();
    for bad in ["0", "-1", "two", ""] {
        let out = cmd(&mut s, Command::Threshold(Threshold::Weight, bad.into()));
        assert_eq!(
            status(&out),
            ("Thresholds must be whole numbers of at least 1.", true)
        );
        assert!(out.controls && !out.view);
    }
    let out = cmd(&mut s, Command::Threshold(Threshold::Weight, " 2 ".into()));
    assert!(out.view);
    assert_eq!(s.explorer().view().filters.min_weight, 2);
}

#[test]
fn choosing_every_article_or_none_means_all() {
    let mut s = session();
    let some: BTreeSet<ArticleId> = [ArticleId(1)].into();
    cmd(&mut s, Command::Articles(some.clone()));
    assert_eq!(s.explorer().view().filters.articles, Some(some));
    cmd(
        &mut s,
        Command::Articles([ArticleId(0), ArticleId(1)].into()),
    );
    assert_eq!(s.explorer().view().filters.articles, None);
    cmd(&mut s, Command::Articles(BTreeSet::new()));
    assert_eq!(s.explorer().view().filters.articles, None);
    cmd(&mut s, Command::CoOccurrence(false));
    assert!(!s.explorer().is_relation_visible(RelationId(2)));
}

#[test]
fn suggestions_move_wrap_and_choose() {
    let mut s = session();
    let out = cmd(&mut s, Command::Search("县".into()));
    assert!(out.suggestions);
    assert_eq!(s.suggestions(), (&[EntityId(1)][..], None));
    cmd(&mut s, Command::Search("".into()));
    assert!(s.suggestions().0.is_empty());
    cmd(&mut s, Command::Search("市".into()));
    let out = s.handle(Event::SearchKey {
        key: "ArrowUp".into(),
        query: "市".into(),
    });
    assert!(out.prevent_default);
    assert_eq!(s.suggestions().1, Some(0));
    let out = s.handle(Event::SearchKey {
        key: "Enter".into(),
        query: "市".into(),
    });
    assert!(out.prevent_default && out.suggestions);
    assert_eq!(selected_entity(&s), Some(0));
    assert!(s.suggestions().0.is_empty());
    let out = s.handle(Event::SearchKey {
        key: "Enter".into(),
        query: " 无此 ".into(),
    });
    assert_eq!(status(&out), ("No entity matches “无此”.", true));
    let out = s.handle(Event::SearchKey {
        key: "Escape".into(),
        query: String::new(),
    });
    assert!(out.suggestions && !out.prevent_default);
}

#[test]
fn sorting_by_the_same_header_reverses() {
    let mut s = session();
    assert_eq!(s.sort(), (SortKey::Mentions, false));
    assert!(cmd(&mut s, Command::SortBy(SortKey::parse("name"))).list);
    assert_eq!(s.sort(), (SortKey::Name, false));
    cmd(&mut s, Command::SortBy(SortKey::Name));
    assert_eq!(s.sort(), (SortKey::Name, true));
    cmd(&mut s, Command::SortBy(SortKey::parse("other")));
    assert_eq!(s.sort(), (SortKey::Mentions, false));
    assert_eq!(present::aria_sort("mentions", s.sort()), "descending");
    assert_eq!(present::aria_sort("name", s.sort()), "none");
    assert_eq!(
        present::aria_sort("name", (SortKey::Name, false)),
        "ascending"
    );
    assert_eq!(
        present::aria_sort("name", (SortKey::Name, true)),
        "descending"
    );
    assert_eq!(present::aria_sort("other", s.sort()), "none");
}

#[test]
fn choosing_from_search_moves_the_focus_to_the_graph() {
    let mut s = session();
    cmd(&mut s, Command::Search("丙".into()));
    let out = s.handle(Event::SearchKey {
        key: "Enter".into(),
        query: "丙".into(),
    });
    assert!(out.focus_graph && !out.focus_search);
    // No match: the focus stays to correct the text.
    let out = s.handle(Event::SearchKey {
        key: "Enter".into(),
        query: "无此".into(),
    });
    assert!(!out.focus_graph);
    assert!(cmd(&mut s, Command::PickSuggestion("place:乙县".into())).focus_graph);
    assert_eq!(selected_entity(&s), Some(1));
    // The page names entities by stable id; one the graph does not have does nothing.
    cmd(&mut s, Command::SelectNamed("organisation:丙局".into()));
    assert_eq!(selected_entity(&s), Some(2));
    cmd(&mut s, Command::SelectNamed("e1".into()));
    assert_eq!(selected_entity(&s), Some(2));
    // A selection from the table keeps the focus where it is.
    assert!(!cmd(&mut s, Command::SelectEntity(EntityId(0))).focus_graph);
}

#[test]
fn a_message_gives_way_to_the_summary_at_the_next_action() {
    let mut s = session();
    let out = cmd(&mut s, Command::Threshold(Threshold::Weight, "x".into()));
    assert!(status(&out).1);
    // Typing in the search box, moving the pointer, resizing: the message stays.
    for e in [
        Event::Command(Command::Search("甲".into())),
        Event::PointerMove {
            pointer: 1,
            x: 1.0,
            y: 1.0,
        },
        Event::Resize {
            width: 800.0,
            height: 600.0,
        },
        Event::Command(Command::HideSuggestions),
    ] {
        assert_eq!(s.handle(e).status, None);
    }
    let out = cmd(&mut s, Command::Fit);
    assert_eq!(status(&out), (s.summary().as_str(), false));
    // Once only.
    assert_eq!(cmd(&mut s, Command::Fit).status, None);
    // A key that is no shortcut does nothing.
    cmd(&mut s, Command::Focus(Depth::One));
    assert_eq!(s.handle(Event::Key("x".into())).status, None);
    assert_eq!(
        status(&s.handle(Event::Key("f".into()))),
        (s.summary().as_str(), false)
    );
}

#[test]
fn escape_in_presentation_leaves_full_screen_and_keeps_the_view() {
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    cmd(&mut s, Command::Focus(Depth::One));
    cmd(&mut s, Command::TogglePresentation);
    let out = s.handle(Event::Key("Escape".into()));
    assert_eq!(out.fullscreen, Some(false));
    let v = s.explorer().view();
    assert!(!v.presentation);
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(1))));
    assert_eq!(v.focus.map(|f| f.entity), Some(EntityId(1)));
    // The browser's own exit from full screen does the same.
    cmd(&mut s, Command::TogglePresentation);
    let out = s.handle(Event::FullscreenLeft);
    assert!(out.view && !s.explorer().view().presentation);
    assert_eq!(selected_entity(&s), Some(1));
    assert_eq!(s.handle(Event::FullscreenLeft), Output::default());
    // Outside presentation mode Esc still resets.
    s.handle(Event::Key("Escape".into()));
    assert_eq!(s.explorer().view(), &ViewState::default());
}

#[test]
fn an_older_link_by_position_says_which_entity_it_opened() {
    let mut s = session();
    let out = s.show_view("#sel=e1", None);
    let (text, error) = status(&out);
    assert!(
        !error && text.starts_with("This older link names 乙县 by its place"),
        "{text}"
    );
    let out = s.handle(Event::HashChanged("#focus=e2:1".into()));
    assert!(out.view);
    assert!(status(&out).0.contains("丙局"));
    // Keys, relations and articles say nothing of the kind (the note gives way to the summary).
    let out = s.handle(Event::HashChanged("#sel=place:甲市".into()));
    assert_eq!(status(&out).0, s.summary());
    // A relation by position is reported too, and written again by its stable id.
    let out = s.show_view("#sel=r1", None);
    assert!(status(&out)
        .0
        .starts_with("This older link names the link "));
    let hash = s.explorer().view_hash();
    let key = crate::app::view::relation_key(&s.explorer().x, RelationId(1)).unwrap_or_default();
    assert_eq!(hash, format!("sel={key}"));
    assert!(!hash.contains("r1") && key.contains(':') && key.contains('/'));
    let out = s.handle(Event::HashChanged(format!("#sel={key}")));
    assert_eq!(status(&out).0, s.summary());
    assert_eq!(
        s.explorer().view().selection,
        Some(Selection::Relation(RelationId(1)))
    );
    let out = s.show_view("#sel=a1", None);
    assert_eq!(status(&out).0, s.summary());
    assert!(!crate::app::view::names_by_position("sel=a1&min=2"));
    assert!(crate::app::view::names_by_position("#min=2&focus=e4:2"));
}

/// Issue 18 item 2: the view saved with the work names entities and relations by stable id,
/// and comes back on the same ones in a graph whose order changed; a saved view of the older
/// kind (positions) is reported.
#[test]
fn saved_work_keeps_stable_ids_through_a_reorder() {
    let mut s = session();
    cmd(&mut s, Command::SelectRelation(RelationId(1)));
    cmd(&mut s, Command::SelectEntity(EntityId(3)));
    cmd(&mut s, Command::Focus(Depth::One));
    let saved = library::save(&library::Library::default(), &s.explorer().view_hash());
    let (_, hash) = library::load(&saved).expect("saved work reads back");
    assert!(!hash.contains("e3") && hash.contains("person:"), "{hash}");
    // The same graph with its entities in another order.
    let mut other = fixture();
    other.entities.reverse();
    let n = other.entities.len() as u32;
    for (i, e) in other.entities.iter_mut().enumerate() {
        e.id = EntityId(i as u32);
    }
    for r in &mut other.relations {
        r.source = EntityId(n - 1 - r.source.0);
        r.target = EntityId(n - 1 - r.target.0);
    }
    let (v, ok) = ViewState::from_hash(&hash, &other);
    assert_eq!(ok, Ok(()));
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(n - 1 - 3))));
    // A relation's id survives the reorder too.
    let key = crate::app::view::relation_key(&s.explorer().x, RelationId(1)).unwrap_or_default();
    let (v, ok) = ViewState::from_hash(&format!("sel={key}"), &other);
    assert_eq!(ok, Ok(()));
    assert_eq!(v.selection, Some(Selection::Relation(RelationId(1))));
    // Older saved work naming a relation by position opens it and says so.
    let out = s.show_view("", Some("sel=r1".into()));
    assert!(status(&out).0.starts_with("This older link names the link"));
}
