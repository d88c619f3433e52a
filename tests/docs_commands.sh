#!/usr/bin/env bash
# Runs every command of README.md and docs/*.md as a reader would type it, so the docs cannot
# drift from the programs: each ```sh block, line by line (a trailing \ joins lines), from a
# scratch directory that looks like the repository root (datasets/ is there) with the built
# programs first on PATH. The blocks of one file run in order in one directory, so a later
# command may use a model an earlier one saved. A command must exit 0, and where its comment
# states a score (`# R2: 0.517748`, `# accuracy: 0.96`) the command must print exactly that.
#
# Not run: the lines that build, install or test the project itself (scripts/quickstart.sh,
# scripts/test.sh, cmake, git clone), which CI runs in its own steps, and a block right below
# a line `<!-- not run: WHY -->` (say which test runs it instead). Each is listed in the
# output. Blocks without `sh` (synopses such as `fit --data X.csv [--target COL]`, file
# layouts, JSON) are not commands.
#
#   tests/docs_commands.sh SOURCE_DIR BIN_DIR WORK_DIR
set -uo pipefail
source_dir=$1 bin_dir=$2 work_dir=$3
export PATH="$bin_dir:$PATH"
failures=0 ran=0

# The commands of one markdown file, one per line: its line number, why it is not run (empty
# when it is), and the command.
commands_of() {
  awk '
    /^```/ {
      if (in_block) { in_block = 0 }
      else {
        in_block = ($0 ~ /^```sh[[:space:]]*$/)
        why = ""
        if (previous ~ /^<!-- not run: .* -->$/) {
          why = previous; sub(/^<!-- not run: /, "", why); sub(/ -->$/, "", why)
        }
      }
      previous = $0
      next
    }
    { previous = $0 }
    in_block {
      if (pending == "") start = FNR
      line = $0
      if (line ~ /\\$/) { sub(/\\$/, "", line); pending = pending line; next }
      print start "\037" why "\037" pending line
      pending = ""
    }' "$1"
}

is_project_step() {
  [[ $1 =~ ^[[:space:]]*(scripts/(quickstart|test)\.sh|cmake[[:space:]]|git[[:space:]]+clone) ]]
}

for doc in "$source_dir"/README.md "$source_dir"/docs/*.md; do
  name=${doc#"$source_dir"/}
  dir="$work_dir/${name//\//_}"
  # The repository root as the docs see it: the data sets, and the programs where a build put
  # them (build/release/bin), whichever build this is.
  rm -rf "$dir" && mkdir -p "$dir/build/release" && ln -s "$source_dir/datasets" "$dir/datasets"
  ln -s "$bin_dir" "$dir/build/release/bin"
  while IFS=$'\037' read -r line why command; do
    [[ -z ${command//[[:space:]]/} ]] && continue
    if [ -n "$why" ]; then
      echo "not run ($why): $name:$line: $command"
      continue
    fi
    if is_project_step "$command"; then
      echo "not run (a step of the project's own build or CI): $name:$line: $command"
      continue
    fi
    ran=$((ran + 1))
    output=$(cd "$dir" && bash -c "set -eo pipefail; $command" 2>&1 </dev/null)
    status=$?
    if [ $status -ne 0 ]; then
      echo "FAILED (exit $status): $name:$line: $command"
      echo "$output" | tail -5 | sed 's/^/    /'
      failures=$((failures + 1))
      continue
    fi
    # A score stated in the comment is what the command prints.
    if [[ $command =~ \#.*(R2|accuracy):\ ([0-9.eE+-]+) ]]; then
      stated="${BASH_REMATCH[1]}: ${BASH_REMATCH[2]}"
      if ! grep -qxF "$stated" <<<"$output"; then
        echo "WRONG OUTPUT: $name:$line: $command"
        echo "    the comment says '$stated'; the command printed:"
        echo "$output" | tail -5 | sed 's/^/    /'
        failures=$((failures + 1))
      fi
    fi
  done < <(commands_of "$doc")
done

echo "$ran commands run, $failures failed"
[ "$ran" -gt 0 ] && [ "$failures" -eq 0 ]
