//! The sandbox payment provider: a payment page served on its own origin (its own port), a
//! token API behind it, and charges that follow the documented test cards.
//!
//! The store embeds the page in an iframe. The buyer types a card there; the page posts it to
//! its own origin (`POST /tokens`), and hands the store only a one-time token through
//! `postMessage` to the store's origin. Test cards (any future expiry, any 3-digit code):
//!
//! | Card                | Outcome                                   |
//! |---------------------|-------------------------------------------|
//! | 4242 4242 4242 4242 | approved                                  |
//! | 4000 0000 0000 0002 | declined (`card_declined`)                |
//! | 4000 0000 0000 9995 | declined (`insufficient_funds`)           |
//! | 4000 0000 0000 3220 | asks for a code (1234), then approved     |
//!
//! Other numbers that pass the Luhn check are approved. Local methods (PIX, konbini, bank
//! transfer, wallets) are approved at once. Tokens last 30 minutes and pay for one order.

use super::provider::{
    ChargeFuture, ChargeRequest, Charged, Declined, PaymentProvider, VoidFuture,
};
use crate::clock;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use domain::{Currency, Locale, Money};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// How long a token can be charged.
const TOKEN_SECONDS: i64 = 30 * 60;

/// The code the challenge card asks for.
const CHALLENGE_CODE: &str = "1234";

/// Currencies the sandbox does not settle, to exercise charging in another currency than the
/// one shown (many providers do not settle every currency): these are charged in US dollars.
const UNSETTLED: [Currency; 2] = [Currency::PEN, Currency::VND];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Approve,
    Decline,
    Insufficient,
}

#[derive(Debug, Clone)]
struct Token {
    outcome: Outcome,
    description: String,
    /// False until the challenge is answered.
    ready: bool,
    created_at: i64,
    /// The idempotency key that charged it and what it got.
    charged: Option<(String, Result<Charged, Declined>)>,
}

/// A successful charge, as the sandbox recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxCharge {
    pub reference: String,
    pub amount: Money,
    /// Cancelled by the store (its order could not be written): the buyer paid nothing.
    pub voided: bool,
}

/// The sandbox provider; shared by the store (which charges) and the payment page's server.
#[derive(Default)]
pub struct Sandbox {
    tokens: Mutex<HashMap<String, Token>>,
    charges: Mutex<Vec<SandboxCharge>>,
    /// Where the payment page listens: an explicit public URL, or the port (the host is the
    /// one the buyer's browser used for the store).
    public_url: OnceLock<String>,
    port: OnceLock<u16>,
    /// The store's public origin (`STORE_PUBLIC_URL`): the only one the page hands tokens to
    /// and may be framed by, once set.
    store_origin: OnceLock<String>,
}

