//! Lists of person names that ran together. A scanned or reflowed page often loses the
//! separators of a list (`王海王群李明`), and a first-order tagger then reads such a run as a
//! few odd names (`王海王`, `群李明`). Where the tagger's own output shows a list — person
//! spans that touch, or one too long for a Chinese name — the run is read again as a sequence
//! of names, each a known name or two or three characters that begin like one.

use super::{class, NameList, NerSpan, NerType};

/// Longest stretch of untagged characters between two names of one list (a missed name).
const MAX_GAP: usize = 3;

/// Which characters begin Chinese personal names, learned from the person names of the
/// training data: a character that begins at least [`NameStarts::MIN`] different two- or
/// three-character names, and does so more often than it occurs in longer or dotted names
/// (transliterations such as `马拉多纳` or `克里斯托弗`, which must not be cut).
#[derive(Default)]
pub(super) struct NameStarts {
    /// Sorted.
    chars: Vec<char>,
}

impl NameStarts {
    const MIN: u32 = 5;

    /// Counted by sorting (this runs while the page loads the recogniser, where a hash map of
    /// chars costs more than the sort).
    pub(super) fn learn<'a>(person_forms: impl Iterator<Item = &'a str>) -> NameStarts {
        // (char, begins a short name) for every count to make.
        let mut seen: Vec<(char, bool)> = Vec::new();
        for f in person_forms {
            let n = f.chars().count();
            if (2..=3).contains(&n) && f.chars().all(is_han) {
                seen.extend(f.chars().next().map(|c| (c, true)));
            } else if n >= 4 || f.contains('·') {
                seen.extend(f.chars().map(|c| (c, false)));
            }
        }
        seen.sort_unstable();
        let chars = seen
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| {
                let start = run.iter().filter(|(_, s)| *s).count() as u32;
                let other = run.len() as u32 - start;
                start >= Self::MIN && start > other
            })
            .map(|run| run[0].0)
            .collect();
        NameStarts { chars }
    }

    fn contains(&self, c: char) -> bool {
        self.chars.binary_search(&c).is_ok()
    }
}

fn is_han(c: char) -> bool {
    class(c) == 3
}

fn is_person(names: &NameList, text: &[char]) -> bool {
    names.index.value_of(text).is_some_and(|t| t & 1 != 0)
}

/// `spans` (in order, not overlapping) with every list of run-together person names read
/// again; other spans are kept as they are.
pub(super) fn resegment(chars: &[char], spans: Vec<NerSpan>, names: &NameList) -> Vec<NerSpan> {
    let mut out: Vec<NerSpan> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let first = spans[i];
        if first.kind != NerType::Per || !chars[first.start..first.end].iter().all(|&c| is_han(c)) {
            out.push(first);
            i += 1;
            continue;
        }
        // The person spans chained to this one by short runs of Han characters.
        let mut j = i + 1;
        while j < spans.len() {
            let (prev, next) = (spans[j - 1], spans[j]);
            let chained = next.kind == NerType::Per
                && next.start - prev.end <= MAX_GAP
                && chars[prev.end..next.end].iter().all(|&c| is_han(c));
            if !chained {
                break;
            }
            j += 1;
        }
        let cluster = &spans[i..j];
        let touching = cluster.windows(2).any(|w| w[0].end == w[1].start);
        let too_long = cluster
            .iter()
            .any(|s| s.end - s.start >= 4 && !is_person(names, &chars[s.start..s.end]));
        if touching || too_long {
            out.extend(best_reading(
                chars,
                first.start,
                spans[j - 1].end,
                cluster,
                names,
            ));
        } else {
            out.extend_from_slice(cluster);
        }
        i = j;
    }
    out
}

