//! Times each step of showing a large extraction (issue 20: no main-thread task over 50 ms),
//! as `Session::install` and the page do them after an import, natively.
//! `cargo run --release --example install -- GRAPH.json [JSONL]` where GRAPH.json is what
//! `guanxi extract JSONL` wrote (e.g. the MSRA text, `scripts/msra-jsonl.py … 1`).
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use guanxi::app::{panels::SortKey, Explorer};
use std::time::Instant;

fn ms(t: Instant) -> String {
    format!("{:.1} ms", t.elapsed().as_secs_f64() * 1000.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: install GRAPH.json [JSONL]");
    let bytes = std::fs::read(path).expect("the graph JSON reads");
    let x: guanxi::model::Extraction = serde_json::from_slice(&bytes).expect("graph JSON");
    println!(
        "{} articles, {} entities, {} relations",
        x.articles.len(),
        x.entities.len(),
        x.relations.len()
    );
    let old = guanxi::app::demo::demo();
    let t = Instant::now();
    let g = guanxi::graph::KnowledgeGraph::build(&x);
    println!("  of which KnowledgeGraph::build {}", ms(t));
    let t = Instant::now();
    let _ = g.weighted_degree(&x);
    println!("  of which weighted_degree    {}", ms(t));
    let t = Instant::now();
    let ids = guanxi::model::stable::StableIds::of(&x);
    println!("  of which StableIds::of      {}", ms(t));
    drop((g, ids));
    let t = Instant::now();
    let _ = guanxi::app::timeline::corpus_dates(&x);
    println!("  of which corpus_dates       {}", ms(t));
    // The steps of a large import's install in the page (`app::session::install`).
    let t = Instant::now();
    let g = guanxi::graph::KnowledgeGraph::build(&x);
    println!("install step: graph           {}", ms(t));
    let t = Instant::now();
    let layout = Explorer::layout_of(&x);
    println!("install step: layout_of       {}", ms(t));
    let copy = x.clone();
    let t = Instant::now();
    let mut staged = Explorer::with_layout(copy, g, layout);
    println!("install step: with_layout     {}", ms(t));
    let t = Instant::now();
    let mut ranking = guanxi::graph::analysis::Ranking::new(&staged.graph, &staged.x);
    println!("install step: Ranking::new    {}", ms(t));
    let t = Instant::now();
    ranking.step(&staged.graph, 2048);
    println!("install step: PageRank's rows {}", ms(t));
    let (mut steps, mut longest) = (0, 0.0f64);
    loop {
        let t = Instant::now();
        let done = ranking.step(&staged.graph, 2048);
        longest = longest.max(t.elapsed().as_secs_f64() * 1000.0);
        steps += 1;
        if done {
            break;
        }
    }
    staged.set_ranking(ranking.finish(&staged.graph));
    println!("install steps: PageRank iterations, degrees: {steps} steps, longest {longest:.1} ms");
    let (mut parts, mut longest) = (0, 0.0f64);
    for _ in 0..20 {
        let t = Instant::now();
        staged.tick_part(1024);
        longest = longest.max(t.elapsed().as_secs_f64());
        parts += 1;
    }
    println!(
        "layout tick_part(1024)        {parts} parts, longest {:.1} ms",
        longest * 1000.0
    );
    let t = Instant::now();
    let read = Explorer::new(x.clone());
    println!("Explorer::new                 {}", ms(t));
    // One correction (hide the first entity): `Session::corrected` applies it.
    let key = guanxi::app::view::entity_key(&read.x, guanxi::model::EntityId(0)).expect("key");
    let corrections =
        guanxi::model::curation::Corrections(vec![guanxi::model::curation::Correction::Hide {
            entity: key,
        }]);
    let t = Instant::now();
    let applied = corrections.apply(&read.x);
    let mut ex = Explorer::new(applied.x);
    ex.set_hidden(applied.hidden);
    ex.carry_layout_from(&read);
    println!("corrections (1, as corrected) {}", ms(t));
    let t = Instant::now();
    ex.carry_layout_from(&old);
    println!("carry_layout_from (demo)      {}", ms(t));
    let t = Instant::now();
    ex.invalidate();
    ex.tick(10);
    println!("first tick(10)                {}", ms(t));
    let t = Instant::now();
    ex.fit_to_screen();
    println!("fit_to_screen                 {}", ms(t));
    let t = Instant::now();
    let kinds = guanxi::app::present::kind_filters_html(&ex.kind_rows());
    let opts = guanxi::app::present::article_options_html(&ex.article_options());
    println!(
        "kind filters + article options {} ({} bytes)",
        ms(t),
        kinds.len() + opts.len()
    );
    let t = Instant::now();
    let _ = ex.relative_importance(guanxi::model::EntityId(0));
    println!("  importance, degree (table)  {}", ms(t));
    let t = Instant::now();
    let (table, n) = ex.table((SortKey::parse("mentions"), true));
    println!(
        "table                         {} ({n} rows, {} bytes)",
        ms(t),
        table.len()
    );
    let t = Instant::now();
    let hash = ex.view_hash();
    println!("view hash                     {}", ms(t));
    if let Some(jsonl) = args.get(2) {
        let mut lib = guanxi::io::library::Library::default();
        let b = std::fs::read(jsonl).expect("the JSON Lines read");
        lib.add_file("msra.jsonl", &b).expect("the file adds");
        let t = Instant::now();
        let saved = guanxi::io::library::save(&lib, &hash);
        println!(
            "library::save                 {} ({} bytes)",
            ms(t),
            saved.len()
        );
    }
    ex.resize(1280.0, 800.0);
    let t = Instant::now();
    let n = ex.frame().nodes.len();
    println!("first frame() scene           {} ({n} items)", ms(t));
    let t = Instant::now();
    let n = ex.frame().nodes.len();
    println!("second frame() scene          {} ({n} items)", ms(t));
    let t = Instant::now();
    ex.tick(1);
    println!("tick(1)                       {}", ms(t));
}
