//! Human output: ranked articles with their highlighted passages, wrapped to
//! the terminal, every piece of article text sanitised first.

use std::io::{self, Write};
use std::ops::Range;

use super::Style;
use crate::article::Article;
use crate::collapse::CopyRef;
use crate::facets::Facets;
use crate::highlight;
use crate::prepare::Prepared;
use crate::sanitize::for_terminal;
use crate::search::{ArticleHits, Counts, PassageHit, SearchResults};
use crate::timeline::Timeline;

/// Longest stretch of a passage shown, in bytes; longer passages are shown as
/// a window around their best matches.
pub const WINDOW_BYTES: usize = 480;
const INDENT: &str = "   ";

/// How a piece of output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Bold,
    Dim,
    Match,
}

impl Tone {
    fn code(self) -> &'static str {
        match self {
            Tone::Plain => "",
            Tone::Bold => "\x1b[1m",
            Tone::Dim => "\x1b[2m",
            Tone::Match => "\x1b[1;31m",
        }
    }
}

const RESET: &str = "\x1b[0m";

/// Styled output: runs of text in one tone are merged before they are
/// written, so a highlighted phrase is one coloured span.
struct Paint<'a> {
    color: bool,
    width: usize,
    out: &'a mut dyn Write,
    tone: Tone,
    run: String,
}

impl<'a> Paint<'a> {
    fn new(out: &'a mut dyn Write, style: Style) -> Paint<'a> {
        Paint {
            color: style.color,
            width: style.width,
            out,
            tone: Tone::Plain,
            run: String::with_capacity(4096),
        }
    }

    fn put(&mut self, tone: Tone, text: &str) -> io::Result<()> {
        let tone = if self.color { tone } else { Tone::Plain };
        if text.is_empty() {
            return Ok(());
        }
        if tone != self.tone {
            self.flush()?;
            self.tone = tone;
        }
        self.run.push_str(text);
        Ok(())
    }

    fn plain(&mut self, text: &str) -> io::Result<()> {
        self.put(Tone::Plain, text)
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.run.is_empty() {
            if self.tone == Tone::Plain {
                self.out.write_all(self.run.as_bytes())?;
            } else {
                write!(self.out, "{}{}{RESET}", self.tone.code(), self.run)?;
            }
            self.run.clear();
        }
        Ok(())
    }
}

/// Writes search results.
pub fn search(out: &mut dyn Write, results: &SearchResults, style: Style) -> io::Result<()> {
    let mut paint = Paint::new(out, style);
    for article in &results.articles {
        write_article(&mut paint, article, Whole::Hits)?;
    }
    paint.flush()
}

/// Writes whole articles (`dateline show`): no rank, every passage in full.
pub fn articles(out: &mut dyn Write, results: &SearchResults, style: Style) -> io::Result<()> {
    let mut paint = Paint::new(out, style);
    for article in &results.articles {
        write_article(&mut paint, article, Whole::Article)?;
    }
    paint.flush()
}

/// What an article's entry shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Whole {
    /// A search hit: its rank, and a window around the matches of each
    /// passage shown.
    Hits,
    /// The whole article: every passage in full.
    Article,
}

/// A one-line description of how many results there are, for stderr.
pub fn totals(results: &SearchResults, offset: usize, folded: bool) -> String {
    let shown = results.articles.len();
    let Some(Counts { passages, articles }) = results.counts else {
        return if shown == 0 && offset > 0 {
            format!("no results past article {offset}")
        } else if shown == 0 {
            "no results".to_string()
        } else {
            format!("articles {}–{}", offset + 1, offset + shown)
        };
    };
    // the totals count every matching article; folding copies of one story
    // into one hit leaves fewer to page through
    if shown == 0 {
        return if offset > 0 && (offset as u64) < articles && folded {
            format!(
                "no results past article {offset}: of the {articles} matching articles, \
                 fewer remain once copies are folded (--no-collapse pages through all)"
            )
        } else if offset > 0 && articles > 0 {
            let what = if articles == 1 {
                "1 article matches".to_string()
            } else {
                format!("{articles} articles match")
            };
            format!("no results past article {offset}: {what} in all")
        } else {
            "no results".to_string()
        };
    }
    let of = if folded {
        format!("{articles} before copies are folded")
    } else {
        articles.to_string()
    };
    format!(
        "articles {}–{} of {} ({} matching passages)",
        offset + 1,
        offset + shown,
        of,
        passages
    )
}

