//! `role`: the chains of titles before a name, the titles after it, lists of names sharing one
//! body, and the body a title's generic head refers back to.

use super::*;

/// The latest titled name of an article, for the names listed after it.
#[derive(Default)]
pub(super) struct ListedName {
    /// Where it ends (0, with nothing to share, before any).
    pub(super) end: usize,
    /// What its last title was of: a bare title listed next is of the same body
    /// (`商务部部长甲、副部长乙`).
    pub(super) carry: Vec<EntityId>,
    /// Its ranks, which a bare name listed next shares (`硕士研究生甲、乙`).
    pub(super) ranks: Vec<(EntityId, String)>,
}

/// Relates a person to the bodies of its titles: the chain before the name, a bare name's
/// share of the name listed before it, the titles after the name, and else the one-character
/// head back-reference of [`role_before`].
pub(super) fn person_roles(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    c: &RoleCtx<'_, '_>,
    k: usize,
    list: &mut ListedName,
    kn: &Knowledge,
) {
    let d = c.d;
    let m = &d.mentions[k];
    let person = c.ids[k];
    let span = |s: usize, e: usize| {
        Some(Span {
            article: d.article.id,
            start: s as u32,
            end: e as u32,
        })
    };
    let role = |b: &mut Builder, t: EntityId, title: &str, ev: Option<Span>| {
        b.relate(person, t, RelationKind::Role, Some(title.to_owned()), ev);
    };
    let listed_after =
        |at: usize, seps: &str| at > 0 && seps.contains(d.chars[at - 1]) && list.end + 1 == at;
    let chain = title_chain(d, m.start);
    let mut found = false;
    let mut carried = Vec::new();
    if chain.first().is_some_and(|s| listed_after(s.body, ",，、")) {
        carried = list.carry.clone();
    }
    let mut ranks = Vec::new();
    if chain.is_empty() && listed_after(m.start, "、") {
        ranks = std::mem::take(&mut list.ranks);
        for (t, title) in &ranks {
            role(b, *t, title, span(m.start - 1, m.end));
        }
    }
    let mut last_carry = Vec::new();
    for seg in chain {
        let mut targets = seg_targets(b, divisions, c, &seg, kn);
        if targets.all.is_empty() {
            targets.all = carried.clone();
            targets.carry = carried.clone();
        }
        let title: String = d.chars[seg.title.0..seg.title.1].iter().collect();
        for &t in &targets.all {
            found = true;
            role(b, t, &title, span(seg.body, m.end));
            if seg.title.1 == m.start && is_shared_rank(&title) {
                ranks.push((t, title.clone()));
            }
        }
        last_carry.clone_from(&targets.carry);
        carried = if seg.joined {
            targets.carry
        } else {
            Vec::new()
        };
    }
    *list = ListedName {
        end: m.end,
        carry: last_carry,
        ranks,
    };
    for group in titles_after(d, m.end) {
        let mut carried: Vec<EntityId> = Vec::new();
        for seg in group {
            let mut targets = seg_targets(b, divisions, c, &seg, kn);
            if targets.all.is_empty() {
                targets.all = carried.clone();
            }
            let title: String = d.chars[seg.title.0..seg.title.1].iter().collect();
            for &t in &targets.all {
                found = true;
                role(b, t, &title, span(m.start, seg.title.1));
            }
            carried = if seg.joined {
                targets.carry
            } else {
                Vec::new()
            };
        }
    }
    if !found {
        if let Some((org, title, ev_start)) = role_before(d, k) {
            role(b, c.ids[org], &title, span(ev_start, m.end));
        }
    }
}

/// Titles roles need beyond the lexicon's (which also drive name recognition): academic,
/// diplomatic and spokesperson titles, committee membership, `负责人`.
pub(super) const ROLE_TITLES: &[&str] = &[
    "主任委员",
    "常委",
    "成员",
    "院士",
    "教授",
    "研究员",
    "特派员",
    "新闻发言人",
    "发言人",
    "议长",
    "司长",
    "总统",
    "总理",
    "首相",
    "行政长官",
    "负责人",
    "首席专家",
    "网格员",
    "老师",
    "干部",
    "代表",
    "公诉人",
    "检察官",
    "法官",
    "审判员",
    "硕士研究生",
    "博士研究生",
    "研究生",
    "博士生",
];

