//! Person names, titles and roles: capitalised runs, name normalisation, and the noun phrases that name a speaker.

use std::borrow::Cow;
use std::ops::Range;

use super::lexicon::Lex;
pub(crate) use super::lexicon::{first_name_gender, is_cap_stop, is_org_word, is_role_head};
use super::text::{Doc, Kind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pron {
    He,
    She,
    They,
    /// it: the source last quoted ("…," the company said. "…," it added.).
    It,
    /// I, we, you: never resolved to a third party.
    Other,
    /// who, which: refers to the noun phrase before its comma.
    Relative,
}

/// What a speaker noun phrase is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum What {
    /// A capitalised name; `run` is its token range (titles included).
    Name {
        run: Range<usize>,
    },
    Pronoun(Pron),
    /// "the analyst", "the head of state": the head noun, lower-cased.
    Description {
        head: String,
    },
    /// "Trump's spokesman", "a spokeswoman for the Clinton campaign": the owner's run and the head.
    Proxy {
        owner: Range<usize>,
        head: String,
    },
    /// "officials", "critics", "the campaign": no one to name.
    Generic,
}

/// A noun phrase naming a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// Token range of the whole phrase.
    pub toks: Range<usize>,
    pub what: What,
    /// Role words written with it: "political analyst", "President", "the White House press secretary".
    pub role: Option<String>,
}

impl Mention {
    pub fn bytes(&self, doc: &Doc) -> Range<usize> {
        doc.bytes(self.toks.clone())
    }
}

/// A normalised name: titles dropped, words joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name<'d> {
    /// Borrowed from the body when the name is one word as written (the usual case).
    pub full: Cow<'d, str>,
    pub words: usize,
    /// Title words dropped from the front: "Sen.", "President", "Secretary of State".
    pub title: Option<String>,
    pub gender: Gender,
    /// Written with a person title (Mr., Sen., President, ...).
    pub titled: bool,
}

pub(crate) fn pronoun(w: &str) -> Option<Pron> {
    Some(match w {
        "he" | "him" | "his" | "himself" => Pron::He,
        "she" | "her" | "hers" | "herself" => Pron::She,
        "they" | "them" | "their" | "themselves" => Pron::They,
        "it" => Pron::It,
        "i" | "me" | "we" | "us" | "you" | "my" | "our" | "its" => Pron::Other,
        "who" | "which" => Pron::Relative,
        _ => return None,
    })
}

pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "another" | "his" | "her" | "their" | "its" | "our" | "this" | "that"
    )
}

/// Normalises the capitalised run `run` into a name (titles dropped, initials kept with their period).
pub(crate) fn normalise<'d>(doc: &Doc<'d>, run: Range<usize>) -> Option<Name<'d>> {
    if run.len() == 1 && doc.word(run.start).is_some() {
        return normalise_word(doc, run.start);
    }
    // "Minister for Foreign Affairs Ola Berg": the department is the title's
    let run = match run.start.checked_sub(1) {
        Some(p) if titled_for(doc, p) => after_department(doc, run.clone()).unwrap_or(run),
        _ => run,
    };
    // the word tokens, each with whether its period joins it ("J.", "Jr.")
    let mut all = SmallList::new();
    for i in run.clone() {
        // "Berg & Sons Corp": the ampersand is a word of a company's name
        if doc.toks[i].kind != Kind::Word && !doc.is_punct(i, '&') {
            continue;
        }
        let short = is_one_char(doc.text(i)) || matches!(doc.low(i), "jr" | "sr" | "st");
        let dot = short && doc.is_punct(i + 1, '.') && doc.glued_left(i + 1) && i + 1 < run.end;
        all.push((i, dot));
    }
    let all = all.as_slice();
    // a leading "The" is not part of a name
    let lead = all
        .iter()
        .take_while(|(i, _)| matches!(doc.low(*i), "the" | "a" | "an"))
        .count();
    let words = &all[lead..];
    // "Ola Dahl MP", "Dahl MP": letters after the name end it and are a role
    // ("the Cork South West TD" is no one's name)
    let post = match words {
        [.., (a, _), (p, _)] if lead == 0 && is_post_nominal(doc.text(*p)) && doc.is_cap(*a) => {
            Some(doc.text(*p))
        }
        _ => None,
    };
    // a person's: a name opening with a first name, or one no article or adjective stands
    // before that holds no word of a body or a place ("a Fine Gael TD", "the
    // Lagan Valley MP", "Green Party MP" are descriptions)
    let post = post.filter(|_| {
        let described = run.start > 0
            && doc.word(run.start - 1).is_some_and(|w| {
                !doc.is_cap(run.start - 1) && doc.lex(run.start - 1).verb().is_none() && w != "and"
            });
        let placelike = words[..words.len() - 1].iter().any(|(i, _)| {
            doc.lex(*i).is_org_word()
                || matches!(
                    doc.low(*i),
                    "north" | "south" | "east" | "west" | "valley" | "central"
                )
        });
        doc.lex(words[0].0).first_name_gender() != Gender::Unknown || !(described || placelike)
    });
    let words = &words[..words.len() - usize::from(post.is_some())];
    // drop title words: everything up to the last hard title before the remaining name
    let mut cut = 0;
    let mut gender = Gender::Unknown;
    let mut titled = false;
    // an organisation keeps all its words: "State Department", "White House"
    let organisation = words.last().is_some_and(|(i, _)| doc.lex(*i).is_org_word());
    // an ordinal and "Class" with a name after them: "1st Class Mia Lund"
    let class_at = |k: usize| {
        k + 2 < words.len() && is_ordinal(doc.low(words[k].0)) && doc.low(words[k + 1].0) == "class"
    };
    for (k, (i, _)) in words.iter().enumerate() {
        let lex = doc.lex(*i);
        if k + 1 >= words.len() || organisation {
            break;
        }
        if class_at(k) && k >= cut {
            // "Sgt. 1st Class": the rank's class is part of the title
            cut = k + 2;
            titled = true;
        } else if let Some(g) = lex.title_gender() {
            cut = k + 1;
            titled = true;
            if g != Gender::Unknown {
                gender = g;
            }
        } else if (lex.is_title_filler() || (lex.is_role_head() && k == 0 && words.len() >= 3))
            && k == cut
            // "National Bank of Karsovia": before an organisation's word, its name's (but
            // "U.S. Department of Justice" is the Department of Justice)
            && (!doc.lex(words[k + 1].0).is_org_word() || matches!(doc.low(*i), "u.s." | "u.s" | "us"))
        {
            cut = k + 1;
        } else if doc.low(*i) == "of" && titled && k == cut {
            // "Secretary of State John Kerry", "Director of National Intelligence James Clapper"
            let mut m = k + 1;
            while m + 1 < words.len() && {
                let lex = doc.lex(words[m].0);
                lex.is_department_word() || lex.is_title_filler()
            } {
                m += 1;
            }
            cut = m;
        } else {
            // "Republican Marco Rubio", but "National Bank of Karsovia": an adjective before an
            // organisation's word is part of its name
            if !titled
                && k == cut
                && lex.is_affiliation()
                && !organisation
                && !doc.lex(words[k + 1].0).is_org_word()
            {
                cut = k + 1;
            }
            // stop at the first real name word; titles after it belong to a name ("John Paul")
            if k >= cut
                && words[k + 1..].iter().all(|(j, _)| !doc.lex(*j).is_title())
                && !(k + 1..words.len()).any(class_at)
            {
                break;
            }
        }
    }
    // "Foreign Ministry Spokeswoman Ada Lund", "Party Deputy Ola Berg": a capitalised role
    // word before a name of two words or more ends the title
    if !organisation
        && let Some(r) = words.iter().rposition(|(i, _)| {
            let lex = doc.lex(*i);
            lex.is_role_head() && !lex.is_org_word()
        })
        && r + 1 > cut
        && words.len() - (r + 1) >= 2
        && words[r + 1..].iter().all(|(j, _)| {
            let lex = doc.lex(*j);
            doc.is_cap(*j)
                && !(lex.is_role_head()
                    || lex.is_title()
                    || lex.is_org_word()
                    || lex.is_department_word())
        })
    {
        cut = r + 1;
    }
    // "Metropolitan Police Craig Lund", "Defense Council Ada Berg": an organisation, then a
    // person whose first name the lists know
    if !organisation
        && let Some(o) = words.iter().rposition(|(i, _)| doc.lex(*i).is_org_word())
        && o + 1 > cut
        && words.len() - (o + 1) >= 2
        && doc.lex(words[o + 1].0).first_name_gender() != Gender::Unknown
        && words[o + 1..].iter().all(|(j, _)| {
            let lex = doc.lex(*j);
            doc.is_cap(*j) && !(lex.is_org_word() || lex.is_title() || lex.is_role_head())
        })
    {
        cut = o + 1;
    }
    // "Minister of Foreign Affairs and Trade Peter Lind": the end of the organisation or place
    // the role belongs to runs on into the name (see [`tail_person`])
    let mut tail = false;
    if !organisation
        && cut == 0
        && let Some(person) = tail_person(doc, run.clone())
        && let Some(k) = words.iter().position(|(i, _)| *i == person)
    {
        cut = k;
        tail = true;
    }
    if cut >= words.len() {
        cut = words.len().saturating_sub(1);
    }
    // "Court of Appeals" keeps its words: a name never starts with a particle, unless a
    // personal title stands right before it ("Ms Le Pen", "Mr de Mistura", "Dr van Berg")
    if words
        .get(cut)
        .is_some_and(|(i, _)| doc.lex(*i).is_run_particle() || matches!(doc.low(*i), "on" | "for"))
        && !particle_name_after_title(doc, words, cut)
    {
        cut = 0;
    }
    // "American Express", "U.S. Mint", "General Acquisition": a people's adjective or
    // "General" before an everyday word (not a role: "U.S. Official") names a company
    if cut > 0
        && cut + 1 == words.len()
        && doc.is_lowercase_word(doc.low(words[cut].0))
        && !doc.lex(words[cut].0).is_role_head()
        && (words[..cut].iter().all(|(i, _)| {
            // a spelt-out adjective, not an abbreviation ("U.S. Trade" is no company)
            doc.lex(*i).is_affiliation()
                && !doc.lex(*i).is_title()
                && doc.text(*i).bytes().all(|b| b.is_ascii_alphabetic())
                && !doc.is_punct(*i + 1, '.')
        }) || (cut == 1 && doc.low(words[0].0) == "general"))
        || (cut == 1 && words.len() == 2 && company_after_title(doc, words[0].0, words[1].0))
    {
        cut = 0;
        titled = false;
        gender = Gender::Unknown;
    }
    let (title_words, name_words) = words.split_at(cut);
    if name_words.is_empty() {
        return None;
    }
    let full = Cow::Owned(join_words(doc, name_words.iter()));
    if gender == Gender::Unknown && name_words.len() >= 2 {
        gender = doc.lex(name_words[0].0).first_name_gender();
    }
    // courtesy titles are not roles
    let roles = title_words
        .iter()
        .filter(|(i, _)| !is_courtesy_title(doc.low(*i)));
    // word tokens are never empty, so the joined title is empty only without words
    let title = Some(join_words(doc, roles))
        .filter(|t| !t.is_empty() && !tail)
        .or_else(|| post.map(str::to_string));
    Some(Name {
        full,
        words: name_words.len(),
        title,
        gender,
        titled: titled || post.is_some(),
    })
}

