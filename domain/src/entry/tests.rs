use super::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

#[test]
fn content_is_normalised_and_hashed_in_a_fixed_form() {
    let c = Content::check(
        " PCR of #12 ",
        "a\r\nb",
        &["  #PCR".into(), "pcr".into(), "Gel".into()],
        day(),
    )
    .unwrap();
    assert_eq!(c.title, "PCR of #12");
    assert_eq!(c.body, "a\nb");
    assert_eq!(c.tags, ["pcr", "gel"]);
    assert_eq!(c.canonical(), c.clone().canonical());
    let err =
        Content::check(" ", &"x".repeat(MAX_BODY_BYTES + 1), &["a,b".into()], day()).unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["title", "body", "tags"]);
}

#[test]
fn a_usage_request_names_what_is_missing_or_contradictory() {
    let both = NewUsage {
        lot_id: Some(Uuid::nil()),
        sample_id: Some(Uuid::nil()),
        ..Default::default()
    };
    assert_eq!(both.read().unwrap_err().field_errors()[0].code, "one_of");
    let lot = NewUsage {
        lot_id: Some(Uuid::nil()),
        ..Default::default()
    };
    assert_eq!(lot.read().unwrap_err().field_errors()[0].field, "quantity");
    let t = |h| {
        DateTime::parse_from_rfc3339(&format!("2026-11-30T{h:02}:00:00Z"))
            .unwrap()
            .with_timezone(&Utc)
    };
    let window = NewUsage {
        instrument_id: Some(Uuid::nil()),
        started_at: Some(t(10)),
        ended_at: Some(t(9)),
        ..Default::default()
    };
    assert_eq!(
        window.read().unwrap_err().field_errors()[0].field,
        "ended_at"
    );
    let output = NewUsage {
        name: Some("Eluate".into()),
        quantity: Some(1.0),
        unit: Some("mL".into()),
        ..Default::default()
    };
    assert!(matches!(
        output.read().unwrap(),
        UsageRequest::NewOutput { .. }
    ));
    let bad_relation = NewUsage {
        relation: Some("brewed".into()),
        ..output.clone()
    };
    assert_eq!(
        bad_relation.read().unwrap_err().field_errors()[0].field,
        "relation"
    );
    let bad_role = NewUsage {
        sample_id: Some(Uuid::nil()),
        role: Some("catalyst".into()),
        ..Default::default()
    };
    assert_eq!(bad_role.read().unwrap_err().field_errors()[0].field, "role");
}
