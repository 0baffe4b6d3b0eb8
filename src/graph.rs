//! The knowledge graph: a `petgraph` `StableUnGraph` with one node per entity and one edge per
//! relation between two different entities, and the queries the explorer needs.
//!
//! Node indices equal entity ids (entities are added in id order and never removed), so the
//! graph, the layout arrays and the extraction share one dense numbering.

pub mod analysis;

use crate::model::{EntityId, Extraction, RelationId};
use petgraph::stable_graph::{NodeIndex, StableUnGraph};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub mod select;

/// The graph over an extraction.
pub struct KnowledgeGraph {
    /// Nodes carry their entity id; edges the relation they stand for.
    pub graph: StableUnGraph<EntityId, RelationId>,
    /// The same edges in compressed rows for the path search: entity `i`'s relations are
    /// `links[start[i]..start[i + 1]]`, each as (other end, relation), in relation order.
    start: Vec<u32>,
    links: Vec<(u32, RelationId)>,
    /// Each relation's hop cost ([`analysis::cost`]), indexed by relation id.
    costs: Vec<f64>,
}

fn node(id: EntityId) -> NodeIndex {
    NodeIndex::new(id.index())
}

impl KnowledgeGraph {
    /// Builds the graph: every entity, every relation that is an edge
    /// ([`crate::model::Relation::is_edge`]).
    pub fn build(x: &Extraction) -> KnowledgeGraph {
        let n = x.entities.len();
        let mut graph = StableUnGraph::with_capacity(n, x.relations.len());
        for e in &x.entities {
            graph.add_node(e.id);
        }
        let mut start = vec![0u32; n + 1];
        let mut edges = Vec::new();
        for (id, r) in x.relations_with_ids() {
            if r.is_edge() && r.source.index() < n && r.target.index() < n {
                graph.add_edge(node(r.source), node(r.target), id);
                edges.push((r.source.index(), r.target.index(), id));
                start[r.source.index() + 1] += 1;
                start[r.target.index() + 1] += 1;
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill: Vec<u32> = start.clone();
        let mut links = vec![(0u32, RelationId(0)); edges.len() * 2];
        for (a, b, id) in edges {
            for (from, to) in [(a, b), (b, a)] {
                links[fill[from] as usize] = (to as u32, id);
                fill[from] += 1;
            }
        }
        let costs = x.relations.iter().map(analysis::cost).collect();
        KnowledgeGraph {
            graph,
            start,
            links,
            costs,
        }
    }

    /// Relations touching `id`, with the entity at the other end.
    pub fn incident(&self, id: EntityId) -> impl Iterator<Item = (EntityId, RelationId)> + '_ {
        self.graph.edges(node(id)).map(move |e| {
            let other = if e.source() == node(id) {
                e.target()
            } else {
                e.source()
            };
            (self.graph[other], *e.weight())
        })
    }

    /// Entities within `depth` hops of `id` (including it), over edges `keep` accepts.
    ///
    /// Complexity: O(V + E) in the part of the graph reached.
    pub fn neighbourhood(
        &self,
        id: EntityId,
        depth: u32,
        keep: impl Fn(RelationId) -> bool,
    ) -> BTreeSet<EntityId> {
        let mut seen = BTreeSet::new();
        if self.graph.node_weight(node(id)).is_none() {
            return seen;
        }
        let mut queue = VecDeque::from([(id, 0u32)]);
        seen.insert(id);
        while let Some((cur, d)) = queue.pop_front() {
            if d == depth {
                continue;
            }
            for (other, rel) in self.incident(cur) {
                if keep(rel) && seen.insert(other) {
                    queue.push_back((other, d + 1));
                }
            }
        }
        seen
    }

    /// A shortest path (fewest hops) from `a` to `b`, both included, if one exists.
    ///
    /// Complexity: O(V + E) (breadth-first search).
    pub fn shortest_path(&self, a: EntityId, b: EntityId) -> Option<Vec<EntityId>> {
        let mut prev: BTreeMap<EntityId, EntityId> = BTreeMap::new();
        let mut queue = VecDeque::from([a]);
        self.graph.node_weight(node(a))?;
        prev.insert(a, a);
        while let Some(cur) = queue.pop_front() {
            if cur == b {
                let mut path = vec![b];
                let mut at = b;
                while at != a {
                    at = prev[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            for (other, _) in self.incident(cur) {
                if let std::collections::btree_map::Entry::Vacant(v) = prev.entry(other) {
                    v.insert(cur);
                    queue.push_back(other);
                }
            }
        }
        None
    }

    /// Weighted degree of every entity (sum of relation weights), indexed by entity id: the
    /// importance used for label priority.
    pub fn weighted_degree(&self, x: &Extraction) -> Vec<u32> {
        let mut out = vec![0u32; x.entities.len()];
        for e in self.graph.edge_references() {
            let w = x
                .relations
                .get(e.weight().0 as usize)
                .map_or(1, |r| r.weight);
            for n in [e.source(), e.target()] {
                if let Some(v) = out.get_mut(n.index()) {
                    *v = v.saturating_add(w);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{graph, numbered};
    use crate::model::{EntityKind, Relation, RelationKind};

    fn toy() -> Extraction {
        let rel = |s: u32, t: u32, kind| Relation {
            weight: 2,
            ..Relation::plain(s, t, kind)
        };
        graph(
            numbered(5, EntityKind::Place, "p"),
            vec![
                rel(0, 1, RelationKind::Within),
                rel(1, 2, RelationKind::Within),
                rel(2, 3, RelationKind::CoOccurs),
                rel(4, 4, RelationKind::CoOccurs),
            ],
        )
    }

    #[test]
    fn neighbourhood_depths_and_filters() {
        let x = toy();
        let g = KnowledgeGraph::build(&x);
        assert_eq!(g.graph.edge_count(), 3);
        let n1: Vec<u32> = g
            .neighbourhood(EntityId(1), 1, |_| true)
            .iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(n1, [0, 1, 2]);
        let n2: Vec<u32> = g
            .neighbourhood(EntityId(1), 2, |_| true)
            .iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(n2, [0, 1, 2, 3]);
        let typed = g.neighbourhood(EntityId(2), 2, |r| {
            x.relation(r)
                .is_some_and(|r| r.kind != RelationKind::CoOccurs)
        });
        assert!(!typed.contains(&EntityId(3)));
        assert!(g.neighbourhood(EntityId(99), 2, |_| true).is_empty());
    }

    #[test]
    fn paths_and_degree() {
        let x = toy();
        let g = KnowledgeGraph::build(&x);
        let p: Vec<u32> = g
            .shortest_path(EntityId(0), EntityId(3))
            .unwrap()
            .iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(p, [0, 1, 2, 3]);
        assert_eq!(g.shortest_path(EntityId(0), EntityId(4)), None);
        assert_eq!(g.weighted_degree(&x), [2, 4, 4, 2, 0]);
    }
}
