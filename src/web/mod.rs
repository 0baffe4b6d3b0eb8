//! The thin web layer: owns the DOM, the canvas, input events, the URL and the frame loop, and
//! calls the core for everything else. Nothing here decides what to show.

mod bench;
mod dom;
mod draw;
mod files;
mod inflate;

use crate::app::panels::SortKey;
use crate::app::view::{CoOccurrence, Depth, Focus, Selection, ViewState};
use crate::app::Explorer;
use crate::model::{ArticleId, EntityId, EntityKind};
use dom::{by_id, Listener};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Event, HtmlCanvasElement, HtmlElement, HtmlInputElement, KeyboardEvent, PointerEvent,
    WheelEvent, Window,
};

/// The embedded default corpus: one newspaper page.
const SEED_PAGE: &str = include_str!("../../data/seed-page.txt");

/// Layout time per animation frame, so input never waits more than ~10 ms.
const LAYOUT_BUDGET_MS: f64 = 8.0;

pub(crate) struct App {
    window: Window,
    document: Document,
    canvas: HtmlCanvasElement,
    renderer: draw::Renderer,
    explorer: Explorer,
    sort: (SortKey, bool),
    /// Active pointers (for pinch zoom): id → last position.
    pointers: BTreeMap<i32, (f32, f32)>,
    suggestion: Option<usize>,
    suggestions: Vec<EntityId>,
    ready: bool,
    listeners: Vec<Listener>,
    library: crate::io::library::Library,
    showing: files::Showing,
    /// The page as loaded (before any DOM change), for "Save as HTML".
    /// The document element as loaded, before the app filled it in.
    pristine: Option<web_sys::Node>,
    /// A message to show once start-up is done (e.g. saved work set aside).
    pending_status: Option<(String, bool)>,
    /// A large extraction running over several frames.
    job: Option<files::ExtractJob>,
    /// How many sources there were before the running import (to undo it on cancel).
    sources_before_import: Option<usize>,
    /// Recognition results of the user's articles, so adding or removing a source only reads
    /// the new articles again.
    mention_cache: crate::text::MentionCache,
}

/// The demo page prepared at build time (empty when the build did not provide it).
const PRECOMPUTED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seed-prepared.json"));

/// The demo page: the build-time preparation when present, else extracted and laid out now.
fn demo() -> Explorer {
    match serde_json::from_slice::<crate::app::Prepared>(PRECOMPUTED) {
        Ok(p) => Explorer::from_prepared(p),
        Err(_) => Explorer::new(crate::text::extract(seed_drafts())),
    }
}

/// The embedded demo page as article drafts.
fn seed_drafts() -> Vec<crate::text::corpus::Draft> {
    // The embedded page is part of the build; a failure to read it is a build bug.
    crate::text::corpus::read("seed-page.txt", SEED_PAGE.as_bytes()).unwrap_or_default()
}

type Shared = Rc<RefCell<App>>;

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
    let hash = window.location().hash().unwrap_or_default();
    let bench = hash.starts_with("#bench");
    // The demo needs nothing from the data blocks the browser may still be reading (its
    // extraction is built in); benchmarks and the user's own articles need the recogniser.
    let needs_assets = bench || files::has_saved_work(&window, &document);
    let doc = document.clone();
    let go = move || {
        if needs_assets {
            inflate::attach_from_page(&document);
        }
        let result = if bench {
            bench::run(window, document)
        } else {
            launch(window, document, &hash)
        };
        if let Err(e) = result {
            dom::report_error(&format!(
                "guanxi could not start: {}",
                dom::js_error_text(&e)
            ));
        }
    };
    if needs_assets {
        inflate::when_parsed(&doc, go);
    } else {
        go();
    }
}

