//! DOM events → session [`Event`]s. Each listener reads what the DOM knows (a position, a
//! key, a control's value, the id under the pointer) and hands it on with [`send`].

use super::dom::{by_id, data_of_event, entity_of_event, Listener};
use super::{send, Shared};
use crate::app::session::{list_key, Command, Event, ListKey, Threshold, WheelUnit};
use crate::app::view::Depth;
use crate::model::{ArticleId, EntityKind, RelationId};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlInputElement, KeyboardEvent, PointerEvent, WheelEvent};

type Listeners = Vec<Listener>;

/// Wires every listener of the page; they live as long as the app.
pub(crate) fn wire(app: &Shared) -> Result<(), JsValue> {
    let doc = app.borrow().document.clone();
    let mut ls = Vec::new();
    wire_canvas(app, &mut ls)?;
    wire_buttons(app, &doc, &mut ls)?;
    wire_filters(app, &doc, &mut ls)?;
    wire_search(app, &doc, &mut ls)?;
    wire_panels(app, &doc, &mut ls)?;
    super::files::wire(app, &mut ls)?;
    app.borrow_mut().listeners = ls;
    Ok(())
}

fn on(
    ls: &mut Listeners,
    target: &web_sys::EventTarget,
    kind: &'static str,
    f: impl FnMut(web_sys::Event) + 'static,
) -> Result<(), JsValue> {
    ls.push(Listener::new(target, kind, Box::new(f))?);
    Ok(())
}

fn input_of(ev: &web_sys::Event) -> Option<HtmlInputElement> {
    ev.target()?.dyn_into::<HtmlInputElement>().ok()
}

fn checked(ev: &web_sys::Event) -> bool {
    input_of(ev).is_some_and(|i| i.checked())
}

/// Pointer input on the canvas, the wheel, and the window's size.
fn wire_canvas(app: &Shared, ls: &mut Listeners) -> Result<(), JsValue> {
    let (canvas, win) = {
        let a = app.borrow();
        (a.canvas.clone(), a.window.clone())
    };
    type Make = fn(i32, f32, f32) -> Event;
    let kinds: [(&str, Make); 4] = [
        ("pointerdown", |pointer, x, y| Event::PointerDown {
            pointer,
            x,
            y,
        }),
        ("pointermove", |pointer, x, y| Event::PointerMove {
            pointer,
            x,
            y,
        }),
        ("pointerup", |pointer, x, y| Event::PointerUp {
            pointer,
            x,
            y,
        }),
        ("pointercancel", |pointer, x, y| Event::PointerUp {
            pointer,
            x,
            y,
        }),
    ];
    for (kind, make) in kinds {
        let (a, c) = (app.clone(), canvas.clone());
        on(ls, &canvas, kind, move |ev| {
            let Some(p) = ev.dyn_ref::<PointerEvent>() else {
                return;
            };
            if kind == "pointerdown" {
                let _ignored = c.set_pointer_capture(p.pointer_id());
            }
            let (x, y) = (p.offset_x() as f32, p.offset_y() as f32);
            send(&a, make(p.pointer_id(), x, y));
        })?;
    }
    let a = app.clone();
    on(ls, &canvas, "pointerleave", move |_| {
        send(&a, Event::PointerLeave);
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
            let unit = match w.delta_mode() {
                1 => WheelUnit::Line,
                2 => WheelUnit::Page,
                _ => WheelUnit::Pixel,
            };
            let (x, y) = (w.offset_x() as f32, w.offset_y() as f32);
            let delta_y = w.delta_y();
            if send(
                &a,
                Event::Wheel {
                    x,
                    y,
                    delta_y,
                    unit,
                },
            ) {
                w.prevent_default();
            }
        }),
    )?);
    let a = app.clone();
    on(ls, &win, "resize", move |_| {
        if let Ok(mut s) = a.try_borrow_mut() {
            s.resize();
        }
    })
}

/// Header and source buttons, and the page's shortcut keys (not while typing).
fn wire_buttons(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    let buttons = [
        ("fit", Command::Fit),
        ("focus-1", Command::Focus(Depth::One)),
        ("focus-2", Command::Focus(Depth::Two)),
        ("reset", Command::Reset),
        ("present", Command::TogglePresentation),
        ("all-articles", Command::AllArticles),
        ("import-cancel", Command::CancelImport),
        ("demo", Command::ShowDemo),
        ("my-sources", Command::ShowLibrary),
    ];
    for (id, c) in buttons {
        let a = app.clone();
        on(ls, by_id(doc, id)?.as_ref(), "click", move |_| {
            send(&a, Event::Command(c.clone()));
        })?;
    }
    let a = app.clone();
    on(ls, doc, "keydown", move |ev| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if super::dom::typing_target(&ev) || k.ctrl_key() || k.meta_key() || k.alt_key() {
            return;
        }
        if send(&a, Event::Key(k.key())) {
            k.prevent_default();
        }
    })
}

