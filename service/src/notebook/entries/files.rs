//! Photos and files attached to an entry.

use domain::{access::Access, attachment::Attachment, person::Person};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::rows::{find, KIND};
use crate::{
    accounts::permissions,
    attachments::{self, Incoming, Owner},
    audit,
    error::Result,
    files::FileStore,
    write,
};

/// Attaches a file (an image from the tablet's camera, a data file) to an entry; images
/// can then be shown in its body (`![…](/api/v1/attachments/ID)`). A signed entry takes
/// no more (409): a later file belongs to a new entry.
pub async fn attach(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
    incoming: Incoming,
) -> Result<Attachment> {
    let txn = write::begin(db).await?;
    let row = find(&txn, id).await?;
    permissions::require(&txn, person, &row, Access::Write).await?;
    row.status.require_draft()?;
    let owner = Owner {
        kind: KIND,
        id,
        team_id: row.team_id,
    };
    let attachment = attachments::keep(&txn, files, person, owner, incoming).await?;
    audit::commit(txn, person, KIND, "entry.attach", id, None, attachment).await
}

/// The files attached to an entry, oldest first.
pub async fn attachments_of(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Attachment>> {
    let row = find(db, id).await?;
    permissions::require(db, person, &row, Access::Read).await?;
    attachments::of(db, KIND, id).await
}
