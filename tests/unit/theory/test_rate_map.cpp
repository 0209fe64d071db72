// RateKernel (lib/src/theory/rate_map.cpp) against theory::rate (bit for bit), against the eigenvalues of
// the 2×2 iteration matrices from Eigen (independent), and the ends-only shortcut against the full
// maximum on random spectra.
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <cstring>
#include <vector>

#include "helpers.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/random.hpp"
#include "kappa/theory/rate_map.hpp"
#include "kappa/theory/theory.hpp"

using namespace kappa;

namespace {

using test::same_bits;

// max_i max |eig(M(λᵢ))| with a general eigen solver.
double rate_by_eigen(theory::Method m, const Spectrum& s, const theory::Params& p) {
  double worst = 0;
  for (double l : s.values()) {
    const auto im = theory::iteration_matrix(m, l, p);
    if (im.dim == 1) {
      worst = std::max(worst, std::fabs(im.m[0][0]));
      continue;
    }
    Eigen::Matrix2d a;
    a << im.m[0][0], im.m[0][1], im.m[1][0], im.m[1][1];
    worst = std::max(worst, a.eigenvalues().cwiseAbs().maxCoeff());
  }
  return worst;
}

Spectrum random_spectrum(Rng& rng, int n) {
  const double lo = std::exp(rng.uniform(-3, 1)), k = std::exp(rng.uniform(0, 9));
  std::vector<double> v(static_cast<std::size_t>(n));
  for (auto& x : v) x = lo * std::exp(rng.uniform() * std::log(k));
  return Spectrum(v);
}

}  // namespace

TEST_CASE("rate kernel equals theory::rate bit for bit on random spectra and parameters") {
  Rng rng(20261128);
  int checked = 0;
  for (theory::Method m : theory::all_methods()) {
    for (int trial = 0; trial < 300; ++trial) {
      const int n = 1 + static_cast<int>(rng.below(70));
      const auto s = random_spectrum(rng, n);
      theory::Params p{rng.uniform(0.01, 2.5) / s.lambda_max(), rng.uniform(0, 0.999)};
      if (trial % 3 == 0) {
        // Critical damping of heavy ball at an eigenvalue: αλ = (1 ± √β)², where the discriminant's
        // factor is within rounding of zero (the "repeated root" select).
        const double sb = std::sqrt(p.beta);
        const double l = s.values()[rng.below(s.size())];
        p.alpha = (trial % 2 ? (1 - sb) * (1 - sb) : (1 + sb) * (1 + sb)) / l;
      }
      const theory::RateKernel kernel(m, s);
      const double fast = kernel(p), ref = theory::rate(m, s, p);
      INFO("method ", theory::to_string(m), " n ", n, " alpha ", p.alpha, " beta ", p.beta);
      CHECK(same_bits(fast, ref));
      ++checked;
    }
  }
  CHECK(checked == 1500);
}

TEST_CASE("rate kernel agrees with the eigenvalues of the iteration matrices") {
  Rng rng(7);
  for (theory::Method m : theory::all_methods()) {
    for (int trial = 0; trial < 100; ++trial) {
      const auto s = random_spectrum(rng, 1 + static_cast<int>(rng.below(20)));
      const theory::Params p{rng.uniform(0.01, 2.5) / s.lambda_max(), rng.uniform(0, 0.99)};
      const double fast = theory::RateKernel(m, s)(p), eig = rate_by_eigen(m, s, p);
      INFO("method ", theory::to_string(m), " alpha ", p.alpha, " beta ", p.beta);
      // Near a repeated root the eigenvalues move like √(perturbation): compare at 1e-7 there.
      CHECK(std::fabs(fast - eig) <= 1e-7 * std::max(1.0, eig));
    }
  }
}

TEST_CASE("the map is the kernel at every (alpha beta) point whatever the thread count") {
  const auto s = Spectrum::linear(1, 50, 37);
  std::vector<double> alphas, betas;
  for (int i = 0; i < 41; ++i) alphas.push_back(0.001 + 0.08 * i / 40.0);
  for (int j = 0; j < 23; ++j) betas.push_back(0.99 * j / 22.0);
  const theory::RateKernel k(theory::Method::heavy_ball, s);
  std::vector<double> one(alphas.size() * betas.size()), two(one.size());
  k.map(alphas, betas, one, 1);
  k.map(alphas, betas, two, 2);
  for (std::size_t j = 0; j < betas.size(); ++j)
    for (std::size_t i = 0; i < alphas.size(); ++i) {
      const double ref = theory::rate(theory::Method::heavy_ball, s, {alphas[i], betas[j]});
      CHECK(same_bits(one[j * alphas.size() + i], ref));
      CHECK(same_bits(two[j * alphas.size() + i], ref));
    }
  std::vector<double> wrong(3);
  CHECK_THROWS_AS(k.map(alphas, betas, wrong, 1), RuntimeError);
}

TEST_CASE("ends-only equals the full maximum on random spectra where the ends suffice") {
  Rng rng(99);
  int equal_bits = 0, total = 0;
  for (theory::Method m :
       {theory::Method::gd, theory::Method::heavy_ball, theory::Method::nesterov, theory::Method::newton}) {
    REQUIRE(theory::ends_suffice(m));
    for (int trial = 0; trial < 2000; ++trial) {
      const auto s = random_spectrum(rng, 2 + static_cast<int>(rng.below(60)));
      // Step sizes on both sides of stability and momenta across [0, 1).
      const theory::Params p{rng.uniform(0.01, 3.0) / s.lambda_max(), rng.uniform(0, 0.999)};
      const double full = theory::RateKernel(m, s)(p);
      const double ends = theory::RateKernel(m, s, true)(p);
      INFO("method ", theory::to_string(m), " alpha ", p.alpha, " beta ", p.beta);
      // Exact in exact arithmetic (quasi-convexity); allow 4 ulps for rounding at a regime boundary.
      CHECK(std::fabs(full - ends) <= 4 * std::numeric_limits<double>::epsilon() * full);
      equal_bits += same_bits(full, ends);
      ++total;
    }
  }
  CHECK(equal_bits >= total * 99 / 100);
}

TEST_CASE("ends-only is refused where no quasi-convexity argument is given (nesterov-lecture)") {
  CHECK_FALSE(theory::ends_suffice(theory::Method::nesterov_lecture));
  CHECK_THROWS_AS(theory::RateKernel(theory::Method::nesterov_lecture, Spectrum::linear(1, 10, 5), true),
                  InputError);
}
