//! Turns speaker mentions into names: full names, surnames, pronouns, role descriptions and metadata names.
//!
//! A registry of the people named in the article (with their titles, roles and gender where
//! the text gives them) is built once; mentions are then resolved in reading order, so a pronoun
//! goes to the most recent compatible speaker or sentence subject.

use super::lexicon;
use super::names::{self, Gender, Mention, Pron, What};
use super::quotes::Quotes;
use super::subject;
use super::text::{Doc, WordMap};
use super::{ResolvedBy, Speaker};

/// Paragraphs a pronoun reaches back at most: further back the reference is a guess.
const PRONOUN_REACH: u32 = 6;

/// Paragraphs a pronoun reaches back to a candidate whose gender the text does not give.
const UNKNOWN_GENDER_REACH: u32 = 1;

/// Mentions a role description looks back through for a fitting entity.
const DESCRIPTION_LOOKBACK: usize = 50;

/// How far back (in candidates) a pronoun looks.
const PRONOUN_LOOKBACK: usize = 40;

/// A person named in the article.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub name: String,
    pub gender: Gender,
    /// Role phrases as written: "political analyst", "President".
    pub roles: Vec<String>,
    /// Token indices where the entity is named (full name or surname), ascending.
    pub mentions: Vec<usize>,
    /// The text shows it is a person: a title, a role, a known first name or a gendered pronoun.
    pub person: bool,
    /// Every word of the name is also written in lower case ("Common Core").
    pub common: bool,
    /// Without evidence of a person, the name still reads like one: two or three words, none of
    /// them an organisation or place word ("Petra Halvik", not "South Carolina").
    pub likely_person: bool,
    /// Written after "the" or "a" somewhere ("the Constitutional Convention").
    pub determined: bool,
}

/// The people of one article.
pub(crate) struct Registry {
    pub entities: Vec<Entity>,
    by_name: WordMap<String, usize>,
    by_last: WordMap<String, Vec<usize>>,
    by_first: WordMap<String, Vec<usize>>,
    /// (token, entity) of person names that open a sentence outside quotes: pronoun antecedents.
    subjects: Vec<(usize, usize)>,
    /// (token, gender) of sentences outside quotes that open on someone the text does not
    /// name ("One resident disagreed.", "A local shopkeeper was unconvinced."), ascending:
    /// a pronoun after one means that person, not anyone named before.
    unnamed: Vec<(usize, Gender)>,
    /// Pronoun votes per surname key: (he, she) pronouns that follow the name as a sentence subject.
    votes: WordMap<String, (u32, u32)>,
    /// Mentions (token, entity) by each word of the entity's roles, ascending: "analyst" →
    /// every mention of political analyst Azer Garayev.
    by_role_word: WordMap<String, Vec<(usize, usize)>>,
    /// (token, entity) of the mentions outside quotes that are not possessives, ascending:
    /// names a pronoun may mean when no speaker or subject does.
    named: Vec<(usize, usize)>,
}

fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// `f` of `key(word)`, without allocating for a short ASCII word (the usual name).
fn with_key<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_lower(word.trim_end_matches('.'), f)
}

/// `f` of `word.to_lowercase()`, lower-cased on the stack for a short ASCII word.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if word.is_ascii()
        && let Some(b) = buf.get_mut(..word.len())
    {
        // for ASCII, to_lowercase is to_ascii_lowercase
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(b) {
            return f(lower);
        }
    }
    f(&word.to_lowercase())
}

/// A name written family name first, as Chinese and Korean names are in English news: two
/// words, the second a given name of two syllables joined by a hyphen ("Li Ka-shing", "Moon
/// Jae-in", "Kim Jong-un").
fn family_name_first(full: &str) -> bool {
    let mut words = full.split(' ');
    let (Some(_), Some(given), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    given.split_once('-').is_some_and(|(a, b)| {
        let syllable = |s: &str, cap: bool| {
            (2..=5).contains(&s.len())
                && s.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_uppercase() == cap)
                && s.chars().skip(1).all(|c| c.is_ascii_lowercase())
        };
        syllable(a, true) && syllable(b, false)
    })
}

impl Registry {
    pub fn build(doc: &Doc, quotes: &Quotes) -> Self {
        // sized for the names a body of this many capitalised words usually has (about one
        // per eight), so that the maps seldom grow
        let names = doc.caps.len() / 8 + 4;
        let mut reg = Registry {
            entities: Vec::with_capacity(names),
            by_name: sized_map(names),
            by_last: sized_map(names),
            by_first: sized_map(names),
            subjects: Vec::new(),
            unnamed: Vec::new(),
            votes: sized_map(names),
            by_role_word: WordMap::default(),
            named: Vec::new(),
        };
        // the capitalised words in order, each at or after `i` (the end of the last run)
        let mut i = 0;
        for &cap in &doc.caps {
            if cap < i {
                continue;
            }
            i = cap;
            let para = doc.paragraph(i);
            let Some(run) = names::run_starting_at(doc, i, para.end) else {
                i += 1;
                continue;
            };
            i = run.end.max(i + 1);
            let Some(name) = names::normalise(doc, run.clone()) else {
                continue;
            };
            let id = if name.words >= 2 && !names::is_org_run(doc, &run) {
                let role = names::role_before(doc, run.start, para.start, false)
                    .map(|r| names::phrase(doc, r));
                let apposition =
                    appositive(doc, run.end).or_else(|| appositive_before(doc, run.start, run.end));
                let title = name.title.clone();
                let id = reg.add(&name.full, name.gender);
                let e = &mut reg.entities[id];
                for r in [role, apposition, title].into_iter().flatten() {
                    if e.gender == Gender::Unknown {
                        e.gender = role_gender(&r);
                    }
                    if !e.roles.contains(&r) {
                        e.roles.push(r);
                    }
                }
                Some(id)
            } else if name.words == 1 {
                // "Governor Lind" names the Lind who is governor, not the one named last
                let found = if name.title.is_some() {
                    reg.by_surname_titled(&name.full, run.start, name.gender, name.title.as_deref())
                } else {
                    with_key(&name.full, |k| {
                        reg.by_last.get(k).and_then(|v| v.last().copied())
                    })
                };
                if let (Some(id), Some(t)) = (found, name.title.as_ref()) {
                    let t = t.clone();
                    let e = &mut reg.entities[id];
                    if name.gender != Gender::Unknown && e.gender == Gender::Unknown {
                        e.gender = name.gender;
                    }
                    if !e.roles.contains(&t) {
                        e.roles.push(t);
                    }
                }
                found
            } else {
                None
            };
            if let Some(id) = id {
                reg.entities[id].mentions.push(run.start);
                // "Lund's aide", but not "Lund's been"
                let possessive = doc.toks.get(run.end - 1).is_some_and(|t| t.poss)
                    && !doc.is_word(run.end, "been");
                if !possessive && !quotes.inside(run.start) {
                    reg.named.push((run.start, id));
                }
                let e = &mut reg.entities[id];
                e.person |= name.titled || !e.roles.is_empty() || e.gender != Gender::Unknown;
                // "the Constitutional Convention": a determiner before the name marks a thing
                e.determined |= run.start > 0
                    && doc
                        .word(run.start - 1)
                        .is_some_and(|w| matches!(w, "the" | "a" | "an"))
                    && !name.titled;
            }
        }
        reg.find_subjects(doc, quotes);
        for (id, e) in reg.entities.iter().enumerate() {
            for w in role_words(e.roles.iter().map(String::as_str)) {
                let list = reg.by_role_word.entry(w).or_default();
                list.extend(e.mentions.iter().map(|&t| (t, id)));
            }
        }
        for list in reg.by_role_word.values_mut() {
            list.sort_unstable();
        }
        for e in &mut reg.entities {
            let last = e.name.rsplit(' ').next().unwrap_or("");
            let last_votes = with_key(last, |k| reg.votes.get(k).copied());
            let votes = last_votes.map_or(0, |v| v.0 + v.1);
            if e.gender == Gender::Unknown {
                e.gender = vote(last_votes.as_ref());
            }
            // "Common Core", "Great Debate": every word also written in lower case
            let lowercase = |w: &str| with_lower(w, |l| doc.is_lowercase_word(l));
            e.common = e.name.split(' ').all(lowercase);
            // "Commission on Presidential Debates", "Center for Auto Safety": a body
            let headline =
                headline_like(&e.name) || e.name.split(' ').any(|w| matches!(w, "on" | "for"));
            e.person = !e.common && !headline && (e.person || votes >= 1);
            let first = e.name.split(' ').next().unwrap_or("");
            e.likely_person = e.person
                || (!e.common
                    && !e.determined
                    && !headline
                    && looks_like_person(&e.name)
                    && !lowercase(first));
        }
        reg
    }

