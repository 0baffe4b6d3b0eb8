//! Places: gazetteer names and their short forms in context, communities and villages by
//! suffix, development zones and sites named after a place, names of two parties joined by a dash.

use super::*;

/// Which gazetteer divisions' official names an article writes, found in one pass over it
/// when first asked: asking the text for each mention's candidates made extraction quadratic
/// in the length of one article.
pub(super) struct FullNamesInText<'a> {
    pub(super) chars: &'a [char],
    pub(super) found: std::cell::OnceCell<std::collections::HashSet<u32>>,
}

impl<'a> FullNamesInText<'a> {
    pub(super) fn new(chars: &'a [char]) -> FullNamesInText<'a> {
        FullNamesInText {
            chars,
            found: std::cell::OnceCell::new(),
        }
    }

    /// Whether the official name of division `d` occurs in the text.
    pub(super) fn contains(&self, d: u32, kn: &Knowledge) -> bool {
        let g = &kn.gazetteer;
        let Some(dv) = g.divisions.get(d as usize) else {
            return false;
        };
        let mut name = dv.name.chars();
        match (name.next(), name.next()) {
            // The place forms index only forms of two characters or more.
            (Some(c), None) => self.chars.contains(&c),
            (None, _) => true,
            _ => self.found(kn).contains(&d),
        }
    }

    pub(super) fn found(&self, kn: &Knowledge) -> &std::collections::HashSet<u32> {
        self.found.get_or_init(|| {
            let g = &kn.gazetteer;
            let forms = &kn.lexicon.places;
            let mut lens = Vec::new();
            let mut out = std::collections::HashSet::new();
            for i in 0..self.chars.len() {
                forms.matches_at(self.chars, i, &mut lens);
                for &l in &lens {
                    let form: String = self.chars[i..i + l].iter().collect();
                    out.extend(
                        g.lookup(&form)
                            .iter()
                            .filter(|&&d| g.divisions[d as usize].name == form),
                    );
                }
            }
            out
        })
    }
}

pub(super) fn is_bare_county_short_form(
    chars: &[char],
    full_names: &FullNamesInText<'_>,
    m: &Mention,
    kn: &Knowledge,
) -> bool {
    let g = &kn.gazetteer;
    let form: String = chars[m.start..m.end].iter().collect();
    let ids = g.lookup(&form);
    if ids.is_empty() || g.is_full_name(&form) {
        return false;
    }
    ids.iter().all(|&d| {
        let dv = &g.divisions[d as usize];
        dv.level > lexicon::Level::Prefecture && !full_names.contains(d, kn)
    }) && !(m.start > 0 && chars[m.start - 1] != '，' && is_han(chars[m.start - 1]) && {
        // Written right after a place: a chain.
        let before: String = chars[m.start.saturating_sub(3)..m.start].iter().collect();
        !g.lookup(&before).is_empty()
            || !g
                .lookup(&before.chars().skip(1).collect::<String>())
                .is_empty()
    })
}

/// Gazetteer names by longest match. Full official names always count; short forms
/// (`甘肃`, `北京`) count for provinces and prefectures, and for counties only when written
/// right after a larger place (`北京怀柔`) or when the full name also occurs in the article.
pub(super) fn gazetteer_places(
    chars: &[char],
    full_names: &FullNamesInText<'_>,
    out: &mut Vec<Mention>,
    kn: &Knowledge,
) {
    let g = &kn.gazetteer;
    let forms = &kn.lexicon.places;
    let mut lens = Vec::new();
    let mut i = 0;
    let mut prev_end = usize::MAX;
    let mut prev_ids: &[u32] = &[];
    while i < chars.len() {
        forms.matches_at(chars, i, &mut lens);
        let mut taken = 0;
        for &l in lens.iter().rev() {
            let form: String = chars[i..i + l].iter().collect();
            if is_generic(&form) || (prev_end != i && starts_inside_word(chars, i, l, kn)) {
                continue;
            }
            let full = g.is_full_name(&form);
            if !full && ends_inside_word(chars, i, l, kn) {
                continue;
            }
            let ok = full || {
                let ids = g.lookup(&form);
                let high = ids
                    .iter()
                    .any(|&d| g.divisions[d as usize].level <= lexicon::Level::Prefecture);
                // A chain names a place inside the one before (`北京怀柔`); a county of another
                // province after a place is a word (`颍上县公安局`, `吉林振兴`).
                let chained = prev_end == i && lies_in_any(g, ids, prev_ids);
                let full_here = ids.iter().any(|&d| full_names.contains(d, kn));
                high || chained || full_here
            };
            // A short form glued to a following Han char that starts no place is usually part
            // of another word (`清水` in `清水湾`), unless it is a province or prefecture name.
            if ok {
                out.push(Mention::new(i, i + l, EntityKind::Place, Source::Gazetteer));
                taken = l;
                break;
            }
        }
        if taken > 0 {
            prev_ids = g.lookup(&chars[i..i + taken].iter().collect::<String>());
            i += taken;
            prev_end = i;
        } else {
            i += 1;
        }
    }
}

/// Whether one of `ids` lies inside one of `outer` (or is one of them).
pub(super) fn lies_in_any(g: &lexicon::Gazetteer, ids: &[u32], outer: &[u32]) -> bool {
    ids.iter()
        .any(|&d| outer.iter().any(|&o| d == o || g.is_inside(d, o)))
}

/// A two-character place name whose first character ends a word begun before it (`范县` in
/// `示范县`, `和县` in `共和县`): the name is the tail of that word, not a place.
pub(super) fn starts_inside_word(chars: &[char], i: usize, len: usize, kn: &Knowledge) -> bool {
    let g = &kn.gazetteer;
    let form: String = chars[i..i + len].iter().collect();
    len == 2
        && i > 0
        && is_han(chars[i - 1])
        // `从重庆`, `在和县`: a preposition before a place makes no word with it.
        && !"从在到去来赴往至于向经由自和与及".contains(chars[i - 1])
        // Provinces and prefectures are written everywhere; county names are the ambiguous ones.
        && g.lookup(&form)
            .iter()
            .all(|&d| g.divisions[d as usize].level > lexicon::Level::Prefecture)
        && kn.words()
            .part_of_speech(&chars[i - 1..i + 1])
            .is_some_and(|p| !matches!(p, b's' | b'r' | b't'))
}

/// A place's short form that makes a word with the character after it (`大理` in `大理石`,
/// `中山` in `中山装`): the word, not the place. Provinces' names are left alone.
pub(super) fn ends_inside_word(chars: &[char], i: usize, len: usize, kn: &Knowledge) -> bool {
    let g = &kn.gazetteer;
    let form: String = chars[i..i + len].iter().collect();
    chars.get(i + len).is_some_and(|c| is_han(*c))
        && g.lookup(&form)
            .iter()
            .all(|&d| g.divisions[d as usize].level > lexicon::Level::Province)
        && kn
            .words()
            .part_of_speech(&chars[i..i + len + 1])
            .is_some_and(|p| !matches!(p, b's' | b'r' | b't'))
}

/// Communities, villages and townships no gazetteer lists: 2–4 Han characters ending in a place
/// suffix, with a clear left boundary (punctuation, a place name, `家住`, `位于`). A place the
/// model found right before the suffix is extended (`北城` + `社区`).
pub(super) fn suffix_places(chars: &[char], out: &mut Vec<Mention>) {
    const SUFFIXES: &[&str] = &["社区", "小区", "新村", "村", "街道"];
    const LEFT_STOPS: &[&str] = &["家住", "位于", "来到", "走进", "地处"];
    let mut found = Vec::new();
    // Ends of the places in `out` and `found` (with their counts), and the mentions of `out`
    // by end, kept as places are extended: scanning every mention at each suffix made this
    // rule quadratic in the length of an article.
    let mut place_ends: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out_by_end: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, m) in out.iter().enumerate() {
        if m.kind == EntityKind::Place {
            *place_ends.entry(m.end).or_default() += 1;
        }
        out_by_end.entry(m.end).or_default().push(i);
    }
    for end in 1..=chars.len() {
        if !matches!(chars[end - 1], '区' | '村' | '道') {
            continue;
        }
        let Some(suf) = lexicon::ending_at(chars, end, SUFFIXES) else {
            continue;
        };
        // Do not fire inside a longer suffix word (`新村社区` is handled at its own end).
        if chars.get(end).is_some_and(|c| "社小村".contains(*c)) {
            continue;
        }
        let stem_end = end - suf.chars().count();
        // No place repeats its suffix: in `解庄村村民` the second `村` opens `村民`.
        if lexicon::ends_with_at(chars, stem_end, suf) {
            continue;
        }
        // A model place ending at the stem: extend it, unless a place found here ends inside
        // it (the model may read a street and the estate after it, `…街道…新村`, as one
        // place): then the stem starts where that place ends, below.
        let inner_end = |m: &Mention| {
            m.start + 1 < m.end && place_ends.range(m.start + 1..m.end).next().is_some()
        };
        let at_stem = out_by_end.get(&stem_end).map_or(&[][..], Vec::as_slice);
        if let Some(i) = at_stem.iter().copied().find(|&i| {
            let m = &out[i];
            m.kind == EntityKind::Place
                && m.source == Source::Model
                && m.end == stem_end
                && !inner_end(m)
        }) {
            out[i].end = end;
            if let Some(n) = place_ends.get_mut(&stem_end) {
                *n -= 1;
                if *n == 0 {
                    place_ends.remove(&stem_end);
                }
            }
            *place_ends.entry(end).or_default() += 1;
            if let Some(v) = out_by_end.get_mut(&stem_end) {
                v.retain(|&j| j != i);
            }
            let v = out_by_end.entry(end).or_default();
            let at = v.partition_point(|&j| j < i);
            v.insert(at, i);
            continue;
        }
        let boundary = |start: usize| {
            start == 0
                || !is_han(chars[start - 1])
                || LEFT_STOPS
                    .iter()
                    .any(|s| lexicon::ends_with_at(chars, start, s))
                || place_ends.contains_key(&start)
        };
        if stem_end < 2 {
            continue;
        }
        // A clause boundary alone admits short stems (`东关社区`); a place or `家住` before the
        // stem admits up to four characters (`御景御苑小区`).
        let strong = |start: usize| boundary(start) && start > 0 && is_han(chars[start - 1]);
        let Some(start) = (stem_end.saturating_sub(4)..=stem_end - 2)
            .find(|&s| strong(s) || (boundary(s) && stem_end - s <= 3))
        else {
            continue;
        };
        if chars[start..stem_end]
            .iter()
            .any(|c| PHRASE_BREAK.contains(*c))
            || chars
                .get(end)
                .is_some_and(|c| suf.ends_with('村') && "镇民委级干".contains(*c))
        {
            continue;
        }
        if stem_end - start < 2 || !chars[start..stem_end].iter().all(|c| is_han(*c)) {
            continue;
        }
        let surface: String = chars[start..end].iter().collect();
        if is_generic(&surface) || !stem_is_name(&chars[start..stem_end]) {
            continue;
        }
        *place_ends.entry(end).or_default() += 1;
        found.push(Mention::new(start, end, EntityKind::Place, Source::Rule));
    }
    out.extend(found);
}

