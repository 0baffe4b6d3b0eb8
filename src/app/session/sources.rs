//! The session's sources: the user's library and its saved form, extraction (over many
//! frames for a large corpus, with a recognition cache), imports, and exports.

use super::{
    Command, Download, ExportFormat, Output, ReadFile, Scope, Session, Showing, Status,
    SHOWING_KEY, STORAGE_KEY,
};
use crate::app::i18n::{Lang, Msg};
pub use crate::app::present::SourceRow;
use crate::app::Explorer;
use crate::io::{export, library};

impl Session {
    /// The rows of the list of sources.
    pub fn source_rows(&self) -> Vec<SourceRow> {
        let mut rows = Vec::new();
        if self.showing == Showing::Demo {
            rows.push(SourceRow {
                text: self.lang().text(Msg::DemoEmbedded).to_owned(),
                count: self.explorer.x.articles.len(),
                remove: None,
                demo: true,
            });
        }
        for (i, s) in self.library.sources.iter().enumerate() {
            let text = match s.graph {
                Some(_) => format!("{} · graph JSON · {}", s.name, s.encoding.as_str()),
                None => format!("{} · {}", s.name, s.encoding.as_str()),
            };
            rows.push(SourceRow {
                remove: Some((i, self.lang().fill(Msg::RemoveSource, &[&text]))),
                text,
                count: s.article_count(),
                demo: false,
            });
        }
        rows
    }

    pub(super) fn restore_saved(&mut self, embedded: Option<&str>) -> Option<String> {
        self.note_saved_generation();
        let embedded = embedded.filter(|t| !t.trim().is_empty());
        let (raw, from_storage) = match embedded {
            Some(t) => (t.to_owned(), false),
            None => (self.storage.get(STORAGE_KEY)?, true),
        };
        match library::load(&raw) {
            Ok((lib, view)) => {
                self.library = lib;
                // The demo, when it was chosen last in this browser (its view is not the one
                // saved with the sources).
                let demo_chosen =
                    from_storage && self.storage.get(SHOWING_KEY).as_deref() == Some("demo");
                if self.library.sources.is_empty() {
                    Some(view)
                } else if demo_chosen {
                    None
                } else {
                    self.showing = Showing::Library;
                    Some(view)
                }
            }
            Err(library::SavedError::Future(v)) if from_storage => {
                // Kept as it is, and never written over by this older version.
                self.saving.newer = Some(v);
                let e = library::SavedError::Future(v);
                self.pending_status = Some(Status::error(saved_error(&e, self.lang())));
                None
            }
            Err(e) => {
                if from_storage {
                    let aside = format!("{STORAGE_KEY}:set-aside:{}", self.host.unix_ms() as u64);
                    // Best effort: whether or not a copy could be kept, the damaged state must
                    // not be loaded again, and the message below says so. The copy is written
                    // before the removal is (storage keeps their order).
                    self.storage.write(&aside, raw);
                    self.storage.remove(STORAGE_KEY);
                }
                self.pending_status = Some(Status::error(saved_error(&e, self.lang())));
                None
            }
        }
    }

    /// Commands about the sources shown and exports.
    pub(super) fn library_command(&mut self, c: Command, out: &mut Output) {
        match c {
            Command::ReadingFiles(n) => {
                let lang = self.lang();
                out.status = Some(Status::info(
                    lang.fill(Msg::ReadingFiles, &[&lang.count(n, Msg::NFiles)]),
                ))
            }
            Command::Import(files) => self.finish_import(files, out),
            Command::Paste(text) => self.paste(&text, out),
            Command::RemoveSource(i) => {
                if let Some(src) = self.library.remove(i) {
                    self.rebuild(out);
                    self.persist();
                    out.status = Some(Status::info(self.lang().fill(Msg::Removed, &[&src.name])));
                }
            }
            Command::CancelImport => self.cancel_job(out),
            c @ (Command::WorkerProgress { .. }
            | Command::WorkerResult { .. }
            | Command::WorkerFailed { .. }) => self.worker_command(c, out),
            Command::ShowDemo => {
                self.choose(Showing::Demo);
                self.rebuild(out);
                out.status = Some(Status::info(self.lang().text(Msg::ShowingDemo)));
            }
            Command::ShowLibrary => {
                if self.library.sources.is_empty() {
                    out.status = Some(Status::info(self.lang().text(Msg::NoSourcesYet)));
                    return;
                }
                self.choose(Showing::Library);
                self.rebuild(out);
            }
            Command::Curate(c) => self.curate(c, out),
            Command::Export(format, scope) => {
                out.downloads = self.export(format, scope);
                let done = self.lang().fill(Msg::Exported, &[&format.as_str()]);
                out.status = Some(Status::info(done));
            }
            _ => {}
        }
    }

