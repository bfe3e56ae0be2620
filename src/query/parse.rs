//! The query language, parsed into an [`Expr`] tree.
//!
//! ```text
//! borders closed            both words (AND is implied)
//! "borders closed"          the exact phrase        "borders closed"~2   within 2 words
//! ceasefire OR truce        either                  NOT truce, -truce    exclude
//! (a OR b) c                grouping                clos*                prefix
//! gaddafi~  gaddafi~1       other spellings, within 2 (1) edits: qaddafi, kadhafi
//! title: source: speaker: quote: author: dateline:  a field: title:"port strike"
//! date:[2025-06-01 TO 2025-06-30]   date:2025-06   date:[2024 TO *]
//! ```
//!
//! Precedence, tightest first: NOT, AND (explicit or implied), OR — as in
//! SQLite FTS5 and most boolean search engines. Operators are upper case;
//! `and`, `or`, `not` are ordinary words. Curly quotes work like straight ones.

use std::fmt;

use chrono::{DateTime, Utc};

use crate::date::{self, Side};

/// Deepest nesting of parentheses and NOTs accepted.
pub const MAX_DEPTH: usize = 64;
/// Most words/phrases in one query.
pub const MAX_LEAVES: usize = 1024;

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Leaf(Leaf),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

/// What a leaf is matched against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Passage text (and the article title, at a lower weight).
    Text,
    Title,
    Source,
    Speaker,
    Quote,
    Author,
    Dateline,
    Date,
}

impl Scope {
    /// Field names usable in queries, for error messages.
    pub const NAMES: &'static str = "title, source, speaker, quote, author, dateline, date";

    fn named(name: &str) -> Option<Scope> {
        Some(match name.to_ascii_lowercase().as_str() {
            "title" => Scope::Title,
            "source" => Scope::Source,
            "speaker" => Scope::Speaker,
            "quote" => Scope::Quote,
            "author" => Scope::Author,
            "dateline" => Scope::Dateline,
            "date" => Scope::Date,
            "text" => Scope::Text,
            _ => return None,
        })
    }

    /// Scopes that restrict results without contributing to their rank.
    pub fn is_filter(self) -> bool {
        matches!(
            self,
            Scope::Source | Scope::Speaker | Scope::Author | Scope::Dateline | Scope::Date
        )
    }
}

/// One searchable unit of a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub scope: Scope,
    pub term: Term,
}

/// The forms a leaf takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Term {
    /// A bare word: matched in its stemmed and exact forms.
    Word(String),
    /// A quoted phrase, with slop (`~N`); `prefix` when its last word ends in `*`.
    Phrase {
        text: String,
        slop: u32,
        prefix: bool,
    },
    /// A word ending in `*`.
    Prefix(String),
    /// A word ending in `~N`: the words of the index within `distance` edits
    /// of it (insertions, deletions, substitutions, transpositions), for
    /// spellings that vary (`Gaddafi~` finds Qaddafi and Kadhafi); a bare `~`
    /// allows edits by the word's length (none up to 2 letters, one up to 5). The searcher
    /// expands it into those words (see [`super::fuzzy`]).
    Fuzzy { word: String, distance: u8 },
    /// One word a fuzzy word expanded to: matched exactly, its score
    /// multiplied by `weight` (see [`super::fuzzy`]). Made by the searcher,
    /// never by the parser.
    Variant { word: String, weight: f32 },
    /// A date range: from `start` (inclusive) to `end` (exclusive).
    Dates {
        start: Option<DateTime<Utc>>,
        end: Option<DateTime<Utc>>,
    },
}

/// A query that cannot be parsed: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// 1-based column (in characters) in the query.
    pub column: usize,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query error at column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for QueryError {}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Field(String),
    Word(String),
    Phrase {
        text: String,
        slop: u32,
    },
    Range {
        text: String,
        open: char,
        close: char,
    },
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// Byte offset in the query.
    at: usize,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

fn is_stop(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || is_quote(c)
}

struct Lexer<'a> {
    query: &'a str,
    at: usize,
}

