// Claim expressions and field paths (kappa/claims/claims.hpp; the grammar is in docs/claims.md):
//   expr    := term (('+' | '-') term)*        term := unary (('*' | '/') unary)*
//   unary   := '-' unary | power               power := atom ('^' unary)?   (right associative)
//   atom    := NUMBER | FIELD | 'pi' | FUNC '(' expr (',' expr)* ')' | '(' expr ')'
//   FUNC    := sqrt | abs | log | exp | log10 | min | max (min and max take 1 or more arguments)
//   FIELD   := a dotted path, parts of letters, digits and _ or a (negative) index: rows.-1.radius;
//              "$." first: from the whole result when the expression is evaluated on a row
// Parsed by the shunting-yard algorithm (iterative: no recursion, so no stack to exhaust), at most
// 4096 characters and 64 nested parentheses.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>

#include "kappa/claims/claims.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::claims {
namespace {

using Token = Expr::Token;
using K = Token::Kind;

int precedence(const std::string& op) {
  if (op == "+" || op == "-") return 1;
  if (op == "*" || op == "/") return 2;
  if (op == "neg") return 3;
  if (op == "^") return 4;
  return 0;
}
bool right_assoc(const std::string& op) { return op == "^" || op == "neg"; }

bool is_func(const std::string& s) {
  return s == "sqrt" || s == "abs" || s == "log" || s == "exp" || s == "log10" || s == "min" || s == "max";
}

// Levenshtein distance, for "did you mean" lists.
std::size_t distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// An index part: "3" or "-1" (from the end).
std::optional<std::size_t> index_of(const std::string& key, std::size_t size) {
  long long i = 0;
  const auto r = std::from_chars(key.data(), key.data() + key.size(), i);
  if (r.ec != std::errc() || r.ptr != key.data() + key.size() || key.empty()) return std::nullopt;
  const long long n = static_cast<long long>(size);
  if (i < 0) i += n;
  if (i < 0 || i >= n) return std::nullopt;
  return static_cast<std::size_t>(i);
}

}  // namespace

const Json* lookup(const Json& record, const std::string& path) {
  const Json* cur = &record;
  if (path.empty()) return cur;
  for (const auto part : io::split(path, '.')) {
    const std::string key(part);
    if (cur->is_object()) {
      const auto it = cur->find(key);
      if (it == cur->end()) return nullptr;
      cur = &*it;
    } else if (cur->is_array()) {
      const auto i = index_of(key, cur->size());
      if (!i) return nullptr;
      cur = &(*cur)[*i];
    } else {
      return nullptr;
    }
  }
  return cur;
}

