//! Tokens of a body (words, punctuation, double quote marks, paragraph breaks) with byte spans, sentences and paragraphs.
//!
//! Every later stage works on these tokens, never on raw byte positions it computed itself, so
//! every range handed back to the caller falls on a char boundary. Single quotes and apostrophes
//! never become quote tokens: inside a word they join it (`don’t`), a trailing `’s` is recorded as
//! a possessive flag, and anything else is plain punctuation.

use std::ops::Range;

use super::lexicon::Lex;
use super::names;
use super::scan::{self, Word};
pub(crate) use super::vocab::WordMap;
use super::vocab::WordTable;

/// A double quotation mark as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `"`: opens or closes, decided by context.
    Straight,
    /// `“`, `„`, `«`.
    Open,
    /// `”`, `»`.
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Punct(char),
    Quote(Mark),
    /// A run of white space holding at least one line break.
    Para,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The word starts with an upper-case letter.
    pub cap: bool,
    /// The word was followed by a possessive or contracted `’s` (not part of the span).
    pub poss: bool,
    /// Index into `Doc::sents` (a paragraph break carries the index of the sentence before it).
    pub sent: u32,
    /// Index into `Doc::paras` (same convention).
    pub para: u32,
}

/// A tokenised body.
pub(crate) struct Doc<'a> {
    pub body: &'a str,
    /// `body` with ASCII letters lower-cased: same byte offsets, so token spans index it too.
    lower: String,
    pub toks: Vec<Token>,
    /// The capitalised words (`is_cap`), ascending: what name finders visit.
    pub caps: Vec<usize>,
    /// The words that may start a cue (`Lex::may_cue`), ascending: what cue finders visit.
    pub cue_words: Vec<usize>,
    /// Token ranges of the sentences; paragraph-break tokens lie between them.
    pub sents: Vec<Range<usize>>,
    /// Token ranges of the paragraphs.
    pub paras: Vec<Range<usize>>,
    /// For each token: the word lists its lower-cased form is on (empty for non-words).
    lex: Vec<Lex>,
    /// The distinct words, with the ones written in lower case somewhere in the body.
    vocab: WordTable<Word>,
    /// The lower-cased words written after a capitalised first name, sorted (see
    /// [`Doc::after_first_names`]); made when first asked for.
    after_first_names: std::cell::OnceCell<Vec<String>>,
}

impl<'a> Doc<'a> {
    pub fn new(body: &'a str) -> Self {
        let lower = body.to_ascii_lowercase();
        let scanned = scan::scan(body, &lower);
        let mut doc = Doc {
            body,
            lower,
            toks: scanned.toks,
            caps: scanned.caps,
            cue_words: scanned.cue_words,
            sents: Vec::new(),
            paras: Vec::new(),
            lex: scanned.lex,
            vocab: scanned.vocab,
            after_first_names: std::cell::OnceCell::new(),
        };
        doc.drop_nicknames();
        doc.split();
        doc.mark_surnames();
        doc
    }

    /// `John "Tig" Tiegen`: a nickname in quote marks between a first name and a surname is
    /// no quotation. Its marks and words leave the tokens, so that no quote is found there and
    /// the name reads "John Tiegen" (its mention still spans the nickname).
    fn drop_nicknames(&mut self) {
        let nicknames: Vec<Range<usize>> = self
            .caps
            .iter()
            .filter_map(|&i| self.nickname_after(i))
            .collect();
        if nicknames.is_empty() {
            return;
        }
        let mut keep = vec![true; self.toks.len()];
        for r in nicknames {
            keep[r].fill(false);
        }
        // where each kept token goes
        let mut to = Vec::with_capacity(keep.len());
        let mut kept = 0;
        for &k in &keep {
            to.push(kept);
            kept += usize::from(k);
        }
        let mut k = keep.iter();
        self.toks.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        self.lex.retain(|_| *k.next().unwrap_or(&true));
        for list in [&mut self.caps, &mut self.cue_words] {
            list.retain(|&i| keep[i]);
            for i in list.iter_mut() {
                *i = to[*i];
            }
        }
    }