    /// Sentence subjects that name a person (pronoun antecedents), and the pronouns that follow
    /// them (gender votes).
    fn find_subjects(&mut self, doc: &Doc, quotes: &Quotes) {
        for sent in &doc.sents {
            if sent.is_empty() || quotes.inside(sent.start) {
                continue;
            }
            if let Some(g) = unnamed_subject(doc, sent.start, sent.end) {
                self.unnamed.push((sent.start, g));
            }
            // only a name counts here, and a name needs a name word inside the sentence
            if !sent.clone().any(|i| names::is_name_word(doc, i)) {
                continue;
            }
            // the sentence's subject, and those of clauses after ", but" or ";"
            // ("The moderators moved on, but Lund was not done.")
            let clauses = sent.clone().filter(|&i| {
                i > sent.start
                    && (doc.punct(i) == Some(';')
                        || (doc.word(i) == Some("but") && doc.punct(i - 1) == Some(',')))
            });
            for start in std::iter::once(sent.start).chain(clauses) {
                self.find_subject(doc, quotes, start, sent.end);
            }
        }
        self.subjects.sort_unstable();
    }

    /// The subject of the clause from `start` to `end`, when it names a person.
    fn find_subject(&mut self, doc: &Doc, quotes: &Quotes, start: usize, end: usize) {
        let Some((m, e)) = subject::subject_span(doc, quotes, start, end) else {
            return;
        };
        let What::Name { run } = &m.what else {
            return;
        };
        let Some(name) = names::normalise(doc, run.clone()) else {
            return;
        };
        if names::is_org_run(doc, run) {
            return;
        }
        let last = name.full.rsplit(' ').next().unwrap_or("");
        let (m_votes, f_votes) = following_pronouns(doc, quotes, e);
        add_votes(&mut self.votes, last, (m_votes, f_votes));
        let id = match self.by_name.get(&*name.full) {
            Some(&id) => Some(id),
            None if name.words == 1 => self.by_surname(&name.full, run.start),
            None => None,
        };
        if let Some(id) = id {
            self.subjects.push((run.start, id));
            if let Some(role) = &m.role {
                let g = role_gender(role);
                let e = &mut self.entities[id];
                if e.gender == Gender::Unknown {
                    e.gender = g;
                }
            }
        }
    }

    /// Whether someone the text does not name opens a sentence after token `from` and before
    /// `to`, whom a pronoun of gender `want` may mean.
    fn unnamed_between(&self, from: usize, to: usize, want: Gender) -> bool {
        let k = self.unnamed.partition_point(|&(t, _)| t <= from);
        self.unnamed[k..]
            .iter()
            .take_while(|&&(t, _)| t < to)
            .any(|&(_, g)| g == Gender::Unknown || want == Gender::Unknown || g == want)
    }

    /// The gender the text gives a one-word name through the pronouns that follow it.
    pub fn voted_gender(&self, word: &str) -> Gender {
        with_key(word, |k| vote(self.votes.get(k)))
    }

    fn add(&mut self, full: &str, gender: Gender) -> usize {
        if let Some(&id) = self.by_name.get(full) {
            if self.entities[id].gender == Gender::Unknown {
                self.entities[id].gender = gender;
            }
            return id;
        }
        let id = self.entities.len();
        self.entities.push(Entity {
            name: full.to_string(),
            gender,
            roles: Vec::new(),
            mentions: Vec::new(),
            person: false,
            common: false,
            likely_person: false,
            determined: false,
        });
        self.by_name.insert(full.to_string(), id);
        if let (Some(first), Some(last)) = (full.split(' ').next(), full.rsplit(' ').next()) {
            push_keyed(&mut self.by_last, last, id);
            push_keyed(&mut self.by_first, first, id);
            if family_name_first(full) {
                // "Li Ka-shing" is Li on second mention
                push_keyed(&mut self.by_last, first, id);
            }
        }
        id
    }

    /// The entity among `ids` named most recently before token `at`, else the first named after it.
    fn nearest(&self, ids: &[usize], at: usize) -> Option<usize> {
        let before = ids
            .iter()
            .filter_map(|&id| {
                let m = &self.entities[id].mentions;
                let k = m.partition_point(|&t| t < at);
                k.checked_sub(1).map(|k| (m[k], id))
            })
            .max();
        before.map(|(_, id)| id).or_else(|| {
            ids.iter()
                .filter_map(|&id| self.entities[id].mentions.first().map(|&t| (t, id)))
                .min()
                .map(|(_, id)| id)
        })
    }

    /// The full name a one-word name stands for.
    pub fn by_surname(&self, word: &str, at: usize) -> Option<usize> {
        with_key(word, |k| self.by_last.get(k)).and_then(|ids| self.nearest(ids, at))
    }

    /// The full name a one-word name of a known gender and title stands for ("Mr. Khan" is
    /// not "Ghazala Khan"; "Governor Lind" is Governor Peter Lind, not Treasurer Maria Lind).
    fn by_surname_titled(
        &self,
        word: &str,
        at: usize,
        gender: Gender,
        title: Option<&str>,
    ) -> Option<usize> {
        let mut ids: Vec<usize> = with_key(word, |k| self.by_last.get(k))?
            .iter()
            .copied()
            .filter(|&id| gender == Gender::Unknown || self.entities[id].gender != opposite(gender))
            .collect();
        // "Volcker" means Paul Volcker, not "Associates of Volcker" (but "Corrections" alone
        // may well be the "Texas Department of Corrections")
        if ids.iter().any(|&id| !placed_by(&self.entities[id].name)) {
            ids.retain(|&id| !placed_by(&self.entities[id].name));
        }
        if let Some(title) = title.filter(|_| ids.len() > 1) {
            let holds: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&id| holds_title(&self.entities[id].roles, title))
                .collect();
            if !holds.is_empty() {
                ids = holds;
            }
        }
        // a person ("Donald Trump") before anything else sharing the word ("Trump Train")
        let gendered: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&id| self.entities[id].gender != Gender::Unknown && self.entities[id].person)
            .collect();
        let people: Vec<usize> = ids
            .iter()
            .copied()
            .filter(|&id| self.entities[id].person)
            .collect();
        self.principal(&gendered, at)
            .or_else(|| self.principal(&people, at))
            .or_else(|| self.principal(&ids, at))
    }

    /// Of several people sharing a surname, the one a bare surname at `at` means: the one who
    /// last opened a sentence before it ("Peter Holm paid tribute to Anna Holm, his mother.
    /// “…,” Holm said."), else the one named last.
    fn principal(&self, ids: &[usize], at: usize) -> Option<usize> {
        if ids.len() > 1 {
            let k = self.subjects.partition_point(|&(t, _)| t < at);
            if let Some(&(_, id)) = self.subjects[..k]
                .iter()
                .rev()
                .find(|(_, id)| ids.contains(id))
            {
                return Some(id);
            }
        }
        self.nearest(ids, at)
    }

    fn by_first_name(&self, word: &str, at: usize) -> Option<usize> {
        with_key(word, |k| self.by_first.get(k)).and_then(|ids| self.nearest(ids, at))
    }
}

/// A name whose last word follows "of", "for" or "on" ("Associates of Volcker", "Bank of
/// Japan"): that word is not a surname, and the name is no person's beside one who bears it.
fn placed_by(name: &str) -> bool {
    let mut words = name.rsplit(' ');
    words.next();
    words
        .next()
        .is_some_and(|w| matches!(w, "of" | "for" | "on"))
}

/// Whether one of `roles` holds `title` ("Governor" in "Governor", "Dr." in "Dr."); the titles
/// that say only a gender (Mr., Ms.) never single anyone out.
fn holds_title(roles: &[String], title: &str) -> bool {
    let bare = |s: &str| format!(" {} ", s.replace('.', "").to_ascii_lowercase());
    let t = bare(title);
    if names::is_courtesy_title(t.trim()) {
        return false;
    }
    roles.iter().any(|r| bare(r).contains(&t))
}

/// An empty map with room for `n` words.
fn sized_map<V>(n: usize) -> WordMap<String, V> {
    WordMap::with_capacity_and_hasher(n, Default::default())
}

