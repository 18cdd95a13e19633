//! Who asks for a usage — a script through the API or a person at the bench — and so
//! what it takes to record it.

use domain::{
    bench::{ConfirmPolicy, UseNotice},
    quantity::{Quantity, Unit},
    DomainError, FieldError,
};

use crate::error::Result;

/// Who asks for a usage, and so what it takes to record it.
#[derive(Debug, Clone)]
pub enum Asked {
    /// A script through the REST API: recorded as asked (a missing unit is the lot's, as
    /// the API has always read it), warnings kept on the usage.
    Api,
    /// A person at the bench: the unit must be given, and notices need `confirmed`.
    Bench {
        confirmed: bool,
        policy: ConfirmPolicy,
    },
}

impl Asked {
    pub(crate) fn policy(&self) -> &ConfirmPolicy {
        const NONE: ConfirmPolicy = ConfirmPolicy {
            share: f64::INFINITY,
            limits: [None; 4],
        };
        match self {
            Self::Api => &NONE,
            Self::Bench { policy, .. } => policy,
        }
    }

    /// The amount asked for and the unit it was given in.
    pub(crate) fn amount(
        &self,
        quantity: f64,
        unit: Option<&str>,
        lot_unit: Unit,
    ) -> Result<(Quantity, Unit)> {
        let given = match (unit.map(str::trim).filter(|u| !u.is_empty()), self) {
            (Some(raw), _) => {
                let u = Unit::parse("unit", raw)?;
                Quantity::same_dimension("unit", lot_unit.dimension, u)?;
                u
            }
            (None, Self::Api) => lot_unit,
            (None, Self::Bench { .. }) => {
                return Err(DomainError::invalid("unit", "required", "say the unit").into())
            }
        };
        Ok((Quantity::positive("quantity", quantity, given)?, given))
    }

    /// Refuses what cannot happen, and at the bench what was not confirmed. 409, naming
    /// `confirmed` with each notice's code, so the page can ask.
    pub(crate) fn allow(&self, notices: &[UseNotice]) -> Result<()> {
        let needs = match self {
            // The ledger refuses a blocked lot with its own words.
            Self::Api => return Ok(()),
            Self::Bench { confirmed, .. } => notices
                .iter()
                .filter(|n| n.blocks() || !confirmed)
                .collect::<Vec<_>>(),
        };
        if needs.is_empty() {
            return Ok(());
        }
        Err(DomainError::Conflict(
            needs
                .iter()
                .map(|n| {
                    let field = if n.blocks() { "quantity" } else { "confirmed" };
                    FieldError::new(field, n.code(), n.english())
                })
                .collect(),
        )
        .into())
    }
}
