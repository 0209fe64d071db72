// Claim files: validation errors name the claim and the JSON path; the expectation kinds and the
// erratum rule; built-in computations against values worked out by hand.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "kappa/claims/builtin.hpp"
#include "kappa/claims/claims.hpp"
#include "kappa/core/errors.hpp"

#include "helpers.hpp"

using namespace kappa;
using claims::Json;

namespace {

// The message of the InputError that loading `doc` throws.
std::string load_error(const std::string& doc) {
  return test::input_error_of([&] { claims::parse_claim_file(Json::parse(doc), "t.json"); });
}

std::string file_with(const std::string& claims) {
  return R"({"document": "test", "claims": [)" + claims + "]}";
}

const char* kMean = R"({"id": "m", "source": "s", "statement": "mean of 1, 2 is 1.5",
  "compute": {"builtin": "mean", "args": {"values": [1, 2]}}, "expect": {"field": "value", "equals": 1.5}})";

claims::Outcome run_one(const std::string& claim) {
  const auto f = claims::parse_claim_file(Json::parse(file_with(claim)), "t.json");
  REQUIRE(f.claims.size() == 1);
  return claims::evaluate(f.claims[0]);
}

}  // namespace

TEST_CASE("claims: a valid file loads") {
  const auto f = claims::parse_claim_file(Json::parse(file_with(kMean)), "t.json");
  CHECK(f.document == "test");
  REQUIRE(f.claims.size() == 1);
  CHECK(f.claims[0].id == "m");
  CHECK(f.claims[0].expect->op == claims::Expect::Op::equals);
}

TEST_CASE("claims: malformed files are rejected with the claim id and the JSON path") {
  // unknown key
  auto e =
      load_error(file_with(std::string(kMean) + R"(, {"id": "x", "source": "s", "statement": "t", "colour": 1,
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'x' at $.claims[1].colour: unknown key 'colour'") == 0);
  // missing field
  e = load_error(
      file_with(R"({"id": "y", "source": "s", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1}})"));
  CHECK(e == "t.json: claim 'y' at $.claims[0]: missing required key 'statement'");
  // wrong type
  e = load_error(file_with(R"({"id": "z", "source": "s", "statement": "t",
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1, "rel_tol": "1e-3"}})"));
  CHECK(e == "t.json: claim 'z' at $.claims[0].expect.rel_tol: expected a number, got string");
  // wrong type deep in a builtin's list argument
  e = load_error(file_with(R"({"id": "w", "source": "s", "statement": "t",
      "compute": {"builtin": "mean", "args": {"values": [1, 2, "3"]}}, "expect": {"field": "value", "equals": 1}})"));
  CHECK(e == "t.json: claim 'w' at $.claims[0].compute.args.values[2]: expected a number, got string");
  // an option kappa-rate does not have
  e = load_error(file_with(R"({"id": "r", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kapa": 10}}, "expect": {"field": "rate", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'r' at $.claims[0].compute.options: not valid kappa-rate options") == 0);
  // a claim without an id: named by its index
  e = load_error(file_with(R"({"source": "s", "statement": "t"})"));
  CHECK(e == "t.json: claim #0 at $.claims[0]: missing required key 'id'");
  // file level
  CHECK(load_error(R"({"document": "d", "claims": {}})") ==
        "t.json: at $.claims: expected an array, got object");
  CHECK(load_error(R"({"claims": []})") == "t.json: at $: missing required key 'document'");
  // duplicate id, two comparisons, tolerance on an inequality, the removed 'requires'
  CHECK(load_error(file_with(std::string(kMean) + "," + kMean)) ==
        "t.json: claim 'm' at $.claims[1].id: duplicate id");
  e = load_error(file_with(
      R"({"id": "c", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1, "less_than": 2}})"));
  CHECK(e.find("t.json: claim 'c' at $.claims[0].expect: expected exactly one of") == 0);
  e = load_error(file_with(
      R"({"id": "c", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "less_than": 2, "abs_tol": 0.1}})"));
  CHECK(
      e ==
      "t.json: claim 'c' at $.claims[0].expect.abs_tol: a tolerance applies to 'equals' (and numeric errata) only");
  e = load_error(file_with(R"({"id": "c", "source": "s", "statement": "t", "requires": ["kappa-run"],
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'c' at $.claims[0].requires: 'requires' was removed") == 0);
  // a missing builtin argument, an unknown builtin
  e = load_error(file_with(
      R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "expectation", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1}})"));
  CHECK(e ==
        "t.json: claim 'b' at $.claims[0].compute.args: missing argument 'probs' of built-in 'expectation'");
  e = load_error(file_with(R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "median"},
      "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'b' at $.claims[0].compute.builtin: unknown built-in 'median'") == 0);
  // compute without expect
  e = load_error(file_with(
      R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}}})"));
  CHECK(
      e ==
      "t.json: claim 'b' at $.claims[0]: missing required key 'expect' ('compute' and 'expect' go together)");
}

