//! Finds the noun phrase that names the speaker of a cue: before it ("Lund said"), after it ("said Lund"), or the sentence subject.

use std::ops::Range;

use super::cues;
use super::lexicon::Lex;
use super::names::{self, Mention, Pron, What};
use super::quotes::Quotes;
use super::text::{Doc, Kind};

/// Tokens a participle ("…, adding") looks back for the cue whose speaker it shares.
const MAX_PARTICIPLE_REACH: usize = 40;

/// Longest noun phrase scanned, in tokens.
const MAX_NP: usize = 14;

/// Prepositions that may sit inside a speaker phrase ("spokesman for", "head of").
fn is_np_preposition(w: &str) -> bool {
    matches!(w, "of" | "for" | "to" | "at" | "with")
}

/// A lower-case word that is not a function word, verb or pronoun: it may modify a role head.
/// `lex` is the word's `lexicon::classify`.
fn is_modifier(w: &str, lex: Lex) -> bool {
    !lex.is_role_head()
        && names::pronoun(w).is_none()
        && !names::is_determiner(w)
        && !is_np_preposition(w)
        && lex.verb().is_none()
        && !lex.is_aux_or_adverb()
        && !matches!(
            w,
            "and"
                | "or"
                | "but"
                | "that"
                | "which"
                | "who"
                | "is"
                | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "to"
                | "in"
                | "on"
                | "by"
                | "from"
                | "as"
                | "than"
                | "not"
                | "if"
                | "when"
                | "while"
                | "because"
                | "so"
                | "it"
                | "this"
                | "there"
                | "into"
                | "about"
                | "after"
                | "before"
                | "during"
                | "since"
                | "what"
                | "how"
                | "why"
                | "where"
                | "all"
                | "over"
                | "under"
                | "out"
                | "up"
                | "down"
                | "off"
                | "no"
                | "yes"
                | "only"
                | "even"
                | "like"
                | "against"
                | "through"
                | "whether"
                | "these"
                | "those"
                | "them"
                | "him"
                | "us"
                | "me"
                | "very"
                | "more"
                | "most"
        )
}

fn is_head(w: &str, lex: Lex) -> bool {
    lex.is_role_head() || matches!(w, "campaign" | "camp" | "officials" | "spokesmen")
}

/// An aside between a name and its relative clause: an age ("24") or a phrase that opens with a
/// preposition ("from Oslo", "of the Heritage Foundation").
fn is_aside(doc: &Doc, toks: std::ops::Range<usize>) -> bool {
    let words = || toks.clone().filter(|&j| doc.word(j).is_some());
    let Some(first) = words().next() else {
        return false;
    };
    let age = toks.len() == 1 && doc.text(first).bytes().all(|b| b.is_ascii_digit());
    let place = doc.word(first).is_some_and(names::is_preposition) && words().count() <= 6;
    age || place
}

/// The speaker phrase ending right before token `end` (exclusive), not reaching before `floor`.
pub(crate) fn backward(doc: &Doc, end: usize, floor: usize) -> Option<Mention> {
    if end == 0 || end <= floor {
        return None;
    }
    let k = end - 1;
    if let Some(p) = doc.word(k).and_then(names::pronoun) {
        if p == Pron::Relative {
            // "Lund, who said" names Lund; "Lund, the party's chair, who said" too
            if k > floor && doc.is_punct(k - 1, ',') {
                let mut end = k - 1;
                let mut first = None;
                let person = |m: &Mention| matches!(&m.what, What::Name { run } if !names::is_org_run(doc, run));
                // "Lund, 24, from Oslo, who said": an age or a place is passed over for a person
                // named before it; "an endorsement, from Pia Lind, who said" has none
                let mut aside = None;
                for _ in 0..4 {
                    let start = (floor..end)
                        .rev()
                        .find(|&j| doc.is_punct(j, ','))
                        .map_or(floor, |j| j + 1);
                    if start > floor && is_aside(doc, start..end) {
                        if aside.is_none() {
                            aside = backward(doc, end, floor).filter(person);
                        }
                        end = start - 1;
                        continue;
                    }
                    let Some(m) = backward(doc, end, floor) else {
                        break;
                    };
                    if person(&m) {
                        return Some(m);
                    }
                    let s = m.toks.start;
                    first.get_or_insert(m);
                    if s == floor || !doc.is_punct(s - 1, ',') {
                        break;
                    }
                    end = s - 1;
                }
                return aside.or(first);
            }
            if k > floor && doc.is_cap(k - 1) {
                return backward(doc, k, floor);
            }
            return None;
        }
        // only a nominative pronoun is a subject ("only to have her ask" is not)
        if !matches!(
            doc.low(k),
            "he" | "she" | "they" | "i" | "we" | "you" | "it"
        ) {
            return None;
        }
        return Some(Mention {
            toks: k..end,
            what: What::Pronoun(p),
            role: None,
        });
    }
    let mut s = end;
    let mut saw_head = false;
    let mut group = false;
    let mut modifiers = 0;
    while s > floor && end - s < MAX_NP {
        let t = s - 1;
        match doc.toks[t].kind {
            // "Banc One Corp said": a company's name may hold any capitalised word
            Kind::Word
                if names::is_company_suffix(doc.low(end - 1))
                    && (s == end - 1 || names::is_company_word(doc, s))
                    && names::is_company_word(doc, t)
                    // the first word of the company opens names: "Meanwhile Norsk Video Corp"
                    && (names::opens_company(doc, t)
                        || (t > floor && names::is_company_word(doc, t - 1))) =>
            {
                s = t;
            }
            Kind::Word => {
                let (w, lex) = (doc.low(t), doc.lex(t));
                if doc.is_cap(t) {
                    if lex.is_cap_stop() && !lex.is_title() && !names::joined_initials(doc, t) {
                        if matches!(w, "the" | "a" | "an") {
                            s = t;
                        }
                        break;
                    }
                    s = t;
                } else if names::is_determiner(w) {
                    // "that Trump believes": a conjunction, not a determiner, before a name
                    if matches!(w, "that" | "this") && doc.is_cap(s) {
                        break;
                    }
                    s = t;
                    if t > floor && doc.is_word(t - 1, "of") {
                        continue;
                    }
                    break;
                } else if s == end
                    && t >= floor + 2
                    && doc.is_word(t - 1, "of")
                    && doc.lex(t - 2).is_role_head()
                {
                    // "the head of state said"
                    s = t;
                } else if is_np_preposition(w) {
                    if s == end {
                        break;
                    }
                    s = t;
                } else if names::opens_class(doc, t)
                    || (w == "and" && s < end && doc.is_cap(s) && t > floor && doc.is_cap(t - 1))
                {
                    // "Sgt. 1st Class Pia Lind said"; "Lund and Berg said"
                    s = t;
                } else if w == "on"
                    && s < end
                    && doc.is_cap(s)
                    && t > floor
                    && doc.is_cap(t - 1)
                    && names::is_body_word(doc.low(t - 1))
                {
                    // "the Council on Foreign Relations said"
                    s = t;
                } else if is_head(w, lex)
                    || lex.is_role_stem()
                    || (s == end
                        && t > floor
                        && doc.is_word(t - 1, "the")
                        && names::is_body_noun(w))
                {
                    // "the analyst said"; "the company said"
                    s = t;
                    saw_head = true;
                } else if s == end && lex.is_generic_head() {
                    // "…, police said", "…, the report said", "…, some said": a group or a
                    // document right before the cue, no one by name
                    s = t;
                    saw_head = true;
                    group = true;
                } else if saw_head && modifiers < 3 && is_modifier(w, lex) {
                    s = t;
                    modifiers += 1;
                } else {
                    break;
                }
            }
            Kind::Punct('.') if t > floor && doc.glued_left(t) && doc.is_cap(t - 1) => s = t,
            Kind::Punct(')') => {
                let open = (t.saturating_sub(10).max(floor)..t)
                    .rev()
                    .find(|&j| doc.is_punct(j, '('));
                match open {
                    Some(o) => s = o,
                    None => break,
                }
            }
            Kind::Punct('-' | '&') if s < end => s = t,
            _ => break,
        }
    }
    while s < end && doc.word(s).is_some_and(is_np_preposition) && !names::joined_initials(doc, s) {
        s += 1;
    }
    if s >= end {
        return None;
    }
    // "the representative to the European agency said": the group or body is the object of
    // a preposition, and someone named before it speaks
    if group
        && s > floor
        && doc.word(s - 1).is_some_and(|w| {
            matches!(
                w,
                "to" | "for" | "at" | "with" | "from" | "by" | "in" | "on"
            )
        })
    {
        return None;
    }
    if s > floor + 2 && doc.is_punct(s - 1, ',') && doc.is_cap(s) && !names_a_person(doc, s, end) {
        // "Pia Lind of Columbia, South Carolina, says": skip the place back to the person
        // (not past "..., Gov. John Kasich said", nor back to the place of "After winning
        // Ohio in the primary, ...")
        let c = s - 1;
        if let Some(p) = (c.saturating_sub(4).max(floor)..c).rev().find(|&j| {
            doc.word(j)
                .is_some_and(|w| matches!(w, "of" | "from" | "in"))
        }) && let Some(m) = backward(doc, p, floor)
            && matches!(&m.what, What::Name { run } if may_be_a_person(doc, run))
        {
            return Some(m);
        }
    }
    if s > floor && doc.is_word(s - 1, "of") {
        // "8 percent of Democrats said", "members of Congress said": the head is a quantity
        return Some(Mention {
            toks: s..end,
            what: What::Generic,
            role: None,
        });
    }
    if let Some(head) = group_by(doc, s, end, floor) {
        // "The Foreign Ministry in Beijing said": a body named by its name speaks
        if doc.is_cap(head)
            && doc.sentence(head).start != head
            && let Some(m) = backward(doc, head + 1, floor)
        {
            return Some(m);
        }
        return Some(Mention {
            toks: head..end,
            what: What::Generic,
            role: None,
        });
    }
    names::analyse(doc, s, end)
}

