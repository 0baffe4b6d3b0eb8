//! Canvas 2D drawing of a [`DrawList`]: each style group becomes one path and one stroke or
//! fill call, which keeps 20,000 edges cheap even in software rendering.

use crate::app::scene::{kind_colour, DrawList, Emphasis};
use crate::model::{EntityKind, Extraction, RelationKind};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// (kind, emphasis, radius in half pixels, high contrast).
type SpriteKey = (EntityKind, Emphasis, u32, bool);

pub(crate) struct Renderer {
    ctx: CanvasRenderingContext2d,
    /// Circle sprites by (kind, emphasis, radius in half pixels, theme), drawn at the
    /// device pixel ratio.
    sprites: RefCell<HashMap<SpriteKey, Option<HtmlCanvasElement>>>,
    width: f32,
    height: f32,
    dpr: f32,
}

const TAU: f64 = std::f64::consts::TAU;

/// `a` over `b` at opacity `t`, as a hex colour (`#rrggbb` inputs).
fn mix_hex(a: &str, b: &str, t: f32) -> String {
    let rgb = |h: &str| u32::from_str_radix(h.trim_start_matches('#'), 16).unwrap_or(0);
    let (a, b) = (rgb(a), rgb(b));
    let ch = |v: u32, s: u32| ((v >> s) & 0xff) as f32;
    let mix = |s: u32| (ch(a, s) * t + ch(b, s) * (1.0 - t)).round() as u32;
    format!("#{:02x}{:02x}{:02x}", mix(16), mix(8), mix(0))
}

/// Segments or circles per path.
const PATH_CHUNK: usize = 256;

impl Renderer {
    pub(crate) fn new(canvas: &HtmlCanvasElement) -> Result<Renderer, JsValue> {
        let ctx = canvas
            .get_context("2d")?
            .ok_or_else(|| JsValue::from_str("this browser gives no 2D canvas"))?
            .dyn_into::<CanvasRenderingContext2d>()?;
        Ok(Renderer {
            ctx,
            sprites: RefCell::new(HashMap::new()),
            width: 1.0,
            height: 1.0,
            dpr: 1.0,
        })
    }

    /// A cached sprite of a filled circle, or `None` if one cannot be made (then paths are used).
    fn sprite(
        &self,
        kind: EntityKind,
        emphasis: Emphasis,
        r: f32,
        high_contrast: bool,
    ) -> Option<HtmlCanvasElement> {
        let half_px = (r * 2.0).round().max(1.0) as u32;
        let key = (kind, emphasis, half_px, high_contrast);
        if let Some(s) = self.sprites.borrow().get(&key) {
            return s.clone();
        }
        let make = || -> Option<HtmlCanvasElement> {
            let doc = web_sys::window()?.document()?;
            let canvas: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
            let r = half_px as f64 / 2.0;
            let size = ((r * 2.0 + 2.0) * self.dpr as f64).ceil() as u32;
            canvas.set_width(size);
            canvas.set_height(size);
            let ctx: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
            let _ignored = ctx.scale(self.dpr as f64, self.dpr as f64);
            ctx.set_global_alpha(if emphasis == Emphasis::Dim { 0.25 } else { 1.0 });
            ctx.set_fill_style_str(kind_colour(kind, high_contrast));
            ctx.begin_path();
            let _ignored = ctx.arc(r + 1.0, r + 1.0, r, 0.0, TAU);
            ctx.fill();
            Some(canvas)
        };
        let s = make();
        self.sprites.borrow_mut().insert(key, s.clone());
        s
    }

