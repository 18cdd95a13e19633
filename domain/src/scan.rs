//! The scan page's modes: what reading a label does there. The page, its code box's
//! plain-form fallback (`GET /go`) and the links into it name a mode the same way.

/// What a label read on the scan page does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    /// Opens the thing's page.
    Open,
    /// Moves the thing to the location read first.
    Move,
    /// Receives stock into the lot or sample read.
    Receive,
    /// Adds what was read to a notebook entry.
    Entry,
}

impl ScanMode {
    pub const ALL: [ScanMode; 4] = [Self::Open, Self::Move, Self::Receive, Self::Entry];

    /// The mode's name in addresses (`/scan?mode=move`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Move => "move",
            Self::Receive => "receive",
            Self::Entry => "entry",
        }
    }

    /// The mode an address names; *open* when it names none (or one this version does
    /// not know), the harmless choice.
    pub fn parse(raw: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| Some(m.as_str()) == raw.map(str::trim))
            .unwrap_or(Self::Open)
    }
}

#[cfg(test)]
mod tests {
    use super::ScanMode;

    #[test]
    fn every_mode_reads_back_and_anything_else_opens() {
        for mode in ScanMode::ALL {
            assert_eq!(ScanMode::parse(Some(mode.as_str())), mode);
        }
        assert_eq!(ScanMode::parse(Some("consume")), ScanMode::Open);
        assert_eq!(ScanMode::parse(None), ScanMode::Open);
    }
}
