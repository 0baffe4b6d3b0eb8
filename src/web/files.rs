//! Files in and out of the page: reading opened and dropped files, the paste box, removing
//! sources, the export menu, and downloads (including the PNG the renderer draws and the page
//! saved with the user's work). What to do with them is the session's.

use super::dom::{by_id, data_of_event, js_error_text, Listener};
use super::events::{command, forward, on};
use super::{send, App, Shared};
use crate::app::session::{Command, Download, Event, ReadFile};
use crate::io::library;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList, FileReader, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

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

    /// Starts a download.
    pub(crate) fn download(&self, d: Download) -> Result<(), JsValue> {
        match d {
            Download::File { name, mime, body } => self.save_file(name, mime, &body),
            Download::Png => {
                let ex = self.session.explorer();
                let canvas: web_sys::HtmlCanvasElement =
                    self.document.create_element("canvas")?.dyn_into()?;
                let mut r = super::draw::Renderer::new(&canvas)?;
                r.resize(&canvas, ex.camera.width, ex.camera.height, 2.0);
                r.draw(ex.last_frame(), &ex.x, ex.theme());
                let url = canvas.to_data_url_with_type("image/png")?;
                let bytes = crate::io::bundle::decode_data_url(&url)
                    .ok_or("the PNG could not be encoded")?;
                self.save_file("guanxi.png", "image/png", &bytes)
            }
            Download::Page { saved } => {
                let page = self
                    .pristine
                    .as_ref()
                    .and_then(|n| n.dyn_ref::<web_sys::Element>());
                let html = library::saved_page(
                    page.map(|e| {
                        self.complete_pristine(e);
                        e.outer_html()
                    })
                    .as_deref(),
                    &saved,
                );
                self.save_file("guanxi-project.html", "text/html", html.as_bytes())
            }
        }
    }

    /// Starts a download of `body` as `name`.
    fn save_file(&self, name: &str, mime: &str, body: &[u8]) -> Result<(), JsValue> {
        let arr = js_sys::Uint8Array::from(body);
        let parts = js_sys::Array::of1(&arr);
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let a: web_sys::HtmlAnchorElement = self.document.create_element("a")?.dyn_into()?;
        a.set_href(&url);
        a.set_download(name);
        a.set_attribute("data-testid", "download-link")?;
        self.document.body().ok_or("no body")?.append_child(&a)?;
        a.click();
        a.remove();
        // Revoke later: Chromium starts the download asynchronously.
        let revoke = Closure::once_into_js(move || {
            let _ignored = web_sys::Url::revoke_object_url(&url);
        });
        self.window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                revoke.unchecked_ref(),
                10_000,
            )?;
        Ok(())
    }

    /// Opens or closes the paste box (`None`: toggles it).
    fn toggle_paste(&self, open: Option<bool>) {
        let Some(bx) = self
            .document
            .get_element_by_id("paste-box")
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let show = open.unwrap_or(bx.hidden());
        bx.set_hidden(!show);
        if let Some(b) = self.document.get_element_by_id("paste-open") {
            let _ignored = b.set_attribute("aria-expanded", if show { "true" } else { "false" });
        }
        if show {
            super::dom::focus(&self.document, "paste-text");
        }
    }

    /// The pasted text was added: clears and closes the box.
    pub(crate) fn close_paste(&self) {
        if let Some(area) = paste_area(&self.document) {
            area.set_value("");
        }
        self.toggle_paste(Some(false));
    }
}

fn paste_area(doc: &web_sys::Document) -> Option<HtmlTextAreaElement> {
    doc.get_element_by_id("paste-text")?.dyn_into().ok()
}

/// Reads files one after another (10,000 tiny files must not open 10,000 readers at once),
/// then hands the bytes to the session.
fn read_files(app: &Shared, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    send(app, Event::Command(Command::ReadingFiles(files.len())));
    let job = Rc::new(RefCell::new((files.into_iter(), Vec::new())));
    next_file(app.clone(), job);
}

