//! The explorer session: everything the page decides between an input and the screen, free of
//! web types. The front end turns DOM events into [`Event`]s, hands them to
//! [`Session::handle`] (and calls [`Session::frame`] once per animation frame), and applies
//! the [`Output`] it gets back: which parts of the page to show again, the status line,
//! downloads, the cursor, full screen. The session owns the [`Explorer`], the user's library of
//! sources and its saved form (through a [`Storage`]), the extraction of a large corpus over
//! many frames and its recognition cache, the entity table's sort and the search suggestions.
//!
//! Time comes from a [`Host`] (a monotonic clock for frame budgets, a wall clock to name
//! set-aside saved work), so tests run on a mocked clock with an in-memory [`MemoryStorage`].

mod analysis;
mod curation;
mod event;
mod install;
mod job;
mod navigate;
mod pointer;
mod props;
mod save;
mod sources;
mod storage;
mod story;
mod test_api;

pub use curation::Curate;
pub use event::*;
pub use props::Props;
pub use save::GENERATION_KEY;
pub use sources::SourceRow;
pub use storage::{
    has_saved_work, needs_recogniser_at_start, Host, MemoryStorage, Storage, StoreError, WriteEnd,
    WriteId,
};
pub use test_api::TEST_API;

use super::panels::SortKey;
use super::view::{Selection, ViewState};
use super::Explorer;
use crate::app::i18n::Msg;
use crate::io::library;
use crate::model::{EntityId, Extraction};
use job::Job;
use std::collections::BTreeMap;

/// The storage key of the saved work (library and view).
pub const STORAGE_KEY: &str = "guanxi:state";

/// The storage key that says the demo page was chosen over the user's sources ("demo").
pub const SHOWING_KEY: &str = "guanxi:showing";

/// The storage key of the interface's language (`en`, `zh`), once the user chose one.
pub const LANG_KEY: &str = "guanxi:lang";

/// Corpora at least this large (in characters) are extracted over many frames.
pub const LARGE_CORPUS_CHARS: usize = 300_000;

/// Corpora at least this large are extracted in the page's worker, where it has one (below,
/// extraction here takes a few tens of milliseconds at most; above, it would hold the page).
pub const WORKER_CORPUS_CHARS: usize = 50_000;

/// Layout time spent on a new corpus before it is first shown, so it opens nearly settled
/// (after a large import: over the first frames, at most [`SETTLE_SLICE_MS`] a frame).
pub(super) const INSTALL_LAYOUT_MS: f64 = 120.0;

/// Layout time per frame while a large import's graph settles.
pub(super) const SETTLE_SLICE_MS: f64 = 20.0;

/// Time per frame spent computing a large graph's importance and communities
/// ([`Explorer::measure_step`]), taken from the layout's share of the frame.
pub(super) const MEASURE_SLICE_MS: f64 = 16.0;

/// Nodes whose repulsion a part of a layout step computes: a step of a large graph is spread
/// over frames ([`Explorer::tick_part`]), and a small one's is whole.
pub(super) const LAYOUT_PART: usize = 1024;

/// Rows of the entity table the page makes at once; the rest (up to
/// [`crate::app::present::TABLE_ROWS`]) follow [`TABLE_MORE_ROWS`] a frame, so that a table of
/// thousands of rows is never one long task of the page.
pub const TABLE_FIRST_ROWS: usize = 100;

/// Rows added to the end of the entity table a frame ([`Output::more_rows`]).
pub const TABLE_MORE_ROWS: usize = 100;

/// Suggestions shown under the search box while typing.
pub const MAX_SUGGESTIONS: usize = 12;

/// Where the corpus shown comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Showing {
    /// The embedded demo page.
    Demo,
    /// The user's sources.
    Library,
}

