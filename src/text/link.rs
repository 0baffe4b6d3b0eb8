//! From mentions to entities and relations: alias merging, typed relations with evidence, and
//! sentence co-occurrence as the fallback.

use super::lexicon::{self, Level};
use super::mentions::{Mention, Source};
use super::Knowledge;
use crate::model::{
    Article, ArticleId, Credit, CreditRole, Entity, EntityId, EntityKind, Relation, RelationKind,
    Span,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod aliases;
mod institutions;
mod names;
mod roles;
mod sentences;
#[cfg(test)]
mod tests;
mod within;

pub use sentences::LinkStats;
#[allow(unused_imports)]
use {aliases::*, institutions::*, names::*, roles::*, sentences::*, within::*};

/// Mentions of one article, with the article's chars.
pub struct ArticleMentions<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its text as chars.
    pub chars: Vec<char>,
    /// Mentions, sorted.
    pub mentions: Vec<Mention>,
}

/// An article's mentions with maps that answer "which mentions end here" and "which start in
/// this range" directly: linking asked those questions of every mention by scanning all of
/// them, which made it quadratic in the mentions of one article. Reads as the
/// [`ArticleMentions`] it wraps.
struct Doc<'d, 'a> {
    d: &'d ArticleMentions<'a>,
    /// What extraction knows.
    kn: &'d Knowledge,
    /// Mention indices by end position, ascending.
    by_end: HashMap<usize, Vec<usize>>,
    /// The longest mention, in chars.
    longest: usize,
    /// Whether the mentions are sorted by start (they are, from the mention layer); if not,
    /// [`Doc::starting_in`] gives every mention.
    sorted: bool,
    /// Surfaces of the organisation mentions.
    org_surfaces: std::cell::OnceCell<std::collections::HashSet<String>>,
    /// Surfaces of the place mentions, with the first mention of each.
    place_surfaces: std::cell::OnceCell<HashMap<String, usize>>,
    /// Organisation mentions by their last character, ascending.
    orgs_by_last: std::cell::OnceCell<HashMap<char, Vec<usize>>>,
}

impl<'d, 'a> Doc<'d, 'a> {
    fn new(d: &'d ArticleMentions<'a>, kn: &'d Knowledge) -> Doc<'d, 'a> {
        let mut by_end: HashMap<usize, Vec<usize>> = HashMap::new();
        for (j, m) in d.mentions.iter().enumerate() {
            by_end.entry(m.end).or_default().push(j);
        }
        Doc {
            d,
            kn,
            by_end,
            longest: d
                .mentions
                .iter()
                .map(|m| m.end.saturating_sub(m.start))
                .max()
                .unwrap_or(0),
            sorted: d.mentions.windows(2).all(|w| w[0].start <= w[1].start),
            org_surfaces: std::cell::OnceCell::new(),
            place_surfaces: std::cell::OnceCell::new(),
            orgs_by_last: std::cell::OnceCell::new(),
        }
    }

    /// Indices of the mentions ending at `end`, ascending.
    fn ending_at(&self, end: usize) -> &[usize] {
        self.by_end.get(&end).map_or(&[], Vec::as_slice)
    }

