//! The seller dashboard, `/{locale}/seller/…`: sign in, the store's profile (with its logo,
//! banner and theme colour), featured products, seasonal campaigns, product texts, the
//! preview of the draft on three devices in any market ([`preview`]) with its share links
//! and the last publications ([`share`]), and publishing the draft. A share link's preview
//! (`/{locale}/preview/{token}`) is this module's too, without an account. A split module of its own that no buyer's page loads, with its own
//! texts ([`texts`]); every call goes through `api::seller` in the seller's session.
//!
//! What the seller edits is a draft: nothing reaches buyers until it publishes, and the bar at
//! the top says whether there is something to publish.

mod campaigns;
mod featured;
mod images;
mod preview;
mod products;
mod profile;
mod share;
mod sign_in;
mod texts;

use crate::api::seller::{self as api, Writer};
use crate::api::ApiError;
use crate::i18n::{fill, t, Locale, Msg};
use crate::routes::{in_locale, Page};
use crate::ui::PageMeta;
use domain::seller::{SellerProductRef, SellerSession, StoreProfileState};
use domain::FieldError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use texts::{sr, st, SellerMsg as S};

/// A text the seller types. Kept in a local (single-threaded) signal: the buyer's pages keep
/// theirs in thread-safe ones, and reading a signal type the main module also reads would
/// keep that code out of line in every buyer's page.
type Text = RwSignal<String, LocalStorage>;

/// What every part of the dashboard shares: the session, the store's state as the server last
/// answered it, the seller's products, and the line that says what just happened.
#[derive(Clone, Copy)]
struct Dashboard {
    session: RwSignal<Option<SellerSession>>,
    /// The session ended while the seller worked (expired, or signed out elsewhere).
    ended: RwSignal<bool>,
    state: RwSignal<Option<StoreProfileState>>,
    /// The seller whose store `state` and `products` are (kept when a session ends, so a
    /// sign-in as another seller knows to forget them).
    signed_as: RwSignal<Option<String>>,
    products: RwSignal<Vec<SellerProductRef>>,
    /// What the last save or publication did, or why it failed; announced politely.
    notice: RwSignal<Option<(bool, String)>>,
    locale: Memo<Locale>,
}

impl Dashboard {
    fn csrf(self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|s| s.csrf_token.clone()))
            .unwrap_or_default()
    }

    fn said(self, msg: S) {
        self.notice.set(Some((
            true,
            st(self.locale.get_untracked(), msg).to_owned(),
        )));
    }

    /// Explains a failed call, and returns the fields the server refused. A call refused for
    /// want of a session shows the sign-in form again, saying why; what was typed stays in its
    /// form.
    fn failed(self, error: &ApiError) -> Vec<FieldError> {
        let locale = self.locale.get_untracked();
        if error.signed_out() {
            self.session.set(None);
            self.ended.set(true);
            return Vec::new();
        }
        let text = match error.problem() {
            Some(problem) => problem.detail.clone(),
            None if error.unreachable() => t(locale, Msg::UnreachableBody).into_owned(),
            None => t(locale, Msg::ServerErrorBody).into_owned(),
        };
        self.notice.set(Some((false, text)));
        error
            .problem()
            .map(|p| p.errors.clone())
            .unwrap_or_default()
    }

    /// Saves a part of the draft: `call` sends it with the session's CSRF token in the
    /// dashboard's language; the store's state it answers with is shown, and the fields the
    /// server refused (none when it took the draft) go in `errors`.
    fn save_draft<Fut>(
        self,
        busy: RwSignal<bool>,
        errors: RwSignal<Vec<FieldError>>,
        call: impl FnOnce(String, Locale) -> Fut + 'static,
    ) where
        Fut: std::future::Future<Output = Result<StoreProfileState, ApiError>> + 'static,
    {
        busy.set(true);
        self.notice.set(None);
        let (csrf, locale) = (self.csrf(), self.locale.get_untracked());
        spawn_local(async move {
            let result = call(csrf, locale).await;
            busy.set(false);
            match result {
                Ok(state) => {
                    errors.set(Vec::new());
                    self.state.set(Some(state));
                    self.said(S::DraftSaved);
                }
                Err(e) => errors.set(self.failed(&e)),
            }
        });
    }

    /// Sends a write in the session: `call` gets the CSRF token and the dashboard's language;
    /// `done` gets what it answered, or `None` once a refusal is explained (the notice is
    /// cleared first).
    fn write<T, Fut>(
        self,
        call: impl FnOnce(String, Locale) -> Fut + 'static,
        done: impl FnOnce(Option<T>) + 'static,
    ) where
        Fut: std::future::Future<Output = Result<T, ApiError>> + 'static,
    {
        self.notice.set(None);
        let (csrf, locale) = (self.csrf(), self.locale.get_untracked());
        spawn_local(async move {
            match call(csrf, locale).await {
                Ok(answer) => done(Some(answer)),
                Err(e) => {
                    self.failed(&e);
                    done(None);
                }
            }
        });
    }

    /// Reads the store's state and products again (after signing in, or publishing).
    fn refresh(self) {
        let locale = self.locale.get_untracked();
        spawn_local(async move {
            match api::store(locale).await {
                Ok(state) => self.state.set(Some(state)),
                Err(e) => {
                    self.failed(&e);
                }
            }
            if let Ok(products) = api::products(locale).await {
                self.products.set(products);
            }
        });
    }
}

