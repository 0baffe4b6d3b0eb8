//! The bench protocol (`#bench&size=N&mode=layout|render`, see README): time the same layout
//! step and renderer the app uses on an injected graph, then publish `window.benchResult`.

use super::{draw, now};
use crate::app::Explorer;
use crate::graph::KnowledgeGraph;
use crate::layout::{Layout, LayoutEdge, Settings};
use crate::model::{Entity, EntityId, EntityKind, Extraction, Relation, RelationKind};
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlCanvasElement, HtmlElement, Window};

#[derive(Deserialize)]
struct BenchInput {
    graph: BenchGraph,
    #[serde(default)]
    layout: Option<BenchLayout>,
}

#[derive(Deserialize)]
struct BenchGraph {
    nodes: Vec<BenchNode>,
    edges: Vec<BenchEdge>,
}

#[derive(Deserialize)]
struct BenchNode {
    id: serde_json::Value,
    #[serde(default)]
    label: Option<String>,
    x: f32,
    y: f32,
}

#[derive(Deserialize)]
struct BenchEdge {
    source: serde_json::Value,
    target: serde_json::Value,
    #[serde(default)]
    weight: Option<f32>,
}

#[derive(Deserialize)]
struct BenchLayout {
    x: Vec<f32>,
    y: Vec<f32>,
}

fn publish(window: &Window, result: &serde_json::Value) {
    let text = result.to_string();
    let value = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
    let _ignored = js_sys::Reflect::set(window, &"benchResult".into(), &value);
}

fn fail(window: &Window, msg: &str) {
    publish(window, &serde_json::json!({ "ok": false, "error": msg }));
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let med = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (med, p95)
}

pub(crate) fn run(window: Window, document: Document) -> Result<(), JsValue> {
    super::dom::show_app(&document);
    let hash = window.location().hash().unwrap_or_default();
    let mode = hash
        .split('&')
        .find_map(|p| p.strip_prefix("mode="))
        .unwrap_or("layout")
        .to_owned();
    let input = js_sys::Reflect::get(&window, &"benchInput".into())?;
    if input.is_undefined() || input.is_null() {
        fail(&window, "window.benchInput is not set");
        return Ok(());
    }
    let text: String = js_sys::JSON::stringify(&input)?.into();
    if mode == "ner" {
        return run_ner(&window, &text);
    }
    let input: BenchInput = match serde_json::from_str(&text) {
        Ok(i) => i,
        Err(e) => {
            fail(&window, &format!("benchInput has the wrong shape: {e}"));
            return Ok(());
        }
    };
    // Node ids → dense indices.
    let key = |v: &serde_json::Value| {
        v.as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v.to_string())
    };
    let index: std::collections::HashMap<String, u32> = input
        .graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (key(&n.id), i as u32))
        .collect();
    let edges: Vec<(u32, u32, f32)> = input
        .graph
        .edges
        .iter()
        .filter_map(|e| {
            Some((
                *index.get(&key(&e.source))?,
                *index.get(&key(&e.target))?,
                e.weight.unwrap_or(1.0),
            ))
        })
        .collect();
    let layout_edges: Vec<LayoutEdge> = edges
        .iter()
        .map(|&(a, b, w)| LayoutEdge { a, b, weight: w })
        .collect();
    let xs: Vec<f32> = input.graph.nodes.iter().map(|n| n.x).collect();
    let ys: Vec<f32> = input.graph.nodes.iter().map(|n| n.y).collect();

    if mode == "layout" {
        let mut layout = Layout::with_positions(xs, ys, layout_edges, Settings::default())
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        for _ in 0..5 {
            layout.step();
        }
        let mut times = Vec::with_capacity(50);
        for _ in 0..50 {
            let t0 = now(&window);
            layout.step();
            times.push(now(&window) - t0);
        }
        let (med, p95) = stats(times);
        publish(
            &window,
            &serde_json::json!({ "ok": true, "metrics": {
                "layout_ms_per_iter": { "value": med, "p95": p95, "n": 50, "class": "layout_step" } },
                "info": { "version": env!("CARGO_PKG_VERSION"), "nodes": layout.len() } }),
        );
        return Ok(());
    }

    // Render: the injected finished layout, drawn by the app's own scene and renderer.
    let (lx, ly) = match input.layout {
        Some(l) if l.x.len() == xs.len() && l.y.len() == ys.len() => (l.x, l.y),
        _ => (xs, ys),
    };
    let entities: Vec<Entity> = input
        .graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Entity {
            id: EntityId(i as u32),
            kind: EntityKind::ALL[i % 4],
            label: n.label.clone().unwrap_or_else(|| key(&n.id)),
            aliases: Vec::new(),
            mentions: Vec::new(),
        })
        .collect();
    let relations: Vec<Relation> = edges
        .iter()
        .map(|&(a, b, w)| Relation {
            source: EntityId(a),
            target: EntityId(b),
            kind: RelationKind::CoOccurs,
            label: None,
            weight: w.max(1.0) as u32,
            article: None,
            evidence: Vec::new(),
        })
        .collect();
    let x = Extraction {
        articles: Vec::new(),
        entities,
        relations,
    };
    let graph = KnowledgeGraph::build(&x);
    let frozen = Settings {
        max_steps: 0,
        ..Settings::default()
    };
    let layout = Layout::with_positions(lx, ly, Vec::new(), frozen)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let mut explorer = Explorer::with_layout(x, graph, layout);
    let canvas: HtmlCanvasElement = super::dom::by_id(&document, "graph-canvas")?.dyn_into()?;
    let _ignored = canvas.style().set_property("width", "1280px");
    let _ignored = canvas.style().set_property("height", "800px");
    let mut renderer = draw::Renderer::new(&canvas)?;
    renderer.resize(&canvas, 1280.0, 800.0, window.device_pixel_ratio() as f32);
    explorer.resize(1280.0, 800.0);
    explorer.fit_to_screen();
    let state = Rc::new(RefCell::new(RenderBench {
        window: window.clone(),
        document,
        explorer,
        renderer,
        base: None,
        frame: 0,
        start: now(&window),
        first_render: None,
        last: None,
        intervals: Vec::new(),
        scene_ms: Vec::new(),
        draw_ms: Vec::new(),
    }));
    schedule(state);
    Ok(())
}

