//! Speech and cognition cues: verb forms ("said", "tells", "pointed out") and "according to".

use super::text::{Doc, WordMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// say
    Base,
    /// says
    Third,
    /// said
    Past,
    /// saying
    Ing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Introduces speech with or without "that": say, tell, add, argue.
    Speech,
    /// Introduces content only with a clause: believe, think, hope, worry.
    Cognition,
    /// Only attributes a quote it follows: "…," he continued / the sign read.
    Trailing,
    /// A speech act that frames a quoted phrase but not a reported clause: called it "a mess".
    Act,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verb {
    /// The base form: "say" for "said".
    pub lemma: &'static str,
    pub form: Form,
    pub class: Class,
    /// Takes the hearer as object before the content: told reporters that …
    pub hearer: bool,
    /// The form is also a common noun (notes, claims, states): needs a subject right before it.
    pub noun_like: bool,
    /// Needs a second word: "pointed out", "went on".
    pub particle: Option<&'static str>,
}

/// (base, third person, past, -ing, class, hearer, particle)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Class,
    bool,
    Option<&'static str>,
);

const S: Class = Class::Speech;
const C: Class = Class::Cognition;
const T: Class = Class::Trailing;
const A: Class = Class::Act;

const VERBS: &[Row] = &[
    ("say", "says", "said", "saying", S, false, None),
    ("tell", "tells", "told", "telling", S, true, None),
    ("add", "adds", "added", "adding", S, false, None),
    ("note", "notes", "noted", "noting", S, false, None),
    (
        "explain",
        "explains",
        "explained",
        "explaining",
        S,
        false,
        None,
    ),
    ("state", "states", "stated", "stating", S, false, None),
    (
        "stress",
        "stresses",
        "stressed",
        "stressing",
        S,
        false,
        None,
    ),
    ("warn", "warns", "warned", "warning", S, false, None),
    ("argue", "argues", "argued", "arguing", S, false, None),
    ("claim", "claims", "claimed", "claiming", S, false, None),
    (
        "conclude",
        "concludes",
        "concluded",
        "concluding",
        S,
        false,
        None,
    ),
    (
        "announce",
        "announces",
        "announced",
        "announcing",
        S,
        false,
        None,
    ),
    ("write", "writes", "wrote", "writing", S, false, None),
    ("tweet", "tweets", "tweeted", "tweeting", S, false, None),
    ("insist", "insists", "insisted", "insisting", S, false, None),
    (
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
        S,
        false,
        None,
    ),
    (
        "suggest",
        "suggests",
        "suggested",
        "suggesting",
        S,
        false,
        None,
    ),
    ("ask", "asks", "asked", "asking", S, true, None),
    ("reply", "replies", "replied", "replying", S, false, None),
    (
        "respond",
        "responds",
        "responded",
        "responding",
        S,
        false,
        None,
    ),
    ("recall", "recalls", "recalled", "recalling", S, false, None),
    ("admit", "admits", "admitted", "admitting", S, false, None),
    (
        "declare",
        "declares",
        "declared",
        "declaring",
        S,
        false,
        None,
    ),
    (
        "contend",
        "contends",
        "contended",
        "contending",
        S,
        false,
        None,
    ),
    ("assert", "asserts", "asserted", "asserting", S, false, None),
    (
        "maintain",
        "maintains",
        "maintained",
        "maintaining",
        C,
        false,
        None,
    ),
    (
        "emphasize",
        "emphasizes",
        "emphasized",
        "emphasizing",
        S,
        false,
        None,
    ),
    (
        "emphasise",
        "emphasises",
        "emphasised",
        "emphasising",
        S,
        false,
        None,
    ),
    (
        "predict",
        "predicts",
        "predicted",
        "predicting",
        S,
        false,
        None,
    ),
    (
        "complain",
        "complains",
        "complained",
        "complaining",
        S,
        false,
        None,
    ),
    ("charge", "charges", "charged", "charging", C, false, None),
    ("allege", "alleges", "alleged", "alleging", S, false, None),
    ("report", "reports", "reported", "reporting", S, false, None),
    (
        "testify",
        "testifies",
        "testified",
        "testifying",
        S,
        false,
        None,
    ),
    ("vow", "vows", "vowed", "vowing", S, false, None),
    ("pledge", "pledges", "pledged", "pledging", C, false, None),
    ("joke", "jokes", "joked", "joking", S, false, None),
    ("quip", "quips", "quipped", "quipping", S, false, None),
    (
        "mention",
        "mentions",
        "mentioned",
        "mentioning",
        C,
        false,
        None,
    ),
    (
        "observe",
        "observes",
        "observed",
        "observing",
        S,
        false,
        None,
    ),
    ("remark", "remarks", "remarked", "remarking", S, false, None),
    (
        "comment",
        "comments",
        "commented",
        "commenting",
        S,
        false,
        None,
    ),
    (
        "reiterate",
        "reiterates",
        "reiterated",
        "reiterating",
        S,
        false,
        None,
    ),
    (
        "confirm",
        "confirms",
        "confirmed",
        "confirming",
        C,
        false,
        None,
    ),
    ("deny", "denies", "denied", "denying", C, false, None),
    (
        "indicate",
        "indicates",
        "indicated",
        "indicating",
        C,
        false,
        None,
    ),
    ("boast", "boasts", "boasted", "boasting", S, false, None),
    ("brag", "brags", "bragged", "bragging", S, false, None),
    (
        "caution",
        "cautions",
        "cautioned",
        "cautioning",
        S,
        false,
        None,
    ),
    ("lament", "laments", "lamented", "lamenting", S, false, None),
    (
        "concede",
        "concedes",
        "conceded",
        "conceding",
        S,
        false,
        None,
    ),
    (
        "counter",
        "counters",
        "countered",
        "countering",
        S,
        false,
        None,
    ),
    ("retort", "retorts", "retorted", "retorting", S, false, None),
    ("scoff", "scoffs", "scoffed", "scoffing", T, false, None),
    ("shout", "shouts", "shouted", "shouting", S, false, None),
    ("yell", "yells", "yelled", "yelling", S, false, None),
    ("post", "posts", "posted", "posting", T, false, None),
    ("agree", "agrees", "agreed", "agreeing", C, false, None),
    ("worry", "worries", "worried", "worrying", C, false, None),
    ("fear", "fears", "feared", "fearing", C, false, None),
    ("hope", "hopes", "hoped", "hoping", C, false, None),
    ("feel", "feels", "felt", "feeling", C, false, None),
    (
        "believe",
        "believes",
        "believed",
        "believing",
        C,
        false,
        None,
    ),
    ("think", "thinks", "thought", "thinking", C, false, None),
    ("reveal", "reveals", "revealed", "revealing", C, false, None),
    ("answer", "answers", "answered", "answering", S, false, None),
    ("inform", "informs", "informed", "informing", S, true, None),
    ("assure", "assures", "assured", "assuring", S, true, None),
    ("remind", "reminds", "reminded", "reminding", S, true, None),
    (
        "continue",
        "continues",
        "continued",
        "continuing",
        T,
        false,
        None,
    ),
    ("read", "reads", "read", "reading", T, false, None),
    ("chant", "chants", "chanted", "chanting", T, false, None),
    (
        "exclaim",
        "exclaims",
        "exclaimed",
        "exclaiming",
        S,
        false,
        None,
    ),
    (
        "proclaim",
        "proclaims",
        "proclaimed",
        "proclaiming",
        S,
        false,
        None,
    ),
    ("muse", "muses", "mused", "musing", S, false, None),
    (
        "whisper",
        "whispers",
        "whispered",
        "whispering",
        S,
        false,
        None,
    ),
    ("wonder", "wonders", "wondered", "wondering", S, false, None),
    (
        "recount",
        "recounts",
        "recounted",
        "recounting",
        S,
        false,
        None,
    ),
    (
        "speculate",
        "speculates",
        "speculated",
        "speculating",
        S,
        false,
        None,
    ),
    (
        "estimate",
        "estimates",
        "estimated",
        "estimating",
        C,
        false,
        None,
    ),
    (
        "concur",
        "concurs",
        "concurred",
        "concurring",
        S,
        false,
        None,
    ),
    (
        "point",
        "points",
        "pointed",
        "pointing",
        S,
        false,
        Some("out"),
    ),
    ("put", "puts", "put", "putting", S, false, Some("it")),
    ("call", "calls", "called", "calling", A, false, None),
    (
        "describe",
        "describes",
        "described",
        "describing",
        A,
        false,
        None,
    ),
    ("dub", "dubs", "dubbed", "dubbing", A, false, None),
    ("label", "labels", "labeled", "labeling", A, false, None),
    ("brand", "brands", "branded", "branding", A, false, None),
    ("deride", "derides", "derided", "deriding", A, false, None),
    ("blast", "blasts", "blasted", "blasting", A, false, None),
    ("slam", "slams", "slammed", "slamming", A, false, None),
    ("praise", "praises", "praised", "praising", A, false, None),
    (
        "criticize",
        "criticizes",
        "criticized",
        "criticizing",
        A,
        false,
        None,
    ),
    (
        "welcome",
        "welcomes",
        "welcomed",
        "welcoming",
        A,
        false,
        None,
    ),
    (
        "criticise",
        "criticises",
        "criticised",
        "criticising",
        A,
        false,
        None,
    ),
    (
        "endorse",
        "endorses",
        "endorsed",
        "endorsing",
        A,
        false,
        None,
    ),
    ("cite", "cites", "cited", "citing", A, false, None),
    ("mock", "mocks", "mocked", "mocking", A, false, None),
    ("accuse", "accuses", "accused", "accusing", A, false, None),
    (
        "dismiss",
        "dismisses",
        "dismissed",
        "dismissing",
        A,
        false,
        None,
    ),
    ("tout", "touts", "touted", "touting", A, false, None),
    ("urge", "urges", "urged", "urging", A, false, None),
    ("demand", "demands", "demanded", "demanding", A, false, None),
    (
        "ridicule",
        "ridicules",
        "ridiculed",
        "ridiculing",
        A,
        false,
        None,
    ),
    (
        "lambaste",
        "lambastes",
        "lambasted",
        "lambasting",
        A,
        false,
        None,
    ),
    ("decry", "decries", "decried", "decrying", A, false, None),
    (
        "denounce",
        "denounces",
        "denounced",
        "denouncing",
        A,
        false,
        None,
    ),
    (
        "condemn",
        "condemns",
        "condemned",
        "condemning",
        A,
        false,
        None,
    ),
    ("hail", "hails", "hailed", "hailing", A, false, None),
    ("attack", "attacks", "attacked", "attacking", A, false, None),
    ("refer", "refers", "referred", "referring", A, false, None),
    (
        "promise",
        "promises",
        "promised",
        "promising",
        A,
        false,
        None,
    ),
    (
        "interject",
        "interjects",
        "interjected",
        "interjecting",
        T,
        false,
        None,
    ),
    ("begin", "begins", "began", "beginning", T, false, None),
    ("offer", "offers", "offered", "offering", A, false, None),
    ("quote", "quotes", "quoted", "quoting", A, false, None),
    ("repeat", "repeats", "repeated", "repeating", S, false, None),
    ("plead", "pleads", "pleaded", "pleading", S, false, None),
    ("tease", "teases", "teased", "teasing", S, false, None),
    ("snap", "snaps", "snapped", "snapping", S, false, None),
    // a reply in kind: "fired back", "shot back", "hit back"
    ("fire", "fires", "fired", "firing", S, false, Some("back")),
    (
        "shoot",
        "shoots",
        "shot",
        "shooting",
        S,
        false,
        Some("back"),
    ),
    ("hit", "hits", "hit", "hitting", S, false, Some("back")),
    (
        "thunder",
        "thunders",
        "thundered",
        "thundering",
        T,
        false,
        None,
    ),
    ("roar", "roars", "roared", "roaring", T, false, None),
    ("scream", "screams", "screamed", "screaming", T, false, None),
    ("boom", "booms", "boomed", "booming", T, false, None),
    ("laugh", "laughs", "laughed", "laughing", T, false, None),
    ("sigh", "sighs", "sighed", "sighing", T, false, None),
    ("mutter", "mutters", "muttered", "muttering", T, false, None),
    ("intone", "intones", "intoned", "intoning", T, false, None),
    ("opine", "opines", "opined", "opining", S, false, None),
    ("react", "reacts", "reacted", "reacting", T, false, None),
    ("sing", "sings", "sang", "singing", S, false, None),
    (
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
        S,
        false,
        None,
    ),
    ("go", "goes", "went", "going", T, false, Some("on")),
];

