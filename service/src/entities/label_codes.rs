use domain::kind::Kind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "label_codes")]
pub struct Model {
    /// Canonical printed form (`7KQ3-9XZ2`), as `labels::LabelCode` displays it.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub kind: Kind,
    pub target_id: Uuid,
    pub created_at: DateTimeUtc,
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
