//! Finding mentions in one article: the learned recogniser's spans, completed and corrected by
//! rules that the genre makes reliable (gazetteer places and chains, titles before names,
//! honorifics, place-prefixed organisations, quoted and book-title programmes).

use super::lexicon::CharSet;
use super::lexicon::{self, is_generic, starts_with_at};
use super::ner::{self, NerType};
use super::Knowledge;
use crate::model::EntityKind;
use std::collections::{BTreeMap, HashMap};

mod org_edges;
mod organisations;
mod persons;
mod places;
mod programmes;
mod resolve;
#[cfg(test)]
mod tests;

pub use organisations::is_outlet_name;
pub use persons::{named_in_full, titled_surnames};
pub use resolve::{is_common_word, one_reading, propagate};
#[allow(unused_imports)]
use {org_edges::*, organisations::*, persons::*, places::*, programmes::*, resolve::*};

/// A mention: a char range of the article text and its kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mention {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Kind.
    pub kind: EntityKind,
    /// Where it came from (decides conflicts).
    pub source: Source,
}

impl Mention {
    /// The mention of `kind` at `start..end`, found by `source`.
    pub const fn new(start: usize, end: usize, kind: EntityKind, source: Source) -> Mention {
        Mention {
            start,
            end,
            kind,
            source,
        }
    }
}

/// The evidence behind a mention, strongest last (conflicts keep the stronger).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// The learned recogniser.
    Model,
    /// A gazetteer name.
    Gazetteer,
    /// A structural rule (title + name, honorific, quoted programme, byline).
    Rule,
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Characters that commonly follow a name and are not part of it (`李建国说`).
const AFTER_NAME: &str = "说等在一介表对带以指强认称为和同也到是的了与及将向从就把被还都又并讲作提希肯率主全出来去进要会于";

/// Verbs that introduce an unquoted programme name (`开展宝贝计划`).
const PROGRAMME_VERBS: &[&str] = &[
    "开展", "实施", "启动", "推进", "举办", "组织", "参与", "参加", "发起", "推出", "深化", "推行",
    "举行",
];

/// Which spans a set of spans covers, answered by a binary search: the spans by start with the
/// furthest end reached so far (a scan of every span per question is quadratic in an article).
struct Coverage(Vec<(usize, usize)>);

impl Coverage {
    fn of(spans: impl Iterator<Item = (usize, usize)>) -> Coverage {
        let mut by_start: Vec<(usize, usize)> = spans.collect();
        by_start.sort_unstable();
        let mut reach = 0;
        for span in &mut by_start {
            reach = reach.max(span.1);
            span.1 = reach;
        }
        Coverage(by_start)
    }

    /// Whether a span starting by `start` reaches `end`.
    fn covers(&self, start: usize, end: usize) -> bool {
        let n = self.0.partition_point(|&(s, _)| s <= start);
        n > 0 && self.0[n - 1].1 >= end
    }

    /// Whether some span overlaps `start..end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let n = self.0.partition_point(|&(s, _)| s < end);
        n > 0 && self.0[n - 1].1 > start
    }
}

