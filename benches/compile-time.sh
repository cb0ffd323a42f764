#!/usr/bin/env bash
# Compile time of seed 000's 23 statuses four ways, each in its own crate and target
# directory: statuskit's derive, statuskit's build.rs mode, the runtime alone with committed
# `statuskit gen rust` output (the floor), and strum's derives plus a hand-written
# transition `match`. Builds each from clean (dependencies included), then
# again after touching the statuses (the schema; for strum, the source), and prints the
# times and the ratios to strum. Debug builds, as in the edit-compile loop.
#
#   benches/compile-time.sh [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
cargo run -q --release -p statuskit-peers --bin write-compile-crates -- "$work" "$root"
# Fetch first, so download time is not counted.
crates="derive buildrs runtime strum"
for crate in $crates; do
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
for crate in $crates; do
    dir="$work/$crate"
    rm -rf "$dir/target"
    clean[$crate]=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml")
    # The edit: the schema, or the source where the statuses are written (for the runtime
    # row, the committed generated file, as `statuskit gen rust` rewrites it).
    case $crate in
        strum | runtime) touch "$dir/src/lib.rs" ;;
        *) touch "$dir/statuses.toml" ;;
    esac
    touched[$crate]=$(seconds cargo build -q --manifest-path "$dir/Cargo.toml")
done

printf '%-28s %10s %8s %14s %8s\n' "crate (23 statuses)" "clean (s)" "÷ strum" "after edit (s)" "÷ strum"
for crate in $crates; do
    printf '%-28s %10.2f %8.2f %14.2f %8.2f\n' "$crate" "${clean[$crate]}" \
        "$(echo "${clean[$crate]} / ${clean[strum]}" | bc -l)" "${touched[$crate]}" \
        "$(echo "${touched[$crate]} / ${touched[strum]}" | bc -l)"
done
