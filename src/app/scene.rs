//! Turning the explorer state into a draw list: screen-space nodes, edges and the labels that
//! fit. Labels are chosen by importance, forced for the selection and hover neighbourhood, and
//! placed greedily without overlap (an occupancy grid keeps that linear), so more labels appear
//! as the user zooms in. No two labels overlap, around a selection too: the selection's label
//! is placed first, its neighbours' may move a row or two off their nodes, and one with no free
//! place is left out. On a large graph only the most important entities are drawn in full
//! (see [`super::lod`]): the rest are faint points without edges or labels, and those of a
//! community are gathered into one disc with its label and faint edges
//! ([`super::lod::aggregate`]).

use super::lod::aggregate::{self, Aggregate, AggregateEdge};
use super::view::Selection;
use super::Explorer;
use crate::model::{EntityId, RelationId, RelationKind};
pub use crate::render::{DrawEdge, DrawLabel, DrawList, DrawNode, Emphasis, Motion};
use std::collections::BTreeSet;

/// Reusable scratch for building a [`DrawList`].
#[derive(Default)]
pub struct Scene {
    /// The result.
    pub list: DrawList,
    grid: Vec<Vec<(f32, f32, f32, f32)>>,
    highlighted: BTreeSet<EntityId>,
    /// What this frame draws in full.
    pub detail: super::lod::Detail,
    /// The camera of the last frame (whether this one is [`Motion::Moving`]).
    drawn_from: Option<super::camera::Camera>,
    /// The communities drawn as one disc each in this frame.
    pub aggregates: Vec<Aggregate>,
    aggregate_edges: Vec<AggregateEdge>,
    /// Per community: whether its members in context are gathered into its disc.
    gathered: Vec<bool>,
}

/// Label font size in CSS px (scaled in presentation mode).
pub const LABEL_SIZE: f32 = 13.0;
/// Most labels one frame shows (fewer on a small canvas).
pub const MAX_LABELS: usize = 400;

/// Estimated width in pixels of `label` at font `size`: CJK glyphs are about one em wide,
/// Latin about half.
pub fn label_width(label: &str, size: f32) -> f32 {
    label
        .chars()
        .map(|c| if c.is_ascii() { 0.55 } else { 1.0 })
        .sum::<f32>()
        * size
}

/// Side of a cell of the label occupancy grid, in CSS px.
const GRID: f32 = 64.0;

impl Scene {
    /// Rebuilds the list from the explorer.
    pub fn build(&mut self, ex: &Explorer) {
        self.list.edges.clear();
        self.list.nodes.clear();
        self.list.labels.clear();
        let moved = self.drawn_from.is_some_and(|c| c != ex.camera);
        self.list.motion = if moved { Motion::Moving } else { Motion::Still };
        self.drawn_from = Some(ex.camera);
        self.detail = super::lod::detail(ex);
        let focus = self.highlight(ex);
        self.gather(ex);
        self.push_edges(ex, &focus);
        self.push_nodes(ex, &focus);
        self.place_labels(ex, &focus);
    }

    /// The communities' discs, when some entities are drawn as context only.
    fn gather(&mut self, ex: &Explorer) {
        self.aggregates.clear();
        self.aggregate_edges.clear();
        self.gathered.clear();
        let d = &self.detail;
        if !(d.large && !d.show_all && d.hides()) {
            return;
        }
        let (list, edges) = aggregate::aggregates(ex, |e| !self.full(ex, e));
        for a in &list {
            let c = a.community as usize;
            if self.gathered.len() <= c {
                self.gathered.resize(c + 1, false);
            }
            self.gathered[c] = true;
        }
        (self.aggregates, self.aggregate_edges) = (list, edges);
    }

    /// Whether an entity is drawn in this frame only as part of its community's disc.
    fn is_gathered(&self, ex: &Explorer, e: EntityId) -> bool {
        !self.gathered.is_empty()
            && !self.full(ex, e)
            && ex
                .measures_ready()
                .and_then(|m| m.community.get(e.index()))
                .is_some_and(|&c| self.gathered.get(c as usize) == Some(&true))
    }

