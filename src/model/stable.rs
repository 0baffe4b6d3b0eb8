//! Stable ids: an entity named by what it is, not by where it sits in the list.
//!
//! [`EntityId`]s are positions (`e33`): the same corpus extracted by another version, a corpus
//! with one more article, or a filtered export puts another entity at `e33`. A stable id is
//! derived from the entity itself, its kind and canonical name (`place:怀柔区`), so it is the
//! same across reloads, imports and exports, in every corpus that has the entity. When two
//! entities of one kind share a name, the second (in id order) is `place:甲市~2`, the third
//! `~3`. A relation is named by its kind and both ends (`within:place:怀柔区/place:北京市`;
//! same-sentence links, which have no direction, with their ends in id-text order), with `/2`,
//! `/3` for a second or third relation of that kind between the same two.
//!
//! In the canonical form ([`StableIds::entity`]) a name keeps its Chinese (and other non-ASCII)
//! characters as they are; ASCII other than letters, digits and `-_.`, and any space or control
//! character, is `%XX`-escaped, so `:`, `~`, `/`, `,`, `&`, `#` and `=` never come from a name.
//! [`url_form`] escapes the rest for a URL (`place:%E6%80%80%E6%9F%94%E5%8C%BA`); every lookup
//! accepts either form, or a name typed unescaped.

use super::{EntityId, EntityKind, Extraction, RelationId, RelationKind};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The stable ids of one extraction's entities and relations, and the way back.
///
/// Complexity: built in O((E + R) log) time; lookups are hash-map reads after normalising the
/// text asked for.
///
/// # Example
/// ```
/// use guanxi::model::{stable::StableIds, Entity, EntityId, EntityKind, Extraction};
/// let e = |i: u32, label: &str| Entity { id: EntityId(i), kind: EntityKind::Place,
///     label: label.into(), aliases: vec![], mentions: vec![] };
/// let x = Extraction { entities: vec![e(0, "甲市"), e(1, "乙县"), e(2, "甲市")], ..Default::default() };
/// let ids = StableIds::of(&x);
/// assert_eq!(ids.entity(EntityId(1)), Some("place:乙县"));
/// assert_eq!(ids.entity(EntityId(2)), Some("place:甲市~2"));
/// assert_eq!(ids.entity_of("place:%E4%B9%99%E5%8E%BF"), Some(EntityId(1)));
/// ```
#[derive(Clone, Debug, Default)]
pub struct StableIds {
    entities: Vec<String>,
    /// Each relation's kind and ends, its id made from them when first asked for.
    ends: Vec<(RelationKind, EntityId, EntityId)>,
    relations: std::cell::OnceCell<Vec<String>>,
    entity_of: std::cell::OnceCell<HashMap<String, EntityId>>,
    relation_of: std::cell::OnceCell<HashMap<String, RelationId>>,
}

impl PartialEq for StableIds {
    fn eq(&self, other: &StableIds) -> bool {
        self.entities == other.entities && self.ends == other.ends
    }
}

impl Eq for StableIds {}

impl StableIds {
    /// The ids of every entity and relation of `x`. The entities' are made now; the
    /// relations' and the ways back when first asked for (a large corpus shows without them).
    pub fn of(x: &Extraction) -> StableIds {
        let mut seen: HashMap<(EntityKind, &str), u32> = HashMap::new();
        let mut entities = Vec::with_capacity(x.entities.len());
        for e in &x.entities {
            let n = seen.entry((e.kind, e.label.as_str())).or_insert(0);
            *n += 1;
            entities.push(entity_text(e.kind, &e.label, *n));
        }
        let ends = x
            .relations
            .iter()
            .map(|r| (r.kind, r.source, r.target))
            .collect();
        StableIds {
            entities,
            ends,
            ..StableIds::default()
        }
    }

