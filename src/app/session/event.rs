//! The session's vocabulary: the [`Event`]s and [`Command`]s the front end sends, the
//! [`Output`] it applies, and the pure rules of input (key map, wheel and pinch zoom).

use crate::app::gesture::PointerKind;
use crate::app::panels::SortKey;
use crate::app::screen::Panel;
pub use crate::app::screen::Prop;
use crate::app::story::StoryCommand;
use crate::app::view::{ColourBy, Depth, SizeBy};
use crate::model::{ArticleId, EntityId, EntityKind, RelationId, RelationKind};
use std::collections::BTreeSet;

/// How a wheel event counts its delta (`WheelEvent.deltaMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WheelUnit {
    /// Pixels.
    Pixel,
    /// Lines.
    Line,
    /// Pages.
    Page,
}

/// The zoom factor of one wheel event: exponential in the distance scrolled, so a scroll and
/// the same scroll back return to the same zoom.
pub fn wheel_factor(delta_y: f64, unit: WheelUnit) -> f32 {
    let px = match unit {
        WheelUnit::Pixel => 1.0,
        WheelUnit::Line => 16.0,
        WheelUnit::Page => 400.0,
    };
    (-delta_y * px * 0.0015).exp() as f32
}

impl Event {
    /// A wheel turned over the canvas at `(x, y)`, by `delta_y` in `WheelEvent.deltaMode`'s
    /// unit ([`WheelUnit::of_delta_mode`]).
    pub fn wheel(x: f32, y: f32, delta_y: f64, delta_mode: u32) -> Event {
        let unit = WheelUnit::of_delta_mode(delta_mode);
        Event::Wheel {
            x,
            y,
            delta_y,
            unit,
        }
    }
}

impl WheelUnit {
    /// The unit of `WheelEvent.deltaMode` (0 pixels, 1 lines, 2 pages; pixels when unknown).
    pub fn of_delta_mode(mode: u32) -> WheelUnit {
        match mode {
            1 => WheelUnit::Line,
            2 => WheelUnit::Page,
            _ => WheelUnit::Pixel,
        }
    }
}

/// The canvas's pointer events by DOM name, each made into an [`Event`] by [`Event::pointer`].
pub const POINTER_EVENTS: [&str; 4] = ["pointerdown", "pointermove", "pointerup", "pointercancel"];

/// The buttons that send a fixed command, by element id ([`Command::of_button`]).
pub const BUTTONS: [&str; 19] = [
    "fit",
    "focus-1",
    "focus-2",
    "reset",
    "present",
    "all-articles",
    "import-cancel",
    "demo",
    "my-sources",
    "path-clear",
    "timeline-play",
    "story-next",
    "story-prev",
    "panel-left",
    "panel-right",
    "panel-left-close",
    "panel-right-close",
    "caption-line",
    "lod-show-all",
];

/// The keyboard shortcut of a key pressed outside text fields without Ctrl, Meta or Alt.
pub fn shortcut(key: &str) -> Option<Command> {
    Some(match key {
        "f" | "F" => Command::Fit,
        "p" | "P" => Command::TogglePresentation,
        "1" => Command::Focus(Depth::One),
        "2" => Command::Focus(Depth::Two),
        "Escape" => Command::Reset,
        "/" => Command::FocusSearch,
        "[" => Command::TogglePanel(Panel::Filters),
        "]" => Command::TogglePanel(Panel::Details),
        "+" | "=" => Command::Zoom(1.25),
        "-" => Command::Zoom(0.8),
        _ => return None,
    })
}

/// What a key does in the entity table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKey {
    /// Select the row, or sort by the header.
    Activate,
    /// Move to the next row.
    Next,
    /// Move to the previous row.
    Previous,
}

/// The entity table's keys (the browser moves the focus; the session is told what is chosen).
pub fn list_key(key: &str) -> Option<ListKey> {
    match key {
        "Enter" | " " => Some(ListKey::Activate),
        "ArrowDown" => Some(ListKey::Next),
        "ArrowUp" => Some(ListKey::Previous),
        _ => None,
    }
}

/// A threshold the user types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// Minimum mentions of an entity.
    Mentions,
    /// Minimum weight of a relation.
    Weight,
}

