//! The bench protocol's inputs (`#bench&size=N&mode=layout|render`, see README): an injected
//! graph read into the app's own layout and explorer, the render bench's camera path, and the
//! statistics it reports. The page times them; what is timed is built here.

use super::Explorer;
use crate::graph::KnowledgeGraph;
use crate::layout::{Layout, LayoutEdge, Settings, SettingsError};
use crate::model::{Entity, EntityId, EntityKind, Extraction, Relation, RelationKind};
use serde::Deserialize;
use std::collections::HashMap;

/// `window.benchInput`: a graph with positions, and for the render bench a finished layout.
#[derive(Debug, Deserialize)]
pub struct BenchInput {
    graph: BenchGraph,
    #[serde(default)]
    layout: Option<BenchLayout>,
    /// Draw every entity in full (no level of detail, see `app::lod`): `benchInput.show_all`.
    #[serde(default)]
    show_all: bool,
}

#[derive(Debug, Deserialize)]
struct BenchGraph {
    nodes: Vec<BenchNode>,
    edges: Vec<BenchEdge>,
}

#[derive(Debug, Deserialize)]
struct BenchNode {
    id: serde_json::Value,
    #[serde(default)]
    label: Option<String>,
    x: f32,
    y: f32,
}

#[derive(Debug, Deserialize)]
struct BenchEdge {
    source: serde_json::Value,
    target: serde_json::Value,
    #[serde(default)]
    weight: Option<f32>,
}

#[derive(Debug, Deserialize)]
struct BenchLayout {
    x: Vec<f32>,
    y: Vec<f32>,
}

/// A node id as text (ids may be strings or numbers).
fn key(v: &serde_json::Value) -> String {
    v.as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| v.to_string())
}

impl BenchInput {
    /// Reads the input's JSON.
    pub fn parse(json: &str) -> Result<BenchInput, String> {
        serde_json::from_str(json).map_err(|e| format!("benchInput has the wrong shape: {e}"))
    }

    /// Edges between known nodes, as dense indices with their weights (default 1).
    fn edges(&self) -> Vec<(u32, u32, f32)> {
        let index: HashMap<String, u32> = self
            .graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (key(&n.id), i as u32))
            .collect();
        self.graph
            .edges
            .iter()
            .filter_map(|e| {
                Some((
                    *index.get(&key(&e.source))?,
                    *index.get(&key(&e.target))?,
                    e.weight.unwrap_or(1.0),
                ))
            })
            .collect()
    }

    /// The layout bench: the app's layout from the given positions.
    pub fn layout(&self) -> Result<Layout, SettingsError> {
        let edges = self
            .edges()
            .into_iter()
            .map(|(a, b, weight)| LayoutEdge { a, b, weight })
            .collect();
        let xs = self.graph.nodes.iter().map(|n| n.x).collect();
        let ys = self.graph.nodes.iter().map(|n| n.y).collect();
        Layout::with_positions(xs, ys, edges, Settings::default())
    }

    /// The render bench: an explorer over the graph (kinds in turn, co-occurrence edges) at
    /// the finished layout when given (else the positions), which never moves; in full when
    /// the input says `show_all`.
    pub fn explorer(self) -> Result<Explorer, SettingsError> {
        let edges = self.edges();
        let show_all = self.show_all;
        let nodes = self.graph.nodes;
        let (lx, ly) = match self.layout {
            Some(l) if l.x.len() == nodes.len() && l.y.len() == nodes.len() => (l.x, l.y),
            _ => (
                nodes.iter().map(|n| n.x).collect(),
                nodes.iter().map(|n| n.y).collect(),
            ),
        };
        let entities = nodes
            .into_iter()
            .enumerate()
            .map(|(i, n)| Entity {
                id: EntityId(i as u32),
                kind: EntityKind::ALL[i % 4],
                label: n.label.unwrap_or_else(|| key(&n.id)),
                aliases: Vec::new(),
                mentions: Vec::new(),
            })
            .collect();
        let relations = edges
            .iter()
            .map(|&(a, b, w)| Relation {
                source: EntityId(a),
                target: EntityId(b),
                kind: RelationKind::CoOccurs,
                label: None,
                weight: w.max(1.0) as u32,
                evidence: Vec::new(),
            })
            .collect();
        let x = Extraction {
            entities,
            relations,
            ..Extraction::default()
        };
        let graph = KnowledgeGraph::build(&x);
        let frozen = Settings {
            max_steps: 0,
            ..Settings::default()
        };
        let layout = Layout::with_positions(lx, ly, Vec::new(), frozen)?;
        let mut ex = Explorer::with_layout(x, graph, layout);
        ex.update_view(|v| v.show_all = show_all);
        // The communities drawn as discs from the first frame on, as before they were
        // computed over frames.
        ex.measure_all();
        Ok(ex)
    }
}

