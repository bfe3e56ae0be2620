//! Fuzzy words (`gaddafi~`, `gaddafi~1`): expanded, before a query is built,
//! into the words of the index within that many edits.
//!
//! A fuzzy word becomes an `OR` of the exact words it reaches, each matched
//! as a one-word phrase: matching, ranking, counting and highlighting then
//! treat them as if the user had typed them. The words come from the term
//! dictionaries of the fields the word's scope searches, through tantivy's
//! Levenshtein automaton (a transposition counts as one edit); stems marked
//! in the index never count. When more words are in reach than
//! [`FUZZY_EXPANSIONS`], the closest are kept, the most frequent first among
//! equally close ones.

use std::collections::HashMap;

use tantivy::Searcher;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;

use super::parse::{Expr, Leaf, Scope, Term};
use crate::analysis::{Analyzer, STEM_MARK};
use crate::schema::Fields;

/// Most words one fuzzy word expands to (Lucene's default, too).
pub const FUZZY_EXPANSIONS: usize = 50;

/// `expr` with every fuzzy word replaced by the words of the index it reaches
/// (the word itself, exact, when it reaches none: it then matches nothing).
pub fn expand(expr: Expr, searcher: &Searcher, fields: &Fields) -> tantivy::Result<Expr> {
    // made on the first fuzzy word: most queries have none
    let mut analyzer: Option<Analyzer> = None;
    expand_with(expr, &mut |scope, word, distance| {
        let analyzer = analyzer.get_or_insert_with(Analyzer::default);
        let Some(exact) = analyzer.exact_words(word).pop().map(|w| w.exact) else {
            return Ok(Vec::new());
        };
        let found = reach(searcher, &scope_fields(scope, fields), &exact, distance)?;
        Ok(if found.is_empty() { vec![exact] } else { found })
    })
}

/// The words a fuzzy word of a scope reaches, with its allowed edits.
type Variants<'a> = dyn FnMut(Scope, &str, u8) -> tantivy::Result<Vec<String>> + 'a;

/// The tree walk of [`expand`], with the dictionary look-up passed in.
fn expand_with(expr: Expr, variants: &mut Variants<'_>) -> tantivy::Result<Expr> {
    let all = |items: Vec<Expr>, variants: &mut Variants<'_>| {
        items
            .into_iter()
            .map(|e| expand_with(e, variants))
            .collect::<tantivy::Result<Vec<Expr>>>()
    };
    Ok(match expr {
        Expr::Leaf(Leaf {
            scope,
            term: Term::Fuzzy { word, distance },
        }) => {
            let mut words: Vec<Expr> = variants(scope, &word, distance)?
                .into_iter()
                .map(|text| {
                    Expr::Leaf(Leaf {
                        scope,
                        term: Term::Phrase {
                            text,
                            slop: 0,
                            prefix: false,
                        },
                    })
                })
                .collect();
            match words.len() {
                // no searchable word in it: left for the builder to report
                0 => Expr::Leaf(Leaf {
                    scope,
                    term: Term::Fuzzy { word, distance },
                }),
                1 => words.remove(0),
                _ => Expr::Or(words),
            }
        }
        Expr::Leaf(leaf) => Expr::Leaf(leaf),
        Expr::And(items) => Expr::And(all(items, variants)?),
        Expr::Or(items) => Expr::Or(all(items, variants)?),
        Expr::Not(inner) => Expr::Not(Box::new(expand_with(*inner, variants)?)),
    })
}

/// The fields whose words a scope's fuzzy word can reach.
fn scope_fields(scope: Scope, f: &Fields) -> Vec<Field> {
    match scope {
        Scope::Text => vec![f.text, f.title],
        Scope::Title => vec![f.title],
        Scope::Quote => vec![f.text],
        Scope::Source => vec![f.source],
        Scope::Speaker => vec![f.speaker],
        Scope::Author => vec![f.author],
        Scope::Dateline => vec![f.dateline],
        Scope::Date => Vec::new(),
    }
}

