//! The rules of touch and pointer gestures on the graph, free of web types: how far a press may
//! wander and still be a tap, how long it is held to be a long press, how far a finger may be
//! from a node and still hit it, and what a two-finger pinch does to the camera.
//!
//! A mouse is precise: a click is a press that moved at most [`MOUSE_SLOP`] px, and dragging a
//! node moves (pins) it. A finger is not: a tap may wander [`TOUCH_SLOP`] px, hits a node up to
//! [`TOUCH_REACH`] px outside its disc, a one-finger drag always pans (even from a node, so the
//! picture is not bent by accident), a press held [`LONG_PRESS_MS`] without moving opens the
//! details of what is under it, and two fingers pinch: zoom by the change of their distance
//! around their midpoint, which also pans as the midpoint moves.

/// How far (CSS px) a mouse or pen press may move and still be a click.
pub const MOUSE_SLOP: f32 = 4.0;

/// How far (CSS px) a finger may move and still tap.
pub const TOUCH_SLOP: f32 = 10.0;

/// How far (CSS px) outside a node's disc a mouse still hits it.
pub const MOUSE_REACH: f32 = 4.0;

/// How far (CSS px) outside a node's disc (or from an edge) a finger still hits it.
pub const TOUCH_REACH: f32 = 12.0;

/// How long (ms) a finger is held still for a long press.
pub const LONG_PRESS_MS: f64 = 500.0;

/// What kind of pointer pressed (`PointerEvent.pointerType`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse (or anything unknown).
    #[default]
    Mouse,
    /// A pen or stylus: precise, like a mouse.
    Pen,
    /// A finger.
    Touch,
}

impl PointerKind {
    /// The kind of `PointerEvent.pointerType` (`"mouse"`, `"pen"`, `"touch"`; a mouse when
    /// unknown or empty).
    pub fn parse(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "touch" => PointerKind::Touch,
            "pen" => PointerKind::Pen,
            _ => PointerKind::Mouse,
        }
    }

    /// How far a press of this kind may move and still be a tap or click.
    pub fn slop(self) -> f32 {
        match self {
            PointerKind::Touch => TOUCH_SLOP,
            PointerKind::Mouse | PointerKind::Pen => MOUSE_SLOP,
        }
    }

    /// How far outside a node's disc (or from an edge) a press of this kind hits it.
    pub fn reach(self) -> f32 {
        match self {
            PointerKind::Touch => TOUCH_REACH,
            PointerKind::Mouse | PointerKind::Pen => MOUSE_REACH,
        }
    }

    /// Whether a press of this kind on a node drags the node (a finger pans instead).
    pub fn drags_nodes(self) -> bool {
        self != PointerKind::Touch
    }

    /// Whether holding still opens the details (fingers only: a mouse has its click).
    pub fn long_presses(self) -> bool {
        self == PointerKind::Touch
    }
}

/// Whether a press of `kind` from `from` to `to` has moved too far to be a tap.
pub fn moved_beyond(kind: PointerKind, from: (f32, f32), to: (f32, f32)) -> bool {
    let d = ((to.0 - from.0).powi(2) + (to.1 - from.1).powi(2)).sqrt();
    d > kind.slop()
}

/// A press held down: where and when it started, and whether it is still a tap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Press {
    /// The pointer.
    pub pointer: i32,
    /// Its kind.
    pub kind: PointerKind,
    /// Where it went down.
    pub at: (f32, f32),
    /// When it went down (ms, the session's clock).
    pub since_ms: f64,
    /// It moved beyond the tap's slop, or a second finger came: no tap, no long press.
    pub moved: bool,
    /// The long press already fired: the release is not a tap.
    pub long_pressed: bool,
}

impl Press {
    /// A press that just started.
    pub fn new(pointer: i32, kind: PointerKind, at: (f32, f32), now_ms: f64) -> Press {
        Press {
            pointer,
            kind,
            at,
            since_ms: now_ms,
            moved: false,
            long_pressed: false,
        }
    }

    /// The pointer moved to `to`.
    pub fn move_to(&mut self, to: (f32, f32)) {
        self.moved |= moved_beyond(self.kind, self.at, to);
    }

    /// Whether the press has now become a long press (once: it is then marked as fired).
    pub fn long_press_due(&mut self, now_ms: f64) -> bool {
        let due = self.kind.long_presses()
            && !self.moved
            && !self.long_pressed
            && now_ms - self.since_ms >= LONG_PRESS_MS;
        self.long_pressed |= due;
        due
    }
}

/// What a two-finger move does to the camera.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pinch {
    /// Zoom factor: the fingers' new distance over their old one.
    pub factor: f32,
    /// The point zoomed around: the fingers' midpoint before the move.
    pub centre: (f32, f32),
    /// Then the pan: how far the midpoint moved (the picture follows the fingers).
    pub pan: (f32, f32),
}

