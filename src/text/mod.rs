//! Text: from raw pages to typed entity mentions, aliases and relations. Knows no graph.

pub mod lexicon;
pub mod msra;
pub mod ner;
pub mod page;
