//! A store as buyers see it: its published profile, featured products and live campaign, for
//! `GET /api/v1/sellers/{slug}` and the store page's first response.

use super::store;
use crate::clock::unix_now;
use crate::heads::first_screen::{first_screen, organization, Guess};
use crate::http::error::AppError;
use crate::products::{parse_listing_query, search};
use crate::state::AppState;
use domain::Locale;

/// Which state of a store to show: what buyers see now, or its draft (a preview).
#[derive(Debug, Clone, Copy)]
pub enum Shown {
    Published,
    /// The draft (`sellers::preview`), with the campaigns live now.
    Draft,
}

/// The store `slug` as buyers see it in `locale`, featured prices converted to `currency`, the
/// return policy for deliveries to `ship_to`; `None` when no seller has that slug. `shown`
/// picks the published store or the draft.
pub async fn storefront(
    state: &AppState,
    slug: &str,
    locale: domain::Locale,
    currency: Option<domain::Currency>,
    ship_to: Option<&str>,
    shown: Shown,
) -> Result<Option<domain::seller::Storefront>, AppError> {
    #[derive(sqlx::FromRow)]
    struct SellerRow {
        id: i64,
        slug: String,
        name: String,
        country: String,
        rating_tenths: i64,
        order_count: i64,
        verified: bool,
        language: String,
    }
    let row: Option<SellerRow> = sqlx::query_as(
        "SELECT id, slug, name, country, rating_tenths, order_count, verified, language \
         FROM sellers WHERE slug = ?",
    )
    .bind(slug)
    .fetch_optional(&state.db)
    .await?;
    let Some(SellerRow {
        id,
        slug,
        name,
        country,
        rating_tenths: rating,
        order_count: orders,
        verified,
        language,
    }) = row
    else {
        return Ok(None);
    };
    let ships_from = sqlx::query_as::<_, (String, String, bool, String)>(
        "SELECT w.code, w.country, w.overseas, COALESCE(wn.city, w.code) FROM products p \
         JOIN product_warehouses pw ON pw.product_id = p.id \
         JOIN warehouses w ON w.id = pw.warehouse_id \
         LEFT JOIN warehouse_names wn ON wn.warehouse_id = w.id AND wn.locale = ? \
         WHERE p.seller_id = ? GROUP BY w.id ORDER BY count(*) DESC, w.code",
    )
    .bind(locale.tag())
    .bind(id)
    .fetch_all(&state.db)
    .await?
    .into_iter()
    .map(|(code, country, overseas, city)| domain::ShipsFrom {
        code,
        city,
        country,
        overseas,
    })
    .collect();
    let (products,): (i64,) = sqlx::query_as("SELECT count(*) FROM products WHERE seller_id = ?")
        .bind(id)
        .fetch_one(&state.db)
        .await?;
    let version = match shown {
        Shown::Published => "published",
        Shown::Draft => store::preview_version(&state.db, id).await?,
    };
    let mut conn = state.db.acquire().await?;
    let profile = store::read_profile(&mut conn, id, version).await?;
    drop(conn);
    // The return policy for the buyer's destination where the seller wrote one; buyers get
    // no other country's.
    let mut returns_country = None;
    let profile = profile.map(|mut p| {
        use crate::products::sanitize::sanitize_description;
        // One that sanitizes to nothing leaves the store's own in place.
        if let Some((country, policy)) = p
            .country_returns
            .iter()
            .find(|c| ship_to.is_some_and(|to| to == c.country))
            .map(|c| (c.country.clone(), sanitize_description(&c.policy)))
            .filter(|(_, policy)| !policy.trim().is_empty())
        {
            p.return_policy = policy;
            returns_country = Some(country);
        }
        p.country_returns.clear();
        p.about = sanitize_description(&p.about);
        p.return_policy = sanitize_description(&p.return_policy);
        p
    });
    let convert = |mut items: Vec<domain::ProductSummary>| {
        if let Some(to) = currency {
            for item in &mut items {
                item.converted = state.fx.convert(item.price, to);
            }
        }
        items
    };
    let featured = store::product_ids(&state.db, id, version, None).await?;
    let featured = convert(crate::products::summaries(&state.db, &featured, locale).await?);
    let live = store::live_campaign(&state.db, id, version, unix_now()).await?;
    let machine = super::store_texts::for_buyer(
        &state.db,
        id,
        &language,
        locale,
        profile.as_ref(),
        returns_country.as_deref(),
        live.as_ref()
            .map(|(id, headline, ..)| (id.as_str(), headline.as_str())),
    )
    .await?;
    let campaign = match live {
        None => None,
        Some((campaign, headline, ends_at, banner)) => {
            let products = store::product_ids(&state.db, id, version, Some(&campaign)).await?;
            let products = convert(crate::products::summaries(&state.db, &products, locale).await?);
            Some(domain::seller::LiveCampaign {
                id: campaign,
                headline,
                ends_at: crate::clock::rfc3339(ends_at),
                banner: banner.and_then(|b| crate::web::uploads::image_ref(&b)),
                products,
            })
        }
    };
    Ok(Some(domain::seller::Storefront {
        seller: domain::SellerCard {
            slug,
            name,
            country,
            rating: rating as f32 / 10.0,
            order_count: u32::try_from(orders).unwrap_or(0),
            verified,
            language,
        },
        profile,
        ships_from,
        product_count: u32::try_from(products).unwrap_or(0),
        featured,
        campaign,
        machine,
        returns_country,
    }))
}

