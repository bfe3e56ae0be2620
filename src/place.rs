//! Datelines: the place a wire story was filed from, as written at the start of
//! its first paragraph (`BAKU, Azerbaijan, June 23.`, `GENEVA, May 14 (Reuters) -`,
//! `LAGOS (AFP) —`). The dateline stays in the text; its place is stored, and
//! the agency in parentheses, if any, serves as the source when none is given.

/// Longest dateline considered, in bytes: datelines are short.
const MAX_DATELINE: usize = 120;

/// A dateline found at the start of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// "BAKU, Azerbaijan"
    pub place: String,
    /// "Reuters" in `GENEVA (Reuters) -`.
    pub agency: Option<String>,
}

/// The dateline at the start of `body`, if there is one.
pub fn detect(body: &str) -> Option<Dateline> {
    find(body).map(|(dateline, _)| dateline)
}

/// Where the text after the dateline at the start of `body` begins (a byte
/// offset, past the dash or period that ends the dateline), if there is one.
pub fn end(body: &str) -> Option<usize> {
    find(body).map(|(_, end)| end)
}

fn find(body: &str) -> Option<(Dateline, usize)> {
    let text = body.trim_start();
    let mut head_end = text.len().min(MAX_DATELINE);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let head = head.split('\n').next().unwrap_or(head);
    let (lead, marker) = split_at_marker(head)?;
    let mut parts = lead.split(',').map(str::trim).collect::<Vec<_>>();
    let has_date = parts.last().is_some_and(|p| is_month_day(p));
    if has_date {
        parts.pop();
    }
    let (place, regions) = parts.split_first()?;
    if !is_place(place) || !regions.iter().all(|r| is_region(r)) || is_slug(place) {
        return None;
    }
    let trusted = is_all_caps(place) || has_date || marker == Marker::Agency;
    if !trusted {
        return None;
    }
    let mut out = place.to_string();
    for r in regions {
        out.push_str(", ");
        out.push_str(r);
    }
    let rest = &head[lead.len()..];
    let agency = (marker == Marker::Agency)
        .then(|| last_parenthetical(rest))
        .flatten();
    let after = match marker {
        Marker::Agency => skip_parentheticals(rest),
        Marker::Dash | Marker::Period => rest.trim_start(),
    };
    let after = after.trim_start_matches(['-', '—', '–', '.']).trim_start();
    let end = body.len() - text.len() + head.len() - after.len();
    Some((Dateline { place: out, agency }, end))
}

/// The last `(...)` of a run of parentheticals: the agency in
/// `Nagpur (India) (AFP) –`.
fn last_parenthetical(mut rest: &str) -> Option<String> {
    let mut last = None;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('(').and_then(|r| r.split_once(')')) {
            Some((inside, after)) => {
                last = Some(inside.trim().to_string()).filter(|s| !s.is_empty());
                rest = after;
            }
            None => return last,
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Marker {
    /// `(Agency)` then a dash, or the end of the dateline.
    Agency,
    /// A dash: `PLACE -`, `PLACE —`.
    Dash,
    /// A period after a month and day: `BAKU, Azerbaijan, June 23.`
    Period,
}

/// Splits the head of a paragraph into the dateline's lead (place, regions, date)
/// and what ended it.
fn split_at_marker(head: &str) -> Option<(&str, Marker)> {
    let dash = first_dash(head);
    let paren = find_pair(head, b" (").filter(|&p| {
        // An agency parenthetical must be followed (after more parentheticals) by a dash.
        let rest = &head[p..];
        let after = skip_parentheticals(rest);
        after.starts_with(['-', '—', '–'])
    });
    let period = find_pair(head, b". ").filter(|&p| {
        head[..p]
            .rsplit(',')
            .next()
            .is_some_and(|last| is_month_day(last.trim()))
    });
    [
        (paren, Marker::Agency),
        (dash, Marker::Dash),
        (period, Marker::Period),
    ]
    .into_iter()
    .filter_map(|(at, m)| at.map(|at| (at, m)))
    .min_by_key(|(at, _)| *at)
    .map(|(at, m)| (&head[..at], m))
}

/// Where the first dash that may end a dateline starts: ` - `, ` -- `, or an
/// em or en dash, spaced or not. One pass over the bytes (every article's
/// head is read twice, and a substring search per pattern cost more than
/// the rest of the dateline's recognition).
fn first_dash(head: &str) -> Option<usize> {
    const DASHES: [&str; 6] = [" - ", " -- ", " — ", " – ", "—", "–"];
    let bytes = head.as_bytes();
    (0..bytes.len()).find(|&i| {
        let rest = &bytes[i..];
        matches!(rest.first(), Some(b' ' | 0xe2))
            && DASHES.iter().any(|d| rest.starts_with(d.as_bytes()))
    })
}

/// Where the two ASCII bytes `pair` first occur in `head`.
fn find_pair(head: &str, pair: &[u8; 2]) -> Option<usize> {
    head.as_bytes().windows(2).position(|w| w == pair)
}

fn skip_parentheticals(mut rest: &str) -> &str {
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('(').and_then(|r| r.split_once(')')) {
            Some((_, after)) => rest = after,
            None => return trimmed,
        }
    }
}

fn is_month_day(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(month), Some(day), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let month = month.trim_end_matches('.').to_ascii_lowercase();
    crate::date::is_month_name(&month) && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit())
}

fn words_ok(text: &str, max_words: usize, ok: impl Fn(&str) -> bool) -> bool {
    let words: Vec<_> = text.split_whitespace().collect();
    !words.is_empty() && words.len() <= max_words && words.iter().all(|w| ok(w))
}

