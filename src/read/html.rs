//! HTML pages (`.html`, `.htm`): one article per page, as a browser saves it
//! or a crawler fetches it.
//!
//! The text is the page's paragraphs (`<p>`, and the text of `<blockquote>`s
//! and `<li>`s outside one): those of its `<article>` when it has one (else
//! of its `<main>`, else of the whole page), leaving out scripts, navigation,
//! page headers and footers, asides, form controls (buttons, menus) and
//! figures. A `<form>` is read: older site builders wrap whole pages in one.
//! A page without paragraphs gives the text of its other blocks. The title,
//! date, author, source and address come from the page's metadata: Open
//! Graph and `article:` properties, `<meta name>`s, schema.org `itemprop`s,
//! `<time datetime>`, `<link rel=canonical>`, else `<h1>` and `<title>`.

use std::collections::HashMap;
use std::io::{BufRead, Read};

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use serde_json::Value;

use super::json::{Field, RawRecord};
use super::{MAX_RECORD_BYTES, Outcome, Problem, broken_stream};

/// Reads the one article of a page.
pub(super) fn read(stream: Box<dyn BufRead>, path: &str, sink: &mut dyn FnMut(Outcome)) {
    let mut bytes = Vec::new();
    if let Err(err) = stream
        .take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return sink(Err(Problem::new(path, None, broken_stream(&err))));
    }
    if bytes.len() > MAX_RECORD_BYTES {
        let reason = format!("page larger than {} MiB: skipped", MAX_RECORD_BYTES >> 20);
        return sink(Err(Problem::new(path, None, reason)));
    }
    // a page in UTF-16 says so with its byte order mark; NUL bytes otherwise are no text
    let utf16 = matches!(Encoding::for_bom(&bytes), Some((e, _)) if e == UTF_16LE || e == UTF_16BE);
    if !utf16 && let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let reason = "binary data (NUL byte): not an HTML page".to_string();
        return sink(Err(Problem::new(path, Some(line), reason)));
    }
    let page = Page::parse(&decode(&bytes));
    sink(page.into_article(path))
}

/// The page's text. Valid UTF-8 is read as UTF-8 whatever the page
/// declares (text in another encoding is almost never valid UTF-8, and a
/// page saved again as UTF-8 often keeps its old declaration); otherwise the
/// byte order mark or the `<meta charset>` of its first 1024 bytes says how
/// (Shift_JIS, GBK, windows-1251, ...), and a page that declares nothing is
/// read as windows-1252, the encoding of most older English-language pages
/// that are not UTF-8 (it also reads ISO 8859-1, as browsers do).
fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return std::borrow::Cow::Borrowed(text);
    }
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (declared_encoding(bytes).unwrap_or(WINDOWS_1252), 0),
    };
    let body = bytes.get(bom..).unwrap_or_default();
    encoding.decode_without_bom_handling(body).0
}

/// The encoding a page's `<meta charset="...">` or `<meta http-equiv=
/// "Content-Type" content="...; charset=...">` names in its first 1024 bytes
/// (where the HTML standard looks), by the standard's labels. A declared
/// UTF-16 means UTF-8 (a page that has got this far is not UTF-16), and so
/// does UTF-8 itself here: the bytes were not valid UTF-8. Neither, nor a
/// label of the replacement encoding, counts as a declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes).to_ascii_lowercase();
    let mut rest = head.as_slice();
    while let Some(at) = find(rest, b"<meta") {
        let tag = &rest[at..];
        let tag = &tag[..find(tag, b">").unwrap_or(tag.len())];
        if let Some(label) = charset_in(tag)
            && let Some(encoding) = Encoding::for_label(label)
        {
            // the standard's "replacement" encoding (ISO-2022-KR, HZ, ...) would
            // turn the whole page into one U+FFFD: read it as undeclared
            let unusable = [UTF_8, UTF_16LE, UTF_16BE, REPLACEMENT];
            return (!unusable.contains(&encoding)).then_some(encoding);
        }
        rest = &rest[at + 5..];
    }
    None
}

