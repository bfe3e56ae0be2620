//! Finds reported speech: the clause a cue introduces ("Lund said that …", "…, Lund said", "According to Lund, …").

use std::ops::Range;

use super::cues::{self, Class, Form, Verb};
use super::names::{self, Mention, What};
use super::quotes::Quotes;
use super::subject;
use super::text::{Doc, Kind};

/// Tokens scanned after a cue for "that" past adjuncts ("said in a statement on Tuesday that").
const THAT_WINDOW: usize = 10;

/// A reported statement, or a bare introducer ("Lund said Tuesday.") with no content of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reported {
    pub cue: Range<usize>,
    /// Token range of the reported clause; empty for an introducer.
    pub content: Range<usize>,
    pub mention: Option<Mention>,
    /// The cue stands inside a direct quote.
    pub inside_quote: bool,
    /// An outlet's report relaying the one before it ("Lind said …, Radio Lorne reported"):
    /// its speaker passed the words on; or a speech act ("accused Berg of …"). Either way its
    /// speaker is no antecedent for the pronouns and quotes after it.
    pub relay: bool,
}

/// All reported statements, skipping cues already used by direct quotes (`consumed`).
pub(crate) fn find(doc: &Doc, quotes: &Quotes, consumed: &[bool]) -> Vec<Reported> {
    let mut out: Vec<Reported> = Vec::new();
    // only a word that may start a cue can (`cues::cue_at`); each at or after the last cue's end
    let mut v = 0;
    for &word in &doc.cue_words {
        if word < v {
            continue;
        }
        v = word;
        let Some((verb, range)) = cues::cue_at(doc, v) else {
            v += 1;
            continue;
        };
        let next = range.end.max(v + 1);
        if !consumed.get(v).copied().unwrap_or(false)
            && let Some(mut r) = at_cue(doc, quotes, verb, range)
        {
            // "Dahl added that … and said …": the report before speaks again
            if v > 0
                && shared_subject_cue(doc, coordinator_end(doc, v)) == Some(v)
                && let Some(before) = out.last()
                && doc.sentence(before.cue.start) == doc.sentence(v)
                && before.cue.start < v
            {
                // the main subject, not one inside the clause ("Lawson said the economy is
                // sound and added …" is Lawson's; "Berg says Lund promised help and said she
                // would come" is Lund's, and missed)
                if r.mention.is_none() {
                    r.mention.clone_from(&before.mention);
                }
            }
            out.push(r);
        }
        v = next;
    }
    out
}

/// The cue at or right after token `i` (past "also" or "then") when `i` follows "and" or
/// "but" and the cue is a finite speech verb with no subject of its own ("… and said costs
/// would fall", "…, but also said"): a second report of the subject before. "and said to be"
/// is a participle.
fn shared_subject_cue(doc: &Doc, i: usize) -> Option<usize> {
    let joined = i > 0 && doc.word(i - 1).is_some_and(|w| matches!(w, "and" | "but"));
    if !joined {
        return None;
    }
    let v = if doc.word(i).is_some_and(|w| matches!(w, "also" | "then")) {
        i + 1
    } else {
        i
    };
    let (verb, range) = cues::cue_at(doc, v)?;
    let finite = matches!(verb.form, Form::Past | Form::Third);
    (finite && verb.class == Class::Speech && !doc.is_word(range.end, "to")).then_some(v)
}

/// Where the words after the "and" or "but" before the cue at `v` start: the token after the
/// coordinator, past "also" or "then".
fn coordinator_end(doc: &Doc, v: usize) -> usize {
    if v > 1
        && doc
            .word(v - 1)
            .is_some_and(|w| matches!(w, "also" | "then"))
        && doc.word(v - 2).is_some_and(|w| matches!(w, "and" | "but"))
    {
        v - 1
    } else {
        v
    }
}

