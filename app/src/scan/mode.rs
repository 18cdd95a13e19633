//! The scan page's modes (open, move here, receive, add to entry), as the URL and the
//! tabs name them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Open,
    Move,
    Receive,
    Entry,
}

impl Mode {
    pub(super) const ALL: [Mode; 4] = [Mode::Open, Mode::Move, Mode::Receive, Mode::Entry];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            Mode::Open => "open",
            Mode::Move => "move",
            Mode::Receive => "receive",
            Mode::Entry => "entry",
        }
    }

    pub(super) fn parse(raw: Option<String>) -> Self {
        Self::ALL
            .into_iter()
            .find(|m| Some(m.as_str()) == raw.as_deref())
            .unwrap_or(Mode::Open)
    }
}
