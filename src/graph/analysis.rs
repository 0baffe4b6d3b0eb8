//! Analysis of the knowledge graph: the path between two entities that the evidence supports
//! best (and the next best ones, by Yen's algorithm), communities (Louvain) and importance
//! (weighted PageRank, degree). Everything is deterministic: nodes are visited in id order,
//! ties go to the smaller id, nothing is random, so the same corpus always gives the same
//! paths, communities and ranks.

use super::{node, KnowledgeGraph};
use crate::model::{EntityId, Extraction, Relation, RelationId, RelationKind};
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

mod louvain;
mod rank;
pub use louvain::{louvain, Communities, Louvain};
pub use rank::{PageRank, Ranking};

/// How much a stated relation (lies in, holds a role at, is part of) counts against one
/// sentence in which the two names merely appear together.
pub const TYPED_STRENGTH: f64 = 3.0;

/// What the path panel says about the weighting (see [`strength`]).
pub const WEIGHTING: &str = "The path follows the strongest evidence, not the fewest hops: a stated relation (lies in, role, part of) counts 3, a same-sentence mention 1, each times 1 + ln(number of sentences); a hop costs 1 / that, and the path with the lowest total cost wins.";

/// The evidence strength of a relation, the weight of communities and importance and the
/// inverse of a hop's cost in a path:
///
/// - a typed relation (`within`, `role`, `part_of`), which the text states, counts
///   [`TYPED_STRENGTH`] (3); a same-sentence co-occurrence counts 1; authorship is no edge (0);
/// - each is multiplied by `1 + ln(weight)`, the number of sentences that support it, so a
///   pair named together in 8 sentences (≈ 3.1) is as strong as one stated relation, and
///   repeated co-occurrence beats a single one (2 sentences ≈ 1.7).
///
/// A path's cost is the sum of `1 / strength` over its hops: two stated relations (cost
/// 0.67) are preferred to one single co-mention (cost 1).
pub fn strength(r: &Relation) -> f64 {
    let base = match r.kind {
        RelationKind::Within | RelationKind::Role | RelationKind::PartOf => TYPED_STRENGTH,
        RelationKind::CoOccurs => 1.0,
    };
    base * (1.0 + f64::from(r.weight.max(1)).ln())
}

/// The cost of a hop along `r` ([`strength`]'s inverse; infinite for no edge).
pub fn cost(r: &Relation) -> f64 {
    let s = strength(r);
    if s > 0.0 {
        1.0 / s
    } else {
        f64::INFINITY
    }
}

/// A path between two entities.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// The entities from the start to the end, both included.
    pub entities: Vec<EntityId>,
    /// The relation of each hop (`hops[i]` links `entities[i]` and `entities[i + 1]`).
    pub hops: Vec<RelationId>,
    /// The sum of the hops' costs.
    pub cost: f64,
}

/// Communities and importance of every entity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Measures {
    /// PageRank over evidence strength, indexed by entity id; sums to 1.
    pub importance: Vec<f64>,
    /// Number of distinct neighbours, indexed by entity id.
    pub degree: Vec<u32>,
    /// Community of each entity, indexed by entity id: 0 is the largest community.
    pub community: Vec<u32>,
    /// Each community's most important member (by importance, then id) and size.
    pub communities: Vec<(EntityId, u32)>,
}

impl KnowledgeGraph {
    /// The path from `a` to `b` over relations `keep` accepts with the lowest total cost (see
    /// [`strength`]): Dijkstra stopping at `b`, over the graph's edges in compressed rows with
    /// dense arrays (`petgraph::algo::astar` over the `StableGraph` hashes every node it
    /// reaches and follows linked edge lists: 29 ms median on the 20,000-node benchmark). Between two entities linked more than once the
    /// cheapest relation is the hop; equal costs go to the node and relation found first.
    ///
    /// Complexity: O((V + E) log V).
    pub fn evidence_path(
        &self,
        a: EntityId,
        b: EntityId,
        keep: impl Fn(RelationId) -> bool,
    ) -> Option<Path> {
        Dijkstra::new(self).run(a, b, &keep)
    }

