//! Text analysis: how passage text, titles and queries become index terms.
//!
//! Every word of a text has two forms (see `ARCHITECTURE.md`):
//!
//! * **exact** — lower-cased and folded to ASCII (`Zoë` → `zoe`), no stop
//!   words removed. Quoted phrases, prefixes and the exact-form boost of bare
//!   words use it.
//! * **stem** — the exact form through the English Snowball stemmer
//!   (`closed` → `close`). Bare words use it.
//!
//! The searchable text fields ([`TEXT`]) hold both in one pass, the way
//! Lucene's keyword-repeat filter does: every word's exact form, and at the
//! same position, when the stemmer changes the word, its stem marked with
//! [`STEM_MARK`] (`closed` → `closed`, `~close`). A word the stemmer leaves
//! alone (`the`, `said`, `oil`) is there once, as itself, so a bare word asks
//! for the marked stem and for the stem as a plain word. Phrases see only the
//! exact forms: a marked stem shares its word's position and never matches a
//! typed word. Name fields (source, speaker, ...) hold exact forms only
//! ([`EXACT`]).
//!
//! Both run on [`WordTokenizer`], which decides what a word is: a run of letters
//! and digits, where an apostrophe (straight or curly) between two letters stays
//! inside the word (`don't` → `dont`), and a possessive `'s` is dropped
//! (`Azerbaijan’s` → `azerbaijan`, highlighted without the `’s`). A blank line
//! between two words advances the position by [`PARAGRAPH_GAP`], so a phrase never
//! matches across a paragraph break.

use std::collections::HashMap;
use std::ops::Range;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, Token, TokenFilter,
    TokenStream, Tokenizer,
};

/// Name of the exact analyzer in the index's tokenizer manager.
pub const EXACT: &str = "dateline_exact";
/// Name of the text analyzer in the index's tokenizer manager: exact forms,
/// and marked stems where they differ from their word.
pub const TEXT: &str = "dateline_text";
/// Marks a stem in the index. No exact form contains it: words are letters
/// and digits only.
pub const STEM_MARK: char = '~';
/// Position increment between two paragraphs: larger than any sensible phrase slop.
pub const PARAGRAPH_GAP: usize = 100;
/// Words of this many bytes or more are not indexed (tantivy's
/// `RemoveLongFilter` keeps shorter ones): they are table debris or encoded
/// blobs, never something a person types.
pub const MAX_WORD_BYTES: usize = 80;

/// Splits text into words; see the module documentation for the rules.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    cursor: usize,
    next_position: usize,
    started: bool,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            cursor: 0,
            next_position: 0,
            started: false,
            token: &mut self.token,
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// A combining mark (an accent written as its own char after its letter, as
/// text in decomposed Unicode, NFD, has it): part of the word it follows, and
/// dropped from the word's forms, so that `Mu\u{308}ller` is `muller` like
/// `Müller`.
pub fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, gap)) = next_word_start(self.text, self.cursor) else {
            self.cursor = self.text.len();
            return false;
        };
        let word = scan_word(self.text, start);
        self.cursor = word.next;
        self.token.text.clear();
        let span = &self.text[start..word.end];
        if word.plain {
            self.token.text.push_str(span);
        } else {
            for c in span.chars() {
                if !is_apostrophe(c) && !is_combining(c) {
                    self.token.text.push(c);
                }
            }
        }
        self.token.position = if self.started && gap {
            self.next_position + PARAGRAPH_GAP
        } else {
            self.next_position
        };
        self.started = true;
        self.next_position = self.token.position + 1;
        self.token.offset_from = start;
        self.token.offset_to = word.end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The position ranges (as the text field indexes them) of the words that
/// start inside each byte range of `text`: how the index records where a
/// passage quotes someone, so that `quote:` can match within quotes without
/// indexing the quoted words a second time. `ranges` are sorted and do not
/// overlap. One result per byte range, `None` for a range that holds no
/// word; each range is `start..end`, end exclusive.
pub fn position_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Option<Range<u32>>> {
    let mut out: Vec<Option<Range<u32>>> = vec![None; ranges.len()];
    let mut k = 0;
    let (mut cursor, mut next_position, mut started) = (0, 0usize, false);
    while k < ranges.len() {
        let Some((start, gap)) = next_word_start(text, cursor) else {
            break;
        };
        let position = if started && gap {
            next_position + PARAGRAPH_GAP
        } else {
            next_position
        };
        started = true;
        next_position = position + 1;
        cursor = scan_word(text, start).next;
        while k < ranges.len() && ranges[k].end <= start {
            k += 1;
        }
        if k == ranges.len() || start < ranges[k].start {
            continue;
        }
        let position = u32::try_from(position).unwrap_or(u32::MAX - 1);
        match &mut out[k] {
            Some(range) => range.end = position + 1,
            slot => *slot = Some(position..position + 1),
        }
    }
    out
}