/// Forms that are also everyday nouns.
fn noun_like(w: &str) -> bool {
    matches!(
        w,
        "states"
            | "notes"
            | "claims"
            | "reports"
            | "tweets"
            | "comments"
            | "remarks"
            | "answers"
            | "posts"
            | "charges"
            | "fears"
            | "hopes"
            | "promises"
            | "pledges"
            | "estimates"
            | "counters"
            | "jokes"
            | "vows"
            | "reads"
            | "thought"
            | "post"
            | "report"
            | "answer"
            | "comment"
            | "state"
            | "note"
            | "claim"
            | "tweet"
            | "hope"
            | "fear"
            | "read"
            | "reading"
            | "feeling"
            | "thinking"
            | "pointing"
            | "going"
            | "beginning"
            | "calls"
            | "labels"
            | "brands"
            | "blasts"
            | "attacks"
            | "demands"
            | "quotes"
            | "offers"
            | "welcome"
            | "call"
            | "attack"
            | "quote"
            | "offer"
            | "demand"
            | "laugh"
            | "laughs"
            | "sigh"
            | "repeat"
            | "hit"
            | "fires"
            | "firing"
            | "hits"
            | "shoots"
            | "shot"
    )
}

/// Every cue verb form with its reading, as `verb` finds them: the first row listing a form
/// wins ("read" is a base form), and forms `verb` rules out by their shape are left out.
pub(crate) fn verb_forms() -> impl Iterator<Item = (&'static str, Verb)> {
    let mut seen: WordMap<&'static str, ()> = WordMap::default();
    VERBS
        .iter()
        .flat_map(|&(base, third, past, ing, class, hearer, particle)| {
            [
                (base, Form::Base),
                (third, Form::Third),
                (past, Form::Past),
                (ing, Form::Ing),
            ]
            .map(|(w, form)| {
                let verb = Verb {
                    lemma: base,
                    form,
                    class,
                    hearer,
                    noun_like: noun_like(w),
                    particle,
                };
                (w, verb)
            })
        })
        .filter(|(w, _)| cue_shaped(w))
        // "fire", "hit", "shoot" are nouns first ("the fire chief said"): their replies are
        // cues in the other forms only ("fired back", "hits back")
        .filter(|(_, v)| !(v.particle == Some("back") && v.form == Form::Base))
        .filter(move |(w, _)| seen.insert(w, ()).is_none())
}

