//! Which mention stands for which within an article: a place's short form for its full name
//! (`栾川` for 栾川县), and an organisation's abbreviation or contraction for its body
//! (`北大` for 北京大学, `微软` for 微软公司).

use super::*;

/// For each organisation mention that is a short form of one longer organisation named in the
/// same article, that longer mention (`科技小院` after `西藏林芝巴宜藏猪科技小院`): news names a
/// body in full once, then by its head (or a national body without `全国`). Short forms of several bodies (`人民医院` after two
/// hospitals) and generic forms (`区委`, resolved by level) stay as they are. A person's given
/// name alone is the person named in full (`小平` after `邓小平`).
pub(super) fn short_forms(d: &Doc<'_, '_>, kn: &Knowledge) -> Vec<Option<usize>> {
    let orgs = organisations(d);
    let mut out = vec![None; d.mentions.len()];
    // `全称(简称)`, `全称（以下简称简称）`: the bracketed name is the other's short form,
    // wherever the article writes it.
    let mut bracketed: HashMap<&str, usize> = HashMap::new();
    for (i, s) in &orgs {
        let m = &d.mentions[*i];
        let open = ["(", "（", "(以下简称", "（以下简称", "(简称", "（简称"]
            .iter()
            .map(|o| o.chars().count())
            .find(|&n| {
                m.start > n
                    && "(（".contains(d.chars[m.start - n])
                    && (n == 1 || "以简".contains(d.chars[m.start - n + 1]))
            });
        let closed = d.chars.get(m.end).is_some_and(|c| ")）".contains(*c));
        let Some(n) = open.filter(|_| closed) else {
            continue;
        };
        let full = d.ending_at(m.start - n).iter().copied().find(|&j| {
            let f = &d.mentions[j];
            f.kind == EntityKind::Organisation && f.end - f.start > m.end - m.start
        });
        if let Some(j) = full {
            bracketed.entry(s.as_str()).or_insert(j);
        }
    }
    for (i, s) in &orgs {
        if let Some(&j) = bracketed.get(s.as_str()) {
            out[*i] = Some(j);
        }
    }
    // `小平` after `邓小平`: a given name alone is the person the article names in full. By
    // the given name, each full name once: an article of many names stays linear.
    let mut full_names: HashMap<String, Vec<(usize, String)>> = HashMap::new();
    for (j, m) in d.mentions.iter().enumerate() {
        let f = surface(&d.chars, m);
        if m.kind == EntityKind::Person && f.chars().count() == 3 && lexicon::surname_len(&f) == 1 {
            let given: String = f.chars().skip(1).collect();
            let names = full_names.entry(given).or_default();
            if !names.iter().any(|(_, x)| *x == f) {
                names.push((j, f));
            }
        }
    }
    let by_surname = super::super::mentions::named_in_full(&d.chars, &d.mentions);
    for (i, m) in d.mentions.iter().enumerate() {
        // `江主席`: the surname alone is the one person of that surname named in full (the
        // mention layer marked it only then, see `mentions::titled_surnames`).
        if m.kind == EntityKind::Person && m.end - m.start == 1 {
            out[i] = by_surname.get(&d.chars[m.start]).copied();
            continue;
        }
        let s = surface(&d.chars, m);
        if m.kind != EntityKind::Person || s.chars().count() != 2 || lexicon::surname_len(&s) > 0 {
            continue;
        }
        if let Some([(j, _)]) = full_names.get(&s).map(Vec::as_slice) {
            out[i] = Some(*j);
        }
    }
    // Organisations by the tails they may be written as (at least three characters, two left
    // before them) and by their name without `全国`; each name at up to two places, so that
    // one not around the short form is among them.
    let mut by_tail: HashMap<String, Vec<usize>> = HashMap::new();
    let mut places_of: HashMap<&str, usize> = HashMap::new();
    for (j, o) in &orgs {
        let seen = places_of.entry(o.as_str()).or_default();
        *seen += 1;
        if *seen > 2 {
            continue;
        }
        let cs: Vec<char> = o.chars().collect();
        let tails = (2..cs.len().saturating_sub(2)).map(|k| cs[k..].iter().collect::<String>());
        let national = o.strip_prefix("全国").map(str::to_owned);
        for t in tails.chain(national) {
            by_tail.entry(t).or_default().push(*j);
        }
    }
    for (i, s) in &orgs {
        if out[*i].is_some() || generic_institution(s).is_some() || lexicon::is_generic(s) {
            continue;
        }
        let m = &d.mentions[*i];
        let Some(at) = by_tail.get(s) else {
            continue;
        };
        let mut longer = at.iter().copied().filter(|&j| {
            let l = &d.mentions[j];
            l.end <= m.start || l.start >= m.end
        });
        let Some(j) = longer.next() else {
            continue;
        };
        let core = org_core(&surface_of(d, j), kn);
        if longer.all(|x| org_core(&surface_of(d, x), kn) == core) {
            out[*i] = Some(j);
        }
    }
    abbreviations(d, &orgs, &mut out);
    out
}

