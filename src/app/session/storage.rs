//! Where the session keeps the saved work, and what it needs from the platform.

use super::STORAGE_KEY;
use crate::text::knowledge::{Knowledge, KnowledgeError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where the saved work is kept between visits (localStorage in the page).
pub trait Storage {
    /// Whether `key` holds a value (without reading it: a saved corpus can be megabytes).
    fn contains(&self, key: &str) -> bool;
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; the error says why it could not (quota, privacy mode).
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// Removes `key`.
    fn remove(&mut self, key: &str);
}

/// A [`Storage`] in memory, for tests and the native side; `full` refuses every write.
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    /// The stored values.
    pub items: BTreeMap<String, String>,
    /// Refuse writes, as a full browser storage does.
    pub full: bool,
}

impl Storage for MemoryStorage {
    fn contains(&self, key: &str) -> bool {
        self.items.contains_key(key)
    }
    fn get(&self, key: &str) -> Option<String> {
        self.items.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        if self.full {
            return Err("the storage is full".to_owned());
        }
        self.items.insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
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