TEST_CASE("claims: equality within tolerance, inequality, outcome") {
  CHECK(run_one(kMean).status == claims::Status::pass);
  // 1.5 against 1.6: passes with rel 0.1 (|Δ| = 0.1 <= 0.16), fails with rel 0.01 and exactly.
  const std::string near =
      R"({"id": "m", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "equals": 1.6, "rel_tol": TOL}})";
  auto with = [&](const char* tol) { return std::string(near).replace(near.find("TOL"), 3, tol); };
  CHECK(run_one(with("0.1")).status == claims::Status::pass);
  CHECK(run_one(with("0.01")).status == claims::Status::fail);
  CHECK(run_one(with("0")).status == claims::Status::fail);
  // agreement of two fields: the mean with divisor 2 equals the plain mean
  CHECK(
      run_one(
          R"({"id": "a", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2], "divisor": 2}},
      "expect": {"field": "value", "equals": {"field": "mean"}}})")
          .status == claims::Status::pass);
  CHECK(
      run_one(
          R"({"id": "i", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "less_than": 1.5}})")
          .status == claims::Status::fail);
  CHECK(
      run_one(
          R"({"id": "i", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "less_equal": 1.5}})")
          .status == claims::Status::pass);
  // outcome through kappa-rate: GD at alpha = 2.01/L diverges
  CHECK(
      run_one(
          R"({"id": "o", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 10, "alpha": 0.201}},
      "expect": {"outcome": "diverges"}})")
          .status == claims::Status::pass);
  CHECK(
      run_one(
          R"({"id": "o", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 10, "alpha": 0.201}},
      "expect": {"outcome": "converges"}})")
          .status == claims::Status::fail);
}

TEST_CASE("claims: kappa-sweep computations") {
  // gd on λ ∈ [2, 50]: rate(α) = max(|1 − 2α|, |1 − 50α|): 0.98 at 0.01, 0.94 at 0.03, 1 at 0.04.
  const std::string sweep = R"({"id": "s", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-sweep", "options": {"mode": "theory", "method": "gd", "lambda-min": 2, "lambda-max": 50},
                  "grid": {"alpha": "0.01,0.03,0.04"}}, "expect": {"field": "FIELD", "equals": VALUE, "abs_tol": 1e-12}})";
  auto with = [&](const char* f, const char* v) {
    std::string x = sweep;
    x.replace(x.find("FIELD"), 5, f);
    x.replace(x.find("VALUE"), 5, v);
    return run_one(x).status;
  };
  CHECK(with("argmin.rate.alpha", "0.03") == claims::Status::pass);
  CHECK(with("min.rate", "0.94") == claims::Status::pass);
  CHECK(with("argmax.rate.alpha", "0.04") == claims::Status::pass);
  CHECK(with("max.rate", "1") == claims::Status::pass);
  CHECK(with("rows.0.rate", "0.98") == claims::Status::pass);
  CHECK(with("points", "3") == claims::Status::pass);
  CHECK(with("argmin.rate.alpha", "0.01") == claims::Status::fail);
  const auto e = load_error(file_with(R"({"id": "s", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-sweep", "options": {"method": "gd", "kappa": 10}, "grid": {"alpha": "lin:0.1:0.2:0"}},
      "expect": {"field": "points", "equals": 3}})"));
  CHECK(e.find("t.json: claim 's' at $.claims[0].compute.grid.alpha: --grid alpha=lin:0.1:0.2:0") == 0);
  CHECK(load_error(file_with(R"({"id": "s", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-sweep", "options": {"method": "gd", "kappa": 10}, "grid": {"alpha": "0.1,0.2"}},
      "expect": {"field": "points", "equals": 2}})"))
            .find("t.json: claim 's' at $.claims[0].compute.options.mode: expected") == 0);
}

