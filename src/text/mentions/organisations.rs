//! Organisations: names after a place or with a distinctive head, sub-units, numbered units,
//! party committees and outlets (where their names end: [`super::org_edges`]).

use super::*;

/// A name stem is not made of generic qualifiers (`全县115个居民`, `各`, numbers).
pub(super) fn stem_is_name(stem: &[char]) -> bool {
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

/// Words that end the name of a news outlet (`东北网`, `大皖客户端`, `长沙晚报`, `青海频道`).
pub(super) const OUTLET_HEADS: &[&str] = &[
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

/// Whether an organisation's name is a news outlet's (`长沙晚报`, `安徽网`): the place it
/// opens with says where it is published, not a place its stories are about.
pub fn is_outlet_name(chars: &[char]) -> bool {
    // The house that publishes a paper is named like it (`遵义日报社`).
    let name = chars.strip_suffix(&['社']).unwrap_or(chars);
    OUTLET_HEADS
        .iter()
        .any(|h| lexicon::ends_with_at(name, name.len(), h) && name.len() > h.chars().count())
}

pub(super) fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十百零〇".contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Numbered units (`十四师`, `第十师`, `一八七团`, `144团`, `二二五团二连`) and ordinal schools
/// and hospitals (`第五幼儿园`): the number is the name. Two numerals at least, or `第` before
/// them, so that `三师` or `一团和气` are not taken.
pub(super) fn numbered_units(chars: &[char], out: &mut Vec<Mention>) {
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
            out.push(Mention::new(i, end, EntityKind::Organisation, Source::Rule));
            i = end;
        } else {
            i = j.max(i + 1);
        }
    }
}

/// Committees of the Youth League and the democratic parties written with their place
/// (`共青团昆明市委`, `共青团某市某区委员会`, `民建某区工委`).
pub(super) fn party_committees(chars: &[char], out: &mut Vec<Mention>) {
    const HEADS: &[&str] = &["委员会", "工委", "委"];
    for i in 0..chars.len() {
        let Some(p) = lexicon::LOCAL_PARTIES
            .iter()
            .find(|p| starts_with_at(chars, i, p))
        else {
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
            out.push(Mention::new(i, end, EntityKind::Organisation, Source::Rule));
        }
    }
}