/// A cue form has 3 to 13 letters and starts with a lower-case ASCII letter (so "go" of
/// "went on" is never a cue by itself).
fn cue_shaped(w: &str) -> bool {
    (3..=13).contains(&w.len()) && w.as_bytes()[0].is_ascii_lowercase()
}

/// A cue at token `i`: its verb and the token range it covers ("pointed out" covers two tokens).
/// "according to" is reported as a Speech verb in Past form covering both words.
#[inline]
pub(crate) fn cue_at(doc: &Doc, i: usize) -> Option<(Verb, std::ops::Range<usize>)> {
    // most words are no cue at all: a bit test rules them out (inline, in the callers' loops)
    if doc.lex(i).may_cue() {
        cue_word_at(doc, i)
    } else {
        None
    }
}

/// `cue_at` for a word that may start a cue.
fn cue_word_at(doc: &Doc, i: usize) -> Option<(Verb, std::ops::Range<usize>)> {
    let lex = doc.lex(i);
    let w = doc.word(i)?;
    let verb = lex.verb();
    if doc.is_cap(i) && !opens_sentence(doc, i) {
        // "The Washington Post", "the United States"
        return None;
    }
    if w == "according" {
        return doc.is_word(i + 1, "to").then_some((ACCORDING, i..i + 2));
    }
    let v = verb?;
    if unsaid(doc, i) {
        return None;
    }
    // "pleaded guilty", "pleads not guilty", "pleaded no contest": a plea in court, not words
    // reported
    if v.lemma == "plead"
        && doc
            .word(i + 1)
            .is_some_and(|w| matches!(w, "guilty" | "innocent" | "not" | "no"))
    {
        return None;
    }
    match v.particle {
        None => Some((v, i..i + 1)),
        Some(p) if doc.is_word(i + 1, p) => {
            if p == "on" {
                // "went on to say" is "say"; a bare "went on" only follows a quote
                if doc.is_word(i + 2, "to") && doc.lex(i + 3).verb().is_some() {
                    let mut inner = doc.lex(i + 3).verb()?;
                    inner.form = v.form;
                    return Some((inner, i..i + 4));
                }
            }
            // "hit back at claims that …": a retort to something, not the words that follow
            if p == "back" && doc.is_word(i + 2, "at") {
                return None;
            }
            Some((v, i..i + 2))
        }
        Some(_) => None,
    }
}

