//! Tagging speed of the shipped recogniser on the MSRA test split: nine passes in one process
//! (the first loads the lexicons), median and best, so that one slow moment of a shared
//! machine does not decide the number. `cargo run --release --example ner_speed`
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use guanxi::text::{msra, ner};
use std::time::Instant;

fn main() {
    let Ok(text) = std::fs::read_to_string("corpora/dh_msra.txt") else {
        eprintln!("corpora/dh_msra.txt is missing: run scripts/train-ner.sh once to fetch it");
        std::process::exit(2);
    };
    let all = msra::parse(&text).expect("MSRA corpus");
    let test = &all[msra::TEST_START.min(all.len())..];
    let chars: usize = test.iter().map(|s| s.chars.len()).sum();
    let k = guanxi::text::Knowledge::embedded().expect("the built-in knowledge loads");
    let Some(model) = &k.model else {
        eprintln!("no recogniser in this build");
        std::process::exit(2);
    };
    model.recognise(&['甲', '市'], &k.lexicon, &mut ner::Context::default());
    let mut rates: Vec<f64> = (0..9)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(msra::evaluate(model, test, &k));
            chars as f64 / t.elapsed().as_secs_f64() / 1e6
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "{chars} chars, 9 passes: median {:.3} M chars/s, best {:.3}",
        rates[4], rates[8]
    );
}
