//! The user's own material: sources (files, pasted text) and their articles, and the saved
//! state that brings them back when the page is reopened. The saved form carries a version and
//! a checksum, so a corrupted or incompatible state is detected and set aside, never loaded
//! half-way and never silently dropped.
//!
//! A source is either articles (extracted in the page) or a graph JSON (what `guanxi extract`
//! writes, `--top N` and `--around` subgraphs included), checked with
//! [`super::subgraph::check`] and shown as it is, without extracting again. A graph opens on
//! its own: it is not mixed with article sources or with another graph (its entities and
//! relations were found in its own corpus), and either kind of addition to the other is
//! refused with a message saying so.

use crate::model::curation::Corrections;
use crate::model::Extraction;
use crate::text::corpus::{self, CorpusError, Draft, Encoding};
use serde::{Deserialize, Serialize};

/// One loaded source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// File name, or `pasted text N`.
    pub name: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
    /// Its articles (none for a graph JSON: its articles are in `graph`).
    pub drafts: Vec<Draft>,
    /// A graph JSON opened as it is: articles, entities, relations and evidence, checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph: Option<Extraction>,
    /// Articles of the file left out when it was added because the same text was already
    /// loaded (see [`fingerprint`]); not saved.
    #[serde(skip)]
    pub repeated: usize,
}

impl Source {
    /// How many articles it holds.
    pub fn article_count(&self) -> usize {
        match &self.graph {
            Some(g) => g.articles.len(),
            None => self.drafts.len(),
        }
    }
}

/// All loaded sources, in load order, and the corrections made by hand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Library {
    /// Sources.
    pub sources: Vec<Source>,
    /// Corrections of the graph of the sources, applied again after every extraction.
    #[serde(default, skip_serializing_if = "Corrections::is_empty")]
    pub corrections: Corrections,
    /// Corrections of the demo page's graph.
    #[serde(default, skip_serializing_if = "Corrections::is_empty")]
    pub demo_corrections: Corrections,
}

/// Largest file accepted in one go (the page keeps working on anything smaller).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Why a file of `size` bytes is refused before it is read, if it is (too large to load).
pub fn refused_before_reading(size: f64) -> Option<String> {
    (size > MAX_FILE_BYTES as f64).then(|| {
        format!(
            "{} MB is more than the {} MB a file may have",
            (size / 1048576.0).round(),
            MAX_FILE_BYTES / 1048576
        )
    })
}

/// Why a file was not added.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum AddError {
    /// Could not be read as a corpus.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// Too big.
    #[error("{name}: {size} bytes is more than the {max} MB a file may have")]
    TooLarge {
        /// File name.
        name: String,
        /// Its size.
        size: usize,
        /// The limit in MB.
        max: usize,
    },
    /// Readable, but no article in it.
    #[error("{0}: no articles found")]
    NoArticles(String),
    /// A graph JSON that cannot be shown: wrong shape, bad ids, a relation naming a missing
    /// entity, a span outside its article.
    #[error("{name}: not a graph guanxi can show: {message}")]
    Graph {
        /// File name.
        name: String,
        /// What is wrong, naming the line, entity, relation or span.
        message: String,
    },
    /// Every article of it is already loaded (the same text, in whatever encoding).
    #[error("{name}: the same text is already loaded ({of}); not added again")]
    Duplicate {
        /// File name.
        name: String,
        /// The source that already has it.
        of: String,
    },
    /// A graph JSON beside other sources, or articles beside a graph JSON.
    #[error("{name}: {message}")]
    Mixed {
        /// File name.
        name: String,
        /// Why, and what to do.
        message: String,
    },
}

/// Whether a decoded document is a graph JSON (the `guanxi extract` schema) rather than
/// articles: one JSON object whose first key is `articles`, `entities` or `relations`, or
/// which holds `entities` or `relations` and no `text`.
pub fn is_graph_document(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let Some(inside) = trimmed.strip_prefix('{') else {
        return false;
    };
    let inside = inside.trim_start();
    if ["\"articles\"", "\"entities\"", "\"relations\""]
        .iter()
        .any(|k| inside.starts_with(k))
    {
        return true;
    }
    #[derive(Deserialize)]
    struct Probe {
        #[serde(default)]
        entities: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        relations: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        text: Option<serde::de::IgnoredAny>,
    }
    // Only the first value: a JSON Lines file of articles has more.
    let mut values = serde_json::Deserializer::from_str(trimmed).into_iter::<Probe>();
    matches!(values.next(), Some(Ok(p)) if (p.entities.is_some() || p.relations.is_some()) && p.text.is_none())
}

