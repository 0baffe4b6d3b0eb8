//! The explorer's analysis tools: the path between two entities with the sentences behind each
//! hop, colour by community with its legend, size and sort by importance or degree — and what
//! the path panel and the legend say. The measures themselves are `graph::analysis`'s.

use super::panels::Passage;
use super::present::{passages_html, relation_label};
use super::session::Command;
use super::view::{ColourBy, SizeBy};
use super::Explorer;
use crate::app::i18n::{Lang, Msg};
use crate::graph::analysis::{Measures, Path, WEIGHTING};
use crate::io::export::NodeMeasures;
use crate::model::{EntityId, RelationKind};
use crate::render::markup::xml_escape as esc;
use crate::render::theme::COMMUNITY_COLOURS;

/// Paths listed after the best one ("other paths").
pub const OTHER_PATHS: usize = 2;

/// Sentences shown per hop in the path panel (the evidence panel has them all).
pub const HOP_SENTENCES: usize = 2;

/// What a change of an analysis control asks for: the `colour-by` and `size-by` menus by their
/// value, a check box of the `community-legend` by its value (the community) and state, a
/// check box of the `relation-legend` by its value (the kind) and state.
/// The other controls in [`VALUE_CONTROLS`]: the thresholds, the article search, the
/// same-sentence switch, the search box, the timeline and the path inputs.
pub fn control_command(id: &str, value: &str, checked: bool) -> Option<Command> {
    use crate::app::session::Threshold;
    match id {
        "min-mentions" => Some(Command::Threshold(Threshold::Mentions, value.to_owned())),
        "min-weight" => Some(Command::Threshold(Threshold::Weight, value.to_owned())),
        "article-search" => Some(Command::ArticleSearch(value.to_owned())),
        "co-occurs" => Some(Command::CoOccurrence(checked)),
        "search" => Some(Command::Search(value.to_owned())),
        "timeline" => Command::of_timeline(value),
        "path-from" | "path-to" => Some(Command::PathText(value.to_owned())),
        "colour-by" => ColourBy::parse(value).map(Command::ColourBy),
        "size-by" => SizeBy::parse(value).map(Command::SizeBy),
        "lang" => crate::app::i18n::Lang::parse(value).map(Command::Language),
        "community-legend" => Some(Command::ShowCommunity(value.parse().ok()?, checked)),
        "relation-legend" => Some(Command::ShowRelation(RelationKind::parse(value)?, checked)),
        _ => None,
    }
}

/// The controls whose command is all their value and state say, by element id, with the event
/// that carries it: a page hands each such event to [`control_command`].
pub const VALUE_CONTROLS: &[(&str, &str)] = &[
    ("min-mentions", "change"),
    ("min-weight", "change"),
    ("article-search", "input"),
    ("co-occurs", "change"),
    ("search", "input"),
    ("timeline", "input"),
    ("path-from", "input"),
    ("path-to", "input"),
    ("colour-by", "change"),
    ("size-by", "change"),
    ("lang", "change"),
    ("community-legend", "change"),
    ("relation-legend", "change"),
];

/// A row of the community legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    /// The community's number.
    pub community: u32,
    /// Its most important member's label.
    pub name: String,
    /// Its size.
    pub size: u32,
    /// Its colour.
    pub colour: &'static str,
    /// Whether it is shown.
    pub shown: bool,
}

/// A row of the relation legend: a kind of relation the graph has as edges.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationRow {
    /// The kind.
    pub kind: RelationKind,
    /// How it reads (`lies in`, `same sentence`).
    pub name: &'static str,
    /// Edges of this kind in the graph.
    pub count: usize,
    /// Whether they are shown.
    pub shown: bool,
}

/// What the relation legend calls a kind.
pub fn relation_kind_name(kind: RelationKind, lang: Lang) -> &'static str {
    lang.text(match kind {
        RelationKind::Within => Msg::LiesIn,
        RelationKind::Role => Msg::LegendRole,
        RelationKind::PartOf => Msg::LegendPartOf,
        RelationKind::CoOccurs => Msg::LegendSameSentence,
    })
}

