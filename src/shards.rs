//! Scale-out: an archive kept as several indexes (shards), searched as one.
//!
//! An archive too large for one machine, or for one ingest, is ingested in
//! parts, each into an index of its own (by year, by source, on machines of
//! their own), and searched together by giving `--index` once per shard.
//! Scores are computed with the statistics of the whole archive (passages,
//! words, and the passages holding each term, summed over the shards), so a
//! passage scores exactly what it would in one index holding every shard, and
//! the shards' best articles merge into the archive's ranking. Counts, facets
//! and timelines are added up: an article lives in one shard. Near-duplicate
//! collapsing folds copies within a shard, not across shards.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::collapse::CopyRef;
use crate::error::Result;
use crate::facets::{self, FacetCounts, FacetField, Facets};
use crate::index::{self, ArchiveIndex, Named};
use crate::search::{ArticleHits, Counts, SearchRequest, SearchResults, Searching, Sort};
use crate::timeline::{self, DayCounts, Interval, Timeline};

/// The open shards of an archive (one, for an archive in one index).
pub struct Shards {
    list: Vec<Searching>,
}

/// BM25's statistics summed over every shard.
struct ArchiveStatistics {
    searchers: Vec<Searcher>,
}

impl ArchiveStatistics {
    fn sum(&self, each: impl Fn(&Searcher) -> tantivy::Result<u64>) -> tantivy::Result<u64> {
        self.searchers.iter().map(each).sum()
    }
}

impl Bm25StatisticsProvider for ArchiveStatistics {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.sum(|s| s.total_num_tokens(field))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.sum(Bm25StatisticsProvider::total_num_docs)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.sum(|s| Bm25StatisticsProvider::doc_freq(s, term))
    }
}

impl Shards {
    /// Opens the index at each of `dirs` (an index named twice, once).
    pub fn open(dirs: &[PathBuf]) -> Result<Shards> {
        let dirs = distinct(dirs);
        let mut list = in_parallel(&dirs, |dir| Searching::open(ArchiveIndex::open(dir)?))?;
        if list.len() > 1 {
            let statistics = Arc::new(ArchiveStatistics {
                searchers: list.iter().map(|s| s.searcher().clone()).collect(),
            });
            let searchers: Vec<Searcher> = list.iter().map(|s| s.searcher().clone()).collect();
            for shard in &mut list {
                shard.score_with(statistics.clone());
                shard.expand_over(searchers.clone());
            }
        }
        Ok(Shards { list })
    }

    /// The shards, in the order given.
    pub fn list(&self) -> &[Searching] {
        &self.list
    }

    /// The article `given` names (see [`index::find_ids`]: its id, or a
    /// file's path as search shows it), from the shard that has it, with the
    /// matches of `query` marked (see [`Searching::article_by_id`]).
    pub fn find_article(&self, given: &str, query: &str) -> Result<Named<ArticleHits>> {
        // a bad query is an error whether or not the id is found
        let query = match query.trim() {
            "" => None,
            q => Some(crate::query::parse(q)?),
        };
        let mut found: Vec<(String, &Searching)> = Vec::new();
        for shard in &self.list {
            let reach = index::Reach::PathEnd;
            for id in index::find_ids(shard.searcher(), shard.fields(), given, reach)? {
                if !found.iter().any(|(f, _)| *f == id) {
                    found.push((id, shard));
                }
            }
        }
        match found.as_slice() {
            [] => Ok(Named::Nothing),
            [(id, shard)] => Ok(match shard.article_by_id(id, query.as_ref())? {
                Some(article) => Named::One(article),
                None => Named::Nothing,
            }),
            several => Ok(Named::Several(
                several.iter().map(|(id, _)| id.clone()).collect(),
            )),
        }
    }

