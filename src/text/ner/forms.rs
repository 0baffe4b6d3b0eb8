//! Longest-match lookups of known forms (gazetteer places, dictionary words, learned names)
//! in running text, by rolling hash.
//!
//! Every character of every sentence asks each list which of its forms start there, so these
//! lookups are a fifth of tagging. A form's prefixes are kept with it, so a scan stops as soon
//! as no form continues; a bitset of every form's first two characters answers most positions
//! (where nothing starts) without touching the table; and the table keeps a whole entry in
//! one `u64`, so a lookup reads one slot of one cache line, not a control group and a bucket.

use super::seq_hash_step;
use super::table::HashBits;

/// The entry is a proper prefix of some form.
const PREFIX: u8 = 1;
/// The entry is a form.
const FULL: u8 = 2;

/// The longest form starting at a position: its length in chars (0: none) and the value it
/// was given (see [`FormIndex::build_valued`]).
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Longest {
    pub len: u8,
    pub value: u8,
}

/// Rolling-hash index of a list of forms and of their prefixes.
pub struct FormIndex {
    table: FlagTable,
    max_len: usize,
    /// The hashes of every form's first two chars, and of one-char forms.
    starts: HashBits,
}

impl FormIndex {
    /// The index of `forms` (each with value 0).
    pub fn build<'a>(forms: impl Iterator<Item = &'a str>) -> FormIndex {
        FormIndex::build_valued(forms.map(|f| (f, 0)))
    }

    /// The index of `forms`, each carrying a byte that [`FormIndex::longest_at`] hands back
    /// with its matches (a form given twice keeps the last value).
    pub fn build_valued<'a>(forms: impl Iterator<Item = (&'a str, u8)>) -> FormIndex {
        // Forms share most of their prefixes: dictionary words make some 1.3 entries each,
        // names and places more (the table grows if needed).
        let mut index = FormIndex::with_room(forms.size_hint().0 * 3 / 2);
        // A chunk at a time, for the reason `text::ner::load` gives (this runs while the page
        // loads the recogniser and its lexicons).
        let mut chunk = Vec::with_capacity(super::LOAD_CHUNK);
        for f in forms {
            chunk.push(f);
            if chunk.len() == super::LOAD_CHUNK {
                index.add(&chunk);
                chunk.clear();
            }
        }
        index.add(&chunk);
        index
    }

    /// An empty index with room for `entries` entries (a form's and its prefixes' each):
    /// filled by [`FormIndex::add`], its table grows only past them.
    pub(super) fn with_room(entries: usize) -> FormIndex {
        FormIndex {
            table: FlagTable::with_room(entries),
            max_len: 0,
            starts: HashBits::new(),
        }
    }

    #[inline(never)]
    pub(super) fn add(&mut self, forms: &[(&str, u8)]) {
        for &(f, value) in forms {
            let n = f.chars().count();
            self.max_len = self.max_len.max(n);
            let mut h = 0u64;
            for (i, c) in f.chars().enumerate() {
                h = seq_hash_step(h, c);
                if i + 1 == n {
                    self.table.set_full(h, value);
                } else {
                    self.table.set_prefix(h);
                }
                if i == 1 || n == 1 {
                    self.starts.insert(h);
                }
            }
        }
    }

    /// Longest form, in chars.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The value of `form` if it is one of the forms.
    pub fn value_of(&self, form: &[char]) -> Option<u8> {
        let (flags, value) = self.table.get(super::form_hash(form));
        (flags & FULL != 0).then_some(value)
    }

    /// Whether some form may start at `chars[i]` (certainly none when false), and the hash of
    /// the chars there that a scan looks up second (the first two, or the one at the end).
    #[inline]
    fn may_start(&self, chars: &[char], i: usize) -> (bool, u64) {
        let Some(&first) = chars.get(i) else {
            return (false, 0);
        };
        let one = seq_hash_step(0, first);
        let next = chars.get(i + 1);
        let two = next.map_or(one, |&c| seq_hash_step(one, c));
        // Both bits read, no early exit: which one is set is no branch to predict.
        let may = self.starts.may_have(one) | (self.starts.may_have(two) & next.is_some());
        (may, two)
    }

    /// Lengths of every form starting at `chars[i..]`, ascending.
    pub fn matches_at(&self, chars: &[char], i: usize, out: &mut Vec<usize>) {
        out.clear();
        if !self.may_start(chars, i).0 {
            return;
        }
        self.walk(chars, i, |len, _| out.push(len));
    }

    /// Calls `found(length, value)` for every form starting at `chars[i..]`, shortest first.
    #[inline]
    fn walk(&self, chars: &[char], i: usize, mut found: impl FnMut(usize, u8)) {
        let mut h = 0u64;
        for (k, &c) in chars[i..].iter().take(self.max_len).enumerate() {
            h = seq_hash_step(h, c);
            let (flags, value) = self.table.get(h);
            if flags & FULL != 0 {
                found(k + 1, value);
            }
            if flags & PREFIX == 0 {
                break;
            }
        }
    }

    /// For every position of `chars`, the longest form starting there. The positions where
    /// a form may start are found first, in one pass without branches, and the table slot of
    /// each one's first two chars is touched before any scan, so that the cache misses of a
    /// whole sentence overlap instead of waiting one by one behind the scans.
    pub fn longest_at(&self, chars: &[char], out: &mut Vec<Longest>) {
        out.clear();
        out.resize(chars.len(), Longest::default());
        let mut touched = 0u64;
        for (i, o) in out.iter_mut().enumerate() {
            let (may, two) = self.may_start(chars, i);
            // Marks the positions to scan (the scan writes the real length).
            o.len = u8::from(may);
            // Slot 0 stands in for positions where nothing starts: it is in cache already.
            let at = std::hint::select_unpredictable(may, self.table.home(two), 0);
            touched ^= self.table.slot_at(at);
        }
        std::hint::black_box(touched);
        for (i, o) in out.iter_mut().enumerate().filter(|(_, o)| o.len > 0) {
            let mut best = Longest::default();
            self.walk(chars, i, |len, value| {
                best = Longest {
                    len: len.min(usize::from(u8::MAX)) as u8,
                    value,
                }
            });
            *o = best;
        }
    }
}

