//! Institutions written by level alone (`区委`, `县政府`): which named place each stands for.

use super::*;

/// A place named in an article, for resolving institutions written by level alone.
#[derive(Clone)]
pub(super) struct PlaceRef {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Its entity, when the place is one (not only the ancestor of one).
    pub(super) id: Option<EntityId>,
    pub(super) label: String,
    pub(super) div: Option<u32>,
}

/// Words for a level of government that open an institution written generically, longest
/// first (`区委`, `县政府`, `自治区教育厅`, `街道党工委`).
pub(super) const LEVEL_WORDS: &[&str] = &[
    "自治区",
    "自治州",
    "街道",
    "省",
    "市",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
];

/// `区委宣传部` → (`区`, `委宣传部`): an institution named by its level of government alone.
pub(super) fn generic_institution(s: &str) -> Option<(&'static str, &str)> {
    // Robust to a separator the mention layer left at the start (`,乡党委`).
    let s = s.trim_start_matches(|c| ",，、;；:：".contains(c));
    let (level, rest) = LEVEL_WORDS
        .iter()
        .find_map(|l| s.strip_prefix(l).map(|r| (*l, r)))?;
    let first = rest.chars().next()?;
    // `市场监管局`, `乡村学校`, `县级医院`, `区域中心` are no level's institutions.
    if "场民域级村城属直内外".contains(first) || rest.chars().count() > 8 {
        return None;
    }
    let org_end = rest.ends_with("常委会")
        || lexicon::ORG_SUFFIXES
            .iter()
            .any(|x| rest.ends_with(x) && *x != "所" && *x != "社");
    org_end.then_some((level, rest))
}

/// Whether a place is of the level a level word names (`南岸区` for `区`); gazetteer levels
/// but `县` need a gazetteer division, so that `经开区` is no `区`.
pub(super) fn of_level(label: &str, div: Option<u32>, level: &str) -> bool {
    // A `县` keeps its name when it becomes a `市` (`平果县`, now 平果市): any `X县` is one.
    let gazetteer_level = !matches!(level, "街道" | "镇" | "乡" | "县");
    if (gazetteer_level && div.is_none()) || (level == "区" && label.ends_with("自治区")) {
        return false;
    }
    label.ends_with(level) && label.chars().count() > level.chars().count()
}

/// The place a level word stands for at `pos`: the nearest such place named before it, else
/// after it, else an ancestor of that level of a place the article names (`自治区` in an article
/// on a Guangxi county; then without entity or span).
pub(super) fn level_place(
    places: &[PlaceRef],
    level: &str,
    pos: usize,
    kn: &Knowledge,
) -> Option<PlaceRef> {
    let fits = |p: &&PlaceRef| of_level(&p.label, p.div, level);
    let named = places
        .iter()
        .filter(|p| p.start < pos)
        .filter(fits)
        .max_by_key(|p| p.start)
        .or_else(|| places.iter().filter(|p| p.start >= pos).find(fits));
    if let Some(p) = named {
        return Some(p.clone());
    }
    let g = &kn.gazetteer;
    places.iter().filter_map(|p| p.div).find_map(|d| {
        let mut cur = g.divisions[d as usize].parent;
        while let Some(a) = cur {
            let name = &g.divisions[a as usize].name;
            if of_level(name, Some(a), level) {
                return Some(PlaceRef {
                    start: 0,
                    end: 0,
                    id: None,
                    label: name.clone(),
                    div: Some(a),
                });
            }
            cur = g.divisions[a as usize].parent;
        }
        None
    })
}

/// An organisation's name with a generic level word replaced by the place it stands for
/// (`区委` → `南岸区委`); other names as they are.
pub(super) fn canonical_org(places: &[PlaceRef], name: &str, pos: usize, kn: &Knowledge) -> String {
    generic_institution(name)
        .and_then(|(lv, rest)| Some(level_place(places, lv, pos, kn)?.label + rest))
        .unwrap_or_else(|| name.to_owned())
}
