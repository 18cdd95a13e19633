use domain::entry::EntryStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub notebook_id: Uuid,
    pub number: i32,
    pub team_id: Uuid,
    pub author_id: Option<Uuid>,
    pub title: String,
    pub body: String,
    pub tags: String,
    pub entry_date: Date,
    pub status: EntryStatus,
    pub revision: i32,
    pub content_sha256: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
