//! Every user-visible string of the app, by key.
//!
//! Pages never hold literal text; they ask for a [`Msg`] in the current [`Locale`]. Only
//! English ships in this first slice; the catalog issue adds the other eleven locales, and
//! because every string already goes through here, adding one is a data change, not a hunt
//! through components.

/// A UI language the app ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
}

impl Locale {
    /// The BCP 47 tag, as used by `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }
}

/// A message key. Variants with fields carry the values the message interpolates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    StoreName,
    SkipToContent,
    HomeHeading,
    HomeIntro,
    ProductsListLabel,
    Loading,
    UnreachableTitle,
    UnreachableBody,
    ServerErrorTitle,
    ServerErrorBody,
    Retry,
    EmptyCatalog,
    Pagination,
    PreviousPage,
    NextPage,
    PageOf { page: u32, total: u32 },
    NotFoundTitle,
    NotFoundBody,
    BackToShop,
}

/// The text of `msg` in `locale`.
pub fn t(locale: Locale, msg: Msg) -> String {
    match locale {
        Locale::En => en(msg),
    }
}

fn en(msg: Msg) -> String {
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
        Msg::PageOf { page, total } => format!("Page {page} of {total}"),
        Msg::NotFoundTitle => "Page not found".into(),
        Msg::NotFoundBody => "We couldn't find the page you were looking for.".into(),
        Msg::BackToShop => "Back to the shop".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counters_interpolate_their_numbers() {
        assert_eq!(
            t(Locale::En, Msg::PageOf { page: 2, total: 3 }),
            "Page 2 of 3"
        );
    }

    #[test]
    fn no_message_is_empty() {
        let all = [
            Msg::StoreName,
            Msg::SkipToContent,
            Msg::HomeHeading,
            Msg::HomeIntro,
            Msg::ProductsListLabel,
            Msg::Loading,
            Msg::UnreachableTitle,
            Msg::UnreachableBody,
            Msg::ServerErrorTitle,
            Msg::ServerErrorBody,
            Msg::Retry,
            Msg::EmptyCatalog,
            Msg::Pagination,
            Msg::PreviousPage,
            Msg::NextPage,
            Msg::NotFoundTitle,
            Msg::NotFoundBody,
            Msg::BackToShop,
        ];
        for msg in all {
            assert!(!t(Locale::En, msg).trim().is_empty(), "{msg:?}");
        }
    }
}
