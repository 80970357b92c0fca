//! The seller dashboard's texts: a set of their own, so that buyers' pages never carry them.
//!
//! The server inlines the set of a seller page's locale into it (`<script id="seller-texts">`)
//! and answers `GET /api/v1/ui-texts/{locale}/seller` for the others; the dashboard's code —
//! a split module buyers never load — is the only code that reads them. Plain texts only:
//! `(fill n)` marks one whose `{0}`… the dashboard fills with values it formats.

use domain::Locale;

/// Every text of the seller dashboard, once: the name the dashboard's `SellerMsg` gives it
/// and its field in [`SellerTexts`] (its place in the wire form is its place here).
#[macro_export]
macro_rules! with_seller_texts {
    ($callback:ident) => {
        $callback! {
            SellerCentre = seller_centre,
            SignInHeading = sign_in_heading,
            SignInIntro = sign_in_intro,
            Email = email,
            Password = password,
            SignIn = sign_in,
            SigningIn = signing_in,
            SetPasswordHeading = set_password_heading,
            PasswordRule = password_rule (fill 1),
            SavePassword = save_password,
            PasswordSaved = password_saved,
            SessionEnded = session_ended,
            DashboardNav = dashboard_nav,
            TabProfile = tab_profile,
            TabFeatured = tab_featured,
            TabCampaigns = tab_campaigns,
            TabProducts = tab_products,
            SignedInAs = signed_in_as (fill 1),
            SignOut = sign_out,
            SignOutEverywhere = sign_out_everywhere,
            ViewStore = view_store,
            UnpublishedChanges = unpublished_changes,
            NothingToPublish = nothing_to_publish,
            Publish = publish,
            Publishing = publishing,
            PublishedNow = published_now,
            SaveDraft = save_draft,
            Saving = saving,
            DraftSaved = draft_saved,
            ProfileHeading = profile_heading,
            WrittenIn = written_in (fill 1),
            Tagline = tagline,
            About = about,
            ReturnPolicy = return_policy,
            FormattingHint = formatting_hint,
            CountryReturnsHeading = country_returns_heading,
            CountryReturnsHint = country_returns_hint,
            AddCountryReturns = add_country_returns,
            ReturnsCountry = returns_country,
            ThemeColour = theme_colour,
            DefaultColour = default_colour,
            ContrastOk = contrast_ok (fill 1),
            ContrastLow = contrast_low (fill 2),
            Logo = logo,
            Banner = banner,
            LogoHint = logo_hint,
            BannerHint = banner_hint,
            Uploading = uploading,
            RemoveImage = remove_image,
            FeaturedHeading = featured_heading,
            FeaturedHint = featured_hint (fill 1),
            NoneChosen = none_chosen,
            YourProducts = your_products,
            AddProduct = add_product,
            RemoveProduct = remove_product,
            MoveUp = move_up,
            MoveDown = move_down,
            CampaignsHeading = campaigns_heading,
            CampaignsHint = campaigns_hint,
            NoCampaigns = no_campaigns,
            NewCampaign = new_campaign,
            Headline = headline,
            Starts = starts,
            Ends = ends,
            TimeZone = time_zone,
            CampaignBanner = campaign_banner,
            CampaignProducts = campaign_products,
            DeleteCampaign = delete_campaign,
            ProductsHeading = products_heading,
            ProductsHint = products_hint,
            DraftsWaiting = drafts_waiting (fill 1),
            AllProducts = all_products,
            Title = title,
            DescriptionHtml = description_html,
            ByYouOriginal = by_you_original,
            ByYouHuman = by_you_human,
            ByMachine = by_machine,
            NotWritten = not_written,
            DraftWaiting = draft_waiting,
            PreviewBar = preview_bar,
            PreviewOf = preview_of (fill 1),
            Devices = devices,
            DevicePhone = device_phone,
            DeviceTablet = device_tablet,
            DeviceDesktop = device_desktop,
            LinkOneMarket = link_one_market,
            PreviewGoneTitle = preview_gone_title,
            PreviewGoneBody = preview_gone_body,
            PreviewInvalidTitle = preview_invalid_title,
            PreviewInvalidBody = preview_invalid_body,
            TabPreview = tab_preview,
            OpenPreview = open_preview,
            ShareHeading = share_heading,
            ShareHint = share_hint,
            LinkDays = link_days,
            LinkForMarket = link_for_market,
            CreateLink = create_link,
            NoLinks = no_links,
            LinkExpires = link_expires (fill 1),
            LinkExpired = link_expired,
            LinkWithdrawn = link_withdrawn,
            Withdraw = withdraw,
            HistoryHeading = history_heading,
            PublicationLine = publication_line (fill 2),
            RestoredFrom = restored_from (fill 1),
            Restore = restore,
            RestoredNow = restored_now,
            NoPublications = no_publications,
            ChangesHeading = changes_heading,
            ChangeAdded = change_added,
            ChangeRemoved = change_removed,
            ChangeChanged = change_changed,
            PreviewNoPayment = preview_no_payment,
            RestoreConfirm = restore_confirm,
        }
    };
}