/// The first message among `errors` for `name` or one of its items (`products`,
/// `products[2]`), if the server refused any.
fn list_error(errors: RwSignal<Vec<FieldError>>, name: &str) -> Option<String> {
    errors.with(|errors| {
        errors
            .iter()
            .find(|e| {
                e.field
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('['))
            })
            .map(|e| e.message.clone())
    })
}

/// The message of the field `name` among `errors`, if the server refused it.
fn field_error(errors: RwSignal<Vec<FieldError>>, name: &str) -> Option<String> {
    errors.with(|errors| {
        errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.clone())
    })
}

/// The dashboard's part of a path: `/es/seller/products/x` → `products/x`, `/es/seller` → `""`.
fn part_of(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .skip(2)
        .collect::<Vec<_>>()
        .join("/")
}

/// The dashboard's part of the page's own URL (`shell::pages` gives each page its copy; read
/// from the context rather than with `use_url`, which the main module then keeps uninlined).
fn shown_part() -> Memo<String> {
    let url = expect_context::<ArcRwSignal<leptos_router::location::Url>>();
    Memo::new(move |_| url.with(|u| part_of(u.path())))
}

/// The path of one of the dashboard's parts in `locale`: `href(Locale::Es, "featured")`.
pub(crate) fn href(locale: Locale, part: &str) -> String {
    if part.is_empty() {
        in_locale(locale, "/seller")
    } else {
        in_locale(locale, &format!("/seller/{part}"))
    }
}

/// The token of a share link's page (`/{locale}/preview/{token}`).
fn shared_token(path: &str) -> Option<String> {
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let _locale = segments.next();
    match (segments.next(), segments.next(), segments.next()) {
        (Some("preview"), Some(token), None) => Some(token.to_owned()),
        _ => None,
    }
}

#[component]
pub fn SellerPage() -> impl IntoView {
    // The buyer context's locale, read without `buyer::use_locale` (whose call from here would
    // keep it out of line in the main module).
    let locale = expect_context::<crate::buyer::Buyer>().locale;
    let arrived = texts::provide_texts(locale);
    Effect::new(move |_| texts::load(locale.get(), arrived));
    // A share link's preview: no account, no dashboard.
    let url = expect_context::<ArcRwSignal<leptos_router::location::Url>>();
    if let Some(token) = url.with_untracked(|u| shared_token(u.path())) {
        return view! { <preview::PreviewPage token=Some(token) locale/> }.into_any();
    }
    let part = shown_part();
    let dashboard = Dashboard {
        session: RwSignal::new(None),
        ended: RwSignal::new(false),
        state: RwSignal::new(None),
        signed_as: RwSignal::new(None),
        products: RwSignal::new(Vec::new()),
        notice: RwSignal::new(None),
        locale,
    };
    provide_context(dashboard);
    // Whether the server has said if this browser is signed in.
    let checked = RwSignal::new(false);
    spawn_local(async move {
        match api::session(locale.get_untracked()).await {
            Ok(Some(session)) => {
                dashboard.signed_as.set(Some(session.seller.clone()));
                dashboard.session.set(Some(session));
                dashboard.refresh();
            }
            Ok(None) => {}
            Err(e) => {
                dashboard.failed(&e);
            }
        }
        checked.set(true);
    });
    let title = Signal::derive(move || st(locale.get(), S::SellerCentre).to_owned());
    // The seller the dashboard below was drawn for. A session that ends while the seller
    // works (expired, signed out on another device) keeps the dashboard, hidden, with
    // everything typed in it, while the seller signs in again; signing in as another seller,
    // or signing out here, draws it anew.
    let drawn_for = Memo::new(move |previous: Option<&Option<String>>| {
        match dashboard
            .session
            .with(|s| s.as_ref().map(|s| s.seller.clone()))
        {
            Some(seller) => Some(seller),
            None if dashboard.ended.get() => previous.cloned().flatten(),
            None => None,
        }
    });
    let sign_in = move || {
        if part.with(|p| p == "password") {
            return Some(view! { <sign_in::SetPasswordForm/> }.into_any());
        }
        if !checked.get() {
            return Some(
                view! { <p class="loading" role="status">{move || t(locale.get(), Msg::Loading)}</p> }
                    .into_any(),
            );
        }
        dashboard
            .session
            .with(Option::is_none)
            .then(|| view! { <sign_in::SignInForm/> }.into_any())
    };
    let signed = move || {
        drawn_for.get().map(|_| {
            view! {
                <div hidden=move || dashboard.session.with(Option::is_none) || part.with(|p| p == "password")>
                    <Signed part/>
                </div>
            }
        })
    };
    view! {
        <PageMeta title description=title path="/seller".to_owned() noindex=true/>
        <div class="seller-page">{sign_in}{signed}</div>
    }
    .into_any()
}

