//! The header's currency box.

use super::state::{choose, use_currency};
use crate::buyer::{tr, tx, use_buyer, use_locale};
use crate::format::{currency_name, currency_symbol};
use crate::i18n::Msg;
use domain::Currency;
use leptos::prelude::*;

/// The label of a currency in the menu: "JPY · ¥ · Japanese yen", in the page's language.
fn menu_label(currency: Currency, tag: &str) -> String {
    format!(
        "{} · {} · {}",
        currency.code(),
        currency_symbol(currency, tag),
        currency_name(currency.code(), tag)
    )
}

/// Lower case for matching. In the browser, JavaScript's `toLowerCase` (Rust's would add
/// Unicode case tables to the wasm); natively, Rust's.
#[cfg(target_arch = "wasm32")]
fn lower(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}

#[cfg(not(target_arch = "wasm32"))]
fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// What the buyer typed in the currency box, resolved to one offered currency: a code
/// ("jpy"), or words of exactly one label ("yen", "peso chileno").
pub fn resolve_typed(typed: &str, offered: &[(Currency, String)]) -> Option<Currency> {
    let typed = typed.trim();
    if let Some((c, _)) = offered
        .iter()
        .find(|(c, _)| c.code().eq_ignore_ascii_case(typed))
    {
        return Some(*c);
    }
    let needle = lower(typed);
    if needle.is_empty() {
        return None;
    }
    let mut matches = offered
        .iter()
        .filter(|(_, label)| lower(label).contains(&needle));
    match (matches.next(), matches.next()) {
        (Some((c, _)), None) => Some(*c),
        _ => None,
    }
}

/// The currency box in the header: a searchable list (type a code, a symbol or a name in the
/// page's language) of the currencies the store has rates for. The choice is remembered and
/// every price on the page follows it without a reload.
#[component]
pub fn CurrencyMenu() -> impl IntoView {
    let locale = use_locale();
    let state = use_currency();
    let current = use_buyer().currency;
    // The labels are made once the buyer reaches for the box (focus, or a value typed before
    // the app arrived): one `Intl` formatter per currency for the symbols was two fifths of
    // the app's start-up.
    let wanted = RwSignal::new(false);
    let offered = Memo::new(move |_| {
        if !wanted.get() {
            return Vec::new();
        }
        let tag = locale.get().tag();
        state.table.with(|t| {
            t.as_ref()
                .map_or_else(
                    || Currency::ALL.to_vec(),
                    |t| t.rates.iter().map(|r| r.currency).collect(),
                )
                .into_iter()
                .map(|c| (c, menu_label(c, tag)))
                .collect::<Vec<_>>()
        })
    });
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    // What the buyer typed that names no single currency: kept in the box, with the reason.
    let unmatched = RwSignal::new(None::<String>);
    let on_change = move |_| {
        let Some(el) = input.get() else { return };
        let typed = el.value();
        wanted.set(true);
        match offered.with(|o| resolve_typed(&typed, o)) {
            Some(currency) => {
                unmatched.set(None);
                choose(current, currency);
                el.set_value(currency.code());
            }
            None if !typed.trim().is_empty() => unmatched.set(Some(typed.trim().to_owned())),
            None => {
                unmatched.set(None);
                el.set_value(current.get_untracked().code());
            }
        }
    };
    view! {
        <div class="currency-menu">
            <label for="currency">{tr(Msg::Currency)}</label>
            <input id="currency" list="currency-options" node_ref=input autocomplete="off"
                spellcheck="false" autocapitalize="characters" enterkeyhint="done"
                value=current.get_untracked().code()
                prop:value=move || current.get().code()
                aria-invalid=move || unmatched.with(|u| u.is_some()).to_string()
                aria-describedby=move || unmatched.with(|u| u.is_some()).then_some("currency-error")
                on:focus=move |_| {
                    wanted.set(true);
                    if let Some(el) = input.get() { el.select(); }
                }
                on:change=on_change/>
            {move || unmatched.get().map(|typed| view! {
                <p id="currency-error" class="field-error" role="alert">
                    {crate::i18n::fill(&tx(Msg::CurrencyNoMatch), &[typed])}
                </p>
            })}
            <datalist id="currency-options">
                {move || offered.get().into_iter()
                    .map(|(c, label)| view! { <option value=c.code()>{label}</option> })
                    .collect_view()}
            </datalist>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_code_or_a_unique_name_picks_the_currency() {
        let offered = vec![
            (Currency::JPY, "JPY · ¥ · Japanese yen".to_owned()),
            (Currency::CLP, "CLP · CLP · Chilean peso".to_owned()),
            (Currency::MXN, "MXN · MX$ · Mexican peso".to_owned()),
        ];
        assert_eq!(resolve_typed(" jpy ", &offered), Some(Currency::JPY));
        assert_eq!(resolve_typed("Yen", &offered), Some(Currency::JPY));
        assert_eq!(resolve_typed("chilean", &offered), Some(Currency::CLP));
        // "peso" is two currencies, and a code that is not offered is none.
        assert_eq!(resolve_typed("peso", &offered), None);
        assert_eq!(resolve_typed("EUR", &offered), None);
        assert_eq!(resolve_typed("", &offered), None);
    }
}
