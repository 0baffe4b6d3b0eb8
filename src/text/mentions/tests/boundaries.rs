//! Where names begin and end, and what joins them, on sentences like those of real pages.

use super::*;

/// An organisation the recogniser found at `start..end`.
fn org(start: usize, end: usize) -> Mention {
    mention(start, end, EntityKind::Organisation)
}

/// A place the gazetteer found at `start..end`.
fn known_place(start: usize, end: usize) -> Mention {
    Mention::new(start, end, EntityKind::Place, Source::Gazetteer)
}

#[test]
fn a_model_place_spanning_two_places_is_not_extended_over_both() {
    // The model may read a street and the community after it as one place; the suffix
    // rule then gives the community its own mention instead of stretching the whole span.
    let text = "朝阳区望京街道花园新村社区有5个小区";
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![
        Mention::new(0, 3, EntityKind::Place, Source::Gazetteer),
        Mention::new(3, 11, EntityKind::Place, Source::Model),
    ];
    suffix_places(&chars, &mut out);
    let kept: Vec<String> = resolve(&chars, out, &kn())
        .iter()
        .map(|m| chars[m.start..m.end].iter().collect())
        .collect();
    assert_eq!(kept, ["朝阳区", "望京街道", "花园新村社区"]);
    // A model place with nothing found inside it is still extended (`北城` + `社区`).
    let chars: Vec<char> = "家住北城新村社区的老人".chars().collect();
    let mut out = vec![Mention::new(2, 6, EntityKind::Place, Source::Model)];
    suffix_places(&chars, &mut out);
    assert!(out.iter().any(|m| (m.start, m.end) == (2, 8)), "{out:?}");
}

#[test]
fn names_with_a_conjunction_inside_are_whole() {
    let joined = |s: &str, mut ms: Vec<Mention>| {
        let chars: Vec<char> = s.chars().collect();
        conjoined_names(&chars, &mut ms);
        ms.iter()
            .filter(|m| m.kind == EntityKind::Organisation)
            .map(|m| chars[m.start..m.end].iter().collect::<String>())
            .collect::<Vec<_>>()
    };
    // A place, a short phrase, the conjunction, the rest of one name.
    assert_eq!(
        joined(
            "青山省政务服务和数据管理局",
            vec![known_place(0, 3), org(8, 13)]
        ),
        ["青山省政务服务和数据管理局"]
    );
    assert_eq!(
        joined(
            "在青山同尘和光低温科技有限公司",
            vec![known_place(1, 3), org(6, 15)]
        ),
        ["青山同尘和光低温科技有限公司"]
    );
    // Two bodies, two places, people, a name over the phrase, a name with its own place,
    // a title in between: two names.
    for (s, ms) in [
        ("青山市教育局和财政局", vec![known_place(0, 3), org(7, 10)]),
        (
            "青山市东区和西区政府",
            vec![known_place(0, 3), known_place(3, 5), org(6, 10)],
        ),
        (
            "青山省农民和农业合作社",
            vec![known_place(0, 3), org(6, 11)],
        ),
        (
            "青山贸促会和白水市政府",
            vec![known_place(0, 2), org(0, 5), org(6, 11)],
        ),
        (
            "青山贸促会和白水市政府",
            vec![known_place(0, 2), known_place(6, 9), org(6, 11)],
        ),
        ("外交部副部长和委员会", vec![org(0, 3), org(7, 10)]),
    ] {
        let got = joined(s, ms);
        assert!(got.iter().all(|n| !n.contains('和')), "{s}: {got:?}");
    }
}

#[test]
fn slogans_dates_datelines_and_outlets_name_no_programme_or_place() {
    let f = find_rules("志愿者弘扬“奉献、友爱、互助、进步”志愿服务精神，迎接“六一”儿童节。");
    assert!(f.iter().all(|(_, k)| *k != EntityKind::Programme), "{f:?}");
    let f = find_rules("标题\n白水讯（张明）近日，白水举办活动。\n本报青山讯 8月，活动举行。");
    assert!(has(&f, "白水", EntityKind::Place), "{f:?}");
    assert!(has(&f, "青山", EntityKind::Place), "{f:?}");
    assert!(f.iter().all(|(t, _)| !t.ends_with('讯')), "{f:?}");
    // With the shipped model, which reads `安徽` in `安徽网` as a place.
    let chars: Vec<char> = "安徽网8月14日讯 记者报道，安徽网全媒体记者到场。"
        .chars()
        .collect();
    let mut ctx = ner::Context::default();
    let ms = find(&chars, &[], &kn(), &mut ctx);
    assert!(
        ms.iter().any(|m| m.kind == EntityKind::Organisation),
        "{ms:?}"
    );
    assert!(ms.iter().all(|m| m.kind != EntityKind::Place), "{ms:?}");
}

