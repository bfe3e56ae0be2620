//! Human output: ranked articles with their highlighted passages, wrapped to
//! the terminal, every piece of article text sanitised first.

use std::io::{self, Write};
use std::ops::Range;

use super::Style;
use crate::highlight;
use crate::sanitize::for_terminal;
use crate::search::{ArticleHits, Counts, PassageHit, SearchResults};

/// Longest stretch of a passage shown, in bytes; longer passages are shown as
/// a window around their best matches.
pub const WINDOW_BYTES: usize = 480;
const INDENT: &str = "   ";

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// Styled output: runs of text in one style are merged before they are
/// written, so a highlighted phrase is one coloured span.
struct Paint<'a> {
    style: Style,
    out: &'a mut dyn Write,
    code: &'static str,
    run: String,
}

impl<'a> Paint<'a> {
    fn new(out: &'a mut dyn Write, style: Style) -> Paint<'a> {
        Paint {
            style,
            out,
            code: "",
            run: String::new(),
        }
    }

    fn styled(&mut self, code: &'static str, text: &str) -> io::Result<()> {
        let code = if self.style.color { code } else { "" };
        if text.is_empty() {
            return Ok(());
        }
        if code != self.code {
            self.flush()?;
            self.code = code;
        }
        self.run.push_str(text);
        Ok(())
    }

    fn plain(&mut self, text: &str) -> io::Result<()> {
        self.styled("", text)
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.run.is_empty() {
            if self.code.is_empty() {
                self.out.write_all(self.run.as_bytes())?;
            } else {
                write!(self.out, "{}{}{RESET}", self.code, self.run)?;
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
        write_article(&mut paint, article)?;
    }
    paint.flush()
}

/// A one-line description of how many results there are, for stderr.
pub fn totals(results: &SearchResults, offset: usize) -> String {
    let shown = results.articles.len();
    let Counts { passages, articles } = results.counts;
    if shown == 0 {
        return format!("no results ({passages} passages in {articles} articles matched)");
    }
    format!(
        "articles {}–{} of {} ({} matching passages)",
        offset + 1,
        offset + shown,
        articles,
        passages
    )
}

fn write_article(p: &mut Paint<'_>, a: &ArticleHits) -> io::Result<()> {
    p.styled(BOLD, &format!("{}.", a.rank))?;
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
    p.plain(" ")?;
    p.styled(DIM, &meta.join(" · "))?;
    p.plain("\n")?;
    // Title, or the first words of the article when it has none.
    p.plain(INDENT)?;
    if a.title.is_empty() {
        p.styled(DIM, &format!("(untitled) {}", for_terminal(&a.lead)))?;
    } else {
        write_marked(p, &a.title, &a.title_highlights, BOLD)?;
    }
    p.plain("\n")?;
    for passage in &a.passages {
        write_passage(p, passage)?;
    }
    p.plain(INDENT)?;
    p.styled(DIM, &origin(a))?;
    p.plain("\n")?;
    p.plain("\n")
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

fn write_passage(p: &mut Paint<'_>, hit: &PassageHit) -> io::Result<()> {
    let mut label = format!("¶{}", hit.ordinal + 1);
    if !hit.speakers.is_empty() {
        label.push_str(" · ");
        label.push_str(&for_terminal(&hit.speakers.join(", ")));
    }
    p.plain(INDENT)?;
    p.styled(DIM, &label)?;
    p.plain("\n")?;
    let window = highlight::window(&hit.text, &hit.highlights, WINDOW_BYTES);
    let spans: Vec<Range<usize>> = hit
        .highlights
        .iter()
        .filter(|s| s.start >= window.start && s.end <= window.end)
        .map(|s| s.start - window.start..s.end - window.start)
        .collect();
    let mut shown = String::new();
    if window.start > 0 {
        shown.push('…');
    }
    let lead = shown.len();
    shown.push_str(&hit.text[window.clone()]);
    if window.end < hit.text.len() {
        shown.push('…');
    }
    let spans: Vec<_> = spans.iter().map(|s| s.start + lead..s.end + lead).collect();
    write_wrapped(p, &shown, &spans)
}

/// Writes `text` with `spans` in `code` (or the match colour), no wrapping.
fn write_marked(
    p: &mut Paint<'_>,
    text: &str,
    spans: &[Range<usize>],
    base: &'static str,
) -> io::Result<()> {
    let mut at = 0;
    for span in spans {
        p.styled(
            base,
            &for_terminal(&text[at..span.start]).replace('\n', " "),
        )?;
        p.styled(MATCH, &for_terminal(&text[span.clone()]).replace('\n', " "))?;
        at = span.end;
    }
    p.styled(base, &for_terminal(&text[at..]).replace('\n', " "))
}

/// Writes passage text wrapped to the style's width under the indent, with
/// highlighted spans; paragraph breaks inside a passage are kept.
fn write_wrapped(p: &mut Paint<'_>, text: &str, spans: &[Range<usize>]) -> io::Result<()> {
    let width = p.style.width.saturating_sub(INDENT.len()).max(20);
    for (line_no, paragraph) in crate::passage::paragraphs(text).into_iter().enumerate() {
        if line_no > 0 {
            p.plain("\n")?;
        }
        let mut column = 0;
        let mut previous_end = None;
        p.plain(INDENT)?;
        for word in words(text, paragraph) {
            let len = text[word.clone()].chars().count();
            if column > 0 && column + 1 + len > width {
                p.plain("\n")?;
                p.plain(INDENT)?;
                column = 0;
            } else if column > 0 {
                // The space inside a highlighted phrase is highlighted too.
                let inside = previous_end.is_some_and(|end: usize| {
                    spans.iter().any(|s| s.start < end && s.end > word.start)
                });
                p.styled(if inside { MATCH } else { "" }, " ")?;
                column += 1;
            }
            previous_end = Some(word.end);
            write_word(p, text, word, spans)?;
            column += len;
        }
        p.plain("\n")?;
    }
    Ok(())
}

fn words(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    text[range].split_whitespace().map(move |w| {
        let start = w.as_ptr() as usize - text.as_ptr() as usize;
        debug_assert!(start >= base);
        start..start + w.len()
    })
}

/// Writes one word, colouring the parts of it inside highlight spans.
fn write_word(
    p: &mut Paint<'_>,
    text: &str,
    word: Range<usize>,
    spans: &[Range<usize>],
) -> io::Result<()> {
    let mut at = word.start;
    for span in spans
        .iter()
        .filter(|s| s.start < word.end && s.end > word.start)
    {
        let start = span.start.max(word.start);
        let end = span.end.min(word.end);
        p.styled("", &for_terminal(&text[at..start]))?;
        p.styled(MATCH, &for_terminal(&text[start..end]))?;
        at = end;
    }
    p.styled("", &for_terminal(&text[at..word.end]))
}

/// Writes `--count` results.
pub fn counts(out: &mut dyn Write, counts: &Counts) -> io::Result<()> {
    writeln!(out, "passages: {}", counts.passages)?;
    writeln!(out, "articles: {}", counts.articles)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            }],
        }
    }

    fn render(a: ArticleHits, color: bool) -> String {
        let results = SearchResults {
            articles: vec![a],
            counts: Counts {
                passages: 1,
                articles: 1,
            },
        };
        let mut out = Vec::new();
        search(&mut out, &results, Style { color, width: 40 }).unwrap();
        String::from_utf8(out).unwrap()
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
