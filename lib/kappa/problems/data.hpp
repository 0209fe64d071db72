// Problems from data: a design matrix X (n samples × d features) and a target y, turned into
//   least-squares  f(w) = 1/(2n) ‖Xw − y‖² + (λ/2)‖w‖²        Hessian A = XᵀX/n + λI (a quadric:
//                  every closed form of kappa::theory applies exactly, with the spectrum of A)
//   logistic       f(w) = 1/n Σᵢ [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w‖²,  zᵢ = xᵢ·w,  yᵢ ∈ {0, 1}
//                  Hessian H(w) = XᵀD(w)X/n + λI, D = diag(σ(zᵢ)(1 − σ(zᵢ))); its spectrum at w*
//                  gives the local rate (the quadric theory applies asymptotically)
//   sigmoid-fit    f(w, b) = 1/(2n) Σᵢ (σ(w xᵢ + b) − yᵢ)² on 1-D data: non-convex, with plateaus
//                  where σ saturates on every xᵢ and ∇f ≈ 0 (the lecture's "sigmoid fitting problem")
// The L2 term never penalises the intercept column (the one `with_intercept` appends).
#pragma once
#include <Eigen/Core>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kappa/core/random.hpp"
#include "kappa/problems/problem.hpp"

namespace kappa::data {

using Matrix = Eigen::MatrixXd;

struct Dataset {
  Matrix X;                                // n × d, one sample per row
  Vector y;                                // n
  std::vector<std::string> feature_names;  // d
  std::string target_name;
  std::string source;          // file name, for messages
  bool has_intercept = false;  // the last column of X is all ones
};

// Centres every feature to mean 0 and scales it to (population, 1/n) standard deviation 1.
// Throws InputError naming the source and the constant column. Returns the means and scales used.
struct Standardization {
  Vector mean, scale;
};
Standardization standardize(Dataset& ds);

// Appends a column of ones named "(intercept)".
void add_intercept(Dataset& ds);

// For logistic regression: the target must take exactly two distinct values; the smaller becomes 0,
// the larger 1. Throws InputError naming the source and the target column otherwise.
void binarize_target(Dataset& ds);

enum class Model { least_squares, logistic, sigmoid_fit };
std::string_view to_string(Model m);
std::optional<Model> model_from_string(std::string_view name);  // "least-squares", "logistic", "sigmoid-fit"

// f(w) = 1/(2n)‖Xw − y‖² + (λ/2)‖w‖² as the exact quadric ½(w−w*)ᵀA(w−w*) + f* with A = XᵀX/n + λP
// (P: identity without the intercept), ∇f = Aw − b, b = Xᵀy/n. The spectrum of A is computed once
// (self-adjoint eigensolver); a singular A (linearly dependent features, λ = 0) is an InputError.
class LeastSquaresProblem final : public Problem {
 public:
  LeastSquaresProblem(const Dataset& ds, double l2);
  std::string_view kind() const override { return "least-squares"; }
  Eigen::Index dim() const override { return A_.rows(); }
  double value(const Vector& w) const override;
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  void full_gradient(const Vector& w, Vector& g) const override;
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return f_star_; }
  std::optional<Spectrum> spectrum() const override { return spectrum_; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override;
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override;
  const Matrix& hessian() const { return A_; }

 private:
  Matrix A_, Q_;  // A = Q diag(λ) Qᵀ
  Vector b_, lambdas_, w_star_;
  double f_star_ = 0;
  std::optional<Spectrum> spectrum_;
};

// Logistic regression (binary y ∈ {0, 1}); log(1 + eᶻ) evaluated without overflow. w* is found by
// Newton's method with backtracking in the constructor; when it does not converge (separable data
// and λ = 0: no minimiser exists) w* and f* are NaN and spectrum() is empty.
class LogisticProblem final : public Problem {
 public:
  LogisticProblem(const Dataset& ds, double l2);
  std::string_view kind() const override { return "logistic"; }
  Eigen::Index dim() const override { return X_.cols(); }
  double value(const Vector& w) const override;
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  double value_and_gradient(const Vector& w,
                            Vector& g) override;  // one pass where value() and full_gradient() take two
  void full_gradient(const Vector& w, Vector& g) const override;
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return f_star_; }
  // The spectrum of the local Hessian H(w*).
  std::optional<Spectrum> spectrum() const override { return spectrum_; }
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override;
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override;
  Matrix hessian(const Vector& w) const;
  int newton_iterations() const { return newton_iterations_; }

 private:
  Matrix X_;
  Vector y_, penalty_;  // penalty_ⱼ = λ, 0 for the intercept
  Vector w_star_;
  double f_star_ = 0;
  int newton_iterations_ = 0;
  std::optional<Spectrum> spectrum_;
};

// f(w, b) = 1/(2n) Σᵢ (σ(w xᵢ + b) − yᵢ)², parameters ordered (w, b). The exact 2×2 Hessian is
// available. When the data were generated noise-free from σ(w₀x + b₀), pass (w₀, b₀) as the known
// optimum (f* = 0); otherwise w* and f* are NaN.
class SigmoidFitProblem final : public Problem {
 public:
  SigmoidFitProblem(Vector x, Vector y,
                    std::optional<std::pair<double, double>> known_optimum = std::nullopt);
  // The built-in data set: n points xᵢ evenly spaced on [−4, 4], yᵢ = σ(w₀xᵢ + b₀), (w₀, b₀) = (2, 1).
  static SigmoidFitProblem builtin(int n = 41);
  std::string_view kind() const override { return "sigmoid-fit"; }
  Eigen::Index dim() const override { return 2; }
  double value(const Vector& w) const override;
  void gradient(const Vector& w, Vector& g) override { full_gradient(w, g); }
  double value_and_gradient(const Vector& w,
                            Vector& g) override;  // one pass where value() and full_gradient() take two
  void full_gradient(const Vector& w, Vector& g) const override;
  const Vector& w_star() const override { return w_star_; }
  double f_star() const override { return f_star_; }
  std::optional<Spectrum> spectrum() const override;  // of the Hessian at w*, when known and positive
  bool has_hessian() const override { return true; }
  void hessian_times(const Vector& w, const Vector& x, Vector& out) const override;
  void hessian_solve(const Vector& w, const Vector& g, Vector& out) const override;
  Eigen::Matrix2d hessian(const Vector& w) const;

 private:
  Vector x_, y_, w_star_;
  double f_star_;
};

// Builds the problem for a model. least-squares and logistic use every feature column (and the
// intercept if ds has one); sigmoid-fit needs exactly one feature (intercept excluded: b plays it).
std::unique_ptr<Problem> make_problem(Model model, Dataset ds, double l2);

// σ(z) = 1/(1 + e^{−z}) without overflow.
double sigmoid(double z);

}  // namespace kappa::data
