//! Shipping: the route table, destination rules and the quote engine.
//!
//! **Architecture Invariant:** no I/O. The server loads items and rates and calls
//! [`engine::quote`]; everything here is a function of its inputs, so it is tested natively
//! and benchmarked without a database.

pub mod acceptance;
pub mod calendar;
pub mod engine;
pub mod routes;
pub mod rules;

pub use calendar::Date;
pub use engine::{
    quote, Due, Item, Landed, Quote, QuoteError, QuotedOption, Rates, Request, Shipment,
};
pub use routes::{Flag, Origin, Policy, Pricing, Route, RouteTable, Service};
