//! The mechanisms on sentences of the same genre that are not from the seed page: they must
//! come from the recogniser, lexicons, gazetteer and patterns, not from knowing one page.

use guanxi::model::{Entity, EntityKind, Extraction, RelationKind};
use guanxi::text::{corpus, extract};

#[path = "support/knowledge.rs"]
mod common;

fn run(page: &str) -> Extraction {
    extract(
        corpus::read("t.txt", page.as_bytes()).expect("page reads"),
        common::knowledge(),
    )
}

fn entity<'a>(x: &'a Extraction, name: &str) -> Option<&'a Entity> {
    x.entities
        .iter()
        .find(|e| e.label == name || e.aliases.iter().any(|a| a == name))
}

/// The entity named `name` has `alias` among its other names.
fn assert_alias(x: &Extraction, name: &str, alias: &str) {
    let e = entity(x, name).unwrap_or_else(|| panic!("no entity named {name}"));
    let aliases = &e.aliases;
    assert!(aliases.iter().any(|a| a == alias), "{name}: {aliases:?}");
}

fn kind_of(x: &Extraction, name: &str) -> Option<EntityKind> {
    entity(x, name).map(|e| e.kind)
}

/// The label of the one entity that `which` accepts; fails when there is none or more.
fn label_of_only(x: &Extraction, which: impl Fn(&Entity) -> bool) -> &str {
    let found: Vec<_> = x.entities.iter().filter(|e| which(e)).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    &found[0].label
}

#[test]
fn an_unseen_page_with_bylines_roles_and_place_chains() {
    let page = "岳麓区开展“书香社区”读书月活动\n\n本报讯（陈晓峰）5月8日，湖南省长沙市岳麓区教育局在望月湖社区举办“书香社区”读书月活动。\
岳麓区教育局局长刘建华出席并讲话。家住望月湖社区的周女士说，活动很有意义。\n\n\
据了解，长沙市今年将推进全民阅读计划，湖南师范大学文学院教授李明参与指导。\n";
    let x = run(page);
    assert_eq!(x.articles.len(), 1);
    assert_eq!(x.articles[0].authors, ["陈晓峰"]);
    for (name, kind) in [
        ("湖南省", EntityKind::Place),
        ("长沙市", EntityKind::Place),
        ("岳麓区", EntityKind::Place),
        ("望月湖社区", EntityKind::Place),
        ("岳麓区教育局", EntityKind::Organisation),
        ("刘建华", EntityKind::Person),
        ("陈晓峰", EntityKind::Person),
        // A programme is named by what its quotation marks enclose.
        ("书香社区", EntityKind::Programme),
    ] {
        assert_eq!(
            kind_of(&x, name),
            Some(kind),
            "{name}: {:?}",
            x.entities
                .iter()
                .map(|e| (&e.label, e.kind))
                .collect::<Vec<_>>()
        );
    }
    let id = |n: &str| entity(&x, n).map(|e| e.id);
    let rel = |k: RelationKind, a: &str, b: &str| {
        x.relations
            .iter()
            .any(|r| r.kind == k && Some(r.source) == id(a) && Some(r.target) == id(b))
    };
    assert!(rel(RelationKind::Within, "岳麓区", "长沙市"));
    assert!(rel(RelationKind::Within, "长沙市", "湖南省"));
    assert!(rel(RelationKind::Within, "岳麓区教育局", "岳麓区"));
    assert!(x.relations.iter().any(|r| r.kind == RelationKind::Role
        && Some(r.source) == id("刘建华")
        && Some(r.target) == id("岳麓区教育局")
        && r.label.as_deref() == Some("局长")));
    // 周女士 is a form of address, not a name: it would join strangers across a corpus.
    for generic in ["社区", "活动", "本报讯", "全民", "周女士"] {
        assert!(entity(&x, generic).is_none(), "{generic} is not a name");
    }
}

#[test]
fn gazetteer_places_nearest_named_ancestor_even_unstated() {
    let x = run("新闻\n\n本报讯（王芳）栾川县的游客今年增多。洛阳市也发布了数据。\n");
    let county = entity(&x, "栾川县").expect("county").id;
    let city = entity(&x, "洛阳市").expect("city").id;
    let r = x
        .relations
        .iter()
        .find(|r| r.kind == RelationKind::Within && r.source == county && r.target == city)
        .expect("within");
    assert_eq!(r.label.as_deref(), Some("gazetteer"));
    assert!(r.evidence.is_empty());
}

