//! The fuzz targets: every reader of untrusted bytes, each a function of the bytes that must
//! not panic, hang or take time beyond linear in its input, and whose output keeps the
//! invariants checked here. Shared by the AFL++ binary (`src/main.rs`) and the bounded
//! deterministic pass of the native tests (`tests/fuzz.rs` of the main crate).

use guanxi::model::Extraction;
use guanxi::text::{self, corpus};

/// Longest input a target reads: AFL++ keeps inputs small anyway; this bounds the time of one
/// execution.
pub const MAX_INPUT: usize = 64 * 1024;

/// A fuzz target: a name (the first argument of the `guanxi-fuzz` binary) and the function.
pub type Target = (&'static str, fn(&[u8]));

/// Every target.
pub const TARGETS: &[Target] = &[
    ("text_page", text_page),
    ("json_articles", json_articles),
    ("encoding", encoding),
    ("saved_state", saved_state),
    ("url_hash", url_hash),
    ("model_file", model_file),
    ("bundle", bundle),
    ("graph_json", graph_json),
];

/// The target named `name`.
pub fn target(name: &str) -> Option<fn(&[u8])> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|&(_, f)| f)
}

fn bounded(data: &[u8]) -> &[u8] {
    &data[..data.len().min(MAX_INPUT)]
}

/// Relations an extraction may make per character of its articles: a sentence of up to 40
/// distinct names links every pair (about 6.5 per char when names of two characters are
/// packed in such sentences), a longer one only near mentions. More is a super-linear case.
const RELATIONS_PER_CHAR: usize = 8;

/// Every span of an extraction lies in its article, every relation's ends exist, and the
/// relations are bounded by the text's length.
fn check(x: &Extraction) {
    let chars: usize = x.articles.iter().map(|a| a.text.chars().count()).sum();
    // Authors are entities and credits whether or not the text names them.
    let authors: usize = x.articles.iter().map(|a| a.authors.len()).sum();
    assert!(
        x.relations.len() <= RELATIONS_PER_CHAR * chars + 64,
        "{} relations for {chars} chars",
        x.relations.len()
    );
    assert!(x.credits.len() <= authors, "{} credits", x.credits.len());
    assert!(
        x.entities.len() <= chars + authors + 8 * x.articles.len() + 8,
        "{} entities for {chars} chars",
        x.entities.len()
    );
    for e in &x.entities {
        for s in &e.mentions {
            assert!(
                x.span_text(*s).is_some(),
                "mention {s:?} of {} is outside its article",
                e.label
            );
        }
    }
    for r in &x.relations {
        for s in &r.evidence {
            assert!(
                x.span_text(*s).is_some(),
                "evidence {s:?} is outside its article"
            );
        }
    }
    assert!(x.check_relations().is_ok(), "{:?}", x.check_relations());
}

/// The built-in knowledge, loaded once for the whole run; `rules` without the recogniser.
pub fn knowledge(rules: bool) -> &'static std::sync::Arc<text::Knowledge> {
    use std::sync::{Arc, OnceLock};
    static K: [OnceLock<Arc<text::Knowledge>>; 2] = [OnceLock::new(), OnceLock::new()];
    K[usize::from(rules)].get_or_init(|| {
        let k = text::Knowledge::embedded().expect("the built-in knowledge loads");
        Arc::new(if rules { k.without_model() } else { k })
    })
}

/// A text page (any encoding), split into articles and extracted with the shipped recogniser.
pub fn text_page(data: &[u8]) {
    let Ok(drafts) = corpus::read("fuzz.txt", bounded(data)) else {
        return;
    };
    check(&text::extract(drafts, knowledge(false)));
}

