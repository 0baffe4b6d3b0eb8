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
    assert!(
        !ex.is_measuring(),
        "the bench explorer computes its communities"
    );
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
    // Every entity is still drawn: in full, as a faint small point, or in its community's
    // disc (see the aggregate tests below).
    let discs = ex.scene_aggregates();
    let gathered: usize = discs.iter().map(|a| a.count).sum();
    assert_eq!(list.nodes.len(), 3_000 - gathered + discs.len());
    for n in &list.nodes {
        if rank_of(&ex, n.entity) < d.cut {
            assert_eq!(n.emphasis, Emphasis::Normal);
        } else {
            assert_eq!(n.emphasis, Emphasis::Dim);
            let disc = discs
                .iter()
                .any(|a| a.label == n.entity && a.radius() == n.r);
            assert!(n.r <= CONTEXT_RADIUS || disc);
        }
    }
    // Edges only between entities in full; labels only on them.
    let full = |e: EntityId| rank_of(&ex, e) < d.cut;
    // (The faint edges between communities' discs apart.)
    let drawn = list
        .edges
        .iter()
        .filter(|e| e.emphasis != Emphasis::Dim)
        .count();
    let between =
        ex.x.relations
            .iter()
            .filter(|r| full(r.source) && full(r.target))
            .count();
    assert!(drawn > 0 && drawn <= between && between < ex.x.relations.len() / 2);
    // The discs' labels (one each at most), then those of entities in full by importance.
    let (discs, labels) = (ex.scene_aggregates(), &list.labels);
    let named = labels.iter().take_while(|l| !full(l.entity)).count();
    assert!(labels[..named]
        .iter()
        .all(|l| discs.iter().any(|a| a.label == l.entity)));
    assert!(named > 0 && named <= discs.len());
    let of_entities = &labels[named..];
    assert!(!of_entities.is_empty() && of_entities.iter().all(|l| full(l.entity)));
    assert!(of_entities
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

#[test]
fn hidden_communities_are_gathered_into_one_disc_each_at_their_centroid() {
    use super::aggregate::{aggregates, Aggregate, MIN_MEMBERS};
    let mut ex = big(3_000);
    let d = ex.level_of_detail();
    assert!(d.hides());
    let context = |ex: &Explorer, e: EntityId| ex.importance_rank(e) >= d.cut;
    let (list, edges) = aggregates(&ex, |e| context(&ex, e));
    assert!(list.len() >= 2, "{}", list.len());
    let community = ex.measures().community.clone();
    for a in &list {
        let members: Vec<EntityId> = (0..3_000)
            .map(|i| EntityId(i as u32))
            .filter(|&e| community[e.index()] == a.community && context(&ex, e))
            .collect();
        assert_eq!(a.count, members.len());
        assert!(a.count >= MIN_MEMBERS);
        let n = members.len() as f32;
        let cx = members.iter().map(|e| ex.layout.x[e.index()]).sum::<f32>() / n;
        let cy = members.iter().map(|e| ex.layout.y[e.index()]).sum::<f32>() / n;
        assert!((a.centre.0 - cx).abs() < 0.5 && (a.centre.1 - cy).abs() < 0.5);
        // Named after its most important member in context.
        let best = members.iter().min_by_key(|&&e| ex.importance_rank(e));
        assert_eq!(Some(&a.label), best);
        let (x0, y0, x1, y1) = a.bounds;
        assert!(members.iter().all(|e| {
            let (x, y) = (ex.layout.x[e.index()], ex.layout.y[e.index()]);
            x0 <= x && x <= x1 && y0 <= y && y <= y1
        }));
    }
    // Larger communities get larger discs.
    let disc = |count| {
        Aggregate {
            count,
            ..list[0].clone()
        }
        .radius()
    };
    assert!(disc(400) > disc(20) && disc(20) > disc(3));
    // Edges: the relations between two aggregates' members, heaviest first.
    assert!(!edges.is_empty());
    assert!(edges.windows(2).all(|w| w[0].weight >= w[1].weight));
    let e = edges[0];
    let (ca, cb) = (list[e.a].community, list[e.b].community);
    let joining = ex.x.relations.iter().filter(|r| {
        let (s, t) = (community[r.source.index()], community[r.target.index()]);
        context(&ex, r.source)
            && context(&ex, r.target)
            && ((s, t) == (ca, cb) || (s, t) == (cb, ca))
    });
    assert_eq!(e.weight as usize, joining.count());
    // Deterministic.
    assert_eq!(aggregates(&ex, |e| context(&ex, e)), (list.clone(), edges));
    // The frame draws each as one faint disc in its community's colour, its label on it,
    // and no point for the members it gathers.
    ex.frame();
    let frame = ex.last_frame();
    for a in &list {
        let (x, y) = ex.camera.screen_from_world(a.centre.0, a.centre.1);
        let drawn = frame
            .nodes
            .iter()
            .filter(|n| n.community == Some(a.community));
        let discs: Vec<_> = drawn
            .filter(|n| (n.x - x).abs() < 0.01 && (n.y - y).abs() < 0.01)
            .collect();
        assert_eq!(discs.len(), 1, "community {}", a.community);
        assert_eq!((discs[0].r, discs[0].entity), (a.radius(), a.label));
    }
    let gathered =
        |e: EntityId| list.iter().any(|a| a.community == community[e.index()]) && context(&ex, e);
    assert_eq!(ex.scene_aggregates().len(), list.len());
    let points = frame.nodes.iter().filter(|n| n.r <= CONTEXT_RADIUS);
    assert!(points.clone().all(|n| !gathered(n.entity)));
    let shown = (0..3_000).filter(|&i| !gathered(EntityId(i))).count();
    assert_eq!(frame.nodes.len(), shown + list.len());
    // Show all: no aggregates.
    ex.update_view(|v| v.show_all = true);
    ex.frame();
    assert!(ex.scene_aggregates().is_empty());
}

#[test]
fn clicking_an_aggregate_zooms_in_to_its_members() {
    let mut ex = big(3_000);
    // The largest disc with a place no node is drawn over.
    let mut discs = ex.scene_aggregates().to_vec();
    discs.sort_by_key(|a| std::cmp::Reverse(a.count));
    let (biggest, (x, y)) = discs
        .into_iter()
        .find_map(|a| ex.aggregate_click_point(&a).map(|p| (a, p)))
        .expect("a disc to click");
    let scale = ex.camera.scale;
    ex.pointer_down(x, y);
    assert_eq!(ex.pointer_up(x, y), None, "no selection");
    assert!(ex.camera.scale > scale * 1.5, "{} {scale}", ex.camera.scale);
    assert_eq!(ex.view().selection, None);
    // Framed: its members' box fills the view, or (spread wider than twice the zoom) the
    // view is centred on their centroid.
    let (x0, y0, x1, y1) = biggest.bounds;
    let (w, h) = (ex.camera.width, ex.camera.height);
    let (cx, cy) = ex
        .camera
        .screen_from_world((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let (mx, my) = ex
        .camera
        .screen_from_world(biggest.centre.0, biggest.centre.1);
    let centred = |x: f32, y: f32| (x - w / 2.0).abs() < 1.0 && (y - h / 2.0).abs() < 1.0;
    assert!(centred(cx, cy) || centred(mx, my), "{cx} {cy} {mx} {my}");
}

#[test]
fn entities_gathered_into_a_disc_are_not_hit_as_points() {
    let mut ex = big(3_000);
    ex.frame();
    let cut = ex.level_of_detail().cut;
    let community = ex.measures().community.clone();
    let discs = ex.scene_aggregates().to_vec();
    let gathered: Vec<EntityId> = (0..3_000)
        .map(EntityId)
        .filter(|&e| ex.importance_rank(e) >= cut)
        .filter(|e| discs.iter().any(|a| a.community == community[e.index()]))
        .collect();
    assert!(gathered.len() > 1_000, "{}", gathered.len());
    // Not drawn as nodes, so not hit: a click there reaches a disc, a node in full, or
    // nothing; before, the nearest entity within its full radius, most often itself.
    for &e in gathered.iter().step_by(50) {
        let (x, y) = ex.screen_position(e).expect("laid out");
        assert_ne!(ex.hit(x, y), Some(crate::app::Hit::Entity(e)));
    }
}
