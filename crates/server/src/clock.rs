//! Time and ids without a date-time dependency: the store needs seconds and days since the
//! epoch, RFC 3339 timestamps and random ids, nothing more. Calendar arithmetic is
//! `logistics::Date`'s, the one civil-date algorithm of the workspace.

use logistics::Date;

/// Seconds since the Unix epoch.
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Milliseconds since the Unix epoch.
pub fn unix_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    Date(days).ymd()
}

/// Days since the epoch of `YYYY-MM-DD`.
pub fn date_to_days(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| Date::from_ymd(y, m, d).0)
}

/// `2026-11-28T17:55:12Z`.
pub fn rfc3339(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// 128 random bits from the operating system, as 32 hex digits: unguessable ids.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    // The OS random source does not fail on supported platforms; if it ever did, an id
    // of zeros would collide on insert (primary key) rather than be silently guessable.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
