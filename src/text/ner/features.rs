//! Features: hashed character n-grams and classes, per-position lexicon evidence (gazetteer,
//! organisation suffixes, surnames, titles, words, learned names) and in-document repeats.

use super::*;

/// Bits of the dense training table.
pub const TRAIN_BITS: u32 = 24;

pub(super) const BOS: char = '\u{2}';
pub(super) const EOS: char = '\u{3}';

pub(super) fn class(c: char) -> u32 {
    // Han characters first: most text is Han, so the first test is the one that predicts.
    if ('\u{4e00}'..='\u{9fff}').contains(&c) {
        const NUMERALS: [char; 15] = [
            '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
            '亿',
        ];
        // Compared with all of them, no early exit: no branch to mispredict.
        let numeral = NUMERALS.iter().fold(false, |a, &n| a | (n == c));
        return if numeral { 1 } else { 3 };
    }
    match c {
        BOS | EOS => 0,
        '0'..='9' | '０'..='９' | '〇' => 1,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => 2,
        '\u{3400}'..='\u{4dbf}' => 3,
        c if c.is_whitespace() => 4,
        _ => 5,
    }
}

#[inline]
pub(super) fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

#[inline]
pub(super) fn feat(template: u64, a: char, b: char, c: char) -> u64 {
    let h = mix(
        mix(
            mix(template.wrapping_add(0x51_7CC1_B727_220A), a as u64),
            b as u64,
        ),
        c as u64,
    );
    h ^ (h >> 31)
}

/// Per-position lexicon evidence, computed once per sequence.
#[derive(Default)]
pub(super) struct LexInfo {
    /// Length (capped) of the longest gazetteer form starting here.
    pub(super) place_begin: Vec<u8>,
    /// Length (capped) of the longest gazetteer form ending here.
    pub(super) place_end: Vec<u8>,
    /// Inside some gazetteer form (not at its start).
    pub(super) place_inside: Vec<bool>,
    /// Length of an organisation suffix ending here.
    pub(super) org_end: Vec<u8>,
    /// Distance (capped at 9) to the nearest organisation-suffix end at or after this char,
    /// within a run of Han characters (0 = none).
    pub(super) org_ahead: Vec<u8>,
    /// A position title ends right before this char.
    pub(super) after_title: Vec<bool>,
    /// A position title starts right after this char.
    pub(super) before_title: Vec<bool>,
    /// Length of a place suffix ending here.
    pub(super) place_suffix_end: Vec<u8>,
    /// Learned-name match starting here: (type bits, length capped at 4).
    pub(super) name_begin: Vec<(u8, u8)>,
    /// Learned-name match ending here.
    pub(super) name_end: Vec<(u8, u8)>,
    /// Inside a learned-name match: type bits.
    pub(super) name_inside: Vec<u8>,
    /// Longest dictionary word starting here: (length capped at 4, part of speech).
    pub(super) word_begin: Vec<(u8, u8)>,
    /// Longest dictionary word ending here.
    pub(super) word_end: Vec<(u8, u8)>,
    /// Longest dictionary word covering this char strictly inside.
    pub(super) word_inside: Vec<u8>,
    /// Longest string starting here that occurs more than once in the document (0 = none).
    pub(super) rep_begin: Vec<u8>,
    /// Longest such string ending here.
    pub(super) rep_end: Vec<u8>,
    /// Scratch: the Han run starting at each position (see [`han_run_lengths`]).
    pub(super) runs: Vec<u8>,
    /// Scratch: the longest match of a list at each position.
    pub(super) longest: Vec<Longest>,
}

use super::lexicon::HashMapU64;

/// Longest repeated string the document features look at.
pub(super) const REPEAT_MAX: usize = 7;

/// For each position, the length of the run of Han characters starting there, capped at
/// [`REPEAT_MAX`] (computed once, rather than a class test per character of every run).
pub(super) fn han_run_lengths(chars: &[char], out: &mut Vec<u8>) {
    out.clear();
    out.resize(chars.len(), 0);
    let mut next = 0u8;
    for (l, &c) in out.iter_mut().zip(chars).rev() {
        next = if class(c) == 3 {
            (next + 1).min(REPEAT_MAX as u8)
        } else {
            0
        };
        *l = next;
    }
}

