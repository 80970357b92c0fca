//! The address step: the destination's address format as a form, checked in the browser and
//! by the server as the buyer leaves each field, and normalized by the server to continue.

use super::flow::{Checkout, Step};
use super::form::{error_text, field_error, field_label, focus};
use crate::api::addresses::{self, ValidateError};
use crate::api::Latest;
use crate::buyer::{tr, tx};
use crate::format::region_name;
use crate::i18n::{fill, t, Msg};
use crate::shipping::ShipToSelect;
use domain::address::FIELD_KEYS;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

pub(super) fn address_step(
    c: Checkout,
    reload_format: impl Fn() + Copy + Send + Sync + 'static,
) -> AnyView {
    let (form, locale, ship_to) = (c.form, c.locale, c.buyer.ship_to);
    let address_failed = RwSignal::new(false);
    let address_busy = RwSignal::new(false);
    let validate_latest = Latest::new();
    let address_next = move || {
        let Some(fmt) = c.current_format() else {
            return;
        };
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
        let address = form.address(ship_to.get_untracked(), c.current_format().as_ref());
        spawn_local(async move {
            let result =
                addresses::validate_address(&address, locale.get_untracked(), validate_latest)
                    .await;
            address_busy.set(false);
            match result {
                Ok(valid) => {
                    form.apply(&valid.address);
                    form.server.set(Vec::new());
                    c.steps.go(Step::Delivery);
                }
                Err(ValidateError::Invalid(errors)) => {
                    let errors: Vec<(String, String)> = errors
                        .iter()
                        .map(|e| (e.field.clone(), e.code.clone()))
                        .collect();
                    if let Some((first, _)) = errors.first() {
                        focus(&format!("addr-{first}"));
                    }
                    form.server.set(errors);
                }
                Err(ValidateError::Aborted) => {}
                Err(ValidateError::Failed) => address_failed.set(true),
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
            let address = form.address(ship_to.get_untracked(), c.current_format().as_ref());
            spawn_local(async move {
                match addresses::validate_address(&address, locale.get_untracked(), blur_latest)
                    .await
                {
                    Ok(_) => form.server.set(Vec::new()),
                    Err(ValidateError::Invalid(errors)) => {
                        form.server.set(
                            errors
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

    let address_fields = address_fields(c, check_soon, reload_format);
    view! {
        <form class="checkout-form" novalidate on:submit=move |ev| { ev.prevent_default(); address_next(); }>
            <ShipToSelect id="address-country"/>
            {address_fields}
            {move || address_failed.get().then(|| view! { <p class="field-error" role="alert">{tx(Msg::AddressCheckFailed)}</p> })}
            <button type="submit" class="button primary" disabled=move || address_busy.get()>{tr(Msg::ContinueStep)}</button>
        </form>
    }
    .into_any()
}

/// The form's fields, row by row as the country writes them, each with its label, hint and
/// error.
fn address_fields(
    c: Checkout,
    check_soon: impl Fn() + Copy + Send + Sync + 'static,
    reload_format: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let (form, locale) = (c.form, c.locale);
    move || {
        let l = locale.get();
        let answer = c.format.with(|f| f.clone());
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
    }
}

/// The address as it is written on a parcel: every field of the country's format but the
/// company, the phone and the customs number, and the country.
pub(super) fn summary(c: Checkout) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let (form, locale, ship_to) = (c.form, c.locale, c.buyer.ship_to);
    move || {
        let l = locale.get();
        let fmt = c.current_format();
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
        parts.push(region_name(ship_to.get(), l.tag()));
        Some(parts.join(", "))
    }
}
