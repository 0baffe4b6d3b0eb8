//! Native timing of a whole frame of the render bench (`scripts/bench-browser.mjs`): the same
//! scale-free graph (`n` nodes, `degree` edges each, seed 42, its finished-looking layout),
//! framed on 1280 × 800, along the bench's 60-frame camera path: the scene (with the level of
//! detail, `app::lod`) and the raster of the plain edges and nodes, with and without "show all";
//! the raster of each frame as drawn in motion (`render::Motion`) and at rest.
//! `cargo run --release --example render_frame [n] [degree]`
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use guanxi::app::bench::{BenchInput, RenderRun};
use guanxi::render::raster::Raster;
use guanxi::render::Theme;
use std::time::Instant;

/// The bench page's graph, with the same arithmetic as its JavaScript (doubles throughout).
fn graph(n: usize, degree: usize, show_all: bool) -> String {
    let mut s = 42.0f64;
    let mut r = move || {
        s = (s * 1103515245.0 + 12345.0) % 2147483648.0;
        s / 2147483648.0
    };
    let (mut nodes, mut edges, mut ends) = (Vec::new(), Vec::new(), Vec::<usize>::new());
    let (mut lx, mut ly) = (Vec::<f64>::new(), Vec::<f64>::new());
    for i in 0..n {
        let (x, y) = (r() * 1000.0, r() * 1000.0);
        nodes.push(serde_json::json!({ "id": format!("n{i}"), "label": format!("节点{i}"), "x": x, "y": y }));
        for j in 0..degree.min(i) {
            let t = if ends.is_empty() {
                0
            } else {
                ends[(r() * ends.len() as f64).floor() as usize]
            };
            edges.push(serde_json::json!({ "source": format!("n{i}"), "target": format!("n{t}"), "weight": 1 }));
            ends.extend([i, t]);
            if j == 0 {
                #[allow(clippy::approx_constant)] // the bench page's own number
                let (a, d) = (r() * 6.283, 30.0 + r() * 60.0);
                lx.push(lx[t] + d * a.cos());
                ly.push(ly[t] + d * a.sin());
            }
        }
        if i == 0 {
            ends.push(0);
            lx.push(0.0);
            ly.push(0.0);
        }
    }
    serde_json::json!({ "graph": { "nodes": nodes, "edges": edges },
        "layout": { "x": lx, "y": ly }, "show_all": show_all })
    .to_string()
}

fn main() {
    if std::env::var("MODE").as_deref() == Ok("discs") {
        let mut raster = Raster::default();
        raster.resize(1280, 800);
        let discs: Vec<guanxi::render::raster::Disc> = (0..20_000)
            .map(|i| guanxi::render::raster::Disc {
                x: (i * 7919 % 1280) as f32 + 0.3,
                y: (i * 104_729 % 800) as f32 + 0.6,
                r: 1.5,
                colour: [40, 90, 200],
                alpha: 0.25,
            })
            .collect();
        let (mut best, mut blank) = (f64::MAX, f64::MAX);
        for _ in 0..200 {
            let t = Instant::now();
            raster.compose([0, 0, 0], [250, 250, 250], &discs);
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            raster.compose([0, 0, 0], [250, 250, 250], &[]);
            blank = blank.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "20,000 discs of radius 1.5: {best:.2} ms (best of 200), a blank image {blank:.2} ms"
        );
        return;
    }
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let (n, degree) = (arg(1, 20_000), arg(2, 5));
    let modes: &[bool] = match std::env::var("MODE").as_deref() {
        Ok("lod") => &[false],
        Ok("all") => &[true],
        _ => &[false, true],
    };
    for &show_all in modes {
        let input = BenchInput::parse(&graph(n, degree, show_all)).expect("the graph");
        let mut run = RenderRun::new(input.explorer().expect("frozen layout"), 0.0);
        let mut raster = Raster::default();
        raster.resize(1280, 800);
        let mut discs = Vec::new();
        let (mut scene, mut draw, mut edges, mut labels) = (0.0, 0.0, 0, 0);
        let (mut bare, mut blank, mut rule, mut rest, mut coarse) = (0.0, 0.0, 0.0, 0.0, 0);
        let frames = 120;
        for _ in 0..frames {
            run.aim();
            let t = Instant::now();
            std::hint::black_box(guanxi::app::lod::detail(&run.explorer));
            rule += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let list = run.explorer.frame();
            scene += t.elapsed().as_secs_f64();
            (edges, labels) = (edges + list.edges.len(), labels + list.labels.len());
            let t = Instant::now();
            raster.draw_plain(list, &Theme::NORMAL, 1.0, &mut discs);
            draw += t.elapsed().as_secs_f64();
            coarse += raster.coarseness();
            // The frame after the camera stops: the same list, at full resolution.
            let still = guanxi::render::DrawList {
                motion: guanxi::render::Motion::Still,
                ..list.clone()
            };
            let t = Instant::now();
            raster.draw_plain(&still, &Theme::NORMAL, 1.0, &mut discs);
            rest += t.elapsed().as_secs_f64();
            let nodes_only = guanxi::render::DrawList {
                edges: Vec::new(),
                ..still
            };
            let t = Instant::now();
            raster.draw_plain(&nodes_only, &Theme::NORMAL, 1.0, &mut discs);
            bare += t.elapsed().as_secs_f64();
            let t = Instant::now();
            raster.clear();
            raster.compose([0, 0, 0], [250, 250, 250], &[]);
            blank += t.elapsed().as_secs_f64();
            run.times.frames += 1;
        }
        let per = |x: f64| x * 1000.0 / frames as f64;
        println!(
            "n={n} degree={degree} show_all={show_all}: scene {:.2} ms (the level-of-detail rule alone {:.3} ms), raster {:.2} ms per frame in motion (coarseness {:.1} on average; at rest, in full: {:.2} ms; of which the image without edges {:.2} ms, a blank image {:.2} ms); {} edges, {} labels drawn on average",
            per(scene),
            per(rule),
            per(draw),
            coarse as f64 / frames as f64,
            per(rest),
            per(bare),
            per(blank),
            edges / frames,
            labels / frames
        );
    }
}
