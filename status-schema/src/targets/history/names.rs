//! Migration file names as each runner reads them, and the version of the next one.

use crate::model::MigrationStyle;

/// The version a file name of `style` carries (its runner orders files by it), or `None`
/// for a name the runner does not read as a migration. A team's own migrations count too:
/// the next file must sort after every one of them.
pub fn version(style: MigrationStyle, name: &str) -> Option<u128> {
    let digits = |text: &str| -> Option<u128> {
        let end = text.bytes().take_while(u8::is_ascii_digit).count();
        // u128 holds every 38-digit number.
        if end == 0 || end > 38 {
            return None;
        }
        text[..end].parse().ok()
    };
    match style {
        // `<version>_<description>.sql`: sqlx parses the version as an `i64`.
        MigrationStyle::Sqlx => {
            let (version, rest) = name.split_once('_')?;
            (is_sql(rest) && version.bytes().all(|b| b.is_ascii_digit()))
                .then(|| version.parse::<i64>().ok())
                .flatten()
                .and_then(|v| u128::try_from(v).ok())
        }
        // dbmate: `^(\d+).*\.sql$`.
        MigrationStyle::Dbmate | MigrationStyle::Plain => {
            is_sql(name).then(|| digits(name)).flatten()
        }
        // `^([0-9]+)_(.*)\.(up|down)\.(.*)$`, read as a `u64`.
        MigrationStyle::GolangMigrate => {
            let (version, rest) = name.split_once('_')?;
            let direction = rest.contains(".up.") || rest.contains(".down.");
            (direction && version.bytes().all(|b| b.is_ascii_digit()))
                .then(|| version.parse::<u64>().ok())
                .flatten()
                .map(u128::from)
        }
        // `V<version>__<description>.sql`, the version's first number counted.
        MigrationStyle::Flyway => {
            let rest = name.strip_prefix('V')?;
            (rest.contains("__") && is_sql(name))
                .then(|| digits(rest))
                .flatten()
        }
    }
}

/// Whether `name` ends in `.sql`, as the runners compare it (case and all).
fn is_sql(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|e| e == "sql")
}

/// The versions for the files of the next step (`count` of them, in order): after every
/// version in `existing`, in the form the directory already uses. A directory of
/// timestamps (14 digits, as sqlx-cli, dbmate and golang-migrate write them) gets the
/// later of `now` (`YYYYMMDDHHMMSS`) and the last one plus one; a directory of numbers
/// gets the next numbers, as wide as the widest; an empty one gets timestamps for the
/// runners that write them, and `1` (Flyway) or `0001` (plain) otherwise.
pub fn next_versions(
    style: MigrationStyle,
    existing: &[(u128, usize)],
    now: &str,
    count: usize,
) -> Vec<String> {
    let last = existing.iter().map(|(v, _)| *v).max();
    let width = existing.iter().map(|(_, w)| *w).max().unwrap_or(0);
    // The last version a timestamp (sqlx-cli's, dbmate's): the next is one too; any other
    // number (one past the year 9999, a sequence) is counted on from.
    let timestamps = match last {
        Some(last) => seconds_of(&last.to_string()).is_some(),
        None => matches!(
            style,
            MigrationStyle::Sqlx | MigrationStyle::Dbmate | MigrationStyle::GolangMigrate
        ),
    };
    if timestamps {
        // Seconds counted as time: after `…235959` comes the next day, never `…235960`.
        let now = seconds_of(now).unwrap_or(0);
        let first = last
            .and_then(|l| seconds_of(&l.to_string()))
            .map_or(now, |l| now.max(l + 1));
        return (0..count as u64).map(|i| timestamp(first + i)).collect();
    }
    let width = match (last, style) {
        (Some(_), _) => width.min(40),
        (None, MigrationStyle::Plain) => 4,
        (None, _) => 1,
    };
    let first = last.map_or(1, |l| l + 1);
    (0..count)
        .map(|i| format!("{:0width$}", first + i as u128))
        .collect()
}

