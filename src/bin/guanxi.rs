//! The native command line over the guanxi core.
#![allow(clippy::disallowed_methods)] // a binary or benchmark: it reads the clock itself
use anyhow::{bail, Context as _, Result};
use guanxi::graph::{select, KnowledgeGraph};
use guanxi::io::{self, subgraph};
use guanxi::model::Extraction;
use guanxi::text::Knowledge;
use guanxi::text::{self, corpus::Draft, link::LinkStats, msra, ner, stress};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match run(&args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("guanxi: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

fn run(args: &[String]) -> Result<i32> {
    match args.first().map(String::as_str) {
        Some("extract") => extract(&args[1..]),
        Some("prepare") => prepare(&args[1..]),
        Some("bundle") => bundle(&args[1..]),
        Some("bench-extract") => bench_extract(&args[1..]),
        Some("export") => export(&args[1..]),
        Some("train-ner") => train_ner(&args[1..]),
        Some("eval-ner") => eval_ner(&args[1..]),
        _ => bail!(
            "usage: guanxi <extract|prepare|export|bundle|bench-extract|train-ner|eval-ner> ..."
        ),
    }
}

/// What `extract` and `prepare` read: files, directories, `-` for JSON Lines on stdin.
const INPUTS: &str = "PATH...|DIR|-  (text pages, JSON or JSON Lines of articles; \
    a directory: every .txt/.json/.jsonl inside; -: JSON Lines on standard input)";

/// The knowledge built into this binary (gazetteer, words, recogniser), loaded now.
fn knowledge() -> Result<Arc<Knowledge>> {
    Ok(Arc::new(
        Knowledge::embedded().context("loading the built-in knowledge")?,
    ))
}

/// Reads the inputs one article at a time and extracts them on `jobs` threads (the same
/// document whatever `jobs` is). A bad file or line is reported and skipped, and makes the
/// returned flag true (exit code 1).
fn extract_inputs(paths: &[String], jobs: usize) -> Result<(Extraction, LinkStats, bool)> {
    let (inputs, errors) = io::inputs::expand(paths);
    let mut failed = false;
    let mut report = |e: &dyn std::fmt::Display| {
        eprintln!("guanxi: {e}");
        failed = true;
    };
    for e in &errors {
        report(e);
    }
    let articles = io::inputs::Articles::new(inputs, Box::new(std::io::stdin().lock()));
    let knowledge = knowledge()?;
    let t0 = Instant::now();
    let extractor = if jobs <= 1 {
        let mut x = text::Extractor::new(knowledge);
        for item in articles {
            match item {
                Ok(d) => x.add(d),
                Err(e) => report(&e),
            }
        }
        x
    } else {
        recognise_on_threads(articles, knowledge, jobs, &mut |e| report(&e))?
    };
    let (read, t1) = (extractor.len(), Instant::now());
    let (x, stats) = extractor.finish_with_stats();
    eprintln!(
        "guanxi: {read} articles read and recognised in {:.2}s on {jobs} thread{}, linked in {:.2}s",
        (t1 - t0).as_secs_f64(),
        if jobs == 1 { "" } else { "s" },
        t1.elapsed().as_secs_f64()
    );
    Ok((x, stats, failed))
}

/// Recognition on `jobs` threads, linking on this one: articles are numbered as they are
/// read, recognised in any order, and added to the extractor in their numbered order, so the
/// result is the one a single thread gives.
fn recognise_on_threads(
    articles: impl Iterator<Item = Result<Draft, io::inputs::InputError>>,
    knowledge: Arc<Knowledge>,
    jobs: usize,
    report: &mut dyn FnMut(io::inputs::InputError),
) -> Result<text::Extractor> {
    use std::sync::{mpsc, Mutex};
    // A few articles in flight per thread: reading stays just ahead of recognition.
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Draft)>(jobs * 4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, text::Recognised)>(jobs * 4);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
            let knowledge = Arc::clone(&knowledge);
            s.spawn(move || {
                let mut ctx = ner::Context::default();
                loop {
                    // Whoever holds the lock waits for the next article; the others wait
                    // for the lock. A poisoned lock (a worker panicked) stops the worker.
                    let next = work_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some((i, d)) = next else { break };
                    if done_tx
                        .send((i, text::recognise(d, &knowledge, &mut ctx)))
                        .is_err()
                    {
                        break;
                    }
                }
            });
        }
        // Once every worker is gone, sending fails instead of blocking.
        drop((work_rx, done_tx));
        let collector = s.spawn(move || {
            let mut x = text::Extractor::new(knowledge);
            let mut waiting = BTreeMap::new();
            for (i, r) in done_rx {
                waiting.insert(i, r);
                while let Some(r) = waiting.remove(&x.len()) {
                    x.add_recognised(r);
                }
            }
            (x, waiting.len())
        });
        let mut read = 0usize;
        for item in articles {
            match item {
                Ok(d) => {
                    if work_tx.send((read, d)).is_err() {
                        break;
                    }
                    read += 1;
                }
                Err(e) => report(e),
            }
        }
        drop(work_tx);
        let (x, stranded) = collector
            .join()
            .map_err(|_| anyhow::anyhow!("an extraction thread failed"))?;
        if x.len() != read || stranded > 0 {
            bail!(
                "an extraction thread failed: {} of {read} articles extracted",
                x.len()
            );
        }
        Ok(x)
    })
}

