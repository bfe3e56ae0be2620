//! Word hashing and word tables.
//!
//! `hash_word` is a fast hash for short words; `WordMap` puts it behind std's `HashMap`. A
//! `WordTable` is an open-addressing table of words that are byte spans of one text, compared
//! by their bytes packed into two integers (no call to `memcmp` for a word of up to 16 bytes)
//! and allocating nothing per word: the lexicon is one, over the text of its word lists, and
//! each body has one of its distinct lower-cased words, so that a word is classified once
//! however often it occurs.

use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A small, fast hasher for short word keys (see `hash_word`). Word lookups sit on the hot
/// path and need no protection against adversarial collisions: a collision only costs a probe.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(17) ^ hash_word(bytes);
    }

    /// The terminator `str` hashes after its bytes: a cheap bijection keeps the mixing of
    /// `write` intact (every bit of the result matters: the low bits pick hashbrown's bucket,
    /// the high bits its tag).
    fn write_u8(&mut self, b: u8) {
        self.0 = self.0.rotate_left(17) ^ u64::from(b);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash maps keyed by words.
pub(crate) type WordMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<WordHasher>>;

const K1: u64 = 0xa076_1d64_78bd_642f;
const K2: u64 = 0xe703_7ed1_a0b4_28db;

/// The high and low halves of the full product, folded: every input bit reaches every output bit.
fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

fn read8(b: &[u8], i: usize) -> u64 {
    let mut buf = [0u8; 8];
    if let Some(s) = b.get(i..i + 8) {
        buf.copy_from_slice(s);
    }
    u64::from_le_bytes(buf)
}

fn read4(b: &[u8], i: usize) -> u64 {
    let mut buf = [0u8; 4];
    if let Some(s) = b.get(i..i + 4) {
        buf.copy_from_slice(s);
    }
    u64::from(u32::from_le_bytes(buf))
}

/// A word's bytes in two integers. Up to 16 bytes, words of the same length are equal exactly
/// when their packs are (the two halves may overlap, but together they cover every byte).
fn pack(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    if n > 8 {
        (read8(b, 0), read8(b, n - 8))
    } else if n >= 4 {
        (read4(b, 0), read4(b, n - 4))
    } else if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
        let mid = b.get(n / 2).copied().unwrap_or(0);
        (
            u64::from(first) << 16 | u64::from(mid) << 8 | u64::from(last),
            0,
        )
    } else {
        (0, 0)
    }
}

/// The hash of `b` from its `pack`: one full multiply up to 16 bytes.
fn hash_packed(b: &[u8], (x, mut y): (u64, u64)) -> u64 {
    let n = b.len();
    if n > 16 {
        // the middle, in 8-byte chunks
        let mut i = 8;
        while i + 8 < n {
            y = fold(y ^ read8(b, i), K1);
            i += 8;
        }
    }
    fold(x ^ K1 ^ n as u64, y ^ K2)
}

/// A 64-bit hash of a byte string in the style of wyhash, all of its bits well mixed.
pub(crate) fn hash_word(b: &[u8]) -> u64 {
    hash_packed(b, pack(b))
}

/// A word's `pack` and hash, worked out once for look-ups in several tables.
pub(crate) struct Probe {
    hash: u64,
    key: (u64, u64),
}

impl Probe {
    /// The word's hash (the same for every table).
    pub fn hash(&self) -> u64 {
        self.hash
    }

    /// The probe of word `w`.
    pub fn new(w: &[u8]) -> Self {
        let key = pack(w);
        Probe {
            hash: hash_packed(w, key),
            key,
        }
    }
}

/// One distinct word of a `WordTable`.
struct Entry<V> {
    hash: u64,
    /// `pack` of the word: with the length, the word itself up to 16 bytes.
    key: (u64, u64),
    /// Byte span of the word in the table's text.
    start: usize,
    len: usize,
    value: V,
}

/// Distinct words, each a byte span of one text the caller keeps, with a value per word. Ids
/// count from 0 in order of insertion.
pub(crate) struct WordTable<V> {
    /// Linear probing over a power-of-two table: 0 for an empty slot, else 1 + id.
    slots: Vec<usize>,
    entries: Vec<Entry<V>>,
}

impl<V> WordTable<V> {
    /// A table for about `n` words before it grows.
    pub fn with_capacity(n: usize) -> Self {
        WordTable {
            slots: vec![0; (2 * n).next_power_of_two().max(16)],
            // as many entries as fit before the slots double
            entries: Vec::with_capacity((2 * n).next_power_of_two().max(16) / 2),
        }
    }

    /// The id of `w` when the table has it; `text` is the table's text.
    pub fn find(&self, text: &str, w: &str) -> Option<usize> {
        self.find_probed(text, w, &Probe::new(w.as_bytes()))
    }

    /// `find` with the word's probe already worked out.
    pub fn find_probed(&self, text: &str, w: &str, probe: &Probe) -> Option<usize> {
        self.locate(text.as_bytes(), w.as_bytes(), probe.hash, probe.key)
            .ok()
    }

    /// The value of `w` when the table has it.
    pub fn get(&self, text: &str, w: &str) -> Option<&V> {
        self.find(text, w).and_then(|id| self.value(id))
    }

