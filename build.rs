//! Prepares embedded data in OUT_DIR: the gazetteer and word list deflated, and the
//! NER model (already deflated; an empty file when none has been trained yet).

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    // The single-file page carries the assets outside the wasm (see `text::assets`).
    println!("cargo:rerun-if-env-changed=GUANXI_EXTERNAL_ASSETS");
    let external = env::var("GUANXI_EXTERNAL_ASSETS").is_ok_and(|v| v == "1");
    println!("cargo:rerun-if-changed=data/ner.model");
    // The gazetteer and the word list, deflated (empty when the page carries them).
    for name in ["places.tsv", "words.tsv"] {
        let path = format!("data/{name}");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read(&path).unwrap_or_else(|_| panic!("{path} is part of the repository"));
        let packed = if external {
            Vec::new()
        } else {
            miniz_oxide::deflate::compress_to_vec_zlib(&text, 9)
        };
        fs::write(out.join(format!("{name}.z")), packed).expect("OUT_DIR is writable");
    }
    // The demo page's extraction and settled layout, computed at build time by the native
    // `guanxi prepare` (see scripts/build.sh), so the page opens without first loading the
    // recogniser or laying out; absent, the page does both at start-up. A wasm test checks
    // the wasm core extracts the same.
    println!("cargo:rerun-if-env-changed=GUANXI_PRECOMPUTED");
    let pre = env::var("GUANXI_PRECOMPUTED")
        .ok()
        .filter(|p| !p.is_empty());
    if let Some(p) = &pre {
        println!("cargo:rerun-if-changed={p}");
    }
    let pre = pre.and_then(|p| fs::read(p).ok()).unwrap_or_default();
    fs::write(out.join("seed-prepared.json"), pre).expect("OUT_DIR is writable");
    let model = if external {
        Vec::new()
    } else {
        fs::read("data/ner.model").unwrap_or_default()
    };
    fs::write(out.join("ner.model"), model).expect("OUT_DIR is writable");
}
