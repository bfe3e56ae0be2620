//! Search: a [`SearchRequest`] in, ranked [`ArticleHits`] out.
//!
//! Passages are ranked by BM25 (or by date). Hits are grouped by article: an
//! article appears once, at the rank of its best passage, with up to
//! `per_article` of its matching passages in reading order — the way search
//! engines return several fragments of one document. Every shown passage
//! carries its highlight spans.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};
use tantivy::collector::sort_key::SortBySimilarityScore;
use tantivy::collector::sort_key::SortByStaticFastValue;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector, TopDocs};
use tantivy::query::{
    AllQuery, Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::schema::Value;
use tantivy::{
    DocAddress, DocId, DocSet, Executor, Order, Score, Searcher, SegmentReader, TERMINATED,
    TantivyDocument,
};

use crate::analysis::Analyzer;
use crate::collapse::{self, CopyRef, Group};
use crate::columns::{FastFields, Leads};
use crate::error::Result;
use crate::fingerprint;
use crate::highlight::Highlighter;
use crate::index::ArchiveIndex;
use crate::query::phrase::TextPhrase;
use crate::query::quoted::{InQuotes, SaidBy};
use crate::query::whose::Whose;
use crate::query::{self, Expr, Leaf, QueryBuilder, Scope, Term as QTerm};
use crate::schema::{self, Evidence, Fields, Meta};
use crate::top::TopScores;

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

/// A search, as the CLI (or any caller) asks for it.
#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub query: String,
    /// First instant included.
    pub from: Option<DateTime<Utc>>,
    /// First instant excluded.
    pub to: Option<DateTime<Utc>>,
    /// Any of these sources (words of the source name, case-insensitive).
    pub sources: Vec<String>,
    /// Any of these speakers (a full name or part of one).
    pub speakers: Vec<String>,
    /// Match the query's words only inside quoted speech.
    pub quoted: bool,
    pub sort: Sort,
    /// Articles to return.
    pub limit: usize,
    /// Articles to skip.
    pub offset: usize,
    /// Passages shown per article.
    pub per_article: usize,
    /// Also count every matching passage and article. Counting visits every
    /// match, which ranking alone need not do, so it is asked for only when
    /// the totals are shown.
    pub with_counts: bool,
    /// Fold copies and near-copies into one hit; `None` shows every article.
    /// The value is the Jaccard similarity from which articles are copies.
    pub collapse: Option<f64>,
    /// Copies named per hit (id, source, date); the others are only counted
    /// (`more_copies`). Naming a copy reads its id from the id column's
    /// dictionary, a block per copy: a display that shows a few asks for a
    /// few.
    pub named_copies: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            from: None,
            to: None,
            sources: Vec::new(),
            speakers: Vec::new(),
            quoted: false,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            per_article: 3,
            with_counts: false,
            collapse: Some(fingerprint::NEAR_DUPLICATE),
            named_copies: usize::MAX,
        }
    }
}

/// Numbers of matching passages and articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub passages: u64,
    pub articles: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passages += other.passages;
        self.articles += other.articles;
    }
}

/// Counts passages and articles as matches arrive in document order. An
/// article's passages are consecutive documents of one segment (see
/// [`crate::index`]), so a new article starts wherever the passage's lead
/// ([`Leads`]) changes: no set of seen articles is needed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tally {
    pub counts: Counts,
    last: Option<DocId>,
}

impl Tally {
    /// Counts one matching passage of the article with `key` (its lead,
    /// see [`Leads`]); passages come in document order.
    pub fn add(&mut self, key: Option<DocId>) {
        self.counts.passages += 1;
        if key.is_none() || key != self.last {
            self.counts.articles += 1;
            self.last = key;
        }
    }
}

