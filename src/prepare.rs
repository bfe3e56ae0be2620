//! An article prepared for the index: its passages, each with the speakers
//! quoted or reported in it, its quoted text and its fingerprint, and the
//! article's own fingerprints and attributions. Ingest and `analyze` both read
//! articles through [`prepare`], so what `analyze` shows is what the index holds.

use std::ops::Range;

use crate::analysis;
use crate::article::Article;
use crate::fingerprint::{self, MinHash, Words};
use crate::passage::{self, Passage};
use crate::speakers::{self, Attribution, QuoteKind};

/// One passage, ready to become a document.
#[derive(Debug, Clone)]
pub struct PreparedPassage {
    pub passage: Passage,
    /// Full names of the people quoted or reported in the passage, in order
    /// of first appearance.
    pub speakers: Vec<String>,
    /// Indexes (into [`Prepared::attributions`]) of the attributions whose
    /// content lies, at least in part, in this passage.
    pub attributions: Vec<usize>,
    /// The direct quotes within the passage.
    pub quotes: Vec<Quote>,
    /// SimHash of the passage text (`None` for very short passages).
    pub simhash: Option<u64>,
}

/// A direct quote, or the part of one that lies in a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Full name of who said it, when known.
    pub speaker: Option<String>,
}

/// An article ready for the index.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub passages: Vec<PreparedPassage>,
    /// Every attribution found in the body, in order.
    pub attributions: Vec<Attribution>,
    /// Exact-copy fingerprint of the body (`None` for very short bodies).
    pub content_hash: Option<u64>,
    /// Near-copy fingerprint of the body (`None` for very short bodies).
    pub minhash: Option<MinHash>,
}

/// How an article is read.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Find who is quoted or reported in the text.
    pub attribution: bool,
    /// Use the speakers named in the record's metadata (to resolve names, and
    /// as speakers of the first passage when the text does not quote them).
    pub metadata_speakers: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            attribution: true,
            metadata_speakers: true,
        }
    }
}

/// Splits an article into passages and computes what each needs.
pub fn prepare(article: &Article) -> Prepared {
    prepare_with(article, Options::default())
}

/// [`prepare`] with explicit options.
pub fn prepare_with(article: &Article, options: Options) -> Prepared {
    let body = &article.body;
    // The body's words are hashed once, for all three fingerprints.
    let words = Words::of(body);
    let known: &[String] = if options.metadata_speakers {
        &article.speakers
    } else {
        &[]
    };
    let mut attributions = if options.attribution {
        speakers::attribute(body, known)
    } else {
        Vec::new()
    };
    one_spelling(&mut attributions);
    // The attributions overlapping each passage, found in one sweep: passages come in
    // order, and an attribution joins the open ones when the sweep reaches its start
    // and leaves them once a passage starts past its end (a long article has thousands
    // of both, and testing every pair took seconds).
    let mut by_start: Vec<usize> = (0..attributions.len()).collect();
    by_start.sort_by_key(|&i| attributions[i].content.start);
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut passages: Vec<PreparedPassage> = passage::split(body)
        .into_iter()
        .map(|passage| {
            let range = passage.range.clone();
            let mut item = PreparedPassage {
                simhash: fingerprint::simhash_of(words.within(range.clone())),
                speakers: Vec::new(),
                attributions: Vec::new(),
                quotes: Vec::new(),
                passage,
            };
            while let Some(&i) = by_start.get(next)
                && attributions[i].content.start < range.end
            {
                open.push(i);
                next += 1;
            }
            open.retain(|&i| attributions[i].content.end > range.start);
            let mut here: Vec<usize> = open.clone();
            here.sort_unstable();
            for i in here {
                let a = &attributions[i];
                item.attributions.push(i);
                if let Some(s) = &a.speaker
                    && !item.speakers.contains(&s.name)
                {
                    item.speakers.push(s.name.clone());
                }
                if a.kind == QuoteKind::Direct {
                    let start = a.content.start.max(range.start);
                    let end = a.content.end.min(range.end);
                    if start < end {
                        item.quotes.push(Quote {
                            range: start..end,
                            speaker: a.speaker.as_ref().map(|s| s.name.clone()),
                        });
                    }
                }
            }
            item
        })
        .collect();
    // Metadata speakers the text never quotes belong to the article as a whole:
    // they are given to its first passage.
    if options.metadata_speakers
        && let Some(first) = passages.first_mut()
    {
        // each name the text gives, with its key: computed once, not once per metadata name
        let found: Vec<(&str, String)> = if article.speakers.is_empty() {
            Vec::new()
        } else {
            attributions
                .iter()
                .filter_map(|a| a.speaker.as_ref().map(|s| s.name.as_str()))
                .map(|f| (f, analysis::fold_key(f)))
                .collect()
        };
        for name in article
            .speakers
            .iter()
            .filter_map(|raw| speakers::metadata_name(raw))
        {
            // a surname ("Trump") is the full name the text gives ("Donald Trump")
            let key = analysis::fold_key(&name);
            let quoted = found
                .iter()
                .any(|(f, k)| *k == key || f.ends_with(&format!(" {name}")));
            let listed = first.speakers.iter().any(|s| analysis::fold_key(s) == key);
            if !quoted && !listed {
                first.speakers.push(name);
            }
        }
    }
    Prepared {
        passages,
        attributions,
        content_hash: fingerprint::content_hash_of(words.all()),
        minhash: MinHash::of_words(words.all()),
    }
}

