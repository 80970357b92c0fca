//! Product texts: the seller's products, and one product's title and description in each
//! language — what buyers see there now (and who wrote it), and the seller's draft.

use super::profile::TextField;
use super::texts::{sr, st, SellerMsg as S};
use super::{field_error, Dashboard};
use crate::api::seller::{self as api, Writer};
use crate::i18n::{fill, Locale, Msg};
use domain::catalog::Provenance;
use domain::seller::{ProductTextInput, SellerProduct, MAX_DESCRIPTION_CHARS, MAX_TITLE_CHARS};
use domain::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub(super) fn ProductList() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let rows = move || {
        d.products
            .get()
            .into_iter()
            .map(|p| {
                let href = super::href(locale.get(), &format!("products/{}", p.slug));
                let drafts = (p.drafts > 0).then(|| {
                    fill(
                        st(locale.get(), S::DraftsWaiting),
                        &[crate::format::format_integer(
                            u64::from(p.drafts),
                            locale.get().tag(),
                        )],
                    )
                });
                view! {
                    <li>
                        <a class="product-texts-link" href=href>{p.title}</a>
                        {drafts.map(|text| view! { <span class="hint">{text}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h2 id="products-heading">{sr(S::ProductsHeading)}</h2>
        <p class="hint">{sr(S::ProductsHint)}</p>
        <ul class="seller-products" aria-labelledby="products-heading">{rows}</ul>
    }
}

/// Who wrote the text buyers see in a language.
fn provenance_text(locale: Locale, provenance: Option<Provenance>) -> &'static str {
    st(
        locale,
        match provenance {
            Some(Provenance::Original) => S::ByYouOriginal,
            Some(Provenance::Human) => S::ByYouHuman,
            Some(Provenance::Machine) => S::ByMachine,
            None => S::NotWritten,
        },
    )
}

#[component]
pub(super) fn ProductTexts(slug: String) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let product = RwSignal::new(None::<SellerProduct>);
    // The language being written: the dashboard's, to begin with.
    let language = RwSignal::new(locale.get_untracked());
    let title = RwSignal::new_local(String::new());
    let description = RwSignal::new_local(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let slug = StoredValue::new(slug);
    spawn_local(async move {
        match api::product(locale.get_untracked(), &slug.get_value()).await {
            Ok(p) => product.set(Some(p)),
            Err(e) => {
                d.failed(&e);
            }
        }
    });
    // The form shows the language's draft, else what buyers read in it.
    Effect::new(move |_| {
        let lang = language.get();
        product.with(|p| {
            let Some(text) = p
                .as_ref()
                .and_then(|p| p.texts.iter().find(|t| t.locale == lang.tag()))
            else {
                return;
            };
            let (t, desc) = match &text.draft {
                Some(draft) => (draft.title.clone(), draft.description_html.clone()),
                None => (
                    text.title.clone().unwrap_or_default(),
                    text.description_html.clone().unwrap_or_default(),
                ),
            };
            title.set(t);
            description.set(desc);
            errors.set(Vec::new());
        });
    });
    let state = move || {
        let lang = language.get();
        product.with(|p| {
            p.as_ref()
                .and_then(|p| p.texts.iter().find(|t| t.locale == lang.tag()))
                .map(|t| (t.provenance, t.draft.is_some()))
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        d.notice.set(None);
        let text = ProductTextInput {
            title: title.get_untracked(),
            description_html: description.get_untracked(),
        };
        let csrf = d.csrf();
        let at = locale.get_untracked();
        let lang = language.get_untracked();
        spawn_local(async move {
            let w = Writer {
                csrf: &csrf,
                locale: at,
            };
            let result = api::save_text(w, &slug.get_value(), lang, &text).await;
            busy.set(false);
            match result {
                Ok(p) => {
                    product.set(Some(p));
                    d.said(S::DraftSaved);
                    d.refresh();
                }
                Err(e) => errors.set(d.failed(&e)),
            }
        });
    };
    let heading = move || {
        d.products
            .with(|products| super::featured::title_of(products, &slug.get_value()))
    };
    let error = move |field: &'static str| Signal::derive(move || field_error(errors, field));
    view! {
        <p><a class="back-link" href=move || super::href(locale.get(), "products")>{sr(S::AllProducts)}</a></p>
        <h2>{heading}</h2>
        <form class="seller-form" on:submit=save novalidate>
            <div class="field">
                <label for="text-language">{move || crate::i18n::t(locale.get(), Msg::Language)}</label>
                <select id="text-language" on:change=move |ev| {
                    if let Some(l) = Locale::from_tag(&event_target_value(&ev)) {
                        language.set(l);
                    }
                }>
                    {Locale::ALL.into_iter().map(|l| view! {
                        <option lang=l.tag() value=l.tag() selected=move || language.get() == l>{l.native_name()}</option>
                    }).collect_view()}
                </select>
                <p class="hint" role="status">
                    {move || state().map(|(provenance, draft)| {
                        let locale = locale.get();
                        let mut text = provenance_text(locale, provenance).to_owned();
                        if draft {
                            text = format!("{text} · {}", st(locale, S::DraftWaiting));
                        }
                        text
                    })}
                </p>
            </div>
            <TextField id="text-title" label=S::Title value=title max=MAX_TITLE_CHARS error=error("title") long=false/>
            <TextField id="text-description" label=S::DescriptionHtml value=description max=MAX_DESCRIPTION_CHARS error=error("description_html") long=true/>
            <button type="submit" class="button" disabled=move || busy.get() || product.with(Option::is_none)>
                {move || if busy.get() { sr(S::Saving)() } else { sr(S::SaveDraft)() }}
            </button>
        </form>
    }
}