    /// Runs a search over every shard: each shard's best `offset + limit`
    /// articles, merged into one ranking.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        if let [one] = self.list.as_slice() {
            return one.search(request);
        }
        let wanted = request.offset.saturating_add(request.limit);
        let mut each_limit = wanted;
        let (articles, counts) = loop {
            let each = SearchRequest {
                offset: 0,
                limit: each_limit,
                ..request.clone()
            };
            let mut articles = Vec::new();
            let mut counts: Option<Counts> = None;
            // a shard that gave fewer than asked has nothing more
            let mut exhausted = true;
            for found in in_parallel(&self.list, |shard| shard.search(&each))? {
                exhausted &= found.articles.len() < each_limit;
                articles.extend(found.articles);
                if let Some(c) = found.counts {
                    *counts.get_or_insert_with(Counts::default) += c;
                }
            }
            merge_order(&mut articles, request.sort);
            if let Some(threshold) = request.collapse {
                articles = fold_copies(articles, threshold, request.named_copies);
            }
            // copies folded across shards leave fewer articles: ask each
            // shard for more until the page is full or they run out
            if articles.len() >= wanted || exhausted || each_limit >= wanted.saturating_mul(16) {
                break (articles, counts);
            }
            each_limit = each_limit.saturating_mul(2);
        };
        let articles = articles
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .enumerate()
            .map(|(i, mut article)| {
                article.rank = request.offset + i + 1;
                article
            })
            .collect();
        Ok(SearchResults { articles, counts })
    }

    /// Matching passages and articles over every shard.
    pub fn count(&self, request: &SearchRequest) -> Result<Counts> {
        let mut total = Counts::default();
        for counts in in_parallel(&self.list, |shard| shard.count(request))? {
            total += counts;
        }
        Ok(total)
    }

    /// The top values of a facet over every shard.
    pub fn facets(&self, request: &SearchRequest, field: FacetField, top: usize) -> Result<Facets> {
        let mut all = FacetCounts::default();
        for counts in in_parallel(&self.list, |shard| facets::count(shard, request, field))? {
            all.add(counts);
        }
        Ok(all.top(top))
    }

    /// A timeline over every shard.
    pub fn timeline(
        &self,
        base: &SearchRequest,
        queries: &[String],
        interval: Option<Interval>,
    ) -> Result<Timeline> {
        let mut all = DayCounts::default();
        for counts in in_parallel(&self.list, |shard| {
            timeline::day_counts(shard, base, queries)
        })? {
            all.add(counts);
        }
        timeline::build(all, base, queries, interval)
    }
}

/// `dirs` without the ones that name an index named before: `index`,
/// `./index`, its absolute path and a link to it are one index. A directory
/// that does not exist yet (an ingest's target) is compared by its absolute
/// path, `.` components dropped.
pub fn distinct(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    dirs.iter()
        .filter(|dir| {
            let key = std::fs::canonicalize(dir).unwrap_or_else(|_| {
                std::env::current_dir()
                    .map(|cwd| cwd.join(dir))
                    .unwrap_or_else(|_| dir.to_path_buf())
                    .components()
                    .filter(|c| *c != std::path::Component::CurDir)
                    .collect()
            });
            seen.insert(key)
        })
        .cloned()
        .collect()
}

