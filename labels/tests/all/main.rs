//! Integration tests of the `labels` crate, one module per area (one binary: one link).

#[path = "../support/distort.rs"]
mod distort;

mod helpers;
mod layout;
mod photo;
mod real_decoders;
mod robustness;
mod sheets;
mod zpl;
