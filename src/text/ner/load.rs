//! Reading a model file a step at a time.
//!
//! A page loads the recogniser while its user may already be clicking, and a browser runs a
//! function's first calls in baseline code, switching to the optimised code it compiles meanwhile
//! only at a later call. So a load is a series of short steps (a few milliseconds each): none
//! holds the page up for long, and between them the browser finishes compiling the loops that
//! the following steps then run optimised. [`Model::from_inflated`] runs every step at once.

use super::forms::FormIndex;
use super::lists::NameStarts;
use super::table::{HashBits, HotTable, Slot, Table, KEY_BITS};
use super::{cold_key_bits, row_hash, Model, ModelError, NameList, MAGIC, MAGIC_V1, N_TAGS};
use crate::text::lexicon::HashMapU64;

/// Rows put in their tables per step.
const ROWS_PER_STEP: usize = 16_384;
/// Names indexed per step.
const NAMES_PER_STEP: usize = 4_096;

/// A model file (inflated) on its way to a [`Model`]: [`ModelLoad::step`] until it gives one.
pub struct ModelLoad<B: AsRef<[u8]>> {
    raw: B,
    head: Head,
    stage: Stage,
}

/// What the file's header says, and where its parts are.
struct Head {
    bits: u32,
    /// Rows, the first `hot_n` of them hot.
    n: usize,
    hot_n: usize,
    trans: [f32; N_TAGS * N_TAGS],
    /// The row keys' bytes: `n` varints, each a delta from the key before (from 0 again
    /// where the cold rows begin).
    keys: std::ops::Range<usize>,
    /// Where the weights begin: `n` per tag, tag after tag.
    cols: usize,
}

enum Stage {
    Names(Names),
    Tables(Option<NameList>),
    Rows(Option<NameList>, Rows),
    Done,
}

/// Names being indexed.
struct Names {
    /// Their lines, as the model keeps them.
    lines: String,
    /// Each name's form (a byte range of `lines`) and type bits.
    forms: Vec<(usize, usize, u8)>,
    index: FormIndex,
    next: usize,
}

/// Rows being put in their tables.
struct Rows {
    hot: HotTable,
    cold: Table,
    /// Hot rows whose slot another row has.
    clash: Vec<Slot>,
    cold_keys: HashBits,
    next: usize,
    /// The position in the keys' bytes, and the last key read.
    key_at: usize,
    key: u32,
}

impl<B: AsRef<[u8]>> ModelLoad<B> {
    /// Reads the header of `raw` (the inflated contents of a file written by
    /// [`Model::to_bytes`]) and finds its parts.
    pub fn new(raw: B) -> Result<ModelLoad<B>, ModelError> {
        let bytes = raw.as_ref();
        let mut r = Reader { b: bytes, at: 0 };
        let version = match r.take(8)? {
            m if m == MAGIC => 2,
            m if m == MAGIC_V1 => 1,
            _ => return Err(ModelError::Header),
        };
        let bits = r.u32()?;
        if !(8..=KEY_BITS).contains(&bits) {
            return Err(ModelError::Header);
        }
        let n = r.u32()? as usize;
        let hot_n = if version >= 2 { r.u32()? as usize } else { 0 };
        if hot_n > n {
            return Err(ModelError::Header);
        }
        let mut trans = [0f32; N_TAGS * N_TAGS];
        for t in &mut trans {
            *t = f32::from_le_bytes(r.take(4)?.try_into().map_err(|_| ModelError::Truncated)?);
        }
        let keys_at = r.at;
        r.take(varints_len(&bytes[keys_at..], n))?;
        let keys = keys_at..r.at;
        let cols = r.at;
        r.take(n.checked_mul(N_TAGS).ok_or(ModelError::Truncated)?)?;
        let count = r.u32()? as usize;
        let head = Head {
            bits,
            n,
            hot_n,
            trans,
            keys,
            cols,
        };
        let stage = if count > 0 {
            Stage::Names(Names::parse(&bytes[r.at..], count)?)
        } else {
            Stage::Tables(None)
        };
        Ok(ModelLoad { raw, head, stage })
    }

