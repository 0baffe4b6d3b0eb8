//! What the user has chosen to see: filters, focus, selection — and its URL-hash form, so a
//! reload or a bookmark restores the view (it works under `file://` too).

use crate::model::stable::{self, percent_decode};
use crate::model::{ArticleId, EntityId, EntityKind, Extraction, RelationId, RelationKind};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Filters on the graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Shown kinds, indexed by [`EntityKind::index`].
    pub kinds: [bool; 4],
    /// Shown articles; `None` means all.
    pub articles: Option<BTreeSet<ArticleId>>,
    /// Hide entities with fewer mentions (in the shown articles).
    pub min_mentions: u32,
    /// Hide edges lighter than this.
    pub min_weight: u32,
    /// Kinds of relation whose edges are hidden (the relation legend's check boxes; the
    /// "same-sentence links" box is [`RelationKind::CoOccurs`]).
    pub hidden_relations: BTreeSet<RelationKind>,
    /// Communities hidden from the legend (by number, see `graph::analysis::Measures`).
    pub hidden_communities: BTreeSet<u32>,
    /// The timeline: only what articles dated on or before this day (`YYYY-MM-DD`, or a
    /// shorter `YYYY-MM` / `YYYY`) say; articles without a date always count. `None`: every
    /// date (see `app::timeline`).
    pub until: Option<String>,
}

impl Filters {
    /// Whether edges of this kind are drawn.
    pub fn shows_relation(&self, kind: RelationKind) -> bool {
        !self.hidden_relations.contains(&kind)
    }

    /// Shows or hides the edges of one kind.
    pub fn show_relation(&mut self, kind: RelationKind, on: bool) {
        if on {
            self.hidden_relations.remove(&kind);
        } else {
            self.hidden_relations.insert(kind);
        }
    }
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            kinds: [true; 4],
            articles: None,
            min_mentions: 1,
            min_weight: 1,
            hidden_relations: BTreeSet::new(),
            hidden_communities: BTreeSet::new(),
            until: None,
        }
    }
}

/// What gives a node its colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColourBy {
    /// Its kind.
    #[default]
    Kind,
    /// Its community.
    Community,
}

/// What gives a node its size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SizeBy {
    /// Mentions in the shown articles.
    #[default]
    Mentions,
    /// Importance (PageRank).
    Importance,
    /// Degree (distinct neighbours).
    Degree,
}

impl ColourBy {
    /// The `colour-by` menu's value.
    pub fn as_str(self) -> &'static str {
        match self {
            ColourBy::Kind => "kind",
            ColourBy::Community => "community",
        }
    }
    /// Parses a menu value.
    pub fn parse(s: &str) -> Option<ColourBy> {
        [ColourBy::Kind, ColourBy::Community]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

impl SizeBy {
    /// The `size-by` menu's value.
    pub fn as_str(self) -> &'static str {
        match self {
            SizeBy::Mentions => "mentions",
            SizeBy::Importance => "importance",
            SizeBy::Degree => "degree",
        }
    }
    /// Parses a menu value.
    pub fn parse(s: &str) -> Option<SizeBy> {
        [SizeBy::Mentions, SizeBy::Importance, SizeBy::Degree]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

/// What is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// An entity.
    Entity(EntityId),
    /// A relation.
    Relation(RelationId),
    /// An article open in the reader.
    Article(ArticleId),
}

/// Focus mode: only one entity's neighbourhood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    /// The centre.
    pub entity: EntityId,
    /// 1 or 2 hops.
    pub depth: Depth,
}

/// Neighbourhood depth in focus mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Direct neighbours.
    One,
    /// Neighbours of neighbours.
    Two,
}

impl Depth {
    /// Hops.
    pub fn hops(self) -> u32 {
        match self {
            Depth::One => 1,
            Depth::Two => 2,
        }
    }
}