/// Words ending in `网` that name no outlet.
pub(super) const GENERIC_NETS: &[&str] = &[
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
pub(super) fn outlets(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let words = kn.words();
    let separator = |c: char| !is_han(c) || "、".contains(c);
    let place_ends: HashMap<usize, usize> = (out.iter())
        .filter(|p| p.kind == EntityKind::Place)
        .map(|p| (p.start, p.end))
        .collect();
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
            // A place ending the run or opening a dateline (`中新网` + `北京3月9日电`).
            let place_after = |e: usize| {
                place_ends.get(&e).copied().filter(|&end| {
                    end == run_end
                        || chars
                            .get(end)
                            .is_some_and(|&c| c.is_ascii_digit() || "电讯".contains(c))
                })
            };
            // The longest outlet name at the start of the run that a credit word, a dateline
            // or the run's end follows.
            let best = (start + 3..=run_end.min(start + 10)).rev().find(|&e| {
                OUTLET_HEADS
                    .iter()
                    .any(|h| lexicon::ends_with_at(chars, e, h) && e - start > h.chars().count())
                    && (e == run_end
                        || place_after(e).is_some()
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
            // `中新网客户端` is 中新网's app and `遵义日报社全媒体` the paper's newsroom: the
            // outlet is 中新网, 遵义日报社.
            let best = best.map(|e| {
                let outlet_before = |tail: &str| {
                    let at = e - tail.chars().count();
                    (at >= start + 3 && lexicon::ends_with_at(chars, e, tail))
                        && (OUTLET_HEADS.iter())
                            .filter(|h| **h != tail)
                            .chain(&["报社"])
                            .any(|h| lexicon::ends_with_at(chars, at, h))
                };
                match ["客户端", "全媒体"].into_iter().find(|t| outlet_before(t)) {
                    Some(t) => e - t.chars().count(),
                    None => e,
                }
            });
            // A source line names an outlet's regional edition whole (`来源:中新网河北`).
            let source_line = ["来源：", "来源:"]
                .iter()
                .any(|w| lexicon::ends_with_at(chars, start, w));
            let best = best.map(|e| match place_after(e) {
                Some(end) if source_line && end == run_end => run_end,
                _ => e,
            });
            if let Some(e) = best {
                out.push(Mention::new(
                    start,
                    e,
                    EntityKind::Organisation,
                    Source::Rule,
                ));
            }
        }
        start = run_end;
    }
}

/// Organisation heads distinctive enough to mark a name without a place before it.
pub(super) const ORG_HEADS_STRONG: &[&str] = &{
    const PARTS: &[&[&str]] = &[
        &["集团", "有限公司", "股份公司"],
        lexicon::ASSOCIATION_HEADS,
        STRONG_INSTITUTION_HEADS,
    ];
    lexicon::concat::<{ lexicon::total_len(PARTS) }>(PARTS)
};

/// Heads of institutions and bodies distinctive enough to mark a name on their own
/// ([`ORG_HEADS_STRONG`]' last part).
const STRONG_INSTITUTION_HEADS: &[&str] = &[
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

/// Single-character organisation heads that begin a longer ordinary word (`社区`, `部门`).
pub(super) const NOT_ORG_END: &[&str] = &[
    "社区", "社会", "科室", "科学", "部门", "部署", "局面", "所有", "所以", "院落", "院子", "处理",
    "处方", "委员", "厂房", "馆藏", "站点", "社员", "部分", "局势", "校门", "校园", "校区", "校内",
    "校外", "校友", "校风",
];

/// Words that end in a one-character head but name no body: a position or a part
/// (`天津市干部群众` is no organisation `天津市干部`, `省委部署` no `部署`).
const NOT_HEAD_WORDS: &[&str] = &[
    "干部", "全部", "内部", "外部", "局部", "东部", "西部", "南部", "北部", "中部", "上部", "下部",
    "前部", "后部", "底部", "顶部", "大部", "部署", "签署", "全局", "大局", "格局", "布局", "结局",
    "僵局", "时局", "开局", "出局", "当局", "住院", "出院", "入院", "来所", "年所", "之所", "有所",
    "无所", "其所",
];

/// The end of the longest organisation name starting with `chars[from..]` (a head within
/// `max` Han characters, not crossing a clause word or a following title), or `from`.
/// Fields of government a department's name joins with `和` (`人力资源和社会保障局`,
/// `住房和城乡建设局`, `文化和旅游厅`): there `和` is inside the name.
const DEPARTMENT_FIELDS: &[&str] = &[
    "人力资源",
    "社会保障",
    "住房",
    "城乡建设",
    "工业",
    "信息化",
    "文化",
    "旅游",
    "广电",
    "自然资源",
    "规划",
    "发展",
    "改革",
    "卫生",
    "计划生育",
    "教育",
    "体育",
    "科学技术",
    "科技",
    "民族",
    "宗教事务",
    "新闻出版",
    "广播电视",
    "商务",
    "交通",
    "物流",
    "农业",
    "农村",
    "水利",
    "城市管理",
    "综合执法",
    "生态",
    "环境",
    "应急",
    "安全生产",
    "经济",
    "金融",
    "投资促进",
];

/// Whether the `和` at `j` joins two fields of government in a department's name.
fn joins_domains(chars: &[char], j: usize) -> bool {
    chars[j] == '和'
        && DEPARTMENT_FIELDS
            .iter()
            .any(|f| lexicon::ends_with_at(chars, j, f))
        && DEPARTMENT_FIELDS
            .iter()
            .any(|f| starts_with_at(chars, j + 1, f))
}

pub(super) fn org_end_from(chars: &[char], from: usize, max: usize) -> usize {
    let mut best = from;
    let mut j = from;
    while j < chars.len()
        && j - from < max
        && is_han(chars[j])
        && (!PHRASE_BREAK.contains(chars[j]) || joins_domains(chars, j))
    {
        // A position title (not a party organ that names a body, like `党工委`) ends the name,
        // and so does a dateline (`北京十一月七日讯新华社`: the date is in Han numerals).
        // `委员会` after a field of government is a department's head (`发展和改革委员会`),
        // though `委员` is a title.
        let field_committee = starts_with_at(chars, j, "委员会")
            && (DEPARTMENT_FIELDS.iter()).any(|f| lexicon::ends_with_at(chars, j, f));
        if j > from
            && lexicon::title_len_at(chars, j) > 0
            && !"党纪团".contains(chars[j])
            && !field_committee
            || starts_with_at(chars, j, "日讯")
            || starts_with_at(chars, j, "日电")
        {
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
            }) || (single
                && j >= 2
                && NOT_HEAD_WORDS
                    .iter()
                    .any(|w| lexicon::ends_with_at(chars, j, w)));
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
pub(super) fn prefixed_orgs(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let places: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place && m.source != Source::Model)
        .map(|m| (m.start, m.end))
        .collect();
    let mut found = Vec::new();
    place_prefixed(chars, &places, &mut found);
    sub_units_after(chars, out, &mut found, kn);
    bodies_before_titles(chars, &places, out, &mut found);
    strong_headed(chars, out, &mut found, kn);
    level_departments(chars, out, &mut found);
    out.extend(found);
}

/// A department written by its level of government alone whose name joins two fields with
/// `和` (`市住房和城乡建设局`), where nothing else read a name: the recogniser, trained on
/// older text, reads few of them.
fn level_departments(chars: &[char], out: &[Mention], found: &mut Vec<Mention>) {
    // Only names inside the department's may overlap it (`改革委员会`, the recogniser's cut of
    // `省发展和改革委员会`): the whole name is found beside them.
    let crossed = |i: usize, end: usize| {
        (out.iter().chain(found.iter()))
            .any(|m| m.start < end && i < m.end && (m.start < i || m.end > end))
    };
    let mut new = Vec::new();
    for i in 0..chars.len() {
        let boundary = i == 0 || !is_han(chars[i - 1]) || PHRASE_BREAK.contains(chars[i - 1]);
        if !boundary || !"省市县区州旗镇乡".contains(chars[i]) {
            continue;
        }
        let end = org_end_from(chars, i + 1, 12);
        let joined = (i + 1..end).any(|j| joins_domains(chars, j));
        let head =
            "局厅委办".contains(chars[end - 1]) || lexicon::ends_with_at(chars, end, "委员会");
        if joined && head && !crossed(i, end) {
            new.push(Mention::new(i, end, EntityKind::Organisation, Source::Rule));
        }
    }
    found.extend(new);
}

/// A place followed by a name ending in an organisation head (`隆昌市水利局`).
fn place_prefixed(chars: &[char], places: &[(usize, usize)], found: &mut Vec<Mention>) {
    let place_starts: std::collections::HashSet<usize> = places.iter().map(|&(s, _)| s).collect();
    for &(s, e) in places {
        // In a chain (`四川省隆昌市水利局`) only the last place prefixes the organisation.
        if place_starts.contains(&e) {
            continue;
        }
        // Companies' names run longer (`陕西` + `旭强瑞清洁能源集团有限公司`).
        let long = org_end_from(chars, e, 16);
        let end = if long - e <= 12 || lexicon::ends_with_at(chars, long, "有限公司") {
            long
        } else {
            org_end_from(chars, e, 12)
        };
        if end > e {
            found.push(Mention::new(s, end, EntityKind::Organisation, Source::Rule));
        }
    }
}

/// Sub-units written right after an organisation (`…有限公司一号煤矿`).
/// A university's department written after it (`兰州大学` + `物理系`): two to four name
/// characters and `系`, which is no word's end with the character before it (`关系`, `体系`).
fn department_end(chars: &[char], e: usize, kn: &Knowledge) -> usize {
    let school = ["大学", "学院"]
        .iter()
        .any(|h| lexicon::ends_with_at(chars, e, h));
    if !school {
        return e;
    }
    (e + 2..=e + 4)
        .find(|&k| {
            chars.get(k) == Some(&'系')
                && chars[e..=k]
                    .iter()
                    .all(|&c| is_han(c) && !PHRASE_BREAK.contains(c))
                && kn.words().part_of_speech(&chars[k - 1..=k]).is_none()
        })
        .map_or(e, |k| k + 1)
}

fn sub_units_after(chars: &[char], out: &[Mention], found: &mut Vec<Mention>, kn: &Knowledge) {
    // Sub-units right after an organisation.
    let orgs: Vec<(usize, usize)> = out
        .iter()
        .chain(found.iter())
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| (m.start, m.end))
        .collect();
    // Only a rule's name covers a unit: the recogniser's `兰州大学物理系` loses to the rule's
    // `兰州大学`, and the unit after it must stand on its own then.
    let coverage = Coverage::of(
        out.iter()
            .chain(found.iter())
            .filter(|m| m.kind == EntityKind::Organisation && m.source != Source::Model)
            .map(|m| (m.start, m.end)),
    );
    let covers = |e: usize, end: usize| coverage.covers(e, end);
    for &(_, e) in &orgs {
        let end = org_end_from(chars, e, 6).max(department_end(chars, e, kn));
        // `政治局常委李鹏`: a title after a body (a member's, which ends like a committee)
        // is no unit of it.
        let title = lexicon::title_len_at(chars, e) == end - e
            || ["常委", "委员"]
                .iter()
                .any(|t| starts_with_at(chars, e, t) && end - e == 2);
        // `外交部长普里马科夫`: the body's last character opens a title (`部长`), so what
        // follows is the title's bearer, not a unit (`长普里马科` ending in 科).
        let bearer = e > 0 && lexicon::title_len_at(chars, e - 1) >= 2;
        if end >= e + 2 && !covers(e, end) && !title && !bearer {
            found.push(Mention::new(e, end, EntityKind::Organisation, Source::Rule));
        }
    }
}

/// `[place][name][title][person]`: the words between a place and a title name a body.
fn bodies_before_titles(
    chars: &[char],
    places: &[(usize, usize)],
    out: &[Mention],
    found: &mut Vec<Mention>,
) {
    // `[place][name][title][person]`: the words between a place and a title name a body.
    let mut org_ends: std::collections::HashSet<usize> = out
        .iter()
        .chain(found.iter())
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| m.end)
        .collect();
    for &(s, e) in places {
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
            found.push(Mention::new(s, t, EntityKind::Organisation, Source::Rule));
        }
    }
}