/// Hash → (flags, value), open addressing with linear probing over one `u64` per slot: the
/// hash's top 48 bits, the value, and the flags in the low byte (flags 0: an empty slot).
/// Keys are compared on 48 bits: with some 10^5 forms a clash is some 10^-5 likely, and like
/// a clash of the full hashes it would only make two forms one.
struct FlagTable {
    slots: Vec<u64>,
    mask: usize,
    /// Slots in use.
    used: usize,
}

impl FlagTable {
    const KEY: u64 = !0xFFFF;
    /// Most slots in use, in tenths.
    const FULL_ENOUGH: usize = 7;

    /// A table for `n` entries. Up to [`FlagTable::FULL_ENOUGH`] full: the homes are well
    /// mixed (a slot is on average a tenth of a slot from its home at a sixth full), and a
    /// fuller table is fewer cache lines to miss.
    fn with_room(n: usize) -> FlagTable {
        let len = (n.max(8) * 10 / Self::FULL_ENOUGH + 1).next_power_of_two();
        FlagTable {
            slots: vec![0; len],
            mask: len - 1,
            used: 0,
        }
    }

    /// The slot a hash starts probing at (from bits the multiplication mixed well).
    #[inline]
    fn home(&self, h: u64) -> usize {
        (h >> 16) as usize & self.mask
    }

    #[inline]
    fn slot_at(&self, at: usize) -> u64 {
        self.slots.get(at).copied().unwrap_or(0)
    }

