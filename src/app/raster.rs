//! The bulk of a frame rasterised in our own code: anti-aliased one-pixel edges (Xiaolin Wu's
//! algorithm) and node discs, into one image the renderer hands to the canvas in one call.
//!
//! Why not the canvas's own strokes and sprites: without a GPU (projector laptops, locked-down
//! school machines, and the machines this is tested on) Chromium takes ~30 ms for 20,000
//! stroked segments and ~16 ms for 5,000 stamped sprites (each a call across to JS), and
//! software WebGL is slower still (it pays per scanline of every line).
//!
//! Every plain edge is the same ink mixed with the background at some strength, so the layer
//! keeps one byte per pixel, the ink's strength there, and blends into that ("over" in one
//! channel, exact for a single ink); colours are made once per pixel at the end. One byte
//! instead of four keeps the buffer in cache, which is what the per-pixel cost comes down to.

/// Edges as ink strength per pixel, composed over a background into RGBA, then discs.
#[derive(Clone, Debug, Default)]
pub struct Raster {
    width: usize,
    height: usize,
    /// Ink strength per pixel, 0 (background) to 255 (pure ink).
    ink: Vec<u8>,
    rgba: Vec<u8>,
}

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

impl Raster {
    /// Sets the size in device pixels and clears the layer.
    pub fn resize(&mut self, width: usize, height: usize) {
        self.width = width;
        self.height = height;
        self.ink.resize(width * height, 0);
        self.rgba.resize(width * height * 4, 0);
        self.clear();
    }

