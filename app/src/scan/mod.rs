//! The scan page, the technician's main screen on a tablet: the back camera decodes
//! labels in the browser, and a USB or Bluetooth scanner (a keyboard that types a code
//! and Enter) works at any time through the always-ready code box. Modes:
//! - *open*: go to the thing;
//! - *move here*: scan a location, then each lot or sample to put there;
//! - *receive*: scan an earlier lot's label to receive another like it (the product's
//!   receive form, its unit and place chosen), print the new label, and scan it to check
//!   it reads back to the new lot before it goes on the shelf;
//! - *add to entry* (opened from a notebook entry): each scanned lot (with the quantity
//!   given above), sample or instrument becomes one of the entry's usages.
//!
//! Without a camera (refused, or none), a photo taken with the device's camera app is
//! decoded on the server; without JavaScript, the code box still opens what it names.

mod api;
#[cfg(feature = "hydrate")]
mod camera;
mod page;
mod pending;
mod results;

pub use page::ScanPage;
