//! Phrase-exact highlighting: the byte spans of a passage (and its title) that
//! made it match, computed from the query tree on the analysed words.
//!
//! * a matched phrase is one span, from its first word to its last;
//! * a word that belongs to a phrase clause is not highlighted on its own;
//! * words under `NOT` are never highlighted;
//! * a bare word is highlighted wherever it matches, stemmed forms included;
//! * a branch of the query that does not hold for the passage contributes
//!   nothing (in `(a b) OR c`, a lone `a` is not highlighted).
//!
//! Spans are sorted, non-overlapping, on UTF-8 boundaries, within the text.

use std::ops::Range;

use crate::analysis::{Analyzer, Word, first_letter};
use crate::query::{Expr, Scope, Term};

/// Highlights passages for one query.
pub struct Highlighter {
    /// The query tree, each leaf's pattern analysed once.
    root: Node,
    analyzer: Analyzer,
    /// The first letters of the bare words (matched by their stems): only
    /// words starting with one of them need stemming (phrases and prefixes
    /// need only the exact forms), and stemming every shown passage costs.
    stem_letters: Vec<char>,
    /// The analysed words of the current passage and title (buffers reused
    /// from hit to hit).
    text_words: Vec<Word>,
    title_words: Vec<Word>,
}

/// The spans of one hit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    pub text: Vec<Range<usize>>,
    pub title: Vec<Range<usize>>,
}

/// One evaluated node: whether it holds, and the spans that make it hold.
struct Eval {
    holds: bool,
    spans: Spans,
}

impl Eval {
    fn neutral() -> Eval {
        Eval {
            holds: true,
            spans: Spans::default(),
        }
    }
}

/// A passage's words and those of its title, analysed once per hit.
struct Context<'a> {
    text: &'a [Word],
    title: &'a [Word],
    /// Position ranges of the passage's direct quotes, where `quote:`
    /// leaves match; `None` when not known (they then match anywhere).
    quotes: Option<&'a [Range<u32>]>,
}

/// The query tree as the highlighter evaluates it.
enum Node {
    /// Holds for every hit and highlights nothing: a filter (the index
    /// checked it) or an excluded clause (never highlighted).
    Neutral,
    /// Looks for `pattern` in the text and/or the title.
    Leaf {
        pattern: Pattern,
        in_text: bool,
        in_title: bool,
        /// Only inside the passage's quotes (`quote:`).
        quoted: bool,
    },
    And(Vec<Node>),
    Or(Vec<Node>),
}

impl Node {
    fn of(expr: &Expr, analyzer: &mut Analyzer) -> Node {
        match expr {
            Expr::Leaf(leaf) => {
                let (in_text, in_title) = match leaf.scope {
                    Scope::Text => (true, true),
                    Scope::Quote => (true, false),
                    Scope::Title => (false, true),
                    _ => return Node::Neutral,
                };
                Node::Leaf {
                    pattern: Pattern::of(&leaf.term, analyzer),
                    in_text,
                    in_title,
                    quoted: leaf.scope == Scope::Quote,
                }
            }
            Expr::Not(_) => Node::Neutral,
            Expr::And(items) => Node::And(items.iter().map(|e| Node::of(e, analyzer)).collect()),
            Expr::Or(items) => Node::Or(items.iter().map(|e| Node::of(e, analyzer)).collect()),
        }
    }

    fn has_quoted(&self) -> bool {
        match self {
            Node::Neutral => false,
            Node::Leaf { quoted, .. } => *quoted,
            Node::And(items) | Node::Or(items) => items.iter().any(Node::has_quoted),
        }
    }

