//! Level of detail: a large graph opens as its structure, not as a ball. Above [`LOD_FROM`]
//! visible entities, only the most important ones are drawn in full (node, label, the edges
//! between them); the others are faint points of context without edges, until the user zooms
//! in. How many are in full follows the zoom: the most important entities *on screen*, one
//! per [`FULL_AREA`] square pixels of canvas, and every entity at least as important as the
//! last of those (on screen or not, so an edge to a node just off screen is drawn). Zooming in
//! leaves fewer entities on screen, so ever less important ones come in, until all do.
//!
//! Importance is the order labels are chosen in (weighted degree plus mentions, see
//! `Explorer::importance`): known at once on any corpus, and the entities with labels are the
//! ones in full. The selection, the hovered entity, their neighbours and a path's entities
//! are always in full ([`Detail::full`] is asked after them), and the list and the search
//! reach every entity whatever is drawn. The note over the graph ([`note`]) says what is
//! hidden and offers "show all", kept in the view (`all=1` in the link). The context of each
//! community is gathered into one disc ([`aggregate`]) that a click zooms in to.

pub mod aggregate;

use super::i18n::{Lang, Msg};
use super::Explorer;
use crate::model::EntityId;

/// Visible entities above which the rule engages (the seed page has under a hundred).
pub const LOD_FROM: usize = 2_000;

/// Canvas area per entity drawn in full, in square CSS pixels: 512 on a 1280 × 800 canvas.
pub const FULL_AREA: f32 = 2_000.0;

/// Fewest and most entities on screen drawn in full, whatever the canvas.
pub const FULL_RANGE: (usize, usize) = (100, 2_000);

/// Radius of a node of context, in CSS pixels (times the presentation scale).
pub const CONTEXT_RADIUS: f32 = 1.5;

/// What a frame draws in full.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Detail {
    /// Entities before this place in the importance order are in full (all of them when the
    /// rule is off).
    pub cut: usize,
    /// Visible entities in full.
    pub shown: usize,
    /// Visible entities.
    pub total: usize,
    /// Whether the graph is large enough for the rule ([`LOD_FROM`]), shown all or not.
    pub large: bool,
    /// Whether the user asked to show all.
    pub show_all: bool,
}

impl Default for Detail {
    fn default() -> Self {
        Detail {
            cut: usize::MAX,
            shown: 0,
            total: 0,
            large: false,
            show_all: false,
        }
    }
}

impl Detail {
    /// Whether some visible entities are drawn as context only.
    pub fn hides(&self) -> bool {
        self.shown < self.total
    }

    /// Whether the entity at `rank` in the importance order is drawn in full (the forced
    /// ones, selection and neighbours, are the caller's).
    pub fn full(&self, rank: usize) -> bool {
        rank < self.cut
    }
}

/// Entities on a `width` × `height` canvas drawn in full ([`FULL_AREA`], [`FULL_RANGE`]).
pub fn full_budget(width: f32, height: f32) -> usize {
    let n = (width.max(0.0) * height.max(0.0) / FULL_AREA) as usize;
    n.clamp(FULL_RANGE.0, FULL_RANGE.1)
}

/// The frame's detail: where the importance order is cut at the explorer's camera.
pub fn detail(ex: &Explorer) -> Detail {
    let order = ex.by_importance();
    let total = order.iter().filter(|&&e| ex.is_visible(e)).count();
    let show_all = ex.view().show_all;
    let large = total > LOD_FROM;
    let mut d = Detail {
        cut: usize::MAX,
        shown: total,
        total,
        large,
        show_all,
    };
    if !large || show_all {
        return d;
    }
    let (w, h) = (ex.camera.width, ex.camera.height);
    let budget = full_budget(w, h);
    let (mut on_screen, mut shown) = (0usize, 0usize);
    for (i, &e) in order.iter().enumerate() {
        if !ex.is_visible(e) {
            continue;
        }
        shown += 1;
        let inside = ex
            .screen_position(e)
            .is_some_and(|(x, y)| x >= 0.0 && y >= 0.0 && x <= w && y <= h);
        if inside {
            on_screen += 1;
            if on_screen == budget {
                d.cut = i + 1;
                d.shown = shown;
                break;
            }
        }
    }
    d
}

/// The note over the graph: hidden on a small graph; else what is drawn and a button to show
/// all or only the most important again. (`hidden`, text, button.)
pub fn note(d: &Detail, lang: Lang) -> (bool, String, &'static str) {
    if !d.large {
        return (true, String::new(), lang.text(Msg::LodShowAll));
    }
    let (shown, total) = (lang.number(d.shown), lang.number(d.total));
    if d.show_all {
        let text = lang.fill(Msg::LodAll, &[&total]);
        return (false, text, lang.text(Msg::LodShowFewer));
    }
    let text = if d.hides() {
        lang.fill(Msg::LodSome, &[&shown, &total])
    } else {
        lang.fill(Msg::LodZoomedIn, &[&total])
    };
    (false, text, lang.text(Msg::LodShowAll))
}

impl Explorer {
    /// The communities the last frame drew as one disc each ([`aggregate`]).
    pub fn scene_aggregates(&self) -> &[aggregate::Aggregate] {
        &self.scene.aggregates
    }
}

/// The rank of each entity in `order` (index = entity id).
pub fn ranks(order: &[EntityId], n: usize) -> Vec<u32> {
    let mut rank = vec![u32::MAX; n];
    for (i, e) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(e.index()) {
            *r = i as u32;
        }
    }
    rank
}

#[cfg(test)]
mod tests;
