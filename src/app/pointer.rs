//! What a pointer does on the graph: what it hits, hovering, dragging a node (pinned where
//! released), panning, zooming, and a click or tap that selects.

use super::view::Selection;
use super::{gesture, Explorer};
use crate::model::{EntityId, RelationId};
use gesture::PointerKind;

/// A pointer held down: where it was pressed, by what, whether it has moved beyond the
/// pointer's slop (then the release is no click), and what it moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Drag {
    from: (f32, f32),
    kind: PointerKind,
    moved: bool,
    what: Dragging,
}

/// What a pointer held down moves.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dragging {
    /// A node (pinned where released).
    Node(EntityId),
    /// The camera; the pointer was last at this point.
    Pan((f32, f32)),
}

/// What a click hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A node.
    Entity(EntityId),
    /// An edge.
    Relation(RelationId),
    /// The disc of a community's entities drawn as context ([`super::lod::aggregate`]).
    Community(u32),
}

impl Explorer {
    /// What is under a screen point: the nearest visible node within its radius (+4 px), else
    /// an edge within 4 px.
    pub fn hit(&self, sx: f32, sy: f32) -> Option<Hit> {
        self.hit_within(sx, sy, gesture::MOUSE_REACH)
    }

    /// What is under a screen point, for a pointer that reaches `reach` px (a finger is less
    /// precise than a mouse): the nearest visible node within its radius as the last frame
    /// drew it + `reach` (a point of context is small; one gathered into a community's disc
    /// is not drawn), else the disc of a community, else an edge within `reach`.
    pub fn hit_within(&self, sx: f32, sy: f32, reach: f32) -> Option<Hit> {
        let mut best: Option<(f32, EntityId)> = None;
        for e in &self.x.entities {
            let Some(r) = self.scene.drawn_radius(self, e.id) else {
                continue;
            };
            let Some((px, py)) = self.screen_position(e.id) else {
                continue;
            };
            let d = ((px - sx).powi(2) + (py - sy).powi(2)).sqrt();
            if d <= r + reach && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, e.id));
            }
        }
        if let Some((_, e)) = best {
            return Some(Hit::Entity(e));
        }
        let disc = self.scene.aggregates.iter().rev().find(|a| {
            let (x, y) = self.camera.screen_from_world(a.centre.0, a.centre.1);
            (x - sx).hypot(y - sy) <= a.radius() + reach
        });
        if let Some(a) = disc {
            return Some(Hit::Community(a.community));
        }
        let mut best_edge: Option<(f32, RelationId)> = None;
        for (id, r) in self.x.relations_with_ids() {
            if !self.is_relation_visible(id) {
                continue;
            }
            let (Some(a), Some(b)) = (
                self.screen_position(r.source),
                self.screen_position(r.target),
            ) else {
                continue;
            };
            let d = segment_distance((sx, sy), a, b);
            if d <= reach && best_edge.is_none_or(|(bd, _)| d < bd) {
                best_edge = Some((d, id));
            }
        }
        best_edge.map(|(_, r)| Hit::Relation(r))
    }

    /// The hovered entity.
    pub fn hover(&self) -> Option<EntityId> {
        self.hover
    }

    /// Mouse pressed at a screen point.
    pub fn pointer_down(&mut self, sx: f32, sy: f32) {
        self.press(sx, sy, PointerKind::Mouse);
    }

    /// A pointer of `kind` pressed at a screen point: on a node a mouse or pen drags it;
    /// elsewhere, or with a finger, the press pans.
    pub fn press(&mut self, sx: f32, sy: f32, kind: PointerKind) {
        let node = match self.hit_within(sx, sy, kind.reach()) {
            Some(Hit::Entity(entity)) if kind.drags_nodes() => Some(entity),
            _ => None,
        };
        self.drag = Some(Drag {
            from: (sx, sy),
            kind,
            moved: false,
            what: node.map_or(Dragging::Pan((sx, sy)), Dragging::Node),
        });
    }

    /// The finger left on the glass after a pinch pans on from here (never a tap).
    pub fn resume_pan(&mut self, sx: f32, sy: f32) {
        self.drag = Some(Drag {
            from: (sx, sy),
            kind: PointerKind::Touch,
            moved: true,
            what: Dragging::Pan((sx, sy)),
        });
    }

    /// Pointer moved; returns whether the hover target changed.
    pub fn pointer_move(&mut self, sx: f32, sy: f32) -> bool {
        let Some(drag) = &mut self.drag else {
            let h = match self.hit(sx, sy) {
                Some(Hit::Entity(e)) => Some(e),
                _ => None,
            };
            let changed = h != self.hover;
            if changed {
                self.hover = h;
                self.dirty = true;
            }
            return changed;
        };
        if !drag.moved && !gesture::moved_beyond(drag.kind, drag.from, (sx, sy)) {
            return false;
        }
        drag.moved = true;
        match &mut drag.what {
            Dragging::Node(e) => {
                let (wx, wy) = self.camera.world_from_screen(sx, sy);
                self.layout.pin(e.index(), wx, wy);
                self.layout.wake();
            }
            Dragging::Pan(last) => {
                let (dx, dy) = (sx - last.0, sy - last.1);
                *last = (sx, sy);
                self.camera.pan(dx, dy);
            }
        }
        self.camera_touched = true;
        self.dirty = true;
        false
    }

    /// Pointer released; a press and release without movement (beyond the pointer's slop) is
    /// a click or tap, which selects what it was pressed on (or clears the selection on empty
    /// space). Returns the new selection when a click changed it.
    pub fn pointer_up(&mut self, _sx: f32, _sy: f32) -> Option<Option<Selection>> {
        let drag = self.drag.take()?;
        if drag.moved {
            return None;
        }
        let (sx, sy) = drag.from;
        let sel = match self.hit_within(sx, sy, drag.kind.reach()) {
            Some(Hit::Entity(e)) => Some(Selection::Entity(e)),
            Some(Hit::Relation(r)) => Some(Selection::Relation(r)),
            Some(Hit::Community(c)) => {
                self.zoom_to_aggregate(c);
                return None;
            }
            None => None,
        };
        self.update_view(|v| v.selection = sel);
        Some(sel)
    }

    /// Frames the members of a community's disc ([`super::lod::aggregate`]), zooming in at
    /// least twofold (a disc of members spread over the whole view still comes apart).
    pub fn zoom_to_aggregate(&mut self, community: u32) {
        let Some(a) = self
            .scene
            .aggregates
            .iter()
            .find(|a| a.community == community)
        else {
            return;
        };
        let (before, centre) = (self.camera.scale, a.centre);
        self.camera.fit(a.bounds, 60.0);
        if self.camera.scale < before * 2.0 {
            (self.camera.cx, self.camera.cy) = centre;
            self.camera.scale = before * 2.0;
        }
        self.camera_touched = true;
        self.dirty = true;
    }

    /// Pointer left the canvas.
    pub fn pointer_leave(&mut self) {
        self.drag = None;
        if self.hover.take().is_some() {
            self.dirty = true;
        }
    }

    /// Wheel or pinch zoom around a screen point.
    pub fn zoom_at(&mut self, sx: f32, sy: f32, factor: f32) {
        self.camera.zoom_at(sx, sy, factor);
        self.camera_touched = true;
        self.dirty = true;
    }

    /// Pans the camera by a screen-space delta (two fingers moving together).
    pub fn pan_by(&mut self, dx: f32, dy: f32) {
        if dx != 0.0 || dy != 0.0 {
            self.camera.pan(dx, dy);
            self.camera_touched = true;
            self.dirty = true;
        }
    }

    /// Moves the camera (same zoom) so that an entity's node is at the screen point `(sx, sy)`.
    pub fn focus_camera_at(&mut self, e: EntityId, sx: f32, sy: f32) {
        let i = e.index();
        if i < self.layout.len() && self.camera.scale > 0.0 {
            let c = &mut self.camera;
            c.cx = self.layout.x[i] - (sx - c.width / 2.0) / c.scale;
            c.cy = self.layout.y[i] - (sy - c.height / 2.0) / c.scale;
            self.camera_touched = true;
            self.dirty = true;
        }
    }

    /// Centres the camera on an entity (search, list selection), zooming in if far out.
    pub fn focus_camera_on(&mut self, e: EntityId) {
        let i = e.index();
        if i < self.layout.len() {
            self.camera.cx = self.layout.x[i];
            self.camera.cy = self.layout.y[i];
            self.camera_touched = true;
            self.dirty = true;
        }
    }
}

/// Distance from point `p` to segment `a`–`b`.
pub fn segment_distance(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}
