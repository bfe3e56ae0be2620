//! Whose words a match is: for `speakers --quoted`, which speakers of a
//! matching passage said the query's quoted words themselves.
//!
//! A passage that quotes two people matches `--quoted` when either said the
//! words; crediting both would count the one who did not. The rule is the
//! one `search --quoted --speaker X` applies ([`InQuotes`] with
//! [`SaidBy`]): X is credited when the query holds with each `quote:` clause
//! looking only inside X's quotes. [`Whose`] evaluates that for every
//! speaker of a passage at once: each clause's words are read once per
//! passage ([`PatternPositions`]) and checked against each quote's range and
//! speaker (`quote_spans`, `quote_speakers`); clauses without quotes match
//! or not whoever is asked about, and keep their tantivy scorers. No stored
//! document is read.
//!
//! It runs on passages that already match the whole query, so the parts of
//! a top-level AND that look at no quote hold there and are left out.
//!
//! [`InQuotes`]: super::quoted::InQuotes

use std::sync::Arc;

use tantivy::query::{EnableScoring, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Searcher, SegmentReader};

use super::QueryBuilder;
use super::parse::{Expr, Scope};
use super::quoted::{Pattern, PatternPositions, QuoteSpeakers, SaidBy};
use crate::schema::{QUOTE_SPANS, quote_spans_of};