/// A speech verb that says nobody said anything: negated ("never said",
/// "did not say", "hasn't said") or with nothing for content ("said
/// nothing", "has said little about").
fn unsaid(doc: &Doc, i: usize) -> bool {
    let negated = i > 0
        && doc.word(i - 1).is_some_and(|w| {
            matches!(w, "never" | "not") || w.ends_with("n't") || w.ends_with("n’t")
        });
    let empty = doc.is_word(i + 1, "nothing")
        || (doc.is_word(i + 1, "little")
            && (doc.punct(i + 2).is_some()
                || doc
                    .word(i + 2)
                    .is_some_and(|w| matches!(w, "about" | "on" | "of" | "publicly"))));
    negated || empty
}

/// The verb introduces a clause without "that" ("said the dam held"); other cues need "that"
/// ("announced that …") because their bare object is usually a noun ("announced plans").
pub(crate) fn takes_bare_clause(v: &Verb) -> bool {
    matches!(
        v.lemma,
        "say"
            | "tell"
            | "add"
            | "argue"
            | "claim"
            | "insist"
            | "think"
            | "believe"
            | "feel"
            | "hope"
            | "write"
            | "tweet"
            | "warn"
            | "predict"
            | "acknowledge"
            | "admit"
            | "suggest"
            | "concede"
            | "complain"
            | "joke"
            | "worry"
            | "fear"
            | "recall"
            | "contend"
            | "assert"
            | "note"
            | "observe"
            | "agree"
            | "caution"
            | "stress"
            | "emphasize"
            | "emphasise"
            | "explain"
            | "assure"
            | "remind"
            | "inform"
            | "boast"
            | "brag"
            | "quip"
            | "reply"
            | "respond"
            | "counter"
            | "retort"
            | "testify"
            | "allege"
            | "speculate"
            | "muse"
            | "lament"
            | "vow"
            | "declare"
            | "state"
            | "point"
            | "conclude"
            | "report"
            | "confirm"
            | "reiterate"
            | "estimate"
    )
}

