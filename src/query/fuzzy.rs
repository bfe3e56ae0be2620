//! Fuzzy words (`gaddafi~`, `gaddafi~1`): expanded, before a query is built,
//! into the words of the index within that many edits.
//!
//! A fuzzy word becomes an `OR` of the exact words it reaches
//! ([`Term::Variant`]): matching, counting and highlighting then treat them
//! as if the user had typed them. The words come from the term dictionaries
//! of the fields the word's scope searches, in every shard of the archive
//! (so that shards expand a word alike), through tantivy's Levenshtein
//! automaton (a transposition counts as one edit); stems marked in the index
//! never count. When more words are in reach than [`FUZZY_EXPANSIONS`], the
//! closest are kept, the most frequent first among equally close ones.
//!
//! Ranking: no variant scores with more rarity (IDF) than the word typed, so
//! that a rare misspelling does not outrank the word itself by being rare
//! (`obama~` finding `osama`), while a common neighbour keeps its own lower
//! IDF (`come` for `comey~`); when the typed word is not in the index, the
//! most frequent variant's IDF stands in (Lucene's blended rewrite). Each
//! variant also weighs `1 - edits / length`, so that closer words rank higher.

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
/// (the word itself, exact, when it reaches none: it then matches nothing),
/// read from the term dictionaries of `searchers` (an archive's shards).
pub fn expand(expr: Expr, searchers: &[&Searcher], fields: &Fields) -> tantivy::Result<Expr> {
    // made on the first fuzzy word: most queries have none
    let mut analyzer: Option<Analyzer> = None;
    let passages: u64 = searchers.iter().map(|s| s.num_docs()).sum();
    expand_with(expr, &mut |scope, word, distance| {
        let analyzer = analyzer.get_or_insert_with(Analyzer::default);
        let Some(exact) = analyzer.exact_words(word).pop().map(|w| w.exact) else {
            return Ok(Vec::new());
        };
        let found = reach(searchers, &scope_fields(scope, fields), &exact, distance)?;
        if found.is_empty() {
            return Ok(vec![(exact, 1.0)]);
        }
        Ok(weighted(&exact, found, passages))
    })
}

/// Each word's weight: its likeness to the word typed (`1 - edits /
/// length`, at least 0.1), times what brings its IDF down to the typed
/// word's when that is lower (a rare misspelling does not outrank the word
/// for its rarity; a common neighbour, `come` of `comey~`, keeps its own
/// lower IDF). When the typed word is not in the index, the most frequent
/// variant's IDF stands in for it, as in Lucene's blended rewrite.
fn weighted(exact: &str, found: Vec<Found>, passages: u64) -> Vec<(String, f32)> {
    let idf = |docs: u64| {
        let (n, d) = (passages.max(docs) as f32, docs as f32);
        (1.0 + (n - d + 0.5) / (d + 0.5)).ln()
    };
    let reference = match found.iter().find(|f| f.edits == 0) {
        Some(typed) => typed.docs,
        None => found.iter().map(|f| f.docs).max().unwrap_or(0),
    };
    let cap = idf(reference);
    let length = exact.chars().count().max(1) as f32;
    found
        .into_iter()
        .map(|f| {
            let likeness = (1.0 - f.edits as f32 / length).max(0.1);
            let own = idf(f.docs);
            let rarity = if own > cap && own > 0.0 {
                cap / own
            } else {
                1.0
            };
            (f.word, likeness * rarity)
        })
        .collect()
}

