//! The bulk of a frame rasterised in our own code: anti-aliased one-pixel edges (Xiaolin Wu's
//! algorithm) and node discs, into one image the renderer hands to the canvas in one call.
//!
//! Why not the canvas's own strokes and sprites: without a GPU (projector laptops, locked-down
//! school machines, and the machines this is tested on) Chromium takes ~30 ms for 20,000
//! stroked segments and ~16 ms for 5,000 stamped sprites (each a call across to JS), and
//! software WebGL is slower still (it pays per scanline of every line).
//!
//! The image holds the plain same-sentence links (in their [`super::LineStyle`]'s colour, as
//! solid hairlines) and the plain nodes; stated relations, each in its own style, and
//! everything emphasised are drawn as paths over it (they are few).
//!
//! Every plain edge is the same ink mixed with the background at some strength, so the layer
//! keeps one byte per pixel, the ink's strength there, and blends into that ("over" in one
//! channel, exact for a single ink); colours are made once per pixel at the end. One byte
//! instead of four keeps the buffer in cache, which is what the per-pixel cost comes down to.

use super::theme::rgb;
use super::{edge_strength, DrawEdge, DrawList, Emphasis, Motion, Theme};
use crate::model::RelationKind;
use std::ops::Range;

/// Edges as ink strength per pixel, composed over a background into RGBA, then discs.
#[derive(Clone, Debug, Default)]
pub struct Raster {
    width: usize,
    height: usize,
    /// Ink strength per pixel, 0 (background) to 255 (pure ink), row by row with a band of
    /// [`PAD`] pixels all round: `stride` bytes per row. One ink pixel is `coarse` × `coarse`
    /// pixels of the image ([`Raster::set_coarseness`]).
    ink: Vec<u8>,
    stride: usize,
    coarse: usize,
    /// Width and height of the ink, in its own pixels.
    ink_size: (usize, usize),
    /// A row of ink widened to the image's pixels (when `coarse` > 1).
    row: Vec<u8>,
    /// Scratch of the widening: a row between two ink rows.
    column: Vec<u32>,
    rgba: Vec<u8>,
    /// Per band of rows, where its list of discs starts in `band_discs` (kept between frames).
    band_start: Vec<u32>,
    band_discs: Vec<u32>,
}

/// Blank pixels around the ink that clipped lines may reach (at most two out), so a line's
/// pixels need no test against the image's edges (one bound check remains, as a guard).
const PAD: usize = 4;

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

/// A filled, anti-aliased disc centred at (`x`, `y`) with radius `r` (device pixels), in
/// `colour` at opacity `alpha` (0–1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Disc {
    pub x: f32,
    pub y: f32,
    pub r: f32,
    pub colour: Rgb,
    pub alpha: f32,
}

impl Disc {
    /// The rows `[first, last)` it may cover on an image `height` rows high; `None` when it
    /// covers none or is not a disc (a coordinate not a number, a radius not positive).
    fn rows(&self, height: usize) -> Option<(usize, usize)> {
        let Disc { x, y, r, .. } = *self;
        if !(x.is_finite() && y.is_finite() && r.is_finite() && r > 0.0) {
            return None;
        }
        let y0 = (y - r - 1.0).floor().max(0.0);
        let y1 = (y + r + 1.0).ceil().min(height as f32);
        (y0 < y1).then_some((y0 as usize, y1 as usize))
    }
}

/// The steps of one line (see [`Raster::walk`]).
struct Walk {
    steep: bool,
    start: i32,
    end: i32,
    y: i64,
    step: i64,
}

/// Rows per band of [`Raster::compose`]: 16 rows of a 1280-pixel image are 80 KB of RGBA,
/// well inside a core's cache with the discs' own data.
const BAND: usize = 16;

