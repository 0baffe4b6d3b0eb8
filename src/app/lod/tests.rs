use super::*;
use crate::app::bench::BenchInput;
use crate::app::scene::{label_width, Emphasis};
use crate::app::view::Selection;

/// A scale-free graph of `n` entities (each links to up to three earlier ones, preferring
/// the well linked), laid out with each entity near the first it links to, frozen, on a
/// 1280 × 800 canvas and framed: what a large corpus looks like to the rule.
fn big(n: usize) -> Explorer {
    let mut seed = 7u64;
    let mut rand = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / (1u64 << 31) as f64
    };
    let (mut nodes, mut edges, mut ends) = (Vec::new(), Vec::new(), vec![0usize]);
    let (mut xs, mut ys) = (vec![0.0f64], vec![0.0f64]);
    for i in 0..n {
        for j in 0..i.min(3) {
            let t = ends[(rand() * ends.len() as f64) as usize % ends.len()];
            edges.push(serde_json::json!({ "source": i, "target": t }));
            ends.extend([i, t]);
            if j == 0 {
                let (a, d) = (rand() * std::f64::consts::TAU, 20.0 + rand() * 40.0);
                xs.push(xs[t] + d * a.cos());
                ys.push(ys[t] + d * a.sin());
            }
        }
        let label = format!("实体{i}");
        nodes.push(serde_json::json!({ "id": i, "label": label, "x": xs[i], "y": ys[i] }));
    }
    let json = serde_json::json!({ "graph": { "nodes": nodes, "edges": edges } });
    let input = BenchInput::parse(&json.to_string()).expect("the fixture's shape");
    let mut ex = input.explorer().expect("frozen layout settings");
    ex.resize(1280.0, 800.0);
    ex.fit_to_screen();
    ex.frame();
    ex
}

fn rank_of(ex: &Explorer, e: EntityId) -> usize {
    ex.importance_rank(e)
}

#[test]
fn the_budget_follows_the_canvas_within_bounds() {
    assert_eq!(full_budget(1280.0, 800.0), 512);
    assert_eq!(full_budget(100.0, 100.0), FULL_RANGE.0);
    assert_eq!(full_budget(10_000.0, 10_000.0), FULL_RANGE.1);
    assert_eq!(full_budget(f32::NAN, -3.0), FULL_RANGE.0);
    let order = [EntityId(2), EntityId(0), EntityId(1)];
    assert_eq!(ranks(&order, 3), [1, 2, 0]);
}

#[test]
fn a_small_graph_is_drawn_as_before_with_no_note() {
    let mut ex = crate::app::demo::demo();
    ex.resize(1280.0, 800.0);
    ex.frame();
    let d = ex.level_of_detail();
    assert!(!d.large && !d.hides());
    assert_eq!(d.total, ex.x.entities.len());
    let list = ex.last_frame();
    assert!(list.nodes.iter().all(|n| n.emphasis == Emphasis::Normal));
    assert!(list.nodes.iter().all(|n| n.r > CONTEXT_RADIUS));
    let props = ex.note_change().expect("the first time");
    assert_eq!(props[0], ("lod-note".to_owned(), "hidden", Flag(true)));
    assert_eq!(ex.note_change(), None, "unchanged");
}

use crate::app::session::Prop::{Flag, Text};