    /// The tokens of a quoted nickname after the first name at token `i`: its two marks and
    /// one or two capitalised words glued between them, followed by a name word.
    fn nickname_after(&self, i: usize) -> Option<Range<usize>> {
        let open = i + 1;
        if !matches!(self.quote(open), Some(Mark::Straight | Mark::Open))
            || self.glued_left(open)
            || self.lex(i).first_name_gender() == names::Gender::Unknown
        {
            return None;
        }
        let mut close = open + 1;
        while close < open + 3
            && self
                .toks
                .get(close)
                .is_some_and(|t| t.kind == Kind::Word && t.cap)
        {
            close += 1;
        }
        let surname = close + 1;
        (close > open + 1
            && self.glued_left(open + 1)
            && matches!(self.quote(close), Some(Mark::Straight | Mark::Close))
            && self.glued_left(close)
            && self.word(surname).is_some()
            && !self.glued_left(surname)
            && names::is_name_word(self, surname))
        .then_some(open..surname)
    }

    /// An everyday word that is someone's surname in this text ("Theresa May", "George
    /// Will") is a name where else it is capitalised and stands as a name would: opening a
    /// sentence or a clause ("…," May said), after a title or a name ("Mrs May", "Trump and
    /// May") or a speech verb ("said Will", "according to May"), and not before a number
    /// ("May 5"). After a lower-case word ("in May",
    /// "throughout May") or a month ("April and May") it stays what it is.
    fn mark_surnames(&mut self) {
        let mut surnames: Vec<&str> = Vec::new();
        for &i in &self.caps {
            let lex = self.lex(i);
            if (lex.is_cap_stop()
                && lex.is_surname_like_stop()
                && names::surname_after_name(self, i))
                || names::title_surname_after_name(self, i)
            {
                let w = self.low(i);
                if !surnames.contains(&w) {
                    surnames.push(w);
                }
            }
        }
        if surnames.is_empty() {
            return;
        }
        let stands_as_a_name = |i: usize| {
            if i == 0 || self.word(i - 1).is_none() {
                return true;
            }
            let is_month = |j: usize| {
                matches!(
                    self.word(j),
                    Some(
                        "january"
                            | "february"
                            | "march"
                            | "april"
                            | "june"
                            | "july"
                            | "august"
                            | "september"
                            | "october"
                            | "november"
                            | "december"
                    )
                )
            };
            let temporal = |j: usize| {
                matches!(
                    self.word(j),
                    Some(
                        "in" | "on"
                            | "at"
                            | "since"
                            | "until"
                            | "till"
                            | "during"
                            | "throughout"
                            | "through"
                            | "from"
                            | "by"
                            | "before"
                            | "after"
                            | "of"
                            | "last"
                            | "next"
                            | "this"
                            | "early"
                            | "late"
                            | "mid"
                            | "end"
                            | "between"
                            | "around"
                            | "to"
                    )
                )
            };
            names::is_name_word(self, i - 1)
                // "said Will", "according to May"
                || self.lex(i - 1).verb().is_some()
                || (i >= 2 && self.is_word(i - 1, "to") && self.is_word(i - 2, "according"))
                || if matches!(self.word(i - 1), Some("and" | "or")) {
                    // "Lund and May", "the referendum, and May said"; not "April and May"
                    !(i >= 2 && is_month(i - 2))
                } else {
                    // "a spokeswoman for May said", "with May saying"; not "throughout May said"
                    !temporal(i - 1) && self.lex(i + 1).verb().is_some()
                }
        };
        let marked: Vec<usize> = self
            .caps
            .iter()
            .copied()
            .filter(|&i| {
                let lex = self.lex(i);
                // a title before a name or after a determiner is a title ("King Charles",
                // "Judge Amy Lund", "the King said")
                ((lex.is_cap_stop() && lex.is_surname_like_stop())
                    || (names::is_surname_title(self.low(i))
                        && !names::is_name_word(self, i + 1)
                        && !(i > 0 && self.word(i - 1).is_some_and(names::is_determiner))))
                    && surnames.contains(&self.low(i))
                    && !self.text(i + 1).starts_with(|c: char| c.is_ascii_digit())
                    && stands_as_a_name(i)
            })
            .collect();
        for i in marked {
            self.lex[i] = self.lex[i].as_surname();
        }
    }

