//! A large extraction shown a step at a time: each step short on a big synthetic graph, and the
//! same state in the end as when it is shown at once.

use crate::app::present;
use crate::app::session::tests::{cmd, demo, session, Tick};
use crate::app::session::*;
use crate::model::{fixture, EntityKind, Extraction, Relation, RelationKind};

/// `n` entities in rings of 20, each linked to the next four of its ring, and every 7th to an
/// entity of another ring: about `4n` relations.
fn big(n: u32) -> Extraction {
    let mut relations = Vec::new();
    for i in 0..n {
        let ring = i / 20 * 20;
        for d in 1..5 {
            let j = ring + (i - ring + d) % 20;
            if j < n && j != i {
                relations.push(Relation::plain(i, j, RelationKind::CoOccurs));
            }
        }
        if i % 7 == 0 {
            relations.push(Relation::plain(i, (i * 31 + 17) % n, RelationKind::Within));
        }
    }
    let kinds = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Organisation,
    ];
    let mut entities = fixture::numbered(n, EntityKind::Person, "实体");
    for (i, e) in entities.iter_mut().enumerate() {
        e.kind = kinds[i % 3];
    }
    fixture::graph(entities, relations)
}

/// Shows `x` as a large import's result, `budget_ms` a frame; the frames it took.
fn install(s: &mut Session, x: Extraction, budget_ms: f64) -> usize {
    let mut out = Output::default();
    s.show_extracted(x, 0, 1, 0.0, &mut out);
    for n in 1..100_000 {
        if s.frame(budget_ms).progress == Some(Progress::Hide) {
            return n;
        }
        assert!(s.is_extracting());
    }
    panic!("the install never finished");
}

#[test]
fn installing_in_steps_ends_as_installing_at_once() {
    let x = big(3000);
    let mut steps = session();
    // A step a frame (the test clock moves a millisecond at each look).
    let frames = install(&mut steps, x.clone(), 0.5);
    assert!(frames >= 8, "{frames} frames");
    assert_eq!(steps.explorer().x.entities.len(), 3000, "shown");
    let mut once = session();
    assert_eq!(install(&mut once, x.clone(), 1e12), 1);
    // The graph is drawn first; the panels, the controls made from the corpus and the saved
    // work follow, a frame each.
    for s in [&mut steps, &mut once] {
        let panels = s.frame(0.5);
        assert!(panels.view && !panels.articles && !panels.corpus);
        let controls = s.frame(0.5);
        assert!(controls.articles && controls.controls && !controls.view);
        assert!(s.storage().get(STORAGE_KEY).is_none());
        let save = s.frame(0.5);
        assert!(s.storage().get(STORAGE_KEY).is_some());
        assert!(!save.view && !save.articles);
    }
    // As the explorer made at once would be: the same graph, ranking, table and view, and
    // once settled the same picture.
    let mut direct = Explorer::new(x);
    direct.measure_all();
    direct.carry_layout_from(&demo());
    direct.settle();
    for s in [&mut steps, &mut once] {
        let ex = s.explorer_mut();
        assert!(ex.has_ranking());
        ex.settle();
        assert_eq!(ex.x, direct.x);
        assert_eq!(ex.layout.x, direct.layout.x);
        assert_eq!(ex.layout.y, direct.layout.y);
        let e = crate::model::EntityId(5);
        assert_eq!(ex.relative_importance(e), direct.relative_importance(e));
        assert_eq!(ex.degree(e), direct.degree(e));
        assert_eq!(
            ex.table((SortKey::Importance, false)),
            direct.table((SortKey::Importance, false))
        );
        assert_eq!(ex.view_hash(), direct.view_hash());
    }
    assert_eq!(
        steps.storage().get(STORAGE_KEY),
        once.storage().get(STORAGE_KEY)
    );
}

/// The page's clock: real time.
struct Wall(std::time::Instant);

