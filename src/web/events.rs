//! DOM events → session [`Event`]s. Each listener reads what the DOM knows (a position, a
//! key, a control's value, the id under the pointer) and hands it on with [`send`].

use super::dom::{by_id, data_of_event, entity_of_event, Listener};
use super::{send, Shared};
use crate::app::session::{list_key, Command, Event, ListKey, BUTTONS, POINTER_EVENTS};
use crate::app::{present, story};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, EventTarget, HtmlInputElement, KeyboardEvent, PointerEvent, WheelEvent};

type Listeners = Vec<Listener>;

/// Wires the listeners of the canvas and the controls (files and exports: `files::wire`).
pub(crate) fn wire(app: &Shared, ls: &mut Listeners) -> Result<(), JsValue> {
    let doc = app.borrow().document.clone();
    wire_canvas(app, ls)?;
    wire_buttons(app, &doc, ls)?;
    wire_filters(app, &doc, ls)?;
    wire_search(app, &doc, ls)?;
    wire_panels(app, &doc, ls)?;
    wire_analysis(app, &doc, ls)
}

pub(crate) fn on(
    ls: &mut Listeners,
    target: &EventTarget,
    kind: &'static str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> Result<(), JsValue> {
    ls.push(Listener::new(target, kind, Box::new(f))?);
    Ok(())
}

/// Listens for `kind` on `target`: `read` turns the DOM event into a session event, which is
/// sent; the browser's default action is prevented when the session says so.
pub(crate) fn forward(
    ls: &mut Listeners,
    app: &Shared,
    target: &EventTarget,
    kind: &'static str,
    read: impl Fn(&web_sys::Event) -> Option<Event> + 'static,
) -> Result<(), JsValue> {
    let a = app.clone();
    on(ls, target, kind, move |ev| {
        if read(&ev).is_some_and(|e| send(&a, e)) {
            ev.prevent_default();
        }
    })
}

fn input_of(ev: &web_sys::Event) -> Option<HtmlInputElement> {
    ev.target()?.dyn_into::<HtmlInputElement>().ok()
}

fn checked(ev: &web_sys::Event) -> bool {
    input_of(ev).is_some_and(|i| i.checked())
}

fn value(ev: &web_sys::Event) -> String {
    input_of(ev).map(|i| i.value()).unwrap_or_default()
}

/// `c` as a session event.
pub(crate) fn command(c: Command) -> Option<Event> {
    Some(Event::Command(c))
}

/// Pointer input on the canvas, the wheel, and the window's size.
fn wire_canvas(app: &Shared, ls: &mut Listeners) -> Result<(), JsValue> {
    let (canvas, win) = {
        let a = app.borrow();
        (a.canvas.clone(), a.window.clone())
    };
    for kind in POINTER_EVENTS {
        let c = canvas.clone();
        forward(ls, app, &canvas, kind, move |ev| {
            let p = ev.dyn_ref::<PointerEvent>()?;
            if kind == "pointerdown" {
                let _ignored = c.set_pointer_capture(p.pointer_id());
            }
            let (x, y) = (p.offset_x() as f32, p.offset_y() as f32);
            Event::pointer(kind, &p.pointer_type(), p.pointer_id(), x, y)
        })?;
    }
    forward(ls, app, &canvas, "pointerleave", |_| {
        Some(Event::PointerLeave)
    })?;
    let a = app.clone();
    // Not passive: the page must not scroll while the graph zooms.
    ls.push(Listener::with_options(
        &canvas,
        "wheel",
        false,
        Box::new(move |ev| {
            let Some(w) = ev.dyn_ref::<WheelEvent>() else {
                return;
            };
            let (x, y) = (w.offset_x() as f32, w.offset_y() as f32);
            if send(&a, Event::wheel(x, y, w.delta_y(), w.delta_mode())) {
                w.prevent_default();
            }
        }),
    )?);
    let d = app.borrow().document.clone();
    forward(ls, app, &d.clone(), "fullscreenchange", move |_| {
        d.fullscreen_element()
            .is_none()
            .then_some(Event::FullscreenLeft)
    })?;
    let w = win.clone();
    forward(ls, app, &win, "hashchange", move |_| {
        Some(Event::HashChanged(w.location().hash().ok()?))
    })?;
    let a = app.clone();
    on(ls, &win, "resize", move |_| {
        if let Ok(mut s) = a.try_borrow_mut() {
            s.resize();
        }
    })
}

/// Header and source buttons, and the page's shortcut keys (not while typing).
fn wire_buttons(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    for id in BUTTONS {
        forward(ls, app, by_id(doc, id)?.as_ref(), "click", move |_| {
            command(Command::of_button(id)?)
        })?;
    }
    forward(ls, app, doc, "keydown", |ev| {
        let k = ev.dyn_ref::<KeyboardEvent>()?;
        let plain = !(k.ctrl_key() || k.meta_key() || k.alt_key());
        let page = !super::dom::typing_target(ev) || story::clicker_key(&k.key());
        (plain && page).then(|| Event::Key(k.key()))
    })
}