fn at_cue(doc: &Doc, quotes: &Quotes, verb: Verb, cue: Range<usize>) -> Option<Reported> {
    let v = cue.start;
    let inside_quote = quotes.inside(v);
    if cues::is_according(&verb) {
        return according(doc, cue, inside_quote);
    }
    let act = verb.class == Class::Act;
    if verb.class == Class::Trailing || (act && !reports_an_act(verb.lemma)) {
        return None;
    }
    if verb.form == Form::Base && !cues::base_ok(doc, v) {
        return None;
    }
    // "was told", "is said to", "was roundly criticized": the subject is not the speaker
    // ("is saying", "were warning" are the subject's own words; "it was widely reported that"
    // stays a report whose source the text does not name)
    let be = if act && v > 1 && doc.word(v - 1).is_some_and(|w| w.ends_with("ly")) {
        v - 1
    } else {
        v
    };
    if be > 0
        && verb.form != Form::Ing
        && doc.word(be - 1).is_some_and(|w| {
            matches!(
                w,
                "was" | "were" | "is" | "are" | "be" | "been" | "being" | "get" | "got"
            )
        })
    {
        return None;
    }
    // "the alleged plot", "its stated aim", "such claimed links": after an
    // article or a possessive the verb is an adjective ("some said", "another
    // said", "confirmed this, saying" and "let her say" stay cues). "her" is
    // an object as often ("a witness who saw her said"): after it only a
    // participle that news uses as an adjective is one.
    if v > 0
        && verb.form != Form::Base
        && doc.word(v - 1).is_some_and(|w| match w {
            "the" | "a" | "an" | "his" | "their" | "its" | "our" | "such" => true,
            "her" => is_adjectival_participle(doc.low(v)),
            _ => false,
        })
        // "ITS said": a company's initials
        && !doc.text(v - 1).bytes().all(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let mention = subject::of_cue(doc, quotes, cue.clone());
    if act {
        return act_report(doc, quotes, &verb, cue, mention, inside_quote);
    }
    if verb.noun_like && !(v > 0 && doc.is_punct(v - 1, ',')) {
        let adjacent = mention.as_ref().is_some_and(|m| {
            let mut e = m.toks.end;
            while e < v && doc.lex(e).is_aux_or_adverb() {
                e += 1;
            }
            e == v && clearly_a_person(doc, m)
        });
        if !adjacent {
            return None;
        }
    }
    if inside_quote && !mention.as_ref().is_some_and(|m| person_name(doc, m)) {
        return None;
    }
    if mention.is_none() && verb.form == Form::Ing {
        return None;
    }
    let after_preposition = (v.saturating_sub(2)..v).any(|j| {
        doc.word(j).is_some_and(|w| {
            matches!(
                w,
                "after"
                    | "before"
                    | "in"
                    | "by"
                    | "while"
                    | "without"
                    | "for"
                    | "of"
                    | "about"
                    | "since"
            )
        })
    });
    if verb.form == Form::Ing && after_preposition {
        return None;
    }
    let after_subject = mention.as_ref().is_some_and(|m| m.toks.start >= cue.end);
    let mut content = if after_subject {
        None
    } else if let Some(c) = as_clause(doc, &cue, mention.as_ref()) {
        Some(c)
    } else {
        complement(doc, &verb, cue.end)
    };
    if content.is_none() {
        content = relative_clause(doc, &verb, &cue, mention.as_ref());
    }
    if content.is_none() && verb.form != Form::Ing {
        content = clause_before(doc, quotes, &verb, &cue, mention.as_ref());
    }
    let content = match content {
        Some(c) => c,
        None => {
            // a bare introducer can hand its speaker to the quote that follows
            if mention.is_none() || verb.class != Class::Speech {
                return None;
            }
            cue.end..cue.end
        }
    };
    let content = clip_to_quote(quotes, content, v);
    Some(Reported {
        cue,
        content,
        mention,
        inside_quote,
        relay: false,
    })
}

/// Speech acts whose object is what was said, as PolNeAR and a reader count them: "Lund
/// accused Berg of lying", "criticized the plan", "described it as a mistake", "urged
/// voters to stay home", "called for an inquiry", "endorsed Berg". Not acts that may be
/// deeds or mere mentions ("attacked", "cited", "offered", "welcomed").
fn reports_an_act(lemma: &str) -> bool {
    matches!(
        lemma,
        "accuse"
            | "criticize"
            | "criticise"
            | "describe"
            | "praise"
            | "blast"
            | "slam"
            | "decry"
            | "deride"
            | "mock"
            | "ridicule"
            | "condemn"
            | "urge"
            | "endorse"
            | "call"
    )
}

/// A speech act's report: whoever is named or described before the verb performs it, and its
/// content is the object and what follows it to the end of the clause. "called" only for "called for …",
/// "called on … to …" and "called X a/an …" ("called a meeting", "called him" are no
/// speech). Words in quote marks are the direct quote's, which links them itself.
fn act_report(
    doc: &Doc,
    quotes: &Quotes,
    verb: &Verb,
    cue: Range<usize>,
    mention: Option<Mention>,
    inside_quote: bool,
) -> Option<Reported> {
    // the actor comes first: after the verb stands its object ("endorsed Sen. Ted Cruz")
    let v = cue.start;
    let m = mention.filter(|m| m.toks.end <= v)?;
    if matches!(m.what, What::Generic) || inside_quote {
        return None;
    }
    let sent = doc.sentence(cue.start);
    let text_end = sentence_text_end(doc, &sent);
    let start = cue.end;
    // the clause ends at a stop, a dash, or a comma before a new phrase ("…, saying", "…, and")
    let end = (start..text_end)
        .find(|&j| {
            matches!(doc.punct(j), Some(';' | ':' | '—' | '–' | '(' | ')'))
                || (doc.is_punct(j, ',')
                    && doc.word(j + 1).is_some_and(|w| {
                        w.ends_with("ing")
                            || matches!(
                                w,
                                "and" | "but" | "which" | "who" | "while" | "as" | "although"
                            )
                    }))
        })
        .unwrap_or(text_end);
    // nor past a report of its own ("Lund praises the plan … says Lord Berg"), which it
    // would swallow
    let after = doc.cue_words.partition_point(|&j| j <= start);
    let end = doc.cue_words[after..]
        .iter()
        .copied()
        .take_while(|&j| j < end)
        .find(|&j| {
            cues::cue_at(doc, j)
                .is_some_and(|(w, _)| matches!(w.class, Class::Speech | Class::Cognition))
        })
        .unwrap_or(end);
    if end < start + 2 || (start..end).any(|j| doc.quote(j).is_some() || quotes.inside(j)) {
        return None;
    }
    if verb.lemma == "call" {
        let object_then_article = (start + 1..(start + 4).min(end)).any(|j| {
            doc.word(j).is_some_and(|w| matches!(w, "a" | "an"))
                && doc
                    .word(j - 1)
                    .is_some_and(|w| names::pronoun(w).is_some() || doc.is_cap(j - 1))
        });
        let appeal = doc.word(start).is_some_and(|w| matches!(w, "for" | "on"));
        if !(appeal || object_then_article) {
            return None;
        }
    }
    if verb.lemma == "describe" && !(start..end).any(|j| doc.is_word(j, "as")) {
        return None;
    }
    // an act's actor lends itself to no pronoun or quote after it: its frame is a relay's
    Some(Reported {
        cue,
        content: start..end,
        mention: Some(m),
        inside_quote,
        relay: true,
    })
}

/// "the plan, which Lund said was too costly", "a man who Lund says is innocent": the cue sits
/// inside a relative clause whose gap is the subject of what was said; the words from the verb
/// after the cue to the end of the clause are the statement.
fn relative_clause(
    doc: &Doc,
    verb: &Verb,
    cue: &Range<usize>,
    mention: Option<&Mention>,
) -> Option<Range<usize>> {
    let m = mention?;
    let finite = matches!(verb.form, Form::Past | Form::Third);
    let relative = m
        .toks
        .start
        .checked_sub(1)
        .and_then(|r| doc.word(r))
        .is_some_and(|w| matches!(w, "which" | "that" | "who" | "whom"));
    let gap_verb = doc.word(cue.end).is_some_and(|w| {
        matches!(
            w,
            "was" | "is" | "were" | "are" | "had" | "has" | "would" | "will" | "could" | "might"
        )
    });
    if !(finite && relative && gap_verb && verb.class == Class::Speech) {
        return None;
    }
    let sentence_end = sentence_text_end(doc, &doc.sentence(cue.start));
    let end = first_stop(doc, cue.end, sentence_end, true);
    (end > cue.end + 1).then_some(cue.end..end)
}

/// The first quote mark, comma, stop or dash from token `from` on (and closing bracket, with
/// `bracket`: a relative clause may stand in one, a request's object may hold one), or `end`:
/// where a clause that may not run on ends.
fn first_stop(doc: &Doc, from: usize, end: usize, bracket: bool) -> usize {
    (from..end)
        .find(|&j| match doc.punct(j) {
            Some(',' | ';' | ':' | '—' | '–') => true,
            Some(')') => bracket,
            _ => doc.quote(j).is_some(),
        })
        .unwrap_or(end)
}

/// "He states", "Sen. Lund notes": a subject that cannot be the noun's modifier ("Rust Belt
/// states", "Commission reports").
fn clearly_a_person(doc: &Doc, m: &Mention) -> bool {
    match &m.what {
        What::Pronoun(_) => true,
        What::Name { run } => {
            // a lone name must open its clause: "Lund notes" but not "to Western states"
            let opens = run.start == 0
                || doc.sentence(run.start).start == run.start
                || doc.punct(run.start - 1).is_some()
                || doc
                    .word(run.start - 1)
                    .is_some_and(|w| matches!(w, "and" | "but" | "that" | "as" | "while"));
            names::normalise(doc, run.clone()).is_some_and(|n| {
                n.titled
                    || (n.words >= 2 && n.gender != names::Gender::Unknown)
                    || (n.words == 1 && opens)
            })
        }
        _ => false,
    }
}

/// A mention that names a person: a multi-word or titled name (used for cues inside quotes).
fn person_name(doc: &Doc, m: &Mention) -> bool {
    match &m.what {
        What::Name { run } => names::normalise(doc, run.clone())
            .is_some_and(|n| (n.words >= 2 || n.titled) && !names::is_org_run(doc, run)),
        _ => false,
    }
}

/// The last token of the sentence's text, without its final punctuation.
fn sentence_text_end(doc: &Doc, sent: &Range<usize>) -> usize {
    let mut e = sent.end;
    while e > sent.start {
        match doc.toks[e - 1].kind {
            Kind::Punct('.' | '!' | '?' | ';' | ':' | '…') | Kind::Para => e -= 1,
            _ => break,
        }
    }
    e
}

/// Words that start an adjunct rather than a clause.
fn is_adjunct_start(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "with"
            | "to"
            | "of"
            | "for"
            | "from"
            | "by"
            | "about"
            | "as"
            | "via"
            | "through"
            | "while"
            | "when"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "yesterday"
            | "today"
            | "tonight"
            | "recently"
            | "again"
            | "repeatedly"
            | "publicly"
            | "privately"
            | "previously"
            | "so"
            | "otherwise"
            | "nothing"
            | "little"
            | "much"
            | "more"
            | "something"
            | "anything"
            | "only"
    )
}

/// Words that can open a reported clause after a cognition verb.
fn opens_clause(doc: &Doc, i: usize) -> bool {
    match doc.word(i) {
        Some(w) => {
            doc.is_cap(i)
                || matches!(
                    w,
                    "he" | "she"
                        | "they"
                        | "it"
                        | "we"
                        | "i"
                        | "you"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                )
                || names::is_determiner(w)
                || matches!(
                    w,
                    "there"
                        | "if"
                        | "whether"
                        | "what"
                        | "how"
                        | "why"
                        | "no"
                        | "one"
                        | "everyone"
                        | "everybody"
                        | "nobody"
                        | "someone"
                        | "somebody"
                        | "anyone"
                )
                || is_quantifier(w)
                || w.starts_with(|c: char| c.is_ascii_digit())
                || contracted_subject(w)
                || bare_subject(doc, i)
        }
        None => false,
    }
}

/// A quantifier or a number word opening a noun phrase: "several people", "two men", "most
/// voters".
fn is_quantifier(w: &str) -> bool {
    matches!(
        w,
        "several"
            | "both"
            | "few"
            | "many"
            | "some"
            | "most"
            | "all"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "eleven"
            | "twelve"
            | "dozens"
            | "hundreds"
            | "thousands"
    )
}

/// "he'd", "they'll", "we're", "I'm": a subject pronoun with its verb contracted onto it.
fn contracted_subject(w: &str) -> bool {
    let Some((pronoun, verb)) = w.split_once(['\'', '\u{2019}']) else {
        return false;
    };
    matches!(
        pronoun,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "there"
    ) && matches!(verb, "d" | "ll" | "re" | "ve" | "m" | "s")
}

