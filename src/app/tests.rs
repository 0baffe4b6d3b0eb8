//! Explorer behaviour on real extracted text: filters, focus, hit testing, panels, labels.

use super::view::{Depth, Focus, Selection};
use super::*;
use crate::model::EntityKind;
use crate::text::corpus;

fn explorer() -> Explorer {
    let page = "甲县举办读书活动\n\n本报讯（王明）4月23日，河南省洛阳市栾川县举办“书香校园”主题活动，县教育局局长李建国出席。\n\n\
乙市开展培训\n\n本报讯（陈立）近日，湖北省宜昌市夷陵区开展“书香校园”主题活动，区长周红介绍了情况。\n";
    let drafts = corpus::read("t.txt", page.as_bytes()).expect("text page");
    let mut ex = Explorer::new(crate::text::extract(
        drafts,
        &crate::text::knowledge::testing::shipped(),
    ));
    ex.resize(800.0, 600.0);
    ex.settle();
    ex.fit_to_screen();
    ex
}

fn id(ex: &Explorer, label: &str) -> EntityId {
    ex.x.entities
        .iter()
        .find(|e| e.label == label || e.aliases.iter().any(|a| a == label))
        .unwrap_or_else(|| {
            panic!(
                "no entity {label}: {:?}",
                ex.x.entities.iter().map(|e| &e.label).collect::<Vec<_>>()
            )
        })
        .id
}

#[test]
fn kind_filter_hides_nodes_and_their_edges() {
    let mut ex = explorer();
    let place = id(&ex, "栾川县");
    assert!(ex.is_visible(place));
    ex.update_view(|v| v.filters.kinds[EntityKind::Place.index()] = false);
    assert!(!ex.is_visible(place));
    assert!(!ex.rows(panels::SortKey::Name, false).contains(&place));
    for (i, r) in ex.x.relations_with_ids() {
        if r.source == place || r.target == place {
            assert!(!ex.is_relation_visible(i));
        }
    }
}

#[test]
fn article_filter_counts_mentions_in_shown_articles() {
    let mut ex = explorer();
    let prog = id(&ex, "书香校园");
    assert_eq!(ex.shown_mentions(prog), 2);
    ex.update_view(|v| v.filters.articles = Some([crate::model::ArticleId(1)].into()));
    assert_eq!(ex.shown_mentions(prog), 1);
    assert!(!ex.is_visible(id(&ex, "栾川县")));
    ex.update_view(|v| v.filters.min_mentions = 2);
    assert!(!ex.is_visible(prog));
}

#[test]
fn focus_keeps_only_the_neighbourhood() {
    let mut ex = explorer();
    let a = id(&ex, "栾川县");
    ex.update_view(|v| {
        v.focus = Some(Focus {
            entity: a,
            depth: Depth::One,
        })
    });
    let visible: Vec<EntityId> =
        ex.x.entities
            .iter()
            .map(|e| e.id)
            .filter(|&e| ex.is_visible(e))
            .collect();
    assert!(visible.contains(&a));
    for e in &visible {
        assert!(
            *e == a || ex.graph.incident(a).any(|(o, _)| o == *e),
            "{e:?}"
        );
    }
    assert!(!ex.is_visible(id(&ex, "夷陵区")));
}

#[test]
fn clicking_a_node_selects_it_and_empty_space_clears() {
    let mut ex = explorer();
    let a = id(&ex, "李建国");
    let (x, y) = ex.screen_position(a).unwrap();
    assert_eq!(ex.hit(x + 1.0, y), Some(Hit::Entity(a)));
    ex.pointer_down(x, y);
    assert_eq!(ex.pointer_up(x, y), Some(Some(Selection::Entity(a))));
    assert_eq!(ex.view().selection, Some(Selection::Entity(a)));
    ex.pointer_down(-500.0, -500.0);
    assert_eq!(ex.pointer_up(-500.0, -500.0), Some(None));
}

#[test]
fn dragging_pins_the_node() {
    let mut ex = explorer();
    let a = id(&ex, "李建国");
    let (x, y) = ex.screen_position(a).unwrap();
    ex.pointer_down(x, y);
    ex.pointer_move(x + 50.0, y + 20.0);
    assert_eq!(ex.pointer_up(x + 50.0, y + 20.0), None);
    assert!(ex.layout.pinned[a.index()]);
    let (nx, ny) = ex.screen_position(a).unwrap();
    assert!((nx - x - 50.0).abs() < 0.5 && (ny - y - 20.0).abs() < 0.5);
}

