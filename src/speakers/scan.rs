//! The tokenizer: one pass over a body that cuts it into tokens and classifies each word token
//! as it goes.
//!
//! Bytes are told apart through a 256-entry class table, so the common ASCII case costs one
//! load per byte; anything beyond ASCII is decoded and judged by the Unicode rules (letters,
//! digits, white space). Each word is looked up in the body's vocabulary right when it is cut,
//! with its hash computed once for both the vocabulary and the lexicon.

use std::ops::Range;

use super::lexicon::{self, Lex};
use super::names::Gender;
use super::text::{Kind, Mark, Token, is_space};
use super::vocab::{Probe, WordTable};

/// An ASCII white space or control byte (DEL included).
const SPACE: u8 = 1;
/// `\n` or `\r`: white space that breaks a paragraph.
const BREAK: u8 = 2;
const LOWER: u8 = 4;
const UPPER: u8 = 8;
const DIGIT: u8 = 16;
/// A byte of a multi-byte char.
const WIDE: u8 = 32;
const ALNUM: u8 = LOWER | UPPER | DIGIT;
/// Bytes that may join two parts of a word: `'`, `-`, `.`, `,`, and the lead byte of `’`.
const JOINER: u8 = 64;

static CLASS: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'\n' | b'\r' => SPACE | BREAK,
            0..=b' ' | 0x7f => SPACE,
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'\'' | b'-' | b'.' | b',' => JOINER,
            // 0xE2 leads `’` (E2 80 99) among others
            0xe2 => WIDE | JOINER,
            0x80..=0xff => WIDE,
            _ => 0,
        };
        b += 1;
    }
    table
}

fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// A distinct lower-cased word of a body.
pub(crate) struct Word {
    pub lex: Lex,
    /// Written as its lower-cased form somewhere in the body.
    pub lowercase: bool,
}

/// What a scan produces: the tokens, the word lists of each, and the distinct words.
pub(crate) struct Scanned {
    pub toks: Vec<Token>,
    /// For each token: the word lists its lower-cased form is on (empty for non-words).
    pub lex: Vec<Lex>,
    /// The capitalised words, ascending.
    pub caps: Vec<usize>,
    /// The words that may start a cue (`Lex::may_cue`), ascending.
    pub cue_words: Vec<usize>,
    pub vocab: WordTable<Word>,
}

/// Tokenizes `body`; `lower` is `body` with ASCII letters lower-cased (same byte offsets).
pub(crate) fn scan(body: &str, lower: &str) -> Scanned {
    let mut out = Scanned {
        toks: Vec::with_capacity(body.len() / 4 + 1),
        lex: Vec::with_capacity(body.len() / 4 + 1),
        caps: Vec::with_capacity(body.len() / 32 + 1),
        cue_words: Vec::with_capacity(body.len() / 128 + 1),
        // room for a distinct word per ten bytes, more than news text has (one per 30 to 40):
        // growing the table costs more than zeroing a larger one
        vocab: WordTable::with_capacity(body.len() / 10 + 16),
    };
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let k = class(b);
        if k & SPACE != 0 {
            // a lone space between words needs no loop
            let lone = k & BREAK == 0
                && bytes
                    .get(i + 1)
                    .is_some_and(|&n| class(n) & (SPACE | WIDE) == 0);
            if lone {
                i += 1;
                continue;
            }
            let (j, newline) = skip_space(body, i);
            if newline {
                out.push(Kind::Para, i, j, false, false);
            }
            i = j;
        } else if k & ALNUM != 0 {
            i = out.word(body, lower, i, k & UPPER != 0);
        } else if k & WIDE == 0 {
            i = out.ascii_mark(bytes, i);
        } else {
            i = out.wide(body, lower, i);
        }
    }
    out
}

impl Scanned {
    fn push(&mut self, kind: Kind, start: usize, end: usize, cap: bool, poss: bool) {
        self.toks.push(Token {
            start,
            end,
            kind,
            cap,
            poss,
            sent: 0,
            para: 0,
        });
        self.lex.push(Lex::default());
    }

