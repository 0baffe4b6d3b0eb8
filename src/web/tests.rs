//! The web layer in a real browser (wasm-bindgen-test, headless Chromium): the renderer draws
//! on a real canvas and listeners detach on drop (the core's own wasm tests are with it, e.g.
//! `app::demo`).

use super::dom::Listener;
use super::draw::Renderer;
use crate::app::Explorer;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Event, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

fn seed_explorer() -> Explorer {
    Explorer::new(crate::text::extract(
        crate::app::demo::seed_drafts(),
        &crate::text::knowledge::testing::shipped(),
    ))
}

#[wasm_bindgen_test]
fn renderer_paints_nodes_on_a_canvas() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = doc.create_element("canvas").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();
    let mut r = Renderer::new(&canvas).unwrap();
    r.resize(&canvas, 400.0, 300.0, 1.0);
    let mut ex = seed_explorer();
    ex.resize(400.0, 300.0);
    ex.settle();
    ex.fit_to_screen();
    ex.frame();
    r.draw(ex.last_frame(), &ex.x, &crate::render::Theme::NORMAL);
    let node = ex
        .last_frame()
        .nodes
        .iter()
        .max_by(|a, b| a.r.total_cmp(&b.r))
        .copied()
        .unwrap();
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let px = ctx
        .get_image_data(node.x as f64, node.y as f64, 1.0, 1.0)
        .unwrap()
        .data();
    // The node's centre is not the background colour.
    assert_ne!((px[0], px[1], px[2]), (0xfb, 0xfb, 0xf8), "pixel {px:?}");
}

#[wasm_bindgen_test]
fn listeners_detach_when_dropped() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let target = doc.create_element("div").unwrap();
    let hits = Rc::new(Cell::new(0));
    let h = hits.clone();
    let l = Listener::new(&target, "ping", Box::new(move |_| h.set(h.get() + 1))).unwrap();
    target.dispatch_event(&Event::new("ping").unwrap()).unwrap();
    drop(l);
    target.dispatch_event(&Event::new("ping").unwrap()).unwrap();
    assert_eq!(hits.get(), 1);
}