/// One matching passage.
#[derive(Debug, Clone)]
pub struct PassageHit {
    pub ordinal: u32,
    pub score: f32,
    /// Byte range of the passage in the article body.
    pub start: u64,
    pub end: u64,
    pub text: String,
    /// Byte ranges in `text` to highlight.
    pub highlights: Vec<Range<usize>>,
    pub speakers: Vec<String>,
    /// Who is quoted or reported in the passage, and the words that say so.
    pub evidence: Vec<Evidence>,
    /// Passages of other articles that repeat this one (folded into it),
    /// the first `named_copies` of them.
    pub copies: Vec<CopyRef>,
    /// How many more there are.
    pub more_copies: usize,
}

/// One article in the results, with its matching passages.
#[derive(Debug, Clone)]
pub struct ArticleHits {
    /// 1-based rank among articles (offset included).
    pub rank: usize,
    pub article_id: String,
    pub title: String,
    /// The first words of the article when it has no title.
    pub lead: String,
    /// Byte ranges in `title` to highlight.
    pub title_highlights: Vec<Range<usize>>,
    pub date: Option<DateTime<Utc>>,
    pub source: String,
    pub dateline: String,
    pub url: String,
    pub authors: Vec<String>,
    pub path: String,
    /// Best passage score (the article's rank score).
    pub score: f32,
    /// Matching passages, in reading order.
    pub passages: Vec<PassageHit>,
    /// Articles that are copies or near-copies of this one (folded into it),
    /// the first `named_copies` of them.
    pub copies: Vec<CopyRef>,
    /// How many more there are.
    pub more_copies: usize,
    /// The article's fingerprints (not shown; read for a shard only): what
    /// folds its copies found in other shards into it (see [`crate::shards`]).
    pub content_hash: Option<u64>,
    pub minhash: Option<fingerprint::MinHash>,
}

/// Where a shown article stands, and how much of its copies to name.
#[derive(Debug, Clone, Copy)]
struct Shown {
    rank: usize,
    named_copies: usize,
}

/// The answer to a search.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub articles: Vec<ArticleHits>,
    /// Totals, when the request asked for them.
    pub counts: Option<Counts>,
}

/// Term and document statistics for BM25, shared by the shards of an archive
/// (see [`crate::shards`]).
pub type Statistics = Arc<dyn Bm25StatisticsProvider + Send + Sync>;

/// An open index ready to answer searches.
pub struct Searching {
    archive: ArchiveIndex,
    searcher: Searcher,
    /// Where BM25 takes its statistics when they are not this index's own:
    /// the whole archive's, when this index is one of its shards.
    statistics: Option<Statistics>,
    /// Every shard of the archive this index belongs to, whose words fuzzy
    /// words expand to (so that shards expand them alike); none: this one.
    dictionaries: Vec<Searcher>,
    /// How many threads search the segments ([`ArchiveIndex::search_threads`]).
    threads: usize,
    /// Their pool, started by the first search rather than at open: a pool's
    /// threads look for work as they start, and would take the cores from
    /// the opening of the segments.
    executor: OnceLock<Executor>,
}

/// A query compiled for one index: the tree (for highlighting) and the
/// tantivy query (for matching).
struct Compiled {
    expr: Expr,
    query: Box<dyn Query>,
    /// With `--speaker` and quote clauses: whose quotes count, for
    /// highlighting as for matching.
    said_by: Option<Arc<SaidBy>>,
}

impl Searching {
    pub fn open(archive: ArchiveIndex) -> Result<Searching> {
        let searcher = archive.reader()?.searcher();
        Ok(Searching {
            threads: ArchiveIndex::search_threads(&searcher),
            archive,
            searcher,
            statistics: None,
            dictionaries: Vec::new(),
            executor: OnceLock::new(),
        })
    }

    /// Scores with `statistics` instead of this index's own, so that the
    /// scores of several shards compare (and equal one index's).
    pub fn score_with(&mut self, statistics: Statistics) {
        self.statistics = Some(statistics);
    }

