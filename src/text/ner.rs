//! The learned recogniser: a character-level averaged perceptron over BIOES tags with Viterbi
//! decoding, for people (PER), places (LOC) and organisations (ORG).
//!
//! Features are hashed (no feature strings are stored): character n-grams in a ±3 window,
//! character classes, lexicon matches (gazetteer place names, organisation suffixes,
//! surnames, titles, dictionary words, names of the training data), and strings that recur in
//! the same document ([`DocRepeats`]). Training keeps a dense table of 2^[`TRAIN_BITS`] rows;
//! the shipped model keeps only rows that matter, quantised to `i8`, in a deflated file loaded
//! with [`Model::from_bytes`].

pub mod consistency;
mod forms;
mod lists;
mod load;
mod table;

use super::assets::{self, Asset};
use super::lexicon::{self, gazetteer};
pub use forms::{FormIndex, Longest};
use lists::NameStarts;
pub use load::ModelLoad;
use std::collections::HashMap;
use std::sync::OnceLock;
use table::{HashBits, HotTable, Slot, Table, KEY_BITS};

/// Entity types the recogniser knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    /// Person.
    Per,
    /// Place.
    Loc,
    /// Organisation.
    Org,
}

impl NerType {
    /// All types, in tag order.
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Loc, NerType::Org];
    /// MSRA's name.
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Loc => "LOC",
            NerType::Org => "ORG",
        }
    }
}

/// A BIOES tag; `0` is O, then B, I, E, S for each type.
pub type Tag = u8;
/// Number of tags: O + 4 × 3.
pub const N_TAGS: usize = 13;

/// The tag for position `pos` (0 = B, 1 = I, 2 = E, 3 = S) of type `t`.
pub fn tag(t: NerType, pos: u8) -> Tag {
    1 + (t as u8) * 4 + pos
}

fn tag_parts(tag: Tag) -> Option<(NerType, u8)> {
    if tag == 0 || tag as usize >= N_TAGS {
        return None;
    }
    Some((NerType::ALL[((tag - 1) / 4) as usize], (tag - 1) % 4))
}

/// Whether tag `b` may follow tag `a` in BIOES.
pub fn allowed(a: Tag, b: Tag) -> bool {
    let open = |t: Tag| matches!(tag_parts(t), Some((_, 0 | 1)));
    match (tag_parts(a), tag_parts(b)) {
        (_, Some((tb, 1 | 2))) => matches!(tag_parts(a), Some((ta, 0 | 1)) if ta == tb),
        _ => !open(a),
    }
}

fn allowed_start(t: Tag) -> bool {
    !matches!(tag_parts(t), Some((_, 1 | 2)))
}

fn allowed_end(t: Tag) -> bool {
    !matches!(tag_parts(t), Some((_, 0 | 1)))
}

/// A recognised span, in char offsets of the tagged sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// Type.
    pub kind: NerType,
}

/// Reads spans out of a BIOES (or BIO) tag sequence.
pub fn spans_from_tags(tags: &[Tag]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_parts(t) {
            Some((k, 0)) => open = Some((i, k)),
            Some((k, 3)) => {
                out.push(NerSpan {
                    start: i,
                    end: i + 1,
                    kind: k,
                });
                open = None;
            }
            Some((k, 2)) => {
                if let Some((s, ok)) = open.take() {
                    if ok == k {
                        out.push(NerSpan {
                            start: s,
                            end: i + 1,
                            kind: k,
                        });
                    }
                }
            }
            Some((k, _)) => {
                if !matches!(open, Some((_, ok)) if ok == k) {
                    open = None;
                }
            }
            None => open = None,
        }
    }
    out
}

/// Writes spans as BIOES tags over `n` chars.
pub fn tags_from_spans(n: usize, spans: &[NerSpan]) -> Vec<Tag> {
    let mut tags = vec![0; n];
    for s in spans.iter().filter(|s| s.end <= n && s.start < s.end) {
        if s.end - s.start == 1 {
            tags[s.start] = tag(s.kind, 3);
        } else {
            tags[s.start] = tag(s.kind, 0);
            for t in &mut tags[s.start + 1..s.end - 1] {
                *t = tag(s.kind, 1);
            }
            tags[s.end - 1] = tag(s.kind, 2);
        }
    }
    tags
}

// ---------------------------------------------------------------------------------------------
// Features

/// Bits of the dense training table.
pub const TRAIN_BITS: u32 = 24;

const BOS: char = '\u{2}';
const EOS: char = '\u{3}';

fn class(c: char) -> u32 {
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
fn mix(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
}

#[inline]
fn feat(template: u64, a: char, b: char, c: char) -> u64 {
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
struct LexInfo {
    /// Length (capped) of the longest gazetteer form starting here.
    place_begin: Vec<u8>,
    /// Length (capped) of the longest gazetteer form ending here.
    place_end: Vec<u8>,
    /// Inside some gazetteer form (not at its start).
    place_inside: Vec<bool>,
    /// Length of an organisation suffix ending here.
    org_end: Vec<u8>,
    /// Distance (capped at 9) to the nearest organisation-suffix end at or after this char,
    /// within a run of Han characters (0 = none).
    org_ahead: Vec<u8>,
    /// A position title ends right before this char.
    after_title: Vec<bool>,
    /// A position title starts right after this char.
    before_title: Vec<bool>,
    /// Length of a place suffix ending here.
    place_suffix_end: Vec<u8>,
    /// Learned-name match starting here: (type bits, length capped at 4).
    name_begin: Vec<(u8, u8)>,
    /// Learned-name match ending here.
    name_end: Vec<(u8, u8)>,
    /// Inside a learned-name match: type bits.
    name_inside: Vec<u8>,
    /// Longest dictionary word starting here: (length capped at 4, part of speech).
    word_begin: Vec<(u8, u8)>,
    /// Longest dictionary word ending here.
    word_end: Vec<(u8, u8)>,
    /// Longest dictionary word covering this char strictly inside.
    word_inside: Vec<u8>,
    /// Longest string starting here that occurs more than once in the document (0 = none).
    rep_begin: Vec<u8>,
    /// Longest such string ending here.
    rep_end: Vec<u8>,
    /// Scratch: the Han run starting at each position (see [`han_run_lengths`]).
    runs: Vec<u8>,
    /// Scratch: the longest match of a list at each position.
    longest: Vec<Longest>,
}

use super::lexicon::HashMapU64;

/// Longest repeated string the document features look at.
const REPEAT_MAX: usize = 7;

/// For each position, the length of the run of Han characters starting there, capped at
/// [`REPEAT_MAX`] (computed once, rather than a class test per character of every run).
fn han_run_lengths(chars: &[char], out: &mut Vec<u8>) {
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
fn han_runs_from(chars: &[char], i: usize, run: u8) -> impl Iterator<Item = (usize, u64)> + '_ {
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
    counts: HashMapU64<u16>,
    /// Scratch of [`DocRepeats::add`].
    runs: Vec<u8>,
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

    fn count(&self, h: u64) -> u16 {
        self.counts.get(&h).copied().unwrap_or(0)
    }
}

pub(crate) use super::lexicon::seq_hash_step;

/// The index of every gazetteer form of at least two chars.
pub(crate) fn place_forms() -> &'static FormIndex {
    static F: OnceLock<FormIndex> = OnceLock::new();
    static NONE: OnceLock<FormIndex> = OnceLock::new();
    // Like the gazetteer itself: not remembered while it is not attached.
    if !Asset::Places.is_available() {
        return NONE.get_or_init(|| FormIndex::build(std::iter::empty()));
    }
    F.get_or_init(|| FormIndex::build(gazetteer().form_keys().filter(|k| k.chars().count() >= 2)))
}

fn org_suffixes() -> &'static FormIndex {
    static F: OnceLock<FormIndex> = OnceLock::new();
    F.get_or_init(|| {
        FormIndex::build(lexicon::ORG_SUFFIXES.iter().map(|s| {
            // Index reversed so a scan backwards from a position finds suffixes ending there.
            Box::leak(s.chars().rev().collect::<String>().into_boxed_str()) as &str
        }))
    })
}

