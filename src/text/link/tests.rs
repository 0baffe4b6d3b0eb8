use super::*;
use crate::text::checks::check_table;
use crate::text::mentions::Source;

/// An article from marked text: `[甲县|p]` is a place mention, `o` organisation, `h` person.
fn article(marked: &str) -> (Article, Vec<Mention>) {
    let mut text = String::new();
    let mut mentions = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find(']').unwrap() + open;
        let (name, kind) = rest[open + 1..close].split_once('|').unwrap();
        let start = text.chars().count();
        text.push_str(name);
        let kind = match kind {
            "p" => EntityKind::Place,
            "o" => EntityKind::Organisation,
            _ => EntityKind::Person,
        };
        mentions.push(Mention::new(
            start,
            start + name.chars().count(),
            kind,
            Source::Rule,
        ));
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    let a = Article {
        id: ArticleId(0),
        title: String::new(),
        authors: Vec::new(),
        editors: Vec::new(),
        date: None,
        source: "test".into(),
        text,
    };
    (a, mentions)
}

/// The typed relations of one marked article as `source kind target` lines.
fn typed(marked: &str) -> Vec<String> {
    let (a, mentions) = article(marked);
    let docs = [doc(&a, mentions)];
    let (ents, rels) = link(&docs, &kn());
    rels.iter()
        .filter(|r| r.kind != RelationKind::CoOccurs)
        .map(|r| {
            let kind = format!("{:?}", r.kind).to_lowercase();
            let (s, t) = (&ents[r.source.index()], &ents[r.target.index()]);
            format!("{} {kind} {}", s.label, t.label)
        })
        .collect()
}

/// The linking input of one article.
fn doc(a: &Article, mentions: Vec<Mention>) -> ArticleMentions<'_> {
    ArticleMentions {
        article: a,
        chars: a.text.chars().collect(),
        mentions,
    }
}

/// The labels of the places among `ents`.
fn places(ents: &[Entity]) -> Vec<&str> {
    (ents.iter())
        .filter(|e| e.kind == EntityKind::Place)
        .map(|e| e.label.as_str())
        .collect()
}

/// The entities of marked articles linked as one corpus (`[甲县|p]`, see [`article`]).
fn entities(marked: &[&str]) -> Vec<Entity> {
    let articles: Vec<(Article, Vec<Mention>)> = (marked.iter().enumerate())
        .map(|(i, m)| {
            let (mut a, ms) = article(m);
            a.id = ArticleId(i as u32);
            (a, ms)
        })
        .collect();
    let docs: Vec<ArticleMentions<'_>> = (articles.iter())
        .map(|(a, ms)| doc(a, ms.clone()))
        .collect();
    link(&docs, &kn()).0
}

/// Same-sentence links of one marked article, and what linking capped.
fn co_occurrences(marked: &str) -> (usize, LinkStats) {
    let (a, mentions) = article(marked);
    let docs = [doc(&a, mentions)];
    let (_, rels, _, stats) = link_with_stats(&docs, &kn());
    let n = rels
        .iter()
        .filter(|r| r.kind == RelationKind::CoOccurs)
        .count();
    (n, stats)
}

/// `count` distinct person names (`人甲0`, …), each marked, joined by `、`.
fn name_list(count: usize) -> String {
    (0..count)
        .map(|i| format!("[人{i}号|h]"))
        .collect::<Vec<_>>()
        .join("、")
}