type ReadJob = Rc<RefCell<(std::vec::IntoIter<File>, Vec<ReadFile>)>>;

fn next_file(app: Shared, job: ReadJob) {
    let next = job.borrow_mut().0.next();
    let Some(file) = next else {
        let results = std::mem::take(&mut job.borrow_mut().1);
        send(&app, Event::Command(Command::Import(results)));
        return;
    };
    let name = file.name();
    if let Some(msg) = library::refused_before_reading(file.size()) {
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
    let onload = Closure::once_into_js(move |_ev: web_sys::Event| {
        let result = r2
            .result()
            .map(|buf| js_sys::Uint8Array::new(&buf).to_vec())
            .map_err(|e| js_error_text(&e));
        j.borrow_mut().1.push((n, result));
        next_file(a, j);
    });
    let (a, j) = (app, job);
    let onerror = Closure::once_into_js(move |_ev: web_sys::Event| {
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

/// Shows or hides the drop hint.
fn dragging(doc: &web_sys::Document, on: bool) {
    if let Some(b) = doc.body() {
        let _ignored = b.class_list().toggle_with_force("dragging", on);
    }
}

/// Listeners for import, drag-and-drop, paste, sources and exports.
pub(crate) fn wire(app: &Shared, ls: &mut Vec<Listener>) -> Result<(), JsValue> {
    let (doc, win) = {
        let a = app.borrow();
        (a.document.clone(), a.window.clone())
    };
    let a = app.clone();
    on(ls, by_id(&doc, "import")?.as_ref(), "change", move |ev| {
        if let Some(i) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            let files = files_of(i.files());
            i.set_value("");
            read_files(&a, files);
        }
    })?;
    for kind in ["dragenter", "dragover"] {
        let d = doc.clone();
        on(ls, &win, kind, move |ev| {
            ev.prevent_default();
            dragging(&d, true);
        })?;
    }
    let d = doc.clone();
    on(ls, &win, "dragleave", move |_| dragging(&d, false))?;
    let (a, d) = (app.clone(), doc.clone());
    on(ls, &win, "drop", move |ev| {
        ev.prevent_default();
        dragging(&d, false);
        let drag = ev.dyn_ref::<web_sys::DragEvent>();
        let files = drag.and_then(|d| d.data_transfer()).and_then(|t| t.files());
        read_files(&a, files_of(files));
    })?;
    for (id, open) in [("paste-open", None), ("paste-cancel", Some(false))] {
        let a = app.clone();
        on(ls, by_id(&doc, id)?.as_ref(), "click", move |_| {
            a.borrow().toggle_paste(open)
        })?;
    }
    let d = doc.clone();
    let paste = move |_: &web_sys::Event| command(Command::Paste(paste_area(&d)?.value()));
    forward(ls, app, by_id(&doc, "paste-add")?.as_ref(), "click", paste)?;
    forward(ls, app, by_id(&doc, "sources")?.as_ref(), "click", |ev| {
        let i = data_of_event(ev, "[data-remove-source]", "data-remove-source")?;
        command(Command::RemoveSource(i.parse().ok()?))
    })?;
    let d = doc.clone();
    let export = move |ev: &web_sys::Event| export_of(&d, ev);
    forward(
        ls,
        app,
        by_id(&doc, "export-menu")?.as_ref(),
        "click",
        export,
    )
}

/// The export chosen in the export menu (which closes), with the view-only box's state.
fn export_of(doc: &web_sys::Document, ev: &web_sys::Event) -> Option<Event> {
    let what = data_of_event(ev, "[data-export]", "data-export")?;
    if let Some(m) = doc.get_element_by_id("export-menu") {
        let _ignored = m.remove_attribute("open");
    }
    let view_only = doc
        .get_element_by_id("export-view")
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|i| i.checked());
    command(Command::of_export(&what, view_only)?)
}