    /// Up to `k` paths from `a` to `b` in order of cost, the first being
    /// [`KnowledgeGraph::evidence_path`], each through a different sequence of entities, none
    /// visiting an entity twice (Yen's algorithm).
    ///
    /// Complexity: O(k · L) path searches, L the length of the paths.
    pub fn evidence_paths(
        &self,
        x: &Extraction,
        a: EntityId,
        b: EntityId,
        k: usize,
        keep: impl Fn(RelationId) -> bool,
    ) -> Vec<Path> {
        let mut search = Dijkstra::new(self);
        let Some(first) = search.run(a, b, &keep) else {
            return Vec::new();
        };
        let mut found = vec![first];
        let mut candidates: Vec<Path> = Vec::new();
        while found.len() < k {
            let Some(last) = found.last().cloned() else {
                break;
            };
            for i in 0..last.hops.len() {
                let spur = last.entities[i];
                let root = &last.entities[..i];
                // The next hop of every found path sharing this root is not taken again.
                let banned: Vec<(EntityId, EntityId)> = found
                    .iter()
                    .filter(|p| p.entities.len() > i + 1 && p.entities[..=i] == last.entities[..=i])
                    .map(|p| (p.entities[i], p.entities[i + 1]))
                    .collect();
                let allowed = |r: RelationId| {
                    keep(r)
                        && x.relation(r).is_some_and(|rel| {
                            !root.contains(&rel.source)
                                && !root.contains(&rel.target)
                                && !banned.iter().any(|&(p, q)| {
                                    (rel.source, rel.target) == (p, q)
                                        || (rel.source, rel.target) == (q, p)
                                })
                        })
                };
                let Some(tail) = search.run(spur, b, &allowed) else {
                    continue;
                };
                let mut entities = root.to_vec();
                entities.extend(&tail.entities);
                let mut hops = last.hops[..i].to_vec();
                hops.extend(&tail.hops);
                let cost = hops
                    .iter()
                    .filter_map(|&h| x.relation(h))
                    .map(cost)
                    .sum::<f64>();
                let path = Path {
                    entities,
                    hops,
                    cost,
                };
                let seen = |p: &Path| p.entities == path.entities;
                if !found.iter().any(seen) && !candidates.iter().any(seen) {
                    candidates.push(path);
                }
            }
            let best = candidates
                .iter()
                .enumerate()
                .min_by(|(_, p), (_, q)| {
                    p.cost
                        .total_cmp(&q.cost)
                        .then_with(|| p.entities.cmp(&q.entities))
                })
                .map(|(i, _)| i);
            match best {
                Some(i) => found.push(candidates.swap_remove(i)),
                None => break,
            }
        }
        found
    }

    /// Every drawable relation as `(a, b, strength)` over dense entity indices.
    fn weighted_edges(&self, x: &Extraction) -> Vec<(usize, usize, f64)> {
        self.graph
            .edge_references()
            .filter_map(|e| {
                let w = strength(x.relation(*e.weight())?);
                Some((e.source().index(), e.target().index(), w))
            })
            .collect()
    }

    /// Importance (PageRank over evidence strength), degree and communities (Louvain over
    /// evidence strength) of every entity.
    ///
    /// Complexity: O(E) per PageRank iteration (at most 100) and per Louvain pass.
    pub fn measures(&self, x: &Extraction) -> Measures {
        let (importance, degree) = self.importance_and_degree(x);
        self.measures_with(x, importance, degree)
    }

    /// Importance (PageRank over evidence strength) and distinct neighbours of every entity:
    /// [`KnowledgeGraph::measures`] without the communities, which cost the most.
    pub fn importance_and_degree(&self, x: &Extraction) -> (Vec<f64>, Vec<u32>) {
        rank::Ranking::new(self, x).finish(self)
    }

    /// [`KnowledgeGraph::measures`] given what [`KnowledgeGraph::importance_and_degree`] said.
    pub fn measures_with(
        &self,
        x: &Extraction,
        importance: Vec<f64>,
        degree: Vec<u32>,
    ) -> Measures {
        Communities::new(self, x).finish(importance, degree)
    }
}

/// A node in the search queue: its distance, then its index (ties go to the smaller index).
#[derive(Clone, Copy, PartialEq)]
struct Queued(f64, usize);

impl Eq for Queued {}

