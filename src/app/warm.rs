//! What the page loads after start-up, in idle time, so the first import starts at once: the
//! recogniser step by step ([`model_step`]), then the lexicons in the tasks of [`LEXICONS`].
//! The page runs each in a task of its own and records it as a performance measure of the
//! name given here.

use crate::text::assets::Asset;
use crate::text::knowledge::Loader;

/// Loads the next piece of the recogniser; true once it is loaded (or cannot be: the error
/// comes again when the knowledge is asked for). Each step is the measure
/// `guanxi:model-load-step`; `guanxi:model-load` spans them all.
pub fn model_step(loader: &mut Loader) -> bool {
    loader.step_model().unwrap_or(true)
}

/// A piece of loading: its measure's name and the load.
pub type Piece = (&'static str, fn(&mut Loader));

/// The lexicons in four tasks rather than one, so that a click or a key press in the
/// meantime waits for one piece (tens of milliseconds), not for all of them: each a measure
/// name and the load. What fails here fails again, with its message, when an import asks
/// for the knowledge.
pub const LEXICONS: [Piece; 4] = [
    ("guanxi:words-load", |l| {
        let _later = l.load_words();
    }),
    ("guanxi:gazetteer-load", |l| {
        let _later = l.load_gazetteer();
    }),
    ("guanxi:places-load", |l| {
        let _later = l.finish();
    }),
    ("guanxi:lexicons-load", |l| {
        if let Ok(k) = l.finish() {
            let _spans = k.recognise(&['甲', '市'], &mut crate::text::ner::Context::default());
        }
    }),
];

/// Per asset: milliseconds from the start until the page provided its bytes, or `None` if
/// the browser could not inflate it (the core will).
pub type InflateReport = Vec<(Asset, Option<f64>)>;

/// The page's inflating of the assets as they settle, one by one in any order.
#[derive(Clone, Debug, Default)]
pub struct Settling(InflateReport);

impl Settling {
    /// Records one asset's outcome; the whole report once every asset has settled.
    pub fn settle(&mut self, asset: Asset, ms: Option<f64>) -> Option<InflateReport> {
        self.0.push((asset, ms));
        (self.0.len() == Asset::ALL.len()).then(|| std::mem::take(&mut self.0))
    }
}

/// How long the page took to inflate `asset`, by its report.
pub fn inflate_ms(report: &InflateReport, asset: Asset) -> Option<f64> {
    report
        .iter()
        .find(|(a, _)| *a == asset)
        .and_then(|(_, ms)| *ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_is_whole_once_every_asset_settled() {
        let mut s = Settling::default();
        let (last, rest) = Asset::ALL.split_last().unwrap();
        for (i, a) in rest.iter().rev().enumerate() {
            assert_eq!(s.settle(*a, Some(i as f64)), None);
        }
        let report = s.settle(*last, None).unwrap();
        assert_eq!(report.len(), Asset::ALL.len());
        assert_eq!(inflate_ms(&report, *last), None);
        assert_eq!(inflate_ms(&report, rest[0]), Some(rest.len() as f64 - 1.0));
        // Used up: a new round starts empty.
        assert_eq!(s.settle(*last, None), None);
    }

    #[test]
    fn warm_up_loads_everything_under_distinct_measures() {
        let mut loader = Loader::new();
        let mut steps = 0;
        while !model_step(&mut loader) {
            steps += 1;
            assert!(steps < 10_000, "the recogniser never finishes loading");
        }
        assert!(!loader.is_built());
        for (_, load) in LEXICONS {
            load(&mut loader);
        }
        assert!(loader.is_built());
        assert!(loader.finish().is_ok_and(|k| k.model.is_some()));
        let mut names: Vec<&str> = LEXICONS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 4);
        assert!(names
            .iter()
            .all(|n| n.starts_with("guanxi:") && n.ends_with("-load")));
    }
}