/// Reads a graph JSON and checks it ([`super::subgraph::check`]: dense ids, no relation to a
/// missing entity, every span inside its article); the error names the file and the culprit.
pub fn read_graph(name: &str, text: &str) -> Result<Extraction, AddError> {
    let err = |message: String| AddError::Graph {
        name: name.to_owned(),
        message,
    };
    let x: Extraction = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| err(format!("line {}: {e}", e.line())))?;
    super::subgraph::check(&x).map_err(|e| err(e.to_string()))?;
    if x.entities.is_empty() {
        return Err(err("it has no entities".to_owned()));
    }
    Ok(x)
}

/// A fingerprint of an article's title and text as read, whatever the bytes were: the same
/// page saved as UTF-8 and as GBK decodes to the same characters and gets the same
/// fingerprint. White space is left out and full-width letters, digits and signs read as
/// their ASCII forms, so a page re-wrapped or re-spaced is the same text too.
///
/// Complexity: linear in the text. FNV-1a, so it is the same on every machine and run.
pub fn fingerprint(d: &Draft) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let chars = d.title.chars().chain(['\u{1}']).chain(d.text.chars());
    for c in chars.filter(|c| !c.is_whitespace() && *c != '\u{feff}') {
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => c,
        };
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

impl Library {
    /// Reads a file and adds it as a source; on error nothing changes. Articles already loaded
    /// (the same text: [`fingerprint`]) are left out and counted in [`Source::repeated`]; a
    /// file of nothing but those is not added ([`AddError::Duplicate`]).
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) -> Result<&Source, AddError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(AddError::TooLarge {
                name: name.to_owned(),
                size: bytes.len(),
                max: MAX_FILE_BYTES / (1024 * 1024),
            });
        }
        let (text, encoding) = corpus::decode_detect(name, bytes)?;
        if is_graph_document(&text) {
            return self.push_graph(name, encoding, &text);
        }
        let drafts = corpus::read_text(name, &text)?;
        self.push(name, encoding, drafts)
    }

    /// Adds pasted text as a source.
    pub fn add_text(&mut self, text: &str) -> Result<&Source, AddError> {
        let name = format!(
            "pasted text {}",
            self.sources
                .iter()
                .filter(|s| s.name.starts_with("pasted text"))
                .count()
                + 1
        );
        if is_graph_document(text) {
            return self.push_graph(&name, Encoding::Utf8, text);
        }
        let drafts = corpus::read_text(&name, text)?;
        self.push(&name, Encoding::Utf8, drafts)
    }

    /// The graph JSON shown, when the library is one.
    pub fn graph(&self) -> Option<(&Source, &Extraction)> {
        self.sources
            .iter()
            .find_map(|s| s.graph.as_ref().map(|g| (s, g)))
    }

    fn push(
        &mut self,
        name: &str,
        encoding: Encoding,
        drafts: Vec<Draft>,
    ) -> Result<&Source, AddError> {
        if drafts.is_empty() || drafts.iter().all(|d| d.text.trim().is_empty()) {
            return Err(AddError::NoArticles(name.to_owned()));
        }
        if let Some((g, _)) = self.graph() {
            return Err(AddError::Mixed {
                name: name.to_owned(),
                message: format!(
                    "articles are not added to the graph JSON {} (its entities were found in its own articles); remove it first (✕ under Corpus) to extract these",
                    g.name
                ),
            });
        }
        let mut known = std::collections::BTreeMap::new();
        for s in &self.sources {
            for d in &s.drafts {
                known.entry(fingerprint(d)).or_insert(s.name.as_str());
            }
        }
        let total = drafts.len();
        let mut first_of = None;
        let drafts: Vec<Draft> = drafts
            .into_iter()
            .filter(|d| match known.get(&fingerprint(d)) {
                Some(of) => {
                    first_of.get_or_insert(of.to_string());
                    false
                }
                None => true,
            })
            .collect();
        if let (true, Some(of)) = (drafts.is_empty(), first_of) {
            return Err(AddError::Duplicate {
                name: name.to_owned(),
                of,
            });
        }
        self.sources.push(Source {
            name: name.to_owned(),
            encoding,
            repeated: total - drafts.len(),
            drafts,
            graph: None,
        });
        Ok(&self.sources[self.sources.len() - 1])
    }

    fn push_graph(
        &mut self,
        name: &str,
        encoding: Encoding,
        text: &str,
    ) -> Result<&Source, AddError> {
        let graph = read_graph(name, text)?;
        if !self.sources.is_empty() {
            let what = match self.graph() {
                Some((g, _)) => format!("the graph JSON {}", g.name),
                None => count_sources(self.sources.len()),
            };
            return Err(AddError::Mixed {
                name: name.to_owned(),
                message: format!(
                    "a graph JSON opens on its own, not beside {what}; remove them first (✕ under Corpus) to open it"
                ),
            });
        }
        self.sources.push(Source {
            name: name.to_owned(),
            encoding,
            drafts: Vec::new(),
            graph: Some(graph),
            repeated: 0,
        });
        Ok(&self.sources[self.sources.len() - 1])
    }

    /// Removes a source by index; returns it.
    pub fn remove(&mut self, index: usize) -> Option<Source> {
        (index < self.sources.len()).then(|| self.sources.remove(index))
    }

    /// Every article of every source, in order.
    pub fn drafts(&self) -> Vec<Draft> {
        self.sources
            .iter()
            .flat_map(|s| s.drafts.iter().cloned())
            .collect()
    }

    /// Number of articles.
    pub fn article_count(&self) -> usize {
        self.sources.iter().map(Source::article_count).sum()
    }
}