impl Raster {
    /// Sets the size in device pixels and clears the layer.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.ink.resize((width + 2 * PAD) * (height + 2 * PAD), 0);
        self.rgba.resize(width * height * 4, 0);
        self.set_coarseness(1);
    }

    /// Makes one ink pixel `k` × `k` pixels of the image (1: full resolution) and clears the
    /// lines; [`Raster::hairline`] then takes coordinates in ink pixels.
    pub fn set_coarseness(&mut self, k: usize) {
        let k = k.max(1);
        self.coarse = k;
        self.ink_size = (self.width.div_ceil(k), self.height.div_ceil(k));
        self.stride = self.ink_size.0 + 2 * PAD;
        // Never more than at full resolution, which `resize` allocated.
        self.ink
            .resize(self.stride * (self.ink_size.1 + 2 * PAD), 0);
        self.clear();
    }

    /// Image pixels per ink pixel, across ([`Raster::set_coarseness`]).
    pub fn coarseness(&self) -> usize {
        self.coarse
    }

    /// Sets the size in device pixels if it is another (see [`Raster::resize`]).
    pub fn ensure_size(&mut self, width: usize, height: usize) {
        if self.size() != (width, height) {
            self.resize(width, height);
        }
    }

    /// Width and height in device pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// Removes every line.
    pub fn clear(&mut self) {
        self.ink.fill(0);
    }

    /// Draws a frame's plain co-occurrence edges and plain (or dimmed) nodes at `dpr` device
    /// pixels per CSS pixel into the cleared layer and composes the image ([`Raster::pixels`]);
    /// `discs` is scratch kept by the caller between frames.
    pub fn draw_plain(&mut self, list: &DrawList, theme: &Theme, dpr: f32, discs: &mut Vec<Disc>) {
        const CO: RelationKind = RelationKind::CoOccurs;
        let plain = |e: &&DrawEdge| e.emphasis != Emphasis::Focus && e.kind == CO;
        let k = match list.motion {
            Motion::Still => 1,
            Motion::Moving => {
                let (w, h) = (self.width as f32 / dpr, self.height as f32 / dpr);
                let steps: f32 = list
                    .edges
                    .iter()
                    .filter(plain)
                    .map(|e| steps(e, w, h))
                    .sum();
                coarseness_for(steps * dpr)
            }
        };
        self.set_coarseness(k);
        let (c, cover) = (dpr / k as f32, 256 / k as u32);
        for e in list.edges.iter().filter(plain) {
            let s = (edge_strength(e, theme) * 255.0).round() as u8;
            if k == 1 {
                self.hairline(e.x1 * c, e.y1 * c, e.x2 * c, e.y2 * c, s);
            } else {
                self.faint_hairline((e.x1 * c, e.y1 * c), (e.x2 * c, e.y2 * c), s, cover);
            }
        }
        let d = dpr;
        discs.clear();
        discs.extend(
            list.nodes
                .iter()
                .filter(|n| n.emphasis <= Emphasis::Normal)
                .map(|n| Disc {
                    x: n.x * d,
                    y: n.y * d,
                    r: n.r * d,
                    colour: rgb(n.fill(theme)),
                    alpha: n.emphasis.node_alpha(),
                }),
        );
        let ink = rgb(theme.relation(CO).colour);
        self.compose(ink, rgb(theme.background), discs);
    }

    /// Composes the lines drawn in `ink` over `bg` into the image, then `discs` over them in
    /// order. Both go a band of rows at a time, so the discs blend into rows still in the
    /// cache: drawn over the whole 4 MB image afterwards, they waited on memory for most of
    /// their time.
    pub fn compose(&mut self, ink: Rgb, bg: Rgb, discs: &[Disc]) {
        let table: [[u8; 4]; 256] = std::array::from_fn(|s| {
            let s = s as u32;
            let mix = |i: u8, b: u8| ((i as u32 * s + b as u32 * (255 - s) + 127) / 255) as u8;
            [
                mix(ink[0], bg[0]),
                mix(ink[1], bg[1]),
                mix(ink[2], bg[2]),
                255,
            ]
        });
        let (w, h) = (self.width, self.height);
        if w == 0 || h == 0 {
            return;
        }
        // The discs of each band, in drawing order (a counting sort; a disc is listed in
        // every band it reaches).
        let bands = h.div_ceil(BAND);
        let rows = |d: &Disc| d.rows(h).map(|(y0, y1)| (y0 / BAND, (y1 - 1) / BAND));
        self.band_start.clear();
        self.band_start.resize(bands + 1, 0);
        for (b0, b1) in discs.iter().filter_map(rows) {
            for n in &mut self.band_start[b0 + 1..=b1 + 1] {
                *n += 1;
            }
        }
        for b in 0..bands {
            self.band_start[b + 1] += self.band_start[b];
        }
        self.band_discs.clear();
        self.band_discs.resize(self.band_start[bands] as usize, 0);
        let mut next: Vec<u32> = self.band_start[..bands].to_vec();
        for (i, d) in discs.iter().enumerate() {
            if let Some((b0, b1)) = rows(d) {
                for n in &mut next[b0..=b1] {
                    self.band_discs[*n as usize] = i as u32;
                    *n += 1;
                }
            }
        }
        for band in 0..bands {
            let (y0, y1) = (band * BAND, ((band + 1) * BAND).min(h));
            for y in y0..y1 {
                let Some(out) = self.rgba.get_mut(y * w * 4..(y + 1) * w * 4) else {
                    return;
                };
                let k = self.coarse.max(1);
                if k == 1 {
                    let from = (y + PAD) * self.stride + PAD;
                    let Some(row) = self.ink.get(from..from + w) else {
                        return;
                    };
                    compose_row(row, out, &table);
                } else {
                    // Between the two ink rows around this one, then along the row.
                    let at = (y as f32 + 0.5) / k as f32 - 0.5;
                    let (above, t) = (at.floor(), at - at.floor());
                    let from = ((above + PAD as f32) as usize) * self.stride;
                    let rows = (
                        self.ink.get(from..from + self.stride),
                        self.ink.get(from + self.stride..from + 2 * self.stride),
                    );
                    let (Some(a), Some(b)) = rows else {
                        return;
                    };
                    widen((a, b), t, k, w, &mut self.column, &mut self.row);
                    compose_row(&self.row, out, &table);
                }
            }
            let listed = self.band_start[band] as usize..self.band_start[band + 1] as usize;
            for &i in &self.band_discs[listed] {
                if let Some(d) = discs.get(i as usize) {
                    draw_disc(&mut self.rgba, w, h, d, y0..y1);
                }
            }
        }
    }

    /// The image, row by row, four bytes (RGBA) each.
    pub fn pixels(&self) -> &[u8] {
        &self.rgba
    }

    /// The pixel at (x, y) after the last [`Raster::compose`], if inside.
    pub fn pixel(&self, x: usize, y: usize) -> Option<Rgb> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y * self.width + x) * 4;
        Some([self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]])
    }

    /// An anti-aliased one-pixel line from (x1, y1) to (x2, y2) in device pixels, in ink of
    /// `strength` (0–255) over what is there. Lines are
    /// clipped to the layer first, so a zoomed-in view does not walk off-screen pixels;
    /// non-finite coordinates draw nothing.
    pub fn hairline(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, strength: u8) {
        let Some(w) = self.walk(x1, y1, x2, y2) else {
            return;
        };
        let s = strength as u32;
        if w.steep {
            self.wu::<true, false>(w.start, w.end, w.y, w.step, (s, 256));
        } else {
            self.wu::<false, false>(w.start, w.end, w.y, w.step, (s, 256));
        }
    }

    /// [`Raster::hairline`] covering only `cover` (of 256) of the pixels it crosses: a line
    /// one image pixel wide in a coarse layer ([`Raster::set_coarseness`]) whose pixels are
    /// `k` image pixels across covers a k-th of them. Lines that cross still build up to the
    /// ink's `strength`, as at full resolution.
    pub fn faint_hairline(
        &mut self,
        (x1, y1): (f32, f32),
        (x2, y2): (f32, f32),
        strength: u8,
        cover: u32,
    ) {
        let Some(w) = self.walk(x1, y1, x2, y2) else {
            return;
        };
        let ink = (strength as u32, cover.min(256));
        if w.steep {
            self.wu::<true, true>(w.start, w.end, w.y, w.step, ink);
        } else {
            self.wu::<false, true>(w.start, w.end, w.y, w.step, ink);
        }
    }

    /// Where a line's steps go: clipped, along its major axis, `start..=end` with the minor
    /// coordinate starting at `y` and moving by `step` (16.16 fixed point, offset by 2 so it
    /// stays positive for the one-pixel margin the clip allows: one integer add per step).
    fn walk(&self, x1: f32, y1: f32, x2: f32, y2: f32) -> Option<Walk> {
        let (mut x1, mut y1, mut x2, mut y2) = self.clip(x1, y1, x2, y2)?;
        let steep = (y2 - y1).abs() > (x2 - x1).abs();
        if steep {
            std::mem::swap(&mut x1, &mut y1);
            std::mem::swap(&mut x2, &mut y2);
        }
        if x1 > x2 {
            std::mem::swap(&mut x1, &mut x2);
            std::mem::swap(&mut y1, &mut y2);
        }
        let dx = x2 - x1;
        let gradient = if dx < 1e-6 { 0.0 } else { (y2 - y1) / dx };
        // Pixel centres are at integer + 0.5: shift so the maths works on integers.
        let (x1, y1, x2) = (x1 - 0.5, y1 - 0.5, x2 - 0.5);
        let start = x1.round() as i32;
        const ONE: f32 = 65536.0;
        Some(Walk {
            steep,
            start,
            end: x2.round() as i32,
            y: ((y1 + gradient * (start as f32 - x1) + 2.0) * ONE) as i64,
            step: (gradient * ONE) as i64,
        })
    }

    /// The steps of [`Raster::hairline`] along the major axis (`STEEP`: y), two pixels each,
    /// with the minor coordinate `y` in 16.16 fixed point (offset by 2).
    fn wu<const STEEP: bool, const FAINT: bool>(
        &mut self,
        start: i32,
        end: i32,
        mut y: i64,
        step: i64,
        (s, cover): (u32, u32),
    ) {
        let stride = self.stride as isize;
        let pad = PAD as isize;
        let (along, across) = if STEEP { (stride, 1) } else { (1, stride) };
        let mut base = (start as isize + pad) * along;
        for _ in start..=end {
            let minor = (y >> 16) as isize - 2 + pad;
            let hi = ((y >> 8) & 0xff) as u32;
            let i = base + minor * across;
            // The share of the ink in each of the two pixels.
            let (a, b) = if FAINT {
                (((256 - hi) * cover) >> 8, (hi * cover) >> 8)
            } else {
                (256 - hi, hi)
            };
            // Never out of the band after clipping; checked all the same, never a panic.
            if let Some(p) = self.ink.get_mut(i as usize) {
                *p = ((*p as u32 * (256 - a) + s * a) >> 8) as u8;
            }
            if let Some(p) = self.ink.get_mut((i + across) as usize) {
                *p = ((*p as u32 * (256 - b) + s * b) >> 8) as u8;
            }
            base += along;
            y += step;
        }
    }

    /// Liang–Barsky clipping to the layer plus a one-pixel margin.
    fn clip(&self, x1: f32, y1: f32, x2: f32, y2: f32) -> Option<(f32, f32, f32, f32)> {
        if !(x1.is_finite() && y1.is_finite() && x2.is_finite() && y2.is_finite()) {
            return None;
        }
        let (xmin, ymin) = (-1.0f32, -1.0f32);
        let (xmax, ymax) = (self.ink_size.0 as f32 + 1.0, self.ink_size.1 as f32 + 1.0);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        for (p, q) in [
            (-dx, x1 - xmin),
            (dx, xmax - x1),
            (-dy, y1 - ymin),
            (dy, ymax - y1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return None;
                }
            }
        }
        Some((x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy))
    }
}