/// Median and 95th percentile (0 for no samples).
pub fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (0.0, 0.0);
    }
    let med = v[v.len() / 2];
    let p95 = v[((v.len() as f64 * 0.95) as usize).min(v.len() - 1)];
    (med, p95)
}

/// The whole graph's frame: box origin and size, and the scale that fits it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
    /// The fitted scale.
    pub scale: f32,
}

impl Frame {
    /// The frame of an explorer's whole layout at its fitted camera.
    pub fn of(ex: &Explorer) -> Frame {
        let (x0, y0, x1, y1) = ex.layout.bounds();
        Frame {
            x: x0,
            y: y0,
            w: (x1 - x0).max(1e-3),
            h: (y1 - y0).max(1e-3),
            scale: ex.camera.scale,
        }
    }
}

/// The protocol's camera path, indexed by frame number: zooms in and out eight-fold and
/// wanders over the graph, once every 60 frames. Returns the centre and scale.
pub fn camera_path(base: Frame, frame: u64) -> (f32, f32, f32) {
    use std::f32::consts::PI;
    let u = (frame % 60) as f32 / 60.0;
    let zoom = 0.5 - 0.5 * (4.0 * PI * u).cos();
    let scale = 2f32.powf(3.0 * zoom);
    let cx = 0.5 + 0.25 * (2.0 * PI * u).sin();
    let cy = 0.5 + 0.25 * (4.0 * PI * u + 1.0).sin();
    (
        base.x + cx * base.w,
        base.y + cy * base.h,
        base.scale * scale,
    )
}

/// The render bench's canvas, in CSS pixels.
pub const RENDER_CANVAS: (f32, f32) = (1280.0, 800.0);

/// The render bench's run: the injected graph framed on [`RENDER_CANVAS`], its camera moved
/// along [`camera_path`] frame by frame, and the timings.
pub struct RenderRun {
    /// The explorer drawn.
    pub explorer: Explorer,
    /// The whole graph's frame.
    base: Frame,
    /// The timings so far.
    pub times: RenderTimes,
}

impl RenderRun {
    /// A run of `explorer` starting at animation time `start`.
    pub fn new(mut explorer: Explorer, start: f64) -> RenderRun {
        explorer.resize(RENDER_CANVAS.0, RENDER_CANVAS.1);
        explorer.fit_to_screen();
        RenderRun {
            base: Frame::of(&explorer),
            explorer,
            times: RenderTimes::new(start),
        }
    }

    /// Points the camera where the protocol's path is at the next frame.
    pub fn aim(&mut self) {
        let (cx, cy, scale) = camera_path(self.base, self.times.frames);
        let camera = &mut self.explorer.camera;
        (camera.cx, camera.cy, camera.scale) = (cx, cy, scale);
    }

    /// The report the page publishes when the run is done.
    pub fn report(&self) -> serde_json::Value {
        self.times.report(self.explorer.last_frame().labels.len())
    }

    /// One frame at animation time `t`: the camera aimed, the scene built and handed to
    /// `draw`, each timed by `now`; whether the bench is done.
    pub fn step(&mut self, t: f64, now: &dyn Fn() -> f64, draw: &mut dyn FnMut(&Explorer)) -> bool {
        self.aim();
        let t_scene = now();
        self.explorer.frame();
        let t_draw = now();
        draw(&self.explorer);
        let t_end = now();
        self.times
            .record(t, t_draw - t_scene, t_end - t_draw, now())
    }
}

