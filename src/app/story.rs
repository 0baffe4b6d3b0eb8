//! Story steps, for teaching: each step remembers a whole view (selection, filters, focus,
//! timeline, path — as its URL hash) with the camera and a caption; the class is walked
//! through them with the buttons or a presentation clicker's keys.
//!
//! The story lives in the URL hash beside the view (`…&story=STEP;STEP&step=2`), and so in
//! the saved work and in "Save as HTML". A step is `CAMERA!CAPTION!VIEW`: the camera as
//! `x,y,span` (the world point at the centre and the world distance across the viewport's
//! shorter side, so a step frames the same part of the graph on any screen), the caption
//! escaped like an entity key, and the step's view hash with `&` written `*` and `=` written
//! `'` (view hashes escape everything else they hold, so neither `!`, `;`, `*` nor `'` can
//! occur in a part).

use super::camera::Camera;
use crate::render::markup::xml_escape as esc;
use std::fmt::Write as _;

/// Where the camera looks in a step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shot {
    /// World x at the centre.
    pub x: f32,
    /// World y at the centre.
    pub y: f32,
    /// World distance across the viewport's shorter side.
    pub span: f32,
}

impl Shot {
    /// What a camera shows (rounded as the hash keeps it).
    pub fn of(c: &Camera) -> Shot {
        let round = |v: f32| (v * 10.0).round() / 10.0;
        Shot {
            x: round(c.cx),
            y: round(c.cy),
            span: round(c.width.min(c.height) / c.scale).max(0.1),
        }
    }

    /// A camera of `viewport`'s size showing this.
    pub fn camera(&self, viewport: &Camera) -> Camera {
        Camera {
            cx: self.x,
            cy: self.y,
            scale: viewport.width.min(viewport.height) / self.span,
            ..*viewport
        }
    }
}

/// One step: a view, where the camera looks, a caption.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The caption (may be empty).
    pub caption: String,
    /// The view, as its URL hash (`ViewState::to_hash`).
    pub view: String,
    /// The camera.
    pub shot: Shot,
}

/// The story: its steps and the one shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    steps: Vec<Step>,
    current: Option<usize>,
}

/// Up or down the list of steps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Towards step 1.
    Up,
    /// Towards the last step.
    Down,
}

/// Something done to the story.
#[derive(Clone, Debug, PartialEq)]
pub enum StoryCommand {
    /// Add a step of the current view with this caption.
    Add(String),
    /// Show step `n` (from 0).
    Go(usize),
    /// The next step (the first when none is shown).
    Next,
    /// The previous step.
    Previous,
    /// Move a step up or down.
    Move(usize, Move),
    /// Delete a step.
    Delete(usize),
    /// A step's new caption.
    Caption(usize, String),
}

/// What a story control asks for: `event` is the DOM event's type, `action` the `data-story`
/// of the element it reached, `step` its row's `data-step`, `new_caption` the text of the
/// `story-caption` box, `field` the value of the element (a row's caption input).
pub fn command_of(
    event: &str,
    action: &str,
    step: Option<&str>,
    new_caption: &str,
    field: &str,
) -> Option<StoryCommand> {
    let n = step.and_then(|s| s.parse::<usize>().ok());
    Some(match (event, action) {
        ("click", "add") => StoryCommand::Add(new_caption.trim().to_owned()),
        ("click", "go") => StoryCommand::Go(n?),
        ("click", "up") => StoryCommand::Move(n?, Move::Up),
        ("click", "down") => StoryCommand::Move(n?, Move::Down),
        ("click", "delete") => StoryCommand::Delete(n?),
        ("change", "caption") => StoryCommand::Caption(n?, field.trim().to_owned()),
        _ => return None,
    })
}

/// The story command of a key a presentation clicker sends (PageDown / PageUp), or of the
/// arrow keys and Space.
pub fn key_command(key: &str) -> Option<StoryCommand> {
    match key {
        "PageDown" | "ArrowRight" | " " => Some(StoryCommand::Next),
        "PageUp" | "ArrowLeft" => Some(StoryCommand::Previous),
        _ => None,
    }
}

/// Whether a key pressed in a text field still goes to the page: a clicker's keys do (they are
/// not text), the arrows and Space stay with the field.
pub fn clicker_key(key: &str) -> bool {
    matches!(key, "PageDown" | "PageUp")
}