/// A place made of a verb and a generic place word (`推进社区`, `发挥着社区`, `贯穿小区`): the
/// verb's object, not a name. Also `首家社区`, `一小区`: a count, not a name.
pub(super) fn is_verb_phrase_place(chars: &[char], m: &Mention, kn: &Knowledge) -> bool {
    const GENERIC: &[&str] = &["社区", "小区", "街道", "村"];
    let span = &chars[m.start..m.end];
    let Some(suf) = GENERIC
        .iter()
        .map(|g| g.chars().count())
        .zip(GENERIC)
        .find(|&(n, g)| span.len() > n && lexicon::ends_with_at(span, span.len(), g))
        .map(|(n, _)| n)
    else {
        return false;
    };
    let stem = &span[..span.len() - suf];
    let stem = match stem.last() {
        Some('着' | '了' | '过') if stem.len() > 2 => &stem[..stem.len() - 1],
        _ => stem,
    };
    let words = kn.words();
    let verb = |w: &[char]| words.part_of_speech(w) == Some(b'v');
    stem.first().is_some_and(|c| "一首每该本各".contains(*c))
        || verb(stem)
        || (stem.len() >= 2 && verb(&stem[stem.len() - 2..]))
        || ["助力", "服务", "打造", "联合"]
            .iter()
            .any(|v| lexicon::ends_with_at(stem, stem.len(), v))
}