    /// Cuts the word starting at byte `i` and classifies it; returns where scanning resumes.
    fn word(&mut self, body: &str, lower: &str, i: usize, cap: bool) -> usize {
        let w = scan_word(body, i);
        if cap {
            self.caps.push(self.toks.len());
        }
        self.push(Kind::Word, i, w.end, cap, w.poss);
        // only a word written as its lower-cased form counts ("iPhone" is not "iphone");
        // short words are too ambiguous to tell a common word from a name
        let first_lower = body.as_bytes().get(i).is_some_and(u8::is_ascii_lowercase);
        let lowercase = !cap && w.end - i > 2 && first_lower && !w.upper;
        let span = lower.as_bytes().get(i..w.end).unwrap_or_default();
        let probe = Probe::new(span);
        let word = self
            .vocab
            .intern_probed(lower, i..w.end, &probe, |text| Word {
                lex: lexicon::classify_probed(text, &probe),
                lowercase: false,
            });
        word.lowercase |= lowercase;
        let lex = word.lex;
        if let Some(slot) = self.lex.last_mut() {
            *slot = lex;
        }
        if lex.may_cue() {
            self.cue_words.push(self.lex.len() - 1);
        }
        w.next
    }

    /// A token for the ASCII mark at byte `i` (not a letter, digit or space).
    fn ascii_mark(&mut self, bytes: &[u8], i: usize) -> usize {
        let (kind, end) = match bytes[i] {
            // two apostrophes stand for a straight double quote (a newspaper convention)
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => (Kind::Quote(Mark::Straight), i + 2),
            b'"' => (Kind::Quote(Mark::Straight), i + 1),
            b => (Kind::Punct(char::from(b)), i + 1),
        };
        self.push(kind, i, end, false, false);
        end
    }

    /// A token for the char beyond ASCII at byte `i`; returns where scanning resumes.
    fn wide(&mut self, body: &str, lower: &str, i: usize) -> usize {
        let Some(c) = body.get(i..).and_then(|s| s.chars().next()) else {
            // not a char boundary: cannot happen for a `str`, but never loop forever
            return body.len();
        };
        let end = i + c.len_utf8();
        if is_space(c) {
            let (j, newline) = skip_space(body, i);
            if newline {
                self.push(Kind::Para, i, j, false, false);
            }
            return j;
        }
        if c.is_alphanumeric() {
            return self.word(body, lower, i, c.is_uppercase());
        }
        let kind = match c {
            '“' | '„' | '«' => Kind::Quote(Mark::Open),
            '”' | '»' => Kind::Quote(Mark::Close),
            // the horizontal bar and the figure dash sign quotes as the em dash does
            '―' | '‒' => Kind::Punct('—'),
            _ => Kind::Punct(c),
        };
        self.push(kind, i, end, false, false);
        end
    }
}

/// The char starting at byte `i` (None past the end or inside a char); ASCII without decoding.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    match *s.as_bytes().get(i)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => s.get(i..)?.chars().next(),
    }
}

/// The char ending at byte `j`, if `j` is a char boundary after one.
fn char_before(s: &str, j: usize) -> Option<char> {
    match *s.as_bytes().get(j.checked_sub(1)?)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => s.get(..j)?.chars().next_back(),
    }
}

/// The end of the white space starting at byte `i`, and whether it holds a line break.
fn skip_space(body: &str, i: usize) -> (usize, bool) {
    let bytes = body.as_bytes();
    let (mut j, mut newline) = (i, false);
    while let Some(&b) = bytes.get(j) {
        let k = class(b);
        if k & SPACE != 0 {
            newline |= k & BREAK != 0;
            j += 1;
        } else if k & WIDE == 0 {
            break;
        } else {
            match char_at(body, j) {
                Some(d) if is_space(d) => {
                    newline |= d == '\u{2029}';
                    j += d.len_utf8();
                }
                _ => break,
            }
        }
    }
    (j, newline)
}

/// A run of letters and digits: where it ends, how many chars it has, and whether one of them
/// is an ASCII capital.
struct Run {
    end: usize,
    count: usize,
    upper: bool,
}

