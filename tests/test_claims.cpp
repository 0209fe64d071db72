// Claim files: validation errors name the claim and the JSON path; the expectation kinds and the
// erratum rule; built-in computations against values worked out by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "kappa/builtin.hpp"
#include "kappa/claims.hpp"
#include "kappa/errors.hpp"

using namespace kappa;
using claims::Json;

namespace {

// The message of the InputError that loading `doc` throws ("" if none).
std::string load_error(const std::string& doc) {
  try {
    claims::parse_claim_file(Json::parse(doc), "t.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string file_with(const std::string& claims) {
  return R"({"document": "test", "claims": [)" + claims + "]}";
}

const char* kMean = R"({"id": "m", "source": "s", "statement": "mean of 1, 2 is 1.5",
  "compute": {"builtin": "mean", "args": {"values": [1, 2]}}, "expect": {"field": "value", "equals": 1.5}})";

claims::Outcome run_one(const std::string& claim, const std::map<std::string, claims::Capability>& caps = {}) {
  const auto f = claims::parse_claim_file(Json::parse(file_with(claim)), "t.json");
  REQUIRE(f.claims.size() == 1);
  return claims::evaluate(f.claims[0], caps);
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
  auto e = load_error(file_with(std::string(kMean) + R"(, {"id": "x", "source": "s", "statement": "t", "colour": 1,
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'x' at $.claims[1].colour: unknown key 'colour'") == 0);
  // missing field
  e = load_error(file_with(R"({"id": "y", "source": "s", "compute": {"builtin": "mean", "args": {"values": [1]}},
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
  CHECK(load_error(R"({"document": "d", "claims": {}})") == "t.json: at $.claims: expected an array, got object");
  CHECK(load_error(R"({"claims": []})") == "t.json: at $: missing required key 'document'");
  // duplicate id, two comparisons, tolerance on an inequality, unknown capability
  CHECK(load_error(file_with(std::string(kMean) + "," + kMean)) == "t.json: claim 'm' at $.claims[1].id: duplicate id");
  e = load_error(file_with(R"({"id": "c", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1, "less_than": 2}})"));
  CHECK(e.find("t.json: claim 'c' at $.claims[0].expect: expected exactly one of") == 0);
  e = load_error(file_with(R"({"id": "c", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "less_than": 2, "abs_tol": 0.1}})"));
  CHECK(e == "t.json: claim 'c' at $.claims[0].expect.abs_tol: a tolerance applies to 'equals' (and numeric errata) only");
  e = load_error(file_with(R"({"id": "c", "source": "s", "statement": "t", "requires": ["warp-drive"],
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'c' at $.claims[0].requires[0]: unknown capability 'warp-drive'") == 0);
  // a missing builtin argument, an unknown builtin
  e = load_error(file_with(R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "expectation", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1}})"));
  CHECK(e == "t.json: claim 'b' at $.claims[0].compute.args: missing argument 'probs' of built-in 'expectation'");
  e = load_error(file_with(R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "median"},
      "expect": {"field": "value", "equals": 1}})"));
  CHECK(e.find("t.json: claim 'b' at $.claims[0].compute.builtin: unknown built-in 'median'") == 0);
  // compute without expect
  e = load_error(file_with(R"({"id": "b", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}}})"));
  CHECK(e == "t.json: claim 'b' at $.claims[0]: missing required key 'expect' ('compute' and 'expect' go together)");
}

TEST_CASE("claims: equality within tolerance, inequality, outcome") {
  CHECK(run_one(kMean).status == claims::Status::pass);
  // 1.5 against 1.6: passes with rel 0.1 (|Δ| = 0.1 <= 0.16), fails with rel 0.01 and exactly.
  const std::string near = R"({"id": "m", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "equals": 1.6, "rel_tol": TOL}})";
  auto with = [&](const char* tol) { return std::string(near).replace(near.find("TOL"), 3, tol); };
  CHECK(run_one(with("0.1")).status == claims::Status::pass);
  CHECK(run_one(with("0.01")).status == claims::Status::fail);
  CHECK(run_one(with("0")).status == claims::Status::fail);
  // agreement of two fields: the mean with divisor 2 equals the plain mean
  CHECK(run_one(R"({"id": "a", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2], "divisor": 2}},
      "expect": {"field": "value", "equals": {"field": "mean"}}})").status == claims::Status::pass);
  CHECK(run_one(R"({"id": "i", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "less_than": 1.5}})").status == claims::Status::fail);
  CHECK(run_one(R"({"id": "i", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
      "expect": {"field": "value", "less_equal": 1.5}})").status == claims::Status::pass);
  // outcome through kappa-rate: GD at alpha = 2.01/L diverges
  CHECK(run_one(R"({"id": "o", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 10, "alpha": 0.201}},
      "expect": {"outcome": "diverges"}})").status == claims::Status::pass);
  CHECK(run_one(R"({"id": "o", "source": "s", "statement": "t", "compute": {"tool": "kappa-rate", "options": {"method": "gd", "kappa": 10, "alpha": 0.201}},
      "expect": {"outcome": "converges"}})").status == claims::Status::fail);
}

TEST_CASE("claims: errata pass only when the stated value is wrong and the correct one holds") {
  const std::string base = R"({"id": "e", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1, 2]}},
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
  CHECK(load_error(file_with(R"({"id": "e", "source": "s", "statement": "t", "compute": {"builtin": "mean", "args": {"values": [1]}},
      "expect": {"field": "value", "equals": 1}, "erratum": {"stated": 2, "correct": 1}})"))
            .find("at $.claims[0].expect.equals: an erratum with numeric") != std::string::npos);
  // a text erratum without computation
  const auto text = run_one(R"({"id": "t", "source": "s", "statement": "maximize", "erratum": {"stated": "maximize", "correct": "minimize"}})");
  CHECK(text.status == claims::Status::erratum);
}

TEST_CASE("claims: failing computations are errors, missing capabilities skips") {
  // probabilities that do not sum to 1: the builtin throws
  const auto bad = run_one(R"({"id": "x", "source": "s", "statement": "t",
      "compute": {"builtin": "expectation", "args": {"values": [1, 2], "probs": [0.5, 0.6]}}, "expect": {"field": "value", "equals": 1}})");
  CHECK(bad.status == claims::Status::error);
  CHECK(bad.message.find("probs: sum to") == 0);
  // a field the result does not have
  const auto nofield = run_one(R"({"id": "x", "source": "s", "statement": "t",
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "median", "equals": 1}})");
  CHECK(nofield.status == claims::Status::error);
  CHECK(nofield.message.find("no field 'median'") == 0);
  // a requirement that is not available: skipped with the reason, not passed
  const auto skip = run_one(R"({"id": "x", "source": "s", "statement": "t", "requires": ["kappa-sweep"],
      "compute": {"builtin": "mean", "args": {"values": [1]}}, "expect": {"field": "value", "equals": 1}})",
                            {{"kappa-sweep", {false, "not built"}}});
  CHECK(skip.status == claims::Status::skipped);
  CHECK(skip.message == "requires kappa-sweep: not built");
}

