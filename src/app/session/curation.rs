//! Correcting the graph by hand (see [`crate::model::curation`]): the commands of the detail
//! panel's tools and the list of corrections, which corrections belong to the corpus shown
//! (the user's sources, or the demo page), applying them to every new extraction, and what the
//! detail panel and the list show.

use super::{Command, Output, Session, Showing, Status};
use crate::app::i18n::{Lang, Msg};
use crate::app::view::{Selection, ViewState};
use crate::app::Explorer;
use crate::model::curation::{Applied, Correction, Corrections};
use crate::model::{EntityId, EntityKind, Extraction};
use crate::render::markup::xml_escape as esc;

/// A correction asked for in the page: of the selected entity, or an undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Curate {
    /// Give it this name.
    Rename(String),
    /// Make it of this kind.
    Kind(EntityKind),
    /// Merge into it the entity this text names best (as the search box matches names and
    /// aliases).
    MergeWith(String),
    /// Split this alias off into an entity of its own.
    Split(String),
    /// Delete it (it is no entity).
    Delete,
    /// Hide it.
    Hide,
    /// Undo the correction at this position of the list.
    Undo(usize),
}

impl Command {
    /// A curation button's `data-curate` (`rename`, `kind:place`, `merge`, `split:<alias>`,
    /// `delete`, `hide`, `undo:<n>`), with the text of the input its `data-input` names.
    pub fn of_curation(action: &str, text: &str) -> Option<Command> {
        let (what, arg) = action.split_once(':').unwrap_or((action, ""));
        Some(Command::Curate(match what {
            "rename" => Curate::Rename(text.to_owned()),
            "kind" => Curate::Kind(EntityKind::parse(arg)?),
            "merge" => Curate::MergeWith(text.to_owned()),
            "split" if !arg.is_empty() => Curate::Split(arg.to_owned()),
            "delete" => Curate::Delete,
            "hide" => Curate::Hide,
            "undo" => Curate::Undo(arg.parse().ok()?),
            _ => return None,
        }))
    }
}

impl Command {
    /// A key (`None`: the text changed) in a curation input whose `data-enter` is `action`:
    /// Enter does the action with the text; typing in the merge box offers the entities it
    /// matches (the path boxes' list of names).
    pub fn of_curation_input(
        key: Option<String>,
        action: Option<String>,
        text: String,
    ) -> Option<Command> {
        match (key.as_deref(), action.as_deref()) {
            (Some("Enter"), Some(a)) => Command::of_curation(a, &text),
            (None, Some("merge")) => Some(Command::PathText(text)),
            _ => None,
        }
    }
}

/// What the corrections of the corpus shown did.
#[derive(Clone, Debug, Default)]
pub(super) struct Curation {
    /// The extraction as read, before corrections (kept while there are any).
    raw: Option<Extraction>,
    /// Per correction: why it does not apply, if it does not.
    outcomes: Vec<Option<String>>,
    /// Per entity shown: what was corrected by hand.
    pub(super) notes: Vec<Vec<String>>,
    /// Per entity shown: whether it is hidden by hand.
    hidden: Vec<bool>,
}

impl Session {
    /// The corrections of the corpus shown.
    pub fn corrections(&self) -> &Corrections {
        match self.showing {
            Showing::Demo => &self.library.demo_corrections,
            Showing::Library => &self.library.corrections,
        }
    }

    fn corrections_mut(&mut self) -> &mut Corrections {
        match self.showing {
            Showing::Demo => &mut self.library.demo_corrections,
            Showing::Library => &mut self.library.corrections,
        }
    }