std::string missing_field_message(const Json& record, const std::string& path) {
  const Json* cur = &record;
  std::string reached;
  for (const auto part : io::split(path, '.')) {
    const std::string key(part);
    const Json* next = nullptr;
    if (cur->is_object()) {
      const auto it = cur->find(key);
      if (it != cur->end()) next = &*it;
    } else if (cur->is_array()) {
      if (const auto i = index_of(key, cur->size())) next = &(*cur)[*i];
    }
    if (!next) {
      const std::string where = reached.empty() ? "in the result" : fmt::format("in '{}'", reached);
      if (cur->is_array())
        return fmt::format(
            "no field '{}' in the result: '{}' {} is an array of {} (indexes 0..{} or -1..-{})", path, key,
            where, cur->size(), cur->size() ? cur->size() - 1 : 0, cur->size());
      if (!cur->is_object())
        return fmt::format("no field '{}' in the result: '{}' is {}, not an object", path, reached,
                           cur->type_name());
      std::vector<std::pair<std::size_t, std::string>> near;
      for (const auto& [k, v] : cur->items()) near.emplace_back(distance(k, key), k);
      std::stable_sort(near.begin(), near.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      std::vector<std::string> names;
      for (std::size_t i = 0; i < near.size() && i < 8; ++i) names.push_back(near[i].second);
      return fmt::format("no field '{}' in the result: no '{}' {} (nearest: {})", path, key, where,
                         fmt::join(names, ", "));
    }
    reached += (reached.empty() ? "" : ".") + key;
    cur = next;
  }
  return fmt::format("no field '{}' in the result", path);
}

Expr Expr::parse(const std::string& text) {
  constexpr std::size_t max_length = 4096;
  constexpr int max_depth = 64;
  if (text.size() > max_length)
    throw InputError(fmt::format("expression of {} characters (at most {})", text.size(), max_length));
  Expr e;
  e.text_ = text;
  struct Frame {  // an operator-stack entry: an operator, a function, or '('
    std::string op;
    bool paren = false, func = false;
    int args = 1;
  };
  std::vector<Frame> ops;
  int depth = 0;
  bool expect_operand = true;
  auto fail = [&](std::size_t at, const std::string& what) -> void {
    throw InputError(fmt::format("expression '{}': {} at character {}", text, what, at + 1));
  };
  auto pop_op = [&] {
    e.rpn_.push_back({K::op, 0, ops.back().op, 0});
    ops.pop_back();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (expect_operand) {
      if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
        double x = 0;
        const auto r = std::from_chars(text.data() + i, text.data() + text.size(), x);
        if (r.ec != std::errc() || !std::isfinite(x)) fail(i, "not a finite number");
        e.rpn_.push_back({K::number, x, "", 0});
        i = static_cast<std::size_t>(r.ptr - text.data());
        expect_operand = false;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
                 (c == '$' && i + 2 < text.size() && text[i + 1] == '.' &&
                  std::isalpha(static_cast<unsigned char>(text[i + 2])))) {
        std::size_t j = c == '$' ? i + 2 : i;
        while (j < text.size()) {
          const char d = text[j];
          if (std::isalnum(static_cast<unsigned char>(d)) || d == '_')
            ++j;
          else if (d == '.' && j + 1 < text.size() &&
                   (std::isalnum(static_cast<unsigned char>(text[j + 1])) || text[j + 1] == '_' ||
                    (text[j + 1] == '-' && j + 2 < text.size() &&
                     std::isdigit(static_cast<unsigned char>(text[j + 2])))))
            j += text[j + 1] == '-' ? 2 : 1;
          else
            break;
        }
        const std::string name = text.substr(i, j - i);
        std::size_t k = j;
        while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
        if (k < text.size() && text[k] == '(') {
          if (!is_func(name))
            fail(i,
                 fmt::format("unknown function '{}' (expected sqrt, abs, log, exp, log10, min, max)", name));
          if (++depth > max_depth) fail(k, fmt::format("more than {} nested parentheses", max_depth));
          ops.push_back({name, true, true, 1});
          i = k + 1;
          continue;  // still expecting an operand
        }
        if (name == "pi")
          e.rpn_.push_back({K::number, std::numbers::pi, "", 0});
        else
          e.rpn_.push_back({K::field, 0, name, 0});
        i = j;
        expect_operand = false;
      } else if (c == '-' || c == '+') {
        if (c == '-') ops.push_back({"neg"});
        ++i;
      } else if (c == '(') {
        if (++depth > max_depth) fail(i, fmt::format("more than {} nested parentheses", max_depth));
        ops.push_back({"", true, false, 1});
        ++i;
      } else {
        fail(i, fmt::format("expected a number, a field, a function or '(', got '{}'", c));
      }
      continue;
    }
    // after an operand: an operator, ',' or ')'
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '^') {
      const std::string op(1, c);
      while (!ops.empty() && !ops.back().paren &&
             (precedence(ops.back().op) > precedence(op) ||
              (precedence(ops.back().op) == precedence(op) && !right_assoc(op))))
        pop_op();
      ops.push_back({op});
      expect_operand = true;
      ++i;
    } else if (c == ',' || c == ')') {
      while (!ops.empty() && !ops.back().paren) pop_op();
      if (ops.empty()) fail(i, c == ',' ? "',' outside a function's arguments" : "unbalanced ')'");
      if (c == ',') {
        if (!ops.back().func) fail(i, "',' outside a function's arguments");
        ++ops.back().args;
        expect_operand = true;
      } else {
        const Frame f = ops.back();
        ops.pop_back();
        --depth;
        if (f.func) {
          const bool variadic = f.op == "min" || f.op == "max";
          if (!variadic && f.args != 1) fail(i, fmt::format("{}() takes one argument, got {}", f.op, f.args));
          e.rpn_.push_back({K::func, 0, f.op, f.args});
        }
      }
      ++i;
    } else {
      fail(i, fmt::format("expected an operator, ',' or ')', got '{}'", c));
    }
  }
  if (expect_operand)
    fail(text.size() ? text.size() - 1 : 0, text.empty() ? "empty expression" : "incomplete expression");
  while (!ops.empty()) {
    if (ops.back().paren) fail(text.size() - 1, "unbalanced '('");
    pop_op();
  }
  return e;
}

bool Expr::is_constant() const {
  return std::none_of(rpn_.begin(), rpn_.end(), [](const Token& t) { return t.kind == K::field; });
}

double Expr::eval(const Json& scope, const Json* root) const {
  std::vector<double> st;
  for (const Token& t : rpn_) {
    switch (t.kind) {
      case K::number: st.push_back(t.number); break;
      case K::field: {
        const bool top = t.text.rfind("$.", 0) == 0;
        const Json& record = top && root ? *root : scope;
        const std::string path = top ? t.text.substr(2) : t.text;
        const Json* j = lookup(record, path);
        if (!j) throw RuntimeError(missing_field_message(record, path));
        if (j->is_boolean())
          st.push_back(j->get<bool>() ? 1.0 : 0.0);
        else if (j->is_number())
          st.push_back(j->get<double>());
        else
          throw RuntimeError(fmt::format("field '{}' is {}, not a number", t.text, j->dump()));
        break;
      }
      case K::op: {
        if (t.text == "neg") {
          st.back() = -st.back();
          break;
        }
        const double b = st.back();
        st.pop_back();
        double& a = st.back();
        if (t.text == "+")
          a += b;
        else if (t.text == "-")
          a -= b;
        else if (t.text == "*")
          a *= b;
        else if (t.text == "/")
          a /= b;
        else
          a = std::pow(a, b);
        break;
      }
      case K::func: {
        const auto n = static_cast<std::size_t>(t.args);
        if (t.text == "min" || t.text == "max") {
          const auto first = st.end() - static_cast<std::ptrdiff_t>(n);
          const double v =
              t.text == "min" ? *std::min_element(first, st.end()) : *std::max_element(first, st.end());
          st.erase(first, st.end());
          st.push_back(v);
        } else {
          double& a = st.back();
          if (t.text == "sqrt")
            a = std::sqrt(a);
          else if (t.text == "abs")
            a = std::abs(a);
          else if (t.text == "log")
            a = std::log(a);
          else if (t.text == "log10")
            a = std::log10(a);
          else
            a = std::exp(a);
        }
        break;
      }
    }
  }
  const double x = st.back();
  if (!std::isfinite(x)) throw RuntimeError(fmt::format("expression '{}' is not finite ({})", text_, x));
  return x;
}

}  // namespace kappa::claims
