use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn unit(s: &str) -> Unit {
    Unit::parse("unit", s).unwrap()
}

fn litres(left: f64) -> LotFacts {
    LotFacts {
        left: Quantity::positive("q", left, unit("L")).unwrap().steps,
        unit: unit("L"),
        status: LotStatus::InUse,
        expires_on: None,
    }
}

#[test]
fn a_blank_unit_is_refused_never_taken_as_the_lots() {
    let err = typed_amount("2", "", Dimension::Volume).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "unit");
    assert_eq!(err.field_errors()[0].code, "required");
    let err = typed_amount("", "mL", Dimension::Volume).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "quantity");
    let err = typed_amount("2", "g", Dimension::Volume).unwrap_err();
    assert_eq!(err.field_errors()[0].code, "wrong_dimension");
    assert_eq!(
        typed_amount("2,5", "ml", Dimension::Volume).unwrap(),
        Quantity::positive("q", 2.5, unit("mL")).unwrap()
    );
}

#[test]
fn more_than_half_or_than_the_limit_asks_for_a_tap() {
    let policy = ConfirmPolicy::parse("500 mL").unwrap();
    let today = d("2026-06-01");
    let take = |v: f64, u: &str| Some(Quantity::positive("q", v, unit(u)).unwrap());
    // 2 mL of 2.5 L: nothing to say.
    assert_eq!(check_lot(&litres(2.5), take(2.0, "mL"), today, &policy), []);
    // 2 L of 2.5 L: 80 %, and over the 500 mL limit.
    assert_eq!(
        check_lot(&litres(2.5), take(2.0, "L"), today, &policy),
        [
            UseNotice::LargeShare { percent: 80 },
            UseNotice::AboveLimit {
                limit: "500 mL".into()
            }
        ]
    );
    // Half exactly is not more than half.
    assert_eq!(
        check_lot(&litres(0.8), take(400.0, "mL"), today, &policy),
        []
    );
    // No limit for masses here: only the half rule.
    let grams = LotFacts {
        left: Quantity::positive("q", 10.0, unit("kg")).unwrap().steps,
        unit: unit("kg"),
        ..litres(1.0)
    };
    assert_eq!(check_lot(&grams, take(2.0, "kg"), today, &policy), []);
    // More than is left cannot happen.
    let notices = check_lot(&litres(0.5), take(2.0, "L"), today, &policy);
    assert_eq!(
        notices,
        [UseNotice::MoreThanLeft {
            left: "500 mL".into()
        }]
    );
    assert!(notices[0].blocks());
}

#[test]
fn expired_and_quarantined_lots_are_said_at_once() {
    let policy = ConfirmPolicy::default();
    let lot = LotFacts {
        expires_on: Some(d("2026-05-31")),
        status: LotStatus::Quarantined,
        ..litres(1.0)
    };
    let notices = check_lot(&lot, None, d("2026-06-01"), &policy);
    assert_eq!(
        notices,
        [
            UseNotice::LotQuarantined,
            UseNotice::LotExpired {
                expires_on: d("2026-05-31")
            }
        ]
    );
    assert!(notices[0].blocks() && !notices[1].blocks() && notices[1].is_kept());
    // Expiring today is still usable today.
    let today = LotFacts {
        expires_on: Some(d("2026-06-01")),
        ..litres(1.0)
    };
    assert_eq!(check_lot(&today, None, d("2026-06-01"), &policy), []);
}

#[test]
fn instruments_warn_when_lapsed_never_calibrated_or_unavailable() {
    let on = d("2026-06-01");
    assert_eq!(
        check_instrument(
            (CalibrationState::Valid, on),
            &[InstrumentStatus::Available]
        ),
        []
    );
    assert_eq!(
        check_instrument(
            (CalibrationState::Lapsed, on),
            &[InstrumentStatus::Available, InstrumentStatus::InMaintenance]
        ),
        [
            UseNotice::CalibrationLapsed { on },
            UseNotice::InstrumentUnavailable {
                status: InstrumentStatus::InMaintenance
            }
        ]
    );
    assert_eq!(
        check_instrument((CalibrationState::None, on), &[InstrumentStatus::Available])[0].english(),
        "never calibrated"
    );
}

#[test]
fn the_preview_says_what_will_remain_for_each_amount_typed() {
    let preview = UsePreview {
        kind: crate::kind::Kind::Lot,
        thing_id: Uuid::nil(),
        label_code: "7KQ3-9XZ2".into(),
        name: "Ethanol".into(),
        lot: Some(LotStock::of(&litres(2.5))),
        unit: Some("mL".into()),
        units: vec!["µL".into(), "mL".into(), "L".into()],
        supplier_lot: None,
        expires_on: None,
        today: d("2026-06-01"),
        policy: ConfirmPolicy::default(),
        notices: vec![],
    };
    let two_ml = preview.plan("2", "mL");
    assert_eq!(
        two_ml.take,
        Some(Amount {
            value: 2.0,
            unit: "mL".into()
        })
    );
    assert_eq!(
        two_ml.remaining,
        Some(Amount {
            value: 2.498,
            unit: "L".into()
        })
    );
    assert!(!two_ml.asks_confirmation());
    let two_l = preview.plan("2", "L");
    assert_eq!(
        two_l.remaining,
        Some(Amount {
            value: 500.0,
            unit: "mL".into()
        })
    );
    assert!(two_l.asks_confirmation() && !two_l.blocked());
    let blank = preview.plan("2", "");
    assert_eq!(blank.take, None);
    assert_eq!(blank.problem.unwrap().field, "unit");
    assert!(preview.plan("3", "L").blocked());
}

#[test]
fn notices_cross_the_wire_as_codes_with_values() {
    let json = serde_json::to_value(UseNotice::LotExpired {
        expires_on: d("2026-05-31"),
    })
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({"code": "lot_expired", "expires_on": "2026-05-31"})
    );
    assert!(ConfirmPolicy::parse("lots").is_err());
    assert!(ConfirmPolicy::parse("5 furlongs").is_err());
}