    fn relations(&self) -> &[String] {
        self.relations.get_or_init(|| {
            let mut pairs: HashMap<(RelationKind, &str, &str), u32> = HashMap::new();
            let mut relations = Vec::with_capacity(self.ends.len());
            for &(kind, source, target) in &self.ends {
                let end = |e: EntityId| self.entities.get(e.index()).map_or("", String::as_str);
                let (a, b) = ends_in_order(kind, end(source), end(target));
                let n = pairs.entry((kind, a, b)).or_insert(0);
                *n += 1;
                relations.push(relation_text(kind, a, b, *n));
            }
            relations
        })
    }

    /// An entity's stable id, canonical form.
    pub fn entity(&self, e: EntityId) -> Option<&str> {
        self.entities.get(e.index()).map(String::as_str)
    }

    /// A relation's stable id, canonical form.
    pub fn relation(&self, r: RelationId) -> Option<&str> {
        self.relations().get(r.index()).map(String::as_str)
    }

    /// The entity a stable id names (canonical, URL-escaped or typed unescaped).
    pub fn entity_of(&self, id: &str) -> Option<EntityId> {
        let map = self.entity_of.get_or_init(|| {
            let ids = self.entities.iter().enumerate();
            ids.map(|(i, s)| (s.clone(), EntityId(i as u32))).collect()
        });
        map.get(&normal_entity(id)?).copied()
    }

    /// The relation a stable id names (canonical, URL-escaped or typed unescaped).
    pub fn relation_of(&self, id: &str) -> Option<RelationId> {
        let map = self.relation_of.get_or_init(|| {
            let ids = self.relations().iter().enumerate();
            ids.map(|(i, s)| (s.clone(), RelationId(i as u32)))
                .collect()
        });
        map.get(&normal_relation(id)?).copied()
    }
}

/// One entity's stable id without building the whole table: O(E). See [`StableIds`].
pub fn entity_id(x: &Extraction, e: EntityId) -> Option<String> {
    let ent = x.entity(e)?;
    let nth = x.entities[..e.index()]
        .iter()
        .filter(|o| o.kind == ent.kind && o.label == ent.label)
        .count();
    Some(entity_text(ent.kind, &ent.label, nth as u32 + 1))
}

/// The entity a stable id names, without building the whole table: O(E). See [`StableIds`].
pub fn entity_by_id(x: &Extraction, id: &str) -> Option<EntityId> {
    let (kind, label, nth) = parse_entity(id)?;
    x.entities
        .iter()
        .filter(|o| o.kind == kind && o.label == label)
        .nth(nth as usize - 1)
        .map(|o| o.id)
}

/// The entity an old link names that is no longer under that name: one renamed, merged or
/// given another kind by hand keeps its former name as an alias, so `place:乙县` finds 乙区
/// after 乙县 was renamed 乙区. Only where exactly one entity of the id's kind has that name
/// (or, the kind having changed, exactly one of any kind); `None` for a `~2` id. O(E + aliases).
pub fn entity_by_former_id(x: &Extraction, id: &str) -> Option<EntityId> {
    let (kind, label, nth) = parse_entity(id)?;
    if nth != 1 {
        return None;
    }
    // How many entities have that name, and of the id's kind; the last of each.
    let (mut same, mut any) = ((0, None), (0, None));
    for o in &x.entities {
        if o.label == label || o.aliases.contains(&label) {
            any = (any.0 + 1, Some(o.id));
            if o.kind == kind {
                same = (same.0 + 1, Some(o.id));
            }
        }
    }
    match (same, any) {
        ((1, e), _) | ((0, _), (1, e)) => e,
        _ => None,
    }
}

/// The kind and name a stable id gives (any form; `~2` and escapes read), if it is one.
pub fn entity_parts(id: &str) -> Option<(EntityKind, String)> {
    parse_entity(id).map(|(kind, label, _)| (kind, label))
}