    /// Expands fuzzy words to the words of all of `shards` (the archive's
    /// searchers, this one's included), not of this shard alone.
    pub fn expand_over(&mut self, shards: Vec<Searcher>) {
        self.dictionaries = shards;
    }

    /// `expr` with its fuzzy words expanded (see [`query::fuzzy`]).
    fn expand(&self, expr: Expr) -> Result<Expr> {
        let searchers: Vec<&Searcher> = match self.dictionaries.as_slice() {
            [] => vec![&self.searcher],
            all => all.iter().collect(),
        };
        Ok(query::fuzzy::expand(
            expr,
            &searchers,
            &self.archive.fields,
        )?)
    }

    /// Where BM25 takes its statistics: the archive's, if set, else this
    /// index's own (what `Searcher::search` uses).
    fn statistics(&self) -> &dyn Bm25StatisticsProvider {
        match &self.statistics {
            Some(stats) => &**stats,
            None => &self.searcher,
        }
    }

    /// How queries are scored: with [`Self::statistics`].
    fn scoring(&self) -> EnableScoring<'_> {
        EnableScoring::enabled_from_statistics_provider(self.statistics(), &self.searcher)
    }

    /// `Searcher::search` on this index's search threads, scored (when the
    /// collector needs scores) with the statistics of the whole archive.
    pub fn run<C: Collector>(&self, query: &dyn Query, collector: &C) -> Result<C::Fruit> {
        let scoring = if collector.requires_scoring() {
            self.scoring()
        } else {
            EnableScoring::disabled_from_searcher(&self.searcher)
        };
        let executor = self.executor.get_or_init(|| {
            // no pool (a thread could not start): the calling thread
            (self.threads > 1)
                .then(|| Executor::multi_thread(self.threads, "dateline-search-").ok())
                .flatten()
                .unwrap_or_else(Executor::single_thread)
        });
        Ok(self
            .searcher
            .search_with_executor(query, collector, executor, scoring)?)
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    pub fn fields(&self) -> &Fields {
        &self.archive.fields
    }

    /// The tantivy query for a request: its query (every passage when the
    /// query is empty) and its filters.
    pub fn query(&self, request: &SearchRequest) -> Result<Box<dyn Query>> {
        Ok(self.compile(request)?.query)
    }

    /// [`Self::query`], and which speakers of each passage it matches said
    /// its quoted words ([`Whose`]: the rule of `--quoted --speaker`, for
    /// every speaker at once); `None` when it looks inside no quote.
    pub fn query_and_whose(
        &self,
        request: &SearchRequest,
    ) -> Result<(Box<dyn Query>, Option<Whose>)> {
        let compiled = self.compile(request)?;
        if request.quoted && request.query.trim().is_empty() {
            return Ok((compiled.query, Some(Whose::any_quote(compiled.said_by))));
        }
        let mut builder = QueryBuilder::new(&self.archive.fields);
        let whose = Whose::new(
            &mut builder,
            &compiled.expr,
            &self.searcher,
            compiled.said_by,
        )?;
        Ok((compiled.query, whose))
    }

    fn compile(&self, request: &SearchRequest) -> Result<Compiled> {
        let fields = self.archive.fields;
        let mut builder = QueryBuilder::new(&fields);
        builder.statistics(self.statistics());
        let mut said_by = None;
        let (expr, main) = if request.query.trim().is_empty() {
            let mut all: Box<dyn Query> = Box::new(AllQuery);
            // `--quoted` with no words: the passages that quote someone (with `--speaker`,
            // that person)
            if request.quoted {
                let mut quoting = InQuotes::any_quote(all, schema::QUOTE_SPANS);
                if !request.speakers.is_empty() {
                    let speakers = Arc::new(said_by_names(&self.searcher, &request.speakers)?);
                    quoting = quoting.said_by(Arc::clone(&speakers));
                    said_by = Some(speakers);
                }
                all = Box::new(quoting);
            }
            (Expr::And(Vec::new()), query::build::zero(all))
        } else {
            let mut expr = self.expand(query::parse(&request.query)?)?;
            if request.quoted {
                expr = rescope(expr, Scope::Text, Scope::Quote);
            }
            // `--quoted --speaker X`: the words X said, not any quote of a
            // passage where X is quoted
            if !request.speakers.is_empty() && has_scope(&expr, Scope::Quote) {
                let speakers = Arc::new(said_by_names(&self.searcher, &request.speakers)?);
                builder.quotes_said_by(Arc::clone(&speakers));
                said_by = Some(speakers);
            }
            let main = builder.build(&expr)?;
            (expr, main)
        };
        let mut clauses = vec![(Occur::Must, main)];
        for filter in filters(request) {
            clauses.push((Occur::Must, builder.filter(&filter)?));
        }
        let query: Box<dyn Query> = if clauses.len() == 1 {
            clauses
                .pop()
                .map(|(_, q)| q)
                .unwrap_or_else(|| Box::new(BooleanQuery::new(vec![])))
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(Compiled {
            expr,
            query,
            said_by,
        })
    }

    /// Counts matching passages and articles.
    pub fn count(&self, request: &SearchRequest) -> Result<Counts> {
        let compiled = self.compile(request)?;
        self.run(&*compiled.query, &ArticleCounter)
    }

    /// Runs a search: the requested page of grouped, collapsed, highlighted
    /// hits (and the totals, if asked for).
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let compiled = self.compile(request)?;
        let wanted = request.offset.saturating_add(request.limit);
        let per = request.per_article.max(1);
        let mut fetch = wanted.saturating_mul(per).saturating_mul(4).max(32);
        let mut fast = FastFields::new(&self.searcher);
        // Fetch more until enough distinct articles are seen or none are left.
        let (groups, exhausted) = loop {
            let mut ranked = self.ranked(&*compiled.query, request.sort, fetch)?;
            let exhausted = ranked.len() < fetch;
            ties_in_stable_order(&mut ranked, request.sort, &mut fast);
            let mut groups = Self::group(&ranked, per, &mut fast);
            if let Some(threshold) = request.collapse {
                let by_score = request.sort == Sort::Relevance;
                groups = collapse::collapse(&mut fast, groups, threshold, wanted, by_score);
            }
            if groups.len() >= wanted || exhausted {
                break (groups, exhausted);
            }
            // Fetch enough for the rate of distinct articles seen so far
            // (copies of wire stories can make it low), with some margin.
            let per_group = fetch as f64 / groups.len().max(1) as f64;
            let needed = (per_group * wanted as f64 * 1.5).ceil() as usize;
            fetch = needed.clamp(fetch.saturating_mul(2), fetch.saturating_mul(16));
        };
        // passages shown as another story's copy ("also in"), which their own
        // article must not show again
        let folded: std::collections::HashSet<DocAddress> = groups
            .iter()
            .flat_map(|g| g.passage_copies.values().flatten().copied())
            .collect();
        let shown: Vec<(usize, Group)> = groups
            .into_iter()
            .enumerate()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        // An article seen with fewer passages than it may show could have
        // more matches further down the ranking: look up its best ones.
        let partial: Vec<DocAddress> = if exhausted {
            Vec::new()
        } else {
            shown
                .iter()
                .filter(|(_, group)| group.docs.len() < per)
                .filter_map(|(_, group)| fast.lead(group.key_doc))
                .collect()
        };
        // room for passages that turn out to be folded
        let mut best = self.best_passages(&compiled, &partial, per.saturating_mul(2))?;
        let mut highlighter = Highlighter::new(&compiled.expr);
        let mut articles = Vec::new();
        for (i, mut group) in shown {
            let lead = fast.lead(group.key_doc);
            if let Some(mut found) = lead.and_then(|lead| best.remove(&lead)) {
                found.retain(|(_, doc)| !folded.contains(doc));
                found.truncate(per);
                if found.len() > group.docs.len() {
                    group.docs = found;
                }
            }
            let meta = self.meta(lead)?;
            let shown = Shown {
                rank: i + 1,
                named_copies: request.named_copies,
            };
            let said_by = compiled.said_by.as_deref();
            articles.push(self.article(
                &group,
                meta,
                shown,
                said_by,
                &mut highlighter,
                &mut fast,
            )?);
        }
        let counts = if request.with_counts {
            Some(self.run(&*compiled.query, &ArticleCounter)?)
        } else {
            None
        };
        Ok(SearchResults { articles, counts })
    }

    /// The top `limit` passages in the requested order.
    fn ranked(
        &self,
        query: &dyn Query,
        sort: Sort,
        limit: usize,
    ) -> Result<Vec<(Score, DocAddress)>> {
        // tantivy reserves room for `limit` hits up front: no more than the
        // index holds (a huge --limit or --offset must not exhaust memory)
        let limit = limit.min(usize::try_from(self.searcher.num_docs()).unwrap_or(usize::MAX));
        if limit == 0 {
            return Ok(Vec::new());
        }
        let top = TopDocs::with_limit(limit);
        let order = match sort {
            // the shared bar is safe only where pruning checks each passage's own bound
            // (see `top`): a phrase of the text
            Sort::Relevance if query.downcast_ref::<TextPhrase>().is_some() => {
                return self.run(query, &TopScores::with_limit(limit));
            }
            Sort::Relevance => return self.run(query, &top.order_by_score()),
            Sort::Newest => Order::Desc,
            Sort::Oldest => Order::Asc,
        };
        let by = (
            (SortByStaticFastValue::<i64>::for_field("date"), order),
            (SortBySimilarityScore, Order::Desc),
        );
        let docs = self.run(query, &top.order_by(by))?;
        Ok(docs
            .into_iter()
            .map(|((_, score), addr)| (score, addr))
            .collect())
    }

    /// Groups ranked passages by article, keeping each article's best `per`.
    fn group(ranked: &[(Score, DocAddress)], per: usize, fast: &mut FastFields<'_>) -> Vec<Group> {
        let mut index: HashMap<DocAddress, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        for &(score, addr) in ranked {
            let key = fast.lead(addr).unwrap_or(addr);
            let slot = *index.entry(key).or_insert_with(|| {
                groups.push(Group::new(addr, score));
                groups.len() - 1
            });
            if groups[slot].docs.len() < per {
                groups[slot].docs.push((score, addr));
            }
        }
        groups
    }

    /// The best `per` matching passages of each article whose first passage
    /// is in `leads`, found in one pass per segment: an article's passages
    /// are consecutive documents (see [`crate::index`]), so the query's scorer
    /// is moved to each article's first passage, in document order, and read
    /// while the article stays the same.
    fn best_passages(
        &self,
        compiled: &Compiled,
        leads: &[DocAddress],
        per: usize,
    ) -> Result<HashMap<DocAddress, Vec<(Score, DocAddress)>>> {
        let mut best = HashMap::new();
        if leads.is_empty() {
            return Ok(best);
        }
        let weight = compiled.query.weight(self.scoring())?;
        let mut leads = leads.to_vec();
        leads.sort();
        leads.dedup();
        for segment_leads in leads.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let segment_ord = segment_leads[0].segment_ord;
            let segment = self.searcher.segment_reader(segment_ord);
            let leads = Leads::of(segment);
            let alive = segment.alive_bitset();
            let mut scorer = weight.scorer(segment, 1.0)?;
            for &lead in segment_leads {
                let key = leads.lead(lead.doc_id);
                let mut doc = scorer.doc();
                if doc < lead.doc_id {
                    doc = scorer.seek(lead.doc_id);
                }
                let mut found = Vec::new();
                while doc != TERMINATED && leads.lead(doc) == key {
                    if alive.is_none_or(|alive| alive.is_alive(doc)) {
                        found.push((scorer.score(), DocAddress::new(segment_ord, doc)));
                    }
                    doc = scorer.advance();
                }
                found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                found.truncate(per);
                best.insert(lead, found);
            }
        }
        Ok(best)
    }

    fn article(
        &self,
        group: &Group,
        meta: Meta,
        shown: Shown,
        said_by: Option<&SaidBy>,
        highlighter: &mut Highlighter,
        fast: &mut FastFields<'_>,
    ) -> Result<ArticleHits> {
        let f = &self.archive.fields;
        let mut docs: Vec<(Score, DocAddress, u32)> = group
            .docs
            .iter()
            .map(|&(score, addr)| (score, addr, fast.ordinal(addr)))
            .collect();
        docs.sort_by_key(|&(_, _, ordinal)| ordinal);
        let mut title_highlights = Vec::new();
        let mut passages = Vec::new();
        let named = |copies: &[DocAddress]| copies.len().min(shown.named_copies);
        for &(score, addr, ordinal) in &docs {
            let passage_copies = group
                .passage_copies
                .get(&addr)
                .map_or(&[][..], Vec::as_slice);
            let doc: TantivyDocument = self.searcher.doc(addr)?;
            let text = text_of(&doc, f.text);
            let start = doc.get_first(f.start).and_then(|v| v.as_u64()).unwrap_or(0);
            let title_for = (ordinal == 0).then_some(meta.title.as_str());
            let quotes = highlighter
                .needs_quotes()
                .then(|| fast.quote_spans(addr, said_by));
            let spans = highlighter.spans_quoted(&text, title_for, quotes.as_deref());
            if ordinal == 0 {
                title_highlights = spans.title;
            }
            passages.push(PassageHit {
                ordinal,
                score,
                start,
                // the stored text is exactly the body's bytes start..end
                end: start + text.len() as u64,
                text,
                highlights: spans.text,
                speakers: doc
                    .get_all(f.speaker_raw)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                evidence: schema::evidence_of(&text_of(&doc, f.evidence)),
                copies: fast.copy_refs(&passage_copies[..named(passage_copies)], true),
                more_copies: passage_copies.len() - named(passage_copies),
            });
        }
        // read for the shards of an archive only: one index has folded its
        // copies already
        let (content_hash, minhash) = match self.statistics {
            Some(_) => {
                let lead = fast.lead(group.key_doc);
                (
                    lead.and_then(|lead| fast.content_hash(lead)),
                    lead.and_then(|lead| fast.minhash(lead)),
                )
            }
            None => (None, None),
        };
        Ok(ArticleHits {
            rank: shown.rank,
            article_id: meta.id,
            title: meta.title,
            lead: meta.lead,
            title_highlights,
            date: fast.date(group.key_doc),
            source: meta.source,
            dateline: meta.dateline,
            url: meta.url,
            authors: meta.authors,
            path: meta.path,
            score: group.score,
            passages,
            copies: fast.copy_refs(&group.copies[..named(&group.copies)], false),
            more_copies: group.copies.len() - named(&group.copies),
            content_hash,
            minhash,
        })
    }

    /// The whole article with this id: every passage in reading order, the
    /// words of `query` (a parsed query, or none) highlighted, as one result.
    /// `None` when no article of the index has the id.
    pub fn article_by_id(&self, id: &str, query: Option<&Expr>) -> Result<Option<ArticleHits>> {
        let f = &self.archive.fields;
        let expr = match query {
            None => Expr::And(Vec::new()),
            Some(parsed) => self.expand(parsed.clone())?,
        };
        let term = tantivy::Term::from_field_text(f.article_id, id);
        let by_id = TermQuery::new(term, IndexRecordOption::Basic);
        let mut docs: Vec<DocAddress> = self
            .searcher
            .search(&by_id, &DocSetCollector)?
            .into_iter()
            .collect();
        // an article's passages are consecutive documents of one segment
        docs.sort();
        let Some(&first) = docs.first() else {
            return Ok(None);
        };
        let mut fast = FastFields::new(&self.searcher);
        let mut group = Group::new(first, 0.0);
        group.docs = docs.iter().map(|&addr| (0.0, addr)).collect();
        let meta = self.meta(fast.lead(first))?;
        let shown = Shown {
            rank: 1,
            named_copies: usize::MAX,
        };
        let mut highlighter = Highlighter::new(&expr);
        let article = self.article(&group, meta, shown, None, &mut highlighter, &mut fast)?;
        Ok(Some(article))
    }

    /// The metadata of the article, stored on its first passage (none if
    /// the passage's lead could not be found, which an index written by
    /// dateline never gives: an article's passages are consecutive).
    fn meta(&self, lead: Option<DocAddress>) -> Result<Meta> {
        let Some(lead) = lead else {
            return Ok(Meta::default());
        };
        let stored: TantivyDocument = self.searcher.doc(lead)?;
        Ok(serde_json::from_str(&text_of(&stored, self.archive.fields.meta)).unwrap_or_default())
    }
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The request's filters as query trees (each a required, zero-score clause).
fn filters(request: &SearchRequest) -> Vec<Expr> {
    let mut out = Vec::new();
    if request.from.is_some() || request.to.is_some() {
        out.push(leaf(
            Scope::Date,
            QTerm::Dates {
                start: request.from,
                end: request.to,
            },
        ));
    }
    for (scope, values) in [
        (Scope::Source, &request.sources),
        (Scope::Speaker, &request.speakers),
    ] {
        let any: Vec<Expr> = values
            .iter()
            .map(|v| {
                leaf(
                    scope,
                    QTerm::Phrase {
                        text: v.clone(),
                        slop: 0,
                        prefix: false,
                    },
                )
            })
            .collect();
        if !any.is_empty() {
            out.push(Expr::Or(any));
        }
    }
    out
}

