//! `within` and `part_of`: places written in and before a name, sub-units written inside one,
//! capitals after their country, and the gazetteer's own chains.

use super::*;

/// Heads of sub-units that the organisation heads lack (`新安分校`, `秦剧团`, `常委会`).
pub(super) const UNIT_HEADS: &[&str] = &[
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
pub(super) fn numbered_unit_end(chars: &[char], k: usize) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百〇零".contains(c);
    k >= 2 && "师团".contains(chars[k - 1]) && numeral(chars[k - 2])
}

/// Splits `中国核能行业协会专家委员会` into (`中国核能行业协会`, `专家委员会`): a prefix of at
/// least four characters ending in an organisation head, and a remainder of at least two
/// characters that ends in a head too and is no title (`…局干部`). One-character heads count
/// for government bodies (`自治区教育厅` + `体卫艺处`), and `委`/`部` only where `named` says
/// the article names the prefix on its own (`福建省委` + `网信委`, but not `市委` in every
/// `市委宣传部`); a body's mission opens with `驻` (`外交部` + `驻港公署`).
pub(super) fn split_unit(name: &str, named: impl Fn(&str) -> bool) -> Option<(String, String)> {
    let chars: Vec<char> = name.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百〇零".contains(c);
    // A regiment's numbered company or battalion (`二二五团` + `二连`).
    let numbered_sub_unit = chars.len() >= 2
        && "连营".contains(chars[chars.len() - 1])
        && numeral(chars[chars.len() - 2]);
    let head_after = numbered_sub_unit
        || lexicon::ORG_SUFFIXES
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
pub(super) const SMALL_PLACE_SUFFIXES: &[&str] = &["村", "社区", "街道", "镇", "乡", "嘎查"];

/// The places an organisation's name starts with, as char ranges: official division names or
/// places the article names (`named`; renamed divisions such as a 县 now a 市), and after one of
/// them, smaller places (`新安镇道峨村小学` → `新安镇`, `道峨村`). At least two
/// characters of the name are left for the organisation itself.
pub(super) fn places_in_name(
    name: &[char],
    named: impl Fn(&str) -> bool,
    kn: &Knowledge,
) -> Vec<(usize, usize)> {
    let g = &kn.gazetteer;
    let mut out: Vec<(usize, usize)> = Vec::new();
    // The party's and the league's local bodies name their place after the party's
    // (`共青团西宁市城中区委员会`, `中共渝中区委`).
    let mut i = ["中国共产党", "中共"]
        .iter()
        .chain(lexicon::LOCAL_PARTIES)
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

/// `within` from the places an organisation's name starts with: each place of the chain in the
/// one before, the organisation in the last (`平果县教育局` in 平果县, `新安镇道峨村小学` in
/// 道峨村 in 新安镇), which also names it from that place on (`道峨村小学`).
pub(super) fn located_in_name(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    context: &BTreeSet<u32>,
    d: &Doc<'_, '_>,
    ids: &[EntityId],
    (from, to): (usize, usize),
    org: EntityId,
) {
    let kn = d.kn;
    let name = &d.chars[from..to];
    let span = |s: usize, e: usize| Span {
        article: d.article.id,
        start: (from + s) as u32,
        end: (from + e) as u32,
    };
    let mut prev: Option<EntityId> = None;
    let named = |form: &str| d.place_named(form, kn).is_some();
    let chain = places_in_name(name, named, kn);
    for &(s, e) in &chain {
        let form: String = name[s..e].iter().collect();
        // The entity the article's own mention of that place has, else the division, else
        // the name.
        let mentioned = d.place_named(&form, kn);
        let division =
            pick_division(&form, context, kn).filter(|_| kn.gazetteer.is_full_name(&form));
        let id = match (mentioned, division) {
            (Some(j), _) => ids[j],
            (None, Some(div)) => {
                let label = kn.gazetteer.divisions[div as usize].name.clone();
                let id = b.entity(Key::Division(div), EntityKind::Place, &label, kn);
                divisions.insert(id, div);
                id
            }
            (None, None) => b.entity(
                Key::Name(EntityKind::Place, form.clone()),
                EntityKind::Place,
                &form,
                kn,
            ),
        };
        b.entities[id.index()].mentions.push(span(s, e));
        *b.surfaces[id.index()].entry(form).or_default() += 1;
        if let Some(p) = prev {
            b.relate(id, p, RelationKind::Within, None, Some(span(0, e)));
        }
        prev = Some(id);
    }
    if let (Some(p), Some(&(s, _))) = (prev, chain.last()) {
        b.within(org, p, span(0, name.len()));
        if chain.len() > 1 {
            let own: String = name[s..].iter().collect();
            b.surfaces[org.index()].entry(own).or_default();
        }
    }
}

/// `法国首都巴黎`, `湖南省省会长沙`: a capital written after its country or province lies in it.
pub(super) fn capitals_within(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId]) {
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
            b.relate(ids[k], ids[j], RelationKind::Within, None, Some(ev));
        }
    }
}

