//! Inventory pages: the product catalogue, a product with its lots, a lot with its ledger,
//! samples with their lineage, instruments with their calibration, the alerts, and the
//! search box across them all.
//!
//! One folder per aggregate, each with `list.rs` (the list page), `page.rs` (one thing's
//! page) and `api.rs` (their server functions); what several share (the ledger, where a
//! thing is kept, the reading of typed fields) and the pages across them (alerts, search)
//! sit here.

mod alerts;
#[cfg(feature = "ssr")]
mod fields;
mod instruments;
mod ledger;
mod lots;
pub(crate) mod place;
mod products;
mod samples;
mod search;

pub use alerts::AlertsPage;
pub use instruments::{InstrumentPage, InstrumentsPage};
pub(crate) use lots::ReceiveLot;
pub use lots::{LotList, LotPage, LotsPage};
pub(crate) use products::ReceiveForm;
pub use products::{ProductPage, ProductsPage};
pub use samples::{SampleList, SamplePage, SamplesPage};
pub use search::SearchPage;