#[test]
fn source_panel_marks_every_mention() {
    let ex = explorer();
    let prog = id(&ex, "书香校园");
    let passages = ex.sources_for_entity(prog);
    assert_eq!(passages.len(), 2);
    for p in &passages {
        let primary: Vec<&panels::Segment> = p
            .paragraphs
            .iter()
            .flatten()
            .filter(|s| s.mark.is_some_and(|m| m.primary))
            .collect();
        assert_eq!(primary.len(), 1);
        assert_eq!(primary[0].text, "书香校园");
    }
}

#[test]
fn relation_evidence_marks_both_ends() {
    let ex = explorer();
    let person = id(&ex, "李建国");
    let (_, rel) = ex
        .graph
        .incident(person)
        .find(|(_, r)| ex.x.relation(*r).unwrap().kind == crate::model::RelationKind::Role)
        .expect("role");
    let p = ex.sources_for_relation(rel);
    let marked: Vec<&str> = p[0]
        .paragraphs
        .iter()
        .flatten()
        .filter(|s| s.mark.is_some_and(|m| m.primary))
        .map(|s| s.text.as_str())
        .collect();
    assert!(
        marked.contains(&"李建国") && marked.iter().any(|t| t.contains("教育局")),
        "{marked:?}"
    );
}

#[test]
fn search_ranks_exact_then_prefix_then_substring() {
    let ex = explorer();
    let hits = ex.search("宜昌");
    assert_eq!(hits.first(), Some(&id(&ex, "宜昌市")));
    assert!(ex.search("   ").is_empty());
    assert!(ex.search("不存在的名字").is_empty());
}

#[test]
fn labels_do_not_overlap_and_include_the_selection() {
    let mut ex = explorer();
    let a = id(&ex, "周红");
    ex.update_view(|v| v.selection = Some(Selection::Entity(a)));
    let labels = ex.frame().labels.clone();
    assert!(labels.iter().any(|l| l.entity == a));
    let size = |l: &scene::DrawLabel| {
        let w = ex.x.entities[l.entity.index()].label.chars().count() as f32 * l.size;
        (l.x, l.y - l.size * 0.6, l.x + w, l.y + l.size * 0.6)
    };
    let forced: Vec<EntityId> = ex.graph.incident(a).map(|(o, _)| o).chain([a]).collect();
    let free: Vec<_> = labels
        .iter()
        .filter(|l| !forced.contains(&l.entity))
        .collect();
    for (i, p) in free.iter().enumerate() {
        for q in &free[i + 1..] {
            let (a, b) = (size(p), size(q));
            assert!(
                !(a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3),
                "{p:?} overlaps {q:?}"
            );
        }
    }
}

/// Whether any two drawn labels' rectangles (as the scene estimates their text) overlap.
fn overlapping_labels(ex: &Explorer, labels: &[scene::DrawLabel]) -> Option<(String, String)> {
    let rect = |l: &scene::DrawLabel| {
        let w = scene::label_width(&ex.x.entities[l.entity.index()].label, l.size);
        (l.x, l.y - l.size * 0.6, l.x + w, l.y + l.size * 0.6)
    };
    let name = |l: &scene::DrawLabel| ex.x.entities[l.entity.index()].label.clone();
    for (i, p) in labels.iter().enumerate() {
        for q in &labels[i + 1..] {
            let (a, b) = (rect(p), rect(q));
            if a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3 {
                return Some((name(p), name(q)));
            }
        }
    }
    None
}