    /// The radius an entity was drawn at in this frame (what a pointer hits); `None` when it
    /// was not drawn as a node (hidden, or gathered into its community's disc).
    pub fn drawn_radius(&self, ex: &Explorer, e: EntityId) -> Option<f32> {
        if !ex.is_visible(e) || self.is_gathered(ex, e) {
            return None;
        }
        let r = ex.node_radius(e);
        let scale = if ex.view().presentation { 1.6 } else { 1.0 };
        Some(if self.full(ex, e) {
            r
        } else {
            r.min(super::lod::CONTEXT_RADIUS * scale)
        })
    }

    /// What is emphasised: the centre (hover wins over selection), its visible neighbours and
    /// the selected relation's ends (into `highlighted`).
    fn highlight(&mut self, ex: &Explorer) -> Highlight {
        let centre = ex.hover().or(match ex.view().selection {
            Some(Selection::Entity(e)) => Some(e),
            _ => None,
        });
        let relation = match ex.view().selection {
            Some(Selection::Relation(r)) => Some(r),
            _ => None,
        };
        let highlighted = &mut self.highlighted;
        highlighted.clear();
        if let Some(c) = centre {
            highlighted.insert(c);
            for (other, rel) in ex.graph.incident(c) {
                if ex.is_relation_visible(rel) {
                    highlighted.insert(other);
                }
            }
        }
        if let Some(r) = relation.and_then(|r| ex.x.relation(r)) {
            highlighted.insert(r.source);
            highlighted.insert(r.target);
        }
        // The path found: its entities and hops stand out.
        let path = ex.paths().first();
        if let Some(p) = path {
            highlighted.extend(p.entities.iter().copied());
        }
        Highlight {
            centre,
            relation,
            path_entities: path.map_or_else(Vec::new, |p| p.entities.clone()),
            path_hops: path.map_or_else(Vec::new, |p| p.hops.clone()),
            any: !highlighted.is_empty(),
            scale: if ex.view().presentation { 1.6 } else { 1.0 },
        }
    }

    /// Whether an entity is drawn in full: important enough for the level of detail, or
    /// highlighted (the selection, the hovered entity, their neighbours, a path).
    fn full(&self, ex: &Explorer, e: EntityId) -> bool {
        self.detail.full(ex.importance_rank(e)) || self.highlighted.contains(&e)
    }

    fn emphasis_of(&self, f: &Highlight, e: EntityId) -> Emphasis {
        if Some(e) == f.centre || f.path_entities.contains(&e) {
            Emphasis::Focus
        } else if self.highlighted.contains(&e) {
            Emphasis::Neighbour
        } else if f.any {
            Emphasis::Dim
        } else {
            Emphasis::Normal
        }
    }