/// Drops one-character place forms that do not stand where news uses them: right after a
/// longer name they end it (`北部湾港`, `…促进法`), unless a one-character form precedes them
/// too (`粤港澳`); elsewhere see [`abbreviation_in_context`].
pub(super) fn keep_short_place_forms_in_context(chars: &[char], out: &mut Vec<Mention>) {
    // Ends of the longer mentions, and the places by start, so that each one-character form
    // looks only at its neighbours (not at every mention of the article).
    let long_ends: std::collections::HashSet<usize> = out
        .iter()
        .filter(|m| m.end - m.start > 1)
        .map(|m| m.end)
        .collect();
    let mut places: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| (m.start, m.end))
        .collect();
    places.sort_unstable();
    let longest = places.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
    out.retain(|m| {
        // Every place ending at or starting right after the form starts in this window.
        let lo = places.partition_point(|&(s, _)| s < m.start.saturating_sub(longest));
        let hi = places.partition_point(|&(s, _)| s < m.start + 2).max(lo);
        m.kind != EntityKind::Place
            || m.end - m.start > 1
            || (!long_ends.contains(&m.start)
                && abbreviation_in_context(chars, m.start, &places[lo..hi]))
    });
}

/// Whether a one-character place form at `i` stands where news uses such forms: next to
/// another place (`中美`, `粤港澳`, `中国-东盟`), before a word of relations between places
/// (`中方`, `美军`, `中日两国`, `华侨`), or after a verb of going to, being in or acting on a
/// place (`访华`, `抵港`, `在京`, `反华`). Elsewhere the character is an ordinary word (`中医`,
/// `早、中、晚`, `藏猪`).
pub(super) fn abbreviation_in_context(chars: &[char], i: usize, places: &[(usize, usize)]) -> bool {
    const AFTER: &str = "方两双关建籍军资企商侨裔友边交外港澳台";
    const BEFORE: &str = "访抵来赴离在返驻回援抗侵反对亲旅留入出经至到";
    let next_to_place = places
        .iter()
        .any(|&(s, e)| (e == i || s == i + 1) && (s, e) != (i, i + 1));
    next_to_place
        || chars.get(i + 1).is_some_and(|c| AFTER.contains(*c))
        || (i > 0 && BEFORE.contains(chars[i - 1]))
}

