//! Finding mentions in one article: the learned recogniser's spans, completed and corrected by
//! rules that the genre makes reliable (gazetteer places and chains, titles before names,
//! honorifics, place-prefixed organisations, quoted and book-title programmes).

use super::lexicon::CharSet;
use super::lexicon::{self, gazetteer, is_generic, starts_with_at};
use super::ner::{self, NerType};
use crate::model::EntityKind;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// A mention: a char range of the article text and its kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Kind.
    pub kind: EntityKind,
    /// Where it came from (decides conflicts).
    pub source: Source,
}

/// The evidence behind a mention, strongest last (conflicts keep the stronger).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The learned recogniser.
    Model,
    /// A gazetteer name.
    Gazetteer,
    /// A structural rule (title + name, honorific, quoted programme, byline).
    Rule,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Characters that commonly follow a name and are not part of it (`李建国说`).
const AFTER_NAME: &str = "说等在一介表对带以指强认称为和同也到是的了与及将向从就把被还都又并讲作提希肯率主全出来去进要会于";

/// Verbs that introduce an unquoted programme name (`开展宝贝计划`).
const PROGRAMME_VERBS: &[&str] = &[
    "开展", "实施", "启动", "推进", "举办", "组织", "参与", "参加", "发起", "推出", "深化", "推行",
    "举行",
];

/// Finds every mention in `chars` (one article). `authors` are names known from the byline.
pub fn find(
    chars: &[char],
    authors: &[String],
    model: Option<&ner::Model>,
    ctx: &mut ner::Context,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    if let Some(m) = model {
        for s in m.recognise(chars, ctx) {
            if !well_formed(&chars[s.start..s.end]) {
                continue;
            }
            let kind = match s.kind {
                NerType::Per => EntityKind::Person,
                NerType::Loc => EntityKind::Place,
                NerType::Org => EntityKind::Organisation,
            };
            out.push(Mention {
                start: s.start,
                end: s.end,
                kind,
                source: Source::Model,
            });
        }
    }
    // The model's short county names (`满城` in `满城开花`) stand only where the gazetteer rule
    // would accept them.
    let full_names = FullNamesInText::new(chars);
    out.retain(|m| {
        m.kind != EntityKind::Place || !is_bare_county_short_form(chars, &full_names, m)
    });
    gazetteer_places(chars, &full_names, &mut out);
    suffix_places(chars, &mut out);
    out.retain(|m| m.kind != EntityKind::Place || !is_verb_phrase_place(chars, m));
    keep_short_place_forms_in_context(chars, &mut out);
    titled_people(chars, &mut out);
    withheld_names(chars, &mut out);
    outlets(chars, &mut out);
    numbered_units(chars, &mut out);
    party_committees(chars, &mut out);
    zones(chars, &mut out);
    joint_names(chars, &mut out);
    authors_in_text(chars, authors, &mut out);
    credit_lines(chars, &mut out);
    prefixed_orgs(chars, &mut out);
    programmes(chars, &mut out);
    known_programmes(chars, &mut out);
    // After every rule: the recogniser and the prefix rules take in verbs and members alike.
    for m in &mut out {
        if m.kind == EntityKind::Organisation {
            trim_organisation(chars, m);
        }
    }
    // Titles of works by start, with the furthest end reached so far: a mention overlaps one
    // when a title starting before its end reaches past its start.
    let mut works = work_titles(chars);
    works.sort_unstable();
    let mut reach = 0;
    for w in &mut works {
        reach = reach.max(w.1);
        w.1 = reach;
    }
    out.retain(|m| {
        let n = works.partition_point(|&(s, _)| s < m.end);
        n == 0 || works[n - 1].1 <= m.start
    });
    // What quotation marks enclose before a programme head is the programme's name, even
    // when it ends like a place (`“书香社区”读书月`).
    let named: std::collections::HashSet<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Programme)
        .map(|m| (m.start, m.end))
        .collect();
    out.retain(|m| m.kind == EntityKind::Programme || !named.contains(&(m.start, m.end)));
    resolve(chars, out)
}

/// Whether a recognised span can be a name at all: it does not start with a closing mark or
/// end with an opening one, and its quotes and brackets pair up (the model, reading
/// `“线下院落办公桌”`, can take `“线下院` for an organisation ending in `院`).
fn well_formed(span: &[char]) -> bool {
    const PAIRS: [(char, char); 7] = [
        ('“', '”'),
        ('‘', '’'),
        ('（', '）'),
        ('(', ')'),
        ('《', '》'),
        ('【', '】'),
        ('「', '」'),
    ];
    let (Some(&first), Some(&last)) = (span.first(), span.last()) else {
        return false;
    };
    let opens = |c: char| PAIRS.iter().any(|p| p.0 == c);
    let closes = |c: char| PAIRS.iter().any(|p| p.1 == c);
    if closes(first) || opens(last) || first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    PAIRS.iter().all(|&(o, c)| {
        span.iter().filter(|&&x| x == o).count() == span.iter().filter(|&&x| x == c).count()
    })
}

/// Which gazetteer divisions' official names an article writes, found in one pass over it
/// when first asked: asking the text for each mention's candidates made extraction quadratic
/// in the length of one article.
struct FullNamesInText<'a> {
    chars: &'a [char],
    found: std::cell::OnceCell<std::collections::HashSet<u32>>,
}