fn write_article(p: &mut Paint<'_>, a: &ArticleHits, whole: Whole) -> io::Result<()> {
    if whole == Whole::Hits {
        p.put(Tone::Bold, &format!("{}.", a.rank))?;
        p.plain(" ")?;
    }
    let mut meta = Vec::new();
    meta.push(
        a.date
            .map_or("undated".to_string(), |d| d.format("%Y-%m-%d").to_string()),
    );
    for part in [&a.source, &a.dateline] {
        if !part.is_empty() {
            meta.push(for_terminal(part).into_owned());
        }
    }
    p.put(Tone::Dim, &meta.join(" · "))?;
    p.plain("\n")?;
    // Title, or the first words of the article when it has none.
    p.plain(INDENT)?;
    if a.title.is_empty() {
        p.put(Tone::Dim, &format!("(untitled) {}", for_terminal(&a.lead)))?;
    } else {
        for (tone, piece) in segments(&a.title, &a.title_highlights, Tone::Bold) {
            p.put(tone, &for_terminal(piece).replace('\n', " "))?;
        }
    }
    p.plain("\n")?;
    if whole == Whole::Article && !a.authors.is_empty() {
        p.plain(INDENT)?;
        p.put(
            Tone::Dim,
            &format!("by {}", for_terminal(&a.authors.join(", "))),
        )?;
        p.plain("\n")?;
    }
    for passage in &a.passages {
        write_passage(p, passage, whole)?;
    }
    p.plain(INDENT)?;
    p.put(Tone::Dim, &origin(a))?;
    p.plain("\n")?;
    if !a.copies.is_empty() || a.more_copies > 0 {
        p.plain(INDENT)?;
        p.put(
            Tone::Dim,
            &format!("also as: {}", copies(&a.copies, a.more_copies)),
        )?;
        p.plain("\n")?;
    }
    p.plain("\n")
}

/// Copies named per hit in human output (the others are counted).
pub const COPIES_SHOWN: usize = 4;

/// Copies listed compactly: `id (Source, 2024-05-02)`, the first few only,
/// then how many more there are (`more`, and any of `list` beyond the few).
fn copies(list: &[CopyRef], more: usize) -> String {
    let mut parts: Vec<String> = list
        .iter()
        .take(COPIES_SHOWN)
        .map(|c| {
            let mut about = Vec::new();
            if !c.source.is_empty() {
                about.push(for_terminal(&c.source).into_owned());
            }
            if let Some(d) = c.date {
                about.push(d.format("%Y-%m-%d").to_string());
            }
            let mut name = for_terminal(&c.article_id).into_owned();
            if let Some(p) = c.passage {
                name.push_str(&format!(" ¶{}", p + 1));
            }
            if about.is_empty() {
                name
            } else {
                format!("{name} ({})", about.join(", "))
            }
        })
        .collect();
    let more = more + list.len().saturating_sub(COPIES_SHOWN);
    if more > 0 {
        parts.push(format!("and {more} more"));
    }
    parts.join("; ")
}

/// Where an article comes from: its URL or file, and its id when that says
/// something more (ids made from the file path or URL are not repeated).
fn origin(a: &ArticleHits) -> String {
    let place = if a.url.is_empty() { &a.path } else { &a.url };
    let id = &a.article_id;
    let derived = id == &a.url || id.ends_with(a.path.trim_start_matches("./"));
    if derived {
        for_terminal(place).into_owned()
    } else {
        format!("{} · id {}", for_terminal(place), for_terminal(id))
    }
}

/// `text` cut at the highlight spans: (tone, piece) in order.
fn segments<'t>(text: &'t str, spans: &[Range<usize>], base: Tone) -> Vec<(Tone, &'t str)> {
    let mut out = Vec::with_capacity(spans.len() * 2 + 1);
    let mut at = 0;
    for span in spans {
        out.push((base, &text[at..span.start]));
        out.push((Tone::Match, &text[span.clone()]));
        at = span.end;
    }
    out.push((base, &text[at..]));
    out
}