fn launch(window: Window, document: Document, hash: &str) -> Result<(), JsValue> {
    // The page as loaded, for "Save as HTML". A deep clone shares the big script texts with
    // the live page, so this costs little; serialising it waits until the user saves.
    let pristine = document
        .document_element()
        .and_then(|e| e.clone_node_with_deep(true).ok());
    // After the copy, so a saved page boots hidden too.
    dom::show_app(&document);
    let canvas: HtmlCanvasElement = by_id(&document, "graph-canvas")?.dyn_into()?;
    let renderer = draw::Renderer::new(&canvas)?;
    let app = Rc::new(RefCell::new(App {
        window: window.clone(),
        document: document.clone(),
        canvas,
        renderer,
        explorer: Explorer::new(crate::model::Extraction::default()),
        sort: (SortKey::Mentions, false),
        pointers: BTreeMap::new(),
        suggestion: None,
        suggestions: Vec::new(),
        ready: false,
        listeners: Vec::new(),
        library: crate::io::library::Library::default(),
        showing: files::Showing::Demo,
        pristine,
        pending_status: None,
        job: None,
        sources_before_import: None,
        mention_cache: crate::text::MentionCache::default(),
    }));
    {
        let mut a = app.borrow_mut();
        let saved_view = a.restore_saved();
        a.rebuild();
        mark(&a.window, "guanxi:extracted");
        // The URL wins; without one, the view saved with the user's work.
        let hash = if hash.trim_start_matches('#').is_empty() {
            saved_view.unwrap_or_default()
        } else {
            hash.to_owned()
        };
        let (view, parsed) = ViewState::from_hash(&hash, &a.explorer.x);
        // Installing the corpus showed the default view already; its panels and controls
        // are built once, not twice, on the common start (no view in the URL).
        if &view != a.explorer.view() {
            a.set_view(view);
        }
        a.explorer.fit_to_screen();
        let summary = a.summary();
        match (parsed, a.pending_status.take()) {
            (_, Some((msg, error))) => a.status(&msg, error),
            (Ok(()), None) => a.status(&summary, false),
            (Err(e), None) => a.status(&e.to_string(), true),
        }
    }
    wire_events(&app)?;
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
        dom::report_error(&format!(
            "cannot schedule drawing: {}",
            dom::js_error_text(&e)
        ));
    }
}

fn frame(app: Shared) {
    step(&mut app.borrow_mut());
    request_frame(app);
}

/// One frame's work: extraction and layout slices, then drawing if anything changed. The
/// first one also marks the app ready and starts loading the recogniser in the background.
fn step(a: &mut App) {
    if a.job.is_some() {
        a.step_job(LAYOUT_BUDGET_MS);
    }
    let t0 = now(&a.window);
    while now(&a.window) - t0 < LAYOUT_BUDGET_MS && a.explorer.tick(1) {}
    if a.explorer.needs_redraw() {
        let high_contrast = a.explorer.view().presentation;
        let App {
            explorer, renderer, ..
        } = a;
        explorer.frame();
        renderer.draw(explorer.last_frame(), &explorer.x, high_contrast);
    }
    if !a.ready {
        a.ready = true;
        a.mark_ready();
        inflate::warm_up(&a.window, &a.document);
    }
}

