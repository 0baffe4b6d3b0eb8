//! The data model shared by every layer: ids, articles, entities, relations and their evidence.
//!
//! This is also the JSON schema of `guanxi extract` (see [`Extraction`]); offsets are Unicode
//! code-point indices into an article's `text`, end exclusive, so that JavaScript, Python and Rust
//! consumers agree on them without knowing UTF-8.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

pub mod curation;
pub mod file;
#[cfg(test)]
pub(crate) mod fixture;
pub mod stable;

macro_rules! prefixed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The dense index this id stands for.
            pub fn index(self) -> usize {
                self.0 as usize
            }
            /// Parses the textual form (`
            #[doc = $prefix]
            /// 12`).
            pub fn parse(s: &str) -> Option<Self> {
                s.strip_prefix($prefix)?.parse().ok().map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| {
                    serde::de::Error::custom(format!(concat!("expected an id like ", $prefix, "0, got {:?}"), s))
                })
            }
        }
    };
}

prefixed_id!(
    /// An article's id, written `a0`, `a1`, … in JSON and URLs (its position: articles keep
    /// the order of their sources).
    ArticleId,
    "a"
);
prefixed_id!(
    /// An entity's id: its position, written `e0`, `e1`, … in the graph JSON. Links, the page
    /// and the exports name an entity by its [`stable`] id instead (`place:怀柔区`).
    EntityId,
    "e"
);
prefixed_id!(
    /// A relation's id: its position in [`Extraction::relations`], written `r0`, `r1`, … where
    /// the page refers to it within one session (`data-relation`). Links and exports name a
    /// relation by its [`stable`] id instead.
    RelationId,
    "r"
);

/// The four kinds of named things guanxi extracts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A named person (`张志明`, `周女士`).
    Person,
    /// A place: administrative division, community, village, landmark area.
    Place,
    /// An organisation: government body, company, association, unit.
    Organisation,
    /// A named programme, campaign, mechanism or event (`“九度”社区建设`).
    Programme,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organisation,
        EntityKind::Programme,
    ];

    /// The lowercase name used in JSON, URLs and `data-testid`s.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Programme => "programme",
        }
    }

    /// Parses [`EntityKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Dense index in [`EntityKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How two entities are related.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Source lies in / belongs to the place target (place in place, organisation in place).
    Within,
    /// Person source holds a position (the label) in organisation target.
    Role,
    /// Organisation source is a sub-unit of organisation target.
    PartOf,
    /// Mentioned in the same sentence; weight counts sentences.
    CoOccurs,
}

impl RelationKind {
    /// Every kind, typed relations first.
    pub const ALL: [RelationKind; 4] = [
        RelationKind::Within,
        RelationKind::Role,
        RelationKind::PartOf,
        RelationKind::CoOccurs,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Within => "within",
            RelationKind::Role => "role",
            RelationKind::PartOf => "part_of",
            RelationKind::CoOccurs => "co_occurs",
        }
    }

    /// Parses [`RelationKind::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Dense index in [`RelationKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Whether the text states the relation (every kind but same-sentence co-occurrence).
    pub fn is_stated(self) -> bool {
        self != RelationKind::CoOccurs
    }
}

/// A range of code points in one article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// The article the offsets refer to.
    pub article: ArticleId,
    /// First code point.
    pub start: u32,
    /// One past the last code point.
    pub end: u32,
}

/// One article: a title, its authors and body text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Dense id in [`Extraction::articles`].
    pub id: ArticleId,
    /// Title; empty for an untitled piece (a short item or photo caption), see
    /// [`Article::display_title`].
    pub title: String,
    /// Authors from the byline or author line.
    pub authors: Vec<String>,
    /// Editors and reviewers from its credit lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editors: Vec<String>,
    /// Publication date, when the source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the article came from (file name or the source field of imported JSON).
    pub source: String,
    /// Body text; every offset in the graph refers into this.
    pub text: String,
}

impl Article {
    /// The title, or for an untitled piece the opening of its text, for lists and headings.
    pub fn display_title(&self) -> String {
        if !self.title.is_empty() {
            return self.title.clone();
        }
        let first = self.text.lines().next().unwrap_or("");
        let excerpt: String = first.chars().take(20).collect();
        if first.chars().count() > 20 {
            format!("{excerpt}…")
        } else {
            excerpt
        }
    }
}

/// One real-world entity with every mention of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Dense id in [`Extraction::entities`].
    pub id: EntityId,
    /// Its kind.
    pub kind: EntityKind,
    /// The canonical (usually longest, most formal) name.
    pub label: String,
    /// Every other surface form it was mentioned by.
    pub aliases: Vec<String>,
    /// Every mention, sorted by article then offset.
    pub mentions: Vec<Span>,
}

/// A typed relation between two entities, with the text that supports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    /// The subject (the smaller unit for `within`/`part_of`, the person for `role`).
    pub source: EntityId,
    /// The object.
    pub target: EntityId,
    /// What kind of relation.
    pub kind: RelationKind,
    /// Kind-specific label: the title for `role`, `gazetteer` for inferred `within`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// How many times the text states it (sentences for `co_occurs`).
    pub weight: u32,
    /// Spans that support it (empty only for gazetteer knowledge).
    pub evidence: Vec<Span>,
}

impl Relation {
    /// A relation of weight 1 with no label and no evidence: tests' graphs.
    #[cfg(test)]
    pub(crate) fn plain(source: u32, target: u32, kind: RelationKind) -> Relation {
        Relation {
            source: EntityId(source),
            target: EntityId(target),
            kind,
            label: None,
            weight: 1,
            evidence: vec![],
        }
    }

