//! The two languages of the interface: [`Lang`] and the catalogue of every label, button,
//! tooltip and message in English and Chinese ([`Msg`]). The page's static labels name their
//! key in a `data-i18n…` attribute ([`ATTRIBUTES`]) and the web layer fills them from here; the
//! panels, status messages and exports built in the core ask [`Lang::text`] directly.

use crate::model::EntityKind;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese (simplified).
    Zh,
}

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language menu's value (`en`, `zh`).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a menu value.
    pub fn parse(s: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The language a browser asks for (`navigator.language`): Chinese for any `zh…`,
    /// English otherwise.
    pub fn of_browser(language: &str) -> Lang {
        if language.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The document's `lang` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// A message in this language.
    pub fn text(self, m: Msg) -> &'static str {
        match self {
            Lang::En => m.en(),
            Lang::Zh => m.zh(),
        }
    }

    /// A message with its `{}` filled in order by `args`.
    pub fn fill(self, m: Msg, args: &[&dyn std::fmt::Display]) -> String {
        fill(self.text(m), args)
    }

    /// A count as the language writes it: digits grouped by three with a comma, in Chinese
    /// as in English (`20,000`, as `Intl.NumberFormat` writes both `zh-CN` and `en`).
    pub fn number(self, n: usize) -> String {
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// `n` and a noun (a [`Msg`] written `one|many` in English): "1 article", "3 articles",
    /// "3 篇文章".
    pub fn count(self, n: usize, noun: Msg) -> String {
        let t = self.text(noun);
        match (self, t.split_once('|')) {
            (Lang::En, Some((one, many))) => count(n, one, many),
            (Lang::Zh, _) => format!("{n} {t}"),
            (Lang::En, None) => format!("{n} {t}"),
        }
    }
}

/// `n` and its noun, singular for one: `count(1, "article", "articles")` is "1 article".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A kind's short name (the entity table, suggestions, the correction buttons).
pub fn kind_name(k: EntityKind, lang: Lang) -> &'static str {
    lang.text(match k {
        EntityKind::Person => Msg::PersonShort,
        EntityKind::Place => Msg::PlaceShort,
        EntityKind::Organisation => Msg::OrganisationShort,
        EntityKind::Programme => Msg::ProgrammeShort,
    })
}

/// `template` with each `{}` replaced by the next of `args`.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(i) = rest.find("{}") {
        out.push_str(&rest[..i]);
        if let Some(a) = args.next() {
            out.push_str(&a.to_string());
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The page's attributes that name a message: `data-i18n` fills the element's text, the
/// others the attribute after `data-i18n-`.
pub const ATTRIBUTES: [(&str, Option<&str>); 4] = [
    ("data-i18n", None),
    ("data-i18n-title", Some("title")),
    ("data-i18n-placeholder", Some("placeholder")),
    ("data-i18n-aria-label", Some("aria-label")),
];

/// A page label by its key in `data-i18n…` (`None` for an unknown key).
pub fn label(lang: Lang, key: &str) -> Option<&'static str> {
    Msg::parse(key).map(|m| lang.text(m))
}

macro_rules! catalogue {
    ($($key:ident: $en:expr, $zh:expr;)*) => {
        /// A message of the interface, in both languages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// Every message.
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];
            /// Its key (the page's `data-i18n` value).
            pub fn key(self) -> &'static str {
                match self { $(Msg::$key => stringify!($key)),* }
            }
            /// A message by its key.
            pub fn parse(key: &str) -> Option<Msg> {
                Msg::ALL.iter().copied().find(|m| m.key() == key)
            }
            /// In English.
            pub fn en(self) -> &'static str {
                match self { $(Msg::$key => $en),* }
            }
            /// In Chinese.
            pub fn zh(self) -> &'static str {
                match self { $(Msg::$key => $zh),* }
            }
        }
    };
}