/// Whether any leaf of `expr` has `scope`.
fn has_scope(expr: &Expr, scope: Scope) -> bool {
    match expr {
        Expr::Leaf(leaf) => leaf.scope == scope,
        Expr::And(items) | Expr::Or(items) => items.iter().any(|e| has_scope(e, scope)),
        Expr::Not(inner) => has_scope(inner, scope),
    }
}

/// The speakers' full names that one of `wanted` names, the way `--speaker`
/// matches: its words, in order, among the name's words, case and accents
/// aside (`aliyev` names Ilham Aliyev); read from each segment's dictionary
/// of full names.
fn said_by_names(searcher: &Searcher, wanted: &[String]) -> Result<SaidBy> {
    let mut analyzer = Analyzer::default();
    let mut words = |text: &str| -> Vec<String> {
        analyzer
            .exact_words(text)
            .into_iter()
            .map(|w| w.exact)
            .collect()
    };
    let wanted: Vec<Vec<String>> = wanted
        .iter()
        .map(|w| words(w))
        .filter(|w| !w.is_empty())
        .collect();
    let mut ords = HashMap::new();
    for segment in searcher.segment_readers() {
        let Some(column) = segment.fast_fields().str(schema::SPEAKER_NAMES)? else {
            continue;
        };
        let mut found = Vec::new();
        let mut names = column
            .dictionary()
            .stream()
            .map_err(|err| crate::error::Error::io("reading the speakers' names", err))?;
        while names.advance() {
            let Ok(name) = std::str::from_utf8(names.key()) else {
                continue;
            };
            let have = words(name);
            if wanted
                .iter()
                .any(|w| have.windows(w.len()).any(|run| run == w.as_slice()))
            {
                found.push(names.term_ord());
            }
        }
        ords.insert(segment.segment_id(), found);
    }
    Ok(SaidBy::new(ords))
}

