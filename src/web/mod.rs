//! The thin web layer: owns the DOM, the canvas, the URL and the frame loop. DOM events become
//! [`Event`]s for the core's [`Session`] (`events`), and each [`Output`] it returns is applied
//! to the page (`apply`). Nothing here decides what to show.

mod bench;
mod dom;
mod draw;
mod events;
mod files;
mod inflate;
mod storage;
mod worker;

use crate::app::session::{Event, Host, Output, Session, Status};
use crate::text::knowledge::{Knowledge, KnowledgeError};
use dom::{by_id, js_error_text, Listener};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, Window};

/// Layout time per animation frame, so input never waits more than ~10 ms.
const LAYOUT_BUDGET_MS: f64 = 8.0;

pub(crate) struct App {
    window: Window,
    document: Document,
    canvas: HtmlCanvasElement,
    renderer: draw::Renderer,
    session: Session,
    ready: bool,
    listeners: Vec<Listener>,
    /// The document element as loaded, before the app filled it in (for "Save as HTML").
    pristine: Option<web_sys::Node>,
    /// The extraction worker, once started, and what it said since the last frame.
    worker: Option<worker::ImportWorker>,
    inbox: worker::Inbox,
}

type Shared = Rc<RefCell<App>>;

/// The page's clocks and its embedded recogniser.
struct PageHost {
    window: Window,
    document: Document,
}

impl Host for PageHost {
    fn now_ms(&self) -> f64 {
        now(&self.window)
    }
    fn unix_ms(&self) -> f64 {
        js_sys::Date::now()
    }
    fn knowledge(&self) -> Result<Arc<Knowledge>, KnowledgeError> {
        // Normally attached and loaded long before; then this only hands it over.
        inflate::attach_from_page(&self.document);
        inflate::with_loader(|l| l.finish())
    }
}

/// Entry point: runs when the module is instantiated. Does nothing without the app's root
/// element (so wasm-bindgen-test pages stay empty).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        dom::report_error(&format!(
            "guanxi stopped because of an internal error: {info}. Reload the page to start again."
        ));
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    if document.get_element_by_id("app").is_none() {
        return;
    }
    mark(&window, "guanxi:start");
    // Start-up once the saved work has been read.
    storage::open(&window.clone(), move |store| {
        let hash = window.location().hash().unwrap_or_default();
        let embedded = document.get_element_by_id("guanxi-project").is_some();
        let needs_assets = crate::app::session::needs_recogniser_at_start(&hash, embedded, &store);
        let doc = document.clone();
        let go = move || {
            if needs_assets {
                inflate::attach_from_page(&document);
            }
            let result = match crate::app::bench::is_bench(&hash) {
                true => bench::run(window, document),
                false => launch(window, document, store),
            };
            if let Err(e) = result {
                dom::report_error(&format!("guanxi could not start: {}", js_error_text(&e)));
            }
        };
        match needs_assets {
            true => inflate::when_parsed(&doc, go),
            false => go(),
        }
    });
}

