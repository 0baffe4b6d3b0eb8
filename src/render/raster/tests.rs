use super::*;

const BG: Rgb = [250, 250, 250];
const INK: Rgb = [0, 0, 0];

fn layer(w: usize, h: usize) -> Raster {
    let mut l = Raster::default();
    l.resize(w, h);
    l
}

fn darkness(l: &Raster, x: usize, y: usize) -> u32 {
    250 - l.pixel(x, y).map(|p| p[0] as u32).unwrap_or(250)
}

fn draw(w: usize, h: usize, lines: &[[f32; 4]]) -> Raster {
    let mut l = layer(w, h);
    for e in lines {
        l.hairline(e[0], e[1], e[2], e[3], 255);
    }
    l.compose(INK, BG, &[]);
    l
}

#[test]
fn a_horizontal_line_on_pixel_centres_is_one_solid_row() {
    let l = draw(20, 10, &[[2.5, 4.5, 17.5, 4.5]]);
    for x in 3..17 {
        assert!(darkness(&l, x, 4) > 240, "x={x}");
        assert_eq!(darkness(&l, x, 3), 0);
        assert_eq!(darkness(&l, x, 5), 0);
    }
    assert_eq!(darkness(&l, 0, 4), 0);
    assert_eq!(darkness(&l, 19, 4), 0);
}

#[test]
fn a_line_between_rows_shares_its_ink_between_them() {
    let l = draw(20, 10, &[[2.5, 5.0, 17.5, 5.0]]);
    let (a, b) = (darkness(&l, 10, 4), darkness(&l, 10, 5));
    assert!(a > 100 && b > 100 && a + b > 230, "{a} {b}");
}

#[test]
fn steep_and_diagonal_lines_touch_every_row_they_cross() {
    let l = draw(30, 30, &[[15.5, 2.5, 16.5, 27.5]]);
    for y in 3..27 {
        let ink: u32 = (0..30).map(|x| darkness(&l, x, y)).sum();
        assert!(ink > 200, "row {y}: {ink}");
    }
    let d = draw(30, 30, &[[0.5, 0.5, 29.5, 29.5]]);
    for i in 1..29 {
        assert!(darkness(&d, i, i) > 200, "({i},{i})");
    }
}

#[test]
fn strength_mixes_the_ink_with_the_background_and_lines_blend_over_each_other() {
    let mut l = layer(10, 10);
    l.hairline(0.5, 5.5, 9.5, 5.5, 128);
    l.compose([200, 40, 10], [0, 0, 0], &[]);
    let p = l.pixel(5, 5).unwrap_or_default();
    assert!(p[0].abs_diff(100) <= 2 && p[1].abs_diff(20) <= 2 && p[2].abs_diff(5) <= 2);
    // A faint line over a strong one lightens it, as painting over does.
    l.hairline(0.5, 5.5, 9.5, 5.5, 255);
    l.hairline(0.5, 5.5, 9.5, 5.5, 30);
    l.compose([255, 255, 255], [0, 0, 0], &[]);
    assert!(l.pixel(5, 5).unwrap_or_default()[0].abs_diff(30) <= 2);
}

#[test]
fn off_screen_huge_and_broken_coordinates_are_clipped_or_skipped() {
    let mut l = layer(40, 30);
    // Crosses the layer from far outside: drawn where it is inside, nowhere else.
    l.hairline(-1e6, 15.5, 1e6, 15.5, 255);
    let before = l.ink.clone();
    l.compose(INK, BG, &[]);
    assert!(darkness(&l, 0, 15) > 200 && darkness(&l, 39, 15) > 200);
    // Entirely outside, or not numbers: nothing.
    l.hairline(-50.0, -50.0, -10.0, -5.0, 255);
    l.hairline(f32::NAN, 3.0, 10.0, 10.0, 255);
    l.hairline(0.0, f32::INFINITY, 10.0, 10.0, 255);
    l.hairline(5.0, 5.0, 5.0, 5.0, 255); // a point: at most a pixel or two
    let changed = before.iter().zip(&l.ink).filter(|(a, b)| a != b).count();
    assert!(changed <= 2, "{changed}");
}

