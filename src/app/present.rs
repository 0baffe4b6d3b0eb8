//! What the side panels and controls say, as plain data the front end turns into DOM nodes
//! without a decision of its own: the wording of kinds and relations, the detail panel as
//! [`Block`]s, the entity table's rows and sort marks, suggestion rows, the kind filters and the
//! article list. Row caps live here too.

use super::i18n::{kind_name, Lang, Msg};
use super::panels::{Passage, SortKey};
use super::view::Selection;
use super::Explorer;
use crate::model::{ArticleId, EntityId, EntityKind, RelationId, RelationKind};
use crate::render::markup::xml_escape as esc;

/// One row of the list of sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    /// Name and encoding, or the demo page.
    pub text: String,
    /// Articles.
    pub count: usize,
    /// Its position and the remove button's accessible name (none for the demo).
    pub remove: Option<(usize, String)>,
    /// The demo page, shown now.
    pub demo: bool,
}

/// Neighbours listed per relation group in the detail panel.
pub const NEIGHBOUR_ROWS: usize = 60;

/// Rows of the entity table (of the current sort): very large graphs list the first ones.
pub const TABLE_ROWS: usize = 3000;

/// A kind's name in the filters and panels.
pub fn kind_label(k: EntityKind, lang: Lang) -> &'static str {
    lang.text(match k {
        EntityKind::Person => Msg::Person,
        EntityKind::Place => Msg::Place,
        EntityKind::Organisation => Msg::Organisation,
        EntityKind::Programme => Msg::Programme,
    })
}

/// How a relation reads from one end (`outgoing`: from its source), with its label.
pub fn relation_label(k: RelationKind, label: Option<&str>, outgoing: bool, lang: Lang) -> String {
    let base = lang.text(match (k, outgoing) {
        (RelationKind::Within, true) => Msg::LiesIn,
        (RelationKind::Within, false) => Msg::Contains,
        (RelationKind::Role, true) => Msg::HoldsRoleAt,
        (RelationKind::Role, false) => Msg::HasInRole,
        (RelationKind::PartOf, true) => Msg::IsPartOf,
        (RelationKind::PartOf, false) => Msg::HasUnit,
        (RelationKind::CoOccurs, _) => Msg::SameSentenceAs,
    });
    match label {
        Some(l) if k == RelationKind::Role => format!("{base} ({l})"),
        Some(l) => format!("{base} [{l}]"),
        None => base.to_owned(),
    }
}

/// A piece of a panel line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Text in its own element.
    Span(String),
    /// An entity to click, in its kind's colour.
    Entity {
        /// The entity.
        id: EntityId,
        /// Its stable id, the page's `data-entity-id` ([`crate::model::stable`]).
        key: String,
        /// Its label.
        label: String,
        /// Its kind.
        kind: EntityKind,
    },
    /// An article to open.
    Article {
        /// The article.
        id: ArticleId,
        /// Its title.
        title: String,
    },
    /// A relation's evidence to open.
    Evidence {
        /// The relation.
        relation: RelationId,
        /// The button's text.
        text: String,
    },
}

/// A part of the detail panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// The hint shown when nothing is selected.
    Hint(String),
    /// The title, in a kind's colour when it names one entity.
    Title {
        /// The colour's kind.
        kind: Option<EntityKind>,
        /// Its content.
        parts: Vec<Inline>,
    },
    /// The line under the title.
    Meta(String),
    /// A paragraph.
    Para(String),
    /// A group heading.
    Heading(String),
    /// A list, one line per item.
    List(Vec<Vec<Inline>>),
}

impl Explorer {
    fn entity_inline(&self, e: EntityId) -> Option<Inline> {
        let ent = self.x.entity(e)?;
        Some(Inline::Entity {
            id: e,
            key: self.stable_ids().entity(e)?.to_owned(),
            label: ent.label.clone(),
            kind: ent.kind,
        })
    }