#[test]
fn short_names_are_aliases_and_shared_characters_are_not() {
    let x = run("甲\n\n本报讯（王芳）河南省郑州市举办展会。河南各地积极参与，郑州市郑东新区管委会表示欢迎。\n");
    assert_alias(&x, "河南省", "河南");
    let zz = entity(&x, "郑州市").expect("city").id;
    let org = x
        .entities
        .iter()
        .find(|e| e.kind == EntityKind::Organisation && e.label.contains("管委会"));
    if let Some(org) = org {
        assert_ne!(
            org.id, zz,
            "an organisation named after a place is not that place"
        );
    }
}

#[test]
fn quoted_speech_is_not_a_programme() {
    let x = run(
        "标题\n\n本报讯（李强）村民说：“今年收成很好，我们很高兴。”该县启动“美丽乡村”建设行动。\n",
    );
    assert!(x.entities.iter().all(|e| !e.label.contains("收成")));
    assert_eq!(kind_of(&x, "美丽乡村"), Some(EntityKind::Programme));
}

/// The shipped recogniser alone (no rules) on news sentences it was not trained on: a person
/// after a title, a chain of places, an organisation, and a name it can only know from the
/// article repeating it.
#[test]
fn shipped_recogniser_tags_unseen_news_sentences() {
    use guanxi::text::ner::{self, NerType};
    let k = common::knowledge();
    let model = k
        .model
        .as_ref()
        .expect("data/ner.model is embedded and loads");
    // `train-ner` put the most used rows in the hot table (most of its 16,384 slots).
    assert!(model.hot_rows() > 10_000, "{} hot rows", model.hot_rows());
    let mut ctx = ner::Context::default();
    let tagged = |text: &str, ctx: &mut ner::Context| -> Vec<(String, NerType)> {
        let chars: Vec<char> = text.chars().collect();
        model
            .recognise(&chars, &k.lexicon, ctx)
            .into_iter()
            .map(|s| (chars[s.start..s.end].iter().collect(), s.kind))
            .collect()
    };
    let got = tagged(
        "国家统计局局长宁吉喆昨天在北京说，江苏省苏州市的工业产值增长较快。",
        &mut ctx,
    );
    let has = |got: &[(String, NerType)], s: &str, k: NerType| {
        got.iter().any(|(t, kind)| t == s && *kind == k)
    };
    assert!(has(&got, "宁吉喆", NerType::Per), "{got:?}");
    assert!(has(&got, "北京", NerType::Loc), "{got:?}");
    assert!(has(&got, "国家统计局", NerType::Org), "{got:?}");
    assert!(
        got.iter()
            .any(|(t, k)| t.contains("苏州") && *k == NerType::Loc),
        "{got:?}"
    );
    // Nothing in a sentence without names.
    assert!(tagged("今天的天气很好，我们一起去散步吧。", &mut ctx).is_empty());
    // A list of names whose separators a scan lost is read as the names.
    // (The tagger alone reads `周敏吴` and `杨帆黄磊` here.)
    let got = tagged("获奖者：陈亮周敏吴涛郑丽。会见了杨帆黄磊等人。", &mut ctx);
    for name in ["陈亮", "周敏", "吴涛", "郑丽", "杨帆", "黄磊"] {
        assert!(has(&got, name, NerType::Per), "{name}: {got:?}");
    }
}

#[test]
fn one_character_forms_join_the_places_they_stand_for() {
    let x = run("标题\n\n本报讯（李强）中美两国代表在北京会谈。美国表示，中方的建议很好。\n");
    assert_alias(&x, "中国", "中");
    let us = entity(&x, "美国").expect("美国");
    assert!(
        us.mentions.len() >= 2,
        "美 and 美国 are one node: {:?}",
        us.mentions
    );
    assert!(x
        .entities
        .iter()
        .all(|e| e.label != "中" && e.label != "美"));
}

#[test]
fn an_office_written_with_and_without_its_larger_places_is_one_node() {
    let x = run(
        "标题\n\n本报讯（李强）湖南省长沙市岳麓区教育局举办活动。岳麓区教育局局长刘建华出席。\n",
    );
    let office = label_of_only(&x, |e| {
        e.kind == EntityKind::Organisation && e.label.ends_with("教育局")
    });
    assert_eq!(office, "岳麓区教育局");
}