/// The value after an option, parsed.
fn option_value<T: std::str::FromStr>(
    name: &str,
    it: &mut std::slice::Iter<'_, String>,
) -> Result<T> {
    let v = it.next().with_context(|| format!("{name} needs a value"))?;
    v.parse()
        .map_err(|_| anyhow::anyhow!("{name} {v}: not a valid value"))
}

/// Threads to use by default: every core.
fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `guanxi extract [--jobs N] [--top N | --around NAME [--depth D]] [-o OUT] INPUTS`: the graph
/// JSON, or the subgraph of the N most important entities or of NAME's neighbourhood.
fn extract(args: &[String]) -> Result<i32> {
    let usage = || {
        format!(
            "usage: guanxi extract [--jobs N] [--top N | --around NAME [--depth D]] [--articles M] [-o OUT] {INPUTS}"
        )
    };
    let mut jobs = all_cores();
    let mut top: Option<usize> = None;
    let mut around: Option<String> = None;
    let mut depth: u32 = 1;
    let mut articles_max = usize::MAX;
    let mut out: Option<String> = None;
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jobs" | "-j" => jobs = option_value("--jobs", &mut it)?,
            "--top" => top = Some(option_value("--top", &mut it)?),
            "--around" => around = Some(option_value("--around", &mut it)?),
            "--depth" => depth = option_value("--depth", &mut it)?,
            "--articles" => articles_max = option_value("--articles", &mut it)?,
            "--output" | "-o" => out = Some(option_value("--output", &mut it)?),
            "-" => paths.push(a.clone()),
            o if o.starts_with('-') => bail!("{o}: no such option; {}", usage()),
            _ => paths.push(a.clone()),
        }
    }
    if paths.is_empty() {
        bail!("{}", usage());
    }
    if jobs == 0 {
        bail!("--jobs 0: give at least 1");
    }
    let (x, stats, failed) = extract_inputs(&paths, jobs)?;
    let whole = summary(&x, &stats);
    let subgraph_asked = top.is_some() || around.is_some();
    if articles_max < usize::MAX && !subgraph_asked {
        bail!("--articles bounds a subgraph: give it with --top or --around");
    }
    let x = match (top, around) {
        (None, None) => x,
        (Some(_), Some(_)) => bail!("give --top or --around, not both"),
        (Some(n), None) => {
            let g = KnowledgeGraph::build(&x);
            subgraph::subgraph_within(&x, &select::top(&x, &g, n), articles_max)
        }
        (None, Some(name)) => {
            let g = KnowledgeGraph::build(&x);
            let seeds = select::named(&x, &name);
            if seeds.is_empty() {
                let like = select::suggestions(&x, &g, &name, 5);
                if like.is_empty() {
                    bail!("--around {name}: no entity has this name");
                }
                bail!(
                    "--around {name}: no entity has this name; names containing it: {}",
                    like.join(", ")
                );
            }
            subgraph::subgraph_within(&x, &select::around(&g, &seeds, depth), articles_max)
        }
    };
    // What is written is a graph the page and the exports can use, or nothing is.
    subgraph::check(&x).context("the graph to be written is not consistent (a bug)")?;
    let write = |w: &mut dyn std::io::Write| -> Result<()> {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
        serde_json::to_writer(&mut w, &x)?;
        writeln!(w)?;
        w.flush()?;
        Ok(())
    };
    match &out {
        Some(p) => {
            let mut f = std::fs::File::create(p).with_context(|| format!("writing {p}"))?;
            write(&mut f).with_context(|| format!("writing {p}"))?;
        }
        None => write(&mut std::io::stdout().lock())?,
    }
    eprintln!("{whole}");
    if subgraph_asked {
        eprintln!(
            "guanxi: wrote a subgraph of {} entities, {} relations, {} articles",
            x.entities.len(),
            x.relations.len(),
            x.articles.len()
        );
    }
    Ok(failed as i32)
}

