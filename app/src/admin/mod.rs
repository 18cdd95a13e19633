//! Administration pages: teams and their people (managers and admins), accounts (admins).

mod api;
mod people;
mod teams;

pub use people::PeoplePage;
pub use teams::TeamsPage;
