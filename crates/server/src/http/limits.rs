//! What one client may ask of the store: per-client rate limits on writes and on searches
//! (GCRA through `tower_governor`), the number of stock holds a client may keep at once, the
//! API's time limit, and the listener's timeouts. Everything here is read from the
//! environment (see [`Limits::from_lookup`]).
//!
//! A client is its IP address: the connection's peer, or — only when `STORE_TRUST_FORWARDED`
//! says a proxy on this machine's loopback or private network sets it — the last address of
//! `X-Forwarded-For`.

use crate::http::error::AppError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::extract::FromRef;
use axum::http::{Method, Request, Response};
use axum::response::IntoResponse;
use governor::middleware::NoOpMiddleware;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_governor::governor::{GovernorConfig, GovernorConfigBuilder};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

/// A limit's variable, the value it had, and what it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSetting(pub &'static str, pub String, pub &'static str);

impl std::fmt::Display for InvalidSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}=`{}` is not valid: {}", self.0, self.1, self.2)
    }
}

/// The limits, with their environment variables. A rate of 0 turns that limit off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// `STORE_RATE_WRITES_PER_MINUTE` (default 120): POST, PATCH and DELETE under `/api`
    /// per client, with a burst of a quarter of it (at least 5).
    pub writes_per_minute: u32,
    /// `STORE_RATE_SEARCHES_PER_MINUTE` (default 600): listing and search requests per client.
    pub searches_per_minute: u32,
    /// `STORE_RATE_LOOKUPS_PER_MINUTE` (default 60): order lookups by number per client.
    pub lookups_per_minute: u32,
    /// `STORE_RATE_SIGN_INS_PER_MINUTE` (default 10): seller sign-in attempts per client,
    /// bursting to 5.
    pub sign_ins_per_minute: u32,
    /// `STORE_MAX_HOLDS_PER_CLIENT` (default 3): order attempts holding stock at once per client.
    pub max_holds_per_client: u32,
    /// `STORE_TRUST_FORWARDED` (default off): read the client from `X-Forwarded-For` when the
    /// connection comes from a loopback or private address (a proxy in front of the store).
    pub trust_forwarded: bool,
    /// `STORE_API_TIMEOUT_SECONDS` (default 10): an API request answered later is a 504. An
    /// order being placed goes on to its end regardless (see `orders`).
    pub api_timeout: Duration,
    /// `STORE_HEADER_TIMEOUT_SECONDS` (default 10): a client must send a request's headers
    /// within this, and an idle keep-alive connection is closed after it.
    pub header_timeout: Duration,
    /// `STORE_SHUTDOWN_SECONDS` (default 10): after SIGTERM, connections still open after this
    /// are closed.
    pub shutdown_deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            writes_per_minute: 120,
            searches_per_minute: 600,
            lookups_per_minute: 60,
            sign_ins_per_minute: 10,
            max_holds_per_client: 3,
            trust_forwarded: false,
            api_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            shutdown_deadline: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// No rate limits and no hold limit (in-process tests that are not about limits).
    pub fn unlimited() -> Limits {
        Limits {
            writes_per_minute: 0,
            searches_per_minute: 0,
            lookups_per_minute: 0,
            sign_ins_per_minute: 0,
            max_holds_per_client: 0,
            ..Limits::default()
        }
    }

    /// Reads the limits through `lookup` (non-empty values only).
    pub fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Result<Limits, InvalidSetting> {
        let number = |key: &'static str, default: u64, min: u64| -> Result<u64, InvalidSetting> {
            match lookup(key) {
                None => Ok(default),
                Some(v) => v
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n >= min && *n <= 1_000_000)
                    .ok_or(InvalidSetting(
                        key,
                        v.clone(),
                        if min == 0 {
                            "a whole number (0 turns the limit off)"
                        } else {
                            "a whole number of seconds, at least 1"
                        },
                    )),
            }
        };
        let d = Limits::default();
        let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(Limits {
            writes_per_minute: count(number(
                "STORE_RATE_WRITES_PER_MINUTE",
                d.writes_per_minute.into(),
                0,
            )?),
            searches_per_minute: count(number(
                "STORE_RATE_SEARCHES_PER_MINUTE",
                d.searches_per_minute.into(),
                0,
            )?),
            lookups_per_minute: count(number(
                "STORE_RATE_LOOKUPS_PER_MINUTE",
                d.lookups_per_minute.into(),
                0,
            )?),
            sign_ins_per_minute: count(number(
                "STORE_RATE_SIGN_INS_PER_MINUTE",
                d.sign_ins_per_minute.into(),
                0,
            )?),
            max_holds_per_client: count(number(
                "STORE_MAX_HOLDS_PER_CLIENT",
                d.max_holds_per_client.into(),
                0,
            )?),
            trust_forwarded: match lookup("STORE_TRUST_FORWARDED") {
                None => false,
                Some(v) => match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "true" | "yes" | "on" => true,
                    "0" | "false" | "no" | "off" => false,
                    _ => return Err(InvalidSetting("STORE_TRUST_FORWARDED", v, "1 or 0")),
                },
            },
            api_timeout: Duration::from_secs(number(
                "STORE_API_TIMEOUT_SECONDS",
                d.api_timeout.as_secs(),
                1,
            )?),
            header_timeout: Duration::from_secs(number(
                "STORE_HEADER_TIMEOUT_SECONDS",
                d.header_timeout.as_secs(),
                1,
            )?),
            shutdown_deadline: Duration::from_secs(number(
                "STORE_SHUTDOWN_SECONDS",
                d.shutdown_deadline.as_secs(),
                1,
            )?),
        })
    }
}

