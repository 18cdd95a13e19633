//! What the scan page lists: each scan and what came of it, and a usage just added
//! shown like any scan.

use domain::label::LabelTarget;
use leptos::prelude::*;

/// One scan and what came of it, newest first on the page.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Scanned {
    pub(super) code: String,
    /// The thing and what was done, or why nothing was.
    pub(super) outcome: Result<(LabelTarget, String), String>,
}

#[component]
pub(super) fn ScanRow(scanned: Scanned) -> impl IntoView {
    match scanned.outcome {
        Ok((thing, done)) => view! {
            <li class="item" data-testid="scan-result">
                <a class="item-title" href=thing.path.clone()>{thing.name.clone()}</a>
                <span class="item-meta"><span class="label-code">{scanned.code}</span>" · "{thing.fields.join(" · ")}</span>
                <span class="badge">{done}</span>
            </li>
        }
        .into_any(),
        Err(why) => view! {
            <li class="item error" data-testid="scan-result">
                <span class="label-code">{scanned.code}</span>
                <span class="field-error">{why}</span>
            </li>
        }
        .into_any(),
    }
}

/// A usage just added, shown like any scan: the thing, the amount, and the entry it
/// went to.
pub(super) fn added_to_entry(
    entry: &str,
    code: &str,
    usage: domain::entry::Usage,
    amount: Option<String>,
) -> LabelTarget {
    LabelTarget {
        kind: usage.kind.thing(),
        id: usage.thing_id,
        label_code: code.to_owned(),
        current_code: usage.label_code.unwrap_or_else(|| code.to_owned()),
        retired: false,
        name: usage.name.unwrap_or_default(),
        fields: amount.into_iter().collect(),
        path: format!("/entries/{entry}"),
    }
}
