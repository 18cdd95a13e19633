//! Who may do what: people and their teams, sign-in sessions and API tokens, passwords
//! and the throttle on guessing them, shares between teams, and the access rules read
//! against the database.

pub mod password;
pub mod password_change;
pub mod people;
pub mod permissions;
mod secret;
pub mod sessions;
pub mod shares;
pub mod teams;
pub mod throttle;
pub mod tokens;