    /// Whether the relation is an edge between two entities: drawn, laid out, counted and
    /// exported as one (a relation of an entity with itself, which only a hand-made graph
    /// has, is not).
    pub fn is_edge(&self) -> bool {
        self.source != self.target
    }
}

/// A person credited with an article: its byline or author line names them. Authorship links
/// a person to an article, not to another entity, so it is no [`Relation`] (and no edge).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// The person.
    pub person: EntityId,
    /// The article they wrote or edited.
    pub article: ArticleId,
    /// What they did for it.
    #[serde(default, skip_serializing_if = "CreditRole::is_wrote")]
    pub role: CreditRole,
    /// Where the article's text names them (their first mention there), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
}

/// What a credited person did for an article.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CreditRole {
    /// Wrote it, reported it or took its pictures (a byline, `文/图`, `供稿`, `摄`).
    #[default]
    Wrote,
    /// Edited or reviewed it (`编辑：`, `责任编辑`, `审核`).
    Edited,
}

impl CreditRole {
    /// Whether this is [`CreditRole::Wrote`] (the role a credit has unless it says otherwise).
    pub fn is_wrote(&self) -> bool {
        *self == CreditRole::Wrote
    }

    /// The verb for a detail panel (`wrote`, `edited`).
    pub fn verb(self) -> &'static str {
        match self {
            CreditRole::Wrote => "wrote",
            CreditRole::Edited => "edited",
        }
    }
}

/// Everything extracted from a corpus: the `guanxi extract` JSON document. Documents written
/// before credits were their own (authorship as an `authored` relation of a person with
/// itself, the article in its `article` field) are read too: see `model::file`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "file::ExtractionFile")]
pub struct Extraction {
    /// Articles, indexed by [`ArticleId`].
    pub articles: Vec<Article>,
    /// Entities, indexed by [`EntityId`].
    pub entities: Vec<Entity>,
    /// Relations, typed ones first.
    pub relations: Vec<Relation>,
    /// Who wrote which article, by person then article.
    pub credits: Vec<Credit>,
}

/// A relation of a graph naming an entity the graph does not have (a graph JSON written by
/// hand or by another tool), found by [`Extraction::check_relations`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "relation {index} ({kind} {from} -> {to}) names entity {missing}, which the graph \
     does not have ({entities} entities)"
)]
pub struct DanglingRelation {
    /// Its position in `relations`.
    pub index: usize,
    /// Its kind, as the JSON writes it.
    pub kind: &'static str,
    /// Its source.
    pub from: EntityId,
    /// Its target.
    pub to: EntityId,
    /// The end that names no entity.
    pub missing: EntityId,
    /// How many entities the graph has.
    pub entities: usize,
}

impl Extraction {
    /// Checks that every relation's ends are entities of the graph: the first that is not is
    /// the error.
    ///
    /// # Example
    /// ```
    /// use guanxi::model::{EntityId, Extraction, Relation, RelationKind};
    /// let mut x = Extraction::default();
    /// x.relations.push(Relation { source: EntityId(0), target: EntityId(1),
    ///     kind: RelationKind::CoOccurs, label: None, weight: 1, evidence: vec![] });
    /// let e = x.check_relations().unwrap_err();
    /// assert_eq!(e.missing, EntityId(0));
    /// ```
    pub fn check_relations(&self) -> Result<(), DanglingRelation> {
        let ids: std::collections::HashSet<EntityId> = self.entities.iter().map(|e| e.id).collect();
        for (index, r) in self.relations.iter().enumerate() {
            if let Some(&missing) = [r.source, r.target].iter().find(|id| !ids.contains(id)) {
                return Err(DanglingRelation {
                    index,
                    kind: r.kind.as_str(),
                    from: r.source,
                    to: r.target,
                    missing,
                    entities: self.entities.len(),
                });
            }
        }
        Ok(())
    }

    /// The entity with this id, if it exists.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    /// The relation with this id, if it exists.
    pub fn relation(&self, id: RelationId) -> Option<&Relation> {
        self.relations.get(id.index())
    }

    /// Every relation with its id.
    pub fn relations_with_ids(&self) -> impl Iterator<Item = (RelationId, &Relation)> {
        self.relations
            .iter()
            .enumerate()
            .map(|(i, r)| (RelationId(i as u32), r))
    }

    /// The relations that are edges ([`Relation::is_edge`]: drawn, laid out, counted and
    /// exported as one), with their ids.
    pub fn edges(&self) -> impl Iterator<Item = (RelationId, &Relation)> {
        self.relations_with_ids().filter(|(_, r)| r.is_edge())
    }

    /// The article with this id, if it exists.
    pub fn article(&self, id: ArticleId) -> Option<&Article> {
        self.articles.get(id.index())
    }

    /// The text a span covers, if the span is valid.
    pub fn span_text(&self, span: Span) -> Option<String> {
        let article = self.article(span.article)?;
        if span.start > span.end {
            return None;
        }
        let text: String = article
            .text
            .chars()
            .skip(span.start as usize)
            .take((span.end - span.start) as usize)
            .collect();
        (text.chars().count() == (span.end - span.start) as usize).then_some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_json() {
        let json = serde_json::to_string(&(EntityId(12), ArticleId(3))).unwrap();
        assert_eq!(json, r#"["e12","a3"]"#);
        let back: (EntityId, ArticleId) = serde_json::from_str(&json).unwrap();
        assert_eq!(back, (EntityId(12), ArticleId(3)));
        assert!(serde_json::from_str::<EntityId>(r#""a3""#).is_err());
        assert_eq!(EntityId::parse("e"), None);
    }

    #[test]
    fn kinds_round_trip() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            serde_json::to_string(&RelationKind::PartOf).unwrap(),
            r#""part_of""#
        );
    }
}