/// Where a group that speaks starts when the name at `s..end` only places it: "Officials in
/// Oslo said", "Rescue workers in southern Turkey said", "Diplomats at the United Nations
/// said", "Sources close to Anna Lie said", "Aides to President Tove Brun said". The place
/// or the person is not who spoke ("a spokesman for Lund", a role, and "officials of the
/// ministry", who speak for it, are left to the name).
fn group_by(doc: &Doc, s: usize, end: usize, floor: usize) -> Option<usize> {
    let generic = |j: usize| doc.word(j).is_some() && doc.lex(j).is_generic_head();
    // the group heads the phrase: "Aides to President Tove Brun"
    if generic(s) && s + 2 < end && doc.word(s + 1).is_some_and(|w| matches!(w, "to" | "at")) {
        return Some(s);
    }
    // the group stands before the phrase, past a preposition of place and an adjective
    // ("southern") or article
    let mut j = s;
    if j > floor
        && doc
            .word(j - 1)
            .is_some_and(|w| w == "the" || (w.ends_with("ern") && !doc.is_cap(j - 1)))
    {
        j -= 1;
    }
    let p = j.checked_sub(1).filter(|&p| p > floor)?;
    let head = match doc.word(p)? {
        "in" | "at" | "near" | "inside" | "outside" | "around" | "across" => p - 1,
        "to" if p >= floor + 2 && doc.is_word(p - 1, "close") => p - 2,
        "to" => p - 1,
        _ => return None,
    };
    generic(head).then_some(head)
}

/// Whether the `)` at `close` ends a party and state as US papers write them after a
/// lawmaker's name: "(R-OH)", "(D-Calif.)", "(I-Vt.)".
fn party_bracket(doc: &Doc, close: usize) -> bool {
    if !doc.is_punct(close, ')') || close < 3 {
        return false;
    }
    let Some(open) = (close.saturating_sub(6)..close)
        .rev()
        .find(|&j| doc.is_punct(j, '('))
    else {
        return false;
    };
    let party = |t: &str| matches!(t, "R" | "D" | "I");
    let first = doc.text(open + 1);
    // "R-OH" is one word; "R - OH" would be three tokens
    match first.split_once('-') {
        Some((p, state)) => party(p) && state.starts_with(|c: char| c.is_ascii_uppercase()),
        None => {
            party(first) && doc.is_punct(open + 2, '-') && open + 3 < close && doc.is_cap(open + 3)
        }
    }
}

/// Whether the capitalised run `s..end` names a person: a title or a listed first name
/// followed by a name ("Gov. John Kasich", "Gov. Kasich", "John Kasich"), not a place
/// ("South Carolina", "Victoria", "Prince Edward Island") nor an organisation.
fn names_a_person(doc: &Doc, s: usize, end: usize) -> bool {
    let words = || (s..end).filter(|&j| doc.word(j).is_some());
    let Some(first) = words().next() else {
        return false;
    };
    let lex = doc.lex(first);
    doc.is_cap(first)
        && (lex.is_title() || lex.first_name_gender() != names::Gender::Unknown)
        && words()
            .skip(1)
            .any(|j| doc.is_cap(j) && !doc.lex(j).is_title())
        && !words().any(|j| is_place_word(doc.low(j)))
        && !names::is_org_run(doc, &(s..end))
}

/// A word that makes a name a place's: "Marshall Islands", "Quezon City".
fn is_place_word(w: &str) -> bool {
    matches!(
        w,
        "island"
            | "islands"
            | "city"
            | "county"
            | "province"
            | "state"
            | "republic"
            | "territory"
            | "bay"
            | "beach"
            | "valley"
            | "springs"
            | "heights"
    )
}

