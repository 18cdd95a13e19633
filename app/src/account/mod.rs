//! Signing in and out from the browser.

mod api;
mod login;

pub use api::{reload_to, Logout};
pub use login::LoginPage;