TEST_CASE("claims: errata pass only when the stated value is wrong and the correct one holds") {
  const std::string base =
      R"({"id": "e", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "abs_tol": 1e-12}, "erratum": {"stated": STATED, "correct": CORRECT}})";
  auto with = [&](const char* s, const char* c) {
    std::string x = base;
    x.replace(x.find("STATED"), 6, s);
    x.replace(x.find("CORRECT"), 7, c);
    return run_one(x);
  };
  CHECK(with("1.4", "1.5").status == claims::Status::erratum);
  const auto holds = with("1.5", "1.5");  // the document is right after all
  CHECK(holds.status == claims::Status::fail);
  CHECK(holds.message == "the document's stated value holds: not an erratum");
  CHECK(with("1.4", "1.6").status == claims::Status::fail);  // neither holds
  // a numeric erratum takes no comparison key
  CHECK(
      load_error(
          file_with(
              R"({"id": "e", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1}, "erratum": {"stated": 2, "correct": 1}})"))
          .find("at $.claims[0].expect.equals: an erratum with numeric") != std::string::npos);
  // a text erratum without computation
  const auto text = run_one(
      R"({"id": "t", "source": "s", "statement": "maximize", "erratum": {"stated": "maximize", "correct": "minimize"}})");
  CHECK(text.status == claims::Status::erratum);
}

TEST_CASE("claims: failing computations are errors") {
  // probabilities that do not sum to 1: the builtin throws
  const auto bad = run_one(R"({"id": "x", "source": "s", "statement": "t",
      "compute": {"builtin": "expectation", "args": {"values": [1, 2], "probs": [0.5, 0.6]}}, "expect": {"field": "value", "equals": 1}})");
  CHECK(bad.status == claims::Status::error);
  CHECK(bad.message.find("probs: sum to") == 0);
  // a field the result does not have: the nearest fields at that level are named
  const auto nofield = run_one(R"({"id": "x", "source": "s", "statement": "t",
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "meen", "equals": 1}})");
  CHECK(nofield.status == claims::Status::error);
  CHECK(nofield.message.find("no field 'meen' in the result: no 'meen' in the result (nearest: mean, n,") ==
        0);
}

TEST_CASE("claims: an unexpectedly diverging kappa-run is an error") {
  const auto r = run_one(R"({"id": "d", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-run", "options": {"method": "gd", "kappa": 100, "alpha": 0.0201, "iters": 5000}},
      "expect": {"field": "iterations", "greater_equal": 0}})");
  CHECK(r.status == claims::Status::error);
  CHECK(r.message.find("diverged unexpectedly") != std::string::npos);
}

// ---------------------------------------------------------------------- the claim language

namespace {
// mean of [1, 2, 4]: value = 7/3, sum = 7, n = 3
std::string mean_claim(const std::string& expect) {
  return R"({"id": "m", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2, 4]}},
      "expect": )" +
         expect + "}";
}
double eval(const std::string& text, const Json& record = Json::object()) {
  return claims::Expr::parse(text).eval(record);
}
std::string expr_error(const std::string& text) {
  return test::input_error_of([&] { claims::Expr::parse(text); });
}
}  // namespace