    /// A new extraction as read, with the corrections of the corpus shown applied (the
    /// picture carried over from the extraction as read).
    pub(super) fn corrected(&mut self, read: Explorer) -> Explorer {
        if self.corrections().is_empty() {
            self.curation = Curation::default();
            return read;
        }
        let applied = self.corrections().apply(&read.x);
        let mut ex = Explorer::new(Extraction::default());
        // The extraction as read is kept (not copied) once the picture is carried over.
        self.take_applied(Extraction::default(), applied, &mut ex);
        ex.carry_layout_from(&read);
        if let Some(raw) = self.curation.raw.as_mut() {
            *raw = read.x;
        }
        ex
    }

    /// Keeps what `applied` says and makes `ex` show its extraction.
    fn take_applied(&mut self, raw: Extraction, applied: Applied, ex: &mut Explorer) {
        let Applied {
            x,
            hidden,
            notes,
            outcomes,
            ..
        } = applied;
        *ex = Explorer::new(x);
        ex.set_hidden(hidden.clone());
        self.curation = Curation {
            raw: (!outcomes.is_empty()).then_some(raw),
            outcomes,
            notes,
            hidden,
        };
    }

    /// A correction or an undo: the corrections are applied again to the extraction as read,
    /// the view kept (a new or changed entity selected), and the saved work written. A
    /// correction that cannot be made changes nothing and says why.
    pub(super) fn curate(&mut self, c: Curate, out: &mut Output) {
        let mut list = self.corrections().clone();
        let lang = self.lang();
        let (done, undo) = match c {
            Curate::Undo(i) => {
                if i >= list.0.len() {
                    return;
                }
                let undone = list.0.remove(i);
                (lang.fill(Msg::Undone, &[&describe(&undone, lang)]), true)
            }
            c => match self.correction(c) {
                Ok(correction) => {
                    let text = lang.fill(Msg::Done, &[&describe(&correction, lang)]);
                    list.0.push(correction);
                    (text, false)
                }
                Err(why) => {
                    out.status = Some(Status::error(why));
                    return;
                }
            },
        };
        let raw = match &self.curation.raw {
            Some(raw) => raw.clone(),
            None => self.explorer.x.clone(),
        };
        let applied = list.apply(&raw);
        if let (false, Some(Some(why))) = (undo, applied.outcomes.last()) {
            out.status = Some(Status::error(lang.fill(Msg::NothingChanged, &[why])));
            return;
        }
        let last = applied.last;
        *self.corrections_mut() = list;
        let hash = self.explorer.view_hash();
        let mut ex = Explorer::new(Extraction::default());
        self.take_applied(raw, applied, &mut ex);
        self.show_corpus(ex, out);
        let (mut v, _unreadable_parts_dropped) = ViewState::from_hash(&hash, &self.explorer.x);
        if !undo {
            v.selection = last.map(Selection::Entity);
        }
        v.presentation = self.explorer.view().presentation;
        v.filters.hidden_relations = self.explorer.view().filters.hidden_relations.clone();
        self.set_view(v, out);
        self.persist();
        out.status.get_or_insert(Status::info(done));
    }

