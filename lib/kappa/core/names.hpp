// The spelling of an enum's values in options and output: one table of (value, name) pairs per enum,
// read both ways, so that to_string and its inverse cannot disagree.
#pragma once
#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace kappa {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of e in the table ("?" for a value the table lacks: a cast from an out-of-range integer).
template <class E, std::size_t N>
constexpr std::string_view name_of(const NameTable<E, N>& table, E e) {
  for (const auto& [value, name] : table)
    if (value == e) return name;
  return "?";
}

// The value named `name`, or nothing.
template <class E, std::size_t N>
constexpr std::optional<E> value_named(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [value, spelled] : table)
    if (spelled == name) return value;
  return std::nullopt;
}

}  // namespace kappa
