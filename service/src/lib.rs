//! Domain rules over the database. Every mutation validates, writes, and appends its audit
//! record in one transaction; functions return domain types, never entity models.
//!
//! One folder per area — `accounts/` (who may do what), `inventory/` (what the lab holds),
//! `notebook/` (what was done with it), `trace/` (what went into what), `things/` (any
//! labelled thing, whatever its kind), `export` (lists as CSV), `dev/` (seeding and
//! benchmarks) — over the shared
//! plumbing at the top level: the database, writes and their audit, files, paging.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod db;
pub mod dev;
mod entities;
pub mod error;
pub mod export;
pub mod files;
mod fulltext;
mod id_lists;
pub mod inventory;
pub mod markdown;
pub mod notebook;
mod paging;
mod text_fields;
pub mod things;
pub mod trace;
mod walk;
mod write;

pub use db::{connect, Database, Engine};
pub use error::ServiceError;
pub use write::Actor;