fn write_passage(p: &mut Paint<'_>, hit: &PassageHit, whole: Whole) -> io::Result<()> {
    let mut label = format!("¶{}", hit.ordinal + 1);
    if !hit.speakers.is_empty() {
        label.push_str(" · ");
        label.push_str(&for_terminal(&hit.speakers.join(", ")));
    }
    if !hit.copies.is_empty() || hit.more_copies > 0 {
        label.push_str(&format!(
            " · also in {}",
            copies(&hit.copies, hit.more_copies)
        ));
    }
    p.plain(INDENT)?;
    p.put(Tone::Dim, &label)?;
    p.plain("\n")?;
    let window = match whole {
        Whole::Hits => highlight::window(&hit.text, &hit.highlights, WINDOW_BYTES),
        Whole::Article => 0..hit.text.len(),
    };
    let spans: Vec<Range<usize>> = hit
        .highlights
        .iter()
        .filter(|s| s.start >= window.start && s.end <= window.end)
        .map(|s| s.start - window.start..s.end - window.start)
        .collect();
    // Sanitise piece by piece, remembering where each tone starts.
    let mut clean = String::with_capacity(window.len() + 8);
    let mut tones: Vec<(usize, Tone)> = Vec::new();
    if window.start > 0 {
        clean.push('…');
    }
    for (tone, piece) in segments(&hit.text[window.clone()], &spans, Tone::Plain) {
        tones.push((clean.len(), tone));
        clean.push_str(&for_terminal(piece));
    }
    if window.end < hit.text.len() {
        tones.push((clean.len(), Tone::Plain));
        clean.push('…');
    }
    write_wrapped(p, &clean, &tones)
}

/// The tone at byte `at`, given tone starts sorted by position.
fn tone_at(tones: &[(usize, Tone)], at: usize) -> Tone {
    match tones.partition_point(|(start, _)| *start <= at) {
        0 => Tone::Plain,
        i => tones[i - 1].1,
    }
}

/// Writes text wrapped to the width under the indent, in its tones; blank
/// lines inside a passage (merged paragraphs) are kept as line breaks.
fn write_wrapped(p: &mut Paint<'_>, text: &str, tones: &[(usize, Tone)]) -> io::Result<()> {
    let width = p.width.saturating_sub(INDENT.len()).max(20);
    let mut column = 0;
    let mut previous_end: Option<usize> = None;
    p.plain(INDENT)?;
    for word in text.split_whitespace() {
        let start = word.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + word.len();
        let len = word.chars().count();
        let gap = previous_end.map(|e| &text[e..start]);
        let paragraph_break = gap.is_some_and(|g| g.matches('\n').count() >= 2);
        if paragraph_break || (column > 0 && column + 1 + len > width) {
            p.plain("\n")?;
            p.plain(INDENT)?;
            column = 0;
        } else if let Some(e) = previous_end.filter(|_| column > 0) {
            // The space inside a highlighted phrase is highlighted too.
            let inside = tone_at(tones, e) == Tone::Match && tone_at(tones, start) == Tone::Match;
            p.put(if inside { Tone::Match } else { Tone::Plain }, " ")?;
            column += 1;
        }
        // The word, cut where its tone changes.
        let mut at = start;
        for &(boundary, _) in tones.iter().filter(|(b, _)| *b > start && *b < end) {
            p.put(tone_at(tones, at), &text[at..boundary])?;
            at = boundary;
        }
        p.put(tone_at(tones, at), &text[at..end])?;
        column += len;
        previous_end = Some(end);
    }
    p.plain("\n")
}

/// Writes a facet table: articles, passages, share of matching articles, value.
pub fn facets(out: &mut dyn Write, facets: &Facets, field: &str) -> io::Result<()> {
    writeln!(
        out,
        "{:>9}  {:>9}  {:>6}  {field}",
        "articles", "passages", "share"
    )?;
    for row in &facets.rows {
        writeln!(
            out,
            "{:>9}  {:>9}  {:>5.1}%  {}",
            row.articles,
            row.passages,
            row.share * 100.0,
            for_terminal(&row.value)
        )?;
    }
    Ok(())
}