/// Tokens kept at most; past this, new ones are refused until old ones expire.
const MAX_TOKENS: usize = 100_000;
/// Charges remembered (for tests and the load run's check) at most.
const MAX_CHARGES: usize = 100_000;

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox::default()
    }

    /// Records the port the payment page listens on.
    pub fn set_port(&self, port: u16) {
        let _ = self.port.set(port);
    }

    /// Serves the payment page at `url` (`STORE_PAYMENT_URL`, e.g. behind a proxy).
    pub fn set_public_url(&self, url: String) {
        let _ = self.public_url.set(url.trim_end_matches('/').to_owned());
    }

    /// Accepts tokens for, and may be framed by, `origin` only.
    pub fn set_store_origin(&self, origin: String) {
        let _ = self
            .store_origin
            .set(origin.trim_end_matches('/').to_owned());
    }

    /// Drops tokens past their use and the oldest remembered charges past the cap.
    pub fn forget_expired(&self) {
        let now = clock::unix_now();
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.retain(|_, t| now - t.created_at < TOKEN_SECONDS * 4);
        }
        if let Ok(mut charges) = self.charges.lock() {
            let excess = charges.len().saturating_sub(MAX_CHARGES);
            charges.drain(..excess);
        }
    }

    fn check_now(&self, id: &str) -> Result<(), Declined> {
        let tokens = self.tokens.lock().map_err(|_| Declined::InvalidToken)?;
        let token = tokens.get(id).ok_or(Declined::InvalidToken)?;
        if token.charged.as_ref().is_some_and(|(_, r)| r.is_ok())
            || !token.ready
            || clock::unix_now() - token.created_at > TOKEN_SECONDS
        {
            return Err(Declined::InvalidToken);
        }
        match token.outcome {
            Outcome::Approve => Ok(()),
            Outcome::Decline => Err(Declined::Card),
            Outcome::Insufficient => Err(Declined::InsufficientFunds),
        }
    }

    /// Every approved charge so far, oldest first.
    pub fn charges(&self) -> Vec<SandboxCharge> {
        self.charges.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Issues a token as the payment page would after the buyer typed `number` (tests use
    /// this instead of driving the page).
    pub fn token_for_card(&self, number: &str) -> Result<(String, bool), &'static str> {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        if !luhn(&digits) {
            return Err("number");
        }
        self.issue(card_outcome(&digits)).ok_or("full")
    }

    fn issue(
        &self,
        (outcome, description, challenge): (Outcome, String, bool),
    ) -> Option<(String, bool)> {
        let id = format!("tok_{}", clock::random_id());
        let token = Token {
            outcome,
            description,
            ready: !challenge,
            created_at: clock::unix_now(),
            charged: None,
        };
        let mut tokens = self.tokens.lock().ok()?;
        if tokens.len() >= MAX_TOKENS {
            let now = clock::unix_now();
            tokens.retain(|_, t| now - t.created_at < TOKEN_SECONDS);
            if tokens.len() >= MAX_TOKENS {
                return None;
            }
        }
        tokens.insert(id.clone(), token);
        Some((id, challenge))
    }

    fn answer_challenge(&self, id: &str, code: &str) -> Option<bool> {
        let mut tokens = self.tokens.lock().ok()?;
        let token = tokens.get_mut(id)?;
        if code.trim() == CHALLENGE_CODE {
            token.ready = true;
            Some(true)
        } else {
            Some(false)
        }
    }

    fn description(&self, id: &str) -> Option<String> {
        let tokens = self.tokens.lock().ok()?;
        tokens.get(id).map(|t| t.description.clone())
    }

    fn charge_now(&self, request: &ChargeRequest<'_>) -> Result<Charged, Declined> {
        let mut tokens = self.tokens.lock().map_err(|_| Declined::InvalidToken)?;
        let token = tokens
            .get_mut(request.token)
            .ok_or(Declined::InvalidToken)?;
        if let Some((key, result)) = &token.charged {
            // A repeat of the same order request gets the same answer; anything else is a
            // second use of a one-time token.
            return if key == request.idempotency_key {
                result.clone()
            } else {
                Err(Declined::InvalidToken)
            };
        }
        if !token.ready || clock::unix_now() - token.created_at > TOKEN_SECONDS {
            return Err(Declined::InvalidToken);
        }
        let result = match token.outcome {
            Outcome::Approve => Ok(Charged {
                reference: format!("ch_{}", clock::random_id()),
                description: token.description.clone(),
            }),
            Outcome::Decline => Err(Declined::Card),
            Outcome::Insufficient => Err(Declined::InsufficientFunds),
        };
        token.charged = Some((request.idempotency_key.to_owned(), result.clone()));
        if let Ok(charged) = &result {
            if let Ok(mut charges) = self.charges.lock() {
                charges.push(SandboxCharge {
                    reference: charged.reference.clone(),
                    amount: request.amount,
                    voided: false,
                });
            }
        }
        result
    }

    fn void_now(&self, reference: &str) -> Result<(), String> {
        let mut charges = self.charges.lock().map_err(|e| e.to_string())?;
        let charge = charges
            .iter_mut()
            .find(|c| c.reference == reference)
            .ok_or_else(|| format!("no charge {reference}"))?;
        charge.voided = true;
        // The token may pay again: a retry of the same order request is a new charge.
        let mut tokens = self.tokens.lock().map_err(|e| e.to_string())?;
        for token in tokens.values_mut() {
            if matches!(&token.charged, Some((_, Ok(c))) if c.reference == reference) {
                token.charged = None;
            }
        }
        Ok(())
    }
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn settles(&self, currency: Currency) -> bool {
        !UNSETTLED.contains(&currency)
    }

    fn fallback_currency(&self) -> Currency {
        Currency::USD
    }

    fn frame(&self) -> Option<(String, String)> {
        let base = match self.public_url.get() {
            Some(url) => url.clone(),
            None => format!("http://127.0.0.1:{}", self.port.get()?),
        };
        Some((format!("{base}/frame"), base))
    }

    fn check<'a>(&'a self, token: &'a str) -> super::provider::CheckFuture<'a> {
        Box::pin(async move { self.check_now(token) })
    }

    fn charge<'a>(&'a self, request: ChargeRequest<'a>) -> ChargeFuture<'a> {
        Box::pin(async move { self.charge_now(&request) })
    }

    fn void<'a>(&'a self, reference: &'a str) -> VoidFuture<'a> {
        Box::pin(async move { self.void_now(reference) })
    }
}