/// What a `#bench…` page does with its `window.benchInput` (JSON `text`).
pub enum Plan {
    /// Publish this report now (a layout bench's, or a failure's).
    Report(serde_json::Value),
    /// Draw this explorer frame by frame ([`RenderRun`]).
    Render(Box<Explorer>),
    /// Tag these sentences once the recogniser is loaded ([`ner_report`]).
    Ner(NerInput),
}

/// The plan for `hash`'s mode; `now` times a layout bench, run at once.
pub fn plan(hash: &str, text: &str, now: &dyn Fn() -> f64) -> Plan {
    let failed = |e: String| Plan::Report(serde_json::json!({ "ok": false, "error": e }));
    let mode = mode_of_hash(hash);
    if mode == "ner" {
        return NerInput::parse(text).map_or_else(failed, Plan::Ner);
    }
    let input = match BenchInput::parse(text) {
        Ok(i) => i,
        Err(e) => return failed(e),
    };
    let planned = match mode {
        "layout" => layout_report(&input, now).map(Plan::Report),
        _ => input.explorer().map(|ex| Plan::Render(Box::new(ex))),
    };
    planned.unwrap_or_else(|e| failed(e.to_string()))
}

/// The layout bench: five steps to warm up, then fifty timed ones (`now` reads the clock);
/// the report the page publishes.
pub fn layout_report(
    input: &BenchInput,
    now: &dyn Fn() -> f64,
) -> Result<serde_json::Value, SettingsError> {
    let mut layout = input.layout()?;
    for _ in 0..5 {
        layout.step();
    }
    let mut times = Vec::with_capacity(50);
    for _ in 0..50 {
        let t0 = now();
        layout.step();
        times.push(now() - t0);
    }
    let (med, p95) = stats(times);
    Ok(serde_json::json!({ "ok": true, "metrics": {
        "layout_ms_per_iter": { "value": med, "p95": p95, "n": 50, "class": "layout_step" } },
        "info": { "version": env!("CARGO_PKG_VERSION"), "nodes": layout.len() } }))
}

/// Whether the page's hash asks for a benchmark (`#bench…`) rather than the app.
pub fn is_bench(hash: &str) -> bool {
    hash.starts_with("#bench")
}

/// The bench's mode, from the page's hash (`#bench&mode=render`): `layout` when none is given.
pub fn mode_of_hash(hash: &str) -> &str {
    hash.split('&')
        .find_map(|p| p.strip_prefix("mode="))
        .unwrap_or("layout")
}

/// `mode=ner`'s `window.benchInput`: the sentences to tag.
#[derive(Debug, Deserialize)]
pub struct NerInput {
    sentences: Vec<String>,
}

impl NerInput {
    /// Reads the injected JSON; the message the page publishes when it has the wrong shape.
    pub fn parse(json: &str) -> Result<NerInput, String> {
        serde_json::from_str(json).map_err(|e| format!("benchInput has the wrong shape: {e}"))
    }
}

/// `mode=ner`: tags each sentence with the shipped model (as `guanxi eval-ner` does natively)
/// and returns the report with the spans, so a harness can score the wasm build against the
/// same gold and compare with the native numbers; also the tagging speed, the model's load
/// time and `model_inflate_ms` (the page's inflating of it), timed by `now`.
pub fn ner_report(
    input: &NerInput,
    now: &dyn Fn() -> f64,
    model_inflate_ms: Option<f64>,
    loader: &mut crate::text::knowledge::Loader,
) -> serde_json::Value {
    let t0 = now();
    while !crate::app::warm::model_step(loader) {}
    let load_ms = now() - t0;
    // The gazetteer, word list and other lexicons: timed separately.
    let t_lex = now();
    let k = match loader.finish() {
        Ok(k) => k,
        Err(e) => return serde_json::json!({ "ok": false, "error": e.to_string() }),
    };
    let Some(model) = &k.model else {
        return serde_json::json!({ "ok": false, "error": "no NER model is embedded" });
    };
    let mut ctx = crate::text::ner::Context::default();
    let mut tags = Vec::new();
    model.tag(&['甲', '市'], &k.lexicon, &mut ctx, &mut tags);
    let lexicons_ms = now() - t_lex;
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
        let t1 = now();
        predicted = crate::text::msra::predict(model, &sentences, |s| s, &k);
        secs.push((now() - t1) / 1000.0);
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
    serde_json::json!({ "ok": true, "metrics": {
        "ner_chars_per_s": { "value": rate(best) },
        "ner_first_pass_chars_per_s": { "value": rate(secs[0]) },
        "model_load_ms": { "value": load_ms },
        "model_inflate_ms": { "value": model_inflate_ms },
        "lexicons_load_ms": { "value": lexicons_ms } },
        "spans": out, "info": { "version": env!("CARGO_PKG_VERSION"), "chars": chars } })
}

