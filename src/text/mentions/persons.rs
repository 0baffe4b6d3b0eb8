//! Persons: names after titles, withheld names, authors and the text's credit lines, and the
//! repairs of names the recogniser cuts or extends (Tibetan names, a verb after a name).

use super::*;

/// The length of a personal name at `chars[i..]` (2 or 3 chars), or 0.
pub(super) fn name_len_at(chars: &[char], i: usize) -> usize {
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

/// `董事长张志明`, `党工委副书记陈立新`. The rule reads a Han name of two or three characters;
/// where the recogniser read a person that starts later (`主席和叶利钦`: `和` is a surname and a
/// conjunction) or runs longer (`部长罗季奥诺夫`), or ends where a title starts (`主席李鹏总理`),
/// the recogniser's reading stands.
pub(super) fn titled_people(chars: &[char], out: &mut Vec<Mention>) {
    // The recogniser's persons by start; they do not overlap one another.
    let mut model: Vec<(usize, usize)> = (out.iter())
        .filter(|m| m.kind == EntityKind::Person && m.source == Source::Model)
        .map(|m| (m.start, m.end))
        .collect();
    model.sort_unstable();
    // `江泽民主席李鹏总理`: the recogniser's shorter `李鹏` stands where a title follows it.
    let defers = |start: usize, end: usize| {
        let n = model.partition_point(|&(s, _)| s < end);
        n > 0 && {
            let (s, e) = model[n - 1];
            e > start && (s > start || e > end || (e < end && title_after_name_len(chars, e) > 0))
        }
    };
    for i in 0..chars.len() {
        let t = lexicon::title_len_at(chars, i);
        if t > 0 {
            let n = name_len_at(chars, i + t);
            if n > 0 && !defers(i + t, i + t + n) {
                out.push(Mention::new(
                    i + t,
                    i + t + n,
                    EntityKind::Person,
                    Source::Rule,
                ));
            }
        }
    }
}

/// `习近平总书记`, `韩正副主席`: a name the recogniser was never taught (it learned from older
/// news), right before a title. A surname and one or two more characters ending where the
/// title starts, only where no place, body or person of two characters or more overlaps them
/// (`中印两国总理`) and where neither
/// the gazetteer nor the dictionary reads the characters otherwise (`金华市长` is a city,
/// `老城区长期` the word 城区).
pub(super) fn named_before_titles(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    let taken = Coverage::of(
        (out.iter())
            .filter(|m| m.kind != EntityKind::Person || m.end - m.start >= 2)
            .map(|m| (m.start, m.end)),
    );
    let other_word = |w: &[char]| {
        kn.words().part_of_speech(w).is_some_and(|p| p != b'r')
            || !kn
                .gazetteer
                .lookup(&w.iter().collect::<String>())
                .is_empty()
    };
    let mut added = Vec::new();
    for t in 2..chars.len() {
        // The title starts here, not earlier (`韩正副主席`, `常务副县长`, `荣誉主席`).
        if title_after_name_len(chars, t) == 0
            || (t.saturating_sub(3)..t).any(|k| k + title_after_name_len(chars, k) > t)
        {
            continue;
        }
        let fits = |s: usize| {
            let name = &chars[s..t];
            name.iter()
                .all(|&c| is_han(c) && !AFTER_NAME.contains(c) && !PHRASE_BREAK.contains(c))
                && lexicon::surname_len(&name.iter().collect::<String>()) == 1
                && !taken.overlaps(s, t)
                // Not from inside a title before it (`主席登上主席台`).
                && (s.saturating_sub(4)..s).all(|k| k + title_after_name_len(chars, k) <= s)
                && !other_word(name)
                && !other_word(&chars[s..=t])
                // No word runs into the name or from it into the title (`预计随着总理`,
                // `城区` of `老城区长`).
                && (s.saturating_sub(3)..t).all(|i| {
                    kn.words()
                        .longest_word_at(chars, i)
                        .is_none_or(|(l, _)| if i < s { i + l <= s } else { i + l <= t })
                })
        };
        if let Some(s) = [3, 2]
            .into_iter()
            .filter(|&n| t >= n)
            .map(|n| t - n)
            .find(|&s| fits(s))
        {
            added.push(Mention::new(s, t, EntityKind::Person, Source::Rule));
        }
    }
    out.extend(added);
}

/// Characters Chinese news spells foreign names with (Xinhua's transliteration syllables).
const TRANSLITERATION: &str = "阿埃艾爱安昂奥澳巴拜班邦保鲍贝本比彼毕边宾波伯博布查达代戴丹道德登迪蒂丁东杜敦多厄恩尔法凡菲费芬丰冯弗福盖甘冈戈哥格根古瓜哈海罕汉豪赫亨洪胡华怀霍基吉加贾杰捷金京卡凯坎康柯科克肯库夸奎昆拉莱赖兰朗劳勒雷里理利连林琳留卢鲁伦罗洛吕马玛迈麦曼芒梅蒙孟米敏明莫姆穆纳娜奈南内妮尼宁纽努诺欧帕派潘佩彭皮珀普奇恰乔切钦琼丘让热萨塞赛桑瑟森沙莎善尚舍申什施士舒斯松苏索塔泰坦汤唐特滕梯提田廷通图托瓦万旺威韦维温文沃乌伍武西希锡谢辛休许雅亚延扬耶伊因尤于约泽扎詹兹佐";

/// `美国总统拜登`, `国务卿布林肯`: a transliterated name after a place and a title, which the
/// recogniser, trained on older news, may not know. Only where it reads no person there.
pub(super) fn titled_foreigners(chars: &[char], out: &mut Vec<Mention>) {
    let persons: Vec<(usize, usize)> = (out.iter())
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| (m.start, m.end))
        .collect();
    let place_ends: Vec<usize> = (out.iter())
        .filter(|m| m.kind == EntityKind::Place)
        .map(|m| m.end)
        .collect();
    const STATE_TITLES: &[&str] = &[
        "总统",
        "总理",
        "首相",
        "国务卿",
        "外长",
        "外交大臣",
        "防长",
        "议长",
        "大使",
        "国王",
        "女王",
        "王储",
        "总督",
        "元首",
        "总司令",
    ];
    for end in place_ends {
        let state = |at: usize| {
            (STATE_TITLES.iter())
                .filter(|h| lexicon::starts_with_at(chars, at, h))
                .map(|h| h.chars().count())
                .max()
                .unwrap_or(0)
        };
        let vice = usize::from(chars.get(end) == Some(&'副'));
        let t = match state(end + vice) {
            0 => lexicon::title_len_at(chars, end),
            n => vice + n,
        };
        let from = end + t;
        if t == 0 || persons.iter().any(|&(s, e)| s < from + 2 && from < e) {
            continue;
        }
        let n = (chars[from.min(chars.len())..].iter())
            .take_while(|&&c| TRANSLITERATION.contains(c) || c == '·')
            .count();
        // A name of two to six syllables ending where the clause goes on (`拜登6日`,
        // `拜登表示`), not inside a longer run of them.
        let after = chars.get(from + n).copied();
        let ends = after.is_none_or(|c| !is_han(c) || AFTER_NAME.contains(c) || "与及".contains(c));
        if (2..=6).contains(&n) && ends && chars[from] != '·' && chars[from + n - 1] != '·' {
            out.push(Mention::new(
                from,
                from + n,
                EntityKind::Person,
                Source::Rule,
            ));
        }
    }
}

