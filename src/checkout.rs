//! Checkout: contact → shipping address → delivery → payment → review, on one page with a
//! progress list. Each finished step can be opened again; what the buyer typed is kept in
//! `sessionStorage` (it survives a reload or a failed request, and leaves with the tab).
//!
//! The address form is drawn from the destination's format (fields, order, labels, which are
//! required, the postal-code pattern). Fields are checked as the buyer leaves them — required
//! fields and the postal pattern in the browser (JavaScript's `RegExp`, no regex engine in the
//! wasm), everything else by the server — and the server checks all of it again with the
//! order. Card details are typed into the payment provider's page, in an iframe from another
//! origin; this page only receives a one-time token. Every amount is the server's.

use crate::api::{self, ApiError, Latest, OrderDraft};
use crate::app::{localized, tr, tx, use_locale, PageMeta};
use crate::cart::use_cart;
use crate::currency::use_currency;
use crate::fetch::follow;
use crate::format::{currency_name, format_money, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use crate::shipping::{self, DeliveryChoices, ShipToSelect};
use domain::address::{AddressField, AddressFormat, AddressInput, FIELD_KEYS};
use domain::shipping::ShippingTotals;
use domain::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::time::Duration;

const KEY_PREFIX: &str = "store.checkout.";

const STEPS: [Msg; 5] = [
    Msg::StepContact,
    Msg::StepAddress,
    Msg::Delivery,
    Msg::StepPayment,
    Msg::StepReview,
];
const CONTACT: u8 = 0;
const ADDRESS: u8 = 1;
const DELIVERY: u8 = 2;
const PAYMENT: u8 = 3;
const REVIEW: u8 = 4;

fn session() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn kept(key: &str) -> String {
    session()
        .and_then(|s| s.get_item(&format!("{KEY_PREFIX}{key}")).ok().flatten())
        .unwrap_or_default()
}

fn keep(key: &str, value: &str) {
    if let Some(s) = session() {
        let _ = s.set_item(&format!("{KEY_PREFIX}{key}"), value);
    }
}

/// What the buyer typed, kept as they type.
#[derive(Clone, Copy)]
struct Form {
    email: RwSignal<String>,
    values: RwSignal<Vec<(String, String)>>,
    /// Fields the buyer has left (or tried to continue past): their errors show.
    touched: RwSignal<Vec<String>>,
    /// The server's verdict per field: `(field, code)`.
    server: RwSignal<Vec<(String, String)>>,
}

impl Form {
    fn load() -> Form {
        Form {
            email: RwSignal::new(kept("email")),
            values: RwSignal::new(
                FIELD_KEYS
                    .iter()
                    .map(|k| ((*k).to_owned(), kept(k)))
                    .collect(),
            ),
            touched: RwSignal::new(Vec::new()),
            server: RwSignal::new(Vec::new()),
        }
    }

    fn value(self, key: &str) -> String {
        self.values.with(|v| {
            v.iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    }

    fn set(self, key: &str, value: String) {
        keep(key, &value);
        self.values.update(|v| {
            if let Some(slot) = v.iter_mut().find(|(k, _)| k == key) {
                slot.1 = value;
            }
        });
        self.server.update(|e| e.retain(|(k, _)| k != key));
    }

    fn touch(self, key: &str) {
        if !self.touched.with(|t| t.iter().any(|k| k == key)) {
            self.touched.update(|t| t.push(key.to_owned()));
        }
    }

    /// The address as the API takes it: the fields of the country's format (values typed for
    /// another country's fields stay kept but are not sent).
    fn address_json(self, country: &str, format: Option<&AddressFormat>) -> String {
        self.values.with(|values| {
            let mut pairs: Vec<(&str, &str)> = vec![("country", country)];
            pairs.extend(
                values
                    .iter()
                    .filter(|(k, v)| {
                        !v.trim().is_empty()
                            && format.is_none_or(|f| f.fields.iter().any(|x| &x.key == k))
                    })
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            );
            api::json_object(&pairs)
        })
    }

    /// Takes the server's normalized address (trimmed, capitals where the country writes them).
    fn apply(self, address: &AddressInput) {
        for key in FIELD_KEYS {
            let value = match key {
                "name" => &address.name,
                "organization" => &address.organization,
                "address_line1" => &address.address_line1,
                "address_line2" => &address.address_line2,
                "district" => &address.district,
                "city" => &address.city,
                "state" => &address.state,
                "postal_code" => &address.postal_code,
                "phone" => &address.phone,
                _ => &address.customs_id,
            };
            self.set(key, value.clone());
        }
    }
}

/// The server's email rule, on what the buyer typed.
fn email_ok(text: &str) -> bool {
    domain::order::valid_email(text.trim())
}

/// Whether `value` matches the format's postal pattern, with the browser's regular expressions.
pub fn postal_matches(pattern: &str, value: &str) -> bool {
    let upper: String = js_sys::JsString::from(value.trim()).to_upper_case().into();
    js_sys::RegExp::new(&format!("^(?:{pattern})$"), "").test(&upper)
}

/// What the browser can tell about a field without asking the server: `required`,
/// `too_long` or `postal_code_format` (the server's codes).
pub fn local_error(
    field: &AddressField,
    format: &AddressFormat,
    value: &str,
) -> Option<&'static str> {
    let value = value.trim();
    if value.is_empty() {
        return field.required.then_some("required");
    }
    if js_sys::JsString::from(value).length() > field.max_length {
        return Some("too_long");
    }
    match (field.key.as_str(), &format.postal_pattern) {
        ("postal_code", Some(pattern)) if !postal_matches(pattern, value) => {
            Some("postal_code_format")
        }
        _ => None,
    }
}

fn field_label(locale: Locale, field: &AddressField, customs: Option<&str>) -> String {
    let msg = match (field.key.as_str(), field.label.as_str()) {
        ("name", _) => Msg::LabelName,
        ("organization", _) => Msg::LabelOrganization,
        ("address_line1", _) => Msg::LabelAddress1,
        ("address_line2", _) => Msg::LabelAddress2,
        ("phone", _) => Msg::LabelPhone,
        ("customs_id", _) => match customs {
            Some("cpf") => Msg::LabelCpf,
            Some("rut") => Msg::LabelRut,
            Some("pccc") => Msg::LabelPccc,
            _ => Msg::LabelCnId,
        },
        ("postal_code", "zip") => Msg::LabelZip,
        ("postal_code", _) => Msg::PostalCode,
        (_, "state") => Msg::LabelState,
        (_, "province") => Msg::LabelProvince,
        (_, "prefecture") => Msg::LabelPrefecture,
        (_, "region") => Msg::LabelRegion,
        (_, "emirate") => Msg::LabelEmirate,
        (_, "department") => Msg::LabelDepartment,
        (_, "do_si") => Msg::LabelDoSi,
        (_, "suburb") => Msg::LabelSuburb,
        (_, "post_town") => Msg::LabelPostTown,
        (_, "neighborhood") => Msg::LabelNeighborhood,
        (_, "village_township") => Msg::LabelVillage,
        (_, "commune") => Msg::LabelCommune,
        ("district", _) | (_, "district") => Msg::LabelDistrict,
        ("state", _) => Msg::LabelState,
        _ => Msg::LabelCity,
    };
    let text = t(locale, msg).into_owned();
    if field.required {
        text
    } else {
        fill(&t(locale, Msg::OptionalField), &[text])
    }
}

fn error_text(locale: Locale, code: &str, field: &AddressField, format: &AddressFormat) -> String {
    match code {
        "required" => t(locale, Msg::FieldRequired).into_owned(),
        "postal_code_format" => fill(
            &t(locale, Msg::PostalFormat),
            &[format.postal_examples.first().cloned().unwrap_or_default()],
        ),
        "phone_invalid" => fill(
            &t(locale, Msg::PhoneInvalid),
            &[
                region_name(&format.country, locale.tag()),
                format.phone_example.clone(),
            ],
        ),
        "customs_id_invalid" => fill(
            &t(locale, Msg::CustomsIdInvalid),
            &[field.example.clone().unwrap_or_default()],
        ),
        "too_long" => fill(
            &t(locale, Msg::FieldTooLong),
            &[field.max_length.to_string()],
        ),
        _ => t(locale, Msg::FixFields).into_owned(),
    }
}

/// The first field of `format` that shows an error, as the form would show it now.
fn field_error(form: Form, format: &AddressFormat, field: &AddressField) -> Option<String> {
    let key = field.key.as_str();
    if !form.touched.with(|t| t.iter().any(|k| k == key)) {
        return None;
    }
    local_error(field, format, &form.value(key))
        .map(str::to_owned)
        .or_else(|| {
            form.server.with(|s| {
                s.iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, code)| code.clone())
            })
        })
}