/// Development zones named after their place (`重庆经开区`, `某市高新区`): places of their own.
pub(super) fn zones(chars: &[char], out: &mut Vec<Mention>) {
    const ZONES: &[&str] = &[
        "经济技术开发区",
        "高新技术产业开发区",
        "经开区",
        "高新区",
        "开发区",
        "新区",
        "自贸区",
        "保税区",
    ];
    // Sets, not scans: an article of many places stays linear.
    let starts: std::collections::HashSet<usize> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| m.start)
        .collect();
    let division_starts: std::collections::HashSet<usize> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place && m.source != Source::Model)
        .map(|m| m.start)
        .collect();
    let found: Vec<Mention> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        // In a chain of divisions (`河南省洛阳市…`) the last one starts the site's own words.
        .filter(|m| !division_starts.contains(&m.end))
        .filter_map(|m| {
            // `巴黎市政厅`: a city hall is a site; the recogniser ends the city at `市`.
            let hall = (chars.get(m.end.wrapping_sub(1)) == Some(&'市')
                && starts_with_at(chars, m.end, "政厅"))
            .then_some(m.end + 2);
            let end = ZONES
                .iter()
                .find(|z| starts_with_at(chars, m.end, z))
                .map(|z| m.end + z.chars().count())
                .or(hall)
                .or_else(|| named_site_end(chars, m.end, &starts))?;
            // After a site (`钦州港区` + `大榄坪南作业区`) the next site is one of its own.
            let start = if ends_in_site_head(chars, m.start, m.end) {
                m.end
            } else {
                m.start
            };
            Some(Mention::new(start, end, EntityKind::Place, Source::Rule))
        })
        .collect();
    out.extend(found);
}

/// Heads of events two parties hold together.
const JOINT_EVENTS: &[&str] = &[
    "博览会",
    "交易会",
    "交流会",
    "洽谈会",
    "研讨会",
    "对话会",
    "展览会",
    "运动会",
    "峰会",
    "论坛",
    "年会",
    "大会",
];

