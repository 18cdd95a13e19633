//! What a printed label code names: the answer of `GET /api/v1/labels/{code}`, of the
//! `/l/{code}` redirect, and what a printed label shows.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::kind::Kind;

/// A thing found by its label code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LabelTarget {
    /// lot, sample, instrument or location.
    pub kind: Kind,
    pub id: Uuid,
    /// The code asked about, in its printed form (`7KQ3-9XZ2`).
    pub label_code: String,
    /// The thing's current code: another one when the thing was relabelled.
    pub current_code: String,
    /// The asked code was replaced by a new label; it still finds the thing.
    pub retired: bool,
    /// The thing's name; for a lot, its product's.
    pub name: String,
    /// The one or two facts printed under the name (lot number, expiry, serial…).
    pub fields: Vec<String>,
    /// The thing's page in the web application.
    pub path: String,
}
