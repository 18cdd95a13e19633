use domain::ledger::MovementKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "movements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub lot_id: Uuid,
    pub kind: MovementKind,
    pub delta: i64,
    pub reason: Option<String>,
    pub person_id: Option<Uuid>,
    pub at: DateTimeUtc,
    /// The notebook entry that caused it, if one did.
    pub entry_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
