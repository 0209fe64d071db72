// Spectrum (lib/kappa/theory/spectrum.hpp) and the spectrum specs (lib/kappa/cli/spec.hpp): the generators'
// values from their definitions, validation, and every invalid input with its exact message.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/theory/spectrum.hpp"

#include "helpers.hpp"

using namespace kappa;

namespace {

std::string spec_error(const std::string& spec) {
  return test::input_error_of([&] { io::parse_spectrum_spec(spec); });
}

// A file in a fresh temporary directory, removed at scope exit.
struct TempFile {
  std::string dir, path;
  explicit TempFile(const std::string& bytes) {
    char tmpl[] = "/tmp/kappa-spec-XXXXXX";
    dir = ::mkdtemp(tmpl);
    path = dir + "/eig.txt";
    std::ofstream(path, std::ios::binary) << bytes;
  }
  ~TempFile() {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }
};

}  // namespace

TEST_CASE("Spectrum sorts, and reports min, max, kappa") {
  const Spectrum s({3, 1, 2, 10});
  CHECK(s.values() == std::vector<double>{1, 2, 3, 10});
  CHECK(s.lambda_min() == 1);
  CHECK(s.lambda_max() == 10);
  CHECK(s.kappa() == 10);
  CHECK(s.size() == 4);
  CHECK(Spectrum::ends(2, 8).values() == std::vector<double>{2, 8});
  CHECK(Spectrum::ends(2, 2).values() == std::vector<double>{2});
}

TEST_CASE("Spectrum rejects empty, non-positive, NaN and infinite eigenvalues") {
  CHECK(test::input_error_of([] { Spectrum(std::vector<double>{}); }) == "spectrum: no eigenvalues");
  CHECK(test::input_error_of([] {
          Spectrum({1, 0});
        }) == "spectrum: eigenvalue 0 (number 2): must be a finite number > 0");
  CHECK(test::input_error_of([] { Spectrum({-1}, "x"); }) ==
        "x: eigenvalue -1 (number 1): must be a finite number > 0");
  CHECK(test::input_error_of([] {
          Spectrum({1, NAN});
        }) == "spectrum: eigenvalue nan (number 2): must be a finite number > 0");
  CHECK(test::input_error_of([] { Spectrum({INFINITY}); }) ==
        "spectrum: eigenvalue inf (number 1): must be a finite number > 0");
}

TEST_CASE("generators: values from their definitions") {
  // linear: a + (b − a)·i/(n − 1), ends exact.
  const auto lin = Spectrum::linear(1, 3, 5);
  CHECK(lin.values() == std::vector<double>{1, 1.5, 2, 2.5, 3});
  CHECK(Spectrum::linear(0.1, 0.7, 7).lambda_max() == 0.7);  // the end is exact despite rounding
  CHECK(Spectrum::linear(4, 9, 1).values() == std::vector<double>{4});
  // geom: a·(b/a)^(i/(n−1)), log-spaced: consecutive ratios equal.
  const auto g = Spectrum::geometric(1, 1000, 4);
  REQUIRE(g.size() == 4);
  CHECK(g.values()[0] == 1);
  CHECK(g.values()[1] == doctest::Approx(10).epsilon(1e-14));
  CHECK(g.values()[2] == doctest::Approx(100).epsilon(1e-14));
  CHECK(g.values()[3] == 1000);
  const auto g2 = Spectrum::geometric(1e-3, 1e9, 101);
  for (std::size_t i = 1; i + 1 < g2.size(); ++i)
    CHECK(g2.values()[i + 1] / g2.values()[i] ==
          doctest::Approx(g2.values()[1] / g2.values()[0]).epsilon(1e-12));
  // cluster: round(frac·n) at a, the rest at b.
  const auto c = Spectrum::cluster(1, 50, 10, 0.3);
  CHECK(std::count(c.values().begin(), c.values().end(), 1.0) == 3);
  CHECK(std::count(c.values().begin(), c.values().end(), 50.0) == 7);
  CHECK(Spectrum::cluster(1, 50, 4, 0).values() == std::vector<double>{50, 50, 50, 50});
  CHECK(Spectrum::cluster(1, 50, 4, 1).values() == std::vector<double>{1, 1, 1, 1});
  const auto half = Spectrum::cluster(1, 50, 3, 0.5);  // round(1.5) = 2 at a (llround: half away from 0)
  CHECK(half.values() == std::vector<double>{1, 1, 50});
  // uniform: the ends are present, the rest are Rng(seed).uniform(a, b) draws (kappa's own transform).
  const auto u = Spectrum::uniform(2, 5, 6, 42);
  CHECK(u.lambda_min() == 2);
  CHECK(u.lambda_max() == 5);
  std::vector<double> want = {2, 5};
  Rng rng(42);
  for (int i = 0; i < 4; ++i) want.push_back(2 + 3 * (static_cast<double>(rng.next_u64() >> 11) * 0x1.0p-53));
  std::sort(want.begin(), want.end());
  CHECK(u.values() == want);
  CHECK(Spectrum::uniform(2, 5, 6, 42).values() == u.values());  // reproducible
  CHECK(Spectrum::uniform(2, 5, 6, 43).values() != u.values());  // the seed matters
  CHECK(Spectrum::uniform(2, 5, 1, 42).values() == std::vector<double>{2});
}

