//! Queries: the query language ([`mod@parse`]) and its translation into tantivy
//! queries over the passage index ([`build`]), with the article-level AND of
//! [`article`], the matching inside quotes of [`quoted`] and the fuzzy words
//! of [`fuzzy`], expanded from the index's words first, the phrases of
//! [`phrase`], ranked checking positions only where a hit can rank, and
//! [`whose`] quotes of a passage hold its match.

pub mod article;
pub mod build;
pub mod fuzzy;
pub mod parse;
pub mod phrase;
pub mod quoted;
pub mod whose;

pub use build::QueryBuilder;
pub use parse::{Expr, Leaf, QueryError, Scope, Term, parse};
