//! The command line (API.md): `serve`, `user add`, `token create`, `audit verify`, and the
//! developers' `dev seed` / `dev bench`.

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

impl StorageArgs {
    fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| service::db::default_sqlite_url(&self.data_dir))
    }
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
    /// Manages people.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manages personal API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Developer tools: a generated dataset and the benchmark run on it.
    Dev {
        #[command(subcommand)]
        command: DevCommand,
    },
}

#[derive(Subcommand)]
enum DevCommand {
    /// Fills an empty installation with a realistic lab (team "Seed lab", person
    /// seed@lab.example whose password is read from standard input).
    Seed {
        #[arg(long, default_value_t = 10_000)]
        products: usize,
        #[arg(long, default_value_t = 500_000)]
        lots: usize,
        #[arg(long, default_value_t = 500_000)]
        samples: usize,
        #[arg(long, default_value_t = 5_000)]
        locations: usize,
        #[arg(long, default_value_t = 500)]
        instruments: usize,
        /// Entries linking the samples into lineages (each makes one sample of a later
        /// generation; at most the samples after the first generation).
        #[arg(long, default_value_t = 420_000)]
        entries: usize,
    },
    /// Times label-code lookup, name search, a filtered list and traces on a seeded
    /// installation.
    Bench {
        #[arg(long, default_value_t = 300)]
        iterations: usize,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Creates a token for a person and prints it, once (it is stored only as a hash).
    Create {
        #[arg(long)]
        email: String,
        /// What the token is for, to recognise it in the list later.
        #[arg(long)]
        name: String,
        /// The token may only read.
        #[arg(long)]
        read_only: bool,
        /// The token stops working after this many days (never when unset).
        #[arg(long)]
        expires_in_days: Option<i64>,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Creates a person; the password is read from standard input (first line).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin (the whole installation), manager, member or viewer.
        #[arg(long)]
        role: String,
        /// The team (created if it does not exist); required except for admins.
        #[arg(long)]
        team: Option<String>,
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
    /// A session unused this long ends.
    #[arg(long, env = "PAILLASSE_SESSION_IDLE_MINUTES", default_value_t = 720)]
    session_idle_minutes: i64,
    /// A session ends this long after sign-in, used or not.
    #[arg(long, env = "PAILLASSE_SESSION_MAX_HOURS", default_value_t = 168)]
    session_max_hours: i64,
    /// Uploads (safety data sheets, certificates, images) larger than this are refused.
    #[arg(long, env = "PAILLASSE_MAX_UPLOAD_MB", default_value_t = 25, value_parser = clap::value_parser!(u64).range(1..=4096))]
    max_upload_mb: u64,
    /// A use at the bench that takes more than half of what is left, or more than one of
    /// these amounts (one per kind of unit), asks for a tap to confirm.
    #[arg(long, env = "PAILLASSE_CONFIRM_USE_ABOVE", default_value = "500 mL, 500 g, 1 mol, 100 count", value_parser = parse_confirm_policy)]
    confirm_use_above: domain::bench::ConfirmPolicy,
    /// Where the lab is: pages show times in this zone and read typed times in it.
    #[arg(long, env = "PAILLASSE_TIME_ZONE", default_value = "Europe/Paris", value_parser = parse_time_zone)]
    time_zone: domain::local_time::Zone,
}

fn parse_time_zone(raw: &str) -> Result<domain::local_time::Zone, String> {
    domain::local_time::Zone::parse(raw).map_err(|e| e.to_string())
}

fn parse_confirm_policy(raw: &str) -> Result<domain::bench::ConfirmPolicy, String> {
    domain::bench::ConfirmPolicy::parse(raw).map_err(|e| e.to_string())
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
            Command::User {
                command:
                    UserCommand::Add {
                        email,
                        name,
                        role,
                        team,
                    },
            } => {
                let new = service::accounts::people::NewUser {
                    email,
                    name,
                    role,
                    team,
                    password: read_password()?,
                };
                user_add(cli.storage, new).await
            }
            Command::Dev {
                command:
                    DevCommand::Seed {
                        products,
                        lots,
                        samples,
                        locations,
                        instruments,
                        entries,
                    },
            } => {
                let size = service::dev::seed::SeedSize {
                    products: products.max(1),
                    lots,
                    samples,
                    locations,
                    instruments,
                    entries,
                };
                dev_seed(cli.storage, size, read_password()?).await
            }
            Command::Dev {
                command: DevCommand::Bench { iterations },
            } => dev_bench(cli.storage, iterations.max(1)).await,
            Command::Token {
                command:
                    TokenCommand::Create {
                        email,
                        name,
                        read_only,
                        expires_in_days,
                    },
            } => {
                let new = domain::account::NewApiToken {
                    name,
                    read_only,
                    expires_in_days,
                };
                token_create(cli.storage, &email, new).await
            }
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
        sessions: service::accounts::sessions::SessionPolicy {
            idle: chrono::Duration::minutes(args.session_idle_minutes.max(1)),
            lifetime: chrono::Duration::hours(args.session_max_hours.max(1)),
        },
        throttle: Default::default(),
        max_upload_bytes: args.max_upload_mb * 1024 * 1024,
        confirm_use: args.confirm_use_above,
        time_zone: args.time_zone,
    };
    let app = Application::build(config).await?;
    tracing::info!(
        address = %format!("http://{}", app.local_addr()),
        database = app.database().engine.name(),
        "Paillasse is listening"
    );
    if !service::accounts::people::any_account(&app.database().conn).await? {
        tracing::warn!(
            "no account yet: create the first administrator with \
             `echo 'a long passphrase' | paillasse user add --email you@lab.example --name You --role admin` \
             (same --data-dir / --database-url), then sign in at /login"
        );
    }
    app.run_until_stopped().await?;
    Ok(ExitCode::SUCCESS)
}

async fn dev_seed(
    storage: StorageArgs,
    size: service::dev::seed::SeedSize,
    password: String,
) -> anyhow::Result<ExitCode> {
    let db = service::connect(&storage.database_url()).await?;
    let seconds = service::dev::seed::seed(&db.conn, size, &password).await?;
    println!(
        "seeded {} products, {} lots, {} samples, {} locations, {} instruments, up to {} entries on {} \
         in {seconds:.1} s; sign in as {}",
        size.products,
        size.lots,
        size.samples,
        size.locations,
        size.instruments,
        size.entries,
        db.engine.name(),
        service::dev::seed::SEED_EMAIL
    );
    Ok(ExitCode::SUCCESS)
}

async fn dev_bench(storage: StorageArgs, iterations: usize) -> anyhow::Result<ExitCode> {
    let db = service::connect(&storage.database_url()).await?;
    println!(
        "{} ({iterations} runs each, service layer):",
        db.engine.name()
    );
    for t in service::dev::bench::bench(&db.conn, iterations).await? {
        println!(
            "  {:<52} median {:>8.3} ms   p99 {:>8.3} ms   {}",
            t.name, t.median_ms, t.p99_ms, t.detail
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The first line of standard input, without its line ending (so `echo pw |` works).
fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

async fn user_add(
    storage: StorageArgs,
    new: service::accounts::people::NewUser,
) -> anyhow::Result<ExitCode> {
    let db = service::connect(&storage.database_url()).await?;
    match service::accounts::people::add_user(&db.conn, &service::Actor::cli(), new).await {
        Ok(person) => {
            let teams: Vec<String> = person
                .memberships
                .iter()
                .map(|m| format!("{} ({})", m.team_name, m.role.as_str()))
                .collect();
            println!(
                "created {} <{}>{}{}",
                person.name,
                person.email,
                if person.is_admin {
                    ", administrator"
                } else {
                    ""
                },
                if teams.is_empty() {
                    String::new()
                } else {
                    format!(", in {}", teams.join(", "))
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(service::ServiceError::Domain(e)) => {
            for fe in e.field_errors() {
                eprintln!("error: {}: {}", fe.field, fe.message);
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

async fn token_create(
    storage: StorageArgs,
    email: &str,
    new: domain::account::NewApiToken,
) -> anyhow::Result<ExitCode> {
    let db = service::connect(&storage.database_url()).await?;
    let Some(person) = service::accounts::people::find_by_email(&db.conn, email).await? else {
        eprintln!("error: email: no account has this e-mail");
        return Ok(ExitCode::FAILURE);
    };
    match service::accounts::tokens::create(&db.conn, &service::Actor::cli(), &person, new).await {
        Ok(created) => {
            // The token alone on standard output, so `$(paillasse token create ...)` works.
            println!("{}", created.token);
            eprintln!(
                "token \"{}\" for {} ({}{}); it is not shown again",
                created.info.name,
                person.email,
                if created.info.read_only {
                    "read-only"
                } else {
                    "read-write"
                },
                created
                    .info
                    .expires_at
                    .map(|e| format!(", expires {}", e.format("%Y-%m-%d")))
                    .unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(service::ServiceError::Domain(e)) => {
            for fe in e.field_errors() {
                eprintln!("error: {}: {}", fe.field, fe.message);
            }
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

async fn audit_verify(storage: StorageArgs) -> anyhow::Result<ExitCode> {
    // Checking must not quietly create an empty database where none was expected.
    let file = service::db::sqlite_file(&storage.data_dir);
    if storage.database_url.is_none() && !file.exists() {
        anyhow::bail!("no database at {} (check --data-dir)", file.display());
    }
    let db = service::connect(&storage.database_url()).await?;
    if let Some(found) = &db.damaged {
        // The chain may still read, but a damaged file is not intact whatever it says.
        println!("the database file is damaged: {found}");
        if let Ok(Ok(count)) = service::audit::verify(&db.conn).await {
            println!("(the audit chain itself reads intact: {count} records verified)");
        }
        return Ok(ExitCode::from(1));
    }
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
