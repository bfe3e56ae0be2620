//! Prefixes ending a phrase (`"oil pri*"`): each index segment expands one into the words of
//! its dictionary that start with it, at most [`PHRASE_PREFIX_EXPANSIONS`] of them; a prefix
//! that stands for more is refused before the search, rather than cut short in silence
//! (tantivy keeps the first words in alphabetical order, so `"oil p*"` would find "oil palm"
//! and miss "oil prices").

use tantivy::Searcher;

use super::fuzzy::scope_fields;
use super::parse::{Expr, Leaf, Term};
use crate::analysis::Analyzer;
use crate::schema::Fields;

/// Most words of one segment a phrase's last word can stand for.
pub const PHRASE_PREFIX_EXPANSIONS: u32 = 10_000;

/// A phrase whose prefix stands for more words than a phrase can expand to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooBroad {
    /// The phrase as typed, without its quotes.
    pub phrase: String,
}

impl std::fmt::Display for TooBroad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = PHRASE_PREFIX_EXPANSIONS;
        write!(
            f,
            "\"{}\": the prefix at its end stands for more than {},{:03} words of the \
             index; give more of its letters",
            self.phrase,
            n / 1000,
            n % 1000
        )
    }
}

impl std::error::Error for TooBroad {}

/// Checks every phrase prefix of `expr` against the dictionaries of `searchers` (an
/// archive's shards).
pub fn check(expr: &Expr, searchers: &[&Searcher], fields: &Fields) -> crate::error::Result<()> {
    let mut analyzer: Option<Analyzer> = None;
    let mut result = Ok(());
    walk(expr, &mut |leaf| {
        let text = match &leaf.term {
            Term::Phrase {
                text, prefix: true, ..
            }
            | Term::Prefix(text) => text,
            _ => return true,
        };
        let analyzer = analyzer.get_or_insert_with(Analyzer::default);
        let words = analyzer.exact_words(text);
        // one word is a plain prefix query, which has no limit
        let [_, .., last] = words.as_slice() else {
            return true;
        };
        match too_many(searchers, &scope_fields(leaf.scope, fields), &last.exact) {
            Ok(false) => true,
            Ok(true) => {
                result = Err(TooBroad {
                    phrase: format!("{}*", text.trim_end_matches('*')),
                }
                .into());
                false
            }
            Err(e) => {
                result = Err(e.into());
                false
            }
        }
    });
    result
}

/// Whether some segment of `searchers` holds more than [`PHRASE_PREFIX_EXPANSIONS`] words
/// of `fields` that start with `prefix`.
fn too_many(
    searchers: &[&Searcher],
    fields: &[tantivy::schema::Field],
    prefix: &str,
) -> tantivy::Result<bool> {
    let end = format!("{prefix}\u{10FFFF}");
    for searcher in searchers {
        for segment in searcher.segment_readers() {
            for &field in fields {
                let index = segment.inverted_index(field)?;
                let mut stream = index
                    .terms()
                    .range()
                    .ge(prefix.as_bytes())
                    .lt(end.as_bytes())
                    .into_stream()?;
                let mut n = 0u32;
                while stream.advance() {
                    n += 1;
                    if n > PHRASE_PREFIX_EXPANSIONS {
                        return Ok(true);
                    }
                }
            }
        }
    }
    Ok(false)
}

/// Calls `visit` on every leaf of `expr` until it returns false.
fn walk(expr: &Expr, visit: &mut impl FnMut(&Leaf) -> bool) -> bool {
    match expr {
        Expr::Leaf(leaf) => visit(leaf),
        Expr::And(items) | Expr::Or(items) => items.iter().all(|e| walk(e, visit)),
        Expr::Not(inner) => walk(inner, visit),
    }
}
