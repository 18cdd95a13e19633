//! Lots: the list with its filters, one lot with its ledger; receiving one is done from
//! its product's page.

mod api;
mod list;
mod page;
mod upkeep;

pub(crate) use api::ReceiveLot;
pub use list::{LotList, LotsPage};
pub use page::LotPage;