/// "First Interstate", "First Solar", "General Electric", "General Acquisition": a title word
/// and one word that no person bears name a company. After "First" any word that is no role
/// does ("First Lady" is one); after "General", a word of the kind companies are named with
/// ("General Allen" and "General Petraeus" are people).
fn company_after_title(doc: &Doc, title: usize, word: usize) -> bool {
    if doc.lex(word).is_role_head() || doc.lex(word).first_name_gender() != Gender::Unknown {
        return false;
    }
    let w = doc.low(word);
    // a surname given after a first name elsewhere ("Jimmy Kimmel … First Kimmel joked")
    let surname = || {
        doc.after_first_names()
            .binary_search_by(|s| s.as_str().cmp(w))
            .is_ok()
    };
    match doc.low(title) {
        "first" => !surname(),
        "general" => {
            ["tion", "ics", "ment", "ric", "ical", "wares"]
                .iter()
                .any(|s| w.ends_with(s))
                || matches!(
                    w,
                    "mills"
                        | "foods"
                        | "motors"
                        | "signal"
                        | "cinema"
                        | "host"
                        | "public"
                        | "re"
                        | "instrument"
                        | "instruments"
                        | "partners"
                        | "homes"
                        | "steel"
                        | "tire"
                        | "data"
                        | "datacomm"
                        | "health"
                        | "accident"
                )
        }
        _ => false,
    }
}

/// Where the person starts in the capitalised run `run` when it begins with the end of an
/// organisation or place a role belongs to: "Minister of Foreign Affairs and Trade Peter
/// Lind", "Ambassador to Norway Peter Lind", "Director of the Office of Management and Budget
/// Tom Holt" (a person whose first name the lists know, of three words at most, after words
/// that [`organisation_tail`] accepts).
pub(crate) fn tail_person(doc: &Doc, run: Range<usize>) -> Option<usize> {
    let words: Vec<(usize, bool)> = run
        .clone()
        .filter(|&i| doc.toks[i].kind == Kind::Word)
        .map(|i| (i, false))
        .collect();
    if words.len() < 3 || words.last().is_some_and(|(i, _)| doc.lex(*i).is_org_word()) {
        return None;
    }
    let k = (1..words.len() - 1)
        .find(|&k| doc.lex(words[k].0).first_name_gender() != Gender::Unknown)?;
    let fits = words.len() - k <= 3
        // inside a name ("Ziyed Ben Belgacem", "Mohamed Ali Alhakim"), or a place
        // ("San Francisco")
        && !matches!(
            doc.low(words[k].0),
            "ben" | "bin" | "ibn" | "abu" | "ali" | "al" | "el" | "abdel" | "abdul"
        )
        && !matches!(
            doc.low(words[k - 1].0),
            "san" | "santa" | "santo" | "sao" | "los" | "las" | "new" | "st" | "saint" | "fort"
                | "port" | "mount" | "lake" | "el" | "la" | "le"
        )
        && organisation_tail(doc, run.start, &words[..k])
        && words[k..].iter().all(|(j, _)| {
            let lex = doc.lex(*j);
            doc.is_cap(*j)
                && !doc.is_lowercase_word(doc.low(*j))
                && !(lex.is_org_word()
                    || lex.is_title()
                    || lex.is_role_head()
                    || lex.is_department_word())
        });
    fits.then_some(words[k].0)
}

/// Whether `words`, the start of the capitalised run that starts at token `start`, end the
/// name of an organisation or place rather than begin a person's: department words,
/// organisation words or acronyms ("NATO"), or one or two words after the "of", "to", "for",
/// "at", "in" or "and" a formal title leads to (through "the": "Ambassador to the UN", not
/// "According to"), none of them a title, a first name or an initial ("G." of "G. Robert
/// Durham", "L.C." of "L.C. Duncan").
fn organisation_tail(doc: &Doc, start: usize, words: &[(usize, bool)]) -> bool {
    let personal = |&(i, dot): &(usize, bool)| {
        dot || is_one_char(doc.text(i))
            || doc.text(i).contains('.')
            || (doc.is_punct(i + 1, '.') && doc.glued_left(i + 1))
            || doc.lex(i).first_name_gender() != Gender::Unknown
    };
    // "Spokesperson for Minister Maria Lund": a title is the person's
    let titled = |&(i, _): &(usize, bool)| doc.lex(i).is_title() || doc.lex(i).is_role_head();
    if words.is_empty() || words.iter().any(personal) || words.iter().any(titled) {
        return false;
    }
    let acronym = |i: usize| {
        let t = doc.text(i);
        t.len() >= 2 && t.bytes().all(|b| b.is_ascii_uppercase())
    };
    if words.iter().all(|&(i, _)| {
        let lex = doc.lex(i);
        lex.is_department_word() || lex.is_org_word() || acronym(i)
    }) {
        return true;
    }
    // a place or body of one or two words ("China", "South Korea"); three may end with
    // a first name the lists lack ("the United Nations Mohamed Ali Alhakim")
    if words.len() > 2 {
        return false;
    }
    let mut p = start.checked_sub(1);
    if let Some(q) = p
        && doc.is_word(q, "the")
    {
        p = q.checked_sub(1);
    }
    let Some(p) = p.filter(|&p| p > 0) else {
        return false;
    };
    // a formal title leads to the preposition ("Minister of", "Ambassador to", "Minister of
    // Foreign Affairs and"): not "According to", "a spokesman for", "the wife of", "Analysts
    // at" nor "Tom Berg and", whose next name is a person's or a company's whole
    let role = formal_title_before(doc, p);
    role && !doc.is_cap(p)
        && doc
            .word(p)
            .is_some_and(|w| matches!(w, "of" | "to" | "for" | "at" | "in" | "and"))
}

/// Whether a formal title ("Minister", "ambassador", "director"; not "spokesman", "wife",
/// "according") leads to the preposition at `p` through capitalised words, "of", "the",
/// "for" and "and" only (eight tokens at most): "Minister of Foreign Affairs and", "the
/// director of the Office of Management and".
fn formal_title_before(doc: &Doc, p: usize) -> bool {
    for j in (p.saturating_sub(8)..p).rev() {
        let Some(w) = doc.word(j) else {
            return false;
        };
        if doc.lex(j).is_title() {
            return true;
        }
        if !doc.is_cap(j) && !matches!(w, "of" | "the" | "for" | "and") {
            return false;
        }
    }
    false
}