/// Whether a stem before a head opens a clause rather than a name: a personal pronoun
/// (`我觉得` + `出版社`) or a verb of the dictionary (`走出` + `博物馆`, `改变中` + `小学`).
fn opens_with_clause(stem: &[char], kn: &Knowledge) -> bool {
    "我你您他她它咱".contains(stem[0])
        || (stem.len() >= 2 && kn.words().part_of_speech(&stem[..2]) == Some(b'v'))
}

/// Names with a distinctive head and no place prefix (`方大集团`).
fn strong_headed(chars: &[char], out: &[Mention], found: &mut Vec<Mention>, kn: &Knowledge) {
    // Names with a distinctive head and no place prefix (`方大集团`): 2–4 characters after a
    // clause boundary.
    static LAST: CharSet = CharSet::EMPTY.with_lasts(ORG_HEADS_STRONG);
    let last = &LAST;
    // The rules' mentions so far by start, with the furthest end reached: a span overlaps one
    // when one starting before its end reaches past its start. Those found below end before
    // the next head, so their furthest end is enough.
    let mut ruled: Vec<(usize, usize)> = out
        .iter()
        .chain(found.iter())
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
        let Some(suf) = lexicon::ending_at(chars, end, ORG_HEADS_STRONG) else {
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
                && !opens_with_clause(stem, kn)
            {
                found_reach = found_reach.max(end);
                found.push(Mention::new(
                    start,
                    end,
                    EntityKind::Organisation,
                    Source::Rule,
                ));
            }
        }
    }
}