#[test]
fn discs_cover_their_inside_blend_at_their_opacity_and_clip_at_the_border() {
    let disc = |x, y, r, colour, alpha| Disc {
        x,
        y,
        r,
        colour,
        alpha,
    };
    let mut l = layer(40, 40);
    l.compose(INK, BG, &[disc(20.0, 20.0, 6.0, [200, 0, 0], 1.0)]);
    assert_eq!(l.pixel(20, 20), Some([200, 0, 0]));
    assert_eq!(l.pixel(24, 20), Some([200, 0, 0]));
    assert_eq!(l.pixel(28, 20), Some(BG));
    // The rim is partly covered.
    let rim = l.pixel(25, 20).unwrap_or_default()[1];
    assert!(rim > 0 && rim < 250, "{rim}");
    l.compose(INK, BG, &[disc(5.0, 5.0, 4.0, [0, 0, 0], 0.25)]);
    let p = l.pixel(5, 5).unwrap_or_default();
    assert!(p[0].abs_diff(187) <= 2, "{p:?}");
    // Later discs go over earlier ones, across the bands too.
    l.compose(
        INK,
        BG,
        &[
            disc(20.0, 20.0, 15.0, [200, 0, 0], 1.0),
            disc(20.0, 20.0, 3.0, [0, 200, 0], 1.0),
        ],
    );
    assert_eq!(l.pixel(20, 20), Some([0, 200, 0]));
    assert_eq!(l.pixel(20, 8), Some([200, 0, 0]));
    // Half outside, far outside, not a number: clipped or skipped, no panic.
    l.compose(
        INK,
        BG,
        &[
            disc(0.0, 39.0, 10.0, [0, 0, 200], 1.0),
            disc(-100.0, 5.0, 3.0, [0, 0, 0], 1.0),
            disc(f32::NAN, 5.0, 3.0, [0, 0, 0], 1.0),
            disc(5.0, 5.0, f32::INFINITY, [0, 0, 0], 1.0),
            disc(5.0, 5.0, -1.0, [0, 0, 0], 1.0),
        ],
    );
    assert_eq!(l.pixel(0, 39), Some([0, 0, 200]));
    assert_eq!(l.pixel(5, 5), Some(BG));
}

#[test]
fn blank_runs_compose_like_every_pixel_looked_up() {
    let table: [[u8; 4]; 256] = std::array::from_fn(|s| [s as u8, 255 - s as u8, 7, 255]);
    for w in [0, 1, 7, 8, 9, 16, 37] {
        // Blank runs of every length, broken by ink at odd places.
        let ink: Vec<u8> = (0..w)
            .map(|i| if i % 11 == 3 || i == w - 1 { 200 } else { 0 })
            .collect();
        let mut out = vec![1u8; w * 4];
        compose_row(&ink, &mut out, &table);
        let want: Vec<u8> = ink.iter().flat_map(|&s| table[s as usize]).collect();
        assert_eq!(out, want, "width {w}");
    }
}

#[test]
fn an_empty_layer_takes_lines_without_panicking() {
    let mut l = Raster::default();
    l.hairline(0.0, 0.0, 10.0, 10.0, 255);
    assert_eq!(l.size(), (0, 0));
    l.compose(INK, BG, &[]);
    assert!(l.pixels().is_empty());
    let d = Disc {
        x: 1.0,
        y: 1.0,
        r: 5.0,
        colour: INK,
        alpha: 1.0,
    };
    l.compose(INK, BG, &[d]);
}

/// The plain per-pixel plotting and discs the fast paths must agree with, pixel for pixel.
struct Reference {
    w: usize,
    h: usize,
    ink: Vec<u8>,
}

impl Reference {
    fn plot(&mut self, x: i32, y: i32, s: u32, a: u32) {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h {
            return;
        }
        let p = &mut self.ink[y as usize * self.w + x as usize];
        *p = ((*p as u32 * (256 - a) + s * a) >> 8) as u8;
    }

