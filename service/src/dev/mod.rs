//! For developers only: a seeded lab of a million things and the benchmark run over it.

pub mod bench;
pub mod seed;
mod seed_entries;
