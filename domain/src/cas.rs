//! CAS Registry Numbers (e.g. 7732-18-5 for water): 2–7 digits, 2 digits, a check digit.

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A CAS number whose check digit is right, in its canonical hyphenated form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Cas(String);

impl Cas {
    /// Accepts `7732-18-5`, ` 7732-18-5 ` or `7732185`; refuses a wrong check digit.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let digits: String = raw.trim().chars().filter(|c| *c != '-').collect();
        let shape_ok = (5..=10).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit())
            && hyphens_in_place(raw.trim());
        if !shape_ok {
            return Err(DomainError::invalid(
                "cas",
                "invalid",
                "is not a CAS number (like 7732-18-5)",
            ));
        }
        let values: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
        let (body, check) = values.split_at(values.len() - 1);
        let sum: u32 = body
            .iter()
            .rev()
            .enumerate()
            .map(|(i, d)| (i as u32 + 1) * d)
            .sum();
        if sum % 10 != check[0] {
            return Err(DomainError::invalid(
                "cas",
                "check_digit",
                "has a wrong check digit (a typo?)",
            ));
        }
        let n = digits.len();
        Ok(Self(format!(
            "{}-{}-{}",
            &digits[..n - 3],
            &digits[n - 3..n - 1],
            &digits[n - 1..]
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Hyphens, when present, must be where CAS puts them.
fn hyphens_in_place(raw: &str) -> bool {
    if !raw.contains('-') {
        return true;
    }
    let parts: Vec<&str> = raw.split('-').collect();
    parts.len() == 3 && parts[1].len() == 2 && parts[2].len() == 1
}

impl TryFrom<String> for Cas {
    type Error = String;
    fn try_from(value: String) -> Result<Self, String> {
        Self::parse(&value).map_err(|e| e.to_string())
    }
}

impl From<Cas> for String {
    fn from(c: Cas) -> String {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_cas_numbers_pass_and_typos_do_not() {
        for (raw, canonical) in [
            ("7732-18-5", "7732-18-5"),
            ("64-17-5", "64-17-5"),
            (" 7647-14-5 ", "7647-14-5"),
            ("50000", "50-00-0"),
            ("9002-93-1", "9002-93-1"),
        ] {
            assert_eq!(Cas::parse(raw).unwrap().as_str(), canonical, "{raw}");
        }
        assert_eq!(
            Cas::parse("7732-18-4").unwrap_err().field_errors()[0].code,
            "check_digit"
        );
        assert_eq!(
            Cas::parse("7723-18-5").unwrap_err().field_errors()[0].code,
            "check_digit",
            "swapped digits"
        );
        for bad in ["", "water", "77-3218-5", "1-2-3", "12345678901"] {
            assert_eq!(
                Cas::parse(bad).unwrap_err().field_errors()[0].code,
                "invalid",
                "{bad}"
            );
        }
    }
}
