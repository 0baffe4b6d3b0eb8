//! What the panels and controls say: details, lists, the article list, links, counts.

use super::*;
use crate::app::i18n::{self, Lang, Msg};

#[test]
fn detail_panel_wording() {
    let mut s = session();
    assert_eq!(
        s.explorer().detail_blocks(),
        [Block::Hint(Msg::Hint.en().into())]
    );
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    let blocks = s.explorer().detail_blocks();
    assert_eq!(
        blocks[1],
        Block::Meta("place 地点 · 2 mentions in 2 articles".into())
    );
    let headings = |blocks: &[Block]| -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.clone()),
                _ => None,
            })
            .collect()
    };
    // Co-occurrence is listed from the entity that is the relation's source.
    assert_eq!(headings(&blocks), ["lies in", "contains"]);
    cmd(&mut s, Command::SelectEntity(EntityId(3)));
    let blocks = s.explorer().detail_blocks();
    assert_eq!(headings(&blocks), ["wrote", "same sentence as"]);
    assert!(blocks.contains(&Block::List(vec![vec![
        Inline::Entity {
            id: EntityId(1),
            key: "place:乙县".into(),
            label: "乙县".into(),
            kind: EntityKind::Place
        },
        Inline::Evidence {
            relation: RelationId(2),
            text: " evidence ×2".into()
        },
    ]])));
    assert!(blocks.contains(&Block::List(vec![vec![Inline::Article {
        id: ArticleId(0),
        title: "一".into()
    }]])));
    cmd(&mut s, Command::SelectRelation(RelationId(3)));
    let blocks = s.explorer().detail_blocks();
    assert_eq!(
        blocks[1],
        Block::Meta("weight 1 · 0 supporting passages".into())
    );
    assert!(matches!(&blocks[2], Block::Para(p) if p.starts_with("Known from the gazetteer")));
    assert!(s.explorer().selected_passages().is_empty());
    cmd(&mut s, Command::SelectArticle(ArticleId(1)));
    assert_eq!(
        s.explorer().detail_blocks()[1],
        Block::Meta("王明 · fixture".into())
    );
    assert_eq!(s.explorer().selected_passages().len(), 1);
}

#[test]
fn neighbour_lists_and_the_table_are_capped() {
    let mut x = fixture();
    let hub = EntityId(x.entities.len() as u32);
    x.entities
        .push(fixture::entity(hub.0, EntityKind::Place, "中心"));
    for i in 0..present::TABLE_ROWS as u32 + 5 {
        let id = x.entities.len() as u32;
        x.entities
            .push(fixture::entity(id, EntityKind::Person, &format!("人{i}")));
        x.relations
            .push(Relation::plain(hub.0, id, RelationKind::CoOccurs));
    }
    let mut ex = Explorer::new(x);
    let (html, count) = ex.table((SortKey::Mentions, false));
    assert_eq!(count, present::TABLE_ROWS + 11);
    assert_eq!(html.matches("<tr ").count(), present::TABLE_ROWS);
    ex.update_view(|v| v.selection = Some(Selection::Entity(hub)));
    let lists: Vec<usize> = ex
        .detail_blocks()
        .iter()
        .filter_map(|b| match b {
            Block::List(items) => Some(items.len()),
            _ => None,
        })
        .collect();
    assert_eq!(lists, [present::NEIGHBOUR_ROWS]);
}

#[test]
fn an_untitled_article_is_listed_by_source_and_first_words() {
    let mut x = fixture();
    x.articles[0].title.clear();
    x.articles[0].source = "新闻.jsonl".into();
    x.articles[0].text = "近日，甲市召开会议，乙县参加。".into();
    let ex = Explorer::new(x);
    assert_eq!(
        ex.article_options()[0],
        (
            ArticleId(0),
            "1 · 近日，甲市召开会议，乙县参加。 — 新闻.jsonl".to_owned()
        )
    );
}

