//! The cart: a server cart identified by a token kept in `localStorage`, priced by the server
//! in the buyer's currency, shared by every open tab (a `storage` event makes the others
//! reload it), with the header's live item count and the cart page.

use crate::api::{self, ApiError, CartReply, CartView as Where};
use crate::app::{localized, tx, use_locale, PageMeta};
use crate::currency::{use_currency, PriceTag};
use crate::format::{format_money, region_name};
use crate::i18n::{fill, t, Locale, Msg};
use domain::shipping::{default_ship_to, DESTINATIONS};
use domain::{Cart, CartLine, Money};
use leptos::prelude::*;
use leptos::task::spawn_local;

const TOKEN_KEY: &str = "store.cart.token";
/// Bumped on every change so other tabs reload the cart (`storage` events).
const VERSION_KEY: &str = "store.cart.version";
/// The server's last answer, as JSON: what the cart page shows while offline.
const COPY_KEY: &str = "store.cart.copy";
/// Changes not yet confirmed by the server, one `sku<TAB>quantity` per line (0 = remove):
/// kept across reloads and sent when the server can be reached.
const QUEUE_KEY: &str = "store.cart.queue";
const SHIP_TO_KEY: &str = "store.ship_to";

/// What the header, the product page and the cart page share.
#[derive(Clone, Copy)]
pub struct CartState {
    /// The cart as the server last priced it (with unsent changes applied while offline);
    /// `None` before the first answer or without a cart.
    pub cart: RwSignal<Option<Cart>, LocalStorage>,
    /// True while a change waits for the server (totals then show as updating).
    pub pending: RwSignal<bool>,
    /// The last change was refused; the cart shows the server's state and says so.
    pub failed: RwSignal<bool>,
    /// The server could not be reached: the page shows the saved copy and queues changes.
    pub offline: RwSignal<bool>,
    /// The last removed line, for "Undo": `(sku, quantity, title)`.
    pub removed: RwSignal<Option<(String, u32, String)>>,
    /// The destination the lines are checked against.
    pub ship_to: RwSignal<&'static str>,
    /// The compact cart shown on large screens, and whether it is open.
    pub drawer: NodeRef<leptos::html::Dialog>,
    pub drawer_open: RwSignal<bool>,
    locale: Memo<Locale>,
    /// The buyer's currency (and the rate table), as the header's menu holds it.
    money: crate::currency::CurrencyState,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

fn token() -> Option<String> {
    get(TOKEN_KEY)
}

fn bump_version() {
    let next = get(VERSION_KEY)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    set(VERSION_KEY, &next.to_string());
}

/// The unsent changes, oldest first, one per SKU.
fn queue() -> Vec<(String, u32)> {
    get(QUEUE_KEY)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| {
            let (sku, n) = line.split_once('\t')?;
            Some((sku.to_owned(), n.parse().ok()?))
        })
        .collect()
}

fn save_queue(queue: &[(String, u32)]) {
    let text: Vec<String> = queue.iter().map(|(s, n)| format!("{s}\t{n}")).collect();
    set(QUEUE_KEY, &text.join("\n"));
}

/// Records that `sku` should hold `quantity` units (0: be removed).
fn enqueue(sku: &str, quantity: u32) {
    let mut q = queue();
    q.retain(|(s, _)| s != sku);
    q.push((sku.to_owned(), quantity));
    save_queue(&q);
}

/// Applies unsent changes to a cart for display. Totals stay the server's (shown as updating).
fn apply_queue(cart: &mut Cart, queue: &[(String, u32)]) {
    for (sku, n) in queue {
        for group in &mut cart.groups {
            if *n == 0 {
                group.lines.retain(|l| &l.sku != sku);
            } else if let Some(line) = group.lines.iter_mut().find(|l| &l.sku == sku) {
                line.quantity = *n;
            }
        }
    }
    cart.groups.retain(|g| !g.lines.is_empty());
    cart.item_count = cart
        .groups
        .iter()
        .flat_map(|g| &g.lines)
        .map(|l| l.quantity)
        .sum();
}

impl CartState {
    fn at(self) -> Where {
        Where {
            locale: self.locale.get_untracked(),
            currency: self.money.current.get_untracked(),
            ship_to: self.ship_to.get_untracked(),
        }
    }