    /// The value of the word at `span` of `text`, added as `make(word)` when new.
    pub fn intern_mut(
        &mut self,
        text: &str,
        span: Range<usize>,
        make: impl FnOnce(&str) -> V,
    ) -> &mut V {
        let id = self.intern(text, span, make);
        &mut self.entries[id].value
    }

    /// `intern_mut` with the word's probe already worked out.
    pub fn intern_probed(
        &mut self,
        text: &str,
        span: Range<usize>,
        probe: &Probe,
        make: impl FnOnce(&str) -> V,
    ) -> &mut V {
        let id = self.intern_with(text, span, probe, make);
        &mut self.entries[id].value
    }

    /// The id of the word at `span` of `text`, added with value `make(word)` when new.
    pub fn intern(
        &mut self,
        text: &str,
        span: Range<usize>,
        make: impl FnOnce(&str) -> V,
    ) -> usize {
        let w = text.as_bytes().get(span.clone()).unwrap_or_default();
        self.intern_with(text, span, &Probe::new(w), make)
    }

    /// `intern` with the word's probe (which must be that of the word at `span`).
    #[inline]
    fn intern_with(
        &mut self,
        text: &str,
        span: Range<usize>,
        probe: &Probe,
        make: impl FnOnce(&str) -> V,
    ) -> usize {
        let w = text.as_bytes().get(span.clone()).unwrap_or_default();
        match self.locate(text.as_bytes(), w, probe.hash, probe.key) {
            Ok(id) => id,
            Err(slot) => self.insert(text, span, probe, slot, make),
        }
    }

    /// Adds the word at `span` in the empty `slot` its probe leads to: the rarer, slower path
    /// kept out of line so that finding a known word stays small.
    #[inline(never)]
    fn insert(
        &mut self,
        text: &str,
        span: Range<usize>,
        probe: &Probe,
        slot: usize,
        make: impl FnOnce(&str) -> V,
    ) -> usize {
        let id = self.entries.len();
        let len = text.as_bytes().get(span.clone()).map_or(0, <[u8]>::len);
        let value = make(text.get(span.clone()).unwrap_or_default());
        self.entries.push(Entry {
            hash: probe.hash,
            key: probe.key,
            start: span.start,
            len,
            value,
        });
        self.slots[slot] = id + 1;
        if 2 * self.entries.len() > self.slots.len() {
            self.grow();
        }
        id
    }

    /// The hashes of the words, in order of insertion.
    pub fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.entries.iter().map(|e| e.hash)
    }

    pub fn value(&self, id: usize) -> Option<&V> {
        self.entries.get(id).map(|e| &e.value)
    }

    /// The id of the word (`Ok`), or the empty slot where it belongs (`Err`).
    #[inline(always)]
    fn locate(&self, text: &[u8], w: &[u8], hash: u64, key: (u64, u64)) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        // at most half the slots are taken, so the probe ends at an empty one
        loop {
            let Some(id) = self.slots[slot].checked_sub(1) else {
                return Err(slot);
            };
            let e = &self.entries[id];
            // equal packs and lengths settle it up to 16 bytes
            if e.key == key
                && e.len == w.len()
                && (w.len() <= 16 || text.get(e.start..e.start + e.len) == Some(w))
            {
                return Ok(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Doubles the slots and re-inserts every word by its stored hash.
    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        let mask = size - 1;
        for (id, e) in self.entries.iter().enumerate() {
            let mut slot = e.hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = id + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_interned_once_and_found_again() {
        let text = "the cat saw the dog";
        let mut t = WordTable::with_capacity(1);
        assert_eq!(t.find(text, "the"), None);
        let ids: Vec<usize> = [0..3, 4..7, 8..11, 12..15, 16..19]
            .into_iter()
            .map(|s| t.intern(text, s, str::len))
            .collect();
        assert_eq!(ids, [0, 1, 2, 0, 3]);
        assert_eq!(t.find(text, "dog"), Some(3));
        assert_eq!(t.get(text, "saw"), Some(&3));
        assert_eq!(t.find(text, "cow"), None);
    }

    #[test]
    fn the_table_grows_past_its_first_size() {
        let words: Vec<String> = (0..500).map(|k| format!("w{k}")).collect();
        let text = words.join(" ");
        let mut t = WordTable::with_capacity(2);
        let mut at = 0;
        for (k, w) in words.iter().enumerate() {
            assert_eq!(t.intern(&text, at..at + w.len(), |_| ()), k);
            at += w.len() + 1;
        }
        assert!(
            words
                .iter()
                .enumerate()
                .all(|(k, w)| t.find(&text, w) == Some(k))
        );
    }

    #[test]
    fn long_words_and_words_sharing_their_ends_stay_apart() {
        let text = "internationalisation internationalization abcdefghij abcdXfghij ab ab";
        let spans = [0..20, 21..41, 42..52, 53..63, 64..66, 67..69];
        let mut t = WordTable::with_capacity(4);
        let ids: Vec<usize> = spans
            .into_iter()
            .map(|s| t.intern(text, s, |_| ()))
            .collect();
        assert_eq!(ids, [0, 1, 2, 3, 4, 4]);
        assert_eq!(t.find(text, "internationalization"), Some(1));
        assert_eq!(t.find(text, "internationalizatiom"), None);
    }
}
