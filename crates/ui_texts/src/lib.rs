//! Every user-visible text of the storefront app, in every shipped locale.
//!
//! Each locale is one module under `locales/` holding a [`Texts`] struct literal: a struct
//! literal must name every field, so a locale missing a text does not compile.
//!
//! The texts are data the browser receives, not code it downloads: the server puts the buyer's
//! locale into the app shell (`index.html`) as JSON ([`Texts::entries`]) and answers
//! `GET /api/v1/ui-texts/{locale}` for the others, and the app reads them back with
//! [`Texts::from_lookup`]. A buyer downloads one language's texts instead of twelve.
//!
//! No I/O; builds for wasm32 and native. Placeholders `{0}`, `{1}` are filled by the app
//! with numbers formatted for the locale.

mod locales;
mod seller;

pub use seller::{seller_texts, SellerTexts};

use domain::Locale;

/// Every text of the app, once. Each line is one message: the name the app's `Msg` gives it,
/// the values that `Msg` carries into it (put in for `{0}`, `{1}`, … in this order), and its
/// key: the field of [`Texts`] and its name on the wire, after `=`, or after `plural =` for a
/// [`Plural`]. `(fill n)` marks a text that keeps `n` placeholders for the app's code to `fill`.
///
/// `with_texts!(callback)` hands the list to `callback!`. [`Texts`], [`PlainKey`] and
/// [`PluralKey`] are made from it here, in its order (which is also that of the wire form), and
/// the app's `Msg`, its samples and its lookup `t` there. A locale file that misses a text, or
/// gives one the list does not have, does not compile.
#[macro_export]
macro_rules! with_texts {
    ($callback:ident) => {
        $callback! {
            StoreName = store_name,
            SkipToContent = skip_to_content,
            HomeHeading = home_heading,
            HomeIntro = home_intro,
            ProductsListLabel = products_list_label,
            Loading = loading,
            UnreachableTitle = unreachable_title,
            UnreachableBody = unreachable_body,
            ServerErrorTitle = server_error_title,
            ServerErrorBody = server_error_body,
            Retry = retry,
            EmptyCatalog = empty_catalog,
            Pagination = pagination,
            PreviousPage = previous_page,
            NextPage = next_page,
            NotFoundTitle = not_found_title,
            NotFoundBody = not_found_body,
            BackToShop = back_to_shop,
            Language = language,
            SearchLabel = search_label,
            SearchPlaceholder = search_placeholder,
            SearchSubmit = search_submit,
            SearchHeading = search_heading,
            CategoriesHeading = categories_heading,
            Filters = filters,
            FilterCategory = filter_category,
            FilterPrice = filter_price,
            FilterShipsFrom = filter_ships_from,
            FilterHandlingFree = filter_handling_free,
            FilterSellerRating = filter_seller_rating,
            AnyValue = any_value,
            ClearFilters = clear_filters,
            SortLabel = sort_label,
            SortRelevance = sort_relevance,
            SortPriceAsc = sort_price_asc,
            SortPriceDesc = sort_price_desc,
            SortNewest = sort_newest,
            SortBestSelling = sort_best_selling,
            NoResultsTitle = no_results_title,
            NoResultsBody = no_results_body,
            SellerLocation = seller_location,
            GalleryLabel = gallery_label,
            Colour = colour,
            Size = size,
            OptionUnavailable = option_unavailable,
            SoldOut = sold_out,
            ChooseOptions = choose_options,
            CombinationUnavailable = combination_unavailable,
            OutOfStock = out_of_stock,
            Quantity = quantity,
            AddToCart = add_to_cart,
            SoldBy = sold_by,
            VerifiedSeller = verified_seller,
            Specifications = specifications,
            SpecBrand = spec_brand,
            SpecModel = spec_model,
            SpecWeight = spec_weight,
            SpecDimensions = spec_dimensions,
            SpecHandling = spec_handling,
            HandlingStandard = handling_standard,
            HandlingFragile = handling_fragile,
            HandlingLithium = handling_lithium,
            HandlingLiquid = handling_liquid,
            HandlingMagnet = handling_magnet,
            Description = description,
            MachineTranslated = machine_translated,
            ShowOriginal = show_original,
            ShowTranslation = show_translation,
            OverseasWarehouse = overseas_warehouse,
            StoreFeatured = store_featured,
            StoreAllProducts = store_all_products,
            StoreAbout = store_about,
            StoreReturns = store_returns,
            Breadcrumbs = breadcrumbs,
            Home = home,
            ProductNotFoundTitle = product_not_found_title,
            ProductNotFoundBody = product_not_found_body,
            MetaDescription = meta_description,
            PriceLabel = price_label,
            Currency = currency,
            /// `{0}` seller's price, `{1}` rate, `{2}` source, `{3}` date, `{4}` spread.
            ConvertedNote = converted_note (fill 5),
            Cart = cart,
            AddedToCart = added_to_cart,
            CartHeading = cart_heading,
            CartEmpty = cart_empty,
            ContinueShopping = continue_shopping,
            GroupHeading = group_heading (fill 2),
            Remove = remove,
            Removed = removed (fill 1),
            Undo = undo,
            Subtotal = subtotal,
            Total = total,
            Increase = increase,
            Decrease = decrease,
            PriceChanged = price_changed (fill 2),
            OnlyLeft = only_left (fill 1),
            CartError = cart_error,
            LineTotal = line_total,
            ShipTo = ship_to,
            Checkout = checkout,
            CheckoutHeld = checkout_held,
            OfflineCart = offline_cart,
            ViewCart = view_cart,
            Close = close,
            CannotShipLithium = cannot_ship_lithium_battery (fill 1),
            CannotShipLiquid = cannot_ship_liquid (fill 1),
            CannotShipControlled = cannot_ship_controlled_category (fill 1),
            QuantityInvalid = quantity_invalid (fill 1),
            CurrencyNoMatch = currency_no_match (fill 1),
            Delivery = delivery,
            DeliveryTo = delivery_to (fill 1),
            PostalCode = postal_code,
            PostalCodeHint = postal_code_hint,
            ServicePostalEconomy = service_postal_economy,
            ServicePostalRegistered = service_postal_registered,
            ServiceEPacket = service_epacket,
            ServiceSpecialLine = service_special_line,
            ServiceExpress = service_express,
            ServiceEconomyAir = service_economy_air,
            ServiceLocal = service_local,
            ServiceLocalExpress = service_local_express,
            LabelCheapest = label_cheapest,
            LabelFastest = label_fastest,
            LabelBestValue = label_best_value,
            Arrives = arrives (fill 1),
            Tracked = tracked,
            Untracked = untracked,
            Ddp = ddp,
            TaxesNow = taxes_now (fill 1),
            TaxesOnDelivery = taxes_on_delivery (fill 1),
            TaxesNone = taxes_none,
            RuleCollected = rule_collected (fill 1),
            RuleBelow = rule_below (fill 1),
            RuleAbove = rule_above (fill 1),
            RuleNone = rule_none,
            ShipmentHeading = shipment_heading (fill 3),
            CannotShipMagnet = cannot_ship_magnet (fill 1),
            CannotShipFragile = cannot_ship_fragile (fill 1),
            CannotShipRemote = cannot_ship_remote (fill 1),
            CannotShipOther = cannot_ship_other (fill 1),
            QuoteFailed = quote_failed,
            QuoteUpdated = quote_updated,
            SummaryGoods = summary_goods,
            SummaryShipping = summary_shipping,
            SummaryTaxesNow = summary_taxes_now,
            SummaryPayNow = summary_pay_now,
            SummaryOnDelivery = summary_on_delivery,
            SummaryLanded = summary_landed,
            FromPrice = from_price (fill 1),
            SavingNote = saving_note (fill 1),
            DeliveryOptionsLabel = delivery_options_label,
            ShowAllOptions = show_all_options (fill 1),
            ShowFewerOptions = show_fewer_options,
            PostalCodeInvalid = postal_code_invalid,
            LabelCommune = label_commune,
            CheckoutSteps = checkout_steps,
            StepContact = step_contact,
            StepAddress = step_address,
            StepPayment = step_payment,
            StepReview = step_review,
            StepDone = step_done,
            ChangeStep = change_step,
            ContinueStep = continue_step,
            EmailLabel = email_label,
            EmailHint = email_hint,
            EmailInvalid = email_invalid,
            LabelName = label_name,
            LabelOrganization = label_organization,
            LabelAddress1 = label_address1,
            LabelAddress2 = label_address2,
            LabelPhone = label_phone,
            LabelCity = label_city,
            LabelZip = label_zip,
            LabelState = label_state,
            LabelProvince = label_province,
            LabelPrefecture = label_prefecture,
            LabelRegion = label_region,
            LabelEmirate = label_emirate,
            LabelDepartment = label_department,
            LabelDoSi = label_do_si,
            LabelSuburb = label_suburb,
            LabelDistrict = label_district,
            LabelPostTown = label_post_town,
            LabelNeighborhood = label_neighborhood,
            LabelVillage = label_village,
            LabelCpf = label_cpf,
            LabelRut = label_rut,
            LabelPccc = label_pccc,
            LabelCnId = label_cn_id,
            OptionalField = optional_field (fill 1),
            CustomsIdHint = customs_id_hint (fill 1),
            FieldRequired = field_required,
            PostalFormat = postal_format (fill 1),
            PhoneInvalid = phone_invalid (fill 2),
            CustomsIdInvalid = customs_id_invalid (fill 1),
            FieldTooLong = field_too_long (fill 1),
            FixFields = fix_fields,
            AddressCheckFailed = address_check_failed,
            PaymentFrameTitle = payment_frame_title,
            ChargeNotice = charge_notice (fill 4),
            PayingWith = paying_with (fill 1),
            PaymentNeeded = payment_needed,
            PlaceOrder = place_order,
            PlacingOrder = placing_order,
            ConfirmNewTotal = confirm_new_total,
            QuoteRenewedConfirm = quote_renewed_confirm,
            OrderUnreachable = order_unreachable,
            ShipToLabel = ship_to_label,
            OrderThanks = order_thanks,
            OrderNumber = order_number (fill 1),
            OrderKeepLink = order_keep_link,
            OrderItems = order_items,
            OrderCharged = order_charged,
            OrderLookup = order_lookup,
            OrderNumberLabel = order_number_label,
            OrderLookupButton = order_lookup_button,
            OrderNotFound = order_not_found,
            OrderPaid = order_paid,
            UnitPriceEach = unit_price_each (fill 1),
            PageOf { page: u32, total: u32 } = page_of,
            ShowImage { index: u32, total: u32 } = show_image,
            InStock { count: u64 } = in_stock,
            LowStock { count: u64 } = low_stock,
            SellerOrders { count: u64 } = seller_orders,
            /// A rating in tenths of a star (47 = 4.7).
            RatingLabel { tenths: u32 } = rating_label,
            RatingAtLeast { tenths: u32 } = rating_at_least,
            ProductCount { count: u64 } plural = product_count,
            ReviewCount { count: u64 } plural = review_count,
        }
    };
}

