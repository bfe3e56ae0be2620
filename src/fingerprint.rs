//! Fingerprints for duplicates: the same story arriving twice, or reprinted by
//! many outlets with small edits.
//!
//! * [`content_hash`]: the article's words, normalised (case, punctuation,
//!   quote marks, white space), hashed — equal for exact copies.
//! * [`MinHash`]: 64 one-byte minima of the article's three-word shingles
//!   (one-permutation hashing with rotation densification). Two articles'
//!   fingerprints estimate the Jaccard similarity of their shingle sets;
//!   reprints with a new headline, a dropped or moved paragraph or an added
//!   sentence stay well above [`NEAR_DUPLICATE`], distinct stories on the same
//!   subject stay well below it. One hash per shingle keeps it cheap.
//! * [`simhash`]: 64 bits per passage over its shingles; passages within
//!   [`PASSAGE_BITS`] bits of each other are the same passage with trivial
//!   edits (a quote reused verbatim by two different stories).
//!
//! The headline is left out: a changed headline is the commonest edit.

/// Bytes of a MinHash fingerprint.
pub const MINHASH_BYTES: usize = 64;
/// Default Jaccard similarity from which two articles are near-duplicates.
pub const NEAR_DUPLICATE: f64 = 0.5;
/// Hamming distance up to which two passages are the same passage.
pub const PASSAGE_BITS: u32 = 3;
/// Articles with fewer shingles than this are too short to call near-copies
/// by similarity (exact copies are still found by [`content_hash`]).
pub const MIN_SHINGLES: usize = 8;

/// A 64-bit mix (SplitMix64's finaliser): spreads every input bit.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The words of a text, hashed once: lower-cased letters and digits, so that
/// punctuation, quote marks and spacing do not matter (`don't` = `don’t`).
#[derive(Debug, Clone, Default)]
pub struct Words {
    hashes: Vec<u64>,
    /// Byte offset where each word ends.
    ends: Vec<usize>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl Words {
    pub fn of(text: &str) -> Words {
        let mut words = Words::default();
        let mut hash = FNV_OFFSET;
        let mut in_word = false;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                if b.is_ascii_alphanumeric() {
                    hash = (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                    in_word = true;
                } else if b != b'\'' {
                    words.end_word(&mut hash, &mut in_word, i);
                }
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                for lower in c.to_lowercase() {
                    let mut buf = [0u8; 4];
                    for &byte in lower.encode_utf8(&mut buf).as_bytes() {
                        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
                    }
                }
                in_word = true;
            } else if c != '’' {
                words.end_word(&mut hash, &mut in_word, i);
            }
            i += c.len_utf8();
        }
        words.end_word(&mut hash, &mut in_word, bytes.len());
        words
    }

    fn end_word(&mut self, hash: &mut u64, in_word: &mut bool, at: usize) {
        if *in_word {
            self.hashes.push(mix(*hash));
            self.ends.push(at);
        }
        *hash = FNV_OFFSET;
        *in_word = false;
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The hashes of the words that end within `range` of the text.
    pub fn within(&self, range: std::ops::Range<usize>) -> &[u64] {
        let from = self.ends.partition_point(|&e| e <= range.start);
        let to = self.ends.partition_point(|&e| e <= range.end);
        &self.hashes[from..to.max(from)]
    }

    pub fn all(&self) -> &[u64] {
        &self.hashes
    }
}

/// Hashes of the three-word shingles (or of the words, for very short text).
fn shingles(words: &[u64]) -> impl Iterator<Item = u64> + '_ {
    let short = if words.len() < 3 { words } else { &[] };
    let single = short.iter().map(|w| mix(*w));
    let triples = words
        .windows(3)
        .map(|w| mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42)));
    single.chain(triples)
}

/// How many shingles `n` words make.
fn shingle_count(n: usize) -> usize {
    if n < 3 { n } else { n - 2 }
}

/// Bodies and passages with fewer words than this get no fingerprint: an
/// empty body or a one-line item says nothing about being a copy.
pub const MIN_WORDS: usize = 8;

/// A 64-bit FNV-1a hash of bytes: the same on every run, machine, build and
/// Rust version, as values stored in an index or used as identities must be.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The exact-copy fingerprint of a body (`None` when it is too short).
pub fn content_hash(body: &str) -> Option<u64> {
    content_hash_of(Words::of(body).all())
}

/// [`content_hash`] of hashed words.
pub fn content_hash_of(words: &[u64]) -> Option<u64> {
    (words.len() >= MIN_WORDS).then(|| words.iter().fold(0x9e37_79b9_7f4a_7c15, |h, w| mix(h ^ w)))
}

/// A MinHash fingerprint: [`MINHASH_BYTES`] buckets, one byte each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinHash(pub [u8; MINHASH_BYTES]);

/// The fingerprint of an empty or too-short text: never similar to anything.
const EMPTY: u8 = 0;

impl MinHash {
    /// The fingerprint of a body, or `None` when it is too short to compare.
    pub fn of(body: &str) -> Option<MinHash> {
        Self::of_words(Words::of(body).all())
    }

