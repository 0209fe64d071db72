// Claim files: reading (a depth limit, no duplicate keys, messages without the JSON library's
// codes) and validation, every error naming the file, the claim and the JSON path.
#include <fmt/format.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kappa/claims/claims.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/grid.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::claims {
namespace {

// ------------------------------------------------------------------------------------ strict JSON

// A first pass over the text as SAX events: refuses nesting beyond max_json_depth and a key given
// twice in one object (nlohmann's DOM keeps the last silently), and words syntax errors without
// the library's "[json.exception.parse_error.101]" codes.
class StrictSax {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  std::string error;

  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(number_integer_t) { return true; }
  bool number_unsigned(number_unsigned_t) { return true; }
  bool number_float(number_float_t, const string_t&) { return true; }
  bool string(string_t&) { return true; }
  bool binary(binary_t&) { return true; }
  bool start_object(std::size_t) { return push(true); }
  bool key(string_t& k) {
    if (!frames_.back().keys.insert(k).second) {
      error = fmt::format("duplicate key '{}' at {}", k, where(k));
      return false;
    }
    frames_.back().last = k;
    return true;
  }
  bool end_object() { return pop(); }
  bool start_array(std::size_t) { return push(false); }
  bool end_array() { return pop(); }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    std::string msg = e.what();
    if (const auto p = msg.find("] "); msg.rfind("[json.exception.", 0) == 0 && p != std::string::npos)
      msg.erase(0, p + 2);
    if (msg.rfind("parse error at ", 0) == 0) msg.erase(0, 15);
    error = "not valid JSON: " + msg;
    return false;
  }

 private:
  struct Frame {
    bool object;
    std::set<std::string> keys;
    std::string last;
    std::size_t index = 0;
  };
  std::vector<Frame> frames_;
  bool push(bool object) {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    if (frames_.size() >= static_cast<std::size_t>(max_json_depth)) {
      error = fmt::format("nested deeper than {} levels at {}", max_json_depth, where(""));
      return false;
    }
    frames_.push_back({object, {}, "", 0});
    return true;
  }
  bool pop() {
    frames_.pop_back();
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  // The JSON path of the current position, shortened in the middle when deep.
  std::string where(const std::string& key) const {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (i + 1 == frames_.size()) break;
      parts.push_back(f.object ? "." + f.last : fmt::format("[{}]", f.index - 1));
    }
    if (!key.empty()) parts.push_back("." + key);
    std::string p = "$";
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (parts.size() > 12 && i == 6) {
        p += "...";
        i = parts.size() - 6;
      }
      p += parts[i];
    }
    return p;
  }
};

// ------------------------------------------------------------------------------------ validation

struct Ctx {
  const std::string& file;
  std::string claim;  // "claim 'id'" or "claim #3" or "" (file level)
  std::string base_dir;

  [[noreturn]] void fail(const std::string& path, const std::string& msg) const {
    if (claim.empty()) throw InputError(fmt::format("{}: at {}: {}", file, path, msg));
    throw InputError(fmt::format("{}: {} at {}: {}", file, claim, path, msg));
  }
  void keys(const Json& obj, const std::string& path, std::initializer_list<const char*> allowed) const {
    for (const auto& item : obj.items()) {
      // Named, not a structured binding: clang 14 refuses a lambda capture of a structured binding.
      const std::string& k = item.key();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; })) {
        if (k == "requires")
          fail(path + "." + k,
               "'requires' was removed: every computation is built in, no claim is skipped; delete the key");
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
  Expr expr(const std::string& text, const std::string& path) const {
    try {
      return Expr::parse(text);
    } catch (const InputError& e) {
      fail(path, e.what());
    }
  }
  // A number: a JSON number or {"expr": "..."} without fields (evaluated here).
  double number(const Json& j, const std::string& path) const {
    if (j.is_object() && j.size() == 1 && j.contains("expr")) {
      const Expr e = expr(string(j["expr"], path + ".expr"), path + ".expr");
      if (!e.is_constant()) fail(path + ".expr", "expected a constant expression (no fields here)");
      try {
        return e.eval(Json::object());
      } catch (const std::exception& x) {
        fail(path + ".expr", x.what());
      }
    }
    if (!j.is_number()) fail(path, fmt::format("expected a number, got {}", j.type_name()));
    const double x = j.get<double>();
    if (!std::isfinite(x)) fail(path, "expected a finite number");
    return x;
  }
  const Json& required(const Json& obj, const char* key, const std::string& path) const {
    if (!obj.contains(key)) fail(path, fmt::format("missing required key '{}'", key));
    return obj[key];
  }
  // A file reference, relative to the claim file; must be readable now.
  std::string file_ref(const std::string& rel, const std::string& path) const {
    if (rel.empty()) fail(path, "expected a file path, got an empty one");
    namespace fs = std::filesystem;
    const fs::path p =
        fs::path(rel).is_absolute() || base_dir.empty() ? fs::path(rel) : fs::path(base_dir) / rel;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec) || ::access(p.c_str(), R_OK) != 0)
      fail(path, fmt::format("file '{}' (resolved against the claim file: {}): not a readable file", rel,
                             p.string()));
    return p.string();
  }
};

