//! The `paillasse` server: REST API under `/api/v1`, Leptos pages rendered on the server,
//! the browser bundle, and the command line. Startup lives here (not in `main.rs`) so the
//! tests and the CLI run exactly what production runs.

mod assets;
mod auth;
pub mod cli;
pub mod config;
mod controls;
mod extract;
mod limits;
mod problem;
mod routes;
mod security_headers;
mod serve;
mod server_fns;
mod slashes;
mod startup;
mod state;
pub mod telemetry;

pub use config::Config;
pub use startup::Application;
