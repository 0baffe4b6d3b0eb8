//! The learned recogniser: a character-level averaged perceptron over BIOES tags with Viterbi
//! decoding, for people (PER), places (LOC) and organisations (ORG).
//!
//! Features are hashed (no feature strings are stored): character n-grams in a ±2 window,
//! character classes, and lexicon matches (gazetteer place names, organisation suffixes,
//! surnames, titles). Training keeps a dense table of 2^[`TRAIN_BITS`] rows; the shipped model
//! keeps only rows that matter, quantised to `i8`, in a deflated file loaded with
//! [`Model::from_bytes`].

use super::lexicon::{self, gazetteer};
use std::collections::HashMap;
use std::sync::OnceLock;

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
pub const TRAIN_BITS: u32 = 22;

const BOS: char = '\u{2}';
const EOS: char = '\u{3}';

fn class(c: char) -> u32 {
    match c {
        BOS | EOS => 0,
        '0'..='9'
        | '０'..='９'
        | '零'
        | '〇'
        | '一'
        | '二'
        | '三'
        | '四'
        | '五'
        | '六'
        | '七'
        | '八'
        | '九'
        | '十'
        | '百'
        | '千'
        | '万'
        | '亿' => 1,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => 2,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' => 3,
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
    /// A position title ends right before this char.
    after_title: Vec<bool>,
    /// A position title starts right after this char.
    before_title: Vec<bool>,
    /// Length of a place suffix ending here.
    place_suffix_end: Vec<u8>,
}

/// Rolling-hash index of gazetteer forms and their prefixes, for fast longest-match scans.
pub struct FormIndex {
    /// hash of a char sequence → bit 1: is a prefix of some form, bit 2: is a form.
    map: HashMap<u64, u8>,
    max_len: usize,
}

pub(crate) const FORM_PREFIX: u8 = 1;
pub(crate) const FORM_FULL: u8 = 2;

pub(crate) fn seq_hash_step(h: u64, c: char) -> u64 {
    mix(h, c as u64)
}

impl FormIndex {
    pub fn build<'a>(forms: impl Iterator<Item = &'a str>) -> FormIndex {
        let mut map = HashMap::new();
        let mut max_len = 0;
        for f in forms {
            let mut h = 0u64;
            let n = f.chars().count();
            max_len = max_len.max(n);
            for (i, c) in f.chars().enumerate() {
                h = seq_hash_step(h, c);
                *map.entry(h).or_insert(0) |= if i + 1 == n { FORM_FULL } else { FORM_PREFIX };
            }
        }
        FormIndex { map, max_len }
    }

    /// Lengths of every form starting at `chars[i..]`, ascending.
    pub fn matches_at(&self, chars: &[char], i: usize, out: &mut Vec<usize>) {
        out.clear();
        let mut h = 0u64;
        for (k, &c) in chars[i..].iter().take(self.max_len).enumerate() {
            h = seq_hash_step(h, c);
            match self.map.get(&h) {
                None => break,
                Some(&flags) => {
                    if flags & FORM_FULL != 0 {
                        out.push(k + 1);
                    }
                    if flags & FORM_PREFIX == 0 {
                        break;
                    }
                }
            }
        }
    }
}