/// The render bench's timings: the intervals between frames after the first second, and per
/// frame the time building the draw list (core) and drawing it (canvas).
#[derive(Clone, Debug, Default)]
pub struct RenderTimes {
    /// Frames drawn.
    pub frames: u64,
    start: f64,
    first_render: Option<f64>,
    last: Option<f64>,
    intervals: Vec<f64>,
    scene_ms: Vec<f64>,
    draw_ms: Vec<f64>,
}

impl RenderTimes {
    /// Timings starting at `start` (animation time, ms).
    pub fn new(start: f64) -> RenderTimes {
        RenderTimes {
            start,
            ..RenderTimes::default()
        }
    }

    /// Records a frame of animation time `t`, drawn by `now`; whether the bench is done (six
    /// seconds and thirty intervals).
    pub fn record(&mut self, t: f64, scene_ms: f64, draw_ms: f64, now: f64) -> bool {
        self.scene_ms.push(scene_ms);
        self.draw_ms.push(draw_ms);
        self.frames += 1;
        self.first_render.get_or_insert(now);
        let elapsed = t - self.start;
        if let Some(last) = self.last {
            if elapsed > 1000.0 {
                self.intervals.push(t - last);
            }
        }
        self.last = Some(t);
        elapsed > 6000.0 && self.intervals.len() >= 30
    }

    /// The report the page publishes; `labels` shown in the last frame.
    pub fn report(&self, labels: usize) -> serde_json::Value {
        let (med, p95) = stats(self.intervals.clone());
        serde_json::json!({ "ok": true, "metrics": {
            "frame_ms": { "value": med, "p95": p95, "n": self.intervals.len(), "class": "frame" },
            "first_render_ms": { "value": self.first_render.unwrap_or(0.0) },
            "scene_ms": { "value": stats(self.scene_ms.clone()).0 },
            "draw_ms": { "value": stats(self.draw_ms.clone()).0 } },
            "info": { "version": env!("CARGO_PKG_VERSION"), "labels": labels } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INPUT: &str = r#"{"graph": {"nodes": [
        {"id": "a", "x": 0, "y": 0}, {"id": 2, "label": "乙", "x": 10, "y": 0},
        {"id": "c", "x": 0, "y": 10}],
        "edges": [{"source": "a", "target": 2, "weight": 3}, {"source": "a", "target": "zz"},
        {"source": 2, "target": "c"}]},
        "layout": {"x": [1, 2, 3], "y": [4, 5, 6]}}"#;

