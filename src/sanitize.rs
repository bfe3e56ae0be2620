//! Making article text harmless on a terminal: news text carries control
//! characters, escape sequences, bidirectional overrides and zero-width
//! characters that could rewrite the screen or disguise what is shown.
//!
//! Human and CSV output are sanitised; JSON keeps the original text exactly
//! (its encoder writes control characters as `\u` escapes).

use std::borrow::Cow;

/// Returns `text` with terminal escape sequences removed, other control
/// characters shown as `�`, bidi controls and zero-width characters removed,
/// and tabs turned into spaces. Newlines are kept.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_work) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\t' => out.push(' '),
            '\n' => out.push('\n'),
            '\r' => {}
            c if is_invisible(c) => {}
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible(c)
}

/// Bidirectional controls and zero-width characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{061c}')
}

/// Skips an escape sequence after ESC: CSI (`ESC [ ... final`), OSC
/// (`ESC ] ... BEL` or `ESC \`), or a single following character.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                    break;
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            for_terminal("Zoë said “no”.\nNext"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(for_terminal("a\x1b[31mred\x1b[0m b"), "ared b");
        assert_eq!(for_terminal("x\x1b]0;title\x07y"), "xy");
        assert_eq!(for_terminal("x\x1b]8;;http://e\x1b\\link"), "xlink");
    }

    #[test]
    fn controls_become_visible_and_invisibles_vanish() {
        assert_eq!(
            for_terminal("a\x00b\x08c\u{85}d"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d"
        );
        assert_eq!(for_terminal("evil\u{202e}txt.exe\u{200b}"), "eviltxt.exe");
        assert_eq!(for_terminal("a\tb\r\n"), "a b\n");
    }
}