/// The whole user-chosen view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    /// Filters.
    pub filters: Filters,
    /// Selection.
    pub selection: Option<Selection>,
    /// Focus mode.
    pub focus: Option<Focus>,
    /// Presentation (projector) mode.
    pub presentation: bool,
    /// The path asked for: from, to.
    pub path: Option<(EntityId, EntityId)>,
    /// Node colours.
    pub colour: ColourBy,
    /// Node sizes.
    pub size: SizeBy,
    /// Every entity in full on a large graph (no level of detail, see `app::lod`).
    pub show_all: bool,
}

/// A hash that could not be fully understood; the view falls back to defaults for those parts.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "the link's view settings could not be read ({problems}); showing the default view for those"
)]
pub struct HashError {
    /// What was wrong, for the status line.
    pub problems: String,
}

impl ViewState {
    /// Encodes the view as a URL hash (without `#`): only what differs from the default.
    /// Entities are named by their [`entity_key`], so a link opens on the same entity in
    /// another corpus (or after the corpus changed).
    pub fn to_hash(&self, x: &Extraction) -> String {
        let mut parts: Vec<String> = Vec::new();
        let key = |e: EntityId| entity_key(x, e).unwrap_or_else(|| e.to_string());
        match self.selection {
            Some(Selection::Entity(e)) => parts.push(format!("sel={}", key(e))),
            Some(Selection::Relation(r)) => parts.push(format!(
                "sel={}",
                relation_key(x, r).unwrap_or_else(|| r.to_string())
            )),
            Some(Selection::Article(a)) => parts.push(format!("sel={a}")),
            None => {}
        }
        let f = &self.filters;
        if f.kinds != [true; 4] {
            let kinds: Vec<&str> = EntityKind::ALL
                .iter()
                .filter(|k| f.kinds[k.index()])
                .map(|k| k.as_str())
                .collect();
            parts.push(format!(
                "kinds={}",
                if kinds.is_empty() {
                    "none".to_owned()
                } else {
                    kinds.join(",")
                }
            ));
        }
        if let Some(a) = &f.articles {
            let mut s = String::new();
            for (i, id) in a.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                let _ = write!(s, "{id}");
            }
            parts.push(format!(
                "articles={}",
                if s.is_empty() { "none" } else { &s }
            ));
        }
        if f.min_mentions > 1 {
            parts.push(format!("min={}", f.min_mentions));
        }
        if f.min_weight > 1 {
            parts.push(format!("minw={}", f.min_weight));
        }
        // Co-occurrence hidden keeps its older form (`typed=1`: stated relations only).
        if !f.shows_relation(RelationKind::CoOccurs) {
            parts.push("typed=1".to_owned());
        }
        let hidden: Vec<&str> = f
            .hidden_relations
            .iter()
            .filter(|k| k.is_stated())
            .map(|k| k.as_str())
            .collect();
        if !hidden.is_empty() {
            parts.push(format!("hiderel={}", hidden.join(",")));
        }
        if let Some(focus) = self.focus {
            parts.push(format!(
                "focus={}:{}",
                key(focus.entity),
                focus.depth.hops()
            ));
        }
        if self.presentation {
            parts.push("present=1".to_owned());
        }
        if let Some((a, b)) = self.path {
            parts.push(format!("path={},{}", key(a), key(b)));
        }
        if self.colour != ColourBy::Kind {
            parts.push(format!("colour={}", self.colour.as_str()));
        }
        if self.size != SizeBy::Mentions {
            parts.push(format!("size={}", self.size.as_str()));
        }
        if !f.hidden_communities.is_empty() {
            let list: Vec<String> = f.hidden_communities.iter().map(u32::to_string).collect();
            parts.push(format!("hidec={}", list.join(",")));
        }
        if let Some(d) = &f.until {
            parts.push(format!("date={d}"));
        }
        if self.show_all {
            parts.push("all=1".to_owned());
        }
        parts.join("&")
    }

    /// Parses a hash (with or without `#`), checking ids against `x`. Unknown or malformed
    /// parts are skipped and reported; the rest of the view is kept.
    pub fn from_hash(hash: &str, x: &Extraction) -> (ViewState, Result<(), HashError>) {
        let mut v = ViewState::default();
        let problems: Vec<String> = hash
            .trim_start_matches('#')
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|part| !v.read_part(part, x))
            .map(|part| format!("{:?}", truncate(part, 40)))
            .collect();
        let result = if problems.is_empty() {
            Ok(())
        } else {
            Err(HashError {
                problems: problems.join(", "),
            })
        };
        (v, result)
    }

    /// Reads one `key=value` part of a hash into the view; false when it could not be read.
    fn read_part(&mut self, part: &str, x: &Extraction) -> bool {
        let (key, raw) = part.split_once('=').unwrap_or((part, ""));
        let value = percent_decode(raw);
        match key {
            "sel" => {
                self.selection = selection_in(x, raw);
                self.selection.is_some()
            }
            "kinds" => kinds_in(&value).map(|k| self.filters.kinds = k).is_some(),
            "articles" => {
                let ids: Option<BTreeSet<ArticleId>> = value
                    .split(',')
                    .filter(|a| !a.is_empty() && *a != "none")
                    .map(|a| ArticleId::parse(a).filter(|a| a.index() < x.articles.len()))
                    .collect();
                self.filters.articles = ids.clone();
                ids.is_some()
            }
            "min" => parse_into(&value, &mut self.filters.min_mentions),
            "minw" => parse_into(&value, &mut self.filters.min_weight),
            "typed" => {
                self.filters
                    .show_relation(RelationKind::CoOccurs, value != "1");
                true
            }
            "hiderel" => {
                let kinds: Option<Vec<RelationKind>> = value
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(RelationKind::parse)
                    .collect();
                for &k in kinds.iter().flatten() {
                    self.filters.show_relation(k, false);
                }
                kinds.is_some()
            }
            "focus" => {
                self.focus = focus_in(x, raw);
                self.focus.is_some()
            }
            "present" => {
                self.presentation = value == "1";
                true
            }
            "all" => {
                self.show_all = value == "1";
                true
            }
            "path" => {
                self.path = raw
                    .split_once(',')
                    .and_then(|(a, b)| Some((entity_in(x, a)?, entity_in(x, b)?)));
                self.path.is_some()
            }
            "colour" => ColourBy::parse(&value).map(|c| self.colour = c).is_some(),
            "size" => SizeBy::parse(&value).map(|c| self.size = c).is_some(),
            "hidec" => {
                let set: Option<BTreeSet<u32>> = value
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(|c| c.parse::<u32>().ok())
                    .collect();
                self.filters.hidden_communities = set.clone().unwrap_or_default();
                set.is_some()
            }
            "date" => {
                let day = date_key(&value).map(str::to_owned);
                self.filters.until = day.clone();
                day.is_some_and(|d| d == value)
            }
            _ => false,
        }
    }
}