/// The Luhn check every card number passes.
fn luhn(digits: &str) -> bool {
    if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn card_outcome(digits: &str) -> (Outcome, String, bool) {
    let brand = match digits.as_bytes() {
        [b'4', ..] => "Visa",
        [b'5', b'1'..=b'5', ..] | [b'2', ..] => "Mastercard",
        [b'3', b'4' | b'7', ..] => "American Express",
        [b'3', b'5', ..] => "JCB",
        _ => "Card",
    };
    let description = format!("{brand} •••• {}", &digits[digits.len() - 4..]);
    match digits {
        "4000000000000002" => (Outcome::Decline, description, false),
        "4000000000009995" => (Outcome::Insufficient, description, false),
        "4000000000003220" => (Outcome::Approve, description, true),
        _ => (Outcome::Approve, description, false),
    }
}

/// The name of a local method as its brand writes it (`None`: the page words it).
fn brand_name(method: &str) -> Option<&'static str> {
    Some(match method {
        "pix" => "PIX",
        "paypay" => "PayPay",
        "alipay" => "Alipay",
        "wechat_pay" => "WeChat Pay",
        "kakaopay" => "KakaoPay",
        "promptpay" => "PromptPay",
        "momo" => "MoMo",
        "ovo" => "OVO",
        "fpx" => "FPX",
        "grabpay" => "GrabPay",
        "paynow" => "PayNow",
        "gcash" => "GCash",
        "oxxo" => "OXXO",
        _ => return None,
    })
}

const LOCAL_METHODS: [&str; 16] = [
    "pix",
    "paypay",
    "alipay",
    "wechat_pay",
    "kakaopay",
    "promptpay",
    "momo",
    "ovo",
    "fpx",
    "grabpay",
    "paynow",
    "gcash",
    "oxxo",
    "konbini",
    "bank_transfer",
    "card",
];

/// The payment page's texts in every locale (`data/sandbox-texts.json`).
fn texts(locale: Locale) -> &'static serde_json::Map<String, Value> {
    static ALL: OnceLock<serde_json::Map<String, Value>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        serde_json::from_str(include_str!("../../data/sandbox-texts.json")).unwrap_or_default()
    });
    all.get(locale.tag())
        .or_else(|| all.get("en"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| {
            static EMPTY: OnceLock<serde_json::Map<String, Value>> = OnceLock::new();
            EMPTY.get_or_init(serde_json::Map::new)
        })
}

fn method_name(locale: Locale, method: &str) -> String {
    brand_name(method).map_or_else(
        || {
            texts(locale)
                .get(method)
                .and_then(Value::as_str)
                .unwrap_or(method)
                .to_owned()
        },
        str::to_owned,
    )
}

/// The payment page's own server: the page and the token API, on the sandbox's origin.
pub fn router(sandbox: Arc<Sandbox>) -> Router {
    Router::new()
        .route("/frame", get(frame))
        .route("/tokens", post(create_token))
        .route("/tokens/{id}/challenge", post(challenge))
        .with_state(sandbox)
        .layer(
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        )
        // Tokens and the page that takes card numbers: nothing here may be cached.
        .layer(
            tower_http::set_header::SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ),
        )
}

/// An origin the page may post its token to: `http(s)://host[:port]`, nothing more.
fn valid_origin(origin: &str) -> bool {
    let rest = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && r.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
    })
}

/// Text for a `<script>` block: JSON with `<` escaped so no `</script>` can end it.
fn script_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