/// The explorer session (see the module docs).
pub struct Session {
    explorer: Explorer,
    demo: fn() -> Explorer,
    host: Box<dyn Host>,
    storage: Box<dyn Storage>,
    library: library::Library,
    showing: Showing,
    sort: (SortKey, bool),
    /// Active pointers (for pinch zoom): id → last position.
    pointers: BTreeMap<i32, (f32, f32)>,
    suggestions: Vec<EntityId>,
    suggestion: Option<usize>,
    /// What the path input being typed in matches.
    path_options: Vec<EntityId>,
    /// A message to show once start-up is done (saved work set aside).
    pending_status: Option<Status>,
    job: Option<Job>,
    /// Whether large corpora are extracted in the page's worker.
    worker: bool,
    /// The last import sent to the worker.
    import_seq: u32,
    /// Layout time a new corpus spends before it is shown (none after a large import).
    burst_ms: f64,
    /// Layout time left for a large import's graph to settle, over the next frames.
    settle_ms: f64,
    /// What is left to show of a large import shown, a frame each (the panels, the
    /// controls, the saved work).
    after_install: Vec<install::After>,
    /// Rows of the entity table the page has made, while more are to follow.
    table_rows: Option<usize>,
    /// Where the last large import was extracted (`worker`, `main-thread`).
    import_ran: Option<&'static str>,
    /// How many sources there were before the running import (to undo it on cancel).
    sources_before_import: Option<usize>,
    /// Recognition results of the user's articles, so adding or removing a source only reads
    /// the new articles again.
    mention_cache: crate::text::MentionCache,
    viewport: Option<(f32, f32)>,
    large_corpus_chars: usize,
    /// The status line shows a message rather than the summary: the next action clears it.
    message_shown: bool,
    /// The story steps.
    story: crate::app::story::Story,
    /// While the timeline plays: when it moves on.
    playing: Option<f64>,
    /// When the last frame ran (animations advance by the time since).
    last_frame: Option<f64>,
    /// The press of the one pointer down, while it may still be a tap or a long press.
    press: Option<crate::app::gesture::Press>,
    /// Where the side panels go and which are open.
    panels: crate::app::screen::Panels,
    /// The article search's text: the article list shows only the articles it matches.
    article_query: String,
    /// What the corrections by hand did to the corpus shown.
    curation: curation::Curation,
    /// Where the saving of the work stands.
    saving: save::Saving,
}

impl Session {
    /// A session showing nothing yet; `demo` makes the built-in corpus.
    pub fn new(host: Box<dyn Host>, storage: Box<dyn Storage>, demo: fn() -> Explorer) -> Session {
        Session {
            explorer: Explorer::new(Extraction::default()),
            demo,
            host,
            storage,
            library: library::Library::default(),
            showing: Showing::Demo,
            sort: (SortKey::Mentions, false),
            pointers: BTreeMap::new(),
            suggestions: Vec::new(),
            suggestion: None,
            path_options: Vec::new(),
            pending_status: None,
            job: None,
            worker: false,
            import_seq: 0,
            burst_ms: INSTALL_LAYOUT_MS,
            settle_ms: 0.0,
            after_install: Vec::new(),
            table_rows: None,
            import_ran: None,
            sources_before_import: None,
            mention_cache: crate::text::MentionCache::default(),
            viewport: None,
            large_corpus_chars: LARGE_CORPUS_CHARS,
            message_shown: false,
            story: Default::default(),
            playing: None,
            last_frame: None,
            press: None,
            panels: Default::default(),
            article_query: String::new(),
            curation: Default::default(),
            saving: Default::default(),
        }
    }

    /// Chooses the interface's language at start: the one the user chose before, else the
    /// browser's (`navigator.language`).
    pub fn start_lang(&mut self, browser: &str) {
        let saved = self.storage.get(LANG_KEY);
        let lang = saved.as_deref().and_then(crate::app::i18n::Lang::parse);
        self.explorer
            .set_lang(lang.unwrap_or_else(|| crate::app::i18n::Lang::of_browser(browser)));
    }

    /// The interface's language.
    pub fn lang(&self) -> crate::app::i18n::Lang {
        self.explorer.lang()
    }