#[test]
fn a_large_graph_opens_on_its_most_important_entities_and_the_rest_as_context() {
    let mut ex = big(3_000);
    let d = ex.level_of_detail();
    assert!(d.large && d.hides() && !d.show_all, "{d:?}");
    assert_eq!(d.total, 3_000);
    // All 3,000 are on screen: the budget's 512 are in full, the most important ones.
    assert_eq!((d.shown, d.cut), (512, 512));
    let list = ex.last_frame();
    // Every entity is still drawn: in full, or as a faint small point.
    assert_eq!(list.nodes.len(), 3_000);
    for n in &list.nodes {
        if rank_of(&ex, n.entity) < d.cut {
            assert_eq!(n.emphasis, Emphasis::Normal);
        } else {
            assert_eq!(n.emphasis, Emphasis::Dim);
            assert!(n.r <= CONTEXT_RADIUS);
        }
    }
    // Edges only between entities in full; labels only on them.
    let full = |e: EntityId| rank_of(&ex, e) < d.cut;
    let drawn = list.edges.len();
    let between =
        ex.x.relations
            .iter()
            .filter(|r| full(r.source) && full(r.target))
            .count();
    assert!(drawn > 0 && drawn <= between && between < ex.x.relations.len() / 2);
    assert!(!list.labels.is_empty());
    assert!(list.labels.iter().all(|l| full(l.entity)));
    assert!(list
        .labels
        .windows(2)
        .all(|w| rank_of(&ex, w[0].entity) < rank_of(&ex, w[1].entity)));
    // The note says what is hidden, in both languages, with one button to show all.
    let props = ex.note_change().expect("a note");
    assert_eq!(props[0], ("lod-note".to_owned(), "hidden", Flag(false)));
    assert_eq!(
        props[1].2,
        Text("Showing the 512 most important of 3,000 entities; zoom in for more".into())
    );
    assert_eq!(props[2].2, Text("Show all".into()));
    ex.set_lang(Lang::Zh);
    let props = ex.note_change().expect("another language");
    assert_eq!(
        props[1].2,
        Text("显示最重要的 512 个实体（共 3,000 个），放大可看到更多".into())
    );
    assert_eq!(props[2].2, Text("显示全部".into()));
}