async fn frame(State(sandbox): State<Arc<Sandbox>>, RawQuery(query): RawQuery) -> Response {
    let params: HashMap<String, String> =
        form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let locale = params
        .get("locale")
        .and_then(|l| Locale::from_tag(l))
        .unwrap_or_default();
    let origin = params.get("origin").cloned().unwrap_or_default();
    let allowed = match sandbox.store_origin.get() {
        Some(store) => *store == origin,
        None => valid_origin(&origin),
    };
    if !allowed {
        return (StatusCode::BAD_REQUEST, "origin must be the store's origin").into_response();
    }
    let methods: Vec<&str> = params
        .get("methods")
        .map(|m| {
            m.split(',')
                .filter_map(|x| LOCAL_METHODS.iter().copied().find(|k| *k == x))
                .collect()
        })
        .unwrap_or_default();
    let methods = if methods.is_empty() {
        vec!["card"]
    } else {
        methods
    };
    let t = texts(locale);
    let text = |k: &str| t.get(k).and_then(Value::as_str).unwrap_or(k).to_owned();
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let names: serde_json::Map<String, Value> = methods
        .iter()
        .map(|m| ((*m).to_owned(), Value::String(method_name(locale, m))))
        .collect();
    let radios: String = if methods.len() > 1 {
        let items: String = methods
            .iter()
            .enumerate()
            .map(|(i, m)| {
                format!(
                    r#"<label class="method"><input type="radio" name="method" value="{m}"{}> {}</label>"#,
                    if i == 0 { " checked" } else { "" },
                    escape(&method_name(locale, m))
                )
            })
            .collect();
        format!(
            r#"<fieldset class="methods"><legend>{}</legend>{items}</fieldset>"#,
            escape(&text("method_legend"))
        )
    } else {
        String::new()
    };
    let config = json!({
        "origin": origin,
        "texts": t,
        "names": names,
        "first": methods[0],
    });
    let dir = if locale.dir() == domain::Dir::Rtl {
        "rtl"
    } else {
        "ltr"
    };
    let mut html = include_str!("frame.html").to_owned();
    for (key, value) in [
        ("lang", locale.tag().to_owned()),
        ("dir", dir.to_owned()),
        ("title", escape(&text("title"))),
        ("notice", escape(&text("notice"))),
        ("methods", radios),
        ("number", escape(&text("number"))),
        ("expiry", escape(&text("expiry"))),
        ("cvc", escape(&text("cvc"))),
        ("challenge", escape(&text("challenge"))),
        ("code", escape(&text("code"))),
        ("verify", escape(&text("verify"))),
        ("change", escape(&text("change"))),
        ("config", script_json(&config)),
    ] {
        html = html.replace(&format!("%{key}%"), &value);
    }
    let mut response = Html(html).into_response();
    let csp = format!(
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
         connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors {origin}"
    );
    if let Ok(value) = HeaderValue::from_str(&csp) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn field_errors(fields: &[&str]) -> Response {
    let errors: Vec<Value> = fields.iter().map(|f| json!({ "field": f })).collect();
    (StatusCode::BAD_REQUEST, Json(json!({ "errors": errors }))).into_response()
}

/// `MM/YY` (or `MMYY`, `MM / YYYY`) not in the past.
fn valid_expiry(text: &str) -> bool {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let (month, year) = match digits.len() {
        4 => (&digits[..2], format!("20{}", &digits[2..])),
        6 => (&digits[..2], digits[2..].to_owned()),
        _ => return false,
    };
    let (Ok(month), Ok(year)) = (month.parse::<i64>(), year.parse::<i64>()) else {
        return false;
    };
    let (now_y, now_m, _) = clock::civil_from_days(clock::unix_now().div_euclid(86_400));
    (1..=12).contains(&month) && (year, month) >= (now_y, i64::from(now_m)) && year <= now_y + 20
}

async fn create_token(State(sandbox): State<Arc<Sandbox>>, body: axum::body::Bytes) -> Response {
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&body) else {
        return field_errors(&["body"]);
    };
    let get = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("").trim();
    let method = get("method");
    let Some(method) = LOCAL_METHODS.iter().copied().find(|m| *m == method) else {
        return field_errors(&["method"]);
    };
    let issued = if method == "card" {
        let digits: String = get("number").chars().filter(char::is_ascii_digit).collect();
        let only_digits_and_spaces = get("number")
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-');
        let cvc = get("cvc");
        let mut bad = Vec::new();
        if !only_digits_and_spaces || !luhn(&digits) {
            bad.push("number");
        }
        if !valid_expiry(get("expiry")) {
            bad.push("expiry");
        }
        let amex = digits.starts_with("34") || digits.starts_with("37");
        let cvc_len = if amex { 4 } else { 3 };
        if cvc.len() != cvc_len || !cvc.bytes().all(|b| b.is_ascii_digit()) {
            bad.push("cvc");
        }
        if !bad.is_empty() {
            return field_errors(&bad);
        }
        sandbox.issue(card_outcome(&digits))
    } else {
        let name = method_name(Locale::En, method);
        sandbox.issue((Outcome::Approve, name, false))
    };
    let Some((token, challenge)) = issued else {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "60")],
            Json(json!({ "errors": [{ "field": "token", "code": "busy" }] })),
        )
            .into_response();
    };
    let description = sandbox.description(&token).unwrap_or_default();
    (
        StatusCode::CREATED,
        Json(json!({ "token": token, "challenge": challenge, "description": description })),
    )
        .into_response()
}

