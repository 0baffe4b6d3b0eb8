//! The timeline: the graph as of a date. Articles carry an optional ISO 8601 `date` (parsed
//! from a page's date line, or given by a JSON import); the view's
//! [`Filters::until`](super::view::Filters::until) keeps what articles dated on or before that
//! day say, as the article filter keeps what chosen articles say: an entity needs a mention
//! there, a relation evidence there. **Articles without a date always count**: they cannot be
//! placed in time, and hiding them would hide most of a corpus that has only a few dates.
//!
//! Moving forward in time, the entities that appear grow in (see [`ENTER_MS`]); playing steps
//! through the dates every [`PLAY_STEP_MS`]. The camera's glide to a story step is here too:
//! both are animations advanced by the session's clock ([`Explorer::animate`]).

use super::camera::Camera;
use super::i18n::{Lang, Msg};
use super::view::date_key;
use super::Explorer;
use crate::model::{EntityId, Extraction};

/// How long a node entering the timeline takes to grow to its size.
pub const ENTER_MS: f64 = 600.0;

/// Time between dates while the timeline plays.
pub const PLAY_STEP_MS: f64 = 1200.0;

/// How long the camera takes to glide to a story step.
pub const GLIDE_MS: f64 = 700.0;

/// The corpus's distinct dates (as [`date_key`]s), in time order: the timeline's stops.
pub fn corpus_dates(x: &Extraction) -> Vec<String> {
    let mut dates: Vec<String> = x
        .articles
        .iter()
        .filter_map(|a| date_key(a.date.as_deref()?))
        .map(str::to_owned)
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// Whether each article (by index) is shown as of `until`: it is dated on or before it, or has
/// no date. Everything when `until` is `None`.
pub fn articles_as_of(x: &Extraction, until: Option<&str>) -> Vec<bool> {
    x.articles
        .iter()
        .map(|a| match (until, a.date.as_deref().and_then(date_key)) {
            (Some(u), Some(d)) => d <= u,
            _ => true,
        })
        .collect()
}

/// The slider's position for `until` among `dates`: the last date on or before it (the last
/// stop for `None`; the first for a date before them all).
pub fn position(dates: &[String], until: Option<&str>) -> usize {
    match until {
        None => dates.len().saturating_sub(1),
        Some(u) => dates
            .iter()
            .rposition(|d| d.as_str() <= u)
            .unwrap_or_default(),
    }
}

/// The `until` of a slider position: that date, or `None` (every date) at the last stop.
pub fn until_at(dates: &[String], index: usize) -> Option<String> {
    (index + 1 < dates.len())
        .then(|| dates.get(index).cloned())
        .flatten()
}

/// The label beside the slider: the date shown, or the whole range.
pub fn label(dates: &[String], until: Option<&str>, lang: Lang) -> String {
    match (until, dates.first(), dates.last()) {
        (Some(u), _, _) => lang.fill(Msg::AsOf, &[&u]),
        (None, Some(a), Some(b)) if a != b => lang.fill(Msg::AllDates, &[&format!("{a} – {b}")]),
        (None, Some(a), _) => lang.fill(Msg::AllDates, &[a]),
        _ => String::new(),
    }
}

/// A running animation: entering nodes growing, or the camera gliding.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Animations {
    /// Entities that appeared at the last move forward in time (sorted), and how far they
    /// have grown (0 to 1).
    entering: Vec<EntityId>,
    grown: f32,
    /// The camera's glide: from, to, progress (0 to 1).
    glide: Option<(Camera, Camera, f32)>,
}

impl Explorer {
    /// The corpus's dates, the timeline's stops (empty: no article has a date, and the
    /// timeline is hidden).
    pub fn dates(&self) -> &[String] {
        &self.dates
    }

    /// Notes the entities that became visible since `before` (a move forward in time), so
    /// they grow in.
    pub(super) fn enter(&mut self, before: &[bool]) {
        let entering: Vec<EntityId> = (0..self.node_visible.len())
            .filter(|&i| self.node_visible[i] && !before.get(i).copied().unwrap_or(true))
            .map(|i| EntityId(i as u32))
            .collect();
        if !entering.is_empty() {
            self.animations.entering = entering;
            self.animations.grown = 0.0;
        }
    }

    /// An entity's size factor while it grows in (1 when it is not entering).
    pub fn growth(&self, e: EntityId) -> f32 {
        let a = &self.animations;
        if a.grown < 1.0 && a.entering.binary_search(&e).is_ok() {
            // Ease out, from a dot.
            0.15 + 0.85 * (1.0 - (1.0 - a.grown).powi(2))
        } else {
            1.0
        }
    }

    /// Glides the camera to `to` (its viewport size is kept).
    pub fn glide_to(&mut self, to: Camera) {
        let to = Camera {
            width: self.camera.width,
            height: self.camera.height,
            ..to
        };
        self.animations.glide = Some((self.camera, to, 0.0));
        self.camera_touched = true;
        self.dirty = true;
    }

