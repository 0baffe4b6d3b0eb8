#![cfg(not(target_arch = "wasm32"))]
//! Golden cases: one folder per page style under `tests/cases/<name>/`, each with its input
//! (`input.txt`, or `input.json`/`input.jsonl` of articles), optional options
//! (`options.json`: `{"rules_only": true}` reads without the recogniser) and the expected
//! result (`expected.json`: articles with title, authors and date; entities by kind with
//! their aliases; relations and credits by name). A change to extraction shows here as a diff
//! to review; `GUANXI_BLESS=1 cargo test --test cases` writes the new results after review.
//!
//! The inputs are written for these tests (not taken from the dev set or the seed page):
//! each is a common shape of Chinese news page.

#[path = "support/knowledge.rs"]
mod common;

use guanxi::model::{EntityKind, Extraction};
use guanxi::text::{corpus, extract, Knowledge};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The reviewable summary of an extraction.
fn summary(x: &Extraction) -> Value {
    let name = |id: guanxi::model::EntityId| x.entities[id.0 as usize].label.clone();
    let articles: Vec<Value> = (x.articles.iter())
        .map(|a| json!({ "title": a.title, "authors": a.authors, "editors": a.editors, "date": a.date }))
        .collect();
    let mut entities: Vec<(EntityKind, String, Vec<String>)> = (x.entities.iter())
        .map(|e| (e.kind, e.label.clone(), e.aliases.clone()))
        .collect();
    entities.sort();
    let entities: Vec<Value> = (entities.into_iter())
        .map(|(k, l, a)| json!({ "kind": k.as_str(), "label": l, "aliases": a }))
        .collect();
    let mut relations: Vec<String> = (x.relations.iter())
        .map(|r| {
            let label = r
                .label
                .as_deref()
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            let (a, b) = (name(r.source), name(r.target));
            format!("{}: {a} -> {b}{label}", r.kind.as_str())
        })
        .collect();
    relations.sort();
    let mut credits: Vec<String> = (x.credits.iter())
        .map(|c| {
            format!(
                "{} {} article {}",
                name(c.person),
                c.role.verb(),
                c.article.0
            )
        })
        .collect();
    credits.sort();
    json!({ "articles": articles, "entities": entities, "relations": relations, "credits": credits })
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn run(dir: &Path) -> Value {
    let input = ["input.txt", "input.json", "input.jsonl"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())
        .unwrap_or_else(|| panic!("{}: no input.txt, input.json or input.jsonl", dir.display()));
    let bytes = std::fs::read(&input).expect("input reads");
    let options: Value = std::fs::read_to_string(dir.join("options.json"))
        .map(|s| serde_json::from_str(&s).expect("options.json is JSON"))
        .unwrap_or(Value::Null);
    let name = input
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("input.txt");
    let drafts = corpus::read(name, &bytes).expect("input is a readable page");
    let knowledge: Arc<Knowledge> = if options["rules_only"] == true {
        let k = Knowledge::embedded().expect("the built-in knowledge loads");
        Arc::new(k.without_model())
    } else {
        common::knowledge().clone()
    };
    summary(&extract(drafts, &knowledge))
}

#[test]
fn every_case_gives_its_expected_result() {
    let bless = std::env::var_os("GUANXI_BLESS").is_some();
    let dirs = cases();
    assert!(dirs.len() >= 5, "the golden cases are missing");
    let mut failed = Vec::new();
    for dir in dirs {
        let got = serde_json::to_string_pretty(&run(&dir)).expect("JSON") + "\n";
        let path = dir.join("expected.json");
        if bless {
            std::fs::write(&path, &got).expect("expected.json writes");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "{}: no expected.json (GUANXI_BLESS=1 writes it)",
                dir.display()
            )
        });
        if want != got {
            let out = path.with_file_name("actual.json");
            let _written = std::fs::write(&out, &got);
            failed.push(format!(
                "{} (compare with {})",
                path.display(),
                out.display()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "results differ from:\n{}",
        failed.join("\n")
    );
}
