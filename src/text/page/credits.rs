//! Credit lines of news pages: bylines (`本报讯（记者 张三）`), author and editor lines
//! (`文/张三`, `编辑：李四`), photo credits (`王五 摄`) and date lines (`2017-08-14 10:25`).
//!
//! Web pages write these lines with half- or full-width punctuation alike and often run names
//! together (`记者周明吴晓红`), so every piece is normalised first and names are only taken
//! where a role word, a label or a dateline says the text is a credit.

use super::{is_han, looks_like_name};
use crate::text::lexicon;

/// What a credit line, byline or tail says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Credits {
    /// Reporters, correspondents, photographers, writers.
    pub authors: Vec<String>,
    /// Editors and reviewers (persons, but not authors).
    pub editors: Vec<String>,
    /// ISO 8601 date (`2017-08-14`).
    pub date: Option<String>,
    /// An editor or reviewer field: on web pages these close an article.
    pub closing: bool,
}

impl Credits {
    fn add(list: &mut Vec<String>, names: Vec<String>) {
        for n in names {
            if !list.contains(&n) {
                list.push(n);
            }
        }
    }

    /// Adds another credit's names (and its date if none is known yet).
    pub fn merge(&mut self, other: Credits) {
        Credits::add(&mut self.authors, other.authors);
        Credits::add(&mut self.editors, other.editors);
        if self.date.is_none() {
            self.date = other.date;
        }
        self.closing |= other.closing;
    }

    fn is_empty(&self) -> bool {
        self.authors.is_empty() && self.editors.is_empty() && self.date.is_none()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Author,
    Editor,
    Source,
    Date,
    Skip,
}

/// Field labels written `标签：值`, by field. Where one label begins another (`文`, `文字`,
/// `文字编辑`) only one of them can stand right before the colon, so their order is free.
const LABELS: &[(Field, &[&str])] = &[
    (
        Field::Editor,
        &[
            "责任编辑",
            "值班编辑",
            "文字编辑",
            "美术编辑",
            "编辑",
            "责编",
            "美编",
            "终审",
            "初审",
            "复审",
            "审核",
            "审校",
            "审签",
            "签发",
            "校对",
            "排版",
            "监制",
            "统筹",
            "主编",
            "策划",
            "编审",
        ],
    ),
    (
        Field::Author,
        &[
            "作者",
            "记者",
            "撰稿",
            "撰文",
            "文字",
            "摄影",
            "摄像",
            "图片",
            "通讯员",
            "文/图",
            "图/文",
            "文",
            "图",
        ],
    ),
    (
        Field::Source,
        &["文章来源", "新闻来源", "来源", "稿源", "出处", "转自"],
    ),
    (
        Field::Date,
        &[
            "发布时间",
            "发布日期",
            "发表时间",
            "更新时间",
            "时间",
            "日期",
        ],
    ),
    (
        Field::Skip,
        &[
            "阅读数",
            "阅读量",
            "阅读",
            "浏览量",
            "浏览",
            "点击数",
            "点击",
            "评论",
            "字号",
        ],
    ),
];

/// Role words written before names without a colon (`记者 张三`, `某报全媒体记者 张三`), by
/// field; none begins another, so a token starts with one at most.
const ROLES: &[(Field, &[&str])] = &[
    (
        Field::Author,
        &[
            "本报记者",
            "本刊记者",
            "本台记者",
            "本网记者",
            "特约记者",
            "摄影记者",
            "见习记者",
            "实习记者",
            "首席记者",
            "特约通讯员",
            "通讯员",
            "实习生",
            "记者",
        ],
    ),
    (
        Field::Editor,
        &["责任编辑", "编辑", "责编", "审核", "终审", "校对"],
    ),
];

/// Roles that may stand alone as a whole token (`文 张三 图 李四`, `文/图 王五`).
const SHORT_ROLES: &[&str] = &["文", "图", "摄", "作者", "摄影", "摄像", "撰稿", "撰文"];

/// Verbs after a name that make it a credit (`张三 摄`, `李四供稿`, `王五参与采写`).
const CREDIT_VERBS: &[&str] = &[
    "摄影报道",
    "参与采写",
    "摄影",
    "报道",
    "供稿",
    "供图",
    "采写",
    "整理",
    "摄",
];

/// Endings of outlets and bodies, which are never personal names (`某某日报`, `某省网`).
const OUTLET_ENDS: &[&str] = &[
    "报", "网", "社", "台", "端", "刊", "志", "新闻", "中心", "媒体", "频道", "在线", "号", "部",
    "局", "委", "会", "院", "站", "厅", "处", "办", "区", "县", "市", "省", "镇", "乡", "所", "馆",
    "校", "司", "团", "队", "组", "宣",
];

/// Words of credit lines that start with a surname character but are no names.
const NOT_NAMES: &[&str] = &[
    "时间", "原创", "文字", "文章", "全文", "宣传", "单位", "通讯", "新闻", "文明", "文化", "高清",
];

fn is_outlet(tok: &str) -> bool {
    tok.chars().count() >= 2
        && (OUTLET_ENDS.iter().any(|e| tok.ends_with(e))
            || tok.starts_with('《')
            || tok.starts_with("本报")
            || tok.starts_with("本刊"))
}

/// Sentence punctuation that a credit or date line never contains.
const CLAUSE: &[char] = &['。', '！', '？', '，', ',', '；', ';', '!', '?'];

/// Personal names in one token: a name, a transliterated name (`阿布都·热合曼`), or names run
/// together (`周明吴晓红`) where the surnames split them one way only.
pub(crate) fn names_in(tok: &str) -> Vec<String> {
    if tok.contains(['·', '•']) {
        let parts: Vec<&str> = tok.split(['·', '•']).collect();
        let ok = parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(is_han))
            && tok.chars().count() <= 16;
        return if ok { vec![tok.to_owned()] } else { Vec::new() };
    }
    let n = tok.chars().count();
    if !tok.chars().all(is_han) || n < 2 || is_outlet(tok) || NOT_NAMES.contains(&tok) {
        return Vec::new();
    }
    if n <= 3 || (n == 4 && lexicon::surname_len(tok) == 2) {
        return if looks_like_name(tok) {
            vec![tok.to_owned()]
        } else {
            Vec::new()
        };
    }
    split_run(tok).unwrap_or_default()
}