    /// The side panels: the layout and which are open.
    pub fn panels(&self) -> &crate::app::screen::Panels {
        &self.panels
    }

    /// Extracts corpora from this many characters over many frames (tests use small ones).
    pub fn with_large_corpus(mut self, chars: usize) -> Session {
        self.large_corpus_chars = chars;
        self
    }

    /// The explorer (graph, view, camera).
    pub fn explorer(&self) -> &Explorer {
        &self.explorer
    }

    /// The explorer, to build a frame.
    pub fn explorer_mut(&mut self) -> &mut Explorer {
        &mut self.explorer
    }

    /// The saved-work storage.
    pub fn storage(&self) -> &dyn Storage {
        self.storage.as_ref()
    }

    /// The user's sources.
    pub fn library(&self) -> &library::Library {
        &self.library
    }

    /// Which corpus is shown.
    pub fn showing(&self) -> Showing {
        self.showing
    }

    /// The entity table's sort: key and whether reversed.
    pub fn sort(&self) -> (SortKey, bool) {
        self.sort
    }

    /// The suggestions and the highlighted one.
    pub fn suggestions(&self) -> (&[EntityId], Option<usize>) {
        (&self.suggestions, self.suggestion)
    }

    /// Whether a large extraction is running.
    pub fn is_extracting(&self) -> bool {
        self.job.is_some()
    }

    /// The article list's options: the articles the article search matches (all without a
    /// search), each with its source and date when known.
    pub fn article_options_html(&self) -> String {
        let rows: Vec<_> = self
            .explorer
            .article_options()
            .into_iter()
            .filter(|(_, text)| super::present::article_matches(text, &self.article_query))
            .collect();
        super::present::article_options_html(&rows)
    }

    /// The articles the article list shows (see [`Session::article_options_html`]).
    fn listed_articles(&self) -> std::collections::BTreeSet<crate::model::ArticleId> {
        self.explorer
            .article_options()
            .into_iter()
            .filter(|(_, text)| super::present::article_matches(text, &self.article_query))
            .map(|(a, _)| a)
            .collect()
    }

    /// How many articles the article list shows, and of how many (`3 of 12`, or `12`).
    pub fn article_count(&self) -> String {
        let all = self.explorer.x.articles.len();
        if self.article_query.trim().is_empty() {
            all.to_string()
        } else {
            self.explorer.lang().fill(
                crate::app::i18n::Msg::ArticlesOf,
                &[&self.listed_articles().len(), &all],
            )
        }
    }

    /// The status line's summary of the corpus.
    pub fn summary(&self) -> String {
        let x = &self.explorer.x;
        let relations = x.edges().count();
        let lang = self.explorer.lang();
        lang.fill(
            crate::app::i18n::Msg::StatusSummary,
            &[
                &lang.count(x.articles.len(), crate::app::i18n::Msg::NArticles),
                &lang.count(x.entities.len(), crate::app::i18n::Msg::NEntities),
                &lang.count(relations, crate::app::i18n::Msg::NRelations),
            ],
        )
    }

    /// Start-up, first half: reads the saved work (a project embedded in the page wins over
    /// storage; damaged or newer work is set aside under another key and reported) and shows
    /// its corpus, or the demo. Returns the saved view's hash.
    pub fn open(&mut self, embedded: Option<&str>) -> (Output, Option<String>) {
        let saved_view = self.restore_saved(embedded);
        let mut out = Output::default();
        self.rebuild(&mut out);
        self.note_table(&out);
        (out, saved_view)
    }

