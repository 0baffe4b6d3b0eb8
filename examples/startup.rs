//! Breaks down start-up cost natively: lexicons, model, extraction, layout.
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use std::time::Instant;
fn main() {
    use guanxi::text::knowledge::Loader;
    let mut loader = Loader::new();
    let t = Instant::now();
    while !loader.step_model().expect("the model loads") {}
    println!("model {:?}", t.elapsed());
    let t = Instant::now();
    loader.load_words().expect("words");
    println!("words {:?}", t.elapsed());
    let t = Instant::now();
    loader.load_gazetteer().expect("gazetteer");
    println!("gazetteer {:?}", t.elapsed());
    let t = Instant::now();
    let k = loader.finish().expect("knowledge");
    println!(
        "remaining lexicons (place index, suffixes) {:?}; {} divisions, {} model rows",
        t.elapsed(),
        k.gazetteer.divisions.len(),
        k.model.as_ref().map_or(0, |m| m.rows())
    );
    let page = std::fs::read("data/seed-page.txt").expect("seed");
    let t = Instant::now();
    let drafts = guanxi::text::corpus::read("seed", &page).expect("page");
    let x = guanxi::text::extract(drafts, &k);
    println!("extract {:?} ({} entities)", t.elapsed(), x.entities.len());
    let t = Instant::now();
    let mut ex = guanxi::app::Explorer::new(x);
    ex.settle();
    println!("layout {:?} ({} steps)", t.elapsed(), ex.layout.steps());
}
