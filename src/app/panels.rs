//! What the side panels show: an entity's details, source text split into highlighted
//! segments, relation evidence, search results and the entity table. Plain data; the web layer
//! turns it into DOM nodes with text content only (so imported text stays inert) — except the
//! entity table, which can hold thousands of rows and is written here as one string of
//! markup with every text escaped (the exports' [`crate::io::export::xml_escape`], which
//! serves HTML as well).

use super::Explorer;
use crate::model::{ArticleId, EntityId, EntityKind, RelationId, RelationKind, Span};
use std::collections::BTreeMap;

/// A piece of article text, plain or marked as a mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// The mention it belongs to, if any.
    pub mark: Option<Mark>,
}

/// A highlighted mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The entity mentioned.
    pub entity: EntityId,
    /// Its kind (colour).
    pub kind: EntityKind,
    /// Whether this is the entity (or relation end) the panel is about.
    pub primary: bool,
}

/// One article's worth of highlighted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// The article.
    pub article: ArticleId,
    /// Its title.
    pub title: String,
    /// Paragraphs, each a list of segments.
    pub paragraphs: Vec<Vec<Segment>>,
}

/// A neighbour in the detail panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Neighbour {
    /// The other entity.
    pub entity: EntityId,
    /// The relation.
    pub relation: RelationId,
    /// Whether the selected entity is the relation's source.
    pub outgoing: bool,
}

/// The detail panel of an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// Entity.
    pub entity: EntityId,
    /// Neighbours grouped by relation kind and label (`role: 董事长`).
    pub groups: Vec<(RelationKind, Option<String>, Vec<Neighbour>)>,
    /// Articles this person wrote.
    pub authored: Vec<ArticleId>,
    /// Articles this person edited or reviewed.
    pub edited: Vec<ArticleId>,
    /// Number of articles mentioning it.
    pub articles: usize,
}

/// Column to sort the entity table by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Label (code-point order, stable for Chinese).
    Name,
    /// Kind, then mentions.
    Kind,
    /// Mentions in the shown articles, descending.
    Mentions,
    /// Distinct neighbours, descending.
    Degree,
    /// Importance (PageRank), descending.
    Importance,
}

impl SortKey {
    /// A table header's key (`name`, `kind`, `degree`, `importance`; anything else sorts by
    /// mentions).
    pub fn parse(s: &str) -> SortKey {
        match s {
            "name" => SortKey::Name,
            "kind" => SortKey::Kind,
            "degree" => SortKey::Degree,
            "importance" => SortKey::Importance,
            _ => SortKey::Mentions,
        }
    }

    /// Whether the column sorts largest first unless reversed.
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            SortKey::Mentions | SortKey::Degree | SortKey::Importance
        )
    }
}

impl Explorer {
    /// The detail of an entity.
    pub fn detail(&self, e: EntityId) -> Option<Detail> {
        let entity = self.x.entity(e)?;
        let mut groups: BTreeMap<(RelationKind, Option<String>), Vec<Neighbour>> = BTreeMap::new();
        for (other, rel) in self.graph.incident(e) {
            let Some(r) = self.x.relation(rel) else {
                continue;
            };
            groups
                .entry((r.kind, r.label.clone()))
                .or_default()
                .push(Neighbour {
                    entity: other,
                    relation: rel,
                    outgoing: r.source == e,
                });
        }
        for list in groups.values_mut() {
            list.sort_by_key(|n| {
                (
                    std::cmp::Reverse(self.x.relation(n.relation).map_or(0, |r| r.weight)),
                    n.entity,
                )
            });
        }
        let authored = self
            .x
            .credits
            .iter()
            .filter(|c| c.person == e && c.role == crate::model::CreditRole::Wrote)
            .map(|c| c.article)
            .collect();
        let edited = (self.x.credits.iter())
            .filter(|c| c.person == e && c.role == crate::model::CreditRole::Edited)
            .map(|c| c.article)
            .collect();
        let mut articles: Vec<ArticleId> = entity.mentions.iter().map(|m| m.article).collect();
        articles.dedup();
        Some(Detail {
            entity: e,
            groups: groups.into_iter().map(|((k, l), v)| (k, l, v)).collect(),
            authored,
            edited,
            articles: articles.len(),
        })
    }