/// The one way to cut a run of 4–12 characters into 2–3 character names (3–4 with a
/// two-character surname), fewest names first; `None` when there is no cut or two equally short.
fn split_run(run: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() > 12 {
        return None;
    }
    let mut best: Option<Vec<String>> = None;
    let mut tie = false;
    let mut stack: Vec<(usize, Vec<String>)> = vec![(0, Vec::new())];
    while let Some((at, got)) = stack.pop() {
        if at == chars.len() {
            match &best {
                Some(b) if b.len() < got.len() => {}
                Some(b) if b.len() == got.len() => tie = true,
                _ => {
                    best = Some(got);
                    tie = false;
                }
            }
            continue;
        }
        for len in 2..=4 {
            let Some(piece) = chars.get(at..at + len) else {
                break;
            };
            let piece: String = piece.iter().collect();
            let sur = lexicon::surname_len(&piece);
            let fits = sur > 0 && len > sur && (len < 4 || sur == 2) && !is_outlet(&piece);
            if fits {
                let mut next = got.clone();
                next.push(piece);
                stack.push((at + len, next));
            }
        }
    }
    if tie {
        None
    } else {
        best
    }
}

/// Reads a date `2017-08-14`, `2017/8/14`, `2017.08.14` or `2023年5月6日` starting at `i`;
/// returns the ISO form and the number of chars read.
fn date_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let num = |at: usize, max: usize| -> Option<(u32, usize)> {
        let digits: String = chars
            .get(at..)?
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .collect();
        Some((digits.parse().ok()?, digits.len()))
    };
    if i > 0 && chars[i - 1].is_ascii_digit() {
        return None;
    }
    let (year, ylen) = num(i, 4)?;
    if ylen != 4 || !(1900..=2100).contains(&year) {
        return None;
    }
    let sep = *chars.get(i + 4)?;
    if !"-/.年".contains(sep) {
        return None;
    }
    let (month, mlen) = num(i + 5, 2)?;
    let msep = *chars.get(i + 5 + mlen)?;
    let want = if sep == '年' { '月' } else { sep };
    if msep != want {
        return None;
    }
    let (day, dlen) = num(i + 6 + mlen, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || mlen == 0 || dlen == 0 {
        return None;
    }
    let mut len = 6 + mlen + dlen;
    if sep == '年' && chars.get(i + len) == Some(&'日') {
        len += 1;
    }
    Some((format!("{year:04}-{month:02}-{day:02}"), len))
}