    /// The same steps as [`Raster::hairline`] (its `walk`), plotted one pixel at a time
    /// with every bound tested, into an image without the guard band.
    fn hairline(&mut self, l: &Raster, x1: f32, y1: f32, x2: f32, y2: f32, s: u8) {
        let Some(Walk {
            steep,
            start,
            end,
            mut y,
            step,
        }) = l.walk(x1, y1, x2, y2)
        else {
            return;
        };
        for x in start..=end {
            let yi = (y >> 16) as i32 - 2;
            let hi = ((y >> 8) & 0xff) as u32;
            if steep {
                self.plot(yi, x, s as u32, 256 - hi);
                self.plot(yi + 1, x, s as u32, hi);
            } else {
                self.plot(x, yi, s as u32, 256 - hi);
                self.plot(x, yi + 1, s as u32, hi);
            }
            y += step;
        }
    }
}

fn reference_disc(rgba: &mut [u8], w: usize, h: usize, d: [f32; 3], c: Rgb, alpha: f32) {
    let [cx, cy, r] = d;
    if !(cx.is_finite() && cy.is_finite() && r.is_finite() && r > 0.0) {
        return;
    }
    let alpha = (alpha.clamp(0.0, 1.0) * 256.0) as u32;
    let (inner, outer) = ((r - 0.5).max(0.0).powi(2), (r + 0.5).powi(2));
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 + 0.5 - cx, y as f32 + 0.5 - cy);
            let d2 = dx * dx + dy * dy;
            if d2 >= outer {
                continue;
            }
            let cover = if d2 <= inner {
                256
            } else {
                ((r + 0.5 - d2.sqrt()) * 256.0) as u32
            };
            let a = (cover * alpha) >> 8;
            for k in 0..3 {
                let p = &mut rgba[(y * w + x) * 4 + k];
                *p = ((*p as u32 * (256 - a) + c[k] as u32 * a) >> 8) as u8;
            }
        }
    }
}

#[test]
fn fast_lines_and_discs_match_the_plain_algorithms_pixel_for_pixel() {
    let mut seed = 0x2545_f491_u64;
    let mut rand = |lo: f32, hi: f32| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        lo + (hi - lo) * ((seed >> 40) as f32 / (1u64 << 24) as f32)
    };
    for (w, h) in [(1, 1), (7, 3), (64, 48), (131, 97)] {
        let mut l = layer(w, h);
        let mut r = Reference {
            w,
            h,
            ink: vec![0; w * h],
        };
        let (wf, hf) = (w as f32, h as f32);
        for k in 0..400 {
            // Mostly on the layer, some crossing its edges or far outside it.
            let spread = if k % 5 == 0 { 3.0 } else { 1.2 };
            let p = [
                rand(-0.2 * wf * spread, wf * spread),
                rand(-0.2 * hf * spread, hf * spread),
                rand(-0.2 * wf * spread, wf * spread),
                rand(-0.2 * hf * spread, hf * spread),
            ];
            let s = rand(0.0, 255.99) as u8;
            l.hairline(p[0], p[1], p[2], p[3], s);
            r.hairline(&l, p[0], p[1], p[2], p[3], s);
        }
        let mut want = Raster::default();
        want.resize(w, h);
        for y in 0..h {
            let at = (y + PAD) * want.stride + PAD;
            want.ink[at..at + w].copy_from_slice(&r.ink[y * w..(y + 1) * w]);
        }
        want.compose(INK, BG, &[]);
        let discs: Vec<Disc> = (0..60)
            .map(|k| Disc {
                x: rand(-5.0, wf + 5.0),
                y: rand(-5.0, hf + 5.0),
                r: rand(0.1, if k % 3 == 0 { 40.0 } else { 6.0 }),
                colour: [rand(0.0, 255.0) as u8, rand(0.0, 255.0) as u8, 7],
                alpha: if k % 2 == 0 { 1.0 } else { rand(0.0, 1.0) },
            })
            .collect();
        for d in &discs {
            reference_disc(&mut want.rgba, w, h, [d.x, d.y, d.r], d.colour, d.alpha);
        }
        l.compose(INK, BG, &discs);
        assert_eq!(l.rgba, want.rgba, "discs on {w}x{h}");
    }
}

