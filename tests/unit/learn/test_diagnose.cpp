// kappa-diagnose's rules on curves constructed for each case.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "kappa/learn/diagnose.hpp"

using namespace kappa;

namespace {
diagnose::Curve make(int n, double (*train)(double), double (*held)(double)) {
  diagnose::Curve c;
  for (int k = 0; k <= n; ++k) {
    const double t = static_cast<double>(k) / n;
    c.step.push_back(k);
    c.train.push_back(train(t));
    if (held) c.held.push_back(held(t));
  }
  c.held_name = "test_loss";
  return c;
}
}  // namespace

TEST_CASE("diagnose: one constructed curve per verdict") {
  // Exploding: grows geometrically, then overflows to inf and nan.
  auto ex = make(
      20, [](double t) { return 2.3 * std::exp(10 * t); }, nullptr);
  CHECK(diagnose::diagnose(ex).verdict == "exploding");
  ex.train[15] = std::numeric_limits<double>::infinity();
  ex.train[16] = std::numeric_limits<double>::quiet_NaN();
  auto d = diagnose::diagnose(ex);
  CHECK(d.verdict == "exploding");
  CHECK(d.evidence.nonfinite_train_rows == 2);
  CHECK(*d.evidence.first_nonfinite_step == 15.0);
  CHECK(d.advice.front() == "decrease the learning rate");
  // Oscillating without progress (ends above its start).
  CHECK(diagnose::diagnose(
            make(
                20, [](double t) { return 2.3 + 0.5 * std::sin(40 * t) * t + 0.1 * t; }, nullptr))
            .verdict == "exploding");
  // Too slow: a straight line from 2.3 down 10%.
  d = diagnose::diagnose(make(
      20, [](double t) { return 2.3 * (1 - 0.1 * t); }, [](double t) { return 2.3 * (1 - 0.1 * t); }));
  CHECK(d.verdict == "too_slow");
  CHECK(d.evidence.relative_drop == doctest::Approx(0.1));
  CHECK(d.evidence.tail_share == doctest::Approx(0.25));
  // Underfitting: fell 30% quickly, then flat.
  CHECK(diagnose::diagnose(make(
                               20, [](double t) { return 1.6 + 0.7 * std::exp(-30 * t); },
                               [](double t) { return 1.65 + 0.7 * std::exp(-30 * t); }))
            .verdict == "underfitting");
  // Overfitting: train → 0.01, test turns up to 0.8.
  d = diagnose::diagnose(make(
      20, [](double t) { return 0.01 + 2.3 * std::exp(-10 * t); },
      [](double t) { return 0.3 + 2.0 * std::exp(-10 * t) + 0.5 * t; }));
  CHECK(d.verdict == "overfitting");
  CHECK(*d.evidence.held_train_ratio ==
        doctest::Approx((0.3 + 2.0 * std::exp(-10.0) + 0.5) / (0.01 + 2.3 * std::exp(-10.0))));
  // Bad split: train 0.6, test 0.1.
  CHECK(diagnose::diagnose(make(
                               20, [](double t) { return 0.6 + 1.7 * std::exp(-10 * t); },
                               [](double t) { return 0.1 + 2.2 * std::exp(-10 * t); }))
            .verdict == "bad_split");
  // Healthy: both fall to about 0.1 together.
  CHECK(diagnose::diagnose(make(
                               20, [](double t) { return 0.08 + 2.2 * std::exp(-8 * t); },
                               [](double t) { return 0.12 + 2.2 * std::exp(-8 * t); }))
            .verdict == "healthy");
  // Without a held-out column the overfitting / split rules cannot fire.
  CHECK(diagnose::diagnose(make(
                               20, [](double t) { return 0.01 + 2.3 * std::exp(-10 * t); }, nullptr))
            .verdict == "healthy");
}

TEST_CASE("diagnose: a --high-loss threshold turns a large final loss into underfitting") {
  auto c = make(
      20, [](double t) { return 0.9 + 1.4 * std::exp(-12 * t); }, nullptr);
  CHECK(diagnose::diagnose(c).verdict == "healthy");
  diagnose::Thresholds th;
  th.high_loss = 0.5;
  CHECK(diagnose::diagnose(c, th).verdict == "underfitting");
}

TEST_CASE("diagnose: negative, zero and gappy logs, what cannot be judged is refused") {
  // A negative loss (a log-likelihood objective) falling steadily from -1 to -50 and flattening:
  // the same shape as 49 → 0 shifted, which is healthy; shifting the curve must not make it exploding.
  auto neg = make(
      40, [](double t) { return -1 - 49 * (1 - std::exp(-8 * t)); }, nullptr);
  auto pos = make(
      40, [](double t) { return 50 - 49 * (1 - std::exp(-8 * t)); }, nullptr);
  CHECK(diagnose::diagnose(pos).verdict == "healthy");
  CHECK(diagnose::diagnose(neg).verdict != "exploding");
  // A negative loss that does rise by more than (10 − 1)·|L₀| is exploding.
  CHECK(diagnose::diagnose(make(
                               20, [](double t) { return -1 + 30 * t * t; }, nullptr))
            .verdict == "exploding");
  // One empty cell in a healthy run is a missing value, not a divergence.
  auto gappy = pos;
  gappy.train[17] = std::numeric_limits<double>::quiet_NaN();
  gappy.train_missing.assign(gappy.train.size(), false);
  gappy.train_missing[17] = true;
  const auto g = diagnose::diagnose(gappy);
  CHECK(g.verdict == "healthy");
  CHECK(g.evidence.nonfinite_train_rows == 0);
  // A written nan in the same place is evidence of divergence.
  gappy.train_missing[17] = false;
  CHECK(diagnose::diagnose(gappy).verdict == "exploding");
  auto message = [](const diagnose::Curve& c) -> std::string {
    try {
      diagnose::diagnose(c);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "";
  };
  // A single row, an all-zero log, an all-empty log.
  diagnose::Curve one;
  one.step = {0};
  one.train = {2.3};
  CHECK(message(one) == "1 training-loss value (1 row, missing cells not counted): a curve needs at least 2");
  auto zero = make(
      10, [](double) { return 0.0; }, nullptr);
  CHECK(message(zero) == "the training loss is 0 in every row: nothing to judge");
  auto empty = make(
      10, [](double) { return std::numeric_limits<double>::quiet_NaN(); }, nullptr);
  empty.train_missing.assign(empty.train.size(), true);
  CHECK(message(empty) == "no training-loss values (11 rows, every cell empty)");
}
