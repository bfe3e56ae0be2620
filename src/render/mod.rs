//! Renderers: typed results in, text out, to any `impl Write`.
//!
//! * [`human`]: for people at a terminal — colour, highlights, sanitised text;
//! * [`json`]: JSON Lines, one object per hit or row, original text, byte offsets;
//! * [`csv`]: for spreadsheets;
//! * [`svg`]: timeline charts for reports.

pub mod csv;
pub mod human;
pub mod json;
pub mod svg;

/// How human output looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
    /// Wrap text to this many columns.
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

/// The output formats every command offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Csv,
}