TEST_CASE("claims: expressions against hand-computed values") {
  CHECK(eval("1 + 2 * 3") == 7);
  CHECK(eval("(1 + 2) * 3") == 9);
  CHECK(eval("2 ^ 3 ^ 2") == 512);  // right associative: 2^9
  CHECK(eval("-2 ^ 2") == -4);      // -(2^2)
  CHECK(eval("2 ^ -1") == 0.5);
  CHECK(eval("10 - 4 - 3") == 3);  // left associative
  CHECK(eval("8 / 4 / 2") == 1);
  CHECK(eval("sqrt(16) + abs(-3)") == 7);
  CHECK(eval("min(3, 1, 2) + max(4, 9)") == 10);
  CHECK(eval("log(exp(2))") == doctest::Approx(2).epsilon(1e-15));
  CHECK(eval("log10(1000)") == doctest::Approx(3).epsilon(1e-15));
  CHECK(eval("2 * pi") == doctest::Approx(6.283185307179586).epsilon(1e-15));
  // heavy ball's optimum for kappa = 100 by hand: beta = ((sqrt(k) - 1)/(sqrt(k) + 1))^2 = (9/11)^2 = 81/121
  CHECK(eval("((sqrt(100) - 1) / (sqrt(100) + 1)) ^ 2") == doctest::Approx(81.0 / 121).epsilon(1e-15));
  const Json rec = Json::parse(R"({"a": 3, "rows": [{"x": 1}, {"x": 5}], "ok": true})");
  CHECK(eval("a * rows.-1.x + rows.0.x", rec) == 16);
  CHECK(eval("ok + 1", rec) == 2);
  CHECK_THROWS_WITH_AS(eval("rows.2.x", rec), doctest::Contains("an array of 2"), RuntimeError);
  CHECK_THROWS_WITH_AS(eval("1 / (a - 3)", rec), doctest::Contains("is not finite"), RuntimeError);
  // syntax errors name the character
  CHECK(expr_error("1 +") == "expression '1 +': incomplete expression at character 3");
  CHECK(expr_error("(1 + 2") == "expression '(1 + 2': unbalanced '(' at character 6");
  CHECK(expr_error("1 + 2)") == "expression '1 + 2)': unbalanced ')' at character 6");
  CHECK(expr_error("cbrt(8)").find("unknown function 'cbrt'") != std::string::npos);
  CHECK(expr_error("sqrt(1, 2)").find("sqrt() takes one argument, got 2") != std::string::npos);
  CHECK(
      expr_error(std::string(65, '(') + "1" + std::string(65, ')')).find("more than 64 nested parentheses") !=
      std::string::npos);
  CHECK(expr_error(std::string(5000, '1')).find("expression of 5000 characters (at most 4096)") == 0);
}

TEST_CASE("claims: expressions in expectations and numbers, a changed value fails") {
  CHECK(
      run_one(mean_claim(R"({"expr": "value * n", "equals": {"field": "sum"}, "rel_tol": 1e-15})")).status ==
      claims::Status::pass);
  CHECK(run_one(mean_claim(R"({"field": "value", "equals": {"expr": "7 / 3"}, "rel_tol": 1e-15})")).status ==
        claims::Status::pass);
  const auto off =
      run_one(mean_claim(R"({"field": "value", "equals": {"expr": "7 / 3 + 0.01"}, "rel_tol": 1e-6})"));
  CHECK(off.status == claims::Status::fail);
  CHECK(off.message.find("off by") == 0);
  // a constant expression wherever a number is expected: a builtin argument, a tolerance
  CHECK(
      run_one(
          R"({"id": "m", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [{"expr": "1/4"}, 1]}},
      "expect": {"field": "value", "equals": 0.625, "abs_tol": {"expr": "1e-3 / 8"}}})")
          .status == claims::Status::pass);
  CHECK(
      load_error(file_with(
          R"({"id": "m", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [{"expr": "sum"}]}},
      "expect": {"field": "value", "equals": 1}})")) ==
      "t.json: claim 'm' at $.claims[0].compute.args.values[0].expr: expected a constant expression (no fields here)");
  CHECK(
      load_error(file_with(mean_claim(R"({"expr": "value +", "equals": 1})"))) ==
      "t.json: claim 'm' at $.claims[0].expect.expr: expression 'value +': incomplete expression at character 7");
}

