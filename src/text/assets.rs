//! The compressed data built into the binary (recogniser model, word list, gazetteer) and how it
//! is inflated. A build may leave them out (`GUANXI_EXTERNAL_ASSETS=1`, used for the
//! single-file page, which carries them after its code so the code starts before they are
//! read); its host then hands the compressed bytes in with [`attach`].
//!
//! Each is inflated once, on first use, by miniz; a host with a faster inflater can do it
//! ahead of time and hand the bytes in with [`provide`] — the browser's native
//! `DecompressionStream` inflates the 2.3 MB model several times faster than wasm code that
//! has just been compiled, in tasks of its own (Chromium 156 runs them on the main thread,
//! between frames: a trace shows 21, 4 and 10 ms for the three assets).

use std::sync::{Mutex, OnceLock};

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

    /// The zlib-compressed bytes: the attached ones, else the embedded ones (empty when there
    /// are neither, e.g. no model file was trained).
    pub fn compressed(self) -> &'static [u8] {
        match ATTACHED[self.slot()].get() {
            Some(b) => b,
            None => self.embedded(),
        }
    }

    /// Whether the bytes are here (embedded or attached).
    pub fn is_available(self) -> bool {
        !self.compressed().is_empty()
    }

    fn embedded(self) -> &'static [u8] {
        match self {
            Asset::NerModel => include_bytes!(concat!(env!("OUT_DIR"), "/ner.model")),
            Asset::Words => include_bytes!(concat!(env!("OUT_DIR"), "/words.tsv.z")),
            Asset::Places => include_bytes!(concat!(env!("OUT_DIR"), "/places.tsv.z")),
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// Compressed bytes handed in by the host, for a build without embedded ones.
static ATTACHED: [OnceLock<Vec<u8>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

/// Hands in the compressed bytes of `asset` for a build that left them out. Ignored (`false`)
/// when the build embeds them or they were attached before: what the loaders saw stays valid.
pub fn attach(asset: Asset, compressed: Vec<u8>) -> bool {
    if !asset.embedded().is_empty() || compressed.is_empty() {
        return false;
    }
    ATTACHED[asset.slot()].set(compressed).is_ok()
}

/// Bytes inflated by the host, waiting to be used once.
static PROVIDED: Mutex<[Option<Vec<u8>>; 3]> = Mutex::new([None, None, None]);

/// Hands in `asset` already inflated. The bytes are used as they are, so they must be the
/// exact inflation of [`Asset::compressed`]; a loader that finds them malformed falls back to
/// inflating the embedded copy itself.
pub fn provide(asset: Asset, raw: Vec<u8>) {
    if let Ok(mut p) = PROVIDED.lock() {
        p[asset.slot()] = Some(raw);
    }
}

/// The inflated bytes of `asset`: the provided ones if any, else inflated now. `None` when the
/// embedded data does not inflate (or is absent).
pub(crate) fn inflated(asset: Asset) -> Option<Vec<u8>> {
    let provided = PROVIDED
        .lock()
        .ok()
        .and_then(|mut p| p[asset.slot()].take());
    provided.or_else(|| inflate(asset))
}

/// Inflates the embedded copy, ignoring anything provided.
pub(crate) fn inflate(asset: Asset) -> Option<Vec<u8>> {
    let bytes = asset.compressed();
    if bytes.is_empty() {
        return None;
    }
    miniz_oxide::inflate::decompress_to_vec_zlib(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_inflates_and_provided_bytes_are_used_once() {
        for a in Asset::ALL {
            let raw = inflate(a).expect("embedded asset inflates");
            assert!(raw.len() > a.compressed().len(), "{a:?}");
        }
        // Places is used by other tests through its loader; Words' slot is exercised here
        // with its real bytes, so whichever runs first sees the same data.
        let real = inflate(Asset::Words).unwrap_or_default();
        provide(Asset::Words, real.clone());
        assert_eq!(inflated(Asset::Words), Some(real.clone()));
        // Taken: the next call inflates again and gets the same bytes.
        assert_eq!(inflated(Asset::Words), Some(real));
    }

    #[test]
    fn attaching_never_replaces_embedded_bytes() {
        for a in Asset::ALL {
            let before = a.compressed();
            assert!(a.is_available());
            assert!(!attach(a, b"not zlib".to_vec()), "{a:?}");
            assert_eq!(a.compressed(), before);
        }
        assert_ne!(Asset::Words.block_id(), Asset::Places.block_id());
    }
}