impl Explorer {
    /// The relation legend: one row per kind the graph has edges of, stated kinds first, each
    /// with its count and whether it is shown.
    pub fn relation_rows(&self) -> Vec<RelationRow> {
        let mut counts = [0usize; RelationKind::ALL.len()];
        for (_, r) in self.x.edges() {
            counts[r.kind.index()] += 1;
        }
        let f = &self.view().filters;
        RelationKind::ALL
            .into_iter()
            .filter(|k| counts[k.index()] > 0)
            .map(|kind| RelationRow {
                kind,
                name: relation_kind_name(kind, self.lang()),
                count: counts[kind.index()],
                shown: f.shows_relation(kind),
            })
            .collect()
    }

    /// The relation legend's markup: per row a check box (its value the kind), a swatch of
    /// the line as the graph draws it (the theme's [`crate::render::LineStyle`]), the name
    /// and the count.
    pub fn relation_legend_html(&self) -> String {
        let theme = self.theme();
        let mut o = String::new();
        for r in self.relation_rows() {
            o.push_str(&format!(
                "<label class=\"kind-row\" data-testid=\"relation-row\" data-kind=\"{}\">\
<input type=\"checkbox\" value=\"{}\"{}>{}<span>{}</span><span class=\"count\">{}</span></label>",
                r.kind.as_str(),
                r.kind.as_str(),
                if r.shown { " checked" } else { "" },
                theme.relation(r.kind).swatch_svg(),
                r.name,
                r.count
            ));
        }
        o
    }

    /// Communities, importance and degree of every entity (computed once per corpus, when first
    /// needed).
    pub fn measures(&self) -> &Measures {
        self.measures.get_or_init(|| {
            let (importance, degree) = self.ranking().clone();
            self.graph.measures_with(&self.x, importance, degree)
        })
    }

    /// Importance and degree of every entity ([`Measures`] without the communities, which
    /// cost the most: the table needs only these), computed when first needed.
    pub(super) fn ranking(&self) -> &(Vec<f64>, Vec<u32>) {
        self.ranking.get_or_init(|| match self.measures.get() {
            Some(m) => (m.importance.clone(), m.degree.clone()),
            None => self.graph.importance_and_degree(&self.x),
        })
    }

    /// Whether importance and degree are computed ([`Explorer::set_ranking`]).
    pub fn has_ranking(&self) -> bool {
        self.ranking.get().is_some()
    }

    /// Gives the importance and degree computed apart ([`crate::graph::analysis::Ranking`]
    /// over frames) for this explorer's graph; a ranking already computed stays.
    pub fn set_ranking(&mut self, ranking: (Vec<f64>, Vec<u32>)) {
        let n = self.x.entities.len();
        if ranking.0.len() == n && ranking.1.len() == n {
            let _kept_if_computed = self.ranking.set(ranking);
        }
    }

    /// Distinct neighbours of an entity (0 while a large graph's are being computed).
    pub fn degree(&self, e: EntityId) -> u32 {
        let r = self.ranking_ready();
        r.and_then(|r| r.1.get(e.index()).copied()).unwrap_or(0)
    }

    /// Importance (PageRank) relative to the average entity: 1 is average, 10 is ten times it
    /// (0 while a large graph's is being computed).
    pub fn relative_importance(&self, e: EntityId) -> f64 {
        let Some((importance, _)) = self.ranking_ready() else {
            return 0.0;
        };
        importance.get(e.index()).copied().unwrap_or(0.0) * importance.len() as f64
    }

    /// An entity's community, when nodes are coloured by community.
    pub fn colour_community(&self, e: EntityId) -> Option<u32> {
        match self.view().colour {
            ColourBy::Kind => None,
            ColourBy::Community => self.measures_ready()?.community.get(e.index()).copied(),
        }
    }

    /// The path the view asks for, then the next best ones; empty when none is asked for or
    /// none exists among the relations shown.
    pub fn paths(&self) -> &[Path] {
        &self.paths
    }

    /// Finds the view's path again (over the relations shown).
    pub(super) fn refresh_paths(&mut self) {
        self.paths = match self.view.path {
            Some((a, b)) => self
                .graph
                .evidence_paths(&self.x, a, b, 1 + OTHER_PATHS, |r| {
                    self.edge_visible.get(r.index()).copied().unwrap_or(false)
                }),
            None => Vec::new(),
        };
    }