/// An export the user can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// GEXF.
    Gexf,
    /// GraphML.
    Graphml,
    /// The `extract` JSON.
    Json,
    /// Node and edge tables.
    Csv,
    /// The view as SVG.
    Svg,
    /// The view as PNG (drawn by the front end).
    Png,
    /// The page with the user's work saved into it.
    Html,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 7] = [
        ExportFormat::Gexf,
        ExportFormat::Graphml,
        ExportFormat::Json,
        ExportFormat::Csv,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Html,
    ];

    /// The menu's name (`data-export`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Gexf => "gexf",
            ExportFormat::Graphml => "graphml",
            ExportFormat::Json => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Html => "html",
        }
    }

    /// Parses a menu name.
    pub fn parse(s: &str) -> Option<ExportFormat> {
        ExportFormat::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Whether an export holds everything or what the view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole graph.
    All,
    /// Only the visible entities and relations.
    View,
}

/// A file the user read into the page: its name and bytes, or why it could not be read.
pub type ReadFile = (String, Result<Vec<u8>, String>);

/// Something the user asked for, by button, menu, form control or key.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Frame the graph (and keep it framed while the layout moves).
    Fit,
    /// The default view (presentation mode stays).
    Reset,
    /// Focus on the selected entity's neighbourhood, or leave that focus.
    Focus(Depth),
    /// Presentation mode on or off.
    TogglePresentation,
    /// Every entity in full on a large graph, or only the most important again (`app::lod`).
    ToggleShowAll,
    /// Zoom around the centre of the view.
    Zoom(f32),
    /// Put the keyboard in the search box.
    FocusSearch,
    /// Show or hide a kind.
    ShowKind(EntityKind, bool),
    /// Show only these articles (none or all chosen: every article).
    Articles(BTreeSet<ArticleId>),
    /// Show every article.
    AllArticles,
    /// The article search's text changed: list only the articles it matches.
    ArticleSearch(String),
    /// A threshold as typed.
    Threshold(Threshold, String),
    /// Show co-occurrence edges.
    CoOccurrence(bool),
    /// Show or hide the edges of one kind of relation (the relation legend).
    ShowRelation(RelationKind, bool),
    /// The search box's text changed.
    Search(String),
    /// Move the highlighted suggestion by this many rows (wrapping).
    MoveSuggestion(i32),
    /// Enter in the search box: select the highlighted (or best) match for this text.
    ChooseSuggestion(String),
    /// Close the suggestions.
    HideSuggestions,
    /// A suggestion clicked, by its entity's stable id (`data-entity-id`).
    PickSuggestion(String),
    /// Select an entity from a list, a panel or a mark: it is shown even if filters hid it.
    SelectEntity(EntityId),
    /// Select an entity the page names by its stable id (`data-entity-id`), as
    /// [`Command::SelectEntity`]; an id the graph does not have does nothing.
    SelectNamed(String),
    /// Select a relation (its evidence).
    SelectRelation(RelationId),
    /// Open an article in the reader.
    SelectArticle(ArticleId),
    /// Sort the entity table by a column; the same column again reverses.
    SortBy(SortKey),
    /// Files are being read.
    ReadingFiles(usize),
    /// Files were read: add them to the library.
    Import(Vec<ReadFile>),
    /// Pasted text to add.
    Paste(String),
    /// Remove a source by its position.
    RemoveSource(usize),
    /// Stop a running extraction.
    CancelImport,
    /// The worker extracted this many articles of import `seq`.
    WorkerProgress {
        /// The import ([`crate::io::offload::Request::seq`]).
        seq: u32,
        /// Articles done.
        done: usize,
    },
    /// The worker's result for import `seq` ([`crate::io::offload::Reader`] reads it).
    WorkerResult {
        /// The import.
        seq: u32,
        /// The result.
        bytes: Vec<u8>,
    },
    /// The worker could not run import `seq` (or could not start): extract here instead.
    WorkerFailed {
        /// The import.
        seq: u32,
        /// Why, as the browser says.
        why: String,
    },
    /// Show the embedded demo page.
    ShowDemo,
    /// Show the user's sources.
    ShowLibrary,
    /// Export.
    Export(ExportFormat, Scope),
    /// Find the path between the best matches of two texts (from, to), as the search box
    /// matches them.
    FindPath(String, String),
    /// A path input's text changed: offer the entities it matches.
    PathText(String),
    /// Stop showing the path.
    ClearPath,
    /// Colour nodes by kind or community.
    ColourBy(ColourBy),
    /// Size nodes by mentions, importance or degree.
    SizeBy(SizeBy),
    /// Show or hide a community (by its number in the legend).
    ShowCommunity(u32, bool),
    /// The timeline slider moved to this stop (see `app::timeline`).
    Timeline(usize),
    /// Play the timeline, or pause it.
    TimelinePlay,
    /// Add, show, move, delete or caption a story step.
    Story(StoryCommand),
    /// Open a closed side panel, close an open one.
    TogglePanel(Panel),
    /// Open (`true`) or close a side panel.
    ShowPanel(Panel, bool),
    /// Tap-to-toggle in the article list (no Ctrl needed): add an article to those shown, or
    /// take it away; none left shows every article.
    ToggleArticle(ArticleId),
    /// Correct the selected entity by hand, or undo a correction.
    Curate(super::Curate),
    /// Show the interface in another language (and remember it).
    Language(crate::app::i18n::Lang),
}