    /// The words (lower-cased, sorted) that the body writes capitalised right after a
    /// capitalised first name: the surnames of the people it names in full ("Kimmel" of
    /// "Jimmy Kimmel"). One pass over the capitalised words, the first time it is asked.
    pub fn after_first_names(&self) -> &[String] {
        self.after_first_names.get_or_init(|| {
            let mut words: Vec<String> = self
                .caps
                .iter()
                .filter(|&&j| {
                    j > 0
                        && self.is_cap(j - 1)
                        && self.lex(j - 1).first_name_gender() != names::Gender::Unknown
                })
                .map(|&j| self.low(j).to_string())
                .collect();
            words.sort_unstable();
            words.dedup();
            words
        })
    }

    /// `w` is written in lower case somewhere in the body. `w` must be lower-cased (hold no
    /// ASCII capital), as every caller's is: the body's words are indexed by lower-cased form.
    pub fn is_lowercase_word(&self, w: &str) -> bool {
        self.vocab
            .get(&self.lower, w)
            .is_some_and(|word| word.lowercase)
    }

    /// The capitalised word at `i` opens its sentence and is written in lower case elsewhere in
    /// the body, so it is a common word rather than a name ("Back in 1999, …").
    pub fn common_word_at_sentence_start(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if !t.cap || self.sentence(i).start != i {
            return false;
        }
        self.is_lowercase_word(self.low(i))
    }

    // The small accessors below are marked `#[inline]`: every stage calls them in its inner
    // loops, and a release build in several codegen units does not inline across units.

    #[inline]
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// The word lists the token's lower-cased text is on: the same as `lexicon::classify` of
    /// `low(i)`, and empty for punctuation, quote marks, breaks and past the end (no list holds
    /// a single non-alphanumeric character).
    #[inline]
    pub fn lex(&self, i: usize) -> Lex {
        self.lex.get(i).copied().unwrap_or_default()
    }