TEST_CASE("spec strings: each kind parses to its generator") {
  CHECK(io::parse_spectrum_spec("linear:1:3:5").values() == Spectrum::linear(1, 3, 5).values());
  CHECK(io::parse_spectrum_spec("geom:1:1e3:4").values() == Spectrum::geometric(1, 1000, 4).values());
  CHECK(io::parse_spectrum_spec("cluster:1:50:10:0.3").values() ==
        Spectrum::cluster(1, 50, 10, 0.3).values());
  CHECK(io::parse_spectrum_spec("uniform:2:5:6:42").values() == Spectrum::uniform(2, 5, 6, 42).values());
  CHECK(io::parse_spectrum_spec("linear:1:3:1e1").size() == 10);  // an integral N may be written as 1e1
  CHECK(io::parse_spectrum_spec("linear:2.5:2.5:3").kappa() == 1);
}

TEST_CASE("spec files: comments, blank lines, spaces, tabs and CRLF") {
  TempFile f(
      "# eigenvalues of a test matrix\n"
      "3.5\n"
      "\n"
      "   1e-2   # a comment after a value\n"
      "\t100\t\r\n"
      "2\r\n"
      "# trailing comment without newline");
  const auto s = io::parse_spectrum_spec("file:" + f.path);
  CHECK(s.values() == std::vector<double>{1e-2, 2, 3.5, 100});
  CHECK(io::read_spectrum_file(f.path).values() == s.values());
  TempFile one("7");  // no final newline
  CHECK(io::parse_spectrum_spec("file:" + one.path).values() == std::vector<double>{7});
}

TEST_CASE("spec: every invalid input names the token and what was expected") {
  // Non-positive, NaN, inf, B < A, N < 1, non-number tokens.
  CHECK(spec_error("linear:0:10:5") == "--spectrum linear:0:10:5: lower end 0: must be a finite number > 0");
  CHECK(spec_error("geom:-1:10:5") == "--spectrum geom:-1:10:5: lower end -1: must be a finite number > 0");
  CHECK(spec_error("linear:1:-10:5") ==
        "--spectrum linear:1:-10:5: upper end -10: must be a finite number > 0");
  CHECK(spec_error("linear:nan:10:5") == "--spectrum linear:nan:10:5: A = nan: expected a finite number");
  CHECK(spec_error("linear:1:inf:5") == "--spectrum linear:1:inf:5: B = inf: expected a finite number");
  CHECK(spec_error("linear:1:1e999:5") ==
        "--spectrum linear:1:1e999:5: B = 1e999: out of the range of a double");
  CHECK(spec_error("linear:10:1:5") ==
        "--spectrum linear:10:1:5: upper end 1 is below lower end 10: expected A <= B");
  CHECK(spec_error("geom:1:10:0") == "--spectrum geom:1:10:0: N = 0: must be at least 1");
  CHECK(spec_error("geom:1:10:-3") == "--spectrum geom:1:10:-3: N = -3: must be at least 1");
  CHECK(spec_error("linear:1:10:x") == "--spectrum linear:1:10:x: N = x: expected an integer");
  CHECK(spec_error("linear:1:10:2.5") == "--spectrum linear:1:10:2.5: N = 2.5: expected an integer");
  CHECK(spec_error("linear:abc:10:5") == "--spectrum linear:abc:10:5: A = abc: expected a number");
  CHECK(spec_error("linear:1,5:10:5") == "--spectrum linear:1,5:10:5: A = 1,5: expected a number");
  CHECK(spec_error("linear: 1:10:5") == "--spectrum linear: 1:10:5: A =  1: expected a number");
  CHECK(spec_error("linear::10:5") == "--spectrum linear::10:5: A =: empty value: expected a number");
  CHECK(spec_error("cluster:1:10:5:1.5") == "--spectrum cluster:1:10:5:1.5: FRAC = 1.5: must be in [0, 1]");
  CHECK(spec_error("uniform:1:10:5:-1") ==
        "--spectrum uniform:1:10:5:-1: SEED = -1: expected a seed, an integer in [0, 2^64)");
  // Wrong shapes and kinds.
  CHECK(spec_error("linear:1:10") ==
        "--spectrum linear:1:10: expected linear:A:B:N (3 fields after the kind, got 2)");
  CHECK(spec_error("cluster:1:10:5") ==
        "--spectrum cluster:1:10:5: expected cluster:A:B:N:FRAC (4 fields after the kind, got 3)");
  CHECK(spec_error("linear") == "--spectrum linear: expected linear:A:B:N (3 fields after the kind, got 0)");
  CHECK(spec_error("lin:1:2:3") ==
        "--spectrum lin:1:2:3: unknown kind 'lin': expected linear:A:B:N, geom:A:B:N, cluster:A:B:N:FRAC, "
        "uniform:A:B:N:SEED or file:PATH");
  CHECK(spec_error("") ==
        "--spectrum : unknown kind '': expected linear:A:B:N, geom:A:B:N, cluster:A:B:N:FRAC, "
        "uniform:A:B:N:SEED or file:PATH");
  // Too many eigenvalues: refused before allocating, and N·8 must not overflow in the message (the
  // limit itself depends on the machine's memory, so only the part before it is fixed).
  const std::string big = spec_error("linear:1:2:3000000000");
  CHECK(big.rfind(
            "--spectrum linear:1:2:3000000000: N = 3000000000: too large: the eigenvalues alone would need "
            "22888 MiB, more than the ",
            0) == 0);
  const std::string huge = spec_error("linear:1:2:9223372036854775807");
  CHECK(huge.rfind(
            "--spectrum linear:1:2:9223372036854775807: N = 9223372036854775807: too large: the eigenvalues "
            "alone would need 70368744177664 MiB",
            0) == 0);
}