/// One row of `w` image pixels from ink rows `a` above and `b` below it (each with the band
/// of [`PAD`] pixels), `t` of the way down, `k` image pixels per ink pixel: bilinear, so a
/// coarse line is a soft one rather than a staircase of blocks. `column` is scratch.
fn widen(
    rows: (&[u8], &[u8]),
    t: f32,
    k: usize,
    w: usize,
    column: &mut Vec<u32>,
    out: &mut Vec<u8>,
) {
    let down = (t.clamp(0.0, 1.0) * 256.0) as u32;
    column.clear();
    column.extend(
        rows.0
            .iter()
            .zip(rows.1)
            .map(|(&p, &q)| p as u32 * (256 - down) + q as u32 * down),
    );
    // Image pixel `phase` of the k under one ink pixel lies between that ink pixel and the
    // one before (the first half) or after (the second half).
    let weights: Vec<(usize, u32)> = (0..k)
        .map(|phase| {
            let f = (phase as f32 + 0.5) / k as f32 - 0.5;
            let (back, u) = if f < 0.0 { (1, f + 1.0) } else { (0, f) };
            (back, (u * 256.0) as u32)
        })
        .collect();
    out.clear();
    out.resize(w, 0);
    for (i, chunk) in out.chunks_mut(k).enumerate() {
        for (px, &(back, u)) in chunk.iter_mut().zip(&weights) {
            let left = PAD + i - back;
            if let (Some(&l), Some(&r)) = (column.get(left), column.get(left + 1)) {
                *px = ((l * (256 - u) + r * u) >> 16) as u8;
            }
        }
    }
}

