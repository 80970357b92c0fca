//! Seasonal campaigns: a headline, a banner and products, shown to buyers from a start to an
//! end read on the seller's clock (an IANA time zone; the server holds the time zone data and
//! refuses a time that does not exist there).

use super::featured::ProductChoice;
use super::images::ImageField;
use super::texts::{sr, SellerMsg as S};
use super::{field_error, list_error, Dashboard, Text};
use crate::api::seller::{self as api, ImageKind, Writer};
use domain::seller::{Campaign, Campaigns, MAX_CAMPAIGNS, MAX_HEADLINE_CHARS};
use domain::FieldError;
use leptos::prelude::*;

/// The time zones offered first: where the store's sellers work, then its buyers' markets.
const ZONES: [&str; 20] = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Ho_Chi_Minh",
    "Europe/Istanbul",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Kuala_Lumpur",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Asia/Riyadh",
    "Europe/Moscow",
    "Europe/Madrid",
    "Europe/Berlin",
    "Europe/London",
    "America/Mexico_City",
    "America/Santiago",
    "America/New_York",
    "UTC",
];

/// The browser's own time zone, the default for a new campaign: `Intl.DateTimeFormat()
/// .resolvedOptions().timeZone`, read through `Reflect` (bindings of their own would add
/// their glue to every buyer's page).
fn browser_zone() -> String {
    use wasm_bindgen::{JsCast, JsValue};
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
    let call = |function: JsValue, this: &JsValue| {
        function
            .unchecked_into::<js_sys::Function>()
            .call0(this)
            .ok()
    };
    get(&js_sys::global(), "Intl")
        .and_then(|intl| get(&intl, "DateTimeFormat"))
        .and_then(|make| call(make, &JsValue::UNDEFINED))
        .and_then(|format| call(get(&format, "resolvedOptions")?, &format))
        .and_then(|options| get(&options, "timeZone"))
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}

/// One campaign as the form holds it.
#[derive(Clone, Copy)]
struct Form {
    key: u32,
    id: StoredValue<String>,
    headline: Text,
    starts: Text,
    ends: Text,
    zone: Text,
    banner: RwSignal<Option<String>>,
    products: RwSignal<Vec<String>>,
}

impl Form {
    fn of(key: u32, c: &Campaign) -> Form {
        Form {
            key,
            id: StoredValue::new(c.id.clone()),
            headline: RwSignal::new_local(c.headline.clone()),
            starts: RwSignal::new_local(c.starts.clone()),
            ends: RwSignal::new_local(c.ends.clone()),
            zone: RwSignal::new_local(c.time_zone.clone()),
            banner: RwSignal::new(c.banner.clone()),
            products: RwSignal::new(c.products.clone()),
        }
    }

    fn campaign(self) -> Campaign {
        Campaign {
            id: self.id.get_value(),
            headline: self.headline.get_untracked(),
            starts: self.starts.get_untracked(),
            ends: self.ends.get_untracked(),
            time_zone: self.zone.get_untracked(),
            products: self.products.get_untracked(),
            banner: self.banner.get_untracked(),
        }
    }
}

#[component]
pub(super) fn CampaignsEditor() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let forms = RwSignal::new(Vec::<Form>::new());
    let next_key = StoredValue::new(0u32);
    let key = move || {
        let k = next_key.get_value();
        next_key.set_value(k + 1);
        k
    };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    // The editor is drawn once the store's state is here (see `Signed`), and starts from its
    // draft: each campaign's signals are the editor's own (made in an effect, they would be
    // that effect's, and go when the next state runs it again).
    forms.set(
        d.state
            .with_untracked(|s| s.as_ref().map(|s| s.campaigns.draft.clone()))
            .unwrap_or_default()
            .iter()
            .map(|c| Form::of(key(), c))
            .collect(),
    );
    let add = move |_| {
        let blank = Campaign {
            time_zone: browser_zone(),
            ..Campaign::default()
        };
        forms.update(|f| f.push(Form::of(key(), &blank)));
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let campaigns = Campaigns {
            campaigns: forms
                .get_untracked()
                .into_iter()
                .map(Form::campaign)
                .collect(),
        };
        d.save_draft(busy, errors, move |csrf, locale| async move {
            let state = api::save_campaigns(
                Writer {
                    csrf: &csrf,
                    locale,
                },
                &campaigns,
            )
            .await?;
            // New campaigns now have their ids.
            for (form, saved) in forms.get_untracked().iter().zip(&state.campaigns.draft) {
                form.id.set_value(saved.id.clone());
            }
            Ok(state)
        });
    };
    view! {
        <h2>{sr(S::CampaignsHeading)}</h2>
        <p class="hint">{sr(S::CampaignsHint)}</p>
        <form class="seller-form" on:submit=save novalidate>
            {move || forms.with(Vec::is_empty).then(|| view! { <p class="hint">{sr(S::NoCampaigns)}</p> })}
            // Drawn again when a campaign is added or deleted; what is typed lives in each
            // campaign's signals.
            {move || forms.get().into_iter().map(|form| view! { <CampaignFields form forms errors/> }).collect_view()}
            <button type="button" class="button secondary" on:click=add
                disabled=move || forms.with(|f| f.len() >= MAX_CAMPAIGNS)>{sr(S::NewCampaign)}</button>
            {move || field_error(errors, "campaigns").map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { sr(S::Saving)() } else { sr(S::SaveDraft)() }}
            </button>
        </form>
    }
}