/// The first full date in a line.
pub(crate) fn find_date(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).find_map(|i| date_at(&chars, i).map(|(d, _)| d))
}

/// The line with dates and clock times (`10:25:03`) blanked out.
fn without_dates(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((_, n)) = date_at(&chars, i) {
            out.push(' ');
            i += n;
            continue;
        }
        let clock = chars[i].is_ascii_digit()
            && chars.get(i + 1..i + 3).is_some_and(|w| {
                (w[0] == ':' && w[1].is_ascii_digit())
                    || (w[0].is_ascii_digit() && chars.get(i + 2) == Some(&':'))
            });
        if clock {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':') {
                i += 1;
            }
            out.push(' ');
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The label starting at char `i`, if it is followed by a colon; returns the field and the
/// number of chars up to and including the colon.
fn label_at(chars: &[char], i: usize) -> Option<(Field, usize)> {
    // A label starts a field: after a space, a bracket, digits or the line start; glued to
    // Han text it is prose (`资料图：`).
    if i > 0 && is_han(chars[i - 1]) {
        return None;
    }
    by_field(LABELS).find_map(|(label, field)| {
        let n = label.chars().count();
        let hit = chars.get(i..i + n)?.iter().copied().eq(label.chars());
        if !hit {
            return None;
        }
        let mut j = i + n;
        while chars.get(j).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
            j += 1;
        }
        matches!(chars.get(j), Some(':' | '：')).then_some((field, j + 1 - i))
    })
}

/// Splits a line into (field, value) pairs at its labels; text before the first label is
/// `None`.
fn fields(line: &str) -> Vec<(Option<Field>, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<(Option<Field>, String)> = vec![(None, String::new())];
    let mut i = 0;
    while i < chars.len() {
        if let Some((field, n)) = label_at(&chars, i) {
            out.push((Some(field), String::new()));
            i += n;
            continue;
        }
        if let Some(last) = out.last_mut() {
            last.1.push(chars[i]);
        }
        i += 1;
    }
    out
}

fn tokens(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(|c: char| {
            c.is_whitespace() || "、，,/|｜【】[]()（）《》:：;；-—\u{3000}".contains(c)
        })
        .filter(|t| !t.is_empty())
}

/// How one credit token reads.
#[derive(Default)]
struct Reading {
    authors: Vec<String>,
    editors: Vec<String>,
    /// A role word or credit verb was seen.
    credit: bool,
    /// A piece that is neither a name, a role, an outlet nor a number.
    unknown: bool,
}

/// Each word of a table by field, with its field.
fn by_field(table: &'static [(Field, &[&str])]) -> impl Iterator<Item = (&'static str, Field)> {
    table
        .iter()
        .flat_map(|&(field, words)| words.iter().map(move |w| (*w, field)))
}

fn role_prefix(tok: &str) -> Option<(&'static str, Field)> {
    by_field(ROLES).find(|(r, _)| tok.starts_with(r))
}

pub(super) fn strip_verb(tok: &str) -> (&str, bool) {
    for v in CREDIT_VERBS {
        if let Some(rest) = tok.strip_suffix(v) {
            return (rest.trim_end(), true);
        }
    }
    (tok, false)
}

/// Reads the tokens of a credit value; `role` is the field's role (authors for a bare name).
fn read_tokens<'a>(toks: impl Iterator<Item = &'a str>, mut role: Field, r: &mut Reading) {
    for tok in join_spaced(toks) {
        read_token(&tok, &mut role, r);
    }
}

/// Joins a name printed with a space inside (`张 三`, `欧阳 明`): a lone surname and the one or
/// two characters after it. Role words (`文`, `图`) stay apart.
fn join_spaced<'a>(toks: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_surname = false;
    for tok in toks {
        let given = pending_surname
            && (1..=2).contains(&tok.chars().count())
            && tok.chars().all(is_han)
            && !SHORT_ROLES.contains(&tok)
            && !CREDIT_VERBS.contains(&tok);
        if let (true, Some(last)) = (given, out.last_mut()) {
            last.push_str(tok);
            pending_surname = false;
            continue;
        }
        let n = tok.chars().count();
        pending_surname = !SHORT_ROLES.contains(&tok)
            && ((n == 1 && lexicon::surname_len(tok) == 1)
                || (n == 2 && lexicon::surname_len(tok) == 2));
        out.push(tok.to_owned());
    }
    out
}

