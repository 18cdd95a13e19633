//! Building and running the whole application: database, migrations, routes, server.

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use app::{shell, App};
use axum::Router;
use leptos::{config::LeptosOptions, prelude::provide_context};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, timeout::TimeoutLayer, trace::TraceLayer};

use crate::{
    assets, auth, controls, limits, problem, routes, security_headers, server_fns, state::AppState,
    Config,
};

/// Longest a request may take (an import may later need its own, longer limit).
const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub struct Application {
    listener: TcpListener,
    addr: SocketAddr,
    router: Router,
    state: AppState,
}

impl Application {
    /// Opens the database (running migrations) and binds the port; `bind` may use port 0.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&config.data_dir).with_context(|| {
            format!("creating the data directory {}", config.data_dir.display())
        })?;
        let files = service::files::FileStore::new(&config.data_dir, config.max_upload_bytes);
        // A read-only data directory would start and answer every write with an error.
        files.probe().await.with_context(|| {
            format!(
                "cannot write in {} (attachments): give the server write access to its data directory",
                files.root().display()
            )
        })?;
        let db = service::connect(&config.database_url())
            .await
            .context("opening the database")?;
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
        let addr = listener.local_addr()?;

        let bundle = assets::Bundle::read(&config.site_dir).unwrap_or_else(|| {
            tracing::warn!(
                site_dir = %config.site_dir.display(),
                "no browser bundle found: pages will render but not hydrate; \
                 run `cargo xtask build-frontend` or set PAILLASSE_SITE_DIR"
            );
            assets::Bundle::missing()
        });
        let build_id = bundle.id.clone();
        let pkg_dir = format!("pkg/{build_id}");
        let leptos = LeptosOptions::builder()
            .output_name("paillasse")
            .site_root(config.site_dir.display().to_string())
            .site_pkg_dir(pkg_dir.clone())
            .site_addr(addr)
            .build();

        let label_base: Arc<str> = config
            .base_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}"))
            .trim_end_matches('/')
            .into();
        let state = AppState {
            db,
            files,
            leptos,
            label_base,
            config: Arc::new(config),
        };
        let router = router(state.clone(), &bundle, &pkg_dir);
        Ok(Self {
            listener,
            addr,
            router,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The database handle, for tests that check what was stored.
    pub fn database(&self) -> &service::Database {
        &self.state.db
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        crate::serve::serve(self.listener, self.router, shutdown).await;
        self.state.db.conn.close_by_ref().await.ok();
        Ok(())
    }

    /// Serves until Ctrl-C or SIGTERM.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }
}

fn router(state: AppState, bundle: &assets::Bundle, pkg_dir: &str) -> Router {
    let https = state.config.is_https();
    let routes = page_routes();
    let db = state.db.clone();
    let files = state.files.clone();
    let settings = app::session::AuthSettings {
        sessions: state.config.sessions,
        throttle: state.config.throttle,
        secure_cookies: state.config.is_https(),
    };
    let confirm_use = state.config.confirm_use;
    let time_zone = state.config.time_zone;
    let diffs = service::notebook::diffs::Diffs::default();
    let split = assets::split_manifest(bundle, pkg_dir);
    let context = move || {
        if let Some(split) = &split {
            provide_context(split.clone());
        }
        provide_context(diffs.clone());
        provide_context(db.clone());
        provide_context(files.clone());
        provide_context(settings);
        provide_context(confirm_use);
        provide_context(time_zone);
    };
    let options = state.leptos.clone();
    let not_found = leptos_axum::render_app_to_stream_with_context(context.clone(), {
        let options = options.clone();
        move || shell(options.clone())
    });

    let router = Router::new()
        .nest("/api/v1", routes::api())
        .merge(routes::misc())
        .merge(routes::upload_forms(state.config.max_upload_bytes))
        .merge(assets::router(bundle, pkg_dir))
        .leptos_routes_with_context(&state, routes, context, move || shell(options.clone()))
        .fallback(not_found)
        // After `identify`: a caller not signed in hears that first.
        .layer(axum::middleware::from_fn(controls::refuse))
        .layer(axum::middleware::from_fn(crate::slashes::trim))
        .layer(axum::middleware::from_fn(server_fns::statuses))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::identify,
        ))
        .with_state(state)
        // Skips what is already compressed (the pre-compressed bundle).
        .layer(CompressionLayer::new());
    security_headers::apply(router, https)
        // No request may hang forever, whatever goes wrong below.
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn(problem::every_error_a_problem))
        .layer(axum::middleware::from_fn(limits::check))
        .layer(TraceLayer::new_for_http())
}

/// The app's page routes, generated once per process.
///
/// Generating them runs the app with resource loading suspended through a process-wide
/// flag (leptos_server's `SuppressResourceLoad`, leptos issue #4773): a page rendered by
/// another server in the same process at that moment waits forever for its data. Tests
/// start many servers in one process, so generation must happen once, before any serve.
fn page_routes() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