TEST_CASE("claims: all_of / any_of, string equality, outcomes") {
  CHECK(run_one(
            mean_claim(
                R"({"all_of": [{"field": "value", "greater_than": 2}, {"field": "value", "less_than": 3}]})"))
            .status == claims::Status::pass);
  const auto part = run_one(
      mean_claim(R"({"all_of": [{"field": "value", "greater_than": 2}, {"field": "n", "equals": 4}]})"));
  CHECK(part.status == claims::Status::fail);
  CHECK(part.message.find("part 2 fails: 3 (n) against = 4") == 0);
  CHECK(run_one(mean_claim(R"({"any_of": [{"field": "n", "equals": 4}, {"field": "n", "equals": 3}]})"))
            .status == claims::Status::pass);
  const auto none =
      run_one(mean_claim(R"({"any_of": [{"field": "n", "equals": 4}, {"field": "n", "equals": 5}]})"));
  CHECK(none.status == claims::Status::fail);
  CHECK(none.message == "none of 2 parts holds");
  // string equality: kappa-rate's regime at lambda_max for heavy ball at its optimum is critical
  const std::string hb =
      R"({"id": "r", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "heavy-ball", "kappa": 100}},
      "expect": {"field": "regime_lambda_max", "equals": "REGIME"}})";
  auto regime = [&](const char* r) { return run_one(std::string(hb).replace(hb.find("REGIME"), 6, r)); };
  CHECK(regime("critical").status == claims::Status::pass);
  const auto wrong = regime("complex");
  CHECK(wrong.status == claims::Status::fail);
  CHECK(wrong.measured == "\"critical\" (regime_lambda_max)");
  CHECK(load_error(file_with(std::string(hb).replace(hb.find("\"REGIME\"}"), 9, "\"x\", \"rel_tol\": 1}")))
            .find("a string is compared exactly") != std::string::npos);
  // does_not_converge: GD on lambda in [1, 10] (--kappa 10) has rate max(|1 - alpha|, |1 - 10 alpha|): 1.01 at
  // alpha = 0.201 (diverges, so it does not converge), 0.9 at alpha = 0.1 (converges: the claim fails).
  const std::string gd =
      R"({"id": "g", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 10, "alpha": ALPHA}},
      "expect": {"outcome": "does_not_converge"}})";
  auto at = [&](const char* a) { return run_one(std::string(gd).replace(gd.find("ALPHA"), 5, a)).status; };
  CHECK(at("0.201") == claims::Status::pass);
  CHECK(at("0.1") == claims::Status::fail);
  // exactly on the boundary, alpha = 0.2: rate |1 - 0.2*10| = 1 (exact in binary? 0.2*10 rounds to 2): it neither
  // converges nor diverges
  CHECK(at("0.2") == claims::Status::pass);
  auto outcome_at_boundary = [&](const char* o) {
    std::string c = std::string(gd).replace(gd.find("ALPHA"), 5, "0.2");
    return run_one(c.replace(c.find("does_not_converge"), 17, o)).status;
  };
  CHECK(outcome_at_boundary("diverges") == claims::Status::fail);
  CHECK(outcome_at_boundary("converges") == claims::Status::fail);
}

TEST_CASE("claims: quantifiers over rows name the failing row") {
  // kappa-eig, gd on lambda = 1, 2, 3, 4 with alpha = 0.4: radius |1 - 0.4 lambda| = 0.6, 0.2, 0.2, 0.6
  const std::string eig = R"({"id": "q", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-eig", "options": {"method": "gd", "spectrum": "linear:1:4:4", "alpha": 0.4}}, "expect": EXPECT})";
  auto with = [&](const std::string& e) {
    return run_one(std::string(eig).replace(eig.find("EXPECT"), 6, e));
  };
  CHECK(
      with(
          R"J({"for_all": "rows", "expect": {"expr": "abs(1 - 0.4 * lambda)", "equals": {"field": "radius"}, "abs_tol": 1e-15}})J")
          .status == claims::Status::pass);
  const auto r = with(R"({"for_all": "rows", "expect": {"field": "radius", "less_than": 0.5}})");
  CHECK(r.status == claims::Status::fail);
  CHECK(r.message == "fails at rows.0 (lambda = 1) (2 of 4 rows fail)");
  CHECK(r.measured == "rows.0 (lambda = 1): 0.6 (radius)");
  CHECK(with(R"({"for_any": "rows", "expect": {"field": "radius", "less_than": 0.5}})").status ==
        claims::Status::pass);
  // "$." reaches the whole result from a row: every radius is at most the rate (the largest one, 0.6)
  CHECK(with(R"({"for_all": "rows", "expect": {"field": "radius", "less_equal": {"expr": "$.rate"}}})")
            .status == claims::Status::pass);
  // and only the row that attains it fails "<": in doubles |1 - 0.4*4| = 0.6000000000000001 > |1 - 0.4| = 0.6
  CHECK(with(R"({"for_all": "rows", "expect": {"field": "radius", "less_than": {"expr": "$.rate"}}})")
            .message == "fails at rows.3 (lambda = 4) (1 of 4 rows fail)");
  const auto none = with(R"({"for_any": "rows", "expect": {"field": "radius", "less_than": 0.1}})");
  CHECK(none.status == claims::Status::fail);
  CHECK(none.message == "none of 4 rows holds");
  // negative index: the last row
  CHECK(with(R"({"field": "rows.-1.lambda", "equals": 4})").status == claims::Status::pass);
  CHECK(with(R"({"field": "rows.-4.lambda", "equals": 1})").status == claims::Status::pass);
  CHECK(with(R"({"field": "rows.-5.lambda", "equals": 1})")
            .message.find("is an array of 4 (indexes 0..3 or -1..-4)") != std::string::npos);
  // a missing field inside a row: the nearest fields at that level
  const auto miss = with(R"({"for_all": "rows", "expect": {"field": "radios", "less_than": 1}})");
  CHECK(miss.status == claims::Status::error);
  CHECK(
      miss.message.find(
          "rows.0 (lambda = 1): no field 'radios' in the result: no 'radios' in the result (nearest: radius,") ==
      0);
}

