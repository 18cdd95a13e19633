use domain::lot::LotStatus;
use domain::quantity::Unit;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "lots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub team_id: Uuid,
    pub created_by: Option<Uuid>,
    pub product_id: Uuid,
    pub location_id: Option<Uuid>,
    pub label_code: String,
    pub supplier_lot: Option<String>,
    pub received_on: Date,
    pub opened_on: Option<Date>,
    pub expires_on: Option<Date>,
    pub quantity: i64,
    pub unit: Unit,
    pub status: LotStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