/// People whose given name a court or police report withholds (`张某`, `石某玉`): within the
/// article they are one particular person. `某` after a surname-like character that starts a
/// word such as `某种`, `某些`, `某地` is not a name.
pub(super) fn withheld_names(chars: &[char], out: &mut Vec<Mention>) {
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
                && !"非因系犯涉称其所已曾均有无拒未遂".contains(c)
        });
        out.push(Mention::new(
            i,
            i + 2 + given as usize,
            EntityKind::Person,
            Source::Rule,
        ));
    }
}

pub(super) fn authors_in_text(chars: &[char], authors: &[String], out: &mut Vec<Mention>) {
    for a in authors {
        let n = a.chars().count();
        let Some(first) = a.chars().next() else {
            continue;
        };
        for i in 0..chars.len() {
            if chars[i] == first && starts_with_at(chars, i, a) {
                out.push(Mention::new(i, i + n, EntityKind::Person, Source::Rule));
            }
        }
    }
}

/// The people named in the text's own credit lines (`终审:白正辉`, `编辑：李四 审核：王五`):
/// persons like the authors, whose editors and reviewers the article's byline does not carry.
pub(super) fn credit_lines(chars: &[char], out: &mut Vec<Mention>) {
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
        for name in crate::text::page::credited_names(&text) {
            let name: Vec<char> = name.chars().collect();
            if let Some(i) = (0..line.len()).find(|&i| line[i..].starts_with(&name)) {
                out.push(Mention::new(
                    line_start + i,
                    line_start + i + name.len(),
                    EntityKind::Person,
                    Source::Rule,
                ));
            }
        }
    }
}