    /// The slot holding `h`, or the empty slot where it would go.
    #[inline]
    fn find(&self, h: u64) -> usize {
        let key = h & Self::KEY;
        let mut at = self.home(h);
        loop {
            let s = self.slot_at(at);
            if s == 0 || s & Self::KEY == key {
                return at;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// The flags and value of `h` (flags 0: not there).
    #[inline]
    fn get(&self, h: u64) -> (u8, u8) {
        let s = self.slot_at(self.find(h));
        (s as u8, (s >> 8) as u8)
    }

    /// Doubles the table (a size hint that promised too few forms).
    fn grow(&mut self) {
        let len = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![0; len]);
        self.mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|&s| s != 0) {
            let at = self.find(s);
            self.slots[at] = s;
        }
    }

    fn upsert(&mut self, h: u64, update: impl FnOnce(u64) -> u64) {
        let mut at = self.find(h);
        if self.slots[at] == 0 {
            // A new entry; the table never fills, so every probe ends.
            if (self.used + 1) * 10 > self.slots.len() * Self::FULL_ENOUGH {
                self.grow();
                at = self.find(h);
            }
            self.used += 1;
        }
        let s = self.slots[at];
        self.slots[at] = update(if s == 0 { h & Self::KEY } else { s });
    }

    fn set_prefix(&mut self, h: u64) {
        self.upsert(h, |s| s | u64::from(PREFIX));
    }

    fn set_full(&mut self, h: u64, value: u8) {
        self.upsert(h, |s| {
            (s & !0xFF00) | u64::from(value) << 8 | u64::from(FULL)
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_every_form_the_plain_scan_finds() {
        let forms = ["北京", "北京市", "京", "市长", "长江大桥", "江"];
        let index = FormIndex::build(forms.iter().copied());
        let text = chars("北京市长江大桥和南京");
        let mut got = Vec::new();
        let mut longest = Vec::new();
        index.longest_at(&text, &mut longest);
        for i in 0..text.len() {
            index.matches_at(&text, i, &mut got);
            let want: Vec<usize> = (1..=text.len() - i)
                .filter(|&l| forms.contains(&text[i..i + l].iter().collect::<String>().as_str()))
                .collect();
            assert_eq!(got, want, "at {i}");
            assert_eq!(
                usize::from(longest[i].len),
                want.last().copied().unwrap_or(0),
                "at {i}"
            );
        }
    }

    #[test]
    fn values_come_back_with_their_forms_and_survive_growth() {
        // Many more forms than the size hint promised: the table grows as it goes.
        let forms: Vec<String> = (0..3000u32)
            .map(|k| {
                let a = char::from_u32(0x4e00 + k % 1000).unwrap_or('一');
                let b = char::from_u32(0x5e00 + k).unwrap_or('二');
                format!("{a}{b}")
            })
            .collect();
        let valued: Vec<(&str, u8)> = forms
            .iter()
            .enumerate()
            .map(|(k, f)| (f.as_str(), (k % 200) as u8))
            .collect();
        // A filter's size hint promises nothing: the table starts small and grows.
        let grown = FormIndex::build_valued(valued.iter().copied().filter(|_| true));
        // Sized from the chars up front: it never grows.
        let mut sized = FormIndex::with_room(2 * forms.len());
        sized.add(&valued);
        assert_eq!(
            sized.table.slots.len(),
            FlagTable::with_room(2 * forms.len()).slots.len()
        );
        let mut out = Vec::new();
        for index in [&grown, &sized] {
            for (k, f) in forms.iter().enumerate() {
                index.longest_at(&chars(f), &mut out);
                assert_eq!(
                    out[0],
                    Longest {
                        len: 2,
                        value: (k % 200) as u8
                    }
                );
                // A form's first char alone is a prefix, not a form.
                assert_eq!(out[1].len, 0);
            }
            index.longest_at(&chars("丁丁"), &mut out);
            assert_eq!(out[0].len, 0);
        }
    }
}