#[test]
fn the_article_search_lists_matches_by_title_source_or_date_and_keeps_choices() {
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(MemoryStorage::default()),
        || {
            let mut x = fixture();
            x.articles[0].date = Some("2024-04-23".into());
            x.articles[0].source = "人民日报.txt".into();
            x.articles.push(Article {
                id: ArticleId(2),
                title: "三".into(),
                date: Some("2024-05-01".into()),
                ..x.articles[1].clone()
            });
            Explorer::new(x)
        },
    );
    let (_, saved) = s.open(None);
    s.show_view("", saved);
    // Each row says where the article came from and its date when known.
    let rows = s.explorer().article_options();
    assert_eq!(rows[0].1, "1 · 一 — 人民日报.txt · 2024-04-23");
    assert_eq!(rows[1].1, "2 · 二 — fixture");
    assert_eq!(s.article_count(), "3");
    let listed = |s: &Session| s.article_options_html().matches("<option").count();
    assert_eq!(listed(&s), 3);
    // By source, by date (any case, every word), by title.
    let out = cmd(&mut s, Command::ArticleSearch("人民日报".into()));
    assert!(out.articles && out.controls && !out.view);
    assert_eq!(listed(&s), 1);
    assert_eq!(s.article_count(), "1 of 3");
    cmd(&mut s, Command::ArticleSearch("2024-05 FIXTURE".into()));
    assert!(s.article_options_html().contains("value=\"a2\""));
    assert_eq!(listed(&s), 1);
    cmd(&mut s, Command::ArticleSearch("二".into()));
    assert_eq!(listed(&s), 1);
    cmd(&mut s, Command::ArticleSearch("nothing like it".into()));
    assert_eq!((listed(&s), s.article_count()), (0, "0 of 3".to_owned()));
    // Choosing among the matches keeps what was chosen outside them.
    cmd(&mut s, Command::ArticleSearch(String::new()));
    cmd(&mut s, Command::Articles([ArticleId(0)].into()));
    cmd(&mut s, Command::ArticleSearch("2024-05".into()));
    cmd(&mut s, Command::Articles([ArticleId(2)].into()));
    let chosen = s.explorer().view().filters.articles.clone();
    assert_eq!(chosen, Some([ArticleId(0), ArticleId(2)].into()));
    // Unchoosing the one listed leaves the others.
    cmd(&mut s, Command::Articles(BTreeSet::new()));
    assert_eq!(
        s.explorer().view().filters.articles,
        Some([ArticleId(0)].into())
    );
    // The search stays through a corpus change.
    cmd(&mut s, Command::ShowDemo);
    assert_eq!(s.article_count(), "1 of 3");
    assert!(present::article_matches("1 · 一 — 人民日报.txt", ""));
}

#[test]
fn controls_read_the_corpus() {
    let s = session();
    let ex = s.explorer();
    assert_eq!(
        ex.kind_rows()[0..2],
        [
            (EntityKind::Person, "person 人物", 1),
            (EntityKind::Place, "place 地点", 3)
        ]
    );
    assert_eq!(
        ex.article_options()[1],
        (ArticleId(1), "2 · 二 — fixture".to_owned())
    );
    assert_eq!(
        ex.suggestion_rows(&[EntityId(2)]),
        [(
            "organisation:丙局".to_owned(),
            "丙局 · organisation".to_owned()
        )]
    );
    assert_eq!(
        present::relation_label(RelationKind::Role, Some("局长"), true, Lang::En),
        "holds a role at (局长)"
    );
    assert_eq!(
        present::relation_label(RelationKind::Within, Some("gazetteer"), false, Lang::En),
        "contains [gazetteer]"
    );
}

#[test]
fn outputs_combine_in_order() {
    let first = Output {
        corpus: true,
        status: Some(Status::info("a")),
        downloads: vec![Download::Png],
        fullscreen: Some(true),
        ..Output::default()
    };
    let later = Output {
        list: true,
        status: Some(Status::error("b")),
        downloads: vec![Download::Png],
        ..Output::default()
    };
    let both = first.clone().then(later);
    assert!(both.corpus && both.list && !both.view);
    assert_eq!(both.status, Some(Status::error("b")));
    assert_eq!((both.downloads.len(), both.fullscreen), (2, Some(true)));
    assert_eq!(first.clone().then(Output::default()), first);
    // Every field set (no `..`: a new field must be added here): it survives on either side.
    let all = Output {
        corpus: true,
        view: true,
        controls: true,
        list: true,
        sources: true,
        suggestions: true,
        path_options: true,
        articles: true,
        status: Some(Status::info("c")),
        progress: Some(Progress::Show),
        downloads: vec![Download::Png],
        cursor: Some(Cursor::Grab),
        fullscreen: Some(false),
        focus_search: true,
        focus_graph: true,
        pasted: true,
        layout: true,
        prevent_default: true,
        lang: true,
        worker: Some(WorkerOrder::Stop),
        more_rows: Some("<tr></tr>".into()),
    };
    assert_eq!(Output::default().then(all.clone()), all);
    assert_eq!(all.clone().then(Output::default()), all);
}

