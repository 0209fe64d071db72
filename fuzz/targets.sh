# Sourced by fuzz/run.sh: the sources each further fuzz target links (sources[name]="...").
sources[grid_spec]="lib/src/io/grid.cpp lib/src/io/parse.cpp lib/src/io/output.cpp lib/src/io/sink.cpp lib/src/io/cli.cpp"
sources[matrix_market]="lib/src/io/matrix_market.cpp lib/src/io/parse.cpp lib/src/spectrum.cpp"
sources[csv_data]="lib/src/io/csv_data.cpp lib/src/io/parse.cpp"
# The claim loader validates method options and grid specs, so it links the whole library.
sources[claims]="$(ls lib/src/*.cpp lib/src/*/*.cpp | tr '\n' ' ')"
# The sweep sidecar reader: the sidecar and row checks (sweep_files.cpp) and the grid parser.
sources[sweep_sidecar]="lib/src/io/sweep_files.cpp lib/src/io/grid.cpp lib/src/io/parse.cpp lib/src/io/output.cpp lib/src/io/sink.cpp lib/src/io/cli.cpp"