/// A story in a hash that could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct StoryError {
    /// The step (from 1).
    pub step: usize,
    /// What is wrong with it.
    pub problem: crate::app::i18n::Msg,
}

impl StoryError {
    /// The message in a language.
    pub fn text(&self, lang: crate::app::i18n::Lang) -> String {
        use crate::app::i18n::Msg;
        lang.fill(
            Msg::StoryUnreadable,
            &[&self.step, &lang.text(self.problem)],
        )
    }
}

impl std::fmt::Display for StoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::app::i18n::Lang::En))
    }
}

impl std::error::Error for StoryError {}

impl Story {
    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The step shown (from 0).
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// Whether it has no steps.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The step shown.
    pub fn current_step(&self) -> Option<&Step> {
        self.steps.get(self.current?)
    }

    /// Adds a step at the end and makes it the current one; its number (from 0).
    pub fn add(&mut self, step: Step) -> usize {
        self.steps.push(step);
        let n = self.steps.len() - 1;
        self.current = Some(n);
        n
    }

    /// Makes step `n` the current one; the step, or `None` when there is no such step.
    pub fn go(&mut self, n: usize) -> Option<&Step> {
        let step = self.steps.get(n)?;
        self.current = Some(n);
        Some(step)
    }

    /// The number of the next step (the first when none is shown), or of the previous one;
    /// `None` at either end.
    pub fn neighbour(&self, forward: Move) -> Option<usize> {
        let n = match (forward, self.current) {
            (Move::Down, None) => 0,
            (Move::Down, Some(c)) => c + 1,
            (Move::Up, Some(c)) => c.checked_sub(1)?,
            (Move::Up, None) => return None,
        };
        (n < self.steps.len()).then_some(n)
    }

    /// Moves a step up or down (the current step stays the one shown); whether it moved.
    pub fn shift(&mut self, n: usize, way: Move) -> bool {
        let other = match way {
            Move::Up => n.checked_sub(1),
            Move::Down => Some(n + 1),
        };
        let Some(m) = other.filter(|&m| m < self.steps.len() && n < self.steps.len()) else {
            return false;
        };
        self.steps.swap(n, m);
        self.current = self.current.map(|c| match c {
            c if c == n => m,
            c if c == m => n,
            c => c,
        });
        true
    }

    /// Deletes a step; the step deleted.
    pub fn delete(&mut self, n: usize) -> Option<Step> {
        (n < self.steps.len()).then(|| {
            let step = self.steps.remove(n);
            self.current = match self.current {
                Some(c) if c == n => None,
                Some(c) if c > n => Some(c - 1),
                c => c,
            };
            step
        })
    }

    /// Sets a step's caption; whether there is such a step.
    pub fn set_caption(&mut self, n: usize, caption: String) -> bool {
        self.steps.get_mut(n).map(|s| s.caption = caption).is_some()
    }

    /// The story's hash parts (`story=…&step=N`, step from 1), empty for no steps.
    pub fn to_hash(&self) -> String {
        if self.steps.is_empty() {
            return String::new();
        }
        let mut h = String::from("story=");
        for (i, s) in self.steps.iter().enumerate() {
            if i > 0 {
                h.push(';');
            }
            let view = s.view.replace('&', "*").replace('=', "'");
            let (x, y, span) = (s.shot.x, s.shot.y, s.shot.span);
            let caption = percent_encode(&s.caption);
            let _ = write!(h, "{x},{y},{span}!{caption}!{view}");
        }
        if let Some(c) = self.current {
            let _ = write!(h, "&step={}", c + 1);
        }
        h
    }