/// The words of a name from `cut` on are a surname that opens with a particle ("Le Pen", "de
/// Mistura", "van der Berg") after a personal title: the particle is not "of", the word
/// before it is a title, and a capitalised word follows the particles.
fn particle_name_after_title(doc: &Doc, words: &[(usize, bool)], cut: usize) -> bool {
    let Some(before) = cut.checked_sub(1).and_then(|k| words.get(k)) else {
        return false;
    };
    doc.lex(before.0).title_gender().is_some()
        && words[cut..]
            .iter()
            .find(|(i, _)| !doc.lex(*i).is_run_particle())
            .is_some_and(|(i, _)| doc.is_cap(*i))
        && words[cut..]
            .iter()
            .take_while(|(i, _)| doc.lex(*i).is_run_particle())
            .all(|(i, _)| doc.low(*i) != "of")
}

/// `normalise` of the one-word run at `i`: the word as written, or nothing for a lone article
/// (a single word has no title to drop, and no first name to tell its gender).
fn normalise_word<'d>(doc: &Doc<'d>, i: usize) -> Option<Name<'d>> {
    if matches!(doc.low(i), "the" | "a" | "an") {
        return None;
    }
    Some(Name {
        full: straight_apostrophes(doc.text(i)),
        words: 1,
        title: None,
        gender: Gender::Unknown,
        titled: false,
    })
}

/// A list kept on the stack while it is short (name runs have a handful of words), so
/// `normalise` allocates only the strings it returns.
struct SmallList {
    inline: [(usize, bool); 16],
    len: usize,
    spilled: Vec<(usize, bool)>,
}

impl SmallList {
    fn new() -> Self {
        SmallList {
            inline: [(0, false); 16],
            len: 0,
            spilled: Vec::new(),
        }
    }

    fn push(&mut self, x: (usize, bool)) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = x;
        } else {
            if self.spilled.is_empty() {
                self.spilled.extend_from_slice(&self.inline);
            }
            self.spilled.push(x);
        }
        self.len += 1;
    }

    fn as_slice(&self) -> &[(usize, bool)] {
        self.inline.get(..self.len).unwrap_or(&self.spilled)
    }
}

/// The words as written, joined by single spaces, each with its joining period.
fn join_words<'w>(doc: &Doc, words: impl Iterator<Item = &'w (usize, bool)> + Clone) -> String {
    // sized up front: a name is built once and never grows
    let size: usize = words
        .clone()
        .map(|&(i, dot)| doc.text(i).len() + 1 + usize::from(dot))
        .sum();
    let mut out = String::with_capacity(size + 4);
    let last = words.clone().count().saturating_sub(1);
    for (k, &(i, dot)) in words.enumerate() {
        // "S&P", "AT&T": an ampersand written without spaces stays so
        let glued = doc.glued_left(i) && (doc.is_punct(i, '&') || doc.is_punct(i - 1, '&'));
        if k > 0 && !glued {
            out.push(' ');
        }
        out.push_str(&straight_apostrophes(doc.text(i)));
        if dot {
            out.push('.');
        }
        if k < last && doc.toks[i].poss {
            // inside a name ("Moody's Investors Service Inc"), the possessive, straight
            out.push_str(&straight_apostrophes(doc.possessive(i)));
        }
    }
    out
}

/// A name word with its apostrophes written straight (`O’Brien` -> `O'Brien`):
/// one article can type a name both ways, and a name is one person.
fn straight_apostrophes(word: &str) -> Cow<'_, str> {
    if word.contains(['\u{2019}', '\u{02BC}']) {
        Cow::Owned(word.replace(['\u{2019}', '\u{02BC}'], "'"))
    } else {
        Cow::Borrowed(word)
    }
}

/// The text is a single character.
fn is_one_char(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some() && chars.next().is_none()
}

/// Tokens in a capitalised run at most ("Senate Majority Leader Mitch McConnell" has six).
const MAX_RUN: usize = 12;

/// Token `i` is an everyday word that is a surname after the name or title before it
/// ("Theresa May", "George Will", "Prime Minister May"), not the month or the modal verb it
/// is elsewhere ("in May", "May 5", "May said" opening a sentence).
pub(crate) fn surname_after_name(doc: &Doc, i: usize) -> bool {
    i > 0
        && doc.is_cap(i)
        && doc.lex(i).is_surname_like_stop()
        && is_name_word(doc, i - 1)
        && !doc.toks[i - 1].poss
        && doc.sentence(i).start != i
        && !doc.text(i + 1).starts_with(|c: char| c.is_ascii_digit())
}

/// Token `i` is a title that is also a common surname ("King", "Major", "Dean") and is
/// someone's surname here: it ends a full name ("Stephen King", "John Major", "Martin Luther
/// King": after a first name and at most one more name word) or follows an honorific
/// ("Mr. Major", "Dr. King"). Never at a sentence start, before a further name word ("King
/// Charles", "Judge Amy Lund" are titles) or before a number.
pub(crate) fn title_surname_after_name(doc: &Doc, i: usize) -> bool {
    let first_name = |j: usize| doc.is_cap(j) && doc.lex(j).first_name_gender() != Gender::Unknown;
    let plain = |j: usize| is_name_word(doc, j) && !doc.lex(j).is_title() && !doc.toks[j].poss;
    let honorific = |j: usize| {
        // "Mr." is three tokens from the title: the word, its period, the title
        let j = if doc.is_punct(j, '.') && j > 0 {
            j - 1
        } else {
            j
        };
        doc.is_cap(j) && matches!(doc.low(j), "mr" | "mrs" | "ms" | "miss" | "dr")
    };
    i > 0
        && doc.is_cap(i)
        && doc.lex(i).is_title()
        && is_surname_title(doc.low(i))
        && doc.sentence(i).start != i
        && ((plain(i - 1) && (first_name(i - 1) || (i >= 2 && plain(i - 2) && first_name(i - 2))))
            || honorific(i - 1))
        && !is_name_word(doc, i + 1)
        && !doc.text(i + 1).starts_with(|c: char| c.is_ascii_digit())
}

/// Titles that are also common English surnames: the only ones that may be a surname.
pub(crate) fn is_surname_title(w: &str) -> bool {
    // not "chancellor" or "sheriff": "Mr. Chancellor" is how one speaks to one
    matches!(
        w,
        "bishop" | "dean" | "judge" | "king" | "lord" | "major" | "pope" | "prince"
    )
}

/// A capitalised word that can be part of a name run: every run holds one.
pub(crate) fn is_name_word(doc: &Doc, i: usize) -> bool {
    if !doc.is_cap(i) {
        return false;
    }
    let lex = doc.lex(i);
    !lex.is_cap_stop() || lex.is_title() || month_first_name(doc, i)
}

/// A month that is a first name, before a surname: "Jan Brewer", "April Ryan", "June
/// Carter", "August Wilson" (not "June 5", "April and May", "In June Congress met").
pub(crate) fn month_first_name(doc: &Doc, i: usize) -> bool {
    matches!(doc.low(i), "jan" | "april" | "june" | "august")
        && doc.is_cap(i + 1)
        && !doc.lex(i + 1).is_cap_stop()
        && !doc.lex(i + 1).is_org_word()
        && !doc.lex(i + 1).is_department_word()
        && !doc.glued_left(i + 1)
}

/// Words before a role's head that make it another office: a vice president is not the
/// president, a former minister not the minister.
pub(crate) const RANKS: &[&str] = &[
    "vice",
    "deputy",
    "assistant",
    "associate",
    "former",
    "acting",
];

/// "Deputy Prime Minister Ola Berg", "Acting Governor Pia Lind": a rank that makes the title
/// another office, which a name run opening a sentence keeps.
fn opens_rank(doc: &Doc, i: usize) -> bool {
    RANKS.contains(&doc.low(i))
}

/// A title that says only how to address someone ("Mr.", "Ms", "Dame"): no role, and no
/// office to tell namesakes apart by.
pub(crate) fn is_courtesy_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs" | "ms" | "miss" | "mx" | "mister" | "sir" | "madam" | "dame"
    )
}

/// Letters written after a person's name for an office or honour, as written (capitals):
/// members of parliaments ("MP", "MEP", "MSP", "TD", "MLA"), senior lawyers ("QC", "KC"),
/// British honours ("OBE", "CBE").
pub(crate) fn is_post_nominal(w: &str) -> bool {
    matches!(
        w,
        "MP" | "MEP" | "MSP" | "MLA" | "TD" | "QC" | "KC" | "OBE" | "CBE" | "MBE" | "KBE" | "DBE"
    )
}