/// The dashboard of a signed-in seller: who it is, the publish bar, the tabs, the part shown.
#[component]
fn Signed(part: Memo<String>) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let locale = d.locale;
    // What the last action did stays said until the seller moves to another part.
    Effect::new(move |before: Option<String>| {
        let now = part.get();
        if before.is_some_and(|b| b != now) {
            d.notice.set(None);
        }
        now
    });
    let name = move || {
        d.session
            .with(|s| s.as_ref().map(|s| s.name.clone()))
            .unwrap_or_default()
    };
    let slug = move || {
        d.session
            .with(|s| s.as_ref().map(|s| s.seller.clone()))
            .unwrap_or_default()
    };
    let tab = move |target: &'static str, label: S| {
        let current = move || {
            part.with(|p| p == target || (target == "products" && p.starts_with("products/")))
        };
        // The preview is a page of its own to the server (it may frame the store's pages):
        // the browser, not the router, goes there and back.
        let external =
            move || (target == "preview" || part.with(|p| p == "preview")).then_some("external");
        view! {
            <a class="seller-tab" href=move || href(locale.get(), target) rel=external
                aria-current=move || current().then_some("page")>{sr(label)}</a>
        }
    };
    let section = move || {
        let shown = part.get();
        match shown.as_str() {
            "featured" => view! { <featured::FeaturedEditor/> }.into_any(),
            "campaigns" => {
                let ready = Memo::new(move |_| d.state.with(Option::is_some));
                (move || ready.get().then(|| view! { <campaigns::CampaignsEditor/> })).into_any()
            }
            "products" => view! { <products::ProductList/> }.into_any(),
            "preview" => view! { <preview::PreviewPage token=None locale/> }.into_any(),
            other => match other.strip_prefix("products/") {
                Some(product) => {
                    let slug = product.to_owned();
                    view! { <products::ProductTexts slug/> }.into_any()
                }
                None if other.is_empty() => {
                    let ready = Memo::new(move |_| d.state.with(Option::is_some));
                    (move || ready.get().then(|| view! { <profile::ProfileEditor/> })).into_any()
                }
                None => view! { <crate::ui::NotFound/> }.into_any(),
            },
        }
    };
    let sign_out = move |everywhere: bool| {
        let csrf = d.csrf();
        let locale = locale.get_untracked();
        spawn_local(async move {
            let w = Writer {
                csrf: &csrf,
                locale,
            };
            match api::sign_out(w, everywhere).await {
                Ok(()) => {
                    d.ended.set(false);
                    d.session.set(None);
                    d.state.set(None);
                    d.signed_as.set(None);
                    d.products.set(Vec::new());
                    d.notice.set(None);
                }
                Err(e) => {
                    d.failed(&e);
                }
            }
        });
    };
    view! {
        <header class="seller-head">
            <h1>{sr(S::SellerCentre)}</h1>
            <p>{move || fill(st(locale.get(), S::SignedInAs), &[name()])}</p>
            <a class="button secondary" href=move || Page::Store(&slug()).href(locale.get())>
                {sr(S::ViewStore)}
            </a>
        </header>
        <PublishBar/>
        <nav class="seller-tabs" aria-label=sr(S::DashboardNav)>
            {tab("", S::TabProfile)}
            {tab("featured", S::TabFeatured)}
            {tab("campaigns", S::TabCampaigns)}
            {tab("products", S::TabProducts)}
            {tab("preview", S::TabPreview)}
        </nav>
        {section}
        <div class="seller-sign-out">
            <button type="button" class="button secondary" on:click=move |_| sign_out(false)>
                {sr(S::SignOut)}
            </button>
            <button type="button" class="link-button" on:click=move |_| sign_out(true)>
                {sr(S::SignOutEverywhere)}
            </button>
        </div>
    }
}