    /// The token's text as written, or "" past the end.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.body.get(t.start..t.end))
            .unwrap_or("")
    }

    /// How the token's possessive is written, with a curly apostrophe: `’s`, or
    /// a lone `’` after a plural (`the farmers’ lawyer`); "" when it has none.
    pub fn possessive(&self, i: usize) -> &'static str {
        let Some(t) = self.toks.get(i).filter(|t| t.poss) else {
            return "";
        };
        let after = self.body.get(t.end..).unwrap_or("");
        let mut chars = after.chars().skip(1);
        if matches!(chars.next(), Some('s' | 'S')) {
            "’s"
        } else {
            "’"
        }
    }

    /// The token's text with ASCII letters lower-cased, or "" past the end.
    #[inline]
    pub fn low(&self, i: usize) -> &str {
        self.toks
            .get(i)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The lower-cased word at `i`, or None when `i` is not a word.
    #[inline]
    pub fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i)?.kind {
            Kind::Word => Some(self.low(i)),
            _ => None,
        }
    }

    #[inline]
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    #[inline]
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Word && t.cap)
    }

    #[inline]
    pub fn punct(&self, i: usize) -> Option<char> {
        match self.toks.get(i)?.kind {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    #[inline]
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.punct(i) == Some(c)
    }

    #[inline]
    pub fn quote(&self, i: usize) -> Option<Mark> {
        match self.toks.get(i)?.kind {
            Kind::Quote(m) => Some(m),
            _ => None,
        }
    }

    #[inline]
    pub fn is_para(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Para)
    }

    /// No white space between token `i` and the one before it.
    #[inline]
    pub fn glued_left(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && self.toks[i - 1].end == self.toks[i].start
    }

    /// Byte range from the start of token `a` to the end of token `b - 1` (empty when `a >= b`).
    pub fn bytes(&self, toks: Range<usize>) -> Range<usize> {
        match (self.toks.get(toks.start), toks.end.checked_sub(1)) {
            (Some(first), Some(last)) if last >= toks.start && last < self.toks.len() => {
                first.start..self.toks[last].end
            }
            (Some(first), _) => first.start..first.start,
            _ => self.body.len()..self.body.len(),
        }
    }

    /// Token range of the sentence holding token `i`.
    #[inline]
    pub fn sentence(&self, i: usize) -> Range<usize> {
        self.toks
            .get(i)
            .and_then(|t| self.sents.get(t.sent as usize))
            .cloned()
            .unwrap_or(i..i)
    }

    /// Token range of the paragraph holding token `i`.
    #[inline]
    pub fn paragraph(&self, i: usize) -> Range<usize> {
        self.toks
            .get(i)
            .and_then(|t| self.paras.get(t.para as usize))
            .cloned()
            .unwrap_or(i..i)
    }

    /// Marks sentences and paragraphs.
    fn split(&mut self) {
        let n = self.toks.len();
        // news sentences run to some 25 tokens, paragraphs to a few sentences
        self.sents.reserve(n / 16 + 1);
        self.paras.reserve(n / 64 + 1);
        let (mut sent_start, mut para_start) = (0, 0);
        let mut break_after: Option<usize> = None;
        // a wire dateline ("WASHINGTON, Dec. 8 (UPI) —") is not the subject of what follows
        let dateline_end = crate::place::end(self.body).unwrap_or(0);
        for i in 0..n {
            self.toks[i].sent = self.sents.len() as u32;
            self.toks[i].para = self.paras.len() as u32;
            let kind = self.toks[i].kind;
            if kind == Kind::Para {
                if sent_start < i {
                    self.sents.push(sent_start..i);
                }
                if para_start < i {
                    self.paras.push(para_start..i);
                }
                self.toks[i].sent = self.sents.len().saturating_sub(1) as u32;
                self.toks[i].para = self.paras.len().saturating_sub(1) as u32;
                sent_start = i + 1;
                para_start = i + 1;
                break_after = None;
                continue;
            }
            let closes_dateline = self.toks[i].end <= dateline_end
                && self.toks.get(i + 1).is_none_or(|t| t.start >= dateline_end);
            if closes_dateline && break_after.is_none() {
                break_after = Some(i);
            }
            if break_after.is_none() && self.may_end_sentence(i, kind) && self.ends_sentence(i) {
                break_after = Some(self.sentence_tail(i));
            }
            if break_after == Some(i) {
                self.sents.push(sent_start..i + 1);
                sent_start = i + 1;
                break_after = None;
            }
        }
        if sent_start < n {
            self.sents.push(sent_start..n);
        }
        if para_start < n {
            self.paras.push(para_start..n);
        }
    }

    /// Token `i` of kind `kind` is terminal punctuation or a word ending in a period: the
    /// cheap first test of `ends_sentence`, which rejects every other token.
    fn may_end_sentence(&self, i: usize, kind: Kind) -> bool {
        match kind {
            Kind::Punct(c) => matches!(c, '.' | '!' | '?' | '…'),
            Kind::Word => {
                let t = &self.toks[i];
                t.end - t.start > 1 && self.body.as_bytes().get(t.end - 1) == Some(&b'.')
            }
            _ => false,
        }
    }

    /// The last token of a sentence ending at `i`: closing quote marks and brackets glued to it.
    fn sentence_tail(&self, i: usize) -> usize {
        let mut j = i;
        while j + 1 < self.toks.len()
            && self.glued_left(j + 1)
            && (self.quote(j + 1).is_some() || self.is_punct(j + 1, ')'))
        {
            j += 1;
        }
        j
    }

    /// Token `i` ends a sentence: terminal punctuation that is not an abbreviation's period,
    /// followed by a paragraph break, the end, a capital, a digit or a quote mark.
    fn ends_sentence(&self, i: usize) -> bool {
        let t = self.toks[i];
        // a word ending in its own period: "U.S.", "a.m."
        let abbrev_word = t.kind == Kind::Word
            && t.end - t.start > 1
            && self.body.as_bytes().get(t.end - 1) == Some(&b'.');
        match t.kind {
            Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?') | Kind::Punct('…') => {}
            Kind::Word if abbrev_word => {}
            _ => return false,
        }
        let next = self.sentence_tail(i) + 1;
        let starts_new = match self.toks.get(next) {
            None => return true,
            Some(n) => match n.kind {
                Kind::Para => return true,
                Kind::Quote(_) => true,
                Kind::Word => n.cap || self.text(next).starts_with(|c: char| c.is_ascii_digit()),
                Kind::Punct(c) => {
                    c == '('
                        || c == '‘'
                        // a list of items, each opened by a dash: ". - Today the …"
                        || (matches!(c, '-' | '–' | '—')
                            && self
                                .toks
                                .get(next + 1)
                                .is_some_and(|n| n.kind == Kind::Word && n.cap))
                }
            },
        };
        if !starts_new {
            return false;
        }
        if abbrev_word {
            // "U.S." or "a.m." ends a sentence only before a common sentence opener.
            return is_sentence_opener(self.low(next));
        }
        if t.kind == Kind::Punct('.')
            && i > 0
            && self.glued_left(i)
            && let Some(w) = self.word(i - 1)
        {
            let single_cap = self.toks[i - 1].cap && self.text(i - 1).chars().count() == 1;
            let number_follows = self.text(next).starts_with(|c: char| c.is_ascii_digit());
            if single_cap || (is_abbreviation(w) && (w != "no" || number_follows)) {
                return false;
            }
        }
        true
    }
}