/// Finds the start of the next word at or after `from`, and whether a blank
/// line (paragraph break) lies between `from` and it. ASCII bytes are judged
/// without decoding; anything else by the Unicode rules.
fn next_word_start(text: &str, from: usize) -> Option<(usize, bool)> {
    let bytes = text.as_bytes();
    let mut newlines = 0;
    let mut gap = false;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            match b {
                b if b.is_ascii_alphanumeric() => return Some((i, gap)),
                b'\n' => {
                    newlines += 1;
                    gap |= newlines >= 2;
                }
                // `char::is_whitespace` among ASCII
                b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' => {}
                _ => newlines = 0,
            }
            i += 1;
        } else {
            // `i` only ever steps over whole chars from `from`
            let c = text.get(i..)?.chars().next()?;
            if c.is_alphanumeric() {
                return Some((i, gap));
            }
            if !c.is_whitespace() {
                newlines = 0;
            }
            i += c.len_utf8();
        }
    }
    None
}

struct WordEnd {
    /// End of the token's highlightable span (before a possessive `'s`).
    end: usize,
    /// Where scanning resumes.
    next: usize,
    /// The word is ASCII letters and digits only: its text is its span.
    plain: bool,
}

/// Scans the word starting at `start` (which is alphanumeric). ASCII letters
/// and digits are stepped over without decoding.
fn scan_word(text: &str, start: usize) -> WordEnd {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut plain = true;
    while let Some(&b) = bytes.get(end) {
        if b.is_ascii_alphanumeric() {
            end += 1;
            continue;
        }
        // any other ASCII byte but an apostrophe ends the word: no char to decode
        if b.is_ascii() && b != b'\'' {
            break;
        }
        let Some(c) = text.get(end..).and_then(|s| s.chars().next()) else {
            break;
        };
        let after = end + c.len_utf8();
        // an apostrophe between two letters stays inside the word
        let inside = c.is_alphanumeric()
            || is_combining(c)
            || is_apostrophe(c)
                && text
                    .get(after..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(char::is_alphanumeric);
        if !inside {
            break;
        }
        end = after;
        plain = false;
    }
    // A possessive: the word ends in apostrophe + s, and something precedes it.
    if !plain && matches!(bytes.get(end.wrapping_sub(1)), Some(b's' | b'S')) {
        let word = &text[start..end - 1];
        if let Some((apo_at, apo)) = word.char_indices().next_back()
            && is_apostrophe(apo)
            && apo_at > 0
        {
            return WordEnd {
                end: start + apo_at,
                next: end,
                plain: false,
            };
        }
    }
    WordEnd {
        end,
        next: end,
        plain,
    }
}

/// The exact analyzer: words, lower-cased, folded to ASCII.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The words of `text` as the exact analyzer makes them (lower-cased, folded
/// to ASCII), joined by a space: the key under which two spellings of a name
/// that a search cannot tell apart ("Zoë Marchetti", "Zoe Marchetti") are one.
pub fn fold_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    fold_key_into(text, &mut key);
    key
}

/// [`fold_key`] into `key` (cleared first), for callers keying many names.
pub fn fold_key_into(text: &str, key: &mut String) {
    key.clear();
    // most names are plain ASCII words, one space apart: those need no analyzer
    let mut word = 0;
    let plain = text.bytes().all(|b| {
        if b.is_ascii_alphanumeric() && word + 1 < MAX_WORD_BYTES {
            word += 1;
            key.push(char::from(b.to_ascii_lowercase()));
            true
        } else if b == b' ' && word > 0 {
            word = 0;
            key.push(' ');
            true
        } else {
            false
        }
    });
    if !(plain && word > 0) {
        fold_key_analysed(text, key);
    }
}

fn fold_key_analysed(text: &str, key: &mut String) {
    thread_local! {
        // built once a thread: a facet table keys thousands of names
        static EXACT: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(exact_analyzer());
    }
    key.clear();
    EXACT.with_borrow_mut(|analyzer| {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(&token.text);
        }
    });
}

