use domain::entry::UsageKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "entry_usages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub entry_id: Uuid,
    pub kind: UsageKind,
    pub lot_id: Option<Uuid>,
    pub protocol_version_id: Option<Uuid>,
    pub movement_id: Option<Uuid>,
    pub sample_id: Option<Uuid>,
    pub instrument_id: Option<Uuid>,
    pub started_at: Option<DateTimeUtc>,
    pub ended_at: Option<DateTimeUtc>,
    pub warning: Option<String>,
    /// Lots: the unit the person gave the quantity in.
    pub unit: Option<String>,
    /// The warnings shown when it was added, as `[{"code","args"}]`.
    pub warnings: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// A usage of `kind` by `entry_id` naming nothing yet: the caller sets what it uses.
    pub fn of_kind(entry_id: Uuid, kind: UsageKind, by: Uuid, at: DateTimeUtc) -> Self {
        Self {
            id: Uuid::now_v7(),
            entry_id,
            kind,
            lot_id: None,
            protocol_version_id: None,
            movement_id: None,
            sample_id: None,
            instrument_id: None,
            started_at: None,
            ended_at: None,
            warning: None,
            unit: None,
            warnings: None,
            created_by: Some(by),
            created_at: at,
        }
    }
}