#[test]
fn panel_markup_is_escaped_and_marked() {
    let blocks = [
        Block::Title {
            kind: Some(EntityKind::Place),
            parts: vec![Inline::Text("<b>甲</b>".into())],
        },
        Block::List(vec![vec![
            Inline::Entity {
                id: EntityId(3),
                key: "person:王%22明".into(),
                label: "王\"明".into(),
                kind: EntityKind::Person,
            },
            Inline::Evidence {
                relation: RelationId(7),
                text: " evidence ×2".into(),
            },
        ]]),
        Block::Hint("a & b".into()),
    ];
    assert_eq!(
        present::blocks_html(&blocks),
        "<h2 style=\"color: var(--place)\">&lt;b&gt;甲&lt;/b&gt;</h2><ul><li><button class=\"link\" \
data-entity-id=\"person:王%22明\" style=\"color: var(--person)\">王&quot;明</button><button class=\"link\" \
data-relation=\"r7\"> evidence ×2</button></li></ul><p class=\"hint\">a &amp; b</p>"
    );
    let s = session();
    let rows = s.explorer().suggestion_rows(&[EntityId(0), EntityId(1)]);
    let html = present::suggestions_html(&rows, Some(1));
    assert!(html.starts_with(
        "<li role=\"option\" data-entity-id=\"place:甲市\" aria-selected=\"false\">甲市 · place</li>"
    ));
    assert!(html.ends_with("aria-selected=\"true\">乙县 · place</li>"));
    let kinds = present::kind_filters_html(&s.explorer().kind_rows());
    assert_eq!(kinds.matches("type=\"checkbox\"").count(), 4);
    assert!(kinds.contains("data-testid=\"kind-filter-programme\""));
    assert!(kinds.contains("<span>place 地点</span><span class=\"count\">3</span>"));
    let options = present::article_options_html(&s.explorer().article_options());
    assert_eq!(
        options,
        "<option value=\"a0\" title=\"1 · 一 — fixture\" data-testid=\"article-option\">1 · 一 — fixture</option>\
<option value=\"a1\" title=\"2 · 二 — fixture\" data-testid=\"article-option\">2 · 二 — fixture</option>"
    );
    let rows = [
        SourceRow {
            text: "Demo page (embedded)".into(),
            count: 8,
            remove: None,
            demo: true,
        },
        SourceRow {
            text: "<x>.txt".into(),
            count: 1,
            remove: Some((0, "Remove <x>.txt".into())),
            demo: false,
        },
    ];
    assert_eq!(
        present::sources_html(&rows),
        "<li class=\"active-demo\"><span>Demo page (embedded)</span><span class=\"count\">8</span></li>\
<li><span>&lt;x&gt;.txt</span><span class=\"count\">1</span><button data-remove-source=\"0\" \
data-testid=\"remove-source\" aria-label=\"Remove &lt;x&gt;.txt\">✕</button></li>"
    );
}

#[test]
fn source_panel_markup_marks_mentions() {
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    let ex = s.explorer();
    let html = present::passages_html(ex, &ex.selected_passages());
    assert_eq!(html.matches("<article>").count(), 2);
    assert!(html.starts_with(
        "<article><h3><button class=\"link\" data-article=\"a0\" title=\"Read the whole article\">一</button></h3><p>"
    ));
    assert!(html.contains(
        "<mark data-entity-id=\"place:乙县\" class=\"place primary\" title=\"乙县\">乙县</mark>"
    ));
    assert!(html.contains(
        "<mark data-entity-id=\"person:王明\" class=\"person\" title=\"王明\">王明</mark>出席。</p>"
    ));
}

