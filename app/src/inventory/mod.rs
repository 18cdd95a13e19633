//! Inventory pages: the product catalogue, a product with its lots, a lot with its ledger.

mod api;
mod lot;
mod product;
mod products;

pub use lot::LotPage;
pub use product::ProductPage;
pub use products::ProductsPage;
