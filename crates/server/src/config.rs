//! Server configuration, read once from the environment at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Everything the server reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `STORE_ADDR`: where to listen. Port 0 picks a free port (the tests use this).
    pub addr: SocketAddr,
    /// `DATABASE_URL`: a `sqlite:` URL; the file and its folder are created when missing.
    pub database_url: String,
    /// `STORE_STATIC_DIR`: the built app (trunk's `dist`).
    pub static_dir: PathBuf,
    /// `STORE_LOG_FORMAT=json` switches request logs from readable text to one JSON object a
    /// line, for log shippers.
    pub json_logs: bool,
    /// `STORE_FX_SPREAD` (fraction, default 0.015), `STORE_FX_MAX_AGE_DAYS` (default 7),
    /// `STORE_FX_QUOTE_SECONDS` (default 900).
    pub fx: crate::fx::FxSettings,
    /// `STORE_FX_URL`: a feed in the ECB's format to refresh rates from (none by default: the
    /// committed snapshot is used); `STORE_FX_REFRESH_SECONDS` (default 21600, six hours) and
    /// `STORE_FX_TIMEOUT_SECONDS` (default 10).
    pub fx_refresh: Option<crate::fx::refresh::RefreshSettings>,
    /// `STORE_PAYMENT_ADDR`: where the sandbox payment page listens — another port, so
    /// another origin than the store. Default: the store's address with the next port
    /// (port 0 when the store's is 0).
    pub payment_addr: SocketAddr,
    /// `STORE_PAYMENT_URL`: the payment page's public URL when a proxy serves it (default:
    /// the store's public host with the payment port). Never taken from a request's `Host`.
    pub payment_url: Option<String>,
    /// `STORE_PUBLIC_URL`: the origin buyers use, e.g. `https://shop.example` (default:
    /// `http://` and the listen address, `127.0.0.1` for an unspecified one). The payment
    /// frame's URL, the Content-Security-Policy and HSTS (for `https://`) follow it; a
    /// request's `Host` header changes nothing.
    pub public_url: Option<String>,
    /// Per-client limits, request time limits and connection timeouts.
    pub limits: crate::http::limits::Limits,
}

/// A setting that could not be used, with the variable that holds it.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("STORE_ADDR=`{0}` is not a socket address such as 127.0.0.1:8080")]
    Addr(String),
    #[error(
        "DATABASE_URL=`{0}` is not supported: this build stores data in SQLite, so use a \
         `sqlite:` URL such as sqlite://data/store.db"
    )]
    Database(String),
    #[error("STORE_PAYMENT_ADDR=`{0}` is not a socket address such as 127.0.0.1:8081")]
    PaymentAddr(String),
    #[error("{0}=`{1}` is not valid: {2}")]
    Fx(&'static str, String, &'static str),
    #[error("{0}=`{1}` is not valid: {2}")]
    Invalid(&'static str, String, &'static str),
}

impl Config {
    pub const DEFAULT_ADDR: &'static str = "127.0.0.1:8080";
    pub const DEFAULT_DATABASE_URL: &'static str = "sqlite://data/store.db";
    pub const DEFAULT_STATIC_DIR: &'static str = "dist";