#[test]
fn a_run_of_sites_is_each_site_in_the_one_before() {
    let chars: Vec<char> = "在广西北部湾港钦州港区大榄坪南作业区5号泊位，宁波港和香港港澳码头。"
        .chars()
        .collect();
    // As the recogniser reads the run: one place over two sites.
    let mut out = vec![Mention::new(3, 11, EntityKind::Place, Source::Model)];
    split_site_chains(&chars, &mut out);
    let mut names: Vec<String> = out
        .iter()
        .map(|m| chars[m.start..m.end].iter().collect())
        .collect();
    names.sort();
    assert_eq!(names, ["北部湾港", "钦州港区"]);
    zones(&chars, &mut out);
    assert!(
        out.iter()
            .any(|m| chars[m.start..m.end].iter().collect::<String>() == "大榄坪南作业区"),
        "{out:?}"
    );
    // With the shipped model, which ends the city at `市`.
    let chars: Vec<char> = "马克龙还将拜访巴黎市政厅。".chars().collect();
    let mut ctx = ner::Context::default();
    let ms = find(&chars, &[], &kn(), &mut ctx);
    assert!(
        ms.iter().any(|m| m.kind == EntityKind::Place
            && chars[m.start..m.end].iter().collect::<String>() == "巴黎市政厅"),
        "{ms:?}"
    );
    let f = find_rules("他从宁波港出发，抵达香港港澳码头。");
    assert!(has(&f, "宁波港", EntityKind::Place), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.starts_with("香港港")), "{f:?}");
}

#[test]
fn a_department_after_its_university_is_a_unit() {
    let f = find_rules("他被湘潭大学物理系录取，与各方保持联系。");
    assert!(has(&f, "物理系", EntityKind::Organisation), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.ends_with("联系")), "{f:?}");
}

#[test]
fn companies_keep_their_province_and_relation_words_name_none() {
    let chars: Vec<char> = "四川雅安温泉旅游开发股份有限公司和湖南长沙教育局"
        .chars()
        .collect();
    let mut ms = vec![
        known_place(0, 2),
        known_place(2, 4),
        org(2, 16),
        known_place(17, 19),
        org(19, 24),
    ];
    province_prefixed_companies(&chars, &mut ms, &kn());
    assert_eq!((ms[2].start, ms[2].end), (0, 16));
    // Not a body that is no company.
    assert_eq!((ms[4].start, ms[4].end), (19, 24));
    assert_eq!(trimmed("公司控股子公司", 0, 7), "");
    assert_eq!(trimmed("下属全资子公司", 0, 7), "");
    assert_eq!(trimmed("控股集团有限公司", 0, 8), "控股集团有限公司");
}

#[test]
fn named_elections_are_programmes() {
    let f = find_rules(
        "澳门特区第六任行政长官选举将于10月举行。第十二届村委会选举顺利完成。选举工作有序。",
    );
    assert!(
        has(&f, "澳门特区第六任行政长官选举", EntityKind::Programme),
        "{f:?}"
    );
    assert!(
        has(&f, "第十二届村委会选举", EntityKind::Programme),
        "{f:?}"
    );
    assert_eq!(
        f.iter()
            .filter(|(_, k)| *k == EntityKind::Programme)
            .count(),
        2,
        "{f:?}"
    );
}

#[test]
fn a_recognised_run_of_a_division_and_a_place_is_two() {
    let model =
        |start: usize, end: usize| Mention::new(start, end, EntityKind::Place, Source::Model);
    let names = |s: &str, m: Mention| {
        let chars: Vec<char> = s.chars().collect();
        let mut out = vec![m];
        split_division_runs(&chars, &mut out, &kn());
        let mut v: Vec<String> = out
            .iter()
            .map(|m| chars[m.start..m.end].iter().collect())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names("回龙观街道龙城社区", model(0, 7)),
        ["回龙观街道", "龙城"]
    );
    assert_eq!(names("南京市长江大桥", model(0, 7)), ["南京市", "长江大桥"]);
    // No listed division before the cut, or one character after it: one place.
    assert_eq!(names("市中区人民", model(0, 3)), ["市中区"]);
    assert_eq!(names("青山区街", model(0, 4)), ["青山区街"]);
}