/// The length of the title at `i`: the lexicon's, or modifiers and one of [`ROLE_TITLES`]; a
/// leading word of when the post was held (`原`, `新任`) belongs to the title.
pub(super) fn title_at(chars: &[char], i: usize) -> usize {
    // `原`, `前` (former), `新`, `新任`, `时任`, `现任`, `卸任`: when one held the post.
    if let Some(q) = ["新任", "时任", "现任", "卸任", "原", "前", "新"]
        .iter()
        .find(|q| lexicon::starts_with_at(chars, i, q))
    {
        let k = q.chars().count();
        let n = title_at(chars, i + k);
        // `新闻发言人` is a title of its own, not `新` + `闻发言人`.
        if n > 0 {
            return n + k;
        }
    }
    // Every start after the modifiers counts: `首席` opens `首席专家` as well as `首席` + a title.
    let mut starts = vec![i];
    let mut j = i;
    while let Some(m) = ["常务副", "副", "党组", "党委", "首席"]
        .iter()
        .find(|m| lexicon::starts_with_at(chars, j, m))
    {
        j += m.chars().count();
        starts.push(j);
    }
    let extra = (starts.iter())
        .flat_map(|&j| {
            (ROLE_TITLES.iter())
                .filter(move |t| lexicon::starts_with_at(chars, j, t))
                .map(move |t| j - i + t.chars().count())
        })
        .max()
        .unwrap_or(0);
    lexicon::title_len_at(chars, i).max(extra)
}

/// Whether a title is a rank many hold at once (`硕士研究生`, `教授`, `委员`), which a name
/// listed bare after its holder shares, unlike a post one holds (`县委书记甲、乙`).
pub(super) fn is_shared_rank(title: &str) -> bool {
    const RANKS: &[&str] = &[
        "研究生",
        "博士生",
        "教授",
        "老师",
        "院士",
        "委员",
        "常委",
        "代表",
        "成员",
        "干部",
        "网格员",
        "研究员",
        "专家",
    ];
    RANKS.iter().any(|r| title.ends_with(r))
}

/// The level word of a title that heads a place (`副县长` → `县`): its body is the place.
pub(super) fn place_title_level(title: &str) -> Option<&'static str> {
    const HEADS: [(&str, &str); 8] = [
        ("省长", "省"),
        ("市长", "市"),
        ("县长", "县"),
        ("区长", "区"),
        ("州长", "自治州"),
        ("旗长", "旗"),
        ("镇长", "镇"),
        ("乡长", "乡"),
    ];
    let head = title
        .trim_start_matches(['原', '前', '新'])
        .trim_start_matches("新任")
        .trim_start_matches("时任")
        .trim_start_matches("现任")
        .trim_start_matches("卸任")
        .trim_start_matches("常务")
        .trim_start_matches('副');
    HEADS.iter().find(|(h, _)| *h == head).map(|(_, l)| *l)
}

/// One title of the chain before a name (`甲区委书记、乙开发区党工委书记(兼)张三`).
pub(super) struct TitleSeg {
    /// Where its body (organisations or places before the title, maybe none) starts.
    pub(super) body: usize,
    /// The title's chars.
    pub(super) title: (usize, usize),
    /// Joined to the next title by `、`/`兼`: a next title without body shares this one's.
    pub(super) joined: bool,
}

/// What may stand before a title of a chain other than the one next to the name.
pub(super) const CHAIN_BOUNDARY: &str = ",，、:：;；。\n (（";