/// The stemmed analyzer: the exact analyzer followed by the English stemmer.
pub fn stem_analyzer() -> TextAnalyzer {
    with_stems(StemMode::Replace)
}

/// The analyzer of the searchable text fields ([`TEXT`]): exact forms, and
/// each changed stem marked, at its word's position.
pub fn text_analyzer() -> TextAnalyzer {
    with_stems(StemMode::Repeat)
}

fn with_stems(mode: StemMode) -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StemFilter { mode })
        .build()
}

/// The index term of a stem that differs from its word.
pub fn marked_stem(stem: &str) -> String {
    let mut term = String::with_capacity(stem.len() + 1);
    term.push(STEM_MARK);
    term.push_str(stem);
    term
}

/// Registers the index's analyzers under [`EXACT`] and [`TEXT`].
pub fn register(manager: &tantivy::tokenizer::TokenizerManager) {
    manager.register(EXACT, exact_analyzer());
    manager.register(TEXT, text_analyzer());
}

/// A fast hasher for the stemmer's memo (FxHash: one multiply per word of
/// input). The memo's keys are short words, not attacker-chosen in bulk, and
/// the memo is bounded, so SipHash's protection is not needed there.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        // the last 1-7 bytes, assembled in a register (a copy of a slice of
        // unknown length is a call to memmove: 2% of an ingest's CPU)
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let tail = rest
                .iter()
                .enumerate()
                .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i));
            self.add(tail);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // Fold the high bits down: the table indexes buckets by the low bits.
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
    }
}

type Fx = std::hash::BuildHasherDefault<FxHasher>;

/// Word → its stem, or `None` when the stemmer leaves the word alone.
///
/// Nearly all words fit in 16 bytes; those are kept inline, stem and all, so
/// that a look-up reads one slot of the table and follows no pointer (the
/// memo is looked up for three words in four of everything indexed).
#[derive(Clone, Default)]
struct Memo {
    short: HashMap<ShortWord, ShortStem, Fx>,
    long: HashMap<String, Option<String>, Fx>,
}

/// A word of up to 16 bytes, zero-padded (words hold no zero byte).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct ShortWord([u64; 2]);

const SHORT: usize = 16;

impl ShortWord {
    /// Built from overlapping fixed-size loads: a copy of a slice of unknown
    /// length into a buffer is a call to memcpy, which was a quarter of the
    /// memo's look-up time.
    fn of(word: &str) -> Option<ShortWord> {
        let b = word.as_bytes();
        let n = b.len();
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().unwrap_or([0; 8]));
        let u32_at =
            |i: usize| u64::from(u32::from_le_bytes(b[i..i + 4].try_into().unwrap_or([0; 4])));
        let key = match n {
            // bytes 8..n: the last eight, shifted down past the overlap
            9..=SHORT => [u64_at(0), u64_at(n - 8) >> (8 * (SHORT - n))],
            8 => [u64_at(0), 0],
            // the first four and the last four, overlapping
            4..=7 => [u32_at(0) | u32_at(n - 4) << (8 * (n - 4)), 0],
            0..=3 => [
                b.iter()
                    .enumerate()
                    .fold(0, |w, (i, &x)| w | u64::from(x) << (8 * i)),
                0,
            ],
            _ => return None,
        };
        Some(ShortWord(key))
    }
}

/// The stem of a short word: never longer than the word.
#[derive(Clone, Copy)]
struct ShortStem {
    /// `UNCHANGED`, or the stem's length.
    len: u8,
    bytes: [u8; SHORT],
}

const UNCHANGED: u8 = u8::MAX;

impl Memo {
    /// `Some(None)`: the word is its own stem; `Some(Some(stem))`: it changes.
    fn get(&self, word: &str) -> Option<Option<&str>> {
        let Some(key) = ShortWord::of(word) else {
            return self.long.get(word).map(|s| s.as_deref());
        };
        let stem = self.short.get(&key)?;
        if stem.len == UNCHANGED {
            return Some(None);
        }
        let bytes = stem.bytes.get(..usize::from(stem.len))?;
        Some(std::str::from_utf8(bytes).ok())
    }

