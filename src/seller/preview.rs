//! The preview: the store's draft as a buyer in another market would see it once published,
//! on three devices at once. Its bar ("Preview — not published") never scrolls away and
//! carries the market — the buyer's country, language and currency — that every frame
//! follows. Each device frame is the store itself (`routes::Frame`: the buyer's app, which asks
//! the server for the draft), at the device's own viewport; the server draws the same bar
//! inside each frame.
//!
//! The seller's own preview is a part of the dashboard (`/{locale}/seller/preview`); a share
//! link's (`/{locale}/preview/{token}`) needs no account, and a link that expired, was
//! withdrawn or was altered shows a page that says so, with nothing of the draft.

use super::texts::{sr, st, SellerMsg as S};
use crate::api::seller::{self as api, PreviewRefused as Refused};
use crate::browser::{Store, CURRENCY_KEY, SHIP_TO_KEY};
use crate::i18n::{fill, t, Locale, Msg};
use crate::ui::PageMeta;
use domain::market::for_country;
use domain::seller::PreviewScope;
use domain::shipping::DESTINATIONS;
use domain::Currency;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

/// A device: its name, and its viewport in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Device {
    pub name: S,
    pub width: u32,
    pub height: u32,
}

/// Phone, tablet and desktop, side by side on a wide screen.
pub(super) const DEVICES: [Device; 3] = [
    Device {
        name: S::DevicePhone,
        width: 360,
        height: 740,
    },
    Device {
        name: S::DeviceTablet,
        width: 768,
        height: 1024,
    },
    Device {
        name: S::DeviceDesktop,
        width: 1280,
        height: 800,
    },
];

/// Space between two frames, in CSS pixels.
const GAP: f64 = 16.0;

/// Below this width the frames are shown one at a time (the stylesheet's breakpoint).
const SIDE_BY_SIDE_FROM: f64 = 1000.0;

/// How much the frames are drawn smaller to fit `width` pixels: side by side, all at one scale
/// (so their sizes compare truly); one at a time, the one shown. Never larger than life.
pub(super) fn scale(width: f64, side_by_side: bool, shown: Device) -> f64 {
    // The gaps between frames keep their size: only the frames are drawn smaller.
    let (room, needed) = if side_by_side {
        (
            width - GAP * 2.0,
            DEVICES.iter().map(|d| f64::from(d.width)).sum::<f64>(),
        )
    } else {
        (width, f64::from(shown.width))
    };
    (room / needed).clamp(0.1, 1.0)
}

/// Whole CSS pixels (formatting an `f64` would bring the standard library's float printing).
fn px(value: f64) -> String {
    format!("{}px", value.round() as u32)
}

/// A CSS `scale()` of `factor` (at most 1), to four decimals.
pub(super) fn scaled(factor: f64) -> String {
    let n = (factor * 10_000.0).round() as u32;
    format!("scale({}.{:04})", n / 10_000, n % 10_000)
}

/// `path` (a frame's own, with its query) in `locale`: its first segment replaced.
pub(super) fn relocalized(path: &str, locale: Locale) -> String {
    match path.trim_start_matches('/').split_once('/') {
        Some((_, rest)) => format!("/{}/{rest}", locale.tag()),
        None => format!("/{}/", locale.tag()),
    }
}

/// The market the frames show. The dashboard's signals are local ones (see `Text`).
#[derive(Clone, Copy)]
struct Chosen {
    country: RwSignal<&'static str, LocalStorage>,
    language: RwSignal<Locale, LocalStorage>,
    currency: RwSignal<Currency, LocalStorage>,
}

impl Chosen {
    /// Where the frames find it: the tab's session, where the buyer's app keeps its choices
    /// inside a frame (`browser::Store`).
    fn keep(self) {
        Store::Session.set(SHIP_TO_KEY, self.country.get_untracked());
        Store::Session.set(CURRENCY_KEY, self.currency.get_untracked().code());
    }
}

/// The preview of the store whose draft `token` opens (a share link), or of the signed-in
/// seller's own store (`None`).
#[component]
pub(super) fn PreviewPage(token: Option<String>, locale: Memo<Locale>) -> impl IntoView {
    let scope = RwSignal::new_local(None::<Result<PreviewScope, Refused>>);
    let asked = token.clone();
    spawn_local(async move {
        let answer = api::preview_scope(asked.as_deref(), locale.get_untracked()).await;
        scope.set(Some(answer));
    });
    let title = Signal::derive(move || st(locale.get(), S::PreviewBar).to_owned());
    let shared = token.is_some();
    let body = move || {
        let token = token.clone();
        scope.get().map(|answer| match answer {
            Ok(scope) => view! { <Preview scope token locale/> }.into_any(),
            Err(Refused::Gone) => view! {
                <div class="preview-refused" data-preview-gone="" data-drawn="">
                    <h1>{sr(S::PreviewGoneTitle)}</h1>
                    <p>{sr(S::PreviewGoneBody)}</p>
                </div>
            }
            .into_any(),
            Err(Refused::Invalid) => view! {
                <div class="preview-refused" data-preview-invalid="" data-drawn="">
                    <h1>{sr(S::PreviewInvalidTitle)}</h1>
                    <p>{sr(S::PreviewInvalidBody)}</p>
                </div>
            }
            .into_any(),
            Err(Refused::Failed) => view! {
                <div class="preview-refused" role="alert" data-drawn="">
                    <h1>{move || t(locale.get(), Msg::UnreachableTitle)}</h1>
                    <p>{move || t(locale.get(), Msg::UnreachableBody)}</p>
                </div>
            }
            .into_any(),
        })
    };
    view! {
        // A share link's page has a path of its own; the seller's is a part of the dashboard.
        {shared.then(|| view! {
            <PageMeta title description=title path="/seller/preview".to_owned() noindex=true/>
        })}
        <div class="preview-page">
            {move || scope.with(Option::is_none).then(|| view! {
                <p class="loading" role="status">{move || t(locale.get(), Msg::Loading)}</p>
            })}
            {body}
        </div>
    }
}

