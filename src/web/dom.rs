//! DOM helpers and the panels. Text always goes in with `set_text_content`, never as HTML, so
//! whatever the corpus contains stays inert.

use super::App;
use crate::app::panels::{Passage, SortKey};
use crate::app::view::Selection;
use crate::model::{EntityId, EntityKind, RelationKind};
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

pub(crate) fn entity_of_event(ev: &Event, selector: &str) -> Option<EntityId> {
    EntityId::parse(&closest(ev, selector)?.get_attribute("data-entity-id")?)
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

fn el(doc: &Document, tag: &str) -> Element {
    // create_element only fails for invalid tag names; ours are constants.
    doc.create_element(tag).expect("valid tag name")
}

fn text_el(doc: &Document, tag: &str, text: &str) -> Element {
    let e = el(doc, tag);
    e.set_text_content(Some(text));
    e
}

fn clear(e: &Element) {
    e.set_text_content(None);
}

fn kind_label(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person 人物",
        EntityKind::Place => "place 地点",
        EntityKind::Organisation => "organisation 机构",
        EntityKind::Programme => "programme 项目",
    }
}

fn relation_label(k: RelationKind, label: Option<&str>, outgoing: bool) -> String {
    let base = match (k, outgoing) {
        (RelationKind::Within, true) => "lies in",
        (RelationKind::Within, false) => "contains",
        (RelationKind::Role, true) => "holds a role at",
        (RelationKind::Role, false) => "has in a role",
        (RelationKind::PartOf, true) => "is part of",
        (RelationKind::PartOf, false) => "has unit",
        (RelationKind::Authored, _) => "wrote",
        (RelationKind::CoOccurs, _) => "same sentence as",
    };
    match label {
        Some(l) if k == RelationKind::Role => format!("{base} ({l})"),
        Some(l) => format!("{base} [{l}]"),
        None => base.to_owned(),
    }
}

impl App {
    /// Kind checkboxes with legend colours and counts; article options.
    pub(crate) fn build_static_controls(&mut self) -> Result<(), JsValue> {
        let doc = &self.document;
        let kinds = by_id(doc, "kind-filters")?;
        clear(&kinds);
        for k in EntityKind::ALL {
            let count = self
                .explorer
                .x
                .entities
                .iter()
                .filter(|e| e.kind == k)
                .count();
            let label = el(doc, "label");
            label.set_class_name("kind-row");
            let input = el(doc, "input");
            input.set_id(&format!("kind-filter-{}", k.as_str()));
            input.set_attribute("type", "checkbox")?;
            input.set_attribute("data-testid", &format!("kind-filter-{}", k.as_str()))?;
            let sw = el(doc, "span");
            sw.set_class_name("swatch");
            sw.set_attribute("style", &format!("background: var(--{})", k.as_str()))?;
            sw.set_attribute("aria-hidden", "true")?;
            label.append_child(&input)?;
            label.append_child(&sw)?;
            label.append_child(&text_el(doc, "span", kind_label(k)))?;
            let c = text_el(doc, "span", &count.to_string());
            c.set_class_name("count");
            label.append_child(&c)?;
            kinds.append_child(&label)?;
        }
        let sel = by_id(doc, "article-filter")?;
        clear(&sel);
        for a in &self.explorer.x.articles {
            let o = text_el(
                doc,
                "option",
                &format!("{} · {}", a.id.0 + 1, a.display_title()),
            );
            o.set_attribute("value", &a.id.to_string())?;
            sel.append_child(&o)?;
        }
        Ok(())
    }