/// The titles written before the name starting at `name`, left to right. The title next to the
/// name may follow anything; the others are whole items of a `、`/comma list of titles.
pub(super) fn title_chain(d: &Doc<'_, '_>, name: usize) -> Vec<TitleSeg> {
    let chars = &d.chars;
    let mut segs: Vec<TitleSeg> = Vec::new();
    let mut pos = name;
    let mut joined = false;
    while segs.len() < 8 {
        let mut end = pos;
        for c in ["(兼)", "（兼）"] {
            if lexicon::ends_with_at(chars, end, c) {
                end -= 3;
            }
        }
        let Some(t) = (end.saturating_sub(10)..end).find(|&t| title_at(chars, t) == end - t) else {
            // `中国科学院院士、理论物理学家孙某`: a profession in a `、` list is skipped.
            match descriptor_start(chars, end) {
                Some(s) if s > 0 && chars[s - 1] == '、' => {
                    pos = s - 1;
                    joined = false;
                    continue;
                }
                _ => break,
            }
        };
        let t = organ_of_body(d, t, end);
        let body = body_start(d, t, end);
        let body = qualified_after_jian(chars, body).unwrap_or(body);
        // A `、` list of titles before a name is one chain wherever it starts; after a comma
        // the item must be whole (not `他曾任县委书记,县长王五`).
        // A quotation that ends a sentence (`…探索。”`) ends it too.
        let quote_closed =
            body > 1 && "”’」".contains(chars[body - 1]) && "。！？".contains(chars[body - 2]);
        if !segs.is_empty()
            && !joined
            && body > 0
            && !CHAIN_BOUNDARY.contains(chars[body - 1])
            && !quote_closed
        {
            break;
        }
        segs.push(TitleSeg {
            body,
            title: (t, end),
            joined,
        });
        if body == 0 || !",，、兼".contains(chars[body - 1]) {
            break;
        }
        joined = matches!(chars[body - 1], '、' | '兼');
        pos = body - 1;
    }
    segs.reverse();
    segs
}

/// `副部长兼国际贸易谈判副代表`: a title held jointly (`兼`) may carry an unnamed qualifier of
/// a few characters; the qualifier is part of that title, which joins the one before `兼`.
pub(super) fn qualified_after_jian(chars: &[char], body: usize) -> Option<usize> {
    let k = (body.saturating_sub(9)..body.saturating_sub(1))
        .rev()
        .find(|&k| chars[k] == '兼')?;
    chars[k + 1..body]
        .iter()
        .all(|&c| is_han(c) && !"的和与及在".contains(c))
        .then_some(k + 1)
}

/// Where a profession written before a name starts (`理论物理学家`, `青年作家`): a few
/// characters ending in `家`.
pub(super) fn descriptor_start(chars: &[char], end: usize) -> Option<usize> {
    if end < 3 || chars[end - 1] != '家' {
        return None;
    }
    (end.saturating_sub(7)..end - 2)
        .find(|&s| chars[s..end - 1].iter().all(|&c| is_han(c)))
        .filter(|&s| s == 0 || !is_han(chars[s - 1]))
}

/// Where a place's name ends together with a `特区`/`特别行政区` written after it (`香港特区`).
pub(super) fn region_end(chars: &[char], end: usize) -> usize {
    ["特别行政区", "特区"]
        .iter()
        .find(|x| lexicon::starts_with_at(chars, end, x))
        .map_or(end, |x| end + x.chars().count())
}

/// Party organs a title may open with (`党委副书记`).
pub(super) const ORGANS: &[&str] = &["党工委", "党委", "党组", "纪委", "党支部", "党总支"];

/// Moves a title's start past a party organ that belongs to its body: after a place
/// (`龙城社区` + `党支部` + `书记`) or a level word (`乡` + `党委` + `副书记`) the organ is the
/// place's, and the body is that organ.
pub(super) fn organ_of_body(d: &Doc<'_, '_>, t: usize, end: usize) -> usize {
    let chars = &d.chars;
    let Some(organ) = ORGANS.iter().find(|o| lexicon::starts_with_at(chars, t, o)) else {
        return t;
    };
    let after = t + organ.chars().count();
    let place_before = d
        .ending_at(t)
        .iter()
        .any(|&j| d.mentions[j].kind == EntityKind::Place);
    let level_before = t > 0
        && "省市县区镇乡旗".contains(chars[t - 1])
        && (t == 1 || GENERIC_BEFORE.contains(chars[t - 2]));
    if (place_before || level_before) && title_at(chars, after) == end - after {
        after
    } else {
        t
    }
}

