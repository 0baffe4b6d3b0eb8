//! Splits a plain-text newspaper page into articles and repairs the layout's line breaks.
//!
//! A scanned page arrives as lines: titles broken over several lines, author lines before or
//! after the title, bylines inside the first paragraph (`本报讯（倪小红）`), photo captions with
//! no title ending in `张国荣摄`, section headings, and words cut across lines or blank lines.
//! The parser works in three passes, each over a small typed sequence:
//! blocks (runs of non-blank lines) → units (title-like, author line, paragraph, …) → articles.
//!
//! Web pages add their own front and end matter: a date and source line under the headline,
//! credit lines at the end (`文/张三`, `编辑：李四`), several short items on one page each with
//! its byline or credit. `credits` reads those lines; they stay in the article's text.

use super::lexicon;

mod credits;

use credits::Credits;

/// The people a credit line of an article's text names, writers and editors alike
/// (`终审:白正辉`, `编辑：李四 审核：王五`); none for a line of prose.
pub(crate) fn credited_names(line: &str) -> Vec<String> {
    credits::meta_line(line)
        .map(|c| c.authors.into_iter().chain(c.editors).collect())
        .unwrap_or_default()
}

/// An article before it gets an id: one found on a page by [`split_page`], or one article of a
/// JSON document ([`super::corpus::read`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The headline; empty for an untitled piece (a short item, a photo caption) or JSON input
    /// without one.
    pub title: String,
    /// Reporters, correspondents and photographers from bylines and credit lines (editors and
    /// reviewers are not authors).
    pub authors: Vec<String>,
    /// Editors and reviewers of its credit lines (`编辑：李四`, `责任编辑`, `审核`).
    pub editors: Vec<String>,
    /// The date of a date line or dateline, ISO 8601 (`2017-08-14`), if known.
    pub date: Option<String>,
    /// Source label (file name, or the JSON `source`/`id`); empty from [`split_page`], and
    /// [`super::corpus::read`] gives it the file's name.
    pub source: String,
    /// The article in reading order: title, subtitle, author line, then one paragraph per line.
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Unit {
    /// A short line group with no sentence end: a title or a section heading.
    Heading(String),
    /// `——…` under a title.
    Subtitle(String),
    /// A line of 1–4 personal names.
    Authors(Vec<String>),
    /// A credit, source or date line (`来源：…  作者：…`, `编辑：…`, `文/图 张三`).
    Meta(String, Credits),
    /// Body text.
    Para(String),
}

struct Block {
    lines: Vec<String>,
    gap_before: usize,
}

const TERMINAL: &[char] = &['。', '！', '？', '!', '?', '…'];
const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')'];

/// Whether a paragraph ends where a sentence ends (otherwise the layout cut it).
fn ends_sentence(s: &str) -> bool {
    let mut rev = s.chars().rev();
    match rev.next() {
        Some(c) if TERMINAL.contains(&c) => true,
        Some(c) if CLOSERS.contains(&c) => rev.next().is_some_and(|p| TERMINAL.contains(&p)),
        _ => false,
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// A 2–4 character Chinese personal name starting with a known surname.
pub(crate) fn looks_like_name(token: &str) -> bool {
    let n = token.chars().count();
    (2..=4).contains(&n) && token.chars().all(is_han) && lexicon::surname_len(token) > 0
}

fn author_line(line: &str) -> Option<Vec<String>> {
    let tokens: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '、' || c == '\u{3000}')
        .filter(|t| !t.is_empty())
        .collect();
    // `赵敏摄`: a name with the credit verb glued to it is a credit line (read with its verb
    // and kept as printed), no line of names.
    if (tokens.iter()).any(|t| matches!(credits::strip_verb(t), (n, true) if looks_like_name(n))) {
        return None;
    }
    if tokens.is_empty() || tokens.len() > 4 || !tokens.iter().all(|t| looks_like_name(t)) {
        return None;
    }
    Some(tokens.into_iter().map(str::to_owned).collect())
}

fn is_byline(para: &str) -> bool {
    credits::byline(para).is_some()
}

/// A paragraph that opens a news item: a byline or an outlet's dateline (`本报讯 5月20日，…`).
fn opens_item(para: &str) -> bool {
    credits::opening_dateline(para).is_some() || is_byline(para)
}

fn is_caption(para: &str) -> bool {
    credits::photo_tail(para).is_some()
}

/// A credit line of a picture (`张三 摄`, `（李四 摄）`).
fn is_photo_credit(line: &str) -> bool {
    let l = line.trim_end_matches([')', '）', ' ']);
    l.ends_with('摄') || l.ends_with("供图")
}

/// Words that open a caption of a picture inside an article (`图为…`), not a picture item.
const INSET_CAPTION: &[&str] = &[
    "图为",
    "图：",
    "图:",
    "上图",
    "下图",
    "左图",
    "右图",
    "资料图",
    "题图",
];

/// `处方二：…` → (`处方`, 2). Numbered section headings let the parser notice a title that the
/// layout placed after the article's first section.
fn section_number(heading: &str) -> Option<(String, u32)> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let chars: Vec<char> = heading.chars().collect();
    let pos = chars.iter().take(5).position(|c| NUMERALS.contains(*c))?;
    let sep = chars.get(pos + 1)?;
    if !"：、.．:".contains(*sep) || !chars[..pos].iter().all(|c| is_han(*c)) {
        return None;
    }
    let n = NUMERALS.chars().position(|c| c == chars[pos])? as u32 + 1;
    Some((chars[..pos].iter().collect(), n))
}