fn count_sources(n: usize) -> String {
    match n {
        1 => "your other source".to_owned(),
        n => format!("your {n} other sources"),
    }
}

/// The newest saved-state format this build reads. Version 1 holds article sources only and
/// is still what is written for them (an older guanxi reads it); version 2 adds graph JSON
/// sources (`graph` in a source), which an older guanxi sets aside as newer work rather than
/// showing a source without its graph; version 3 adds corrections by hand, which an older
/// guanxi would otherwise drop without a word.
pub const SAVED_VERSION: u32 = 3;

/// The format version of the saved form of `library`.
fn version_for(library: &Library) -> u32 {
    if !(library.corrections.is_empty() && library.demo_corrections.is_empty()) {
        3
    } else if library.graph().is_some() {
        2
    } else {
        1
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    app: String,
    version: u32,
    checksum: String,
    payload: String,
}

#[derive(Deserialize)]
struct Payload {
    library: Library,
    view: String,
}

/// [`Payload`] as written: borrowed, so saving does not copy the library (its texts are
/// tens of megabytes for a large corpus).
#[derive(Serialize)]
struct PayloadRef<'a> {
    library: &'a Library,
    view: &'a str,
}

/// Why a saved state was not loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum SavedError {
    /// Not our format at all, or cut short.
    #[error("the saved work is damaged ({0}); it was set aside and not loaded")]
    Corrupt(String),
    /// The checksum does not match the content.
    #[error("the saved work fails its checksum; it was set aside and not loaded")]
    Checksum,
    /// Written by a newer guanxi.
    #[error("the saved work comes from a newer guanxi (format {0}, this one reads {SAVED_VERSION}); it was not loaded and is kept as it is")]
    Future(u32),
}