/// Names of two parties joined by a dash (`中国-东盟博览会`, `广西—埃塞俄比亚经贸合作交流会`,
/// `苏丹—中国友好协会`): two places (or a place and an organisation) and up to twelve name
/// characters ending in an event's head (a programme) or an organisation's.
pub(super) fn joint_names(chars: &[char], out: &mut Vec<Mention>) {
    let named = |kinds: &[EntityKind], at: &dyn Fn(&Mention) -> bool| {
        out.iter()
            .filter(|m| kinds.contains(&m.kind) && at(m))
            .map(|m| (m.start, m.end))
            .collect::<Vec<_>>()
    };
    let mut found = Vec::new();
    // The longest place or organisation starting at each position.
    let mut longest: HashMap<usize, usize> = HashMap::new();
    for (s, e) in named(&[EntityKind::Place, EntityKind::Organisation], &|_| true) {
        let end = longest.entry(s).or_insert(e);
        *end = (*end).max(e);
    }
    for (s, e) in named(&[EntityKind::Place], &|_| true) {
        if !chars.get(e).is_some_and(|c| "-—－–".contains(*c)) {
            continue;
        }
        let Some(&e2) = longest.get(&(e + 1)) else {
            continue;
        };
        if let Some((end, kind)) = joint_head_end(chars, e2) {
            found.push(Mention::new(s, end, kind, Source::Rule));
        }
    }
    // The recogniser may read such a name as one organisation cut short (`中国-东盟商务` of
    // `中国-东盟商务与投资峰会`): the span is the whole name, of the kind its head says.
    for m in out.iter_mut() {
        let dashed = (m.start + 1..m.end.saturating_sub(1))
            .any(|i| "-—－–".contains(chars[i]) && is_han(chars[i - 1]) && is_han(chars[i + 1]));
        if m.kind == EntityKind::Organisation && m.source == Source::Model && dashed {
            if let Some((end, kind)) = joint_head_end(chars, m.end).filter(|&(e, _)| e > m.end) {
                m.end = end;
                m.kind = kind;
                m.source = Source::Rule;
            }
        }
    }
    out.extend(found);
}

/// The end and kind of the longest name going on from `from` to an event's head (a
/// programme) or an organisation's, within twelve name characters.
fn joint_head_end(chars: &[char], from: usize) -> Option<(usize, EntityKind)> {
    let mut best = None;
    let mut j = from;
    // `与`/`和` join words inside such names (`商务与投资峰会`).
    while j < chars.len()
        && j - from < 12
        && is_han(chars[j])
        && (!PHRASE_BREAK.contains(chars[j]) || "与和".contains(chars[j]))
    {
        j += 1;
        if JOINT_EVENTS
            .iter()
            .any(|h| lexicon::ends_with_at(chars, j, h))
        {
            best = Some((j, EntityKind::Programme));
        } else if lexicon::ORG_SUFFIXES
            .iter()
            .any(|x| x.chars().count() >= 2 && lexicon::ends_with_at(chars, j, x))
        {
            best = Some((j, EntityKind::Organisation));
        }
    }
    best
}

/// Sites named after a place with words of their own (`雅安` + `周公山温泉开发区`, `吉林省` +
/// `国际花卉产业园`, `北大湖` + `滑雪度假区`, `重庆` + `东站`): the end of the longest such
/// name starting at `from`. Heads of three characters or more may follow up to eight name
/// characters; shorter heads (`景区`, `东站`) must follow the place or one more word. The name
/// stops before another place (`北部湾港` + `钦州港区`) and at its first head (`钦州港区`, not
/// `钦州港区大榄坪南作业区`), unless the next character makes a longer head (`产业园区`).
pub(super) fn named_site_end(
    chars: &[char],
    from: usize,
    places: &std::collections::HashSet<usize>,
) -> Option<usize> {
    let mut best = None;
    let mut j = from;
    while j < chars.len() && j - from <= 12 && is_han(chars[j]) && !PHRASE_BREAK.contains(chars[j])
    {
        if j > from && (lexicon::title_len_at(chars, j) > 0 || places.contains(&j)) {
            break;
        }
        if best.is_some_and(|b| j > b) {
            break;
        }
        j += 1;
        let head = |hs: &[&str], room: usize| {
            hs.iter().any(|h| {
                let n = h.chars().count();
                lexicon::ends_with_at(chars, j, h) && j - n >= from && j - n - from <= room
            })
        };
        if head(SITE_HEADS_LONG, 8) || head(SITE_HEADS_SHORT, 3) || is_port(chars, from, j) {
            best = Some(j);
        }
    }
    best
}