/// "said sales rose", "said oil prices would fall", "said turnout was high": a bare noun (one
/// or two words) that a finite verb follows opens a clause; so does one that an "of" phrase
/// follows first ("said groups of observers were sent", "said sales of new homes fell").
fn bare_subject(doc: &Doc, i: usize) -> bool {
    // a lower-case word that is neither a cue verb, an auxiliary nor an adverb
    let plain = |j: usize| {
        doc.word(j)
            .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
            .filter(|_| doc.lex(j).verb().is_none() && !doc.lex(j).is_aux_or_adverb())
    };
    let plural = |j: usize| {
        plain(j).is_some_and(|w| {
            w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("ous")
        })
    };
    // "said people were angry", "said police had closed it"
    let irregular =
        plain(i).is_some_and(|w| matches!(w, "people" | "men" | "women" | "children" | "police"));
    if irregular && doc.word(i + 1).is_some_and(is_finite_verb) {
        return true;
    }
    // a gerund's phrase: "said ending the talks now would be a mistake" (up to ten words,
    // no comma or cue between it and an auxiliary or modal)
    let preposition = |w: &str| {
        matches!(
            w,
            "during"
                | "including"
                | "regarding"
                | "concerning"
                | "following"
                | "according"
                | "excluding"
        )
    };
    // (right after the cue or its "that": "told a gathering of parents who were" is a hearer)
    let after_cue = i > 0 && (doc.lex(i - 1).verb().is_some() || doc.is_word(i - 1, "that"));
    if after_cue && plain(i).is_some_and(|w| w.len() > 5 && w.ends_with("ing") && !preposition(w)) {
        let mut j = i + 1;
        while j < i + 11 && doc.word(j).is_some_and(|w| w != "but") && doc.lex(j).verb().is_none() {
            let w = doc.low(j);
            if is_singular_verb(w) || is_finite_verb(w) {
                // else the phrase may be a noun's ("trading partners had")
                if !matches!(w, "have" | "had" | "do" | "did") && doc.word(j - 1) != Some("to") {
                    return true;
                }
                break;
            }
            j += 1;
        }
    }
    let noun = |j: usize| plain(j).is_some_and(|w| !is_adjunct_start(w));
    // a word that can head a singular noun phrase: not a pronoun, article,
    // preposition or sentence adverb ("maybe", "however")
    let content = |j: usize| noun(j) && !doc.lex(j).is_function_word() && !doc.lex(j).is_cap_stop();
    // the noun phrase: a plural, or a noun and a plural ("oil prices"), with a
    // verb that agrees; or one or two singular nouns ("turnout", "oil demand")
    // with a singular verb
    let verb_at = if plural(i) {
        i + 1
    } else if noun(i) && plural(i + 1) {
        i + 2
    } else if content(i) {
        let at = if content(i + 1) { i + 2 } else { i + 1 };
        return doc
            .word(at)
            .is_some_and(|w| is_singular_verb(w) || (is_finite_verb(w) && !is_plural_verb(w)));
    } else {
        return false;
    };
    if !doc.is_word(verb_at, "of") {
        return doc.word(verb_at).is_some_and(is_finite_verb);
    }
    // up to three lower-case words or determiners after "of", then the verb
    let of = verb_at;
    let verb = (of + 1..of + 5).find(|&j| doc.word(j).is_none_or(is_finite_verb));
    verb.is_some_and(|j| {
        j > of + 1
            && doc.word(j).is_some()
            && (of + 1..j)
                .all(|k| plain(k).is_some() || doc.word(k).is_some_and(names::is_determiner))
    })
}

/// A verb that only a singular subject takes.
fn is_singular_verb(w: &str) -> bool {
    matches!(w, "is" | "was" | "has")
}

/// A verb that only a plural subject takes.
fn is_plural_verb(w: &str) -> bool {
    matches!(w, "are" | "were" | "have" | "do" | "remain")
}

/// An auxiliary, a modal, or a past tense that news uses to report a change.
fn is_finite_verb(w: &str) -> bool {
    matches!(
        w,
        "are"
            | "were"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "did"
            | "rose"
            | "fell"
            | "grew"
            | "went"
            | "came"
            | "remain"
            | "remained"
            | "showed"
            | "increased"
            | "decreased"
            | "declined"
            | "climbed"
            | "dropped"
            | "jumped"
            | "slipped"
            | "soared"
            | "surged"
            | "plunged"
            | "slowed"
            | "improved"
            | "expected"
            | "continued"
            | "agreed"
            | "wanted"
            | "needed"
            | "reached"
            | "totalled"
            | "totaled"
    )
}

