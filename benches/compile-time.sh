#!/usr/bin/env bash
# Compile time of seed 000's 23 statuses three ways, each in its own crate and target
# directory: statuskit's derive, statuskit's build.rs mode, and strum's derives plus a
# hand-written transition `match`. Builds each from clean (dependencies included), then
# again after touching the statuses (the schema; for strum, the source), and prints the
# times and the ratios to strum. Debug builds, as in the edit-compile loop.
#
#   benches/compile-time.sh [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
cargo run -q --release -p statuskit-peers --bin write-compile-crates -- "$work" "$root"
# Fetch first, so download time is not counted.
for crate in derive buildrs strum; do
    (cd "$work/$crate" && cargo fetch -q)
done

seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

declare -A clean touched
for crate in derive buildrs strum; do
    dir="$work/$crate"
    rm -rf "$dir/target"
    clean[$crate]=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml")
    if [ "$crate" = strum ]; then touch "$dir/src/lib.rs"; else touch "$dir/statuses.toml"; fi
    touched[$crate]=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml")
done

printf '%-28s %10s %8s %14s %8s\n' "crate (23 statuses)" "clean (s)" "÷ strum" "after edit (s)" "÷ strum"
for crate in derive buildrs strum; do
    printf '%-28s %10.2f %8.2f %14.2f %8.2f\n' "$crate" "${clean[$crate]}" \
        "$(echo "${clean[$crate]} / ${clean[strum]}" | bc -l)" "${touched[$crate]}" \
        "$(echo "${touched[$crate]} / ${touched[strum]}" | bc -l)"
done
