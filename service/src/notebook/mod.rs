//! What was done: notebook entries and their revisions, the lots, samples and instruments
//! they used, protocols and their versions.

pub mod diffs;
pub mod entries;
pub(crate) mod flags;
pub mod notebooks;
pub mod protocols;
pub mod usages;
