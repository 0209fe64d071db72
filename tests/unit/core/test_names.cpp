// Enum spellings (kappa/core/names.hpp): each public to_string has an inverse that gives back every
// value, and the spellings are the ones the tools' options and outputs document.
#include <doctest/doctest.h>

#include "kappa/core/names.hpp"
#include "kappa/io/output.hpp"
#include "kappa/problems/data.hpp"
#include "kappa/run/run.hpp"
#include "kappa/theory/pep.hpp"
#include "kappa/theory/theory.hpp"

using namespace kappa;

namespace {
enum class Colour { red, green };
constexpr NameTable<Colour, 2> kColours{{{Colour::red, "red"}, {Colour::green, "green"}}};
}  // namespace

TEST_CASE("name_of and value_named read one table both ways, and tell an unknown name or value apart") {
  static_assert(name_of(kColours, Colour::green) == "green");
  static_assert(value_named(kColours, "red") == Colour::red);
  CHECK_FALSE(value_named(kColours, "blue").has_value());
  CHECK_FALSE(value_named(kColours, "Red").has_value());  // exact spelling only
  CHECK(name_of(kColours, static_cast<Colour>(7)) == "?");
}

TEST_CASE("every spelled enum value parses back to itself, with the documented spellings") {
  using theory::Method;
  for (const Method m : theory::all_methods()) CHECK(theory::method_from_string(theory::to_string(m)) == m);
  CHECK(theory::to_string(Method::nesterov_lecture) == "nesterov-lecture");
  for (const auto m : {pep::Method::gd, pep::Method::heavy_ball, pep::Method::nesterov})
    CHECK(pep::method_from_string(pep::to_string(m)) == m);
  for (const auto i : {pep::Initial::dist, pep::Initial::f_gap, pep::Initial::f_gap_dist})
    CHECK(pep::initial_from_string(pep::to_string(i)) == i);
  for (const auto x : {pep::Measure::dist, pep::Measure::f_gap, pep::Measure::grad_norm})
    CHECK(pep::measure_from_string(pep::to_string(x)) == x);
  for (const auto f : {io::Format::table, io::Format::json, io::Format::jsonl, io::Format::csv})
    CHECK(io::parse_format(io::to_string(f)) == f);
  for (const auto d : {data::Model::least_squares, data::Model::logistic, data::Model::sigmoid_fit})
    CHECK(data::model_from_string(data::to_string(d)) == d);
  CHECK(data::to_string(data::Model::sigmoid_fit) == "sigmoid-fit");
  for (const auto r : {StopRule::dist, StopRule::f_gap}) CHECK(stop_rule_from_string(to_string(r)) == r);
  CHECK(to_string(RunStatus::max_iter) == "max_iter");
  CHECK(theory::to_string(theory::Regime::critical) == "critical");
}
