//! The hydrated UI in a real headless Chromium, one module per area of the app; the
//! helpers they share are methods of [`paillasse_tests::Browser`]. Screenshots land in
//! `target/browser-screenshots/`.

mod accounts;
mod bench;
mod english;
mod fit;
mod inventory;
mod labels;
mod layout;
mod locations;
mod markup;
mod notebook;
mod scan;
mod search;
mod trace;
