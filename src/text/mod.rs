//! Text: from raw pages to typed entity mentions, aliases and relations. Knows no graph.
//!
//! The pipeline is [`corpus::read`] (bytes → article drafts, pages split by [`page`]) →
//! [`extract`] (per article: [`mentions::find`] with the learned [`ner`] model and rules; then
//! [`link::link`] over the whole corpus: aliases, typed relations, co-occurrence).

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
    let articles: Vec<Article> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| Article {
            id: ArticleId(i as u32),
            title: d.title,
            authors: d.authors,
            date: d.date,
            source: d.source,
            text: d.text,
        })
        .collect();
    let mut ctx = ner::Context::default();
    let mut docs: Vec<link::ArticleMentions<'_>> = articles
        .iter()
        .map(|a| {
            let chars: Vec<char> = a.text.chars().collect();
            let mentions = mentions::find(&chars, &a.authors, model, &mut ctx);
            link::ArticleMentions {
                article: a,
                chars,
                mentions,
            }
        })
        .collect();
    // Second pass: a person or organisation recognised once is marked wherever it recurs.
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
