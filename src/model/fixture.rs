//! Small graphs built by hand for the core's tests, so that a test of the graph, the view or
//! the session does not depend on the recogniser: entities, spans, articles and relations in a
//! line each.

use super::{Article, ArticleId, Entity, EntityId, EntityKind, Extraction, Relation, Span};

/// An entity with no alias and no mention.
pub(crate) fn entity(id: u32, kind: EntityKind, label: &str) -> Entity {
    Entity {
        id: EntityId(id),
        kind,
        label: label.into(),
        aliases: vec![],
        mentions: vec![],
    }
}

/// `n` entities of `kind` labelled `{prefix}0`, `{prefix}1`, ….
pub(crate) fn numbered(n: u32, kind: EntityKind, prefix: &str) -> Vec<Entity> {
    (0..n)
        .map(|i| entity(i, kind, &format!("{prefix}{i}")))
        .collect()
}

/// A span of article `a`.
pub(crate) fn span(a: u32, start: u32, end: u32) -> Span {
    Span {
        article: ArticleId(a),
        start,
        end,
    }
}

/// An undated article without authors, from the source `fixture`.
pub(crate) fn article(id: u32, title: &str, text: &str) -> Article {
    Article {
        id: ArticleId(id),
        title: title.into(),
        authors: vec![],
        editors: Vec::new(),
        date: None,
        source: "fixture".into(),
        text: text.into(),
    }
}

/// A graph of entities and relations without articles.
pub(crate) fn graph(entities: Vec<Entity>, relations: Vec<Relation>) -> Extraction {
    Extraction {
        entities,
        relations,
        ..Extraction::default()
    }
}
