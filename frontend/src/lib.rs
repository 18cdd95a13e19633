//! The browser entry point: hydrates the page the server rendered.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
pub fn hydrate() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if info.to_string().contains("load callback should succeed") {
            reload_for_new_bundle();
        }
    }));
    // As `leptos::mount::hydrate_lazy` (a page whose code is in a chunk waits for it),
    // then the page is marked live: tests and people can tell a live page from a
    // server-rendered one by this attribute, set only once every part has hydrated.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(leptos::tachys::dom::body(), app::App).await;
        owner.forget();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}

/// A page's chunk that no longer loads is a tab opened before an upgrade (the server
/// serves only the bundle it runs): reloading brings the new bundle. At most once a
/// minute, so a server that is down does not make the page reload in a loop.
fn reload_for_new_bundle() {
    const KEY: &str = "paillasse-reloaded-for-bundle";
    let Some(window) = web_sys::window() else {
        return;
    };
    let now = js_sys::Date::now();
    let storage = window.session_storage().ok().flatten();
    let last = storage
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|t| t.parse::<f64>().ok());
    if last.is_some_and(|t| now - t < 60_000.0) {
        return;
    }
    if let Some(s) = &storage {
        let _ = s.set_item(KEY, &now.to_string());
    }
    let _ = window.location().reload();
}
