#![cfg(not(target_arch = "wasm32"))]
//! A short, deterministic pass of the fuzz targets (`fuzz/src/targets.rs`, the same functions
//! AFL++ runs; see `fuzz/README.md` for the long, coverage-guided run): each target runs on
//! its seeds and on a fixed number of mutations of them drawn from a seeded generator. A
//! panic fails the test, naming the target and writing the input to
//! `target/fuzz-findings/` for `guanxi-fuzz TARGET FILE` to reproduce.

#[path = "support/rng.rs"]
mod rng;
#[path = "../fuzz/src/targets.rs"]
mod targets;

use rng::Rng;

use guanxi::io::library::{self, Library};
use guanxi::text::{self, corpus};

/// Mutations per target (fewer unoptimised, where extraction is ten times slower).
fn iterations(name: &str) -> usize {
    let n = match name {
        // A mutated model file is almost always refused at inflating; a few reach the loader.
        "model_file" => 16,
        "text_page" => 1500,
        _ => 4000,
    };
    if cfg!(debug_assertions) {
        n / 10
    } else {
        n
    }
}

/// Tokens that the readers give meaning to, inserted by the mutator.
const DICTIONARY: &[&str] = &[
    "。",
    "，",
    "、",
    "；",
    "\n",
    "\n\n",
    "\r\n",
    "（",
    "）",
    "“",
    "”",
    "《",
    "》",
    "本报讯",
    "记者",
    "通讯员",
    "编辑：",
    "来源：",
    "新华社北京5月3日电",
    "省",
    "市",
    "县",
    "区委书记",
    "局长",
    "有限公司",
    "社区",
    "王",
    "李明",
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\"text\":",
    "\"title\":",
    "\"authors\":[",
    "\\u0000",
    "\\ud800",
    "\\\"",
    "null",
    "1e999",
    "#",
    "&",
    "=",
    "sel=",
    "e0",
    "a0",
    "kinds=",
    "focus=",
    "min=",
    "%",
    "%E4%B8%AD",
    "<script",
    "</script>",
    "\u{0}",
    "\u{feff}",
    "\u{ff}",
    "\u{10ffff}",
];

fn seeds(name: &str) -> Vec<Vec<u8>> {
    let page = include_str!("../data/seed-page.txt");
    // The first paragraphs of the demo page: a real page, small enough to extract quickly.
    let head: String = page.chars().take(1200).collect();
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let small = "河南省洛阳市栾川县举办活动，县长陈明远出席。\n\n本报讯（记者 王海 通讯员 李明）湖北省宜昌市夷陵区教育局召开会议。";
    match name {
        "text_page" => vec![head.clone().into_bytes(), gbk(&head), small.as_bytes().to_vec()],
        "json_articles" => vec![
            serde_json::json!([{"title": "标题", "authors": ["王海"], "date": "2024-05-03",
                "source": "s", "text": small}])
            .to_string()
            .into_bytes(),
            format!(
                "{}\n{}\n",
                serde_json::json!({"text": small}),
                serde_json::json!({"title": "t", "text": "湖北省宜昌市。"})
            )
            .into_bytes(),
            "[".repeat(200).into_bytes(),
        ],
        "encoding" => vec![head.clone().into_bytes(), gbk(&head), b"\xef\xbb\xbfabc".to_vec()],
        "saved_state" => {
            let mut lib = Library::default();
            let added = lib.add_text(small).is_ok();
            assert!(added);
            vec![library::save(&lib, "#sel=e1&min=2").into_bytes()]
        }
        "url_hash" => vec![
            b"#sel=e1&min=2".to_vec(),
            b"#focus=2&sel=e0&kinds=person,place&articles=a0,a1&weight=3&co=0".to_vec(),
            Vec::new(),
        ],
        "model_file" => vec![include_bytes!("../data/ner.model").to_vec()],
        "bundle" => vec![
            format!(
                "<html><body><p>{}</p><script type=\"application/octet-stream\" id=\"{}\">QUJD</script></body></html>{{\"app\":\"guanxi\"}}",
                small,
                guanxi::io::bundle::WASM_BLOCK_ID
            )
            .into_bytes(),
            b"QUJDRA==".to_vec(),
        ],
        "graph_json" => {
            let x = corpus::read("s.txt", small.as_bytes())
                .map(|d| text::extract(d, targets::knowledge(true)))
                .unwrap_or_default();
            vec![serde_json::to_vec(&x).unwrap_or_default()]
        }
        _ => Vec::new(),
    }
}

