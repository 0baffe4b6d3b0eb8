//! Merge keys and official names: an organisation's or programme's core name (without the
//! province, legal form, quotation marks or party organ), and which division a place form names.

use super::*;

pub(super) const LEGAL_SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "公司",
];

/// The byte length of the official division name (`长沙市`, not a short form) that opens `s`.
pub(super) fn leading_place_len(s: &str, kn: &Knowledge) -> Option<usize> {
    let g = &kn.gazetteer;
    (2..=8).rev().find_map(|n| {
        let (idx, _) = s.char_indices().nth(n)?;
        g.is_full_name(&s[..idx]).then_some(idx)
    })
}

/// A name without the larger places of a chain that opens it, as long as another place
/// follows them (`长沙市岳麓区教育局` → `岳麓区教育局`; `隆昌市水利局` stays).
pub(super) fn without_place_chain<'a>(mut name: &'a str, kn: &Knowledge) -> &'a str {
    while let Some(rest) = leading_place_len(name, kn)
        .map(|i| &name[i..])
        .filter(|r| r.chars().count() >= 4 && leading_place_len(r, kn).is_some())
    {
        name = rest;
    }
    name
}

/// The merge key of an organisation name: without a leading province name and a trailing legal
/// form, so `陕西陕煤黄陵矿业有限公司` and `陕煤黄陵矿业` meet, but `隆昌市水利局` and
/// `宜宾市水利局` stay apart.
pub(super) fn org_core(name: &str, kn: &Knowledge) -> String {
    let g = &kn.gazetteer;
    let unquoted = name.replace(['“', '”'], "");
    let name = unquoted.as_str();
    // `中共渝中区委` and `渝中区委` are one committee.
    let mut core = name
        .strip_prefix("中共")
        .filter(|r| r.chars().count() >= 3)
        .unwrap_or(name);
    for n in (2..=4).rev() {
        let Some((idx, _)) = core.char_indices().nth(n) else {
            continue;
        };
        let head = &core[..idx];
        let province = g
            .lookup(head)
            .iter()
            .any(|&d| g.divisions[d as usize].level == Level::Province);
        // `广东省人大常委会` and `海南省人大常委会` are two bodies: only a company keeps its
        // identity without its province (`陕西陕煤黄陵矿业` = `陕煤黄陵矿业`).
        let public_body = !["公司", "集团", "厂", "矿业", "银行"]
            .iter()
            .any(|x| core.ends_with(x));
        if province && !public_body && core[idx..].chars().count() >= 4 {
            core = &core[idx..];
            break;
        }
    }
    // `长沙市岳麓区教育局` and `岳麓区教育局` are one office.
    core = without_place_chain(core, kn);
    for s in LEGAL_SUFFIXES {
        if let Some(stem) = core.strip_suffix(s) {
            if stem.chars().count() >= 3 {
                core = stem;
                break;
            }
        }
    }
    // Courts, procuratorates and governments are written with and without `人民`
    // (`郧西县人民法院`, `郧西县法院`): one body.
    let short_form;
    if let Some((stem, head)) = ["法院", "检察院", "政府"].iter().find_map(|h| {
        let stem = core.strip_suffix(h)?.strip_suffix("人民")?;
        (stem.chars().count() >= 2).then_some((stem, h))
    }) {
        short_form = format!("{stem}{head}");
        core = &short_form;
    }
    // The party committee of a company or an office is that body in the graph
    // (`某铁路投资集团党委`, `国家文物局党组`); a place's committee (`区委`) or a community's
    // branch (`龙城社区党支部`) is a body of its own.
    if let Some(body) = without_party_organ(core) {
        core = body;
    }
    // A paper and the house that publishes it are one name (`人民日报社` = `人民日报`).
    if let Some(paper) = core
        .strip_suffix('社')
        .filter(|p| (p.ends_with('报') || p.ends_with("杂志")) && p.chars().count() >= 3)
    {
        core = paper;
    }
    // A club is written with and without `队` (`上海申花队` = `上海申花`); a country's, a
    // province's or a school's team is not the country, the province or the school.
    if let Some(club) = core.strip_suffix('队').filter(|c| {
        let chars: Vec<char> = c.chars().collect();
        chars.len() >= 4
            && !lexicon::ends_in_org_head(&chars, chars.len())
            && kn.words().part_of_speech(&chars) != Some(b's')
            && g.lookup(c).is_empty()
            && !lexicon::has_short_form(c)
    }) {
        core = club;
    }
    core.to_owned()
}

/// A company's or an office's name without the party organ written after it.
pub(super) fn without_party_organ(name: &str) -> Option<&str> {
    const BODIES: &[&str] = &[
        "集团", "公司", "股份", "局", "厅", "署", "部", "银行", "大学", "学院", "医院",
    ];
    ["党委", "党组", "党总支"]
        .iter()
        .find_map(|o| name.strip_suffix(o))
        .filter(|b| b.chars().count() >= 3 && BODIES.iter().any(|x| b.ends_with(x)))
}

/// The merge key of a programme: the quoted or titled name inside its marks (`“九度”社区建设`
/// and `“九度”` meet).
pub(super) fn programme_core(name: &str) -> String {
    let inner = |o: char, c: char| {
        let s = name.find(o)? + o.len_utf8();
        let e = name[s..].find(c)? + s;
        Some(name[s..e].to_owned())
    };
    inner('“', '”')
        .or_else(|| inner('《', '》'))
        .unwrap_or_else(|| name.to_owned())
}

/// Picks the division a place form names: the only candidate, else the one whose ancestor or
/// descendant is named elsewhere in the corpus.
pub(super) fn pick_division(form: &str, context: &BTreeSet<u32>, kn: &Knowledge) -> Option<u32> {
    let g = &kn.gazetteer;
    let ids = g.lookup(form);
    match ids {
        [] => None,
        [one] => Some(*one),
        many => many.iter().copied().find(|&d| {
            context
                .iter()
                .any(|&c| c != d && (g.is_inside(d, c) || g.is_inside(c, d)))
        }),
    }
}

/// The official place name an organisation's name starts with (`吉林省` in `吉林省委`), with
/// its division as [`pick_division`] chooses it in `context` (a name that many divisions share,
/// `东城街道`, names none of them without one: the place is then the name's own entity).
pub(super) fn leading_division(
    name: &str,
    context: &BTreeSet<u32>,
    kn: &Knowledge,
) -> Option<(String, u32)> {
    let g = &kn.gazetteer;
    let chars: Vec<char> = name.chars().collect();
    (2..chars.len().min(g.max_len + 1)).rev().find_map(|n| {
        let form: String = chars[..n].iter().collect();
        if !g.is_full_name(&form) {
            return None;
        }
        pick_division(&form, context, kn).map(|div| (form, div))
    })
}