/// `f` of every item, each on a thread of its own (one item runs on this
/// thread), in the items' order; the first error wins.
fn in_parallel<I: Sync, T: Send>(
    items: &[I],
    f: impl Fn(&I) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    if let [one] = items {
        return Ok(vec![f(one)?]);
    }
    std::thread::scope(|scope| {
        let f = &f;
        let running: Vec<_> = items
            .iter()
            .map(|item| scope.spawn(move || f(item)))
            .collect();
        running
            .into_iter()
            .map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Folds the copies of one story found in different shards into its best
/// ranked article, as one index folds them (the same predicate: equal
/// content hashes, or MinHash similarity from `threshold`); each shard has
/// folded its own already. Passages repeated across shards are not folded.
fn fold_copies(articles: Vec<ArticleHits>, threshold: f64, named: usize) -> Vec<ArticleHits> {
    let is_copy = |a: &ArticleHits, b: &ArticleHits| {
        matches!((a.content_hash, b.content_hash), (Some(x), Some(y)) if x == y)
            || matches!((&a.minhash, &b.minhash), (Some(x), Some(y)) if x.similarity(y) >= threshold)
    };
    let mut kept: Vec<ArticleHits> = Vec::new();
    for article in articles {
        let Some(original) = kept.iter_mut().find(|k| is_copy(k, &article)) else {
            kept.push(article);
            continue;
        };
        let this = CopyRef {
            article_id: article.article_id,
            source: article.source,
            date: article.date,
            passage: None,
        };
        for copy in std::iter::once(this).chain(article.copies) {
            if original.copies.len() < named {
                original.copies.push(copy);
            } else {
                original.more_copies += 1;
            }
        }
        original.more_copies += article.more_copies;
    }
    kept
}

/// Orders the articles of several shards as one index orders its own: by
/// score (equal scores by date, earliest first), or by date (undated last)
/// and then score. The sort is stable: what still ties keeps its shard's
/// order, shard by shard (one index would go on to the articles' content
/// fingerprints, which hits do not carry).
fn merge_order(articles: &mut [ArticleHits], sort: Sort) {
    use std::cmp::Ordering;
    let by_score = |a: &ArticleHits, b: &ArticleHits| b.score.total_cmp(&a.score);
    // dated before undated; among dated, newest or earliest first
    let by_date = |a: &ArticleHits, b: &ArticleHits, newest: bool| match (a.date, b.date) {
        (Some(x), Some(y)) if newest => y.cmp(&x),
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match sort {
        Sort::Relevance => {
            articles.sort_by(|a, b| by_score(a, b).then_with(|| by_date(a, b, false)))
        }
        Sort::Newest | Sort::Oldest => articles
            .sort_by(|a, b| by_date(a, b, sort == Sort::Newest).then_with(|| by_score(a, b))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn hit(id: &str, score: f32, day: Option<u32>) -> ArticleHits {
        ArticleHits {
            rank: 0,
            article_id: id.to_string(),
            title: String::new(),
            lead: String::new(),
            title_highlights: Vec::new(),
            date: day.map(|d| chrono::Utc.with_ymd_and_hms(2024, 1, d, 0, 0, 0).unwrap()),
            source: String::new(),
            dateline: String::new(),
            url: String::new(),
            authors: Vec::new(),
            path: String::new(),
            score,
            passages: Vec::new(),
            copies: Vec::new(),
            more_copies: 0,
            content_hash: None,
            minhash: None,
        }
    }

    fn ids(articles: &[ArticleHits]) -> Vec<&str> {
        articles.iter().map(|a| a.article_id.as_str()).collect()
    }

    #[test]
    fn an_index_named_twice_counts_once() {
        let p = |s: &str| PathBuf::from(s);
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("a");
        std::fs::create_dir(&real).unwrap();
        let dirs = [
            real.clone(),
            real.join("."),
            dir.path().join("b"),
            dir.path().join(".").join("b"),
            p("not-yet"),
            p("./not-yet"),
            std::env::current_dir().unwrap().join("not-yet"),
            p("other"),
        ];
        assert_eq!(
            distinct(&dirs),
            [real, dir.path().join("b"), p("not-yet"), p("other")]
        );
    }

    #[test]
    fn shards_merge_by_score_or_by_date_with_the_undated_last() {
        let shards = || {
            vec![
                hit("a", 1.0, Some(3)),
                hit("b", 3.0, None),
                hit("c", 2.0, Some(1)),
                hit("d", 2.5, Some(3)),
                hit("e", 2.0, None),
                hit("f", 2.0, Some(2)),
            ]
        };
        let mut by_score = shards();
        merge_order(&mut by_score, Sort::Relevance);
        // equal scores: the earliest first, the undated last
        assert_eq!(ids(&by_score), ["b", "d", "c", "f", "e", "a"]);
        let mut newest = shards();
        merge_order(&mut newest, Sort::Newest);
        assert_eq!(ids(&newest), ["d", "a", "f", "c", "b", "e"]);
        let mut oldest = shards();
        merge_order(&mut oldest, Sort::Oldest);
        assert_eq!(ids(&oldest), ["c", "f", "d", "a", "b", "e"]);
    }
}