    /// The detail panel for the current selection.
    pub fn detail_blocks(&self) -> Vec<Block> {
        match self.view().selection {
            None => vec![Block::Hint(self.lang().text(Msg::Hint).to_owned())],
            Some(Selection::Entity(e)) => self.entity_blocks(e),
            Some(Selection::Relation(r)) => self.relation_blocks(r),
            Some(Selection::Article(a)) => match self.x.article(a) {
                Some(art) => vec![
                    Block::Title {
                        kind: None,
                        parts: vec![Inline::Text(art.display_title())],
                    },
                    Block::Meta(format!("{} · {}", art.authors.join(" "), art.source)),
                ],
                None => Vec::new(),
            },
        }
    }

    fn entity_blocks(&self, e: EntityId) -> Vec<Block> {
        let x = &self.x;
        let (Some(ent), Some(d)) = (x.entity(e), self.detail(e)) else {
            return Vec::new();
        };
        let lang = self.lang();
        let mut out = vec![
            Block::Title {
                kind: Some(ent.kind),
                parts: vec![Inline::Text(ent.label.clone())],
            },
            Block::Meta(lang.fill(
                Msg::EntityMeta,
                &[
                    &kind_label(ent.kind, lang),
                    &lang.count(ent.mentions.len(), Msg::NMentions),
                    &lang.count(d.articles, Msg::NArticles),
                ],
            )),
        ];
        if !ent.aliases.is_empty() {
            out.push(Block::Para(
                lang.fill(Msg::AlsoKnownAs, &[&ent.aliases.join("、")]),
            ));
        }
        for (heading, credited) in [(Msg::Wrote, &d.authored), (Msg::Edited, &d.edited)] {
            if credited.is_empty() {
                continue;
            }
            out.push(Block::Heading(lang.text(heading).to_owned()));
            let items = (credited.iter())
                .filter_map(|&a| {
                    let title = x.article(a)?.display_title();
                    Some(vec![Inline::Article { id: a, title }])
                })
                .collect();
            out.push(Block::List(items));
        }
        for (kind, label, ns) in &d.groups {
            for outgoing in [true, false] {
                // Co-occurrence has no direction: one list of every neighbour.
                let co = *kind == RelationKind::CoOccurs;
                if co && !outgoing {
                    continue;
                }
                let part: Vec<_> = ns.iter().filter(|n| co || n.outgoing == outgoing).collect();
                if !ns.iter().any(|n| n.outgoing == outgoing) {
                    continue;
                }
                out.push(Block::Heading(relation_label(
                    *kind,
                    label.as_deref(),
                    outgoing,
                    lang,
                )));
                let items = part
                    .iter()
                    .take(NEIGHBOUR_ROWS)
                    .filter_map(|n| {
                        let weight = x.relation(n.relation)?.weight;
                        Some(vec![
                            self.entity_inline(n.entity)?,
                            Inline::Evidence {
                                relation: n.relation,
                                text: lang.fill(Msg::EvidenceTimes, &[&weight]),
                            },
                        ])
                    })
                    .collect();
                out.push(Block::List(items));
            }
        }
        out
    }

    fn relation_blocks(&self, r: RelationId) -> Vec<Block> {
        let Some(rel) = self.x.relation(r) else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (
            self.entity_inline(rel.source),
            self.entity_inline(rel.target),
        ) else {
            return Vec::new();
        };
        let lang = self.lang();
        let mut out = vec![
            Block::Title {
                kind: None,
                parts: vec![
                    a,
                    Inline::Span(format!(
                        " — {} — ",
                        relation_label(rel.kind, rel.label.as_deref(), true, lang)
                    )),
                    b,
                ],
            },
            Block::Meta(lang.fill(
                Msg::WeightMeta,
                &[&rel.weight, &lang.count(rel.evidence.len(), Msg::NPassages)],
            )),
        ];
        if rel.evidence.is_empty() {
            out.push(Block::Para(lang.text(Msg::FromGazetteer).to_owned()));
        }
        out
    }