    fn eval(&self, ctx: &Context<'_>) -> Eval {
        match self {
            Node::Neutral => Eval::neutral(),
            Node::Leaf { .. } => {
                let spans = self.matches(ctx);
                Eval {
                    holds: !(spans.text.is_empty() && spans.title.is_empty()),
                    spans,
                }
            }
            Node::And(items) => {
                let mut out = Eval::neutral();
                for item in items {
                    let e = item.eval(ctx);
                    out.holds &= e.holds;
                    extend(&mut out.spans, e.spans);
                }
                if !out.holds {
                    out.spans = Spans::default();
                }
                out
            }
            Node::Or(items) => {
                let mut out = Eval {
                    holds: false,
                    spans: Spans::default(),
                };
                for item in items {
                    let e = item.eval(ctx);
                    if e.holds {
                        out.holds = true;
                        extend(&mut out.spans, e.spans);
                    }
                }
                out
            }
        }
    }

    /// Every match of every leaf, whether its branch holds or not.
    fn matches(&self, ctx: &Context<'_>) -> Spans {
        match self {
            Node::Neutral => Spans::default(),
            Node::Leaf {
                pattern,
                in_text,
                in_title,
                quoted,
            } => Spans {
                text: match (*in_text, ctx.quotes) {
                    (false, _) => Vec::new(),
                    (true, Some(quotes)) if *quoted => pattern.find_within(ctx.text, quotes),
                    (true, _) => pattern.find(ctx.text),
                },
                title: if *in_title {
                    pattern.find(ctx.title)
                } else {
                    Vec::new()
                },
            },
            Node::And(items) | Node::Or(items) => {
                let mut out = Spans::default();
                for item in items {
                    extend(&mut out, item.matches(ctx));
                }
                out
            }
        }
    }
}

impl Highlighter {
    pub fn new(expr: &Expr) -> Highlighter {
        let mut analyzer = Analyzer::default();
        let stem_letters = bare_word_letters(expr, &mut analyzer);
        Highlighter {
            root: Node::of(expr, &mut analyzer),
            analyzer,
            stem_letters,
            text_words: Vec::new(),
            title_words: Vec::new(),
        }
    }

    /// Whether the query has `quote:` clauses, which need the passage's
    /// quote ranges ([`Self::spans_quoted`]).
    pub fn needs_quotes(&self) -> bool {
        self.root.has_quoted()
    }

    /// The spans of `text` and of `title` that match the query. `title` is
    /// only considered for an article's first passage (where it is indexed).
    /// `quote:` clauses match anywhere in the text: see [`Self::spans_quoted`].
    pub fn spans(&mut self, text: &str, title: Option<&str>) -> Spans {
        self.spans_quoted(text, title, None)
    }

    /// [`Self::spans`], with `quote:` clauses matching only inside `quotes`,
    /// the position ranges of the passage's direct quotes (as indexed).
    pub fn spans_quoted(
        &mut self,
        text: &str,
        title: Option<&str>,
        quotes: Option<&[Range<u32>]>,
    ) -> Spans {
        let letters = &self.stem_letters;
        let wanted = |c: char| letters.contains(&c);
        self.analyzer.words_into(text, wanted, &mut self.text_words);
        self.analyzer
            .words_into(title.unwrap_or(""), wanted, &mut self.title_words);
        let ctx = Context {
            text: &self.text_words,
            title: &self.title_words,
            quotes,
        };
        let eval = self.root.eval(&ctx);
        let mut spans =
            if eval.holds && !(eval.spans.text.is_empty() && eval.spans.title.is_empty()) {
                eval.spans
            } else {
                // The passage holds only some words of an AND that its article
                // holds in full (see `query::article`), or the index matched
                // by a route this evaluation cannot see (the stemmer's edge
                // cases, tantivy's looser slop): show every positive match.
                self.root.matches(&ctx)
            };
        normalise(&mut spans.text);
        normalise(&mut spans.title);
        spans
    }
}

