//! The interface every payment provider implements: check a token, charge it, void a charge.

use domain::{Currency, Money};
use std::future::Future;
use std::pin::Pin;

/// One charge of a token.
#[derive(Debug, Clone)]
pub struct ChargeRequest<'a> {
    pub token: &'a str,
    pub amount: Money,
    /// The order request's `Idempotency-Key`: charging twice with it charges once.
    pub idempotency_key: &'a str,
}

/// A successful charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charged {
    /// The provider's id for the charge.
    pub reference: String,
    /// How the buyer paid, as the provider words it (`Visa •••• 4242`, `PIX`).
    pub description: String,
}

/// Why a charge was refused; `code` is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declined {
    Card,
    InsufficientFunds,
    /// Unknown, expired, already used by another order, or a challenge not completed.
    InvalidToken,
}

impl Declined {
    pub fn code(self) -> &'static str {
        match self {
            Declined::Card => "card_declined",
            Declined::InsufficientFunds => "insufficient_funds",
            Declined::InvalidToken => "invalid_token",
        }
    }
}

pub type CheckFuture<'a> = Pin<Box<dyn Future<Output = Result<(), Declined>> + Send + 'a>>;

pub type ChargeFuture<'a> = Pin<Box<dyn Future<Output = Result<Charged, Declined>> + Send + 'a>>;

/// The answer to a void: done, or why not (for the log and whoever refunds by hand).
pub type VoidFuture<'a> = Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>>;

/// What the store needs of a payment provider.
pub trait PaymentProvider: Send + Sync + 'static {
    fn name(&self) -> &'static str;
    /// Whether the provider charges in `currency`; if not, the store charges in
    /// [`PaymentProvider::fallback_currency`] at a locked rate.
    fn settles(&self, currency: Currency) -> bool;
    fn fallback_currency(&self) -> Currency;
    /// The payment page for an iframe and its origin, or `None` while the provider has no
    /// page. Configured, never derived from a request (a forged `Host` changes nothing).
    fn frame(&self) -> Option<(String, String)>;
    /// Whether `token` can pay now (known, unexpired, unused, its challenge answered, its card
    /// not declining), without charging it: stock is held only for a token that passes.
    fn check<'a>(&'a self, token: &'a str) -> CheckFuture<'a>;
    /// Charges `request.amount` to the token.
    fn charge<'a>(&'a self, request: ChargeRequest<'a>) -> ChargeFuture<'a>;
    /// Cancels the charge `reference` in full: the store could not record the order it paid
    /// for, so the buyer must not pay. A repeat of the same order request may then charge
    /// its token again.
    fn void<'a>(&'a self, reference: &'a str) -> VoidFuture<'a>;
}
