//! Parts of the page the front end fills in as element properties (`(id, property, value)`,
//! see [`Prop`]), so it needs no code of its own for each: the list of sources, the search
//! suggestions, the path inputs' options, the kind and article filters, the panels and the
//! entity list (the status line's are [`super::Status::properties`]).

use super::{Prop, Session};
use crate::app::present;

/// Element properties to set: element id, property name, value.
pub type Props = Vec<(String, &'static str, Prop)>;

fn html(id: &str, markup: String) -> (String, &'static str, Prop) {
    (id.to_owned(), "innerHTML", Prop::Text(markup))
}

impl Session {
    /// The parts an output says changed: filters (a new corpus or article list), the entity
    /// list (when the panels, which include it, are not made again), sources, suggestions,
    /// path options.
    pub fn output_properties(&self, out: &super::Output) -> Props {
        let mut props = Vec::new();
        if out.corpus || out.articles {
            props.extend(self.static_control_properties());
        }
        if out.list && !(out.view || out.corpus) {
            props.extend(self.list_properties());
        }
        let parts = [
            (
                out.sources,
                Session::sources_properties as fn(&Session) -> Props,
            ),
            (out.suggestions, Session::suggestion_properties),
            (out.path_options, Session::path_options_properties),
        ];
        for (changed, part) in parts {
            if changed {
                props.extend(part(self));
            }
        }
        props
    }

    /// The detail and source panels for the current view, and the entity list.
    pub fn panel_properties(&self) -> Props {
        let ex = &self.explorer;
        let passages = present::passages_html(ex, &ex.selected_passages());
        let mut props = vec![
            html("detail-panel", self.detail_html()),
            html("source-panel", passages),
        ];
        props.extend(self.list_properties());
        props
    }

    /// The entity list: its rows, count, and which header sorts it (`aria-sort`).
    pub fn list_properties(&self) -> Props {
        let (rows, count) = self.table();
        let mut props = vec![
            html("entity-rows", rows),
            (
                "entity-count".into(),
                "textContent",
                Prop::Text(count.to_string()),
            ),
        ];
        for key in ["name", "kind", "mentions", "degree", "importance"] {
            let sort = present::aria_sort(key, self.sort);
            props.push((format!("sort-{key}"), "ariaSort", Prop::Text(sort.into())));
        }
        props
    }

    /// The list of sources, with a remove button for each of the user's.
    pub fn sources_properties(&self) -> Props {
        vec![html("sources", present::sources_html(&self.source_rows()))]
    }

    /// The suggestions under the search box, shown when there are any.
    pub fn suggestion_properties(&self) -> Props {
        let rows = self.explorer.suggestion_rows(&self.suggestions);
        let open = !rows.is_empty();
        vec![
            html(
                "suggestions",
                present::suggestions_html(&rows, self.suggestion),
            ),
            ("suggestions".into(), "hidden", Prop::Flag(!open)),
            (
                "search".into(),
                "ariaExpanded",
                Prop::Text(open.to_string()),
            ),
        ]
    }

    /// The kind check boxes (legend colours and counts) and the article options.
    pub fn static_control_properties(&self) -> Props {
        let kinds = present::kind_filters_html(&self.explorer.kind_rows());
        vec![
            html("kind-filters", kinds),
            html("article-filter", self.article_options_html()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::session;
    use super::super::*;

    fn text<'a>(props: &'a [(String, &'static str, Prop)], id: &str, name: &str) -> &'a Prop {
        let found = props.iter().find(|(i, n, _)| i == id && *n == name);
        &found.expect("the property").2
    }

    #[test]
    fn the_page_parts_are_properties_of_their_elements() {
        let p = Status::error("full").properties();
        assert_eq!(
            text(&p, "status", "textContent"),
            &Prop::Text("full".into())
        );
        assert_eq!(text(&p, "status", "className"), &Prop::Text("error".into()));
        let p = Status::info("ok").properties();
        assert_eq!(text(&p, "status", "className"), &Prop::Text(String::new()));
        let mut s = session();
        let Prop::Text(sources) = text(&s.sources_properties(), "sources", "innerHTML").clone()
        else {
            panic!("markup")
        };
        assert!(sources.contains("Demo page"), "{sources}");
        let p = s.suggestion_properties();
        assert_eq!(text(&p, "suggestions", "hidden"), &Prop::Flag(true));
        assert_eq!(
            text(&p, "search", "ariaExpanded"),
            &Prop::Text("false".into())
        );
        s.handle(Event::Command(Command::Search("市".into())));
        let p = s.suggestion_properties();
        assert_eq!(text(&p, "suggestions", "hidden"), &Prop::Flag(false));
        assert_eq!(
            text(&p, "search", "ariaExpanded"),
            &Prop::Text("true".into())
        );
        let p = s.static_control_properties();
        assert!(
            matches!(text(&p, "kind-filters", "innerHTML"), Prop::Text(t) if t.contains("input"))
        );
        assert!(
            matches!(text(&p, "article-filter", "innerHTML"), Prop::Text(t) if t.contains("option"))
        );
        assert_eq!(s.path_options_properties()[0].0, "path-options");
        let out = Output {
            articles: true,
            suggestions: true,
            ..Output::default()
        };
        let ids: Vec<_> = s.output_properties(&out).into_iter().map(|p| p.0).collect();
        let want = [
            "kind-filters",
            "article-filter",
            "suggestions",
            "suggestions",
            "search",
        ];
        assert_eq!(ids, want);
        assert!(s.output_properties(&Output::default()).is_empty());
        // The list alone when the panels (which include it) are not made again.
        let list = |view| {
            let out = Output {
                list: true,
                view,
                ..Output::default()
            };
            let p = s.output_properties(&out);
            p.iter().any(|p| p.0 == "entity-rows")
        };
        assert!(list(false));
        assert!(!list(true));
        let p = s.panel_properties();
        assert!(matches!(
            text(&p, "detail-panel", "innerHTML"),
            Prop::Text(_)
        ));
        assert!(matches!(
            text(&p, "source-panel", "innerHTML"),
            Prop::Text(_)
        ));
        assert!(matches!(text(&p, "entity-rows", "innerHTML"), Prop::Text(t) if t.contains("<tr")));
        assert_eq!(
            text(&p, "entity-count", "textContent"),
            &Prop::Text("5".into())
        );
        assert_eq!(
            text(&p, "sort-mentions", "ariaSort"),
            &Prop::Text("descending".into())
        );
        assert_eq!(
            text(&p, "sort-name", "ariaSort"),
            &Prop::Text("none".into())
        );
    }
}
