//! CSV output (RFC 4180): a header row, then one row per hit or table row.

use std::io::{self, Write};

use crate::facets::Facets;
use crate::search::{Counts, SearchResults};
use crate::timeline::Timeline;

/// Quotes a field when it needs it. Article text is made harmless first, as
/// for human output: CSV is read on terminals too (`dateline search --csv`),
/// where an escape sequence in a story could clear the screen or retitle it.
pub fn field(value: &str) -> String {
    let value = crate::sanitize::for_terminal(value);
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

/// Writes one row.
pub fn row<S: AsRef<str>>(out: &mut dyn Write, cells: &[S]) -> io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
    out.write_all(line.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

/// Writes `search --count`: a header row and one row of totals.
pub fn counts(out: &mut dyn Write, counts: &Counts) -> io::Result<()> {
    row(out, &["passages", "articles"])?;
    row(
        out,
        &[counts.passages.to_string(), counts.articles.to_string()],
    )
}

/// Writes search results: one row per passage hit.
pub fn search(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    row(
        out,
        &[
            "rank",
            "date",
            "source",
            "title",
            "article_id",
            "passage",
            "score",
            "speakers",
            "text",
            "url",
            "path",
            "copies",
        ],
    )?;
    for a in &results.articles {
        for p in &a.passages {
            row(
                out,
                &[
                    a.rank.to_string(),
                    a.date
                        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                        .unwrap_or_default(),
                    a.source.clone(),
                    a.title.clone(),
                    a.article_id.clone(),
                    p.ordinal.to_string(),
                    format!("{:.4}", p.score),
                    p.speakers.join("; "),
                    p.text.clone(),
                    a.url.clone(),
                    a.path.clone(),
                    a.copies
                        .iter()
                        .chain(&p.copies)
                        .map(|c| c.article_id.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                ],
            )?;
        }
    }
    Ok(())
}

/// Writes a facet table.
pub fn facets(out: &mut dyn Write, facets: &Facets, field: &str) -> io::Result<()> {
    row(out, &["field", "value", "passages", "articles", "share"])?;
    for r in &facets.rows {
        row(
            out,
            &[
                field.to_string(),
                r.value.clone(),
                r.passages.to_string(),
                r.articles.to_string(),
                format!("{:.4}", r.share),
            ],
        )?;
    }
    Ok(())
}

/// Writes a timeline: one row per bucket, three columns per query.
pub fn timeline(out: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    let mut header = vec![
        "start".to_string(),
        "end".to_string(),
        "articles".to_string(),
    ];
    for q in &t.queries {
        for what in ["passages", "articles", "share"] {
            header.push(format!("{} {what}", crate::timeline::label(q)));
        }
    }
    row(out, &header)?;
    for b in &t.buckets {
        let mut cells = vec![
            b.start.format("%Y-%m-%d").to_string(),
            b.end.format("%Y-%m-%d").to_string(),
            b.articles.to_string(),
        ];
        for c in &b.queries {
            cells.push(c.passages.to_string());
            cells.push(c.articles.to_string());
            cells.push(format!("{:.6}", c.share));
        }
        row(out, &cells)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_output() {
        assert_eq!(field("a\u{1b}[2Jb\u{1b}]0;title\u{7}c"), "abc");
        assert_eq!(field("x\u{202e}y"), "xy");
        assert_eq!(field("line one\nline two"), "\"line one\nline two\"");
    }

    #[test]
    fn fields_with_separators_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