    /// Makes every control show the current view.
    pub(crate) fn apply_view_to_controls(&self) {
        let doc = &self.document;
        let v = self.explorer.view();
        for k in EntityKind::ALL {
            if let Some(i) = doc
                .get_element_by_id(&format!("kind-filter-{}", k.as_str()))
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                i.set_checked(v.filters.kinds[k.index()]);
            }
        }
        if let Some(sel) = doc.get_element_by_id("article-filter") {
            let opts = sel.children();
            for i in 0..opts.length() {
                if let Some(o) = opts
                    .item(i)
                    .and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                {
                    let id = crate::model::ArticleId::parse(&o.value());
                    let on = match (&v.filters.articles, id) {
                        (Some(set), Some(id)) => set.contains(&id),
                        _ => false,
                    };
                    o.set_selected(on);
                }
            }
        }
        let set_input = |id: &str, value: String| {
            if let Some(i) = doc
                .get_element_by_id(id)
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            {
                i.set_value(&value);
            }
        };
        set_input("min-mentions", v.filters.min_mentions.to_string());
        set_input("min-weight", v.filters.min_weight.to_string());
        if let Some(i) = doc
            .get_element_by_id("co-occurs")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            i.set_checked(v.filters.co_occurrence == crate::app::view::CoOccurrence::Shown);
        }
        let pressed = |id: &str, on: bool| {
            if let Some(b) = doc.get_element_by_id(id) {
                let _ignored = b.set_attribute("aria-pressed", if on { "true" } else { "false" });
            }
        };
        pressed("present", v.presentation);
        pressed("focus-1", v.focus.is_some_and(|f| f.depth.hops() == 1));
        pressed("focus-2", v.focus.is_some_and(|f| f.depth.hops() == 2));
        if let Some(root) = doc.document_element() {
            let _ignored = if v.presentation {
                root.class_list().add_1("present")
            } else {
                root.class_list().remove_1("present")
            };
        }
    }

    /// Rebuilds the detail panel, source panel and entity list for the current view.
    pub(crate) fn refresh_panels(&self) {
        if let Err(e) = self
            .render_detail()
            .and_then(|_| self.render_source())
            .and_then(|_| self.render_list())
        {
            report_error(&format!(
                "could not update the panels: {}",
                js_error_text(&e)
            ));
        }
    }

    pub(crate) fn refresh_list(&self) {
        if let Err(e) = self.render_list() {
            report_error(&format!("could not update the list: {}", js_error_text(&e)));
        }
    }

    fn entity_button(&self, e: EntityId) -> Result<Element, JsValue> {
        let doc = &self.document;
        let ent = &self.explorer.x.entities[e.index()];
        let b = text_el(doc, "button", &ent.label);
        b.set_class_name("link");
        b.set_attribute("data-entity-id", &e.to_string())?;
        b.set_attribute("style", &format!("color: var(--{})", ent.kind.as_str()))?;
        Ok(b)
    }

    fn render_detail(&self) -> Result<(), JsValue> {
        let doc = &self.document;
        let panel = by_id(doc, "detail-panel")?;
        clear(&panel);
        let x = &self.explorer.x;
        match self.explorer.view().selection {
            None => {
                let p = text_el(doc, "p", "Click a node or an edge, search, or pick a row in the list. Drag nodes to pin them; scroll or pinch to zoom. Keys: / search, F fit, 1/2 focus, P present, Esc reset.");
                p.set_class_name("hint");
                panel.append_child(&p)?;
            }
            Some(Selection::Entity(e)) => {
                let (Some(ent), Some(d)) = (x.entity(e), self.explorer.detail(e)) else {
                    return Ok(());
                };
                let h = text_el(doc, "h2", &ent.label);
                h.set_attribute("style", &format!("color: var(--{})", ent.kind.as_str()))?;
                panel.append_child(&h)?;
                let meta = text_el(
                    doc,
                    "div",
                    &format!(
                        "{} · {} mentions in {} articles",
                        kind_label(ent.kind),
                        ent.mentions.len(),
                        d.articles
                    ),
                );
                meta.set_class_name("kind");
                panel.append_child(&meta)?;
                if !ent.aliases.is_empty() {
                    panel.append_child(&text_el(
                        doc,
                        "p",
                        &format!("Also: {}", ent.aliases.join("、")),
                    ))?;
                }
                if !d.authored.is_empty() {
                    panel.append_child(&text_el(doc, "h3", "wrote"))?;
                    let ul = el(doc, "ul");
                    for a in &d.authored {
                        let li = el(doc, "li");
                        let b = text_el(doc, "button", &x.articles[a.index()].display_title());
                        b.set_class_name("link");
                        b.set_attribute("data-article", &a.to_string())?;
                        li.append_child(&b)?;
                        ul.append_child(&li)?;
                    }
                    panel.append_child(&ul)?;
                }
                for (kind, label, ns) in &d.groups {
                    for outgoing in [true, false] {
                        let part: Vec<_> = ns.iter().filter(|n| n.outgoing == outgoing).collect();
                        if part.is_empty() || (*kind == RelationKind::CoOccurs && !outgoing) {
                            continue;
                        }
                        let part: Vec<_> = if *kind == RelationKind::CoOccurs {
                            ns.iter().collect()
                        } else {
                            part
                        };
                        panel.append_child(&text_el(
                            doc,
                            "h3",
                            &relation_label(*kind, label.as_deref(), outgoing),
                        ))?;
                        let ul = el(doc, "ul");
                        for n in part.iter().take(60) {
                            let li = el(doc, "li");
                            let b = self.entity_button(n.entity)?;
                            li.append_child(&b)?;
                            let w = x.relations[n.relation as usize].weight;
                            let ev = text_el(doc, "button", &format!(" evidence ×{w}"));
                            ev.set_class_name("link");
                            ev.set_attribute("data-relation", &n.relation.to_string())?;
                            li.append_child(&ev)?;
                            ul.append_child(&li)?;
                        }
                        panel.append_child(&ul)?;
                    }
                }
            }
            Some(Selection::Relation(r)) => {
                let Some(rel) = x.relations.get(r as usize) else {
                    return Ok(());
                };
                let h = el(doc, "h2");
                let b = self.entity_button(rel.source)?;
                h.append_child(&b)?;
                h.append_child(&text_el(
                    doc,
                    "span",
                    &format!(
                        " — {} — ",
                        relation_label(rel.kind, rel.label.as_deref(), true)
                    ),
                ))?;
                let b = self.entity_button(rel.target)?;
                h.append_child(&b)?;
                panel.append_child(&h)?;
                let meta = text_el(
                    doc,
                    "div",
                    &format!(
                        "weight {} · {} supporting passages",
                        rel.weight,
                        rel.evidence.len()
                    ),
                );
                meta.set_class_name("kind");
                panel.append_child(&meta)?;
                if rel.evidence.is_empty() {
                    panel.append_child(&text_el(doc, "p", "Known from the gazetteer of administrative divisions; the text does not state it."))?;
                }
            }
            Some(Selection::Article(a)) => {
                let Some(art) = x.article(a) else {
                    return Ok(());
                };
                panel.append_child(&text_el(doc, "h2", &art.display_title()))?;
                let meta = text_el(
                    doc,
                    "div",
                    &format!("{} · {}", art.authors.join(" "), art.source),
                );
                meta.set_class_name("kind");
                panel.append_child(&meta)?;
            }
        }
        Ok(())
    }

    fn render_source(&self) -> Result<(), JsValue> {
        let doc = &self.document;
        let panel = by_id(doc, "source-panel")?;
        clear(&panel);
        let passages: Vec<Passage> = match self.explorer.view().selection {
            Some(Selection::Entity(e)) => self.explorer.sources_for_entity(e),
            Some(Selection::Relation(r)) => self.explorer.sources_for_relation(r),
            Some(Selection::Article(a)) => self.explorer.passage(a, &[]).into_iter().collect(),
            None => Vec::new(),
        };
        let mut first_primary: Option<Element> = None;
        for p in &passages {
            let art = el(doc, "article");
            let h = el(doc, "h3");
            let b = text_el(doc, "button", &p.title);
            b.set_class_name("link");
            b.set_attribute("data-article", &p.article.to_string())?;
            b.set_attribute("title", "Read the whole article")?;
            h.append_child(&b)?;
            art.append_child(&h)?;
            for para in &p.paragraphs {
                let pe = el(doc, "p");
                for seg in para {
                    match seg.mark {
                        None => {
                            pe.append_child(&doc.create_text_node(&seg.text))?;
                        }
                        Some(m) => {
                            let mk = text_el(doc, "mark", &seg.text);
                            mk.set_attribute("data-entity-id", &m.entity.to_string())?;
                            mk.set_class_name(&format!(
                                "{}{}",
                                m.kind.as_str(),
                                if m.primary { " primary" } else { "" }
                            ));
                            mk.set_attribute(
                                "title",
                                &self.explorer.x.entities[m.entity.index()].label,
                            )?;
                            if m.primary && first_primary.is_none() {
                                first_primary = Some(mk.clone());
                            }
                            pe.append_child(&mk)?;
                        }
                    }
                }
                art.append_child(&pe)?;
            }
            panel.append_child(&art)?;
        }
        if let Some(m) = first_primary {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            m.scroll_into_view_with_scroll_into_view_options(&opts);
        }
        Ok(())
    }

    fn render_list(&self) -> Result<(), JsValue> {
        let doc = &self.document;
        let table = by_id(doc, "entity-list")?;
        let Some(tbody) = table.query_selector("tbody")? else {
            return Ok(());
        };
        let (key, desc) = self.sort;
        let rows = self.explorer.rows(key, desc);
        let selected = match self.explorer.view().selection {
            Some(Selection::Entity(e)) => Some(e),
            _ => None,
        };
        // Very large graphs: the table lists the first 3,000 rows of the current sort.
        let shown = &rows[..rows.len().min(3000)];
        tbody.set_inner_html(&crate::app::panels::table_rows_html(
            &self.explorer,
            shown,
            selected,
        ));
        if let Some(c) = doc.get_element_by_id("entity-count") {
            c.set_text_content(Some(&rows.len().to_string()));
        }
        let heads = table.query_selector_all("th[data-sort]")?;
        for i in 0..heads.length() {
            if let Some(th) = heads.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let k = th.get_attribute("data-sort").unwrap_or_default();
                let this = matches!(
                    (k.as_str(), key),
                    ("name", SortKey::Name)
                        | ("kind", SortKey::Kind)
                        | ("mentions", SortKey::Mentions)
                );
                let dir = match (this, key == SortKey::Mentions, desc) {
                    (false, _, _) => "none",
                    // Mentions sort descending by default.
                    (true, true, false) | (true, false, true) => "descending",
                    _ => "ascending",
                };
                th.set_attribute("aria-sort", dir)?;
            }
        }
        Ok(())
    }

    pub(crate) fn render_suggestions(&self) {
        let doc = &self.document;
        let (Some(list), Some(input)) = (
            doc.get_element_by_id("suggestions"),
            doc.get_element_by_id("search"),
        ) else {
            return;
        };
        clear(&list);
        for (i, &e) in self.suggestions.iter().enumerate() {
            let ent = &self.explorer.x.entities[e.index()];
            let li = text_el(doc, "li", &format!("{} · {}", ent.label, ent.kind.as_str()));
            let _ignored = li.set_attribute("role", "option");
            let _ignored = li.set_attribute("data-entity-id", &e.to_string());
            let _ignored = li.set_attribute(
                "aria-selected",
                if Some(i) == self.suggestion {
                    "true"
                } else {
                    "false"
                },
            );
            let _ignored = list.append_child(&li);
        }
        let open = !self.suggestions.is_empty();
        let _ignored = if open {
            list.remove_attribute("hidden")
        } else {
            list.set_attribute("hidden", "")
        };
        let _ignored = input.set_attribute("aria-expanded", if open { "true" } else { "false" });
    }
}
