use domain::product::ProductKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "products")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub name: String,
    pub kind: ProductKind,
    pub cas: Option<String>,
    pub supplier: Option<String>,
    pub catalog_number: Option<String>,
    pub hazards: String,
    pub reorder_level: Option<i64>,
    pub reorder_unit: Option<String>,
    pub sds_attachment_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