    /// Frames the path found (its entities, with room for labels); nothing without one.
    pub fn frame_path(&mut self) {
        let Some(p) = self.paths.first() else {
            return;
        };
        let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for e in &p.entities {
            let i = e.index();
            if let (Some(&x), Some(&y)) = (self.layout.x.get(i), self.layout.y.get(i)) {
                b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
            }
        }
        if b.0 > b.2 {
            return;
        }
        let margin = (self.camera.width.min(self.camera.height) / 4.0).max(60.0);
        self.camera.fit(b, margin);
        self.camera_touched = true;
        self.dirty = true;
    }

    /// Importance, degree and community of every entity, for the exports.
    pub fn node_measures(&self) -> NodeMeasures {
        let m = self.measures();
        NodeMeasures {
            importance: m.importance.clone(),
            degree: m.degree.clone(),
            community: m.community.clone(),
        }
    }

    /// The community legend: the communities with colours of their own, largest first, each
    /// named after its most important member; empty unless coloured by community.
    pub fn legend_rows(&self) -> Vec<LegendRow> {
        if self.view().colour != ColourBy::Community {
            return Vec::new();
        }
        let Some(measures) = self.measures_ready() else {
            return Vec::new();
        };
        let theme = self.theme();
        let hidden = &self.view().filters.hidden_communities;
        measures
            .communities
            .iter()
            .enumerate()
            .take(COMMUNITY_COLOURS)
            .map(|(c, &(leader, size))| LegendRow {
                community: c as u32,
                name: self
                    .x
                    .entity(leader)
                    .map_or(String::new(), |e| e.label.clone()),
                size,
                colour: theme.community(c as u32),
                shown: !hidden.contains(&(c as u32)),
            })
            .collect()
    }

    /// The legend's markup: a check box, swatch, name and size per row, and how many smaller
    /// communities share the grey; while a large graph's communities are being computed, a
    /// line that says so (`community-pending`).
    pub fn legend_html(&self) -> String {
        if self.view().colour == ColourBy::Community && self.is_measuring() {
            return format!(
                "<p class=\"hint\" data-testid=\"community-pending\">{}</p>",
                self.lang().text(Msg::FindingCommunities)
            );
        }
        let rows = self.legend_rows();
        let mut o = String::new();
        for r in &rows {
            o.push_str(&format!(
                "<label class=\"kind-row\" data-testid=\"community-row\"><input type=\"checkbox\" \
value=\"{}\"{}><span class=\"swatch\" style=\"background: {}\" aria-hidden=\"true\">\
</span><span>{}</span><span class=\"count\">{}</span></label>",
                r.community,
                if r.shown { " checked" } else { "" },
                r.colour,
                esc(&r.name),
                r.size
            ));
        }
        let all = self.measures_ready().map_or(0, |m| m.communities.len());
        let rest = all.saturating_sub(rows.len());
        if !rows.is_empty() && rest > 0 {
            o.push_str(&format!(
                "<p class=\"hint\">{}</p>",
                self.lang().fill(Msg::SmallerCommunities, &[&rest])
            ));
        }
        o
    }

    fn mark_html(&self, e: EntityId) -> String {
        match self.x.entity(e) {
            Some(ent) => format!(
                "<mark data-entity-id=\"{}\" class=\"{} primary\">{}</mark>",
                esc(self.stable_ids().entity(e).unwrap_or_default()),
                ent.kind.as_str(),
                esc(&ent.label)
            ),
            None => String::new(),
        }
    }