/// The best reading of `chars[start..end]` as names and untagged characters. A name is a
/// known person name, a span the tagger found (up to three characters), or two or three
/// characters beginning with a name-starting character; known names and the tagger's spans
/// score highest, then three-character names (the commonest). A span of the tagger that is
/// none of these may stay as it was, and a character may stay untagged, both at a cost, so
/// that a list with a foreign or unknown name in it is still read around that name.
fn best_reading(
    chars: &[char],
    start: usize,
    end: usize,
    cluster: &[NerSpan],
    names: &NameList,
) -> Vec<NerSpan> {
    // Chosen on held-out training sentences whose lists had their separators removed
    // (person F1 0.778 -> 0.860; unchanged on the untouched sentences): any cost of an
    // untagged character from -1 down, and a known name worth no more than a tagged one.
    const UNTAGGED: f32 = -1.5;
    const KNOWN: f32 = 1.0;
    const KEPT: f32 = 0.5;
    let n = end - start;
    // best[k]: (score, length of the last piece, whether it is a name) of the best reading
    // of the first k chars.
    let mut best: Vec<Option<(f32, usize, bool)>> = vec![None; n + 1];
    best[0] = Some((0.0, 0, false));
    let offer = |best: &mut Vec<Option<(f32, usize, bool)>>, at: usize, s: f32, len, name| {
        if best[at].is_none_or(|(b, _, _)| s > b) {
            best[at] = Some((s, len, name));
        }
    };
    for k in 0..n {
        let Some((score, _, _)) = best[k] else {
            continue;
        };
        let p = start + k;
        offer(&mut best, k + 1, score + UNTAGGED, 1, false);
        for len in 1..=(n - k).min(8) {
            let piece = &chars[p..p + len];
            let known = is_person(names, piece);
            let found = cluster.iter().any(|s| s.start == p && s.end == p + len);
            let tagged = found && len <= 3;
            let shaped = (2..=3).contains(&len) && names.starts.contains(chars[p]);
            let gain = if known || tagged || shaped {
                1.0 + KNOWN * f32::from(u8::from(known))
                    + f32::from(u8::from(tagged))
                    + if len == 3 { 0.25 } else { 0.0 }
            } else if found {
                KEPT
            } else {
                continue;
            };
            offer(&mut best, k + len, score + gain, len, true);
        }
    }
    let mut out = Vec::new();
    let mut k = n;
    while let Some(Some((_, len, name))) = best.get(k).filter(|_| k > 0) {
        if *name {
            out.push(NerSpan {
                start: start + k - len,
                end: start + k,
                kind: NerType::Per,
            });
        }
        k -= len;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> NameList {
        let people = [
            "王海",
            "王群",
            "王明",
            "王小平",
            "王大力",
            "刘江",
            "刘淇",
            "刘毅",
            "刘云山",
            "刘华清",
            "刘方仁",
            "李明",
            "李鹏",
            "李长春",
            "李克强",
            "李瑞环",
            "马拉多纳",
            "马克思",
            "马尔科夫",
            "马丁·路德",
            "马歇尔·麦克卢汉",
            "马里奥·阿尔贝托",
        ];
        NameList::build(people.iter().map(|p| (p.to_string(), 1, None)))
    }

    fn per(start: usize, end: usize) -> NerSpan {
        NerSpan {
            start,
            end,
            kind: NerType::Per,
        }
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn learns_name_starts_but_not_transliteration_syllables() {
        let n = names();
        assert!(n.starts.contains('王') && n.starts.contains('刘') && n.starts.contains('李'));
        // 马 begins one short name here but appears in five long or dotted ones.
        assert!(!n.starts.contains('马'));
    }

    #[test]
    fn cuts_one_span_of_run_together_names() {
        let c = chars("出席的有王海王群。");
        let got = resegment(&c, vec![per(4, 8)], &names());
        assert_eq!(got, vec![per(4, 6), per(6, 8)]);
    }

    #[test]
    fn keeps_long_names_that_do_not_read_as_a_list() {
        let c = chars("马拉多纳进球了");
        assert_eq!(resegment(&c, vec![per(0, 4)], &names()), vec![per(0, 4)]);
        // Not known, and 马 does not begin names: stays whole.
        let c = chars("马丁内斯说");
        assert_eq!(resegment(&c, vec![per(0, 4)], &names()), vec![per(0, 4)]);
    }

    #[test]
    fn reads_a_list_the_tagger_cut_in_the_wrong_places() {
        // Tagged 刘江刘 | 淇 untagged | 刘毅 | 刘云山 (touching): a list, read again.
        let c = chars("刘江刘淇刘毅刘云山（女）");
        let got = resegment(&c, vec![per(0, 3), per(4, 6), per(6, 9)], &names());
        assert_eq!(got, vec![per(0, 2), per(2, 4), per(4, 6), per(6, 9)]);
    }

    #[test]
    fn leaves_names_in_ordinary_text_alone() {
        // Two names a word apart: no list, nothing changes.
        let c = chars("王海和李明在北京");
        let spans = vec![per(0, 2), per(3, 5)];
        assert_eq!(resegment(&c, spans.clone(), &names()), spans);
        // Single-character names written together (马列) stay as the tagger found them.
        let c = chars("学习马列主义");
        let spans = vec![per(2, 3), per(3, 4)];
        assert_eq!(resegment(&c, spans.clone(), &names()), spans);
        // Other kinds pass through.
        let c = chars("北京上海");
        let spans = vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Loc,
            },
            NerSpan {
                start: 2,
                end: 4,
                kind: NerType::Loc,
            },
        ];
        assert_eq!(resegment(&c, spans.clone(), &names()), spans);
    }
}