/// The `、` lists of titles written after the name ending at `name_end`: in brackets
/// (`陈某(甲厅乙处处长)`), and the whole items of a profile that opens a sentence with the name
/// (`葛某，1938年生，中国科学院院士，南开大学教授。`, `张某，甲县县长，…`).
pub(super) fn titles_after(d: &Doc<'_, '_>, name_end: usize) -> Vec<Vec<TitleSeg>> {
    let chars = &d.chars;
    let whole = |a: usize, z: usize| {
        let segs: Vec<TitleSeg> = title_chain(d, z)
            .into_iter()
            .filter(|s| s.body >= a)
            .collect();
        segs.first().is_some_and(|s| s.body == a).then_some(segs)
    };
    let Some(&open) = chars.get(name_end) else {
        return Vec::new();
    };
    if "(（".contains(open) {
        let close =
            (name_end + 1..chars.len().min(name_end + 40)).find(|&i| ")）".contains(chars[i]));
        return close
            .and_then(|z| whole(name_end + 1, z))
            .into_iter()
            .collect();
    }
    let name_start = d
        .ending_at(name_end)
        .iter()
        .map(|&j| &d.mentions[j])
        .find(|m| m.kind == EntityKind::Person)
        .map_or(name_end, |m| m.start);
    if let Some(a) = appointed_from(chars, name_start, name_end) {
        // The post runs to the clause's end or to `职务` (`免去其…厅长职务`).
        let z = (a..chars.len().min(a + 40))
            .find(|&i| {
                "，,；;。、\n".contains(chars[i]) || lexicon::starts_with_at(chars, i, "职务")
            })
            .unwrap_or(chars.len().min(a + 40));
        return whole(a, z).into_iter().collect();
    }
    let opens = name_start == 0 || "。\n！？".contains(chars[name_start - 1]);
    if !opens || !",，".contains(open) {
        return Vec::new();
    }
    let end = (name_end..chars.len())
        .find(|&i| "。\n！？；;".contains(chars[i]))
        .unwrap_or(chars.len());
    let mut out = Vec::new();
    let mut a = name_end + 1;
    for z in (a..=end).filter(|&i| i == end || ",，".contains(chars[i])) {
        out.extend(whole(a, z));
        a = z + 1;
    }
    out
}

/// Where the post starts in an appointment written after the name: `张伟任…`, `…担任…`,
/// `当选为…`, and after an appointing verb before the name `任命张伟为…`, `免去王强的…`.
fn appointed_from(chars: &[char], name_start: usize, name_end: usize) -> Option<usize> {
    const AFTER: &[&str] = &["担任", "出任", "兼任", "当选为", "当选", "任"];
    const APPOINTING: &[&str] = &["任命", "提名", "免去", "推选", "选举", "聘任", "决定"];
    if let Some(v) = AFTER
        .iter()
        .find(|v| lexicon::starts_with_at(chars, name_end, v))
    {
        return Some(name_end + v.chars().count());
    }
    let appointed = APPOINTING
        .iter()
        .any(|v| lexicon::ends_with_at(chars, name_start, v));
    (appointed && "为的".contains(*chars.get(name_end)?)).then_some(name_end + 1)
}

/// Chars that may stand right before an institution written by level alone (`由县委书记`), so
/// that `区党支部` inside `社区党支部` is none.
pub(super) const GENERIC_BEFORE: &str = ",，、:：;；。\n (（由在任为和与及的是原";