    /// Reads the value of a hash's `story=` part and its `step=` (from 1; a step past the end
    /// shows none).
    pub fn from_hash(story: &str, step: Option<&str>) -> Result<Story, StoryError> {
        let mut steps = Vec::new();
        for (i, part) in story.split(';').filter(|p| !p.is_empty()).enumerate() {
            let err = |problem: crate::app::i18n::Msg| StoryError {
                step: i + 1,
                problem,
            };
            let mut fields = part.splitn(3, '!');
            let (Some(cam), Some(caption), Some(view)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(err(crate::app::i18n::Msg::StoryNeedsParts));
            };
            let nums: Vec<f32> = cam
                .split(',')
                .map(|n| n.parse::<f32>().ok().filter(|v| v.is_finite()))
                .collect::<Option<_>>()
                .ok_or_else(|| err(crate::app::i18n::Msg::StoryCameraNumbers))?;
            let [x, y, span] = nums[..] else {
                return Err(err(crate::app::i18n::Msg::StoryCameraNumbers));
            };
            if span <= 0.0 {
                return Err(err(crate::app::i18n::Msg::StoryCameraEmpty));
            }
            steps.push(Step {
                caption: crate::model::stable::percent_decode(caption),
                view: view.replace('*', "&").replace('\'', "="),
                shot: Shot { x, y, span },
            });
        }
        let current = step
            .and_then(|s| s.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .filter(|&n| n < steps.len());
        Ok(Story { steps, current })
    }

    /// The list of steps: a row per step with its number, its caption (editable), and buttons
    /// to show it, move it up or down and delete it; the current step is marked.
    pub fn rows_html(&self, lang: crate::app::i18n::Lang) -> String {
        use crate::app::i18n::Msg;
        let mut h = String::new();
        for (i, s) in self.steps.iter().enumerate() {
            let n = i + 1;
            let current = if self.current == Some(i) {
                " class=\"current\" aria-current=\"step\""
            } else {
                ""
            };
            let _ = write!(
                h,
                "<li data-testid=\"story-step\" data-step=\"{i}\"{current}>\
                 <button data-story=\"go\" title=\"{}\">{n}</button>\
                 <input data-story=\"caption\" data-testid=\"story-step-caption\" value=\"{}\" aria-label=\"{}\">\
                 <button data-story=\"up\" data-testid=\"story-up\" aria-label=\"{}\">↑</button>\
                 <button data-story=\"down\" data-testid=\"story-down\" aria-label=\"{}\">↓</button>\
                 <button data-story=\"delete\" data-testid=\"story-delete\" aria-label=\"{}\">✕</button></li>",
                lang.fill(Msg::ShowStep, &[&n]),
                esc(&s.caption),
                lang.fill(Msg::CaptionOfStep, &[&n]),
                lang.fill(Msg::MoveStepUp, &[&n]),
                lang.fill(Msg::MoveStepDown, &[&n]),
                lang.fill(Msg::DeleteStep, &[&n]),
            );
        }
        h
    }
}

/// Takes a hash's story parts out: the hash without them, the `story=` value and the `step=`
/// value.
pub fn split_hash(hash: &str) -> (String, Option<&str>, Option<&str>) {
    let (mut story, mut step) = (None, None);
    let rest: Vec<&str> = hash
        .trim_start_matches('#')
        .split('&')
        .filter(|p| match p.split_once('=') {
            Some(("story", v)) => {
                story = Some(v);
                false
            }
            Some(("step", v)) => {
                step = Some(v);
                false
            }
            _ => true,
        })
        .collect();
    (rest.join("&"), story, step)
}

/// Joins a view's hash and a story's.
pub fn join_hash(view: &str, story: &str) -> String {
    match (view.is_empty(), story.is_empty()) {
        (_, true) => view.to_owned(),
        (true, false) => story.to_owned(),
        (false, false) => format!("{view}&{story}"),
    }
}

/// Escapes all but ASCII letters, digits and `-_.` as UTF-8 `%XX`, so a caption cannot end a
/// step or a hash part.
fn percent_encode(s: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(caption: &str, view: &str) -> Step {
        Step {
            caption: caption.into(),
            view: view.into(),
            shot: Shot {
                x: 1.5,
                y: -20.0,
                span: 300.0,
            },
        }
    }

    fn three() -> Story {
        let mut s = Story::default();
        s.add(step(
            "怀柔区 and its towns",
            "sel=place:%E6%80%80&kinds=place,person",
        ));
        s.add(step(
            "",
            "focus=place:%E6%80%80:2&date=2024-01-02&path=person:a,place:b~2",
        ));
        s.add(step("Why? A & B = 100%; !*'", ""));
        s
    }

    #[test]
    fn add_go_move_delete_and_caption() {
        let mut s = three();
        assert_eq!(s.current(), Some(2));
        assert_eq!(s.neighbour(Move::Down), None);
        assert_eq!(s.neighbour(Move::Up), Some(1));
        assert_eq!(
            s.go(0).map(|s| s.caption.as_str()),
            Some("怀柔区 and its towns")
        );
        assert!(s.go(7).is_none() && s.current() == Some(0));
        // Moving the current step keeps it current.
        assert!(s.shift(0, Move::Down));
        assert_eq!(s.current(), Some(1));
        assert_eq!(s.steps()[0].caption, "");
        assert!(!s.shift(0, Move::Up) && !s.shift(2, Move::Down) && !s.shift(9, Move::Up));
        assert!(s.set_caption(0, "Focus".into()) && !s.set_caption(5, "x".into()));
        // Deleting before the current step shifts it; deleting it shows none.
        assert_eq!(s.delete(0).map(|s| s.caption), Some("Focus".into()));
        assert_eq!(s.current(), Some(0));
        s.delete(0);
        assert_eq!(s.current(), None);
        assert_eq!(s.neighbour(Move::Down), Some(0));
        assert!(s.delete(4).is_none());
    }

    #[test]
    fn round_trip_through_the_hash() {
        let mut s = three();
        s.go(1);
        let h = s.to_hash();
        assert!(h.ends_with("&step=2") && h.matches('&').count() == 1, "{h}");
        let full = format!("#sel=e1&{h}");
        let (rest, story, step) = split_hash(&full);
        assert_eq!(rest, "sel=e1");
        assert_eq!(Story::from_hash(story.unwrap(), step), Ok(s.clone()));
        assert_eq!(join_hash("sel=e1", &h), format!("sel=e1&{h}"));
        assert_eq!(join_hash("", &h), h);
        assert_eq!(join_hash("sel=e1", ""), "sel=e1");
        assert_eq!(Story::default().to_hash(), "");
        // A step past the end shows none; the steps are kept.
        let back = Story::from_hash(story.unwrap(), Some("9")).unwrap();
        assert_eq!((back.current(), back.steps().len()), (None, 3));
    }

    #[test]
    fn bad_stories_say_which_step() {
        for (bad, problem) in [
            ("1,2,3!a!v;zzz", "step 2: it needs"),
            ("1,2!a!v", "step 1: its camera"),
            ("1,x,3!a!v", "step 1: its camera"),
            ("1,2,0!a!v", "shows nothing"),
            ("1,NaN,3!a!v", "step 1: its camera"),
        ] {
            let e = Story::from_hash(bad, None).unwrap_err().to_string();
            assert!(e.contains(problem), "{bad}: {e}");
        }
        let e = Story::from_hash("1,2!a!v", None).unwrap_err();
        assert_eq!(
            e.text(crate::app::i18n::Lang::Zh),
            "链接中的故事无法读取（第 1 步：镜头不是三个数字）；故事保持原样"
        );
    }

    #[test]
    fn controls_and_keys() {
        assert_eq!(
            command_of("click", "add", None, " 第一步 ", ""),
            Some(StoryCommand::Add("第一步".into()))
        );
        assert_eq!(
            command_of("click", "up", Some("2"), "", ""),
            Some(StoryCommand::Move(2, Move::Up))
        );
        assert_eq!(
            command_of("change", "caption", Some("0"), "", "new"),
            Some(StoryCommand::Caption(0, "new".into()))
        );
        assert_eq!(command_of("click", "caption", Some("0"), "", "x"), None);
        assert_eq!(command_of("click", "delete", Some("x"), "", ""), None);
        assert_eq!(key_command("PageDown"), Some(StoryCommand::Next));
        assert_eq!(key_command("ArrowLeft"), Some(StoryCommand::Previous));
        assert!(clicker_key("PageUp") && !clicker_key(" "));
        let html = three().rows_html(crate::app::i18n::Lang::En);
        assert_eq!(html.matches("data-testid=\"story-step\"").count(), 3);
        assert!(html.contains("A &amp; B") && html.contains("aria-current"));
    }

    #[test]
    fn shots_frame_the_same_part_on_any_screen() {
        let c = Camera {
            cx: 10.04,
            cy: 5.0,
            scale: 2.0,
            width: 800.0,
            height: 600.0,
        };
        let shot = Shot::of(&c);
        assert_eq!(
            shot,
            Shot {
                x: 10.0,
                y: 5.0,
                span: 300.0
            }
        );
        let projector = Camera {
            width: 1024.0,
            height: 768.0,
            ..Camera::default()
        };
        let c2 = shot.camera(&projector);
        assert_eq!((c2.cx, c2.scale, c2.width), (10.0, 768.0 / 300.0, 1024.0));
    }
}
