//! The native CLI beyond one browser (issue 20 item 3): directories and JSON Lines on standard
//! input, `--jobs` giving the same document, `--top` / `--around` subgraphs the page can open,
//! and the neo4j-admin CSV files read back with a real CSV parser.

use guanxi::io::{neo4j, subgraph};
use guanxi::model::Extraction;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("guanxi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir); // absent the first time
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs `guanxi ARGS`, with `stdin` on standard input.
fn guanxi(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_guanxi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("guanxi runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("guanxi ends")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The output of a run that must succeed.
fn ok(args: &[&str], stdin: &[u8]) -> Vec<u8> {
    let o = guanxi(args, stdin);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    o.stdout
}

fn graph(json: &[u8]) -> Extraction {
    serde_json::from_slice(json).expect("graph JSON")
}

/// News-like articles: the demo page's paragraphs, one article each, as JSON Lines, with
/// sources so that a file and standard input give the same document.
fn articles() -> Vec<String> {
    let page = include_str!("../data/seed-page.txt");
    page.split("\n\n")
        .map(str::trim)
        .filter(|p| p.chars().count() > 20)
        .enumerate()
        .map(|(i, p)| {
            serde_json::json!({"title": format!("第{i}篇"), "source": "seed", "text": p})
                .to_string()
        })
        .collect()
}

#[test]
fn a_directory_is_read_recursively_in_sorted_order() {
    let dir = scratch("dir");
    let lines = articles();
    let half = lines.len() / 2;
    std::fs::create_dir_all(dir.join("b")).expect("mkdir");
    std::fs::write(dir.join("b/2.jsonl"), lines[half..].join("\n")).expect("write");
    std::fs::write(dir.join("a.jsonl"), lines[..half].join("\n")).expect("write");
    std::fs::write(dir.join("readme.md"), "not read").expect("write");
    let whole = dir.join("whole.jsonl");
    std::fs::write(&whole, lines.join("\n")).expect("write");
    let from_files = ok(
        &["extract", "--jobs", "1", &whole.display().to_string()],
        b"",
    );
    std::fs::remove_file(&whole).expect("rm");
    let from_dir = ok(&["extract", "--jobs", "1", &dir.display().to_string()], b"");
    assert_eq!(from_dir, from_files);
    assert!(graph(&from_dir).articles.len() >= 6);
    // A directory with nothing to read is an error naming it; what else was given is read.
    std::fs::create_dir_all(dir.join("empty")).expect("mkdir");
    let o = guanxi(
        &[
            "extract",
            &dir.join("empty").display().to_string(),
            &dir.join("a.jsonl").display().to_string(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("empty: no .txt, .json or .jsonl file"));
    assert!(!graph(&o.stdout).articles.is_empty());
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn json_lines_on_standard_input() {
    let dir = scratch("stdin");
    let corpus = articles().join("\n") + "\n";
    let file = dir.join("c.jsonl");
    std::fs::write(&file, &corpus).expect("write");
    let from_file = ok(&["extract", &file.display().to_string()], b"");
    let from_stdin = ok(&["extract", "-"], corpus.as_bytes());
    assert_eq!(from_stdin, from_file);
    // A bad line is reported with its number and skipped; the exit code says so.
    let bad = format!(
        "{}\n{{\"title\": \"no text\"}}\n\u{0}\n{}\n",
        articles()[0],
        articles()[1]
    );
    let o = guanxi(&["extract", "-"], bad.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("-: line 2: missing field `text`"), "{e}");
    assert!(e.contains("-: line 3: binary data"), "{e}");
    assert_eq!(graph(&o.stdout).articles.len(), 2);
    std::fs::remove_dir_all(&dir).expect("clean up");
}

#[test]
fn jobs_give_the_same_bytes() {
    // Enough articles that threads finish out of order: the paragraphs three times over.
    let lines = articles();
    let corpus: String = (0..3)
        .flat_map(|_| lines.iter())
        .map(|l| format!("{l}\n"))
        .collect();
    let one = ok(&["extract", "--jobs", "1", "-"], corpus.as_bytes());
    for jobs in ["2", "3", "8"] {
        let many = ok(&["extract", "--jobs", jobs, "-"], corpus.as_bytes());
        assert!(many == one, "--jobs {jobs} differs from --jobs 1");
    }
    let page = ok(&["extract", "--jobs", "1", "data/seed-page.txt"], b"");
    assert_eq!(
        ok(&["extract", "--jobs", "2", "data/seed-page.txt"], b""),
        page
    );
    let o = guanxi(&["extract", "--jobs", "0", "data/seed-page.txt"], b"");
    assert_eq!(o.status.code(), Some(2));
}

/// What the page needs of a graph it opens: it parses, is consistent, and the explorer (the
/// page's core) builds and lays it out.
fn assert_page_opens(json: &[u8]) -> Extraction {
    let x = graph(json);
    subgraph::check(&x).expect("consistent");
    let mut ex = guanxi::app::Explorer::new(x.clone());
    ex.resize(800.0, 600.0);
    ex.tick(5);
    assert_eq!(ex.x.entities.len(), x.entities.len());
    x
}

#[test]
fn top_and_around_write_graphs_the_page_opens() {
    let page = "data/seed-page.txt";
    let whole = assert_page_opens(&ok(&["extract", page], b""));
    let top = assert_page_opens(&ok(&["extract", "--top", "15", page], b""));
    assert_eq!(top.entities.len(), 15);
    assert!(top.articles.len() <= whole.articles.len());
    // The relations among the chosen entities are all kept, with their evidence.
    let chosen: std::collections::BTreeSet<(String, String)> = top
        .entities
        .iter()
        .map(|e| (e.kind.as_str().to_owned(), e.label.clone()))
        .collect();
    let key = |x: &Extraction, id: guanxi::model::EntityId| {
        x.entity(id)
            .map(|e| (e.kind.as_str().to_owned(), e.label.clone()))
            .expect("entity")
    };
    let among = whole
        .relations
        .iter()
        .filter(|r| {
            chosen.contains(&key(&whole, r.source)) && chosen.contains(&key(&whole, r.target))
        })
        .count();
    assert_eq!(top.relations.len(), among);
    for r in &top.relations {
        for s in &r.evidence {
            assert!(top.span_text(*s).is_some());
        }
    }
    // At most 2 articles: the same entities and relations, a valid graph.
    let small = assert_page_opens(&ok(
        &["extract", "--top", "15", "--articles", "2", page],
        b"",
    ));
    assert_eq!(small.articles.len(), 2);
    assert_eq!(small.entities.len(), 15);
    assert!(small.relations.len() <= top.relations.len());
    let o = guanxi(&["extract", "--articles", "2", page], b"");
    assert_eq!(o.status.code(), Some(2));
    // An entity's neighbourhood, by label or alias; depth 2 holds depth 1.
    let near = assert_page_opens(&ok(&["extract", "--around", "怀柔区", page], b""));
    let far = assert_page_opens(&ok(
        &["extract", "--around", "怀柔区", "--depth", "2", page],
        b"",
    ));
    assert!(near.entities.iter().any(|e| e.label == "怀柔区"));
    assert!(near.entities.len() > 1 && far.entities.len() >= near.entities.len());
    // An unknown name: an error with names that contain it, and nothing written.
    let o = guanxi(&["extract", "--around", "怀柔", page], b"");
    assert!(o.status.success(), "{}", stderr(&o)); // an alias of 怀柔区
    let o = guanxi(&["extract", "--around", "柔", page], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("names containing it: place:怀柔区"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

/// Reads a CSV file with the `csv` crate: the header and the records.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .expect("open csv");
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[test]
fn neo4j_csv_reads_back_with_a_csv_parser() {
    let dir = scratch("neo4j");
    let tricky = "甲,乙\"丙\"；丁;戊\n第二行";
    let corpus = [
        serde_json::json!({"title": "标题,有\"引号\";和分号\n换行", "authors": ["王明;李强", "张\"三\""],
            "date": "2024-01-02", "source": "a,b", "text": "河南省洛阳市栾川县举办活动，县长陈明远出席。\n\"栾川县\",人民政府;召开会议。"}),
        serde_json::json!({"text": "湖北省宜昌市夷陵区，陈明远考察。"}),
    ]
    .map(|v| v.to_string())
    .join("\n");
    let input = dir.join("c.jsonl");
    std::fs::write(&input, corpus).expect("write");
    let mut x = graph(&ok(&["extract", &input.display().to_string()], b""));
    // Names as awkward as text can make them.
    x.entities[0].label = tricky.into();
    x.entities[0].aliases = vec!["a;b".into(), "\"q\"".into(), "x,y".into()];
    let path = dir.join("graph.json");
    std::fs::write(&path, serde_json::to_string(&x).expect("json")).expect("write");
    let out = dir.join("db");
    ok(
        &[
            "export",
            "--format",
            "neo4j",
            "-o",
            &out.display().to_string(),
            &path.display().to_string(),
        ],
        b"",
    );
    let (header, nodes) = read_csv(&out.join("nodes.csv"));
    assert_eq!(header.join(","), neo4j::NODES_HEADER);
    assert_eq!(nodes.len(), x.entities.len());
    for (row, e) in nodes.iter().zip(&x.entities) {
        let aliases: Vec<String> = e.aliases.iter().map(|a| a.replace(';', "；")).collect();
        assert_eq!(row[0], e.id.to_string());
        assert_eq!(row[1], e.label);
        assert_eq!(row[2], e.kind.as_str());
        assert_eq!(row[3], aliases.join(";"));
        assert_eq!(row[4], e.mentions.len().to_string());
        assert!(row[5].starts_with("Entity;"));
    }
    assert_eq!(nodes[0][1], tricky);
    assert_eq!(nodes[0][3], "a；b;\"q\";x,y");
    let (header, articles) = read_csv(&out.join("articles.csv"));
    assert_eq!(header.join(","), neo4j::ARTICLES_HEADER);
    assert_eq!(articles.len(), x.articles.len());
    for (row, a) in articles.iter().zip(&x.articles) {
        assert_eq!(row[0], a.id.to_string());
        assert_eq!(row[1], a.title);
        assert_eq!(row[3], a.source);
        assert_eq!(
            row[4],
            a.authors
                .iter()
                .map(|s| s.replace(';', "；"))
                .collect::<Vec<_>>()
                .join(";")
        );
        assert_eq!(row[5], a.text);
        assert_eq!(row[6], "Article");
    }
    assert_eq!(articles[0][1], "标题,有\"引号\";和分号\n换行");
    assert_eq!(articles[0][4], "王明；李强;张\"三\"");
    let (header, rels) = read_csv(&out.join("relationships.csv"));
    assert_eq!(header.join(","), neo4j::RELATIONSHIPS_HEADER);
    let ids: std::collections::HashSet<&str> = nodes
        .iter()
        .chain(&articles)
        .map(|r| r[0].as_str())
        .collect();
    // Every edge, then every credit (from the person to the article, weight 1).
    let edges = x.relations.iter().filter(|r| r.is_edge());
    let edges = edges.map(|r| (r.source, r.target.to_string(), r.weight, r.evidence.clone()));
    let credits = x.credits.iter().map(|c| {
        let evidence = c.evidence.into_iter().collect();
        (c.person, c.article.to_string(), 1, evidence)
    });
    let expected: Vec<_> = edges.chain(credits).collect();
    assert_eq!(rels.len(), expected.len());
    assert!(rels.iter().any(|r| r[2] == "AUTHORED") && rels.iter().any(|r| r[2] == "WITHIN"));
    for (row, (source, end, weight, evidence)) in rels.iter().zip(expected) {
        assert!(
            ids.contains(row[0].as_str()) && ids.contains(row[1].as_str()),
            "{row:?}"
        );
        assert_eq!((&row[0], &row[1]), (&source.to_string(), &end));
        assert_eq!(row[4], weight.to_string());
        let texts: Vec<String> = evidence
            .iter()
            .map(|s| x.span_text(*s).expect("span").replace(';', "；"))
            .collect();
        assert_eq!(row[5], texts.join(";"));
        assert_eq!(
            row[6].split(';').filter(|s| !s.is_empty()).count(),
            evidence.len()
        );
    }
    std::fs::remove_dir_all(&dir).expect("clean up");
}
