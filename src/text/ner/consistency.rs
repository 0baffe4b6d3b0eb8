//! One name, one reading per document. A name the tagger found in one sentence of a document is
//! usually the same name where the tagger missed it in another (`程砚秋接过纸条` after
//! `程砚秋访苏回国`): missed occurrences of names found elsewhere in the document are tagged
//! with the type the document gave them most often, and so are occurrences the tagger cut short.

use super::{class, form_hash, NerSpan, NerType};
use crate::text::lexicon::HashMapU64;

/// Adds, to each sentence's spans, the untagged occurrences of names (two or more Han
/// characters) of `kinds` that the document's other spans give. `spans[k]` are the spans of
/// `sentences[k]`, in order. An occurrence replaces spans of its kind wholly inside it (a name
/// cut short); one that would overlap any other span is left alone.
pub fn propagate(sentences: &[&[char]], spans: &mut [Vec<NerSpan>], kinds: &[NerType]) {
    // Keyed by the rolling hash every lexicon index uses (no second hasher in the wasm).
    let mut forms: HashMapU64<(&[char], [u32; 3])> = HashMapU64::default();
    for (s, sp) in sentences.iter().zip(spans.iter()) {
        for x in sp.iter().filter(|x| x.start < x.end && x.end <= s.len()) {
            let text = &s[x.start..x.end];
            if text.len() >= 2 && text.iter().all(|&c| class(c) == 3) && kinds.contains(&x.kind) {
                forms.entry(form_hash(text)).or_insert((text, [0; 3])).1[x.kind as usize] += 1;
            }
        }
    }
    if forms.is_empty() {
        return;
    }
    // Longest first, so `程砚秋` is placed before a `程砚` could be.
    let mut forms: Vec<(&[char], NerType)> = forms
        .into_values()
        .map(|(f, counts)| {
            let k = (0..3).max_by_key(|&k| (counts[k], 2 - k)).unwrap_or(0);
            (f, NerType::ALL[k])
        })
        .collect();
    forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    for (s, sp) in sentences.iter().zip(spans.iter_mut()) {
        let mut added = Vec::new();
        for &(form, kind) in &forms {
            let n = form.len();
            let mut i = 0;
            while i + n <= s.len() {
                // First character first: most positions fail there, without a slice compare.
                if Some(&s[i]) != form.first() || s[i..i + n] != *form {
                    i += 1;
                    continue;
                }
                let overlaps = |x: &NerSpan| x.start < i + n && i < x.end;
                // Spans of the same kind wholly inside the occurrence are the tagger cutting
                // the name short (`周真` for `周真国`): the occurrence replaces them.
                if !added.iter().any(overlaps)
                    && sp.iter().any(overlaps)
                    && sp
                        .iter()
                        .filter(|x| overlaps(x))
                        .all(|x| x.kind == kind && x.start >= i && x.end <= i + n)
                {
                    sp.retain(|x| !(x.start < i + n && i < x.end));
                }
                let free = !sp
                    .iter()
                    .chain(added.iter())
                    .any(|x| x.start < i + n && i < x.end);
                if free {
                    added.push(NerSpan {
                        start: i,
                        end: i + n,
                        kind,
                    });
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
        if !added.is_empty() {
            sp.extend(added);
            sp.sort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: NerType) -> NerSpan {
        NerSpan { start, end, kind }
    }

    #[test]
    fn finds_a_name_again_where_the_tagger_missed_it() {
        let a: Vec<char> = "程砚秋访苏回国。".chars().collect();
        let b: Vec<char> = "将信将疑的程砚秋接过纸条。".chars().collect();
        let c: Vec<char> = "他在北京见到程砚秋，程砚秋笑了。".chars().collect();
        let mut spans = vec![
            vec![span(0, 3, NerType::Per)],
            vec![],
            // A span already there is kept, and nothing overlapping it is added.
            vec![span(2, 4, NerType::Loc), span(6, 9, NerType::Per)],
        ];
        propagate(&[&a, &b, &c], &mut spans, &[NerType::Per]);
        assert_eq!(spans[1], vec![span(5, 8, NerType::Per)]);
        assert_eq!(
            spans[2],
            vec![
                span(2, 4, NerType::Loc),
                span(6, 9, NerType::Per),
                span(10, 13, NerType::Per)
            ]
        );
    }

    #[test]
    fn a_name_cut_short_is_made_whole_but_other_spans_stay() {
        let a: Vec<char> = "周真国服役期满。".chars().collect();
        let b: Vec<char> = "大家和周真国一起努力，周真国路在北京。".chars().collect();
        let mut spans = vec![
            vec![span(0, 3, NerType::Per)],
            // `周真` (cut short) grows; `真国路` (a place overlapping the name) is kept.
            vec![span(3, 5, NerType::Per), span(12, 15, NerType::Loc)],
        ];
        propagate(&[&a, &b], &mut spans, &[NerType::Per]);
        assert_eq!(
            spans[1],
            vec![span(3, 6, NerType::Per), span(12, 15, NerType::Loc)]
        );
    }

    #[test]
    fn only_the_kinds_asked_for_and_only_names_of_two_han_characters() {
        let a: Vec<char> = "北京和程说。".chars().collect();
        let b: Vec<char> = "北京的程先生。".chars().collect();
        let mut spans = vec![
            vec![span(0, 2, NerType::Loc), span(3, 4, NerType::Per)],
            vec![],
        ];
        propagate(&[&a, &b], &mut spans, &[NerType::Per]);
        assert!(spans[1].is_empty(), "{:?}", spans[1]);
        propagate(&[&a, &b], &mut spans, &[NerType::Loc]);
        assert_eq!(spans[1], vec![span(0, 2, NerType::Loc)]);
    }
}