/// The first letters of the bare words of `expr` (matched by stem too), as
/// the analyzer folds them.
fn bare_word_letters(expr: &Expr, analyzer: &mut Analyzer) -> Vec<char> {
    fn walk(expr: &Expr, analyzer: &mut Analyzer, out: &mut Vec<char>) {
        match expr {
            Expr::Leaf(leaf) => {
                if let Term::Word(w) = &leaf.term {
                    for word in analyzer.exact_words(w) {
                        out.extend(first_letter(&word.exact));
                    }
                }
            }
            Expr::Not(inner) => walk(inner, analyzer, out),
            Expr::And(items) | Expr::Or(items) => {
                items.iter().for_each(|item| walk(item, analyzer, out));
            }
        }
    }
    let mut out = Vec::new();
    walk(expr, analyzer, &mut out);
    out.sort_unstable();
    out.dedup();
    out
}

fn extend(into: &mut Spans, from: Spans) {
    into.text.extend(from.text);
    into.title.extend(from.title);
}

/// Sorts spans and merges those that overlap.
fn normalise(spans: &mut Vec<Range<usize>>) {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        match out.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    *spans = out;
}

/// What one leaf looks for among analysed words.
enum Pattern {
    /// A single word: its exact form or its stem.
    Word {
        exact: String,
        stem: String,
    },
    /// Consecutive words (relative positions), within `slop`; the last may be
    /// a prefix.
    Phrase {
        words: Vec<(usize, String)>,
        slop: usize,
        prefix: bool,
    },
    Nothing,
}

impl Pattern {
    fn of(term: &Term, analyzer: &mut Analyzer) -> Pattern {
        let (text, slop, prefix, single_is_word) = match term {
            Term::Word(w) => (w.as_str(), 0, false, true),
            Term::Prefix(p) => (p.as_str(), 0, true, false),
            // expanded into its words before a search; on its own, the exact word
            Term::Fuzzy { word, .. } | Term::Variant { word, .. } => {
                (word.as_str(), 0, false, false)
            }
            Term::Phrase { text, slop, prefix } => (text.as_str(), *slop as usize, *prefix, false),
            Term::Dates { .. } => return Pattern::Nothing,
        };
        let words = analyzer.words(text);
        match words.as_slice() {
            [] => Pattern::Nothing,
            [w] if single_is_word => Pattern::Word {
                exact: w.exact.clone(),
                stem: w.stem.clone(),
            },
            words => {
                let first = words[0].position;
                Pattern::Phrase {
                    words: words
                        .iter()
                        .map(|w| (w.position - first, w.exact.clone()))
                        .collect(),
                    slop,
                    prefix,
                }
            }
        }
    }

    fn find(&self, words: &[Word]) -> Vec<Range<usize>> {
        self.occurrences(words)
            .flat_map(|m| self.marks(words, m))
            .collect()
    }

    /// The matches that lie wholly inside one of `quotes` (position ranges).
    fn find_within(&self, words: &[Word], quotes: &[Range<u32>]) -> Vec<Range<usize>> {
        let position = |i: usize| u32::try_from(words[i].position).unwrap_or(u32::MAX);
        self.occurrences(words)
            .filter(|m| {
                let (first_pos, last_pos) = (position(m[0]), position(m[m.len() - 1]));
                quotes
                    .iter()
                    .any(|q| q.start <= first_pos && last_pos < q.end)
            })
            .flat_map(|m| self.marks(words, m))
            .collect()
    }

    /// The byte ranges to mark for one match: an exact phrase as one span
    /// (its punctuation included), the words of a `~N` phrase each on its own,
    /// since the words between them are not what was asked for.
    fn marks(&self, words: &[Word], matched: Vec<usize>) -> Vec<Range<usize>> {
        let loose = matches!(self, Pattern::Phrase { slop, .. } if *slop > 0);
        if loose {
            matched
                .into_iter()
                .map(|i| words[i].start..words[i].end)
                .collect()
        } else {
            let span = words[matched[0]].start..words[matched[matched.len() - 1]].end;
            std::iter::once(span).collect()
        }
    }

