//! Pointers on the graph: a press, drag and release, a pinch with two fingers, a long press.

use super::{Cursor, Output, Session};
use crate::app::gesture::{PointerKind, Press};
use crate::app::view::Selection;
use std::collections::BTreeMap;

impl Session {
    pub(super) fn pointer_down(&mut self, pointer: i32, kind: PointerKind, (x, y): (f32, f32)) {
        self.pointers.insert(pointer, (x, y));
        if self.pointers.len() == 1 {
            let now = self.host.now_ms();
            self.press = Some(Press::new(pointer, kind, (x, y), now));
            self.explorer.press(x, y, kind);
        } else {
            // A second finger: a pinch, neither a tap nor a long press.
            self.press = None;
            self.explorer.pointer_leave();
        }
    }

    pub(super) fn pointer_up(&mut self, pointer: i32, (x, y): (f32, f32), out: &mut Output) {
        let was = self.pointers.len();
        self.pointers.remove(&pointer);
        let press = self.press.take();
        if press.is_some_and(|p| p.long_pressed) {
            // The long press opened the details: the release is no tap.
            self.explorer.pointer_leave();
        } else if was == 1 && self.explorer.pointer_up(x, y).is_some() {
            // A click selects (the explorer sets the selection once); the page shows it.
            out.view = true;
        } else if let Some(&(lx, ly)) = self.pointers.values().next() {
            // One finger of a pinch lifted: the other pans on.
            self.explorer.resume_pan(lx, ly);
        }
    }

    pub(super) fn pointer_move(&mut self, pointer: i32, x: f32, y: f32, out: &mut Output) {
        if self.pointers.len() >= 2 && self.pointers.contains_key(&pointer) {
            // Pinch: zoom by the change in distance between the first two pointers, around
            // their midpoint, and follow the midpoint.
            let two = |p: &BTreeMap<i32, (f32, f32)>| {
                let mut it = p.values().copied();
                [it.next().unwrap_or_default(), it.next().unwrap_or_default()]
            };
            let before = two(&self.pointers);
            self.pointers.insert(pointer, (x, y));
            let p = crate::app::gesture::pinch(before, two(&self.pointers));
            self.explorer.zoom_at(p.centre.0, p.centre.1, p.factor);
            self.explorer.pan_by(p.pan.0, p.pan.1);
            return;
        }
        if let Some(p) = self.pointers.get_mut(&pointer) {
            *p = (x, y);
        }
        if let Some(p) = self.press.as_mut().filter(|p| p.pointer == pointer) {
            p.move_to((x, y));
        }
        if self.explorer.pointer_move(x, y) {
            out.cursor = Some(if self.explorer.hover().is_some() {
                Cursor::Pointer
            } else {
                Cursor::Grab
            });
        }
    }

    /// A finger held still: select what is under it and open its details.
    pub(super) fn long_press(&mut self, (x, y): (f32, f32), reach: f32, out: &mut Output) {
        // The release that follows is no tap, and no pan either.
        self.explorer.pointer_leave();
        let sel = match self.explorer.hit_within(x, y, reach) {
            Some(crate::app::Hit::Entity(e)) => Selection::Entity(e),
            Some(crate::app::Hit::Relation(r)) => Selection::Relation(r),
            Some(crate::app::Hit::Community(_)) | None => return,
        };
        self.update_view(out, |v| v.selection = Some(sel));
        self.show_panel(crate::app::screen::Panel::Details, Some(true), out);
    }
}