fn fnv64(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Serialises the library and the view hash with version and checksum.
pub fn save(library: &Library, view_hash: &str) -> String {
    let payload = serde_json::to_string(&PayloadRef {
        library,
        view: view_hash,
    })
    .unwrap_or_default();
    let env = Envelope {
        app: "guanxi".into(),
        version: version_for(library),
        checksum: fnv64(&payload),
        payload,
    };
    serde_json::to_string(&env).unwrap_or_default()
}

/// Reads a saved state: the library and the view hash.
pub fn load(saved: &str) -> Result<(Library, String), SavedError> {
    let env: Envelope =
        serde_json::from_str(saved).map_err(|e| SavedError::Corrupt(e.to_string()))?;
    if env.app != "guanxi" {
        return Err(SavedError::Corrupt("not a guanxi state".into()));
    }
    if env.version > SAVED_VERSION {
        return Err(SavedError::Future(env.version));
    }
    if fnv64(&env.payload) != env.checksum {
        return Err(SavedError::Checksum);
    }
    let p: Payload =
        serde_json::from_str(&env.payload).map_err(|e| SavedError::Corrupt(e.to_string()))?;
    // A graph is shown as it is: one that is not consistent is not loaded.
    for s in &p.library.sources {
        if let Some(g) = &s.graph {
            super::subgraph::check(g)
                .map_err(|e| SavedError::Corrupt(format!("{}: {e}", s.name)))?;
        }
    }
    Ok((p.library, p.view))
}

/// "Save as HTML": the page as loaded (its document element's markup, if it could be copied)
/// with the saved state embedded ([`embed_in_html`]), in ASCII as the built page is, so it
/// opens as fast.
pub fn saved_page(document_html: Option<&str>, saved: &str) -> String {
    let page = document_html
        .map(|h| format!("<!doctype html>\n{h}"))
        .unwrap_or_default();
    super::bundle::to_ascii(&embed_in_html(&page, saved))
}

/// Embeds a saved state into a copy of the app's HTML, as inert JSON, so a teacher can hand one
/// file to a class: before the code (so it is read before the app starts), else before
/// `</body>`. Any earlier embedded state is replaced.
pub fn embed_in_html(html: &str, saved: &str) -> String {
    const OPEN: &str = "<script id=\"guanxi-project\" type=\"application/json\">";
    let mut base = html.to_owned();
    if let Some(start) = base.find(OPEN) {
        if let Some(len) = base[start..].find("</script>") {
            base.replace_range(start..start + len + "</script>".len(), "");
        }
    }
    // `<` escaped so the JSON can never close the script element.
    let data = saved.replace('<', "\\u003c");
    let code = format!(
        "<script type=\"application/octet-stream\" id=\"{}\"",
        super::bundle::WASM_BLOCK_ID
    );
    match base.find(&code).or_else(|| base.rfind("</body>")) {
        Some(at) => format!("{}{OPEN}{data}</script>\n{}", &base[..at], &base[at..]),
        None => format!("{base}{OPEN}{data}</script>\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_page_is_the_page_with_the_work_in_ascii() {
        let page = saved_page(
            Some("<html><body><p>关系</p></body></html>"),
            r#"{"n":"<中>"}"#,
        );
        assert!(page.starts_with("<!doctype html>\n<html><body>"), "{page}");
        assert!(page.is_ascii());
        assert!(page.contains("id=\"guanxi-project\""));
        assert!(!page.contains("<中>") && page.contains("\\u003c"));
        assert!(saved_page(None, "{}").is_ascii());
    }

    /// A page of two articles.
    const TWO: &str = "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。\n\n第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n";

    #[test]
    fn the_same_text_in_another_encoding_is_not_added_twice() {
        let mut lib = Library::default();
        lib.add_file("a.txt", TWO.as_bytes()).expect("UTF-8");
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(TWO);
        assert!(!unmappable);
        assert_ne!(gbk.as_ref(), TWO.as_bytes());
        let err = lib.add_file("a-gbk.txt", &gbk).expect_err("a duplicate");
        assert_eq!(
            err,
            AddError::Duplicate {
                name: "a-gbk.txt".into(),
                of: "a.txt".into()
            }
        );
        assert!(err.to_string().contains("already loaded (a.txt)"));
        assert_eq!((lib.sources.len(), lib.article_count()), (1, 2));
        // Re-spaced, re-wrapped and with full-width digits, it is still the same text.
        let respaced = TWO.replace("。", "。 \r").replace("（", " （");
        assert!(lib.add_text(&respaced).is_err());
        assert!(lib
            .add_file(
                "b.txt",
                "第一篇\n\n本报讯（王明）河南省洛阳市举办活动。".as_bytes()
            )
            .is_err());
        // One article new, one already there: the new one is added, the other counted.
        let mixed = "第二篇\n\n本报讯（陈立）湖北省宜昌市开展培训。\n\n第三篇\n\n本报讯（李华）江苏省南京市举办展览。\n";
        let src = lib.add_file("c.txt", mixed.as_bytes()).expect("one new");
        assert_eq!((src.drafts.len(), src.repeated), (1, 1));
        assert_eq!(lib.article_count(), 3);
        // Another title or text is another article.
        let a = Draft {
            title: "t".into(),
            authors: vec![],
            editors: Vec::new(),
            date: None,
            source: "x".into(),
            text: "河南省".into(),
        };
        let moved = Draft {
            source: "y".into(),
            text: " 河南省\n".into(),
            ..a.clone()
        };
        assert_eq!(fingerprint(&a), fingerprint(&moved));
        let other = Draft {
            title: "u".into(),
            ..a.clone()
        };
        assert_ne!(fingerprint(&a), fingerprint(&other));
        let wide = Draft {
            text: "河南省１２".into(),
            ..a.clone()
        };
        let narrow = Draft {
            text: "河南省12".into(),
            ..a.clone()
        };
        assert_eq!(fingerprint(&wide), fingerprint(&narrow));
    }

    #[test]
    fn files_errors_and_removal() {
        let mut lib = Library::default();
        lib.add_file("a.txt", "本报讯（王明）河南省举办活动。".as_bytes())
            .unwrap();
        assert!(matches!(
            lib.add_file("b.png", b"\x89PNG\r\n\x1a\n\0\0\0"),
            Err(AddError::Corpus(_))
        ));
        assert!(matches!(
            lib.add_file("e.txt", b""),
            Err(AddError::Corpus(CorpusError::Empty { .. }))
        ));
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert!(matches!(
            lib.add_file("big.txt", &big),
            Err(AddError::TooLarge { .. })
        ));
        lib.add_text("第二篇\n\n本报讯（李强）湖北省。").unwrap();
        assert_eq!(lib.sources.len(), 2);
        assert_eq!(lib.sources[1].name, "pasted text 1");
        assert_eq!(lib.remove(0).map(|s| s.name), Some("a.txt".into()));
        assert_eq!(lib.article_count(), 1);
        assert_eq!(refused_before_reading(MAX_FILE_BYTES as f64), None);
        assert_eq!(
            refused_before_reading(60.0 * 1048576.0).as_deref(),
            Some("60 MB is more than the 50 MB a file may have")
        );
    }

    #[test]
    fn graph_documents_are_told_from_articles() {
        let graph = crate::io::export::json(&crate::text::extract(
            vec![Draft {
                title: String::new(),
                authors: vec![],
                editors: Vec::new(),
                date: None,
                source: "t".into(),
                text: "河南省洛阳市栾川县举办活动。".into(),
            }],
            &crate::text::knowledge::testing::rules(),
        ));
        assert!(is_graph_document(&graph));
        assert!(is_graph_document(&format!("\u{feff}  {graph}")));
        assert!(is_graph_document(r#"{"entities": [], "articles": []}"#));
        assert!(is_graph_document(r#"{"relations": [], "x": 1}"#));
        // Cut short, it is still a graph (and its error says where it ends).
        assert!(is_graph_document(&graph[..graph.len() / 2]));
        for articles in [
            "{\"text\":\"河南省\"}\n{\"text\":\"湖北省\"}\n",
            r#"{"title": "entities", "text": "x", "entities": 1}"#,
            r#"[{"text": "x"}]"#,
            "本报讯 {\"entities\": []}",
            "",
        ] {
            assert!(!is_graph_document(articles), "{articles}");
        }
        let mut lib = Library::default();
        let src = lib.add_file("g.json", graph.as_bytes()).expect("graph");
        assert_eq!(src.article_count(), 1);
        assert!(src.drafts.is_empty());
        assert_eq!(lib.article_count(), 1);
        assert!(lib.drafts().is_empty());
        assert!(matches!(
            lib.add_file("b.json", b"{\"entities\": [1]}"),
            Err(AddError::Graph { .. })
        ));
    }

    #[test]
    fn saved_state_round_trip_and_damage() {
        let mut lib = Library::default();
        lib.add_text("标题\n\n本报讯（王明）<script>alert(1)</script>河南省。")
            .unwrap();
        let s = save(&lib, "sel=e1");
        assert_eq!(load(&s), Ok((lib.clone(), "sel=e1".to_owned())));
        let tampered = s.replace("河南省", "湖南省");
        assert_eq!(load(&tampered), Err(SavedError::Checksum));
        assert!(matches!(load("{not json"), Err(SavedError::Corrupt(_))));
        let future = s.replace("\"version\":1", "\"version\":7");
        assert_eq!(load(&future), Err(SavedError::Future(7)));
        // Corrections by hand are kept, in a format an older guanxi sets aside.
        let mut curated = lib.clone();
        curated
            .demo_corrections
            .0
            .push(crate::model::curation::Correction::Hide {
                entity: "place:河南省".into(),
            });
        let c = save(&curated, "");
        assert!(c.contains("\"version\":3"), "{c}");
        assert_eq!(load(&c), Ok((curated, String::new())));
        let html = embed_in_html("<html><body><p>x</p></body></html>", &s);
        assert!(!html.contains("<script>alert"));
        let again = embed_in_html(&html, &s);
        assert_eq!(again.matches("guanxi-project").count(), 1);
        // In a bundled page the project goes before the code, so it is there when the app starts.
        let page = "<body><p>x</p><script type=\"application/octet-stream\" id=\"guanxi-wasm\">AGFz</script><script>boot()</script></body>";
        let html = embed_in_html(page, &s);
        assert!(html.find("guanxi-project").unwrap() < html.find("guanxi-wasm").unwrap());
    }
}
