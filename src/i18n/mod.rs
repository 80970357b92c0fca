//! Every user-visible string of the app, in every shipped locale.
//!
//! Pages never hold literal text; they ask for a [`Msg`] in the current [`Locale`]; [`t`] is one
//! exhaustive `match` over `Msg`. The texts themselves live in the `ui_texts` crate (a struct
//! literal per locale, so a missing text is a compile error) and reach the browser as data: the
//! server inlines the buyer's locale into `index.html`, and others are fetched when the buyer
//! switches language ([`install_json`]). The wasm carries only English, as the last resort.
//! Texts are data, not code: an earlier version matched per locale and compiled to 46 KB of
//! wasm, where a table lookup and one `fill` cost almost nothing beyond the strings.
//! Plural forms follow CLDR's cardinal rules ([`plural`]); numbers inside messages are
//! formatted by the browser's `Intl` for the locale.
//!
//! Why not leptos_i18n: it pulls leptos-use and ICU data into the bundle, while the browser
//! already ships `Intl`; these tables cost a few kilobytes and are checked just as strictly.

mod plural;

pub use domain::{Dir, Locale};
pub use plural::{plural, PluralCategory};

use std::borrow::Cow;
use std::cell::RefCell;

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
    PageOf {
        page: u32,
        total: u32,
    },
    ProductCount {
        count: u64,
    },
    NotFoundTitle,
    NotFoundBody,
    BackToShop,
    Language,
    SearchLabel,
    SearchPlaceholder,
    SearchSubmit,
    SearchHeading,
    CategoriesHeading,
    Filters,
    FilterCategory,
    FilterPrice,
    FilterShipsFrom,
    FilterHandlingFree,
    FilterSellerRating,
    AnyValue,
    ClearFilters,
    SortLabel,
    SortRelevance,
    SortPriceAsc,
    SortPriceDesc,
    SortNewest,
    SortBestSelling,
    NoResultsTitle,
    NoResultsBody,
    SellerLocation,
    GalleryLabel,
    Colour,
    Size,
    OptionUnavailable,
    SoldOut,
    ChooseOptions,
    CombinationUnavailable,
    OutOfStock,
    Quantity,
    AddToCart,
    Cart,
    AddedToCart,
    CartHeading,
    CartEmpty,
    ContinueShopping,
    GroupHeading,
    Remove,
    Removed,
    Undo,
    Subtotal,
    Total,
    Increase,
    Decrease,
    PriceChanged,
    OnlyLeft,
    CartError,
    LineTotal,
    ShipTo,
    Checkout,
    CheckoutHeld,
    OfflineCart,
    ViewCart,
    Close,
    CannotShipLithium,
    CannotShipLiquid,
    CannotShipControlled,
    QuantityInvalid,
    CurrencyNoMatch,
    Delivery,
    DeliveryTo,
    PostalCode,
    PostalCodeHint,
    ServicePostalEconomy,
    ServicePostalRegistered,
    ServiceEPacket,
    ServiceSpecialLine,
    ServiceExpress,
    ServiceEconomyAir,
    ServiceLocal,
    ServiceLocalExpress,
    LabelCheapest,
    LabelFastest,
    LabelBestValue,
    Arrives,
    Tracked,
    Untracked,
    Ddp,
    TaxesNow,
    TaxesOnDelivery,
    TaxesNone,
    RuleCollected,
    RuleBelow,
    RuleAbove,
    RuleNone,
    ShipmentHeading,
    CannotShipMagnet,
    CannotShipFragile,
    CannotShipRemote,
    CannotShipOther,
    QuoteFailed,
    QuoteUpdated,
    SummaryGoods,
    SummaryShipping,
    SummaryTaxesNow,
    SummaryPayNow,
    SummaryOnDelivery,
    SummaryLanded,
    FromPrice,
    SavingNote,
    DeliveryOptionsLabel,
    ShowAllOptions,
    ShowFewerOptions,
    PostalCodeInvalid,
    LabelCommune,
    CheckoutSteps,
    StepContact,
    StepAddress,
    StepPayment,
    StepReview,
    StepDone,
    ChangeStep,
    ContinueStep,
    EmailLabel,
    EmailHint,
    EmailInvalid,
    LabelName,
    LabelOrganization,
    LabelAddress1,
    LabelAddress2,
    LabelPhone,
    LabelCity,
    LabelZip,
    LabelState,
    LabelProvince,
    LabelPrefecture,
    LabelRegion,
    LabelEmirate,
    LabelDepartment,
    LabelDoSi,
    LabelSuburb,
    LabelDistrict,
    LabelPostTown,
    LabelNeighborhood,
    LabelVillage,
    LabelCpf,
    LabelRut,
    LabelPccc,
    LabelCnId,
    OptionalField,
    CustomsIdHint,
    FieldRequired,
    PostalFormat,
    PhoneInvalid,
    CustomsIdInvalid,
    FieldTooLong,
    FixFields,
    AddressCheckFailed,
    PaymentFrameTitle,
    ChargeNotice,
    PayingWith,
    PaymentNeeded,
    PlaceOrder,
    PlacingOrder,
    ConfirmNewTotal,
    QuoteRenewedConfirm,
    OrderUnreachable,
    ShipToLabel,
    OrderThanks,
    OrderNumber,
    OrderKeepLink,
    OrderItems,
    OrderCharged,
    OrderLookup,
    OrderNumberLabel,
    OrderLookupButton,
    OrderNotFound,
    OrderPaid,
    UnitPriceEach,
    SoldBy,
    VerifiedSeller,
    Specifications,
    SpecBrand,
    SpecModel,
    SpecWeight,
    SpecDimensions,
    SpecHandling,
    HandlingStandard,
    HandlingFragile,
    HandlingLithium,
    HandlingLiquid,
    HandlingMagnet,
    Description,
    MachineTranslated,
    ShowOriginal,
    ShowTranslation,
    OverseasWarehouse,
    Breadcrumbs,
    Home,
    ProductNotFoundTitle,
    ProductNotFoundBody,
    MetaDescription,
    PriceLabel,
    Currency,
    /// `{0}` seller's price, `{1}` rate, `{2}` source, `{3}` date, `{4}` spread; see [`fill`].
    ConvertedNote,
    ShowImage {
        index: u32,
        total: u32,
    },
    InStock {
        count: u64,
    },
    LowStock {
        count: u64,
    },
    SellerOrders {
        count: u64,
    },
    /// A rating in tenths of a star (47 = 4.7).
    RatingLabel {
        tenths: u32,
    },
    RatingAtLeast {
        tenths: u32,
    },
    ReviewCount {
        count: u64,
    },
}

