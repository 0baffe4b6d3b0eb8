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
pub use theme::{Contrast, LineStyle, Theme};

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
    /// Kind (colour, unless coloured by community).
    pub kind: EntityKind,
    /// Community, when nodes are coloured by community.
    pub community: Option<u32>,
    /// Emphasis.
    pub emphasis: Emphasis,
}

impl DrawNode {
    /// The node's fill in a theme: its community's colour, else its kind's.
    pub fn fill(&self, theme: &Theme) -> &'static str {
        match self.community {
            Some(c) => theme.community(c),
            None => theme.kind(self.kind),
        }
    }
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
    /// Its kind: each is drawn in its own [`LineStyle`] ([`Theme::relation`]), stated
    /// relations stronger than co-occurrence.
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
    /// Whether the camera moved since the last frame.
    pub motion: Motion,
}

/// Whether a frame is one of a camera move: a raster backend may then draw a dense layer of
/// lines coarser ([`raster::coarseness_for`]) to keep up; the frame after the camera stops is
/// drawn in full (the explorer asks for it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Motion {
    /// The camera is where it was: everything at full resolution.
    #[default]
    Still,
    /// The camera moved since the last frame.
    Moving,
}

/// Above this many edges and nodes, a raster backend draws the plain ones as one image rather
/// than stroking them one by one (the render benchmark's crossover is far above the seed
/// page's few hundred).
pub const RASTER_FROM: usize = 2_000;

impl DrawList {
    /// Whether the plain edges and nodes are worth rasterising into one image
    /// ([`RASTER_FROM`]).
    pub fn worth_rasterising(&self) -> bool {
        self.edges.len() + self.nodes.len() > RASTER_FROM
    }

    /// The focused edges, drawn wide above the others.
    pub fn focused_edges(&self) -> Vec<DrawEdge> {
        self.edges
            .iter()
            .filter(|e| e.emphasis == Emphasis::Focus)
            .copied()
            .collect()
    }

    /// The first node drawn as a path above the image when the plain ones are in it: nodes
    /// are sorted by emphasis, and only outlined (emphasised) ones are paths then.
    pub fn first_emphasised_node(&self) -> usize {
        self.nodes
            .partition_point(|n| n.emphasis <= Emphasis::Normal)
    }
}

/// The device pixel ratio a canvas is drawn at: the browser's, at most 3, and 1 when it
/// gives none that makes sense.
pub fn pixel_ratio(dpr: f32) -> f32 {
    if dpr.is_finite() && dpr > 0.0 {
        dpr.min(3.0)
    } else {
        1.0
    }
}

/// A surface's size in device pixels, for its size in CSS pixels and a [`pixel_ratio`].
pub fn device_pixels(width: f32, height: f32, dpr: f32) -> (u32, u32) {
    ((width * dpr).round() as u32, (height * dpr).round() as u32)
}

/// The CSS font of labels of `size` pixels (CJK faces first).
pub fn label_font(size: f32) -> String {
    format!("{size}px \"Noto Sans CJK SC\", \"Noto Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif")
}

/// Opacity of a plain (not focused) edge: stronger for heavier relations, times its kind's
/// [`LineStyle::alpha`] (stated relations stronger than co-occurrence), faint when something
/// else is highlighted.
pub fn edge_strength(e: &DrawEdge, theme: &Theme) -> f32 {
    let alpha = theme.relation(e.kind).alpha;
    match e.emphasis {
        Emphasis::Dim => 0.12,
        _ => (0.3 + 0.25 * e.width).min(0.95) * alpha,
    }
}

impl Emphasis {
    /// A node's fill opacity.
    pub fn node_alpha(self) -> f32 {
        if self == Emphasis::Dim {
            0.25
        } else {
            1.0
        }
    }

    /// A label's opacity.
    pub fn label_alpha(self) -> f64 {
        if self == Emphasis::Dim {
            0.35
        } else {
            1.0
        }
    }

    /// The width of a node's outline, if it has one.
    pub fn outline(self) -> Option<f32> {
        match self {
            Emphasis::Focus => Some(3.0),
            Emphasis::Neighbour => Some(1.5),
            _ => None,
        }
    }
}

/// Opacity levels a backend strokes plain edges in (one path per level).
pub const EDGE_LEVELS: usize = 12;

