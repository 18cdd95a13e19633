//! The Trace pages: what went into a thing and what it went into, drawn as a graph laid
//! out left to right in time, with a table of the same, exports, and the recall action.

pub(crate) mod api;
mod graph;
mod layout;
mod notices;
mod page;

pub use page::{TraceLink, TracePage, TraceStartPage};
