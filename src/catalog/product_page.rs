//! The product page: `/{locale}/p/{slug}`. [`ProductView`] puts together the gallery, the
//! title (with the original text behind a machine translation), the variant picker and the
//! buy box, the seller, and the description and specifications, each drawn by a function of
//! its own below.

use super::buy_bar::{buy_bar, Buy};
use super::variants::{chosen_variant, initial_selection, value_state, Selection, ValueState};
use crate::api::{self, ApiError};
use crate::buyer::{tx, use_buyer, use_locale};
use crate::format::{format_unit, language_name, mm_to_cm, region_name};
use crate::i18n::{t, Locale, Msg};
use crate::routes::Page;
use crate::ui::lazy::later;
use crate::ui::{LoadError, PageMeta};
use domain::{ProductDetail, ProductImage, VariantInfo, VariantOption};
use leptos::prelude::*;

/// Stock at or below this shows as "only N left".
const LOW_STOCK: u32 = 5;

#[component]
pub fn ProductPage() -> impl IntoView {
    let locale = use_locale();
    let slug = crate::routes::route_value(crate::routes::Module::Product);
    let slug = Memo::new(move |_| slug.get().unwrap_or_default());
    let currency = use_buyer().currency;
    let (product, reload) = crate::fetch::follow(
        move || (slug.get(), locale.get(), currency.get()),
        |(slug, l, c), latest| api::catalog::get_product(slug, l, c, latest),
    );
    let retry = move |_| reload();
    view! {
        {move || match product.get() {
            None | Some(Err(ApiError::Aborted)) => view! {
                <div class="product-loading">
                    <p role="status" class="visually-hidden">{tx(Msg::Loading)}</p>
                    <div class="product-skeleton" aria-hidden="true"></div>
                </div>
            }
            .into_any(),
            Some(Ok(None)) => view! { <ProductNotFound/> }.into_any(),
            Some(Err(err)) => view! { <LoadError err on_retry=retry/> }.into_any(),
            Some(Ok(Some(p))) => view! { <ProductView p/> }.into_any(),
        }}
    }
}

#[component]
fn ProductNotFound() -> impl IntoView {
    let locale = use_locale();
    view! {
        <PageMeta title=Signal::derive(move || t(locale.get(), Msg::ProductNotFoundTitle).into_owned()) description=Signal::derive(move || t(locale.get(), Msg::ProductNotFoundBody).into_owned()) path=String::new() noindex=true/>
        <section class="not-found" data-drawn="">
            <h1>{tx(Msg::ProductNotFoundTitle)}</h1>
            <p>{tx(Msg::ProductNotFoundBody)}</p>
            <a href=Page::Home.href(locale.get_untracked()) class="button">{tx(Msg::BackToShop)}</a>
        </section>
    }
}

