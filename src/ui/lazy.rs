//! Code that arrives when it is first needed.
//!
//! The release build (`--cfg store_split`, see `scripts/build-wasm.mjs`) splits the wasm: each
//! page's code, and the compact cart's, is a module of its own that the browser fetches the
//! first time the page is shown, so the first page loads only the shell and its own code.
//! [`split_view!`] declares such a piece of view. Everywhere else (tests, `make dev`, clippy)
//! the same declaration is an ordinary function, so every build has the same pages.
//!
//! A module that fails to arrive (a weak connection, a blocked request) is asked for twice
//! more, then explained with a way to try again: never a dead page.

use crate::buyer::tx;
use crate::i18n::Msg;
use leptos::prelude::*;
pub use leptos::wasm_split::SplitLoaderError;
use std::future::Future;

/// Declares `async fn $name() -> Result<AnyView, SplitLoaderError>` whose view is `$body`,
/// put in the split module `$module`, and `async fn $preload() -> Result<(), _>` that only
/// fetches that module. Declarations naming the same module share it.
#[rustfmt::skip] // rustfmt re-indents the attribute's arguments on every run.
macro_rules! split_view {
    ($module:ident, $name:ident, $preload:ident, $body:block) => {
        #[cfg(store_split)]
        #[::leptos::wasm_split::wasm_split(
            $module,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload(#[allow(dead_code)] $preload)
        )]
        fn $name() -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            Ok(::leptos::prelude::IntoAny::into_any($body))
        }

        #[cfg(not(store_split))]
        async fn $name() -> Result<::leptos::prelude::AnyView, ::leptos::wasm_split::SplitLoaderError> {
            Ok(::leptos::prelude::IntoAny::into_any($body))
        }

        #[cfg(not(store_split))]
        #[allow(clippy::unused_async, dead_code)]
        async fn $preload() -> Result<(), ::leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}
pub(crate) use split_view;

/// How long to wait before the second and the third attempt.
const RETRY_DELAYS_MS: [i32; 2] = [400, 1_500];

/// Runs `load` until it succeeds, at most three times, pausing between attempts.
pub async fn with_retries<T, Fut>(mut load: impl FnMut() -> Fut) -> Result<T, SplitLoaderError>
where
    Fut: Future<Output = Result<T, SplitLoaderError>>,
{
    let mut result = load().await;
    for delay in RETRY_DELAYS_MS {
        if result.is_ok() {
            break;
        }
        pause(delay).await;
        result = load().await;
    }
    result
}

/// The view `load` gives, or the explanation when its code could not be fetched.
pub async fn view_or_explain<Fut>(load: impl FnMut() -> Fut) -> AnyView
where
    Fut: Future<Output = Result<AnyView, SplitLoaderError>>,
{
    match with_retries(load).await {
        Ok(view) => view,
        Err(_) => view! { <CodeNotLoaded/> }.into_any(),
    }
}

/// Fetches a module the buyer is likely to need next, when the browser has nothing else to
/// do: after the page is drawn, so it never competes with what the buyer is looking at.
pub fn prefetch_when_idle<Fut>(preload: impl FnOnce() -> Fut + 'static)
where
    Fut: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    idle(move || {
        leptos::task::spawn_local(async move {
            // A failure here costs nothing: the page asks again when it is opened.
            let _ = preload().await;
        })
    });
}

/// Part of the store's code did not arrive: said in the buyer's terms, with a way to try
/// again (a reload, which keeps the cart and everything typed in checkout).
#[component]
pub fn CodeNotLoaded() -> impl IntoView {
    view! {
        <div class="load-error" role="alert" data-code-not-loaded="" data-drawn="">
            <h2>{tx(Msg::UnreachableTitle)}</h2>
            <p>{tx(Msg::UnreachableBody)}</p>
            <button type="button" class="button" on:click=move |_| {
                let _ = window().location().reload();
            }>{tx(Msg::Retry)}</button>
        </div>
    }
}

pub(crate) async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Calls `then` once the browser is idle (`requestIdleCallback`, or two seconds later where
/// there is none, as in Safari).
fn idle(then: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let callback = Closure::once_into_js(then);
    let window = window();
    let request = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"timeout".into(), &JsValue::from(5_000));
    match request {
        Some(request) => {
            let _ = request.call2(&window, &callback, &options);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                2_000,
            );
        }
    }
}

/// Draws `view` in a task of its own after the current one while the app draws its copy of a
/// first screen the server drew, else at once. That copy is hidden until `index.html`'s swap
/// script shows it, which waits while `#app` carries `data-later` (some part not drawn yet):
/// the buyer never sees a part missing. In one piece the first draw held the main thread for
/// 40-60 ms in two tasks on a fast desktop (four times that on a slow phone, where the
/// buyer's taps wait); in parts, each task takes under ~18 ms (perf/README.md).
#[cfg(target_arch = "wasm32")]
pub fn later<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> impl IntoView {
    let document = document();
    let app = document
        .get_element_by_id("first-screen")
        .and_then(|_| document.get_element_by_id("app"));
    let ready = RwSignal::new(app.is_none());
    // Counted until drawn, or until its owner is gone (a page replaced before its turn).
    let pending = StoredValue::new_local(app.map(Pending::new));
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            pause(0).await;
            ready.set(true);
        });
    }
    let view = StoredValue::new_local(Some(view));
    move || {
        let view = ready
            .get()
            .then(|| view.try_update_value(Option::take).flatten())??;
        // Untracked: `ready` alone may run this again, which would find the view taken.
        let drawn = untrack(view);
        pending.update_value(|p| *p = None);
        Some(drawn)
    }
}

/// One part of the app's first page not drawn yet: `#app` carries `data-later` while any is.
#[cfg(target_arch = "wasm32")]
struct Pending(web_sys::Element);

#[cfg(target_arch = "wasm32")]
thread_local! {
    static PENDING: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

#[cfg(target_arch = "wasm32")]
impl Pending {
    fn new(app: web_sys::Element) -> Self {
        PENDING.set(PENDING.get() + 1);
        let _ = app.set_attribute("data-later", "");
        Self(app)
    }
}

#[cfg(target_arch = "wasm32")]
impl Drop for Pending {
    fn drop(&mut self) {
        PENDING.set(PENDING.get().saturating_sub(1));
        if PENDING.get() == 0 {
            let _ = self.0.remove_attribute("data-later");
        }
    }
}

/// Outside the browser (the server drawing a first screen, tests) everything is drawn at once.
#[cfg(not(target_arch = "wasm32"))]
pub fn later<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> impl IntoView {
    view()
}
