// The fused diagonal pass (lib/src/optim/fused.hpp): the iterates are the update formula's, the
// measures it sums in the same pass are the bits of the separate computations (Eigen's norms and
// problem.f_gap) for n ≤ 2^17 and the bits of Eigen's sums block by block beyond, and no bit depends on
// the number of threads (N = 1, 2, 3, 7 on prime sizes).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "../../../lib/src/optim/fused.hpp"
#include "helpers.hpp"
#include "kappa/core/memory.hpp"
#include "kappa/core/parallel.hpp"
#include "kappa/core/random.hpp"
#include "kappa/optim/optimizer.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/run/run.hpp"

using namespace kappa;

namespace {

constexpr Eigen::Index block = Eigen::Index{1} << 17;  // fused::block_size, restated: the claim under test

using test::normals;
using test::same_bits;

// Σ over the fixed blocks, in block order, of Eigen's own sum of x over the block.
template <class F>
double blocked(Eigen::Index n, F&& block_sum) {
  double total = 0;
  for (Eigen::Index b = 0; b * block < n; ++b) {
    const double s = block_sum(b * block, std::min(block, n - b * block));
    total = b == 0 ? s : total + s;
  }
  return total;
}

// A problem that hides its diagonal: the optimizers take their general path (gradient, then update)
// and the run loop computes every measure itself, as before the fused pass.
class Unfused final : public Problem {
 public:
  explicit Unfused(Problem& p) : p_(p) {}
  std::string_view kind() const override { return p_.kind(); }
  Eigen::Index dim() const override { return p_.dim(); }
  double value(const Vector& w) const override { return p_.value(w); }
  void gradient(const Vector& w, Vector& g) override { p_.gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override { p_.full_gradient(w, g); }
  const Vector& w_star() const override { return p_.w_star(); }
  double f_star() const override { return p_.f_star(); }
  double f_gap(const Vector& w) const override { return p_.f_gap(w); }
  std::optional<Spectrum> spectrum() const override { return p_.spectrum(); }

 private:
  Problem& p_;
};

struct Rows final : RunObserver {
  std::vector<double> values;
  RowAction row(const TraceRow& r) override {
    values.insert(values.end(), {static_cast<double>(r.iter), r.f_gap, r.dist, r.grad_norm});
    return RowAction::proceed();
  }
};

MethodParams settings_for(const std::string& method) {
  MethodParams s;
  s.set("alpha", method == "gd" ? 0.0198 : 0.03);
  if (method == "heavy-ball") s.set("beta", 0.6);
  return s;
}

}  // namespace

TEST_CASE(
    "fused pass: iterates are the update formula's, dist, f_gap, grad_norm are Eigen's bits (blockwise beyond 2^17)") {
  // n = 1 … 9 and 13: every remainder of the pairs and quads and the scalar tail.
  for (const Eigen::Index n :
       {Eigen::Index{1}, Eigen::Index{2}, Eigen::Index{3}, Eigen::Index{4}, Eigen::Index{5}, Eigen::Index{6},
        Eigen::Index{7}, Eigen::Index{8}, Eigen::Index{9}, Eigen::Index{13}, Eigen::Index{131071},
        Eigen::Index{131101}, Eigen::Index{262147}, Eigen::Index{1000003}}) {
    for (const bool optimum : {false, true}) {
      for (const std::string method : {"gd", "heavy-ball"}) {
        INFO("n = " << n << (optimum ? ", w* random, " : ", w* = 0, ") << method);
        const Spectrum spectrum = Spectrum::geometric(0.5, 50, static_cast<std::size_t>(n));
        const Vector lam = Eigen::Map<const Vector>(spectrum.values().data(), n);
        const Vector ws = optimum ? normals(n, 7) : Vector();
        auto problem = problems::diagonal(spectrum, ws);
        const Vector s = optimum ? ws : Vector::Zero(n);
        const auto set = settings_for(method);
        const double alpha = std::get<double>(*set.find("alpha"));
        const double beta = set.find("beta") ? std::get<double>(*set.find("beta")) : 0.0;
        auto opt = make_optimizer(method, set);
        opt->reset(*problem);
        Vector w = normals(n, 3), r = w, v = Vector::Zero(n), g(n);
        StepRequest request;
        request.f_gap = request.grad_norm = true;
        for (int k = 0; k < 3; ++k) {
          const StepInfo info = opt->step_measured(*problem, w, request);
          // The update written out, coordinate by coordinate.
          for (Eigen::Index i = 0; i < n; ++i) {
            const double gi = lam(i) * (optimum ? r(i) - s(i) : r(i));
            if (method == "gd") {
              r(i) = r(i) - alpha * gi;
            } else {
              v(i) = beta * v(i) - gi;
              r(i) = r(i) + alpha * v(i);
            }
          }
          REQUIRE(same_bits(w, r));
          REQUIRE(info.dist);
          REQUIRE(info.f_gap);
          REQUIRE(info.grad_norm);
          problem->full_gradient(w, g);
          const Vector d = optimum ? Vector(w - s) : w;
          if (n <= block) {
            CHECK(same_bits(*info.dist, optimum ? (w - s).norm() : w.norm()));
            CHECK(same_bits(*info.f_gap, problem->f_gap(w)));
            CHECK(same_bits(*info.grad_norm, g.norm()));
          } else {
            CHECK(same_bits(*info.dist, std::sqrt(blocked(n, [&](auto b, auto len) {
              return d.segment(b, len).squaredNorm();
            }))));
            CHECK(same_bits(*info.f_gap,
                            0.5 * blocked(n, [&](auto b, auto len) {
                              return (lam.segment(b, len).array() * d.segment(b, len).array().square()).sum();
                            })));
            CHECK(same_bits(*info.grad_norm, std::sqrt(blocked(n, [&](auto b, auto len) {
              return g.segment(b, len).squaredNorm();
            }))));
            // and within rounding of the whole-vector sums
            CHECK(std::fabs(*info.dist - d.norm()) <= 1e-14 * d.norm());
            CHECK(std::fabs(*info.f_gap - problem->f_gap(w)) <= 1e-14 * problem->f_gap(w));
            CHECK(std::fabs(*info.grad_norm - g.norm()) <= 1e-14 * g.norm());
          }
        }
        // Only dist asked: f_gap and grad_norm are left to the caller.
        request.f_gap = request.grad_norm = false;
        const StepInfo info = opt->step_measured(*problem, w, request);
        CHECK(info.dist);
        CHECK(!info.f_gap);
        CHECK(!info.grad_norm);
      }
    }
  }
}

TEST_CASE("fused pass: the same bits for 1, 2, 3 and 7 threads (iterates and every measure)") {
  for (const Eigen::Index n :
       {Eigen::Index{5}, Eigen::Index{131101}, Eigen::Index{262147}, Eigen::Index{1000003}}) {
    for (const std::string method : {"gd", "heavy-ball"}) {
      CAPTURE(n);
      CAPTURE(method);
      const Spectrum spectrum = Spectrum::geometric(1, 100, static_cast<std::size_t>(n));
      auto problem = problems::diagonal(spectrum, normals(n, 5));
      Vector w_ref;
      std::vector<double> m_ref;
      for (const int threads : {1, 2, 3, 7}) {
        CAPTURE(threads);
        ParallelFor pool(threads);
        auto opt = make_optimizer(method, settings_for(method));
        opt->reset(*problem);
        Vector w = normals(n, 9);
        StepRequest request;
        request.f_gap = request.grad_norm = true;
        request.pool = &pool;
        std::vector<double> m;
        for (int k = 0; k < 4; ++k) {
          const StepInfo info = opt->step_measured(*problem, w, request);
          m.insert(m.end(), {*info.dist, *info.f_gap, *info.grad_norm});
        }
        if (threads == 1) {
          w_ref = w;
          m_ref = m;
        } else {
          CHECK(same_bits(w, w_ref));
          REQUIRE(m.size() == m_ref.size());
          CHECK(std::memcmp(m.data(), m_ref.data(), sizeof(double) * m.size()) == 0);
        }
      }
    }
  }
}

TEST_CASE(
    "fused pass: AVX quads and SSE2 pairs give the same bits (iterates and every measure, every tail)") {
  using optimizers::fused::Lanes;
  using optimizers::fused::lanes;
  const Lanes native = lanes();
  if (native != Lanes::avx) {
    MESSAGE(
        "no AVX blocks here (a clang build, or a CPU without AVX): only the SSE2 pairs run, covered above");
    return;
  }
  std::vector<Eigen::Index> sizes;
  for (Eigen::Index n = 1; n <= 40; ++n) sizes.push_back(n);
  sizes.insert(sizes.end(), {block - 1, block + 5, 2 * block + 3});
  for (const Eigen::Index n : sizes) {
    for (const bool optimum : {false, true}) {
      for (const std::string method : {"gd", "heavy-ball"}) {
        INFO("n = " << n << (optimum ? ", w* random, " : ", w* = 0, ") << method);
        const Spectrum spectrum = Spectrum::geometric(0.5, 50, static_cast<std::size_t>(n));
        auto problem = problems::diagonal(spectrum, optimum ? normals(n, 7) : Vector());
        auto trajectory = [&](Lanes use) {
          lanes() = use;
          auto opt = make_optimizer(method, settings_for(method));
          opt->reset(*problem);
          Vector w = normals(n, 3);
          std::vector<double> out;
          for (int k = 0; k < 3; ++k) {
            StepRequest request;
            request.f_gap = k != 1;
            request.grad_norm = k == 2;
            const StepInfo info = opt->step_measured(*problem, w, request);
            out.insert(out.end(), {*info.dist, info.f_gap.value_or(-1), info.grad_norm.value_or(-1)});
          }
          opt->step(*problem, w);  // the update alone
          out.insert(out.end(), w.data(), w.data() + w.size());
          return out;
        };
        const auto pairs = trajectory(Lanes::sse2), quads = trajectory(Lanes::avx);
        lanes() = native;
        REQUIRE(pairs.size() == quads.size());
        CHECK(std::memcmp(pairs.data(), quads.data(), sizeof(double) * pairs.size()) == 0);
      }
    }
  }
}

TEST_CASE(
    "run with the fused measures: the summary and every row are the unfused loop's bits, threads change no bit") {
  for (const Eigen::Index n : {Eigen::Index{3}, Eigen::Index{1009}, Eigen::Index{131071}}) {
    for (const std::string method : {"gd", "heavy-ball"}) {
      for (const StopRule rule : {StopRule::dist, StopRule::f_gap}) {
        CAPTURE(n);
        CAPTURE(method);
        const Spectrum spectrum = Spectrum::geometric(1, 100, static_cast<std::size_t>(n));
        auto problem = problems::diagonal(spectrum, n == 3 ? Vector() : normals(n, 2));
        Unfused unfused(*problem);
        RunSettings rs;
        rs.max_iter = n > 10000 ? 60 : 400;
        rs.every = 7;
        rs.rule = rule;
        rs.tol = 1e-6;
        auto one = [&](Problem& p, int threads, Rows& rows) {
          auto opt = make_optimizer(method, settings_for(method));
          Vector w = normals(n, 4);
          RunSettings s = rs;
          s.threads = threads;
          const Summary sum = run(p, *opt, w, s, &rows);
          rows.values.insert(rows.values.end(),
                             {static_cast<double>(sum.iterations), sum.dist, sum.f_gap, sum.grad_norm,
                              sum.fit.rate, static_cast<double>(sum.status)});
          rows.values.insert(rows.values.end(), w.data(), w.data() + w.size());
        };
        Rows before, fused1, fused3;
        one(unfused, 1, before);
        one(*problem, 1, fused1);
        one(*problem, 3, fused3);
        REQUIRE(before.values.size() == fused1.values.size());
        REQUIRE(before.values.size() == fused3.values.size());
        CHECK(std::memcmp(before.values.data(), fused1.values.data(),
                          sizeof(double) * before.values.size()) == 0);
        CHECK(std::memcmp(before.values.data(), fused3.values.data(),
                          sizeof(double) * before.values.size()) == 0);
      }
    }
  }
}

TEST_CASE("ParallelFor: every task once, in contiguous pieces, bad thread counts refused") {
  for (const int threads : {1, 2, 3, 7}) {
    ParallelFor pool(threads);
    for (const std::int64_t tasks : {0, 1, 2, 5, 100}) {
      std::vector<int> hits(static_cast<std::size_t>(tasks), 0);
      for (int rep = 0; rep < 3; ++rep)
        pool.run(tasks, [&](std::int64_t a, std::int64_t b) {
          for (auto i = a; i < b; ++i) ++hits[static_cast<std::size_t>(i)];
        });
      for (const int h : hits) CHECK(h == 3);
    }
  }
  CHECK_THROWS_WITH_AS(ParallelFor(0), "threads 0: must be >= 1", FieldError);
  auto problem = problems::diagonal(Spectrum::linear(1, 2, 3));
  auto opt = make_optimizer("gd", settings_for("gd"));
  Vector w = Vector::Ones(3);
  RunSettings rs;
  rs.threads = 0;
  CHECK_THROWS_WITH_AS(run(*problem, *opt, w, rs), "threads 0: must be in [1, 256]", FieldError);
}

// The huge-page advice (kappa/core/memory.hpp): read back from the kernel, not assumed. /proc/self/smaps
// lists the mapping that holds the vector; "hg" in its VmFlags is MADV_HUGEPAGE (proc(5)). Whether
// 2 MiB pages are then actually given depends on the machine and is not asserted.
namespace {

std::string vm_flags_of(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  const auto addr = reinterpret_cast<std::uintptr_t>(p);
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(':') > line.find(' '))
      inside = lo <= addr && addr < hi;
    else if (inside && line.starts_with("VmFlags:"))
      return line;
  }
  return "";
}

}  // namespace

TEST_CASE("huge_page_vector: long vectors advised MADV_HUGEPAGE (read from smaps), values untouched") {
  // 40 MiB: above glibc's largest mmap threshold (32 MiB), so the block is a mapping of its own.
  const Eigen::Index long_n = Eigen::Index{40} << 17;
  static_assert((std::size_t{40} << 20) >= huge_page_min_bytes);
  Vector big = huge_page_vector(long_n);
  REQUIRE(big.size() == long_n);
  big.setOnes();
  CHECK(big.sum() == static_cast<double>(long_n));
  Vector small = huge_page_vector(1000);
  REQUIRE(small.size() == 1000);
  CHECK(huge_page_vector(0).size() == 0);
#if defined(__linux__)
  std::ifstream thp("/sys/kernel/mm/transparent_hugepage/enabled");
  if (!thp) return;  // a kernel without THP: the advice is refused, nothing to read back
  const std::string flags = vm_flags_of(big.data());
  INFO("VmFlags of the long vector's mapping: ", flags);
  REQUIRE(!flags.empty());
  CHECK(flags.find(" hg") != std::string::npos);
#endif
}
