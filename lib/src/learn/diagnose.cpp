#include "kappa/learn/diagnose.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "kappa/core/errors.hpp"

namespace kappa::diagnose {

Diagnosis diagnose(const Curve& c, const Thresholds& th) {
  if (c.train.empty()) throw InputError("no rows: nothing to diagnose");
  Diagnosis d;
  Evidence& e = d.evidence;
  e.rows = c.train.size();
  std::vector<std::size_t> finite;
  std::size_t present = 0;
  for (std::size_t i = 0; i < c.train.size(); ++i) {
    if (i < c.train_missing.size() && c.train_missing[i]) continue;  // an empty cell: no evidence
    ++present;
    if (std::isfinite(c.train[i])) {
      finite.push_back(i);
    } else {
      ++e.nonfinite_train_rows;
      if (!e.first_nonfinite_step) e.first_nonfinite_step = i < c.step.size() ? c.step[i] : double(i);
    }
  }
  if (present == 0)
    throw InputError(
        fmt::format("no training-loss values ({} row{}, every cell empty)", e.rows, e.rows == 1 ? "" : "s"));
  if (present < 2)
    throw InputError(
        fmt::format("1 training-loss value ({} row{}, missing cells not counted): a curve needs at least 2",
                    e.rows, e.rows == 1 ? "" : "s"));
  if (e.nonfinite_train_rows == 0 &&
      std::all_of(finite.begin(), finite.end(), [&](std::size_t i) { return c.train[i] == 0; }))
    throw InputError("the training loss is 0 in every row: nothing to judge");
  if (finite.empty()) {
    d.verdict = "exploding";
    d.summary = "the training loss is never finite";
    d.advice = {"decrease the learning rate"};
    return d;
  }
  e.first_train = c.train[finite.front()];
  e.last_train = c.train[finite.back()];
  e.min_train = e.max_train = e.first_train;
  for (auto i : finite) {
    e.min_train = std::min(e.min_train, c.train[i]);
    e.max_train = std::max(e.max_train, c.train[i]);
  }
  const double L0 = e.first_train, Lend = e.last_train;
  e.relative_drop = L0 != 0 ? (L0 - Lend) / std::abs(L0) : 0;
  // The loss 3/4 of the way through the finite rows.
  const double L34 = c.train[finite[(3 * (finite.size() - 1)) / 4]];
  e.tail_share = L0 - Lend != 0 ? (L34 - Lend) / (L0 - Lend) : 0;
  for (std::size_t i = c.held.size(); i-- > 0;)
    if (std::isfinite(c.held[i])) {
      e.last_held = c.held[i];
      break;
    }
  for (double h : c.held)
    if (std::isfinite(h)) e.min_held = e.min_held ? std::min(*e.min_held, h) : h;
  if (e.last_held && Lend > 0) e.held_train_ratio = *e.last_held / Lend;

  // Rises measured against |L₀|: for L₀ > 0 this is max L > explode_factor·L₀; a negative loss that
  // keeps falling never triggers it.
  if (e.nonfinite_train_rows > 0 || Lend > L0 || e.max_train - L0 > (th.explode_factor - 1) * std::abs(L0)) {
    d.verdict = "exploding";
    d.summary = e.nonfinite_train_rows > 0
                    ? fmt::format("the training loss becomes non-finite at step {} ({} of {} rows)",
                                  *e.first_nonfinite_step, e.nonfinite_train_rows, e.rows)
                    : fmt::format("the training loss rises from {:.4g} to {:.4g} (max {:.4g})", L0, Lend,
                                  e.max_train);
    d.advice = {"decrease the learning rate"};
    return d;
  }
  const bool still_falling = e.tail_share >= th.tail_share;
  if (still_falling && e.relative_drop < th.slow_drop) {
    d.verdict = "too_slow";
    d.summary = fmt::format(
        "the training loss is still falling steadily but dropped only {:.1f}% ({:.4g} -> {:.4g}); "
        "the last quarter gave {:.0f}% of the drop",
        100 * e.relative_drop, L0, Lend, 100 * e.tail_share);
    d.advice = {"increase the learning rate", "or train longer"};
    return d;
  }
  if ((th.high_loss && Lend > *th.high_loss) || (!th.high_loss && e.relative_drop < th.slow_drop)) {
    d.verdict = "underfitting";
    d.summary =
        th.high_loss
            ? fmt::format("the training loss ends at {:.4g}, above the acceptable {:.4g}", Lend,
                          *th.high_loss)
            : fmt::format("the training loss has flattened at {:.4g}, only {:.1f}% below its start {:.4g}",
                          Lend, 100 * e.relative_drop, L0);
    d.advice = {"decrease the regularization strength", "increase the model capacity"};
    return d;
  }
  if (e.last_held) {
    const double H = *e.last_held;
    if (H >= th.gap_ratio * Lend && H - Lend >= th.gap_fraction * std::abs(L0)) {
      d.verdict = "overfitting";
      d.summary =
          fmt::format("{} ends at {:.4g}, {:.3g} times the training loss {:.4g} (its minimum was {:.4g})",
                      c.held_name, H, H / Lend, Lend, *e.min_held);
      d.advice = {"increase the regularization strength (weight decay, early stopping)",
                  "decrease the model capacity",
                  "check that the test data come from the same distribution as the training data"};
      return d;
    }
    if (Lend >= th.gap_ratio * H && Lend - H >= th.gap_fraction * std::abs(L0)) {
      d.verdict = "bad_split";
      d.summary =
          fmt::format("the training loss {:.4g} is {:.3g} times {} {:.4g}", Lend, Lend / H, c.held_name, H);
      d.advice = {"the training/testing division is unrepresentative: reshuffle and split again"};
      return d;
    }
  }
  d.verdict = "healthy";
  d.summary = e.last_held
                  ? fmt::format("the training loss fell {:.1f}% to {:.4g}; {} {:.4g} stays close",
                                100 * e.relative_drop, Lend, c.held_name, *e.last_held)
                  : fmt::format("the training loss fell {:.1f}% to {:.4g} (no held-out loss to compare)",
                                100 * e.relative_drop, Lend);
  d.advice = {"nothing to change"};
  return d;
}

}  // namespace kappa::diagnose