/// A value code as part of an element id ("EU 42" → "EU-42").
fn id_safe(code: &str) -> String {
    code.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

use domain::catalog::meta_description as plain_text;

/// The SKU the page's delivery estimate is for as the page opens: the variant it opens on, or
/// the first one while no variant is chosen. The server quotes the same for the first screen.
pub fn estimated_sku(p: &ProductDetail) -> Option<String> {
    let selection = initial_selection(&p.variants, &p.options);
    chosen_variant(&p.variants, &p.options, &selection)
        .or(p.variants.first())
        .map(|v| v.sku.clone())
}

/// The product as the page holds it.
type Product = StoredValue<ProductDetail>;

fn text(l: Locale, msg: Msg) -> String {
    t(l, msg).into_owned()
}

/// The product page body. It is rebuilt when the locale changes (the product is fetched again
/// in the new language), so everything that depends only on the product is computed once as
/// plain text; only what follows the buyer's choices (variant, picture, original text) reacts.
/// Fewer distinct reactive closures also keep the wasm small: each one is code of its own.
#[component]
pub(crate) fn ProductView(p: ProductDetail) -> impl IntoView {
    let l = use_locale().get_untracked();
    let selection = RwSignal::new(initial_selection(&p.variants, &p.options));
    // The picture of a colour, if it has one.
    let picture_of = |p: &ProductDetail, colour: &Option<String>| {
        p.images
            .iter()
            .position(|im| im.colour.is_some() && im.colour == *colour)
    };
    // The first picture shown is already the chosen colour's, so the main image is fetched
    // once, not once for the first picture and again when the colour is applied.
    let image_index = RwSignal::new(
        selection
            .with_untracked(|s| picture_of(&p, &s.colour))
            .unwrap_or(0),
    );
    let show_original = RwSignal::new(false);
    let p = StoredValue::new(p);

    // Choosing a colour shows its picture.
    Effect::new(move |_| {
        let colour = selection.with(|s| s.colour.clone());
        if let Some(i) = p.with_value(|p| picture_of(p, &colour)) {
            image_index.set(i);
        }
    });
    let chosen = Memo::new(move |_| {
        p.with_value(|p| selection.with(|s| chosen_variant(&p.variants, &p.options, s).cloned()))
    });

    let (title, description, path, category, images, options) = p.with_value(|p| {
        (
            p.title.clone(),
            plain_text(&p.description_html),
            Page::Product(&p.slug).rest(),
            p.category.clone(),
            p.images.clone(),
            p.options.clone(),
        )
    });
    // The title and description on show: the translation, or the seller's original.
    let shown = move || {
        p.with_value(
            |p| match p.original.as_ref().filter(|_| show_original.get()) {
                Some(o) => (
                    o.title.clone(),
                    o.description_html.clone(),
                    o.locale.clone(),
                ),
                None => (
                    p.title.clone(),
                    p.description_html.clone(),
                    p.locale.clone(),
                ),
            },
        )
    };

    let buy = Buy::new(chosen, p.with_value(|p| (p.price, p.converted.clone())));
    let buy_row: NodeRef<leptos::html::Div> = NodeRef::new();

    // On a phone the summary (title, rating, price, stock) sits beside a smaller picture and
    // the buy box follows at full width, so title, price, "Add to cart" and the first delivery
    // option fit the first screen; on wide screens the summary and the buy box share the
    // column beside the gallery.
    view! {
        <PageMeta title=Signal::derive(move || title.clone()) description=Signal::derive(move || description.clone()) path/>
        <nav class="breadcrumbs" aria-label=text(l, Msg::Breadcrumbs)>
            <ol>
                <li><a href=Page::Home.href(l)>{text(l, Msg::Home)}</a></li>
                <li><a href=Page::Category(&category.slug).href(l)>{category.name}</a></li>
            </ol>
        </nav>
        <article class="product" aria-labelledby="product-title" data-drawn="">
            {later(move || gallery(l, p, &images, image_index))}
            <div class="product-summary">
                <h1 id="product-title" dir="auto" lang=move || shown().2>{move || shown().0}</h1>
                <p class="product-rating">{p.with_value(|p| rating_line(l, p))}</p>
                {price_and_stock(l, buy)}
            </div>
            // On a landing page the rest is drawn in a task after the summary's (`later`).
            {later(move || view! {
                <div class="product-buy">
                    {original_toggle(l, p, show_original)}
                    {buy_box(l, p, options, selection, buy, buy_row)}
                    {seller_sections(l, p)}
                </div>
                <section class="description" aria-labelledby="description-heading">
                    <h2 id="description-heading">{text(l, Msg::Description)}</h2>
                    // Sanitized on the server (scripts, handlers, links and images removed).
                    <div dir="auto" lang=move || shown().2 inner_html=move || shown().1></div>
                </section>
                {specifications(l, p, chosen)}
            })}
        </article>
        {later(move || buy_bar(l, buy, buy_row))}
    }
}

/// The main picture and the thumbnails that choose it.
fn gallery(
    l: Locale,
    p: Product,
    images: &[ProductImage],
    image_index: RwSignal<usize>,
) -> impl IntoView {
    let total = images.len() as u32;
    let thumbnails = images
        .iter()
        .enumerate()
        .map(|(i, im)| {
            let label = t(
                l,
                Msg::ShowImage {
                    index: i as u32 + 1,
                    total,
                },
            )
            .into_owned();
            view! {
                <li>
                    <button type="button" class="thumbnail" aria-label=label
                        aria-pressed=move || (image_index.get() == i).to_string()
                        on:click=move |_| image_index.set(i)>
                        <img src=im.image.url.clone() width="64" height="64" alt="" loading="lazy" decoding="async"/>
                    </button>
                </li>
            }
        })
        .collect_view();
    let main_src = move || {
        p.with_value(|p| {
            p.images
                .get(image_index.get())
                .map(|im| im.image.url.clone())
                .unwrap_or_default()
        })
    };
    // The main picture is the page's largest paint: fetched first, never lazily. Every picture
    // is one SVG drawn at 480 px (`/media` has no other sizes, and a vector needs none), so
    // there is no `srcset` to choose from; `width`/`height` reserve its square before it loads.
    view! {
        <div class="gallery" role="group" aria-label=text(l, Msg::GalleryLabel)>
            <img class="gallery-main" src=main_src width="480" height="480" alt="" fetchpriority="high" loading="eager"/>
            <ul class="thumbnails">{thumbnails}</ul>
        </div>
    }
}

/// A machine-translated product says so, with a switch to the seller's own words.
fn original_toggle(l: Locale, p: Product, show_original: RwSignal<bool>) -> impl IntoView {
    let machine = p.with_value(|p| {
        p.original
            .as_ref()
            .map(|o| language_name(&o.locale, l.tag()))
    });
    let (show_original_text, show_translation_text) =
        (text(l, Msg::ShowOriginal), text(l, Msg::ShowTranslation));
    machine.map(|language| view! {
        <p class="mt-mark">
            <span class="badge">{text(l, Msg::MachineTranslated)}</span>
            <button type="button" class="link-button" aria-pressed=move || show_original.get().to_string()
                on:click=move |_| show_original.update(|v| *v = !*v)>
                {move || if show_original.get() { show_translation_text.clone() } else { format!("{show_original_text} ({language})") }}
            </button>
        </p>
    })
}

/// "★ 4.7 stars · 164 reviews".
fn rating_line(l: Locale, p: &ProductDetail) -> String {
    format!(
        "★ {} · {}",
        t(
            l,
            Msg::RatingLabel {
                tenths: (p.rating * 10.0).round() as u32
            }
        ),
        t(
            l,
            Msg::ReviewCount {
                count: p.review_count.into()
            }
        )
    )
}

/// Price and stock of the chosen variant.
fn price_and_stock(l: Locale, buy: Buy) -> impl IntoView {
    let chosen = buy.chosen;
    let price = move || {
        let (price, converted) = buy.price();
        view! { <crate::currency::PriceTag price converted class="product-price"/> }
    };
    let stock = move || match chosen.get() {
        None => (text(l, Msg::ChooseOptions), "hint"),
        Some(v) if v.stock == 0 => (text(l, Msg::OutOfStock), "stock out"),
        Some(v) if v.stock <= LOW_STOCK => (
            t(
                l,
                Msg::LowStock {
                    count: v.stock.into(),
                },
            )
            .into_owned(),
            "stock",
        ),
        Some(v) => (
            t(
                l,
                Msg::InStock {
                    count: v.stock.into(),
                },
            )
            .into_owned(),
            "stock",
        ),
    };
    view! {
        {price}
        <p class=move || stock().1>{move || stock().0}</p>
    }
}

/// The variant picker, the quantity and "Add to cart" (`buy_row`, which the buy bar watches),
/// the shipping estimate, and how a converted price was converted.
fn buy_box(
    l: Locale,
    p: Product,
    options: Vec<VariantOption>,
    selection: RwSignal<Selection>,
    buy: Buy,
    buy_row: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let chosen = buy.chosen;
    let max = move || chosen.get().map_or(1, |v| v.stock.max(1));
    let (added_text, failed_text) = (text(l, Msg::AddedToCart), text(l, Msg::CartError));
    let table = crate::currency::use_currency().table;
    // The conversion explained, under the estimate: it is long, and on a phone it would push
    // "Add to cart" and the delivery estimate off the first screen. The price carries it as
    // its `title` too.
    let note = move || {
        let (price, converted) = buy.price();
        converted
            .filter(|c| c.amount.currency() != price.currency())
            .map(|c| table.with(|t| crate::currency::conversion_note(&price, &c, t.as_ref(), l)))
            .unwrap_or_default()
    };
    view! {
        <form class="variant-picker" on:submit=|ev| ev.prevent_default()>{variant_picker(l, p, options, selection)}</form>
        <div class="buy" node_ref=buy_row>
            <label for="quantity">{text(l, Msg::Quantity)}</label>
            // `value` too (a page opens on one): the server's first screen has attributes only.
            <input id="quantity" type="number" inputmode="numeric" min="1" max=move || max().to_string()
                value="1"
                prop:value=move || buy.quantity.get().to_string()
                on:change=move |ev| {
                    let n = event_target_value(&ev).trim().parse::<u32>().unwrap_or(1).clamp(1, max());
                    buy.quantity.set(n);
                }/>
            {buy.button(l, None)}
        </div>
        <p role="status" class="cart-note">{move || match buy.added.get() {
            Some(true) => added_text.clone(),
            Some(false) => failed_text.clone(),
            None => String::new(),
        }}</p>
        <crate::shipping::ProductEstimate sku=Signal::derive(move || {
            chosen.get().map(|v| v.sku).or_else(|| p.with_value(|p| p.variants.first().map(|v| v.sku.clone())))
        })/>
        <p class="conversion-note">{note}</p>
    }
}

/// One radio group per option axis (colour, size); a value no variant has is disabled, a
/// sold-out one says so.
fn variant_picker(
    l: Locale,
    p: Product,
    options: Vec<VariantOption>,
    selection: RwSignal<Selection>,
) -> impl IntoView {
    options
        .into_iter()
        .map(|option| {
            let axis = option.axis.clone();
            let legend = text(l, if axis == "colour" { Msg::Colour } else { Msg::Size });
            let chosen_label = {
                let (axis, values) = (axis.clone(), option.values.clone());
                move || {
                    let code = selection.with(|s| if axis == "colour" { s.colour.clone() } else { s.size.clone() });
                    code.and_then(|c| values.iter().find(|v| v.code == c).map(|v| v.label.clone())).unwrap_or_default()
                }
            };
            let values = option
                .values
                .into_iter()
                .map(|value| {
                    let id = format!("opt-{axis}-{}", id_safe(&value.code));
                    let note_id = format!("{id}-note");
                    let (a1, c1) = (axis.clone(), value.code.clone());
                    let state = Memo::new(move |_| p.with_value(|p| selection.with(|s| value_state(&p.variants, &p.options, s, &a1, &c1))));
                    let (a2, c2) = (axis.clone(), value.code.clone());
                    let checked = move || selection.with(|s| if a2 == "colour" { s.colour.as_deref() == Some(c2.as_str()) } else { s.size.as_deref() == Some(c2.as_str()) });
                    let (a3, c3) = (axis.clone(), value.code.clone());
                    let note_ref = note_id.clone();
                    let (sold_out, unavailable) = (text(l, Msg::SoldOut), text(l, Msg::OptionUnavailable));
                    view! {
                        <span class="option-value">
                            <input type="radio" id=id.clone() name=format!("opt-{axis}") value=value.code.clone()
                                checked=untrack(checked.clone())
                                prop:checked=checked
                                disabled=move || state.get() == ValueState::Unavailable
                                aria-describedby=move || (state.get() != ValueState::Available).then(|| note_ref.clone())
                                on:change=move |_| selection.update(|s| *s = s.with(&a3, &c3))/>
                            <label for=id dir="auto">
                                {value.label}
                                <span class="option-note" id=note_id>
                                    {move || match state.get() {
                                        ValueState::Available => String::new(),
                                        ValueState::SoldOut => format!(" ({sold_out})"),
                                        ValueState::Unavailable => format!(" ({unavailable})"),
                                    }}
                                </span>
                            </label>
                        </span>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="option-group">
                    <legend>{legend}": " <strong dir="auto">{chosen_label}</strong></legend>
                    <div class="option-values">{values}</div>
                </fieldset>
            }
        })
        .collect_view()
}

/// Who sells it (country, rating, orders) and where it ships from.
fn seller_sections(l: Locale, p: Product) -> impl IntoView {
    let tag = l.tag();
    let (seller_name, verified, seller_lines, ships, store) = p.with_value(|p| {
        let s = &p.seller;
        let seller_lines = vec![
            region_name(&s.country, tag),
            super::seller_lines::rating_and_orders(l, s),
        ];
        let ships = super::seller_lines::ships_from_lines(l, &p.ships_from);
        let store = crate::routes::Page::Store(&s.slug).href(l);
        (s.name.clone(), s.verified, seller_lines, ships, store)
    });
    view! {
        <section class="seller-card" aria-labelledby="seller-heading">
            <h2 id="seller-heading">{text(l, Msg::SoldBy)}</h2>
            <p class="seller-name"><a href=store class="store-link"><bdi>{seller_name}</bdi></a>
                {verified.then(|| view! { <span class="badge verified">"✓ "{text(l, Msg::VerifiedSeller)}</span> })}
            </p>
            {seller_lines.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
        </section>
        <section class="ships-from" aria-labelledby="ships-heading">
            <h2 id="ships-heading">{text(l, Msg::FilterShipsFrom)}</h2>
            <ul>{ships.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
        </section>
    }
}

/// Brand, model and handling; weight and package size follow the chosen variant (the first
/// one until then).
fn specifications(l: Locale, p: Product, chosen: Memo<Option<VariantInfo>>) -> impl IntoView {
    let tag = l.tag();
    let spec_rows = p.with_value(|p| {
        let h = p.handling;
        let mut handling: Vec<String> = [
            (h.fragile, Msg::HandlingFragile),
            (h.lithium_battery, Msg::HandlingLithium),
            (h.liquid, Msg::HandlingLiquid),
            (h.magnet, Msg::HandlingMagnet),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, msg)| t(l, msg).into_owned())
        .collect();
        if handling.is_empty() {
            handling.push(t(l, Msg::HandlingStandard).into_owned());
        }
        vec![
            (t(l, Msg::SpecBrand).into_owned(), p.brand.clone()),
            (t(l, Msg::SpecModel).into_owned(), p.model.clone()),
            (t(l, Msg::SpecHandling).into_owned(), handling.join(" · ")),
        ]
    });
    let measure_rows = move || {
        let v = chosen
            .get()
            .or_else(|| p.with_value(|p| p.variants.first().cloned()));
        v.map(|v| {
            let [a, b, c] = v.dims_mm;
            let n = |mm: u32| crate::format::format_decimal(&mm_to_cm(mm), tag);
            vec![
                (
                    text(l, Msg::SpecWeight),
                    format_unit(&v.weight_g.to_string(), "gram", tag),
                ),
                (
                    text(l, Msg::SpecDimensions),
                    format!(
                        "{} × {} × {}",
                        n(a),
                        n(b),
                        format_unit(&mm_to_cm(c), "centimeter", tag)
                    ),
                ),
            ]
        })
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> })
        .collect_view()
    };
    view! {
        <section class="specs" aria-labelledby="specs-heading">
            <h2 id="specs-heading">{text(l, Msg::Specifications)}</h2>
            <dl>
                {spec_rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                {measure_rows}
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_meta_description_is_the_descriptions_text_cut_at_160_characters() {
        assert_eq!(
            plain_text("<p>Hello <strong>world</strong></p><p>Again</p>"),
            "Hello world Again"
        );
        let long = format!("<p>{}</p>", "é".repeat(200));
        let cut = plain_text(&long);
        assert_eq!(cut.chars().count(), 161);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn option_codes_become_safe_element_ids() {
        assert_eq!(id_safe("EU 42"), "EU-42");
        assert_eq!(id_safe("50 ml"), "50-ml");
    }
}
