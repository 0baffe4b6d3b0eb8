//! Communities a piece at a time: Louvain ([`Louvain`]) resumable after any number of node
//! visits, and [`Communities`], which collects the graph's weighted edges, runs Louvain and
//! names each community after its most important member. [`louvain`] and
//! [`KnowledgeGraph::measures_with`] run the same steps to the end, so stepping gives exactly
//! the same communities as computing them at once (a test checks it).

use super::{Csr, KnowledgeGraph, Measures};
use crate::model::{EntityId, Extraction};

/// At most this many levels (communities of communities).
const MAX_LEVELS: u32 = 32;

/// At most this many passes over the nodes in one level.
const MAX_PASSES: u32 = 64;

/// Communities of an undirected weighted graph of `n` nodes by the Louvain method (Blondel et
/// al. 2008): each node in turn, in index order, joins the neighbouring community that raises
/// modularity most (ties: the first found, staying put first); then communities become nodes
/// and the same runs again, until nothing moves. Returns each node's community, numbered by
/// size (0 the largest; equal sizes by their smallest member). A node without edges is a
/// community of its own.
pub fn louvain(n: usize, edges: &[(usize, usize, f64)]) -> Vec<u32> {
    Louvain::new(n, edges).finish()
}

/// [`louvain`] in steps ([`Louvain::step`]): a level's moves are resumed at the node where the
/// last step stopped, so any split of the work gives the same communities.
pub struct Louvain {
    adj: Csr,
    self_weight: Vec<f64>,
    /// Each original node's community at the levels done.
    membership: Vec<usize>,
    level: u32,
    /// The level being moved, if started.
    moving: Option<Moving>,
    done: bool,
}

impl Louvain {
    /// Ready to run over `edges` (both directions, parallel edges merged: O(E log E)).
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> Louvain {
        let mut self_weight = vec![0.0; n];
        for &(a, b, w) in edges {
            if a == b && a < n && w > 0.0 {
                self_weight[a] += 2.0 * w;
            }
        }
        Louvain {
            adj: Csr::new(n, edges),
            self_weight,
            membership: (0..n).collect(),
            level: 0,
            moving: None,
            done: false,
        }
    }

    /// Up to `nodes` node visits (at least one), or the start or end of a level (O(E) of that
    /// level). Whether all is done.
    pub fn step(&mut self, nodes: usize) -> bool {
        if self.done {
            return true;
        }
        let Some(moving) = &mut self.moving else {
            if self.level >= MAX_LEVELS {
                self.done = true;
            } else {
                self.moving = Some(Moving::new(&self.adj, &self.self_weight));
            }
            return self.done;
        };
        if !moving.advance(&self.adj, nodes.max(1)) {
            return false;
        }
        let Some(moving) = self.moving.take() else {
            return false;
        };
        let (comm, count, moved) = moving.finish();
        if !moved {
            self.done = true;
            return true;
        }
        for m in self.membership.iter_mut() {
            *m = comm[*m];
        }
        // Communities become nodes: internal weight stays as a self-loop.
        let mut next_self = vec![0.0; count];
        let mut pairs = Vec::new();
        for i in 0..self.adj.len() {
            next_self[comm[i]] += self.self_weight[i];
            for (j, w) in self.adj.edges(i) {
                if comm[i] == comm[j] {
                    next_self[comm[i]] += w;
                } else {
                    pairs.push((comm[i], comm[j], w));
                }
            }
        }
        self.adj = Csr::from_pairs(count, pairs);
        self.self_weight = next_self;
        self.level += 1;
        false
    }

    /// Each node's community, numbered by size then smallest member (the steps left are run
    /// first).
    pub fn finish(mut self) -> Vec<u32> {
        while !self.step(usize::MAX) {}
        let membership = self.membership;
        let count = membership.iter().map(|&c| c + 1).max().unwrap_or(0);
        let mut size = vec![0usize; count];
        let mut first = vec![usize::MAX; count];
        for (i, &c) in membership.iter().enumerate() {
            size[c] += 1;
            first[c] = first[c].min(i);
        }
        let mut order: Vec<usize> = (0..count).filter(|&c| size[c] > 0).collect();
        order.sort_by_key(|&c| (std::cmp::Reverse(size[c]), first[c]));
        let mut rank = vec![0u32; count];
        for (r, &c) in order.iter().enumerate() {
            rank[c] = r as u32;
        }
        membership.iter().map(|&c| rank[c]).collect()
    }
}

