//! The trace drawn as SVG: a box per node coloured by kind (warnings outlined in red,
//! restricted ones grey and dashed), a curve per link; each box opens its thing's page.
//! Written as markup rather than built node by node: one string, the same on the server
//! and after hydration, and no question of which namespace an element lands in.

use std::fmt::Write;

use domain::trace::{Trace, TraceNode};
use leptos::prelude::*;

use super::layout::{place, NODE_HEIGHT, NODE_WIDTH};
use crate::i18n::{use_i18n, I18n};

/// Beyond this the drawing stops helping; the table still lists everything.
pub const MAX_DRAWN: usize = 400;

#[component]
pub fn TraceGraph(trace: Trace) -> impl IntoView {
    let i18n = use_i18n();
    if trace.nodes.len() > MAX_DRAWN {
        let count = trace.nodes.len() as i64;
        return view! {
            <p class="notice" data-testid="trace-too-large">{move || i18n.t_with("trace-too-large", &[("count", count.into())])}</p>
        }
        .into_any();
    }
    // Drawn again when the language changes: the boxes name kinds and notices.
    let svg = move || svg(&trace, &i18n);
    view! { <div class="trace-graph" data-testid="trace-graph" data-pans="true" inner_html=svg></div> }.into_any()
}

/// The SVG document of a trace.
pub fn svg(trace: &Trace, i18n: &I18n) -> String {
    let label = i18n.t("trace-graph");
    let placed = place(trace);
    let (w, h) = (placed.width.max(NODE_WIDTH), placed.height.max(NODE_HEIGHT));
    let mut out = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-label="{}"><defs><marker id="trace-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow"/></marker></defs><g class="edges">"#,
        escape(&label)
    );
    for e in &trace.edges {
        let (Some((fx, fy)), Some((tx, ty))) = (placed.at.get(&e.from), placed.at.get(&e.to))
        else {
            continue;
        };
        let (x1, y1) = (fx + NODE_WIDTH, fy + NODE_HEIGHT / 2.0);
        let (x2, y2) = (*tx, ty + NODE_HEIGHT / 2.0);
        let bend = ((x2 - x1).abs() / 2.0).max(30.0);
        let title = super::notices::edge_title(i18n, e);
        let _ = write!(
            out,
            r#"<path class="edge edge-{}{}" d="M{x1:.1},{y1:.1} C{:.1},{y1:.1} {:.1},{y2:.1} {x2:.1},{y2:.1}" marker-end="url(#trace-arrow)"><title>{}</title></path>"#,
            e.relation.as_str(),
            if e.warning.is_some() { " warning" } else { "" },
            x1 + bend,
            x2 - bend,
            escape(&title)
        );
    }
    out.push_str(r#"</g><g class="nodes">"#);
    for n in &trace.nodes {
        if let Some((x, y)) = placed.at.get(&n.key) {
            node(&mut out, n, *x, *y, n.key == trace.start, i18n);
        }
    }
    out.push_str("</g></svg>");
    out
}

fn node(out: &mut String, n: &TraceNode, x: f64, y: f64, start: bool, i18n: &I18n) {
    let class = format!(
        "node node-{}{}{}{}",
        n.kind.as_str(),
        if n.restricted { " restricted" } else { "" },
        if n.notices.is_empty() { "" } else { " warning" },
        if start { " start" } else { "" }
    );
    let (first, second) = if n.restricted {
        ("—".to_owned(), i18n.t("samples-restricted"))
    } else {
        (
            n.label_code
                .clone()
                .unwrap_or_else(|| i18n.t(&format!("trace-kind-{}", n.kind.as_str()))),
            shorten(n.name.as_deref().unwrap_or_default(), 26),
        )
    };
    let mark = if n.notices.is_empty() { "" } else { "⚠ " };
    let title = if n.notices.is_empty() {
        super::notices::caption(i18n, n)
    } else {
        format!(
            "{} — {}",
            super::notices::caption(i18n, n),
            super::notices::all(i18n, &n.notices)
        )
    };
    let link = if n.restricted {
        None
    } else {
        Some(n.kind.link(&n.id))
    };
    if let Some(href) = &link {
        let _ = write!(out, r#"<a href="{}">"#, escape(href));
    }
    let _ = write!(
        out,
        r#"<g class="{class}" transform="translate({x:.1},{y:.1})" data-testid="trace-node" data-key="{}" data-kind="{}"><title>{}</title><rect width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6"/><text x="10" y="18" class="code">{}{}</text><text x="10" y="36" class="name">{}</text></g>"#,
        escape(&n.key),
        n.kind.as_str(),
        escape(&title),
        mark,
        escape(&first),
        escape(&second)
    );
    if link.is_some() {
        out.push_str("</a>");
    }
}

/// Text and attribute values made safe for markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// At most `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_break_out_of_the_markup() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(
            shorten("Thermocycler T100 with a long name", 12),
            "Thermocycle…"
        );
    }
}
