//! The reasons the application writes on the ledger lines it makes (a receipt, a move, a
//! use in an entry…), written and read back in one place: the database keeps the English
//! text (as it always has, so older lines read too) and the pages word each one in the
//! reader's language from its code and arguments. A reason a person typed is theirs and
//! is shown as typed.

/// A ledger line's reason that the application wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// A lot's first line.
    Received,
    /// A sample's first line.
    Made,
    /// An aliquot's first line.
    Aliquoted,
    /// Put somewhere: the place's name, and its box position if any.
    MovedTo { place: String },
    /// Taken out of any place.
    MovedOut,
    /// Taken by an entry (its number in its notebook).
    UsedIn { entry: i64 },
    /// Given back when a draft entry's usage was removed.
    UsageRemoved { entry: i64 },
    /// Taken to make a sample (its label code).
    TakenFor { sample: String },
}

impl Reason {
    /// The text the ledger keeps.
    pub fn stored(&self) -> String {
        match self {
            Self::Received => "received".to_owned(),
            Self::Made => "made".to_owned(),
            Self::Aliquoted => "aliquoted".to_owned(),
            Self::MovedTo { place } => format!("to {place}"),
            Self::MovedOut => "to nowhere".to_owned(),
            Self::UsedIn { entry } => format!("used in entry {entry}"),
            Self::UsageRemoved { entry } => format!("usage removed from entry {entry}"),
            Self::TakenFor { sample } => format!("taken for sample {sample}"),
        }
    }

    /// The reason a stored text is, when the application wrote it.
    pub fn read(text: &str) -> Option<Self> {
        let number = |rest: &str| rest.parse::<i64>().ok();
        Some(match text {
            "received" => Self::Received,
            "made" => Self::Made,
            "aliquoted" => Self::Aliquoted,
            "to nowhere" => Self::MovedOut,
            _ => {
                if let Some(n) = text.strip_prefix("used in entry ").and_then(number) {
                    Self::UsedIn { entry: n }
                } else if let Some(n) = text
                    .strip_prefix("usage removed from entry ")
                    .and_then(number)
                {
                    Self::UsageRemoved { entry: n }
                } else if let Some(code) = text.strip_prefix("taken for sample ") {
                    Self::TakenFor {
                        sample: code.to_owned(),
                    }
                } else if let Some(place) = text.strip_prefix("to ").filter(|p| !p.is_empty()) {
                    Self::MovedTo {
                        place: place.to_owned(),
                    }
                } else {
                    return None;
                }
            }
        })
    }

    /// The code the pages word it by (`ledger-reason-{code}`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Made => "made",
            Self::Aliquoted => "aliquoted",
            Self::MovedTo { .. } => "moved_to",
            Self::MovedOut => "moved_out",
            Self::UsedIn { .. } => "used_in",
            Self::UsageRemoved { .. } => "usage_removed",
            Self::TakenFor { .. } => "taken_for",
        }
    }

    /// What the wording needs besides the code.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::MovedTo { place } => vec![("place", place.clone())],
            Self::UsedIn { entry } | Self::UsageRemoved { entry } => {
                vec![("entry", entry.to_string())]
            }
            Self::TakenFor { sample } => vec![("sample", sample.clone())],
            Self::Received | Self::Made | Self::Aliquoted | Self::MovedOut => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_reads_back_from_what_is_stored() {
        for reason in [
            Reason::Received,
            Reason::Made,
            Reason::Aliquoted,
            Reason::MovedTo {
                place: "Boîte A B3".into(),
            },
            Reason::MovedOut,
            Reason::UsedIn { entry: 12 },
            Reason::UsageRemoved { entry: 3 },
            Reason::TakenFor {
                sample: "7QW1-ZMSW".into(),
            },
        ] {
            assert_eq!(Reason::read(&reason.stored()), Some(reason));
        }
    }

    #[test]
    fn what_a_person_typed_is_not_read_as_the_applications() {
        for typed in [
            "flacon renversé",
            "used in the PCR",
            "to",
            "used in entry twelve",
            "",
        ] {
            assert_eq!(Reason::read(typed), None, "{typed}");
        }
    }
}
