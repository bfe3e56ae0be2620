//! JSON Lines output: one object per hit (per passage), with the original
//! text and byte offsets, for `jq`, notebooks and other programs.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::search::{ArticleHits, Counts, PassageHit, SearchResults};

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
            date: article
                .date
                .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
            title: &article.title,
            source: &article.source,
            dateline: &article.dateline,
            url: &article.url,
            authors: &article.authors,
            speakers: &passage.speakers,
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

/// Writes `--count --json`: `{"passages": N, "articles": M}`.
pub fn counts(out: &mut dyn Write, counts: &Counts) -> io::Result<()> {
    lines(out, [counts])
}