    /// Remembers `word`'s stem; a memo of [`STEM_MEMO`] words starts afresh first.
    fn insert(&mut self, word: &str, stem: Option<&str>) {
        if self.len() >= STEM_MEMO {
            self.clear();
        }
        let short = ShortWord::of(word).filter(|_| stem.is_none_or(|s| s.len() <= SHORT));
        let Some(key) = short else {
            self.long.insert(word.to_string(), stem.map(str::to_string));
            return;
        };
        let mut entry = ShortStem {
            len: UNCHANGED,
            bytes: [0; SHORT],
        };
        if let Some(stem) = stem {
            entry.len = stem.len() as u8;
            entry.bytes[..stem.len()].copy_from_slice(stem.as_bytes());
        }
        self.short.insert(key, entry);
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// Entries kept in a stemmer's memo before it starts afresh. News vocabulary
/// is Zipfian: the most frequent 64 Ki words make up nearly all tokens.
const STEM_MEMO: usize = 1 << 16;

/// What [`StemFilter`] does with a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StemMode {
    /// The word becomes its stem.
    Replace,
    /// The word stays; a changed stem follows it, marked, at the same position.
    Repeat,
}

/// English Snowball stemming, memoised per analyzer.
#[derive(Clone, Copy)]
pub struct StemFilter {
    pub mode: StemMode,
}

impl TokenFilter for StemFilter {
    type Tokenizer<T: Tokenizer> = StemTokenizer<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> StemTokenizer<T> {
        StemTokenizer {
            inner,
            mode: self.mode,
            stem: String::new(),
        }
    }
}

thread_local! {
    /// word → its stem, or `None` when the stem is the word itself: one memo per thread,
    /// shared by every field's analyzer (a quote's words were just looked up for the text
    /// field of the same passage, and are still in the cache).
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// The tokenizer made by [`StemFilter`].
#[derive(Clone)]
pub struct StemTokenizer<T> {
    inner: T,
    mode: StemMode,
    /// The marked stem waiting to be emitted (`Repeat` mode).
    stem: String,
}

/// The token stream made by [`StemFilter`].
pub struct StemTokenStream<'a, S> {
    tail: S,
    mode: StemMode,
    /// In `Repeat` mode: the marked stem to emit after the current word.
    stem: &'a mut String,
    pending: bool,
}

impl<T: Tokenizer> Tokenizer for StemTokenizer<T> {
    type TokenStream<'a> = StemTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        StemTokenStream {
            tail: self.inner.token_stream(text),
            mode: self.mode,
            stem: &mut self.stem,
            pending: false,
        }
    }
}

fn stemmer() -> frostem::Stemmer {
    frostem::Stemmer::new(frostem::Algorithm::English)
}

/// The stem of `word` when stemming changes it.
fn changed_stem(word: &str) -> Option<String> {
    let stem = stemmer().stem(word);
    (stem != word).then(|| stem.into_owned())
}

impl<S: TokenStream> TokenStream for StemTokenStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.pending {
            // Same position and offsets as the word just emitted.
            self.pending = false;
            std::mem::swap(&mut self.tail.token_mut().text, self.stem);
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if stem_is_word(&token.text) {
            return true;
        }
        let (mode, marked) = (self.mode, &mut *self.stem);
        self.pending = MEMO.with_borrow_mut(|memo| {
            // One lookup for the common case: a word seen before.
            match memo.get(&token.text) {
                Some(None) => return false,
                Some(Some(stem)) => return apply(mode, &mut token.text, marked, stem),
                None => {}
            }
            let changed = changed_stem(&token.text);
            memo.insert(&token.text, changed.as_deref());
            changed.is_some_and(|stem| apply(mode, &mut token.text, marked, &stem))
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Words the English stemmer always leaves alone, known without asking it:
/// two letters or fewer (Snowball's first rule) and numbers. They are
/// about a quarter of the words of news text (26% of Reuters).
fn stem_is_word(word: &str) -> bool {
    word.len() <= 2 || word.bytes().all(|b| b.is_ascii_digit())
}

/// Turns the word in `text` into its changed `stem`, or writes the marked
/// stem into `marked` to follow it; true when a marked stem is waiting.
fn apply(mode: StemMode, text: &mut String, marked: &mut String, stem: &str) -> bool {
    match mode {
        StemMode::Replace => {
            text.clear();
            text.push_str(stem);
            false
        }
        StemMode::Repeat => {
            marked.clear();
            marked.push(STEM_MARK);
            marked.push_str(stem);
            true
        }
    }
}

/// The first letter of a word as the stemmer sees it (a leading apostrophe
/// is dropped): its stem starts with the same letter.
pub fn first_letter(word: &str) -> Option<char> {
    word.trim_start_matches(['\'', '’']).chars().next()
}

/// One word of a text as both analyzers see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Position (paragraph gaps included).
    pub position: usize,
    /// Exact form: lower-cased, folded.
    pub exact: String,
    /// Stemmed form.
    pub stem: String,
}

/// Analyses `text` into [`Word`]s, for highlighting and for query terms.
#[derive(Clone)]
pub struct Analyzer {
    exact: TextAnalyzer,
    stem: TextAnalyzer,
    /// Changed stems of exact forms seen before (`words`).
    stems: Memo,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            exact: exact_analyzer(),
            stem: stem_analyzer(),
            stems: Memo::default(),
        }
    }
}

