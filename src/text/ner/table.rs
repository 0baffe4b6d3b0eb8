//! The shipped model's rows in memory: open-addressing tables of 16-byte slots.
//!
//! Tagging is bound by the row lookups: every character looks up 41 rows in a table of several
//! megabytes, more than a core's cache, and probing for a key is a loop whose length no branch
//! predictor can guess. Rows are used very unevenly (on the training text a few thousand rows,
//! the common characters and lexicon features, serve most lookups), so the model keeps its most
//! used rows in a small direct-mapped *hot* table — one slot per key, read without a branch,
//! in cache — and the rest in a *cold* table.

/// A row and its key in 16 bytes, so that every lookup reads one aligned piece of a cache
/// line and the weights add up as 16 lanes at once: 13 weights, then the key's three bytes
/// (row keys have at most 24 bits; the key lanes add up to nothing anyone reads).
#[derive(Clone, Copy)]
#[repr(C, align(16))]
pub(super) struct Slot(pub(super) [i8; 16]);

/// A set of 64-bit hashes kept as one bit per value of their top 20 bits: 128 KiB, small
/// enough to stay in cache, with false positives only. Answers "certainly not" before a
/// lookup in a map or table of megabytes.
pub(super) struct HashBits(Vec<u64>);

impl HashBits {
    const BITS: u32 = 20;

    pub(super) fn new() -> HashBits {
        HashBits(vec![0; (1 << Self::BITS) / 64])
    }

    #[inline]
    pub(super) fn insert(&mut self, h: u64) {
        let b = (h >> (64 - Self::BITS)) as usize;
        self.0[b / 64] |= 1 << (b % 64);
    }

    /// Whether `h` may be in the set (certainly not when false).
    #[inline]
    pub(super) fn may_have(&self, h: u64) -> bool {
        let b = (h >> (64 - Self::BITS)) as usize;
        self.0[b / 64] & (1 << (b % 64)) != 0
    }
}

/// Weights per row (one per tag).
const W: usize = super::N_TAGS;

/// The key of an empty slot (a row with this key is not kept).
pub(super) const EMPTY: u32 = 0x00FF_FFFF;
/// Widest row key a model can hold.
pub(super) const KEY_BITS: u32 = 24;

impl Slot {
    pub(super) fn new(key: u32, w: [i8; W]) -> Slot {
        let mut lanes = [0i8; 16];
        lanes[..W].copy_from_slice(&w);
        for (k, lane) in lanes[W..].iter_mut().enumerate() {
            *lane = (key >> (8 * k)) as u8 as i8;
        }
        Slot(lanes)
    }

    #[inline]
    pub(super) fn key(&self) -> u32 {
        let b = &self.0;
        // One load of the last four lanes, the last weight shifted out.
        u32::from_le_bytes([b[12] as u8, b[13] as u8, b[14] as u8, b[15] as u8]) >> 8
    }

    pub(super) fn weights(&self) -> [i8; W] {
        std::array::from_fn(|k| self.0[k])
    }
}

/// Rows keyed by `key_bits`-bit hashes, with linear probing. Rows go in in key order, so a
/// lookup can stop at the first greater key (an ordered hash table, Amble & Knuth 1974): looking
/// up an absent row, a pruned feature, costs what finding a present one does.
#[derive(Clone)]
pub(super) struct Table {
    slots: Vec<Slot>,
    mask: usize,
    /// `key >> shift` is a key's home slot.
    shift: u32,
    rows: usize,
}

impl Table {
    /// A table of `rows` (keys of `key_bits` bits; a repeated key keeps its last row), at
    /// most three quarters full (`dense`) or at most two thirds (fewer probes, more memory).
    pub(super) fn new(mut rows: Vec<Slot>, key_bits: u32, dense: bool) -> Table {
        // Stable, so that the last of equal keys is the one kept.
        rows.sort_by_key(|r| r.key());
        let mut t = Table::with_room(rows.len(), key_bits, dense);
        for r in rows {
            t.push(r);
        }
        t
    }

    /// An empty table with room for `rows` rows, to be filled by [`Table::push`].
    pub(super) fn with_room(rows: usize, key_bits: u32, dense: bool) -> Table {
        let room = if dense { rows * 4 / 3 } else { rows * 3 / 2 };
        let cap = (room + 1).next_power_of_two().max(2);
        Table {
            slots: vec![Slot::new(EMPTY, [0; W]); cap],
            mask: cap - 1,
            // Keys have `key_bits` bits; the table has log2(cap) bits of position.
            shift: key_bits.min(32).saturating_sub(cap.trailing_zeros()),
            rows: 0,
        }
    }

    /// Adds a row whose key is at least every key added before (lookups rely on that order;
    /// out of order, a row may go unfound, nothing worse). A repeated key replaces its row;
    /// an empty slot's key is no row. Beyond the room asked for, rows are dropped rather than
    /// fill the table, whose lookups end at an empty slot.
    pub(super) fn push(&mut self, row: Slot) {
        if row.key() == EMPTY || self.rows + 1 >= self.slots.len() {
            return;
        }
        let mut s = self.home_of(row.key());
        while self.slots[s].key() != EMPTY && self.slots[s].key() != row.key() {
            s = (s + 1) & self.mask;
        }
        if self.slots[s].key() == EMPTY {
            self.rows += 1;
        }
        self.slots[s] = row;
    }