    /// Does the next part of the work; gives the model after the last.
    pub fn step(&mut self) -> Result<Option<Model>, ModelError> {
        let head = &self.head;
        let raw = self.raw.as_ref();
        self.stage = match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Names(mut names) => {
                if names.add(NAMES_PER_STEP) {
                    Stage::Tables(Some(names.finish()))
                } else {
                    Stage::Names(names)
                }
            }
            Stage::Tables(names) => Stage::Rows(
                names,
                Rows {
                    hot: HotTable::new(),
                    cold: Table::with_room(head.n - head.hot_n, head.bits, false),
                    clash: Vec::new(),
                    cold_keys: HashBits::new(),
                    next: 0,
                    key_at: 0,
                    key: 0,
                },
            ),
            Stage::Rows(names, mut rows) => {
                // Column by column, one per tag.
                let cols: [&[u8]; N_TAGS] = std::array::from_fn(|tag| {
                    let at = head.cols + tag * head.n;
                    &raw[at..at + head.n]
                });
                let keys = &raw[head.keys.clone()];
                let to = (rows.next + ROWS_PER_STEP).min(head.n);
                rows.place(keys, &cols, head.hot_n, to)?;
                if to < head.n {
                    Stage::Rows(names, rows)
                } else {
                    return Ok(Some(rows.finish(head, names)));
                }
            }
            Stage::Done => return Err(ModelError::Finished),
        };
        Ok(None)
    }
}

impl Names {
    /// The first `count` lines of `text` (`type-bits form` each).
    fn parse(text: &[u8], count: usize) -> Result<Names, ModelError> {
        let mut end = 0;
        for _ in 0..count {
            let line = text
                .get(end..)
                .and_then(|t| t.iter().position(|&b| b == b'\n'));
            end += line.ok_or(ModelError::Truncated)? + 1;
        }
        let lines = std::str::from_utf8(&text[..end])
            .map_err(|_| ModelError::Truncated)?
            .to_owned();
        let mut forms = Vec::with_capacity(count);
        let mut at = 0;
        for line in lines.split_terminator('\n') {
            let mut cs = line.chars();
            let t = cs.next().ok_or(ModelError::Truncated)?;
            let start = at + t.len_utf8();
            forms.push((start, at + line.len(), t as u32 as u8));
            at += line.len() + 1;
        }
        // Every entry is some form's prefix: there are at most as many as the forms have
        // chars (the lines' chars less a type and a line end each).
        let room = lines.chars().count().saturating_sub(2 * count);
        Ok(Names {
            lines,
            forms,
            index: FormIndex::with_room(room),
            next: 0,
        })
    }

    /// Indexes up to `most` more names; whether all are in.
    fn add(&mut self, most: usize) -> bool {
        let to = (self.next + most).min(self.forms.len());
        let chunk: Vec<(&str, u8)> = self.forms[self.next..to]
            .iter()
            .map(|&(a, b, t)| (&self.lines[a..b], t))
            .collect();
        self.index.add(&chunk);
        self.next = to;
        to == self.forms.len()
    }

    fn finish(self) -> NameList {
        let people = self
            .forms
            .iter()
            .filter(|f| f.2 & 1 != 0)
            .map(|&(a, b, _)| &self.lines[a..b]);
        let starts = NameStarts::learn(people);
        NameList {
            index: self.index,
            folds: HashMapU64::default(),
            count: self.forms.len(),
            lines: self.lines,
            starts,
        }
    }
}

impl Rows {
    /// Rows up to `to`, the first `hot_n` of all hot, into their tables, a chunk per call of a
    /// function that is not inlined (see the module's comment).
    fn place(
        &mut self,
        keys: &[u8],
        cols: &[&[u8]; N_TAGS],
        hot_n: usize,
        to: usize,
    ) -> Result<(), ModelError> {
        let mut keys = Reader {
            b: keys,
            at: self.key_at,
        };
        while self.next < to {
            let end = (self.next + super::LOAD_CHUNK).min(to);
            self.chunk(&mut keys, cols, hot_n, end)?;
        }
        self.key_at = keys.at;
        Ok(())
    }

