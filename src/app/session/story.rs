//! The session's timeline (the slider, playing it) and story (steps added, shown, moved,
//! deleted, captioned; the clicker's keys), the URL hash that holds both beside the view, and
//! what their controls show ([`Session::properties`]).

use super::{Command, Output, Prop, Session, Status};
use crate::app::i18n::Msg;
use crate::app::story::{join_hash, Move, Shot, Step, Story, StoryCommand, StoryError};
use crate::app::timeline::{self, PLAY_STEP_MS};
use crate::app::view::ViewState;

impl Session {
    /// The URL hash: the view's, then the story's.
    pub fn hash(&self) -> String {
        join_hash(&self.explorer.view_hash(), &self.story.to_hash())
    }

    /// The story.
    pub fn story(&self) -> &Story {
        &self.story
    }

    /// Whether the timeline is playing.
    pub fn is_playing(&self) -> bool {
        self.playing.is_some()
    }

    /// The hash "Save as HTML" writes: with a story, its first step's view and the story on
    /// step 1 (the class opens the file on step 1); otherwise the hash.
    pub(super) fn page_hash(&self) -> String {
        let Some(first) = self.story.steps().first() else {
            return self.hash();
        };
        let mut story = self.story.clone();
        story.go(0);
        join_hash(&first.view, &story.to_hash())
    }

    /// Takes the story of a hash's `story=` and `step=` values: a story replaces the one kept;
    /// a hash without one keeps it; one that cannot be read changes nothing.
    pub(super) fn take_story(
        &mut self,
        story: Option<&str>,
        step: Option<&str>,
    ) -> Result<(), StoryError> {
        if let Some(story) = story {
            self.story = Story::from_hash(story, step)?;
        }
        Ok(())
    }

    /// At start-up: when the view shown is the current step's, its camera too.
    pub(super) fn frame_current_step(&mut self) {
        let Some(step) = self.story.current_step() else {
            return;
        };
        let (mut view, _) = ViewState::from_hash(&step.view, &self.explorer.x);
        view.presentation = self.explorer.view().presentation;
        if &view == self.explorer.view() {
            let to = step.shot.camera(&self.explorer.camera);
            self.explorer.glide_to(to);
            self.explorer.animate(timeline::GLIDE_MS);
        }
    }

    pub(super) fn timeline_command(&mut self, c: Command, out: &mut Output) {
        let dates = self.explorer.dates().to_vec();
        match c {
            Command::Timeline(stop) => {
                self.playing = None;
                let until = timeline::until_at(&dates, stop);
                self.update_view(out, |v| v.filters.until = until);
            }
            Command::TimelinePlay if self.playing.is_some() => {
                self.playing = None;
                out.controls = true;
            }
            Command::TimelinePlay if dates.len() < 2 => {
                out.status = Some(Status::info(self.lang().text(Msg::TimelineNeedsDates)));
            }
            Command::TimelinePlay => {
                // From the start when at the end; otherwise on from where it is.
                if self.explorer.view().filters.until.is_none() {
                    let first = dates.first().cloned();
                    self.update_view(out, |v| v.filters.until = first);
                }
                self.playing = Some(self.host.now_ms() + PLAY_STEP_MS);
                out.controls = true;
            }
            _ => {}
        }
    }

    /// The timeline's next stop when it is time; playing stops at the last.
    pub(super) fn play(&mut self, now: f64, out: &mut Output) {
        if self.playing.is_none_or(|t| now < t) {
            return;
        }
        let dates = self.explorer.dates();
        let at = timeline::position(dates, self.explorer.view().filters.until.as_deref());
        let until = timeline::until_at(dates, at + 1);
        self.playing = until.is_some().then_some(now + PLAY_STEP_MS);
        self.update_view(out, |v| v.filters.until = until);
    }

    pub(super) fn story_command(&mut self, c: StoryCommand, out: &mut Output) {
        let n = self.story.steps().len();
        match c {
            StoryCommand::Add(caption) => {
                let mut view = self.explorer.view().clone();
                view.presentation = false;
                let at = self.story.add(Step {
                    caption,
                    view: view.to_hash(&self.explorer.x),
                    shot: Shot::of(&self.explorer.camera),
                });
                out.status = Some(Status::info(self.lang().fill(Msg::AddedStep, &[&(at + 1)])));
            }
            StoryCommand::Go(i) => return self.show_step(i, out),
            StoryCommand::Next | StoryCommand::Previous => {
                let way = if c == StoryCommand::Next {
                    Move::Down
                } else {
                    Move::Up
                };
                match self.story.neighbour(way) {
                    Some(i) => self.show_step(i, out),
                    None if n == 0 => {
                        out.status = Some(Status::info(self.lang().text(Msg::NoStoryYet)))
                    }
                    None => {
                        out.status = Some(Status::info(self.lang().text(if way == Move::Down {
                            Msg::LastStep
                        } else {
                            Msg::FirstStep
                        })))
                    }
                }
                return;
            }
            StoryCommand::Move(i, way) => {
                self.story.shift(i, way);
            }
            StoryCommand::Delete(i) => {
                if self.story.delete(i).is_some() {
                    out.status = Some(Status::info(
                        self.lang().fill(Msg::DeletedStep, &[&(i + 1)]),
                    ));
                }
            }
            StoryCommand::Caption(i, text) => {
                self.story.set_caption(i, text);
            }
        }
        out.view = true;
        self.persist();
    }

