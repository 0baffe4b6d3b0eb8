//! Large imports in the worker: the request sent, progress, the result read over frames, a
//! stale or damaged result, cancel, and the fallback when the worker fails.

use crate::app::session::tests::{cmd, session, status};
use crate::app::session::*;
use crate::io::offload;
use crate::text::knowledge::testing::shipped;

const NAMES: [&str; 10] = [
    "王明", "李强", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄勇", "周杰", "吴刚",
];
const PLACES: [&str; 3] = ["河南省洛阳市", "湖北省宜昌市", "湖南省长沙市"];

/// `n` pages (up to 30 different ones), each a file.
fn files(n: usize) -> Command {
    Command::Import(
        (0..n)
            .map(|i| {
                let (name, place) = (NAMES[i % 10], PLACES[i / 10 % 3]);
                let text = format!("第{i}篇\n\n本报讯（{name}）{place}举办活动，{name}出席。\n");
                (format!("{i}.txt"), Ok(text.into_bytes()))
            })
            .collect(),
    )
}

/// What the worker does with a request (natively, with the same knowledge).
fn run_worker(bytes: &[u8]) -> Vec<u8> {
    let req = offload::Request::decode(bytes).expect("a request");
    let mut cache = crate::text::MentionCache::default();
    offload::extract(req, shipped(), &mut cache, &|| 0.0, &mut |_| {})
}

fn sent(out: &Output) -> Vec<u8> {
    match &out.worker {
        Some(WorkerOrder::Extract { request, .. }) => request.clone(),
        other => panic!("no request: {other:?}"),
    }
}

/// A session with a worker, sent `n` files to extract; the request sent to the worker.
fn sent_to_worker(n: usize) -> (Session, Vec<u8>) {
    let mut s = session().with_large_corpus(1);
    s.set_worker(true);
    let out = cmd(&mut s, files(n));
    (s, sent(&out))
}

/// The sequence number of a request sent to the worker.
fn seq_of(request: &[u8]) -> u32 {
    offload::Request::decode(request).expect("a request").seq
}

/// Frames until the progress bar hides; returns the last output and the frames it took.
fn frames_until_done(s: &mut Session) -> (Output, usize) {
    for n in 1..10_000 {
        let out = s.frame(2.0);
        if out.progress == Some(Progress::Hide) {
            return (out, n);
        }
    }
    panic!("the import never finished");
}

#[test]
fn a_large_import_runs_in_the_worker_and_shows_the_same_graph() {
    let mut here = session().with_large_corpus(1);
    cmd(&mut here, files(30));
    frames_until_done(&mut here);

    let mut s = session().with_large_corpus(1);
    s.set_worker(true);
    let out = cmd(&mut s, files(30));
    assert_eq!(out.progress, Some(Progress::Show));
    assert!(s.is_extracting() && s.extracting_in_worker());
    let bytes = sent(&out);
    let req = offload::Request::decode(&bytes).expect("a request");
    assert_eq!(req.drafts.len(), 30);
    // Nothing happens here meanwhile but layout.
    assert_eq!(s.frame(4.0).progress, None);
    let seq = req.seq;
    let out = cmd(&mut s, Command::WorkerProgress { seq, done: 5 });
    assert!(matches!(
        out.progress,
        Some(Progress::At {
            done: 5,
            total: 30,
            ..
        })
    ));
    // A result of another import is not this one's.
    let result = run_worker(&bytes);
    let stale = Command::WorkerResult {
        seq: seq + 1,
        bytes: result.clone(),
    };
    assert!(cmd(&mut s, stale).progress.is_none());
    assert!(s.extracting_in_worker());
    cmd(&mut s, Command::WorkerResult { seq, bytes: result });
    let (done, frames) = frames_until_done(&mut s);
    assert!(
        frames > 1,
        "the result is read over several frames: {frames} {:?}",
        done.status
    );
    // The graph is drawn, then the panels follow.
    assert!(!done.corpus && !done.view);
    assert!(s.frame(2.0).view);
    assert!(status(&done).0.starts_with("Extracted 30 articles in "));
    let (a, b) = (&s.explorer().x, &here.explorer().x);
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.entities, b.entities);
    assert_eq!(a.relations, b.relations);
    assert_eq!(a.credits, b.credits);
    assert!(!s.is_extracting());
    assert!(s.storage().get(STORAGE_KEY).is_some(), "saved");
}