    /// Advances the animations by `ms`; whether one is still running.
    pub fn animate(&mut self, ms: f64) -> bool {
        let a = &mut self.animations;
        let mut running = false;
        if a.grown < 1.0 && !a.entering.is_empty() {
            a.grown = (a.grown + (ms / ENTER_MS) as f32).min(1.0);
            running = a.grown < 1.0;
            self.dirty = true;
        }
        if let Some((from, to, t)) = a.glide {
            let t = (t + (ms / GLIDE_MS) as f32).min(1.0);
            let s = t * t * (3.0 - 2.0 * t);
            let lerp = |a: f32, b: f32| a + (b - a) * s;
            self.camera.cx = lerp(from.cx, to.cx);
            self.camera.cy = lerp(from.cy, to.cy);
            // Zoom evenly: interpolate the scale's logarithm.
            self.camera.scale = (lerp(from.scale.ln(), to.scale.ln())).exp();
            a.glide = (t < 1.0).then_some((from, to, t));
            running |= t < 1.0;
            self.camera_touched = true;
            self.dirty = true;
        }
        running
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::ViewState;
    use crate::model::{Article, ArticleId};

    #[test]
    fn date_keys_are_days_months_or_years() {
        assert_eq!(date_key("2017-08-14"), Some("2017-08-14"));
        assert_eq!(date_key(" 2017-08-14T09:30:00+08:00"), Some("2017-08-14"));
        assert_eq!(date_key("2017-08"), Some("2017-08"));
        assert_eq!(date_key("2017"), Some("2017"));
        // Only the year reads in these.
        assert_eq!(date_key("2017-8-1"), Some("2017"));
        assert_eq!(date_key("2017年8月14日"), Some("2017"));
        for bad in ["", "17-08-14", "20170814", "abcd"] {
            assert_eq!(date_key(bad), None, "{bad}");
        }
    }

    /// Three articles: a0 on 2024-01-02, a1 undated, a2 on 2024-03-01 (also the dates of a
    /// JSON import with a `date` member).
    fn dated() -> Extraction {
        let mut x = crate::app::session::tests::fixture();
        x.articles[0].date = Some("2024-01-02".into());
        let mut third: Article = x.articles[1].clone();
        third.id = ArticleId(2);
        third.date = Some("2024-03-01T08:00:00+08:00".into());
        x.articles.push(third);
        x
    }

    #[test]
    fn stops_positions_and_labels() {
        let x = dated();
        let dates = corpus_dates(&x);
        assert_eq!(dates, ["2024-01-02", "2024-03-01"]);
        assert_eq!(position(&dates, None), 1);
        assert_eq!(position(&dates, Some("2024-02-10")), 0);
        assert_eq!(position(&dates, Some("2023-01-01")), 0);
        assert_eq!(until_at(&dates, 0).as_deref(), Some("2024-01-02"));
        assert_eq!(until_at(&dates, 1), None);
        assert_eq!(until_at(&dates, 9), None);
        for (until, lang, want) in [
            (Some("2024-01-02"), Lang::En, "as of 2024-01-02"),
            (None, Lang::En, "all dates (2024-01-02 – 2024-03-01)"),
            (Some("2024-01-02"), Lang::Zh, "截至 2024-01-02"),
            (None, Lang::Zh, "全部日期（2024-01-02 – 2024-03-01）"),
        ] {
            assert_eq!(label(&dates, until, lang), want, "{until:?} {lang:?}");
        }
        assert_eq!(label(&[], None, Lang::En), "");
        assert_eq!(
            articles_as_of(&x, Some("2024-01-02")),
            [true, true, false],
            "an undated article always counts"
        );
        assert!(corpus_dates(&crate::app::session::tests::fixture()).is_empty());
    }

    #[test]
    fn the_graph_as_of_a_date_keeps_what_articles_up_to_it_say() {
        let mut x = dated();
        // a1 (undated) no longer names 丙局: only a2, dated later, does.
        x.entities[2].mentions[0].article = ArticleId(2);
        x.relations[1].evidence[0].article = ArticleId(2);
        let mut ex = Explorer::new(x);
        assert!(ex.is_visible(EntityId(2)));
        ex.update_view(|v| v.filters.until = Some("2024-01-31".into()));
        assert!(!ex.is_visible(EntityId(2)), "named only after the date");
        assert!(!ex.is_relation_visible(crate::model::RelationId(1)));
        // 乙县 is named in a0 (dated before) and a1 (undated): both count.
        assert!(ex.is_visible(EntityId(1)));
        assert_eq!(ex.shown_mentions(EntityId(1)), 2);
        // Forward in time: 丙局 appears and grows in.
        let before = ex.node_visible.clone();
        ex.update_view(|v| v.filters.until = None);
        assert!(before.len() == 5 && !before[2]);
        assert!(ex.growth(EntityId(2)) < 0.5 && ex.growth(EntityId(1)) == 1.0);
        assert!(ex.animate(ENTER_MS / 2.0));
        assert!(!ex.animate(ENTER_MS));
        assert_eq!(ex.growth(EntityId(2)), 1.0);
        // The date is in the hash and comes back.
        let mut v = ViewState::default();
        v.filters.until = Some("2024-01-31".into());
        let h = v.to_hash(&ex.x);
        assert_eq!(h, "date=2024-01-31");
        assert_eq!(ViewState::from_hash(&h, &ex.x), (v, Ok(())));
        let (v, err) = ViewState::from_hash("date=soon", &ex.x);
        assert!(v.filters.until.is_none() && err.unwrap_err().to_string().contains("soon"));
    }

    #[test]
    fn the_camera_glides_and_lands_on_its_target() {
        let mut ex = Explorer::new(dated());
        let to = Camera {
            cx: 100.0,
            cy: -50.0,
            scale: ex.camera.scale * 4.0,
            ..ex.camera
        };
        ex.glide_to(to);
        assert!(ex.animate(GLIDE_MS / 2.0));
        assert!(ex.camera.cx != 100.0, "half-way, not there yet");
        assert!(!ex.animate(GLIDE_MS));
        assert_eq!((ex.camera.cx, ex.camera.cy), (100.0, -50.0));
        assert!((ex.camera.scale - to.scale).abs() < 1e-3 * to.scale);
    }
}