impl LexInfo {
    fn compute_names(
        &mut self,
        chars: &[char],
        names: Option<&NameList>,
        exclude_fold: Option<usize>,
    ) {
        let n = chars.len();
        for v in [&mut self.name_begin, &mut self.name_end] {
            v.clear();
            v.resize(n, (0, 0));
        }
        self.name_inside.clear();
        self.name_inside.resize(n, 0);
        let Some(names) = names else { return };
        let mut mark = |i: usize, l: usize, t: u8| {
            let lc = l.min(4) as u8;
            if self.name_begin[i].1 < lc {
                self.name_begin[i] = (t, lc);
            }
            let e = i + l - 1;
            if self.name_end[e].1 < lc {
                self.name_end[e] = (t, lc);
            }
            for x in &mut self.name_inside[i + 1..e] {
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

    fn compute_repeats(&mut self, chars: &[char], doc: &DocRepeats) {
        let n = chars.len();
        for v in [&mut self.rep_begin, &mut self.rep_end] {
            v.clear();
            v.resize(n, 0);
        }
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

    fn compute_words(&mut self, chars: &[char]) {
        let n = chars.len();
        for v in [&mut self.word_begin, &mut self.word_end] {
            v.clear();
            v.resize(n, (0, b'-'));
        }
        self.word_inside.clear();
        self.word_inside.resize(n, 0);
        words().index.longest_at(chars, &mut self.longest);
        for (i, m) in self.longest.iter().enumerate().filter(|(_, m)| m.len > 0) {
            let (l, p) = (usize::from(m.len), m.value);
            let lc = l.min(4) as u8;
            if self.word_begin[i].0 < lc {
                self.word_begin[i] = (lc, p);
            }
            let e = i + l - 1;
            if self.word_end[e].0 < lc {
                self.word_end[e] = (lc, p);
            }
            for x in &mut self.word_inside[i + 1..e] {
                *x = (*x).max(lc);
            }
        }
    }

    fn compute(&mut self, chars: &[char]) {
        let n = chars.len();
        for v in [
            &mut self.place_begin,
            &mut self.place_end,
            &mut self.org_end,
            &mut self.place_suffix_end,
            &mut self.org_ahead,
        ] {
            v.clear();
            v.resize(n, 0);
        }
        for v in [
            &mut self.place_inside,
            &mut self.after_title,
            &mut self.before_title,
        ] {
            v.clear();
            v.resize(n, false);
        }
        place_forms().longest_at(chars, &mut self.longest);
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
        let orgs = org_suffixes();
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
    index: FormIndex,
}

/// The embedded word list, parsed once. Empty, and not remembered, while a host has not yet
/// attached it (see [`assets::attach`]), so an early call cannot fix an empty list for good.
pub fn words() -> &'static WordList {
    static W: OnceLock<WordList> = OnceLock::new();
    static NONE: OnceLock<WordList> = OnceLock::new();
    if !Asset::Words.is_available() {
        return NONE.get_or_init(|| WordList::parse(""));
    }
    W.get_or_init(|| {
        let bytes = assets::inflated(Asset::Words).unwrap_or_default();
        WordList::parse(&String::from_utf8_lossy(&bytes))
    })
}

impl WordList {
    /// The part of speech of `word` if the list has it (`b'v'` for a verb).
    pub fn part_of_speech(&self, word: &[char]) -> Option<u8> {
        self.index.value_of(word)
    }

    /// `word<TAB>part of speech` lines (`#` comments).
    fn parse(text: &str) -> WordList {
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
    index: FormIndex,
    /// hash of a form → the folds whose training sentences it comes from (a list read from a
    /// model file keeps none: every name there is visible to every fold).
    folds: HashMapU64<u16>,
    /// The unique forms as the model file stores them: one `type-bits form` line each.
    lines: String,
    count: usize,
    /// Characters that begin Chinese personal names (see [`NameStarts`]).
    starts: NameStarts,
}

/// Folds for jackknifed name features.
pub const FOLDS: usize = 10;

fn form_hash(chars: &[char]) -> u64 {
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

/// Reusable scratch for feature extraction and decoding (no allocation per call once warm).
#[derive(Default)]
pub struct Context {
    lex: LexInfo,
    padded: Vec<char>,
    /// The [`class`] of each of `padded`.
    classes: Vec<u8>,
    /// Feature hashes, `FEATS_PER_POS` per position.
    feats: Vec<u64>,
    /// Best path scores per position and tag.
    scores: Vec<[f32; N_TAGS]>,
    /// Emission scores per position.
    ems: Vec<[f32; N_TAGS]>,
    /// Scratch of [`Weights::all_emissions`].
    sums: Vec<[i16; 16]>,
    /// Scratch of [`Weights::all_emissions`]: (position, key) of rows that may be cold.
    cold: Vec<(u32, u32)>,
    /// The document being tagged (kept for its allocation).
    doc: DocRepeats,
}

/// Number of feature templates per position.
pub const FEATS_PER_POS: usize = 41;

impl Context {
    fn features(
        &mut self,
        chars: &[char],
        names: Option<&NameList>,
        exclude_fold: Option<usize>,
        doc: &DocRepeats,
    ) {
        let n = chars.len();
        self.lex.compute(chars);
        self.lex.compute_repeats(chars, doc);
        self.lex.compute_names(chars, names, exclude_fold);
        self.lex.compute_words(chars);
        self.padded.clear();
        self.padded.extend([BOS, BOS, BOS]);
        self.padded.extend_from_slice(chars);
        self.padded.extend([EOS, EOS, EOS]);
        self.classes.clear();
        self.classes
            .extend(self.padded.iter().map(|&c| class(c) as u8 + b'0'));
        self.feats.clear();
        let p = &self.padded;
        let classes = &self.classes;
        let l = &self.lex;
        for i in 0..n {
            let c = |d: isize| p[(i as isize + 3 + d) as usize];
            let cl = |d: isize| char::from(classes[(i as isize + 3 + d) as usize]);
            let surname1 = lexicon::is_surname_char(c(0)) as u32;
            let f: [u64; FEATS_PER_POS] = [
                feat(1, c(0), ' ', ' '),
                feat(2, c(-1), ' ', ' '),
                feat(3, c(1), ' ', ' '),
                feat(4, c(-2), ' ', ' '),
                feat(5, c(2), ' ', ' '),
                feat(6, c(-1), c(0), ' '),
                feat(7, c(0), c(1), ' '),
                feat(8, c(-2), c(-1), ' '),
                feat(9, c(1), c(2), ' '),
                feat(10, c(-1), c(1), ' '),
                feat(11, c(-1), c(0), c(1)),
                feat(12, cl(-1), cl(0), cl(1)),
                feat(13, char::from(l.place_begin[i] + 48), c(0), ' '),
                feat(14, char::from(l.place_end[i] + 48), c(0), ' '),
                feat(
                    15,
                    if l.place_inside[i] { 'y' } else { 'n' },
                    char::from(l.place_begin[i].min(1) + 48),
                    char::from(l.place_end[i].min(1) + 48),
                ),
                feat(16, char::from(l.org_end[i] + 48), ' ', ' '),
                feat(
                    17,
                    char::from(l.org_end.get(i + 1).copied().unwrap_or(0) + 48),
                    c(0),
                    ' ',
                ),
                feat(
                    18,
                    if l.after_title[i] { 'y' } else { 'n' },
                    char::from(surname1 as u8 + 48),
                    ' ',
                ),
                feat(19, if l.before_title[i] { 'y' } else { 'n' }, c(0), ' '),
                feat(20, char::from(l.place_suffix_end[i] + 48), ' ', ' '),
                feat(21, char::from(surname1 as u8 + 48), c(1), cl(-1)),
                feat(22, c(0), c(1), c(2)),
                feat(23, c(-2), c(-1), c(0)),
                feat(
                    24,
                    char::from(l.name_begin[i].0 + 48),
                    char::from(l.name_begin[i].1 + 48),
                    ' ',
                ),
                feat(
                    25,
                    char::from(l.name_end[i].0 + 48),
                    char::from(l.name_end[i].1 + 48),
                    ' ',
                ),
                feat(
                    26,
                    char::from(l.name_inside[i] + 48),
                    char::from(l.name_begin[i].0 + 48),
                    char::from(l.name_end[i].0 + 48),
                ),
                feat(27, c(-3), ' ', ' '),
                feat(28, c(3), ' ', ' '),
                feat(29, char::from(l.name_begin[i].0 + 48), c(0), ' '),
                feat(
                    30,
                    char::from(l.word_begin[i].0 + 48),
                    char::from(l.word_begin[i].1),
                    ' ',
                ),
                feat(
                    31,
                    char::from(l.word_end[i].0 + 48),
                    char::from(l.word_end[i].1),
                    ' ',
                ),
                feat(
                    32,
                    char::from(l.word_inside[i] + 48),
                    char::from(l.word_begin[i].0 + 48),
                    char::from(l.word_end[i].0 + 48),
                ),
                feat(
                    33,
                    char::from(l.word_begin[i].1),
                    char::from(l.word_end[i].1),
                    c(0),
                ),
                feat(34, char::from(l.org_ahead[i] + 48), c(0), ' '),
                feat(
                    35,
                    char::from(l.org_ahead[i] + 48),
                    char::from(l.word_begin[i].1),
                    char::from(if i > 0 {
                        l.place_end[i - 1].min(1) + 48
                    } else {
                        b'0'
                    }),
                ),
                feat(
                    36,
                    char::from(l.word_begin[i].0 + 48),
                    char::from(l.word_begin[i].1),
                    c(0),
                ),
                feat(
                    37,
                    char::from(l.word_end[i].0 + 48),
                    char::from(l.word_end[i].1),
                    c(0),
                ),
                feat(
                    38,
                    char::from(l.rep_begin[i] + 48),
                    char::from(l.rep_end[i] + 48),
                    char::from(l.word_begin[i].0 + 48),
                ),
                feat(39, char::from(l.rep_begin[i] + 48), c(0), ' '),
                feat(40, char::from(l.rep_end[i] + 48), c(0), ' '),
                feat(0, ' ', ' ', ' '), // bias
            ];
            self.feats.extend_from_slice(&f);
        }
    }
}

/// What a model provides to the decoder: emission scores per position and transition scores.
trait Weights {
    /// The emission scores of every position of `ctx.feats` (`FEATS_PER_POS` each), into
    /// `ctx.ems`.
    fn all_emissions(&self, ctx: &mut Context);
    fn transition(&self, from: Tag, to: Tag) -> f32;
}

/// Transition scores with the BIOES constraints folded in (−∞ where not allowed), so decoding
/// is a plain max-plus product.
fn masked_transitions<W: Weights>(w: &W) -> [[f32; N_TAGS]; N_TAGS] {
    let mut t = [[f32::NEG_INFINITY; N_TAGS]; N_TAGS];
    for (a, row) in t.iter_mut().enumerate() {
        for (b, v) in row.iter_mut().enumerate() {
            if allowed(a as Tag, b as Tag) {
                *v = w.transition(a as Tag, b as Tag);
            }
        }
    }
    t
}

/// Tags after which an entity may start or the outside begin: O, then E and S of each type.
const CLOSED: [usize; 7] = [0, 3, 4, 7, 8, 11, 12];
/// Tags that may follow a [`CLOSED`] one: O, then B and S of each type. The others (I and E of
/// type `x`, `2 + 4x` and `3 + 4x`) may only follow B or I of their type (`1 + 4x`, `2 + 4x`).
const OPENING: [usize; 7] = [0, 1, 4, 5, 8, 9, 12];

/// The best score of reaching tag `t` from the scores `prev` of the position before, over the
/// tags BIOES lets precede `t` (61 pairs of 169).
#[inline(always)]
fn best_into(prev: &[f32; N_TAGS], trans: &[[f32; N_TAGS]; N_TAGS], t: usize) -> f32 {
    // `if >` rather than `f32::max`: a plain maximum instruction, and no NaN can arise.
    let max = |a: f32, b: f32| if b > a { b } else { a };
    if OPENING.contains(&t) {
        CLOSED
            .iter()
            .fold(f32::NEG_INFINITY, |m, &s| max(m, prev[s] + trans[s][t]))
    } else {
        let b = 1 + (t - 1) / 4 * 4;
        max(prev[b] + trans[b][t], prev[b + 1] + trans[b + 1][t])
    }
}

/// Viterbi decoding. The forward pass keeps only each position's scores, with maxima and no
/// branches (which tag wins is what no predictor can guess, 13 times a character); the
/// backward pass then finds, once per position, the tag the best path came from.
fn viterbi<W: Weights>(
    w: &W,
    trans: &[[f32; N_TAGS]; N_TAGS],
    ctx: &mut Context,
    n: usize,
    out: &mut Vec<Tag>,
) {
    out.clear();
    if n == 0 {
        return;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    w.all_emissions(ctx);
    // One row per position (`feats` has them all; this only keeps indexing in bounds).
    ctx.ems.resize(n, [0.0; N_TAGS]);
    let scores = &mut ctx.scores;
    scores.clear();
    scores.push(std::array::from_fn(|t| {
        if allowed_start(t as Tag) {
            ctx.ems[0][t]
        } else {
            NEG
        }
    }));
    for em in &ctx.ems[1..n] {
        let prev = scores[scores.len() - 1];
        scores.push(std::array::from_fn(|t| best_into(&prev, trans, t) + em[t]));
    }
    let last = scores[n - 1];
    let mut best = 0;
    let mut best_v = NEG;
    for (t, &v) in last.iter().enumerate() {
        if allowed_end(t as Tag) && v > best_v {
            best_v = v;
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as Tag;
    for i in (1..n).rev() {
        // The first predecessor (in tag order) whose path reaches the best score: the one
        // the old all-pairs argmax chose.
        let t = out[i] as usize;
        let prev = &scores[i - 1];
        let mut arg = 0;
        let mut best_v = NEG;
        for (s, row) in trans.iter().enumerate() {
            let v = prev[s] + row[t];
            if v > best_v {
                best_v = v;
                arg = s;
            }
        }
        out[i - 1] = arg as Tag;
    }
}

// ---------------------------------------------------------------------------------------------
// Training

/// An averaged perceptron being trained; dense and large, native only in practice.
pub struct Trainer {
    mask: u64,
    w: Vec<f32>,
    /// Sum of (timestamp × update), for lazy averaging.
    u: Vec<f32>,
    trans: [f32; N_TAGS * N_TAGS],
    trans_u: [f32; N_TAGS * N_TAGS],
    t: f32,
    ctx: Context,
    pred: Vec<Tag>,
    names: Option<NameList>,
}

struct Dense<'a>(&'a Trainer);

impl Weights for Dense<'_> {
    fn all_emissions(&self, ctx: &mut Context) {
        let ems = ctx.feats.chunks_exact(FEATS_PER_POS).map(|feats| {
            let mut em = [0f32; N_TAGS];
            for &f in feats {
                let row = ((f & self.0.mask) as usize) * N_TAGS;
                for (a, b) in em.iter_mut().zip(&self.0.w[row..row + N_TAGS]) {
                    *a += b;
                }
            }
            em
        });
        ctx.ems.clear();
        ctx.ems.extend(ems);
    }
    fn transition(&self, a: Tag, b: Tag) -> f32 {
        self.0.trans[a as usize * N_TAGS + b as usize]
    }
}

impl Trainer {
    /// A fresh trainer with 2^`bits` feature rows and optional learned names (built with
    /// fold numbers, see [`NameList`]).
    pub fn new(bits: u32, names: Option<NameList>) -> Trainer {
        let rows = 1usize << bits;
        Trainer {
            mask: (rows - 1) as u64,
            w: vec![0.0; rows * N_TAGS],
            u: vec![0.0; rows * N_TAGS],
            trans: [0.0; N_TAGS * N_TAGS],
            trans_u: [0.0; N_TAGS * N_TAGS],
            t: 1.0,
            ctx: Context::default(),
            pred: Vec::new(),
            names,
        }
    }

    /// One perceptron step on a sentence of fold `fold`; returns whether the prediction was
    /// already right.
    /// `doc` holds the sentence's document (see [`DocRepeats`]).
    pub fn learn(&mut self, chars: &[char], gold: &[Tag], fold: usize, doc: &DocRepeats) -> bool {
        let n = chars.len();
        let mut ctx = std::mem::take(&mut self.ctx);
        let mut pred = std::mem::take(&mut self.pred);
        ctx.features(chars, self.names.as_ref(), Some(fold), doc);
        let trans = masked_transitions(&Dense(self));
        viterbi(&Dense(self), &trans, &mut ctx, n, &mut pred);
        let correct = pred == gold;
        if !correct {
            let t = self.t;
            for i in 0..n {
                if pred[i] != gold[i] {
                    for &f in &ctx.feats[i * FEATS_PER_POS..(i + 1) * FEATS_PER_POS] {
                        let row = ((f & self.mask) as usize) * N_TAGS;
                        self.w[row + gold[i] as usize] += 1.0;
                        self.u[row + gold[i] as usize] += t;
                        self.w[row + pred[i] as usize] -= 1.0;
                        self.u[row + pred[i] as usize] -= t;
                    }
                }
                if i > 0 && (pred[i] != gold[i] || pred[i - 1] != gold[i - 1]) {
                    let g = gold[i - 1] as usize * N_TAGS + gold[i] as usize;
                    let p = pred[i - 1] as usize * N_TAGS + pred[i] as usize;
                    self.trans[g] += 1.0;
                    self.trans_u[g] += t;
                    self.trans[p] -= 1.0;
                    self.trans_u[p] -= t;
                }
            }
        }
        self.t += 1.0;
        self.ctx = ctx;
        self.pred = pred;
        correct
    }

    /// The averaged weights as a compact model: rows whose largest absolute weight is below
    /// `prune` (in weight units) are dropped; the rest are quantised to `i8`.
    pub fn finish(mut self, prune: f32) -> Model {
        let t = self.t;
        let avg = |w: f32, u: f32| w - u / t;
        let rows = self.w.len() / N_TAGS;
        let mut max_abs = 0f32;
        let mut kept: Vec<(u32, [f32; N_TAGS])> = Vec::new();
        for r in 0..rows {
            let mut v = [0f32; N_TAGS];
            let mut m = 0f32;
            for (k, x) in v.iter_mut().enumerate() {
                *x = avg(self.w[r * N_TAGS + k], self.u[r * N_TAGS + k]);
                m = m.max(x.abs());
            }
            if m >= prune && m > 0.0 {
                max_abs = max_abs.max(m);
                kept.push((r as u32, v));
            }
        }
        let scale = if max_abs > 0.0 { max_abs / 127.0 } else { 1.0 };
        let mut trans = [0f32; N_TAGS * N_TAGS];
        for (k, t_) in trans.iter_mut().enumerate() {
            *t_ = avg(self.trans[k], self.trans_u[k]) / scale;
        }
        let rows_q: Vec<(u32, [i8; N_TAGS])> = kept
            .into_iter()
            .map(|(r, v)| (r, v.map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)))
            .collect();
        let names = self.names.take();
        let bits = self.mask.count_ones();
        let cold = rows_q
            .into_iter()
            .map(|(key, w)| Slot::new(key, w))
            .collect();
        let cold = Table::new(cold, bits, false);
        Model::new(self.mask, trans, HotTable::new(), cold, names)
    }
}

// ---------------------------------------------------------------------------------------------
// The shipped model

/// A trained, quantised model: sparse rows in open-addressing tables whose slots hold the key
/// and the weights together (one piece of a cache line per feature lookup); the most used rows
/// apart in a small table (see [`table`]).
pub struct Model {
    mask: u64,
    trans: [f32; N_TAGS * N_TAGS],
    /// The rows most used on the training text.
    hot: HotTable,
    /// The other rows.
    cold: Table,
    /// The keys of `cold` (see [`row_hash`]), so that most absent rows, pruned features, are
    /// known absent without a cache miss.
    cold_keys: HashBits,
    /// Transitions with the BIOES constraints folded in.
    masked: [[f32; N_TAGS]; N_TAGS],
    names: Option<NameList>,
}

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// Not deflated data.
    #[error("model file is not zlib data")]
    Compression,
    /// Wrong magic or version.
    #[error("not a guanxi NER model (bad header)")]
    Header,
    /// Shorter than its header says.
    #[error("model file is truncated")]
    Truncated,
    /// A step asked of a load that has given its model already.
    #[error("the model is loaded already")]
    Finished,
}

/// The keys of a model's cold rows, as [`Model::cold_keys`] holds them.
fn cold_key_bits(keys: impl Iterator<Item = u32>) -> HashBits {
    let mut bits = HashBits::new();
    for k in keys {
        bits.insert(row_hash(k));
    }
    bits
}

/// A row key (at most [`KEY_BITS`] bits, from a hash already) in the high bits a [`HashBits`]
/// looks at.
#[inline]
fn row_hash(key: u32) -> u64 {
    u64::from(key) << (64 - KEY_BITS)
}

/// Rows or forms handled per call while a model or lexicon loads (see `text::ner::load`).
pub(crate) const LOAD_CHUNK: usize = 2048;

/// Version 2 stores the hot rows first; version 1 (no hot rows) still loads.
const MAGIC: &[u8; 8] = b"GXNER\x00\x02\x00";
const MAGIC_V1: &[u8; 8] = b"GXNER\x00\x01\x00";

impl Model {
    /// A model of `hot` and `cold` rows (see [`table`]).
    fn new(
        mask: u64,
        trans: [f32; N_TAGS * N_TAGS],
        hot: HotTable,
        cold: Table,
        names: Option<NameList>,
    ) -> Model {
        let cold_keys = cold_key_bits(cold.iter().map(Slot::key));
        Model::with_cold_keys(mask, trans, hot, cold, cold_keys, names)
    }

    /// A model whose `cold_keys` (see [`cold_key_bits`]) are known already.
    fn with_cold_keys(
        mask: u64,
        trans: [f32; N_TAGS * N_TAGS],
        hot: HotTable,
        cold: Table,
        cold_keys: HashBits,
        names: Option<NameList>,
    ) -> Model {
        let mut m = Model {
            mask,
            trans,
            hot,
            cold,
            cold_keys,
            masked: [[0.0; N_TAGS]; N_TAGS],
            names,
        };
        m.masked = masked_transitions(&m);
        m
    }

    fn key_bits(&self) -> u32 {
        self.mask.count_ones()
    }

    /// Number of kept feature rows.
    pub fn rows(&self) -> usize {
        self.hot.rows() + self.cold.rows()
    }

    /// Number of those in the hot table (see [`Model::with_hot_rows`]).
    pub fn hot_rows(&self) -> usize {
        self.hot.rows()
    }

    /// Counts how often each kept row is used to tag `chars` (a sentence of the document
    /// `doc`), for [`Model::with_hot_rows`].
    pub fn count_rows(
        &self,
        chars: &[char],
        doc: &DocRepeats,
        ctx: &mut Context,
        counts: &mut HashMap<u32, u64>,
    ) {
        ctx.features(chars, self.names.as_ref(), None, doc);
        for &f in &ctx.feats {
            let key = (f & self.mask) as u32;
            if self.hot.slot(key).key() == key || self.cold.get(key).is_some() {
                *counts.entry(key).or_default() += 1;
            }
        }
    }

    /// The same model with the rows that `counts` (from [`Model::count_rows`] over typical
    /// text) uses most in the hot table: each row in order of use takes its hot slot if no
    /// more used row has. Ties go to the smaller key, so the choice is reproducible.
    pub fn with_hot_rows(self, counts: &HashMap<u32, u64>) -> Model {
        let mut rows: Vec<(u64, Slot)> = self
            .hot
            .iter()
            .chain(self.cold.iter())
            .map(|r| (counts.get(&r.key()).copied().unwrap_or(0), *r))
            .collect();
        rows.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.key().cmp(&b.1.key())));
        let mut hot = HotTable::new();
        let cold = rows
            .into_iter()
            .filter(|&(used, r)| used == 0 || !hot.place(r))
            .map(|(_, r)| r)
            .collect();
        let cold = Table::new(cold, self.key_bits(), false);
        Model::new(self.mask, self.trans, hot, cold, self.names)
    }

    /// Serialises the model (deflated; keys delta-encoded so they compress).
    pub fn to_bytes(&self) -> Vec<u8> {
        // The hot rows, then the cold ones, each in key order.
        let mut hot: Vec<Slot> = self.hot.iter().copied().collect();
        let mut cold: Vec<Slot> = self.cold.iter().copied().collect();
        hot.sort_by_key(Slot::key);
        cold.sort_by_key(Slot::key);
        let order = [hot, cold].concat();
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&self.key_bits().to_le_bytes());
        raw.extend_from_slice(&(order.len() as u32).to_le_bytes());
        raw.extend_from_slice(&(self.hot.rows() as u32).to_le_bytes());
        for t in &self.trans {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        for run in [&order[..self.hot.rows()], &order[self.hot.rows()..]] {
            let mut prev = 0u32;
            for s in run {
                write_varint(&mut raw, s.key() - prev);
                prev = s.key();
            }
        }
        // Weights column-major (all rows' tag 0, then tag 1, …): zeros cluster and compress.
        for tag in 0..N_TAGS {
            for s in &order {
                raw.push(s.weights()[tag] as u8);
            }
        }
        // Learned names: count, then `type-bits form\n` lines.
        let (count, lines) = self
            .names
            .as_ref()
            .map_or((0, ""), |n| (n.count, n.lines.as_str()));
        raw.extend_from_slice(&(count as u32).to_le_bytes());
        raw.extend_from_slice(lines.as_bytes());
        miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9)
    }

    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        // The shipped model inflates to 2.4 MB: a file that inflates past this is no model
        // (a few KB of zlib can claim gigabytes).
        const MAX_INFLATED: usize = 256 << 20;
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, MAX_INFLATED)
            .map_err(|_| ModelError::Compression)?;
        Model::from_inflated(&raw)
    }

