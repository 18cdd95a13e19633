//! Traceability: what went into a result (backward) and what a lot, sample, instrument
//! window or person touched (forward), as a graph of nodes and edges.
//!
//! Edges always point downstream, the way material and time flow: a lot `consumed` →
//! the entry, a sample `input` → the entry, the entry `produced` → a sample, a parent
//! sample `derived_from` → its child, an instrument `used_instrument` → the entry, a
//! protocol version `followed_protocol` → the entry, a person `authored` /
//! `contributed` / `witnessed` → the entry. So a drawing left to right reads in time.

use std::collections::{HashMap, VecDeque};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{kind::Kind, DomainError};

/// How deep a trace goes when the request does not say (generations of samples and
/// entries); deep enough for any real lineage, bounded so a request cannot run away.
pub const DEFAULT_MAX_DEPTH: u32 = 200;
pub const MAX_DEPTH: u32 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Entry,
    Sample,
    Lot,
    Instrument,
    Person,
    ProtocolVersion,
}

impl NodeKind {
    pub const ALL: [NodeKind; 6] = [
        Self::Entry,
        Self::Sample,
        Self::Lot,
        Self::Instrument,
        Self::Person,
        Self::ProtocolVersion,
    ];

    pub fn as_str(self) -> &'static str {
        self.kind().as_str()
    }

    /// The kind in a trace address (`/trace/{kind}/{id}`); the error names `kind`.
    pub fn parse(raw: &str) -> Result<Self, DomainError> {
        let wanted = raw.trim().to_lowercase().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == wanted)
            .ok_or_else(|| {
                DomainError::invalid(
                    "kind",
                    "invalid",
                    "must be entry, sample, lot, instrument, person or protocol_version",
                )
            })
    }

    /// The node of a thing of `kind`; `None` for kinds a trace does not go through.
    pub fn of(kind: Kind) -> Option<Self> {
        Self::ALL.into_iter().find(|n| n.kind() == kind)
    }

    /// The kind of thing this node is.
    pub fn kind(self) -> Kind {
        match self {
            Self::Entry => Kind::Entry,
            Self::Sample => Kind::Sample,
            Self::Lot => Kind::Lot,
            Self::Instrument => Kind::Instrument,
            Self::Person => Kind::Person,
            Self::ProtocolVersion => Kind::ProtocolVersion,
        }
    }

    /// The page that shows one thing of this kind.
    pub fn page(self, id: &str) -> Option<String> {
        self.kind().folder().map(|folder| format!("/{folder}/{id}"))
    }

    /// Where a node of a trace leads: its thing's page, or, for what has none (a person,
    /// a protocol version), its own trace.
    pub fn link(self, id: &str) -> String {
        self.page(id)
            .unwrap_or_else(|| format!("/trace/{}/{id}", self.as_str()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Consumed,
    Input,
    Produced,
    DerivedFrom,
    UsedInstrument,
    FollowedProtocol,
    Authored,
    Contributed,
    Witnessed,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Consumed => "consumed",
            Self::Input => "input",
            Self::Produced => "produced",
            Self::DerivedFrom => "derived_from",
            Self::UsedInstrument => "used_instrument",
            Self::FollowedProtocol => "followed_protocol",
            Self::Authored => "authored",
            Self::Contributed => "contributed",
            Self::Witnessed => "witnessed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Provenance: everything upstream.
    #[default]
    Backward,
    /// Impact: everything downstream.
    Forward,
}

impl Direction {
    pub fn parse(raw: Option<&str>) -> Result<Self, DomainError> {
        match raw.map(str::trim).unwrap_or("") {
            "" | "backward" => Ok(Self::Backward),
            "forward" => Ok(Self::Forward),
            _ => Err(DomainError::invalid(
                "direction",
                "invalid",
                "must be backward or forward",
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backward => "backward",
            Self::Forward => "forward",
        }
    }
}

/// A checked trace request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceQuery {
    pub direction: Direction,
    pub max_depth: u32,
    /// For instruments and people: only what happened in this window (both ends
    /// included).
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl TraceQuery {
    /// Reads the query string's values; each refusal names its parameter.
    pub fn parse(
        direction: Option<&str>,
        max_depth: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Self, DomainError> {
        let mut errors = Vec::new();
        let direction = Direction::parse(direction)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok();
        let max_depth = match max_depth.map(str::trim).filter(|r| !r.is_empty()) {
            None => Some(DEFAULT_MAX_DEPTH),
            Some(raw) => match raw.parse::<u32>() {
                Ok(n) if (1..=MAX_DEPTH).contains(&n) => Some(n),
                _ => {
                    errors.push(crate::FieldError::new(
                        "max_depth",
                        "out_of_range",
                        format!("must be a whole number from 1 to {MAX_DEPTH}"),
                    ));
                    None
                }
            },
        };
        let from = moment("from", from, NaiveTime::MIN)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok()
            .flatten();
        let last = NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap_or(NaiveTime::MIN);
        let to = moment("to", to, last)
            .map_err(|e| errors.extend(e.field_errors().iter().cloned()))
            .ok()
            .flatten();
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                errors.push(crate::FieldError::new(
                    "to",
                    "before_start",
                    "must not be before from",
                ));
            }
        }
        match (direction, max_depth) {
            (Some(direction), Some(max_depth)) if errors.is_empty() => Ok(Self {
                direction,
                max_depth,
                from,
                to,
            }),
            _ => Err(DomainError::Validation(errors)),
        }
    }
}

/// A moment given as an RFC 3339 time or a day (`time_of_day` of that day, UTC).
fn moment(
    field: &str,
    raw: Option<&str>,
    time_of_day: NaiveTime,
) -> Result<Option<DateTime<Utc>>, DomainError> {
    let Some(text) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(at.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| Some(d.and_time(time_of_day).and_utc()))
        .map_err(|_| {
            DomainError::invalid(
                field,
                "invalid",
                "must be a date (YYYY-MM-DD) or a date and time (RFC 3339)",
            )
        })
}

/// One thing in a trace. A thing the reader may not see is `restricted`: its kind is
/// kept (so it can be counted), its id is an opaque `restricted-N`, nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TraceNode {
    pub kind: NodeKind,
    pub id: String,
    /// `"{kind}:{id}"`, as edges name it.
    pub key: String,
    pub label_code: Option<String>,
    pub name: Option<String>,
    pub restricted: bool,
    /// Steps from the thing traced (0 for itself).
    pub depth: u32,
    /// When it came to be: an entry's date, a sample's or lot's creation; orders a
    /// drawing in time.
    pub at: Option<DateTime<Utc>>,
    /// Lots: the product's supplier, the supplier's lot number and the expiry date.
    pub supplier: Option<String>,
    pub supplier_lot: Option<String>,
    pub expires_on: Option<NaiveDate>,
    /// Something a reader of the trace must notice: a lapsed calibration at the time
    /// of use, a lot used after its expiry, an entry flagged by a recall (in English).
    pub warnings: Vec<String>,
    /// The same, as codes and values for a page to word in its reader's language.
    #[serde(default)]
    pub notices: Vec<TraceNotice>,
}

/// Something a reader of a trace must notice, as a code and its values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TraceNotice {
    /// A lot used in an entry dated after the lot's expiry.
    UsedAfterExpiry {
        used_on: NaiveDate,
        expires_on: NaiveDate,
    },
    /// Kept with a use when it was recorded: a lapsed calibration, an instrument never
    /// calibrated or not in service.
    Use { notice: crate::bench::UseNotice },
    /// The entry carries a recall flag; the reason as its author typed it.
    Flagged { reason: String },
}

impl TraceNotice {
    /// The English sentence of `warnings`.
    pub fn english(&self) -> String {
        match self {
            Self::UsedAfterExpiry {
                used_on,
                expires_on,
            } => format!("used on {used_on}, after its expiry on {expires_on}"),
            Self::Use { notice } => notice.english(),
            Self::Flagged { reason } => format!("flagged: {reason}"),
        }
    }
}

/// One link, pointing downstream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TraceEdge {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    /// A contributor's role (`performed`, `analysed`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// A lot consumed: how much.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// An instrument: the window of use.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Recorded with the usage: the calibration had lapsed, the instrument was not in
    /// service, the lot had expired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
    /// What `warning` says, as codes and values, for pages to word in their language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<TraceNotice>,
}

