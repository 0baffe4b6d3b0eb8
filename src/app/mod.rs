//! The explorer's state and behaviour, free of web types. The front end hands input to the
//! [`session::Session`] as events and applies the outputs it returns; the session drives the
//! [`Explorer`] (graph, view, camera, layout run), whose [`scene`] is the draw list a frame
//! shows, and [`present`] says what the panels and controls show; [`analysis`] adds the path
//! with evidence, colour by community and size by importance, and what their panels say. Every decision (what is
//! visible, what a click hits, which labels fit, what the panels say, what an import or a key
//! does) is made here and tested natively.

pub mod analysis;
pub mod bench;
pub mod camera;
pub mod demo;
pub mod gesture;
pub mod i18n;
pub mod lod;
pub mod measuring;
pub mod panels;
mod pointer;
pub mod present;
pub mod scene;
pub mod screen;
pub mod session;
pub mod story;
pub mod timeline;
pub mod view;
pub mod warm;

use crate::graph::KnowledgeGraph;
use crate::layout::{Layout, LayoutEdge, Settings};
use crate::model::{EntityId, Extraction, RelationId, RelationKind};
use camera::Camera;
use pointer::Drag;
pub use pointer::{segment_distance, Hit};
use view::ViewState;

/// A corpus prepared ahead of time (the embedded demo, by `guanxi prepare` at build time): its
/// extraction and its settled layout, so the page opens without extracting or laying out.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Prepared {
    /// The extraction, as `guanxi extract` writes it.
    pub extraction: Extraction,
    /// Settled node positions (index = entity id).
    pub x: Vec<f32>,
    /// See `x`.
    pub y: Vec<f32>,
}

impl Prepared {
    /// Settles the layout of `x` (deterministic: the same extraction gives the same picture).
    pub fn new(x: Extraction) -> Prepared {
        let mut ex = Explorer::new(x);
        ex.settle();
        Prepared {
            x: ex.layout.x.clone(),
            y: ex.layout.y.clone(),
            extraction: ex.x,
        }
    }
}

/// The explorer session.
pub struct Explorer {
    /// The extraction shown.
    pub x: Extraction,
    /// Its graph.
    pub graph: KnowledgeGraph,
    /// The stable ids of its entities and relations (links, the page, saved work, exports),
    /// made when first asked for.
    ids: std::cell::OnceCell<crate::model::stable::StableIds>,
    /// Node positions (index = entity id).
    pub layout: Layout,
    /// The camera.
    pub camera: Camera,
    view: ViewState,
    /// Importance for label priority: weighted degree + mentions.
    importance: Vec<u32>,
    /// Entities sorted by importance, descending (label candidates).
    by_importance: Vec<EntityId>,
    /// Each entity's place in `by_importance` (index = entity id).
    rank: Vec<u32>,
    node_visible: Vec<bool>,
    /// Mentions counted in the shown articles.
    shown_mentions: Vec<u32>,
    edge_visible: Vec<bool>,
    /// Entities hidden by hand (index = entity id; none when empty).
    hidden: Vec<bool>,
    hover: Option<EntityId>,
    drag: Option<Drag>,
    /// Scene scratch, reused every frame.
    scene: scene::Scene,
    dirty: bool,
    /// Whether the user moved the camera (then layout progress no longer re-fits).
    camera_touched: bool,
    /// Communities and importance, computed when first asked for.
    measures: std::cell::OnceCell<crate::graph::analysis::Measures>,
    /// Importance and degree alone (the table needs no communities), computed when first asked for.
    ranking: std::cell::OnceCell<(Vec<f64>, Vec<u32>)>,
    /// Importance or communities of a large graph being computed over frames.
    measuring: Option<Box<measuring::Measuring>>,
    /// The path the view asks for and the next best ones (empty: none asked, or none found).
    paths: Vec<crate::graph::analysis::Path>,
    /// The corpus's dates, the timeline's stops.
    dates: Vec<String>,
    /// Nodes growing in, the camera gliding.
    animations: timeline::Animations,
    /// The language of the panels, legends and exports.
    lang: i18n::Lang,
    /// The level-of-detail note as the page last showed it ([`Explorer::note_change`]).
    note_shown: Option<(bool, String, &'static str)>,
}

impl Explorer {
    /// A session over `x` with the default view.
    pub fn new(x: Extraction) -> Explorer {
        let graph = KnowledgeGraph::build(&x);
        let layout = Explorer::layout_of(&x);
        Explorer::with_layout(x, graph, layout)
    }

