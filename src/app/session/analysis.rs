//! The analysis commands: a path between two typed entities, colour and size by a measure,
//! showing and hiding communities.

use super::{Command, Output, Session, Status};
use crate::app::i18n::Msg;
use crate::app::view::{ColourBy, Selection};
use crate::model::EntityId;

impl Session {
    pub(super) fn analysis_command(&mut self, c: Command, out: &mut Output) {
        match c {
            Command::FindPath(from, to) => self.find_path(&from, &to, out),
            Command::PathText(q) => {
                self.path_options = self.explorer.search(&q);
                self.path_options.truncate(super::MAX_SUGGESTIONS);
                out.path_options = true;
            }
            Command::ClearPath => self.update_view(out, |v| v.path = None),
            Command::ColourBy(c) => self.update_view(out, |v| {
                v.colour = c;
                v.filters.hidden_communities.clear();
            }),
            Command::SizeBy(s) => self.update_view(out, |v| v.size = s),
            Command::ShowCommunity(c, on) => self.update_view(out, |v| {
                if on {
                    v.filters.hidden_communities.remove(&c);
                } else {
                    v.filters.hidden_communities.insert(c);
                }
            }),
            _ => {}
        }
    }

    /// Computes a large graph's importance and communities for about `budget_ms` (at least
    /// one step); the table is made again once importance is there, and the view (its
    /// legend) once the communities are, when coloured by community (else only the canvas is
    /// drawn again: its community discs).
    pub(super) fn measure(&mut self, budget_ms: f64, out: &mut Output) {
        use crate::app::measuring::Measured;
        let t0 = self.host.now_ms();
        loop {
            match self.explorer.measure_step() {
                Measured::Nothing => return,
                Measured::Part => {}
                Measured::Ranking => out.list = true,
                Measured::Communities => {
                    out.view = self.explorer.view().colour == ColourBy::Community;
                }
            }
            if self.host.now_ms() - t0 >= budget_ms {
                return;
            }
        }
    }

    /// What the path inputs' list (`#path-options`) gets: [`Session::path_options_html`] (in
    /// [`Session::properties`]' form).
    pub fn path_options_properties(&self) -> Vec<(String, &'static str, super::Prop)> {
        let html = super::Prop::Text(self.path_options_html());
        vec![("path-options".into(), "innerHTML", html)]
    }

    /// The path inputs' options: the entities the text being typed matches, as `<option>`s
    /// of their labels (what Enter or Find path would take first comes first).
    pub fn path_options_html(&self) -> String {
        let mut seen = std::collections::BTreeSet::new();
        self.path_options
            .iter()
            .filter_map(|&e| self.explorer.x.entity(e))
            .filter(|e| seen.insert(e.label.as_str()))
            .map(|e| {
                format!(
                    "<option value=\"{}\"></option>",
                    crate::render::markup::xml_escape(&e.label)
                )
            })
            .collect()
    }

    /// The best match of a text, as Enter in the search box takes it.
    fn best_match(&self, text: &str) -> Result<EntityId, Status> {
        let t = text.trim();
        self.explorer
            .search(t)
            .first()
            .copied()
            .ok_or_else(|| Status::error(self.lang().fill(Msg::NoMatch, &[&t])))
    }

