//! Domain rules over the database. Every mutation validates, writes, and appends its audit
//! record in one transaction; functions return domain types, never entity models.

pub mod access;
pub mod alerts;
mod among;
pub mod attachments;
pub mod audit;
pub mod bench;
pub mod db;
pub mod diffs;
mod entities;
pub mod entries;
pub mod error;
mod fields;
pub mod files;
mod fulltext;
pub mod history;
pub mod instruments;
pub mod label_codes;
pub mod locations;
pub mod lots;
pub mod markdown;
mod order;
pub mod password;
pub mod people;
pub mod positions;
pub mod products;
pub mod protocols;
pub mod recall;
pub mod samples;
pub mod search;
mod secret;
pub mod seed;
mod seed_entries;
pub mod sessions;
pub mod shares;
pub mod teams;
pub mod throttle;
pub mod tokens;
pub mod trace;
pub mod usages;
mod write;

pub use db::{connect, Database, Engine};
pub use error::ServiceError;
pub use write::Actor;