    /// Each match, as the indexes of its words (never empty).
    fn occurrences<'w>(&'w self, words: &'w [Word]) -> Box<dyn Iterator<Item = Vec<usize>> + 'w> {
        match self {
            Pattern::Nothing => Box::new(std::iter::empty()),
            Pattern::Word { exact, stem } => Box::new(
                words
                    .iter()
                    .enumerate()
                    .filter(move |(_, w)| &w.exact == exact || &w.stem == stem)
                    .map(|(i, _)| vec![i]),
            ),
            Pattern::Phrase {
                words: pattern,
                slop,
                prefix,
            } => Box::new(
                (0..words.len()).filter_map(move |i| phrase_at(words, i, pattern, *slop, *prefix)),
            ),
        }
    }
}

fn word_matches(word: &Word, wanted: &str, as_prefix: bool) -> bool {
    if as_prefix {
        word.exact.starts_with(wanted)
    } else {
        word.exact == wanted
    }
}

/// The indexes of the phrase's words if it starts at word `i`: each
/// following word is the nearest one after the previous (which minimises the
/// spread), and the extra distance must stay within `slop`.
fn phrase_at(
    words: &[Word],
    i: usize,
    pattern: &[(usize, String)],
    slop: usize,
    prefix: bool,
) -> Option<Vec<usize>> {
    let last = pattern.len() - 1;
    let (first_offset, first) = &pattern[0];
    if !word_matches(&words[i], first, prefix && last == 0) {
        return None;
    }
    let start_pos = words[i].position;
    let mut matched = Vec::with_capacity(pattern.len());
    matched.push(i);
    let mut at = i;
    for (k, (offset, wanted)) in pattern.iter().enumerate().skip(1) {
        let expected = start_pos + (offset - first_offset);
        let limit = expected + slop;
        let next = (at + 1..words.len())
            .take_while(|&j| words[j].position <= limit)
            .find(|&j| {
                (slop > 0 || words[j].position == expected)
                    && word_matches(&words[j], wanted, prefix && k == last)
            })?;
        at = next;
        matched.push(at);
    }
    let spread = words[at].position - start_pos;
    let needed = pattern[last].0 - first_offset;
    (spread <= needed + slop).then_some(matched)
}

/// The part of a long passage to show: a window of about `max` bytes around
/// the densest cluster of highlights, cut at a sentence or word boundary.
/// Returns the whole text when it is short enough.
pub fn window(text: &str, spans: &[Range<usize>], max: usize) -> Range<usize> {
    if text.len() <= max {
        return 0..text.len();
    }
    let anchor = spans
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| {
            let count = spans[*i..]
                .iter()
                .take_while(|t| t.end <= s.start + max * 3 / 4)
                .count();
            (count, std::cmp::Reverse(s.start))
        })
        .map(|(_, s)| s.clone())
        .unwrap_or(0..0);
    // Some context before the anchor, starting at a sentence if one is near.
    let lead_room = max / 4;
    let earliest = floor_char(text, anchor.start.saturating_sub(lead_room));
    let start = if earliest == 0 {
        0
    } else {
        sentence_start(text, earliest, anchor.start).unwrap_or_else(|| word_start(text, earliest))
    };
    let end = if start + max >= text.len() {
        text.len()
    } else {
        word_end(text, floor_char(text, start + max)).max(anchor.end.min(text.len()))
    };
    start..end
}

fn floor_char(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the first sentence beginning in `from..to`.
fn sentence_start(text: &str, from: usize, to: usize) -> Option<usize> {
    let region = &text[from..to];
    region
        .char_indices()
        .zip(region.char_indices().skip(1))
        .find(|((_, c), (_, n))| matches!(c, '.' | '?' | '!' | '\n') && n.is_whitespace())
        .map(|(_, (j, _))| from + j)
        .map(|at| at + (text[at..].len() - text[at..].trim_start().len()))
        .filter(|&at| at <= to)
}

/// The start of the first whole word at or after `at`.
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    match text[at..].find(char::is_whitespace) {
        Some(space) => {
            let after = at + space;
            after + (text[after..].len() - text[after..].trim_start().len())
        }
        None => at,
    }
}

