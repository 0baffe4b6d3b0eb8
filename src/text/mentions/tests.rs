use super::*;

mod boundaries;

fn find_rules(s: &str) -> Vec<(String, EntityKind)> {
    let chars: Vec<char> = s.chars().collect();
    let mut ctx = ner::Context::default();
    find(
        &chars,
        &[],
        &crate::text::knowledge::testing::rules(),
        &mut ctx,
    )
    .into_iter()
    .map(|m| (chars[m.start..m.end].iter().collect(), m.kind))
    .collect()
}

fn has(found: &[(String, EntityKind)], s: &str, k: EntityKind) -> bool {
    found.iter().any(|(t, kk)| t == s && *kk == k)
}

/// A mention the recogniser made.
fn mention(start: usize, end: usize, kind: EntityKind) -> Mention {
    Mention::new(start, end, kind, Source::Model)
}

fn text(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// What the mentions read, in their order.
/// The names `rule` leaves of `ms` (start, end, kind) in `s`.
fn after(
    s: &str,
    ms: &[(usize, usize, EntityKind)],
    rule: impl Fn(&[char], &mut Vec<Mention>),
) -> Vec<String> {
    let t = text(s);
    let mut ms: Vec<Mention> = ms.iter().map(|&(a, b, k)| mention(a, b, k)).collect();
    rule(&t, &mut ms);
    read(&t, &ms)
}

fn read(chars: &[char], ms: &[Mention]) -> Vec<String> {
    ms.iter()
        .map(|m| chars[m.start..m.end].iter().collect())
        .collect()
}

#[test]
fn recognised_spans_must_pair_their_quotes() {
    let c = |s: &str| s.chars().collect::<Vec<char>>();
    for bad in [
        "“线下院",
        "线下院”",
        "办公桌“",
        "”院",
        "（北京",
        "北京）",
        "",
    ] {
        assert!(!well_formed(&c(bad)), "{bad}");
    }
    for good in [
        "“九度”社区",
        "北京市",
        "中国（上海）自由贸易试验区",
        "《人民日报》社",
    ] {
        assert!(well_formed(&c(good)), "{good}");
    }
    // With the shipped model: the quoted phrase yields no organisation starting with `“`.
    let chars = c("“线上议事厅”发布各类通知；“线下院落办公桌”由社区干部轮流值守。");
    let mut ctx = ner::Context::default();
    for m in find(&chars, &[], &kn(), &mut ctx) {
        assert!(well_formed(&chars[m.start..m.end]), "{m:?}");
    }
}

#[test]
fn place_chains_and_short_forms() {
    let f = find_rules("他来自河南省洛阳市栾川县，后来到山东工作。");
    for p in ["河南省", "洛阳市", "栾川县", "山东"] {
        assert!(has(&f, p, EntityKind::Place), "{p}: {f:?}");
    }
}

#[test]
fn a_chain_names_a_place_inside_the_one_before() {
    // 怀柔 lies in 北京; 公安 (a county of 湖北) after a county of 安徽 is the word 公安局,
    // and 振兴 (a district of 辽宁) after 吉林 is the verb.
    let f = find_rules("他在北京怀柔工作。望江县公安局民警赶到。推动吉林振兴发展。");
    assert!(has(&f, "怀柔", EntityKind::Place), "{f:?}");
    assert!(has(&f, "望江县公安局", EntityKind::Organisation), "{f:?}");
    for word in ["公安", "振兴"] {
        assert!(!has(&f, word, EntityKind::Place), "{word}: {f:?}");
    }
    // A county's name that ends a word begun before it is that word's tail.
    let f = find_rules("创建民族团结示范县。他来自河南范县。旅客从重庆出发。");
    assert!(has(&f, "重庆", EntityKind::Place), "{f:?}");
    assert_eq!(
        f.iter().filter(|(t, _)| t == "范县").count(),
        1,
        "only the second 范县: {f:?}"
    );
    // A short form that makes a word with the character after it is that word.
    let f = find_rules("一块黑色大理石基座。他来自云南大理。");
    assert_eq!(f.iter().filter(|(t, _)| t == "大理").count(), 1, "{f:?}");
}

#[test]
fn a_category_word_before_a_company_is_not_its_name() {
    let trimmed = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut m = Mention::new(0, chars.len(), EntityKind::Organisation, Source::Model);
        trim_organisation(&chars, &mut m, &kn());
        chars[m.start..m.end].iter().collect::<String>()
    };
    assert_eq!(
        trimmed("区企业青禾汽车科技有限公司"),
        "青禾汽车科技有限公司"
    );
    assert_eq!(trimmed("龙头企业青禾科技有限公司"), "青禾科技有限公司");
    assert_eq!(
        trimmed("中国企业管理咨询有限公司"),
        "中国企业管理咨询有限公司"
    );
    assert_eq!(trimmed("中国企业联合会"), "中国企业联合会");
    assert_eq!(trimmed("十三届全国人大"), "全国人大");
    // `届` after the span is none of its business (the span is never cut past its end).
    let chars: Vec<char> = "十三届".chars().collect();
    let mut m = Mention::new(0, 2, EntityKind::Organisation, Source::Model);
    trim_organisation(&chars, &mut m, &kn());
    assert!(m.start <= m.end, "{m:?}");
    assert_eq!(trimmed("第十四届青山区政协"), "青山区政协");
    assert_eq!(trimmed("青山市多家医院"), "");
    assert_eq!(trimmed("民盟青山区委主委"), "民盟青山区委");
    assert_eq!(trimmed("青山区工商局局长"), "青山区工商局");
    assert_eq!(trimmed("青山区委员会"), "青山区委员会");
    // A verb or a word that only ends like a body at the end of the span.
    assert_eq!(trimmed("青山市花卉产业园项目签署"), "");
    assert_eq!(trimmed("青山区委部署"), "青山区委");
    assert_eq!(trimmed("青山发展新格局"), "");
    assert_eq!(trimmed("青山高质量发展南部"), "");
    assert_eq!(trimmed("亚太经合组织"), "亚太经合组织");
}