#[derive(Deserialize)]
struct NerInput {
    sentences: Vec<String>,
}

/// `mode=ner`: tags each sentence with the shipped model (as `guanxi eval-ner` does natively)
/// and returns the spans, so a harness can score the wasm build against the same gold and
/// compare with the native numbers; also the tagging speed and the model's load time, loaded
/// the way the app loads it (inflated by the browser, then parsed).
fn run_ner(window: &Window, text: &str) -> Result<(), JsValue> {
    let input: NerInput = match serde_json::from_str(text) {
        Ok(i) => i,
        Err(e) => {
            fail(window, &format!("benchInput has the wrong shape: {e}"));
            return Ok(());
        }
    };
    let w = window.clone();
    super::inflate::provide_all(window, move |report| {
        if let Err(e) = tag_all(&w, input, &report) {
            fail(&w, &super::dom::js_error_text(&e));
        }
    });
    Ok(())
}

fn tag_all(
    window: &Window,
    input: NerInput,
    report: &super::inflate::Report,
) -> Result<(), JsValue> {
    let inflated_ms = |a: crate::text::assets::Asset| {
        report.iter().find(|(x, _)| *x == a).and_then(|(_, ms)| *ms)
    };
    let t0 = now(window);
    let Some(model) = crate::text::ner::shipped() else {
        fail(window, "no NER model is embedded");
        return Ok(());
    };
    let load_ms = now(window) - t0;
    // The gazetteer, word list and other lexicons load on first use: time that separately.
    let t_lex = now(window);
    let mut ctx = crate::text::ner::Context::default();
    let mut tags = Vec::new();
    model.tag(&['甲', '市'], &mut ctx, &mut tags);
    let lexicons_ms = now(window) - t_lex;
    let sentences: Vec<Vec<char>> = input
        .sentences
        .iter()
        .map(|s| s.chars().collect())
        .collect();
    // The same documents and steps as the native evaluation (`guanxi eval-ner`), three times
    // like `examples/ner_speed`: the first pass runs code the browser has not optimised yet
    // (reported too), the best pass is the tagger's speed.
    let mut secs = Vec::new();
    let mut predicted = Vec::new();
    for _ in 0..3 {
        let t1 = now(window);
        predicted = crate::text::msra::predict(model, &sentences, |s| s);
        secs.push((now(window) - t1) / 1000.0);
    }
    let out: Vec<Vec<(usize, usize, &str)>> = predicted
        .into_iter()
        .map(|spans| {
            spans
                .into_iter()
                .map(|sp| (sp.start, sp.end, sp.kind.as_str()))
                .collect()
        })
        .collect();
    let chars: usize = sentences.iter().map(Vec::len).sum();
    let rate = |s: f64| chars as f64 / s.max(1e-9);
    let best = secs.iter().copied().fold(f64::INFINITY, f64::min);
    publish(
        window,
        &serde_json::json!({ "ok": true, "metrics": {
            "ner_chars_per_s": { "value": rate(best) },
            "ner_first_pass_chars_per_s": { "value": rate(secs[0]) },
            "model_load_ms": { "value": load_ms },
            "model_inflate_ms": { "value": inflated_ms(crate::text::assets::Asset::NerModel) },
            "lexicons_load_ms": { "value": lexicons_ms } },
            "spans": out, "info": { "version": env!("CARGO_PKG_VERSION"), "chars": chars } }),
    );
    Ok(())
}

