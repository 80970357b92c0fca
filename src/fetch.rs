//! Loading data that follows the URL: each change of the request's inputs starts a new request
//! and aborts the one before (through [`Latest`]), and only the answer to the newest request is
//! shown. Deliberately explicit: a `LocalResource` reading the router's query missed a change
//! made while its previous request was still in flight (back then forward quickly), and showed
//! page 1 under a page-2 URL; the end-to-end history test caught it.

use crate::api::{ApiError, Latest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// What a page shows: `None` until the first answer, then the newest answer.
pub type Answer<T> = RwSignal<Option<Result<T, ApiError>>, LocalStorage>;

/// Runs `fetch(input)` whenever `input()` changes, keeping the newest answer in the returned
/// signal. The second value reloads the current input (for a "try again" button), showing the
/// loading state meanwhile.
pub fn follow<I, T, Fut>(
    input: impl Fn() -> I + 'static,
    fetch: impl Fn(I, Latest) -> Fut + Copy + 'static,
) -> (Answer<T>, impl Fn() + Copy + 'static)
where
    I: Clone + 'static,
    T: 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let answer: Answer<T> = RwSignal::new_local(None);
    let latest = Latest::new();
    let generation = StoredValue::new(0u64);
    let last_input: StoredValue<Option<I>, LocalStorage> = StoredValue::new_local(None);
    let start = move |input: I| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        last_input.set_value(Some(input.clone()));
        spawn_local(async move {
            let result = fetch(input, latest).await;
            // A newer request owns the page now; this answer (or its abort) is not shown.
            if generation.try_get_value() == Some(mine) && !matches!(result, Err(ApiError::Aborted))
            {
                answer.try_set(Some(result));
            }
        });
    };
    Effect::new(move |_| start(input()));
    let reload = move || {
        if let Some(input) = last_input.with_value(Clone::clone) {
            answer.set(None);
            start(input);
        }
    };
    (answer, reload)
}
