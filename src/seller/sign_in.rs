//! Signing in, and choosing a password through a one-time link (`/seller/password?token=…`,
//! printed by `store-server seller invite <slug>`).

use super::texts::{sr, st, SellerMsg as S};
use super::{field_error, Dashboard};
use crate::api::seller as api;
use crate::i18n::fill;
use domain::seller::{SetPassword, SignIn, MIN_PASSWORD_CHARS};
use domain::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn SignInForm() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let email = RwSignal::new_local(String::new());
    let password = RwSignal::new_local(String::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        d.notice.set(None);
        let input = SignIn {
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        let locale = d.locale.get_untracked();
        spawn_local(async move {
            let result = api::sign_in(&input, locale).await;
            busy.set(false);
            match result {
                Ok(session) => {
                    // Another seller's store, still here from before, must never fill this
                    // one's forms; the same seller's (a session that ended) stays, with what
                    // was typed.
                    if d.signed_as.get_untracked().as_deref() != Some(session.seller.as_str()) {
                        d.state.set(None);
                        d.products.set(Vec::new());
                        d.signed_as.set(Some(session.seller.clone()));
                    }
                    d.ended.set(false);
                    d.session.set(Some(session));
                    d.refresh();
                }
                Err(e) => {
                    d.failed(&e);
                }
            }
        });
    };
    view! {
        <h1>{sr(S::SignInHeading)}</h1>
        {move || d.ended.get().then(|| view! { <p class="seller-ended" role="alert">{sr(S::SessionEnded)}</p> })}
        <p class="hint">{sr(S::SignInIntro)}</p>
        <form class="seller-form" on:submit=submit>
            <div class="field">
                <label for="seller-email">{sr(S::Email)}</label>
                <input id="seller-email" type="email" autocomplete="username" inputmode="email" required
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="seller-password">{sr(S::Password)}</label>
                <input id="seller-password" type="password" autocomplete="current-password" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { sr(S::SigningIn)() } else { sr(S::SignIn)() }}
            </button>
        </form>
        <Notice/>
    }
}

/// The line saying what went wrong (or right), for the forms shown before the dashboard.
#[component]
fn Notice() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    view! {
        <p class="seller-notice" role="status" data-failed=move || d.notice.with(|n| n.as_ref().is_some_and(|n| !n.0)).then_some("")>
            {move || d.notice.with(|n| n.as_ref().map(|n| n.1.clone()))}
        </p>
    }
}

#[component]
pub(super) fn SetPasswordForm() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    // The link's token is in the fragment (never sent to a server, nor in a `Referer`); it
    // leaves the address bar once read.
    let token = StoredValue::new(token_from_fragment());
    if !token.with_value(String::is_empty) {
        // The same page without the fragment: the token leaves the address bar and history.
        let navigate = leptos_router::hooks::use_navigate();
        navigate(
            &super::href(locale.get_untracked(), "password"),
            leptos_router::NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    }
    let password = RwSignal::new_local(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        d.notice.set(None);
        let input = SetPassword {
            token: token.get_value(),
            password: password.get_untracked(),
        };
        let at = locale.get_untracked();
        spawn_local(async move {
            let result = api::set_password(&input, at).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    saved.set(true);
                    d.said(S::PasswordSaved);
                }
                Err(e) => errors.set(d.failed(&e)),
            }
        });
    };
    let rule = move || {
        let n = u64::try_from(MIN_PASSWORD_CHARS).unwrap_or(10);
        fill(
            st(locale.get(), S::PasswordRule),
            &[crate::format::format_integer(n, locale.get().tag())],
        )
    };
    view! {
        <h1>{sr(S::SetPasswordHeading)}</h1>
        <form class="seller-form" on:submit=submit>
            <div class="field">
                <label for="seller-new-password">{sr(S::Password)}</label>
                <input id="seller-new-password" type="password" autocomplete="new-password" required
                    minlength=MIN_PASSWORD_CHARS.to_string()
                    aria-describedby="seller-password-rule"
                    aria-invalid=move || field_error(errors, "password").is_some().to_string()
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev))/>
                <p id="seller-password-rule" class="hint">{rule}</p>
                {move || field_error(errors, "password").map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <button type="submit" class="button" disabled=move || busy.get() || saved.get()>{sr(S::SavePassword)}</button>
        </form>
        <Notice/>
        {move || saved.get().then(|| view! {
            <a class="button secondary" href=super::href(locale.get_untracked(), "")>{sr(S::SignIn)}</a>
        })}
    }
}

/// `#token=…` from the address bar.
fn token_from_fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    hash.trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .unwrap_or_default()
        .to_owned()
}