#[test]
fn no_two_labels_overlap_around_a_selected_hub() {
    // A place with sixteen parts drawn close around it: every label the frame draws, the
    // selection's and its neighbours' included, has a place of its own.
    use crate::model::{Article, ArticleId, Entity, Relation, RelationKind, Span};
    let names = [
        "东城区",
        "西城区",
        "朝阳区",
        "丰台区",
        "石景山区",
        "海淀区",
        "门头沟区",
        "房山区",
        "通州区",
        "顺义区",
        "昌平区",
        "大兴区",
        "怀柔区",
        "平谷区",
        "密云区",
        "延庆区",
    ];
    let span = Span {
        article: ArticleId(0),
        start: 0,
        end: 2,
    };
    let entity = |i: usize, label: &str| Entity {
        id: EntityId(i as u32),
        kind: EntityKind::Place,
        label: label.into(),
        aliases: vec![],
        mentions: vec![span],
    };
    let mut x = Extraction {
        articles: vec![Article {
            source: "s".into(),
            ..crate::model::fixture::article(0, "t", "北京市")
        }],
        entities: vec![entity(0, "北京市")],
        relations: vec![],
        credits: vec![],
    };
    for (i, n) in names.iter().enumerate() {
        x.entities.push(entity(i + 1, n));
        x.relations.push(Relation {
            evidence: vec![span],
            ..Relation::plain(i as u32 + 1, 0, RelationKind::Within)
        });
    }
    let mut ex = Explorer::new(x);
    ex.resize(800.0, 600.0);
    ex.settle();
    // Squeeze the neighbours into a ring a few label heights across, far from the rest.
    let n = names.len();
    for i in 0..=n {
        let angle = i as f32 / n as f32 * std::f32::consts::TAU;
        let r = if i == 0 { 0.0 } else { 1.0 };
        ex.layout.x[i] = r * angle.cos();
        ex.layout.y[i] = r * angle.sin();
    }
    ex.update_view(|v| v.selection = Some(Selection::Entity(EntityId(0))));
    for zoom in [0.15, 0.3, 1.0] {
        ex.fit_to_screen();
        ex.zoom_at(400.0, 300.0, zoom);
        let labels = ex.frame().labels.clone();
        assert!(labels.iter().any(|l| l.entity == EntityId(0)), "{labels:?}");
        assert!(labels.len() > 4, "only {} labels", labels.len());
        assert_eq!(overlapping_labels(&ex, &labels), None, "at zoom {zoom}");
    }
}

#[test]
fn fitted_labels_stay_inside_the_canvas() {
    // A narrow canvas, as on a phone or a projector's side panel: labels of nodes at the
    // edges take the side that keeps them readable instead of running off it.
    let mut ex = explorer();
    ex.resize(320.0, 480.0);
    ex.fit_to_screen();
    let labels = ex.frame().labels.clone();
    assert!(labels.len() >= 5, "{labels:?}");
    for l in &labels {
        let w = scene::label_width(&ex.x.entities[l.entity.index()].label, l.size);
        assert!(
            l.x >= 0.0 && l.x + w <= 320.0,
            "{} at {}..{} runs off a 320 px canvas",
            ex.x.entities[l.entity.index()].label,
            l.x,
            l.x + w
        );
    }
}

#[test]
fn adding_articles_keeps_the_picture_of_what_was_there() {
    let old = explorer();
    let page = "甲县举办读书活动\n\n本报讯（王明）4月23日，河南省洛阳市栾川县举办“书香校园”主题活动，县教育局局长李建国出席。\n\n\
乙市开展培训\n\n本报讯（陈立）近日，湖北省宜昌市夷陵区开展“书香校园”主题活动，区长周红介绍了情况。\n\n\
丙地新闻\n\n本报讯（赵云）江苏省南京市玄武区举办展览，栾川县代表参加。\n";
    let drafts = corpus::read("t.txt", page.as_bytes()).expect("text page");
    let mut new = Explorer::new(crate::text::extract(
        drafts,
        &crate::text::knowledge::testing::shipped(),
    ));
    new.resize(800.0, 600.0);
    new.carry_layout_from(&old);
    let a_old = id(&old, "夷陵区");
    let a_new = id(&new, "夷陵区");
    assert_eq!(
        (new.layout.x[a_new.index()], new.layout.y[a_new.index()]),
        (old.layout.x[a_old.index()], old.layout.y[a_old.index()])
    );
    let fresh = id(&new, "玄武区");
    assert!(new.layout.x[fresh.index()].is_finite());
    assert!(
        !new.layout.converged(),
        "the layout moves on from the carried positions"
    );
}

