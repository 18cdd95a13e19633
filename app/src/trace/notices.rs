//! What a reader of a trace must notice, and how its nodes are named, in their language.

use domain::trace::TraceNotice;

use crate::{
    i18n::I18n,
    notebook::usage_form::{day_text, notice_text},
};

/// One notice as a sentence.
pub fn text(i18n: &I18n, notice: &TraceNotice) -> String {
    match notice {
        TraceNotice::UsedAfterExpiry {
            used_on,
            expires_on,
        } => i18n.t_with(
            "trace-notice-used_after_expiry",
            &[
                ("used_on", day_text(i18n, *used_on).into()),
                ("expires_on", day_text(i18n, *expires_on).into()),
            ],
        ),
        TraceNotice::Use { notice } => notice_text(i18n, notice),
        TraceNotice::Flagged { reason } => {
            i18n.t_with("trace-notice-flagged", &[("reason", reason.clone().into())])
        }
    }
}

/// A node's notices as one line.
pub fn all(i18n: &I18n, notices: &[TraceNotice]) -> String {
    notices
        .iter()
        .map(|n| text(i18n, n))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A node as a path or a title names it: its code and name, or its kind when restricted.
pub fn caption(i18n: &I18n, node: &domain::trace::TraceNode) -> String {
    if node.restricted {
        let kind = i18n.t(&format!("trace-kind-{}", node.kind.as_str()));
        return i18n.t_with("trace-restricted-caption", &[("kind", kind.into())]);
    }
    domain::trace::Trace::caption(node)
}