/// Abbreviations whose period does not end a sentence.
fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sen"
            | "sens"
            | "rep"
            | "reps"
            | "gov"
            | "govs"
            | "lt"
            | "gen"
            | "col"
            | "capt"
            | "sgt"
            | "st"
            | "jr"
            | "sr"
            | "vs"
            | "prof"
            | "rev"
            | "hon"
            | "no"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mt"
            | "ft"
            | "messrs"
            | "maj"
            | "adm"
            | "cmdr"
            | "supt"
            | "det"
            | "corp"
            | "inc"
            | "ltd"
            | "co"
            | "dept"
            | "assn"
            | "bros"
            | "ave"
            | "blvd"
            | "pres"
            | "atty"
            | "sec"
    )
}

/// Words that commonly open a sentence (used after ambiguous abbreviations such as "U.S.").
fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "but"
            | "and"
            | "in"
            | "a"
            | "this"
            | "that"
            | "there"
            | "his"
            | "her"
            | "their"
            | "however"
            | "still"
            | "so"
            | "mr"
            | "mrs"
            | "ms"
    )
}

/// White space, control characters, and invisible format marks (zero-width spaces, bidi
/// embeddings, byte-order marks) that news text picks up from web pages.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        // ASCII white space and control characters: the tokenizer's hot case, kept inline
        c <= ' ' || c == '\x7f'
    } else {
        is_wide_space(c)
    }
}