/// A store page's head, as the app's store page writes it (`catalog::store_page`): the store's
/// name as the title, its tagline (else the store's description) as the description, its
/// banner as the image; JSON-LD `Store` (an `Organization`; no `aggregateRating`: the store
/// keeps a rating but not how many reviews make it) and a
/// `BreadcrumbList`; and two answers for the app to start from: the store
/// (`GET /api/v1/sellers/{slug}`) and its listing's first page. `None` for an unknown seller.
pub(crate) async fn store_head(
    state: &AppState,
    origin: &str,
    locale: Locale,
    slug: &str,
    buyer: Guess,
) -> Option<crate::web::pages::Head> {
    let currency = buyer.currency;
    let tag = locale.tag();
    let texts = ui_texts::texts(locale);
    let store = storefront(
        state,
        slug,
        locale,
        Some(currency),
        Some(buyer.ship_to),
        Shown::Published,
    )
    .await
    .ok()??;
    let listing = parse_listing_query(Some(&format!("seller={slug}"))).ok()?;
    let mut list = search(&state.db, &state.search, &listing, locale)
        .await
        .ok()?;
    list.currency = Some(currency);
    for item in list.items.iter_mut().chain(list.suggestions.iter_mut()) {
        item.converted = state.fx.convert(item.price, currency);
    }
    let profile = store.profile.clone().unwrap_or_default();
    // The tagline in the buyer's language where a machine translated it, as the app shows it.
    let tagline = store
        .machine
        .as_ref()
        .and_then(|m| m.tagline.clone())
        .unwrap_or_else(|| profile.tagline.clone());
    let url = format!("{origin}/{tag}/s/{slug}");
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Store",
        "name": store.seller.name,
        "url": url,
        "address": { "@type": "PostalAddress", "addressCountry": store.seller.country },
    });
    if !tagline.is_empty() {
        ld["slogan"] = serde_json::Value::String(tagline.clone());
    }
    if let Some(logo) = &profile.logo {
        ld["logo"] = serde_json::Value::String(format!("{origin}{logo}"));
    }
    if let Some(banner) = &profile.banner {
        ld["image"] = serde_json::Value::String(format!("{origin}{banner}"));
    }
    let breadcrumbs = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            { "@type": "ListItem", "position": 1, "name": texts.store_name, "item": format!("{origin}/{tag}/") },
            { "@type": "ListItem", "position": 2, "name": store.seller.name, "item": url },
        ],
    });
    // The banner first, then the first cards a phone shows.
    let preload = profile
        .banner
        .iter()
        .cloned()
        .chain(
            store
                .campaign
                .iter()
                .filter_map(|c| c.banner.as_ref().map(|b| b.url.clone())),
        )
        .chain(list.items.iter().take(2).map(|item| item.image.url.clone()))
        .take(3)
        .collect();
    let code = currency.code();
    let data = [
        serde_json::to_string(&store).ok().map(|json| {
            crate::web::pages::PageData::now(
                format!("store|{slug}|{tag}|{code}|{}", buyer.ship_to),
                json,
            )
        }),
        serde_json::to_string(&list).ok().map(|json| {
            crate::web::pages::PageData::now(format!("listing|s/{slug}|{tag}|{code}"), json)
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let title = store.seller.name.clone();
    let description = if tagline.is_empty() {
        texts.meta_description.to_owned()
    } else {
        tagline
    };
    let image = profile.banner.clone().map(|b| (b, 1600, 400));
    // The theme colour from the first paint (the app sets the same property on the same
    // section); only a colour the domain reads as `#rrggbb` is written.
    let style = profile
        .theme_color
        .as_deref()
        .filter(|c| domain::seller::parse_hex_color(c).is_some())
        .map(|c| format!(".store{{--store-theme:{c}}}"));
    let body = first_screen(
        &state.fx,
        locale,
        format!("/{tag}/s/{slug}"),
        buyer,
        storefront::shell::prerender::Screen::Store { store, list },
    );
    Some(crate::web::pages::Head {
        title,
        description,
        rest: format!("s/{slug}"),
        image,
        preload,
        json_ld: [ld, breadcrumbs, organization(origin, locale)]
            .iter()
            .map(|v| v.to_string())
            .collect(),
        data,
        body: Some(body),
        style,
    })
}