    /// Loads a model from the inflated contents of a file written by [`Model::to_bytes`].
    pub fn from_inflated(raw: &[u8]) -> Result<Model, ModelError> {
        let mut load = ModelLoad::new(raw)?;
        loop {
            if let Some(model) = load.step()? {
                return Ok(model);
            }
        }
    }

    /// Makes the outside tag `by` less likely at every position but the first (in quantised
    /// weight units), trading precision for recall; chosen on the development set.
    pub fn shift_outside(&mut self, by: f32) {
        for from in 0..N_TAGS {
            self.trans[from * N_TAGS] -= by;
        }
        self.masked = masked_transitions(self);
    }

    /// Tags a sequence of chars that is a document of its own, reusing `ctx` scratch.
    pub fn tag(&self, chars: &[char], ctx: &mut Context, out: &mut Vec<Tag>) {
        let mut doc = std::mem::take(&mut ctx.doc);
        doc.clear();
        doc.add(chars);
        self.tag_in(chars, &doc, ctx, out);
        ctx.doc = doc;
    }

    /// Tags a sentence of the document `doc`.
    pub fn tag_in(&self, chars: &[char], doc: &DocRepeats, ctx: &mut Context, out: &mut Vec<Tag>) {
        ctx.features(chars, self.names.as_ref(), None, doc);
        viterbi(self, &self.masked, ctx, chars.len(), out);
    }