/// Where the body of the title `t..end` starts: organisation and place mentions ending at it
/// (or inside it, `龙山街道党工委` + `书记`), an institution written by level alone (`区政府`),
/// and a leading `中共`.
pub(super) fn body_start(d: &Doc<'_, '_>, t: usize, end: usize) -> usize {
    let chars = &d.chars;
    let named = |m: &&Mention| matches!(m.kind, EntityKind::Organisation | EntityKind::Place);
    let mut cur = d.mentions[d.around(t)]
        .iter()
        .filter(named)
        .filter(|m| m.start < t && m.end > t && m.end < end)
        .map(|m| m.start)
        .min()
        .unwrap_or(t);
    loop {
        // Ending at `cur`, or before a region word ending there (`澳门` + `特别行政区`).
        let ends = ["", "特区", "特别行政区"]
            .iter()
            .filter_map(|w| cur.checked_sub(w.chars().count()));
        let next = ends
            .flat_map(|e| d.ending_at(e).iter().map(|&j| &d.mentions[j]))
            .filter(named)
            .filter(|m| m.start < cur && (m.end == cur || region_end(chars, m.end) == cur))
            .map(|m| m.start)
            .min()
            .or_else(|| {
                (2..=8.min(cur)).rev().map(|n| cur - n).find(|&s| {
                    let text: String = chars[s..cur].iter().collect();
                    generic_institution(&text).is_some()
                        && (s == 0 || GENERIC_BEFORE.contains(chars[s - 1]))
                })
            })
            .or_else(|| {
                // A place and a body's tail (`渝中区` + `委`, `吉林省` + `政府`).
                let mut near: Vec<usize> = (cur.saturating_sub(6)..cur)
                    .flat_map(|e| d.ending_at(e).iter().copied())
                    .collect();
                near.sort_unstable();
                near.into_iter()
                    .map(|j| &d.mentions[j])
                    .filter(|m| m.kind == EntityKind::Place && m.end < cur && m.end + 6 >= cur)
                    .find(|m| {
                        let tail: String = chars[m.end..cur].iter().collect();
                        generic_institution(&format!("县{tail}")).is_some()
                    })
                    .map(|m| m.start)
            })
            .or_else(|| lexicon::ends_with_at(chars, cur, "中共").then(|| cur - 2));
        match next {
            Some(s) => cur = s,
            None => return cur,
        }
    }
}

/// What the role resolution reads of the article being linked.
pub(super) struct RoleCtx<'a, 'b> {
    pub(super) d: &'a Doc<'a, 'b>,
    pub(super) ids: &'a [EntityId],
    pub(super) places: &'a [PlaceRef],
}

/// The entity of a place found by [`level_place`], made when the place is named only inside an
/// organisation's name (`吉林省` in `吉林省委`).
pub(super) fn place_entity(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    aid: ArticleId,
    p: &PlaceRef,
    kn: &Knowledge,
) -> Option<EntityId> {
    if p.id.is_some() {
        return p.id;
    }
    let div = p.div?;
    if let Some(&id) = b.keys.get(&Key::Division(div)) {
        return Some(id);
    }
    if p.end == p.start {
        return None;
    }
    let id = b.entity(Key::Division(div), EntityKind::Place, &p.label, kn);
    divisions.insert(id, div);
    b.entities[id.index()].mentions.push(Span {
        article: aid,
        start: p.start as u32,
        end: p.end as u32,
    });
    Some(id)
}

/// An organisation the mention layer missed but a title's body names (`中共渝中区委`), or the
/// canonical one of an institution written by level alone (`区政府` → `南岸区政府`).
pub(super) fn body_org(
    b: &mut Builder,
    aid: ArticleId,
    name: &str,
    text: &str,
    at: usize,
    kn: &Knowledge,
) -> EntityId {
    let kind = EntityKind::Organisation;
    let id = b.entity(Key::Name(kind, org_core(name, kn)), kind, name, kn);
    b.entities[id.index()].mentions.push(Span {
        article: aid,
        start: at as u32,
        end: (at + text.chars().count()) as u32,
    });
    b.surfaces[id.index()].entry(name.to_owned()).or_default();
    *b.surfaces[id.index()].entry(text.to_owned()).or_default() += 1;
    id
}