    /// Every article mentioning `e`, with all mentions of `e` marked as primary and other
    /// entities' mentions marked too (so they can be clicked).
    pub fn sources_for_entity(&self, e: EntityId) -> Vec<Passage> {
        let Some(entity) = self.x.entity(e) else {
            return Vec::new();
        };
        let mut arts: Vec<ArticleId> = entity.mentions.iter().map(|m| m.article).collect();
        arts.dedup();
        arts.into_iter()
            .filter_map(|a| self.passage(a, &[e]))
            .collect()
    }

    /// The sentences supporting a relation, with both ends marked as primary.
    pub fn sources_for_relation(&self, r: RelationId) -> Vec<Passage> {
        let Some(rel) = self.x.relation(r) else {
            return Vec::new();
        };
        let primary = [rel.source, rel.target];
        let mut by_article: BTreeMap<ArticleId, Vec<Span>> = BTreeMap::new();
        for s in &rel.evidence {
            by_article.entry(s.article).or_default().push(*s);
        }
        by_article
            .into_iter()
            .filter_map(|(a, spans)| {
                let art = self.x.article(a)?;
                let chars: Vec<char> = art.text.chars().collect();
                let marks = self.marks_in(a, &primary);
                let paragraphs = spans
                    .iter()
                    .map(|s| {
                        let (start, end) =
                            sentence_around(&chars, s.start as usize, s.end as usize);
                        segments(&chars, start, end, &marks)
                    })
                    .collect();
                Some(Passage {
                    article: a,
                    title: art.display_title(),
                    paragraphs,
                })
            })
            .collect()
    }

    /// A whole article with every entity marked.
    pub fn passage(&self, a: ArticleId, primary: &[EntityId]) -> Option<Passage> {
        let art = self.x.article(a)?;
        let chars: Vec<char> = art.text.chars().collect();
        let marks = self.marks_in(a, primary);
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                paragraphs.push(segments(&chars, start, i, &marks));
                start = i + 1;
            }
        }
        paragraphs.push(segments(&chars, start, chars.len(), &marks));
        Some(Passage {
            article: a,
            title: art.display_title(),
            paragraphs,
        })
    }

    fn marks_in(&self, a: ArticleId, primary: &[EntityId]) -> Vec<(usize, usize, Mark)> {
        let mut marks: Vec<(usize, usize, Mark)> = Vec::new();
        for e in &self.x.entities {
            for m in e.mentions.iter().filter(|m| m.article == a) {
                marks.push((
                    m.start as usize,
                    m.end as usize,
                    Mark {
                        entity: e.id,
                        kind: e.kind,
                        primary: primary.contains(&e.id),
                    },
                ));
            }
        }
        marks
    }

    /// Entities whose label or alias contains `query` (case-insensitive), best first: exact,
    /// then prefix, then substring; ties by importance.
    pub fn search(&self, query: &str) -> Vec<EntityId> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<(u8, std::cmp::Reverse<u32>, EntityId)> = Vec::new();
        for e in &self.x.entities {
            let rank = std::iter::once(&e.label)
                .chain(&e.aliases)
                .filter_map(|name| {
                    let n = name.to_lowercase();
                    if n == q {
                        Some(0)
                    } else if n.starts_with(&q) {
                        Some(1)
                    } else if n.contains(&q) {
                        Some(2)
                    } else {
                        None
                    }
                })
                .min();
            if let Some(rank) = rank {
                hits.push((rank, std::cmp::Reverse(self.importance(e.id)), e.id));
            }
        }
        hits.sort();
        hits.into_iter().map(|(_, _, e)| e).collect()
    }

    /// The visible entities, sorted for the table.
    pub fn rows(&self, key: SortKey, descending: bool) -> Vec<EntityId> {
        let mut rows: Vec<EntityId> = self
            .x
            .entities
            .iter()
            .map(|e| e.id)
            .filter(|&e| self.is_visible(e))
            .collect();
        let ent = |e: EntityId| &self.x.entities[e.index()];
        match key {
            SortKey::Name => rows.sort_by(|a, b| ent(*a).label.cmp(&ent(*b).label).then(a.cmp(b))),
            SortKey::Kind => {
                rows.sort_by_key(|&e| (ent(e).kind, std::cmp::Reverse(self.shown_mentions(e)), e))
            }
            SortKey::Mentions => {
                rows.sort_by_key(|&e| (std::cmp::Reverse(self.shown_mentions(e)), e))
            }
            SortKey::Degree => rows.sort_by_key(|&e| (std::cmp::Reverse(self.degree(e)), e)),
            SortKey::Importance => {
                let m = self.ranking_ready().map_or(&[][..], |r| &r.0[..]);
                let rank = |e: EntityId| m.get(e.index()).copied().unwrap_or(0.0);
                rows.sort_by(|a, b| rank(*b).total_cmp(&rank(*a)).then(a.cmp(b)))
            }
        }
        if descending {
            rows.reverse();
        }
        rows
    }
}

