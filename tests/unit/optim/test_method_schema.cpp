// The method schemas (kappa/optim/method_schema.hpp) against the registry, the optimizers and the command
// line: every method's defaults are inside its ranges and echoed by its optimizer, every range is
// enforced at its ends, and every parameter has its option and its default in --help.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include "kappa/cli/optimizer_options.hpp"
#include "kappa/optim/method_schema.hpp"
#include "kappa/optim/optimizer.hpp"

using namespace kappa;

namespace {

// A valid value of p, for required parameters: inside the range, away from both ends.
ParamValue valid_value(const ParamSchema& p) {
  switch (p.type) {
    case ParamType::real: {
      const Interval& r = p.range;
      if (std::isinf(r.hi)) return (std::isinf(r.lo) ? 0.0 : r.lo) + 0.5;
      return r.lo + (r.hi - r.lo) / 2;
    }
    case ParamType::integer: return static_cast<std::int64_t>(p.range.lo) + 1;
    case ParamType::flag: return false;
    case ParamType::choice: return p.choices.front();
  }
  return 0.0;
}

MethodParams required_values(const MethodSchema& m) {
  MethodParams given;
  for (const auto& p : m.params)
    if (!p.default_value && !p.optional) given.set(p.name, valid_value(p));
  return given;
}

std::string error_of(const MethodSchema& m, const MethodParams& given) {
  try {
    m.make(ResolvedParams(m, given));
  } catch (const ParamError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("registry: one schema per method, names unique, every parameter described") {
  REQUIRE(method_schemas().size() == optimizer_names().size());
  std::set<std::string> names;
  for (const auto& m : method_schemas()) {
    CAPTURE(m.name);
    CHECK(names.insert(m.name).second);
    CHECK(static_cast<bool>(m.factory));
    CHECK(!m.summary.empty());
    CHECK(&method_schema(m.name) == &m);
    std::set<std::string> params;
    for (const auto& p : m.params) {
      CAPTURE(p.name);
      CHECK(params.insert(p.name).second);
      CHECK(!p.help.empty());
      if (!p.default_value && !p.optional) CHECK(!p.needs.empty());
      if (p.default_value && (p.type == ParamType::real || p.type == ParamType::integer)) {
        const auto x = to_number(*p.default_value);
        REQUIRE(x);
        CHECK(p.range.contains(*x));
      }
      if (p.type == ParamType::choice)
        CHECK(std::count(p.choices.begin(), p.choices.end(), std::get<std::string>(*p.default_value)) == 1);
    }
  }
  CHECK_THROWS_WITH_AS(method_schema("nope"),
                       doctest::Contains("method nope: unknown method; expected one of gd"), ParamError);
}

TEST_CASE("every optimizer echoes its schema's defaults under the schema's keys") {
  for (const auto& m : method_schemas()) {
    CAPTURE(m.name);
    const auto opt = m.make(ResolvedParams(m, required_values(m)));
    CHECK(opt->name() == m.name);
    const auto reported = opt->parameters();
    std::set<std::string> keys;
    for (const auto& p : m.params) keys.insert(p.output_key());
    for (const auto& kv : reported) {
      const std::string& k = kv.first;
      const ParamValue& v = kv.second;
      CAPTURE(k);
      // line_search_exact is derived from line_search (kept for the output's stability).
      CHECK((keys.count(k) || k == "line_search_exact"));
      for (const auto& p : m.params)
        if (p.output_key() == k && p.default_value) CHECK(v == *p.default_value);
    }
    for (const auto& p : m.params) {
      const bool reported_key = std::any_of(reported.begin(), reported.end(),
                                            [&](const auto& kv) { return kv.first == p.output_key(); });
      // Reported unless the default line search gives it no role (c1, c2, max_ls, the trial step
      // with the exact search) or it is the line search itself (reported as line_search_exact).
      const bool strong_wolfe_only = p.name == "c1" || p.name == "c2" || p.name == "max_ls" ||
                                     (p.name == "alpha" && m.find("line_search"));
      if (p.name != "line_search" && !strong_wolfe_only) CHECK_MESSAGE(reported_key, p.name);
    }
  }
}

TEST_CASE("every range is enforced at its ends, naming the parameter") {
  for (const auto& m : method_schemas())
    for (const auto& p : m.params) {
      if (p.type != ParamType::real && p.type != ParamType::integer) continue;
      CAPTURE(m.name);
      CAPTURE(p.name);
      MethodParams base = required_values(m);
      if (m.find("line_search"))
        base.set("line_search", std::string("strong-wolfe"));  // c1, c2, max_ls, alpha have a role
      auto with = [&](double x) {
        MethodParams g = base;
        if (p.type == ParamType::integer)
          g.set(p.name, static_cast<std::int64_t>(x));
        else
          g.set(p.name, x);
        return g;
      };
      const Interval& r = p.range;
      const double outside_lo = p.type == ParamType::integer ? r.lo - 1
                                : r.lo_closed                ? std::nextafter(r.lo, -INFINITY)
                                                             : r.lo;
      if (std::isfinite(r.lo)) CHECK(error_of(m, with(outside_lo)).rfind(p.name + " ", 0) == 0);
      if (std::isfinite(r.hi)) {
        const double outside_hi = p.type == ParamType::integer ? r.hi + 1
                                  : r.hi_closed                ? std::nextafter(r.hi, INFINITY)
                                                               : r.hi;
        CHECK(error_of(m, with(outside_hi)).rfind(p.name + " ", 0) == 0);
      }
      if (p.type == ParamType::real) CHECK(error_of(m, with(NAN)).rfind(p.name + " nan: must be", 0) == 0);
      // The closed ends are valid (c2 must also exceed c1: its lower end is checked against c1's default).
      if (std::isfinite(r.lo) && r.lo_closed && p.name != "c2") CHECK(error_of(m, with(r.lo)) == "no error");
    }
}

TEST_CASE("parameters a method does not have and missing required ones are refused by name") {
  CHECK(error_of(method_schema("gd"), {{"alpha", 0.1}, {"amsgrad", true}}) ==
        "amsgrad: method gd has no such parameter");
  CHECK(error_of(method_schema("heavy-ball"), {{"alpha", 0.1}}) ==
        "beta: method heavy-ball needs a momentum");
  CHECK(error_of(method_schema("sgd"), {{"alpha", std::string("fast")}}) == "alpha fast: expected a number");
  CHECK(error_of(method_schema("lbfgs"), {{"history_size", 2.5}}) == "history_size 2.5: expected an integer");
  CHECK(error_of(method_schema("adam"), {{"amsgrad", 1.0}}) == "amsgrad 1: expected true or false");
}

TEST_CASE("--help has an option for every parameter, its methods and its default") {
  boost::program_options::options_description desc;
  io::add_optimizer_options(desc);
  std::ostringstream help;
  help << desc;
  const std::string text = help.str();
  for (const auto& name : optimizer_names()) CHECK(text.find(name) != std::string::npos);
  for (const auto& m : method_schemas())
    for (const auto& p : m.params) {
      CAPTURE(m.name);
      CAPTURE(p.name);
      std::string option = p.option;
      if (option.empty()) {
        option = p.name;
        std::replace(option.begin(), option.end(), '_', '-');
      }
      const auto* o = desc.find_nothrow(option, false);
      REQUIRE(o != nullptr);
      const std::string h = o->description();
      CHECK(h.find(m.name) != std::string::npos);
      if (p.default_value && p.type != ParamType::flag)
        CHECK(h.find(to_string(*p.default_value)) != std::string::npos);
    }
  // torch's names are synonyms where they name no other parameter.
  CHECK(desc.find_nothrow("lr", false) != nullptr);
  CHECK(desc.find_nothrow("momentum", false) != nullptr);
}