#[test]
fn typed_relations_of_marked_articles() {
    // Marked articles, each linked alone, and what their typed relations must hold: what the
    // case shows, the article (`[甲县|p]`, see `article`) and the checks (`; ` between, see
    // `checks::holds`) on the lines `typed` writes.
    check_table(
        &[
            ("a party or league body lies in the place it names", "[共青团洛阳市栾川县委员会|o]召开会议。[中共栾川县纪委|o]部署工作。[共青团洛阳市委|o]和[民建栾川县工委|o]出席。", "共青团洛阳市委 within 洛阳市; 民建栾川县工委 within 栾川县; 共青团洛阳市栾川县委员会 within 栾川县; 栾川县 within 洛阳市; 中共栾川县纪委 within 栾川县"),
            ("a commission written after its council is part of it", "[国务院|o]召开会议。[国务院国资委|o]负责人出席。", "国务院国资委 partof 国务院"),
            ("a site named after a place lies in it", "项目落户[洛阳市国际花卉产业园|p]。", "洛阳市国际花卉产业园 within 洛阳市"),
            ("every title of a chain links its body", "[南湖区委|o]书记、[北山开发区党工委|o]书记(兼)[赵立新|h]到访。", "赵立新 role 南湖区委; 赵立新 role 北山开发区党工委"),
            // The group's party committee is the group in the graph: both titles are its.
            ("every title of a chain links its body", "会见[青石集团党委|o]书记、董事长[钱明远|h]。", "=钱明远 role 青石集团, 钱明远 role 青石集团"),
            ("generic titles point at the place or its named institution", "[海城区|p]召开会议。[王晓东|h]出席,区委副书记,区政府区长,[东港开发区党工委|o]副书记[孙立|h]讲话。", "孙立 role 海城区; 孙立 role 海城区委; 孙立 role 海城区政府; 孙立 role 东港开发区党工委; !王晓东 role…"),
            ("a title before a comma needs a whole item", "[平山县|p]消息,他曾任县委书记,县长[李强|h]说。", "李强 role 平山县; !李强 role 平山县委"),
            ("a bare title in a list of names shares the body before", "[农业部|o]部长[林海|h]、副部长[高原|h]、副部长[方舟|h]出席。", "高原 role 农业部; 方舟 role 农业部"),
            // A title held jointly may carry a qualifier (`兼国际合作副代表`); the list goes on.
            ("a bare title in a list of names shares the body before", "[农业部|o]部长[林海|h]、副部长兼国际合作副代表[高原|h]、副部长[方舟|h]出席。", "高原 role 农业部; 方舟 role 农业部"),
            ("a bare title in a list of names shares the body before", "[农业部|o]部长[林海|h]、[高原|h]出席。", "!高原 role…"),
            ("a generic head before a title is the latest such organisation", "[青禾科技有限公司|o]成立于2015年。公司董事长[钱明远|h]说。", "钱明远 role 青禾科技有限公司"),
            // Inside a longer word (`子公司`) the head is no reference.
            ("a generic head before a title is the latest such organisation", "[青禾科技有限公司|o]成立。其子公司董事长[钱明远|h]说。", "!钱明远 role…"),
            ("a party organ title is also a role in its body", "[国家林业局党组|o]成员、副局长[田野|h]讲话。", "=田野 role 国家林业局, 田野 role 国家林业局"),
            ("a section of a department is part of it", "由[湖南省财政厅预算处|o]牵头。", "湖南省财政厅预算处 partof 湖南省财政厅"),
            ("a section of a department is part of it", "[江城市委宣传部|o]供稿。", "!…partof…"),
            ("a body named by level alone also points at the place", "[湖南省|p]召开会议,省人大常委会主任[严明|h]出席。", "严明 role 湖南省人大常委会; 严明 role 湖南省"),
            ("places opening a name locate it", "[平山县|p]召开会议,[平山县教育局|o]参加。", "平山县教育局 within 平山县"),
            ("places opening a name locate it", "[石门镇|p]的[石门镇桃源村小学|o]开学。", "桃源村 within 石门镇; 石门镇桃源村小学 within 桃源村"),
            // A bare level word is no place.
            ("places opening a name locate it", "[街道办事处|o]开会。", "!…within…"),
            ("sub units of schools corps and ministries", "[东湖实验教育集团南山分校|o]开学。", "东湖实验教育集团南山分校 partof 东湖实验教育集团"),
            ("sub units of schools corps and ministries", "[兵团第三师歌舞团|o]演出。", "兵团第三师歌舞团 partof 兵团第三师"),
            ("sub units of schools corps and ministries", "[商务部|o]消息,[商务部驻沪办事处|o]成立。", "商务部驻沪办事处 partof 商务部"),
            // A title swallowed into a name is no sub-unit.
            ("sub units of schools corps and ministries", "[河口县水利局干部|o]说。", "!…partof…"),
            ("committees and regions written around a place", "[临江乡|p]消息,乡党委副书记、乡长[吴敏|h]讲话。", "吴敏 role 临江乡党委; 吴敏 role 临江乡"),
            ("committees and regions written around a place", "中共[海城区|p]委书记[何平|h]出席。", "何平 role 中共海城区委; 中共海城区委 within 海城区"),
            ("committees and regions written around a place", "[澳门|p]特区行政长官[林立|h]说。", "林立 role 澳门特别行政区"),
            ("committees and regions written around a place", "[中国工程院|o]院士、材料学家[陆川|h]说。", "陆川 role 中国工程院"),
            ("a director of a department", "[白水国外交部条约法律司|o]司长[马新|h]表示。", "马新 role 白水国外交部条约法律司"),
            ("appointments", "任命[张伟|h]为[湘江省教育厅|o]副厅长，免去[李红|h]的[青山市财政局|o]局长职务，[王强|h]当选为[青山市政协|o]主席。", "张伟 role 湘江省教育厅; 李红 role 青山市财政局; 王强 role 青山市政协"),
            // `为` alone after a name is no appointment.
            ("appointments", "[张伟|h]为[湘江省教育厅|o]副厅长送行。", "!张伟 role…"),
            ("titles after a name", "由[周敏|h]([湖南省财政厅预算处|o]处长)带队。", "周敏 role 湖南省财政厅预算处"),
            ("titles after a name", "[钟文|h]，1950年生，[中国工程院|o]院士，[湘江大学|o]教授。", "钟文 role 中国工程院; 钟文 role 湘江大学"),
            // Only at the head of a sentence: here the titles are another person's.
            ("titles after a name", "会见了[钟文|h]，[湘江大学|o]校长[江河|h]。", "!钟文 role 湘江大学"),
            ("a department written by level alone is not the place", "[海城区|p]消息,区委宣传部部长[方圆|h]出席。", "方圆 role 海城区委宣传部; !方圆 role 海城区"),
            ("a department written by level alone is not the place", "[澳门|p]消息,[澳门特区政府|o]表示。", "澳门特区政府 within 澳门特别行政区"),
            ("places written before an organisation are part of its name", "[河口县|p][公安局刑侦大队|o]和[临江县|p][公安局刑侦大队|o]联手。", "河口县公安局刑侦大队 partof 河口县公安局; 临江县公安局刑侦大队 partof 临江县公安局; 河口县公安局 within 河口县; 河口县公安局刑侦大队 within 河口县"),
            ("a bare name after a ranked one shares a rank but not a post", "[湘江大学化学学院|o]博士研究生[林立|h]、[江川|h]、[夏雨|h]参加。", "江川 role 湘江大学化学学院; 夏雨 role 湘江大学化学学院"),
            ("a bare name after a ranked one shares a rank but not a post", "[南湖区委|o]书记[赵立|h]、[钱进|h]出席。", "!钱进 role…"),
            ("one-character forms side by side are no chain", "[中|p][日|p]两队交手，[京|p][津|p][冀|p]协同发展。", "!…within…"),
            ("a capital lies in its country", "抵达[意大利|p]首都[罗马|p]。", "罗马 within 意大利"),
            ("a place head after a committee is the province", "[河北省委|o]副书记、省长[周平|h]会见客商。", "周平 role 河北省; 周平 role 河北省委"),
            ("when a post was held belongs to its title", "[白水国|p]新总统[马林|h]就职，[青山市|p]原市长[张大伟|h]出席。", "马林 role 白水国; 张大伟 role 青山市"),
            // `新闻发言人` is a title of its own.
            ("when a post was held belongs to its title", "[国资委|o]秘书长、新闻发言人[彭华|h]答问。", "彭华 role 国资委"),
            ("places listed before their region lie in it", "在[白水|p]、[青山|p]、[石门|p]3个[大湾区|p]内地城市设立服务点。", "白水 within 大湾区; 青山 within 大湾区; 石门 within 大湾区"),
            ("places listed before their region lie in it", "[白水|p]、[青山|p]等[河谷|p]地区降雨。", "青山 within 河谷"),
            // A list that is not called the region's group: nothing.
            ("places listed before their region lie in it", "[白水|p]、[青山|p]和[河谷|p]举办活动。", "="),
            ("an outlet is not within the place it is named after", "[湘潭市|p]举办活动，据[湘潭市日报|o]报道，[湘潭市日报社|o]记者，[湘潭市教育局|o]参加。", "!湘潭市日报 within…; !湘潭市日报社 within…; 湘潭市教育局 within 湘潭市"),
            ("a body named in full then by its head is one body", "[白石镇卫生院|o]开展义诊。[卫生院|o]院长[罗小军|h]介绍政策。", "罗小军 role 白石镇卫生院"),
            ("a body named in full then by its head is one body", "记者来到[青山县白石乡茶叶科技小院|o]。[科技小院|o]负责人[王小明|h]说，收成很好。", "王小明 role 青山县白石乡茶叶科技小院"),
            // The head of two bodies names neither.
            ("a body named in full then by its head is one body", "[白水县人民医院|o]和[白水县第二人民医院|o]合作，[人民医院|o]院长[李红|h]说。", "李红 role 人民医院"),
            // A national body written without its scope.
            ("a body named in full then by its head is one body", "[全国青联|o]开会。[青联|o]主席[赵刚|h]讲话。", "赵刚 role 全国青联"),
            ("a chain of titles opens after a closed quotation", "“这是一种探索。”[茶叶小院|o]首席专家、[青山大学农学院|o]教授[商明|h]说。", "商明 role 茶叶小院; 商明 role 青山大学农学院"),
            ("a numbered company is part of its regiment", "在[一三八团三连|o]的院子里，大家包饺子。", "一三八团三连 partof 一三八团"),
            ("a bracketed short name is the name before it", "[青山省文化旅游发展集团有限公司|o](以下简称[青旅集团|o])成立。[青旅集团|o]董事长[周林|h]说。", "周林 role 青山省文化旅游发展集团有限公司"),
            ("a mission lies where it is stationed", "[白水国|p]总统访问。[青山国外交部驻白水国特派员公署|o]发布消息。", "青山国外交部驻白水国特派员公署 within 白水国"),
            ("a place in that county lies in the county named before", "检查组到[平江县|p]检查。随后深入该县的[白水镇|p]小学。", "白水镇 within 平江县"),
        ],
        typed,
    );
}

