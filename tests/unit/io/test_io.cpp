// The io part: strict number parsing, the writers (csv/json/jsonl/table) parsed back — JSON with
// nlohmann, CSV with a small RFC 4180 reader written here — with doubles round-tripping bit for bit,
// and the atomic Sink.
#include <dirent.h>
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/io/output.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/theory/noise.hpp"

#include "helpers.hpp"

using namespace kappa;
using io::Format;
using io::Json;

namespace {

std::uint64_t bits(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// A scratch directory, removed (with its files) at scope exit.
struct TempDir {
  std::string path;
  TempDir() {
    char tmpl[] = "/tmp/kappa-io-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(path.c_str())) {
      while (const dirent* e = ::readdir(d))
        if (std::strcmp(e->d_name, ".") && std::strcmp(e->d_name, "..")) out.push_back(e->d_name);
      ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  ~TempDir() {
    for (const auto& e : entries()) std::remove((path + "/" + e).c_str());
    ::rmdir(path.c_str());
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream os;
  os << in.rdbuf();
  return os.str();
}

// Writes through a Sink into a file and returns the bytes.
std::string render(const std::function<void(io::Sink&)>& write) {
  TempDir dir;
  const std::string path = dir.path + "/out";
  {
    io::Sink sink(path);
    write(sink);
    sink.commit();
  }
  return slurp(path);
}

// RFC 4180 CSV: fields separated by ',', quoted fields with "" for a quote, rows end in '\n'.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"')
        quoted = false;
      else
        field.push_back(c);
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      field.clear();
      rows.push_back(row);
      row.clear();
      any = false;
      continue;
    } else {
      field.push_back(c);
    }
    any = true;
  }
  REQUIRE_FALSE(quoted);
  REQUIRE_FALSE(any);  // the text ends with a newline
  return rows;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Doubles that stress shortest round-trip printing.
std::vector<double> hard_doubles() {
  std::vector<double> v = {0.0,
                           -0.0,
                           1.0,
                           -1.0,
                           0.1,
                           1.0 / 3,
                           2.0 / 3,
                           99.0 / 101,
                           9.0 / 11,
                           1e-300,
                           1e300,
                           std::numeric_limits<double>::min(),
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::epsilon(),
                           123456789012345678.0,
                           5e-324,
                           0.30000000000000004,
                           100,
                           1e16,
                           1e22,
                           1e23};
  Rng rng(7);
  for (int i = 0; i < 300; ++i) {
    // Random bit patterns (finite ones), and random values in [0, 1).
    double x;
    const std::uint64_t b = rng.next_u64();
    std::memcpy(&x, &b, sizeof x);
    if (std::isfinite(x)) v.push_back(x);
    v.push_back(rng.uniform());
  }
  return v;
}

}  // namespace

// ------------------------------------------------------------------------------------------ parsing

TEST_CASE("parse_double: whole token, finite, locale-independent") {
  CHECK(io::parse_double("--x", "1.5") == 1.5);
  CHECK(io::parse_double("--x", "-2e-3") == -2e-3);
  CHECK(io::parse_double("--x", "1E3") == 1000);
  CHECK(io::parse_double("--x", ".5") == 0.5);
  CHECK(bits(io::parse_double("--x", "0.1")) == bits(0.1));
  CHECK(test::input_error_of([] { io::parse_double("--x", "abc"); }) == "--x abc: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "1.5x"); }) == "--x 1.5x: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "+1"); }) == "--x +1: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", " 1"); }) == "--x  1: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "1 "); }) == "--x 1 : expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "1,5"); }) == "--x 1,5: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "0x10"); }) == "--x 0x10: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", ""); }) == "--x: empty value: expected a number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "nan"); }) == "--x nan: expected a finite number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "-inf"); }) ==
        "--x -inf: expected a finite number");
  CHECK(test::input_error_of([] { io::parse_double("--x", "1e999"); }) ==
        "--x 1e999: out of the range of a double");
}

