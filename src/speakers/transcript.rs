//! Transcripts and interviews: a paragraph opened by a speaker's label ("MATTHEWS: Well, …",
//! "Sen. Pia Lind: …") holds that speaker's own words, without quote marks.

use std::ops::Range;

use super::names::{self, Gender, Mention, What};
use super::subject;
use super::text::Doc;

/// Most words a label has ("SEN. BERNIE SANDERS", "Vice President Ola Berg").
const MAX_LABEL_WORDS: usize = 4;
/// Fewest words after a label in small letters for a turn of speech (not a heading such as
/// "Cruz: Just hang on."); a label in capitals may head a shorter turn ("BERG: Yes.").
const MIN_WORDS: usize = 4;

/// A labelled paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Turn {
    pub mention: Mention,
    /// Token of the colon after the label.
    pub colon: usize,
    /// Token range of the words after the colon, to the paragraph's end.
    pub content: Range<usize>,
}

/// The labelled paragraphs of the body.
pub(crate) fn find(doc: &Doc) -> Vec<Turn> {
    doc.paras
        .iter()
        .filter_map(|para| turn(doc, para.clone()))
        .collect()
}

/// The paragraph as a turn of speech, when a person's label opens it.
fn turn(doc: &Doc, para: Range<usize>) -> Option<Turn> {
    let start = para.start;
    // the label: capitalised words (and the periods of "Sen."), then a colon
    let colon = (start..para.end.min(start + 2 * MAX_LABEL_WORDS + 1))
        .find(|&j| !(doc.is_cap(j) || doc.is_punct(j, '.')))?;
    if colon == start || !doc.is_punct(colon, ':') {
        return None;
    }
    let words: Vec<usize> = (start..colon).filter(|&j| doc.word(j).is_some()).collect();
    // "Q:" and "A:" are an interview's questions and answers, not a named speaker
    if words.len() > MAX_LABEL_WORDS || matches!(doc.word(start), Some("q" | "a")) {
        return None;
    }
    let content = colon + 1..para.end;
    let said = content.clone().filter(|&j| doc.word(j).is_some()).count();
    let in_capitals = |j: usize| !doc.text(j).bytes().any(|b| b.is_ascii_lowercase());
    // a transcript's label is in capitals ("BERG: Yes."), and its turns may be short; a
    // label in small letters needs a sentence, not a heading ("Cruz: Just hang on.")
    let transcript = words.iter().all(|&j| in_capitals(j));
    let long = said >= MIN_WORDS;
    // speech has function words; a table's row ("North End: 19 hrs 8 hrs") has none
    let speech = content.clone().any(|j| {
        doc.word(j).is_some_and(|w| {
            doc.lex(j).is_function_word()
                || names::is_determiner(w)
                || matches!(
                    w.split(['\'', '’']).next(),
                    Some("i" | "we" | "you" | "he" | "she" | "they")
                )
        })
    });
    // a headline ("Lind: I'm Not Much Of A Socialist") or a list of names is in capitals
    let capitalised = content.clone().filter(|&j| doc.is_cap(j)).count();
    let shouted = content
        .clone()
        .filter(|&j| doc.word(j).is_some())
        .all(in_capitals);
    // a turn ends as a sentence does; a headline ("Okafor: Tram will open on time") does not
    let ended = content
        .clone()
        .rev()
        .find(|&j| !doc.is_para(j))
        .is_some_and(|j| {
            doc.quote(j).is_some()
                || doc
                    .punct(j)
                    .is_some_and(|p| matches!(p, '.' | '?' | '!' | '…' | ')'))
        });
    if said == 0
        || (!transcript && !long)
        || (long && (2 * capitalised > said || !speech))
        || shouted
        || !ended
        // a quote after the colon is a direct quote's business (`Lund: “…”`)
        || doc.quote(colon + 1).is_some()
        || !names_a_person(doc, &words)
    {
        return None;
    }
    let whole = |(m, end): (Mention, usize)| {
        (end == colon && matches!(m.what, What::Name { .. })).then_some(m)
    };
    // a name of several words in capitals reads as a heading: its surname names the speaker
    // when the body gives the name in full elsewhere ("KATE BOLDUAN" after "Kate Bolduan")
    let mention = subject::forward(doc, start, colon + 1)
        .and_then(whole)
        .or_else(|| {
            let last = *words.last()?;
            named_elsewhere(doc, &words)
                .then(|| subject::forward(doc, last, colon + 1))
                .flatten()
                .and_then(whole)
        })?;
    Some(Turn {
        mention,
        colon,
        content,
    })
}

