//! Featured products: chosen among the seller's own and put in order.

use super::texts::{sr, st, SellerMsg as S};
use super::{list_error, Dashboard};
use crate::api::seller::{self as api, Writer};
use crate::i18n::fill;
use domain::seller::{FeaturedProducts, SellerProductRef, MAX_FEATURED};
use domain::FieldError;
use leptos::prelude::*;

/// The title of `slug` among the seller's products (the slug itself if it is not one).
pub(super) fn title_of(products: &[SellerProductRef], slug: &str) -> String {
    products
        .iter()
        .find(|p| p.slug == slug)
        .map_or_else(|| slug.to_owned(), |p| p.title.clone())
}

/// An ordered choice of the seller's products: the chosen ones with buttons to move and
/// remove them, then the others with a button to add each (up to [`MAX_FEATURED`]).
#[component]
pub(super) fn ProductChoice(
    /// Names the lists for assistive technology.
    id: String,
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let moved = move |i: usize, by: isize| {
        chosen.update(|c| {
            if let Some(j) = i.checked_add_signed(by).filter(|j| *j < c.len()) {
                c.swap(i, j);
            }
        });
    };
    let rows = move || {
        let products = d.products.get();
        let list = chosen.get();
        let last = list.len().saturating_sub(1);
        list.into_iter()
            .enumerate()
            .map(|(i, slug)| {
                let title = title_of(&products, &slug);
                view! {
                    <li data-slug=slug.clone()>
                        <span class="choice-title">{title}</span>
                        <span class="choice-actions">
                            <button type="button" class="step" disabled=i == 0 on:click=move |_| moved(i, -1)>
                                {sr(S::MoveUp)}
                            </button>
                            <button type="button" class="step" disabled=i == last on:click=move |_| moved(i, 1)>
                                {sr(S::MoveDown)}
                            </button>
                            <button type="button" class="step" on:click=move |_| chosen.update(|c| { c.remove(i); })>
                                {sr(S::RemoveProduct)}
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };
    let others = move || {
        let list = chosen.get();
        let full = list.len() >= MAX_FEATURED;
        d.products
            .get()
            .into_iter()
            .filter(|p| !list.contains(&p.slug))
            .map(|p| {
                let slug = p.slug.clone();
                view! {
                    <li data-slug=p.slug.clone()>
                        <span class="choice-title">{p.title}</span>
                        <button type="button" class="step" disabled=full
                            on:click=move |_| chosen.update(|c| c.push(slug.clone()))>{sr(S::AddProduct)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let chosen_id = format!("{id}-chosen");
    let others_id = format!("{id}-others");
    view! {
        {move || chosen.with(Vec::is_empty).then(|| view! { <p class="hint">{sr(S::NoneChosen)}</p> })}
        <ol class="choice" id=chosen_id>{rows}</ol>
        <h3 id=others_id.clone()>{sr(S::YourProducts)}</h3>
        <ul class="choice" aria-labelledby=others_id>{others}</ul>
    }
}

#[component]
pub(super) fn FeaturedEditor() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    let chosen = RwSignal::new(Vec::<String>::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let filled = StoredValue::new(false);
    Effect::new(move |_| {
        d.state.with(|state| {
            if let Some(state) = state.as_ref().filter(|_| !filled.get_value()) {
                filled.set_value(true);
                chosen.set(state.featured.draft.clone());
            }
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let featured = FeaturedProducts {
            products: chosen.get_untracked(),
        };
        d.save_draft(busy, errors, move |csrf, locale| async move {
            api::save_featured(
                Writer {
                    csrf: &csrf,
                    locale,
                },
                &featured,
            )
            .await
        });
    };
    let hint = move || {
        let max = u64::try_from(MAX_FEATURED).unwrap_or(12);
        fill(
            st(locale.get(), S::FeaturedHint),
            &[crate::format::format_integer(max, locale.get().tag())],
        )
    };
    view! {
        <h2 id="featured-heading">{sr(S::FeaturedHeading)}</h2>
        <p class="hint">{hint}</p>
        <form class="seller-form" on:submit=save aria-labelledby="featured-heading">
            <ProductChoice id="featured".to_owned() chosen/>
            {move || list_error(errors, "products").map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { sr(S::Saving)() } else { sr(S::SaveDraft)() }}
            </button>
        </form>
    }
}
