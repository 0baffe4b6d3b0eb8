//! Native timing of the frame rasteriser (`render::raster`): 20,000 random edges of 10–300 px and
//! 5,000 discs on a 1280×800 image, the bench protocol's 5,000-node case in full view.
//! `cargo run --release --example raster`
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use guanxi::render::raster::{Disc, Raster};
use std::time::Instant;

fn main() {
    let mut seed: u64 = 42;
    let mut rand = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 40) as f32 / (1u64 << 24) as f32
    };
    let edges: Vec<[f32; 4]> = (0..20_000)
        .map(|_| {
            let (x, y, a, len) = (
                rand() * 1280.0,
                rand() * 800.0,
                rand() * std::f32::consts::TAU,
                10.0 + rand() * 290.0,
            );
            [x, y, x + a.cos() * len, y + a.sin() * len]
        })
        .collect();
    let nodes: Vec<Disc> = (0..5_000)
        .map(|_| Disc {
            x: rand() * 1280.0,
            y: rand() * 800.0,
            r: 3.0 + rand() * 6.0,
            colour: [0x2f, 0x6d, 0xb5],
            alpha: 1.0,
        })
        .collect();
    let mut r = Raster::default();
    r.resize(1280, 800);
    let frames = 50;
    let (mut t_edges, mut t_nodes) = (0.0, 0.0);
    for _ in 0..frames {
        let t = Instant::now();
        r.clear();
        for e in &edges {
            r.hairline(e[0], e[1], e[2], e[3], 180);
        }
        t_edges += t.elapsed().as_secs_f64();
        let t = Instant::now();
        r.compose([0x45, 0x47, 0x4f], [0xfb, 0xfb, 0xf8], &nodes);
        t_nodes += t.elapsed().as_secs_f64();
    }
    let ms = |s: f64| s * 1000.0 / frames as f64;
    println!(
        "per frame: 20,000 edges {:.2} ms, compose with 5,000 discs {:.2} ms ({} bytes of image)",
        ms(t_edges),
        ms(t_nodes),
        r.pixels().len()
    );
}