TEST_CASE("parse_int, parse_seed, ranges and split") {
  CHECK(io::parse_int("N", "42") == 42);
  CHECK(io::parse_int("N", "-3") == -3);
  CHECK(io::parse_int("N", "1e6") == 1000000);
  CHECK(io::parse_int("N", "100.0") == 100);
  CHECK(test::input_error_of([] { io::parse_int("N", "2.5"); }) == "N 2.5: expected an integer");
  CHECK(test::input_error_of([] { io::parse_int("N", "x"); }) == "N x: expected an integer");
  CHECK(test::input_error_of([] { io::parse_int("N", ""); }) == "N: empty value: expected an integer");
  CHECK(test::input_error_of([] { io::parse_int("N", "99999999999999999999"); }) ==
        "N 99999999999999999999: integer out of range");
  CHECK(io::parse_seed("S", "18446744073709551615") == UINT64_MAX);
  CHECK(test::input_error_of([] { io::parse_seed("S", "-1"); }) ==
        "S -1: expected a seed, an integer in [0, 2^64)");
  CHECK(test::input_error_of([] { io::parse_seed("S", "1.5"); }) ==
        "S 1.5: expected a seed, an integer in [0, 2^64)");
  CHECK(io::parse_positive("--a", "1e-300") == 1e-300);
  CHECK(test::input_error_of([] { io::parse_positive("--a", "0"); }) == "--a 0: must be > 0");
  CHECK(test::input_error_of([] { io::parse_positive("--a", "-0"); }) == "--a -0: must be > 0");
  CHECK(io::parse_unit_open("--tol", "0.5") == 0.5);
  CHECK(test::input_error_of([] { io::parse_unit_open("--tol", "1"); }) == "--tol 1: must be in (0, 1)");
  CHECK(test::input_error_of([] { io::parse_unit_open("--tol", "0"); }) == "--tol 0: must be in (0, 1)");
  CHECK(io::parse_in_range("--b", "0", 0, true, 1, false) == 0);
  CHECK(test::input_error_of([] { io::parse_in_range("--b", "1", 0, true, 1, false); }) ==
        "--b 1: must be in [0, 1)");
  CHECK(test::input_error_of([] { io::parse_in_range("--b", "1.5", 0, true, 1, true); }) ==
        "--b 1.5: must be in [0, 1]");
  CHECK(io::split("a::b:", ':') == std::vector<std::string_view>{"a", "", "b", ""});
  CHECK(io::split("", ':') == std::vector<std::string_view>{""});
  CHECK(io::format_number(0.1) == "0.1");
  CHECK(io::format_number(1e300) == "1e+300");
}

TEST_CASE("option_message: a library field re-spelled as the option a user types") {
  // The library names its fields; only the command-line layer knows the options.
  const FieldError iters("max_iter", " -1: must be >= 0");
  CHECK(std::string(iters.what()) == "max_iter -1: must be >= 0");
  CHECK(io::option_message(iters) == "--iters -1: must be >= 0");
  CHECK(io::option_message(FieldError("batch_size", " 0: must be >= 1")) == "--batch-size 0: must be >= 1");
  CHECK(io::option_message(FieldError("L", " 0: must be > 0")) == "--L 0: must be > 0");
  CHECK(io::option_message(InputError("file.csv: row 3: expected 2 cells")) ==
        "file.csv: row 3: expected 2 cells");
  // Thrown by the library itself, spelled as kappa-run's user reads it.
  try {
    noise::validate(noise::Method{});
    FAIL("an alpha of 0 was accepted");
  } catch (const FieldError& e) {
    CHECK(e.field == "alpha");
    CHECK(io::option_message(e) == "--alpha 0: must be finite and > 0");
  }
}