/// (length, rolling hash) of the runs of Han characters starting at `chars[i]`, from two
/// characters up to `run` (the run's length there, from [`han_run_lengths`]).
pub(super) fn han_runs_from(
    chars: &[char],
    i: usize,
    run: u8,
) -> impl Iterator<Item = (usize, u64)> + '_ {
    chars[i..i + usize::from(run)]
        .iter()
        .scan(0u64, |h, &c| {
            *h = seq_hash_step(*h, c);
            Some(*h)
        })
        .enumerate()
        .skip(1)
        .map(|(k, h)| (k + 1, h))
}

/// How often each short run of Han characters occurs in a document (an article, or a block of
/// MSRA sentences). A name tends to recur within its article, with the same boundaries each
/// time, where a dictionary cannot know it.
#[derive(Default)]
pub struct DocRepeats {
    pub(super) counts: HashMapU64<u16>,
    /// Scratch of [`DocRepeats::add`].
    pub(super) runs: Vec<u8>,
}

impl DocRepeats {
    /// Forgets the previous document.
    pub fn clear(&mut self) {
        self.counts.clear();
    }

    /// Adds a sentence (or a whole text) of the document.
    pub fn add(&mut self, chars: &[char]) {
        let mut runs = std::mem::take(&mut self.runs);
        han_run_lengths(chars, &mut runs);
        for (i, &run) in runs.iter().enumerate() {
            for (_, h) in han_runs_from(chars, i, run) {
                let n = self.counts.entry(h).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
        self.runs = runs;
    }

    pub(super) fn count(&self, h: u64) -> u16 {
        self.counts.get(&h).copied().unwrap_or(0)
    }
}

pub(crate) use super::lexicon::seq_hash_step;

/// The word lists the recogniser's features read besides its own learned names: the
/// dictionary with parts of speech, every gazetteer form of two chars or more, and the
/// organisation suffixes. A model is trained against one lexicon and tags with the same.
pub struct Lexicon {
    /// Dictionary words (jieba's) with a coarse part of speech.
    pub words: WordList,
    /// Every gazetteer form of at least two chars.
    pub places: FormIndex,
    /// The organisation suffixes, reversed, so a scan backwards from a position finds
    /// suffixes ending there.
    org_suffixes: FormIndex,
}

impl Lexicon {
    /// The lexicon of `words` (`word<TAB>part of speech` lines) and `gazetteer`'s forms.
    pub fn new(words: WordList, gazetteer: &lexicon::Gazetteer) -> Lexicon {
        let places = FormIndex::build(gazetteer.form_keys().filter(|k| k.chars().count() >= 2));
        let reversed: Vec<String> = (lexicon::ORG_SUFFIXES.iter())
            .map(|s| s.chars().rev().collect())
            .collect();
        Lexicon {
            words,
            places,
            org_suffixes: FormIndex::build(reversed.iter().map(String::as_str)),
        }
    }
}

/// Empties each of `vs` and fills it with `n` copies of `fill` (keeping its allocation).
fn refill<'a, T: Clone + 'a>(n: usize, fill: T, vs: impl IntoIterator<Item = &'a mut Vec<T>>) {
    for v in vs {
        v.clear();
        v.resize(n, fill.clone());
    }
}

/// Marks a match of `l` chars at `i` in a begin and an end feature (`[begin, end]`): the entry
/// at `i` and the one at the match's last char become `entry(class)` unless they hold a match
/// at least as long (`class_of`), the class being `l` capped at 4. Returns the class and the
/// chars strictly inside the match.
fn mark_ends<T>(
    [begin, end]: [&mut Vec<T>; 2],
    i: usize,
    l: usize,
    entry: impl Fn(u8) -> T,
    class_of: impl Fn(&T) -> u8,
) -> (u8, std::ops::Range<usize>) {
    let lc = l.min(4) as u8;
    let e = i + l - 1;
    for (v, at) in [(begin, i), (end, e)] {
        if class_of(&v[at]) < lc {
            v[at] = entry(lc);
        }
    }
    (lc, i + 1..e)
}

impl LexInfo {
    pub(super) fn compute_names(
        &mut self,
        chars: &[char],
        names: Option<&NameList>,
        exclude_fold: Option<usize>,
    ) {
        let n = chars.len();
        refill(n, (0, 0), [&mut self.name_begin, &mut self.name_end]);
        refill(n, 0, [&mut self.name_inside]);
        let Some(names) = names else { return };
        let mut mark = |i: usize, l: usize, t: u8| {
            let ends = [&mut self.name_begin, &mut self.name_end];
            let (_, inside) = mark_ends(ends, i, l, |lc| (t, lc), |&(_, lc)| lc);
            for x in &mut self.name_inside[inside] {
                *x |= t;
            }
        };
        let Some(fold) = exclude_fold else {
            // Tagging: every name is visible, the longest match counts, with its types.
            names.index.longest_at(chars, &mut self.longest);
            for (i, m) in self.longest.iter().enumerate().filter(|(_, m)| m.len > 0) {
                mark(i, usize::from(m.len), m.value);
            }
            return;
        };
        let mut lens = Vec::new();
        for i in 0..n {
            names.index.matches_at(chars, i, &mut lens);
            // Longest match visible from this sentence's fold.
            for &l in lens.iter().rev() {
                let form = &chars[i..i + l];
                let Some(t) = names.index.value_of(form) else {
                    continue;
                };
                // A list without fold bits (read from a model file) is visible to every fold.
                let folds = names
                    .folds
                    .get(&form_hash(form))
                    .copied()
                    .unwrap_or(u16::MAX);
                if folds & !(1u16 << (fold % FOLDS)) != 0 {
                    mark(i, l, t);
                    break;
                }
            }
        }
    }

    pub(super) fn compute_repeats(&mut self, chars: &[char], doc: &DocRepeats) {
        let n = chars.len();
        refill(n, 0, [&mut self.rep_begin, &mut self.rep_end]);
        if doc.counts.is_empty() {
            return;
        }
        han_run_lengths(chars, &mut self.runs);
        for (i, &run) in self.runs.iter().enumerate() {
            // A run that occurs once cannot be extended into one that occurs more often.
            let best = han_runs_from(chars, i, run)
                .take_while(|&(_, h)| doc.count(h) >= 2)
                .last()
                .map_or(0, |(len, _)| len);
            if best > 0 {
                self.rep_begin[i] = best as u8;
                let e = i + best - 1;
                self.rep_end[e] = self.rep_end[e].max(best as u8);
            }
        }
    }

    pub(super) fn compute_words(&mut self, chars: &[char], words: &WordList) {
        let n = chars.len();
        refill(n, (0, b'-'), [&mut self.word_begin, &mut self.word_end]);
        refill(n, 0, [&mut self.word_inside]);
        words.index.longest_at(chars, &mut self.longest);
        for (i, m) in self.longest.iter().enumerate().filter(|(_, m)| m.len > 0) {
            let (l, p) = (usize::from(m.len), m.value);
            let ends = [&mut self.word_begin, &mut self.word_end];
            let (lc, inside) = mark_ends(ends, i, l, |lc| (lc, p), |&(lc, _)| lc);
            for x in &mut self.word_inside[inside] {
                *x = (*x).max(lc);
            }
        }
    }

    pub(super) fn compute(&mut self, chars: &[char], lex: &Lexicon) {
        let n = chars.len();
        let counts = [
            &mut self.place_begin,
            &mut self.place_end,
            &mut self.org_end,
            &mut self.place_suffix_end,
            &mut self.org_ahead,
        ];
        refill(n, 0, counts);
        let flags = [
            &mut self.place_inside,
            &mut self.after_title,
            &mut self.before_title,
        ];
        refill(n, false, flags);
        lex.places.longest_at(chars, &mut self.longest);
        for i in 0..n {
            let l = usize::from(self.longest[i].len);
            if l > 0 {
                self.place_begin[i] = l.min(6) as u8;
                let e = i + l - 1;
                self.place_end[e] = self.place_end[e].max(l.min(6) as u8);
                for p in &mut self.place_inside[i + 1..i + l] {
                    *p = true;
                }
            }
            let t = lexicon::title_len_at(chars, i);
            if t > 0 {
                if i + t < n {
                    self.after_title[i + t] = true;
                }
                if i > 0 {
                    self.before_title[i - 1] = true;
                }
            }
        }
        // Organisation suffixes, scanning backwards from each end position.
        let orgs = &lex.org_suffixes;
        let mut lens = Vec::new();
        let mut rev: Vec<char> = Vec::with_capacity(8);
        for e in 0..n {
            rev.clear();
            rev.extend(chars[..=e].iter().rev().take(orgs.max_len()));
            orgs.matches_at(&rev, 0, &mut lens);
            if let Some(&l) = lens.last() {
                self.org_end[e] = l as u8;
            }
            if !lexicon::may_end_place_suffix(chars[e]) {
                continue;
            }
            for s in lexicon::PLACE_SUFFIXES {
                if lexicon::ends_with_at(chars, e + 1, s) {
                    self.place_suffix_end[e] =
                        self.place_suffix_end[e].max(s.chars().count() as u8);
                }
            }
        }
        // Organisation heads ahead: scan right to left.
        let mut next_end: Option<usize> = None;
        for e in (0..n).rev() {
            if class(chars[e]) != 3 {
                next_end = None;
                continue;
            }
            if self.org_end[e] > 0 {
                next_end = Some(e);
            }
            if let Some(x) = next_end {
                self.org_ahead[e] = ((x - e) as u8 + 1).min(9);
            }
        }
    }
}

/// Dictionary words (jieba's, `data/words.tsv`) with a coarse part of speech, indexed for
/// longest-match scans.
pub struct WordList {
    /// The words, each with its part of speech (`r` person, `s` place, `t` organisation, `n`,
    /// `v`, `x`).
    pub(super) index: FormIndex,
}

impl WordList {
    /// The part of speech of `word` if the list has it (`b'v'` for a verb).
    pub fn part_of_speech(&self, word: &[char]) -> Option<u8> {
        self.index.value_of(word)
    }

    /// The longest word starting at `chars[i]`, with its part of speech.
    pub fn longest_word_at(&self, chars: &[char], i: usize) -> Option<(usize, u8)> {
        let mut lens = Vec::new();
        self.index.matches_at(chars, i, &mut lens);
        let &len = lens.last()?;
        Some((len, self.index.value_of(&chars[i..i + len])?))
    }

    /// `word<TAB>part of speech` lines (`#` comments).
    pub fn parse(text: &str) -> WordList {
        let words = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .map(|(w, p)| (w, p.bytes().next().unwrap_or(b'x')));
        WordList {
            index: FormIndex::build_valued(words),
        }
    }
}

/// Names learned from the training data (the gold entities of the training split), used as
/// match features. During training each sentence only sees names from the other folds
/// (jackknifing), so the model learns how far to trust a match on text it has not seen.
pub struct NameList {
    /// The forms, each with its type bits (1 PER, 2 LOC, 4 ORG).
    pub(super) index: FormIndex,
    /// hash of a form → the folds whose training sentences it comes from (a list read from a
    /// model file keeps none: every name there is visible to every fold).
    pub(super) folds: HashMapU64<u16>,
    /// The unique forms as the model file stores them: one `type-bits form` line each.
    pub(super) lines: String,
    pub(super) count: usize,
    /// Characters that begin Chinese personal names (see [`NameStarts`]).
    pub(super) starts: NameStarts,
}

/// Folds for jackknifed name features.
pub const FOLDS: usize = 10;

pub(super) fn form_hash(chars: &[char]) -> u64 {
    chars.iter().fold(0u64, |h, &c| seq_hash_step(h, c))
}

impl NameList {
    /// Builds the list from `(form, type bits, fold)` triples.
    pub fn build(items: impl IntoIterator<Item = (String, u8, Option<usize>)>) -> NameList {
        let mut folds: HashMapU64<u16> = HashMapU64::default();
        let mut forms: std::collections::BTreeMap<String, u8> = std::collections::BTreeMap::new();
        for (f, t, fold) in items {
            let n = f.chars().count();
            if !(2..=12).contains(&n) {
                continue;
            }
            *folds.entry(super::lexicon::seq_hash(&f)).or_insert(0) |=
                fold.map_or(u16::MAX, |k| 1 << (k % FOLDS));
            *forms.entry(f).or_insert(0) |= t;
        }
        let index = FormIndex::build_valued(forms.iter().map(|(f, &t)| (f.as_str(), t)));
        let starts = NameStarts::learn(
            forms
                .iter()
                .filter(|(_, t)| *t & 1 != 0)
                .map(|(f, _)| f.as_str()),
        );
        let mut lines = String::new();
        for (f, t) in &forms {
            lines.push(char::from(*t));
            lines.push_str(f);
            lines.push('\n');
        }
        NameList {
            index,
            folds,
            lines,
            count: forms.len(),
            starts,
        }
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}
