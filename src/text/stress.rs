//! Inputs of a given shape for measuring how extraction scales with one article's size: the
//! same sentences as many articles, as one article, as a text page of paragraphs, as one
//! run-on sentence without punctuation, and lists of names in one sentence (the worst case
//! for same-sentence links). Used by `guanxi bench-extract --shape` and the native tests.

use super::corpus::{self, Draft};

/// How a text is handed to extraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Shape {
    /// Articles of [`SPLIT_SENTENCES`] sentences (news-sized; the reference).
    Split,
    /// All the sentences as one article, one per line.
    OneArticle,
    /// A text page of paragraphs of five sentences, read by the page splitter.
    Page,
    /// One article with every sentence end and line break removed: one sentence.
    RunOn,
}

/// Sentences per article of [`Shape::Split`].
pub const SPLIT_SENTENCES: usize = 20;

impl Shape {
    /// Every shape, the reference first.
    pub const ALL: [Shape; 4] = [Shape::Split, Shape::OneArticle, Shape::Page, Shape::RunOn];

    /// The shape's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Split => "split",
            Shape::OneArticle => "one-article",
            Shape::Page => "page",
            Shape::RunOn => "run-on",
        }
    }

    /// The shape named `s`.
    pub fn parse(s: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|k| k.name() == s)
    }
}

fn draft(title: String, text: String) -> Draft {
    Draft {
        title,
        authors: Vec::new(),
        editors: Vec::new(),
        date: None,
        source: "stress".into(),
        text,
    }
}

/// `sentences` as the drafts of `shape`.
///
/// # Example
/// ```
/// use guanxi::text::stress::{drafts, Shape};
/// let s: Vec<String> = (0..45).map(|i| format!("第{i}句。")).collect();
/// assert_eq!(drafts(&s, Shape::Split).len(), 3);
/// assert_eq!(drafts(&s, Shape::OneArticle).len(), 1);
/// assert!(!drafts(&s, Shape::RunOn)[0].text.contains('。'));
/// ```
pub fn drafts(sentences: &[String], shape: Shape) -> Vec<Draft> {
    match shape {
        Shape::Split => sentences
            .chunks(SPLIT_SENTENCES)
            .enumerate()
            .map(|(i, group)| draft(format!("stress-{i}"), group.join("\n")))
            .collect(),
        Shape::OneArticle => vec![draft("stress".into(), sentences.join("\n"))],
        Shape::Page => {
            let page: String = sentences.chunks(5).map(|p| p.concat() + "\n\n").collect();
            corpus::read("stress.txt", page.as_bytes()).unwrap_or_default()
        }
        Shape::RunOn => {
            let text: String = sentences
                .iter()
                .flat_map(|s| s.chars())
                .filter(|c| !matches!(c, '。' | '！' | '？' | '；' | '\n' | '\r'))
                .collect();
            vec![draft("stress".into(), text)]
        }
    }
}

/// One article of `names` joined by `、` in one sentence, repeated until it has at least
/// `chars` characters (or once, when `names` is empty).
///
/// # Example
/// ```
/// let d = guanxi::text::stress::name_list(&["王海", "李明"], 10);
/// assert_eq!(d.text, "王海、李明、王海、李明。");
/// ```
pub fn name_list(names: &[&str], chars: usize) -> Draft {
    let mut text = String::new();
    let mut n = 0;
    for name in names.iter().cycle().take(names.len().max(1) * (chars + 1)) {
        if n >= chars {
            break;
        }
        if !text.is_empty() {
            text.push('、');
            n += 1;
        }
        text.push_str(name);
        n += name.chars().count();
    }
    text.push('。');
    draft("names".into(), text)
}