/// JSON and JSON Lines of articles, extracted without the recogniser (the rules and linking).
pub fn json_articles(data: &[u8]) {
    for name in ["fuzz.json", "fuzz.jsonl"] {
        if let Ok(drafts) = corpus::read(name, bounded(data)) {
            check(&text::extract(drafts, knowledge(true)));
        }
    }
    // The CLI's stream reader (`guanxi extract -`): a line at a time, bad lines as errors
    // naming their line, never more lines than the input has.
    let lines = bounded(data).split(|&b| b == b'\n').count();
    let mut read = 0;
    for item in corpus::JsonLines::new("-", bounded(data)) {
        read += 1;
        if let Err(e) = item {
            assert!(e.to_string().starts_with("-: line "), "{e}");
        }
    }
    assert!(read <= lines, "{read} items from {lines} lines");
}

/// UTF-8 / GB18030 / GBK detection and decoding: UTF-8 is taken as it is, and text read as
/// GB18030 encodes back to the same bytes.
pub fn encoding(data: &[u8]) {
    let data = bounded(data);
    match corpus::decode_detect("fuzz.txt", data) {
        Ok((text, corpus::Encoding::Utf8)) => {
            assert_eq!(
                corpus::decode("fuzz.txt", data).ok().as_deref(),
                Some(text.as_str())
            );
        }
        // Not a byte-exact round trip: GB18030 decodes some bytes (0x80) to characters it
        // encodes otherwise. UTF-8 with a few broken bytes is not read as GB18030.
        Ok((text, _)) => {
            assert!(std::str::from_utf8(data).is_err(), "UTF-8 read as GB18030");
            assert!(!text.contains('\0'), "NUL in text");
            let lossy = String::from_utf8_lossy(data);
            let good = lossy
                .chars()
                .filter(|c| !c.is_ascii() && *c != '\u{fffd}')
                .count();
            let broken = lossy.chars().filter(|c| *c == '\u{fffd}').count();
            assert!(
                good < 16 || broken * 20 >= good,
                "damaged UTF-8 read as GB18030"
            );
        }
        Err(_) => {}
    }
}

/// Saved work (the library and view as the page stores them): loaded, or refused; what loads
/// saves and loads again to the same.
pub fn saved_state(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(bounded(data)) else {
        return;
    };
    if let Ok((library, view)) = guanxi::io::library::load(s) {
        let again = guanxi::io::library::save(&library, &view);
        let reloaded = guanxi::io::library::load(&again);
        assert!(
            reloaded.is_ok(),
            "saved work that loaded does not load again"
        );
    }
}

/// A small graph for the URL hash to name.
fn small_graph() -> &'static Extraction {
    static X: std::sync::OnceLock<Extraction> = std::sync::OnceLock::new();
    X.get_or_init(|| {
        let page = "河南省洛阳市栾川县举办活动，县长陈明远出席。\n\n湖北省宜昌市夷陵区教育局局长王海讲话。";
        corpus::read("seed.txt", page.as_bytes())
            .map(|d| text::extract(d, knowledge(true)))
            .unwrap_or_default()
    })
}

/// The URL hash (selection, filters, focus): parsed against a graph, and a parsed view
/// written and parsed again is the same view.
pub fn url_hash(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(bounded(data)) else {
        return;
    };
    let x = small_graph();
    let (view, _) = guanxi::app::view::ViewState::from_hash(s, x);
    let (again, _) = guanxi::app::view::ViewState::from_hash(&view.to_hash(x), x);
    assert_eq!(view, again, "hash {s:?}");
}

/// A recogniser model file: loaded or refused, and a loaded one tags a sentence.
pub fn model_file(data: &[u8]) {
    if let Ok(m) = guanxi::text::ner::Model::from_bytes(data) {
        let chars: Vec<char> = "河南省洛阳市栾川县县长陈明远出席。".chars().collect();
        let mut ctx = guanxi::text::ner::Context::default();
        for s in m.recognise(&chars, &knowledge(true).lexicon, &mut ctx) {
            assert!(s.start < s.end && s.end <= chars.len(), "{s:?}");
        }
    }
}