/// One Louvain level under way: nodes move between communities while modularity grows.
struct Moving {
    k: Vec<f64>,
    m2: f64,
    comm: Vec<usize>,
    tot: Vec<f64>,
    to_comm: Vec<f64>,
    touched: Vec<usize>,
    pass: u32,
    /// The next node of the pass.
    next: usize,
    /// Moves in this pass so far.
    moves: usize,
    /// Whether any node moved in this level.
    moved: bool,
    finished: bool,
}

impl Moving {
    fn new(adj: &Csr, self_weight: &[f64]) -> Moving {
        let n = adj.len();
        let k: Vec<f64> = (0..n)
            .map(|i| self_weight[i] + adj.weights(i).sum::<f64>())
            .collect();
        let m2: f64 = k.iter().sum();
        Moving {
            tot: k.clone(),
            k,
            m2,
            comm: (0..n).collect(),
            to_comm: vec![0.0; n],
            touched: Vec::new(),
            pass: 0,
            next: 0,
            moves: 0,
            moved: false,
            finished: m2 <= 0.0,
        }
    }

    /// Visits up to `nodes` nodes; whether the level is finished.
    fn advance(&mut self, adj: &Csr, nodes: usize) -> bool {
        let n = adj.len();
        let mut left = nodes;
        while !self.finished && left > 0 {
            if self.next == n {
                // The pass is over.
                if self.moves == 0 {
                    self.finished = true;
                    break;
                }
                self.moved = true;
                self.pass += 1;
                (self.next, self.moves) = (0, 0);
                self.finished = self.pass >= MAX_PASSES;
                continue;
            }
            self.visit(adj, self.next);
            self.next += 1;
            left -= 1;
        }
        self.finished
    }

    /// Node `i` joins the neighbouring community that raises modularity most.
    fn visit(&mut self, adj: &Csr, i: usize) {
        let ci = self.comm[i];
        self.touched.clear();
        for (j, w) in adj.edges(i) {
            let cj = self.comm[j];
            if self.to_comm[cj] == 0.0 {
                self.touched.push(cj);
            }
            self.to_comm[cj] += w;
        }
        let (k, m2) = (self.k[i], self.m2);
        self.tot[ci] -= k;
        let (to_comm, tot) = (&self.to_comm, &self.tot);
        let gain = |c: usize| to_comm[c] - tot[c] * k / m2;
        let (mut best, mut best_gain) = (ci, gain(ci));
        for &c in &self.touched {
            let g = gain(c);
            if g > best_gain + 1e-12 {
                (best, best_gain) = (c, g);
            }
        }
        self.tot[best] += k;
        if best != ci {
            self.comm[i] = best;
            self.moves += 1;
        }
        for &c in &self.touched {
            self.to_comm[c] = 0.0;
        }
    }

    /// Each node's community (dense, numbered by first member), the count, and whether any
    /// moved.
    fn finish(self) -> (Vec<usize>, usize, bool) {
        let mut comm = self.comm;
        let mut dense = vec![usize::MAX; comm.len()];
        let mut count = 0;
        for c in comm.iter_mut() {
            if dense[*c] == usize::MAX {
                dense[*c] = count;
                count += 1;
            }
            *c = dense[*c];
        }
        (comm, count, self.moved)
    }
}

enum Stage {
    /// The weighted edges, before Louvain's rows are built.
    Edges(Vec<(usize, usize, f64)>),
    Louvain(Box<Louvain>),
    Done(Vec<u32>),
}