/// The pinch between two finger pairs (before and after a move). Fingers closer than a pixel
/// count as a pixel apart, so the factor stays finite.
pub fn pinch(before: [(f32, f32); 2], after: [(f32, f32); 2]) -> Pinch {
    let dist = |p: [(f32, f32); 2]| {
        ((p[0].0 - p[1].0).powi(2) + (p[0].1 - p[1].1).powi(2))
            .sqrt()
            .max(1.0)
    };
    let mid = |p: [(f32, f32); 2]| ((p[0].0 + p[1].0) / 2.0, (p[0].1 + p[1].1) / 2.0);
    let (m0, m1) = (mid(before), mid(after));
    Pinch {
        factor: dist(after) / dist(before),
        centre: m0,
        pan: (m1.0 - m0.0, m1.1 - m0.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::camera::Camera;

    #[test]
    fn pointer_kinds_from_the_dom() {
        use PointerKind::{Mouse, Pen, Touch};
        let kinds = ["touch", "pen", "mouse", ""].map(PointerKind::parse);
        assert_eq!(kinds, [Touch, Pen, Mouse, Mouse]);
        assert!(PointerKind::Touch.slop() > PointerKind::Mouse.slop());
        assert!(PointerKind::Touch.reach() > PointerKind::Mouse.reach());
        assert!(!PointerKind::Touch.drags_nodes() && PointerKind::Pen.drags_nodes());
    }

    #[test]
    fn a_tap_tolerates_a_few_pixels() {
        let t = PointerKind::Touch;
        assert!(!moved_beyond(t, (100.0, 100.0), (106.0, 107.0)));
        assert!(moved_beyond(t, (100.0, 100.0), (112.0, 100.0)));
        // A mouse is precise.
        assert!(moved_beyond(PointerKind::Mouse, (0.0, 0.0), (6.0, 0.0)));
        let mut p = Press::new(1, t, (50.0, 50.0), 0.0);
        p.move_to((55.0, 53.0));
        assert!(!p.moved);
        p.move_to((70.0, 50.0));
        assert!(p.moved);
        // Back near the start, it stays a drag.
        p.move_to((50.0, 50.0));
        assert!(p.moved);
    }

    #[test]
    fn a_long_press_fires_once_after_the_delay_and_only_for_a_still_finger() {
        let mut p = Press::new(1, PointerKind::Touch, (0.0, 0.0), 1000.0);
        assert!(!p.long_press_due(1000.0 + LONG_PRESS_MS - 1.0));
        p.move_to((3.0, 4.0));
        assert!(p.long_press_due(1000.0 + LONG_PRESS_MS));
        assert!(p.long_pressed);
        assert!(!p.long_press_due(5000.0), "only once");
        let mut moved = Press::new(1, PointerKind::Touch, (0.0, 0.0), 0.0);
        moved.move_to((30.0, 0.0));
        assert!(!moved.long_press_due(2000.0));
        let mut mouse = Press::new(1, PointerKind::Mouse, (0.0, 0.0), 0.0);
        assert!(!mouse.long_press_due(2000.0), "a mouse has its click");
    }

    #[test]
    fn a_pinch_zooms_around_the_fingers_and_follows_them() {
        let p = pinch([(0.0, 0.0), (10.0, 0.0)], [(0.0, 0.0), (20.0, 0.0)]);
        assert_eq!(p.factor, 2.0);
        assert_eq!(p.centre, (5.0, 0.0));
        assert_eq!(p.pan, (5.0, 0.0));
        // Both fingers move together: a pan, no zoom.
        let p = pinch([(0.0, 0.0), (10.0, 0.0)], [(30.0, 40.0), (40.0, 40.0)]);
        assert_eq!((p.factor, p.pan), (1.0, (30.0, 40.0)));
        // Fingers on the same spot: finite.
        let p = pinch([(5.0, 5.0), (5.0, 5.0)], [(0.0, 0.0), (10.0, 0.0)]);
        assert!(p.factor.is_finite() && p.factor > 1.0);
        // On a camera: the world point under the fingers' midpoint stays under it.
        let mut c = Camera::default();
        let before = [(300.0, 300.0), (400.0, 300.0)];
        let after = [(280.0, 320.0), (480.0, 320.0)];
        let w = c.world_from_screen(350.0, 300.0);
        let p = pinch(before, after);
        c.zoom_at(p.centre.0, p.centre.1, p.factor);
        c.pan(p.pan.0, p.pan.1);
        let s = c.screen_from_world(w.0, w.1);
        assert!(
            (s.0 - 380.0).abs() < 1e-3 && (s.1 - 320.0).abs() < 1e-3,
            "{s:?}"
        );
        assert!((c.scale - 2.0).abs() < 1e-5);
    }
}
