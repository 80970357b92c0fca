//! The cart's state: the server's cart, the changes not yet sent, the offline copy, and the
//! tabs kept in step.

use crate::api::carts::{self, CartError, CartReply, PricedFor};
use crate::browser::Store;
use crate::buyer::Buyer;
use domain::{Cart, CartLine};
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
    /// The compact cart shown on large screens, and whether it is open.
    pub drawer: NodeRef<leptos::html::Dialog>,
    pub drawer_open: RwSignal<bool>,
    /// Whose language, currency and destination the cart is priced and checked for.
    buyer: Buyer,
}

fn get(key: &str) -> Option<String> {
    Store::Local.get(key)
}

fn set(key: &str, value: &str) {
    Store::Local.set(key, value);
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
    fn at(self) -> PricedFor {
        PricedFor {
            locale: self.buyer.locale.get_untracked(),
            currency: self.buyer.currency.get_untracked(),
            ship_to: self.buyer.ship_to.get_untracked(),
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
            let reply = carts::get_cart(&token, self.at()).await;
            match reply {
                Ok((cart, text)) => self.show(cart, &text),
                Err(CartError::NotFound) => {
                    Store::Local.remove(TOKEN_KEY);
                    Store::Local.remove(COPY_KEY);
                    self.cart.set(None);
                }
                Err(CartError::Unreachable) => self.show_copy(),
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
        if let Some(mut cart) = get(COPY_KEY).as_deref().and_then(carts::saved_cart) {
            apply_queue(&mut cart, &q);
            self.cart.set(Some(cart));
        }
    }

    /// The cart's token while it holds something (to quote shipping for). Reactive.
    pub fn quotable_token(self) -> Option<String> {
        self.cart.with(|c| {
            c.as_ref()
                .filter(|c| c.item_count > 0)
                .map(|c| c.token.clone())
        })
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
                    reply = Some(carts::create_cart(&sets, at).await);
                }
            }
            Some(token) => {
                for (sku, _) in sent.iter().filter(|(_, n)| *n == 0) {
                    let r = carts::remove_cart_line(&token, sku, at).await;
                    let stop = r.is_err();
                    reply = Some(r);
                    if stop {
                        break;
                    }
                }
                if !sets.is_empty() && !matches!(reply, Some(Err(_))) {
                    reply = Some(carts::patch_cart(&token, &sets, at).await);
                }
            }
        }
        if matches!(reply, Some(Err(CartError::Unreachable))) {
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

    /// Forgets the cart once it became an order: the next item starts a new cart. Other tabs
    /// follow through the storage event.
    pub fn forget(self) {
        for key in [TOKEN_KEY, COPY_KEY, QUEUE_KEY] {
            Store::Local.remove(key);
        }
        bump_version();
        self.cart.set(None);
        self.removed.set(None);
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

impl CartState {
    /// No cart yet, nothing pending, the drawer closed. Inlined: as a call it costs the wasm
    /// 0.1 KB more than the two copies it replaces.
    #[inline(always)]
    fn empty(buyer: Buyer) -> CartState {
        CartState {
            cart: RwSignal::new_local(None),
            pending: RwSignal::new(false),
            failed: RwSignal::new(false),
            offline: RwSignal::new(false),
            removed: RwSignal::new(None),
            drawer: NodeRef::new(),
            drawer_open: RwSignal::new(false),
            buyer,
        }
    }
}

/// The cart as the server draws a page's first screen (`crate::shell::prerender`): empty,
/// with nothing fetched or listened to; the app's own [`provide_cart`] takes over in the
/// browser.
#[cfg(feature = "ssr")]
pub fn provide_unknown_cart(buyer: Buyer) {
    provide_context(CartState::empty(buyer));
}

/// Creates the cart state, loads the cart, and follows the other tabs, the buyer's language,
/// currency and ship-to country, and the connection coming back.
pub fn provide_cart(buyer: Buyer) {
    let state = CartState::empty(buyer);
    // Priced again whenever the language, the currency or the destination changes.
    Effect::new(move |_| {
        buyer.locale.track();
        buyer.currency.track();
        buyer.ship_to.track();
        state.reload();
    });
    let storage_events =
        window_event_listener(leptos::ev::storage, move |ev| match ev.key().as_deref() {
            Some(VERSION_KEY) | Some(TOKEN_KEY) => state.reload(),
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
    use_context::<CartState>().expect("the shell provides the cart")
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{CartGroup, Currency, ImageRef, Money};

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
