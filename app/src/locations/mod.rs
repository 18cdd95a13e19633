//! The locations page and the server functions behind it.

mod api;
mod page;

pub use page::LocationsPage;