/// The bar with its market, and the device frames.
#[component]
fn Preview(scope: PreviewScope, token: Option<String>, locale: Memo<Locale>) -> impl IntoView {
    // A link made for one market shows that one (the server holds it to it); otherwise the
    // viewer's language and the market where it is read most (English: the United States).
    let fixed = scope.market.clone();
    let start_country = fixed
        .as_ref()
        .and_then(|m| DESTINATIONS.iter().copied().find(|d| *d == m.country))
        .unwrap_or_else(|| domain::shipping::market_of(locale.get_untracked()));
    let start_language = fixed
        .as_ref()
        .and_then(|m| Locale::from_tag(&m.locale))
        .unwrap_or_else(|| locale.get_untracked());
    let start_currency = fixed
        .as_ref()
        .and_then(|m| m.currency.parse().ok())
        .or_else(|| for_country(start_country))
        .unwrap_or(Currency::USD);
    let market = Chosen {
        country: RwSignal::new_local(start_country),
        language: RwSignal::new_local(start_language),
        currency: RwSignal::new_local(start_currency),
    };
    market.keep();
    let prefix = match &token {
        Some(token) => format!("/preview/{token}/as-buyer"),
        None => "/seller/preview/as-buyer".to_owned(),
    };
    let start = format!("/{}{prefix}/s/{}", start_language.tag(), scope.store);
    let frames: [NodeRef<leptos::html::Iframe>; 3] = std::array::from_fn(|_| NodeRef::new());
    let first = StoredValue::new_local(start.clone());
    // Every frame follows a new market: the same page, in its language, drawn again.
    let moved = move || {
        market.keep();
        let language = market.language.get_untracked();
        for frame in frames {
            let Some(frame) = frame.get_untracked() else {
                continue;
            };
            let Some(location) = frame
                .content_window()
                .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("location")).ok())
            else {
                continue;
            };
            let now = ["pathname", "search"]
                .map(|part| {
                    js_sys::Reflect::get(&location, &JsValue::from_str(part))
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                })
                .concat();
            // A frame still loading its first page is at `about:blank` (its path: `blank`).
            let next = if now.starts_with('/') {
                relocalized(&now, language)
            } else {
                first.with_value(|first| relocalized(first, language))
            };
            let _ = js_sys::Reflect::get(&location, &JsValue::from_str("replace"))
                .ok()
                .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
                .map(|replace| replace.call1(&location, &JsValue::from_str(&next)));
        }
    };
    let on_country = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(country) = DESTINATIONS.iter().copied().find(|d| *d == value) {
            market.country.set(country);
            // The currency follows the country's, as a buyer there would see it.
            if let Some(currency) = for_country(country) {
                market.currency.set(currency);
            }
            moved();
        }
    };
    let on_language = move |ev: leptos::ev::Event| {
        if let Some(language) = Locale::from_tag(&event_target_value(&ev)) {
            market.language.set(language);
            moved();
        }
    };
    let on_currency = move |ev: leptos::ev::Event| {
        if let Ok(currency) = event_target_value(&ev).parse::<Currency>() {
            market.currency.set(currency);
            moved();
        }
    };
    // The frames' scale: measured from the space the page gives them, again on every resize.
    let area = NodeRef::<Div>::new();
    // The device shown alone on a narrow screen, and the frames' room in pixels: one signal
    // of a type of its own (a type the buyer's pages also keep in a signal would keep that
    // signal's code out of line on every one of them).
    let view = RwSignal::new_local((0_usize, 0_i32));
    let measure = move || {
        if let Some(area) = area.get_untracked() {
            view.update(|v| v.1 = area.client_width());
        }
    };
    Effect::new(move |_| {
        if area.get().is_some() {
            measure();
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let side_by_side = move || {
        window()
            .inner_width()
            .ok()
            .and_then(|w| w.as_f64())
            .is_some_and(|w| w >= SIDE_BY_SIDE_FROM)
    };
    let scale_now = move || {
        let (shown, width) = view.get();
        scale(f64::from(width), side_by_side(), DEVICES[shown])
    };
    let shown = move || view.get().0;
    let tag = move || locale.get().tag();
    // The currencies the store prices in (those it has a rate for): the chosen one until the
    // rate table answers.
    let offered = RwSignal::new_local(vec![start_currency]);
    spawn_local(async move {
        if let Ok(table) = crate::api::fx::fx_rates().await {
            let mut all: Vec<Currency> = table.rates.iter().map(|r| r.currency).collect();
            all.push(table.base);
            all.sort_by_key(|c| c.code());
            all.dedup();
            offered.set(all);
        }
    });
    let disabled = fixed.is_some();
    let seller = scope.via == "seller";
    let chosen = Signal::derive_local(move || domain::seller::Market {
        country: market.country.get().to_owned(),
        locale: market.language.get().tag().to_owned(),
        currency: market.currency.get().code().to_owned(),
    });
    let store_name = scope.store_name.clone();
    let devices = DEVICES
        .into_iter()
        .enumerate()
        .map(|(i, device)| {
            let frame = frames[i];
            let src = start.clone();
            let label = move || {
                format!(
                    "{} · {} × {}",
                    st(locale.get(), device.name),
                    device.width,
                    device.height
                )
            };
            view! {
                <figure class="device" data-device=i data-shown=move || (shown() == i).then_some("")
                    style:width=move || px(f64::from(device.width) * scale_now())
                    style:height=move || px(f64::from(device.height) * scale_now() + 28.0)>
                    <figcaption>{label}</figcaption>
                    <div class="device-screen">
                        <iframe node_ref=frame src=src title=label
                            width=device.width.to_string() height=device.height.to_string()
                            style:transform=move || scaled(scale_now())></iframe>
                    </div>
                </figure>
            }
        })
        .collect_view();
    view! {
        // The bar, the frames and what follows are siblings: the bar stays on screen (above
        // the store's header) down to the end of the page.
        <div class="preview-console-bar" role="region" aria-label=sr(S::PreviewBar)>
                <p class="preview-console-title">
                    <strong>{sr(S::PreviewBar)}</strong>
                    <span>{move || fill(st(locale.get(), S::PreviewOf), std::slice::from_ref(&store_name))}</span>
                </p>
                <div class="preview-market">
                    <label>
                        <span>{move || t(locale.get(), Msg::ShipTo)}</span>
                        <select id="preview-country" on:change=on_country disabled=disabled>
                            {DESTINATIONS.map(|code| view! {
                                <option value=code selected=move || market.country.get() == code>
                                    {move || crate::format::region_name(code, tag())}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || t(locale.get(), Msg::Language)}</span>
                        <select id="preview-language" on:change=on_language disabled=disabled>
                            {Locale::ALL.map(|l| view! {
                                <option lang=l.tag() value=l.tag() selected=move || market.language.get() == l>
                                    {l.native_name()}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span>{move || t(locale.get(), Msg::Currency)}</span>
                        <select id="preview-currency" on:change=on_currency disabled=disabled>
                            {move || offered.get().into_iter().map(|c| view! {
                                <option value=c.code() selected=move || market.currency.get() == c>
                                    {c.code()}
                                </option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                {disabled.then(|| view! { <p class="preview-one-market">{sr(S::LinkOneMarket)}</p> })}
                <div class="device-choice" role="radiogroup" aria-label=sr(S::Devices)>
                    {DEVICES.into_iter().enumerate().map(|(i, device)| view! {
                        <button type="button" role="radio" class="device-choice-button"
                            aria-checked=move || if shown() == i { "true" } else { "false" }
                            on:click=move |_| view.update(|v| v.0 = i)>
                            {sr(device.name)}
                        </button>
                    }).collect_view()}
                </div>
            </div>
        <div class="devices" node_ref=area>{devices}</div>
        // The seller's own preview: its share links and publications below the frames.
        {seller.then(|| view! { <super::share::SharePanel market=chosen/> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_by_side_the_three_frames_share_one_scale_and_never_grow() {
        let s = scale(1200.0, true, DEVICES[0]);
        assert!((s - (1200.0 - 32.0) / (360.0 + 768.0 + 1280.0)).abs() < 1e-9);
        assert_eq!(scale(5000.0, true, DEVICES[2]), 1.0);
        // One at a time: the phone fits a phone's screen less its margins.
        assert!((scale(328.0, false, DEVICES[0]) - 328.0 / 360.0).abs() < 1e-9);
        assert_eq!(scale(900.0, false, DEVICES[0]), 1.0);
    }

    #[test]
    fn a_scale_is_written_without_float_printing() {
        assert_eq!(scaled(1.0), "scale(1.0000)");
        assert_eq!(scaled(0.4567_8), "scale(0.4568)");
        assert_eq!(scaled(0.05), "scale(0.0500)");
        assert_eq!(px(263.6), "264px");
    }

    #[test]
    fn a_frame_keeps_its_page_and_query_in_another_language() {
        assert_eq!(
            relocalized("/en/preview/1-2-x/as-buyer/p/ao-dai?v=1", Locale::Id),
            "/id/preview/1-2-x/as-buyer/p/ao-dai?v=1"
        );
        assert_eq!(
            relocalized("/ja/seller/preview/as-buyer/s/k", Locale::Ar),
            "/ar/seller/preview/as-buyer/s/k"
        );
    }
}