fn launch(window: Window, document: Document, store: storage::PageStorage) -> Result<(), JsValue> {
    let hash = window.location().hash().unwrap_or_default();
    // The page as loaded, for "Save as HTML". A deep clone shares the big script texts with
    // the live page, so this costs little; serialising it waits until the user saves.
    let pristine = document
        .document_element()
        .and_then(|e| e.clone_node_with_deep(true).ok());
    // After the copy, so a saved page boots hidden too.
    dom::show_app(&document);
    let canvas: HtmlCanvasElement = by_id(&document, "graph-canvas")?.dyn_into()?;
    let renderer = draw::Renderer::new(&canvas)?;
    let host = PageHost {
        window: window.clone(),
        document: document.clone(),
    };
    let mut session = Session::new(Box::new(host), Box::new(store), crate::app::demo::demo);
    session.set_worker(worker::possible());
    let app = Rc::new(RefCell::new(App {
        window,
        document,
        canvas,
        renderer,
        session,
        ready: false,
        listeners: Vec::new(),
        pristine,
        worker: None,
        inbox: Default::default(),
    }));
    {
        let mut a = app.borrow_mut();
        // The canvas's size first, so the corpus is framed for it.
        a.resize();
        let embedded = a
            .document
            .get_element_by_id("guanxi-project")
            .and_then(|e| e.text_content());
        let browser = js_sys::Reflect::get(&a.window, &"navigator".into())
            .and_then(|n| js_sys::Reflect::get(&n, &"language".into()));
        a.session
            .start_lang(&browser.ok().and_then(|l| l.as_string()).unwrap_or_default());
        a.translate();
        let (opened, saved_view) = a.session.open(embedded.as_deref());
        mark(&a.window, "guanxi:extracted");
        // The URL wins; without one, the view saved with the user's work. The panels and
        // controls are built once for both.
        let shown = a.session.show_view(&hash, saved_view);
        a.apply(opened.then(shown));
    }
    // Every listener of the page; they live as long as the app.
    let mut listeners = Vec::new();
    events::wire(&app, &mut listeners)?;
    files::wire(&app, &mut listeners)?;
    app.borrow_mut().listeners = listeners;
    install_test_api(&app)?;
    // The first picture now rather than at the next animation frame: the canvas shows it
    // with this task's rendering.
    step(&mut app.borrow_mut());
    request_frame(app);
    Ok(())
}

/// A performance mark, so start-up phases can be read from the page's timeline.
fn mark(w: &Window, name: &str) {
    if let Some(p) = w.performance() {
        let _ignored = p.mark(name);
    }
}

fn now(w: &Window) -> f64 {
    w.performance().map(|p| p.now()).unwrap_or(0.0)
}

fn request_frame(app: Shared) {
    let window = app.borrow().window.clone();
    let cb = Closure::once_into_js(move || frame(app));
    if let Err(e) = window.request_animation_frame(cb.unchecked_ref()) {
        dom::report_error(&format!("cannot schedule drawing: {}", js_error_text(&e)));
    }
}

fn frame(app: Shared) {
    step(&mut app.borrow_mut());
    request_frame(app);
}

/// One frame's work: extraction and layout slices, then drawing if anything changed. The
/// first one also marks the app ready and starts loading the recogniser in the background.
fn step(a: &mut App) {
    let said = std::mem::take(&mut *a.inbox.borrow_mut());
    for c in said {
        let out = a.session.handle(Event::Command(c));
        a.apply(out);
    }
    let out = a.session.frame(LAYOUT_BUDGET_MS);
    a.apply(out);
    if a.session.explorer().needs_redraw() {
        let App {
            session, renderer, ..
        } = a;
        let explorer = session.explorer_mut();
        explorer.frame();
        renderer.draw(explorer.last_frame(), &explorer.x, explorer.theme());
    }
    if let Some(props) = a.session.explorer_mut().note_change() {
        dom::set_properties(&a.document, props);
    }
    if !a.ready {
        a.ready = true;
        a.mark_ready();
        inflate::warm_up(&a.window, &a.document);
    }
}

/// Hands an event to the session and shows what changed; whether the browser's default
/// action is to be prevented. An event that arrives while the page is busy with another
/// (a focus change caused by one) is dropped.
fn send(app: &Shared, event: Event) -> bool {
    let Ok(mut a) = app.try_borrow_mut() else {
        return false;
    };
    let out = a.session.handle(event);
    let prevent = out.prevent_default;
    a.apply(out);
    prevent
}

impl App {
    fn mark_ready(&self) {
        if let Some(root) = self.document.document_element() {
            let _ignored = root.set_attribute("data-ready", "1");
        }
        mark(&self.window, "guanxi:ready");
    }

