//! What the checkout's steps share: which step is open, the page's state, the payment and the
//! review.

use super::form::{focus, keep, kept, Form};
use crate::buyer::Buyer;
use crate::cart::CartState;
use crate::fetch::Answer;
use crate::i18n::{Locale, Msg};
use crate::shipping::LiveQuote;
use domain::address::AddressFormat;
use domain::order::PaymentSetup;
use domain::shipping::ShippingTotals;
use domain::Money;
use leptos::prelude::*;

/// The steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
    Contact,
    Address,
    Delivery,
    Payment,
    Review,
}

impl Step {
    pub(super) const ALL: [Step; 5] = [
        Step::Contact,
        Step::Address,
        Step::Delivery,
        Step::Payment,
        Step::Review,
    ];

    /// The step's place, from 0: in element ids and in what the tab keeps.
    pub(super) fn index(self) -> u8 {
        self as u8
    }

    /// A kept step; the payment token is not kept, so a reload goes back to payment at most.
    pub(super) fn from_kept(text: &str, or: Step) -> Step {
        let index = text.parse::<u8>().unwrap_or(or.index());
        Step::ALL
            .into_iter()
            .find(|s| s.index() == index)
            .unwrap_or(Step::Payment)
            .min(Step::Payment)
    }

    pub(super) fn title(self) -> Msg {
        match self {
            Step::Contact => Msg::StepContact,
            Step::Address => Msg::StepAddress,
            Step::Delivery => Msg::Delivery,
            Step::Payment => Msg::StepPayment,
            Step::Review => Msg::StepReview,
        }
    }

    pub(super) fn heading_id(self) -> String {
        format!("step-{}-heading", self.index())
    }
}

/// Where the buyer is: the step open now, and the furthest one reached (every step up to it
/// can be opened again).
#[derive(Clone, Copy)]
pub(super) struct Steps {
    pub(super) current: RwSignal<Step>,
    pub(super) furthest: RwSignal<Step>,
}

impl Steps {
    pub(super) fn load() -> Steps {
        let first = Step::from_kept(&kept("step"), Step::Contact);
        let furthest = Step::from_kept(&kept("furthest"), first).max(first);
        Steps {
            current: RwSignal::new(first),
            furthest: RwSignal::new(furthest),
        }
    }

    /// Opens `to` (kept for a reload) and moves the focus to its heading.
    pub(super) fn go(self, to: Step) {
        self.current.set(to);
        if to > self.furthest.get_untracked() {
            self.furthest.set(to);
        }
        keep("step", &to.index().to_string());
        keep(
            "furthest",
            &self.furthest.get_untracked().index().to_string(),
        );
        focus(&to.heading_id());
    }

    /// The order was placed: a new checkout starts at the beginning.
    pub(super) fn reset() {
        for k in ["step", "furthest"] {
            keep(k, "");
        }
    }
}

/// What every step of the page shares.
#[derive(Clone, Copy)]
pub(super) struct Checkout {
    pub(super) locale: Memo<Locale>,
    pub(super) buyer: Buyer,
    pub(super) cart: CartState,
    pub(super) steps: Steps,
    pub(super) form: Form,
    /// The address format of the ship-to country.
    pub(super) format: Answer<AddressFormat>,
    pub(super) live: LiveQuote,
    /// One `(shipment, option)` per shipment.
    pub(super) choices: RwSignal<Vec<(String, String)>>,
    pub(super) totals: RwSignal<Option<ShippingTotals>, LocalStorage>,
}

impl Checkout {
    pub(super) fn current_format(self) -> Option<AddressFormat> {
        self.format
            .with(|f| f.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }
}

/// The payment as the page holds it.
#[derive(Clone, Copy)]
pub(super) struct Payment {
    /// The provider's page, asked for once the buyer reaches this step.
    pub(super) setup: Answer<Option<PaymentSetup>>,
    /// The one-time token and how the buyer pays ("Visa ending 4242").
    pub(super) payment: RwSignal<Option<(String, String)>>,
    pub(super) frame_height: RwSignal<u32>,
    /// A new round loads a fresh payment page (after a decline).
    pub(super) frame_round: RwSignal<u32>,
    /// Why the last payment was declined, in the provider's words.
    pub(super) payment_error: RwSignal<Option<String>>,
}

impl Payment {
    /// After a decline: no token, a fresh payment page, and the provider's reason.
    pub(super) fn declined(self, reason: Option<String>) {
        self.payment.set(None);
        self.frame_round.update(|n| *n += 1);
        self.payment_error.set(reason);
    }
}

/// The review's state: the order in flight, what the buyer must know or confirm again.
#[derive(Clone, Copy)]
pub(super) struct Review {
    pub(super) placing: RwSignal<bool>,
    pub(super) notice: RwSignal<Option<String>>,
    pub(super) needs_confirm: RwSignal<bool>,
    /// The charge the buyer saw when they reached the review.
    pub(super) agreed: StoredValue<Option<Money>>,
    /// The last order's body and its `Idempotency-Key`.
    pub(super) attempt: StoredValue<Option<(String, String)>>,
}
