//! Importance and communities of a large graph over frames (issue 17, performance: "time-sliced
//! so no task is over 50 ms"). On a graph of [`STEPPED_MEASURES`] entities or more, nothing
//! computes them in the task that asks: the explorer answers without them (colour by kind, no
//! community discs, size by mentions, degree and importance 0, the legend saying they are being
//! found), and the session runs [`Explorer::measure_step`] at each frame until they are there —
//! importance and degree first (`graph::analysis::Ranking`), then the communities
//! (`graph::analysis::Communities`, Louvain resumed node by node). Both give exactly what
//! computing at once gives. A smaller graph computes them when first asked, as before.

use super::Explorer;
use crate::graph::analysis::{Communities, Measures, Ranking};

/// Entities from which importance and communities are computed over frames.
pub const STEPPED_MEASURES: usize = 2_000;

/// Nodes a step visits (a Louvain step, or the degrees of a ranking step): a few milliseconds
/// on 20,000 nodes and 100,000 edges.
pub const MEASURE_NODES: usize = 2_048;

/// What is being computed over frames.
pub(super) enum Measuring {
    Rank(Ranking),
    Communities(Communities),
}

/// What a [`Explorer::measure_step`] finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measured {
    /// Nothing is left to compute.
    Nothing,
    /// A part; more is to come.
    Part,
    /// Importance and degree are there (the table and sizes can show them).
    Ranking,
    /// The communities are there (the legend, colours and discs can show them).
    Communities,
}

impl Explorer {
    /// Whether this graph's measures are computed over frames rather than when asked.
    fn steps_measures(&self) -> bool {
        self.x.entities.len() >= STEPPED_MEASURES
    }

    /// Whether importance or communities are still being computed over frames.
    pub fn is_measuring(&self) -> bool {
        self.steps_measures() && self.measures.get().is_none()
    }

    /// Communities, importance and degree, if there: computed now on a small graph, `None`
    /// on a large one until the frames computed them ([`Explorer::measure_step`]).
    pub fn measures_ready(&self) -> Option<&Measures> {
        match self.measures.get() {
            Some(m) => Some(m),
            None if !self.steps_measures() => Some(self.measures()),
            None => None,
        }
    }

    /// Importance and degree, if there (as [`Explorer::measures_ready`]).
    pub(super) fn ranking_ready(&self) -> Option<&(Vec<f64>, Vec<u32>)> {
        match self.ranking.get() {
            Some(r) => Some(r),
            None if !self.steps_measures() || self.measures.get().is_some() => Some(self.ranking()),
            None => None,
        }
    }

    /// One piece of computing the measures of a large graph: a ranking step (a PageRank
    /// iteration, or [`MEASURE_NODES`] degrees) or a communities step ([`MEASURE_NODES`] node
    /// visits of Louvain, or the start or end of one of its levels). Says what it finished.
    pub fn measure_step(&mut self) -> Measured {
        if !self.is_measuring() {
            self.measuring = None;
            return Measured::Nothing;
        }
        let stage = match self.measuring.take() {
            Some(stage) => *stage,
            None if self.ranking.get().is_some() => {
                Measuring::Communities(Communities::new(&self.graph, &self.x))
            }
            None => Measuring::Rank(Ranking::new(&self.graph, &self.x)),
        };
        let stage = match stage {
            Measuring::Rank(mut r) => {
                if r.step(&self.graph, MEASURE_NODES) {
                    self.set_ranking(r.finish(&self.graph));
                    self.dirty = true;
                    return Measured::Ranking;
                }
                Measuring::Rank(r)
            }
            Measuring::Communities(mut c) => {
                if c.step(MEASURE_NODES) {
                    let (importance, degree) = self.ranking().clone();
                    let _computed_once = self.measures.set(c.finish(importance, degree));
                    if !self.view().filters.hidden_communities.is_empty() {
                        self.refresh_visibility();
                    }
                    self.dirty = true;
                    return Measured::Communities;
                }
                Measuring::Communities(c)
            }
        };
        self.measuring = Some(Box::new(stage));
        Measured::Part
    }
}