    /// Gives the session the window's width (its layout: the panels move, and it is measured
    /// again), measures the canvas and gives the renderer and the session its size.
    fn resize(&mut self) {
        let root = self.document.document_element();
        let width = root.map_or(0.0, |e| e.client_width() as f32);
        let out = self.session.handle(Event::Window { width });
        if out.layout {
            return self.apply(out);
        }
        let w = self.canvas.client_width().max(1) as f32;
        let h = self.canvas.client_height().max(1) as f32;
        let dpr = self.window.device_pixel_ratio() as f32;
        self.renderer.resize(&self.canvas, w, h, dpr);
        self.session.handle(Event::Resize {
            width: w,
            height: h,
        });
    }

    /// Shows what the session says changed.
    fn apply(&mut self, out: Output) {
        if out.corpus {
            self.resize();
        }
        dom::set_properties(&self.document, self.session.output_properties(&out));
        if out.view || out.corpus {
            self.write_hash();
            self.apply_view_to_controls();
            self.refresh_panels();
        } else if out.controls {
            self.apply_view_to_controls();
        }
        let body = self.document.query_selector("#entity-list tbody");
        if let (Some(rows), Ok(Some(body))) = (&out.more_rows, body) {
            let _ignored = body.insert_adjacent_html("beforeend", rows);
        }
        if out.lang {
            self.translate();
        }
        if let Some(o) = out.worker {
            worker::order(&mut self.worker, &self.inbox, o);
        }
        if let Some(p) = out.progress {
            dom::set_properties(&self.document, self.session.progress_properties(p));
        }
        if let Some(c) = out.cursor {
            let _ignored = self.canvas.style().set_property("cursor", c.css());
        }
        if let Some(on) = out.fullscreen {
            self.fullscreen(on);
        }
        if out.layout {
            // The side panels moved: the canvas has a new size.
            self.resize();
        }
        let mut status = out.status;
        for d in out.downloads {
            if let Err(e) = self.download(d) {
                status = Some(Status::export_failed(
                    self.session.lang(),
                    &js_error_text(&e),
                ));
                break;
            }
        }
        if let Some(s) = status {
            dom::set_properties(&self.document, s.properties());
        }
        if out.focus_search {
            dom::focus(&self.document, "search");
        }
        if out.focus_graph {
            dom::focus(&self.document, "graph-canvas");
        }
        if out.pasted {
            self.close_paste();
        }
    }

    fn fullscreen(&self, on: bool) {
        if on {
            if let Some(root) = self.document.document_element() {
                let _ignored = root.request_fullscreen();
            }
        } else if self.document.fullscreen_element().is_some() {
            self.document.exit_fullscreen();
        }
    }

    fn write_hash(&self) {
        let loc = self.window.location();
        let (current, href) = (
            loc.hash().unwrap_or_default(),
            loc.href().unwrap_or_default(),
        );
        let hash = self.session.hash();
        if let Some(url) = crate::app::view::url_for_hash(&hash, &current, &href) {
            if let Ok(h) = self.window.history() {
                let _ignored = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
            }
        }
    }
}

/// `window.guanxi`: the session's functions for outside tests ([`crate::app::session::TEST_API`]).
fn install_test_api(app: &Shared) -> Result<(), JsValue> {
    let api = js_sys::Object::new();
    for name in crate::app::session::TEST_API {
        let a = Rc::downgrade(app);
        let c = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |arg: JsValue| {
            let app = a.upgrade();
            let s = app.as_ref().and_then(|app| app.try_borrow().ok());
            let v = s.and_then(|s| {
                s.session
                    .test_call(name, arg.as_string().as_deref(), arg.as_f64())
            });
            v.and_then(|v| js_sys::JSON::parse(&v.to_string()).ok())
                .unwrap_or(JsValue::NULL)
        });
        js_sys::Reflect::set(&api, &name.into(), c.as_ref())?;
        // The page lives as long as the function: hand its ownership to JS.
        c.forget();
    }
    js_sys::Reflect::set(&api, &"version".into(), &env!("CARGO_PKG_VERSION").into())?;
    js_sys::Reflect::set(&app.borrow().window, &"guanxi".into(), &api)?;
    Ok(())
}

#[cfg(test)]
mod tests;
