//! The bench protocol (`#bench&size=N&mode=layout|render`, see README): time the same layout
//! step and renderer the app uses on an injected graph, then publish `window.benchResult`.

use super::{draw, now};
use crate::app::bench::{
    layout_report, ner_report, BenchInput, NerInput, RenderRun, RENDER_CANVAS,
};
use crate::app::warm::inflate_ms;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, Window};

fn publish(window: &Window, result: &serde_json::Value) {
    let text = result.to_string();
    let value = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    let _ignored = js_sys::Reflect::set(window, &"benchResult".into(), &value);
}

fn fail(window: &Window, msg: &str) {
    publish(window, &serde_json::json!({ "ok": false, "error": msg }));
}

pub(crate) fn run(window: Window, document: Document) -> Result<(), JsValue> {
    super::dom::show_app(&document);
    let hash = window.location().hash().unwrap_or_default();
    let mode = crate::app::bench::mode_of_hash(&hash).to_owned();
    let input = js_sys::Reflect::get(&window, &"benchInput".into())?;
    if input.is_undefined() || input.is_null() {
        fail(&window, "window.benchInput is not set");
        return Ok(());
    }
    let text: String = js_sys::JSON::stringify(&input)?.into();
    if mode == "ner" {
        return run_ner(&window, &text);
    }
    let input = match BenchInput::parse(&text) {
        Ok(i) => i,
        Err(e) => {
            fail(&window, &e);
            return Ok(());
        }
    };
    if mode == "layout" {
        let clock = || now(&window);
        let report =
            layout_report(&input, &clock).map_err(|e| JsValue::from_str(&e.to_string()))?;
        publish(&window, &report);
        return Ok(());
    }
    // Render: the injected finished layout, drawn by the app's own scene and renderer.
    let explorer = input
        .explorer()
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let canvas: HtmlCanvasElement = super::dom::by_id(&document, "graph-canvas")?.dyn_into()?;
    let (w, h) = RENDER_CANVAS;
    let _ignored = canvas.style().set_property("width", &format!("{w}px"));
    let _ignored = canvas.style().set_property("height", &format!("{h}px"));
    let mut renderer = draw::Renderer::new(&canvas)?;
    renderer.resize(&canvas, w, h, window.device_pixel_ratio() as f32);
    let state = Rc::new(RefCell::new(RenderBench {
        run: RenderRun::new(explorer, now(&window)),
        window,
        document,
        renderer,
    }));
    schedule(state);
    Ok(())
}

/// `mode=ner`: the core's NER report ([`ner_report`]), with the model loaded the way the app
/// loads it (inflated by the browser, then parsed).
fn run_ner(window: &Window, text: &str) -> Result<(), JsValue> {
    let input = match NerInput::parse(text) {
        Ok(i) => i,
        Err(e) => {
            fail(window, &e);
            return Ok(());
        }
    };
    let w = window.clone();
    super::inflate::provide_all(window, move |report| {
        let inflated = inflate_ms(&report, crate::text::assets::Asset::NerModel);
        let report = super::inflate::with_loader(|l| ner_report(&input, &|| now(&w), inflated, l));
        publish(&w, &report);
    });
    Ok(())
}

struct RenderBench {
    window: Window,
    document: Document,
    run: RenderRun,
    renderer: draw::Renderer,
}

fn schedule(state: Rc<RefCell<RenderBench>>) {
    let window = state.borrow().window.clone();
    let cb = Closure::once_into_js(move |t: f64| tick(state, t));
    let _ignored = window.request_animation_frame(cb.unchecked_ref());
}

fn tick(state: Rc<RefCell<RenderBench>>, t: f64) {
    let done = {
        let mut s = state.borrow_mut();
        s.run.aim();
        let win = s.window.clone();
        let t_scene = now(&win);
        let RenderBench { run, renderer, .. } = &mut *s;
        run.explorer.frame();
        let t_draw = now(&win);
        let theme = &crate::render::Theme::NORMAL;
        renderer.draw(run.explorer.last_frame(), &run.explorer.x, theme);
        let t_end = now(&win);
        let done = run
            .times
            .record(t, t_draw - t_scene, t_end - t_draw, now(&win));
        if run.times.frames == 1 {
            if let Some(root) = s.document.document_element() {
                let _ignored = root.set_attribute("data-ready", "1");
            }
        }
        done
    };
    if done {
        let s = state.borrow();
        publish(&s.window, &s.run.report());
    } else {
        schedule(state);
    }
}
