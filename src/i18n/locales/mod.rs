//! One module per locale. Each `text` matches every `Msg` explicitly: a wildcard arm would let
//! a new key go untranslated silently, so clippy refuses one here.
#![deny(clippy::wildcard_enum_match_arm)]

pub mod ar;
pub mod en;
pub mod es;
pub mod id;
pub mod ja;
pub mod ko;
pub mod ms;
pub mod ru;
pub mod th;
pub mod tr;
pub mod vi;
pub mod zh_cn;

/// Formats a whole number for the locale whose module calls it.
pub type Num<'a> = &'a dyn Fn(u64) -> String;