catalogue! {
    // The page's static labels (index.html).
    Title: "guanxi 关系 — news knowledge graph", "关系 guanxi — 新闻知识图谱";
    Language: "Language", "语言";
    Filters: "Filters", "筛选";
    FiltersTip: "Show or hide the filters and the entity list ([)", "显示或隐藏筛选和实体列表（[）";
    SearchEntities: "Search entities", "搜索实体";
    SearchPlaceholder: "搜索 / search (any alias)", "搜索（任一别名）";
    ViewAndFiles: "View and files", "视图与文件";
    Fit: "Fit", "全图";
    FitTip: "Fit to screen (F)", "适应屏幕（F）";
    Focus1: "Focus 1", "聚焦 1";
    Focus1Tip: "Show the selection's neighbours (1)", "显示所选项的邻居（1）";
    Focus2: "Focus 2", "聚焦 2";
    Focus2Tip: "Show neighbours of neighbours (2)", "显示邻居的邻居（2）";
    Reset: "Reset", "重置";
    ResetTip: "Reset filters, focus and selection (Esc; while presenting, Esc only leaves presentation mode)",
        "重置筛选、聚焦和选择（Esc；演示时 Esc 只退出演示模式）";
    Present: "Present", "演示";
    PresentTip: "Presentation mode (P; Esc leaves it and keeps the view)", "演示模式（P；Esc 退出并保留视图）";
    OpenFiles: "Open files", "打开文件";
    OpenFilesTip: "Open .txt pages, JSON or JSON Lines of articles (UTF-8 or GBK); or drop files on the window",
        "打开 TXT 页面、JSON 或 JSONL 文章（UTF-8 或 GBK），也可把文件拖到窗口上";
    Paste: "Paste", "粘贴";
    Export: "Export", "导出";
    OnlyFilteredView: "only the filtered view", "仅导出筛选后的视图";
    GraphJson: "Graph JSON", "图 JSON";
    SaveAsHtml: "Save as HTML", "另存为 HTML";
    SaveAsHtmlTip: "A copy of this page with your articles in it", "包含你的文章的本页副本";
    Details: "Details", "详情";
    DetailsTip: "Show or hide the details and sources (])", "显示或隐藏详情和来源（]）";
    Cancel: "Cancel", "取消";
    PasteText: "Paste text", "粘贴文本";
    PasteLabel: "Paste a page or articles (plain text, JSON or JSON Lines), or a graph JSON:",
        "粘贴一个页面或多篇文章（纯文本、JSON 或 JSONL），或一个图 JSON：";
    Add: "Add", "添加";
    Close: "Close", "关闭";
    FiltersAndList: "Filters and entity list", "筛选与实体列表";
    CloseFilters: "Close the filters", "关闭筛选";
    Corpus: "Corpus", "语料";
    DemoPage: "Demo page", "示例页面";
    MySources: "My sources", "我的来源";
    StorySteps: "Story steps", "故事步骤";
    CaptionPlaceholder: "caption of this view", "此视图的说明";
    CaptionOfNewStep: "Caption of the new step", "新步骤的说明";
    AddStep: "Add step", "添加步骤";
    AddStepTip: "A step that remembers this view (selection, filters, focus, timeline, path), the camera and the caption",
        "添加一个步骤，记住此视图（选择、筛选、聚焦、时间轴、路径）、镜头和说明";
    Previous: "◀ Previous", "◀ 上一步";
    PreviousTip: "Previous step (PageUp, ←)", "上一步（PageUp、←）";
    Next: "Next ▶", "下一步 ▶";
    NextTip: "Next step (PageDown, →, Space)", "下一步（PageDown、→、空格键）";
    Kinds: "Kinds", "类型";
    Links: "Links", "关系";
    PathWithEvidence: "Path with evidence", "证据路径";
    PathFromPlaceholder: "from (any alias)", "起点（任一别名）";
    PathFrom: "Path from", "路径起点";
    PathToPlaceholder: "to (any alias)", "终点（任一别名）";
    PathTo: "Path to", "路径终点";
    FindPath: "Find path", "查找路径";
    FindPathTip: "The path the evidence supports best (Enter in either box)", "证据最充分的路径（在任一框中按 Enter）";
    Clear: "Clear", "清除";
    ColourAndSize: "Colour and size", "颜色与大小";
    ColourBy: "Colour by", "颜色依据";
    ByKind: "kind", "类型";
    ByCommunity: "community", "社区";
    SizeBy: "Size by", "大小依据";
    ByMentions: "mentions", "提及次数";
    ByImportance: "importance", "重要性";
    ByDegree: "degree", "度数";
    Articles: "Articles", "文章";
    ArticleSearchPlaceholder: "find by title, source or date", "按标题、来源或日期查找";
    ArticleSearch: "Find articles by title, source or date", "按标题、来源或日期查找文章";
    ArticleHint: "Tap or click to add or remove.", "点击以添加或移除。";
    ArticlesShown: "Articles shown", "显示的文章";
    AllArticles: "All articles", "全部文章";
    Thresholds: "Thresholds", "阈值";
    MinMentions: "Min mentions", "最少提及";
    MinWeight: "Min edge weight", "最小边权重";
    SameSentence: "Same-sentence links", "同句关系";
    Entities: "Entities", "实体";
    Name: "Name", "名称";
    Kind: "Kind", "类型";
    Mentions: "Mentions", "提及";
    Degree: "Degree", "度数";
    DegreeTip: "Distinct neighbours", "不同邻居的数目";
    Importance: "Importance", "重要性";
    ImportanceTip: "PageRank over evidence strength; 1 = the average entity", "按证据强度计算的 PageRank；1 = 平均实体";
    Graph: "Graph", "图";
    CanvasLabel: "Entity graph. Use the entity list for keyboard and screen-reader access.",
        "实体关系图。使用键盘或读屏软件时请用实体列表。";
    CaptionTip: "Details of what is shown", "所显示内容的详情";
    Play: "Play", "播放";
    Pause: "Pause", "暂停";
    PlayTip: "Step through the dates", "按日期逐步播放";
    TimelineLabel: "Timeline: the graph as of a date", "时间轴：截至某日的图";
    DetailsAndSources: "Details and sources", "详情与来源";
    CloseDetails: "Close the details", "关闭详情";
    DetailHint: "Click a node or an edge, search, or pick a row in the list. Drag nodes to pin them; scroll or pinch to zoom. On a touch screen: tap selects, hold opens the details, drag pans.",
        "点击节点或边、搜索，或在列表中选一行。拖动节点可固定位置；滚动或双指缩放。触摸屏上：轻点选择，长按打开详情，拖动平移。";
    Corrections: "Corrections by hand", "人工更正";
    // Made by the core.
    LodSome: "Showing the {} most important of {} entities; zoom in for more",
        "显示最重要的 {} 个实体（共 {} 个），放大可看到更多";
    LodZoomedIn: "Every entity in view is shown ({} in all)", "视野内的实体已全部显示（共 {} 个）";
    LodAll: "Showing all {} entities", "显示全部 {} 个实体";
    LodShowAll: "Show all", "显示全部";
    LodShowFewer: "Only the most important", "只显示最重要的";
    NoSteps: "No steps yet.", "还没有步骤。";
    StepOf: "Step {} of {}", "第 {} 步，共 {} 步";
    NSteps: "step|steps", "个步骤";
    NArticles: "article|articles", "篇文章";
    NEntities: "entity|entities", "个实体";
    NRelations: "relation|relations", "条关系";
    NMentions: "mention|mentions", "次提及";
    NPassages: "supporting passage|supporting passages", "段证据";
    Hint: "Click a node or an edge, search, or pick a row in the list. Drag nodes to pin them; scroll or pinch to zoom. Keys: / search, F fit, 1/2 focus, P present (Esc leaves it), Esc reset.",
        "点击节点或边、搜索，或在列表中选一行。拖动节点可固定位置；滚动或双指缩放。快捷键：/ 搜索，F 全图，1/2 聚焦，P 演示（Esc 退出），Esc 重置。";
    Person: "person 人物", "人物";
    Place: "place 地点", "地点";
    Organisation: "organisation 机构", "机构";
    Programme: "programme 项目", "项目";
    LiesIn: "lies in", "位于";
    Contains: "contains", "包含";
    HoldsRoleAt: "holds a role at", "任职于";
    HasInRole: "has in a role", "任职者";
    IsPartOf: "is part of", "隶属于";
    HasUnit: "has unit", "下属单位";
    Wrote: "wrote", "撰写";
    Edited: "edited", "编辑";
    SameSentenceAs: "same sentence as", "同句出现";
    LegendRole: "role", "职务";
    LegendPartOf: "part of", "隶属";
    LegendSameSentence: "same sentence", "同句";
    EntityMeta: "{} · {} in {}", "{} · {}，见于 {}";
    AlsoKnownAs: "Also: {}", "别名：{}";
    EvidenceTimes: " evidence ×{}", " 证据 ×{}";
    WeightMeta: "weight {} · {}", "权重 {} · {}";
    FromGazetteer: "Known from the gazetteer of administrative divisions; the text does not state it.",
        "来自行政区划地名库；文中并未说明。";
    DemoEmbedded: "Demo page (embedded)", "示例页面（内置）";
    RemoveSource: "Remove {}", "移除 {}";
    ArticlesOf: "{} of {}", "{} / {} 篇";
    ProgressArticles: "{} / {} articles", "{} / {} 篇文章";
    ProgressTime: " · {} s, about {} s left", " · 已用 {} 秒，约剩 {} 秒";
    NoWorker: "Extracting on the page's main thread (no worker: {}).", "在页面主线程上抽取（无法启动后台线程：{}）。";
    ReadWholeArticle: "Read the whole article", "阅读全文";
    PathTitle: "Path {} → {}", "路径 {} → {}";
    NoPath: "No path between them among the links shown.", "在显示的关系中，两者之间没有路径。";
    Weighting: "The path follows the strongest evidence, not the fewest hops: a stated relation (lies in, role, part of) counts 3, a same-sentence mention 1, each times 1 + ln(number of sentences); a hop costs 1 / that, and the path with the lowest total cost wins.",
        "路径选证据最强的，而不是步数最少的：明确的关系（位于、职务、隶属）算 3，同句出现算 1，各乘以 1 + ln(句子数)；每一步的代价是其倒数，总代价最低的路径胜出。";
    Sentences: "{} sentence(s)", "{} 个句子";
    Stated: "stated {}×", "明确提及 {} 次";
    GazetteerHop: "From the gazetteer: no sentence states it.", "来自地名库：没有句子说明。";
    OtherPaths: "Other paths", "其他路径";
    Cost: "cost {}", "代价 {}";
    SmallerCommunities: "and {} smaller communities (grey)", "以及另外 {} 个较小的社区（灰色）";
    FindingCommunities: "Finding communities…", "正在划分社区……";
    ShowStep: "Show step {}", "显示第 {} 步";
    CaptionOfStep: "Caption of step {}", "第 {} 步的说明";
    MoveStepUp: "Move step {} up", "第 {} 步上移";
    MoveStepDown: "Move step {} down", "第 {} 步下移";
    DeleteStep: "Delete step {}", "删除第 {} 步";
    CaptionPath: "path {} → {}", "路径 {} → {}";
    NeighboursOf: "neighbours of", "邻居：";
    TwoStepsAround: "two steps around", "两步以内：";
    CorrectedByHand: "Corrected by hand", "人工更正";
    CorrectedNote: "✎ Corrected by hand: {}.", "✎ 已人工更正：{}。";
    CorrectByHand: "Correct by hand", "人工更正";
    NewName: "New name", "新名称";
    Rename: "Rename", "重命名";
    KindColon: "Kind:", "类型：";
    MergePlaceholder: "another entity (any alias)", "另一个实体（任一别名）";
    MergeLabel: "The entity to merge into this one", "要合并到此实体的实体";
    MergeTip: "The same entity: this one keeps its name and takes the other's names, mentions and relations",
        "同一个实体：保留此实体的名称，并接收另一个的名称、提及和关系";
    MergeIntoThis: "Merge into this", "合并到此";
    SplitOff: "Split off:", "拆分：";
    SplitTip: "The mentions that read {} are another entity", "写作 {} 的提及是另一个实体";
    Hide: "Hide", "隐藏";
    Delete: "Delete", "删除";
    DeleteTip: "Not an entity: remove it and its relations", "不是实体：删除它及其关系";
    DoesNotApply: "(does not apply: {})", "（不适用：{}）";
    Undo: "Undo", "撤销";
    PersonShort: "person", "人物";
    PlaceShort: "place", "地点";
    OrganisationShort: "organisation", "机构";
    ProgrammeShort: "programme", "项目";
    StatusSummary: "{} · {} · {}", "{} · {} · {}";
    AsOf: "as of {}", "截至 {}";
    AllDates: "all dates ({})", "全部日期（{}）";
    // Status messages.
    ReadingFiles: "Reading {}…", "正在读取 {}…";
    NFiles: "file|files", "个文件";
    Removed: "Removed {}.", "已移除 {}。";
    ShowingDemo: "Showing the demo page; your sources are kept (My sources).", "正在显示示例页面；你的来源仍然保留（我的来源）。";
    NoSourcesYet: "No sources yet: open files, drop them here, or paste text.", "还没有来源：请打开文件、把文件拖到这里，或粘贴文本。";
    Exported: "Exported {}.", "已导出 {}。";
    ImportCancelled: "Import cancelled; nothing changed.", "已取消导入；没有任何改动。";
    Extracted: "Extracted {} in {} s.{}", "已抽取 {}，用时 {} 秒。{}";
    Capped: " Same-sentence links were capped in {} sentences listing many names.", "有 {} 个列出许多名称的句子，其同句关系已设上限。";
    Loaded: "Loaded {}: {}.", "已载入 {} 个：{}。";
    NotLoaded: " Not loaded ({}): {}.", "未载入（{} 个）：{}。";
    AndMore: "{} and {} more", "{} 等，另有 {} 个";
    Added: "Added {} ({}).", "已添加 {}（{}）。";
    AddedArticles: "Added {} ({}{}).", "已添加 {}（{}{}）。";
    GraphJsonSummary: "graph JSON: {}, {}, {}, {}", "图 JSON：{}，{}，{}，{}";
    ArticlesAndEncoding: "{}, {}{}", "{}，{}{}";
    AlreadyLoaded: "; {} already loaded left out", "；已略去 {} 已载入的";
    NotSaved: "Your articles stay open, but could not be saved in this browser: {}", "你的文章仍然打开着，但无法保存在此浏览器中：{}";
    CannotRead: "Your articles are kept, but cannot be read now: {}. Reload the page to try again.", "你的文章已保留，但现在无法读取：{}。请重新加载页面再试。";
    ExportFailed: "Export failed: {}", "导出失败：{}";
    HashUnreadable: "the link's view settings could not be read ({}); showing the default view for those", "链接中的视图设置无法读取（{}）；这些部分显示默认视图";
    OlderLink: "This older link names {} by its place in a list; check it is the one meant (the address now names it by kind and name).", "这个旧链接按列表中的位置指代 {}；请确认是否为所指的那个（地址现在按类型和名称指代它）。";
    TheLink: "the link {} – {}", "关系 {} – {}";
    ThePath: "the path {} → {}", "路径 {} → {}";
    TooLarge: "{}: {} bytes is more than the {} MB a file may have", "{}：{} 字节，超过了单个文件 {} MB 的上限";
    NoArticles: "{}: no articles found", "{}：没有找到文章";
    NotAGraph: "{}: not a graph guanxi can show: {}", "{}：不是 guanxi 能显示的图：{}";
    Duplicate: "{}: the same text is already loaded ({}); not added again", "{}：相同的文本已经载入（{}）；不再重复添加";
    SavedCorrupt: "the saved work is damaged ({}); it was set aside and not loaded", "保存的工作已损坏（{}）；已另存一份，未载入";
    SavedChecksum: "the saved work fails its checksum; it was set aside and not loaded", "保存的工作校验失败；已另存一份，未载入";
    SavedFuture: "the saved work comes from a newer guanxi (format {}, this one reads {}); it was not loaded and is kept as it is", "保存的工作来自更新版本的 guanxi（格式 {}，本版本读取 {}）；未载入，原样保留";
    NewerKept: "the work saved here comes from a newer guanxi (format {}) and is kept as it is; open it with that version", "此处保存的工作来自更新版本的 guanxi（格式 {}），已原样保留；请用该版本打开";
    SavedElsewhere: "Not saved: another tab saved its work here since this one opened, and it was kept. Reload to see it, or make a change here to save this tab's work over it.", "未保存：此页打开后，另一个标签页已在此保存了它的工作，已予保留。重新加载即可查看；或在此处再做一次修改，用本页的工作覆盖它。";
    StoryUnreadable: "the link's story could not be read (step {}: {}); the story was kept as it was", "链接中的故事无法读取（第 {} 步：{}）；故事保持原样";
    StoryNeedsParts: "it needs a camera, a caption and a view", "需要镜头、说明和视图";
    StoryCameraNumbers: "its camera is not three numbers", "镜头不是三个数字";
    StoryCameraEmpty: "its camera shows nothing", "镜头什么也没显示";
    // Corrections by hand.
    DidMerge: "Merged {} into {}", "已将 {} 合并到 {}";
    DidSplit: "Split {} off {}", "拆分出 {}（原属 {}）";
    DidRename: "Renamed {} to {}", "已将 {} 改名为 {}";
    DidKind: "Made {} {}", "已将 {} 改为{}";
    DidDelete: "Deleted {}", "已删除 {}";
    DidHide: "Hid {}", "已隐藏 {}";
    Undone: "Undone: {}.", "已撤销：{}。";
    Done: "{}.", "{}。";
    NothingChanged: "Nothing changed: {}.", "没有改动：{}。";
    SelectFirstToCorrect: "Select an entity first, then correct it.", "请先选择一个实体，再更正它。";
    TypeNewName: "Type the new name first; nothing changed.", "请先输入新名称；没有改动。";
    SameName: "{} already has that name; nothing changed.", "{} 已经是这个名称；没有改动。";
    TypeMergeName: "Type the name of the entity to merge into {}; nothing changed.", "请输入要合并到 {} 的实体名称；没有改动。";
    NoMatchNothingChanged: "No entity matches “{}”; nothing changed.", "没有与“{}”匹配的实体；没有改动。";
    MergeSelf: "“{}” is {} itself: an entity cannot be merged with itself; nothing changed.", "“{}”就是 {} 本身：实体不能与自己合并；没有改动。";
    AlreadyHidden: "{} is already hidden; nothing changed.", "{} 已经隐藏；没有改动。";
    NothingToUndo: "Nothing to undo.", "没有可撤销的操作。";
    // The exports' header rows (CSV for spreadsheets).
    CsvNodes: "id,label,kind,mentions,aliases,importance,degree,community,articles,first_date,corrected",
        "编号,名称,类型,提及次数,别名,重要性,度数,社区,文章数,最早日期,人工更正";
    CsvEdges: "id,source,target,source_label,target_label,kind,label,weight,evidence",
        "编号,起点,终点,起点名称,终点名称,类型,标签,权重,证据";
    HiddenByHand: "{} is hidden by hand (Undo under Corrected by hand shows it).", "{} 已被人工隐藏（在“人工更正”下撤销即可显示）。";
    FiltersChangedToShow: "Filters changed to show {}.", "已调整筛选以显示 {}。";
    SelectFirstToFocus: "Select an entity first, then focus on its neighbourhood.", "请先选择一个实体，再聚焦其邻居。";
    NoMatch: "No entity matches “{}”.", "没有与“{}”匹配的实体。";
    ThresholdsWhole: "Thresholds must be whole numbers of at least 1.", "阈值必须是不小于 1 的整数。";
    TypeBothEnds: "Type both ends of the path (any alias), then Enter or Find path.", "请输入路径的两端（任一别名），然后按 Enter 或“查找路径”。";
    SameEnds: "The two ends are the same entity: choose two different ones.", "两端是同一个实体：请选择两个不同的实体。";
    FiltersReset: " Filters were reset to show both ends.", "已重置筛选以显示两端。";
    NoPathBetween: "No path between {} and {} among the links shown.{}", "在显示的关系中，{} 与 {} 之间没有路径。{}";
    PathFound: "Path from {} to {}: {} hop(s), strongest evidence first; {} other path(s).{}", "从 {} 到 {} 的路径：{} 步，证据最强的在前；另有 {} 条路径。{}";
    TimelineNeedsDates: "The timeline needs articles of at least two dates to play.", "时间轴需要至少两个日期的文章才能播放。";
    AddedStep: "Added step {}: this view, with the camera where it is.", "已添加第 {} 步：此视图及当前镜头。";
    NoStoryYet: "No story yet: set up a view, type a caption and press Add step.", "还没有故事：先设置视图，输入说明，再点“添加步骤”。";
    LastStep: "That was the last step.", "这是最后一步。";
    FirstStep: "This is the first step.", "这是第一步。";
    DeletedStep: "Deleted step {}.", "已删除第 {} 步。";
    StepError: "Step {} of {}: {}", "第 {} 步，共 {} 步：{}";
    StepStatus: "Step {} of {}.", "第 {} 步，共 {} 步。";
    StepCaption: "Step {} of {}: {}", "第 {} 步，共 {} 步：{}";
    UndoLabel: "Undo: {}", "撤销：{}";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Latin words a Chinese message may keep: formats, programs, keys and the app's name.
    const PROPER: &[&str] = &[
        "guanxi", "GEXF", "GraphML", "Gephi", "JSON", "JSONL", "CSV", "Excel", "PNG", "SVG",
        "HTML", "TXT", "UTF", "GBK", "PageRank", "Esc", "Enter", "PageUp", "PageDown", "URL", "ln",
        "MB",
    ];

    #[test]
    fn every_message_has_both_languages_and_chinese_has_no_english_words() {
        for &m in Msg::ALL {
            assert!(!m.en().trim().is_empty(), "{m:?} has no English");
            assert!(!m.zh().trim().is_empty(), "{m:?} has no Chinese");
            let has_words = m.en().chars().any(|c| c.is_ascii_alphabetic());
            assert!(
                !has_words
                    || m.zh()
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{m:?} is not Chinese: {}",
                m.zh()
            );
            for word in m.zh().split(|c: char| !c.is_ascii_alphabetic()) {
                assert!(
                    word.len() < 2 || PROPER.contains(&word),
                    "{m:?}: English word {word:?} in {:?}",
                    m.zh()
                );
            }
            assert_eq!(
                m.en().matches("{}").count(),
                m.zh().matches("{}").count(),
                "{m:?}: the two languages fill different numbers of values"
            );
            assert_eq!(Msg::parse(m.key()), Some(m));
        }
    }

    #[test]
    fn csv_headers_name_the_columns_the_export_writes() {
        let export = include_str!("../../src/io/export.rs");
        for m in [Msg::CsvNodes, Msg::CsvEdges] {
            assert!(
                export.contains(&format!("\\u{{feff}}{}\\r\\n", m.en())),
                "{m:?}"
            );
            assert_eq!(m.en().matches(',').count(), m.zh().matches(',').count());
        }
        let csv = "\u{feff}id,label\r\na,b\r\n";
        assert_eq!(
            crate::io::export::with_header(csv, "编号,名称"),
            "\u{feff}编号,名称\r\na,b\r\n"
        );
    }

    #[test]
    fn browser_language_and_menu_values() {
        let langs = ["zh-CN", "zh-Hant-TW", "ZH", "en-US", ""].map(Lang::of_browser);
        assert_eq!(langs, [Lang::Zh, Lang::Zh, Lang::Zh, Lang::En, Lang::En]);
        for l in Lang::ALL {
            assert_eq!(Lang::parse(l.as_str()), Some(l));
        }
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn counts_and_templates() {
        assert_eq!(Lang::En.count(1, Msg::NArticles), "1 article");
        assert_eq!(Lang::En.count(3, Msg::NArticles), "3 articles");
        assert_eq!(Lang::Zh.count(3, Msg::NArticles), "3 篇文章");
        assert_eq!(Lang::En.fill(Msg::StepOf, &[&2, &5]), "Step 2 of 5");
        assert_eq!(Lang::Zh.fill(Msg::StepOf, &[&2, &5]), "第 2 步，共 5 步");
        assert_eq!(label(Lang::Zh, "Fit"), Some("全图"));
        assert_eq!(label(Lang::En, "nothing"), None);
    }

    /// Every key the page names is in the catalogue.
    #[test]
    fn the_page_names_only_known_keys() {
        let page = include_str!("../../index.html");
        let mut n = 0;
        for (attr, _) in ATTRIBUTES {
            let needle = format!("{attr}=\"");
            for (i, _) in page.match_indices(&needle) {
                let rest = &page[i + needle.len()..];
                let key = &rest[..rest.find('"').unwrap_or(0)];
                assert!(Msg::parse(key).is_some(), "index.html names {key:?}");
                n += 1;
            }
        }
        assert!(n > 50, "only {n} labels in the page");
    }
}