    /// Loads the cart again from the server (locale, currency and ship-to as now), sending
    /// any unsent changes first.
    pub fn reload(self) {
        let Some(token) = token() else {
            self.cart.set(None);
            return;
        };
        spawn_local(async move {
            if !queue().is_empty() {
                self.flush().await;
                return;
            }
            let reply = api::get_cart(&token, self.at()).await;
            match reply {
                Ok((cart, text)) => self.show(cart, &text),
                Err(ApiError::Server { status: 404, .. }) => {
                    if let Some(s) = storage() {
                        let _ = s.remove_item(TOKEN_KEY);
                        let _ = s.remove_item(COPY_KEY);
                    }
                    self.cart.set(None);
                }
                Err(ApiError::Unreachable) => self.show_copy(),
                Err(_) => {}
            }
        });
    }

    /// Shows a cart the server answered with and keeps it as the offline copy.
    fn show(self, cart: Cart, text: &str) {
        set(COPY_KEY, text);
        self.cart.set(Some(cart));
        self.offline.set(false);
    }

    /// Shows the saved copy with the unsent changes: the server could not be reached.
    fn show_copy(self) {
        self.offline.set(true);
        let q = queue();
        self.pending.set(!q.is_empty());
        if let Some(mut cart) = get(COPY_KEY).as_deref().and_then(api::saved_cart) {
            apply_queue(&mut cart, &q);
            self.cart.set(Some(cart));
        }
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

    /// Sends the unsent changes. True when the server took them; unreachable keeps them
    /// queued (and shows the saved copy), a refusal drops them and shows the server's cart.
    async fn flush(self) -> bool {
        let sent = queue();
        if sent.is_empty() {
            return true;
        }
        self.pending.set(true);
        let at = self.at();
        let sets: Vec<(&str, u32)> = sent
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| (s.as_str(), *n))
            .collect();
        let mut reply: Option<CartReply> = None;
        match token() {
            None => {
                if !sets.is_empty() {
                    reply = Some(api::create_cart(&sets, at).await);
                }
            }
            Some(token) => {
                for (sku, _) in sent.iter().filter(|(_, n)| *n == 0) {
                    let r = api::remove_cart_line(&token, sku, at).await;
                    let stop = r.is_err();
                    reply = Some(r);
                    if stop {
                        break;
                    }
                }
                if !sets.is_empty() && !matches!(reply, Some(Err(_))) {
                    reply = Some(api::patch_cart(&token, &sets, at).await);
                }
            }
        }
        if matches!(reply, Some(Err(ApiError::Unreachable))) {
            self.show_copy();
            return false;
        }
        // Sent (or refused): forget what was sent, keep what changed meanwhile.
        let mut q = queue();
        q.retain(|entry| !sent.contains(entry));
        save_queue(&q);
        match reply {
            Some(reply) => self.finish(reply),
            None => {
                self.pending.set(false);
                true
            }
        }
    }

