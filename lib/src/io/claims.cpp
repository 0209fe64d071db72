// Claim files: loading with validation (every error names the file, the claim and the JSON path),
// capability probes, and the evaluation of one claim. Format: kappa/claims.hpp, README.md (kappa-check, claim file schema).
#include "kappa/claims.hpp"

#include <fmt/format.h>

#include <atomic>
#include <charconv>
#include <functional>
#include <thread>
#include <chrono>
#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "kappa/errors.hpp"
#include "kappa/grid.hpp"
#include "kappa/io/method_options.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/io/spec.hpp"
#include "kappa/optimizer.hpp"
#include "kappa/optimizers.hpp"
#include "kappa/theory.hpp"

namespace po = boost::program_options;

namespace kappa::claims {
namespace {

const std::vector<std::string> kTools = {"kappa-rate", "kappa-eig", "kappa-run", "kappa-sweep"};

// ------------------------------------------------------------------------------------ validation

struct Ctx {
  const std::string& file;
  std::string claim;  // "claim 'id'" or "claim #3" or "" (file level)

  [[noreturn]] void fail(const std::string& path, const std::string& msg) const {
    if (claim.empty()) throw InputError(fmt::format("{}: at {}: {}", file, path, msg));
    throw InputError(fmt::format("{}: {} at {}: {}", file, claim, path, msg));
  }
  void keys(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed) const {
    for (const auto& [k, v] : obj.items()) {
      bool ok = false;
      for (const char* a : allowed) ok = ok || k == a;
      if (!ok) {
        std::string list;
        for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(path + "." + k, fmt::format("unknown key '{}' (expected one of: {})", k, list));
      }
    }
  }
  const Json& object(const Json& j, const std::string& path) const {
    if (!j.is_object()) fail(path, fmt::format("expected an object, got {}", j.type_name()));
    return j;
  }
  std::string string(const Json& j, const std::string& path) const {
    if (!j.is_string()) fail(path, fmt::format("expected a string, got {}", j.type_name()));
    return j.get<std::string>();
  }
  double number(const Json& j, const std::string& path) const {
    if (!j.is_number()) fail(path, fmt::format("expected a number, got {}", j.type_name()));
    const double x = j.get<double>();
    if (!std::isfinite(x)) fail(path, "expected a finite number");
    return x;
  }
  const Json& required(const Json& obj, const char* key, const std::string& path) const {
    if (!obj.contains(key)) fail(path, fmt::format("missing required key '{}'", key));
    return obj[key];
  }
};

std::string option_text(const Ctx& ctx, const Json& v, const std::string& path) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return io::format_number(ctx.number(v, path));
  ctx.fail(path, fmt::format("expected a string, number or boolean, got {}", v.type_name()));
}

po::options_description tool_options(const std::string& tool) {
  po::options_description desc;
  if (tool == "kappa-rate") {
    io::add_rate_options(desc);
  } else {  // kappa-eig
    io::add_method_options(desc);
    io::add_spectrum_options(desc);
    desc.add_options()("show-matrix", po::bool_switch(), "matrix entries");
  }
  return desc;
}

Compute parse_compute(const Ctx& ctx, const Json& j, const std::string& path) {
  ctx.object(j, path);
  Compute c;
  const int kinds = int(j.contains("tool")) + int(j.contains("builtin")) + int(j.contains("each"));
  if (kinds != 1) ctx.fail(path, "expected exactly one of 'tool', 'builtin', 'each'");
  if (j.contains("tool")) {
    c.kind = Compute::Kind::tool;
    c.name = ctx.string(j["tool"], path + ".tool");
    if (std::find(kTools.begin(), kTools.end(), c.name) == kTools.end())
      ctx.fail(path + ".tool", fmt::format("unknown tool '{}' (expected kappa-rate, kappa-eig, kappa-run or kappa-sweep)", c.name));
    if (c.name == "kappa-sweep") ctx.keys(j, path, {"tool", "options", "grid"});
    else ctx.keys(j, path, {"tool", "options"});
    const Json& opts = ctx.object(ctx.required(j, "options", path), path + ".options");
    for (const auto& [k, v] : opts.items()) c.options.emplace_back(k, option_text(ctx, v, path + ".options." + k));
    if (c.name == "kappa-sweep") {
      const Json& grid = ctx.object(ctx.required(j, "grid", path), path + ".grid");
      if (grid.empty()) ctx.fail(path + ".grid", "expected at least one axis");
      for (const auto& [k, v] : grid.items()) {
        const std::string spec = ctx.string(v, path + ".grid." + k);
        try {
          io::parse_grid_axis(k + "=" + spec);
        } catch (const std::exception& e) {
          ctx.fail(path + ".grid." + k, e.what());
        }
        c.grid.emplace_back(k, spec);
      }
      const auto mode = std::find_if(c.options.begin(), c.options.end(), [](const auto& o) { return o.first == "mode"; });
      if (mode == c.options.end() || (mode->second != "theory" && mode->second != "run"))
        ctx.fail(path + ".options.mode", "expected \"theory\" (kappa-rate at each point) or \"run\" (kappa-run)");
    } else if (c.name != "kappa-run") {  // kappa-run's options are checked when it runs
      try {
        io::parse_option_map(tool_options(c.name), c.options);
      } catch (const std::exception& e) {
        ctx.fail(path + ".options", fmt::format("not valid {} options: {}", c.name, e.what()));
      }
    }
  } else if (j.contains("builtin")) {
    ctx.keys(j, path, {"builtin", "args"});
    c.kind = Compute::Kind::builtin;
    c.name = ctx.string(j["builtin"], path + ".builtin");
    const builtin::Builtin* b = builtin::find_builtin(c.name);
    if (!b) {
      std::string names;
      for (const auto& x : builtin::builtins()) names += (names.empty() ? "" : ", ") + x.name;
      ctx.fail(path + ".builtin", fmt::format("unknown built-in '{}' (known: {})", c.name, names));
    }
    const Json empty = Json::object();
    const Json& args = j.contains("args") ? ctx.object(j["args"], path + ".args") : empty;
    for (const auto& [k, v] : args.items()) {
      const std::string p = path + ".args." + k;
      const std::string& key = k;  // clang 14 cannot capture a structured binding
      const auto spec = std::find_if(b->args.begin(), b->args.end(), [&](const auto& s) { return s.name == key; });
      if (spec == b->args.end()) {
        std::string names;
        for (const auto& s : b->args) names += (names.empty() ? "" : ", ") + s.name;
        ctx.fail(p, fmt::format("unknown argument '{}' of built-in '{}' (expected: {})", k, c.name, names));
      }
      switch (spec->type) {
        case builtin::ArgType::number: c.args.emplace(k, ctx.number(v, p)); break;
        case builtin::ArgType::integer: {
          const double x = ctx.number(v, p);
          if (x != std::floor(x)) ctx.fail(p, fmt::format("expected an integer, got {}", io::format_number(x)));
          c.args.emplace(k, x);
          break;
        }
        case builtin::ArgType::name: c.args.emplace(k, ctx.string(v, p)); break;
        case builtin::ArgType::list: {
          if (!v.is_array()) ctx.fail(p, fmt::format("expected an array of numbers, got {}", v.type_name()));
          std::vector<double> xs;
          for (std::size_t i = 0; i < v.size(); ++i) xs.push_back(ctx.number(v[i], fmt::format("{}[{}]", p, i)));
          c.args.emplace(k, std::move(xs));
          break;
        }
      }
    }
    for (const auto& s : b->args)
      if (s.required && !c.args.count(s.name))
        ctx.fail(path + ".args", fmt::format("missing argument '{}' of built-in '{}'", s.name, c.name));
  } else {
    ctx.keys(j, path, {"each"});
    c.kind = Compute::Kind::each;
    const Json& each = ctx.object(j["each"], path + ".each");
    if (each.empty()) ctx.fail(path + ".each", "expected at least one named computation");
    for (const auto& [k, v] : each.items()) c.each.emplace_back(k, parse_compute(ctx, v, path + ".each." + k));
  }
  return c;
}

ValueSpec parse_value(const Ctx& ctx, const Json& j, const std::string& path, bool allow_text) {
  ValueSpec v;
  if (j.is_number()) {
    v.kind = ValueSpec::Kind::number;
    v.number = ctx.number(j, path);
  } else if (j.is_object()) {
    ctx.keys(j, path, {"field"});
    v.kind = ValueSpec::Kind::field;
    v.text = ctx.string(ctx.required(j, "field", path), path + ".field");
  } else if (allow_text && j.is_string()) {
    v.kind = ValueSpec::Kind::text;
    v.text = j.get<std::string>();
  } else {
    ctx.fail(path, fmt::format("expected a number or {{\"field\": PATH}}{}, got {}", allow_text ? " or a string" : "",
                               j.type_name()));
  }
  return v;
}

Expect parse_expect(const Ctx& ctx, const Json& j, const std::string& path, bool numeric_erratum) {
  ctx.object(j, path);
  ctx.keys(j, path, {"field", "equals", "less_than", "less_equal", "greater_than", "greater_equal", "outcome", "is",
                     "abs_tol", "rel_tol"});
  Expect e;
  static const std::pair<const char*, Expect::Op> ops[] = {
      {"equals", Expect::Op::equals},         {"less_than", Expect::Op::less_than},
      {"less_equal", Expect::Op::less_equal}, {"greater_than", Expect::Op::greater_than},
      {"greater_equal", Expect::Op::greater_equal}, {"outcome", Expect::Op::outcome},
      {"is", Expect::Op::is}};
  int count = 0;
  const char* op_key = nullptr;
  for (const auto& [k, op] : ops)
    if (j.contains(k)) {
      ++count;
      e.op = op;
      op_key = k;
    }
  if (numeric_erratum) {
    if (count) ctx.fail(path + "." + op_key, "an erratum with numeric 'stated'/'correct' compares the field with them; remove this key");
    e.op = Expect::Op::tolerance_only;
  } else if (count != 1) {
    ctx.fail(path, "expected exactly one of equals, less_than, less_equal, greater_than, greater_equal, outcome, is");
  }
  if (j.contains("field")) e.field = ctx.string(j["field"], path + ".field");
  else if (e.op != Expect::Op::outcome) ctx.fail(path, "missing required key 'field'");
  const bool tolerant = e.op == Expect::Op::equals || e.op == Expect::Op::tolerance_only;
  for (const char* k : {"abs_tol", "rel_tol"}) {
    if (!j.contains(k)) continue;
    if (!tolerant) ctx.fail(path + "." + k, "a tolerance applies to 'equals' (and numeric errata) only");
    const double t = ctx.number(j[k], path + "." + k);
    if (t < 0) ctx.fail(path + "." + k, "must be >= 0");
    (std::string(k) == "abs_tol" ? e.abs_tol : e.rel_tol) = t;
  }
  if (e.op == Expect::Op::outcome) {
    e.outcome = ctx.string(j["outcome"], path + ".outcome");
    if (e.outcome != "converges" && e.outcome != "diverges")
      ctx.fail(path + ".outcome", fmt::format("'{}': expected converges or diverges", e.outcome));
  } else if (e.op == Expect::Op::is) {
    if (!j["is"].is_boolean()) ctx.fail(path + ".is", fmt::format("expected a boolean, got {}", j["is"].type_name()));
    e.value.kind = ValueSpec::Kind::boolean;
    e.value.boolean = j["is"].get<bool>();
  } else if (op_key) {
    e.value = parse_value(ctx, j[op_key], path + "." + op_key, false);
  }
  return e;
}

Claim parse_claim(const std::string& file, const Json& j, std::size_t index, std::set<std::string>& ids) {
  const std::string path = fmt::format("$.claims[{}]", index);
  Ctx ctx{file, fmt::format("claim #{}", index)};
  if (j.is_object() && j.contains("id") && j["id"].is_string()) ctx.claim = fmt::format("claim '{}'", j["id"].get<std::string>());
  ctx.object(j, path);
  ctx.keys(j, path, {"id", "source", "statement", "compute", "expect", "erratum", "requires", "note"});
  Claim c;
  c.file = file;
  c.json_path = path;
  c.id = ctx.string(ctx.required(j, "id", path), path + ".id");
  static const std::regex id_re("[A-Za-z0-9_.:-]+");
  if (!std::regex_match(c.id, id_re)) ctx.fail(path + ".id", "expected letters, digits and _ . : - only");
  if (!ids.insert(c.id).second) ctx.fail(path + ".id", "duplicate id");
  c.source = ctx.string(ctx.required(j, "source", path), path + ".source");
  c.statement = ctx.string(ctx.required(j, "statement", path), path + ".statement");
  if (j.contains("note")) c.note = ctx.string(j["note"], path + ".note");
  if (j.contains("erratum")) {
    const std::string p = path + ".erratum";
    const Json& e = ctx.object(j["erratum"], p);
    ctx.keys(e, p, {"stated", "correct", "note"});
    Erratum er;
    er.stated = parse_value(ctx, ctx.required(e, "stated", p), p + ".stated", true);
    er.correct = parse_value(ctx, ctx.required(e, "correct", p), p + ".correct", true);
    if ((er.stated.kind == ValueSpec::Kind::text) != (er.correct.kind == ValueSpec::Kind::text))
      ctx.fail(p, "'stated' and 'correct' must both be values (numbers / {\"field\": ...}) or both text");
    if (e.contains("note")) er.note = ctx.string(e["note"], p + ".note");
    c.erratum = er;
  }
  if (j.contains("requires")) {
    const std::string p = path + ".requires";
    if (!j["requires"].is_array()) ctx.fail(p, fmt::format("expected an array of strings, got {}", j["requires"].type_name()));
    for (std::size_t i = 0; i < j["requires"].size(); ++i) {
      const std::string r = ctx.string(j["requires"][i], fmt::format("{}[{}]", p, i));
      const auto& known = known_capabilities();
      if (std::find(known.begin(), known.end(), r) == known.end())
        ctx.fail(fmt::format("{}[{}]", p, i), fmt::format("unknown capability '{}' (known: {})", r, fmt::join(known, ", ")));
      c.requires_.push_back(r);
    }
  }
  const bool numeric_erratum = c.erratum && c.erratum->numeric();
  if (j.contains("compute") != j.contains("expect"))
    ctx.fail(path, fmt::format("missing required key '{}' ('compute' and 'expect' go together)", j.contains("compute") ? "expect" : "compute"));
  if (j.contains("compute")) {
    c.compute = parse_compute(ctx, j["compute"], path + ".compute");
    c.expect = parse_expect(ctx, j["expect"], path + ".expect", numeric_erratum);
  } else {
    if (!c.erratum) ctx.fail(path, "missing required key 'compute' (only a text erratum may go without)");
    if (numeric_erratum) ctx.fail(path, "missing required key 'compute' (a numeric erratum needs a computation)");
  }
  return c;
}

// ------------------------------------------------------------------------------------ evaluation

std::string num_text(double x) { return io::format_number(x); }

const Json* lookup(const Json& record, const std::string& path) {
  const Json* cur = &record;
  for (const auto part : io::split(path, '.')) {
    const std::string key(part);
    if (cur->is_object()) {
      if (!cur->contains(key)) return nullptr;
      cur = &(*cur)[key];
    } else if (cur->is_array()) {
      std::size_t i = 0;
      const auto r = std::from_chars(key.data(), key.data() + key.size(), i);
      if (r.ec != std::errc() || r.ptr != key.data() + key.size() || i >= cur->size()) return nullptr;
      cur = &(*cur)[i];
    } else {
      return nullptr;
    }
  }
  return cur;
}

std::string field_list(const Json& record) {
  std::vector<std::string> names;
  if (record.is_object())
    for (const auto& [k, v] : record.items()) names.push_back(k);
  return fmt::format("{}", fmt::join(names, ", "));
}

// A numeric field of the record; throws RuntimeError when absent or not a finite number.
double number_at(const Json& record, const std::string& path) {
  const Json* j = lookup(record, path);
  if (!j) throw RuntimeError(fmt::format("no field '{}' in the result (fields: {})", path, field_list(record)));
  if (j->is_boolean()) return j->get<bool>() ? 1.0 : 0.0;
  if (!j->is_number()) throw RuntimeError(fmt::format("field '{}' is {}, not a number", path, j->dump()));
  const double x = j->get<double>();
  if (!std::isfinite(x)) throw RuntimeError(fmt::format("field '{}' is not finite", path));
  return x;
}

double resolve(const ValueSpec& v, const Json& record) {
  return v.kind == ValueSpec::Kind::field ? number_at(record, v.text) : v.number;
}
std::string value_text(const ValueSpec& v, const Json& record) {
  if (v.kind == ValueSpec::Kind::text) return v.text;
  if (v.kind == ValueSpec::Kind::boolean) return v.boolean ? "true" : "false";
  if (v.kind == ValueSpec::Kind::field) return fmt::format("{} ({})", num_text(resolve(v, record)), v.text);
  return num_text(v.number);
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

std::optional<std::string> outcome_of(const Json& r) {
  if (r.contains("status") && r["status"].is_string()) {
    const auto s = r["status"].get<std::string>();
    return s == "converged" ? "converges" : s == "diverged" ? "diverges" : s;
  }
  if (r.contains("converges") && r["converges"].is_boolean()) return r["converges"].get<bool>() ? "converges" : "diverges";
  return std::nullopt;
}

void check(const Claim& claim, const Json& record, Outcome& out) {
  const Expect& x = *claim.expect;
  out.tolerance = x.op == Expect::Op::equals || x.op == Expect::Op::tolerance_only ? tolerance_text(x) : "-";
  if (x.op != Expect::Op::outcome || x.outcome != "diverges")
    if (auto d = diverged(record, "")) throw RuntimeError(*d + " unexpectedly");
  const bool erratum = claim.erratum.has_value();
  auto settle = [&](bool ok) { out.status = ok ? (erratum ? Status::erratum : Status::pass) : Status::fail; };
  switch (x.op) {
    case Expect::Op::outcome: {
      const Json* r = x.field.empty() ? &record : lookup(record, x.field);
      if (!r) throw RuntimeError(fmt::format("no field '{}' in the result", x.field));
      const auto o = outcome_of(*r);
      if (!o) throw RuntimeError("the result has neither 'status' nor 'converges'");
      out.expected = x.outcome;
      out.measured = *o;
      settle(*o == x.outcome);
      return;
    }
    case Expect::Op::is: {
      const Json* r = lookup(record, x.field);
      if (!r) throw RuntimeError(fmt::format("no field '{}' in the result (fields: {})", x.field, field_list(record)));
      if (!r->is_boolean()) throw RuntimeError(fmt::format("field '{}' is {}, not a boolean", x.field, r->dump()));
      out.expected = fmt::format("{} is {}", x.field, x.value.boolean);
      out.measured = r->get<bool>() ? "true" : "false";
      settle(r->get<bool>() == x.value.boolean);
      return;
    }
    default: break;
  }
  const double m = number_at(record, x.field);
  out.measured_value = m;
  out.measured = fmt::format("{} ({})", num_text(m), x.field);
  if (x.op == Expect::Op::tolerance_only) {  // numeric erratum
    const Erratum& e = *claim.erratum;
    const double s = resolve(e.stated, record), c = resolve(e.correct, record);
    out.expected = fmt::format("stated {} is wrong; correct {}", value_text(e.stated, record), value_text(e.correct, record));
    const bool holds = close(m, c, x), refuted = !close(m, s, x);
    out.status = holds && refuted ? Status::erratum : Status::fail;
    if (!refuted) out.message = "the document's stated value holds: not an erratum";
    else if (!holds) out.message = "the corrected value does not hold either";
    return;
  }
  const double e = resolve(x.value, record);
  const std::string et = value_text(x.value, record);
  bool ok = false;
  switch (x.op) {
    case Expect::Op::equals: ok = close(m, e, x); out.expected = "= " + et; break;
    case Expect::Op::less_than: ok = m < e; out.expected = "< " + et; break;
    case Expect::Op::less_equal: ok = m <= e; out.expected = "<= " + et; break;
    case Expect::Op::greater_than: ok = m > e; out.expected = "> " + et; break;
    case Expect::Op::greater_equal: ok = m >= e; out.expected = ">= " + et; break;
    default: break;
  }
  settle(ok);
  if (!ok && x.op == Expect::Op::equals) out.message = fmt::format("off by {}", num_text(m - e));
}

}  // namespace

// ------------------------------------------------------------------------------------ public

ClaimFile parse_claim_file(const Json& doc, const std::string& path) {
  Ctx ctx{path, ""};
  ctx.object(doc, "$");
  ctx.keys(doc, "$", {"document", "description", "claims"});
  ClaimFile f;
  f.path = path;
  f.document = ctx.string(ctx.required(doc, "document", "$"), "$.document");
  if (doc.contains("description")) ctx.string(doc["description"], "$.description");
  const Json& claims = ctx.required(doc, "claims", "$");
  if (!claims.is_array()) ctx.fail("$.claims", fmt::format("expected an array, got {}", claims.type_name()));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < claims.size(); ++i) f.claims.push_back(parse_claim(path, claims[i], i, ids));
  return f;
}

