#!/usr/bin/env bash
# How `statuskit check` and `statuskit gen rust` grow with the schema, and what a
# 1,000-state enum costs to compile. Release build of the CLI; wall time is the best of
# three runs (hyperfine would do the same, but is not needed for seconds-scale figures).
#
#   benches/scale.sh [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
cd "$root"
cargo build -q --release -p status-cli
cargo build -q --release -p status-schema --example synthetic
bin=target/release/statuskit
synthetic=target/release/examples/synthetic

best() {
    local best=999999 start end t
    for _ in 1 2 3; do
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
    done
    echo "$best"
}

printf '%-10s %-8s %-12s %12s %10s %14s %10s\n' statuses states transitions "check (s)" "× prev" "gen rust (s)" "× prev"
prev_check="" prev_gen=""
for shape in "10 25 100" "100 25 100" "1000 25 100"; do
    set -- $shape
    file="$work/synthetic-$1.toml"
    $synthetic "$1" "$2" "$3" > "$file"
    check=$(best $bin check "$file")
    gen=$(best $bin gen rust "$file" -o "$work/out.rs")
    rc="-" rg="-"
    if [ -n "$prev_check" ]; then
        rc=$(printf '%.1f' "$(echo "$check / $prev_check" | bc -l)")
        rg=$(printf '%.1f' "$(echo "$gen / $prev_gen" | bc -l)")
    fi
    printf '%-10s %-8s %-12s %12.3f %10s %14.3f %10s\n' "$1" "$2" "$(( $1 * $3 ))" "$check" "$rc" "$gen" "$rg"
    prev_check=$check prev_gen=$gen
done

# One status of 1,000 states and 5,000 transitions, compiled in build.rs mode: the
# generated crate alone (dependencies built first), debug and release.
crate="$work/big-enum"
mkdir -p "$crate/src"
$synthetic 1 1000 5000 > "$crate/statuses.toml"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "big-enum"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
statuskit = { path = "$root" }

[build-dependencies]
status-schema = { path = "$root/status-schema" }
TOML
echo 'fn main() { status_schema::build::compile("statuses.toml").unwrap(); }' > "$crate/build.rs"
echo 'include!(concat!(env!("OUT_DIR"), "/statuses.rs"));' > "$crate/src/lib.rs"
(cd "$crate" && cargo build -q && cargo build -q --release)
lines=$(wc -l < "$(ls -d "$crate"/target/debug/build/big-enum-*/out/statuses.rs | head -1)")
for profile in dev release; do
    touch "$crate/statuses.toml"
    start=$(date +%s.%N)
    (cd "$crate" && cargo build -q --profile "$profile")
    end=$(date +%s.%N)
    printf '1,000-state enum, 5,000 transitions (%s lines generated), %-7s build of the crate: %.2f s\n' \
        "$lines" "$profile" "$(echo "$end - $start" | bc -l)"
done
