//! Structured logs with `tracing`: human-readable by default, JSON lines when
//! `PAILLASSE_LOG_FORMAT=json`; levels from `RUST_LOG`.

use tracing_subscriber::{fmt, EnvFilter};

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let json = std::env::var("PAILLASSE_LOG_FORMAT").is_ok_and(|v| v == "json");
    // Colours only for a person watching a terminal, not in files or journals.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let builder = fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_ansi(ansi);
    // A second init (e.g. in tests) is harmless, so its error is ignored.
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.compact().try_init()
    };
}
