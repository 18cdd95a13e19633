//! What is typed into a draft is kept in the browser's storage as it is typed, so a
//! dropped connection, a closed tab or a flat tablet battery loses nothing; the entry
//! page offers it back when it differs from the saved text. Nothing is kept on the server
//! until the person saves (each save is a revision).

use serde::{Deserialize, Serialize};

/// The editor's fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalDraft {
    pub title: String,
    pub body: String,
    pub tags: String,
    pub entry_date: String,
}

#[cfg(feature = "hydrate")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn key(entry: &str) -> String {
    format!("paillasse.draft.{entry}")
}

/// Keeps what is typed for `entry`.
pub fn store(entry: &str, draft: &LocalDraft) {
    #[cfg(feature = "hydrate")]
    if let (Some(storage), Ok(json)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&key(entry), &json);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (key(entry), draft);
}

/// What was typed for `entry` and not yet saved, if anything.
pub fn load(entry: &str) -> Option<LocalDraft> {
    #[cfg(feature = "hydrate")]
    {
        let json = storage()?.get_item(&key(entry)).ok()??;
        serde_json::from_str(&json).ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = key(entry);
        None
    }
}

/// Forgets the local copy (saved, or discarded by the person).
pub fn clear(entry: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(entry));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = key(entry);
}