/// Whether a name found before "of", "in" or "from" may be the person a place after it
/// belongs to: not an organisation, and a person by `names_a_person` or of two words at
/// least ("Ngozi Okonjo of Abuja, Nigeria", not "Ohio in the primary, ...").
fn may_be_a_person(doc: &Doc, run: &Range<usize>) -> bool {
    let words = run.clone().filter(|&j| doc.word(j).is_some()).count();
    !names::is_org_run(doc, run) && (words >= 2 || names_a_person(doc, run.start, run.end))
}

/// The speaker phrase starting at token `a`, not reaching `limit`: the mention and where it ends.
pub(crate) fn forward(doc: &Doc, a: usize, limit: usize) -> Option<(Mention, usize)> {
    let limit = limit.min(doc.len());
    if a >= limit {
        return None;
    }
    if let Some(p) = doc.word(a).and_then(names::pronoun) {
        let alone = doc.word(a + 1).is_none_or(|_| doc.is_para(a + 1));
        if matches!(
            doc.low(a),
            "he" | "she" | "they" | "i" | "we" | "him" | "them"
        ) || (doc.low(a) == "her" && alone)
        {
            let m = Mention {
                toks: a..a + 1,
                what: What::Pronoun(p),
                role: None,
            };
            return Some((m, a + 1));
        }
        if !matches!(doc.low(a), "his" | "her" | "their") {
            return None;
        }
    }
    // an age is not part of the name: "62-year-old Pia Lind"
    let a = if is_age(doc.low(a)) && a + 1 < limit && doc.is_cap(a + 1) {
        a + 1
    } else {
        a
    };
    let mut e = a;
    while e < limit && e - a < MAX_NP {
        match doc.toks[e].kind {
            Kind::Word => {
                let (w, lex) = (doc.low(e), doc.lex(e));
                if doc.is_cap(e) {
                    if lex.is_cap_stop()
                        && !lex.is_title()
                        && !matches!(w, "the" | "a" | "an")
                        && !names::month_first_name(doc, e)
                    {
                        break;
                    }
                } else if names::is_determiner(w) {
                    let after_prep = e > a && doc.word(e - 1).is_some_and(is_np_preposition);
                    if (e != a && !after_prep) || matches!(w, "that" | "this") {
                        break;
                    }
                } else if is_np_preposition(w) {
                    if e == a {
                        break;
                    }
                } else if names::is_numbered_rank(w) && doc.lex(e + 1).is_title() {
                    // "Air Force 1st Lt. Tyler Livingston"
                } else if !(lower_word_continues(doc, e, a, limit) || names::opens_class(doc, e)) {
                    break;
                }
                e += 1;
            }
            Kind::Punct('.')
                if e > a
                    && doc.glued_left(e)
                    && doc.is_cap(e - 1)
                    && names::is_short_word(doc, e - 1) =>
            {
                e += 1;
            }
            Kind::Punct('(') => match (e..(e + 10).min(limit)).find(|&j| doc.is_punct(j, ')')) {
                Some(c) => e = c + 1,
                None => break,
            },
            Kind::Punct('-' | '&') if e > a => e += 1,
            _ => break,
        }
    }
    // drop trailing words that cannot end a speaker phrase
    while e > a {
        let t = e - 1;
        let keep = match doc.toks[t].kind {
            Kind::Word => {
                let lex = doc.lex(t);
                doc.is_cap(t) || is_head(doc.low(t), lex) || lex.is_role_stem()
            }
            Kind::Punct(c) => c == ')' || c == '.',
            _ => false,
        };
        if keep {
            break;
        }
        e -= 1;
    }
    if e <= a {
        return None;
    }
    names::analyse(doc, a, e).map(|m| (m, e))
}

/// The lower-case word at `e` belongs to a speaker phrase that started at `a`: "and" between
/// two names, a role head ("spokesman"), a modifier before one ("senior"), or the role word
/// right before a name ("Concord resident Pia Lind").
fn lower_word_continues(doc: &Doc, e: usize, a: usize, limit: usize) -> bool {
    let (w, lex) = (doc.low(e), doc.lex(e));
    let name_next = e + 1 < limit && doc.is_cap(e + 1) && !doc.lex(e + 1).is_cap_stop();
    (w == "and" && e > a && doc.is_cap(e - 1) && name_next)
        || is_head(w, lex)
        || lex.is_role_stem()
        || (is_modifier(w, lex) && !verb_after_name(doc, e, a) && head_follows(doc, e, limit))
        || (names::is_noun_like(w, lex) && name_next)
        || role_object(doc, e, a, limit)
        || ((lex.is_modifier_adjective() || w == "state") && titled_name_next(doc, e + 1, limit))
}

