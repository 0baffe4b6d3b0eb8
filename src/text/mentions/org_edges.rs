//! Where an organisation's name ends: what the recogniser and the prefix rules take in around
//! a name (event verbs, members, adverbs, counts, category words, titles) is cut off.

use super::*;

/// Verbs of events between organisations, which no organisation's name contains: a span
/// across one (`甲区政协联合乙小学`, `长春会见德国吉林商会`) is two names and a verb.
pub(super) const EVENT_VERBS: &[&str] = &[
    "联合", "会见", "会同", "签署", "部署", "携手", "率队", "走访", "看望", "慰问", "召开", "举办",
    "开展", "组织", "邀请", "设立", "成立", "筹建", "落户", "投建",
];

/// The verbs of [`EVENT_VERBS`] that set a body up: what follows is usually the thing set up,
/// not a name (`在杭州市设立新中心`), unless a place opens it (`成立青山县志愿者协会`).
const SETTING_UP: &[&str] = &["设立", "成立", "筹建", "落户", "投建"];

/// Adverbs of how or when something is done, which no organisation's name contains: a span
/// across one (`漯河市纪委严肃查处`, `河南省认真贯彻中央纪委`) is a name and a clause.
const CLAUSE_ADVERBS: &[&str] = &[
    "认真",
    "切实",
    "严肃",
    "积极",
    "大力",
    "进一步",
    "坚决",
    "严格",
    "及时",
    "上述",
    "直至",
    "努力",
    "全力",
    "主动",
    "广泛",
    "不断",
    "已经",
    "正在",
    "相继",
    "先后",
    "随即",
    "分别",
];

/// Words for people that the recogniser takes into an organisation's name (`…统战部干部`).
pub(super) const MEMBERS: &[&str] = &["干部", "职工", "党员", "员工", "民警", "师生"];

/// Cuts an organisation span at an event verb (the name after it stands, if it ends like one;
/// otherwise nothing does) and drops its members' word from its end.
pub(super) fn trim_organisation(chars: &[char], m: &mut Mention, kn: &Knowledge) {
    for w in MEMBERS {
        if m.end - m.start > w.chars().count() + 2 && lexicon::ends_with_at(chars, m.end, w) {
            m.end -= w.chars().count();
        }
    }
    let verb_at = event_verb_at(chars, m);
    // `…区工委主委`: a title at the end belongs to the person after it, when what is left
    // ends like an organisation.
    if let Some(k) = (m.start + 3..m.end.saturating_sub(1)).find(|&k| {
        lexicon::title_len_at(chars, k) == m.end - k && lexicon::ends_in_org_head(chars, k)
    }) {
        m.end = k;
    }
    // `十三届全国人大`: the session number before a body names a session, not the body.
    let span = &chars[m.start..m.end];
    let k = usize::from(span.first() == Some(&'第'));
    let digits = span[k..]
        .iter()
        .take_while(|c| "一二三四五六七八九十百".contains(**c))
        .count();
    // The body's own name, at least two characters, follows `届` inside the span.
    if digits > 0 && span.get(k + digits) == Some(&'届') && span.len() >= k + digits + 3 {
        m.start += k + digits + 1;
    }
    if !cut_at_clause_adverb(chars, m, kn) {
        return;
    }
    // `儋州市多家医院`, `两家出版社`: a count of bodies is no body's name.
    if (m.start..m.end.saturating_sub(1))
        .any(|i| "多几各数两三四五六七八九十".contains(chars[i]) && "家所个".contains(chars[i + 1]))
    {
        m.start = m.end;
        return;
    }
    drop_category_word(chars, m, kn);
    // `…产业园项目签署`, `澳门部署`: a span ending in an event verb is the name before it, if
    // that ends like one.
    if let Some(v) = EVENT_VERBS
        .iter()
        // `组织` and `联合` also end names (`亚太经合组织`, `…联合`).
        .filter(|v| !["组织", "联合"].contains(v))
        .find(|v| m.end - m.start > 2 && lexicon::ends_with_at(chars, m.end, v))
    {
        m.end -= v.chars().count();
        if !lexicon::ends_in_org_head(chars, m.end) {
            m.start = m.end;
            return;
        }
    }
    // `…发展新格局`, `重庆…南部`: words that end like a body (`局`, `部`) but name none.
    if NOT_BODY_ENDS
        .iter()
        .any(|w| lexicon::ends_with_at(chars, m.end, w))
    {
        m.start = m.end;
        return;
    }
    // `西藏农牧大学科|研`, `自治区级大学|生`: a head glued to the next character makes a word
    // with it; the name ends at the head before, if any.
    if let Some(cut) = head_glued_to_next(chars, m, kn) {
        m.end = cut;
        if m.end <= m.start {
            return;
        }
    }
    // `公司控股子公司`, `下属全资子公司`: words of how companies relate, no company's name.
    if only_relation_words(&chars[m.start..m.end]) {
        m.start = m.end;
        return;
    }
    if let Some(i) = verb_at {
        let after = i + 2;
        let tail: String = chars[after..m.end].iter().collect();
        let set_up = SETTING_UP.iter().any(|v| starts_with_at(chars, i, v));
        let place_first = (2..=4.min(m.end - after)).any(|n| {
            !kn.gazetteer
                .lookup(&chars[after..after + n].iter().collect::<String>())
                .is_empty()
        });
        let named = m.end - after >= 3
            && lexicon::ORG_SUFFIXES.iter().any(|x| tail.ends_with(x))
            && (!set_up || place_first);
        // An empty span is dropped by `resolve`.
        m.start = if named { after } else { m.end };
    }
}

