// Claim evaluation: the computation's record, then the expectation checked against it (a
// comparison, an outcome, a conjunction or disjunction, a quantifier over rows), and the erratum rule.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <thread>

#include "kappa/claims/claims.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/names.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::claims {
namespace {

std::string num_text(double x) { return io::format_number(x); }

// ------------------------------------------------------------------------------------ kappa-sweep

// kappa-sweep's evaluation: kappa-rate (mode theory) or kappa-run (mode run) at every point of the
// grid (first axis slowest, as kappa-sweep orders it), then per numeric field its min / max and the
// axis values where they are reached (the first such point).
Json evaluate_sweep(const Compute& c) {
  std::vector<io::GridAxis> axes;
  for (const auto& [k, spec] : c.grid) axes.push_back(io::parse_grid_axis(k + "=" + spec));
  const io::Grid grid(axes);
  if (grid.size() > 1000000)
    throw InputError(fmt::format("kappa-sweep: {} grid points (at most 1e6 in a claim)", grid.size()));
  std::string mode;
  io::OptionMap fixed;
  for (const auto& o : c.options) {
    if (o.first == "mode")
      mode = o.second;
    else
      fixed.push_back(o);
  }
  Json rows = Json::array(), mins = Json::object(), maxs = Json::object(), argmin = Json::object(),
       argmax = Json::object();
  for (std::uint64_t k = 0; k < grid.size(); ++k) {
    io::OptionMap opts = fixed;
    Json at = Json::object();
    const auto coords = grid.coordinates(k);
    for (std::size_t a = 0; a < axes.size(); ++a) {
      const std::string& v = axes[a].values[coords[a]];
      if (v != io::grid_opt) opts.emplace_back(axes[a].name, v);
      double x = 0;
      const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
      at[axes[a].name] = r.ec == std::errc() && r.ptr == v.data() + v.size() ? Json(x) : Json(v);
    }
    Json rec = mode == "run" ? io::evaluate_run(opts) : io::evaluate_rate(opts);
    for (const auto& [f, val] : rec.items()) {
      if (!val.is_number() || at.contains(f)) continue;
      const double x = val.get<double>();
      if (!std::isfinite(x)) continue;
      if (!mins.contains(f) || x < mins[f].get<double>()) mins[f] = x, argmin[f] = at;
      if (!maxs.contains(f) || x > maxs[f].get<double>()) maxs[f] = x, argmax[f] = at;
    }
    Json row = at;
    row.update(rec);
    rows.push_back(std::move(row));
  }
  Json out;
  out["points"] = grid.size();
  out["rows"] = std::move(rows);
  out["min"] = std::move(mins);
  out["max"] = std::move(maxs);
  out["argmin"] = std::move(argmin);
  out["argmax"] = std::move(argmax);
  return out;
}

// ------------------------------------------------------------------------------------ checks

struct Verdict {
  bool ok = false;
  std::string expected, measured, message;
  std::optional<double> value;
};

double value_of(const ValueSpec& v, const Json& record, const Json* root = nullptr) {
  return v.kind == ValueSpec::Kind::number ? v.number : v.expr->eval(record, root);
}
std::string value_text(const ValueSpec& v, const Json& record, const Json* root = nullptr) {
  switch (v.kind) {
    case ValueSpec::Kind::text: return fmt::format("\"{}\"", v.text);
    case ValueSpec::Kind::boolean: return v.boolean ? "true" : "false";
    case ValueSpec::Kind::number: return num_text(v.number);
    default: return fmt::format("{} ({})", num_text(value_of(v, record, root)), v.text);
  }
}

bool close(double m, double e, const Expect& x) {
  return std::abs(m - e) <= std::max(x.abs_tol, x.rel_tol * std::abs(e));
}
std::string tolerance_text(const Expect& x) {
  if (x.abs_tol == 0 && x.rel_tol == 0) return "exact";
  std::string s;
  if (x.abs_tol > 0) s = "abs " + num_text(x.abs_tol);
  if (x.rel_tol > 0) s += (s.empty() ? "" : ", ") + std::string("rel ") + num_text(x.rel_tol);
  return s;
}

// A kappa-run summary that diverged (any sub-record of an `each`), when divergence was not expected.
std::optional<std::string> diverged(const Json& record, const std::string& where) {
  if (!record.is_object()) return std::nullopt;
  if (record.contains("status") && record["status"].is_string() && record["status"] == "diverged")
    return where.empty() ? std::string("the run diverged") : fmt::format("run '{}' diverged", where);
  for (const auto& [k, v] : record.items())
    if (v.is_object())
      if (auto d = diverged(v, where.empty() ? k : where + "." + k)) return d;
  return std::nullopt;
}
bool may_diverge(const Expect& x) {
  if (x.op == Expect::Op::outcome) return x.outcome != "converges";
  for (const auto& p : x.parts)
    if (may_diverge(p)) return true;
  return false;
}

std::optional<std::string> outcome_of(const Json& r) {
  if (r.contains("status") && r["status"].is_string()) {
    const auto s = r["status"].get<std::string>();
    return s == "converged" ? "converges" : s == "diverged" ? "diverges" : s;
  }
  if (r.contains("converges") && r["converges"].is_boolean()) {
    if (r["converges"].get<bool>()) return "converges";
    // a rate of exactly 1 (a mode on the stability boundary) neither converges nor diverges
    if (r.contains("rate") && r["rate"].is_number() && r["rate"].get<double>() <= 1)
      return "does_not_converge";
    return "diverges";
  }
  return std::nullopt;
}

const Json& at(const Json& record, const std::string& path) {
  const Json* j = lookup(record, path);
  if (!j) throw RuntimeError(missing_field_message(record, path));
  return *j;
}

// How a row is named in a message: its index and its first scalar field ("rows.3 (lambda = 2.5)").
std::string row_name(const std::string& rows, std::size_t i, const Json& row) {
  std::string s = fmt::format("{}.{}", rows, i);
  if (row.is_object() && !row.empty()) {
    const auto it = row.begin();
    if (it.value().is_primitive())
      s += fmt::format(" ({} = {})", it.key(),
                       it.value().is_number() ? num_text(it.value().get<double>()) : it.value().dump());
  }
  return s;
}

// record: what fields refer to (a row inside for_all / for_any); root: the whole result ("$." paths).
Verdict check_expect(const Expect& x, const Json& record, const Json* root) {
  Verdict v;
  switch (x.op) {
    case Expect::Op::outcome: {
      const Json& r = at(record, x.measured.text);
      const auto o = outcome_of(r);
      if (!o) throw RuntimeError("the result has neither 'status' nor 'converges'");
      v.expected = x.outcome;
      v.measured = *o;
      v.ok = x.outcome == "does_not_converge" ? *o != "converges" : *o == x.outcome;
      return v;
    }
    case Expect::Op::is: {
      const Json& r = at(record, x.measured.text);
      if (!r.is_boolean())
        throw RuntimeError(fmt::format("field '{}' is {}, not a boolean", x.measured.text, r.dump()));
      v.expected = fmt::format("{} is {}", x.measured.text, x.value.boolean);
      v.measured = r.get<bool>() ? "true" : "false";
      v.ok = r.get<bool>() == x.value.boolean;
      return v;
    }
    case Expect::Op::all_of:
    case Expect::Op::any_of: {
      const bool all = x.op == Expect::Op::all_of;
      std::vector<std::string> exp, meas;
      v.ok = all;
      for (std::size_t i = 0; i < x.parts.size(); ++i) {
        const Verdict p = check_expect(x.parts[i], record, root);
        exp.push_back(p.expected);
        if (std::find(meas.begin(), meas.end(), p.measured) == meas.end()) meas.push_back(p.measured);
        if (all && !p.ok && v.ok) {
          v.ok = false;
          v.message = fmt::format("part {} fails: {} against {}{}", i + 1, p.measured, p.expected,
                                  p.message.empty() ? "" : " (" + p.message + ")");
        }
        if (!all && p.ok) v.ok = true;
      }
      if (!all && !v.ok) v.message = fmt::format("none of {} parts holds", x.parts.size());
      v.expected = fmt::format("{} of: {}", all ? "all" : "any", fmt::join(exp, "; "));
      v.measured = fmt::format("{}", fmt::join(meas, "; "));
      return v;
    }
    case Expect::Op::for_all:
    case Expect::Op::for_any: {
      const bool all = x.op == Expect::Op::for_all;
      const Json& rows = at(record, x.rows);
      if (!rows.is_array())
        throw RuntimeError(fmt::format("field '{}' is {}, not an array of rows", x.rows, rows.type_name()));
      if (rows.empty()) throw RuntimeError(fmt::format("field '{}' has no rows", x.rows));
      v.ok = all;
      std::size_t holding = 0;
      std::string first_failing;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        Verdict p;
        try {
          p = check_expect(x.parts[0], rows[i], root);
        } catch (const RuntimeError& e) {
          throw RuntimeError(fmt::format("{}: {}", row_name(x.rows, i, rows[i]), e.what()));
        }
        if (i == 0) v.expected = fmt::format("{} rows of {}: {}", all ? "all" : "some", x.rows, p.expected);
        holding += p.ok;
        if (all && !p.ok && v.ok) {
          v.ok = false;
          first_failing = row_name(x.rows, i, rows[i]);
          v.measured = fmt::format("{}: {}", first_failing, p.measured);
        }
        if (!all && p.ok && !v.ok) {
          v.ok = true;
          v.measured = fmt::format("{}: {}", row_name(x.rows, i, rows[i]), p.measured);
        }
      }
      if (all && v.ok) v.measured = fmt::format("all {} rows hold", rows.size());
      if (all && !v.ok)
        v.message = fmt::format("fails at {} ({} of {} rows fail)", first_failing, rows.size() - holding,
                                rows.size());
      if (!all && !v.ok) {
        v.measured = fmt::format("none of {} rows holds", rows.size());
        v.message = v.measured;
      }
      return v;
    }
    default: break;
  }
  if (x.value.kind == ValueSpec::Kind::text) {  // string equality
    const Json& r = at(record, x.measured.text);
    if (!r.is_string())
      throw RuntimeError(fmt::format("field '{}' is {}, not a string", x.measured.text, r.dump()));
    v.expected = "= " + value_text(x.value, record);
    v.measured = fmt::format("\"{}\" ({})", r.get<std::string>(), x.measured.text);
    v.ok = r.get<std::string>() == x.value.text;
    return v;
  }
  const double m = value_of(x.measured, record, root);
  v.value = m;
  v.measured = fmt::format("{} ({})", num_text(m), x.measured.text);
  const double e = value_of(x.value, record, root);
  const std::string et = value_text(x.value, record, root);
  switch (x.op) {
    case Expect::Op::equals:
      v.ok = close(m, e, x);
      v.expected = "= " + et;
      break;
    case Expect::Op::less_than:
      v.ok = m < e;
      v.expected = "< " + et;
      break;
    case Expect::Op::less_equal:
      v.ok = m <= e;
      v.expected = "<= " + et;
      break;
    case Expect::Op::greater_than:
      v.ok = m > e;
      v.expected = "> " + et;
      break;
    case Expect::Op::greater_equal:
      v.ok = m >= e;
      v.expected = ">= " + et;
      break;
    default: break;
  }
  if (!v.ok && x.op == Expect::Op::equals) v.message = fmt::format("off by {}", num_text(m - e));
  return v;
}