/// Declares [`Texts`] from [`with_texts`]'s list and derives its wire form from it: the plain
/// texts in the list's order, then the plural ones.
macro_rules! texts {
    ($(
        $(#[$doc:meta])*
        $variant:ident $({ $($value:ident: $type:ident),* })?
        $(= $plain:ident)? $(plural = $plural:ident)? $((fill $holes:literal))?,
    )*) => {
        /// Every text of one locale.
        #[derive(Debug)]
        pub struct Texts {
            $($(pub $plain: &'static str,)?)*
            $($(pub $plural: Plural,)?)*
        }

        impl Texts {
            /// The name of every plain text, in declaration order.
            pub const PLAIN_KEYS: &'static [&'static str] = &[$($(stringify!($plain),)?)*];
            /// The name of every plural text.
            pub const PLURAL_KEYS: &'static [&'static str] = &[$($(stringify!($plural),)?)*];

            /// Every text as `(key, text)`: plain texts under their name, plural forms under
            /// `name.category` (`product_count.one`), only the forms the locale gives.
            pub fn entries(&self) -> Vec<(String, &'static str)> {
                let mut out: Vec<(String, &'static str)> = vec![
                    $($((stringify!($plain).to_owned(), self.$plain),)?)*
                ];
                $($(self.$plural.entries(stringify!($plural), &mut out);)?)*
                out
            }

            /// Rebuilds the texts from `get(key)` (the inverse of [`Texts::entries`]). Fails
            /// with the first missing key. The strings are leaked: a page loads each locale at
            /// most once and keeps it for its lifetime.
            pub fn from_lookup(get: &mut dyn FnMut(&str) -> Option<String>) -> Result<Texts, String> {
                let (plain, [$($($plural,)?)*]) = Self::tables_from_lookup(get)?;
                let [$($($plain,)?)*] = *plain;
                Ok(Texts {
                    $($($plain,)?)*
                    $($($plural,)?)*
                })
            }

            /// The texts from `get(key)` as [`Texts::plain`] and [`Texts::plurals`] give them,
            /// for code that reads texts by position; fails as [`Texts::from_lookup`] does.
            /// Unlike building a [`Texts`], this takes no code per text.
            pub fn tables_from_lookup(
                get: &mut dyn FnMut(&str) -> Option<String>,
            ) -> Result<(Box<PlainTexts>, PluralTexts), String> {
                // A loop over the key names rather than one lookup per field: this runs in the
                // browser, where per-field code would cost kilobytes of wasm.
                let plain: Vec<&'static str> = Self::PLAIN_KEYS
                    .iter()
                    .map(|key| take(get, key))
                    .collect::<Result<_, _>>()?;
                let plural = [$($(Plural::from_lookup(get, stringify!($plural))?,)?)*];
                let plain = plain.try_into().map_err(|_| String::from("keys"))?;
                Ok((plain, plural))
            }

            /// The plain texts by position: `plain()[PlainKey::store_name as usize]`.
            pub const fn plain(&self) -> PlainTexts {
                [$($(self.$plain,)?)*]
            }

            /// The plural texts by position: `plurals()[PluralKey::product_count as usize]`.
            pub const fn plurals(&self) -> PluralTexts {
                [$($(self.$plural,)?)*]
            }
        }

        /// Each key with its name, for the test that the positions agree with the names.
        #[cfg(test)]
        const POSITIONS: (&[(PlainKey, &str)], &[(PluralKey, &str)]) = (
            &[$($((PlainKey::$plain, stringify!($plain)),)?)*],
            &[$($((PluralKey::$plural, stringify!($plural)),)?)*],
        );

        /// The position of each plain text in [`Texts::PLAIN_KEYS`] and [`PlainTexts`].
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum PlainKey {
            $($($plain,)?)*
        }

        /// The position of each plural text in [`Texts::PLURAL_KEYS`] and [`PluralTexts`].
        #[allow(non_camel_case_types)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum PluralKey {
            $($($plural,)?)*
        }
    };
}