/// An entity of a link by its key, or (links written before keys) by its position.
fn entity_in(x: &Extraction, raw: &str) -> Option<EntityId> {
    entity_by_key(x, raw)
        .or_else(|| EntityId::parse(&percent_decode(raw)).filter(|e| e.index() < x.entities.len()))
}

/// A link's selection: an entity, an article, or a relation (by stable id, or by position).
fn selection_in(x: &Extraction, raw: &str) -> Option<Selection> {
    let value = percent_decode(raw);
    if let Some(e) = entity_in(x, raw) {
        Some(Selection::Entity(e))
    } else if let Some(a) = ArticleId::parse(&value).filter(|a| a.index() < x.articles.len()) {
        Some(Selection::Article(a))
    } else {
        stable::relation_by_id(x, raw)
            .or_else(|| RelationId::parse(&value).filter(|&r| x.relation(r).is_some()))
            .map(Selection::Relation)
    }
}

/// The entity kinds a link shows (`person,place`, or `none`); `None` if one is unknown.
fn kinds_in(value: &str) -> Option<[bool; 4]> {
    let mut kinds = [false; 4];
    for k in value.split(',').filter(|k| !k.is_empty() && *k != "none") {
        kinds[EntityKind::parse(k)?.index()] = true;
    }
    Some(kinds)
}