    /// Start-up, second half: shows the URL's view (without one, the saved view) and says
    /// what is shown, or what could not be read.
    pub fn show_view(&mut self, url_hash: &str, saved_view: Option<String>) -> Output {
        let mut out = Output::default();
        let from_url = !url_hash.trim_start_matches('#').is_empty();
        let hash = if from_url {
            url_hash.to_owned()
        } else {
            saved_view.clone().unwrap_or_default()
        };
        let (hash, story, step) = crate::app::story::split_hash(&hash);
        let story_read = self.take_story(story, step);
        if from_url && (story.is_none() || story_read.is_err()) {
            // A link without a story, or with a broken one: the saved story, if any, stays.
            let saved = saved_view.unwrap_or_default();
            let (_, story, step) = crate::app::story::split_hash(&saved);
            let _reported_above = self.take_story(story, step);
        }
        let (view, parsed) = ViewState::from_hash(&hash, &self.explorer.x);
        if &view != self.explorer.view() {
            self.set_view(view, &mut out);
        }
        self.explorer.fit_to_screen();
        self.frame_current_step();
        if let Err(e) = story_read {
            self.pending_status
                .get_or_insert(Status::error(e.text(self.lang())));
        }
        out.status = Some(match (parsed, self.pending_status.take()) {
            (_, Some(s)) => s,
            (Ok(()), None) => self
                .position_note(&hash)
                .unwrap_or_else(|| Status::info(self.summary())),
            (Err(e), None) => Status::error(self.hash_error(&e)),
        });
        self.track_status(&out);
        self.note_table(&out);
        out
    }

    /// One animation frame's work: a slice of a running extraction, then layout, each for
    /// about `budget_ms`. Draw afterwards if [`Explorer::needs_redraw`].
    pub fn frame(&mut self, budget_ms: f64) -> Output {
        let mut out = Output::default();
        self.poll_saves(&mut out);
        let mut layout = true;
        // Time this frame spent computing measures, which the layout's share gives up.
        let mut measured = 0.0;
        if self.job.is_some() {
            self.step_job(budget_ms, &mut out);
            // The frame that shows a large import draws it and does no layout.
            layout = self.after_install.is_empty();
        } else if !self.after_install.is_empty() {
            // The frames after a large import was shown: one piece each, and no layout.
            self.after_install_step(&mut out);
            layout = false;
        } else if self.explorer.is_measuring() {
            // A large graph's importance and communities, a slice a frame.
            let t0 = self.host.now_ms();
            self.measure(budget_ms.max(MEASURE_SLICE_MS), &mut out);
            measured = self.host.now_ms() - t0;
        }
        let now = self.host.now_ms();
        let since = self.last_frame.map_or(0.0, |t| (now - t).clamp(0.0, 100.0));
        self.last_frame = Some(now);
        self.explorer.animate(since);
        self.play(now, &mut out);
        let held = self.pointers.len() == 1;
        let due = self
            .press
            .as_mut()
            .filter(|_| held)
            .and_then(|p| p.long_press_due(now).then_some((p.at, p.kind.reach())));
        if let Some((at, reach)) = due {
            self.long_press(at, reach, &mut out);
        }
        let t0 = self.host.now_ms();
        let budget = match self.settle_ms > 0.0 {
            true => budget_ms.max(SETTLE_SLICE_MS),
            false => budget_ms,
        } - measured;
        while layout && self.host.now_ms() - t0 < budget && self.explorer.tick_part(LAYOUT_PART) {}
        self.settle_ms = (self.settle_ms - (self.host.now_ms() - t0)).max(0.0);
        self.track_status(&out);
        self.fill_table(&mut out);
        out
    }

    /// The entity table's first rows (markup, at most [`TABLE_FIRST_ROWS`]) and how many
    /// entities are visible; the next frames add the rest ([`Output::more_rows`]).
    pub fn table(&self) -> (String, usize) {
        self.explorer.table_part(self.sort, 0..TABLE_FIRST_ROWS)
    }

    /// Notes that the page makes the entity table again after `out` (its first rows).
    fn note_table(&mut self, out: &Output) {
        if out.view || out.corpus || out.list {
            self.table_rows = Some(TABLE_FIRST_ROWS);
        }
    }