TEST_CASE("claims: for_all over the points of a sweep") {
  // gd on lambda in [2, 50]: rate(alpha) = max(|1 - 2 alpha|, |1 - 50 alpha|) at every grid point
  const std::string sweep = R"J({"id": "s", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-sweep", "options": {"mode": "theory", "method": "gd", "lambda-min": 2, "lambda-max": 50},
                  "grid": {"alpha": "0.01,0.03,0.04,0.05"}}, "expect": EXPECT})J";
  auto with = [&](const std::string& e) {
    return run_one(std::string(sweep).replace(sweep.find("EXPECT"), 6, e));
  };
  CHECK(
      with(
          R"J({"for_all": "rows", "expect": {"field": "rate", "equals": {"expr": "max(abs(1 - 2 * alpha), abs(1 - 50 * alpha))"}, "abs_tol": 1e-15}})J")
          .status == claims::Status::pass);
  // converges only below alpha = 2/50: the points 0.04 (rate 1) and 0.05 (1.5) fail, the first named
  const auto r = with(R"({"for_all": "rows", "expect": {"field": "rate", "less_than": 1}})");
  CHECK(r.status == claims::Status::fail);
  CHECK(r.message == "fails at rows.2 (alpha = 0.04) (2 of 4 rows fail)");
}

TEST_CASE("claims: kappa-eig's two heavy-ball conventions against the matrices written out") {
  // v <- beta v - lambda w, w <- w + alpha v: on (v, w) M = [[beta, -lambda], [alpha beta, 1 - alpha lambda]];
  // on (b, w) with b = -v (torch's buffer, the lecture's slide) D M D = [[beta, lambda], [-alpha beta, 1 - alpha lambda]].
  const double a = 0.02, b = 0.5, l = 3;
  for (const char* conv : {"velocity", "buffer"}) {
    const double s = std::string(conv) == "buffer" ? -1 : 1;
    const std::string c = fmt::format(R"({{"id": "e", "source": "s", "statement": "t",
      "compute": {{"tool": "kappa-eig", "options": {{"method": "heavy-ball", "spectrum": "linear:3:3:1", "alpha": {}, "beta": {},
      "show-matrix": true, "convention": "{}"}}}}, "expect": {{"all_of": [
        {{"field": "rows.0.m11", "equals": {}, "abs_tol": 1e-15}}, {{"field": "rows.0.m12", "equals": {}, "abs_tol": 1e-15}},
        {{"field": "rows.0.m21", "equals": {}, "abs_tol": 1e-15}}, {{"field": "rows.0.m22", "equals": {}, "abs_tol": 1e-15}}]}}}})",
                                      a, b, conv, b, -s * l, s * a * b, 1 - a * l);
    CHECK_MESSAGE(run_one(c).status == claims::Status::pass, conv);
  }
  CHECK(
      load_error(file_with(R"({"id": "e", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-eig", "options": {"method": "heavy-ball", "kappa": 10, "convention": "transposed"}}, "expect": {"field": "rate", "less_than": 1}})"))
          .find(
              "compute.options: not valid kappa-eig options: --convention transposed: expected velocity or buffer") !=
      std::string::npos);
}