/// Declares [`SellerTexts`] from [`with_seller_texts`]'s list.
macro_rules! seller_texts {
    ($($variant:ident = $key:ident $((fill $holes:literal))?,)*) => {
        /// Every text of the seller dashboard in one locale.
        #[derive(Debug)]
        pub struct SellerTexts {
            $(pub $key: &'static str,)*
        }

        impl SellerTexts {
            /// The name of every text, in the list's order.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key),)*];

            /// The texts by position: `all()[i]` is the text of `KEYS[i]`.
            pub const fn all(&self) -> [&'static str; SellerTexts::KEYS.len()] {
                [$(self.$key,)*]
            }
        }
    };
}

with_seller_texts!(seller_texts);

impl SellerTexts {
    /// The texts as one JSON array, by position (see [`crate::Texts::to_json`]); safe inside
    /// an HTML `<script>` element.
    pub fn to_json(&self) -> String {
        let mut out = String::from("[");
        for (i, text) in self.all().into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            crate::push_json_string(&mut out, text);
        }
        out.push(']');
        out
    }
}

/// The seller dashboard's texts in `locale`.
pub const fn seller_texts(locale: Locale) -> &'static SellerTexts {
    use crate::locales;
    match locale {
        Locale::En => &locales::en::SELLER,
        Locale::ZhCn => &locales::zh_cn::SELLER,
        Locale::Ja => &locales::ja::SELLER,
        Locale::Ko => &locales::ko::SELLER,
        Locale::Th => &locales::th::SELLER,
        Locale::Vi => &locales::vi::SELLER,
        Locale::Id => &locales::id::SELLER,
        Locale::Ms => &locales::ms::SELLER,
        Locale::Es => &locales::es::SELLER,
        Locale::Ru => &locales::ru::SELLER,
        Locale::Tr => &locales::tr::SELLER,
        Locale::Ar => &locales::ar::SELLER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_gives_every_seller_text_with_the_placeholders_of_english() {
        let holes = |text: &str| {
            (0..10)
                .filter(|i| text.contains(&format!("{{{i}}}")))
                .collect::<Vec<_>>()
        };
        let english = seller_texts(Locale::En).all();
        for locale in Locale::ALL {
            for (i, text) in seller_texts(locale).all().into_iter().enumerate() {
                let key = SellerTexts::KEYS[i];
                assert!(!text.trim().is_empty(), "{locale:?} {key}");
                assert_eq!(holes(text), holes(english[i]), "{locale:?} {key}: {text}");
            }
        }
    }

    #[test]
    fn the_seller_texts_travel_as_a_json_array_in_the_lists_order() {
        for locale in Locale::ALL {
            let json = seller_texts(locale).to_json();
            assert!(!json.contains('<') && !json.contains('>'), "{locale:?}");
            let back: Vec<String> = serde_json::from_str(&json).expect("a JSON array");
            assert_eq!(back, seller_texts(locale).all(), "{locale:?}");
        }
    }

    #[test]
    fn no_seller_text_is_also_a_buyer_text_key() {
        // One namespace each: a key in both would be easy to edit in the wrong list.
        for key in SellerTexts::KEYS {
            assert!(
                !crate::Texts::PLAIN_KEYS.contains(key) && !crate::Texts::PLURAL_KEYS.contains(key),
                "{key}"
            );
        }
    }
}
