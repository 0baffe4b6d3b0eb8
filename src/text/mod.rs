//! Text: from raw pages to typed entity mentions, aliases and relations. Knows no graph.
//!
//! The pipeline is [`corpus::read`] (bytes → article drafts, pages split by [`page`]) →
//! [`extract`] (per article: [`mentions::find`] with the learned [`ner`] model and rules; then
//! [`link::link`] over the whole corpus: aliases, typed relations, co-occurrence).

pub mod assets;
pub mod corpus;
pub mod lexicon;
pub mod link;
pub mod mentions;
pub mod msra;
pub mod ner;
pub mod page;

use crate::model::{Article, ArticleId, EntityKind, Extraction};
use std::collections::HashMap;

/// Extracts entities and relations from article drafts, with the shipped model when present.
///
/// # Example
/// ```
/// use guanxi::text::{corpus::Draft, extract};
/// let d = Draft { title: String::new(), authors: vec![], date: None, source: "t".into(),
///     text: "河南省洛阳市栾川县举办活动。".into() };
/// let x = extract(vec![d]);
/// assert!(x.entities.iter().any(|e| e.label == "栾川县"));
/// ```
pub fn extract(drafts: Vec<corpus::Draft>) -> Extraction {
    extract_with(drafts, ner::shipped())
}

/// [`extract`] with an explicit model (or none: rules only).
pub fn extract_with(drafts: Vec<corpus::Draft>, model: Option<&ner::Model>) -> Extraction {
    let mut x = Extractor::new(model);
    for d in drafts {
        x.add(d);
    }
    x.finish()
}

/// Extraction one article at a time, so a caller can spread a large corpus over several
/// frames (with progress and cancel) and then link the whole corpus at once.
///
/// # Example
/// ```
/// use guanxi::text::{corpus::Draft, Extractor};
/// let mut x = Extractor::new(None);
/// x.add(Draft { title: "t".into(), authors: vec![], date: None, source: "s".into(),
///     text: "湖北省宜昌市夷陵区。".into() });
/// assert_eq!(x.len(), 1);
/// assert!(x.finish().entities.iter().any(|e| e.label == "夷陵区"));
/// ```
pub struct Extractor<'m> {
    model: Option<&'m ner::Model>,
    ctx: ner::Context,
    articles: Vec<Article>,
    chars: Vec<Vec<char>>,
    mentions: Vec<Vec<mentions::Mention>>,
}

impl<'m> Extractor<'m> {
    /// An empty extractor using `model` (or rules only).
    pub fn new(model: Option<&'m ner::Model>) -> Extractor<'m> {
        Extractor {
            model,
            ctx: ner::Context::default(),
            articles: Vec::new(),
            chars: Vec::new(),
            mentions: Vec::new(),
        }
    }

    /// Finds the mentions of one more article (the expensive, per-article part).
    pub fn add(&mut self, d: corpus::Draft) {
        let chars: Vec<char> = d.text.chars().collect();
        let found = mentions::find(&chars, &d.authors, self.model, &mut self.ctx);
        self.articles.push(Article {
            id: ArticleId(self.articles.len() as u32),
            title: d.title,
            authors: d.authors,
            date: d.date,
            source: d.source,
            text: d.text,
        });
        self.chars.push(chars);
        self.mentions.push(found);
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// Whether no article was added.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// Links the corpus: names found once are marked everywhere, then aliases and relations.
    pub fn finish(self) -> Extraction {
        let Extractor {
            articles,
            chars,
            mentions: found,
            ..
        } = self;
        let mut docs: Vec<link::ArticleMentions<'_>> = articles
            .iter()
            .zip(chars)
            .zip(found)
            .map(|((article, chars), mentions)| link::ArticleMentions {
                article,
                chars,
                mentions,
            })
            .collect();
        // A person or organisation recognised once is marked wherever it recurs.
        let mut known: HashMap<String, EntityKind> = HashMap::new();
        for d in &docs {
            for m in &d.mentions {
                let s: String = d.chars[m.start..m.end].iter().collect();
                let long_enough = match m.kind {
                    EntityKind::Person => s.chars().count() >= 2,
                    EntityKind::Organisation => s.chars().count() >= 4,
                    _ => false,
                };
                if long_enough {
                    known.entry(s).or_insert(m.kind);
                }
            }
        }
        let index = ner::FormIndex::build(known.keys().map(String::as_str));
        for d in &mut docs {
            let ms = std::mem::take(&mut d.mentions);
            d.mentions = mentions::propagate(&d.chars, &known, &index, ms);
        }
        let (entities, relations) = link::link(&docs);
        drop(docs);
        Extraction {
            articles,
            entities,
            relations,
        }
    }
}