/// A bare form ("say", "think") needs a plural or first-person subject or a modal before it.
pub(crate) fn base_ok(doc: &Doc, v: usize) -> bool {
    let mut j = v;
    while j > 0
        && doc.word(j - 1).is_some_and(|w| {
            matches!(
                w,
                "also"
                    | "still"
                    | "now"
                    | "often"
                    | "not"
                    | "never"
                    | "really"
                    | "just"
                    | "generally"
                    | "only"
                    | "privately"
                    | "publicly"
                    | "repeatedly"
                    | "usually"
                    | "all"
            )
        })
    {
        j -= 1;
    }
    let Some(prev) = j.checked_sub(1).and_then(|p| doc.word(p)) else {
        return false;
    };
    let plural_noun = |p: usize| {
        doc.word(p)
            .is_some_and(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"))
    };
    // a name closing a plural subject: "Aides to Clinton say", "organizers in Cleveland
    // say" (a plural noun, a preposition, then capitalised words), "Anna Berg and Tom Vik
    // say" (names joined by "and")
    let named_plural = || {
        let start = doc.sentence(v).start;
        let mut k = j - 1;
        while k > start && doc.is_cap(k - 1) && doc.word(k - 1).is_some() {
            k -= 1;
        }
        if k == start {
            return false;
        }
        let before = k - 1;
        match doc.word(before) {
            Some("and") => before > start && doc.is_cap(before - 1),
            Some("to" | "in" | "of" | "at" | "for" | "from" | "with") => {
                before > start && plural_noun(before - 1)
            }
            Some("the") => {
                before > start + 1
                    && matches!(
                        doc.word(before - 1),
                        Some("to" | "in" | "of" | "at" | "for")
                    )
                    && plural_noun(before - 2)
            }
            _ => false,
        }
    };
    matches!(
        prev,
        "they"
            | "we"
            | "i"
            | "you"
            | "did"
            | "does"
            | "do"
            | "would"
            | "will"
            | "can"
            | "could"
            | "should"
            | "might"
            | "may"
            | "must"
    ) || (prev.ends_with('s') && !doc.is_cap(j - 1) && prev.len() > 3)
        || (doc.is_cap(j - 1) && prev.ends_with('s'))
        || (doc.is_cap(j - 1) && named_plural())
}

/// Token `i` is the first word of its sentence (after opening quote marks or brackets).
fn opens_sentence(doc: &Doc, i: usize) -> bool {
    let start = doc.sentence(i).start;
    (start..i).all(|j| doc.quote(j).is_some() || doc.punct(j).is_some())
}

/// The marker value for "according to".
pub(crate) const ACCORDING: Verb = Verb {
    lemma: "according",
    form: Form::Past,
    class: Class::Speech,
    hearer: false,
    noun_like: false,
    particle: Some("to"),
};

pub(crate) fn is_according(v: &Verb) -> bool {
    *v == ACCORDING
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verb(w: &str) -> Option<Verb> {
        super::super::lexicon::classify(w).verb()
    }

    #[test]
    fn past_tense_said_is_a_speech_cue() {
        let v = verb("said").map(|v| (v.form, v.class));
        assert_eq!(v, Some((Form::Past, Class::Speech)));
    }

    #[test]
    fn told_takes_a_hearer() {
        assert!(verb("told").is_some_and(|v| v.hearer));
    }

    #[test]
    fn thinks_is_a_cognition_cue() {
        assert_eq!(verb("thinks").map(|v| v.class), Some(Class::Cognition));
    }

    #[test]
    fn plural_nouns_that_look_like_verbs_are_marked() {
        assert!(verb("states").is_some_and(|v| v.noun_like));
        assert!(verb("said").is_some_and(|v| !v.noun_like));
    }

    #[test]
    fn pointed_out_is_one_cue_of_two_words() {
        let doc = Doc::new("Lund pointed out that rain fell.");
        let (_, range) = cue_at(&doc, 1).unwrap_or((ACCORDING, 0..0));
        assert_eq!(range, 1..3);
        let doc = Doc::new("Lund pointed at the sky.");
        assert!(cue_at(&doc, 1).is_none());
    }

    #[test]
    fn a_retort_in_kind_is_a_cue_with_back() {
        for text in [
            "Lund shot back: no.",
            "Lund fired back that it was no.",
            "Lund hits back.",
        ] {
            let doc = Doc::new(text);
            let (_, range) = cue_at(&doc, 1).unwrap_or((ACCORDING, 0..0));
            assert_eq!(range, 1..3, "{text}");
        }
        // a shot, a fire, a reply to something
        for text in [
            "Lund shot the deer.",
            "Lund fired back at claims of fraud.",
            "The fire chief said so.",
        ] {
            let doc = Doc::new(text);
            assert!(cue_at(&doc, 1).is_none(), "{text}");
        }
    }

    #[test]
    fn a_bare_say_takes_a_plural_subject_that_ends_in_a_name() {
        let say = |text: &str| {
            let doc = Doc::new(text);
            let v = (0..doc.len()).find(|&i| doc.is_word(i, "say")).unwrap_or(0);
            base_ok(&doc, v)
        };
        assert!(say("Aides to Clinton say she is shifting."));
        assert!(say("Organizers in Cleveland say the city is wrong."));
        assert!(say("Supporters of the Dalby Party say it will win."));
        assert!(say("Anna Berg and Tom Vik say the plan is dead."));
        assert!(say("Officials would only say the road is shut."));
        // a singular name, or one after a singular noun, is no plural subject
        assert!(!say("I heard Clinton say it."));
        assert!(!say("The aide to Clinton say it."));
        assert!(!say("We will let Anna Berg say it."));
    }

    #[test]
    fn according_to_is_a_cue() {
        let doc = Doc::new("According to Lund, rain fell.");
        assert!(cue_at(&doc, 0).is_some_and(|(v, r)| is_according(&v) && r == (0..2)));
    }

    #[test]
    fn went_on_to_say_is_say() {
        let doc = Doc::new("She went on to say that it rained.");
        let cue = cue_at(&doc, 1).map(|(v, r)| (v.class, r));
        assert_eq!(cue, Some((Class::Speech, 1..5)));
    }

    #[test]
    fn capitalised_words_inside_a_sentence_are_not_cues() {
        let doc = Doc::new("He read The Washington Post in the United States.");
        assert!((0..doc.len()).all(|i| i == 1 || cue_at(&doc, i).is_none()));
    }

    #[test]
    fn unrelated_words_are_not_cues() {
        assert!(verb("table").is_none());
        assert!(verb("").is_none());
    }
}
