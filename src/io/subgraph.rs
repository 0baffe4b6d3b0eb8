//! A part of a graph as a graph of its own: the chosen entities, the relations among them
//! and the articles that hold their evidence, renumbered densely, so that the result is a
//! valid `guanxi extract` document (no relation naming a missing entity, every span inside an
//! article of the document) small enough for a browser. The entities are chosen by
//! [`crate::graph::select`].

use crate::model::{
    Article, ArticleId, Credit, Entity, EntityId, Extraction, Relation, RelationId, Span,
};
use std::collections::{BTreeMap, BTreeSet};

/// The entities of `keep`, the relations whose ends are both kept, the credits of the kept
/// people, and the articles their mentions, evidence and credits refer to, renumbered in their
/// original order.
///
/// # Complexity
/// O(V + E + spans) plus the text of the articles kept.
///
/// # Example
/// ```
/// use guanxi::io::subgraph::subgraph;
/// let d = guanxi::text::corpus::Draft { title: String::new(), authors: vec![], editors: Vec::new(), date: None,
///     source: "t".into(), text: "河南省洛阳市栾川县举办活动。".into() };
/// let rules = guanxi::text::Knowledge::embedded().expect("built in").without_model();
/// let x = guanxi::text::extract(vec![d], &std::sync::Arc::new(rules));
/// let one = subgraph(&x, &[x.entities[1].id].into());
/// assert_eq!(one.entities.len(), 1);
/// assert!(one.relations.iter().all(|r| r.source.0 == 0 && r.target.0 == 0));
/// ```
pub fn subgraph(x: &Extraction, keep: &BTreeSet<EntityId>) -> Extraction {
    subgraph_within(x, keep, usize::MAX)
}

/// [`subgraph`] keeping at most `articles_max` articles: those holding the most of the kept
/// mentions and evidence (ties to the earlier article). Mentions and evidence in the other
/// articles are left out, and so are authorships of them; relation weights stay what the
/// whole corpus says. For a graph whose entities are named in most of a large corpus.
///
/// # Example
/// ```
/// use guanxi::io::subgraph::subgraph_within;
/// let d = |t: &str| guanxi::text::corpus::Draft { title: String::new(), authors: vec![], editors: Vec::new(),
///     date: None, source: "t".into(), text: t.into() };
/// let rules = guanxi::text::Knowledge::embedded().expect("built in").without_model();
/// let x = guanxi::text::extract(vec![d("栾川县。"), d("栾川县，栾川县。")], &std::sync::Arc::new(rules));
/// let all: std::collections::BTreeSet<_> = x.entities.iter().map(|e| e.id).collect();
/// let one = subgraph_within(&x, &all, 1);
/// assert_eq!(one.articles.len(), 1);
/// assert_eq!(one.articles[0].text, "栾川县，栾川县。");
/// ```
pub fn subgraph_within(
    x: &Extraction,
    keep: &BTreeSet<EntityId>,
    articles_max: usize,
) -> Extraction {
    let mut entity_map: BTreeMap<EntityId, EntityId> = BTreeMap::new();
    for e in x.entities.iter().filter(|e| keep.contains(&e.id)) {
        entity_map.insert(e.id, EntityId(entity_map.len() as u32));
    }
    let relations: Vec<&Relation> = x
        .relations
        .iter()
        .filter(|r| entity_map.contains_key(&r.source) && entity_map.contains_key(&r.target))
        .collect();
    let credits: Vec<&Credit> = x
        .credits
        .iter()
        .filter(|c| entity_map.contains_key(&c.person))
        .collect();
    // The articles referred to, with how many kept spans each holds.
    let mut used: BTreeMap<ArticleId, usize> = BTreeMap::new();
    let kept_entities = x.entities.iter().filter(|e| entity_map.contains_key(&e.id));
    let spans = kept_entities
        .flat_map(|e| e.mentions.iter())
        .chain(relations.iter().flat_map(|r| r.evidence.iter()))
        .map(|s| s.article)
        .chain(credits.iter().map(|c| c.article));
    for a in spans {
        *used.entry(a).or_default() += 1;
    }
    if used.len() > articles_max {
        let mut ranked: Vec<(ArticleId, usize)> = used.into_iter().collect();
        ranked.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
        ranked.truncate(articles_max);
        used = ranked.into_iter().collect();
    }
    // Renumbered in their original order.
    let used: BTreeSet<ArticleId> = used.into_keys().collect();
    let article_map: BTreeMap<ArticleId, ArticleId> = used
        .iter()
        .filter(|a| x.article(**a).is_some())
        .enumerate()
        .map(|(i, a)| (*a, ArticleId(i as u32)))
        .collect();
    let articles = article_map
        .iter()
        .filter_map(|(old, new)| {
            x.article(*old).map(|a| Article {
                id: *new,
                ..a.clone()
            })
        })
        .collect();
    Renumber {
        entities: entity_map,
        articles: article_map,
    }
    .apply(x, articles, |_| true)
}

