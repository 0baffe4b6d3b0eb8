//! Where the side panels go on the screen, free of web types: which layout a window's width
//! calls for, whether each panel is open, and how an open panel is placed (a column beside the
//! graph, a drawer over it, a sheet from the bottom). The page turns [`Panels::class`] into
//! the `#app` element's classes, and its style sheet places the panels by them.
//!
//! - **Wide** (a desktop, a 1024 × 768 projector): the filters on the left and the details on
//!   the right as columns; either can be collapsed to give the graph the room.
//! - **Tablet** (768 × 1024): the details as a collapsible column; the filters as a drawer
//!   over the graph, closed at first.
//! - **Phone** (390 × 844): the graph takes the screen; each panel is a sheet from the bottom,
//!   one at a time, closed at first.
//! - **Presentation** (any width): the graph takes the screen; the panels are drawers over it,
//!   closed on entering; leaving gives back the panels as they were.

use super::i18n::Msg;
use super::present::{kind_label, relation_label};
use super::view::Selection;
use super::Explorer;
use crate::model::EntityId;

/// Windows narrower than this (CSS px) get the phone layout.
pub const PHONE_BELOW: f32 = 600.0;

/// Windows narrower than this (and not phones) get the tablet layout.
pub const TABLET_BELOW: f32 = 1000.0;

/// How much of the graph's height a sheet covers (`index.html`: `height: 62%`).
pub const SHEET_SHARE: f32 = 0.62;

/// The width of the filters' drawer in CSS px (`index.html`: `min(360px, 92vw)`).
pub const LEFT_DRAWER_PX: f32 = 360.0;

/// The width of the details' drawer in CSS px (`index.html`: `min(420px, 92vw)`).
pub const RIGHT_DRAWER_PX: f32 = 420.0;

/// A layout for a window width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Phone width.
    Phone,
    /// Tablet width.
    Tablet,
    /// Desktop and projector width.
    Wide,
}

impl Screen {
    /// The layout of a window `width` CSS px wide (wide when unknown).
    pub fn of_width(width: f32) -> Screen {
        if width.is_nan() || width <= 0.0 {
            Screen::Wide
        } else if width < PHONE_BELOW {
            Screen::Phone
        } else if width < TABLET_BELOW {
            Screen::Tablet
        } else {
            Screen::Wide
        }
    }

    /// Its class name.
    pub fn as_str(self) -> &'static str {
        match self {
            Screen::Phone => "phone",
            Screen::Tablet => "tablet",
            Screen::Wide => "wide",
        }
    }

    /// Which panels are open when this layout starts: (filters, details).
    fn default_open(self) -> (bool, bool) {
        match self {
            Screen::Wide => (true, true),
            Screen::Tablet => (false, true),
            Screen::Phone => (false, false),
        }
    }
}

/// A side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The left one: corpus, story, filters, path, the entity list.
    Filters,
    /// The right one: the path, the details and the sources.
    Details,
}

impl Panel {
    /// The toggle buttons' element ids.
    pub fn button(self) -> &'static str {
        match self {
            Panel::Filters => "panel-left",
            Panel::Details => "panel-right",
        }
    }

    /// The panel of a toggle or close button, by element id.
    pub fn of_button(id: &str) -> Option<Panel> {
        match id {
            "panel-left" | "panel-left-close" => Some(Panel::Filters),
            "panel-right" | "panel-right-close" => Some(Panel::Details),
            _ => None,
        }
    }
}

/// How an open panel is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// Not shown.
    Hidden,
    /// A column beside the graph (the graph is narrower).
    Column,
    /// A drawer over the graph's side (the graph keeps its size).
    Drawer,
    /// A sheet over the graph's lower part (the graph keeps its size).
    Sheet,
}

impl Placement {
    fn as_str(self) -> &'static str {
        match self {
            Placement::Hidden => "hidden",
            Placement::Column => "column",
            Placement::Drawer => "drawer",
            Placement::Sheet => "sheet",
        }
    }
}