/// The capitalised run starting at token `first`, scanning no further than `limit` (exclusive).
pub(crate) fn run_starting_at(doc: &Doc, first: usize, limit: usize) -> Option<Range<usize>> {
    let mut first = first;
    while first < limit
        && doc.is_cap(first)
        && ((doc.lex(first).is_cap_stop()
            && !doc.lex(first).is_title()
            && !month_first_name(doc, first))
            || (doc.common_word_at_sentence_start(first)
                && !((doc.lex(first).is_title() || opens_rank(doc, first))
                    && is_name_word(doc, first + 1))))
        // "AT and T", "One Video Corp": a company may open with such a word
        && !joined_initials(doc, first)
        && company_run(doc, first, limit).is_none()
    {
        first += 1;
    }
    // "Workers said", "Nobody said": a group word opening a sentence, alone, is
    // no name (parties are: "Democrats said" names a side, as "Moscow said" does)
    if first < limit
        && doc.lex(first).is_generic_head()
        && doc.sentence(first).start == first
        && !is_name_word(doc, first + 1)
        && !matches!(
            doc.low(first),
            "democrats" | "republicans" | "conservatives" | "liberals" | "progressives"
        )
    {
        return None;
    }
    if first >= limit {
        return None;
    }
    if !is_name_word(doc, first) && !joined_initials(doc, first) {
        // "3Com Corp", "One Video Corp"
        return company_run(doc, first, limit).map(|end| first..end);
    }
    let mut end = first + 1;
    // a name has a handful of words; a longer capitalised stretch is a heading
    let limit = limit.min(first + MAX_RUN);
    while end < limit {
        if doc.toks[end - 1].poss {
            // "Moody's Investors Service Inc", "McDonald's Corp": an organisation's name may
            // hold a possessive
            if let Some(e) = org_tail(doc, end, limit) {
                end = e;
            }
            break;
        }
        if is_name_word(doc, end) || (doc.is_cap(end) && doc.lex(end).is_surname_like_stop()) {
            end += 1;
        } else if end + 1 < limit && is_name_word(doc, end + 1) && joins_run(doc, end) {
            end += 2;
        } else if end + 2 < limit
            && is_name_word(doc, end + 2)
            && is_lower_particle(doc, end)
            && is_lower_particle(doc, end + 1)
        {
            // "Ana de la Cruz", "Pieter van den Berg"
            end += 3;
        } else if end + 2 < limit
            && doc.word(end).is_some_and(is_numbered_rank)
            && doc.lex(end + 1).is_title()
        {
            // "Air Force 1st Lt. Tyler Livingston", "Army 2nd Lt. Ana Ruiz"
            end += 1;
        } else if end + 1 < limit
            && (doc.is_word(end, "and") || doc.is_punct(end, '&'))
            && let Some(n) = joined_initials(doc, end - 1)
                .then_some(1)
                .or_else(|| body_and(doc, first..end, end))
        {
            // "S and P", "AT and T"; "Ministry of International Trade and Industry"
            end += 1 + n;
        } else if end + 3 < limit
            && doc.is_word(end, "of")
            && doc.is_word(end + 1, "the")
            && doc.lex(end - 1).is_title()
            && doc.is_cap(end + 2)
            && doc.lex(end + 2).is_department_word()
            && is_name_word(doc, end + 3)
        {
            // "Chancellor of the Exchequer Nigel Lawson", "Secretary of the Treasury James
            // Baker": a title of a department, and the name after it
            end += 3;
        } else if let Some(n) = rank_class(doc, end)
            && end + n < limit
            && is_name_word(doc, end + n)
        {
            // "Sgt. 1st Class Mia Lund", "Airman First Class Ola Berg": a rank's class
            end += n;
        } else if end + 2 < limit && is_initial(doc, end) && is_name_word(doc, end + 2) {
            // "Roberta A. Kaplan": an initial that is also a word
            end += 3;
        } else {
            // "Merck and Co Inc", "Standard and Poor's Corp": a company of several names
            if (doc.is_word(end, "and") || doc.is_punct(end, '&'))
                && let Some(e) = and_tail(doc, end + 1, limit)
            {
                end = e;
            }
            break;
        }
    }
    // "Banc One Corp", "CCR Video Corp": a company's name goes on over words that end a
    // person's ("One", "Video")
    if end < limit
        && doc.is_cap(end)
        && let Some(company) = company_run(doc, first, limit)
        && company > end
    {
        end = company;
    }
    Some(first..end)
}

/// The tokens of a rank's class at token `i` after a rank ("Sgt. 1st Class", "Airman First
/// Class"): the rank's period, an ordinal, and "Class".
fn rank_class(doc: &Doc, i: usize) -> Option<usize> {
    let dot = doc.is_punct(i, '.') && doc.glued_left(i);
    let ordinal = i + usize::from(dot);
    let rank = ordinal.checked_sub(1 + usize::from(dot))?;
    let ranked =
        doc.lex(rank).is_title() || matches!(doc.low(rank), "airman" | "seaman" | "private");
    (ranked && opens_class(doc, ordinal)).then_some(ordinal + 2 - i)
}

/// Token `i` is the ordinal of a rank's class: "1st" in "Sgt. 1st Class Pia Lind".
pub(crate) fn opens_class(doc: &Doc, i: usize) -> bool {
    is_ordinal(doc.low(i)) && doc.is_cap(i + 1) && doc.is_word(i + 1, "class")
}