fn blocks(page: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut gap = 0;
    let mut current: Vec<String> = Vec::new();
    for raw in page.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            if !current.is_empty() {
                split_block(&mut out, std::mem::take(&mut current), gap);
                gap = 0;
            }
            gap += 1;
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        split_block(&mut out, current, gap);
    }
    out
}

/// Cuts a run of lines where the layout did not cut a line: web pages put paragraphs, headings,
/// captions and credit lines on lines of their own without blank lines between. A line cut by
/// the layout fills the column (the block's longest line); a shorter line with no sentence end
/// is a heading or caption.
fn split_block(out: &mut Vec<Block>, lines: Vec<String>, gap: usize) {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    // Print columns and headlines broken over lines are narrow: only wide blocks are web text.
    let short_open = |l: &str| width > 30 && !ends_sentence(l) && l.chars().count() * 5 < width * 4;
    // Credit and date lines, and deck lines (`——…`), stand alone.
    let meta: Vec<bool> = lines
        .iter()
        .map(|l| credits::meta_line(l).is_some() || (l.starts_with("——") && !ends_sentence(l)))
        .collect();
    let mut gap = gap;
    let mut run: Vec<String> = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        if let Some(prev) = run.last() {
            let cut = meta[i - 1]
                || meta[i]
                || short_open(prev)
                || (ends_sentence(prev) && short_open(&line));
            if cut {
                out.push(Block {
                    lines: std::mem::take(&mut run),
                    gap_before: gap,
                });
                gap = 0;
            }
        }
        run.push(line);
    }
    if !run.is_empty() {
        out.push(Block {
            lines: run,
            gap_before: gap,
        });
    }
}

fn join_heading(lines: &[String]) -> String {
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    // Parallel two-line headings (`强化督查考核` / `注重跟踪问效`) are two phrases, not one cut word.
    let couplet = lines.len() == 2
        && lens[0] == lens[1]
        && lens[0] >= 4
        && lines.iter().all(|l| l.chars().all(is_han));
    lines.join(if couplet { " " } else { "" })
}

fn classify(block: &Block) -> Unit {
    let first = &block.lines[0];
    if block.lines.len() == 1 {
        if let Some(names) = author_line(first) {
            return Unit::Authors(names);
        }
        if let Some(c) = credits::meta_line(first) {
            return Unit::Meta(first.clone(), c);
        }
        if first.starts_with('—') {
            return Unit::Subtitle(first.clone());
        }
    }
    let total: usize = block.lines.iter().map(|l| l.chars().count()).sum();
    // A web headline stands on one line and may be long; a clause-free line is no prose.
    let one_line_headline =
        block.lines.len() == 1 && total <= 48 && !first.contains(['，', ',', '；', ';']);
    let short = block.lines.iter().all(|l| l.chars().count() <= 30) && total <= 48;
    let last = block.lines.last().map(String::as_str).unwrap_or("");
    if (short || one_line_headline)
        && !ends_sentence(last)
        && !last.ends_with(['；', ';'])
        && !opens_item(first)
        && credits::tail(last).is_none()
    {
        return Unit::Heading(join_heading(&block.lines));
    }
    Unit::Para(block.lines.concat())
}