impl Explorer {
    /// Computes whatever measures are left at once (the render benchmark, which draws a large
    /// graph's community discs from its first frame, and tests).
    pub fn measure_all(&mut self) {
        while self.measure_step() != Measured::Nothing {}
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::app::view::{ColourBy, SizeBy};
    use crate::model::{fixture, EntityId, EntityKind, Extraction, Relation, RelationKind};

    /// `n` entities, each linked to three earlier ones (a scale-free-ish graph).
    pub(crate) fn large(n: u32) -> Extraction {
        let mut relations = Vec::new();
        for i in 1..n {
            for d in [1, 7, 31] {
                if i >= d {
                    relations.push(Relation::plain(i, (i * 13 + d) % i, RelationKind::CoOccurs));
                }
            }
        }
        fixture::graph(fixture::numbered(n, EntityKind::Person, "n"), relations)
    }

    #[test]
    fn a_large_graph_gets_its_measures_over_steps_exactly_as_at_once() {
        let x = large(STEPPED_MEASURES as u32 + 500);
        let whole = crate::graph::KnowledgeGraph::build(&x).measures(&x);
        let mut ex = Explorer::new(x);
        ex.update_view(|v| {
            v.colour = ColourBy::Community;
            v.size = SizeBy::Importance;
        });
        // Nothing is computed in the asking: no communities, legend pending, sizes by mentions.
        assert!(ex.is_measuring());
        assert_eq!(ex.measures_ready(), None);
        assert_eq!(ex.colour_community(EntityId(0)), None);
        assert!(ex.legend_rows().is_empty());
        assert!(ex.legend_html().contains("community-pending"));
        assert_eq!(ex.relative_importance(EntityId(0)), 0.0);
        let by_mentions = ex.node_radius(EntityId(0));
        ex.frame();
        assert!(ex.scene_aggregates().is_empty());
        assert!(ex.is_measuring(), "a frame computes nothing");
        // Step by step: the ranking, then the communities.
        let mut seen = Vec::new();
        loop {
            match ex.measure_step() {
                Measured::Nothing => break,
                Measured::Part => {}
                done => seen.push(done),
            }
        }
        assert_eq!(seen, [Measured::Ranking, Measured::Communities]);
        assert!(!ex.is_measuring());
        assert_eq!(ex.measures_ready(), Some(&whole));
        assert_eq!(ex.measures(), &whole);
        assert!(ex.relative_importance(EntityId(0)) > 0.0);
        assert_ne!(ex.node_radius(EntityId(0)), by_mentions);
        assert_eq!(ex.colour_community(EntityId(0)), Some(whole.community[0]));
        assert!(!ex.legend_rows().is_empty());
        assert!(!ex.legend_html().contains("community-pending"));
    }

    #[test]
    fn hidden_communities_hide_nothing_until_computed_then_their_members() {
        let mut ex = Explorer::new(large(STEPPED_MEASURES as u32 + 100));
        ex.update_view(|v| {
            v.filters.hidden_communities.insert(0);
        });
        assert!(ex.x.entities.iter().all(|e| ex.is_visible(e.id)));
        ex.measure_all();
        let community = ex.measures().community.clone();
        for e in &ex.x.entities {
            assert_eq!(ex.is_visible(e.id), community[e.id.index()] != 0);
        }
    }

    #[test]
    fn a_small_graph_computes_its_measures_when_asked() {
        let mut ex = Explorer::new(large(50));
        assert!(!ex.is_measuring());
        assert_eq!(ex.measure_step(), Measured::Nothing);
        assert!(ex.measures_ready().is_some());
        assert!(ex.relative_importance(EntityId(0)) > 0.0);
    }
}