    #[test]
    fn input_becomes_the_apps_layout_and_explorer() {
        let input = BenchInput::parse(INPUT).unwrap();
        assert_eq!(input.edges(), [(0, 1, 3.0), (1, 2, 1.0)]);
        let layout = input.layout().unwrap();
        assert_eq!((layout.len(), layout.x[1]), (3, 10.0));
        let ex = input.explorer().unwrap();
        let labels: Vec<&str> = ex.x.entities.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["a", "乙", "c"]);
        assert_eq!(ex.x.entities[1].kind, EntityKind::Place);
        assert_eq!((ex.layout.x[2], ex.layout.y[2]), (3.0, 6.0));
        assert_eq!(ex.x.relations[0].weight, 3);
        assert!(BenchInput::parse("{}")
            .unwrap_err()
            .starts_with("benchInput has"));
    }

    #[test]
    fn stats_and_camera_path() {
        assert_eq!(stats(vec![]), (0.0, 0.0));
        assert_eq!(stats(vec![3.0, 1.0, 2.0]), (2.0, 3.0));
        let base = Frame {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
            scale: 2.0,
        };
        let (cx, _, scale) = camera_path(base, 0);
        assert!((cx - 50.0).abs() < 1e-3 && (scale - 2.0).abs() < 1e-4);
        // Half-way through the first zoom: eight times closer.
        let (_, _, scale) = camera_path(base, 15);
        assert!((scale - 16.0).abs() < 1e-3, "{scale}");
        assert_eq!(camera_path(base, 7), camera_path(base, 67));
    }

    #[test]
    fn render_bench_ends_after_six_seconds_and_thirty_frames() {
        let mut t = RenderTimes::new(100.0);
        let mut frame = 0;
        // 200 ms frames: 30 intervals after the first second take until 7.1 s.
        while !t.record(100.0 + 200.0 * frame as f64, 1.0, 2.0, 150.0 + frame as f64) {
            frame += 1;
        }
        assert_eq!((frame, t.frames), (35, 36));
        let r = t.report(7);
        assert_eq!(r["metrics"]["frame_ms"]["value"], 200.0);
        assert_eq!(r["metrics"]["frame_ms"]["n"], 30);
        assert_eq!(r["metrics"]["first_render_ms"]["value"], 150.0);
        assert_eq!(r["metrics"]["draw_ms"]["value"], 2.0);
        assert_eq!(r["info"]["labels"], 7);
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 0.5);
            clock.get()
        };
        let input = BenchInput::parse(INPUT).unwrap();
        let r = layout_report(&input, &now).unwrap();
        assert_eq!(r["metrics"]["layout_ms_per_iter"]["value"], 0.5);
        assert_eq!(r["info"]["nodes"], 3);
    }

    #[test]
    fn render_run_frames_the_graph_and_follows_the_path() {
        let mut run = RenderRun::new(BenchInput::parse(INPUT).unwrap().explorer().unwrap(), 5.0);
        assert_eq!(
            (run.explorer.camera.width, run.explorer.camera.height),
            RENDER_CANVAS
        );
        let base = Frame::of(&run.explorer);
        for frame in 0..3 {
            run.aim();
            let c = &run.explorer.camera;
            assert_eq!((c.cx, c.cy, c.scale), camera_path(base, frame));
            run.explorer.frame();
            run.times.record(5.0 + frame as f64, 1.0, 1.0, 6.0);
        }
        assert_eq!(run.times.frames, 3);
        assert_eq!(run.report()["metrics"]["first_render_ms"]["value"], 6.0);
    }

    #[test]
    fn bench_mode_and_ner_report() {
        assert_eq!(mode_of_hash("#bench&size=10&mode=render"), "render");
        assert_eq!(mode_of_hash("#bench&size=10"), "layout");
        assert!(NerInput::parse("{}")
            .unwrap_err()
            .starts_with("benchInput has the wrong shape"));
        let input = NerInput::parse(r#"{"sentences": ["清水县位于甘肃省。", "你好"]}"#).unwrap();
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        let mut loader = crate::text::knowledge::Loader::new();
        let r = ner_report(&input, &now, Some(4.0), &mut loader);
        assert_eq!(r["ok"], true, "{r}");
        assert_eq!(r["info"]["chars"], 11);
        assert_eq!(r["spans"].as_array().map(Vec::len), Some(2));
        assert_eq!(r["metrics"]["model_inflate_ms"]["value"], 4.0);
        assert_eq!(r["metrics"]["model_load_ms"]["value"], 1.0);
        // 11 characters in one clock tick (a millisecond) per pass.
        assert_eq!(r["metrics"]["ner_chars_per_s"]["value"], 11_000.0);
    }
}