/// Where an event verb between organisations starts inside `m`, if one does.
fn event_verb_at(chars: &[char], m: &Mention) -> Option<usize> {
    (m.start..m.end.saturating_sub(2)).find(|&i| {
        EVENT_VERBS.iter().any(|v| starts_with_at(chars, i, v))
            // `组织部`, `联合国`, `联合会` are names' own words.
            && !(starts_with_at(chars, i, "组织") && chars.get(i + 2) == Some(&'部'))
            && !(starts_with_at(chars, i, "联合") && chars.get(i + 2).is_some_and(|c| "国会体大社".contains(*c)))
    })
}

/// `物理学院王浩华教授团队`: a team named after its leader is the body before the name and a
/// person with a title, not a body (nor is what the recogniser ran on into after it). Cuts `m`
/// before the name and returns the leader.
pub(super) fn team_leader(chars: &[char], m: &mut Mention) -> Option<Mention> {
    const TEAMS: &[&str] = &["团队", "课题组", "研究组", "工作室"];
    let (name, title) = (m.start + 2..m.end).find_map(|t| {
        let tl = persons::title_after_name_len(chars, t);
        let team = TEAMS.iter().any(|w| starts_with_at(chars, t + tl, w));
        let name = [3, 2].into_iter().find(|&n| {
            t >= m.start + n + 2
                && lexicon::surname_len(&chars[t - n..t].iter().collect::<String>()) == 1
                && lexicon::ends_in_org_head(chars, t - n)
        })?;
        (tl > 0 && team).then_some((t - name, t))
    })?;
    let leader = Mention::new(name, title, EntityKind::Person, Source::Rule);
    m.end = name;
    Some(leader)
}

/// `甲区应急管理局联合区消防救援大队`: the body before an event verb inside an organisation
/// span, when what is before the verb ends like one ([`trim_organisation`] keeps the body
/// after it).
pub(super) fn body_before_event_verb(chars: &[char], m: &Mention) -> Option<Mention> {
    let i = event_verb_at(chars, m)?;
    (i >= m.start + 3 && lexicon::ends_in_org_head(chars, i))
        .then(|| Mention::new(m.start, i, EntityKind::Organisation, m.source))
}