/// The panels' state: the layout and which panel is open, in normal and presentation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panels {
    screen: Screen,
    presentation: bool,
    /// Open in normal mode: (filters, details).
    normal: (bool, bool),
    /// Open in presentation mode.
    presenting: (bool, bool),
}

impl Default for Panels {
    fn default() -> Self {
        Panels::new(Screen::Wide)
    }
}

impl Panels {
    /// The panels of a layout as it starts.
    pub fn new(screen: Screen) -> Panels {
        Panels {
            screen,
            presentation: false,
            normal: screen.default_open(),
            presenting: (false, false),
        }
    }

    /// The layout.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The window is now `width` wide: a new layout starts with its own panels. Returns
    /// whether the layout changed.
    pub fn set_width(&mut self, width: f32) -> bool {
        let screen = Screen::of_width(width);
        if screen == self.screen {
            return false;
        }
        self.screen = screen;
        self.normal = screen.default_open();
        true
    }

    /// Presentation mode on or off: entering closes the drawers; leaving gives back the
    /// panels as they were before.
    pub fn set_presentation(&mut self, on: bool) {
        if on && !self.presentation {
            self.presenting = (false, false);
        }
        self.presentation = on;
    }

    fn open_mut(&mut self) -> &mut (bool, bool) {
        if self.presentation {
            &mut self.presenting
        } else {
            &mut self.normal
        }
    }

    /// Whether a panel is open.
    pub fn is_open(&self, p: Panel) -> bool {
        let open = if self.presentation {
            self.presenting
        } else {
            self.normal
        };
        match p {
            Panel::Filters => open.0,
            Panel::Details => open.1,
        }
    }

    /// Opens or closes a panel. A phone shows one sheet at a time: opening one closes the
    /// other.
    pub fn set_open(&mut self, p: Panel, on: bool) {
        let one_at_a_time = self.screen == Screen::Phone;
        let open = self.open_mut();
        match p {
            Panel::Filters => open.0 = on,
            Panel::Details => open.1 = on,
        }
        if on && one_at_a_time {
            match p {
                Panel::Filters => open.1 = false,
                Panel::Details => open.0 = false,
            }
        }
    }

    /// Opens a closed panel, closes an open one.
    pub fn toggle(&mut self, p: Panel) {
        let on = !self.is_open(p);
        self.set_open(p, on);
    }

    /// How a panel is placed now.
    pub fn placement(&self, p: Panel) -> Placement {
        if !self.is_open(p) {
            return Placement::Hidden;
        }
        match (self.screen, self.presentation, p) {
            (Screen::Phone, _, _) => Placement::Sheet,
            (_, true, _) => Placement::Drawer,
            (Screen::Tablet, false, Panel::Filters) => Placement::Drawer,
            (Screen::Tablet | Screen::Wide, false, _) => Placement::Column,
        }
    }

    /// The part of a `width` × `height` graph that no drawer or sheet covers, as
    /// `(x0, y0, x1, y1)`; a drawer that would leave less than a quarter of the width is
    /// ignored (the selection is then centred as usual).
    pub fn clear_area(&self, width: f32, height: f32) -> (f32, f32, f32, f32) {
        let (mut x0, mut x1, mut y1) = (0.0, width, height);
        for p in [Panel::Filters, Panel::Details] {
            let drawer = match p {
                Panel::Filters => LEFT_DRAWER_PX,
                Panel::Details => RIGHT_DRAWER_PX,
            }
            .min(0.92 * width);
            match (self.placement(p), p) {
                (Placement::Sheet, _) => y1 = height * (1.0 - SHEET_SHARE),
                (Placement::Drawer, Panel::Filters) => x0 = drawer,
                (Placement::Drawer, Panel::Details) => x1 = width - drawer,
                _ => {}
            }
        }
        if x1 - x0 < width / 4.0 {
            (x0, x1) = (0.0, width);
        }
        (x0, 0.0, x1, y1)
    }