    /// The path panel's markup; `None` when no path is asked for. Each hop (`path-hop`) names
    /// both ends (marked), the relation as read along the path, and the first sentences that
    /// support it with every entity marked.
    pub fn path_html(&self) -> Option<String> {
        let (a, b) = self.view().path?;
        let lang = self.lang();
        let mut o = format!(
            "<h2>{}</h2>",
            lang.fill(Msg::PathTitle, &[&self.mark_html(a), &self.mark_html(b)])
        );
        let Some(best) = self.paths.first() else {
            o.push_str(&format!("<p>{}</p>", lang.text(Msg::NoPath)));
            return Some(o);
        };
        let weighting = match lang {
            Lang::En => WEIGHTING,
            Lang::Zh => lang.text(Msg::Weighting),
        };
        o.push_str(&format!("<p class=\"hint\">{}</p><ol>", esc(weighting)));
        for (i, &h) in best.hops.iter().enumerate() {
            let (Some(rel), Some(&from), Some(&to)) = (
                self.x.relation(h),
                best.entities.get(i),
                best.entities.get(i + 1),
            ) else {
                continue;
            };
            let how = relation_label(rel.kind, rel.label.as_deref(), rel.source == from, lang);
            let sentences = if rel.kind == RelationKind::CoOccurs {
                lang.fill(Msg::Sentences, &[&rel.weight])
            } else {
                lang.fill(Msg::Stated, &[&rel.weight])
            };
            o.push_str(&format!(
                "<li data-testid=\"path-hop\" data-relation-id=\"{}\"><div class=\"hop\">{} {} {} \
<button class=\"link\" data-relation=\"{h}\">{}</button></div>",
                esc(self.stable_ids().relation(h).unwrap_or_default()),
                self.mark_html(from),
                esc(&how),
                self.mark_html(to),
                esc(&sentences)
            ));
            let passages = first_sentences(self.sources_for_relation(h), HOP_SENTENCES);
            if passages.is_empty() {
                o.push_str(&format!(
                    "<p class=\"hint\">{}</p>",
                    lang.text(Msg::GazetteerHop)
                ));
            } else {
                o.push_str(&passages_html(self, &passages));
            }
            o.push_str("</li>");
        }
        o.push_str("</ol>");
        if self.paths.len() > 1 {
            o.push_str(&format!("<h3>{}</h3><ol>", lang.text(Msg::OtherPaths)));
            for p in &self.paths[1..] {
                let names: Vec<String> = p
                    .entities
                    .iter()
                    .filter_map(|&e| self.x.entity(e).map(|x| esc(&x.label)))
                    .collect();
                o.push_str(&format!(
                    "<li data-testid=\"path-other\">{} <span class=\"count\">{}</span></li>",
                    names.join(" → "),
                    lang.fill(Msg::Cost, &[&format!("{:.2}", p.cost)])
                ));
            }
            o.push_str("</ol>");
        }
        Some(o)
    }
}

