//! Every colour a picture uses, for the normal and the high-contrast (presentation) look.
//! `index.html` holds the page's copy as CSS variables; a test checks they agree.

use crate::model::{EntityKind, RelationKind};
use std::fmt::Write as _;

/// Which look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contrast {
    /// Light background, for reading.
    Normal,
    /// Black background, for a projector (presentation mode).
    High,
}

/// The colours of one look, as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Which look this is.
    pub contrast: Contrast,
    /// Background (`--bg`; the SVG export's too).
    pub background: &'static str,
    /// Text and focused edges (`--fg`; the SVG export's labels).
    pub foreground: &'static str,
    /// The halo around labels on the canvas.
    pub halo: &'static str,
    /// How each kind of relation is drawn, indexed by [`RelationKind::index`]: the canvas,
    /// the raster, the SVG export and the legend's swatches all take it from here.
    pub relations: [LineStyle; RelationKind::ALL.len()],
    /// Node fill per kind, indexed by [`EntityKind::index`] (`--person`, `--place`, …).
    pub kinds: [&'static str; 4],
    /// Node fill of the largest communities, in order (colour by community).
    pub communities: [&'static str; COMMUNITY_COLOURS],
    /// Node fill of every smaller community.
    pub other_community: &'static str,
}

/// How one kind of relation is drawn: colour, dash pattern and line width. Stated relations
/// are in colour, wider and opaque, each with its own pattern (solid, dashed, dash-dot);
/// same-sentence co-occurrence is a thin, fainter grey line of fine dashes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineStyle {
    /// Stroke colour, `#rrggbb`.
    pub colour: &'static str,
    /// Dash pattern in CSS px (on, off, …); empty for a solid line.
    pub dash: &'static [f32],
    /// Line width in CSS px of a plain edge (focused ones are drawn wider).
    pub width: f32,
    /// Opacity factor over the edge's strength (see `render::edge_strength`).
    pub alpha: f32,
}

impl LineStyle {
    /// The SVG stroke attributes of this style at `width` (colour, width, dashes).
    pub fn svg_stroke(&self, width: f32) -> String {
        let mut o = format!("stroke=\"{}\" stroke-width=\"{:.2}\"", self.colour, width);
        if !self.dash.is_empty() {
            let dash: Vec<String> = self.dash.iter().map(|d| format!("{d}")).collect();
            let _ = write!(o, " stroke-dasharray=\"{}\"", dash.join(" "));
        }
        o
    }

    /// A small inline SVG of the line (the legend's swatch): the real colour, dashes and
    /// width.
    pub fn swatch_svg(&self) -> String {
        format!(
            "<svg class=\"line-swatch\" width=\"28\" height=\"10\" viewBox=\"0 0 28 10\" \
aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"27\" y2=\"5\" {}/></svg>",
            self.svg_stroke(self.width.max(1.5))
        )
    }
}

/// Dash patterns, on and off in CSS px: one per kind of relation.
const SOLID: &[f32] = &[];
const LONG_DASH: &[f32] = &[8.0, 3.0];
const DASH_DOT: &[f32] = &[8.0, 3.0, 2.0, 3.0];
const FINE_DASH: &[f32] = &[2.0, 3.0];

/// The dash pattern of each kind of relation, indexed by [`RelationKind::index`]: the same in
/// every look.
const DASHES: [&[f32]; RelationKind::ALL.len()] = [SOLID, LONG_DASH, DASH_DOT, FINE_DASH];

/// The line styles of one look: each kind's colour (indexed by [`RelationKind::index`]), the
/// width of the stated relations (opaque), and the width and opacity of same-sentence
/// co-occurrence.
const fn line_styles(
    colours: [&'static str; RelationKind::ALL.len()],
    stated: f32,
    (faint, faint_alpha): (f32, f32),
) -> [LineStyle; RelationKind::ALL.len()] {
    let mut out = [LineStyle {
        colour: "",
        dash: SOLID,
        width: stated,
        alpha: 1.0,
    }; RelationKind::ALL.len()];
    let mut i = 0;
    while i < out.len() {
        out[i].colour = colours[i];
        out[i].dash = DASHES[i];
        i += 1;
    }
    let co = RelationKind::CoOccurs as usize;
    out[co].width = faint;
    out[co].alpha = faint_alpha;
    out
}

/// How many communities get a colour of their own (the rest share one).
pub const COMMUNITY_COLOURS: usize = 10;

impl Theme {
    /// The normal look.
    pub const NORMAL: Theme = Theme {
        contrast: Contrast::Normal,
        background: "#fbfbf8",
        foreground: "#1d1d1f",
        halo: "#fbfbf8",
        // lies in, role, part of, same sentence
        relations: line_styles(
            ["#0f7c80", "#a02c9c", "#3a3f8f", "#8a8d96"],
            1.6,
            (0.9, 0.6),
        ),
        kinds: ["#d6404e", "#2f6db5", "#d9780f", "#3f8f3a"],
        communities: [
            "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
            "#bcbd22", "#393b79",
        ],
        other_community: "#b0b0b8",
    };

    /// The high-contrast look.
    pub const HIGH: Theme = Theme {
        contrast: Contrast::High,
        background: "#000000",
        foreground: "#ffffff",
        halo: "#000000",
        relations: line_styles(
            ["#4fd6d6", "#f07ce8", "#a0a8ff", "#b8bac2"],
            2.2,
            (1.2, 0.7),
        ),
        kinds: ["#ff6b7a", "#6fb4ff", "#ffb347", "#7ee07a"],
        communities: [
            "#6fb4ff", "#ff6b6b", "#7ee07a", "#ffb347", "#c5a3ff", "#e0a070", "#ff9ad5", "#5fe0f0",
            "#e8e85a", "#a0a8ff",
        ],
        other_community: "#707078",
    };

    /// The theme of a look.
    pub fn of(contrast: Contrast) -> &'static Theme {
        match contrast {
            Contrast::Normal => &Theme::NORMAL,
            Contrast::High => &Theme::HIGH,
        }
    }

    /// A kind's fill.
    pub fn kind(&self, kind: EntityKind) -> &'static str {
        self.kinds[kind.index()]
    }

    /// How a kind of relation is drawn.
    pub fn relation(&self, kind: RelationKind) -> &LineStyle {
        &self.relations[kind.index()]
    }

    /// A community's fill (communities are numbered by size: the largest have colours of
    /// their own).
    pub fn community(&self, c: u32) -> &'static str {
        self.communities
            .get(c as usize)
            .copied()
            .unwrap_or(self.other_community)
    }
}

