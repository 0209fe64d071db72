// Dataset transforms: standardization, the intercept column, binary targets.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "kappa/core/errors.hpp"
#include "kappa/core/format_number.hpp"
#include "kappa/core/names.hpp"
#include "kappa/problems/data.hpp"

namespace kappa::data {

Standardization standardize(Dataset& ds) {
  const Eigen::Index n = ds.X.rows(), d = ds.X.cols();
  if (n < 2)
    throw InputError(fmt::format("{}: {} data row(s): standardizing needs at least 2", ds.source, n));
  Standardization s{Vector(d), Vector(d)};
  for (Eigen::Index j = 0; j < d; ++j) {
    if (ds.has_intercept && j == d - 1) {  // the intercept stays a column of ones
      s.mean[j] = 0;
      s.scale[j] = 1;
      continue;
    }
    auto col = ds.X.col(j);
    const double mean = col.mean();
    // Population standard deviation sqrt(1/n Σ (x − mean)²), two-pass for accuracy.
    const double sd = std::sqrt((col.array() - mean).square().sum() / static_cast<double>(n));
    const std::string name =
        j < static_cast<Eigen::Index>(ds.feature_names.size()) ? ds.feature_names[j] : "?";
    if (!(sd > 1e-12 * std::max(1.0, std::abs(mean))))
      throw InputError(
          fmt::format("{}: column '{}' (feature {}): constant (every value {}): cannot standardize",
                      ds.source, name, j + 1, shortest(col[0])));
    col = (col.array() - mean) / sd;
    s.mean[j] = mean;
    s.scale[j] = sd;
  }
  return s;
}

void add_intercept(Dataset& ds) {
  if (ds.has_intercept) return;
  ds.X.conservativeResize(Eigen::NoChange, ds.X.cols() + 1);
  ds.X.col(ds.X.cols() - 1).setOnes();
  ds.feature_names.push_back("(intercept)");
  ds.has_intercept = true;
}

void binarize_target(Dataset& ds) {
  std::vector<double> values(ds.y.data(), ds.y.data() + ds.y.size());
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  if (values.size() == 1)
    throw InputError(fmt::format("{}: target column '{}': a single class ({}): logistic needs two", ds.source,
                                 ds.target_name, shortest(values[0])));
  if (values.size() != 2)
    throw InputError(fmt::format("{}: target column '{}': {} distinct values: logistic needs exactly two",
                                 ds.source, ds.target_name, values.size()));
  for (Eigen::Index i = 0; i < ds.y.size(); ++i) ds.y[i] = ds.y[i] == values[1] ? 1.0 : 0.0;
}

namespace {
constexpr NameTable<Model, 3> kModels{{{Model::least_squares, "least-squares"},
                                       {Model::logistic, "logistic"},
                                       {Model::sigmoid_fit, "sigmoid-fit"}}};
}  // namespace

std::string_view to_string(Model m) { return name_of(kModels, m); }
std::optional<Model> model_from_string(std::string_view name) { return value_named(kModels, name); }

double sigmoid(double z) {
  if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
  const double e = std::exp(z);
  return e / (1.0 + e);
}

}  // namespace kappa::data
