//! The shipped model: sparse quantised rows, its file format, and loading it once.

use super::*;

/// A trained, quantised model: sparse rows in open-addressing tables whose slots hold the key
/// and the weights together (one piece of a cache line per feature lookup); the most used rows
/// apart in a small table (see `ner::table`).
pub struct Model {
    pub(super) mask: u64,
    pub(super) trans: [f32; N_TAGS * N_TAGS],
    /// The rows most used on the training text.
    pub(super) hot: HotTable,
    /// The other rows.
    pub(super) cold: Table,
    /// The keys of `cold` (see [`row_hash`]), so that most absent rows, pruned features, are
    /// known absent without a cache miss.
    pub(super) cold_keys: HashBits,
    /// Transitions with the BIOES constraints folded in.
    pub(super) masked: [[f32; N_TAGS]; N_TAGS],
    pub(super) names: Option<NameList>,
}

/// Why a model file could not be loaded.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
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
pub(super) fn cold_key_bits(keys: impl Iterator<Item = u32>) -> HashBits {
    let mut bits = HashBits::new();
    for k in keys {
        bits.insert(row_hash(k));
    }
    bits
}

/// A row key (at most [`KEY_BITS`] bits, from a hash already) in the high bits a [`HashBits`]
/// looks at.
#[inline]
pub(super) fn row_hash(key: u32) -> u64 {
    u64::from(key) << (64 - KEY_BITS)
}

/// Rows or forms handled per call while a model or lexicon loads (see `text::ner::load`).
pub(crate) const LOAD_CHUNK: usize = 2048;

/// Version 2 stores the hot rows first; version 1 (no hot rows) still loads.
pub(super) const MAGIC: &[u8; 8] = b"GXNER\x00\x02\x00";
pub(super) const MAGIC_V1: &[u8; 8] = b"GXNER\x00\x01\x00";

impl Model {
    /// A model of `hot` and `cold` rows (see [`table`]).
    pub(super) fn new(
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
    pub(super) fn with_cold_keys(
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

    pub(super) fn key_bits(&self) -> u32 {
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
        lex: &Lexicon,
        doc: &DocRepeats,
        ctx: &mut Context,
        counts: &mut HashMap<u32, u64>,
    ) {
        ctx.features(chars, lex, self.names.as_ref(), None, doc);
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
    pub fn tag(&self, chars: &[char], lex: &Lexicon, ctx: &mut Context, out: &mut Vec<Tag>) {
        let mut doc = std::mem::take(&mut ctx.doc);
        doc.clear();
        doc.add(chars);
        self.tag_in(chars, lex, &doc, ctx, out);
        ctx.doc = doc;
    }

    /// Tags a sentence of the document `doc`.
    pub fn tag_in(
        &self,
        chars: &[char],
        lex: &Lexicon,
        doc: &DocRepeats,
        ctx: &mut Context,
        out: &mut Vec<Tag>,
    ) {
        ctx.features(chars, lex, self.names.as_ref(), None, doc);
        viterbi(self, &self.masked, ctx, chars.len(), out);
    }

    /// The spans of `tags` (as [`Model::tag_in`] wrote them for `chars`), with lists of
    /// person names that ran together read again as lists (see `ner::lists::resegment`).
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
    pub fn recognise(&self, chars: &[char], lex: &Lexicon, ctx: &mut Context) -> Vec<NerSpan> {
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
                self.tag_in(seg, lex, &doc, ctx, &mut tags);
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

pub(super) fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}