#[test]
fn the_image_holds_plain_co_occurrence_and_stated_relations_are_left_to_paths() {
    use crate::render::DrawNode;
    let theme = &Theme::NORMAL;
    let edge = |y: f32, kind, emphasis| DrawEdge {
        x1: 2.0,
        y1: y,
        x2: 38.0,
        y2: y,
        kind,
        width: 4.0,
        emphasis,
    };
    let list = DrawList {
        edges: vec![
            edge(5.0, RelationKind::CoOccurs, Emphasis::Normal),
            edge(15.0, RelationKind::Within, Emphasis::Normal),
            edge(25.0, RelationKind::CoOccurs, Emphasis::Focus),
        ],
        nodes: vec![DrawNode {
            entity: crate::model::EntityId(0),
            x: 20.0,
            y: 35.0,
            r: 3.0,
            kind: crate::model::EntityKind::Place,
            community: None,
            emphasis: Emphasis::Normal,
        }],
        labels: vec![],
        motion: Motion::Still,
    };
    let mut l = Raster::default();
    l.resize(40, 40);
    let mut discs = Vec::new();
    l.draw_plain(&list, theme, 1.0, &mut discs);
    let bg = rgb(theme.background);
    // The same-sentence colour mixed into the background at the edge's strength.
    let co = rgb(theme.relation(RelationKind::CoOccurs).colour);
    let on_co = l.pixel(20, 5).expect("inside");
    assert!(
        (0..3).all(|c| co[c] <= on_co[c] && on_co[c] < bg[c]),
        "{on_co:?}"
    );
    assert_eq!(l.pixel(20, 15), Some(bg), "a stated relation is a path");
    assert_eq!(l.pixel(20, 25), Some(bg), "a focused one too");
    assert_eq!(
        l.pixel(20, 35),
        Some(rgb(theme.kind(crate::model::EntityKind::Place)))
    );
    assert_eq!(discs.len(), 1);
}

#[test]
fn a_frame_in_motion_draws_dense_lines_coarser_and_a_still_one_in_full() {
    assert_eq!(coarseness_for(1.0e6), 1);
    assert_eq!(coarseness_for(MOVING_STEPS), 1);
    assert_eq!(coarseness_for(1.5 * MOVING_STEPS), 2);
    assert_eq!(coarseness_for(3.0 * MOVING_STEPS), 4);
    assert_eq!(coarseness_for(7.9 * MOVING_STEPS), 8);
    assert_eq!(coarseness_for(1.0e12), 16);
    // 2,000 lines across a 1280-pixel frame: 2.6 M steps.
    let line = |y: f32| DrawEdge {
        x1: -10.0,
        y1: y,
        x2: 1300.0,
        y2: y,
        kind: RelationKind::CoOccurs,
        width: 1.0,
        emphasis: Emphasis::Normal,
    };
    let mut list = DrawList {
        edges: (0..2_000).map(|i| line(i as f32 * 0.4)).collect(),
        motion: Motion::Moving,
        ..DrawList::default()
    };
    let (mut l, mut discs) = (layer(1280, 800), Vec::new());
    l.draw_plain(&list, &Theme::NORMAL, 1.0, &mut discs);
    assert_eq!(l.coarseness(), 2);
    list.motion = Motion::Still;
    l.draw_plain(&list, &Theme::NORMAL, 1.0, &mut discs);
    assert_eq!(l.coarseness(), 1);
    // Few lines in motion: in full.
    list.edges.truncate(100);
    list.motion = Motion::Moving;
    l.draw_plain(&list, &Theme::NORMAL, 1.0, &mut discs);
    assert_eq!(l.coarseness(), 1);
    // A coarse line is where the fine one is, soft, with about the same ink down a column.
    let column = |k: usize| {
        let mut l = layer(64, 64);
        l.set_coarseness(k);
        let y = 30.5 / k as f32;
        l.faint_hairline((0.0, y), (64.0 / k as f32, y), 200, 256 / k as u32);
        l.compose(INK, BG, &[]);
        (0..64).map(|y| darkness(&l, 20, y)).collect::<Vec<u32>>()
    };
    let fine: u32 = column(1).iter().sum();
    for k in [2, 4, 8, 16] {
        let c = column(k);
        let ink: u32 = c.iter().sum();
        assert!(ink.abs_diff(fine) * 3 < fine, "{k}: {ink} against {fine}");
        let darkest = (0..64).max_by_key(|&y| c[y]).unwrap_or(0);
        assert!(darkest.abs_diff(30) <= k / 2, "{k}: {darkest}");
        assert_eq!(c[30 + 2 * k], 0, "{k}: {c:?}");
    }
}