/// A place: up to four capitalised words ("NEW YORK", "Tbilisi", "WALtHAM").
fn is_place(text: &str) -> bool {
    words_ok(text, 4, |w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    })
}

/// A region after the place: "Azerbaijan", "Mass.", "N.J.", "Georgia".
fn is_region(text: &str) -> bool {
    is_place(text)
}

/// Words of the labels that open a story as a dateline does (`EXCLUSIVE -`,
/// `CORRECTION - ...`, a wire's `LONDON STERLING OPENING INDICATION -`) but
/// never name a place.
const SLUG_WORDS: &[&str] = &[
    "ADVISORY",
    "ANALYSIS",
    "BREAKING",
    "CLOSING",
    "COLUMN",
    "CORRECTED",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "FLASH",
    "INDICATION",
    "INSIGHT",
    "INTERVIEW",
    "LIVE",
    "OPENING",
    "OPINION",
    "PREVIEW",
    "REFILE",
    "REPEAT",
    "TIMELINE",
    "UPDATE",
    "UPDATES",
    "URGENT",
    "WRAPUP",
];

/// A label rather than a place: one of its words is a [`SLUG_WORDS`] word.
fn is_slug(text: &str) -> bool {
    text.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        SLUG_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
    })
}

fn is_all_caps(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && !text.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::Dateline;

    fn detect(text: &str) -> Option<String> {
        super::detect(text).map(|d| d.place)
    }

    fn agency(text: &str) -> Option<String> {
        super::detect(text).and_then(|d: Dateline| d.agency)
    }

    #[test]
    fn labels_that_open_a_story_are_not_places() {
        for text in [
            "EXCLUSIVE - The company said.",
            "CORRECTION - MOODY'S CUTS RATING",
            "LIVE UPDATES - Votes are counted.",
            "LONDON STERLING OPENING INDICATION - APRIL 7",
            "N.Y. GOLD CLOSING - APR 7",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
        assert_eq!(
            detect("GOLD COAST, Australia - Surfers"),
            Some("GOLD COAST, Australia".into())
        );
    }

    #[test]
    fn the_first_dash_is_where_a_substring_search_finds_it() {
        const DASHES: [&str; 6] = [" - ", " -- ", " — ", " – ", "—", "–"];
        for head in [
            "BAKU, June 23 - The",
            "BAKU -- The",
            "BAKU—The",
            "KYIV – The",
            "Saint-Denis, May 2 — a",
            "no dash here",
            "é-é - x",
            "A-B — C - D",
        ] {
            let slow = DASHES.iter().filter_map(|d| head.find(d)).min();
            assert_eq!(super::first_dash(head), slow, "{head:?}");
        }
        assert_eq!(super::find_pair("GENEVA (Reuters) -", b" ("), Some(6));
        assert_eq!(super::find_pair("no pair", b". "), None);
    }

    #[test]
    fn the_text_after_the_dateline_starts_past_its_marker() {
        fn after(body: &str) -> Option<&str> {
            super::end(body).map(|at| &body[at..])
        }
        assert_eq!(
            after(" GENEVA, May 14 (Northwind Wire) - Talks resumed"),
            Some("Talks resumed")
        );
        assert_eq!(after("LAGOS — The port"), Some("The port"));
        assert_eq!(after("BAKU, Azerbaijan, June 23. The"), Some("The"));
        assert_eq!(after("The port reopened on Monday."), None);
    }

    #[test]
    fn the_agency_is_the_last_parenthetical() {
        assert_eq!(
            agency("GENEVA, May 14 (Northwind Wire) - Talks").as_deref(),
            Some("Northwind Wire")
        );
        assert_eq!(
            agency("Kandy (Sri Lanka) (AFP) – A fast fifty").as_deref(),
            Some("AFP")
        );
        assert_eq!(agency("BAKU, Azerbaijan, June 23. The"), None);
    }

    #[test]
    fn place_region_and_date_then_a_period() {
        assert_eq!(
            detect(" TBILISI, Georgia, March 3. The talks").as_deref(),
            Some("TBILISI, Georgia")
        );
        assert_eq!(
            detect("Tbilisi, Georgia, March 3. The talks").as_deref(),
            Some("Tbilisi, Georgia")
        );
    }

    #[test]
    fn agency_in_parentheses_then_a_dash() {
        assert_eq!(
            detect("GENEVA, May 14 (Northwind Wire) - Talks resumed").as_deref(),
            Some("GENEVA")
        );
        assert_eq!(
            detect("Lagos (Harbour Herald) — The port").as_deref(),
            Some("Lagos")
        );
        assert_eq!(
            detect("Kandy (Sri Lanka) (AFP) – A fast fifty").as_deref(),
            Some("Kandy")
        );
    }

    #[test]
    fn capitals_then_a_dash() {
        assert_eq!(
            detect("WASHINGTON — The Senate").as_deref(),
            Some("WASHINGTON")
        );
        assert_eq!(
            detect("OMAHA, Neb. - The fund said").as_deref(),
            Some("OMAHA, Neb.")
        );
    }

    #[test]
    fn ordinary_sentences_are_not_datelines() {
        for text in [
            "The long-standing tense relationship between the two",
            "Maria Lopez - the mayor - said",
            "In March 3. things changed",
            "",
            "A, B, C. D",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn a_long_first_line_is_cut_on_a_char_boundary() {
        let text = "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ";
        assert_eq!(detect(text), None);
    }
}