#[test]
fn a_surname_before_a_title_is_the_one_person_of_that_surname_named_in_full() {
    let x = run("新华社消息\n\n江泽民主席今天在北京会见了来访客人。江主席说，欢迎朋友们来访。\n");
    let e = entity(&x, "江泽民").expect("江泽民 found");
    assert_eq!(e.kind, EntityKind::Person);
    let text: Vec<char> = x.articles[0].text.chars().collect();
    let said: Vec<String> = (e.mentions.iter())
        .map(|m| text[m.start as usize..m.end as usize].iter().collect())
        .collect();
    assert_eq!(said, ["江泽民", "江"], "{said:?}");
    // No person of that surname named in full, or two of them: the surname names no one.
    for page in [
        "消息\n\n王书记今天出席了会议。\n",
        "消息\n\n王芳和王强今天出席了会议。王书记讲话。\n",
    ] {
        let x = run(page);
        let lone = (x.entities.iter())
            .flat_map(|e| &e.mentions)
            .any(|m| m.end - m.start == 1);
        assert!(!lone, "{page}: {:?}", x.entities);
    }
}

#[test]
fn words_that_end_in_an_organisation_head_name_no_body() {
    // (page, the organisations it names). `干部`, `东部`, `部署` end in a head (`部`, `署`)
    // but name no body; `校门` follows a school's name; `七十年所` is `所` of `所走过`; a
    // pronoun or a verb opens a clause, not a name; a dateline in Han numerals ends a name.
    let cases: [(&str, &[&str]); 8] = [
        ("天津市干部群众参加义务劳动。", &[]),
        ("四川省东部地区今天降雨。", &[]),
        ("省委部署了今年的工作。", &["省委"]),
        ("原来在南京大学校门外经营的书摊搬走了。", &["南京大学"]),
        ("中国人民解放军七十年所走过的道路。", &["中国人民解放军"]),
        ("据这种判断，我觉得出版社对儿童读物不够重视。", &[]),
        ("走出博物馆，漫步在街头。", &[]),
        (
            "本报北京十一月七日讯新华社记者汪金福报道：会议召开。",
            &["新华社"],
        ),
    ];
    for (text, want) in cases {
        let x = run(&format!("消息\n\n{text}\n"));
        let mut orgs: Vec<&str> = (x.entities.iter())
            .filter(|e| e.kind == EntityKind::Organisation)
            .map(|e| e.label.as_str())
            .collect();
        orgs.sort_unstable();
        assert_eq!(orgs, want, "{text}");
    }
    let x = run("消息\n\n天津市干部群众参加义务劳动。\n");
    assert_eq!(kind_of(&x, "天津市"), Some(EntityKind::Place));
}

#[test]
fn a_county_short_form_the_recogniser_reads_stands_unless_it_is_a_word() {
    // `资兴`, `炎陵` are no words of the language: the recogniser's reading stands without the
    // full name. `满城` is one (`满城开花`) and needs the full name or a larger place before it.
    let x = run("消息\n\n与湖南双牌、资兴、炎陵三县市开展全面合作。\n");
    for place in ["资兴", "炎陵"] {
        assert_eq!(kind_of(&x, place), Some(EntityKind::Place), "{place}");
    }
    let x = run("消息\n\n春节期间满城开花，喜气洋洋。\n");
    assert!(entity(&x, "满城").is_none(), "{:?}", x.entities);
}

#[test]
fn a_region_by_its_short_form_and_a_village_before_its_villagers() {
    // `香港特区` is 香港特别行政区; `解庄村村民` names the village 解庄村 and its villagers.
    let x = run("消息\n\n同意香港特区候任班子开展工作。同县倍加造镇解庄村村民任桂香发言。\n");
    assert_alias(&x, "香港特别行政区", "香港特区");
    assert_eq!(kind_of(&x, "解庄村"), Some(EntityKind::Place));
    assert!(entity(&x, "解庄村村").is_none(), "{:?}", x.entities);
    // The same for a river whatever found it: `金钱河河道` is the river 金钱河's channel.
    let x = run("消息\n\n被告人在上津镇金钱河河道内非法采砂。\n");
    assert_eq!(kind_of(&x, "金钱河"), Some(EntityKind::Place));
    assert!(entity(&x, "金钱河河").is_none(), "{:?}", x.entities);
}

#[test]
fn a_place_name_inside_ordinary_words_names_no_place() {
    // 大理 in 远大理想, 长治 in 长治久安, 明村镇 in 文明村镇: the words are the language's. The
    // same names written as places stay places.
    let x = run("消息\n\n望你们树立远大理想，实现社会长治久安，创建文明城市、文明村镇。\n");
    let places: Vec<&str> = (x.entities.iter())
        .filter(|e| e.kind == EntityKind::Place)
        .map(|e| e.label.as_str())
        .collect();
    assert!(places.is_empty(), "{places:?}");
    let x = run("消息\n\n我国内蒙古自治区和大理白族自治州、长治市的代表前往上海市。\n");
    for place in ["内蒙古自治区", "大理白族自治州", "长治市", "上海市"] {
        assert_eq!(kind_of(&x, place), Some(EntityKind::Place), "{place}");
    }
}