impl Lexer<'_> {
    fn error(&self, at: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column: self.query[..at].chars().count() + 1,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.query[self.at..].chars().next()
    }

    fn tokens(mut self) -> Result<Vec<Token>, QueryError> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            let at = self.at;
            if c.is_whitespace() {
                self.at += c.len_utf8();
                continue;
            }
            let tok = match c {
                '(' => {
                    self.at += 1;
                    Tok::Open
                }
                ')' => {
                    self.at += 1;
                    Tok::Close
                }
                '[' | '{' => self.range(c)?,
                c if is_quote(c) => self.phrase()?,
                // a minus before a word, a "phrase", a (group) or a field
                '-' if self.query[at + 1..]
                    .starts_with(|n: char| !n.is_whitespace() && n != '-' && n != ')') =>
                {
                    self.at += 1;
                    Tok::Not
                }
                _ => self.word(),
            };
            out.push(Token { tok, at });
        }
        Ok(out)
    }

    fn phrase(&mut self) -> Result<Tok, QueryError> {
        let open = self.at;
        self.at += self.peek().map_or(1, char::len_utf8);
        let rest = &self.query[self.at..];
        let Some(len) = rest.find(is_quote) else {
            return Err(self.error(open, "unterminated phrase: add the closing quote (\")"));
        };
        let text = rest[..len].to_string();
        self.at += len + rest[len..].chars().next().map_or(1, char::len_utf8);
        let mut slop = 0;
        if self.query[self.at..].starts_with('~') {
            let digits: String = self.query[self.at + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() {
                return Err(self.error(
                    self.at,
                    "~ after a phrase needs a number of words, e.g. \"a b\"~2",
                ));
            }
            // a number too large for u32 is above the limit as well
            slop = digits.parse().unwrap_or(u32::MAX);
            if slop > 50 {
                return Err(self.error(self.at, "phrase slop above 50 is not supported"));
            }
            self.at += 1 + digits.len();
        }
        Ok(Tok::Phrase { text, slop })
    }

    fn range(&mut self, open: char) -> Result<Tok, QueryError> {
        let start = self.at;
        let rest = &self.query[start + 1..];
        let Some(len) = rest.find([']', '}']) else {
            return Err(self.error(start, "unterminated range: close it with ] or }"));
        };
        let close = rest[len..].chars().next().unwrap_or(']');
        self.at = start + 1 + len + 1;
        Ok(Tok::Range {
            text: rest[..len].to_string(),
            open,
            close,
        })
    }

    fn word(&mut self) -> Tok {
        let start = self.at;
        let rest = &self.query[start..];
        let len = rest.find(is_stop).unwrap_or(rest.len());
        let word = &rest[..len];
        // `name:` directly followed by a value is a field; so is a known
        // field's name and colon on their own (`title: strike`, or `title:`
        // with nothing after it, which the parser reports).
        if let Some((name, value)) = word.split_once(':')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
            && (!value.is_empty()
                || rest[len..].starts_with(['(', '"', '“', '[', '{'])
                || Scope::named(name).is_some())
        {
            self.at = start + name.len() + 1;
            return Tok::Field(name.to_string());
        }
        self.at = start + len;
        match word {
            "AND" | "&&" => Tok::And,
            "OR" | "||" => Tok::Or,
            "NOT" => Tok::Not,
            _ => Tok::Word(word.to_string()),
        }
    }
}

struct Parser<'a> {
    query: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    leaves: usize,
}

/// Parses a query.
pub fn parse(query: &str) -> Result<Expr, QueryError> {
    let tokens = Lexer { query, at: 0 }.tokens()?;
    if tokens.is_empty() {
        return Err(QueryError {
            column: 1,
            message: "empty query: give words or a \"phrase\" to search for".to_string(),
        });
    }
    let mut parser = Parser {
        query,
        tokens,
        pos: 0,
        depth: 0,
        leaves: 0,
    };
    let expr = parser.or(Scope::Text)?;
    if let Some(token) = parser.tokens.get(parser.pos) {
        return Err(parser.error_at(token.at, "unmatched ): remove it or add a ( before"));
    }
    Ok(expr)
}