TEST_CASE("spec files: unreadable, empty, bad tokens, non-positive values") {
  CHECK(spec_error("file:") == "--spectrum file:: expected file:PATH");
  CHECK(spec_error("file") == "--spectrum file: expected file:PATH");
  CHECK(spec_error("file:/nonexistent/eig.txt") ==
        "--spectrum file:/nonexistent/eig.txt: cannot open: No such file or directory");
  char tmpl[] = "/tmp/kappa-dir-XXXXXX";
  const std::string dir = ::mkdtemp(tmpl);
  CHECK(spec_error("file:" + dir) == "spectrum file " + dir + ": cannot read: Is a directory");
  ::rmdir(dir.c_str());
  TempFile empty("");
  CHECK(spec_error("file:" + empty.path) == "spectrum file " + empty.path + ": no eigenvalues (empty file?)");
  TempFile comments("# nothing\n\n   \n");
  CHECK(spec_error("file:" + comments.path) ==
        "spectrum file " + comments.path + ": no eigenvalues (empty file?)");
  TempFile bad("1\r\nabc\r\n");
  CHECK(spec_error("file:" + bad.path) == "spectrum file " + bad.path + " line 2: abc: expected a number");
  TempFile two("1 2\n");
  CHECK(spec_error("file:" + two.path) == "spectrum file " + two.path + " line 1: 1 2: expected a number");
  TempFile neg("1\n# c\n -2 \n");
  CHECK(spec_error("file:" + neg.path) ==
        "spectrum file " + neg.path + " line 3: -2: must be a finite number > 0");
  TempFile zero("0\n");
  CHECK(spec_error("file:" + zero.path) ==
        "spectrum file " + zero.path + " line 1: 0: must be a finite number > 0");
  TempFile nan("nan\n");
  CHECK(spec_error("file:" + nan.path) ==
        "spectrum file " + nan.path + " line 1: nan: expected a finite number");
  TempFile inf("1\n-inf\n");
  CHECK(spec_error("file:" + inf.path) ==
        "spectrum file " + inf.path + " line 2: -inf: expected a finite number");
}

TEST_CASE("the real matrix's spectrum file shape: one value per line is what file: reads") {
  // The committed test data is a Matrix Market file, not a spectrum: reading it as one must fail on
  // its first non-comment line (the size line "48 48 224" is not one number), naming that line.
  const std::string path = std::string(KAPPA_TEST_DATA) + "/bcsstk01.mtx";
  const std::string msg = spec_error("file:" + path);
  CHECK(msg.rfind("spectrum file " + path + " line ", 0) == 0);
  CHECK(msg.find(": expected a number") != std::string::npos);
}
