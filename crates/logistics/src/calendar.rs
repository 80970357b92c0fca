//! Calendar dates for delivery estimates: days since 1970-01-01 (UTC), business days skipping
//! Saturdays and Sundays. Public holidays are not modelled.

/// A calendar date, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub i64);

impl Date {
    /// The UTC date of a Unix time in seconds.
    pub fn from_unix(seconds: i64) -> Date {
        Date(seconds.div_euclid(86_400))
    }

    /// A date from year, month (1–12) and day (1–31); Howard Hinnant's `days_from_civil`.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Date {
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    /// `(year, month, day)`.
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (year, month, day)
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.0 + 3).rem_euclid(7) as u8
    }

    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// The date `n` business days after this one: each step moves to the next weekday, so a
    /// Friday plus one is the Monday and a Saturday plus one is also the Monday.
    pub fn add_business_days(self, n: u32) -> Date {
        let mut date = self;
        let mut left = n;
        while left > 0 {
            date = Date(date.0 + 1);
            if !date.is_weekend() {
                left -= 1;
            }
        }
        date
    }

    /// ISO 8601 (`2026-12-03`).
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_the_civil_calendar() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2026, 11, 28), (2027, 3, 1)] {
            assert_eq!(Date::from_ymd(y, m, d).ymd(), (y, m, d));
        }
        assert_eq!(Date::from_ymd(1970, 1, 1), Date(0));
        assert_eq!(Date::from_unix(1_795_000_000).iso(), "2026-11-18");
    }

    #[test]
    fn transit_dates_skip_weekends() {
        let friday = Date::from_ymd(2026, 11, 27);
        assert_eq!(friday.weekday(), 4);
        assert_eq!(friday.add_business_days(1).iso(), "2026-11-30");
        let saturday = Date::from_ymd(2026, 11, 28);
        assert!(saturday.is_weekend());
        assert_eq!(saturday.add_business_days(1).iso(), "2026-11-30");
        assert_eq!(saturday.add_business_days(5).iso(), "2026-12-04");
        // Ten business days from a Wednesday span two weekends.
        assert_eq!(
            Date::from_ymd(2026, 12, 2).add_business_days(10).iso(),
            "2026-12-16"
        );
        assert_eq!(friday.add_business_days(0), friday);
    }
}