/// One line on what an extraction found, and whether same-sentence links were capped.
fn summary(x: &Extraction, stats: &LinkStats) -> String {
    let mut line = format!(
        "guanxi: {} articles, {} entities, {} relations",
        x.articles.len(),
        x.entities.len(),
        x.relations.len()
    );
    if stats.capped_sentences > 0 {
        line += &format!(
            "; same-sentence links capped in {} sentences naming over {} entities (up to {}): \
             each mention linked to the {} after it only",
            stats.capped_sentences,
            text::link::SENTENCE_ENTITIES_MAX,
            stats.largest_sentence,
            text::link::NEAR_MENTIONS
        );
    }
    line
}

/// `guanxi prepare PATH...`: the extraction and its settled layout as one JSON document, for a
/// page that opens on this corpus without extracting or laying out (the embedded demo).
fn prepare(args: &[String]) -> Result<i32> {
    if args.is_empty() {
        bail!("usage: guanxi prepare {INPUTS}");
    }
    let (x, _, failed) = extract_inputs(args, all_cores())?;
    if failed {
        bail!("not every input could be read");
    }
    let prepared = guanxi::app::Prepared::new(x);
    println!("{}", serde_json::to_string(&prepared)?);
    Ok(0)
}

fn bundle(args: &[String]) -> Result<i32> {
    let [template, glue, wasm, out] = args else {
        bail!("usage: guanxi bundle TEMPLATE.html GLUE.js MODULE.wasm OUT.html");
    };
    let read = |p: &str| std::fs::read(p).with_context(|| format!("reading {p}"));
    let template = String::from_utf8(read(template)?).context("template is not UTF-8")?;
    let glue = String::from_utf8(read(glue)?).context("glue is not UTF-8")?;
    // The recogniser and lexicons as this binary embeds them; the wasm is built without them
    // (GUANXI_EXTERNAL_ASSETS=1, scripts/build.sh) and reads them from these blocks.
    use guanxi::text::assets::Asset;
    let data: Vec<(&str, &[u8])> = Asset::ALL
        .iter()
        .filter(|a| !a.embedded().is_empty())
        .map(|a| (a.block_id(), a.embedded()))
        .collect();
    let html = guanxi::io::bundle::bundle_html(&template, &glue, &read(wasm)?, &data)?;
    std::fs::write(out, &html).with_context(|| format!("writing {out}"))?;
    eprintln!("wrote {out} ({} bytes)", html.len());
    Ok(0)
}