async fn challenge(
    State(sandbox): State<Arc<Sandbox>>,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let code = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("code").and_then(Value::as_str).map(str::to_owned))
        .unwrap_or_default();
    match sandbox.answer_challenge(&id, &code) {
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({ "errors": [{ "field": "token" }] })),
        )
            .into_response(),
        Some(false) => field_errors(&["code"]),
        Some(true) => {
            let description = sandbox.description(&id).unwrap_or_default();
            Json(json!({ "token": id, "challenge": false, "description": description }))
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_cards_pass_the_luhn_check_and_a_mistyped_one_does_not() {
        for card in [
            "4242424242424242",
            "4000000000000002",
            "4000000000009995",
            "4000000000003220",
        ] {
            assert!(luhn(card), "{card}");
        }
        assert!(!luhn("4242424242424241"));
        assert!(!luhn("42"));
    }

    #[test]
    fn every_locale_has_every_payment_page_text() {
        let en = texts(Locale::En);
        assert!(en.len() >= 20);
        for locale in Locale::ALL {
            let t = texts(locale);
            for key in en.keys() {
                assert!(
                    t.get(key)
                        .and_then(Value::as_str)
                        .is_some_and(|s| !s.is_empty()),
                    "{locale:?} lacks {key}"
                );
            }
        }
    }

    #[test]
    fn a_token_pays_for_one_order_and_a_repeat_of_that_order_gets_the_same_answer() {
        let sandbox = Sandbox::new();
        let (token, challenge) = sandbox
            .token_for_card("4242 4242 4242 4242")
            .expect("test value");
        assert!(!challenge);
        let request = |key| ChargeRequest {
            token: &token,
            amount: Money::from_minor(1000, Currency::USD),
            idempotency_key: key,
        };
        let first = sandbox.charge_now(&request("a")).expect("test value");
        assert_eq!(
            sandbox.charge_now(&request("a")).expect("test value"),
            first
        );
        assert_eq!(
            sandbox.charge_now(&request("b")),
            Err(Declined::InvalidToken)
        );
        assert_eq!(sandbox.charges().len(), 1);
    }

    #[test]
    fn a_voided_charge_is_marked_and_its_token_may_pay_again_but_an_unknown_one_is_an_error() {
        let sandbox = Sandbox::new();
        let (token, _) = sandbox
            .token_for_card("4242424242424242")
            .expect("test value");
        let request = ChargeRequest {
            token: &token,
            amount: Money::from_minor(500, Currency::USD),
            idempotency_key: "k",
        };
        let first = sandbox.charge_now(&request).expect("test value");
        assert!(sandbox.void_now("ch_unknown").is_err());
        sandbox.void_now(&first.reference).expect("test value");
        let second = sandbox.charge_now(&request).expect("test value");
        assert_ne!(second.reference, first.reference);
        let charges = sandbox.charges();
        assert_eq!(
            charges.iter().map(|c| c.voided).collect::<Vec<_>>(),
            [true, false]
        );
    }

    #[test]
    fn declines_follow_the_test_cards_and_a_challenge_must_be_answered() {
        let sandbox = Sandbox::new();
        let charge = |card: &str| {
            let (token, _) = sandbox.token_for_card(card).expect("test value");
            sandbox.charge_now(&ChargeRequest {
                token: &token,
                amount: Money::from_minor(1, Currency::USD),
                idempotency_key: "k",
            })
        };
        assert_eq!(charge("4000000000000002"), Err(Declined::Card));
        assert_eq!(charge("4000000000009995"), Err(Declined::InsufficientFunds));
        assert_eq!(charge("4000000000003220"), Err(Declined::InvalidToken));
        let (token, challenge) = sandbox
            .token_for_card("4000000000003220")
            .expect("test value");
        assert!(challenge);
        assert_eq!(sandbox.answer_challenge(&token, "0000"), Some(false));
        assert_eq!(sandbox.answer_challenge(&token, "1234"), Some(true));
        assert!(sandbox
            .charge_now(&ChargeRequest {
                token: &token,
                amount: Money::from_minor(1, Currency::USD),
                idempotency_key: "k",
            })
            .is_ok());
    }

    #[test]
    fn only_a_bare_origin_may_receive_tokens() {
        assert!(valid_origin("http://127.0.0.1:8080"));
        assert!(valid_origin("https://shop.example"));
        assert!(!valid_origin("javascript:alert(1)"));
        assert!(!valid_origin("http://a.example/path"));
        assert!(!valid_origin("*"));
    }
}
