//! A page's data as it loads: "Loading…" until the server answers, then the page, or
//! why it could not load (a thing that does not exist answers 404, like the API).

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use crate::{error::AppError, form::LoadFailure, i18n::use_i18n};

/// Shows `data` through `show` once loaded.
#[component]
pub fn Loaded<T, F>(data: Resource<Result<T, AppError>>, show: F) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <Transition fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(loaded) => show(loaded),
                        Err(error) => view! { <LoadFailure error/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
