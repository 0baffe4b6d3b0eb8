//! The camera: maps world (layout) coordinates to screen (CSS pixel) coordinates.

/// A 2-D camera: the world point at the screen centre and a zoom factor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// World x at the viewport centre.
    pub cx: f32,
    /// World y at the viewport centre.
    pub cy: f32,
    /// Screen pixels per world unit.
    pub scale: f32,
    /// Viewport width in CSS pixels.
    pub width: f32,
    /// Viewport height in CSS pixels.
    pub height: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            cx: 0.0,
            cy: 0.0,
            scale: 1.0,
            width: 800.0,
            height: 600.0,
        }
    }
}

const MIN_SCALE: f32 = 1e-4;
const MAX_SCALE: f32 = 1e4;

impl Camera {
    /// Screen position of a world point.
    #[inline]
    pub fn screen_from_world(&self, x: f32, y: f32) -> (f32, f32) {
        (
            (x - self.cx) * self.scale + self.width / 2.0,
            (y - self.cy) * self.scale + self.height / 2.0,
        )
    }

    /// World position of a screen point.
    pub fn world_from_screen(&self, sx: f32, sy: f32) -> (f32, f32) {
        (
            (sx - self.width / 2.0) / self.scale + self.cx,
            (sy - self.height / 2.0) / self.scale + self.cy,
        )
    }

    /// Frames the world box `(x0, y0, x1, y1)` with a margin in pixels.
    pub fn fit(&mut self, (x0, y0, x1, y1): (f32, f32, f32, f32), margin: f32) {
        self.cx = (x0 + x1) / 2.0;
        self.cy = (y0 + y1) / 2.0;
        let w = (x1 - x0).max(1e-3);
        let h = (y1 - y0).max(1e-3);
        let sx = (self.width - 2.0 * margin).max(10.0) / w;
        let sy = (self.height - 2.0 * margin).max(10.0) / h;
        self.scale = sx.min(sy).clamp(MIN_SCALE, MAX_SCALE);
    }

    /// Zooms by `factor` keeping the world point under the screen point fixed.
    pub fn zoom_at(&mut self, sx: f32, sy: f32, factor: f32) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let (wx, wy) = self.world_from_screen(sx, sy);
        self.scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (nx, ny) = self.world_from_screen(sx, sy);
        self.cx += wx - nx;
        self.cy += wy - ny;
    }

    /// Pans by a screen-space delta.
    pub fn pan(&mut self, dx: f32, dy: f32) {
        if dx.is_finite() && dy.is_finite() {
            self.cx -= dx / self.scale;
            self.cy -= dy / self.scale;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_zoom_keeps_anchor() {
        let mut c = Camera::default();
        c.fit((-100.0, -50.0, 100.0, 50.0), 20.0);
        let (sx, sy) = c.screen_from_world(30.0, -10.0);
        let (wx, wy) = c.world_from_screen(sx, sy);
        assert!((wx - 30.0).abs() < 1e-3 && (wy + 10.0).abs() < 1e-3);
        c.zoom_at(sx, sy, 3.0);
        let (sx2, sy2) = c.screen_from_world(30.0, -10.0);
        assert!((sx - sx2).abs() < 1e-2 && (sy - sy2).abs() < 1e-2);
        let (l, _) = c.screen_from_world(-100.0, 0.0);
        c.fit((-100.0, -50.0, 100.0, 50.0), 20.0);
        let (l2, _) = c.screen_from_world(-100.0, 0.0);
        assert!(l < l2);
        assert!((l2 - 20.0).abs() < 1e-3);
    }
}
