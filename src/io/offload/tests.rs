use super::*;
use crate::text::knowledge::testing::rules;

fn draft(title: &str, text: &str) -> Draft {
    Draft {
        title: title.into(),
        authors: vec!["王芳".into()],
        editors: Vec::new(),
        date: Some("2024-05-08".into()),
        source: "新闻.jsonl".into(),
        text: text.into(),
    }
}

fn corpus() -> Vec<Draft> {
    vec![
        draft(
            "一",
            "本报讯（王芳）河南省郑州市金水区举办读书活动，区教育局局长李强出席。\n第二段。",
        ),
        Draft {
            authors: Vec::new(),
            date: None,
            ..draft(
                "",
                "湖南省长沙市岳麓区教育局局长刘建华出席并讲话。李强也在长沙市。",
            )
        },
        draft("三", "郑州市金水区教育局与长沙市岳麓区教育局签约。"),
    ]
}

/// The texts the page sent, by article.
fn texts() -> Vec<String> {
    corpus().into_iter().map(|d| d.text).collect()
}

#[test]
fn a_request_reads_back_as_sent() {
    let req = Request {
        seq: 7,
        drafts: corpus(),
    };
    assert_eq!(Request::decode(&req.encode()), Ok(req));
    let empty = Request {
        seq: 0,
        drafts: Vec::new(),
    };
    assert_eq!(Request::decode(&empty.encode()), Ok(empty));
}

#[test]
fn damaged_requests_are_errors_not_panics() {
    let bytes = Request {
        seq: 1,
        drafts: corpus(),
    }
    .encode();
    assert_eq!(Request::decode(b"nope"), Err(WireError::NotRequest));
    // Every prefix, and every byte flipped, is read without a panic (most are refused).
    for n in 0..bytes.len() {
        assert!(Request::decode(&bytes[..n]).is_err(), "prefix {n}");
    }
    for i in 4..bytes.len() {
        let mut b = bytes.clone();
        b[i] ^= 0xff;
        let _either = Request::decode(&b);
    }
}

/// What the worker sends is the extraction `text::extract` makes of the same drafts.
#[test]
fn the_result_is_the_extraction_read_a_few_lines_at_a_time() {
    let k = rules();
    let want = crate::text::extract(corpus(), &k);
    let mut cache = MentionCache::default();
    let mut heard = Vec::new();
    let bytes = extract(
        Request {
            seq: 3,
            drafts: corpus(),
        },
        k,
        &mut cache,
        &|| 0.0,
        &mut |n| heard.push(n),
    );
    assert_eq!(heard, vec![1, 2, 3]);
    for per_step in [1, 7, usize::MAX] {
        let mut r = Reader::new(bytes.clone(), texts()).expect("a result");
        assert_eq!(r.header().seq, 3);
        let mut steps = 0;
        while !r.step(per_step).expect("readable") {
            steps += 1;
            assert!(r.read().0 <= r.read().1);
        }
        let (x, h) = r.finish().expect("complete");
        assert_eq!(x, want);
        assert_eq!(h.entities, want.entities.len());
        if per_step == 1 {
            assert!(steps > want.entities.len(), "{steps} steps");
        }
    }
}

#[test]
fn the_worker_cache_reads_only_new_articles_again() {
    let k = rules();
    let mut cache = MentionCache::default();
    let mut drafts = corpus();
    let last = drafts.pop().expect("three");
    let run = |drafts: Vec<Draft>, cache: &mut MentionCache| {
        extract(
            Request { seq: 1, drafts },
            k.clone(),
            cache,
            &|| 0.0,
            &mut |_| {},
        )
    };
    run(drafts.clone(), &mut cache);
    assert_eq!(cache.len(), 2);
    drafts.push(last);
    run(drafts, &mut cache);
    assert_eq!(cache.len(), 3);
}

#[test]
fn damaged_results_are_errors_not_panics() {
    let bytes = extract(
        Request {
            seq: 1,
            drafts: corpus(),
        },
        rules(),
        &mut MentionCache::default(),
        &|| 0.0,
        &mut |_| {},
    );
    let read = |b: Vec<u8>| -> Result<(Extraction, Header), WireError> {
        let mut r = Reader::new(b, texts())?;
        while !r.step(5)? {}
        r.finish()
    };
    assert!(read(bytes.clone()).is_ok());
    for n in (0..bytes.len()).step_by(13) {
        assert!(read(bytes[..n].to_vec()).is_err(), "prefix {n}");
    }
    // A header claiming more items than the bytes can hold.
    let huge = b"{\"seq\":1,\"articles\":99999999,\"entities\":0,\"relations\":0,\"credits\":0,\"capped\":0,\"ms\":0}\n";
    assert!(Reader::new(huge.to_vec(), texts()).is_err());
    // A relation naming an entity that is not there.
    let text = String::from_utf8(bytes).expect("JSON lines");
    let broken = text.replacen("\"source\":0", "\"source\":9999", 1);
    if broken != text {
        assert!(read(broken.into_bytes()).is_err());
    }
}

