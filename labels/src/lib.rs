//! Label codes and (later) their QR rendering. Pure Rust, no I/O: compiles for the server
//! and for the browser's wasm scanner alike.

mod code;
mod gf32;

pub use code::{LabelCode, ParseError, CODE_LEN};