/// Steps of the one-pixel line of `e` inside a `w` × `h` screen (CSS pixels), about: its
/// ends held to the screen, the longer side.
fn steps(e: &DrawEdge, w: f32, h: f32) -> f32 {
    let x = |v: f32| v.clamp(0.0, w);
    let y = |v: f32| v.clamp(0.0, h);
    let n = (x(e.x2) - x(e.x1)).abs().max((y(e.y2) - y(e.y1)).abs());
    if n.is_finite() {
        n
    } else {
        0.0
    }
}

/// Steps of one-pixel lines a frame in motion draws at most ([`coarseness_for`]): about 8 ms
/// in the page on this machine kind, loaded (~5 ns a step).
pub const MOVING_STEPS: f32 = 1.5e6;

/// The coarseness of a frame in motion whose lines take `steps` steps at full resolution: 1
/// within [`MOVING_STEPS`], else the fewest image pixels per ink pixel (2, 4, 8 or 16) that
/// bring them within it (a coarse pixel k across takes a k-th of the steps).
pub fn coarseness_for(steps: f32) -> usize {
    [1, 2, 4, 8, 16]
        .into_iter()
        .find(|&k| steps / k as f32 <= MOVING_STEPS)
        .unwrap_or(16)
}

/// One row of ink strengths into RGBA through `table` (the colour of each strength). Runs of
/// eight blank pixels, most of a large graph's picture, are filled with the background at once.
fn compose_row(ink: &[u8], out: &mut [u8], table: &[[u8; 4]; 256]) {
    let bg = table[0];
    let blank: [u8; 32] = std::array::from_fn(|i| bg[i % 4]);
    let mut pixels = out.chunks_exact_mut(32);
    let mut strengths = ink.chunks_exact(8);
    for (px, s) in (&mut pixels).zip(&mut strengths) {
        if s.iter().all(|&s| s == 0) {
            px.copy_from_slice(&blank);
        } else {
            for (p, &s) in px.chunks_exact_mut(4).zip(s) {
                p.copy_from_slice(&table[s as usize]);
            }
        }
    }
    let rest = pixels.into_remainder().chunks_exact_mut(4);
    for (p, &s) in rest.zip(strengths.remainder()) {
        p.copy_from_slice(&table[s as usize]);
    }
}