impl Command {
    /// The command of a button in [`BUTTONS`], by element id.
    pub fn of_button(id: &str) -> Option<Command> {
        Some(match id {
            "fit" => Command::Fit,
            "focus-1" => Command::Focus(Depth::One),
            "focus-2" => Command::Focus(Depth::Two),
            "reset" => Command::Reset,
            "present" => Command::TogglePresentation,
            "lod-show-all" => Command::ToggleShowAll,
            "all-articles" => Command::AllArticles,
            "import-cancel" => Command::CancelImport,
            "demo" => Command::ShowDemo,
            "my-sources" => Command::ShowLibrary,
            "path-clear" => Command::ClearPath,
            "timeline-play" => Command::TimelinePlay,
            "story-next" => Command::Story(StoryCommand::Next),
            "story-prev" => Command::Story(StoryCommand::Previous),
            "panel-left" => Command::TogglePanel(Panel::Filters),
            "panel-right" => Command::TogglePanel(Panel::Details),
            "caption-line" => Command::ShowPanel(Panel::Details, true),
            id => Command::ShowPanel(Panel::of_button(id)?, false),
        })
    }

    /// A click in a panel, from the `data-relation`, `data-article` and `data-entity-id` of the
    /// nearest marked element: a relation's evidence first, then an article, then an entity.
    pub fn of_panel_click(
        relation: Option<&str>,
        article: Option<&str>,
        entity: Option<&str>,
    ) -> Option<Command> {
        if let Some(r) = relation.and_then(RelationId::parse) {
            Some(Command::SelectRelation(r))
        } else if let Some(a) = article.and_then(ArticleId::parse) {
            Some(Command::SelectArticle(a))
        } else {
            entity.map(|e| Command::SelectNamed(e.to_owned()))
        }
    }

    /// The timeline slider's value (its stop).
    pub fn of_timeline(value: &str) -> Option<Command> {
        value.parse().ok().map(Command::Timeline)
    }

    /// The article menu's chosen options, by their values (`a3`; others are ignored).
    pub fn of_articles(values: impl IntoIterator<Item = String>) -> Command {
        Command::Articles(
            values
                .into_iter()
                .filter_map(|v| ArticleId::parse(&v))
                .collect(),
        )
    }

    /// A tap or click on an option of the article list (its value, `a3`): toggles it.
    pub fn of_article_tap(value: &str) -> Option<Command> {
        ArticleId::parse(value).map(Command::ToggleArticle)
    }

    /// An entry of the export menu (`data-export`), for everything or only the view.
    pub fn of_export(what: &str, view_only: bool) -> Option<Command> {
        let scope = if view_only { Scope::View } else { Scope::All };
        Some(Command::Export(ExportFormat::parse(what)?, scope))
    }

    /// A click, Enter or Space in the entity table: sort by the header's `data-sort`, or
    /// select the row's entity.
    pub fn of_list_item(sort: Option<&str>, entity: Option<&str>) -> Option<Command> {
        match sort {
            Some(key) => Some(Command::SortBy(SortKey::parse(key))),
            None => entity.map(|e| Command::SelectNamed(e.to_owned())),
        }
    }
}