#[test]
fn a_head_glued_to_the_next_word_does_not_end_a_name() {
    let trimmed = |s: &str, end: usize| {
        let chars: Vec<char> = s.chars().collect();
        let mut m = Mention::new(0, end, EntityKind::Organisation, Source::Model);
        trim_organisation(&chars, &mut m, &kn());
        chars[m.start..m.end].iter().collect::<String>()
    };
    // `科研`, `大学生`: the head is the start of a word; the name ends at the head before.
    assert_eq!(trimmed("青山农牧大学科研团队", 7), "青山农牧大学");
    assert_eq!(trimmed("自治区级大学生创新", 6), "");
    // A title after the head, a function word, or a word starting after the span: the name
    // stands.
    assert_eq!(trimmed("中央宣传部副部长", 5), "中央宣传部");
    assert_eq!(trimmed("外交部长钱其琛", 3), "外交部");
    assert_eq!(trimmed("五三街道实践所在社区", 7), "五三街道实践所");
    assert_eq!(trimmed("北京大学生物系", 4), "北京大学");
}

#[test]
fn names_in_other_words_name_nothing_there() {
    let m =
        |start: usize, end: usize, kind: EntityKind| Mention::new(start, end, kind, Source::Model);
    let c = |s: &str| s.chars().collect::<Vec<char>>();
    // A one-character country form starting an ordinary word, but not a pair or `方`.
    assert!(starts_longer_word(
        &c("中外记者"),
        &m(0, 1, EntityKind::Place),
        &kn()
    ));
    assert!(starts_longer_word(
        &c("海外华侨"),
        &m(2, 3, EntityKind::Place),
        &kn()
    ));
    assert!(!starts_longer_word(
        &c("中日关系"),
        &m(0, 1, EntityKind::Place),
        &kn()
    ));
    assert!(!starts_longer_word(
        &c("中方表示"),
        &m(0, 1, EntityKind::Place),
        &kn()
    ));
    assert!(!starts_longer_word(
        &c("中华民族"),
        &m(0, 2, EntityKind::Place),
        &kn()
    ));
    // Theories named after people; a person read before a city's suffix is the city.
    assert!(is_eponym(
        &c("杨—米尔斯规范场"),
        &m(0, 5, EntityKind::Person)
    ));
    assert!(!is_eponym(&c("邓小平理论"), &m(0, 3, EntityKind::Person)));
    // Trophies and prizes; a currency is no one.
    assert!(is_eponym(&c("尤伯杯赛"), &m(0, 2, EntityKind::Person)));
    assert!(is_eponym(&c("诺贝尔奖得主"), &m(0, 3, EntityKind::Person)));
    assert!(!is_eponym(&c("王强奖励员工"), &m(0, 2, EntityKind::Person)));
    assert!(is_eponym(&c("10亿马克"), &m(3, 5, EntityKind::Person)));
    assert!(person_names_place(
        &c("谢格尔市重视交流"),
        &m(0, 3, EntityKind::Person)
    ));
    assert!(!person_names_place(
        &c("王宏伟市长说"),
        &m(0, 3, EntityKind::Person)
    ));
    assert!(!person_names_place(
        &c("李建国县委书记"),
        &m(0, 3, EntityKind::Person)
    ));
}