/// A link's focus: an entity and a depth of 1 or 2 (`place:…:2`).
fn focus_in(x: &Extraction, raw: &str) -> Option<Focus> {
    let (e, d) = raw.rsplit_once(':')?;
    let depth = match d {
        "1" => Depth::One,
        "2" => Depth::Two,
        _ => return None,
    };
    Some(Focus {
        entity: entity_in(x, e)?,
        depth,
    })
}

/// An entity's key in links: its stable id ([`crate::model::stable`]: kind and name) in URL
/// form (`place:%E6%80%80...`), the same in every corpus that has the entity. Entities of the
/// same kind and label after the first get `~2`, `~3`, … in the order of their ids.
pub fn entity_key(x: &Extraction, e: EntityId) -> Option<String> {
    stable::entity_id(x, e).map(|id| stable::url_form(&id))
}

/// The entity a key names (as written by [`entity_key`], escaped or not), or the one it named
/// before a correction by hand renamed, merged or re-kinded it (a link prepared before the
/// correction still opens on it, see [`stable::entity_by_former_id`]); `None` when no entity
/// has that name.
pub fn entity_by_key(x: &Extraction, key: &str) -> Option<EntityId> {
    stable::entity_by_id(x, key).or_else(|| stable::entity_by_former_id(x, key))
}

/// A relation's key in links: its stable id in URL form (its kind and both ends' keys,
/// `within:place:%E4...%2Fplace:...`).
pub fn relation_key(x: &Extraction, r: RelationId) -> Option<String> {
    stable::relation_id(x, r).map(|id| stable::url_form(&id))
}

/// Whether a hash names an entity or a relation by its position (`sel=e33`, `focus=e33:1`,
/// `sel=r5`), as links and saved work did before stable ids: such a link may point at another
/// entity than meant.
pub fn names_by_position(hash: &str) -> bool {
    let position = |v: &str| {
        let v = percent_decode(v);
        EntityId::parse(&v).is_some() || RelationId::parse(&v).is_some()
    };
    let entity = |v: &str| EntityId::parse(&percent_decode(v)).is_some();
    hash.trim_start_matches('#')
        .split('&')
        .any(|part| match part.split_once('=') {
            Some(("sel", v)) => position(v),
            Some(("focus", v)) => v.rsplit_once(':').is_some_and(|(e, _)| entity(e)),
            Some(("path", v)) => v.split(',').any(entity),
            _ => false,
        })
}