    /// Visible edges that cross the viewport, emphasised ones last (on top); within a layer,
    /// grouped by style so a renderer strokes each group as one path.
    fn push_edges(&mut self, ex: &Explorer, f: &Highlight) {
        let (w, h) = (ex.camera.width, ex.camera.height);
        for (i, r) in ex.x.relations_with_ids() {
            if !ex.is_relation_visible(i) {
                continue;
            }
            let (Some((x1, y1)), Some((x2, y2))) =
                (ex.screen_position(r.source), ex.screen_position(r.target))
            else {
                continue;
            };
            // Cull edges whose bounding box misses the viewport.
            if x1.max(x2) < 0.0 || y1.max(y2) < 0.0 || x1.min(x2) > w || y1.min(y2) > h {
                continue;
            }
            let on_path = Some(i) == f.relation
                || f.path_hops.contains(&i)
                || f.centre.is_some_and(|c| r.source == c || r.target == c);
            // Context has no edges.
            let in_full = self.full(ex, r.source) && self.full(ex, r.target);
            if !(on_path || in_full) {
                continue;
            }
            let emphasis = if on_path {
                Emphasis::Focus
            } else if f.any {
                Emphasis::Dim
            } else {
                Emphasis::Normal
            };
            let width = (0.6 + (r.weight as f32).sqrt() * 0.6).min(4.0)
                * f.scale
                * if on_path { 1.8 } else { 1.0 };
            self.list.edges.push(DrawEdge {
                x1,
                y1,
                x2,
                y2,
                kind: r.kind,
                width,
                emphasis,
            });
        }
        // Faint edges between the communities' discs.
        for e in &self.aggregate_edges {
            let (Some(a), Some(b)) = (self.aggregates.get(e.a), self.aggregates.get(e.b)) else {
                continue;
            };
            let (x1, y1) = ex.camera.screen_from_world(a.centre.0, a.centre.1);
            let (x2, y2) = ex.camera.screen_from_world(b.centre.0, b.centre.1);
            if x1.max(x2) < 0.0 || y1.max(y2) < 0.0 || x1.min(x2) > w || y1.min(y2) > h {
                continue;
            }
            self.list.edges.push(DrawEdge {
                x1,
                y1,
                x2,
                y2,
                kind: RelationKind::CoOccurs,
                width: (0.6 + (e.weight as f32).sqrt() * 0.4).min(6.0) * f.scale,
                emphasis: Emphasis::Dim,
            });
        }
        self.list.edges.sort_by_key(|e| {
            (
                e.emphasis,
                e.kind != RelationKind::CoOccurs,
                (e.width * 2.0) as u32,
            )
        });
    }

    /// Visible nodes on screen, grouped by emphasis and kind.
    fn push_nodes(&mut self, ex: &Explorer, f: &Highlight) {
        let (w, h) = (ex.camera.width, ex.camera.height);
        for e in &ex.x.entities {
            if !ex.is_visible(e.id) || self.is_gathered(ex, e.id) {
                continue;
            }
            let Some((x, y)) = ex.screen_position(e.id) else {
                continue;
            };
            let full = self.full(ex, e.id);
            let r = ex.node_radius(e.id);
            let r = if full {
                r
            } else {
                r.min(super::lod::CONTEXT_RADIUS * f.scale)
            };
            if !on_screen(w, h, x, y, r) {
                continue;
            }
            // Context is faint.
            let emphasis = if full {
                self.emphasis_of(f, e.id)
            } else {
                Emphasis::Dim
            };
            self.list.nodes.push(DrawNode {
                entity: e.id,
                x,
                y,
                r,
                kind: e.kind,
                community: ex.colour_community(e.id),
                emphasis,
            });
        }
        // Each community's disc, faint, in its colour.
        for a in &self.aggregates {
            let (x, y) = ex.camera.screen_from_world(a.centre.0, a.centre.1);
            let (r, Some(label)) = (a.radius(), ex.x.entity(a.label)) else {
                continue;
            };
            if on_screen(w, h, x, y, r) {
                self.list.nodes.push(DrawNode {
                    entity: a.label,
                    x,
                    y,
                    r,
                    kind: label.kind,
                    community: Some(a.community),
                    emphasis: Emphasis::Dim,
                });
            }
        }
        self.list.nodes.sort_by_key(|n| (n.emphasis, n.kind));
    }

