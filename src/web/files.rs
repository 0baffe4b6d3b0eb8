//! The user's own articles in the page: opening and dropping files, pasting text, the list of
//! sources, saved work in localStorage, and downloads (exports, PNG, SVG, Save as HTML).
//! Reading, decoding, validating and formats are the core's (`io::library`, `io::export`).

use super::dom::{by_id, js_error_text, Listener};
use super::{App, Shared};
use crate::io::export;
use crate::io::library;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Event, File, FileList, FileReader, HtmlElement, HtmlInputElement, HtmlTextAreaElement,
};

const STORAGE_KEY: &str = "guanxi:state";

/// Corpora at least this large (in characters) are extracted over many frames.
const LARGE_CORPUS_CHARS: usize = 300_000;

/// A large extraction in progress.
pub(crate) struct ExtractJob {
    queue: std::collections::VecDeque<crate::text::corpus::Draft>,
    extractor: crate::text::Extractor<'static>,
    total: usize,
    started: f64,
}

/// Where the corpus shown comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Showing {
    /// The embedded demo page.
    Demo,
    /// The user's sources.
    Library,
}

/// Whether the page opens the user's work (a project saved into the page, or one kept in
/// localStorage) rather than the built-in demo.
pub(crate) fn has_saved_work(window: &web_sys::Window, document: &web_sys::Document) -> bool {
    if document.get_element_by_id("guanxi-project").is_some() {
        return true;
    }
    // By key name: the saved value (up to megabytes) is read once, later, by `restore_saved`.
    let Some(storage) = window.local_storage().ok().flatten() else {
        return false;
    };
    let n = storage.length().unwrap_or(0);
    (0..n).any(|i| storage.key(i).ok().flatten().as_deref() == Some(STORAGE_KEY))
}

impl App {
    /// The copy of the page taken at start-up may predate the data blocks the browser read
    /// after the code started; copies them in from the live page (which never changes them).
    fn complete_pristine(&self, pristine: &web_sys::Element) {
        let Ok(Some(body)) = pristine.query_selector("body") else {
            return;
        };
        for asset in crate::text::assets::Asset::ALL {
            let id = asset.block_id();
            let have = pristine.query_selector(&format!("#{id}")).ok().flatten();
            if have.is_some() {
                continue;
            }
            if let Some(Ok(copy)) = self
                .document
                .get_element_by_id(id)
                .map(|live| live.clone_node_with_deep(true))
            {
                let _ignored = body.append_child(&copy);
            }
        }
    }

    /// Reads the saved work: a project embedded in this HTML file wins over localStorage.
    /// Damaged or newer states are set aside (kept under another key) and reported.
    pub(crate) fn restore_saved(&mut self) -> Option<String> {
        let embedded = self
            .document
            .get_element_by_id("guanxi-project")
            .and_then(|e| e.text_content())
            .filter(|t| !t.trim().is_empty());
        let storage = self.window.local_storage().ok().flatten();
        let (raw, from_storage) = match embedded {
            Some(t) => (t, false),
            None => (
                storage.as_ref()?.get_item(STORAGE_KEY).ok().flatten()?,
                true,
            ),
        };
        match library::load(&raw) {
            Ok((lib, view)) => {
                self.library = lib;
                if !self.library.sources.is_empty() {
                    self.showing = Showing::Library;
                }
                Some(view)
            }
            Err(e) => {
                if from_storage {
                    if let Some(s) = &storage {
                        let aside =
                            format!("{STORAGE_KEY}:set-aside:{}", js_sys::Date::now() as u64);
                        let _ignored = s.set_item(&aside, &raw);
                        let _ignored = s.remove_item(STORAGE_KEY);
                    }
                }
                self.pending_status = Some((e.to_string(), true));
                None
            }
        }
    }

    /// Writes the library and view to localStorage; reports (and keeps going) when it cannot.
    pub(crate) fn persist(&self) {
        let Some(storage) = self.window.local_storage().ok().flatten() else {
            return;
        };
        let saved = library::save(&self.library, &self.explorer.view().to_hash());
        if let Err(e) = storage.set_item(STORAGE_KEY, &saved) {
            self.status(
                &format!(
                    "Your articles stay open, but could not be saved in this browser: {}",
                    js_error_text(&e)
                ),
                true,
            );
        }
    }