/// `http(s)://host[:port]` with nothing after it: what a public URL setting must be.
pub fn is_bare_origin(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with(':')
            && r.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    })
}

/// The client a request comes from. Without a connection (in-process tests) every request
/// is the same unknown client, `0.0.0.0`.
pub fn client_ip<B>(req: &Request<B>, trust_forwarded: bool) -> IpAddr {
    client_of(req.extensions(), req.headers(), trust_forwarded)
}

/// [`client_ip`] from a request's parts.
pub fn client_of(
    extensions: &axum::http::Extensions,
    headers: &axum::http::HeaderMap,
    trust_forwarded: bool,
) -> IpAddr {
    let peer = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_canonical());
    let from_proxy = peer.is_none_or(|ip| match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00,
    });
    let client = if trust_forwarded && from_proxy {
        // The proxy appends the address it saw last; anything before it the client wrote. An
        // entry that is not a plain address means the proxy is not what we were told: the
        // peer it is.
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok())
            .map(|ip| ip.to_canonical())
            .or(peer)
    } else {
        peer
    };
    client.map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), network_of)
}

/// The unit a limit applies to: an IPv4 address, or an IPv6 /64 (one host, or one customer's
/// network, holds a whole /64: counting its addresses one by one would let it dodge limits).
fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    }
}

/// The rate limiter's key: the client's IP address.
#[derive(Debug, Clone, Copy)]
pub struct ClientKey {
    pub trust_forwarded: bool,
}

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        Ok(client_ip(req, self.trust_forwarded))
    }
}

/// A per-client limiter's configuration (kept so housekeeping can forget idle clients).
pub type Limiter = Arc<GovernorConfig<ClientKey, NoOpMiddleware>>;

/// A limiter of `per_minute` requests per client, bursting to a quarter of it (at least 5),
/// for `methods` (all when `None`); `None` when the rate is 0 (off).
pub fn limiter(
    per_minute: u32,
    trust_forwarded: bool,
    methods: Option<Vec<Method>>,
) -> Option<Limiter> {
    if per_minute == 0 {
        return None;
    }
    let mut builder = GovernorConfigBuilder::default();
    builder
        .period(Duration::from_nanos(60_000_000_000 / u64::from(per_minute)))
        .burst_size((per_minute / 4).max(5));
    if let Some(methods) = methods {
        builder.methods(methods);
    }
    builder
        .key_extractor(ClientKey { trust_forwarded })
        .finish()
        .map(Arc::new)
}

/// The layer enforcing `limiter`: a refused request gets a localized 429 problem with
/// `Retry-After`.
pub fn layer(limiter: &Limiter) -> GovernorLayer<ClientKey, NoOpMiddleware, Body> {
    GovernorLayer::new(limiter.clone()).error_handler(refused)
}

fn refused(err: GovernorError) -> Response<Body> {
    match err {
        GovernorError::TooManyRequests { wait_time, .. } => {
            AppError::RateLimited(wait_time.max(1)).into_response()
        }
        GovernorError::UnableToExtractKey | GovernorError::Other { .. } => {
            AppError::Internal("rate limiter could not identify the client".into()).into_response()
        }
    }
}

/// The store's limiters, built once from [`Limits`].
#[derive(Clone, Default)]
pub struct Limiters {
    pub writes: Option<Limiter>,
    pub searches: Option<Limiter>,
    pub lookups: Option<Limiter>,
    pub sign_ins: Option<Limiter>,
}

