use super::*;

/// The one article of `page`.
fn one_article(page: &str) -> Draft {
    let mut arts = split_page(page);
    assert_eq!(arts.len(), 1, "{arts:?}");
    arts.remove(0)
}

#[test]
fn terminal_punctuation() {
    assert!(ends_sentence("好。"));
    assert!(ends_sentence("他说：“好。”"));
    assert!(!ends_sentence("开办“四点半”"));
    assert!(!ends_sentence("与党"));
}

#[test]
fn bylines_and_captions() {
    let by = |p: &str| credits::byline(p).map(|c| c.authors);
    assert_eq!(by("本报讯（李明）4月"), Some(vec!["李明".into()]));
    assert_eq!(
        by("本报讯（记者 王芳 通讯员 陈立）近日"),
        Some(vec!["王芳".into(), "陈立".into()])
    );
    assert_eq!(by("本报记者会上"), None);
    assert!(is_caption("图为工人在作业。刘伟摄"));
    assert!(is_caption("图为工人在作业。（刘伟 摄）"));
    assert!(!is_caption("拍摄"));
}

#[test]
fn numbered_sections() {
    assert_eq!(section_number("处方二：规范执法"), Some(("处方".into(), 2)));
    assert_eq!(section_number("一、加强领导"), Some(("".into(), 1)));
    assert_eq!(section_number("强化督查考核"), None);
}

#[test]
fn author_before_title_and_broken_words() {
    let page =
        "王明\n\n河东区：社区治理新实践\n\n3月以来，河东区在\n\n全区推开“流动办公桌”做法。\n";
    let a = one_article(page);
    assert_eq!(a.title, "河东区：社区治理新实践");
    assert_eq!(a.authors, ["王明"]);
    assert!(a.text.contains("河东区在全区推开"));
}

#[test]
fn caption_then_article() {
    let page = "近日，某县某镇村民在晾晒玉米，喜获丰收。李强摄\n\n某县举办培训活动\n\n本报讯（陈立）近日，某县举办培训。\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(arts[0].title, "");
    assert_eq!(arts[0].authors, ["李强"]);
    assert_eq!(arts[1].title, "某县举办培训活动");
    assert_eq!(arts[1].authors, ["陈立"]);
}