TEST_CASE("claims: tool options are validated at load, file references against the claim file") {
  // a value kappa-counterexample refuses, before anything runs
  CHECK(load_error(file_with(R"({"id": "c", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-counterexample", "options": {"problem": "lrp", "beta": 1.5}}, "expect": {"field": "rate_bound", "less_than": 1}})"))
            .find("not valid kappa-counterexample options: --beta 1.5: must be in [0, 1)") !=
        std::string::npos);
  CHECK(load_error(file_with(R"({"id": "c", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-gradflow", "options": {"depth": 0}}, "expect": {"field": "gain_mean", "less_than": 1}})"))
            .find("not valid kappa-gradflow options: --depth 0: must be an integer in [1, 1000]") !=
        std::string::npos);
  CHECK(load_error(file_with(R"({"id": "c", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-run", "options": {"method": "gd", "kappa": 10, "alpha": -1}}, "expect": {"field": "iterations", "less_than": 1}})"))
            .find("not valid kappa-run options:") != std::string::npos);
  // {"file": ...} resolves against base_dir and must exist
  const std::string doc = file_with(R"({"id": "f", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-rate", "options": {"method": "gd", "spectrum": "file:spectrum_spd.txt"}}, "expect": {"field": "n", "greater_than": 0}})");
  std::string e;
  try {
    claims::parse_claim_file(Json::parse(doc), "t.json", KAPPA_TEST_DATA "/..");
  } catch (const InputError& x) {
    e = x.what();
  }
  CHECK(e.find("options.spectrum: file 'spectrum_spd.txt' (resolved against the claim file: " KAPPA_TEST_DATA
               "/../spectrum_spd.txt): not a readable file") != std::string::npos);
}

TEST_CASE("claims: strict JSON: depth, duplicate keys, messages without library codes, long ids") {
  auto strict_error = [](const std::string& text) {
    return test::input_error_of([&] { claims::parse_json_strict(text, "t.json"); });
  };
  CHECK(strict_error(R"({"a": 1, "b": {"c": 2, "c": 3}})") == "t.json: duplicate key 'c' at $.b.c");
  CHECK(strict_error(std::string(100000, '[') + std::string(100000, ']'))
            .find("t.json: nested deeper than 64 levels at $[0][0]") == 0);
  CHECK(strict_error(std::string(63, '[') + std::string(63, ']')) == "(no InputError)");
  CHECK(strict_error(R"({"a": 1e412})") == "t.json: not valid JSON: number overflow parsing '1e412'");
  CHECK(
      strict_error("{") ==
      "t.json: not valid JSON: line 1, column 2: syntax error while parsing object key - unexpected end of input; expected string literal");
  CHECK(load_error(file_with(
            R"({"id": ")" + std::string(100000, 'x') +
            R"(", "source": "s", "statement": "t", "erratum": {"stated": "a", "correct": "b"}})")) ==
        "t.json: claim #0 at $.claims[0].id: id of 100000 characters (at most 200)");
  CHECK(
      load_error(file_with(
          R"({"id": "a b", "source": "s", "statement": "t", "erratum": {"stated": "a", "correct": "b"}})")) ==
      "t.json: claim #0 at $.claims[0].id: expected letters, digits and _ . : - only");
}

// ---------------------------------------------------------------------- built-ins against hand values

namespace {
double field(const builtin::Result& r, const std::string& name) {
  for (const auto& [k, v] : r)
    if (k == name) return std::get<double>(v);
  FAIL("no field " << name);
  return NAN;
}
}  // namespace

TEST_CASE("builtin: means, expectation, counts") {
  using builtin::Args;
  auto r = builtin::run_builtin(
      "mean", Args{{"values", std::vector<double>{1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}}, {"divisor", 10.0}});
  CHECK(field(r, "value") == doctest::Approx(1.3).epsilon(1e-15));  // 13/10
  CHECK(field(r, "mean") == doctest::Approx(13.0 / 11).epsilon(1e-15));
  r = builtin::run_builtin("expectation", Args{{"values", std::vector<double>{1, 2, 3}},
                                               {"probs", std::vector<double>{0.2, 0.1, 0.7}}});
  CHECK(field(r, "value") == doctest::Approx(2.5).epsilon(1e-15));
  CHECK(field(r, "variance") == doctest::Approx(0.65).epsilon(1e-14));  // 6.9 − 2.5²
  r = builtin::run_builtin("symmetric_unknowns", Args{{"n", 4.0}});
  CHECK(field(r, "unknowns") == 10);  // 4 diagonal + 6 above it
  CHECK(field(r, "slide_count") == 8);
}