/// The place mention ending at `end`.
pub(super) fn place_ending_at(d: &Doc<'_, '_>, end: usize) -> Option<usize> {
    d.ending_at(end).iter().copied().find(|&j| {
        let p = &d.mentions[j];
        p.kind == EntityKind::Place && p.start < end
    })
}

/// Whether place mention `j` is written with its level (`泾源县`, `城中区`), as places that
/// own the unit after them are; short forms and foreign cities are not (`山东`, `南非`).
pub(super) fn names_a_level(d: &Doc<'_, '_>, j: usize, kn: &Knowledge) -> bool {
    let g = &kn.gazetteer;
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
pub(super) fn places_before(d: &Doc<'_, '_>, end: usize) -> Option<usize> {
    let mut start = d.mentions[place_ending_at(d, end)?].start;
    while let Some(j) = place_ending_at(d, start) {
        start = d.mentions[j].start;
    }
    Some(start)
}

/// `within` from places written right before an organisation's mention (`西宁市` +
/// `城中区委宣传部`): the organisation lies in the last of them, and the whole run is a name of
/// it (`西宁市城中区委宣传部`).
pub(super) fn located_before_name(
    b: &mut Builder,
    d: &Doc<'_, '_>,
    ids: &[EntityId],
    k: usize,
    kn: &Knowledge,
) {
    let m = &d.mentions[k];
    // Only an official place name written before a unit places it (`泾源县公安局`); a short
    // form or a foreign city there is a list or a dateline (`南非新华社`, `斯特拉斯堡欧盟`).
    let Some(last) = place_ending_at(d, m.start).filter(|&j| names_a_level(d, j, kn)) else {
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
    b.within(ids[k], ids[last], ev);
    let whole: String = d.chars[start..m.end].iter().collect();
    b.surfaces[ids[k].index()].entry(whole).or_default();
}

/// `within` from the gazetteer: each place lies in its nearest ancestor named in the corpus.
pub(super) fn gazetteer_within(
    b: &mut Builder,
    divisions: &BTreeMap<EntityId, u32>,
    kn: &Knowledge,
) {
    let g = &kn.gazetteer;
    let by_div: HashMap<u32, EntityId> = divisions.iter().map(|(&e, &d)| (d, e)).collect();
    let stated: BTreeSet<(EntityId, EntityId)> = b
        .relations
        .keys()
        .filter(|(_, _, k, _)| *k == RelationKind::Within)
        .map(|(s, t, _, _)| (*s, *t))
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
                    );
                }
                break;
            }
            cur = g.divisions[p as usize].parent;
        }
    }
}

