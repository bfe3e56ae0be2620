//! From an [`Expr`] to a tantivy query over the passage index.
//!
//! * a bare word matches every word with the same stem, plus the exact form
//!   with a boost, plus the title (first passage only) at a lower weight;
//! * a phrase matches the exact text (and the title, lower), positions and all;
//! * a prefix matches every exact term that starts with it;
//! * `source:`, `speaker:`, `author:`, `dateline:` and `date:` are filters: they
//!   score zero, so they never change the ranking;
//! * `NOT` is rewritten so that it always has something to subtract from
//!   (tantivy's boolean query returns nothing for a purely negative clause).

use std::ops::Bound;
use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, BoostQuery, ConstScoreQuery,
    InvertedIndexRangeQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::article::ArticleAnd;
use super::parse::{Expr, Leaf, QueryError, Scope, Term as QTerm};
use super::phrase::TextPhrase;
use super::quoted::{InQuotes, Pattern, SaidBy, Slot};
use crate::analysis::{self, Analyzer, Word};
use crate::schema::{Fields, QUOTE_SPANS, date_secs};

/// Weight of an exact-form match on top of the stemmed match of a bare word.
pub const EXACT_BOOST: f32 = 0.5;
/// Weight of a title match relative to a passage-text match.
pub const TITLE_BOOST: f32 = 0.5;

/// Builds tantivy queries for one index.
pub struct QueryBuilder<'a> {
    fields: &'a Fields,
    analyzer: Analyzer,
    /// When set, `quote:` clauses match only inside these speakers' quotes.
    quotes_said_by: Option<Arc<SaidBy>>,
    /// Where the forms of a word take the document frequencies that let
    /// them score as one word (see [`Self::statistics`]).
    statistics: Option<&'a dyn Bm25StatisticsProvider>,
}

type Q = Box<dyn Query>;

