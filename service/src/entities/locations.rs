use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "locations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    pub parent_id: Option<Uuid>,
    pub label_code: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub grid_rows: Option<i16>,
    pub grid_cols: Option<i16>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
