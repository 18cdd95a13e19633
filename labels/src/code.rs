//! The label code printed under every QR: 7 random Crockford base32 symbols and one check
//! symbol, shown in two groups of four (`7KQ3-9XZ2`).

use std::fmt;

use rand_core::RngCore;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::gf32::{check_symbol, damm_fold};

/// Symbols in a code, check symbol included.
pub const CODE_LEN: usize = 8;
const PAYLOAD_LEN: usize = CODE_LEN - 1;

/// Crockford's base32: no I, L, O or U, so nothing is confused with 1, 0 or V.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A valid label code (check symbol verified), stored in its canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LabelCode([u8; CODE_LEN]);

/// What is wrong with something typed or scanned as a label code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("the code is empty")]
    Empty,
    #[error("a label code has {CODE_LEN} characters, this one has {found}")]
    WrongLength { found: usize },
    #[error("'{found}' (character {position}) cannot appear in a label code")]
    InvalidCharacter { found: char, position: usize },
    #[error("the check character does not match: a character is mistyped or two are swapped")]
    CheckFailed,
}

impl ParseError {
    /// The reason as a stable code (`required`, `wrong_length`, `invalid_character`,
    /// `check_digit`), for the pages to word in the reader's language with [`Self::args`].
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "required",
            Self::WrongLength { .. } => "wrong_length",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::CheckFailed => "check_digit",
        }
    }

    /// What the wording needs besides the code: `(name, value)` pairs.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::WrongLength { found } => {
                vec![
                    ("expected", CODE_LEN.to_string()),
                    ("found", found.to_string()),
                ]
            }
            Self::InvalidCharacter { found, position } => {
                vec![
                    ("found", found.to_string()),
                    ("position", position.to_string()),
                ]
            }
            Self::Empty | Self::CheckFailed => Vec::new(),
        }
    }
}

impl LabelCode {
    /// A new random code. Uniqueness is the caller's (the database's) to enforce.
    pub fn generate(rng: &mut impl RngCore) -> Self {
        let mut symbols = [0u8; CODE_LEN];
        for s in symbols.iter_mut().take(PAYLOAD_LEN) {
            // 32 divides 2^32, so this is unbiased.
            *s = (rng.next_u32() % 32) as u8;
        }
        symbols[PAYLOAD_LEN] = check_symbol(symbols[..PAYLOAD_LEN].iter().copied());
        Self(symbols.map(|v| ALPHABET[v as usize]))
    }

    /// Reads what a person typed or a scanner sent: spaces and dashes are ignored, case
    /// does not matter, O reads as 0 and I/L as 1, and a full label URL (`…/l/CODE`)
    /// is accepted.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let raw = strip_url(input.trim());
        let mut values = Vec::with_capacity(CODE_LEN);
        let mut position = 0;
        for ch in raw.chars() {
            if ch == '-' || ch.is_whitespace() {
                continue;
            }
            position += 1;
            let value = symbol_value(ch).ok_or(ParseError::InvalidCharacter {
                found: ch,
                position,
            })?;
            values.push(value);
        }
        match values.len() {
            0 => return Err(ParseError::Empty),
            CODE_LEN => {}
            found => return Err(ParseError::WrongLength { found }),
        }
        if damm_fold(values.iter().copied()) != 0 {
            return Err(ParseError::CheckFailed);
        }
        let mut symbols = [0u8; CODE_LEN];
        for (s, v) in symbols.iter_mut().zip(values) {
            *s = ALPHABET[v as usize];
        }
        Ok(Self(symbols))
    }

    /// The canonical form without the grouping dash, as stored and put in URLs.
    pub fn as_compact(&self) -> String {
        self.0.iter().map(|&b| b as char).collect()
    }
}

fn strip_url(input: &str) -> &str {
    match input.rfind("/l/") {
        Some(at) => {
            let rest = &input[at + 3..];
            rest.split(['?', '#', '/']).next().unwrap_or(rest)
        }
        None => input,
    }
}

