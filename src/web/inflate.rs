//! Inflating the embedded assets with the browser's own `DecompressionStream` (native zlib, in
//! tasks of its own between frames) and handing them to the knowledge loader ([`Loader::provide`]). Where the browser
//! lacks it, nothing is provided and the core inflates with miniz as before.
//!
//! web-sys has `DecompressionStream` only behind its unstable-API flag, so the few calls are
//! declared here.

use crate::app::warm::{self, InflateReport, Settling};
use crate::text::assets::Asset;
use crate::text::knowledge::Loader;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The page's knowledge on its way in. The page owns it (the core keeps no global) and
    /// hands it to the session when an import needs it (`PageHost::knowledge`).
    static LOADER: RefCell<Loader> = RefCell::new(Loader::new());
}

/// Runs `f` on the page's knowledge loader.
pub(crate) fn with_loader<R>(f: impl FnOnce(&mut Loader) -> R) -> R {
    LOADER.with(|l| f(&mut l.borrow_mut()))
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = DecompressionStream)]
    type JsDecompressionStream;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<JsDecompressionStream, JsValue>;

    #[wasm_bindgen(js_name = ReadableStream)]
    type JsStream;
    #[wasm_bindgen(js_name = Blob)]
    type JsBlob;
    #[wasm_bindgen(method, js_name = stream, catch)]
    fn stream(this: &JsBlob) -> Result<JsStream, JsValue>;
    #[wasm_bindgen(method, js_name = pipeThrough, catch)]
    fn pipe_through(
        this: &JsStream,
        transform: &JsDecompressionStream,
    ) -> Result<JsStream, JsValue>;

    #[wasm_bindgen(js_name = Response)]
    type JsResponse;
    #[wasm_bindgen(constructor, js_class = "Response", catch)]
    fn new(body: &JsStream) -> Result<JsResponse, JsValue>;
    #[wasm_bindgen(method, js_name = arrayBuffer, catch)]
    fn array_buffer(this: &JsResponse) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_name = Promise)]
    type JsPromise;
    /// `then` with one-shot callbacks (`Closure::once_into_js`).
    #[wasm_bindgen(method, js_name = then)]
    fn then_once(this: &JsPromise, ok: &JsValue, err: &JsValue) -> JsPromise;
}

/// Attaches the assets the single-file page carries in its data blocks
/// ([`Asset::block_id`], see `io::bundle`) to the core, once. True when every asset is then
/// available (also when the build embeds them). While the page is still being read a block
/// may not exist yet: run this again once it is ([`when_parsed`]).
pub(crate) fn attach_from_page(document: &web_sys::Document) -> bool {
    let mut all = true;
    for asset in Asset::ALL {
        if with_loader(|l| l.has(asset)) {
            continue;
        }
        // The text stays a JS string (no copy into wasm) when the browser decodes it.
        let block = document
            .get_element_by_id(asset.block_id())
            .and_then(|e| js_sys::Reflect::get(&e, &"textContent".into()).ok());
        match block.and_then(|b64| decode_base64(&b64)) {
            Some(bytes) => {
                with_loader(|l| l.attach(asset, bytes));
            }
            None => all = false,
        }
    }
    all
}

#[wasm_bindgen]
extern "C" {
    /// `Uint8Array.fromBase64`, where the browser has it.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = fromBase64, catch)]
    fn from_base64(s: &JsValue) -> Result<js_sys::Uint8Array, JsValue>;
}

/// Base64 (a JS string) to bytes: by the browser where it can (native code; the wasm decoder
/// runs as freshly compiled baseline code at this point and takes several times longer), else
/// by the core.
fn decode_base64(b64: &JsValue) -> Option<Vec<u8>> {
    let native = js_sys::Reflect::get(
        &js_sys::Uint8Array::new_with_length(0).constructor(),
        &"fromBase64".into(),
    )
    .is_ok_and(|f| f.is_function());
    if native {
        if let Ok(bytes) = from_base64(b64) {
            return Some(bytes.to_vec());
        }
    }
    crate::io::bundle::decode_base64(&b64.as_string()?)
}

/// Runs `f` now if the whole page has been read, else once it has (`DOMContentLoaded`).
pub(crate) fn when_parsed(document: &web_sys::Document, f: impl FnOnce() + 'static) {
    if document.ready_state() != "loading" {
        f();
        return;
    }
    let cb = Closure::once_into_js(f);
    let opts = web_sys::AddEventListenerOptions::new();
    opts.set_once(true);
    if document
        .add_event_listener_with_callback_and_add_event_listener_options(
            "DOMContentLoaded",
            cb.unchecked_ref(),
            &opts,
        )
        .is_err()
    {
        // Cannot wait: run now (whatever is missing is reported where it is used).
        call_now(&cb);
    }
}

/// A promise of `bytes` inflated (zlib) by the browser.
fn inflate(bytes: &[u8]) -> Result<js_sys::Promise, JsValue> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let stream = blob
        .unchecked_into::<JsBlob>()
        .stream()?
        .pipe_through(&JsDecompressionStream::new("deflate")?)?;
    JsResponse::new(&stream)?.array_buffer()
}