#[test]
fn a_sentence_of_news_size_links_every_pair() {
    let k = SENTENCE_ENTITIES_MAX;
    let (n, stats) = co_occurrences(&format!("{}出席。", name_list(k)));
    assert_eq!(n, k * (k - 1) / 2);
    assert_eq!(stats, LinkStats::default());
}

#[test]
fn a_list_of_thousands_of_names_links_only_near_ones_and_says_so() {
    // Two sentences: one listing 3,000 names (4.5 M pairs if all were linked), one short.
    let many = 3000;
    let marked = format!("{}。[甲|h]和[乙|h]。", name_list(many));
    let (n, stats) = co_occurrences(&marked);
    assert!(n <= many * NEAR_MENTIONS + 1, "{n} relations");
    assert!(n >= many - 1, "neighbours are still linked: {n}");
    assert_eq!(stats.capped_sentences, 1);
    assert_eq!(stats.largest_sentence, many);
    // The same names repeated stay one pair each per sentence, not one per repetition.
    let twice = format!("{}、{}。", name_list(many), name_list(many));
    let (n2, _) = co_occurrences(&twice);
    assert!(
        n2 <= many * NEAR_MENTIONS + NEAR_MENTIONS * NEAR_MENTIONS,
        "{n2}"
    );
}

#[test]
fn public_bodies_keep_their_province_and_companies_meet_without_it() {
    assert_ne!(
        org_core("广东省人大常委会", &kn()),
        org_core("海南省人大常委会", &kn())
    );
    assert_eq!(
        org_core("陕西陕煤黄陵矿业有限公司", &kn()),
        org_core("陕煤黄陵矿业", &kn())
    );
    assert_eq!(org_core("长沙市岳麓区教育局", &kn()), "岳麓区教育局");
    assert_eq!(org_core("隆昌市水利局", &kn()), "隆昌市水利局");
    assert_eq!(org_core("光明日报社", &kn()), org_core("光明日报", &kn()));
    assert_eq!(org_core("读者杂志社", &kn()), org_core("读者杂志", &kn()));
    assert_ne!(org_core("新华社", &kn()), org_core("新华", &kn()));
    // A club with and without `队`; not a school's or a country's team.
    assert_eq!(org_core("上海申花队", &kn()), org_core("上海申花", &kn()));
    assert_ne!(org_core("北京大学队", &kn()), org_core("北京大学", &kn()));
    assert_ne!(org_core("中国队", &kn()), org_core("中国", &kn()));
    // With and without `人民`, a court, a procuratorate and a government are one body.
    for (long, short) in [
        ("平江县人民法院", "平江县法院"),
        ("白水市中级人民法院", "白水市中级法院"),
        ("平江县人民检察院", "平江县检察院"),
        ("平江县人民政府", "平江县政府"),
    ] {
        assert_eq!(org_core(long, &kn()), org_core(short, &kn()), "{long}");
    }
    assert_ne!(
        org_core("平江县人民医院", &kn()),
        org_core("平江县医院", &kn())
    );
}