/// Parts of Tibetan personal names: a name is usually two of them (`强巴央宗`, `次仁卓玛`),
/// which the recogniser, trained on Han names, cuts after three characters.
pub(super) const TIBETAN_PARTS: &[&str] = &[
    "扎西", "次仁", "多吉", "卓玛", "央宗", "强巴", "格桑", "旦增", "平措", "顿珠", "白玛", "达瓦",
    "尼玛", "拉姆", "索朗", "次旦", "普布", "巴桑", "罗布", "边巴", "德吉", "曲珍", "央金", "卓嘎",
    "拉巴", "措姆", "旺堆", "洛桑", "丹增", "贡布", "米玛", "仁青", "益西", "群培", "阿旺", "琼达",
    "玉珍", "桑珠", "嘎玛", "次珍", "德庆", "赤列", "土登", "加措", "嘉措", "才让", "卓措", "拉珍",
    "仁增", "巴珠", "达娃", "格列", "普琼", "次央", "曲扎",
];

/// The end of a Tibetan name of two parts starting at `i`, or 0.
pub(super) fn tibetan_name_end(chars: &[char], i: usize) -> usize {
    let part = |at: usize| TIBETAN_PARTS.iter().any(|p| starts_with_at(chars, at, p));
    if part(i) && part(i + 2) {
        i + 4
    } else {
        0
    }
}

/// A name that ends in the verb written after it: a one-character verb before an aspect
/// particle (`王斌算了一笔账`, not `了解`) or `偕` (`崔建春偕夫人`).
pub(super) fn took_verb_after(chars: &[char], m: &Mention, kn: &Knowledge) -> bool {
    let n = m.end - m.start;
    if n < 3 {
        return false;
    }
    let given = n - lexicon::surname_len(&chars[m.start..m.end].iter().collect::<String>());
    let aspect = chars.get(m.end).is_some_and(|c| "了着过".contains(*c))
        && chars
            .get(m.end..m.end + 2)
            .is_none_or(|w| kn.words().part_of_speech(w).is_none());
    given >= 2 && (aspect || "偕携".contains(chars[m.end - 1]))
}