    /// Shows `showing` from now on, and remembers the choice for the next visit.
    fn choose(&mut self, showing: Showing) {
        self.showing = showing;
        match showing {
            // Best effort: without storage the choice lasts the visit.
            Showing::Demo => {
                let _best_effort = self.storage.set(SHOWING_KEY, "demo");
            }
            Showing::Library => self.storage.remove(SHOWING_KEY),
        }
    }

    /// Extracts the corpus shown again (after a change to the sources) and shows it. A large
    /// corpus is extracted over many frames (see [`Session::frame`]) with a progress bar; the
    /// current graph stays usable meanwhile.
    pub(super) fn rebuild(&mut self, out: &mut Output) {
        self.job = None;
        // A graph JSON is shown as it was checked on loading, without extracting.
        if let (Showing::Library, Some((_, g))) = (self.showing, self.library.graph()) {
            let explorer = Explorer::new(g.clone());
            self.install(explorer, out);
            return;
        }
        let explorer = match self.showing {
            Showing::Library if !self.library.sources.is_empty() => {
                let drafts = self.library.drafts();
                let chars: usize = drafts.iter().map(|d| d.text.len() / 3).sum();
                let large = match self.worker {
                    true => chars >= self.large_corpus_chars.min(super::WORKER_CORPUS_CHARS),
                    false => chars >= self.large_corpus_chars,
                };
                if large && self.worker {
                    // The worker loads its own knowledge.
                    return self.send_to_worker(drafts, out);
                }
                let knowledge = match self.host.knowledge() {
                    Ok(k) => k,
                    Err(e) => {
                        out.status = Some(Status::error(self.lang().fill(Msg::CannotRead, &[&e])));
                        return;
                    }
                };
                if large {
                    return self.extract_here(drafts, knowledge, out);
                }
                let mut x = crate::text::Extractor::new(knowledge);
                for d in drafts {
                    x.add_cached(d, &mut self.mention_cache);
                }
                self.mention_cache.sweep();
                Explorer::new(x.finish())
            }
            _ => {
                self.showing = Showing::Demo;
                (self.demo)()
            }
        };
        self.install(explorer, out);
    }

    /// Shows a new extraction as read, with the corrections of the corpus shown applied.
    fn install(&mut self, read: Explorer, out: &mut Output) {
        let explorer = self.corrected(read);
        self.show_corpus(explorer, out);
    }

    /// Shows a new corpus, keeping the picture where it can (see
    /// [`Explorer::carry_layout_from`]), presentation mode and the kinds of relation hidden.
    pub(super) fn show_corpus(&mut self, explorer: Explorer, out: &mut Output) {
        let presentation = self.explorer.view().presentation;
        // The kinds of relation hidden stay hidden in the new corpus.
        let hidden = self.explorer.view().filters.hidden_relations.clone();
        let old = std::mem::replace(&mut self.explorer, explorer);
        self.explorer.carry_layout_from(&old);
        self.explorer.set_lang(old.lang());
        self.explorer.update_view(|v| {
            v.presentation = presentation;
            v.filters.hidden_relations = hidden;
        });
        if let Some((w, h)) = self.viewport {
            self.explorer.resize(w, h);
        }
        self.explorer.invalidate();
        let t0 = self.host.now_ms();
        while self.host.now_ms() - t0 < self.burst_ms && self.explorer.tick(10) {}
        self.explorer.fit_to_screen();
        out.corpus = true;
        out.view = true;
        out.sources = true;
    }