impl App {
    fn mark_ready(&self) {
        if let Some(root) = self
            .document
            .document_element()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ignored = root.dataset().set("ready", "1");
        }
        if let Some(p) = self.window.performance() {
            let _ignored = p.mark("guanxi:ready");
        }
    }

    fn resize(&mut self) {
        let w = self.canvas.client_width().max(1) as f32;
        let h = self.canvas.client_height().max(1) as f32;
        let dpr = self.window.device_pixel_ratio() as f32;
        self.renderer.resize(&self.canvas, w, h, dpr);
        self.explorer.resize(w, h);
        self.explorer.invalidate();
    }

    fn status(&self, msg: &str, error: bool) {
        if let Some(el) = self.document.get_element_by_id("status") {
            el.set_text_content(Some(msg));
            let _ignored = el.set_attribute("class", if error { "error" } else { "" });
        }
    }

    fn summary(&self) -> String {
        let x = &self.explorer.x;
        format!(
            "{} articles · {} entities · {} relations",
            x.articles.len(),
            x.entities.len(),
            x.relations.iter().filter(|r| r.source != r.target).count()
        )
    }

    /// The view changed: recompute, update URL, controls, panels, redraw.
    fn set_view(&mut self, v: ViewState) {
        let presentation_changed = v.presentation != self.explorer.view().presentation;
        self.explorer.set_view(v);
        if presentation_changed {
            self.explorer.fit();
        }
        self.write_hash();
        self.apply_view_to_controls();
        self.refresh_panels();
    }

    fn update_view(&mut self, f: impl FnOnce(&mut ViewState)) {
        let mut v = self.explorer.view().clone();
        f(&mut v);
        self.set_view(v);
    }

    fn write_hash(&self) {
        let hash = self.explorer.view().to_hash();
        let url = if hash.is_empty() {
            // Keep the path, drop the hash.
            let href = self.window.location().href().unwrap_or_default();
            href.split('#').next().unwrap_or_default().to_owned()
        } else {
            format!("#{hash}")
        };
        // Rewriting the URL is a navigation for the browser (tens of ms at start-up): only
        // when it changes.
        let current = self.window.location().hash().unwrap_or_default();
        if current.trim_start_matches('#') == hash {
            return;
        }
        if let Ok(h) = self.window.history() {
            let _ignored = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }

    /// Selects an entity from search or the list: makes it visible if filters hid it,
    /// centres it and opens its panels.
    fn select_entity(&mut self, e: EntityId) {
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
            if v.focus.is_some_and(|f| f.entity != e) {
                v.focus = None;
            }
            note = Some(format!("Filters changed to show {label}."));
        }
        v.selection = Some(Selection::Entity(e));
        self.set_view(v);
        self.explorer.focus_camera_on(e);
        if let Some(n) = note {
            self.status(&n, false);
        }
    }
}

