//! Instruments: the list (search, register one) and one instrument with its records; the
//! calibration badge both show.

mod api;
mod calibration;
mod list;
mod page;

pub use list::InstrumentsPage;
pub use page::InstrumentPage;
