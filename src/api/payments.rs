//! Payments: the methods offered, the provider's payment page (an iframe on the provider's own
//! origin, where card details are typed) and the messages that page sends this one.

use super::http::{get_json, ApiError, Latest};
use domain::order::PaymentSetup;
use domain::{Currency, Locale};
use leptos::prelude::window;

/// `GET /api/v1/payment-methods`: the provider's payment page (another origin) and methods.
pub async fn payment_setup(
    country: &'static str,
    currency: Currency,
    locale: Locale,
    latest: Latest,
) -> Result<PaymentSetup, ApiError> {
    let query = [
        ("country", country),
        ("currency", currency.code()),
        ("locale", locale.tag()),
    ];
    get_json("/api/v1/payment-methods", &query, latest).await
}

/// The payment frame's address: the provider's page, told this page's origin (where it posts
/// its messages) and the attempt (`round`: a new one loads a fresh page after a decline).
pub fn frame_src(setup: &PaymentSetup, round: u32) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!(
        "{}&origin={}&round={}",
        setup.frame_url,
        String::from(js_sys::encode_uri_component(&origin)),
        round
    )
}

/// What the payment frame told the page.
#[derive(Debug, Clone, PartialEq)]
pub struct FrameMessage {
    /// The height the frame's content needs, in CSS pixels.
    pub height: Option<u32>,
    pub payment: Option<FramePayment>,
}

/// The payment the frame holds now.
#[derive(Debug, Clone, PartialEq)]
pub enum FramePayment {
    /// Details accepted: the one-time token to order with, and how the buyer pays
    /// ("Visa ending 4242"), to show.
    Ready { token: String, description: String },
    /// The buyer changed the details: no token until they are accepted again.
    Cleared,
}

/// Reads a `message` event as the payment frame's, or `None` when it is not: it must come
/// from `frame_origin` (the provider's, as the setup named it) and name the provider.
pub fn frame_message(ev: &web_sys::MessageEvent, frame_origin: &str) -> Option<FrameMessage> {
    if ev.origin() != frame_origin {
        return None;
    }
    let data = ev.data();
    let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
    if get("source").and_then(|v| v.as_string()).as_deref() != Some("sandbox-payment") {
        return None;
    }
    let height = get("height").and_then(|v| v.as_f64()).map(|h| h as u32);
    let payment = match get("token") {
        Some(v) if v.is_string() => v.as_string().map(|token| FramePayment::Ready {
            token,
            description: get("description")
                .and_then(|d| d.as_string())
                .unwrap_or_default(),
        }),
        Some(v) if v.is_null() => Some(FramePayment::Cleared),
        _ => None,
    };
    Some(FrameMessage { height, payment })
}