ClaimFile load_claim_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(fmt::format("{}: cannot open the file", path));
  std::stringstream ss;
  ss << in.rdbuf();
  Json doc;
  try {
    doc = Json::parse(ss.str());
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number beyond a double ("1e412", found by fuzz_claims).
    throw InputError(fmt::format("{}: not valid JSON: {}", path, e.what()));
  }
  return parse_claim_file(doc, path);
}

const std::vector<std::string>& known_capabilities() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v = {"kappa-run", "bfgs_update", "kappa-sweep"};
    for (const auto& m : optimizer_names()) v.push_back("method:" + m);
    return v;
  }();
  return names;
}

std::map<std::string, Capability> probe_capabilities() {
  std::map<std::string, Capability> caps;
  // kappa-run: the placeholder throws RuntimeError for any options; the real one rejects an empty
  // option map as bad input (InputError).
  try {
    io::evaluate_run({});
    caps["kappa-run"] = {true, ""};
  } catch (const RuntimeError& e) {
    caps["kappa-run"] = {false, e.what()};
  } catch (const std::exception&) {
    caps["kappa-run"] = {true, ""};
  }
  try {
    optimizers::bfgs_update(Eigen::MatrixXd::Identity(1, 1), Eigen::VectorXd::Ones(1), Eigen::VectorXd::Ones(1), -1.0);
    caps["bfgs_update"] = {true, ""};
  } catch (const std::exception& e) {
    caps["bfgs_update"] = {false, e.what()};
  }
  // method:NAME: the placeholders throw RuntimeError; a real factory builds the optimizer or, when
  // its defaults do not suffice (gd needs --alpha), rejects the settings with InputError.
  for (const auto& m : optimizer_names()) {
    try {
      make_optimizer(m, OptimizerSettings{});
      caps["method:" + m] = {true, ""};
    } catch (const RuntimeError& e) {
      caps["method:" + m] = {false, e.what()};
    } catch (const std::exception&) {
      caps["method:" + m] = {true, ""};
    }
  }
  caps["kappa-sweep"] = {true, ""};  // io::Grid with evaluate_rate / evaluate_run, as kappa-sweep does
  return caps;
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::pass: return "pass";
    case Status::erratum: return "erratum";
    case Status::fail: return "FAIL";
    case Status::error: return "ERROR";
    case Status::skipped: return "skipped";
  }
  return "?";
}