/// Joins text the layout cut across blocks: a paragraph that does not end a sentence continues
/// in the next paragraph, and a short clause-bearing fragment (`活动中，女职工代表带上自`)
/// followed by body text is a paragraph start, not a heading.
fn repair(units: Vec<(Unit, usize)>) -> Vec<(Unit, usize)> {
    let mut out: Vec<(Unit, usize)> = Vec::new();
    let mut iter = units.into_iter().peekable();
    while let Some((unit, gap)) = iter.next() {
        let unit = match unit {
            Unit::Heading(h)
                if h.contains(['，', '、', '；'])
                    && matches!(iter.peek(), Some((Unit::Para(p), _)) if !opens_item(p)) =>
            {
                Unit::Para(h)
            }
            u => u,
        };
        if let (Some((Unit::Para(prev), _)), Unit::Para(next)) = (out.last_mut(), &unit) {
            if !ends_sentence(prev)
                && !opens_item(next)
                && !is_caption(prev)
                && credits::tail(prev).is_none()
            {
                prev.push_str(next);
                continue;
            }
        }
        out.push((unit, gap));
    }
    out
}

#[derive(Default)]
struct Piece {
    title: Option<String>,
    credits: Credits,
    /// Lines of the front matter (title, subtitle, author and date lines) in reading order.
    head: Vec<String>,
    /// Headings, paragraphs and credit lines after the front matter.
    body: Vec<Unit>,
    /// An editor line or an author credit after the body ended the article.
    closed: bool,
    /// Same, but only a following paragraph block (after a blank line) starts a new article.
    credited: bool,
    /// Picture items met between this article's front matter and its byline.
    asides: Vec<Piece>,
}

impl Piece {
    fn started(&self) -> bool {
        self.title.is_some() || !self.body.is_empty()
    }

    /// Adds a credit or date line where it stands.
    fn add_meta(&mut self, line: &str, c: &Credits) {
        if c.closing {
            self.closed = true;
        } else if !c.authors.is_empty() && !self.body.is_empty() && !is_photo_credit(line) {
            // A writer's credit after the body ends the item; a photo credit under a picture
            // may stand mid-article.
            self.credited = true;
        }
        self.credits.merge(c.clone());
        if self.body.is_empty() {
            self.head.push(line.to_owned());
        } else {
            self.body.push(Unit::Meta(line.to_owned(), c.clone()));
        }
    }

    fn finish(self) -> Option<Draft> {
        let Piece {
            title,
            credits,
            mut head,
            body,
            ..
        } = self;
        // Authors in reading order: front matter, the byline, then credits in and after the body.
        let mut ordered = Credits::default();
        for line in &head {
            if let Some(c) = credits::meta_line(line) {
                ordered.merge(c);
            } else if let Some(names) = author_line(line) {
                ordered.merge(Credits {
                    authors: names,
                    ..Credits::default()
                });
            }
        }
        let mut bylined = false;
        for u in &body {
            match u {
                Unit::Meta(_, c) => ordered.merge(c.clone()),
                Unit::Authors(a) => ordered.merge(Credits {
                    authors: a.clone(),
                    ..Credits::default()
                }),
                Unit::Para(p) => {
                    if let Some(c) = credits::byline(p).filter(|_| !bylined) {
                        bylined = true;
                        ordered.merge(c);
                    }
                    if let Some(c) = credits::tail(p) {
                        ordered.merge(c);
                    }
                }
                _ => {}
            }
        }
        ordered.merge(credits);
        let mut credits = ordered;
        if credits.date.is_none() {
            // Only the first paragraph opens with a dateline.
            credits.date = body
                .iter()
                .find_map(|u| match u {
                    Unit::Para(p) => Some(credits::dateline_date(p)),
                    _ => None,
                })
                .flatten();
        }
        head.extend(body.into_iter().map(|u| match u {
            Unit::Heading(s) | Unit::Para(s) | Unit::Subtitle(s) | Unit::Meta(s, _) => s,
            Unit::Authors(a) => a.join(" "),
        }));
        if head.is_empty() {
            return None;
        }
        Some(Draft {
            title: title.map(|t| clean_title(&t)).unwrap_or_default(),
            editors: (credits.editors.iter())
                .filter(|e| !credits.authors.contains(e))
                .cloned()
                .collect(),
            authors: credits.authors,
            date: credits.date,
            source: String::new(),
            text: head.join("\n"),
        })
    }
}