    /// The spans of `tags` (as [`Model::tag_in`] wrote them for `chars`), with lists of
    /// person names that ran together read again as lists (see [`lists::resegment`]).
    pub fn spans(&self, chars: &[char], tags: &[Tag]) -> Vec<NerSpan> {
        let spans = spans_from_tags(tags);
        match &self.names {
            // Tags of some other text than `chars` are read as they are.
            Some(names) if tags.len() == chars.len() => lists::resegment(chars, spans, names),
            _ => spans,
        }
    }

    /// Recognises spans in `chars`, tagging sentence by sentence (long inputs are cut at
    /// sentence punctuation so that decoding stays linear and features stay local).
    pub fn recognise(&self, chars: &[char], ctx: &mut Context) -> Vec<NerSpan> {
        let mut out = Vec::new();
        let mut tags = Vec::new();
        let mut doc = std::mem::take(&mut ctx.doc);
        doc.clear();
        doc.add(chars);
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            let cut = matches!(c, '。' | '！' | '？' | '\n' | '；')
                || i + 1 == chars.len()
                || i - start >= 400;
            if cut {
                let seg = &chars[start..=i];
                self.tag_in(seg, &doc, ctx, &mut tags);
                out.extend(self.spans(seg, &tags).into_iter().map(|s| NerSpan {
                    start: s.start + start,
                    end: s.end + start,
                    kind: s.kind,
                }));
                start = i + 1;
            }
        }
        ctx.doc = doc;
        out
    }
}

