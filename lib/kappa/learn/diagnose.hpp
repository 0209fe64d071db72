// Diagnosing a training run from its loss curves, after the lecture's "training procedure" slides.
// Rules, checked in this order on the training loss L (first finite value L₀, last L_end) and the
// held-out loss H (test, else validation; last finite values):
//   exploding     a non-finite training loss, or L_end > L₀, or max L − L₀ > (explode_factor − 1)·|L₀|
//                 → "decrease the learning rate"
//   too_slow      still falling at the end (the last quarter of the run gives ≥ tail_share of the total
//                 drop) but the total drop (L₀ − L_end)/L₀ < slow_drop → "increase the learning rate"
//   underfitting  the curve has flattened (last quarter < tail_share of the drop) with L_end/L₀ >
//                 1 − slow_drop, or L_end > high_loss when given → "decrease regularization, increase capacity"
//   overfitting   H_end / L_end ≥ gap_ratio and (H_end − L_end) ≥ gap_fraction·L₀
//                 → "increase regularization, decrease capacity, check that test comes from the same distribution"
//   bad_split     L_end / H_end ≥ gap_ratio and (L_end − H_end) ≥ gap_fraction·L₀
//                 → "the train/test division is unrepresentative: reshuffle the split"
//   healthy       none of the above
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace kappa::diagnose {

struct Thresholds {
  double explode_factor = 10;
  double slow_drop = 0.5;
  double tail_share = 0.15;
  double gap_ratio = 1.5;
  double gap_fraction = 0.1;
  std::optional<double> high_loss;
};

struct Curve {
  std::vector<double> step;         // epoch or iteration
  std::vector<double> train;        // NaN/inf allowed (evidence of divergence)
  std::vector<bool> train_missing;  // true where the training loss is missing (an empty cell): skipped
  std::vector<double> held;         // test or validation loss (empty if none); NaN = missing
  std::string held_name;            // "test_loss", "val_loss", ...
};

struct Evidence {
  std::size_t rows = 0, nonfinite_train_rows = 0;
  std::optional<double> first_nonfinite_step;
  double first_train = 0, last_train = 0, min_train = 0, max_train = 0;
  double relative_drop = 0;  // (L₀ − L_end)/L₀
  double tail_share = 0;     // (L at 3/4 of the run − L_end) / (L₀ − L_end)
  std::optional<double> last_held, min_held, held_train_ratio;
};

struct Diagnosis {
  std::string verdict;  // exploding | too_slow | underfitting | overfitting | bad_split | healthy
  std::string summary;  // one sentence: what the curve shows
  std::vector<std::string> advice;
  Evidence evidence;
};

// Throws InputError for what cannot be judged: fewer than 2 training-loss values (missing cells do
// not count), or a training loss that is 0 in every row.
// A rise is measured against |L₀| (max L − L₀ > (explode_factor − 1)·|L₀|; L_end > L₀), so a
// negative loss that keeps falling is not exploding.
Diagnosis diagnose(const Curve& curve, const Thresholds& t = {});

}  // namespace kappa::diagnose