/// `guanxi export --format gexf|graphml|csv|json|neo4j [-o OUT] [--jobs N] INPUTS`: extracts
/// from pages or article JSON (or reads one graph JSON written by `extract`) and writes the
/// format. CSV writes `OUT-nodes.csv` and `OUT-edges.csv`; neo4j writes the directory `OUT`.
fn export(args: &[String]) -> Result<i32> {
    use guanxi::io::export::{self as ex, Format};
    const USAGE: &str =
        "usage: guanxi export --format gexf|graphml|csv|json|neo4j [-o OUT] [--jobs N] PATH...|DIR|-";
    let mut format = None;
    let mut out: Option<String> = None;
    let mut jobs = all_cores();
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" | "-f" => {
                let f: String = option_value("--format", &mut it)?;
                format = Some(
                    Format::parse(&f).with_context(|| format!("{f}: no such format; {USAGE}"))?,
                );
            }
            "--output" | "-o" => out = Some(option_value("--output", &mut it)?),
            "--jobs" | "-j" => jobs = option_value("--jobs", &mut it)?,
            _ => paths.push(a.clone()),
        }
    }
    let format = format.context(USAGE)?;
    if paths.is_empty() {
        bail!("no input files; {USAGE}");
    }
    // One graph JSON from `extract` is taken as is; anything else is extracted.
    let graph = match paths.as_slice() {
        [p] if std::path::Path::new(p).is_file() => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {p}"))?;
            match serde_json::from_slice::<Extraction>(&bytes) {
                Ok(x) => {
                    // Edges to nodes that do not exist would be written as they are.
                    subgraph::check(&x).with_context(|| format!("{p}: not a consistent graph"))?;
                    Some(x)
                }
                Err(_) => None,
            }
        }
        _ => None,
    };
    let (x, failed) = match graph {
        Some(x) => (x, false),
        None => {
            let (x, _, failed) = extract_inputs(&paths, jobs.max(1))?;
            (x, failed)
        }
    };
    let write = |path: &str, body: &str| {
        std::fs::write(path, body).with_context(|| format!("writing {path}"))
    };
    let m = {
        let g = guanxi::graph::KnowledgeGraph::build(&x).measures(&x);
        ex::NodeMeasures {
            importance: g.importance,
            degree: g.degree,
            community: g.community,
        }
    };
    match format {
        Format::Csv => {
            let base = out.context("CSV needs -o OUT (writes OUT-nodes.csv and OUT-edges.csv)")?;
            let ids = guanxi::model::stable::StableIds::of(&x);
            let (nodes, edges) = ex::csv(&ex::Picture::whole(&x, &ids, &m));
            write(&format!("{base}-nodes.csv"), &nodes)?;
            write(&format!("{base}-edges.csv"), &edges)?;
        }
        Format::Neo4j => {
            let dir = out.context("neo4j needs -o DIR (writes DIR/nodes.csv, DIR/articles.csv, DIR/relationships.csv)")?;
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {dir}"))?;
            let open = |name: &str| -> Result<(String, std::io::BufWriter<std::fs::File>)> {
                let path = std::path::Path::new(&dir).join(name).display().to_string();
                let f = std::fs::File::create(&path).with_context(|| format!("writing {path}"))?;
                Ok((path, std::io::BufWriter::with_capacity(1 << 16, f)))
            };
            let [nodes, articles, relationships] = io::neo4j::FILES;
            let (p1, mut w1) = open(nodes)?;
            let (p2, mut w2) = open(articles)?;
            let (p3, mut w3) = open(relationships)?;
            io::neo4j::write_nodes(&x, &mut w1)
                .and_then(|_| w1.flush())
                .with_context(|| format!("writing {p1}"))?;
            io::neo4j::write_articles(&x, &mut w2)
                .and_then(|_| w2.flush())
                .with_context(|| format!("writing {p2}"))?;
            io::neo4j::write_relationships(&x, &mut w3)
                .and_then(|_| w3.flush())
                .with_context(|| format!("writing {p3}"))?;
            eprintln!(
                "guanxi: wrote {p1} ({} entities), {p2} ({} articles), {p3}",
                x.entities.len(),
                x.articles.len()
            );
        }
        f => {
            let ids = guanxi::model::stable::StableIds::of(&x);
            let whole = ex::Picture::whole(&x, &ids, &m);
            let body = match f {
                Format::Gexf => ex::gexf(&whole),
                Format::Graphml => ex::graphml(&whole),
                _ => ex::json_with(&x, &m),
            };
            match out {
                Some(p) => write(&p, &body)?,
                None => print!("{body}"),
            }
        }
    }
    Ok(failed as i32)
}

