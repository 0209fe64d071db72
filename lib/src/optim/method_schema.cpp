#include "kappa/optim/method_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kappa/core/format_number.hpp"
#include "kappa/optim/optimizer.hpp"

namespace kappa {

bool Interval::contains(double x) const {
  if (!std::isfinite(x)) return false;
  const bool above = lo_closed ? x >= lo : x > lo;
  const bool below = hi_closed ? x <= hi : x < hi;
  return above && below;
}

namespace {
// A bound as written in a message: integers in full (1000000, not 1e+06), else the shortest form.
std::string bound(double x) {
  if (std::trunc(x) == x && std::fabs(x) < 1e15) return fmt::format("{:.0f}", x);
  return shortest(x);
}
}  // namespace

std::string Interval::describe() const {
  if (std::isinf(hi)) {
    const char* op = lo_closed ? ">=" : ">";
    return std::isinf(lo) ? "finite" : fmt::format("finite and {} {}", op, bound(lo));
  }
  return fmt::format("in {}{}, {}{}", lo_closed ? "[" : "(", bound(lo), bound(hi), hi_closed ? "]" : ")");
}

ParamBuilder& ParamBuilder::in(double lo, double hi, bool lo_closed, bool hi_closed) {
  p.range = {lo, hi, lo_closed, hi_closed};
  return *this;
}
ParamBuilder& ParamBuilder::positive() { return in(0, std::numeric_limits<double>::infinity(), false); }
ParamBuilder& ParamBuilder::non_negative() { return in(0, std::numeric_limits<double>::infinity(), true); }
ParamBuilder& ParamBuilder::required(std::string what) {
  p.default_value.reset();
  p.needs = std::move(what);
  return *this;
}
ParamBuilder& ParamBuilder::optional() {
  p.default_value.reset();
  p.optional = true;
  return *this;
}
ParamBuilder& ParamBuilder::key(std::string k) {
  p.key = std::move(k);
  return *this;
}
ParamBuilder& ParamBuilder::option(std::string option, std::string part) {
  p.option = std::move(option);
  p.option_part = std::move(part);
  return *this;
}
ParamBuilder& ParamBuilder::torch(std::string name) {
  p.torch = std::move(name);
  return *this;
}
ParamBuilder& ParamBuilder::theory(std::string name) {
  p.theory = std::move(name);
  return *this;
}
ParamBuilder& ParamBuilder::help(std::string text) {
  p.help = std::move(text);
  return *this;
}

ParamBuilder real_param(std::string name, std::optional<double> fallback) {
  ParamBuilder b;
  b.p.name = std::move(name);
  b.p.type = ParamType::real;
  if (fallback) b.p.default_value = *fallback;
  return b;
}
ParamBuilder integer_param(std::string name, std::int64_t fallback) {
  ParamBuilder b;
  b.p.name = std::move(name);
  b.p.type = ParamType::integer;
  b.p.default_value = fallback;
  return b;
}
ParamBuilder flag_param(std::string name) {
  ParamBuilder b;
  b.p.name = std::move(name);
  b.p.type = ParamType::flag;
  b.p.default_value = false;
  return b;
}
ParamBuilder choice_param(std::string name, std::string fallback, std::vector<std::string> choices) {
  ParamBuilder b;
  b.p.name = std::move(name);
  b.p.type = ParamType::choice;
  b.p.default_value = std::move(fallback);
  b.p.choices = std::move(choices);
  return b;
}

MethodParams::MethodParams(std::initializer_list<std::pair<std::string, ParamValue>> values) {
  for (const auto& [k, v] : values) set(k, v);
}

MethodParams& MethodParams::set(const std::string& name, ParamValue value) {
  for (auto& [k, v] : values_)
    if (k == name) {
      v = std::move(value);
      return *this;
    }
  values_.emplace_back(name, std::move(value));
  return *this;
}

const ParamValue* MethodParams::find(std::string_view name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return &v;
  return nullptr;
}

const ParamSchema* MethodSchema::find(std::string_view param) const {
  for (const auto& p : params)
    if (p.name == param) return &p;
  return nullptr;
}

std::string to_string(const ParamValue& v) {
  struct {
    std::string operator()(double x) const { return shortest(x); }
    std::string operator()(std::int64_t x) const { return std::to_string(x); }
    std::string operator()(bool x) const { return x ? "true" : "false"; }
    std::string operator()(const std::string& x) const { return x; }
  } text;
  return std::visit(text, v);
}

std::optional<double> to_number(const ParamValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  return std::nullopt;
}

namespace {

// The given value checked against p: its type (an integral real is accepted for an integer, an
// integer for a real) and range or choices.
ParamValue checked(const ParamSchema& p, const ParamValue& v) {
  using Kind = ParamError::Kind;
  auto bad = [&](std::string what) {
    return ParamError(Kind::bad_value, p.name, fmt::format(" {}: {}", to_string(v), what));
  };
  switch (p.type) {
    case ParamType::real: {
      double x;
      if (const auto* d = std::get_if<double>(&v))
        x = *d;
      else if (const auto* i = std::get_if<std::int64_t>(&v))
        x = static_cast<double>(*i);
      else
        throw bad("expected a number");
      if (!p.range.contains(x)) throw bad("must be " + p.range.describe());
      return x;
    }
    case ParamType::integer: {
      std::int64_t k;
      if (const auto* i = std::get_if<std::int64_t>(&v))
        k = *i;
      else if (const auto* d = std::get_if<double>(&v);
               d && std::isfinite(*d) && std::trunc(*d) == *d && std::fabs(*d) < 9e15)
        k = static_cast<std::int64_t>(*d);
      else
        throw bad("expected an integer");
      if (!p.range.contains(static_cast<double>(k))) throw bad("must be " + p.range.describe());
      return k;
    }
    case ParamType::flag:
      if (!std::holds_alternative<bool>(v)) throw bad("expected true or false");
      return v;
    case ParamType::choice: {
      const auto* s = std::get_if<std::string>(&v);
      if (!s || std::find(p.choices.begin(), p.choices.end(), *s) == p.choices.end()) {
        std::string list;
        for (std::size_t i = 0; i < p.choices.size(); ++i)
          list += (i == 0 ? "" : i + 1 == p.choices.size() ? " or " : ", ") + p.choices[i];
        throw bad("expected " + list);
      }
      return v;
    }
  }
  return v;
}

}  // namespace

ResolvedParams::ResolvedParams(const MethodSchema& schema, const MethodParams& given) : schema_(&schema) {
  using Kind = ParamError::Kind;
  for (const auto& [name, v] : given.values())
    if (!schema.find(name))
      throw ParamError(Kind::not_a_parameter, name,
                       fmt::format(": method {} has no such parameter", schema.name));
  for (const auto& p : schema.params) {
    if (const ParamValue* v = given.find(p.name)) {
      values_.emplace_back(p.name, checked(p, *v));
      given_.push_back(p.name);
    } else if (p.default_value) {
      values_.emplace_back(p.name, *p.default_value);
    } else if (!p.optional) {
      throw ParamError(Kind::missing, p.name, fmt::format(": method {} needs {}", schema.name, p.needs));
    }
  }
}

const ParamValue& ResolvedParams::value(std::string_view name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  // A factory asking for a parameter its schema lacks (or an optional one not given): a programming error.
  throw std::logic_error(fmt::format("method {}: parameter {} has no value", schema_->name, name));
}

double ResolvedParams::real(std::string_view name) const { return std::get<double>(value(name)); }
std::int64_t ResolvedParams::integer(std::string_view name) const {
  return std::get<std::int64_t>(value(name));
}
bool ResolvedParams::flag(std::string_view name) const { return std::get<bool>(value(name)); }
const std::string& ResolvedParams::choice(std::string_view name) const {
  return std::get<std::string>(value(name));
}
std::unique_ptr<Optimizer> MethodSchema::make(const ResolvedParams& params) const {
  auto optimizer = factory(params);
  optimizer->parameters_ = params.block();
  return optimizer;
}

std::vector<std::pair<std::string, ParamValue>> ResolvedParams::block() const {
  std::vector<std::pair<std::string, ParamValue>> b;
  b.reserve(values_.size());
  for (const auto& [name, v] : values_) b.emplace_back(schema_->find(name)->output_key(), v);
  return b;
}

bool ResolvedParams::given(std::string_view name) const {
  return std::find(given_.begin(), given_.end(), name) != given_.end();
}

}  // namespace kappa
