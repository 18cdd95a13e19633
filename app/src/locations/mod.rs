//! The locations page and the server functions behind it.

mod api;
mod detail;
mod page;

pub use detail::LocationPage;
pub use page::LocationsPage;
