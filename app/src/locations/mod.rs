//! The locations pages (the tree, one location) and the server functions behind them.

mod api;
mod contents;
mod list;
mod page;

pub use list::LocationsPage;
pub use page::LocationPage;