impl<'a> FullNamesInText<'a> {
    fn new(chars: &'a [char]) -> FullNamesInText<'a> {
        FullNamesInText {
            chars,
            found: std::cell::OnceCell::new(),
        }
    }

    /// Whether the official name of division `d` occurs in the text.
    fn contains(&self, d: u32) -> bool {
        let g = gazetteer();
        let Some(dv) = g.divisions.get(d as usize) else {
            return false;
        };
        let mut name = dv.name.chars();
        match (name.next(), name.next()) {
            // The place forms index only forms of two characters or more.
            (Some(c), None) => self.chars.contains(&c),
            (None, _) => true,
            _ => self.found().contains(&d),
        }
    }

    fn found(&self) -> &std::collections::HashSet<u32> {
        self.found.get_or_init(|| {
            let g = gazetteer();
            let forms = ner::place_forms();
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

fn is_bare_county_short_form(
    chars: &[char],
    full_names: &FullNamesInText<'_>,
    m: &Mention,
) -> bool {
    let g = gazetteer();
    let form: String = chars[m.start..m.end].iter().collect();
    let ids = g.lookup(&form);
    if ids.is_empty() || g.is_full_name(&form) {
        return false;
    }
    ids.iter().all(|&d| {
        let dv = &g.divisions[d as usize];
        dv.level > lexicon::Level::Prefecture && !full_names.contains(d)
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
fn gazetteer_places(chars: &[char], full_names: &FullNamesInText<'_>, out: &mut Vec<Mention>) {
    let g = gazetteer();
    let forms = ner::place_forms();
    let mut lens = Vec::new();
    let mut i = 0;
    let mut prev_end = usize::MAX;
    let mut prev_ids: &[u32] = &[];
    while i < chars.len() {
        forms.matches_at(chars, i, &mut lens);
        let mut taken = 0;
        for &l in lens.iter().rev() {
            let form: String = chars[i..i + l].iter().collect();
            if is_generic(&form) || (prev_end != i && starts_inside_word(chars, i, l)) {
                continue;
            }
            let full = g.is_full_name(&form);
            if !full && ends_inside_word(chars, i, l) {
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
                let full_here = ids.iter().any(|&d| full_names.contains(d));
                high || chained || full_here
            };
            // A short form glued to a following Han char that starts no place is usually part
            // of another word (`清水` in `清水湾`), unless it is a province or prefecture name.
            if ok {
                out.push(Mention {
                    start: i,
                    end: i + l,
                    kind: EntityKind::Place,
                    source: Source::Gazetteer,
                });
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
fn lies_in_any(g: &lexicon::Gazetteer, ids: &[u32], outer: &[u32]) -> bool {
    ids.iter()
        .any(|&d| outer.iter().any(|&o| d == o || g.is_inside(d, o)))
}

/// A two-character place name whose first character ends a word begun before it (`范县` in
/// `示范县`, `和县` in `共和县`): the name is the tail of that word, not a place.
fn starts_inside_word(chars: &[char], i: usize, len: usize) -> bool {
    let g = gazetteer();
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
        && ner::words()
            .part_of_speech(&chars[i - 1..i + 1])
            .is_some_and(|p| !matches!(p, b's' | b'r' | b't'))
}

/// A place's short form that makes a word with the character after it (`大理` in `大理石`,
/// `中山` in `中山装`): the word, not the place. Provinces' names are left alone.
fn ends_inside_word(chars: &[char], i: usize, len: usize) -> bool {
    let g = gazetteer();
    let form: String = chars[i..i + len].iter().collect();
    chars.get(i + len).is_some_and(|c| is_han(*c))
        && g.lookup(&form)
            .iter()
            .all(|&d| g.divisions[d as usize].level > lexicon::Level::Province)
        && ner::words()
            .part_of_speech(&chars[i..i + len + 1])
            .is_some_and(|p| !matches!(p, b's' | b'r' | b't'))
}

/// Communities, villages and townships no gazetteer lists: 2–4 Han characters ending in a place
/// suffix, with a clear left boundary (punctuation, a place name, `家住`, `位于`). A place the
/// model found right before the suffix is extended (`北城` + `社区`).
fn suffix_places(chars: &[char], out: &mut Vec<Mention>) {
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
        let Some(suf) = SUFFIXES
            .iter()
            .find(|s| lexicon::ends_with_at(chars, end, s))
        else {
            continue;
        };
        // Do not fire inside a longer suffix word (`新村社区` is handled at its own end).
        if chars.get(end).is_some_and(|c| "社小村".contains(*c)) {
            continue;
        }
        let stem_end = end - suf.chars().count();
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
        found.push(Mention {
            start,
            end,
            kind: EntityKind::Place,
            source: Source::Rule,
        });
    }
    out.extend(found);
}

/// A place made of a verb and a generic place word (`推进社区`, `发挥着社区`, `贯穿小区`): the
/// verb's object, not a name. Also `首家社区`, `一小区`: a count, not a name.
fn is_verb_phrase_place(chars: &[char], m: &Mention) -> bool {
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
    let words = ner::words();
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
fn keep_short_place_forms_in_context(chars: &[char], out: &mut Vec<Mention>) {
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
fn abbreviation_in_context(chars: &[char], i: usize, places: &[(usize, usize)]) -> bool {
    const AFTER: &str = "方两双关建籍军资企商侨裔友边交外港澳台";
    const BEFORE: &str = "访抵来赴离在返驻回援抗侵反对亲旅留入出经至到";
    let next_to_place = places
        .iter()
        .any(|&(s, e)| (e == i || s == i + 1) && (s, e) != (i, i + 1));
    next_to_place
        || chars.get(i + 1).is_some_and(|c| AFTER.contains(*c))
        || (i > 0 && BEFORE.contains(chars[i - 1]))
}

/// Verbs of events between organisations, which no organisation's name contains: a span
/// across one (`甲区政协联合乙小学`, `长春会见德国吉林商会`) is two names and a verb.
const EVENT_VERBS: &[&str] = &[
    "联合", "会见", "会同", "签署", "部署", "携手", "率队", "走访", "看望", "慰问", "召开", "举办",
    "开展", "组织",
];

/// Words for people that the recogniser takes into an organisation's name (`…统战部干部`).
const MEMBERS: &[&str] = &["干部", "职工", "党员", "员工", "民警", "师生"];

/// Cuts an organisation span at an event verb (the name after it stands, if it ends like one;
/// otherwise nothing does) and drops its members' word from its end.
fn trim_organisation(chars: &[char], m: &mut Mention) {
    for w in MEMBERS {
        if m.end - m.start > w.chars().count() + 2 && lexicon::ends_with_at(chars, m.end, w) {
            m.end -= w.chars().count();
        }
    }
    let verb_at = (m.start + 1..m.end.saturating_sub(2)).find(|&i| {
        EVENT_VERBS.iter().any(|v| starts_with_at(chars, i, v))
            // `组织部`, `联合国`, `联合会` are names' own words.
            && !(starts_with_at(chars, i, "组织") && chars.get(i + 2) == Some(&'部'))
            && !(starts_with_at(chars, i, "联合") && chars.get(i + 2).is_some_and(|c| "国会体大社".contains(*c)))
    });
    // `…区工委主委`: a title at the end belongs to the person after it, when what is left
    // ends like an organisation.
    if let Some(k) = (m.start + 3..m.end.saturating_sub(1)).find(|&k| {
        lexicon::title_len_at(chars, k) == m.end - k
            && lexicon::ORG_SUFFIXES
                .iter()
                .any(|x| lexicon::ends_with_at(chars, k, x))
    }) {
        m.end = k;
    }
    // `入区企业质子汽车科技有限公司`: a category word before a company's own name.
    if let Some(i) = (m.start..m.end.saturating_sub(8)).rev().find(|&i| {
        starts_with_at(chars, i, "企业")
            // `中国企业…`, `湖南企业…`: a country or place before it makes it part of the name.
            && chars.get(i.wrapping_sub(1)) != Some(&'国')
            && gazetteer()
                .lookup(&chars[m.start..i].iter().collect::<String>())
                .is_empty()
            && ["有限公司", "有限责任公司", "股份公司"]
                .iter()
                .any(|x| lexicon::ends_with_at(chars, m.end, x))
    }) {
        m.start = i + 2;
    }
    if let Some(i) = verb_at {
        let after = i + 2;
        let tail: String = chars[after..m.end].iter().collect();
        let named = m.end - after >= 3 && lexicon::ORG_SUFFIXES.iter().any(|x| tail.ends_with(x));
        // An empty span is dropped by `resolve`.
        m.start = if named { after } else { m.end };
    }
}

/// A name stem is not made of generic qualifiers (`全县115个居民`, `各`, numbers).
fn stem_is_name(stem: &[char]) -> bool {
    let s: String = stem.iter().collect();
    const NOT_NAMES: &[&str] = &[
        "辖区", "示范", "美丽", "文明", "和谐", "幸福", "整合", "结合", "通过", "深入", "进入",
        "走进", "提出", "服务", "建设", "管理", "治理", "所有", "全部", "各个", "每个", "引领",
        "覆盖", "试点",
    ];
    !stem
        .iter()
        .any(|c| "个各该本全每些几多数居民城乡农有所这那其".contains(*c))
        && !NOT_NAMES.contains(&s.as_str())
}

/// The length of a personal name at `chars[i..]` (2 or 3 chars), or 0.
fn name_len_at(chars: &[char], i: usize) -> usize {
    let take = |n: usize| -> Option<String> { chars.get(i..i + n).map(|s| s.iter().collect()) };
    let Some(two) = take(2) else { return 0 };
    let sl = lexicon::surname_len(&two);
    if sl == 0 || !chars[i..i + 2].iter().all(|c| is_han(*c)) {
        return 0;
    }
    let third = chars.get(i + 2).copied();
    match third {
        Some(c) if is_han(c) && !AFTER_NAME.contains(c) => 3 + (sl == 2) as usize,
        _ => 2,
    }
}

/// `董事长张志明`, `党工委副书记陈立新`.
fn titled_people(chars: &[char], out: &mut Vec<Mention>) {
    for i in 0..chars.len() {
        let t = lexicon::title_len_at(chars, i);
        if t > 0 {
            let n = name_len_at(chars, i + t);
            if n > 0 {
                out.push(Mention {
                    start: i + t,
                    end: i + t + n,
                    kind: EntityKind::Person,
                    source: Source::Rule,
                });
            }
        }
    }
}

/// People whose given name a court or police report withholds (`张某`, `石某玉`): within the
/// article they are one particular person. `某` after a surname-like character that starts a
/// word such as `某种`, `某些`, `某地` is not a name.
fn withheld_names(chars: &[char], out: &mut Vec<Mention>) {
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i + 1] != '某' || !lexicon::is_surname_char(chars[i]) {
            continue;
        }
        let next = chars.get(i + 2).copied();
        if next.is_some_and(|c| "种些地个项类处方天年月日人某单公企网区村镇县市省部".contains(c))
        {
            continue;
        }
        let given = next.is_some_and(|c| {
            is_han(c)
                && !AFTER_NAME.contains(c)
                && !PHRASE_BREAK.contains(c)
                && !"非因系犯涉称其所已曾均".contains(c)
        });
        out.push(Mention {
            start: i,
            end: i + 2 + given as usize,
            kind: EntityKind::Person,
            source: Source::Rule,
        });
    }
}

/// Words that end the name of a news outlet (`东北网`, `大皖客户端`, `长沙晚报`, `青海频道`).
const OUTLET_HEADS: &[&str] = &[
    "新闻网",
    "网",
    "客户端",
    "晚报",
    "日报",
    "晨报",
    "商报",
    "时报",
    "都市报",
    "频道",
    "全媒体",
    "电视台",
    "广播电视台",
];

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Numbered units (`十四师`, `第十师`, `一八七团`, `144团`, `二二五团二连`) and ordinal schools
/// and hospitals (`第五幼儿园`): the number is the name. Two numerals at least, or `第` before
/// them, so that `三师` or `一团和气` are not taken.
fn numbered_units(chars: &[char], out: &mut Vec<Mention>) {
    const INSTITUTIONS: &[&str] = &["幼儿园", "小学", "中学", "高级中学", "人民医院", "医院"];
    let mut i = 0;
    while i < chars.len() {
        let ordinal = chars[i] == '第';
        let from = i + ordinal as usize;
        let mut j = from;
        while j < chars.len() && is_numeral(chars[j]) {
            j += 1;
        }
        let digits = j - from;
        let numbered = digits >= 2 || (ordinal && digits >= 1);
        let after_numeral = i > 0 && is_numeral(chars[i - 1]);
        if !numbered || after_numeral || digits > 5 {
            i = j.max(i + 1);
            continue;
        }
        let unit = matches!(chars.get(j), Some('师' | '团'))
            && !chars
                .get(j + 1)
                .is_some_and(|c| "生范傅资员队体聚结购长".contains(*c));
        let end = if unit {
            // A company of a regiment: `二二五团二连`.
            let mut k = j + 1;
            while k < chars.len() && is_numeral(chars[k]) {
                k += 1;
            }
            if chars[j] == '团' && k > j + 1 && k - j <= 4 && chars.get(k) == Some(&'连') {
                Some(k + 1)
            } else {
                Some(j + 1)
            }
        } else if ordinal {
            INSTITUTIONS
                .iter()
                .find(|h| starts_with_at(chars, j, h))
                .map(|h| j + h.chars().count())
        } else {
            None
        };
        if let Some(end) = end {
            out.push(Mention {
                start: i,
                end,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
            i = end;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// Committees of the Youth League and the democratic parties written with their place
/// (`共青团昆明市委`, `共青团某市某区委员会`, `民建某区工委`).
fn party_committees(chars: &[char], out: &mut Vec<Mention>) {
    const PARTIES: &[&str] = &[
        "共青团",
        "民建",
        "民盟",
        "民进",
        "民革",
        "九三学社",
        "致公党",
        "农工党",
        "台盟",
    ];
    const HEADS: &[&str] = &["委员会", "工委", "委"];
    for i in 0..chars.len() {
        let Some(p) = PARTIES.iter().find(|p| starts_with_at(chars, i, p)) else {
            continue;
        };
        let from = i + p.chars().count();
        let end = (from + 3..=(from + 12).min(chars.len())).rev().find(|&e| {
            HEADS.iter().any(|h| lexicon::ends_with_at(chars, e, h))
                && chars[from..e]
                    .iter()
                    .all(|c| is_han(*c) && !PHRASE_BREAK.contains(*c))
                && chars[from..e].iter().any(|c| "省市区县州旗".contains(*c))
        });
        if let Some(end) = end {
            out.push(Mention {
                start: i,
                end,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
        }
    }
}

/// Development zones named after their place (`重庆经开区`, `某市高新区`): places of their own.
fn zones(chars: &[char], out: &mut Vec<Mention>) {
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
            let end = ZONES
                .iter()
                .find(|z| starts_with_at(chars, m.end, z))
                .map(|z| m.end + z.chars().count())
                .or_else(|| named_site_end(chars, m.end, &starts))?;
            Some(Mention {
                start: m.start,
                end,
                kind: EntityKind::Place,
                source: Source::Rule,
            })
        })
        .collect();
    out.extend(found);
}

/// Names of two parties joined by a dash (`中国-东盟博览会`, `广西—埃塞俄比亚经贸合作交流会`,
/// `苏丹—中国友好协会`): two places (or a place and an organisation) and up to twelve name
/// characters ending in an event's head (a programme) or an organisation's.
fn joint_names(chars: &[char], out: &mut Vec<Mention>) {
    const EVENTS: &[&str] = &[
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
        let mut best = None;
        let mut j = e2;
        // `与`/`和` join words inside such names (`商务与投资峰会`).
        while j < chars.len()
            && j - e2 < 12
            && is_han(chars[j])
            && (!PHRASE_BREAK.contains(chars[j]) || "与和".contains(chars[j]))
        {
            j += 1;
            if EVENTS.iter().any(|h| lexicon::ends_with_at(chars, j, h)) {
                best = Some((j, EntityKind::Programme));
            } else if lexicon::ORG_SUFFIXES
                .iter()
                .any(|x| x.chars().count() >= 2 && lexicon::ends_with_at(chars, j, x))
            {
                best = Some((j, EntityKind::Organisation));
            }
        }
        if let Some((end, kind)) = best {
            found.push(Mention {
                start: s,
                end,
                kind,
                source: Source::Rule,
            });
        }
    }
    out.extend(found);
}

/// Sites named after a place with words of their own (`雅安` + `周公山温泉开发区`, `吉林省` +
/// `国际花卉产业园`, `北大湖` + `滑雪度假区`, `重庆` + `东站`): the end of the longest such
/// name starting at `from`. Heads of three characters or more may follow up to eight name
/// characters; shorter heads (`景区`, `东站`) must follow the place or one more word. The name
/// stops before another place (`北部湾港` + `钦州港区`) and at its first head (`钦州港区`, not
/// `钦州港区大榄坪南作业区`), unless the next character makes a longer head (`产业园区`).
fn named_site_end(
    chars: &[char],
    from: usize,
    places: &std::collections::HashSet<usize>,
) -> Option<usize> {
    const LONG: &[&str] = &[
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
    const SHORT: &[&str] = &[
        "景区", "古镇", "港区", "机场", "东站", "西站", "南站", "北站",
    ];
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
        if head(LONG, 8) || head(SHORT, 3) {
            best = Some(j);
        }
    }
    best
}

/// Words ending in `网` that name no outlet.
const GENERIC_NETS: &[&str] = &[
    "互联网",
    "物联网",
    "因特网",
    "局域网",
    "电网",
    "官网",
    "上网",
    "联网",
    "天网",
    "渔网",
];

/// News outlets where credits name them: a source line (`来源：人民网-青海频道`), a dateline
/// (`东北网8月14日讯`, `云南网讯（记者…）`) or a credit (`大皖客户端记者`). The name stands alone
/// between separators, so `互联网` inside a sentence is not taken.
fn outlets(chars: &[char], out: &mut Vec<Mention>) {
    let words = ner::words();
    let separator = |c: char| !is_han(c) || "、".contains(c);
    let mut start = 0;
    while start < chars.len() {
        if separator(chars[start]) {
            start += 1;
            continue;
        }
        let run_end = (start..chars.len())
            .find(|&j| separator(chars[j]))
            .unwrap_or(chars.len());
        // `据人民日报` cites the outlet: the name starts after `据`.
        let cites = chars[start] == '据' && run_end - start > 3;
        if cites {
            start += 1;
        }
        let at_segment_start = cites
            || start == 0
            || "\n：:-—|、 （(【，。".contains(chars[start - 1])
            || lexicon::ends_with_at(chars, start, "来源：");
        if at_segment_start {
            // The longest outlet name at the start of the run that a credit word or the run's
            // end follows.
            let best = (start + 3..=run_end.min(start + 10)).rev().find(|&e| {
                OUTLET_HEADS
                    .iter()
                    .any(|h| lexicon::ends_with_at(chars, e, h) && e - start > h.chars().count())
                    && (e == run_end
                        || ["讯", "记者", "消息", "电", "报道", "全媒体"]
                            .iter()
                            .any(|w| starts_with_at(chars, e, w)))
                    && !GENERIC_NETS
                        .iter()
                        .any(|g| lexicon::ends_with_at(chars, e, g))
                    && words.part_of_speech(&chars[start..e]) != Some(b'v')
                    && words.part_of_speech(&chars[e - 2..e]) != Some(b'v')
                    && !chars[start..e].iter().any(|c| PHRASE_BREAK.contains(*c))
            });
            if let Some(e) = best {
                out.push(Mention {
                    start,
                    end: e,
                    kind: EntityKind::Organisation,
                    source: Source::Rule,
                });
            }
        }
        start = run_end;
    }
}

fn authors_in_text(chars: &[char], authors: &[String], out: &mut Vec<Mention>) {
    for a in authors {
        let n = a.chars().count();
        let Some(first) = a.chars().next() else {
            continue;
        };
        for i in 0..chars.len() {
            if chars[i] == first && starts_with_at(chars, i, a) {
                out.push(Mention {
                    start: i,
                    end: i + n,
                    kind: EntityKind::Person,
                    source: Source::Rule,
                });
            }
        }
    }
}

/// The people named in the text's own credit lines (`终审:白正辉`, `编辑：李四 审核：王五`):
/// persons like the authors, whose editors and reviewers the article's byline does not carry.
fn credit_lines(chars: &[char], out: &mut Vec<Mention>) {
    let mut start = 0;
    for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i] == '\n') {
        let line = &chars[start..end];
        let line_start = start;
        start = end + 1;
        // Credit lines are short and labelled or spaced (`记者 张三`); prose is left alone.
        if line.len() > 60 || !line.iter().any(|c| ":： /".contains(*c)) {
            continue;
        }
        let text: String = line.iter().collect();
        for name in super::page::credited_names(&text) {
            let name: Vec<char> = name.chars().collect();
            if let Some(i) = (0..line.len()).find(|&i| line[i..].starts_with(&name)) {
                out.push(Mention {
                    start: line_start + i,
                    end: line_start + i + name.len(),
                    kind: EntityKind::Person,
                    source: Source::Rule,
                });
            }
        }
    }
}

/// Organisation heads distinctive enough to mark a name without a place before it.
const ORG_HEADS_STRONG: &[&str] = &[
    "集团",
    "有限公司",
    "股份公司",
    "协会",
    "学会",
    "研究会",
    "联合会",
    "商会",
    "委员会",
    "合作社",
    "研究院",
    "研究所",
    "博物馆",
    "纪念馆",
    "图书馆",
    "医院",
    "大学",
    "学院",
    "中学",
    "小学",
    "银行",
    "基金会",
    "出版社",
    "电视台",
    "报社",
];

/// Characters that end a name phrase: function words and verbs that glue clauses.
const PHRASE_BREAK: &str = "在的和与及对向以把将为等到从是了被让给于由";

/// Single-character organisation heads that begin a longer ordinary word (`社区`, `部门`).
const NOT_ORG_END: &[&str] = &[
    "社区", "社会", "科室", "科学", "部门", "部署", "局面", "所有", "所以", "院落", "院子", "处理",
    "处方", "委员", "厂房", "馆藏", "站点", "社员", "部分", "局势",
];

/// The end of the longest organisation name starting with `chars[from..]` (a head within
/// `max` Han characters, not crossing a clause word or a following title), or `from`.
fn org_end_from(chars: &[char], from: usize, max: usize) -> usize {
    let mut best = from;
    let mut j = from;
    while j < chars.len() && j - from < max && is_han(chars[j]) && !PHRASE_BREAK.contains(chars[j])
    {
        // A position title (not a party organ that names a body, like `党工委`) ends the name.
        if j > from && lexicon::title_len_at(chars, j) > 0 && !"党纪团".contains(chars[j]) {
            break;
        }
        j += 1;
        if let Some(suf) = lexicon::ORG_SUFFIXES
            .iter()
            .find(|x| lexicon::ends_with_at(chars, j, x))
        {
            let single = suf.chars().count() == 1;
            let glued = chars.get(j).is_some_and(|&n| {
                NOT_ORG_END
                    .iter()
                    .any(|w| w.starts_with(chars[j - 1]) && w.ends_with(n))
            });
            if !glued && (!single || j - from >= 2) {
                best = j;
            }
        }
    }
    best
}

/// Organisations named with a place prefix: a gazetteer or rule place followed by up to 12 Han
/// characters ending in an organisation head (`隆昌市水利局`, `龙山街道党工委`); sub-units
/// written right after an organisation (`…有限公司一号煤矿`, `…分公司团总支`); and a name
/// standing where a title and a person follow (`长城电器董事长张志明`).
fn prefixed_orgs(chars: &[char], out: &mut Vec<Mention>) {
    let places: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place && m.source != Source::Model)
        .map(|m| (m.start, m.end))
        .collect();
    let mut found = Vec::new();
    let place_starts: std::collections::HashSet<usize> = places.iter().map(|&(s, _)| s).collect();
    for &(s, e) in &places {
        // In a chain (`四川省隆昌市水利局`) only the last place prefixes the organisation.
        if place_starts.contains(&e) {
            continue;
        }
        // Companies' names run longer (`陕西` + `旭强瑞清洁能源集团有限公司`).
        let end = org_end_from(chars, e, 12);
        let end = Some(org_end_from(chars, e, 16))
            .filter(|&l| l > end && lexicon::ends_with_at(chars, l, "有限公司"))
            .unwrap_or(end);
        if end > e {
            found.push(Mention {
                start: s,
                end,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
        }
    }
    // Sub-units right after an organisation.
    let orgs: Vec<(usize, usize)> = out
        .iter()
        .chain(&found)
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| (m.start, m.end))
        .collect();
    // The organisations by start with the furthest end reached so far: whether one starting
    // by `e` reaches `end` is a binary search, not a scan.
    let mut reach_by_start = orgs.clone();
    reach_by_start.sort_unstable();
    let mut reach = 0;
    for o in &mut reach_by_start {
        reach = reach.max(o.1);
        o.1 = reach;
    }
    let covers = |e: usize, end: usize| {
        let n = reach_by_start.partition_point(|&(s2, _)| s2 <= e);
        n > 0 && reach_by_start[n - 1].1 >= end
    };
    for &(_, e) in &orgs {
        let end = org_end_from(chars, e, 6);
        if end >= e + 2 && !covers(e, end) {
            found.push(Mention {
                start: e,
                end,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
        }
    }
    // `[place][name][title][person]`: the words between a place and a title name a body.
    let mut org_ends: std::collections::HashSet<usize> = out
        .iter()
        .chain(&found)
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| m.end)
        .collect();
    for &(s, e) in &places {
        let Some(t) = (e..(e + 5).min(chars.len())).find(|&t| lexicon::title_len_at(chars, t) > 0)
        else {
            continue;
        };
        let between_ok = chars[e..t]
            .iter()
            .all(|c| is_han(*c) && !PHRASE_BREAK.contains(*c));
        let tl = lexicon::title_len_at(chars, t);
        let known = org_ends.contains(&t);
        if t > e && between_ok && name_len_at(chars, t + tl) > 0 && !known {
            org_ends.insert(t);
            found.push(Mention {
                start: s,
                end: t,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
        }
    }
    // Names with a distinctive head and no place prefix (`方大集团`): 2–4 characters after a
    // clause boundary.
    static LAST: OnceLock<CharSet> = OnceLock::new();
    let last = LAST.get_or_init(|| CharSet::of(ORG_HEADS_STRONG.iter().copied(), true));
    // The rules' mentions so far by start, with the furthest end reached: a span overlaps one
    // when one starting before its end reaches past its start. Those found below end before
    // the next head, so their furthest end is enough.
    let mut ruled: Vec<(usize, usize)> = out
        .iter()
        .chain(&found)
        .filter(|m| m.source != Source::Model)
        .map(|m| (m.start, m.end))
        .collect();
    ruled.sort_unstable();
    let mut reach = 0;
    for r in &mut ruled {
        reach = reach.max(r.1);
        r.1 = reach;
    }
    let mut found_reach = 0;
    for end in 3..=chars.len() {
        // Most characters end no head: a bitset check before comparing words.
        if !last.contains(chars[end - 1]) {
            continue;
        }
        let Some(suf) = ORG_HEADS_STRONG
            .iter()
            .find(|x| lexicon::ends_with_at(chars, end, x))
        else {
            continue;
        };
        let stem_end = end - suf.chars().count();
        let n = ruled.partition_point(|&(s, _)| s < end);
        if (n > 0 && ruled[n - 1].1 > stem_end) || found_reach > stem_end {
            continue;
        }
        let boundary = |i: usize| {
            i == 0
                || !is_han(chars[i - 1])
                || PHRASE_BREAK.contains(chars[i - 1])
                || chars[i - 1] == '了'
        };
        if let Some(start) =
            (stem_end.saturating_sub(4)..stem_end.saturating_sub(1)).find(|&i| boundary(i))
        {
            let stem = &chars[start..stem_end];
            if stem.len() >= 2
                && stem
                    .iter()
                    .all(|c| is_han(*c) && !PHRASE_BREAK.contains(*c))
                && stem_is_name(stem)
            {
                found_reach = found_reach.max(end);
                found.push(Mention {
                    start,
                    end,
                    kind: EntityKind::Organisation,
                    source: Source::Rule,
                });
            }
        }
    }
    out.extend(found);
}

/// Programmes: `《…》` titles; `“…”` names that end in a programme head or are followed by one
/// (`“九度”社区建设`, `“世界读书日”`); unquoted names after an organising verb
/// (`开展宝贝计划`). Quoted speech (sentence punctuation inside) is never a programme.
fn programmes(chars: &[char], out: &mut Vec<Mention>) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let open = chars[i];
        let close = match open {
            '“' => '”',
            '《' => '》',
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(len) = chars[i + 1..].iter().take(30).position(|&c| c == close) else {
            i += 1;
            continue;
        };
        let inner = &chars[i + 1..i + 1 + len];
        let after = i + 2 + len;
        // `举办了“粽香飘满老沙湾,歌舞共绘团结情”`: what an organising verb introduces is the
        // event's theme, commas and all; elsewhere a comma makes the quote speech.
        let organised = organised_before(chars, i);
        let stops = if organised {
            "。！？；!?"
        } else {
            "，。！？；,!?"
        };
        let speech = inner.iter().any(|c| stops.contains(*c));
        if len < 2 || speech {
            i = after;
            continue;
        }
        let inner_s: String = inner.iter().collect();
        // The name is what the marks enclose (`“文明集市”活动` names 文明集市): the head after
        // the quote says what kind of thing it is, and is not part of the name.
        let named = Mention {
            start: i + 1,
            end: after - 1,
            kind: EntityKind::Programme,
            source: Source::Rule,
        };
        if open == '《' {
            // Books, films, songs and laws are not programmes; a newspaper or journal in
            // 《》 is an organisation (`《人民日报》`, `《文明山西》周刊`).
            if let Some(end) = outlet_title_end(chars, i, after) {
                let (start, end) = if end == after {
                    (i + 1, after - 1)
                } else {
                    (i, end)
                };
                out.push(Mention {
                    start,
                    end,
                    kind: EntityKind::Organisation,
                    source: Source::Rule,
                });
            }
        } else if let Some(end) = team_head_after(chars, after) {
            out.push(Mention {
                start: i,
                end,
                kind: EntityKind::Organisation,
                source: Source::Rule,
            });
        } else if organised
            || programme_head_after(chars, after).is_some()
            || quote_list_ends_in_head(chars, after)
            || lexicon::PROGRAMME_HEADS
                .iter()
                .any(|h| inner_s.ends_with(h) && inner_s.chars().count() > h.chars().count())
        {
            // `“A”“B”等…主题活动`: every quoted item of the list names a programme.
            out.push(named);
        }
        i = after;
    }
    static FIRST: OnceLock<CharSet> = OnceLock::new();
    let first = FIRST.get_or_init(|| CharSet::of(PROGRAMME_VERBS.iter().copied(), false));
    for i in 0..n {
        if !first.contains(chars[i]) {
            continue;
        }
        for v in PROGRAMME_VERBS {
            if !starts_with_at(chars, i, v) {
                continue;
            }
            let s = i + v.chars().count();
            if chars.get(s).is_some_and(|c| !is_han(*c)) {
                continue;
            }
            if let Some(end) = programme_head_after(chars, s).filter(|&e| {
                // Not `活动`: an unquoted `义诊活动`, `联谊活动` is the kind of event, not a name.
                ["计划", "行动", "工程", "行动月", "活动月"]
                    .iter()
                    .any(|h| lexicon::ends_with_at(chars, e, h))
            }) {
                let len = end - s;
                let body: String = chars[s..end].iter().collect();
                if (3..=10).contains(&len)
                    && !body.contains('的')
                    && !body.starts_with(['了', '各', '多', '一', '系', '专', '主', '相'])
                {
                    out.push(Mention {
                        start: s,
                        end,
                        kind: EntityKind::Programme,
                        source: Source::Rule,
                    });
                }
            }
        }
    }
}

/// `“邻里帮”志愿服务队`, `“红石榴”宣讲团`: a quoted name followed, within eight name characters,
/// by the head of a team or a club: the end of that organisation's name.
fn team_head_after(chars: &[char], from: usize) -> Option<usize> {
    const HEADS: &[&str] = &[
        "服务队",
        "志愿队",
        "工作队",
        "突击队",
        "服务总队",
        "宣讲团",
        "艺术团",
        "志愿团",
        "工作室",
        "合作社",
        "协会",
        "联盟",
    ];
    let mut j = from;
    while j < chars.len() && j - from < 8 && is_han(chars[j]) && !PHRASE_BREAK.contains(chars[j]) {
        j += 1;
        if HEADS.iter().any(|h| lexicon::ends_with_at(chars, j, h)) {
            return Some(j);
        }
    }
    None
}

/// Whether an organising verb stands right before the quote at `open` (`举办“…”`, `开展了“…”`,
/// `启动的“…”`).
fn organised_before(chars: &[char], open: usize) -> bool {
    let mut end = open;
    if end > 0 && "了的".contains(chars[end - 1]) {
        end -= 1;
    }
    PROGRAMME_VERBS
        .iter()
        .any(|v| lexicon::ends_with_at(chars, end, v))
}

/// Campaigns and policies known by name across the country's news, written with or without
/// quotation marks, and international events by their usual short names (`2023年世乒赛`).
const KNOWN_PROGRAMMES: &[&str] = &[
    "一带一路",
    "一国两制",
    "党史学习教育",
    "两学一做",
    "最多跑一次",
    "扫黑除恶专项斗争",
    "厕所革命",
    "光盘行动",
];
const KNOWN_EVENTS: &[&str] = &[
    "世乒赛",
    "世锦赛",
    "奥运会",
    "冬奥会",
    "残奥会",
    "亚运会",
    "全运会",
    "世界杯",
    "世博会",
    "进博会",
    "广交会",
    "服贸会",
    "消博会",
    "冬运会",
    "大运会",
];

/// [`KNOWN_PROGRAMMES`] and [`KNOWN_EVENTS`] (with a year before them when written).
fn known_programmes(chars: &[char], out: &mut Vec<Mention>) {
    for i in 0..chars.len() {
        if let Some(p) = KNOWN_PROGRAMMES
            .iter()
            .find(|p| starts_with_at(chars, i, p))
        {
            out.push(Mention {
                start: i,
                end: i + p.chars().count(),
                kind: EntityKind::Programme,
                source: Source::Rule,
            });
        } else if let Some(e) = KNOWN_EVENTS.iter().find(|e| starts_with_at(chars, i, e)) {
            // `2023年` before it is part of the name.
            let mut start = i;
            if i >= 5
                && chars[i - 1] == '年'
                && chars[i - 5..i - 1].iter().all(|c| c.is_ascii_digit())
            {
                start = i - 5;
            }
            out.push(Mention {
                start,
                end: i + e.chars().count(),
                kind: EntityKind::Programme,
                source: Source::Rule,
            });
        }
    }
}

/// Words that make a `《…》` title a newspaper, journal or channel: as the title's last
/// characters (`《人民日报》`) or right after it (`《文明山西》周刊`).
const OUTLET_ENDS: &[&str] = &["报", "周刊", "杂志", "月刊", "期刊", "画报", "频道"];

/// For the title `《…》` at `open..after`: where the outlet's name ends (`after`, or past a
/// word such as `周刊` that follows it), or `None` for a book, film, song or law.
fn outlet_title_end(chars: &[char], open: usize, after: usize) -> Option<usize> {
    // A lone `报` after the title is a verb (`《…》报道`), not part of the name.
    let words_after = OUTLET_ENDS.iter().filter(|w| w.chars().count() > 1);
    if let Some(w) = words_after
        .into_iter()
        .find(|w| starts_with_at(chars, after, w))
    {
        return Some(after + w.chars().count());
    }
    let inner: String = chars[open + 1..after - 1].iter().collect();
    (OUTLET_ENDS.iter().any(|w| inner.ends_with(w)) && inner.chars().count() >= 3).then_some(after)
}

/// `《…》` titles that name no outlet: the words inside are the work's, not referents of the
/// article (`《中华民族一家亲》` names no place 中华).
fn work_titles(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '《' {
            if let Some(len) = chars[i + 1..].iter().take(60).position(|&c| c == '》') {
                let after = i + 2 + len;
                if outlet_title_end(chars, i, after).is_none() {
                    out.push((i, after));
                }
                i = after;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Whether more quoted items, then `等`, then a programme head follow `from`.
fn quote_list_ends_in_head(chars: &[char], mut from: usize) -> bool {
    loop {
        match chars.get(from) {
            Some('、') => from += 1,
            Some('“') => match chars[from..].iter().take(30).position(|&c| c == '”') {
                Some(p) => from += p + 1,
                None => return false,
            },
            Some('等') => return programme_head_after(chars, from + 1).is_some(),
            _ => return false,
        }
    }
}

/// The end of a programme head within 12 chars after `from` (`社区建设`, `的工作机制`,
/// `主题女职工读书系列活动`), or `None`. A head is not taken inside a longer unit name
/// (`志愿服务队`).
fn programme_head_after(chars: &[char], from: usize) -> Option<usize> {
    let mut best = None;
    for j in from..(from + 12).min(chars.len()) {
        if !is_han(chars[j]) || chars[j] == '等' {
            break;
        }
        let head = lexicon::PROGRAMME_HEADS
            .iter()
            .any(|h| lexicon::ends_with_at(chars, j + 1, h) && j + 1 - h.chars().count() >= from);
        let continues_as_unit = ["队", "站", "所", "中心", "部"]
            .iter()
            .any(|u| starts_with_at(chars, j + 1, u));
        if head && !continues_as_unit {
            best = Some(j + 1);
            // Extend through compound heads (`系列活动`), but stop at the first complete one
            // followed by a non-head character.
            if !chars
                .get(j + 1)
                .is_some_and(|c| "活动行计划月日".contains(*c))
            {
                break;
            }
        }
    }
    best
}

/// One name, one reading in an article: a string read as a person more often than as a place
/// there is a person everywhere in it, and the other way round (`在马克龙以及…` read as a
/// place once, among six readings as a person). Ties keep each reading.
pub fn one_reading(chars: &[char], ms: &mut [Mention]) {
    let mut counts: HashMap<&[char], (usize, usize)> = HashMap::new();
    for m in ms.iter() {
        let c = counts.entry(&chars[m.start..m.end]).or_default();
        match m.kind {
            EntityKind::Person => c.0 += 1,
            EntityKind::Place => c.1 += 1,
            _ => {}
        }
    }
    for m in ms.iter_mut() {
        if !matches!(m.kind, EntityKind::Person | EntityKind::Place) {
            continue;
        }
        let Some(&(person, place)) = counts.get(&chars[m.start..m.end]) else {
            continue;
        };
        if person > place && place > 0 {
            m.kind = EntityKind::Person;
        } else if place > person && person > 0 {
            m.kind = EntityKind::Place;
        }
    }
}

/// Names found once are names everywhere: marks every other occurrence of a known person or
/// organisation name (from any article of the corpus) and resolves overlaps again.
pub fn propagate(
    chars: &[char],
    known: &HashMap<String, EntityKind>,
    index: &ner::FormIndex,
    mut ms: Vec<Mention>,
) -> Vec<Mention> {
    let mut lens = Vec::new();
    // Whether a span is inside a mention given: the mentions by start with the furthest end
    // reached so far (a scan of all mentions for each name found was quadratic). Names added
    // here start after every earlier one ends, so only the given mentions can cover one.
    let mut by_start: Vec<(usize, usize)> = ms.iter().map(|m| (m.start, m.end)).collect();
    by_start.sort_unstable();
    let mut reach = 0;
    for span in &mut by_start {
        reach = reach.max(span.1);
        span.1 = reach;
    }
    let covered = |start: usize, end: usize| {
        let n = by_start.partition_point(|&(s, _)| s <= start);
        n > 0 && by_start[n - 1].1 >= end
    };
    let mut i = 0;
    while i < chars.len() {
        index.matches_at(chars, i, &mut lens);
        let Some(&l) = lens.last() else {
            i += 1;
            continue;
        };
        let s: String = chars[i..i + l].iter().collect();
        // The name's first character must not end a word with the one before it (`国正` is
        // not marked in `我国正在`).
        let splits_word = i > 0 && ner::words().part_of_speech(&chars[i - 1..i + 1]).is_some();
        if let Some(&kind) = known.get(&s).filter(|_| !splits_word) {
            if !covered(i, i + l) {
                ms.push(Mention {
                    start: i,
                    end: i + l,
                    kind,
                    source: Source::Rule,
                });
            }
        }
        i += l;
    }
    resolve(chars, ms)
}

/// `政协委员`, `人大代表`: a congress written bare before its members' title is part of the
/// title (a member of some congress), not a node that would join every locality's congress.
fn is_members_body(chars: &[char], m: &Mention) -> bool {
    let s = &chars[m.start..m.end];
    m.kind == EntityKind::Organisation
        && (s == ['政', '协'] || s == ['人', '大'])
        && ["委员", "代表", "常委"]
            .iter()
            .any(|t| starts_with_at(chars, m.end, t))
}

/// `局党委`, `该局`: a bare organisation head standing for an organisation named earlier. It is
/// not a name of its own (the role rule resolves it to that organisation).
fn is_back_reference(s: &str, kind: EntityKind) -> bool {
    let mut cs = s.chars();
    let first = cs.next();
    let rest = cs.as_str();
    kind == EntityKind::Organisation
        && (first.is_some_and(|c| "局委部厅院所社".contains(c))
            && ["党委", "党组", "党总支", "党支部", "纪委", "机关"].contains(&rest)
            || s.starts_with('该') && s.chars().count() <= 3)
}

/// A person or place that names no one in particular: one character (`孙` of `孙某`, `中` of
/// `中医`: a single character is a name only inside a longer one) or a surname with a form of
/// address (`刘先生`, `陈师傅`), which across a corpus would join strangers into one node.
fn is_anonymous(s: &str, kind: EntityKind) -> bool {
    let n = s.chars().count();
    match kind {
        EntityKind::Person => {
            n < 2
                || lexicon::HONORIFICS.iter().any(|h| {
                    s.strip_suffix(h).is_some_and(|stem| {
                        let k = stem.chars().count();
                        k > 0 && lexicon::surname_len(stem) == k
                    })
                })
        }
        EntityKind::Place => n < 2 && lexicon::abbreviation(s).is_none(),
        _ => false,
    }
}

/// A three-character person that is a word and the start of the next one (`高度评` of
/// `高度评价`): the recogniser cut a phrase, not a name.
fn is_cut_phrase(chars: &[char], m: &Mention) -> bool {
    let words = ner::words();
    m.end - m.start == 3
        && words
            .part_of_speech(&chars[m.start..m.start + 2])
            .is_some_and(|p| p != b'r')
        && m.end < chars.len()
        && words.part_of_speech(&chars[m.end - 1..m.end + 1]).is_some()
}

/// Parts of Tibetan personal names: a name is usually two of them (`强巴央宗`, `次仁卓玛`),
/// which the recogniser, trained on Han names, cuts after three characters.
const TIBETAN_PARTS: &[&str] = &[
    "扎西", "次仁", "多吉", "卓玛", "央宗", "强巴", "格桑", "旦增", "平措", "顿珠", "白玛", "达瓦",
    "尼玛", "拉姆", "索朗", "次旦", "普布", "巴桑", "罗布", "边巴", "德吉", "曲珍", "央金", "卓嘎",
    "拉巴", "措姆", "旺堆", "洛桑", "丹增", "贡布", "米玛", "仁青", "益西", "群培", "阿旺", "琼达",
    "玉珍", "桑珠", "嘎玛", "次珍", "德庆", "赤列", "土登", "加措", "嘉措", "才让", "卓措", "拉珍",
    "仁增", "巴珠", "达娃", "格列", "普琼", "次央", "曲扎",
];

/// The end of a Tibetan name of two parts starting at `i`, or 0.
fn tibetan_name_end(chars: &[char], i: usize) -> usize {
    let part = |at: usize| TIBETAN_PARTS.iter().any(|p| starts_with_at(chars, at, p));
    if part(i) && part(i + 2) {
        i + 4
    } else {
        0
    }
}

/// A name that ends in the verb written after it: a one-character verb before an aspect
/// particle (`王斌算了一笔账`, not `了解`) or `偕` (`崔建春偕夫人`).
fn took_verb_after(chars: &[char], m: &Mention) -> bool {
    let n = m.end - m.start;
    if n < 3 {
        return false;
    }
    let given = n - lexicon::surname_len(&chars[m.start..m.end].iter().collect::<String>());
    let aspect = chars.get(m.end).is_some_and(|c| "了着过".contains(*c))
        && chars
            .get(m.end..m.end + 2)
            .is_none_or(|w| ner::words().part_of_speech(w).is_none());
    given >= 2 && (aspect || "偕携".contains(chars[m.end - 1]))
}

/// A person or organisation that is a word of the language (`关于`, `宣布`, `来到` read as
/// persons): the dictionary knows person names as such (`r`), and the idioms and verbs it
/// lists are no organisation. Such a false name would otherwise recur across a corpus.
pub fn is_common_word(span: &[char], kind: EntityKind) -> bool {
    let words = ner::words();
    let pos = words.part_of_speech(span);
    match kind {
        EntityKind::Person => {
            // The word list files some famous names under no class (`周恩来`): a three-character
            // word of that class opening with a surname stays a name.
            let named = span.len() == 3 && lexicon::is_surname_char(span[0]);
            pos.is_some_and(|p| p != b'r' && !(p == b'x' && named))
                // `应邀参`: a verb and the start of the next; `和全国`: a conjunction and a word.
                || (span.len() >= 3 && matches!(words.part_of_speech(&span[..2]), Some(b'v' | b'x')))
                || (span.len() >= 3
                    && "和与及在对向从把被让给".contains(span[0])
                    && (words.part_of_speech(&span[1..]).is_some()
                        || is_generic(&span[1..].iter().collect::<String>())))
        }
        EntityKind::Organisation => matches!(pos, Some(b'v')),
        _ => false,
    }
}

/// Resolves overlaps: for each pair of overlapping mentions keep the stronger source, then the
/// longer span. Nesting is kept where it carries meaning: a place inside an organisation name
/// (`隆昌市` in `隆昌市水利局`) and a place or organisation inside a programme name.
fn resolve(chars: &[char], mut ms: Vec<Mention>) -> Vec<Mention> {
    // `据新华社` cites the agency: `据` is not part of any name, whichever rule took it in.
    for m in &mut ms {
        if chars.get(m.start) == Some(&'据') && m.end - m.start >= 3 {
            m.start += 1;
        }
    }
    for m in &mut ms {
        if m.kind == EntityKind::Person && took_verb_after(chars, m) {
            m.end -= 1;
        }
        if m.kind == EntityKind::Person {
            m.end = m.end.max(tibetan_name_end(chars, m.start));
        }
    }
    // `孙中山`: a place's short form that a recognised person's given name contains is part
    // of the name, not a place (full names such as `中山市` still win).
    // Each position's recognised person starting there (names are short: a few look-backs).
    let persons: HashMap<usize, usize> = ms
        .iter()
        .filter(|m| m.kind == EntityKind::Person && m.source == Source::Model)
        .filter(|m| lexicon::is_surname_char(chars[m.start]))
        .map(|m| (m.start, m.end))
        .collect();
    if !persons.is_empty() {
        let g = gazetteer();
        ms.retain(|m| {
            let inside = (m.start.saturating_sub(4)..m.start)
                .any(|s| persons.get(&s).is_some_and(|&e| m.end <= e));
            m.source != Source::Gazetteer
                || !inside
                || g.is_full_name(&chars[m.start..m.end].iter().collect::<String>())
        });
    }
    ms.retain(|m| {
        let s: String = chars[m.start..m.end].iter().collect();
        m.end > m.start
            && !is_generic(&s)
            && !is_anonymous(&s, m.kind)
            && !is_common_word(&chars[m.start..m.end], m.kind)
            && (m.kind != EntityKind::Person || !is_cut_phrase(chars, m))
            && s.chars().any(is_han)
            && !is_back_reference(&s, m.kind)
            && !is_members_body(chars, m)
    });
    ms.sort_by(|a, b| {
        b.source
            .cmp(&a.source)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.kind.cmp(&b.kind))
    });
    let mut kept: Vec<Mention> = Vec::new();
    // Kept mentions that overlap share their start (only a name nested at the start of another
    // is kept over it), so the kept ones form disjoint groups by start: the groups a mention
    // can clash with are found from the start map, not by a scan of all kept (which made
    // resolution quadratic in an article's mentions).
    let mut groups: std::collections::BTreeMap<usize, (usize, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for m in ms {
        let overlapping = groups
            .range(..m.end)
            .rev()
            .take_while(|(_, (end, _))| *end > m.start)
            .flat_map(|(_, (_, members))| members.iter().map(|&i| &kept[i]));
        let clash = overlapping.into_iter().any(|k| {
            let overlap = m.start < k.end && k.start < m.end;
            if !overlap {
                return false;
            }
            let nested_in_k = k.start <= m.start && m.end <= k.end;
            let k_nested_in_m = m.start <= k.start && k.end <= m.end;
            let meaningful = |outer: EntityKind, inner: EntityKind| {
                matches!(
                    (outer, inner),
                    (EntityKind::Organisation, EntityKind::Place)
                        | (
                            EntityKind::Programme,
                            EntityKind::Place | EntityKind::Organisation
                        )
                )
            };
            !((nested_in_k && meaningful(k.kind, m.kind) && m.start == k.start)
                || (k_nested_in_m && meaningful(m.kind, k.kind) && k.start == m.start))
                || (m.start == k.start && m.end == k.end)
        });
        if !clash {
            let group = groups.entry(m.start).or_insert((m.end, Vec::new()));
            group.0 = group.0.max(m.end);
            group.1.push(kept.len());
            kept.push(m);
        }
    }
    kept.sort();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_rules(s: &str) -> Vec<(String, EntityKind)> {
        let chars: Vec<char> = s.chars().collect();
        let mut ctx = ner::Context::default();
        find(&chars, &[], None, &mut ctx)
            .into_iter()
            .map(|m| (chars[m.start..m.end].iter().collect(), m.kind))
            .collect()
    }

    fn has(found: &[(String, EntityKind)], s: &str, k: EntityKind) -> bool {
        found.iter().any(|(t, kk)| t == s && *kk == k)
    }

    #[test]
    fn recognised_spans_must_pair_their_quotes() {
        let c = |s: &str| s.chars().collect::<Vec<char>>();
        for bad in [
            "“线下院",
            "线下院”",
            "办公桌“",
            "”院",
            "（北京",
            "北京）",
            "",
        ] {
            assert!(!well_formed(&c(bad)), "{bad}");
        }
        for good in [
            "“九度”社区",
            "北京市",
            "中国（上海）自由贸易试验区",
            "《人民日报》社",
        ] {
            assert!(well_formed(&c(good)), "{good}");
        }
        // With the shipped model: the quoted phrase yields no organisation starting with `“`.
        let chars = c("“线上议事厅”发布各类通知；“线下院落办公桌”由社区干部轮流值守。");
        let mut ctx = ner::Context::default();
        for m in find(&chars, &[], ner::shipped(), &mut ctx) {
            assert!(well_formed(&chars[m.start..m.end]), "{m:?}");
        }
    }

    #[test]
    fn place_chains_and_short_forms() {
        let f = find_rules("他来自河南省洛阳市栾川县，后来到山东工作。");
        for p in ["河南省", "洛阳市", "栾川县", "山东"] {
            assert!(has(&f, p, EntityKind::Place), "{p}: {f:?}");
        }
    }

    #[test]
    fn a_chain_names_a_place_inside_the_one_before() {
        // 怀柔 lies in 北京; 公安 (a county of 湖北) after a county of 安徽 is the word 公安局,
        // and 振兴 (a district of 辽宁) after 吉林 is the verb.
        let f = find_rules("他在北京怀柔工作。望江县公安局民警赶到。推动吉林振兴发展。");
        assert!(has(&f, "怀柔", EntityKind::Place), "{f:?}");
        assert!(has(&f, "望江县公安局", EntityKind::Organisation), "{f:?}");
        for word in ["公安", "振兴"] {
            assert!(!has(&f, word, EntityKind::Place), "{word}: {f:?}");
        }
        // A county's name that ends a word begun before it is that word's tail.
        let f = find_rules("创建民族团结示范县。他来自河南范县。旅客从重庆出发。");
        assert!(has(&f, "重庆", EntityKind::Place), "{f:?}");
        assert_eq!(
            f.iter().filter(|(t, _)| t == "范县").count(),
            1,
            "only the second 范县: {f:?}"
        );
        // A short form that makes a word with the character after it is that word.
        let f = find_rules("一块黑色大理石基座。他来自云南大理。");
        assert_eq!(f.iter().filter(|(t, _)| t == "大理").count(), 1, "{f:?}");
    }

    #[test]
    fn a_category_word_before_a_company_is_not_its_name() {
        let trimmed = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut m = Mention {
                start: 0,
                end: chars.len(),
                kind: EntityKind::Organisation,
                source: Source::Model,
            };
            trim_organisation(&chars, &mut m);
            chars[m.start..m.end].iter().collect::<String>()
        };
        assert_eq!(
            trimmed("区企业青禾汽车科技有限公司"),
            "青禾汽车科技有限公司"
        );
        assert_eq!(trimmed("龙头企业青禾科技有限公司"), "青禾科技有限公司");
        assert_eq!(
            trimmed("中国企业管理咨询有限公司"),
            "中国企业管理咨询有限公司"
        );
        assert_eq!(trimmed("中国企业联合会"), "中国企业联合会");
        assert_eq!(trimmed("民盟青山区委主委"), "民盟青山区委");
        assert_eq!(trimmed("青山区工商局局长"), "青山区工商局");
        assert_eq!(trimmed("青山区委员会"), "青山区委员会");
    }

    #[test]
    fn a_string_has_one_reading_in_an_article() {
        let chars: Vec<char> = "马丁说。马丁表示。在马丁以及众人。李四在北京。"
            .chars()
            .collect();
        let m = |start: usize, kind: EntityKind| Mention {
            start,
            end: start + 2,
            kind,
            source: Source::Model,
        };
        let mut ms = vec![
            m(0, EntityKind::Person),
            m(4, EntityKind::Person),
            m(10, EntityKind::Place),
            m(20, EntityKind::Place),
        ];
        one_reading(&chars, &mut ms);
        assert!(
            ms[..3].iter().all(|m| m.kind == EntityKind::Person),
            "{ms:?}"
        );
        assert_eq!(ms[3].kind, EntityKind::Place);
        // A tie keeps both readings.
        let mut tie = vec![m(0, EntityKind::Person), m(10, EntityKind::Place)];
        one_reading(&chars, &mut tie);
        assert_eq!(tie[1].kind, EntityKind::Place);
    }

    #[test]
    fn a_quoted_name_before_a_team_head_is_an_organisation() {
        let f = find_rules("社区“邻里帮”志愿服务队将粽子送到居民家中。开展“邻里帮”活动。");
        assert!(
            has(&f, "“邻里帮”志愿服务队", EntityKind::Organisation),
            "{f:?}"
        );
        assert!(has(&f, "邻里帮", EntityKind::Programme), "{f:?}");
    }

    #[test]
    fn editors_and_reviewers_of_a_credit_line_are_persons() {
        let f = find_rules("活动圆满结束。\n终审:胡明远\n编辑：孙丽  审核：郑岩\n");
        for p in ["胡明远", "孙丽", "郑岩"] {
            assert!(has(&f, p, EntityKind::Person), "{p}: {f:?}");
        }
        let f = find_rules("他说：明远山很好。");
        assert!(!f.iter().any(|(_, k)| *k == EntityKind::Person), "{f:?}");
    }

    #[test]
    fn names_of_two_parties_joined_by_a_dash_are_whole() {
        let f = find_rules("服务好河北省-江苏省商务与投资峰会。会见河北省—江苏省友好协会代表。");
        assert!(
            has(&f, "河北省-江苏省商务与投资峰会", EntityKind::Programme),
            "{f:?}"
        );
        assert!(
            has(&f, "河北省—江苏省友好协会", EntityKind::Organisation),
            "{f:?}"
        );
        let f = find_rules("河北省-江苏省的高速公路。");
        assert!(!f.iter().any(|(t, _)| t.contains('-')), "{f:?}");
    }

    #[test]
    fn a_quote_after_an_organising_verb_and_known_campaigns_are_programmes() {
        let f =
            find_rules("乡里举办了“春风送暖,共话团圆”联谊会。社区启动的“回家议事 向美而行”项目。");
        assert!(has(&f, "春风送暖,共话团圆", EntityKind::Programme), "{f:?}");
        assert!(has(&f, "回家议事 向美而行", EntityKind::Programme), "{f:?}");
        let f = find_rules("他说：“大家好,欢迎光临。”");
        assert!(!f.iter().any(|(_, k)| *k == EntityKind::Programme), "{f:?}");
        let f = find_rules("共建“一带一路”。2023年世乒赛在德班结束。");
        assert!(has(&f, "一带一路", EntityKind::Programme), "{f:?}");
        assert!(has(&f, "2023年世乒赛", EntityKind::Programme), "{f:?}");
    }

    #[test]
    fn sites_named_after_a_place_are_places() {
        let f = find_rules(
            "项目落户河南省洛阳市国际花卉产业园。旅客从重庆东站出发，游览栾川县老君山景区。",
        );
        for p in ["洛阳市国际花卉产业园", "重庆东站", "栾川县老君山景区"] {
            assert!(has(&f, p, EntityKind::Place), "{p}: {f:?}");
        }
        // Not across a clause word, and a short head only right after the place.
        let f = find_rules("洛阳市在推进旅游景区建设。洛阳市今年新建三个景区。");
        assert!(!f.iter().any(|(t, _)| t.ends_with("景区")), "{f:?}");
        // A site's name ends at its first head and before another place.
        let f = find_rules("货物经洛阳港区北作业区运往重庆。");
        assert!(has(&f, "洛阳港区", EntityKind::Place), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.ends_with("北作业区")), "{f:?}");
    }

    #[test]
    fn a_place_short_form_inside_a_recognised_name_is_the_name() {
        let chars: Vec<char> = "孙中山先生到中山市。".chars().collect();
        let m = |start: usize, end: usize, kind: EntityKind, source: Source| Mention {
            start,
            end,
            kind,
            source,
        };
        let kept = resolve(
            &chars,
            vec![
                m(0, 3, EntityKind::Person, Source::Model),
                m(1, 3, EntityKind::Place, Source::Gazetteer),
                m(6, 9, EntityKind::Place, Source::Gazetteer),
            ],
        );
        let spans: Vec<(usize, usize, EntityKind)> =
            kept.iter().map(|m| (m.start, m.end, m.kind)).collect();
        assert_eq!(
            spans,
            [(0, 3, EntityKind::Person), (6, 9, EntityKind::Place)]
        );
    }

    #[test]
    fn a_bare_congress_before_its_members_title_is_no_organisation() {
        let chars: Vec<char> = "慰问政协委员和人大代表。政协召开会议。".chars().collect();
        let org = |start: usize| Mention {
            start,
            end: start + 2,
            kind: EntityKind::Organisation,
            source: Source::Model,
        };
        assert!(is_members_body(&chars, &org(2)));
        assert!(is_members_body(&chars, &org(7)));
        assert!(!is_members_body(&chars, &org(12)));
    }

    #[test]
    fn a_tibetan_name_of_two_parts_is_whole() {
        let chars: Vec<char> = "原校长次仁卓玛教授带领团队。".chars().collect();
        let cut = Mention {
            start: 3,
            end: 6,
            kind: EntityKind::Person,
            source: Source::Model,
        };
        let kept = resolve(&chars, vec![cut]);
        assert_eq!(kept.len(), 1);
        assert_eq!((kept[0].start, kept[0].end), (3, 7));
        assert_eq!(tibetan_name_end(&chars, 0), 0);
    }

    #[test]
    fn a_name_does_not_end_in_the_verb_after_it() {
        let m = |s: &str, end: usize| {
            let chars: Vec<char> = s.chars().collect();
            let mention = Mention {
                start: 0,
                end,
                kind: EntityKind::Person,
                source: Source::Model,
            };
            took_verb_after(&chars, &mention)
        };
        assert!(m("赵立算了一笔账", 3));
        assert!(m("孙建春偕夫人抵达", 4));
        assert!(!m("张晓亮了解到", 3), "了解 is a word");
        assert!(
            !m("王亮了一下", 2),
            "a two-character name keeps its given name"
        );
        assert!(!m("钱明远说", 3));
    }

    #[test]
    fn titles_make_people_and_forms_of_address_do_not() {
        let f = find_rules("公司总经理李建国介绍，家住城东的周女士和修车的王师傅说很好。");
        assert!(has(&f, "李建国", EntityKind::Person), "{f:?}");
        assert!(
            !f.iter()
                .any(|(t, _)| t.contains("女士") || t.contains("师傅")),
            "{f:?}"
        );
        assert!(is_anonymous("孙", EntityKind::Person));
        assert!(is_anonymous("欧阳先生", EntityKind::Person));
        assert!(!is_anonymous("周女", EntityKind::Person));
        assert!(is_anonymous("镇", EntityKind::Place));
        assert!(!is_anonymous("美", EntityKind::Place));
        let f = find_rules("副局长王强说");
        assert!(has(&f, "王强", EntityKind::Person), "{f:?}");
    }

    #[test]
    fn a_verb_and_a_generic_place_word_are_no_place() {
        let m = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mention = Mention {
                start: 0,
                end: chars.len(),
                kind: EntityKind::Place,
                source: Source::Model,
            };
            is_verb_phrase_place(&chars, &mention)
        };
        assert!(m("推进社区"));
        assert!(m("发挥着社区"));
        assert!(m("首家社区"));
        assert!(m("一小区"));
        assert!(!m("东关社区"));
        assert!(!m("幸福社区"));
        assert!(!m("社区"));
    }

    #[test]
    fn withheld_names_are_people_and_some_is_not_a_name() {
        let f = find_rules("被告人王某明、李某非法经营，某种程度上，赵某的同伙在某地落网。");
        for p in ["王某明", "李某", "赵某"] {
            assert!(has(&f, p, EntityKind::Person), "{p}: {f:?}");
        }
        assert!(
            !f.iter()
                .any(|(t, _)| t.contains("某种") || t.contains("某地") || t == "李某非"),
            "{f:?}"
        );
    }

    #[test]
    fn outlets_in_credits_and_source_lines() {
        let f = find_rules(
            "来源：光明网-理论频道\n江淮网5月3日讯 据北方日报报道，互联网企业参加，滨海晚报记者张三报道。",
        );
        for o in ["光明网", "理论频道", "江淮网", "北方日报", "滨海晚报"] {
            assert!(has(&f, o, EntityKind::Organisation), "{o}: {f:?}");
        }
        assert!(!f.iter().any(|(t, _)| t.contains("互联网")), "{f:?}");
    }

    #[test]
    fn propagation_does_not_split_a_word_and_citing_is_not_naming() {
        let known: HashMap<String, EntityKind> = [("国正".to_owned(), EntityKind::Person)].into();
        let index = ner::FormIndex::build(known.keys().map(String::as_str));
        let chars: Vec<char> = "我国正在发展。国正说好。".chars().collect();
        let ms = propagate(&chars, &known, &index, Vec::new());
        assert_eq!(ms.iter().map(|m| m.start).collect::<Vec<_>>(), [7]);
        let chars: Vec<char> = "访华团据新华社北京电".chars().collect();
        let cited = Mention {
            start: 3,
            end: 7,
            kind: EntityKind::Organisation,
            source: Source::Rule,
        };
        let ms = resolve(&chars, vec![cited]);
        assert_eq!((ms[0].start, ms[0].end), (4, 7));
    }

    #[test]
    fn one_character_place_forms_only_where_news_uses_them() {
        let at = |s: &str, i: usize, places: &[(usize, usize)]| {
            let chars: Vec<char> = s.chars().collect();
            abbreviation_in_context(&chars, i, places)
        };
        assert!(at("中美关系", 0, &[(0, 1), (1, 2)]));
        assert!(at("驻华大使", 1, &[(1, 2)]));
        assert!(at("中方表示", 0, &[(0, 1)]));
        assert!(!at("中医把脉", 0, &[(0, 1)]));
        assert!(!at("早、中、晚", 2, &[(2, 3)]));
        assert_eq!(lexicon::abbreviation("美"), Some("美国"));
        assert_eq!(lexicon::abbreviation("美国"), None);
    }

    #[test]
    fn numbered_units_party_committees_and_zones() {
        let f = find_rules("近日，第三师五一团二营与二〇五团三连、136团和共青团河西市委、民盟东城区工委在河西市高新区联欢。第二幼儿园也参加，一团和气，三师生同乐。");
        for o in [
            "第三师",
            "二〇五团三连",
            "136团",
            "共青团河西市委",
            "民盟东城区工委",
            "第二幼儿园",
        ] {
            assert!(has(&f, o, EntityKind::Organisation), "{o}: {f:?}");
        }
        assert!(
            !f.iter()
                .any(|(t, _)| t.starts_with("一团") || t.starts_with("三师生")),
            "{f:?}"
        );
    }

    #[test]
    fn words_of_the_language_are_no_persons() {
        let person = |s: &str| is_common_word(&s.chars().collect::<Vec<_>>(), EntityKind::Person);
        assert!(person("宣布"));
        assert!(person("应邀参"));
        assert!(person("和全国"));
        assert!(!person("李建国"));
        assert!(!person("王斌"));
        let chars: Vec<char> = "他高度评价了成果。".chars().collect();
        let cut = Mention {
            start: 1,
            end: 4,
            kind: EntityKind::Person,
            source: Source::Model,
        };
        assert!(is_cut_phrase(&chars, &cut));
        let chars: Vec<char> = "张建国说，很好。".chars().collect();
        let name = Mention {
            start: 0,
            end: 3,
            kind: EntityKind::Person,
            source: Source::Model,
        };
        assert!(!is_cut_phrase(&chars, &name));
    }

    #[test]
    fn place_prefixed_organisations() {
        let f = find_rules("近日，湖南省长沙市教育局召开会议。");
        assert!(has(&f, "长沙市教育局", EntityKind::Organisation), "{f:?}");
        assert!(has(&f, "长沙市", EntityKind::Place), "{f:?}");
    }

    #[test]
    fn programmes_but_not_speech() {
        let f = find_rules(
            "该区开展“书香校园”主题活动，推出《全民阅读实施方案》。他说：“我们很高兴，谢谢。”",
        );
        assert!(has(&f, "书香校园", EntityKind::Programme), "{f:?}");
        // A document's title is a work, not a programme.
        assert!(!f.iter().any(|(t, _)| t.contains("方案")), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains("高兴")), "{f:?}");
    }

    #[test]
    fn titles_of_outlets_are_organisations_and_other_titles_name_nothing() {
        let f = find_rules(
            "据《光明日报》报道，《河西文艺》月刊刊登了歌曲《美丽的甘州》和《张掖市志》。",
        );
        assert!(has(&f, "光明日报", EntityKind::Organisation), "{f:?}");
        assert!(
            has(&f, "《河西文艺》月刊", EntityKind::Organisation),
            "{f:?}"
        );
        assert!(
            !f.iter()
                .any(|(t, _)| t.contains("甘州") || t.contains("张掖")),
            "{f:?}"
        );
    }

    #[test]
    fn communities_from_suffix() {
        let f = find_rules("家住南苑社区的居民和全县12个社区。");
        assert!(has(&f, "南苑社区", EntityKind::Place), "{f:?}");
        assert!(!f.iter().any(|(t, _)| t.contains("全县")), "{f:?}");
    }

    #[test]
    fn a_model_place_spanning_two_places_is_not_extended_over_both() {
        // The model may read a street and the community after it as one place; the suffix
        // rule then gives the community its own mention instead of stretching the whole span.
        let text = "朝阳区望京街道花园新村社区有5个小区";
        let chars: Vec<char> = text.chars().collect();
        let mut out = vec![
            Mention {
                start: 0,
                end: 3,
                kind: EntityKind::Place,
                source: Source::Gazetteer,
            },
            Mention {
                start: 3,
                end: 11,
                kind: EntityKind::Place,
                source: Source::Model,
            },
        ];
        suffix_places(&chars, &mut out);
        let kept: Vec<String> = resolve(&chars, out)
            .iter()
            .map(|m| chars[m.start..m.end].iter().collect())
            .collect();
        assert_eq!(kept, ["朝阳区", "望京街道", "花园新村社区"]);
        // A model place with nothing found inside it is still extended (`北城` + `社区`).
        let chars: Vec<char> = "家住北城新村社区的老人".chars().collect();
        let mut out = vec![Mention {
            start: 2,
            end: 6,
            kind: EntityKind::Place,
            source: Source::Model,
        }];
        suffix_places(&chars, &mut out);
        assert!(out.iter().any(|m| (m.start, m.end) == (2, 8)), "{out:?}");
    }
}
