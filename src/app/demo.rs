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
        Err(_) => Explorer::new(crate::text::extract(seed_drafts())),
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
