//! The HTTP/1 connection loop (what `axum::serve` does, with the parser's limits set).
//!
//! hyper answers a request line or header block over its own limits by itself, with an
//! empty 414 or 431 that never reaches the router. Its limits are set well above the
//! ones `limits.rs` enforces, so a client over ours gets a problem+json answer; only
//! the grossly oversized (a request target over 64 KiB, headers over ~400 KiB or more
//! than [`PARSER_MAX_HEADERS`]) still get hyper's bare answer.

use std::{future::Future, net::SocketAddr};

use axum::{body::Body, extract::ConnectInfo, serve::Listener, Router};
use hyper::{body::Incoming, server::conn::http1, Request};
use hyper_util::{rt::TokioIo, service::TowerToHyperService};
use tokio::{net::TcpListener, sync::watch, task::JoinSet};
use tower::ServiceExt;

/// hyper's own header count limit (its default is 100, ours is [`crate::limits`]'s).
const PARSER_MAX_HEADERS: usize = 400;

/// Serves `router` until `shutdown` completes, then lets the requests in flight finish.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let mut connections = JoinSet::new();
    loop {
        let mut stop = stop_rx.clone();
        let (stream, peer): (_, SocketAddr) = tokio::select! {
            accepted = Listener::accept(&mut listener) => accepted,
            _ = stopped(&mut stop) => break,
        };
        // The peer address feeds sign-in throttling per client.
        let service = router
            .clone()
            .map_request(move |mut req: Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                req.map(Body::new)
            });
        connections.spawn(async move {
            let mut builder = http1::Builder::new();
            builder.max_headers(PARSER_MAX_HEADERS);
            let conn = builder
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service))
                .with_upgrades();
            tokio::pin!(conn);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::trace!(error = %e, "connection ended");
                    }
                }
                _ = stopped(&mut stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    while connections.join_next().await.is_some() {}
}

/// Resolves once the shutdown signal has come (the borrow it gives is not kept).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}