impl Msg {
    /// One of each message, with sample values, for tests that walk every key.
    pub const SAMPLES: &'static [Msg] = &[
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
        Msg::PageOf { page: 2, total: 3 },
        Msg::ProductCount { count: 0 },
        Msg::ProductCount { count: 1 },
        Msg::ProductCount { count: 2 },
        Msg::ProductCount { count: 5 },
        Msg::ProductCount { count: 11 },
        Msg::ProductCount { count: 21 },
        Msg::ProductCount { count: 102 },
        Msg::NotFoundTitle,
        Msg::NotFoundBody,
        Msg::BackToShop,
        Msg::Language,
        Msg::SearchLabel,
        Msg::SearchPlaceholder,
        Msg::SearchSubmit,
        Msg::SearchHeading,
        Msg::CategoriesHeading,
        Msg::Filters,
        Msg::FilterCategory,
        Msg::FilterPrice,
        Msg::FilterShipsFrom,
        Msg::FilterHandlingFree,
        Msg::FilterSellerRating,
        Msg::AnyValue,
        Msg::ClearFilters,
        Msg::SortLabel,
        Msg::SortRelevance,
        Msg::SortPriceAsc,
        Msg::SortPriceDesc,
        Msg::SortNewest,
        Msg::SortBestSelling,
        Msg::NoResultsTitle,
        Msg::NoResultsBody,
        Msg::SellerLocation,
        Msg::GalleryLabel,
        Msg::Colour,
        Msg::Size,
        Msg::OptionUnavailable,
        Msg::SoldOut,
        Msg::ChooseOptions,
        Msg::CombinationUnavailable,
        Msg::OutOfStock,
        Msg::Quantity,
        Msg::AddToCart,
        Msg::Cart,
        Msg::AddedToCart,
        Msg::CartHeading,
        Msg::CartEmpty,
        Msg::ContinueShopping,
        Msg::Remove,
        Msg::Undo,
        Msg::Subtotal,
        Msg::Total,
        Msg::Increase,
        Msg::Decrease,
        Msg::CartError,
        Msg::LineTotal,
        Msg::LabelCommune,
        Msg::CheckoutSteps,
        Msg::StepContact,
        Msg::StepAddress,
        Msg::StepPayment,
        Msg::StepReview,
        Msg::StepDone,
        Msg::ChangeStep,
        Msg::ContinueStep,
        Msg::EmailLabel,
        Msg::EmailHint,
        Msg::EmailInvalid,
        Msg::LabelName,
        Msg::LabelOrganization,
        Msg::LabelAddress1,
        Msg::LabelAddress2,
        Msg::LabelPhone,
        Msg::LabelCity,
        Msg::LabelZip,
        Msg::LabelState,
        Msg::LabelProvince,
        Msg::LabelPrefecture,
        Msg::LabelRegion,
        Msg::LabelEmirate,
        Msg::LabelDepartment,
        Msg::LabelDoSi,
        Msg::LabelSuburb,
        Msg::LabelDistrict,
        Msg::LabelPostTown,
        Msg::LabelNeighborhood,
        Msg::LabelVillage,
        Msg::LabelCpf,
        Msg::LabelRut,
        Msg::LabelPccc,
        Msg::LabelCnId,
        Msg::FieldRequired,
        Msg::FixFields,
        Msg::AddressCheckFailed,
        Msg::PaymentFrameTitle,
        Msg::PaymentNeeded,
        Msg::PlaceOrder,
        Msg::PlacingOrder,
        Msg::ConfirmNewTotal,
        Msg::QuoteRenewedConfirm,
        Msg::OrderUnreachable,
        Msg::ShipToLabel,
        Msg::OrderThanks,
        Msg::OrderKeepLink,
        Msg::OrderItems,
        Msg::OrderCharged,
        Msg::OrderLookup,
        Msg::OrderNumberLabel,
        Msg::OrderLookupButton,
        Msg::OrderNotFound,
        Msg::OrderPaid,
        Msg::PostalCodeInvalid,
        Msg::ShowFewerOptions,
        Msg::DeliveryOptionsLabel,
        Msg::SummaryLanded,
        Msg::SummaryOnDelivery,
        Msg::SummaryPayNow,
        Msg::SummaryTaxesNow,
        Msg::SummaryShipping,
        Msg::SummaryGoods,
        Msg::QuoteUpdated,
        Msg::QuoteFailed,
        Msg::RuleNone,
        Msg::TaxesNone,
        Msg::Ddp,
        Msg::Untracked,
        Msg::Tracked,
        Msg::LabelBestValue,
        Msg::LabelFastest,
        Msg::LabelCheapest,
        Msg::ServiceLocalExpress,
        Msg::ServiceLocal,
        Msg::ServiceEconomyAir,
        Msg::ServiceExpress,
        Msg::ServiceSpecialLine,
        Msg::ServiceEPacket,
        Msg::ServicePostalRegistered,
        Msg::ServicePostalEconomy,
        Msg::PostalCodeHint,
        Msg::PostalCode,
        Msg::Delivery,
        Msg::ShipTo,
        Msg::Checkout,
        Msg::CheckoutHeld,
        Msg::OfflineCart,
        Msg::ViewCart,
        Msg::Close,
        Msg::SoldBy,
        Msg::VerifiedSeller,
        Msg::Specifications,
        Msg::SpecBrand,
        Msg::SpecModel,
        Msg::SpecWeight,
        Msg::SpecDimensions,
        Msg::SpecHandling,
        Msg::HandlingStandard,
        Msg::HandlingFragile,
        Msg::HandlingLithium,
        Msg::HandlingLiquid,
        Msg::HandlingMagnet,
        Msg::Description,
        Msg::MachineTranslated,
        Msg::ShowOriginal,
        Msg::ShowTranslation,
        Msg::OverseasWarehouse,
        Msg::Breadcrumbs,
        Msg::Home,
        Msg::ProductNotFoundTitle,
        Msg::ProductNotFoundBody,
        Msg::MetaDescription,
        Msg::PriceLabel,
        Msg::Currency,
        Msg::ShowImage { index: 1, total: 4 },
        Msg::InStock { count: 120 },
        Msg::LowStock { count: 3 },
        Msg::SellerOrders { count: 48210 },
        Msg::RatingLabel { tenths: 47 },
        Msg::RatingAtLeast { tenths: 45 },
        Msg::ReviewCount { count: 0 },
        Msg::ReviewCount { count: 1 },
        Msg::ReviewCount { count: 2 },
        Msg::ReviewCount { count: 5 },
        Msg::ReviewCount { count: 11 },
        Msg::ReviewCount { count: 164 },
    ];
}