impl Analyzer {
    /// The words of `text`, in order, with their exact forms only (`stem`
    /// left empty): for matching that needs no stems.
    pub fn exact_words(&mut self, text: &str) -> Vec<Word> {
        self.words_stemming(text, |_| false)
    }

    /// The words of `text`, in order. The stemmed analyzer is the exact one
    /// followed by the stemmer, so each stem comes from its exact form,
    /// without tokenising the text a second time.
    pub fn words(&mut self, text: &str) -> Vec<Word> {
        self.words_stemming(text, |_| true)
    }

    /// [`Analyzer::words`], with stems only for the words whose first letter
    /// `wanted` accepts (see [`first_letter`]); the others get an empty stem.
    /// The English stemmer never changes a word's first letter, so a search
    /// for some stems needs only the words that start like one of them.
    pub fn words_stemming(&mut self, text: &str, wanted: impl Fn(char) -> bool) -> Vec<Word> {
        let mut words = Vec::new();
        self.words_into(text, wanted, &mut words);
        words
    }

    /// [`Analyzer::words_stemming`] into `words`, reusing its strings: a
    /// highlighter analyses one passage after another without allocating.
    pub fn words_into(&mut self, text: &str, wanted: impl Fn(char) -> bool, words: &mut Vec<Word>) {
        let mut n = 0;
        let mut stream = self.exact.token_stream(text);
        while let Some(token) = stream.next() {
            if n == words.len() {
                words.push(Word::default());
            }
            let word = &mut words[n];
            word.start = token.offset_from;
            word.end = token.offset_to;
            word.position = token.position;
            word.exact.clone_from(&token.text);
            word.stem.clear();
            n += 1;
        }
        drop(stream);
        words.truncate(n);
        for word in words.iter_mut() {
            if first_letter(&word.exact).is_some_and(&wanted) {
                self.stem_into(&word.exact, &mut word.stem);
            }
        }
    }

    /// What [`StemFilter`] makes of one exact form, memoised, into `out`.
    fn stem_into(&mut self, exact: &str, out: &mut String) {
        out.clear();
        if stem_is_word(exact) {
            out.push_str(exact);
            return;
        }
        if let Some(changed) = self.stems.get(exact) {
            out.push_str(changed.unwrap_or(exact));
            return;
        }
        let changed = changed_stem(exact);
        out.push_str(changed.as_deref().unwrap_or(exact));
        self.stems.insert(exact, changed.as_deref());
    }