impl Limiters {
    pub fn new(limits: &Limits) -> Limiters {
        Limiters {
            writes: limiter(
                limits.writes_per_minute,
                limits.trust_forwarded,
                Some(vec![
                    Method::POST,
                    Method::PATCH,
                    Method::PUT,
                    Method::DELETE,
                ]),
            ),
            searches: limiter(limits.searches_per_minute, limits.trust_forwarded, None),
            lookups: limiter(limits.lookups_per_minute, limits.trust_forwarded, None),
            sign_ins: limiter(
                limits.sign_ins_per_minute,
                limits.trust_forwarded,
                Some(vec![Method::POST]),
            ),
        }
    }

    /// Forgets clients whose allowance is full again (run by housekeeping), so the maps
    /// do not grow with every address ever seen.
    pub fn forget_idle_clients(&self) {
        for limiter in [&self.writes, &self.searches, &self.lookups, &self.sign_ins]
            .into_iter()
            .flatten()
        {
            limiter.limiter().retain_recent();
            limiter.limiter().shrink_to_fit();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_from_the_environment_and_bad_values_named() {
        let limits = Limits::from_lookup(&|k| match k {
            "STORE_RATE_WRITES_PER_MINUTE" => Some("30".into()),
            "STORE_TRUST_FORWARDED" => Some("1".into()),
            _ => None,
        })
        .expect("valid");
        assert_eq!(limits.writes_per_minute, 30);
        assert!(limits.trust_forwarded);
        assert_eq!(limits.searches_per_minute, 600);
        let err = Limits::from_lookup(&|k| (k == "STORE_SHUTDOWN_SECONDS").then(|| "0".into()))
            .expect_err("refused");
        assert!(err.to_string().contains("STORE_SHUTDOWN_SECONDS"), "{err}");
    }

    #[test]
    fn forwarded_addresses_count_only_from_a_trusted_proxy() {
        let mut req = Request::new(());
        req.headers_mut().insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().expect("header"),
        );
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5000))));
        assert_eq!(
            client_ip(&req, true),
            "198.51.100.7".parse::<IpAddr>().expect("ip")
        );
        assert_eq!(
            client_ip(&req, false),
            "127.0.0.1".parse::<IpAddr>().expect("ip")
        );
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([203, 0, 113, 50], 5000))));
        assert_eq!(
            client_ip(&req, true),
            "203.0.113.50".parse::<IpAddr>().expect("ip"),
            "a public peer cannot claim another address"
        );
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 5000))));
        req.headers_mut().insert(
            "x-forwarded-for",
            "198.51.100.7, unknown".parse().expect("header"),
        );
        assert_eq!(
            client_ip(&req, true),
            "127.0.0.1".parse::<IpAddr>().expect("ip"),
            "a last entry that is not an address is not skipped for one the client wrote"
        );
    }

    #[test]
    fn an_ipv6_network_is_one_client_and_mapped_addresses_are_ipv4() {
        let mut req = Request::new(());
        req.extensions_mut().insert(ConnectInfo(
            "[2001:db8:1:2:aaaa:bbbb:cccc:dddd]:443"
                .parse::<SocketAddr>()
                .expect("addr"),
        ));
        assert_eq!(
            client_ip(&req, false),
            "2001:db8:1:2::".parse::<IpAddr>().expect("ip")
        );
        req.extensions_mut().insert(ConnectInfo(
            "[::ffff:127.0.0.1]:443"
                .parse::<SocketAddr>()
                .expect("addr"),
        ));
        req.headers_mut()
            .insert("x-forwarded-for", "198.51.100.7".parse().expect("header"));
        assert_eq!(
            client_ip(&req, true),
            "198.51.100.7".parse::<IpAddr>().expect("ip"),
            "a proxy on a dual-stack socket is still the proxy"
        );
    }

    #[test]
    fn only_bare_origins_are_public_urls() {
        assert!(is_bare_origin("https://shop.example"));
        assert!(is_bare_origin("http://127.0.0.1:8080"));
        assert!(!is_bare_origin("http://*:8080"));
        assert!(!is_bare_origin("https://shop.example/path"));
        assert!(!is_bare_origin("shop.example"));
    }
}

/// Extractor: the client a request comes from (see [`client_ip`]).
#[derive(Debug, Clone, Copy)]
pub struct Client(pub IpAddr);

impl<S> axum::extract::FromRequestParts<S> for Client
where
    S: Send + Sync,
    Limits: axum::extract::FromRef<S>,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Client, Self::Rejection> {
        let limits = Limits::from_ref(state);
        Ok(Client(client_of(
            &parts.extensions,
            &parts.headers,
            limits.trust_forwarded,
        )))
    }
}