#[test]
fn honour_titles_name_no_organisation() {
    let s = "该社区先后荣获青山市文明单位、市“五四”红旗团支部等多项荣誉。青山市团委召开会议。";
    let chars: Vec<char> = s.chars().collect();
    let spans = honour_spans(&chars);
    assert_eq!(spans.len(), 1, "{spans:?}");
    let (a, b) = spans[0];
    let inside: String = chars[a..b].iter().collect();
    assert!(
        inside.contains("红旗团支部") && !inside.contains("团委"),
        "{inside}"
    );
    // No verb of being honoured in the clause: no span.
    assert!(honour_spans(&"这份荣誉属于青山市团委。".chars().collect::<Vec<_>>()).is_empty());
}

#[test]
fn a_country_named_only_in_set_phrases_is_no_place_of_the_page() {
    let place = |s, e| mention(s, e, EntityKind::Place);
    let t = text("弘扬中华优秀传统文化，凝聚中华民族力量。");
    assert!(resolve(&t, vec![place(2, 4), place(13, 15)], &kn()).is_empty());
    // Named as the place as well: every mention stays.
    let t = text("中华大地上，中华民族团结奋斗。");
    assert_eq!(resolve(&t, vec![place(0, 2), place(6, 8)], &kn()).len(), 2);
    assert!(!is_concept_word(&text("中国队夺冠"), &place(0, 2)));
}

#[test]
fn a_name_found_by_propagation_opens_a_conjoined_name() {
    let known: HashMap<String, EntityKind> =
        [("青山议会".to_owned(), EntityKind::Organisation)].into();
    let index = ner::FormIndex::build(known.keys().map(String::as_str));
    let t = text("青山议会环境与资源保护委员会委员发言。");
    let ms = propagate(
        &t,
        &known,
        &index,
        vec![mention(7, 14, EntityKind::Organisation)],
        &kn(),
    );
    assert!(read(&t, &ms).contains(&"青山议会环境与资源保护委员会".to_owned()));
}

#[test]
fn a_place_begun_one_character_late_is_the_dictionarys_place() {
    let place = |s, e| mention(s, e, EntityKind::Place);
    let starts = |s: &str, mut ms: Vec<Mention>| {
        let t = text(s);
        dictionary_place_starts(&t, &mut ms, &kn());
        read(&t, &ms)
    };
    assert_eq!(starts("建设长白山生态", vec![place(3, 5)]), ["长白山"]);
    // Read whole by another mention: the late start gives way.
    assert_eq!(
        starts("建设长白山生态", vec![place(2, 5), place(3, 5)]),
        ["长白山"]
    );
    // The character is another name's.
    assert_eq!(
        starts("中国台湾地区", vec![place(0, 2), place(2, 4)]),
        ["中国", "台湾"]
    );
}

#[test]
fn a_body_its_mission_and_the_place_are_one_name() {
    let (o, p) = (EntityKind::Organisation, EntityKind::Place);
    let found = after(
        "青山国外交部驻白水国特派员公署发布消息",
        &[(0, 6, o), (7, 10, p), (7, 15, o)],
        missions,
    );
    assert_eq!(found, ["青山国外交部驻白水国特派员公署", "白水国"]);
}

#[test]
fn each_body_and_ships_name_no_one() {
    assert!(is_each_body(&text("各街道联络委主任参加"), &org(3, 6)));
    assert!(is_each_body(&text("各党支部书记"), &org(1, 4)));
    assert!(!is_each_body(&text("青山街道联络委主任"), &org(4, 7)));
    let place = |s, e| mention(s, e, EntityKind::Place);
    assert!(in_vessel_name(&text("装载到“新白水”轮上"), &place(5, 7)));
    assert!(!in_vessel_name(&text("来到“白水”参观"), &place(3, 5)));
}