/// The single-file bundle's pieces: base64 blocks, and saved work embedded in a page.
pub fn bundle(data: &[u8]) {
    let data = bounded(data);
    if let Ok(s) = std::str::from_utf8(data) {
        let _decoded = guanxi::io::bundle::decode_base64(s);
        let (html, saved) = s.split_at(
            s.char_indices()
                .nth(s.chars().count() / 2)
                .map_or(0, |(i, _)| i),
        );
        let page = guanxi::io::library::embed_in_html(html, saved);
        assert!(page.len() >= saved.len());
        let ascii = guanxi::io::bundle::to_ascii(&page);
        assert!(ascii.is_ascii());
    }
    let encoded = guanxi::io::bundle::base64(data);
    assert_eq!(
        guanxi::io::bundle::decode_base64(&encoded).as_deref(),
        Some(data)
    );
}

/// Graph JSON as `guanxi export` reads it: refused when a relation names a missing entity,
/// else written in every format. And as the page opens it: what the library accepts is shown
/// (laid out, drawn, every entity's panels) and saved work holding it loads again.
pub fn graph_json(data: &[u8]) {
    let mut lib = guanxi::io::library::Library::default();
    if let Ok(src) = lib.add_file("g.json", bounded(data)) {
        if let Some(g) = &src.graph {
            let mut ex = guanxi::app::Explorer::new(g.clone());
            ex.resize(400.0, 300.0);
            ex.tick(3);
            ex.frame();
            for e in &g.entities {
                ex.update_view(|v| v.selection = Some(guanxi::app::view::Selection::Entity(e.id)));
                guanxi::app::present::blocks_html(&ex.detail_blocks());
                guanxi::app::present::passages_html(&ex, &ex.selected_passages());
            }
        }
        let saved = guanxi::io::library::save(&lib, "");
        assert!(
            guanxi::io::library::load(&saved).is_ok(),
            "a saved graph loads again"
        );
    }
    let Ok(x) = serde_json::from_slice::<Extraction>(bounded(data)) else {
        return;
    };
    if x.check_relations().is_err() {
        return;
    }
    // What `export` and `extract --top` check and cut: a consistent graph's subgraphs are
    // consistent, and its neo4j files are written.
    if guanxi::io::subgraph::check(&x).is_ok() {
        let g = guanxi::graph::KnowledgeGraph::build(&x);
        let top = guanxi::graph::select::top(&x, &g, 3);
        let cut = guanxi::io::subgraph::subgraph_within(&x, &top, 2);
        assert!(
            guanxi::io::subgraph::check(&cut).is_ok(),
            "{:?}",
            guanxi::io::subgraph::check(&cut)
        );
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        assert!(guanxi::io::neo4j::write_all(&x, &mut a, &mut b, &mut c).is_ok());
    }
    // Communities and importance of any graph, as the CLI exports them.
    let g = guanxi::graph::KnowledgeGraph::build(&x).measures(&x);
    assert!(g.community.len() == x.entities.len() && g.degree.len() == x.entities.len());
    let m = guanxi::io::export::NodeMeasures {
        importance: g.importance,
        degree: g.degree,
        community: g.community,
    };
    // Stable ids name every entity and relation of any graph, and find them again.
    let ids = guanxi::model::stable::StableIds::of(&x);
    for e in &x.entities {
        let id = ids.entity(e.id).unwrap_or_default();
        assert_eq!(ids.entity_of(id), Some(e.id), "{id}");
    }
    for (r, _) in x.relations_with_ids() {
        let id = ids.relation(r).unwrap_or_default();
        assert_eq!(ids.relation_of(id), Some(r), "{id}");
    }
    let whole = guanxi::io::export::Picture::whole(&x, &ids, &m);
    let ex = guanxi::io::export::gexf(&whole);
    assert!(ex.starts_with("<?xml"));
    let _graphml = guanxi::io::export::graphml(&whole);
    let _csv = guanxi::io::export::csv(&whole);
    let _json = guanxi::io::export::json_with(&x, &m);
}