/// The communities of a graph's entities, a step at a time ([`Communities::step`]), then named
/// after their most important members ([`Communities::finish`]).
pub struct Communities {
    n: usize,
    stage: Stage,
}

impl Communities {
    /// Starts on `g`'s entities (collects the weighted edges: O(E)).
    pub fn new(g: &KnowledgeGraph, x: &Extraction) -> Communities {
        Communities {
            n: x.entities.len(),
            stage: Stage::Edges(g.weighted_edges(x)),
        }
    }

    /// One step: Louvain's rows, or up to `nodes` of its node visits. Whether all is done.
    pub fn step(&mut self, nodes: usize) -> bool {
        match &mut self.stage {
            Stage::Edges(edges) => {
                self.stage = Stage::Louvain(Box::new(Louvain::new(self.n, edges)))
            }
            Stage::Louvain(l) => {
                if l.step(nodes) {
                    let done = Stage::Done(Vec::new());
                    if let Stage::Louvain(l) = std::mem::replace(&mut self.stage, done) {
                        self.stage = Stage::Done(l.finish());
                    }
                }
            }
            Stage::Done(_) => return true,
        }
        false
    }

    /// The measures: `importance` and `degree` as given (by entity id), and the communities,
    /// each named after its most important member (the steps left are run first).
    pub fn finish(mut self, importance: Vec<f64>, degree: Vec<u32>) -> Measures {
        while !self.step(usize::MAX) {}
        let Stage::Done(community) = self.stage else {
            return Measures::default();
        };
        let count = community.iter().map(|&c| c as usize + 1).max().unwrap_or(0);
        let mut communities: Vec<(EntityId, u32)> = vec![(EntityId(0), 0); count];
        let weight = |i: usize| importance.get(i).copied().unwrap_or(0.0);
        for (i, &c) in community.iter().enumerate() {
            let slot = &mut communities[c as usize];
            if slot.1 == 0 || weight(i) > weight(slot.0.index()) {
                slot.0 = EntityId(i as u32);
            }
            slot.1 += 1;
        }
        Measures {
            importance,
            degree,
            community,
            communities,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fixture, EntityKind, Relation, RelationKind};

    /// `n` entities in groups of 5 to 11 linked closely, each group linked to two others.
    fn groups(n: u32) -> Extraction {
        let mut relations = Vec::new();
        let mut start = 0;
        while start < n {
            let len = (5 + start % 7).min(n - start);
            for a in start..start + len {
                for b in a + 1..(a + 4).min(start + len) {
                    relations.push(Relation::plain(a, b, RelationKind::CoOccurs));
                }
            }
            for far in [start * 7 + 3, start * 13 + 1] {
                let far = far % n;
                if far != start {
                    relations.push(Relation::plain(start, far, RelationKind::Within));
                }
            }
            start += len;
        }
        fixture::graph(fixture::numbered(n, EntityKind::Person, "n"), relations)
    }

    #[test]
    fn communities_in_small_steps_are_the_communities_at_once() {
        let x = groups(3000);
        let g = KnowledgeGraph::build(&x);
        let (importance, degree) = g.importance_and_degree(&x);
        let whole = g.measures_with(&x, importance.clone(), degree.clone());
        assert!(whole.communities.len() > 20, "{}", whole.communities.len());
        for nodes in [1, 7, 1000, usize::MAX] {
            let mut c = Communities::new(&g, &x);
            let mut steps = 1;
            while !c.step(nodes) {
                steps += 1;
            }
            if nodes == 7 {
                // More than one level, each more than one pass of 3,000 visits.
                assert!(steps > 2 * 3000 / 7, "{steps} steps");
            }
            assert_eq!(
                c.finish(importance.clone(), degree.clone()),
                whole,
                "{nodes}"
            );
        }
        // A step budget of zero still moves on.
        let mut l = Louvain::new(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let mut steps = 0;
        while !l.step(0) {
            steps += 1;
            assert!(steps < 100);
        }
        assert_eq!(l.finish(), louvain(3, &[(0, 1, 1.0), (1, 2, 1.0)]));
    }
}