/// An input, in the canvas's CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A pointer pressed on the canvas.
    PointerDown {
        /// The pointer's id.
        pointer: i32,
        /// A mouse, a pen or a finger.
        kind: PointerKind,
        /// Position.
        x: f32,
        /// Position.
        y: f32,
    },
    /// A pointer moved over the canvas.
    PointerMove {
        /// The pointer's id.
        pointer: i32,
        /// Position.
        x: f32,
        /// Position.
        y: f32,
    },
    /// A pointer released (or cancelled).
    PointerUp {
        /// The pointer's id.
        pointer: i32,
        /// Position.
        x: f32,
        /// Position.
        y: f32,
    },
    /// The pointer left the canvas.
    PointerLeave,
    /// A wheel turned over the canvas.
    Wheel {
        /// Position.
        x: f32,
        /// Position.
        y: f32,
        /// Vertical delta.
        delta_y: f64,
        /// Its unit.
        unit: WheelUnit,
    },
    /// The window is this many CSS px wide (the layout: phone, tablet, wide).
    Window {
        /// Its inner width.
        width: f32,
    },
    /// The canvas has a new size.
    Resize {
        /// Width.
        width: f32,
        /// Height.
        height: f32,
    },
    /// A key pressed outside text fields, without Ctrl, Meta or Alt.
    Key(String),
    /// A key pressed in the search box, with the box's text.
    SearchKey {
        /// The key.
        key: String,
        /// The search text.
        query: String,
    },
    /// A command.
    Command(Command),
    /// The page left full screen by itself (the browser's Esc, or its own exit control).
    FullscreenLeft,
    /// The page's URL hash changed (a bookmark, Back or Forward, an edited address): show
    /// its view.
    HashChanged(String),
}

impl Event {
    /// A pointer event of the canvas by its DOM name ([`POINTER_EVENTS`]; a cancelled pointer
    /// is released) and `pointerType`.
    pub fn pointer(kind: &str, pointer_type: &str, pointer: i32, x: f32, y: f32) -> Option<Event> {
        Some(match kind {
            "pointerdown" => Event::PointerDown {
                pointer,
                kind: PointerKind::parse(pointer_type),
                x,
                y,
            },
            "pointermove" => Event::PointerMove { pointer, x, y },
            "pointerup" | "pointercancel" => Event::PointerUp { pointer, x, y },
            _ => return None,
        })
    }
}

/// A status line message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Whether it reports a problem.
    pub error: bool,
}

impl Status {
    /// A message.
    pub fn info(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: false,
        }
    }
    /// A problem.
    pub fn error(text: impl Into<String>) -> Status {
        Status {
            text: text.into(),
            error: true,
        }
    }

    /// What the status line's element (`#status`) gets: the text, and the class `error` for
    /// a problem ([`crate::app::session::Session::properties`]' form).
    pub fn properties(&self) -> Vec<(String, &'static str, Prop)> {
        let class = if self.error { "error" } else { "" };
        vec![
            (
                "status".into(),
                "textContent",
                Prop::Text(self.text.clone()),
            ),
            ("status".into(), "className", Prop::Text(class.into())),
        ]
    }

    /// A download the page could not start, with the browser's reason.
    pub fn export_failed(lang: crate::app::i18n::Lang, reason: &str) -> Status {
        Status::error(lang.fill(crate::app::i18n::Msg::ExportFailed, &[&reason]))
    }
}

/// The extraction progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Show it (an extraction started).
    Show,
    /// Articles done of the total.
    At {
        /// Done.
        done: usize,
        /// Total.
        total: usize,
        /// Seconds since the extraction started.
        elapsed_s: u32,
    },
    /// Hide it.
    Hide,
}

/// The canvas's cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cursor {
    /// Over a node.
    Pointer,
    /// Over empty space.
    Grab,
}

impl Cursor {
    /// Its CSS `cursor` value.
    pub fn css(self) -> &'static str {
        match self {
            Cursor::Pointer => "pointer",
            Cursor::Grab => "grab",
        }
    }
}