    /// Indices (ascending) of a range holding every mention that starts in `from..to`.
    fn starting_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let ms = &self.d.mentions;
        if !self.sorted {
            return 0..ms.len();
        }
        let lo = ms.partition_point(|m| m.start < from);
        let hi = ms.partition_point(|m| m.start < to).max(lo);
        lo..hi
    }

    /// Indices (ascending) of a range holding every mention that contains or ends at `pos`
    /// (starts before it and ends at or after it).
    fn around(&self, pos: usize) -> std::ops::Range<usize> {
        self.starting_in(pos.saturating_sub(self.longest), pos)
    }

    /// Whether an organisation mention of the article reads `x`.
    fn names_org(&self, x: &str) -> bool {
        self.org_surfaces
            .get_or_init(|| {
                self.d
                    .mentions
                    .iter()
                    .filter(|o| o.kind == EntityKind::Organisation)
                    .map(|o| surface(&self.d.chars, o))
                    .collect()
            })
            .contains(x)
    }

    /// The first place mention reading `x`.
    fn place_named(&self, x: &str, kn: &Knowledge) -> Option<usize> {
        self.place_surfaces
            .get_or_init(|| {
                let mut first = HashMap::new();
                let g = &kn.gazetteer;
                for (j, p) in self.d.mentions.iter().enumerate() {
                    if p.kind == EntityKind::Place {
                        let full = surface(&self.d.chars, p);
                        // `雅安市` named makes `雅安` named (`雅安周公山温泉开发区`).
                        let short = full
                            .strip_suffix(['市', '县', '省'])
                            .filter(|s| s.chars().count() >= 2)
                            .filter(|s| {
                                let of_full = g.lookup(&full);
                                g.lookup(s).iter().any(|d| of_full.contains(d))
                            })
                            .map(str::to_string);
                        first.entry(full).or_insert(j);
                        if let Some(short) = short {
                            first.entry(short).or_insert(j);
                        }
                    }
                }
                first
            })
            .get(x)
            .copied()
    }

    /// The last organisation mention before mention `k` whose last character is `head`.
    fn last_org_ending_in(&self, head: char, k: usize) -> Option<usize> {
        let by_last = self.orgs_by_last.get_or_init(|| {
            let mut by_last: HashMap<char, Vec<usize>> = HashMap::new();
            for (j, m) in self.d.mentions.iter().enumerate() {
                if m.kind == EntityKind::Organisation && m.end > m.start {
                    if let Some(&c) = self.d.chars.get(m.end - 1) {
                        by_last.entry(c).or_default().push(j);
                    }
                }
            }
            by_last
        });
        let js = by_last.get(&head)?;
        let n = js.partition_point(|&j| j < k);
        n.checked_sub(1).map(|i| js[i])
    }
}

impl<'a> std::ops::Deref for Doc<'_, 'a> {
    type Target = ArticleMentions<'a>;
    fn deref(&self) -> &ArticleMentions<'a> {
        self.d
    }
}

/// Identity of an entity while merging.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Division(u32),
    Name(EntityKind, String),
    /// A body named only by a common noun (`国会`, `内阁`, `筹委会`): that article's.
    Local(ArticleId, String),
}

/// A body named by a common noun (`国会`, `内阁`, `筹委会`, the dictionary's `n`) or by what
/// every country or level has (`人大`, `国家队`, `中央银行`): no one body across a corpus.
fn is_bare_body(name: &str, kn: &Knowledge) -> bool {
    const BARE: &[&str] = &[
        "人大",
        "政协",
        "国家队",
        "中央银行",
        "代表团",
        "党委",
        "党组",
        "省委",
        "县委",
        "议院",
    ];
    BARE.contains(&name)
        || kn.words().part_of_speech(&name.chars().collect::<Vec<_>>()) == Some(b'n')
}

fn surface(chars: &[char], m: &Mention) -> String {
    chars[m.start..m.end].iter().collect()
}

/// A relation's identity while merging: ends, kind and label.
type RelationKey = (EntityId, EntityId, RelationKind, Option<String>);

struct Builder {
    /// The article being linked.
    article: ArticleId,
    keys: HashMap<Key, EntityId>,
    entities: Vec<Entity>,
    surfaces: Vec<BTreeMap<String, usize>>,
    relations: BTreeMap<RelationKey, (u32, Vec<Span>)>,
    credits: Vec<Credit>,
}

