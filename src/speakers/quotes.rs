//! Finds direct-quote spans: curly and straight marks, mismatched pairs, nesting, multi-paragraph quotes, runaway bounds.
//!
//! A quote left open at a paragraph break goes on in the next paragraph when that paragraph
//! opens with a quote mark (the news convention), or when it has no quote mark until a closing
//! one (a continuation typed without its opening mark). Otherwise the quote is bounded at the end
//! of its paragraph, so an unbalanced mark never swallows the rest of an article.

use super::text::{Doc, Mark, is_space};

/// Paragraphs without any quote mark that an open quote may run through before a closing mark.
const MAX_QUIET_PARAGRAPHS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quote {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; None when the quote was bounded at a paragraph end.
    pub close: Option<usize>,
    /// Last token of the span (the closing mark, or the last token of the bounding paragraph).
    pub last: usize,
    /// Inside another quote.
    pub nested: bool,
}

impl Quote {
    /// Byte range of the quote, marks included.
    pub fn span(&self, doc: &Doc) -> std::ops::Range<usize> {
        doc.bytes(self.open..self.last + 1)
    }
}

/// All quotes, sorted by opening mark, plus which top-level quote each token lies in.
pub(crate) struct Quotes {
    pub list: Vec<Quote>,
    /// For each token: 1 + index into `list` of the top-level quote holding it, or 0.
    owner: Vec<u32>,
}

impl Quotes {
    pub fn find(doc: &Doc) -> Self {
        let mut list = scan(doc);
        list.sort_by_key(|q| q.open);
        let mut owner = vec![0u32; doc.len()];
        for (k, q) in list.iter().enumerate() {
            if q.nested {
                continue;
            }
            for o in owner.iter_mut().take(q.last + 1).skip(q.open) {
                *o = k as u32 + 1;
            }
        }
        Quotes { list, owner }
    }

    /// The top-level quote holding token `i` (its marks included).
    pub fn around(&self, i: usize) -> Option<usize> {
        match self.owner.get(i) {
            Some(&k) if k > 0 => Some(k as usize - 1),
            _ => None,
        }
    }