/// Kind check boxes, the article list, thresholds and co-occurrence.
fn wire_filters(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    // On the container: the check boxes are made again for each corpus.
    forward(
        ls,
        app,
        by_id(doc, "kind-filters")?.as_ref(),
        "change",
        |ev| {
            let kind = present::kind_of_filter(&input_of(ev)?.id())?;
            command(Command::ShowKind(kind, checked(ev)))
        },
    )?;
    let articles = by_id(doc, "article-filter")?;
    forward(ls, app, &articles, "change", |ev| {
        let sel = ev.target()?.dyn_into::<web_sys::HtmlSelectElement>().ok()?;
        let opts = sel.selected_options();
        let values = (0..opts.length()).filter_map(|i| opts.item(i)?.get_attribute("value"));
        command(Command::of_articles(values))
    })?;
    // A tap or click on an article adds it or takes it away: several without Ctrl.
    forward(ls, app, &articles, "mousedown", |ev| {
        let value = data_of_event(ev, "option", "value")?;
        command(Command::of_article_tap(&value)?)
    })?;
    // The controls whose value and state are the whole command (`analysis::VALUE_CONTROLS`).
    for &(id, kind) in crate::app::analysis::VALUE_CONTROLS {
        forward(ls, app, by_id(doc, id)?.as_ref(), kind, move |ev| {
            let value = js_sys::Reflect::get(&ev.target()?.into(), &"value".into()).ok()?;
            let c = crate::app::analysis::control_command(id, &value.as_string()?, checked(ev));
            command(c?)
        })?;
    }
    Ok(())
}

/// The search box and its suggestions.
fn wire_search(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    let search = by_id(doc, "search")?;
    forward(ls, app, &search, "keydown", |ev| {
        let key = ev.dyn_ref::<KeyboardEvent>()?.key();
        let query = value(ev);
        Some(Event::SearchKey { key, query })
    })?;
    let suggestions = by_id(doc, "suggestions")?;
    forward(ls, app, &suggestions, "mousedown", |ev| {
        // Keeps the focus in the search box.
        ev.prevent_default();
        command(Command::PickSuggestion(entity_of_event(ev, "li")?))
    })?;
    forward(ls, app, &search, "blur", |_| {
        command(Command::HideSuggestions)
    })
}

/// Clicks on marks, neighbour links, article links and the curation tools in the panels
/// (delegated), and the entity table's clicks and keys.
fn wire_panels(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    for id in ["source-panel", "detail-panel", "path-panel", "corrections"] {
        let d = doc.clone();
        forward(ls, app, by_id(doc, id)?.as_ref(), "click", move |ev| {
            if let Some(action) = data_of_event(ev, "[data-curate]", "data-curate") {
                let input = data_of_event(ev, "[data-curate]", "data-input");
                let text = input.map(|i| super::dom::input_value(&d, &i));
                return command(Command::of_curation(&action, &text.unwrap_or_default())?);
            }
            command(Command::of_panel_click(
                data_of_event(ev, "[data-relation]", "data-relation").as_deref(),
                data_of_event(ev, "[data-article]", "data-article").as_deref(),
                entity_of_event(ev, "[data-entity-id]").as_deref(),
            )?)
        })?;
    }
    // The curation inputs: Enter does their button's work; the merge box offers names.
    for kind in ["keydown", "input"] {
        forward(ls, app, by_id(doc, "detail-panel")?.as_ref(), kind, |ev| {
            let (input, key) = (input_of(ev)?, ev.dyn_ref::<KeyboardEvent>());
            let action = input.get_attribute("data-enter");
            let c = Command::of_curation_input(key.map(|k| k.key()), action, input.value());
            command(c?)
        })?;
    }
    let list = by_id(doc, "entity-list")?;
    forward(ls, app, &list, "click", list_item)?;
    forward(ls, app, &list, "keydown", |ev| {
        let what = list_key(&ev.dyn_ref::<KeyboardEvent>()?.key())?;
        ev.prevent_default();
        match what {
            ListKey::Activate => return list_item(ev),
            ListKey::Next => super::dom::move_row_focus(ev, true),
            ListKey::Previous => super::dom::move_row_focus(ev, false),
        }
        None
    })
}

/// The path inputs (Enter in either, or the button, finds the path), the colour and size
/// menus, and the community and relation legends' check boxes.
fn wire_analysis(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    let d = doc.clone();
    let find = move || {
        let text = |id| super::dom::input_value(&d, id);
        command(Command::FindPath(text("path-from"), text("path-to")))
    };
    let (f, button) = (find.clone(), by_id(doc, "path-find")?);
    forward(ls, app, &button, "click", move |_| f())?;
    for id in ["path-from", "path-to"] {
        let (target, f) = (by_id(doc, id)?, find.clone());
        forward(ls, app, &target, "keydown", move |ev| {
            (ev.dyn_ref::<KeyboardEvent>()?.key() == "Enter").then(|| ev.prevent_default())?;
            f()
        })?;
    }
    for kind in ["click", "change"] {
        let d = doc.clone();
        forward(ls, app, by_id(doc, "story")?.as_ref(), kind, move |ev| {
            let action = data_of_event(ev, "[data-story]", "data-story")?;
            let step = data_of_event(ev, "[data-step]", "data-step");
            let caption = super::dom::input_value(&d, "story-caption");
            let c = story::command_of(kind, &action, step.as_deref(), &caption, &value(ev))?;
            command(Command::Story(c))
        })?;
    }
    Ok(())
}

/// A click, Enter or Space in the entity table: sort by a header, or select a row.
fn list_item(ev: &web_sys::Event) -> Option<Event> {
    command(Command::of_list_item(
        data_of_event(ev, "th[data-sort]", "data-sort").as_deref(),
        entity_of_event(ev, "tr[data-entity-id]").as_deref(),
    )?)
}