    /// Adds read files to the library, then extracts once and reports.
    fn finish_import(&mut self, files: Vec<ReadFile>, out: &mut Output) {
        self.sources_before_import = Some(self.library.sources.len());
        let mut added = Vec::new();
        let mut failed = Vec::new();
        let lang = self.lang();
        for (name, bytes) in files {
            match bytes.map_err(|e| format!("{name}: {e}")).and_then(|b| {
                self.library
                    .add_file(&name, &b)
                    .map(|s| describe(s, lang))
                    .map_err(|e| add_error(&e, lang))
            }) {
                Ok(what) => added.push(format!("{name} ({what})")),
                Err(e) => failed.push(e),
            }
        }
        if !added.is_empty() {
            self.choose(Showing::Library);
            self.rebuild(out);
            self.persist();
        }
        let mut msg = String::new();
        if !added.is_empty() {
            let list = summarise(&added, lang);
            msg.push_str(&lang.fill(Msg::Loaded, &[&added.len(), &list]));
        }
        if !failed.is_empty() {
            let list = summarise(&failed, lang);
            msg.push_str(&lang.fill(Msg::NotLoaded, &[&failed.len(), &list]));
        }
        out.status = Some(Status {
            text: msg.trim().to_owned(),
            error: !failed.is_empty(),
        });
    }

    fn paste(&mut self, text: &str, out: &mut Output) {
        self.sources_before_import = Some(self.library.sources.len());
        let lang = self.lang();
        match self.library.add_text(text) {
            Ok(src) => {
                let msg = match &src.graph {
                    Some(_) => lang.fill(Msg::Added, &[&src.name, &describe(src, lang)]),
                    None => lang.fill(
                        Msg::AddedArticles,
                        &[
                            &src.name,
                            &lang.count(src.drafts.len(), Msg::NArticles),
                            &repeated(src, lang),
                        ],
                    ),
                };
                self.choose(Showing::Library);
                self.rebuild(out);
                self.persist();
                out.pasted = true;
                out.status = Some(Status::info(msg));
            }
            Err(e) => out.status = Some(Status::error(add_error(&e, lang))),
        }
    }

    /// The files of an export (the PNG and the page are made by the front end).
    fn export(&self, format: ExportFormat, scope: Scope) -> Vec<Download> {
        let ex = &self.explorer;
        let data = || match scope {
            Scope::View => {
                export::subset(&ex.x, |e| ex.is_visible(e), |r| ex.is_relation_visible(r))
            }
            Scope::All => ex.x.clone(),
        };
        // Importance, degree and community are those of the whole graph, also in a view.
        let all = ex.node_measures();
        let measures = match scope {
            Scope::View => all.subset(&ex.x, |e| ex.is_visible(e)),
            Scope::All => all.clone(),
        };
        let m = &measures;
        // GEXF, GraphML and CSV name everything by stable ids, filtered or not, with the
        // picture shown.
        let looks = ex.looks();
        let (shown, shown_relations): (Vec<bool>, Vec<bool>) = match scope {
            Scope::View => (
                ex.x.entities.iter().map(|e| ex.is_visible(e.id)).collect(),
                ex.x.relations_with_ids()
                    .map(|(r, _)| ex.is_relation_visible(r))
                    .collect(),
            ),
            Scope::All => (Vec::new(), Vec::new()),
        };
        let picture = export::Picture {
            looks: &looks,
            shown: &shown,
            shown_relations: &shown_relations,
            corrected: &self.curation.notes,
            ..export::Picture::whole(&ex.x, ex.stable_ids(), &all)
        };
        let file = |name, mime, body: String| Download::File {
            name,
            mime,
            body: body.into_bytes(),
        };
        match format {
            ExportFormat::Gexf => vec![file(
                "guanxi.gexf",
                "application/xml",
                export::gexf(&picture),
            )],
            ExportFormat::Graphml => vec![file(
                "guanxi.graphml",
                "application/xml",
                export::graphml(&picture),
            )],
            ExportFormat::Json => vec![file(
                "guanxi.json",
                "application/json",
                export::json_with(&data(), m),
            )],
            ExportFormat::Csv => {
                let (nodes, edges) = export::csv(&picture);
                // The header rows in the interface's language (the columns stay the same).
                let lang = self.lang();
                let nodes = export::with_header(&nodes, lang.text(Msg::CsvNodes));
                let edges = export::with_header(&edges, lang.text(Msg::CsvEdges));
                vec![
                    file("guanxi-nodes.csv", "text/csv", nodes),
                    file("guanxi-edges.csv", "text/csv", edges),
                ]
            }
            ExportFormat::Svg => {
                let (w, h) = (ex.camera.width, ex.camera.height);
                let svg = crate::render::svg::svg(ex.last_frame(), &ex.x, w, h, ex.theme());
                vec![file("guanxi.svg", "image/svg+xml", svg)]
            }
            ExportFormat::Png => vec![Download::Png],
            ExportFormat::Html => vec![Download::Page {
                saved: library::save(&self.library, &self.page_hash()),
            }],
        }
    }
}

