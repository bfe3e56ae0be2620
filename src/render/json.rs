//! JSON Lines output: one object per hit (per passage), with the original
//! text and byte offsets, for `jq`, notebooks and other programs.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::article::Article;
use crate::collapse::CopyRef;
use crate::facets::Facets;
use crate::prepare::Prepared;
use crate::schema::Evidence;
use crate::search::{ArticleHits, Counts, PassageHit, SearchResults};
use crate::timeline::Timeline;

/// One line of `search --json`. Field names are a stable interface.
#[derive(Debug, Serialize)]
pub struct HitLine<'a> {
    pub rank: usize,
    pub article_id: &'a str,
    pub passage: u32,
    pub score: f32,
    /// RFC 3339, or null for undated articles.
    pub date: Option<String>,
    pub title: &'a str,
    pub source: &'a str,
    pub dateline: &'a str,
    pub url: &'a str,
    pub authors: &'a [String],
    pub speakers: &'a [String],
    /// The attributions behind `speakers`: speaker (or null), role, kind
    /// (direct or reported), content (byte range in the article body), cue
    /// and mention (as written), resolved_by.
    pub attributions: &'a [Evidence],
    /// The full passage text, exactly as ingested.
    pub text: &'a str,
    /// `[start, end]` byte offsets into `text`, end exclusive.
    pub highlights: Vec<[usize; 2]>,
    /// `[start, end]` byte offsets into `title` (first passage only).
    pub title_highlights: Vec<[usize; 2]>,
    /// Byte offsets of the passage in the article body.
    pub start: u64,
    pub end: u64,
    pub path: &'a str,
    /// Copies folded into this hit: other articles with the same or nearly
    /// the same text (`passage` null), and passages of other articles that
    /// repeat this passage.
    pub copies: Vec<CopyLine<'a>>,
}

/// A copy folded into a hit.
#[derive(Debug, Serialize)]
pub struct CopyLine<'a> {
    pub article_id: &'a str,
    pub source: &'a str,
    pub date: Option<String>,
    pub passage: Option<u32>,
}

impl<'a> CopyLine<'a> {
    fn new(c: &'a CopyRef) -> CopyLine<'a> {
        CopyLine {
            article_id: &c.article_id,
            source: &c.source,
            date: c.date.map(rfc3339),
            passage: c.passage,
        }
    }
}

fn rfc3339(d: chrono::DateTime<chrono::Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn pairs(spans: &[Range<usize>]) -> Vec<[usize; 2]> {
    spans.iter().map(|r| [r.start, r.end]).collect()
}

impl<'a> HitLine<'a> {
    pub fn new(article: &'a ArticleHits, passage: &'a PassageHit) -> HitLine<'a> {
        HitLine {
            rank: article.rank,
            article_id: &article.article_id,
            passage: passage.ordinal,
            score: passage.score,
            date: article.date.map(rfc3339),
            title: &article.title,
            source: &article.source,
            dateline: &article.dateline,
            url: &article.url,
            authors: &article.authors,
            speakers: &passage.speakers,
            attributions: &passage.evidence,
            text: &passage.text,
            highlights: pairs(&passage.highlights),
            title_highlights: if passage.ordinal == 0 {
                pairs(&article.title_highlights)
            } else {
                Vec::new()
            },
            start: passage.start,
            end: passage.end,
            path: &article.path,
            copies: article
                .copies
                .iter()
                .chain(&passage.copies)
                .map(CopyLine::new)
                .collect(),
        }
    }
}

/// Writes one line per object.
pub fn lines<T: Serialize>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = T>,
) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes search results: one line per passage hit, in rank order.
pub fn search(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    lines(
        out,
        results
            .articles
            .iter()
            .flat_map(|a| a.passages.iter().map(move |p| HitLine::new(a, p))),
    )
}

/// One line of a facet table.
#[derive(Debug, Serialize)]
pub struct FacetLine<'a> {
    pub field: &'a str,
    pub value: &'a str,
    pub passages: u64,
    pub articles: u64,
    /// Share of the matching articles that have this value (0 to 1).
    pub share: f64,
}