/// Blends the rows `band` of `d` into an RGBA image `width` × `height`.
fn draw_disc(rgba: &mut [u8], width: usize, height: usize, d: &Disc, band: Range<usize>) {
    let Some((r0, r1)) = d.rows(height) else {
        return;
    };
    let &Disc {
        x: cx,
        y: cy,
        r,
        colour: c,
        alpha,
    } = d;
    let x0 = (cx - r - 1.0).floor().max(0.0);
    let x1 = (cx + r + 1.0).ceil().min(width as f32);
    if x0 >= x1 {
        return;
    }
    let alpha = (alpha.clamp(0.0, 1.0) * 256.0) as u32;
    let (inner, outer) = ((r - 0.5).max(0.0).powi(2), (r + 0.5).powi(2));
    let blend = |px: &mut [u8], a: u32| {
        for (p, &cv) in px.iter_mut().zip(&c) {
            *p = ((*p as u32 * (256 - a) + cv as u32 * a) >> 8) as u8;
        }
    };
    for y in r0.max(band.start)..r1.min(band.end) {
        let dy = y as f32 + 0.5 - cy;
        if dy * dy >= outer {
            continue;
        }
        let Some(row) = rgba.get_mut(y * width * 4..(y + 1) * width * 4) else {
            break;
        };
        // Pixels certainly inside (a pixel's margin from where the exact test would say
        // so) are filled without measuring; the rest are measured one by one.
        let (mut in0, mut in1) = (x1 as usize, x1 as usize);
        if inner > dy * dy {
            let half = (inner - dy * dy).sqrt();
            let a = (cx - half - 0.5).ceil() + 1.0;
            let b = (cx + half - 0.5).floor() - 1.0;
            if a <= b {
                in0 = (a.max(x0) as usize).min(x1 as usize);
                in1 = ((b + 1.0).max(x0) as usize).clamp(in0, x1 as usize);
            }
        }
        let rim = |x: usize| {
            let dx = x as f32 + 0.5 - cx;
            let d2 = dx * dx + dy * dy;
            if d2 >= outer {
                return 0;
            }
            // Inside: full cover; on the rim: the distance to the edge, over one pixel.
            let cover = if d2 <= inner {
                256
            } else {
                ((r + 0.5 - d2.sqrt()) * 256.0) as u32
            };
            (cover * alpha) >> 8
        };
        for x in (x0 as usize..in0).chain(in1..x1 as usize) {
            let a = rim(x);
            if a > 0 {
                blend(&mut row[x * 4..x * 4 + 3], a);
            }
        }
        for px in row[in0 * 4..in1 * 4].chunks_exact_mut(4) {
            blend(&mut px[..3], alpha);
        }
    }
}

#[cfg(test)]
mod tests;
