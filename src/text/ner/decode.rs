//! Decoding: the reusable per-call context and Viterbi over BIOES with the transition
//! constraints folded in.

use super::*;

/// Reusable scratch for feature extraction and decoding (no allocation per call once warm).
#[derive(Default)]
pub struct Context {
    pub(super) lex: LexInfo,
    pub(super) padded: Vec<char>,
    /// The [`class`] of each of `padded`.
    pub(super) classes: Vec<u8>,
    /// Feature hashes, `FEATS_PER_POS` per position.
    pub(super) feats: Vec<u64>,
    /// Best path scores per position and tag.
    pub(super) scores: Vec<[f32; N_TAGS]>,
    /// Emission scores per position.
    pub(super) ems: Vec<[f32; N_TAGS]>,
    /// Scratch of [`Weights::all_emissions`].
    pub(super) sums: Vec<[i16; 16]>,
    /// Scratch of [`Weights::all_emissions`]: (position, key) of rows that may be cold.
    pub(super) cold: Vec<(u32, u32)>,
    /// The document being tagged (kept for its allocation).
    pub(super) doc: DocRepeats,
}

/// Number of feature templates per position.
pub const FEATS_PER_POS: usize = 41;

impl Context {
    pub(super) fn features(
        &mut self,
        chars: &[char],
        lexicon: &Lexicon,
        names: Option<&NameList>,
        exclude_fold: Option<usize>,
        doc: &DocRepeats,
    ) {
        let n = chars.len();
        self.lex.compute(chars, lexicon);
        self.lex.compute_repeats(chars, doc);
        self.lex.compute_names(chars, names, exclude_fold);
        self.lex.compute_words(chars, &lexicon.words);
        self.padded.clear();
        self.padded.extend([BOS, BOS, BOS]);
        self.padded.extend_from_slice(chars);
        self.padded.extend([EOS, EOS, EOS]);
        self.classes.clear();
        self.classes
            .extend(self.padded.iter().map(|&c| class(c) as u8 + b'0'));
        self.feats.clear();
        for i in 0..n {
            let at = At {
                p: &self.padded,
                classes: &self.classes,
                l: &self.lex,
                i,
            };
            self.feats.extend_from_slice(&at.window_and_places());
            self.feats.extend_from_slice(&at.names_and_words());
        }
    }
}

/// The digit char of a small count or level (`0`–`9`; beyond, the chars after them).
fn digit(n: u8) -> char {
    char::from(n + 48)
}

/// One position of a sequence being featurised: its padded chars, their classes and the
/// lexicon evidence.
struct At<'a> {
    p: &'a [char],
    classes: &'a [u8],
    l: &'a LexInfo,
    i: usize,
}

