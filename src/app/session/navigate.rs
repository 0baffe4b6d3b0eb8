//! Moving about the graph: selecting, focusing, resetting, the filters and the search
//! suggestions.

use super::{Command, Output, Session, Status, Threshold, MAX_SUGGESTIONS};
use crate::app::i18n::Msg;
use crate::app::view::{Depth, Focus, Selection, ViewState};
use crate::model::EntityId;

impl Session {
    /// Selects an entity from search or a list: makes it visible if filters hid it, centres
    /// it and opens its panels.
    pub(super) fn select_entity(&mut self, e: EntityId, out: &mut Output) {
        let Some(ent) = self.explorer.x.entity(e) else {
            return;
        };
        let (kind, label) = (ent.kind, ent.label.clone());
        let mut v = self.explorer.view().clone();
        let mut note = None;
        if self.is_hidden_by_hand(e) {
            note = Some(self.lang().fill(Msg::HiddenByHand, &[&label]));
        } else if !self.explorer.is_visible(e) {
            v.filters.kinds[kind.index()] = true;
            v.filters.articles = None;
            v.filters.min_mentions = 1;
            v.filters.hidden_communities.clear();
            if v.focus.is_some_and(|f| f.entity != e) {
                v.focus = None;
            }
            note = Some(self.lang().fill(Msg::FiltersChangedToShow, &[&label]));
        }
        v.selection = Some(Selection::Entity(e));
        self.set_view(v, out);
        self.explorer.focus_camera_on(e);
        self.keep_selection_clear();
        if let Some(n) = note {
            out.status = Some(Status::info(n));
        }
    }

    pub(super) fn toggle_focus(&mut self, depth: Depth, out: &mut Output) {
        let current = self.explorer.view().focus;
        let target = match (self.explorer.view().selection, current) {
            (Some(Selection::Entity(e)), _) => Some(e),
            (_, Some(f)) => Some(f.entity),
            _ => None,
        };
        let Some(e) = target else {
            out.status = Some(Status::info(self.lang().text(Msg::SelectFirstToFocus)));
            return;
        };
        let same = current.is_some_and(|f| f.entity == e && f.depth == depth);
        self.update_view(out, |v| {
            v.focus = (!same).then_some(Focus { entity: e, depth })
        });
        self.explorer.fit_to_screen();
    }

    pub(super) fn reset(&mut self, out: &mut Output) {
        // Presentation mode, how nodes are coloured and sized, and whether every entity of a
        // large graph is drawn (an explicit choice of how to draw, like the others, kept in
        // the link as `all=1`) stay.
        let ViewState {
            presentation,
            colour,
            size,
            show_all,
            ..
        } = *self.explorer.view();
        self.set_view(
            ViewState {
                presentation,
                colour,
                size,
                show_all,
                ..ViewState::default()
            },
            out,
        );
        self.explorer.fit_to_screen();
        out.status = Some(Status::info(self.summary()));
    }

    pub(super) fn move_suggestion(&mut self, by: i32, out: &mut Output) {
        if self.suggestions.is_empty() {
            return;
        }
        let n = self.suggestions.len() as i32;
        let cur = self
            .suggestion
            .map_or(if by > 0 { -1 } else { 0 }, |s| s as i32);
        self.suggestion = Some((cur + by).rem_euclid(n) as usize);
        out.suggestions = true;
    }

    pub(super) fn choose_suggestion(&mut self, q: &str, out: &mut Output) {
        if self.suggestions.is_empty() {
            self.suggestions = self.explorer.search(q);
        }
        let pick = self.suggestions.get(self.suggestion.unwrap_or(0)).copied();
        self.hide_suggestions(out);
        match pick {
            Some(e) => {
                self.select_entity(e, out);
                out.focus_graph = true;
            }
            None if q.trim().is_empty() => {}
            None => out.status = Some(Status::error(self.lang().fill(Msg::NoMatch, &[&q.trim()]))),
        }
    }

    pub(super) fn hide_suggestions(&mut self, out: &mut Output) {
        self.suggestions.clear();
        self.suggestion = None;
        out.suggestions = true;
    }

    /// The filters: kinds, articles, thresholds and relation kinds shown.
    pub(super) fn filter_command(&mut self, c: Command, out: &mut Output) {
        match c {
            Command::ToggleArticle(a) => {
                // The browser's own choice (one article, or a Ctrl range) is not made.
                out.prevent_default = true;
                let all = self.explorer.x.articles.len();
                self.update_view(out, |v| {
                    let mut chosen = v.filters.articles.take().unwrap_or_default();
                    if !chosen.remove(&a) {
                        chosen.insert(a);
                    }
                    v.filters.articles =
                        (!chosen.is_empty() && chosen.len() < all).then_some(chosen)
                });
            }
            Command::ShowKind(kind, on) => {
                self.update_view(out, |v| v.filters.kinds[kind.index()] = on)
            }
            Command::Articles(mut chosen) => {
                // The list shows only what the search matches: the articles chosen before
                // that it does not show stay chosen.
                let listed = self.listed_articles();
                if let Some(before) = &self.explorer.view().filters.articles {
                    chosen.extend(before.iter().filter(|a| !listed.contains(a)));
                }
                let all = chosen.len() == self.explorer.x.articles.len();
                self.update_view(out, |v| {
                    v.filters.articles = (!chosen.is_empty() && !all).then_some(chosen)
                });
            }
            Command::AllArticles => self.update_view(out, |v| v.filters.articles = None),
            Command::ArticleSearch(q) => {
                self.article_query = q;
                out.articles = true;
                out.controls = true;
            }
            Command::Threshold(which, text) => match text.trim().parse::<u32>() {
                Ok(n) if n >= 1 => self.update_view(out, |v| match which {
                    Threshold::Mentions => v.filters.min_mentions = n,
                    Threshold::Weight => v.filters.min_weight = n,
                }),
                _ => {
                    out.status = Some(Status::error(self.lang().text(Msg::ThresholdsWhole)));
                    out.controls = true;
                }
            },
            Command::CoOccurrence(on) => self.update_view(out, |v| {
                v.filters
                    .show_relation(crate::model::RelationKind::CoOccurs, on)
            }),
            Command::ShowRelation(kind, on) => {
                self.update_view(out, |v| v.filters.show_relation(kind, on))
            }
            _ => {}
        }
    }

    /// The search box's suggestions.
    pub(super) fn search_command(&mut self, c: Command, out: &mut Output) {
        match c {
            Command::Search(q) => {
                self.suggestions = self.explorer.search(&q);
                self.suggestions.truncate(MAX_SUGGESTIONS);
                self.suggestion = None;
                out.suggestions = true;
            }
            Command::MoveSuggestion(by) => self.move_suggestion(by, out),
            Command::ChooseSuggestion(q) => self.choose_suggestion(&q, out),
            Command::HideSuggestions => self.hide_suggestions(out),
            Command::PickSuggestion(id) => {
                self.hide_suggestions(out);
                if let Some(e) = self.explorer.stable_ids().entity_of(&id) {
                    self.select_entity(e, out);
                    out.focus_graph = true;
                }
            }
            _ => {}
        }
    }
}