fn read_token(tok: &str, role: &mut Field, r: &mut Reading) {
    if SHORT_ROLES.contains(&tok) {
        r.credit = true;
        *role = Field::Author;
        return;
    }
    if tok.chars().all(|c| c.is_ascii_alphanumeric()) || tok == "第" || tok == "版" {
        return;
    }
    // A role word inside the token: outlet or names before it, names after it.
    let chars: Vec<(usize, char)> = tok.char_indices().collect();
    for &(b, _) in &chars {
        if let Some((word, field)) = role_prefix(&tok[b..]) {
            let before = &tok[..b];
            if !before.is_empty() {
                read_plain(before, *role, r);
            }
            r.credit = true;
            *role = field;
            let after = &tok[b + word.len()..];
            if !after.is_empty() {
                read_token(after, role, r);
            }
            return;
        }
    }
    read_plain(tok, *role, r);
}

/// A token with no role word: names (with an optional credit verb), an outlet, or unknown.
fn read_plain(tok: &str, role: Field, r: &mut Reading) {
    let (rest, verb) = strip_verb(tok);
    r.credit |= verb;
    if rest.is_empty() {
        return;
    }
    let names = names_in(rest);
    if names.is_empty() {
        // An outlet or body (`某大学供图`) is no person; other words make the line prose.
        let known = is_outlet(rest) || verb;
        r.unknown |= !known;
        return;
    }
    match role {
        Field::Editor => r.editors.extend(names),
        _ => r.authors.extend(names),
    }
}

/// The credits of a whole line of metadata (`来源：某报  作者：张三`, `编辑：李四 审核：王五`,
/// `2017-08-14 10:25 来源：某网`, `记者 张三 通讯员 李四`, `文/图 王五`), or `None` when the
/// line is prose or a heading.
pub(crate) fn meta_line(line: &str) -> Option<Credits> {
    let n = line.chars().count();
    if n == 0 || n > 120 || line.contains(CLAUSE) {
        return None;
    }
    let date = find_date(line);
    let plain = without_dates(line);
    let mut r = Reading::default();
    let mut labelled = false;
    let mut closing = false;
    for (field, value) in fields(&plain) {
        match field {
            None => read_tokens(tokens(&value), Field::Author, &mut r),
            Some(Field::Source) => {
                labelled = true;
                // `来源：某区委宣传部 张三`: a name after the outlet is its writer.
                for tok in tokens(&value).skip(1) {
                    let names = names_in(tok);
                    r.authors.extend(names);
                }
            }
            Some(Field::Date | Field::Skip) => labelled = true,
            Some(f) => {
                labelled = true;
                closing |= f == Field::Editor;
                read_tokens(tokens(&value), f, &mut r);
            }
        }
    }
    let han = plain.chars().filter(|c| is_han(*c)).count();
    let is_meta = if labelled {
        true
    } else if r.credit {
        !r.unknown
    } else {
        date.is_some() && han <= 20
    };
    if !is_meta {
        return None;
    }
    Some(Credits {
        authors: r.authors,
        editors: r.editors,
        date,
        closing,
    })
}