#[test]
fn controls_show_the_view() {
    let mut s = session();
    let c = s.explorer().control_state();
    assert!(c.checked.iter().all(|(_, on)| *on) && c.checked.len() == 5);
    assert_eq!(c.values[0], ("min-mentions", "1".to_owned()));
    assert!(!s.explorer().article_chosen("a0"));
    cmd(&mut s, Command::ShowKind(EntityKind::Place, false));
    cmd(&mut s, Command::CoOccurrence(false));
    cmd(&mut s, Command::Threshold(Threshold::Weight, "3".into()));
    cmd(&mut s, Command::Articles([ArticleId(1)].into()));
    cmd(&mut s, Command::SelectEntity(EntityId(2)));
    cmd(&mut s, Command::Focus(Depth::Two));
    cmd(&mut s, Command::TogglePresentation);
    let ex = s.explorer();
    let c = ex.control_state();
    let off: Vec<&str> = c
        .checked
        .iter()
        .filter(|(_, on)| !on)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(off, ["kind-filter-place", "co-occurs"]);
    assert_eq!(c.values[1], ("min-weight", "3".to_owned()));
    assert_eq!(
        c.pressed,
        [("present", true), ("focus-1", false), ("focus-2", true)]
    );
    assert!(c.presentation);
    assert!(ex.article_chosen("a1") && !ex.article_chosen("a0") && !ex.article_chosen("zz"));
}

#[test]
fn links_name_entities_by_kind_and_label() {
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    cmd(&mut s, Command::Focus(Depth::One));
    let hash = s.explorer().view_hash();
    assert_eq!(
        hash,
        "sel=place:%E4%B9%99%E5%8E%BF&focus=place:%E4%B9%99%E5%8E%BF:1"
    );
    // The same link in a corpus where 乙县 sits elsewhere opens on 乙县.
    let mut other = fixture();
    other.entities.swap(0, 1);
    for (i, e) in other.entities.iter_mut().enumerate() {
        e.id = EntityId(i as u32);
    }
    let (v, ok) = ViewState::from_hash(&format!("#{hash}"), &other);
    assert_eq!(ok, Ok(()));
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(0))));
    assert_eq!(v.focus.map(|f| f.entity), Some(EntityId(0)));
    // Unescaped, as typed; and links written before keys (positions) still open.
    let (v, _) = ViewState::from_hash("#sel=organisation:丙局", &other);
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(2))));
    let (v, _) = ViewState::from_hash("#sel=e3&focus=e3:2", &other);
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(3))));
    // A name this corpus does not have is reported, not re-pointed.
    let (v, err) = ViewState::from_hash("#sel=place:%E6%97%A0", &other);
    assert_eq!(v.selection, None);
    assert!(err.is_err());
    // Two entities of one kind and label: the second is told apart.
    let mut twins = fixture();
    twins.entities[4].label = "甲市".into();
    let key = crate::app::view::entity_key(&twins, EntityId(4));
    assert_eq!(key.as_deref(), Some("place:%E7%94%B2%E5%B8%82~2"));
    assert_eq!(
        crate::app::view::entity_by_key(&twins, "place:%E7%94%B2%E5%B8%82~2"),
        Some(EntityId(4))
    );
    assert_eq!(
        crate::app::view::entity_by_key(&twins, "place:甲市"),
        Some(EntityId(0))
    );
    assert_eq!(
        crate::app::view::entity_by_key(&twins, "place:甲市~3"),
        None
    );
    assert_eq!(crate::app::view::entity_by_key(&twins, "robot:甲市"), None);
}

#[test]
fn a_hash_change_shows_its_view_at_once() {
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(2)));
    let key = crate::app::view::entity_key(&s.explorer().x, EntityId(3)).expect("a key");
    let out = s.handle(Event::HashChanged(format!("#sel={key}&typed=1")));
    assert!(out.view && out.status.is_none());
    let v = s.explorer().view();
    assert_eq!(v.selection, Some(Selection::Entity(EntityId(3))));
    assert!(!v
        .filters
        .shows_relation(crate::model::RelationKind::CoOccurs));
    // The hash the page wrote itself changes nothing.
    let own = s.explorer().view_hash();
    assert_eq!(
        s.handle(Event::HashChanged(format!("#{own}"))),
        Output::default()
    );
    // Back to no hash: the default view.
    let out = s.handle(Event::HashChanged(String::new()));
    assert!(out.view);
    assert_eq!(s.explorer().view(), &ViewState::default());
    // A bad one: what could be read is shown, the rest reported.
    let out = s.handle(Event::HashChanged("#sel=e99&min=2".into()));
    let (text, error) = status(&out);
    assert!(error && text.contains("e99"), "{text}");
    assert_eq!(s.explorer().view().filters.min_mentions, 2);
}

