//! English.
use super::Num;
use crate::i18n::Msg;
use crate::i18n::{plural, Locale, PluralCategory};
use std::borrow::Cow;

pub fn text(msg: Msg, n: Num) -> Cow<'static, str> {
    match msg {
        Msg::StoreName => "Crossroads Market".into(),
        Msg::SkipToContent => "Skip to content".into(),
        Msg::HomeHeading => "Fresh from sellers worldwide".into(),
        Msg::HomeIntro => "Prices are shown in each seller's currency.".into(),
        Msg::ProductsListLabel => "Products".into(),
        Msg::Loading => "Loading products…".into(),
        Msg::UnreachableTitle => "We can't reach the store right now".into(),
        Msg::UnreachableBody => {
            "Check your connection, then try again. Nothing you did here is lost.".into()
        }
        Msg::ServerErrorTitle => "Something went wrong on our side".into(),
        Msg::ServerErrorBody => "Please try again in a moment.".into(),
        Msg::Retry => "Try again".into(),
        Msg::EmptyCatalog => "No products here yet.".into(),
        Msg::Pagination => "Pages".into(),
        Msg::PreviousPage => "Previous page".into(),
        Msg::NextPage => "Next page".into(),
        Msg::NotFoundTitle => "Page not found".into(),
        Msg::NotFoundBody => "We couldn't find the page you were looking for.".into(),
        Msg::BackToShop => "Back to the shop".into(),
        Msg::Language => "Language".into(),
        Msg::PageOf { page, total } => {
            format!("Page {} of {}", n(page.into()), n(total.into())).into()
        }
        Msg::ProductCount { count } => {
            let text: String = match plural(Locale::En, count) {
                PluralCategory::One => format!("{} product", n(count)),
                PluralCategory::Zero
                | PluralCategory::Two
                | PluralCategory::Few
                | PluralCategory::Many
                | PluralCategory::Other => format!("{} products", n(count)),
            };
            text.into()
        }
    }
}