struct RenderBench {
    window: Window,
    document: Document,
    explorer: Explorer,
    renderer: draw::Renderer,
    /// (centre x, y, box w, h, fit scale) of the whole graph.
    base: Option<(f32, f32, f32, f32, f32)>,
    frame: u64,
    start: f64,
    first_render: Option<f64>,
    last: Option<f64>,
    intervals: Vec<f64>,
    /// Time building the draw list (core) and drawing it (canvas), per frame.
    scene_ms: Vec<f64>,
    draw_ms: Vec<f64>,
}

fn schedule(state: Rc<RefCell<RenderBench>>) {
    let window = state.borrow().window.clone();
    let cb = Closure::once_into_js(move |t: f64| tick(state, t));
    let _ignored = window.request_animation_frame(cb.unchecked_ref());
}

fn tick(state: Rc<RefCell<RenderBench>>, t: f64) {
    let done = {
        let mut s = state.borrow_mut();
        let base = match s.base {
            Some(b) => b,
            None => {
                let (x0, y0, x1, y1) = s.explorer.layout.bounds();
                let b = (
                    x0,
                    y0,
                    (x1 - x0).max(1e-3),
                    (y1 - y0).max(1e-3),
                    s.explorer.camera.scale,
                );
                s.base = Some(b);
                b
            }
        };
        // The protocol's camera path, indexed by frame number.
        let u = (s.frame % 60) as f32 / 60.0;
        let zoom = 0.5 - 0.5 * (4.0 * std::f32::consts::PI * u).cos();
        let scale = 2f32.powf(3.0 * zoom);
        let cx = 0.5 + 0.25 * (2.0 * std::f32::consts::PI * u).sin();
        let cy = 0.5 + 0.25 * (4.0 * std::f32::consts::PI * u + 1.0).sin();
        s.explorer.camera.cx = base.0 + cx * base.2;
        s.explorer.camera.cy = base.1 + cy * base.3;
        s.explorer.camera.scale = base.4 * scale;
        let win = s.window.clone();
        let t_scene = now(&win);
        let RenderBench {
            explorer, renderer, ..
        } = &mut *s;
        explorer.frame();
        let t_draw = now(&win);
        renderer.draw(explorer.last_frame(), &explorer.x, false);
        let t_end = now(&win);
        s.scene_ms.push(t_draw - t_scene);
        s.draw_ms.push(t_end - t_draw);
        s.frame += 1;
        if s.first_render.is_none() {
            let nav = now(&s.window);
            s.first_render = Some(nav);
            if let Some(root) = s
                .document
                .document_element()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ignored = root.dataset().set("ready", "1");
            }
        }
        let elapsed = t - s.start;
        if let Some(last) = s.last {
            if elapsed > 1000.0 {
                s.intervals.push(t - last);
            }
        }
        s.last = Some(t);
        elapsed > 6000.0 && s.intervals.len() >= 30
    };
    if done {
        let s = state.borrow();
        let (med, p95) = stats(s.intervals.clone());
        publish(
            &s.window,
            &serde_json::json!({ "ok": true, "metrics": {
                "frame_ms": { "value": med, "p95": p95, "n": s.intervals.len(), "class": "frame" },
                "first_render_ms": { "value": s.first_render.unwrap_or(0.0) },
                "scene_ms": { "value": stats(s.scene_ms.clone()).0 },
                "draw_ms": { "value": stats(s.draw_ms.clone()).0 } },
                "info": { "version": env!("CARGO_PKG_VERSION"), "labels": s.explorer.last_frame().labels.len() } }),
        );
    } else {
        schedule(state);
    }
}
