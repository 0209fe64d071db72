#include "kappa/io/optimizer_options.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "kappa/errors.hpp"
#include "kappa/io/matrix_market.hpp"
#include "kappa/io/method_options.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/io/spec.hpp"
#include "kappa/problems.hpp"
#include "kappa/counterexamples.hpp"
#include "kappa/io/data_problem.hpp"
#include "kappa/random.hpp"
#include "kappa/theory.hpp"

namespace po = boost::program_options;

namespace kappa::io {

void add_optimizer_options(po::options_description& desc) {
  po::options_description m("Optimizer (torch.optim names and defaults where torch has the method)");
  m.add_options()
      ("method,m", po::value<std::string>()->value_name("M"),
       "gd | heavy-ball | sgd | nesterov | nesterov-lecture | newton | sign-gd | adagrad | rmsprop | "
       "adam | adamw | steepest | cg | bfgs | lbfgs")
      ("alpha", po::value<std::string>()->value_name("A"), "step size (the lecture's alpha; torch's lr)")
      ("lr", po::value<std::string>()->value_name("A"), "synonym of --alpha")
      ("beta", po::value<std::string>()->value_name("B"), "momentum in [0, 1) (torch's momentum)")
      ("momentum", po::value<std::string>()->value_name("B"), "synonym of --beta")
      ("tuning", po::value<std::string>()->value_name("T"),
       "nesterov without --alpha/--beta: tuned (4/(3L+mu), default) | textbook (1/L)")
      ("dampening", po::value<std::string>()->value_name("D"), "sgd: dampening in [0, 1] (default 0)")
      ("nesterov", po::bool_switch(), "sgd: torch's Nesterov momentum")
      ("weight-decay", po::value<std::string>()->value_name("WD"),
       "L2 term added to the gradient (sgd, adagrad, rmsprop, adam; default 0); adamw: decoupled decay (default 0.01)")
      ("betas", po::value<std::string>()->value_name("B1,B2"), "adam, adamw: moment decays (default 0.9,0.999)")
      ("eps", po::value<std::string>()->value_name("E"),
       "adagrad 1e-10, rmsprop/adam/adamw 1e-8 (added to sqrt), sign-gd 1e-8 (inside sqrt(g^2 + eps))")
      ("amsgrad", po::bool_switch(), "adam, adamw: AMSGrad")
      ("centered", po::bool_switch(), "rmsprop: centred second moment")
      ("rho", po::value<std::string>()->value_name("R"), "rmsprop's decay (torch's alpha; default 0.99)")
      ("lr-decay", po::value<std::string>()->value_name("D"), "adagrad: lr / (1 + (k-1) D) (default 0)")
      ("initial-accumulator-value", po::value<std::string>()->value_name("V"), "adagrad: start of the sum (default 0)")
      ("history-size", po::value<std::string>()->value_name("M"), "lbfgs: pairs kept (default 100, as torch)")
      ("line-search", po::value<std::string>()->value_name("L"),
       "steepest, cg, bfgs, lbfgs: exact (needs the Hessian; default but lbfgs) | strong-wolfe (lbfgs' default)")
      ("c1", po::value<std::string>()->value_name("C"), "strong Wolfe sufficient decrease (default 1e-4)")
      ("c2", po::value<std::string>()->value_name("C"), "strong Wolfe curvature (default 0.9; cg 0.1)")
      ("max-ls", po::value<std::string>()->value_name("K"), "function evaluations per line search (default 25, torch's max_ls)");
  desc.add(m);
}

void add_problem_options(po::options_description& desc) {
  add_spectrum_options(desc);
  po::options_description p("Problem (f(w) = 1/2 (w-w*)'A(w-w*); A diagonal from the spectrum unless stated)");
  p.add_options()
      ("rotate", po::value<std::string>()->value_name("SEED"), "A = Q diag(lambda) Q' with Q a seeded random orthogonal matrix")
      ("matrix", po::value<std::string>()->value_name("PATH"), "A from a Matrix Market file (symmetric positive definite)")
      ("finite-sum", po::value<std::string>()->value_name("N"),
       "the lecture's f = 1/(2N) sum_i (w-w_i)'A(w-w_i), minibatch gradients")
      ("batch", po::value<std::string>()->value_name("B"), "finite sum: minibatch size (default 1; drawn with replacement)")
      ("seed", po::value<std::string>()->value_name("S"), "finite sum: seed of the points w_i and the batches (default 0)")
      ("spread", po::value<std::string>()->value_name("X"), "finite sum: w_i = w* + X (z_i - mean z), z_i ~ N(0, I) (default 1)")
      ("sample-seed", po::value<std::string>()->value_name("S"),
       "finite sum: draw the minibatches from seed S (the points stay those of --seed)")
      ("without-replacement", po::bool_switch(), "finite sum: minibatches of B distinct points")
      ("optimum", po::value<std::string>()->value_name("SPEC"), "w*: zeros (default) | ones | randn:SEED | file:PATH")
      ("w0", po::value<std::string>()->value_name("SPEC"), "start: ones (default) | zeros | const:X | randn:SEED | file:PATH")
      ("problem", po::value<std::string>()->value_name("P"),
       "a built-in non-quadratic or worst-case problem: lrp (Lessard-Recht-Packard's 1-D function\n"
       "where the quadratic-optimal heavy ball cycles) | chain:N:KAPPA (Nesterov's chain quadratic)");
  desc.add(p);
  add_data_options(desc);
}

void add_run_options(po::options_description& desc) {
  po::options_description r("Run");
  r.add_options()
      ("iters", po::value<std::string>()->default_value("1000")->value_name("K"), "iteration limit")
      ("tol", po::value<std::string>()->default_value("1e-10")->value_name("EPS"),
       "stop when the --stop measure falls to EPS times its start (0: never)")
      ("stop", po::value<std::string>()->default_value("dist")->value_name("R"),
       "dist: |w-w*| <= EPS |w0-w*| | f_gap: f-f* <= EPS (f(w0)-f*)")
      ("every", po::value<std::string>()->default_value("1")->value_name("J"), "trace row every J iterations (and the last)")
      ("threads", po::value<std::string>()->value_name("N"),
       "threads of the fused diagonal pass (gd, heavy-ball; default 1): the same bits for every N");
  desc.add(r);
}

const po::options_description& run_options_description() {
  static const po::options_description desc = [] {
    po::options_description d;
    add_optimizer_options(d);
    add_problem_options(d);
    add_run_options(d);
    return d;
  }();
  return desc;
}

namespace {


std::optional<double> opt_double(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return parse_double(std::string("--") + key, vm[key].as<std::string>());
}

bool flag(const po::variables_map& vm, const char* key) { return vm.count(key) && vm[key].as<bool>(); }

std::string str(const po::variables_map& vm, const char* key, const char* fallback) {
  return vm.count(key) ? vm[key].as<std::string>() : std::string(fallback);
}

}  // namespace

OptimizerSettings optimizer_settings(const po::variables_map& vm) {
  OptimizerSettings s;
  if (auto a = synonym_option(vm, "alpha", "lr")) s.alpha = parse_double(a->first, a->second);
  if (auto b = synonym_option(vm, "beta", "momentum")) s.beta = parse_double(b->first, b->second);
  s.dampening = opt_double(vm, "dampening");
  if (flag(vm, "nesterov")) s.nesterov = true;
  s.weight_decay = opt_double(vm, "weight-decay");
  if (vm.count("betas")) {
    const auto& t = vm["betas"].as<std::string>();
    const auto parts = split(t, ',');
    if (parts.size() != 2) throw InputError(fmt::format("--betas {}: expected B1,B2", t));
    s.beta1 = parse_double("--betas " + t + ": B1", parts[0]);
    s.beta2 = parse_double("--betas " + t + ": B2", parts[1]);
  }
  s.eps = opt_double(vm, "eps");
  if (flag(vm, "amsgrad")) s.amsgrad = true;
  if (flag(vm, "centered")) s.centered = true;
  s.rho = opt_double(vm, "rho");
  s.lr_decay = opt_double(vm, "lr-decay");
  s.initial_accumulator_value = opt_double(vm, "initial-accumulator-value");
  if (vm.count("history-size")) {
    const auto& t = vm["history-size"].as<std::string>();
    const auto h = parse_int("--history-size", t);
    if (h < 1 || h > 1000000) throw InputError(fmt::format("--history-size {}: must be in [1, 1000000]", t));
    s.history_size = static_cast<int>(h);
  }
  // Ranges are checked by the method's factory, which names the option.
  if (vm.count("line-search")) s.line_search = vm["line-search"].as<std::string>();
  if (vm.count("c1")) s.c1 = parse_double("--c1", vm["c1"].as<std::string>());
  if (vm.count("c2")) s.c2 = parse_double("--c2", vm["c2"].as<std::string>());
  if (vm.count("max-ls")) {
    const auto& t = vm["max-ls"].as<std::string>();
    const auto k = parse_int("--max-ls", t);
    if (k < 1 || k > 1000000) throw InputError(fmt::format("--max-ls {}: must be in [1, 1000000]", t));
    s.max_ls = static_cast<int>(k);
  }
  return s;
}

Vector vector_from_spec(const std::string& spec, Eigen::Index n, const std::string& option) {
  if (spec == "zeros") return Vector::Zero(n);
  if (spec == "ones") return Vector::Ones(n);
  if (spec.starts_with("randn:")) {
    Rng rng(parse_seed(option + " " + spec + ": SEED", spec.substr(6)));
    Vector v(n);
    for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
    return v;
  }
  if (spec.starts_with("const:")) return Vector::Constant(n, parse_double(option + " " + spec + ": X =", spec.substr(6)));
  if (spec.starts_with("file:") && spec.size() > 5) {
    auto values = read_number_lines(spec.substr(5), option + " " + spec);
    if (static_cast<Eigen::Index>(values.size()) != n)
      throw InputError(fmt::format("{} {}: has {} values, the problem has dimension {}", option, spec, values.size(), n));
    return Eigen::Map<Vector>(values.data(), n);
  }
  throw InputError(fmt::format("{} {}: expected zeros, ones, const:X, randn:SEED or file:PATH", option, spec));
}

RunSetup run_setup(const po::variables_map& vm) {
  RunSetup r;
  Json params;
  // ---- problem
  const auto spectrum = spectrum_from_options(vm);
  const bool has_matrix = vm.count("matrix"), has_builtin = vm.count("problem"), has_data = has_data_problem(vm);
  if (int(bool(spectrum)) + has_matrix + has_builtin + has_data > 1)
    throw InputError("give one problem: a spectrum, --matrix PATH, --problem P or --data PATH");
  if (!spectrum && !has_matrix && !has_builtin && !has_data)
    throw InputError("no problem: give --kappa K, --lambda-min A --lambda-max B, --spectrum SPEC, --matrix PATH, "
                     "--problem P or --data PATH");
  if (vm.count("rotate") && !spectrum) throw InputError("--rotate: applies to a spectrum only");
  const std::string optimum = str(vm, "optimum", "zeros");
  const std::string w0 = str(vm, "w0", "ones");
  std::unique_ptr<Problem> problem;
  Json pj = spectrum_options_json(vm);
  if (spectrum) {
    const auto n = static_cast<Eigen::Index>(spectrum->size());
    Vector ws = vector_from_spec(optimum, n, "--optimum");
    if (vm.count("rotate")) {
      const auto seed = parse_seed("--rotate", vm["rotate"].as<std::string>());
      problem = problems::rotated(*spectrum, seed, std::move(ws));
      pj["rotate"] = seed;
    } else {
      problem = problems::diagonal(*spectrum, std::move(ws));
    }
  } else if (has_builtin) {
    const auto& spec = vm["problem"].as<std::string>();
    if (vm.count("optimum")) throw InputError("--optimum: a built-in --problem has its own optimum");
    problem = counterexamples::make_problem(spec);
    pj["problem"] = spec;
  } else if (has_data) {
    if (vm.count("optimum")) throw InputError("--optimum: a --data problem has its own optimum");
    problem = data_problem_from_options(vm);
    pj.update(data_options_json(vm));
  } else {
    const auto& path = vm["matrix"].as<std::string>();
    auto A = read_matrix_market(path);
    Vector ws = vector_from_spec(optimum, A.rows(), "--optimum");
    problem = problems::matrix(std::move(A), "--matrix " + path, std::move(ws));
    pj["matrix"] = path;
  }
  const bool fs = vm.count("finite-sum");
  for (const char* key : {"batch", "seed", "spread", "sample-seed"})
    if (!fs && vm.count(key)) throw InputError(fmt::format("--{}: applies only with --finite-sum N", key));
  const bool without_replacement = vm.count("without-replacement") && vm["without-replacement"].as<bool>();
  if (!fs && without_replacement) throw InputError("--without-replacement: applies only with --finite-sum N");
  if (fs) {
    const auto& tn = vm["finite-sum"].as<std::string>();
    const auto N = parse_int("--finite-sum", tn);
    if (N < 1) throw InputError(fmt::format("--finite-sum {}: must be >= 1", tn));
    const auto B = vm.count("batch") ? parse_int("--batch", vm["batch"].as<std::string>()) : 1;
    const auto seed = vm.count("seed") ? parse_seed("--seed", vm["seed"].as<std::string>()) : 0;
    const double spread = vm.count("spread") ? parse_double("--spread", vm["spread"].as<std::string>()) : 1.0;
    std::optional<std::uint64_t> sample_seed;
    if (vm.count("sample-seed")) sample_seed = parse_seed("--sample-seed", vm["sample-seed"].as<std::string>());
    problem = problems::finite_sum(std::move(problem), N, B, seed, spread, sample_seed, without_replacement);
    pj["finite_sum"] = N;
    pj["batch"] = B;
    pj["seed"] = seed;
    pj["spread"] = spread;
    if (sample_seed) pj["sample_seed"] = *sample_seed;  // only when given: outputs without it are unchanged
    if (without_replacement) pj["without_replacement"] = true;
  }
  pj["kind"] = problem->kind();
  pj["n"] = problem->dim();
  if (const auto s = problem->spectrum()) {
    pj["lambda_min"] = s->lambda_min();
    pj["lambda_max"] = s->lambda_max();
    pj["condition_number"] = s->kappa();
  }
  // A built-in or --data problem has its own w* (the chain's is A⁻¹b, not 0): named as such.
  pj["optimum"] = (has_builtin || has_data) && !problem->w_star().isZero(0) ? "problem" : optimum;
  pj["w0"] = w0;
  r.w0 = vector_from_spec(w0, problem->dim(), "--w0");

  // ---- optimizer
  if (!vm.count("method")) throw InputError("--method: required (one of " + fmt::format("{}", fmt::join(optimizer_names(), ", ")) + ")");
  const std::string method = vm["method"].as<std::string>();
  OptimizerSettings settings = optimizer_settings(vm);
  std::string source = "given";
  const auto th = theory::method_from_string(method);
  if (vm.count("tuning") && method != "nesterov")
    throw InputError(fmt::format("--tuning {}: only nesterov has a choice of tuning", vm["tuning"].as<std::string>()));
  if (th && *th != theory::Method::newton && (!settings.alpha || (theory::has_momentum(*th) && !settings.beta))) {
    // Without the step size (and momentum): the theory's optimum for the problem's spectrum, as kappa-rate.
    const auto s = problem->spectrum();
    if (!s) throw InputError(fmt::format("--alpha: method {} needs --alpha{} here (the spectrum of this problem is not known)",
                                         method, theory::has_momentum(*th) ? " and --beta" : ""));
    const auto resolved = resolve_params(*th, *s, vm);
    settings.alpha = resolved.params.alpha;
    if (theory::has_momentum(*th)) settings.beta = resolved.params.beta;
    source = resolved.source;
  } else if (!settings.alpha) {
    source = "default";
  }
  r.optimizer = make_optimizer(method, settings);
  Json oj;
  oj["method"] = method;
  for (const auto& [k, v] : r.optimizer->parameters()) {
    if (k == "nesterov" || k == "amsgrad" || k == "centered") oj[k] = v != 0;  // flags as JSON booleans
    else if (k == "history_size") oj[k] = static_cast<std::int64_t>(v);
    else oj[k] = v;
  }
  oj["params_source"] = source;

  // ---- run
  RunSettings rs;
  const auto& ti = vm["iters"].as<std::string>();
  rs.max_iter = parse_int("--iters", ti);
  if (rs.max_iter < 0) throw InputError(fmt::format("--iters {}: must be >= 0", ti));
  const auto& tt = vm["tol"].as<std::string>();
  rs.tol = parse_double("--tol", tt);
  if (!(rs.tol >= 0) || !(rs.tol < 1)) throw InputError(fmt::format("--tol {}: must be in [0, 1)", tt));
  const auto& tr = vm["stop"].as<std::string>();
  const auto rule = stop_rule_from_string(tr);
  if (!rule) throw InputError(fmt::format("--stop {}: expected dist or f_gap", tr));
  rs.rule = *rule;
  const auto& te = vm["every"].as<std::string>();
  rs.every = parse_int("--every", te);
  if (rs.every < 1) throw InputError(fmt::format("--every {}: must be >= 1", te));
  // Not in the output's parameters: no result depends on it (as kappa-sweep's -j).
  if (vm.count("threads")) {
    const auto& tn = vm["threads"].as<std::string>();
    const auto threads = parse_int("--threads", tn);
    if (threads < 1 || threads > max_threads)
      throw InputError(fmt::format("--threads {}: must be in [1, {}]", tn, max_threads));
    rs.threads = static_cast<int>(threads);
  }
  Json runj;
  runj["iters"] = rs.max_iter;
  runj["tol"] = rs.tol;
  runj["stop"] = to_string(rs.rule);
  runj["every"] = rs.every;
  runj["divergence_growth"] = rs.divergence_growth;
  runj["fit_window"] = "last half of the iterations above 1e-12 |w*| (rounding floor)";

  params["optimizer"] = oj;
  params["problem"] = pj;
  params["run"] = runj;
  r.problem = std::move(problem);
  r.settings = rs;
  r.parameters = std::move(params);
  return r;
}

Json summary_json(const Summary& s) {
  Json j;
  auto num = [](double x) { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  j["status"] = to_string(s.status);
  j["iterations"] = s.iterations;
  j["f_gap"] = num(s.f_gap);
  j["dist"] = num(s.dist);
  j["grad_norm"] = num(s.grad_norm);
  j["dist0"] = s.dist0;
  j["f_gap0"] = s.f_gap0;
  j["dist_ratio"] = s.dist0 > 0 ? num(s.dist / s.dist0) : Json(nullptr);
  j["measured_rate"] = num(s.fit.rate);
  j["rate_model"] = to_string(s.fit.model);
  j["fit_window"] = s.fit.points ? Json::array({s.fit.first, s.fit.last}) : Json(nullptr);
  j["fit_points"] = s.fit.points;
  j["theory_method"] = s.theory_method.empty() ? Json(nullptr) : Json(s.theory_method);
  j["theory_rate"] = s.theory_rate ? Json(*s.theory_rate) : Json(nullptr);
  j["rate_rel_error"] = s.rate_rel_error ? Json(*s.rate_rel_error) : Json(nullptr);
  j["stop_rule"] = to_string(s.rule);
  j["tol"] = s.tol;
  j["gradient_evaluations"] = s.gradient_evaluations;
  j["value_evaluations"] = s.value_evaluations;
  j["message"] = s.message;
  return j;
}

}  // namespace kappa::io