impl Weights for Model {
    /// Sums whole slots as 16 lanes of `i16` (41 features of at most ±128 cannot overflow):
    /// one vector add per feature where the target has SIMD, and no conversions until the end.
    /// The whole sentence at once: hot rows first (in cache), without a branch — a slot
    /// holding another key adds nothing; then the keys that may be cold, after every one's
    /// home slot has been touched with loads no branch depends on, so that the cache misses
    /// of the whole sentence overlap instead of waiting one by one behind the probe loops.
    fn all_emissions(&self, ctx: &mut Context) {
        /// Adds a slot's lanes.
        #[inline(always)]
        fn add(acc: &mut [i16; 16], slot: &Slot) {
            for (a, &w) in acc.iter_mut().zip(&slot.0) {
                *a = a.wrapping_add(i16::from(w));
            }
        }
        static NOTHING: Slot = Slot([0; 16]);
        ctx.sums.clear();
        // Room for every key; `n_cold` counts the ones kept (written always, kept by adding
        // 0 or 1: whether the hot slot had the key is no branch either).
        if ctx.cold.len() < ctx.feats.len() {
            ctx.cold.resize(ctx.feats.len(), (0, 0));
        }
        let mut n_cold = 0;
        for (pos, feats) in ctx.feats.chunks_exact(FEATS_PER_POS).enumerate() {
            let mut acc = [0i16; 16];
            for &f in feats {
                let key = (f & self.mask) as u32;
                let slot = self.hot.slot(key);
                let hit = slot.key() == key;
                add(
                    &mut acc,
                    std::hint::select_unpredictable(hit, slot, &NOTHING),
                );
                if let Some(c) = ctx.cold.get_mut(n_cold) {
                    *c = (pos as u32, key);
                }
                n_cold += usize::from(!hit & self.cold_keys.may_have(row_hash(key)));
            }
            ctx.sums.push(acc);
        }
        let cold = &ctx.cold[..n_cold.min(ctx.cold.len())];
        let mut touched = 0i8;
        for &(_, key) in cold {
            touched ^= self.cold.home(key).0[0];
        }
        std::hint::black_box(touched);
        for &(pos, key) in cold {
            if let (Some(slot), Some(acc)) = (self.cold.get(key), ctx.sums.get_mut(pos as usize)) {
                add(acc, slot);
            }
        }
        ctx.ems.clear();
        ctx.ems.extend(
            ctx.sums
                .iter()
                .map(|acc| std::array::from_fn(|k| f32::from(acc[k]))),
        );
    }

