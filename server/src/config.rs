//! Settings for `paillasse serve`, from flags or the environment (see API.md).

use std::{net::SocketAddr, path::PathBuf};

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub data_dir: PathBuf,
    /// `None`: the SQLite file in the data directory.
    pub database_url: Option<String>,
    /// The address printed in QR codes; `http://{bind}` when unset.
    pub base_url: Option<String>,
    /// Where the browser bundle (`cargo xtask build-frontend`) is.
    pub site_dir: PathBuf,
    /// Idle timeout and absolute lifetime of sign-in sessions.
    pub sessions: service::accounts::sessions::SessionPolicy,
    /// When repeated sign-in failures are held back.
    pub throttle: service::accounts::throttle::ThrottlePolicy,
    /// Uploads larger than this are refused with 413.
    pub max_upload_bytes: u64,
    /// When a use at the bench asks for a tap (`--confirm-use-above`).
    pub confirm_use: domain::bench::ConfirmPolicy,
    /// Where people read and type times (`--time-zone`, default Europe/Paris).
    pub time_zone: domain::local_time::Zone,
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| service::db::default_sqlite_url(&self.data_dir))
    }

    /// Cookies get `Secure` when people reach the server over https.
    pub fn is_https(&self) -> bool {
        self.base_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The bundle next to the binary (`target/{profile}/../site`, or an install's
    /// `bin/../site`), which is where `cargo xtask build-frontend` puts it.
    pub fn default_site_dir() -> PathBuf {
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("site")))
            .unwrap_or_else(|| PathBuf::from("site"))
    }
}