fn wire_events(app: &Shared) -> Result<(), JsValue> {
    let (doc, win, canvas) = {
        let a = app.borrow();
        (a.document.clone(), a.window.clone(), a.canvas.clone())
    };
    let mut ls: Vec<Listener> = Vec::new();
    let on = |ls: &mut Vec<Listener>,
              target: &web_sys::EventTarget,
              kind: &'static str,
              f: Box<dyn FnMut(Event)>|
     -> Result<(), JsValue> {
        ls.push(Listener::new(target, kind, f)?);
        Ok(())
    };

    // Canvas pointer input.
    let a = app.clone();
    on(
        &mut ls,
        &canvas,
        "pointerdown",
        Box::new(move |ev: Event| {
            let Some(ev) = ev.dyn_ref::<PointerEvent>() else {
                return;
            };
            let mut s = a.borrow_mut();
            let (x, y) = (ev.offset_x() as f32, ev.offset_y() as f32);
            let _ignored = s.canvas.set_pointer_capture(ev.pointer_id());
            s.pointers.insert(ev.pointer_id(), (x, y));
            if s.pointers.len() == 1 {
                s.explorer.pointer_down(x, y);
            } else {
                s.explorer.pointer_leave();
            }
        }),
    )?;
    let a = app.clone();
    on(
        &mut ls,
        &canvas,
        "pointermove",
        Box::new(move |ev: Event| {
            let Some(ev) = ev.dyn_ref::<PointerEvent>() else {
                return;
            };
            let mut s = a.borrow_mut();
            let (x, y) = (ev.offset_x() as f32, ev.offset_y() as f32);
            if s.pointers.len() >= 2 && s.pointers.contains_key(&ev.pointer_id()) {
                // Pinch: zoom by the change in distance between the first two pointers.
                let before: Vec<(f32, f32)> = s.pointers.values().take(2).copied().collect();
                s.pointers.insert(ev.pointer_id(), (x, y));
                let after: Vec<(f32, f32)> = s.pointers.values().take(2).copied().collect();
                let dist = |p: &[(f32, f32)]| {
                    ((p[0].0 - p[1].0).powi(2) + (p[0].1 - p[1].1).powi(2))
                        .sqrt()
                        .max(1.0)
                };
                let (mx, my) = (
                    (after[0].0 + after[1].0) / 2.0,
                    (after[0].1 + after[1].1) / 2.0,
                );
                s.explorer.zoom_at(mx, my, dist(&after) / dist(&before));
                return;
            }
            if s.pointers.contains_key(&ev.pointer_id()) {
                s.pointers.insert(ev.pointer_id(), (x, y));
            }
            if s.explorer.pointer_move(x, y) {
                let cursor = if s.explorer.hover().is_some() {
                    "pointer"
                } else {
                    "grab"
                };
                let _ignored = s.canvas.style().set_property("cursor", cursor);
            }
        }),
    )?;
    for kind in ["pointerup", "pointercancel"] {
        let a = app.clone();
        on(
            &mut ls,
            &canvas,
            kind,
            Box::new(move |ev: Event| {
                let Some(ev) = ev.dyn_ref::<PointerEvent>() else {
                    return;
                };
                let mut s = a.borrow_mut();
                let was_single = s.pointers.len() == 1;
                s.pointers.remove(&ev.pointer_id());
                if !was_single {
                    return;
                }
                if let Some(sel) = s
                    .explorer
                    .pointer_up(ev.offset_x() as f32, ev.offset_y() as f32)
                {
                    s.update_view(|v| v.selection = sel);
                }
            }),
        )?;
    }
    let a = app.clone();
    on(
        &mut ls,
        &canvas,
        "pointerleave",
        Box::new(move |_ev: Event| {
            let mut s = a.borrow_mut();
            if s.pointers.is_empty() {
                s.explorer.pointer_leave();
            }
        }),
    )?;
    let a = app.clone();
    let wheel = Listener::with_options(
        &canvas,
        "wheel",
        false,
        Box::new(move |ev: Event| {
            let Some(ev) = ev.dyn_ref::<WheelEvent>() else {
                return;
            };
            ev.prevent_default();
            let unit = match ev.delta_mode() {
                1 => 16.0,
                2 => 400.0,
                _ => 1.0,
            };
            let factor = (-ev.delta_y() * unit * 0.0015).exp() as f32;
            a.borrow_mut()
                .explorer
                .zoom_at(ev.offset_x() as f32, ev.offset_y() as f32, factor);
        }),
    )?;
    ls.push(wheel);

    let a = app.clone();
    on(
        &mut ls,
        &win,
        "resize",
        Box::new(move |_ev: Event| a.borrow_mut().resize()),
    )?;

    // Header buttons.
    let click =
        |ls: &mut Vec<Listener>, id: &str, f: Box<dyn FnMut(Event)>| -> Result<(), JsValue> {
            let el = by_id(&doc, id)?;
            ls.push(Listener::new(&el, "click", f)?);
            Ok(())
        };
    let a = app.clone();
    click(
        &mut ls,
        "fit",
        Box::new(move |_| a.borrow_mut().explorer.fit_to_screen()),
    )?;
    for (id, depth) in [("focus-1", Depth::One), ("focus-2", Depth::Two)] {
        let a = app.clone();
        click(
            &mut ls,
            id,
            Box::new(move |_| {
                let mut s = a.borrow_mut();
                s.toggle_focus(depth);
            }),
        )?;
    }
    let a = app.clone();
    click(&mut ls, "reset", Box::new(move |_| a.borrow_mut().reset()))?;
    let a = app.clone();
    click(
        &mut ls,
        "present",
        Box::new(move |_| a.borrow_mut().toggle_presentation()),
    )?;
    let a = app.clone();
    click(
        &mut ls,
        "all-articles",
        Box::new(move |_| a.borrow_mut().update_view(|v| v.filters.articles = None)),
    )?;

    // Filters.
    for kind in EntityKind::ALL {
        let a = app.clone();
        let el = by_id(&doc, &format!("kind-filter-{}", kind.as_str()))?;
        ls.push(Listener::new(
            &el,
            "change",
            Box::new(move |ev: Event| {
                let checked = ev
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                    .is_some_and(|i| i.checked());
                a.borrow_mut()
                    .update_view(|v| v.filters.kinds[kind.index()] = checked);
            }),
        )?);
    }
    let a = app.clone();
    let el = by_id(&doc, "article-filter")?;
    ls.push(Listener::new(
        &el,
        "change",
        Box::new(move |_| a.borrow_mut().read_article_filter()),
    )?);
    for (id, is_weight) in [("min-mentions", false), ("min-weight", true)] {
        let a = app.clone();
        let el = by_id(&doc, id)?;
        ls.push(Listener::new(
            &el,
            "change",
            Box::new(move |ev: Event| {
                let Some(input) = ev
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                else {
                    return;
                };
                let mut s = a.borrow_mut();
                match input.value().trim().parse::<u32>() {
                    Ok(n) if n >= 1 => s.update_view(|v| {
                        if is_weight {
                            v.filters.min_weight = n
                        } else {
                            v.filters.min_mentions = n
                        }
                    }),
                    _ => {
                        s.status("Thresholds must be whole numbers of at least 1.", true);
                        s.apply_view_to_controls();
                    }
                }
            }),
        )?);
    }
    let a = app.clone();
    let el = by_id(&doc, "co-occurs")?;
    ls.push(Listener::new(
        &el,
        "change",
        Box::new(move |ev: Event| {
            let on = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|i| i.checked());
            a.borrow_mut().update_view(|v| {
                v.filters.co_occurrence = if on {
                    CoOccurrence::Shown
                } else {
                    CoOccurrence::Hidden
                }
            });
        }),
    )?);

    // Search.
    let search = by_id(&doc, "search")?;
    let a = app.clone();
    ls.push(Listener::new(
        &search,
        "input",
        Box::new(move |ev: Event| {
            let q = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            a.borrow_mut().show_suggestions(&q);
        }),
    )?);
    let a = app.clone();
    ls.push(Listener::new(
        &search,
        "keydown",
        Box::new(move |ev: Event| {
            let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let mut s = a.borrow_mut();
            match k.key().as_str() {
                "Enter" => {
                    k.prevent_default();
                    s.choose_suggestion();
                }
                "ArrowDown" | "ArrowUp" => {
                    k.prevent_default();
                    s.move_suggestion(if k.key() == "ArrowDown" { 1 } else { -1 });
                }
                "Escape" => s.hide_suggestions(),
                _ => {}
            }
        }),
    )?);
    let a = app.clone();
    let sugg = by_id(&doc, "suggestions")?;
    ls.push(Listener::new(
        &sugg,
        "mousedown",
        Box::new(move |ev: Event| {
            ev.prevent_default();
            if let Some(e) = dom::entity_of_event(&ev, "li") {
                let mut s = a.borrow_mut();
                s.hide_suggestions();
                s.select_entity(e);
            }
        }),
    )?);
    let a = app.clone();
    ls.push(Listener::new(
        &search,
        "blur",
        Box::new(move |_| a.borrow_mut().hide_suggestions()),
    )?);

    // Panels: clicks on marks, neighbour links and article links (delegated).
    for id in ["source-panel", "detail-panel"] {
        let a = app.clone();
        let el = by_id(&doc, id)?;
        ls.push(Listener::new(
            &el,
            "click",
            Box::new(move |ev: Event| {
                let mut s = a.borrow_mut();
                if let Some(r) = dom::data_of_event(&ev, "[data-relation]", "data-relation")
                    .and_then(|r| r.parse::<u32>().ok())
                {
                    s.update_view(|v| v.selection = Some(Selection::Relation(r)));
                } else if let Some(art) = dom::data_of_event(&ev, "[data-article]", "data-article")
                    .and_then(|a| ArticleId::parse(&a))
                {
                    s.update_view(|v| v.selection = Some(Selection::Article(art)));
                } else if let Some(e) = dom::entity_of_event(&ev, "[data-entity-id]") {
                    s.select_entity(e);
                }
            }),
        )?);
    }

    // Entity table: click, keyboard, sorting.
    let list = by_id(&doc, "entity-list")?;
    let a = app.clone();
    ls.push(Listener::new(
        &list,
        "click",
        Box::new(move |ev: Event| {
            a.borrow_mut().activate_list_item(&ev);
        }),
    )?);
    let a = app.clone();
    ls.push(Listener::new(
        &list,
        "keydown",
        Box::new(move |ev: Event| {
            let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            let mut s = a.borrow_mut();
            match k.key().as_str() {
                "Enter" | " " => {
                    k.prevent_default();
                    s.activate_list_item(&ev);
                }
                "ArrowDown" | "ArrowUp" => {
                    k.prevent_default();
                    dom::move_row_focus(&ev, k.key() == "ArrowDown");
                }
                _ => {}
            }
        }),
    )?);

    // Global shortcuts (not while typing).
    let a = app.clone();
    on(
        &mut ls,
        &doc,
        "keydown",
        Box::new(move |ev: Event| {
            let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if dom::typing_target(&ev) || k.ctrl_key() || k.meta_key() || k.alt_key() {
                return;
            }
            let Ok(mut s) = a.try_borrow_mut() else {
                return;
            };
            match k.key().as_str() {
                "f" | "F" => s.explorer.fit_to_screen(),
                "p" | "P" => s.toggle_presentation(),
                "1" => s.toggle_focus(Depth::One),
                "2" => s.toggle_focus(Depth::Two),
                "Escape" => s.reset(),
                "/" => {
                    k.prevent_default();
                    if let Some(el) = s
                        .document
                        .get_element_by_id("search")
                        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    {
                        let _ignored = el.focus();
                    }
                }
                "+" | "=" => {
                    let (w, h) = (s.explorer.camera.width, s.explorer.camera.height);
                    s.explorer.zoom_at(w / 2.0, h / 2.0, 1.25);
                }
                "-" => {
                    let (w, h) = (s.explorer.camera.width, s.explorer.camera.height);
                    s.explorer.zoom_at(w / 2.0, h / 2.0, 0.8);
                }
                _ => {}
            }
        }),
    )?;

    files::wire(app, &mut ls)?;
    app.borrow_mut().listeners = ls;
    Ok(())
}

