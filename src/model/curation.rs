//! Corrections by hand: what a user changes in an extraction (merge two entities, split an
//! alias off, rename, change the kind, delete a false entity, hide one), kept as a list and
//! applied again, in order, to every new extraction of the same corpus.
//!
//! A correction names its entities by [`super::stable`] id (kind and name), never by position, so it
//! finds them again after a re-extraction, an import or a reload. Each correction names them
//! as they were when it was made, that is after the corrections before it: a rename then a
//! hide of the new name replay in that order. One whose entity is no longer there (the text
//! changed, or an earlier correction was undone) is kept and reported as not applying; undo
//! removes a correction from the list and applies the rest again to the extraction as read.
//!
//! Hiding leaves the extraction as it is: it is a view filter, returned as
//! [`Applied::hidden`].

use super::stable::{entity_by_id, entity_parts};
use super::{EntityId, EntityKind, Extraction, Relation, RelationKind, Span};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One correction, its entities named by stable id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "snake_case")]
pub enum Correction {
    /// `from` and `into` are one entity: `into` keeps its name and kind and takes `from`'s
    /// names, mentions and relations.
    Merge {
        /// The entity that stays.
        into: String,
        /// The entity merged into it.
        from: String,
    },
    /// The mentions that read `alias` are another entity, of the same kind, named `alias`.
    Split {
        /// The entity the alias belongs to.
        entity: String,
        /// The alias.
        alias: String,
    },
    /// The entity's name is `name` (the old name stays an alias: the text reads it).
    Rename {
        /// The entity.
        entity: String,
        /// Its new name.
        name: String,
    },
    /// The entity is of another kind.
    Kind {
        /// The entity.
        entity: String,
        /// Its kind.
        kind: EntityKind,
    },
    /// The entity is no entity (a word taken for a name): it and its relations go.
    Delete {
        /// The entity.
        entity: String,
    },
    /// The entity is not shown (it stays in the extraction).
    Hide {
        /// The entity.
        entity: String,
    },
}

/// The note of an entity hidden by hand.
const HIDDEN: &str = "hidden";

/// The name a stable id gives (`place:北京市` → `北京市`), or the id itself.
fn name(id: &str) -> String {
    entity_parts(id).map_or_else(|| id.to_owned(), |(_, n)| n)
}

/// "a place", "an organisation".
fn a_kind(k: EntityKind) -> String {
    match k {
        EntityKind::Organisation => "an organisation".to_owned(),
        k => format!("a {}", k.as_str()),
    }
}

impl Correction {
    /// What it does, in a line of the list of corrections.
    pub fn describe(&self) -> String {
        match self {
            Correction::Merge { into, from } => {
                format!("Merged {} into {}", name(from), name(into))
            }
            Correction::Split { entity, alias } => format!("Split {alias} off {}", name(entity)),
            Correction::Rename { entity, name: to } => format!("Renamed {} to {to}", name(entity)),
            Correction::Kind { entity, kind } => format!("Made {} {}", name(entity), a_kind(*kind)),
            Correction::Delete { entity } => format!("Deleted {}", name(entity)),
            Correction::Hide { entity } => format!("Hid {}", name(entity)),
        }
    }
}

/// The corrections of one corpus, in the order they were made.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Corrections(pub Vec<Correction>);

impl Corrections {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Applies every correction, in order, to `x` (see the module docs).
    ///
    /// Complexity: O(C · (E + R log R)) for C corrections.
    pub fn apply(&self, x: &Extraction) -> Applied {
        let mut w = Applied {
            x: x.clone(),
            hidden: vec![false; x.entities.len()],
            notes: vec![Vec::new(); x.entities.len()],
            outcomes: Vec::with_capacity(self.0.len()),
            last: None,
        };
        for c in &self.0 {
            let r = w.apply_one(c);
            w.last = r.as_ref().ok().copied().flatten();
            w.outcomes.push(r.err());
        }
        w
    }
}

/// An extraction with corrections applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// The corrected extraction (dense ids, relations sorted as the extractor sorts them).
    pub x: Extraction,
    /// Entities hidden by hand (index = entity id).
    pub hidden: Vec<bool>,
    /// What was corrected by hand, per entity (index = entity id): one line each.
    pub notes: Vec<Vec<String>>,
    /// Per correction: `None` when it applied, else why not.
    pub outcomes: Vec<Option<String>>,
    /// The entity the last correction made or changed (none for a delete or a hide).
    pub last: Option<EntityId>,
}

impl Applied {
    fn find(&self, id: &str) -> Result<EntityId, String> {
        entity_by_id(&self.x, id).ok_or_else(|| format!("{} is not in the graph", name(id)))
    }

    fn note(&mut self, e: EntityId, text: String) {
        if let Some(n) = self.notes.get_mut(e.index()) {
            n.push(text);
        }
    }

