//! The render model: what a frame shows, as a self-contained [`DrawList`] in screen space, and
//! the [`Theme`] that owns every colour. Backends draw the same list: the page's canvas
//! (`web::draw`, with [`raster`] for the bulk of a large frame) and [`svg`] for the export.
//! The list is built by `app::scene`; nothing here knows the explorer.
//!
//! May use: `model`. Used by: `io` (colours and escaping of the exports), `app`, `web`.

pub mod markup;
pub mod raster;
pub mod svg;
pub mod theme;

use crate::model::{EntityId, EntityKind, RelationKind};
pub use theme::{Contrast, Theme};

/// How a node or edge is emphasised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Emphasis {
    /// Faded: something else is highlighted.
    Dim,
    /// Plain.
    Normal,
    /// Next to the hovered or selected node.
    Neighbour,
    /// The hovered or selected node itself.
    Focus,
}

/// A node to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawNode {
    /// Entity.
    pub entity: EntityId,
    /// Screen x (CSS px).
    pub x: f32,
    /// Screen y.
    pub y: f32,
    /// Radius (CSS px).
    pub r: f32,
    /// Kind (colour).
    pub kind: EntityKind,
    /// Emphasis.
    pub emphasis: Emphasis,
}

/// An edge to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawEdge {
    /// Start x.
    pub x1: f32,
    /// Start y.
    pub y1: f32,
    /// End x.
    pub x2: f32,
    /// End y.
    pub y2: f32,
    /// Typed relations draw solid and darker than co-occurrence.
    pub kind: RelationKind,
    /// Line width (CSS px).
    pub width: f32,
    /// Emphasis.
    pub emphasis: Emphasis,
}

/// A label to draw (its text is the entity's label).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DrawLabel {
    /// Entity.
    pub entity: EntityId,
    /// Left x of the text.
    pub x: f32,
    /// Baseline-centre y of the text.
    pub y: f32,
    /// Font size (CSS px).
    pub size: f32,
    /// Emphasis.
    pub emphasis: Emphasis,
}

/// Everything a renderer needs for one frame, in screen space.
#[derive(Clone, Debug, Default)]
pub struct DrawList {
    /// Edges, back to front.
    pub edges: Vec<DrawEdge>,
    /// Nodes, back to front.
    pub nodes: Vec<DrawNode>,
    /// Labels.
    pub labels: Vec<DrawLabel>,
}

/// Opacity of a plain (not focused) edge on the canvas: stronger for heavier relations,
/// typed relations stronger than co-occurrence, faint when something else is highlighted.
pub fn edge_strength(e: &DrawEdge) -> f32 {
    let typed = e.kind != RelationKind::CoOccurs;
    match e.emphasis {
        Emphasis::Dim => 0.12,
        _ => (0.3 + 0.25 * e.width).min(0.95) * if typed { 1.0 } else { 0.7 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_strength_follows_weight_kind_and_emphasis() {
        let e = DrawEdge {
            x1: 0.0,
            y1: 0.0,
            x2: 1.0,
            y2: 1.0,
            kind: RelationKind::Within,
            width: 1.0,
            emphasis: Emphasis::Normal,
        };
        assert!((edge_strength(&e) - 0.55).abs() < 1e-6);
        let co = DrawEdge {
            kind: RelationKind::CoOccurs,
            ..e
        };
        assert!((edge_strength(&co) - 0.385).abs() < 1e-6);
        let heavy = DrawEdge { width: 4.0, ..e };
        assert_eq!(edge_strength(&heavy), 0.95);
        let dim = DrawEdge {
            emphasis: Emphasis::Dim,
            ..heavy
        };
        assert_eq!(edge_strength(&dim), 0.12);
    }
}
