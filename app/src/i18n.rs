//! The one i18n mechanism: Fluent messages (`locales/*.ftl`), the current locale as a
//! signal, and locale-aware number and date formatting built on the same messages.

use std::{cell::RefCell, collections::HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::local_time::Zone;
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use leptos::prelude::*;
use unic_langid::{langid, LanguageIdentifier};

/// The languages the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().get(..2)?.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "fr" => Some(Self::Fr),
            _ => None,
        }
    }

    /// The best match for an `Accept-Language` header, by quality, English by default.
    pub fn from_accept_language(header: &str) -> Self {
        let mut choices: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Self::from_code(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse().ok())
                    .unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        // Stable sort keeps the header's order among equal qualities.
        choices.sort_by(|a, b| b.0.total_cmp(&a.0));
        choices.first().map_or(Self::En, |c| c.1)
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Self::En => langid!("en"),
            Self::Fr => langid!("fr"),
        }
    }

    fn source(self) -> &'static str {
        match self {
            Self::En => include_str!("../locales/en.ftl"),
            Self::Fr => include_str!("../locales/fr.ftl"),
        }
    }
}

thread_local! {
    // Bundles are built once per thread (the server's workers, or the browser's one).
    static BUNDLES: RefCell<HashMap<Locale, FluentBundle<FluentResource>>> = RefCell::default();
}

fn with_bundle<R>(locale: Locale, f: impl FnOnce(&FluentBundle<FluentResource>) -> R) -> R {
    BUNDLES.with(|cell| {
        let mut map = cell.borrow_mut();
        let bundle = map.entry(locale).or_insert_with(|| {
            let resource = FluentResource::try_new(locale.source().to_owned())
                .unwrap_or_else(|(res, _errors)| res);
            let mut bundle = FluentBundle::new(vec![locale.langid()]);
            // No Unicode isolation marks: they show up as stray characters in inputs
            // and tests, and our strings are all left-to-right.
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(resource);
            bundle
        });
        f(bundle)
    })
}

/// Translates a message; a missing message shows its id so it is noticed, not hidden.
pub fn translate(locale: Locale, id: &str, args: Option<&FluentArgs>) -> String {
    translate_args(locale, id, args).unwrap_or_else(|| id.to_owned())
}

/// Translates a message that may not exist.
pub fn translate_opt(locale: Locale, id: &str) -> Option<String> {
    translate_args(locale, id, None)
}

fn translate_args(locale: Locale, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    with_bundle(locale, |bundle| {
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = vec![];
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    })
}

/// The message ids a locale defines (for the completeness test).
pub fn message_ids(locale: Locale) -> Vec<String> {
    let resource =
        FluentResource::try_new(locale.source().to_owned()).unwrap_or_else(|(res, _)| res);
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The UI's current language and the installation's time zone, provided as context by
/// the app root.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
    /// The language the page was first rendered in.
    rendered: Locale,
    /// Where times are shown and typed times are read (`--time-zone`).
    pub zone: Zone,
}

impl I18n {
    pub fn new(locale: Locale, zone: Zone) -> Self {
        Self {
            locale: RwSignal::new(locale),
            rendered: locale,
            zone,
        }
    }

    /// The language now; reactive when called inside a closure in a view. Falls back to
    /// the language the page was rendered in if the signal is already gone: on the server
    /// the head's closures (title, `lang`) may run after the page's reactive owner was
    /// cleaned up, and must not bring the response down with them.
    pub fn current(&self) -> Locale {
        self.locale.try_get().unwrap_or(self.rendered)
    }

    /// A translated message; reactive when called inside a closure in a view.
    pub fn t(&self, id: &str) -> String {
        translate(self.current(), id, None)
    }

    pub fn t_with(&self, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (k, v) in args {
            fluent_args.set(*k, v.clone());
        }
        translate(self.current(), id, Some(&fluent_args))
    }

    /// The day of `at` in the installation's time zone, in the locale's words.
    pub fn date(&self, at: DateTime<Utc>) -> String {
        format_day(self.current(), self.zone.day(at))
    }

    /// A calendar day in the locale's words: "Nov 30, 2026" / "30 nov. 2026".
    pub fn day(&self, day: NaiveDate) -> String {
        format_day(self.current(), day)
    }

