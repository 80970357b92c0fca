//! The cart's work with the server, a module of its own in the release wasm (`cart_sync`):
//! loading the cart, sending changes (queued while offline and kept across reloads), and the
//! offline copy. A page fetches it the first time a cart must be read or changed — at once
//! for a buyer who has a cart, on the first "Add to cart" for one who has none — so a first
//! visit loads none of it (the cart's wire types and their deserializers are most of it).

use super::shared::{
    bump_version, token, CartOp, CartState, COPY_KEY, COUNT_KEY, QUEUE_KEY, TOKEN_KEY,
};
use crate::api::carts::{self, CartError, CartReply, PricedFor};
use crate::browser::Store;
use domain::Cart;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::pin::Pin;

/// The work an operation started: true when the server took it.
pub type Work = Pin<Box<dyn Future<Output = bool>>>;

/// Starts `op` for `state`, once the module is here.
#[cfg(store_split)]
#[leptos::wasm_split::wasm_split(
    cart_sync,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(#[allow(dead_code)] preload)
)]
pub fn run(state: CartState, op: CartOp) -> Result<Work, leptos::wasm_split::SplitLoaderError> {
    Ok(start(state, op))
}

/// Starts `op` for `state` (one wasm outside the release build: nothing to fetch).
#[cfg(not(store_split))]
#[allow(clippy::unused_async)]
pub async fn run(
    state: CartState,
    op: CartOp,
) -> Result<Work, leptos::wasm_split::SplitLoaderError> {
    Ok(start(state, op))
}

/// Fetches the module without running anything (one wasm here: nothing to fetch).
#[cfg(not(store_split))]
#[allow(clippy::unused_async)]
pub async fn preload() -> Result<(), leptos::wasm_split::SplitLoaderError> {
    Ok(())
}

fn start(state: CartState, op: CartOp) -> Work {
    match op {
        CartOp::Reload => state.reload_now(),
        CartOp::Add(sku, quantity) => return Box::pin(state.add_now(sku, quantity)),
        CartOp::Set(sku, quantity) => state.set_quantity_now(&sku, quantity),
        CartOp::Remove(sku, quantity, title) => state.remove_now(sku, quantity, title),
        CartOp::Undo => state.undo_now(),
    }
    Box::pin(async { true })
}

fn get(key: &str) -> Option<String> {
    Store::Local.get(key)
}

fn set(key: &str, value: &str) {
    Store::Local.set(key, value);
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
    fn reload_now(self) {
        let Some(token) = token() else {
            self.cart.set(None);
            if !queue().is_empty() {
                spawn_local(async move {
                    self.flush().await;
                });
            }
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
                    for key in [TOKEN_KEY, COPY_KEY, COUNT_KEY] {
                        Store::Local.remove(key);
                    }
                    self.cart.set(None);
                }
                Err(CartError::Unreachable) => self.show_copy(),
                Err(_) => {}
            }
        });
    }

    /// Shows a cart the server answered with and keeps it as the offline copy (and its
    /// count for the header of the next page).
    fn show(self, cart: Cart, text: &str) {
        set(COPY_KEY, text);
        set(COUNT_KEY, &cart.item_count.to_string());
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
                self.reload_now();
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

    async fn add_now(self, sku: String, quantity: u32) -> bool {
        let total = self.quantity_of(&sku) + quantity;
        enqueue(&sku, total);
        self.flush().await
    }

    fn set_quantity_now(self, sku: &str, quantity: u32) {
        self.change(sku, quantity);
        spawn_local(async move {
            self.flush().await;
        });
    }

    fn remove_now(self, sku: String, quantity: u32, title: String) {
        self.change(&sku, 0);
        self.removed.set(Some((sku, quantity, title)));
        spawn_local(async move {
            self.flush().await;
        });
    }

    fn undo_now(self) {
        if let Some((sku, quantity, _)) = self.removed.get_untracked() {
            self.removed.set(None);
            self.change(&sku, quantity);
            spawn_local(async move {
                self.flush().await;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{CartGroup, CartLine, Currency, ImageRef, Money};

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