fn symbol_value(ch: char) -> Option<u8> {
    let upper = match ch.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&b| b as char == upper)
        .map(|p| p as u8)
}

impl fmt::Display for LabelCode {
    /// Grouped for reading aloud and typing: `7KQ3-9XZ2`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.as_compact();
        write!(f, "{}-{}", &text[..4], &text[4..])
    }
}

impl std::str::FromStr for LabelCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for LabelCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for LabelCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{rngs::StdRng, SeedableRng};

    /// The pages word each refusal from its code and arguments, in the reader's language.
    #[test]
    fn each_refusal_has_a_code_and_what_its_wording_needs() {
        let cases = [
            ("", "required", vec![]),
            (
                "7KQ3-9XZ",
                "wrong_length",
                vec![("expected", "8"), ("found", "7")],
            ),
            (
                "7K!3-9XZA",
                "invalid_character",
                vec![("found", "!"), ("position", "3")],
            ),
        ];
        for (typed, code, args) in cases {
            let e = LabelCode::parse(typed).unwrap_err();
            assert_eq!(e.code(), code, "{typed}");
            let args: Vec<(&str, String)> =
                args.into_iter().map(|(k, v)| (k, v.to_owned())).collect();
            assert_eq!(e.args(), args, "{typed}");
        }
        assert_eq!(ParseError::CheckFailed.code(), "check_digit");
    }

    fn some_codes(n: usize) -> Vec<LabelCode> {
        let mut rng = StdRng::seed_from_u64(7);
        (0..n).map(|_| LabelCode::generate(&mut rng)).collect()
    }

    #[test]
    fn generated_codes_parse_back_in_every_spelling() {
        for code in some_codes(200) {
            let shown = code.to_string();
            assert_eq!(shown.len(), 9);
            assert_eq!(LabelCode::parse(&shown), Ok(code));
            assert_eq!(LabelCode::parse(&shown.to_lowercase()), Ok(code));
            assert_eq!(LabelCode::parse(&code.as_compact()), Ok(code));
            let spaced = format!(" {} {} ", &shown[..4], &shown[5..]);
            assert_eq!(LabelCode::parse(&spaced), Ok(code));
            let url = format!("https://lab.example/l/{}?from=qr", code.as_compact());
            assert_eq!(LabelCode::parse(&url), Ok(code));
        }
    }

    #[test]
    fn every_single_substitution_is_caught() {
        for code in some_codes(50) {
            let text = code.as_compact().into_bytes();
            for i in 0..CODE_LEN {
                for &replacement in ALPHABET {
                    if replacement == text[i] {
                        continue;
                    }
                    let mut typo = text.clone();
                    typo[i] = replacement;
                    let typo = String::from_utf8(typo).unwrap();
                    assert_eq!(
                        LabelCode::parse(&typo),
                        Err(ParseError::CheckFailed),
                        "{typo}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_adjacent_swap_is_caught() {
        for code in some_codes(200) {
            let text = code.as_compact().into_bytes();
            for i in 0..CODE_LEN - 1 {
                if text[i] == text[i + 1] {
                    continue;
                }
                let mut swapped = text.clone();
                swapped.swap(i, i + 1);
                let swapped = String::from_utf8(swapped).unwrap();
                assert_eq!(LabelCode::parse(&swapped), Err(ParseError::CheckFailed));
            }
        }
    }

    #[test]
    fn look_alike_letters_read_as_digits() {
        let code = some_codes(1)[0].as_compact();
        let smudged = code.replace('0', "O").replace('1', "l");
        assert_eq!(LabelCode::parse(&smudged).map(|c| c.as_compact()), Ok(code));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(LabelCode::parse("  - "), Err(ParseError::Empty));
        assert_eq!(
            LabelCode::parse("ABC-DEF"),
            Err(ParseError::WrongLength { found: 6 })
        );
        assert_eq!(
            LabelCode::parse("ABCD-EFU2"),
            Err(ParseError::InvalidCharacter {
                found: 'U',
                position: 7
            })
        );
    }
}