#[test]
fn the_worker_side_builds_its_knowledge_from_the_page_blocks() {
    let mut w = Worker::default();
    let req = Request {
        seq: 2,
        drafts: corpus(),
    }
    .encode();
    assert!(
        w.extract(&req, &|| 0.0, &mut |_| {}).is_err(),
        "no knowledge yet"
    );
    // A build with the assets embedded ignores the blocks; the page's build needs them.
    let blocks: Vec<String> = crate::text::assets::Asset::ALL
        .iter()
        .map(|a| crate::io::bundle::base64(a.embedded()))
        .collect();
    w.init(&blocks).expect("knowledge");
    let clock = std::cell::Cell::new(0.0);
    let now = || {
        clock.set(clock.get() + 40.0);
        clock.get()
    };
    let mut heard = Vec::new();
    let bytes = w
        .extract(&req, &now, &mut |n| heard.push(n))
        .expect("a result");
    assert_eq!(heard[0], 1, "the first article is told at once");
    assert!(heard.len() < 3, "then at most every 100 ms: {heard:?}");
    let mut r = Reader::new(bytes, texts()).expect("a result");
    while !r.step(100).expect("readable") {}
    assert_eq!(r.finish().expect("complete").0.articles.len(), 3);
    assert_eq!(
        w.extract(b"junk", &now, &mut |_| {}),
        Err("not an import request".into())
    );
}

#[test]
fn the_result_carries_no_text_the_page_holds() {
    let k = rules();
    let want = crate::text::extract(corpus(), &k);
    let request = Request {
        seq: 4,
        drafts: corpus(),
    };
    let bytes = extract(
        request,
        k,
        &mut MentionCache::default(),
        &|| 0.0,
        &mut |_| {},
    );
    let text = String::from_utf8(bytes.clone()).expect("JSON lines");
    assert!(!text.contains("第二段") && !text.contains("签约"), "{text}");
    let mut r = Reader::new(bytes.clone(), texts()).expect("a result");
    assert!(r.header().texts.is_empty());
    while !r.step(3).expect("readable") {}
    assert_eq!(r.finish().expect("complete").0, want);
    // The texts of another request: fewer articles, or more, is damage.
    let mut two = texts();
    two.pop();
    assert!(Reader::new(bytes.clone(), two).is_err());
    let mut four = texts();
    four.push("四".into());
    assert!(Reader::new(bytes.clone(), four).is_err());
    // A text the header does not announce, or an announced one out of range, is damage.
    let read = |b: String| -> Result<Extraction, WireError> {
        let mut r = Reader::new(b.into_bytes(), texts())?;
        while !r.step(5)? {}
        r.finish().map(|(x, _)| x)
    };
    let stray = text.replacen("\"text\":\"\"", "\"text\":\"多\"", 1);
    assert_ne!(stray, text);
    assert_eq!(
        read(stray),
        Err(WireError::Damaged("a text not announced".into()))
    );
    let beyond = text.replacen("\"texts\":[]", "\"texts\":[7]", 1);
    assert_ne!(beyond, text);
    assert_eq!(read(beyond), Err(WireError::Damaged("text index".into())));
}

#[test]
fn a_text_extraction_changed_comes_back_in_the_result() {
    let mut x = crate::text::extract(corpus(), &rules());
    x.articles[1].text = "改过的文字".into();
    for a in [0, 2] {
        x.articles[a].text.clear();
    }
    let header = Header {
        seq: 5,
        articles: 3,
        entities: x.entities.len(),
        relations: 0,
        credits: 0,
        texts: vec![1],
        ..Header::default()
    };
    x.relations.clear();
    x.credits.clear();
    let mut r = Reader::new(encode_result(&header, &x), texts()).expect("a result");
    while !r.step(2).expect("readable") {}
    let (got, _) = r.finish().expect("complete");
    assert_eq!(got.articles[1].text, "改过的文字");
    assert_eq!(got.articles[0].text, texts()[0]);
    assert_eq!(got.articles[2].text, texts()[2]);
}