/// The words (and their weights) a fuzzy word of a scope reaches, with its
/// allowed edits.
type Variants<'a> = dyn FnMut(Scope, &str, u8) -> tantivy::Result<Vec<(String, f32)>> + 'a;

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
                .map(|(word, weight)| {
                    Expr::Leaf(Leaf {
                        scope,
                        term: Term::Variant { word, weight },
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

/// A word of the index within reach of a fuzzy word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    word: String,
    edits: usize,
    /// Documents holding it (summed over fields, segments and shards).
    docs: u64,
}

/// The words of `fields` within `distance` edits of `exact`: the closest
/// first, then the most frequent, at most [`FUZZY_EXPANSIONS`].
fn reach(
    searchers: &[&Searcher],
    fields: &[Field],
    exact: &str,
    distance: u8,
) -> tantivy::Result<Vec<Found>> {
    let mut found: HashMap<String, u64> = HashMap::new();
    for &field in fields {
        let term = tantivy::Term::from_field_text(field, exact);
        for segment in searchers.iter().flat_map(|s| s.segment_readers()) {
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
fn closest(exact: &str, found: HashMap<String, u64>) -> Vec<Found> {
    let mut ranked: Vec<(usize, std::cmp::Reverse<u64>, String)> = found
        .into_iter()
        .map(|(word, docs)| (edits(exact, &word), std::cmp::Reverse(docs), word))
        .collect();
    ranked.sort();
    ranked.truncate(FUZZY_EXPANSIONS);
    ranked
        .into_iter()
        .map(|(edits, docs, word)| Found {
            word,
            edits,
            docs: docs.0,
        })
        .collect()
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
        let words: Vec<String> = closest("gaddafi", found)
            .into_iter()
            .map(|f| f.word)
            .collect();
        assert_eq!(words, ["gaddafi", "gadafi", "qaddafi", "kadhafi"]);
        let many = (0..80).map(|i| (format!("w{i}"), i)).collect();
        assert_eq!(closest("w", many).len(), FUZZY_EXPANSIONS);
    }

    #[test]
    fn rare_variants_score_with_the_common_one_s_rarity_and_less_for_each_edit() {
        let found = |word: &str, edits, docs| Found {
            word: word.into(),
            edits,
            docs,
        };
        let weights = weighted(
            "obama",
            vec![
                found("obama", 0, 900),
                found("osama", 1, 9),
                found("obamas", 1, 900),
            ],
            100_000,
        );
        let weight = |w: &str| weights.iter().find(|(x, _)| x == w).map(|(_, v)| *v);
        // the word itself: as typed
        assert_eq!(weight("obama"), Some(1.0));
        // as common, one edit away: 1 - 1/5
        assert!((weight("obamas").unwrap() - 0.8).abs() < 1e-6);
        // rare: its IDF brought down to the common word's, then 0.8 of that
        let idf = |d: f32| (1.0 + (100_000.0 - d + 0.5) / (d + 0.5)).ln();
        let expected = 0.8 * idf(900.0) / idf(9.0);
        assert!((weight("osama").unwrap() - expected).abs() < 1e-6);
        assert!(
            expected * idf(9.0) < idf(900.0),
            "a rare variant outscores the word"
        );
    }

    #[test]
    fn a_fuzzy_word_becomes_the_or_of_its_words_in_its_scope() {
        let expr = parse("gaddafi~ speaker:ban~1 NOT tripoli").unwrap();
        let mut asked = Vec::new();
        let expanded = expand_with(expr, &mut |scope, word, distance| {
            asked.push((scope, word.to_string(), distance));
            Ok(match word {
                "gaddafi" => vec![("gaddafi".into(), 1.0), ("qaddafi".into(), 0.5)],
                _ => vec![("ban".into(), 1.0)],
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
        let variant = |scope, word: &str, weight| {
            Expr::Leaf(Leaf {
                scope,
                term: Term::Variant {
                    word: word.into(),
                    weight,
                },
            })
        };
        let Expr::And(items) = expanded else {
            panic!("not an AND: {expanded:?}")
        };
        assert_eq!(
            items[0],
            Expr::Or(vec![
                variant(Scope::Text, "gaddafi", 1.0),
                variant(Scope::Text, "qaddafi", 0.5)
            ])
        );
        assert_eq!(items[1], variant(Scope::Speaker, "ban", 1.0));
        assert!(matches!(items[2], Expr::Not(_)));
    }
}
