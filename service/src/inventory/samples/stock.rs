//! A sample in the one stock ledger.

use chrono::{SubsecRound, Utc};
use domain::{
    ledger::Stock,
    person::Person,
    quantity::Unit,
    sample::{Sample, SampleMovement, SampleStatus},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::{
    entities::{sample_movements, samples},
    error::Result,
    inventory::ledger::{Holder, Line},
    inventory::samples::{rows::find, view::with_parents},
    write,
};

/// A sample in the one stock ledger: its lines are in `sample_movements`.
impl Holder for samples::Model {
    type Status = SampleStatus;
    type Shown = SampleMovement;
    type View = Sample;

    async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Self> {
        find(db, id).await
    }

    fn stock(&self) -> Stock<SampleStatus> {
        Stock {
            left: self.quantity,
            unit: self.unit,
            status: self.status,
        }
    }

    async fn save(self, db: &impl ConnectionTrait, stock: Stock<SampleStatus>) -> Result<Self> {
        let updated = samples::Model {
            quantity: stock.left,
            status: stock.status,
            updated_at: Utc::now().trunc_subsecs(6),
            ..self
        };
        write::replace(db, updated.clone()).await?;
        Ok(updated)
    }

    async fn view(&self, db: &impl ConnectionTrait, person: &Person) -> Result<Sample> {
        with_parents(db, person, self.clone()).await
    }

    async fn insert_line(db: &impl ConnectionTrait, line: &Line) -> Result<()> {
        let model = sample_movements::Model {
            id: line.id,
            sample_id: line.holder,
            kind: line.kind,
            delta: line.delta,
            reason: line.reason.clone(),
            person_id: line.person_id,
            at: line.at,
        };
        sample_movements::Entity::insert(sample_movements::ActiveModel::from(model))
            .exec_without_returning(db)
            .await?;
        Ok(())
    }

    async fn find_line(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Line>> {
        Ok(sample_movements::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(line))
    }

    async fn lines_of(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Line>> {
        Ok(sample_movements::Entity::find()
            .filter(sample_movements::Column::SampleId.eq(id))
            .order_by_asc(sample_movements::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(line)
            .collect())
    }

    fn show(line: Line, unit: Unit) -> SampleMovement {
        SampleMovement {
            id: line.id,
            sample_id: line.holder,
            kind: line.kind,
            change: unit.value_of(line.delta),
            unit: unit.symbol.to_owned(),
            reason: line.reason,
            by: line.person_id,
            at: line.at,
        }
    }
}

fn line(m: sample_movements::Model) -> Line {
    Line {
        id: m.id,
        holder: m.sample_id,
        kind: m.kind,
        delta: m.delta,
        reason: m.reason,
        person_id: m.person_id,
        at: m.at,
        entry_id: None,
    }
}
