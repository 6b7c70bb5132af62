//! Seeded made-up German-like words and names for the benches: distinct texts on every run,
//! the same texts on every machine.

/// A small seeded generator (xorshift64*), so a corpus is the same on every run.
pub struct Seeded(pub u64);

impl Seeded {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A word of `words`, low ranks far more often than high ones, as in real text.
    pub fn skewed<'a>(&mut self, words: &'a [String]) -> &'a str {
        let rank = self.below(words.len()).min(self.below(words.len()));
        &words[rank]
    }
}

const SYLLABLES: &[&str] = &[
    "ber", "lin", "ge", "mein", "de", "rat", "haus", "stadt", "wer", "ke", "schu", "le", "po",
    "li", "zei", "ge", "richt", "ur", "teil", "zeu", "gen", "mi", "nis", "te", "ri", "um",
];
/// First names the generated articles quote.
pub const FIRST: &[&str] = &[
    "Petra", "Olaf", "Maria", "Tom", "Aylin", "René", "Jonas", "Lea",
];
/// Surnames the generated articles quote.
pub const LAST: &[&str] = &[
    "Krause", "Albers", "Demir", "Reilly", "Alvarez", "Berger", "Vogt",
];

/// A vocabulary of 5,000 made-up words.
pub fn vocabulary(rng: &mut Seeded) -> Vec<String> {
    (0..5000)
        .map(|_| {
            let n = 1 + rng.below(4);
            (0..n)
                .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
                .collect()
        })
        .collect()
}
