//! Any thing of the lab whatever its kind: search across kinds and the history of one.

pub mod history;
pub mod search;