    /// Shows step `i`: its view (presentation mode stays as it is) and, gliding, its camera.
    fn show_step(&mut self, i: usize, out: &mut Output) {
        let Some(step) = self.story.go(i).cloned() else {
            return;
        };
        let (mut view, parsed) = ViewState::from_hash(&step.view, &self.explorer.x);
        view.presentation = self.explorer.view().presentation;
        self.playing = None;
        self.set_view(view, out);
        let to = step.shot.camera(&self.explorer.camera);
        self.explorer.glide_to(to);
        out.view = true;
        let n = self.story.steps().len();
        let lang = self.lang();
        out.status = Some(match parsed {
            Err(e) => {
                Status::error(lang.fill(Msg::StepError, &[&(i + 1), &n, &self.hash_error(&e)]))
            }
            Ok(()) if step.caption.is_empty() => {
                Status::info(lang.fill(Msg::StepStatus, &[&(i + 1), &n]))
            }
            Ok(()) => Status::info(lang.fill(Msg::StepCaption, &[&(i + 1), &n, &step.caption])),
        });
    }

    /// What the controls and the panels made of markup show, as element properties by element
    /// id, set in this order: the check boxes, inputs and menus of the view
    /// ([`Explorer::control_state`](crate::app::Explorer::control_state)); the relation
    /// legend, the path panel and the community legend (hidden when empty); the timeline (hidden without dates), its date
    /// and play button; the list of steps, where the story is, and the caption shown large in
    /// presentation mode.
    pub fn properties(&self) -> Vec<(String, &'static str, Prop)> {
        let ex = &self.explorer;
        let c = ex.control_state();
        let mut props: Vec<(String, &'static str, Prop)> = c
            .checked
            .into_iter()
            .map(|(id, on)| (id, "checked", Prop::Flag(on)))
            .chain(
                c.values
                    .into_iter()
                    .map(|(id, v)| (id.to_owned(), "value", Prop::Text(v))),
            )
            .chain(
                c.pressed
                    .into_iter()
                    .map(|(id, on)| (id.to_owned(), "ariaPressed", Prop::Text(on.to_string()))),
            )
            .collect();
        let dates = ex.dates();
        let until = ex.view().filters.until.as_deref();
        let s = &self.story;
        let caption = s.current_step().map(|c| c.caption.clone());
        let lang = ex.lang();
        let position = match (s.current(), s.steps().len()) {
            (_, 0) => lang.text(Msg::NoSteps).to_owned(),
            (Some(c), n) => lang.fill(Msg::StepOf, &[&(c + 1), &n]),
            (None, n) => lang.count(n, Msg::NSteps),
        };
        let path = ex.path_html().unwrap_or_default();
        let legend = ex.legend_html();
        let relations = ex.relation_legend_html();
        let text = |t: String| Prop::Text(t);
        let static_props = [
            ("article-count", "textContent", text(self.article_count())),
            (
                "relation-legend",
                "hidden",
                Prop::Flag(relations.is_empty()),
            ),
            ("relation-legend", "innerHTML", text(relations)),
            ("path-panel", "hidden", Prop::Flag(path.is_empty())),
            ("path-panel", "innerHTML", text(path)),
            ("community-legend", "hidden", Prop::Flag(legend.is_empty())),
            ("community-legend", "innerHTML", text(legend)),
            ("timeline-box", "hidden", Prop::Flag(dates.is_empty())),
            (
                "timeline",
                "max",
                text(dates.len().saturating_sub(1).to_string()),
            ),
            (
                "timeline",
                "value",
                text(timeline::position(dates, until).to_string()),
            ),
            (
                "timeline-date",
                "textContent",
                text(timeline::label(dates, until, lang)),
            ),
            (
                "timeline-play",
                "textContent",
                text(
                    lang.text(if self.is_playing() {
                        Msg::Pause
                    } else {
                        Msg::Play
                    })
                    .to_owned(),
                ),
            ),
            ("story-steps", "innerHTML", text(s.rows_html(lang))),
            ("story-position", "textContent", text(position)),
            ("lang", "value", text(lang.as_str().to_owned())),
            (
                "story-overlay",
                "hidden",
                Prop::Flag(caption.as_deref().is_none_or(str::is_empty)),
            ),
            (
                "story-overlay",
                "textContent",
                text(caption.unwrap_or_default()),
            ),
            (
                "story-prev",
                "disabled",
                Prop::Flag(s.neighbour(Move::Up).is_none()),
            ),
            (
                "story-next",
                "disabled",
                Prop::Flag(s.neighbour(Move::Down).is_none()),
            ),
        ];
        props.extend(
            static_props
                .into_iter()
                .map(|(id, name, v)| (id.to_owned(), name, v)),
        );
        props.extend(crate::app::screen::properties(&self.panels, ex));
        props.extend(self.curation_properties());
        props
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{
        cmd, fixture, saved_work, selected_entity, session, session_with, status, unopened, Tick,
    };
    use super::super::{Event, MemoryStorage, Session, STORAGE_KEY};
    use super::*;
    use crate::app::Explorer;
    use crate::model::EntityId;
    use std::rc::Rc;

    fn story(c: StoryCommand) -> Command {
        Command::Story(c)
    }

    fn dated() -> Explorer {
        let mut x = fixture();
        x.articles[0].date = Some("2024-01-02".into());
        x.articles[1].date = Some("2024-02-03".into());
        Explorer::new(x)
    }

    #[test]
    fn steps_remember_the_view_and_camera_and_come_back_from_the_hash_and_saved_work() {
        let mut s = session();
        cmd(&mut s, Command::SelectEntity(EntityId(1)));
        cmd(&mut s, Command::Focus(crate::app::view::Depth::One));
        let out = cmd(
            &mut s,
            story(StoryCommand::Add("乙县 & its neighbours".into())),
        );
        assert!(out.view && status(&out).0.starts_with("Added step 1"));
        let shot1 = Shot::of(&s.explorer().camera);
        cmd(&mut s, Command::Reset);
        cmd(&mut s, Command::FindPath("丙局".into(), "甲市".into()));
        s.handle(Event::Wheel {
            x: 10.0,
            y: 10.0,
            delta_y: -300.0,
            unit: super::super::WheelUnit::Pixel,
        });
        cmd(&mut s, story(StoryCommand::Add(String::new())));
        assert_eq!(s.story().steps().len(), 2);
        // Step 1 again: its view, and the camera glides to where it was.
        let out = cmd(&mut s, story(StoryCommand::Previous));
        assert_eq!(status(&out), ("Step 1 of 2: 乙县 & its neighbours", false));
        assert_eq!(selected_entity(&s), Some(1));
        assert!(s.explorer().view().focus.is_some() && s.explorer().view().path.is_none());
        s.explorer_mut().animate(timeline::GLIDE_MS);
        assert_eq!(Shot::of(&s.explorer().camera), shot1);
        // The hash holds the story; a fresh page opened on it shows step 1 and its camera.
        let hash = s.hash();
        assert!(
            hash.contains("story=") && hash.ends_with("&step=1"),
            "{hash}"
        );
        let mut t = session();
        t.show_view(&format!("#{hash}"), None);
        assert_eq!(t.story(), s.story());
        assert_eq!(t.explorer().view(), s.explorer().view());
        assert_eq!(Shot::of(&t.explorer().camera), shot1);
        // Saved work holds it too (stored as the story changes).
        let saved = s.storage().get(STORAGE_KEY).expect("saved work");
        let mut u = session_with(saved_work(&saved));
        u.show_view("", None);
        assert_eq!(u.story().steps(), s.story().steps());
        // A link without a story keeps the saved one.
        let mut w = unopened(Rc::default(), saved_work(&saved));
        let (_, saved_view) = w.open(None);
        w.show_view("#sel=e3", saved_view);
        assert_eq!(w.story().steps(), s.story().steps());
        assert_eq!(selected_entity(&w), Some(3));
    }

    #[test]
    fn save_as_html_opens_on_step_1() {
        let mut s = session();
        cmd(&mut s, Command::SelectEntity(EntityId(2)));
        cmd(&mut s, story(StoryCommand::Add("first".into())));
        cmd(&mut s, Command::SelectEntity(EntityId(3)));
        cmd(&mut s, story(StoryCommand::Add("second".into())));
        let out = cmd(
            &mut s,
            Command::Export(super::super::ExportFormat::Html, super::super::Scope::All),
        );
        let [super::super::Download::Page { saved }] = &out.downloads[..] else {
            panic!("a page");
        };
        let (_, view) = crate::io::library::load(saved).unwrap();
        assert!(
            view.ends_with("&step=1") && view.starts_with("sel=organisation:"),
            "{view}"
        );
        let mut t = unopened(Rc::default(), MemoryStorage::default());
        let (_, saved_view) = t.open(Some(saved));
        t.show_view("", saved_view);
        assert_eq!(t.story().current(), Some(0));
        assert_eq!(selected_entity(&t), Some(2));
    }

    #[test]
    fn reorder_edit_delete_keys_and_bad_hashes() {
        let mut s = session();
        for c in ["a", "b", "c"] {
            cmd(&mut s, story(StoryCommand::Add(c.into())));
        }
        cmd(&mut s, story(StoryCommand::Move(2, Move::Up)));
        cmd(&mut s, story(StoryCommand::Caption(0, "A".into())));
        let captions = |s: &Session| -> Vec<String> {
            s.story()
                .steps()
                .iter()
                .map(|t| t.caption.clone())
                .collect()
        };
        assert_eq!(captions(&s), ["A", "c", "b"]);
        cmd(&mut s, story(StoryCommand::Delete(1)));
        assert_eq!(captions(&s), ["A", "b"]);
        // The clicker's keys step through; at the end it says so.
        assert_eq!(s.story().current(), None, "the current step was deleted");
        let out = s.handle(Event::Key("PageDown".into()));
        assert!(out.prevent_default && status(&out).0.starts_with("Step 1 of 2: A"));
        let out = s.handle(Event::Key(" ".into()));
        assert!(status(&out).0.starts_with("Step 2 of 2"));
        let out = s.handle(Event::Key("ArrowRight".into()));
        assert_eq!(status(&out).0, "That was the last step.");
        let out = s.handle(Event::Key("PageUp".into()));
        assert!(status(&out).0.starts_with("Step 1 of 2"));
        s.handle(Event::Key("PageDown".into()));
        let props = s.properties();
        let prop = |id, name| {
            props
                .iter()
                .find(|p| (p.0.as_str(), p.1) == (id, name))
                .map(|p| p.2.clone())
        };
        assert_eq!(prop("story-next", "disabled"), Some(Prop::Flag(true)));
        assert_eq!(
            prop("story-overlay", "textContent"),
            Some(Prop::Text("b".into()))
        );
        assert_eq!(prop("timeline-box", "hidden"), Some(Prop::Flag(true)));
        // A broken story in a link: said, and the story kept.
        let before = s.story().clone();
        let out = s.handle(Event::HashChanged("#sel=e1&story=1,2!x".into()));
        let (text, error) = status(&out);
        assert!(error && text.contains("story could not be read"), "{text}");
        assert_eq!(s.story(), &before);
        assert_eq!(selected_entity(&s), Some(1));
        // Without a story, keys do nothing.
        let mut t = session();
        assert!(!t.handle(Event::Key("PageDown".into())).prevent_default);
    }

    #[test]
    fn the_timeline_moves_and_plays_through_the_dates() {
        let clock = Rc::new(std::cell::Cell::new(0.0));
        let mut s = Session::new(
            Box::new(Tick(clock.clone())),
            Box::new(MemoryStorage::default()),
            dated,
        );
        s.open(None);
        s.show_view("", None);
        assert_eq!(s.explorer().dates(), ["2024-01-02", "2024-02-03"]);
        // 丙局 is named only on 2024-02-03.
        cmd(&mut s, Command::Timeline(0));
        assert!(!s.explorer().is_visible(EntityId(2)));
        assert_eq!(s.hash(), "date=2024-01-02");
        cmd(&mut s, Command::Timeline(1));
        assert!(s.explorer().is_visible(EntityId(2)) && s.hash().is_empty());
        // Playing starts over from the first date, steps on a timer and stops at the last.
        cmd(&mut s, Command::TimelinePlay);
        assert!(s.is_playing());
        assert_eq!(
            s.explorer().view().filters.until.as_deref(),
            Some("2024-01-02")
        );
        s.frame(1.0);
        assert!(s.explorer().view().filters.until.is_some(), "not yet");
        clock.set(clock.get() + PLAY_STEP_MS);
        let out = s.frame(1.0);
        assert!(out.view && s.explorer().view().filters.until.is_none());
        assert!(!s.is_playing());
        assert!(
            s.explorer().growth(EntityId(2)) < 1.0,
            "the new node grows in"
        );
        // Pause.
        cmd(&mut s, Command::TimelinePlay);
        cmd(&mut s, Command::TimelinePlay);
        assert!(!s.is_playing());
        let props = s.properties();
        let has = |id: &str, name, v: Prop| props.contains(&(id.to_owned(), name, v));
        assert!(has("timeline-box", "hidden", Prop::Flag(false)));
        assert!(has("timeline", "max", Prop::Text("1".into())));
        assert!(has("co-occurs", "checked", Prop::Flag(true)));
        assert!(has("path-panel", "hidden", Prop::Flag(true)));
    }
}