/// Steps shown at the start and at the end of a long path.
pub const PATH_HEAD: usize = 2;
pub const PATH_TAIL: usize = 8;

/// How each node of a trace is reached from its start (see [`Trace::paths`]).
#[derive(Debug, Clone)]
pub struct Paths {
    back: Vec<Option<usize>>,
    reached: Vec<bool>,
}

impl Paths {
    /// The nodes from the start to node `i` (indices into the trace's `nodes`); in a path
    /// longer than [`PATH_HEAD`] + [`PATH_TAIL`] + 1, one `None` stands for the steps left
    /// out between its head and tail. Empty for a node not reached.
    pub fn steps(&self, i: usize) -> Vec<Option<usize>> {
        if !self.reached.get(i).copied().unwrap_or(false) {
            return Vec::new();
        }
        let mut tail = Vec::new();
        let mut at = Some(i);
        let mut length = 0usize;
        while let Some(n) = at {
            if tail.len() < PATH_TAIL {
                tail.push(n);
            }
            length += 1;
            at = self.back[n];
        }
        tail.reverse();
        if length <= PATH_HEAD + PATH_TAIL + 1 {
            // Short: walk it again whole (at most a dozen steps).
            let mut all = Vec::with_capacity(length);
            let mut at = Some(i);
            while let Some(n) = at {
                all.push(Some(n));
                at = self.back[n];
            }
            all.reverse();
            return all;
        }
        // The head: the first steps from the start, found by walking back to them.
        let mut chain = Vec::new();
        let mut at = Some(i);
        while let Some(n) = at {
            chain.push(n);
            if chain.len() > PATH_HEAD {
                chain.remove(0);
            }
            at = self.back[n];
        }
        chain.reverse();
        let mut out: Vec<Option<usize>> = chain.into_iter().map(Some).collect();
        out.push(None);
        out.extend(tail.into_iter().map(Some));
        out
    }
}