/// A group of edges a backend strokes as one path: one kind's [`LineStyle`], at one opacity
/// and width.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeGroup<'a> {
    /// The kind (its colour and dashes: [`Theme::relation`]).
    pub kind: RelationKind,
    /// Opacity, 0–1.
    pub alpha: f32,
    /// Line width (CSS px).
    pub width: f32,
    /// The edges.
    pub edges: Vec<&'a DrawEdge>,
}

/// The edges in stroking order, grouped by style: the plain ones by kind and opacity level
/// (one of [`EDGE_LEVELS`]; co-occurrence first, so stated relations lie on top), then the
/// focused ones by kind, fully opaque and wide. Plain edges of the kind `in_image` are left
/// out (a raster backend has drawn them).
pub fn edge_groups<'a>(
    edges: &'a [DrawEdge],
    theme: &Theme,
    in_image: Option<RelationKind>,
) -> Vec<EdgeGroup<'a>> {
    let mut order = RelationKind::ALL;
    order.sort_by_key(|k| k.is_stated());
    let mut groups = Vec::new();
    for kind in order {
        let style = theme.relation(kind);
        let mut by_level: Vec<Vec<&DrawEdge>> = vec![Vec::new(); EDGE_LEVELS];
        let plain = edges
            .iter()
            .filter(|e| e.kind == kind && e.emphasis != Emphasis::Focus);
        for e in plain.filter(|_| in_image != Some(kind)) {
            let level = (edge_strength(e, theme) * (EDGE_LEVELS - 1) as f32).round() as usize;
            by_level[level.min(EDGE_LEVELS - 1)].push(e);
        }
        groups.extend(
            by_level
                .into_iter()
                .enumerate()
                .filter(|(_, edges)| !edges.is_empty())
                .map(|(level, edges)| EdgeGroup {
                    kind,
                    alpha: level as f32 / (EDGE_LEVELS - 1) as f32,
                    width: style.width,
                    edges,
                }),
        );
    }
    for kind in order {
        let focused: Vec<&DrawEdge> = edges
            .iter()
            .filter(|e| e.kind == kind && e.emphasis == Emphasis::Focus)
            .collect();
        if !focused.is_empty() {
            let width = focused.iter().map(|e| e.width).fold(1.0, f32::max);
            groups.push(EdgeGroup {
                kind,
                alpha: 1.0,
                width: width.max(theme.relation(kind).width),
                edges: focused,
            });
        }
    }
    groups
}

