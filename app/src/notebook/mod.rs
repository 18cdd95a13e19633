//! The notebook: entries with their text, revisions, comments, files, and the materials
//! and equipment they used.

pub(crate) mod api;
mod draft;
mod entry;
mod list;
mod protocols;
mod steps;
pub(crate) mod usage_form;

pub use entry::EntryPage;
pub use list::NotebookPage;
pub use protocols::{ProtocolPage, ProtocolsPage};
