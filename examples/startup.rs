//! Breaks down start-up cost natively: lexicons, model, extraction, layout.
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use std::time::Instant;
fn main() {
    let t = Instant::now();
    let g = guanxi::text::lexicon::gazetteer();
    println!(
        "gazetteer {:?} ({} divisions)",
        t.elapsed(),
        g.divisions.len()
    );
    let t = Instant::now();
    let m = guanxi::text::ner::shipped();
    println!(
        "model {:?} ({} rows)",
        t.elapsed(),
        m.map_or(0, |m| m.rows())
    );
    let t = Instant::now();
    let _ = guanxi::text::ner::words();
    println!("words {:?}", t.elapsed());
    let t = Instant::now();
    let mut ctx = guanxi::text::ner::Context::default();
    let mut tags = Vec::new();
    if let Some(m) = m {
        m.tag(&['甲', '市'], &mut ctx, &mut tags);
    }
    println!(
        "remaining lexicons (place index, suffixes) {:?}",
        t.elapsed()
    );
    let page = std::fs::read("data/seed-page.txt").expect("seed");
    let t = Instant::now();
    let drafts = guanxi::text::corpus::read("seed", &page).expect("page");
    let x = guanxi::text::extract(drafts);
    println!("extract {:?} ({} entities)", t.elapsed(), x.entities.len());
    let t = Instant::now();
    let mut ex = guanxi::app::Explorer::new(x);
    ex.settle();
    println!("layout {:?} ({} steps)", t.elapsed(), ex.layout.steps());
}