/// The entities a title of a chain links its person to: the organisations ending at or inside
/// the title, else a place right before it, else an organisation built from the body's text;
/// and the place itself for place heads (`区长`) and for leading bodies written by level alone
/// (a `县委书记` leads the county, whether or not `县委` is named).
pub(super) fn seg_targets(
    b: &mut Builder,
    divisions: &mut BTreeMap<EntityId, u32>,
    c: &RoleCtx<'_, '_>,
    seg: &TitleSeg,
    kn: &Knowledge,
) -> Targets {
    let d = c.d;
    let aid = d.article.id;
    let (t, end) = seg.title;
    let title: String = d.chars[t..end].iter().collect();
    let mut level = place_title_level(&title);
    let mut out: Vec<EntityId> = Vec::new();
    let mut carry: Vec<EntityId> = Vec::new();
    for j in d.starting_in(seg.body, t) {
        let m = &d.mentions[j];
        if m.kind != EntityKind::Organisation || m.start < seg.body || m.start >= t {
            continue;
        }
        if m.end == t {
            carry.push(c.ids[j]);
        } else if m.end > t && m.end < end {
            // `X集团党委` + `党委书记`: the title holder leads X集团's 党委 and so X集团 too;
            // a title listed next (`、董事长`) is X集团's.
            match organ_parent(d, m, t) {
                Some(Ok(place)) => carry.push(c.ids[place]),
                Some(Err(parent)) => carry.push(body_org(b, aid, &parent, &parent, m.start, kn)),
                None => carry.push(c.ids[j]),
            }
        } else {
            continue;
        }
        out.push(c.ids[j]);
        let s: String = d.chars[m.start..m.end].iter().collect();
        if let Some((lv, rest)) = generic_institution(&s) {
            if LEADING_BODIES.contains(&rest) {
                level = level.or(Some(lv));
            }
        }
    }
    out.extend(carry.iter().copied());
    if out.is_empty() {
        if let Some(j) = d.starting_in(seg.body, t).find(|&j| {
            let m = &d.mentions[j];
            m.kind == EntityKind::Place && m.start >= seg.body && region_end(&d.chars, m.end) == t
        }) {
            return Targets {
                all: vec![c.ids[j]],
                carry: vec![c.ids[j]],
            };
        }
    }
    if out.is_empty() && seg.body < t {
        let text: String = d.chars[seg.body..t].iter().collect();
        if let Some((lv, rest)) = generic_institution(&text) {
            if let Some(p) = level_place(c.places, lv, seg.body, kn) {
                out.push(body_org(b, aid, &(p.label + rest), &text, seg.body, kn));
                if LEADING_BODIES.contains(&rest) {
                    level = level.or(Some(lv));
                }
            }
        } else if let Some(p) = c
            .places
            .iter()
            .rev()
            .find(|p| p.id.is_some() && p.start >= seg.body && p.end < t && p.end + 6 >= t)
        {
            // `中共` + place + a committee or government tail.
            let tail: String = d.chars[p.end..t].iter().collect();
            if generic_institution(&format!("县{tail}")).is_some() {
                let id = body_org(b, aid, &text, &text, seg.body, kn);
                let ev = Span {
                    article: aid,
                    start: seg.body as u32,
                    end: t as u32,
                };
                if let Some(pid) = p.id {
                    b.relate(id, pid, RelationKind::Within, None, Some(ev));
                }
                out.push(id);
            }
        }
    }
    if let Some(lv) = level {
        if let Some(p) = level_place(c.places, lv, t, kn) {
            out.extend(place_entity(b, divisions, aid, &p, kn));
        }
    }
    out.sort();
    out.dedup();
    if carry.is_empty() {
        carry = out.clone();
    }
    Targets { all: out, carry }
}

/// The body whose party organ an organisation mention running into its title is
/// (`国家文物局党组` + `党组成员` → `国家文物局`): a place mention of that text, else the text
/// when it ends in an organisation head.
pub(super) fn organ_parent(
    d: &Doc<'_, '_>,
    m: &Mention,
    t: usize,
) -> Option<Result<usize, String>> {
    let organ = lexicon::ORG_SUFFIXES.iter().any(|x| {
        lexicon::ends_with_at(&d.chars, m.end, x) && lexicon::starts_with_at(&d.chars, t, x)
    });
    if !organ || t < m.start + 2 {
        return None;
    }
    if let Some(j) = d.starting_in(m.start, m.start + 1).find(|&j| {
        let p = &d.mentions[j];
        p.kind == EntityKind::Place && p.start == m.start && p.end == t
    }) {
        return Some(Ok(j));
    }
    let parent: String = d.chars[m.start..t].iter().collect();
    lexicon::ORG_SUFFIXES
        .iter()
        .any(|x| parent.ends_with(x))
        .then_some(Err(parent))
}