/// Names with `和` or `与` inside (`广东省政务服务和数据管理局`, `全国人大环境与资源保护委员会`,
/// `陕西同尘和光低温科技有限公司`): the recogniser starts such a name after the conjunction.
/// The name reaches back over it to a place or organisation that opens it, when what lies
/// between is a short phrase that names neither a body, a place nor people (so `市教育局和
/// 财政局`, `福田区和罗湖区政府`, `农民和合作社` stay two).
pub(super) fn conjoined_names(chars: &[char], out: &mut [Mention]) {
    const MAX_TAIL: usize = 6;
    // Names no longer than this reach the conjunction; by start, so that each conjunction
    // looks only at the names near it (an article of many `和` stays linear).
    const MAX_NAME: usize = 40;
    let mut all: Vec<(usize, usize, bool)> = out
        .iter()
        .filter(|m| matches!(m.kind, EntityKind::Place | EntityKind::Organisation))
        .map(|m| (m.start, m.end, m.kind == EntityKind::Place))
        .collect();
    all.sort_unstable();
    for m in out.iter_mut() {
        if m.kind != EntityKind::Organisation
            || m.start < 3
            || !"和与".contains(chars[m.start - 1])
            // A name of its own after the conjunction, not a short form (`和东盟`): a head
            // ends it or a part of it (`…有限公司实验室`).
            || m.end - m.start < 4
            || !(m.start + 3..=m.end).any(|e| {
                lexicon::ends_in_org_head(chars, e)
            })
        {
            continue;
        }
        let near = all.partition_point(|o| o.0 + MAX_NAME < m.start);
        let openers = &all[near..all.partition_point(|o| o.0 <= m.start)];
        // A name after the conjunction that opens with a place of its own is whole already
        // (`广西贸促会和埃塞俄比亚谢格尔市政府`).
        if openers.iter().any(|&(s, e, _)| s == m.start && e < m.end) {
            continue;
        }
        let conj = m.start - 1;
        // After an organisation only a word or two continues the name (`全国人大环境`); a
        // longer phrase is a thing of its own (`人民法院工作报告`).
        let opener = openers
            .iter()
            .filter(|&&(s, e, place)| {
                e < conj && conj - e <= if place { MAX_TAIL } else { 2 } && s < e
            })
            .min_by_key(|&&(s, e, _)| (conj - e, s));
        let Some(&(start, end, _)) = opener else {
            continue;
        };
        let tail = &chars[end..conj];
        let tail_s: String = tail.iter().collect();
        let plain = tail
            .iter()
            .all(|&c| is_han(c) && !PHRASE_BREAK.contains(c) && !"、".contains(c));
        let ends_like_name = lexicon::ORG_SUFFIXES
            .iter()
            .chain(lexicon::PLACE_SUFFIXES)
            .any(|x| tail_s.ends_with(x));
        let people = MEMBERS
            .iter()
            .chain(
                [
                    "人民", "农民", "群众", "居民", "市民", "村民", "游客", "学生", "企业",
                ]
                .iter(),
            )
            .any(|w| tail_s.ends_with(w));
        // Another name over the phrase (`广西贸促会` over `广西` + `贸促会`) ends it there.
        let another = openers
            .iter()
            .any(|&(s, e, _)| (s, e) != (start, end) && s < conj && e > end);
        let titled = (end..conj).any(|i| lexicon::title_len_at(chars, i) > 0);
        if plain && !ends_like_name && !people && !another && !titled && m.end - start <= 24 {
            m.start = start;
            m.source = Source::Rule;
        }
    }
}

