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
        Ok(Config {
            addr,
            database_url,
            static_dir,
            json_logs,
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
