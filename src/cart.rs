//! The cart: a server cart identified by a token kept in `localStorage`, priced by the server
//! in the buyer's currency, shared by every open tab (a `storage` event makes the others
//! reload it), with the header's live item count and the cart page.

use crate::api::{self, ApiError};
use crate::app::{localized, tx, use_locale, PageMeta};
use crate::currency::{use_currency, PriceTag};
use crate::format::{format_money, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use domain::{Cart, CartLine, Currency, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;

const TOKEN_KEY: &str = "store.cart.token";
/// Bumped on every change so other tabs reload the cart (`storage` events).
const VERSION_KEY: &str = "store.cart.version";

/// What the header, the product page and the cart page share.
#[derive(Clone, Copy)]
pub struct CartState {
    /// The cart as the server last priced it; `None` before the first answer or without one.
    pub cart: RwSignal<Option<Cart>, LocalStorage>,
    /// True while a change waits for the server (totals then show as updating).
    pub pending: RwSignal<bool>,
    /// The last change failed; the cart shows the server's state and says so.
    pub failed: RwSignal<bool>,
    /// The last removed line, for "Undo": `(sku, quantity, title)`.
    pub removed: RwSignal<Option<(String, u32, String)>>,
    locale: Memo<Locale>,
    currency: RwSignal<Currency>,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn token() -> Option<String> {
    storage()?.get_item(TOKEN_KEY).ok().flatten()
}

fn bump_version() {
    if let Some(s) = storage() {
        let next = s
            .get_item(VERSION_KEY)
            .ok()
            .flatten()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            + 1;
        let _ = s.set_item(VERSION_KEY, &next.to_string());
    }
}

impl CartState {
    /// Loads the cart again from the server (locale and currency as now).
    pub fn reload(self) {
        let Some(token) = token() else {
            self.cart.set(None);
            return;
        };
        let (locale, currency) = (self.locale.get_untracked(), self.currency.get_untracked());
        spawn_local(async move {
            match api::get_cart(&token, locale, currency).await {
                Ok(cart) => self.cart.set(Some(cart)),
                Err(ApiError::Server { status: 404, .. }) => {
                    if let Some(s) = storage() {
                        let _ = s.remove_item(TOKEN_KEY);
                    }
                    self.cart.set(None);
                }
                Err(_) => {}
            }
        });
    }

    /// Units in the cart.
    pub fn count(self) -> u32 {
        self.cart.with(|c| c.as_ref().map_or(0, |c| c.item_count))
    }

    fn quantity_of(self, sku: &str) -> u32 {
        self.cart.with(|c| {
            c.as_ref()
                .and_then(|c| {
                    c.groups
                        .iter()
                        .flat_map(|g| &g.lines)
                        .find(|l| l.sku == sku)
                        .map(|l| l.quantity)
                })
                .unwrap_or(0)
        })
    }

    /// Shows the server's answer to a change; on failure, reloads the server's state.
    /// Not generic over the request's future, so the wasm holds one copy of this.
    fn finish(self, result: Result<Cart, ApiError>) -> bool {
        self.pending.set(false);
        match result {
            Ok(cart) => {
                if let Some(s) = storage() {
                    let _ = s.set_item(TOKEN_KEY, &cart.token);
                }
                self.cart.set(Some(cart));
                self.failed.set(false);
                bump_version();
                true
            }
            Err(_) => {
                self.failed.set(true);
                self.reload();
                false
            }
        }
    }

    /// Adds `quantity` units of `sku` (on top of what the cart holds).
    pub async fn add(self, sku: String, quantity: u32) -> bool {
        let (locale, currency) = (self.locale.get_untracked(), self.currency.get_untracked());
        let total = self.quantity_of(&sku) + quantity;
        self.pending.set(true);
        let result = match token() {
            Some(token) => api::patch_cart(&token, &[(&sku, total)], locale, currency).await,
            None => api::create_cart(&[(&sku, total)], locale, currency).await,
        };
        self.finish(result)
    }

    /// Sets a line's quantity; the stepper shows it at once, the totals follow the server.
    pub fn set_quantity(self, sku: String, quantity: u32) {
        let Some(token) = token() else { return };
        self.cart.update(|c| {
            if let Some(line) = c.as_mut().and_then(|c| {
                c.groups
                    .iter_mut()
                    .flat_map(|g| &mut g.lines)
                    .find(|l| l.sku == sku)
            }) {
                line.quantity = quantity;
            }
        });
        let (locale, currency) = (self.locale.get_untracked(), self.currency.get_untracked());
        self.pending.set(true);
        spawn_local(async move {
            let result = api::patch_cart(&token, &[(&sku, quantity)], locale, currency).await;
            self.finish(result);
        });
    }

    /// Removes a line, remembering it for "Undo".
    pub fn remove(self, line: &CartLine) {
        let Some(token) = token() else { return };
        self.removed
            .set(Some((line.sku.clone(), line.quantity, line.title.clone())));
        let sku = line.sku.clone();
        let (locale, currency) = (self.locale.get_untracked(), self.currency.get_untracked());
        self.pending.set(true);
        spawn_local(async move {
            let result = api::remove_cart_line(&token, &sku, locale, currency).await;
            self.finish(result);
        });
    }

    /// Puts the last removed line back.
    pub fn undo(self) {
        if let Some((sku, quantity, _)) = self.removed.get_untracked() {
            self.removed.set(None);
            spawn_local(async move {
                self.add(sku, quantity).await;
            });
        }
    }
}

/// Creates the cart state, loads the cart, and follows the other tabs and the currency.
pub fn provide_cart(locale: Memo<Locale>) {
    let state = CartState {
        cart: RwSignal::new_local(None),
        pending: RwSignal::new(false),
        failed: RwSignal::new(false),
        removed: RwSignal::new(None),
        locale,
        currency: use_currency().current,
    };
    // Priced again whenever the language or the currency changes.
    Effect::new(move |_| {
        locale.track();
        state.currency.track();
        state.reload();
    });
    let handle = window_event_listener(leptos::ev::storage, move |ev| {
        if matches!(ev.key().as_deref(), Some(VERSION_KEY) | Some(TOKEN_KEY)) {
            state.reload();
        }
    });
    on_cleanup(move || handle.remove());
    provide_context(state);
}

pub fn use_cart() -> CartState {
    expect_context::<CartState>()
}

/// The header's cart link with the number of units; changes are announced.
#[component]
pub fn CartLink() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let label = move || {
        format!(
            "{}: {}",
            t(locale.get(), Msg::Cart),
            t(
                locale.get(),
                Msg::ProductCount {
                    count: state.count().into()
                }
            )
        )
    };
    view! {
        <a class="cart-link" href=move || localized(locale.get(), "/cart") aria-label=label>
            <span aria-hidden="true">{crate::app::tr(Msg::Cart)}</span>
            <span class="cart-count" aria-hidden="true">{move || state.count()}</span>
        </a>
        <span class="visually-hidden" role="status">{label}</span>
    }
}

fn money(m: &Money, tag: &str) -> String {
    format_money(m, tag)
}

/// `/{locale}/cart`
#[component]
pub fn CartPage() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let title = Signal::derive(move || t(locale.get(), Msg::CartHeading).into_owned());
    view! {
        <PageMeta title description=title path="/cart".to_owned() noindex=true/>
        <section class="cart-page">
            <h1>{crate::app::tr(Msg::CartHeading)}</h1>
            {move || state.failed.get().then(|| view! { <p role="alert" class="cart-error">{tx(Msg::CartError)}</p> })}
            <p role="status" class="undo-bar">
                {move || state.removed.get().map(|(_, _, title)| view! {
                    {fill(&tx(Msg::Removed), &[title])}" "
                    <button type="button" class="link-button" on:click=move |_| state.undo()>{tx(Msg::Undo)}</button>
                })}
            </p>
            {move || {
                let l = locale.get();
                match state.cart.get() {
                    Some(cart) if !cart.groups.is_empty() => view! { <CartView cart locale=l/> }.into_any(),
                    _ => view! {
                        <div class="cart-empty">
                            <p>{tx(Msg::CartEmpty)}</p>
                            <a class="button" href=localized(l, "")>{tx(Msg::ContinueShopping)}</a>
                        </div>
                    }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn CartView(cart: Cart, locale: Locale) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let groups = cart
        .groups
        .into_iter()
        .enumerate()
        .map(|(gi, group)| {
            let heading_id = format!("cart-group-{gi}");
            let heading = fill(
                &t(locale, Msg::GroupHeading),
                &[
                    group.seller_name.clone(),
                    format!(
                        "{}, {}",
                        group.ships_from_city,
                        region_name(&group.ships_from_country, tag)
                    ),
                ],
            );
            let subtotal = group
                .converted_subtotal
                .map(|m| format!("≈ {}", money(&m, tag)))
                .unwrap_or_else(|| money(&group.subtotal, tag));
            let lines = group
                .lines
                .into_iter()
                .map(|line| view! { <CartLineRow line locale/> })
                .collect_view();
            let labelled_by = heading_id.clone();
            view! {
                <section class="cart-group" aria-labelledby=labelled_by>
                    <h2 id=heading_id dir="auto">{heading}</h2>
                    <ul class="cart-lines">{lines}</ul>
                    <p class="cart-subtotal">{tx(Msg::Subtotal)}": " <strong>{subtotal}</strong></p>
                </section>
            }
        })
        .collect_view();
    let total = cart.total.map(|m| money(&m, tag));
    view! {
        <div class="cart" aria-busy=move || state.pending.get().to_string()>
            {groups}
            {total.map(|total| view! {
                <p class="cart-total">{tx(Msg::Total)}": " <strong>{format!("≈ {total}")}</strong></p>
            })}
        </div>
    }
}

#[component]
fn CartLineRow(line: CartLine, locale: Locale) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let sku = line.sku.clone();
    let max = line.max_quantity.max(1);
    let quantity = line.quantity;
    let input_id = format!("qty-{}", line.sku);
    let label_for = input_id.clone();
    let notices: Vec<String> = [
        line.previous_unit_price.map(|was| {
            fill(
                &t(locale, Msg::PriceChanged),
                &[money(&was, tag), money(&line.unit_price, tag)],
            )
        }),
        (line.quantity > line.stock).then(|| {
            fill(
                &t(locale, Msg::OnlyLeft),
                &[crate::format::format_integer(u64::from(line.stock), tag)],
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let options = line.options.join(" · ");
    let set = {
        let sku = sku.clone();
        move |n: u32| state.set_quantity(sku.clone(), n.clamp(1, max))
    };
    let (dec, inc, typed) = (set.clone(), set.clone(), set);
    let removed = line.clone();
    let title = line.title.clone();
    view! {
        <li class="cart-line">
            <img src=line.image.url.clone() width="64" height="64" alt="" loading="lazy"/>
            <div class="cart-line-body">
                <a href=localized(locale, &format!("/p/{}", line.slug)) dir="auto">{line.title.clone()}</a>
                {(!options.is_empty()).then(|| view! { <p class="cart-options">{options}</p> })}
                <p class="cart-unit">{money(&line.unit_price, tag)}</p>
                {notices.into_iter().map(|n| view! { <p class="cart-notice">{n}</p> }).collect_view()}
                <div class="stepper">
                    <button type="button" class="step" aria-label=format!("{} · {title}", t(locale, Msg::Decrease))
                        disabled={quantity <= 1} on:click=move |_| dec(quantity.saturating_sub(1))>"−"</button>
                    <label class="visually-hidden" for=label_for>{tx(Msg::Quantity)}</label>
                    <input id=input_id type="number" inputmode="numeric" min="1" max=max.to_string()
                        value=quantity.to_string()
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                typed(n);
                            }
                        }/>
                    <button type="button" class="step" aria-label=format!("{} · {}", t(locale, Msg::Increase), line.title)
                        disabled={quantity >= max} on:click=move |_| inc(quantity + 1)>"+"</button>
                    <button type="button" class="link-button remove" on:click=move |_| state.remove(&removed)>{tx(Msg::Remove)}</button>
                </div>
                <div class="cart-line-total">
                    <span class="visually-hidden">{tx(Msg::LineTotal)}" "</span>
                    <PriceTag price=line.line_total converted=line.converted_total/>
                </div>
            </div>
        </li>
    }
}
