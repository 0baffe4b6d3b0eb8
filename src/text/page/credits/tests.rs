//! Credit lines, bylines and datelines: what each reads as.

use super::*;

fn authors(c: Option<Credits>) -> Vec<String> {
    c.map(|c| c.authors).unwrap_or_default()
}

#[test]
fn bylines_in_both_widths() {
    for p in [
        "本报讯（记者 张三 通讯员 李四）近日，",
        "本报讯(记者 张三 通讯员 李四)近日,",
        "本报讯 (记者张三 通讯员李四) 近日,",
        "某某网讯（记者 张三、李四）为了",
        "本报某地3月1日电  （记者张三、李四）今天，",
        "某省日报9月1日讯(记者 张三 李四):9月1日,",
        "某地融媒体中心(记者 张三 李四)5月1日,",
    ] {
        assert_eq!(authors(byline(p)), ["张三", "李四"], "{p}");
    }
    assert_eq!(authors(byline("东山讯(周明)近日,")), ["周明"]);
    assert_eq!(
        authors(byline("西镇讯 通讯员周明报道 5月1日,某镇")),
        ["周明"]
    );
    assert_eq!(byline("东山网8月1日讯 8月1日,某镇举办"), None);
    let c = byline("新华社北京2023年3月1日电(记者 王五)今天").unwrap();
    assert_eq!(
        (c.authors, c.date),
        (vec!["王五".into()], Some("2023-03-01".into()))
    );
    assert_eq!(
        dateline_date("某社北京2023年3月1日电 今天,"),
        Some("2023-03-01".into())
    );
    assert_eq!(dateline_date("2023年3月1日,某地举办"), None);
    assert_eq!(opening_dateline("本报讯 5月20日，"), Some("本报讯"));
    assert_eq!(opening_dateline("来电，他说"), None);
    assert_eq!(byline("本报记者会上，王明说"), None);
    assert_eq!(byline("某区委书记(兼)王明率队"), None);
    assert_eq!(byline("5月1日,某区委书记(兼)王明率队"), None);
}

#[test]
fn authors_of_credit_lines_and_tails() {
    type Read = fn(&str) -> Option<Credits>;
    let cases: &[(Read, &str, &[&str])] = &[
        (meta_line, "文/张三", &["张三"]),
        (meta_line, "图/李四", &["李四"]),
        (meta_line, "文/图 张三", &["张三"]),
        (meta_line, "文 张三 图 李四", &["张三", "李四"]),
        (meta_line, "作者：张三 李四", &["张三", "李四"]),
        (meta_line, "撰稿:张三", &["张三"]),
        (
            meta_line,
            "某某日报、某报全媒体记者 张三 摄影记者 李四",
            &["张三", "李四"],
        ),
        (meta_line, "某省日报记者周明吴晓红", &["周明", "吴晓红"]),
        (
            meta_line,
            "张三 某某晚报 某某网 某客户端记者 李四",
            &["张三", "李四"],
        ),
        (meta_line, "特约记者 张三摄", &["张三"]),
        (meta_line, "孙丽摄影报道", &["孙丽"]),
        (meta_line, "（李四参与采写）", &["李四"]),
        (meta_line, "来源:某区委宣传部 张三", &["张三"]),
        (meta_line, "来源：某某日报", &[]),
        (meta_line, "( 张三 供稿 )", &["张三"]),
        (meta_line, "记者 张三 摄", &["张三"]),
        (meta_line, "摄影记者 李四", &["李四"]),
        (meta_line, "全媒体记者 张三", &["张三"]),
        (meta_line, "记者 欧阳 明 通讯员 周 丽", &["欧阳明", "周丽"]),
        (meta_line, "来源：本站原创 时间：2020-01-02", &[]),
        (tail, "图为活动现场。 张三 摄", &["张三"]),
        (tail, "工人在作业。李四摄", &["李四"]),
        (
            tail,
            "工人在作业。 周明本报记者吴晓红孙丽摄",
            &["周明", "吴晓红", "孙丽"],
        ),
        (tail, "居民们很满意。(王五)", &["王五"]),
        (tail, "居民们很满意。(记者张三)", &["张三"]),
        (tail, "工人在作业。阿布都·热合曼 摄", &["阿布都·热合曼"]),
        (tail, "共同进步。(某县委宣传部 供稿)", &[]),
        (tail, "他说。(完)", &[]),
    ];
    for (read, line, want) in cases {
        assert_eq!(authors(read(line)), *want, "{line}");
    }
}

#[test]
fn credit_lines() {
    let e = meta_line("编辑：张三   审核：李四   终审：王五").unwrap();
    assert!(e.authors.is_empty() && e.closing);
    assert_eq!(e.editors, ["张三", "李四", "王五"]);
    let m =
        meta_line("某日报|时间:2024-02-20 09:49作者:全媒体记者 张三 来源:本站原创 评论:0").unwrap();
    assert_eq!(m.authors, ["张三"]);
    assert_eq!(m.date.as_deref(), Some("2024-02-20"));
    assert!(meta_line("【作者:】 【编辑:李四】").is_some());
    assert!(meta_line("[责任编辑:李四]").unwrap().closing);
    // Headings and prose are no credit lines.
    for l in [
        "三场记者会",
        "记者手记",
        "活动现场",
        "某市举办读书活动",
        "记者在现场看到，",
    ] {
        assert_eq!(meta_line(l), None, "{l}");
    }
}

#[test]
fn dates() {
    for (line, want) in [
        ("2017-08-14 10:25:03 来源:某网", "2017-08-14"),
        ("2021年09月18日 10:05  来源:某日报", "2021-09-18"),
        ("发布时间:2018-9-6 15:56 |来源:某网站", "2018-09-06"),
        ("《某某日报》（2025年04月02日第 07 版）", "2025-04-02"),
        ("2023年5月6日", "2023-05-06"),
        ("某晚报 2019/11/28 04:12", "2019-11-28"),
    ] {
        assert_eq!(
            meta_line(line).and_then(|c| c.date).as_deref(),
            Some(want),
            "{line}"
        );
    }
    assert_eq!(find_date("2023年13月6日"), None);
}

#[test]
fn tails() {
    let e = tail("他说。(完) 【编辑:李四】").unwrap();
    assert_eq!(e.editors, ["李四"]);
    assert_eq!(tail("他走了。"), None);
}

#[test]
fn run_together_names() {
    assert_eq!(names_in("周丽娜郑岩"), ["周丽娜", "郑岩"]);
    assert_eq!(names_in("江东日报"), Vec::<String>::new());
    assert_eq!(names_in("张三"), ["张三"]);
}