/// Finds every mention in `chars` (one article). `authors` are names known from the byline.
pub fn find(
    chars: &[char],
    authors: &[String],
    kn: &Knowledge,
    ctx: &mut ner::Context,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    {
        for s in kn.recognise(chars, ctx) {
            if !well_formed(&chars[s.start..s.end]) {
                continue;
            }
            let kind = match s.kind {
                NerType::Per => EntityKind::Person,
                NerType::Loc => EntityKind::Place,
                NerType::Org => EntityKind::Organisation,
            };
            out.push(Mention::new(s.start, s.end, kind, Source::Model));
        }
    }
    // The model's short county names that are also words (`满城` in `满城开花`) stand only
    // where the gazetteer rule would accept them; those no dictionary lists (`资兴`, `炎陵`)
    // are the model's reading of a place in context.
    let full_names = FullNamesInText::new(chars);
    out.retain(|m| {
        m.kind != EntityKind::Place
            || kn.words().part_of_speech(&chars[m.start..m.end]).is_none()
            || !is_bare_county_short_form(chars, &full_names, m, kn)
    });
    split_division_runs(chars, &mut out, kn);
    gazetteer_places(chars, &full_names, &mut out, kn);
    out.retain(|m| {
        m.kind != EntityKind::Place || m.source == Source::Model || !inside_words(chars, m, kn)
    });
    suffix_places(chars, &mut out);
    datelines(chars, &mut out);
    split_site_chains(chars, &mut out);
    out.retain(|m| m.kind != EntityKind::Place || !is_verb_phrase_place(chars, m, kn));
    keep_short_place_forms_in_context(chars, &mut out);
    titled_people(chars, &mut out);
    titled_foreigners(chars, &mut out);
    named_before_titles(chars, &mut out, kn);
    withheld_names(chars, &mut out);
    outlets(chars, &mut out, kn);
    numbered_units(chars, &mut out);
    party_committees(chars, &mut out);
    zones(chars, &mut out);
    joint_names(chars, &mut out);
    authors_in_text(chars, authors, &mut out);
    credit_lines(chars, &mut out);
    prefixed_orgs(chars, &mut out, kn);
    programmes(chars, &mut out);
    known_programmes(chars, &mut out);
    elections(chars, &mut out);
    numbered_events(chars, &mut out, kn);
    // After every rule: the recogniser and the prefix rules take in verbs and members alike.
    let mut before_verbs = Vec::new();
    for m in &mut out {
        if m.kind == EntityKind::Organisation {
            before_verbs.extend(body_before_event_verb(chars, m));
            before_verbs.extend(team_leader(chars, m));
            trim_organisation(chars, m, kn);
        }
    }
    out.extend(before_verbs);
    conjoined_names(chars, &mut out);
    province_prefixed_companies(chars, &mut out, kn);
    missions(chars, &mut out);
    let honours = honour_spans(chars);
    out.retain(|m| {
        !matches!(m.kind, EntityKind::Organisation | EntityKind::Programme)
            || !honours.iter().any(|&(s, e)| s <= m.start && m.end <= e)
    });
    // `安徽网`, `东北网`, `湖南日报`: an outlet's name says where it is published, and a
    // place there would join every story it carries to that place.
    let outlets: Vec<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Organisation && is_outlet_name(&chars[m.start..m.end]))
        .map(|m| (m.start, m.end))
        .collect();
    out.retain(|m| {
        m.kind != EntityKind::Place || !outlets.iter().any(|&(s, e)| s <= m.start && m.end < e)
    });
    // Inside a work's title (`《…》`) only full names are referents (the law of
    // 《中华人民共和国香港特别行政区基本法》, the subject of 《钱钟书与中国文化精神》); a word of
    // two characters there is a fragment or a figure of the work (`中华` in 《中华民族一家亲》,
    // a song's 阿姆), and the title itself is never a programme. Titles of works by start,
    // with the furthest end reached so far: a mention overlaps one when a title starting
    // before its end reaches past its start.
    let mut works = work_titles(chars);
    works.sort_unstable();
    let mut reach = 0;
    for w in &mut works {
        reach = reach.max(w.1);
        w.1 = reach;
    }
    out.retain(|m| {
        let n = works.partition_point(|&(s, _)| s < m.end);
        let outside = n == 0 || works[n - 1].1 <= m.start;
        outside || (m.kind != EntityKind::Programme && m.end - m.start >= 3)
    });
    // What quotation marks enclose before a programme head is the programme's name, even
    // when it ends like a place (`“书香社区”读书月`).
    let named: std::collections::HashSet<(usize, usize)> = out
        .iter()
        .filter(|m| m.kind == EntityKind::Programme)
        .map(|m| (m.start, m.end))
        .collect();
    out.retain(|m| m.kind == EntityKind::Programme || !named.contains(&(m.start, m.end)));
    dictionary_place_starts(chars, &mut out, kn);
    indefinite_places(chars, &mut out);
    listed_people(chars, &mut out, kn);
    resolve(chars, out, kn)
}

/// Whether a recognised span can be a name at all: it does not start with a closing mark or
/// end with an opening one, and its quotes and brackets pair up (the model, reading
/// `“线下院落办公桌”`, can take `“线下院` for an organisation ending in `院`).
fn well_formed(span: &[char]) -> bool {
    const PAIRS: [(char, char); 7] = [
        ('“', '”'),
        ('‘', '’'),
        ('（', '）'),
        ('(', ')'),
        ('《', '》'),
        ('【', '】'),
        ('「', '」'),
    ];
    let (Some(&first), Some(&last)) = (span.first(), span.last()) else {
        return false;
    };
    let opens = |c: char| PAIRS.iter().any(|p| p.0 == c);
    let closes = |c: char| PAIRS.iter().any(|p| p.1 == c);
    if closes(first) || opens(last) || first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    PAIRS.iter().all(|&(o, c)| {
        span.iter().filter(|&&x| x == o).count() == span.iter().filter(|&&x| x == c).count()
    })
}

/// Characters that end a name phrase: function words and verbs that glue clauses.
const PHRASE_BREAK: &str = "在的和与及对向以把将为等到从是了被让给于由";