    /// The layout a new explorer of `x` starts from (a part of [`Explorer::new`], which an
    /// install spread over frames runs apart).
    pub fn layout_of(x: &Extraction) -> Layout {
        let edges: Vec<LayoutEdge> = x
            .edges()
            .map(|(_, r)| LayoutEdge {
                a: r.source.0,
                b: r.target.0,
                weight: if r.kind == RelationKind::CoOccurs {
                    1.0
                } else {
                    2.0
                } * (1.0 + (r.weight as f32).ln()),
            })
            .collect();
        Layout::new(x.entities.len(), edges, Settings::default())
            .expect("default layout settings are valid")
    }

    /// A session over a prepared corpus, already laid out (falls back to laying it out
    /// afresh when the positions do not fit the extraction).
    pub fn from_prepared(p: Prepared) -> Explorer {
        let mut ex = Explorer::new(p.extraction);
        if ex.layout.restore_settled(&p.x, &p.y) {
            ex.fit();
        }
        ex
    }

    /// A session with a prepared layout (the bench protocol injects positions).
    pub fn with_layout(x: Extraction, graph: KnowledgeGraph, layout: Layout) -> Explorer {
        let degree = graph.weighted_degree(&x);
        let importance: Vec<u32> = x
            .entities
            .iter()
            .zip(&degree)
            .map(|(e, d)| d.saturating_add(2 * e.mentions.len() as u32))
            .collect();
        let mut by_importance: Vec<EntityId> = x.entities.iter().map(|e| e.id).collect();
        // Total order: importance, then id (stable labels across runs).
        by_importance.sort_by_key(|e| (std::cmp::Reverse(importance[e.index()]), e.0));
        let n = x.entities.len();
        let rank = lod::ranks(&by_importance, n);
        let r = x.relations.len();
        let mut ex = Explorer {
            x,
            graph,
            ids: std::cell::OnceCell::new(),
            layout,
            camera: Camera::default(),
            view: ViewState::default(),
            importance,
            by_importance,
            rank,
            node_visible: vec![true; n],
            shown_mentions: vec![0; n],
            edge_visible: vec![true; r],
            hidden: Vec::new(),
            hover: None,
            drag: None,
            scene: scene::Scene::default(),
            dirty: true,
            camera_touched: false,
            measures: std::cell::OnceCell::new(),
            ranking: std::cell::OnceCell::new(),
            measuring: None,
            paths: Vec::new(),
            dates: Vec::new(),
            animations: Default::default(),
            lang: i18n::Lang::default(),
            note_shown: None,
        };
        ex.dates = timeline::corpus_dates(&ex.x);
        ex.refresh_visibility();
        ex.fit();
        ex
    }

    /// The view as a URL hash, entities named by their keys (see [`view::entity_key`]).
    pub fn view_hash(&self) -> String {
        self.view.to_hash(&self.x)
    }

    /// The stable ids of the entities and relations shown.
    pub fn stable_ids(&self) -> &crate::model::stable::StableIds {
        self.ids
            .get_or_init(|| crate::model::stable::StableIds::of(&self.x))
    }