Json evaluate_eig(const io::OptionMap& options) {
  const auto vm = io::parse_option_map(tool_options("kappa-eig"), options);
  const auto method = io::method_from_options(vm);
  const auto spectrum = io::spectrum_from_options(vm);
  if (!spectrum) throw InputError("no spectrum: give --kappa K, --lambda-min A --lambda-max B, or --spectrum SPEC");
  const auto resolved = io::resolve_params(method, *spectrum, vm);
  const auto& p = resolved.params;
  Json out;
  out["method"] = theory::to_string(method);
  out["alpha"] = p.alpha;
  out["beta"] = theory::has_momentum(method) ? Json(p.beta) : Json(nullptr);
  out["params_source"] = resolved.source;
  Json rows = Json::array();
  for (const double lambda : spectrum->values()) {
    const auto e = theory::mode_eigen(method, lambda, p);
    Json r;
    r["lambda"] = lambda;
    r["sigma1_re"] = e.sigma1.real();
    r["sigma1_im"] = e.sigma1.imag();
    r["sigma2_re"] = e.dim == 2 ? Json(e.sigma2.real()) : Json(nullptr);
    r["sigma2_im"] = e.dim == 2 ? Json(e.sigma2.imag()) : Json(nullptr);
    r["radius"] = e.radius;
    r["regime"] = theory::to_string(e.regime);
    if (vm["show-matrix"].as<bool>()) {
      const auto t = theory::iteration_matrix(method, lambda, p);
      r["m11"] = t.m[0][0];
      r["m12"] = t.dim == 2 ? Json(t.m[0][1]) : Json(nullptr);
      r["m21"] = t.dim == 2 ? Json(t.m[1][0]) : Json(nullptr);
      r["m22"] = t.dim == 2 ? Json(t.m[1][1]) : Json(nullptr);
    }
    rows.push_back(std::move(r));
  }
  out["rows"] = std::move(rows);
  out["rate"] = theory::rate(method, *spectrum, p);
  return out;
}