/// "1st", "2nd", "3rd", "4th": the number of a rank ("1st Lt.", "2nd Class").
pub(crate) fn is_numbered_rank(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

fn is_ordinal(w: &str) -> bool {
    matches!(w, "1st" | "2nd" | "3rd" | "first" | "second" | "third")
}

/// Token `and` is the "and" of a body's name that `toks` (before it) opens, joining the last
/// words of the name, one or two ending in a department word: "Ministry of International
/// Trade and Industry", "Department of Health and Social Care"; but not "Department of
/// Justice and Trump's comments". The number of words after `and`.
fn body_and(doc: &Doc, toks: Range<usize>, and: usize) -> Option<usize> {
    let opens = toks
        .skip(1)
        .any(|j| doc.is_word(j, "of") && doc.is_cap(j - 1) && doc.lex(j - 1).is_org_word());
    if !doc.is_word(and, "and") || !opens {
        return None;
    }
    // "Trade and Industry", not "Bank of England and Treasury": a department that is not a
    // body of its own
    [1, 2].into_iter().find(|&n| {
        let last = and + n;
        (and + 1..=last)
            .all(|j| is_name_word(doc, j) && !doc.lex(j).is_org_word() && !doc.toks[j].poss)
            && doc.lex(last).is_department_word()
            && !is_name_word(doc, last + 1)
    })
}

/// A noun that takes up a body named before: "the company said" after "Acme Corp said".
pub(crate) fn is_body_noun(w: &str) -> bool {
    matches!(
        w,
        "company"
            | "firm"
            | "group"
            | "bank"
            | "ministry"
            | "department"
            | "agency"
            | "exchange"
            | "union"
            | "committee"
            | "newspaper"
            | "paper"
    )
}

/// The end of a run of name words from `from` that ends in an organisation word ("Corp",
/// "Inc", "Service"), when there is one.
/// `org_tail` after "and" or "&" in a company's name: several words ("Poor's Corp") or a
/// legal form ("Co"), so that "Merck and Co" is one company and "the CIA and FBI" two.
fn and_tail(doc: &Doc, from: usize, limit: usize) -> Option<usize> {
    org_tail(doc, from, limit).filter(|&e| {
        e - from >= 2
            || is_company_suffix(doc.low(e - 1))
            // "Jauppi and Associates", "Berg and Sons"
            || matches!(
                doc.low(e - 1),
                "associates" | "sons" | "partners" | "company" | "brothers"
            )
    })
}

fn org_tail(doc: &Doc, from: usize, limit: usize) -> Option<usize> {
    let mut end = from;
    while end < limit && is_name_word(doc, end) {
        end += 1;
        if doc.toks[end - 1].poss {
            // "Poor's Corp" after "Standard and"
            if end == from + 1 {
                continue;
            }
            return None;
        }
    }
    (end > from && doc.lex(end - 1).is_org_word()).then_some(end)
}

/// Token `i` joins the name words around it: the period of "Sen." or "J.", a particle
/// ("de", "von"; "of" only after a title or an organisation word: "Secretary of State"), or
/// "on" and "for" in the name of a body ("Commission on Presidential Debates", "Center for
/// Public Integrity").
/// A lower-case name particle other than "of" ("de", "la", "van", "den", "da").
fn is_lower_particle(doc: &Doc, i: usize) -> bool {
    !doc.is_cap(i) && doc.lex(i).is_run_particle() && doc.low(i) != "of"
}

fn joins_run(doc: &Doc, i: usize) -> bool {
    if doc.is_punct(i, '.') {
        return doc.glued_left(i) && is_short_word(doc, i - 1);
    }
    if matches!(doc.low(i), "on" | "for") {
        return i > 0 && doc.is_cap(i - 1) && is_body_word(doc.low(i - 1));
    }
    doc.lex(i).is_run_particle() && (doc.low(i) != "of" || of_joins(doc, i))
}

/// The head of a body's name that a subject follows with "on" or "for" ("Council on Foreign
/// Relations", "Centers for Disease Control").
pub(crate) fn is_body_word(w: &str) -> bool {
    matches!(
        w,
        "commission"
            | "committee"
            | "council"
            | "center"
            | "centre"
            | "centers"
            | "centres"
            | "institute"
            | "foundation"
            | "coalition"
            | "alliance"
            | "society"
            | "association"
            | "federation"
            | "fund"
            | "bank"
            | "agency"
            | "organisation"
            | "organization"
            | "campaign"
            | "project"
            | "initiative"
            | "conference"
            | "forum"
            | "network"
            | "office"
            | "bureau"
            | "board"
            | "panel"
            | "union"
    )
}

/// "of" inside a name after a title or an organisation word ("King of Jordan",
/// "Bank of Oslo"), but not after a surname that is also a title ("Peter King
/// of New York": a person, and where from).
fn of_joins(doc: &Doc, i: usize) -> bool {
    let before = doc.lex(i - 1);
    let first_name = |j: usize| doc.is_cap(j) && doc.lex(j).first_name_gender() != Gender::Unknown;
    // "Peter King", "Peter T. King"
    let surname = (i >= 2 && first_name(i - 2))
        || (i >= 4 && doc.is_punct(i - 2, '.') && is_initial(doc, i - 3) && first_name(i - 4));
    (before.is_title() && !surname) || before.is_org_word()
}

/// The end of a company's name starting at token `first` and ending in a legal suffix
/// ("Banc One Corp", "3Com Corp", "CCR Video Inc"), whose words may be ones that never start
/// a name otherwise ("One", "Video", a word opening with a digit).
fn company_run(doc: &Doc, first: usize, limit: usize) -> Option<usize> {
    // "Meanwhile Norsk Video Corp": a word that never opens a name does not open a company's
    if !opens_company(doc, first) {
        return None;
    }
    let mut end = first;
    let mut found = None;
    while end < limit && end - first < MAX_RUN && is_company_word(doc, end) {
        // "Norsk Cable Co Inc Chairman Ola Berg": a title after the company starts a person
        // nor does a day or another word that never opens a name ("Co Inc Monday said")
        if found.is_some() && (doc.lex(end).is_title() || doc.lex(end).is_cap_stop()) {
            break;
        }
        end += 1;
        // the last suffix ("Daiwa Securities Co Ltd"), and the words after one
        // ("Swiss Bank Corp International")
        if found.is_some() || (is_company_suffix(doc.low(end - 1)) && end - first >= 2) {
            found = Some(end);
        }
    }
    // "Hospital Corp of America" and "Texaco Inc and Honeywell Inc" go on past the suffix:
    // the usual rules read them
    found.filter(|&e| {
        !doc.is_word(e, "of")
            && !((doc.is_word(e, "and") || doc.is_punct(e, '&'))
                && and_tail(doc, e + 1, limit).is_some())
    })
}

/// Token `i` may be the first word of a company's name: any company word ("May Department
/// Stores Co", "First Wisconsin Corp", "3Com Corp") but the adverbs, connectives and days
/// that open sentences ("Meanwhile Norsk Video Corp said", "On Monday Fjord Inc said").
pub(crate) fn opens_company(doc: &Doc, i: usize) -> bool {
    is_company_word(doc, i)
        && !matches!(
            doc.low(i),
            "meanwhile"
                | "yesterday"
                | "today"
                | "tonight"
                | "tomorrow"
                | "earlier"
                | "later"
                | "separately"
                | "also"
                | "however"
                | "but"
                | "and"
                | "so"
                | "then"
                | "now"
                | "still"
                | "instead"
                | "in"
                | "on"
                | "at"
                | "by"
                | "as"
                | "last"
                | "when"
                | "while"
                | "after"
                | "before"
                | "since"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
        )
}

/// A word that can stand inside a company's name: capitalised (but not an article), or
/// opening with a digit and holding a capital ("3Com").
pub(crate) fn is_company_word(doc: &Doc, i: usize) -> bool {
    let Some(w) = doc.word(i) else {
        return false;
    };
    if doc.is_cap(i) {
        return !matches!(w, "the" | "a" | "an");
    }
    let t = doc.text(i);
    t.starts_with(|c: char| c.is_ascii_digit()) && t.contains(|c: char| c.is_ascii_uppercase())
}

/// The legal form that ends a company's name.
pub(crate) fn is_company_suffix(w: &str) -> bool {
    matches!(
        w,
        "corp" | "corporation" | "inc" | "incorporated" | "co" | "ltd" | "plc" | "llc" | "bancorp"
    )
}

/// A word of one to three capital letters and nothing else: "S", "AT".
fn is_initials(doc: &Doc, i: usize) -> bool {
    doc.toks.get(i).is_some_and(|t| t.end - t.start <= 3)
        && doc.word(i).is_some()
        && doc.text(i).bytes().all(|b| b.is_ascii_uppercase())
}

/// Token `i` is initials joined by "and" to more: "S and P", "AT and T" name one company.
/// One side is a single letter: "US and UK", "CIA and FBI" are two.
pub(crate) fn joined_initials(doc: &Doc, i: usize) -> bool {
    let letter = |j: usize| doc.toks.get(j).is_some_and(|t| t.end - t.start == 1);
    is_initials(doc, i)
        && (doc.is_word(i + 1, "and") || doc.is_punct(i + 1, '&'))
        && is_initials(doc, i + 2)
        && (letter(i) || letter(i + 2))
}

/// A single capital letter with its period: "A." in "Roberta A. Kaplan".
fn is_initial(doc: &Doc, i: usize) -> bool {
    let t = doc.text(i);
    t.len() == 1
        && t.bytes().all(|b| b.is_ascii_uppercase())
        && doc.is_punct(i + 1, '.')
        && doc.glued_left(i + 1)
}

/// A title abbreviation or an initial: its period belongs to the name ("Sen.", "J.").
pub(crate) fn is_short_word(doc: &Doc, i: usize) -> bool {
    let w = doc.low(i);
    is_one_char(w) || doc.lex(i).is_title() || matches!(w, "jr" | "sr" | "st")
}

/// A run reads as an organisation rather than a person.
pub(crate) fn is_org_run(doc: &Doc, run: &Range<usize>) -> bool {
    let Some(last) = run.clone().rev().find(|&i| doc.word(i).is_some()) else {
        return false;
    };
    if doc.lex(last).is_org_word() {
        return true;
    }
    // an acronym alone (CNN, FBI) or a run in capitals (a heading)
    let shouting = |i: usize| {
        let t = doc.text(i);
        t.chars().count() > 1 && t.chars().all(|c| !c.is_lowercase())
    };
    run.clone().filter(|&i| doc.word(i).is_some()).all(shouting)
}

/// Role words written right before token `at` (exclusive): "political analyst", "campaign manager".
/// With `loose`, any noun-like word may be the head (inside a speaker phrase next to a cue).
pub(crate) fn role_before(doc: &Doc, at: usize, floor: usize, loose: bool) -> Option<Range<usize>> {
    let mut start = at;
    let head = at.checked_sub(1)?;
    // "Prosecutor Lucy Tran said": a role head capitalised only as the sentence's first word
    let opening_head = doc.is_cap(head)
        && doc.sentence(head).start == head
        && doc.lex(head).is_role_head()
        && !doc.lex(head).is_title();
    if head < floor
        || !doc.word(head).is_some_and(|w| {
            doc.lex(head).is_role_head() || (loose && is_noun_like(w, doc.lex(head)))
        })
        || (doc.is_cap(head) && !opening_head)
    {
        return None;
    }
    start = start.min(head);
    let mut steps = 0;
    while start > floor && steps < 3 {
        let p = start - 1;
        // "Former health minister Anna Kovacs": capitalised only as the sentence's first word
        let opening_rank =
            matches!(doc.word(p), Some("former" | "acting")) && doc.sentence(p).start == p;
        match doc.word(p) {
            Some(w)
                if (!doc.is_cap(p) || opening_rank)
                    && !is_irregular_past(w)
                    && !doc.lex(p).is_function_word()
                    && !is_determiner(w)
                    && doc.lex(p).verb().is_none()
                    && pronoun(w).is_none() =>
            {
                start = p;
                steps += 1;
            }
            _ => break,
        }
    }
    Some(start..at)
}

/// A lower-case word that can be the head of a role before a name ("neurosurgeon Pia Lind"):
/// not a function word, a cue, an adverb or a verb form in -ed / -ing.
/// `lex` is the word's `lexicon::classify`.
pub(crate) fn is_noun_like(w: &str, lex: Lex) -> bool {
    w.len() > 2
        && !is_irregular_past(w)
        && !lex.is_function_word()
        && !is_determiner(w)
        && pronoun(w).is_none()
        && lex.verb().is_none()
        && !lex.is_aux_or_adverb()
        && !w.ends_with("ed")
        && !w.ends_with("ing")
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

/// A past tense that news writes after a name and that does not end in -ed ("Holm met union
/// chief Ola Dahl", "Lund spoke first"): a verb, never part of a role.
pub(crate) fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "met"
            | "saw"
            | "beat"
            | "led"
            | "hit"
            | "won"
            | "lost"
            | "sent"
            | "left"
            | "made"
            | "took"
            | "gave"
            | "brought"
            | "sought"
            | "fought"
            | "caught"
            | "taught"
            | "held"
            | "chose"
            | "drew"
            | "shook"
            | "struck"
            | "began"
            | "spoke"
            | "shot"
            | "went"
            | "broke"
            | "swore"
            | "sang"
            | "threw"
            | "bit"
            | "put"
            | "became"
    ) || matches!(
        w,
        // -ed forms that the length rules of their callers miss
        "cried" | "chimed" | "shrugged" | "sighed"
    )
}

