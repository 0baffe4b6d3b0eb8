//! Resolution: one name one reading, names propagated through an article, the filters of what
//! names no one in particular, and overlaps resolved by source and length.

use super::*;

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
    kn: &Knowledge,
) -> Vec<Mention> {
    let mut lens = Vec::new();
    // Whether a span is inside a mention given. Names added here start after every earlier
    // one ends, so only the given mentions can cover one.
    let coverage = Coverage::of(ms.iter().map(|m| (m.start, m.end)));
    let covered = |start: usize, end: usize| coverage.covers(start, end);
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
        let splits_word = i > 0 && kn.words().part_of_speech(&chars[i - 1..i + 1]).is_some();
        if let Some(&kind) = known.get(&s).filter(|_| !splits_word) {
            if !covered(i, i + l) {
                ms.push(Mention::new(i, i + l, kind, Source::Rule));
            }
        }
        i += l;
    }
    // A name found here may open a name the recogniser began after its `和`/`与`.
    super::organisations::conjoined_names(chars, &mut ms);
    // And a person it marks may open a list of names.
    super::persons::listed_people(chars, &mut ms, kn);
    resolve(chars, ms, kn)
}

/// `政协委员`, `人大代表`: a congress written bare before its members' title is part of the
/// title (a member of some congress), not a node that would join every locality's congress.
pub(super) fn is_members_body(chars: &[char], m: &Mention) -> bool {
    let s = &chars[m.start..m.end];
    m.kind == EntityKind::Organisation
        && (s == ['政', '协'] || s == ['人', '大'])
        && ["委员", "代表", "常委"]
            .iter()
            .any(|t| starts_with_at(chars, m.end, t))
}