    /// The exact forms of the words of `text` (for query terms).
    pub fn exact_terms(&mut self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = self.exact.token_stream(text);
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    /// The stem of one exact-form word.
    pub fn stem_of(&mut self, exact: &str) -> String {
        let mut stream = self.stem.token_stream(exact);
        stream
            .next()
            .map(|t| t.text.clone())
            .unwrap_or_else(|| exact.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word rules written char by char, as the module documentation
    /// states them: what the byte-wise `next_word_start` and `scan_word` must
    /// agree with.
    fn reference_words(text: &str) -> Vec<(usize, usize, bool, String)> {
        let mut out = Vec::new();
        let (mut cursor, mut newlines, mut gap) = (0, 0, false);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if i < cursor {
                k += 1;
                continue;
            }
            if !c.is_alphanumeric() {
                match c {
                    '\n' => {
                        newlines += 1;
                        gap |= newlines >= 2;
                    }
                    c if c.is_whitespace() => {}
                    _ => newlines = 0,
                }
                k += 1;
                continue;
            }
            let mut j = k;
            let mut end = i;
            while let Some(&(at, c)) = chars.get(j) {
                let next_alnum = chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if c.is_alphanumeric() || is_combining(c) {
                    end = at + c.len_utf8();
                } else if !(is_apostrophe(c) && next_alnum) {
                    break;
                }
                j += 1;
            }
            let word = &text[i..end];
            let mut tail = word.char_indices().rev();
            let shown = match (tail.next(), tail.next()) {
                (Some((_, 's' | 'S')), Some((apo_at, apo))) if is_apostrophe(apo) && apo_at > 0 => {
                    i + apo_at
                }
                _ => end,
            };
            let form: String = text[i..shown]
                .chars()
                .filter(|&c| !is_apostrophe(c) && !is_combining(c))
                .collect();
            // the first word's position is 0, whatever precedes it
            let gapped = gap && !out.is_empty();
            out.push((i, shown, gapped, form));
            cursor = end;
            newlines = 0;
            gap = false;
            k = j;
        }
        out
    }

    fn fast_words(text: &str) -> Vec<(usize, usize, bool, String)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        let mut last_position = None;
        while stream.advance() {
            let t = stream.token();
            let gap = last_position.is_some_and(|p: usize| t.position > p + 1);
            last_position = Some(t.position);
            out.push((t.offset_from, t.offset_to, gap, t.text.clone()));
        }
        out
    }

    #[test]
    fn spellings_a_search_cannot_tell_apart_have_one_key() {
        assert_eq!(fold_key("Zoë Marchetti"), "zoe marchetti");
        assert_eq!(fold_key("Zoe MARCHETTI"), "zoe marchetti");
        assert_eq!(fold_key("Zoe\u{308} Marchetti"), "zoe marchetti");
        assert_eq!(fold_key("Conan O’Brien"), fold_key("Conan O'Brien"));
        assert_ne!(fold_key("Ann Lee"), fold_key("Anne Lee"));
        // the shortcut for plain names gives what the analyzer gives
        let long = "x".repeat(MAX_WORD_BYTES);
        let shorter = &long[1..];
        let names = [
            "Donald Trump",
            "Ban Ki moon",
            "Room 101",
            "A",
            &long,
            shorter,
        ];
        // and what it does not take, the analyzer does
        let odd = ["", " ", "Ann  Lee", " Ann", "Ann ", "Ann\tLee", "U.S. Army"];
        for name in names.into_iter().chain(odd) {
            let mut analysed = String::new();
            fold_key_analysed(name, &mut analysed);
            assert_eq!(fold_key(name), analysed, "{name:?}");
        }
    }

    #[test]
    fn byte_wise_word_scanning_agrees_with_the_char_rules() {
        // every pair and triple of tricky pieces, so that each meets each
        let pieces = [
            "a",
            "Zoë",
            "don't",
            "don’t",
            "Aliyev’s",
            "boss's",
            "it'",
            "'s",
            "ʼ",
            "e\u{301}",
            "9",
            " ",
            "\n",
            "\n\n",
            "\n \n",
            "\r\n\r\n",
            "\t",
            "—",
            "\u{a0}",
            "\u{2029}",
            ",",
            "日本",
            "'",
            "’",
            "x’s’",
            "S",
            "\u{85}",
        ];
        let mut texts = Vec::new();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                for c in pieces {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        for text in &texts {
            assert_eq!(fast_words(text), reference_words(text), "{text:?}");
        }
    }

    /// (byte start, position) of every token the index's tokenizer makes.
    fn token_positions(text: &str) -> Vec<(usize, u32)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push((stream.token().offset_from, stream.token().position as u32));
        }
        out
    }

    #[test]
    fn position_ranges_cover_the_words_starting_in_each_range() {
        let text = "He said: \"We will keep them closed.\" Then:\n\n\"Not now,\" she added, \"and never.\"";
        let quotes: Vec<Range<usize>> = ["We will keep them closed.", "Not now,", "and never."]
            .iter()
            .map(|q| {
                let at = text.find(q).unwrap();
                at..at + q.len()
            })
            .collect();
        let ranges: Vec<Range<u32>> = position_ranges(text, &quotes)
            .into_iter()
            .flatten()
            .collect();
        // each range holds exactly the tokens that start inside its quote
        let tokens = token_positions(text);
        assert_eq!(ranges.len(), 3);
        for (range, quote) in ranges.iter().zip(&quotes) {
            let inside: Vec<u32> = tokens
                .iter()
                .filter(|(start, _)| quote.contains(start))
                .map(|&(_, p)| p)
                .collect();
            assert_eq!(
                inside,
                (range.start..range.end).collect::<Vec<_>>(),
                "{quote:?}"
            );
        }
        // the paragraph break before the second quote is a position gap
        assert!(ranges[1].start >= ranges[0].end + PARAGRAPH_GAP as u32);
        assert!(position_ranges(text, &[]).is_empty());
        assert_eq!(
            position_ranges(text, &[Range { start: 2, end: 2 }]),
            [None],
            "an empty range holds no word"
        );
    }