#[test]
fn cancelling_stops_the_worker_and_drops_the_sources() {
    let (mut s, request) = sent_to_worker(3);
    let seq = seq_of(&request);
    let out = cmd(&mut s, Command::CancelImport);
    assert_eq!(out.worker, Some(WorkerOrder::Stop));
    assert_eq!(status(&out).0, "Import cancelled; nothing changed.");
    assert!(s.library().sources.is_empty() && !s.is_extracting());
    // What the stopped worker might still have sent changes nothing.
    let late = Command::WorkerResult {
        seq,
        bytes: b"late".to_vec(),
    };
    assert!(!cmd(&mut s, late).corpus);
    assert_eq!(s.showing(), Showing::Demo);
}

#[test]
fn when_the_worker_fails_the_import_runs_here_and_says_so() {
    let (mut s, request) = sent_to_worker(4);
    let seq = seq_of(&request);
    let why = "Worker is not allowed".to_owned();
    let out = cmd(&mut s, Command::WorkerFailed { seq, why });
    assert!(status(&out).0.contains("main thread"), "{:?}", out.status);
    assert!(status(&out).0.contains("Worker is not allowed"));
    assert_eq!(out.worker, Some(WorkerOrder::Stop));
    assert!(s.is_extracting() && !s.extracting_in_worker());
    let (done, _) = frames_until_done(&mut s);
    assert!(status(&done).0.starts_with("Extracted 4 articles"));
    // The next import stays here too.
    let out = cmd(&mut s, files(5));
    assert_eq!(out.worker, None);
}

#[test]
fn a_damaged_result_falls_back_to_extracting_here() {
    let (mut s, bytes) = sent_to_worker(2);
    let seq = seq_of(&bytes);
    let mut result = run_worker(&bytes);
    result.truncate(result.len() - 5);
    cmd(&mut s, Command::WorkerResult { seq, bytes: result });
    let (done, _) = frames_until_done(&mut s);
    assert!(status(&done).0.starts_with("Extracted 2 articles"));
    assert_eq!(s.explorer().x.articles.len(), 2);
}

#[test]
fn a_stopped_worker_fails_whatever_it_was_running() {
    let (mut s, _) = sent_to_worker(2);
    let why = "out of memory".to_owned();
    let out = cmd(
        &mut s,
        Command::WorkerFailed {
            seq: offload::ANY_SEQ,
            why,
        },
    );
    assert!(status(&out).0.contains("out of memory"));
    assert!(!s.extracting_in_worker());
}

#[test]
fn progress_tells_the_time_spent_and_left() {
    let lang = crate::app::i18n::Lang::En;
    let (_, text) = crate::app::present::progress_bar(50, 200, 10, lang);
    assert_eq!(text, "50 / 200 articles · 10 s, about 30 s left");
    let (_, text) = crate::app::present::progress_bar(0, 200, 0, lang);
    assert_eq!(text, "0 / 200 articles");
}

#[test]
fn worker_messages_become_commands() {
    let of = Command::of_worker;
    assert_eq!(
        of(Some(3), Some(10), None, None),
        Command::WorkerProgress { seq: 3, done: 10 }
    );
    assert_eq!(
        of(Some(3), None, Some(vec![1]), None),
        Command::WorkerResult {
            seq: 3,
            bytes: vec![1]
        }
    );
    let failed = |seq, why: &str| Command::WorkerFailed {
        seq,
        why: why.into(),
    };
    assert_eq!(of(Some(3), None, None, Some("x".into())), failed(3, "x"));
    assert_eq!(
        of(None, None, None, Some("boom".into())),
        failed(offload::ANY_SEQ, "boom")
    );
    assert_eq!(
        of(Some(4), None, None, None),
        failed(4, "the worker sent nothing")
    );
}

#[test]
fn the_progress_box_shows_and_hides() {
    let s = session();
    let props = |p| s.progress_properties(p);
    let hidden = |on| vec![("import-progress-box".to_owned(), "hidden", Prop::Flag(on))];
    assert_eq!(props(Progress::Show), hidden(false));
    assert_eq!(props(Progress::Hide), hidden(true));
    let at = props(Progress::At {
        done: 1,
        total: 4,
        elapsed_s: 2,
    });
    assert_eq!(
        at[0],
        ("import-progress".into(), "value", Prop::Text("0.25".into()))
    );
    let text = Prop::Text("1 / 4 articles · 2 s, about 6 s left".into());
    assert_eq!(at[1], ("import-progress-text".into(), "textContent", text));
}