    pub fn inside(&self, i: usize) -> bool {
        self.around(i).is_some()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Curly,
    Straight,
}

/// Where a mark can sit: after white space (opening) and/or before white space or punctuation (closing).
fn orient(doc: &Doc, i: usize) -> (bool, bool) {
    let (prev, next) = sides(doc, i);
    let space = |c: Option<char>| c.is_none_or(is_space);
    let prev_opens = space(prev) || prev.is_some_and(|c| "([{—–-/:“‘\"'".contains(c));
    let next_closes = space(next) || next.is_some_and(|c| ",.;:!?)]}—–-…”’\"'".contains(c));
    let open_like = prev_opens && !space(next);
    let close_like = !space(prev) && next_closes;
    (open_like, close_like)
}

/// The chars on either side of token `i` (None at either end of the text).
fn sides(doc: &Doc, i: usize) -> (Option<char>, Option<char>) {
    let t = doc.toks[i];
    (
        doc.body[..t.start].chars().next_back(),
        doc.body[t.end..].chars().next(),
    )
}

/// The mark at token `i` has white space (or the start or end of the text) on both sides.
fn loose(doc: &Doc, i: usize) -> bool {
    let (prev, next) = sides(doc, i);
    prev.is_none_or(is_space) && next.is_none_or(is_space)
}

/// A mark after token `i` in its paragraph sits where a quote closes.
fn closed_later(doc: &Doc, i: usize) -> bool {
    let para = doc.paragraph(i);
    (i + 1..para.end).any(|k| doc.quote(k).is_some() && orient(doc, k).1)
}

/// What follows a paragraph break inside an open quote.
enum Continuation {
    /// The next paragraph opens with this mark: the quote goes on, the mark is not a new quote.
    Opener(usize),
    /// The quote goes on, through paragraphs without marks, up to this closing mark.
    Closer(usize),
    /// The quote ends with the paragraph before the break.
    Bound,
}

fn continuation(doc: &Doc, brk: usize) -> Continuation {
    let mut first = brk + 1;
    let mut quiet = 0;
    loop {
        let Some(para) = doc.toks.get(first).map(|_| doc.paragraph(first)) else {
            return Continuation::Bound;
        };
        if para.is_empty() {
            return Continuation::Bound;
        }
        if quiet == 0 && doc.quote(para.start).is_some() {
            let (open_like, close_like) = orient(doc, para.start);
            if open_like || !close_like {
                return Continuation::Opener(para.start);
            }
        }
        if let Some(q) = para.clone().find(|&k| doc.quote(k).is_some()) {
            let (open_like, close_like) = orient(doc, q);
            let closing = match doc.quote(q) {
                Some(Mark::Close) => !open_like || close_like,
                _ => close_like && !open_like,
            };
            return if closing {
                Continuation::Closer(q)
            } else {
                Continuation::Bound
            };
        }
        quiet += 1;
        if quiet > MAX_QUIET_PARAGRAPHS {
            return Continuation::Bound;
        }
        first = para.end + 1;
    }
}

fn scan(doc: &Doc) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, Style)> = Vec::new();
    let mut skip: Option<usize> = None;
    let mut hold_until: Option<usize> = None;
    let mut last_content = 0;
    for i in 0..doc.len() {
        if doc.is_para(i) {
            if stack.is_empty() || hold_until.is_some_and(|h| h > i) {
                continue;
            }
            stack.truncate(1);
            match continuation(doc, i) {
                Continuation::Opener(k) => skip = Some(k),
                Continuation::Closer(k) => hold_until = Some(k),
                Continuation::Bound => {
                    out.push(Quote {
                        open: stack[0].0,
                        close: None,
                        last: last_content,
                        nested: false,
                    });
                    stack.clear();
                }
            }
            continue;
        }
        last_content = i;
        let Some(mark) = doc.quote(i) else { continue };
        if skip == Some(i) {
            skip = None;
            continue;
        }
        let (open_like, close_like) = orient(doc, i);
        let style = if mark == Mark::Straight {
            Style::Straight
        } else {
            Style::Curly
        };
        let opens = match (mark, stack.last()) {
            (Mark::Open | Mark::Straight, None) => open_like || !close_like,
            // "He says, ” there are …”": a closing mark loose between spaces opens a quote
            // when a mark later in the paragraph closes it
            (Mark::Close, None) => {
                (open_like && !close_like) || (loose(doc, i) && closed_later(doc, i))
            }
            (Mark::Open, Some(_)) => open_like || !close_like,
            (Mark::Close, Some(_)) => false,
            (Mark::Straight, Some(&(_, Style::Curly))) => open_like && !close_like,
            (Mark::Straight, Some(&(_, Style::Straight))) => false,
        };
        if opens {
            stack.push((i, style));
        } else if let Some((open, _)) = stack.pop() {
            if stack.len() <= 1 {
                out.push(Quote {
                    open,
                    close: Some(i),
                    last: i,
                    nested: !stack.is_empty(),
                });
            }
            if hold_until.is_some_and(|h| h <= i) {
                hold_until = None;
            }
        }
    }
    if let Some(&(open, _)) = stack.first() {
        out.push(Quote {
            open,
            close: None,
            last: last_content,
            nested: false,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(String, bool)> {
        let doc = Doc::new(text);
        let quotes = Quotes::find(&doc);
        quotes
            .list
            .iter()
            .map(|q| (text[q.span(&doc)].to_string(), q.nested))
            .collect()
    }

    fn top(text: &str) -> Vec<String> {
        spans(text)
            .into_iter()
            .filter(|(_, nested)| !nested)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn curly_quote_closes_a_straight_quote() {
        assert_eq!(top("He said \"we won” and left."), ["\"we won”"]);
    }

    #[test]
    fn straight_quote_closes_a_curly_quote() {
        assert_eq!(top("“We won,\" she said."), ["“We won,\""]);
    }

    #[test]
    fn apostrophes_are_not_quote_marks() {
        assert_eq!(
            top("“Oslo’s mayor didn’t call in the ’90s,” he said."),
            ["“Oslo’s mayor didn’t call in the ’90s,”"]
        );
    }

    #[test]
    fn single_quotes_nest_inside_double_quotes() {
        assert_eq!(
            top("“She told me ‘no way’ twice,” he said."),
            ["“She told me ‘no way’ twice,”"]
        );
    }

    #[test]
    fn a_straight_quote_nests_inside_a_curly_quote() {
        let found = spans("“He said: \"We stay,\" the aide noted,” Lund said.");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0],
            ("“He said: \"We stay,\" the aide noted,”".into(), false)
        );
        assert_eq!(found[1], ("\"We stay,\"".into(), true));
    }

    #[test]
    fn a_curly_quote_nests_inside_a_curly_quote() {
        let found = top("“Their “straw poll” is a stunt,” she said.");
        assert_eq!(found, ["“Their “straw poll” is a stunt,”"]);
    }

    #[test]
    fn a_quote_continues_into_a_paragraph_that_opens_with_a_mark() {
        let text = "“First part.\n\n“Second part,” he said.";
        assert_eq!(top(text), [text.trim_end_matches(" he said.")]);
    }

    #[test]
    fn a_quote_continues_through_paragraphs_without_marks_to_its_closer() {
        let text = "\"Start here.\n\nMiddle with no marks.\n\nEnd here,” he said.";
        assert_eq!(
            top(text),
            ["\"Start here.\n\nMiddle with no marks.\n\nEnd here,”"]
        );
    }

    #[test]
    fn a_runaway_quote_is_bounded_at_its_paragraph() {
        let text = "He said “this never closes.\n\nNarration goes on. Then “a new quote” here.";
        assert_eq!(top(text), ["“this never closes.", "“a new quote”"]);
    }

    #[test]
    fn a_runaway_quote_at_the_end_is_bounded() {
        assert_eq!(top("Intro.\n\n“Open to the end"), ["“Open to the end"]);
    }

    #[test]
    fn a_stray_closing_mark_opens_nothing() {
        assert_eq!(top("Odd” text here. “Real,” she said."), ["“Real,”"]);
    }

    #[test]
    fn quiet_paragraphs_are_limited() {
        let text = "“Open.\n\nA.\n\nB.\n\nC.\n\nD.\n\nE,” he said.";
        assert_eq!(top(text), ["“Open."]);
    }

    #[test]
    fn an_invisible_mark_before_a_quote_counts_as_space() {
        assert_eq!(
            top("Intro.\n\n\u{202A}”Backwards opener,” he said."),
            ["”Backwards opener,”"]
        );
    }

    #[test]
    fn tokens_inside_a_quote_know_their_quote() {
        let doc = Doc::new("A “b c” d");
        let q = Quotes::find(&doc);
        assert!(!q.inside(0));
        assert!(q.inside(2));
        assert!(!q.inside(5));
    }
}