/// Writes a facet table, one value per line.
pub fn facets(out: &mut dyn Write, facets: &Facets, field: &str) -> io::Result<()> {
    lines(
        out,
        facets.rows.iter().map(|r| FacetLine {
            field,
            value: &r.value,
            passages: r.passages,
            articles: r.articles,
            share: r.share,
        }),
    )
}

/// One line of `timeline --json`: a bucket.
#[derive(Debug, Serialize)]
pub struct BucketLine<'a> {
    /// First day of the bucket.
    pub start: String,
    /// First day after the bucket (exclusive).
    pub end: String,
    /// All articles dated in the bucket.
    pub articles: u64,
    pub queries: Vec<QueryLine<'a>>,
}

/// One query's numbers in a bucket.
#[derive(Debug, Serialize)]
pub struct QueryLine<'a> {
    pub query: &'a str,
    pub passages: u64,
    pub articles: u64,
    pub share: f64,
}

/// Writes a timeline, one bucket per line.
pub fn timeline(out: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    lines(
        out,
        t.buckets.iter().map(|b| BucketLine {
            start: b.start.format("%Y-%m-%d").to_string(),
            end: b.end.format("%Y-%m-%d").to_string(),
            articles: b.articles,
            queries: t
                .queries
                .iter()
                .zip(&b.queries)
                .map(|(q, c)| QueryLine {
                    query: q,
                    passages: c.passages,
                    articles: c.articles,
                    share: c.share,
                })
                .collect(),
        }),
    )
}

/// One line of `analyze --json`: how an article is read.
#[derive(Debug, Serialize)]
pub struct AnalysisLine<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: Option<String>,
    pub dateline: &'a str,
    pub source: &'a str,
    pub url: &'a str,
    pub authors: &'a [String],
    pub path: &'a str,
    pub passages: Vec<PassageLine<'a>>,
    pub attributions: Vec<AttributionLine<'a>>,
}

/// A passage in `analyze --json`: byte offsets in the body, end exclusive.
#[derive(Debug, Serialize)]
pub struct PassageLine<'a> {
    pub ordinal: u32,
    pub start: usize,
    pub end: usize,
    pub speakers: &'a [String],
}

/// An attribution in `analyze --json`: byte offsets in the body, end exclusive.
#[derive(Debug, Serialize)]
pub struct AttributionLine<'a> {
    pub speaker: Option<&'a str>,
    pub role: Option<&'a str>,
    pub kind: &'static str,
    pub content: [usize; 2],
    pub cue: Option<[usize; 2]>,
    pub mention: Option<[usize; 2]>,
    /// How the speaker was named; null when no one is (`speaker` is null).
    pub resolved_by: Option<&'static str>,
}

/// Writes how one article is read, as one line.
pub fn analysis(out: &mut dyn Write, article: &Article, prepared: &Prepared) -> io::Result<()> {
    let pair = |r: &std::ops::Range<usize>| [r.start, r.end];
    let line = AnalysisLine {
        id: &article.id,
        title: &article.title,
        date: article.date.map(rfc3339),
        dateline: &article.dateline,
        source: &article.source,
        url: &article.url,
        authors: &article.authors,
        path: &article.path,
        passages: prepared
            .passages
            .iter()
            .map(|p| PassageLine {
                ordinal: p.passage.ordinal,
                start: p.passage.range.start,
                end: p.passage.range.end,
                speakers: &p.speakers,
            })
            .collect(),
        attributions: prepared
            .attributions
            .iter()
            .map(|a| AttributionLine {
                speaker: a.speaker.as_ref().map(|s| s.name.as_str()),
                role: a.speaker.as_ref().and_then(|s| s.role.as_deref()),
                kind: a.kind.as_str(),
                content: pair(&a.content),
                cue: a.cue.as_ref().map(pair),
                mention: a.mention.as_ref().map(pair),
                resolved_by: a.speaker.as_ref().map(|_| a.resolved_by.as_str()),
            })
            .collect(),
    };
    lines(out, [line])
}

/// Writes `--count --json`: `{"passages": N, "articles": M}`.
pub fn counts(out: &mut dyn Write, counts: &Counts) -> io::Result<()> {
    lines(out, [counts])
}
