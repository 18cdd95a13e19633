//! An attached file by its id, for whoever may read the thing it belongs to.

use std::sync::Arc;

use domain::{attachment::Attachment, person::Person};
use sea_orm::DatabaseConnection;
use uuid::Uuid;

use super::{hidden_as, require_read, stored_kind};
use crate::{attachments, error::Result, files::FileStore};

/// An attachment's description; "attachment not found" when its owner may not be read.
pub async fn get(db: &DatabaseConnection, person: &Person, id: Uuid) -> Result<Attachment> {
    let found = attachments::find(db, id).await?;
    let owner = stored_kind("attachments.owner_kind", &found.owner_kind)?;
    require_read(db, person, owner, found.owner_id)
        .await
        .map_err(hidden_as("attachment"))?;
    Ok(found)
}

/// An attachment and its content, checked against its hash.
pub async fn read(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
) -> Result<(Attachment, Vec<u8>)> {
    let attachment = get(db, person, id).await?;
    let bytes = files.get(&attachment.sha256).await?;
    Ok((attachment, bytes))
}

/// A small PNG of an image attachment (see [`attachments::thumbnail_of`]).
pub async fn thumbnail(
    db: &DatabaseConnection,
    files: &FileStore,
    person: &Person,
    id: Uuid,
) -> Result<Arc<Vec<u8>>> {
    let found = get(db, person, id).await?;
    attachments::thumbnail_of(files, &found).await
}