/// `王向东、周有才。`, `陈省身、母国光、胡国定等`: a name listed after a person, of a surname
/// and one or two characters that the list's next mark or `等` ends, is a person too; the
/// recogniser misses given names that are words (`有才`).
pub(super) fn listed_people(chars: &[char], out: &mut Vec<Mention>, kn: &Knowledge) {
    const ENDS: &str = "、。，,；;和及等）)";
    // Names added here lie after every mention that leads to them: the given ones suffice.
    let given = Coverage::of(out.iter().map(|m| (m.start, m.end)));
    let mut todo: Vec<usize> = (out.iter())
        .filter(|m| m.kind == EntityKind::Person && chars.get(m.end) == Some(&'、'))
        .map(|m| m.end + 1)
        .collect();
    while let Some(i) = todo.pop() {
        if given.covers(i, i + 1) {
            continue;
        }
        let n = [3, 2].into_iter().find(|&n| {
            chars.get(i + n).is_some_and(|c| ENDS.contains(*c))
                && chars.get(i..i + n).is_some_and(|s| {
                    s.iter().all(|&c| is_han(c) && !AFTER_NAME.contains(c))
                        && lexicon::surname_len(&s[..2].iter().collect::<String>()) == 1
                        && kn.words().part_of_speech(s).is_none_or(|p| p == b'r')
                        && (0..n).all(|k| lexicon::title_len_at(s, k) == 0)
                })
        });
        if let Some(n) = n {
            out.push(Mention::new(i, i + n, EntityKind::Person, Source::Rule));
            if chars[i + n] == '、' {
                todo.push(i + n + 1);
            }
        }
    }
}

/// Titles after which a surname alone refers to someone (`江主席`, `李总理`, `王书记`): the
/// position titles, and those of leaders and envoys that head no local body.
fn title_after_surname(chars: &[char], i: usize) -> bool {
    title_after_name_len(chars, i) > 0
}

/// The length of a title that can follow a name at `chars[i..]` (`主席`, `总理`, `总书记`,
/// `教授`), or 0: the position titles, and those of leaders and envoys that head no local body.
pub(super) fn title_after_name_len(chars: &[char], i: usize) -> usize {
    const LEADERS: &[&str] = &[
        "总理",
        "总书记",
        "委员长",
        "总统",
        "首相",
        "议长",
        "大使",
        "外长",
        "教授",
        "院士",
        "研究员",
    ];
    let leader = (LEADERS.iter())
        .filter(|t| starts_with_at(chars, i, t))
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    lexicon::title_len_at(chars, i).max(leader)
}

/// For each surname, the mention of the one person an article names in full with it (`江` →
/// `江泽民`); a surname of several such names (王芳 and 王强) names no one and is left out.
/// One pass over the mentions, so that every lookup after it is constant.
pub fn named_in_full(chars: &[char], ms: &[Mention]) -> HashMap<char, usize> {
    let mut found: HashMap<char, Option<(usize, &[char])>> = HashMap::new();
    for (j, m) in ms.iter().enumerate() {
        let name = &chars[m.start..m.end];
        if m.kind != EntityKind::Person || name.len() < 2 {
            continue;
        }
        if lexicon::surname_len(&name.iter().collect::<String>()) != 1 {
            continue;
        }
        let slot = found.entry(name[0]).or_insert(Some((j, name)));
        if slot.is_some_and(|(_, seen)| seen != name) {
            *slot = None;
        }
    }
    (found.into_iter())
        .filter_map(|(c, one)| one.map(|(j, _)| (c, j)))
        .collect()
}

/// `江主席` in an article that names 江泽民: a surname alone before a title is the one person
/// of that surname the article names in full, and a mention of them. With none or several
/// such names it names no one and is not marked (a single character is never a name by itself;
/// see `is_anonymous`). Runs after every filter, on an article's final mentions.
pub fn titled_surnames(chars: &[char], ms: &mut Vec<Mention>) {
    let covered = Coverage::of(ms.iter().map(|m| (m.start, m.end)));
    let full = named_in_full(chars, ms);
    let mut added = Vec::new();
    for i in 0..chars.len().saturating_sub(2) {
        let c = chars[i];
        if !lexicon::is_surname_char(c)
            || !title_after_surname(chars, i + 1)
            // The character before must not join it into a word or a name (`长江主席`).
            || (i > 0 && is_han(chars[i - 1]) && !"见和与同及向对给为请由任、".contains(chars[i - 1]))
            || covered.covers(i, i + 1)
        {
            continue;
        }
        if full.contains_key(&c) {
            added.push(Mention::new(i, i + 1, EntityKind::Person, Source::Rule));
        }
    }
    if !added.is_empty() {
        ms.extend(added);
        ms.sort();
    }
}