TEST_CASE("claims: an unexpectedly diverging kappa-run is an error") {
  const auto caps = claims::probe_capabilities();
  if (!caps.at("kappa-run").available) {
    MESSAGE("kappa-run not built: " << caps.at("kappa-run").reason);
    return;
  }
  const auto r = run_one(R"({"id": "d", "source": "s", "statement": "t",
      "compute": {"tool": "kappa-run", "options": {"method": "gd", "kappa": 100, "alpha": 0.0201, "iters": 5000}},
      "expect": {"field": "iterations", "greater_equal": 0}})", caps);
  CHECK(r.status == claims::Status::error);
  CHECK(r.message.find("diverged unexpectedly") != std::string::npos);
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
  auto r = builtin::run_builtin("mean", Args{{"values", std::vector<double>{1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}}, {"divisor", 10.0}});
  CHECK(field(r, "value") == doctest::Approx(1.3).epsilon(1e-15));  // 13/10
  CHECK(field(r, "mean") == doctest::Approx(13.0 / 11).epsilon(1e-15));
  r = builtin::run_builtin("expectation", Args{{"values", std::vector<double>{1, 2, 3}}, {"probs", std::vector<double>{0.2, 0.1, 0.7}}});
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
  r = builtin::run_builtin("overshoot_1d", Args{{"lambda", 1.0}, {"alpha", 1.5}, {"beta", 0.0}, {"iterations", 20.0}});
  CHECK(field(r, "overshoot_heavy_ball") == doctest::Approx(0.5).epsilon(1e-15));
  // Nesterov with β = 0.5, λ = 1, α = 1: v¹ = −(w + 0) = −1, w¹ = 0 (no overshoot at all).
  r = builtin::run_builtin("overshoot_1d", Args{{"lambda", 1.0}, {"alpha", 1.0}, {"beta", 0.5}, {"iterations", 20.0}});
  CHECK(field(r, "overshoot_nesterov") == doctest::Approx(0).epsilon(1e-15));
  // secant on f'(w) = 4(w − 1) from 3, 2: slide's step 2 − 4·4 = −14, the true secant step 1.
  r = builtin::run_builtin("secant_1d", Args{{"lambda", 4.0}, {"w_star", 1.0}, {"w_prev", 3.0}, {"w_curr", 2.0}});
  CHECK(field(r, "slide_next") == -14);
  CHECK(field(r, "secant_next") == 1);
  r = builtin::run_builtin("newton_step", Args{{"alpha", 0.25}});
  CHECK(field(r, "error_ratio") == doctest::Approx(0.75).epsilon(1e-10));
  // the BFGS formula: secant equation with −, residual 2‖Hs‖/‖y‖ with +
  r = builtin::run_builtin("bfgs_secant", Args{{"sign", -1.0}});
  CHECK(field(r, "secant_residual") < 1e-13);
  r = builtin::run_builtin("bfgs_secant", Args{{"sign", 1.0}});
  CHECK(field(r, "secant_residual") == doctest::Approx(field(r, "predicted_plus_sign_residual")).epsilon(1e-10));
  CHECK(field(r, "secant_residual") > 0.1);
  // GD written out reproduces (1 − αλ)^k to rounding
  r = builtin::run_builtin("gd_iterates", Args{{"lambdas", std::vector<double>{1, 50}}, {"alpha", 0.03}, {"iterations", 30.0}});
  CHECK(field(r, "max_rel_error") < 1e-13);
  CHECK(field(r, "growth") == doctest::Approx(std::pow(0.97, 30)).epsilon(1e-12));  // max(0.97, |1 − 1.5|)^30
}

TEST_CASE("builtin: argument errors name the argument") {
  using builtin::Args;
  CHECK_THROWS_WITH_AS(builtin::run_builtin("mean", Args{}), "mean: missing argument 'values'", InputError);
  CHECK_THROWS_WITH_AS(builtin::run_builtin("bfgs_secant", Args{{"sign", 2.0}}), "sign 2: must be 1 or -1", InputError);
  CHECK_THROWS_WITH_AS(builtin::run_builtin("symmetric_unknowns", Args{{"n", 2.5}}),
                       "symmetric_unknowns: argument 'n' must be an integer, got 2.5", InputError);
}