    /// Re-extracts the corpus shown (after a change to the sources) and redraws everything.
    /// A large corpus is extracted over many frames (see [`App::step_job`]) with a progress
    /// bar and a cancel button; the current graph stays usable meanwhile.
    pub(crate) fn rebuild(&mut self) {
        self.job = None;
        let explorer = match self.showing {
            Showing::Library if !self.library.sources.is_empty() => {
                // Normally attached long before; a no-op then.
                super::inflate::attach_from_page(&self.document);
                let drafts = self.library.drafts();
                let chars: usize = drafts.iter().map(|d| d.text.len() / 3).sum();
                if chars >= LARGE_CORPUS_CHARS {
                    self.job = Some(ExtractJob {
                        total: drafts.len(),
                        queue: drafts.into(),
                        extractor: crate::text::Extractor::new(crate::text::ner::shipped()),
                        started: super::now(&self.window),
                    });
                    self.show_progress(true);
                    return;
                }
                let mut x = crate::text::Extractor::new(crate::text::ner::shipped());
                for d in drafts {
                    x.add_cached(d, &mut self.mention_cache);
                }
                self.mention_cache.sweep();
                crate::app::Explorer::new(x.finish())
            }
            _ => {
                self.showing = Showing::Demo;
                super::demo()
            }
        };
        self.install_explorer(explorer);
    }

    /// Continues a large extraction for about `budget_ms`; installs the graph when done.
    pub(crate) fn step_job(&mut self, budget_ms: f64) {
        let t0 = super::now(&self.window);
        let Some(job) = self.job.as_mut() else { return };
        while super::now(&self.window) - t0 < budget_ms {
            match job.queue.pop_front() {
                Some(d) => job.extractor.add_cached(d, &mut self.mention_cache),
                None => break,
            }
        }
        let (done, total) = (job.extractor.len(), job.total);
        if !job.queue.is_empty() {
            self.set_progress(done, total);
            return;
        }
        let Some(job) = self.job.take() else { return };
        let secs = (super::now(&self.window) - job.started) / 1000.0;
        self.mention_cache.sweep();
        let (x, stats) = job.extractor.finish_with_stats();
        self.show_progress(false);
        self.sources_before_import = None;
        self.install(x);
        self.persist();
        let capped = match stats.capped_sentences {
            0 => String::new(),
            n => format!(" Same-sentence links were capped in {n} sentences listing many names."),
        };
        self.status(
            &format!("Extracted {total} articles in {secs:.1} s.{capped}"),
            false,
        );
    }

    /// Stops a running extraction and drops the sources it was for; what was shown stays.
    pub(crate) fn cancel_job(&mut self) {
        if self.job.take().is_some() {
            self.show_progress(false);
            if let Some(n) = self.sources_before_import.take() {
                self.library.sources.truncate(n);
                self.persist();
            }
            if self.library.sources.is_empty() {
                self.showing = Showing::Demo;
            }
            self.render_sources();
            self.status("Import cancelled; nothing changed.", false);
        }
    }

