//! Optional refresh of the reference rates from a feed in the ECB's format
//! (`STORE_FX_URL`, e.g. `https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml`).
//!
//! Every `STORE_FX_REFRESH_SECONDS` the server fetches the feed with a timeout
//! (`STORE_FX_TIMEOUT_SECONDS`). A good file replaces the rates; anything else — no answer, an
//! error status, a body that is not a reference-rate file — keeps the last good rates, is
//! logged, and is reported by `GET /api/v1/fx/rates` (`refresh_error`) next to the rates' dates
//! and `stale` flags, so a buyer-facing page can say how old the rates are.

use super::FxStore;
use std::sync::Arc;
use std::time::Duration;

/// Where and how often to refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshSettings {
    pub url: String,
    pub every: Duration,
    pub timeout: Duration,
}

/// Why one refresh did not replace the rates.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("could not fetch {url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("{url} answered {status}")]
    Status { url: String, status: u16 },
    #[error("{url} is not a reference-rate file: {source}")]
    Feed {
        url: String,
        source: super::ecb::FeedError,
    },
}

/// Fetches the feed once and applies it; on failure the store keeps its rates and remembers
/// the error.
pub async fn refresh_once(
    store: &FxStore,
    client: &reqwest::Client,
    settings: &RefreshSettings,
) -> Result<(), RefreshError> {
    let url = settings.url.clone();
    let result = async {
        let response = client
            .get(&url)
            .timeout(settings.timeout)
            .send()
            .await
            .map_err(|e| RefreshError::Fetch {
                url: url.clone(),
                reason: e.to_string(),
            })?;
        if !response.status().is_success() {
            return Err(RefreshError::Status {
                url: url.clone(),
                status: response.status().as_u16(),
            });
        }
        let body = response.text().await.map_err(|e| RefreshError::Fetch {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        store
            .apply_ecb_feed(&body)
            .map_err(|source| RefreshError::Feed {
                url: url.clone(),
                source,
            })
    }
    .await;
    if let Err(err) = &result {
        store.record_error(err.to_string());
    }
    result
}

/// Refreshes now and then every `settings.every`, until the server stops.
pub fn spawn(store: Arc<FxStore>, settings: RefreshSettings) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let client = reqwest::Client::new();
        let mut tick = tokio::time::interval(settings.every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match refresh_once(&store, &client, &settings).await {
                Ok(()) => tracing::info!(url = %settings.url, "exchange rates refreshed"),
                Err(err) => {
                    tracing::warn!(error = %err, "exchange-rate refresh failed; keeping the last good rates")
                }
            }
        }
    })
}
