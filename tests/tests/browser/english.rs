//! English left on a French page: every English text the application has (its `en.ftl`
//! messages that French words differently) looked for in what a French page shows, and
//! every message id shown raw (a missing message shows its id).

use app::i18n::{message_ids, translate, Locale};

/// Everything a person reads on the page: its text (hidden menus and options included,
/// scripts not), the tab's title, and what fields and buttons say in attributes.
pub const PAGE_TEXT: &str = r#"
const parts = [document.title];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
  acceptNode: n => n.parentElement.closest('script, style, noscript, template') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
});
while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], [alt], input[type=submit], input[type=button]')) {
  for (const a of ['placeholder', 'aria-label', 'title', 'alt', 'value']) if (e.hasAttribute(a) && (a !== 'value' || e.type === 'submit' || e.type === 'button')) parts.push(e.getAttribute(a));
}
for (const t of document.querySelectorAll('svg title')) parts.push(t.textContent);
return parts.join('\n');
"#;

/// A piece of English the page must not show in French, and the message it comes from.
pub struct Phrase {
    pub id: String,
    pub text: String,
}

/// Words and names that read the same in both languages: an English message made of them
/// alone says nothing English (e.g. "Position", "Notes", "Type").
fn same_in_french(text: &str) -> bool {
    const SHARED: [&str; 14] = [
        "Position",
        "Notes",
        "Type",
        "Date",
        "Code",
        "Total",
        "Contact",
        "Description",
        "Page",
        "Pages",
        "Source",
        "Stock",
        "Instruments",
        "Protocole",
    ];
    SHARED.contains(&text)
}

/// The English the application says: each message's literal pieces (between its
/// placeholders) that French does not say the same way, as whole words of 4 letters or more.
pub fn english_phrases() -> Vec<Phrase> {
    let mut phrases = Vec::new();
    for id in message_ids(Locale::En) {
        let en = translate(Locale::En, &id, None);
        let fr = translate(Locale::Fr, &id, None);
        if en == fr {
            continue;
        }
        // Fluent writes a missing argument as `{$name}`: split on those.
        for piece in en.split(['{', '}']).filter(|p| !p.starts_with('$')) {
            let piece = piece
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_owned();
            let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
            if letters < 4 || same_in_french(&piece) || fr.contains(&piece) {
                continue;
            }
            phrases.push(Phrase {
                id: id.clone(),
                text: piece,
            });
        }
    }
    phrases
}

/// The English phrases and raw message ids found in `text`, each named once.
pub fn english_in(text: &str, phrases: &[Phrase]) -> Vec<String> {
    let mut found = Vec::new();
    for phrase in phrases {
        if contains_words(text, &phrase.text) {
            found.push(format!("English «{}» ({})", phrase.text, phrase.id));
        }
    }
    for id in message_ids(Locale::En)
        .into_iter()
        .filter(|id| id.contains('-'))
    {
        if contains_words(text, &id) {
            found.push(format!("raw message id «{id}»"));
        }
    }
    // A field or action name the page forgot to word (`supplier_lot`, `lot.create`).
    for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')) {
        let word = word.trim_matches('.');
        let lower = word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
        let code_like = word.contains('_')
            || word.split_once('.').is_some_and(|(kind, verb)| {
                domain::kind::Kind::named(kind).is_some() && !verb.is_empty()
            });
        if lower && code_like && !word.starts_with('_') {
            found.push(format!("raw name «{word}»"));
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Whether `needle` is in `text` as whole words (not inside a longer word), case kept.
fn contains_words(text: &str, needle: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_');
    text.match_indices(needle).any(|(at, _)| {
        !word(text[..at].chars().next_back()) && !word(text[at + needle.len()..].chars().next())
    })
}

#[test]
fn the_detector_finds_english_and_raw_ids_and_spares_french() {
    let phrases = english_phrases();
    assert!(phrases.len() > 200, "{} phrases", phrases.len());
    // Fluent ids missing from either file are caught by the app's own unit test; here a
    // message the French file defines must not be taken for English.
    let french = translate(Locale::Fr, "locations-title", None);
    assert!(english_in(&french, &phrases).is_empty(), "{french}");
    let english = translate(Locale::En, "locations-title", None);
    assert!(english_in(&format!("Accueil\n{english}\n"), &phrases)
        .contains(&format!("English «{english}» (locations-title)")));
    assert_eq!(
        english_in("Mouvement : movement-move", &phrases),
        ["raw message id «movement-move»"]
    );
    assert_eq!(
        english_in("Historique : lot.create · supplier_lot", &phrases),
        ["raw name «lot.create»", "raw name «supplier_lot»"]
    );
    // A word inside a longer one is not a find.
    assert!(!contains_words("Storage locationsX", "Storage locations"));
}