    fn find_path(&mut self, from: &str, to: &str, out: &mut Output) {
        if from.trim().is_empty() || to.trim().is_empty() {
            out.status = Some(Status::info(self.lang().text(Msg::TypeBothEnds)));
            return;
        }
        let ends = self
            .best_match(from)
            .and_then(|a| Ok((a, self.best_match(to)?)));
        let (a, b) = match ends {
            Ok(ends) => ends,
            Err(s) => {
                out.status = Some(s);
                return;
            }
        };
        if a == b {
            out.status = Some(Status::error(self.lang().text(Msg::SameEnds)));
            return;
        }
        let label = |e: EntityId| {
            self.explorer
                .x
                .entity(e)
                .map_or(String::new(), |x| x.label.clone())
        };
        let (la, lb) = (label(a), label(b));
        let mut note = "";
        if !self.explorer.is_visible(a) || !self.explorer.is_visible(b) {
            // An end the filters hide: the filters go back to showing everything.
            self.update_view(out, |v| {
                let hidden = std::mem::take(&mut v.filters.hidden_relations);
                v.filters = Default::default();
                v.filters.hidden_relations = hidden;
                v.focus = None;
            });
            note = self.lang().text(Msg::FiltersReset);
        }
        self.update_view(out, |v| {
            v.path = Some((a, b));
            if matches!(v.selection, Some(Selection::Entity(_)) | None) {
                v.selection = None;
            }
        });
        self.explorer.frame_path();
        let lang = self.lang();
        out.status = Some(match self.explorer.paths() {
            [] => Status::error(lang.fill(Msg::NoPathBetween, &[&la, &lb, &note])),
            [best, others @ ..] => Status::info(lang.fill(
                Msg::PathFound,
                &[&la, &lb, &best.hops.len(), &others.len(), &note],
            )),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{cmd, session, status};
    use super::*;
    use crate::app::panels::SortKey;
    use crate::app::view::SizeBy;
    use crate::model::RelationId;

    #[test]
    fn a_path_between_typed_names_takes_the_best_matches_and_lives_in_the_hash() {
        let mut s = session();
        // 丙局 lies in 乙县, which lies in 甲市 (a partial name is enough).
        let out = cmd(&mut s, Command::FindPath("丙".into(), "甲市".into()));
        assert!(out.view);
        let (text, error) = status(&out);
        assert!(
            !error && text.contains("丙局") && text.contains("2 hop"),
            "{text}"
        );
        let p = &s.explorer().paths()[0];
        assert_eq!(p.entities, [EntityId(2), EntityId(1), EntityId(0)]);
        assert_eq!(p.hops, [RelationId(1), RelationId(0)]);
        let hash = s.explorer().view_hash();
        assert!(hash.contains("path=organisation:"), "{hash}");
        let c = s.explorer().control_state();
        assert_eq!(
            c.values[4..],
            [
                ("path-from", "丙局".to_owned()),
                ("path-to", "甲市".to_owned())
            ]
        );
        // The hash brings it back; Reset clears it.
        let mut t = session();
        t.show_view(&format!("#{hash}"), None);
        assert_eq!(t.explorer().paths()[0].entities, p.entities);
        cmd(&mut s, Command::Reset);
        assert!(s.explorer().paths().is_empty());
    }

    #[test]
    fn a_large_graph_gets_its_communities_over_frames_then_shows_the_legend() {
        use crate::app::measuring::{tests::large, STEPPED_MEASURES};
        fn demo() -> crate::app::Explorer {
            crate::app::Explorer::new(large(STEPPED_MEASURES as u32 + 3000))
        }
        let clock = std::rc::Rc::new(std::cell::Cell::new(0.0));
        let mut s = Session::new(
            Box::new(super::super::tests::Tick(clock)),
            Box::new(crate::app::session::MemoryStorage::default()),
            demo,
        );
        let (_, saved) = s.open(None);
        s.show_view("", saved);
        cmd(&mut s, Command::ColourBy(ColourBy::Community));
        assert!(s.explorer().legend_html().contains("community-pending"));
        let (mut frames, mut list_at, mut view_at) = (0, None, None);
        while s.explorer().is_measuring() {
            let out = s.frame(8.0);
            frames += 1;
            if out.list && list_at.is_none() {
                list_at = Some(frames);
            }
            if out.view {
                view_at = Some(frames);
            }
            assert!(frames < 10_000);
        }
        // Importance first (the table), then the communities (the legend), over many frames.
        let (list_at, view_at) = (list_at.unwrap(), view_at.unwrap());
        assert!(
            1 < list_at && list_at < view_at && view_at == frames,
            "{list_at} {view_at}"
        );
        assert!(!s.explorer().legend_rows().is_empty());
        assert!(s.explorer().degree(EntityId(1)) > 0);
        // Nothing more is computed afterwards.
        let out = s.frame(8.0);
        assert!(!out.view && !out.list);
    }

    #[test]
    fn path_inputs_offer_what_they_match() {
        let mut s = session();
        let out = cmd(&mut s, Command::PathText("县".into()));
        assert!(out.path_options && out.status.is_none());
        assert_eq!(s.path_options_html(), "<option value=\"乙县\"></option>");
    }

    #[test]
    fn no_path_no_match_and_one_end_are_said() {
        let mut s = session();
        let out = cmd(&mut s, Command::FindPath("丙局".into(), "".into()));
        assert!(!status(&out).1 && status(&out).0.contains("both ends"));
        let out = cmd(&mut s, Command::FindPath("丙局".into(), "火星".into()));
        assert_eq!(status(&out), ("No entity matches “火星”.", true));
        let out = cmd(&mut s, Command::FindPath("丙局".into(), "丙局".into()));
        assert!(status(&out).1);
        // 王明 reaches 丙局 only through a co-mention: hidden, no path.
        cmd(&mut s, Command::CoOccurrence(false));
        let out = cmd(&mut s, Command::FindPath("王明".into(), "丙局".into()));
        let (text, error) = status(&out);
        assert!(
            error && text.starts_with("No path between 王明 and 丙局"),
            "{text}"
        );
        assert!(s.explorer().path_html().unwrap().contains("No path"));
        cmd(&mut s, Command::CoOccurrence(true));
        assert_eq!(s.explorer().paths()[0].entities.len(), 3);
        cmd(&mut s, Command::ClearPath);
        assert_eq!(s.explorer().path_html(), None);
    }

    #[test]
    fn colour_size_sort_and_communities_are_commands() {
        let mut s = session();
        cmd(&mut s, Command::ColourBy(ColourBy::Community));
        cmd(&mut s, Command::SizeBy(SizeBy::Degree));
        let hash = s.explorer().view_hash();
        assert!(hash.contains("colour=community") && hash.contains("size=degree"));
        let rows = s.explorer().legend_rows();
        assert!(!rows.is_empty());
        cmd(&mut s, Command::ShowCommunity(rows[0].community, false));
        assert!(!s.explorer().legend_rows()[0].shown);
        assert!(s.explorer().view_hash().contains("hidec=0"));
        cmd(&mut s, Command::ShowCommunity(rows[0].community, true));
        assert!(s.explorer().legend_rows()[0].shown);
        // Choosing an entity of a hidden community shows it again.
        let member = (0..5)
            .map(EntityId)
            .find(|&e| s.explorer().colour_community(e) == Some(rows[0].community))
            .unwrap();
        cmd(&mut s, Command::ShowCommunity(rows[0].community, false));
        assert!(!s.explorer().is_visible(member));
        cmd(&mut s, Command::SelectEntity(member));
        assert!(s.explorer().is_visible(member));
        // Reset keeps the colouring and sizing.
        cmd(&mut s, Command::Reset);
        assert_eq!(s.explorer().view().colour, ColourBy::Community);
        let out = cmd(&mut s, Command::SortBy(SortKey::Importance));
        assert!(out.list);
        let rows = s.explorer().rows(SortKey::Importance, false);
        // 乙县 has the most neighbours and the most weight.
        assert_eq!(rows[0], EntityId(1));
        assert_eq!(
            crate::app::present::aria_sort("importance", s.sort()),
            "descending"
        );
    }
}