    #[test]
    fn a_short_word_is_its_bytes_zero_padded() {
        let text = "abcdefghijklmnopq";
        for n in 0..=text.len() {
            let word = &text[..n];
            let mut buf = [0u8; SHORT];
            buf[..n.min(SHORT)].copy_from_slice(&word.as_bytes()[..n.min(SHORT)]);
            let expected = (n <= SHORT).then(|| {
                let (lo, hi) = buf.split_at(8);
                [
                    u64::from_le_bytes(lo.try_into().unwrap()),
                    u64::from_le_bytes(hi.try_into().unwrap()),
                ]
            });
            assert_eq!(ShortWord::of(word).map(|w| w.0), expected, "{word}");
        }
    }

    fn exact(text: &str) -> Vec<(String, usize)> {
        Analyzer::default()
            .words(text)
            .into_iter()
            .map(|w| (w.exact, w.position))
            .collect()
    }

    #[test]
    fn stems_from_exact_forms_equal_the_stemmed_analyzer() {
        let text = "Ministers' talks: Café owners RUNNING, ran; \"the running-mates\" \
                    don’t re-open 1987's 12,000 borders — skies, dying, generously. Ølstad";
        let mut a = Analyzer::default();
        let words = a.words(text);
        let mut reference = stem_analyzer();
        let mut stream = reference.token_stream(text);
        let mut stems = Vec::new();
        while let Some(token) = stream.next() {
            stems.push(token.text.clone());
        }
        let ours: Vec<String> = words.iter().map(|w| w.stem.clone()).collect();
        assert_eq!(ours, stems);
        // a second pass, from the memo, gives the same
        let again: Vec<String> = a.words(text).into_iter().map(|w| w.stem).collect();
        assert_eq!(again, stems);
    }

    #[test]
    fn the_stemmer_keeps_the_first_letter() {
        let text = "skies dying lying tying idly gently ugly early only singly yes \
                    'twas generously communism arsenal yelling ’Tis";
        let mut a = Analyzer::default();
        for w in a.words(text) {
            assert_eq!(first_letter(&w.stem), first_letter(&w.exact), "{w:?}");
        }
    }

