// Claim reports: each evaluated claim as an io::CheckResult for the reporters, the summary and the
// errata list, and --list.
#include <fmt/format.h>

#include "kappa/claims/claims.hpp"
#include "kappa/io/reporter.hpp"

namespace kappa::claims {
namespace {

std::string erratum_text(const Claim& c, const Outcome& o) {
  const Erratum& e = *c.erratum;
  std::string s =
      e.numeric() ? o.expected : fmt::format("stated \"{}\"; correct \"{}\"", e.stated.text, e.correct.text);
  if (!e.note.empty()) s += ". " + e.note;
  return s;
}

Json value_json(const ValueSpec& x) {
  switch (x.kind) {
    case ValueSpec::Kind::number: return Json(x.number);
    case ValueSpec::Kind::field: return Json{{"field", x.text}};
    case ValueSpec::Kind::expr: return Json{{"expr", x.text}};
    default: return Json(x.text);
  }
}

io::CheckResult check_result(const Evaluated& r) {
  const auto& o = r.outcome;
  const Claim& c = *r.claim;
  io::CheckResult x;
  using V = io::CheckResult::Verdict;
  x.verdict = o.status == Status::pass      ? V::pass
              : o.status == Status::erratum ? V::note
              : o.status == Status::fail    ? V::fail
                                            : V::error;
  x.suite = c.file;
  x.id = c.id;
  x.status = std::string(to_string(o.status));
  x.expected = o.expected;
  x.measured = o.measured;
  x.tolerance = o.tolerance;
  x.message = o.message;
  x.statement = c.statement;
  x.seconds = o.seconds;
  if (o.status == Status::erratum) x.note = "erratum: " + erratum_text(c, o);
  Json& j = x.json;
  j["id"] = c.id;
  j["file"] = c.file;
  j["source"] = c.source;
  j["statement"] = c.statement;
  j["compute"] = compute_kind(c);
  j["status"] = o.status == Status::fail    ? "fail"
                : o.status == Status::error ? "error"
                                            : std::string(to_string(o.status));
  j["expected"] = o.expected;
  j["measured"] = o.measured;
  j["measured_value"] = o.measured_value ? Json(*o.measured_value) : Json(nullptr);
  j["tolerance"] = o.tolerance;
  j["message"] = o.message;
  j["seconds"] = o.seconds;
  if (c.erratum)
    j["erratum"] = {{"stated", value_json(c.erratum->stated)},
                    {"correct", value_json(c.erratum->correct)},
                    {"note", c.erratum->note}};
  return x;
}

}  // namespace

std::string compute_kind(const Claim& c) {
  if (!c.compute) return "text";
  // each(...) nests at most max_json_depth levels (the loader's limit), so this recursion is bounded.
  struct K {
    static std::string of(const Compute& x) {
      if (x.kind == Compute::Kind::tool) return x.name;
      if (x.kind == Compute::Kind::builtin) return "builtin:" + x.name;
      std::vector<std::string> parts;
      for (const auto& [k, sub] : x.each) parts.push_back(of(sub));
      return fmt::format("each({})", fmt::join(parts, ","));
    }
  };
  return K::of(*c.compute);
}

void report(const std::vector<Evaluated>& results, std::string_view format, io::Sink& sink,
            const Json& context) {
  const auto reporter = io::make_reporter(format, sink);
  reporter->begin(context);
  for (const auto& r : results) reporter->result(check_result(r));
  const auto s = summarize(results);
  io::CheckSummary sum;
  sum.line = fmt::format("{} claims: {} pass, {} errata confirmed, {} fail, {} error", s.total(), s.pass,
                         s.erratum, s.fail, s.error);
  sum.json = {
      {"total", s.total()}, {"pass", s.pass}, {"erratum", s.erratum}, {"fail", s.fail}, {"error", s.error}};
  sum.notes_title = "Errata (the document is wrong here):";
  for (const auto& r : results)
    if (r.outcome.status == Status::erratum) {
      const std::string text = erratum_text(*r.claim, r.outcome);
      sum.notes.push_back(fmt::format("{} [{}]: {}", r.claim->id, r.claim->source, text));
      sum.notes_json.push_back({{"id", r.claim->id}, {"source", r.claim->source}, {"text", text}});
    }
  reporter->end(sum);
}

std::string list_report(const std::vector<const Claim*>& claims) {
  std::vector<std::vector<std::string>> rows;
  for (const auto* c : claims)
    rows.push_back({c->id, compute_kind(*c), c->erratum ? "yes" : "", c->source, c->statement});
  return io::aligned_table({"id", "compute", "erratum", "source", "statement"}, rows);
}

}  // namespace kappa::claims
