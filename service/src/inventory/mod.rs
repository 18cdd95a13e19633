//! What the lab holds: products and their lots, samples and their lineage, instruments
//! and their calibrations, locations and the positions in boxes, the label codes that
//! name them, and the alerts on stock, expiry and calibration.

pub mod alerts;
pub mod instruments;
pub mod label_codes;
pub mod ledger;
pub mod locations;
pub mod lots;
pub mod positions;
pub mod products;
pub mod samples;