fn parse_into(value: &str, out: &mut u32) -> bool {
    match value.parse::<u32>() {
        Ok(n) if (1..=1_000_000).contains(&n) => {
            *out = n;
            true
        }
        _ => false,
    }
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The address to write for a view's `hash` (without `#`), given the page's current hash and
/// address: the hash, or the address without any hash when the view has none; `None` when the
/// URL already says it (rewriting it is a navigation for the browser, tens of ms at start-up).
pub fn url_for_hash(hash: &str, current_hash: &str, href: &str) -> Option<String> {
    if current_hash.trim_start_matches('#') == hash {
        None
    } else if hash.is_empty() {
        // Keep the path, drop the hash.
        Some(href.split('#').next().unwrap_or_default().to_owned())
    } else {
        Some(format!("#{hash}"))
    }
}

/// The day (`YYYY-MM-DD`), or month or year when that is all that reads, of an ISO 8601 date
/// (`2017-08-14T09:30:00+08:00` → `2017-08-14`); `None` when it does not start like one.
/// These compare in time order as text.
pub fn date_key(date: &str) -> Option<&str> {
    let d = date.trim();
    let b = d.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let dash = |i: usize| b.get(i) == Some(&b'-');
    let ends = |i: usize| b.get(i).is_none_or(|c| !c.is_ascii_digit());
    if !digits(0..4) || !ends(4) {
        return None;
    }
    if dash(4) && digits(5..7) && ends(7) {
        if dash(7) && digits(8..10) && ends(10) {
            return d.get(..10);
        }
        return d.get(..7);
    }
    d.get(..4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_for_hash_writes_only_a_change() {
        assert_eq!(
            url_for_hash("sel=e1", "#sel=e1", "file:///a.html#sel=e1"),
            None
        );
        assert_eq!(url_for_hash("", "", "file:///a.html"), None);
        assert_eq!(
            url_for_hash("sel=e2", "#sel=e1", "file:///a.html#sel=e1").as_deref(),
            Some("#sel=e2")
        );
        assert_eq!(
            url_for_hash("", "#sel=e1", "file:///a.html#sel=e1").as_deref(),
            Some("file:///a.html")
        );
    }
    use crate::text::corpus::Draft;

    fn corpus() -> Extraction {
        let d = |t: &str| Draft {
            title: "t".into(),
            authors: vec![],
            editors: Vec::new(),
            date: None,
            source: "s".into(),
            text: t.into(),
        };
        crate::text::extract(
            vec![d("河南省洛阳市栾川县举办活动。"), d("湖北省宜昌市夷陵区。")],
            &crate::text::knowledge::testing::rules(),
        )
    }

    #[test]
    fn round_trip() {
        let x = corpus();
        let v = ViewState {
            filters: Filters {
                kinds: [true, false, true, false],
                articles: Some([ArticleId(1)].into()),
                min_mentions: 2,
                min_weight: 3,
                hidden_relations: [RelationKind::CoOccurs, RelationKind::PartOf].into(),
                hidden_communities: [1, 4].into(),
                until: Some("2024-03-01".into()),
            },
            selection: Some(Selection::Entity(EntityId(1))),
            focus: Some(Focus {
                entity: EntityId(1),
                depth: Depth::Two,
            }),
            presentation: true,
            path: Some((EntityId(0), EntityId(2))),
            colour: ColourBy::Community,
            size: SizeBy::Importance,
            show_all: true,
        };
        let h = v.to_hash(&x);
        let (back, ok) = ViewState::from_hash(&format!("#{h}"), &x);
        assert_eq!(ok, Ok(()));
        assert_eq!(back, v);
        assert_eq!(ViewState::default().to_hash(&x), "");
    }

    #[test]
    fn hidden_relation_kinds_round_trip_and_older_links_still_read() {
        let x = corpus();
        let mut v = ViewState::default();
        v.filters.show_relation(RelationKind::Role, false);
        v.filters.show_relation(RelationKind::Within, false);
        assert_eq!(v.to_hash(&x), "hiderel=within,role");
        v.filters.show_relation(RelationKind::CoOccurs, false);
        assert_eq!(v.to_hash(&x), "typed=1&hiderel=within,role");
        let (back, ok) = ViewState::from_hash("typed=1&hiderel=within,role", &x);
        assert_eq!((back, ok), (v.clone(), Ok(())));
        v.filters.show_relation(RelationKind::Within, true);
        assert!(v.filters.shows_relation(RelationKind::Within));
        assert!(!v.filters.shows_relation(RelationKind::Role));
        // Co-occurrence may also be named in the list; an unknown kind is reported.
        let (back, _) = ViewState::from_hash("hiderel=co_occurs", &x);
        assert!(!back.filters.shows_relation(RelationKind::CoOccurs));
        let (back, err) = ViewState::from_hash("hiderel=within,friendship", &x);
        assert!(back.filters.hidden_relations.is_empty());
        assert!(err.unwrap_err().problems.contains("friendship"));
    }

    #[test]
    fn garbage_and_unknown_ids_fall_back() {
        let x = corpus();
        let (v, err) = ViewState::from_hash("#sel=e9999&kinds=robots&min=-3&%%%&focus=e0:7", &x);
        assert_eq!(v, ViewState::default());
        let msg = err.unwrap_err().to_string();
        assert!(msg.contains("e9999") && msg.contains("robots"), "{msg}");
        let (v, err) = ViewState::from_hash("#sel=e0&zzz", &x);
        assert_eq!(v.selection, Some(Selection::Entity(EntityId(0))));
        assert!(err.is_err());
    }
}