/// The first `n` sentences of some passages (articles without any left are dropped).
fn first_sentences(passages: Vec<Passage>, n: usize) -> Vec<Passage> {
    let mut left = n;
    passages
        .into_iter()
        .filter_map(|mut p| {
            p.paragraphs.truncate(left);
            left -= p.paragraphs.len();
            (!p.paragraphs.is_empty()).then_some(p)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fixture, Article, Entity, EntityKind, Extraction, Relation};

    /// 甲市 ⊃ 乙县 ⊃ 丙镇, 王明 and 李华 named together once with 甲市 and 丙镇.
    fn fixture() -> Extraction {
        let text = "乙县在甲市。丙镇在乙县。王明在甲市。王明在丙镇。";
        let span = |s, e| fixture::span(0, s, e);
        let entity = |id, kind, label: &str, mentions| Entity {
            mentions,
            ..fixture::entity(id, kind, label)
        };
        let rel = |s, t, kind, evidence| Relation {
            evidence,
            ..Relation::plain(s, t, kind)
        };
        Extraction {
            articles: vec![Article {
                source: "t".into(),
                ..fixture::article(0, "一", text)
            }],
            entities: vec![
                entity(0, EntityKind::Place, "甲市", vec![span(3, 5), span(15, 17)]),
                entity(1, EntityKind::Place, "乙县", vec![span(0, 2), span(9, 11)]),
                entity(2, EntityKind::Place, "丙镇", vec![span(6, 8), span(21, 23)]),
                entity(
                    3,
                    EntityKind::Person,
                    "王明",
                    vec![span(12, 14), span(18, 20)],
                ),
            ],
            relations: vec![
                rel(1, 0, RelationKind::Within, vec![span(0, 5)]),
                rel(2, 1, RelationKind::Within, vec![span(6, 11)]),
                rel(3, 0, RelationKind::CoOccurs, vec![span(12, 17)]),
                rel(3, 2, RelationKind::CoOccurs, vec![span(18, 23)]),
            ],
            credits: vec![],
        }
    }

    #[test]
    fn the_path_panel_lists_each_hop_with_its_sentence_and_both_ends_marked() {
        let mut ex = Explorer::new(fixture());
        assert_eq!(ex.path_html(), None);
        ex.update_view(|v| v.path = Some((EntityId(2), EntityId(0))));
        let best = &ex.paths()[0];
        // Two stated hops (丙镇 in 乙县 in 甲市) beat the two co-mentions through 王明.
        assert_eq!(best.entities, [EntityId(2), EntityId(1), EntityId(0)]);
        assert_eq!(ex.paths().len(), 2);
        let html = ex.path_html().unwrap();
        assert_eq!(html.matches("data-testid=\"path-hop\"").count(), 2);
        assert!(html.contains("lies in"), "{html}");
        // The supporting sentence, both names marked.
        assert!(
            html.contains("丙镇</mark>在<mark data-entity-id=\"place:乙县\""),
            "{html}"
        );
        assert!(html
            .contains("<mark data-entity-id=\"place:丙镇\" class=\"place primary\">丙镇</mark>"));
        assert!(html
            .contains("<mark data-entity-id=\"place:乙县\" class=\"place primary\">乙县</mark>"));
        assert!(html.contains("data-relation-id=\"within:place:丙镇/place:乙县\""));
        assert!(html.contains("path-other") && html.contains("王明"));
        // Typed links only: the co-mentions are hidden, the other path goes.
        ex.update_view(|v| v.filters.show_relation(RelationKind::CoOccurs, false));
        assert_eq!(ex.paths().len(), 1);
        // Nothing connects them: the panel says so.
        ex.update_view(|v| v.path = Some((EntityId(3), EntityId(0))));
        assert!(ex.paths().is_empty());
        assert!(ex.path_html().unwrap().contains("No path"));
    }

    #[test]
    fn the_path_stands_out_in_the_frame() {
        use crate::render::Emphasis;
        let mut ex = Explorer::new(fixture());
        ex.settle();
        ex.update_view(|v| v.path = Some((EntityId(2), EntityId(0))));
        ex.frame_path();
        let frame = ex.frame().clone();
        let on_path = [EntityId(0), EntityId(1), EntityId(2)];
        for n in &frame.nodes {
            let want = if on_path.contains(&n.entity) {
                Emphasis::Focus
            } else {
                Emphasis::Dim
            };
            assert_eq!(n.emphasis, want, "{:?}", n.entity);
        }
        // The two stated hops are drawn as focused edges, the co-mentions dimmed.
        let focused = frame
            .edges
            .iter()
            .filter(|e| e.emphasis == Emphasis::Focus)
            .count();
        assert_eq!(focused, 2);
        assert!(frame.labels.iter().any(|l| l.entity == EntityId(1)));
    }

    #[test]
    fn controls_say_what_they_ask_for() {
        assert_eq!(
            control_command("colour-by", "community", false),
            Some(Command::ColourBy(ColourBy::Community))
        );
        assert_eq!(
            control_command("size-by", "degree", false),
            Some(Command::SizeBy(SizeBy::Degree))
        );
        assert_eq!(
            control_command("community-legend", "3", true),
            Some(Command::ShowCommunity(3, true))
        );
        assert_eq!(control_command("community-legend", "x", true), None);
        assert_eq!(control_command("size-by", "weight", true), None);
        assert_eq!(control_command("other", "kind", true), None);
        assert_eq!(
            control_command("co-occurs", "on", true),
            Some(Command::CoOccurrence(true))
        );
        assert_eq!(
            control_command("path-to", "北京", false),
            Some(Command::PathText("北京".into()))
        );
        // Every control the page wires answers to a value it can take.
        for &(id, kind) in VALUE_CONTROLS {
            assert!(["change", "input"].contains(&kind), "{id}");
            let any = ["1", "community", "degree", "en", "within", ""]
                .iter()
                .any(|v| control_command(id, v, true).is_some());
            assert!(any, "{id} asks for nothing");
        }
    }

    #[test]
    fn communities_colour_and_hide_and_measures_size_nodes() {
        let mut ex = Explorer::new(fixture());
        assert!(ex.legend_rows().is_empty());
        assert_eq!(ex.colour_community(EntityId(0)), None);
        ex.update_view(|v| v.colour = ColourBy::Community);
        let rows = ex.legend_rows();
        assert!(!rows.is_empty());
        assert_eq!(rows.iter().map(|r| r.size).sum::<u32>(), 4);
        assert!(ex.legend_html().contains("data-testid=\"community-row\""));
        let c = ex.colour_community(EntityId(0)).unwrap();
        ex.update_view(|v| {
            v.filters.hidden_communities.insert(c);
        });
        assert!(!ex.is_visible(EntityId(0)));
        assert!(!ex.legend_rows()[c as usize].shown);
        // Frames colour nodes by community.
        ex.update_view(|v| v.filters.hidden_communities.clear());
        let frame = ex.frame();
        assert!(frame.nodes.iter().all(|n| n.community.is_some()));
        // Sizes follow the chosen measure.
        let r = ex.node_radius(EntityId(0));
        ex.update_view(|v| v.size = SizeBy::Degree);
        assert_eq!(ex.degree(EntityId(0)), 2);
        assert!((ex.node_radius(EntityId(0)) - (3.0 + 2.2 * 2f32.sqrt())).abs() < 1e-4);
        ex.update_view(|v| v.size = SizeBy::Importance);
        assert_ne!(ex.node_radius(EntityId(0)), r);
        let total: f64 = (0..4).map(|i| ex.relative_importance(EntityId(i))).sum();
        assert!((total - 4.0).abs() < 1e-9);
        let m = ex.node_measures();
        assert_eq!(m.degree.len(), 4);
    }

    #[test]
    fn the_relation_legend_has_a_row_per_kind_drawn_with_its_line_and_count() {
        use crate::app::session::tests::fixture;
        let mut ex = Explorer::new(fixture());
        // Three `within` edges, one co-occurrence; authorship links no two entities and is
        // not drawn, so it has no row.
        let rows = ex.relation_rows();
        let summary: Vec<(RelationKind, &str, usize, bool)> = rows
            .iter()
            .map(|r| (r.kind, r.name, r.count, r.shown))
            .collect();
        assert_eq!(
            summary,
            [
                (RelationKind::Within, "lies in", 3, true),
                (RelationKind::CoOccurs, "same sentence", 1, true)
            ]
        );
        let html = ex.relation_legend_html();
        assert_eq!(html.matches("data-testid=\"relation-row\"").count(), 2);
        let normal = crate::render::Theme::NORMAL;
        // The swatch is the line the graph draws: the theme's colour and dashes.
        assert!(html.contains(&normal.relation(RelationKind::Within).swatch_svg()));
        assert!(html.contains(&normal.relation(RelationKind::CoOccurs).swatch_svg()));
        assert!(html.contains("value=\"co_occurs\" checked>"));
        // Unticking a kind hides its edges only; its row stays, unticked.
        let cmd = control_command("relation-legend", "within", false);
        assert_eq!(
            cmd,
            Some(Command::ShowRelation(RelationKind::Within, false))
        );
        ex.update_view(|v| v.filters.show_relation(RelationKind::Within, false));
        for (i, r) in ex.x.relations_with_ids() {
            let drawn = r.is_edge() && r.kind != RelationKind::Within;
            assert_eq!(ex.is_relation_visible(i), drawn, "{r:?}");
        }
        assert!(ex.relation_legend_html().contains("value=\"within\">"));
        ex.resize(400.0, 300.0);
        ex.fit_to_screen();
        ex.frame();
        assert_eq!(ex.drawn_edge_kinds(), "co_occurs=1");
        assert_eq!(ex.relation_rows()[0].count, 3);
        // Every node stays.
        assert!(ex.x.entities.iter().all(|e| ex.is_visible(e.id)));
        assert_eq!(control_command("relation-legend", "friendship", true), None);
        // Presentation mode's swatches are its own lines.
        ex.update_view(|v| v.presentation = true);
        let high = crate::render::Theme::HIGH.relation(RelationKind::Within);
        assert!(ex.relation_legend_html().contains(&high.swatch_svg()));
    }
}