/// The value after `charset` (and `=`, spaces and an opening quote) in a tag.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let after = tag[at + 7..].trim_ascii_start().strip_prefix(b"=")?;
    let value = after.trim_ascii_start();
    let value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|label| !label.is_empty())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Elements whose text is not the article's.
const SKIPPED: &[&[u8]] = &[
    b"script",
    b"style",
    b"noscript",
    b"template",
    b"svg",
    b"nav",
    b"header",
    b"footer",
    b"aside",
    b"button",
    b"select",
    b"figure",
    b"iframe",
    b"menu",
];

/// Skipped elements tracked by name, nested at most this deep.
const MAX_SKIPPED: usize = 64;

/// Elements that end a block of text (for pages without paragraphs).
const BLOCKS: &[&[u8]] = &[
    b"p",
    b"div",
    b"section",
    b"article",
    b"main",
    b"li",
    b"ul",
    b"ol",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"blockquote",
    b"table",
    b"tr",
    b"td",
    b"br",
    b"hr",
    b"dd",
    b"dt",
    b"pre",
    b"body",
];

/// Where text goes while it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    H1,
}

/// What a page holds that an article is made of.
#[derive(Debug, Default)]
struct Page {
    /// `<meta>` contents by lower-cased `property`, `name` or `itemprop` (the first of each).
    meta: HashMap<String, String>,
    canonical: Option<String>,
    title: String,
    h1: String,
    /// `datetime` of `<time>`s inside the article, and anywhere.
    article_time: Option<String>,
    time: Option<String>,
    /// Paragraphs of each `<article>` (nested ones count with the outermost) and of the
    /// `<main>`s, each with whether it is a `<p>` (else a `<blockquote>` or `<li>`, kept
    /// with the `<p>`s of its container only), and the `<p>`s of the whole page.
    articles: Vec<Vec<(String, bool)>>,
    main: Vec<(String, bool)>,
    all: Vec<String>,
    /// Text of the blocks outside paragraphs, for pages that have none.
    blocks: Vec<String>,
}

