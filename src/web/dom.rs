//! DOM helpers, and showing the panels and controls: text goes in as the core's escaped
//! markup (`app::present`) or with `set_text_content`, so whatever the corpus contains stays
//! inert.

use super::App;
use crate::app::session::Prop;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Document, Element, Event, EventTarget, HtmlElement, HtmlInputElement,
};

/// An event listener removed when dropped.
pub(crate) struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    pub(crate) fn new(
        target: &EventTarget,
        kind: &'static str,
        f: Box<dyn FnMut(Event)>,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::wrap(f);
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }

    /// A listener with `passive` set explicitly (wheel must be non-passive to prevent scrolling).
    pub(crate) fn with_options(
        target: &EventTarget,
        kind: &'static str,
        passive: bool,
        f: Box<dyn FnMut(Event)>,
    ) -> Result<Listener, JsValue> {
        let closure = Closure::wrap(f);
        let opts = AddEventListenerOptions::new();
        opts.set_passive(passive);
        target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            closure.as_ref().unchecked_ref(),
            &opts,
        )?;
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ignored = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

pub(crate) fn by_id(doc: &Document, id: &str) -> Result<Element, JsValue> {
    doc.get_element_by_id(id)
        .ok_or_else(|| JsValue::from_str(&format!("the page has no #{id} element")))
}

pub(crate) fn js_error_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Shows an error in the status region (used by the panic hook too).
pub(crate) fn report_error(msg: &str) {
    web_sys::console::error_1(&JsValue::from_str(msg));
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(el) = doc.get_element_by_id("status") {
        el.set_text_content(Some(msg));
        let _ignored = el.set_attribute("class", "error");
    }
    show_app(&doc);
}

/// Shows the explorer, hidden while the page boots (`html.booting` in `index.html`).
pub(crate) fn show_app(doc: &web_sys::Document) {
    if let Some(root) = doc.document_element() {
        let _ignored = root.class_list().remove_1("booting");
    }
}

fn closest(ev: &Event, selector: &str) -> Option<Element> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

pub(crate) fn data_of_event(ev: &Event, selector: &str, attr: &str) -> Option<String> {
    closest(ev, selector)?.get_attribute(attr)
}

pub(crate) fn entity_of_event(ev: &Event, selector: &str) -> Option<String> {
    closest(ev, selector)?.get_attribute("data-entity-id")
}

pub(crate) fn typing_target(ev: &Event) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

pub(crate) fn move_row_focus(ev: &Event, down: bool) {
    let Some(row) = closest(ev, "tr") else { return };
    let next = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    if let Some(n) = next.and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
        let _ignored = n.focus();
    }
}

/// Moves the keyboard focus to an element.
pub(crate) fn focus(doc: &Document, id: &str) {
    if let Some(el) = doc
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ignored = el.focus();
    }
}

/// The text of an input (empty when there is none).
pub(crate) fn input_value(doc: &Document, id: &str) -> String {
    let input = doc.get_element_by_id(id).and_then(|e| e.dyn_into().ok());
    input
        .map(|i: HtmlInputElement| i.value())
        .unwrap_or_default()
}

/// Sets properties of elements by id (the core's `(id, property, value)`).
pub(crate) fn set_properties(doc: &Document, props: crate::app::session::Props) {
    for (id, name, value) in props {
        let value = match value {
            Prop::Text(t) => JsValue::from_str(&t),
            Prop::Flag(on) => JsValue::from_bool(on),
        };
        if let Some(el) = doc.get_element_by_id(&id) {
            let _ignored = js_sys::Reflect::set(&el, &name.into(), &value);
        }
    }
}

impl App {
    /// Makes every control show the current view: the session's element properties
    /// (`Session::properties`), the article options, toggle buttons, presentation mode.
    pub(crate) fn apply_view_to_controls(&self) {
        let doc = &self.document;
        let ex = self.session.explorer();
        let c = ex.control_state();
        set_properties(doc, self.session.properties());
        if let Some(sel) = doc.get_element_by_id("article-filter") {
            let opts = sel.children();
            for o in (0..opts.length()).filter_map(|i| opts.item(i)) {
                if let Ok(o) = o.dyn_into::<web_sys::HtmlOptionElement>() {
                    o.set_selected(ex.article_chosen(&o.value()));
                }
            }
        }
        if let Some(root) = doc.document_element() {
            let _ignored = root
                .class_list()
                .toggle_with_force("present", c.presentation);
        }
    }

    /// Writes the page's labels (`data-i18n…`, see `app::i18n`) and `<html lang>` in the
    /// session's language.
    pub(crate) fn translate(&self) {
        let lang = self.session.lang();
        let root = self.document.document_element();
        root.map(|r| r.set_attribute("lang", lang.html_lang()));
        for (data, attr) in crate::app::i18n::ATTRIBUTES {
            let list = self.document.query_selector_all(&format!("[{data}]"));
            let list = list
                .iter()
                .flat_map(|l| (0..l.length()).filter_map(|i| l.item(i)));
            for el in list.filter_map(|n| n.dyn_into::<Element>().ok()) {
                let text = el
                    .get_attribute(data)
                    .and_then(|k| crate::app::i18n::label(lang, &k));
                match (attr, text) {
                    (Some(a), Some(t)) => drop(el.set_attribute(a, t)),
                    (None, Some(t)) => el.set_text_content(Some(t)),
                    _ => {}
                }
            }
        }
    }

    /// Rebuilds the detail panel, source panel and entity list for the current view (the
    /// path panel and the community legend are properties, see `apply_view_to_controls`),
    /// and scrolls the source panel to the passage of the selection.
    pub(crate) fn refresh_panels(&self) {
        set_properties(&self.document, self.session.panel_properties());
        let panel = self.document.get_element_by_id("source-panel");
        if let Some(m) = panel.and_then(|p| p.query_selector("mark.primary").ok().flatten()) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            m.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }
}