/// The headline without a column label before `|` (`专栏|…`) or a `原题：` prefix; the
/// text keeps the line as printed.
fn clean_title(t: &str) -> String {
    let t = t.trim();
    let t = ["原标题", "原题"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .and_then(|r| r.strip_prefix([':', '：']))
        .unwrap_or(t);
    let after_bar = t.rsplit(['|', '｜']).next().unwrap_or(t).trim();
    if after_bar.chars().count() >= 6 {
        after_bar.to_owned()
    } else {
        t.to_owned()
    }
}

/// Files the current draft and starts a new one. Front matter with no title or body yet
/// (a date line above the first headline) stays for the next article.
fn next_piece(done: &mut Vec<Piece>, cur: &mut Piece) {
    if cur.started() {
        let mut d = std::mem::take(cur);
        let asides = std::mem::take(&mut d.asides);
        done.push(d);
        done.extend(asides);
    }
    cur.closed = false;
    cur.credited = false;
}

/// Whether the heading at `i` is an article's headline: the page starts, the last article was
/// closed by its credits, or front matter (a date, source or author line, a subtitle, a byline)
/// follows it, possibly after a kicker.
fn starts_article(units: &[(Unit, usize)], i: usize, cur: &Piece) -> bool {
    if !cur.started() || cur.closed || (cur.credited && units[i].1 >= 1) {
        return true;
    }
    let next = units[i + 1..]
        .iter()
        .find(|(u, _)| !matches!(u, Unit::Heading(_)))
        .map(|(u, _)| u);
    match next {
        // A deck line right under it; one after a blank line may open an item of its own.
        Some(Unit::Subtitle(_)) => matches!(units.get(i + 1), Some((Unit::Subtitle(_), 0))),
        Some(Unit::Authors(_)) => true,
        Some(Unit::Meta(_, c)) => !c.closing,
        Some(Unit::Para(p)) => opens_item(p),
        _ => false,
    }
}

/// Reads the front matter after a headline: kickers, subtitles, author and date lines, up to
/// the first paragraph. Returns the index after it.
fn read_head(units: &[(Unit, usize)], mut i: usize, cur: &mut Piece) -> usize {
    while let Some((u, _)) = units.get(i) {
        match u {
            // A numbered section heading (`一、…`) is body structure, not a kicker.
            Unit::Heading(s) if section_number(s).is_some() => break,
            Unit::Heading(s) | Unit::Subtitle(s) => cur.head.push(s.clone()),
            Unit::Authors(a) => {
                cur.credits.merge(Credits {
                    authors: a.clone(),
                    ..Credits::default()
                });
                cur.head.push(a.join(" "));
            }
            // An editor line under the headline does not end the article.
            Unit::Meta(line, c) => {
                cur.credits.merge(c.clone());
                cur.head.push(line.clone());
            }
            Unit::Para(_) => break,
        }
        i += 1;
    }
    i
}

/// A photo caption with its own credit between a headline's front matter and the byline
/// paragraph is a picture item of its own, placed there by the layout. Returns it and the index
/// after it.
fn caption_aside(units: &[(Unit, usize)], i: usize, cur: &Piece) -> Option<(Piece, usize)> {
    if cur.title.is_none() || !cur.body.is_empty() {
        return None;
    }
    let Some((Unit::Para(p), _)) = units.get(i) else {
        return None;
    };
    let mut aside = Piece::default();
    aside.body.push(Unit::Para(p.clone()));
    let mut photo = is_caption(p);
    let mut j = i + 1;
    while let Some((Unit::Meta(line, c), _)) = units.get(j) {
        photo |= line.contains('摄') && !c.authors.is_empty();
        aside.add_meta(line, c);
        j += 1;
    }
    let byline_next = matches!(units.get(j), Some((Unit::Para(q), _)) if opens_item(q));
    (photo && byline_next).then_some((aside, j))
}

/// A picture item after an article: a caption with its own photographer that is no inset
/// picture (`图为…`) and is followed by no more body text of the article.
fn standalone_caption(p: &str, next: Option<&(Unit, usize)>) -> bool {
    // A picture item tells its news in a sentence or two; an inset caption is a short label.
    is_caption(p)
        && p.chars().count() >= 40
        && !INSET_CAPTION.iter().any(|m| p.starts_with(m))
        && match next {
            None => true,
            Some((Unit::Heading(_), _)) => true,
            Some((Unit::Para(q), gap)) => opens_item(q) || *gap >= 2,
            Some(_) => false,
        }
}

/// Column names that papers print above short items and pictures.
const COLUMNS: &[&str] = &[
    "图片新闻",
    "图片报道",
    "新闻图片",
    "简讯",
    "快讯",
    "短讯",
    "新闻速递",
];

/// A column label on its own line (`【图片新闻】`, `快讯`) opens an item; it is not its title.
fn is_column_label(h: &str) -> bool {
    let bracketed = h.starts_with('【') && h.ends_with('】') && h.chars().count() <= 12;
    bracketed || COLUMNS.contains(&h)
}

/// Splits a page into articles, their [`Draft::source`] left empty (see
/// [`super::corpus::read`]).
///
/// # Example
/// ```
/// let page = "甲市举办读书活动\n2023-04-23 来源：甲市日报\n\n本报讯（王明）4月23日，甲市举办读书活动。\n";
/// let articles = guanxi::text::page::split_page(page);
/// assert_eq!(articles[0].title, "甲市举办读书活动");
/// assert_eq!(articles[0].authors, ["王明"]);
/// assert_eq!(articles[0].date.as_deref(), Some("2023-04-23"));
/// ```
pub fn split_page(page: &str) -> Vec<Draft> {
    // A page in traditional characters (`本報記者`, `來源：`) is read in simplified ones, as
    // the credit and date rules are written, and given back as printed.
    let read: String = page.chars().map(super::normal::simplified_char).collect();
    if read == page {
        return split_read_page(page);
    }
    let mut printed = Printed {
        read: &read,
        page,
        cursor: 0,
        page_cursor: 0,
    };
    (split_read_page(&read).into_iter())
        .map(|a| printed.article(a))
        .collect()
}

/// The printed form of what was read on a page in simplified characters: each line of an
/// article's text is found in the read page after the previous one (articles and their lines
/// come in page order), and the same characters are taken from the printed page; the title
/// and authors are then found in the article's own text. Anything not found stays as read.
struct Printed<'a> {
    read: &'a str,
    page: &'a str,
    /// Byte offset in `read` where the next line is looked for, and the same place in `page`.
    cursor: usize,
    page_cursor: usize,
}

