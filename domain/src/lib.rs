//! Wasm-safe domain types shared by the server and the browser.
//!
//! Everything here is pure: validated values ("parse, don't validate"), the DTOs the UI
//! and the REST API exchange, and the error type every layer speaks.

pub mod access;
pub mod account;
pub mod alert;
pub mod attachment;
pub mod bench;
pub mod cas;
pub mod diff;
pub mod entry;
pub mod error;
pub mod grid;
pub mod history;
pub mod instrument;
pub mod kind;
pub mod label;
pub mod ledger;
pub mod ledger_reason;
pub mod local_time;
pub mod location;
pub mod lot;
pub mod page;
pub mod person;
pub mod product;
pub mod protocol;
pub mod prov;
pub mod quantity;
pub mod sample;
pub mod scan;
pub mod search;
pub mod stored;
pub mod text;
pub mod trace;

pub use error::{DomainError, FieldError};
