//! The web layer in a real browser (wasm-bindgen-test, headless Chromium): the renderer draws
//! on a real canvas, listeners detach on drop, and the core's spec holds under wasm too.

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
    let drafts = crate::text::corpus::read("seed", crate::app::demo::SEED_PAGE.as_bytes())
        .expect("seed page reads");
    Explorer::new(crate::text::extract(drafts))
}

#[wasm_bindgen_test]
fn seed_extracts_the_same_in_wasm() {
    let ex = seed_explorer();
    assert_eq!(ex.x.articles.len(), 8);
    assert!(
        crate::text::ner::shipped().is_some(),
        "the model loads in wasm"
    );
    assert!(ex
        .x
        .entities
        .iter()
        .any(|e| e.label == "清水县" && e.kind == crate::model::EntityKind::Place));
}

#[wasm_bindgen_test]
fn precomputed_demo_equals_extraction_in_the_browser() {
    // Built by scripts/build.sh with the native CLI; the wasm core must agree with it exactly.
    // scripts/test.sh builds this test with it: without it there is nothing to compare.
    assert!(
        !crate::app::demo::PRECOMPUTED.is_empty(),
        "build with GUANXI_PRECOMPUTED set to the native preparation (see scripts/test.sh)"
    );
    let pre: crate::app::Prepared =
        serde_json::from_slice(crate::app::demo::PRECOMPUTED).expect("valid JSON");
    assert_eq!(
        pre.extraction,
        crate::text::extract(crate::app::demo::seed_drafts())
    );
    // Its layout is a settled one: the page starts with nothing left to lay out.
    let mut ex = Explorer::from_prepared(pre);
    assert!(ex.layout.converged() && !ex.tick(1));
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