TEST_CASE("parse_format and json_number") {
  CHECK(io::parse_format("csv") == Format::csv);
  CHECK(io::parse_format("jsonl") == Format::jsonl);
  CHECK(io::to_string(Format::table) == "table");
  CHECK(test::input_error_of([] { io::parse_format("JSON"); }) ==
        "--format JSON: expected table, json, jsonl or csv");
  CHECK(io::json_number(0.5) == "0.5");
  CHECK(io::json_number(NAN) == "null");
  CHECK(io::json_number(-INFINITY) == "null");
  CHECK(io::json_number(-0.0) == "-0.0");  // "-0" would read back as the integer 0
  CHECK(io::json_number(0.0) == "0");
}

// ------------------------------------------------------------------------------------------ RowWriter

TEST_CASE("RowWriter csv: header, cells, quoting, nulls, non-finite, doubles round-trip bit-exactly") {
  const auto values = hard_doubles();
  const std::string text = render([&](io::Sink& sink) {
    io::RowWriter w(sink, Format::csv, {"x", "name", "n", "ok", "none"}, Json::object());
    for (std::size_t i = 0; i < values.size(); ++i)
      w.row({values[i], std::string_view(i % 2 ? "a,\"b\"\nc" : "plain"), std::int64_t(-7) * std::int64_t(i),
             i % 3 == 0, io::null_value()});
    w.row({NAN, std::string_view(""), std::int64_t(0), false, INFINITY});
    w.row({-INFINITY, std::string_view("x"), std::int64_t(1), true, 1.0});
    w.finish();
  });
  const auto rows = parse_csv(text);
  REQUIRE(rows.size() == values.size() + 3);
  CHECK(rows[0] == std::vector<std::string>{"x", "name", "n", "ok", "none"});
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto& r = rows[i + 1];
    REQUIRE(r.size() == 5);
    double back = 0;
    const auto res = std::from_chars(r[0].data(), r[0].data() + r[0].size(), back);
    CAPTURE(r[0]);
    CHECK(res.ptr == r[0].data() + r[0].size());
    CHECK(bits(back) == bits(values[i]));
    CHECK(r[1] == (i % 2 ? "a,\"b\"\nc" : "plain"));
    CHECK(r[2] == std::to_string(-7 * static_cast<long long>(i)));
    CHECK(r[3] == (i % 3 == 0 ? "true" : "false"));
    CHECK(r[4] == "");
  }
  CHECK(rows[values.size() + 1] == std::vector<std::string>{"nan", "", "0", "false", "inf"});
  CHECK(rows[values.size() + 2] == std::vector<std::string>{"-inf", "x", "1", "true", "1"});
}

TEST_CASE("RowWriter json: one document with the context, rows and extra keys, bit-exact doubles") {
  const auto values = hard_doubles();
  const Json context = {{"tool", "kappa-test"}, {"version", "0"}, {"parameters", {{"kappa", 100}}}};
  const std::string text = render([&](io::Sink& sink) {
    io::RowWriter w(sink, Format::json, {"x", "s", "n", "b", "z"}, context);
    for (std::size_t i = 0; i < values.size(); ++i)
      w.row({values[i], std::string_view("q\"\\\n\t\x01"), std::int64_t(i), i % 2 == 0, io::null_value()});
    w.row({NAN, std::string_view("inf"), std::int64_t(-1), false, INFINITY});
    Json extra;
    extra["rate"] = 0.5;
    extra["nested"] = {{"a", 1}, {"b", {1, 2}}};
    w.finish(extra);
  });
  const Json j = Json::parse(text);  // throws (fails the test) if not valid JSON
  CHECK(j["tool"] == "kappa-test");
  CHECK(j["parameters"]["kappa"] == 100);
  REQUIRE(j["rows"].size() == values.size() + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const auto& r = j["rows"][i];
    CHECK(bits(r["x"].get<double>()) == bits(values[i]));
    CHECK(r["s"] == "q\"\\\n\t\x01");
    CHECK(r["n"] == i);
    CHECK(r["b"] == (i % 2 == 0));
    CHECK(r["z"].is_null());
  }
  CHECK(j["rows"][values.size()]["x"].is_null());  // NaN and inf are null in JSON
  CHECK(j["rows"][values.size()]["z"].is_null());
  CHECK(j["rate"] == 0.5);
  CHECK(j["nested"]["b"][1] == 2);
  // Key order: the context first, then rows, then the extra keys.
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"tool", "version", "parameters", "rows", "rate", "nested"});
}

