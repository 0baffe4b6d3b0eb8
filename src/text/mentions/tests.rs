use super::*;

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
    Mention {
        start,
        end,
        kind,
        source: Source::Model,
    }
}

fn text(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// What the mentions read, in their order.
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
        let mut m = Mention {
            start: 0,
            end: chars.len(),
            kind: EntityKind::Organisation,
            source: Source::Model,
        };
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
    let mut m = Mention {
        start: 0,
        end: 2,
        kind: EntityKind::Organisation,
        source: Source::Model,
    };
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
        let mut m = Mention {
            start: 0,
            end,
            kind: EntityKind::Organisation,
            source: Source::Model,
        };
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
    let m = |start: usize, end: usize, kind: EntityKind| Mention {
        start,
        end,
        kind,
        source: Source::Model,
    };
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
    let m = |start: usize, kind: EntityKind| Mention {
        start,
        end: start + 2,
        kind,
        source: Source::Model,
    };
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
    let mut ms = vec![Mention {
        start: 3,
        end: 12,
        kind: EntityKind::Organisation,
        source: Source::Model,
    }];
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
    let m = |start: usize, end: usize, kind: EntityKind, source: Source| Mention {
        start,
        end,
        kind,
        source,
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
    let org = |start: usize| Mention {
        start,
        end: start + 2,
        kind: EntityKind::Organisation,
        source: Source::Model,
    };
    assert!(is_members_body(&chars, &org(2)));
    assert!(is_members_body(&chars, &org(7)));
    assert!(!is_members_body(&chars, &org(12)));
}

#[test]
fn a_tibetan_name_of_two_parts_is_whole() {
    let chars: Vec<char> = "原校长次仁卓玛教授带领团队。".chars().collect();
    let cut = Mention {
        start: 3,
        end: 6,
        kind: EntityKind::Person,
        source: Source::Model,
    };
    let kept = resolve(&chars, vec![cut], &kn());
    assert_eq!(kept.len(), 1);
    assert_eq!((kept[0].start, kept[0].end), (3, 7));
    assert_eq!(tibetan_name_end(&chars, 0), 0);
}

#[test]
fn a_name_does_not_end_in_the_verb_after_it() {
    let m = |s: &str, end: usize| {
        let chars: Vec<char> = s.chars().collect();
        let mention = Mention {
            start: 0,
            end,
            kind: EntityKind::Person,
            source: Source::Model,
        };
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
        let mention = Mention {
            start: 0,
            end: chars.len(),
            kind: EntityKind::Place,
            source: Source::Model,
        };
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
    let cited = Mention {
        start: 3,
        end: 7,
        kind: EntityKind::Organisation,
        source: Source::Rule,
    };
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
    let cut = Mention {
        start: 1,
        end: 4,
        kind: EntityKind::Person,
        source: Source::Model,
    };
    assert!(is_cut_phrase(&chars, &cut, &kn()));
    let chars: Vec<char> = "张建国说，很好。".chars().collect();
    let name = Mention {
        start: 0,
        end: 3,
        kind: EntityKind::Person,
        source: Source::Model,
    };
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
fn titles_of_outlets_are_organisations_and_other_titles_name_nothing() {
    let f =
        find_rules("据《光明日报》报道，《河西文艺》月刊刊登了歌曲《美丽的甘州》和《张掖市志》。");
    assert!(has(&f, "光明日报", EntityKind::Organisation), "{f:?}");
    assert!(
        has(&f, "《河西文艺》月刊", EntityKind::Organisation),
        "{f:?}"
    );
    assert!(
        !f.iter()
            .any(|(t, _)| t.contains("甘州") || t.contains("张掖")),
        "{f:?}"
    );
}

#[test]
fn communities_from_suffix() {
    let f = find_rules("家住南苑社区的居民和全县12个社区。");
    assert!(has(&f, "南苑社区", EntityKind::Place), "{f:?}");
    assert!(!f.iter().any(|(t, _)| t.contains("全县")), "{f:?}");
}

#[test]
fn a_model_place_spanning_two_places_is_not_extended_over_both() {
    // The model may read a street and the community after it as one place; the suffix
    // rule then gives the community its own mention instead of stretching the whole span.
    let text = "朝阳区望京街道花园新村社区有5个小区";
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![
        Mention {
            start: 0,
            end: 3,
            kind: EntityKind::Place,
            source: Source::Gazetteer,
        },
        Mention {
            start: 3,
            end: 11,
            kind: EntityKind::Place,
            source: Source::Model,
        },
    ];
    suffix_places(&chars, &mut out);
    let kept: Vec<String> = resolve(&chars, out, &kn())
        .iter()
        .map(|m| chars[m.start..m.end].iter().collect())
        .collect();
    assert_eq!(kept, ["朝阳区", "望京街道", "花园新村社区"]);
    // A model place with nothing found inside it is still extended (`北城` + `社区`).
    let chars: Vec<char> = "家住北城新村社区的老人".chars().collect();
    let mut out = vec![Mention {
        start: 2,
        end: 6,
        kind: EntityKind::Place,
        source: Source::Model,
    }];
    suffix_places(&chars, &mut out);
    assert!(out.iter().any(|m| (m.start, m.end) == (2, 8)), "{out:?}");
}

#[test]
fn names_with_a_conjunction_inside_are_whole() {
    let org = |start: usize, end: usize| Mention {
        start,
        end,
        kind: EntityKind::Organisation,
        source: Source::Model,
    };
    let place = |start: usize, end: usize| Mention {
        start,
        end,
        kind: EntityKind::Place,
        source: Source::Gazetteer,
    };
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
        joined("青山省政务服务和数据管理局", vec![place(0, 3), org(8, 13)]),
        ["青山省政务服务和数据管理局"]
    );
    assert_eq!(
        joined(
            "在青山同尘和光低温科技有限公司",
            vec![place(1, 3), org(6, 15)]
        ),
        ["青山同尘和光低温科技有限公司"]
    );
    // Two bodies, two places, people, a name over the phrase, a name with its own place,
    // a title in between: two names.
    for (s, ms) in [
        ("青山市教育局和财政局", vec![place(0, 3), org(7, 10)]),
        (
            "青山市东区和西区政府",
            vec![place(0, 3), place(3, 5), org(6, 10)],
        ),
        ("青山省农民和农业合作社", vec![place(0, 3), org(6, 11)]),
        (
            "青山贸促会和白水市政府",
            vec![place(0, 2), org(0, 5), org(6, 11)],
        ),
        (
            "青山贸促会和白水市政府",
            vec![place(0, 2), place(6, 9), org(6, 11)],
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
    let mut out = vec![Mention {
        start: 3,
        end: 11,
        kind: EntityKind::Place,
        source: Source::Model,
    }];
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
    let org = |start: usize, end: usize| Mention {
        start,
        end,
        kind: EntityKind::Organisation,
        source: Source::Model,
    };
    let place = |start: usize, end: usize| Mention {
        start,
        end,
        kind: EntityKind::Place,
        source: Source::Gazetteer,
    };
    let chars: Vec<char> = "四川雅安温泉旅游开发股份有限公司和湖南长沙教育局"
        .chars()
        .collect();
    let mut ms = vec![
        place(0, 2),
        place(2, 4),
        org(2, 16),
        place(17, 19),
        org(19, 24),
    ];
    province_prefixed_companies(&chars, &mut ms, &kn());
    assert_eq!((ms[2].start, ms[2].end), (0, 16));
    // Not a body that is no company.
    assert_eq!((ms[4].start, ms[4].end), (19, 24));
    let trimmed = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut m = org(0, chars.len());
        trim_organisation(&chars, &mut m, &kn());
        chars[m.start..m.end].iter().collect::<String>()
    };
    assert_eq!(trimmed("公司控股子公司"), "");
    assert_eq!(trimmed("下属全资子公司"), "");
    assert_eq!(trimmed("控股集团有限公司"), "控股集团有限公司");
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
    let model = |start: usize, end: usize| Mention {
        start,
        end,
        kind: EntityKind::Place,
        source: Source::Model,
    };
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
    let t = text("青山国外交部驻白水国特派员公署发布消息");
    let mut ms = vec![
        mention(0, 6, EntityKind::Organisation),
        mention(7, 10, EntityKind::Place),
        mention(7, 15, EntityKind::Organisation),
    ];
    missions(&t, &mut ms);
    assert_eq!(read(&t, &ms), ["青山国外交部驻白水国特派员公署", "白水国"]);
}

#[test]
fn each_body_and_ships_name_no_one() {
    let org = |s, e| mention(s, e, EntityKind::Organisation);
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
    let t = text("青山县一小区广场，白水县第一小区");
    let mut ms = vec![
        mention(0, 6, EntityKind::Place),
        mention(9, 16, EntityKind::Place),
    ];
    indefinite_places(&t, &mut ms);
    assert_eq!(read(&t, &ms), ["青山县", "白水县第一小区"]);
}

#[test]
fn a_kind_of_structure_is_no_place() {
    assert!(is_kind_of_structure(
        &text("廊桥"),
        EntityKind::Place,
        &kn()
    ));
    assert!(is_kind_of_structure(
        &text("凉亭"),
        EntityKind::Place,
        &kn()
    ));
    assert!(!is_kind_of_structure(
        &text("赵州桥"),
        EntityKind::Place,
        &kn()
    ));
    assert!(!is_kind_of_structure(
        &text("廊桥"),
        EntityKind::Organisation,
        &kn()
    ));
}

#[test]
fn names_listed_after_a_person_are_people() {
    let t = text("我从陈省身、母国光、胡国定等学者身上学到很多，王向东、周边地区");
    let mut ms = vec![
        mention(2, 5, EntityKind::Person),
        mention(23, 26, EntityKind::Person),
    ];
    listed_people(&t, &mut ms, &kn());
    // `周边` is a word, not a name.
    assert_eq!(read(&t, &ms), ["陈省身", "王向东", "母国光", "胡国定"]);
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
    let org = |s, e| mention(s, e, EntityKind::Organisation);
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
    organisations::trim_organisation(&chars, &mut m, &kn());
    assert_eq!(read(&chars, &[m]), ["省公安厅"]);
}

#[test]
fn an_adverb_ends_an_organisation_s_name_or_opens_a_clause_before_one() {
    let trimmed = |s: &str, start: usize, end: usize| {
        let chars = text(s);
        let mut m = mention(start, end, EntityKind::Organisation);
        organisations::trim_organisation(&chars, &mut m, &kn());
        read(&chars, &[m]).pop().unwrap_or_default()
    };
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
    // The recogniser's `北海道` over the gazetteer's `北海` (of `北海市`).
    let chars = text("冬游北海道，别有一番滋味。");
    let gaz = Mention {
        source: Source::Gazetteer,
        ..mention(2, 4, EntityKind::Place)
    };
    let kept = resolve(&chars, vec![gaz, mention(2, 5, EntityKind::Place)], &kn());
    assert_eq!(read(&chars, &kept), ["北海道"]);
    // A full name stays the gazetteer's (`北海市` is no `北海市道`).
    let chars = text("北海市道路整修。");
    let gaz = Mention {
        source: Source::Gazetteer,
        ..mention(0, 3, EntityKind::Place)
    };
    let kept = resolve(&chars, vec![gaz, mention(0, 4, EntityKind::Place)], &kn());
    assert_eq!(read(&chars, &kept), ["北海市"]);
}

/// The shipped knowledge, built once for these tests.
fn kn() -> std::sync::Arc<crate::text::Knowledge> {
    crate::text::knowledge::testing::shipped()
}
