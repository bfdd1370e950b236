//! RFC 3339 timestamps without a clock: the caller supplies the time, the core only checks it and
//! renders the forms STIX and MISP need (UTC with `Z`, a calendar date, Unix seconds). Converting
//! offsets to UTC here is what lets a caller pass `2026-03-14T10:26:53+01:00` and still get a
//! bundle `stix2` accepts (STIX timestamps must be UTC).

use crate::Error;

/// A checked instant, to the millisecond (STIX asks for at most millisecond precision).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    secs: i64,
    /// Milliseconds, kept only when the caller gave a fraction.
    millis: Option<u32>,
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn bad(s: &str, why: &str) -> Error {
    Error::BadOptions(format!(
        "timestamp {s:?} is not an RFC 3339 date-time ({why}); e.g. 2026-03-14T09:26:53Z"
    ))
}

// Howard Hinnant's days-from-civil: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` (RFC 3339 §5.6; `t`/`z`/space accepted as
    /// the RFC allows). Leap seconds are refused: Python's datetime (stix2, pymisp) rejects them.
    pub fn parse(s: &str) -> Result<Timestamp, Error> {
        let b = s.trim().as_bytes();
        let num = |at, n| digits(b, at, n).ok_or_else(|| bad(s, "expected digits"));
        let sep = |at: usize, want: &[u8]| match b.get(at) {
            Some(c) if want.contains(c) => Ok(()),
            _ => Err(bad(s, "wrong separator")),
        };
        let year = i64::from(num(0, 4)?);
        sep(4, b"-")?;
        let month = num(5, 2)?;
        sep(7, b"-")?;
        let day = num(8, 2)?;
        sep(10, b"Tt ")?;
        let (hour, minute) = (num(11, 2)?, num(14, 2)?);
        sep(13, b":")?;
        sep(16, b":")?;
        let second = num(17, 2)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(bad(s, "no such date"));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(bad(s, "no such time of day"));
        }
        let mut at = 19;
        let mut millis = None;
        if b.get(at) == Some(&b'.') {
            let frac = b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if frac == 0 {
                return Err(bad(s, "empty fraction"));
            }
            // Truncate to milliseconds, padding short fractions (".5" is 500 ms).
            let ms = (0..3).fold(0u32, |acc, i| {
                acc * 10
                    + b.get(at + 1 + i)
                        .filter(|_| i < frac)
                        .map_or(0, |c| u32::from(c - b'0'))
            });
            millis = Some(ms);
            at += 1 + frac;
        }
        let offset_secs = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(&sign @ (b'+' | b'-')) if at + 6 == b.len() => {
                sep(at + 3, b":")?;
                let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
                if oh > 23 || om > 59 {
                    return Err(bad(s, "bad offset"));
                }
                let o = i64::from(oh * 3600 + om * 60);
                if sign == b'+' {
                    o
                } else {
                    -o
                }
            }
            _ => return Err(bad(s, "missing or malformed time zone")),
        };
        let local = days_from_civil(year, month, day) * 86_400
            + i64::from(hour * 3600 + minute * 60 + second);
        let secs = local - offset_secs;
        let (y, _, _) = civil_from_days(secs.div_euclid(86_400));
        if !(1..=9999).contains(&y) {
            return Err(bad(s, "year out of range in UTC"));
        }
        Ok(Timestamp { secs, millis })
    }

    /// `YYYY-MM-DDTHH:MM:SS[.mmm]Z`.
    pub fn rfc3339(self) -> String {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        let t = self.secs.rem_euclid(86_400);
        let frac = self
            .millis
            .map(|ms| format!(".{ms:03}"))
            .unwrap_or_default();
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{frac}Z",
            t / 3600,
            t / 60 % 60,
            t % 60
        )
    }

    /// The UTC calendar date, `YYYY-MM-DD` (MISP's event `date`).
    pub fn date(self) -> String {
        self.rfc3339()[..10].to_string()
    }

    /// Whole seconds since the Unix epoch (MISP's `timestamp`).
    pub fn unix(self) -> i64 {
        self.secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises_to_utc() {
        let rows = [
            (
                "2026-03-14T09:26:53Z",
                "2026-03-14T09:26:53Z",
                1_773_480_413,
            ),
            (
                "2026-03-14t09:26:53z",
                "2026-03-14T09:26:53Z",
                1_773_480_413,
            ),
            (
                "2026-03-14 10:26:53+01:00",
                "2026-03-14T09:26:53Z",
                1_773_480_413,
            ),
            (
                "2026-03-14T09:26:53.5Z",
                "2026-03-14T09:26:53.500Z",
                1_773_480_413,
            ),
            (
                "2026-03-14T09:26:53.123456789Z",
                "2026-03-14T09:26:53.123Z",
                1_773_480_413,
            ),
            (
                "2026-01-01T00:30:00+01:00",
                "2025-12-31T23:30:00Z",
                1_767_223_800,
            ),
            (
                "2024-02-29T23:59:59-00:30",
                "2024-03-01T00:29:59Z",
                1_709_252_999,
            ),
            ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", 0),
        ];
        for (input, want, unix) in rows {
            let t = Timestamp::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((t.rfc3339().as_str(), t.unix()), (want, unix), "{input}");
        }
        assert_eq!(
            Timestamp::parse("2025-12-31T23:30:00Z").unwrap().date(),
            "2025-12-31"
        );
    }

    #[test]
    fn refuses_what_consumers_would_refuse() {
        for bad in [
            "",
            "2026-03-14",
            "2026-03-14T09:26:53",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-03-14T24:00:00Z",
            "2026-03-14T23:59:60Z",
            "2026-03-14T09:26:53.Z",
            "2026-03-14T09:26:53+0100",
            "2026-03-14T09:26:53Zjunk",
            "0000-01-01T00:00:00Z",
            "２026-03-14T09:26:53Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