/// Extraction throughput on the MSRA corpus text grouped into articles of 20 sentences (a
/// realistic news-sized input): characters per second on one core, and peak memory. With
/// `--shape`, the same text as one article, as a text page, as one run-on sentence, or the
/// corpus's person names as one listed sentence (`names`); `--shape all` runs every shape in
/// one process and reports each one's time per character against the split text.
fn bench_extract(args: &[String]) -> Result<i32> {
    const USAGE: &str = "usage: guanxi bench-extract MSRA_CORPUS [MAX_CHARS] \
        [--shape split|one-article|page|run-on|names|all]";
    let mut shape = "split".to_owned();
    let mut positional = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--shape" => shape = it.next().context(USAGE)?.clone(),
            _ => positional.push(a),
        }
    }
    let corpus = positional.first().context(USAGE)?;
    let max: usize = positional
        .get(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(2_500_000);
    let shapes: Vec<Option<stress::Shape>> = match shape.as_str() {
        "all" => stress::Shape::ALL
            .into_iter()
            .map(Some)
            .chain([None])
            .collect(),
        "names" => vec![None],
        s => vec![Some(
            stress::Shape::parse(s).with_context(|| format!("{s}: no such shape; {USAGE}"))?,
        )],
    };
    let all = load_msra(corpus)?;
    let mut sentences = Vec::new();
    let mut chars = 0usize;
    for s in &all {
        if chars >= max {
            break;
        }
        chars += s.chars.len() + 1;
        sentences.push(s.chars.iter().collect::<String>());
    }
    let Some(first) = sentences.first() else {
        bail!("{corpus}: no sentences");
    };
    // Knowledge built first and the code warmed, so the timing is extraction only.
    let knowledge = knowledge()?;
    text::extract(
        stress::drafts(std::slice::from_ref(first), stress::Shape::Split),
        &knowledge,
    );
    let mut reference: Option<f64> = None;
    for shape in shapes {
        let (name, drafts) = match shape {
            Some(s) => (s.name(), stress::drafts(&sentences, s)),
            None => {
                // The corpus's person names, each once, listed in one sentence.
                let mut seen = std::collections::HashSet::new();
                let names: Vec<String> = all
                    .iter()
                    .flat_map(|s| {
                        s.spans
                            .iter()
                            .filter(|n| n.kind == ner::NerType::Per)
                            .filter_map(|n| s.chars.get(n.start..n.end))
                            .map(|n| n.iter().collect::<String>())
                    })
                    .filter(|n| seen.insert(n.clone()))
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                ("names", vec![stress::name_list(&names, max.min(200_000))])
            }
        };
        let n: usize = drafts.iter().map(|d| d.text.chars().count()).sum();
        let mut x = text::Extractor::new(knowledge.clone());
        let t0 = Instant::now();
        for d in drafts {
            x.add(d);
        }
        let (x, stats) = x.finish_with_stats();
        let secs = t0.elapsed().as_secs_f64();
        let per_char = secs / n.max(1) as f64;
        let ratio = match reference {
            Some(r) => format!("; {:.2}x the split text's time per char", per_char / r),
            None => String::new(),
        };
        if shape == Some(stress::Shape::Split) {
            reference = Some(per_char);
        }
        println!(
            "{name}: {} articles, {n} chars in {secs:.2}s = {:.0} chars/s; {} entities, {} relations ({:.3} per char), {} capped sentences (largest {} entities); peak memory {}{ratio}",
            x.articles.len(),
            n as f64 / secs,
            x.entities.len(),
            x.relations.len(),
            x.relations.len() as f64 / n.max(1) as f64,
            stats.capped_sentences,
            stats.largest_sentence,
            peak_memory(),
        );
    }
    Ok(0)
}

/// The process's peak resident memory, as Linux reports it.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn load_msra(path: &str) -> Result<Vec<msra::Sentence>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
    msra::parse(&text).with_context(|| format!("parsing {path}"))
}

