// Helpers shared by the unit tests (one copy; the unit tests are compiled as a unity build too, where
// two definitions of one name in different test files would clash).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <cstring>
#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"

namespace kappa::test {

// The message of the InputError that f() throws; "(no InputError)" when it returns.
template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no InputError)";
}

inline bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
inline bool same_bits(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

// n draws of kappa's N(0, 1) from a generator seeded with seed.
inline Eigen::VectorXd normals(Eigen::Index n, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  return v;
}
// The next n draws of rng.
inline Eigen::VectorXd normals(Rng& rng, Eigen::Index n) {
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  return v;
}

// An r × c matrix of the next draws of rng, filled column by column (Eigen's storage order).
inline Eigen::MatrixXd normals(Rng& rng, Eigen::Index r, Eigen::Index c) {
  Eigen::MatrixXd m(r, c);
  for (Eigen::Index j = 0; j < c; ++j)
    for (Eigen::Index i = 0; i < r; ++i) m(i, j) = rng.normal();
  return m;
}

}  // namespace kappa::test
