//! Times the analysis tools natively on a synthetic graph (default 20,000 entities and 100,000
//! relations, a fixed seed): the path with evidence between pairs of entities, communities
//! (Louvain) and importance (PageRank and degree).
//!
//! `cargo run --release --example analysis [NODES] [EDGES]`
//!
//! The graph has the shape of a news corpus: entities cluster (most relations fall inside a
//! group of about 200), a tenth of the relations are typed, co-occurrence weights are skewed.
#![allow(clippy::disallowed_methods)] // a benchmark: it reads the clock itself
use guanxi::graph::analysis::{louvain, page_rank, strength};
use guanxi::graph::KnowledgeGraph;
use guanxi::model::{Entity, EntityId, EntityKind, Extraction, Relation, RelationKind};
use std::time::{Duration, Instant};

#[path = "../tests/support/rng.rs"]
mod rng;
use rng::Rng;

fn synthetic(nodes: usize, edges: usize) -> Extraction {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let entities = (0..nodes)
        .map(|i| Entity {
            id: EntityId(i as u32),
            kind: EntityKind::ALL[i % 4],
            label: format!("n{i}"),
            aliases: vec![],
            mentions: vec![],
        })
        .collect();
    let group = 200usize;
    let mut relations = Vec::with_capacity(edges);
    while relations.len() < edges {
        let a = rng.below(nodes);
        let b = if rng.below(10) < 8 {
            let base = a / group * group;
            (base + rng.below(group)).min(nodes - 1)
        } else {
            rng.below(nodes)
        };
        if a == b {
            continue;
        }
        let typed = rng.below(10) == 0;
        relations.push(Relation {
            source: EntityId(a as u32),
            target: EntityId(b as u32),
            kind: if typed {
                RelationKind::Within
            } else {
                RelationKind::CoOccurs
            },
            label: None,
            weight: 1 + (rng.below(64) as f64).sqrt() as u32 / 2,
            evidence: vec![],
        });
    }
    Extraction {
        entities,
        relations,
        ..Extraction::default()
    }
}

fn time<T>(runs: usize, mut f: impl FnMut(usize) -> T) -> (Duration, Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for i in 0..runs {
        let t = Instant::now();
        last = Some(f(i));
        times.push(t.elapsed());
    }
    times.sort();
    let out = last.expect("at least one run");
    (times[times.len() / 2], times[times.len() - 1], out)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let nodes = args.first().copied().unwrap_or(20_000).max(2);
    let edges = args.get(1).copied().unwrap_or(100_000);
    let x = synthetic(nodes, edges);
    let t = Instant::now();
    let g = KnowledgeGraph::build(&x);
    println!(
        "graph: {} entities, {} relations (built in {:?})",
        nodes,
        g.graph.edge_count(),
        t.elapsed()
    );

    let mut rng = Rng(42);
    let pairs: Vec<(EntityId, EntityId)> = (0..21)
        .map(|_| {
            (
                EntityId(rng.below(nodes) as u32),
                EntityId(rng.below(nodes) as u32),
            )
        })
        .collect();
    let (median, worst, hops) = time(pairs.len(), |i| {
        let (a, b) = pairs[i];
        g.evidence_path(a, b, |_| true).map_or(0, |p| p.hops.len())
    });
    println!("path with evidence (21 random pairs): median {median:?}, worst {worst:?} (last: {hops} hops)");
    let (median, worst, n) = time(5, |i| {
        let (a, b) = pairs[i];
        g.evidence_paths(&x, a, b, 3, |_| true).len()
    });
    println!("path and 2 other paths (Yen, 5 pairs): median {median:?}, worst {worst:?} (last: {n} paths)");

    let weighted: Vec<(usize, usize, f64)> = x
        .relations
        .iter()
        .map(|r| (r.source.index(), r.target.index(), strength(r)))
        .collect();
    let (median, worst, c) = time(5, |_| louvain(nodes, &weighted));
    let communities = c.iter().max().map_or(0, |m| m + 1);
    println!(
        "communities (Louvain): median {median:?}, worst {worst:?} ({communities} communities)"
    );
    let (median, worst, r) = time(5, |_| page_rank(nodes, &weighted));
    println!(
        "importance (PageRank): median {median:?}, worst {worst:?} (sum {:.6})",
        r.iter().sum::<f64>()
    );
    let (median, worst, m) = time(3, |_| g.measures(&x));
    println!(
        "all measures (PageRank, degree, Louvain, leaders) as the app computes them: median {median:?}, worst {worst:?} ({} communities)",
        m.communities.len()
    );
}