TEST_CASE("RowWriter json with no rows and an empty context is still valid JSON") {
  const Json a = Json::parse(render([](io::Sink& sink) {
    io::RowWriter w(sink, Format::json, {"x"}, Json::object());
    w.finish();
  }));
  CHECK(a["rows"].is_array());
  CHECK(a["rows"].empty());
  const Json b = Json::parse(render([](io::Sink& sink) {
    io::RowWriter w(sink, Format::json, {"x"}, Json{{"tool", "t"}});
    w.finish(Json{{"rate", nullptr}});
  }));
  CHECK(b["rows"].empty());
  CHECK(b["rate"].is_null());
}

TEST_CASE("RowWriter jsonl: the context line, then one compact object per row, appendable") {
  const auto values = hard_doubles();
  const Json context = {{"tool", "kappa-test"}, {"version", "0"}, {"parameters", Json::object()}};
  auto write = [&](io::Sink& sink) {
    io::RowWriter w(sink, Format::jsonl, {"lambda", "regime"}, context);
    for (const double x : values) w.row({x, std::string_view("real")});
    w.finish(Json{{"ignored", 1}});
  };
  const std::string text = render(write);
  const auto ls = lines(text);
  REQUIRE(ls.size() == values.size() + 1);
  CHECK(Json::parse(ls[0]) == context);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const Json r = Json::parse(ls[i + 1]);
    CHECK(bits(r["lambda"].get<double>()) == bits(values[i]));
    CHECK(r["regime"] == "real");
    CHECK(ls[i + 1].find(' ') == std::string::npos);  // compact
  }
  CHECK(text.find("ignored") == std::string::npos);
  // `>>` accumulates: two runs concatenated are still one object per line.
  const auto twice = lines(text + text);
  for (const auto& l : twice) CHECK_NOTHROW(Json::parse(l));
}

TEST_CASE("RowWriter table: aligned columns, 8 significant digits, '-' for null") {
  const std::string text = render([](io::Sink& sink) {
    io::RowWriter w(sink, Format::table, {"lambda", "a_rather_long_column_name", "regime"}, Json::object());
    w.row({1.0, 0.123456789012, std::string_view("critical")});
    w.row({100.0, io::null_value(), std::string_view("real")});
    w.row({1e-300, std::int64_t(12), true});
    w.finish();
  });
  const auto ls = lines(text);
  REQUIRE(ls.size() == 4);
  for (const auto& l : ls) CHECK(l.size() == ls[0].size());
  CHECK(ls[0] == "      lambda  a_rather_long_column_name        regime");
  CHECK(ls[1] == "           1                 0.12345679      critical");
  CHECK(ls[2] == "         100                          -          real");
  CHECK(ls[3] == "      1e-300                         12          true");
}

TEST_CASE("RowWriter streams: rows are flushed to the sink in blocks, before finish") {
  TempDir dir;
  const std::string path = dir.path + "/big.csv";
  io::Sink sink(path);
  io::RowWriter w(sink, Format::csv, {"x"}, Json::object());
  for (int i = 0; i < 20000; ++i) w.row({0.123456789 * i});
  w.flush();
  const auto tmp = dir.entries();
  REQUIRE(tmp.size() == 1);  // only the temp file exists before commit
  CHECK(tmp[0].rfind("big.csv.tmp.", 0) == 0);
  w.finish();
  sink.commit();
  const auto rows = parse_csv(slurp(path));
  CHECK(rows.size() == 20001);
  CHECK(rows.back()[0] == fmt::format("{}", 0.123456789 * 19999));
}

// --------------------------------------------------------------------------------------- write_record

