//! The compressed data built into the binary (recogniser model, word list, gazetteer). A
//! build may leave them out (`GUANXI_EXTERNAL_ASSETS=1`, used for the single-file page, which
//! carries them after its code so the code starts before they are read); its host then hands
//! the compressed bytes to a [`Loader`](super::knowledge::Loader).
//!
//! Each is inflated once, by miniz; a host with a faster inflater can do it ahead of time and
//! hand the bytes in ([`Loader::provide`](super::knowledge::Loader::provide)) — the browser's
//! native `DecompressionStream` inflates the 2.3 MB model several times faster than wasm code
//! that has just been compiled, in tasks of its own (Chromium 156 runs them on the main thread,
//! between frames: a trace shows 21, 4 and 10 ms for the three assets).

/// One embedded, zlib-compressed asset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
    /// The recogniser (`data/ner.model`).
    NerModel,
    /// jieba's dictionary words with parts of speech (`data/words.tsv`).
    Words,
    /// The administrative divisions (`data/places.tsv`).
    Places,
}

impl Asset {
    /// Every asset.
    pub const ALL: [Asset; 3] = [Asset::NerModel, Asset::Words, Asset::Places];

    /// The id of the element holding this asset in the single-file page (see `io::bundle`).
    pub fn block_id(self) -> &'static str {
        match self {
            Asset::NerModel => "guanxi-asset-ner-model",
            Asset::Words => "guanxi-asset-words",
            Asset::Places => "guanxi-asset-places",
        }
    }

    /// What the data is, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Asset::NerModel => "recogniser",
            Asset::Words => "word list",
            Asset::Places => "gazetteer",
        }
    }

    /// The zlib-compressed bytes built into this binary (empty in a build that leaves them
    /// out, or when no model was trained).
    pub fn embedded(self) -> &'static [u8] {
        match self {
            Asset::NerModel => include_bytes!(concat!(env!("OUT_DIR"), "/ner.model")),
            Asset::Words => include_bytes!(concat!(env!("OUT_DIR"), "/words.tsv.z")),
            Asset::Places => include_bytes!(concat!(env!("OUT_DIR"), "/places.tsv.z")),
        }
    }
}

/// Inflates zlib-compressed bytes; `None` when they are not zlib data.
pub fn inflate(compressed: &[u8]) -> Option<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_zlib(compressed).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_asset_inflates() {
        for a in Asset::ALL {
            let raw = inflate(a.embedded()).expect("embedded asset inflates");
            assert!(raw.len() > a.embedded().len(), "{a:?}");
        }
        assert_eq!(inflate(b"not zlib"), None);
        assert_ne!(Asset::Words.block_id(), Asset::Places.block_id());
    }
}
