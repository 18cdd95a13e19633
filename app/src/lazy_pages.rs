//! The pages loaded when first opened. Their code is cut out of the first download
//! (`cargo xtask build-frontend` splits the wasm at each `#[lazy]` function), so a
//! tablet's first load carries only the frame, the scan page and sign-in. Pages go in
//! three groups, one chunk each, rather than one chunk a page: code shared by pages would
//! otherwise be cut into hundreds of small files, each a request on a slow link. On the
//! server nothing is split: a page renders as before.

use leptos::lazy;
use leptos::prelude::*;
use leptos_router::LazyRoute;

/// The stock pages, what a lab manager opens.
#[derive(Clone, Copy)]
pub enum Inventory {
    Locations,
    Location,
    Products,
    Product,
    Lots,
    Lot,
    Samples,
    Sample,
    Instruments,
    Instrument,
    Alerts,
    Search,
    Print,
}

#[lazy]
fn inventory(page: Inventory) -> AnyView {
    use crate::{inventory::*, locations::*, print::PrintPage};
    match page {
        Inventory::Locations => view! { <LocationsPage/> }.into_any(),
        Inventory::Location => view! { <LocationPage/> }.into_any(),
        Inventory::Products => view! { <ProductsPage/> }.into_any(),
        Inventory::Product => view! { <ProductPage/> }.into_any(),
        Inventory::Lots => view! { <LotsPage/> }.into_any(),
        Inventory::Lot => view! { <LotPage/> }.into_any(),
        Inventory::Samples => view! { <SamplesPage/> }.into_any(),
        Inventory::Sample => view! { <SamplePage/> }.into_any(),
        Inventory::Instruments => view! { <InstrumentsPage/> }.into_any(),
        Inventory::Instrument => view! { <InstrumentPage/> }.into_any(),
        Inventory::Alerts => view! { <AlertsPage/> }.into_any(),
        Inventory::Search => view! { <SearchPage/> }.into_any(),
        Inventory::Print => view! { <PrintPage/> }.into_any(),
    }
}

/// The notebook, protocols and traces.
#[derive(Clone, Copy)]
pub enum Notebook {
    List,
    Entry,
    Protocols,
    Protocol,
    TraceStart,
    Trace,
}

#[lazy]
fn notebook(page: Notebook) -> AnyView {
    use crate::{notebook::*, trace::*};
    match page {
        Notebook::List => view! { <NotebookPage/> }.into_any(),
        Notebook::Entry => view! { <EntryPage/> }.into_any(),
        Notebook::Protocols => view! { <ProtocolsPage/> }.into_any(),
        Notebook::Protocol => view! { <ProtocolPage/> }.into_any(),
        Notebook::TraceStart => view! { <TraceStartPage/> }.into_any(),
        Notebook::Trace => view! { <TracePage/> }.into_any(),
    }
}

/// One's account, and the administration of people and teams.
#[derive(Clone, Copy)]
pub enum Admin {
    Account,
    Teams,
    People,
}

#[lazy]
fn admin(page: Admin) -> AnyView {
    use crate::{account::AccountPage, admin::*};
    match page {
        Admin::Account => view! { <AccountPage/> }.into_any(),
        Admin::Teams => view! { <TeamsPage/> }.into_any(),
        Admin::People => view! { <PeoplePage/> }.into_any(),
    }
}

/// One route type a page (`Lazy::<lazy_pages::Lot>`), showing its page once the group's
/// chunk is in. The router loads the chunk (`preload`) before it hydrates the page: a
/// page still waiting for its code when hydrated would not match the server's HTML.
macro_rules! lazy_routes {
    ($($route:ident => $load:ident($page:expr), $preload:ident;)*) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_: Self) -> AnyView {
                $load($page).await
            }

            async fn preload() {
                // Made by `#[lazy]` in the browser's build only; the server has no chunks.
                #[cfg(feature = "hydrate")]
                $preload().await;
            }
        }
    )*};
}

lazy_routes! {
    Locations => inventory(Inventory::Locations), __preload_inventory;
    Location => inventory(Inventory::Location), __preload_inventory;
    Products => inventory(Inventory::Products), __preload_inventory;
    Product => inventory(Inventory::Product), __preload_inventory;
    Lots => inventory(Inventory::Lots), __preload_inventory;
    Lot => inventory(Inventory::Lot), __preload_inventory;
    Samples => inventory(Inventory::Samples), __preload_inventory;
    Sample => inventory(Inventory::Sample), __preload_inventory;
    Instruments => inventory(Inventory::Instruments), __preload_inventory;
    Instrument => inventory(Inventory::Instrument), __preload_inventory;
    Alerts => inventory(Inventory::Alerts), __preload_inventory;
    Search => inventory(Inventory::Search), __preload_inventory;
    Print => inventory(Inventory::Print), __preload_inventory;
    NotebookList => notebook(Notebook::List), __preload_notebook;
    Entry => notebook(Notebook::Entry), __preload_notebook;
    Protocols => notebook(Notebook::Protocols), __preload_notebook;
    Protocol => notebook(Notebook::Protocol), __preload_notebook;
    TraceStart => notebook(Notebook::TraceStart), __preload_notebook;
    Trace => notebook(Notebook::Trace), __preload_notebook;
    Account => admin(Admin::Account), __preload_admin;
    Teams => admin(Admin::Teams), __preload_admin;
    People => admin(Admin::People), __preload_admin;
}