/// Starts inflating every asset; `done` runs once all have settled.
pub(crate) fn provide_all(window: &web_sys::Window, done: impl FnOnce(InflateReport) + 'static) {
    let perf = window.performance();
    let t0 = perf.as_ref().map(|p| p.now()).unwrap_or(0.0);
    let state = Rc::new(RefCell::new((Settling::default(), Some(done))));
    let settle = {
        let state = state.clone();
        Rc::new(move |asset: Asset, ok: bool| {
            let ms = perf.as_ref().map(|p| p.now() - t0).filter(|_| ok);
            let report = state.borrow_mut().0.settle(asset, ms);
            let done = report.and_then(|r| Some((r, state.borrow_mut().1.take()?)));
            if let Some((report, done)) = done {
                done(report);
            }
        })
    };
    for asset in Asset::ALL {
        let promise = with_loader(|l| match l.compressed(asset) {
            Some(bytes) => inflate(bytes),
            None => Err(JsValue::NULL),
        });
        let promise = match promise {
            Ok(p) => p,
            Err(_) => {
                settle(asset, false);
                continue;
            }
        };
        let on_ok = {
            let settle = settle.clone();
            Closure::once_into_js(move |buf: JsValue| {
                let ok = buf.is_instance_of::<js_sys::ArrayBuffer>();
                if ok {
                    let raw = js_sys::Uint8Array::new(&buf).to_vec();
                    with_loader(|l| l.provide(asset, raw));
                }
                settle(asset, ok);
            })
        };
        let on_err = {
            let settle = settle.clone();
            Closure::once_into_js(move |_e: JsValue| settle(asset, false))
        };
        let _chained = promise
            .unchecked_into::<JsPromise>()
            .then_once(&on_ok, &on_err);
    }
}

/// After start-up: inflates the assets in the browser, then, once the page has settled,
/// loads the recogniser in short steps and the lexicons in four tasks, all in idle time
/// (frames are drawn in between), so the first import starts at once. Each load is recorded
/// as performance measures (`guanxi:model-load-step`, `guanxi:model-load`,
/// `guanxi:lexicons-load`, …).
pub(crate) fn warm_up(window: &web_sys::Window, document: &web_sys::Document) {
    let (window, document) = (window.clone(), document.clone());
    // Not before the first frame is on screen: reading the blocks takes tens of milliseconds
    // of the main thread, which the browser would otherwise spend before painting it.
    after_paint(&window.clone(), move || {
        when_parsed(&document.clone(), move || {
            if !attach_from_page(&document) {
                // A page whose data blocks were removed or damaged: say so, and go on with rules.
                super::dom::report_error(
                    "this page's recogniser or word lists could not be read; names in imported \
                     text are found by rules only (the demo is unaffected)",
                );
            }
            warm_up_attached(&window);
        })
    });
}

/// Runs `f` in a task after the next frame is painted: animation-frame callbacks run just
/// before the browser renders, so a timeout set in one fires once that frame is done.
fn after_paint(w: &web_sys::Window, f: impl FnOnce() + 'static) {
    let task = Closure::once_into_js(f);
    let w2 = w.clone();
    let t2 = task.clone();
    let frame = Closure::once_into_js(move || {
        if w2
            .set_timeout_with_callback_and_timeout_and_arguments_0(t2.unchecked_ref(), 0)
            .is_err()
        {
            call_now(&t2);
        }
    });
    if w.request_animation_frame(frame.unchecked_ref()).is_err() {
        call_now(&task);
    }
}

/// Calls a callback made by `Closure::once_into_js` at once.
fn call_now(cb: &JsValue) {
    if let Some(f) = cb.dyn_ref::<js_sys::Function>() {
        let _ignored = f.call0(&JsValue::NULL);
    }
}

fn warm_up_attached(window: &web_sys::Window) {
    let w = window.clone();
    provide_all(window, move |_report| {
        let w0 = w.clone();
        let later = Closure::once_into_js(move || load_all(&w0));
        if w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), SETTLE_MS)
            .is_err()
        {
            load_all(&w);
        }
    });
}

/// How long after the assets are inflated the loads wait: for a while after its first frame
/// the browser still compiles and draws on its other threads, and a load then competes for
/// the cores (on two cores the model's steps took 27–73 ms in all when started at once,
/// 29–49 ms a second later).
const SETTLE_MS: i32 = 1000;

/// Runs `f` when the page is idle next (soon, where the browser cannot tell).
fn when_idle(w: &web_sys::Window, f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    let cb: &js_sys::Function = cb.unchecked_ref();
    if w.request_idle_callback(cb).is_err() {
        let _ignored = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb, 0);
    }
}

/// Runs `load` in a task of its own, recorded as the measure `name`.
fn measured(w: &web_sys::Window, name: &'static str, load: impl FnOnce()) {
    let perf = w.performance();
    let start = format!("{name}:start");
    if let Some(p) = &perf {
        let _ignored = p.mark(&start);
    }
    load();
    if let Some(p) = &perf {
        let _ignored = p.measure_with_start_mark(name, &start);
    }
}

/// The recogniser, step by step in idle time (each step a measure
/// `guanxi:model-load-step`; `guanxi:model-load` spans them all), then the lexicons.
fn load_all(w: &web_sys::Window) {
    if let Some(p) = w.performance() {
        let _ignored = p.mark("guanxi:model-load:start");
    }
    model_step(w.clone());
}

fn model_step(w: web_sys::Window) {
    when_idle(&w.clone(), move || {
        let mut done = true;
        measured(&w, "guanxi:model-load-step", || {
            done = with_loader(warm::model_step);
        });
        if !done {
            return model_step(w);
        }
        if let Some(p) = w.performance() {
            let _ignored =
                p.measure_with_start_mark("guanxi:model-load", "guanxi:model-load:start");
        }
        load_lexicons(&w);
    });
}

/// The lexicons, each in an idle task of its own ([`warm::LEXICONS`]).
fn load_lexicons(w: &web_sys::Window) {
    for (name, load) in warm::LEXICONS {
        let w2 = w.clone();
        when_idle(w, move || measured(&w2, name, || with_loader(load)));
    }
}
