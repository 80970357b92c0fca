//! A picture the seller uploads: the file goes to the server as it is, which checks it by its
//! content, re-encodes it and answers with the path it is served at; the field keeps that path.

use super::texts::{sr, SellerMsg as S};
use super::Dashboard;
use crate::api::seller::{self as api, ImageKind, Writer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// A file input with a preview of the picture chosen and a way to remove it. `id` names the
/// input (its label's `for`); `value` is the path the draft keeps, `None` for no picture.
#[component]
pub(super) fn ImageField(
    #[prop(into)] id: String,
    label: S,
    hint: S,
    kind: ImageKind,
    value: RwSignal<Option<String>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let d = expect_context::<Dashboard>();
    let busy = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let on_change = move |ev: leptos::ev::Event| {
        // The change event of this file input: its target is the input.
        let Some(input) = ev
            .target()
            .map(|t| t.unchecked_into::<web_sys::HtmlInputElement>())
        else {
            return;
        };
        // The chosen file, as the request's body (a `File` is a `Blob`).
        let file = js_sys::Reflect::get(&input, &"files".into())
            .and_then(|files| js_sys::Reflect::get_u32(&files, 0))
            .unwrap_or_default();
        if file.is_undefined() || file.is_null() {
            return;
        }
        busy.set(true);
        refused.set(None);
        let csrf = d.csrf();
        let locale = d.locale.get_untracked();
        spawn_local(async move {
            let result = api::upload(
                Writer {
                    csrf: &csrf,
                    locale,
                },
                kind,
                file,
            )
            .await;
            busy.set(false);
            input.set_value("");
            match result {
                Ok(image) => value.set(Some(image.url)),
                Err(e) => {
                    d.failed(&e);
                    refused.set(e.problem().map(|p| p.detail.clone()));
                }
            }
        });
    };
    let shown_error = move || refused.get().or_else(|| error.get());
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            if shown_error().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        }
    };
    view! {
        <div class="field image-field">
            <label for=id.clone()>{sr(label)}</label>
            {move || value.get().map(|src| view! {
                <img class=if kind == ImageKind::Logo { "upload-preview logo" } else { "upload-preview" } src=src alt=""/>
            })}
            <input id=id type="file" accept="image/png,image/jpeg,image/webp"
                aria-describedby=described
                aria-invalid=move || shown_error().is_some().to_string()
                disabled=move || busy.get()
                on:change=on_change/>
            <p id=hint_id class="hint">{sr(hint)}</p>
            {move || busy.get().then(|| view! { <p class="hint" role="status">{sr(S::Uploading)}</p> })}
            {move || shown_error().map(|m| view! { <p id=error_id.clone() class="field-error" role="alert">{m}</p> })}
            {move || value.with(Option::is_some).then(|| view! {
                <button type="button" class="link-button" on:click=move |_| value.set(None)>{sr(S::RemoveImage)}</button>
            })}
        </div>
    }
}