    /// Adds the table's next rows to a frame's output, unless the table is made again.
    fn fill_table(&mut self, out: &mut Output) {
        self.note_table(out);
        if out.view || out.corpus || out.list {
            return;
        }
        let Some(from) = self.table_rows.take() else {
            return;
        };
        let to = from + TABLE_MORE_ROWS;
        let (rows, visible) = self.explorer.table_part(self.sort, from..to);
        if from < visible.min(super::present::TABLE_ROWS) {
            out.more_rows = Some(rows);
            self.table_rows = Some(to);
        }
    }

    /// Handles one input. A message on the status line is replaced by the summary at the
    /// next action of the user that says nothing of its own.
    pub fn handle(&mut self, event: Event) -> Output {
        let action = is_action(&event);
        let mut out = self.handle_event(event);
        if action && out.status.is_none() && self.message_shown {
            out.status = Some(Status::info(self.summary()));
        }
        self.track_status(&out);
        self.note_table(&out);
        out
    }

    /// Notes whether the status line now shows a message.
    fn track_status(&mut self, out: &Output) {
        if let Some(s) = &out.status {
            self.message_shown = s.error || s.text != self.summary();
        }
    }

    fn handle_event(&mut self, event: Event) -> Output {
        let mut out = Output::default();
        match event {
            Event::PointerDown {
                pointer,
                kind,
                x,
                y,
            } => self.pointer_down(pointer, kind, (x, y)),
            Event::PointerMove { pointer, x, y } => self.pointer_move(pointer, x, y, &mut out),
            Event::PointerUp { pointer, x, y } => self.pointer_up(pointer, (x, y), &mut out),
            Event::PointerLeave => {
                if self.pointers.is_empty() {
                    self.explorer.pointer_leave();
                }
            }
            Event::Wheel {
                x,
                y,
                delta_y,
                unit,
            } => {
                out.prevent_default = true;
                self.explorer.zoom_at(x, y, wheel_factor(delta_y, unit));
            }
            Event::Window { width } => {
                if self.panels.set_width(width) {
                    out.layout = true;
                    out.controls = true;
                }
            }
            Event::Resize { width, height } => {
                self.viewport = Some((width, height));
                self.explorer.resize(width, height);
                self.explorer.invalidate();
            }
            // Esc leaves presentation mode (and full screen) and keeps the prepared view;
            // outside it, Esc resets.
            Event::Key(key) if key == "Escape" && self.explorer.view().presentation => {
                self.command(Command::TogglePresentation, &mut out)
            }
            Event::FullscreenLeft => {
                if self.explorer.view().presentation {
                    self.command(Command::TogglePresentation, &mut out);
                }
            }
            Event::Key(key) => {
                if let Some(c) = shortcut(&key) {
                    self.command(c, &mut out);
                } else if let Some(c) = crate::app::story::key_command(&key) {
                    if !self.story.is_empty() {
                        out.prevent_default = true;
                        self.command(Command::Story(c), &mut out);
                    }
                }
            }
            Event::SearchKey { key, query } => {
                let c = match key.as_str() {
                    "Enter" => Command::ChooseSuggestion(query),
                    "ArrowDown" => Command::MoveSuggestion(1),
                    "ArrowUp" => Command::MoveSuggestion(-1),
                    "Escape" => Command::HideSuggestions,
                    _ => return out,
                };
                out.prevent_default = c != Command::HideSuggestions;
                self.command(c, &mut out);
            }
            Event::Command(c) => self.command(c, &mut out),
            Event::HashChanged(hash) => self.follow_hash(&hash, &mut out),
        }
        out
    }

    /// Shows the view of a new URL hash; what could not be read is reported. The hash the
    /// page itself wrote changes nothing.
    fn follow_hash(&mut self, hash: &str, out: &mut Output) {
        let (view_hash, story, step) = crate::app::story::split_hash(hash);
        let story_read = self.take_story(story, step);
        let hash = view_hash.as_str();
        let (view, parsed) = ViewState::from_hash(hash, &self.explorer.x);
        if &view != self.explorer.view() {
            self.set_view(view, out);
            self.explorer.fit_to_screen();
        }
        let parsed = match (parsed, story_read) {
            (Err(e), _) => Err(self.hash_error(&e)),
            (Ok(()), Err(e)) => Err(e.text(self.lang())),
            (Ok(()), Ok(())) => Ok(()),
        };
        out.view |= story.is_some();
        match parsed {
            Err(e) => {
                out.status = Some(Status::error(e));
                // The view shown is written back, without what could not be read.
                out.view = true;
            }
            Ok(()) => {
                if let Some(note) = self.position_note(hash) {
                    out.status = Some(note);
                    out.view = true;
                }
            }
        }
    }

