// Reporters: the results of checks (a claim of a document, and later any other statement a tool
// verifies) written in one format each, behind one interface, as google/benchmark's reporters:
//   table   aligned columns for people, then the summary line and the notes (e.g. confirmed errata)
//   json    {context..., "claims": [result objects], summary, notes}
//   jsonl   the context on the first line, then one object per result (RowWriter's jsonl)
//   csv     a header, then one row per result (RowWriter's csv)
//   junit   JUnit XML: one <testsuite> per suite (claim file), one <testcase> per result
// A reporter receives begin(context), result() per check in order, and end(summary); it writes to
// the Sink it was made with and leaves commit() to the caller.
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/io/output.hpp"

namespace kappa::io {

struct CheckResult {
  enum class Verdict {
    pass,
    note,
    fail,
    error
  } verdict = Verdict::pass;  // note: passes with a note (erratum)
  std::string suite;          // the file the check came from
  std::string id;
  std::string status;  // as shown in the table and csv ("pass", "erratum", "FAIL", "ERROR")
  std::string expected, measured, tolerance, message, statement;
  std::string note;  // junit <system-out> for a passing check with a note
  double seconds = 0;
  Json json;  // the whole result as the json reporter writes it
};

struct CheckSummary {
  std::string line;                // "85 claims: 67 pass, 18 errata confirmed, 0 fail, 0 error"
  Json json;                       // {"total": 85, "pass": 67, ...}
  std::string notes_title;         // "Errata (the document is wrong here):"
  std::vector<std::string> notes;  // table lines
  Json notes_json = Json::array();
  std::string items_key = "claims";  // json: the key of the result array
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(const Json& context) = 0;
  virtual void result(const CheckResult& r) = 0;
  virtual void end(const CheckSummary& summary) = 0;
};

class TableReporter final : public Reporter {
 public:
  explicit TableReporter(Sink& sink) : sink_(sink) {}
  void begin(const Json&) override {}
  void result(const CheckResult& r) override;
  void end(const CheckSummary& summary) override;

 private:
  Sink& sink_;
  std::vector<std::vector<std::string>> rows_;
};

class JsonReporter final : public Reporter {
 public:
  explicit JsonReporter(Sink& sink) : sink_(sink) {}
  void begin(const Json& context) override { out_ = context; }
  void result(const CheckResult& r) override { items_.push_back(r.json); }
  void end(const CheckSummary& summary) override;

 private:
  Sink& sink_;
  Json out_, items_ = Json::array();
};

class RowReporter final : public Reporter {  // csv and jsonl
 public:
  RowReporter(Sink& sink, Format format) : sink_(sink), format_(format) {}
  void begin(const Json& context) override;
  void result(const CheckResult& r) override;
  void end(const CheckSummary&) override;

 private:
  Sink& sink_;
  Format format_;
  std::unique_ptr<RowWriter> writer_;
};

class JunitReporter final : public Reporter {
 public:
  explicit JunitReporter(Sink& sink) : sink_(sink) {}
  void begin(const Json&) override {}
  void result(const CheckResult& r) override { results_.push_back(r); }
  void end(const CheckSummary& summary) override;

 private:
  Sink& sink_;
  std::vector<CheckResult> results_;
};

// "table" | "json" | "jsonl" | "csv" | "junit"; InputError for anything else.
std::unique_ptr<Reporter> make_reporter(std::string_view format, Sink& sink);

// A table of strings with columns aligned by code points (UTF-8), the last column unpadded.
std::string aligned_table(const std::vector<std::string>& head,
                          const std::vector<std::vector<std::string>>& rows);

}  // namespace kappa::io
