//! Fixtures for the tests of several modules.

use crate::article::Article;
use crate::index::{ArchiveIndex, Indexer, WRITER_MEMORY};

/// A small index of made-up articles over a few words, so that phrases
/// of common words match often, tie often and fill the top lists: three
/// commits (three segments at least), some articles replaced (deleted
/// documents), some titles holding the phrases.
pub fn index(dir: &std::path::Path) -> ArchiveIndex {
    const WORDS: [&str; 12] = [
        "one", "of", "the", "ferry", "port", "said", "strike", "the", "of", "a", "harbour", "one",
    ];
    let archive = ArchiveIndex::open_or_create(dir).unwrap_or_else(|e| panic!("{e}"));
    let mut indexer = archive
        .indexer_with_memory(WRITER_MEMORY)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for batch in 0..3 {
        for n in 0..120 {
            let paragraph = |next: &mut dyn FnMut(usize) -> usize| {
                let len = 15 + next(60);
                (0..len)
                    .map(|_| WORDS[next(WORDS.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let paragraphs = 1 + next(3);
            let body = (0..paragraphs)
                .map(|_| paragraph(&mut next))
                .collect::<Vec<_>>()
                .join("\n\n");
            let title = match next(4) {
                0 => "One of the ferry strikes".to_string(),
                1 => "The port".to_string(),
                _ => String::new(),
            };
            // every fifth id comes back in the next batch: the old one is deleted
            let id = if batch > 0 && n % 5 == 0 {
                format!("a{}-{n}", batch - 1)
            } else {
                format!("a{batch}-{n}")
            };
            add(
                &mut indexer,
                Article {
                    id,
                    title,
                    body,
                    ..Article::default()
                },
            );
        }
        indexer.commit().unwrap_or_else(|e| panic!("{e}"));
    }
    indexer.finish().unwrap_or_else(|e| panic!("{e}"));
    ArchiveIndex::open(dir).unwrap_or_else(|e| panic!("{e}"))
}

/// Prepares `article` as an ingest does and adds it.
pub fn add(indexer: &mut Indexer, article: Article) {
    let prepared = crate::prepare::prepare(&article);
    indexer
        .add(&article, &prepared)
        .unwrap_or_else(|e| panic!("{e}"));
}
