//! Payments: the provider interface, the methods offered per country, and
//! `GET /api/v1/payment-methods`.
//!
//! **Architecture Invariant:** card data never reaches the store. The buyer types it into the
//! provider's page, shown in an iframe from the provider's own origin; the store only ever
//! sees the one-time token that page hands back, and charges it through [`PaymentProvider`].
//! The embedded provider is the [`sandbox`]; a real one (Stripe, Adyen…) implements the same
//! trait.

pub mod provider;
pub mod sandbox;

pub use provider::{
    ChargeFuture, ChargeRequest, Charged, CheckFuture, Declined, PaymentProvider, VoidFuture,
};

use crate::http::error::{locale_of, AppError, InvalidField, Reason};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::Json;
use domain::order::PaymentSetup;
use domain::shipping::{Charge, DESTINATIONS};
use domain::Money;

/// Payment methods for buyers in `country`: cards everywhere, then what buyers there use.
pub fn methods_for(country: &str) -> Vec<&'static str> {
    let local: &[&'static str] = match country {
        "BR" => &["pix"],
        "JP" => &["konbini", "paypay"],
        "CN" => &["alipay", "wechat_pay"],
        "KR" => &["kakaopay"],
        "TH" => &["promptpay"],
        "VN" => &["momo"],
        "ID" => &["ovo", "bank_transfer"],
        "MY" => &["fpx", "grabpay"],
        "SG" => &["paynow", "grabpay"],
        "PH" => &["gcash"],
        "MX" => &["oxxo"],
        "CL" | "PE" => &["bank_transfer"],
        "DE" | "ES" | "FR" | "IT" => &["bank_transfer"],
        _ => &[],
    };
    std::iter::once("card")
        .chain(local.iter().copied())
        .collect()
}

/// What a payment of `pay_now` will be charged as: the amount itself when the provider
/// settles its currency, else its conversion at a newly locked rate.
pub async fn charge_for(state: &AppState, pay_now: Money) -> Result<Charge, AppError> {
    let provider = &state.payments;
    if provider.settles(pay_now.currency()) {
        return Ok(Charge {
            amount: pay_now,
            fx_quote_id: None,
            rate: None,
        });
    }
    let quote =
        crate::fx::lock_rate(state, pay_now.currency(), provider.fallback_currency()).await?;
    charge_at(pay_now, quote)
}

/// `pay_now` converted at a locked rate: the charge, with the quote that locks it.
pub fn charge_at(pay_now: Money, quote: domain::FxQuote) -> Result<Charge, AppError> {
    let rate = domain::Rate {
        from: quote.from,
        to: quote.to,
        value: quote
            .rate
            .parse()
            .map_err(|_| AppError::Internal("stored rate unreadable".into()))?,
    };
    let amount = rate
        .convert(pay_now)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Charge {
        amount,
        fx_quote_id: Some(quote.id),
        rate: Some(quote.rate),
    })
}

fn query_param(query: Option<&str>, key: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
}

/// How a buyer in `country` paying in `currency` can pay: the provider's page and methods.
#[utoipa::path(
    get,
    path = "/v1/payment-methods",
    tag = "payments",
    params(
        ("country" = String, Query, description = "The ship-to country"),
        ("currency" = String, Query, description = "The display currency"),
        ("locale" = Option<String>, Query, description = "Language of the payment page and problems"),
    ),
    responses(
        (status = 200, description = "The payment page (another origin) and the methods", body = PaymentSetup),
        (status = 400, description = "A country the store does not ship to or an unoffered currency", body = domain::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn payment_methods(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Json<PaymentSetup>, AppError> {
    let q = query.as_deref();
    let locale = locale_of(q, &headers);
    let mut errors = Vec::new();
    let country = query_param(q, "country")
        .map(|c| c.to_ascii_uppercase())
        .and_then(|c| DESTINATIONS.iter().copied().find(|d| *d == c));
    if country.is_none() {
        errors.push(InvalidField {
            field: "country".into(),
            reason: Reason::OneOf(crate::http::error::destination_list()),
        });
    }
    let currency = state
        .fx
        .parse_currency("currency", &query_param(q, "currency").unwrap_or_default());
    let currency = match currency {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let (Some(country), Some(currency)) = (country, currency) else {
        return Err(AppError::InvalidParameters(errors));
    };
    let (url, origin) = state
        .payments
        .frame()
        .ok_or_else(|| AppError::Unavailable("payment page not listening".into()))?;
    let methods = methods_for(country);
    let frame_url = format!(
        "{url}?country={country}&locale={}&methods={}",
        locale.tag(),
        methods.join(",")
    );
    Ok(Json(PaymentSetup {
        provider: state.payments.name().to_owned(),
        frame_url,
        frame_origin: origin,
        methods: methods.iter().map(|m| (*m).to_owned()).collect(),
        display_currency: currency,
        charge_currency: if state.payments.settles(currency) {
            currency
        } else {
            state.payments.fallback_currency()
        },
    }))
}

/// `/v1/payment-methods`, with its OpenAPI operation.
pub fn routes() -> utoipa_axum::router::OpenApiRouter<AppState> {
    utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(payment_methods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_offers_cards_and_brazil_japan_and_chile_their_own_methods() {
        for country in DESTINATIONS {
            assert_eq!(methods_for(country)[0], "card", "{country}");
        }
        assert!(methods_for("BR").contains(&"pix"));
        assert!(methods_for("JP").contains(&"konbini"));
        assert!(methods_for("CL").contains(&"bank_transfer"));
    }
}