/// The short forms Chinese news makes of a name named in full in the same article: a
/// company without its legal head (`微软` of `微软公司`), and a contraction that keeps the
/// name's first character, some of the others in order and a character of its head
/// (`北大` of `北京大学`, `中科院` of `中国科学院`, `欧洲央行` of `欧洲中央银行`). Only where
/// one full name fits, and never for generic forms (`区委`), which resolve by level.
pub(super) fn abbreviations(d: &Doc<'_, '_>, orgs: &[(usize, String)], out: &mut [Option<usize>]) {
    const LEGAL_HEADS: &[&str] = &[
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "集团公司",
        "公司",
        "集团",
    ];
    // Full names by first character, each name once: a short form looks only at the few
    // that open like it, so an article of many names stays linear.
    let mut by_first: HashMap<char, Vec<(usize, Vec<char>)>> = HashMap::new();
    for (j, o) in orgs {
        let cs: Vec<char> = o.chars().collect();
        if cs.len() < 4 || lexicon::is_generic(o) || generic_institution(o).is_some() {
            continue;
        }
        let firsts = by_first.entry(cs[0]).or_default();
        if firsts.len() < 16 && !firsts.iter().any(|(_, f)| *f == cs) {
            firsts.push((*j, cs));
        }
    }
    for (i, s) in orgs {
        let cs: Vec<char> = s.chars().collect();
        if out[*i].is_some()
            || !(2..=5).contains(&cs.len())
            || lexicon::is_generic(s)
            || generic_institution(s).is_some()
        {
            continue;
        }
        let m = &d.mentions[*i];
        let Some(candidates) = by_first.get(&cs[0]) else {
            continue;
        };
        let mut fits = candidates.iter().filter(|(j, f)| {
            let l = &d.mentions[*j];
            let apart = l.end <= m.start || l.start >= m.end;
            // What follows the short form in the full name is a legal head, or a few
            // words of trade before it (`宁德时代` of `宁德时代新能源科技股份有限公司`).
            let company = f.starts_with(&cs)
                && LEGAL_HEADS.iter().any(|h| {
                    let h: Vec<char> = h.chars().collect();
                    f.len() >= cs.len() + h.len() && f.ends_with(&h) && {
                        let trade = &f[cs.len()..f.len() - h.len()];
                        trade.len() <= 6 && trade.iter().all(|&c| is_han(c))
                    }
                });
            apart && (company || contracts(f, &cs))
        });
        if let (Some((j, _)), None) = (fits.next(), fits.next()) {
            out[*i] = Some(*j);
        }
    }
}

/// Whether `short` contracts `full`: shorter by two characters or more, the same first
/// character, its others in `full` in order, and its last one among `full`'s last two (the
/// head: `院` of `科学院`, `大` of `大学`). Not a name that `full` begins or ends with
/// (`苏州大学` of `苏州大学法学院` is its parent), nor `full`'s opening words and ending with words left out
/// between them (`国防部` and `国防情报部` are two bodies).
pub(super) fn contracts(full: &[char], short: &[char]) -> bool {
    let (Some(&last), true) = (short.last(), full.len() >= short.len() + 2) else {
        return false;
    };
    // A tail (`国务院` of a longer name ending in it) is the tail rule's, in its article.
    let parent = full.starts_with(short) || full.ends_with(short);
    // `北京大学` and `北京体育大学`, `中国银行` and `中国人民银行`: the same opening and
    // ending with words between them left out are two bodies.
    let ending = (short.iter().rev())
        .zip(full.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let opening = &short[..short.len() - ending];
    let other_body = ending > 0 && opening.len() >= 2 && full.starts_with(opening);
    let mut rest = full[1..].iter();
    full[0] == short[0]
        && !parent
        && !other_body
        && full[full.len() - 2..].contains(&last)
        && short[1..].iter().all(|c| rest.any(|f| f == c))
}

/// Each organisation mention's index and surface.
pub(super) fn organisations(d: &Doc<'_, '_>) -> Vec<(usize, String)> {
    (d.mentions.iter().enumerate())
        .filter(|(_, m)| m.kind == EntityKind::Organisation)
        .map(|(i, m)| (i, surface(&d.chars, m)))
        .collect()
}

pub(super) fn surface_of(d: &Doc<'_, '_>, j: usize) -> String {
    surface(&d.chars, &d.mentions[j])
}