/// One relation's stable id without building the whole table: O(E + R). See [`StableIds`].
pub fn relation_id(x: &Extraction, r: RelationId) -> Option<String> {
    let rel = x.relation(r)?;
    let (a, b) = (entity_id(x, rel.source)?, entity_id(x, rel.target)?);
    let (a, b) = ends_in_order(rel.kind, &a, &b);
    let same_ends = |o: &super::Relation| {
        o.kind == rel.kind
            && ((o.source, o.target) == (rel.source, rel.target)
                || (rel.kind == RelationKind::CoOccurs
                    && (o.target, o.source) == (rel.source, rel.target)))
    };
    let nth = x.relations[..r.index()]
        .iter()
        .filter(|o| same_ends(o))
        .count();
    Some(relation_text(rel.kind, a, b, nth as u32 + 1))
}

/// The relation a stable id names, without building the whole table: O(E + R).
pub fn relation_by_id(x: &Extraction, id: &str) -> Option<RelationId> {
    let (kind, a, b, nth) = parse_relation(id)?;
    let (a, b) = (entity_by_id(x, &a)?, entity_by_id(x, &b)?);
    x.relations_with_ids()
        .filter(|(_, o)| {
            o.kind == kind
                && ((o.source, o.target) == (a, b)
                    || (kind == RelationKind::CoOccurs && (o.target, o.source) == (a, b)))
        })
        .nth(nth as usize - 1)
        .map(|(i, _)| i)
}

