//! The bench protocol (`#bench&size=N&mode=layout|render|ner`, see README): time the same
//! layout step, renderer and recogniser the app uses on an injected input
//! ([`crate::app::bench::plan`]), then publish `window.benchResult`.

use super::{draw, now};
use crate::app::bench::{ner_report, plan, Plan, RenderRun, RENDER_CANVAS};
use crate::app::warm::inflate_ms;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, HtmlElement, Window};

fn publish(window: &Window, result: &serde_json::Value) -> Result<(), JsValue> {
    let value = js_sys::JSON::parse(&result.to_string()).unwrap_or(JsValue::NULL);
    js_sys::Reflect::set(window, &"benchResult".into(), &value).map(drop)
}

pub(crate) fn run(window: Window, document: Document) -> Result<(), JsValue> {
    super::dom::show_app(&document);
    let hash = window.location().hash().unwrap_or_default();
    let input = js_sys::Reflect::get(&window, &"benchInput".into())?;
    let text = match input.is_undefined() || input.is_null() {
        true => String::new(),
        false => js_sys::JSON::stringify(&input)?.into(),
    };
    let explorer = match plan(&hash, &text, &|| now(&window)) {
        Plan::Report(report) => return publish(&window, &report),
        Plan::Render(explorer) => *explorer,
        Plan::Ner(input) => {
            // The model loaded the way the app loads it (inflated by the browser, then parsed).
            let w = window.clone();
            super::inflate::provide_all(&window, move |report| {
                let inflated = inflate_ms(&report, crate::text::assets::Asset::NerModel);
                let clock = || now(&w);
                let report =
                    super::inflate::with_loader(|l| ner_report(&input, &clock, inflated, l));
                let _ignored = publish(&w, &report);
            });
            return Ok(());
        }
    };
    // Render: the injected finished layout, drawn by the app's own scene and renderer.
    let canvas: HtmlCanvasElement = super::dom::by_id(&document, "graph-canvas")?.dyn_into()?;
    let (w, h) = RENDER_CANVAS;
    let _ignored = canvas.style().set_property("width", &format!("{w}px"));
    let _ignored = canvas.style().set_property("height", &format!("{h}px"));
    let mut renderer = draw::Renderer::new(&canvas)?;
    renderer.resize(&canvas, w, h, window.device_pixel_ratio() as f32);
    let run = RenderRun::new(explorer, now(&window));
    schedule(Rc::new(RefCell::new((run, renderer))), window, document);
    Ok(())
}

type RenderBench = Rc<RefCell<(RenderRun, draw::Renderer)>>;

fn schedule(state: RenderBench, window: Window, document: Document) {
    let w = window.clone();
    let cb = Closure::once_into_js(move |t: f64| tick(state, t, w, document));
    let _ignored = window.request_animation_frame(cb.unchecked_ref());
}

fn tick(state: RenderBench, t: f64, window: Window, document: Document) {
    let done = {
        let (run, renderer) = &mut *state.borrow_mut();
        let theme = &crate::render::Theme::NORMAL;
        let mut draw = |ex: &crate::app::Explorer| renderer.draw(ex.last_frame(), &ex.x, theme);
        let done = run.step(t, &|| now(&window), &mut draw);
        let root = document.document_element();
        if let Some(root) = root.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
            let _ignored = root.dataset().set("ready", "1");
        }
        done.then(|| run.report())
    };
    match done {
        Some(report) => drop(publish(&window, &report)),
        None => schedule(state, window, document),
    }
}