// kappa-sweep's evaluation: kappa-rate (mode theory) or kappa-run (mode run) at every point of the
// grid (first axis slowest, as kappa-sweep orders it), then per numeric field its min / max and the
// axis values where they are reached (the first such point).
Json evaluate_sweep(const Compute& c) {
  std::vector<io::GridAxis> axes;
  for (const auto& [k, spec] : c.grid) axes.push_back(io::parse_grid_axis(k + "=" + spec));
  const io::Grid grid(axes);
  if (grid.size() > 1000000) throw InputError(fmt::format("kappa-sweep: {} grid points (at most 1e6 in a claim)", grid.size()));
  std::string mode;
  io::OptionMap fixed;
  for (const auto& o : c.options) {
    if (o.first == "mode") mode = o.second;
    else fixed.push_back(o);
  }
  Json rows = Json::array(), mins = Json::object(), maxs = Json::object(), argmin = Json::object(), argmax = Json::object();
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

Json evaluate_compute(const Compute& c) {
  switch (c.kind) {
    case Compute::Kind::tool:
      if (c.name == "kappa-sweep") return evaluate_sweep(c);
      if (c.name == "kappa-rate") return io::evaluate_rate(c.options);
      if (c.name == "kappa-eig") return evaluate_eig(c.options);
      return io::evaluate_run(c.options);
    case Compute::Kind::builtin: {
      Json out = Json::object();
      for (const auto& [k, v] : builtin::run_builtin(c.name, c.args)) {
        if (const double* d = std::get_if<double>(&v)) out[k] = *d;
        else if (const bool* b = std::get_if<bool>(&v)) out[k] = *b;
        else out[k] = std::get<std::string>(v);
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

Outcome evaluate(const Claim& claim, const std::map<std::string, Capability>& capabilities) {
  const auto t0 = std::chrono::steady_clock::now();
  Outcome out;
  auto done = [&] {
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
  };
  for (const auto& r : claim.requires_) {
    const auto it = capabilities.find(r);
    if (it == capabilities.end() || !it->second.available) {
      out.status = Status::skipped;
      out.message = fmt::format("requires {}: {}", r, it == capabilities.end() ? "unknown" : it->second.reason);
      out.expected = out.measured = out.tolerance = "-";
      return done();
    }
  }
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
    out.message = e.what();
    if (out.expected.empty()) out.expected = "-";
    if (out.measured.empty()) out.measured = "-";
    if (out.tolerance.empty()) out.tolerance = "-";
  }
  return done();
}


// ------------------------------------------------------------------------------------ reports

std::vector<Evaluated> evaluate_all(const std::vector<const Claim*>& claims, int jobs,
                                    const std::map<std::string, Capability>& capabilities) {
  std::vector<Evaluated> out(claims.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < claims.size();) out[i] = {claims[i], evaluate(*claims[i], capabilities)};
  };
  const auto n = static_cast<std::size_t>(std::max(1, jobs));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min(n, claims.size()); ++t) pool.emplace_back(worker);
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
      case Status::skipped: ++s.skipped; break;
    }
  }
  return s;
}