/// New ids for the entities and articles kept: what is kept of a graph, renumbered densely,
/// is a graph of its own.
pub(crate) struct Renumber {
    /// The kept entities' new ids.
    pub entities: BTreeMap<EntityId, EntityId>,
    /// The kept articles' new ids.
    pub articles: BTreeMap<ArticleId, ArticleId>,
}

impl Renumber {
    /// The kept entities of `x` with `articles` (already renumbered), the relations
    /// `keep_relation` accepts between kept entities, the credits of kept people for kept
    /// articles; mentions and evidence in articles not kept are left out.
    pub fn apply(
        &self,
        x: &Extraction,
        articles: Vec<Article>,
        keep_relation: impl Fn(RelationId) -> bool,
    ) -> Extraction {
        let entities = x.entities.iter().filter_map(|e| self.entity(e)).collect();
        let relations = x.relations_with_ids().filter(|(id, _)| keep_relation(*id));
        let relations = relations.filter_map(|(_, r)| self.relation(r)).collect();
        let credits = x.credits.iter().filter_map(|c| self.credit(c)).collect();
        Extraction {
            articles,
            entities,
            relations,
            credits,
        }
    }

    fn span(&self, s: &Span) -> Option<Span> {
        let article = *self.articles.get(&s.article)?;
        Some(Span { article, ..*s })
    }

    fn spans(&self, spans: &[Span]) -> Vec<Span> {
        spans.iter().filter_map(|s| self.span(s)).collect()
    }

    fn entity(&self, e: &Entity) -> Option<Entity> {
        let id = *self.entities.get(&e.id)?;
        let mentions = self.spans(&e.mentions);
        Some(Entity {
            id,
            mentions,
            ..e.clone()
        })
    }

    fn relation(&self, r: &Relation) -> Option<Relation> {
        let (source, target) = (
            *self.entities.get(&r.source)?,
            *self.entities.get(&r.target)?,
        );
        let evidence = self.spans(&r.evidence);
        Some(Relation {
            source,
            target,
            evidence,
            ..r.clone()
        })
    }

    fn credit(&self, c: &Credit) -> Option<Credit> {
        Some(Credit {
            person: *self.entities.get(&c.person)?,
            article: *self.articles.get(&c.article)?,
            role: c.role,
            evidence: c.evidence.and_then(|s| self.span(&s)),
        })
    }
}

/// Why a graph document is not one the page and the exports can use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// A relation names an entity the graph does not have.
    #[error(transparent)]
    Dangling(#[from] crate::model::DanglingRelation),
    /// Ids are not the dense positions they stand for.
    #[error("{what} at position {position} has id {id}; ids must be the positions 0, 1, 2, …")]
    Numbering {
        /// `entity` or `article`.
        what: &'static str,
        /// Its position in the list.
        position: usize,
        /// The id it has.
        id: String,
    },
    /// A credit names a person the graph does not have.
    #[error("{0} names a person the graph does not have")]
    Credit(String),
    /// A mention or evidence span outside the text of its article, or naming no article.
    #[error("{owner}: span {article} {start}..{end} is not inside an article of the graph")]
    Span {
        /// The entity or relation holding it (`e3`, `r7`).
        owner: String,
        /// The article it names.
        article: ArticleId,
        /// Its start.
        start: u32,
        /// Its end.
        end: u32,
    },
}

/// The first of a list's ids (each as its index and as written) that is not its position.
fn dense(what: &'static str, ids: impl Iterator<Item = (usize, String)>) -> Result<(), GraphError> {
    match ids
        .enumerate()
        .find(|(position, (index, _))| index != position)
    {
        Some((position, (_, id))) => Err(GraphError::Numbering { what, position, id }),
        None => Ok(()),
    }
}

