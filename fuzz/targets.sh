# Sources each fuzz target links (sourced by fuzz/run.sh).
io_core="lib/src/io/parse.cpp lib/src/io/output.cpp lib/src/io/cli.cpp"
sources[grid_spec]="lib/src/io/grid.cpp $io_core lib/src/io/spec.cpp lib/src/spectrum.cpp"
sources[matrix_market]="lib/src/io/matrix_market.cpp lib/src/io/parse.cpp"
sources[csv_data]="lib/src/io/csv_data.cpp lib/src/io/parse.cpp lib/src/data/dataset.cpp"
