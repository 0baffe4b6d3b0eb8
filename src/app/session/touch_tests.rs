//! Touch gestures, the side panels and presentation mode, through the session as the page
//! drives them.

use super::tests::{cmd, selected_entity, session, session_on};
use super::*;
use crate::app::gesture::{PointerKind, LONG_PRESS_MS, TOUCH_SLOP};
use crate::app::screen::{Panel, Screen};
use crate::model::ArticleId;
use std::rc::Rc;

/// A session on a clock the test moves.
fn clocked() -> (Session, Rc<std::cell::Cell<f64>>) {
    let clock = Rc::new(std::cell::Cell::new(0.0));
    let s = session_on(clock.clone(), MemoryStorage::default());
    (s, clock)
}

fn down(s: &mut Session, pointer: i32, kind: PointerKind, (x, y): (f32, f32)) -> Output {
    s.handle(Event::PointerDown {
        pointer,
        kind,
        x,
        y,
    })
}

fn mv(s: &mut Session, pointer: i32, (x, y): (f32, f32)) -> Output {
    s.handle(Event::PointerMove { pointer, x, y })
}

fn up(s: &mut Session, pointer: i32, (x, y): (f32, f32)) -> Output {
    s.handle(Event::PointerUp { pointer, x, y })
}

/// One pointer pressed at the first point of `path`, moved through the others and lifted at
/// the last: what the release returns.
fn stroke(s: &mut Session, pointer: i32, kind: PointerKind, path: &[(f32, f32)]) -> Output {
    down(s, pointer, kind, path[0]);
    for &p in &path[1..] {
        mv(s, pointer, p);
    }
    up(s, pointer, path[path.len() - 1])
}

fn node(s: &Session, i: u32) -> (f32, f32) {
    s.explorer()
        .screen_position(EntityId(i))
        .expect("a node on screen")
}

#[test]
fn a_tap_selects_though_the_finger_moves_a_few_pixels() {
    let mut s = session();
    let (x, y) = node(&s, 2);
    let camera = s.explorer().camera;
    let wobble = [(x, y), (x + 5.0, y + 4.0), (x + 6.0, y + 5.0)];
    let out = stroke(&mut s, 7, PointerKind::Touch, &wobble);
    assert!(out.view);
    assert_eq!(selected_entity(&s), Some(2));
    assert_eq!(s.explorer().camera, camera, "a tap does not pan");
    assert!(!s.explorer().layout.pinned[2]);
    // The same wobble with a mouse is a drag: no click.
    let mut s = session();
    stroke(&mut s, 1, PointerKind::Mouse, &wobble);
    assert_eq!(s.explorer().view().selection, None);
}

#[test]
fn a_finger_hits_a_node_a_little_outside_its_disc() {
    let mut s = session();
    let (x, y) = node(&s, 2);
    let r = s.explorer().node_radius(EntityId(2));
    let at = (x + r + 8.0, y);
    // A mouse there misses (if nothing else is there, the click clears).
    assert_ne!(
        s.explorer().hit(at.0, at.1),
        Some(crate::app::Hit::Entity(EntityId(2)))
    );
    stroke(&mut s, 7, PointerKind::Touch, &[at]);
    assert_eq!(selected_entity(&s), Some(2));
}

#[test]
fn one_finger_drags_pan_even_from_a_node() {
    let mut s = session();
    let (x, y) = node(&s, 2);
    let before = s.explorer().camera;
    let drag = [(x, y), (x + TOUCH_SLOP + 20.0, y), (x + 60.0, y + 30.0)];
    let out = stroke(&mut s, 7, PointerKind::Touch, &drag);
    assert!(!out.view);
    assert_eq!(s.explorer().view().selection, None);
    assert!(
        !s.explorer().layout.pinned[2],
        "a finger does not bend the picture"
    );
    let after = node(&s, 2);
    assert!(
        (after.0 - (x + 60.0)).abs() < 0.5 && (after.1 - (y + 30.0)).abs() < 0.5,
        "the node follows the finger: {after:?}"
    );
    assert_eq!(s.explorer().camera.scale, before.scale);
}