// A tool option's value as on the command line. {"file": PATH} is a path relative to the claim
// file; "file:PATH" (kappa's spectrum syntax) is resolved the same way; {"expr": ...} a number.
std::string option_text(const Ctx& ctx, const Json& v, const std::string& path) {
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.rfind("file:", 0) == 0) return "file:" + ctx.file_ref(s.substr(5), path);
    return s;
  }
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_object() && v.size() == 1 && v.contains("file"))
    return ctx.file_ref(ctx.string(v["file"], path + ".file"), path + ".file");
  if (v.is_number() || v.is_object()) return io::format_number(ctx.number(v, path));
  ctx.fail(path,
           fmt::format("expected a string, number, boolean, {{\"file\": PATH}} or {{\"expr\": E}}, got {}",
                       v.type_name()));
}

void check_grid(const Ctx& ctx, const Json& j, const std::string& path, Compute& c) {
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
  const auto mode =
      std::find_if(c.options.begin(), c.options.end(), [](const auto& o) { return o.first == "mode"; });
  if (mode == c.options.end() || (mode->second != "theory" && mode->second != "run"))
    ctx.fail(path + ".options.mode", "expected \"theory\" (kappa-rate at each point) or \"run\" (kappa-run)");
}

void parse_builtin_args(const Ctx& ctx, const Json& j, const std::string& path, const builtin::Builtin& b,
                        Compute& c) {
  const Json empty = Json::object();
  const Json& args = j.contains("args") ? ctx.object(j["args"], path + ".args") : empty;
  for (const auto& [k, v] : args.items()) {
    const std::string p = path + ".args." + k;
    const std::string& key = k;  // clang 14 cannot capture a structured binding
    const auto spec =
        std::find_if(b.args.begin(), b.args.end(), [&](const auto& s) { return s.name == key; });
    if (spec == b.args.end()) {
      std::string names;
      for (const auto& s : b.args) names += (names.empty() ? "" : ", ") + s.name;
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
        for (std::size_t i = 0; i < v.size(); ++i)
          xs.push_back(ctx.number(v[i], fmt::format("{}[{}]", p, i)));
        c.args.emplace(k, std::move(xs));
        break;
      }
    }
  }
  for (const auto& s : b.args)
    if (s.required && !c.args.count(s.name))
      ctx.fail(path + ".args", fmt::format("missing argument '{}' of built-in '{}'", s.name, c.name));
}