    /// Width and height in device pixels.
    pub fn size(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// Removes every line.
    pub fn clear(&mut self) {
        self.ink.fill(0);
    }

    /// Composes the lines drawn in `ink` over `bg` into the image.
    pub fn compose(&mut self, ink: Rgb, bg: Rgb) {
        let table: Vec<[u8; 4]> = (0..=255u32)
            .map(|s| {
                let mix = |i: u8, b: u8| ((i as u32 * s + b as u32 * (255 - s) + 127) / 255) as u8;
                [
                    mix(ink[0], bg[0]),
                    mix(ink[1], bg[1]),
                    mix(ink[2], bg[2]),
                    255,
                ]
            })
            .collect();
        for (px, &s) in self.rgba.chunks_exact_mut(4).zip(&self.ink) {
            px.copy_from_slice(&table[s as usize]);
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

    /// A filled, anti-aliased disc centred at (cx, cy) with radius `r` (device pixels), in
    /// colour `c` at opacity `alpha`, over the composed image (call after
    /// [`Raster::compose`]).
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, c: Rgb, alpha: f32) {
        if !(cx.is_finite() && cy.is_finite() && r.is_finite() && r > 0.0) {
            return;
        }
        let (w, h) = (self.width as f32, self.height as f32);
        let x0 = (cx - r - 1.0).floor().max(0.0);
        let x1 = (cx + r + 1.0).ceil().min(w);
        let y0 = (cy - r - 1.0).floor().max(0.0);
        let y1 = (cy + r + 1.0).ceil().min(h);
        if x0 >= x1 || y0 >= y1 {
            return;
        }
        let alpha = (alpha.clamp(0.0, 1.0) * 256.0) as u32;
        let (inner, outer) = ((r - 0.5).max(0.0).powi(2), (r + 0.5).powi(2));
        for y in y0 as usize..y1 as usize {
            let dy = y as f32 + 0.5 - cy;
            let row = y * self.width;
            for x in x0 as usize..x1 as usize {
                let dx = x as f32 + 0.5 - cx;
                let d2 = dx * dx + dy * dy;
                if d2 >= outer {
                    continue;
                }
                // Inside: full cover; on the rim: the distance to the edge, over one pixel.
                let cover = if d2 <= inner {
                    256
                } else {
                    ((r + 0.5 - d2.sqrt()) * 256.0) as u32
                };
                let a = (cover * alpha) >> 8;
                let i = (row + x) * 4;
                if let Some(px) = self.rgba.get_mut(i..i + 3) {
                    for (p, &cv) in px.iter_mut().zip(&c) {
                        *p = ((*p as u32 * (256 - a) + cv as u32 * a) >> 8) as u8;
                    }
                }
            }
        }
    }

    /// Blends ink strength `s` over pixel (x, y) at coverage `a` (0–256); outside pixels are
    /// ignored.
    #[inline(always)]
    fn plot(&mut self, x: i32, y: i32, s: u32, a: u32) {
        if x < 0 || y < 0 || x as usize >= self.width {
            return;
        }
        if let Some(p) = self.ink.get_mut(y as usize * self.width + x as usize) {
            *p = ((*p as u32 * (256 - a) + s * a) >> 8) as u8;
        }
    }

    /// An anti-aliased one-pixel line from (x1, y1) to (x2, y2) in device pixels, in ink of
    /// `strength` (0–255) over what is there. Lines are
    /// clipped to the layer first, so a zoomed-in view does not walk off-screen pixels;
    /// non-finite coordinates draw nothing.
    pub fn hairline(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, strength: u8) {
        let Some((mut x1, mut y1, mut x2, mut y2)) = self.clip(x1, y1, x2, y2) else {
            return;
        };
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
        let end = x2.round() as i32;
        // The minor coordinate in 16.16 fixed point (offset by 2 so it stays positive for
        // the one-pixel margin the clip allows): one integer add per step.
        const ONE: f32 = 65536.0;
        let mut y = ((y1 + gradient * (start as f32 - x1) + 2.0) * ONE) as i64;
        let step = (gradient * ONE) as i64;
        let packed = strength as u32;
        for x in start..=end {
            let yi = (y >> 16) as i32 - 2;
            let hi = ((y >> 8) & 0xff) as u32;
            let lo = 256 - hi;
            if steep {
                self.plot(yi, x, packed, lo);
                self.plot(yi + 1, x, packed, hi);
            } else {
                self.plot(x, yi, packed, lo);
                self.plot(x, yi + 1, packed, hi);
            }
            y += step;
        }
    }

    /// Liang–Barsky clipping to the layer plus a one-pixel margin.
    fn clip(&self, x1: f32, y1: f32, x2: f32, y2: f32) -> Option<(f32, f32, f32, f32)> {
        if !(x1.is_finite() && y1.is_finite() && x2.is_finite() && y2.is_finite()) {
            return None;
        }
        let (xmin, ymin) = (-1.0f32, -1.0f32);
        let (xmax, ymax) = (self.width as f32 + 1.0, self.height as f32 + 1.0);
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
        l.compose(INK, BG);
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
        l.compose([200, 40, 10], [0, 0, 0]);
        let p = l.pixel(5, 5).unwrap_or_default();
        assert!(p[0].abs_diff(100) <= 2 && p[1].abs_diff(20) <= 2 && p[2].abs_diff(5) <= 2);
        // A faint line over a strong one lightens it, as painting over does.
        l.hairline(0.5, 5.5, 9.5, 5.5, 255);
        l.hairline(0.5, 5.5, 9.5, 5.5, 30);
        l.compose([255, 255, 255], [0, 0, 0]);
        assert!(l.pixel(5, 5).unwrap_or_default()[0].abs_diff(30) <= 2);
    }

    #[test]
    fn off_screen_huge_and_broken_coordinates_are_clipped_or_skipped() {
        let mut l = layer(40, 30);
        // Crosses the layer from far outside: drawn where it is inside, nowhere else.
        l.hairline(-1e6, 15.5, 1e6, 15.5, 255);
        let before = l.ink.clone();
        l.compose(INK, BG);
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
        let mut l = layer(40, 40);
        l.compose(INK, BG);
        l.disc(20.0, 20.0, 6.0, [200, 0, 0], 1.0);
        assert_eq!(l.pixel(20, 20), Some([200, 0, 0]));
        assert_eq!(l.pixel(24, 20), Some([200, 0, 0]));
        assert_eq!(l.pixel(28, 20), Some(BG));
        // The rim is partly covered.
        let rim = l.pixel(25, 20).unwrap_or_default()[1];
        assert!(rim > 0 && rim < 250, "{rim}");
        l.disc(5.0, 5.0, 4.0, [0, 0, 0], 0.25);
        let p = l.pixel(5, 5).unwrap_or_default();
        assert!(p[0].abs_diff(187) <= 2, "{p:?}");
        // Half outside, far outside, not a number: clipped or skipped, no panic.
        l.disc(0.0, 39.0, 10.0, [0, 0, 200], 1.0);
        assert_eq!(l.pixel(0, 39), Some([0, 0, 200]));
        l.disc(-100.0, 5.0, 3.0, [0, 0, 0], 1.0);
        l.disc(f32::NAN, 5.0, 3.0, [0, 0, 0], 1.0);
        l.disc(5.0, 5.0, f32::INFINITY, [0, 0, 0], 1.0);
    }

    #[test]
    fn an_empty_layer_takes_lines_without_panicking() {
        let mut l = Raster::default();
        l.hairline(0.0, 0.0, 10.0, 10.0, 255);
        assert_eq!(l.size(), (0, 0));
        l.compose(INK, BG);
        assert!(l.pixels().is_empty());
        l.disc(1.0, 1.0, 5.0, INK, 1.0);
    }
}