#[test]
fn a_party_organ_title_is_also_a_role_in_its_body() {
    // Its title's role: see `TYPED`.
    // A place's committee and a community's branch stay bodies of their own.
    assert_eq!(without_party_organ("龙城社区党支部"), None);
    // Met only through its committee, the body is still labelled as itself.
    let x = crate::text::extract(
        vec![crate::text::corpus::Draft {
            title: String::new(),
            authors: vec![],
            editors: Vec::new(),
            date: None,
            source: "t".into(),
            text: "洛阳市青石投资集团党委召开会议。".into(),
        }],
        &crate::text::knowledge::testing::rules(),
    );
    assert!(
        x.entities.iter().any(|e| e.label == "洛阳市青石投资集团"
            && e.aliases.contains(&"洛阳市青石投资集团党委".to_owned())),
        "{:?}",
        x.entities
    );
    assert_eq!(without_party_organ("南岸区党委"), None);
}

#[test]
fn a_city_written_with_and_without_its_level_is_one_place() {
    let ents = entities(&["他抵达[白沙洲|p]，随后拜访[白沙洲市|p]议会。"]);
    let places = places(&ents);
    assert_eq!(places.len(), 1, "{places:?}");
}

#[test]
fn a_body_named_by_a_common_noun_joins_only_within_its_article() {
    let ents = entities(&[
        "[白水国|p]的[国会|o]通过法案。[国会|o]议长发言。",
        "[青山国|p]的[国会|o]休会，[外交部|o]表态。",
        "[外交部|o]发言人答问。",
    ]);
    let count = |label: &str| ents.iter().filter(|e| e.label == label).count();
    assert_eq!(count("国会"), 2);
    assert_eq!(count("外交部"), 1);
}