/// Runs of `nodes` from `start` that one path can fill: the same emphasis and kind, at most
/// `max` nodes each.
pub fn node_runs(
    nodes: &[DrawNode],
    start: usize,
    max: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut i = start;
    std::iter::from_fn(move || {
        let first = nodes.get(i)?;
        let mut j = i;
        while j < nodes.len()
            && nodes[j].emphasis == first.emphasis
            && nodes[j].kind == first.kind
            && nodes[j].community == first.community
            && j - i < max.max(1)
        {
            j += 1;
        }
        let run = i..j;
        i = j;
        Some(run)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(kind: EntityKind, emphasis: Emphasis) -> DrawNode {
        DrawNode {
            entity: EntityId(0),
            x: 0.0,
            y: 0.0,
            r: 1.0,
            kind,
            community: None,
            emphasis,
        }
    }

    #[test]
    fn nodes_run_by_style_and_length() {
        use EntityKind::{Person, Place};
        let nodes = [
            node(Person, Emphasis::Dim),
            node(Person, Emphasis::Normal),
            node(Person, Emphasis::Normal),
            node(Person, Emphasis::Normal),
            node(Place, Emphasis::Normal),
            node(Place, Emphasis::Focus),
        ];
        let runs: Vec<_> = node_runs(&nodes, 0, 2).collect();
        assert_eq!(runs, [0..1, 1..3, 3..4, 4..5, 5..6]);
        let runs: Vec<_> = node_runs(&nodes, 4, 100).collect();
        assert_eq!(runs, [4..5, 5..6]);
        assert_eq!(node_runs(&nodes, 9, 1).count(), 0);
        assert_eq!(Emphasis::Focus.outline(), Some(3.0));
        assert_eq!(Emphasis::Neighbour.outline(), Some(1.5));
        assert_eq!(Emphasis::Normal.outline(), None);
        assert_eq!(
            (Emphasis::Dim.node_alpha(), Emphasis::Dim.label_alpha()),
            (0.25, 0.35)
        );
    }

    /// A `within` edge of width 1 across the unit square.
    fn unit_edge() -> DrawEdge {
        DrawEdge {
            x1: 0.0,
            y1: 0.0,
            x2: 1.0,
            y2: 1.0,
            kind: RelationKind::Within,
            width: 1.0,
            emphasis: Emphasis::Normal,
        }
    }

    #[test]
    fn edge_strength_follows_weight_kind_and_emphasis() {
        let theme = &Theme::NORMAL;
        let e = unit_edge();
        assert!((edge_strength(&e, theme) - 0.55).abs() < 1e-6);
        let co = DrawEdge {
            kind: RelationKind::CoOccurs,
            ..e
        };
        // Co-occurrence is fainter than a stated relation of the same weight.
        assert!((edge_strength(&co, theme) - 0.33).abs() < 1e-6);
        let heavy = DrawEdge { width: 4.0, ..e };
        assert_eq!(edge_strength(&heavy, theme), 0.95);
        let dim = DrawEdge {
            emphasis: Emphasis::Dim,
            ..heavy
        };
        assert_eq!(edge_strength(&dim, theme), 0.12);
        let focus = DrawEdge {
            emphasis: Emphasis::Focus,
            ..e
        };
        let role = DrawEdge {
            kind: RelationKind::Role,
            ..focus
        };
        let edges = [e, co, heavy, dim, focus, role];
        let groups = edge_groups(&edges, theme, None);
        let summary: Vec<(RelationKind, u32, usize)> = groups
            .iter()
            .map(|g| (g.kind, (g.alpha * 10.0).round() as u32, g.edges.len()))
            .collect();
        // Co-occurrence first (underneath), then each stated kind by level (0.33, 0.12,
        // 0.55, 0.95 of 11 steps), then the focused edges by kind, opaque.
        use RelationKind::{CoOccurs, Role, Within};
        assert_eq!(
            summary,
            [
                (CoOccurs, 4, 1),
                (Within, 1, 1),
                (Within, 5, 1),
                (Within, 9, 1),
                (Within, 10, 1),
                (Role, 10, 1)
            ]
        );
        assert_eq!(groups[0].width, theme.relation(CoOccurs).width);
        assert!(groups[1].width > groups[0].width);
        // Focused edges are drawn wide.
        assert!(groups[4].width >= 1.6);
        // The raster has drawn the plain co-occurrence: it is left out, focused ones stay.
        let co_focus = DrawEdge {
            kind: CoOccurs,
            ..focus
        };
        let edges = [co, co_focus];
        let groups = edge_groups(&edges, theme, Some(CoOccurs));
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].edges, [&co_focus]);
    }

    #[test]
    fn canvas_size_font_and_what_goes_in_the_image() {
        assert_eq!(pixel_ratio(2.0), 2.0);
        assert_eq!(pixel_ratio(4.5), 3.0);
        assert_eq!((pixel_ratio(0.0), pixel_ratio(f32::NAN)), (1.0, 1.0));
        assert_eq!(device_pixels(100.4, 50.0, 1.5), (151, 75));
        assert!(label_font(12.0).starts_with("12px \"Noto Sans CJK SC\""));
        let mut list = DrawList {
            nodes: vec![
                node(EntityKind::Person, Emphasis::Dim),
                node(EntityKind::Person, Emphasis::Normal),
                node(EntityKind::Person, Emphasis::Neighbour),
            ],
            ..DrawList::default()
        };
        assert_eq!(list.first_emphasised_node(), 2);
        assert!(!list.worth_rasterising());
        list.nodes = vec![node(EntityKind::Place, Emphasis::Normal); RASTER_FROM + 1];
        assert!(list.worth_rasterising());
        let e = unit_edge();
        let focus = DrawEdge {
            emphasis: Emphasis::Focus,
            ..e
        };
        list.edges = vec![e, focus, e];
        assert_eq!(list.focused_edges(), [focus]);
    }
}