    /// How every node is drawn (position, colour, size; index = entity id), for the exports:
    /// the normal theme's colours, sizes without the presentation mode's scale.
    pub fn looks(&self) -> Vec<crate::io::export::NodeLook> {
        let theme = crate::render::Theme::of(crate::render::Contrast::Normal);
        let scale = self.label_scale();
        self.x
            .entities
            .iter()
            .map(|e| {
                let i = e.id.index();
                let fill = match self.colour_community(e.id) {
                    Some(c) => theme.community(c),
                    None => theme.kind(e.kind),
                };
                crate::io::export::NodeLook {
                    x: self.layout.x.get(i).copied().unwrap_or(0.0),
                    y: self.layout.y.get(i).copied().unwrap_or(0.0),
                    rgb: crate::render::theme::rgb(fill),
                    size: self.node_radius(e.id) / scale,
                }
            })
            .collect()
    }

    /// The language of the panels, legends and exports.
    pub fn lang(&self) -> i18n::Lang {
        self.lang
    }

    /// Shows the panels, legends and exports in another language.
    pub fn set_lang(&mut self, lang: i18n::Lang) {
        self.lang = lang;
    }

    /// The current view state.
    pub fn view(&self) -> &ViewState {
        &self.view
    }

    /// Replaces the view state (filters, selection, focus) and recomputes visibility.
    pub fn set_view(&mut self, v: ViewState) {
        let path_before = (self.view.path, self.view.filters.clone(), self.view.focus);
        let time_moved = v.filters.until != self.view.filters.until;
        let visible_before = time_moved.then(|| self.node_visible.clone());
        self.view = v;
        self.refresh_visibility();
        if let Some(before) = visible_before {
            // What appears as the timeline moves grows in.
            self.enter(&before);
        }
        if path_before != (self.view.path, self.view.filters.clone(), self.view.focus) {
            self.refresh_paths();
        }
        self.dirty = true;
    }

    /// Changes the view through a closure.
    pub fn update_view(&mut self, f: impl FnOnce(&mut ViewState)) {
        let mut v = self.view.clone();
        f(&mut v);
        self.set_view(v);
    }

    /// Hides entities by hand (index = entity id; see [`crate::model::curation`]): whatever
    /// the filters, they are not drawn or listed.
    pub fn set_hidden(&mut self, hidden: Vec<bool>) {
        self.hidden = hidden;
        self.refresh_visibility();
        self.dirty = true;
    }

    /// Whether an entity passes the filters and focus.
    pub fn is_visible(&self, e: EntityId) -> bool {
        self.node_visible.get(e.index()).copied().unwrap_or(false)
    }

    /// Whether a relation is drawn.
    pub fn is_relation_visible(&self, r: RelationId) -> bool {
        self.edge_visible.get(r.index()).copied().unwrap_or(false)
    }

    /// Mentions of an entity in the shown articles.
    pub fn shown_mentions(&self, e: EntityId) -> u32 {
        self.shown_mentions.get(e.index()).copied().unwrap_or(0)
    }

    /// Importance (label priority) of an entity.
    pub fn importance(&self, e: EntityId) -> u32 {
        self.importance.get(e.index()).copied().unwrap_or(0)
    }

    /// Entities by importance, most important first (ties by id): the order labels are
    /// chosen in and the level of detail ([`lod`]) cuts.
    pub fn by_importance(&self) -> &[EntityId] {
        &self.by_importance
    }

    /// An entity's place in [`Explorer::by_importance`].
    pub fn importance_rank(&self, e: EntityId) -> usize {
        self.rank.get(e.index()).map_or(usize::MAX, |&r| r as usize)
    }

    /// What the last frame drew in full ([`lod`]).
    pub fn level_of_detail(&self) -> lod::Detail {
        self.scene.detail
    }

    /// The level-of-detail note's element properties when they differ from what the page
    /// shows (after a frame, a change of language or of the view); `None` when unchanged.
    pub fn note_change(&mut self) -> Option<Vec<(String, &'static str, session::Prop)>> {
        use session::Prop;
        let note = lod::note(&self.scene.detail, self.lang);
        if self.note_shown.as_ref() == Some(&note) {
            return None;
        }
        let (hidden, text, button) = note.clone();
        self.note_shown = Some(note);
        Some(vec![
            ("lod-note".to_owned(), "hidden", Prop::Flag(hidden)),
            ("lod-text".to_owned(), "textContent", Prop::Text(text)),
            (
                "lod-show-all".to_owned(),
                "textContent",
                Prop::Text(button.to_owned()),
            ),
        ])
    }