/// A chain of places written together (`甘肃省天水市清水县`, `北京怀柔`): each lies in the one before.
pub(super) fn place_chains(
    b: &mut Builder,
    divisions: &BTreeMap<EntityId, u32>,
    d: &Doc<'_, '_>,
    ids: &[EntityId],
    kn: &Knowledge,
) {
    let g = &kn.gazetteer;
    let span = span_in(d.article.id);
    let mut chain_start = 0;
    for k in 0..d.mentions.len() {
        let m = &d.mentions[k];
        if m.kind != EntityKind::Place {
            continue;
        }
        // One-character forms written together name places side by side, not a chain
        // (`中日两队`, `京津冀`, `中美关系`).
        let one_char = |j: usize| d.mentions[j].end - d.mentions[j].start == 1;
        let prev = d
            .ending_at(m.start)
            .iter()
            .rev()
            .copied()
            .find(|&j| j < k && d.mentions[j].kind == EntityKind::Place)
            .filter(|&j| !one_char(j) && !one_char(k))
            // Two divisions the gazetteer knows, the second not inside the first, are written
            // side by side (`宁波舟山港`: two cities, one port), not as a chain.
            .filter(
                |&j| match (divisions.get(&ids[k]), divisions.get(&ids[j])) {
                    (Some(&a), Some(&b)) => g.is_inside(a, b),
                    _ => true,
                },
            );
        match prev {
            Some(j) => {
                b.within(ids[k], ids[j], span(chain_start, m.end));
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
}

/// An organisation's `within` and `part_of`: the places its name starts with or that are
/// written before it, the unit its name holds, and the parent written right before it.
pub(super) fn organisation_relations(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    context: &BTreeSet<u32>,
    d: &Doc<'_, '_>,
    (ids, places): (&[EntityId], &[PlaceRef]),
    k: usize,
    kn: &Knowledge,
) {
    let m = &d.mentions[k];
    let span = span_in(d.article.id);
    // An outlet's place is where it publishes, and its name no mention of that place.
    let outlet = crate::text::mentions::is_outlet_name(&d.chars[m.start..m.end]);
    // A place that starts an organisation's name locates it, and so does the place a mission
    // is stationed in (`外交部驻` + `香港特别行政区` + `特派员公署`), named elsewhere in the
    // article.
    let opening = d.starting_in(m.start, m.start + 1).filter(|&j| {
        let inner = &d.mentions[j];
        !outlet
            && j != k
            && inner.kind == EntityKind::Place
            && inner.start == m.start
            && inner.end < m.end
    });
    let stationed = (m.start + 2..m.end)
        .find(|&i| d.chars[i - 1] == '驻')
        .and_then(|at| {
            (at + 2..m.end).rev().find_map(|e| {
                let form: String = d.chars[at..e].iter().collect();
                d.place_named(&form, kn)
            })
        });
    for j in opening.chain(stationed) {
        b.within(ids[k], ids[j], span(m.start, m.end));
    }
    let whole = (m.start, m.end);
    if !outlet {
        located_in_name(b, divisions, context, d, ids, whole, ids[k]);
    }
    located_before_name(b, d, ids, k, kn);
    // Sub-units written inside one name (`中国核能行业协会专家委员会`): the
    // longest head-ended prefix is the parent. The name starts with the places
    // written right before the mention (`泾源县` + `公安局刑侦大队`).
    let from = places_before(d, m.start).unwrap_or(m.start);
    let s: String = d.chars[from..m.end].iter().collect();
    let named = |x: &str| d.names_org(x);
    if let Some((parent, own)) = split_unit(&s, named) {
        // The section is also known by its own name (`体卫艺处`).
        b.surfaces[ids[k].index()].entry(own).or_default();
        let name = canonical_org(places, &parent, m.start, kn);
        let pid = b.entity(Key::Name(m.kind, org_core(&name, kn)), m.kind, &name, kn);
        let pe = span(from, from + parent.chars().count());
        let at = (from, from + parent.chars().count());
        located_in_name(b, divisions, context, d, ids, at, pid);
        b.entities[pid.index()].mentions.push(pe);
        b.surfaces[pid.index()].entry(name).or_default();
        *b.surfaces[pid.index()].entry(parent).or_default() += 1;
        b.relate(
            ids[k],
            pid,
            RelationKind::PartOf,
            None,
            Some(span(from, m.end)),
        );
    }
    // Sub-units written right after their parent (`…有限公司一号煤矿`).
    for &j in d.ending_at(m.start) {
        let other = &d.mentions[j];
        if other.kind == EntityKind::Organisation && j != k && other.end == m.start {
            b.relate(
                ids[k],
                ids[j],
                RelationKind::PartOf,
                None,
                Some(span(other.start, m.end)),
            );
        }
    }
}

/// `位于` + place: what precedes it (or follows the place chain) lies in that place.
pub(super) fn located_after_weiyu(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId], k: usize) {
    let m = &d.mentions[k];
    let span = span_in(d.article.id);
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
            n.start >= after_end && n.start <= after_end + 1 && n.kind != EntityKind::Person
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
        b.within(ids[sj], ids[last], ev);
    }
}

/// `广州、珠海、中山、江门4个粤港澳大湾区内地城市`, `长沙、株洲等长株潭城市`: places listed
/// before a region that the sentence calls their group (`城市`, `地区`, `国家`) lie in it.
pub(super) fn listed_in_region(b: &mut Builder, d: &Doc<'_, '_>, ids: &[EntityId], k: usize) {
    const GROUPS: &[&str] = &["城市", "地区", "国家", "省份", "各市"];
    let chars = &d.chars;
    let r = &d.mentions[k];
    let grouped = (r.end..=r.end + 3).any(|e| {
        chars[r.end..e.min(chars.len())].iter().all(|c| is_han(*c))
            && GROUPS.iter().any(|g| lexicon::starts_with_at(chars, e, g))
    });
    if !grouped {
        return;
    }
    // Before the region: `等`, or a count (`4个`), or nothing.
    let mut e = r.start;
    if e > 0 && chars[e - 1] == '等' {
        e -= 1;
    } else if e > 1 && chars[e - 1] == '个' {
        let digits = chars[..e - 1]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十两".contains(**c))
            .count();
        if digits > 0 {
            e -= 1 + digits;
        }
    }
    let place_ending = |end: usize| {
        d.ending_at(end)
            .iter()
            .copied()
            .find(|&j| d.mentions[j].kind == EntityKind::Place && j != k)
    };
    let mut listed = Vec::new();
    let mut at = e;
    while let Some(j) = place_ending(at) {
        listed.push(j);
        let s = d.mentions[j].start;
        if s == 0 || chars[s - 1] != '、' {
            break;
        }
        at = s - 1;
    }
    if listed.len() < 2 {
        return;
    }
    let span = span_in(d.article.id);
    let first = listed
        .iter()
        .map(|&j| d.mentions[j].start)
        .min()
        .unwrap_or(r.start);
    for &j in &listed {
        if ids[j] != ids[k] {
            b.within(ids[j], ids[k], span(first, r.end));
        }
    }
}

/// `该县的新安镇`, `该市某区`: a place after `该` and a level word (that county, that city)
/// lies in the place of that level the article named last.
pub(super) fn in_that_place(
    b: &mut Builder,
    d: &Doc<'_, '_>,
    (ids, places): (&[EntityId], &[PlaceRef]),
    k: usize,
    kn: &Knowledge,
) {
    let m = &d.mentions[k];
    let chars = &d.chars;
    let at = if m.start > 0 && chars[m.start - 1] == '的' {
        m.start - 1
    } else {
        m.start
    };
    let Some(level) = LEVEL_WORDS.iter().find(|l| {
        let n = l.chars().count();
        at > n && chars[at - n - 1] == '该' && lexicon::ends_with_at(chars, at, l)
    }) else {
        return;
    };
    let before = at - level.chars().count() - 1;
    let Some(p) = level_place(places, level, before, kn) else {
        return;
    };
    if let Some(pid) = p.id.filter(|_| p.start < before && p.id != Some(ids[k])) {
        let span = span_in(d.article.id);
        b.within(ids[k], pid, span(before, m.end));
    }
}