fn leaf(scope: Scope, term: QTerm) -> Expr {
    Expr::Leaf(Leaf { scope, term })
}

/// Moves every leaf of one scope to another (`--quoted`: text → quotes).
fn rescope(expr: Expr, from: Scope, to: Scope) -> Expr {
    match expr {
        Expr::Leaf(mut l) => {
            if l.scope == from {
                l.scope = to;
            }
            Expr::Leaf(l)
        }
        Expr::And(items) => Expr::And(items.into_iter().map(|e| rescope(e, from, to)).collect()),
        Expr::Or(items) => Expr::Or(items.into_iter().map(|e| rescope(e, from, to)).collect()),
        Expr::Not(inner) => Expr::Not(Box::new(rescope(*inner, from, to))),
    }
}

/// Puts passages that rank equally in an order that depends on the archive
/// alone, not on the order of their documents, which depends on how the
/// ingest's threads happened to share the work (a re-ingest of the same
/// archive listed them otherwise). By relevance, passages of equal score go
/// in date order, earliest first (undated last): copies of a story score the
/// same, and the one shown is where it ran first, its reprints listed after.
/// By date, passages of equal date and score go by their article's content
/// fingerprint. Passages of one article stay in their order, and so do
/// exact copies of one date (whose fingerprints are equal).
fn ties_in_stable_order(ranked: &mut [(Score, DocAddress)], sort: Sort, fast: &mut FastFields<'_>) {
    match sort {
        Sort::Relevance => {
            for run in ranked.chunk_by_mut(|a, b| a.0 == b.0) {
                if run.len() > 1 {
                    run.sort_by_cached_key(|&(_, addr)| {
                        let date = fast.date(addr);
                        (date.is_none(), date, fingerprint(fast, addr), addr)
                    });
                }
            }
        }
        Sort::Newest | Sort::Oldest => {
            let dates: Vec<_> = ranked.iter().map(|&(_, addr)| fast.date(addr)).collect();
            let mut start = 0;
            while start < ranked.len() {
                let same = |i: usize| ranked[i].0 == ranked[start].0 && dates[i] == dates[start];
                let end = (start..ranked.len())
                    .find(|&i| !same(i))
                    .unwrap_or(ranked.len());
                if end - start > 1 {
                    ranked[start..end]
                        .sort_by_cached_key(|&(_, addr)| (fingerprint(fast, addr), addr));
                }
                start = end;
            }
        }
    }
}