/// `局党委`, `该局`: a bare organisation head standing for an organisation named earlier. It is
/// not a name of its own (the role rule resolves it to that organisation).
pub(super) fn is_back_reference(s: &str, kind: EntityKind) -> bool {
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
pub(super) fn is_anonymous(s: &str, kind: EntityKind) -> bool {
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

/// A one-character place form that begins a two-character word which is no name (`中` of
/// `中外`, `华` of `华侨`, `台` of `台商`): the word was written, not the country. `中方`, `美方`
/// name the country's side, and `中日`, `港澳` two places.
pub(super) fn starts_longer_word(chars: &[char], m: &Mention, kn: &Knowledge) -> bool {
    m.end - m.start == 1
        // `中日`, `港澳`: two short forms are two places.
        && chars
            .get(m.end)
            .is_some_and(|&c| c != '方' && lexicon::abbreviation(&c.to_string()).is_none())
        && kn.words()
            .part_of_speech(&chars[m.start..(m.end + 1).min(chars.len())])
            .is_some_and(|pos| !matches!(pos, b's' | b't' | b'r'))
}

/// Words after a person's name that make it the name of a theory, equation or effect
/// (`杨—米尔斯规范场`, `薛定谔方程`): named after someone, not about them.
const EPONYM_HEADS: &[&str] = &[
    "规范场",
    "方程",
    "定理",
    "定律",
    "猜想",
    "效应",
    "常数",
    "函数",
    "算法",
    "系统",
    // Trophies and prizes (`尤伯杯`, `诺贝尔奖`): named after someone too.
    "杯",
    "奖",
];

/// Currencies named after no one that the recogniser reads as transliterated names.
const CURRENCIES: &[&str] = &[
    "马克", "卢布", "英镑", "法郎", "里拉", "比索", "卢比", "先令",
];

/// A person's name used to name a theory, equation, trophy or prize (see [`EPONYM_HEADS`]),
/// or a currency read as a name (`10亿马克`).
pub(super) fn is_eponym(chars: &[char], m: &Mention) -> bool {
    m.kind == EntityKind::Person
        && (EPONYM_HEADS.iter().any(|h| starts_with_at(chars, m.end, h))
            && !["奖励", "奖惩", "杯子"]
                .iter()
                .any(|w| starts_with_at(chars, m.end, w))
            || CURRENCIES
                .iter()
                .any(|c| chars[m.start..m.end].iter().copied().eq(c.chars())))
}

/// Words after `中国`/`中华` that make the pair a concept of political and cultural writing
/// (`中国特色社会主义`, `中华优秀传统文化`, `中华民族`, `中国式现代化`), not the country as
/// a place: news uses them as set phrases, and a page naming China only so has no China in it.
const CONCEPT_HEADS: &[&str] = &[
    "特色", "优秀", "传统", "民族", "文化", "文明", "式", "梦", "智慧", "方案", "故事", "声音",
    "精神",
];

/// `中华` of `中华民族`: the country's name as the first word of a concept ([`CONCEPT_HEADS`]).
/// Resolution drops such a mention only where the article names no such place otherwise.
pub(super) fn is_concept_word(chars: &[char], m: &Mention) -> bool {
    m.kind == EntityKind::Place
        && matches!(&chars[m.start..m.end], ['中', '国'] | ['中', '华'])
        && CONCEPT_HEADS
            .iter()
            .any(|h| starts_with_at(chars, m.end, h))
}

/// `廊桥`, `水塔`, `凉亭`: two characters ending in a structure's head name a kind of
/// structure, not one place, unless the gazetteer or the dictionary knows them as a place.
pub(super) fn is_kind_of_structure(span: &[char], kind: EntityKind, kn: &Knowledge) -> bool {
    kind == EntityKind::Place
        && span.len() == 2
        && "桥塔亭廊坝闸".contains(span[1])
        && kn.words().part_of_speech(span) != Some(b's')
        && kn
            .gazetteer
            .lookup(&span.iter().collect::<String>())
            .is_empty()
}

/// `各街道联络委`, `各乡镇党委`: a body after `各` (each), alone or with a level of
/// government, is every such body, not one.
pub(super) fn is_each_body(chars: &[char], m: &Mention) -> bool {
    const LEVELS: &[&str] = &[
        "", "街道", "乡镇", "社区", "部门", "单位", "区", "县", "市", "乡", "镇", "村", "省",
    ];
    m.kind == EntityKind::Organisation
        && LEVELS.iter().any(|l| {
            let n = l.chars().count();
            m.start > n
                && chars[m.start - n - 1] == '各'
                && lexicon::ends_with_at(chars, m.start, l)
        })
}

/// `“新扬州”轮`, `“雪龙”号`: a name in quotation marks before `轮`, `号` or `舰` names a ship
/// (or a craft), and a place or person inside it is no mention of them.
pub(super) fn in_vessel_name(chars: &[char], m: &Mention) -> bool {
    let Some(close) = (m.end..chars.len().min(m.end + 6)).find(|&i| chars[i] == '”') else {
        return false;
    };
    let opened = (m.start.saturating_sub(6)..m.start)
        .rev()
        .find(|&i| "“”".contains(chars[i]))
        .is_some_and(|i| chars[i] == '“');
    opened
        && !chars[m.end..close].contains(&'“')
        && chars.get(close + 1).is_some_and(|c| "轮号舰".contains(*c))
}

/// `谢格尔市`: a name the recogniser read as a person, followed by a city's, county's or
/// province's suffix that is not the start of a title (`张三市长`, `李四县委书记`), names the
/// place.
pub(super) fn person_names_place(chars: &[char], m: &Mention) -> bool {
    m.kind == EntityKind::Person
        && chars.get(m.end).is_some_and(|c| "市县省州".contains(*c))
        && !chars.get(m.end + 1).is_some_and(|c| "长委政".contains(*c))
}

/// A three-character person that is a word and the start of the next one (`高度评` of
/// `高度评价`): the recogniser cut a phrase, not a name.
pub(super) fn is_cut_phrase(chars: &[char], m: &Mention, kn: &Knowledge) -> bool {
    let words = kn.words();
    m.end - m.start == 3
        && words
            .part_of_speech(&chars[m.start..m.start + 2])
            .is_some_and(|p| p != b'r')
        && m.end < chars.len()
        && words.part_of_speech(&chars[m.end - 1..m.end + 1]).is_some()
}

/// A person or organisation that is a word of the language (`关于`, `宣布`, `来到` read as
/// persons): the dictionary knows person names as such (`r`), and the idioms and verbs it
/// lists are no organisation. Such a false name would otherwise recur across a corpus.
pub fn is_common_word(span: &[char], kind: EntityKind, kn: &Knowledge) -> bool {
    let words = kn.words();
    let pos = words.part_of_speech(span);
    match kind {
        EntityKind::Person => {
            // The word list files some famous names under no class (`周恩来`): a three-character
            // word of that class opening with a surname stays a name.
            let named = span.len() == 3 && lexicon::is_surname_char(span[0]);
            pos.is_some_and(|p| p != b'r' && p != b's' && !(p == b'x' && named))
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
pub(super) fn resolve(chars: &[char], mut ms: Vec<Mention>, kn: &Knowledge) -> Vec<Mention> {
    correct_edges(chars, &mut ms, kn);
    drop_short_forms_inside_names(chars, &mut ms, kn);
    datelines_and_countries(chars, &mut ms);
    brands_of_companies(chars, &mut ms, kn);
    keep_names(chars, &mut ms, kn);
    let mut kept = without_clashes(ms);
    kept.sort();
    kept
}

/// Edges every rule may get wrong: `据` before an agency, a verb after a person, a Tibetan
/// name's second part, a person's name that is a place's.
fn correct_edges(chars: &[char], ms: &mut [Mention], kn: &Knowledge) {
    // `据新华社` cites the agency: `据` is not part of any name, whichever rule took it in.
    for m in ms.iter_mut() {
        if chars.get(m.start) == Some(&'据') && m.end - m.start >= 3 {
            m.start += 1;
        }
    }
    for m in ms.iter_mut() {
        if m.kind == EntityKind::Person && took_verb_after(chars, m, kn) {
            m.end -= 1;
        }
        if m.kind == EntityKind::Person {
            m.end = m.end.max(tibetan_name_end(chars, m.start));
        }
        if person_names_place(chars, m) {
            m.kind = EntityKind::Place;
            m.end += 1;
        }
        // No place repeats its suffix: in `金钱河河道` the second `河` opens `河道`.
        if m.kind == EntityKind::Place
            && m.end - m.start >= 3
            && chars[m.end - 1] == chars[m.end - 2]
            && "河江湖山村路街镇乡县区市省岛港湾".contains(chars[m.end - 1])
        {
            m.end -= 1;
        }
    }
}

/// A company's brand read as a place (`比亚迪` after `比亚迪股份有限公司`): a name no
/// gazetteer or dictionary lists as a place that opens a company's name in the same article,
/// written alone, is that company.
pub(super) fn brands_of_companies(chars: &[char], ms: &mut [Mention], kn: &Knowledge) {
    let companies: Vec<&[char]> = (ms.iter())
        .filter(|m| m.kind == EntityKind::Organisation && m.end - m.start >= 5)
        .map(|m| &chars[m.start..m.end])
        .filter(|c| c.ends_with(&['公', '司']) || c.ends_with(&['集', '团']))
        .collect();
    if companies.is_empty() {
        return;
    }
    for m in ms.iter_mut() {
        let s = &chars[m.start..m.end];
        if m.kind != EntityKind::Place || s.len() < 2 || companies.iter().all(|c| !c.starts_with(s))
        {
            continue;
        }
        // A place the dictionary or the gazetteer knows (`美国` of `美国通用汽车公司`) stays one.
        let known_place = kn.words().part_of_speech(s) == Some(b's')
            || !kn
                .gazetteer
                .lookup(&s.iter().collect::<String>())
                .is_empty();
        if !known_place {
            m.kind = EntityKind::Organisation;
        }
    }
}

/// Gazetteer short forms inside longer names the recogniser read: a person's given name
/// (`孙中山`) and a longer place (`北海道`).
fn drop_short_forms_inside_names(chars: &[char], ms: &mut Vec<Mention>, kn: &Knowledge) {
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
        let g = &kn.gazetteer;
        ms.retain(|m| {
            let inside = (m.start.saturating_sub(4)..m.start)
                .any(|s| persons.get(&s).is_some_and(|&e| m.end <= e));
            m.source != Source::Gazetteer
                || !inside
                || g.is_full_name(&chars[m.start..m.end].iter().collect::<String>())
        });
    }
    // `北海道`: a place the recogniser reads on past a gazetteer short form (`北海` of
    // `北海市`) to a place head of its own is that longer place, not the short form's division.
    let longer_places: HashMap<usize, usize> = (ms.iter())
        .filter(|m| m.kind == EntityKind::Place && m.source == Source::Model)
        .map(|m| (m.start, m.end))
        .collect();
    if !longer_places.is_empty() {
        let g = &kn.gazetteer;
        ms.retain(|m| {
            let longer = longer_places
                .get(&m.start)
                .is_some_and(|&e| e > m.end && e - m.end == 1 && "道岛湾".contains(chars[e - 1]));
            m.source != Source::Gazetteer
                || !longer
                || g.is_full_name(&chars[m.start..m.end].iter().collect::<String>())
        });
    }
}

/// A dateline's place after an outlet, and a country written alone, are places.
fn datelines_and_countries(chars: &[char], ms: &mut [Mention]) {
    // `据新华社` + `莫斯科5月18日电`: a name after an outlet that a date or `电` follows is a
    // dateline's place, whatever the recogniser read it as.
    let outlet_ends: std::collections::BTreeSet<usize> = (ms.iter())
        .filter(|m| {
            let name = &chars[m.start..m.end];
            // News agencies (`新华社`) as well as papers and sites.
            m.kind == EntityKind::Organisation
                && (super::is_outlet_name(name) || name.last() == Some(&'社'))
        })
        .map(|m| m.end)
        .collect();
    for m in ms.iter_mut().filter(|m| m.kind == EntityKind::Organisation) {
        let dated = chars
            .get(m.end)
            .is_some_and(|c| c.is_ascii_digit() || *c == '电');
        // `中国女双`, `D组的日本`: a country written alone is the country (its team is `…队`).
        let country = lexicon::has_short_form(&chars[m.start..m.end].iter().collect::<String>());
        if (dated && outlet_ends.contains(&m.start)) || country {
            m.kind = EntityKind::Place;
        }
    }
}

/// Drops what names nothing: generic and common words, anonymised names, back references,
/// cut phrases, ranks, kinds of structure and the like.
fn keep_names(chars: &[char], ms: &mut Vec<Mention>, kn: &Knowledge) {
    // A concept word (`中华民族`) drops the country only from a page that names it nowhere else.
    let named_as_place: std::collections::BTreeSet<&[char]> = (ms.iter())
        .filter(|m| m.kind == EntityKind::Place && !is_concept_word(chars, m))
        .map(|m| &chars[m.start..m.end])
        .collect();
    ms.retain(|m| {
        let s: String = chars[m.start..m.end].iter().collect();
        m.end > m.start
            && !is_generic(&s)
            && !is_anonymous(&s, m.kind)
            && !is_common_word(&chars[m.start..m.end], m.kind, kn)
            && (m.kind != EntityKind::Person || !is_cut_phrase(chars, m, kn))
            && s.chars().any(is_han)
            && !is_back_reference(&s, m.kind)
            && !is_members_body(chars, m)
            && !is_eponym(chars, m)
            && !is_each_body(chars, m)
            // `世界一流大学`: a rank, not a name.
            && !(m.kind == EntityKind::Organisation && s.contains("一流"))
            && !is_kind_of_structure(&chars[m.start..m.end], m.kind, kn)
            // `香港法例第77章`: `第` opens an ordinal; no name ends with it.
            && !s.ends_with('第')
            && !in_vessel_name(chars, m)
            && (!is_concept_word(chars, m) || named_as_place.contains(&chars[m.start..m.end]))
            && !(m.kind == EntityKind::Place
                && m.source != Source::Rule
                && starts_longer_word(chars, m, kn))
    });
}

/// For each pair of overlapping mentions, the stronger source, then the longer span; a name
/// nested at the start of another is kept where the nesting carries meaning.
fn without_clashes(mut ms: Vec<Mention>) -> Vec<Mention> {
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
    kept
}
