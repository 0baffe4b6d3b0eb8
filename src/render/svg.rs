//! The SVG backend: a drawn view as an SVG picture (the same draw list the canvas shows).

use super::markup::xml_escape;
use super::{DrawList, Emphasis, Theme};
use crate::model::Extraction;
use std::fmt::Write as _;

/// An SVG picture of a drawn view (the same draw list the canvas shows).
pub fn svg(list: &DrawList, x: &Extraction, width: f32, height: f32, theme: &Theme) -> String {
    let (bg, fg) = (theme.background, theme.foreground);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif\">"
    );
    let _ = writeln!(o, "<rect width=\"100%\" height=\"100%\" fill=\"{bg}\"/>");
    // The canvas's groups: the same styles, opacities and order.
    o.push_str("<g stroke-linecap=\"round\" fill=\"none\">\n");
    for g in super::edge_groups(&list.edges, theme, None) {
        let style = theme.relation(g.kind);
        let _ = writeln!(
            o,
            "<g class=\"{}\" {} stroke-opacity=\"{:.2}\">",
            g.kind.as_str(),
            style.svg_stroke(g.width),
            g.alpha
        );
        for e in g.edges {
            let _ = writeln!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
                e.x1, e.y1, e.x2, e.y2
            );
        }
        o.push_str("</g>\n");
    }
    o.push_str("</g>\n<g>\n");
    for n in &list.nodes {
        let _ = writeln!(
            o,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\" fill-opacity=\"{}\"/>",
            n.x,
            n.y,
            n.r,
            n.fill(theme),
            if n.emphasis == Emphasis::Dim {
                0.3
            } else {
                1.0
            }
        );
    }
    o.push_str("</g>\n<g dominant-baseline=\"middle\">\n");
    for l in &list.labels {
        let Some(e) = x.entity(l.entity) else {
            continue;
        };
        let _ = writeln!(
            o,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" fill=\"{fg}\" stroke=\"{bg}\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
            l.x,
            l.y,
            l.size,
            xml_escape(&e.label)
        );
    }
    o.push_str("</g>\n</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RelationKind;
    use crate::render::{Contrast, DrawEdge};

    #[test]
    fn each_kind_of_relation_is_drawn_in_the_themes_line() {
        let edge = |kind, emphasis| DrawEdge {
            x1: 0.0,
            y1: 0.0,
            x2: 10.0,
            y2: 10.0,
            kind,
            width: 1.0,
            emphasis,
        };
        let list = DrawList {
            edges: vec![
                edge(RelationKind::Within, Emphasis::Normal),
                edge(RelationKind::CoOccurs, Emphasis::Normal),
                edge(RelationKind::Role, Emphasis::Focus),
            ],
            ..DrawList::default()
        };
        for contrast in [Contrast::Normal, Contrast::High] {
            let theme = Theme::of(contrast);
            let svg = svg(&list, &Extraction::default(), 100.0, 100.0, theme);
            for kind in [
                RelationKind::Within,
                RelationKind::CoOccurs,
                RelationKind::Role,
            ] {
                let style = theme.relation(kind);
                let group = format!("<g class=\"{}\" stroke=\"{}\"", kind.as_str(), style.colour);
                assert!(svg.contains(&group), "{group} in {svg}");
            }
            // Same-sentence links dashed and underneath the stated ones.
            let co = svg.find("class=\"co_occurs\"").expect("co-occurrence");
            assert!(co < svg.find("class=\"within\"").expect("within"));
            assert!(svg.contains("stroke-dasharray=\"2 3\""));
            assert_eq!(svg.matches("<line ").count(), 3);
        }
    }
}
