//! What a reader of a trace must notice, and how its nodes are named, in their language.

use domain::trace::TraceNotice;

use crate::{i18n::I18n, notebook::usage_form::notice_text};

/// One notice as a sentence.
pub fn text(i18n: &I18n, notice: &TraceNotice) -> String {
    match notice {
        TraceNotice::UsedAfterExpiry {
            used_on,
            expires_on,
        } => i18n.t_with(
            "trace-notice-used_after_expiry",
            &[
                ("used_on", i18n.day(*used_on).into()),
                ("expires_on", i18n.day(*expires_on).into()),
            ],
        ),
        TraceNotice::Use { notice } => notice_text(i18n, notice),
        TraceNotice::Flagged { reason } => {
            i18n.t_with("trace-notice-flagged", &[("reason", reason.clone().into())])
        }
    }
}

/// An edge as its tooltip says it: "issu de (aliquote)", "instrument utilisé — jamais
/// étalonné". A warning recorded before notices were kept is shown as it was written.
pub fn edge_title(i18n: &I18n, e: &domain::trace::TraceEdge) -> String {
    let relation = i18n.t(&format!("trace-relation-{}", e.relation.as_str()));
    let warning = if e.notices.is_empty() {
        e.warning.clone()
    } else {
        Some(all(i18n, &e.notices))
    };
    // A derivation's role is one of the application's words; a contributor's is typed.
    let role = e.role.as_ref().map(|role| match e.relation {
        domain::trace::Relation::DerivedFrom => {
            crate::i18n::translate_opt(i18n.current(), &format!("derivation-{role}"))
                .unwrap_or_else(|| role.clone())
        }
        _ => role.clone(),
    });
    match (role, warning) {
        (_, Some(w)) => format!("{relation} — {w}"),
        (Some(role), None) => format!("{relation} ({role})"),
        _ => relation,
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