/// The index of every gazetteer form of at least two chars.
pub(crate) fn place_forms() -> &'static FormIndex {
    static F: OnceLock<FormIndex> = OnceLock::new();
    F.get_or_init(|| {
        let g = gazetteer();
        let mut forms: Vec<String> = Vec::new();
        for d in &g.divisions {
            forms.push(d.name.clone());
        }
        let shorts: Vec<&str> = g.form_keys().filter(|k| k.chars().count() >= 2).collect();
        FormIndex::build(forms.iter().map(String::as_str).chain(shorts))
    })
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
    fn compute(&mut self, chars: &[char]) {
        let n = chars.len();
        for v in [
            &mut self.place_begin,
            &mut self.place_end,
            &mut self.org_end,
            &mut self.place_suffix_end,
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
        let places = place_forms();
        let mut lens = Vec::new();
        for i in 0..n {
            places.matches_at(chars, i, &mut lens);
            if let Some(&l) = lens.last() {
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
        let mut rev: Vec<char> = Vec::with_capacity(8);
        for e in 0..n {
            rev.clear();
            rev.extend(chars[..=e].iter().rev().take(orgs.max_len));
            orgs.matches_at(&rev, 0, &mut lens);
            if let Some(&l) = lens.last() {
                self.org_end[e] = l as u8;
            }
            for s in lexicon::PLACE_SUFFIXES {
                if lexicon::ends_with_at(chars, e + 1, s) {
                    self.place_suffix_end[e] =
                        self.place_suffix_end[e].max(s.chars().count() as u8);
                }
            }
        }
    }
}

/// Reusable scratch for feature extraction and decoding (no allocation per call once warm).
#[derive(Default)]
pub struct Context {
    lex: LexInfo,
    padded: Vec<char>,
    /// Feature hashes, `FEATS_PER_POS` per position.
    feats: Vec<u64>,
    scores: Vec<[f32; N_TAGS]>,
    back: Vec<[u8; N_TAGS]>,
}

/// Number of feature templates per position.
pub const FEATS_PER_POS: usize = 24;

impl Context {
    fn features(&mut self, chars: &[char]) {
        let n = chars.len();
        self.lex.compute(chars);
        self.padded.clear();
        self.padded.extend([BOS, BOS]);
        self.padded.extend_from_slice(chars);
        self.padded.extend([EOS, EOS]);
        self.feats.clear();
        let p = &self.padded;
        let l = &self.lex;
        for i in 0..n {
            let c = |d: isize| p[(i as isize + 2 + d) as usize];
            let cl = |d: isize| char::from_u32(class(c(d)) + 48).unwrap_or('?');
            let surname1 = lexicon::is_surname_char(c(0)) as u32;
            let f = [
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
                feat(0, ' ', ' ', ' '), // bias
            ];
            self.feats.extend_from_slice(&f);
        }
    }
}

/// What a model provides to the decoder: emission scores per feature and transition scores.
trait Weights {
    fn add_emissions(&self, feature: u64, scores: &mut [f32; N_TAGS]);
    fn transition(&self, from: Tag, to: Tag) -> f32;
}

fn viterbi<W: Weights>(w: &W, ctx: &mut Context, n: usize, out: &mut Vec<Tag>) {
    out.clear();
    if n == 0 {
        return;
    }
    ctx.scores.clear();
    ctx.scores.resize(n, [0.0; N_TAGS]);
    ctx.back.clear();
    ctx.back.resize(n, [0; N_TAGS]);
    for i in 0..n {
        let mut em = [0f32; N_TAGS];
        for &f in &ctx.feats[i * FEATS_PER_POS..(i + 1) * FEATS_PER_POS] {
            w.add_emissions(f, &mut em);
        }
        ctx.scores[i] = em;
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut prev = [NEG; N_TAGS];
    for t in 0..N_TAGS {
        if allowed_start(t as Tag) {
            prev[t] = ctx.scores[0][t];
        }
    }
    for i in 1..n {
        let mut cur = [NEG; N_TAGS];
        for t in 0..N_TAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for (s, &ps) in prev.iter().enumerate() {
                if ps == NEG || !allowed(s as Tag, t as Tag) {
                    continue;
                }
                let v = ps + w.transition(s as Tag, t as Tag);
                if v > best {
                    best = v;
                    arg = s as u8;
                }
            }
            if best > NEG {
                cur[t] = best + ctx.scores[i][t];
                ctx.back[i][t] = arg;
            }
        }
        prev = cur;
    }
    let mut best = 0;
    let mut best_v = NEG;
    for (t, &v) in prev.iter().enumerate() {
        if allowed_end(t as Tag) && v > best_v {
            best_v = v;
            best = t;
        }
    }
    out.resize(n, 0);
    out[n - 1] = best as Tag;
    for i in (1..n).rev() {
        out[i - 1] = ctx.back[i][out[i] as usize];
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
}

struct Dense<'a>(&'a Trainer);

impl Weights for Dense<'_> {
    #[inline]
    fn add_emissions(&self, f: u64, s: &mut [f32; N_TAGS]) {
        let row = ((f & self.0.mask) as usize) * N_TAGS;
        for (a, b) in s.iter_mut().zip(&self.0.w[row..row + N_TAGS]) {
            *a += b;
        }
    }
    fn transition(&self, a: Tag, b: Tag) -> f32 {
        self.0.trans[a as usize * N_TAGS + b as usize]
    }
}

impl Trainer {
    /// A fresh trainer with 2^`bits` feature rows.
    pub fn new(bits: u32) -> Trainer {
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
        }
    }

    /// One perceptron step on a sentence; returns whether the prediction was already right.
    pub fn learn(&mut self, chars: &[char], gold: &[Tag]) -> bool {
        let n = chars.len();
        let mut ctx = std::mem::take(&mut self.ctx);
        let mut pred = std::mem::take(&mut self.pred);
        ctx.features(chars);
        viterbi(&Dense(self), &mut ctx, n, &mut pred);
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
    pub fn finish(&self, prune: f32) -> Model {
        let t = self.t;
        let avg = |w: f32, u: f32| w - u / t;
        let rows = self.w.len() / N_TAGS;
        let mut max_abs = 0f32;
        let mut kept: Vec<(u32, [f32; N_TAGS])> = Vec::new();
        for r in 0..rows {
            let mut v = [0f32; N_TAGS];
            let mut m = 0f32;
            for k in 0..N_TAGS {
                v[k] = avg(self.w[r * N_TAGS + k], self.u[r * N_TAGS + k]);
                m = m.max(v[k].abs());
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
        Model::from_rows(self.mask, trans, rows_q)
    }
}

// ---------------------------------------------------------------------------------------------
// The shipped model

/// A trained, quantised model: sparse rows in an open-addressing table.
pub struct Model {
    mask: u64,
    trans: [f32; N_TAGS * N_TAGS],
    /// Slot → row id + 1 (0 = empty).
    slots: Vec<u32>,
    slot_mask: usize,
    /// Row weights, `N_TAGS` per kept row, in slot order of `keys`.
    weights: Vec<i8>,
    keys: Vec<u32>,
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
}

const MAGIC: &[u8; 8] = b"GXNER\x00\x01\x00";

impl Model {
    fn from_rows(
        mask: u64,
        trans: [f32; N_TAGS * N_TAGS],
        rows: Vec<(u32, [i8; N_TAGS])>,
    ) -> Model {
        let cap = (rows.len() * 2).next_power_of_two().max(2);
        let mut m = Model {
            mask,
            trans,
            slots: vec![0; cap],
            slot_mask: cap - 1,
            weights: Vec::with_capacity(rows.len() * N_TAGS),
            keys: Vec::with_capacity(rows.len()),
        };
        for (k, (key, w)) in rows.into_iter().enumerate() {
            let mut s = (key as usize).wrapping_mul(0x9E37_79B1) & m.slot_mask;
            while m.slots[s] != 0 {
                s = (s + 1) & m.slot_mask;
            }
            m.slots[s] = k as u32 + 1;
            m.keys.push(key);
            m.weights.extend_from_slice(&w);
        }
        m
    }

    /// Number of kept feature rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }

    #[inline]
    fn row(&self, key: u32) -> Option<&[i8]> {
        let mut s = (key as usize).wrapping_mul(0x9E37_79B1) & self.slot_mask;
        loop {
            let v = self.slots[s];
            if v == 0 {
                return None;
            }
            let k = (v - 1) as usize;
            if self.keys[k] == key {
                return Some(&self.weights[k * N_TAGS..(k + 1) * N_TAGS]);
            }
            s = (s + 1) & self.slot_mask;
        }
    }

    /// Serialises the model (deflated; keys delta-encoded so they compress).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_by_key(|&k| self.keys[k]);
        let mut raw = Vec::new();
        raw.extend_from_slice(MAGIC);
        raw.extend_from_slice(&(self.mask.count_ones()).to_le_bytes());
        raw.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for t in &self.trans {
            raw.extend_from_slice(&t.to_le_bytes());
        }
        let mut prev = 0u32;
        for &k in &order {
            let key = self.keys[k];
            write_varint(&mut raw, key - prev);
            prev = key;
        }
        // Weights column-major (all rows' tag 0, then tag 1, …): zeros cluster and compress.
        for tag in 0..N_TAGS {
            for &k in &order {
                raw.push(self.weights[k * N_TAGS + tag] as u8);
            }
        }
        miniz_oxide::deflate::compress_to_vec_zlib(&raw, 9)
    }

    /// Loads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(bytes)
            .map_err(|_| ModelError::Compression)?;
        let mut r = Reader { b: &raw, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Header);
        }
        let bits = r.u32()?;
        if !(8..=32).contains(&bits) {
            return Err(ModelError::Header);
        }
        let n = r.u32()? as usize;
        let mut trans = [0f32; N_TAGS * N_TAGS];
        for t in &mut trans {
            *t = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        }
        let mut keys = Vec::with_capacity(n.min(raw.len()));
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.wrapping_add(r.varint()?);
            keys.push(prev);
        }
        let cols = r.take(n * N_TAGS)?;
        let rows = keys
            .into_iter()
            .enumerate()
            .map(|(k, key)| {
                let mut w = [0i8; N_TAGS];
                for (tag, x) in w.iter_mut().enumerate() {
                    *x = cols[tag * n + k] as i8;
                }
                (key, w)
            })
            .collect();
        let mask = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        Ok(Model::from_rows(mask, trans, rows))
    }

    /// Tags a sequence of chars, reusing `ctx` scratch.
    pub fn tag(&self, chars: &[char], ctx: &mut Context, out: &mut Vec<Tag>) {
        ctx.features(chars);
        viterbi(self, ctx, chars.len(), out);
    }

    /// Recognises spans in `chars`, tagging sentence by sentence (long inputs are cut at
    /// sentence punctuation so that decoding stays linear and features stay local).
    pub fn recognise(&self, chars: &[char], ctx: &mut Context) -> Vec<NerSpan> {
        let mut out = Vec::new();
        let mut tags = Vec::new();
        let mut start = 0;
        for (i, &c) in chars.iter().enumerate() {
            let cut = matches!(c, '。' | '！' | '？' | '\n' | '；')
                || i + 1 == chars.len()
                || i - start >= 400;
            if cut {
                let seg = &chars[start..=i];
                self.tag(seg, ctx, &mut tags);
                out.extend(spans_from_tags(&tags).into_iter().map(|s| NerSpan {
                    start: s.start + start,
                    end: s.end + start,
                    kind: s.kind,
                }));
                start = i + 1;
            }
        }
        out
    }
}