#[component]
fn CampaignFields(
    form: Form,
    forms: RwSignal<Vec<Form>>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    // The server names fields by position: `campaigns[2].ends`.
    let at = move || forms.with(|f| f.iter().position(|x| x.key == form.key).unwrap_or(0));
    let error = move |name: &'static str| {
        Signal::derive(move || field_error(errors, &format!("campaigns[{}].{name}", at())))
    };
    let id = move |name: &str| format!("campaign-{}-{name}", form.key);
    let field = move |name: &'static str, label: S, kind: &'static str, value: Text| {
        let input_id = id(name);
        let error_id = id(&format!("{name}-error"));
        let err = error(name);
        let described = {
            let error_id = error_id.clone();
            move || err.with(Option::is_some).then(|| error_id.clone())
        };
        view! {
            <div class="field">
                <label for=input_id.clone()>{sr(label)}</label>
                <input id=input_id type=kind required
                    maxlength=(kind == "text").then(|| MAX_HEADLINE_CHARS.to_string())
                    aria-describedby=described
                    aria-invalid=move || err.with(Option::is_some).to_string()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))/>
                {move || err.get().map(|m| view! { <p id=error_id.clone() class="field-error">{m}</p> })}
            </div>
        }
    };
    let zone_id = id("zone");
    let zone_error = error("time_zone");
    let zones = move || {
        let current = form.zone.get();
        let mut all: Vec<String> = ZONES.iter().map(|z| (*z).to_owned()).collect();
        if !current.is_empty() && !all.contains(&current) {
            all.insert(0, current.clone());
        }
        all.into_iter()
            .map(|z| {
                let selected = z == current;
                view! { <option selected=selected value=z.clone()>{z.replace('_', " ")}</option> }
            })
            .collect_view()
    };
    let legend = move || {
        let h = form.headline.get();
        if h.trim().is_empty() {
            sr(S::NewCampaign)().to_owned()
        } else {
            h
        }
    };
    let banner_id = id("banner");
    view! {
        <fieldset class="campaign-form">
            <legend>{legend}</legend>
            {field("headline", S::Headline, "text", form.headline)}
            <div class="field-row">
                {field("starts", S::Starts, "datetime-local", form.starts)}
                {field("ends", S::Ends, "datetime-local", form.ends)}
            </div>
            <div class="field">
                <label for=zone_id.clone()>{sr(S::TimeZone)}</label>
                <select id=zone_id aria-invalid=move || zone_error.with(Option::is_some).to_string()
                    on:change=move |ev| form.zone.set(event_target_value(&ev))>{zones}</select>
                {move || zone_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <ImageField id=banner_id label=S::CampaignBanner hint=S::BannerHint kind=ImageKind::Banner
                value=form.banner error=error("banner")/>
            <h3>{sr(S::CampaignProducts)}</h3>
            <ProductChoice id=id("products") chosen=form.products/>
            {move || list_error(errors, &format!("campaigns[{}].products", at())).map(|m| view! { <p class="field-error">{m}</p> })}
            <button type="button" class="link-button danger"
                on:click=move |_| forms.update(|f| f.retain(|x| x.key != form.key))>{sr(S::DeleteCampaign)}</button>
        </fieldset>
    }
}