#[test]
fn a_string_has_one_reading_in_an_article() {
    let chars: Vec<char> = "马丁说。马丁表示。在马丁以及众人。李四在北京。"
        .chars()
        .collect();
    let m = |start: usize, kind: EntityKind| Mention::new(start, start + 2, kind, Source::Model);
    let mut ms = vec![
        m(0, EntityKind::Person),
        m(4, EntityKind::Person),
        m(10, EntityKind::Place),
        m(20, EntityKind::Place),
    ];
    one_reading(&chars, &mut ms);
    assert!(
        ms[..3].iter().all(|m| m.kind == EntityKind::Person),
        "{ms:?}"
    );
    assert_eq!(ms[3].kind, EntityKind::Place);
    // A tie keeps both readings.
    let mut tie = vec![m(0, EntityKind::Person), m(10, EntityKind::Place)];
    one_reading(&chars, &mut tie);
    assert_eq!(tie[1].kind, EntityKind::Place);
}

#[test]
fn a_quoted_name_before_a_team_head_is_an_organisation() {
    let f = find_rules("社区“邻里帮”志愿服务队将粽子送到居民家中。开展“邻里帮”活动。");
    assert!(
        has(&f, "“邻里帮”志愿服务队", EntityKind::Organisation),
        "{f:?}"
    );
    assert!(has(&f, "邻里帮", EntityKind::Programme), "{f:?}");
    let f = find_rules("组建“平安巡逻”六支志愿服务队。");
    assert!(
        !f.iter().any(|(_, k)| *k == EntityKind::Organisation),
        "{f:?}"
    );
}

#[test]
fn editors_and_reviewers_of_a_credit_line_are_persons() {
    let f = find_rules("活动圆满结束。\n终审:胡明远\n编辑：孙丽  审核：郑岩\n");
    for p in ["胡明远", "孙丽", "郑岩"] {
        assert!(has(&f, p, EntityKind::Person), "{p}: {f:?}");
    }
    let f = find_rules("他说：明远山很好。");
    assert!(!f.iter().any(|(_, k)| *k == EntityKind::Person), "{f:?}");
}

#[test]
fn names_of_two_parties_joined_by_a_dash_are_whole() {
    let f = find_rules("服务好河北省-江苏省商务与投资峰会。会见河北省—江苏省友好协会代表。");
    assert!(
        has(&f, "河北省-江苏省商务与投资峰会", EntityKind::Programme),
        "{f:?}"
    );
    assert!(
        has(&f, "河北省—江苏省友好协会", EntityKind::Organisation),
        "{f:?}"
    );
    // The recogniser's organisation cut short before the event's head is the whole event.
    let chars: Vec<char> = "服务好河北省-江苏省商务与投资峰会。".chars().collect();
    let mut ms = vec![Mention::new(3, 12, EntityKind::Organisation, Source::Model)];
    joint_names(&chars, &mut ms);
    assert_eq!(
        (ms[0].end, ms[0].kind),
        (17, EntityKind::Programme),
        "{ms:?}"
    );
    let f = find_rules("河北省-江苏省的高速公路。");
    assert!(!f.iter().any(|(t, _)| t.contains('-')), "{f:?}");
}

