//! The gazetteer of China's administrative divisions: levels, official and short names,
//! ethnic-group and one-character abbreviations, and the shipped table loaded once.

use super::*;

/// The level of an administrative division.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// 省, 自治区, 直辖市, 特别行政区.
    Province,
    /// 地级市, 自治州, 盟, 地区.
    Prefecture,
    /// 县, 县级市, 区, 旗.
    County,
    /// 乡, 镇, 街道.
    Township,
}

/// One division of the gazetteer.
#[derive(Clone, Debug)]
pub struct Division {
    /// Official name (`清水县`).
    pub name: String,
    /// Administrative level.
    pub level: Level,
    /// Index of the parent division, if any.
    pub parent: Option<u32>,
}

/// The gazetteer: divisions and an index from every accepted surface form to divisions.
pub struct Gazetteer {
    /// All divisions; ids are indices.
    pub divisions: Vec<Division>,
    /// Form hash → divisions (full names and short forms).
    by_form: HashMapU64<Vec<u32>>,
    /// Every accepted form, for building the matcher.
    forms: Vec<String>,
    /// Longest form in chars, bounding the matcher's window.
    pub max_len: usize,
}

/// Official suffixes stripped to get the short form people write (`甘肃省` → `甘肃`).
pub(super) const DIVISION_SUFFIXES: &[&str] = &[
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "省",
    "市",
    "县",
    "区",
    "地区",
    "盟",
    "旗",
];

impl Gazetteer {
    /// The gazetteer of `data/places.tsv`'s lines (`code<TAB>name<TAB>…`).
    pub fn parse(tsv: &str) -> Gazetteer {
        let mut divisions = Vec::new();
        // Codes are decimal strings of 2, 4, 6 or 9 digits: their numeric value (with the
        // length) is a key that needs no hashing of strings.
        let key = |code: &str| {
            let k = code
                .parse::<u64>()
                .ok()?
                .wrapping_mul(16)
                .wrapping_add(code.len() as u64);
            // Mixed, because the map passes keys through as their own hash.
            Some(k.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(31))
        };
        let mut by_code: HashMapU64<u32> = HashMapU64::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((code, name)) = line.split_once('\t') else {
                continue;
            };
            let level = match code.len() {
                2 => Level::Province,
                4 => Level::Prefecture,
                6 => Level::County,
                _ => Level::Township,
            };
            // Climb to the nearest listed ancestor (placeholders like 市辖区 are not listed).
            let parent = [6usize, 4, 2]
                .into_iter()
                .filter(|&n| n < code.len())
                .find_map(|n| by_code.get(&key(code.get(..n)?)?).copied());
            if let Some(k) = key(code) {
                by_code.insert(k, divisions.len() as u32);
            }
            divisions.push(Division {
                name: name.to_owned(),
                level,
                parent,
            });
        }
        let mut by_form: HashMapU64<Vec<u32>> = HashMapU64::default();
        let mut forms = Vec::with_capacity(divisions.len() * 2);
        let mut max_len = 0;
        for (i, d) in divisions.iter().enumerate() {
            for form in std::iter::once(d.name.clone()).chain(short_forms(&d.name, d.level)) {
                let ids = by_form.entry(seq_hash(&form)).or_default();
                if ids.is_empty() {
                    max_len = max_len.max(form.chars().count());
                    forms.push(form);
                }
                ids.push(i as u32);
            }
        }
        Gazetteer {
            divisions,
            by_form,
            forms,
            max_len,
        }
    }

    /// Divisions a surface form may name (several when the name is shared).
    pub fn lookup(&self, form: &str) -> &[u32] {
        self.by_form
            .get(&seq_hash(form))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Every surface form the gazetteer accepts (full and short names).
    pub fn form_keys(&self) -> impl Iterator<Item = &str> {
        self.forms.iter().map(String::as_str)
    }

    /// Whether `form` is the official full name of a division (not a short form).
    pub fn is_full_name(&self, form: &str) -> bool {
        self.lookup(form)
            .iter()
            .any(|&d| self.divisions[d as usize].name == form)
    }

    /// Whether division `a` lies (transitively) inside division `b`.
    pub fn is_inside(&self, a: u32, b: u32) -> bool {
        let mut cur = self.divisions.get(a as usize).and_then(|d| d.parent);
        while let Some(p) = cur {
            if p == b {
                return true;
            }
            cur = self.divisions.get(p as usize).and_then(|d| d.parent);
        }
        false
    }
}