/// `GET /api/v1/trace/{kind}/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Trace {
    /// The key of the thing traced.
    pub start: String,
    pub direction: Direction,
    pub nodes: Vec<TraceNode>,
    pub edges: Vec<TraceEdge>,
    /// How many nodes are hidden from this reader.
    pub restricted: usize,
}

impl Trace {
    pub fn node(&self, key: &str) -> Option<&TraceNode> {
        self.nodes.iter().find(|n| n.key == key)
    }

    /// How each node is reached from the start (shortest, following the direction of the
    /// trace): one step back per node, not a whole path per node — a chain of 1,000
    /// samples fanning out to 10,000 aliquots held gigabytes of copied paths.
    pub fn paths(&self) -> Paths {
        let index: HashMap<&str, usize> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.key.as_str(), i))
            .collect();
        let mut next: HashMap<usize, Vec<usize>> = HashMap::new();
        for e in &self.edges {
            let (a, b) = match self.direction {
                Direction::Forward => (e.from.as_str(), e.to.as_str()),
                Direction::Backward => (e.to.as_str(), e.from.as_str()),
            };
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b)) {
                next.entry(a).or_default().push(b);
            }
        }
        let mut back = vec![None; self.nodes.len()];
        let mut reached = vec![false; self.nodes.len()];
        let mut queue = VecDeque::new();
        if let Some(&start) = index.get(self.start.as_str()) {
            reached[start] = true;
            queue.push_back(start);
        }
        while let Some(at) = queue.pop_front() {
            for &n in next.get(&at).into_iter().flatten() {
                if !reached[n] {
                    reached[n] = true;
                    back[n] = Some(at);
                    queue.push_back(n);
                }
            }
        }
        Paths { back, reached }
    }

    /// Every node's caption, in the order of `nodes`.
    pub fn captions_by_index(&self) -> Vec<String> {
        self.nodes.iter().map(Self::caption).collect()
    }

    /// The path that reaches node `i`, as its nodes' captions joined by `separator`;
    /// a long path shows its first [`PATH_HEAD`] and last [`PATH_TAIL`] steps around "…".
    pub fn path_text(paths: &Paths, captions: &[String], i: usize, separator: &str) -> String {
        paths
            .steps(i)
            .into_iter()
            .map(|step| step.map_or("…", |s| captions[s].as_str()))
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Every node's caption by key, made once (a path names several nodes; looking each
    /// up in the list would be quadratic on a 20,000-node trace).
    pub fn captions(&self) -> HashMap<&str, String> {
        self.nodes
            .iter()
            .map(|n| (n.key.as_str(), Self::caption(n)))
            .collect()
    }

    /// What a person reads for a node: its label code and name, or "restricted".
    pub fn caption(node: &TraceNode) -> String {
        if node.restricted {
            return format!("{} (restricted)", node.kind.as_str());
        }
        match (&node.label_code, &node.name) {
            (Some(code), Some(name)) => format!("{code} {name}"),
            (None, Some(name)) => name.clone(),
            (Some(code), None) => code.clone(),
            (None, None) => node.id.clone(),
        }
    }
}

mod flag;
pub use flag::*;

#[cfg(test)]
mod tests;