/// `北部湾港`, `宁波港`: a port is its place and `港` (not `港澳`, `港口`, `港人`).
fn is_port(chars: &[char], from: usize, j: usize) -> bool {
    j == from + 1
        && chars[from] == '港'
        && from >= 2
        && !chars
            .get(j)
            .is_some_and(|c| "澳台人商资币籍口股元区".contains(*c))
}

/// A recognised place that runs over several sites, each in the one before
/// (`北部湾港钦州港区大榄坪南作业区`): the sites, cut after each head that more of a site
/// follows.
pub(super) fn split_site_chains(chars: &[char], out: &mut Vec<Mention>) {
    let ends_in_head = |s: usize, e: usize| ends_in_site_head(chars, s, e);
    let mut pieces = Vec::new();
    for m in out.iter_mut() {
        if m.kind != EntityKind::Place || m.source != Source::Model || !ends_in_head(m.start, m.end)
        {
            continue;
        }
        let mut p = m.start;
        let cuts: Vec<usize> = (m.start + 3..m.end.saturating_sub(2))
            .filter(|&k| ends_in_head(m.start, k) && ends_in_head(k, m.end))
            .collect();
        for k in cuts {
            if k >= p + 3 && ends_in_head(p, k) {
                pieces.push(Mention::new(p, k, EntityKind::Place, Source::Rule));
                p = k;
            }
        }
        if p > m.start {
            pieces.push(Mention::new(p, m.end, EntityKind::Place, Source::Rule));
            // The whole is no place of its own.
            m.start = m.end;
        }
    }
    out.retain(|m| m.end > m.start);
    out.extend(pieces);
}

/// Whether `chars[s..e]` is a site's name: words, then a site's head.
fn ends_in_site_head(chars: &[char], s: usize, e: usize) -> bool {
    SITE_HEADS_LONG
        .iter()
        .chain(SITE_HEADS_SHORT)
        .any(|h| lexicon::ends_with_at(chars, e, h) && e - h.chars().count() > s)
        || (e >= s + 3 && is_port(chars, e - 1, e))
}

/// Heads of named sites that may follow up to eight name characters.
const SITE_HEADS_LONG: &[&str] = &[
    "产业园区",
    "工业园区",
    "科技园区",
    "度假区",
    "开发区",
    "产业园",
    "工业园",
    "科技园",
    "示范区",
    "风景区",
    "作业区",
    "物流园",
    "火车站",
    "高铁站",
    "国际机场",
];
/// Heads of named sites that follow their place or one more word.
const SITE_HEADS_SHORT: &[&str] = &[
    "景区", "古镇", "港区", "机场", "东站", "西站", "南站", "北站",
];

/// The place of a dateline at the start of a line (`昆玉讯（江宇）…`, `本报北京讯 …`): the
/// recogniser, seeing a name before brackets, reads `昆玉讯` as a person. An outlet's own
/// dateline (`东北网8月14日讯`, `中新网讯`) names the outlet, not a place.
pub(super) fn datelines(chars: &[char], out: &mut Vec<Mention>) {
    let mut line = 0;
    while line < chars.len() {
        let next = chars[line..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |k| line + k + 1);
        let mut s = line;
        while s < next && chars[s].is_whitespace() {
            s += 1;
        }
        if s + 2 <= next && starts_with_at(chars, s, "本报") {
            s += 2;
        }
        let name = chars[s.min(next)..next]
            .iter()
            .take_while(|&&c| is_han(c))
            .count();
        let at = s + name;
        let opens = chars.get(at).is_some_and(|&c| "(（ 　【".contains(c));
        if (3..=5).contains(&name)
            && chars[at - 1] == '讯'
            && opens
            && !OUTLET_HEADS
                .iter()
                .chain(["社", "台"].iter())
                .any(|h| lexicon::ends_with_at(chars, at - 1, h))
        {
            out.push(Mention::new(s, at - 1, EntityKind::Place, Source::Rule));
        }
        line = next;
    }
}