/// Checks a graph document: dense ids, no dangling relation, every span inside its article.
///
/// # Complexity
/// O(V + E + spans + the articles' text).
pub fn check(x: &Extraction) -> Result<(), GraphError> {
    dense(
        "entity",
        x.entities.iter().map(|e| (e.id.index(), e.id.to_string())),
    )?;
    dense(
        "article",
        x.articles.iter().map(|a| (a.id.index(), a.id.to_string())),
    )?;
    x.check_relations()?;
    let lengths: Vec<u32> = x
        .articles
        .iter()
        .map(|a| a.text.chars().count() as u32)
        .collect();
    let fits = |s: &Span| {
        lengths
            .get(s.article.index())
            .is_some_and(|&n| s.start <= s.end && s.end <= n)
    };
    let span_error = |owner: String, s: &Span| GraphError::Span {
        owner,
        article: s.article,
        start: s.start,
        end: s.end,
    };
    for e in &x.entities {
        if let Some(s) = e.mentions.iter().find(|s| !fits(s)) {
            return Err(span_error(e.id.to_string(), s));
        }
    }
    for (id, r) in x.relations_with_ids() {
        if let Some(s) = r.evidence.iter().find(|s| !fits(s)) {
            return Err(span_error(id.to_string(), s));
        }
    }
    for c in &x.credits {
        let owner = format!("the credit of {} for {}", c.person, c.article);
        if x.entity(c.person).is_none() {
            return Err(GraphError::Credit(owner));
        }
        if x.article(c.article).is_none() {
            let (start, end) = (0, 0);
            let article = c.article;
            return Err(GraphError::Span {
                owner,
                article,
                start,
                end,
            });
        }
        if let Some(s) = c.evidence.filter(|s| !fits(s) || s.article != c.article) {
            return Err(span_error(owner, &s));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{select, KnowledgeGraph};
    use crate::text::corpus::Draft;

    fn corpus() -> Extraction {
        let d = |text: &str| Draft {
            title: String::new(),
            authors: vec!["王明".into()],
            editors: Vec::new(),
            date: None,
            source: "s".into(),
            text: text.into(),
        };
        crate::text::extract(
            vec![
                d("河南省洛阳市栾川县举办活动，县长陈明远出席。"),
                d("湖北省宜昌市夷陵区。"),
                d("栾川县人民政府召开会议，陈明远讲话。"),
            ],
            &crate::text::knowledge::testing::rules(),
        )
    }

    #[test]
    fn subgraphs_are_valid_graphs_with_only_their_articles() {
        let x = corpus();
        check(&x).unwrap();
        let g = KnowledgeGraph::build(&x);
        for n in 0..=x.entities.len() {
            let s = subgraph(&x, &select::top(&x, &g, n));
            assert_eq!(s.entities.len(), n);
            check(&s).unwrap();
            // Every mention and evidence reads the same text as in the whole graph.
            for e in &s.entities {
                let old = x
                    .entities
                    .iter()
                    .find(|o| o.label == e.label && o.kind == e.kind)
                    .unwrap();
                let read = |x: &Extraction, spans: &[Span]| {
                    spans
                        .iter()
                        .map(|sp| x.span_text(*sp).unwrap())
                        .collect::<Vec<_>>()
                };
                assert_eq!(read(&s, &e.mentions), read(&x, &old.mentions));
            }
        }
        // Only 夷陵区's article: one article, renumbered a0.
        let yiling = select::named(&x, "夷陵区");
        let s = subgraph(&x, &yiling.iter().copied().collect());
        assert_eq!(s.articles.len(), 1);
        assert_eq!(s.articles[0].id, ArticleId(0));
        assert!(s.articles[0].text.contains("夷陵区"));
    }

    #[test]
    fn an_article_bound_keeps_the_articles_with_most_spans_and_a_valid_graph() {
        let x = corpus();
        let all: BTreeSet<EntityId> = x.entities.iter().map(|e| e.id).collect();
        let whole = subgraph_within(&x, &all, usize::MAX);
        assert_eq!(whole.articles.len(), x.articles.len());
        for max in 0..=x.articles.len() {
            let s = subgraph_within(&x, &all, max);
            assert_eq!(s.articles.len(), max.min(x.articles.len()));
            assert_eq!(s.entities.len(), x.entities.len());
            check(&s).unwrap();
            // What is kept reads as it did.
            for (e, old) in s.entities.iter().zip(&x.entities) {
                for sp in &e.mentions {
                    let text = s.span_text(*sp).unwrap();
                    assert!(old
                        .mentions
                        .iter()
                        .any(|o| x.span_text(*o).as_ref() == Some(&text)));
                }
            }
        }
    }

    #[test]
    fn check_names_the_culprit() {
        let mut x = corpus();
        x.entities[0].mentions.push(Span {
            article: ArticleId(0),
            start: 5,
            end: 999,
        });
        assert!(check(&x)
            .unwrap_err()
            .to_string()
            .starts_with("e0: span a0 5..999"));
        let mut x = corpus();
        x.entities[1].id = EntityId(7);
        assert!(matches!(
            check(&x),
            Err(GraphError::Numbering { position: 1, .. })
        ));
    }
}