    /// The `#app` element's classes: the layout and each panel's placement, e.g.
    /// `wide left-column right-column` or `phone left-hidden right-sheet`.
    pub fn class(&self) -> String {
        format!(
            "{} left-{} right-{}",
            self.screen.as_str(),
            self.placement(Panel::Filters).as_str(),
            self.placement(Panel::Details).as_str()
        )
    }

    /// Whether the caption line over the graph says what is shown (the side panels that would
    /// say it are out of the way: presenting, or on a phone).
    pub fn caption_line(&self) -> bool {
        self.presentation || self.screen == Screen::Phone
    }
}

/// The caption line over the graph: what the view shows, in a few words (the selection, the
/// path, the focus); empty when nothing is chosen.
pub fn caption(ex: &Explorer) -> String {
    let lang = ex.lang();
    let v = ex.view();
    let x = &ex.x;
    let label = |e: EntityId| x.entity(e).map_or(String::new(), |e| e.label.clone());
    let mut parts = Vec::new();
    match v.selection {
        Some(Selection::Entity(e)) => {
            if let Some(ent) = x.entity(e) {
                parts.push(format!("{} · {}", ent.label, kind_label(ent.kind, lang)));
            }
        }
        Some(Selection::Relation(r)) => {
            if let Some(rel) = x.relation(r) {
                parts.push(format!(
                    "{} — {} — {}",
                    label(rel.source),
                    relation_label(rel.kind, rel.label.as_deref(), true, lang),
                    label(rel.target)
                ));
            }
        }
        Some(Selection::Article(a)) => {
            if let Some(art) = x.article(a) {
                parts.push(art.display_title());
            }
        }
        None => {}
    }
    if let Some((a, b)) = v.path {
        parts.push(lang.fill(Msg::CaptionPath, &[&label(a), &label(b)]));
    }
    if let Some(f) = v.focus {
        let around = lang.text(match f.depth.hops() {
            1 => Msg::NeighboursOf,
            _ => Msg::TwoStepsAround,
        });
        parts.push(format!("{around} {}", label(f.entity)));
    }
    parts.join("  ·  ")
}

/// A value for a property of a page element (`Session::properties`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prop {
    /// Text (`value`, `textContent`, `innerHTML` of the core's escaped markup, `max`).
    Text(String),
    /// A flag (`hidden`, `disabled`).
    Flag(bool),
}