/// The label's words name a person: with a title ("Sen. Lind", "MR. TRUMP"), a first name
/// ("Kate Bolduan"), or as a surname the body gives in full elsewhere ("MATTHEWS" after "Chris
/// Matthews"). A lone "LONDON:" or "Update:" is none.
fn names_a_person(doc: &Doc, words: &[usize]) -> bool {
    let Some(&first) = words.first() else {
        return false;
    };
    let titled = words.len() >= 2
        && words[..words.len() - 1]
            .iter()
            .any(|&j| doc.lex(j).is_title() || doc.word(j).is_some_and(names::is_courtesy_title));
    let first_name = words.len() >= 2 && doc.lex(first).first_name_gender() != Gender::Unknown;
    titled || first_name || named_elsewhere(doc, words)
}

/// The label's last word is a surname the body gives after a first name or a title elsewhere.
pub(crate) fn named_elsewhere(doc: &Doc, words: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return false;
    };
    let surname = doc.low(last);
    doc.caps.iter().any(|&j| {
        (j < first || j > last)
            && doc.low(j) == surname
            && j > 0
            && doc.is_cap(j - 1)
            && !doc.lex(j - 1).is_cap_stop()
            && !doc.lex(j - 1).is_org_word()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each turn's label and words.
    fn turns(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        find(&doc)
            .into_iter()
            .map(|t| {
                (
                    doc.body[t.mention.bytes(&doc)].to_string(),
                    doc.body[doc.bytes(t.content)].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_label_of_a_person_opens_a_turn() {
        let text = "Host Chris Matthews spoke to Ana Ruiz and Sen. Pia Lind.\n\n\
                    MATTHEWS: Well, speculation is bad.\n\nAna Ruiz: Nobody thinks that way.\n\n\
                    SEN. PIA LIND: We will vote no.\n\nSen. Ola Berg: We will vote yes.";
        assert_eq!(
            turns(text),
            [
                (
                    "MATTHEWS".to_string(),
                    "Well, speculation is bad.".to_string()
                ),
                (
                    "Ana Ruiz".to_string(),
                    "Nobody thinks that way.".to_string()
                ),
                ("LIND".to_string(), "We will vote no.".to_string()),
                ("Sen. Ola Berg".to_string(), "We will vote yes.".to_string()),
            ]
        );
        // a transcript's turn may be short
        let text = "Host Chris Matthews spoke to Ms. Jane Holloway.\n\nMATTHEWS: Is that enough?\n\n\
                    HOLLOWAY: Yes.\n\nMS. HOLLOWAY: We'll take a short break.";
        assert_eq!(
            turns(text),
            [
                ("MATTHEWS".to_string(), "Is that enough?".to_string()),
                ("HOLLOWAY".to_string(), "Yes.".to_string()),
                (
                    "HOLLOWAY".to_string(),
                    "We'll take a short break.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn other_labels_are_no_turns() {
        let text = "LONDON: The bank raised rates today.\n\nQ: How did things go for you?\n\n\
                    Update: The road has reopened since.\n\nLund: Yes.\n\nWatch: the whole speech here.\n\n\
                    North End: 19 hrs 8 hrs 7 hrs\n\nSouth End: 4 hrs 26 hrs 3 hrs\n\n\
                    Cruz: Just hang on.\n\nAna Ruiz: I Am Not Much Of A Socialist.\n\n\
                    Ana Ruiz: Tram will open on time despite the delays\n\n\
                    South Dalby: Ana Ruiz, Tom Berg and Ola Vik.\n\n\
                    Cruz: Just hang on.\n\nSAO PAULO STATE: FRANCA NIL, PARANA STATE NIL.";
        assert!(turns(text).is_empty());
        // a name in capitals that the body never gives in full
        assert!(turns("KATE BOLDUAN: Why not debate now?").is_empty());
    }
}