/// Gives every speaker one spelling in the article, the one most of its
/// statements have (the first on a tie): a name written once with its accent
/// and once without ("Zoë Marchetti", "Zoe Marchetti"), or once in capitals,
/// is one person, counted once.
fn one_spelling(attributions: &mut [Attribution]) {
    // each spelling in order of appearance: (spelling, its key, statements)
    let mut spellings: Vec<(String, String, usize)> = Vec::new();
    for speaker in attributions.iter().filter_map(|a| a.speaker.as_ref()) {
        match spellings
            .iter_mut()
            .find(|(name, ..)| *name == speaker.name)
        {
            Some((.., n)) => *n += 1,
            None => {
                let key = analysis::fold_key(&speaker.name);
                spellings.push((speaker.name.clone(), key, 1));
            }
        }
    }
    let keys: Vec<&String> = spellings.iter().map(|(_, key, _)| key).collect();
    if keys.iter().enumerate().all(|(i, k)| !keys[..i].contains(k)) {
        return;
    }
    for speaker in attributions.iter_mut().filter_map(|a| a.speaker.as_mut()) {
        let Some((_, key, _)) = spellings.iter().find(|(name, ..)| *name == speaker.name) else {
            continue;
        };
        // max_by_key keeps the last of equals: the first spelling wins a tie
        // when they are searched from the last
        let best = spellings
            .iter()
            .rev()
            .filter(|(_, k, _)| k == key)
            .max_by_key(|(.., n)| *n)
            .map(|(name, ..)| name.clone());
        if let Some(best) = best {
            speaker.name = best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str, speakers: &[&str]) -> Article {
        Article {
            id: "t".into(),
            body: body.into(),
            speakers: speakers.iter().map(|s| s.to_string()).collect(),
            ..Article::default()
        }
    }

    const STORY: &str = "Mayor Petra Halvik of Lorne closed the old bridge on Friday after \
        engineers found cracks in two of its arches and warned of further damage.\n\n\
        \"We will not take any risks with people's lives, not for a day and not for an hour,\" \
        Halvik said at a news conference in the town hall.\n\n\
        \"The detour is long, I know,\n\n\
        but it is the only safe road until the repairs are done in the spring,\" Halvik added later \
        in the afternoon, standing beside the closed bridge.";

    #[test]
    fn passages_get_the_speakers_quoted_in_them() {
        let p = prepare(&article(STORY, &[]));
        assert!(p.passages.len() >= 2, "{:?}", p.passages);
        let quoted: Vec<&PreparedPassage> =
            p.passages.iter().filter(|x| !x.quotes.is_empty()).collect();
        assert!(!quoted.is_empty());
        for passage in quoted {
            assert_eq!(passage.speakers, ["Petra Halvik"], "{passage:?}");
            for q in &passage.quotes {
                let range = &q.range;
                assert!(
                    range.start >= passage.passage.range.start
                        && range.end <= passage.passage.range.end
                );
                assert_eq!(q.speaker.as_deref(), Some("Petra Halvik"));
            }
        }
    }

    #[test]
    fn each_passage_gets_exactly_the_attributions_that_overlap_it() {
        // many short paragraphs, a quote running over three of them, and a long one
        let mut body = String::new();
        for k in 0..40 {
            body.push_str(&format!(
                "The ferry ran late on day {k}, the harbour master Ola Berg said.\n\n"
            ));
            if k % 9 == 4 {
                body.push_str(
                    "\"We will fix it,\n\n\"and soon,\n\n\"before the summer,\" Berg added.\n\n",
                );
            }
        }
        body.push_str(&"Pia Lind said the quay was busy. ".repeat(400));
        let p = prepare(&article(&body, &[]));
        assert!(
            p.passages.len() > 10 && p.attributions.len() > 40,
            "{} {}",
            p.passages.len(),
            p.attributions.len()
        );
        for item in &p.passages {
            let range = &item.passage.range;
            let expected: Vec<usize> = (0..p.attributions.len())
                .filter(|&i| {
                    let c = &p.attributions[i].content;
                    c.start < range.end && c.end > range.start
                })
                .collect();
            assert_eq!(item.attributions, expected, "{range:?}");
        }
    }

    #[test]
    fn a_name_spelled_two_ways_is_one_speaker() {
        let a = article(
            "\"The quay opens in May,\" said Zoë Marchetti, the harbour master.\n\n\
             \"Not a day later,\" said Zoe MARCHETTI.",
            &["Zoe Marchetti"],
        );
        let p = prepare(&a);
        let said: Vec<_> = p.attributions.iter().map(|x| x.speaker.clone()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said.iter()
                .all(|s| s.as_ref().unwrap().name == "Zoë Marchetti"),
            "{said:?}"
        );
        // the metadata's unaccented spelling is the same person, not another
        let names: Vec<_> = p.passages.iter().flat_map(|x| x.speakers.clone()).collect();
        assert_eq!(names, ["Zoë Marchetti"]);
        // metadata alone, in two spellings: one speaker
        let mut a = article("The quay opens in May.", &["Zoe Ruiz", "Zoë Ruiz"]);
        crate::read::finish(&mut a);
        let names: Vec<_> = prepare(&a).passages[0].speakers.clone();
        assert_eq!(names, ["Zoe Ruiz"]);
        // the spelling most statements have wins over the first
        let a = article(
            "\"The quay opens in May,\" said Zoe Marchetti.\n\n\
             \"Not a day later,\" said Zoë Marchetti. \"Not one,\" said Zoë Marchetti.",
            &[],
        );
        let p = prepare(&a);
        let said: Vec<_> = p.attributions.iter().map(|x| x.speaker.clone()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(
            said.iter()
                .all(|s| s.as_ref().unwrap().name == "Zoë Marchetti"),
            "{said:?}"
        );
    }

    #[test]
    fn metadata_speakers_are_normalised_and_junk_is_dropped() {
        let body = "Petra Halvik said the bridge would reopen in the spring.";
        let a = article(
            body,
            &["President Jonas Ekberg", "he", "the ministry", "Ms. Halvik"],
        );
        let speakers = &prepare(&a).passages[0].speakers;
        assert_eq!(speakers, &["Petra Halvik", "Jonas Ekberg"]);
    }

    #[test]
    fn unquoted_metadata_speakers_go_to_the_first_passage() {
        let p = prepare(&article(STORY, &["Jonas Ekberg"]));
        assert!(p.passages[0].speakers.contains(&"Jonas Ekberg".to_string()));
        assert!(
            p.passages[1..]
                .iter()
                .all(|x| !x.speakers.contains(&"Jonas Ekberg".to_string()))
        );
        let without = prepare_with(
            &article(STORY, &["Jonas Ekberg"]),
            Options {
                metadata_speakers: false,
                ..Options::default()
            },
        );
        assert!(
            without
                .passages
                .iter()
                .all(|x| !x.speakers.contains(&"Jonas Ekberg".to_string()))
        );
    }
}