impl<'a> QueryBuilder<'a> {
    pub fn new(fields: &'a Fields) -> QueryBuilder<'a> {
        QueryBuilder {
            fields,
            analyzer: Analyzer::default(),
            quotes_said_by: None,
            statistics: None,
        }
    }

    /// Scores the forms of a bare word (`closed`: its stem's marked form,
    /// which stands for closed, closing, closes, and the unchanged `close`)
    /// as one word, with the rarity (IDF) of all of them together, as
    /// Lucene's synonym query does: otherwise a rare form outranks the word
    /// typed for being rare ("close" above "closed"). The exact form keeps
    /// its own bonus on top, so that it ranks higher.
    pub fn statistics(&mut self, statistics: &'a dyn Bm25StatisticsProvider) {
        self.statistics = Some(statistics);
    }

    /// The weights that give each of `terms` (forms of one word, in one
    /// field) the IDF of their union, estimated as the sum of their document
    /// frequencies; all 1 without statistics.
    fn one_word_weights(&self, field: Field, terms: &[&str]) -> Vec<f32> {
        let mut weights = vec![1.0; terms.len()];
        let Some(stats) = self.statistics else {
            return weights;
        };
        let Ok(docs) = stats.total_num_docs() else {
            return weights;
        };
        let idf = |df: u64| {
            let (n, d) = (docs.max(df) as f32, df as f32);
            (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
        };
        let freqs: Vec<u64> = terms
            .iter()
            .map(|t| {
                stats
                    .doc_freq(&Term::from_field_text(field, t))
                    .unwrap_or(0)
            })
            .collect();
        let union = idf(freqs.iter().sum::<u64>().min(docs));
        for (w, &df) in weights.iter_mut().zip(&freqs) {
            let own = idf(df);
            if df > 0 && own > 0.0 {
                *w = union / own;
            }
        }
        weights
    }

    /// Makes `quote:` clauses (and `--quoted`) match only inside the quotes
    /// of the speakers `said_by` allows.
    pub fn quotes_said_by(&mut self, said_by: Arc<SaidBy>) {
        self.quotes_said_by = Some(said_by);
    }

    /// The query for `expr`; an error when nothing in it is searchable.
    ///
    /// The words and phrases of a top-level AND must all occur in the same
    /// article, not necessarily in the same passage (see [`ArticleAnd`]);
    /// field clauses (`speaker:`, `quote:`, ...) and `NOT` hold per passage.
    pub fn build(&mut self, expr: &Expr) -> Result<Q, QueryError> {
        self.top(expr).ok_or_else(|| QueryError {
            column: 1,
            message: if has_long_word(expr) {
                format!(
                    "the query has no searchable words: words of {} bytes or more are not \
                     indexed",
                    analysis::MAX_WORD_BYTES
                )
            } else {
                "the query has no searchable words (only punctuation?)".to_string()
            },
        })
    }

    fn top(&mut self, expr: &Expr) -> Option<Q> {
        let Expr::And(items) = expr else {
            return self.expr(expr);
        };
        let (text, rest): (Vec<&Expr>, Vec<&Expr>) = items.iter().partition(|e| in_text(e));
        let all: Vec<Q> = text.iter().filter_map(|e| self.expr(e)).collect();
        if all.len() < 2 {
            return self.expr(expr);
        }
        let any = BooleanQuery::new(all.iter().map(|q| (Occur::Should, q.box_clone())).collect());
        let mut clauses: Vec<(Occur, Q)> =
            vec![(Occur::Must, Box::new(ArticleAnd::new(Box::new(any), all)))];
        if !rest.is_empty() {
            let rest = Expr::And(rest.into_iter().cloned().collect());
            clauses.push((Occur::Must, self.expr(&rest)?));
        }
        Some(match clauses.len() {
            1 => clauses.remove(0).1,
            _ => Box::new(BooleanQuery::new(clauses)),
        })
    }

    /// A filter: matches what `expr` matches, with a score of zero.
    pub fn filter(&mut self, expr: &Expr) -> Result<Q, QueryError> {
        Ok(zero(self.build(expr)?))
    }

    pub(super) fn expr(&mut self, expr: &Expr) -> Option<Q> {
        match expr {
            Expr::Leaf(leaf) => self.leaf(leaf),
            Expr::And(items) => {
                let mut clauses = Vec::new();
                for item in items {
                    match item {
                        Expr::Not(inner) => {
                            if let Some(q) = self.expr(inner) {
                                clauses.push((Occur::MustNot, q));
                            }
                        }
                        other => {
                            if let Some(q) = self.expr(other) {
                                clauses.push((Occur::Must, q));
                            }
                        }
                    }
                }
                if clauses.is_empty() {
                    return None;
                }
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, zero(Box::new(AllQuery))));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Expr::Or(items) => {
                let clauses: Vec<(Occur, Q)> = items
                    .iter()
                    .filter_map(|item| self.expr(item))
                    .map(|q| (Occur::Should, q))
                    .collect();
                match clauses.len() {
                    0 => None,
                    _ => Some(Box::new(BooleanQuery::new(clauses))),
                }
            }
            Expr::Not(inner) => {
                let q = self.expr(inner)?;
                Some(Box::new(BooleanQuery::new(vec![
                    (Occur::Must, zero(Box::new(AllQuery))),
                    (Occur::MustNot, q),
                ])))
            }
        }
    }

    fn leaf(&mut self, leaf: &Leaf) -> Option<Q> {
        let f = *self.fields;
        let q = match (&leaf.term, leaf.scope) {
            (QTerm::Dates { start, end }, _) => return Some(zero(self.dates(*start, *end))),
            (_, Scope::Date) => return None,
            (term, Scope::Text) => {
                let text = self.matcher(term, f.text, true)?;
                let title = boost(self.matcher(term, f.title, true)?, TITLE_BOOST);
                let exact = matches!(term, QTerm::Word(_) | QTerm::Phrase { slop: 0, .. });
                match text.downcast_ref::<PhraseQuery>() {
                    // words side by side: ranked checking positions only where it can matter
                    Some(phrase) if exact => {
                        let phrase = phrase.clone();
                        let plain = either(text, title.box_clone());
                        Box::new(TextPhrase::new(plain, phrase, title))
                    }
                    _ => either(text, title),
                }
            }
            (term, Scope::Title) => self.matcher(term, f.title, true)?,
            (term, Scope::Quote) => {
                let quoted = InQuotes::new(
                    self.matcher(term, f.text, true)?,
                    self.pattern(term, f.text)?,
                    QUOTE_SPANS,
                );
                match &self.quotes_said_by {
                    Some(said_by) => Box::new(quoted.said_by(Arc::clone(said_by))),
                    None => Box::new(quoted),
                }
            }
            (term, scope) => {
                let field = match scope {
                    Scope::Source => f.source,
                    Scope::Speaker => f.speaker,
                    Scope::Author => f.author,
                    _ => f.dateline,
                };
                // Names match as phrases of their words, whether quoted or not.
                let exact_only = match term {
                    QTerm::Word(w) => QTerm::Phrase {
                        text: w.clone(),
                        slop: 0,
                        prefix: false,
                    },
                    other => other.clone(),
                };
                zero(self.matcher(&exact_only, field, false)?)
            }
        };
        Some(q)
    }

    /// Matches one term against a field; a bare word also matches its stem
    /// when the field has `stems`. `None` when the term has no words.
    fn matcher(&mut self, term: &QTerm, exact: Field, stems: bool) -> Option<Q> {
        if let Some(word) = unexpanded(term) {
            let q = self.matcher(&word, exact, stems)?;
            return Some(match term {
                QTerm::Variant { weight, .. } => boost(q, *weight),
                _ => q,
            });
        }
        match term {
            QTerm::Word(text) => {
                let words = self.analyzer.words(text);
                match (words.as_slice(), stems) {
                    ([], _) => None,
                    ([word], true) => {
                        // A stem is indexed marked where it changes its word,
                        // and as the word itself where it does not (see
                        // `analysis`).
                        let marked_stem = analysis::marked_stem(&word.stem);
                        let unchanged = self.analyzer.stem_of(&word.stem) == word.stem;
                        let weights = if unchanged {
                            self.one_word_weights(exact, &[&marked_stem, &word.stem])
                        } else {
                            self.one_word_weights(exact, &[&marked_stem])
                        };
                        let marked = boost(term_query(exact, &marked_stem), weights[0]);
                        if unchanged && word.stem == word.exact {
                            // The word is its own stem: its unchanged form and
                            // its exact form are one term, scored once with
                            // both weights (BM25 is linear in the weight).
                            return Some(either(
                                marked,
                                boost(term_query(exact, &word.exact), weights[1] + EXACT_BOOST),
                            ));
                        }
                        let mut forms = vec![(Occur::Should, marked)];
                        if unchanged {
                            forms.push((
                                Occur::Should,
                                boost(term_query(exact, &word.stem), weights[1]),
                            ));
                        }
                        Some(either(
                            Box::new(BooleanQuery::new(forms)),
                            boost(term_query(exact, &word.exact), EXACT_BOOST),
                        ))
                    }
                    ([word], false) => Some(term_query(exact, &word.exact)),
                    // "Iran-Israel", "U.S.": several words typed as one.
                    (words, _) => Some(phrase_query(exact, words, 0)),
                }
            }
            QTerm::Phrase { text, slop, prefix } => {
                let words = self.analyzer.words(text);
                match (words.as_slice(), prefix) {
                    ([], _) => None,
                    ([word], false) => Some(term_query(exact, &word.exact)),
                    ([word], true) => Some(prefix_query(exact, &word.exact)),
                    (words, false) if *slop > 0 => {
                        // tantivy lets one occurrence fill two slots of a
                        // repeated word, and two words swap places at slop
                        // 2 ("said he" for "he said"~2): the position check
                        // keeps the words in order, each in its own slot, as
                        // the highlighter finds them
                        let pattern = self.pattern(term, exact)?;
                        Some(Box::new(InQuotes::anywhere(
                            phrase_query(exact, words, *slop),
                            pattern,
                        )))
                    }
                    (words, false) => Some(phrase_query(exact, words, *slop)),
                    (words, true) => self.phrase_prefix(term, exact, words),
                }
            }
            QTerm::Prefix(text) => {
                let words = self.analyzer.words(text);
                match words.as_slice() {
                    [] => None,
                    [word] => Some(prefix_query(exact, &word.exact)),
                    words => self.phrase_prefix(term, exact, words),
                }
            }
            QTerm::Dates { .. } | QTerm::Fuzzy { .. } | QTerm::Variant { .. } => None,
        }
    }

    /// A phrase whose last word is a prefix (`"oil pri*"`): the passages that
    /// hold its other words and a word with the prefix, kept where the words
    /// stand side by side. The position check visits every word the prefix
    /// stands for, however many (tantivy's `PhrasePrefixQuery` keeps the first
    /// few of each segment in alphabetical order: `"oil p*"` found "oil palm"
    /// and missed "oil prices"), and costs what the words' postings hold, not
    /// the words times the passages.
    fn phrase_prefix(&mut self, term: &QTerm, exact: Field, words: &[Word]) -> Option<Q> {
        let (last, fixed) = words.split_last()?;
        let pattern = self.pattern(term, exact)?;
        let mut clauses: Vec<(Occur, Q)> = fixed
            .iter()
            .map(|w| (Occur::Must, term_query(exact, &w.exact)))
            .collect();
        clauses.push((Occur::Must, prefix_query(exact, &last.exact)));
        Some(Box::new(InQuotes::anywhere(
            Box::new(BooleanQuery::new(clauses)),
            pattern,
        )))
    }

    /// The positions a `quote:` clause of `term` checks (see [`super::whose`]).
    pub(super) fn quote_pattern(&mut self, term: &QTerm) -> Option<Pattern> {
        let text = self.fields.text;
        self.pattern(term, text)
    }

    /// What [`Self::matcher`] matches for `term` on a text field, as the
    /// positions [`InQuotes`] checks: the same forms of a bare word (marked
    /// stem, unchanged stem, exact form), the exact words of a phrase.
    fn pattern(&mut self, term: &QTerm, field: Field) -> Option<Pattern> {
        if let Some(word) = unexpanded(term) {
            return self.pattern(&word, field);
        }
        let slot = |offset: u32, terms: Vec<String>, prefix: bool| Slot {
            offset,
            terms,
            prefix,
        };
        let phrase = |words: &[Word], prefix: bool| -> Vec<Slot> {
            let first = words.first().map_or(0, |w| w.position);
            let last = words.len().saturating_sub(1);
            words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let offset = u32::try_from(w.position - first).unwrap_or(u32::MAX);
                    slot(offset, vec![w.exact.clone()], prefix && i == last)
                })
                .collect()
        };
        let (slots, slop) = match term {
            QTerm::Word(text) => {
                let words = self.analyzer.words(text);
                match words.as_slice() {
                    [] => return None,
                    [word] => {
                        let mut forms = vec![analysis::marked_stem(&word.stem), word.exact.clone()];
                        if self.analyzer.stem_of(&word.stem) == word.stem {
                            forms.push(word.stem.clone());
                        }
                        forms.sort();
                        forms.dedup();
                        (vec![slot(0, forms, false)], 0)
                    }
                    words => (phrase(words, false), 0),
                }
            }
            QTerm::Phrase { text, slop, prefix } => {
                let words = self.analyzer.words(text);
                if words.is_empty() {
                    return None;
                }
                (phrase(&words, *prefix), *slop)
            }
            QTerm::Prefix(text) => {
                let words = self.analyzer.words(text);
                if words.is_empty() {
                    return None;
                }
                (phrase(&words, true), 0)
            }
            QTerm::Dates { .. } | QTerm::Fuzzy { .. } | QTerm::Variant { .. } => return None,
        };
        Some(Pattern { field, slots, slop })
    }

    fn dates(
        &self,
        start: Option<chrono::DateTime<chrono::Utc>>,
        end: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Q {
        let field = self.fields.date;
        let bound = |d: Option<chrono::DateTime<chrono::Utc>>, inclusive: bool| match d {
            None => Bound::Unbounded,
            Some(d) => {
                let term = Term::from_field_i64(field, date_secs(d));
                if inclusive {
                    Bound::Included(term)
                } else {
                    Bound::Excluded(term)
                }
            }
        };
        if start.is_none() && end.is_none() {
            // Every dated passage.
            return Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false));
        }
        Box::new(RangeQuery::new(bound(start, true), bound(end, false)))
    }
}

