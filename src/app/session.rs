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
mod event;
mod sources;
mod story;

pub use event::*;
pub use sources::SourceRow;

use super::panels::SortKey;
use super::present::count;
use super::view::{Depth, Focus, Selection, ViewState};
use super::Explorer;
use crate::app::gesture::Press;
use crate::io::library;
use crate::model::{EntityId, Extraction};
use crate::text::knowledge::{Knowledge, KnowledgeError};
use sources::ExtractJob;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The storage key of the saved work (library and view).
pub const STORAGE_KEY: &str = "guanxi:state";

/// The storage key that says the demo page was chosen over the user's sources ("demo").
pub const SHOWING_KEY: &str = "guanxi:showing";

/// Corpora at least this large (in characters) are extracted over many frames.
pub const LARGE_CORPUS_CHARS: usize = 300_000;

/// Layout time spent on a new corpus before it is first shown, so it opens nearly settled.
pub(super) const INSTALL_LAYOUT_MS: f64 = 120.0;

/// Suggestions shown under the search box while typing.
pub const MAX_SUGGESTIONS: usize = 12;

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
    job: Option<ExtractJob>,
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
        }
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
            format!("{} of {all}", self.listed_articles().len())
        }
    }

    /// The status line's summary of the corpus.
    pub fn summary(&self) -> String {
        let x = &self.explorer.x;
        let relations = x.relations.iter().filter(|r| r.source != r.target).count();
        format!(
            "{} · {} · {}",
            count(x.articles.len(), "article", "articles"),
            count(x.entities.len(), "entity", "entities"),
            count(relations, "relation", "relations")
        )
    }

    /// Start-up, first half: reads the saved work (a project embedded in the page wins over
    /// storage; damaged or newer work is set aside under another key and reported) and shows
    /// its corpus, or the demo. Returns the saved view's hash.
    pub fn open(&mut self, embedded: Option<&str>) -> (Output, Option<String>) {
        let saved_view = self.restore_saved(embedded);
        let mut out = Output::default();
        self.rebuild(&mut out);
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
                .get_or_insert(Status::error(e.to_string()));
        }
        out.status = Some(match (parsed, self.pending_status.take()) {
            (_, Some(s)) => s,
            (Ok(()), None) => self
                .position_note(&hash)
                .unwrap_or_else(|| Status::info(self.summary())),
            (Err(e), None) => Status::error(e.to_string()),
        });
        self.track_status(&out);
        out
    }

    /// One animation frame's work: a slice of a running extraction, then layout, each for
    /// about `budget_ms`. Draw afterwards if [`Explorer::needs_redraw`].
    pub fn frame(&mut self, budget_ms: f64) -> Output {
        let mut out = Output::default();
        if self.job.is_some() {
            self.step_job(budget_ms, &mut out);
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
        while self.host.now_ms() - t0 < budget_ms && self.explorer.tick(1) {}
        self.track_status(&out);
        out
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
            } => {
                self.pointers.insert(pointer, (x, y));
                if self.pointers.len() == 1 {
                    let now = self.host.now_ms();
                    self.press = Some(Press::new(pointer, kind, (x, y), now));
                    self.explorer.press(x, y, kind);
                } else {
                    // A second finger: a pinch, neither a tap nor a long press.
                    self.press = None;
                    self.explorer.pointer_leave();
                }
            }
            Event::PointerMove { pointer, x, y } => self.pointer_move(pointer, x, y, &mut out),
            Event::PointerUp { pointer, x, y } => {
                let was = self.pointers.len();
                self.pointers.remove(&pointer);
                let press = self.press.take();
                if press.is_some_and(|p| p.long_pressed) {
                    // The long press opened the details: the release is no tap.
                    self.explorer.pointer_leave();
                } else if was == 1 && self.explorer.pointer_up(x, y).is_some() {
                    // A click selects (the explorer sets the selection once); the page shows it.
                    out.view = true;
                } else if let Some(&(lx, ly)) = self.pointers.values().next() {
                    // One finger of a pinch lifted: the other pans on.
                    self.explorer.resume_pan(lx, ly);
                }
            }
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
            (Err(e), _) => Err(e.to_string()),
            (Ok(()), Err(e)) => Err(e.to_string()),
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
                format!("the link {} – {}", label(r.source)?, label(r.target)?)
            }
            Some(Selection::Entity(e)) => label(e)?.to_owned(),
            _ => match (v.focus, v.path) {
                (Some(f), _) => label(f.entity)?.to_owned(),
                (None, Some((a, b))) => format!("the path {} → {}", label(a)?, label(b)?),
                (None, None) => return None,
            },
        };
        Some(Status::info(format!(
            "This older link names {named} by its place in a list; check it is the one meant (the address now names it by kind and name)."
        )))
    }

    fn pointer_move(&mut self, pointer: i32, x: f32, y: f32, out: &mut Output) {
        if self.pointers.len() >= 2 && self.pointers.contains_key(&pointer) {
            // Pinch: zoom by the change in distance between the first two pointers, around
            // their midpoint, and follow the midpoint.
            let two = |p: &BTreeMap<i32, (f32, f32)>| {
                let mut it = p.values().copied();
                [it.next().unwrap_or_default(), it.next().unwrap_or_default()]
            };
            let before = two(&self.pointers);
            self.pointers.insert(pointer, (x, y));
            let p = crate::app::gesture::pinch(before, two(&self.pointers));
            self.explorer.zoom_at(p.centre.0, p.centre.1, p.factor);
            self.explorer.pan_by(p.pan.0, p.pan.1);
            return;
        }
        if let Some(p) = self.pointers.get_mut(&pointer) {
            *p = (x, y);
        }
        if let Some(p) = self.press.as_mut().filter(|p| p.pointer == pointer) {
            p.move_to((x, y));
        }
        if self.explorer.pointer_move(x, y) {
            out.cursor = Some(if self.explorer.hover().is_some() {
                Cursor::Pointer
            } else {
                Cursor::Grab
            });
        }
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
            Command::TogglePanel(p) => self.show_panel(p, None, out),
            Command::ShowPanel(p, on) => self.show_panel(p, Some(on), out),
            Command::ToggleArticle(a) => {
                // The browser's own choice (one article, or a Ctrl range) is not made.
                out.prevent_default = true;
                let all = self.explorer.x.articles.len();
                self.update_view(out, |v| {
                    let mut chosen = v.filters.articles.take().unwrap_or_default();
                    if !chosen.remove(&a) {
                        chosen.insert(a);
                    }
                    v.filters.articles =
                        (!chosen.is_empty() && chosen.len() < all).then_some(chosen)
                });
            }
            Command::Zoom(factor) => {
                let (w, h) = (self.explorer.camera.width, self.explorer.camera.height);
                self.explorer.zoom_at(w / 2.0, h / 2.0, factor);
            }
            Command::FocusSearch => {
                out.prevent_default = true;
                out.focus_search = true;
            }
            Command::ShowKind(kind, on) => {
                self.update_view(out, |v| v.filters.kinds[kind.index()] = on)
            }
            Command::Articles(mut chosen) => {
                // The list shows only what the search matches: the articles chosen before
                // that it does not show stay chosen.
                let listed = self.listed_articles();
                if let Some(before) = &self.explorer.view().filters.articles {
                    chosen.extend(before.iter().filter(|a| !listed.contains(a)));
                }
                let all = chosen.len() == self.explorer.x.articles.len();
                self.update_view(out, |v| {
                    v.filters.articles = (!chosen.is_empty() && !all).then_some(chosen)
                });
            }
            Command::AllArticles => self.update_view(out, |v| v.filters.articles = None),
            Command::ArticleSearch(q) => {
                self.article_query = q;
                out.articles = true;
                out.controls = true;
            }
            Command::Threshold(which, text) => match text.trim().parse::<u32>() {
                Ok(n) if n >= 1 => self.update_view(out, |v| match which {
                    Threshold::Mentions => v.filters.min_mentions = n,
                    Threshold::Weight => v.filters.min_weight = n,
                }),
                _ => {
                    out.status = Some(Status::error(
                        "Thresholds must be whole numbers of at least 1.",
                    ));
                    out.controls = true;
                }
            },
            Command::CoOccurrence(on) => self.update_view(out, |v| {
                v.filters
                    .show_relation(crate::model::RelationKind::CoOccurs, on)
            }),
            Command::ShowRelation(kind, on) => {
                self.update_view(out, |v| v.filters.show_relation(kind, on))
            }
            Command::Search(q) => {
                self.suggestions = self.explorer.search(&q);
                self.suggestions.truncate(MAX_SUGGESTIONS);
                self.suggestion = None;
                out.suggestions = true;
            }
            Command::MoveSuggestion(by) => self.move_suggestion(by, out),
            Command::ChooseSuggestion(q) => self.choose_suggestion(&q, out),
            Command::HideSuggestions => self.hide_suggestions(out),
            Command::PickSuggestion(id) => {
                self.hide_suggestions(out);
                if let Some(e) = self.explorer.stable_ids().entity_of(&id) {
                    self.select_entity(e, out);
                    out.focus_graph = true;
                }
            }
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

    /// A finger held still: select what is under it and open its details.
    fn long_press(&mut self, (x, y): (f32, f32), reach: f32, out: &mut Output) {
        // The release that follows is no tap, and no pan either.
        self.explorer.pointer_leave();
        let sel = match self.explorer.hit_within(x, y, reach) {
            Some(super::Hit::Entity(e)) => Selection::Entity(e),
            Some(super::Hit::Relation(r)) => Selection::Relation(r),
            None => return,
        };
        self.update_view(out, |v| v.selection = Some(sel));
        self.show_panel(crate::app::screen::Panel::Details, Some(true), out);
    }

    fn update_view(&mut self, out: &mut Output, f: impl FnOnce(&mut ViewState)) {
        let mut v = self.explorer.view().clone();
        f(&mut v);
        self.set_view(v, out);
    }

    /// Selects an entity from search or a list: makes it visible if filters hid it, centres
    /// it and opens its panels.
    fn select_entity(&mut self, e: EntityId, out: &mut Output) {
        let Some(ent) = self.explorer.x.entity(e) else {
            return;
        };
        let (kind, label) = (ent.kind, ent.label.clone());
        let mut v = self.explorer.view().clone();
        let mut note = None;
        if !self.explorer.is_visible(e) {
            v.filters.kinds[kind.index()] = true;
            v.filters.articles = None;
            v.filters.min_mentions = 1;
            v.filters.hidden_communities.clear();
            if v.focus.is_some_and(|f| f.entity != e) {
                v.focus = None;
            }
            note = Some(format!("Filters changed to show {label}."));
        }
        v.selection = Some(Selection::Entity(e));
        self.set_view(v, out);
        self.explorer.focus_camera_on(e);
        self.keep_selection_clear();
        if let Some(n) = note {
            out.status = Some(Status::info(n));
        }
    }

    fn toggle_focus(&mut self, depth: Depth, out: &mut Output) {
        let current = self.explorer.view().focus;
        let target = match (self.explorer.view().selection, current) {
            (Some(Selection::Entity(e)), _) => Some(e),
            (_, Some(f)) => Some(f.entity),
            _ => None,
        };
        let Some(e) = target else {
            out.status = Some(Status::info(
                "Select an entity first, then focus on its neighbourhood.",
            ));
            return;
        };
        let same = current.is_some_and(|f| f.entity == e && f.depth == depth);
        self.update_view(out, |v| {
            v.focus = (!same).then_some(Focus { entity: e, depth })
        });
        self.explorer.fit_to_screen();
    }

    fn reset(&mut self, out: &mut Output) {
        // Presentation mode and how nodes are coloured and sized stay.
        let ViewState {
            presentation,
            colour,
            size,
            ..
        } = *self.explorer.view();
        self.set_view(
            ViewState {
                presentation,
                colour,
                size,
                ..ViewState::default()
            },
            out,
        );
        self.explorer.fit_to_screen();
        out.status = Some(Status::info(self.summary()));
    }

    fn move_suggestion(&mut self, by: i32, out: &mut Output) {
        if self.suggestions.is_empty() {
            return;
        }
        let n = self.suggestions.len() as i32;
        let cur = self
            .suggestion
            .map_or(if by > 0 { -1 } else { 0 }, |s| s as i32);
        self.suggestion = Some((cur + by).rem_euclid(n) as usize);
        out.suggestions = true;
    }

    fn choose_suggestion(&mut self, q: &str, out: &mut Output) {
        if self.suggestions.is_empty() {
            self.suggestions = self.explorer.search(q);
        }
        let pick = self.suggestions.get(self.suggestion.unwrap_or(0)).copied();
        self.hide_suggestions(out);
        match pick {
            Some(e) => {
                self.select_entity(e, out);
                out.focus_graph = true;
            }
            None if q.trim().is_empty() => {}
            None => out.status = Some(Status::error(format!("No entity matches “{}”.", q.trim()))),
        }
    }

    fn hide_suggestions(&mut self, out: &mut Output) {
        self.suggestions.clear();
        self.suggestion = None;
        out.suggestions = true;
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
