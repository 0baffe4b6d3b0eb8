use super::*;
use crate::text::checks::check_table;
use crate::text::mentions::org_edges::trim_organisation;

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

/// What is left of the organisation span `start..end` of `s` once its edges are trimmed.
fn trimmed(s: &str, start: usize, end: usize) -> String {
    let chars = text(s);
    let mut m = mention(start, end, EntityKind::Organisation);
    trim_organisation(&chars, &mut m, &kn());
    read(&chars, &[m]).pop().unwrap_or_default()
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

/// What the rules find in `s`, as `text kind` lines (`北京 place`).
fn found(s: &str) -> Vec<String> {
    (find_rules(s).into_iter())
        .map(|(t, k)| format!("{t} {}", k.as_str()))
        .collect()
}

#[test]
fn what_the_rules_find() {
    check_table(FOUND, found);
}

#[test]
fn a_company_s_brand_alone_is_the_company() {
    use EntityKind::{Organisation as O, Place as P};
    let kinds = |s: &str, ms: &[(usize, usize, EntityKind)]| {
        let t = text(s);
        let mut ms: Vec<Mention> = ms.iter().map(|&(a, b, k)| mention(a, b, k)).collect();
        resolve::brands_of_companies(&t, &mut ms, &kn());
        ms.iter().map(|m| m.kind).collect::<Vec<_>>()
    };
    // `白鹭迪` opens the company's name; `深圳` is a place the gazetteer knows.
    let s = "白鹭迪股份有限公司宣布，白鹭迪的销量上涨。";
    assert_eq!(kinds(s, &[(0, 9, O), (12, 15, P)]), [O, O]);
    let s = "深圳能源集团宣布，深圳的用电上涨。";
    assert_eq!(kinds(s, &[(0, 6, O), (9, 11, P)]), [O, P]);
    let s = "美国通用汽车公司宣布，美国的销量上涨。";
    assert_eq!(kinds(s, &[(0, 8, O), (11, 13, P)]), [O, P]);
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
fn a_chain_names_a_place_inside_the_one_before() {
    // 怀柔 lies in 北京; 公安 (a county of 湖北) after a county of 安徽 is the word 公安局,
    // and 振兴 (a district of 辽宁) after 吉林 is the verb.
    // (See `FOUND`.)
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
    let whole = |s: &str| trimmed(s, 0, s.chars().count());
    assert_eq!(whole("区企业青禾汽车科技有限公司"), "青禾汽车科技有限公司");
    assert_eq!(whole("龙头企业青禾科技有限公司"), "青禾科技有限公司");
    assert_eq!(
        whole("中国企业管理咨询有限公司"),
        "中国企业管理咨询有限公司"
    );
    assert_eq!(whole("中国企业联合会"), "中国企业联合会");
    assert_eq!(whole("十三届全国人大"), "全国人大");
    // `届` after the span is none of its business (the span is never cut past its end).
    let chars: Vec<char> = "十三届".chars().collect();
    let mut m = Mention::new(0, 2, EntityKind::Organisation, Source::Model);
    trim_organisation(&chars, &mut m, &kn());
    assert!(m.start <= m.end, "{m:?}");
    assert_eq!(whole("第十四届青山区政协"), "青山区政协");
    assert_eq!(whole("青山市多家医院"), "");
    assert_eq!(whole("民盟青山区委主委"), "民盟青山区委");
    assert_eq!(whole("青山区工商局局长"), "青山区工商局");
    assert_eq!(whole("青山区委员会"), "青山区委员会");
    // A verb or a word that only ends like a body at the end of the span.
    assert_eq!(whole("青山市花卉产业园项目签署"), "");
    assert_eq!(whole("青山区委部署"), "青山区委");
    assert_eq!(whole("青山发展新格局"), "");
    assert_eq!(whole("青山高质量发展南部"), "");
    assert_eq!(whole("亚太经合组织"), "亚太经合组织");
}

#[test]
fn a_head_glued_to_the_next_word_does_not_end_a_name() {
    // `科研`, `大学生`: the head is the start of a word; the name ends at the head before.
    assert_eq!(trimmed("青山农牧大学科研团队", 0, 7), "青山农牧大学");
    assert_eq!(trimmed("自治区级大学生创新", 0, 6), "");
    // A title after the head, a function word, or a word starting after the span: the name
    // stands.
    assert_eq!(trimmed("中央宣传部副部长", 0, 5), "中央宣传部");
    assert_eq!(trimmed("外交部长钱其琛", 0, 3), "外交部");
    assert_eq!(trimmed("五三街道实践所在社区", 0, 7), "五三街道实践所");
    assert_eq!(trimmed("北京大学生物系", 0, 4), "北京大学");
}

#[test]
fn names_in_other_words_name_nothing_there() {
    let m =
        |start: usize, end: usize, kind: EntityKind| Mention::new(start, end, kind, Source::Model);
    let c = |s: &str| s.chars().collect::<Vec<char>>();
    // A one-character country form starting an ordinary word, but not a pair or `方`.
    for (text, start, end, longer) in [
        ("中外记者", 0, 1, true),
        ("海外华侨", 2, 3, true),
        ("中日关系", 0, 1, false),
        ("中方表示", 0, 1, false),
        ("中华民族", 0, 2, false),
    ] {
        let place = m(start, end, EntityKind::Place);
        let got = starts_longer_word(&c(text), &place, &kn());
        assert_eq!(got, longer, "{text}");
    }
    for (text, end, eponym) in [
        // Theories named after people; a person read before a city's suffix is the city.
        ("杨—米尔斯规范场", 5, true),
        ("邓小平理论", 3, false),
        // Trophies and prizes; a currency is no one.
        ("尤伯杯赛", 2, true),
        ("诺贝尔奖得主", 3, true),
        ("王强奖励员工", 2, false),
    ] {
        let person = m(0, end, EntityKind::Person);
        assert_eq!(is_eponym(&c(text), &person), eponym, "{text}");
    }
    assert!(is_eponym(&c("10亿马克"), &m(3, 5, EntityKind::Person)));
    for (text, names_place) in [
        ("谢格尔市重视交流", true),
        ("王宏伟市长说", false),
        ("李建国县委书记", false),
    ] {
        let person = m(0, 3, EntityKind::Person);
        assert_eq!(person_names_place(&c(text), &person), names_place, "{text}");
    }
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
fn names_of_two_parties_joined_by_a_dash_are_whole() {
    // The names the rules find: see `FOUND`.
    // The recogniser's organisation cut short before the event's head is the whole event.
    let chars: Vec<char> = "服务好河北省-江苏省商务与投资峰会。".chars().collect();
    let mut ms = vec![Mention::new(3, 12, EntityKind::Organisation, Source::Model)];
    joint_names(&chars, &mut ms);
    assert_eq!(
        (ms[0].end, ms[0].kind),
        (17, EntityKind::Programme),
        "{ms:?}"
    );
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
    // What the rules find: see `FOUND`.
    assert!(is_anonymous("孙", EntityKind::Person));
    assert!(is_anonymous("欧阳先生", EntityKind::Person));
    assert!(!is_anonymous("周女", EntityKind::Person));
    assert!(is_anonymous("镇", EntityKind::Place));
    assert!(!is_anonymous("美", EntityKind::Place));
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

/// The shipped knowledge, built once for these tests.
fn kn() -> std::sync::Arc<crate::text::Knowledge> {
    crate::text::knowledge::testing::shipped()
}

/// Texts and what the rules find in them: what the case shows, the text and the checks (`; `
/// between, see [`crate::text::checks::holds`]) on the lines [`found`] writes.
const FOUND: &[(&str, &str, &str)] = &[
    ("place chains and short forms", "他来自河南省洛阳市栾川县，后来到山东工作。", "河南省 place; 洛阳市 place; 栾川县 place; 山东 place"),
    // 怀柔 lies in 北京; 公安 (a county of 湖北) after a county of 安徽 is the word 公安局,
    // and 振兴 (a district of 辽宁) after 吉林 is the verb.
    ("a chain names a place inside the one before", "他在北京怀柔工作。望江县公安局民警赶到。推动吉林振兴发展。", "怀柔 place; 望江县公安局 organisation; !公安 place; !振兴 place"),
    ("a quoted name before a team head is an organisation", "社区“邻里帮”志愿服务队将粽子送到居民家中。开展“邻里帮”活动。", "“邻里帮”志愿服务队 organisation; 邻里帮 programme"),
    ("a quoted name before a team head is an organisation", "组建“平安巡逻”六支志愿服务队。", "!… organisation"),
    ("editors and reviewers of a credit line are persons", "活动圆满结束。\n终审:胡明远\n编辑：孙丽  审核：郑岩\n", "胡明远 person; 孙丽 person; 郑岩 person"),
    ("editors and reviewers of a credit line are persons", "他说：明远山很好。", "!… person"),
    ("names of two parties joined by a dash are whole", "服务好河北省-江苏省商务与投资峰会。会见河北省—江苏省友好协会代表。", "河北省-江苏省商务与投资峰会 programme; 河北省—江苏省友好协会 organisation"),
    ("names of two parties joined by a dash are whole", "河北省-江苏省的高速公路。", "!…-…"),
    ("a quote after an organising verb and known campaigns are programmes", "乡里举办了“春风送暖,共话团圆”联谊会。社区启动的“回家议事 向美而行”项目。", "春风送暖,共话团圆 programme; 回家议事 向美而行 programme"),
    ("a quote after an organising verb and known campaigns are programmes", "他说：“大家好,欢迎光临。”", "!… programme"),
    ("a quote after an organising verb and known campaigns are programmes", "共建“一带一路”。2023年世乒赛在德班结束。", "一带一路 programme; 2023年世乒赛 programme"),
    ("a quote after an organising verb and known campaigns are programmes", "国台办发言人说，粤港澳大湾区建设提速。", "国台办 organisation; 粤港澳大湾区 place"),
    ("sites named after a place are places", "项目落户河南省洛阳市国际花卉产业园。旅客从重庆东站出发，游览栾川县老君山景区。", "洛阳市国际花卉产业园 place; 重庆东站 place; 栾川县老君山景区 place"),
    // Not across a clause word, and a short head only right after the place.
    ("sites named after a place are places", "洛阳市在推进旅游景区建设。洛阳市今年新建三个景区。", "!…景区 …"),
    // A site's name ends at its first head and before another place.
    ("sites named after a place are places", "货物经洛阳港区北作业区运往重庆。", "洛阳港区 place; !…北作业区 …"),
    ("titles make people and forms of address do not", "公司总经理李建国介绍，家住城东的周女士和修车的王师傅说很好。", "李建国 person; !…女士…; !…师傅…"),
    ("titles make people and forms of address do not", "副局长王强说", "王强 person"),
    ("withheld names are people and some is not a name", "被告人王某明、李某非法经营，某种程度上，赵某的同伙在某地落网。", "王某明 person; 李某 person; 赵某 person; !…某种…; !…某地…; !李某非 …"),
    ("a paper's newsroom is the paper", "（白水日报社全媒体记者 赵敏）\n白水晚报全媒体记者 李四", "白水日报社 organisation; 白水晚报 organisation; !白水日报社全媒体 …; !白水晚报全媒体 …"),
    ("a department joins two fields with 和", "会议由平江县人力资源和社会保障局主办，平江县住房和城乡建设局和教育局参加。", "平江县人力资源和社会保障局 organisation; 平江县住房和城乡建设局 organisation; !…建设局和教育局…"),
    ("a department joins two fields with 和", "任命张伟为省发展和改革委员会副主任，他是市政协文史委员会委员。", "省发展和改革委员会 organisation; !改革委员会 …"),
    ("a department joins two fields with 和", "市应急管理局、市住房和城乡建设局列席，由县文化和旅游局主办。", "市住房和城乡建设局 organisation; 县文化和旅游局 organisation"),
    ("a withheld name before a verb has no given name", "判处张某有期徒刑一年，陈某无罪，刘某拒不认罪。", "张某 person; 陈某 person; 刘某 person; !张某有 …; !陈某无 …; !刘某拒 …"),
    ("outlets in credits and source lines", "来源：光明网-理论频道\n江淮网5月3日讯 据北方日报报道，互联网企业参加，滨海晚报记者张三报道。", "光明网 organisation; 理论频道 organisation; 江淮网 organisation; 北方日报 organisation; 滨海晚报 organisation; !…互联网…"),
    ("numbered units, party committees and zones", "近日，第三师五一团二营与二〇五团三连、136团和共青团河西市委、民盟东城区工委在河西市高新区联欢。第二幼儿园也参加，一团和气，三师生同乐。", "第三师 organisation; 二〇五团三连 organisation; 136团 organisation; 共青团河西市委 organisation; 民盟东城区工委 organisation; 第二幼儿园 organisation; !一团…; !三师生…"),
    ("named events: a numbered edition or a place, a name and an event head", "第十五届海峡论坛在厦门举办，洛阳市牡丹文化节开幕。在北京举办的论坛很成功，第三届论坛开幕，洛阳市举行国际交易会。", "第十五届海峡论坛 programme; 洛阳市牡丹文化节 programme; !…的论坛 …; !第三届论坛 …; !…举行国际交易会 …"),
    ("place prefixed organisations", "近日，湖南省长沙市教育局召开会议。", "长沙市教育局 organisation; 长沙市 place"),
    // A document's title is a work, not a programme.
    ("programmes but not speech", "该区开展“书香校园”主题活动，推出《全民阅读实施方案》。他说：“我们很高兴，谢谢。”", "书香校园 programme; !…方案…; !…高兴…"),
    // Two characters in a work's title are a fragment, not a referent; a full name is one.
    ("titles of outlets are organisations and other titles name only full names", "据《光明日报》报道，《河西文艺》月刊刊登了歌曲《美丽的甘州》和《中华民族一家亲》，又重印《张掖市志》。", "光明日报 organisation; 《河西文艺》月刊 organisation; !…甘州…; !…中华…; !…一家亲…; 张掖市 place; !…市志…"),
    ("communities from suffix", "家住南苑社区的居民和全县12个社区。", "南苑社区 place; !…全县…"),
];