/// `四川` + `雅安温泉旅游开发股份有限公司`: a company's registered name opens with its
/// province's short form, which the recogniser leaves out when a city follows it.
pub(super) fn province_prefixed_companies(chars: &[char], out: &mut [Mention], kn: &Knowledge) {
    const COMPANY_HEADS: &[&str] = &["公司", "集团"];
    let g = &kn.gazetteer;
    let provinces: HashMap<usize, usize> = out
        .iter()
        .filter(|p| p.kind == EntityKind::Place && (2..=3).contains(&(p.end - p.start)))
        .filter(|p| {
            let form: String = chars[p.start..p.end].iter().collect();
            !form.ends_with(['省', '市'])
                && g.lookup(&form)
                    .iter()
                    .any(|&d| g.divisions[d as usize].level == lexicon::Level::Province)
        })
        .map(|p| (p.end, p.start))
        .collect();
    for m in out.iter_mut() {
        if m.kind != EntityKind::Organisation
            || !COMPANY_HEADS
                .iter()
                .any(|h| lexicon::ends_with_at(chars, m.end, h))
        {
            continue;
        }
        if let Some(&start) = provinces.get(&m.start) {
            m.start = start;
        }
    }
}

/// `中国外交部` + `驻` + `香港特别行政区特派员公署`: a body's mission is named by the body,
/// `驻` and the place it is stationed in; the recogniser reads two names. Joined when the
/// second opens with a place.
pub(super) fn missions(chars: &[char], out: &mut Vec<Mention>) {
    let places: Vec<usize> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| m.start)
        .collect();
    let orgs: HashMap<usize, usize> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Organisation)
        .map(|m| (m.start, m.end))
        .collect();
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for m in out
        .iter_mut()
        .filter(|m| m.kind == EntityKind::Organisation)
    {
        let at = m.end;
        if chars.get(at) != Some(&'驻') || !places.contains(&(at + 1)) {
            continue;
        }
        if let Some(&end) = orgs.get(&(at + 1)) {
            joined.push((at + 1, end));
            m.end = end;
            m.source = Source::Rule;
        }
    }
    out.retain(|m| m.kind != EntityKind::Organisation || !joined.contains(&(m.start, m.end)));
}
