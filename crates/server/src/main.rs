//! `store-server`: starts the storefront on `STORE_ADDR`.

use server::config::Config;
use server::{app, db, precompress, telemetry, AppState};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("store-server: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init_logging(config.json_logs);
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "store-server stopped");
            eprintln!("store-server: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let pool = db::connect_and_prepare(&config.database_url)
        .await
        .map_err(|e| format!("cannot open database {}: {e}", config.database_url))?;

    if config.static_dir.join("index.html").is_file() {
        let dir = config.static_dir.clone();
        let report =
            tokio::task::spawn_blocking(move || precompress::precompress_dir(&dir)).await?;
        tracing::info!(dir = %config.static_dir.display(), written = report.written,
            up_to_date = report.up_to_date, failed = report.failed, "static files ready");
    } else {
        tracing::warn!(dir = %config.static_dir.display(),
            "no built app found (index.html missing); the API works, pages will not");
    }

    // Stock held by orders that never finished, and day-old idempotency keys: swept now and
    // every five minutes.
    let sweep_pool = pool.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
        loop {
            every.tick().await;
            match server::orders::housekeeping(&sweep_pool, server::fx::clock::unix_now()).await {
                Ok(swept) if swept.holds_released > 0 => {
                    tracing::warn!(?swept, "released stock held by unfinished orders");
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "order housekeeping failed"),
            }
        }
    });
    let state = AppState::new(pool.clone(), config.static_dir.clone())
        .await?
        .with_fx_settings(config.fx.clone());
    if let Some(refresh) = config.fx_refresh.clone() {
        tracing::info!(url = %refresh.url, every_s = refresh.every.as_secs(), "exchange rates will refresh from a feed");
        server::fx::refresh::spawn(state.fx.clone(), refresh);
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    // The payment page on its own port: another origin, so card numbers typed there are out
    // of the store's reach.
    let payment_listener = tokio::net::TcpListener::bind(config.payment_addr)
        .await
        .map_err(|e| {
            format!(
                "cannot listen on {} (payment page): {e}",
                config.payment_addr
            )
        })?;
    let payment_addr = payment_listener.local_addr()?;
    state.sandbox.set_port(payment_addr.port());
    if let Some(url) = config.payment_url.clone() {
        state.sandbox.set_public_url(url);
    }
    let sandbox = server::payments::sandbox::router(state.sandbox.clone());
    // The e2e harness reads these lines to learn the ports when STORE_ADDR ends in :0.
    println!("Payment sandbox is running at http://{payment_addr}/");
    println!("Store is running at http://{addr}/");
    tracing::info!(%addr, %payment_addr, "listening");

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut stop_rx2 = stop_rx.clone();
    let payments = tokio::spawn(async move {
        axum::serve(payment_listener, sandbox)
            .with_graceful_shutdown(async move {
                let _ = stop_rx2.wait_for(|stop| *stop).await;
            })
            .await
    });
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            let _ = stop_tx.send(true);
        })
        .await?;
    drop(stop_rx);
    payments.await??;
    pool.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM; in-flight requests then finish before exit.
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
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing in-flight requests");
}
