//! Text: from raw pages to typed entity mentions, aliases and relations. Knows no graph.
//!
//! The pipeline is [`corpus::read`] (bytes → article drafts, pages split by [`page`]) →
//! [`extract`] (per article: [`mentions::find`] with the learned [`ner`] model and rules; then
//! [`link::link`] over the whole corpus: aliases, typed relations, co-occurrence).

pub mod assets;
#[cfg(test)]
mod checks;
pub mod corpus;
pub mod knowledge;
pub mod lexicon;
pub mod link;
pub mod mentions;
pub mod msra;
pub mod ner;
pub mod normal;
pub mod page;
pub mod stress;

use crate::model::{Article, ArticleId, EntityKind, Extraction};
pub use knowledge::Knowledge;
use std::collections::HashMap;
use std::sync::Arc;

/// Extracts entities and relations from article drafts with what `knowledge` knows.
///
/// # Example
/// ```
/// use guanxi::text::{corpus::Draft, extract, Knowledge};
/// use std::sync::Arc;
/// let k = Arc::new(Knowledge::embedded().expect("built in"));
/// let d = Draft { title: String::new(), authors: vec![], editors: Vec::new(), date: None, source: "t".into(),
///     text: "河南省洛阳市栾川县举办活动。".into() };
/// let x = extract(vec![d], &k);
/// assert!(x.entities.iter().any(|e| e.label == "栾川县"));
/// ```
pub fn extract(drafts: Vec<corpus::Draft>, knowledge: &Arc<Knowledge>) -> Extraction {
    let mut x = Extractor::new(knowledge.clone());
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
/// use guanxi::text::{corpus::Draft, Extractor, Knowledge};
/// use std::sync::Arc;
/// let mut x = Extractor::new(Arc::new(Knowledge::embedded().expect("built in")));
/// x.add(Draft { title: "t".into(), authors: vec![], editors: Vec::new(), date: None, source: "s".into(),
///     text: "湖北省宜昌市夷陵区。".into() });
/// assert_eq!(x.len(), 1);
/// assert!(x.finish().entities.iter().any(|e| e.label == "夷陵区"));
/// ```
///
/// Each article's text is kept once, as the chars linking reads ([`normal::reading_chars`],
/// one char per char) and the few chars reading changed; the text is put back together when
/// linking is done. Memory grows with the corpus's chars and mentions, not with two copies of it.
pub struct Extractor {
    knowledge: Arc<Knowledge>,
    ctx: ner::Context,
    /// The articles, each with an empty `text` until [`Extractor::finish`].
    articles: Vec<Article>,
    chars: Vec<Vec<char>>,
    /// Per article, the chars of its text that reading changed (offset, printed char).
    printed: Vec<Vec<(u32, char)>>,
    mentions: Vec<Vec<mentions::Mention>>,
}

/// The per-article part of extraction, done apart from an [`Extractor`] (on another thread,
/// say) and handed to it with [`Extractor::add_recognised`]: the article and what was found
/// in it.
pub struct Recognised {
    draft: corpus::Draft,
    chars: Vec<char>,
    mentions: Vec<mentions::Mention>,
}

/// Finds the mentions of one article, as [`Extractor::add`] does. The result depends only on
/// the article and the knowledge; `ctx` is scratch, reused between calls.
pub fn recognise(d: corpus::Draft, knowledge: &Knowledge, ctx: &mut ner::Context) -> Recognised {
    let chars = normal::reading_chars(&d.text);
    let mentions = mentions::find(&chars, &read_names(&d.authors), knowledge, ctx);
    Recognised {
        draft: d,
        chars,
        mentions,
    }
}

/// Names (a byline's authors) as the recognisers read the text ([`normal::fold_char`]).
fn read_names(names: &[String]) -> Vec<String> {
    (names.iter())
        .map(|n| n.chars().map(normal::fold_char).collect())
        .collect()
}

/// Recognition results per article text, kept between extractions: after adding or removing
/// a source only the articles not seen before are read again (recognition is the costly part;
/// linking always runs over the whole corpus, since a name found in one article is marked in
/// all). Results depend only on the article's text and authors, and the knowledge, which is
/// fixed for the life of a cache.
#[derive(Default)]
pub struct MentionCache {
    found: HashMap<(u64, usize), (Vec<mentions::Mention>, bool)>,
}

impl MentionCache {
    fn key(text: &str, authors: &[String]) -> (u64, usize) {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: the same text maps to the same key in every session.
        let mut h = std::hash::DefaultHasher::new();
        text.hash(&mut h);
        authors.hash(&mut h);
        (h.finish(), text.len())
    }

    /// Articles remembered.
    pub fn len(&self) -> usize {
        self.found.len()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Forgets the articles not used since the last sweep (sources that were removed).
    pub fn sweep(&mut self) {
        self.found.retain(|_, (_, used)| std::mem::take(used));
    }
}

impl Extractor {
    /// An empty extractor reading with `knowledge`.
    pub fn new(knowledge: Arc<Knowledge>) -> Extractor {
        Extractor {
            knowledge,
            ctx: ner::Context::default(),
            articles: Vec::new(),
            chars: Vec::new(),
            printed: Vec::new(),
            mentions: Vec::new(),
        }
    }

    /// Finds the mentions of one more article (the expensive, per-article part).
    pub fn add(&mut self, d: corpus::Draft) {
        let r = recognise(d, &self.knowledge, &mut self.ctx);
        self.add_recognised(r);
    }

    /// Adds an article recognised apart ([`recognise`]), with the same knowledge. Articles are
    /// numbered in the order they are added, whatever order they were recognised in.
    pub fn add_recognised(&mut self, r: Recognised) {
        self.push(r.draft, r.chars, r.mentions);
    }

    /// [`Extractor::add`], reusing `cache`'s result for a text seen before and remembering
    /// new ones.
    pub fn add_cached(&mut self, d: corpus::Draft, cache: &mut MentionCache) {
        let key = MentionCache::key(&d.text, &d.authors);
        let chars = normal::reading_chars(&d.text);
        let found = match cache.found.get_mut(&key) {
            Some((found, used)) => {
                *used = true;
                found.clone()
            }
            None => {
                let authors = read_names(&d.authors);
                let found = mentions::find(&chars, &authors, &self.knowledge, &mut self.ctx);
                cache.found.insert(key, (found.clone(), true));
                found
            }
        };
        self.push(d, chars, found);
    }

    fn push(&mut self, d: corpus::Draft, chars: Vec<char>, found: Vec<mentions::Mention>) {
        let printed = d
            .text
            .chars()
            .zip(&chars)
            .enumerate()
            .filter(|(_, (p, r))| p != *r)
            .map(|(i, (p, _))| (i as u32, p))
            .collect();
        self.articles.push(Article {
            id: ArticleId(self.articles.len() as u32),
            title: d.title,
            authors: d.authors,
            editors: d.editors,
            date: d.date,
            source: d.source,
            text: String::new(),
        });
        self.chars.push(chars);
        self.printed.push(printed);
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
        self.finish_with_stats().0
    }

    /// [`Extractor::finish`], also telling what linking bounded (sentences whose
    /// same-sentence links were capped), for a front end to report.
    pub fn finish_with_stats(self) -> (Extraction, link::LinkStats) {
        let Extractor {
            mut articles,
            chars,
            printed,
            mentions: found,
            knowledge,
            ..
        } = self;
        let kn = &*knowledge;
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
        // A person or organisation recognised in an article is marked wherever it recurs in
        // that article; across the corpus only when it was recognised in two articles or more,
        // so that one misread string does not become hundreds of mentions.
        let mut found_in: HashMap<String, (EntityKind, u32, usize)> = HashMap::new();
        let mut local: Vec<HashMap<String, EntityKind>> = Vec::with_capacity(docs.len());
        for (a, d) in docs.iter().enumerate() {
            let mut here = HashMap::new();
            for m in &d.mentions {
                let span = &d.chars[m.start..m.end];
                let long_enough = match m.kind {
                    EntityKind::Person => span.len() >= 2,
                    EntityKind::Organisation => span.len() >= 4,
                    _ => false,
                };
                if !long_enough || mentions::is_common_word(span, m.kind, kn) {
                    continue;
                }
                let s: String = span.iter().collect();
                let e = found_in.entry(s.clone()).or_insert((m.kind, 0, usize::MAX));
                if e.2 != a {
                    e.1 += 1;
                    e.2 = a;
                }
                here.entry(s).or_insert(m.kind);
            }
            local.push(here);
        }
        let corpus: HashMap<String, EntityKind> = found_in
            .into_iter()
            .filter(|(_, (_, n, _))| *n >= 2)
            .map(|(s, (k, _, _))| (s, k))
            .collect();
        let index = ner::FormIndex::build(corpus.keys().map(String::as_str));
        for (d, mut here) in docs.iter_mut().zip(local) {
            let mut ms = std::mem::take(&mut d.mentions);
            if !corpus.is_empty() {
                ms = mentions::propagate(&d.chars, &corpus, &index, ms, kn);
            }
            here.retain(|s, _| !corpus.contains_key(s));
            if !here.is_empty() {
                let index = ner::FormIndex::build(here.keys().map(String::as_str));
                ms = mentions::propagate(&d.chars, &here, &index, ms, kn);
            }
            mentions::one_reading(&d.chars, &mut ms);
            mentions::titled_surnames(&d.chars, &mut ms);
            d.mentions = ms;
        }
        let (mut entities, relations, credits, stats) = link::link_with_stats(&docs, kn);
        let chars = docs.into_iter().map(|d| d.chars);
        let chars: Vec<Vec<char>> = chars.collect();
        let mut changed: Vec<Vec<u32>> = Vec::with_capacity(articles.len());
        for ((a, mut chars), printed) in articles.iter_mut().zip(chars).zip(printed) {
            for &(i, c) in &printed {
                if let Some(slot) = chars.get_mut(i as usize) {
                    *slot = c;
                }
            }
            a.text = chars.into_iter().collect();
            changed.push(printed.into_iter().map(|(i, _)| i).collect());
        }
        printed_names(&articles, &changed, &mut entities);
        let x = Extraction {
            articles,
            entities,
            relations,
            credits,
        };
        (x, stats)
    }
}

/// Names are read with clause marks folded to their full-width forms and traditional
/// characters to simplified ones ([`normal`]); a name printed otherwise
/// (`粽香飘满老沙湾,歌舞共绘团结情`, `馬克龍`) is labelled as the article prints it, so that every
/// mention's text is one of its entity's names. `changed` holds, per article, the sorted
/// offsets of the chars that reading changed.
fn printed_names(
    articles: &[Article],
    changed: &[Vec<u32>],
    entities: &mut [crate::model::Entity],
) {
    let reads_otherwise = |m: &crate::model::Span| {
        changed.get(m.article.0 as usize).is_some_and(|c| {
            let n = c.partition_point(|&i| i < m.start);
            c.get(n).is_some_and(|&i| i < m.end)
        })
    };
    // Byte offsets of each article's chars, built only for articles that need them.
    let mut offsets: HashMap<ArticleId, Vec<usize>> = HashMap::new();
    for e in entities.iter_mut() {
        if !e.mentions.iter().any(reads_otherwise) {
            continue;
        }
        let mut printed: Vec<String> = Vec::new();
        for m in &e.mentions {
            let Some(a) = articles.get(m.article.0 as usize) else {
                continue;
            };
            let at = offsets.entry(m.article).or_insert_with(|| {
                a.text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([a.text.len()])
                    .collect()
            });
            let (Some(&s), Some(&t)) = (at.get(m.start as usize), at.get(m.end as usize)) else {
                continue;
            };
            let name = a.text[s..t].to_owned();
            if !printed.contains(&name) {
                printed.push(name);
            }
        }
        let read = |s: &str| s.chars().map(normal::fold_char).collect::<String>();
        // A label printed as read somewhere stays (`美国` of `美国`/`美國`).
        let as_read = printed.contains(&e.label);
        if let Some(label) = (printed.iter())
            .find(|p| !as_read && read(p) == read(&e.label))
            .cloned()
        {
            e.label = label;
        }
        let mut aliases: Vec<String> = e.aliases.clone();
        aliases.extend(printed);
        aliases.retain(|a| *a != e.label);
        aliases.sort();
        aliases.dedup();
        e.aliases = aliases;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_holding_a_clause_mark_is_labelled_as_printed() {
        let x = crate::text::extract(
            vec![draft("a", "乡里举办了“春风送暖,共话团圆”联谊会。")],
            &crate::text::knowledge::testing::rules(),
        );
        let p = x.entities.iter().find(|e| e.kind == EntityKind::Programme);
        assert_eq!(
            p.map(|e| e.label.as_str()),
            Some("春风送暖,共话团圆"),
            "{:?}",
            x.entities
        );
    }

    #[test]
    fn a_traditional_page_is_read_like_a_simplified_one_and_labelled_as_printed() {
        let x = crate::text::extract(
            vec![
                draft("a", "美國總統特朗普與法國總統馬克龍在華盛頓會晤。"),
                draft("b", "美国总统特朗普访问北京。"),
            ],
            &crate::text::knowledge::testing::shipped(),
        );
        let names = |k: EntityKind| -> Vec<(&str, &[String])> {
            (x.entities.iter())
                .filter(|e| e.kind == k)
                .map(|e| (e.label.as_str(), e.aliases.as_slice()))
                .collect()
        };
        let persons = names(EntityKind::Person);
        assert!(persons.iter().any(|(l, _)| *l == "馬克龍"), "{persons:?}");
        // One node per name whichever script prints it; the label a page prints as read.
        let places = names(EntityKind::Place);
        let usa: Vec<_> = places.iter().filter(|(l, _)| l.starts_with('美')).collect();
        assert_eq!(usa.len(), 1, "{places:?}");
        assert_eq!(usa[0].0, "美国");
        assert!(usa[0].1.iter().any(|a| a == "美國"), "{places:?}");
        assert!(places.iter().any(|(l, _)| *l == "華盛頓"), "{places:?}");
        // Every mention's text is one of its entity's names.
        for e in &x.entities {
            for m in &e.mentions {
                let t = &x.articles[m.article.0 as usize].text;
                let name: String = t
                    .chars()
                    .skip(m.start as usize)
                    .take((m.end - m.start) as usize)
                    .collect();
                assert!(
                    e.label == name || e.aliases.contains(&name),
                    "{name} of {e:?}"
                );
            }
        }
    }

    #[test]
    fn article_text_comes_back_as_printed() {
        // The extractor keeps reading chars and puts the printed text back together.
        let text = "乡党委(扩大)会议;书记:张三!\u{3000}好吗?是,的。\r\n第二行";
        let x = crate::text::extract(
            vec![draft("a", text), draft("b", "")],
            &crate::text::knowledge::testing::rules(),
        );
        assert_eq!(x.articles[0].text, text);
        assert_eq!(x.articles[1].text, "");
        // Recognised apart and added in order: the same document.
        let rules = crate::text::knowledge::testing::rules();
        let mut apart = Extractor::new(rules.clone());
        let mut ctx = ner::Context::default();
        for d in [draft("a", text), draft("b", "")] {
            apart.add_recognised(recognise(d, &rules, &mut ctx));
        }
        assert_eq!(json(&apart.finish()), json(&x));
    }

    fn draft(source: &str, text: &str) -> corpus::Draft {
        corpus::Draft {
            title: String::new(),
            authors: vec![],
            editors: Vec::new(),
            date: None,
            source: source.into(),
            text: text.into(),
        }
    }

    fn json(x: &Extraction) -> String {
        serde_json::to_string(x).unwrap_or_default()
    }

    #[test]
    fn cached_extraction_equals_a_fresh_one_and_forgets_removed_articles() {
        let a = draft("a", "湖北省宜昌市夷陵区举办活动，区长陈明远出席。");
        let b = draft("b", "陈明远在河南省洛阳市栾川县考察。");
        let c = draft("c", "栾川县人民政府召开会议。");
        let mut cache = MentionCache::default();
        let run = |ds: Vec<corpus::Draft>, cache: &mut MentionCache| {
            let mut x = Extractor::new(crate::text::knowledge::testing::rules());
            for d in ds {
                x.add_cached(d, cache);
            }
            cache.sweep();
            x.finish()
        };
        let first = run(vec![a.clone(), b.clone()], &mut cache);
        assert_eq!(
            json(&first),
            json(&crate::text::extract(
                vec![a.clone(), b.clone()],
                &crate::text::knowledge::testing::rules()
            ))
        );
        assert_eq!(cache.len(), 2);
        // One source removed, one added: the removed article is forgotten after the sweep.
        let second = run(vec![b.clone(), c.clone()], &mut cache);
        assert_eq!(
            json(&second),
            json(&crate::text::extract(
                vec![b.clone(), c],
                &crate::text::knowledge::testing::rules()
            ))
        );
        assert_eq!(cache.len(), 2);
        // The same text under another source name is the same recognition work.
        let third = run(vec![draft("other", &a.text), b.clone()], &mut cache);
        let fresh = crate::text::extract(
            vec![draft("other", &a.text), b],
            &crate::text::knowledge::testing::rules(),
        );
        assert_eq!(json(&third), json(&fresh));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn a_quoted_team_is_labelled_without_its_marks() {
        let x = crate::text::extract(
            vec![draft("a", "社区“邻里帮”志愿服务队将粽子送到居民家中。")],
            &crate::text::knowledge::testing::rules(),
        );
        let team = x.entities.iter().find(|e| e.label == "邻里帮志愿服务队");
        assert!(
            team.is_some_and(|e| e.aliases.contains(&"“邻里帮”志愿服务队".to_owned())),
            "{:?}",
            x.entities
        );
    }

    #[test]
    fn names_cross_articles_only_when_recognised_in_two() {
        let mentions_of = |x: &Extraction, name: &str| {
            x.entities
                .iter()
                .filter(|e| e.label == name)
                .map(|e| e.mentions.len())
                .sum::<usize>()
        };
        // Recognised once (after a title), in one article: marked again in that article only.
        let once = crate::text::extract(
            vec![
                draft("a", "局长陈明远出席。陈明远说，很好。"),
                draft("b", "陈明远在会上发言。"),
            ],
            &crate::text::knowledge::testing::rules(),
        );
        assert_eq!(mentions_of(&once, "陈明远"), 2);
        // Recognised in two articles: a name of the corpus, marked in the third as well.
        let twice = crate::text::extract(
            vec![
                draft("a", "局长陈明远出席。"),
                draft("b", "区长陈明远讲话。"),
                draft("c", "陈明远在会上发言。"),
            ],
            &crate::text::knowledge::testing::rules(),
        );
        assert_eq!(mentions_of(&twice, "陈明远"), 3);
    }
}