/// The letters and digits starting at byte `j`.
fn skip_alphanumeric(body: &str, start: usize) -> Run {
    let bytes = body.as_bytes();
    let mut j = start;
    // bytes beyond the first of each multi-byte char, so that ASCII needs no count of its own
    let mut extra = 0;
    let mut seen = 0u8;
    // eight bytes at a time while they are ASCII letters and digits: a word's end is then
    // found without a branch per byte
    while let Some(chunk) = bytes
        .get(j..j + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let (n, upper) = ascii_alphanumeric_prefix(u64::from_le_bytes(chunk));
        j += n;
        if upper {
            seen |= UPPER;
        }
        if n < 8 {
            break;
        }
    }
    while let Some(&b) = bytes.get(j) {
        let k = class(b);
        if k & ALNUM != 0 {
            seen |= k;
            j += 1;
        } else if k & WIDE == 0 {
            break;
        } else {
            match char_at(body, j) {
                Some(c) if c.is_alphanumeric() => {
                    j += c.len_utf8();
                    extra += c.len_utf8() - 1;
                }
                // a combining mark (a decomposed accent) belongs to its word
                Some(c) if crate::analysis::is_combining(c) => {
                    j += c.len_utf8();
                    extra += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    Run {
        end: j,
        count: j - start - extra,
        upper: seen & UPPER != 0,
    }
}

/// Every byte of a word of eight.
const LANES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = LANES * 0x80;

/// The bytes `b` of `v` (eight bytes, the first in the low byte) with `lo <= b <= hi`, as their
/// high bits; right for every byte before the first of 0x80 or more (adding to such a byte
/// may carry into the next one).
fn in_range(v: u64, lo: u8, hi: u8) -> u64 {
    let at_least = v.wrapping_add(LANES * u64::from(0x80 - lo));
    let above = v.wrapping_add(LANES * u64::from(0x7f - hi));
    at_least & !above & HIGH
}

/// How many of the eight bytes of `v` (the first in the low byte) are ASCII letters or digits
/// before the first that is not, and whether one of those is a capital.
fn ascii_alphanumeric_prefix(v: u64) -> (usize, bool) {
    let digit = in_range(v, b'0', b'9');
    // setting bit 5 folds capitals onto small letters and leaves small letters as they are
    let letter = in_range(v | (LANES * 0x20), b'a', b'z');
    // a byte of 0x80 or more is never ASCII
    let stop = (!(digit | letter) | v) & HIGH;
    let n = (stop.trailing_zeros() / 8) as usize;
    let prefix = match n {
        8 => u64::MAX,
        _ => (1u64 << (8 * n)) - 1,
    };
    // capitals are the letters with bit 5 clear (`<< 2` lifts bit 5 to the high bit)
    let capital = letter & !(v << 2) & prefix;
    (n, capital != 0)
}

/// A scanned word: the end of its span, where scanning resumes, the possessive flag, and
/// whether the span holds an ASCII capital.
struct Scan {
    end: usize,
    next: usize,
    poss: bool,
    upper: bool,
}

/// A speech verb after the hyphen at `after - 1`, glued onto the word part `before`: in text
/// whose spaces became hyphens on its way ("Supt Dahl-said:", "Biden-spoke") the hyphen is
/// read as a space, so that the verb and its attribution are found. "said" and "says" are
/// never the end of a compound ("well-said" aside); the other verbs only after a capital,
/// as "value-added" and "well-told" are words.
fn glued_speech_verb(body: &str, before: Range<usize>, after: usize) -> bool {
    let rest = body.as_bytes().get(after..).unwrap_or_default();
    let len = rest
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (Some(verb), Some(part)) = (rest.get(..len), body.get(before)) else {
        return false;
    };
    match verb {
        b"said" | b"says" => !part.eq_ignore_ascii_case("well"),
        b"told" | b"added" | b"denied" | b"insisted" | b"warned" | b"noted" | b"explained"
        | b"announced" | b"stressed" | b"claimed" | b"argued" | b"wrote" | b"tweeted"
        | b"asked" | b"replied" | b"stated" | b"spoke" => {
            part.starts_with(|c: char| c.is_uppercase())
        }
        _ => false,
    }
}

/// A first name after the hyphen at `after - 1`, glued onto a title, role or body's word
/// (`before`): "Minister for Foreign Affairs-Charlie Flanagan", "Photographer-Ivette Ivens",
/// text whose spaces became hyphens on its way. "Jean-Pierre" (a first name before) and
/// "Hewlett-Packard" (no first name after) stay one word.
fn glued_name(body: &str, before: Range<usize>, after: usize) -> bool {
    let rest = body.get(after..).unwrap_or_default();
    if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let (Some(name), Some(part)) = (rest.get(..len), body.get(before)) else {
        return false;
    };
    if !part.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let (name, part) = (name.to_lowercase(), part.to_lowercase());
    let first = |w: &str| lexicon::classify(w).first_name_gender() != Gender::Unknown;
    let lex = lexicon::classify(&part);
    first(&name)
        && !first(&part)
        && (lex.is_title() || lex.is_role_head() || lex.is_department_word() || lex.is_org_word())
}

/// Scans a word from `i`.
///
/// Joins letters across inner apostrophes (`don’t`), hyphens (`front-runner`), periods of
/// dotted abbreviations (`U.S.`) and number separators (`2,000`, `3.5`).
fn scan_word(body: &str, i: usize) -> Scan {
    let bytes = body.as_bytes();
    let mut j = i;
    // where the part of the word after its last joiner starts
    let mut part = i;
    let mut segment = 0usize;
    let mut dotted = false;
    let mut upper = false;
    let done = |end: usize, next: usize, poss: bool, upper: bool| Scan {
        end,
        next,
        poss,
        upper,
    };
    loop {
        let run = skip_alphanumeric(body, j);
        j = run.end;
        segment += run.count;
        upper |= run.upper;
        // the common case: a space or a mark that never joins a word
        if bytes.get(j).is_none_or(|&b| class(b) & JOINER == 0) {
            break;
        }
        let Some(c) = char_at(body, j) else { break };
        if !matches!(c, '\'' | '’' | '-' | '.' | ',') {
            break;
        }
        let after = j + c.len_utf8();
        let next = char_at(body, after);
        let prev = char_before(body, j);
        match c {
            '\'' if next == Some('\'') => break,
            '\'' | '’' => {
                let n2 = next.and_then(|n| char_at(body, after + n.len_utf8()));
                if matches!(next, Some('s' | 'S')) && !n2.is_some_and(|d| d.is_alphanumeric()) {
                    return done(j, after + 1, true, upper);
                }
                if next.is_some_and(|n| n.is_alphabetic()) {
                    j = after;
                    part = after;
                    segment = 0;
                    continue;
                }
                if prev == Some('s') && !next.is_some_and(|n| n.is_alphanumeric()) {
                    return done(j, after, true, upper);
                }
                break;
            }
            // the hyphen stands for a space: no token of its own
            '-' if glued_speech_verb(body, part..j, after) || glued_name(body, part..j, after) => {
                return done(j, after, false, upper);
            }
            '-' if next.is_some_and(|n| n.is_alphanumeric()) => {
                j = after;
                part = after;
                segment = 0;
            }
            '.' if next.is_some_and(|n| n.is_alphabetic()) && segment == 1 => {
                j = after;
                segment = 0;
                dotted = true;
            }
            '.' | ','
                if prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()) =>
            {
                j = after;
                segment = 0;
            }
            '.' if dotted && segment == 1 => {
                // the closing period of "U.S." belongs to the abbreviation
                return done(after, after, false, upper);
            }
            _ => break,
        }
    }
    done(j, j, false, upper)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_table_agrees_with_the_char_rules() {
        for b in 0..=255u8 {
            let k = class(b);
            if b.is_ascii() {
                let c = char::from(b);
                assert_eq!(k & SPACE != 0, is_space(c), "{b:#x}");
                assert_eq!(k & BREAK != 0, matches!(c, '\n' | '\r'), "{b:#x}");
                assert_eq!(k & ALNUM != 0, c.is_alphanumeric(), "{b:#x}");
                assert_eq!(k & UPPER != 0, c.is_ascii_uppercase(), "{b:#x}");
                assert_eq!(
                    k & JOINER != 0,
                    matches!(c, '\'' | '-' | '.' | ','),
                    "{b:#x}"
                );
            } else {
                assert!(k & WIDE != 0 && k & (SPACE | ALNUM) == 0, "{b:#x}");
            }
        }
    }

    /// `ascii_alphanumeric_prefix` the slow way, one byte at a time.
    fn prefix_by_bytes(bytes: [u8; 8]) -> (usize, bool) {
        let n = bytes
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        (n, bytes[..n].iter().any(u8::is_ascii_uppercase))
    }

    #[test]
    fn eight_bytes_at_a_time_agree_with_one_at_a_time() {
        // every byte in every position among letters, and random words of eight bytes
        let mut cases = Vec::new();
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcDEF12";
                bytes[at] = b;
                cases.push(bytes);
            }
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            cases.push(x.to_le_bytes());
            // mostly letters and digits, so that long prefixes occur
            let mut bytes = *b"Lorem9ip";
            bytes[(x % 8) as usize] = (x >> 8) as u8;
            cases.push(bytes);
        }
        for bytes in cases {
            let fast = ascii_alphanumeric_prefix(u64::from_le_bytes(bytes));
            assert_eq!(fast, prefix_by_bytes(bytes), "{bytes:?}");
        }
    }
}