/// An age written before a name: "62-year-old" in "62-year-old Pia Lind".
fn is_age(w: &str) -> bool {
    w.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The lower-case word at `e` completes "head of …" before a name: "secretary of state Pia
/// Lind", "director of public affairs Ola Berg".
fn role_object(doc: &Doc, e: usize, a: usize, limit: usize) -> bool {
    let of = (a + 1..e)
        .rev()
        .take(3)
        .find(|&j| doc.is_word(j, "of"))
        .filter(|&j| is_head(doc.low(j - 1), doc.lex(j - 1)));
    of.is_some()
        && (e + 1..(e + 4).min(limit))
            .find(|&j| {
                doc.is_cap(j)
                    || doc
                        .word(j)
                        .is_none_or(|w| doc.lex(j).is_function_word() && w != "of")
            })
            .is_some_and(|j| doc.is_cap(j) && !doc.lex(j).is_cap_stop())
}

/// A capitalised run starts at `i` that holds a title or at least two words: "Army Lt. Gen.
/// Pia Lind", "Pia Lind", but not "Monday".
fn titled_name_next(doc: &Doc, i: usize, limit: usize) -> bool {
    names::run_starting_at(doc, i, limit).is_some_and(|r| {
        let words = r.clone().filter(|&j| doc.word(j).is_some()).count();
        words >= 2 || r.clone().any(|j| doc.lex(j).is_title())
    })
}

/// The lower-case word at `e` reads as the verb of a name right before it: "Lund blamed local
/// officials" is a clause, not a noun phrase, although "blamed local officials" looks like one.
fn verb_after_name(doc: &Doc, e: usize, a: usize) -> bool {
    let w = doc.low(e);
    e > a
        && doc.is_cap(e - 1)
        && ((w.len() > 4 && w.ends_with("ed") && !doc.lex(e).is_modifier_adjective())
            || names::is_irregular_past(w))
}

/// A role head follows `e` within three lower-case words.
fn head_follows(doc: &Doc, e: usize, limit: usize) -> bool {
    let mut name_at = None;
    for j in e + 1..(e + 6).min(limit) {
        match doc.word(j) {
            Some(w) if !doc.is_cap(j) && is_head(w, doc.lex(j)) => return true,
            Some(w)
                if !doc.is_cap(j)
                    && name_at.is_none()
                    && (is_modifier(w, doc.lex(j)) || w == "of") =>
            {
                continue;
            }
            // "master of ceremonies Pia Lind"; "a 2008 Clinton veteran"
            Some(_) if doc.is_cap(j) && !doc.lex(j).is_cap_stop() => {
                name_at.get_or_insert(j);
            }
            _ => break,
        }
    }
    name_at.is_some_and(|j| j > e + 1)
}

/// The subject of the sentence starting at `start` and where it ends, when it ends before `before`.
/// A quote opening the sentence is skipped ("“…,” Lund said, adding"), and so is an opening
/// phrase closed by a comma ("In an interview, Lund said").
pub(crate) fn subject_span(
    doc: &Doc,
    quotes: &Quotes,
    start: usize,
    before: usize,
) -> Option<(Mention, usize)> {
    let mut a = start;
    if doc.quote(a).is_some()
        && let Some(q) = quotes.around(a).and_then(|k| quotes.list.get(k))
    {
        a = q.last + 1;
    }
    // skip an opening conjunction or bracket: "But Lund, ...", "(Lund's aide"
    while a < before
        && (doc.punct(a).is_some()
            || doc.quote(a).is_some()
            || doc.word(a).is_some_and(|w| {
                matches!(
                    w,
                    "but" | "and" | "still" | "yet" | "so" | "meanwhile" | "even" | "then"
                )
            }))
    {
        a += 1;
    }
    let intro = |i: usize| {
        let (w, lex) = (doc.low(i), doc.lex(i));
        (lex.is_cap_stop() && !matches!(w, "the" | "a" | "an") && names::pronoun(w).is_none() && !lex.is_title())
            // "Walking into the room, …", "Initially, …" (but not "Ted Cruz")
            || ((w.ends_with("ing")
                || w.ends_with("ly")
                || w.ends_with("ed")
                || w.ends_with("wise")
                || w.ends_with("wards"))
                && (doc.is_lowercase_word(w) || w.len() >= 6)
                && lex.first_name_gender() == names::Gender::Unknown)
    };
    // a dateline: "WASHINGTON (AP) — …"
    if doc.word(a).is_some()
        && doc.text(a).chars().count() > 2
        && doc.text(a).chars().all(|c| !c.is_lowercase())
        && let Some(dash) = (a..before.min(a + 8))
            .find(|&j| matches!(doc.punct(j), Some('—' | '–' | '-')) && !doc.glued_left(j))
    {
        a = dash + 1;
    }
    if doc.is_word(a, "as") && doc.is_cap(a + 1) && !doc.lex(a + 1).is_cap_stop() {
        // "As Lund put it, …"
        a += 1;
    }
    if doc.is_cap(a) && intro(a) {
        // "In a statement on Monday, Lund said"
        let comma = (a..before.min(a + 25)).find(|&j| doc.is_punct(j, ','))?;
        a = comma + 1;
    }
    // an opening phrase in lower case ("But almost at once, Lund …") ends at its comma
    for _ in 0..2 {
        if let Some((m, e)) = forward(doc, a, before).filter(|(_, e)| *e < before) {
            return Some(named_appositive(doc, m, e, before));
        }
        let comma = (a..before.min(a + 15)).find(|&j| doc.is_punct(j, ','))?;
        a = comma + 1;
    }
    None
}

/// "The mayor of Lorne, Petra Halvik, said": a role phrase followed by a name set off by commas
/// is that person; any other phrase is kept as it is.
fn named_appositive(doc: &Doc, m: Mention, e: usize, before: usize) -> (Mention, usize) {
    if !matches!(m.what, What::Description { .. } | What::Proxy { .. }) || !doc.is_punct(e, ',') {
        return (m, e);
    }
    let Some((name, e2)) = forward(doc, e + 1, before) else {
        return (m, e);
    };
    let person = matches!(&name.what, What::Name { run } if !names::is_org_run(doc, run));
    if !person || !doc.is_punct(e2, ',') || name.toks.end != e2 {
        return (m, e);
    }
    let mut a = m.toks.start;
    while a < e && doc.word(a).is_some_and(|w| matches!(w, "the" | "a" | "an")) {
        a += 1;
    }
    let role = Some(names::phrase(doc, a..e));
    (Mention { role, ..name }, e2)
}

/// Words that pass on someone's words: "the paper quoted Lund as saying", "cited an aide as
/// saying".
fn quotes_someone(w: &str) -> bool {
    matches!(
        w,
        "quoted" | "quotes" | "quote" | "quoting" | "cited" | "cites" | "cite" | "citing"
    )
}

/// "Reuters quoted Pia Lund as saying …": the speaker of a participle after `as` is the object
/// of the verb that quotes, not its subject (the outlet that reports the words).
fn quoted_as_saying(doc: &Doc, v: usize, floor: usize) -> Option<Mention> {
    let verb = doc.lex(v).verb()?;
    if verb.form != cues::Form::Ing || v < floor + 3 || !doc.is_word(v - 1, "as") {
        return None;
    }
    // the object runs back from "as" to the verb that quotes: no verb, clause joint or second
    // "as" inside it ("Lund was quoted as saying" is a passive: its subject speaks; "cited
    // Berg, and Lund was quoted as saying" is two clauses; commas may set off an apposition:
    // "quoted Wassim Bouhlel, a Nice native, as saying")
    for j in (floor..v - 1).rev().take(MAX_QUOTED_OBJECT) {
        let w = doc.word(j);
        if w.is_some_and(quotes_someone) {
            if j + 1 < v - 1 {
                return names::analyse(doc, j + 1, v - 1);
            }
            return passive_subject(doc, j, floor);
        }
        let joint = w.is_some_and(|w| {
            matches!(
                w,
                "and"
                    | "but"
                    | "or"
                    | "as"
                    | "while"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "be"
                    | "been"
                    | "has"
                    | "have"
                    | "had"
                    | "who"
                    | "which"
            )
        });
        if joint || doc.lex(j).verb().is_some() || doc.punct(j).is_some_and(|p| p != ',') {
            return None;
        }
    }
    None
}

/// "Pia Lund was quoted as saying": the subject before the auxiliary of the quoting verb at
/// `q`, back to the start of its clause.
fn passive_subject(doc: &Doc, q: usize, floor: usize) -> Option<Mention> {
    let aux = q.checked_sub(1).filter(|&a| {
        a > floor
            && doc
                .word(a)
                .is_some_and(|w| matches!(w, "was" | "were" | "is" | "are" | "been"))
    })?;
    let start = (floor..aux)
        .rev()
        .take(MAX_QUOTED_OBJECT)
        .find(|&j| {
            doc.punct(j).is_some()
                || doc
                    .word(j)
                    .is_some_and(|w| matches!(w, "and" | "but" | "or"))
        })
        .map_or(floor, |j| j + 1);
    (start < aux)
        .then(|| names::analyse(doc, start, aux))
        .flatten()
}

/// Most tokens between "quoted" and "as saying" (the object is a noun phrase).
const MAX_QUOTED_OBJECT: usize = 12;

/// The speaker of the cue covering tokens `cue`: the phrase before it, skipping adverbs
/// ("Lund has also said"); after it when a comma precedes ("…, said Lund"); the name before an
/// appositive ("Lund, a former aide, said"); the speaker of the previous cue for a participle
/// ("Lund said, adding"); or the sentence subject ("Lund left, saying …", "and said").
pub(crate) fn of_cue(doc: &Doc, quotes: &Quotes, cue: Range<usize>) -> Option<Mention> {
    let v = cue.start;
    let sent = doc.sentence(v);
    let floor = sent.start;
    if let Some(object) = quoted_as_saying(doc, v, floor) {
        return Some(object);
    }
    let mut j = v;
    while j > floor
        && (doc.lex(j - 1).is_aux_or_adverb() || floating_quantifier(doc, j - 1, floor))
        && !ly_name(doc, j - 1)
    {
        j -= 1;
    }
    // "Lund on Tuesday said", "Lund later Thursday told"
    if j >= floor + 2
        && doc.is_word(j - 2, "on")
        && doc.is_cap(j - 1)
        && doc.lex(j - 1).is_cap_stop()
    {
        j -= 2;
    } else if j > floor + 1 && doc.is_cap(j - 1) && is_day(doc.low(j - 1)) && !doc.is_cap(j - 2) {
        j -= 1;
        while j > floor && doc.lex(j - 1).is_aux_or_adverb() {
            j -= 1;
        }
    }
    if j <= floor {
        // "Lund praised the plan. Adding, “…”": a participle opening its sentence goes on
        // from the cue of the sentence before, in the same paragraph
        let opening_participle = v == floor
            && doc.word(v).is_some_and(|w| w.ends_with("ing"))
            && doc.is_punct(cue.end, ',');
        let before = floor.checked_sub(1).map(|p| doc.sentence(p).start)?;
        let para = |i: usize| doc.toks.get(i).map(|t| t.para);
        return (opening_participle && para(before) == para(v))
            .then(|| previous_cue_subject(doc, quotes, v, before))
            .flatten();
    }
    let k = j - 1;
    // "Lund went on to say", "Lund interjected to say", "Lund had this to say": the subject of
    // the verb governing the infinitive speaks
    let infinitive = doc.is_word(k, "to")
        && doc
            .lex(v)
            .verb()
            .is_some_and(|verb| verb.form == cues::Form::Base);
    if infinitive {
        let (m, e) = subject_span(doc, quotes, floor, k)?;
        // the subject's verb follows it, or an appositive set off by a comma does
        let finite = doc.word(e).is_some_and(|w| !names::is_determiner(w)) || doc.is_punct(e, ',');
        return (finite && !matches!(m.what, What::Generic)).then_some(m);
    }
    let is_ing = doc.word(v).is_some_and(|w| w.ends_with("ing"));
    let coordinated = doc.word(k).is_some_and(|w| matches!(w, "and" | "but"))
        || (is_ing
            && doc.word(k).is_some_and(|w| {
                matches!(
                    w,
                    "by" | "while" | "after" | "before" | "when" | "in" | "without" | "upon" | "on"
                )
            }));
    // the comma of "…,” adding" sits inside the quote
    let comma =
        doc.is_punct(k, ',') || (doc.quote(k).is_some() && k > 0 && doc.is_punct(k - 1, ','));
    if is_ing
        && (comma || coordinated)
        && let Some(m) = previous_cue_subject(doc, quotes, v, floor)
    {
        return Some(m);
    }
    if comma {
        let hearer = doc.lex(v).verb().is_some_and(|verb| verb.hearer);
        if !is_ing
            && !hearer
            && let Some((m, e)) = forward(doc, cue.end, sent.end)
        {
            let ends_clause = e >= sent.end
                || doc
                    .punct(e)
                    .is_some_and(|c| matches!(c, ',' | '.' | ';' | ':' | '—' | '–' | '!' | '?'))
                || doc.word(e).is_some_and(|w| {
                    matches!(
                        w,
                        "in" | "on"
                            | "at"
                            | "during"
                            | "after"
                            | "before"
                            | "last"
                            | "this"
                            | "earlier"
                            | "later"
                            | "recently"
                            | "yesterday"
                            | "today"
                    )
                });
            if ends_clause && !matches!(m.what, What::Pronoun(_)) {
                return Some(m);
            }
        }
        // "…, after the vote, Gov. Pia Lind (R-OR), said": the name and its bracket
        // right before the comma, however long the sentence's opening
        // (set off by a comma itself: not "The report, signed by Sen. Pia Lind (D-OR), said"
        // nor "Two senators, Pia Lind (D-OR) and Tom Lund (R-TX), said")
        if doc.is_punct(k, ',')
            && k > floor
            && party_bracket(doc, k - 1)
            && let Some(m) = backward(doc, k, floor)
            && (m.toks.start == floor || doc.is_punct(m.toks.start - 1, ','))
            && matches!(&m.what, What::Name { run } if names_a_person(doc, run.start, run.end))
        {
            return Some(m);
        }
        // "officials, including its chief, Ann Berg, have said": the plural subject speaks
        let plural = doc
            .word(j)
            .is_some_and(|w| matches!(w, "have" | "are" | "were"));
        if !is_ing
            && !plural
            && let Some(m) = named_after_role(doc, quotes, floor, k)
        {
            return Some(m);
        }
        // "Lund, a former aide, said" and "Gov. Pia Lind (R-OR), said"; in "…, said Lind,
        // while the minister, Tom Berg, said" the clause after "while" holds the subject
        // (a clause without one shares the sentence's: "Lund paused, but went on, saying")
        let clause = clause_start(doc, quotes, floor, j);
        // an appositive closes with a comma; a participle follows a verb or an appositive
        let ok = |e: usize| doc.is_punct(e, ',') || (is_ing && doc.word(e).is_some());
        let found = (clause > floor)
            .then(|| subject_span(doc, quotes, clause, j))
            .flatten()
            .or_else(|| subject_span(doc, quotes, floor, j))
            .filter(|(_, e)| ok(*e));
        if let Some((m, _)) = found {
            return Some(m);
        }
        // "The plan failed and Peter Lund, 54, said": a name opening the clause after the
        // last "and" or "but"
        let joined = (floor + 1..j)
            .rev()
            .filter(|&i| !quotes.inside(i))
            .find(|&i| doc.word(i).is_some_and(|w| matches!(w, "and" | "but")))
            // not the "and" inside a body's name ("Committee on Credit and Savings, …, said")
            .filter(|&i| !doc.is_cap(i - 1))?;
        // the aside's opening comma follows the name ("and Tom Lund (R-Texas), said" ends a
        // list set off by commas, whose subject comes before it)
        let commas = (joined + 1..k).filter(|&i| doc.is_punct(i, ',')).count();
        let (m, e) = subject_span(doc, quotes, joined + 1, j)?;
        return (commas == 1 && doc.is_punct(e, ',') && matches!(m.what, What::Name { .. }))
            .then_some(m);
    }
    // "with Lund tweeting that …", "with dealers reporting that …"
    if is_ing
        && k > floor
        && let Some(m) = backward(doc, j, floor)
        && m.toks.start > floor
        && doc.is_word(m.toks.start - 1, "with")
    {
        return Some(m);
    }
    // "Lund is saying", "critics were warning": a progressive's subject stands before its "be"
    if is_ing
        && j < v
        && (j..v).any(|i| {
            doc.word(i)
                .is_some_and(|w| matches!(w, "is" | "are" | "was" | "were" | "been"))
        })
        && let Some(m) = backward(doc, j, floor)
    {
        return Some(m);
    }
    if coordinated || is_ing {
        let (m, e) = subject_span(doc, quotes, floor, k)?;
        return doc.word(e).is_some().then_some(m);
    }
    let m = backward(doc, j, floor)?;
    Some(open_apposition(doc, &m, floor, cue.end).unwrap_or(m))
}

/// "the head of the unit, Pia Lind, said", "its governor, Tom Lund, told": a name, and only a
/// name, set off by two commas (the second at `k`, before the cue) after the role it fills,
/// ending in a lower-case noun. Not "Rep. Tom Lund, R-Ohio, said" nor "Pia Lind, head of the
/// Lund Group, said", where the name comes first; not a name inside another's appositive
/// ("Tom Lund, the editor of the paper, the Courier, said"), after a relative clause ("…, who
/// lives outside the capital, Oslo, said"), a preposition ("…, from the ruling party, Unity,
/// said") or "including"; not a list's last name ("Ann Berg, Pia Lind and Bo Chen, said":
/// "and" before it).
pub(crate) fn named_after_role(
    doc: &Doc,
    quotes: &Quotes,
    floor: usize,
    k: usize,
) -> Option<Mention> {
    if !doc.is_punct(k, ',') {
        return None;
    }
    let m = backward(doc, k, floor)?;
    let whole_name = matches!(&m.what, What::Name { run } if *run == m.toks && run.end == k);
    let open = m.toks.start.checked_sub(1)?;
    if !whole_name || open <= floor || !doc.is_punct(open, ',') || quotes.inside(open) {
        return None;
    }
    let head = open - 1;
    let noun = doc
        .word(head)
        .is_some_and(|w| !doc.is_cap(head) && names::is_noun_like(w, doc.lex(head)));
    if !noun {
        return None;
    }
    // the role: back to the comma before it, or the clause's start
    let start = (floor..head)
        .rev()
        .find(|&j| doc.is_punct(j, ',') || doc.quote(j).is_some())
        .map_or(floor, |j| j + 1);
    // "The report, written for the mayor, Ana Ruiz, said", "The mayor, having fired her
    // deputy, Ana Ruiz, said": a participle's object, not a role
    let participle = !doc.is_cap(start)
        && doc.word(start).is_some_and(|w| {
            w == "having" || w.ends_with("ed") || w.ends_with("en") || w.ends_with("ing")
        });
    let role_ok = !participle
        && (start..open).all(|j| {
        doc.word(j).is_none_or(|w| {
            !matches!(w, "who" | "which" | "whose" | "whom" | "including")
        })
    }) && doc
        .word(start)
        .is_some_and(|w| !names::is_preposition(w) && w != "and")
        // "Tom Lund, the editor, …": the role is another name's appositive
        && !(start > floor && start >= 2 && doc.is_cap(start - 2));
    role_ok.then_some(m)
}

/// Where the clause holding token `end` starts, at or after `floor`: after the last
/// ", while", ", whereas", ", but", ", although" or "; " before it and outside a quote,
/// else `floor`.
fn clause_start(doc: &Doc, quotes: &Quotes, floor: usize, end: usize) -> usize {
    (floor + 1..end)
        .rev()
        .filter(|&i| !quotes.inside(i))
        .find(|&i| {
            doc.is_punct(i, ';')
                || (doc.is_punct(i - 1, ',')
                    && doc
                        .word(i)
                        .is_some_and(|w| matches!(w, "while" | "whereas" | "but" | "although")))
        })
        .map_or(floor, |i| i + 1)
}

/// Tokens an apposition left open may hold between its comma and the cue.
const MAX_OPEN_APPOSITION: usize = 12;

/// "Pia Lind, president and CEO of the Lorne Harbour Association said", "Tom Berg, a
/// spokesman for Lorne Shipping said": an apposition (or a relative clause: "Tom Berg, who
/// leads the institute said") whose closing comma is missing describes
/// the person named before its comma, and that person speaks; `m`, the phrase before the cue,
/// is only the end of the apposition. The person opens the clause (the sentence, or right
/// after a quote): in "The plan was backed by Pia Lind, the mayor said" the mayor speaks.
fn open_apposition(doc: &Doc, m: &Mention, floor: usize, after_cue: usize) -> Option<Mention> {
    if matches!(m.what, What::Pronoun(_)) {
        return None;
    }
    // "Jailing Molloy, chair of the bench Michael Evans said": a person named right after
    // the role is the apposition's own name, and speaks (not after "an aide to")
    if let What::Name { run } = &m.what
        && names_a_person(doc, run.start, run.end)
        && run.start > floor
        && doc.word(run.start - 1).is_some_and(|w| {
            !doc.is_cap(run.start - 1)
                && !names::is_determiner(w)
                && !is_np_preposition(w)
                && !names::is_preposition(w)
        })
    {
        return None;
    }
    let end = m.toks.end;
    let lowest = end.saturating_sub(MAX_OPEN_APPOSITION).max(floor + 1);
    let comma = (lowest..m.toks.start)
        .rev()
        .find(|&j| doc.word(j).is_none() && !matches!(doc.punct(j), Some('-' | '&' | '.')))
        .filter(|&j| doc.is_punct(j, ','))?;
    let first = doc.word(comma + 1)?;
    let first_lex = doc.lex(comma + 1);
    let opens_description = matches!(first, "a" | "an" | "the")
        || is_head(first, first_lex)
        || first_lex.is_role_stem()
        || (!doc.is_cap(comma + 1) && is_modifier(first, first_lex));
    let has_head = (comma + 1..end).any(|j| {
        doc.word(j)
            .is_some_and(|w| is_head(w, doc.lex(j)) || doc.lex(j).is_role_stem())
    });
    // "Tom Berg, who leads the institute said": a relative clause left open alike
    let relative = first == "who";
    if !(relative || opens_description && has_head) {
        return None;
    }
    // "Tom Berg, 45, a farmer from Ohio said": an age between the name and the apposition
    let mut name_end = comma;
    if name_end >= floor + 3
        && doc.text(name_end - 1).bytes().all(|b| b.is_ascii_digit())
        && doc.is_punct(name_end - 2, ',')
    {
        name_end -= 2;
    }
    let person = backward(doc, name_end, floor)?;
    let What::Name { run } = &person.what else {
        return None;
    };
    let start = person.toks.start;
    // what was said follows the cue ("... said the plan was sound"), or is the quote before
    // the name; in "Tom Berg, 45, the prosecutor said, had lied" the name is what was said
    // ("... said, had lied", "... told the court, had lied": the clause goes on after the
    // cue and its hearer)
    let hearer = doc
        .lex(after_cue.saturating_sub(1))
        .verb()
        .is_some_and(|verb| verb.hearer);
    let reach = if hearer { after_cue + 5 } else { after_cue + 1 };
    let parenthetical = (after_cue..reach)
        .find(|&j| doc.word(j).is_none())
        .is_some_and(|j| doc.is_punct(j, ',') && doc.word(j + 1).is_some() && !doc.is_cap(j + 1));
    let said_after = !parenthetical
        && (doc.word(after_cue).is_some()
            || doc.quote(after_cue).is_some()
            || doc.is_punct(after_cue, ':')
            || (doc.is_punct(after_cue, ',') && doc.quote(after_cue + 1).is_some()));
    let after_quote = start > 0
        && (doc.quote(start - 1).is_some()
            || (doc.is_punct(start - 1, ',') && start >= 2 && doc.quote(start - 2).is_some()));
    // "Sales rose, Tom Berg, a director of Lorne Shipping said.": the attribution closes the
    // sentence whose statement comes before it
    // (a role, not a group: "…, in San Juan, Puerto Rico, officials said.")
    let closes_sentence = start > floor
        && doc.is_punct(start - 1, ',')
        && doc.is_punct(after_cue, '.')
        && !matches!(m.what, What::Generic)
        && !names::is_org_run(doc, run)
        && !legal_form(doc, run.end - 1);
    let opens_clause = (start == floor && said_after) || after_quote || closes_sentence;
    if !(opens_clause && may_be_a_person(doc, run)) {
        return None;
    }
    let mut a = comma + 1;
    while a < end && doc.word(a).is_some_and(|w| matches!(w, "a" | "an" | "the")) {
        a += 1;
    }
    Some(Mention {
        role: (!relative).then(|| names::phrase(doc, a..end)),
        ..person
    })
}

/// Word `i` is in capitals, as a company's legal form is ("Norddeutsche Affinerie AG"), and no
/// person's name ends so (but "Henry Ford II").
fn legal_form(doc: &Doc, i: usize) -> bool {
    doc.text(i).chars().all(|c| c.is_ascii_uppercase())
        && !matches!(doc.low(i), "ii" | "iii" | "iv")
}

/// A capitalised word that only looks like an adverb: "Skelly said" (the text never writes
/// it in lower case, as it would "finally").
fn ly_name(doc: &Doc, i: usize) -> bool {
    doc.is_cap(i) && doc.low(i).ends_with("ly") && !doc.is_lowercase_word(doc.low(i))
}

/// "both" or "all" floated after its subject, at token `i`: "Berg and Lund both said", "They
/// all said" (a name or a nominative pronoun before it, not a sentence of its own: "Both said").
fn floating_quantifier(doc: &Doc, i: usize, floor: usize) -> bool {
    i > floor
        && doc.word(i).is_some_and(|w| matches!(w, "both" | "all"))
        && (doc.is_cap(i - 1) && doc.word(i - 1).is_some()
            || doc.word(i - 1).is_some_and(|w| matches!(w, "they" | "we")))
}

pub(crate) fn is_day(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// For a participle ("…, adding"): the speaker of the nearest cue before it in the sentence,
/// outside any quote that does not also hold the participle.
fn previous_cue_subject(doc: &Doc, quotes: &Quotes, v: usize, floor: usize) -> Option<Mention> {
    let here = quotes.around(v);
    for p in (floor.max(v.saturating_sub(MAX_PARTICIPLE_REACH))..v).rev() {
        if quotes.around(p) != here {
            continue;
        }
        if let Some((verb, range)) = cues::cue_at(doc, p)
            && range.end <= v
            && !cues::is_according(&verb)
            && verb.form != cues::Form::Ing
            // "offered a retort, tweeting": a bare form is a noun unless a subject takes it
            && (verb.form != cues::Form::Base || cues::base_ok(doc, p))
        {
            // an act's object follows it ("endorsed Cruz last week, saying …"): its
            // subject stands before it
            let act = verb.class == cues::Class::Act;
            return of_cue(doc, quotes, range).filter(|m| !act || m.toks.end <= p);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject_of(text: &str, cue: &str) -> Option<String> {
        let doc = Doc::new(text);
        let v = (0..doc.len()).find(|&i| doc.text(i) == cue)?;
        let quotes = Quotes::find(&doc);
        let m = of_cue(&doc, &quotes, v..v + 1)?;
        Some(doc.body[m.bytes(&doc)].to_string())
    }

    #[test]
    fn a_group_placed_by_a_name_is_the_group_not_the_name() {
        let speaks = |text: &str| -> Vec<(Option<String>, String)> {
            crate::speakers::attribute(text, &[])
                .into_iter()
                .map(|a| {
                    let m = a.mention.map(|m| text[m].to_string()).unwrap_or_default();
                    (a.speaker.map(|s| s.name), m)
                })
                .collect()
        };
        for (text, mention) in [
            (
                "Officials in Oslo said the talks would resume.",
                "Officials in Oslo",
            ),
            (
                "Sources close to Prime Minister Anna Lie said she would stay.",
                "Sources close to Prime Minister Anna Lie",
            ),
            (
                "Aides to President Tove Brun said the plan was dead.",
                "Aides to President Tove Brun",
            ),
            (
                "Diplomats at the United Nations said a vote was unlikely.",
                "Diplomats at the United Nations",
            ),
        ] {
            assert_eq!(speaks(text), [(None, mention.to_string())], "{text}");
        }
        // a body given by its name still speaks, wherever it is
        let text = "Earlier, the Foreign Ministry in Beijing said the talks would resume.";
        assert_eq!(speaks(text)[0].0.as_deref(), Some("Foreign Ministry"));
        // a role for someone is left to the name, as before
        let text = "A spokesman for Anders Holm said he was well.";
        assert!(
            speaks(text)[0]
                .0
                .as_deref()
                .is_some_and(|s| s.contains("Holm"))
        );
    }

    #[test]
    fn an_apposition_left_open_before_the_cue_leads_back_to_the_name() {
        for (text, who) in [
            (
                "Pia Lind, president and CEO of the Lorne Harbour Association said it rained.",
                "Pia Lind",
            ),
            (
                "Tom Berg, a spokesman for Lorne Shipping said it rained.",
                "Tom Berg",
            ),
            (
                "Tom Berg, chairman of Lorne Shipping said it rained.",
                "Tom Berg",
            ),
            (
                "Tom Berg, 45, a ferry pilot from Lorne said it rained.",
                "Tom Berg",
            ),
            ("Pia Lind, an aide to Tom Berg said it rained.", "Pia Lind"),
            (
                "Pia Lind, who leads the Lorne Harbour Association said it rained.",
                "Pia Lind",
            ),
            (
                "“It rained,” Pia Lind, a ferry pilot from Lorne said.",
                "Pia Lind",
            ),
            // the person must open the clause: here the mayor speaks
            (
                "The plan was backed by Pia Lind, the mayor said.",
                "the mayor",
            ),
            (
                "After meeting Pia Lind, the mayor said it rained.",
                "the mayor",
            ),
            // no description after the comma: the name before the cue speaks
            ("Pia Lind, Tom Berg said, will lead the talks.", "Tom Berg"),
            // the name is what was said
            (
                "Mr. Lind, the judge said, had shown no remorse.",
                "the judge",
            ),
            (
                "Tom Berg, 45, the prosecutor said, lied to the jury.",
                "the prosecutor",
            ),
            ("Tom Berg, 45, the prosecutor said.", "the prosecutor"),
            // the apposition names its own person
            (
                "Jailing Lind, chair of the bench Tom Berg said it rained.",
                "Tom Berg",
            ),
        ] {
            assert_eq!(subject_of(text, "said").as_deref(), Some(who), "{text}");
        }
    }

    #[test]
    fn the_name_before_said_is_the_subject() {
        assert_eq!(
            subject_of("Then Pia Lind said it rained.", "said").as_deref(),
            Some("Pia Lind")
        );
    }

    #[test]
    fn adverbs_between_subject_and_cue_are_skipped() {
        assert_eq!(
            subject_of("Lund has also said it rained.", "said").as_deref(),
            Some("Lund")
        );
    }

    #[test]
    fn an_appositive_leads_back_to_the_name() {
        let text = "Lund, a retired judge from the north, said it rained.";
        assert_eq!(subject_of(text, "said").as_deref(), Some("Lund"));
    }

    #[test]
    fn a_participle_takes_the_sentence_subject() {
        let text = "Lund criticised the plan, saying it was late.";
        assert_eq!(subject_of(text, "saying").as_deref(), Some("Lund"));
    }

    #[test]
    fn a_verb_is_not_swallowed_into_a_name() {
        let text = "Lund attacked Berg, saying it was late.";
        assert_eq!(subject_of(text, "saying").as_deref(), Some("Lund"));
    }

    #[test]
    fn a_participle_after_a_cue_takes_that_cue_s_speaker() {
        let text = "Berg and Holm will meet, Lund said, adding that it would rain.";
        assert_eq!(subject_of(text, "adding").as_deref(), Some("Lund"));
    }

    #[test]
    fn a_participle_after_a_quote_takes_the_speaker_after_the_quote() {
        let text = "“We won,” she said, adding, “We will win again.”";
        assert_eq!(subject_of(text, "adding").as_deref(), Some("she"));
    }

    #[test]
    fn an_opening_phrase_is_skipped_to_find_the_subject() {
        let text = "In a long interview, Lund attacked Berg, saying it was late.";
        assert_eq!(subject_of(text, "saying").as_deref(), Some("Lund"));
    }

    #[test]
    fn a_described_speaker_is_found() {
        let text = "Mentioning rain, the senior analyst noted that it fell.";
        assert_eq!(
            subject_of(text, "noted").as_deref(),
            Some("the senior analyst")
        );
    }

    #[test]
    fn a_relative_pronoun_names_its_antecedent() {
        let text = "They met Berg, who said it rained.";
        assert_eq!(subject_of(text, "said").as_deref(), Some("Berg"));
    }

    #[test]
    fn a_name_after_the_cue_is_found_forward() {
        let doc = Doc::new("said Sen. Pia Lind (D-Ore.), adding more");
        let (m, _) = forward(&doc, 1, doc.len()).unwrap_or_else(|| panic!("no phrase"));
        assert_eq!(&doc.body[m.bytes(&doc)], "Sen. Pia Lind (D-Ore.)");
    }

    #[test]
    fn two_names_joined_by_and_keep_the_last() {
        let doc = Doc::new("Pia Lind and Ola Berg said it rained.");
        let quotes = Quotes::find(&doc);
        let m = of_cue(&doc, &quotes, 5..6);
        let run = match m.map(|m| m.what) {
            Some(What::Name { run }) => doc.body[doc.bytes(run)].to_string(),
            _ => String::new(),
        };
        assert_eq!(run, "Ola Berg");
    }

    #[test]
    fn a_place_before_the_comma_is_not_taken_for_the_speaker() {
        // the place-skip ("Pia Lind of Columbia, South Carolina, says") stops at a person
        let text = "After winning Ohio in the Republican primary, Gov. Tom Lund said he was ready.";
        assert_eq!(subject_of(text, "said").as_deref(), Some("Gov. Tom Lund"));
        let text = "After a rally in Ohio, Pia Lind said she was ready.";
        assert_eq!(subject_of(text, "said").as_deref(), Some("Pia Lind"));
        let text = "Pia Lind of the University of Oslo, San Marco School of Law said it rained.";
        assert_eq!(
            subject_of(text, "said").as_deref(),
            Some("Pia Lind of the University")
        );
        // places whose first word is a first name or a title are still places
        for text in [
            "Tom Lund of Melbourne, Victoria said she was ready.",
            "Tom Lund of Charlottetown, Prince Edward Island said she was ready.",
            "Tom Lund of Majuro, Marshall Islands said she was ready.",
            "Tom Lund of Richmond, Virginia says she was ready.",
        ] {
            let cue = if text.contains("says") {
                "says"
            } else {
                "said"
            };
            let got = subject_of(text, cue).unwrap_or_default();
            assert!(got.starts_with("Tom Lund"), "{text}: {got}");
        }
        let text = "Pia Lind of Columbia, South Carolina, says she was ready.";
        assert_eq!(
            subject_of(text, "says").as_deref(),
            Some("Pia Lind of Columbia")
        );
    }

    #[test]
    fn a_bracketed_party_before_a_comma_keeps_its_name_after_a_long_opening() {
        let text = "Tuesday at Mill University in Lorne, OR, after winning Oregon in the \
                    primary, Gov. Pia Lind (R-OR), said, \"We are ready.\"";
        assert_eq!(
            subject_of(text, "said").as_deref(),
            Some("Gov. Pia Lind (R-OR)")
        );
        // an organisation's initials in brackets are no party: the person before it speaks
        let text = "Tom Lund, chairman of the Federation of Road Hauliers (FRH), said it rained.";
        assert_eq!(subject_of(text, "said").as_deref(), Some("Tom Lund"));
        // a lawmaker named inside the subject's phrase, or one of several, is not the speaker
        for text in [
            "The report, commissioned by Sen. Pia Lind (D-Ore.), said the dam was unsafe.",
            "Lawmakers, including Sen. Pia Lind (D-Ore.), said the dam was unsafe.",
            "Two senators, Pia Lind (D-Ore.) and Tom Lund (R-Texas), said the dam was unsafe.",
            "The agency, in a letter to Sen. Pia Lind (D-Ore.), said the dam was unsafe.",
        ] {
            let got = subject_of(text, "said");
            assert!(
                got.as_deref()
                    .is_none_or(|s| !s.contains("Lund") && !s.contains("Lind")),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn a_day_after_the_cue_is_not_a_speaker() {
        let doc = Doc::new("said Tuesday that");
        assert!(forward(&doc, 1, doc.len()).is_none());
    }
}
