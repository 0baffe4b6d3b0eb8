//! Where the session keeps the saved work, and what it needs from the platform.
//!
//! Small settings (the language, the page chosen) are read and written at once. The saved work
//! (the user's sources: up to tens of megabytes) is written in the background: [`Storage::write`]
//! starts a write and [`Storage::finished`] later says how it ended. A write replaces the value
//! whole or not at all: the work saved before stays until the new one is stored (write, then
//! swap), so a full storage or a closed tab never leaves half a state behind.

use super::STORAGE_KEY;
use crate::text::knowledge::{Knowledge, KnowledgeError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A write of the saved work, started by [`Storage::write`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WriteId(pub u64);

/// Why a write did not happen (the value stored before is still there, whole).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The browser's storage for this page is full (its quota is spent).
    #[error("the storage is full ({0})")]
    Quota(String),
    /// Any other refusal: storage switched off, a private mode, a browser error.
    #[error("{0}")]
    Refused(String),
}

impl StoreError {
    /// A browser's refusal by the name of its `DOMException`: `QuotaExceededError` is a full
    /// storage.
    pub fn from_browser(name: Option<&str>, message: String) -> StoreError {
        match name {
            Some("QuotaExceededError") => StoreError::Quota(message),
            _ => StoreError::Refused(message),
        }
    }
}

/// How each write ended, as [`Storage::finished`] reports it.
pub type WriteEnd = (WriteId, Result<(), StoreError>);

/// Where the saved work is kept between visits (IndexedDB and localStorage in the page).
pub trait Storage {
    /// Whether `key` holds a value (without reading it: a saved corpus can be megabytes).
    fn contains(&self, key: &str) -> bool;
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores a small `value` under `key` at once; the error says why it could not.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`.
    fn remove(&mut self, key: &str);
    /// Starts storing `value` (megabytes) under `key`. The value under `key` stays as it was
    /// until the new one is stored whole; how the write ended comes later from
    /// [`Storage::finished`].
    fn write(&mut self, key: &str, value: String) -> WriteId;
    /// The writes that ended since the last call, in the order they ended.
    fn finished(&mut self) -> Vec<WriteEnd>;
}

/// A [`Storage`] in memory, for tests and the native side. Writes end at once, unless `hold`
/// keeps them waiting for [`MemoryStorage::release`] (a slow browser storage); `full` refuses
/// every write and `quota` any that would need more bytes than it (keys and values, with the
/// new value stored beside the old one until it replaces it, as a browser does).
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    /// The stored values.
    pub items: BTreeMap<String, String>,
    /// Refuse writes, as a full browser storage does.
    pub full: bool,
    /// The most bytes it holds, if any limit.
    pub quota: Option<usize>,
    /// Writes wait for [`MemoryStorage::release`].
    pub hold: bool,
    /// Writes started and not yet ended (while `hold`).
    pub waiting: Vec<(WriteId, String, String)>,
    /// Writes ended and not yet reported by [`Storage::finished`].
    pub ended: Vec<WriteEnd>,
    /// Writes started so far (the last [`WriteId`]).
    pub writes: u64,
}

impl MemoryStorage {
    /// Bytes held: keys and values.
    pub fn used(&self) -> usize {
        self.items.iter().map(|(k, v)| k.len() + v.len()).sum()
    }

    /// Stores `value` under `key` if it fits.
    fn store(&mut self, key: &str, value: String) -> Result<(), StoreError> {
        if self.full {
            return Err(StoreError::Quota("no space left".to_owned()));
        }
        if let Some(q) = self.quota {
            // The new value is written beside the old one before it replaces it.
            if self.used() + key.len() + value.len() > q {
                return Err(StoreError::Quota(format!("a quota of {q} bytes")));
            }
        }
        self.items.insert(key.to_owned(), value);
        Ok(())
    }

    /// Ends the writes waiting (while `hold`), in the order they started.
    pub fn release(&mut self) {
        for (id, key, value) in std::mem::take(&mut self.waiting) {
            let r = self.store(&key, value);
            self.ended.push((id, r));
        }
    }
}

impl Storage for MemoryStorage {
    fn contains(&self, key: &str) -> bool {
        self.items.contains_key(key)
    }
    fn get(&self, key: &str) -> Option<String> {
        self.items.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.store(key, value.to_owned())
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }
    fn write(&mut self, key: &str, value: String) -> WriteId {
        self.writes += 1;
        let id = WriteId(self.writes);
        self.waiting.push((id, key.to_owned(), value));
        if !self.hold {
            self.release();
        }
        id
    }
    fn finished(&mut self) -> Vec<WriteEnd> {
        std::mem::take(&mut self.ended)
    }
}

/// What the session needs from the platform besides storage.
pub trait Host {
    /// A monotonic clock in milliseconds (frame and layout budgets).
    fn now_ms(&self) -> f64;
    /// The wall clock in milliseconds since 1970 (names set-aside saved work).
    fn unix_ms(&self) -> f64;
    /// What extraction knows (gazetteer, words, recogniser), asked for before the user's own
    /// text is extracted: the page finishes loading it if it has not yet.
    fn knowledge(&self) -> Result<Arc<Knowledge>, KnowledgeError>;
}

/// Whether the page opens the user's work (a project saved into the page, or one kept in
/// storage) rather than the built-in demo.
pub fn has_saved_work(embedded_project: bool, storage: &dyn Storage) -> bool {
    embedded_project || storage.contains(STORAGE_KEY)
}

/// Whether the page needs its recogniser (the data blocks the browser may still be reading)
/// before it starts: benchmarks (a `#bench…` hash) and the user's own work do; the demo does
/// not (its extraction is built in).
pub fn needs_recogniser_at_start(
    hash: &str,
    embedded_project: bool,
    storage: &dyn Storage,
) -> bool {
    crate::app::bench::is_bench(hash) || has_saved_work(embedded_project, storage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quota_exceeded_error_is_a_full_storage() {
        let full = StoreError::from_browser(Some("QuotaExceededError"), "exceeded".into());
        assert_eq!(full.to_string(), "the storage is full (exceeded)");
        let other = StoreError::from_browser(Some("InvalidStateError"), "closed".into());
        assert_eq!(other, StoreError::Refused("closed".into()));
        assert_eq!(StoreError::from_browser(None, "x".into()).to_string(), "x");
    }
}