    fn show_progress(&self, on: bool) {
        if let Some(b) = self
            .document
            .get_element_by_id("import-progress-box")
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            b.set_hidden(!on);
        }
    }

    fn set_progress(&self, done: usize, total: usize) {
        if let Some(p) = self.document.get_element_by_id("import-progress") {
            let _ignored =
                p.set_attribute("value", &format!("{}", done as f64 / total.max(1) as f64));
        }
        if let Some(t) = self.document.get_element_by_id("import-progress-text") {
            t.set_text_content(Some(&format!("{done} / {total} articles")));
        }
    }

    /// Shows a new extraction: explorer, controls, panels, sources.
    fn install(&mut self, x: crate::model::Extraction) {
        self.install_explorer(crate::app::Explorer::new(x));
    }

    fn install_explorer(&mut self, explorer: crate::app::Explorer) {
        let presentation = self.explorer.view().presentation;
        let old = std::mem::replace(&mut self.explorer, explorer);
        self.explorer.carry_layout_from(&old);
        self.explorer.update_view(|v| v.presentation = presentation);
        self.resize();
        let t0 = super::now(&self.window);
        while super::now(&self.window) - t0 < 120.0 && self.explorer.tick(10) {}
        self.explorer.fit_to_screen();
        if let Err(e) = self.build_static_controls() {
            self.status(
                &format!("could not rebuild the controls: {}", js_error_text(&e)),
                true,
            );
        }
        self.write_hash();
        self.apply_view_to_controls();
        self.refresh_panels();
        self.render_sources();
    }

    pub(crate) fn render_sources(&self) {
        let doc = &self.document;
        let Some(list) = doc.get_element_by_id("sources") else {
            return;
        };
        list.set_text_content(None);
        let item = |text: &str, count: usize, remove: Option<usize>, active: bool| -> Option<()> {
            let li = doc.create_element("li").ok()?;
            if active {
                li.set_class_name("active-demo");
            }
            let name = doc.create_element("span").ok()?;
            name.set_text_content(Some(text));
            li.append_child(&name).ok()?;
            let c = doc.create_element("span").ok()?;
            c.set_class_name("count");
            c.set_text_content(Some(&count.to_string()));
            li.append_child(&c).ok()?;
            if let Some(i) = remove {
                let b = doc.create_element("button").ok()?;
                b.set_text_content(Some("✕"));
                b.set_attribute("data-remove-source", &i.to_string()).ok()?;
                b.set_attribute("data-testid", "remove-source").ok()?;
                b.set_attribute("aria-label", &format!("Remove {text}"))
                    .ok()?;
                li.append_child(&b).ok()?;
            }
            list.append_child(&li).ok()?;
            Some(())
        };
        if self.showing == Showing::Demo {
            item(
                "Demo page (embedded)",
                self.explorer.x.articles.len(),
                None,
                true,
            );
        }
        for (i, s) in self.library.sources.iter().enumerate() {
            let label = format!("{} · {}", s.name, s.encoding.as_str());
            item(&label, s.drafts.len(), Some(i), false);
        }
    }

    /// Adds read files to the library, then rebuilds once and reports.
    fn finish_import(&mut self, results: Vec<(String, Result<Vec<u8>, String>)>) {
        self.sources_before_import = Some(self.library.sources.len());
        let mut added = Vec::new();
        let mut failed = Vec::new();
        for (name, bytes) in results {
            match bytes.map_err(|e| format!("{name}: {e}")).and_then(|b| {
                self.library
                    .add_file(&name, &b)
                    .map(|s| (s.drafts.len(), s.encoding))
                    .map_err(|e| e.to_string())
            }) {
                Ok((n, enc)) => added.push(format!("{name} ({n} articles, {})", enc.as_str())),
                Err(e) => failed.push(e),
            }
        }
        if !added.is_empty() {
            self.showing = Showing::Library;
            self.rebuild();
            self.persist();
        }
        let mut msg = String::new();
        if !added.is_empty() {
            msg.push_str(&format!("Loaded {}: {}.", added.len(), summarise(&added)));
        }
        if !failed.is_empty() {
            msg.push_str(&format!(
                " Not loaded ({}): {}.",
                failed.len(),
                summarise(&failed)
            ));
        }
        self.status(msg.trim(), !failed.is_empty());
    }
}

