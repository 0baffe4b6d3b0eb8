//! Saving the user's work so that none of it is lost.
//!
//! - A write replaces the saved work whole or not at all ([`super::Storage::write`]): when it
//!   fails (the browser's storage is full), the status line says so and the work saved before
//!   stays as it was.
//! - Writes end later (IndexedDB): one runs at a time, and a change made meanwhile is saved
//!   once that write has ended (the latest state, once).
//! - Two tabs: the saved work has a generation number, kept under [`GENERATION_KEY`] (a small
//!   value, read and written at once). A tab writes only over the generation it read or wrote
//!   last, and claims the next one before it writes. When another tab has saved since, its
//!   work is not written over: the status line says so, and the next change made in this tab
//!   is saved (the user was told, and chose to go on).
//! - Saved work written by a newer guanxi is neither loaded nor written over.

use super::{Output, Session, Status, WriteId, STORAGE_KEY};
use crate::app::i18n::Msg;
use crate::io::library;

/// The storage key of the saved work's generation (a number, counting the saves).
pub const GENERATION_KEY: &str = "guanxi:state:generation";

/// Where the saving of the work stands.
#[derive(Clone, Debug, Default)]
pub(super) struct Saving {
    /// The generation this tab read at start-up or wrote last.
    base: u64,
    /// The write under way and the generation it claimed.
    writing: Option<(WriteId, u64)>,
    /// The work changed while a write was under way.
    again: bool,
    /// The saved work comes from a newer guanxi (its format): kept as it is.
    pub(super) newer: Option<u32>,
    /// What to say at the next frame, after the message of the action that saved.
    notice: Option<Status>,
}

impl Session {
    /// The generation of the saved work in storage (0: none yet).
    fn stored_generation(&self) -> u64 {
        let g = self.storage.get(GENERATION_KEY);
        g.and_then(|g| g.trim().parse().ok()).unwrap_or(0)
    }

    /// At start-up: notes the generation of the saved work this tab opens with.
    pub(super) fn note_saved_generation(&mut self) {
        self.saving.base = self.stored_generation();
    }

    /// Starts writing the library and view to storage (see the module docs). When it cannot,
    /// the next frame says why (after the message of the change saved), and the work stays
    /// open.
    pub(super) fn persist(&mut self) {
        // Saved now: a large import's install need not save it again.
        self.after_install
            .retain(|a| *a != super::install::After::Save);
        self.writes_ended();
        let lang = self.lang();
        if let Some(v) = self.saving.newer {
            let why = lang.fill(Msg::NewerKept, &[&v]);
            self.saving.notice = Some(Status::error(lang.fill(Msg::NotSaved, &[&why])));
            return;
        }
        if self.saving.writing.is_some() {
            self.saving.again = true;
            return;
        }
        let stored = self.stored_generation();
        if stored != self.saving.base {
            self.saving.base = stored;
            self.saving.notice = Some(Status::error(lang.text(Msg::SavedElsewhere)));
            return;
        }
        let next = stored + 1;
        // Claimed before writing, so that another tab saving meanwhile finds it and stops.
        // Without room even for this number the write below fails too, and says so.
        let _claimed_or_failing = self.storage.set(GENERATION_KEY, &next.to_string());
        let saved = library::save(&self.library, &self.hash());
        let id = self.storage.write(STORAGE_KEY, saved);
        self.saving.writing = Some((id, next));
    }

    /// Once a frame: handles the writes that ended, and saves the work again if it changed
    /// meanwhile.
    pub(super) fn poll_saves(&mut self, out: &mut Output) {
        if self.writes_ended() {
            self.persist();
        }
        if let Some(s) = self.saving.notice.take() {
            out.status = Some(s);
        }
    }

    /// Handles the writes that ended: a failure is reported and the generation claimed is
    /// given back. True when the work changed while the write ran.
    fn writes_ended(&mut self) -> bool {
        let mut again = false;
        for (id, result) in self.storage.finished() {
            let Some((_, next)) = self.saving.writing.filter(|(w, _)| *w == id) else {
                // A set-aside copy of damaged work (best effort).
                continue;
            };
            self.saving.writing = None;
            again |= std::mem::take(&mut self.saving.again);
            match result {
                Ok(()) => self.saving.base = next,
                Err(e) => {
                    if self.stored_generation() == next {
                        let back = self.saving.base.to_string();
                        // As above: this can only fail where the write failed for the same reason.
                        let _given_back = self.storage.set(GENERATION_KEY, &back);
                    }
                    let lang = self.lang();
                    self.saving.notice = Some(Status::error(lang.fill(Msg::NotSaved, &[&e])));
                }
            }
        }
        again
    }

    /// For tests: the generation this tab last saved or read, and whether a write runs.
    pub(super) fn saving_state(&self) -> (u64, bool) {
        (self.saving.base, self.saving.writing.is_some())
    }
}

#[cfg(test)]
mod tests;