/// Why a file was not added, in the interface's language (what the reader of a file or a
/// graph says stays as it says it).
fn add_error(e: &library::AddError, lang: Lang) -> String {
    use library::AddError as E;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (_, E::TooLarge { name, size, max }) => lang.fill(Msg::TooLarge, &[name, size, max]),
        (_, E::NoArticles(name)) => lang.fill(Msg::NoArticles, &[name]),
        (_, E::Graph { name, message }) => lang.fill(Msg::NotAGraph, &[name, message]),
        (_, E::Duplicate { name, of }) => lang.fill(Msg::Duplicate, &[name, of]),
        (_, e) => e.to_string(),
    }
}

/// Why the saved work was not loaded, in the interface's language.
fn saved_error(e: &library::SavedError, lang: Lang) -> String {
    use library::SavedError as E;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (_, E::Corrupt(why)) => lang.fill(Msg::SavedCorrupt, &[why]),
        (_, E::Checksum) => lang.text(Msg::SavedChecksum).to_owned(),
        (_, E::Future(v)) => lang.fill(Msg::SavedFuture, &[v, &library::SAVED_VERSION]),
    }
}

/// What a loaded source holds, for the status line: articles and encoding, or for a graph
/// JSON its articles, entities and relations.
fn describe(s: &library::Source, lang: Lang) -> String {
    match &s.graph {
        Some(g) => lang.fill(
            Msg::GraphJsonSummary,
            &[
                &lang.count(g.articles.len(), Msg::NArticles),
                &lang.count(g.entities.len(), Msg::NEntities),
                &lang.count(g.edges().count(), Msg::NRelations),
                &s.encoding.as_str(),
            ],
        ),
        None => lang.fill(
            Msg::ArticlesAndEncoding,
            &[
                &lang.count(s.drafts.len(), Msg::NArticles),
                &s.encoding.as_str(),
                &repeated(s, lang),
            ],
        ),
    }
}

/// What a source left out as already loaded, for the status line (empty when nothing).
fn repeated(s: &library::Source, lang: Lang) -> String {
    match s.repeated {
        0 => String::new(),
        n => lang.fill(Msg::AlreadyLoaded, &[&lang.count(n, Msg::NArticles)]),
    }
}

/// The first five items and how many more.
fn summarise(items: &[String], lang: Lang) -> String {
    let shown: Vec<&str> = items.iter().take(5).map(String::as_str).collect();
    let more = items.len().saturating_sub(5);
    if more > 0 {
        lang.fill(Msg::AndMore, &[&shown.join("; "), &more])
    } else {
        shown.join("; ")
    }
}

#[cfg(test)]
mod tests;
