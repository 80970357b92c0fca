//! The store's profile: tagline, about, return policy (in the seller's language), theme colour
//! (checked as it is picked: white text on it must reach WCAG AA's 4.5 : 1, the server's own
//! rule), logo and banner.

use super::images::ImageField;
use super::texts::{sr, st, SellerMsg as S};
use super::{field_error, Dashboard, Text};
use crate::api::seller::{self as api, ImageKind, Writer};
use crate::format::{format_tenths, region_name};
use crate::i18n::{fill, Locale};
use domain::seller::{
    parse_hex_color, white_text_contrast_tenths, CountryReturns, StoreProfile,
    MAX_STORE_TEXT_CHARS, MAX_TAGLINE_CHARS, MIN_THEME_CONTRAST_TENTHS,
};
use domain::shipping::DESTINATIONS;
use domain::FieldError;
use leptos::prelude::*;

/// The store's default theme colour, shown when the seller has chosen none.
const DEFAULT_COLOUR: &str = "#0e5a4c";

#[component]
pub(super) fn ProfileEditor() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let tagline = RwSignal::new_local(String::new());
    let about = RwSignal::new_local(String::new());
    let returns = RwSignal::new_local(String::new());
    let colour = RwSignal::new(None::<String>);
    let logo = RwSignal::new(None::<String>);
    let banner = RwSignal::new(None::<String>);
    // Drawn once the store's state is here (see `Signed`): the list starts from the draft.
    let country_returns = RwSignal::new(
        d.state
            .with_untracked(|s| s.as_ref().map(|s| s.draft.country_returns.clone()))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    // The form starts from the draft once it is here, and is the seller's after that.
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        d.state.with(|state| {
            let Some(state) = state.as_ref().filter(|_| !filled.get_value()) else {
                return;
            };
            filled.set_value(true);
            let p = &state.draft;
            tagline.set(p.tagline.clone());
            about.set(p.about.clone());
            returns.set(p.return_policy.clone());
            colour.set(p.theme_color.clone());
            logo.set(p.logo.clone());
            banner.set(p.banner.clone());
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = StoreProfile {
            tagline: tagline.get_untracked(),
            about: about.get_untracked(),
            theme_color: colour.get_untracked(),
            return_policy: returns.get_untracked(),
            logo: logo.get_untracked(),
            banner: banner.get_untracked(),
            country_returns: country_returns.get_untracked(),
        };
        d.save_draft(busy, errors, move |csrf, locale| async move {
            api::save_profile(
                Writer {
                    csrf: &csrf,
                    locale,
                },
                &profile,
            )
            .await
        });
    };
    let language = move || {
        d.session
            .with(|s| s.as_ref().and_then(|s| Locale::from_tag(&s.language)))
            .map(|l| l.native_name().to_owned())
            .unwrap_or_default()
    };
    let error = move |field: &'static str| Signal::derive(move || field_error(errors, field));
    view! {
        <h2>{sr(S::ProfileHeading)}</h2>
        <p class="hint">{move || fill(st(locale.get(), S::WrittenIn), &[language()])}</p>
        <form class="seller-form" on:submit=save novalidate>
            <TextField id="store-tagline" label=S::Tagline value=tagline max=MAX_TAGLINE_CHARS error=error("tagline") long=false/>
            <TextField id="store-about" label=S::About value=about max=MAX_STORE_TEXT_CHARS error=error("about") long=true/>
            <TextField id="store-returns" label=S::ReturnPolicy value=returns max=MAX_STORE_TEXT_CHARS error=error("return_policy") long=true/>
            <CountryReturnsField rows=country_returns errors/>
            <ColourField value=colour error=error("theme_color")/>
            <ImageField id="store-logo" label=S::Logo hint=S::LogoHint kind=ImageKind::Logo value=logo error=error("logo")/>
            <ImageField id="store-banner" label=S::Banner hint=S::BannerHint kind=ImageKind::Banner value=banner error=error("banner")/>
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { sr(S::Saving)() } else { sr(S::SaveDraft)() }}
            </button>
        </form>
    }
}