#[test]
fn outlets_before_datelines_apps_and_editions() {
    let f = find_rules("来源:江淮网湖南\n江淮网客户端长沙3月9日电 今天，会议召开。");
    assert!(has(&f, "江淮网湖南", EntityKind::Organisation), "{f:?}");
    assert!(has(&f, "江淮网", EntityKind::Organisation), "{f:?}");
    assert!(!has(&f, "江淮网客户端", EntityKind::Organisation), "{f:?}");
}

#[test]
fn an_unnamed_place_in_a_named_one_is_the_named_one() {
    let found = [(0, 6, EntityKind::Place), (9, 16, EntityKind::Place)];
    let rule = |t: &[char], ms: &mut Vec<Mention>| indefinite_places(t, ms);
    let kept = after("青山县一小区广场，白水县第一小区", &found, rule);
    assert_eq!(kept, ["青山县", "白水县第一小区"]);
}

#[test]
fn a_kind_of_structure_is_no_place() {
    for (name, kind, structure) in [
        ("廊桥", EntityKind::Place, true),
        ("凉亭", EntityKind::Place, true),
        ("赵州桥", EntityKind::Place, false),
        ("廊桥", EntityKind::Organisation, false),
    ] {
        let got = is_kind_of_structure(&text(name), kind, &kn());
        assert_eq!(got, structure, "{name} {kind:?}");
    }
}

#[test]
fn names_listed_after_a_person_are_people() {
    let p = EntityKind::Person;
    let found = after(
        "我从陈省身、母国光、胡国定等学者身上学到很多，王向东、周边地区",
        &[(2, 5, p), (23, 26, p)],
        |t, ms| listed_people(t, ms, &kn()),
    );
    // `周边` is a word, not a name.
    assert_eq!(found, ["陈省身", "王向东", "母国光", "胡国定"]);
}

#[test]
fn a_person_found_by_propagation_opens_a_list_of_names() {
    let known: HashMap<String, EntityKind> = [("陈省身".to_owned(), EntityKind::Person)].into();
    let index = ner::FormIndex::build(known.keys().map(String::as_str));
    let t = text("我从陈省身、母国光等学者身上学到很多。");
    let ms = propagate(&t, &known, &index, Vec::new(), &kn());
    assert_eq!(read(&t, &ms), ["陈省身", "母国光"]);
}

#[test]
fn a_name_between_an_outlet_and_its_date_is_the_datelines_place() {
    let t = text("据新华社白水城5月18日电 世界一流大学建设");
    let ms = resolve(&t, vec![org(1, 4), org(4, 7), org(14, 20)], &kn());
    assert_eq!(read(&t, &ms), ["新华社", "白水城"]);
    assert_eq!(ms[1].kind, EntityKind::Place);
    // A country written alone is the country.
    let t = text("D组的日本和韩国");
    assert_eq!(
        resolve(&t, vec![org(3, 5)], &kn())[0].kind,
        EntityKind::Place
    );
}

#[test]
fn a_title_rule_defers_to_the_recogniser_s_longer_or_later_person() {
    // `主席和叶利钦总统`: `和` could open a Han name after the title, but the recogniser read
    // the person from `叶`; `部长罗季奥诺夫`: it read all five characters.
    let chars = text("江泽民主席和叶利钦总统会晤，国防部长罗季奥诺夫出席。");
    let mut out = vec![
        mention(6, 9, EntityKind::Person),
        mention(18, 23, EntityKind::Person),
    ];
    persons::titled_people(&chars, &mut out);
    assert_eq!(read(&chars, &out), ["叶利钦", "罗季奥诺夫"]);
    // With no reading of its own there, or a shorter one, the rule reads the Han name.
    let chars = text("董事长张志明说，副县长王宏伟表示。");
    let mut out = vec![mention(3, 5, EntityKind::Person)];
    persons::titled_people(&chars, &mut out);
    let mut names = read(&chars, &out);
    // `副县长` and `县长` both end before `王宏伟`.
    names.dedup();
    assert_eq!(names, ["张志", "张志明", "王宏伟"]);
}

#[test]
fn no_name_ends_with_an_ordinal_s_first_character() {
    let chars = text("（香港法例第77章）");
    let kept = resolve(&chars, vec![mention(1, 6, EntityKind::Organisation)], &kn());
    assert!(kept.is_empty(), "{:?}", read(&chars, &kept));
}