/// Appends `id` to the list of `key(word)`, allocating the key only when it is new.
fn push_keyed(map: &mut WordMap<String, Vec<usize>>, word: &str, id: usize) {
    let known = with_key(word, |k| map.get_mut(k).map(|list| list.push(id)));
    if known.is_none() {
        map.insert(key(word), vec![id]);
    }
}

/// Adds pronoun votes to the tally of `key(word)`, allocating the key only when it is new.
fn add_votes(votes: &mut WordMap<String, (u32, u32)>, word: &str, (m, f): (u32, u32)) {
    let known = with_key(word, |k| {
        votes.get_mut(k).map(|v| {
            v.0 += m;
            v.1 += f;
        })
    });
    if known.is_none() {
        votes.insert(key(word), (m, f));
    }
}

/// The owner `o` with the lower-case words after it up to an institution word, when one
/// stands between the owner and the head in `span`: "Reagan administration", "Bangladesh
/// commerce ministry".
fn institution(doc: &Doc, o: &str, span: std::ops::Range<usize>, head: &str) -> Option<String> {
    let head_at = span.clone().rev().find(|&j| doc.low(j) == head)?;
    let between: Vec<usize> = (span.start..head_at)
        .filter(|&j| doc.word(j).is_some() && !doc.is_cap(j))
        .collect();
    let last = between.iter().position(|&j| {
        matches!(
            doc.low(j),
            "administration" | "government" | "ministry" | "party" | "department"
        )
    })?;
    let mut name = o.to_string();
    for &j in &between[..=last] {
        name.push(' ');
        name.push_str(doc.low(j));
    }
    Some(name)
}

/// Heads through which their owner speaks: what it wrote or said ("Lund's letter", "the SEC
/// report").
fn owner_speaks(head: &str) -> bool {
    matches!(
        head,
        "letter"
            | "statement"
            | "statements"
            | "tweet"
            | "tweets"
            | "post"
            | "memo"
            | "email"
            | "emails"
            | "book"
            | "article"
            | "editorial"
            | "op-ed"
            | "ad"
            | "ads"
            | "website"
            | "site"
            | "video"
            | "speech"
            | "remarks"
            | "comments"
            | "interview"
            | "report"
            | "reports"
            | "study"
            | "survey"
    )
}

/// A one-word proxy owner that is a common word, not a name: "Local officials", "Senior
/// aides", or a word the body writes in lower case opening the sentence ("Weather officials").
fn common_owner(doc: &Doc, i: usize) -> bool {
    matches!(
        doc.low(i),
        "local"
            | "senior"
            | "top"
            | "federal"
            | "state"
            | "city"
            | "county"
            | "election"
            | "industry"
            | "government"
            | "military"
            | "police"
            | "security"
            | "intelligence"
            | "school"
            | "hospital"
            | "company"
            | "party"
            | "union"
            | "other"
            | "some"
            | "many"
            | "several"
            | "most"
            | "both"
            | "key"
            | "high-ranking"
            | "high-level"
    ) || doc.common_word_at_sentence_start(i)
}

fn opposite(g: Gender) -> Gender {
    match g {
        Gender::Male => Gender::Female,
        Gender::Female => Gender::Male,
        Gender::Unknown => Gender::Unknown,
    }
}

/// Nouns for the people news quotes without naming them, beyond the role words of the
/// lexicon ("a resident", "one voter").
const PASSERS_BY: &[&str] = &[
    "resident",
    "residents",
    "shopkeeper",
    "voter",
    "driver",
    "protester",
    "worker",
    "passenger",
    "neighbour",
    "neighbor",
    "witness",
    "customer",
    "parent",
    "local",
    "villager",
    "commuter",
    "shopper",
    "motorist",
    "tenant",
    "pensioner",
    "onlooker",
    "bystander",
    "survivor",
    "victim",
    "patient",
    "employee",
    "homeowner",
    "retiree",
    "person",
    "citizen",
    "fan",
    "guard",
    "attendee",
    "delegate",
];

/// The gender of the person who opens the clause `start..end` when the text does not name
/// them: "One resident disagreed", "A local shopkeeper was unconvinced", "Another man stood
/// up" (an article or "one"/"another", up to two lower-case words, a noun for a person, and
/// no name before the verb).
fn unnamed_subject(doc: &Doc, start: usize, end: usize) -> Option<Gender> {
    if !doc
        .word(start)
        .is_some_and(|w| matches!(w, "a" | "an" | "one" | "another"))
    {
        return None;
    }
    let person = |j: usize| {
        doc.word(j)
            .is_some_and(|w| doc.lex(j).is_role_head() || PASSERS_BY.contains(&w))
            && !doc.is_cap(j)
    };
    let mut noun = (start + 1..(start + 4).min(end)).find(|&j| person(j))?;
    // the head is the last of them: "a local woman"
    while noun + 1 < end && person(noun + 1) {
        noun += 1;
    }
    let plain = (start + 1..noun).all(|j| doc.word(j).is_some() && !doc.is_cap(j));
    // "A spokesman for the opposition was", but not "A resident named Ola Berg" or "One
    // resident, Ola Berg,": a name after it is someone the text names
    let named = (noun + 1..end.min(noun + 6)).any(|j| doc.is_cap(j));
    (plain && !named).then(|| role_gender(doc.low(noun)))
}

/// Gender carried by a role word: "spokeswoman", "congressman".
fn role_gender(role: &str) -> Gender {
    let words = role.split(|c: char| !c.is_alphanumeric());
    let mut g = Gender::Unknown;
    for w in words {
        let w = w.to_lowercase();
        if w.ends_with("woman")
            || matches!(
                w.as_str(),
                "actress"
                    | "mother"
                    | "wife"
                    | "daughter"
                    | "sister"
                    | "queen"
                    | "princess"
                    | "grandmother"
            )
        {
            g = Gender::Female;
        } else if (w.ends_with("man") && w != "human")
            || matches!(
                w.as_str(),
                "actor"
                    | "father"
                    | "husband"
                    | "son"
                    | "brother"
                    | "king"
                    | "prince"
                    | "grandfather"
            )
        {
            g = Gender::Male;
        }
    }
    g
}

/// A run that reads as a headline or page furniture rather than a name: more than three name
/// words ("Bush Hits Marco Rubio"), or a word with capitals run together ("FlagShareLike").
fn headline_like(name: &str) -> bool {
    let mut core = 0;
    for w in name.split(' ') {
        if jammed(w) {
            return true;
        }
        let t = w.trim_end_matches('.');
        if more_than_one_char(t)
            && !matches!(t, "Jr" | "Sr" | "II" | "III" | "IV")
            && w.starts_with(|c: char| c.is_uppercase())
        {
            core += 1;
        }
    }
    core > 3
}

/// The word has more than two capitals and a small letter: "FlagShareLike".
fn jammed(w: &str) -> bool {
    let (mut capitals, mut small) = (0, false);
    for c in w.chars() {
        capitals += usize::from(c.is_uppercase());
        small |= c.is_lowercase();
    }
    capitals > 2 && small
}

/// The text has at least two chars.
fn more_than_one_char(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next().is_some() && chars.next().is_some()
}

/// A name of two or three capitalised words with no organisation or place word: "Petra Halvik"
/// may be a person, "South Carolina" or "Trump Plaza" is not.
fn looks_like_person(name: &str) -> bool {
    let place = |w: &str| {
        matches!(
            w,
            "new"
                | "north"
                | "south"
                | "east"
                | "west"
                | "san"
                | "santa"
                | "los"
                | "las"
                | "saint"
                | "st."
                | "fort"
                | "port"
                | "lake"
                | "mount"
                | "united"
                | "great"
                | "little"
                | "upper"
                | "lower"
                | "central"
                | "plaza"
                | "tower"
                | "hotel"
                | "island"
                | "beach"
                | "park"
                | "hall"
                | "square"
                | "valley"
                | "county"
                | "road"
        )
    };
    (2..=3).contains(&name.split(' ').count())
        && name.split(' ').all(|w| {
            with_lower(w, |w| {
                let lex = lexicon::classify(w);
                w.chars().count() > 1
                    && !place(w)
                    && !lex.is_org_word()
                    && !lex.is_cap_stop()
                    && !lex.is_title()
            })
        })
        && {
            // initials may stand before the surname ("J.M. Berger", "R. Gil Kerlikowske")
            let words: Vec<&str> = name.split(' ').collect();
            words.iter().enumerate().all(|(i, w)| {
                w.chars().any(|c| c.is_lowercase()) || (i + 1 < words.len() && is_initials(w))
            })
        }
}

