//! For developers only: a seeded lab of a million things and the benchmark run over it.

pub mod bench;
mod rows;
pub mod seed;
mod seed_entries;
