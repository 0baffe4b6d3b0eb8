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
mod tests {
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
}