/// A `#rrggbb` (or `#rgb`) colour as bytes; black when it is not one.
pub fn rgb(hex: &str) -> [u8; 3] {
    // Without allocating: the raster asks for every node's colour in every frame.
    let h = hex.trim_start_matches('#');
    let hex_digits = h.bytes().all(|b| b.is_ascii_hexdigit());
    let v = u32::from_str_radix(h, 16).ok().filter(|_| hex_digits);
    match (h.len(), v) {
        (3, Some(v)) => [(v >> 8) & 15, (v >> 4) & 15, v & 15].map(|c| (c * 17) as u8),
        (6, Some(v)) => [(v >> 16) as u8, (v >> 8) as u8, v as u8],
        _ => [0, 0, 0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The CSS variables of the block that starts with `selector {` in `index.html`.
    fn css_block(selector: &str) -> Vec<(String, String)> {
        let html = include_str!("../../index.html");
        let start = html.find(&format!("{selector} {{")).expect("block") + selector.len();
        let body = &html[start..start + html[start..].find('}').expect("end of block")];
        body.split(';')
            .filter_map(|d| {
                let (k, v) = d.split_once(':')?;
                Some((
                    k.trim().trim_start_matches('{').trim().to_owned(),
                    v.trim().to_owned(),
                ))
            })
            .collect()
    }

    #[test]
    fn the_page_css_uses_the_theme_colours() {
        for (selector, theme) in [(":root", Theme::NORMAL), ("html.present", Theme::HIGH)] {
            let vars = css_block(selector);
            let var = |name: &str| {
                let v = vars.iter().find(|(k, _)| k == name);
                rgb(&v.unwrap_or_else(|| panic!("{selector} has no {name}")).1)
            };
            assert_eq!(var("--bg"), rgb(theme.background), "{selector} --bg");
            assert_eq!(var("--fg"), rgb(theme.foreground), "{selector} --fg");
            for k in EntityKind::ALL {
                let name = format!("--{}", k.as_str());
                assert_eq!(var(&name), rgb(theme.kind(k)), "{selector} {name}");
            }
        }
    }

    #[test]
    fn every_relation_kind_has_its_own_style_and_stated_ones_are_stronger() {
        for theme in [Theme::NORMAL, Theme::HIGH] {
            let co = theme.relation(RelationKind::CoOccurs);
            for (i, a) in RelationKind::ALL.iter().enumerate() {
                let sa = theme.relation(*a);
                for b in &RelationKind::ALL[i + 1..] {
                    let sb = theme.relation(*b);
                    assert_ne!(sa.colour, sb.colour, "{a:?} and {b:?} share a colour");
                    assert_ne!(sa.dash, sb.dash, "{a:?} and {b:?} share a dash pattern");
                }
                if a.is_stated() {
                    assert!(sa.width > co.width && sa.alpha > co.alpha, "{a:?}");
                }
                assert_ne!(rgb(sa.colour), rgb(theme.background));
            }
        }
        let within = Theme::NORMAL.relation(RelationKind::Within);
        assert_eq!(
            within.svg_stroke(2.0),
            "stroke=\"#0f7c80\" stroke-width=\"2.00\""
        );
        let co = Theme::NORMAL.relation(RelationKind::CoOccurs);
        assert!(co.svg_stroke(1.0).ends_with("stroke-dasharray=\"2 3\""));
        assert!(co.swatch_svg().contains("stroke=\"#8a8d96\""));
    }

    #[test]
    fn colours_parse() {
        assert_eq!(rgb("#2f6db5"), [0x2f, 0x6d, 0xb5]);
        assert_eq!(rgb("#fff"), [255, 255, 255]);
        assert_eq!(rgb("nonsense"), [0, 0, 0]);
        assert_eq!([rgb("#+ff"), rgb("#12345"), rgb("#ｆｆｆ")], [[0, 0, 0]; 3]);
        assert_eq!(rgb("#abc"), [0xaa, 0xbb, 0xcc]);
        assert_eq!(Theme::of(Contrast::High).kind(EntityKind::Place), "#6fb4ff");
        assert_eq!(Theme::NORMAL.community(0), "#1f77b4");
        assert_eq!(Theme::NORMAL.community(99), Theme::NORMAL.other_community);
    }
}