    /// The correction a command asks for, of the selected entity, or why there is none.
    fn correction(&self, c: Curate) -> Result<Correction, String> {
        let ex = &self.explorer;
        let lang = ex.lang();
        let t = |m: Msg| lang.text(m).to_owned();
        let Some(Selection::Entity(e)) = ex.view().selection else {
            return Err(t(Msg::SelectFirstToCorrect));
        };
        let (Some(ent), Some(entity)) = (ex.x.entity(e), ex.stable_ids().entity(e)) else {
            return Err(t(Msg::SelectFirstToCorrect));
        };
        let entity = entity.to_owned();
        Ok(match c {
            Curate::Rename(name) => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(t(Msg::TypeNewName));
                }
                if name == ent.label {
                    return Err(lang.fill(Msg::SameName, &[&name]));
                }
                Correction::Rename {
                    entity,
                    name: name.to_owned(),
                }
            }
            Curate::Kind(kind) => Correction::Kind { entity, kind },
            Curate::MergeWith(text) => {
                let text = text.trim();
                if text.is_empty() {
                    return Err(lang.fill(Msg::TypeMergeName, &[&ent.label]));
                }
                let Some(other) = ex.search(text).first().copied() else {
                    return Err(lang.fill(Msg::NoMatchNothingChanged, &[&text]));
                };
                if other == e {
                    return Err(lang.fill(Msg::MergeSelf, &[&text, &ent.label]));
                }
                Correction::Merge {
                    into: entity,
                    from: ex.stable_ids().entity(other).unwrap_or_default().to_owned(),
                }
            }
            Curate::Split(alias) => Correction::Split { entity, alias },
            Curate::Delete => Correction::Delete { entity },
            Curate::Hide if self.is_hidden_by_hand(e) => {
                return Err(lang.fill(Msg::AlreadyHidden, &[&ent.label]))
            }
            Curate::Hide => Correction::Hide { entity },
            Curate::Undo(_) => return Err(t(Msg::NothingToUndo)),
        })
    }

    /// The detail panel's markup: the explorer's, with what was corrected by hand marked under
    /// an entity's title and the tools to correct it at the end.
    pub fn detail_html(&self) -> String {
        let blocks = self.explorer.detail_blocks();
        let Some(Selection::Entity(e)) = self.explorer.view().selection else {
            return crate::app::present::blocks_html(&blocks);
        };
        let head = blocks.len().min(2);
        let lang = self.explorer.lang();
        let mut o = crate::app::present::blocks_html(&blocks[..head]);
        if let Some(notes) = self.curation.notes.get(e.index()).filter(|n| !n.is_empty()) {
            o.push_str(&format!(
                "<p class=\"corrected\" data-testid=\"corrected\">{}</p>",
                esc(&lang.fill(Msg::CorrectedNote, &[&notes.join("; ")]))
            ));
        }
        o.push_str(&crate::app::present::blocks_html(&blocks[head..]));
        if let Some(ent) = self.explorer.x.entity(e) {
            o.push_str(&tools_html(ent, lang));
        }
        o
    }

    /// The list of corrections, each with its undo button and, if it no longer applies, why.
    pub fn corrections_html(&self) -> String {
        let list = self.corrections();
        if list.is_empty() {
            return String::new();
        }
        let lang = self.explorer.lang();
        let mut o = format!("<h3>{}</h3><ol>", lang.text(Msg::CorrectedByHand));
        for (i, c) in list.0.iter().enumerate() {
            let why = self.curation.outcomes.get(i).cloned().flatten();
            let (class, note) = match &why {
                Some(w) => (
                    " class=\"not-applying\"",
                    format!(
                        " <span class=\"note\">{}</span>",
                        esc(&lang.fill(Msg::DoesNotApply, &[w]))
                    ),
                ),
                None => ("", String::new()),
            };
            o.push_str(&format!(
                "<li data-testid=\"correction-row\"{class}><span>{}</span>{note} <button data-curate=\"undo:{i}\" data-testid=\"correction-undo\" aria-label=\"{}\">{}</button></li>",
                esc(&describe(c, lang)),
                esc(&lang.fill(Msg::UndoLabel, &[&describe(c, lang)])),
                lang.text(Msg::Undo)
            ));
        }
        o.push_str("</ol>");
        o
    }

    /// The list of corrections as element properties (hidden while there are none).
    pub(super) fn curation_properties(&self) -> [(String, &'static str, super::Prop); 2] {
        let html = self.corrections_html();
        [
            (
                "corrections".to_owned(),
                "hidden",
                super::Prop::Flag(html.is_empty()),
            ),
            (
                "corrections".to_owned(),
                "innerHTML",
                super::Prop::Text(html),
            ),
        ]
    }

    /// Whether the corrections hide an entity.
    pub fn is_hidden_by_hand(&self, e: EntityId) -> bool {
        self.curation
            .hidden
            .get(e.index())
            .copied()
            .unwrap_or(false)
    }
}