#[test]
fn a_given_name_alone_is_the_person_named_in_full() {
    let ents = entities(&["[邓小平|h]同志指出，[小平|h]同志的话很重要。"]);
    let labels: Vec<&str> = ents.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["邓小平"]);
}

#[test]
fn a_body_s_abbreviation_is_the_body_and_across_the_corpus_where_articles_agree() {
    // In one article: a company without its legal head, contractions of a full name.
    let x = entities(&[
        "[微软公司|o]今天宣布新产品。[微软|o]的股价上涨。",
        "[北京大学|o]和[清华大学|o]合作。[北大|o]的学生参加。",
        "[中国科学院|o]院士[张三|h]说，[中科院|o]将加强合作。",
        "[欧洲中央银行|o]宣布加息。[欧洲央行|o]行长表示。",
        "[青石时代新能源科技股份有限公司|o]签约。[青石时代|o]董事长出席。",
    ]);
    for (full, short) in [
        ("青石时代新能源科技股份有限公司", "青石时代"),
        ("微软公司", "微软"),
        ("北京大学", "北大"),
        ("中国科学院", "中科院"),
        ("欧洲中央银行", "欧洲央行"),
    ] {
        let e = x.iter().find(|e| e.label == full);
        assert!(
            e.is_some_and(|e| e.aliases.iter().any(|a| a == short)),
            "{full}: {x:?}"
        );
        assert!(!x.iter().any(|e| e.label == short), "{short}: {x:?}");
    }
    // Two bodies with the same opening and ending, a parent and a tail are not contracted.
    let x = entities(&[
        "[北京体育大学|o]和[北京大学|o]举办比赛。",
        "[中国人民银行|o]和[中国银行|o]发布通知。",
        "[苏州大学法学院|o]成立，[苏州大学|o]校长出席。",
    ]);
    for name in ["北京大学", "中国银行", "苏州大学"] {
        assert!(x.iter().any(|e| e.label == name), "{name}: {x:?}");
        assert!(
            !x.iter().any(|e| e.aliases.iter().any(|a| a == name)),
            "{name}: {x:?}"
        );
    }
    // Across the corpus: a short form that two articles tie to one full name stands for it
    // where it is written alone; tied by one article only, it stays itself elsewhere.
    let x = entities(&[
        "[北京大学|o]教授说，[北大|o]将扩招。",
        "[北京大学|o]学生说，[北大|o]很美。",
        "[北大|o]举行开学典礼。",
        "[微软公司|o]宣布，[微软|o]将裁员。",
        "[微软|o]发布新系统。",
    ]);
    let pku: Vec<_> = x
        .iter()
        .filter(|e| e.label == "北京大学" || e.label == "北大")
        .collect();
    assert_eq!(pku.len(), 1, "{pku:?}");
    assert_eq!(pku[0].mentions.len(), 5);
    assert!(x.iter().any(|e| e.label == "微软"), "{x:?}");
}

