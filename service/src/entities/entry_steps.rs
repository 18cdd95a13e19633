use sea_orm::entity::prelude::*;

/// A step of a followed protocol, done on an entry.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry_steps")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub entry_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub protocol_version_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub step: i32,
    pub done_by: Option<Uuid>,
    pub done_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