/// Seconds since the Unix epoch of a `YYYYMMDDHHMMSS` timestamp (UTC), `None` for text
/// that is not one.
fn seconds_of(stamp: &str) -> Option<u64> {
    if stamp.len() != 14 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let field = |range: std::ops::Range<usize>| stamp[range].parse::<i64>().ok();
    let (year, month, day) = (field(0..4)?, field(4..6)?, field(6..8)?);
    let (hour, minute, second) = (field(8..10)?, field(10..12)?, field(12..14)?);
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour <= 23
        && minute <= 59
        && second <= 60;
    if !valid {
        return None;
    }
    // Howard Hinnant's days-from-civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + hour * 3600 + minute * 60 + second).ok()
}

/// The largest version `style`'s runner reads: sqlx parses an `i64`, golang-migrate a
/// `u64`; a file past it would be ignored.
pub fn max_version(style: MigrationStyle) -> u128 {
    match style {
        MigrationStyle::Sqlx => u128::from(i64::MAX.unsigned_abs()),
        _ => u128::from(u64::MAX),
    }
}

/// The file name of a migration called `name` at `version`, as `style`'s runner reads it.
pub fn file_name(style: MigrationStyle, version: &str, name: &str) -> String {
    match style {
        MigrationStyle::Sqlx | MigrationStyle::Dbmate | MigrationStyle::Plain => {
            format!("{version}_{name}.sql")
        }
        MigrationStyle::GolangMigrate => format!("{version}_{name}.up.sql"),
        MigrationStyle::Flyway => format!("V{version}__{name}.sql"),
    }
}

/// The width of a file name's version as written (`0003` is 4), for [`next_versions`].
pub fn version_width(style: MigrationStyle, name: &str) -> usize {
    let text = match style {
        MigrationStyle::Flyway => name.strip_prefix('V').unwrap_or(name),
        _ => name,
    };
    text.bytes().take_while(u8::is_ascii_digit).count()
}

/// Whether `name` can name a migration: ASCII letters, digits, `_` and `-`, at most 64,
/// starting with a letter (it becomes part of a file name and a runner's description).
pub fn valid_name(name: &str) -> bool {
    name.len() <= 64
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `YYYYMMDDHHMMSS` in UTC for `seconds` since the Unix epoch.
pub fn timestamp(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        assert_eq!(timestamp(0), "19700101000000");
        assert_eq!(timestamp(951_782_400), "20000229000000");
        assert_eq!(timestamp(1_796_601_599), "20261206235959");
    }

    #[test]
    fn versions_follow_the_directory() {
        let sqlx = MigrationStyle::Sqlx;
        assert_eq!(
            version(sqlx, "20260101000000_init.sql"),
            Some(20_260_101_000_000)
        );
        assert_eq!(version(sqlx, "0003_x.sql"), Some(3));
        assert_eq!(version(sqlx, "README.md"), None);
        assert_eq!(version(MigrationStyle::Flyway, "V2.1__x.sql"), Some(2));
        assert_eq!(
            version(MigrationStyle::GolangMigrate, "000004_x.up.sql"),
            Some(4)
        );
        assert_eq!(
            next_versions(sqlx, &[], "20261207120000", 2),
            ["20261207120000", "20261207120001"]
        );
        assert_eq!(
            next_versions(sqlx, &[(3, 4)], "20261207120000", 1),
            ["0004"]
        );
        assert_eq!(
            next_versions(sqlx, &[(20_270_101_000_000, 14)], "20261207120000", 1),
            ["20270101000001"]
        );
        assert_eq!(
            next_versions(sqlx, &[(20_991_231_235_959, 14)], "20261207120000", 2),
            ["21000101000000", "21000101000001"]
        );
        assert_eq!(
            next_versions(MigrationStyle::Plain, &[], "20261207120000", 1),
            ["0001"]
        );
        assert_eq!(
            next_versions(MigrationStyle::Flyway, &[], "20261207120000", 1),
            ["1"]
        );
    }
}