impl App {
    /// A click, Enter or Space in the entity table: sort by a header, or select a row.
    fn activate_list_item(&mut self, ev: &Event) {
        if let Some(key) = dom::data_of_event(ev, "th[data-sort]", "data-sort") {
            self.sort_by(&key);
        } else if let Some(e) = dom::entity_of_event(ev, "tr[data-entity-id]") {
            self.select_entity(e);
        }
    }

    fn toggle_focus(&mut self, depth: Depth) {
        let current = self.explorer.view().focus;
        let target = match (self.explorer.view().selection, current) {
            (Some(Selection::Entity(e)), _) => Some(e),
            (_, Some(f)) => Some(f.entity),
            _ => None,
        };
        let Some(e) = target else {
            self.status(
                "Select an entity first, then focus on its neighbourhood.",
                false,
            );
            return;
        };
        let same = current.is_some_and(|f| f.entity == e && f.depth == depth);
        self.update_view(|v| {
            v.focus = if same {
                None
            } else {
                Some(Focus { entity: e, depth })
            }
        });
        self.explorer.fit_to_screen();
    }

    fn reset(&mut self) {
        let presentation = self.explorer.view().presentation;
        self.set_view(ViewState {
            presentation,
            ..ViewState::default()
        });
        self.explorer.fit_to_screen();
        self.status(&self.summary(), false);
    }

