#!/usr/bin/env bash
# How `statuskit check` and `statuskit gen rust` grow with the schema, what the shapes
# that once exhausted the tool cost now, and what a 1,000-state enum costs to compile. Release build of the CLI; wall time is the best of
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
target=${CARGO_TARGET_DIR:-$root/target}
bin=$target/release/statuskit
synthetic=$target/release/examples/synthetic

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

# Shapes that once exhausted the tool: each is now refused with a located error or
# handled in time and memory linear in its size. One run each: wall time and peak RSS.
states() { seq -f '"s%.0f"' 0 $(($1 - 1)) | paste -sd, | sed 's/,/, /g'; }
{
    printf 'schema_version = 1\n\n[status.S0]\nstates = ["a", "b"]\ninitial = "a"\nterminal = ["b"]\ntransitions = { a = ["b"] }\n'
    for i in $(seq 1 999); do
        printf '\n[status.S%d]\nextends = "S%d"\nadd = ["x%d"]\ntransitions = { a = ["x%d"], x%d = ["b"] }\n' "$i" $((i - 1)) "$i" "$i" "$i"
    done
} > "$work/chain1000.toml"
printf 'schema_version = 1\n[status.Big]\nstates = [%s]\ninitial = "s0"\nterminal = ["s9999"]\ntransitions = { "*" = ["s9999"] }\n' \
    "$(states 10000)" > "$work/star1.toml"
printf 'schema_version = 1\n[status.Big]\nstates = [%s]\ninitial = "s0"\nterminal = ["s9999"]\ntransitions = { "*" = [%s] }\n' \
    "$(states 10000)" "$(states 10000)" > "$work/starall.toml"
printf 'schema_version = 1\n[status.Big]\nstates = [%s]\ninitial = "s0"\nterminal = ["s99999"]\ntransitions = { %s }\n' \
    "$(states 100000)" "$(seq 0 99998 | awk '{ printf "%ss%d = [\"s%d\"]", (NR > 1 ? ", " : ""), $1, $1 + 1 }')" \
    > "$work/big100k.toml"
measure() { /usr/bin/time -f '%e s, %M kB' "$@" 2>&1 >/dev/null | tail -1 || true; }
printf '\n%-58s %s\n' "shape: command" "wall time, peak RSS"
printf '%-58s %s\n' "1,000-deep extends chain: check (E050)" "$(measure "$bin" check "$work/chain1000.toml")"
printf '%-58s %s\n' "10,000 states, \"*\" = [last]: check (9,998 warnings)" "$(measure "$bin" check "$work/star1.toml")"
printf '%-58s %s\n' "10,000 states, \"*\" = [all 10,000]: check (E051)" "$(measure "$bin" check "$work/starall.toml")"
printf '%-58s %s\n' "100,000 states in a line: check" "$(measure "$bin" check "$work/big100k.toml")"
printf '%-58s %s\n' "100,000 states in a line: gen rust" "$(measure "$bin" gen rust "$work/big100k.toml" -o "$work/big100k.rs")"
printf '%-58s %s\n' "/dev/zero as the schema: check (refused)" "$(measure "$bin" check /dev/zero)"
echo

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
crate_target=${CARGO_TARGET_DIR:-$crate/target}
lines=$(wc -l < "$(ls -td "$crate_target"/debug/build/big-enum-*/out/statuses.rs | head -1)")
for profile in dev release; do
    touch "$crate/statuses.toml"
    start=$(date +%s.%N)
    (cd "$crate" && cargo build -q --profile "$profile")
    end=$(date +%s.%N)
    printf '1,000-state enum, 5,000 transitions (%s lines generated), %-7s build of the crate: %.2f s\n' \
        "$lines" "$profile" "$(echo "$end - $start" | bc -l)"
done