    /// Applies one correction: the entity it made or changed, or why it does not apply.
    fn apply_one(&mut self, c: &Correction) -> Result<Option<EntityId>, String> {
        match c {
            Correction::Merge { into, from } => {
                let (a, b) = (self.find(into)?, self.find(from)?);
                if a == b {
                    return Err("an entity cannot be merged with itself".to_owned());
                }
                Ok(Some(self.merge(a, b)))
            }
            Correction::Split { entity, alias } => self.split(self.find(entity)?, alias).map(Some),
            Correction::Rename { entity, name: to } => {
                let e = self.find(entity)?;
                let to = to.trim();
                if to.is_empty() {
                    return Err("a name cannot be empty".to_owned());
                }
                let ent = &mut self.x.entities[e.index()];
                if ent.label == to {
                    return Err(format!("{to} already has that name"));
                }
                let old = std::mem::replace(&mut ent.label, to.to_owned());
                ent.aliases.retain(|a| a != to);
                if !ent.aliases.contains(&old) {
                    ent.aliases.push(old.clone());
                }
                self.note(e, format!("renamed from {old}"));
                Ok(Some(e))
            }
            Correction::Kind { entity, kind } => {
                let e = self.find(entity)?;
                let ent = &mut self.x.entities[e.index()];
                if ent.kind == *kind {
                    return Err(format!("{} is already {}", ent.label, a_kind(*kind)));
                }
                let old = std::mem::replace(&mut ent.kind, *kind);
                self.note(e, format!("kind changed from {}", old.as_str()));
                Ok(Some(e))
            }
            Correction::Delete { entity } => {
                let e = self.find(entity)?;
                self.remove(e);
                Ok(None)
            }
            Correction::Hide { entity } => {
                let e = self.find(entity)?;
                if let Some(h) = self.hidden.get_mut(e.index()) {
                    *h = true;
                }
                self.note(e, HIDDEN.to_owned());
                Ok(None)
            }
        }
    }

    /// Merges `b` into `a`; returns `a`'s id afterwards.
    fn merge(&mut self, a: EntityId, b: EntityId) -> EntityId {
        let gone = self.x.entities[b.index()].clone();
        let ent = &mut self.x.entities[a.index()];
        for alias in std::iter::once(&gone.label).chain(&gone.aliases) {
            if *alias != ent.label && !ent.aliases.contains(alias) {
                ent.aliases.push(alias.clone());
            }
        }
        ent.mentions.extend(gone.mentions);
        ent.mentions.sort();
        ent.mentions.dedup();
        let label = gone.label;
        // What was corrected of `b` is now of `a`, but its being hidden: `a` keeps its own.
        let mut notes = std::mem::take(&mut self.notes[b.index()]);
        notes.retain(|n| n != HIDDEN);
        self.note(a, format!("merged with {label}"));
        if let Some(n) = self.notes.get_mut(a.index()) {
            n.append(&mut notes);
        }
        for r in &mut self.x.relations {
            if r.source == b {
                r.source = a;
            }
            if r.target == b {
                r.target = a;
            }
        }
        self.x.relations.retain(Relation::is_edge);
        merge_duplicates(&mut self.x.relations, a);
        // `b`'s credits are `a`'s; an article both were credited with credits `a` once.
        for c in &mut self.x.credits {
            if c.person == b {
                c.person = a;
            }
        }
        sort_credits(&mut self.x.credits);
        self.remove(b);
        if b < a {
            EntityId(a.0 - 1)
        } else {
            a
        }
    }

