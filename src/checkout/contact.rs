//! The contact step: the buyer's email.

use super::flow::{Checkout, Step};
use super::form::{email_ok, focus, keep};
use crate::buyer::{tr, tx};
use crate::i18n::Msg;
use leptos::prelude::*;

pub(super) fn contact_step(c: Checkout) -> AnyView {
    let form = c.form;
    let email_error = RwSignal::new(false);
    let contact_next = move || {
        let ok = email_ok(&form.email.get_untracked());
        email_error.set(!ok);
        if ok {
            c.steps.go(Step::Address);
        } else {
            focus("checkout-email");
        }
    };
    view! {
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
    .into_any()
}