    /// [`MinHash::of`] hashed words.
    pub fn of_words(words: &[u64]) -> Option<MinHash> {
        if shingle_count(words.len()) < MIN_SHINGLES {
            return None;
        }
        // One permutation: each shingle lands in one bucket, which keeps its
        // smallest value.
        let mut minima = [u64::MAX; MINHASH_BYTES];
        for s in shingles(words) {
            let bucket = (s % MINHASH_BYTES as u64) as usize;
            minima[bucket] = minima[bucket].min(s / MINHASH_BYTES as u64);
        }
        // Rotation densification: an empty bucket borrows the next filled one.
        let mut out = [EMPTY; MINHASH_BYTES];
        for i in 0..MINHASH_BYTES {
            let (value, step) = (0..MINHASH_BYTES)
                .map(|d| (minima[(i + d) % MINHASH_BYTES], d))
                .find(|(v, _)| *v != u64::MAX)?;
            // One byte of the minimum (mixed with the distance borrowed from,
            // so borrowed values differ from the lender's); never EMPTY.
            let byte = (mix(value.wrapping_add(step as u64)) >> 56) as u8;
            out[i] = byte.max(1);
        }
        Some(MinHash(out))
    }

    /// Estimated Jaccard similarity of the two shingle sets. One-byte values
    /// agree by chance one time in 255; the estimate corrects for it.
    pub fn similarity(&self, other: &MinHash) -> f64 {
        // Equal bytes, eight at a time: the zero bytes of a XOR b.
        let equal: u32 = self
            .0
            .chunks_exact(8)
            .zip(other.0.chunks_exact(8))
            .map(|(a, b)| {
                let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
                zero_bytes(word(a) ^ word(b))
            })
            .sum();
        let raw = equal as f64 / MINHASH_BYTES as f64;
        let chance = 1.0 / 255.0;
        ((raw - chance) / (1.0 - chance)).clamp(0.0, 1.0)
    }

    #[cfg(test)]
    fn similarity_bytewise(&self, other: &MinHash) -> usize {
        self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<MinHash> {
        bytes.try_into().ok().map(MinHash)
    }
}

/// How many of the eight bytes of `x` are zero.
fn zero_bytes(x: u64) -> u32 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // A byte's high bit ends up set exactly when the byte is not zero.
    let nonzero = ((x & LOW7).wrapping_add(LOW7) | x) & !LOW7;
    8 - nonzero.count_ones()
}

/// A passage's 64-bit SimHash over its shingles (`None` when it is too
/// short to say anything).
pub fn simhash(text: &str) -> Option<u64> {
    simhash_of(Words::of(text).all())
}

/// [`simhash`] of hashed words.
pub fn simhash_of(words: &[u64]) -> Option<u64> {
    if words.len() < MIN_WORDS {
        return None;
    }
    // How many shingles set each bit, counted eight bits at a time: `SPREAD` turns a byte of a
    // shingle into eight one-byte counters, so a shingle costs eight additions instead of 64.
    let mut ones = [0u32; 64];
    let mut lanes = [0u64; 8];
    let mut pending = 0;
    let flush = |lanes: &mut [u64; 8], ones: &mut [u32; 64]| {
        for (k, lane) in lanes.iter_mut().enumerate() {
            for (i, one) in ones[8 * k..8 * k + 8].iter_mut().enumerate() {
                *one += ((*lane >> (8 * i)) & 0xff) as u32;
            }
            *lane = 0;
        }
    };
    let mut total = 0u32;
    for s in shingles(words) {
        for (k, lane) in lanes.iter_mut().enumerate() {
            *lane += SPREAD[((s >> (8 * k)) & 0xff) as usize];
        }
        total += 1;
        pending += 1;
        // a one-byte counter holds up to 255
        if pending == 255 {
            flush(&mut lanes, &mut ones);
            pending = 0;
        }
    }
    flush(&mut lanes, &mut ones);
    // a bit is set when more shingles have it than not
    Some(
        ones.iter()
            .enumerate()
            .filter(|&(_, &n)| 2 * n > total)
            .fold(0u64, |h, (bit, _)| h | (1 << bit)),
    )
}

/// For each byte value, eight one-byte counters: byte `i` is bit `i` of the value.
static SPREAD: [u64; 256] = spread();

const fn spread() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < 8 {
            table[b] |= (((b >> i) & 1) as u64) << (8 * i);
            i += 1;
        }
        b += 1;
    }
    table
}