/// Whether buyers see what the seller saved, and the button that makes it so; the line below
/// says what the last action did.
#[component]
fn PublishBar() -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let busy = RwSignal::new(false);
    let pending = move || {
        d.state
            .with(|s| s.as_ref().is_some_and(|s| s.unpublished_changes))
            || d.products.with(|p| p.iter().any(|p| p.drafts > 0))
    };
    let publish = move |_| {
        busy.set(true);
        let csrf = d.csrf();
        let locale = d.locale.get_untracked();
        spawn_local(async move {
            let result = api::publish(Writer {
                csrf: &csrf,
                locale,
            })
            .await;
            busy.set(false);
            match result {
                Ok(state) => {
                    d.state.set(Some(state));
                    d.said(S::PublishedNow);
                    d.refresh();
                }
                Err(e) => {
                    d.failed(&e);
                }
            }
        });
    };
    // What publishing would change, read again whenever the draft does.
    let changes = RwSignal::new_local(Vec::<domain::seller::StoreChange>::new());
    Effect::new(move |_| {
        d.state.track();
        d.products.track();
        let locale = d.locale.get_untracked();
        spawn_local(async move {
            if let Ok(answer) = api::changes(locale).await {
                changes.set(answer.items);
            }
        });
    });
    let change = move |c: domain::seller::StoreChange| {
        let (name, kind) = (c.part.clone(), c.change.clone());
        let part = match c.part.as_str() {
            "tagline" => Some(S::Tagline),
            "about" => Some(S::About),
            "return_policy" => Some(S::ReturnPolicy),
            "theme_color" => Some(S::ThemeColour),
            "logo" => Some(S::Logo),
            "banner" => Some(S::Banner),
            "returns" => Some(S::CountryReturnsHeading),
            "featured" => Some(S::TabFeatured),
            "campaign" => Some(S::TabCampaigns),
            "product_text" => Some(S::TabProducts),
            _ => None,
        };
        let what = match c.change.as_str() {
            "added" => Some(S::ChangeAdded),
            "removed" => Some(S::ChangeRemoved),
            _ => Some(S::ChangeChanged),
        };
        let locale = d.locale;
        view! {
            <li data-part=name data-change=kind>
                {move || {
                    let part = part.map_or(c.part.as_str(), |p| st(locale.get(), p));
                    let what = what.map_or("", |w| st(locale.get(), w));
                    match &c.detail {
                        Some(detail) => format!("{part} ({detail}): {what}"),
                        None => format!("{part}: {what}"),
                    }
                }}
            </li>
        }
    };
    view! {
        <div class="publish-bar">
            <p>{move || if pending() { sr(S::UnpublishedChanges)() } else { sr(S::NothingToPublish)() }}</p>
            <button type="button" class="button" on:click=publish
                disabled=move || busy.get() || !pending()>
                {move || if busy.get() { sr(S::Publishing)() } else { sr(S::Publish)() }}
            </button>
        </div>
        {move || changes.with(|c| !c.is_empty()).then(|| view! {
            <details class="store-changes">
                <summary>{sr(S::ChangesHeading)}</summary>
                <ul>{move || changes.get().into_iter().map(change).collect_view()}</ul>
            </details>
        })}
        <p class="seller-notice" role="status" data-failed=move || d.notice.with(|n| n.as_ref().is_some_and(|n| !n.0)).then_some("")>
            {move || d.notice.with(|n| n.as_ref().map(|n| n.1.clone()))}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dashboard_reads_its_part_from_the_path_and_writes_paths_back() {
        assert_eq!(part_of("/es/seller"), "");
        assert_eq!(part_of("/es/seller/"), "");
        assert_eq!(part_of("/es/seller/campaigns"), "campaigns");
        assert_eq!(part_of("/vi/seller/products/ao-dai"), "products/ao-dai");
        assert_eq!(part_of("/en/seller/preview"), "preview");
        assert_eq!(
            shared_token("/id/preview/7-99-sig"),
            Some("7-99-sig".into())
        );
        assert_eq!(shared_token("/id/seller/preview"), None);
        assert_eq!(shared_token("/id/preview/7-99-sig/as-buyer/s/x"), None);
        assert_eq!(href(Locale::Vi, ""), "/vi/seller");
        assert_eq!(
            href(Locale::Vi, "products/ao-dai"),
            "/vi/seller/products/ao-dai"
        );
    }
}
