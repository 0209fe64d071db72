// The quadrics kappa runs optimizers on (all f(w) = ½ (w−w*)ᵀA(w−w*), f* = 0, unless stated):
//   diagonal    A = diag(λ) from a Spectrum; O(n) memory, Problem::diagonal() exposes λ so that
//               first-order methods can fuse gradient and update into one pass.
//   rotated     A = Q diag(λ) Qᵀ, Q a seeded random orthogonal matrix (dense, n ≤ max_rotated_dim).
//   matrix      a user's symmetric positive definite A (Eigen::SparseMatrix: sparse stays sparse).
//   finite-sum  the lecture's f(w) = 1/(2N) Σᵢ (w − wᵢ)ᵀA(w − wᵢ) over a quadric's A, with
//               minibatch gradients A(w − mean_{i∈batch} wᵢ).
#pragma once
#include <Eigen/Core>
#include <Eigen/SparseCore>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "kappa/problems/problem.hpp"
#include "kappa/theory/spectrum.hpp"

namespace kappa::problems {

// Largest dimension of a rotated quadric (dense n×n A and Q: 2·8·n² bytes, 268 MB at 4096).
constexpr Eigen::Index max_rotated_dim = 4096;
// Largest matrix whose full spectrum is computed (dense SelfAdjointEigenSolver, O(n³)).
constexpr Eigen::Index max_spectrum_dim = 2000;

// w_star: the optimum (size spectrum.size(); empty means 0).
std::unique_ptr<Problem> diagonal(const Spectrum& spectrum, Vector w_star = {});

// A random orthogonal n×n matrix: Householder QR of an n×n matrix of kappa::Rng(seed) normals
// (row-major fill), with Q's column j multiplied by sign(R_jj) so that Q is unique (Haar-distributed).
Eigen::MatrixXd random_orthogonal(Eigen::Index n, std::uint64_t seed);

// A = Q diag(λ) Qᵀ with Q = random_orthogonal(n, seed); λ in the spectrum's (ascending) order.
std::unique_ptr<Problem> rotated(const Spectrum& spectrum, std::uint64_t seed, Vector w_star = {});

// A user's matrix (both triangles stored). Throws InputError (naming `what`) when A is not square,
// not symmetric to within 1e-12·max|Aᵢⱼ|, or not positive definite (a Cholesky factorisation
// fails; for n ≤ max_spectrum_dim the eigenvalues are computed and λ_min ≤ 0 is reported).
std::unique_ptr<Problem> matrix(Eigen::SparseMatrix<double> A, const std::string& what, Vector w_star = {});

// The finite sum over `quadric`'s A with N points wᵢ = w* + spread·(zᵢ − z̄) (zᵢ standard normal from
// Rng(seed), N·n draws row by row; centring makes the optimum exactly the quadric's w*), and
// minibatches of B indices drawn uniformly with replacement from the same Rng's following draws.
// So the minibatch gradient is unbiased with covariance A·Cov(wᵢ)·A / B (population covariance).
// f* = 1/(2N) Σ (w*−wᵢ)ᵀA(w*−wᵢ).
std::unique_ptr<Problem> finite_sum(std::unique_ptr<Problem> quadric, std::int64_t N, std::int64_t B,
                                    std::uint64_t seed, double spread);
// The same with the minibatches drawn from Rng(sample_seed) instead (the points still from Rng(seed)),
// so that one set of points can be run along many sampling paths; nullopt: as above. With
// without_replacement each minibatch is B distinct indices (a partial Fisher–Yates shuffle of a
// persistent permutation: a uniform B-subset every step), whose mean has covariance
// Cov(wᵢ)/B · (N − B)/(N − 1).
std::unique_ptr<Problem> finite_sum(std::unique_ptr<Problem> quadric, std::int64_t N, std::int64_t B,
                                    std::uint64_t seed, double spread,
                                    std::optional<std::uint64_t> sample_seed,
                                    bool without_replacement = false);

// A finite sum's parts: the quadric it sums over, the offsets dᵢ = wᵢ − w* (columns, n×N, mean 0) and
// the batch size; nullptr / 0 when `p` is not a finite sum.
struct FiniteSumParts {
  const Problem* quadric = nullptr;
  const Eigen::MatrixXd* offsets = nullptr;
  std::int64_t batch = 0;
  bool without_replacement = false;
};
FiniteSumParts finite_sum_parts(const Problem& p);

}  // namespace kappa::problems