#[test]
fn counts_of_one_read_in_the_singular() {
    assert_eq!(i18n::count(1, "article", "articles"), "1 article");
    assert_eq!(i18n::count(0, "article", "articles"), "0 articles");
    let mut s = session();
    cmd(&mut s, Command::SelectEntity(EntityId(0)));
    assert_eq!(
        s.explorer().detail_blocks()[1],
        Block::Meta("place 地点 · 1 mention in 1 article".into())
    );
    cmd(&mut s, Command::SelectRelation(RelationId(0)));
    assert_eq!(
        s.explorer().detail_blocks()[1],
        Block::Meta("weight 1 · 1 supporting passage".into())
    );
    let mut s = Session::new(
        Box::new(Tick(Rc::default())),
        Box::new(MemoryStorage::default()),
        || {
            let mut x = fixture();
            x.articles.truncate(1);
            x.entities.truncate(1);
            x.relations.clear();
            Explorer::new(x)
        },
    );
    s.open(None);
    assert_eq!(s.summary(), "1 article · 1 entity · 0 relations");
    assert_eq!(
        status(&cmd(&mut s, Command::ReadingFiles(1))).0,
        "Reading 1 file…"
    );
}

#[test]
fn the_language_is_chosen_remembered_and_used_by_the_panels() {
    // A Chinese browser without a saved choice: Chinese.
    let mut s = session();
    s.start_lang("zh-CN");
    assert_eq!(s.lang(), Lang::Zh);
    assert_eq!(s.summary(), "2 篇文章 · 5 个实体 · 4 条关系");
    // The user's choice is kept and wins over the browser's language.
    let out = cmd(&mut s, Command::Language(Lang::En));
    assert!(out.lang && out.view && out.articles && out.sources);
    assert_eq!(status(&out).0, "2 articles · 5 entities · 4 relations");
    assert_eq!(s.storage.get(LANG_KEY).as_deref(), Some("en"));
    s.start_lang("zh-TW");
    assert_eq!(s.lang(), Lang::En);
    cmd(&mut s, Command::Language(Lang::Zh));
    assert_eq!(s.storage.get(LANG_KEY).as_deref(), Some("zh"));
    // The menu shows it; the panels speak it.
    assert!(s
        .properties()
        .contains(&("lang".to_owned(), "value", Prop::Text("zh".into()))));
    assert_eq!(
        s.explorer().detail_blocks(),
        [Block::Hint(Msg::Hint.zh().into())]
    );
    cmd(&mut s, Command::SelectEntity(EntityId(1)));
    let html = s.detail_html();
    assert!(
        html.contains("人工更正") && html.contains("重命名"),
        "{html}"
    );
    assert!(
        !html.contains("Rename") && !html.contains("mentions"),
        "{html}"
    );
    // Corrections and their messages too.
    let out = cmd(&mut s, Command::Curate(Curate::Hide));
    assert!(status(&out).0.starts_with("已隐藏"), "{:?}", out.status);
    assert!(s.corrections_html().contains("撤销"));
    let out = cmd(&mut s, Command::Curate(Curate::Rename(String::new())));
    assert_eq!(status(&out), ("请先选择一个实体，再更正它。", true));
    // A new corpus keeps the language.
    cmd(&mut s, Command::ShowDemo);
    assert_eq!(s.lang(), Lang::Zh);
    // Without a choice, an English browser gets English.
    let mut s = session();
    s.start_lang("en-GB");
    assert_eq!(s.lang(), Lang::En);
}

#[test]
fn an_editor_s_detail_lists_what_they_edited_apart_from_what_they_wrote() {
    let mut x = fixture();
    x.credits.push(Credit {
        person: EntityId(3),
        article: ArticleId(1),
        role: crate::model::CreditRole::Edited,
        evidence: None,
    });
    let mut ex = Explorer::new(x);
    ex.update_view(|v| v.selection = Some(Selection::Entity(EntityId(3))));
    let blocks = ex.detail_blocks();
    let headings: Vec<&str> = (blocks.iter())
        .filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(headings[..2], ["wrote", "edited"]);
    ex.set_lang(Lang::Zh);
    assert!(ex.detail_blocks().contains(&Block::Heading("编辑".into())));
}