/// The bodies that lead a place (its committee, government, congress and conference): a
/// title in one written by level alone (`县委书记`, `省人大常委会主任`) is the place's too,
/// unlike one in a department (`区委宣传部部长`).
pub(super) const LEADING_BODIES: &[&str] = &[
    "委",
    "党委",
    "党工委",
    "政府",
    "人民政府",
    "人大常委会",
    "政协",
];

/// What a title links its person to, and what a next title of a `、` list shares.
pub(super) struct Targets {
    pub(super) all: Vec<EntityId>,
    pub(super) carry: Vec<EntityId>,
}

/// `[org][title][person]`: the organisation and title right before a person mention, or a title
/// after a bare organisation head (`局党委书记`) that refers back to the article's latest
/// organisation with that head.
pub(super) fn role_before(d: &Doc<'_, '_>, k: usize) -> Option<(usize, String, usize)> {
    let p = &d.mentions[k];
    let chars = &d.chars;
    for t_start in p.start.saturating_sub(8)..p.start {
        if lexicon::title_len_at(chars, t_start) != p.start - t_start {
            continue;
        }
        let title: String = chars[t_start..p.start].iter().collect();
        // The organisation ending where the title starts, or inside its party-organ prefix
        // (`龙山街道党工委` + `副书记` under the title `党工委副书记`).
        let org = d
            .around(t_start)
            .filter(|&j| {
                let o = &d.mentions[j];
                o.kind == EntityKind::Organisation
                    && o.start < t_start
                    && o.end >= t_start
                    && o.end < p.start
            })
            .min_by_key(|&j| (std::cmp::Reverse(d.mentions[j].end), d.mentions[j].start));
        if let Some(j) = org {
            return Some((j, title, d.mentions[j].start));
        }
        // `公司董事长`, `该医院院长`: a generic head standing for the latest organisation
        // named before with that head.
        if let Some(j) = generic_head_before(d, k, t_start) {
            return Some((j, title, t_start - 2));
        }
        // `局党委书记`: a one-char head standing for the organisation named before.
        if t_start > 0 {
            let head = chars[t_start - 1];
            if "局委部厅院所社".contains(head) && d.ending_at(t_start).is_empty() {
                let j = d.last_org_ending_in(head, k)?;
                return Some((j, title, t_start - 1));
            }
        }
        return None;
    }
    None
}

/// The organisation a generic two-character head before a title refers back to: `公司` (alone
/// after a clause boundary, or after `该`/`本`) stands for the latest organisation before the
/// person `k` whose name ends in that head (`…科技有限公司` … `公司董事长王某`).
pub(super) fn generic_head_before(d: &ArticleMentions<'_>, k: usize, t: usize) -> Option<usize> {
    const HEADS: &[&str] = &[
        "公司", "集团", "医院", "学校", "大学", "学院", "银行", "协会",
    ];
    let chars = &d.chars;
    let head = HEADS.iter().find(|h| lexicon::ends_with_at(chars, t, h))?;
    let s = t - 2;
    let alone = s == 0 || !is_han(chars[s - 1]) || "该本".contains(chars[s - 1]);
    if !alone || d.mentions.iter().any(|m| m.end == t) {
        return None;
    }
    // The latest few hundred mentions: a reference reaches back a few paragraphs, and an
    // article of thousands of such titles stays linear.
    (k.saturating_sub(300)..k).rev().find(|&j| {
        let m = &d.mentions[j];
        m.kind == EntityKind::Organisation
            && m.end <= s
            && chars[m.start..m.end]
                .iter()
                .collect::<String>()
                .ends_with(head)
    })
}