    /// `at` as the installation's clock showed it: "Nov 30, 2026, 14:05" /
    /// "30 nov. 2026 à 14:05".
    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        format_date_time(self.current(), self.zone, at)
    }

    /// The hour and minute of `at` on the installation's clock: "14:05".
    pub fn time(&self, at: DateTime<Utc>) -> String {
        self.zone.local(at).format("%H:%M").to_string()
    }

    /// An amount with the locale's separators and the decimals it has (up to six):
    /// "2.5" / "2,5", "1,000" / "1 000".
    pub fn amount(&self, value: f64) -> String {
        let text = format!("{:.6}", value.abs());
        let decimals = text
            .trim_end_matches('0')
            .split_once('.')
            .map_or(0, |(_, f)| f.len());
        format_number(self.current(), value, decimals)
    }

    /// An amount and its unit: "2.5 L" / "2,5 L".
    pub fn quantity(&self, value: f64, unit: &str) -> String {
        format!("{} {unit}", self.amount(value))
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A calendar day in the locale's words: "Nov 30, 2026" / "30 nov. 2026".
pub fn format_day(locale: Locale, day: NaiveDate) -> String {
    let mut args = FluentArgs::new();
    args.set("day", day.day().to_string());
    args.set(
        "month",
        translate(locale, &format!("month-{}", day.month()), None),
    );
    args.set("year", day.year().to_string());
    translate(locale, "date-format", Some(&args))
}

/// A moment on the clock of `zone`, in the locale's words.
pub fn format_date_time(locale: Locale, zone: Zone, at: DateTime<Utc>) -> String {
    let local = zone.local(at);
    let mut args = FluentArgs::new();
    args.set("date", format_day(locale, local.date()));
    args.set("time", local.format("%H:%M").to_string());
    translate(locale, "date-time-format", Some(&args))
}

/// A number with the locale's separators: "1,234.5" / "1 234,5" (narrow no-break space,
/// as French typography asks).
pub fn format_number(locale: Locale, value: f64, decimals: usize) -> String {
    let (group, decimal) = match locale {
        Locale::En => (",", "."),
        Locale::Fr => ("\u{202f}", ","),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(ch);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac_part.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{decimal}{frac_part}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_locale() {
        let en = message_ids(Locale::En);
        let fr = message_ids(Locale::Fr);
        let missing_fr: Vec<_> = en.iter().filter(|id| !fr.contains(id)).collect();
        let missing_en: Vec<_> = fr.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing_fr.is_empty(), "missing in fr.ftl: {missing_fr:?}");
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
    }

    /// Every literal id the UI asks for (`t("…")`, `t_with("…", …)`) is defined.
    #[test]
    fn every_message_the_code_uses_is_defined() {
        let defined = message_ids(Locale::En);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for call in [".t(\"", ".t_with(\""] {
                for (at, _) in source.match_indices(call) {
                    let rest = &source[at + call.len()..];
                    let id = &rest[..rest.find('"').unwrap()];
                    if !defined.iter().any(|d| d == id) {
                        missing.push(format!("{}: {id}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "undefined messages: {missing:?}");
    }

    #[test]
    fn accept_language_picks_the_preferred_known_language() {
        assert_eq!(
            Locale::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"),
            Locale::Fr
        );
        assert_eq!(
            Locale::from_accept_language("de-DE,en;q=0.5,fr;q=0.7"),
            Locale::Fr
        );
        assert_eq!(Locale::from_accept_language("de"), Locale::En);
        assert_eq!(Locale::from_accept_language(""), Locale::En);
    }

    #[test]
    fn plurals_follow_the_language() {
        let args = |n: i64| {
            let mut a = FluentArgs::new();
            a.set("count", n);
            a
        };
        assert_eq!(
            translate(Locale::En, "locations-count", Some(&args(1))),
            "1 location"
        );
        assert_eq!(
            translate(Locale::En, "locations-count", Some(&args(2))),
            "2 locations"
        );
        assert_eq!(
            translate(Locale::Fr, "locations-count", Some(&args(0))),
            "0 emplacement"
        );
    }

    #[test]
    fn numbers_and_dates_follow_the_language() {
        assert_eq!(format_number(Locale::En, 1234567.891, 2), "1,234,567.89");
        assert_eq!(
            format_number(Locale::Fr, 1234567.891, 2),
            "1\u{202f}234\u{202f}567,89"
        );
        assert_eq!(format_number(Locale::Fr, -12.0, 0), "-12");
        assert_eq!(format_number(Locale::En, 999.0, 0), "999");
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(format_day(Locale::En, day), "Nov 30, 2026");
        assert_eq!(format_day(Locale::Fr, day), "30 nov. 2026");
        // 23:30 UTC is already the next day, half past midnight, in Paris.
        let at = DateTime::parse_from_rfc3339("2026-11-30T23:30:00Z")
            .unwrap()
            .to_utc();
        let paris = Zone::default();
        assert_eq!(
            format_date_time(Locale::En, paris, at),
            "Dec 1, 2026, 00:30"
        );
        assert_eq!(
            format_date_time(Locale::Fr, paris, at),
            "1 déc. 2026 à 00:30"
        );
    }
}
