//! Programmes: quoted and titled names before a programme head or after an organising verb,
//! campaigns and events known by name, and titles of works, which are not entities.

use super::*;

/// Programmes: `《…》` titles; `“…”` names that end in a programme head or are followed by one
/// (`“九度”社区建设`, `“世界读书日”`); unquoted names after an organising verb
/// (`开展宝贝计划`). Quoted speech (sentence punctuation inside) is never a programme.
pub(super) fn programmes(chars: &[char], out: &mut Vec<Mention>) {
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
        // `“奉献、友爱、互助、进步”精神`: a list of values is a slogan; `“六一”儿童节`: a date.
        let slogan = open == '“' && inner.contains(&'、');
        let date = inner.iter().all(|&c| is_numeral(c));
        if len < 2 || speech || slogan || date {
            i = after;
            continue;
        }
        let inner_s: String = inner.iter().collect();
        // The name is what the marks enclose (`“文明集市”活动` names 文明集市): the head after
        // the quote says what kind of thing it is, and is not part of the name.
        let named = Mention::new(i + 1, after - 1, EntityKind::Programme, Source::Rule);
        if open == '《' {
            // Books, films, songs and laws are not programmes; a newspaper or journal in
            // 《》 is an organisation (`《人民日报》`, `《文明山西》周刊`).
            if let Some(end) = outlet_title_end(chars, i, after) {
                let (start, end) = if end == after {
                    (i + 1, after - 1)
                } else {
                    (i, end)
                };
                out.push(Mention::new(
                    start,
                    end,
                    EntityKind::Organisation,
                    Source::Rule,
                ));
            }
        } else if let Some(end) = team_head_after(chars, after) {
            out.push(Mention::new(i, end, EntityKind::Organisation, Source::Rule));
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
    static FIRST: CharSet = CharSet::EMPTY.with_firsts(PROGRAMME_VERBS);
    let first = &FIRST;
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
                    out.push(Mention::new(s, end, EntityKind::Programme, Source::Rule));
                }
            }
        }
    }
}

/// `“邻里帮”志愿服务队`, `“红石榴”宣讲团`: a quoted name followed, within eight name characters,
/// by the head of a team or a club: the end of that organisation's name.
pub(super) fn team_head_after(chars: &[char], from: usize) -> Option<usize> {
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
    // `“平安巡逻”六支志愿服务队` counts teams of that kind: a number ends the name.
    while j < chars.len()
        && j - from < 8
        && is_han(chars[j])
        && !PHRASE_BREAK.contains(chars[j])
        && !"一二三四五六七八九十两几多百千".contains(chars[j])
    {
        j += 1;
        if HEADS.iter().any(|h| lexicon::ends_with_at(chars, j, h)) {
            return Some(j);
        }
    }
    None
}