    #[test]
    fn words_stemming_stems_only_the_wanted_letters() {
        let mut a = Analyzer::default();
        let words = a.words_stemming("Borders closed; boats running", |c| c == 'b');
        let stems: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["border", "", "boat", ""]);
    }

    #[test]
    fn words_are_lowercased_and_folded() {
        let words: Vec<_> = exact("Zoë Brandt met José in MÜNCHEN")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, ["zoe", "brandt", "met", "jose", "in", "munchen"]);
    }

    #[test]
    fn decomposed_accents_stay_in_their_word_and_fold_away() {
        // "Müller" and "José" with the accents as combining marks (NFD)
        let nfd = "Mu\u{308}ller met Jose\u{301} Marti\u{301}nez";
        let words: Vec<String> = exact(nfd).into_iter().map(|(w, _)| w).collect();
        assert_eq!(words, ["muller", "met", "jose", "martinez"]);
        let nfc: Vec<String> = exact("Müller met José Martínez")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, nfc);
        // the span of a word keeps its marks, so a highlight covers them
        let mut analyzer = Analyzer::default();
        let first = &analyzer.exact_words(nfd)[0];
        assert_eq!(&nfd[first.start..first.end], "Mu\u{308}ller");
    }

    #[test]
    fn curly_and_straight_possessives_both_drop_the_s() {
        let mut a = Analyzer::default();
        let curly = a.words("Azerbaijan’s borders");
        let straight = a.words("Azerbaijan's borders");
        assert_eq!(curly[0].exact, "azerbaijan");
        assert_eq!(straight[0].exact, "azerbaijan");
        // The highlight span stops before the apostrophe.
        assert_eq!(
            &"Azerbaijan’s borders"[curly[0].start..curly[0].end],
            "Azerbaijan"
        );
        assert_eq!(curly[1].position, 1);
    }

    #[test]
    fn contractions_stay_one_word() {
        let words: Vec<_> = exact("don’t O'Brien rock'n'roll")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, ["dont", "obrien", "rocknroll"]);
    }

    #[test]
    fn quotes_around_words_are_not_apostrophes() {
        let words: Vec<_> = exact("'closed' ‘open’ students' '90s")
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, ["closed", "open", "students", "90s"]);
    }

    #[test]
    fn a_blank_line_opens_a_position_gap() {
        let words = exact("borders\n\nclosed now\nand then");
        assert_eq!(words[0].1, 0);
        assert_eq!(words[1].1, 1 + PARAGRAPH_GAP);
        assert_eq!(words[2].1, 2 + PARAGRAPH_GAP);
        // A single newline is not a paragraph break.
        assert_eq!(words[3].1, 3 + PARAGRAPH_GAP);
        let spaced = exact("a \n  \t\n b");
        assert_eq!(spaced[1].1, 1 + PARAGRAPH_GAP);
    }

    #[test]
    fn stems_follow_the_english_stemmer() {
        let mut a = Analyzer::default();
        let words = a.words("Borders closed, closing");
        let stems: Vec<_> = words.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["border", "close", "close"]);
        assert_eq!(a.stem_of("closure"), "closur");
    }

    #[test]
    fn the_index_adds_marked_stems_only_where_they_change_the_word() {
        let mut text = text_analyzer();
        let mut stream = text.token_stream("the borders closed said oil prices");
        let mut terms = Vec::new();
        while let Some(t) = stream.next() {
            terms.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        let expected = [
            ("the", 0, 0, 3),
            ("borders", 1, 4, 11),
            ("~border", 1, 4, 11),
            ("closed", 2, 12, 18),
            ("~close", 2, 12, 18),
            ("said", 3, 19, 23),
            ("oil", 4, 24, 27),
            ("prices", 5, 28, 34),
            ("~price", 5, 28, 34),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|&(t, p, a, b)| (t.to_string(), p, a, b))
            .collect();
        assert_eq!(terms, expected);
        assert_eq!(marked_stem("price"), "~price");
    }

    #[test]
    fn the_index_gives_a_word_the_same_terms_from_the_memo() {
        // the second time each word comes, its stem is the memo's
        let mut text = text_analyzer();
        let words = "closed internationalisations oil développements";
        let twice = format!("{words} {words}");
        let mut stream = text.token_stream(&twice);
        let mut terms = Vec::new();
        while let Some(t) = stream.next() {
            terms.push(t.text.clone());
        }
        let once = [
            "closed",
            "~close",
            "internationalisations",
            "~internationalis",
            "oil",
            "developpements",
            "~developp",
        ];
        assert_eq!(terms, [once, once].concat());
    }

    #[test]
    fn short_words_and_numbers_are_their_own_stems() {
        let words = [
            "a", "is", "us", "as", "ox", "1", "19", "1987", "2025", "0042",
        ];
        let letters = ('a'..='z').map(String::from);
        let pairs = ('a'..='z').flat_map(|a| ('a'..='z').map(move |b| format!("{a}{b}")));
        let all = words
            .iter()
            .map(|w| w.to_string())
            .chain(letters)
            .chain(pairs);
        for w in all {
            assert!(super::stem_is_word(&w), "{w}");
            assert_eq!(stemmer().stem(&w), w.as_str(), "{w}");
        }
        assert!(!super::stem_is_word("1980s"));
        assert!(!super::stem_is_word("its"));
    }

    #[test]
    fn the_memo_gives_the_same_stems_as_the_stemmer() {
        let mut a = Analyzer::default();
        // short and long (over 16 bytes) words, changed and unchanged, each seen twice or more
        let text = "running runs ran runner running closures closing \
                    internationalisations counterrevolutionaries développements "
            .repeat(3);
        for w in a.words(&text) {
            assert_eq!(w.stem, stemmer().stem(&w.exact));
        }
    }

    #[test]
    fn offsets_are_byte_offsets_on_char_boundaries() {
        let text = "«Çelik» — said “Zoë”";
        for w in Analyzer::default().words(text) {
            assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
    }

    #[test]
    fn empty_and_punctuation_only_text_has_no_words() {
        assert!(exact("").is_empty());
        assert!(exact(" ,.;— \n\n ").is_empty());
    }
}
