//! Same-sentence links, the fallback relation: every pair of entities named in a sentence,
//! bounded in sentences that name very many.

use super::*;

/// What linking bounded, so that a front end can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// Sentences over [`SENTENCE_ENTITIES_MAX`] distinct entities, whose same-sentence links
    /// were limited to nearby mentions.
    pub capped_sentences: usize,
    /// The most distinct entities any such sentence named (0 when none was capped).
    pub largest_sentence: usize,
}

/// The same-sentence pairs of a sentence's mention entities (in text order), each pair once,
/// smaller id first, in ascending order: every pair up to [`SENTENCE_ENTITIES_MAX`] distinct
/// entities, else only mentions at most [`NEAR_MENTIONS`] apart (counted in `stats`).
///
/// # Complexity
/// O(k²) for k ≤ [`SENTENCE_ENTITIES_MAX`] entities, else O(m log m) in the m mentions.
pub(super) fn sentence_pairs(
    in_sent: &[EntityId],
    stats: &mut LinkStats,
) -> Vec<(EntityId, EntityId)> {
    let distinct: BTreeSet<EntityId> = in_sent.iter().copied().collect();
    let v: Vec<EntityId> = distinct.into_iter().collect();
    if v.len() <= SENTENCE_ENTITIES_MAX {
        let mut out = Vec::with_capacity(v.len() * v.len().saturating_sub(1) / 2);
        for x in 0..v.len() {
            for y in x + 1..v.len() {
                out.push((v[x], v[y]));
            }
        }
        return out;
    }
    stats.capped_sentences += 1;
    stats.largest_sentence = stats.largest_sentence.max(v.len());
    let mut near: BTreeSet<(EntityId, EntityId)> = BTreeSet::new();
    for (p, &a) in in_sent.iter().enumerate() {
        for &c in in_sent.iter().skip(p + 1).take(NEAR_MENTIONS) {
            if a != c {
                near.insert((a.min(c), a.max(c)));
            }
        }
    }
    near.into_iter().collect()
}

/// Co-occurrence in a sentence. Mentions are sorted by start, so one cursor walks them.
pub(super) fn cooccurrence(
    b: &mut Builder,
    d: &Doc<'_, '_>,
    ids: &[EntityId],
    stats: &mut LinkStats,
) {
    let span = span_in(d.article.id);
    // The article's credited writers are its authors, not people of its story: a byline in
    // the first sentence (`本报讯（记者 张三）…`) links them to the article, not to what it names.
    let credited: BTreeSet<EntityId> = (b.credits.iter().rev())
        .take_while(|c| c.article == d.article.id)
        .map(|c| c.person)
        .collect();
    let mut sent_start = 0;
    let mut cursor = 0;
    let mut in_sent: Vec<EntityId> = Vec::new();
    for (i, &c) in d.chars.iter().enumerate() {
        if matches!(c, '。' | '！' | '？' | '\n' | '；') || i + 1 == d.chars.len() {
            in_sent.clear();
            while cursor < d.mentions.len() && d.mentions[cursor].start <= i {
                let m = &d.mentions[cursor];
                if m.start >= sent_start && m.end <= i + 1 && !credited.contains(&ids[cursor]) {
                    in_sent.push(ids[cursor]);
                }
                cursor += 1;
            }
            let ev = span(sent_start, i + 1);
            for (x, y) in sentence_pairs(&in_sent, stats) {
                b.relate(x, y, RelationKind::CoOccurs, None, Some(ev));
            }
            sent_start = i + 1;
        }
    }
}
