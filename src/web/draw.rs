//! Canvas 2D drawing of a [`DrawList`]: plain edges and nodes are rasterised in wasm
//! ([`Raster`]) and put on the canvas as one image; emphasised edges and nodes (few) are paths
//! above them, and labels with halos are text on top.

use crate::model::{Extraction, RelationKind};
use crate::render::raster::{Disc, Raster};
use crate::render::{device_pixels, edge_groups, label_font, node_runs};
use crate::render::{pixel_ratio, DrawList, Theme};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

pub(crate) struct Renderer {
    ctx: CanvasRenderingContext2d,
    /// The edge image, reused between frames.
    edges: RefCell<Raster>,
    /// The JS copy of the edge layer and the ImageData over it.
    edge_image: RefCell<Option<(js_sys::Uint8ClampedArray, ImageData)>>,
    /// The plain nodes of a frame for the raster (the buffer is reused between frames).
    discs: RefCell<Vec<Disc>>,
    width: f32,
    height: f32,
    dpr: f32,
}

const TAU: f64 = std::f64::consts::TAU;

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
            edges: RefCell::new(Raster::default()),
            edge_image: RefCell::new(None),
            discs: RefCell::new(Vec::new()),
            width: 1.0,
            height: 1.0,
            dpr: 1.0,
        })
    }

    pub(crate) fn resize(&mut self, canvas: &HtmlCanvasElement, w: f32, h: f32, dpr: f32) {
        let dpr = pixel_ratio(dpr);
        let (pw, ph) = device_pixels(w, h, dpr);
        canvas.set_width(pw);
        canvas.set_height(ph);
        self.width = w;
        self.height = h;
        self.dpr = dpr;
    }

    pub(crate) fn draw(&self, list: &DrawList, x: &Extraction, theme: &Theme) {
        let c = &self.ctx;
        let _ignored = c.set_transform(self.dpr as f64, 0.0, 0.0, self.dpr as f64, 0.0, 0.0);
        let (bg, fg, halo) = (theme.background, theme.foreground, theme.halo);
        let in_image = list.worth_rasterising() && self.draw_raster(list, theme);
        if !in_image {
            // A small scene: the canvas strokes its few lines faster than the raster clears,
            // composes and uploads a whole screen of pixels (the first frame pays most: its
            // wasm runs as baseline code).
            c.set_fill_style_str(bg);
            c.fill_rect(0.0, 0.0, self.width as f64, self.height as f64);
        }
        // Each kind in its own style (the raster has the plain co-occurrence, if it was made).
        let skip = in_image.then_some(RelationKind::CoOccurs);
        for g in edge_groups(&list.edges, theme, skip) {
            let style = theme.relation(g.kind);
            let dash: js_sys::Array = style.dash.iter().map(|&d| JsValue::from(d)).collect();
            let _ignored = c.set_line_dash(&dash);
            c.set_stroke_style_str(style.colour);
            c.set_line_width(g.width as f64);
            c.set_global_alpha(g.alpha as f64);
            for chunk in g.edges.chunks(PATH_CHUNK) {
                c.begin_path();
                for e in chunk {
                    c.move_to(e.x1 as f64, e.y1 as f64);
                    c.line_to(e.x2 as f64, e.y2 as f64);
                }
                c.stroke();
            }
        }
        let _ignored = c.set_line_dash(&js_sys::Array::new());
        c.set_global_alpha(1.0);

        // Emphasised nodes (outlined; few) as paths; the rest are in the image already, unless
        // it could not be made.
        let nodes = &list.nodes;
        let start = if in_image {
            list.first_emphasised_node()
        } else {
            0
        };
        for run in node_runs(nodes, start, PATH_CHUNK) {
            let n0 = nodes[run.start];
            c.begin_path();
            for n in &nodes[run] {
                c.move_to((n.x + n.r) as f64, n.y as f64);
                let _ignored = c.arc(n.x as f64, n.y as f64, n.r as f64, 0.0, TAU);
            }
            c.set_global_alpha(n0.emphasis.node_alpha() as f64);
            c.set_fill_style_str(n0.fill(theme));
            c.fill();
            if let Some(width) = n0.emphasis.outline() {
                c.set_stroke_style_str(fg);
                c.set_line_width(width as f64);
                c.stroke();
            }
        }
        c.set_global_alpha(1.0);

        // Labels with a halo so they stay legible over edges.
        c.set_text_baseline("middle");
        c.set_line_join("round");
        c.set_stroke_style_str(halo);
        c.set_fill_style_str(fg);
        c.set_line_width(3.0);
        let mut font_size = 0.0f32;
        for l in &list.labels {
            if l.size != font_size {
                font_size = l.size;
                c.set_font(&label_font(font_size));
            }
            let Some(ent) = x.entities.get(l.entity.index()) else {
                continue;
            };
            c.set_global_alpha(l.emphasis.label_alpha());
            let _ignored = c.stroke_text(&ent.label, l.x as f64, l.y as f64);
            let _ignored = c.fill_text(&ent.label, l.x as f64, l.y as f64);
        }
        c.set_global_alpha(1.0);
    }

    /// Draws plain edges and nodes as one image rasterised in wasm (see `render::raster` for
    /// why); `false` when the image could not be made (the caller then draws paths).
    fn draw_raster(&self, list: &DrawList, theme: &Theme) -> bool {
        let c = &self.ctx;
        let mut layer = self.edges.borrow_mut();
        let (pw, ph) = device_pixels(self.width, self.height, self.dpr);
        let (pw, ph) = (pw as usize, ph as usize);
        layer.ensure_size(pw, ph);
        layer.draw_plain(list, theme, self.dpr, &mut self.discs.borrow_mut());
        let pixels = layer.pixels();
        // One copy into a JS-side buffer kept with its ImageData between frames.
        let mut image = self.edge_image.borrow_mut();
        if image.as_ref().map(|(_, img)| (img.width(), img.height()))
            != Some((pw as u32, ph as u32))
        {
            let array = js_sys::Uint8ClampedArray::new_with_length((pw * ph * 4) as u32);
            *image = ImageData::new_with_js_u8_clamped_array_and_sh(&array, pw as u32, ph as u32)
                .ok()
                .map(|img| (array, img));
        }
        match &*image {
            Some((array, img)) if array.length() as usize == pixels.len() => {
                array.copy_from(pixels);
                c.put_image_data(img, 0.0, 0.0).is_ok()
            }
            _ => false,
        }
    }
}