/// The end of the last whole word before `at`.
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    text[..at].rfind(char::is_whitespace).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn marked(query: &str, text: &str) -> String {
        let spans = Highlighter::new(&parse(query).unwrap()).spans(text, None);
        let mut out = String::new();
        let mut at = 0;
        for s in spans.text {
            out.push_str(&text[at..s.start]);
            out.push('[');
            out.push_str(&text[s.clone()]);
            out.push(']');
            at = s.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn a_phrase_is_one_span_and_its_words_alone_are_not_highlighted() {
        assert_eq!(
            marked(
                r#""borders closed""#,
                "The borders closed; the closure of borders was closed."
            ),
            "The [borders closed]; the closure of borders was closed."
        );
    }

    #[test]
    fn bare_words_match_their_stems_everywhere() {
        assert_eq!(
            marked("close border", "They closed the borders, closing a border."),
            "They [closed] the [borders], [closing] a [border]."
        );
    }

    #[test]
    fn excluded_words_are_never_highlighted() {
        assert_eq!(
            marked("border NOT closed", "The border was closed."),
            "The [border] was closed."
        );
        assert_eq!(
            marked("border -closed", "The border was closed."),
            "The [border] was closed."
        );
    }

    #[test]
    fn a_branch_that_fails_contributes_nothing() {
        assert_eq!(
            marked("(port strike) OR ceasefire", "The port agreed a ceasefire."),
            "The port agreed a [ceasefire]."
        );
    }

    #[test]
    fn slop_phrases_mark_their_words_not_the_words_between() {
        assert_eq!(
            marked(
                r#""borders closed"~2"#,
                "borders remain firmly closed, borders closed"
            ),
            "[borders] remain firmly [closed], [borders] [closed]"
        );
        assert_eq!(
            marked(r#""borders closed"~1"#, "borders remain firmly closed"),
            "borders remain firmly closed"
        );
    }

    #[test]
    fn phrases_do_not_cross_paragraphs() {
        assert_eq!(
            marked(r#""borders closed""#, "the borders\n\nclosed today"),
            "the borders\n\nclosed today"
        );
    }

    #[test]
    fn prefixes_and_possessives() {
        assert_eq!(
            marked("clos*", "Closure, closed and enclosed."),
            "[Closure], [closed] and enclosed."
        );
        assert_eq!(
            marked(r#""Azerbaijan's borders""#, "Azerbaijan’s borders"),
            "[Azerbaijan’s borders]"
        );
        assert_eq!(marked("Aliyev", "Aliyev’s speech"), "[Aliyev]’s speech");
    }

    #[test]
    fn title_matches_are_reported_for_the_title() {
        let mut h = Highlighter::new(&parse("strike port").unwrap());
        let spans = h.spans("The port was quiet.", Some("Strike ends"));
        assert_eq!(spans.text, vec![Range { start: 4, end: 8 }]);
        assert_eq!(spans.title, vec![Range { start: 0, end: 6 }]);
    }

    #[test]
    fn filters_do_not_block_highlights() {
        assert_eq!(
            marked("border source:herald date:2024", "A border."),
            "A [border]."
        );
    }

    #[test]
    fn a_window_keeps_the_densest_highlights_and_cuts_at_words() {
        let text = format!(
            "{} Then the borders closed. And again the borders closed. {}",
            "Filler sentence here. ".repeat(30),
            "Tail words go on. ".repeat(30)
        );
        let spans: Vec<_> = text
            .match_indices("borders closed")
            .map(|(i, m)| i..i + m.len())
            .collect();
        let w = window(&text, &spans, 200);
        assert!(w.start <= spans[0].start && spans[1].end <= w.end, "{w:?}");
        assert!(w.end - w.start <= 200 + 20);
        assert!(text[w.clone()].starts_with(|c: char| c.is_uppercase()));
        let short = "short text";
        assert_eq!(window(short, &[], 200), 0..short.len());
    }
}
