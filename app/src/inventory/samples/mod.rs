//! Samples: the list (search, make one) and one sample with its lineage and ledger.

mod api;
mod list;
mod page;

pub use list::{SampleList, SamplesPage};
pub use page::SamplePage;
