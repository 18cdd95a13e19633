//! Domain rules over the database. Every mutation validates, writes, and appends its audit
//! record in one transaction; functions return domain types, never entity models.

pub mod access;
pub mod alerts;
pub mod audit;
pub mod bench;
pub mod db;
mod entities;
pub mod error;
mod fields;
pub mod history;
pub mod instruments;
mod label_codes;
pub mod locations;
pub mod lots;
pub mod password;
pub mod people;
pub mod positions;
pub mod products;
pub mod samples;
mod secret;
pub mod seed;
pub mod sessions;
pub mod shares;
pub mod teams;
pub mod throttle;
pub mod tokens;
mod write;

pub use db::{connect, Database, Engine};
pub use error::ServiceError;
pub use write::Actor;