    #[inline]
    fn home_of(&self, key: u32) -> usize {
        (key >> self.shift) as usize & self.mask
    }

    /// The home slot of `key`: its position scaled onto the table. Keys are hashes already
    /// (uniform), and an order-preserving home slot means rows inserted in key order, as the
    /// model file stores them, fill the table front to back — loading touches memory in
    /// sequence instead of at random.
    #[inline]
    pub(super) fn home(&self, key: u32) -> &Slot {
        &self.slots[self.home_of(key)]
    }

    /// The row of `key`, if the table has it.
    #[inline]
    pub(super) fn get(&self, key: u32) -> Option<&Slot> {
        let mut s = self.home_of(key);
        loop {
            let slot = &self.slots[s];
            let k = slot.key();
            // Every key on the way to a row is smaller than the row's key (they were all in
            // before it), so the first key at least as great ends the search; an empty
            // slot's key is greater than every row key.
            if k >= key {
                return (k == key && k != EMPTY).then_some(slot);
            }
            s = (s + 1) & self.mask;
        }
    }

    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// The kept rows, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.key() != EMPTY)
    }
}

/// Slots of the hot table: 2^14 slots of 16 bytes are 256 KiB, half a core's L2 cache here.
pub(super) const HOT_BITS: u32 = 14;
const HOT_SLOTS: usize = 1 << HOT_BITS;

/// The most used rows, each in the one slot its key's low bits name (a row whose slot is taken
/// by a more used one stays cold).
#[derive(Clone)]
pub(super) struct HotTable {
    slots: Box<[Slot; HOT_SLOTS]>,
    rows: usize,
}

impl HotTable {
    pub(super) fn new() -> HotTable {
        let slots = vec![Slot::new(EMPTY, [0; W]); HOT_SLOTS].into_boxed_slice();
        HotTable {
            // The vector has exactly HOT_SLOTS slots.
            slots: slots.try_into().unwrap_or_else(|_| unreachable!()),
            rows: 0,
        }
    }

    /// Puts `row` in its slot unless another row has it; returns whether it went in.
    pub(super) fn place(&mut self, row: Slot) -> bool {
        let slot = &mut self.slots[row.key() as usize & (HOT_SLOTS - 1)];
        if slot.key() != EMPTY || row.key() == EMPTY {
            return false;
        }
        *slot = row;
        self.rows += 1;
        true
    }

    /// The slot `key` would be in; it holds `key`'s row if its key is `key`.
    #[inline]
    pub(super) fn slot(&self, key: u32) -> &Slot {
        &self.slots[key as usize & (HOT_SLOTS - 1)]
    }

    pub(super) fn rows(&self) -> usize {
        self.rows
    }

    /// The kept rows, in no particular order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.key() != EMPTY)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_keep_keys_and_weights() {
        let w: [i8; W] = std::array::from_fn(|k| (k as i32 * 19 - 120) as i8);
        for key in [0, 1, 0x00AB_CDEF, EMPTY - 1] {
            let s = Slot::new(key, w);
            assert_eq!((s.key(), s.weights()), (key, w));
        }
        assert_eq!(std::mem::size_of::<Slot>(), 16);
    }

    #[test]
    fn tables_find_what_they_hold_and_nothing_else() {
        // Keys crowded into a few home slots, so that probing wraps round the table's end.
        let keys: Vec<u32> = (0..200u32)
            .map(|k| (k.wrapping_mul(0x9E37_79B9) >> 8) | 0x00F0_0000)
            .collect();
        let mut rows: Vec<Slot> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| Slot::new(k, [i as i8; W]))
            .collect();
        // A repeated key keeps its last row; an empty slot's key is no row.
        rows.push(Slot::new(keys[3], [99; W]));
        rows.push(Slot::new(EMPTY, [1; W]));
        let t = Table::new(rows, KEY_BITS, true);
        assert_eq!(t.rows(), keys.len());
        assert_eq!(t.iter().count(), keys.len());
        for (i, &k) in keys.iter().enumerate() {
            let want = if i == 3 { 99 } else { i as i8 };
            assert_eq!(t.get(k).map(|s| s.weights()[0]), Some(want));
        }
        for k in [0u32, 5, 0x0001_2345, 0x00F0_0001, EMPTY - 1, EMPTY] {
            assert!(t.get(k).is_none() || keys.contains(&k), "{k:x}");
        }
    }

    #[test]
    fn hot_tables_keep_the_first_row_of_each_slot() {
        let mut hot = HotTable::new();
        let a = Slot::new(5, [1; W]);
        assert!(hot.place(a));
        // Same low bits, another key: the slot is taken.
        assert!(!hot.place(Slot::new(5 + (1 << HOT_BITS), [2; W])));
        assert!(!hot.place(Slot::new(EMPTY, [3; W])));
        assert_eq!(hot.slot(5).weights(), [1; W]);
        assert_ne!(hot.slot(5 + (1 << HOT_BITS)).key(), 5 + (1 << HOT_BITS));
        assert_eq!((hot.rows(), hot.iter().count()), (1, 1));
    }
}