/// The shipped knowledge, built once for these tests.
fn kn() -> std::sync::Arc<crate::text::Knowledge> {
    crate::text::knowledge::testing::shipped()
}

#[test]
fn a_place_many_divisions_share_is_one_entity_for_its_body_and_its_titles() {
    // `东城街道` names many divisions; the article gives no context to choose one. The place
    // the body's name opens with and the place a title's level word stands for are the same
    // node, not one per way of reaching it.
    let es = entities(&["[东城街道办事处|o]举办讲座。街道党工委书记[陈志刚|h]出席。"]);
    assert_eq!(places(&es), ["东城街道"], "{es:?}");
}

#[test]
fn a_byline_links_its_writer_to_the_article_not_to_the_story() {
    let (mut a, mentions) =
        article("本报讯（记者 [林晓东|h]）[青山县|p]召开会议，[郑国华|h]出席。");
    a.authors = vec!["林晓东".into()];
    let docs = [doc(&a, mentions)];
    let (ents, rels, credits, _) = link_with_stats(&docs, &kn());
    let writer = ents.iter().find(|e| e.label == "林晓东").map(|e| e.id);
    assert_eq!(credits.len(), 1);
    assert_eq!(Some(credits[0].person), writer);
    let linked = |id| rels.iter().any(|r| r.source == id || r.target == id);
    assert!(!writer.is_some_and(linked), "{rels:?}");
    // The story's own names still meet.
    assert!(rels.iter().any(|r| r.kind == RelationKind::CoOccurs));
}