Compute parse_compute(const Ctx& ctx, const Json& j, const std::string& path) {
  ctx.object(j, path);
  Compute c;
  const int kinds = int(j.contains("tool")) + int(j.contains("builtin")) + int(j.contains("each"));
  if (kinds != 1) ctx.fail(path, "expected exactly one of 'tool', 'builtin', 'each'");
  if (j.contains("tool")) {
    c.kind = Compute::Kind::tool;
    c.name = ctx.string(j["tool"], path + ".tool");
    const ComputeKind* kind = find_compute_kind(c.name);
    if (!kind && c.name != "kappa-sweep") {
      std::string names;
      for (const auto& k : compute_kinds()) names += std::string(k.tool) + ", ";
      ctx.fail(path + ".tool", fmt::format("unknown tool '{}' (expected {}or kappa-sweep)", c.name, names));
    }
    if (c.name == "kappa-sweep")
      ctx.keys(j, path, {"tool", "options", "grid"});
    else
      ctx.keys(j, path, {"tool", "options"});
    const Json& opts = ctx.object(ctx.required(j, "options", path), path + ".options");
    for (const auto& [k, v] : opts.items())
      c.options.emplace_back(k, option_text(ctx, v, path + ".options." + k));
    if (c.name == "kappa-sweep") {
      check_grid(ctx, j, path, c);
    } else if (kind->validate) {
      try {
        kind->validate(c.options);
      } catch (const std::exception& e) {
        ctx.fail(path + ".options", fmt::format("not valid {} options: {}", c.name, e.what()));
      }
    }
  } else if (j.contains("builtin")) {
    ctx.keys(j, path, {"builtin", "args"});
    c.kind = Compute::Kind::builtin;
    const std::string given = ctx.string(j["builtin"], path + ".builtin");
    const builtin::Builtin* b = builtin::find_builtin(given);
    if (!b) {
      std::string names;
      for (const auto& x : builtin::builtins()) names += (names.empty() ? "" : ", ") + x.name;
      ctx.fail(path + ".builtin", fmt::format("unknown built-in '{}' (known: {})", given, names));
    }
    c.name = b->name;
    parse_builtin_args(ctx, j, path, *b, c);
  } else {
    ctx.keys(j, path, {"each"});
    c.kind = Compute::Kind::each;
    const Json& each = ctx.object(j["each"], path + ".each");
    if (each.empty()) ctx.fail(path + ".each", "expected at least one named computation");
    for (const auto& [k, v] : each.items())
      c.each.emplace_back(k, parse_compute(ctx, v, path + ".each." + k));
  }
  return c;
}

// An expected or stated value: a number, {"field": PATH}, {"expr": E}, or (allow_text) a string.
ValueSpec parse_value(const Ctx& ctx, const Json& j, const std::string& path, bool allow_text) {
  ValueSpec v;
  if (j.is_number()) {
    v.kind = ValueSpec::Kind::number;
    v.number = ctx.number(j, path);
  } else if (j.is_object() && j.contains("expr")) {
    ctx.keys(j, path, {"expr"});
    v.kind = ValueSpec::Kind::expr;
    v.text = ctx.string(j["expr"], path + ".expr");
    v.expr = ctx.expr(v.text, path + ".expr");
  } else if (j.is_object()) {
    ctx.keys(j, path, {"field"});
    v.kind = ValueSpec::Kind::field;
    v.text = ctx.string(ctx.required(j, "field", path), path + ".field");
    v.expr = ctx.expr(v.text, path + ".field");
    if (!v.expr->is_single_field())
      ctx.fail(path + ".field", fmt::format("'{}' is not a field path (use \"expr\")", v.text));
  } else if (allow_text && j.is_string()) {
    v.kind = ValueSpec::Kind::text;
    v.text = j.get<std::string>();
  } else {
    ctx.fail(path, fmt::format("expected a number, {{\"field\": PATH}} or {{\"expr\": E}}{}, got {}",
                               allow_text ? " or a string" : "", j.type_name()));
  }
  return v;
}

