//! Lots: one lot with its ledger; receiving one is done from its product's page.

mod api;
mod page;

pub(super) use api::ReceiveLot;
pub use page::LotPage;
