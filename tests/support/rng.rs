//! xorshift64*: a small deterministic generator, so that a synthetic graph or a fuzz failure
//! reproduces. Shared by the fuzz pass (`tests/fuzz.rs`) and the analysis benchmark
//! (`examples/analysis.rs`) through `#[path]`.

/// The generator's state (any non-zero seed).
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0), from the high bits.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() >> 11) as usize % n.max(1)
    }
}