#[test]
fn a_person_the_word_list_files_as_a_place_stays_a_person() {
    // `罗干` is a place in jieba's list; read as a person after a title, it is the person.
    let chars = text("国务委员罗干等同志陪同。");
    let kept = resolve(&chars, vec![mention(4, 6, EntityKind::Person)], &kn());
    assert_eq!(read(&chars, &kept), ["罗干"]);
}

#[test]
fn a_title_after_a_body_is_no_unit_and_a_verb_opens_no_name() {
    // The recogniser's `中共中央政治局`; `常委` after it ends like a committee.
    let chars = text("中共中央政治局常委、国务院总理李鹏出席。");
    let mut out = vec![mention(0, 7, EntityKind::Organisation)];
    organisations::prefixed_orgs(&chars, &mut out, &kn());
    assert_eq!(read(&chars, &out), ["中共中央政治局"]);
    // A unit's own head after a body still makes one.
    let chars = text("兰州大学团委书记张三说。");
    let mut out = vec![mention(0, 4, EntityKind::Organisation)];
    organisations::prefixed_orgs(&chars, &mut out, &kn());
    assert!(
        read(&chars, &out).contains(&"团委".to_string()),
        "{:?}",
        read(&chars, &out)
    );
    // `会同` opening a span: the body after it is the name.
    let chars = text("公安部会同省公安厅调查。");
    let mut m = mention(3, 9, EntityKind::Organisation);
    trim_organisation(&chars, &mut m, &kn());
    assert_eq!(read(&chars, &[m]), ["省公安厅"]);
}

#[test]
fn an_adverb_ends_an_organisation_s_name_or_opens_a_clause_before_one() {
    assert_eq!(trimmed("漯河市纪委严肃查处了此案。", 0, 9), "漯河市纪委");
    assert_eq!(
        trimmed("河南省认真贯彻中央纪委全会精神。", 0, 11),
        "中央纪委"
    );
    assert_eq!(trimmed("上述两家出版社被查处。", 0, 7), "");
    // Names without one stay whole.
    assert_eq!(
        trimmed("中国人民解放军总医院。", 0, 10),
        "中国人民解放军总医院"
    );
}

#[test]
fn a_recognised_island_bay_or_prefecture_is_not_the_short_form_it_opens_with() {
    for (s, known, recognised, kept) in [
        // The recogniser's `北海道` over the gazetteer's `北海` (of `北海市`).
        ("冬游北海道，别有一番滋味。", (2, 4), (2, 5), "北海道"),
        // A full name stays the gazetteer's (`北海市` is no `北海市道`).
        ("北海市道路整修。", (0, 3), (0, 4), "北海市"),
    ] {
        let chars = text(s);
        let recognised = mention(recognised.0, recognised.1, EntityKind::Place);
        let found = vec![known_place(known.0, known.1), recognised];
        assert_eq!(read(&chars, &resolve(&chars, found, &kn())), [kept], "{s}");
    }
}

#[test]
fn the_bodies_either_side_of_an_event_verb_are_both_names() {
    let o = EntityKind::Organisation;
    let before = |s: &str, end: usize| {
        let t = text(s);
        body_before_event_verb(&t, &mention(0, end, o)).map(|m| read(&t, &[m]))
    };
    assert_eq!(
        before("青山区应急管理局联合区消防救援大队开展检查", 17),
        Some(vec!["青山区应急管理局".to_owned()])
    );
    assert_eq!(
        before("白水街道办事处邀请区公安分局民警讲课", 14),
        Some(vec!["白水街道办事处".to_owned()])
    );
    // Nothing that ends like a body before the verb; `联合国` is a name of its own.
    assert_eq!(before("大家联合区消防救援大队", 11), None);
    assert_eq!(before("青山县联合国协会", 8), None);
    let f = find_rules("青山区应急管理局联合区消防救援大队开展检查。");
    assert!(!f.iter().any(|(n, _)| n.contains("联合")), "{f:?}");
}

#[test]
fn what_a_body_sets_up_is_no_name_unless_a_place_opens_it() {
    // `在白水市设立新中心`: the thing set up, not a name.
    assert_eq!(trimmed("公司在白水市设立新中心。", 2, 10), "");
    assert_eq!(trimmed("将在湖州市筹建研发中心。", 2, 11), "");
    // A body set up with its place is named.
    assert_eq!(
        trimmed("会上宣布成立青山县志愿者协会。", 4, 14),
        "青山县志愿者协会"
    );
}
