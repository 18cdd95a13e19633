//! Products: the catalogue (search, list, add) and one product with its lots.

mod api;
mod edit;
mod ghs;
mod list;
mod page;

pub use list::ProductsPage;
pub use page::ProductPage;
pub(crate) use page::ReceiveForm;
