//! One module per locale, each a `Texts` struct literal: every field must be given, so a new
//! text cannot go untranslated silently.

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