/// Joins the words of a token range into a phrase with single spaces.
pub(crate) fn phrase(doc: &Doc, toks: Range<usize>) -> String {
    let mut out = String::new();
    for i in toks {
        let t = doc.text(i);
        if t.is_empty() || doc.is_para(i) {
            continue;
        }
        if !out.is_empty() && !doc.glued_left(i) {
            out.push(' ');
        }
        out.push_str(t);
        out.push_str(doc.possessive(i));
    }
    out
}

/// A preposition: the noun phrase after it is its object, not a speaker.
pub(crate) fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "to"
            | "at"
            | "with"
            | "in"
            | "on"
            | "from"
            | "about"
            | "after"
            | "before"
            | "during"
            | "like"
            | "unlike"
            | "as"
            | "against"
            | "by"
            | "toward"
            | "towards"
            | "into"
            | "over"
    )
}

/// Analyses tokens `a..b` as a speaker noun phrase.
pub(crate) fn analyse(doc: &Doc, a: usize, b: usize) -> Option<Mention> {
    let (mut a, mut b) = (a, b.min(doc.len()));
    // trim conjunctions, commas and dashes at either end
    while a < b
        && (doc.punct(a).is_some()
            || doc.word(a).is_some_and(|w| {
                matches!(
                    w,
                    "but" | "and" | "so" | "then" | "while" | "as" | "which" | "where"
                )
            }))
    {
        a += 1;
    }
    while b > a && (doc.punct(b - 1).is_some_and(|c| c != ')' && c != '.')) {
        b -= 1;
    }
    if a >= b || b - a > MAX_PHRASE {
        return None;
    }
    // "OSLO (Reuters) - Daniel Roth said": a dash outside parentheses ends a
    // dateline or a heading; the speaker is what follows it
    if let Some(d) = last_dash(doc, a..b)
        && d + 1 < b
    {
        a = d + 1;
    }
    if b - a == 1
        && let Some(p) = doc.word(a).and_then(pronoun)
    {
        return Some(Mention {
            toks: a..b,
            what: What::Pronoun(p),
            role: None,
        });
    }
    // comma-separated parts: the first one holding a name is the speaker, the rest describe
    let mut parts = Parts::new();
    let mut s = a;
    let mut depth = 0i32;
    for i in a..b {
        match doc.punct(i) {
            Some('(') => depth += 1,
            Some(')') => depth -= 1,
            Some(',') if depth <= 0 => {
                parts.push(s..i);
                s = i + 1;
            }
            _ => {}
        }
    }
    parts.push(s..b);
    parts.retain(|p| !p.is_empty());
    // "Pia Lind and Ola Berg": of two names joined by "and", the last is kept (as the text
    // would be indexed under its last name)
    if let Some(first) = parts.first().cloned() {
        let joint = first.clone().rev().find(|&i| {
            (doc.is_word(i, "and") || doc.is_punct(i, '&'))
                && i > first.start
                && doc.is_cap(i - 1)
                && doc.is_cap(i + 1)
                // "S and P", "AT and T": the initials of one company
                && !joined_initials(doc, i - 1)
                // "Ministry of Trade and Industry" is one body
                && body_and(doc, first.start..i, i) != Some(first.end - i - 1)
                // "Merck and Co Inc" is one company
                && and_tail(doc, i + 1, first.end) != Some(first.end)
        });
        if let Some(j) = joint {
            parts.set_first(j + 1..first.end);
        }
    }
    // "Of Berg, Lund said": a part opening with a preposition is not the speaker
    parts.retain(|p| {
        !doc.word(p.start).is_some_and(is_preposition) || joined_initials(doc, p.start)
    });
    if let Some(last) = parts.last()
        && last.len() == 1
        && let Some(p) = doc.word(last.start).and_then(pronoun)
    {
        return Some(Mention {
            toks: last.clone(),
            what: What::Pronoun(p),
            role: None,
        });
    }
    let parts = parts.as_slice();
    // the head part comes first; later parts only describe it
    let mut memo = PartMemo::new();
    let head_ok = !parts.is_empty() && memo.kind(doc, parts, 0).is_some();
    if !head_ok
        && !parts
            .iter()
            .any(|p| p.len() == 1 && doc.word(p.start).and_then(pronoun).is_some())
    {
        return None;
    }
    let mut best: Option<Mention> = None;
    for k in 0..parts.len() {
        let Some(named) = memo.kind(doc, parts, k) else {
            continue;
        };
        if named || best.is_none() {
            let Some(mut m) = memo.take(doc, parts, k) else {
                continue;
            };
            if m.role.is_none() {
                // appositive: "Josh Earnest, the White House press secretary"
                m.role = (0..parts.len())
                    .find(|&j| j != k && memo.kind(doc, parts, j) == Some(false))
                    .map(|j| strip_determiner(doc, parts[j].clone()));
            }
            m.toks = a..b;
            best = Some(m);
            if named {
                break;
            }
        }
    }
    best
}

/// The last dash token of `toks` outside parentheses.
fn last_dash(doc: &Doc, toks: Range<usize>) -> Option<usize> {
    let mut depth = 0i32;
    let mut last = None;
    for i in toks {
        match doc.punct(i) {
            Some('(') => depth += 1,
            Some(')') => depth -= 1,
            Some('-' | '—' | '–') if depth <= 0 => last = Some(i),
            _ => {}
        }
    }
    last
}

/// Longest speaker phrase `analyse` takes, in tokens.
const MAX_PHRASE: usize = 24;

/// The comma-separated parts of a phrase of at most `MAX_PHRASE` tokens, kept on the stack.
struct Parts {
    list: [Range<usize>; MAX_PHRASE + 1],
    len: usize,
}

impl Parts {
    fn new() -> Self {
        Parts {
            list: std::array::from_fn(|_| 0..0),
            len: 0,
        }
    }

