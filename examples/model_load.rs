//! Times the parts of loading the NER model file natively.
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use std::time::Instant;
fn main() {
    let bytes = std::fs::read("data/ner.model").expect("model");
    let t = Instant::now();
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(&bytes).expect("zlib");
    println!(
        "inflate {:?} ({} -> {} bytes)",
        t.elapsed(),
        bytes.len(),
        raw.len()
    );
    let t = Instant::now();
    let m = guanxi::text::ner::Model::from_bytes(&bytes).expect("model");
    println!("from_bytes total {:?} ({} rows)", t.elapsed(), m.rows());
}
