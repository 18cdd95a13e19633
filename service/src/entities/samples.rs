use domain::quantity::Unit;
use domain::sample::SampleStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "samples")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub label_code: String,
    pub name: String,
    pub sample_type: Option<String>,
    pub location_id: Option<Uuid>,
    pub quantity: i64,
    pub unit: Unit,
    pub status: SampleStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