    /// What to say when a link or saved view named its entity or relation by position (before
    /// stable ids): which one that opened, to be checked. The view is written again with
    /// stable ids.
    fn position_note(&self, hash: &str) -> Option<Status> {
        if !super::view::names_by_position(hash) {
            return None;
        }
        let x = &self.explorer.x;
        let v = self.explorer.view();
        let label = |e: EntityId| x.entity(e).map(|e| e.label.as_str());
        let named = match v.selection {
            Some(Selection::Relation(r)) => {
                let r = x.relation(r)?;
                let (a, b) = (label(r.source)?, label(r.target)?);
                self.lang().fill(Msg::TheLink, &[&a, &b])
            }
            Some(Selection::Entity(e)) => label(e)?.to_owned(),
            _ => match (v.focus, v.path) {
                (Some(f), _) => label(f.entity)?.to_owned(),
                (None, Some((a, b))) => {
                    let (a, b) = (label(a)?, label(b)?);
                    self.lang().fill(Msg::ThePath, &[&a, &b])
                }
                (None, None) => return None,
            },
        };
        Some(Status::info(self.lang().fill(Msg::OlderLink, &[&named])))
    }

    /// A link's view that could not be read, in the interface's language.
    fn hash_error(&self, e: &super::view::HashError) -> String {
        self.lang().fill(Msg::HashUnreadable, &[&e.problems])
    }

    fn command(&mut self, c: Command, out: &mut Output) {
        match c {
            Command::Fit => self.explorer.fit_to_screen(),
            Command::Reset => self.reset(out),
            Command::Focus(depth) => self.toggle_focus(depth, out),
            Command::TogglePresentation => {
                // The camera stays where the user put it (the picture is framed again only
                // if it was never moved): leaving keeps the view, entering keeps a zoom.
                let on = !self.explorer.view().presentation;
                self.update_view(out, |v| v.presentation = on);
                out.fullscreen = Some(on);
            }
            Command::ToggleShowAll => {
                let on = !self.explorer.view().show_all;
                self.update_view(out, |v| v.show_all = on);
            }
            Command::TogglePanel(p) => self.show_panel(p, None, out),
            Command::ShowPanel(p, on) => self.show_panel(p, Some(on), out),
            Command::Zoom(factor) => {
                let (w, h) = (self.explorer.camera.width, self.explorer.camera.height);
                self.explorer.zoom_at(w / 2.0, h / 2.0, factor);
            }
            Command::FocusSearch => {
                out.prevent_default = true;
                out.focus_search = true;
            }
            c @ (Command::ToggleArticle(_)
            | Command::ShowKind(..)
            | Command::Articles(_)
            | Command::AllArticles
            | Command::ArticleSearch(_)
            | Command::Threshold(..)
            | Command::CoOccurrence(_)
            | Command::ShowRelation(..)) => self.filter_command(c, out),
            c @ (Command::Search(_)
            | Command::MoveSuggestion(_)
            | Command::ChooseSuggestion(_)
            | Command::HideSuggestions
            | Command::PickSuggestion(_)) => self.search_command(c, out),
            Command::SelectEntity(e) => self.select_entity(e, out),
            Command::SelectNamed(id) => {
                if let Some(e) = self.explorer.stable_ids().entity_of(&id) {
                    self.select_entity(e, out);
                }
            }
            Command::SelectRelation(r) => {
                self.update_view(out, |v| v.selection = Some(Selection::Relation(r)))
            }
            Command::SelectArticle(a) => {
                self.update_view(out, |v| v.selection = Some(Selection::Article(a)))
            }
            Command::SortBy(k) => {
                self.sort = if self.sort.0 == k {
                    (k, !self.sort.1)
                } else {
                    (k, false)
                };
                out.list = true;
            }
            c @ (Command::FindPath(..)
            | Command::PathText(_)
            | Command::ClearPath
            | Command::ColourBy(_)
            | Command::SizeBy(_)
            | Command::ShowCommunity(..)) => self.analysis_command(c, out),
            c @ (Command::Timeline(_) | Command::TimelinePlay) => self.timeline_command(c, out),
            Command::Story(c) => self.story_command(c, out),
            Command::Language(lang) => {
                self.explorer.set_lang(lang);
                if let Err(e) = self.storage.set(LANG_KEY, lang.as_str()) {
                    out.status = Some(Status::error(e.to_string()));
                }
                out.lang = true;
                out.status = Some(Status::info(self.summary()));
                out.view = true;
                out.articles = true;
                out.sources = true;
            }
            other => self.library_command(other, out),
        }
    }

