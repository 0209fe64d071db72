// Shortest round-trip decimal text of a double (std::to_chars), for messages in the math part.
#pragma once
#include <charconv>
#include <string>

namespace kappa {

inline std::string shortest(double x) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, r.ptr);
}

}  // namespace kappa