fn focus(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

fn money(m: &Money, locale: Locale) -> String {
    format_money(m, locale.tag())
}

/// Amounts as a summary list; the `true` row is the total.
pub fn summary_list(locale: Locale, rows: Vec<(Msg, Money, bool)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(msg, m, total)| {
            view! {
                <div class="summary-row" class:total=total>
                    <dt>{t(locale, msg).into_owned()}</dt>
                    <dd>{money(&m, locale)}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="checkout-summary">{rows}</dl> }
}

/// The server's totals as a summary list; the charge, when in another currency, beneath.
pub fn totals_view(locale: Locale, totals: &ShippingTotals) -> impl IntoView {
    let rows = vec![
        (Msg::SummaryGoods, totals.goods, false),
        (Msg::SummaryShipping, totals.shipping, false),
        (Msg::SummaryTaxesNow, totals.duties_and_taxes_now, false),
        (Msg::SummaryPayNow, totals.pay_now, true),
        (Msg::SummaryOnDelivery, totals.due_on_delivery, false),
        (Msg::SummaryLanded, totals.landed_total, false),
    ];
    view! {
        {summary_list(locale, rows)}
        {charge_notice(locale, totals).map(|n| view! { <p class="charge-notice" role="note">{n}</p> })}
    }
}

/// "You'll be charged US$12.34 in US dollars: PEN 41.50 at the locked rate of 1 PEN = 0.297 USD."
fn charge_notice(locale: Locale, totals: &ShippingTotals) -> Option<String> {
    let charge = &totals.charge;
    (charge.amount.currency() != totals.pay_now.currency()).then(|| {
        fill(
            &t(locale, Msg::ChargeNotice),
            &[
                money(&charge.amount, locale),
                currency_name(charge.amount.currency().code(), locale.tag()),
                money(&totals.pay_now, locale),
                format!(
                    "1 {} = {} {}",
                    totals.pay_now.currency().code(),
                    crate::format::format_decimal(
                        charge.rate.as_deref().unwrap_or_default(),
                        locale.tag()
                    ),
                    charge.amount.currency().code()
                ),
            ],
        )
    })
}

/// A new random `Idempotency-Key` for an order attempt.
fn new_key() -> String {
    let crypto = js_sys::Reflect::get(&window(), &"crypto".into()).ok();
    crypto
        .and_then(|c| {
            let f = js_sys::Reflect::get(&c, &"randomUUID".into()).ok()?;
            let f: js_sys::Function = wasm_bindgen::JsCast::dyn_into(f).ok()?;
            f.call0(&c).ok()?.as_string()
        })
        // Integers, not floats: formatting an f64 would pull kilobytes into the wasm.
        .unwrap_or_else(|| {
            let (now, random) = (
                js_sys::Date::now() as u64,
                (js_sys::Math::random() * 1e15) as u64,
            );
            format!("{now}-{random}")
        })
}

/// `/{locale}/checkout`.
#[component]
pub fn CheckoutPage() -> impl IntoView {
    let locale = use_locale();
    let cart = use_cart();
    let currency = use_currency().current;
    let navigate = use_navigate();
    let title = Signal::derive(move || t(locale.get(), Msg::Checkout).into_owned());
    let form = Form::load();
    // The payment token is not kept: a reload goes back to the payment step at most.
    let first = kept("step").parse::<u8>().unwrap_or(CONTACT).min(PAYMENT);
    let step = RwSignal::new(first);
    let furthest = RwSignal::new(
        kept("furthest")
            .parse::<u8>()
            .unwrap_or(first)
            .clamp(first, PAYMENT),
    );
    let go = move |to: u8| {
        step.set(to);
        if to > furthest.get_untracked() {
            furthest.set(to);
        }
        keep("step", &to.to_string());
        keep("furthest", &furthest.get_untracked().to_string());
        focus(&format!("step-{to}-heading"));
    };

    // The address format of the ship-to country.
    let (format, reload_format) = follow(move || cart.ship_to.get(), api::address_format);
    let current_format = move || format.with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).cloned());

    // Delivery: quoted once the address is done, for its postal code.
    // A memo: a cart reloaded with the same lines must not ask for a new quote.
    let quote_body = Memo::new(move |_| {
        if furthest.get() < DELIVERY {
            return None;
        }
        let postal = form.value("postal_code");
        let postal = if shipping::well_formed_postal(&postal) {
            postal
        } else {
            String::new()
        };
        shipping::cart_quote_body(cart, &postal)
    });
    let live = shipping::live_quote(quote_body.into(), Duration::from_millis(300));
    let choices = shipping::follow_choices(live);
    let totals = shipping::follow_totals(live, choices);

    // Payment: the provider's page, and what it hands back.
    let (setup, _) = follow(
        move || {
            (furthest.get() >= PAYMENT).then(|| (cart.ship_to.get(), currency.get(), locale.get()))
        },
        |input, latest| async move {
            match input {
                Some((country, currency, locale)) => {
                    api::payment_setup(country, currency, locale, latest)
                        .await
                        .map(Some)
                }
                None => Ok(None),
            }
        },
    );
    let frame_origin = move || {
        setup.with(|s| {
            s.as_ref()
                .and_then(|r| r.as_ref().ok())
                .and_then(|s| s.as_ref())
                .map(|s| s.frame_origin.clone())
        })
    };
    let payment = RwSignal::new(None::<(String, String)>);
    let frame_height = RwSignal::new(420u32);
    let frame_round = RwSignal::new(0u32);
    let payment_error = RwSignal::new(None::<String>);
    let messages = window_event_listener(leptos::ev::message, move |ev| {
        let Some(origin) = frame_origin() else { return };
        if ev.origin() != origin {
            return;
        }
        let data = ev.data();
        let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
        if get("source").and_then(|v| v.as_string()).as_deref() != Some("sandbox-payment") {
            return;
        }
        if let Some(h) = get("height").and_then(|v| v.as_f64()) {
            frame_height.set((h as u32).clamp(200, 1200));
        }
        match get("token") {
            Some(v) if v.is_string() => {
                let description = get("description")
                    .and_then(|d| d.as_string())
                    .unwrap_or_default();
                payment_error.set(None);
                payment.set(v.as_string().map(|t| (t, description)));
            }
            Some(v) if v.is_null() => payment.set(None),
            _ => {}
        }
    });
    on_cleanup(move || messages.remove());

    // Review and placing the order.
    let placing = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let needs_confirm = RwSignal::new(false);
    // The charge the buyer saw when they reached the review.
    let agreed = StoredValue::new(None::<Money>);
    let attempt = StoredValue::new(None::<(String, String)>);
    // A quote renewed while the buyer reviews (it expired), or a charge that changed, must be
    // confirmed again.
    Effect::new(move |_| {
        let renewed = live.renewed.get();
        let charge = totals.with(|t| t.as_ref().map(|t| t.charge.amount));
        if step.get_untracked() != REVIEW || charge.is_none() {
            return;
        }
        if renewed || agreed.get_value().is_some_and(|a| Some(a) != charge) {
            needs_confirm.set(true);
            notice.set(Some(
                t(locale.get_untracked(), Msg::QuoteRenewedConfirm).into_owned(),
            ));
        }
    });
    let ready_to_place = move || {
        let quote_id = live.quote.with(|q| q.as_ref().map(|q| q.id.clone()));
        !placing.get()
            && payment.with(Option::is_some)
            && totals.with(|t| {
                t.as_ref()
                    .is_some_and(|t| Some(&t.quote_id) == quote_id.as_ref())
            })
    };
    let place = {
        let navigate = navigate.clone();
        move || {
            let l = locale.get_untracked();
            let Some(token) = cart
                .cart
                .with_untracked(|c| c.as_ref().map(|c| c.token.clone()))
            else {
                return;
            };
            let Some(tot) = totals.get_untracked() else {
                return;
            };
            let Some((payment_token, _)) = payment.get_untracked() else {
                return;
            };
            let choices = choices.get_untracked();
            let address =
                form.address_json(cart.ship_to.get_untracked(), current_format().as_ref());
            let email = form.email.get_untracked();
            let body = OrderDraft {
                cart_token: &token,
                email: email.trim(),
                address: &address,
                quote_id: &tot.quote_id,
                choices: &choices,
                payment_token: &payment_token,
                fx_quote_id: tot.charge.fx_quote_id.as_deref(),
                expected_total: &tot.charge.amount,
            }
            .body();
            // The same order sent again (a double click, a retry after a lost answer) keeps its
            // key, so the server answers it once.
            let key = match attempt.get_value() {
                Some((b, k)) if b == body => k,
                _ => new_key(),
            };
            attempt.set_value(Some((body.clone(), key.clone())));
            agreed.set_value(Some(tot.charge.amount));
            needs_confirm.set(false);
            notice.set(None);
            placing.set(true);
            let navigate = navigate.clone();
            spawn_local(async move {
                let result = api::place_order(body, &key, l).await;
                placing.set(false);
                match result {
                    Ok(order) => {
                        cart.forget();
                        for k in ["step", "furthest"] {
                            keep(k, "");
                        }
                        let path = format!("/orders/{}?key={}", order.number, order.access_key);
                        navigate(&localized(l, &path), Default::default());
                    }
                    Err(ApiError::Server { status, problem }) => {
                        let detail = problem.as_ref().map(|p| p.detail.clone());
                        let code = problem.as_ref().map(|p| p.code.clone()).unwrap_or_default();
                        match status {
                            402 => {
                                payment.set(None);
                                frame_round.update(|n| *n += 1);
                                payment_error.set(detail);
                                go(PAYMENT);
                            }
                            409 if code == "order_total_changed" => {
                                if let Some(new) = problem.and_then(|p| p.totals) {
                                    totals.set(Some(*new));
                                }
                                needs_confirm.set(true);
                                notice.set(detail);
                            }
                            409 | 410 => {
                                live.renew();
                                needs_confirm.set(true);
                                notice.set(Some(if status == 410 {
                                    t(l, Msg::QuoteRenewedConfirm).into_owned()
                                } else {
                                    detail.unwrap_or_default()
                                }));
                            }
                            400 => {
                                let errors = problem.map(|p| p.errors).unwrap_or_default();
                                let address: Vec<(String, String)> = errors
                                    .iter()
                                    .filter_map(|e| {
                                        e.field
                                            .strip_prefix("address.")
                                            .map(|f| (f.to_owned(), e.code.clone()))
                                    })
                                    .collect();
                                if !address.is_empty() {
                                    for (k, _) in &address {
                                        form.touch(k);
                                    }
                                    form.server.set(address);
                                    go(ADDRESS);
                                } else if errors.iter().any(|e| e.field == "email") {
                                    go(CONTACT);
                                } else {
                                    notice.set(detail);
                                }
                            }
                            _ => notice.set(
                                detail.or_else(|| Some(t(l, Msg::OrderUnreachable).into_owned())),
                            ),
                        }
                    }
                    Err(_) => notice.set(Some(t(l, Msg::OrderUnreachable).into_owned())),
                }
            });
        }
    };

    // Steps.
    let email_error = RwSignal::new(false);
    let contact_next = move || {
        let ok = email_ok(&form.email.get_untracked());
        email_error.set(!ok);
        if ok {
            go(ADDRESS);
        } else {
            focus("checkout-email");
        }
    };
    let address_failed = RwSignal::new(false);
    let address_busy = RwSignal::new(false);
    let validate_latest = Latest::new();
    let address_next = move || {
        let Some(fmt) = current_format() else { return };
        for f in &fmt.fields {
            form.touch(&f.key);
        }
        if let Some(f) = fmt
            .fields
            .iter()
            .find(|f| field_error(form, &fmt, f).is_some())
        {
            focus(&format!("addr-{}", f.key));
            return;
        }
        address_busy.set(true);
        address_failed.set(false);
        let body = form.address_json(cart.ship_to.get_untracked(), current_format().as_ref());
        spawn_local(async move {
            let result = api::validate_address(body, locale.get_untracked(), validate_latest).await;
            address_busy.set(false);
            match result {
                Ok(valid) => {
                    form.apply(&valid.address);
                    form.server.set(Vec::new());
                    go(DELIVERY);
                }
                Err(ApiError::Server {
                    status: 400,
                    problem: Some(p),
                }) => {
                    let errors: Vec<(String, String)> = p
                        .errors
                        .iter()
                        .map(|e| (e.field.clone(), e.code.clone()))
                        .collect();
                    if let Some((first, _)) = errors.first() {
                        focus(&format!("addr-{first}"));
                    }
                    form.server.set(errors);
                }
                Err(ApiError::Aborted) => {}
                Err(_) => address_failed.set(true),
            }
        });
    };
    // The server's check of the fields left so far, shortly after the buyer leaves one.
    let blur_latest = Latest::new();
    let blur_timer = StoredValue::new_local(None::<TimeoutHandle>);
    let check_soon = move || {
        blur_timer.update_value(|t| {
            if let Some(t) = t.take() {
                t.clear();
            }
        });
        let run = move || {
            let body = form.address_json(cart.ship_to.get_untracked(), current_format().as_ref());
            spawn_local(async move {
                match api::validate_address(body, locale.get_untracked(), blur_latest).await {
                    Ok(_) => form.server.set(Vec::new()),
                    Err(ApiError::Server {
                        status: 400,
                        problem: Some(p),
                    }) => {
                        form.server.set(
                            p.errors
                                .iter()
                                .map(|e| (e.field.clone(), e.code.clone()))
                                .collect(),
                        );
                    }
                    Err(_) => {}
                }
            });
        };
        blur_timer.set_value(set_timeout_with_handle(run, Duration::from_millis(250)).ok());
    };

    let address_fields = move || {
        let l = locale.get();
        let answer = format.with(|f| f.clone());
        match answer {
            None => view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span></div> }.into_any(),
            Some(Err(_)) => view! {
                <div class="quote-error" role="alert">
                    <p>{tx(Msg::AddressCheckFailed)}</p>
                    <button type="button" class="button secondary" on:click=move |_| reload_format()>{tx(Msg::Retry)}</button>
                </div>
            }.into_any(),
            Some(Ok(fmt)) => {
                let country = region_name(&fmt.country, l.tag());
                fmt.rows
                    .iter()
                    .map(|row| {
                        let cells = row
                            .iter()
                            .filter_map(|key| fmt.fields.iter().find(|f| &f.key == key).cloned())
                            .map(|field| {
                                let key = field.key.clone();
                                let id = format!("addr-{key}");
                                let error_id = format!("{id}-error");
                                let hint_id = format!("{id}-hint");
                                let label = field_label(l, &field, fmt.customs_id.as_deref());
                                let placeholder = match key.as_str() {
                                    "postal_code" => fmt.postal_examples.first().cloned(),
                                    "phone" => Some(fmt.phone_example.clone()),
                                    _ => field.example.clone(),
                                };
                                let hint = (key == "customs_id").then(|| fill(&t(l, Msg::CustomsIdHint), std::slice::from_ref(&country)));
                                let autocomplete = field.autocomplete.clone();
                                let (fmt2, field2) = (fmt.clone(), field.clone());
                                let error = Memo::new(move |_| field_error(form, &fmt2, &field2));
                                let (fmt3, field3) = (fmt.clone(), field.clone());
                                let (k_in, k_blur, k_val) = (key.clone(), key.clone(), key.clone());
                                let described = {
                                    let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
                                    let has_hint = hint.is_some();
                                    move || {
                                        let mut ids = Vec::new();
                                        if error.with(Option::is_some) { ids.push(error_id.clone()); }
                                        if has_hint { ids.push(hint_id.clone()); }
                                        ids.join(" ")
                                    }
                                };
                                view! {
                                    <div class=format!("field addr-{key}")>
                                        <label for=id.clone()>{label}</label>
                                        <input id=id type=if key == "phone" { "tel" } else { "text" }
                                            name=key.clone() autocomplete=autocomplete
                                            maxlength=field.max_length.to_string()
                                            required=field.required
                                            placeholder=placeholder
                                            aria-invalid=move || error.with(Option::is_some).to_string()
                                            aria-describedby=described
                                            prop:value=move || form.value(&k_val)
                                            on:input=move |ev| form.set(&k_in, event_target_value(&ev))
                                            on:blur=move |_| { form.touch(&k_blur); check_soon(); }/>
                                        {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
                                        {move || error.get().map(|code| view! {
                                            <p id=error_id.clone() class="field-error">{error_text(locale.get_untracked(), &code, &field3, &fmt3)}</p>
                                        })}
                                    </div>
                                }
                            })
                            .collect_view();
                        view! { <div class="field-row">{cells}</div> }
                    })
                    .collect_view()
                    .into_any()
            }
        }
    };

    let step_section =
        move |index: u8, body: AnyView, summary: Box<dyn Fn() -> Option<String> + Send + Sync>| {
            let heading_id = format!("step-{index}-heading");
            let labelled = heading_id.clone();
            let heading = tx(STEPS[index as usize]);
            let summary = move || {
                { step.get() != index && furthest.get() > index }
                    .then(&summary)
                    .flatten()
            };
            view! {
                <section class="checkout-step" class:current=move || step.get() == index aria-labelledby=labelled>
                    <div class="step-head">
                        <h2 id=heading_id tabindex="-1">{heading}</h2>
                        {move || (step.get() != index && furthest.get() >= index).then(|| view! {
                            <button type="button" class="link-button" on:click=move |_| go(index)>{tx(Msg::ChangeStep)}</button>
                        })}
                    </div>
                    {move || summary().map(|s| view! { <p class="step-summary"><bdi>{s}</bdi></p> })}
                    <div class="step-body" hidden=move || step.get() != index>{body}</div>
                </section>
            }
        };

    let contact = view! {
        <form class="checkout-form" novalidate on:submit=move |ev| { ev.prevent_default(); contact_next(); }>
            <div class="field">
                <label for="checkout-email">{tr(Msg::EmailLabel)}</label>
                <input id="checkout-email" type="email" autocomplete="email" inputmode="email" required=true
                    aria-invalid=move || email_error.get().to_string()
                    aria-describedby=move || if email_error.get() { "checkout-email-error checkout-email-hint" } else { "checkout-email-hint" }
                    prop:value=move || form.email.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        keep("email", &v);
                        // An error already shown goes as soon as the address is right; a new one
                        // waits until the buyer leaves the field.
                        if email_error.get_untracked() && email_ok(&v) {
                            email_error.set(false);
                        }
                        form.email.set(v);
                    }
                    on:blur=move |_| {
                        let v = form.email.get_untracked();
                        if !v.trim().is_empty() && !email_ok(&v) {
                            email_error.set(true);
                        }
                    }/>
                <p id="checkout-email-hint" class="hint">{tr(Msg::EmailHint)}</p>
                {move || email_error.get().then(|| view! { <p id="checkout-email-error" class="field-error">{tx(Msg::EmailInvalid)}</p> })}
            </div>
            <button type="submit" class="button primary">{tr(Msg::ContinueStep)}</button>
        </form>
    }
    .into_any();

    let address = view! {
        <form class="checkout-form" novalidate on:submit=move |ev| { ev.prevent_default(); address_next(); }>
            <ShipToSelect id="address-country"/>
            {address_fields}
            {move || address_failed.get().then(|| view! { <p class="field-error" role="alert">{tx(Msg::AddressCheckFailed)}</p> })}
            <button type="submit" class="button primary" disabled=move || address_busy.get()>{tr(Msg::ContinueStep)}</button>
        </form>
    }
    .into_any();

    let delivery_blocked = move || {
        live.quote
            .with(|q| q.as_ref().is_some_and(|q| !q.unshippable.is_empty()))
    };
    let delivery = view! {
        <DeliveryChoices live choices totals/>
        {move || delivery_blocked().then(|| view! {
            <p><a class="button secondary" href=localized(locale.get(), "/cart")>{tx(Msg::CartHeading)}</a></p>
        })}
        <button type="button" class="button primary"
            disabled=move || totals.with(Option::is_none) || delivery_blocked()
            on:click=move |_| go(PAYMENT)>{tr(Msg::ContinueStep)}</button>
    }
    .into_any();

    let frame = move || {
        let origin = window().location().origin().unwrap_or_default();
        setup.with(|s| match s {
            None | Some(Ok(None)) => view! { <div class="quote-skeleton" aria-hidden="true"><span></span><span></span></div> }.into_any(),
            Some(Err(_)) => view! { <p class="quote-error" role="alert">{tx(Msg::QuoteFailed)}</p> }.into_any(),
            Some(Ok(Some(setup))) => {
                let src = format!(
                    "{}&origin={}&round={}",
                    setup.frame_url,
                    String::from(js_sys::encode_uri_component(&origin)),
                    frame_round.get()
                );
                view! {
                    <iframe class="payment-frame" title=tx(Msg::PaymentFrameTitle) src=src
                        style:height=move || format!("{}px", frame_height.get())></iframe>
                }.into_any()
            }
        })
    };
    let payment_step = view! {
        {move || payment_error.get().map(|e| view! { <p class="field-error payment-error" role="alert">{e}</p> })}
        {frame}
        {move || totals.with(|t| t.as_ref().and_then(|t| charge_notice(locale.get(), t))).map(|n| view! { <p class="charge-notice" role="note">{n}</p> })}
        {move || match payment.get() {
            Some((_, d)) => view! { <p class="payment-ready" role="status">{fill(&tx(Msg::PayingWith), &[d])}</p> }.into_any(),
            None => view! { <p class="hint">{tx(Msg::PaymentNeeded)}</p> }.into_any(),
        }}
        <button type="button" class="button primary" disabled=move || payment.with(Option::is_none)
            on:click=move |_| {
                agreed.set_value(totals.with_untracked(|t| t.as_ref().map(|t| t.charge.amount)));
                needs_confirm.set(false);
                notice.set(None);
                go(REVIEW);
            }>{tr(Msg::ContinueStep)}</button>
    }
    .into_any();

    let review = {
        let place = place.clone();
        view! {
            <div class="review">
                {move || totals.with(|t| t.as_ref().map(|t| totals_view(locale.get(), t)))}
                {move || notice.get().map(|n| view! { <p class="cart-notice" role="alert">{n}</p> })}
                <button type="button" class="button primary place-order"
                    disabled=move || !ready_to_place()
                    on:click=move |_| place()>
                    {move || t(locale.get(), if placing.get() { Msg::PlacingOrder } else if needs_confirm.get() { Msg::ConfirmNewTotal } else { Msg::PlaceOrder }).into_owned()}
                </button>
            </div>
        }
    }
    .into_any();

    let address_summary = move || {
        let l = locale.get();
        let fmt = current_format();
        // The address as it is written on a parcel: every field of the country's format but the
        // company, the phone and the customs number.
        let mut parts: Vec<String> = FIELD_KEYS
            .iter()
            .filter(|k| !matches!(**k, "organization" | "phone" | "customs_id"))
            .filter(|k| {
                fmt.as_ref()
                    .is_none_or(|f| f.fields.iter().any(|x| x.key == **k))
            })
            .map(|k| form.value(k))
            .filter(|v| !v.trim().is_empty())
            .collect();
        parts.push(region_name(cart.ship_to.get(), l.tag()));
        Some(parts.join(", "))
    };
    let delivery_summary = move || {
        let l = locale.get();
        live.quote.with(|q| {
            let q = q.as_ref()?;
            let chosen = choices.get();
            let parts: Vec<String> = q
                .shipments
                .iter()
                .filter_map(|s| {
                    let (_, o) = chosen.iter().find(|(sid, _)| *sid == s.id)?;
                    let o = s.options.iter().find(|x| &x.id == o)?;
                    Some(format!(
                        "{} · {} · {}",
                        shipping::service_name(l, &o.service),
                        o.carrier,
                        shipping::arrives(l, o)
                    ))
                })
                .collect();
            Some(parts.join("; "))
        })
    };

    let progress = move || {
        let l = locale.get();
        STEPS
            .iter()
            .enumerate()
            .map(|(i, msg)| {
                let i = i as u8;
                let name = t(l, *msg).into_owned();
                view! {
                    <li class:done=move || { furthest.get() > i } class:current=move || step.get() == i
                        aria-current=move || (step.get() == i).then_some("step")>
                        {move || if furthest.get() >= i && step.get() != i {
                            let name = name.clone();
                            view! { <button type="button" class="link-button" on:click=move |_| go(i)>{name}</button> }.into_any()
                        } else {
                            view! { <span>{name.clone()}</span> }.into_any()
                        }}
                        {move || { furthest.get() > i }.then(|| view! { <span class="visually-hidden">{format!(" ({})", tx(Msg::StepDone))}</span> })}
                    </li>
                }
            })
            .collect_view()
    };

    let cart_empty = Memo::new(move |_| {
        cart.cart
            .with(|c| c.as_ref().is_none_or(|c| c.item_count == 0))
    });
    view! {
        <PageMeta title description=title path="/checkout".to_owned() noindex=true/>
        <section class="checkout-page">
            <h1>{tr(Msg::Checkout)}</h1>
            {move || cart_empty.get().then(|| view! {
                <div class="cart-empty">
                    <p>{tx(Msg::CartEmpty)}</p>
                    <a class="button" href=localized(locale.get(), "")>{tx(Msg::ContinueShopping)}</a>
                </div>
            })}
            // Hidden, not removed, while there is nothing to buy: what was typed stays.
            <div class="checkout-flow" hidden=move || cart_empty.get()>
                <nav aria-label=tr(Msg::CheckoutSteps)>
                    <ol class="checkout-steps">{progress}</ol>
                </nav>
                {step_section(CONTACT, contact, Box::new(move || Some(form.email.get())))}
                {step_section(ADDRESS, address, Box::new(address_summary))}
                {step_section(DELIVERY, delivery, Box::new(delivery_summary))}
                {step_section(PAYMENT, payment_step, Box::new(move || payment.get().map(|(_, d)| d)))}
                {step_section(REVIEW, review, Box::new(|| None))}
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_email_field_uses_the_servers_rule_on_what_was_typed_without_surrounding_spaces() {
        assert!(email_ok("ana@example.cl"));
        assert!(email_ok(" ana@example.cl "));
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.cl",
            "ana@example",
            "ana@.cl",
            "a b@example.cl",
        ] {
            assert!(!email_ok(bad), "{bad}");
        }
    }
}
