//! Every colour a picture uses, for the normal and the high-contrast (presentation) look.
//! `index.html` holds the page's copy as CSS variables; a test checks they agree.

use crate::model::EntityKind;

/// Which look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contrast {
    /// Light background, for reading.
    Normal,
    /// Black background, for a projector (presentation mode).
    High,
}

/// The colours of one look, as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Which look this is.
    pub contrast: Contrast,
    /// Background (`--bg`).
    pub background: &'static str,
    /// Text and focused edges (`--fg`).
    pub foreground: &'static str,
    /// The halo around labels on the canvas.
    pub halo: &'static str,
    /// The canvas's plain edges (mixed with the background at each edge's strength).
    pub ink: &'static str,
    /// Typed relations in the SVG export.
    pub svg_typed_edge: &'static str,
    /// Co-occurrence in the SVG export.
    pub svg_co_edge: &'static str,
    /// The SVG export's background.
    pub svg_background: &'static str,
    /// The SVG export's labels.
    pub svg_foreground: &'static str,
    /// Node fill per kind, indexed by [`EntityKind::index`] (`--person`, `--place`, …).
    pub kinds: [&'static str; 4],
    /// Node fill of the largest communities, in order (colour by community).
    pub communities: [&'static str; COMMUNITY_COLOURS],
    /// Node fill of every smaller community.
    pub other_community: &'static str,
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
        ink: "#45474f",
        svg_typed_edge: "#55575f",
        svg_co_edge: "#a9abb3",
        svg_background: "#fbfbf8",
        svg_foreground: "#1d1d1f",
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
        ink: "#e0e0e0",
        svg_typed_edge: "#55575f",
        svg_co_edge: "#a9abb3",
        svg_background: "#000000",
        svg_foreground: "#ffffff",
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
    let h = hex.trim_start_matches('#');
    let long: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_owned()
    };
    let v = u32::from_str_radix(&long, 16).unwrap_or(0);
    [(v >> 16) as u8, (v >> 8) as u8, v as u8]
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
    fn colours_parse() {
        assert_eq!(rgb("#2f6db5"), [0x2f, 0x6d, 0xb5]);
        assert_eq!(rgb("#fff"), [255, 255, 255]);
        assert_eq!(rgb("nonsense"), [0, 0, 0]);
        assert_eq!(Theme::of(Contrast::High).kind(EntityKind::Place), "#6fb4ff");
        assert_eq!(Theme::NORMAL.community(0), "#1f77b4");
        assert_eq!(Theme::NORMAL.community(99), Theme::NORMAL.other_community);
    }
}