impl At<'_> {
    /// The char `d` places from this one (padding outside the sequence).
    fn c(&self, d: isize) -> char {
        self.p[(self.i as isize + 3 + d) as usize]
    }

    /// The class of the char `d` places from this one.
    fn cl(&self, d: isize) -> char {
        char::from(self.classes[(self.i as isize + 3 + d) as usize])
    }

    /// Templates 1–21: the chars around, places, organisation suffixes and titles.
    fn window_and_places(&self) -> [u64; 21] {
        let (c, cl, l, i) = (|d| self.c(d), |d| self.cl(d), self.l, self.i);
        let surname1 = lexicon::is_surname_char(c(0)) as u32;
        [
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
            feat(13, digit(l.place_begin[i]), c(0), ' '),
            feat(14, digit(l.place_end[i]), c(0), ' '),
            feat(
                15,
                if l.place_inside[i] { 'y' } else { 'n' },
                digit(l.place_begin[i].min(1)),
                digit(l.place_end[i].min(1)),
            ),
            feat(16, digit(l.org_end[i]), ' ', ' '),
            feat(
                17,
                digit(l.org_end.get(i + 1).copied().unwrap_or(0)),
                c(0),
                ' ',
            ),
            feat(
                18,
                if l.after_title[i] { 'y' } else { 'n' },
                digit(surname1 as u8),
                ' ',
            ),
            feat(19, if l.before_title[i] { 'y' } else { 'n' }, c(0), ' '),
            feat(20, digit(l.place_suffix_end[i]), ' ', ' '),
            feat(21, digit(surname1 as u8), c(1), cl(-1)),
        ]
    }

    /// Templates 22–40 and the bias: wider windows, learned names, words, repeats.
    fn names_and_words(&self) -> [u64; FEATS_PER_POS - 21] {
        let (c, l, i) = (|d| self.c(d), self.l, self.i);
        [
            feat(22, c(0), c(1), c(2)),
            feat(23, c(-2), c(-1), c(0)),
            feat(24, digit(l.name_begin[i].0), digit(l.name_begin[i].1), ' '),
            feat(25, digit(l.name_end[i].0), digit(l.name_end[i].1), ' '),
            feat(
                26,
                digit(l.name_inside[i]),
                digit(l.name_begin[i].0),
                digit(l.name_end[i].0),
            ),
            feat(27, c(-3), ' ', ' '),
            feat(28, c(3), ' ', ' '),
            feat(29, digit(l.name_begin[i].0), c(0), ' '),
            feat(
                30,
                digit(l.word_begin[i].0),
                char::from(l.word_begin[i].1),
                ' ',
            ),
            feat(31, digit(l.word_end[i].0), char::from(l.word_end[i].1), ' '),
            feat(
                32,
                digit(l.word_inside[i]),
                digit(l.word_begin[i].0),
                digit(l.word_end[i].0),
            ),
            feat(
                33,
                char::from(l.word_begin[i].1),
                char::from(l.word_end[i].1),
                c(0),
            ),
            feat(34, digit(l.org_ahead[i]), c(0), ' '),
            feat(
                35,
                digit(l.org_ahead[i]),
                char::from(l.word_begin[i].1),
                char::from(if i > 0 {
                    l.place_end[i - 1].min(1) + 48
                } else {
                    b'0'
                }),
            ),
            feat(
                36,
                digit(l.word_begin[i].0),
                char::from(l.word_begin[i].1),
                c(0),
            ),
            feat(
                37,
                digit(l.word_end[i].0),
                char::from(l.word_end[i].1),
                c(0),
            ),
            feat(
                38,
                digit(l.rep_begin[i]),
                digit(l.rep_end[i]),
                digit(l.word_begin[i].0),
            ),
            feat(39, digit(l.rep_begin[i]), c(0), ' '),
            feat(40, digit(l.rep_end[i]), c(0), ' '),
            feat(0, ' ', ' ', ' '), // bias
        ]
    }
}

/// What a model provides to the decoder: emission scores per position and transition scores.
pub(super) trait Weights {
    /// The emission scores of every position of `ctx.feats` (`FEATS_PER_POS` each), into
    /// `ctx.ems`.
    fn all_emissions(&self, ctx: &mut Context);
    fn transition(&self, from: Tag, to: Tag) -> f32;
}

/// Transition scores with the BIOES constraints folded in (−∞ where not allowed), so decoding
/// is a plain max-plus product.
pub(super) fn masked_transitions<W: Weights>(w: &W) -> [[f32; N_TAGS]; N_TAGS] {
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
pub(super) const CLOSED: [usize; 7] = [0, 3, 4, 7, 8, 11, 12];
/// Tags that may follow a [`CLOSED`] one: O, then B and S of each type. The others (I and E of
/// type `x`, `2 + 4x` and `3 + 4x`) may only follow B or I of their type (`1 + 4x`, `2 + 4x`).
pub(super) const OPENING: [usize; 7] = [0, 1, 4, 5, 8, 9, 12];

/// The best score of reaching tag `t` from the scores `prev` of the position before, over the
/// tags BIOES lets precede `t` (61 pairs of 169).
#[inline(always)]
pub(super) fn best_into(prev: &[f32; N_TAGS], trans: &[[f32; N_TAGS]; N_TAGS], t: usize) -> f32 {
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
pub(super) fn viterbi<W: Weights>(
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