    #[inline(never)]
    // `k` indexes every column.
    #[allow(clippy::needless_range_loop)]
    fn chunk(
        &mut self,
        keys: &mut Reader,
        cols: &[&[u8]; N_TAGS],
        hot_n: usize,
        to: usize,
    ) -> Result<(), ModelError> {
        for k in self.next..to {
            // Each run of keys (hot, then cold) ascends from 0.
            if k == hot_n {
                self.key = 0;
            }
            self.key = self.key.wrapping_add(keys.varint()?);
            let row = Slot::new(self.key, std::array::from_fn(|tag| cols[tag][k] as i8));
            if k >= hot_n {
                self.cold.push(row);
                self.cold_keys.insert(row_hash(self.key));
            } else if !self.hot.place(row) {
                self.clash.push(row);
            }
        }
        self.next = to;
        Ok(())
    }

    fn finish(self, head: &Head, names: Option<NameList>) -> Model {
        let Rows {
            hot,
            mut cold,
            mut clash,
            mut cold_keys,
            ..
        } = self;
        // Unless every cold key went in as it is in the file (the file `to_bytes` writes),
        // the cold keys are read again from the table. A hot row whose slot is taken is kept,
        // cold.
        if !clash.is_empty() || cold.rows() != head.n - head.hot_n {
            clash.extend(cold.iter());
            cold = Table::new(clash, head.bits, false);
            cold_keys = cold_key_bits(cold.iter().map(Slot::key));
        }
        let mask = (1u64 << head.bits) - 1;
        Model::with_cold_keys(mask, head.trans, hot, cold, cold_keys, names)
    }
}

/// The length of the first `n` varints of `bytes` (each ends at a byte below 0x80), or 0
/// if there are fewer. Counted a block at a time by a non-inlined loop without branches.
fn varints_len(bytes: &[u8], n: usize) -> usize {
    #[inline(never)]
    fn ends(block: &[u8]) -> usize {
        block.iter().map(|&b| usize::from(b < 0x80)).sum()
    }
    let mut left = n;
    for (k, block) in bytes.chunks(4096).enumerate() {
        let e = ends(block);
        if e < left {
            left -= e;
            continue;
        }
        // The n-th end is in this block.
        return block
            .iter()
            .enumerate()
            .filter(|(_, &b)| b < 0x80)
            .nth(left.wrapping_sub(1))
            .map_or(0, |(at, _)| k * 4096 + at + 1);
    }
    0
}

pub(super) struct Reader<'a> {
    pub(super) b: &'a [u8],
    pub(super) at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::assets::{self, Asset};
    use crate::text::knowledge::testing;

    #[test]
    fn the_shipped_file_loads_in_short_steps_and_cut_short_it_fails_cleanly() {
        let raw = assets::inflate(Asset::NerModel.embedded()).expect("the shipped model inflates");
        let mut load = ModelLoad::new(raw.as_slice()).expect("header");
        let mut steps = 1;
        let model = loop {
            if let Some(m) = load.step().expect("step") {
                break m;
            }
            steps += 1;
        };
        // Names a few thousand a step, rows some 16 thousand a step.
        assert!(steps > model.rows() / ROWS_PER_STEP, "{steps} steps");
        let mut ctx = crate::text::ner::Context::default();
        let chars: Vec<char> = "记者在北京市见到了王小明。".chars().collect();
        let spans = model.recognise(&chars, &testing::shipped().lexicon, &mut ctx);
        assert!(spans
            .iter()
            .any(|s| chars[s.start..s.end] == ['北', '京', '市']));
        // A step after the last is an error, not a panic.
        assert_eq!(load.step().err(), Some(ModelError::Finished));
        // Cut anywhere, the file is an error, found in the header or a later step.
        for cut in (0..raw.len()).step_by(raw.len() / 97) {
            let result = ModelLoad::new(&raw[..cut]).and_then(|mut l| loop {
                if let Some(m) = l.step()? {
                    break Ok(m);
                }
            });
            assert!(result.is_err(), "cut at {cut}");
        }
    }
}