    fn toggle_presentation(&mut self) {
        let on = !self.explorer.view().presentation;
        self.update_view(|v| v.presentation = on);
        if on {
            if let Some(root) = self.document.document_element() {
                let _ignored = root.request_fullscreen();
            }
        } else if self.document.fullscreen_element().is_some() {
            self.document.exit_fullscreen();
        }
        self.explorer.fit_to_screen();
    }

    fn read_article_filter(&mut self) {
        let Some(sel) = self
            .document
            .get_element_by_id("article-filter")
            .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let opts = sel.selected_options();
        let mut chosen = std::collections::BTreeSet::new();
        for i in 0..opts.length() {
            if let Some(id) = opts
                .item(i)
                .and_then(|o| o.get_attribute("value"))
                .and_then(|v| ArticleId::parse(&v))
            {
                chosen.insert(id);
            }
        }
        let all = chosen.len() == self.explorer.x.articles.len();
        self.update_view(|v| {
            v.filters.articles = if chosen.is_empty() || all {
                None
            } else {
                Some(chosen)
            }
        });
    }

    fn sort_by(&mut self, key: &str) {
        let k = match key {
            "name" => SortKey::Name,
            "kind" => SortKey::Kind,
            _ => SortKey::Mentions,
        };
        self.sort = if self.sort.0 == k {
            (k, !self.sort.1)
        } else {
            (k, false)
        };
        self.refresh_list();
    }