impl Builder {
    fn entity(&mut self, key: Key, kind: EntityKind, label: &str, kn: &Knowledge) -> EntityId {
        // A body named by a common noun names different bodies in different articles (the
        // parliament of one country and of another): it joins only within its article.
        let key = match key {
            Key::Name(EntityKind::Organisation, core) if is_bare_body(&core, kn) => {
                Key::Local(self.article, core)
            }
            key => key,
        };
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let id = EntityId(self.entities.len() as u32);
        self.entities.push(Entity {
            id,
            kind,
            label: label.to_owned(),
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
        self.surfaces.push(BTreeMap::new());
        self.keys.insert(key, id);
        id
    }

    /// `a` lies in `b`, as `evidence` (a span of the article) states.
    fn within(&mut self, a: EntityId, b: EntityId, evidence: Span) {
        self.relate(a, b, RelationKind::Within, None, Some(evidence));
    }

    fn relate(
        &mut self,
        a: EntityId,
        b: EntityId,
        kind: RelationKind,
        label: Option<String>,
        evidence: Option<Span>,
    ) {
        if a == b {
            return;
        }
        let e = self
            .relations
            .entry((a, b, kind, label))
            .or_insert((0, Vec::new()));
        e.0 += 1;
        if let Some(s) = evidence {
            if !e.1.contains(&s) && e.1.len() < 50 {
                e.1.push(s);
            }
        }
    }
}

/// A sentence naming more entities than this does not link every pair of them: each mention
/// is linked to the [`NEAR_MENTIONS`] mentions after it only. A list of thousands of names
/// with no full stop would otherwise make millions of relations (memory grows with the square
/// of the sentence); news sentences name far fewer, and keep all their pairs.
pub const SENTENCE_ENTITIES_MAX: usize = 40;

/// In a sentence over [`SENTENCE_ENTITIES_MAX`], how many of the mentions that follow a
/// mention it is linked to: the closest pairs, so that memory stays linear in the text.
pub const NEAR_MENTIONS: usize = 5;

/// Builds entities and relations from every article's mentions.
pub fn link(docs: &[ArticleMentions<'_>], kn: &Knowledge) -> (Vec<Entity>, Vec<Relation>) {
    let (entities, relations, _, _) = link_with_stats(docs, kn);
    (entities, relations)
}

/// [`link`], also giving the articles' credits (by person, then article) and telling what was
/// bounded ([`LinkStats`]).
pub fn link_with_stats(
    docs: &[ArticleMentions<'_>],
    kn: &Knowledge,
) -> (Vec<Entity>, Vec<Relation>, Vec<Credit>, LinkStats) {
    let mut stats = LinkStats::default();
    let corpus = CorpusPlaces::of(docs, kn);
    let mut b = Builder {
        article: ArticleId(0),
        keys: HashMap::new(),
        entities: Vec::new(),
        surfaces: Vec::new(),
        relations: BTreeMap::new(),
        credits: Vec::new(),
    };
    let mut divisions: BTreeMap<EntityId, u32> = BTreeMap::new();
    for d in docs {
        b.article = d.article.id;
        let d = &Doc::new(d, kn);
        let (ids, places) = article_entities(&mut b, &mut divisions, &corpus, d, kn);
        capitals_within(&mut b, d, &ids);
        place_chains(&mut b, &divisions, d, &ids, kn);
        let mut list = ListedName::default();
        for (k, m) in d.mentions.iter().enumerate() {
            match m.kind {
                EntityKind::Organisation => {
                    organisation_relations(
                        &mut b,
                        &mut divisions,
                        &corpus.context,
                        d,
                        (&ids, &places),
                        k,
                        kn,
                    );
                }
                EntityKind::Person => {
                    let ctx = RoleCtx {
                        d,
                        ids: &ids,
                        places: &places,
                    };
                    person_roles(&mut b, &mut divisions, &ctx, k, &mut list, kn);
                }
                // A site named after a place lies in it (`雅安` + `周公山温泉开发区`).
                EntityKind::Place if m.source == Source::Rule => {
                    let whole = (m.start, m.end);
                    located_in_name(
                        &mut b,
                        &mut divisions,
                        &corpus.context,
                        d,
                        &ids,
                        whole,
                        ids[k],
                    );
                }
                _ => {}
            }
            if m.kind == EntityKind::Place && lexicon::ends_with_at(&d.chars, m.start, "位于") {
                located_after_weiyu(&mut b, d, &ids, k);
            }
            if m.kind == EntityKind::Place {
                listed_in_region(&mut b, d, &ids, k);
                in_that_place(&mut b, d, (&ids, &places), k, kn);
            }
        }
        authored(&mut b, d, &ids, kn);
        cooccurrence(&mut b, d, &ids, &mut stats);
    }
    gazetteer_within(&mut b, &divisions, kn);
    let mut credits = std::mem::take(&mut b.credits);
    credits.sort_by_key(|c| (c.person, c.article));
    let (entities, relations) = finish(b, kn);
    (entities, relations, credits, stats)
}

/// What the whole corpus says about places, for disambiguating each article's: every
/// unambiguous division named anywhere, and every place form written anywhere; and the
/// organisations' short forms that articles tie to one full name.
struct CorpusPlaces {
    context: BTreeSet<u32>,
    surfaces: BTreeSet<String>,
    /// `北大` → `北京大学`: a short form that articles writing both tie to one full name (see
    /// [`short_forms`]) stands for it in articles that write only the short form, so that a
    /// corpus has one node for the body whichever way each article writes it.
    short_forms: HashMap<String, String>,
}

impl CorpusPlaces {
    fn of(docs: &[ArticleMentions<'_>], kn: &Knowledge) -> CorpusPlaces {
        let g = &kn.gazetteer;
        let mut context: BTreeSet<u32> = BTreeSet::new();
        let mut surfaces: BTreeSet<String> = BTreeSet::new();
        // Each short form's full name and in how many articles; `None` once two differ.
        let mut fulls: HashMap<String, Option<(String, usize)>> = HashMap::new();
        for d in docs {
            for m in d.mentions.iter().filter(|m| m.kind == EntityKind::Place) {
                let s = surface(&d.chars, m);
                if let [one] = g.lookup(&s) {
                    context.insert(*one);
                }
                surfaces.insert(s);
            }
            // Only the abbreviations: a head or a tail standing for a body (`科技小院`,
            // `国务院` after a longer name ending in it) is that body in its article alone.
            let doc = Doc::new(d, kn);
            let mut joined = vec![None; d.mentions.len()];
            abbreviations(&doc, &organisations(&doc), &mut joined);
            for (i, j) in joined.into_iter().enumerate() {
                let (m, Some(j)) = (&d.mentions[i], j) else {
                    continue;
                };
                // A team's short form (`中国男队`) names a different team in each sport.
                if lexicon::ends_with_at(&d.chars, m.end, "队") {
                    continue;
                }
                let full = surface(&d.chars, &d.mentions[j]);
                let f = fulls
                    .entry(surface(&d.chars, m))
                    .or_insert(Some((full.clone(), 0)));
                match f {
                    Some((x, n)) if *x == full => *n += 1,
                    _ => *f = None,
                }
            }
        }
        // Tied in two articles at least: one article's reading is not the corpus's.
        let short_forms = (fulls.into_iter())
            .filter_map(|(s, f)| f.filter(|(_, n)| *n >= 2).map(|(f, _)| (s, f)))
            .collect();
        CorpusPlaces {
            context,
            surfaces,
            short_forms,
        }
    }
}

fn span_in(aid: ArticleId) -> impl Fn(usize, usize) -> Span {
    move |s: usize, e: usize| Span {
        article: aid,
        start: s as u32,
        end: e as u32,
    }
}

/// The entity of each mention of an article (in mention order) and the places it names, in
/// the order institutions written by level alone can use them.
fn article_entities(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    corpus: &CorpusPlaces,
    d: &Doc<'_, '_>,
    kn: &Knowledge,
) -> (Vec<EntityId>, Vec<PlaceRef>) {
    let g = &kn.gazetteer;
    let span = span_in(d.article.id);
    let local_places: BTreeSet<String> = d
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| surface(&d.chars, m))
        .collect();
    // Institutions written by level alone (`区委`) wait until the article's places are known.
    let generic = |m: &Mention| {
        m.kind == EntityKind::Organisation
            && generic_institution(&surface(&d.chars, m)).is_some()
            && !d
                .ending_at(m.start)
                .iter()
                .any(|&j| d.mentions[j].kind == EntityKind::Organisation)
    };
    let short_of = short_forms(d, kn);
    let order: Vec<usize> = (0..d.mentions.len())
        .filter(|&i| !generic(&d.mentions[i]) && short_of[i].is_none())
        .chain((0..d.mentions.len()).filter(|&i| generic(&d.mentions[i])))
        .chain((0..d.mentions.len()).filter(|&i| short_of[i].is_some()))
        .collect();
    let mut slots: Vec<Option<EntityId>> = vec![None; d.mentions.len()];
    let mut places: Vec<PlaceRef> = Vec::new();
    for &i in &order {
        let m = &d.mentions[i];
        let s = surface(&d.chars, m);
        // A one-character form (`美` in `中美关系`) is the place it stands for.
        let full = match m.kind {
            EntityKind::Place => lexicon::abbreviation(&s),
            _ => None,
        };
        if let Some(id) = short_of[i].and_then(|j| slots[j]) {
            b.entities[id.index()].mentions.push(span(m.start, m.end));
            *b.surfaces[id.index()].entry(s).or_default() += 1;
            slots[i] = Some(id);
            continue;
        }
        let named = full.map_or_else(|| s.clone(), str::to_owned);
        // A short form other articles tie to one full name is keyed as that name.
        let keyed = (corpus.short_forms.get(&s))
            .filter(|_| m.kind == EntityKind::Organisation)
            .unwrap_or(&s);
        let named = if keyed == &s { named } else { keyed.clone() };
        let (key, label) = mention_key(
            d,
            m,
            (keyed, &named, full),
            corpus,
            (&local_places, &places),
            kn,
        );
        let div = match key {
            Key::Division(x) => Some(x),
            _ => None,
        };
        let id = b.entity(key, m.kind, &label, kn);
        if let Some(x) = div {
            divisions.insert(id, x);
        }
        if m.kind == EntityKind::Place {
            places.push(PlaceRef {
                start: m.start,
                end: m.end,
                id: Some(id),
                label: label.clone(),
                div,
            });
        }
        if m.kind == EntityKind::Organisation {
            // `吉林省委` names 吉林省 for the titles that follow (`省长`).
            if let Some((form, dv)) = leading_division(&s, &corpus.context, kn) {
                places.push(PlaceRef {
                    start: m.start,
                    end: m.start + form.chars().count(),
                    id: None,
                    label: g.divisions[dv as usize].name.clone(),
                    div: Some(dv),
                });
            }
        }
        if m.kind == EntityKind::Organisation && label != s {
            // The canonical name of a generic institution is a name of it too, and so is
            // its generic form without a separator the mention layer left on it.
            b.surfaces[id.index()].entry(label).or_default();
            let bare = s.trim_start_matches(|c| ",，、;；:：".contains(c));
            b.surfaces[id.index()].entry(bare.to_owned()).or_default();
        }
        b.entities[id.index()].mentions.push(span(m.start, m.end));
        *b.surfaces[id.index()].entry(s).or_default() += 1;
        if let Some(f) = full {
            // The full name labels the node even where only the short form is written.
            b.surfaces[id.index()].entry(f.to_owned()).or_default();
        }
        slots[i] = Some(id);
    }
    let ids: Vec<EntityId> = slots.into_iter().flatten().collect();
    (ids, places)
}

/// The merge key and label of one mention: a division for a place the gazetteer can name, a
/// core name otherwise (an organisation under its parent or the places written before it, an
/// institution written by level alone under the place it stands for).
fn mention_key(
    d: &Doc<'_, '_>,
    m: &Mention,
    (s, named, full): (&String, &String, Option<&'static str>),
    corpus: &CorpusPlaces,
    (local_places, places): (&BTreeSet<String>, &[PlaceRef]),
    kn: &Knowledge,
) -> (Key, String) {
    let g = &kn.gazetteer;
    let s = s.clone();
    let named = named.clone();
    match m.kind {
        EntityKind::Place => match pick_division(&named, &corpus.context, kn).filter(|&div| {
            // A county's short form (`怀柔`, but also `满城` in `满城开花`) names the county
            // only written after its parent or when the full name occurs in the corpus.
            let dv = &g.divisions[div as usize];
            let after_parent = d.ending_at(m.start).iter().any(|&j| {
                let p = &d.mentions[j];
                p.kind == EntityKind::Place && {
                    let ps = surface(&d.chars, p);
                    g.lookup(&ps).iter().any(|&pd| g.is_inside(div, pd))
                }
            });
            g.is_full_name(&named)
                || dv.level <= Level::Prefecture
                || after_parent
                || corpus.surfaces.contains(&dv.name)
        }) {
            Some(div) => (Key::Division(div), g.divisions[div as usize].name.clone()),
            None if full.is_some() => (Key::Name(EntityKind::Place, named.clone()), named),
            None => {
                // `龙湖新村` is `龙湖新村社区` when the same article names the latter; only
                // there, so that `中国` does not become a `中国村` named somewhere else.
                // `巴黎市` is the `巴黎` the same article names: a city no gazetteer lists,
                // written with and without its level.
                let bare = s
                    .strip_suffix('市')
                    .filter(|b| b.chars().count() >= 2 && local_places.contains(*b))
                    .map(str::to_string);
                let full = ["社区", "村", "街道", "镇", "乡"]
                    .iter()
                    .map(|suf| format!("{s}{suf}"))
                    .find(|f| local_places.contains(f))
                    .or(bare)
                    .unwrap_or_else(|| s.clone());
                (Key::Name(EntityKind::Place, full.clone()), full)
            }
        },
        EntityKind::Organisation => {
            // A unit written right after its parent (`…有限公司` + `一号煤矿`) is that
            // parent's unit, not every `一号煤矿`.
            let parent = d
                .ending_at(m.start)
                .iter()
                .map(|&j| &d.mentions[j])
                .find(|p| p.kind == EntityKind::Organisation);
            // An organisation that names its own place (`岳麓区教育局`) is one unit
            // whatever larger places are written before it.
            let own_place = d.starting_in(m.start, m.start + 1).any(|j| {
                let p = &d.mentions[j];
                p.kind == EntityKind::Place && p.start == m.start && p.end < m.end
            });
            // Only an official name makes the unit that place's (`泾源县`+`公安局`);
            // short forms before a name are a list or a dateline (`山东河南新华社`).
            let officially_placed =
                place_ending_at(d, m.start).is_some_and(|j| names_a_level(d, j, kn));
            let before = places_before(d, m.start).filter(|_| !own_place && officially_placed);
            match (parent, before) {
                // Labelled as printed with its parent (`兰州大学物理系`): a bare `物理系`
                // would not say whose.
                (Some(p), _) => (
                    Key::Name(m.kind, org_core(&surface(&d.chars, p), kn) + &s),
                    surface(&d.chars, p) + &s,
                ),
                // `泾源县` + `公安局刑侦大队` is that county's, not every county's.
                (None, Some(start)) => {
                    let whole: String = d.chars[start..m.end].iter().collect();
                    (Key::Name(m.kind, org_core(&whole, kn)), whole)
                }
                (None, None) => {
                    let c = canonical_org(places, &s, m.start, kn);
                    (Key::Name(m.kind, org_core(&c, kn)), c)
                }
            }
        }
        EntityKind::Programme => (Key::Name(m.kind, programme_core(&s)), s.clone()),
        // `赵 敏` (a page's way of spacing a two-character name) is 赵敏; the spaced form stays
        // an alias.
        EntityKind::Person => {
            let name: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            (Key::Name(m.kind, name.clone()), name)
        }
    }
}

/// Credits: the byline or author line names the writers, credit lines the editors.
fn authored(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId], kn: &Knowledge) {
    let aid = d.article.id;
    let span = span_in(aid);
    let mut first_mention: HashMap<EntityId, usize> = HashMap::new();
    if !d.article.authors.is_empty() || !d.article.editors.is_empty() {
        for (j, &i) in ids.iter().enumerate().rev() {
            first_mention.insert(i, j);
        }
    }
    let writers = d.article.authors.iter().map(|a| (a, CreditRole::Wrote));
    let editors = d.article.editors.iter().map(|a| (a, CreditRole::Edited));
    for (a, role) in writers.chain(editors) {
        // Keyed as read (`陳大文` is the `陈大文` the text names), labelled as printed.
        let read = a.chars().map(super::normal::fold_char).collect();
        let key = Key::Name(EntityKind::Person, read);
        let id = b.entity(key, EntityKind::Person, a, kn);
        let evidence = first_mention
            .get(&id)
            .and_then(|&j| d.mentions.get(j))
            .map(|m| span(m.start, m.end));
        // A byline naming someone twice credits them once.
        let mut this_article = b.credits.iter().rev().take_while(|c| c.article == aid);
        if !this_article.any(|c| c.person == id) {
            b.credits.push(Credit {
                person: id,
                article: aid,
                role,
                evidence,
            });
        }
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn finish(mut b: Builder, kn: &Knowledge) -> (Vec<Entity>, Vec<Relation>) {
    let official: BTreeSet<EntityId> = b
        .keys
        .iter()
        .filter(|(k, _)| matches!(k, Key::Division(_)))
        .map(|(_, &id)| id)
        .collect();
    for (e, surfaces) in b.entities.iter_mut().zip(&b.surfaces) {
        // Label: the gazetteer's official name for divisions, else the longest surface form.
        // An organisation is labelled as written without the larger places before its own
        // (`岳麓区教育局`, not `湖南省长沙市岳麓区教育局`) where the text writes it so.
        if !official.contains(&e.id) {
            let bare = |s: &String| {
                let inner = without_place_chain(s, kn);
                let body = without_party_organ(s);
                e.kind != EntityKind::Organisation
                    || (inner == s.as_str() || !surfaces.contains_key(inner))
                        && !body.is_some_and(|b| surfaces.contains_key(b))
            };
            if let Some(best) = surfaces
                .keys()
                .max_by_key(|s| (bare(s), s.chars().count(), std::cmp::Reverse((*s).clone())))
            {
                e.label = best.clone();
            }
            // A person printed with spaces (`杨 勇`) is named without them; the spaced form
            // stays an alias.
            if e.kind == EntityKind::Person {
                e.label.retain(|c| !c.is_whitespace());
            }
            // `“邻里帮”志愿服务队` is the team 邻里帮志愿服务队: the marks set its name off, they
            // are not part of it (the quoted form stays an alias).
            if e.kind == EntityKind::Organisation && e.label.contains(['“', '”']) {
                e.label = e.label.replace(['“', '”'], "");
            }
            // A body met only through its party committee (`某集团党委书记`) is labelled as the
            // body, the committee's name staying an alias.
            if e.kind == EntityKind::Organisation {
                if let Some(body) = without_party_organ(&e.label) {
                    e.label = body.to_owned();
                }
            }
        }
        e.aliases = surfaces
            .keys()
            .filter(|s| **s != e.label)
            .cloned()
            .collect();
        e.mentions.sort();
        e.mentions.dedup();
    }
    let typed: BTreeSet<(EntityId, EntityId)> = b
        .relations
        .keys()
        .filter(|(_, _, k, _)| *k != RelationKind::CoOccurs)
        .flat_map(|(s, t, _, _)| [(*s, *t), (*t, *s)])
        .collect();
    let mut rels: Vec<Relation> = b
        .relations
        .into_iter()
        .filter(|((s, t, k, _), _)| *k != RelationKind::CoOccurs || !typed.contains(&(*s, *t)))
        .map(
            |((source, target, kind, label), (weight, evidence))| Relation {
                source,
                target,
                kind,
                label,
                weight,
                evidence,
            },
        )
        .collect();
    rels.sort_by_key(|r| (r.kind, r.source, r.target));
    (b.entities, rels)
}