#[test]
fn a_prepared_corpus_opens_settled_where_it_was_laid_out() {
    let ex = explorer();
    let prepared = Prepared::new(ex.x.clone());
    // Through JSON, as the build embeds it: f32 positions survive exactly.
    let json = serde_json::to_string(&prepared).expect("serialises");
    let back: Prepared = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, prepared);
    let mut opened = Explorer::from_prepared(back);
    assert!(opened.layout.converged());
    assert_eq!(
        (&opened.layout.x, &opened.layout.y),
        (&ex.layout.x, &ex.layout.y)
    );
    assert!(!opened.tick(1), "nothing left to lay out");
    // Positions that do not fit the extraction are ignored, not trusted.
    let mut short = prepared.clone();
    short.x.pop();
    let fresh = Explorer::from_prepared(short);
    assert!(!fresh.layout.converged());
    let mut nan = prepared;
    nan.y[0] = f32::NAN;
    assert!(!Explorer::from_prepared(nan).layout.converged());
}

#[test]
fn table_rows_are_markup_with_escaped_labels() {
    let page = "标题\n\n本报讯（王明）河南省<b>商会</b>举办活动，王明出席。";
    let drafts = corpus::read("t.txt", page.as_bytes()).expect("text page");
    let mut x = crate::text::extract(drafts, &crate::text::knowledge::testing::shipped());
    // A label as hostile as imported text can make one.
    x.entities[0].label = "<script>alert(1)</script>".to_owned();
    let ex = Explorer::new(x);
    let rows = ex.rows(panels::SortKey::Name, false);
    let html = panels::table_rows_html(&ex, &rows, rows.first().copied());
    assert_eq!(html.matches("<tr ").count(), rows.len());
    assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
    assert_eq!(html.matches("aria-selected=\"true\"").count(), 1);
    let first = ex.stable_ids().entity(rows[0]).unwrap_or_default();
    assert!(html.contains(&format!("data-entity-id=\"{first}\"")));
    assert!(!html.contains("data-entity-id=\"e"));
}

#[test]
fn a_test_names_an_entity_by_id_or_number() {
    let ex = explorer();
    let n = ex.x.entities.len();
    assert_eq!(ex.entity_of_test_arg(Some("e1"), None), Some(EntityId(1)));
    assert_eq!(ex.entity_of_test_arg(None, Some(2.0)), Some(EntityId(2)));
    assert_eq!(ex.entity_of_test_arg(None, Some(2.5)), None);
    assert_eq!(ex.entity_of_test_arg(None, Some(-1.0)), None);
    assert_eq!(ex.entity_of_test_arg(Some(&format!("e{n}")), None), None);
    assert_eq!(
        ex.entity_of_test_arg(Some("x"), Some(0.0)),
        Some(EntityId(0))
    );
}

#[test]
fn lazy_ranking_and_ids_agree_with_the_eager_ones() {
    // Importance and degree asked for alone (the table) or with the communities give the same.
    let (a, b) = (explorer(), explorer());
    let ranked: Vec<_> =
        a.x.entities
            .iter()
            .map(|e| (a.degree(e.id), a.relative_importance(e.id)))
            .collect();
    let m = b.measures();
    let n = m.importance.len() as f64;
    let full: Vec<_> =
        b.x.entities
            .iter()
            .map(|e| (m.degree[e.id.index()], m.importance[e.id.index()] * n))
            .collect();
    assert_eq!(ranked, full);
    assert_eq!(a.measures(), b.measures());
    // Stable ids made when first asked for are those of the extraction shown.
    let ids = crate::model::stable::StableIds::of(&a.x);
    for (r, _) in a.x.relations_with_ids() {
        let id = a
            .stable_ids()
            .relation(r)
            .expect("every relation has an id");
        assert_eq!(ids.relation(r), Some(id));
        assert_eq!(a.stable_ids().relation_of(id), Some(r));
        assert_eq!(
            crate::model::stable::relation_id(&a.x, r).as_deref(),
            Some(id)
        );
    }
    assert!(!a.x.relations.is_empty());
}

#[test]
fn a_frame_of_a_camera_move_asks_for_the_next_so_the_picture_ends_in_full() {
    use crate::render::Motion;
    let mut ex = explorer();
    ex.frame();
    assert_eq!(ex.frame().motion, Motion::Still, "the camera did not move");
    assert!(!ex.needs_redraw());
    ex.zoom_at(400.0, 300.0, 1.5);
    assert_eq!(ex.frame().motion, Motion::Moving);
    // Drawn perhaps coarser: the next frame is asked for, and drawn in full.
    assert!(ex.needs_redraw());
    assert_eq!(ex.frame().motion, Motion::Still);
    assert!(!ex.needs_redraw());
}