    fn set_view(&mut self, v: ViewState, out: &mut Output) {
        let presentation_changed = v.presentation != self.explorer.view().presentation;
        self.explorer.set_view(v);
        if presentation_changed {
            // The panels move (drawers over the graph, or back beside it).
            self.panels
                .set_presentation(self.explorer.view().presentation);
            out.layout = true;
            self.explorer.keep_framed();
        }
        out.view = true;
    }

    /// Opens or closes a side panel; a drawer or sheet that opens over the selected node moves
    /// the picture so that the node shows beside it.
    fn show_panel(&mut self, p: crate::app::screen::Panel, on: Option<bool>, out: &mut Output) {
        match on {
            Some(on) => self.panels.set_open(p, on),
            None => self.panels.toggle(p),
        }
        self.keep_selection_clear();
        out.layout = true;
        out.controls = true;
    }

    /// Moves the picture (same zoom) when the selected node lies under a drawer or sheet: to
    /// the middle of the part they leave clear.
    fn keep_selection_clear(&mut self) {
        let Some(Selection::Entity(e)) = self.explorer.view().selection else {
            return;
        };
        let c = self.explorer.camera;
        let (x0, y0, x1, y1) = self.panels.clear_area(c.width, c.height);
        let Some((x, y)) = self.explorer.screen_position(e) else {
            return;
        };
        let margin = 24.0;
        if x < x0 + margin || x > x1 - margin || y < y0 + margin || y > y1 - margin {
            self.explorer
                .focus_camera_at(e, (x0 + x1) / 2.0, (y0 + y1) / 2.0);
        }
    }

    fn update_view(&mut self, out: &mut Output, f: impl FnOnce(&mut ViewState)) {
        let mut v = self.explorer.view().clone();
        f(&mut v);
        self.set_view(v, out);
    }
}

/// Whether an event is something the user did (which clears a message on the status line);
/// pointer motion, sizes, typing a search and the search box losing the focus are not.
fn is_action(event: &Event) -> bool {
    match event {
        Event::PointerUp { .. }
        | Event::Wheel { .. }
        | Event::HashChanged(_)
        | Event::FullscreenLeft => true,
        Event::Key(k) => shortcut(k).is_some() || crate::app::story::key_command(k).is_some(),
        Event::SearchKey { key, .. } => key == "Enter",
        Event::Command(c) => !matches!(
            c,
            Command::Search(_)
                | Command::PathText(_)
                | Command::MoveSuggestion(_)
                | Command::HideSuggestions
                | Command::ReadingFiles(_)
                | Command::WorkerProgress { .. }
                | Command::WorkerResult { .. }
                | Command::WorkerFailed { .. }
        ),
        Event::PointerDown { .. }
        | Event::PointerMove { .. }
        | Event::PointerLeave
        | Event::Window { .. }
        | Event::Resize { .. } => false,
    }
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod touch_tests;