    /// Recomputes which nodes and edges pass the filters and focus.
    fn refresh_visibility(&mut self) {
        let f = &self.view.filters;
        let in_time = timeline::articles_as_of(&self.x, f.until.as_deref());
        let article_shown = |a: crate::model::ArticleId| {
            f.articles.as_ref().is_none_or(|s| s.contains(&a))
                && in_time.get(a.index()).copied().unwrap_or(true)
        };
        for (i, e) in self.x.entities.iter().enumerate() {
            // Entities given without mentions (an injected graph) count as mentioned once.
            let m = if e.mentions.is_empty() {
                1
            } else {
                e.mentions
                    .iter()
                    .filter(|s| article_shown(s.article))
                    .count() as u32
            };
            self.shown_mentions[i] = m;
            let hidden = self.hidden.get(i).copied().unwrap_or(false);
            self.node_visible[i] = f.kinds[e.kind.index()] && m >= f.min_mentions.max(1) && !hidden;
        }
        // A large graph's communities hide nothing until the frames have computed them.
        let community = match f.hidden_communities.is_empty() {
            true => None,
            false => self.measures_ready().map(|m| m.community.clone()),
        };
        if let Some(community) = community {
            for (v, c) in self.node_visible.iter_mut().zip(&community) {
                *v = *v && !f.hidden_communities.contains(c);
            }
        }
        for (i, r) in self.x.relations.iter().enumerate() {
            let ends = self
                .node_visible
                .get(r.source.index())
                .copied()
                .unwrap_or(false)
                && self
                    .node_visible
                    .get(r.target.index())
                    .copied()
                    .unwrap_or(false);
            let in_articles =
                r.evidence.is_empty() || r.evidence.iter().any(|s| article_shown(s.article));
            let kind_ok = r.is_edge() && f.shows_relation(r.kind);
            self.edge_visible[i] = ends && in_articles && kind_ok && r.weight >= f.min_weight;
        }
        if let Some(focus) = self.view.focus {
            let keep = self
                .graph
                .neighbourhood(focus.entity, focus.depth.hops(), |r| {
                    self.edge_visible.get(r.index()).copied().unwrap_or(false)
                });
            for (i, v) in self.node_visible.iter_mut().enumerate() {
                *v = *v && keep.contains(&EntityId(i as u32));
            }
            if let Some(v) = self.node_visible.get_mut(focus.entity.index()) {
                *v = true;
            }
            for (i, r) in self.x.relations.iter().enumerate() {
                self.edge_visible[i] =
                    self.edge_visible[i] && keep.contains(&r.source) && keep.contains(&r.target);
            }
        }
    }

    /// Sets the viewport size in CSS pixels.
    pub fn resize(&mut self, width: f32, height: f32) {
        if width > 0.0 && height > 0.0 && (width, height) != (self.camera.width, self.camera.height)
        {
            self.camera.width = width;
            self.camera.height = height;
            if !self.camera_touched {
                self.fit();
            }
            self.dirty = true;
        }
    }

    /// Frames the visible nodes.
    pub fn fit(&mut self) {
        let mut b = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let mut any = false;
        for i in 0..self.layout.len() {
            if self.node_visible[i] {
                let (x, y) = (self.layout.x[i], self.layout.y[i]);
                b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
                any = true;
            }
        }
        if !any {
            b = self.layout.bounds();
        }
        // Room for labels at the edges: half the widest label that could show (a label can
        // sit beside its node or centred over it), within reason on a small canvas. Only the
        // most important visible nodes get labels (at most `scene::MAX_LABELS`), and this runs
        // on every layout tick, so only they are measured.
        let size = scene::LABEL_SIZE * self.label_scale();
        let widest = self
            .by_importance
            .iter()
            .filter(|e| self.node_visible[e.index()])
            .take(scene::MAX_LABELS)
            .map(|e| scene::label_width(&self.x.entities[e.index()].label, size))
            .fold(0.0, f32::max);
        let margin = (widest / 2.0 + 12.0)
            .min(self.camera.width.min(self.camera.height) / 4.0)
            .max(60.0 * self.label_scale());
        self.camera.fit(b, margin);
        self.dirty = true;
    }