/// `is_space` for a char beyond ASCII.
fn is_wide_space(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(doc: &Doc) -> Vec<String> {
        (0..doc.len()).map(|i| doc.text(i).to_string()).collect()
    }

    #[test]
    fn apostrophes_stay_inside_words() {
        let doc = Doc::new("They don’t know O'Brien.");
        assert_eq!(words(&doc), ["They", "don’t", "know", "O'Brien", "."]);
    }

    #[test]
    fn a_speech_verb_glued_on_by_a_hyphen_is_a_word_of_its_own() {
        // text whose spaces became hyphens somewhere on its way ("Supt Dahl-said:")
        let doc = Doc::new("Supt Dahl-said: it was Dahl-says and a value-added, well-said tale.");
        assert_eq!(
            words(&doc),
            [
                "Supt",
                "Dahl",
                "said",
                ":",
                "it",
                "was",
                "Dahl",
                "says",
                "and",
                "a",
                "value-added",
                ",",
                "well-said",
                "tale",
                "."
            ]
        );
        // a first name glued onto a title or a role
        let doc = Doc::new("Minister-Charles Dahl met Jean-Pierre Lund of Hewlett-Packard.");
        assert_eq!(
            words(&doc),
            [
                "Minister",
                "Charles",
                "Dahl",
                "met",
                "Jean-Pierre",
                "Lund",
                "of",
                "Hewlett-Packard",
                "."
            ]
        );
        // other speech verbs after a capital only
        let doc = Doc::new("Ola Berg-spoke of a well-told, Kremlin-backed tale.");
        assert_eq!(
            words(&doc),
            [
                "Ola",
                "Berg",
                "spoke",
                "of",
                "a",
                "well-told",
                ",",
                "Kremlin-backed",
                "tale",
                "."
            ]
        );
    }

    #[test]
    fn a_dash_opening_the_next_item_follows_a_sentence_end() {
        let doc = Doc::new("The talks ended. - Today the envoy left. - and then");
        assert_eq!(doc.sents.len(), 2, "{:?}", doc.sents);
        assert_eq!(doc.text(doc.sents[1].start), "-");
    }

    #[test]
    fn a_possessive_is_written_as_it_was() {
        let doc = Doc::new("The farmers' lawyer met Eide’s clerk and the Joneses’ son.");
        let written: Vec<&str> = (0..doc.toks.len())
            .filter(|&i| doc.toks[i].poss)
            .map(|i| doc.possessive(i))
            .collect();
        assert_eq!(written, ["’", "’s", "’"]);
        assert_eq!(doc.possessive(0), "");
    }

    #[test]
    fn possessive_s_is_a_flag_not_text() {
        let doc = Doc::new("Norway’s envoy and the states’ rights");
        assert_eq!(doc.text(0), "Norway");
        assert!(doc.toks[0].poss);
        assert_eq!(doc.text(4), "states");
        assert!(doc.toks[4].poss);
    }

    #[test]
    fn curly_and_straight_marks_are_quote_tokens_but_single_quotes_are_not() {
        let doc = Doc::new("“a” \"b\" ‘c’");
        let kinds: Vec<Kind> = doc.toks.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], Kind::Quote(Mark::Open));
        assert_eq!(kinds[2], Kind::Quote(Mark::Close));
        assert_eq!(kinds[3], Kind::Quote(Mark::Straight));
        assert_eq!(kinds[6], Kind::Punct('‘'));
    }

    #[test]
    fn two_apostrophes_are_a_double_quote() {
        let doc = Doc::new("''Yes,'' said the states'' envoy");
        assert_eq!(doc.quote(0), Some(Mark::Straight));
        assert_eq!(doc.text(0), "''");
        assert_eq!(doc.quote(3), Some(Mark::Straight));
        assert_eq!(doc.text(6), "states");
        assert_eq!(doc.quote(7), Some(Mark::Straight));
    }

    #[test]
    fn titles_do_not_end_sentences() {
        let doc = Doc::new("Mr. Lund spoke. Sen. Okafor and J. Smith left. Then rain.");
        assert_eq!(doc.sents.len(), 3);
        let doc = Doc::new("He said no. She won No. 5 easily.");
        assert_eq!(doc.sents.len(), 2);
    }

    #[test]
    fn dotted_abbreviations_are_one_word() {
        let doc = Doc::new("in the U.S. economy");
        assert_eq!(doc.text(2), "U.S.");
        assert_eq!(doc.sents.len(), 1);
    }

    #[test]
    fn a_sentence_keeps_its_closing_quote() {
        let doc = Doc::new("“We left.” Then we ate.");
        assert_eq!(doc.sents.len(), 2);
        assert_eq!(doc.sents[0], 0..5);
    }

    #[test]
    fn a_question_inside_a_quote_does_not_split_before_a_lowercase_word() {
        let doc = Doc::new("“Why?” she asked.");
        assert_eq!(doc.sents.len(), 1);
    }

    #[test]
    fn line_breaks_make_paragraphs() {
        let doc = Doc::new("One.\n\nTwo\nThree");
        assert_eq!(doc.paras.len(), 3);
        assert!(doc.is_para(2));
    }

    #[test]
    fn control_and_multibyte_text_tokenizes_without_panic() {
        let doc = Doc::new("\u{0}\u{7}é’s ’’ \" “ 日本語’s\u{2029}x-");
        assert!(doc.len() > 3);
        for t in &doc.toks {
            assert!(doc.body.is_char_boundary(t.start) && doc.body.is_char_boundary(t.end));
        }
    }

    #[test]
    fn numbers_keep_their_separators() {
        let doc = Doc::new("It cost $2,500.50 today.");
        assert_eq!(doc.text(3), "2,500.50");
    }
}