/// A recognised place that runs over a division and a place inside it (`回龙观街道` +
/// `龙城`, `南京市` + `长江大桥`): the two, so that each is named and the inner one can take
/// its own suffix (`龙城` + `社区`). Cut after a street or township word, or after a county,
/// city or province the gazetteer lists by that full name; at least two characters follow.
pub(super) fn split_division_runs(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let g = &kn.gazetteer;
    let mut pieces = Vec::new();
    for m in out.iter_mut() {
        if m.kind != EntityKind::Place || m.source != Source::Model {
            continue;
        }
        let cut = (m.start + 3..=m.end.saturating_sub(2)).find(|&k| {
            let left: String = chars[m.start..k].iter().collect();
            ["街道", "镇", "乡"].iter().any(|w| left.ends_with(w))
                || (left.ends_with(['省', '市', '县', '区']) && g.is_full_name(&left))
        });
        let Some(k) = cut else {
            continue;
        };
        pieces.push(Mention::new(m.start, k, EntityKind::Place, Source::Model));
        m.start = k;
    }
    out.extend(pieces);
}

/// `长` + `白山`: a place begun one character late, where that character and the place make a
/// place the dictionary knows (`长白山`, `中南海`, `肯尼亚`), is that place: extended when the
/// character belongs to no other name (`中国` + `台湾` stay two), dropped when another
/// mention reads the whole (the gazetteer's `白山` inside the recogniser's `长白山`).
pub(super) fn dictionary_place_starts(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let places: std::collections::HashSet<(usize, usize)> = (out.iter())
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| (m.start, m.end))
        .collect();
    let taken = Coverage::of(out.iter().map(|m| (m.start, m.end)));
    let late = |m: &Mention| {
        m.kind == EntityKind::Place
            && m.start > 0
            && is_han(chars[m.start - 1])
            && kn.words().part_of_speech(&chars[m.start - 1..m.end]) == Some(b's')
    };
    out.retain(|m| !late(m) || !places.contains(&(m.start - 1, m.end)));
    for m in out.iter_mut() {
        if late(m) && !taken.covers(m.start - 1, m.start) {
            m.start -= 1;
        }
    }
}

/// `枣强县一小区`, `青山村某小区`: a place followed by `一`/`某` and a kind of place names
/// an unnamed one there (a housing estate, some village); the name is the place before.
pub(super) fn indefinite_places(chars: &[char], out: &mut [Mention]) {
    const KINDS: &[&str] = &["小区", "社区", "村", "街道", "镇", "乡", "学校", "医院"];
    for m in out.iter_mut().filter(|m| m.kind == EntityKind::Place) {
        let cut = (m.start + 2..m.end.saturating_sub(1)).find(|&i| {
            "一某".contains(chars[i])
                && chars[i - 1] != '第'
                && KINDS.iter().any(|k| {
                    lexicon::starts_with_at(chars, i + 1, k) && i + 1 + k.chars().count() == m.end
                })
        });
        if let Some(i) = cut {
            m.end = i;
        }
    }
}

/// A place a list finds inside ordinary words, not naming a place: it straddles two words
/// (`大理` in `远大理想`, `厦门` in `商厦门廊`), opens an idiom (`长治` in `长治久安`), or its
/// first character ends the word before and the rest is a generic word for settlements
/// (`明村镇` in `文明村镇`, `兴城市` in `新兴城市`).
pub(super) fn inside_words(chars: &[char], m: &Mention, kn: &Knowledge) -> bool {
    const SETTLEMENTS: &[&str] = &[
        "村镇", "乡镇", "城镇", "城市", "城区", "市区", "县城", "乡村",
    ];
    let words = kn.words();
    let word =
        |a: usize, b: usize| b <= chars.len() && words.part_of_speech(&chars[a..b]).is_some();
    let opens_before = m.start > 0 && word(m.start - 1, m.start + 1);
    let closes_after = m.end < chars.len() && word(m.end - 1, m.end + 1);
    let rest: String = chars[(m.start + 1).min(m.end)..m.end].iter().collect();
    let idiom = m.end < m.start + 4
        && chars.len() >= m.start + 4
        && words.part_of_speech(&chars[m.start..m.start + 4]) == Some(b'x');
    (opens_before && (closes_after || SETTLEMENTS.contains(&rest.as_str()))) || idiom
}