/// What the page shows of the panels and the caption line, as element properties: the
/// `#app` element's classes, the toggle buttons' `aria-expanded`, the caption line.
pub fn properties(panels: &Panels, ex: &Explorer) -> Vec<(String, &'static str, Prop)> {
    let caption = if panels.caption_line() {
        caption(ex)
    } else {
        String::new()
    };
    let mut props = vec![
        ("app".to_owned(), "className", Prop::Text(panels.class())),
        (
            "caption-line".to_owned(),
            "hidden",
            Prop::Flag(caption.is_empty()),
        ),
        (
            "caption-line".to_owned(),
            "textContent",
            Prop::Text(caption),
        ),
    ];
    for p in [Panel::Filters, Panel::Details] {
        let open = panels.is_open(p).to_string();
        props.push((p.button().to_owned(), "ariaExpanded", Prop::Text(open)));
    }
    props
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_choose_layouts() {
        let screens = [390.0, 768.0, 1024.0, 1400.0, 0.0, f32::NAN].map(Screen::of_width);
        use Screen::{Phone, Tablet, Wide};
        assert_eq!(screens, [Phone, Tablet, Wide, Wide, Wide, Wide]);
    }

    #[test]
    fn wide_has_two_columns_that_collapse() {
        let mut p = Panels::new(Screen::Wide);
        assert_eq!(p.class(), "wide left-column right-column");
        p.toggle(Panel::Filters);
        assert_eq!(p.class(), "wide left-hidden right-column");
        p.toggle(Panel::Details);
        p.toggle(Panel::Filters);
        assert_eq!(p.class(), "wide left-column right-hidden");
    }

    #[test]
    fn a_tablet_has_a_collapsible_column_and_a_drawer() {
        let mut p = Panels::new(Screen::Tablet);
        assert_eq!(p.class(), "tablet left-hidden right-column");
        p.toggle(Panel::Filters);
        assert_eq!(p.placement(Panel::Filters), Placement::Drawer);
        assert_eq!(p.placement(Panel::Details), Placement::Column);
        p.toggle(Panel::Details);
        assert_eq!(p.placement(Panel::Details), Placement::Hidden);
    }

    #[test]
    fn a_phone_shows_one_sheet_at_a_time() {
        let mut p = Panels::new(Screen::Phone);
        assert_eq!(p.class(), "phone left-hidden right-hidden");
        assert!(p.caption_line());
        p.set_open(Panel::Filters, true);
        assert_eq!(p.class(), "phone left-sheet right-hidden");
        p.set_open(Panel::Details, true);
        assert_eq!(p.class(), "phone left-hidden right-sheet");
        p.set_open(Panel::Details, false);
        assert_eq!(p.class(), "phone left-hidden right-hidden");
    }

    #[test]
    fn presenting_closes_the_drawers_and_leaving_gives_the_panels_back() {
        let mut p = Panels::new(Screen::Wide);
        p.toggle(Panel::Filters);
        p.set_presentation(true);
        assert_eq!(p.class(), "wide left-hidden right-hidden");
        assert!(p.caption_line());
        p.toggle(Panel::Details);
        assert_eq!(p.placement(Panel::Details), Placement::Drawer);
        p.set_presentation(false);
        assert_eq!(p.class(), "wide left-hidden right-column");
        assert!(!p.caption_line());
        // Presenting again starts with the graph alone.
        p.set_presentation(true);
        assert!(!p.is_open(Panel::Details));
    }

    #[test]
    fn the_clear_area_is_what_drawers_and_sheets_leave() {
        let mut p = Panels::new(Screen::Phone);
        assert_eq!(p.clear_area(390.0, 600.0), (0.0, 0.0, 390.0, 600.0));
        p.set_open(Panel::Details, true);
        let (_, _, x1, y1) = p.clear_area(390.0, 600.0);
        assert_eq!(x1, 390.0);
        assert!((y1 - 600.0 * (1.0 - SHEET_SHARE)).abs() < 1e-3);
        let mut p = Panels::new(Screen::Wide);
        p.set_presentation(true);
        p.set_open(Panel::Details, true);
        assert_eq!(p.clear_area(1400.0, 800.0), (0.0, 0.0, 980.0, 800.0));
        p.set_open(Panel::Filters, true);
        assert_eq!(p.clear_area(1400.0, 800.0), (360.0, 0.0, 980.0, 800.0));
        // Drawers over most of a narrow window: the whole width.
        assert_eq!(p.clear_area(600.0, 800.0), (0.0, 0.0, 600.0, 800.0));
        // Columns cover nothing.
        let p = Panels::new(Screen::Tablet);
        assert_eq!(p.clear_area(458.0, 900.0), (0.0, 0.0, 458.0, 900.0));
    }

    #[test]
    fn a_new_width_starts_its_layout() {
        let mut p = Panels::new(Screen::Wide);
        p.toggle(Panel::Details);
        assert!(!p.set_width(1200.0));
        assert!(
            !p.is_open(Panel::Details),
            "the same layout keeps its panels"
        );
        assert!(p.set_width(390.0));
        assert_eq!(p.screen(), Screen::Phone);
        assert_eq!(p.class(), "phone left-hidden right-hidden");
        assert_eq!(Panel::of_button("panel-right-close"), Some(Panel::Details));
        assert_eq!(
            Panel::of_button(Panel::Filters.button()),
            Some(Panel::Filters)
        );
        assert_eq!(Panel::of_button("fit"), None);
    }
}
