#!/bin/sh
# README's test command is exactly the command CI (.ci/run) runs, so what a
# contributor runs is what decides a merge, and CI also runs the suite under
# the sanitizers. (No binary needed: it reads the two files.)
top=$(cd "$(dirname "$0")/../.." && pwd)
readme_cmd=$(sed -n 's/^\(make[^#]*[^ #]\) *# runs every test.*/\1/p' "$top/README.md")
[ -n "$readme_cmd" ] || { echo "FAIL: README has no \"make ... # runs every test\" line"; exit 1; }
grep -qxF -- "$readme_cmd" "$top/.ci/run" ||
    { echo "FAIL: .ci/run does not run README's test command: $readme_cmd"; exit 1; }
grep -qx 'make -j"$(nproc)" asan' "$top/.ci/run" ||
    { echo "FAIL: .ci/run does not run make asan"; exit 1; }
grep -qx 'export CI=true' "$top/.ci/run" ||
    { echo "FAIL: .ci/run does not make warnings errors (CI=true)"; exit 1; }
exit 0