void check(const Claim& claim, const Json& record, Outcome& out) {
  const Expect& x = *claim.expect;
  out.tolerance = x.op == Expect::Op::equals || x.op == Expect::Op::tolerance_only ? tolerance_text(x) : "-";
  if (!may_diverge(x))
    if (auto d = diverged(record, "")) throw RuntimeError(*d + " unexpectedly");
  if (x.op == Expect::Op::tolerance_only) {  // numeric erratum
    const double m = value_of(x.measured, record);
    out.measured_value = m;
    out.measured = fmt::format("{} ({})", num_text(m), x.measured.text);
    const Erratum& e = *claim.erratum;
    const double s = value_of(e.stated, record), c = value_of(e.correct, record);
    out.expected = fmt::format("stated {} is wrong; correct {}", value_text(e.stated, record),
                               value_text(e.correct, record));
    const bool holds = close(m, c, x), refuted = !close(m, s, x);
    out.status = holds && refuted ? Status::erratum : Status::fail;
    if (!refuted)
      out.message = "the document's stated value holds: not an erratum";
    else if (!holds)
      out.message = "the corrected value does not hold either";
    return;
  }
  const Verdict v = check_expect(x, record, &record);
  out.expected = v.expected;
  out.measured = v.measured;
  out.message = v.message;
  out.measured_value = v.value;
  out.status = v.ok ? (claim.erratum ? Status::erratum : Status::pass) : Status::fail;
}