    pub(crate) fn resize(&mut self, canvas: &HtmlCanvasElement, w: f32, h: f32, dpr: f32) {
        if dpr != self.dpr {
            self.sprites.borrow_mut().clear();
        }
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(3.0)
        } else {
            1.0
        };
        canvas.set_width((w * dpr).round() as u32);
        canvas.set_height((h * dpr).round() as u32);
        self.width = w;
        self.height = h;
        self.dpr = dpr;
    }

    pub(crate) fn draw(&self, list: &DrawList, x: &Extraction, high_contrast: bool) {
        let c = &self.ctx;
        let _ignored = c.set_transform(self.dpr as f64, 0.0, 0.0, self.dpr as f64, 0.0, 0.0);
        let (bg, fg, halo) = if high_contrast {
            ("#000000", "#ffffff", "#000000")
        } else {
            ("#fbfbf8", "#1d1d1f", "#fbfbf8")
        };
        c.set_fill_style_str(bg);
        c.fill_rect(0.0, 0.0, self.width as f64, self.height as f64);

        // Edges: runs of equal (emphasis, typed, width bucket), as sorted by the scene.
        let mut i = 0;
        let edges = &list.edges;
        while i < edges.len() {
            let e0 = edges[i];
            let key = |e: &crate::app::scene::DrawEdge| {
                (
                    e.emphasis,
                    e.kind != RelationKind::CoOccurs,
                    (e.width * 2.0) as u32,
                )
            };
            let k0 = key(&e0);
            c.begin_path();
            let mut j = i;
            // Paths of a few hundred segments: software rasterisers slow down sharply on
            // one huge path.
            while j < edges.len() && key(&edges[j]) == k0 && j - i < PATH_CHUNK {
                let e = edges[j];
                c.move_to(e.x1 as f64, e.y1 as f64);
                c.line_to(e.x2 as f64, e.y2 as f64);
                j += 1;
            }
            // Plain edges are opaque 1-px hairlines, which software rasterisers draw an order
            // of magnitude faster than wide or translucent strokes; weight and emphasis show as
            // a colour mixed with the background instead.
            let typed = e0.kind != RelationKind::CoOccurs;
            let strength = match e0.emphasis {
                Emphasis::Dim => 0.12,
                Emphasis::Focus => 1.0,
                _ => (0.3 + 0.25 * e0.width).min(0.95) * if typed { 1.0 } else { 0.7 },
            };
            let ink = if e0.emphasis == Emphasis::Focus {
                fg
            } else if high_contrast {
                "#e0e0e0"
            } else {
                "#45474f"
            };
            c.set_global_alpha(1.0);
            c.set_stroke_style_str(&mix_hex(ink, bg, strength));
            c.set_line_width(if e0.emphasis == Emphasis::Focus {
                e0.width as f64
            } else {
                1.0
            });
            c.stroke();
            i = j;
        }

        // Nodes: plain and dimmed ones are stamped from cached circle sprites (drawImage is far
        // cheaper than filling thousands of arcs in software); emphasised ones are paths with
        // an outline, and there are few of them.
        let nodes = &list.nodes;
        let mut i = 0;
        while i < nodes.len() {
            let n0 = nodes[i];
            if n0.emphasis <= Emphasis::Normal {
                if let Some(sprite) = self.sprite(n0.kind, n0.emphasis, n0.r, high_contrast) {
                    let half = (sprite.width() as f64 / self.dpr as f64) / 2.0;
                    let size = sprite.width() as f64 / self.dpr as f64;
                    let _ignored = c.draw_image_with_html_canvas_element_and_dw_and_dh(
                        &sprite,
                        n0.x as f64 - half,
                        n0.y as f64 - half,
                        size,
                        size,
                    );
                    i += 1;
                    continue;
                }
            }
            c.begin_path();
            let mut j = i;
            while j < nodes.len()
                && nodes[j].emphasis == n0.emphasis
                && nodes[j].kind == n0.kind
                && j - i < PATH_CHUNK
            {
                let n = nodes[j];
                c.move_to((n.x + n.r) as f64, n.y as f64);
                let _ignored = c.arc(n.x as f64, n.y as f64, n.r as f64, 0.0, TAU);
                j += 1;
            }
            c.set_global_alpha(if n0.emphasis == Emphasis::Dim {
                0.25
            } else {
                1.0
            });
            c.set_fill_style_str(kind_colour(n0.kind, high_contrast));
            c.fill();
            if n0.emphasis >= Emphasis::Neighbour {
                c.set_stroke_style_str(fg);
                c.set_line_width(if n0.emphasis == Emphasis::Focus {
                    3.0
                } else {
                    1.5
                });
                c.stroke();
            }
            i = j;
        }
        c.set_global_alpha(1.0);

        // Labels with a halo so they stay legible over edges.
        c.set_text_baseline("middle");
        c.set_line_join("round");
        let mut font_size = 0.0f32;
        for l in &list.labels {
            if l.size != font_size {
                font_size = l.size;
                c.set_font(&format!("{}px \"Noto Sans CJK SC\", \"Noto Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif", font_size));
            }
            let Some(ent) = x.entities.get(l.entity.index()) else {
                continue;
            };
            c.set_global_alpha(if l.emphasis == Emphasis::Dim {
                0.35
            } else {
                1.0
            });
            c.set_stroke_style_str(halo);
            c.set_line_width(3.0);
            let _ignored = c.stroke_text(&ent.label, l.x as f64, l.y as f64);
            c.set_fill_style_str(fg);
            let _ignored = c.fill_text(&ent.label, l.x as f64, l.y as f64);
        }
        c.set_global_alpha(1.0);
    }
}