    fn show_suggestions(&mut self, q: &str) {
        self.suggestions = self.explorer.search(q).into_iter().take(12).collect();
        self.suggestion = None;
        self.render_suggestions();
    }

    fn move_suggestion(&mut self, by: i32) {
        if self.suggestions.is_empty() {
            return;
        }
        let n = self.suggestions.len() as i32;
        let cur = self
            .suggestion
            .map_or(if by > 0 { -1 } else { 0 }, |s| s as i32);
        self.suggestion = Some(((cur + by).rem_euclid(n)) as usize);
        self.render_suggestions();
    }

    fn choose_suggestion(&mut self) {
        let q = self
            .document
            .get_element_by_id("search")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default();
        if self.suggestions.is_empty() {
            self.suggestions = self.explorer.search(&q);
        }
        let pick = self.suggestions.get(self.suggestion.unwrap_or(0)).copied();
        self.hide_suggestions();
        match pick {
            Some(e) => self.select_entity(e),
            None if q.trim().is_empty() => {}
            None => self.status(&format!("No entity matches “{}”.", q.trim()), true),
        }
    }

    fn hide_suggestions(&mut self) {
        self.suggestions.clear();
        self.suggestion = None;
        self.render_suggestions();
    }
}

/// `window.guanxi.screenPosition(id)`: the node's position in CSS pixels relative to the
/// canvas, so an outside test can click the node itself. Accepts `"e12"` or `12`.
/// `window.guanxi.isVisible("e12")`: whether the node passes the filters (is drawn).
fn install_test_api(app: &Shared) -> Result<(), JsValue> {
    let window = app.borrow().window.clone();
    let api = js_sys::Object::new();
    let a = Rc::downgrade(app);
    let f = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |id: JsValue| {
        let Some(app) = a.upgrade() else {
            return JsValue::NULL;
        };
        let Ok(s) = app.try_borrow() else {
            return JsValue::NULL;
        };
        let id = id
            .as_string()
            .and_then(|t| EntityId::parse(&t))
            .or_else(|| {
                id.as_f64()
                    .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                    .map(|n| EntityId(n as u32))
            });
        match id
            .filter(|&e| s.explorer.x.entity(e).is_some())
            .and_then(|e| s.explorer.screen_position(e))
        {
            Some((x, y)) => {
                let o = js_sys::Object::new();
                let _ignored = js_sys::Reflect::set(&o, &"x".into(), &(x as f64).into());
                let _ignored = js_sys::Reflect::set(&o, &"y".into(), &(y as f64).into());
                o.into()
            }
            None => JsValue::NULL,
        }
    });
    js_sys::Reflect::set(&api, &"screenPosition".into(), f.as_ref())?;
    // The page lives as long as the function: hand its ownership to JS.
    f.forget();
    let a = Rc::downgrade(app);
    let visible = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |id: JsValue| {
        let Some(app) = a.upgrade() else {
            return JsValue::NULL;
        };
        let Ok(s) = app.try_borrow() else {
            return JsValue::NULL;
        };
        match id.as_string().and_then(|t| EntityId::parse(&t)) {
            Some(e) => JsValue::from_bool(s.explorer.is_visible(e)),
            None => JsValue::NULL,
        }
    });
    js_sys::Reflect::set(&api, &"isVisible".into(), visible.as_ref())?;
    visible.forget();
    let version = env!("CARGO_PKG_VERSION");
    js_sys::Reflect::set(&api, &"version".into(), &version.into())?;
    js_sys::Reflect::set(&window, &"guanxi".into(), &api)?;
    Ok(())
}

#[cfg(test)]
mod tests;