    /// Adds a part (a phrase of `MAX_PHRASE` tokens has no more parts than fit).
    fn push(&mut self, p: Range<usize>) {
        if let Some(slot) = self.list.get_mut(self.len) {
            *slot = p;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[Range<usize>] {
        self.list.get(..self.len).unwrap_or_default()
    }

    fn first(&self) -> Option<&Range<usize>> {
        self.as_slice().first()
    }

    fn last(&self) -> Option<&Range<usize>> {
        self.as_slice().last()
    }

    fn set_first(&mut self, p: Range<usize>) {
        if self.len > 0 {
            self.list[0] = p;
        }
    }

    fn retain(&mut self, keep: impl Fn(&Range<usize>) -> bool) {
        let mut n = 0;
        for k in 0..self.len {
            if keep(&self.list[k]) {
                self.list.swap(n, k);
                n += 1;
            }
        }
        self.len = n;
    }
}

/// Which parts of a phrase are mentions, each part analysed once for that (`analyse` asks
/// about the same part up to three times); the head part's mention is kept for its use.
struct PartMemo {
    /// Per part: None until analysed, then whether it is a mention and whether a name.
    kinds: [Option<Option<bool>>; MAX_PHRASE + 1],
    head: Option<Mention>,
}

impl PartMemo {
    fn new() -> Self {
        PartMemo {
            kinds: [None; MAX_PHRASE + 1],
            head: None,
        }
    }

    /// Whether part `k` is a mention (`Some`), and then whether it is a name.
    fn kind(&mut self, doc: &Doc, parts: &[Range<usize>], k: usize) -> Option<bool> {
        if let Some(kind) = self.kinds.get(k).copied().flatten() {
            return kind;
        }
        let m = analyse_part(doc, parts.get(k)?.clone());
        let kind = m.as_ref().map(|m| matches!(m.what, What::Name { .. }));
        if let Some(slot) = self.kinds.get_mut(k) {
            *slot = Some(kind);
        }
        if k == 0 {
            self.head = m;
        }
        kind
    }

    /// The mention of part `k`: the kept one for the head part, else analysed again.
    fn take(&mut self, doc: &Doc, parts: &[Range<usize>], k: usize) -> Option<Mention> {
        match k {
            0 if self.kinds[0].is_some() => self.head.take(),
            _ => analyse_part(doc, parts.get(k)?.clone()),
        }
    }
}

fn strip_determiner(doc: &Doc, toks: Range<usize>) -> String {
    let mut s = toks.start;
    while s < toks.end && doc.word(s).is_some_and(|w| matches!(w, "a" | "an" | "the")) {
        s += 1;
    }
    phrase(doc, s..toks.end)
}

/// A part whose last capitalised run `run` is not a possessive: a name, an organisation part
/// ("the Clinton campaign"), a proxy ("a spokesman for Lund") or a bare title ("the Senator").
fn named_part(
    doc: &Doc,
    part: Range<usize>,
    run: Range<usize>,
    last_lower: Option<usize>,
) -> Option<Mention> {
    let a = part.start;
    let proxy = |owner: Range<usize>, head: &str| Mention {
        toks: part.clone(),
        what: What::Proxy {
            owner,
            head: head.to_string(),
        },
        role: None,
    };
    // lower-case words after the run: "the Clinton campaign", "Lund supporters"
    if let Some(l) = last_lower.filter(|&l| l >= run.end) {
        let head = doc.low(l);
        let lex = doc.lex(l);
        return (lex.is_role_head() || lex.is_generic_head()).then(|| proxy(run, head));
    }
    // what stands before the run
    if run.start > a {
        let p = run.start - 1;
        if let Some(w) = doc.word(p).filter(|_| !doc.is_cap(p)) {
            if matches!(w, "for" | "to" | "of" | "at" | "with") {
                // "Minister for Foreign Affairs Ola Berg": a formal title that names its
                // department, then the person
                if p > a
                    && titled_for(doc, p)
                    && let Some(person) = after_department(doc, run.clone())
                {
                    // "an aide to Minister for Health Ada Lund": the aide speaks, for her
                    if let Some(h) = (a..p - 1).find(|&j| {
                        doc.word(j).is_some_and(|w| !is_determiner(w))
                            && !doc.is_cap(j)
                            && matches!(doc.word(j + 1), Some("to" | "for" | "of" | "at" | "with"))
                    }) {
                        return Some(proxy(person, doc.low(h)));
                    }
                    return Some(Mention {
                        toks: part.clone(),
                        role: Some(strip_determiner(doc, a..person.start)),
                        what: What::Name { run: person },
                    });
                }
                // "the ambassador to Norway Peter Lind": the person after the country
                if let Some(person) = tail_person(doc, run.clone()) {
                    return Some(Mention {
                        toks: part.clone(),
                        role: Some(strip_determiner(doc, a..person)),
                        what: What::Name {
                            run: person..run.end,
                        },
                    });
                }
                // "a spokesman for Lund", "an aide to Lund"
                let head = (a..p).rev().find(|&j| doc.lex(j).is_role_head())?;
                return Some(proxy(run, doc.low(head)));
            }
            let lex = doc.lex(p);
            if !(lex.is_role_head()
                || is_determiner(w)
                || lex.is_title_filler()
                || lex.is_affiliation()
                || is_noun_like(w, lex)
                || lex.is_modifier_adjective()
                || of_role(doc, a, p))
            {
                return None;
            }
        }
        // everything before the name must describe it: "the campaign's senior adviser Pia Lind",
        // "former secretary of state Pia Lind"
        let describing = (a..run.start)
            .filter(|&j| doc.word(j).is_some() && !doc.is_cap(j))
            .all(|j| {
                let (w, lex) = (doc.low(j), doc.lex(j));
                lex.is_role_head()
                    || is_determiner(w)
                    || lex.is_title_filler()
                    || lex.is_affiliation()
                    || is_noun_like(w, lex)
                    || lex.is_modifier_adjective()
                    || (w == "of" && j > a && doc.lex(j - 1).is_role_head())
                    || of_role(doc, a, j)
                    // "AC and R chairman Ola Berg"
                    || (w == "and" && j > a && joined_initials(doc, j - 1))
                    // "Bank of Japan governor Ola Berg": a word inside a body's name
                    || (matches!(w, "of" | "for" | "and" | "on")
                        && j > a
                        && doc.is_cap(j - 1)
                        && doc.is_cap(j + 1))
            });
        let lower_count = (a..run.start)
            .filter(|&j| doc.word(j).is_some() && !doc.is_cap(j))
            .count();
        if !describing || lower_count > 5 {
            return None;
        }
    }
    // a heading in capitals is not a speaker ("S&P" is a company)
    if run.len() > 1
        && !joined_initials(doc, run.start)
        && run
            .clone()
            .filter(|&i| doc.word(i).is_some())
            .all(|i| doc.text(i).chars().all(|c| !c.is_lowercase()))
    {
        return None;
    }
    // "the Senate Majority Leader" is a bare title; "the White House", "the Supreme Court"
    // (words that may stand in a title, ending in a body's word) name a body
    let words = || run.clone().filter(|&i| doc.word(i).is_some());
    let body = words().count() >= 2
        && words().all(|i| !doc.lex(i).is_title())
        && words()
            .next_back()
            .is_some_and(|i| doc.lex(i).is_org_word());
    // "the SEC", "the U.S.", "the GOP": one word in capitals is a body's abbreviation, unless it
    // is a title's ("the CEO", "the MP") or a word too ("US" is also "us")
    let abbreviation = words().count() == 1
        && words().all(|i| {
            let t = doc.text(i);
            t.bytes().filter(u8::is_ascii_uppercase).count() >= 2
                && !t.chars().any(char::is_lowercase)
                && !matches!(
                    doc.low(i),
                    "ceo" | "cfo" | "coo" | "mp" | "mep" | "mla" | "msp" | "td" | "us"
                )
        });
    let all_titles = words().all(|i| doc.lex(i).is_title() || doc.lex(i).is_title_filler());
    if all_titles && !body && !abbreviation {
        let last = run.clone().rev().find(|&i| doc.word(i).is_some())?;
        return Some(Mention {
            toks: part,
            what: What::Description {
                head: doc.low(last).to_string(),
            },
            role: None,
        });
    }
    let role = role_before(doc, run.start, a, true).map(|r| phrase(doc, r));
    Some(Mention {
        toks: part,
        what: What::Name { run },
        role,
    })
}

/// The person a run names after the department or place its title is "for" or "of"
/// ("Foreign Affairs Ola Berg", "Trade Negotiations Ola Berg", "Hackney North Ada Lund" ->
/// the person; "Canada Governor Ola Berg" -> "Governor Ola Berg", whose title `normalise`
/// keeps apart): from a title after the department words, else from the first word the lists
/// know as a first name (or the title before it), else from the first word that is no
/// department word. None when the run opens with a title ("a spokesman for Minister Ada
/// Lund" speaks for her), and never a company ("Health Care Inc").
fn after_department(doc: &Doc, run: Range<usize>) -> Option<Range<usize>> {
    let word = |i: &usize| doc.word(*i).is_some();
    let lex = |i: usize| doc.lex(i);
    // "Lawyers for Sarah Jessica Parker": a run that opens with a first name is the person
    if lex(run.start).first_name_gender() != Gender::Unknown {
        return None;
    }
    let past_department = run
        .clone()
        .filter(word)
        .find(|&i| !(lex(i).is_department_word() || lex(i).is_title_filler()))?;
    let first_name = || {
        let f = run
            .clone()
            .filter(word)
            .skip(1)
            .find(|&i| lex(i).first_name_gender() != Gender::Unknown && !lex(i).is_title())?;
        Some((run.start + 1..f).find(|&i| lex(i).is_title()).unwrap_or(f))
    };
    let start = if lex(past_department).is_title() {
        past_department
    } else {
        first_name().unwrap_or(past_department)
    };
    let person = start..run.end;
    (start > run.start && person.clone().filter(word).count() >= 2 && !is_org_run(doc, &person))
        .then_some(person)
}

/// Token `p` is the "for" or "of" of a capitalised title, office or organisation ("Minister
/// for", "Secretary of State for", "MP for", "Bank of"), not of any capitalised word ("called
/// Monday for").
fn titled_for(doc: &Doc, p: usize) -> bool {
    p > 0 && matches!(doc.word(p), Some("for" | "of")) && doc.is_cap(p - 1) && {
        let lex = doc.lex(p - 1);
        lex.is_title()
            || lex.is_role_head()
            || lex.is_role_stem()
            || lex.is_org_word()
            || lex.is_department_word()
            || lex.is_title_filler()
            // "Vice-Minister of Commerce"
            || doc
                .low(p - 1)
                .rsplit_once('-')
                .is_some_and(|(_, last)| super::lexicon::classify(last).is_title())
    }
}

/// The lower-case word at `j` is the object of a role head's "of" at most two words back:
/// "state" in "secretary of state", "affairs" in "director of public affairs".
fn of_role(doc: &Doc, a: usize, j: usize) -> bool {
    (j.saturating_sub(3).max(a + 1)..j)
        .any(|o| doc.is_word(o, "of") && doc.lex(o - 1).is_role_head())
        && !doc.lex(j).is_function_word()
}

/// One comma-free part of a noun phrase.
fn analyse_part(doc: &Doc, part: Range<usize>) -> Option<Mention> {
    let (a, b) = (part.start, part.end);
    if a + 1 == b
        && let Some(p) = doc.word(a).and_then(pronoun)
    {
        return Some(Mention {
            toks: part,
            what: What::Pronoun(p),
            role: None,
        });
    }
    // every token must be NP material
    for i in a..b {
        let ok = match doc.toks[i].kind {
            Kind::Word => {
                let (w, lex) = (doc.low(i), doc.lex(i));
                doc.is_cap(i)
                    || is_determiner(w)
                    || matches!(w, "of" | "for" | "to" | "at" | "with" | "on")
                    || (w == "and" && and_tail(doc, i + 1, b).is_some())
                    || (w == "and" && i > a && joined_initials(doc, i - 1))
                    || body_and(doc, a..i, i).is_some_and(|n| i + 1 + n == b)
                    || !(lex.is_function_word() || lex.verb().is_some_and(|v| !v.noun_like))
            }
            Kind::Punct(c) => matches!(c, '.' | '(' | ')' | '-' | '&' | '’' | '\''),
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    // strip a parenthesised tail: "Ted Cruz (R-Texas)"
    let mut end = b;
    if let Some(open) = (a..b).find(|&i| doc.is_punct(i, '(')) {
        end = open;
    }
    // the capitalised runs: the first one, and the first and last that are not a possessive owner
    let (mut first_run, mut first_named, mut last_named) = (None, None, None);
    let mut i = a;
    while i < end {
        if let Some(r) = run_starting_at(doc, i, end) {
            i = r.end;
            first_run.get_or_insert(r.clone());
            if !doc.toks[r.end - 1].poss {
                first_named.get_or_insert(r.clone());
                last_named = Some(r);
            }
        } else {
            i += 1;
        }
    }
    // "Pia Lind of the University of Oslo": the phrase after the first name is an affiliation
    // (the runs before that name are all possessive owners, so it is now the last named one)
    if let Some(first) = first_named
        && !doc.is_cap(first.end)
        && doc
            .word(first.end)
            .is_some_and(|w| matches!(w, "of" | "from" | "at" | "with" | "in"))
    {
        end = first.end;
        last_named = Some(first);
    }
    let last_lower = (a..end)
        .rev()
        .find(|&i| doc.word(i).is_some() && !doc.is_cap(i));
    if let Some(run) = last_named {
        return named_part(doc, part.clone(), run, last_lower);
    }
    // a possessive owner with a role head: "Trump's spokesman"
    let head_i = last_lower?;
    let head = doc.low(head_i);
    let head_lex = doc.lex(head_i);
    if let Some(owner) = first_run
        && (head_lex.is_role_head() || head_lex.is_generic_head())
    {
        return Some(Mention {
            toks: part,
            what: What::Proxy {
                owner,
                head: head.to_string(),
            },
            role: None,
        });
    }
    if head_i + 1 != end && !doc.is_punct(end - 1, '.') {
        // the phrase must end with its head noun
        let tail_ok = (head_i + 1..end).all(|j| doc.is_cap(j) || doc.punct(j).is_some());
        if !tail_ok {
            return None;
        }
    }
    // "the company said", "the ministry said": a body named before, taken up by its kind
    if head_i + 1 == end && head_i == a + 1 && doc.is_word(a, "the") && is_body_noun(head) {
        return Some(Mention {
            toks: part,
            what: What::Description {
                head: head.to_string(),
            },
            role: None,
        });
    }
    // "the head of state", "the secretary of state"
    let of_head = (a..end)
        .find(|&j| doc.is_word(j, "of") && j > a && doc.lex(j - 1).is_role_head())
        .map(|j| j - 1);
    let head_word = doc.lex(of_head.unwrap_or(head_i));
    let head_text = match of_head {
        Some(j) => phrase(doc, j..end).to_ascii_lowercase(),
        None => head.to_string(),
    };
    if head_word.is_role_head() && !head_lex.is_generic_head() {
        return Some(Mention {
            toks: part,
            what: What::Description { head: head_text },
            role: None,
        });
    }
    if head_lex.is_generic_head() || head_lex.is_role_stem() {
        return Some(Mention {
            toks: part,
            what: What::Generic,
            role: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str) -> Option<(What, Option<String>, String)> {
        let doc = Doc::new(text);
        let m = analyse(&doc, 0, doc.len())?;
        let name = match &m.what {
            What::Name { run } => normalise(&doc, run.clone())
                .map(|n| n.full.into_owned())
                .unwrap_or_default(),
            What::Proxy { owner, .. } => normalise(&doc, owner.clone())
                .map(|n| n.full.into_owned())
                .unwrap_or_default(),
            _ => String::new(),
        };
        Some((m.what, m.role, name))
    }

    #[test]
    fn titles_are_dropped_from_names() {
        let doc = Doc::new("Sen. Ola Nordmann");
        let n = normalise(&doc, 0..doc.len());
        assert_eq!(n.as_ref().map(|n| &*n.full), Some("Ola Nordmann"));
        assert_eq!(n.and_then(|n| n.title), Some("Sen".to_string()));
    }

    #[test]
    fn secretary_of_state_is_one_title() {
        let doc = Doc::new("Secretary of State Kari Holm");
        let n = normalise(&doc, 0..doc.len()).map(|n| n.full);
        assert_eq!(n.as_deref(), Some("Kari Holm"));
    }

    #[test]
    fn a_title_before_a_particle_surname_is_dropped() {
        for (text, name) in [
            ("Ms Le Pen", "Le Pen"),
            ("Mr. de Mistura", "de Mistura"),
            ("Dr van der Berg", "van der Berg"),
            // no title: the particle keeps the words together
            ("Court of Appeals", "Court of Appeals"),
        ] {
            let doc = Doc::new(text);
            let n = normalise(&doc, 0..doc.len()).map(|n| n.full);
            assert_eq!(n.as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn mrs_gives_a_female_name() {
        let doc = Doc::new("Mrs. Okafor");
        let n = normalise(&doc, 0..doc.len());
        assert_eq!(
            n.map(|n| (n.full, n.gender)),
            Some(("Okafor".into(), Gender::Female))
        );
    }

    #[test]
    fn initials_keep_their_period() {
        let doc = Doc::new("Hans J. Berg");
        let n = normalise(&doc, 0..doc.len()).map(|n| n.full);
        assert_eq!(n.as_deref(), Some("Hans J. Berg"));
    }

    #[test]
    fn role_prefix_is_kept_as_role() {
        let m = mention("political analyst Pia Lind");
        assert_eq!(
            m.map(|(_, role, name)| (role, name)),
            Some((Some("political analyst".into()), "Pia Lind".into()))
        );
    }

    #[test]
    fn appositive_gives_the_role() {
        let m = mention("Pia Lind, the city’s budget director");
        assert_eq!(
            m.map(|(_, role, name)| (role, name)),
            Some((Some("city’s budget director".into()), "Pia Lind".into()))
        );
    }

    #[test]
    fn an_organisation_keeps_its_words() {
        let doc = Doc::new("The State Department");
        let n = normalise(&doc, 0..doc.len()).map(|n| n.full);
        assert_eq!(n.as_deref(), Some("State Department"));
    }

    #[test]
    fn party_affiliation_is_not_part_of_the_name() {
        let doc = Doc::new("Republican Ola Nordmann");
        assert_eq!(
            normalise(&doc, 0..3).map(|n| n.full).as_deref(),
            Some("Ola Nordmann")
        );
    }

    #[test]
    fn the_analyst_is_a_description() {
        let m = mention("the analyst").map(|m| m.0);
        assert_eq!(
            m,
            Some(What::Description {
                head: "analyst".into()
            })
        );
    }

    #[test]
    fn head_of_state_is_a_description() {
        let m = mention("the head of state").map(|m| m.0);
        assert_eq!(
            m,
            Some(What::Description {
                head: "head of state".into()
            })
        );
    }

    #[test]
    fn an_organisation_keeps_the_possessive_in_its_name() {
        for (text, name) in [
            ("Harlow's Freight Corp", "Harlow's Freight Corp"),
            // one apostrophe in names, however it was typed
            ("Lund’s Brewing Co", "Lund's Brewing Co"),
            ("Harlow and Lind Co", "Harlow and Lind Co"),
            ("Berg & Sons Corp", "Berg & Sons Corp"),
            ("Standard and Harlow's Corp", "Standard and Harlow's Corp"),
        ] {
            let m = mention(text);
            assert!(
                matches!(m, Some((What::Name { .. }, _, ref n)) if n == name),
                "{text}: {m:?}"
            );
        }
        // a person's name after an owner stays the person's
        let m = mention("Lund’s spokeswoman Kari Berg");
        assert_eq!(m.map(|m| m.2), Some("Kari Berg".into()));
        // two people are not a company
        let m = mention("Pia Lind and Kari Berg");
        assert!(
            !matches!(m, Some((_, _, ref n)) if n.contains("and")),
            "{m:?}"
        );
    }

    #[test]
    fn possessive_owner_with_role_is_a_proxy() {
        let m = mention("Lund’s spokesman");
        assert!(
            matches!(m, Some((What::Proxy { ref head, .. }, _, ref owner)) if head == "spokesman" && owner == "Lund")
        );
    }

    #[test]
    fn a_named_spokesman_is_the_name() {
        let m = mention("Lund’s spokeswoman Kari Berg");
        assert_eq!(
            m.map(|m| (m.1, m.2)),
            Some((Some("spokeswoman".into()), "Kari Berg".into()))
        );
    }

    #[test]
    fn an_affiliation_after_the_name_is_not_the_name() {
        let m = mention("Pia Lind of the University of Oslo");
        assert_eq!(m.map(|m| m.2), Some("Pia Lind".to_string()));
        let m = mention("Pia Lind of Oslo");
        assert_eq!(m.map(|m| m.2), Some("Pia Lind".to_string()));
    }

    #[test]
    fn officials_are_generic() {
        assert_eq!(mention("officials").map(|m| m.0), Some(What::Generic));
    }

    #[test]
    fn a_clause_is_not_a_speaker() {
        assert!(mention("the budget is growing").is_none());
    }

    #[test]
    fn a_bare_title_is_a_description() {
        let m = mention("The Senator").map(|m| m.0);
        assert_eq!(
            m,
            Some(What::Description {
                head: "senator".into()
            })
        );
    }
}