std::string compute_kind(const Claim& c) {
  if (!c.compute) return "text";
  std::function<std::string(const Compute&)> kind = [&](const Compute& x) -> std::string {
    if (x.kind == Compute::Kind::tool) return x.name;
    if (x.kind == Compute::Kind::builtin) return "builtin:" + x.name;
    std::vector<std::string> parts;
    for (const auto& [k, sub] : x.each) parts.push_back(kind(sub));
    return fmt::format("each({})", fmt::join(parts, ","));
  };
  return kind(*c.compute);
}

namespace {

std::string table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(head.size());
  auto width = [](const std::string& s) {  // code points, for the UTF-8 in statements
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  for (std::size_t i = 0; i < head.size(); ++i) w[i] = width(head[i]);
  for (const auto& r : rows)
    for (std::size_t i = 0; i + 1 < r.size(); ++i) w[i] = std::max(w[i], width(r[i]));
  std::string out;
  auto line = [&](const std::vector<std::string>& r) {
    std::string l;
    for (std::size_t i = 0; i < r.size(); ++i) {
      l += r[i];
      if (i + 1 < r.size()) l += std::string(w[i] - width(r[i]) + 2, ' ');
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(head);
  for (const auto& r : rows) line(r);
  return out;
}

std::string xml_escape(std::string_view s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&apos;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string erratum_text(const Claim& c, const Outcome& o) {
  const Erratum& e = *c.erratum;
  std::string s = e.numeric() ? o.expected : fmt::format("stated \"{}\"; correct \"{}\"", e.stated.text, e.correct.text);
  if (!e.note.empty()) s += ". " + e.note;
  return s;
}

}  // namespace

std::string table_report(const std::vector<Evaluated>& results) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : results) {
    const auto& o = r.outcome;
    // Long texts (text errata) are cut in the table; the errata list below and --format json have them whole.
    auto cut = [](const std::string& s) {
      std::size_t n = 0, i = 0;
      for (; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n > 60) break;
      return i < s.size() ? s.substr(0, i) + "…" : s;
    };
    rows.push_back({r.claim->id, std::string(to_string(o.status)), cut(o.expected), cut(o.measured), o.tolerance, o.message});
  }
  std::string out = table({"id", "status", "expected", "measured", "tolerance", "message"}, rows);
  const auto s = summarize(results);
  out += fmt::format("\n{} claims: {} pass, {} errata confirmed, {} fail, {} error, {} skipped\n", s.total(), s.pass,
                     s.erratum, s.fail, s.error, s.skipped);
  if (s.erratum) {
    out += "\nErrata (the document is wrong here):\n";
    for (const auto& r : results)
      if (r.outcome.status == Status::erratum)
        out += fmt::format("  {} [{}]: {}\n", r.claim->id, r.claim->source, erratum_text(*r.claim, r.outcome));
  }
  return out;
}

Json json_report(const std::vector<Evaluated>& results) {
  Json claims = Json::array(), errata = Json::array();
  for (const auto& r : results) {
    const auto& o = r.outcome;
    Json j;
    j["id"] = r.claim->id;
    j["file"] = r.claim->file;
    j["source"] = r.claim->source;
    j["statement"] = r.claim->statement;
    j["compute"] = compute_kind(*r.claim);
    j["status"] = o.status == Status::fail ? "fail" : o.status == Status::error ? "error" : std::string(to_string(o.status));
    j["expected"] = o.expected;
    j["measured"] = o.measured;
    j["measured_value"] = o.measured_value ? Json(*o.measured_value) : Json(nullptr);
    j["tolerance"] = o.tolerance;
    j["message"] = o.message;
    j["seconds"] = o.seconds;
    if (r.claim->erratum) {
      const auto& e = *r.claim->erratum;
      auto v = [](const ValueSpec& x) {
        return x.kind == ValueSpec::Kind::number ? Json(x.number)
               : x.kind == ValueSpec::Kind::field ? Json{{"field", x.text}} : Json(x.text);
      };
      j["erratum"] = {{"stated", v(e.stated)}, {"correct", v(e.correct)}, {"note", e.note}};
      if (o.status == Status::erratum)
        errata.push_back({{"id", r.claim->id}, {"source", r.claim->source}, {"text", erratum_text(*r.claim, o)}});
    }
    claims.push_back(std::move(j));
  }
  const auto s = summarize(results);
  Json out;
  out["claims"] = std::move(claims);
  out["summary"] = {{"total", s.total()}, {"pass", s.pass}, {"erratum", s.erratum}, {"fail", s.fail},
                    {"error", s.error}, {"skipped", s.skipped}};
  out["errata"] = std::move(errata);
  return out;
}

std::string junit_report(const std::vector<Evaluated>& results) {
  std::vector<std::string> files;
  for (const auto& r : results)
    if (std::find(files.begin(), files.end(), r.claim->file) == files.end()) files.push_back(r.claim->file);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  for (const auto& f : files) {
    std::vector<const Evaluated*> in;
    double secs = 0;
    for (const auto& r : results)
      if (r.claim->file == f) {
        in.push_back(&r);
        secs += r.outcome.seconds;
      }
    Summary s;
    for (const auto* r : in) {
      const auto st = r->outcome.status;
      s.fail += st == Status::fail;
      s.error += st == Status::error;
      s.skipped += st == Status::skipped;
    }
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       xml_escape(f), in.size(), s.fail, s.error, s.skipped, secs);
    for (const auto* r : in) {
      const auto& o = r->outcome;
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">", xml_escape(f), xml_escape(r->claim->id), o.seconds);
      const std::string detail = xml_escape(fmt::format("expected {}; measured {}; tolerance {}{}{}", o.expected, o.measured,
                                                        o.tolerance, o.message.empty() ? "" : "; ", o.message));
      switch (o.status) {
        case Status::fail: out += fmt::format("<failure message=\"{}\">{}</failure>", detail, xml_escape(r->claim->statement)); break;
        case Status::error: out += fmt::format("<error message=\"{}\">{}</error>", detail, xml_escape(r->claim->statement)); break;
        case Status::skipped: out += fmt::format("<skipped message=\"{}\"/>", xml_escape(o.message)); break;
        case Status::erratum:
          out += fmt::format("<system-out>erratum: {}</system-out>", xml_escape(erratum_text(*r->claim, o)));
          break;
        case Status::pass: break;
      }
      out += "</testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

std::string list_report(const std::vector<const Claim*>& claims) {
  std::vector<std::vector<std::string>> rows;
  for (const auto* c : claims)
    rows.push_back({c->id, compute_kind(*c), c->erratum ? "yes" : "", fmt::format("{}", fmt::join(c->requires_, ",")),
                    c->source, c->statement});
  return table({"id", "compute", "erratum", "requires", "source", "statement"}, rows);
}

}  // namespace kappa::claims