/// A stable id as a URL writes it: every non-ASCII byte `%XX` (the canonical form's escapes
/// stay as they are). Short enough for a hash part, and read back by every lookup.
pub fn url_form(id: &str) -> String {
    let mut out = String::with_capacity(id.len() * 3);
    for b in id.bytes() {
        if b.is_ascii() {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Decodes `%XX` escapes (browsers escape non-ASCII in hashes); invalid escapes stay as-is.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(b) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A name as the canonical form writes it (see the module docs).
fn escape_name(s: &str, out: &mut String) {
    for c in s.chars() {
        let plain = if c.is_ascii() {
            c.is_ascii_alphanumeric() || "-_.".contains(c)
        } else {
            !(c.is_whitespace() || c.is_control())
        };
        if plain {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

fn entity_text(kind: EntityKind, label: &str, nth: u32) -> String {
    let mut s = String::with_capacity(label.len() + 16);
    s.push_str(kind.as_str());
    s.push(':');
    escape_name(label, &mut s);
    if nth > 1 {
        let _ = write!(s, "~{nth}");
    }
    s
}

fn relation_text(kind: RelationKind, a: &str, b: &str, nth: u32) -> String {
    let mut s = format!("{}:{a}/{b}", kind.as_str());
    if nth > 1 {
        let _ = write!(s, "/{nth}");
    }
    s
}

/// A relation's ends as its id writes them: as they are, or for a same-sentence link (which
/// has no direction) in text order, so the id does not depend on positions.
fn ends_in_order<'a>(kind: RelationKind, a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    if kind == RelationKind::CoOccurs && b < a {
        (b, a)
    } else {
        (a, b)
    }
}

/// A count after a marker: `2`, `3`, … (a first is written without one).
fn nth_of(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse::<u32>().ok())
        .flatten()
        .filter(|&n| n >= 2)
}

/// Kind, name and count of an entity id in any form.
fn parse_entity(id: &str) -> Option<(EntityKind, String, u32)> {
    let (kind, rest) = id.split_once(':')?;
    let kind = EntityKind::parse(kind)?;
    let (label, nth) = match rest.rsplit_once('~') {
        Some((l, n)) if nth_of(n).is_some() => (l, nth_of(n)?),
        _ => (rest, 1),
    };
    Some((kind, percent_decode(label), nth))
}

fn normal_entity(id: &str) -> Option<String> {
    let (kind, label, nth) = parse_entity(id)?;
    Some(entity_text(kind, &label, nth))
}

/// Kind, both ends (canonical, in the id's order) and count of a relation id in any form.
fn parse_relation(id: &str) -> Option<(RelationKind, String, String, u32)> {
    let (kind, rest) = id.split_once(':')?;
    let kind = RelationKind::ALL.into_iter().find(|k| k.as_str() == kind)?;
    let mut parts = rest.split('/');
    let a = normal_entity(parts.next()?)?;
    let b = normal_entity(parts.next()?)?;
    let nth = match parts.next() {
        Some(n) => nth_of(n)?,
        None => 1,
    };
    if parts.next().is_some() {
        return None;
    }
    let (a, b) = ends_in_order(kind, &a, &b);
    Some((kind, a.to_owned(), b.to_owned(), nth))
}

fn normal_relation(id: &str) -> Option<String> {
    let (kind, a, b, nth) = parse_relation(id)?;
    Some(relation_text(kind, &a, &b, nth))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fixture, Relation};

    fn graph(labels: &[(EntityKind, &str)]) -> Extraction {
        let entities = (0..).zip(labels);
        let entities = entities.map(|(i, &(kind, label))| fixture::entity(i, kind, label));
        let rel = |a: u32, b: u32, kind: RelationKind, label: Option<&str>| Relation {
            label: label.map(Into::into),
            ..Relation::plain(a, b, kind)
        };
        fixture::graph(
            entities.collect(),
            vec![
                rel(1, 0, RelationKind::Within, None),
                rel(3, 2, RelationKind::Role, Some("局长")),
                rel(3, 2, RelationKind::Role, Some("书记")),
                rel(0, 3, RelationKind::CoOccurs, None),
            ],
        )
    }

    fn sample() -> Extraction {
        use EntityKind::*;
        graph(&[
            (Place, "甲市"),
            (Place, "乙县"),
            (Organisation, "丙局"),
            (Person, "王明"),
            (Place, "甲市"),
            (Organisation, "A&B~2 /x:y"),
            (Person, "甲市"),
        ])
    }

    #[test]
    fn ids_are_kind_and_name_with_a_count_for_twins() {
        let x = sample();
        let ids = StableIds::of(&x);
        let all: Vec<&str> = (0..x.entities.len())
            .map(|i| ids.entity(EntityId(i as u32)).unwrap_or(""))
            .collect();
        assert_eq!(
            all,
            [
                "place:甲市",
                "place:乙县",
                "organisation:丙局",
                "person:王明",
                "place:甲市~2",
                "organisation:A%26B%7E2%20%2Fx%3Ay",
                "person:甲市",
            ]
        );
        let rels: Vec<&str> = (0..4)
            .map(|i| ids.relation(RelationId(i)).unwrap_or(""))
            .collect();
        assert_eq!(
            rels,
            [
                "within:place:乙县/place:甲市",
                "role:person:王明/organisation:丙局",
                "role:person:王明/organisation:丙局/2",
                "co_occurs:person:王明/place:甲市",
            ]
        );
        // The one-at-a-time functions agree with the table, both ways, in every form.
        for (i, id) in all.iter().enumerate() {
            let e = EntityId(i as u32);
            assert_eq!(entity_id(&x, e).as_deref(), Some(*id));
            assert_eq!(ids.entity_of(id), Some(e));
            assert_eq!(ids.entity_of(&url_form(id)), Some(e));
            assert_eq!(entity_by_id(&x, id), Some(e));
            assert_eq!(entity_by_id(&x, &url_form(id)), Some(e));
        }
        for (i, id) in rels.iter().enumerate() {
            let r = RelationId(i as u32);
            assert_eq!(relation_id(&x, r).as_deref(), Some(*id));
            assert_eq!(ids.relation_of(id), Some(r));
            assert_eq!(ids.relation_of(&url_form(id)), Some(r));
            assert_eq!(relation_by_id(&x, &url_form(id)), Some(r));
        }
        // URL-safe: nothing a hash part, a list or a path could split on.
        for id in all.iter().chain(&rels) {
            let u = url_form(id);
            assert!(u
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:~/%".contains(&b)));
        }
    }

    #[test]
    fn ids_do_not_depend_on_positions() {
        let x = sample();
        let ids = StableIds::of(&x);
        // The same graph in another order: entity 0 ↔ 3, relations reversed.
        let mut y = sample();
        y.entities.swap(0, 3);
        for (i, e) in y.entities.iter_mut().enumerate() {
            e.id = EntityId(i as u32);
        }
        let swap = |e: EntityId| match e.0 {
            0 => EntityId(3),
            3 => EntityId(0),
            _ => e,
        };
        for r in &mut y.relations {
            (r.source, r.target) = (swap(r.source), swap(r.target));
        }
        // A same-sentence link written the other way round is the same link.
        let co = &mut y.relations[3];
        (co.source, co.target) = (co.target, co.source);
        let moved = StableIds::of(&y);
        for e in &x.entities {
            let id = ids.entity(e.id).unwrap_or("");
            assert_eq!(moved.entity_of(id), Some(swap(e.id)), "{id}");
        }
        for i in 0..4 {
            let id = ids.relation(RelationId(i)).unwrap_or("");
            assert_eq!(moved.relation_of(id), Some(RelationId(i)), "{id}");
            assert_eq!(relation_by_id(&y, id), Some(RelationId(i)), "{id}");
        }
        // Deterministic: built twice, the same.
        assert_eq!(StableIds::of(&x), ids);
    }

    #[test]
    fn unknown_and_malformed_ids_name_nothing() {
        let x = sample();
        let ids = StableIds::of(&x);
        for bad in [
            "",
            "place:",
            "robot:甲市",
            "place:甲市~3",
            "place:丁市",
            "e0",
            "r1",
            "within:place:乙县",
            "within:place:乙县/place:甲市/1",
            "within:place:甲市/place:乙县",
            "within:place:乙县/place:甲市/2",
            "role:person:王明/organisation:丙局/3",
            "co_occurs:person:王明/place:甲市/x",
        ] {
            assert_eq!(ids.entity_of(bad), None, "{bad}");
            assert_eq!(ids.relation_of(bad), None, "{bad}");
            assert_eq!(entity_by_id(&x, bad), None, "{bad}");
            assert_eq!(relation_by_id(&x, bad), None, "{bad}");
        }
        // Typed unescaped, a `~` that is part of a name is the name.
        let mut y = sample();
        y.entities[1].label = "乙~县".into();
        let yids = StableIds::of(&y);
        assert_eq!(yids.entity(EntityId(1)), Some("place:乙%7E县"));
        assert_eq!(yids.entity_of("place:乙~县"), Some(EntityId(1)));
        assert_eq!(percent_decode("%E4%B8%AD%"), "中%");
        assert_eq!(percent_decode("%4"), "%4");
    }

    #[test]
    fn a_former_name_finds_the_one_entity_that_keeps_it_as_an_alias() {
        use EntityKind::*;
        let mut x = graph(&[(Place, "乙区"), (Organisation, "丙局"), (Person, "王明")]);
        x.entities[0].aliases = vec!["乙县".into()];
        // 丙局 became a programme by hand: its old id names it by its name alone.
        x.entities[1].kind = Programme;
        let former = |x: &Extraction, id: &str| entity_by_former_id(x, id);
        assert_eq!(former(&x, "place:%E4%B9%99%E5%8E%BF"), Some(EntityId(0)));
        assert_eq!(former(&x, "organisation:丙局"), Some(EntityId(1)));
        assert_eq!(former(&x, "place:乙县~2"), None);
        assert_eq!(former(&x, "place:丁县"), None);
        // Two entities keep the name: it names neither.
        x.entities[2].aliases = vec!["乙县".into()];
        x.entities[2].kind = Place;
        assert_eq!(former(&x, "place:乙县"), None);
    }
}
