//! The URL a label's QR holds. Always available (no feature): the server builds the same
//! URL for links and the scanner accepts it back through [`LabelCode::parse`].

use crate::LabelCode;

/// `{base_url}/l/{CODE}`, with the compact upper-case code and the base URL's trailing
/// slashes and surrounding spaces removed, so `https://lab.example/` and
/// `https://lab.example` give the same QR.
///
/// A URL rather than the bare code: any phone camera opens the item's page, while the
/// in-app scanner still reads the code out of it.
pub fn label_url(base_url: &str, code: &LabelCode) -> String {
    let base = base_url.trim().trim_end_matches('/');
    format!("{base}/l/{}", code.as_compact())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_normalised_and_parse_back() {
        let code = LabelCode::generate(&mut rand::rngs::mock::StepRng::new(3, 7));
        let a = label_url("https://lab.example/ ", &code);
        let b = label_url("https://lab.example//", &code);
        assert_eq!(a, b);
        assert_eq!(a, format!("https://lab.example/l/{}", code.as_compact()));
        assert_eq!(LabelCode::parse(&a), Ok(code));
    }
}