TEST_CASE("write_record: json and jsonl parse back to the record, csv flattens, table lists") {
  Json rec;
  rec["tool"] = "kappa-rate";
  rec["parameters"] = {{"kappa", 100.0}, {"method", "gd"}};
  rec["rate"] = 99.0 / 101;
  rec["beta"] = nullptr;
  rec["converges"] = true;
  rec["iterations"] = 691;
  rec["note"] = "a, \"quoted\" note";
  const Json j = Json::parse(render([&](io::Sink& s) { io::write_record(s, Format::json, rec); }));
  CHECK(j == rec);
  CHECK(bits(j["rate"].get<double>()) == bits(99.0 / 101));
  const std::string jl = render([&](io::Sink& s) { io::write_record(s, Format::jsonl, rec); });
  REQUIRE(lines(jl).size() == 1);
  CHECK(Json::parse(jl) == rec);

  const auto rows = parse_csv(render([&](io::Sink& s) { io::write_record(s, Format::csv, rec); }));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"tool", "parameters.kappa", "parameters.method", "rate", "beta",
                                            "converges", "iterations", "note"});
  CHECK(rows[1][0] == "kappa-rate");
  CHECK(rows[1][1] == "100");
  CHECK(bits(std::stod(rows[1][3])) == bits(99.0 / 101));
  CHECK(rows[1][4] == "");
  CHECK(rows[1][5] == "true");
  CHECK(rows[1][6] == "691");
  CHECK(rows[1][7] == "a, \"quoted\" note");

  const auto tl = lines(render([&](io::Sink& s) { io::write_record(s, Format::table, rec); }));
  REQUIRE(tl.size() == 8);
  CHECK(tl[1] == "parameters.kappa   100");
  CHECK(tl[3] == "rate               0.9801980198");
  CHECK(tl[4] == "beta               -");
}

TEST_CASE("write_record csv: non-finite doubles are spelled out, never null") {
  Json rec;
  rec["a"] = 1.5;
  rec["b"] = std::numeric_limits<double>::infinity();
  const auto rows = parse_csv(render([&](io::Sink& s) { io::write_record(s, Format::csv, rec); }));
  CHECK(rows[1] == std::vector<std::string>{"1.5", "inf"});
}

// --------------------------------------------------------------------------------------------- Sink

TEST_CASE("Sink: commit replaces the file atomically, no commit keeps the previous file and no temp") {
  TempDir dir;
  const std::string path = dir.path + "/result.json";
  {
    io::Sink s(path);
    s.write("first\n");
    s.commit();
  }
  CHECK(slurp(path) == "first\n");
  {
    io::Sink s(path);
    s.write("second, partial");
    s.flush();
    // Before commit, the old contents are still in place and the new bytes sit in a temp file beside it.
    CHECK(slurp(path) == "first\n");
    CHECK(dir.entries().size() == 2);
  }  // destroyed without commit (an error path)
  CHECK(slurp(path) == "first\n");
  CHECK(dir.entries() == std::vector<std::string>{"result.json"});
  // An exception between write and commit behaves the same.
  try {
    io::Sink s(path);
    s.write("third");
    throw RuntimeError("boom");
  } catch (const RuntimeError&) {}
  CHECK(slurp(path) == "first\n");
  CHECK(dir.entries() == std::vector<std::string>{"result.json"});
  // A committed Sink's file has the mode a plain open() would give (0666 & ~umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));
  // A new file that was never committed never appears.
  {
    io::Sink s(dir.path + "/never.txt");
    s.write("x");
  }
  CHECK(dir.entries() == std::vector<std::string>{"result.json"});
}

TEST_CASE("Sink: an unwritable destination is a RuntimeError naming it") {
  std::string msg;
  try {
    io::Sink s("/nonexistent-dir/out.csv");
  } catch (const RuntimeError& e) {
    msg = e.what();
  }
  CHECK(msg ==
        "-o /nonexistent-dir/out.csv: cannot create a temporary file beside it: No such file or directory");
  io::Sink out("-");
  CHECK(out.is_stdout());
  CHECK(out.name() == "stdout");
}
