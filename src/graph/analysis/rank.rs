//! Importance and degree a piece at a time ([`Ranking`]), so that a front end can spread them
//! over frames; [`super::page_rank`] and [`KnowledgeGraph::importance_and_degree`] run the
//! same steps to the end, so both ways give the same numbers.

use super::{Csr, KnowledgeGraph};
use crate::model::{EntityId, Extraction};

/// The damping factor of PageRank.
const DAMPING: f64 = 0.85;

/// At most this many iterations.
const MAX_ITERATIONS: u32 = 100;

/// Weighted PageRank, an iteration per [`PageRank::step`].
pub struct PageRank {
    adj: Csr,
    out: Vec<f64>,
    rank: Vec<f64>,
    next: Vec<f64>,
    iterations: u32,
    done: bool,
}

impl PageRank {
    /// Ready to iterate over `edges` (both directions, parallel edges merged).
    pub fn new(n: usize, edges: &[(usize, usize, f64)]) -> PageRank {
        let adj = Csr::new(n, edges);
        let out: Vec<f64> = (0..n).map(|i| adj.weights(i).sum()).collect();
        PageRank {
            adj,
            out,
            rank: vec![1.0 / n.max(1) as f64; n],
            next: vec![0.0; n],
            iterations: 0,
            done: n == 0,
        }
    }

    /// One iteration; whether the ranks converged (or the iterations ran out).
    pub fn step(&mut self) -> bool {
        if self.done {
            return true;
        }
        let n = self.rank.len();
        let (rank, out) = (&self.rank, &self.out);
        let dangling: f64 = (0..n).filter(|&i| out[i] <= 0.0).map(|i| rank[i]).sum();
        let base = (1.0 - DAMPING) / n as f64 + DAMPING * dangling / n as f64;
        for (i, v) in self.next.iter_mut().enumerate() {
            let flow: f64 = (self.adj.edges(i))
                .map(|(j, w)| rank[j] * w / out[j].max(f64::MIN_POSITIVE))
                .sum();
            *v = base + DAMPING * flow;
        }
        let delta: f64 = (rank.iter().zip(&self.next))
            .map(|(a, b)| (a - b).abs())
            .sum();
        std::mem::swap(&mut self.rank, &mut self.next);
        self.iterations += 1;
        self.done = delta < 1e-10 || self.iterations >= MAX_ITERATIONS;
        self.done
    }

    /// The ranks, summing to 1 (iterations left are run first).
    pub fn finish(mut self) -> Vec<f64> {
        while !self.step() {}
        let mut rank = self.rank;
        let total: f64 = rank.iter().sum();
        if total > 0.0 {
            rank.iter_mut().for_each(|r| *r /= total);
        }
        rank
    }
}

enum Stage {
    /// The weighted edges, before PageRank's rows are built.
    Edges(Vec<(usize, usize, f64)>),
    Rank(PageRank),
    /// Distinct neighbours counted up to `next`.
    Degree {
        importance: Vec<f64>,
        degree: Vec<u32>,
        next: usize,
    },
}

/// Importance (PageRank over evidence strength) and distinct neighbours of every entity, a
/// step at a time ([`Ranking::step`]): the graph is passed to each step rather than borrowed.
pub struct Ranking {
    stage: Stage,
    /// Scratch for a node's neighbours.
    neighbours: Vec<usize>,
}

impl Ranking {
    /// Starts ranking `g`'s entities (collects the weighted edges: O(E)).
    pub fn new(g: &KnowledgeGraph, x: &Extraction) -> Ranking {
        Ranking {
            stage: Stage::Edges(g.weighted_edges(x)),
            neighbours: Vec::new(),
        }
    }

    /// One step: PageRank's rows, one of its iterations, or the degree of up to `nodes`
    /// entities. Whether all is done. `g` must be the graph [`Ranking::new`] was given.
    pub fn step(&mut self, g: &KnowledgeGraph, nodes: usize) -> bool {
        let n = g.graph.node_count();
        match &mut self.stage {
            Stage::Edges(edges) => self.stage = Stage::Rank(PageRank::new(n, edges)),
            Stage::Rank(p) => {
                if p.step() {
                    let Stage::Rank(p) = std::mem::replace(&mut self.stage, Stage::Edges(vec![]))
                    else {
                        return false;
                    };
                    self.stage = Stage::Degree {
                        importance: p.finish(),
                        degree: vec![0; n],
                        next: 0,
                    };
                }
            }
            Stage::Degree { degree, next, .. } => {
                let to = next.saturating_add(nodes.max(1)).min(degree.len());
                for (i, d) in degree.iter_mut().enumerate().take(to).skip(*next) {
                    let ns = &mut self.neighbours;
                    ns.clear();
                    ns.extend(
                        g.graph
                            .neighbors(super::node(EntityId(i as u32)))
                            .map(|m| m.index()),
                    );
                    ns.sort_unstable();
                    ns.dedup();
                    *d = ns.len() as u32;
                }
                *next = to;
                return to == degree.len();
            }
        }
        false
    }

    /// The importance and degree of every entity (the steps left are run first).
    pub fn finish(mut self, g: &KnowledgeGraph) -> (Vec<f64>, Vec<u32>) {
        while !self.step(g, usize::MAX) {}
        match self.stage {
            Stage::Degree {
                importance, degree, ..
            } => (importance, degree),
            _ => (Vec::new(), Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fixture, EntityKind, Relation, RelationKind};

    /// `n` entities, each linked to the next three (and some twice, by another kind).
    fn chain(n: u32) -> Extraction {
        let mut relations = Vec::new();
        for i in 0..n {
            for d in 1..4 {
                if i + d < n {
                    let kind = match (i + d) % 3 {
                        0 => RelationKind::Within,
                        _ => RelationKind::CoOccurs,
                    };
                    relations.push(Relation {
                        weight: 1 + i % 4,
                        ..Relation::plain(i, i + d, kind)
                    });
                }
            }
        }
        // Entities 0 and 2 are linked twice: counted once in the degree.
        relations.push(Relation::plain(0, 2, RelationKind::Role));
        fixture::graph(fixture::numbered(n, EntityKind::Person, "n"), relations)
    }

    #[test]
    fn ranking_in_small_steps_gives_what_ranking_at_once_does() {
        let x = chain(500);
        let g = KnowledgeGraph::build(&x);
        let whole = g.importance_and_degree(&x);
        let mut r = Ranking::new(&g, &x);
        let mut steps = 1;
        while !r.step(&g, 7) {
            steps += 1;
        }
        // The rows, several PageRank iterations, then 500 degrees 7 at a time.
        assert!(steps > 72, "{steps} steps");
        assert_eq!(r.finish(&g), whole);
        assert_eq!(whole.1[0], 3);
        assert_eq!(whole.1[250], 6);
        assert!((whole.0.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