#[test]
fn web_page_with_meta_and_end_credits() {
    let page = "某县举办农民丰收节\n2022-09-23 10:05  来源：某县融媒体中心\n\n\
        9月23日，某县在河东广场举办农民丰收节。\n\
        活动现场，农户们展示了各自的农产品。\n\
        来源：某县融媒体中心\n文/周明\n图/吴晓红\n编辑：孙丽  审核：郑岩\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 1, "{arts:#?}");
    let a = &arts[0];
    assert_eq!(a.title, "某县举办农民丰收节");
    assert_eq!(a.authors, ["周明", "吴晓红"]);
    assert_eq!(a.date.as_deref(), Some("2022-09-23"));
    // Credit lines stay lines of the text, so no name is glued to the next line's role word.
    assert!(a.text.contains("\n文/周明\n图/吴晓红\n"), "{}", a.text);
}

#[test]
fn short_items_each_with_their_credit() {
    let page = "9月1日，甲村举办了丰收节。村民们展示了农产品。\n\
        乙日报记者周明吴晓红\n\n\
        9月2日，丙镇召开了项目推进会。会议部署了下一步工作。（丙镇党委宣传部 供稿）\n\
        责任编辑：孙丽\n\n\
        清晨，丁湖边的候鸟在觅食，吸引了不少市民驻足观看。 郑岩 摄\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 3, "{arts:#?}");
    assert_eq!(arts[0].title, "");
    assert_eq!(arts[0].authors, ["周明", "吴晓红"]);
    assert!(arts[1].authors.is_empty());
    assert_eq!(arts[2].authors, ["郑岩"]);
}

#[test]
fn photo_credit_line_inside_an_article() {
    let page = "甲县举办农民运动会\n\n本报讯（记者 周明）9月5日，甲县举办农民运动会。\n\n\
        运动员在进行拔河比赛。\n记者 吴晓红 摄\n\n比赛设置了拔河、跳绳等项目。\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 1, "{arts:#?}");
    assert_eq!(arts[0].authors, ["周明", "吴晓红"]);
    // The credit verb glued to the name on a line of its own.
    let page = "甲县举办农民运动会\n\n村民在进行拔河比赛，场面热烈。\n孙丽摄\n";
    let arts = split_page(page);
    assert_eq!(arts[0].authors, ["孙丽"], "{arts:#?}");
    // A body crediting a picture so is no author.
    let page = "甲县举办农民运动会\n\n村民在进行拔河比赛，场面热烈。\n南开大学供图\n";
    assert!(split_page(page)[0].authors.is_empty());
}

#[test]
fn dateline_opens_an_item() {
    let page = "甲镇举办采摘节\n\n本报讯（周明）5月1日，甲镇举办采摘节。\n\n\
        乙村修通产业路\n\n本报讯 5月2日，乙村修通了产业路。（吴晓红）\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(arts[1].title, "乙村修通产业路");
    assert_eq!(arts[1].authors, ["吴晓红"]);
}

#[test]
fn column_label_opens_an_untitled_item() {
    let page = "图片新闻\n\n清晨，东湖边的白鹭在水面觅食，成为市民镜头里的一道风景线。 周明 摄\n\n\
        【简讯】\n\n本报讯 5月2日，乙村修通了产业路，村民出行更方便了。（吴晓红）\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(
        (arts[0].title.as_str(), arts[0].authors.as_slice()),
        ("", &["周明".to_owned()][..])
    );
    assert_eq!(
        (arts[1].title.as_str(), arts[1].authors.as_slice()),
        ("", &["吴晓红".to_owned()][..])
    );
    assert!(arts[0].text.starts_with("图片新闻\n"));
}

#[test]
fn headline_kicker_and_byline_in_parentheses() {
    let page = "专栏|甲市启动全民阅读月\n\n书香满城 共享阅读\n\n\
        发布时间：2024年4月1日  作者：全媒体记者 周明\n\n\
        甲市讯(通讯员 吴晓红)4月1日,甲市启动全民阅读月活动。\n\n\
        ——乙区开展志愿服务进社区活动\n\
        3月30日,乙区组织志愿者走进社区开展服务。\n";
    let arts = split_page(page);
    assert_eq!(arts.len(), 2, "{arts:#?}");
    assert_eq!(arts[0].title, "甲市启动全民阅读月");
    assert_eq!(arts[0].authors, ["周明", "吴晓红"]);
    assert_eq!(arts[0].date.as_deref(), Some("2024-04-01"));
    assert_eq!(arts[1].title, "乙区开展志愿服务进社区活动");
}

#[test]
fn garbage_does_not_panic() {
    for s in [
        "",
        "\n\n\n",
        "摄",
        "（",
        "本报讯（",
        "——",
        "一：",
        "\u{feff}",
        "文/",
        "记者",
        "编辑：",
        "本报讯（记者",
        "（）",
        "2023年",
        "9999-99-99",
        "作者：张三\n编辑：李四\n",
        "abc 记者 Smith 摄 ——",
        "本报讯 通讯员",
    ] {
        let _ = split_page(s);
    }
    // Only credit lines: kept as text, not dropped.
    let arts = split_page("文/周明\n图/吴晓红\n");
    assert!(arts.iter().any(|a| a.text.contains("吴晓红")));
    // No punctuation at all, and a long line without any.
    let _ = split_page(&"甲乙丙丁".repeat(500));
    // A byline with 30 names, run together and spaced.
    let names = ["周明", "吴晓红", "孙丽", "郑岩", "王芳", "陈立"].repeat(5);
    let _ = split_page(&format!("本报讯（记者 {}）今天。\n", names.join(" ")));
    let _ = split_page(&format!("记者{}摄\n", names.concat()));
    // Mixed scripts and stray brackets.
    let _ = split_page("Reuters 讯（记者 John Smith、周明）2023-02-30 『』】【)(：:\n");
    // Role words without end after a dateline.
    let _ = split_page(&format!("本报讯 {}", "记者".repeat(100_000)));
    // 10,000 one-line items.
    let many = "甲村举办活动。周明 摄\n\n".repeat(10_000);
    assert!(split_page(&many).len() >= 10_000);
}

#[test]
fn a_page_in_traditional_characters_splits_like_its_simplified_twin_and_stays_as_printed() {
    let trad = "香港政府宣佈新措施\n2023年5月1日 來源：明報\n\n本報記者 陳大文\n\n香港特別行政區政府今日宣佈，行政長官李家超將出席會議。\n";
    let simp = "香港政府宣布新措施\n2023年5月1日 来源：明报\n\n本报记者 陈大文\n\n香港特别行政区政府今日宣布，行政长官李家超将出席会议。\n";
    let (t, s) = (split_page(trad), split_page(simp));
    assert_eq!(t.len(), s.len());
    assert_eq!(s[0].authors, ["陈大文"]);
    assert_eq!(t[0].authors, ["陳大文"]);
    assert_eq!(t[0].title, "香港政府宣佈新措施");
    assert_eq!(t[0].date, s[0].date);
    // The same lines, each as printed.
    let read = |x: &str| {
        x.chars()
            .map(crate::text::normal::simplified_char)
            .collect::<String>()
    };
    assert_eq!(read(&t[0].text), s[0].text);
    assert!(
        t[0].text.contains("行政長官李家超將出席會議"),
        "{}",
        t[0].text
    );
}

#[test]
fn editors_and_reviewers_are_credited_apart_from_the_writers() {
    let page =
        "白水河治理见成效\n\n文/李明\n\n近日，白水河治理工程完工。\n责任编辑：王芳\n审核：陈立\n";
    let a = one_article(page);
    assert_eq!(a.authors, ["李明"]);
    assert_eq!(a.editors, ["王芳", "陈立"]);
    // A writer who also edits is credited as a writer only.
    let a = split_page("标题一行\n\n文/李明\n\n正文一句。\n编辑：李明\n");
    assert_eq!((a[0].authors.len(), a[0].editors.len()), (1, 0));
}
