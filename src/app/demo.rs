//! The embedded demo: one newspaper page, and its extraction and settled layout when the build
//! prepared them (`guanxi prepare`, see `scripts/build.sh`).

use super::{Explorer, Prepared};

/// The embedded default corpus: one newspaper page.
pub const SEED_PAGE: &str = include_str!("../../data/seed-page.txt");

/// The demo page prepared at build time (empty when the build did not provide it).
pub const PRECOMPUTED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed-prepared.json"));

/// The demo page: the build-time preparation when present, else extracted and laid out now.
pub fn demo() -> Explorer {
    from_prepared_or_seed(PRECOMPUTED)
}

/// The explorer of a preparation (`guanxi prepare`'s JSON), or of the seed page extracted now
/// when there is none or it cannot be read.
pub fn from_prepared_or_seed(prepared: &[u8]) -> Explorer {
    match serde_json::from_slice::<Prepared>(prepared) {
        Ok(p) => Explorer::from_prepared(p),
        Err(_) => Explorer::new(extract_seed()),
    }
}

/// The seed page extracted now with the knowledge built into the binary; nothing when that
/// does not load (a build without its data).
fn extract_seed() -> crate::model::Extraction {
    match crate::text::Knowledge::embedded() {
        Ok(k) => crate::text::extract(seed_drafts(), &std::sync::Arc::new(k)),
        Err(_) => crate::model::Extraction::default(),
    }
}

/// The embedded demo page as article drafts.
pub fn seed_drafts() -> Vec<crate::text::corpus::Draft> {
    // The embedded page is part of the build; a failure to read it is a build bug.
    crate::text::corpus::read("seed-page.txt", SEED_PAGE.as_bytes()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_uses_a_preparation_and_extracts_without_one() {
        let extracted = from_prepared_or_seed(b"");
        assert_eq!(extracted.x.articles.len(), 8);
        assert_eq!(seed_drafts().len(), 8);
        let mut prepared = Prepared::new(extracted.x.clone());
        prepared.x[0] = 12345.0;
        let json = serde_json::to_vec(&prepared).unwrap();
        let ex = from_prepared_or_seed(&json);
        assert_eq!(ex.x, extracted.x);
        assert_eq!(ex.layout.x[0], 12345.0);
        // A damaged preparation: the seed page, extracted.
        assert_eq!(from_prepared_or_seed(b"{").x, extracted.x);
    }
}

/// The demo under wasm, in headless Chromium: the same extraction as natively.
#[cfg(all(test, target_arch = "wasm32"))]
mod wasm_tests {
    use super::*;
    use wasm_bindgen_test::*;

    fn demo_extracted() -> Explorer {
        let drafts =
            crate::text::corpus::read("seed", SEED_PAGE.as_bytes()).expect("seed page reads");
        Explorer::new(crate::text::extract(drafts, &knowledge()))
    }

    fn knowledge() -> std::sync::Arc<crate::text::Knowledge> {
        std::sync::Arc::new(crate::text::Knowledge::embedded().expect("the knowledge loads"))
    }

    #[wasm_bindgen_test]
    fn seed_extracts_the_same_in_wasm() {
        let ex = demo_extracted();
        assert_eq!(ex.x.articles.len(), 8);
        assert!(knowledge().model.is_some(), "the model loads in wasm");
        assert!(ex
            .x
            .entities
            .iter()
            .any(|e| e.label == "清水县" && e.kind == crate::model::EntityKind::Place));
    }

    #[wasm_bindgen_test]
    fn precomputed_demo_equals_extraction_in_the_browser() {
        // Built by scripts/build.sh with the native CLI; the wasm core must agree with it exactly.
        // scripts/test.sh builds this test with it: without it there is nothing to compare.
        assert!(
            !PRECOMPUTED.is_empty(),
            "build with GUANXI_PRECOMPUTED set to the native preparation (see scripts/test.sh)"
        );
        let pre: crate::app::Prepared = serde_json::from_slice(PRECOMPUTED).expect("valid JSON");
        assert_eq!(
            pre.extraction,
            crate::text::extract(seed_drafts(), &knowledge())
        );
        // Its layout is a settled one: the page starts with nothing left to lay out.
        let mut ex = Explorer::from_prepared(pre);
        assert!(ex.layout.converged() && !ex.tick(1));
    }
}