/// A locale's plain texts, in the order of [`Texts::PLAIN_KEYS`].
pub type PlainTexts = [&'static str; Texts::PLAIN_KEYS.len()];
/// A locale's plural texts, in the order of [`Texts::PLURAL_KEYS`].
pub type PluralTexts = [Plural; Texts::PLURAL_KEYS.len()];

with_texts!(texts);

impl Texts {
    /// How many slots [`Texts::to_json`] writes: one per plain text, six per plural text.
    pub const SLOTS: usize = Texts::PLAIN_KEYS.len() + 6 * Texts::PLURAL_KEYS.len();

    /// The texts as one JSON array of [`Texts::SLOTS`] slots, by position rather than by name
    /// (the names were a third of every page's texts, brotli-compressed): the plain texts in
    /// the order of [`Texts::PLAIN_KEYS`], then for each of [`Texts::PLURAL_KEYS`] its six
    /// CLDR forms in the order of [`Plural::CATEGORIES`], `null` for a form the locale does
    /// not use. [`Texts::tables_from_slots`] reads it back. Safe to place inside an HTML
    /// `<script>` element: `<`, `>` and `&` are escaped.
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        let plurals = self.plurals();
        let slots = self
            .plain()
            .into_iter()
            .map(Some)
            .chain(plurals.iter().flat_map(Plural::forms));
        for (i, slot) in slots.enumerate() {
            if i > 0 {
                out.push(',');
            }
            match slot {
                Some(text) => push_json_string(&mut out, text),
                None => out.push_str("null"),
            }
        }
        out.push(']');
        out
    }

    /// The texts from the slots of [`Texts::to_json`] (`slot(i)`: the text at `i`, `None` for
    /// `null` or past the end), as [`Texts::tables_from_lookup`] gives them; fails naming the
    /// first missing text.
    pub fn tables_from_slots(
        slot: &mut dyn FnMut(usize) -> Option<String>,
    ) -> Result<(Box<PlainTexts>, PluralTexts), String> {
        // `tables_from_lookup` asks for the plain texts in order, then each plural's forms in
        // the order of `Plural::CATEGORIES`: the order `to_json` writes them in (tested).
        let mut at = 0;
        Texts::tables_from_lookup(&mut |_key| {
            let text = slot(at);
            at += 1;
            text
        })
    }
}