/// The words of `fields` within `distance` edits of `exact`: the closest
/// first, then the most frequent, at most [`FUZZY_EXPANSIONS`].
fn reach(
    searcher: &Searcher,
    fields: &[Field],
    exact: &str,
    distance: u8,
) -> tantivy::Result<Vec<String>> {
    let mut found: HashMap<String, u64> = HashMap::new();
    for &field in fields {
        let term = tantivy::Term::from_field_text(field, exact);
        for segment in searcher.segment_readers() {
            let automaton = FuzzyTermQuery::new(term.clone(), distance, true).automaton()?;
            let index = segment.inverted_index(field)?;
            let mut stream = index.terms().search(automaton).into_stream()?;
            while stream.advance() {
                let Ok(word) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if word.starts_with(STEM_MARK) {
                    continue;
                }
                *found.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(closest(exact, found))
}

/// Ranks the words found: fewest edits, then most documents, then by the
/// word itself (so that equal cases come out in a stable order).
fn closest(exact: &str, found: HashMap<String, u64>) -> Vec<String> {
    let mut ranked: Vec<(usize, std::cmp::Reverse<u64>, String)> = found
        .into_iter()
        .map(|(word, docs)| (edits(exact, &word), std::cmp::Reverse(docs), word))
        .collect();
    ranked.sort();
    ranked.truncate(FUZZY_EXPANSIONS);
    ranked.into_iter().map(|(_, _, word)| word).collect()
}

/// Edits from `a` to `b`, counting an adjacent transposition as one (the
/// optimal string alignment distance, as the automaton counts them).
fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // three rows of the dynamic programme: two back, one back, this one
    let mut back2: Vec<usize> = vec![0; b.len() + 1];
    let mut back: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (back[j] + 1).min(row[j - 1] + 1).min(back[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(back2[j - 2] + 1);
            }
            row[j] = best;
        }
        std::mem::swap(&mut back2, &mut back);
        std::mem::swap(&mut back, &mut row);
    }
    back[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    #[test]
    fn edits_count_substitutions_insertions_deletions_and_transpositions_once() {
        assert_eq!(edits("gaddafi", "gaddafi"), 0);
        assert_eq!(edits("gaddafi", "qaddafi"), 1);
        assert_eq!(edits("gaddafi", "kadhafi"), 2);
        assert_eq!(edits("gaddafi", "gadafi"), 1);
        assert_eq!(edits("gaddafi", "gaddaffi"), 1);
        assert_eq!(edits("recieve", "receive"), 1);
        assert_eq!(edits("", "abc"), 3);
        assert_eq!(edits("abc", ""), 3);
        assert_eq!(edits("zoë", "zoe"), 1);
    }

    #[test]
    fn the_closest_words_come_first_then_the_most_frequent() {
        let found = HashMap::from([
            ("kadhafi".to_string(), 50),
            ("qaddafi".to_string(), 3),
            ("gaddafi".to_string(), 1),
            ("gadafi".to_string(), 3),
        ]);
        assert_eq!(
            closest("gaddafi", found),
            ["gaddafi", "gadafi", "qaddafi", "kadhafi"]
        );
        let many = (0..80).map(|i| (format!("w{i}"), i)).collect();
        assert_eq!(closest("w", many).len(), FUZZY_EXPANSIONS);
    }

    #[test]
    fn a_fuzzy_word_becomes_the_or_of_its_words_in_its_scope() {
        let expr = parse("gaddafi~ speaker:ban~1 NOT tripoli").unwrap();
        let mut asked = Vec::new();
        let expanded = expand_with(expr, &mut |scope, word, distance| {
            asked.push((scope, word.to_string(), distance));
            Ok(match word {
                "gaddafi" => vec!["gaddafi".into(), "qaddafi".into()],
                _ => vec!["ban".into()],
            })
        })
        .unwrap();
        assert_eq!(
            asked,
            [
                (Scope::Text, "gaddafi".to_string(), 2),
                (Scope::Speaker, "ban".to_string(), 1)
            ]
        );
        let phrase = |scope, text: &str| {
            Expr::Leaf(Leaf {
                scope,
                term: Term::Phrase {
                    text: text.into(),
                    slop: 0,
                    prefix: false,
                },
            })
        };
        let Expr::And(items) = expanded else {
            panic!("not an AND: {expanded:?}")
        };
        assert_eq!(
            items[0],
            Expr::Or(vec![
                phrase(Scope::Text, "gaddafi"),
                phrase(Scope::Text, "qaddafi")
            ])
        );
        assert_eq!(items[1], phrase(Scope::Speaker, "ban"));
        assert!(matches!(items[2], Expr::Not(_)));
    }
}