/// The clause after a cue: past a hearer ("told reporters"), adjuncts, and "that".
fn complement(doc: &Doc, verb: &Verb, from: usize) -> Option<Range<usize>> {
    let sent = doc.sentence(from.saturating_sub(1));
    let end = sentence_text_end(doc, &sent);
    let mut i = from;
    if i >= end {
        return None;
    }
    // "said, when she was earning little, a boss invited her": a clause set off by commas
    // opens the statement
    if doc.is_punct(i, ',')
        && doc.word(i + 1).is_some_and(|w| {
            matches!(
                w,
                "when"
                    | "if"
                    | "after"
                    | "before"
                    | "while"
                    | "because"
                    | "although"
                    | "since"
                    | "unless"
                    | "once"
            )
        })
        && verb.class == Class::Speech
        // not after a clause of its own ("The plan would help, Lund said, since …")
        && !(sent.start..i).any(|j| doc.word(j).is_some_and(|w| is_finite_verb(w) || is_singular_verb(w)))
    {
        let close = (i + 3..(i + 20).min(end))
            .take_while(|&j| doc.quote(j).is_none() && !matches!(doc.punct(j), Some(';' | ':')))
            .find(|&j| doc.is_punct(j, ','))?;
        return if doc.is_word(close + 1, "that") {
            Some(close + 2..end).filter(|c| c.len() >= 2)
        } else {
            opens_clause(doc, close + 1).then_some(i + 1..end)
        };
    }
    let window = (i..(i + THAT_WINDOW).min(end))
        .take_while(|&j| {
            doc.quote(j).is_none()
                && !doc
                    .punct(j)
                    .is_some_and(|p| matches!(p, ',' | ';' | ':' | '—' | '–'))
                // "said the bridge was safe but that repairs were needed": a second "that"
                && !matches!(doc.word(j), Some("but" | "and"))
        })
        .find(|&j| doc.is_word(j, "that"))
        // "said on Monday, in a statement, that …": past an aside set off by commas
        .or_else(|| {
            let c = (i..(i + THAT_WINDOW).min(end))
                .take_while(|&j| {
                    doc.quote(j).is_none() && !matches!(doc.punct(j), Some(';' | ':' | '—' | '–'))
                })
                .find(|&j| doc.is_punct(j, ','))?;
            let close = (c + 2..(c + 8).min(end))
                .take_while(|&j| doc.quote(j).is_none())
                .find(|&j| doc.is_punct(j, ','))?;
            doc.is_word(close + 1, "that").then_some(close + 1)
        });
    let mut that = false;
    if let Some(t) = window {
        i = t + 1;
        that = true;
    } else if verb.hearer {
        // skip the hearer: "told reporters", "told Reuters", "asked him"
        // ("told Breitbart News he'd …": a capitalised name, then a clause)
        let named = (i..end)
            .find(|&j| !(doc.is_cap(j) && doc.word(j).is_some()))
            .filter(|&e| e > i && !doc.is_cap(e) && !doc.toks[e - 1].poss && opens_clause(doc, e));
        if let Some((_, e)) = subject::forward(doc, i, end) {
            i = e;
        } else if let Some(e) = named {
            i = e;
        } else if doc.word(i).is_some_and(|w| {
            matches!(
                w,
                "him"
                    | "her"
                    | "them"
                    | "me"
                    | "us"
                    | "you"
                    | "reporters"
                    | "supporters"
                    | "voters"
                    | "viewers"
                    | "listeners"
                    | "audiences"
            )
        }) {
            i += 1;
        } else if doc
            .word(i)
            .is_some_and(|w| matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its"))
            && let Some(n) = (i + 2..(i + 4).min(end)).find(|&j| {
                (i + 1..j).all(|k| {
                    doc.word(k)
                        .is_some_and(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
                        && doc.lex(k).verb().is_none()
                        && !doc.lex(k).is_function_word()
                }) && opens_clause(doc, j)
                    && !doc.word(j).is_some_and(is_adjunct_start)
            })
        {
            // "told the committee the budget was fixed", "told the city council it would"
            i = n;
        } else {
            return None;
        }
    }
    // "asked the judge to block the rules", "urged voters to stay home", "asked Lund how high
    // the wall would be": after its hearer, a request or a question is what was said
    let question = |w: &str| {
        matches!(
            w,
            "if" | "whether" | "what" | "how" | "why" | "when" | "where" | "who"
        )
    };
    let request = verb.hearer
        && i > from
        && ((doc.is_word(i, "to") && doc.word(i + 1).is_some())
            || (verb.lemma == "ask" && doc.word(i).is_some_and(question)));
    if request {
        // to the first comma or stop: "asked Lukin if it hurt, he said it did not"
        let stop = first_stop(doc, i + 1, end, false);
        return (stop >= i + 2).then_some(i..stop);
    }
    if !that {
        i = past_time_adjunct(doc, i, end);
    }
    if i >= end {
        return None;
    }
    if !that {
        // the clause's subject, past a time that owns it: "said today's vote",
        // "said last week's talks"
        let head = past_owner(doc, i);
        let number = doc.text(head).starts_with(|c: char| c.is_ascii_digit());
        // "announced it would cut jobs", "reported he had left": any cue takes a clause
        // whose subject is a pronoun with its verb right after it (a noun after most cues is
        // their object: "announced a deal")
        let pronoun_clause = doc
            .word(head)
            .is_some_and(|w| matches!(w, "he" | "she" | "it" | "they" | "we"))
            && doc
                .word(head + 1)
                .is_some_and(|w| is_finite_verb(w) || is_singular_verb(w));
        if !(cues::takes_bare_clause(verb) || pronoun_clause)
            || !opens_clause(doc, head)
            || (number && verb.class == Class::Cognition)
        {
            return None;
        }
        let w = doc.low(head);
        let stop_cap = doc.is_cap(head)
            && doc.lex(head).is_cap_stop()
            && !matches!(
                w,
                "the" | "a" | "an" | "i" | "he" | "she" | "it" | "they" | "we" | "this" | "there"
            );
        // "…, said several observers.": a quantifier and its noun with nothing after them
        // are the speaker, not a clause
        if is_adjunct_start(w) || stop_cap || (is_quantifier(w) && end <= head + 3) {
            return None;
        }
    }
    if doc.quote(i).is_some() {
        return None;
    }
    // "said several producers had trouble, but Kuwait has said there are no plans": a second
    // report joined by "but", "and" or ";", with a speaker of its own, is not part of this
    // clause
    let second_report = |j: usize| {
        // "and said …": a second report of the same subject
        if shared_subject_cue(doc, j + 1).is_some() {
            return true;
        }
        // most "and"s join no report: no cue follows them closely
        if !(j + 2..(j + 10).min(end)).any(|k| doc.lex(k).may_cue()) {
            return false;
        }
        // "the union said", "the mayor's office said": a body or group by its noun
        if let Some(v) = noun_then_cue(doc, j + 1, end) {
            return cues::cue_at(doc, v)
                .is_some_and(|(v, _)| matches!(v.class, Class::Speech | Class::Cognition));
        }
        let Some((_, e)) = subject::forward(doc, j + 1, end) else {
            return false;
        };
        // "and Peter Lund, 54, said", "and Peter Lund, the councillor, said"
        let e = aside_end(doc, e, end).unwrap_or(e);
        let k = if doc
            .word(e)
            .is_some_and(|w| matches!(w, "has" | "have" | "had" | "also"))
        {
            e + 1
        } else {
            e
        };
        cues::cue_at(doc, k)
            .is_some_and(|(v, _)| matches!(v.class, Class::Speech | Class::Cognition))
    };
    let end = (i + 2..end)
        .find(|&j| {
            // a three-byte word or a one-byte mark first: most tokens are neither
            let t = &doc.toks[j];
            matches!(t.end - t.start, 1 | 3)
                && (doc.is_word(j, "but") || doc.is_word(j, "and") || doc.is_punct(j, ';'))
                && second_report(j)
        })
        .map_or(end, |j| if doc.is_punct(j - 1, ',') { j - 1 } else { j });
    (end > i + 1).then_some(i..end)
}

/// The cue after a short noun phrase starting at `i` ("the union said", "the mayor's office
/// said", "unions said"): an optional determiner, then one to three words that are neither
/// verbs, auxiliaries nor pronouns, then a finite speech or thought verb.
fn noun_then_cue(doc: &Doc, i: usize, end: usize) -> Option<usize> {
    let start = if doc
        .word(i)
        .is_some_and(|w| matches!(w, "the" | "its" | "their" | "his" | "her" | "a" | "an"))
    {
        i + 1
    } else {
        i
    };
    for v in start + 1..(start + 4).min(end) {
        if let Some((verb, _)) = cues::cue_at(doc, v)
            && matches!(verb.form, Form::Past | Form::Third)
            && !doc.is_word(v + 1, "to")
        {
            return Some(v);
        }
        let noun = doc.word(v).is_some_and(|w| {
            let lex = doc.lex(v);
            lex.verb().is_none()
                && !lex.is_aux_or_adverb()
                && !lex.is_function_word()
                && names::pronoun(w).is_none()
        });
        if !noun {
            return None;
        }
    }
    None
}

/// The end of a comma-enclosed aside right at `e` (", 54,", ", the councillor,"): the token
/// after its closing comma, within eight tokens and before `end`.
fn aside_end(doc: &Doc, e: usize, end: usize) -> Option<usize> {
    if !doc.is_punct(e, ',') {
        return None;
    }
    (e + 2..(e + 9).min(end))
        .find(|&j| doc.is_punct(j, ','))
        .map(|j| j + 1)
}

/// A participle that news writes before a noun: "her alleged role", "her stated aim".
fn is_adjectival_participle(w: &str) -> bool {
    matches!(
        w,
        "alleged"
            | "stated"
            | "reported"
            | "estimated"
            | "predicted"
            | "claimed"
            | "suggested"
            | "noted"
            | "announced"
            | "promised"
            | "expected"
            | "rumoured"
            | "rumored"
            | "professed"
            | "declared"
    )
}

/// Past a time that owns the clause's subject ("today's vote", "last week's talks") at `i`:
/// where the noun it owns starts; `i` when there is none.
fn past_owner(doc: &Doc, i: usize) -> usize {
    let poss = |j: usize| doc.toks.get(j).is_some_and(|t| t.poss);
    let period = |w: &str| {
        matches!(
            w,
            "week" | "month" | "year" | "weekend" | "night" | "morning" | "afternoon" | "evening"
        ) || subject::is_day(w)
    };
    match doc.word(i) {
        Some("today" | "yesterday" | "tonight" | "tomorrow") if poss(i) => i + 1,
        // "said Friday's vote was fair"
        Some(w) if poss(i) && subject::is_day(w) => i + 1,
        Some("last" | "this" | "next") if poss(i + 1) && doc.word(i + 1).is_some_and(period) => {
            i + 2
        }
        _ => i,
    }
}

/// Past a time or a channel between a cue and its clause ("said on Friday he met",
/// "said last week the plan", "said in a statement the dam"): where the clause would start.
fn past_time_adjunct(doc: &Doc, i: usize, end: usize) -> usize {
    // "said in a statement on Tuesday the …": a manner and a time, in either order
    let once = past_one_adjunct(doc, i, end);
    if once == i {
        return i;
    }
    past_one_adjunct(doc, once, end)
}

/// One time or manner adjunct at `i` ("on Monday", "Tuesday", "late Friday", "last week",
/// "in a statement"); `i` itself if there is none, or if the time owns the next words ("said
/// today's vote", "said Friday's talks").
fn past_one_adjunct(doc: &Doc, i: usize, end: usize) -> usize {
    let word = |j: usize| if j < end { doc.word(j) } else { None };
    let day = |j: usize| word(j).is_some_and(subject::is_day);
    let skipped = match word(i) {
        Some("on") if day(i + 1) => 2,
        // US wire style: "said Tuesday the talks", "said late Friday it would"
        Some("late" | "early") if day(i + 1) => 2,
        Some(_) if day(i) => 1,
        Some("last" | "this" | "earlier" | "later")
            if word(i + 1).is_some_and(|w| {
                matches!(
                    w,
                    "week" | "month" | "year" | "weekend" | "night" | "morning"
                ) || subject::is_day(w)
            }) =>
        {
            2
        }
        Some("yesterday" | "today" | "tonight") => 1,
        Some("in")
            if matches!(word(i + 1), Some("a" | "an"))
                && word(i + 2).is_some_and(|w| {
                    matches!(w, "statement" | "interview" | "speech" | "email" | "letter")
                }) =>
        {
            3
        }
        _ => 0,
    };
    // "said today's vote was": the time word belongs to the clause's subject
    if skipped > 0 && doc.toks[i + skipped - 1].poss {
        return i;
    }
    i + skipped
}

/// "As Lund said in May, the dam held.": the rest of the sentence after the cue; "The dam
/// held, as Lund reported.": the clause before "as".
fn as_clause(doc: &Doc, cue: &Range<usize>, mention: Option<&Mention>) -> Option<Range<usize>> {
    let m = mention?;
    let s = m.toks.start.checked_sub(1)?;
    if !doc.is_word(s, "as") || !cue.clone().all(|j| j >= m.toks.end) {
        return None;
    }
    let sent = doc.sentence(cue.start);
    let end = sentence_text_end(doc, &sent);
    let opens = (sent.start..s).all(|j| doc.quote(j).is_some() || doc.punct(j).is_some());
    if !opens {
        // "The dam held, as Lund reported." — the clause before "as"
        let mut e = s;
        if e > sent.start && doc.is_punct(e - 1, ',') {
            e -= 1;
        }
        return (e >= sent.start + 3 && doc.quote(sent.start).is_none()).then_some(sent.start..e);
    }
    let comma = (cue.end..end.min(cue.end + 40)).find(|&j| doc.is_punct(j, ','))?;
    (end > comma + 2).then_some(cue.end..end)
}

/// "The plan failed, Lund said." / "…, said Lund." / "…, according to Lund.": the clause before the comma.
fn clause_before(
    doc: &Doc,
    quotes: &Quotes,
    verb: &Verb,
    cue: &Range<usize>,
    mention: Option<&Mention>,
) -> Option<Range<usize>> {
    let v = cue.start;
    let sent = doc.sentence(v);
    // "…, its governor, Tom Lund, said": the clause ends before the role
    let role_comma = mention
        .filter(|m| {
            v > sent.start
                && subject::named_after_role(doc, quotes, sent.start, v - 1).as_ref() == Some(m)
        })
        .and_then(|m| {
            (sent.start..m.toks.start - 1)
                .rev()
                .find(|&j| doc.is_punct(j, ','))
        });
    let comma = if let Some(c) = role_comma {
        c
    } else if v > sent.start && doc.is_punct(v - 1, ',') {
        v - 1
    } else {
        let m = mention?;
        let s = m.toks.start;
        if s > sent.start && doc.is_punct(s - 1, ',') && m.toks.end <= v {
            s - 1
        } else {
            return None;
        }
    };
    // the clause is what was said, not the speaker's own appositive ("Lund, an aide, said")
    if mention.is_some_and(|m| m.toks.start < comma) {
        return None;
    }
    // nothing but adjuncts may follow: "…, Lund said in a statement." / "…, said Lund, an aide."
    let mut after = mention
        .filter(|m| m.toks.start >= cue.end)
        .map_or(cue.end, |m| m.toks.end);
    let end = sentence_text_end(doc, &sent);
    // "…, Lund said on Saturday, and …": an adjunct closed by a comma is passed over (not
    // after a participle with no subject: "The accords, agreed in Paris in May, called …")
    if mention.is_some()
        && doc
            .word(after)
            .is_some_and(|w| is_adjunct_start(w) || subject::is_day(w))
        && let Some(c) = (after + 1..end.min(after + 10)).find(|&j| doc.punct(j).is_some())
        && doc.is_punct(c, ',')
    {
        after = c;
    }
    let tail = after..end.min(after + 40);
    if end > after + 8 && !doc.is_punct(after, ',') {
        return None;
    }
    // "Lund complained of the cost", "warned against delay", "asked for calm": the verb's
    // own complement follows, and what comes before the subject is not what was said
    // ("…, Lund said of the plan" / "said with a smile": an adjunct of saying, the clause
    // before stands)
    let saying = matches!(verb.lemma, "say" | "tell" | "add" | "write");
    if !saying
        && doc
            .word(after)
            .is_some_and(|w| matches!(w, "of" | "about" | "against" | "for" | "with"))
    {
        return None;
    }
    let mut a = sent.start;
    while a < comma && (doc.punct(a).is_some() || doc.is_para(a)) {
        a += 1;
    }
    // a cue set inside its clause: "Kuwait, they said, was pumping …", "In two trials,
    // Merrell said, verdicts were …": the clause around the cue, or the part after it when
    // what comes before is an opening phrase
    let next = doc
        .is_punct(after, ',')
        .then(|| doc.word(after + 1))
        .flatten();
    // what follows the cue's comma carries on its clause, rather than adding a phrase of its
    // own ("…, Lund said, adding …", "…, because …", "…, especially in May")
    let goes_on = next.is_some_and(|w| {
        !w.ends_with("ing")
            && !is_adjunct_start(w)
            && !opens_phrase(w)
            && !matches!(
                w,
                "but"
                    | "and"
                    | "or"
                    | "whereas"
                    | "according"
                    | "who"
                    | "which"
                    | "because"
                    | "unless"
                    | "until"
                    | "than"
                    | "then"
                    | "not"
                    | "especially"
                    | "particularly"
                    | "including"
                    | "even"
                    | "citing"
            )
    });
    if goes_on
        && mention.is_some_and(|m| m.toks.end <= v && m.toks.start == comma + 1)
        && a < comma
        && doc.quote(a).is_none()
    {
        let opening = doc
            .word(a)
            .is_some_and(|w| opens_phrase(w) || matches!(w, "however" | "meanwhile" | "instead"));
        // after an opening phrase, the clause opens after the cue: "In May, Lund said, sales
        // fell"; else the cue stands between its subject and its verb: "Sales, Lund said, fell"
        // (not after a clause of its own: "Sales rose, Lund said, the most in years")
        let verb_like = |w: &str| {
            is_finite_verb(w)
                || is_singular_verb(w)
                || w.ends_with("ed")
                || matches!(w, "also" | "still" | "now" | "has" | "had" | "does" | "did")
        };
        let bare = comma - a <= 8 && !(a..comma).any(|j| doc.word(j).is_some_and(verb_like));
        let content = if opening {
            opens_clause(doc, after + 1).then_some(after + 1..end)
        } else if bare && next.is_some_and(verb_like) {
            Some(a..end)
        } else {
            None
        };
        if let Some(c) = content {
            let quoted = c.clone().any(|j| doc.quote(j).is_some());
            return (c.len() >= 2 && !quoted).then_some(c);
        }
    }
    // "…, Lund said that …" reports what follows; "…, Lund said, adding that …" or "…, Lund
    // said, but added “…”" has a phrase of its own after the comma
    let own_phrase = next.is_some_and(|w| w.ends_with("ing") || w == "but");
    if !own_phrase
        && tail
            .clone()
            .any(|j| doc.is_word(j, "that") || doc.quote(j).is_some())
    {
        return None;
    }
    if doc.quote(a).is_some() || comma < a + 3 {
        // a quote opening the sentence is a direct quote's business
        return None;
    }
    if doc.word(a).is_some_and(opens_phrase) {
        // "In a direct appeal to voters, Lund said": an opening phrase, not what was said;
        // "As a woman, she raised less suspicion, Lund said": the clause after it was
        let mut clause = (a + 1..comma)
            .find(|&j| doc.is_punct(j, ','))
            .map(|j| j + 1);
        // past an appositive to the phrase: "In Dalby, the capital, prices rose"
        while let Some(s) = clause
            && let Some(next) = appositive_end(doc, s, comma)
        {
            clause = Some(next + 1);
        }
        let clause = clause.filter(|&s| {
            let relative = doc.word(s).is_some_and(|w| {
                opens_phrase(w) || matches!(w, "where" | "who" | "which" | "whose" | "whom")
            });
            s + 2 < comma && !relative && opens_clause(doc, s)
        });
        return clause.map(|s| s..comma);
    }
    Some(a..comma)
}

/// The comma closing a short noun phrase that opens at token `s` and describes the one
/// before it ("the capital," in "In Dalby, the capital, prices rose"), before `limit`.
fn appositive_end(doc: &Doc, s: usize, limit: usize) -> Option<usize> {
    if !doc.word(s).is_some_and(names::is_determiner) {
        return None;
    }
    let comma = (s + 1..limit.min(s + 6)).find(|&j| doc.word(j).is_none())?;
    let noun_phrase = (s + 1..comma).all(|j| {
        doc.word(j).is_some_and(|w| {
            doc.lex(j).verb().is_none()
                && !doc.lex(j).is_aux_or_adverb()
                && !is_finite_verb(w)
                && !is_singular_verb(w)
                && !matches!(w, "that" | "who" | "which")
        })
    });
    // what follows must open a clause of its own, in lower case: in "the firm, Jefferies and
    // Co, drove …" or "the burden, along with charges, led to …" the phrase was the subject
    let clause_follows = !doc.is_cap(comma + 1) && opens_clause(doc, comma + 1);
    (noun_phrase && comma > s + 1 && doc.is_punct(comma, ',') && clause_follows).then_some(comma)
}

/// A word that opens a phrase before a sentence's clause ("In a direct appeal to voters,
/// …", "Despite the cost, …", "When the vote came, …").
fn opens_phrase(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "after"
            | "before"
            | "during"
            | "with"
            | "for"
            | "from"
            | "by"
            | "like"
            | "unlike"
            | "as"
            | "despite"
            | "without"
            | "since"
            | "over"
            | "under"
            | "when"
            | "while"
            | "if"
            | "although"
            | "though"
            | "because"
    )
}

/// "According to Lund, …" and "…, according to Lund."
fn according(doc: &Doc, cue: Range<usize>, inside_quote: bool) -> Option<Reported> {
    let sent = doc.sentence(cue.start);
    let end = sentence_text_end(doc, &sent);
    let found = subject::forward(doc, cue.end, end);
    let mention = found.as_ref().map(|(m, _)| m.clone());
    let np_end = found.map_or(cue.end, |(_, e)| e);
    if inside_quote && !mention.as_ref().is_some_and(|m| person_name(doc, m)) {
        return None;
    }
    let v = cue.start;
    let content = if doc.is_punct(np_end, ',')
        && (v == sent.start || !doc.is_punct(v - 1, ','))
        && np_end + 2 < end
    {
        np_end + 1..end
    } else {
        let mut a = sent.start;
        while a < v && (doc.punct(a).is_some() || doc.is_para(a)) {
            a += 1;
        }
        // "The bridge, according to Anna Berg, will reopen in May.": an aside inside the
        // statement, which is the whole sentence
        // (not after a lone opener, "But, according to X, Lund said …", nor around a
        // report of its own, which keeps its speaker)
        let words_before = (a..v.saturating_sub(1))
            .filter(|&j| doc.word(j).is_some())
            .count();
        let aside = v > a
            && doc.is_punct(v - 1, ',')
            && words_before >= 2
            && doc.is_punct(np_end, ',')
            && np_end + 2 < end
            && doc.word(np_end + 1).is_some()
            && !(a..end).any(|j| (j < v || j > np_end) && cues::cue_at(doc, j).is_some());
        if aside {
            a..end
        } else {
            let mut e = v;
            if e > sent.start && doc.is_punct(e - 1, ',') {
                e -= 1;
            }
            if e < a + 3 {
                return None;
            }
            a..e
        }
    };
    Some(Reported {
        cue,
        content,
        mention,
        inside_quote,
        relay: false,
    })
}

/// Content found from inside a quote stays inside that quote.
fn clip_to_quote(quotes: &Quotes, content: Range<usize>, v: usize) -> Range<usize> {
    match quotes.around(v).and_then(|k| quotes.list.get(k)) {
        Some(q) => {
            let end = content.end.min(q.last);
            content.start.min(end)..end
        }
        None => content,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reported(text: &str) -> Vec<(String, String)> {
        let doc = Doc::new(text);
        let quotes = Quotes::find(&doc);
        let consumed = vec![false; doc.len()];
        find(&doc, &quotes, &consumed)
            .into_iter()
            .filter(|r| !r.content.is_empty())
            .map(|r| {
                let who = r
                    .mention
                    .map(|m| doc.body[m.bytes(&doc)].to_string())
                    .unwrap_or_default();
                (who, doc.body[doc.bytes(r.content)].to_string())
            })
            .collect()
    }

    fn row(who: &str, what: &str) -> (String, String) {
        (who.to_string(), what.to_string())
    }

    #[test]
    fn said_that_reports_the_clause() {
        assert_eq!(
            reported("Lund said that the dam held."),
            [row("Lund", "the dam held")]
        );
    }

    #[test]
    fn a_named_hearer_before_a_contracted_clause_is_skipped() {
        assert_eq!(
            reported("Pate told Breitbart News he'd support Clinton."),
            [row("Pate", "he'd support Clinton")]
        );
    }

    #[test]
    fn a_request_or_a_question_after_its_hearer_is_reported() {
        assert_eq!(
            reported("Lund asked the judge to block the rules."),
            [row("Lund", "to block the rules")]
        );
        assert_eq!(
            reported("Pia Lind asked Berg how high the wall would be."),
            [row("Pia Lind", "how high the wall would be")]
        );
        // the question ends at its comma, where the answer's report begins
        assert_eq!(
            reported("When Lind asked Berg if it hurt, he said it did not."),
            [row("Lind", "if it hurt"), row("he", "it did not")]
        );
        // no hearer, no request: "asked to speak" is the asker's wish
        assert!(reported("Lund asked to speak.").is_empty());
    }

    #[test]
    fn a_gerund_or_a_clause_set_off_by_commas_opens_the_statement() {
        assert_eq!(
            reported("Lund said ending the talks now would be a mistake."),
            [row("Lund", "ending the talks now would be a mistake")]
        );
        assert_eq!(
            reported("Lund said trading partners had made no demands."),
            [row("Lund", "trading partners had made no demands")]
        );
        assert_eq!(
            reported("Pia Lind said, when she was young, a boss invited her to lunch."),
            [row(
                "Pia Lind",
                "when she was young, a boss invited her to lunch"
            )]
        );
        // after a clause of its own the statement is that clause
        assert_eq!(
            reported("The plan would help, Lund said, since the banks would be repaid."),
            [row("Lund", "The plan would help")]
        );
    }

    #[test]
    fn a_speech_act_reports_its_object() {
        assert_eq!(
            reported("Lund accused Berg of lying about the budget."),
            [row("Lund", "Berg of lying about the budget")]
        );
        assert_eq!(
            reported("Pia Lind criticised the plan, saying it was too costly."),
            [
                row("Pia Lind", "the plan"),
                row("Pia Lind", "it was too costly")
            ]
        );
        assert_eq!(
            reported("The mayor called for an inquiry into the fire."),
            [row("The mayor", "for an inquiry into the fire")]
        );
        assert_eq!(
            reported("Lund described the deal as a mistake."),
            [row("Lund", "the deal as a mistake")]
        );
        // no actor before it, a passive, a deed, a call that is no speech
        assert!(reported("Endorsed by Lund, the plan passed.").is_empty());
        assert!(reported("Lund was roundly criticized for the plan.").is_empty());
        assert!(reported("Troops attacked the town at dawn.").is_empty());
        assert!(reported("Lund called a meeting for Monday.").is_empty());
        assert!(reported("Lund described the harbour at length.").is_empty());
    }

    #[test]
    fn a_cue_inside_a_relative_clause_reports_the_rest_of_it() {
        assert_eq!(
            reported("The council approved the plan, which Lund said was too costly, on Monday."),
            [row("Lund", "was too costly")]
        );
        assert_eq!(
            reported("They freed a man who Pia Lind says is innocent."),
            [row("Pia Lind", "is innocent")]
        );
    }

    #[test]
    fn told_skips_the_hearer() {
        assert_eq!(
            reported("The dam held, analyst Pia Lind told Reuters."),
            [row("analyst Pia Lind", "The dam held")]
        );
        assert_eq!(
            reported("Lund told reporters on Monday that the dam held."),
            [row("Lund", "the dam held")]
        );
    }

    #[test]
    fn according_to_opens_a_clause() {
        assert_eq!(
            reported("According to him, the dam held."),
            [row("him", "the dam held")]
        );
    }

    #[test]
    fn according_to_closes_a_clause() {
        assert_eq!(
            reported("The dam held, according to Pia Lind."),
            [row("Pia Lind", "The dam held")]
        );
    }

    #[test]
    fn said_then_name_reports_the_clause_before() {
        assert_eq!(
            reported("The dam held for years, said Lund, a local engineer."),
            [row("Lund", "The dam held for years")]
        );
    }

    #[test]
    fn a_name_set_off_after_its_role_is_the_speaker() {
        assert_eq!(
            reported("The bank will not raise rates, its governor, Tom Lund, said."),
            [row("Tom Lund", "The bank will not raise rates")]
        );
        assert_eq!(
            reported("The head of the harbour board, Pia Lind, said the quay would open."),
            [row("Pia Lind", "the quay would open")]
        );
        // the name comes first: the role is its appositive, and the name after it another's
        assert_eq!(
            reported("Tom Lund, the editor of the paper, the Courier, said sales fell."),
            [row("Tom Lund", "sales fell")]
        );
        assert_eq!(
            reported("Mark Ruel, who lives outside the county seat, Dalby, said the roads closed."),
            [row("Mark Ruel", "the roads closed")]
        );
        // a plural subject with one of its members set off inside it
        // a participle's object set off by commas is no speaker
        for text in [
            "The report, written for the city's mayor, Ana Ruiz, said the dam was unsafe.",
            "The mayor, having fired her deputy, Ana Ruiz, said the plan was dead.",
        ] {
            let found = reported(text);
            assert!(
                found.iter().all(|(who, _)| who != "Ana Ruiz"),
                "{text}: {found:?}"
            );
        }
        let officials = reported(
            "The claims were false, and several former officials, including the mayor's former \
             chief of staff, Ann Berg, have said there was no plan.",
        );
        assert!(
            officials.iter().all(|(who, _)| who != "Ann Berg"),
            "{officials:?}"
        );
    }

    #[test]
    fn a_verb_with_its_own_complement_reports_no_clause_before() {
        // the opening phrase is the subject's appositive, not what was said
        for text in [
            "A loyal member of the club, Lund complained of the cost.",
            "Facing the board, Lund warned against delay.",
        ] {
            assert!(
                reported(text)
                    .iter()
                    .all(|(_, what)| !what.starts_with(['A', 'F'])),
                "{text}: {:?}",
                reported(text)
            );
        }
        // an adjunct after the cue is no complement, nor is the topic of saying
        assert_eq!(
            reported("The dam will hold until May, Lund said in a statement."),
            [row("Lund", "The dam will hold until May")]
        );
        for text in [
            "It is a disaster, Lund said of the plan.",
            "The dam will hold, Lund said with a smile.",
        ] {
            assert_eq!(reported(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn a_progressive_cue_reports_its_subject() {
        assert_eq!(
            reported("Pia Lind is saying the dam will hold."),
            [row("Pia Lind", "the dam will hold")]
        );
        assert_eq!(
            reported("The spokesman was warning that the dam would not hold."),
            [row("The spokesman", "the dam would not hold")]
        );
        // a passive's subject is still no speaker
        assert!(reported("Lund was told the dam would hold.").is_empty());
    }

    #[test]
    fn clauses_that_open_with_a_contraction_or_an_of_phrase_are_reported() {
        assert_eq!(
            reported("Lund said he'd rebuild the pier."),
            [row("Lund", "he'd rebuild the pier")]
        );
        assert_eq!(
            reported("Lund said they’ll rebuild the pier."),
            [row("Lund", "they’ll rebuild the pier")]
        );
        assert_eq!(
            reported("Lund said sales of new boats fell in May."),
            [row("Lund", "sales of new boats fell in May")]
        );
        // a noun and its "of" phrase without a verb is no clause
        assert!(reported("Lund said lots of things.").is_empty());
    }

    #[test]
    fn a_participle_after_the_cue_leaves_the_clause_before_reported() {
        let found =
            reported("The pier will reopen in May, Lund said, adding that it would cost more.");
        assert!(
            found.contains(&row("Lund", "The pier will reopen in May")),
            "{found:?}"
        );
        // a cue set inside the clause by commas: its subject was not what was said
        let found = reported("The trouble with the pier, Lund said, is that nobody owns it.");
        assert!(
            !found.contains(&row("Lund", "The trouble with the pier")),
            "{found:?}"
        );
    }

    #[test]
    fn an_opening_phrase_and_its_appositive_are_not_what_was_said() {
        assert_eq!(
            reported("In Dalby, the capital, prices rose sharply, Lund said."),
            [row("Lund", "prices rose sharply")]
        );
        assert_eq!(
            reported("As a woman, she raised less suspicion, Lund said."),
            [row("Lund", "she raised less suspicion")]
        );
        // a clause that opens with a determiner is no appositive
        assert_eq!(
            reported("In Dalby, the prices rose, Lund said."),
            [row("Lund", "the prices rose")]
        );
        // nor is a subject that a phrase between commas follows
        assert_eq!(
            reported("In May, the cost of fuel, along with wages, rose sharply, Lund said."),
            [row(
                "Lund",
                "the cost of fuel, along with wages, rose sharply"
            )]
        );
    }

    #[test]
    fn a_cue_set_inside_its_clause_reports_the_clause() {
        // between the subject and its verb: the whole sentence
        assert_eq!(
            reported("The new pier, Lund said, will open in May."),
            [row("Lund", "The new pier, Lund said, will open in May")]
        );
        // after an opening phrase: the clause after the cue
        assert_eq!(
            reported("In two of the trials, Lund said, the verdicts went against the port."),
            [row("Lund", "the verdicts went against the port")]
        );
        // a phrase of its own after the cue's comma leaves the clause before
        assert_eq!(
            reported("The pier will open in May, Lund said, because the frost has gone."),
            [row("Lund", "The pier will open in May")]
        );
        assert_eq!(
            reported("But the pier will open in May, Lund said, unless it rains."),
            [row("Lund", "But the pier will open in May")]
        );
        // a clause of its own before the cue: it stays what was said
        assert_eq!(
            reported("Sales rose 5 percent, Lund said, the highest in a decade."),
            [row("Lund", "Sales rose 5 percent")]
        );
        assert_eq!(
            reported("In May, Lund said, sales rose."),
            [row("Lund", "sales rose")]
        );
    }

    #[test]
    fn an_opening_phrase_or_a_closing_adjunct_leaves_the_clause_reported() {
        assert_eq!(
            reported("As the harbour master, she kept the pier open, Lund said."),
            [row("Lund", "she kept the pier open")]
        );
        // an opening phrase and no clause after it: nothing was said there
        assert!(reported("In a direct appeal to voters, Lund said.").is_empty());
        assert!(reported("In Dalby, where jobs are scarce, Lund said.").is_empty());
        assert_eq!(
            reported("The pier will open in May, Lund said on Monday, and the ferry will follow."),
            [row("Lund", "The pier will open in May")]
        );
        // a participle with no subject before an adjunct: no statement
        assert!(
            reported("The accords, agreed in Paris in May, called for stable rates.").is_empty()
        );
    }

    #[test]
    fn as_x_said_reports_the_main_clause() {
        assert_eq!(
            reported("As Lund said in May, the dam held."),
            [row("Lund", "in May, the dam held")]
        );
    }

    #[test]
    fn pointed_out_is_a_cue() {
        assert_eq!(
            reported("Lund pointed out that the dam held."),
            [row("Lund", "the dam held")]
        );
    }

    #[test]
    fn a_cognition_verb_needs_a_clause() {
        assert_eq!(
            reported("She thinks the dam held."),
            [row("She", "the dam held")]
        );
        assert!(reported("She thinks about the dam.").is_empty());
    }

    #[test]
    fn a_bare_singular_noun_opens_a_clause_when_its_verb_agrees() {
        assert_eq!(
            reported("Kari Nes said turnout was high."),
            [row("Kari Nes", "turnout was high")]
        );
        assert_eq!(
            reported("Kari Nes said farm income would fall."),
            [row("Kari Nes", "farm income would fall")]
        );
        // a plural verb after a singular noun, or a pronoun after an adverb, is no clause
        assert!(reported("Kari Nes said goodbye were the words.").is_empty());
        assert!(reported("Kari Nes said maybe they can start.").is_empty());
    }

    #[test]
    fn a_time_that_owns_the_subject_belongs_to_the_clause() {
        assert_eq!(
            reported("Kari Nes said today's vote was fair."),
            [row("Kari Nes", "today's vote was fair")]
        );
        assert_eq!(
            reported("Kari Nes said last week's talks were useful."),
            [row("Kari Nes", "last week's talks were useful")]
        );
        assert_eq!(
            reported("Kari Nes said last night's vote was fair."),
            [row("Kari Nes", "last night's vote was fair")]
        );
        assert_eq!(
            reported("Kari Nes said Friday's vote was fair."),
            [row("Kari Nes", "Friday's vote was fair")]
        );
        assert_eq!(
            reported("Kari Nes said on Monday the vote was fair."),
            [row("Kari Nes", "the vote was fair")]
        );
    }

    #[test]
    fn a_bare_day_or_a_manner_before_a_clause_without_that_is_skipped() {
        assert_eq!(
            reported("Mayor Kari Nes said Tuesday the harbour would reopen."),
            [row("Mayor Kari Nes", "the harbour would reopen")]
        );
        assert_eq!(
            reported("Kari Nes said late Friday it would reopen."),
            [row("Kari Nes", "it would reopen")]
        );
        assert_eq!(
            reported("Kari Nes said in a statement Monday the vote was fair."),
            [row("Kari Nes", "the vote was fair")]
        );
        // the day owns the subject
        assert_eq!(
            reported("Kari Nes said Tuesday's vote was fair."),
            [row("Kari Nes", "Tuesday's vote was fair")]
        );
        // a bare day and nothing after it: no content
        assert!(
            reported("The pier will open, Kari Nes said Tuesday.")
                .iter()
                .all(|(_, c)| c == "The pier will open")
        );
    }

    #[test]
    fn a_participle_after_an_article_or_a_possessive_is_an_adjective() {
        assert!(reported("The alleged plot was foiled in time.").is_empty());
        assert!(reported("Its stated aim is growth.").is_empty());
        assert!(reported("Rates fell after an estimated surplus was announced.").is_empty());
        assert!(reported("Her stated aim is growth.").is_empty());
        // "her" as an object leaves the cue after it alone
        assert_eq!(
            reported("A witness who saw her said she was calm."),
            [row("", "she was calm")]
        );
        // "some said", "another said" keep their cue
        assert_eq!(
            reported("Some said the plan was dead."),
            [row("", "the plan was dead")]
        );
    }

    #[test]
    fn a_quantifier_or_an_irregular_plural_opens_a_clause() {
        assert_eq!(
            reported("Goodlatte said several people have been prosecuted."),
            [row("Goodlatte", "several people have been prosecuted")]
        );
        assert_eq!(
            reported("Anna Berg said people were angry."),
            [row("Anna Berg", "people were angry")]
        );
        assert_eq!(
            reported("Anna Berg said police had closed the road."),
            [row("Anna Berg", "police had closed the road")]
        );
        assert_eq!(
            reported("Anna Berg said everyone should vote."),
            [row("Anna Berg", "everyone should vote")]
        );
        // not a clause: "said people" with no verb of its own after it
        assert!(reported("Anna Berg said people familiar with it.").is_empty());
        // "police" before a noun is a modifier, and the verb comes after the noun
        assert_eq!(
            reported("Carlos said police data showed a rise."),
            [row("Carlos", "police data showed a rise")]
        );
        // a quantifier with its noun and nothing after them is the speaker
        assert_eq!(
            reported("The vote was a surprise, said several observers."),
            [row("", "The vote was a surprise")]
        );
    }

    #[test]
    fn a_second_report_joined_by_but_ends_the_clause() {
        assert_eq!(
            reported(
                "Sources said several producers had trouble, but Kuwait has said there are no plans."
            ),
            [
                row("", "several producers had trouble"),
                row("Kuwait", "there are no plans")
            ]
        );
        // "but" with no report of its own after it stays inside the clause
        assert_eq!(
            reported("Lund said the dam held but the road flooded."),
            [row("Lund", "the dam held but the road flooded")]
        );
        assert_eq!(
            reported("Lund said the claims were false, but they would keep talking."),
            [row(
                "Lund",
                "the claims were false, but they would keep talking"
            )]
        );
    }

    #[test]
    fn a_second_report_by_a_body_or_after_an_aside_ends_the_clause() {
        for (text, first) in [
            (
                "Anna Berg said taxes would rise and the union said it would strike.",
                "taxes would rise",
            ),
            (
                "Anna Berg said taxes would rise, but the mayor's office said they would not.",
                "taxes would rise",
            ),
            (
                "Anna Berg said the plan had failed and Peter Lund, 54, said it was working.",
                "the plan had failed",
            ),
            (
                "Anna Berg said the plan had failed and Peter Lund, the councillor, said it worked.",
                "the plan had failed",
            ),
        ] {
            let found = reported(text);
            assert_eq!(
                found.first().map(|r| r.1.as_str()),
                Some(first),
                "{text}: {found:?}"
            );
            assert_eq!(found.len(), 2, "{text}: {found:?}");
            // the second speaker is found past the aside
            if text.contains("Peter Lund") {
                assert_eq!(found[1].0, "Peter Lund", "{text}: {found:?}");
            }
        }
    }

    #[test]
    fn according_to_as_an_aside_reports_the_whole_sentence() {
        assert_eq!(
            reported("The bridge, according to Anna Berg, will reopen in May."),
            [row(
                "Anna Berg",
                "The bridge, according to Anna Berg, will reopen in May"
            )]
        );
        // at the very start of the body, it opens the statement (no aside)
        assert_eq!(
            reported("According to Anna Berg, the bridge will reopen in May."),
            [row("Anna Berg", "the bridge will reopen in May")]
        );
        // a lone opener before it, or a report of its own after it: the report stays its own
        let found = reported("But, according to Tom Lund, Anna Berg said the bridge was unsafe.");
        assert!(
            found.contains(&row("Anna Berg", "the bridge was unsafe")),
            "{found:?}"
        );
        let found =
            reported("Anna Berg said, according to the Courier, that the bridge was unsafe.");
        assert!(
            found.iter().all(|r| !r.1.contains("according to")),
            "{found:?}"
        );
    }

    #[test]
    fn that_after_an_aside_opens_the_clause() {
        assert_eq!(
            reported("Anna Berg said on Monday, in a statement, that the vote was fair."),
            [row("Anna Berg", "the vote was fair")]
        );
    }

    #[test]
    fn the_and_inside_a_bodys_name_opens_no_clause() {
        let found = reported(
            "The Committee on Credit and Savings, led by Ola Dahl, said rates would rise.",
        );
        assert!(found.iter().all(|r| r.0 != "Savings"), "{found:?}");
    }

    #[test]
    fn a_cue_after_and_shares_the_subject_before_it() {
        assert_eq!(
            reported("Ms Dahl added that the plan was sound and said costs would fall."),
            [
                row("Ms Dahl", "the plan was sound"),
                row("Ms Dahl", "costs would fall")
            ]
        );
        assert_eq!(
            reported("Berg said the offer was poor but also said talks would go on."),
            [
                row("Berg", "the offer was poor"),
                row("Berg", "talks would go on")
            ]
        );
        // the main subject, not one inside the first clause
        assert_eq!(
            reported("Lawson said the economy is sound and added that prices were stable."),
            [
                row("Lawson", "the economy is sound"),
                row("Lawson", "prices were stable")
            ]
        );
        // a participle after "and" is no new report
        assert_eq!(
            reported("Lund said the bridge was built and said to be safe."),
            [row("Lund", "the bridge was built and said to be safe")]
        );
    }

    #[test]
    fn any_cue_takes_a_clause_opened_by_a_pronoun_and_its_verb() {
        assert_eq!(
            reported("HP announced it would slash 30,000 jobs."),
            [row("HP", "it would slash 30,000 jobs")]
        );
        assert_eq!(
            reported("The agency confirmed they were safe."),
            [row("The agency", "they were safe")]
        );
        // an object is no clause
        assert!(reported("HP announced a deal with Dell.").is_empty());
        assert!(reported("HP announced it.").is_empty());
    }

    #[test]
    fn a_number_opens_a_clause_and_a_hearer_with_an_article_is_skipped() {
        assert_eq!(
            reported("Anna Berg said two people were arrested."),
            [row("Anna Berg", "two people were arrested")]
        );
        assert_eq!(
            reported("Tom Kessler told the committee the budget was fixed."),
            [row("Tom Kessler", "the budget was fixed")]
        );
        assert_eq!(
            reported("Tom Kessler told the city council it would pay."),
            [row("Tom Kessler", "it would pay")]
        );
        // a hearer and no clause
        assert!(reported("Tom Kessler told the committee about the budget.").is_empty());
    }

    #[test]
    fn two_reports_joined_by_and_are_two() {
        assert_eq!(
            reported("Anna Berg said the bridge was safe and Tom Baker said it was not."),
            [
                row("Anna Berg", "the bridge was safe"),
                row("Tom Baker", "it was not")
            ]
        );
        assert_eq!(
            reported("Lloyds said it is reviewing the loans and Moore denied that it mattered."),
            [
                row("Lloyds", "it is reviewing the loans"),
                row("Moore", "it mattered")
            ]
        );
        assert_eq!(
            reported("Anna Berg said the bridge was safe but that repairs were needed."),
            [row(
                "Anna Berg",
                "the bridge was safe but that repairs were needed"
            )]
        );
    }

    #[test]
    fn a_day_and_a_place_after_the_cue_leave_the_clause_before_reported() {
        assert_eq!(
            reported("The plan is reckless, Hollande said Tuesday in Paris, noting the cost."),
            [
                row("Hollande", "The plan is reckless"),
                row("Hollande", "the cost")
            ]
        );
    }

    #[test]
    fn a_plea_in_court_is_not_speech() {
        assert!(reported("Lyle White pleaded guilty to theft.").is_empty());
        assert!(reported("Ana Ruiz pleads not guilty to fraud.").is_empty());
        assert!(reported("Ana Ruiz pleaded no contest.").is_empty());
    }

    #[test]
    fn plural_nouns_are_not_cues() {
        assert!(reported("The states said nothing, and the claims grew.").is_empty());
    }

    #[test]
    fn passive_told_is_not_a_cue() {
        assert!(reported("Lund was told that the dam held.").is_empty());
    }

    #[test]
    fn issued_statements_are_not_speech() {
        assert!(reported("The ministry issued two statements about the dam.").is_empty());
    }

    #[test]
    fn a_cue_inside_a_quote_needs_a_person_name() {
        let text = "“Norway declared that it would help, and President Ola Berg stated that aid is coming,” she said.";
        assert_eq!(
            reported(text),
            [row("President Ola Berg", "aid is coming,")]
        );
    }
}
