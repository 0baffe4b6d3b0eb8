//! The `guanxi extract` document as it is read: the current form, and the form written before
//! credits were their own, where authorship was a relation of kind `authored` from a person to
//! the same person with the article in its `article` field. Such a relation is read as a
//! [`Credit`] (one without an article says nothing and is dropped); every other relation is
//! read as it is.

use super::{
    Article, ArticleId, Credit, Entity, EntityId, Extraction, Relation, RelationKind, Span,
};
use serde::Deserialize;

/// An extraction document as stored, in either form.
#[derive(Deserialize)]
pub struct ExtractionFile {
    articles: Vec<Article>,
    entities: Vec<Entity>,
    relations: Vec<RelationFile>,
    #[serde(default)]
    credits: Vec<Credit>,
}

/// A relation as stored: of a kind of [`RelationKind`], or an older `authored` one.
#[derive(Deserialize)]
struct RelationFile {
    source: EntityId,
    target: EntityId,
    kind: String,
    #[serde(default)]
    label: Option<String>,
    weight: u32,
    #[serde(default)]
    article: Option<ArticleId>,
    evidence: Vec<Span>,
}

/// The kind of the older authorship relations.
const AUTHORED: &str = "authored";

impl TryFrom<ExtractionFile> for Extraction {
    type Error = String;

    fn try_from(f: ExtractionFile) -> Result<Extraction, String> {
        let mut relations = Vec::with_capacity(f.relations.len());
        let mut credits = f.credits;
        for r in f.relations {
            if r.kind == AUTHORED {
                credits.extend(r.article.map(|article| Credit {
                    person: r.source,
                    article,
                    role: crate::model::CreditRole::Wrote,
                    evidence: r.evidence.first().copied(),
                }));
                continue;
            }
            let kind = RelationKind::parse(&r.kind).ok_or_else(|| {
                let known = RelationKind::ALL.map(RelationKind::as_str).join(", ");
                format!(
                    "unknown relation kind `{}`, expected one of {known}",
                    r.kind
                )
            })?;
            relations.push(Relation {
                source: r.source,
                target: r.target,
                kind,
                label: r.label,
                weight: r.weight,
                evidence: r.evidence,
            });
        }
        credits.sort_by_key(|c| (c.person, c.article));
        Ok(Extraction {
            articles: f.articles,
            entities: f.entities,
            relations,
            credits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document as versions before credits wrote it: 王明 wrote a0 (named at 0..2) and a1
    /// (not named there), and one older authorship names no article.
    const OLDER: &str = r#"{
      "articles": [
        {"id": "a0", "title": "一", "authors": ["王明"], "source": "s", "text": "王明在甲市。"},
        {"id": "a1", "title": "二", "authors": ["王明"], "source": "s", "text": "甲市。"}
      ],
      "entities": [
        {"id": "e0", "kind": "place", "label": "甲市", "aliases": [],
         "mentions": [{"article": "a0", "start": 3, "end": 5}]},
        {"id": "e1", "kind": "person", "label": "王明", "aliases": [],
         "mentions": [{"article": "a0", "start": 0, "end": 2}]}
      ],
      "relations": [
        {"source": "e1", "target": "e0", "kind": "co_occurs", "weight": 1,
         "evidence": [{"article": "a0", "start": 0, "end": 6}]},
        {"source": "e1", "target": "e1", "kind": "authored", "weight": 1, "article": "a1",
         "evidence": []},
        {"source": "e1", "target": "e1", "kind": "authored", "weight": 1, "article": "a0",
         "evidence": [{"article": "a0", "start": 0, "end": 2}]},
        {"source": "e1", "target": "e1", "kind": "authored", "weight": 1, "evidence": []}
      ]
    }"#;

    #[test]
    fn older_authored_relations_are_read_as_credits() {
        let x: Extraction = serde_json::from_str(OLDER).expect("an older document reads");
        assert_eq!(x.relations.len(), 1);
        assert_eq!(x.relations[0].kind, RelationKind::CoOccurs);
        let a0 = Span {
            article: ArticleId(0),
            start: 0,
            end: 2,
        };
        let credit = |a, evidence| Credit {
            person: EntityId(1),
            article: ArticleId(a),
            role: crate::model::CreditRole::Wrote,
            evidence,
        };
        assert_eq!(x.credits, [credit(0, Some(a0)), credit(1, None)]);
        // Written again, it is in the current form, and reads back the same.
        let json = serde_json::to_string(&x).unwrap();
        assert!(!json.contains("authored") && json.contains("\"credits\""));
        assert_eq!(serde_json::from_str::<Extraction>(&json).unwrap(), x);
    }

    #[test]
    fn an_unknown_relation_kind_is_named() {
        let doc = OLDER.replace("co_occurs", "friendship");
        let e = serde_json::from_str::<Extraction>(&doc).unwrap_err();
        let e = e.to_string();
        assert!(e.contains("unknown relation kind `friendship`"), "{e}");
        assert!(e.contains("within, role, part_of, co_occurs"), "{e}");
    }
}
