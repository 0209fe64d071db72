// Performance estimation (Drori & Teboulle 2014; Taylor, Hendrickx & Glineur 2017): the exact worst
// case of N steps of a first-order method over the class F(mu, L) of L-smooth, mu-strongly convex
// functions (mu = 0: smooth convex), as a small semidefinite program solved with CSDP.
//
// Methods, in kappa's conventions (x_{-1} = x_0):
//   gd          x_{k+1} = x_k - alpha grad f(x_k)
//   heavy-ball  x_{k+1} = x_k - alpha grad f(x_k) + beta (x_k - x_{k-1})
//               (the lecture's v <- beta v - grad f(w), w <- w + alpha v with v_0 = 0)
//   nesterov    y_k = x_k + beta (x_k - x_{k-1}),  x_{k+1} = y_k - alpha grad f(y_k)
//               (gradients at the y_k; the measure at x_N)
// Initial conditions (<= 1): dist |x_0 - x*|^2, f_gap f(x_0) - f*, f_gap_dist f(x_0) - f* + mu/2 |x_0 - x*|^2.
// Measures: dist |x_N - x*|^2, f_gap f(x_N) - f*, grad_norm |grad f(x_N)|^2.
//
// Formulation. x* = 0, g* = 0, f* = 0 (no loss: the class is invariant under shifts of x and f).
// The Gram basis is x_0, g_0, ..., g_N, where g_k is the gradient at the k-th point P_k the method
// queries (P_k = x_k for gd and heavy ball, P_k = y_k for nesterov, k < N; P_N = x_N). Every P_k is a
// fixed linear combination of the basis. Variables: the Gram matrix G (PSD, (N+2) x (N+2)) and the
// values f_0..f_N. Constraints: for every ordered pair (i, j) of {P_0, ..., P_N, x*} the
// interpolation inequality of F(mu, L) (Taylor, Hendrickx, Glineur 2017, Thm 4)
//   f_i >= f_j + <g_j, x_i - x_j> + 1/(2L) |g_i - g_j|^2 + mu/(2(1 - mu/L)) |x_i - x_j - (g_i - g_j)/L|^2,
// and the initial condition. Maximise the measure. That SDP is CSDP's dual problem (free y = the
// Gram entries and values, slack matrix Z = diag(G, inequality slacks)); CSDP's primal is the PEP's
// dual: multipliers lambda_ij >= 0, tau >= 0 and a PSD S with
//   measure - tau * initial = -<G, S> - sum_ij lambda_ij * (inequality_ij)   identically in (G, f),
// so measure <= tau on the class (a proof). The SDP is solved in units with L = 1 and mapped back.
#pragma once
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kappa::pep {

enum class Method { gd, heavy_ball, nesterov };
enum class Initial { dist, f_gap, f_gap_dist };
enum class Measure { dist, f_gap, grad_norm };

std::string_view to_string(Method m);
std::string_view to_string(Initial i);
std::string_view to_string(Measure m);
std::optional<Method> method_from_string(std::string_view s);
std::optional<Initial> initial_from_string(std::string_view s);
std::optional<Measure> measure_from_string(std::string_view s);

// The largest N accepted: the SDP has (N+2)(N+3)/2 + N+1 variables and (N+2)(N+1) + 1 inequalities;
// every interpolation row involves most Gram entries, so CSDP's time grows like N^6: measured on this
// project's 2-core machine, N = 10: 0.09 s, N = 20: 2.2 s, N = 30: 21 s (N = 40 would take minutes).
inline constexpr int max_steps = 30;

struct Problem {
  Method method = Method::gd;
  double alpha = 0;
  double beta = 0;  // 0 for gd
  double mu = 0;
  double L = 1;
  int steps = 1;
  Initial initial = Initial::dist;
  Measure measure = Measure::dist;
};

// Throws FieldError naming the field: mu >= 0, L > 0, mu <= L, alpha > 0, beta in [0, 1) (0 for gd),
// 1 <= steps <= max_steps, and not (mu = 0, measure dist, initial f_gap/f_gap_dist): unbounded.
void validate(const Problem& p);

enum class Status { optimal, partial, closed_form };
std::string_view to_string(Status s);

struct Solution {
  double worst_case = 0;  // the measure on the worst function found (PEP primal: attained)
  double bound = 0;       // the certificate's bound tau (PEP dual); >= worst_case up to the tolerance
  Status status = Status::optimal;
  int solver_code = 0;  // CSDP's return code (0 optimal, 3 reduced accuracy); -1 for a closed form
  std::string solver_message;
  int gram_size = 0;     // N + 2
  int variables = 0;     // SDP free variables (Gram entries and values)
  int inequalities = 0;  // interpolation inequalities + the initial condition

  // The worst function, as the data a method sees: row k is P_k (x_0 first) and the gradient g_k
  // at it, values f_k; x* = 0, g* = 0, f* = 0. Columns: coordinates of R^gram_size.
  Eigen::MatrixXd points, gradients;
  Eigen::VectorXd values;
  Eigen::MatrixXd gram;  // the Gram matrix of (x_0, g_0, ..., g_N)

  // The certificate in the units of the problem: lambda(i, j) >= 0 for the pair (i, j) with index
  // N+1 = x*, tau for the initial condition, S the PSD multiplier of the Gram matrix (empty for a
  // closed form).
  Eigen::MatrixXd lambda;
  double tau = 0;
  Eigen::MatrixXd S;
};

// The worst case. mu == L: closed form (the class is the one quadratic L/2 |x - x*|^2 + f*).
// Solver failures throw RuntimeError with CSDP's reason; no number is returned then.
Solution solve(const Problem& p);

// The same measure on the worst quadratic f = 1/2 (x - x*)'A(x - x*) + f* with spectrum in [mu, L]:
// max over one eigenvalue lambda in [mu, L] of measure/initial for the scalar recurrence (kappa's
// per-mode iteration matrix, theory::iteration_matrix), and the asymptotic rate max rho(T(lambda)).
struct QuadraticWorst {
  double value = 0;
  double lambda = 0;  // where the maximum is attained
  double rate = 0;    // max over [mu, L] of the spectral radius of the per-mode map
};
QuadraticWorst quadratic_worst(const Problem& p);

// The quadratic-optimal parameters that kappa-rate prints for [mu, L] (needs mu > 0): gd 2/(mu+L);
// heavy ball Polyak's; nesterov tuned 4/(3L+mu) or textbook 1/L (tuning "tuned" | "textbook").
struct Params {
  double alpha, beta;
};
Params quadratic_optimal(Method m, double mu, double L, std::string_view tuning);

// One CSDP solve of a small SDP in CSDP's form with one dense block (size n1) and one diagonal
// block (size n2):  max tr(C X)  s.t.  tr(A_i X) = a_i,  X = diag(X1, x2) PSD;  dual
//   min a'y  s.t.  sum_i y_i A_i - C = Z PSD.
// Exposed for the tests; CSDP's default parameters (its documented defaults), printlevel 0, no
// param.csdp read. Calls are serialised by a mutex (CSDP's op_o keeps a static work pointer).
struct SdpEntry {
  int block;  // 1 dense, 2 diagonal
  int i, j;   // 1-based, i <= j (diagonal block: i == j)
  double value;
};
struct Sdp {
  int n1 = 0, n2 = 0;
  Eigen::MatrixXd C1;                    // n1 x n1 symmetric
  Eigen::VectorXd C2;                    // n2
  std::vector<std::vector<SdpEntry>> A;  // constraints; an off-diagonal entry stands for (i,j) and (j,i)
  Eigen::VectorXd a;
};
struct SdpResult {
  int code = 0;
  double pobj = 0, dobj = 0;
  Eigen::VectorXd y;
  Eigen::MatrixXd X1, Z1;
  Eigen::VectorXd X2, Z2;
};
SdpResult csdp_solve(const Sdp& sdp);
// CSDP's return code in words (its user's guide, "Return Codes").
std::string csdp_reason(int code);

}  // namespace kappa::pep
