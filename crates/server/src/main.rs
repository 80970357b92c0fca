//! `store-server`: starts the storefront on `STORE_ADDR`.

use server::config::Config;
use server::http::telemetry;
use server::state::AppState;
use server::web::precompress;
use server::{app, db};
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
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.is_empty() {
        return command(&config, &args).await;
    }
    match run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!(error = %err, "store-server stopped");
            eprintln!("store-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// `store-server seller invite <slug>`: prints a one-time set-password token for a seller.
async fn command(config: &Config, args: &[String]) -> ExitCode {
    let [group, action, slug] = args else {
        eprintln!("usage: store-server [seller invite <seller-slug>]");
        return ExitCode::from(2);
    };
    if group != "seller" || action != "invite" {
        eprintln!("usage: store-server [seller invite <seller-slug>]");
        return ExitCode::from(2);
    }
    let pool = match db::connect_and_prepare(&config.database_url).await {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!(
                "store-server: cannot open database {}: {err}",
                config.database_url
            );
            return ExitCode::FAILURE;
        }
    };
    match server::sellers::invite(&pool, slug, server::clock::unix_now()).await {
        Ok(Some(token)) => {
            let origin = config
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", reachable(config.addr)));
            let language: String =
                sqlx::query_scalar("SELECT language FROM sellers WHERE slug = ?")
                    .bind(slug)
                    .fetch_one(&pool)
                    .await
                    .unwrap_or_else(|_| "en".to_owned());
            println!("A one-time link for {slug} to choose a password (valid 24 hours, one use):");
            println!(
                "  {}",
                server::sellers::set_password_link(&origin, &language, &token)
            );
            ExitCode::SUCCESS
        }
        Ok(None) => {
            eprintln!("store-server: no seller has the slug `{slug}`");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("store-server: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Where uploaded pictures go: `STORE_MEDIA_DIR`, else a `media` folder beside the database
/// file (`data/media` by default); in memory for an in-memory database.
fn media_store(
    database_url: &str,
) -> Result<std::sync::Arc<dyn server::web::uploads::MediaStore>, Box<dyn std::error::Error>> {
    use server::web::uploads::{FileMediaStore, MemoryMediaStore};
    let dir = match std::env::var("STORE_MEDIA_DIR")
        .ok()
        .filter(|d| !d.trim().is_empty())
    {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            let path = database_url
                .trim_start_matches("sqlite:")
                .trim_start_matches("//")
                .split('?')
                .next()
                .unwrap_or_default();
            if path.is_empty() || path.contains(":memory:") {
                return Ok(std::sync::Arc::new(MemoryMediaStore::default()));
            }
            std::path::Path::new(path)
                .parent()
                .map_or_else(|| "media".into(), |p| p.join("media"))
        }
    };
    let store = FileMediaStore::new(&dir)
        .map_err(|e| format!("cannot use {} for uploaded pictures: {e}", dir.display()))?;
    tracing::info!(dir = %dir.display(), "uploaded pictures");
    Ok(std::sync::Arc::new(store))
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

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    // The origin buyers use comes from configuration, never from a request's Host header.
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", reachable(addr)));
    let state = AppState::new(pool.clone(), config.static_dir.clone())
        .await?
        .with_fx_settings(config.fx.clone())
        .with_limits(config.limits.clone())
        .with_public_url(&public_url)
        .with_translator(server::translate::from_lookup(&|key| {
            std::env::var(key).ok()
        }))
        .with_media(media_store(&config.database_url)?);
    let state = match std::env::var("STORE_PREVIEW_SECRET") {
        Ok(secret) => state.with_preview_secret(&secret)?,
        Err(std::env::VarError::NotPresent) => state,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err("STORE_PREVIEW_SECRET is not valid UTF-8".into());
        }
    };
    tracing::info!(provider = state.translator.name(), "translation provider");
    if let Some(refresh) = config.fx_refresh.clone() {
        tracing::info!(url = %refresh.url, every_s = refresh.every.as_secs(), "exchange rates will refresh from a feed");
        server::fx::refresh::spawn(state.fx.clone(), refresh);
    }
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
    state
        .sandbox
        .set_public_url(config.payment_url.clone().unwrap_or_else(|| {
            // The store's public host with the payment page's port.
            let host = public_url
                .split_once("://")
                .map_or("127.0.0.1", |(_, rest)| {
                    rest.rsplit_once(':')
                        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
                        .map_or(rest, |(host, _)| host)
                });
            let scheme = public_url.split_once("://").map_or("http", |(s, _)| s);
            format!("{scheme}://{host}:{}", payment_addr.port())
        }));
    state.sandbox.set_store_origin(public_url.clone());
    let mut sandbox =
        server::http::panics::guard(server::payments::sandbox::router(state.sandbox.clone()));
    // The payment page's token API is a write like any other: its own per-client allowance.
    let sandbox_writes = server::http::limits::Limiters::new(&state.limits).writes;
    if let Some(writes) = sandbox_writes {
        sandbox = sandbox.layer(server::http::limits::layer(&writes));
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                every.tick().await;
                writes.limiter().retain_recent();
            }
        });
    }
    // Stock held by attempts a stopped process left, old keys, expired quotes, abandoned
    // carts: now and every minute.
    server::housekeeping::spawn(state.clone(), std::time::Duration::from_secs(60));
    let limits = state.limits.clone();
    // The e2e harness reads these lines to learn the ports when STORE_ADDR ends in :0.
    println!("Payment sandbox is running at http://{payment_addr}/");
    println!("Store is running at http://{addr}/");
    tracing::info!(%addr, %payment_addr, "listening");

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut stop_rx2 = stop_rx.clone();
    let (header_timeout, deadline) = (limits.header_timeout, limits.shutdown_deadline);
    let payments = tokio::spawn(server::serve::serve(
        payment_listener,
        sandbox,
        header_timeout,
        deadline,
        async move {
            let _ = stop_rx2.wait_for(|stop| *stop).await;
        },
    ));
    let in_flight = state.orders_in_flight.clone();
    server::serve::serve(listener, app(state), header_timeout, deadline, async move {
        shutdown_signal().await;
        let _ = stop_tx.send(true);
    })
    .await;
    drop(stop_rx);
    payments.await?;
    // An order being placed finishes (charged and written, or voided) before the database
    // closes, within the same deadline.
    let waited = std::time::Instant::now();
    while in_flight.load(std::sync::atomic::Ordering::SeqCst) > 0 && waited.elapsed() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let left = in_flight.load(std::sync::atomic::Ordering::SeqCst);
    if left > 0 {
        tracing::error!(left, "order attempts still running at the shutdown deadline; housekeeping ends them at the next start");
    }
    pool.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// `addr` as a browser on this machine reaches it: an unspecified address (`0.0.0.0`) as
/// `127.0.0.1`.
fn reachable(addr: std::net::SocketAddr) -> std::net::SocketAddr {
    let mut addr = addr;
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    addr
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