    /// Reads the configuration from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads the configuration through `lookup`, so tests need not touch the real environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let non_empty = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());
        let addr_text = non_empty("STORE_ADDR").unwrap_or_else(|| Self::DEFAULT_ADDR.to_owned());
        let addr = addr_text
            .trim()
            .parse()
            .map_err(|_| ConfigError::Addr(addr_text.clone()))?;
        let database_url =
            non_empty("DATABASE_URL").unwrap_or_else(|| Self::DEFAULT_DATABASE_URL.to_owned());
        if !database_url.starts_with("sqlite:") {
            return Err(ConfigError::Database(database_url));
        }
        let static_dir = non_empty("STORE_STATIC_DIR")
            .unwrap_or_else(|| Self::DEFAULT_STATIC_DIR.to_owned())
            .into();
        let json_logs =
            non_empty("STORE_LOG_FORMAT").is_some_and(|v| v.eq_ignore_ascii_case("json"));
        let mut fx = crate::fx::FxSettings::default();
        if let Some(v) = non_empty("STORE_FX_SPREAD") {
            fx.spread = v
                .trim()
                .parse::<rust_decimal::Decimal>()
                .ok()
                .filter(|d| !d.is_sign_negative() && *d < rust_decimal::Decimal::ONE)
                .ok_or(ConfigError::Fx(
                    "STORE_FX_SPREAD",
                    v.clone(),
                    "a fraction from 0 to below 1, e.g. 0.015",
                ))?;
        }
        if let Some(v) = non_empty("STORE_FX_MAX_AGE_DAYS") {
            fx.max_age_days =
                v.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|d| *d >= 0)
                    .ok_or(ConfigError::Fx(
                        "STORE_FX_MAX_AGE_DAYS",
                        v.clone(),
                        "a whole number of days",
                    ))?;
        }
        if let Some(v) = non_empty("STORE_FX_QUOTE_SECONDS") {
            fx.quote_seconds =
                v.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|d| *d > 0)
                    .ok_or(ConfigError::Fx(
                        "STORE_FX_QUOTE_SECONDS",
                        v.clone(),
                        "a positive number of seconds",
                    ))?;
        }
        let seconds = |key: &'static str, default: u64| -> Result<u64, ConfigError> {
            match non_empty(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or(ConfigError::Fx(
                        key,
                        v.clone(),
                        "a positive number of seconds",
                    )),
            }
        };
        let fx_refresh = match non_empty("STORE_FX_URL") {
            None => None,
            Some(url) => {
                let url = url.trim().to_owned();
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(ConfigError::Fx(
                        "STORE_FX_URL",
                        url,
                        "an http:// or https:// URL",
                    ));
                }
                Some(crate::fx::refresh::RefreshSettings {
                    url,
                    every: std::time::Duration::from_secs(seconds(
                        "STORE_FX_REFRESH_SECONDS",
                        21_600,
                    )?),
                    timeout: std::time::Duration::from_secs(seconds(
                        "STORE_FX_TIMEOUT_SECONDS",
                        10,
                    )?),
                })
            }
        };
        let payment_addr = match non_empty("STORE_PAYMENT_ADDR") {
            Some(text) => text
                .trim()
                .parse()
                .map_err(|_| ConfigError::PaymentAddr(text.clone()))?,
            None => {
                let mut next: SocketAddr = addr;
                next.set_port(if addr.port() == 0 {
                    0
                } else {
                    addr.port().wrapping_add(1)
                });
                next
            }
        };
        let origin = |key: &'static str| -> Result<Option<String>, ConfigError> {
            match non_empty(key) {
                None => Ok(None),
                Some(url) => {
                    let url = url.trim().trim_end_matches('/').to_owned();
                    if crate::http::limits::is_bare_origin(&url) {
                        Ok(Some(url))
                    } else {
                        Err(ConfigError::Invalid(
                            key,
                            url,
                            "an origin such as https://shop.example or http://127.0.0.1:8080",
                        ))
                    }
                }
            }
        };
        let payment_url = origin("STORE_PAYMENT_URL")?;
        let public_url = origin("STORE_PUBLIC_URL")?;
        let limits = crate::http::limits::Limits::from_lookup(&non_empty).map_err(
            |crate::http::limits::InvalidSetting(key, value, why)| {
                ConfigError::Invalid(key, value, why)
            },
        )?;
        Ok(Config {
            addr,
            database_url,
            static_dir,
            json_logs,
            fx,
            fx_refresh,
            payment_addr,
            payment_url,
            public_url,
            limits,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_design_document() {
        let config = Config::from_lookup(|_| None).expect("defaults are valid");
        assert_eq!(config.addr.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://data/store.db");
        assert_eq!(config.static_dir, PathBuf::from("dist"));
        assert!(!config.json_logs);
    }

    #[test]
    fn conversion_settings_are_read_and_bad_ones_named() {
        let config = Config::from_lookup(|k| match k {
            "STORE_FX_SPREAD" => Some("0.02".into()),
            "STORE_FX_QUOTE_SECONDS" => Some("60".into()),
            _ => None,
        })
        .expect("valid");
        assert_eq!(config.fx.spread, "0.02".parse().expect("dec"));
        assert_eq!(config.fx.quote_seconds, 60);
        assert_eq!(config.fx.max_age_days, 7);
        let err = Config::from_lookup(|k| (k == "STORE_FX_SPREAD").then(|| "15%".into()))
            .expect_err("refused");
        assert!(err.to_string().contains("STORE_FX_SPREAD"), "{err}");
        assert_eq!(config.fx_refresh, None, "no feed unless configured");
        let feed = Config::from_lookup(|k| match k {
            "STORE_FX_URL" => {
                Some("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml".into())
            }
            "STORE_FX_TIMEOUT_SECONDS" => Some("5".into()),
            _ => None,
        })
        .expect("valid")
        .fx_refresh
        .expect("refresh configured");
        assert_eq!(feed.every, std::time::Duration::from_secs(21_600));
        assert_eq!(feed.timeout, std::time::Duration::from_secs(5));
        let err = Config::from_lookup(|k| (k == "STORE_FX_URL").then(|| "ftp://x".into()))
            .expect_err("refused");
        assert!(err.to_string().contains("STORE_FX_URL"), "{err}");
    }

    #[test]
    fn a_malformed_address_is_reported_with_its_variable() {
        let err = Config::from_lookup(|k| (k == "STORE_ADDR").then(|| "localhost".to_owned()))
            .expect_err("must fail");
        assert!(err.to_string().contains("STORE_ADDR"));
    }

    #[test]
    fn a_non_sqlite_database_url_is_refused_rather_than_ignored() {
        let err = Config::from_lookup(|k| {
            (k == "DATABASE_URL").then(|| "postgres://db/store".to_owned())
        })
        .expect_err("must fail");
        assert!(err.to_string().contains("DATABASE_URL"));
    }
}
