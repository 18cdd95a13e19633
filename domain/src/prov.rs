//! A trace as W3C PROV in JSON-LD, so other provenance tools can read it: entries are
//! activities, lots, samples, instruments and protocol versions entities (a protocol
//! version is also a plan), people agents. The context is inline, so reading the file
//! needs no download.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::trace::{NodeKind, Relation, Trace, TraceNode};

const CONTEXT: &str = r#"{
  "prov": "http://www.w3.org/ns/prov#",
  "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
  "xsd": "http://www.w3.org/2001/XMLSchema#",
  "paillasse": "urn:paillasse:terms:"
}"#;

/// The JSON-LD document of a trace.
pub fn document(trace: &Trace) -> Value {
    let mut objects: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let ids: BTreeMap<&str, String> = trace
        .nodes
        .iter()
        .map(|n| (n.key.as_str(), node_id(n)))
        .collect();
    for node in &trace.nodes {
        objects.insert(node.key.clone(), describe(node, &ids[node.key.as_str()]));
    }
    for edge in &trace.edges {
        let (Some(from), true) = (
            ids.get(edge.from.as_str()),
            ids.contains_key(edge.to.as_str()),
        ) else {
            continue;
        };
        let reference = |id: &str| json!({ "@id": id });
        // (subject, property, object) in PROV's own reading direction.
        let (subject, property, object) = match edge.relation {
            Relation::Consumed | Relation::Input | Relation::UsedInstrument => {
                (&edge.to, "prov:used", reference(from))
            }
            Relation::Produced => (&edge.to, "prov:wasGeneratedBy", reference(from)),
            Relation::DerivedFrom => (&edge.to, "prov:wasDerivedFrom", reference(from)),
            Relation::FollowedProtocol => (
                &edge.to,
                "prov:qualifiedAssociation",
                json!({ "@type": "prov:Association", "prov:hadPlan": reference(from) }),
            ),
            Relation::Authored | Relation::Contributed | Relation::Witnessed => {
                let role = match edge.relation {
                    Relation::Authored => "author".to_owned(),
                    Relation::Witnessed => "witness".to_owned(),
                    _ => edge.role.clone().unwrap_or_else(|| "contributor".into()),
                };
                if let Some(activity) = objects.get_mut(&edge.to) {
                    push(activity, "prov:wasAssociatedWith", reference(from));
                }
                (
                    &edge.to,
                    "prov:qualifiedAssociation",
                    json!({
                        "@type": "prov:Association",
                        "prov:agent": reference(from),
                        "prov:hadRole": { "@id": format!("paillasse:role/{}", role.replace(' ', "_")) },
                    }),
                )
            }
        };
        if let Some(target) = objects.get_mut(subject.as_str()) {
            push(target, property, object);
        }
    }
    let context: Value = serde_json::from_str(CONTEXT).unwrap_or(Value::Null);
    json!({
        "@context": context,
        "@graph": objects.into_values().map(Value::Object).collect::<Vec<_>>(),
    })
}

/// A stable identifier: the thing's UUID as a URN; a blank node for what the reader may
/// not see (it must not be named).
fn node_id(node: &TraceNode) -> String {
    if node.restricted {
        format!("_:{}", node.id)
    } else {
        format!("urn:uuid:{}", node.id)
    }
}

fn describe(node: &TraceNode, id: &str) -> Map<String, Value> {
    let types: Vec<&str> = match node.kind {
        NodeKind::Entry => vec!["prov:Activity", "paillasse:Entry"],
        NodeKind::Sample => vec!["prov:Entity", "paillasse:Sample"],
        NodeKind::Lot => vec!["prov:Entity", "paillasse:Lot"],
        NodeKind::Instrument => vec!["prov:Entity", "paillasse:Instrument"],
        NodeKind::ProtocolVersion => vec!["prov:Entity", "prov:Plan", "paillasse:ProtocolVersion"],
        NodeKind::Person => vec!["prov:Agent", "prov:Person"],
    };
    let mut object = Map::new();
    object.insert("@id".into(), json!(id));
    object.insert("@type".into(), json!(types));
    if node.restricted {
        object.insert("rdfs:label".into(), json!("restricted"));
        return object;
    }
    if let Some(name) = &node.name {
        object.insert("rdfs:label".into(), json!(name));
    }
    if let Some(code) = &node.label_code {
        object.insert("paillasse:labelCode".into(), json!(code));
    }
    if let Some(lot) = &node.supplier_lot {
        object.insert("paillasse:supplierLot".into(), json!(lot));
    }
    if let Some(supplier) = &node.supplier {
        object.insert("paillasse:supplier".into(), json!(supplier));
    }
    if let Some(expiry) = node.expires_on {
        object.insert(
            "paillasse:expiresOn".into(),
            json!({ "@value": expiry.to_string(), "@type": "xsd:date" }),
        );
    }
    if let Some(at) = node.at {
        let property = match node.kind {
            NodeKind::Entry => "prov:startedAtTime",
            _ => "prov:generatedAtTime",
        };
        object.insert(
            property.into(),
            json!({ "@value": at.to_rfc3339(), "@type": "xsd:dateTime" }),
        );
    }
    for warning in &node.warnings {
        push(&mut object, "paillasse:warning", json!(warning));
    }
    object
}

/// Adds a value to a property that may hold several.
fn push(object: &mut Map<String, Value>, property: &str, value: Value) {
    match object.get_mut(property) {
        Some(Value::Array(list)) => list.push(value),
        Some(one) => {
            let first = one.take();
            *one = json!([first, value]);
        }
        None => {
            object.insert(property.into(), json!([value]));
        }
    }
}
