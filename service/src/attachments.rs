//! Attachments belong to one thing (a product's safety data sheet, a calibration
//! record's certificate, a notebook entry's images): whoever may read the thing may read
//! its files (`things::attachments` checks that). The content goes to the [`FileStore`]; the row that names it is
//! written in the caller's transaction, with the thing's change and its audit record.

use std::sync::Arc;

use chrono::{SubsecRound, Utc};
use domain::{
    attachment::{check_upload, Attachment},
    kind::Kind,
    person::Person,
    DomainError,
};
use sea_orm::{ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::{entities::attachments, error::Result, files::FileStore};

/// A file as it arrived.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// The thing a new attachment belongs to.
pub(crate) struct Owner {
    pub kind: Kind,
    pub id: Uuid,
    pub team_id: Uuid,
}

/// Checks `incoming`, keeps its content and writes its row in `txn`.
pub(crate) async fn keep(
    txn: &impl ConnectionTrait,
    files: &FileStore,
    person: &Person,
    owner: Owner,
    incoming: Incoming,
) -> Result<Attachment> {
    let size = incoming.bytes.len() as u64;
    if size > files.max_bytes {
        return Err(DomainError::TooLarge(vec![domain::FieldError::new(
            "file",
            "too_large",
            format!(
                "is {:.1} MB; the limit is {:.1} MB",
                size as f64 / 1e6,
                files.max_bytes as f64 / 1e6
            ),
        )])
        .into());
    }
    let upload = check_upload(
        incoming.filename.as_deref(),
        incoming.content_type.as_deref(),
        &incoming.bytes,
    )?;
    let sha256 = files.put(incoming.bytes).await?;
    let model = attachments::Model {
        id: Uuid::now_v7(),
        owner_kind: owner.kind,
        owner_id: owner.id,
        team_id: owner.team_id,
        created_by: Some(person.id),
        sha256,
        size: size as i64,
        content_type: upload.content_type,
        filename: upload.filename,
        created_at: Utc::now().trunc_subsecs(6),
    };
    attachments::Entity::insert(attachments::ActiveModel::from(model.clone()))
        .exec_without_returning(txn)
        .await?;
    Ok(into_dto(model))
}

/// The attachments of one thing, oldest first (the caller has checked it may read it).
pub(crate) async fn of(
    db: &impl ConnectionTrait,
    owner_kind: Kind,
    owner_id: Uuid,
) -> Result<Vec<Attachment>> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(attachments::Entity::find()
        .filter(attachments::Column::OwnerKind.eq(owner_kind.as_str()))
        .filter(attachments::Column::OwnerId.eq(owner_id))
        .order_by_asc(attachments::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(into_dto)
        .collect())
}

/// A small PNG of an image attachment (longest side 320 px), for lists and previews;
/// 422 `file` for what is not an image or is too large to decode. Made once per image,
/// a few images at a time, each within the decoder's size limits.
pub(crate) async fn thumbnail_of(files: &FileStore, found: &Attachment) -> Result<Arc<Vec<u8>>> {
    if !found.content_type.starts_with("image/") {
        return Err(
            DomainError::invalid("file", "not_an_image", "only images have thumbnails").into(),
        );
    }
    if let Some(made) = files.thumbnails.get(&found.sha256) {
        return Ok(made);
    }
    let bytes = files.get(&found.sha256).await?;
    let _turn = files.image_turn().await;
    let png = tokio::task::spawn_blocking(move || {
        let image = labels::decode::open_image(&bytes).map_err(|e| match e {
            labels::decode::PhotoError::TooLarge => {
                DomainError::invalid("file", "too_large", e.to_string())
            }
            _ => DomainError::invalid("file", "not_an_image", "the image cannot be read"),
        })?;
        let mut png = Vec::new();
        image
            .thumbnail(320, 320)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .map_err(|e| crate::ServiceError::Storage(e.to_string()))?;
        Ok::<_, crate::ServiceError>(Arc::new(png))
    })
    .await
    .map_err(|e| crate::ServiceError::Storage(e.to_string()))??;
    files.thumbnails.insert(found.sha256.clone(), png.clone());
    Ok(png)
}

/// The row of one attachment, whoever may read it (the caller checks its owner).
pub(crate) async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Attachment> {
    Ok(into_dto(
        attachments::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or_else(|| DomainError::not_found("attachment"))?,
    ))
}

fn into_dto(m: attachments::Model) -> Attachment {
    Attachment {
        id: m.id,
        owner_kind: m.owner_kind.as_str().to_owned(),
        owner_id: m.owner_id,
        team_id: m.team_id,
        created_by: m.created_by,
        sha256: m.sha256,
        size: m.size.max(0) as u64,
        content_type: m.content_type,
        filename: m.filename,
        created_at: m.created_at,
    }
}
