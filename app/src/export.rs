//! The "Export CSV" link every list carries: the same filters, the whole list.

use leptos::prelude::*;

use domain::kind::Kind;

use crate::i18n::use_i18n;

/// A link to `/api/v1/export/{kind}` (the kind's folder: `lots`) with the list's search
/// `q` and order `sort`.
#[component]
pub fn ExportLink(
    kind: Kind,
    #[prop(into)] q: Signal<String>,
    #[prop(into, optional)] sort: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Every kind with a list has a folder of pages.
    let folder = kind.folder().unwrap_or_default();
    let href = move || {
        let params: Vec<String> = [
            ("q", q.get()),
            ("sort", sort.map(|s| s.get()).unwrap_or_default()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect();
        if params.is_empty() {
            format!("/api/v1/export/{folder}")
        } else {
            format!("/api/v1/export/{folder}?{}", params.join("&"))
        }
    };
    view! {
        <a class="button export-link" href=href download="" data-testid="export-link">{move || i18n.t("export-csv")}</a>
    }
}

/// Percent-encodes a query value (everything but unreserved characters).
pub(crate) fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn query_values_are_encoded() {
        assert_eq!(
            super::encode("NaCl, 99% é&x"),
            "NaCl%2C%2099%25%20%C3%A9%26x"
        );
    }
}
