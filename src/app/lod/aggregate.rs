//! Communities as one disc each when zoomed out (issue 17 item 7: "the rest … aggregated per
//! community until zoomed in"). Above the level-of-detail threshold, the entities of a
//! community drawn only as context are gathered into one [`Aggregate`]: a disc at their
//! centroid, its area following how many they are, labelled by the most important of them,
//! with faint edges to the other aggregates they are linked to ([`AggregateEdge`]). Clicking
//! one frames its members (`Explorer::zoom_to_aggregate`); as the camera zooms in, more of
//! them are drawn in full and the aggregate shrinks until it is gone.
//!
//! Communities are the core's (Louvain, `graph::analysis`), the same as "colour by
//! community"; a community with fewer than [`MIN_MEMBERS`] members in context stays as faint
//! points.

use crate::app::Explorer;
use crate::model::EntityId;
use std::collections::BTreeMap;

/// Fewest members in context that make an aggregate.
pub const MIN_MEMBERS: usize = 3;

/// Most aggregate edges a frame draws (the heaviest).
pub const MAX_EDGES: usize = 300;

/// One community's members drawn as context, gathered.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    /// The community (as in "colour by community").
    pub community: u32,
    /// Members in context.
    pub count: usize,
    /// Their centroid, in world coordinates.
    pub centre: (f32, f32),
    /// Their bounding box in world coordinates (x0, y0, x1, y1): what a click frames.
    pub bounds: (f32, f32, f32, f32),
    /// The most important of them: its label names the aggregate.
    pub label: EntityId,
}

impl Aggregate {
    /// The disc's radius in CSS pixels: its area follows the member count.
    pub fn radius(&self) -> f32 {
        (4.0 + 1.5 * (self.count as f32).sqrt()).min(48.0)
    }
}

impl Explorer {
    /// A screen point inside a community's disc where a click reaches the disc (no node is
    /// drawn within 4 px of it), if any: its centre first, then around it (tests click there).
    pub fn aggregate_click_point(&self, a: &Aggregate) -> Option<(f32, f32)> {
        let (x, y) = self.camera.screen_from_world(a.centre.0, a.centre.1);
        let r = a.radius();
        let steps = (r / 2.0) as i32;
        let mut offsets: Vec<(i32, i32)> = (-steps..=steps)
            .flat_map(|i| (-steps..=steps).map(move |j| (i, j)))
            .filter(|&(i, j)| ((i * i + j * j) as f32).sqrt() * 2.0 <= r)
            .collect();
        offsets.sort_by_key(|&(i, j)| (i * i + j * j, i, j));
        // The disc there and 4 px around: a click still reaches it if the nodes have moved
        // on a little (a layout still settling).
        let hits = |&(px, py): &(f32, f32)| {
            [(0.0, 0.0), (4.0, 0.0), (-4.0, 0.0), (0.0, 4.0), (0.0, -4.0)]
                .iter()
                .all(|(dx, dy)| {
                    self.hit(px + dx, py + dy) == Some(crate::app::Hit::Community(a.community))
                })
        };
        offsets
            .into_iter()
            .map(|(i, j)| (x + 2.0 * i as f32, y + 2.0 * j as f32))
            .find(hits)
    }
}

/// What [`aggregates`] sums per community: count, sums of x and y, bounds, the most
/// important member.
type Gathering = (usize, f64, f64, (f32, f32, f32, f32), EntityId);

/// Relations between the members in context of two aggregates (indices into the list).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AggregateEdge {
    /// One aggregate.
    pub a: usize,
    /// The other.
    pub b: usize,
    /// How many visible relations join their members.
    pub weight: u32,
}

/// The aggregates of the entities for which `context` is true (visible, drawn only as
/// context), by community, and the heaviest [`MAX_EDGES`] edges between them. Deterministic:
/// aggregates by community, edges by weight then ends.
///
/// Complexity: O(V + E log E) over the visible entities and relations (the communities
/// computed apart: none without them).
pub fn aggregates(
    ex: &Explorer,
    context: impl Fn(EntityId) -> bool,
) -> (Vec<Aggregate>, Vec<AggregateEdge>) {
    // A large graph's communities are computed over frames: no discs until they are there.
    let Some(measures) = ex.measures_ready() else {
        return (Vec::new(), Vec::new());
    };
    let community = &measures.community;
    let of = |e: EntityId| community.get(e.index()).copied();
    // Per community: count, sums of x and y, bounds, the most important member.
    let mut acc: BTreeMap<u32, Gathering> = BTreeMap::new();
    for &e in ex.by_importance() {
        if !ex.is_visible(e) || !context(e) {
            continue;
        }
        let (Some(c), Some(&x), Some(&y)) = (
            of(e),
            ex.layout.x.get(e.index()),
            ex.layout.y.get(e.index()),
        ) else {
            continue;
        };
        let a = acc.entry(c).or_insert((0, 0.0, 0.0, (x, y, x, y), e));
        a.0 += 1;
        a.1 += x as f64;
        a.2 += y as f64;
        a.3 = (a.3 .0.min(x), a.3 .1.min(y), a.3 .2.max(x), a.3 .3.max(y));
    }
    let list: Vec<Aggregate> = acc
        .into_iter()
        .filter(|(_, a)| a.0 >= MIN_MEMBERS)
        .map(|(community, (count, sx, sy, bounds, label))| Aggregate {
            community,
            count,
            centre: ((sx / count as f64) as f32, (sy / count as f64) as f32),
            bounds,
            label,
        })
        .collect();
    let index: BTreeMap<u32, usize> = list
        .iter()
        .enumerate()
        .map(|(i, a)| (a.community, i))
        .collect();
    let at = |e: EntityId| {
        of(e)
            .and_then(|c| index.get(&c).copied())
            .filter(|_| context(e))
    };
    let mut weights: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for (id, r) in ex.x.relations_with_ids() {
        if !ex.is_relation_visible(id) {
            continue;
        }
        if let (Some(a), Some(b)) = (at(r.source), at(r.target)) {
            if a != b {
                *weights.entry((a.min(b), a.max(b))).or_insert(0) += 1;
            }
        }
    }
    let mut edges: Vec<AggregateEdge> = weights
        .into_iter()
        .map(|((a, b), weight)| AggregateEdge { a, b, weight })
        .collect();
    edges.sort_by_key(|e| (std::cmp::Reverse(e.weight), e.a, e.b));
    edges.truncate(MAX_EDGES);
    (list, edges)
}
