// Performance estimation problems (see kappa/theory/pep.hpp for the formulation and its sources).
#include "kappa/theory/pep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kappa/core/errors.hpp"
#include "kappa/core/names.hpp"
#include "kappa/theory/theory.hpp"

namespace kappa::pep {

namespace {
constexpr NameTable<Method, 3> kMethods{
    {{Method::gd, "gd"}, {Method::heavy_ball, "heavy-ball"}, {Method::nesterov, "nesterov"}}};
constexpr NameTable<Initial, 3> kInitials{
    {{Initial::dist, "dist"}, {Initial::f_gap, "f_gap"}, {Initial::f_gap_dist, "f_gap_dist"}}};
constexpr NameTable<Measure, 3> kMeasures{
    {{Measure::dist, "dist"}, {Measure::f_gap, "f_gap"}, {Measure::grad_norm, "grad_norm"}}};
constexpr NameTable<Status, 3> kStatuses{
    {{Status::optimal, "optimal"}, {Status::partial, "partial"}, {Status::closed_form, "closed_form"}}};
}  // namespace

std::string_view to_string(Method m) { return name_of(kMethods, m); }
std::string_view to_string(Initial i) { return name_of(kInitials, i); }
std::string_view to_string(Measure m) { return name_of(kMeasures, m); }
std::string_view to_string(Status s) { return name_of(kStatuses, s); }
std::optional<Method> method_from_string(std::string_view s) { return value_named(kMethods, s); }
std::optional<Initial> initial_from_string(std::string_view s) { return value_named(kInitials, s); }
std::optional<Measure> measure_from_string(std::string_view s) { return value_named(kMeasures, s); }

void validate(const Problem& p) {
  auto num = [](double x) { return fmt::format("{}", x); };
  if (!std::isfinite(p.L) || p.L <= 0) throw FieldError("L", fmt::format(" {}: must be > 0", num(p.L)));
  if (!std::isfinite(p.mu) || p.mu < 0) throw FieldError("mu", fmt::format(" {}: must be >= 0", num(p.mu)));
  if (p.mu > p.L) throw FieldError("mu", fmt::format(" {}: must be <= L = {}", num(p.mu), num(p.L)));
  if (!std::isfinite(p.alpha) || p.alpha <= 0)
    throw FieldError("alpha", fmt::format(" {}: must be > 0", num(p.alpha)));
  if (!std::isfinite(p.beta) || p.beta < 0 || p.beta >= 1)
    throw FieldError("beta", fmt::format(" {}: must be in [0, 1)", num(p.beta)));
  if (p.method == Method::gd && p.beta != 0)
    throw FieldError("beta", fmt::format(" {}: method gd has no momentum parameter", num(p.beta)));
  if (p.steps < 1 || p.steps > max_steps)
    throw FieldError("steps",
                     fmt::format(" {}: must be in [1, {}] (the SDP grows like N^2 variables; time like N^6)",
                                 p.steps, max_steps));
  if (p.mu == 0 && p.measure == Measure::dist && p.initial != Initial::dist)
    throw FieldError("measure",
                     fmt::format(" dist with initial {}: unbounded for mu = 0 (a function gap does not bound "
                                 "the distance on smooth convex functions); give mu > 0 or initial dist",
                                 to_string(p.initial)));
}

Params quadratic_optimal(Method m, double mu, double L, std::string_view tuning) {
  const theory::Method tm = m == Method::gd           ? theory::Method::gd
                            : m == Method::heavy_ball ? theory::Method::heavy_ball
                                                      : theory::Method::nesterov;
  if (m == Method::nesterov && tuning == "textbook") {
    const auto o = theory::nesterov_textbook(mu, L);
    return {o.params.alpha, o.params.beta};
  }
  const auto o = theory::optimal_closed_form(tm, mu, L);
  return {o->params.alpha, m == Method::gd ? 0.0 : o->params.beta};
}

namespace {

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Coefficients of the queried points P_0..P_N in the basis (x_0, g_0, ..., g_N): row k is P_k.
MatrixXd point_coefficients(Method m, double alpha, double beta, int N) {
  const int d = N + 2;
  MatrixXd P = MatrixXd::Zero(N + 1, d);
  auto g = [&](int k) {
    VectorXd e = VectorXd::Zero(d);
    e(1 + k) = 1;
    return e;
  };
  VectorXd x_prev = VectorXd::Zero(d), x = VectorXd::Zero(d);
  x(0) = 1;
  x_prev = x;
  for (int k = 0; k < N; ++k) {
    VectorXd query = m == Method::nesterov ? VectorXd(x + beta * (x - x_prev)) : x;
    P.row(k) = query.transpose();
    VectorXd next = query - alpha * g(k);
    if (m == Method::heavy_ball) next += beta * (x - x_prev);
    x_prev = x;
    x = next;
  }
  P.row(N) = x.transpose();
  return P;
}

// Linear forms over the SDP variables y = (Gram entries G_ab for a <= b, values f_0..f_N).
struct Layout {
  int d, N, gram_vars, vars;
  int gram(int a, int b) const {  // index of G_ab, a <= b: column-major upper triangle
    if (a > b) std::swap(a, b);
    return b * (b + 1) / 2 + a;
  }
  int value(int i) const { return gram_vars + i; }
};

// <u, v> as a linear form in the Gram variables.
void add_inner(VectorXd& form, const Layout& l, const VectorXd& u, const VectorXd& v, double scale) {
  for (int a = 0; a < l.d; ++a) {
    if (u(a) == 0) continue;
    for (int b = 0; b < l.d; ++b)
      if (v(b) != 0) form(l.gram(a, b)) += scale * u(a) * v(b);
  }
}

struct Built {
  Layout layout;
  MatrixXd P;                              // point coefficients
  std::vector<std::pair<int, int>> pairs;  // (i, j) per interpolation row; N+1 = x*
  std::vector<VectorXd> rows;              // interpolation inequality forms (>= 0)
  VectorXd init, perf;                     // linear forms
};

// The SDP in units with L = 1 (mu -> mu/L, alpha -> alpha L): see scale factors in solve().
Built build(Method m, double alpha, double beta, double mu, int N, Initial initial, Measure measure) {
  Built b;
  const int d = N + 2;
  b.layout = {d, N, d * (d + 1) / 2, d * (d + 1) / 2 + N + 1};
  const Layout& l = b.layout;
  b.P = point_coefficients(m, alpha, beta, N);
  const int star = N + 1;
  auto xpt = [&](int i) {
    return i == star ? VectorXd(VectorXd::Zero(d)) : VectorXd(b.P.row(i).transpose());
  };
  auto gpt = [&](int i) {
    VectorXd e = VectorXd::Zero(d);
    if (i != star) e(1 + i) = 1;
    return e;
  };
  const double c = mu / (2 * (1 - mu));  // mu/(2(1 - mu/L)) with L = 1
  for (int i = 0; i <= star; ++i)
    for (int j = 0; j <= star; ++j) {
      if (i == j) continue;
      VectorXd form = VectorXd::Zero(l.vars);
      // f_i - f_j - <g_j, x_i - x_j> - 1/2 |g_i - g_j|^2 - c |x_i - x_j - (g_i - g_j)|^2 >= 0
      if (i != star) form(l.value(i)) += 1;
      if (j != star) form(l.value(j)) -= 1;
      const VectorXd dx = xpt(i) - xpt(j), dg = gpt(i) - gpt(j), w = dx - dg;
      add_inner(form, l, gpt(j), dx, -1);
      add_inner(form, l, dg, dg, -0.5);
      if (c != 0) add_inner(form, l, w, w, -c);
      b.pairs.emplace_back(i, j);
      b.rows.push_back(std::move(form));
    }
  b.init = VectorXd::Zero(l.vars);
  VectorXd x0 = VectorXd::Zero(d);
  x0(0) = 1;
  if (initial != Initial::f_gap) add_inner(b.init, l, x0, x0, initial == Initial::dist ? 1.0 : mu / 2);
  if (initial != Initial::dist) b.init(l.value(0)) += 1;
  b.perf = VectorXd::Zero(l.vars);
  switch (measure) {
    case Measure::dist: add_inner(b.perf, l, xpt(N), xpt(N), 1); break;
    case Measure::f_gap: b.perf(l.value(N)) = 1; break;
    case Measure::grad_norm: add_inner(b.perf, l, gpt(N), gpt(N), 1); break;
  }
  return b;
}

// Scales of the initial condition and the measure between the problem's units and L = 1 units
// (f = L h: values and f gaps scale by L, gradients by L, distances not).
double initial_scale(Initial i, double L) { return i == Initial::dist ? 1 : L; }
double measure_scale(Measure m, double L) { return m == Measure::dist ? 1 : m == Measure::f_gap ? L : L * L; }

// measure/initial on one eigen-direction lambda of a quadratic after N steps of the scalar recurrence.
double quadratic_ratio(const Problem& p, double lambda) {
  const theory::Method tm = p.method == Method::gd           ? theory::Method::gd
                            : p.method == Method::heavy_ball ? theory::Method::heavy_ball
                                                             : theory::Method::nesterov;
  const auto T = theory::iteration_matrix(tm, lambda, {p.alpha, p.beta});
  double v = 0, w = 1;  // (v, w) with v_0 = 0, w_0 = x_0 - x* = 1
  for (int k = 0; k < p.steps; ++k) {
    if (T.dim == 1) {
      w = T.m[0][0] * w;
    } else {
      const double v2 = T.m[0][0] * v + T.m[0][1] * w;
      const double w2 = T.m[1][0] * v + T.m[1][1] * w;
      v = v2;
      w = w2;
    }
  }
  const double w2 = w * w;
  // measure coefficient m(lambda) over initial coefficient i(lambda), simplified so lambda -> 0 is finite
  switch (p.initial) {
    case Initial::dist:
      return w2 * (p.measure == Measure::dist    ? 1
                   : p.measure == Measure::f_gap ? lambda / 2
                                                 : lambda * lambda);
    case Initial::f_gap:
      if (p.measure == Measure::f_gap) return w2;
      if (p.measure == Measure::grad_norm) return w2 * 2 * lambda;
      return w2 * 2 / lambda;
    case Initial::f_gap_dist: {
      const double s = lambda + p.mu;
      if (p.measure == Measure::f_gap) return s == 0 ? w2 : w2 * lambda / s;
      if (p.measure == Measure::grad_norm) return s == 0 ? 0 : w2 * 2 * lambda * lambda / s;
      return w2 * 2 / s;
    }
  }
  return 0;
}

double mode_rate(const Problem& p, double lambda) {
  const theory::Method tm = p.method == Method::gd           ? theory::Method::gd
                            : p.method == Method::heavy_ball ? theory::Method::heavy_ball
                                                             : theory::Method::nesterov;
  return theory::mode_radius(tm, lambda, {p.alpha, p.beta});
}

// Max of f over [lo, hi]: a grid, then golden-section refinement around every local maximum.
template <class F>
std::pair<double, double> maximise(F f, double lo, double hi, int grid) {
  if (hi <= lo) return {f(lo), lo};
  std::vector<double> xs(grid + 1), fs(grid + 1);
  for (int i = 0; i <= grid; ++i) {
    xs[i] = i == grid ? hi : lo + (hi - lo) * i / grid;
    fs[i] = f(xs[i]);
  }
  double best = fs[0], arg = xs[0];
  for (int i = 0; i <= grid; ++i)
    if (fs[i] > best) best = fs[i], arg = xs[i];
  const double phi = (std::sqrt(5.0) - 1) / 2;
  for (int i = 1; i < grid; ++i) {
    if (!(fs[i] >= fs[i - 1] && fs[i] >= fs[i + 1])) continue;
    double a = xs[i - 1], b = xs[i + 1];
    double c = b - phi * (b - a), dd = a + phi * (b - a), fc = f(c), fd = f(dd);
    for (int it = 0; it < 200 && b - a > 1e-15 * std::max(1.0, std::fabs(b)); ++it) {
      if (fc > fd) {
        b = dd, dd = c, fd = fc, c = b - phi * (b - a), fc = f(c);
      } else {
        a = c, c = dd, fc = fd, dd = a + phi * (b - a), fd = f(dd);
      }
    }
    const double x = (a + b) / 2, fx = f(x);
    if (fx > best) best = fx, arg = x;
  }
  return {best, arg};
}

}  // namespace

QuadraticWorst quadratic_worst(const Problem& p) {
  QuadraticWorst q;
  const int grid = 400 * (p.steps + 1);
  // lambda = 0 with mu = 0: the limits taken in quadratic_ratio; dist over f_gap is rejected by validate.
  const auto [v, lam] = maximise([&](double l) { return quadratic_ratio(p, l); }, p.mu, p.L, grid);
  q.value = v;
  q.lambda = lam;
  q.rate = maximise([&](double l) { return mode_rate(p, l); }, p.mu, p.L, grid).first;
  return q;
}

Solution solve(const Problem& p) {
  validate(p);
  const int N = p.steps, d = N + 2;
  Solution s;
  s.gram_size = d;

  if (p.mu == p.L) {
    // F(L, L) = {L/2 |x - x*|^2 + f*}: the method is the scalar recurrence at lambda = L; the worst
    // case is its ratio (any x_0 on the initial condition's boundary).
    s.status = Status::closed_form;
    s.solver_code = -1;
    s.solver_message = "closed form: F(L, L) is the single quadratic L/2 |x - x*|^2 + f*";
    s.worst_case = quadratic_ratio(p, p.L);
    s.bound = s.worst_case;
    const MatrixXd P = point_coefficients(p.method, p.alpha, p.beta, N);
    // One dimension: x_0 on the boundary of the initial condition, then the recurrence.
    const double init_coef = p.initial == Initial::dist    ? 1
                             : p.initial == Initial::f_gap ? p.L / 2
                                                           : (p.L + p.mu) / 2;
    const double x0 = 1 / std::sqrt(init_coef);
    s.points = MatrixXd::Zero(N + 1, 1);
    s.gradients = MatrixXd::Zero(N + 1, 1);
    s.values = VectorXd::Zero(N + 1);
    // Gradients g_k = L P_k: solve the triangular system P_k = c_k0 x0 + sum_{j<k} c_kj g_j.
    for (int k = 0; k <= N; ++k) {
      double x = P(k, 0) * x0;
      for (int j = 0; j < k; ++j) x += P(k, 1 + j) * s.gradients(j, 0);
      s.points(k, 0) = x;
      s.gradients(k, 0) = p.L * x;
      s.values(k) = p.L / 2 * x * x;
    }
    s.gram = MatrixXd::Zero(d, d);
    return s;
  }

  // The SDP in L = 1 units.
  const double mu1 = p.mu / p.L, alpha1 = p.alpha * p.L;
  const Built b = build(p.method, alpha1, p.beta, mu1, N, p.initial, p.measure);
  const Layout& l = b.layout;
  const int M = static_cast<int>(b.rows.size());
  s.variables = l.vars;
  s.inequalities = M + 1;

  Sdp sdp;
  sdp.n1 = d;
  sdp.n2 = M + 1;
  sdp.C1 = MatrixXd::Zero(d, d);
  sdp.C2 = VectorXd::Zero(M + 1);
  sdp.C2(M) = -1;  // slack of the initial condition: 1 - init(y)
  sdp.A.resize(l.vars);
  sdp.a = -b.perf;  // CSDP minimises a'y: the measure, negated
  for (int bb = 0; bb < d; ++bb)
    for (int aa = 0; aa <= bb; ++aa) sdp.A[l.gram(aa, bb)].push_back({1, aa + 1, bb + 1, 1.0});
  for (int r = 0; r < M; ++r)
    for (int v = 0; v < l.vars; ++v)
      if (b.rows[r](v) != 0) sdp.A[v].push_back({2, r + 1, r + 1, b.rows[r](v)});
  for (int v = 0; v < l.vars; ++v)
    if (b.init(v) != 0) sdp.A[v].push_back({2, M + 1, M + 1, -b.init(v)});

  const SdpResult r = csdp_solve(sdp);
  s.solver_code = r.code;
  s.solver_message = csdp_reason(r.code);
  // For a finite N the worst case is finite (validate() rejects the one unbounded combination), so
  // codes 1 and 2 are the solver's limits: CSDP declares infeasibility when a certificate would
  // exceed pinftol = 1e8 (its default), i.e. when the worst case grows beyond about 1e8.
  if (r.code == 1 || r.code == 2)
    throw RuntimeError(
        fmt::format("CSDP: return code {}, {}: no worst case is reported (for finite N it is finite; "
                    "CSDP stops like this when it exceeds about 1e8, its infeasibility tolerance)",
                    r.code, csdp_reason(r.code)));
  if (r.code != 0 && r.code != 3)
    throw RuntimeError(
        fmt::format("CSDP: return code {}, {}; no worst case is reported", r.code, csdp_reason(r.code)));
  s.status = r.code == 0 ? Status::optimal : Status::partial;

  const double si = initial_scale(p.initial, p.L), sm = measure_scale(p.measure, p.L);
  const double to_problem = sm / si;
  s.worst_case = -r.dobj * to_problem;  // the Gram matrix's measure (y's objective)
  s.bound = -r.pobj * to_problem;       // tau from the certificate X

  // The Gram matrix from y (in L = 1 units), then the problem's units: x = x1/sqrt(si),
  // g = L g1/sqrt(si), f = L f1/si.
  MatrixXd G1(d, d);
  for (int bb = 0; bb < d; ++bb)
    for (int aa = 0; aa <= bb; ++aa) G1(aa, bb) = G1(bb, aa) = r.y(l.gram(aa, bb));
  VectorXd basis_scale = VectorXd::Constant(d, p.L / std::sqrt(si));
  basis_scale(0) = 1 / std::sqrt(si);
  s.gram = basis_scale.asDiagonal() * G1 * basis_scale.asDiagonal();
  Eigen::SelfAdjointEigenSolver<MatrixXd> eig(s.gram);
  const VectorXd ev = eig.eigenvalues().cwiseMax(0.0);
  // Factor G = R'R with R = diag(sqrt(ev)) V': column a of R is basis vector a.
  const MatrixXd R = ev.cwiseSqrt().asDiagonal() * eig.eigenvectors().transpose();
  // Points in the problem's units: P_k's coefficients are on (x_0, g1_k) with g1 = g/L.
  MatrixXd Pf = b.P;
  Pf.rightCols(N + 1) /= p.L;
  s.points = (Pf * R.transpose());
  s.gradients = R.rightCols(N + 1).transpose();
  s.values.resize(N + 1);
  for (int i = 0; i <= N; ++i) s.values(i) = r.y(l.value(i)) * p.L / si;

  // The certificate: lambda1 = X2 (rows), tau1 = X2(M), S1 = X1, mapped as
  // tau = sm tau1/si, lambda = sm lambda1/L, S = sm D S1 D with D = diag(1, 1/L, ...) (G1 = D^-1.. see hpp).
  s.lambda = MatrixXd::Zero(N + 2, N + 2);
  for (int row = 0; row < M; ++row) s.lambda(b.pairs[row].first, b.pairs[row].second) = r.X2(row) * sm / p.L;
  s.tau = r.X2(M) * sm / si;
  VectorXd D = VectorXd::Constant(d, 1 / p.L);
  D(0) = 1;
  s.S = sm * D.asDiagonal() * r.X1 * D.asDiagonal();
  return s;
}

}  // namespace kappa::pep