/// One to four random edits of `input`: bit flips, random bytes, dictionary tokens,
/// deletions, duplications, splices from another seed, truncation.
fn mutate(rng: &mut Rng, input: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(7) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] ^= 1 << rng.below(8);
            }
            1 => v.insert(at, rng.next() as u8),
            2 => {
                let token = DICTIONARY[rng.below(DICTIONARY.len())].as_bytes();
                v.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + 1 + rng.below(64)).min(v.len());
                v.drain(at.min(end)..end);
            }
            4 => {
                let end = (at + 1 + rng.below(256)).min(v.len());
                let piece = v[at.min(end)..end].to_vec();
                v.splice(at..at, piece);
            }
            5 => {
                let other = &others[rng.below(others.len())];
                let from = rng.below(other.len() + 1);
                let end = (from + 1 + rng.below(512)).min(other.len());
                v.splice(at..at, other[from.min(end)..end].iter().copied());
            }
            _ => v.truncate(at),
        }
    }
    v
}

/// Runs `f` on `input`; a panic fails the test with the input saved.
fn run_one(name: &str, f: fn(&[u8]), input: &[u8], i: usize) {
    if std::panic::catch_unwind(|| f(input)).is_err() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings");
        let path = dir.join(format!("{name}-{i}.bin"));
        let saved = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, input));
        panic!(
            "fuzz target {name} panicked on input {i} ({} bytes, saved: {saved:?} at {}): {:?}",
            input.len(),
            path.display(),
            String::from_utf8_lossy(&input[..input.len().min(300)])
        );
    }
}

#[test]
fn every_target_survives_its_seeds_and_their_mutations() {
    for &(name, f) in targets::TARGETS {
        let seeds = seeds(name);
        assert!(!seeds.is_empty(), "{name} has seeds");
        for (i, s) in seeds.iter().enumerate() {
            run_one(name, f, s, i);
        }
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
        for i in 0..iterations(name) {
            let base = &seeds[rng.below(seeds.len())];
            let input = mutate(&mut rng, base, &seeds);
            run_one(name, f, &input, seeds.len() + i);
        }
        eprintln!("{name}: {} executions", seeds.len() + iterations(name));
    }
}

/// With `GUANXI_FUZZ_SEEDS=DIR`, writes every target's seeds to `DIR/TARGET/` (the input
/// directories of an AFL++ run; see `fuzz/README.md`). A tool, not a check: run on request
/// (`--ignored`), it fails without the directory rather than passing with nothing done.
#[test]
#[ignore = "writes the fuzz seeds: GUANXI_FUZZ_SEEDS=DIR cargo test --test fuzz seeds -- --ignored"]
fn seeds_are_written_where_asked() {
    let dir = std::env::var_os("GUANXI_FUZZ_SEEDS")
        .expect("GUANXI_FUZZ_SEEDS names the directory to write the seeds to");
    for &(name, _) in targets::TARGETS {
        let d = std::path::Path::new(&dir).join(name);
        std::fs::create_dir_all(&d).expect("seed directory");
        for (i, s) in seeds(name).iter().enumerate() {
            std::fs::write(d.join(format!("seed-{i}")), s).expect("seed written");
        }
    }
}

#[test]
fn targets_are_listed_by_name() {
    for &(name, _) in targets::TARGETS {
        assert!(targets::target(name).is_some());
    }
    assert!(targets::target("nothing").is_none());
}