/// The name ends in a known first name and one more word: "Bank of Russia Elvira Nabiullina".
fn ends_with_person(name: &str) -> bool {
    name.rsplit(' ')
        .nth(1)
        .is_some_and(|f| with_lower(f, lexicon::first_name_gender) != Gender::Unknown)
}

/// Capital letters each followed by a period: "J.", "J.M.".
fn is_initials(w: &str) -> bool {
    let b = w.as_bytes();
    !b.is_empty()
        && b.len().is_multiple_of(2)
        && b.chunks(2)
            .all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

/// A body named `name` may be taken up as "the `head`": "the ministry" only by a name with
/// "Ministry" in it, "the group" by a group's (a foundation, an association, …), "the company"
/// or "the firm" by any body but a news outlet, a union, a group or a public body.
fn body_of_kind(name: &str, head: &str) -> bool {
    let words = || name.split(' ').map(str::to_ascii_lowercase);
    let group = |w: &str| {
        matches!(
            w,
            "group"
                | "foundation"
                | "association"
                | "network"
                | "coalition"
                | "council"
                | "committee"
                | "institute"
                | "center"
                | "centre"
                | "pac"
                | "alliance"
                | "organization"
                | "organisation"
                | "society"
                | "federation"
                | "league"
        )
    };
    let union = |w: &str| matches!(w, "union" | "workers" | "teamsters" | "guild" | "employees");
    let outlet = |w: &str| {
        matches!(
            w,
            "times"
                | "post"
                | "news"
                | "journal"
                | "herald"
                | "press"
                | "tribune"
                | "telegraph"
                | "guardian"
                | "sun-times"
                | "sentinel"
                | "shimbun"
                | "reuters"
                | "cnn"
                | "nbc"
                | "abc"
                | "cbs"
                | "bbc"
                | "msnbc"
                | "magazine"
                | "gazette"
                | "daily"
                | "agency"
        )
    };
    let public = |w: &str| {
        matches!(
            w,
            "department"
                | "ministry"
                | "commission"
                | "administration"
                | "office"
                | "court"
                | "government"
                | "congress"
                | "senate"
                | "house"
                | "party"
                | "campaign"
                | "bureau"
                | "police"
                | "army"
        )
    };
    let last = name.rsplit(' ').next().unwrap_or("");
    // "Eastman Kodak Co", "Omi Corp"; not "OGE", "IPCC" (an abbreviation may name anything) nor
    // "US officials"
    let company = names::is_company_suffix(&last.to_ascii_lowercase().replace('.', ""))
        || (last.chars().next().is_some_and(char::is_uppercase)
            && last.chars().any(char::is_lowercase)
            && words().all(|w| !(group(&w) || union(&w) || outlet(&w) || public(&w))));
    match head {
        "company" | "firm" => company,
        "group" => words().any(|w| group(&w)),
        // "the union" after the Association of Flight Attendants
        "union" => words().any(|w| union(&w) || group(&w)),
        // "the paper said" after the Asahi Shimbun
        "newspaper" | "paper" => words().any(|w| {
            outlet(&w)
                && !matches!(
                    w.as_str(),
                    "agency" | "reuters" | "cnn" | "nbc" | "abc" | "cbs" | "bbc" | "msnbc"
                )
        }),
        _ => words().any(|w| w == head),
    }
}

/// The distinct lower-cased words of `roles`, which descriptions are looked up by.
fn role_words<'r>(roles: impl IntoIterator<Item = &'r str>) -> Vec<String> {
    let mut words: Vec<String> = roles
        .into_iter()
        .flat_map(|r| r.split(|c: char| !(c.is_alphanumeric() || c == '-')))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn vote(v: Option<&(u32, u32)>) -> Gender {
    match v {
        Some(&(m, f)) if m > 0 && m >= 2 * f => Gender::Male,
        Some(&(m, f)) if f > 0 && f >= 2 * m => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// Pronoun votes for the name ending before token `from`: the first third-person singular
/// pronoun up to the end of the next sentence (outside quotes) counts once, and a "he" or
/// "she" opening the next sentence counts twice ("Lund met the press. She said …").
fn following_pronouns(doc: &Doc, quotes: &Quotes, from: usize) -> (u32, u32) {
    let gender = pronoun_gender;
    let mut votes = (0, 0);
    let mut add = |g: Gender, n: u32| match g {
        Gender::Male => votes.0 += n,
        _ => votes.1 += n,
    };
    let sent = doc.sentence(from.saturating_sub(1));
    let limit = doc.sentence(sent.end + 1).end.max(sent.end).min(from + 60);
    if let Some(g) = (from..limit)
        .filter(|&j| !quotes.inside(j))
        .find_map(|j| doc.word(j).and_then(gender))
    {
        add(g, 1);
    }
    let mut j = sent.end;
    while j < doc.len() && (doc.is_para(j) || doc.punct(j).is_some()) {
        j += 1;
    }
    if !quotes.inside(j)
        && let Some(g) = doc
            .word(j)
            .filter(|w| matches!(*w, "he" | "she"))
            .and_then(gender)
    {
        add(g, 2);
    }
    votes
}

/// ", a political analyst," / ", the White House press secretary." after a name.
/// The gender of a third-person singular pronoun.
#[inline]
/// A state of the United States by its name (or the capital district's),
/// which news names as a place rather than a speaker. Washington is left
/// out: it stands for the government ("Washington said"), as a country does.
fn is_us_state(name: &str) -> bool {
    matches!(
        name,
        "Alabama"
            | "Alaska"
            | "Arizona"
            | "Arkansas"
            | "California"
            | "Colorado"
            | "Connecticut"
            | "Delaware"
            | "Florida"
            | "Georgia"
            | "Hawaii"
            | "Idaho"
            | "Illinois"
            | "Indiana"
            | "Iowa"
            | "Kansas"
            | "Kentucky"
            | "Louisiana"
            | "Maine"
            | "Maryland"
            | "Massachusetts"
            | "Michigan"
            | "Minnesota"
            | "Mississippi"
            | "Missouri"
            | "Montana"
            | "Nebraska"
            | "Nevada"
            | "New Hampshire"
            | "New Jersey"
            | "New Mexico"
            | "New York"
            | "North Carolina"
            | "North Dakota"
            | "Ohio"
            | "Oklahoma"
            | "Oregon"
            | "Pennsylvania"
            | "Rhode Island"
            | "South Carolina"
            | "South Dakota"
            | "Tennessee"
            | "Texas"
            | "Utah"
            | "Vermont"
            | "Virginia"
            | "West Virginia"
            | "Wisconsin"
            | "Wyoming"
            | "D.C."
    )
}

fn pronoun_gender(w: &str) -> Option<Gender> {
    // every such pronoun starts with "h" or "s": most words are ruled out by their first byte
    if !matches!(w.as_bytes().first(), Some(b'h' | b's')) {
        return None;
    }
    match w {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

fn appositive(doc: &Doc, after: usize) -> Option<String> {
    if !doc.is_punct(after, ',') {
        return None;
    }
    let a = after + 1;
    if !doc
        .word(a)
        .is_some_and(|w| matches!(w, "a" | "an" | "the" | "his" | "her" | "their" | "its"))
    {
        return None;
    }
    let limit = (a + 9).min(doc.sentence(a).end);
    let end = (a..limit).find(|&j| {
        doc.punct(j)
            .is_some_and(|c| matches!(c, ',' | '.' | ';' | ')'))
            || doc
                .word(j)
                .is_some_and(|w| matches!(w, "who" | "which" | "and"))
    })?;
    // "the mayor of Lorne": the head stands before the prepositional phrase
    let head_end = (a + 1..end)
        .find(|&j| {
            doc.word(j)
                .is_some_and(|w| matches!(w, "of" | "for" | "at" | "in" | "from" | "with"))
        })
        .unwrap_or(end);
    let head = (a + 1..head_end).rev().find(|&j| doc.word(j).is_some())?;
    let ok = doc.lex(head).is_role_head() && !doc.is_cap(head);
    ok.then(|| names::phrase(doc, a + 1..end))
}

/// "The mayor of Lorne, Petra Halvik, said …": a role phrase opening the sentence (or following
/// a cue) and set off by commas before the name starting at token `start`.
fn appositive_before(doc: &Doc, start: usize, end: usize) -> Option<String> {
    let c = start.checked_sub(1)?;
    if !doc.is_punct(c, ',') || !doc.punct(end).is_some_and(|p| matches!(p, ',' | '.')) {
        return None;
    }
    let floor = doc.sentence(c).start;
    let m = subject::backward(doc, c, floor)?;
    let s = m.toks.start;
    let opens = (floor..s).all(|j| {
        doc.punct(j).is_some()
            || doc.quote(j).is_some()
            || doc
                .word(j)
                .is_some_and(|w| matches!(w, "but" | "and" | "so"))
    });
    let after_cue = s > floor
        && doc
            .lex(s - 1)
            .verb()
            .is_some_and(|v| v.class == super::cues::Class::Speech);
    if !(opens || after_cue) {
        return None;
    }
    let head = match &m.what {
        What::Description { head } => head.clone(),
        What::Proxy { head, .. } => head.clone(),
        _ => return None,
    };
    if !names::is_role_head(head.split(' ').next().unwrap_or("")) {
        return None;
    }
    let mut a = s;
    while a < c && doc.word(a).is_some_and(|w| matches!(w, "the" | "a" | "an")) {
        a += 1;
    }
    Some(names::phrase(doc, a..c))
}

/// A resolved speaker kept for pronoun resolution.
#[derive(Debug, Clone)]
struct Candidate {
    at: usize,
    speaker: Speaker,
    gender: Gender,
    entity: Option<usize>,
}

/// Resolves mentions in reading order.
pub(crate) struct Resolver<'a> {
    doc: &'a Doc<'a>,
    reg: Registry,
    known: Vec<String>,
    history: Vec<Candidate>,
    /// The last source resolved, person or not: what a later "it" may mean.
    last: Option<Candidate>,
    /// The sources resolved that are no person, in reading order: what "the company" means.
    bodies: Vec<Candidate>,
}

/// Metadata names worth using, normalised as the text's are (`Mr. Obama` is `Obama`):
/// capitalised, not a pronoun, at least two letters.
fn usable_known(known: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(known.len());
    for k in known.iter().filter_map(|k| super::metadata_name(k)) {
        if k.chars().count() >= 2
            && k.chars().next().is_some_and(|c| c.is_uppercase())
            && names::pronoun(&k.to_lowercase()).is_none()
            && !out.contains(&k)
        {
            out.push(k);
        }
    }
    out
}

impl<'a> Resolver<'a> {
    pub fn new(doc: &'a Doc<'a>, reg: Registry, known: &[String]) -> Self {
        Resolver {
            doc,
            reg,
            known: usable_known(known),
            history: Vec::new(),
            last: None,
            bodies: Vec::new(),
        }
    }

    /// Resolves `m`, named at token `at`; `remember` keeps the speaker for later pronouns.
    /// `quoted`: `m` is the speaker of a direct quote, whose pronoun may also mean a person
    /// named nearby who neither spoke nor opened a sentence.
    pub fn resolve(
        &mut self,
        m: &Mention,
        at: usize,
        remember: bool,
        quoted: bool,
    ) -> (Option<Speaker>, ResolvedBy) {
        let (mut found, by) = self.lookup(m, at, quoted);
        // "in Salem, New Hampshire, Trump went after Bush": a state is where, not who
        if found.as_ref().is_some_and(|(s, _, _)| is_us_state(&s.name)) {
            found = None;
        }
        if let (Some((speaker, gender, entity)), true) = (&found, remember) {
            let c = Candidate {
                at,
                speaker: speaker.clone(),
                gender: *gender,
                entity: *entity,
            };
            if self.plausible_person(speaker, *gender, *entity) {
                self.history.push(c.clone());
            } else {
                self.bodies.push(c.clone());
            }
            self.last = Some(c);
        }
        (found.map(|f| f.0), by)
    }

    fn lookup(
        &mut self,
        m: &Mention,
        at: usize,
        quoted: bool,
    ) -> (Option<(Speaker, Gender, Option<usize>)>, ResolvedBy) {
        match &m.what {
            What::Name { run } => self.name(run.clone(), m.role.clone(), at),
            What::Pronoun(p) => (
                self.pronoun(*p, at, m.toks.start, quoted),
                ResolvedBy::Pronoun,
            ),
            // "a friend said", "another analyst said": an indefinite description brings in
            // someone new, unless it stands in apposition to a name ("Gorsuch, a judge, said")
            What::Description { .. }
                if self
                    .doc
                    .word(m.toks.start)
                    .is_some_and(|w| matches!(w, "a" | "an" | "another"))
                    && !(m.toks.start >= 2
                        && self.doc.is_punct(m.toks.start - 1, ',')
                        && self.doc.is_cap(m.toks.start - 2)) =>
            {
                (None, ResolvedBy::Description)
            }
            What::Description { head } if names::is_body_noun(head) => {
                (self.body(head, at), ResolvedBy::Description)
            }
            What::Description { head } => {
                let ranks: Vec<&str> = m
                    .toks
                    .clone()
                    .filter_map(|i| self.doc.word(i))
                    .filter(|w| names::RANKS.contains(w))
                    .collect();
                (self.description(head, &ranks, at), ResolvedBy::Description)
            }
            What::Proxy { owner, head } => (
                self.proxy(m, owner.clone(), head, at),
                ResolvedBy::Description,
            ),
            What::Generic => (None, ResolvedBy::Description),
        }
    }

    /// Who speaks for `owner` through `head` ("Trump aides", "Fed officials", "Lund's
    /// letter"): a person's aides, staff or officials are their campaign; an institution word
    /// between them names it ("Reagan administration officials"); a body's or a people's
    /// officials keep the text's words ("Bundesbank officials", "Japanese officials"); a
    /// common word that opens the sentence ("Local officials", "Weather officials") is no
    /// one in particular.
    fn proxy(
        &mut self,
        m: &Mention,
        owner: std::ops::Range<usize>,
        head: &str,
        at: usize,
    ) -> Option<(Speaker, Gender, Option<usize>)> {
        let doc = self.doc;
        let o = names::normalise(doc, owner.clone())?.full.into_owned();
        let speaker = |name: String| Some((Speaker { name, role: None }, Gender::Unknown, None));
        // "Kremlin sources", "banking sources": unnamed, whoever they speak for
        if head == "sources" || (owner.len() == 1 && common_owner(doc, owner.start)) {
            return None;
        }
        // "Lund's letter argues", "the SEC report said": the owner speaks ("a Japanese report"
        // is no one's)
        let demonym = owner.len() == 1 && doc.lex(owner.start).is_demonym();
        if owner_speaks(head) && !demonym {
            return match self.name(owner, None, at) {
                (Some(found), _) => Some(found),
                (None, _) => speaker(o),
            };
        }
        // "Reagan administration officials": an institution between owner and group names it
        // ("a Reagan administration official" stays a person, for the pronouns after it)
        if lexicon::classify(head).is_generic_head()
            && let Some(name) = institution(doc, &o, owner.end..m.toks.end, head)
        {
            return speaker(name);
        }
        if matches!(head, "campaign" | "camp") {
            return speaker(format!("{o} campaign"));
        }
        // "U.S. officials" and "Japanese officials" are not a campaign's; "Trump aides" are,
        // and "Sanders officials" when the text shows Sanders is a person
        let organisation = names::is_org_run(doc, &owner) || demonym;
        let campaign = match head {
            "aides" | "advisers" => !organisation,
            "team" | "staff" | "officials" | "spokesmen" => {
                !organisation && self.owner_is_person(owner.clone(), at)
            }
            _ => false,
        };
        if campaign {
            return speaker(format!("{o} campaign"));
        }
        speaker(format!("{o} {head}"))
    }

    /// The owner of a proxy is a person: a name the registry holds as one, a titled name
    /// ("Mr. Rubio's advisers"), a name with a gender, or one from the metadata.
    fn owner_is_person(&mut self, owner: std::ops::Range<usize>, at: usize) -> bool {
        let titled = names::normalise(self.doc, owner.clone()).is_some_and(|n| n.titled);
        match self.name(owner, None, at) {
            (_, ResolvedBy::Metadata) => true,
            (Some((_, gender, entity)), _) => {
                titled
                    || gender != Gender::Unknown
                    || entity.is_some_and(|id| {
                        let e = &self.reg.entities[id];
                        e.person || e.likely_person
                    })
            }
            (None, _) => false,
        }
    }

    fn name(
        &mut self,
        run: std::ops::Range<usize>,
        role: Option<String>,
        at: usize,
    ) -> (Option<(Speaker, Gender, Option<usize>)>, ResolvedBy) {
        let Some(n) = names::normalise(self.doc, run.clone()) else {
            return (None, ResolvedBy::Name);
        };
        // "former" + "Pennsylvania Gov." → "former Pennsylvania Gov."
        let role = match (role, n.title.clone()) {
            (Some(r), Some(t)) => Some(format!("{r} {t}")),
            (r, t) => r.or(t),
        };
        if n.words >= 2 {
            let id = self.reg.by_name.get(&*n.full).copied();
            if let (Some(id), Some(r)) = (id, &role) {
                self.learn_role(id, r, at);
            }
            let gender = id.map_or(n.gender, |id| self.reg.entities[id].gender);
            let role = role.or_else(|| id.and_then(|id| self.entity_role(id)));
            return (
                Some((
                    Speaker {
                        name: n.full.into_owned(),
                        role,
                    },
                    gender,
                    id,
                )),
                ResolvedBy::Name,
            );
        }
        let word = &*n.full;
        // an everyday word is a name only as the surname of someone named in full ("May" after
        // "Theresa May") or after a title ("Mrs May")
        let common = with_lower(word, names::is_cap_stop);
        if common && !with_lower(word, |w| lexicon::classify(w).is_surname_like_stop()) {
            return (None, ResolvedBy::Name);
        }
        let found = self
            .reg
            .by_surname_titled(word, at, n.gender, n.title.as_deref())
            .filter(|&id| !n.titled || self.reg.entities[id].person);
        if common && found.is_none() && !n.titled {
            return (None, ResolvedBy::Name);
        }
        if let Some(id) = found {
            let e = &self.reg.entities[id];
            let gender = if e.gender == Gender::Unknown {
                n.gender
            } else {
                e.gender
            };
            let role = role.or_else(|| self.entity_role(id));
            let speaker = Speaker {
                name: e.name.clone(),
                role,
            };
            return (Some((speaker, gender, Some(id))), ResolvedBy::Surname);
        }
        if let Some(k) = self
            .known
            .iter()
            .find(|k| k.rsplit(' ').next().is_some_and(|l| l == word) && k.contains(' '))
        {
            let speaker = Speaker {
                name: k.clone(),
                role,
            };
            return (Some((speaker, n.gender, None)), ResolvedBy::Metadata);
        }
        // "Hillary" for Hillary Clinton, but never "Mr. Paulson" for "Paulson Partners" or
        // "Trump" for "Trump Train"
        let first_name = !n.titled && with_lower(word, names::first_name_gender) != Gender::Unknown;
        if let Some(id) = self
            .reg
            .by_first_name(word, at)
            .filter(|&id| first_name && self.reg.entities[id].person)
        {
            let e = &self.reg.entities[id];
            let role = role.or_else(|| self.entity_role(id));
            let speaker = Speaker {
                name: e.name.clone(),
                role,
            };
            return (Some((speaker, e.gender, Some(id))), ResolvedBy::Name);
        }
        // "the Bank" after "the Bank of England", "the Exchange" after "the New York Stock
        // Exchange": the short form of an organisation the article names in full
        if run.start > 0
            && self.doc.is_word(run.start - 1, "the")
            && self.doc.lex(run.start).is_org_word()
            && let Some(full) = self.organisation_named(run.start)
        {
            let speaker = Speaker { name: full, role };
            return (
                Some((speaker, Gender::Unknown, None)),
                ResolvedBy::Description,
            );
        }
        let gender = match n.gender {
            Gender::Unknown => self.reg.voted_gender(word),
            g => g,
        };
        let speaker = Speaker {
            name: n.full.to_string(),
            role,
        };
        (Some((speaker, gender, None)), ResolvedBy::Name)
    }

    /// The full name of an organisation the article names with the word at token `at`
    /// ("Bank" of "Bank of England", "Exchange" of "New York Stock Exchange"): the nearest
    /// such name before `at`, else the first after it.
    fn organisation_named(&self, at: usize) -> Option<String> {
        let doc = self.doc;
        let word = doc.low(at);
        let full_name = |i: usize| -> Option<(usize, String)> {
            // back to the start of the capitalised stretch holding `i`
            let mut start = i;
            while start > 0 && i - start < 6 {
                if doc.is_cap(start - 1) {
                    start -= 1;
                } else if start >= 2 && doc.is_word(start - 1, "of") && doc.is_cap(start - 2) {
                    start -= 2;
                } else {
                    break;
                }
            }
            let para = doc.paragraph(i);
            let run = (start..=i).find_map(|s| {
                names::run_starting_at(doc, s, para.end).filter(|r| r.contains(&i))
            })?;
            // the word ends the name ("New York Stock Exchange") or opens it before "of"
            // ("Bank of England"); "FBI Director James Comey" names a person
            let shape = i + 1 == run.end || (i == run.start && doc.is_word(i + 1, "of"));
            let n = names::normalise(doc, run.clone())?;
            (shape && n.title.is_none() && n.words >= 2).then(|| (i, n.full.into_owned()))
        };
        let mut after = None;
        let mut before = None;
        for &i in &doc.caps {
            if i == at || doc.low(i) != word {
                continue;
            }
            if let Some(found) = full_name(i) {
                if i < at {
                    before = Some(found.1);
                } else if after.is_none() {
                    after = Some(found.1);
                    break;
                }
            }
        }
        before.or(after)
    }

    /// A speaker a later "he" or "she" may refer to: a known gender, a person in the registry,
    /// or a name that is neither an organisation nor a common word.
    fn plausible_person(&self, speaker: &Speaker, gender: Gender, entity: Option<usize>) -> bool {
        if gender != Gender::Unknown {
            return true;
        }
        // "the Air Force", "Trump Tower": a name the text treats as a thing is never "she";
        // a person's name behind an office still counts ("NATO Ivo Daalder")
        if let Some(id) = entity {
            let e = &self.reg.entities[id];
            return e.likely_person || (!e.common && !e.determined && ends_with_person(&e.name));
        }
        let words: Vec<&str> = speaker.name.split(' ').collect();
        let last = words.last().copied().unwrap_or("");
        words.len() <= 3
            && !with_lower(last, names::is_org_word)
            && !words
                .iter()
                .all(|w| with_lower(w, |l| self.doc.is_lowercase_word(l)))
            && !speaker.name.chars().all(|c| !c.is_lowercase())
            && !speaker.name.ends_with(" campaign")
            // "Turkish officials" are no "he"
            && !lexicon::classify(&last.to_lowercase()).is_generic_head()
    }

    /// The role a speaker phrase gives entity `id` at token `at` ("Russia's Ambassador to South
    /// Korea Alexander Timonin said"), for the descriptions after it ("the ambassador said"):
    /// the registry knows only the roles written inside or right before a name.
    fn learn_role(&mut self, id: usize, role: &str, at: usize) {
        let e = &mut self.reg.entities[id];
        if e.roles.iter().any(|r| r == role) {
            return;
        }
        e.roles.push(role.to_string());
        for w in role_words([role]) {
            let list = self.reg.by_role_word.entry(w).or_default();
            let k = list.partition_point(|&e| e < (at, id));
            list.insert(k, (at, id));
        }
    }

    fn entity_role(&self, id: usize) -> Option<String> {
        self.reg
            .entities
            .get(id)
            .and_then(|e| e.roles.first().cloned())
    }

    /// The speaker pronoun `p` (the word at token `word`) means, for the frame at `at`.
    fn pronoun(
        &mut self,
        p: Pron,
        at: usize,
        word: usize,
        quoted: bool,
    ) -> Option<(Speaker, Gender, Option<usize>)> {
        let want = match p {
            Pron::He => Gender::Male,
            Pron::She => Gender::Female,
            // "…," it said: the source quoted last, unless that is someone the text gives a
            // gender ("Anders Holm announced the cuts. The union was furious. “…,” it said"
            // is not Holm's; a company whose name looks like a person's still counts)
            Pron::It if quoted => {
                return self
                    .last_source(at)
                    .filter(|(_, g, _)| *g == Gender::Unknown);
            }
            // "Acme Corp said its profit rose. It said sales fell.": the body quoted last, when
            // "it" is the subject of the speech verb ("it was reported that" names no one)
            // and that source is no person
            Pron::It if self.subject_of_verb(word) => {
                return self
                    .last_source(at)
                    .filter(|(s, g, e)| !self.plausible_person(s, *g, *e));
            }
            _ => return None,
        };
        let pick = self
            .recent(at, want)
            .or_else(|| self.mentioned(at, want).filter(|_| quoted))?;
        // "Mayor Dahl defended the plan. One resident disagreed. “…,” he said.": the pronoun
        // means the resident, whom the text does not name (in a sentence before the
        // pronoun's: "A police officer was hurt, he said" reports what he said of one)
        let before = self
            .doc
            .sentence(at.min(self.doc.len().saturating_sub(1)))
            .start;
        if self.reg.unnamed_between(pick.at, before, want) {
            return None;
        }
        if let Some(id) = pick.entity
            && self.reg.entities[id].gender == Gender::Unknown
        {
            self.reg.entities[id].gender = want;
        }
        Some((pick.speaker, want, pick.entity))
    }

    /// The most recent person before token `at` who fits `want` (Unknown fits anyone): the last
    /// speaker, or a later sentence subject. A candidate of unknown gender counts only close by.
    fn recent(&self, at: usize, want: Gender) -> Option<Candidate> {
        let fits = |g: Gender| g == want || g == Gender::Unknown || want == Gender::Unknown;
        let reg = &self.reg;
        let spoken = self
            .history
            .iter()
            .rev()
            .take(PRONOUN_LOOKBACK)
            .find(|c| c.at < at && fits(c.gender))
            .cloned();
        let k = reg.subjects.partition_point(|&(t, _)| t < at);
        let subject = reg.subjects[..k]
            .iter()
            .rev()
            .take(PRONOUN_LOOKBACK)
            .find(|&&(_, id)| reg.entities[id].person && fits(reg.entities[id].gender))
            .map(|&(t, id)| self.candidate(t, id));
        let pick = match (spoken, subject) {
            (Some(c), Some(s)) => {
                if s.at > c.at && c.entity != s.entity {
                    s
                } else if s.at > c.at {
                    // the same person, named again as a subject since speaking
                    Candidate { at: s.at, ..c }
                } else {
                    c
                }
            }
            (None, None) => {
                // no known person fits: a name that only looks like one, named as a subject
                reg.subjects[..k]
                    .iter()
                    .rev()
                    .take(PRONOUN_LOOKBACK)
                    .find(|&&(_, id)| {
                        reg.entities[id].likely_person && reg.entities[id].gender == Gender::Unknown
                    })
                    .map(|&(t, id)| self.candidate(t, id))?
            }
            (c, s) => c.or(s)?,
        };
        let (here, there) = (self.para(at), self.para(pick.at));
        let unsure = pick.gender == Gender::Unknown || want == Gender::Unknown;
        let likely = pick
            .entity
            .is_some_and(|id| self.reg.entities[id].likely_person);
        if unsure
            && here.saturating_sub(there) > UNKNOWN_GENDER_REACH
            && !(likely && self.last_person_before(at, pick.at))
        {
            return None;
        }
        if here.saturating_sub(there) > PRONOUN_REACH {
            return None;
        }
        Some(pick)
    }

    /// The word at token `word` is the subject of a speech verb in the active voice: "it said",
    /// "it also noted", not "it was reported" nor "it has been said".
    fn subject_of_verb(&self, word: usize) -> bool {
        let doc = self.doc;
        let mut j = word + 1;
        while j < word + 3
            && doc.lex(j).is_aux_or_adverb()
            && !matches!(doc.word(j), Some("is" | "was"))
        {
            j += 1;
        }
        doc.word(j).is_some() && doc.lex(j).verb().is_some()
    }

    /// The source last quoted, when it was quoted in this paragraph or the one before: "it" of
    /// "…," the company said. "…," it added.
    fn last_source(&self, at: usize) -> Option<(Speaker, Gender, Option<usize>)> {
        // (at `at` itself: the same "it" resolved before, as the cue of reported speech that
        // holds this quote)
        let c = self.last.as_ref().filter(|c| c.at <= at)?;
        (self.para(at).saturating_sub(self.para(c.at)) <= UNKNOWN_GENDER_REACH)
            .then(|| (c.speaker.clone(), c.gender, c.entity))
    }

    /// The body "the company" (or "the ministry", … `head`) at token `at` takes up: the source
    /// quoted last that is no person, within a few paragraphs, and for a kind that names
    /// itself ("the ministry") has that word in its name.
    fn body(&self, head: &str, at: usize) -> Option<(Speaker, Gender, Option<usize>)> {
        let c = self
            .bodies
            .iter()
            .rev()
            .take(PRONOUN_LOOKBACK)
            .filter(|c| c.at <= at)
            .find(|c| body_of_kind(&c.speaker.name, head))?;
        (self.para(at).saturating_sub(self.para(c.at)) <= PRONOUN_REACH)
            .then(|| (c.speaker.clone(), c.gender, c.entity))
    }

    /// The person named last before token `at`, in that paragraph or the one before, when the
    /// text gives that person the gender `want`: "Professor Pia Lind found it sad. \"…,\" she
    /// said." (a name that neither spoke nor opened a sentence).
    fn mentioned(&self, at: usize, want: Gender) -> Option<Candidate> {
        let k = self.reg.named.partition_point(|&(t, _)| t < at);
        let &(t, id) = self.reg.named[..k]
            .iter()
            .rev()
            .find(|&&(_, id)| self.reg.entities[id].person)?;
        let near = self.para(at).saturating_sub(self.para(t)) <= UNKNOWN_GENDER_REACH;
        (self.reg.entities[id].gender == want && near).then(|| self.candidate(t, id))
    }

    /// Entity `id`, named at token `at`, as a pronoun's candidate.
    fn candidate(&self, at: usize, id: usize) -> Candidate {
        let e = &self.reg.entities[id];
        Candidate {
            at,
            speaker: Speaker {
                name: e.name.clone(),
                role: self.entity_role(id),
            },
            gender: e.gender,
            entity: Some(id),
        }
    }

    /// The paragraph of token `t`.
    fn para(&self, t: usize) -> u32 {
        self.doc.toks.get(t).map_or(0, |t| t.para)
    }

    /// No person of either gender is named or speaks between token `from` and token `at`: the
    /// candidate at `from` is the only one a pronoun at `at` can mean.
    fn last_person_before(&self, at: usize, from: usize) -> bool {
        let spoke_since = self
            .history
            .iter()
            .rev()
            .take(PRONOUN_LOOKBACK)
            .any(|c| c.at > from && c.at < at);
        let k = self.reg.subjects.partition_point(|&(t, _)| t < at);
        let named_since = self.reg.subjects[..k]
            .last()
            .is_some_and(|&(t, id)| t > from && self.reg.entities[id].person);
        !spoke_since && !named_since
    }

    /// The entity a role description means ("the analyst", "the head of state"), among those
    /// whose role has the same rank words (`ranks`, from [`names::RANKS`]): "the vice president" is
    /// not President Hale, nor "the prime minister" Deputy Prime Minister Kral.
    fn description(
        &self,
        head: &str,
        ranks: &[&str],
        at: usize,
    ) -> Option<(Speaker, Gender, Option<usize>)> {
        let own = [head];
        let wanted: &[&str] = match head {
            "head of state" => &[
                "president",
                "king",
                "queen",
                "emir",
                "sultan",
                "monarch",
                "head of state",
            ],
            "senator" => &["senator", "sen"],
            "lawmaker" => &[
                "senator",
                "sen",
                "rep",
                "representative",
                "congressman",
                "congresswoman",
                "lawmaker",
            ],
            "congressman" | "congresswoman" => {
                &["rep", "representative", "congressman", "congresswoman"]
            }
            "governor" => &["gov", "governor"],
            "spokesman" | "spokeswoman" | "spokesperson" => {
                &["spokesman", "spokeswoman", "spokesperson"]
            }
            "candidate" | "nominee" | "front-runner" | "frontrunner" | "hopeful" => &[
                "candidate",
                "nominee",
                "front-runner",
                "frontrunner",
                "hopeful",
            ],
            "adviser" | "advisor" => &["adviser", "advisor"],
            _ => &own,
        };
        // ranks are matched both ways first; failing that, "former" and "acting" are ignored
        // ("the former secretary" may be Secretary Lund) and a role may hold a rank the
        // description leaves out ("the minister" of an article with one deputy minister), but
        // never "vice": a vice president is not "the president"
        let fits = |r: &str, strict: bool| {
            let r = r.to_lowercase();
            wanted.iter().any(|w| {
                if w.contains(' ') {
                    r.contains(*w)
                } else {
                    // "president" is not "vice president", "minister" not "former minister"
                    let words: Vec<&str> = r
                        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                        .collect();
                    words.iter().enumerate().any(|(i, x)| {
                        x == w && {
                            let before = &words[..i];
                            names::RANKS.iter().all(|k| {
                                let (has, wants) = (before.contains(k), ranks.contains(k));
                                has == wants
                                    || (!strict
                                        && (matches!(*k, "former" | "acting")
                                            || (has && *k != "vice")))
                            })
                        }
                    })
                }
            })
        };
        // per wanted word, the latest mention before `at` of an entity whose role fits
        let latest = |strict: bool| {
            let mut best: Option<(usize, usize)> = None;
            for w in wanted {
                let Some(list) = self.reg.by_role_word.get(w.split(' ').next().unwrap_or(w)) else {
                    continue;
                };
                let k = list.partition_point(|&(t, _)| t < at);
                let found = list[..k]
                    .iter()
                    .rev()
                    .take(DESCRIPTION_LOOKBACK)
                    .find(|&&(_, id)| self.reg.entities[id].roles.iter().any(|r| fits(r, strict)));
                if let Some(&(t, id)) = found
                    && best.is_none_or(|(bt, _)| t > bt)
                {
                    best = Some((t, id));
                }
            }
            best
        };
        let best = latest(true).or_else(|| latest(false));
        let (_, id) = best?;
        let e = &self.reg.entities[id];
        let speaker = Speaker {
            name: e.name.clone(),
            role: self.entity_role(id),
        };
        Some((speaker, e.gender, Some(id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve_at(text: &str, cue: &str, known: &[String]) -> Option<(String, ResolvedBy)> {
        let doc = Doc::new(text);
        let quotes = Quotes::find(&doc);
        let reg = Registry::build(&doc, &quotes);
        let mut r = Resolver::new(&doc, reg, known);
        let mut out = None;
        for v in 0..doc.len() {
            if doc.text(v) != cue {
                continue;
            }
            if let Some(m) = subject::of_cue(&doc, &quotes, v..v + 1) {
                let (s, by) = r.resolve(&m, m.toks.start, true, true);
                out = s.map(|s| (s.name, by));
            }
        }
        out
    }

    #[test]
    fn initials_are_capitals_each_with_a_period() {
        for w in ["J.", "J.M.", "H.W."] {
            assert!(is_initials(w), "{w}");
        }
        for w in ["", "J", "JM.", "j.", "J.m.", "Jo.", "U.S.A"] {
            assert!(!is_initials(w), "{w}");
        }
        assert!(ends_with_person("Bank of Lund Anna Vik"));
        assert!(!ends_with_person("Vik"));
        assert!(!ends_with_person("Coast Guard"));
    }

    #[test]
    fn a_surname_resolves_to_the_full_name() {
        let text = "Pia Lind arrived. Lind said it rained.";
        assert_eq!(
            resolve_at(text, "said", &[]),
            Some(("Pia Lind".into(), ResolvedBy::Surname))
        );
    }

    #[test]
    fn a_role_opening_the_sentence_is_kept_for_the_description_after_it() {
        let text = "Prosecutor Kari Tran said the evidence was clear. The prosecutor said it \
                    again.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Kari Tran".into())
        );
    }

    #[test]
    fn a_rank_in_a_description_picks_the_office() {
        let text = "President Ola Hale and Vice President Kari Sokol visited the town. The vice \
                    president added that help was coming.";
        assert_eq!(
            resolve_at(text, "added", &[]).map(|(n, _)| n),
            Some("Kari Sokol".into())
        );
        let text = "Prime Minister Ola Novak and Deputy Prime Minister Kari Kral met. The prime \
                    minister said it went well.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Ola Novak".into())
        );
        // opening its sentence, the rank stays in the title
        let text = "Deputy Prime Minister Kari Kral spoke. The deputy prime minister said it \
                    went well.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Kari Kral".into())
        );
        // with no one else holding the office, a deputy is "the minister"; a vice president
        // is never "the president"
        let text = "Deputy Interior Minister Kari Kral spoke. The minister said rain would come.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Kari Kral".into())
        );
        let text = "Vice President Kari Sokol spoke. The president said rain would come.";
        assert_eq!(resolve_at(text, "said", &[]), None);
    }

    #[test]
    fn a_surname_is_not_a_group_placed_by_it() {
        let text = "Ola Volcker will step down. Associates of Volcker assumed he would leave. \
                    Volcker said it was a personal decision.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Ola Volcker".into())
        );
    }

    #[test]
    fn a_title_picks_the_namesake_who_holds_it() {
        let text = "Governor Ola Lind signed the bill. State Treasurer Kari Lind, his cousin, \
                    criticised it. \u{201c}It saves lives,\u{201d} Governor Lind said.";
        assert_eq!(
            resolve_at(text, "said", &[]),
            Some(("Ola Lind".into(), ResolvedBy::Surname))
        );
        let text = "Dr. Ola Sand, a surgeon, and Judge Kari Sand testified. Dr. Sand said it \
                    was fatal.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Ola Sand".into())
        );
    }

    #[test]
    fn a_bare_surname_means_the_namesake_who_opened_a_sentence() {
        // not the relative named after her in the same sentence
        let text = "Kari Holm paid tribute to Ola Holm, her late father. \
                    \u{201c}He never once complained,\u{201d} Holm said.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Kari Holm".into())
        );
        // a namesake who opens a later sentence is the one meant after it
        let text = "Kari Holm spoke first. Ola Holm, her brother, spoke next. Holm said it \
                    was over.";
        assert_eq!(
            resolve_at(text, "said", &[]).map(|(n, _)| n),
            Some("Ola Holm".into())
        );
    }

    #[test]
    fn a_titled_surname_resolves_to_the_full_name() {
        let text = "Ola Berg arrived. Mr. Berg said it rained.";
        assert_eq!(
            resolve_at(text, "said", &[]),
            Some(("Ola Berg".into(), ResolvedBy::Surname))
        );
    }

    #[test]
    fn a_surname_without_a_full_name_uses_metadata() {
        let known = vec!["he".to_string(), "Pia Lind".to_string()];
        let text = "Lind said it rained.";
        assert_eq!(
            resolve_at(text, "said", &known),
            Some(("Pia Lind".into(), ResolvedBy::Metadata))
        );
    }

    #[test]
    fn metadata_names_lose_their_titles() {
        // a metadata name with a courtesy title is no full name: the surname stays the
        // speaker; a titled full name still gives the full name
        let known = vec!["Mr. Lind".to_string(), "Dr. Kari Holm".to_string()];
        assert_eq!(
            resolve_at("Mr. Lind said it rained.", "said", &known),
            Some(("Lind".into(), ResolvedBy::Name))
        );
        assert_eq!(
            resolve_at("Holm said it rained.", "said", &known),
            Some(("Kari Holm".into(), ResolvedBy::Metadata))
        );
    }

    #[test]
    fn she_skips_a_man_named_by_title() {
        let text = "Mrs. Kari Holm met Mr. Ola Berg. Berg said the sea rose. She said it fell.";
        let doc = Doc::new(text);
        let quotes = Quotes::find(&doc);
        let reg = Registry::build(&doc, &quotes);
        let mut r = Resolver::new(&doc, reg, &[]);
        let mut names = Vec::new();
        for v in 0..doc.len() {
            if doc.text(v) == "said"
                && let Some(m) = subject::of_cue(&doc, &quotes, v..v + 1)
            {
                names.push(r.resolve(&m, m.toks.start, true, true).0.map(|s| s.name));
            }
        }
        assert_eq!(
            names,
            [Some("Ola Berg".to_string()), Some("Kari Holm".to_string())]
        );
    }

    #[test]
    fn head_of_state_maps_to_a_president() {
        let text = "President Ola Berg spoke, and analyst Pia Lind listened. The head of state said it rained.";
        assert_eq!(
            resolve_at(text, "said", &[]),
            Some(("Ola Berg".into(), ResolvedBy::Description))
        );
    }

    #[test]
    fn the_analyst_maps_to_the_person_called_analyst() {
        let text =
            "Political analyst Pia Lind spoke to Mayor Ola Berg. The analyst said it rained.";
        assert_eq!(
            resolve_at(text, "said", &[]),
            Some(("Pia Lind".into(), ResolvedBy::Description))
        );
    }

    #[test]
    fn an_unknown_description_stays_unresolved() {
        let text = "Pia Lind spoke. The plumber said it rained.";
        assert_eq!(resolve_at(text, "said", &[]), None);
    }
}