/// Whether two passages are the same passage with trivial edits.
pub fn same_passage(a: u64, b: u64) -> bool {
    (a ^ b).count_ones() <= PASSAGE_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SimHash counted one bit at a time, as defined.
    fn simhash_direct(words: &[u64]) -> Option<u64> {
        if words.len() < MIN_WORDS {
            return None;
        }
        let mut weights = [0i64; 64];
        for s in shingles(words) {
            for (bit, weight) in weights.iter_mut().enumerate() {
                *weight += if (s >> bit) & 1 == 1 { 1 } else { -1 };
            }
        }
        Some(
            (0..64)
                .filter(|&b| weights[b] > 0)
                .fold(0, |h, b| h | (1 << b)),
        )
    }

    #[test]
    fn simhash_counts_bits_as_defined() {
        // lengths around the one-byte counters' flush (255 shingles) and beyond
        for n in [0, 7, 8, 9, 100, 256, 257, 258, 600, 2000] {
            let words: Vec<u64> = (0..n as u64).map(|i| mix(i * 7 + n as u64)).collect();
            assert_eq!(simhash_of(&words), simhash_direct(&words), "{n} words");
        }
    }

    const STORY: &str = "The port of Valdera reopened on Monday after a three-week strike by \
        crane operators, the harbour authority said.\n\nShips that had waited at anchor began \
        moving to the quays at dawn, and the first containers were unloaded by noon.\n\n\
        \"We lost a great deal of money, but we kept our people,\" said Mara Kint, who runs a \
        shipping agency in the old town.\n\nThe union said its members had won a pay rise of \
        six percent and new rules on night shifts.\n\nThe harbour authority expects the backlog \
        to clear within ten days.";

    #[test]
    fn exact_copies_share_a_content_hash_whatever_the_punctuation() {
        let reformatted = STORY
            .replace('"', "“")
            .replace(",", " ,")
            .replace("\n\n", "\n");
        assert_eq!(content_hash(STORY), content_hash(&reformatted));
        assert_ne!(
            content_hash(STORY),
            content_hash(&STORY.replace("six", "seven"))
        );
    }

    #[test]
    fn a_reprint_with_a_dropped_paragraph_is_a_near_duplicate() {
        let a = MinHash::of(STORY).unwrap();
        let trimmed: Vec<&str> = STORY.split("\n\n").take(4).collect();
        let b = MinHash::of(&trimmed.join("\n\n")).unwrap();
        assert!(a.similarity(&b) >= NEAR_DUPLICATE, "{}", a.similarity(&b));
        assert_eq!(a.similarity(&a), 1.0);
    }

    #[test]
    fn a_different_story_on_the_same_subject_is_not() {
        let other = "Crane operators at the port of Valdera ended their strike on Monday, and \
            the union called the deal a victory for night-shift workers.\n\nShipping agents \
            said the three weeks had cost them dearly.\n\nThe harbour authority said the quays \
            would work around the clock until the ships at anchor were cleared, which could \
            take ten days or more.";
        let a = MinHash::of(STORY).unwrap();
        let b = MinHash::of(other).unwrap();
        assert!(a.similarity(&b) < NEAR_DUPLICATE, "{}", a.similarity(&b));
    }

    #[test]
    fn empty_bodies_are_never_copies_of_each_other() {
        assert_eq!(content_hash(""), None);
        assert_eq!(content_hash("Brief item here."), None);
    }

    #[test]
    fn zero_bytes_are_counted_exactly() {
        assert_eq!(zero_bytes(0), 8);
        assert_eq!(zero_bytes(u64::MAX), 0);
        assert_eq!(zero_bytes(0x0100_0000_0000_0080), 6);
        assert_eq!(zero_bytes(0x8000_0000_0000_0001), 6);
        let a = MinHash::of(STORY).unwrap();
        let b = MinHash::of(&STORY.replace("harbour", "port")).unwrap();
        let equal = a.similarity_bytewise(&b) as f64 / MINHASH_BYTES as f64;
        let chance = 1.0 / 255.0;
        let expected = ((equal - chance) / (1.0 - chance)).clamp(0.0, 1.0);
        assert!((a.similarity(&b) - expected).abs() < 1e-12);
    }

    #[test]
    fn very_short_texts_have_no_minhash() {
        assert!(MinHash::of("Brief item.").is_none());
        assert!(MinHash::of("").is_none());
    }

    #[test]
    fn simhash_tolerates_trivial_edits_only() {
        let p = "Ships that had waited at anchor began moving to the quays at dawn, and the \
            first containers were unloaded by noon, the harbour master told reporters.";
        let quotes = p.replace(", and", " and");
        let hash = |t: &str| simhash(t).unwrap();
        assert!(same_passage(hash(p), hash(&quotes)));
        let other = "The union said its members had won a pay rise of six percent and new \
            rules on night shifts after the long dispute at the container terminal.";
        assert!(!same_passage(hash(p), hash(other)));
        assert_eq!(simhash("Too short to say."), None);
    }

    #[test]
    fn words_hash_the_same_however_they_are_written() {
        let a = Words::of("Don't STOP — Zoë's café!");
        let b = Words::of("don’t stop zoë’s CAFÉ");
        assert_eq!(a.all(), b.all());
        assert_eq!(a.len(), 4);
    }

    #[test]
    fn words_within_a_range_are_those_ending_in_it() {
        let text = "one two three. four five";
        let w = Words::of(text);
        let second = text.find("three").unwrap();
        assert_eq!(w.within(second..text.len()), &w.all()[2..]);
        assert_eq!(w.within(0..7), &w.all()[..2]);
        assert!(w.within(3..4).is_empty());
    }
}