#[test]
fn a_quote_after_an_organising_verb_and_known_campaigns_are_programmes() {
    let f = find_rules("乡里举办了“春风送暖,共话团圆”联谊会。社区启动的“回家议事 向美而行”项目。");
    assert!(has(&f, "春风送暖,共话团圆", EntityKind::Programme), "{f:?}");
    assert!(has(&f, "回家议事 向美而行", EntityKind::Programme), "{f:?}");
    let f = find_rules("他说：“大家好,欢迎光临。”");
    assert!(!f.iter().any(|(_, k)| *k == EntityKind::Programme), "{f:?}");
    let f = find_rules("共建“一带一路”。2023年世乒赛在德班结束。");
    assert!(has(&f, "一带一路", EntityKind::Programme), "{f:?}");
    assert!(has(&f, "2023年世乒赛", EntityKind::Programme), "{f:?}");
    let f = find_rules("国台办发言人说，粤港澳大湾区建设提速。");
    assert!(has(&f, "国台办", EntityKind::Organisation), "{f:?}");
    assert!(has(&f, "粤港澳大湾区", EntityKind::Place), "{f:?}");
}

#[test]
fn sites_named_after_a_place_are_places() {
    let f = find_rules(
        "项目落户河南省洛阳市国际花卉产业园。旅客从重庆东站出发，游览栾川县老君山景区。",
    );
    for p in ["洛阳市国际花卉产业园", "重庆东站", "栾川县老君山景区"] {
        assert!(has(&f, p, EntityKind::Place), "{p}: {f:?}");
    }
    // Not across a clause word, and a short head only right after the place.
    let f = find_rules("洛阳市在推进旅游景区建设。洛阳市今年新建三个景区。");
    assert!(!f.iter().any(|(t, _)| t.ends_with("景区")), "{f:?}");
    // A site's name ends at its first head and before another place.
    let f = find_rules("货物经洛阳港区北作业区运往重庆。");
    assert!(has(&f, "洛阳港区", EntityKind::Place), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.ends_with("北作业区")), "{f:?}");
}

#[test]
fn a_place_short_form_inside_a_recognised_name_is_the_name() {
    let chars: Vec<char> = "孙中山先生到中山市。".chars().collect();
    let m = |start: usize, end: usize, kind: EntityKind, source: Source| {
        Mention::new(start, end, kind, source)
    };
    let kept = resolve(
        &chars,
        vec![
            m(0, 3, EntityKind::Person, Source::Model),
            m(1, 3, EntityKind::Place, Source::Gazetteer),
            m(6, 9, EntityKind::Place, Source::Gazetteer),
        ],
        &kn(),
    );
    let spans: Vec<(usize, usize, EntityKind)> =
        kept.iter().map(|m| (m.start, m.end, m.kind)).collect();
    assert_eq!(
        spans,
        [(0, 3, EntityKind::Person), (6, 9, EntityKind::Place)]
    );
}

#[test]
fn a_bare_congress_before_its_members_title_is_no_organisation() {
    let chars: Vec<char> = "慰问政协委员和人大代表。政协召开会议。".chars().collect();
    let org =
        |start: usize| Mention::new(start, start + 2, EntityKind::Organisation, Source::Model);
    assert!(is_members_body(&chars, &org(2)));
    assert!(is_members_body(&chars, &org(7)));
    assert!(!is_members_body(&chars, &org(12)));
}

#[test]
fn a_tibetan_name_of_two_parts_is_whole() {
    let chars: Vec<char> = "原校长次仁卓玛教授带领团队。".chars().collect();
    let cut = Mention::new(3, 6, EntityKind::Person, Source::Model);
    let kept = resolve(&chars, vec![cut], &kn());
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].start, kept[0].end), (3, 7));
    assert_eq!(tibetan_name_end(&chars, 0), 0);
}