/// Return policies for particular destinations, a country and its policy a row, each row a
/// group named by its country. What is typed goes into the list without drawing it again (the
/// field keeps its focus); adding or removing a row draws the rows again from the list, and
/// after a removal focus goes to "Add a country".
#[component]
fn CountryReturnsField(
    rows: RwSignal<Vec<CountryReturns>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let locale = expect_context::<Dashboard>().locale;
    let add_button = NodeRef::<leptos::html::Button>::new();
    let add = move |_| {
        rows.update(|r| {
            if let Some(c) = DESTINATIONS
                .iter()
                .find(|c| !r.iter().any(|x| x.country == **c))
            {
                r.push(CountryReturns {
                    country: (*c).to_owned(),
                    policy: String::new(),
                });
            }
        });
    };
    let row = move |i: usize, r: CountryReturns| {
        let tag = locale.get_untracked().tag();
        // The row's own country, for its name; drawn again with the rows.
        let country = RwSignal::new(r.country.clone());
        let (country_id, policy_id) = (
            format!("returns-country-{i}"),
            format!("returns-policy-{i}"),
        );
        let set = move |f: fn(&mut CountryReturns, String), ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            rows.update_untracked(|rows| {
                if let Some(row) = rows.get_mut(i) {
                    f(row, v);
                }
            });
        };
        let error = move |name: &'static str| {
            let field = format!("country_returns[{i}].{name}");
            Signal::derive(move || field_error(errors, &field))
        };
        let (country_error, policy_error) = (error("country"), error("policy"));
        let error_id = move |id: &str| format!("{id}-error");
        let remove = move |_| {
            rows.update(|r| {
                if i < r.len() {
                    r.remove(i);
                }
            });
            // Refusals are named by position: after a removal they would name another row.
            errors.update(|e| e.retain(|f| !f.field.starts_with("country_returns")));
            if let Some(button) = add_button.get_untracked() {
                let _ = button.focus();
            }
        };
        view! {
            <fieldset class="country-returns">
                <legend>{move || region_name(&country.get(), tag)}</legend>
                <label for=country_id.clone()>{sr(S::ReturnsCountry)}</label>
                <select id=country_id.clone()
                    aria-invalid=move || country_error.with(Option::is_some).to_string()
                    aria-describedby=move || country_error.with(Option::is_some).then(|| error_id(&country_id))
                    on:change=move |ev| {
                        country.set(event_target_value(&ev));
                        set(|r, v| r.country = v, ev);
                    }>
                    {DESTINATIONS
                        .iter()
                        .map(|c| view! { <option value=*c selected=r.country == *c>{region_name(c, tag)}</option> })
                        .collect_view()}
                </select>
                {move || country_error.get().map(|m| view! { <p id=error_id(&format!("returns-country-{i}")) class="field-error">{m}</p> })}
                <label for=policy_id.clone()>{sr(S::ReturnPolicy)}</label>
                <textarea id=policy_id.clone() rows="4" maxlength=MAX_STORE_TEXT_CHARS.to_string()
                    aria-invalid=move || policy_error.with(Option::is_some).to_string()
                    aria-describedby=move || policy_error.with(Option::is_some).then(|| error_id(&policy_id))
                    prop:value=r.policy on:input=move |ev| set(|r, v| r.policy = v, ev)></textarea>
                {move || policy_error.get().map(|m| view! { <p id=error_id(&format!("returns-policy-{i}")) class="field-error">{m}</p> })}
                <button type="button" class="button secondary" on:click=remove>{sr(S::RemoveProduct)}</button>
            </fieldset>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{sr(S::CountryReturnsHeading)}</legend>
            <p class="hint">{sr(S::CountryReturnsHint)}</p>
            {move || rows.get().into_iter().enumerate().map(|(i, r)| row(i, r)).collect_view()}
            <button type="button" class="button secondary" node_ref=add_button on:click=add
                disabled=move || rows.with(|r| r.len() >= DESTINATIONS.len())>{sr(S::AddCountryReturns)}</button>
        </fieldset>
    }
}

/// A labelled text input (or, `long`, a text area that keeps formatting) with the server's
/// refusal under it.
#[component]
pub(super) fn TextField(
    id: &'static str,
    label: S,
    value: Text,
    max: usize,
    error: Signal<Option<String>>,
    long: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || {
            error
                .with(Option::is_some)
                .then(|| error_id.clone())
                .or_else(|| long.then(|| format!("{id}-hint")))
        }
    };
    let input = if long {
        view! {
            <textarea id=id rows="5" maxlength=max.to_string()
                aria-describedby=described.clone()
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
            <p id=format!("{id}-hint") class="hint">{sr(S::FormattingHint)}</p>
        }
        .into_any()
    } else {
        view! {
            <input id=id type="text" maxlength=max.to_string()
                aria-describedby=described.clone()
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{sr(label)}</label>
            {input}
            {move || error.get().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
        </div>
    }
}

/// The theme colour: a colour picker, the contrast of white text on it as it is picked, and a
/// way back to the store's default.
#[component]
fn ColourField(value: RwSignal<Option<String>>, error: Signal<Option<String>>) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let contrast = move || {
        value
            .get()
            .as_deref()
            .and_then(parse_hex_color)
            .map(white_text_contrast_tenths)
    };
    let low = move || contrast().is_some_and(|c| c < MIN_THEME_CONTRAST_TENTHS);
    let verdict = move || {
        let tag = locale.get().tag();
        contrast().map(|c| {
            if c < MIN_THEME_CONTRAST_TENTHS {
                fill(
                    st(locale.get(), S::ContrastLow),
                    &[
                        format_tenths(c, tag),
                        format_tenths(MIN_THEME_CONTRAST_TENTHS, tag),
                    ],
                )
            } else {
                fill(st(locale.get(), S::ContrastOk), &[format_tenths(c, tag)])
            }
        })
    };
    view! {
        <div class="field colour-field">
            <label for="store-colour">{sr(S::ThemeColour)}</label>
            <input id="store-colour" type="color"
                aria-describedby="store-colour-verdict"
                aria-invalid=move || (low() || error.with(Option::is_some)).to_string()
                prop:value=move || value.get().unwrap_or_else(|| DEFAULT_COLOUR.to_owned())
                on:input=move |ev| value.set(Some(event_target_value(&ev)))/>
            <label class="check">
                <input type="checkbox" prop:checked=move || value.with(Option::is_none)
                    on:change=move |ev| if checked(&ev) { value.set(None) } else { value.set(Some(DEFAULT_COLOUR.to_owned())) }/>
                {sr(S::DefaultColour)}
            </label>
            <p id="store-colour-verdict" class=move || if low() { "field-error" } else { "hint" } aria-live="polite">{verdict}</p>
            {move || error.get().filter(|_| !low()).map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
    }
}

/// Whether the checkbox an event came from is checked (read through `Reflect`: the binding
/// would add its glue to every page).
fn checked(ev: &leptos::ev::Event) -> bool {
    ev.target()
        .and_then(|t| js_sys::Reflect::get(&t, &"checked".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