    /// Each community disc's label (its most important member), largest disc first, where
    /// it overlaps no other label; after the labels that must show (the selection and its
    /// neighbours), before those of other entities.
    fn place_aggregate_labels(&mut self, ex: &Explorer, f: &Highlight) {
        let (w, h) = (ex.camera.width, ex.camera.height);
        let cols = (w / GRID).ceil().max(1.0) as usize + 1;
        let rows = (h / GRID).ceil().max(1.0) as usize + 1;
        let size = LABEL_SIZE * f.scale;
        let mut order: Vec<&Aggregate> = self.aggregates.iter().collect();
        order.sort_by_key(|a| (std::cmp::Reverse(a.count), a.community));
        for a in order {
            let Some(ent) = ex.x.entity(a.label) else {
                continue;
            };
            let (x, y) = ex.camera.screen_from_world(a.centre.0, a.centre.1);
            let (tw, lh) = (label_width(&ent.label, size), size * 0.6);
            // On the disc, then beside it, above and below.
            let r = a.radius();
            let places = [
                (x - tw / 2.0, y),
                (x + r + 3.0, y),
                (x - r - 3.0 - tw, y),
                (x - tw / 2.0, y - r - lh - 2.0),
                (x - tw / 2.0, y + r + lh + 2.0),
            ];
            let rect_at = |(lx, ly): (f32, f32)| (lx, ly - lh, lx + tw, ly + lh);
            let inside = |(x0, y0, x1, y1): Rect| x0 >= 0.0 && y0 >= 0.0 && x1 <= w && y1 <= h;
            let free = places
                .into_iter()
                .find(|&p| inside(rect_at(p)) && !collides(&self.grid, rect_at(p), cols, rows));
            let Some((lx, ly)) = free else {
                continue;
            };
            occupy(&mut self.grid, rect_at((lx, ly)), cols, rows);
            self.list.labels.push(DrawLabel {
                entity: a.label,
                x: lx,
                y: ly,
                size,
                emphasis: Emphasis::Normal,
            });
        }
    }

    /// Labels: forced ones first (focus and neighbours), then by importance, each in the
    /// first free place around its node.
    fn place_labels(&mut self, ex: &Explorer, f: &Highlight) {
        let cam = ex.camera;
        let (w, h) = (cam.width, cam.height);
        let cols = (w / GRID).ceil().max(1.0) as usize + 1;
        let rows = (h / GRID).ceil().max(1.0) as usize + 1;
        self.grid.iter_mut().for_each(Vec::clear);
        self.grid.resize(cols * rows, Vec::new());
        let size = LABEL_SIZE * f.scale;
        let budget = ((w * h) / (size * size * 60.0)).clamp(20.0, MAX_LABELS as f32) as usize;
        // The centre first (it always gets its place), then the rest by importance.
        let mut forced: Vec<EntityId> = self.highlighted.iter().copied().collect();
        forced.sort_by_key(|&e| {
            (
                Some(e) != f.centre,
                std::cmp::Reverse(ex.importance(e)),
                e.0,
            )
        });
        let mut placed = 0usize;
        let mut tried = 0usize;
        // The communities' discs are named after the labels that must show, before the rest.
        let mut discs_named = false;
        for (force, e) in forced
            .iter()
            .map(|&e| (true, e))
            .chain(ex.by_importance.iter().map(|&e| (false, e)))
        {
            if !force && !discs_named {
                self.place_aggregate_labels(ex, f);
                discs_named = true;
            }
            let past_cut = !self.detail.full(ex.importance_rank(e));
            if !force && (placed >= budget || tried > 4 * budget + 500 || past_cut) {
                break;
            }
            if !ex.is_visible(e) || (!force && self.highlighted.contains(&e)) {
                continue;
            }
            tried += 1;
            let (Some((x, y)), Some(ent)) = (ex.screen_position(e), ex.x.entity(e)) else {
                continue;
            };
            let r = ex.node_radius(e);
            let size = if Some(e) == f.centre {
                size * 1.15
            } else {
                size
            };
            let tw = label_width(&ent.label, size);
            // Right of the node first, then left, above, below; a label that must show (the
            // selection and its neighbours) may also take a row or two above or below those
            // beside its node, and is left out rather than drawn over another.
            let lh = size * 0.6;
            let row = 2.0 * lh + 2.0;
            let (right, left) = (x + r + 3.0, x - r - 3.0 - tw);
            let (up, down) = (|k: f32| y - k * row, |k: f32| y + k * row);
            let all = [
                (right, y),
                (left, y),
                (x - tw / 2.0, y - r - lh - 2.0),
                (x - tw / 2.0, y + r + lh + 2.0),
                (right, up(1.0)),
                (right, down(1.0)),
                (left, up(1.0)),
                (left, down(1.0)),
                (right, up(2.0)),
                (right, down(2.0)),
                (left, up(2.0)),
                (left, down(2.0)),
            ];
            let candidates = if force { &all[..] } else { &all[..4] };
            let rect_at = |(lx, ly): (f32, f32)| (lx, ly - lh, lx + tw, ly + lh);
            let inside =
                |(x0, y0, x1, y1): Rect| x0 >= 0.0 && y0 >= 0.0 && x1 <= w && y1 <= cam.height;
            let grid = &self.grid;
            // A free place wholly on screen first, so a label at the edge of the picture
            // turns inwards instead of being cut off.
            let free = candidates
                .iter()
                .copied()
                .find(|&c| inside(rect_at(c)) && !collides(grid, rect_at(c), cols, rows))
                .or_else(|| {
                    candidates
                        .iter()
                        .copied()
                        .find(|&c| !collides(grid, rect_at(c), cols, rows))
                });
            let Some((lx, ly)) = free else {
                continue;
            };
            // No free place wholly on screen: slide the label along its row to the edge
            // rather than cut its text off, if that place is free too.
            let slid = if tw <= w { lx.clamp(0.0, w - tw) } else { lx };
            let lx = if slid == lx || !collides(&self.grid, rect_at((slid, ly)), cols, rows) {
                slid
            } else {
                lx
            };
            let rect = rect_at((lx, ly));
            if !on_screen(w, h, rect.0, rect.1, 0.0) && !on_screen(w, h, rect.2, rect.3, 0.0) {
                continue;
            }
            occupy(&mut self.grid, rect, cols, rows);
            let emphasis = self.emphasis_of(f, e);
            self.list.labels.push(DrawLabel {
                entity: e,
                x: lx,
                y: ly,
                size,
                emphasis,
            });
            placed += 1;
        }
    }
}

