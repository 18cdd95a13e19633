//! Signing in and out from the browser, and the account page.

mod api;
mod login;
mod page;

pub use api::{reload_to, Logout};
pub use login::LoginPage;
pub use page::AccountPage;
