//! From mentions to entities and relations: alias merging, typed relations with evidence, and
//! sentence co-occurrence as the fallback.

use super::lexicon::{self, gazetteer, Level};
use super::mentions::Mention;
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

/// The merge key of an organisation name: without a leading province name and a trailing legal
/// form, so `陕西陕煤黄陵矿业有限公司` and `陕煤黄陵矿业` meet, but `隆昌市水利局` and
/// `宜宾市水利局` stay apart.
fn org_core(name: &str) -> String {
    let g = gazetteer();
    let mut core = name;
    for n in (2..=4).rev() {
        let Some((idx, _)) = core.char_indices().nth(n) else {
            continue;
        };
        let head = &core[..idx];
        let province = g
            .lookup(head)
            .iter()
            .any(|&d| g.divisions[d as usize].level == Level::Province);
        if province && core[idx..].chars().count() >= 4 {
            core = &core[idx..];
            break;
        }
    }
    for s in LEGAL_SUFFIXES {
        if let Some(stem) = core.strip_suffix(s) {
            if stem.chars().count() >= 3 {
                core = stem;
                break;
            }
        }
    }
    core.to_owned()
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

/// Builds entities and relations from every article's mentions.
pub fn link(docs: &[ArticleMentions<'_>]) -> (Vec<Entity>, Vec<Relation>) {
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
        let aid = d.article.id;
        let span = |s: usize, e: usize| Span {
            article: aid,
            start: s as u32,
            end: e as u32,
        };
        let mut ids: Vec<EntityId> = Vec::with_capacity(d.mentions.len());
        let local_places: BTreeSet<String> = d
            .mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Place)
            .map(|m| surface(&d.chars, m))
            .collect();
        for m in &d.mentions {
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
                    let after_parent = d.mentions.iter().any(|p| {
                        p.end == m.start && p.kind == EntityKind::Place && {
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
                        .mentions
                        .iter()
                        .find(|p| p.kind == EntityKind::Organisation && p.end == m.start);
                    let core = match parent {
                        Some(p) => org_core(&surface(&d.chars, p)) + &s,
                        None => org_core(&s),
                    };
                    (Key::Name(m.kind, core), s.clone())
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
            b.entities[id.index()].mentions.push(span(m.start, m.end));
            *b.surfaces[id.index()].entry(s).or_default() += 1;
            if let Some(f) = full {
                // The full name labels the node even where only the short form is written.
                b.surfaces[id.index()].entry(f.to_owned()).or_default();
            }
            ids.push(id);
        }

        // A chain of places written together (`甘肃省天水市清水县`, `北京怀柔`).
        let mut chain_start = 0;
        for k in 0..d.mentions.len() {
            let m = &d.mentions[k];
            if m.kind != EntityKind::Place {
                continue;
            }
            let prev = (0..k)
                .rev()
                .find(|&j| d.mentions[j].kind == EntityKind::Place && d.mentions[j].end == m.start);
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

        for (k, m) in d.mentions.iter().enumerate() {
            match m.kind {
                EntityKind::Organisation => {
                    // A place that starts an organisation's name locates it.
                    for (j, inner) in d.mentions.iter().enumerate() {
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
                    // Sub-units written inside one name (`中国核能行业协会专家委员会`): the
                    // longest head-ended prefix is the parent.
                    let s = surface(&d.chars, m);
                    if let Some((parent, _)) = split_unit(&s) {
                        let pid = b.entity(Key::Name(m.kind, org_core(&parent)), m.kind, &parent);
                        let pe = span(m.start, m.start + parent.chars().count());
                        b.entities[pid.index()].mentions.push(pe);
                        *b.surfaces[pid.index()].entry(parent).or_default() += 1;
                        b.relate(
                            ids[k],
                            pid,
                            RelationKind::PartOf,
                            None,
                            None,
                            Some(span(m.start, m.end)),
                        );
                    }
                    // Sub-units written right after their parent (`…有限公司一号煤矿`).
                    for (j, other) in d.mentions.iter().enumerate() {
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
                    if let Some((org, title, ev_start)) = role_before(d, k) {
                        b.relate(
                            ids[k],
                            ids[org],
                            RelationKind::Role,
                            Some(title),
                            None,
                            Some(span(ev_start, m.end)),
                        );
                    }
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
                    .mentions
                    .iter()
                    .position(|n| {
                        n.start >= after_end
                            && n.start <= after_end + 1
                            && n.kind != EntityKind::Person
                    })
                    .or_else(|| {
                        (0..k).rev().find(|&j| {
                            d.mentions[j].end + 2 >= m.start && d.mentions[j].end <= m.start
                        })
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
        for a in &d.article.authors {
            let key = Key::Name(EntityKind::Person, a.clone());
            let id = b.entity(key, EntityKind::Person, a);
            let ev = d
                .mentions
                .iter()
                .zip(&ids)
                .find(|(_, &i)| i == id)
                .map(|(m, _)| span(m.start, m.end));
            b.relate(id, id, RelationKind::Authored, None, Some(aid), ev);
        }

        // Co-occurrence in a sentence. Mentions are sorted by start, so one cursor walks them.
        let mut sent_start = 0;
        let mut cursor = 0;
        for (i, &c) in d.chars.iter().enumerate() {
            if matches!(c, '。' | '！' | '？' | '\n' | '；') || i + 1 == d.chars.len() {
                let mut in_sent: BTreeSet<EntityId> = BTreeSet::new();
                while cursor < d.mentions.len() && d.mentions[cursor].start <= i {
                    let m = &d.mentions[cursor];
                    if m.start >= sent_start && m.end <= i + 1 {
                        in_sent.insert(ids[cursor]);
                    }
                    cursor += 1;
                }
                let v: Vec<EntityId> = in_sent.into_iter().collect();
                for x in 0..v.len() {
                    for y in x + 1..v.len() {
                        b.relate(
                            v[x],
                            v[y],
                            RelationKind::CoOccurs,
                            None,
                            None,
                            Some(span(sent_start, i + 1)),
                        );
                    }
                }
                sent_start = i + 1;
            }
        }
    }

    gazetteer_within(&mut b, &divisions);
    finish(b)
}

/// Splits `中国核能行业协会专家委员会` into (`中国核能行业协会`, `专家委员会`): a prefix of at
/// least four characters ending in a multi-character organisation head, and a remainder of at
/// least two characters that ends in a head too.
fn split_unit(name: &str) -> Option<(String, String)> {
    let chars: Vec<char> = name.chars().collect();
    (4..chars.len().saturating_sub(1)).rev().find_map(|k| {
        let head_before = lexicon::ORG_SUFFIXES
            .iter()
            .any(|x| x.chars().count() >= 2 && lexicon::ends_with_at(&chars, k, x));
        let head_after = lexicon::ORG_SUFFIXES
            .iter()
            .any(|x| lexicon::ends_with_at(&chars, chars.len(), x));
        (head_before && head_after && chars.len() - k >= 2)
            .then(|| (chars[..k].iter().collect(), chars[k..].iter().collect()))
    })
}

/// `[org][title][person]`: the organisation and title right before a person mention, or a title
/// after a bare organisation head (`局党委书记`) that refers back to the article's latest
/// organisation with that head.
fn role_before(d: &ArticleMentions<'_>, k: usize) -> Option<(usize, String, usize)> {
    let p = &d.mentions[k];
    let chars = &d.chars;
    for t_start in p.start.saturating_sub(8)..p.start {
        if lexicon::title_len_at(chars, t_start) != p.start - t_start {
            continue;
        }
        let title: String = chars[t_start..p.start].iter().collect();
        // The organisation ending where the title starts, or inside its party-organ prefix
        // (`龙山街道党工委` + `副书记` under the title `党工委副书记`).
        let org = (0..d.mentions.len())
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
        // `局党委书记`: a one-char head standing for the organisation named before.
        if t_start > 0 {
            let head = chars[t_start - 1];
            if "局委部厅院所社".contains(head) && !d.mentions.iter().any(|m| m.end == t_start)
            {
                let j = (0..k).rev().find(|&j| {
                    let m = &d.mentions[j];
                    m.kind == EntityKind::Organisation && chars[m.end - 1] == head
                })?;
                return Some((j, title, t_start - 1));
            }
        }
        return None;
    }
    None
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
        if !official.contains(&e.id) {
            if let Some(best) = surfaces
                .keys()
                .max_by_key(|s| (s.chars().count(), std::cmp::Reverse((*s).clone())))
            {
                e.label = best.clone();
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