impl Page {
    fn parse(html: &str) -> Page {
        let mut emitter = DefaultEmitter::default();
        // the text of <script>, <style> and <title> is read as text, not as tags
        emitter.naively_switch_states(true);
        let mut page = Page::default();
        // the skipped elements open around the current token, innermost last
        let mut skipping: Vec<Vec<u8>> = Vec::new();
        // skipped elements opened beyond MAX_SKIPPED deep, counted only: a page of
        // endless unclosed <nav>s must not make every end tag search a long stack
        let mut deeper = 0usize;
        let (mut in_article, mut in_main) = (0usize, 0usize);
        let mut paragraph: Option<String> = None;
        // the open paragraph is a <blockquote> or <li>, not a <p>
        let mut weak = false;
        let mut block = String::new();
        let mut into: Option<(Capture, String)> = None;
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = tag.name.as_slice();
                    let attr = |key: &[u8]| {
                        tag.attributes
                            .get(key)
                            .map(|v| String::from_utf8_lossy(v).trim().to_string())
                    };
                    match name {
                        b"meta" => {
                            let key = attr(b"property")
                                .or_else(|| attr(b"name"))
                                .or_else(|| attr(b"itemprop"));
                            if let (Some(key), Some(content)) = (key, attr(b"content"))
                                && !content.is_empty()
                            {
                                page.meta.entry(key.to_lowercase()).or_insert(content);
                            }
                        }
                        b"link"
                            if attr(b"rel")
                                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                        {
                            page.canonical = page.canonical.take().or_else(|| attr(b"href"));
                        }
                        b"time" => {
                            if let Some(when) = attr(b"datetime").filter(|w| !w.is_empty()) {
                                if in_article > 0 && page.article_time.is_none() {
                                    page.article_time = Some(when.clone());
                                }
                                page.time.get_or_insert(when);
                            }
                        }
                        _ => {}
                    }
                    if tag.self_closing || is_void(name) {
                        if BLOCKS.contains(&name) {
                            page.end_block(&mut block);
                        }
                        if name == b"br"
                            && let Some(p) = paragraph.as_mut()
                        {
                            p.push(' ');
                        }
                        continue;
                    }
                    if name == b"h1" && page.h1.is_empty() && into.is_none() {
                        // the headline, often in the article's <header>
                        into = Some((Capture::H1, String::new()));
                    }
                    if SKIPPED.contains(&name) {
                        if skipping.len() < MAX_SKIPPED {
                            skipping.push(name.to_vec());
                        } else {
                            deeper += 1;
                        }
                        continue;
                    }
                    if !skipping.is_empty() {
                        continue;
                    }
                    match name {
                        b"article" => {
                            if in_article == 0 {
                                page.articles.push(Vec::new());
                            }
                            in_article += 1;
                        }
                        b"main" => in_main += 1,
                        b"title" => into = Some((Capture::Title, String::new())),
                        _ => {}
                    }
                    if BLOCKS.contains(&name) {
                        // a new block ends an open paragraph (`<p>` needs no end tag)
                        page.end_paragraph(&mut paragraph, weak, in_article, in_main);
                        page.end_block(&mut block);
                    }
                    // a quotation or a list item of the story is a paragraph of it, written
                    // with or without a <p> inside
                    if matches!(name, b"p" | b"blockquote" | b"li") {
                        paragraph = Some(String::new());
                        weak = name != b"p";
                    }
                }
                Token::EndTag(tag) => {
                    let name = tag.name.as_slice();
                    if name == b"h1"
                        && let Some((Capture::H1, text)) = into.take()
                    {
                        page.h1 = collapse(&text);
                    }
                    if deeper > 0 && SKIPPED.contains(&name) {
                        deeper -= 1;
                        continue;
                    }
                    if let Some(at) = skipping.iter().rposition(|open| open == name) {
                        skipping.truncate(at);
                        // "Intro<nav>…</nav>Outro" are two words
                        match paragraph.as_mut() {
                            Some(p) => p.push(' '),
                            None => block.push(' '),
                        }
                        continue;
                    }
                    if !skipping.is_empty() {
                        continue;
                    }
                    if name == b"title"
                        && let Some((Capture::Title, text)) = into.take()
                    {
                        page.title = collapse(&text);
                    }
                    if BLOCKS.contains(&name) {
                        page.end_paragraph(&mut paragraph, weak, in_article, in_main);
                        page.end_block(&mut block);
                    }
                    match name {
                        b"article" => in_article = in_article.saturating_sub(1),
                        b"main" => in_main = in_main.saturating_sub(1),
                        _ => {}
                    }
                }
                Token::String(text) => {
                    let text = String::from_utf8_lossy(&text);
                    if let Some((what, into)) = into.as_mut() {
                        into.push_str(&text);
                        if *what == Capture::Title {
                            // the page's title is not part of its text
                            continue;
                        }
                    }
                    if !skipping.is_empty() {
                        continue;
                    }
                    match paragraph.as_mut() {
                        Some(p) => p.push_str(&text),
                        None => block.push_str(&text),
                    }
                }
                _ => {}
            }
        }
        page.end_paragraph(&mut paragraph, weak, in_article, in_main);
        page.end_block(&mut block);
        page
    }

    /// Ends the open paragraph; `weak` when it is a `<blockquote>` or `<li>`: its text
    /// joins its `<article>` or `<main>` (which count only with a `<p>` of their own: a
    /// list is no story) and the blocks of a page without paragraphs, not the page's `<p>`s.
    fn end_paragraph(
        &mut self,
        paragraph: &mut Option<String>,
        weak: bool,
        in_article: usize,
        in_main: usize,
    ) {
        let Some(text) = paragraph.take() else {
            return;
        };
        let text = collapse(&text);
        if text.is_empty() {
            return;
        }
        if in_article > 0
            && let Some(group) = self.articles.last_mut()
        {
            group.push((text.clone(), !weak));
        }
        if in_main > 0 {
            self.main.push((text.clone(), !weak));
        }
        if weak {
            self.blocks.push(text);
        } else {
            self.all.push(text);
        }
    }

    fn end_block(&mut self, block: &mut String) {
        let text = collapse(block);
        block.clear();
        if !text.is_empty() {
            self.blocks.push(text);
        }
    }

    /// The first of the `<meta>` keys the page has.
    fn meta(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.meta.get(*k))
            .map(String::as_str)
    }

    fn into_article(self, path: &str) -> Outcome {
        // of several <article>s (a story and teasers of others), the one with the most
        // text; an <article> or <main> holding less than half the page's paragraphs is a
        // teaser beside a story told elsewhere
        // the text of a container's <p>s (its blockquotes and list items do not count)
        let size = |p: &Vec<(String, bool)>| {
            p.iter()
                .filter(|(_, strong)| *strong)
                .map(|(t, _)| t.len())
                .sum::<usize>()
        };
        let whole = self.all.iter().map(String::len).sum::<usize>();
        let article = self.articles.iter().max_by_key(|group| size(group));
        let body = [article, Some(&self.main)]
            .into_iter()
            .flatten()
            .find(|p| size(p) > 0 && 2 * size(p) >= whole)
            .map(|p| {
                p.iter()
                    .map(|(t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .or_else(|| {
                [&self.all, &self.blocks]
                    .into_iter()
                    .find(|p| !p.is_empty())
                    .map(|p| p.join("\n\n"))
            })
            .unwrap_or_default();
        let title = self
            .meta(&["og:title", "twitter:title", "headline"])
            .map(str::to_string)
            .or_else(|| (!self.h1.is_empty()).then(|| self.h1.clone()))
            .unwrap_or_else(|| self.title.clone());
        if body.is_empty() && title.is_empty() {
            return Err(Problem::new(path, None, "no article text in the page"));
        }
        let date = self
            .meta(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
            ])
            .map(str::to_string)
            .or_else(|| self.article_time.clone())
            .or_else(|| self.time.clone());
        // "By Ann Lee and Bo Berg", "Ann Lee, Bo Berg"
        let authors: Vec<Value> = self
            .meta(&["author", "article:author", "byl", "dc.creator"])
            .filter(|a| !a.starts_with("http"))
            .map(|a| a.trim_start_matches("By ").trim_start_matches("by "))
            .map(|a| {
                // "Lee, Ann" is one name written surname first; "Ann Lee, Bo Berg" two
                let commas = a
                    .split(',')
                    .all(|part| part.split_whitespace().count() >= 2);
                a.split(|c| c == ';' || (commas && c == ','))
                    .flat_map(|part| part.split(" and "))
                    .map(|name| Value::String(name.trim().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let source = self.meta(&["og:site_name", "application-name", "publisher"]);
        // an address relative to a site unnamed here identifies nothing
        let absolute = |u: &&str| u.starts_with("http://") || u.starts_with("https://");
        let url = self
            .canonical
            .as_deref()
            .filter(absolute)
            .or_else(|| self.meta(&["og:url"]).filter(absolute))
            .map(str::to_string);
        let mut raw = RawRecord::default();
        let text = |s: &str| Value::String(s.to_string());
        raw.set(Field::Body, 0, text(&body));
        raw.set(Field::Title, 0, text(&title));
        if let Some(date) = date {
            raw.set(Field::Date, 0, text(&date));
        }
        if !authors.is_empty() {
            raw.set(Field::Author, 0, Value::Array(authors));
        }
        if let Some(source) = source {
            raw.set(Field::Source, 0, text(source));
        }
        if let Some(url) = url {
            raw.set(Field::Url, 0, text(&url));
        }
        let mut record = raw.into_article(path, None, super::id_base(path))?;
        if body.is_empty() {
            let reason = "no text found in the page: indexed by its title only";
            match record.warning.as_mut() {
                Some(w) => w.reason = format!("{}; {reason}", w.reason),
                None => record.warning = Some(Problem::new(path, None, reason)),
            }
        }
        Ok(record)
    }
}

/// HTML's void elements: never closed.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// White space collapsed to single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::charset_in;
    use crate::read::{Format, Outcome, read_bytes};

    fn read(html: &str) -> Outcome {
        let mut out = read_bytes(Format::Html, html.as_bytes(), "page.html");
        assert_eq!(out.len(), 1);
        out.remove(0)
    }

    const PAGE: &str = r#"<!doctype html>
<html lang="en"><head>
<title>Ferry fares rise | Harbour Herald</title>
<meta property="og:title" content="Ferry fares rise by a fifth">
<meta property="og:site_name" content="Harbour Herald">
<meta property="article:published_time" content="2024-03-02T08:30:00+01:00">
<meta name="author" content="By Ann Lee and Bo Berg">
<link rel="canonical" href="https://herald.example/ferry-fares">
<script>var p = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><p>Home</p><p>World</p></nav></header>
<main><article>
<h1>Ferry fares rise</h1>
<p>The ferry board raised fares by a fifth on Friday, &amp; commuters
   protested at the quay.</p>
<figure><img src="q.jpg"><figcaption><p>The quay on Friday.</p></figcaption></figure>
<p>&ldquo;We had no choice,&rdquo; said <a href="/p/moe">Ada Moe</a>, the board's chair.<br>She said costs had doubled.
<aside><p>Read more: bridges</p></aside>
<p>Fares will be reviewed in June.</p>
</article></main>
<footer><p>&copy; Harbour Herald</p></footer>
</body></html>"#;

    #[test]
    fn a_page_gives_its_article_s_paragraphs_and_metadata() {
        let record = read(PAGE).expect("an article");
        let a = &record.article;
        assert_eq!(a.title, "Ferry fares rise by a fifth");
        assert_eq!(a.source, "Harbour Herald");
        assert_eq!(a.authors, ["Ann Lee", "Bo Berg"]);
        assert_eq!(a.url, "https://herald.example/ferry-fares");
        assert_eq!(a.id, "https://herald.example/ferry-fares");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-03-02T07:30:00+00:00")
        );
        assert_eq!(
            a.body,
            "The ferry board raised fares by a fifth on Friday, & commuters protested at the quay.\n\n\
             “We had no choice,” said Ada Moe, the board's chair. She said costs had doubled.\n\n\
             Fares will be reviewed in June."
        );
        assert!(record.warning.is_none());
    }

    #[test]
    fn without_metadata_the_headings_and_times_stand_in() {
        let html = "<html><head><title>Storm closes port</title></head><body>\
            <h1>Storm closes the port</h1><p>Posted <time datetime=\"2023-11-05\">Sunday</time></p>\
            <p>The port closed at noon.</p></body></html>";
        let a = read(html).expect("an article").article;
        assert_eq!(a.title, "Storm closes the port");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2023-11-05T00:00:00+00:00")
        );
        assert_eq!(a.body, "Posted Sunday\n\nThe port closed at noon.");
        // the identity of a page without an address is its file
        assert!(a.id.ends_with("page.html"), "{}", a.id);
    }

    #[test]
    fn the_title_element_is_the_last_resort_for_a_title() {
        let html = "<html><head><title>Storm closes port | Coastal Times</title></head>\
            <body><p>The port closed at noon.</p></body></html>";
        let a = read(html).expect("an article").article;
        assert_eq!(a.title, "Storm closes port | Coastal Times");
        assert_eq!(a.body, "The port closed at noon.");
        let html = "<title>Storm closes port</title><div>The port closed at noon.</div>";
        let a = read(html).expect("an article").article;
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Storm closes port", "The port closed at noon.")
        );
    }

    #[test]
    fn a_page_without_paragraphs_gives_its_blocks() {
        let html = "<body><div>The port closed at noon.</div><div>It reopens <b>Monday</b>.</div>\
            <script>track()</script></body>";
        let a = read(html).expect("an article").article;
        assert_eq!(a.body, "The port closed at noon.\n\nIt reopens Monday.");
    }

    #[test]
    fn endless_nesting_is_read_in_linear_time() {
        // a million unclosed <nav>s, then as many stray end tags: with every end
        // tag searching every open element, this test would run for hours
        let mut html = "<p>Before.</p>".to_string();
        html.push_str(&"<nav>".repeat(1_000_000));
        html.push_str(&"</div>".repeat(1_000_000));
        let a = read(&html).expect("an article").article;
        assert_eq!(a.body, "Before.");
    }

    #[test]
    fn the_pages_of_real_sites_read_well() {
        // a page wrapped in one <form> (older site builders), a headline in the article's
        // <header>, a relative canonical address, an author written surname first
        let html = "<html><head><link rel=canonical href=\"/news/storm\">\
            <meta name=author content=\"Lee, Ann\"></head><body><form action=/post>\
            <article><header><h1>Storm closes port</h1></header>\
            <p>Intro<nav>Home</nav>Outro.</p><p>The port closed at noon.</p></article>\
            </form></body></html>";
        let record = read(html).expect("an article");
        let a = &record.article;
        assert_eq!(a.title, "Storm closes port");
        assert_eq!(a.body, "Intro Outro.\n\nThe port closed at noon.");
        assert_eq!(a.authors, ["Lee, Ann"]);
        assert!(a.url.is_empty() && a.id.ends_with("page.html"), "{}", a.id);
        // teasers in <article>s lose to a story told in a <div>, and to a longer <article>
        let html = "<div><p>The story itself, told at length over a long paragraph.</p></div>\
            <section><article><p>Teaser one.</p></article><article><p>Teaser two.</p></article></section>";
        let a = read(html).expect("an article").article;
        assert!(a.body.starts_with("The story itself"), "{}", a.body);
        let html = "<article><p>Short teaser.</p></article>\
            <article><p>The story itself, told at length.</p><p>And more of it.</p></article>";
        let a = read(html).expect("an article").article;
        assert_eq!(
            a.body,
            "The story itself, told at length.\n\nAnd more of it."
        );
    }

    #[test]
    fn a_blockquote_or_list_item_beside_paragraphs_is_text() {
        let html = "<article><p>The mayor spoke on Monday.</p>\
            <blockquote>\"We will reopen the border next week,\" said Ana Bell.</blockquote>\
            <ul><li>Ferries resume on Friday.</li></ul>\
            <blockquote><p>A quoted paragraph.</p></blockquote><p>The end.</p></article>";
        let a = read(html).expect("an article").article;
        assert_eq!(
            a.body,
            "The mayor spoke on Monday.\n\n\"We will reopen the border next week,\" said Ana \
             Bell.\n\nFerries resume on Friday.\n\nA quoted paragraph.\n\nThe end."
        );
        // a list is no story: a page without <p>s still gives all its blocks
        let html = "<body><ul><li>Home</li><li>News</li></ul>\
            <div>The council voted to close the bridge.<br>Repairs start in May.</div></body>";
        let a = read(html).expect("an article").article;
        assert!(a.body.contains("The council voted"), "{}", a.body);
        // and a long list beside the story does not make the story a teaser
        let rail: String = (0..30)
            .map(|i| format!("<li>Headline number {i}</li>"))
            .collect();
        let html = format!(
            "<article><p>The story, first paragraph.</p><p>Its second.</p></article>\
             <div><ul>{rail}</ul></div>"
        );
        let a = read(&html).expect("an article").article;
        assert_eq!(a.body, "The story, first paragraph.\n\nIts second.");
    }

    #[test]
    fn a_page_in_windows_1252_reads_its_quotes_and_accents() {
        let bytes = b"<p>\x93We will,\x94 said the caf\xe9 owner \x96 twice.</p>";
        let out = read_bytes(Format::Html, bytes, "page.html");
        let a = &out[0].as_ref().expect("an article").article;
        assert_eq!(
            a.body,
            "\u{201c}We will,\u{201d} said the caf\u{e9} owner \u{2013} twice."
        );
    }

    #[test]
    fn a_page_is_read_in_the_encoding_it_declares() {
        let body = |bytes: &[u8]| {
            let out = read_bytes(Format::Html, bytes, "page.html");
            out[0].as_ref().expect("an article").article.body.clone()
        };
        // Shift_JIS: "東京" is 93 8c 8b 9e
        let sjis =
            b"<html><head><meta charset=\"Shift_JIS\"></head><body><p>\x93\x8c\x8b\x9e now</p>";
        assert_eq!(body(sjis), "\u{6771}\u{4eac} now");
        // the older http-equiv form, a label in capitals, no quotes
        let cyrillic = b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=windows-1251'>\
                         <p>\xcc\xee\xf1\xea\xe2\xe0 said</p>";
        assert_eq!(
            body(cyrillic),
            "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430} said"
        );
        // a byte order mark wins over what the page says
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(
                "<p>Zo\u{eb} spoke</p>"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert_eq!(body(&utf16), "Zo\u{eb} spoke");
        // valid UTF-8 stays UTF-8 whatever the page declares
        let resaved = "<meta charset=iso-8859-1><p>Zo\u{eb} spoke</p>".as_bytes();
        assert_eq!(body(resaved), "Zo\u{eb} spoke");
        // a declared UTF-8 that is not: windows-1252, as with no declaration
        let wrong = b"<meta charset=utf-8><p>caf\xe9 open</p>";
        assert_eq!(body(wrong), "caf\u{e9} open");
        // a label of the standard's replacement encoding: as if undeclared
        let replaced = b"<meta charset=iso-2022-kr><p>caf\xe9 open</p>";
        assert_eq!(body(replaced), "caf\u{e9} open");
        // a declaration past the first 1024 bytes is not looked for
        let mut late = b"<p>caf\xe9</p>".to_vec();
        late.extend(std::iter::repeat_n(b' ', 1100));
        late.extend(b"<meta charset=windows-1251>");
        assert_eq!(body(&late), "caf\u{e9}");
    }

    #[test]
    fn a_charset_is_read_from_either_form_of_meta() {
        assert_eq!(charset_in(b"<meta charset=\"gbk\""), Some(&b"gbk"[..]));
        assert_eq!(
            charset_in(b"<meta charset = 'koi8-r' /"),
            Some(&b"koi8-r"[..])
        );
        assert_eq!(
            charset_in(b"<meta http-equiv=\"content-type\" content=\"text/html; charset=euc-kr\""),
            Some(&b"euc-kr"[..])
        );
        assert_eq!(
            charset_in(b"<meta name=\"description\" content=\"x\""),
            None
        );
        assert_eq!(charset_in(b"<meta charset=\"\""), None);
    }

    #[test]
    fn a_page_with_a_title_and_no_text_is_kept_with_a_warning() {
        let record =
            read("<html><head><title>Gallery</title></head><body><nav>x</nav></body></html>")
                .expect("kept");
        assert_eq!(record.article.title, "Gallery");
        let warning = record.warning.expect("warned");
        assert_eq!(
            warning.to_string(),
            "page.html: no text found in the page: indexed by its title only"
        );
    }

    #[test]
    fn binary_data_is_no_page() {
        let mut bytes = b"<p>Looks like a page".to_vec();
        bytes.extend_from_slice(&[0, 1, 2, 0xff, b'\n']);
        let mut got = read_bytes(Format::Html, &bytes, "b.html");
        let problem = got.pop().and_then(|o| o.err()).expect("refused");
        assert!(problem.to_string().contains("binary data"), "{problem}");
    }

    #[test]
    fn a_page_without_text_is_refused() {
        let problem = read("<html><body><nav><p>Home</p></nav></body></html>").expect_err("empty");
        assert_eq!(
            problem.to_string(),
            "page.html: no article text in the page"
        );
        let bytes = b"<p>caf\xe9 on the quay</p>";
        let out = read_bytes(Format::Html, bytes, "page.html");
        assert_eq!(
            out[0].as_ref().expect("kept").article.body,
            // not UTF-8: read as windows-1252
            "caf\u{e9} on the quay"
        );
    }
}