/// Whether `expr` is positive and searches only the article's words (its
/// text and title): what an article-level AND joins.
fn in_text(expr: &Expr) -> bool {
    match expr {
        Expr::Leaf(leaf) => matches!(leaf.scope, Scope::Text | Scope::Title),
        Expr::And(items) | Expr::Or(items) => !items.is_empty() && items.iter().all(in_text),
        Expr::Not(_) => false,
    }
}

/// A fuzzy word the searcher did not expand (see [`super::fuzzy`]), or one
/// of the words it did (for the positions `quote:` checks), as the one exact
/// word it names.
fn unexpanded(term: &QTerm) -> Option<QTerm> {
    match term {
        QTerm::Fuzzy { word, .. } | QTerm::Variant { word, .. } => Some(QTerm::Phrase {
            text: word.clone(),
            slop: 0,
            prefix: false,
        }),
        _ => None,
    }
}

/// Wraps a query so that it matches the same documents with a score of zero.
pub fn zero(q: Q) -> Q {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn boost(q: Q, by: f32) -> Q {
    if by == 1.0 {
        return q;
    }
    Box::new(BoostQuery::new(q, by))
}

fn either(a: Q, b: Q) -> Q {
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, a),
        (Occur::Should, b),
    ]))
}

fn term_query(field: Field, text: &str) -> Q {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn offsets(field: Field, words: &[Word]) -> Vec<(usize, Term)> {
    let first = words.first().map_or(0, |w| w.position);
    words
        .iter()
        .map(|w| (w.position - first, Term::from_field_text(field, &w.exact)))
        .collect()
}

/// Whether a word or phrase of `expr` holds a run of letters and digits too
/// long to be indexed (so it searches for nothing).
fn has_long_word(expr: &Expr) -> bool {
    match expr {
        Expr::Leaf(leaf) => match &leaf.term {
            QTerm::Word(text) | QTerm::Prefix(text) | QTerm::Phrase { text, .. } => text
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.len() >= analysis::MAX_WORD_BYTES),
            _ => false,
        },
        Expr::And(items) | Expr::Or(items) => items.iter().any(has_long_word),
        Expr::Not(inner) => has_long_word(inner),
    }
}