Expect parse_expect(const Ctx& ctx, const Json& j, const std::string& path, bool numeric_erratum) {
  ctx.object(j, path);
  Expect e;
  if (j.contains("all_of") || j.contains("any_of")) {
    const char* k = j.contains("all_of") ? "all_of" : "any_of";
    ctx.keys(j, path, {k});
    e.op = j.contains("all_of") ? Expect::Op::all_of : Expect::Op::any_of;
    const Json& parts = j[k];
    if (!parts.is_array() || parts.empty())
      ctx.fail(path + "." + k, "expected a non-empty array of expectations");
    for (std::size_t i = 0; i < parts.size(); ++i)
      e.parts.push_back(parse_expect(ctx, parts[i], fmt::format("{}.{}[{}]", path, k, i), false));
    if (numeric_erratum)
      ctx.fail(path, "an erratum with numeric 'stated'/'correct' takes one 'field' or 'expr'");
    return e;
  }
  if (j.contains("for_all") || j.contains("for_any")) {
    const char* k = j.contains("for_all") ? "for_all" : "for_any";
    ctx.keys(j, path, {k, "expect"});
    e.op = j.contains("for_all") ? Expect::Op::for_all : Expect::Op::for_any;
    e.rows = ctx.string(j[k], path + "." + k);
    e.parts.push_back(parse_expect(ctx, ctx.required(j, "expect", path), path + ".expect", false));
    if (numeric_erratum)
      ctx.fail(path, "an erratum with numeric 'stated'/'correct' takes one 'field' or 'expr'");
    return e;
  }
  ctx.keys(j, path,
           {"field", "expr", "equals", "less_than", "less_equal", "greater_than", "greater_equal", "outcome",
            "is", "abs_tol", "rel_tol"});
  static const std::pair<const char*, Expect::Op> ops[] = {{"equals", Expect::Op::equals},
                                                           {"less_than", Expect::Op::less_than},
                                                           {"less_equal", Expect::Op::less_equal},
                                                           {"greater_than", Expect::Op::greater_than},
                                                           {"greater_equal", Expect::Op::greater_equal},
                                                           {"outcome", Expect::Op::outcome},
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
    if (count)
      ctx.fail(path + "." + op_key,
               "an erratum with numeric 'stated'/'correct' compares the field with them; remove this key");
    e.op = Expect::Op::tolerance_only;
  } else if (count != 1) {
    ctx.fail(
        path,
        "expected exactly one of equals, less_than, less_equal, greater_than, greater_equal, outcome, is, "
        "all_of, any_of, for_all, for_any");
  }
  if (j.contains("field") && j.contains("expr")) ctx.fail(path, "expected 'field' or 'expr', not both");
  if (j.contains("field")) {
    e.measured.kind = ValueSpec::Kind::field;
    e.measured.text = ctx.string(j["field"], path + ".field");
    if (e.op != Expect::Op::outcome && e.op != Expect::Op::is) {
      e.measured.expr = ctx.expr(e.measured.text, path + ".field");
      if (!e.measured.expr->is_single_field())
        ctx.fail(path + ".field", fmt::format("'{}' is not a field path (use \"expr\")", e.measured.text));
    }
  } else if (j.contains("expr")) {
    if (e.op == Expect::Op::outcome || e.op == Expect::Op::is)
      ctx.fail(path + ".expr", "'outcome' and 'is' take a 'field'");
    e.measured.kind = ValueSpec::Kind::expr;
    e.measured.text = ctx.string(j["expr"], path + ".expr");
    e.measured.expr = ctx.expr(e.measured.text, path + ".expr");
  } else if (e.op != Expect::Op::outcome) {
    ctx.fail(path, "missing required key 'field' (or 'expr')");
  }
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
    if (e.outcome != "converges" && e.outcome != "diverges" && e.outcome != "does_not_converge")
      ctx.fail(path + ".outcome",
               fmt::format("'{}': expected converges, diverges or does_not_converge", e.outcome));
  } else if (e.op == Expect::Op::is) {
    if (!j["is"].is_boolean())
      ctx.fail(path + ".is", fmt::format("expected a boolean, got {}", j["is"].type_name()));
    e.value.kind = ValueSpec::Kind::boolean;
    e.value.boolean = j["is"].get<bool>();
  } else if (op_key) {
    // equals also compares strings ("regime": "critical"), exactly
    e.value = parse_value(ctx, j[op_key], path + "." + op_key, e.op == Expect::Op::equals);
    if (e.value.kind == ValueSpec::Kind::text && (j.contains("abs_tol") || j.contains("rel_tol")))
      ctx.fail(path + ".equals", "a string is compared exactly: remove the tolerance");
  }
  return e;
}

