//! The command line (API.md): `paillasse serve`, `paillasse audit verify`.

use std::{net::SocketAddr, path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand};

use crate::{telemetry, Application, Config};

#[derive(Parser)]
#[command(
    name = "paillasse",
    version,
    about = "Self-hosted lab notebook and inventory"
)]
struct Cli {
    #[command(flatten)]
    storage: StorageArgs,
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives; the same for every command.
#[derive(Args)]
struct StorageArgs {
    /// Holds the SQLite file and attachments.
    #[arg(
        long,
        env = "PAILLASSE_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    data_dir: PathBuf,
    /// `postgres://...` for PostgreSQL; the SQLite file in the data directory when unset.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the web server.
    Serve(ServeArgs),
    /// Checks the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Args)]
struct ServeArgs {
    #[arg(long, env = "PAILLASSE_BIND", default_value = "127.0.0.1:3000")]
    bind: SocketAddr,
    /// The address printed in QR codes; `http://<bind>` when unset.
    #[arg(long, env = "PAILLASSE_BASE_URL")]
    base_url: Option<String>,
    /// The browser bundle built by `cargo xtask build-frontend`.
    #[arg(long, env = "PAILLASSE_SITE_DIR")]
    site_dir: Option<PathBuf>,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Exit 0 when the hash chain is intact; 1 naming the first broken record otherwise.
    Verify,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve(cli.storage, args).await,
            Command::Audit {
                command: AuditCommand::Verify,
            } => audit_verify(cli.storage).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(storage: StorageArgs, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let config = Config {
        bind: args.bind,
        data_dir: storage.data_dir,
        database_url: storage.database_url,
        base_url: args.base_url,
        site_dir: args.site_dir.unwrap_or_else(Config::default_site_dir),
    };
    let app = Application::build(config).await?;
    tracing::info!(
        address = %format!("http://{}", app.local_addr()),
        database = app.database().engine.name(),
        "Paillasse is listening"
    );
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}

async fn audit_verify(storage: StorageArgs) -> anyhow::Result<ExitCode> {
    // Checking must not quietly create an empty database where none was expected.
    let file = service::db::sqlite_file(&storage.data_dir);
    if storage.database_url.is_none() && !file.exists() {
        anyhow::bail!("no database at {} (check --data-dir)", file.display());
    }
    let url = storage
        .database_url
        .unwrap_or_else(|| service::db::default_sqlite_url(&storage.data_dir));
    let db = service::connect(&url).await?;
    match service::audit::verify(&db.conn).await? {
        Ok(count) => {
            println!("audit chain intact: {count} records verified");
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            println!("{broken}");
            Ok(ExitCode::from(1))
        }
    }
}