#[test]
fn a_name_does_not_end_in_the_verb_after_it() {
    let m = |s: &str, end: usize| {
        let chars: Vec<char> = s.chars().collect();
        let mention = Mention::new(0, end, EntityKind::Person, Source::Model);
        took_verb_after(&chars, &mention, &kn())
    };
    assert!(m("赵立算了一笔账", 3));
    assert!(m("孙建春偕夫人抵达", 4));
    assert!(!m("张晓亮了解到", 3), "了解 is a word");
    assert!(
        !m("王亮了一下", 2),
        "a two-character name keeps its given name"
    );
    assert!(!m("钱明远说", 3));
}

#[test]
fn titles_make_people_and_forms_of_address_do_not() {
    let f = find_rules("公司总经理李建国介绍，家住城东的周女士和修车的王师傅说很好。");
    assert!(has(&f, "李建国", EntityKind::Person), "{f:?}");
    assert!(
        !f.iter()
            .any(|(t, _)| t.contains("女士") || t.contains("师傅")),
        "{f:?}"
    );
    assert!(is_anonymous("孙", EntityKind::Person));
    assert!(is_anonymous("欧阳先生", EntityKind::Person));
    assert!(!is_anonymous("周女", EntityKind::Person));
    assert!(is_anonymous("镇", EntityKind::Place));
    assert!(!is_anonymous("美", EntityKind::Place));
    let f = find_rules("副局长王强说");
    assert!(has(&f, "王强", EntityKind::Person), "{f:?}");
}

#[test]
fn a_verb_and_a_generic_place_word_are_no_place() {
    let m = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mention = Mention::new(0, chars.len(), EntityKind::Place, Source::Model);
        is_verb_phrase_place(&chars, &mention, &kn())
    };
    assert!(m("推进社区"));
    assert!(m("发挥着社区"));
    assert!(m("首家社区"));
    assert!(m("一小区"));
    assert!(!m("东关社区"));
    assert!(!m("幸福社区"));
    assert!(!m("社区"));
}

#[test]
fn withheld_names_are_people_and_some_is_not_a_name() {
    let f = find_rules("被告人王某明、李某非法经营，某种程度上，赵某的同伙在某地落网。");
    for p in ["王某明", "李某", "赵某"] {
        assert!(has(&f, p, EntityKind::Person), "{p}: {f:?}");
    }
    assert!(
        !f.iter()
            .any(|(t, _)| t.contains("某种") || t.contains("某地") || t == "李某非"),
        "{f:?}"
    );
}

#[test]
fn outlets_in_credits_and_source_lines() {
    let f = find_rules(
        "来源：光明网-理论频道\n江淮网5月3日讯 据北方日报报道，互联网企业参加，滨海晚报记者张三报道。",
    );
    for o in ["光明网", "理论频道", "江淮网", "北方日报", "滨海晚报"] {
        assert!(has(&f, o, EntityKind::Organisation), "{o}: {f:?}");
    }
    assert!(!f.iter().any(|(t, _)| t.contains("互联网")), "{f:?}");
}

#[test]
fn propagation_does_not_split_a_word_and_citing_is_not_naming() {
    let known: HashMap<String, EntityKind> = [("国正".to_owned(), EntityKind::Person)].into();
    let index = ner::FormIndex::build(known.keys().map(String::as_str));
    let chars: Vec<char> = "我国正在发展。国正说好。".chars().collect();
    let ms = propagate(&chars, &known, &index, Vec::new(), &kn());
    assert_eq!(ms.iter().map(|m| m.start).collect::<Vec<_>>(), [7]);
    let chars: Vec<char> = "访华团据新华社北京电".chars().collect();
    let cited = Mention::new(3, 7, EntityKind::Organisation, Source::Rule);
    let ms = resolve(&chars, vec![cited], &kn());
    assert_eq!((ms[0].start, ms[0].end), (4, 7));
}