/// The table rows (`<tr>` markup) of `rows`, the `selected` one marked: one string, so the
/// browser builds the whole table in one call instead of a dozen per row. Every text is
/// escaped; ids and kinds are ours.
pub fn table_rows_html(ex: &Explorer, rows: &[EntityId], selected: Option<EntityId>) -> String {
    let mut out = String::with_capacity(rows.len() * 180);
    for &e in rows {
        let Some(ent) = ex.x.entity(e) else {
            continue;
        };
        let kind = ent.kind.as_str();
        let name = super::i18n::kind_name(ent.kind, ex.lang());
        out.push_str(&format!(
            "<tr data-testid=\"entity-row\" data-entity-id=\"{}\" tabindex=\"0\" \
aria-selected=\"{}\"><td style=\"color: var(--{kind})\">{}</td><td>{name}</td><td>{}</td>\
<td>{}</td><td>{:.2}</td></tr>",
            crate::io::export::xml_escape(ex.stable_ids().entity(e).unwrap_or_default()),
            Some(e) == selected,
            crate::io::export::xml_escape(&ent.label),
            ex.shown_mentions(e),
            ex.degree(e),
            ex.relative_importance(e),
        ));
    }
    out
}

/// Expands a span to the sentence(s) around it.
fn sentence_around(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '\n' | '；');
    let end = end.min(chars.len());
    let start = start.min(end);
    let s = (0..start)
        .rev()
        .find(|&i| is_end(chars[i]))
        .map_or(0, |i| i + 1);
    let e = if end > start && end > 0 && is_end(chars[end - 1]) {
        end
    } else {
        (end..chars.len())
            .find(|&i| is_end(chars[i]))
            .map_or(chars.len(), |i| i + 1)
    };
    (s, e)
}

/// Splits `chars[start..end]` into segments. Where mentions nest or overlap, each char takes
/// the primary mark first, then the innermost (shortest) mention.
fn segments(
    chars: &[char],
    start: usize,
    end: usize,
    marks: &[(usize, usize, Mark)],
) -> Vec<Segment> {
    let mut owner: Vec<Option<usize>> = vec![None; end.saturating_sub(start)];
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&k| marks[k].0 < end && marks[k].1 > start)
        .collect();
    // Lowest priority first; later writes win.
    order.sort_by_key(|&k| {
        (
            marks[k].2.primary,
            std::cmp::Reverse(marks[k].1 - marks[k].0),
        )
    });
    for k in order {
        let (s, e, _) = marks[k];
        for i in s.max(start)..e.min(end) {
            owner[i - start] = Some(k);
        }
    }
    let mut out: Vec<Segment> = Vec::new();
    let mut i = start;
    while i < end {
        let o = owner[i - start];
        let mut j = i + 1;
        while j < end && owner[j - start] == o {
            j += 1;
        }
        out.push(Segment {
            text: chars[i..j].iter().collect(),
            mark: o.map(|k| marks[k].2),
        });
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_marks_prefer_primary_then_inner() {
        let chars: Vec<char> = "在隆昌市水利局工作".chars().collect();
        let org = Mark {
            entity: EntityId(0),
            kind: EntityKind::Organisation,
            primary: false,
        };
        let place = Mark {
            entity: EntityId(1),
            kind: EntityKind::Place,
            primary: true,
        };
        let segs = segments(&chars, 0, chars.len(), &[(1, 7, org), (1, 4, place)]);
        let texts: Vec<&str> = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["在", "隆昌市", "水利局", "工作"]);
        assert_eq!(segs[1].mark, Some(place));
        assert_eq!(segs[2].mark, Some(org));
    }

    #[test]
    fn sentence_bounds() {
        let chars: Vec<char> = "甲。乙丙丁。戊".chars().collect();
        assert_eq!(sentence_around(&chars, 3, 4), (2, 6));
        assert_eq!(sentence_around(&chars, 6, 7), (6, 7));
    }
}
