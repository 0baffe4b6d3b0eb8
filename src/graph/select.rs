//! Choosing the part of a large graph a browser can show: the most important entities
//! ([`top`]), or the neighbourhood of named entities ([`named`], [`around`]). The entity sets
//! are cut out of the extraction by [`crate::io::subgraph::subgraph`].

use super::KnowledgeGraph;
use crate::model::{EntityId, EntityKind, Extraction};
use std::collections::BTreeSet;

/// How important each entity is, indexed by entity id: its mentions plus its weighted degree
/// (the sum of the weights of its relations to other entities, [`KnowledgeGraph::weighted_degree`]).
pub fn importance(x: &Extraction, g: &KnowledgeGraph) -> Vec<u64> {
    let degree = g.weighted_degree(x);
    x.entities
        .iter()
        .map(|e| {
            e.mentions.len() as u64 + u64::from(degree.get(e.id.index()).copied().unwrap_or(0))
        })
        .collect()
}

/// The `n` most important entities ([`importance`]); ties go to the smaller id, so the choice
/// is the same on every run.
///
/// # Complexity
/// O(V log V + E).
///
/// # Example
/// ```
/// use guanxi::graph::{select, KnowledgeGraph};
/// let d = guanxi::text::corpus::Draft { title: String::new(), authors: vec![], editors: Vec::new(), date: None,
///     source: "t".into(), text: "河南省洛阳市栾川县举办活动。栾川县很美。".into() };
/// let rules = guanxi::text::Knowledge::embedded().expect("built in").without_model();
/// let x = guanxi::text::extract(vec![d], &std::sync::Arc::new(rules));
/// let top = select::top(&x, &KnowledgeGraph::build(&x), 1);
/// assert_eq!(top.len(), 1);
/// ```
pub fn top(x: &Extraction, g: &KnowledgeGraph, n: usize) -> BTreeSet<EntityId> {
    let score = importance(x, g);
    let mut ids: Vec<EntityId> = x.entities.iter().map(|e| e.id).collect();
    ids.sort_by_key(|id| {
        (
            std::cmp::Reverse(score.get(id.index()).copied().unwrap_or(0)),
            *id,
        )
    });
    ids.into_iter().take(n).collect()
}

/// The entities a name stands for: those labelled `name`, else those with it as an alias.
/// `kind:name` (`place:栾川县`, as in the page's links) asks for one kind only.
pub fn named(x: &Extraction, name: &str) -> Vec<EntityId> {
    let (kind, name) = match name.split_once(':') {
        Some((k, n)) if EntityKind::parse(k).is_some() => (EntityKind::parse(k), n),
        _ => (None, name),
    };
    let of_kind = |e: &&crate::model::Entity| kind.is_none_or(|k| e.kind == k);
    let labelled: Vec<EntityId> = x
        .entities
        .iter()
        .filter(of_kind)
        .filter(|e| e.label == name)
        .map(|e| e.id)
        .collect();
    if !labelled.is_empty() {
        return labelled;
    }
    x.entities
        .iter()
        .filter(of_kind)
        .filter(|e| e.aliases.iter().any(|a| a == name))
        .map(|e| e.id)
        .collect()
}

/// Entity labels containing `part`, the most important first (at most `n`): suggestions when
/// [`named`] finds nothing.
pub fn suggestions(x: &Extraction, g: &KnowledgeGraph, part: &str, n: usize) -> Vec<String> {
    let score = importance(x, g);
    let mut hits: Vec<&crate::model::Entity> = x
        .entities
        .iter()
        .filter(|e| e.label.contains(part) || e.aliases.iter().any(|a| a.contains(part)))
        .collect();
    hits.sort_by_key(|e| {
        (
            std::cmp::Reverse(score.get(e.id.index()).copied().unwrap_or(0)),
            e.id,
        )
    });
    hits.into_iter()
        .take(n)
        .map(|e| format!("{}:{}", e.kind.as_str(), e.label))
        .collect()
}

/// The entities within `depth` hops of any of `seeds` (the seeds included), over every edge.
///
/// # Complexity
/// O(V + E) in the part of the graph reached, for each seed.
pub fn around(g: &KnowledgeGraph, seeds: &[EntityId], depth: u32) -> BTreeSet<EntityId> {
    seeds
        .iter()
        .flat_map(|&s| g.neighbourhood(s, depth, |_| true))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{graph, numbered};
    use crate::model::{Relation, RelationKind};

    fn toy() -> Extraction {
        let mut entities = numbered(5, EntityKind::Place, "p");
        entities[3].kind = EntityKind::Person;
        entities[4].aliases = vec!["p0".into(), "甲".into()];
        let rel = |s: u32, t: u32| Relation::plain(s, t, RelationKind::CoOccurs);
        graph(entities, vec![rel(0, 1), rel(1, 2), rel(2, 3), rel(1, 3)])
    }

    #[test]
    fn top_ranks_by_importance_with_ties_to_the_smaller_id() {
        let x = toy();
        let g = KnowledgeGraph::build(&x);
        assert_eq!(importance(&x, &g), [1, 3, 2, 2, 0]);
        assert_eq!(
            top(&x, &g, 3).into_iter().map(|e| e.0).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(top(&x, &g, 99).len(), 5);
    }

    #[test]
    fn names_kinds_aliases_and_neighbourhoods() {
        let x = toy();
        let g = KnowledgeGraph::build(&x);
        assert_eq!(named(&x, "p0"), [EntityId(0)]);
        assert_eq!(named(&x, "甲"), [EntityId(4)]);
        assert_eq!(named(&x, "person:p3"), [EntityId(3)]);
        assert!(named(&x, "place:p3").is_empty());
        assert_eq!(suggestions(&x, &g, "p", 2), ["place:p1", "place:p2"]);
        let near: Vec<u32> = around(&g, &[EntityId(0)], 1)
            .into_iter()
            .map(|e| e.0)
            .collect();
        assert_eq!(near, [0, 1]);
        assert_eq!(around(&g, &[EntityId(0), EntityId(3)], 1).len(), 4);
    }
}