#[test]
fn one_character_place_forms_only_where_news_uses_them() {
    let at = |s: &str, i: usize, places: &[(usize, usize)]| {
        let chars: Vec<char> = s.chars().collect();
        abbreviation_in_context(&chars, i, places)
    };
    assert!(at("中美关系", 0, &[(0, 1), (1, 2)]));
    assert!(at("驻华大使", 1, &[(1, 2)]));
    assert!(at("中方表示", 0, &[(0, 1)]));
    assert!(!at("中医把脉", 0, &[(0, 1)]));
    assert!(!at("早、中、晚", 2, &[(2, 3)]));
    assert_eq!(lexicon::abbreviation("美"), Some("美国"));
    assert_eq!(lexicon::abbreviation("美国"), None);
}

#[test]
fn numbered_units_party_committees_and_zones() {
    let f = find_rules("近日，第三师五一团二营与二〇五团三连、136团和共青团河西市委、民盟东城区工委在河西市高新区联欢。第二幼儿园也参加，一团和气，三师生同乐。");
    for o in [
        "第三师",
        "二〇五团三连",
        "136团",
        "共青团河西市委",
        "民盟东城区工委",
        "第二幼儿园",
    ] {
        assert!(has(&f, o, EntityKind::Organisation), "{o}: {f:?}");
    }
    assert!(
        !f.iter()
            .any(|(t, _)| t.starts_with("一团") || t.starts_with("三师生")),
        "{f:?}"
    );
}

#[test]
fn words_of_the_language_are_no_persons() {
    let person =
        |s: &str| is_common_word(&s.chars().collect::<Vec<_>>(), EntityKind::Person, &kn());
    assert!(person("宣布"));
    assert!(person("应邀参"));
    assert!(person("和全国"));
    assert!(!person("李建国"));
    assert!(!person("王斌"));
    let chars: Vec<char> = "他高度评价了成果。".chars().collect();
    let cut = Mention::new(1, 4, EntityKind::Person, Source::Model);
    assert!(is_cut_phrase(&chars, &cut, &kn()));
    let chars: Vec<char> = "张建国说，很好。".chars().collect();
    let name = Mention::new(0, 3, EntityKind::Person, Source::Model);
    assert!(!is_cut_phrase(&chars, &name, &kn()));
}

#[test]
fn place_prefixed_organisations() {
    let f = find_rules("近日，湖南省长沙市教育局召开会议。");
    assert!(has(&f, "长沙市教育局", EntityKind::Organisation), "{f:?}");
    assert!(has(&f, "长沙市", EntityKind::Place), "{f:?}");
}

#[test]
fn programmes_but_not_speech() {
    let f = find_rules(
        "该区开展“书香校园”主题活动，推出《全民阅读实施方案》。他说：“我们很高兴，谢谢。”",
    );
    assert!(has(&f, "书香校园", EntityKind::Programme), "{f:?}");
    // A document's title is a work, not a programme.
    assert!(!f.iter().any(|(t, _)| t.contains("方案")), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.contains("高兴")), "{f:?}");
}

#[test]
fn titles_of_outlets_are_organisations_and_other_titles_name_only_full_names() {
    let f = find_rules(
        "据《光明日报》报道，《河西文艺》月刊刊登了歌曲《美丽的甘州》和《中华民族一家亲》，\
         又重印《张掖市志》。",
    );
    assert!(has(&f, "光明日报", EntityKind::Organisation), "{f:?}");
    assert!(
        has(&f, "《河西文艺》月刊", EntityKind::Organisation),
        "{f:?}"
    );
    // Two characters in a work's title are a fragment, not a referent; a full name is one.
    assert!(
        !f.iter()
            .any(|(t, _)| t.contains("甘州") || t.contains("中华") || t.contains("一家亲")),
        "{f:?}"
    );
    assert!(has(&f, "张掖市", EntityKind::Place), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.contains("市志")), "{f:?}");
}

#[test]
fn communities_from_suffix() {
    let f = find_rules("家住南苑社区的居民和全县12个社区。");
    assert!(has(&f, "南苑社区", EntityKind::Place), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.contains("全县")), "{f:?}");
}

/// The shipped knowledge, built once for these tests.
fn kn() -> std::sync::Arc<crate::text::Knowledge> {
    crate::text::knowledge::testing::shipped()
}