/// What a correction does, in a line of the list of corrections, in the interface's language.
fn describe(c: &Correction, lang: Lang) -> String {
    let name =
        |id: &str| crate::model::stable::entity_parts(id).map_or_else(|| id.to_owned(), |(_, n)| n);
    match (lang, c) {
        (Lang::En, c) => c.describe(),
        (_, Correction::Merge { into, from }) => {
            lang.fill(Msg::DidMerge, &[&name(from), &name(into)])
        }
        (_, Correction::Split { entity, alias }) => {
            lang.fill(Msg::DidSplit, &[alias, &name(entity)])
        }
        (_, Correction::Rename { entity, name: to }) => {
            lang.fill(Msg::DidRename, &[&name(entity), to])
        }
        (_, Correction::Kind { entity, kind }) => lang.fill(
            Msg::DidKind,
            &[&name(entity), &crate::app::i18n::kind_name(*kind, lang)],
        ),
        (_, Correction::Delete { entity }) => lang.fill(Msg::DidDelete, &[&name(entity)]),
        (_, Correction::Hide { entity }) => lang.fill(Msg::DidHide, &[&name(entity)]),
    }
}

/// The tools under an entity's details: rename, another kind, merge another into it, split an
/// alias off, hide, delete.
fn tools_html(ent: &crate::model::Entity, lang: Lang) -> String {
    let t = |m: Msg| lang.text(m);
    let mut o = format!(
        "<section class=\"curate\" data-testid=\"curate\"><h3>{}</h3><div class=\"curate-row\">",
        t(Msg::CorrectByHand)
    );
    o.push_str(&format!(
        "<input id=\"curate-name\" data-testid=\"curate-name\" data-enter=\"rename\" value=\"{}\" aria-label=\"{}\" autocomplete=\"off\"> \
<button data-curate=\"rename\" data-input=\"curate-name\" data-testid=\"curate-rename\">{}</button></div>",
        esc(&ent.label),
        t(Msg::NewName),
        t(Msg::Rename)
    ));
    o.push_str(&format!("<div class=\"curate-row\">{}", t(Msg::KindColon)));
    for k in EntityKind::ALL.into_iter().filter(|k| *k != ent.kind) {
        o.push_str(&format!(
            " <button data-curate=\"kind:{k}\" data-testid=\"curate-kind\" data-kind=\"{k}\">{}</button>",
            crate::app::i18n::kind_name(k, lang),
            k = k.as_str()
        ));
    }
    o.push_str(&format!(
        "</div><div class=\"curate-row\"><input id=\"curate-other\" data-testid=\"curate-other\" \
data-enter=\"merge\" list=\"path-options\" \
placeholder=\"{}\" aria-label=\"{}\" autocomplete=\"off\"> \
<button data-curate=\"merge\" data-input=\"curate-other\" data-testid=\"curate-merge\" \
title=\"{}\">{}</button></div>",
        t(Msg::MergePlaceholder),
        t(Msg::MergeLabel),
        esc(t(Msg::MergeTip)),
        t(Msg::MergeIntoThis)
    ));
    if !ent.aliases.is_empty() {
        o.push_str(&format!("<div class=\"curate-row\">{}", t(Msg::SplitOff)));
        for a in &ent.aliases {
            o.push_str(&format!(
                " <button data-curate=\"split:{0}\" data-testid=\"curate-split\" title=\"{1}\">{0}</button>",
                esc(a),
                esc(&lang.fill(Msg::SplitTip, &[a]))
            ));
        }
        o.push_str("</div>");
    }
    o.push_str(&format!(
        "<div class=\"curate-row\"><button data-curate=\"hide\" data-testid=\"curate-hide\">{}</button> \
<button data-curate=\"delete\" data-testid=\"curate-delete\" title=\"{}\">{}</button></div></section>",
        t(Msg::Hide),
        t(Msg::DeleteTip),
        t(Msg::Delete)
    ));
    o
}

#[cfg(test)]
mod tests;