/// `漯河市纪委严肃查处`: the name ends before an adverb, if it ends like one there;
/// `河南省认真贯彻中央纪委`: else the name is after the adverb and its verb, if that is one.
/// False when no name is left.
fn cut_at_clause_adverb(chars: &[char], m: &mut Mention, kn: &Knowledge) -> bool {
    let Some((i, n)) = (m.start..m.end).find_map(|i| {
        let w = CLAUSE_ADVERBS
            .iter()
            .find(|w| starts_with_at(chars, i, w))?;
        Some((i, w.chars().count()))
    }) else {
        return true;
    };
    if i > m.start && lexicon::ends_in_org_head(chars, i) {
        m.end = i;
        return true;
    }
    let mut after = i + n;
    if kn
        .words()
        .part_of_speech(&chars[after..(after + 2).min(m.end)])
        == Some(b'v')
    {
        after += 2;
    }
    let named = m.end >= after + 3 && lexicon::ends_in_org_head(chars, m.end);
    m.start = if named { after } else { m.end };
    named
}

/// `入区企业质子汽车科技有限公司`: a category word before a company's own name is dropped.
fn drop_category_word(chars: &[char], m: &mut Mention, kn: &Knowledge) {
    if let Some(i) = (m.start..m.end.saturating_sub(8)).rev().find(|&i| {
        starts_with_at(chars, i, "企业")
            // `中国企业…`, `湖南企业…`: a country or place before it makes it part of the name.
            && chars.get(i.wrapping_sub(1)) != Some(&'国')
            && kn.gazetteer
                .lookup(&chars[m.start..i].iter().collect::<String>())
                .is_empty()
            && ["有限公司", "有限责任公司", "股份公司"]
                .iter()
                .any(|x| lexicon::ends_with_at(chars, m.end, x))
    }) {
        m.start = i + 2;
    }
}

/// Whether `span` is nothing but words of how companies relate.
fn only_relation_words(mut rest: &[char]) -> bool {
    while let Some(w) = COMPANY_RELATION_WORDS.iter().find(|w| {
        let w: Vec<char> = w.chars().collect();
        rest.starts_with(&w)
    }) {
        rest = &rest[w.chars().count()..];
    }
    rest.is_empty()
}

/// Words that say how companies relate (`控股子公司`): a span of only these names none.
const COMPANY_RELATION_WORDS: &[&str] = &[
    "公司",
    "控股",
    "全资",
    "参股",
    "下属",
    "子公司",
    "分公司",
    "母公司",
    "集团",
    "旗下",
];

/// Words ending in an organisation head that name no body (`格局`, directions ending in `部`).
const NOT_BODY_ENDS: &[&str] = &[
    "格局", "布局", "大局", "结局", "南部", "北部", "东部", "西部", "中部", "内部", "外部", "全部",
    "局部",
];

/// Where an organisation span should end when its last head character makes a dictionary
/// word with what follows (`科` of `科研`, `大学` of `大学生`) and nothing word-like starts
/// right after the span: at the last head inside the span, or at its start when none.
fn head_glued_to_next(chars: &[char], m: &Mention, kn: &Knowledge) -> Option<usize> {
    let words = kn.words();
    let ends_in_head = |e: usize| lexicon::ends_in_org_head(chars, e);
    // A title after the head (`部副部长`, `所所长`) is the person's, not a glued word.
    if m.end >= chars.len()
        || !is_han(chars[m.end])
        || !ends_in_head(m.end)
        || lexicon::title_len_at(chars, m.end) > 0
    {
        return None;
    }
    // Only content words: `所在` (`实践所在…`) is a function word and no evidence.
    let glued = (m.end.saturating_sub(2).max(m.start + 1)..m.end).any(|j| {
        words
            .longest_word_at(chars, j)
            .is_some_and(|(len, pos)| j + len > m.end && matches!(pos, b'n' | b'v'))
            // `外交部长`: the head and a title's last character are the body and its head.
            && lexicon::title_len_at(chars, j) == 0
    });
    let next_word = words
        .longest_word_at(chars, m.end)
        .is_some_and(|(len, _)| len >= 2);
    if !glued || next_word {
        return None;
    }
    Some(
        (m.start + 2..m.end)
            .rev()
            .find(|&e| ends_in_head(e))
            .unwrap_or(m.start),
    )
}