TEST_CASE("builtin: Adam's second moment, overshoot, secant, Newton, BFGS by hand") {
  using builtin::Args;
  // constant gradient 2 for 5 steps: the bias-corrected average is exactly 4, AdaGrad's sum 20.
  auto r = builtin::run_builtin("second_moment", Args{{"gradients", std::vector<double>{2, 2, 2, 2, 2}}});
  CHECK(field(r, "adam_q_hat") == doctest::Approx(4).epsilon(1e-12));
  CHECK(field(r, "adagrad_sum") == 20);
  // β = 0: heavy ball is GD; λ = 1, α = 1.5: w¹ = 1 − 1.5 = −0.5, then +0.25, ...: overshoot 0.5.
  r = builtin::run_builtin("overshoot_1d",
                           Args{{"lambda", 1.0}, {"alpha", 1.5}, {"beta", 0.0}, {"iterations", 20.0}});
  CHECK(field(r, "overshoot_heavy_ball") == doctest::Approx(0.5).epsilon(1e-15));
  // Nesterov with β = 0.5, λ = 1, α = 1: v¹ = −(w + 0) = −1, w¹ = 0 (no overshoot at all).
  r = builtin::run_builtin("overshoot_1d",
                           Args{{"lambda", 1.0}, {"alpha", 1.0}, {"beta", 0.5}, {"iterations", 20.0}});
  CHECK(field(r, "overshoot_nesterov") == doctest::Approx(0).epsilon(1e-15));
  // secant on f'(w) = 4(w − 1) from 3, 2: slide's step 2 − 4·4 = −14, the true secant step 1.
  r = builtin::run_builtin("secant_1d",
                           Args{{"lambda", 4.0}, {"w_star", 1.0}, {"w_prev", 3.0}, {"w_curr", 2.0}});
  CHECK(field(r, "slide_next") == -14);
  CHECK(field(r, "secant_next") == 1);
  r = builtin::run_builtin("newton_step", Args{{"alpha", 0.25}});
  CHECK(field(r, "error_ratio") == doctest::Approx(0.75).epsilon(1e-10));
  // the BFGS formula: secant equation with −, residual 2‖Hs‖/‖y‖ with +
  r = builtin::run_builtin("bfgs_secant", Args{{"sign", -1.0}});
  CHECK(field(r, "secant_residual") < 1e-13);
  r = builtin::run_builtin("bfgs_secant", Args{{"sign", 1.0}});
  CHECK(field(r, "secant_residual") ==
        doctest::Approx(field(r, "predicted_plus_sign_residual")).epsilon(1e-10));
  CHECK(field(r, "secant_residual") > 0.1);
  // GD written out reproduces (1 − αλ)^k to rounding
  r = builtin::run_builtin(
      "gd_iterates", Args{{"lambdas", std::vector<double>{1, 50}}, {"alpha", 0.03}, {"iterations", 30.0}});
  CHECK(field(r, "max_rel_error") < 1e-13);
  CHECK(field(r, "growth") == doctest::Approx(std::pow(0.97, 30)).epsilon(1e-12));  // max(0.97, |1 − 1.5|)^30
}

TEST_CASE("builtin: argument errors name the argument") {
  using builtin::Args;
  CHECK_THROWS_WITH_AS(builtin::run_builtin("mean", Args{}), "mean: missing argument 'values'", InputError);
  CHECK_THROWS_WITH_AS(builtin::run_builtin("bfgs_secant", Args{{"sign", 2.0}}), "sign 2: must be 1 or -1",
                       InputError);
  CHECK_THROWS_WITH_AS(builtin::run_builtin("symmetric_unknowns", Args{{"n", 2.5}}),
                       "symmetric_unknowns: argument 'n' must be an integer, got 2.5", InputError);
}

TEST_CASE("builtin: document-neutral names, the lecture's kept as aliases with the same values") {
  using builtin::Args;
  REQUIRE(builtin::find_builtin("heavy_ball_vs_torch") ==
          builtin::find_builtin("heavy_ball_velocity_vs_buffer"));
  const auto r =
      builtin::run_builtin("heavy_ball_matrix", Args{{"lambda", 3.0}, {"alpha", 0.02}, {"beta", 0.5}});
  CHECK(field(r, "radius_slide") == field(r, "radius_buffer_form"));
  CHECK(field(r, "slide_step_error") == field(r, "buffer_form_step_error"));
  // the buffer form's matrix [[b, l], [-a b, 1 - a l]] has the eigenvalues of the velocity form's
  CHECK(field(r, "radius_buffer_form") == doctest::Approx(field(r, "radius_rule")).epsilon(1e-14));
  const auto s = builtin::run_builtin("symmetric_unknowns", Args{{"n", 10.0}});
  CHECK(field(s, "half_n_squared") == 50);
  CHECK(field(s, "slide_count") == 50);
}
