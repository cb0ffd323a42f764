//! How much a finding looks like a status: its name (`TaskStatus`, `phase`, `outcome`) and
//! its members (`pending`, `running`, `failed`). Either alone can make a status; a name that
//! says something else (`Color`, `Priority`, `LogLevel`) takes points away.

use heck::ToSnakeCase;

use crate::finding::Finding;

/// The score from which a finding is a status.
pub(crate) const STATUS_THRESHOLD: u8 = 50;

/// Words of a name that say it holds a status.
const STATUS_WORDS: &[&str] = &[
    "condition",
    "health",
    "lifecycle",
    "outcome",
    "phase",
    "progress",
    "result",
    "stage",
    "state",
    "status",
    "statuses",
    "step",
    "verdict",
];

/// Words of a name that say it holds something else.
const OTHER_WORDS: &[&str] = &[
    "category",
    "color",
    "colour",
    "currency",
    "direction",
    "format",
    "gender",
    "kind",
    "language",
    "level",
    "locale",
    "method",
    "mode",
    "permission",
    "priority",
    "role",
    "scope",
    "severity",
    "size",
    "sort",
    "theme",
    "type",
    "unit",
];

/// Members of lifecycles, normalised (lower case, `_` between words).
const LIFECYCLE: &[&str] = &[
    "aborted",
    "accepted",
    "active",
    "applied",
    "applying",
    "approved",
    "archived",
    "available",
    "backlog",
    "blocked",
    "busy",
    "cancel",
    "canceled",
    "cancelled",
    "closed",
    "complete",
    "completed",
    "connected",
    "connecting",
    "crashed",
    "created",
    "degraded",
    "deleted",
    "deploying",
    "disconnected",
    "done",
    "draft",
    "draining",
    "enqueued",
    "error",
    "errored",
    "escalated",
    "exhausted",
    "expired",
    "fail",
    "failed",
    "failure",
    "finished",
    "healthy",
    "idle",
    "in_progress",
    "in_review",
    "inactive",
    "initialized",
    "initializing",
    "new",
    "not_started",
    "on_hold",
    "open",
    "paid",
    "pass",
    "passed",
    "paused",
    "pending",
    "processing",
    "provisioning",
    "published",
    "queued",
    "ready",
    "received",
    "rejected",
    "resolved",
    "retrying",
    "review",
    "rolled_back",
    "rolling_back",
    "running",
    "scheduled",
    "shipped",
    "skipped",
    "started",
    "starting",
    "stopped",
    "stopping",
    "submitted",
    "succeeded",
    "success",
    "successful",
    "suspended",
    "terminated",
    "timed_out",
    "timeout",
    "todo",
    "unhealthy",
    "unknown",
    "validated",
    "validating",
    "verified",
    "waiting",
    "warn",
];

/// The words of a name: `TaskStatusEnum` → `task`, `status`, `enum`; `HTTPStatus` →
/// `http`, `status`.
pub(crate) fn words(name: &str) -> Vec<String> {
    name.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A member value as the lifecycle list writes it: lower case, words joined by `_`.
pub(crate) fn normalise(value: &str) -> String {
    words(value).join("_")
}

/// A value's words without separators (`IN_PROGRESS`, `inProgress`, `in-progress` are all
/// `inprogress`): what makes two spellings one word.
pub(crate) fn squashed(value: &str) -> String {
    normalise(value).replace('_', "")
}

/// Whether a word of a name says it holds a status (`status`, `phases`, `outcome`).
pub(crate) fn is_status_word(word: &str) -> bool {
    STATUS_WORDS.contains(&word)
        || word
            .strip_suffix('s')
            .is_some_and(|w| STATUS_WORDS.contains(&w))
}

/// Whether a value or a name is a lifecycle's member (`pending`, `IN_PROGRESS`).
pub(crate) fn is_lifecycle(value: &str) -> bool {
    LIFECYCLE.contains(&normalise(value).as_str())
}

/// 0 to 100.
pub(crate) fn score(finding: &Finding) -> u8 {
    // The last part of a qualified name is what it is called (`Task.status`).
    let name = finding.name.rsplit('.').next().unwrap_or(&finding.name);
    let name_words = words(name);
    let mut points: i32 = 0;
    // `phases` and `outcomes` say it as well as `phase` and `outcome`.
    let is = |list: &[&str], w: &str| {
        list.contains(&w) || w.strip_suffix('s').is_some_and(|s| list.contains(&s))
    };
    if name_words.iter().any(|w| is_status_word(w)) {
        points += 55;
    } else if name_words.iter().any(|w| is(OTHER_WORDS, w)) {
        points -= 30;
    }
    let members = finding.members.len().max(1);
    let lifecycle = finding
        .members
        .iter()
        .filter(|m| {
            LIFECYCLE.contains(&normalise(&m.value).as_str())
                || LIFECYCLE.contains(&normalise(&m.name).as_str())
        })
        .count();
    // Share of lifecycle members, up to 60; two or more of them count for at least 25.
    let share = i32::try_from(lifecycle * 60 / members).unwrap_or(60);
    points += if lifecycle >= 2 {
        share.max(25)
    } else {
        share / 2
    };
    u8::try_from(points.clamp(0, 100)).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(name: &str, values: &[&str]) -> Finding {
        Finding::test_enum(name, values)
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for list in [STATUS_WORDS, OTHER_WORDS, LIFECYCLE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn names_and_members_decide() {
        assert!(score(&finding("TaskStatus", &["a", "b"])) >= STATUS_THRESHOLD);
        assert!(score(&finding("Flow", &["pending", "running", "done"])) >= STATUS_THRESHOLD);
        assert!(score(&finding("Color", &["red", "green"])) < STATUS_THRESHOLD);
        assert!(
            score(&finding("LogLevel", &["debug", "info", "warn", "error"])) < STATUS_THRESHOLD
        );
        assert!(score(&finding("Priority", &["low", "medium", "high"])) < STATUS_THRESHOLD);
        assert_eq!(words("HTTPStatusCode"), ["http", "status", "code"]);
        assert_eq!(normalise("IN_PROGRESS"), "in_progress");
        assert_eq!(normalise("inProgress"), "in_progress");
    }
}