constexpr NameTable<Status, 4> kStatuses{
    {{Status::pass, "pass"}, {Status::erratum, "erratum"}, {Status::fail, "FAIL"}, {Status::error, "ERROR"}}};

}  // namespace

std::string_view to_string(Status s) { return name_of(kStatuses, s); }

Json evaluate_compute(const Compute& c) {
  switch (c.kind) {
    case Compute::Kind::tool: {
      if (c.name == "kappa-sweep") return evaluate_sweep(c);
      const ComputeKind* kind = find_compute_kind(c.name);
      if (!kind) throw InputError(fmt::format("unknown tool '{}'", c.name));
      return kind->evaluate(c.options);
    }
    case Compute::Kind::builtin: {
      Json out = Json::object();
      for (const auto& [k, v] : builtin::run_builtin(c.name, c.args)) {
        if (const double* d = std::get_if<double>(&v))
          out[k] = *d;
        else if (const bool* b = std::get_if<bool>(&v))
          out[k] = *b;
        else
          out[k] = std::get<std::string>(v);
      }
      return out;
    }
    case Compute::Kind::each: {
      Json out = Json::object();
      for (const auto& [k, sub] : c.each) out[k] = evaluate_compute(sub);
      return out;
    }
  }
  return Json::object();
}

Outcome evaluate(const Claim& claim) {
  const auto t0 = std::chrono::steady_clock::now();
  Outcome out;
  auto done = [&] {
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  };
  if (!claim.compute) {  // text erratum
    out.status = Status::erratum;
    out.expected = "correct: " + claim.erratum->correct.text;
    out.measured = "stated: " + claim.erratum->stated.text;
    out.tolerance = "-";
    out.message = "text erratum (no computation)";
    return done();
  }
  try {
    const Json record = evaluate_compute(*claim.compute);
    check(claim, record, out);
  } catch (const std::exception& e) {
    out.status = Status::error;
    out.message = io::option_message(e);
    // never the JSON library's own codes ("[json.exception.type_error.302] type must be number")
    if (out.message.rfind("[json.exception.", 0) == 0)
      if (const auto p = out.message.find("] "); p != std::string::npos) out.message.erase(0, p + 2);
    if (out.expected.empty()) out.expected = "-";
    if (out.measured.empty()) out.measured = "-";
    if (out.tolerance.empty()) out.tolerance = "-";
  }
  return done();
}

std::vector<Evaluated> evaluate_all(const std::vector<const Claim*>& claims, int jobs) {
  std::vector<Evaluated> out(claims.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < claims.size();) out[i] = {claims[i], evaluate(*claims[i])};
  };
  const auto n = static_cast<std::size_t>(std::max(1, jobs));
  std::vector<std::thread> pool;
  try {
    for (std::size_t t = 1; t < std::min(n, claims.size()); ++t) pool.emplace_back(worker);
  } catch (const std::system_error&) {
    // fewer threads than asked (a thread limit): the ones running and this one finish the work
  }
  worker();
  for (auto& t : pool) t.join();
  return out;
}

Summary summarize(const std::vector<Evaluated>& results) {
  Summary s;
  for (const auto& r : results) {
    switch (r.outcome.status) {
      case Status::pass: ++s.pass; break;
      case Status::erratum: ++s.erratum; break;
      case Status::fail: ++s.fail; break;
      case Status::error: ++s.error; break;
    }
  }
  return s;
}

}  // namespace kappa::claims
