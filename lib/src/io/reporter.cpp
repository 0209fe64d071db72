// The check reporters (kappa/io/reporter.hpp).
#include "kappa/io/reporter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "kappa/core/errors.hpp"

namespace kappa::io {
namespace {

std::size_t width(const std::string& s) {  // code points, for the UTF-8 in statements
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Long texts (text errata) are cut in the table; the notes and --format json have them whole.
std::string cut(const std::string& s) {
  std::size_t n = 0, i = 0;
  for (; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++n > 60) break;
  return i < s.size() ? s.substr(0, i) + "…" : s;
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

}  // namespace

std::string aligned_table(const std::vector<std::string>& head,
                          const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> w(head.size());
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

void TableReporter::result(const CheckResult& r) {
  rows_.push_back({r.id, r.status, cut(r.expected), cut(r.measured), r.tolerance, r.message});
}

void TableReporter::end(const CheckSummary& summary) {
  std::string out = aligned_table({"id", "status", "expected", "measured", "tolerance", "message"}, rows_);
  out += "\n" + summary.line + "\n";
  if (!summary.notes.empty()) {
    out += "\n" + summary.notes_title + "\n";
    for (const auto& n : summary.notes) out += "  " + n + "\n";
  }
  sink_.write(out);
}

void JsonReporter::end(const CheckSummary& summary) {
  out_[summary.items_key] = std::move(items_);
  out_["summary"] = summary.json;
  out_["errata"] = summary.notes_json;
  write_record(sink_, Format::json, out_);
}

void RowReporter::begin(const Json& context) {
  writer_ =
      std::make_unique<RowWriter>(sink_, format_,
                                  std::vector<std::string>{"file", "id", "status", "expected", "measured",
                                                           "tolerance", "message", "seconds"},
                                  context);
}

void RowReporter::result(const CheckResult& r) {
  writer_->row({std::string_view(r.suite), std::string_view(r.id), std::string_view(r.status),
                std::string_view(r.expected), std::string_view(r.measured), std::string_view(r.tolerance),
                std::string_view(r.message), r.seconds});
}

void RowReporter::end(const CheckSummary&) { writer_->finish(); }

void JunitReporter::end(const CheckSummary&) {
  std::vector<std::string> suites;
  for (const auto& r : results_)
    if (std::find(suites.begin(), suites.end(), r.suite) == suites.end()) suites.push_back(r.suite);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  using V = CheckResult::Verdict;
  for (const auto& f : suites) {
    std::vector<const CheckResult*> in;
    double secs = 0;
    int failures = 0, errors = 0;
    for (const auto& r : results_)
      if (r.suite == f) {
        in.push_back(&r);
        secs += r.seconds;
        failures += r.verdict == V::fail;
        errors += r.verdict == V::error;
      }
    out += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" time=\"{:.3f}\">\n",
        xml_escape(f), in.size(), failures, errors, secs);
    for (const auto* r : in) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\">", xml_escape(f),
                         xml_escape(r->id), r->seconds);
      const std::string detail =
          xml_escape(fmt::format("expected {}; measured {}; tolerance {}{}{}", r->expected, r->measured,
                                 r->tolerance, r->message.empty() ? "" : "; ", r->message));
      switch (r->verdict) {
        case V::fail:
          out += fmt::format("<failure message=\"{}\">{}</failure>", detail, xml_escape(r->statement));
          break;
        case V::error:
          out += fmt::format("<error message=\"{}\">{}</error>", detail, xml_escape(r->statement));
          break;
        case V::note: out += fmt::format("<system-out>{}</system-out>", xml_escape(r->note)); break;
        case V::pass: break;
      }
      out += "</testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  sink_.write(out);
}

std::unique_ptr<Reporter> make_reporter(std::string_view format, Sink& sink) {
  if (format == "table") return std::make_unique<TableReporter>(sink);
  if (format == "json") return std::make_unique<JsonReporter>(sink);
  if (format == "jsonl") return std::make_unique<RowReporter>(sink, Format::jsonl);
  if (format == "csv") return std::make_unique<RowReporter>(sink, Format::csv);
  if (format == "junit") return std::make_unique<JunitReporter>(sink);
  throw InputError(fmt::format("format '{}': expected table, json, jsonl, csv or junit", format));
}

}  // namespace kappa::io