impl Printed<'_> {
    fn article(&mut self, a: Draft) -> Draft {
        let lines: Vec<String> = a.text.split('\n').map(|l| self.line(l)).collect();
        let text = lines.join("\n");
        let within = |s: &str| -> String {
            // Same length in chars, line for line: a char offset in one is one in the other.
            match a.text.find(s).filter(|_| !s.is_empty()) {
                Some(b) => {
                    let start = a.text[..b].chars().count();
                    text.chars().skip(start).take(s.chars().count()).collect()
                }
                None => s.to_owned(),
            }
        };
        Draft {
            title: within(&a.title),
            authors: a.authors.iter().map(|x| within(x)).collect(),
            editors: a.editors.iter().map(|x| within(x)).collect(),
            date: a.date,
            source: a.source,
            text,
        }
    }

    fn line(&mut self, l: &str) -> String {
        // Lines follow one another: looking a little past the cursor finds the next, and a
        // line the reader rewrote (a joined heading) costs no scan of the rest of the page.
        let mut end = (self.cursor + l.len() + 4096).min(self.read.len());
        while !self.read.is_char_boundary(end) {
            end -= 1;
        }
        let Some(b) = self.read[self.cursor..end]
            .find(l)
            .filter(|_| !l.is_empty())
        else {
            return l.to_owned();
        };
        // Walk both pages char by char to the line's start, then over the line.
        let skip = self.read[self.cursor..self.cursor + b].chars().count();
        let mut page = self.page[self.page_cursor..].char_indices();
        let start = page
            .nth(skip)
            .map_or(self.page.len(), |(i, _)| self.page_cursor + i);
        let n = l.chars().count();
        let end = (self.page[start..].char_indices())
            .nth(n)
            .map_or(self.page.len(), |(i, _)| start + i);
        self.cursor += b + l.len();
        self.page_cursor = end;
        self.page[start..end].to_owned()
    }
}