/// The byline at the start of a paragraph: an outlet or dateline and a parenthesis with names
/// (`本报讯（记者 张三）`, `某网8月14日讯(李四)`, `新华社北京3月1日电（记者 王五）`), or a
/// dateline and role words without one (`某地讯 通讯员张三报道 5月26日，…`).
pub(crate) fn byline(para: &str) -> Option<Credits> {
    let chars: Vec<char> = para.chars().collect();
    let open = chars
        .iter()
        .take(48)
        .position(|c| *c == '(' || *c == '（' || CLAUSE.contains(c) || *c == '“');
    if let Some(open) = open.filter(|&o| matches!(chars[o], '(' | '（')) {
        let prefix: String = chars[..open].iter().collect();
        let close = chars[open..]
            .iter()
            .take(64)
            .position(|c| matches!(c, ')' | '）'))?;
        let inner: String = chars[open + 1..open + close].iter().collect();
        let dateline = is_dateline(prefix.trim());
        let mut r = Reading::default();
        read_tokens(tokens(&inner), Field::Author, &mut r);
        let ok = !r.authors.is_empty() && !r.unknown && (dateline || r.credit);
        return ok.then(|| Credits {
            authors: r.authors,
            date: find_date(&prefix),
            ..Credits::default()
        });
    }
    // `某地讯 通讯员张三报道 …`: credit tokens up to the first one that is not.
    let first_space = para.find(char::is_whitespace)?;
    if para[..first_space].chars().count() > 30 || !is_dateline(&para[..first_space]) {
        return None;
    }
    let mut r = Reading::default();
    let mut role = Field::Author;
    for tok in para[first_space..].split_whitespace().take(8) {
        // A credit token is short; a long one is the story (and bounds the role-word scan).
        if tok.chars().count() > 30 {
            break;
        }
        let mut t = Reading::default();
        read_token(tok, &mut role, &mut t);
        if t.unknown || (t.authors.is_empty() && !t.credit) {
            break;
        }
        r.credit |= t.credit;
        r.authors.extend(t.authors);
    }
    (r.credit && !r.authors.is_empty()).then(|| Credits {
        authors: r.authors,
        date: find_date(&para[..first_space]),
        ..Credits::default()
    })
}

/// A paragraph's opening dateline (`本报讯`, `新华社北京2023年3月1日电`), up to the space,
/// bracket or punctuation after it.
pub(crate) fn opening_dateline(para: &str) -> Option<&str> {
    let end = para
        .char_indices()
        .take(40)
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '（') || CLAUSE.contains(c))
        .map_or(para.len(), |(i, _)| i);
    let prefix = &para[..end];
    // Two characters ending in 电 or 讯 are words (`来电`, `通讯`), not an outlet's dateline.
    (prefix.chars().count() >= 3 && is_dateline(prefix)).then_some(prefix)
}

/// The date in a paragraph's opening dateline, with or without a byline.
pub(crate) fn dateline_date(para: &str) -> Option<String> {
    opening_dateline(para).and_then(find_date)
}

/// `本报`, `本报讯`, `某网8月14日讯`, `新华社北京3月1日电`, `某报6月28日消息`: an outlet's dateline.
fn is_dateline(prefix: &str) -> bool {
    let p = prefix.trim_end();
    matches!(p, "本报" | "本刊" | "本网")
        || (p.chars().count() >= 2
            && (p.ends_with('讯') || p.ends_with('电') || p.ends_with("消息")))
}

/// Credits at the end of a paragraph, after its last sentence: a photo credit (`。张三 摄`),
/// a bracketed byline (`。（记者 李四）`, `（王五）`), or editor brackets (`【编辑：赵六】`).
pub(crate) fn tail(para: &str) -> Option<Credits> {
    let tail = tail_text(para);
    if tail.is_empty() || tail.chars().count() > 60 {
        return None;
    }
    if let Some(c) = meta_line(tail).filter(|c| !c.is_empty()) {
        return Some(c);
    }
    // `（张三）`, `(张三 李四)`: names alone in brackets at the very end.
    let inner = tail
        .strip_prefix(['(', '（'])
        .and_then(|t| t.strip_suffix([')', '）']))?;
    let mut r = Reading::default();
    read_tokens(tokens(inner), Field::Author, &mut r);
    (!r.authors.is_empty() && !r.unknown && r.authors.len() <= 4).then(|| Credits {
        authors: r.authors,
        ..Credits::default()
    })
}

/// A photo credit ending a caption (`…。张三 摄`).
pub(crate) fn photo_tail(para: &str) -> Option<Credits> {
    tail_text(para)
        .contains('摄')
        .then(|| tail(para))
        .flatten()
        .filter(|c| !c.authors.is_empty())
}

/// The text after a paragraph's last sentence end.
fn tail_text(para: &str) -> &str {
    let cut = para
        .char_indices()
        .rev()
        .find(|(_, c)| "。！？!?”".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    para[cut..].trim()
}

#[cfg(test)]
mod tests;
