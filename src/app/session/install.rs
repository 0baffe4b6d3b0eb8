//! Showing a large extraction a step at a time (issue 20: no task of the page over 50 ms):
//! the graph, the layout's start, the explorer, the corrections, then importance and degree
//! (PageRank an iteration a step) before the panels ask for them; the new graph replaces the
//! one shown only at the last step, so the page keeps answering meanwhile. Its saved form is
//! written a frame later ([`Session::frame`]), and the layout settles over the frames after
//! (a part of a layout step at a time, [`Explorer::tick_part`]).

use super::{Output, Progress, Session, Status, INSTALL_LAYOUT_MS};
use crate::app::i18n::Msg;
use crate::app::Explorer;
use crate::graph::analysis::Ranking;
use crate::graph::KnowledgeGraph;
use crate::layout::Layout;
use crate::model::Extraction;

/// Entities whose degree one ranking step counts.
const DEGREE_NODES: usize = 2048;

/// What is left to do to show an extraction.
pub(super) enum Stage {
    /// Build the graph.
    Graph(Extraction),
    /// Lay the entities out where they start.
    Layout(Extraction, KnowledgeGraph),
    /// Make the explorer.
    Explorer(Extraction, KnowledgeGraph, Layout),
    /// Apply the corrections of the corpus shown.
    Correct(Explorer),
    /// Importance and degree (the table and the detail panel read them).
    Rank(Explorer, Ranking),
    /// Show it.
    Show(Explorer),
}

/// What the frames after the one that shows a large import do, in this order: each is a long
/// piece of work for the page (the table of up to 3,000 rows, the list of every article, the
/// saved work of megabytes), so each gets a frame of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum After {
    /// The URL, the controls and the panels show the view ([`Output::view`]).
    Panels,
    /// The controls made from the corpus: kinds with counts, the article list.
    Controls,
    /// The saved work is written.
    Save,
}

/// A large extraction being shown.
pub(super) struct Install {
    pub(super) stage: Stage,
    /// Sentences whose same-sentence links linking capped.
    pub(super) capped: usize,
}

impl Session {
    /// Continues an install of `total` articles whose import started at `started` for about
    /// `budget_ms` (at least one step); what is left of it, none when it is done.
    pub(super) fn install_steps(
        &mut self,
        mut i: Box<Install>,
        (total, started): (usize, f64),
        budget_ms: f64,
        out: &mut Output,
    ) -> Option<Box<Install>> {
        let t0 = self.host.now_ms();
        loop {
            i.stage = match self.install_step(i.stage) {
                Ok(stage) => stage,
                Err(ex) => {
                    self.show_installed(*ex, (i.capped, total, started), out);
                    return None;
                }
            };
            if self.host.now_ms() - t0 >= budget_ms {
                return Some(i);
            }
        }
    }

    /// One step: the stage after `stage`, or the explorer to show.
    fn install_step(&mut self, stage: Stage) -> Result<Stage, Box<Explorer>> {
        Ok(match stage {
            Stage::Graph(x) => {
                let g = KnowledgeGraph::build(&x);
                Stage::Layout(x, g)
            }
            Stage::Layout(x, g) => {
                let layout = Explorer::layout_of(&x);
                Stage::Explorer(x, g, layout)
            }
            Stage::Explorer(x, g, layout) => Stage::Correct(Explorer::with_layout(x, g, layout)),
            Stage::Correct(read) => {
                let ex = self.corrected(read);
                let ranking = Ranking::new(&ex.graph, &ex.x);
                Stage::Rank(ex, ranking)
            }
            Stage::Rank(mut ex, mut ranking) => {
                if !ranking.step(&ex.graph, DEGREE_NODES) {
                    return Ok(Stage::Rank(ex, ranking));
                }
                ex.set_ranking(ranking.finish(&ex.graph));
                Stage::Show(ex)
            }
            Stage::Show(ex) => return Err(Box::new(ex)),
        })
    }

    /// The next piece of showing a large import ([`After`]).
    pub(super) fn after_install_step(&mut self, out: &mut Output) {
        if self.after_install.is_empty() {
            return;
        }
        match self.after_install.remove(0) {
            After::Panels => out.view = true,
            After::Controls => (out.articles, out.controls) = (true, true),
            After::Save => self.persist(),
        }
    }

    /// Shows the installed explorer, says how long the import took, and has the saved work
    /// written at the next frame.
    fn show_installed(&mut self, ex: Explorer, i: (usize, usize, f64), out: &mut Output) {
        let (capped, total, started) = i;
        let secs = (self.host.now_ms() - started) / 1000.0;
        out.progress = Some(Progress::Hide);
        self.sources_before_import = None;
        // The layout settles over the next frames rather than in a burst now.
        self.settle_ms = INSTALL_LAYOUT_MS;
        let burst = std::mem::replace(&mut self.burst_ms, 0.0);
        self.show_corpus(ex, out);
        self.burst_ms = burst;
        // The new graph is drawn now; the page's panels and controls follow a frame each.
        (out.corpus, out.view) = (false, false);
        self.after_install = vec![After::Panels, After::Controls, After::Save];
        let lang = self.lang();
        let capped = match capped {
            0 => String::new(),
            n => lang.fill(Msg::Capped, &[&n]),
        };
        out.status = Some(Status::info(lang.fill(
            Msg::Extracted,
            &[
                &lang.count(total, Msg::NArticles),
                &format!("{secs:.1}"),
                &capped,
            ],
        )));
    }
}

#[cfg(test)]
mod tests;