/// Eighths of a block, for bars with sub-character resolution.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A bar of `value / max` of `width` characters, in Unicode blocks.
pub fn bar(value: f64, max: f64, width: usize) -> String {
    if max <= 0.0 || value <= 0.0 || width == 0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (width * 8) as f64).round() as usize;
    let eighths = eighths.max(1);
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// Writes a timeline: one row per bucket, all articles, then for each query
/// a bar (matching articles, or their share with `share`) and the number.
pub fn timeline(out: &mut dyn Write, t: &Timeline, share: bool, style: Style) -> io::Result<()> {
    let label_width = t
        .buckets
        .first()
        .map_or(10, |b| t.interval.label(b.start).len())
        .max(t.interval.name().len());
    let number = if share { 7 } else { 8 };
    let queries = t.queries.len().max(1);
    let fixed = label_width + 2 + 9;
    let bar_width = (style.width.saturating_sub(fixed) / queries)
        .saturating_sub(number + 2)
        .clamp(4, 60);
    let column = bar_width + 1 + number;
    write!(
        out,
        "{:<label_width$}  {:>8}",
        t.interval.name(),
        "articles"
    )?;
    for q in &t.queries {
        let name: String = for_terminal(crate::timeline::label(q))
            .chars()
            .take(column)
            .collect();
        write!(out, "  {name:<column$}")?;
    }
    writeln!(out)?;
    let value = |c: &crate::timeline::QueryCount| if share { c.share } else { c.articles as f64 };
    let max = t
        .buckets
        .iter()
        .flat_map(|b| b.queries.iter().map(value))
        .fold(0.0, f64::max);
    let paint = if style.color { Tone::Match.code() } else { "" };
    let reset = if style.color { RESET } else { "" };
    for b in &t.buckets {
        write!(
            out,
            "{:<label_width$}  {:>8}",
            t.interval.label(b.start),
            b.articles
        )?;
        for c in &b.queries {
            let shown = if share {
                format!("{:>6.1}%", c.share * 100.0)
            } else {
                format!("{:>8}", c.articles)
            };
            let bar = bar(value(c), max, bar_width);
            let pad = bar_width - bar.chars().count();
            write!(out, "  {paint}{bar}{reset}{:pad$} {shown}", "")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes how one article is read: metadata, passages with their speakers,
/// and every attribution with its evidence.
pub fn analysis(out: &mut dyn Write, article: &Article, prepared: &Prepared) -> io::Result<()> {
    let clean = |s: &str| for_terminal(s).replace('\n', " ");
    writeln!(out, "{}", clean(&article.path))?;
    writeln!(out, "  id        {}", clean(&article.id))?;
    for (label, value) in [
        ("title", article.title.as_str()),
        ("source", article.source.as_str()),
        ("dateline", article.dateline.as_str()),
        ("url", article.url.as_str()),
    ] {
        if !value.is_empty() {
            writeln!(out, "  {label:<9} {}", clean(value))?;
        }
    }
    let date = article
        .date
        .map_or("undated".to_string(), |d| d.to_rfc3339());
    writeln!(out, "  date      {date}")?;
    if !article.authors.is_empty() {
        writeln!(out, "  authors   {}", clean(&article.authors.join("; ")))?;
    }
    writeln!(out, "  passages  {}", prepared.passages.len())?;
    for p in &prepared.passages {
        let words = p.passage.text(&article.body).split_whitespace().count();
        write!(
            out,
            "    ¶{:<3} bytes {}..{} ({words} words)",
            p.passage.ordinal + 1,
            p.passage.range.start,
            p.passage.range.end
        )?;
        if !p.speakers.is_empty() {
            write!(out, " · {}", clean(&p.speakers.join(", ")))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "  attributions  {}", prepared.attributions.len())?;
    for a in &prepared.attributions {
        let who = a
            .speaker
            .as_ref()
            .map_or("(unknown)".to_string(), |s| match &s.role {
                Some(role) => format!("{} ({role})", s.name),
                None => s.name.clone(),
            });
        let words = |r: &Option<Range<usize>>| {
            r.as_ref()
                .and_then(|r| article.body.get(r.clone()))
                .map(|t| format!("\"{}\"", clean(t)))
        };
        // how a name was reached, when one was
        let mut how: Vec<String> = a
            .speaker
            .as_ref()
            .map(|_| a.resolved_by.as_str().to_string())
            .into_iter()
            .collect();
        if let Some(m) = words(&a.mention) {
            how.push(format!("mention {m}"));
        }
        if let Some(c) = words(&a.cue) {
            how.push(format!("cue {c}"));
        }
        let content = article.body.get(a.content.clone()).unwrap_or("");
        let excerpt: String = clean(content).chars().take(90).collect();
        let more = if content.chars().count() > 90 {
            "…"
        } else {
            ""
        };
        writeln!(
            out,
            "    {:<8} {} [{}] {}{more}",
            a.kind.as_str(),
            clean(&who),
            how.join(", "),
            excerpt
        )?;
    }
    writeln!(out)
}

/// Writes `--count` results.
pub fn counts(out: &mut dyn Write, counts: &Counts) -> io::Result<()> {
    writeln!(out, "passages: {}", counts.passages)?;
    writeln!(out, "articles: {}", counts.articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_say_when_folded_copies_leave_fewer_to_page_through() {
        let counts = Some(Counts {
            passages: 30,
            articles: 20,
        });
        let empty = SearchResults {
            articles: vec![],
            counts,
        };
        // past the last folded hit, but not past the total: say why
        let past = totals(&empty, 18, true);
        assert!(
            past.contains("fewer remain once copies are folded"),
            "{past}"
        );
        assert_eq!(
            totals(&empty, 18, false),
            "no results past article 18: 20 articles match in all"
        );
        assert_eq!(totals(&empty, 0, true), "no results");
        let page = SearchResults {
            articles: vec![hit("A ferry.", vec![])],
            counts,
        };
        assert_eq!(
            totals(&page, 0, true),
            "articles 1–1 of 20 before copies are folded (30 matching passages)"
        );
        assert_eq!(
            totals(&page, 0, false),
            "articles 1–1 of 20 (30 matching passages)"
        );
    }

    fn hit(text: &str, highlights: Vec<Range<usize>>) -> ArticleHits {
        ArticleHits {
            rank: 1,
            article_id: "a1".into(),
            title: "Port talks".into(),
            lead: String::new(),
            title_highlights: vec![],
            date: chrono::DateTime::from_timestamp(1_700_000_000, 0),
            source: "Herald".into(),
            dateline: "LAGOS".into(),
            url: String::new(),
            authors: vec![],
            path: "s/a.txt".into(),
            score: 1.0,
            passages: vec![PassageHit {
                ordinal: 0,
                score: 1.0,
                start: 0,
                end: text.len() as u64,
                text: text.into(),
                highlights,
                speakers: vec!["Ann Lee".into()],
                evidence: vec![],
                copies: vec![],
                more_copies: 0,
            }],
            copies: vec![],
            more_copies: 0,
            content_hash: None,
            minhash: None,
        }
    }

    fn render(a: ArticleHits, color: bool) -> String {
        let results = SearchResults {
            articles: vec![a],
            counts: None,
        };
        let mut out = Vec::new();
        search(&mut out, &results, Style { color, width: 40 }).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn bars_scale_to_the_maximum_in_eighths() {
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██");
        assert_eq!(bar(1.0, 16.0, 4), "▎");
        assert_eq!(bar(0.0, 10.0, 4), "");
        // Anything above zero shows.
        assert_eq!(bar(0.001, 10.0, 4), "▏");
    }

    #[test]
    fn highlights_are_coloured_only_with_colour() {
        let text = "The borders closed at dawn.";
        let span = Range { start: 4, end: 18 };
        let coloured = render(hit(text, vec![span.clone()]), true);
        assert!(
            coloured.contains("\x1b[1;31mborders closed\x1b[0m"),
            "{coloured}"
        );
        let plain = render(hit(text, vec![span]), false);
        assert!(!plain.contains('\x1b'));
        assert!(plain.contains("The borders closed at dawn."));
        assert!(plain.contains("2023-11-14 · Herald · LAGOS"));
        assert!(plain.contains("¶1 · Ann Lee"));
    }

    #[test]
    fn copies_name_the_first_few_and_count_the_rest() {
        let copy = |id: &str| CopyRef {
            article_id: id.to_string(),
            source: "Wire".to_string(),
            date: None,
            passage: None,
        };
        let named: Vec<CopyRef> = ["a", "b"].iter().map(|id| copy(id)).collect();
        assert_eq!(copies(&named, 0), "a (Wire); b (Wire)");
        // copies the search only counted
        assert_eq!(copies(&named, 3), "a (Wire); b (Wire); and 3 more");
        // named beyond what is shown count too
        let many: Vec<CopyRef> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|id| copy(id))
            .collect();
        assert!(copies(&many, 1).ends_with("d (Wire); and 3 more"));
    }

    #[test]
    fn hostile_text_is_sanitised() {
        let out = render(hit("a \x1b[2Jcleared\u{202e} b", vec![]), false);
        assert!(!out.contains('\x1b') && !out.contains('\u{202e}'));
        assert!(out.contains("a cleared b"));
    }

    #[test]
    fn text_wraps_under_the_indent() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let out = render(hit(text, vec![]), false);
        let lines: Vec<_> = out
            .lines()
            .filter(|l| l.contains("one") || l.contains("twelve"))
            .collect();
        assert!(lines.len() >= 2, "{out}");
        assert!(
            out.lines()
                .all(|l| l.chars().count() <= 40 || l.contains("id a1"))
        );
    }
}
