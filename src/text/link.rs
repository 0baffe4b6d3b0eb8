//! From mentions to entities and relations: alias merging, typed relations with evidence, and
//! sentence co-occurrence as the fallback.

use super::lexicon::{self, gazetteer, Level};
use super::mentions::{Mention, Source};
use crate::model::{
    Article, ArticleId, Entity, EntityId, EntityKind, Relation, RelationKind, Span,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    fn new(d: &'d ArticleMentions<'a>) -> Doc<'d, 'a> {
        let mut by_end: HashMap<usize, Vec<usize>> = HashMap::new();
        for (j, m) in d.mentions.iter().enumerate() {
            by_end.entry(m.end).or_default().push(j);
        }
        Doc {
            d,
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
    fn place_named(&self, x: &str) -> Option<usize> {
        self.place_surfaces
            .get_or_init(|| {
                let mut first = HashMap::new();
                for (j, p) in self.d.mentions.iter().enumerate() {
                    if p.kind == EntityKind::Place {
                        first.entry(surface(&self.d.chars, p)).or_insert(j);
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
}

const LEGAL_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "公司",
];

fn surface(chars: &[char], m: &Mention) -> String {
    chars[m.start..m.end].iter().collect()
}

/// The byte length of the official division name (`长沙市`, not a short form) that opens `s`.
fn leading_place_len(s: &str) -> Option<usize> {
    let g = gazetteer();
    (2..=8).rev().find_map(|n| {
        let (idx, _) = s.char_indices().nth(n)?;
        g.is_full_name(&s[..idx]).then_some(idx)
    })
}

/// A name without the larger places of a chain that opens it, as long as another place
/// follows them (`长沙市岳麓区教育局` → `岳麓区教育局`; `隆昌市水利局` stays).
fn without_place_chain(mut name: &str) -> &str {
    while let Some(rest) = leading_place_len(name)
        .map(|i| &name[i..])
        .filter(|r| r.chars().count() >= 4 && leading_place_len(r).is_some())
    {
        name = rest;
    }
    name
}

/// The merge key of an organisation name: without a leading province name and a trailing legal
/// form, so `陕西陕煤黄陵矿业有限公司` and `陕煤黄陵矿业` meet, but `隆昌市水利局` and
/// `宜宾市水利局` stay apart.
fn org_core(name: &str) -> String {
    let g = gazetteer();
    let unquoted = name.replace(['“', '”'], "");
    let name = unquoted.as_str();
    // `中共渝中区委` and `渝中区委` are one committee.
    let mut core = name
        .strip_prefix("中共")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(name);
    for n in (2..=4).rev() {
        let Some((idx, _)) = core.char_indices().nth(n) else {
            continue;
        };
        let head = &core[..idx];
        let province = g
            .lookup(head)
            .iter()
            .any(|&d| g.divisions[d as usize].level == Level::Province);
        // `广东省人大常委会` and `海南省人大常委会` are two bodies: only a company keeps its
        // identity without its province (`陕西陕煤黄陵矿业` = `陕煤黄陵矿业`).
        let public_body = !["公司", "集团", "厂", "矿业", "银行"]
            .iter()
            .any(|x| core.ends_with(x));
        if province && !public_body && core[idx..].chars().count() >= 4 {
            core = &core[idx..];
            break;
        }
    }
    // `长沙市岳麓区教育局` and `岳麓区教育局` are one office.
    core = without_place_chain(core);
    for s in LEGAL_SUFFIXES {
        if let Some(stem) = core.strip_suffix(s) {
            if stem.chars().count() >= 3 {
                core = stem;
                break;
            }
        }
    }
    // The party committee of a company or an office is that body in the graph
    // (`某铁路投资集团党委`, `国家文物局党组`); a place's committee (`区委`) or a community's
    // branch (`龙城社区党支部`) is a body of its own.
    if let Some(body) = without_party_organ(core) {
        core = body;
    }
    // A paper and the house that publishes it are one name (`人民日报社` = `人民日报`).
    if let Some(paper) = core
        .strip_suffix('社')
        .filter(|p| (p.ends_with('报') || p.ends_with("杂志")) && p.chars().count() >= 3)
    {
        core = paper;
    }
    core.to_owned()
}

/// A company's or an office's name without the party organ written after it.
fn without_party_organ(name: &str) -> Option<&str> {
    const BODIES: &[&str] = &[
        "集团", "公司", "股份", "局", "厅", "署", "部", "银行", "大学", "学院", "医院",
    ];
    ["党委", "党组", "党总支"]
        .iter()
        .find_map(|o| name.strip_suffix(o))
        .filter(|b| b.chars().count() >= 3 && BODIES.iter().any(|x| b.ends_with(x)))
}

/// The merge key of a programme: the quoted or titled name inside its marks (`“九度”社区建设`
/// and `“九度”` meet).
fn programme_core(name: &str) -> String {
    let inner = |o: char, c: char| {
        let s = name.find(o)? + o.len_utf8();
        let e = name[s..].find(c)? + s;
        Some(name[s..e].to_owned())
    };
    inner('“', '”')
        .or_else(|| inner('《', '》'))
        .unwrap_or_else(|| name.to_owned())
}

/// Picks the division a place form names: the only candidate, else the one whose ancestor or
/// descendant is named elsewhere in the corpus.
fn pick_division(form: &str, context: &BTreeSet<u32>) -> Option<u32> {
    let g = gazetteer();
    let ids = g.lookup(form);
    match ids {
        [] => None,
        [one] => Some(*one),
        many => many.iter().copied().find(|&d| {
            context
                .iter()
                .any(|&c| c != d && (g.is_inside(d, c) || g.is_inside(c, d)))
        }),
    }
}

/// A relation's identity while merging: ends, kind, label, and the article for `authored`.
type RelationKey = (
    EntityId,
    EntityId,
    RelationKind,
    Option<String>,
    Option<ArticleId>,
);

struct Builder {
    keys: HashMap<Key, EntityId>,
    entities: Vec<Entity>,
    surfaces: Vec<BTreeMap<String, usize>>,
    relations: BTreeMap<RelationKey, (u32, Vec<Span>)>,
}

impl Builder {
    fn entity(&mut self, key: Key, kind: EntityKind, label: &str) -> EntityId {
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

    fn relate(
        &mut self,
        a: EntityId,
        b: EntityId,
        kind: RelationKind,
        label: Option<String>,
        article: Option<ArticleId>,
        evidence: Option<Span>,
    ) {
        if a == b && kind != RelationKind::Authored {
            return;
        }
        let e = self
            .relations
            .entry((a, b, kind, label, article))
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

/// What linking bounded, so that a front end can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Sentences over [`SENTENCE_ENTITIES_MAX`] distinct entities, whose same-sentence links
    /// were limited to nearby mentions.
    pub capped_sentences: usize,
    /// The most distinct entities any such sentence named (0 when none was capped).
    pub largest_sentence: usize,
}

/// The same-sentence pairs of a sentence's mention entities (in text order), each pair once,
/// smaller id first, in ascending order: every pair up to [`SENTENCE_ENTITIES_MAX`] distinct
/// entities, else only mentions at most [`NEAR_MENTIONS`] apart (counted in `stats`).
///
/// # Complexity
/// O(k²) for k ≤ [`SENTENCE_ENTITIES_MAX`] entities, else O(m log m) in the m mentions.
fn sentence_pairs(in_sent: &[EntityId], stats: &mut LinkStats) -> Vec<(EntityId, EntityId)> {
    let distinct: BTreeSet<EntityId> = in_sent.iter().copied().collect();
    let v: Vec<EntityId> = distinct.into_iter().collect();
    if v.len() <= SENTENCE_ENTITIES_MAX {
        let mut out = Vec::with_capacity(v.len() * v.len().saturating_sub(1) / 2);
        for x in 0..v.len() {
            for y in x + 1..v.len() {
                out.push((v[x], v[y]));
            }
        }
        return out;
    }
    stats.capped_sentences += 1;
    stats.largest_sentence = stats.largest_sentence.max(v.len());
    let mut near: BTreeSet<(EntityId, EntityId)> = BTreeSet::new();
    for (p, &a) in in_sent.iter().enumerate() {
        for &c in in_sent.iter().skip(p + 1).take(NEAR_MENTIONS) {
            if a != c {
                near.insert((a.min(c), a.max(c)));
            }
        }
    }
    near.into_iter().collect()
}

/// Builds entities and relations from every article's mentions.
pub fn link(docs: &[ArticleMentions<'_>]) -> (Vec<Entity>, Vec<Relation>) {
    let (entities, relations, _) = link_with_stats(docs);
    (entities, relations)
}

/// [`link`], also telling what was bounded ([`LinkStats`]).
pub fn link_with_stats(docs: &[ArticleMentions<'_>]) -> (Vec<Entity>, Vec<Relation>, LinkStats) {
    let mut stats = LinkStats::default();
    let g = gazetteer();
    // Context for place disambiguation: every unambiguous division named in the corpus.
    let mut context: BTreeSet<u32> = BTreeSet::new();
    let mut place_surfaces: BTreeSet<String> = BTreeSet::new();
    for d in docs {
        for m in d.mentions.iter().filter(|m| m.kind == EntityKind::Place) {
            let s = surface(&d.chars, m);
            if let [one] = g.lookup(&s) {
                context.insert(*one);
            }
            place_surfaces.insert(s);
        }
    }
    let mut b = Builder {
        keys: HashMap::new(),
        entities: Vec::new(),
        surfaces: Vec::new(),
        relations: BTreeMap::new(),
    };
    let mut divisions: BTreeMap<EntityId, u32> = BTreeMap::new();

    for d in docs {
        let d = &Doc::new(d);
        let aid = d.article.id;
        let span = |s: usize, e: usize| Span {
            article: aid,
            start: s as u32,
            end: e as u32,
        };
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
        let order: Vec<usize> = (0..d.mentions.len())
            .filter(|&i| !generic(&d.mentions[i]))
            .chain((0..d.mentions.len()).filter(|&i| generic(&d.mentions[i])))
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
            let named = full.map_or_else(|| s.clone(), str::to_owned);
            let (key, label) = match m.kind {
                EntityKind::Place => match pick_division(&named, &context).filter(|&div| {
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
                        || place_surfaces.contains(&dv.name)
                }) {
                    Some(div) => (Key::Division(div), g.divisions[div as usize].name.clone()),
                    None if full.is_some() => (Key::Name(EntityKind::Place, named.clone()), named),
                    None => {
                        // `龙湖新村` is `龙湖新村社区` when the same article names the latter; only
                        // there, so that `中国` does not become a `中国村` named somewhere else.
                        let full = ["社区", "村", "街道", "镇", "乡"]
                            .iter()
                            .map(|suf| format!("{s}{suf}"))
                            .find(|f| local_places.contains(f))
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
                        place_ending_at(d, m.start).is_some_and(|j| names_a_level(d, j));
                    let before =
                        places_before(d, m.start).filter(|_| !own_place && officially_placed);
                    match (parent, before) {
                        (Some(p), _) => (
                            Key::Name(m.kind, org_core(&surface(&d.chars, p)) + &s),
                            s.clone(),
                        ),
                        // `泾源县` + `公安局刑侦大队` is that county's, not every county's.
                        (None, Some(start)) => {
                            let whole: String = d.chars[start..m.end].iter().collect();
                            (Key::Name(m.kind, org_core(&whole)), whole)
                        }
                        (None, None) => {
                            let c = canonical_org(&places, &s, m.start);
                            (Key::Name(m.kind, org_core(&c)), c)
                        }
                    }
                }
                EntityKind::Programme => (Key::Name(m.kind, programme_core(&s)), s.clone()),
                EntityKind::Person => (Key::Name(m.kind, s.clone()), s.clone()),
            };
            let div = match key {
                Key::Division(x) => Some(x),
                _ => None,
            };
            let id = b.entity(key, m.kind, &label);
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
                if let Some((form, dv)) = leading_division(&s) {
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

        capitals_within(&mut b, d, &ids);
        // A chain of places written together (`甘肃省天水市清水县`, `北京怀柔`).
        let mut chain_start = 0;
        for k in 0..d.mentions.len() {
            let m = &d.mentions[k];
            if m.kind != EntityKind::Place {
                continue;
            }
            let prev = d
                .ending_at(m.start)
                .iter()
                .rev()
                .copied()
                .find(|&j| j < k && d.mentions[j].kind == EntityKind::Place);
            match prev {
                Some(j) => {
                    b.relate(
                        ids[k],
                        ids[j],
                        RelationKind::Within,
                        None,
                        None,
                        Some(span(chain_start, m.end)),
                    );
                    // A short form ending a chain is also known by the whole chain (`北京怀柔`).
                    let s = surface(&d.chars, m);
                    let ps = surface(&d.chars, &d.mentions[j]);
                    let short_pair =
                        !g.is_full_name(&s) && !g.is_full_name(&ps) && !g.lookup(&ps).is_empty();
                    if short_pair
                        && divisions.contains_key(&ids[k])
                        && chain_start == d.mentions[j].start
                    {
                        let chain: String = d.chars[chain_start..m.end].iter().collect();
                        *b.surfaces[ids[k].index()].entry(chain).or_default() += 1;
                    }
                }
                None => chain_start = m.start,
            }
        }

        let mut list = ListedName::default();
        for (k, m) in d.mentions.iter().enumerate() {
            match m.kind {
                EntityKind::Organisation => {
                    // A place that starts an organisation's name locates it.
                    for j in d.starting_in(m.start, m.start + 1) {
                        let inner = &d.mentions[j];
                        if j != k
                            && inner.kind == EntityKind::Place
                            && inner.start == m.start
                            && inner.end < m.end
                        {
                            b.relate(
                                ids[k],
                                ids[j],
                                RelationKind::Within,
                                None,
                                None,
                                Some(span(m.start, m.end)),
                            );
                        }
                    }
                    let whole = (m.start, m.end);
                    located_in_name(&mut b, &mut divisions, &context, d, &ids, whole, ids[k]);
                    located_before_name(&mut b, d, &ids, k);
                    // Sub-units written inside one name (`中国核能行业协会专家委员会`): the
                    // longest head-ended prefix is the parent. The name starts with the places
                    // written right before the mention (`泾源县` + `公安局刑侦大队`).
                    let from = places_before(d, m.start).unwrap_or(m.start);
                    let s: String = d.chars[from..m.end].iter().collect();
                    let named = |x: &str| d.names_org(x);
                    if let Some((parent, own)) = split_unit(&s, named) {
                        // The section is also known by its own name (`体卫艺处`).
                        b.surfaces[ids[k].index()].entry(own).or_default();
                        let name = canonical_org(&places, &parent, m.start);
                        let pid = b.entity(Key::Name(m.kind, org_core(&name)), m.kind, &name);
                        let pe = span(from, from + parent.chars().count());
                        let at = (from, from + parent.chars().count());
                        located_in_name(&mut b, &mut divisions, &context, d, &ids, at, pid);
                        b.entities[pid.index()].mentions.push(pe);
                        b.surfaces[pid.index()].entry(name).or_default();
                        *b.surfaces[pid.index()].entry(parent).or_default() += 1;
                        b.relate(
                            ids[k],
                            pid,
                            RelationKind::PartOf,
                            None,
                            None,
                            Some(span(from, m.end)),
                        );
                    }
                    // Sub-units written right after their parent (`…有限公司一号煤矿`).
                    for &j in d.ending_at(m.start) {
                        let other = &d.mentions[j];
                        if other.kind == EntityKind::Organisation && j != k && other.end == m.start
                        {
                            b.relate(
                                ids[k],
                                ids[j],
                                RelationKind::PartOf,
                                None,
                                None,
                                Some(span(other.start, m.end)),
                            );
                        }
                    }
                }
                EntityKind::Person => {
                    let ctx = RoleCtx {
                        d,
                        ids: &ids,
                        places: &places,
                    };
                    person_roles(&mut b, &mut divisions, &ctx, k, &mut list);
                }
                // A site named after a place lies in it (`雅安` + `周公山温泉开发区`).
                EntityKind::Place if m.source == Source::Rule => {
                    let whole = (m.start, m.end);
                    located_in_name(&mut b, &mut divisions, &context, d, &ids, whole, ids[k]);
                }
                _ => {}
            }
            // `位于` + place: what precedes it (or follows the place chain) lies in that place.
            if m.kind == EntityKind::Place && lexicon::ends_with_at(&d.chars, m.start, "位于") {
                let mut last = k;
                while d
                    .mentions
                    .get(last + 1)
                    .is_some_and(|n| n.kind == EntityKind::Place && n.start == d.mentions[last].end)
                {
                    last += 1;
                }
                let after_end = d.mentions[last].end;
                let subject = d
                    .starting_in(after_end, after_end + 2)
                    .find(|&j| {
                        let n = &d.mentions[j];
                        n.start >= after_end
                            && n.start <= after_end + 1
                            && n.kind != EntityKind::Person
                    })
                    .or_else(|| {
                        (m.start.saturating_sub(2)..=m.start)
                            .flat_map(|end| d.ending_at(end).iter().copied())
                            .filter(|&j| j < k)
                            .max()
                    });
                if let Some(sj) = subject {
                    let ev = span(
                        d.mentions[sj].start.min(m.start),
                        d.mentions[sj].end.max(after_end),
                    );
                    b.relate(
                        ids[sj],
                        ids[last],
                        RelationKind::Within,
                        None,
                        None,
                        Some(ev),
                    );
                }
            }
        }

        // Authors: the byline or author line names them.
        let mut first_mention: HashMap<EntityId, usize> = HashMap::new();
        if !d.article.authors.is_empty() {
            for (j, &i) in ids.iter().enumerate().rev() {
                first_mention.insert(i, j);
            }
        }
        for a in &d.article.authors {
            let key = Key::Name(EntityKind::Person, a.clone());
            let id = b.entity(key, EntityKind::Person, a);
            let ev = first_mention
                .get(&id)
                .and_then(|&j| d.mentions.get(j))
                .map(|m| span(m.start, m.end));
            b.relate(id, id, RelationKind::Authored, None, Some(aid), ev);
        }

        // Co-occurrence in a sentence. Mentions are sorted by start, so one cursor walks them.
        let mut sent_start = 0;
        let mut cursor = 0;
        let mut in_sent: Vec<EntityId> = Vec::new();
        for (i, &c) in d.chars.iter().enumerate() {
            if matches!(c, '。' | '！' | '？' | '\n' | '；') || i + 1 == d.chars.len() {
                in_sent.clear();
                while cursor < d.mentions.len() && d.mentions[cursor].start <= i {
                    let m = &d.mentions[cursor];
                    if m.start >= sent_start && m.end <= i + 1 {
                        in_sent.push(ids[cursor]);
                    }
                    cursor += 1;
                }
                let ev = span(sent_start, i + 1);
                for (x, y) in sentence_pairs(&in_sent, &mut stats) {
                    b.relate(x, y, RelationKind::CoOccurs, None, None, Some(ev));
                }
                sent_start = i + 1;
            }
        }
    }

    gazetteer_within(&mut b, &divisions);
    let (entities, relations) = finish(b);
    (entities, relations, stats)
}

/// Heads of sub-units that the organisation heads lack (`新安分校`, `秦剧团`, `常委会`).
const UNIT_HEADS: &[&str] = &[
    "分校",
    "分院",
    "分局",
    "分会",
    "分行",
    "支行",
    "研究室",
    "实验室",
    "剧团",
    "艺术团",
    "常委会",
    "工作队",
    "公署",
    "歌舞团",
];

/// Whether a name ends like a numbered unit of a corps (`第十师`, `十四师`, `187团`).
fn numbered_unit_end(chars: &[char], k: usize) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百〇零".contains(c);
    k >= 2 && "师团".contains(chars[k - 1]) && numeral(chars[k - 2])
}

/// Splits `中国核能行业协会专家委员会` into (`中国核能行业协会`, `专家委员会`): a prefix of at
/// least four characters ending in an organisation head, and a remainder of at least two
/// characters that ends in a head too and is no title (`…局干部`). One-character heads count
/// for government bodies (`自治区教育厅` + `体卫艺处`), and `委`/`部` only where `named` says
/// the article names the prefix on its own (`福建省委` + `网信委`, but not `市委` in every
/// `市委宣传部`); a body's mission opens with `驻` (`外交部` + `驻港公署`).
fn split_unit(name: &str, named: impl Fn(&str) -> bool) -> Option<(String, String)> {
    let chars: Vec<char> = name.chars().collect();
    let head_after = lexicon::ORG_SUFFIXES
        .iter()
        .chain(UNIT_HEADS)
        .any(|x| lexicon::ends_with_at(&chars, chars.len(), x));
    if !head_after {
        return None;
    }
    (3..chars.len().saturating_sub(1)).rev().find_map(|k| {
        let prefix: String = chars[..k].iter().collect();
        let one_char =
            "局厅署".contains(chars[k - 1]) || ("委部院".contains(chars[k - 1]) && named(&prefix));
        let head_before = one_char
            || numbered_unit_end(&chars, k)
            || lexicon::ends_with_at(&chars, k, "常委会")
            || lexicon::ORG_SUFFIXES
                .iter()
                .any(|x| x.chars().count() >= 2 && lexicon::ends_with_at(&chars, k, x));
        let long_enough = k >= 4 || named(&prefix) || (chars[k] == '驻' && one_char);
        let rest = &chars[k..];
        (head_before && long_enough && rest.len() >= 2 && title_at(rest, 0) != rest.len())
            .then(|| (prefix, rest.iter().collect()))
    })
}

/// Suffixes of places below the gazetteer that a chain inside a name may go on with
/// (`新安镇` + `道峨村` + `小学`).
const SMALL_PLACE_SUFFIXES: &[&str] = &["村", "社区", "街道", "镇", "乡", "嘎查"];

/// The places an organisation's name starts with, as char ranges: official division names or
/// places the article names (`named`; renamed divisions such as a 县 now a 市), and after one of
/// them, smaller places (`新安镇道峨村小学` → `新安镇`, `道峨村`). At least two
/// characters of the name are left for the organisation itself.
fn places_in_name(name: &[char], named: impl Fn(&str) -> bool) -> Vec<(usize, usize)> {
    let g = gazetteer();
    let mut out: Vec<(usize, usize)> = Vec::new();
    // The party's and the league's local bodies name their place after the party's
    // (`共青团西宁市城中区委员会`, `中共渝中区委`).
    let mut i = [
        "中国共产党",
        "共青团",
        "中共",
        "民革",
        "民盟",
        "民建",
        "民进",
        "农工党",
        "致公党",
        "九三学社",
        "台盟",
    ]
    .iter()
    .find(|p| lexicon::starts_with_at(name, 0, p))
    .map_or(0, |p| p.chars().count());
    // A committee is named by its place and `委` alone (`昆明市委`).
    let own = if name.last() == Some(&'委') { 1 } else { 2 };
    loop {
        let room = name.len().saturating_sub(i + own);
        let official = (2..=room.min(g.max_len.max(6))).rev().find(|&n| {
            let form: String = name[i..i + n].iter().collect();
            !LEVEL_WORDS.contains(&form.as_str())
                && form != "特区"
                && (g.is_full_name(&form) || named(&form))
        });
        let small = || {
            (2..=room.min(5)).find(|&n| {
                SMALL_PLACE_SUFFIXES
                    .iter()
                    .any(|x| lexicon::ends_with_at(name, i + n, x) && n > x.chars().count() + 1)
            })
        };
        match official.or_else(|| (!out.is_empty()).then(small).flatten()) {
            // The name goes on in Han characters (not `中国-东盟…`).
            Some(n) if name.get(i + n).is_some_and(|&c| is_han(c)) => {
                out.push((i, i + n));
                // `澳门` + `特区` + `政府`: the region word belongs to the place.
                i = region_end(name, i + n);
            }
            _ => return out,
        }
    }
}

/// Whether `c` is a common Han character.
fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `within` from the places an organisation's name starts with: each place of the chain in the
/// one before, the organisation in the last (`平果县教育局` in 平果县, `新安镇道峨村小学` in
/// 道峨村 in 新安镇), which also names it from that place on (`道峨村小学`).
fn located_in_name(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    context: &BTreeSet<u32>,
    d: &Doc<'_, '_>,
    ids: &[EntityId],
    (from, to): (usize, usize),
    org: EntityId,
) {
    let name = &d.chars[from..to];
    let span = |s: usize, e: usize| Span {
        article: d.article.id,
        start: (from + s) as u32,
        end: (from + e) as u32,
    };
    let mut prev: Option<EntityId> = None;
    let named = |form: &str| d.place_named(form).is_some();
    let chain = places_in_name(name, named);
    for &(s, e) in &chain {
        let form: String = name[s..e].iter().collect();
        // The entity the article's own mention of that place has, else the division, else
        // the name.
        let mentioned = d.place_named(&form);
        let division = pick_division(&form, context).filter(|_| gazetteer().is_full_name(&form));
        let id = match (mentioned, division) {
            (Some(j), _) => ids[j],
            (None, Some(div)) => {
                let label = gazetteer().divisions[div as usize].name.clone();
                let id = b.entity(Key::Division(div), EntityKind::Place, &label);
                divisions.insert(id, div);
                id
            }
            (None, None) => b.entity(
                Key::Name(EntityKind::Place, form.clone()),
                EntityKind::Place,
                &form,
            ),
        };
        b.entities[id.index()].mentions.push(span(s, e));
        *b.surfaces[id.index()].entry(form).or_default() += 1;
        if let Some(p) = prev {
            b.relate(id, p, RelationKind::Within, None, None, Some(span(0, e)));
        }
        prev = Some(id);
    }
    if let (Some(p), Some(&(s, _))) = (prev, chain.last()) {
        b.relate(
            org,
            p,
            RelationKind::Within,
            None,
            None,
            Some(span(0, name.len())),
        );
        if chain.len() > 1 {
            let own: String = name[s..].iter().collect();
            b.surfaces[org.index()].entry(own).or_default();
        }
    }
}

/// `法国首都巴黎`, `湖南省省会长沙`: a capital written after its country or province lies in it.
fn capitals_within(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId]) {
    for (k, m) in d.mentions.iter().enumerate() {
        if m.kind != EntityKind::Place || m.start < 2 {
            continue;
        }
        let word = ["首都", "省会", "首府"]
            .iter()
            .any(|w| lexicon::ends_with_at(&d.chars, m.start, w));
        if let Some(j) = place_ending_at(d, m.start - 2).filter(|_| word) {
            let ev = Span {
                article: d.article.id,
                start: d.mentions[j].start as u32,
                end: m.end as u32,
            };
            b.relate(ids[k], ids[j], RelationKind::Within, None, None, Some(ev));
        }
    }
}

/// The place mention ending at `end`.
fn place_ending_at(d: &Doc<'_, '_>, end: usize) -> Option<usize> {
    d.ending_at(end).iter().copied().find(|&j| {
        let p = &d.mentions[j];
        p.kind == EntityKind::Place && p.start < end
    })
}

/// Whether place mention `j` is written with its level (`泾源县`, `城中区`), as places that
/// own the unit after them are; short forms and foreign cities are not (`山东`, `南非`).
fn names_a_level(d: &Doc<'_, '_>, j: usize) -> bool {
    let g = gazetteer();
    let s = surface(&d.chars, &d.mentions[j]);
    // A chain of short forms, each inside the one before (`四川雅安`, `西藏林芝`), places too.
    let inside_previous = place_ending_at(d, d.mentions[j].start).is_some_and(|p| {
        let outer = surface(&d.chars, &d.mentions[p]);
        g.lookup(&s)
            .iter()
            .any(|&a| g.lookup(&outer).iter().any(|&b| g.is_inside(a, b)))
    });
    g.is_full_name(&s)
        || inside_previous
        || (s.chars().count() >= 2
            && s.ends_with(['省', '市', '县', '区', '镇', '乡', '村', '州', '旗']))
}

/// Where the run of place mentions written right before `end` starts, if there is one.
fn places_before(d: &Doc<'_, '_>, end: usize) -> Option<usize> {
    let mut start = d.mentions[place_ending_at(d, end)?].start;
    while let Some(j) = place_ending_at(d, start) {
        start = d.mentions[j].start;
    }
    Some(start)
}

/// `within` from places written right before an organisation's mention (`西宁市` +
/// `城中区委宣传部`): the organisation lies in the last of them, and the whole run is a name of
/// it (`西宁市城中区委宣传部`).
fn located_before_name(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId], k: usize) {
    let m = &d.mentions[k];
    // Only an official place name written before a unit places it (`泾源县公安局`); a short
    // form or a foreign city there is a list or a dateline (`南非新华社`, `斯特拉斯堡欧盟`).
    let Some(last) = place_ending_at(d, m.start).filter(|&j| names_a_level(d, j)) else {
        return;
    };
    let Some(start) = places_before(d, m.start) else {
        return;
    };
    let ev = Span {
        article: d.article.id,
        start: start as u32,
        end: m.end as u32,
    };
    b.relate(
        ids[k],
        ids[last],
        RelationKind::Within,
        None,
        None,
        Some(ev),
    );
    let whole: String = d.chars[start..m.end].iter().collect();
    b.surfaces[ids[k].index()].entry(whole).or_default();
}

/// A place named in an article, for resolving institutions written by level alone.
#[derive(Clone)]
struct PlaceRef {
    start: usize,
    end: usize,
    /// Its entity, when the place is one (not only the ancestor of one).
    id: Option<EntityId>,
    label: String,
    div: Option<u32>,
}

/// Words for a level of government that open an institution written generically, longest
/// first (`区委`, `县政府`, `自治区教育厅`, `街道党工委`).
const LEVEL_WORDS: &[&str] = &[
    "自治区",
    "自治州",
    "街道",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
];

/// `区委宣传部` → (`区`, `委宣传部`): an institution named by its level of government alone.
fn generic_institution(s: &str) -> Option<(&'static str, &str)> {
    // Robust to a separator the mention layer left at the start (`,乡党委`).
    let s = s.trim_start_matches(|c| ",，、;；:：".contains(c));
    let (level, rest) = LEVEL_WORDS
        .iter()
        .find_map(|l| s.strip_prefix(l).map(|r| (*l, r)))?;
    let first = rest.chars().next()?;
    // `市场监管局`, `乡村学校`, `县级医院`, `区域中心` are no level's institutions.
    if "场民域级村城属直内外".contains(first) || rest.chars().count() > 8 {
        return None;
    }
    let org_end = rest.ends_with("常委会")
        || lexicon::ORG_SUFFIXES
            .iter()
            .any(|x| rest.ends_with(x) && *x != "所" && *x != "社");
    org_end.then_some((level, rest))
}

/// Whether a place is of the level a level word names (`南岸区` for `区`); gazetteer levels
/// need a gazetteer division, so that `经开区` is no `区`.
fn of_level(label: &str, div: Option<u32>, level: &str) -> bool {
    let gazetteer_level = !matches!(level, "街道" | "镇" | "乡");
    if (gazetteer_level && div.is_none()) || (level == "区" && label.ends_with("自治区")) {
        return false;
    }
    label.ends_with(level) && label.chars().count() > level.chars().count()
}

/// The place a level word stands for at `pos`: the nearest such place named before it, else
/// after it, else an ancestor of that level of a place the article names (`自治区` in an article
/// on a Guangxi county; then without entity or span).
fn level_place(places: &[PlaceRef], level: &str, pos: usize) -> Option<PlaceRef> {
    let fits = |p: &&PlaceRef| of_level(&p.label, p.div, level);
    let named = places
        .iter()
        .filter(|p| p.start < pos)
        .filter(fits)
        .max_by_key(|p| p.start)
        .or_else(|| places.iter().filter(|p| p.start >= pos).find(fits));
    if let Some(p) = named {
        return Some(p.clone());
    }
    let g = gazetteer();
    places.iter().filter_map(|p| p.div).find_map(|d| {
        let mut cur = g.divisions[d as usize].parent;
        while let Some(a) = cur {
            let name = &g.divisions[a as usize].name;
            if of_level(name, Some(a), level) {
                return Some(PlaceRef {
                    start: 0,
                    end: 0,
                    id: None,
                    label: name.clone(),
                    div: Some(a),
                });
            }
            cur = g.divisions[a as usize].parent;
        }
        None
    })
}

/// An organisation's name with a generic level word replaced by the place it stands for
/// (`区委` → `南岸区委`); other names as they are.
fn canonical_org(places: &[PlaceRef], name: &str, pos: usize) -> String {
    generic_institution(name)
        .and_then(|(lv, rest)| Some(level_place(places, lv, pos)?.label + rest))
        .unwrap_or_else(|| name.to_owned())
}

/// The official place name an organisation's name starts with (`吉林省` in `吉林省委`).
fn leading_division(name: &str) -> Option<(String, u32)> {
    let g = gazetteer();
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len().min(g.max_len + 1)).rev().find_map(|n| {
        let form: String = chars[..n].iter().collect();
        let div = *g.lookup(&form).first()?;
        g.is_full_name(&form).then_some((form, div))
    })
}

/// The latest titled name of an article, for the names listed after it.
#[derive(Default)]
struct ListedName {
    /// Where it ends (0, with nothing to share, before any).
    end: usize,
    /// What its last title was of: a bare title listed next is of the same body
    /// (`商务部部长甲、副部长乙`).
    carry: Vec<EntityId>,
    /// Its ranks, which a bare name listed next shares (`硕士研究生甲、乙`).
    ranks: Vec<(EntityId, String)>,
}

/// Relates a person to the bodies of its titles: the chain before the name, a bare name's
/// share of the name listed before it, the titles after the name, and else the one-character
/// head back-reference of [`role_before`].
fn person_roles(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    c: &RoleCtx<'_, '_>,
    k: usize,
    list: &mut ListedName,
) {
    let d = c.d;
    let m = &d.mentions[k];
    let person = c.ids[k];
    let span = |s: usize, e: usize| {
        Some(Span {
            article: d.article.id,
            start: s as u32,
            end: e as u32,
        })
    };
    let role = |b: &mut Builder, t: EntityId, title: &str, ev: Option<Span>| {
        b.relate(
            person,
            t,
            RelationKind::Role,
            Some(title.to_owned()),
            None,
            ev,
        );
    };
    let listed_after =
        |at: usize, seps: &str| at > 0 && seps.contains(d.chars[at - 1]) && list.end + 1 == at;
    let chain = title_chain(d, m.start);
    let mut found = false;
    let mut carried = Vec::new();
    if chain.first().is_some_and(|s| listed_after(s.body, ",，、")) {
        carried = list.carry.clone();
    }
    let mut ranks = Vec::new();
    if chain.is_empty() && listed_after(m.start, "、") {
        ranks = std::mem::take(&mut list.ranks);
        for (t, title) in &ranks {
            role(b, *t, title, span(m.start - 1, m.end));
        }
    }
    let mut last_carry = Vec::new();
    for seg in chain {
        let mut targets = seg_targets(b, divisions, c, &seg);
        if targets.all.is_empty() {
            targets.all = carried.clone();
            targets.carry = carried.clone();
        }
        let title: String = d.chars[seg.title.0..seg.title.1].iter().collect();
        for &t in &targets.all {
            found = true;
            role(b, t, &title, span(seg.body, m.end));
            if seg.title.1 == m.start && is_shared_rank(&title) {
                ranks.push((t, title.clone()));
            }
        }
        last_carry.clone_from(&targets.carry);
        carried = if seg.joined {
            targets.carry
        } else {
            Vec::new()
        };
    }
    *list = ListedName {
        end: m.end,
        carry: last_carry,
        ranks,
    };
    for group in titles_after(d, m.end) {
        let mut carried: Vec<EntityId> = Vec::new();
        for seg in group {
            let mut targets = seg_targets(b, divisions, c, &seg);
            if targets.all.is_empty() {
                targets.all = carried.clone();
            }
            let title: String = d.chars[seg.title.0..seg.title.1].iter().collect();
            for &t in &targets.all {
                found = true;
                role(b, t, &title, span(m.start, seg.title.1));
            }
            carried = if seg.joined {
                targets.carry
            } else {
                Vec::new()
            };
        }
    }
    if !found {
        if let Some((org, title, ev_start)) = role_before(d, k) {
            role(b, c.ids[org], &title, span(ev_start, m.end));
        }
    }
}

/// Titles roles need beyond the lexicon's (which also drive name recognition): academic,
/// diplomatic and spokesperson titles, committee membership, `负责人`.
const ROLE_TITLES: &[&str] = &[
    "主任委员",
    "常委",
    "成员",
    "院士",
    "教授",
    "研究员",
    "特派员",
    "新闻发言人",
    "发言人",
    "议长",
    "总统",
    "总理",
    "首相",
    "行政长官",
    "负责人",
    "首席专家",
    "网格员",
    "老师",
    "干部",
    "代表",
    "公诉人",
    "检察官",
    "法官",
    "审判员",
    "硕士研究生",
    "博士研究生",
    "研究生",
    "博士生",
];

/// The length of the title at `i`: the lexicon's, or modifiers and one of [`ROLE_TITLES`]; a
/// leading `原` (former) belongs to the title.
fn title_at(chars: &[char], i: usize) -> usize {
    if chars.get(i) == Some(&'原') {
        let n = title_at(chars, i + 1);
        return if n > 0 { n + 1 } else { 0 };
    }
    let mut j = i;
    while let Some(m) = ["常务副", "副", "党组", "党委", "首席"]
        .iter()
        .find(|m| lexicon::starts_with_at(chars, j, m))
    {
        j += m.chars().count();
    }
    let extra = ROLE_TITLES
        .iter()
        .filter(|t| lexicon::starts_with_at(chars, j, t))
        .map(|t| j - i + t.chars().count())
        .max()
        .unwrap_or(0);
    lexicon::title_len_at(chars, i).max(extra)
}

/// Whether a title is a rank many hold at once (`硕士研究生`, `教授`, `委员`), which a name
/// listed bare after its holder shares, unlike a post one holds (`县委书记甲、乙`).
fn is_shared_rank(title: &str) -> bool {
    const RANKS: &[&str] = &[
        "研究生",
        "博士生",
        "教授",
        "老师",
        "院士",
        "委员",
        "常委",
        "代表",
        "成员",
        "干部",
        "网格员",
        "研究员",
        "专家",
    ];
    RANKS.iter().any(|r| title.ends_with(r))
}

/// The level word of a title that heads a place (`副县长` → `县`): its body is the place.
fn place_title_level(title: &str) -> Option<&'static str> {
    const HEADS: [(&str, &str); 8] = [
        ("省长", "省"),
        ("市长", "市"),
        ("县长", "县"),
        ("区长", "区"),
        ("州长", "自治州"),
        ("旗长", "旗"),
        ("镇长", "镇"),
        ("乡长", "乡"),
    ];
    let head = title
        .trim_start_matches('原')
        .trim_start_matches("常务")
        .trim_start_matches('副');
    HEADS.iter().find(|(h, _)| *h == head).map(|(_, l)| *l)
}

/// One title of the chain before a name (`甲区委书记、乙开发区党工委书记(兼)张三`).
struct TitleSeg {
    /// Where its body (organisations or places before the title, maybe none) starts.
    body: usize,
    /// The title's chars.
    title: (usize, usize),
    /// Joined to the next title by `、`/`兼`: a next title without body shares this one's.
    joined: bool,
}

/// What may stand before a title of a chain other than the one next to the name.
const CHAIN_BOUNDARY: &str = ",，、:：;；。\n (（";

/// The titles written before the name starting at `name`, left to right. The title next to the
/// name may follow anything; the others are whole items of a `、`/comma list of titles.
fn title_chain(d: &Doc<'_, '_>, name: usize) -> Vec<TitleSeg> {
    let chars = &d.chars;
    let mut segs: Vec<TitleSeg> = Vec::new();
    let mut pos = name;
    let mut joined = false;
    while segs.len() < 8 {
        let mut end = pos;
        for c in ["(兼)", "（兼）"] {
            if lexicon::ends_with_at(chars, end, c) {
                end -= 3;
            }
        }
        let Some(t) = (end.saturating_sub(10)..end).find(|&t| title_at(chars, t) == end - t) else {
            // `中国科学院院士、理论物理学家孙某`: a profession in a `、` list is skipped.
            match descriptor_start(chars, end) {
                Some(s) if s > 0 && chars[s - 1] == '、' => {
                    pos = s - 1;
                    joined = false;
                    continue;
                }
                _ => break,
            }
        };
        let t = organ_of_body(d, t, end);
        let body = body_start(d, t, end);
        let body = qualified_after_jian(chars, body).unwrap_or(body);
        // A `、` list of titles before a name is one chain wherever it starts; after a comma
        // the item must be whole (not `他曾任县委书记,县长王五`).
        if !segs.is_empty() && !joined && body > 0 && !CHAIN_BOUNDARY.contains(chars[body - 1]) {
            break;
        }
        segs.push(TitleSeg {
            body,
            title: (t, end),
            joined,
        });
        if body == 0 || !",，、兼".contains(chars[body - 1]) {
            break;
        }
        joined = matches!(chars[body - 1], '、' | '兼');
        pos = body - 1;
    }
    segs.reverse();
    segs
}

/// `副部长兼国际贸易谈判副代表`: a title held jointly (`兼`) may carry an unnamed qualifier of
/// a few characters; the qualifier is part of that title, which joins the one before `兼`.
fn qualified_after_jian(chars: &[char], body: usize) -> Option<usize> {
    let k = (body.saturating_sub(9)..body.saturating_sub(1))
        .rev()
        .find(|&k| chars[k] == '兼')?;
    chars[k + 1..body]
        .iter()
        .all(|&c| is_han(c) && !"的和与及在".contains(c))
        .then_some(k + 1)
}

/// Where a profession written before a name starts (`理论物理学家`, `青年作家`): a few
/// characters ending in `家`.
fn descriptor_start(chars: &[char], end: usize) -> Option<usize> {
    if end < 3 || chars[end - 1] != '家' {
        return None;
    }
    (end.saturating_sub(7)..end - 2)
        .find(|&s| chars[s..end - 1].iter().all(|&c| is_han(c)))
        .filter(|&s| s == 0 || !is_han(chars[s - 1]))
}

/// Where a place's name ends together with a `特区`/`特别行政区` written after it (`香港特区`).
fn region_end(chars: &[char], end: usize) -> usize {
    ["特别行政区", "特区"]
        .iter()
        .find(|x| lexicon::starts_with_at(chars, end, x))
        .map_or(end, |x| end + x.chars().count())
}

/// Party organs a title may open with (`党委副书记`).
const ORGANS: &[&str] = &["党工委", "党委", "党组", "纪委", "党支部", "党总支"];

/// Moves a title's start past a party organ that belongs to its body: after a place
/// (`龙城社区` + `党支部` + `书记`) or a level word (`乡` + `党委` + `副书记`) the organ is the
/// place's, and the body is that organ.
fn organ_of_body(d: &Doc<'_, '_>, t: usize, end: usize) -> usize {
    let chars = &d.chars;
    let Some(organ) = ORGANS.iter().find(|o| lexicon::starts_with_at(chars, t, o)) else {
        return t;
    };
    let after = t + organ.chars().count();
    let place_before = d
        .ending_at(t)
        .iter()
        .any(|&j| d.mentions[j].kind == EntityKind::Place);
    let level_before = t > 0
        && "省市县区镇乡旗".contains(chars[t - 1])
        && (t == 1 || GENERIC_BEFORE.contains(chars[t - 2]));
    if (place_before || level_before) && title_at(chars, after) == end - after {
        after
    } else {
        t
    }
}

/// The `、` lists of titles written after the name ending at `name_end`: in brackets
/// (`陈某(甲厅乙处处长)`), and the whole items of a profile that opens a sentence with the name
/// (`葛某，1938年生，中国科学院院士，南开大学教授。`, `张某，甲县县长，…`).
fn titles_after(d: &Doc<'_, '_>, name_end: usize) -> Vec<Vec<TitleSeg>> {
    let chars = &d.chars;
    let whole = |a: usize, z: usize| {
        let segs: Vec<TitleSeg> = title_chain(d, z)
            .into_iter()
            .filter(|s| s.body >= a)
            .collect();
        segs.first().is_some_and(|s| s.body == a).then_some(segs)
    };
    let Some(&open) = chars.get(name_end) else {
        return Vec::new();
    };
    if "(（".contains(open) {
        let close =
            (name_end + 1..chars.len().min(name_end + 40)).find(|&i| ")）".contains(chars[i]));
        return close
            .and_then(|z| whole(name_end + 1, z))
            .into_iter()
            .collect();
    }
    let name_start = d
        .ending_at(name_end)
        .iter()
        .map(|&j| &d.mentions[j])
        .find(|m| m.kind == EntityKind::Person)
        .map_or(name_end, |m| m.start);
    let opens = name_start == 0 || "。\n！？".contains(chars[name_start - 1]);
    if !opens || !",，".contains(open) {
        return Vec::new();
    }
    let end = (name_end..chars.len())
        .find(|&i| "。\n！？；;".contains(chars[i]))
        .unwrap_or(chars.len());
    let mut out = Vec::new();
    let mut a = name_end + 1;
    for z in (a..=end).filter(|&i| i == end || ",，".contains(chars[i])) {
        out.extend(whole(a, z));
        a = z + 1;
    }
    out
}

/// Chars that may stand right before an institution written by level alone (`由县委书记`), so
/// that `区党支部` inside `社区党支部` is none.
const GENERIC_BEFORE: &str = ",，、:：;；。\n (（由在任为和与及的是原";

/// Where the body of the title `t..end` starts: organisation and place mentions ending at it
/// (or inside it, `龙山街道党工委` + `书记`), an institution written by level alone (`区政府`),
/// and a leading `中共`.
fn body_start(d: &Doc<'_, '_>, t: usize, end: usize) -> usize {
    let chars = &d.chars;
    let named = |m: &&Mention| matches!(m.kind, EntityKind::Organisation | EntityKind::Place);
    let mut cur = d.mentions[d.around(t)]
        .iter()
        .filter(named)
        .filter(|m| m.start < t && m.end > t && m.end < end)
        .map(|m| m.start)
        .min()
        .unwrap_or(t);
    loop {
        // Ending at `cur`, or before a region word ending there (`澳门` + `特别行政区`).
        let ends = ["", "特区", "特别行政区"]
            .iter()
            .filter_map(|w| cur.checked_sub(w.chars().count()));
        let next = ends
            .flat_map(|e| d.ending_at(e).iter().map(|&j| &d.mentions[j]))
            .filter(named)
            .filter(|m| m.start < cur && (m.end == cur || region_end(chars, m.end) == cur))
            .map(|m| m.start)
            .min()
            .or_else(|| {
                (2..=8.min(cur)).rev().map(|n| cur - n).find(|&s| {
                    let text: String = chars[s..cur].iter().collect();
                    generic_institution(&text).is_some()
                        && (s == 0 || GENERIC_BEFORE.contains(chars[s - 1]))
                })
            })
            .or_else(|| {
                // A place and a body's tail (`渝中区` + `委`, `吉林省` + `政府`).
                let mut near: Vec<usize> = (cur.saturating_sub(6)..cur)
                    .flat_map(|e| d.ending_at(e).iter().copied())
                    .collect();
                near.sort_unstable();
                near.into_iter()
                    .map(|j| &d.mentions[j])
                    .filter(|m| m.kind == EntityKind::Place && m.end < cur && m.end + 6 >= cur)
                    .find(|m| {
                        let tail: String = chars[m.end..cur].iter().collect();
                        generic_institution(&format!("县{tail}")).is_some()
                    })
                    .map(|m| m.start)
            })
            .or_else(|| lexicon::ends_with_at(chars, cur, "中共").then(|| cur - 2));
        match next {
            Some(s) => cur = s,
            None => return cur,
        }
    }
}

/// What the role resolution reads of the article being linked.
struct RoleCtx<'a, 'b> {
    d: &'a Doc<'a, 'b>,
    ids: &'a [EntityId],
    places: &'a [PlaceRef],
}

/// The entity of a place found by [`level_place`], made when the place is named only inside an
/// organisation's name (`吉林省` in `吉林省委`).
fn place_entity(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    aid: ArticleId,
    p: &PlaceRef,
) -> Option<EntityId> {
    if p.id.is_some() {
        return p.id;
    }
    let div = p.div?;
    if let Some(&id) = b.keys.get(&Key::Division(div)) {
        return Some(id);
    }
    if p.end == p.start {
        return None;
    }
    let id = b.entity(Key::Division(div), EntityKind::Place, &p.label);
    divisions.insert(id, div);
    b.entities[id.index()].mentions.push(Span {
        article: aid,
        start: p.start as u32,
        end: p.end as u32,
    });
    Some(id)
}

/// An organisation the mention layer missed but a title's body names (`中共渝中区委`), or the
/// canonical one of an institution written by level alone (`区政府` → `南岸区政府`).
fn body_org(b: &mut Builder, aid: ArticleId, name: &str, text: &str, at: usize) -> EntityId {
    let kind = EntityKind::Organisation;
    let id = b.entity(Key::Name(kind, org_core(name)), kind, name);
    b.entities[id.index()].mentions.push(Span {
        article: aid,
        start: at as u32,
        end: (at + text.chars().count()) as u32,
    });
    b.surfaces[id.index()].entry(name.to_owned()).or_default();
    *b.surfaces[id.index()].entry(text.to_owned()).or_default() += 1;
    id
}

/// The entities a title of a chain links its person to: the organisations ending at or inside
/// the title, else a place right before it, else an organisation built from the body's text;
/// and the place itself for place heads (`区长`) and for leading bodies written by level alone
/// (a `县委书记` leads the county, whether or not `县委` is named).
fn seg_targets(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    c: &RoleCtx<'_, '_>,
    seg: &TitleSeg,
) -> Targets {
    let d = c.d;
    let aid = d.article.id;
    let (t, end) = seg.title;
    let title: String = d.chars[t..end].iter().collect();
    let mut level = place_title_level(&title);
    let mut out: Vec<EntityId> = Vec::new();
    let mut carry: Vec<EntityId> = Vec::new();
    for j in d.starting_in(seg.body, t) {
        let m = &d.mentions[j];
        if m.kind != EntityKind::Organisation || m.start < seg.body || m.start >= t {
            continue;
        }
        if m.end == t {
            carry.push(c.ids[j]);
        } else if m.end > t && m.end < end {
            // `X集团党委` + `党委书记`: the title holder leads X集团's 党委 and so X集团 too;
            // a title listed next (`、董事长`) is X集团's.
            match organ_parent(d, m, t) {
                Some(Ok(place)) => carry.push(c.ids[place]),
                Some(Err(parent)) => carry.push(body_org(b, aid, &parent, &parent, m.start)),
                None => carry.push(c.ids[j]),
            }
        } else {
            continue;
        }
        out.push(c.ids[j]);
        let s: String = d.chars[m.start..m.end].iter().collect();
        if let Some((lv, rest)) = generic_institution(&s) {
            if LEADING_BODIES.contains(&rest) {
                level = level.or(Some(lv));
            }
        }
    }
    out.extend(carry.iter().copied());
    if out.is_empty() {
        if let Some(j) = d.starting_in(seg.body, t).find(|&j| {
            let m = &d.mentions[j];
            m.kind == EntityKind::Place && m.start >= seg.body && region_end(&d.chars, m.end) == t
        }) {
            return Targets {
                all: vec![c.ids[j]],
                carry: vec![c.ids[j]],
            };
        }
    }
    if out.is_empty() && seg.body < t {
        let text: String = d.chars[seg.body..t].iter().collect();
        if let Some((lv, rest)) = generic_institution(&text) {
            if let Some(p) = level_place(c.places, lv, seg.body) {
                out.push(body_org(b, aid, &(p.label + rest), &text, seg.body));
                if LEADING_BODIES.contains(&rest) {
                    level = level.or(Some(lv));
                }
            }
        } else if let Some(p) = c
            .places
            .iter()
            .rev()
            .find(|p| p.id.is_some() && p.start >= seg.body && p.end < t && p.end + 6 >= t)
        {
            // `中共` + place + a committee or government tail.
            let tail: String = d.chars[p.end..t].iter().collect();
            if generic_institution(&format!("县{tail}")).is_some() {
                let id = body_org(b, aid, &text, &text, seg.body);
                let ev = Span {
                    article: aid,
                    start: seg.body as u32,
                    end: t as u32,
                };
                if let Some(pid) = p.id {
                    b.relate(id, pid, RelationKind::Within, None, None, Some(ev));
                }
                out.push(id);
            }
        }
    }
    if let Some(lv) = level {
        if let Some(p) = level_place(c.places, lv, t) {
            out.extend(place_entity(b, divisions, aid, &p));
        }
    }
    out.sort();
    out.dedup();
    if carry.is_empty() {
        carry = out.clone();
    }
    Targets { all: out, carry }
}

/// The body whose party organ an organisation mention running into its title is
/// (`国家文物局党组` + `党组成员` → `国家文物局`): a place mention of that text, else the text
/// when it ends in an organisation head.
fn organ_parent(d: &Doc<'_, '_>, m: &Mention, t: usize) -> Option<Result<usize, String>> {
    let organ = lexicon::ORG_SUFFIXES.iter().any(|x| {
        lexicon::ends_with_at(&d.chars, m.end, x) && lexicon::starts_with_at(&d.chars, t, x)
    });
    if !organ || t < m.start + 2 {
        return None;
    }
    if let Some(j) = d.starting_in(m.start, m.start + 1).find(|&j| {
        let p = &d.mentions[j];
        p.kind == EntityKind::Place && p.start == m.start && p.end == t
    }) {
        return Some(Ok(j));
    }
    let parent: String = d.chars[m.start..t].iter().collect();
    lexicon::ORG_SUFFIXES
        .iter()
        .any(|x| parent.ends_with(x))
        .then_some(Err(parent))
}

/// The bodies that lead a place (its committee, government, congress and conference): a
/// title in one written by level alone (`县委书记`, `省人大常委会主任`) is the place's too,
/// unlike one in a department (`区委宣传部部长`).
const LEADING_BODIES: &[&str] = &[
    "委",
    "党委",
    "党工委",
    "政府",
    "人民政府",
    "人大常委会",
    "政协",
];

/// What a title links its person to, and what a next title of a `、` list shares.
struct Targets {
    all: Vec<EntityId>,
    carry: Vec<EntityId>,
}

/// `[org][title][person]`: the organisation and title right before a person mention, or a title
/// after a bare organisation head (`局党委书记`) that refers back to the article's latest
/// organisation with that head.
fn role_before(d: &Doc<'_, '_>, k: usize) -> Option<(usize, String, usize)> {
    let p = &d.mentions[k];
    let chars = &d.chars;
    for t_start in p.start.saturating_sub(8)..p.start {
        if lexicon::title_len_at(chars, t_start) != p.start - t_start {
            continue;
        }
        let title: String = chars[t_start..p.start].iter().collect();
        // The organisation ending where the title starts, or inside its party-organ prefix
        // (`龙山街道党工委` + `副书记` under the title `党工委副书记`).
        let org = d
            .around(t_start)
            .filter(|&j| {
                let o = &d.mentions[j];
                o.kind == EntityKind::Organisation
                    && o.start < t_start
                    && o.end >= t_start
                    && o.end < p.start
            })
            .min_by_key(|&j| (std::cmp::Reverse(d.mentions[j].end), d.mentions[j].start));
        if let Some(j) = org {
            return Some((j, title, d.mentions[j].start));
        }
        // `公司董事长`, `该医院院长`: a generic head standing for the latest organisation
        // named before with that head.
        if let Some(j) = generic_head_before(d, k, t_start) {
            return Some((j, title, t_start - 2));
        }
        // `局党委书记`: a one-char head standing for the organisation named before.
        if t_start > 0 {
            let head = chars[t_start - 1];
            if "局委部厅院所社".contains(head) && d.ending_at(t_start).is_empty() {
                let j = d.last_org_ending_in(head, k)?;
                return Some((j, title, t_start - 1));
            }
        }
        return None;
    }
    None
}

/// The organisation a generic two-character head before a title refers back to: `公司` (alone
/// after a clause boundary, or after `该`/`本`) stands for the latest organisation before the
/// person `k` whose name ends in that head (`…科技有限公司` … `公司董事长王某`).
fn generic_head_before(d: &ArticleMentions<'_>, k: usize, t: usize) -> Option<usize> {
    const HEADS: &[&str] = &[
        "公司", "集团", "医院", "学校", "大学", "学院", "银行", "协会",
    ];
    let chars = &d.chars;
    let head = HEADS.iter().find(|h| lexicon::ends_with_at(chars, t, h))?;
    let s = t - 2;
    let alone = s == 0 || !is_han(chars[s - 1]) || "该本".contains(chars[s - 1]);
    if !alone || d.mentions.iter().any(|m| m.end == t) {
        return None;
    }
    // The latest few hundred mentions: a reference reaches back a few paragraphs, and an
    // article of thousands of such titles stays linear.
    (k.saturating_sub(300)..k).rev().find(|&j| {
        let m = &d.mentions[j];
        m.kind == EntityKind::Organisation
            && m.end <= s
            && chars[m.start..m.end]
                .iter()
                .collect::<String>()
                .ends_with(head)
    })
}

/// `within` from the gazetteer: each place lies in its nearest ancestor named in the corpus.
fn gazetteer_within(b: &mut Builder, divisions: &BTreeMap<EntityId, u32>) {
    let g = gazetteer();
    let by_div: HashMap<u32, EntityId> = divisions.iter().map(|(&e, &d)| (d, e)).collect();
    let stated: BTreeSet<(EntityId, EntityId)> = b
        .relations
        .keys()
        .filter(|(_, _, k, _, _)| *k == RelationKind::Within)
        .map(|(s, t, _, _, _)| (*s, *t))
        .collect();
    for (&e, &d) in divisions {
        let mut cur = g.divisions[d as usize].parent;
        while let Some(p) = cur {
            if let Some(&pe) = by_div.get(&p) {
                if !stated.contains(&(e, pe)) {
                    b.relate(
                        e,
                        pe,
                        RelationKind::Within,
                        Some("gazetteer".to_owned()),
                        None,
                        None,
                    );
                }
                break;
            }
            cur = g.divisions[p as usize].parent;
        }
    }
}

fn finish(mut b: Builder) -> (Vec<Entity>, Vec<Relation>) {
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
                let inner = without_place_chain(s);
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
            // `“邻里帮”志愿服务队` is the team 邻里帮志愿服务队: the marks set its name off, they
            // are not part of it (the quoted form stays an alias).
            if e.kind == EntityKind::Organisation && e.label.contains(['“', '”']) {
                e.label = e.label.replace(['“', '”'], "");
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
        .filter(|(_, _, k, _, _)| *k != RelationKind::CoOccurs && *k != RelationKind::Authored)
        .flat_map(|(s, t, _, _, _)| [(*s, *t), (*t, *s)])
        .collect();
    let mut rels: Vec<Relation> = b
        .relations
        .into_iter()
        .filter(|((s, t, k, _, _), _)| *k != RelationKind::CoOccurs || !typed.contains(&(*s, *t)))
        .map(
            |((source, target, kind, label, article), (weight, evidence))| Relation {
                source,
                target,
                kind,
                label,
                weight,
                article,
                evidence,
            },
        )
        .collect();
    rels.sort_by_key(|r| (r.kind, r.source, r.target));
    (b.entities, rels)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::mentions::Source;

    /// An article from marked text: `[甲县|p]` is a place mention, `o` organisation, `h` person.
    fn article(marked: &str) -> (Article, Vec<Mention>) {
        let mut text = String::new();
        let mut mentions = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = rest[open..].find(']').unwrap() + open;
            let (name, kind) = rest[open + 1..close].split_once('|').unwrap();
            let start = text.chars().count();
            text.push_str(name);
            let kind = match kind {
                "p" => EntityKind::Place,
                "o" => EntityKind::Organisation,
                _ => EntityKind::Person,
            };
            mentions.push(Mention {
                start,
                end: start + name.chars().count(),
                kind,
                source: Source::Rule,
            });
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        let a = Article {
            id: ArticleId(0),
            title: String::new(),
            authors: Vec::new(),
            date: None,
            source: "test".into(),
            text,
        };
        (a, mentions)
    }

    /// The typed relations of one marked article as `source kind target` lines.
    fn typed(marked: &str) -> Vec<String> {
        let (a, mentions) = article(marked);
        let docs = [ArticleMentions {
            article: &a,
            chars: a.text.chars().collect(),
            mentions,
        }];
        let (ents, rels) = link(&docs);
        rels.iter()
            .filter(|r| !matches!(r.kind, RelationKind::CoOccurs | RelationKind::Authored))
            .map(|r| {
                let kind = format!("{:?}", r.kind).to_lowercase();
                let (s, t) = (&ents[r.source.index()], &ents[r.target.index()]);
                format!("{} {kind} {}", s.label, t.label)
            })
            .collect()
    }

    fn has(rels: &[String], want: &str) -> bool {
        rels.iter().any(|r| r == want)
    }

    /// Same-sentence links of one marked article, and what linking capped.
    fn co_occurrences(marked: &str) -> (usize, LinkStats) {
        let (a, mentions) = article(marked);
        let docs = [ArticleMentions {
            article: &a,
            chars: a.text.chars().collect(),
            mentions,
        }];
        let (_, rels, stats) = link_with_stats(&docs);
        let n = rels
            .iter()
            .filter(|r| r.kind == RelationKind::CoOccurs)
            .count();
        (n, stats)
    }

    /// `count` distinct person names (`人甲0`, …), each marked, joined by `、`.
    fn name_list(count: usize) -> String {
        (0..count)
            .map(|i| format!("[人{i}号|h]"))
            .collect::<Vec<_>>()
            .join("、")
    }

    #[test]
    fn a_sentence_of_news_size_links_every_pair() {
        let k = SENTENCE_ENTITIES_MAX;
        let (n, stats) = co_occurrences(&format!("{}出席。", name_list(k)));
        assert_eq!(n, k * (k - 1) / 2);
        assert_eq!(stats, LinkStats::default());
    }

    #[test]
    fn a_list_of_thousands_of_names_links_only_near_ones_and_says_so() {
        // Two sentences: one listing 3,000 names (4.5 M pairs if all were linked), one short.
        let many = 3000;
        let marked = format!("{}。[甲|h]和[乙|h]。", name_list(many));
        let (n, stats) = co_occurrences(&marked);
        assert!(n <= many * NEAR_MENTIONS + 1, "{n} relations");
        assert!(n >= many - 1, "neighbours are still linked: {n}");
        assert_eq!(stats.capped_sentences, 1);
        assert_eq!(stats.largest_sentence, many);
        // The same names repeated stay one pair each per sentence, not one per repetition.
        let twice = format!("{}、{}。", name_list(many), name_list(many));
        let (n2, _) = co_occurrences(&twice);
        assert!(
            n2 <= many * NEAR_MENTIONS + NEAR_MENTIONS * NEAR_MENTIONS,
            "{n2}"
        );
    }

    #[test]
    fn public_bodies_keep_their_province_and_companies_meet_without_it() {
        assert_ne!(org_core("广东省人大常委会"), org_core("海南省人大常委会"));
        assert_eq!(
            org_core("陕西陕煤黄陵矿业有限公司"),
            org_core("陕煤黄陵矿业")
        );
        assert_eq!(org_core("长沙市岳麓区教育局"), "岳麓区教育局");
        assert_eq!(org_core("隆昌市水利局"), "隆昌市水利局");
        assert_eq!(org_core("光明日报社"), org_core("光明日报"));
        assert_eq!(org_core("读者杂志社"), org_core("读者杂志"));
        assert_ne!(org_core("新华社"), org_core("新华"));
    }

    #[test]
    fn a_party_or_league_body_lies_in_the_place_it_names() {
        let r = typed(
            "[共青团洛阳市栾川县委员会|o]召开会议。[中共栾川县纪委|o]部署工作。[共青团洛阳市委|o]和[民建栾川县工委|o]出席。",
        );
        assert!(has(&r, "共青团洛阳市委 within 洛阳市"), "{r:?}");
        assert!(has(&r, "民建栾川县工委 within 栾川县"), "{r:?}");
        assert!(has(&r, "共青团洛阳市栾川县委员会 within 栾川县"), "{r:?}");
        assert!(has(&r, "栾川县 within 洛阳市"), "{r:?}");
        assert!(has(&r, "中共栾川县纪委 within 栾川县"), "{r:?}");
    }

    #[test]
    fn a_commission_written_after_its_council_is_part_of_it() {
        let r = typed("[国务院|o]召开会议。[国务院国资委|o]负责人出席。");
        assert!(has(&r, "国务院国资委 partof 国务院"), "{r:?}");
    }

    #[test]
    fn a_site_named_after_a_place_lies_in_it() {
        let r = typed("项目落户[洛阳市国际花卉产业园|p]。");
        assert!(has(&r, "洛阳市国际花卉产业园 within 洛阳市"), "{r:?}");
    }

    #[test]
    fn every_title_of_a_chain_links_its_body() {
        let r = typed("[南湖区委|o]书记、[北山开发区党工委|o]书记(兼)[赵立新|h]到访。");
        assert!(has(&r, "赵立新 role 南湖区委"), "{r:?}");
        assert!(has(&r, "赵立新 role 北山开发区党工委"), "{r:?}");
        let r = typed("会见[青石集团党委|o]书记、董事长[钱明远|h]。");
        // The group's party committee is the group in the graph: both titles are its.
        assert_eq!(r, ["钱明远 role 青石集团", "钱明远 role 青石集团"], "{r:?}");
    }

    #[test]
    fn generic_titles_point_at_the_place_or_its_named_institution() {
        let r = typed(
            "[海城区|p]召开会议。[王晓东|h]出席,区委副书记,区政府区长,[东港开发区党工委|o]副书记[孙立|h]讲话。",
        );
        assert!(has(&r, "孙立 role 海城区"), "{r:?}");
        assert!(has(&r, "孙立 role 海城区委"), "{r:?}");
        assert!(has(&r, "孙立 role 海城区政府"), "{r:?}");
        assert!(has(&r, "孙立 role 东港开发区党工委"), "{r:?}");
        assert!(!r.iter().any(|x| x.starts_with("王晓东 role")), "{r:?}");
    }

    #[test]
    fn a_title_before_a_comma_needs_a_whole_item() {
        let r = typed("[平山县|p]消息,他曾任县委书记,县长[李强|h]说。");
        assert!(has(&r, "李强 role 平山县"), "{r:?}");
        assert!(!has(&r, "李强 role 平山县委"), "{r:?}");
    }

    #[test]
    fn a_bare_title_in_a_list_of_names_shares_the_body_before() {
        let r = typed("[农业部|o]部长[林海|h]、副部长[高原|h]、副部长[方舟|h]出席。");
        assert!(has(&r, "高原 role 农业部"), "{r:?}");
        assert!(has(&r, "方舟 role 农业部"), "{r:?}");
        // A title held jointly may carry a qualifier (`兼国际合作副代表`); the list goes on.
        let r =
            typed("[农业部|o]部长[林海|h]、副部长兼国际合作副代表[高原|h]、副部长[方舟|h]出席。");
        assert!(has(&r, "高原 role 农业部"), "{r:?}");
        assert!(has(&r, "方舟 role 农业部"), "{r:?}");
        let r = typed("[农业部|o]部长[林海|h]、[高原|h]出席。");
        assert!(!r.iter().any(|x| x.starts_with("高原 role")), "{r:?}");
    }

    #[test]
    fn a_generic_head_before_a_title_is_the_latest_such_organisation() {
        let r = typed("[青禾科技有限公司|o]成立于2015年。公司董事长[钱明远|h]说。");
        assert!(has(&r, "钱明远 role 青禾科技有限公司"), "{r:?}");
        // Inside a longer word (`子公司`) the head is no reference.
        let r = typed("[青禾科技有限公司|o]成立。其子公司董事长[钱明远|h]说。");
        assert!(!r.iter().any(|x| x.starts_with("钱明远 role")), "{r:?}");
    }

    #[test]
    fn a_party_organ_title_is_also_a_role_in_its_body() {
        let r = typed("[国家林业局党组|o]成员、副局长[田野|h]讲话。");
        assert_eq!(r, ["田野 role 国家林业局", "田野 role 国家林业局"], "{r:?}");
        // A place's committee and a community's branch stay bodies of their own.
        assert_eq!(without_party_organ("龙城社区党支部"), None);
        assert_eq!(without_party_organ("南岸区党委"), None);
    }

    #[test]
    fn a_section_of_a_department_is_part_of_it() {
        let r = typed("由[湖南省财政厅预算处|o]牵头。");
        assert!(has(&r, "湖南省财政厅预算处 partof 湖南省财政厅"), "{r:?}");
        let r = typed("[江城市委宣传部|o]供稿。");
        assert!(!r.iter().any(|x| x.contains("partof")), "{r:?}");
    }

    #[test]
    fn a_body_named_by_level_alone_also_points_at_the_place() {
        let r = typed("[湖南省|p]召开会议,省人大常委会主任[严明|h]出席。");
        assert!(has(&r, "严明 role 湖南省人大常委会"), "{r:?}");
        assert!(has(&r, "严明 role 湖南省"), "{r:?}");
    }

    #[test]
    fn places_opening_a_name_locate_it() {
        let r = typed("[平山县|p]召开会议,[平山县教育局|o]参加。");
        assert!(has(&r, "平山县教育局 within 平山县"), "{r:?}");
        let r = typed("[石门镇|p]的[石门镇桃源村小学|o]开学。");
        assert!(has(&r, "桃源村 within 石门镇"), "{r:?}");
        assert!(has(&r, "石门镇桃源村小学 within 桃源村"), "{r:?}");
        // A bare level word is no place.
        let r = typed("[街道办事处|o]开会。");
        assert!(!r.iter().any(|x| x.contains("within")), "{r:?}");
    }

    #[test]
    fn sub_units_of_schools_corps_and_ministries() {
        let r = typed("[东湖实验教育集团南山分校|o]开学。");
        assert!(
            has(&r, "东湖实验教育集团南山分校 partof 东湖实验教育集团"),
            "{r:?}"
        );
        let r = typed("[兵团第三师歌舞团|o]演出。");
        assert!(has(&r, "兵团第三师歌舞团 partof 兵团第三师"), "{r:?}");
        let r = typed("[商务部|o]消息,[商务部驻沪办事处|o]成立。");
        assert!(has(&r, "商务部驻沪办事处 partof 商务部"), "{r:?}");
        // A title swallowed into a name is no sub-unit.
        let r = typed("[河口县水利局干部|o]说。");
        assert!(!r.iter().any(|x| x.contains("partof")), "{r:?}");
    }

    #[test]
    fn committees_and_regions_written_around_a_place() {
        let r = typed("[临江乡|p]消息,乡党委副书记、乡长[吴敏|h]讲话。");
        assert!(has(&r, "吴敏 role 临江乡党委"), "{r:?}");
        assert!(has(&r, "吴敏 role 临江乡"), "{r:?}");
        let r = typed("中共[海城区|p]委书记[何平|h]出席。");
        assert!(has(&r, "何平 role 中共海城区委"), "{r:?}");
        assert!(has(&r, "中共海城区委 within 海城区"), "{r:?}");
        let r = typed("[澳门|p]特区行政长官[林立|h]说。");
        assert!(has(&r, "林立 role 澳门特别行政区"), "{r:?}");
        let r = typed("[中国工程院|o]院士、材料学家[陆川|h]说。");
        assert!(has(&r, "陆川 role 中国工程院"), "{r:?}");
    }

    #[test]
    fn titles_after_a_name() {
        let r = typed("由[周敏|h]([湖南省财政厅预算处|o]处长)带队。");
        assert!(has(&r, "周敏 role 湖南省财政厅预算处"), "{r:?}");
        let r = typed("[钟文|h]，1950年生，[中国工程院|o]院士，[湘江大学|o]教授。");
        assert!(has(&r, "钟文 role 中国工程院"), "{r:?}");
        assert!(has(&r, "钟文 role 湘江大学"), "{r:?}");
        // Only at the head of a sentence: here the titles are another person's.
        let r = typed("会见了[钟文|h]，[湘江大学|o]校长[江河|h]。");
        assert!(!has(&r, "钟文 role 湘江大学"), "{r:?}");
    }

    #[test]
    fn a_department_written_by_level_alone_is_not_the_place() {
        let r = typed("[海城区|p]消息,区委宣传部部长[方圆|h]出席。");
        assert!(has(&r, "方圆 role 海城区委宣传部"), "{r:?}");
        assert!(!has(&r, "方圆 role 海城区"), "{r:?}");
        let r = typed("[澳门|p]消息,[澳门特区政府|o]表示。");
        assert!(has(&r, "澳门特区政府 within 澳门特别行政区"), "{r:?}");
    }

    #[test]
    fn places_written_before_an_organisation_are_part_of_its_name() {
        let r = typed("[河口县|p][公安局刑侦大队|o]和[临江县|p][公安局刑侦大队|o]联手。");
        assert!(has(&r, "河口县公安局刑侦大队 partof 河口县公安局"), "{r:?}");
        assert!(has(&r, "临江县公安局刑侦大队 partof 临江县公安局"), "{r:?}");
        assert!(has(&r, "河口县公安局 within 河口县"), "{r:?}");
        assert!(has(&r, "河口县公安局刑侦大队 within 河口县"), "{r:?}");
    }

    #[test]
    fn a_bare_name_after_a_ranked_one_shares_a_rank_but_not_a_post() {
        let r = typed("[湘江大学化学学院|o]博士研究生[林立|h]、[江川|h]、[夏雨|h]参加。");
        assert!(has(&r, "江川 role 湘江大学化学学院"), "{r:?}");
        assert!(has(&r, "夏雨 role 湘江大学化学学院"), "{r:?}");
        let r = typed("[南湖区委|o]书记[赵立|h]、[钱进|h]出席。");
        assert!(!r.iter().any(|x| x.starts_with("钱进 role")), "{r:?}");
    }

    #[test]
    fn a_capital_lies_in_its_country() {
        let r = typed("抵达[意大利|p]首都[罗马|p]。");
        assert!(has(&r, "罗马 within 意大利"), "{r:?}");
    }

    #[test]
    fn a_place_head_after_a_committee_is_the_province() {
        let r = typed("[河北省委|o]副书记、省长[周平|h]会见客商。");
        assert!(has(&r, "周平 role 河北省"), "{r:?}");
        assert!(has(&r, "周平 role 河北省委"), "{r:?}");
    }
}