fn train_ner(args: &[String]) -> Result<i32> {
    let corpus = args
        .first()
        .context("usage: guanxi train-ner CORPUS [OUT]")?;
    let out = args.get(1).map(String::as_str).unwrap_or("data/ner.model");
    let all = load_msra(corpus)?;
    let train = &all[..msra::TEST_START.min(all.len())];
    if train.len() < 4000 {
        bail!(
            "{corpus}: {} training sentences; need at least 4000 (the last 2000 are the dev set)",
            train.len()
        );
    }
    // Experiment knobs (the shipped model uses the defaults): GUANXI_PRUNE, GUANXI_EPOCHS,
    // GUANXI_BITS; GUANXI_DEV (held-out sentences, 2000), GUANXI_DEV_ONLY (stop after
    // the development-set score) and GUANXI_DEV_MODEL (write the held-out model there) for
    // comparing settings.
    let knob = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let dev_size = match knob("GUANXI_DEV") {
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|&d| (500..=train.len() / 2).contains(&d))
            .with_context(|| format!("GUANXI_DEV={v} (500..={})", train.len() / 2))?,
        None => 2000,
    };
    let (fit, dev) = train.split_at(train.len() - dev_size);
    let mut cfg = msra::TrainConfig::default();
    if let Some(v) = knob("GUANXI_PRUNE") {
        cfg.prune = v.parse().with_context(|| format!("GUANXI_PRUNE={v}"))?;
    }
    if let Some(v) = knob("GUANXI_EPOCHS") {
        cfg.epochs = v.parse().with_context(|| format!("GUANXI_EPOCHS={v}"))?;
    }
    if let Some(v) = knob("GUANXI_BITS") {
        cfg.bits = v
            .parse()
            .ok()
            .filter(|b| (16..=24).contains(b))
            .with_context(|| format!("GUANXI_BITS={v} (16..=24: a model row key has 24 bits)"))?;
    }
    let t0 = Instant::now();
    let progress = |e: usize, right: usize, of: usize| {
        eprintln!(
            "epoch {e}: {right}/{of} sentences right ({:.0}s)",
            t0.elapsed().as_secs_f64()
        );
    };
    // Settings are chosen on the development set; the shipped model then learns from the
    // whole training split with them.
    eprintln!(
        "training on {} sentences, {} held out",
        fit.len(),
        dev.len()
    );
    // The lexicon the features read; the built-in model is not used.
    let kn = Knowledge::embedded()
        .context("loading the built-in lexicons")?
        .without_model();
    let mut held_out =
        msra::train(fit, cfg, |e, r| progress(e, r, fit.len()), &kn).finish(cfg.prune);
    let (shift, dev_f1) = msra::choose_outside_shift(&mut held_out, dev, &kn);
    eprintln!("dev F1 {dev_f1:.4} with outside shift {shift}");
    for (k, c) in &msra::evaluate(&held_out, dev, &kn) {
        eprintln!(
            "dev {k}\tP {:.4}\tR {:.4}\tF1 {:.4}",
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    if let Some(path) = knob("GUANXI_DEV_MODEL") {
        std::fs::write(&path, held_out.to_bytes()).with_context(|| format!("writing {path}"))?;
    }
    if knob("GUANXI_DEV_ONLY").is_some() {
        return Ok(0);
    }
    eprintln!("training on all {} sentences", train.len());
    let mut model =
        msra::train(train, cfg, |e, r| progress(e, r, train.len()), &kn).finish(cfg.prune);
    model.shift_outside(shift);
    // The rows tagging uses most go to the hot table (same spans, faster lookups).
    let model = msra::with_hot_rows(model, train, &kn);
    let bytes = model.to_bytes();
    let model = ner::Model::from_bytes(&bytes)?;
    eprintln!(
        "{} rows ({} hot), {} bytes",
        model.rows(),
        model.hot_rows(),
        bytes.len()
    );
    std::fs::write(out, &bytes).with_context(|| format!("writing {out}"))?;
    Ok(0)
}

fn eval_ner(args: &[String]) -> Result<i32> {
    const USAGE: &str = "usage: guanxi eval-ner CORPUS [MODEL] [--spans FILE]";
    // `--spans FILE` writes the recogniser's spans on the test split, one JSON line per span
    // (sentence index within the split, char offsets, kind), to compare with what the whole
    // pipeline (`guanxi extract`, scripts/eval-extract.py) makes of the same sentences.
    let mut spans_out = None;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--spans" => spans_out = Some(it.next().context(USAGE)?.clone()),
            _ => rest.push(a),
        }
    }
    let corpus = rest.first().context(USAGE)?;
    let bytes = std::fs::read(rest.get(1).map(|s| s.as_str()).unwrap_or("data/ner.model"))?;
    let model = ner::Model::from_bytes(&bytes)?;
    let all = load_msra(corpus)?;
    let test = &all[msra::TEST_START.min(all.len())..];
    let chars: usize = test.iter().map(|s| s.chars.len()).sum();
    // Lexicons loaded and code warmed first; time the tagging alone.
    let kn = Knowledge::embedded()
        .context("loading the built-in lexicons")?
        .without_model();
    model.recognise(&['甲', '市'], &kn.lexicon, &mut ner::Context::default());
    let t0 = Instant::now();
    let scores = msra::evaluate(&model, test, &kn);
    let secs = t0.elapsed().as_secs_f64();
    if let Some(path) = spans_out {
        let mut out = String::new();
        for (k, spans) in msra::predict(&model, test, |s| &s.chars, &kn)
            .iter()
            .enumerate()
        {
            for s in spans {
                out += &format!(
                    "{{\"sent\":{k},\"start\":{},\"end\":{},\"kind\":\"{:?}\"}}\n",
                    s.start, s.end, s.kind
                );
            }
        }
        std::fs::write(&path, out).with_context(|| format!("writing {path}"))?;
    }
    for (k, c) in &scores {
        println!(
            "{k}\tP {:.4}\tR {:.4}\tF1 {:.4}\t(gold {}, predicted {})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold,
            c.predicted
        );
    }
    println!(
        "model {} bytes, {} rows ({} hot); {chars} chars in {secs:.2}s = {:.0} chars/s",
        bytes.len(),
        model.rows(),
        model.hot_rows(),
        chars as f64 / secs
    );
    Ok(0)
}