    fn transition(&self, a: Tag, b: Tag) -> f32 {
        self.trans[a as usize * N_TAGS + b as usize]
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The model shipped in `data/ner.model` (trained by `guanxi train-ner`), or `None` when the
/// file is absent or unreadable (the rules still run).
pub fn shipped() -> Option<&'static Model> {
    // Not attached yet (see `words`): no model now, and none remembered.
    if !Asset::NerModel.is_available() {
        return None;
    }
    SHIPPED
        .get_or_init(|| {
            // A load under way (see `load_shipped_step`) is finished, not started again.
            let under_way = LOADING.lock().ok().and_then(|mut l| l.take());
            let loaded = match under_way {
                Some(mut load) => loop {
                    match load.step() {
                        Ok(Some(model)) => break Some(model),
                        Ok(None) => {}
                        Err(_) => break None,
                    }
                },
                None => assets::inflated(Asset::NerModel)
                    .and_then(|raw| Model::from_inflated(&raw).ok()),
            };
            // Bytes provided from outside that do not load: the embedded copy.
            loaded.or_else(|| Model::from_inflated(&assets::inflate(Asset::NerModel)?).ok())
        })
        .as_ref()
}

static SHIPPED: OnceLock<Option<Model>> = OnceLock::new();
/// The shipped model on its way in, a step at a time.
static LOADING: std::sync::Mutex<Option<ModelLoad<Vec<u8>>>> = std::sync::Mutex::new(None);

/// Does the next step of loading the shipped model (a few milliseconds of work: the first
/// reads the header, the rest are [`ModelLoad::step`]s); whether it is loaded (or cannot
/// be) now. A page calls it in idle time, so that [`shipped`] costs nothing when first asked;
/// asked before, it finishes the steps left.
pub fn load_shipped_step() -> bool {
    if SHIPPED.get().is_some() || !Asset::NerModel.is_available() {
        return true;
    }
    let Ok(mut loading) = LOADING.lock() else {
        return true;
    };
    let done = match loading.as_mut() {
        None => match assets::inflated(Asset::NerModel).map(ModelLoad::new) {
            Some(Ok(load)) => {
                *loading = Some(load);
                return false;
            }
            // Damaged or not provided: `shipped` tries the embedded copy, below.
            _ => None,
        },
        Some(load) => match load.step() {
            Ok(None) => return false,
            Ok(Some(model)) => Some(model),
            Err(_) => None,
        },
    };
    *loading = None;
    drop(loading);
    match done {
        Some(model) => {
            let _already = SHIPPED.set(Some(model));
        }
        None => {
            let _model = shipped();
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn bioes_round_trip_and_constraints() {
        let spans = vec![
            NerSpan {
                start: 0,
                end: 2,
                kind: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 4,
                kind: NerType::Loc,
            },
            NerSpan {
                start: 5,
                end: 9,
                kind: NerType::Org,
            },
        ];
        let tags = tags_from_spans(10, &spans);
        assert_eq!(spans_from_tags(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]), "{w:?}");
        }
        assert!(!allowed(tag(NerType::Per, 0), 0));
        assert!(!allowed(0, tag(NerType::Loc, 1)));
        assert!(!allowed(tag(NerType::Per, 0), tag(NerType::Loc, 2)));
    }

    #[test]
    fn perceptron_learns_a_toy_language() {
        // Names are 2-3 chars after 叫; places end in 市.
        let per = |n: usize| {
            vec![NerSpan {
                start: 2,
                end: 2 + n,
                kind: NerType::Per,
            }]
        };
        let loc = |n: usize| {
            vec![NerSpan {
                start: 2,
                end: 2 + n,
                kind: NerType::Loc,
            }]
        };
        let data = [
            ("他叫王小明。", per(3)),
            ("我去甲乙市。", loc(3)),
            ("她叫李红。", per(2)),
            ("你去丙丁市。", loc(3)),
            ("他叫孙大刚。", per(3)),
            ("我去庚辛壬市。", loc(4)),
            ("她叫周小丽。", per(3)),
            ("他去癸子市。", loc(3)),
            ("她去丑寅卯市。", loc(4)),
            ("你去辰巳市。", loc(3)),
        ];
        let mut tr = Trainer::new(16, None);
        for _ in 0..10 {
            for (s, sp) in &data {
                let c = chars(s);
                tr.learn(&c, &tags_from_spans(c.len(), sp), 0, &DocRepeats::default());
            }
        }
        let model = tr.finish(0.0);
        let model = Model::from_bytes(&model.to_bytes()).expect("round trip");
        let mut ctx = Context::default();
        let got = model.recognise(&chars("他叫赵小刚。我去戊己市。"), &mut ctx);
        assert_eq!(
            got,
            vec![
                NerSpan {
                    start: 2,
                    end: 5,
                    kind: NerType::Per
                },
                NerSpan {
                    start: 8,
                    end: 11,
                    kind: NerType::Loc
                },
            ]
        );
    }

    #[test]
    fn repeats_mark_the_longest_string_recurring_in_the_document() {
        let doc_text = chars("柯文远说，今天下雨。记者见到柯文远时，他在读书。");
        let mut doc = DocRepeats::default();
        doc.add(&doc_text);
        let mut ctx = Context::default();
        let sentence = chars("记者见到柯文远时，他在读书。");
        ctx.features(&sentence, None, None, &doc);
        // 柯文远 recurs (2 times), and so does nothing longer starting at 柯.
        assert_eq!(ctx.lex.rep_begin[4], 3);
        assert_eq!(ctx.lex.rep_end[6], 3);
        // 记者见到 occurs once: no repeat starts at 记.
        assert_eq!(ctx.lex.rep_begin[0], 0);
        // Punctuation breaks runs.
        assert_eq!(ctx.lex.rep_begin[8], 0);
        // Alone, the sentence repeats nothing.
        let mut alone = DocRepeats::default();
        alone.add(&sentence);
        ctx.features(&sentence, None, None, &alone);
        assert!(ctx.lex.rep_begin.iter().all(|&r| r == 0));
    }

    #[test]
    fn outside_shift_survives_the_model_file() {
        let mut tr = Trainer::new(12, None);
        let c = chars("他叫王小明。");
        let sp = [NerSpan {
            start: 2,
            end: 5,
            kind: NerType::Per,
        }];
        tr.learn(
            &c,
            &tags_from_spans(c.len(), &sp),
            0,
            &DocRepeats::default(),
        );
        let mut model = tr.finish(0.0);
        let before = model.trans;
        model.shift_outside(5.0);
        let model = Model::from_bytes(&model.to_bytes()).expect("round trip");
        for from in 0..N_TAGS {
            assert_eq!(model.trans[from * N_TAGS], before[from * N_TAGS] - 5.0);
            assert_eq!(model.trans[from * N_TAGS + 1], before[from * N_TAGS + 1]);
        }
    }

    #[test]
    #[cfg_attr(debug_assertions, ignore = "compresses 300 MB: run with --release")]
    fn model_file_that_inflates_past_any_model_is_refused_while_inflating() {
        // 300 MB of zeros deflate to about 300 KB: refused at the limit, not inflated whole.
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&vec![0u8; 300 << 20], 1);
        assert!(bomb.len() < 2 << 20);
        assert_eq!(
            Model::from_bytes(&bomb).err(),
            Some(ModelError::Compression)
        );
    }