#[test]
fn a_long_press_selects_and_opens_the_details_once() {
    let (mut s, clock) = clocked();
    s.handle(Event::Window { width: 390.0 });
    assert_eq!(s.panels().screen(), Screen::Phone);
    assert!(!s.panels().is_open(Panel::Details));
    let (x, y) = node(&s, 1);
    down(&mut s, 7, PointerKind::Touch, (x, y));
    mv(&mut s, 7, (x + 3.0, y + 2.0));
    clock.set(clock.get() + LONG_PRESS_MS / 2.0);
    assert!(!s.frame(1.0).layout, "not yet");
    clock.set(clock.get() + LONG_PRESS_MS);
    let out = s.frame(1.0);
    assert!(out.view && out.layout);
    assert_eq!(selected_entity(&s), Some(1));
    assert!(s.panels().is_open(Panel::Details));
    assert_eq!(s.panels().class(), "phone left-hidden right-sheet");
    // The node shows above the sheet.
    let (_, _, _, clear) = s.panels().clear_area(800.0, 600.0);
    let (_, ny) = node(&s, 1);
    assert!(ny < clear, "{ny} is under the sheet (from {clear})");
    // The release is no tap (which would select again or clear).
    let out = up(&mut s, 7, (x + 3.0, y + 2.0));
    assert!(!out.view);
    assert_eq!(selected_entity(&s), Some(1));
    // A finger that moves is not held: no long press.
    let (mut s, clock) = clocked();
    down(&mut s, 7, PointerKind::Touch, (x, y));
    mv(&mut s, 7, (x + 40.0, y));
    clock.set(clock.get() + 2.0 * LONG_PRESS_MS);
    s.frame(1.0);
    assert_eq!(s.explorer().view().selection, None);
    // Nor is a mouse.
    let (mut s, clock) = clocked();
    down(&mut s, 1, PointerKind::Mouse, (x, y));
    clock.set(clock.get() + 2.0 * LONG_PRESS_MS);
    s.frame(1.0);
    assert_eq!(s.explorer().view().selection, None);
}

#[test]
fn a_pinch_zooms_around_the_fingers_and_the_last_finger_pans_on() {
    let (mut s, clock) = clocked();
    let before = s.explorer().camera;
    let w = before.world_from_screen(400.0, 300.0);
    down(&mut s, 1, PointerKind::Touch, (350.0, 300.0));
    down(&mut s, 2, PointerKind::Touch, (450.0, 300.0));
    mv(&mut s, 2, (550.0, 300.0));
    mv(&mut s, 1, (250.0, 300.0));
    let c = s.explorer().camera;
    assert!((c.scale / before.scale - 3.0).abs() < 1e-3, "{}", c.scale);
    let at = c.screen_from_world(w.0, w.1);
    assert!((at.0 - 400.0).abs() < 0.5 && (at.1 - 300.0).abs() < 0.5);
    // Held long with two fingers: no long press.
    clock.set(clock.get() + 2.0 * LONG_PRESS_MS);
    s.frame(1.0);
    let out = up(&mut s, 2, (550.0, 300.0));
    assert!(!out.view);
    // The other finger pans on, and its release is no tap.
    let c = s.explorer().camera;
    mv(&mut s, 1, (270.0, 320.0));
    let moved = s.explorer().camera;
    assert!((moved.cx - (c.cx - 20.0 / c.scale)).abs() < 1e-3);
    let out = up(&mut s, 1, (270.0, 320.0));
    assert!(!out.view);
    assert_eq!(s.explorer().view().selection, None);
}