/// The short form of a division name, only where it is unambiguous enough to be used as a name
/// on its own: provinces and prefectures always, counties when at least two characters remain.
pub(super) fn short_form(name: &str, level: Level) -> Option<String> {
    if level == Level::Township {
        return None;
    }
    let stem = DIVISION_SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))?;
    let n = stem.chars().count();
    if n < 2 || (level == Level::County && is_generic(stem)) {
        return None;
    }
    // Ethnic autonomous names: 甘孜藏族自治州 → 甘孜, 黔东南苗族侗族自治州 → 黔东南.
    let mut stem = stem;
    while let Some(rest) = stem.strip_suffix('族') {
        let Some(e) = ETHNIC_GROUPS
            .iter()
            .filter(|e| rest.ends_with(*e))
            .max_by_key(|e| e.len())
        else {
            break;
        };
        stem = &rest[..rest.len() - e.len()];
    }
    (stem.chars().count() >= 2).then(|| stem.to_owned())
}

/// China's 56 ethnic groups as written before `族` in the names of autonomous divisions.
pub(super) const ETHNIC_GROUPS: &[&str] = &[
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
];

/// Every short form of a division name: [`short_form`], and for an autonomous prefecture,
/// county or banner also that form with its level (`延边朝鲜族自治州` → `延边`, `延边州`), and
/// for a special administrative region with `特区` (`香港特区`), as news and officials write them.
pub(super) fn short_forms(name: &str, level: Level) -> Vec<String> {
    let Some(short) = short_form(name, level) else {
        return Vec::new();
    };
    let with_level = ["自治州", "自治县", "自治旗"]
        .iter()
        .find(|s| name.ends_with(*s) && name.contains('族'))
        .and_then(|s| s.chars().nth(2))
        .map(|c| format!("{short}{c}"));
    // `香港特区`: a special administrative region by its short form and `特区`.
    let region = name.ends_with("特别行政区").then(|| format!("{short}特区"));
    std::iter::once(short)
        .chain(with_level)
        .chain(region)
        .collect()
}

/// One-character short forms of countries, continents and China's provinces as news writes
/// them in pairs and set phrases (`中美关系`, `访华`, `粤港澳`, `在京`): the full name each stands
/// for. A character that is ambiguous in news (`巴`: 巴西, 巴基斯坦, 巴勒斯坦) is left out.
pub(super) const ABBREVIATIONS: &[(char, &str)] = &[
    ('中', "中国"),
    ('华', "中国"),
    ('美', "美国"),
    ('日', "日本"),
    ('俄', "俄罗斯"),
    ('英', "英国"),
    ('法', "法国"),
    ('德', "德国"),
    ('意', "意大利"),
    ('韩', "韩国"),
    ('朝', "朝鲜"),
    ('印', "印度"),
    ('以', "以色列"),
    ('埃', "埃及"),
    ('泰', "泰国"),
    ('越', "越南"),
    ('加', "加拿大"),
    ('葡', "葡萄牙"),
    ('墨', "墨西哥"),
    ('欧', "欧洲"),
    ('亚', "亚洲"),
    ('非', "非洲"),
    ('港', "香港"),
    ('澳', "澳门"),
    ('台', "台湾"),
    ('京', "北京"),
    ('沪', "上海"),
    ('津', "天津"),
    ('渝', "重庆"),
    ('粤', "广东"),
    ('闽', "福建"),
    ('浙', "浙江"),
    ('鲁', "山东"),
    ('豫', "河南"),
    ('川', "四川"),
    ('湘', "湖南"),
    ('鄂', "湖北"),
    ('赣', "江西"),
    ('皖', "安徽"),
    ('冀', "河北"),
    ('晋', "山西"),
    ('陕', "陕西"),
    ('甘', "甘肃"),
    ('琼', "海南"),
    ('黔', "贵州"),
    ('滇', "云南"),
    ('桂', "广西"),
    ('藏', "西藏"),
    ('疆', "新疆"),
    ('辽', "辽宁"),
    ('吉', "吉林"),
    ('黑', "黑龙江"),
    ('蒙', "内蒙古"),
];

/// Whether a name is one that a one-character form stands for (`中国`, `日本`, `广东`):
/// a country, continent, province or city named so often that it has one.
pub fn has_short_form(name: &str) -> bool {
    ABBREVIATIONS.iter().any(|(_, full)| *full == name)
}

/// The full name a one-character place form stands for (`美` → 美国), if it is one.
pub fn abbreviation(form: &str) -> Option<&'static str> {
    let mut cs = form.chars();
    let (Some(c), None) = (cs.next(), cs.next()) else {
        return None;
    };
    ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == c)
        .map(|(_, full)| *full)
}