impl Host for Wall {
    fn now_ms(&self) -> f64 {
        self.0.elapsed().as_secs_f64() * 1000.0
    }
    fn unix_ms(&self) -> f64 {
        0.0
    }
    fn knowledge(
        &self,
    ) -> Result<std::sync::Arc<crate::text::Knowledge>, crate::text::knowledge::KnowledgeError>
    {
        Tick(Default::default()).knowledge()
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // the test times the frames itself
fn each_frame_of_a_big_install_and_of_its_layout_is_short() {
    // 20,000 entities and 82,000 relations, as a corpus of some 2,000 articles gives.
    let x = big(20_000);
    let mut s = Session::new(
        Box::new(Wall(std::time::Instant::now())),
        Box::new(MemoryStorage::default()),
        demo,
    );
    s.open(None);
    s.handle(Event::Resize {
        width: 800.0,
        height: 600.0,
    });
    let mut out = Output::default();
    s.show_extracted(x, 0, 1, 0.0, &mut out);
    let mut longest: f64 = 0.0;
    let mut frames = 0;
    // The install, the frames that show the panels and save, then frames of computing the
    // communities and of layout.
    for _ in 0..60 {
        let t = std::time::Instant::now();
        s.frame(8.0);
        longest = longest.max(t.elapsed().as_secs_f64() * 1000.0);
        frames += 1;
    }
    assert_eq!(s.explorer().x.entities.len(), 20_000);
    assert!(!s.is_extracting() && s.storage().get(STORAGE_KEY).is_some());
    // The communities too were computed in those frames (a slice each).
    assert!(!s.explorer().is_measuring());
    // Release builds (the page's code is optimised) keep every frame under the long-task
    // mark of 50 ms (at most one install step or layout part past the frame's budget); a
    // debug build is an order of magnitude slower.
    let limit = if cfg!(debug_assertions) { 1000.0 } else { 50.0 };
    assert!(longest < limit, "a frame took {longest:.1} ms of {frames}");
}

/// The table's first rows, then the rows each frame adds until none is left.
fn table_as_made(s: &mut Session, first: &Output) -> (String, usize) {
    assert!(first.view || first.corpus || first.list);
    let mut html = s.table().0;
    let mut frames = 0;
    loop {
        let out = s.frame(0.5);
        match out.more_rows {
            Some(rows) => html.push_str(&rows),
            None => return (html, frames),
        }
        frames += 1;
    }
}

#[test]
fn a_long_table_is_made_a_part_a_frame() {
    let mut s = session();
    let first = {
        install(&mut s, big(3000), 1e12);
        s.frame(0.5)
    };
    let (html, frames) = table_as_made(&mut s, &first);
    // 3,000 rows: 100 at once, then 100 a frame.
    assert_eq!(present::TABLE_ROWS, 3000);
    assert_eq!(frames, 29);
    assert_eq!(html, s.explorer().table(s.sort()).0);
    assert_eq!(s.table().0.matches("<tr ").count(), TABLE_FIRST_ROWS);
    // Another sort makes it again from the first rows.
    let sorted = cmd(&mut s, Command::SortBy(SortKey::Name));
    let (html, _) = table_as_made(&mut s, &sorted);
    assert_eq!(html, s.explorer().table(s.sort()).0);
    assert!(html.starts_with(&s.table().0));
    // A table of a few rows is made at once.
    let mut small = session();
    let out = cmd(&mut small, Command::SortBy(SortKey::Name));
    assert_eq!(table_as_made(&mut small, &out).1, 0);
    assert_eq!(small.table(), small.explorer().table(small.sort()));
}

#[test]
fn the_status_line_and_the_path_options_are_element_properties() {
    let props = Status::error("没有").properties();
    let text = |p: &(String, &str, Prop)| match &p.2 {
        Prop::Text(t) => t.clone(),
        Prop::Flag(f) => f.to_string(),
    };
    assert_eq!(props[0].0, "status");
    assert_eq!(
        (props[0].1, text(&props[0])),
        ("textContent", "没有".into())
    );
    assert_eq!((props[1].1, text(&props[1])), ("className", "error".into()));
    assert_eq!(text(&Status::info("好").properties()[1]), "");
    let mut s = session();
    cmd(&mut s, Command::PathText("乙".into()));
    let p = s.path_options_properties();
    assert_eq!((p[0].0.as_str(), p[0].1), ("path-options", "innerHTML"));
    assert_eq!(text(&p[0]), s.path_options_html());
}