#[test]
fn zooming_in_brings_in_ever_less_important_entities_until_all() {
    let mut ex = big(3_000);
    let mut shown = vec![ex.level_of_detail().shown];
    for _ in 0..6 {
        let (w, h) = (ex.camera.width, ex.camera.height);
        ex.zoom_at(w / 2.0, h / 2.0, 2.0);
        ex.frame();
        let d = ex.level_of_detail();
        // The entities on screen in full are never more than the budget.
        let on_screen_full = ex
            .last_frame()
            .nodes
            .iter()
            .filter(|n| n.x >= 0.0 && n.y >= 0.0 && n.x <= w && n.y <= h)
            .filter(|n| n.emphasis == Emphasis::Normal)
            .count();
        assert!(on_screen_full <= full_budget(w, h), "{on_screen_full}");
        shown.push(d.shown);
    }
    assert!(shown.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
    assert_eq!(shown.last(), Some(&3_000), "{shown:?}");
    assert!(!ex.level_of_detail().hides());
    ex.frame();
    assert!(ex
        .last_frame()
        .nodes
        .iter()
        .all(|n| n.emphasis == Emphasis::Normal));
    let (_, text, _) = note(&ex.level_of_detail(), Lang::En);
    assert_eq!(text, "Every entity in view is shown (3,000 in all)");
}

#[test]
fn the_selection_and_its_neighbours_are_always_in_full() {
    let mut ex = big(3_000);
    // The least important entity: context in the first view.
    let last = *ex.by_importance().last().expect("entities");
    assert!(rank_of(&ex, last) >= ex.level_of_detail().cut);
    ex.update_view(|v| v.selection = Some(Selection::Entity(last)));
    ex.frame();
    let list = ex.last_frame();
    let node = list.nodes.iter().find(|n| n.entity == last).expect("drawn");
    assert_eq!(node.emphasis, Emphasis::Focus);
    assert!(node.r > CONTEXT_RADIUS);
    assert!(list.labels.iter().any(|l| l.entity == last), "its label");
    let neighbours: Vec<EntityId> = ex.graph.incident(last).map(|(o, _)| o).collect();
    assert!(!neighbours.is_empty());
    for o in &neighbours {
        let n = list.nodes.iter().find(|n| n.entity == *o).expect("drawn");
        assert_eq!(n.emphasis, Emphasis::Neighbour);
    }
    let focused = list.edges.iter().filter(|e| e.emphasis == Emphasis::Focus);
    assert_eq!(focused.count(), neighbours.len());
}

#[test]
fn show_all_draws_everything_is_kept_in_the_link_and_says_so() {
    let mut ex = big(3_000);
    ex.update_view(|v| v.show_all = true);
    ex.frame();
    let d = ex.level_of_detail();
    assert!(d.large && d.show_all && !d.hides());
    let list = ex.last_frame();
    assert!(list.nodes.iter().all(|n| n.emphasis == Emphasis::Normal));
    let visible = ex.x.relations_with_ids();
    let visible = visible.filter(|&(i, _)| ex.is_relation_visible(i)).count();
    assert_eq!(list.edges.len(), visible);
    let (hidden, text, button) = note(&d, Lang::En);
    assert!(!hidden);
    assert_eq!(text, "Showing all 3,000 entities");
    assert_eq!(button, "Only the most important");
    assert_eq!(note(&d, Lang::Zh).2, "只显示最重要的");
    let hash = ex.view_hash();
    assert_eq!(hash, "all=1");
    let (v, ok) = crate::app::view::ViewState::from_hash(&hash, &ex.x);
    assert!(ok.is_ok() && v.show_all);
    assert!(
        !crate::app::view::ViewState::from_hash("all=0", &ex.x)
            .0
            .show_all
    );
}

#[test]
fn labels_never_overlap_and_the_list_still_has_every_entity() {
    let mut ex = big(3_000);
    for zoom in [1.0, 1.7, 3.0] {
        let (w, h) = (ex.camera.width, ex.camera.height);
        ex.zoom_at(w / 2.0, h / 2.0, zoom);
        ex.frame();
        let boxes: Vec<(f32, f32, f32, f32)> = ex
            .last_frame()
            .labels
            .iter()
            .map(|l| {
                let tw = label_width(&ex.x.entities[l.entity.index()].label, l.size);
                let lh = l.size * 0.6;
                (l.x, l.y - lh, l.x + tw, l.y + lh)
            })
            .collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
                assert!(!overlap, "{a:?} {b:?}");
            }
        }
    }
    let (_, listed) = ex.table((crate::app::panels::SortKey::Name, false));
    assert_eq!(listed, 3_000);
    // The search finds the least important entity by its name.
    let last = *ex.by_importance().last().expect("entities");
    let label = ex.x.entities[last.index()].label.clone();
    assert_eq!(ex.search(&label).first(), Some(&last));
}

#[test]
fn hidden_kinds_count_out_of_the_rule() {
    let mut ex = big(3_000);
    // The fixture's kinds go round: one kind of four left is 750 entities, below the rule.
    ex.update_view(|v| v.filters.kinds = [true, false, false, false]);
    ex.frame();
    let d = ex.level_of_detail();
    assert_eq!((d.total, d.large), (750, false));
    assert!(note(&d, Lang::En).0);
}

#[test]
fn counts_in_the_note_are_grouped_by_thousands_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        assert_eq!(lang.number(0), "0");
        assert_eq!(lang.number(999), "999");
        assert_eq!(lang.number(1_000), "1,000");
        assert_eq!(lang.number(20_000), "20,000");
        assert_eq!(lang.number(1_234_567), "1,234,567");
    }
    let d = Detail {
        cut: 1_200,
        shown: 1_200,
        total: 20_000,
        large: true,
        show_all: false,
    };
    assert_eq!(
        note(&d, Lang::En).1,
        "Showing the 1,200 most important of 20,000 entities; zoom in for more"
    );
    assert_eq!(
        note(&d, Lang::Zh).1,
        "显示最重要的 1,200 个实体（共 20,000 个），放大可看到更多"
    );
}