impl Ord for Queued {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

impl PartialOrd for Queued {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Dijkstra's search over the graph with each relation's [`cost`] computed once, its arrays
/// reused from one search to the next (Yen's algorithm runs many).
struct Dijkstra<'a> {
    g: &'a KnowledgeGraph,
    dist: Vec<f64>,
    /// The node and relation each reached node was reached from.
    prev: Vec<Option<(usize, RelationId)>>,
    done: Vec<bool>,
    touched: Vec<usize>,
    heap: BinaryHeap<Reverse<Queued>>,
}

impl<'a> Dijkstra<'a> {
    fn new(g: &'a KnowledgeGraph) -> Dijkstra<'a> {
        let n = g.start.len().saturating_sub(1);
        Dijkstra {
            g,
            dist: vec![f64::INFINITY; n],
            prev: vec![None; n],
            done: vec![false; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    fn run(
        &mut self,
        a: EntityId,
        b: EntityId,
        allowed: &dyn Fn(RelationId) -> bool,
    ) -> Option<Path> {
        let (ai, bi) = (a.index(), b.index());
        if ai >= self.dist.len() || bi >= self.dist.len() {
            return None;
        }
        for &i in &self.touched {
            self.dist[i] = f64::INFINITY;
            self.prev[i] = None;
            self.done[i] = false;
        }
        self.touched.clear();
        self.heap.clear();
        self.dist[ai] = 0.0;
        self.touched.push(ai);
        self.heap.push(Reverse(Queued(0.0, ai)));
        let g = self.g;
        while let Some(Reverse(Queued(d, i))) = self.heap.pop() {
            if self.done[i] {
                continue;
            }
            self.done[i] = true;
            if i == bi {
                break;
            }
            let row = g.start[i] as usize..g.start[i + 1] as usize;
            for &(j, r) in &g.links[row] {
                let j = j as usize;
                let c = g.costs.get(r.index()).copied().unwrap_or(f64::INFINITY);
                let nd = d + c;
                if nd < self.dist[j] && allowed(r) {
                    if self.dist[j].is_infinite() {
                        self.touched.push(j);
                    }
                    self.dist[j] = nd;
                    self.prev[j] = Some((i, r));
                    self.heap.push(Reverse(Queued(nd, j)));
                }
            }
        }
        if !self.done[bi] {
            return None;
        }
        let mut entities = vec![b];
        let mut hops = Vec::new();
        let mut at = bi;
        while at != ai {
            let (p, r) = self.prev[at]?;
            hops.push(r);
            entities.push(EntityId(p as u32));
            at = p;
        }
        entities.reverse();
        hops.reverse();
        Some(Path {
            entities,
            hops,
            cost: self.dist[bi],
        })
    }
}

/// Weighted PageRank (damping 0.85) of an undirected graph of `n` nodes: each node passes its
/// rank to its neighbours in proportion to the edges' weights; a node without edges passes it
/// to every node. Iterates until the ranks move by less than 1e-10 in total (at most 100
/// times). The ranks sum to 1.
pub fn page_rank(n: usize, edges: &[(usize, usize, f64)]) -> Vec<f64> {
    rank::PageRank::new(n, edges).finish()
}

/// `pairs` in the order of a stable sort by `(from, to)`: a counting sort by `from`, then each
/// row stably by `to` (linear but for the short rows, where a comparison sort of the whole
/// list took ~30 ms for the 145,000 entries of an 18,800-entity graph). A pair from beyond `n`
/// is dropped.
fn sorted_pairs(n: usize, pairs: Vec<(usize, usize, f64)>) -> Vec<(usize, usize, f64)> {
    let mut start = vec![0usize; n + 1];
    for p in pairs.iter().filter(|p| p.0 < n) {
        start[p.0 + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let mut sorted = vec![(0, 0, 0.0); start[n]];
    let mut fill = start.clone();
    for p in pairs.into_iter().filter(|p| p.0 < n) {
        sorted[fill[p.0]] = p;
        fill[p.0] += 1;
    }
    for row in start.windows(2) {
        sorted[row[0]..row[1]].sort_by_key(|p| p.1);
    }
    sorted
}

/// An undirected weighted graph in compressed rows: both directions of every edge, parallel
/// edges merged, self-loops kept apart.
struct Csr {
    start: Vec<usize>,
    to: Vec<usize>,
    weight: Vec<f64>,
}

impl Csr {
    fn new(n: usize, edges: &[(usize, usize, f64)]) -> Csr {
        let mut pairs: Vec<(usize, usize, f64)> = Vec::with_capacity(edges.len() * 2);
        for &(a, b, w) in edges {
            if a < n && b < n && a != b && w > 0.0 {
                pairs.push((a, b, w));
                pairs.push((b, a, w));
            }
        }
        Csr::from_pairs(n, pairs)
    }

    /// From directed `(from, to, weight)` entries (both directions given), merging repeats.
    fn from_pairs(n: usize, pairs: Vec<(usize, usize, f64)>) -> Csr {
        let pairs = sorted_pairs(n, pairs);
        let mut start = vec![0usize; n + 1];
        let mut to = Vec::with_capacity(pairs.len());
        let mut weight: Vec<f64> = Vec::with_capacity(pairs.len());
        let mut last: Option<(usize, usize)> = None;
        for (a, b, w) in pairs {
            if last == Some((a, b)) {
                if let Some(x) = weight.last_mut() {
                    *x += w;
                }
                continue;
            }
            last = Some((a, b));
            start[a + 1] += 1;
            to.push(b);
            weight.push(w);
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        Csr { start, to, weight }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn edges(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.start[i]..self.start[i + 1];
        self.to[r.clone()]
            .iter()
            .copied()
            .zip(self.weight[r].iter().copied())
    }

    fn weights(&self, i: usize) -> impl Iterator<Item = f64> + '_ {
        self.weight[self.start[i]..self.start[i + 1]]
            .iter()
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fixture, EntityKind};

    fn graph(n: u32, rels: &[(u32, u32, RelationKind, u32)]) -> Extraction {
        let relations = rels.iter().map(|&(s, t, kind, weight)| Relation {
            weight,
            ..Relation::plain(s, t, kind)
        });
        fixture::graph(
            fixture::numbered(n, EntityKind::Person, "n"),
            relations.collect(),
        )
    }

    /// Relations written `0-1 within, 1-2 co*5`: source, target, kind (`within`, `partof`,
    /// `role`, `co`) and, after `*`, how often it was seen (once when not said).
    fn edges(written: &str) -> Vec<(u32, u32, RelationKind, u32)> {
        let edge = |e: &str| {
            let (ends, kind) = e.split_once(' ')?;
            let (s, t) = ends.split_once('-')?;
            let (kind, weight) = kind.split_once('*').unwrap_or((kind, "1"));
            let kind = match kind {
                "within" => Within,
                "partof" => PartOf,
                "role" => Role,
                "co" => CoOccurs,
                _ => return None,
            };
            Some((s.parse().ok()?, t.parse().ok()?, kind, weight.parse().ok()?))
        };
        (written.split(", "))
            .map(|e| edge(e).unwrap_or_else(|| panic!("edge {e}")))
            .collect()
    }

    fn ids(p: &Path) -> Vec<u32> {
        p.entities.iter().map(|e| e.0).collect()
    }

    /// The best path from `a` to `b` over every relation, as its entities and its hops.
    fn best(g: &KnowledgeGraph, a: u32, b: u32) -> (Vec<u32>, Vec<u32>) {
        let p = g.evidence_path(EntityId(a), EntityId(b), |_| true);
        let p = p.expect("a path");
        (ids(&p), p.hops.iter().map(|r| r.0).collect())
    }

    use RelationKind::{CoOccurs, PartOf, Role, Within};

    #[test]
    fn strength_prefers_typed_and_repeated_evidence() {
        let x = graph(2, &edges("0-1 within, 0-1 co, 0-1 co*2"));
        let [typed, once, twice] = [0, 1, 2].map(|i| strength(&x.relations[i]));
        assert!(typed > twice && twice > once);
        assert_eq!(once, 1.0);
    }

    #[test]
    fn a_typed_detour_beats_a_single_co_mention() {
        // 0 –co-mentioned once– 3, or 0 –within– 1 –part of– 3.
        let x = graph(4, &edges("0-3 co, 0-1 within, 1-3 partof, 0-2 role"));
        let g = KnowledgeGraph::build(&x);
        assert_eq!(best(&g, 0, 3), (vec![0, 1, 3], vec![1, 2]));
        let p = g.evidence_path(EntityId(0), EntityId(3), |_| true).unwrap();
        assert!((p.cost - 2.0 / 3.0).abs() < 1e-9);
        // Only co-occurrence allowed: the direct hop.
        let co = g
            .evidence_path(EntityId(0), EntityId(3), |r| {
                x.relations[r.index()].kind == CoOccurs
            })
            .unwrap();
        assert_eq!(ids(&co), [0, 3]);
        // No path, unknown ends.
        assert_eq!(
            g.evidence_path(EntityId(2), EntityId(3), |r| r.0 == 3),
            None
        );
        assert_eq!(g.evidence_path(EntityId(0), EntityId(9), |_| true), None);
    }

    #[test]
    fn repeated_co_occurrence_beats_a_single_one_and_parallel_edges_take_the_strongest() {
        // 0–1–3 co-mentioned 5 times each, 0–2–3 once each.
        let x = graph(4, &edges("0-2 co, 2-3 co, 0-1 co*5, 1-3 co*5, 1-3 role"));
        let g = KnowledgeGraph::build(&x);
        assert_eq!(best(&g, 0, 3), (vec![0, 1, 3], vec![2, 4]));
    }

    #[test]
    fn k_paths_come_in_order_of_cost_without_repeats() {
        let edges = edges("0-1 within, 1-4 within, 0-2 co*2, 2-4 co*2, 0-3 co, 3-4 co, 0-4 co");
        let x = graph(5, &edges);
        let g = KnowledgeGraph::build(&x);
        let ps = g.evidence_paths(&x, EntityId(0), EntityId(4), 3, |_| true);
        let got: Vec<Vec<u32>> = ps.iter().map(ids).collect();
        assert_eq!(got, [vec![0, 1, 4], vec![0, 4], vec![0, 2, 4]]);
        assert!(ps.windows(2).all(|w| w[0].cost <= w[1].cost));
        let all = g.evidence_paths(&x, EntityId(0), EntityId(4), 10, |_| true);
        assert_eq!(all.len(), 4);
        assert!(g
            .evidence_paths(&x, EntityId(0), EntityId(9), 3, |_| true)
            .is_empty());
    }

    fn two_cliques() -> Vec<(usize, usize, f64)> {
        let mut e = Vec::new();
        for base in [0, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    e.push((base + a, base + b, 1.0));
                }
            }
        }
        e.push((4, 5, 1.0));
        e
    }

    #[test]
    fn louvain_finds_two_cliques_joined_by_one_edge() {
        let c = louvain(11, &two_cliques());
        assert_eq!(c, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2]);
        // Deterministic: the same input, the same answer; edge order does not matter.
        let mut rev = two_cliques();
        rev.reverse();
        assert_eq!(louvain(11, &rev), c);
        assert_eq!(louvain(0, &[]), Vec::<u32>::new());
        assert_eq!(louvain(3, &[]), [0, 1, 2]);
    }

    #[test]
    fn louvain_separates_a_ring_of_cliques() {
        // Six 4-cliques in a ring: six communities of four.
        let mut e = Vec::new();
        for c in 0..6 {
            for a in 0..4 {
                for b in a + 1..4 {
                    e.push((c * 4 + a, c * 4 + b, 1.0));
                }
            }
            e.push((c * 4 + 3, ((c + 1) % 6) * 4, 1.0));
        }
        let got = louvain(24, &e);
        for c in 0..6 {
            let first = got[c * 4];
            assert!(got[c * 4..c * 4 + 4].iter().all(|&g| g == first), "{got:?}");
        }
        let mut distinct = got.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), 6);
    }

    #[test]
    fn pairs_sort_as_a_stable_sort_by_ends_would() {
        // Repeated ends with different weights: their order is kept.
        let pairs: Vec<(usize, usize, f64)> = (0..500)
            .map(|i| ((i * 7) % 13, (i * 11) % 5, i as f64))
            .collect();
        let mut want = pairs.clone();
        want.sort_by_key(|p| (p.0, p.1));
        assert_eq!(sorted_pairs(13, pairs.clone()), want);
        // Pairs from beyond the graph are dropped.
        want.retain(|p| p.0 < 5);
        assert!(want.len() > 100);
        assert_eq!(sorted_pairs(5, pairs), want);
    }

    #[test]
    fn page_rank_sums_to_one_and_ranks_a_star_centre_first() {
        let star: Vec<(usize, usize, f64)> = (1..6).map(|i| (0, i, 1.0)).collect();
        let r = page_rank(7, &star);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[1..].iter().all(|&v| v < r[0]));
        assert!((r[1] - r[5]).abs() < 1e-12);
        // The isolated node gets the teleport share only.
        assert!(r[6] < r[1]);
        assert!(page_rank(0, &[]).is_empty());
        // Weight counts: the heavier neighbour ranks higher.
        let w = page_rank(3, &[(0, 1, 3.0), (0, 2, 1.0)]);
        assert!(w[1] > w[2]);
    }

    #[test]
    fn measures_name_communities_after_their_most_important_member() {
        let mut rels = Vec::new();
        for (a, b, _) in two_cliques() {
            rels.push((a as u32, b as u32, CoOccurs, 1));
        }
        rels.push((0, 10, Role, 1));
        let x = graph(11, &rels);
        let g = KnowledgeGraph::build(&x);
        let m = g.measures(&x);
        assert_eq!(m.community.len(), 11);
        assert_eq!(m.degree[0], 5);
        assert_eq!(m.degree[4], 5);
        assert!((m.importance.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(m.communities.iter().map(|c| c.1).sum::<u32>(), 11);
        let c0 = m.community[0] as usize;
        assert_eq!(m.communities[c0].0, EntityId(0));
        assert_eq!(m.community[10], m.community[0]);
        assert_eq!(g.measures(&x), m);
    }
}