pub(crate) fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn take(get: &mut dyn FnMut(&str) -> Option<String>, key: &str) -> Result<&'static str, String> {
    get(key)
        .map(|text| &*Box::leak(text.into_boxed_str()))
        .ok_or_else(|| key.to_owned())
}

/// A message whose words change with a number, one text per CLDR plural category. Only
/// `other` is required; a category a language does not use falls back to it.
#[derive(Debug, Clone, Copy)]
pub struct Plural {
    pub zero: Option<&'static str>,
    pub one: Option<&'static str>,
    pub two: Option<&'static str>,
    pub few: Option<&'static str>,
    pub many: Option<&'static str>,
    pub other: &'static str,
}

impl Plural {
    /// The CLDR category names, in the order of the fields.
    pub const CATEGORIES: [&'static str; 6] = ["zero", "one", "two", "few", "many", "other"];

    fn forms(&self) -> [Option<&'static str>; 6] {
        [
            self.zero,
            self.one,
            self.two,
            self.few,
            self.many,
            Some(self.other),
        ]
    }

    fn entries(&self, name: &str, out: &mut Vec<(String, &'static str)>) {
        for (category, form) in Self::CATEGORIES.iter().zip(self.forms()) {
            if let Some(form) = form {
                out.push((format!("{name}.{category}"), form));
            }
        }
    }

    fn from_lookup(
        get: &mut dyn FnMut(&str) -> Option<String>,
        name: &str,
    ) -> Result<Plural, String> {
        let mut form = |category: &str| {
            get(&format!("{name}.{category}")).map(|text| &*Box::leak(text.into_boxed_str()))
        };
        Ok(Plural {
            zero: form("zero"),
            one: form("one"),
            two: form("two"),
            few: form("few"),
            many: form("many"),
            other: form("other").ok_or_else(|| format!("{name}.other"))?,
        })
    }
}

/// The compiled-in texts of `locale`. The browser build reads only English's, and only at
/// compile time (the app's built-in table), so no `Texts` is part of the wasm.
pub const fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::En => &locales::en::TEXTS,
        Locale::ZhCn => &locales::zh_cn::TEXTS,
        Locale::Ja => &locales::ja::TEXTS,
        Locale::Ko => &locales::ko::TEXTS,
        Locale::Th => &locales::th::TEXTS,
        Locale::Vi => &locales::vi::TEXTS,
        Locale::Id => &locales::id::TEXTS,
        Locale::Ms => &locales::ms::TEXTS,
        Locale::Es => &locales::es::TEXTS,
        Locale::Ru => &locales::ru::TEXTS,
        Locale::Tr => &locales::tr::TEXTS,
        Locale::Ar => &locales::ar::TEXTS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_locale_survives_the_trip_through_its_entries() {
        for locale in Locale::ALL {
            let entries: HashMap<String, &str> = texts(locale).entries().into_iter().collect();
            let back = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
                .expect("every key present");
            assert_eq!(back.entries(), texts(locale).entries(), "{locale:?}");
        }
    }

    #[test]
    fn the_tables_hold_each_text_at_the_position_of_its_key() {
        let (plain, plural) = POSITIONS;
        assert_eq!(plain.len(), Texts::PLAIN_KEYS.len());
        assert_eq!(plural.len(), Texts::PLURAL_KEYS.len());
        for (i, (key, name)) in plain.iter().enumerate() {
            assert_eq!((*key as usize, Texts::PLAIN_KEYS[i]), (i, *name));
        }
        for (i, (key, name)) in plural.iter().enumerate() {
            assert_eq!((*key as usize, Texts::PLURAL_KEYS[i]), (i, *name));
        }
        for locale in Locale::ALL {
            let texts = texts(locale);
            let entries: HashMap<String, &str> = texts.entries().into_iter().collect();
            for (i, text) in texts.plain().iter().enumerate() {
                assert_eq!(*text, entries[Texts::PLAIN_KEYS[i]], "{locale:?}");
            }
            let (plain, plurals) =
                Texts::tables_from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
                    .expect("every key present");
            assert_eq!(*plain, texts.plain(), "{locale:?}");
            for (back, plural) in plurals.iter().zip(texts.plurals()) {
                assert_eq!(format!("{back:?}"), format!("{plural:?}"), "{locale:?}");
            }
        }
    }

    #[test]
    fn every_locale_survives_the_trip_through_its_json_slots() {
        for locale in Locale::ALL {
            let texts = texts(locale);
            let slots: Vec<Option<String>> =
                serde_json::from_str(&texts.to_json()).expect("a JSON array");
            assert_eq!(slots.len(), Texts::SLOTS, "{locale:?}");
            let (plain, plurals) =
                Texts::tables_from_slots(&mut |i| slots.get(i).cloned().flatten())
                    .expect("every text present");
            assert_eq!(*plain, texts.plain(), "{locale:?}");
            for (back, plural) in plurals.iter().zip(texts.plurals()) {
                assert_eq!(format!("{back:?}"), format!("{plural:?}"), "{locale:?}");
            }
        }
        // Too short: the first text it lacks is named.
        let err = Texts::tables_from_slots(&mut |_| None).expect_err("nothing there");
        assert_eq!(err, Texts::PLAIN_KEYS[0]);
    }

    #[test]
    fn a_missing_text_is_named_rather_than_left_blank() {
        let mut entries: HashMap<String, &str> = texts(Locale::Es).entries().into_iter().collect();
        entries.remove("add_to_cart");
        let err = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
            .expect_err("a key is missing");
        assert_eq!(err, "add_to_cart");
    }

    #[test]
    fn a_plural_without_its_other_form_is_refused() {
        let mut entries: HashMap<String, &str> = texts(Locale::Ru).entries().into_iter().collect();
        entries.remove("review_count.other");
        let err = Texts::from_lookup(&mut |key| entries.get(key).map(|t| t.to_string()))
            .expect_err("other is required");
        assert_eq!(err, "review_count.other");
    }

    #[test]
    fn the_json_form_is_valid_json_with_every_entry_and_no_raw_angle_brackets() {
        for locale in Locale::ALL {
            let json = texts(locale).to_json();
            assert!(!json.contains('<') && !json.contains('>'), "{locale:?}");
            let parsed: Vec<Option<String>> = serde_json::from_str(&json).expect("valid JSON");
            let present: Vec<String> = parsed.into_iter().flatten().collect();
            let entries: Vec<String> = texts(locale)
                .entries()
                .into_iter()
                .map(|(_, t)| t.to_owned())
                .collect();
            assert_eq!(present, entries, "{locale:?}");
        }
        let tricky = push_json_test("a\"b\\c\n</script>&\u{1}");
        assert_eq!(
            serde_json::from_str::<String>(&tricky).expect("valid JSON string"),
            "a\"b\\c\n</script>&\u{1}"
        );
    }

    fn push_json_test(text: &str) -> String {
        let mut out = String::new();
        push_json_string(&mut out, text);
        out
    }

    #[test]
    fn no_locale_leaves_a_text_empty() {
        for locale in Locale::ALL {
            for (key, text) in texts(locale).entries() {
                assert!(!text.trim().is_empty(), "{locale:?} {key}");
            }
        }
    }

    #[test]
    fn every_locale_uses_the_same_placeholders_as_english() {
        let english: HashMap<String, &str> = texts(Locale::En).entries().into_iter().collect();
        let holes = |text: &str| {
            (0..10)
                .filter(|i| text.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        for locale in Locale::ALL {
            for (key, text) in texts(locale).entries() {
                let base = key.split('.').next().unwrap_or(&key);
                let en = english
                    .get(&key)
                    .or_else(|| english.get(&format!("{base}.other")))
                    .copied()
                    .unwrap_or_default();
                // A plural form may drop the number ("منتجان" is "two products").
                if key.contains('.') {
                    assert!(
                        holes(text).iter().all(|h| holes(en).contains(h)),
                        "{locale:?} {key}: {text}"
                    );
                } else {
                    assert_eq!(holes(text), holes(en), "{locale:?} {key}: {text}");
                }
            }
        }
    }
}
