//! Signing in and out from the browser, and the account page.

mod api;
mod login;
mod page;

#[cfg(feature = "ssr")]
pub(crate) use api::redirect_plain_form;
pub use api::{reload_to, Logout};
pub use login::LoginPage;
pub use page::AccountPage;