    /// Shows the server's answer to a change; on a refusal, reloads the server's state.
    /// Not generic over the request's future, so the wasm holds one copy of this.
    fn finish(self, reply: CartReply) -> bool {
        self.pending.set(false);
        match reply {
            Ok((cart, text)) => {
                set(TOKEN_KEY, &cart.token);
                self.show(cart, &text);
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

    /// Records a change, shows it at once, and sends it (or keeps it until online).
    fn change(self, sku: &str, quantity: u32) {
        enqueue(sku, quantity);
        if self.offline.get_untracked() {
            self.show_copy();
        } else {
            self.cart.update(|c| {
                if let Some(c) = c {
                    apply_queue(c, &[(sku.to_owned(), quantity)]);
                }
            });
        }
    }

    /// Adds `quantity` units of `sku` (on top of what the cart holds).
    pub async fn add(self, sku: String, quantity: u32) -> bool {
        let total = self.quantity_of(&sku) + quantity;
        enqueue(&sku, total);
        self.flush().await
    }

    /// Sets a line's quantity; the stepper shows it at once, the totals follow the server.
    pub fn set_quantity(self, sku: String, quantity: u32) {
        self.change(&sku, quantity);
        spawn_local(async move {
            self.flush().await;
        });
    }

    /// Removes a line, remembering it for "Undo".
    pub fn remove(self, line: &CartLine) {
        self.removed
            .set(Some((line.sku.clone(), line.quantity, line.title.clone())));
        self.change(&line.sku, 0);
        spawn_local(async move {
            self.flush().await;
        });
    }

    /// Puts the last removed line back.
    pub fn undo(self) {
        if let Some((sku, quantity, _)) = self.removed.get_untracked() {
            self.removed.set(None);
            self.change(&sku, quantity);
            spawn_local(async move {
                self.flush().await;
            });
        }
    }

    /// Checks the lines against another destination (remembered for next time).
    /// Forgets the cart once it became an order: the next item starts a new cart. Other tabs
    /// follow through the storage event.
    pub fn forget(self) {
        if let Some(s) = storage() {
            for key in [TOKEN_KEY, COPY_KEY, QUEUE_KEY] {
                let _ = s.remove_item(key);
            }
        }
        bump_version();
        self.cart.set(None);
        self.removed.set(None);
    }

    pub fn choose_ship_to(self, country: &'static str) {
        set(SHIP_TO_KEY, country);
        self.money.follow_destination(country);
        self.ship_to.set(country);
    }

    /// Opens the compact cart on large screens; false on small ones and on the cart page
    /// itself (the caller navigates).
    pub fn open_drawer(self) -> bool {
        let on_cart_page = window()
            .location()
            .pathname()
            .is_ok_and(|p| p.ends_with("/cart"));
        // The same breakpoint as the stylesheet's wide layout.
        let large = window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w >= 960.0);
        match self.drawer.get_untracked() {
            Some(dialog) if large && !on_cart_page => {
                self.drawer_open.set(true);
                dialog.show_modal().is_ok()
            }
            _ => false,
        }
    }
}

/// Creates the cart state, loads the cart, and follows the other tabs, the currency, the
/// ship-to country and the connection coming back.
pub fn provide_cart(locale: Memo<Locale>) {
    let remembered = get(SHIP_TO_KEY).and_then(|c| DESTINATIONS.iter().copied().find(|d| *d == c));
    let ship_to = remembered.unwrap_or_else(|| {
        default_ship_to(
            &crate::currency::browser_languages(),
            locale.get_untracked(),
        )
    });
    let state = CartState {
        cart: RwSignal::new_local(None),
        pending: RwSignal::new(false),
        failed: RwSignal::new(false),
        offline: RwSignal::new(false),
        removed: RwSignal::new(None),
        ship_to: RwSignal::new(ship_to),
        drawer: NodeRef::new(),
        drawer_open: RwSignal::new(false),
        locale,
        money: use_currency(),
    };
    // Priced again whenever the language, the currency or the destination changes.
    Effect::new(move |_| {
        locale.track();
        state.money.current.track();
        state.ship_to.track();
        state.reload();
    });
    let storage_events =
        window_event_listener(leptos::ev::storage, move |ev| match ev.key().as_deref() {
            Some(VERSION_KEY) | Some(TOKEN_KEY) => state.reload(),
            Some(SHIP_TO_KEY) => {
                if let Some(c) = ev
                    .new_value()
                    .and_then(|c| DESTINATIONS.iter().copied().find(|d| *d == c))
                {
                    state.ship_to.set(c);
                }
            }
            _ => {}
        });
    let online = window_event_listener(leptos::ev::online, move |_| state.reload());
    on_cleanup(move || {
        storage_events.remove();
        online.remove();
    });
    provide_context(state);
}

pub fn use_cart() -> CartState {
    expect_context::<CartState>()
}

/// The header's cart link with the number of units; changes are announced. On large screens
/// it opens the compact cart instead of leaving the page.
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
        <a class="cart-link" href=move || localized(locale.get(), "/cart") aria-label=label
            aria-haspopup="dialog"
            on:click=move |ev| { if state.open_drawer() { ev.prevent_default(); } }>
            <span aria-hidden="true">{crate::app::tr(Msg::Cart)}</span>
            <span class="cart-count" aria-hidden="true">{move || state.count()}</span>
        </a>
        <span class="visually-hidden" role="status">{label}</span>
        <CartDrawer/>
    }
}