#[test]
fn a_transliterated_name_after_a_country_and_a_state_title_is_a_person() {
    // Names the recogniser's older training text never saw, spelled in transliteration
    // syllables after the country and the title; a Chinese name there stays the rules'.
    let x = run("消息\n\n美国总统拜登6日与巴西副总统阿尔克明通电话。中国国家主席习近平会见。\n");
    for name in ["拜登", "阿尔克明", "习近平"] {
        assert_eq!(kind_of(&x, name), Some(EntityKind::Person), "{name}");
    }
    assert!(entity(&x, "拜登6").is_none() && entity(&x, "阿尔克明通").is_none());
}

#[test]
fn a_name_printed_with_a_space_is_the_person_named_without_it() {
    // The text spaces a two-character name (`杨 勇`); the credit line writes the reporter both
    // ways. One person each, named without the space, the spaced form an alias.
    let x = run(
        "走进白岩村\n\n村党支部书记杨 勇告诉记者，杨勇带领村民种茶。\n（记者 赵 敏）\n赵敏摄\n",
    );
    assert_alias(&x, "杨勇", "杨 勇");
    assert!(
        !x.entities.iter().any(|e| e.label.contains(' ')),
        "{:?}",
        x.entities
    );
    assert_eq!(label_of_only(&x, |e| e.label.starts_with('赵')), "赵敏");
}

#[test]
fn a_title_after_a_name_or_a_body_ends_the_name() {
    // Names stacked with their titles (`主席` then `李总理`-style), and a ministry whose last
    // character opens the minister's title (`外交部长`): the name is the person, whole, and
    // nothing between title and name becomes a unit of the ministry.
    let x = run("会见\n\n国家主席王志明总理李建设出席。俄罗斯外交部长普里马科夫等官员陪同。\n");
    for name in ["王志明", "李建设", "普里马科夫"] {
        assert_eq!(kind_of(&x, name), Some(EntityKind::Person), "{name}");
    }
    assert!(
        !x.entities
            .iter()
            .any(|e| e.label.ends_with("普里马科") || e.label.ends_with("明总")),
        "{:?}",
        x.entities.iter().map(|e| &e.label).collect::<Vec<_>>()
    );
}

#[test]
fn a_name_newer_than_the_recogniser_before_a_title_is_a_person() {
    // Leaders of the 2020s, whom the recogniser's 1998 training text never names, before
    // their titles; and words before titles that are no names.
    let x = run("考察\n\n2020年4月，习近平总书记来到村里考察。丁薛祥副总理出席。\n");
    for name in ["习近平", "丁薛祥"] {
        assert_eq!(kind_of(&x, name), Some(EntityKind::Person), "{name}");
    }
    let y = run(
        "消息\n\n预计随着总理人选确定，邀请主席登上主席台。金华市长王五出席，老城区长期热闹。他是协会荣誉主席，中印两国总理会晤。\n",
    );
    let persons: Vec<&str> = (y.entities.iter())
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(persons, ["王五"]);
}

#[test]
fn two_divisions_side_by_side_are_no_chain_unless_one_is_inside_the_other() {
    // `宁波舟山港`: two cities that share a port; `浙江杭州`: a city in its province.
    let x = run("港口\n\n宁波舟山港集团董事长毛剑宏表示，浙江杭州的企业参加。\n");
    let id = |name: &str| entity(&x, name).map(|e| e.id);
    let within = |a: &str, b: &str| {
        (x.relations.iter()).any(|r| {
            r.kind == RelationKind::Within && Some(r.source) == id(a) && Some(r.target) == id(b)
        })
    };
    assert!(id("舟山市").is_some() && id("宁波市").is_some());
    assert!(!within("舟山市", "宁波市"), "舟山 is not in 宁波");
    assert!(within("杭州市", "浙江省"));
}

#[test]
fn a_team_named_after_its_leader_is_the_body_and_a_person() {
    let x = run("科研\n\n该校物理学院王浩华教授团队与研究所合作，学院团队获奖。\n");
    assert_eq!(kind_of(&x, "王浩华"), Some(EntityKind::Person));
    assert_eq!(kind_of(&x, "物理学院"), Some(EntityKind::Organisation));
    assert!(
        !x.entities.iter().any(|e| e.label.contains("王浩华教授")),
        "{:?}",
        x.entities.iter().map(|e| &e.label).collect::<Vec<_>>()
    );
}