/// Whether an organising verb stands right before the quote at `open` (`举办“…”`, `开展了“…”`,
/// `启动的“…”`).
pub(super) fn organised_before(chars: &[char], open: usize) -> bool {
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
pub(super) const KNOWN_PROGRAMMES: &[&str] = &[
    "一带一路",
    "一国两制",
    "党史学习教育",
    "两学一做",
    "最多跑一次",
    "扫黑除恶专项斗争",
    "厕所革命",
    "光盘行动",
];
pub(super) const KNOWN_EVENTS: &[&str] = &[
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

/// Bodies and regions known by a short name across the country's news, which the recogniser,
/// trained on older text, often misses (`国台办`, `粤港澳大湾区`).
const KNOWN_NAMES: &[(&str, EntityKind)] = &[
    ("国台办", EntityKind::Organisation),
    ("港澳办", EntityKind::Organisation),
    ("国新办", EntityKind::Organisation),
    ("中联办", EntityKind::Organisation),
    ("国资委", EntityKind::Organisation),
    ("国家发改委", EntityKind::Organisation),
    ("中央人民政府", EntityKind::Organisation),
    ("粤港澳大湾区", EntityKind::Place),
    ("长三角", EntityKind::Place),
    ("珠三角", EntityKind::Place),
    ("京津冀", EntityKind::Place),
];

/// [`KNOWN_PROGRAMMES`], [`KNOWN_EVENTS`] (with a year before them when written) and
/// [`KNOWN_NAMES`].
pub(super) fn known_programmes(chars: &[char], out: &mut Vec<Mention>) {
    static FIRST: CharSet = known_names_first(
        CharSet::EMPTY
            .with_firsts(KNOWN_PROGRAMMES)
            .with_firsts(KNOWN_EVENTS),
    );
    let first = &FIRST;
    for i in 0..chars.len() {
        // Most characters start none of them: a bitset check before comparing words.
        if !first.contains(chars[i]) {
            continue;
        }
        if let Some((n, kind)) = KNOWN_NAMES
            .iter()
            .find(|(n, _)| starts_with_at(chars, i, n))
        {
            // Inside a longer name found already (`国务院国资委`) it is part of that name.
            let end = i + n.chars().count();
            if out
                .iter()
                .any(|m| m.start <= i && end <= m.end && m.end - m.start > end - i)
            {
                continue;
            }
            out.push(Mention::new(i, i + n.chars().count(), *kind, Source::Rule));
        } else if let Some(p) = KNOWN_PROGRAMMES
            .iter()
            .find(|p| starts_with_at(chars, i, p))
        {
            out.push(Mention::new(
                i,
                i + p.chars().count(),
                EntityKind::Programme,
                Source::Rule,
            ));
        } else if let Some(e) = KNOWN_EVENTS.iter().find(|e| starts_with_at(chars, i, e)) {
            // `2023年` before it is part of the name.
            let mut start = i;
            if i >= 5
                && chars[i - 1] == '年'
                && chars[i - 5..i - 1].iter().all(|c| c.is_ascii_digit())
            {
                start = i - 5;
            }
            out.push(Mention::new(
                start,
                i + e.chars().count(),
                EntityKind::Programme,
                Source::Rule,
            ));
        }
    }
}

/// Words that make a `《…》` title a newspaper, journal or channel: as the title's last
/// characters (`《人民日报》`) or right after it (`《文明山西》周刊`).
pub(super) const OUTLET_ENDS: &[&str] = &["报", "周刊", "杂志", "月刊", "期刊", "画报", "频道"];

/// For the title `《…》` at `open..after`: where the outlet's name ends (`after`, or past a
/// word such as `周刊` that follows it), or `None` for a book, film, song or law.
pub(super) fn outlet_title_end(chars: &[char], open: usize, after: usize) -> Option<usize> {
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
pub(super) fn work_titles(chars: &[char]) -> Vec<(usize, usize)> {
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
pub(super) fn quote_list_ends_in_head(chars: &[char], mut from: usize) -> bool {
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
pub(super) fn programme_head_after(chars: &[char], from: usize) -> Option<usize> {
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

/// Where the name after a numbered term starts (`第十五届` + `海峡论坛`, `第六任` + `行政长官`):
/// `第` at `i`, numerals, then one of `marks`.
fn after_numbered_term(chars: &[char], i: usize, marks: &str) -> Option<usize> {
    let digits = (chars[i + 1..].iter())
        .take_while(|&&c| is_numeral(c))
        .count();
    let term = i + 1 + digits;
    (digits > 0 && marks.contains(*chars.get(term)?)).then_some(term + 1)
}

/// Named elections (`澳门特区第六任行政长官选举`, `第十四届村委会选举`): a numbered term and
/// the post or body elected, then `选举`, with the place before the number when one is named.
pub(super) fn elections(chars: &[char], out: &mut Vec<Mention>) {
    let place_ends: HashMap<usize, usize> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| (m.end, m.start))
        .collect();
    let mut found = Vec::new();
    for i in 0..chars.len().saturating_sub(1) {
        if !starts_with_at(chars, i, "选举") {
            continue;
        }
        let Some(di) = (i.saturating_sub(12)..i).rev().find(|&k| chars[k] == '第') else {
            continue;
        };
        let named = after_numbered_term(chars, di, "任届").is_some_and(|name| {
            name + 1 < i
                && chars[name..i]
                    .iter()
                    .all(|&c| is_han(c) && !PHRASE_BREAK.contains(c))
        });
        if !named {
            continue;
        }
        // `澳门特区` + `第六任…`: the place, with its region word, opens the name.
        let start = (di.saturating_sub(2)..=di)
            .find_map(|e| {
                let s = *place_ends.get(&e)?;
                let region = &chars[e..di];
                (region.is_empty() || region == ['特', '区']).then_some(s)
            })
            .unwrap_or(di);
        found.push(Mention::new(
            start,
            i + 2,
            EntityKind::Programme,
            Source::Rule,
        ));
    }
    out.extend(found);
}

/// Heads of named events: fairs, festivals, games, forums and exhibitions.
const EVENT_HEADS: &[&str] = &[
    "博览会",
    "交易会",
    "洽谈会",
    "展览会",
    "运动会",
    "艺术节",
    "文化节",
    "旅游节",
    "电影节",
    "音乐节",
    "读书节",
    "论坛",
    "峰会",
    "锦标赛",
    "作品展",
];

/// Named events (`第十五届海峡论坛`, `中国国际农产品交易会`): a numbered edition, or a place
/// the text names, then up to ten characters of name and an event head ([`EVENT_HEADS`]).
/// One clause only: a function word or punctuation between them breaks it (`在北京举办的论坛`).
pub(super) fn numbered_events(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let place_starts: HashMap<usize, usize> = (out.iter())
        .filter(|m| m.kind == EntityKind::Place && m.end - m.start >= 2)
        .map(|m| (m.start, m.end))
        .collect();
    let covered = Coverage::of(
        (out.iter())
            .filter(|m| matches!(m.kind, EntityKind::Programme | EntityKind::Organisation))
            .map(|m| (m.start, m.end)),
    );
    let mut found: Vec<Mention> = Vec::new();
    for i in 0..chars.len() {
        // The name's opening: `第十五届` or a place.
        let opened = if chars[i] == '第' {
            after_numbered_term(chars, i, "届")
        } else {
            place_starts.get(&i).copied()
        };
        let Some(from) = opened else { continue };
        if found.last().is_some_and(|f| f.end > i) {
            continue;
        }
        let end = (from..(from + 11).min(chars.len()))
            .take_while(|&k| {
                k == from
                    || (is_han(chars[k - 1])
                        && !PHRASE_BREAK.contains(chars[k - 1])
                        // `西九龙填海区举行香港…博览会`: a verb ends the name.
                        && kn.words().part_of_speech(&chars[k - 1..(k + 1).min(chars.len())])
                            != Some(b'v'))
            })
            .find_map(|k| {
                let h = EVENT_HEADS.iter().find(|h| starts_with_at(chars, k, h))?;
                Some(k + h.chars().count())
            });
        // A place alone before the head names the event too (`北京论坛`), but a numbered
        // edition needs a name (`第三届论坛` is no name).
        if let Some(end) = end.filter(|&e| chars[i] != '第' || e - from > 2) {
            if !covered.covers(i, end) {
                found.push(Mention::new(i, end, EntityKind::Programme, Source::Rule));
            }
        }
    }
    out.extend(found);
}

/// Spans of honour titles: from a verb of being honoured (`荣获`, `被评为`) to the `荣誉` or
/// `称号` that closes the list in the same clause (`荣获…示范社区、…红旗团支部等多项荣誉`).
/// Honours are no entities: an organisation or programme named there is the title's wording.
pub(super) fn honour_spans(chars: &[char]) -> Vec<(usize, usize)> {
    const VERBS: &[&str] = &["荣获", "获得", "获评", "被评为", "被授予", "评为", "授予"];
    const CLAUSE_END: &str = "。；;！？!?\n";
    let mut spans = Vec::new();
    for i in 0..chars.len().saturating_sub(1) {
        if !(starts_with_at(chars, i, "荣誉") || starts_with_at(chars, i, "称号")) {
            continue;
        }
        let from = (i.saturating_sub(80)..i)
            .rev()
            .take_while(|&k| !CLAUSE_END.contains(chars[k]))
            .find_map(|k| {
                VERBS
                    .iter()
                    .find(|v| starts_with_at(chars, k, v))
                    .map(|v| k + v.chars().count())
            });
        if let Some(from) = from.filter(|&f| f < i) {
            spans.push((from, i));
        }
    }
    spans
}

/// `set` with the first characters of [`KNOWN_NAMES`].
const fn known_names_first(mut set: CharSet) -> CharSet {
    let mut k = 0;
    while k < KNOWN_NAMES.len() {
        let b = KNOWN_NAMES[k].0.as_bytes();
        if !b.is_empty() {
            set = set.with_firsts(&[KNOWN_NAMES[k].0]);
        }
        k += 1;
    }
    set
}
