//! Photos and files attached to an entry.

use domain::{
    access::{self, Access},
    attachment::Attachment,
    person::Person,
};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::rows::{access_to, find, KIND};
use crate::{
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
    access::require(
        access_to(&txn, person, &row).await?,
        Access::Write,
        KIND.as_str(),
    )?;
    row.status.require_draft()?;
    let owner = Owner {
        kind: KIND,
        id,
        team_id: row.team_id,
    };
    let attachment = attachments::keep(&txn, files, person, owner, incoming).await?;
    audit::record(
        &txn,
        person,
        KIND.as_str(),
        "entry.attach",
        id,
        None,
        &attachment,
    )
    .await?;
    txn.commit().await?;
    Ok(attachment)
}

/// The files attached to an entry, oldest first.
pub async fn attachments_of(
    db: &DatabaseConnection,
    person: &Person,
    id: Uuid,
) -> Result<Vec<Attachment>> {
    let row = find(db, id).await?;
    access::require(
        access_to(db, person, &row).await?,
        Access::Read,
        KIND.as_str(),
    )?;
    attachments::of(db, KIND, id).await
}
