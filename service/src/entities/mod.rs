//! sea-orm entities, one per table. Behaviour lives in the service modules, not here.

pub mod api_tokens;
pub mod attachments;
pub mod audit_head;
pub mod audit_log;
pub mod instrument_records;
pub mod instruments;
pub mod label_codes;
pub mod locations;
pub mod login_failures;
pub mod lots;
pub mod memberships;
pub mod movements;
pub mod people;
pub mod positions;
pub mod products;
pub mod sample_movements;
pub mod sample_parents;
pub mod samples;
pub mod sessions;
pub mod shares;
pub mod teams;
