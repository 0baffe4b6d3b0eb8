//! Splits a plain-text newspaper page into articles and repairs the layout's line breaks.
//!
//! A scanned page arrives as lines: titles broken over several lines, author lines before or
//! after the title, bylines inside the first paragraph (`本报讯（倪小红）`), photo captions with
//! no title ending in `张国荣摄`, section headings, and words cut across lines or blank lines.
//! The parser works in three passes, each over a small typed sequence:
//! blocks (runs of non-blank lines) → units (title-like, author line, paragraph, …) → articles.

use super::lexicon;

/// One article found on a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageArticle {
    /// The title (for an untitled piece such as a photo caption, its first clause).
    pub title: String,
    /// Authors from an author line, a byline or a photo credit.
    pub authors: Vec<String>,
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
    if tokens.is_empty() || tokens.len() > 4 || !tokens.iter().all(|t| looks_like_name(t)) {
        return None;
    }
    Some(tokens.into_iter().map(str::to_owned).collect())
}

/// Names in a byline such as `本报讯（倪小红）` or `本报讯（记者 张三 通讯员 李四）` at the start
/// of a paragraph.
pub(crate) fn byline_authors(para: &str) -> Option<Vec<String>> {
    let rest = ["本报讯", "本刊讯", "本报", "新华社", "讯"]
        .iter()
        .find_map(|p| para.strip_prefix(p))?;
    let inner = rest.strip_prefix('（').or_else(|| rest.strip_prefix('('))?;
    let close = inner.find(['）', ')'])?;
    let names: Vec<String> = inner[..close]
        .split(|c: char| c.is_whitespace() || "、，,".contains(c))
        .map(|t| {
            t.trim_start_matches("记者")
                .trim_start_matches("通讯员")
                .trim_start_matches("实习生")
        })
        .filter(|t| looks_like_name(t))
        .map(str::to_owned)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The photographer of a caption ending in `张国荣摄` or `（张国荣 摄）`.
fn caption_author(para: &str) -> Option<String> {
    let trimmed = para.trim_end_matches(['）', ')', ' ']);
    let body = trimmed.strip_suffix('摄')?.trim_end();
    let name: String = {
        let rev: Vec<char> = body
            .chars()
            .rev()
            .take_while(|c| is_han(*c))
            .take(4)
            .collect();
        rev.into_iter().rev().collect()
    };
    // The name is the longest 2–3 char tail that parses as a name (surnames make it stop).
    let chars: Vec<char> = name.chars().collect();
    (2..=chars.len().min(3))
        .rev()
        .map(|n| chars[chars.len() - n..].iter().collect::<String>())
        .find(|cand| looks_like_name(cand))
}

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
                out.push(Block {
                    lines: std::mem::take(&mut current),
                    gap_before: gap,
                });
                gap = 0;
            }
            gap += 1;
        } else {
            current.push(line.to_owned());
        }
    }
    if !current.is_empty() {
        out.push(Block {
            lines: current,
            gap_before: gap,
        });
    }
    out
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
    if block.lines.len() == 1 {
        if let Some(names) = author_line(&block.lines[0]) {
            return Unit::Authors(names);
        }
    }
    let first = &block.lines[0];
    if first.starts_with('—') && block.lines.len() == 1 {
        return Unit::Subtitle(first.clone());
    }
    let total: usize = block.lines.iter().map(|l| l.chars().count()).sum();
    let short = block.lines.iter().all(|l| l.chars().count() <= 30) && total <= 48;
    let last = block.lines.last().map(String::as_str).unwrap_or("");
    if short
        && !ends_sentence(last)
        && !last.ends_with(['；', ';'])
        && byline_authors(first).is_none()
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
                    && matches!(iter.peek(), Some((Unit::Para(p), _)) if byline_authors(p).is_none()) =>
            {
                Unit::Para(h)
            }
            u => u,
        };
        if let (Some((Unit::Para(prev), _)), Unit::Para(next)) = (out.last_mut(), &unit) {
            if !ends_sentence(prev)
                && byline_authors(next).is_none()
                && caption_author(prev).is_none()
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
struct Draft {
    title: Option<String>,
    authors: Vec<String>,
    /// Lines of the front matter (title, subtitle, author line) in reading order.
    head: Vec<String>,
    /// Headings and paragraphs.
    body: Vec<Unit>,
}

impl Draft {
    fn finish(self) -> Option<PageArticle> {
        let Draft {
            title,
            mut authors,
            mut head,
            body,
        } = self;
        let paras: Vec<String> = body
            .into_iter()
            .map(|u| match u {
                Unit::Heading(s) | Unit::Para(s) | Unit::Subtitle(s) => s,
                Unit::Authors(a) => a.join(" "),
            })
            .collect();
        // A title with no body (the page ends) still keeps its text.
        let Some(first_para) = paras.first() else {
            let title = title?;
            return Some(PageArticle {
                title,
                authors,
                text: head.join("\n"),
            });
        };
        if authors.is_empty() {
            if let Some(names) = paras.iter().find_map(|p| byline_authors(p)) {
                authors = names;
            } else if let Some(name) = paras.iter().rev().find_map(|p| caption_author(p)) {
                authors.push(name);
            }
        }
        // An untitled piece gets a title for lists, but its text stays as printed.
        let title = title.unwrap_or_else(|| first_clause(first_para));
        head.extend(paras);
        Some(PageArticle {
            title,
            authors,
            text: head.join("\n"),
        })
    }
}

/// The opening clause(s) of a paragraph, at least 8 characters, as a title for untitled pieces.
fn first_clause(para: &str) -> String {
    let mut out = String::new();
    for c in para.chars() {
        if "，。；！？,;".contains(c) {
            if out.chars().count() >= 8 {
                break;
            }
            if c == '。' {
                break;
            }
        }
        out.push(c);
        if out.chars().count() >= 40 {
            break;
        }
    }
    out
}

/// Splits a page into articles.
///
/// # Example
/// ```
/// let page = "甲市举办读书活动\n\n本报讯（王明）4月23日，甲市举办读书活动。\n";
/// let articles = guanxi::text::page::split_page(page);
/// assert_eq!(articles[0].title, "甲市举办读书活动");
/// assert_eq!(articles[0].authors, ["王明"]);
/// ```
pub fn split_page(page: &str) -> Vec<PageArticle> {
    let units: Vec<(Unit, usize)> = blocks(page)
        .iter()
        .map(|b| (classify(b), b.gap_before))
        .collect();
    let units = repair(units);

    let mut done: Vec<Draft> = Vec::new();
    let mut cur = Draft::default();
    let mut i = 0;
    while i < units.len() {
        let (unit, gap) = &units[i];
        let next = units.get(i + 1).map(|(u, _)| u);
        let started = cur.title.is_some() || !cur.body.is_empty();
        match (unit, next) {
            // Title, then subtitle and/or author line.
            (Unit::Heading(t), Some(Unit::Subtitle(_) | Unit::Authors(_)))
            | (Unit::Heading(t), Some(Unit::Para(_)))
                if matches!(next, Some(Unit::Subtitle(_) | Unit::Authors(_)))
                    || matches!(next, Some(Unit::Para(p)) if byline_authors(p).is_some())
                    || !started =>
            {
                done.push(std::mem::take(&mut cur));
                cur.title = Some(t.clone());
                cur.head.push(t.clone());
                i += 1;
                while let Some((u, _)) = units.get(i) {
                    match u {
                        Unit::Subtitle(s) => cur.head.push(s.clone()),
                        Unit::Authors(a) if cur.authors.is_empty() => {
                            cur.authors = a.clone();
                            cur.head.push(a.join(" "));
                        }
                        _ => break,
                    }
                    i += 1;
                }
                adopt_first_section(&mut done, &mut cur, units.get(i).map(|(u, _)| u));
                continue;
            }
            // Author line before its title.
            (Unit::Authors(a), Some(Unit::Heading(t))) => {
                done.push(std::mem::take(&mut cur));
                cur.title = Some(t.clone());
                cur.authors = a.clone();
                cur.head.push(t.clone());
                cur.head.push(a.join(" "));
                i += 2;
                adopt_first_section(&mut done, &mut cur, units.get(i).map(|(u, _)| u));
                continue;
            }
            (Unit::Para(p), _)
                if !cur.body.is_empty()
                    && (*gap >= 2
                        || byline_authors(p).is_some()
                        || (caption_author(p).is_some() && *gap >= 1 && cur.title.is_none())) =>
            {
                done.push(std::mem::take(&mut cur));
                cur.body.push(unit.clone());
            }
            (Unit::Authors(a), _) => {
                if cur.authors.is_empty() {
                    cur.authors = a.clone();
                }
                cur.body.push(unit.clone());
            }
            _ => cur.body.push(unit.clone()),
        }
        // A caption standing on its own is a whole article.
        if let Unit::Para(p) = unit {
            if caption_author(p).is_some() && cur.title.is_none() && cur.body.len() == 1 {
                done.push(std::mem::take(&mut cur));
            }
        }
        i += 1;
    }
    done.push(cur);
    done.into_iter().filter_map(Draft::finish).collect()
}

/// When a new article's first unit is section 2+ of a numbered series whose section 1 sits in
/// the previous article, the layout placed this title after the first section: move that section
/// and the lead paragraph before it into this article.
fn adopt_first_section(done: &mut [Draft], cur: &mut Draft, first: Option<&Unit>) {
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
mod tests {
    use super::*;

    #[test]
    fn terminal_punctuation() {
        assert!(ends_sentence("好。"));
        assert!(ends_sentence("他说：“好。”"));
        assert!(!ends_sentence("开办“四点半”"));
        assert!(!ends_sentence("与党"));
    }

    #[test]
    fn bylines_and_captions() {
        assert_eq!(
            byline_authors("本报讯（李明）4月"),
            Some(vec!["李明".into()])
        );
        assert_eq!(
            byline_authors("本报讯（记者 王芳 通讯员 陈立）近日"),
            Some(vec!["王芳".into(), "陈立".into()])
        );
        assert_eq!(byline_authors("本报记者会上"), None);
        assert_eq!(
            caption_author("图为工人在作业。刘伟摄"),
            Some("刘伟".into())
        );
        assert_eq!(
            caption_author("图为工人在作业。（刘伟 摄）"),
            Some("刘伟".into())
        );
        assert_eq!(caption_author("拍摄"), None);
    }

    #[test]
    fn numbered_sections() {
        assert_eq!(section_number("处方二：规范执法"), Some(("处方".into(), 2)));
        assert_eq!(section_number("一、加强领导"), Some(("".into(), 1)));
        assert_eq!(section_number("强化督查考核"), None);
    }

    #[test]
    fn author_before_title_and_broken_words() {
        let page =
            "王明\n\n河东区：社区治理新实践\n\n3月以来，河东区在\n\n全区推开“流动办公桌”做法。\n";
        let arts = split_page(page);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].title, "河东区：社区治理新实践");
        assert_eq!(arts[0].authors, ["王明"]);
        assert!(arts[0].text.contains("河东区在全区推开"));
    }

    #[test]
    fn caption_then_article() {
        let page = "近日，某县某镇村民在晾晒玉米，喜获丰收。李强摄\n\n某县举办培训活动\n\n本报讯（陈立）近日，某县举办培训。\n";
        let arts = split_page(page);
        assert_eq!(arts.len(), 2, "{arts:#?}");
        assert_eq!(arts[0].title, "近日，某县某镇村民在晾晒玉米");
        assert_eq!(arts[0].authors, ["李强"]);
        assert_eq!(arts[1].title, "某县举办培训活动");
        assert_eq!(arts[1].authors, ["陈立"]);
    }

    #[test]
    fn garbage_does_not_panic() {
        for s in [
            "",
            "\n\n\n",
            "摄",
            "（",
            "本报讯（",
            "——",
            "一：",
            "\u{feff}",
        ] {
            let _ = split_page(s);
        }
    }
}