constexpr std::size_t max_id = 200;
bool id_char(char ch) {
  return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == ':' || ch == '-';
}
bool valid_id(const std::string& id) {
  return !id.empty() && id.size() <= max_id && std::all_of(id.begin(), id.end(), id_char);
}

// Letters, digits and _ . : - only, at most 200 characters (a loop: std::regex recurses per
// character and overflows the stack on long input).
void check_id(const Ctx& ctx, const std::string& id, const std::string& path) {
  if (id.empty()) ctx.fail(path, "expected a non-empty id");
  if (id.size() > max_id) ctx.fail(path, fmt::format("id of {} characters (at most {})", id.size(), max_id));
  if (!std::all_of(id.begin(), id.end(), id_char))
    ctx.fail(path, "expected letters, digits and _ . : - only");
}

Claim parse_claim(const std::string& file, const std::string& base_dir, const Json& j, std::size_t index,
                  std::set<std::string>& ids) {
  const std::string path = fmt::format("$.claims[{}]", index);
  Ctx ctx{file, fmt::format("claim #{}", index), base_dir};
  ctx.object(j, path);
  Claim c;
  c.file = file;
  c.json_path = path;
  if (j.contains("id") && j["id"].is_string() && valid_id(j["id"].get<std::string>()))
    ctx.claim = fmt::format("claim '{}'", j["id"].get<std::string>());
  ctx.keys(j, path, {"id", "source", "statement", "compute", "expect", "erratum", "note"});
  c.id = ctx.string(ctx.required(j, "id", path), path + ".id");
  check_id(ctx, c.id, path + ".id");
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
  const bool numeric_erratum = c.erratum && c.erratum->numeric();
  if (j.contains("compute") != j.contains("expect"))
    ctx.fail(path, fmt::format("missing required key '{}' ('compute' and 'expect' go together)",
                               j.contains("compute") ? "expect" : "compute"));
  if (j.contains("compute")) {
    c.compute = parse_compute(ctx, j["compute"], path + ".compute");
    c.expect = parse_expect(ctx, j["expect"], path + ".expect", numeric_erratum);
  } else {
    if (!c.erratum) ctx.fail(path, "missing required key 'compute' (only a text erratum may go without)");
    if (numeric_erratum)
      ctx.fail(path, "missing required key 'compute' (a numeric erratum needs a computation)");
  }
  return c;
}

}  // namespace

Json parse_json_strict(const std::string& text, const std::string& path) {
  StrictSax sax;
  if (!Json::sax_parse(text, &sax)) throw InputError(fmt::format("{}: {}", path, sax.error));
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {  // the SAX pass accepted it: not expected
    throw InputError(fmt::format("{}: not valid JSON", path));
  }
}

ClaimFile parse_claim_file(const Json& doc, const std::string& path, const std::string& base_dir) {
  Ctx ctx{path, "", base_dir};
  ctx.object(doc, "$");
  ctx.keys(doc, "$", {"$schema", "document", "description", "claims"});
  ClaimFile f;
  f.path = path;
  f.document = ctx.string(ctx.required(doc, "document", "$"), "$.document");
  if (doc.contains("description")) ctx.string(doc["description"], "$.description");
  if (doc.contains("$schema")) ctx.string(doc["$schema"], "$.$schema");
  const Json& claims = ctx.required(doc, "claims", "$");
  if (!claims.is_array()) ctx.fail("$.claims", fmt::format("expected an array, got {}", claims.type_name()));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < claims.size(); ++i)
    f.claims.push_back(parse_claim(path, base_dir, claims[i], i, ids));
  return f;
}

ClaimFile load_claim_file(const std::string& path) {
  const Json doc = parse_json_strict(io::read_whole_file(path, path), path);
  const auto dir = std::filesystem::path(path).parent_path().string();
  return parse_claim_file(doc, path, dir.empty() ? "." : dir);
}

}  // namespace kappa::claims
