//! Inventory pages: the product catalogue, a product with its lots, a lot with its ledger,
//! samples with their lineage, instruments with their calibration, the alerts, and the
//! search box across them all.

mod alerts;
mod api;
mod calibration;
mod instrument;
mod instrument_api;
mod instruments;
mod ledger;
mod lot;
mod place;
mod product;
mod products;
mod sample;
mod sample_api;
mod samples;
mod search;

pub use alerts::AlertsPage;
pub use instrument::InstrumentPage;
pub use instruments::InstrumentsPage;
pub use lot::LotPage;
pub use product::ProductPage;
pub use products::ProductsPage;
pub use sample::SamplePage;
pub use samples::SamplesPage;
pub use search::SearchPage;