    /// Keeps the picture when the corpus changes: entities that were already on screen (same
    /// kind and label) start where they were, and new ones start next to a neighbour that was,
    /// so adding or removing a source updates the graph instead of redrawing it from scratch.
    /// Pinned nodes stay pinned.
    pub fn carry_layout_from(&mut self, old: &Explorer) {
        let mut prior: std::collections::HashMap<(crate::model::EntityKind, &str), usize> =
            std::collections::HashMap::new();
        for e in &old.x.entities {
            prior.insert((e.kind, e.label.as_str()), e.id.index());
        }
        let mut placed = vec![false; self.layout.len()];
        let mut any = false;
        for e in &self.x.entities {
            if let Some(&o) = prior.get(&(e.kind, e.label.as_str())) {
                let i = e.id.index();
                if i < self.layout.len() && o < old.layout.len() {
                    self.layout.x[i] = old.layout.x[o];
                    self.layout.y[i] = old.layout.y[o];
                    self.layout.pinned[i] = old.layout.pinned[o];
                    placed[i] = true;
                    any = true;
                }
            }
        }
        if !any {
            return;
        }
        for e in &self.x.entities {
            let i = e.id.index();
            if placed.get(i).copied().unwrap_or(true) {
                continue;
            }
            let anchor = self
                .graph
                .incident(e.id)
                .map(|(o, _)| o.index())
                .find(|&o| placed.get(o).copied().unwrap_or(false));
            if let Some(a) = anchor {
                // Deterministic offset from the id, so repeated updates agree.
                let angle = (e.id.0 as f32) * 2.399_963;
                self.layout.x[i] = self.layout.x[a] + 8.0 * angle.cos();
                self.layout.y[i] = self.layout.y[a] + 8.0 * angle.sin();
            }
        }
        self.layout.wake();
        self.camera = old.camera;
        self.camera_touched = old.camera_touched;
        self.dirty = true;
    }

    /// Frames the visible nodes again unless the user moved the camera (then it stays).
    pub fn keep_framed(&mut self) {
        if !self.camera_touched {
            self.fit();
        }
    }

    /// "Fit to screen": frames everything and lets layout progress keep it framed.
    pub fn fit_to_screen(&mut self) {
        self.camera_touched = false;
        self.fit();
    }

    /// The colours the view is drawn in (high contrast in presentation mode).
    pub fn theme(&self) -> &'static crate::render::Theme {
        use crate::render::{Contrast, Theme};
        Theme::of(if self.view.presentation {
            Contrast::High
        } else {
            Contrast::Normal
        })
    }

    fn label_scale(&self) -> f32 {
        if self.view.presentation {
            1.6
        } else {
            1.0
        }
    }

    /// Runs up to `steps` layout iterations; returns whether the layout is still moving.
    pub fn tick(&mut self, steps: u32) -> bool {
        if self.layout.converged() {
            return false;
        }
        for _ in 0..steps {
            self.layout.step();
            if self.layout.converged() {
                break;
            }
        }
        if !self.camera_touched {
            self.fit();
        }
        self.dirty = true;
        !self.layout.converged()
    }

    /// A part of a layout step ([`Layout::step_part`]: the repulsion of at most `nodes`
    /// nodes, and the rest of the step once all are done), so that no frame of a large graph
    /// waits for a whole step. Whether the layout is still moving.
    pub fn tick_part(&mut self, nodes: usize) -> bool {
        if self.layout.converged() && !self.layout.mid_step() {
            return false;
        }
        if self.layout.step_part(nodes) {
            if !self.camera_touched {
                self.fit();
            }
            self.dirty = true;
        }
        !self.layout.converged() || self.layout.mid_step()
    }