    #[test]
    fn model_file_rejects_garbage() {
        assert_eq!(
            Model::from_bytes(b"nope").err(),
            Some(ModelError::Compression)
        );
        let junk = miniz_oxide::deflate::compress_to_vec_zlib(b"GXNER\x00\x01\x00\x10", 6);
        assert_eq!(Model::from_bytes(&junk).err(), Some(ModelError::Truncated));
        let bad = miniz_oxide::deflate::compress_to_vec_zlib(b"XXXXXXXXXXXXXXXXXXXXXXX", 6);
        assert_eq!(Model::from_bytes(&bad).err(), Some(ModelError::Header));
        // More hot rows than rows.
        let mut raw = MAGIC.to_vec();
        for v in [20u32, 3, 4] {
            raw.extend_from_slice(&v.to_le_bytes());
        }
        let hot = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert_eq!(Model::from_bytes(&hot).err(), Some(ModelError::Header));
    }

    #[test]
    fn decoder_shortcuts_are_the_bioes_rules() {
        for t in 0..N_TAGS {
            let preds: Vec<usize> = (0..N_TAGS)
                .filter(|&s| allowed(s as Tag, t as Tag))
                .collect();
            let want = if OPENING.contains(&t) {
                CLOSED.to_vec()
            } else {
                let b = 1 + (t - 1) / 4 * 4;
                vec![b, b + 1]
            };
            assert_eq!(preds, want, "before tag {t}");
        }
    }