fn split_read_page(page: &str) -> Vec<Draft> {
    let units: Vec<(Unit, usize)> = blocks(page)
        .iter()
        .map(|b| (classify(b), b.gap_before))
        .collect();
    let units = repair(units);

    let mut done: Vec<Piece> = Vec::new();
    let mut cur = Piece::default();
    let mut i = 0;
    while i < units.len() {
        let (unit, gap) = &units[i];
        let next = units.get(i + 1);
        // Credit and date lines belong to the article they stand in or under.
        if let Unit::Meta(line, c) = unit {
            let dateline_for_next = cur.closed && c.authors.is_empty() && c.editors.is_empty();
            if dateline_for_next {
                next_piece(&mut done, &mut cur);
            }
            cur.add_meta(line, c);
            i += 1;
            continue;
        }
        let ended = cur.closed || (cur.credited && *gap >= 1);
        match unit {
            // Front matter of the next item, which may have a headline of its own.
            Unit::Heading(h) if is_column_label(h) => {
                next_piece(&mut done, &mut cur);
                cur.head.push(h.clone());
                i += 1;
                continue;
            }
            Unit::Heading(t) if starts_article(&units, i, &cur) => {
                next_piece(&mut done, &mut cur);
                cur.title = Some(t.clone());
                cur.head.push(t.clone());
                i = read_head(&units, i + 1, &mut cur);
                adopt_first_section(&mut done, &mut cur, units.get(i).map(|(u, _)| u));
                continue;
            }
            // Author line before its title.
            Unit::Authors(a) if matches!(next, Some((Unit::Heading(_), _))) => {
                next_piece(&mut done, &mut cur);
                if let Some((Unit::Heading(t), _)) = next {
                    cur.title = Some(t.clone());
                    cur.head.push(t.clone());
                }
                cur.credits.merge(Credits {
                    authors: a.clone(),
                    ..Credits::default()
                });
                cur.head.push(a.join(" "));
                i = read_head(&units, i + 2, &mut cur);
                adopt_first_section(&mut done, &mut cur, units.get(i).map(|(u, _)| u));
                continue;
            }
            // A deck line (`——…`) after body text opens an item whose headline is missing.
            Unit::Subtitle(s) if cur.started() => {
                next_piece(&mut done, &mut cur);
                cur.title = Some(s.trim_start_matches(['—', '-', ' ']).to_owned());
                cur.head.push(s.clone());
                i = read_head(&units, i + 1, &mut cur);
                continue;
            }
            Unit::Para(p) => {
                if let Some((aside, j)) = caption_aside(&units, i, &cur) {
                    cur.asides.push(aside);
                    i = j;
                    continue;
                }
                let new_item = ended
                    || (!cur.body.is_empty()
                        && (*gap >= 2
                            || opens_item(p)
                            || (*gap >= 1
                                && (standalone_caption(p, next)
                                    || (is_caption(p) && cur.title.is_none())))));
                if new_item {
                    next_piece(&mut done, &mut cur);
                }
                cur.body.push(unit.clone());
                // A bracketed byline at a paragraph's end (`（记者 张三）`) ends its item.
                if credits::tail(p).is_some_and(|c| !c.authors.is_empty()) && !is_caption(p) {
                    cur.credited = true;
                }
            }
            Unit::Authors(a) => {
                if ended {
                    next_piece(&mut done, &mut cur);
                }
                cur.credits.merge(Credits {
                    authors: a.clone(),
                    ..Credits::default()
                });
                cur.body.push(unit.clone());
            }
            _ => {
                if ended {
                    next_piece(&mut done, &mut cur);
                }
                cur.body.push(unit.clone());
            }
        }
        // A caption standing on its own is a whole article.
        if let Unit::Para(p) = unit {
            if is_caption(p) && cur.title.is_none() && cur.body.len() == 1 {
                next_piece(&mut done, &mut cur);
            }
        }
        i += 1;
    }
    next_piece(&mut done, &mut cur);
    // Front matter with nothing after it (a page of credit lines only) is still text.
    if !cur.head.is_empty() {
        done.push(cur);
    }
    done.into_iter().filter_map(Piece::finish).collect()
}

/// When a new article's first unit is section 2+ of a numbered series whose section 1 sits in
/// the previous article, the layout placed this title after the first section: move that section
/// and the lead paragraph before it into this article.
fn adopt_first_section(done: &mut [Piece], cur: &mut Piece, first: Option<&Unit>) {
    let Some(Unit::Heading(h)) = first else {
        return;
    };
    let Some((prefix, n)) = section_number(h) else {
        return;
    };
    if n < 2 {
        return;
    }
    let Some(prev) = done.last_mut() else { return };
    let Some(pos) = prev.body.iter().position(|u| {
        matches!(u, Unit::Heading(h) if section_number(h).is_some_and(|(p, k)| p == prefix && k == 1))
    }) else {
        return;
    };
    let start = if pos > 0 && matches!(prev.body[pos - 1], Unit::Para(_)) && pos > 1 {
        pos - 1
    } else {
        pos
    };
    let moved: Vec<Unit> = prev.body.drain(start..).collect();
    cur.body.splice(0..0, moved);
}

#[cfg(test)]
mod tests;
