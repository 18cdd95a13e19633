//! Inventory pages: the product catalogue, a product with its lots, a lot with its ledger,
//! samples with their lineage.

mod api;
mod lot;
mod product;
mod products;
mod sample;
mod sample_api;
mod samples;

pub use lot::LotPage;
pub use product::ProductPage;
pub use products::ProductsPage;
pub use sample::SamplePage;
pub use samples::SamplesPage;