#[test]
fn the_window_width_chooses_the_layout_and_buttons_and_keys_move_panels() {
    let mut s = session();
    assert_eq!(s.panels().class(), "wide left-column right-column");
    let out = s.handle(Event::Window { width: 768.0 });
    assert!(out.layout);
    assert_eq!(s.panels().class(), "tablet left-hidden right-column");
    // The same layout again changes nothing (no loop of measuring).
    assert!(!s.handle(Event::Window { width: 800.0 }).layout);
    let out = cmd(&mut s, Command::of_button("panel-left").expect("a button"));
    assert!(out.layout && out.controls);
    assert_eq!(s.panels().class(), "tablet left-drawer right-column");
    s.handle(Event::Key("]".into()));
    assert_eq!(s.panels().class(), "tablet left-drawer right-hidden");
    s.handle(Event::Key("[".into()));
    assert_eq!(s.panels().class(), "tablet left-hidden right-hidden");
    // Phone: sheets, one at a time; their close buttons; the caption line opens the details.
    s.handle(Event::Window { width: 390.0 });
    cmd(&mut s, Command::of_button("panel-left").expect("a button"));
    assert_eq!(s.panels().class(), "phone left-sheet right-hidden");
    cmd(
        &mut s,
        Command::of_button("caption-line").expect("a button"),
    );
    assert_eq!(s.panels().class(), "phone left-hidden right-sheet");
    cmd(
        &mut s,
        Command::of_button("panel-right-close").expect("a button"),
    );
    assert_eq!(s.panels().class(), "phone left-hidden right-hidden");
    let props = s.properties();
    let prop = |id: &str, name: &str| {
        props
            .iter()
            .find(|(i, n, _)| i == id && *n == name)
            .map(|(_, _, v)| v.clone())
    };
    assert_eq!(
        prop("app", "className"),
        Some(Prop::Text("phone left-hidden right-hidden".into()))
    );
    assert_eq!(
        prop("panel-left", "ariaExpanded"),
        Some(Prop::Text("false".into()))
    );
    // Nothing selected: no caption line.
    assert_eq!(prop("caption-line", "hidden"), Some(Prop::Flag(true)));
}

#[test]
fn presenting_keeps_the_view_when_esc_leaves() {
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    cmd(&mut s, Command::Focus(crate::app::view::Depth::One));
    s.handle(Event::Wheel {
        x: 300.0,
        y: 200.0,
        delta_y: -200.0,
        unit: WheelUnit::Pixel,
    });
    let camera = s.explorer().camera;
    let out = s.handle(Event::Key("p".into()));
    assert_eq!(out.fullscreen, Some(true));
    assert!(
        out.layout,
        "the panels become drawers: the canvas is measured again"
    );
    assert_eq!(s.panels().class(), "wide left-hidden right-hidden");
    // The caption line says what is shown.
    let caption = crate::app::screen::caption(s.explorer());
    assert!(caption.starts_with("乙县 · place"), "{caption}");
    assert!(caption.contains("neighbours of 乙县"), "{caption}");
    s.handle(Event::Key("]".into()));
    assert_eq!(s.panels().class(), "wide left-hidden right-drawer");
    // The room's canvas is wider; the zoom the presenter chose stays.
    s.handle(Event::Resize {
        width: 1400.0,
        height: 800.0,
    });
    assert_eq!(s.explorer().camera.scale, camera.scale);
    // (The drawer moved the picture to show the selection beside it: where it looks now is
    // what leaving keeps.)
    let camera = s.explorer().camera;
    let out = s.handle(Event::Key("Escape".into()));
    assert_eq!(out.fullscreen, Some(false));
    assert!(!s.explorer().view().presentation);
    assert_eq!(selected_entity(&s), Some(1));
    assert!(s.explorer().view().focus.is_some());
    assert_eq!(s.panels().class(), "wide left-column right-column");
    s.handle(Event::Resize {
        width: 800.0,
        height: 600.0,
    });
    let c = s.explorer().camera;
    assert_eq!((c.cx, c.cy, c.scale), (camera.cx, camera.cy, camera.scale));
    // Reset stays on its own key.
    s.handle(Event::Key("Escape".into()));
    assert_eq!(s.explorer().view().selection, None);
}

#[test]
fn taps_on_articles_choose_several_without_ctrl() {
    let mut s = session();
    let tap = |s: &mut Session, a: u32| {
        let c = Command::of_article_tap(&ArticleId(a).to_string()).expect("an article");
        cmd(s, c)
    };
    assert_eq!(Command::of_article_tap("x"), None);
    let out = tap(&mut s, 0);
    assert!(out.prevent_default && out.view);
    let chosen = |s: &Session| s.explorer().view().filters.articles.clone();
    assert_eq!(chosen(&s), Some([ArticleId(0)].into()));
    // The demo of the tests has two articles: both chosen is every article.
    tap(&mut s, 1);
    assert_eq!(chosen(&s), None);
    tap(&mut s, 1);
    assert_eq!(
        chosen(&s),
        Some([ArticleId(1)].into()),
        "from all, only that one"
    );
    tap(&mut s, 1);
    assert_eq!(chosen(&s), None, "none left: every article");
}