    /// Runs the layout to convergence (tests, the CLI, and small graphs at start-up).
    pub fn settle(&mut self) {
        while self.tick(50) {}
    }

    /// Whether something changed since the last [`Explorer::frame`].
    pub fn needs_redraw(&self) -> bool {
        self.dirty
    }

    /// Marks the scene for redraw (e.g. after a theme change).
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Builds the frame's draw list. A frame of a camera move ([`scene::Motion::Moving`]) may
    /// be drawn coarser, so the next one is asked for: when the camera has stopped, it is
    /// drawn in full.
    pub fn frame(&mut self) -> &scene::DrawList {
        let mut scene = std::mem::take(&mut self.scene);
        scene.build(self);
        self.scene = scene;
        self.dirty = self.scene.list.motion == scene::Motion::Moving;
        &self.scene.list
    }

    /// The draw list of the last frame.
    pub fn last_frame(&self) -> &scene::DrawList {
        &self.scene.list
    }

    /// How many edges of each kind the last frame drew (`within=12 co_occurs=40`, kinds in
    /// [`RelationKind::ALL`] order, those drawn only), for tests from outside the page.
    pub fn drawn_edge_kinds(&self) -> String {
        let mut counts = [0usize; RelationKind::ALL.len()];
        for e in &self.scene.list.edges {
            counts[e.kind.index()] += 1;
        }
        let drawn = RelationKind::ALL.iter().filter(|k| counts[k.index()] > 0);
        let parts: Vec<String> = drawn
            .map(|k| format!("{}={}", k.as_str(), counts[k.index()]))
            .collect();
        parts.join(" ")
    }

    /// The node radius on screen for an entity: by mentions, importance or degree (see
    /// [`view::SizeBy`]).
    pub fn node_radius(&self, e: EntityId) -> f32 {
        let m = match self.view.size {
            view::SizeBy::Mentions => self.shown_mentions(e).max(1) as f32,
            // Until a large graph's ranking is computed (over frames): by mentions.
            _ if self.ranking_ready().is_none() => self.shown_mentions(e).max(1) as f32,
            view::SizeBy::Importance => self.relative_importance(e) as f32,
            view::SizeBy::Degree => self.degree(e).max(1) as f32,
        };
        (3.0 + 2.2 * m.sqrt()).min(28.0) * self.label_scale() * self.growth(e)
    }

    /// [`Explorer::screen_position`] as JSON (`{"x":…,"y":…}`), for the page's test API.
    pub fn screen_position_json(&self, e: EntityId) -> Option<String> {
        let (x, y) = self.screen_position(e)?;
        Some(serde_json::json!({ "x": x, "y": y }).to_string())
    }

    /// The screen position of an entity's node (CSS pixels, canvas-relative).
    pub fn screen_position(&self, e: EntityId) -> Option<(f32, f32)> {
        let i = e.index();
        (i < self.layout.len()).then(|| {
            self.camera
                .screen_from_world(self.layout.x[i], self.layout.y[i])
        })
    }

    /// An entity named by an outside test (`window.guanxi.screenPosition`): by its stable id
    /// (`"place:怀柔区"`, as the page's `data-entity-id`), its position as text (`"e12"`) or as
    /// a whole number (`12`); `None` when the corpus has no such entity.
    pub fn entity_of_test_arg(&self, text: Option<&str>, number: Option<f64>) -> Option<EntityId> {
        if let Some(e) = text.and_then(|t| self.stable_ids().entity_of(t)) {
            return Some(e);
        }
        let id = text.and_then(EntityId::parse).or_else(|| {
            number
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map(|n| EntityId(n as u32))
        });
        id.filter(|&e| self.x.entity(e).is_some())
    }
}

#[cfg(test)]
mod tests;