impl Command {
    /// A message of the extraction worker: progress (`done`), its result, or an error (with
    /// no `seq`, the worker itself failed: whatever import it ran ends).
    pub fn of_worker(
        seq: Option<u32>,
        done: Option<usize>,
        result: Option<Vec<u8>>,
        error: Option<String>,
    ) -> Command {
        let seq = seq.unwrap_or(crate::io::offload::ANY_SEQ);
        match (done, result, error) {
            (Some(done), _, None) => Command::WorkerProgress { seq, done },
            (_, Some(bytes), None) => Command::WorkerResult { seq, bytes },
            (_, _, why) => Command::WorkerFailed {
                seq,
                why: why.unwrap_or_else(|| "the worker sent nothing".into()),
            },
        }
    }
}

/// What the front end tells its extraction worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerOrder {
    /// Extract this [`crate::io::offload::Request`] (starting the worker if needed).
    Extract {
        /// The request's `seq`.
        seq: u32,
        /// The request.
        request: Vec<u8>,
    },
    /// Stop the worker (the import was cancelled, or it failed).
    Stop,
}

/// A file to hand to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Download {
    /// A file made by the core.
    File {
        /// File name.
        name: &'static str,
        /// MIME type.
        mime: &'static str,
        /// Content.
        body: Vec<u8>,
    },
    /// The current frame as `guanxi.png`, drawn by the front end's renderer at twice the size.
    Png,
    /// The page as loaded with this saved work embedded, as `guanxi-project.html`.
    Page {
        /// The saved work ([`crate::io::library::save`]).
        saved: String,
    },
}

/// What changed: what the front end shows again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    /// A new corpus is shown: measure the canvas again and rebuild the controls made from the
    /// corpus (kinds with counts, the article list); implies `view`.
    pub corpus: bool,
    /// The view changed: the URL, the controls and the panels show it.
    pub view: bool,
    /// The controls show the view again (an entry was refused).
    pub controls: bool,
    /// The entity table shows again (its sort changed).
    pub list: bool,
    /// The list of sources shows again.
    pub sources: bool,
    /// The search suggestions show again.
    pub suggestions: bool,
    /// The path inputs' options show again.
    pub path_options: bool,
    /// The article list is made again (the article search changed what it lists).
    pub articles: bool,
    /// A new status message.
    pub status: Option<Status>,
    /// The progress bar.
    pub progress: Option<Progress>,
    /// Files to download.
    pub downloads: Vec<Download>,
    /// A new cursor over the canvas.
    pub cursor: Option<Cursor>,
    /// Enter (`true`) or leave full screen.
    pub fullscreen: Option<bool>,
    /// Move the keyboard focus to the search box.
    pub focus_search: bool,
    /// Move the keyboard focus to the graph (a search chose an entity: the shortcut keys
    /// work on it at once).
    pub focus_graph: bool,
    /// The pasted text was added: clear and close the paste box.
    pub pasted: bool,
    /// The side panels moved (opened, closed, another layout): the controls show it and the
    /// canvas is measured again.
    pub layout: bool,
    /// The event is consumed (the browser's default action is prevented).
    pub prevent_default: bool,
    /// The language changed: the page's labels show it.
    pub lang: bool,
    /// An order for the extraction worker.
    pub worker: Option<WorkerOrder>,
    /// More rows for the end of the entity table (markup; see [`super::Session::table`]).
    pub more_rows: Option<String>,
}

/// Merges the fields of `later` into `$mine` by the rule of each group: change flags are
/// or-ed, later values win over earlier ones, lists are appended. Naming every field (the
/// destructuring is exhaustive) makes a new field of [`Output`] a compile error until it is
/// given its rule here.
macro_rules! merge_outputs {
    ($mine:ident, $later:expr; or: $($flag:ident)*; later: $($value:ident)*; append: $($list:ident)*) => {{
        let Output { $($flag,)* $($value,)* $($list,)* } = $later;
        $($mine.$flag |= $flag;)*
        $($mine.$value = $value.or($mine.$value);)*
        $($mine.$list.extend($list);)*
    }};
}

impl Output {
    /// This output followed by `later`: what either changed, the later message, bar, cursor,
    /// full-screen state and worker order, and both sets of downloads.
    pub fn then(mut self, later: Output) -> Output {
        merge_outputs!(self, later;
            or: corpus view controls list sources suggestions path_options articles
                focus_search focus_graph pasted layout prevent_default lang;
            later: status progress cursor fullscreen worker more_rows;
            append: downloads);
        self
    }
}