/// The compact cart: the cart in a modal side panel on large screens, so the buyer can check it
/// without leaving the page. Escape, the close button or a click outside closes it.
#[component]
fn CartDrawer() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    let close = move || {
        if let Some(d) = state.drawer.get_untracked() {
            d.close();
        }
    };
    view! {
        <dialog class="cart-drawer" node_ref=state.drawer aria-labelledby="drawer-heading"
            on:close=move |_| state.drawer_open.set(false)
            on:click=move |ev| {
                // A click on the backdrop lands on the dialog itself; links inside close it.
                let target = ev.target();
                let on_dialog = target.as_ref().zip(state.drawer.get_untracked())
                    .is_some_and(|(t, d)| AsRef::<wasm_bindgen::JsValue>::as_ref(&d) == AsRef::<wasm_bindgen::JsValue>::as_ref(t));
                let on_link = target.and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .and_then(|e| e.closest("a[href]").ok().flatten()).is_some();
                if on_dialog || on_link { close(); }
            }>
            <div class="drawer-head">
                <h2 id="drawer-heading">{crate::app::tr(Msg::CartHeading)}</h2>
                <button type="button" class="link-button" on:click=move |_| close()>{crate::app::tr(Msg::Close)}</button>
            </div>
            {move || state.drawer_open.get().then(|| view! {
                <CartBody/>
                <p class="drawer-actions"><a class="button secondary" href=localized(locale.get_untracked(), "/cart")>{tx(Msg::ViewCart)}</a></p>
            })}
        </dialog>
    }
}

fn money(m: &Money, tag: &str) -> String {
    format_money(m, tag)
}

/// `/{locale}/cart`
#[component]
pub fn CartPage() -> impl IntoView {
    let locale = use_locale();
    let title = Signal::derive(move || t(locale.get(), Msg::CartHeading).into_owned());
    view! {
        <PageMeta title description=title path="/cart".to_owned() noindex=true/>
        <section class="cart-page">
            <h1>{crate::app::tr(Msg::CartHeading)}</h1>
            <CartBody/>
        </section>
    }
}

/// The cart's content, on the cart page and in the drawer: notices, ship-to, the lines by
/// seller and warehouse, totals and the way to checkout.
#[component]
fn CartBody() -> impl IntoView {
    let locale = use_locale();
    let state = use_cart();
    view! {
        {move || state.offline.get().then(|| view! { <p role="status" class="cart-offline">{tx(Msg::OfflineCart)}</p> })}
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
                Some(cart) if !cart.groups.is_empty() => view! {
                    <crate::shipping::ShipToSelect id="ship-to"/>
                    <CartView cart locale=l/>
                    <crate::shipping::CartEstimate/>
                }.into_any(),
                _ => view! {
                    <div class="cart-empty">
                        <p>{tx(Msg::CartEmpty)}</p>
                        <a class="button" href=localized(l, "")>{tx(Msg::ContinueShopping)}</a>
                    </div>
                }.into_any(),
            }
        }}
    }
}

#[component]
fn CartView(cart: Cart, locale: Locale) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let country = cart
        .ship_to
        .as_deref()
        .map(|c| region_name(c, tag))
        .unwrap_or_default();
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
                .map(|line| {
                    let country = country.clone();
                    view! { <CartLineRow line locale country/> }
                })
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
    let checkout = if cart.blocked {
        view! {
            <p id="checkout-held" class="cart-notice blocked">{tx(Msg::CheckoutHeld)}</p>
            <button type="button" class="button primary" disabled=true aria-describedby="checkout-held">{tx(Msg::Checkout)}</button>
        }
        .into_any()
    } else {
        view! { <a class="button primary" href=localized(locale, "/checkout")>{tx(Msg::Checkout)}</a> }.into_any()
    };
    view! {
        <div class="cart" aria-busy=move || state.pending.get().to_string()>
            {groups}
            {total.map(|total| view! {
                <p class="cart-total">{tx(Msg::Total)}": " <strong>{format!("≈ {total}")}</strong></p>
            })}
        </div>
        <div class="checkout-bar">{checkout}</div>
    }
}