/// What a frame emphasises.
struct Highlight {
    /// The hovered, else the selected, entity.
    centre: Option<EntityId>,
    /// The selected relation.
    relation: Option<RelationId>,
    /// The entities of the path shown.
    path_entities: Vec<EntityId>,
    /// The relations of the path shown.
    path_hops: Vec<RelationId>,
    /// Whether anything is highlighted (the rest is dimmed).
    any: bool,
    /// Size factor (presentation mode draws larger).
    scale: f32,
}

/// Whether a point is on a `w` × `h` screen, with a margin.
fn on_screen(w: f32, h: f32, x: f32, y: f32, m: f32) -> bool {
    x >= -m && y >= -m && x <= w + m && y <= h + m
}

fn cells(rect: (f32, f32, f32, f32), cols: usize, rows: usize) -> impl Iterator<Item = usize> {
    let c0 = (rect.0 / GRID).floor().clamp(0.0, cols as f32 - 1.0) as usize;
    let c1 = (rect.2 / GRID).floor().clamp(0.0, cols as f32 - 1.0) as usize;
    let r0 = (rect.1 / GRID).floor().clamp(0.0, rows as f32 - 1.0) as usize;
    let r1 = (rect.3 / GRID).floor().clamp(0.0, rows as f32 - 1.0) as usize;
    (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * cols + c))
}

type Rect = (f32, f32, f32, f32);

fn collides(grid: &[Vec<Rect>], rect: Rect, cols: usize, rows: usize) -> bool {
    cells(rect, cols, rows).any(|cell| {
        grid[cell]
            .iter()
            .any(|o| rect.0 < o.2 && o.0 < rect.2 && rect.1 < o.3 && o.1 < rect.3)
    })
}

fn occupy(grid: &mut [Vec<Rect>], rect: Rect, cols: usize, rows: usize) {
    for cell in cells(rect, cols, rows) {
        grid[cell].push(rect);
    }
}
