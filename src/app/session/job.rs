//! Extraction of a large corpus off the page's main task: in the page's worker when it has one
//! ([`Session::set_worker`]), the result then read a slice per frame; else here, a slice of
//! articles per frame. Either way the graph is shown without a long task and the layout
//! settles over the frames after ([`Session::frame`]).

use super::install::{Install, Stage};
use super::{Command, Output, Progress, Prop, Session, Showing, Status, WorkerOrder};
use crate::app::i18n::Msg;
use crate::app::present::progress_bar;
use crate::io::offload;
use crate::text::corpus::Draft;
use crate::text::Knowledge;
use std::collections::VecDeque;
use std::sync::Arc;

/// Items of the worker's result read between two looks at the clock.
const READ_STEP: usize = 32;

/// A large extraction in progress.
pub(super) struct Job {
    /// Articles to extract.
    total: usize,
    /// When the import started (for the progress bar and the time it took).
    started: f64,
    /// Where it is.
    step: Step,
}

/// Where a large extraction is.
pub(super) enum Step {
    /// Here, a slice of articles per frame.
    Here {
        queue: VecDeque<Draft>,
        extractor: Box<crate::text::Extractor>,
    },
    /// In the worker: waiting for its result.
    Worker {
        seq: u32,
        /// Articles the worker says it has extracted.
        done: usize,
        /// The articles' texts sent (the result does not carry them back).
        sent: Vec<String>,
    },
    /// The worker's result, read a slice per frame.
    Reading { reader: Box<offload::Reader> },
    /// The extraction, shown a step at a time.
    Installing(Box<Install>),
}

impl Session {
    /// Says whether the page can extract in a worker (the front end starts one on the first
    /// [`WorkerOrder::Extract`], and reports with [`Command::WorkerFailed`] if it cannot).
    pub fn set_worker(&mut self, available: bool) {
        self.worker = available;
    }

    /// Whether the running import (or the last one) was sent to the worker.
    pub fn extracting_in_worker(&self) -> bool {
        matches!(
            self.job,
            Some(Job {
                step: Step::Worker { .. } | Step::Reading { .. },
                ..
            })
        )
    }

    /// Starts extracting `drafts` in the worker.
    pub(super) fn send_to_worker(&mut self, drafts: Vec<Draft>, out: &mut Output) {
        self.import_seq = self.import_seq.wrapping_add(1);
        let seq = self.import_seq;
        let total = drafts.len();
        let request = offload::Request { seq, drafts };
        let bytes = request.encode();
        let sent = request.drafts.into_iter().map(|d| d.text).collect();
        out.worker = Some(WorkerOrder::Extract {
            seq,
            request: bytes,
        });
        self.import_ran = Some("worker");
        self.job = Some(Job {
            total,
            started: self.host.now_ms(),
            step: Step::Worker { seq, done: 0, sent },
        });
        out.progress = Some(Progress::Show);
    }

    /// Starts extracting `drafts` here, a slice per frame.
    pub(super) fn extract_here(
        &mut self,
        drafts: Vec<Draft>,
        knowledge: Arc<Knowledge>,
        out: &mut Output,
    ) {
        self.import_ran = Some("main-thread");
        self.job = Some(Job {
            total: drafts.len(),
            started: self.host.now_ms(),
            step: Step::Here {
                queue: drafts.into(),
                extractor: Box::new(crate::text::Extractor::new(knowledge)),
            },
        });
        out.progress = Some(Progress::Show);
    }

    /// What the worker says: progress, its result, or that it failed.
    pub(super) fn worker_command(&mut self, c: Command, out: &mut Output) {
        let (waiting, total, started) = match &self.job {
            Some(Job {
                total,
                started,
                step: Step::Worker { seq, .. },
            }) => (*seq, *total, *started),
            _ => return,
        };
        match c {
            Command::WorkerProgress { seq, done } if seq == waiting => {
                if let Some(Job {
                    step: Step::Worker { done: d, .. },
                    ..
                }) = &mut self.job
                {
                    *d = done;
                }
                out.progress = Some(self.progress(done, total, started));
            }
            Command::WorkerResult { seq, bytes } if seq == waiting => {
                let Some(Job {
                    step: Step::Worker { sent, .. },
                    ..
                }) = self.job.take()
                else {
                    return;
                };
                match offload::Reader::new(bytes, sent) {
                    Ok(reader) => {
                        self.job = Some(Job {
                            total,
                            started,
                            step: Step::Reading {
                                reader: Box::new(reader),
                            },
                        })
                    }
                    Err(e) => self.worker_failed(&e.to_string(), out),
                }
            }
            Command::WorkerFailed { seq, why } if seq == waiting || seq == offload::ANY_SEQ => {
                self.job = None;
                self.worker_failed(&why, out);
            }
            _ => {}
        }
    }