    /// The source panel's passages for the current selection.
    pub fn selected_passages(&self) -> Vec<Passage> {
        match self.view().selection {
            Some(Selection::Entity(e)) => self.sources_for_entity(e),
            Some(Selection::Relation(r)) => self.sources_for_relation(r),
            Some(Selection::Article(a)) => self.passage(a, &[]).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// The entity table for a sort: its rows' markup (at most [`TABLE_ROWS`]) and how many
    /// entities are visible.
    pub fn table(&self, sort: (SortKey, bool)) -> (String, usize) {
        self.table_part(sort, 0..TABLE_ROWS)
    }

    /// Rows `part` of the entity table for a sort (within the first [`TABLE_ROWS`]; a part
    /// beyond the rows is empty) and how many entities are visible.
    pub fn table_part(
        &self,
        (key, descending): (SortKey, bool),
        part: std::ops::Range<usize>,
    ) -> (String, usize) {
        let rows = self.rows(key, descending);
        let selected = match self.view().selection {
            Some(Selection::Entity(e)) => Some(e),
            _ => None,
        };
        let end = part.end.min(rows.len()).min(TABLE_ROWS);
        let shown = rows.get(part.start.min(end)..end).unwrap_or_default();
        (
            super::panels::table_rows_html(self, shown, selected),
            rows.len(),
        )
    }

    /// The kind filters: each kind, its name and how many entities it has.
    pub fn kind_rows(&self) -> Vec<(EntityKind, &'static str, usize)> {
        EntityKind::ALL
            .into_iter()
            .map(|k| {
                let n = self.x.entities.iter().filter(|e| e.kind == k).count();
                (k, kind_label(k, self.lang()), n)
            })
            .collect()
    }

    /// The article filter's options: value and text. Each reads its number, its title (an
    /// untitled article its first words, never a bare number), then where it came from and
    /// its date when known (`3 · 近日，… — 新闻.jsonl · 2024-04-23`).
    pub fn article_options(&self) -> Vec<(ArticleId, String)> {
        self.x
            .articles
            .iter()
            .map(|a| {
                let n = a.id.0 + 1;
                let meta: Vec<&str> = [a.source.trim(), a.date.as_deref().unwrap_or("").trim()]
                    .into_iter()
                    .filter(|m| !m.is_empty())
                    .collect();
                let text = if meta.is_empty() {
                    format!("{n} · {}", a.display_title())
                } else {
                    format!("{n} · {} — {}", a.display_title(), meta.join(" · "))
                };
                (a.id, text)
            })
            .collect()
    }

    /// The suggestion rows: entity (its stable id) and text.
    pub fn suggestion_rows(&self, ids: &[EntityId]) -> Vec<(String, String)> {
        ids.iter()
            .filter_map(|&e| {
                let ent = self.x.entity(e)?;
                let key = self.stable_ids().entity(e)?.to_owned();
                Some((
                    key,
                    format!("{} · {}", ent.label, kind_name(ent.kind, self.lang())),
                ))
            })
            .collect()
    }

    /// What the controls show for the view.
    pub fn control_state(&self) -> ControlState {
        let v = self.view();
        let f = &v.filters;
        let mut checked: Vec<(String, bool)> = EntityKind::ALL
            .iter()
            .map(|k| (format!("kind-filter-{}", k.as_str()), f.kinds[k.index()]))
            .collect();
        checked.push((
            "co-occurs".to_owned(),
            f.shows_relation(RelationKind::CoOccurs),
        ));
        let mut values = vec![
            ("min-mentions", f.min_mentions.to_string()),
            ("min-weight", f.min_weight.to_string()),
            ("colour-by", v.colour.as_str().to_owned()),
            ("size-by", v.size.as_str().to_owned()),
        ];
        // The path inputs show the path's ends; without a path they stay as typed.
        let label = |e: EntityId| self.x.entity(e).map(|x| x.label.clone());
        if let Some((Some(a), Some(b))) = v.path.map(|(a, b)| (label(a), label(b))) {
            values.extend([("path-from", a), ("path-to", b)]);
        }
        ControlState {
            checked,
            values,
            pressed: [
                ("present", v.presentation),
                ("focus-1", v.focus.is_some_and(|f| f.depth.hops() == 1)),
                ("focus-2", v.focus.is_some_and(|f| f.depth.hops() == 2)),
            ],
            presentation: v.presentation,
        }
    }

    /// Whether the article filter's option of this value is selected (none is while every
    /// article is shown).
    pub fn article_chosen(&self, value: &str) -> bool {
        match (&self.view().filters.articles, ArticleId::parse(value)) {
            (Some(set), Some(id)) => set.contains(&id),
            _ => false,
        }
    }
}

/// What the controls show: check boxes and text inputs by element id, toggle buttons by
/// element id and whether pressed, and presentation mode (a class of the page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlState {
    /// Check boxes: the kinds, co-occurrence.
    pub checked: Vec<(String, bool)>,
    /// Text inputs: the thresholds.
    /// Text inputs and menus by element id: the thresholds, colour and size by, and the path's
    /// ends when a path is shown.
    pub values: Vec<(&'static str, String)>,
    /// Toggle buttons: presentation, focus of depth 1 and 2.
    pub pressed: [(&'static str, bool); 3],
    /// Presentation mode.
    pub presentation: bool,
}

/// The `aria-sort` of a table header (`data-sort`) under a sort.
pub fn aria_sort(header: &str, (key, descending): (SortKey, bool)) -> &'static str {
    let known = matches!(
        header,
        "name" | "kind" | "mentions" | "degree" | "importance"
    );
    if SortKey::parse(header) != key || !known {
        return "none";
    }
    // Mentions, degree and importance sort descending by default.
    match (key.descending_first(), descending) {
        (true, false) | (false, true) => "descending",
        _ => "ascending",
    }
}

/// The markup of panel blocks: one string, so the browser builds a panel in one call. Every
/// text is escaped, so whatever the corpus contains stays inert; ids and kinds are ours.
pub fn blocks_html(blocks: &[Block]) -> String {
    let mut o = String::new();
    for b in blocks {
        match b {
            Block::Hint(t) => o.push_str(&format!("<p class=\"hint\">{}</p>", esc(t))),
            Block::Title { kind, parts } => {
                match kind {
                    Some(k) => o.push_str(&format!("<h2 style=\"color: var(--{})\">", k.as_str())),
                    None => o.push_str("<h2>"),
                }
                parts.iter().for_each(|p| inline_html(&mut o, p));
                o.push_str("</h2>");
            }
            Block::Meta(t) => o.push_str(&format!("<div class=\"kind\">{}</div>", esc(t))),
            Block::Para(t) => o.push_str(&format!("<p>{}</p>", esc(t))),
            Block::Heading(t) => o.push_str(&format!("<h3>{}</h3>", esc(t))),
            Block::List(items) => {
                o.push_str("<ul>");
                for item in items {
                    o.push_str("<li>");
                    item.iter().for_each(|p| inline_html(&mut o, p));
                    o.push_str("</li>");
                }
                o.push_str("</ul>");
            }
        }
    }
    o
}

fn inline_html(o: &mut String, i: &Inline) {
    let link = |attr: &str, value: String, style: String, text: &str| {
        format!(
            "<button class=\"link\" {attr}=\"{value}\"{style}>{}</button>",
            esc(text)
        )
    };
    o.push_str(&match i {
        Inline::Text(t) => esc(t),
        Inline::Span(t) => format!("<span>{}</span>", esc(t)),
        Inline::Entity {
            key, label, kind, ..
        } => link(
            "data-entity-id",
            esc(key),
            format!(" style=\"color: var(--{})\"", kind.as_str()),
            label,
        ),
        Inline::Article { id, title } => link("data-article", id.to_string(), String::new(), title),
        Inline::Evidence { relation, text } => {
            link("data-relation", relation.to_string(), String::new(), text)
        }
    });
}

/// The search suggestions' rows, the `active` one marked.
pub fn suggestions_html(rows: &[(String, String)], active: Option<usize>) -> String {
    rows.iter()
        .enumerate()
        .map(|(i, (e, text))| {
            format!(
                "<li role=\"option\" data-entity-id=\"{}\" aria-selected=\"{}\">{}</li>",
                esc(e),
                Some(i) == active,
                esc(text)
            )
        })
        .collect()
}

/// The extraction progress bar: its `value` (0 to 1) and its text.
pub fn progress_bar(done: usize, total: usize, elapsed_s: u32, lang: Lang) -> (String, String) {
    let value = done as f64 / total.max(1) as f64;
    let mut text = lang.fill(Msg::ProgressArticles, &[&done, &total]);
    // The time left at the pace so far, once there is a pace to go by.
    if done > 0 && elapsed_s > 0 {
        let left = (elapsed_s as usize * total.saturating_sub(done)).div_ceil(done);
        text.push_str(&lang.fill(Msg::ProgressTime, &[&elapsed_s, &left]));
    }
    (format!("{value}"), text)
}

/// The kind of a kind filter's check box, by its id (`kind-filter-place`). The boxes are made
/// again for each corpus, so the page listens on their container and asks this.
pub fn kind_of_filter(id: &str) -> Option<EntityKind> {
    EntityKind::parse(id.strip_prefix("kind-filter-")?)
}

/// The kind filters: a check box, a swatch in the kind's colour, its name and count.
pub fn kind_filters_html(rows: &[(EntityKind, &str, usize)]) -> String {
    rows.iter()
        .map(|(k, name, count)| {
            let k = k.as_str();
            format!(
                "<label class=\"kind-row\"><input id=\"kind-filter-{k}\" type=\"checkbox\" \
data-testid=\"kind-filter-{k}\"><span class=\"swatch\" style=\"background: var(--{k})\" \
aria-hidden=\"true\"></span><span>{}</span><span class=\"count\">{count}</span></label>",
                esc(name)
            )
        })
        .collect()
}

/// The article filter's options.
pub fn article_options_html(options: &[(ArticleId, String)]) -> String {
    options
        .iter()
        .map(|(id, text)| {
            let text = esc(text);
            format!("<option value=\"{id}\" title=\"{text}\" data-testid=\"article-option\">{text}</option>")
        })
        .collect()
}

/// Whether an article's row (its [`Explorer::article_options`] text: number, title, source,
/// date) matches the article search: every word of `query`, in any case; an empty query
/// matches every row.
pub fn article_matches(row: &str, query: &str) -> bool {
    let row = row.to_lowercase();
    query
        .split_whitespace()
        .all(|w| row.contains(&w.to_lowercase()))
}

/// The list of sources, with a remove button for each of the user's.
pub fn sources_html(rows: &[SourceRow]) -> String {
    let mut o = String::new();
    for r in rows {
        o.push_str(if r.demo {
            "<li class=\"active-demo\">"
        } else {
            "<li>"
        });
        o.push_str(&format!(
            "<span>{}</span><span class=\"count\">{}</span>",
            esc(&r.text),
            r.count
        ));
        if let Some((i, label)) = &r.remove {
            o.push_str(&format!(
                "<button data-remove-source=\"{i}\" data-testid=\"remove-source\" \
aria-label=\"{}\">✕</button>",
                esc(label)
            ));
        }
        o.push_str("</li>");
    }
    o
}

/// The source panel: each passage's title (a link to the whole article) and its paragraphs,
/// every mention marked with its entity (the panel's subject as `primary`).
pub fn passages_html(ex: &Explorer, passages: &[Passage]) -> String {
    let mut o = String::new();
    for p in passages {
        o.push_str(&format!(
            "<article><h3><button class=\"link\" data-article=\"{}\" \
title=\"{}\">{}</button></h3>",
            p.article,
            ex.lang().text(Msg::ReadWholeArticle),
            esc(&p.title)
        ));
        for para in &p.paragraphs {
            o.push_str("<p>");
            for seg in para {
                let Some(m) = seg.mark else {
                    o.push_str(&esc(&seg.text));
                    continue;
                };
                let primary = if m.primary { " primary" } else { "" };
                let title =
                    ex.x.entity(m.entity)
                        .map_or(String::new(), |e| format!(" title=\"{}\"", esc(&e.label)));
                o.push_str(&format!(
                    "<mark data-entity-id=\"{}\" class=\"{}{primary}\"{title}>{}</mark>",
                    esc(ex.stable_ids().entity(m.entity).unwrap_or_default()),
                    m.kind.as_str(),
                    esc(&seg.text)
                ));
            }
            o.push_str("</p>");
        }
        o.push_str("</article>");
    }
    o
}