    #[test]
    fn hash_bits_hold_what_went_in_and_answer_no_elsewhere() {
        let mut bits = HashBits::new();
        let keys = [0u32, 1, 0x00AB_CDEF, 0x00FF_FFFE];
        for k in keys {
            bits.insert(row_hash(k));
        }
        bits.insert(0xDEAD_BEEF_0000_0000);
        for k in keys {
            assert!(bits.may_have(row_hash(k)), "{k:x}");
        }
        assert!(bits.may_have(0xDEAD_B123_4567_89AB), "same top 20 bits");
        // Keys differing in their top 20 bits from every key put in.
        assert!(!bits.may_have(row_hash(0x0012_3456)));
        assert!(!bits.may_have(0x1234_5678_0000_0000));
    }

    #[test]
    fn numerals_and_han_have_their_classes() {
        assert_eq!(class('三'), 1);
        assert_eq!(class('〇'), 1);
        assert_eq!(class('王'), 3);
        assert_eq!(class('７'), 1);
    }

    #[test]
    fn models_keep_keys_narrow() {
        // A header asking for wider keys than a slot holds is refused.
        let mut raw = MAGIC.to_vec();
        raw.extend_from_slice(&(KEY_BITS + 1).to_le_bytes());
        raw.extend_from_slice(&0u32.to_le_bytes());
        let wide = miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6);
        assert_eq!(Model::from_bytes(&wide).err(), Some(ModelError::Header));
    }

    #[test]
    fn hot_rows_change_where_rows_live_not_what_the_model_says() {
        let mut tr = Trainer::new(14, None);
        let text = [
            (
                "王小明在北京工作。",
                [(0, 3, NerType::Per), (4, 6, NerType::Loc)],
            ),
            (
                "李华到上海开会。",
                [(0, 2, NerType::Per), (3, 5, NerType::Loc)],
            ),
        ];
        let data: Vec<(Vec<char>, Vec<Tag>)> = text
            .iter()
            .map(|(t, sp)| {
                let c = chars(t);
                let sp: Vec<NerSpan> = sp
                    .iter()
                    .map(|&(start, end, kind)| NerSpan { start, end, kind })
                    .collect();
                let tags = tags_from_spans(c.len(), &sp);
                (c, tags)
            })
            .collect();
        for _ in 0..5 {
            for (c, g) in &data {
                tr.learn(c, g, 0, &DocRepeats::default());
            }
        }
        let cold = tr.finish(0.0);
        let mut ctx = Context::default();
        let probe = chars("王小明和李华在北京、上海。");
        let before = cold.recognise(&probe, &mut ctx);
        let mut counts = HashMap::new();
        // Rows only the second sentence uses stay cold.
        cold.count_rows(&data[0].0, &DocRepeats::default(), &mut ctx, &mut counts);
        let rows = cold.rows();
        let hot = cold.with_hot_rows(&counts);
        let n_hot = hot.hot.rows();
        assert!(n_hot > 40 && n_hot < rows, "{n_hot} of {rows}");
        // The file keeps the split; the loaded model tags as before.
        let back = Model::from_bytes(&hot.to_bytes()).expect("round trip");
        assert_eq!((back.hot.rows(), back.rows()), (n_hot, rows));
        assert_eq!(back.recognise(&probe, &mut ctx), before);
        assert!(!before.is_empty());
    }
}