fn phrase_query(field: Field, words: &[Word], slop: u32) -> Q {
    Box::new(PhraseQuery::new_with_offset_and_slop(
        offsets(field, words),
        slop,
    ))
}

fn prefix_query(field: Field, prefix: &str) -> Q {
    let lower = Term::from_field_text(field, prefix);
    let upper = Term::from_field_text(field, &format!("{prefix}\u{10FFFF}"));
    Box::new(InvertedIndexRangeQuery::new(
        Bound::Included(lower),
        Bound::Excluded(upper),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;
    use crate::schema;

    fn build(q: &str) -> Result<Q, QueryError> {
        let fields = Fields::of(&schema::build()).unwrap();
        QueryBuilder::new(&fields).build(&parse(q).unwrap())
    }

    #[test]
    fn punctuation_only_queries_are_refused() {
        let err = build("— …").map(|_| ()).unwrap_err();
        assert!(err.message.contains("no searchable words"));
        assert!(err.message.contains("punctuation"));
        // a word too long to be indexed is not punctuation
        let long = "x".repeat(analysis::MAX_WORD_BYTES);
        let err = build(&long).map(|_| ()).unwrap_err();
        assert!(
            err.message.contains("of 80 bytes or more"),
            "{}",
            err.message
        );
        assert!(build(&"x".repeat(analysis::MAX_WORD_BYTES - 1)).is_ok());
    }

    #[test]
    fn every_query_form_builds() {
        for q in [
            "borders",
            r#""borders closed""#,
            r#""borders closed"~2"#,
            "clos*",
            r#""oil pri*""#,
            "a AND NOT b",
            "NOT b",
            "a OR NOT b",
            "title:port source:reuters speaker:\"Ilham Aliyev\" author:lee dateline:baku",
            "quote:borders date:[2025-06 TO 2025-06]",
            "date:[* TO *]",
            "Iran-Israel U.S.",
        ] {
            assert!(build(q).is_ok(), "{q}");
        }
    }
}
