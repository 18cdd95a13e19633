use super::*;

#[test]
fn windows_take_days_or_times_and_must_be_in_order() {
    let q = TraceQuery::parse(
        Some("forward"),
        None,
        Some("2026-03-03"),
        Some("2026-03-20"),
    )
    .unwrap();
    assert_eq!(q.from.unwrap().to_rfc3339(), "2026-03-03T00:00:00+00:00");
    assert_eq!(
        q.to.unwrap().to_rfc3339(),
        "2026-03-20T23:59:59.999999+00:00"
    );
    let q = TraceQuery::parse(None, Some("5"), Some("2026-03-03T10:00:00Z"), None).unwrap();
    assert_eq!((q.direction, q.max_depth), (Direction::Backward, 5));
    let err = TraceQuery::parse(
        Some("sideways"),
        Some("0"),
        Some("2026-03-20"),
        Some("2026-03-03"),
    )
    .unwrap_err();
    let fields: Vec<_> = err.field_errors().iter().map(|e| e.field.clone()).collect();
    assert_eq!(fields, ["direction", "max_depth", "to"]);
}

#[test]
fn paths_follow_the_direction_of_the_trace() {
    let node = |key: &str| TraceNode {
        kind: NodeKind::Sample,
        id: key.into(),
        key: key.into(),
        label_code: None,
        name: None,
        restricted: false,
        depth: 0,
        at: None,
        supplier: None,
        supplier_lot: None,
        expires_on: None,
        warnings: vec![],
        notices: vec![],
    };
    let edge = |from: &str, to: &str| TraceEdge {
        from: from.into(),
        to: to.into(),
        relation: Relation::DerivedFrom,
        role: None,
        quantity: None,
        unit: None,
        started_at: None,
        ended_at: None,
        warning: None,
        notices: vec![],
    };
    let trace = Trace {
        start: "c".into(),
        direction: Direction::Backward,
        nodes: vec![node("a"), node("b"), node("c")],
        edges: vec![edge("a", "b"), edge("b", "c")],
        restricted: 0,
    };
    let paths = trace.paths();
    let captions = trace.captions_by_index();
    assert_eq!(Trace::path_text(&paths, &captions, 0, " > "), "c > b > a");
}

#[test]
fn long_paths_show_their_head_and_tail() {
    let node = |key: String| TraceNode {
        kind: NodeKind::Sample,
        id: key.clone(),
        key,
        label_code: None,
        name: None,
        restricted: false,
        depth: 0,
        at: None,
        supplier: None,
        supplier_lot: None,
        expires_on: None,
        warnings: vec![],
        notices: vec![],
    };
    let edge = |from: usize, to: usize| TraceEdge {
        from: format!("s{from}"),
        to: format!("s{to}"),
        relation: Relation::DerivedFrom,
        role: None,
        quantity: None,
        unit: None,
        started_at: None,
        ended_at: None,
        warning: None,
        notices: vec![],
    };
    // A chain of 1,000 samples, each with ten aliquots at its end.
    let mut nodes: Vec<TraceNode> = (0..1000).map(|i| node(format!("s{i}"))).collect();
    let mut edges: Vec<TraceEdge> = (1..1000).map(|i| edge(i - 1, i)).collect();
    for j in 0..10 {
        nodes.push(node(format!("s{}", 1000 + j)));
        edges.push(edge(999, 1000 + j));
    }
    let trace = Trace {
        start: "s0".into(),
        direction: Direction::Forward,
        nodes,
        edges,
        restricted: 0,
    };
    let paths = trace.paths();
    let captions = trace.captions_by_index();
    assert_eq!(
        Trace::path_text(&paths, &captions, 1005, ">"),
        "s0>s1>…>s993>s994>s995>s996>s997>s998>s999>s1005"
    );
    assert_eq!(Trace::path_text(&paths, &captions, 3, ">"), "s0>s1>s2>s3");
}