    /// The worker could not extract: extracts here from now on, and says why.
    fn worker_failed(&mut self, why: &str, out: &mut Output) {
        self.worker = false;
        self.import_ran = Some("main-thread");
        out.worker = Some(WorkerOrder::Stop);
        self.rebuild(out);
        let note = self.lang().fill(Msg::NoWorker, &[&why]);
        out.status = Some(Status::info(note));
    }

    /// What the page's progress box shows of `p` (`Session::properties`' form).
    pub fn progress_properties(&self, p: Progress) -> Vec<(String, &'static str, Prop)> {
        let prop = |id: &str, name, value| (id.to_owned(), name, value);
        match p {
            Progress::Show | Progress::Hide => {
                let hidden = Prop::Flag(p == Progress::Hide);
                vec![prop("import-progress-box", "hidden", hidden)]
            }
            Progress::At {
                done,
                total,
                elapsed_s,
            } => {
                let (value, text) = progress_bar(done, total, elapsed_s, self.lang());
                vec![
                    prop("import-progress", "value", Prop::Text(value)),
                    prop("import-progress-text", "textContent", Prop::Text(text)),
                ]
            }
        }
    }

    /// The progress bar at `done` of `total` articles.
    fn progress(&self, done: usize, total: usize, started: f64) -> Progress {
        let elapsed = (self.host.now_ms() - started).max(0.0);
        Progress::At {
            done,
            total,
            elapsed_s: (elapsed / 1000.0) as u32,
        }
    }

    /// Continues a large extraction for about `budget_ms`; shows the graph when done.
    pub(super) fn step_job(&mut self, budget_ms: f64, out: &mut Output) {
        let t0 = self.host.now_ms();
        let Some(Job {
            total,
            started,
            step,
        }) = self.job.take()
        else {
            return;
        };
        let step = match step {
            Step::Here {
                mut queue,
                mut extractor,
            } => {
                while self.host.now_ms() - t0 < budget_ms {
                    let Some(d) = queue.pop_front() else { break };
                    extractor.add_cached(d, &mut self.mention_cache);
                }
                if queue.is_empty() {
                    self.mention_cache.sweep();
                    let (x, stats) = extractor.finish_with_stats();
                    return self.show_extracted(x, stats.capped_sentences, total, started, out);
                }
                out.progress = Some(self.progress(extractor.len(), total, started));
                Step::Here { queue, extractor }
            }
            Step::Reading { mut reader } => {
                // At least one step a frame, however small the budget.
                let read = loop {
                    let read = reader.step(READ_STEP);
                    if !matches!(read, Ok(false)) || self.host.now_ms() - t0 >= budget_ms {
                        break read;
                    }
                };
                match read {
                    Ok(false) => Step::Reading { reader },
                    Ok(true) => {
                        return match reader.finish() {
                            Ok((x, h)) => self.show_extracted(x, h.capped, total, started, out),
                            Err(e) => self.worker_failed(&e.to_string(), out),
                        }
                    }
                    Err(e) => return self.worker_failed(&e.to_string(), out),
                }
            }
            Step::Installing(i) => match self.install_steps(i, (total, started), budget_ms, out) {
                Some(i) => Step::Installing(i),
                None => return,
            },
            worker @ Step::Worker { .. } => worker,
        };
        self.job = Some(Job {
            total,
            started,
            step,
        });
    }

    /// Shows a finished extraction a step at a time from the next frame on (see [`install`]).
    ///
    /// [`install`]: super::install
    pub(super) fn show_extracted(
        &mut self,
        x: crate::model::Extraction,
        capped: usize,
        total: usize,
        started: f64,
        out: &mut Output,
    ) {
        // The bar is full while the graph is made.
        out.progress = Some(self.progress(total, total, started));
        self.job = Some(Job {
            total,
            started,
            step: Step::Installing(Box::new(Install {
                stage: Stage::Graph(x),
                capped,
            })),
        });
    }

    /// Stops a running extraction and drops the sources it was for; what was shown stays.
    pub(super) fn cancel_job(&mut self, out: &mut Output) {
        match self.job.take() {
            None => return,
            // The worker is stopped (a new one starts with the next import).
            Some(Job {
                step: Step::Worker { .. },
                ..
            }) => out.worker = Some(WorkerOrder::Stop),
            Some(_) => {}
        }
        out.progress = Some(Progress::Hide);
        if let Some(n) = self.sources_before_import.take() {
            self.library.sources.truncate(n);
            self.persist();
        }
        if self.library.sources.is_empty() {
            self.showing = Showing::Demo;
        }
        out.sources = true;
        out.status = Some(Status::info(self.lang().text(Msg::ImportCancelled)));
    }
}

#[cfg(test)]
mod tests;