impl Parser<'_> {
    fn error_at(&self, at: usize, message: impl Into<String>) -> QueryError {
        QueryError {
            column: self.query[..at].chars().count() + 1,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.tok)
    }

    fn here(&self) -> usize {
        self.tokens.get(self.pos).map_or(self.query.len(), |t| t.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        token
    }

    fn starts_term(&self) -> bool {
        matches!(
            self.peek(),
            Some(
                Tok::Open
                    | Tok::Not
                    | Tok::Field(_)
                    | Tok::Word(_)
                    | Tok::Phrase { .. }
                    | Tok::Range { .. }
            )
        )
    }

    fn or(&mut self, scope: Scope) -> Result<Expr, QueryError> {
        let mut items = Vec::new();
        match self.and(scope)? {
            Expr::Or(inner) => items.extend(inner),
            other => items.push(other),
        }
        while self.peek() == Some(&Tok::Or) {
            let at = self.here();
            self.next();
            if !self.starts_term() {
                return Err(self.error_at(at, "OR needs a term on both sides"));
            }
            match self.and(scope)? {
                Expr::Or(inner) => items.extend(inner),
                other => items.push(other),
            }
        }
        Ok(flatten(items, Expr::Or))
    }

    fn and(&mut self, scope: Scope) -> Result<Expr, QueryError> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    let at = self.here();
                    self.next();
                    if items.is_empty() || !self.starts_term() {
                        return Err(self.error_at(at, "AND needs a term on both sides"));
                    }
                }
                Some(Tok::Or) if items.is_empty() => {
                    return Err(self.error_at(self.here(), "OR needs a term on both sides"));
                }
                Some(Tok::Close) if items.is_empty() => {
                    return Err(self.error_at(self.here(), "empty parentheses"));
                }
                None | Some(Tok::Or | Tok::Close) => break,
                // `a (b c)` is `a b c`: parentheses around an AND change nothing
                _ => match self.unary(scope)? {
                    Expr::And(inner) => items.extend(inner),
                    other => items.push(other),
                },
            }
        }
        Ok(flatten(items, Expr::And))
    }

    fn unary(&mut self, scope: Scope) -> Result<Expr, QueryError> {
        if self.peek() == Some(&Tok::Not) {
            let at = self.here();
            self.next();
            if !self.starts_term() {
                return Err(
                    self.error_at(at, "NOT needs a term after it, e.g. ceasefire NOT truce")
                );
            }
            self.enter(at)?;
            let inner = self.unary(scope)?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary(scope)
    }

    fn enter(&mut self, at: usize) -> Result<(), QueryError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(
                at,
                format!("query nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    fn primary(&mut self, scope: Scope) -> Result<Expr, QueryError> {
        let Some(token) = self.next() else {
            return Err(self.error_at(self.query.len(), "the query ends too early"));
        };
        match token.tok {
            Tok::Open => {
                self.enter(token.at)?;
                let inner = self.or(scope)?;
                self.depth -= 1;
                match self.next() {
                    Some(Token {
                        tok: Tok::Close, ..
                    }) => Ok(inner),
                    _ => Err(self.error_at(token.at, "unclosed (: add the matching )")),
                }
            }
            Tok::Field(name) => {
                let Some(field) = Scope::named(&name) else {
                    let message = if matches!(name.to_lowercase().as_str(), "http" | "https") {
                        format!(
                            "`{name}:` starts a web address: put it in quotes to search for its words"
                        )
                    } else {
                        format!("unknown field `{name}:` (fields: {})", Scope::NAMES)
                    };
                    return Err(self.error_at(token.at, message));
                };
                // `speaker:""` names no one: an error, not a field silently dropped
                let empty =
                    matches!(self.peek(), Some(Tok::Phrase { text, .. }) if text.trim().is_empty());
                if !self.starts_term() || self.peek() == Some(&Tok::Not) || empty {
                    return Err(self.error_at(token.at, format!("`{name}:` needs a value")));
                }
                self.primary(field)
            }
            Tok::Word(word) => self.leaf(scope, token.at, word_term(&word, token.at, self)?),
            Tok::Phrase { text, slop } => {
                let prefix = text.trim_end().ends_with('*');
                let text = text.trim_end().trim_end_matches('*').to_string();
                if text.contains('*') {
                    return Err(self.error_at(token.at, "* only works at the end of a word"));
                }
                self.leaf(scope, token.at, Term::Phrase { text, slop, prefix })
            }
            Tok::Range { text, open, close } => {
                if scope != Scope::Date {
                    return Err(self.error_at(
                        token.at,
                        "a [range] needs a field: date:[2025-01 TO 2025-06]",
                    ));
                }
                let term = self.range(&text, open, close, token.at)?;
                self.leaf(scope, token.at, term)
            }
            Tok::Close | Tok::And | Tok::Or | Tok::Not => {
                Err(self.error_at(token.at, "expected a word or a \"phrase\" here"))
            }
        }
    }

    fn leaf(&mut self, scope: Scope, at: usize, term: Term) -> Result<Expr, QueryError> {
        self.leaves += 1;
        if self.leaves > MAX_LEAVES {
            return Err(self.error_at(at, format!("query has more than {MAX_LEAVES} terms")));
        }
        let term = match (scope, term) {
            (Scope::Date, Term::Word(value)) => self.range(&value, '[', ']', at)?,
            (Scope::Date, Term::Phrase { text, .. }) => self.range(&text, '[', ']', at)?,
            (Scope::Date, Term::Prefix(_)) => {
                return Err(self.error_at(at, "date: takes a date or a [range], not a prefix"));
            }
            (Scope::Date, Term::Fuzzy { .. } | Term::Variant { .. }) => {
                return Err(self.error_at(at, "date: takes a date or a [range], not a word~"));
            }
            (_, term) => term,
        };
        Ok(Expr::Leaf(Leaf { scope, term }))
    }

    /// `2025-06-01 TO 2025-06-30` between brackets; `*` leaves a side open. A
    /// single date means that whole day, month or year.
    fn range(&self, text: &str, open: char, close: char, at: usize) -> Result<Term, QueryError> {
        let bound = |value: &str, side: Side| -> Result<Option<DateTime<Utc>>, QueryError> {
            let value = value.trim();
            if value == "*" || value.is_empty() {
                return Ok(None);
            }
            date::parse_bound(value, side).map(Some).ok_or_else(|| {
                self.error_at(
                    at,
                    format!("not a date: {value:?} (use 2025, 2025-06 or 2025-06-23)"),
                )
            })
        };
        let (start, end) = match text.split_once(" TO ") {
            Some((from, to)) => {
                let start_side = if open == '{' { Side::End } else { Side::Start };
                let end_side = if close == '}' { Side::Start } else { Side::End };
                (bound(from, start_side)?, bound(to, end_side)?)
            }
            None => (bound(text, Side::Start)?, bound(text, Side::End)?),
        };
        if let Some((from, to)) = text.split_once(" TO ")
            && let (Some(from), Some(to)) = (
                date::parse_bound(from.trim(), Side::Start),
                date::parse_bound(to.trim(), Side::Start),
            )
            && from > to
        {
            return Err(self.error_at(at, "the range ends before it starts"));
        }
        Ok(Term::Dates { start, end })
    }
}

/// Most edits a fuzzy word may ask for: beyond two, a word matches words
/// that have little to do with it (and the automaton grows large).
pub const MAX_FUZZY_EDITS: u8 = 2;

/// The edits `word~` allows, by the length of the word in letters (as
/// Elasticsearch's `AUTO`): none up to 2, one up to 5, two from 6 on, so
/// that `oil~` finds `oils` and `soil` but not `all`.
fn auto_edits(letters: usize) -> u8 {
    match letters {
        0..=2 => 0,
        3..=5 => 1,
        _ => MAX_FUZZY_EDITS,
    }
}

fn word_term(word: &str, at: usize, parser: &Parser<'_>) -> Result<Term, QueryError> {
    // `word~`, `word~1`: a fuzzy word. Anything else with a tilde is read as
    // before fuzzy words existed (`covid~19`, `U.S.~`, `a~b`: the words
    // around it), but for a one-digit distance over the limit, which can
    // only mean a fuzzy word.
    if let Some((base, digits)) = word.rsplit_once('~')
        && !base.is_empty()
        && digits.len() <= 1
        && digits.chars().all(|c| c.is_ascii_digit())
        && !base.contains(['*', '~'])
    {
        let words = crate::analysis::Analyzer::default().exact_words(base);
        if let [one] = words.as_slice() {
            let distance = match digits.parse::<u8>() {
                Err(_) => auto_edits(one.exact.chars().count()),
                Ok(d) if d <= MAX_FUZZY_EDITS => d,
                Ok(_) => {
                    return Err(parser.error_at(
                        at,
                        format!(
                            "a fuzzy word allows at most {MAX_FUZZY_EDITS} edits (word~1, word~2)"
                        ),
                    ));
                }
            };
            return Ok(Term::Fuzzy {
                word: base.to_string(),
                distance,
            });
        }
    }
    let stem = word.strip_suffix('*');
    match stem {
        Some("") => Err(parser.error_at(at, "a lone * matches nothing: put a word before it")),
        Some(s) if s.contains('*') => Err(parser.error_at(at, "* only works at the end of a word")),
        Some(s) => Ok(Term::Prefix(s.to_string())),
        None if word.contains('*') => Err(parser.error_at(at, "* only works at the end of a word")),
        None => Ok(Term::Word(word.to_string())),
    }
}

fn flatten(mut items: Vec<Expr>, wrap: fn(Vec<Expr>) -> Expr) -> Expr {
    if items.len() == 1 {
        items.pop().unwrap_or(Expr::And(Vec::new()))
    } else {
        wrap(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Expr {
        Expr::Leaf(Leaf {
            scope: Scope::Text,
            term: Term::Word(w.into()),
        })
    }

    fn phrase(p: &str, slop: u32) -> Expr {
        Expr::Leaf(Leaf {
            scope: Scope::Text,
            term: Term::Phrase {
                text: p.into(),
                slop,
                prefix: false,
            },
        })
    }

    fn error(q: &str) -> QueryError {
        parse(q).unwrap_err()
    }

    #[test]
    fn words_are_anded_and_phrases_kept_whole() {
        assert_eq!(
            parse(r#"ceasefire "borders closed""#).unwrap(),
            Expr::And(vec![word("ceasefire"), phrase("borders closed", 0)])
        );
    }

    #[test]
    fn curly_quotes_make_phrases_and_slop_follows_a_tilde() {
        assert_eq!(
            parse("“borders closed”~3").unwrap(),
            phrase("borders closed", 3)
        );
    }

    #[test]
    fn and_binds_tighter_than_or() {
        assert_eq!(
            parse("a b OR c").unwrap(),
            Expr::Or(vec![Expr::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(
            parse("a AND (b OR c)").unwrap(),
            Expr::And(vec![word("a"), Expr::Or(vec![word("b"), word("c")])])
        );
    }

    #[test]
    fn not_and_minus_both_exclude() {
        let expected = Expr::And(vec![word("a"), Expr::Not(Box::new(word("b")))]);
        assert_eq!(parse("a AND NOT b").unwrap(), expected);
        assert_eq!(parse("a NOT b").unwrap(), expected);
        assert_eq!(parse("a -b").unwrap(), expected);
        // A hyphen inside a word is part of it.
        assert_eq!(parse("Iran-Israel").unwrap(), word("Iran-Israel"));
    }

    #[test]
    fn a_minus_excludes_phrases_and_groups_too() {
        let not = |e: Expr| Expr::Not(Box::new(e));
        assert_eq!(
            parse(r#""borders closed" -"Drozd""#).unwrap(),
            Expr::And(vec![phrase("borders closed", 0), not(phrase("Drozd", 0))])
        );
        assert_eq!(
            parse("oil -(opec OR saudi)").unwrap(),
            Expr::And(vec![
                word("oil"),
                not(Expr::Or(vec![word("opec"), word("saudi")]))
            ])
        );
        // a lone minus, or one before a space, is no operator
        assert!(matches!(parse("a - b").unwrap(), Expr::And(_)));
    }

    #[test]
    fn parentheses_around_an_and_change_nothing() {
        assert_eq!(
            parse("oil (opec saudi)").unwrap(),
            parse("oil opec saudi").unwrap()
        );
        assert_eq!(
            parse("oil (dollar -x)").unwrap(),
            parse("oil dollar -x").unwrap()
        );
        assert_eq!(
            parse("(a OR b) OR c").unwrap(),
            parse("a OR b OR c").unwrap()
        );
    }

    #[test]
    fn a_field_name_needs_a_value() {
        assert!(
            error("strike title:")
                .message
                .contains("`title:` needs a value")
        );
        assert!(
            error("harvest date:")
                .message
                .contains("`date:` needs a value")
        );
        assert!(
            error("https://example.com/story")
                .message
                .contains("web address: put it in quotes")
        );
        assert!(
            error("oil speaker:\"\"")
                .message
                .contains("`speaker:` needs a value")
        );
        assert!(
            error("speaker:\"  \" oil")
                .message
                .contains("`speaker:` needs a value")
        );
        // a space after the colon is forgiven
        assert_eq!(
            parse("title: strike").unwrap(),
            parse("title:strike").unwrap()
        );
        // other words with a colon stay words
        assert_eq!(parse("re:").unwrap(), word("re:"));
    }

    #[test]
    fn a_reversed_date_range_is_an_error() {
        assert!(
            error("date:[2025 TO 2024]")
                .message
                .contains("ends before it starts")
        );
        assert!(parse("date:[2024 TO 2025]").is_ok());
        assert!(parse("date:{2025 TO 2026}").is_ok());
        assert!(parse("date:[2025-06-23 TO 2025-06-23]").is_ok());
    }

    #[test]
    fn lowercase_operators_are_words() {
        assert_eq!(
            parse("war and peace").unwrap(),
            Expr::And(vec![word("war"), word("and"), word("peace")])
        );
    }

    #[test]
    fn fields_scope_words_phrases_and_groups() {
        let title = |t: Term| {
            Expr::Leaf(Leaf {
                scope: Scope::Title,
                term: t,
            })
        };
        assert_eq!(
            parse("title:strike").unwrap(),
            title(Term::Word("strike".into()))
        );
        assert_eq!(
            parse(r#"title:(port OR "dock strike")"#).unwrap(),
            Expr::Or(vec![
                title(Term::Word("port".into())),
                title(Term::Phrase {
                    text: "dock strike".into(),
                    slop: 0,
                    prefix: false
                })
            ])
        );
        // A colon followed by a space is just punctuation.
        assert_eq!(
            parse("note: ok").unwrap(),
            Expr::And(vec![word("note:"), word("ok")])
        );
    }

    #[test]
    fn prefixes_are_real_prefixes() {
        assert_eq!(
            parse("clos*").unwrap(),
            Expr::Leaf(Leaf {
                scope: Scope::Text,
                term: Term::Prefix("clos".into())
            })
        );
        assert_eq!(
            parse(r#""oil pri*""#).unwrap(),
            Expr::Leaf(Leaf {
                scope: Scope::Text,
                term: Term::Phrase {
                    text: "oil pri".into(),
                    slop: 0,
                    prefix: true
                }
            })
        );
    }

    #[test]
    fn a_tilde_after_a_word_makes_it_fuzzy() {
        let fuzzy = |q: &str| match parse(q).unwrap() {
            Expr::Leaf(Leaf {
                scope,
                term: Term::Fuzzy { word, distance },
            }) => (scope, word, distance),
            other => panic!("{q}: not fuzzy: {other:?}"),
        };
        assert_eq!(fuzzy("Gaddafi~1"), (Scope::Text, "Gaddafi".into(), 1));
        assert_eq!(fuzzy("speaker:Garayev~2").0, Scope::Speaker);
        // a bare ~ allows edits by length: none, one, two
        assert_eq!(fuzzy("un~").2, 0);
        assert_eq!(fuzzy("oil~").2, 1);
        assert_eq!(fuzzy("Zoë~").2, 1);
        assert_eq!(fuzzy("Gaddafi~").2, 2);
        // not fuzzy: a tilde inside a word, a phrase's slop
        assert_eq!(parse("a~b").unwrap(), word("a~b"));
        assert_eq!(parse(r#""oil prices"~2"#).unwrap(), phrase("oil prices", 2));
        // nor what is not one word with at most a one-digit distance: read as
        // it was before fuzzy words (the words around the tilde)
        for q in ["covid~19", "e-mail~1", "U.S.~", "foo~~"] {
            let expr = parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
            let fuzzy = matches!(
                &expr,
                Expr::Leaf(Leaf {
                    term: Term::Fuzzy { .. },
                    ..
                })
            );
            assert!(!fuzzy, "{q}: {expr:?}");
        }
        for (q, column, says) in [
            ("oil~3", 1, "at most 2 edits"),
            ("x oil~9", 3, "at most 2 edits"),
            ("clos*~", 1, "* only works at the end"),
            ("date:2025~", 6, "not a word~"),
            // a phrase's slop: a number, and not above the limit however large
            (r#""a b"~"#, 6, "needs a number of words"),
            (r#""a b"~51"#, 6, "slop above 50"),
            (r#""a b"~99999999999"#, 6, "slop above 50"),
        ] {
            let err = parse(q).unwrap_err();
            assert_eq!(err.column, column, "{q}: {err}");
            assert!(err.message.contains(says), "{q}: {err}");
        }
    }

    #[test]
    fn date_ranges_take_bare_dates_and_open_ends() {
        let Expr::Leaf(Leaf {
            term: Term::Dates { start, end },
            ..
        }) = parse("date:[2025-06-01 TO 2025-06-30]").unwrap()
        else {
            panic!("not a date range");
        };
        assert_eq!(start.unwrap().to_rfc3339(), "2025-06-01T00:00:00+00:00");
        assert_eq!(end.unwrap().to_rfc3339(), "2025-07-01T00:00:00+00:00");
        let Expr::Leaf(Leaf {
            term: Term::Dates { start, end },
            ..
        }) = parse("date:[2024 TO *]").unwrap()
        else {
            panic!("not a date range");
        };
        assert!(start.is_some() && end.is_none());
        let Expr::Leaf(Leaf {
            term: Term::Dates { start, end },
            ..
        }) = parse("date:2025-06").unwrap()
        else {
            panic!("not a date range");
        };
        assert_eq!(end.unwrap().to_rfc3339(), "2025-07-01T00:00:00+00:00");
        assert!(start.is_some());
    }

    #[test]
    fn errors_point_at_their_column() {
        let e = error(r#"borders "closed"#);
        assert_eq!(e.column, 9);
        assert!(e.message.contains("unterminated phrase"));
        assert!(error("a OR").message.contains("OR needs"));
        assert!(error("NOT").message.contains("NOT needs"));
        assert!(error("a NOT").message.contains("NOT needs"));
        assert!(error("(a b").message.contains("unclosed ("));
        assert!(error("a b)").message.contains("unmatched )"));
        assert_eq!(error("a b)").column, 4);
        assert!(error("foo:bar").message.contains("unknown field `foo:`"));
        assert!(error("date:[soon TO later]").message.contains("not a date"));
        assert!(error("*").message.contains("lone *"));
        assert!(error("a*b").message.contains("end of a word"));
        assert!(error("").message.contains("empty query"));
        assert!(error("AND a").message.contains("AND needs"));
        assert!(error("()").message.contains("empty parentheses"));
    }

    #[test]
    fn hostile_queries_fail_cleanly() {
        let deep = format!("{}a{}", "(".repeat(1000), ")".repeat(1000));
        assert!(error(&deep).message.contains("nested"));
        let many = vec!["w"; 10_000].join(" ");
        assert!(error(&many).message.contains("more than"));
        let nots = vec!["NOT"; 1000].join(" ") + " a";
        assert!(error(&nots).message.contains("nested"));
    }
}
