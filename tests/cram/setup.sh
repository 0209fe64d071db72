# Sourced first by every tests/cram/*.t: cram runs each file in an empty temporary directory; the
# documented commands are written as run from the repository's root, so link the parts they read
# (tests/data, experiments/claims) and give them a build/ to write into. The tools are on PATH (ctest
# puts the build's bin directory first).
ln -s "$TESTDIR/../../tests" tests
ln -s "$TESTDIR/../../experiments" experiments
mkdir -p build