/// Kind check boxes, the article list, thresholds and co-occurrence.
fn wire_filters(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    for kind in EntityKind::ALL {
        let a = app.clone();
        let el = by_id(doc, &format!("kind-filter-{}", kind.as_str()))?;
        on(ls, &el, "change", move |ev| {
            send(&a, Event::Command(Command::ShowKind(kind, checked(&ev))));
        })?;
    }
    let a = app.clone();
    on(
        ls,
        by_id(doc, "article-filter")?.as_ref(),
        "change",
        move |ev| {
            let Some(sel) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            let opts = sel.selected_options();
            let chosen = (0..opts.length())
                .filter_map(|i| opts.item(i)?.get_attribute("value"))
                .filter_map(|v| ArticleId::parse(&v))
                .collect();
            send(&a, Event::Command(Command::Articles(chosen)));
        },
    )?;
    for (id, which) in [
        ("min-mentions", Threshold::Mentions),
        ("min-weight", Threshold::Weight),
    ] {
        let a = app.clone();
        on(ls, by_id(doc, id)?.as_ref(), "change", move |ev| {
            if let Some(input) = input_of(&ev) {
                send(&a, Event::Command(Command::Threshold(which, input.value())));
            }
        })?;
    }
    let a = app.clone();
    on(ls, by_id(doc, "co-occurs")?.as_ref(), "change", move |ev| {
        send(&a, Event::Command(Command::CoOccurrence(checked(&ev))));
    })
}

/// The search box and its suggestions.
fn wire_search(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    let search = by_id(doc, "search")?;
    let a = app.clone();
    on(ls, &search, "input", move |ev| {
        let q = input_of(&ev).map(|i| i.value()).unwrap_or_default();
        send(&a, Event::Command(Command::Search(q)));
    })?;
    let a = app.clone();
    on(ls, &search, "keydown", move |ev| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let query = input_of(&ev).map(|i| i.value()).unwrap_or_default();
        if send(
            &a,
            Event::SearchKey {
                key: k.key(),
                query,
            },
        ) {
            k.prevent_default();
        }
    })?;
    let a = app.clone();
    on(
        ls,
        by_id(doc, "suggestions")?.as_ref(),
        "mousedown",
        move |ev| {
            // Keeps the focus in the search box.
            ev.prevent_default();
            if let Some(e) = entity_of_event(&ev, "li") {
                send(&a, Event::Command(Command::PickSuggestion(e)));
            }
        },
    )?;
    let a = app.clone();
    on(ls, &search, "blur", move |_| {
        send(&a, Event::Command(Command::HideSuggestions));
    })
}

/// Clicks on marks, neighbour links and article links in the panels (delegated), and the
/// entity table's clicks and keys.
fn wire_panels(app: &Shared, doc: &Document, ls: &mut Listeners) -> Result<(), JsValue> {
    for id in ["source-panel", "detail-panel"] {
        let a = app.clone();
        on(ls, by_id(doc, id)?.as_ref(), "click", move |ev| {
            let relation = data_of_event(&ev, "[data-relation]", "data-relation")
                .and_then(|r| RelationId::parse(&r));
            let article = || {
                data_of_event(&ev, "[data-article]", "data-article")
                    .and_then(|a| ArticleId::parse(&a))
            };
            let c = if let Some(r) = relation {
                Command::SelectRelation(r)
            } else if let Some(art) = article() {
                Command::SelectArticle(art)
            } else if let Some(e) = entity_of_event(&ev, "[data-entity-id]") {
                Command::SelectEntity(e)
            } else {
                return;
            };
            send(&a, Event::Command(c));
        })?;
    }
    let list = by_id(doc, "entity-list")?;
    let a = app.clone();
    on(ls, &list, "click", move |ev| activate_list_item(&a, &ev))?;
    let a = app.clone();
    on(ls, &list, "keydown", move |ev| {
        let Some(k) = ev.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let Some(what) = list_key(&k.key()) else {
            return;
        };
        k.prevent_default();
        match what {
            ListKey::Activate => activate_list_item(&a, &ev),
            ListKey::Next => super::dom::move_row_focus(&ev, true),
            ListKey::Previous => super::dom::move_row_focus(&ev, false),
        }
    })
}

/// A click, Enter or Space in the entity table: sort by a header, or select a row.
fn activate_list_item(app: &Shared, ev: &web_sys::Event) {
    let c = if let Some(key) = data_of_event(ev, "th[data-sort]", "data-sort") {
        Command::SortBy(key)
    } else if let Some(e) = entity_of_event(ev, "tr[data-entity-id]") {
        Command::SelectEntity(e)
    } else {
        return;
    };
    send(app, Event::Command(c));
}
