// Strict, locale-independent number parsing for command-line values and spec tokens.
// Every failure throws InputError with one line naming the value and what was expected, e.g.
//   "--kappa abc: expected a number"   "--beta 1.5: must be in [0, 1)"
#pragma once
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kappa::io {
// An error's message as a command-line user reads it: a FieldError's field re-spelled as its option
// ("max_iter -1: must be >= 0" -> "--iters -1: must be >= 0"), any other error's what().
std::string option_message(const std::exception& e);
// The option for a library field: --NAME with '_' as '-', except where a tool's option has another
// name (max_iter is --iters).
std::string option_for_field(const std::string& field);

// The whole token must be a finite decimal number (std::from_chars: no locale, no leading '+',
// no trailing garbage, no "nan"/"inf").
double parse_double(std::string_view what, std::string_view token);
std::int64_t parse_int(std::string_view what, std::string_view token);
std::uint64_t parse_seed(std::string_view what, std::string_view token);

double parse_positive(std::string_view what, std::string_view token);   // > 0
double parse_unit_open(std::string_view what, std::string_view token);  // in (0, 1)
double parse_in_range(std::string_view what, std::string_view token, double lo, bool lo_closed, double hi,
                      bool hi_closed);

// The text with control bytes (NUL, newline, ...) escaped as \xHH, for one-line messages.
std::string printable(std::string_view s);

// Shortest round-trip text of a double (for messages).
std::string format_number(double x);

// The numbers of a text file with one value per line ('#' comments, blank lines and CRLF allowed).
// Errors: "<open_label>: cannot open: ...", "<label> line N: TOKEN: expected a number",
// "<label>: cannot read: ...". open_label defaults to label. With positive_only, values must be > 0.
std::vector<double> read_number_lines(const std::string& path, const std::string& label,
                                      bool positive_only = false, const std::string& open_label = "");

// The whole file at path ("-": standard input) as bytes: kappa's one reader of whole files (claim
// files, sidecars, CSV data). Errors name label: InputError "LABEL: cannot open: REASON";
// "LABEL: cannot read: REASON", an InputError for a directory, else a RuntimeError; InputError
// "LABEL: larger than LIMIT" as soon as more
// than max_bytes have been read (the rest is not read), LIMIT in bytes or as given by limit_text.
std::string read_whole_file(const std::string& path, const std::string& label,
                            std::size_t max_bytes = std::numeric_limits<std::size_t>::max(),
                            const std::string& limit_text = "");

// Split on a separator, keeping empty fields.
std::vector<std::string_view> split(std::string_view s, char sep);

}  // namespace kappa::io