pub use ui_texts::{Plural, Texts};

fn pick(plural: &Plural, category: PluralCategory) -> &'static str {
    let chosen = match category {
        PluralCategory::Zero => plural.zero,
        PluralCategory::One => plural.one,
        PluralCategory::Two => plural.two,
        PluralCategory::Few => plural.few,
        PluralCategory::Many => plural.many,
        PluralCategory::Other => None,
    };
    chosen.unwrap_or(plural.other)
}

thread_local! {
    /// The texts the page has received, by `Locale::index`.
    static LOADED: RefCell<[Option<&'static Texts>; Locale::ALL.len()]> =
        const { RefCell::new([None; Locale::ALL.len()]) };
}

/// Makes `texts` the texts of `locale` for the rest of the page's life.
pub fn install(locale: Locale, texts: &'static Texts) {
    LOADED.with(|loaded| loaded.borrow_mut()[locale.index()] = Some(texts));
}

/// Reads texts sent as a flat JSON object (see `ui_texts::Texts::to_json`) and installs them.
/// Fails with the first missing key.
pub fn install_json(locale: Locale, object: &wasm_bindgen::JsValue) -> Result<(), String> {
    let texts = Texts::from_lookup(&mut |key| {
        js_sys::Reflect::get(object, &wasm_bindgen::JsValue::from_str(key))
            .ok()?
            .as_string()
    })?;
    install(locale, Box::leak(Box::new(texts)));
    Ok(())
}

/// Installs the texts the server inlined into the app shell, if it did:
/// `<script id="ui-texts" type="application/json" data-locale="es">{…}</script>`.
pub fn install_inline() {
    let Some(element) = leptos::prelude::document().get_element_by_id("ui-texts") else {
        return;
    };
    let locale = element
        .get_attribute("data-locale")
        .and_then(|tag| Locale::from_tag(&tag));
    if let (Some(locale), Some(text)) = (locale, element.text_content()) {
        if let Ok(object) = js_sys::JSON::parse(&text) {
            let _ = install_json(locale, &object);
        }
    }
}

/// Fetches and installs the texts of `locale` unless they are already here.
pub async fn load(locale: Locale) -> Result<(), crate::api::ApiError> {
    if is_loaded(locale) {
        return Ok(());
    }
    let object = crate::api::ui_texts(locale).await?;
    install_json(locale, &object).map_err(crate::api::ApiError::Malformed)
}

/// True once the texts of `locale` are here. English is always here: it is built in, as the
/// language of last resort when the server cannot be reached.
pub fn is_loaded(locale: Locale) -> bool {
    locale == Locale::En || LOADED.with(|loaded| loaded.borrow()[locale.index()].is_some())
}

/// The texts of `locale`; while they have not arrived, those of a locale that has (the page
/// then reads in a language the buyer already had, not in blanks), else English.
fn texts(locale: Locale) -> &'static Texts {
    let loaded = LOADED.with(|loaded| {
        let loaded = loaded.borrow();
        loaded[locale.index()].or_else(|| {
            (locale != Locale::En)
                .then(|| loaded.iter().flatten().next().copied())
                .flatten()
        })
    });
    match loaded {
        Some(texts) => texts,
        None => built_in(locale),
    }
}