impl Weights for Model {
    #[inline]
    fn add_emissions(&self, f: u64, s: &mut [f32; N_TAGS]) {
        if let Some(row) = self.row((f & self.mask) as u32) {
            for (a, &b) in s.iter_mut().zip(row) {
                *a += b as f32;
            }
        }
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

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.b.get(self.at..end).ok_or(ModelError::Truncated)?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?
                .try_into()
                .map_err(|_| ModelError::Truncated)?,
        ))
    }
    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.take(1)?[0];
            v |= ((b & 0x7f) as u32).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Truncated)
    }
}

/// The model shipped in `data/ner.model` (trained by `guanxi train-ner`), or `None` when the
/// file is absent or unreadable (the rules still run).
pub fn shipped() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| {
        let bytes: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner.model"));
        if bytes.is_empty() {
            return None;
        }
        Model::from_bytes(bytes).ok()
    })
    .as_ref()
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
        ];
        let mut tr = Trainer::new(16);
        for _ in 0..10 {
            for (s, sp) in &data {
                let c = chars(s);
                tr.learn(&c, &tags_from_spans(c.len(), sp));
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
    fn model_file_rejects_garbage() {
        assert_eq!(
            Model::from_bytes(b"nope").err(),
            Some(ModelError::Compression)
        );
        let junk = miniz_oxide::deflate::compress_to_vec_zlib(b"GXNER\x00\x01\x00\x10", 6);
        assert_eq!(Model::from_bytes(&junk).err(), Some(ModelError::Truncated));
        let bad = miniz_oxide::deflate::compress_to_vec_zlib(b"XXXXXXXXXXXXXXXXXXXXXXX", 6);
        assert_eq!(Model::from_bytes(&bad).err(), Some(ModelError::Header));
    }
}