/// The shape of a query as far as speakers go, with the weights of the
/// parts that do not depend on the speaker.
enum Node {
    /// A `quote:` clause (or a word under `--quoted`).
    Quote(Pattern),
    /// Any quote (`--quoted` with no words).
    AnyQuote,
    /// A clause that looks at no quote.
    Fixed(Box<dyn Weight>),
    /// Every item holds; the `true` ones negated.
    And(Vec<(bool, Node)>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

/// Which speakers of a matching passage said its match, for one query.
pub struct Whose {
    root: Node,
    /// With `--speaker`: only these speakers' quotes count, as in search.
    said_by: Option<Arc<SaidBy>>,
}

impl Whose {
    /// `None` when `expr` looks inside no quote: every speaker of a
    /// matching passage is then credited.
    pub fn new(
        builder: &mut QueryBuilder<'_>,
        expr: &Expr,
        searcher: &Searcher,
        said_by: Option<Arc<SaidBy>>,
    ) -> tantivy::Result<Option<Whose>> {
        if !quotes(expr) {
            return Ok(None);
        }
        let mut nodes = NodeBuilder { builder, searcher };
        let root = match expr {
            // the passage matched the whole AND: what sees no quote holds
            Expr::And(items) => {
                let quoting: Vec<Expr> = items.iter().filter(|e| quotes(e)).cloned().collect();
                nodes.node(&Expr::And(quoting))?
            }
            other => nodes.node(other)?,
        };
        Ok(root.map(|root| Whose { root, said_by }))
    }

    /// For `--quoted` with no words: the speakers of a passage who are quoted in it.
    pub fn any_quote(said_by: Option<Arc<SaidBy>>) -> Whose {
        Whose {
            root: Node::AnyQuote,
            said_by,
        }
    }

    /// The readers of one segment.
    pub fn segment(&self, reader: &SegmentReader) -> tantivy::Result<SegmentWhose> {
        let allowed = self
            .said_by
            .as_ref()
            .map(|said_by| said_by.of(reader.segment_id()).to_vec());
        Ok(SegmentWhose {
            root: open(&self.root, reader, allowed.as_deref())?,
        })
    }
}

struct NodeBuilder<'b, 'a> {
    builder: &'b mut QueryBuilder<'a>,
    searcher: &'b Searcher,
}

impl NodeBuilder<'_, '_> {
    /// `None` where the query builder builds nothing (no searchable words),
    /// so that the tree has the query's shape.
    fn node(&mut self, expr: &Expr) -> tantivy::Result<Option<Node>> {
        if !quotes(expr) {
            let Some(query) = self.builder.expr(expr) else {
                return Ok(None);
            };
            let weight = query.weight(EnableScoring::disabled_from_searcher(self.searcher))?;
            return Ok(Some(Node::Fixed(weight)));
        }
        Ok(match expr {
            Expr::Leaf(leaf) => self.builder.quote_pattern(&leaf.term).map(Node::Quote),
            Expr::And(items) => {
                let mut all = Vec::new();
                for item in items {
                    match item {
                        Expr::Not(inner) => all.extend(self.node(inner)?.map(|n| (true, n))),
                        other => all.extend(self.node(other)?.map(|n| (false, n))),
                    }
                }
                (!all.is_empty()).then_some(Node::And(all))
            }
            Expr::Or(items) => {
                let mut any = Vec::new();
                for item in items {
                    any.extend(self.node(item)?);
                }
                (!any.is_empty()).then_some(Node::Or(any))
            }
            Expr::Not(inner) => self.node(inner)?.map(|n| Node::Not(Box::new(n))),
        })
    }
}

/// Whether any leaf of `expr` looks inside quotes.
fn quotes(expr: &Expr) -> bool {
    match expr {
        Expr::Leaf(leaf) => leaf.scope == Scope::Quote,
        Expr::And(items) | Expr::Or(items) => items.iter().any(quotes),
        Expr::Not(inner) => quotes(inner),
    }
}

/// [`Whose`] in one segment, asked about its matching passages in
/// document order.
pub struct SegmentWhose {
    root: SegmentNode,
}

impl SegmentWhose {
    /// Reads what `doc` holds; [`Self::said`] then answers for it.
    pub fn at(&mut self, doc: DocId) {
        self.root.at(doc);
    }

    /// Whether the speaker with this `speaker_raw` ordinal said the match of
    /// the passage last read.
    pub fn said(&self, speaker: u64) -> bool {
        self.root.holds(speaker)
    }
}

enum SegmentNode {
    Quote(Box<QuoteClause>),
    Fixed { scorer: Box<dyn Scorer>, hit: bool },
    And(Vec<(bool, SegmentNode)>),
    Or(Vec<SegmentNode>),
    Not(Box<SegmentNode>),
}

fn open(
    node: &Node,
    reader: &SegmentReader,
    allowed: Option<&[u64]>,
) -> tantivy::Result<SegmentNode> {
    let all = |nodes: &mut dyn Iterator<Item = &Node>| -> tantivy::Result<Vec<SegmentNode>> {
        nodes.map(|n| open(n, reader, allowed)).collect()
    };
    Ok(match node {
        Node::AnyQuote => SegmentNode::Quote(Box::new(QuoteClause {
            words: None,
            any: true,
            spans: reader.fast_fields().u64(QUOTE_SPANS).ok(),
            speakers: QuoteSpeakers::open(reader.fast_fields()),
            allowed: allowed.map(<[u64]>::to_vec),
            said: Vec::new(),
        })),
        Node::Quote(pattern) => SegmentNode::Quote(Box::new(QuoteClause {
            words: PatternPositions::open(pattern, reader)?,
            any: false,
            spans: reader.fast_fields().u64(QUOTE_SPANS).ok(),
            speakers: QuoteSpeakers::open(reader.fast_fields()),
            allowed: allowed.map(<[u64]>::to_vec),
            said: Vec::new(),
        })),
        Node::Fixed(weight) => SegmentNode::Fixed {
            scorer: weight.scorer(reader, 1.0)?,
            hit: false,
        },
        Node::And(items) => {
            let negated = items.iter().map(|(not, _)| *not);
            let nodes = all(&mut items.iter().map(|(_, n)| n))?;
            SegmentNode::And(negated.zip(nodes).collect())
        }
        Node::Or(items) => SegmentNode::Or(all(&mut items.iter())?),
        Node::Not(inner) => SegmentNode::Not(Box::new(open(inner, reader, allowed)?)),
    })
}

impl SegmentNode {
    fn at(&mut self, doc: DocId) {
        match self {
            SegmentNode::Quote(clause) => clause.at(doc),
            SegmentNode::Fixed { scorer, hit } => {
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                *hit = scorer.doc() == doc;
            }
            SegmentNode::And(items) => items.iter_mut().for_each(|(_, n)| n.at(doc)),
            SegmentNode::Or(items) => items.iter_mut().for_each(|n| n.at(doc)),
            SegmentNode::Not(inner) => inner.at(doc),
        }
    }

    fn holds(&self, speaker: u64) -> bool {
        match self {
            SegmentNode::Quote(clause) => clause.said.contains(&speaker),
            SegmentNode::Fixed { hit, .. } => *hit,
            SegmentNode::And(items) => items.iter().all(|(not, n)| n.holds(speaker) != *not),
            SegmentNode::Or(items) => items.iter().any(|n| n.holds(speaker)),
            SegmentNode::Not(inner) => !inner.holds(speaker),
        }
    }
}

/// One quote clause in one segment: who said its words in the passage read
/// last.
struct QuoteClause {
    /// `None` where some word is not in the segment.
    words: Option<PatternPositions>,
    /// Any quote holds, whatever its words (`words` is then `None`).
    any: bool,
    /// `None` in a segment where no passage quotes anyone.
    spans: Option<tantivy::columnar::Column<u64>>,
    /// `None` where no quote has a known speaker.
    speakers: Option<QuoteSpeakers>,
    /// Sorted ordinals of the speakers whose quotes count (`--speaker`).
    allowed: Option<Vec<u64>>,
    /// Ordinals of the speakers whose quotes hold the words.
    said: Vec<u64>,
}

impl QuoteClause {
    fn at(&mut self, doc: DocId) {
        self.said.clear();
        let (Some(spans), Some(speakers)) = (&self.spans, &self.speakers) else {
            return;
        };
        let mut words = match &mut self.words {
            Some(words) => Some(words),
            None if self.any => None,
            None => return,
        };
        let ranges = quote_spans_of(spans.values_for_doc(doc));
        let mut quotes = speakers.said(doc, ranges).peekable();
        if quotes.peek().is_none() || words.as_mut().is_some_and(|w| !w.read(doc)) {
            return;
        }
        for (range, who) in quotes {
            let Some(who) = who else { continue };
            let allowed = self
                .allowed
                .as_ref()
                .is_none_or(|allowed| allowed.binary_search(&who).is_ok());
            let holds = words.as_ref().is_none_or(|w| w.within(&[range]));
            if allowed && !self.said.contains(&who) && holds {
                self.said.push(who);
            }
        }
    }
}