    /// Moves the mentions of `e` that read `alias` to a new entity; returns its id.
    fn split(&mut self, e: EntityId, alias: &str) -> Result<EntityId, String> {
        let ent = &self.x.entities[e.index()];
        if ent.label == alias {
            return Err(format!(
                "{alias} is the name of the entity, not another alias"
            ));
        }
        if !ent.aliases.iter().any(|a| a == alias) {
            return Err(format!("{alias} is not an alias of {}", ent.label));
        }
        let (moved, kept): (Vec<Span>, Vec<Span>) = ent
            .mentions
            .iter()
            .partition(|m| self.x.span_text(**m).as_deref() == Some(alias));
        if moved.is_empty() {
            return Err(format!("no mention of {} reads {alias}", ent.label));
        }
        let (kind, from) = (ent.kind, ent.label.clone());
        let n = EntityId(self.x.entities.len() as u32);
        let ent = &mut self.x.entities[e.index()];
        ent.aliases.retain(|a| a != alias);
        ent.mentions = kept.clone();
        self.x.entities.push(super::Entity {
            id: n,
            kind,
            label: alias.to_owned(),
            aliases: Vec::new(),
            mentions: moved.clone(),
        });
        self.hidden.push(false);
        self.notes.push(vec![format!("split off {from}")]);
        self.note(e, format!("{alias} split off"));
        // A passage that holds a moved mention and no kept one now supports the new entity.
        let inside =
            |m: &Span, s: &Span| m.article == s.article && m.start >= s.start && m.end <= s.end;
        let goes =
            |s: &Span| moved.iter().any(|m| inside(m, s)) && !kept.iter().any(|m| inside(m, s));
        let mut added = Vec::new();
        for r in &mut self.x.relations {
            if r.source != e && r.target != e {
                continue;
            }
            let (to_new, stay): (Vec<Span>, Vec<Span>) = r.evidence.iter().partition(|s| goes(s));
            if to_new.is_empty() {
                continue;
            }
            let swap = |x: EntityId| if x == e { n } else { x };
            added.push(Relation {
                source: swap(r.source),
                target: swap(r.target),
                weight: to_new.len() as u32,
                evidence: to_new.clone(),
                ..r.clone()
            });
            r.weight = r.weight.saturating_sub(to_new.len() as u32);
            r.evidence = stay;
        }
        self.x
            .relations
            .retain(|r| r.weight > 0 || !r.evidence.is_empty());
        self.x.relations.extend(added);
        sort_relations(&mut self.x.relations);
        // A credit whose passage now names the new entity only is the new entity's.
        for c in &mut self.x.credits {
            if c.person == e && c.evidence.is_some_and(|s| goes(&s)) {
                c.person = n;
            }
        }
        sort_credits(&mut self.x.credits);
        Ok(n)
    }

    /// Removes an entity and its relations; later ids move down by one.
    fn remove(&mut self, e: EntityId) {
        let i = e.index();
        self.x.entities.remove(i);
        self.hidden.remove(i);
        self.notes.remove(i);
        for (k, ent) in self.x.entities.iter_mut().enumerate().skip(i) {
            ent.id = EntityId(k as u32);
        }
        self.x.relations.retain(|r| r.source != e && r.target != e);
        self.x.credits.retain(|c| c.person != e);
        let down = |x: EntityId| if x > e { EntityId(x.0 - 1) } else { x };
        for r in &mut self.x.relations {
            r.source = down(r.source);
            r.target = down(r.target);
        }
        for c in &mut self.x.credits {
            c.person = down(c.person);
        }
        sort_relations(&mut self.x.relations);
    }
}

/// Credits in the extractor's order (by person, then article), each person credited with an
/// article once (the first credit's evidence kept).
fn sort_credits(credits: &mut Vec<super::Credit>) {
    credits.sort_by_key(|c| (c.person, c.article));
    credits.dedup_by_key(|c| (c.person, c.article));
}

/// Relations in the extractor's order: by kind, source, target (stable).
fn sort_relations(rels: &mut [Relation]) {
    rels.sort_by_key(|r| (r.kind, r.source, r.target));
}

/// After a merge into `a`: relations of `a` that are now the same (kind, ends — either way
/// round for a same-sentence link — and label) become one, their evidence joined and
/// their weights added less the passages both had; a same-sentence link between two entities
/// a stated relation joins is dropped, as the extractor drops it.
fn merge_duplicates(rels: &mut Vec<Relation>, a: EntityId) {
    type Key = (RelationKind, EntityId, EntityId, Option<String>);
    let key = |r: &Relation| -> Key {
        let (s, t) = if r.kind == RelationKind::CoOccurs && r.target < r.source {
            (r.target, r.source)
        } else {
            (r.source, r.target)
        };
        (r.kind, s, t, r.label.clone())
    };
    let mut first: BTreeMap<Key, usize> = BTreeMap::new();
    let mut keep = vec![true; rels.len()];
    for i in 0..rels.len() {
        if rels[i].source != a && rels[i].target != a {
            continue;
        }
        match first.get(&key(&rels[i])) {
            Some(&j) => {
                let r = rels[i].clone();
                let shared = r
                    .evidence
                    .iter()
                    .filter(|s| rels[j].evidence.contains(s))
                    .count();
                let into = &mut rels[j];
                into.weight = (into.weight + r.weight)
                    .saturating_sub(shared as u32)
                    .max(1);
                into.evidence.extend(r.evidence);
                into.evidence.sort();
                into.evidence.dedup();
                keep[i] = false;
            }
            None => {
                first.insert(key(&rels[i]), i);
            }
        }
    }
    let stated: BTreeSet<(EntityId, EntityId)> = rels
        .iter()
        .zip(&keep)
        .filter(|(r, k)| **k && r.is_edge() && r.kind.is_stated())
        .flat_map(|(r, _)| [(r.source, r.target), (r.target, r.source)])
        .collect();
    let mut k = keep.into_iter();
    rels.retain(|r| {
        k.next().unwrap_or(true)
            && !(r.kind == RelationKind::CoOccurs
                && (r.source == a || r.target == a)
                && stated.contains(&(r.source, r.target)))
    });
    sort_relations(rels);
}

#[cfg(test)]
mod tests;