#[component]
fn CartLineRow(line: CartLine, locale: Locale, country: String) -> impl IntoView {
    let state = use_cart();
    let tag = locale.tag();
    let sku = line.sku.clone();
    let max = line.max_quantity.max(1);
    let quantity = line.quantity;
    let input_id = format!("qty-{}", line.sku);
    let error_id = format!("qty-error-{}", line.sku);
    let label_for = input_id.clone();
    let restriction = line
        .restriction
        .as_deref()
        .map(|code| crate::shipping::restriction_text(locale, code, country));
    let blocked = restriction.is_some() || line.quantity > line.stock;
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
        restriction,
    ]
    .into_iter()
    .flatten()
    .collect();
    let options = line.options.join(" · ");
    // What the buyer typed that is not a quantity stays in the box, with the reason beside it.
    let invalid = RwSignal::new(false);
    let set = {
        let sku = sku.clone();
        move |n: u32| {
            invalid.set(false);
            state.set_quantity(sku.clone(), n)
        }
    };
    let (dec, inc, typed) = (set.clone(), set.clone(), set);
    let removed = line.clone();
    let title = line.title.clone();
    let described = error_id.clone();
    let invalid_text = fill(
        &t(locale, Msg::QuantityInvalid),
        &[crate::format::format_integer(u64::from(max), tag)],
    );
    view! {
        <li class="cart-line" class:blocked=blocked>
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
                    <input id=input_id type="text" inputmode="numeric" autocomplete="off"
                        value=quantity.to_string()
                        aria-invalid=move || invalid.get().to_string()
                        aria-describedby=move || invalid.get().then(|| described.clone())
                        on:change=move |ev| {
                            match event_target_value(&ev).trim().parse::<u32>() {
                                Ok(n) if (1..=max).contains(&n) => typed(n),
                                _ => invalid.set(true),
                            }
                        }/>
                    <button type="button" class="step" aria-label=format!("{} · {}", t(locale, Msg::Increase), line.title)
                        disabled={quantity >= max} on:click=move |_| inc(quantity + 1)>"+"</button>
                    <button type="button" class="link-button remove" on:click=move |_| state.remove(&removed)>{tx(Msg::Remove)}</button>
                </div>
                {move || invalid.get().then(|| view! { <p id=error_id.clone() class="field-error" role="alert">{invalid_text.clone()}</p> })}
                <div class="cart-line-total">
                    <span class="visually-hidden">{tx(Msg::LineTotal)}" "</span>
                    <PriceTag price=line.line_total converted=line.converted_total/>
                </div>
            </div>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{CartGroup, Currency, ImageRef};

    fn line(sku: &str, quantity: u32) -> CartLine {
        let price = Money::from_minor(1250, Currency::USD);
        CartLine {
            sku: sku.into(),
            slug: sku.into(),
            title: sku.into(),
            image: ImageRef {
                url: String::new(),
                width: 1,
                height: 1,
            },
            options: vec![],
            quantity,
            stock: 10,
            max_quantity: 10,
            unit_price: price,
            line_total: price,
            converted_total: None,
            previous_unit_price: None,
            restriction: None,
        }
    }

    fn group(lines: Vec<CartLine>) -> CartGroup {
        CartGroup {
            seller_name: "s".into(),
            seller_country: "CN".into(),
            ships_from_city: "Shenzhen".into(),
            ships_from_country: "CN".into(),
            lines,
            subtotal: Money::zero(Currency::USD),
            converted_subtotal: None,
        }
    }

    #[test]
    fn unsent_changes_show_on_the_saved_cart_and_an_emptied_group_disappears() {
        let mut cart = Cart {
            token: "t".into(),
            locale: "en".into(),
            groups: vec![
                group(vec![line("A", 1), line("B", 2)]),
                group(vec![line("C", 1)]),
            ],
            item_count: 4,
            total: None,
            ship_to: None,
            blocked: false,
        };
        apply_queue(&mut cart, &[("A".into(), 5), ("C".into(), 0)]);
        assert_eq!(cart.groups.len(), 1);
        let quantities: Vec<_> = cart.groups[0]
            .lines
            .iter()
            .map(|l| (l.sku.as_str(), l.quantity))
            .collect();
        assert_eq!(quantities, [("A", 5), ("B", 2)]);
        assert_eq!(cart.item_count, 7);
    }
}