fn summarise(items: &[String]) -> String {
    let shown: Vec<&str> = items.iter().take(5).map(String::as_str).collect();
    let more = items.len().saturating_sub(5);
    if more > 0 {
        format!("{} and {more} more", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

/// Reads files one after another (10,000 tiny files must not open 10,000 readers at once),
/// then hands the bytes to the app.
fn read_files(app: &Shared, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    app.borrow()
        .status(&format!("Reading {} file(s)…", files.len()), false);
    let job = Rc::new(RefCell::new((files.into_iter(), Vec::new())));
    next_file(app.clone(), job);
}

type ReadJob = Rc<
    RefCell<(
        std::vec::IntoIter<File>,
        Vec<(String, Result<Vec<u8>, String>)>,
    )>,
>;

fn next_file(app: Shared, job: ReadJob) {
    let next = job.borrow_mut().0.next();
    let Some(file) = next else {
        let results = std::mem::take(&mut job.borrow_mut().1);
        app.borrow_mut().finish_import(results);
        return;
    };
    let name = file.name();
    if file.size() > library::MAX_FILE_BYTES as f64 {
        let msg = format!(
            "{} MB is more than the {} MB a file may have",
            (file.size() / 1048576.0).round(),
            library::MAX_FILE_BYTES / 1048576
        );
        job.borrow_mut().1.push((name, Err(msg)));
        return next_file(app, job);
    }
    let reader = match FileReader::new() {
        Ok(r) => r,
        Err(e) => {
            job.borrow_mut().1.push((name, Err(js_error_text(&e))));
            return next_file(app, job);
        }
    };
    let r2 = reader.clone();
    let (a, j, n) = (app.clone(), job.clone(), name.clone());
    let onload = Closure::once_into_js(move |_ev: Event| {
        let result = r2
            .result()
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
            .map_err(|e| js_error_text(&e));
        j.borrow_mut().1.push((n, result));
        next_file(a, j);
    });
    let (a, j) = (app, job);
    let onerror = Closure::once_into_js(move |_ev: Event| {
        j.borrow_mut()
            .1
            .push((name, Err("the browser could not read this file".into())));
        next_file(a, j);
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    reader.set_onerror(Some(onerror.unchecked_ref()));
    if let Err(e) = reader.read_as_array_buffer(&file) {
        super::dom::report_error(&format!("could not read a file: {}", js_error_text(&e)));
    }
}

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Starts a download of `bytes` as `name`.
fn download(app: &App, name: &str, mime: &str, body: &[u8]) -> Result<(), JsValue> {
    let arr = js_sys::Uint8Array::from(body);
    let parts = js_sys::Array::of1(&arr);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = app.document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("data-testid", "download-link")?;
    app.document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: Chromium starts the download asynchronously.
    let revoke = Closure::once_into_js(move || {
        let _ignored = web_sys::Url::revoke_object_url(&url);
    });
    app.window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

impl App {
    fn export(&mut self, what: &str) -> Result<(), JsValue> {
        let view_only = self
            .document
            .get_element_by_id("export-view")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|i| i.checked());
        let ex = &self.explorer;
        let x = if view_only {
            export::subset(
                &ex.x,
                |e| ex.is_visible(e),
                |r| ex.is_relation_visible(r as u32),
            )
        } else {
            ex.x.clone()
        };
        match what {
            "gexf" => download(
                self,
                "guanxi.gexf",
                "application/xml",
                export::gexf(&x).as_bytes(),
            ),
            "graphml" => download(
                self,
                "guanxi.graphml",
                "application/xml",
                export::graphml(&x).as_bytes(),
            ),
            "json" => download(
                self,
                "guanxi.json",
                "application/json",
                export::json(&x).as_bytes(),
            ),
            "csv" => {
                let (nodes, edges) = export::csv(&x);
                download(self, "guanxi-nodes.csv", "text/csv", nodes.as_bytes())?;
                download(self, "guanxi-edges.csv", "text/csv", edges.as_bytes())
            }
            "svg" => {
                let (w, h) = (ex.camera.width, ex.camera.height);
                let svg = export::svg(ex.last_frame(), &ex.x, w, h, ex.view().presentation);
                download(self, "guanxi.svg", "image/svg+xml", svg.as_bytes())
            }
            "png" => {
                let canvas: web_sys::HtmlCanvasElement =
                    self.document.create_element("canvas")?.dyn_into()?;
                let mut r = super::draw::Renderer::new(&canvas)?;
                r.resize(&canvas, ex.camera.width, ex.camera.height, 2.0);
                r.draw(ex.last_frame(), &ex.x, ex.view().presentation);
                let url = canvas.to_data_url_with_type("image/png")?;
                let b64 = url.split_once(',').map(|(_, b)| b).unwrap_or("");
                let bytes =
                    crate::io::bundle::decode_base64(b64).ok_or("the PNG could not be encoded")?;
                download(self, "guanxi.png", "image/png", &bytes)
            }
            "html" => {
                let saved = library::save(&self.library, &ex.view().to_hash());
                let pristine = self
                    .pristine
                    .as_ref()
                    .and_then(|n| n.dyn_ref::<web_sys::Element>())
                    .map(|e| {
                        self.complete_pristine(e);
                        format!("<!doctype html>\n{}", e.outer_html())
                    })
                    .unwrap_or_default();
                // ASCII, as the built page is, so it opens as fast.
                let html = crate::io::bundle::to_ascii(&library::embed_in_html(&pristine, &saved));
                download(self, "guanxi-project.html", "text/html", html.as_bytes())
            }
            _ => Ok(()),
        }
    }
}

/// Listeners for import, paste, sources, exports and drag-and-drop.
pub(crate) fn wire(app: &Shared, ls: &mut Vec<Listener>) -> Result<(), JsValue> {
    let (doc, win) = {
        let a = app.borrow();
        (a.document.clone(), a.window.clone())
    };
    let input = by_id(&doc, "import")?;
    let a = app.clone();
    ls.push(Listener::new(
        &input,
        "change",
        Box::new(move |ev: Event| {
            let Some(i) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let files = files_of(i.files());
            i.set_value("");
            read_files(&a, files);
        }),
    )?);
    for kind in ["dragenter", "dragover"] {
        let d = doc.clone();
        ls.push(Listener::new(
            &win,
            kind,
            Box::new(move |ev: Event| {
                ev.prevent_default();
                if let Some(b) = d.body() {
                    let _ignored = b.class_list().add_1("dragging");
                }
            }),
        )?);
    }
    let d = doc.clone();
    ls.push(Listener::new(
        &win,
        "dragleave",
        Box::new(move |_ev: Event| {
            if let Some(b) = d.body() {
                let _ignored = b.class_list().remove_1("dragging");
            }
        }),
    )?);
    let a = app.clone();
    let d = doc.clone();
    ls.push(Listener::new(
        &win,
        "drop",
        Box::new(move |ev: Event| {
            ev.prevent_default();
            if let Some(b) = d.body() {
                let _ignored = b.class_list().remove_1("dragging");
            }
            let files = ev
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .and_then(|t| t.files());
            read_files(&a, files_of(files));
        }),
    )?);

    let a = app.clone();
    let open = by_id(&doc, "paste-open")?;
    ls.push(Listener::new(
        &open,
        "click",
        Box::new(move |_| toggle_paste(&a.borrow(), None)),
    )?);
    let a = app.clone();
    let cancel = by_id(&doc, "paste-cancel")?;
    ls.push(Listener::new(
        &cancel,
        "click",
        Box::new(move |_| toggle_paste(&a.borrow(), Some(false))),
    )?);
    let a = app.clone();
    let add = by_id(&doc, "paste-add")?;
    ls.push(Listener::new(
        &add,
        "click",
        Box::new(move |_| {
            let mut s = a.borrow_mut();
            let Some(area) = s
                .document
                .get_element_by_id("paste-text")
                .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
            else {
                return;
            };
            s.sources_before_import = Some(s.library.sources.len());
            match s.library.add_text(&area.value()) {
                Ok(src) => {
                    let msg = format!("Added {} ({} articles).", src.name, src.drafts.len());
                    area.set_value("");
                    s.showing = Showing::Library;
                    s.rebuild();
                    s.persist();
                    toggle_paste(&s, Some(false));
                    s.status(&msg, false);
                }
                Err(e) => s.status(&e.to_string(), true),
            }
        }),
    )?);

    let a = app.clone();
    let sources = by_id(&doc, "sources")?;
    ls.push(Listener::new(
        &sources,
        "click",
        Box::new(move |ev: Event| {
            let Some(i) =
                super::dom::data_of_event(&ev, "[data-remove-source]", "data-remove-source")
                    .and_then(|v| v.parse::<usize>().ok())
            else {
                return;
            };
            let mut s = a.borrow_mut();
            if let Some(src) = s.library.remove(i) {
                s.rebuild();
                s.persist();
                s.status(&format!("Removed {}.", src.name), false);
            }
        }),
    )?);
    let a = app.clone();
    let cancel = by_id(&doc, "import-cancel")?;
    ls.push(Listener::new(
        &cancel,
        "click",
        Box::new(move |_| a.borrow_mut().cancel_job()),
    )?);
    let a = app.clone();
    let demo = by_id(&doc, "demo")?;
    ls.push(Listener::new(
        &demo,
        "click",
        Box::new(move |_| {
            let mut s = a.borrow_mut();
            s.showing = Showing::Demo;
            s.rebuild();
            s.status(
                "Showing the demo page; your sources are kept (My sources).",
                false,
            );
        }),
    )?);
    let a = app.clone();
    let mine = by_id(&doc, "my-sources")?;
    ls.push(Listener::new(
        &mine,
        "click",
        Box::new(move |_| {
            let mut s = a.borrow_mut();
            if s.library.sources.is_empty() {
                s.status(
                    "No sources yet: open files, drop them here, or paste text.",
                    false,
                );
                return;
            }
            s.showing = Showing::Library;
            s.rebuild();
        }),
    )?);

    let menu = by_id(&doc, "export-menu")?;
    let a = app.clone();
    ls.push(Listener::new(
        &menu,
        "click",
        Box::new(move |ev: Event| {
            let Some(what) = super::dom::data_of_event(&ev, "[data-export]", "data-export") else {
                return;
            };
            let mut s = a.borrow_mut();
            if let Some(m) = s.document.get_element_by_id("export-menu") {
                let _ignored = m.remove_attribute("open");
            }
            match s.export(&what) {
                Ok(()) => s.status(&format!("Exported {what}."), false),
                Err(e) => s.status(&format!("Export failed: {}", js_error_text(&e)), true),
            }
        }),
    )?);
    Ok(())
}

fn toggle_paste(app: &App, open: Option<bool>) {
    let Some(bx) = app
        .document
        .get_element_by_id("paste-box")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    let show = open.unwrap_or(bx.hidden());
    bx.set_hidden(!show);
    if let Some(b) = app.document.get_element_by_id("paste-open") {
        let _ignored = b.set_attribute("aria-expanded", if show { "true" } else { "false" });
    }
    if show {
        if let Some(t) = app
            .document
            .get_element_by_id("paste-text")
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ignored = t.focus();
        }
    }
}