/// The exact-copy fingerprint of the article of `addr`.
fn fingerprint(fast: &mut FastFields<'_>, addr: DocAddress) -> Option<u64> {
    fast.lead(addr).and_then(|lead| fast.content_hash(lead))
}

/// Counts matching passages and distinct articles (see [`Tally`]).
pub struct ArticleCounter;

pub struct ArticleCounterSegment {
    leads: Leads,
    tally: Tally,
}

impl Collector for ArticleCounter {
    type Fruit = Counts;
    type Child = ArticleCounterSegment;

    fn for_segment(
        &self,
        _: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<ArticleCounterSegment> {
        Ok(ArticleCounterSegment {
            leads: Leads::of(reader),
            tally: Tally::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut total = Counts::default();
        for counts in fruits {
            total += counts;
        }
        Ok(total)
    }
}

impl SegmentCollector for ArticleCounterSegment {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.tally.add(self.leads.lead(doc));
    }

    fn harvest(self) -> Counts {
        self.tally.counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_an_article_once_per_run_of_its_passages() {
        let mut t = Tally::default();
        for key in [Some(1), Some(1), Some(2), Some(3), Some(3), None, None] {
            t.add(key);
        }
        assert_eq!(
            t.counts,
            Counts {
                passages: 7,
                articles: 5
            }
        );
    }

    #[test]
    fn rescoping_moves_only_the_named_scope() {
        let expr = query::parse("a title:b (c OR NOT d)").unwrap();
        let moved = rescope(expr, Scope::Text, Scope::Quote);
        let text = format!("{moved:?}");
        assert!(!text.contains("scope: Text"), "{text}");
        assert!(text.contains("scope: Title"));
    }
}