/// Native builds (unit tests) have every locale's tables; the browser build only English's
/// (~1 KB brotli), which it uses until or unless the buyer's language arrives.
#[cfg(not(target_arch = "wasm32"))]
fn built_in(locale: Locale) -> &'static Texts {
    ui_texts::texts(locale)
}

#[cfg(target_arch = "wasm32")]
fn built_in(_: Locale) -> &'static Texts {
    ui_texts::texts(Locale::En)
}

/// Replaces `{0}`, `{1}`, … in `template` with `values`.
pub fn fill(template: &str, values: &[String]) -> String {
    let mut out = template.to_owned();
    for (i, value) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), value);
    }
    out
}

/// The text of `msg` in `locale`. Numbers are formatted by the browser's `Intl` for the locale.
#[deny(clippy::wildcard_enum_match_arm)]
pub fn t(locale: Locale, msg: Msg) -> Cow<'static, str> {
    let tx = texts(locale);
    let tag = locale.tag();
    let n = |value: u64| crate::format::format_integer(value, tag);
    let tenths = |value: u32| crate::format::format_tenths(value, tag);
    match msg {
        Msg::StoreName => Cow::Borrowed(tx.store_name),
        Msg::SkipToContent => Cow::Borrowed(tx.skip_to_content),
        Msg::HomeHeading => Cow::Borrowed(tx.home_heading),
        Msg::HomeIntro => Cow::Borrowed(tx.home_intro),
        Msg::ProductsListLabel => Cow::Borrowed(tx.products_list_label),
        Msg::Loading => Cow::Borrowed(tx.loading),
        Msg::UnreachableTitle => Cow::Borrowed(tx.unreachable_title),
        Msg::UnreachableBody => Cow::Borrowed(tx.unreachable_body),
        Msg::ServerErrorTitle => Cow::Borrowed(tx.server_error_title),
        Msg::ServerErrorBody => Cow::Borrowed(tx.server_error_body),
        Msg::Retry => Cow::Borrowed(tx.retry),
        Msg::EmptyCatalog => Cow::Borrowed(tx.empty_catalog),
        Msg::Pagination => Cow::Borrowed(tx.pagination),
        Msg::PreviousPage => Cow::Borrowed(tx.previous_page),
        Msg::NextPage => Cow::Borrowed(tx.next_page),
        Msg::NotFoundTitle => Cow::Borrowed(tx.not_found_title),
        Msg::NotFoundBody => Cow::Borrowed(tx.not_found_body),
        Msg::BackToShop => Cow::Borrowed(tx.back_to_shop),
        Msg::Language => Cow::Borrowed(tx.language),
        Msg::SearchLabel => Cow::Borrowed(tx.search_label),
        Msg::SearchPlaceholder => Cow::Borrowed(tx.search_placeholder),
        Msg::SearchSubmit => Cow::Borrowed(tx.search_submit),
        Msg::SearchHeading => Cow::Borrowed(tx.search_heading),
        Msg::CategoriesHeading => Cow::Borrowed(tx.categories_heading),
        Msg::Filters => Cow::Borrowed(tx.filters),
        Msg::FilterCategory => Cow::Borrowed(tx.filter_category),
        Msg::FilterPrice => Cow::Borrowed(tx.filter_price),
        Msg::FilterShipsFrom => Cow::Borrowed(tx.filter_ships_from),
        Msg::FilterHandlingFree => Cow::Borrowed(tx.filter_handling_free),
        Msg::FilterSellerRating => Cow::Borrowed(tx.filter_seller_rating),
        Msg::AnyValue => Cow::Borrowed(tx.any_value),
        Msg::ClearFilters => Cow::Borrowed(tx.clear_filters),
        Msg::SortLabel => Cow::Borrowed(tx.sort_label),
        Msg::SortRelevance => Cow::Borrowed(tx.sort_relevance),
        Msg::SortPriceAsc => Cow::Borrowed(tx.sort_price_asc),
        Msg::SortPriceDesc => Cow::Borrowed(tx.sort_price_desc),
        Msg::SortNewest => Cow::Borrowed(tx.sort_newest),
        Msg::SortBestSelling => Cow::Borrowed(tx.sort_best_selling),
        Msg::NoResultsTitle => Cow::Borrowed(tx.no_results_title),
        Msg::NoResultsBody => Cow::Borrowed(tx.no_results_body),
        Msg::SellerLocation => Cow::Borrowed(tx.seller_location),
        Msg::GalleryLabel => Cow::Borrowed(tx.gallery_label),
        Msg::Colour => Cow::Borrowed(tx.colour),
        Msg::Size => Cow::Borrowed(tx.size),
        Msg::OptionUnavailable => Cow::Borrowed(tx.option_unavailable),
        Msg::SoldOut => Cow::Borrowed(tx.sold_out),
        Msg::ChooseOptions => Cow::Borrowed(tx.choose_options),
        Msg::CombinationUnavailable => Cow::Borrowed(tx.combination_unavailable),
        Msg::OutOfStock => Cow::Borrowed(tx.out_of_stock),
        Msg::Quantity => Cow::Borrowed(tx.quantity),
        Msg::AddToCart => Cow::Borrowed(tx.add_to_cart),
        Msg::Cart => Cow::Borrowed(tx.cart),
        Msg::AddedToCart => Cow::Borrowed(tx.added_to_cart),
        Msg::CartHeading => Cow::Borrowed(tx.cart_heading),
        Msg::CartEmpty => Cow::Borrowed(tx.cart_empty),
        Msg::ContinueShopping => Cow::Borrowed(tx.continue_shopping),
        Msg::GroupHeading => Cow::Borrowed(tx.group_heading),
        Msg::Remove => Cow::Borrowed(tx.remove),
        Msg::Removed => Cow::Borrowed(tx.removed),
        Msg::Undo => Cow::Borrowed(tx.undo),
        Msg::Subtotal => Cow::Borrowed(tx.subtotal),
        Msg::Total => Cow::Borrowed(tx.total),
        Msg::Increase => Cow::Borrowed(tx.increase),
        Msg::Decrease => Cow::Borrowed(tx.decrease),
        Msg::PriceChanged => Cow::Borrowed(tx.price_changed),
        Msg::OnlyLeft => Cow::Borrowed(tx.only_left),
        Msg::CartError => Cow::Borrowed(tx.cart_error),
        Msg::LineTotal => Cow::Borrowed(tx.line_total),
        Msg::ShipTo => Cow::Borrowed(tx.ship_to),
        Msg::Checkout => Cow::Borrowed(tx.checkout),
        Msg::CheckoutHeld => Cow::Borrowed(tx.checkout_held),
        Msg::OfflineCart => Cow::Borrowed(tx.offline_cart),
        Msg::ViewCart => Cow::Borrowed(tx.view_cart),
        Msg::Close => Cow::Borrowed(tx.close),
        Msg::CannotShipLithium => Cow::Borrowed(tx.cannot_ship_lithium_battery),
        Msg::CannotShipLiquid => Cow::Borrowed(tx.cannot_ship_liquid),
        Msg::CannotShipControlled => Cow::Borrowed(tx.cannot_ship_controlled_category),
        Msg::QuantityInvalid => Cow::Borrowed(tx.quantity_invalid),
        Msg::CurrencyNoMatch => Cow::Borrowed(tx.currency_no_match),
        Msg::Delivery => Cow::Borrowed(tx.delivery),
        Msg::DeliveryTo => Cow::Borrowed(tx.delivery_to),
        Msg::PostalCode => Cow::Borrowed(tx.postal_code),
        Msg::PostalCodeHint => Cow::Borrowed(tx.postal_code_hint),
        Msg::ServicePostalEconomy => Cow::Borrowed(tx.service_postal_economy),
        Msg::ServicePostalRegistered => Cow::Borrowed(tx.service_postal_registered),
        Msg::ServiceEPacket => Cow::Borrowed(tx.service_epacket),
        Msg::ServiceSpecialLine => Cow::Borrowed(tx.service_special_line),
        Msg::ServiceExpress => Cow::Borrowed(tx.service_express),
        Msg::ServiceEconomyAir => Cow::Borrowed(tx.service_economy_air),
        Msg::ServiceLocal => Cow::Borrowed(tx.service_local),
        Msg::ServiceLocalExpress => Cow::Borrowed(tx.service_local_express),
        Msg::LabelCheapest => Cow::Borrowed(tx.label_cheapest),
        Msg::LabelFastest => Cow::Borrowed(tx.label_fastest),
        Msg::LabelBestValue => Cow::Borrowed(tx.label_best_value),
        Msg::Arrives => Cow::Borrowed(tx.arrives),
        Msg::Tracked => Cow::Borrowed(tx.tracked),
        Msg::Untracked => Cow::Borrowed(tx.untracked),
        Msg::Ddp => Cow::Borrowed(tx.ddp),
        Msg::TaxesNow => Cow::Borrowed(tx.taxes_now),
        Msg::TaxesOnDelivery => Cow::Borrowed(tx.taxes_on_delivery),
        Msg::TaxesNone => Cow::Borrowed(tx.taxes_none),
        Msg::RuleCollected => Cow::Borrowed(tx.rule_collected),
        Msg::RuleBelow => Cow::Borrowed(tx.rule_below),
        Msg::RuleAbove => Cow::Borrowed(tx.rule_above),
        Msg::RuleNone => Cow::Borrowed(tx.rule_none),
        Msg::ShipmentHeading => Cow::Borrowed(tx.shipment_heading),
        Msg::CannotShipMagnet => Cow::Borrowed(tx.cannot_ship_magnet),
        Msg::CannotShipFragile => Cow::Borrowed(tx.cannot_ship_fragile),
        Msg::CannotShipRemote => Cow::Borrowed(tx.cannot_ship_remote),
        Msg::CannotShipOther => Cow::Borrowed(tx.cannot_ship_other),
        Msg::QuoteFailed => Cow::Borrowed(tx.quote_failed),
        Msg::QuoteUpdated => Cow::Borrowed(tx.quote_updated),
        Msg::SummaryGoods => Cow::Borrowed(tx.summary_goods),
        Msg::SummaryShipping => Cow::Borrowed(tx.summary_shipping),
        Msg::SummaryTaxesNow => Cow::Borrowed(tx.summary_taxes_now),
        Msg::SummaryPayNow => Cow::Borrowed(tx.summary_pay_now),
        Msg::SummaryOnDelivery => Cow::Borrowed(tx.summary_on_delivery),
        Msg::SummaryLanded => Cow::Borrowed(tx.summary_landed),
        Msg::FromPrice => Cow::Borrowed(tx.from_price),
        Msg::SavingNote => Cow::Borrowed(tx.saving_note),
        Msg::DeliveryOptionsLabel => Cow::Borrowed(tx.delivery_options_label),
        Msg::ShowAllOptions => Cow::Borrowed(tx.show_all_options),
        Msg::ShowFewerOptions => Cow::Borrowed(tx.show_fewer_options),
        Msg::PostalCodeInvalid => Cow::Borrowed(tx.postal_code_invalid),
        Msg::LabelCommune => Cow::Borrowed(tx.label_commune),
        Msg::CheckoutSteps => Cow::Borrowed(tx.checkout_steps),
        Msg::StepContact => Cow::Borrowed(tx.step_contact),
        Msg::StepAddress => Cow::Borrowed(tx.step_address),
        Msg::StepPayment => Cow::Borrowed(tx.step_payment),
        Msg::StepReview => Cow::Borrowed(tx.step_review),
        Msg::StepDone => Cow::Borrowed(tx.step_done),
        Msg::ChangeStep => Cow::Borrowed(tx.change_step),
        Msg::ContinueStep => Cow::Borrowed(tx.continue_step),
        Msg::EmailLabel => Cow::Borrowed(tx.email_label),
        Msg::EmailHint => Cow::Borrowed(tx.email_hint),
        Msg::EmailInvalid => Cow::Borrowed(tx.email_invalid),
        Msg::LabelName => Cow::Borrowed(tx.label_name),
        Msg::LabelOrganization => Cow::Borrowed(tx.label_organization),
        Msg::LabelAddress1 => Cow::Borrowed(tx.label_address1),
        Msg::LabelAddress2 => Cow::Borrowed(tx.label_address2),
        Msg::LabelPhone => Cow::Borrowed(tx.label_phone),
        Msg::LabelCity => Cow::Borrowed(tx.label_city),
        Msg::LabelZip => Cow::Borrowed(tx.label_zip),
        Msg::LabelState => Cow::Borrowed(tx.label_state),
        Msg::LabelProvince => Cow::Borrowed(tx.label_province),
        Msg::LabelPrefecture => Cow::Borrowed(tx.label_prefecture),
        Msg::LabelRegion => Cow::Borrowed(tx.label_region),
        Msg::LabelEmirate => Cow::Borrowed(tx.label_emirate),
        Msg::LabelDepartment => Cow::Borrowed(tx.label_department),
        Msg::LabelDoSi => Cow::Borrowed(tx.label_do_si),
        Msg::LabelSuburb => Cow::Borrowed(tx.label_suburb),
        Msg::LabelDistrict => Cow::Borrowed(tx.label_district),
        Msg::LabelPostTown => Cow::Borrowed(tx.label_post_town),
        Msg::LabelNeighborhood => Cow::Borrowed(tx.label_neighborhood),
        Msg::LabelVillage => Cow::Borrowed(tx.label_village),
        Msg::LabelCpf => Cow::Borrowed(tx.label_cpf),
        Msg::LabelRut => Cow::Borrowed(tx.label_rut),
        Msg::LabelPccc => Cow::Borrowed(tx.label_pccc),
        Msg::LabelCnId => Cow::Borrowed(tx.label_cn_id),
        Msg::OptionalField => Cow::Borrowed(tx.optional_field),
        Msg::CustomsIdHint => Cow::Borrowed(tx.customs_id_hint),
        Msg::FieldRequired => Cow::Borrowed(tx.field_required),
        Msg::PostalFormat => Cow::Borrowed(tx.postal_format),
        Msg::PhoneInvalid => Cow::Borrowed(tx.phone_invalid),
        Msg::CustomsIdInvalid => Cow::Borrowed(tx.customs_id_invalid),
        Msg::FieldTooLong => Cow::Borrowed(tx.field_too_long),
        Msg::FixFields => Cow::Borrowed(tx.fix_fields),
        Msg::AddressCheckFailed => Cow::Borrowed(tx.address_check_failed),
        Msg::PaymentFrameTitle => Cow::Borrowed(tx.payment_frame_title),
        Msg::ChargeNotice => Cow::Borrowed(tx.charge_notice),
        Msg::PayingWith => Cow::Borrowed(tx.paying_with),
        Msg::PaymentNeeded => Cow::Borrowed(tx.payment_needed),
        Msg::PlaceOrder => Cow::Borrowed(tx.place_order),
        Msg::PlacingOrder => Cow::Borrowed(tx.placing_order),
        Msg::ConfirmNewTotal => Cow::Borrowed(tx.confirm_new_total),
        Msg::QuoteRenewedConfirm => Cow::Borrowed(tx.quote_renewed_confirm),
        Msg::OrderUnreachable => Cow::Borrowed(tx.order_unreachable),
        Msg::ShipToLabel => Cow::Borrowed(tx.ship_to_label),
        Msg::OrderThanks => Cow::Borrowed(tx.order_thanks),
        Msg::OrderNumber => Cow::Borrowed(tx.order_number),
        Msg::OrderKeepLink => Cow::Borrowed(tx.order_keep_link),
        Msg::OrderItems => Cow::Borrowed(tx.order_items),
        Msg::OrderCharged => Cow::Borrowed(tx.order_charged),
        Msg::OrderLookup => Cow::Borrowed(tx.order_lookup),
        Msg::OrderNumberLabel => Cow::Borrowed(tx.order_number_label),
        Msg::OrderLookupButton => Cow::Borrowed(tx.order_lookup_button),
        Msg::OrderNotFound => Cow::Borrowed(tx.order_not_found),
        Msg::OrderPaid => Cow::Borrowed(tx.order_paid),
        Msg::UnitPriceEach => Cow::Borrowed(tx.unit_price_each),
        Msg::SoldBy => Cow::Borrowed(tx.sold_by),
        Msg::VerifiedSeller => Cow::Borrowed(tx.verified_seller),
        Msg::Specifications => Cow::Borrowed(tx.specifications),
        Msg::SpecBrand => Cow::Borrowed(tx.spec_brand),
        Msg::SpecModel => Cow::Borrowed(tx.spec_model),
        Msg::SpecWeight => Cow::Borrowed(tx.spec_weight),
        Msg::SpecDimensions => Cow::Borrowed(tx.spec_dimensions),
        Msg::SpecHandling => Cow::Borrowed(tx.spec_handling),
        Msg::HandlingStandard => Cow::Borrowed(tx.handling_standard),
        Msg::HandlingFragile => Cow::Borrowed(tx.handling_fragile),
        Msg::HandlingLithium => Cow::Borrowed(tx.handling_lithium),
        Msg::HandlingLiquid => Cow::Borrowed(tx.handling_liquid),
        Msg::HandlingMagnet => Cow::Borrowed(tx.handling_magnet),
        Msg::Description => Cow::Borrowed(tx.description),
        Msg::MachineTranslated => Cow::Borrowed(tx.machine_translated),
        Msg::ShowOriginal => Cow::Borrowed(tx.show_original),
        Msg::ShowTranslation => Cow::Borrowed(tx.show_translation),
        Msg::OverseasWarehouse => Cow::Borrowed(tx.overseas_warehouse),
        Msg::Breadcrumbs => Cow::Borrowed(tx.breadcrumbs),
        Msg::Home => Cow::Borrowed(tx.home),
        Msg::ProductNotFoundTitle => Cow::Borrowed(tx.product_not_found_title),
        Msg::ProductNotFoundBody => Cow::Borrowed(tx.product_not_found_body),
        Msg::MetaDescription => Cow::Borrowed(tx.meta_description),
        Msg::PriceLabel => Cow::Borrowed(tx.price_label),
        Msg::Currency => Cow::Borrowed(tx.currency),
        Msg::ConvertedNote => Cow::Borrowed(tx.converted_note),
        Msg::PageOf { page, total } => fill(tx.page_of, &[n(page.into()), n(total.into())]).into(),
        Msg::ShowImage { index, total } => {
            fill(tx.show_image, &[n(index.into()), n(total.into())]).into()
        }
        Msg::InStock { count } => fill(tx.in_stock, &[n(count)]).into(),
        Msg::LowStock { count } => fill(tx.low_stock, &[n(count)]).into(),
        Msg::SellerOrders { count } => fill(tx.seller_orders, &[n(count)]).into(),
        Msg::RatingLabel { tenths: v } => fill(tx.rating_label, &[tenths(v)]).into(),
        Msg::RatingAtLeast { tenths: v } => fill(tx.rating_at_least, &[tenths(v)]).into(),
        Msg::ProductCount { count } => {
            fill(pick(&tx.product_count, plural(locale, count)), &[n(count)]).into()
        }
        Msg::ReviewCount { count } => {
            fill(pick(&tx.review_count, plural(locale, count)), &[n(count)]).into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_has_a_non_empty_text_for_every_message() {
        for locale in Locale::ALL {
            for msg in Msg::SAMPLES {
                let text = t(locale, *msg);
                assert!(!text.trim().is_empty(), "{locale:?} {msg:?}");
                assert!(
                    !text.contains('{'),
                    "{locale:?} {msg:?} left a placeholder: {text}"
                );
            }
        }
    }

    #[test]
    fn templates_filled_by_their_callers_have_their_placeholders_in_every_locale() {
        for locale in Locale::ALL {
            for (msg, holes) in [
                (Msg::ConvertedNote, 5),
                (Msg::OptionalField, 1),
                (Msg::CustomsIdHint, 1),
                (Msg::PostalFormat, 1),
                (Msg::PhoneInvalid, 2),
                (Msg::CustomsIdInvalid, 1),
                (Msg::FieldTooLong, 1),
                (Msg::ChargeNotice, 4),
                (Msg::PayingWith, 1),
                (Msg::OrderNumber, 1),
                (Msg::UnitPriceEach, 1),
                (Msg::GroupHeading, 2),
                (Msg::Removed, 1),
                (Msg::PriceChanged, 2),
                (Msg::OnlyLeft, 1),
                (Msg::ShowAllOptions, 1),
                (Msg::SavingNote, 1),
                (Msg::FromPrice, 1),
                (Msg::CannotShipOther, 1),
                (Msg::CannotShipRemote, 1),
                (Msg::CannotShipFragile, 1),
                (Msg::CannotShipMagnet, 1),
                (Msg::ShipmentHeading, 3),
                (Msg::RuleAbove, 1),
                (Msg::RuleBelow, 1),
                (Msg::RuleCollected, 1),
                (Msg::TaxesOnDelivery, 1),
                (Msg::TaxesNow, 1),
                (Msg::Arrives, 1),
                (Msg::DeliveryTo, 1),
                (Msg::CurrencyNoMatch, 1),
                (Msg::QuantityInvalid, 1),
                (Msg::CannotShipControlled, 1),
                (Msg::CannotShipLiquid, 1),
                (Msg::CannotShipLithium, 1),
            ] {
                let text = t(locale, msg);
                for i in 0..holes {
                    assert!(
                        text.contains(&format!("{{{i}}}")),
                        "{locale:?} {msg:?}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn messages_with_numbers_show_the_numbers_in_every_locale() {
        for locale in Locale::ALL {
            let text = t(locale, Msg::PageOf { page: 7, total: 9 });
            assert!(
                text.contains('7') && text.contains('9'),
                "{locale:?}: {text}"
            );
            let text = t(locale, Msg::ProductCount { count: 42 });
            assert!(text.contains("42"), "{locale:?}: {text}");
        }
    }

    #[test]
    fn russian_and_arabic_pick_their_plural_forms() {
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 1 }), "1 товар");
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 3 }), "3 товара");
        assert_eq!(t(Locale::Ru, Msg::ProductCount { count: 11 }), "11 товаров");
        assert_eq!(t(Locale::Ar, Msg::ProductCount { count: 2 }), "منتجان");
        assert_eq!(t(Locale::En, Msg::ProductCount { count: 1 }), "1 product");
        assert_eq!(t(Locale::En, Msg::ProductCount { count: 2 }), "2 products");
    }
}
