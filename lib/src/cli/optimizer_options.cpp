#include "kappa/cli/optimizer_options.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <variant>

#include "kappa/cli/data_problem.hpp"
#include "kappa/cli/method_options.hpp"
#include "kappa/cli/spec.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/core/memory.hpp"
#include "kappa/core/random.hpp"
#include "kappa/io/matrix_market.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/learn/counterexamples.hpp"
#include "kappa/problems/problems.hpp"
#include "kappa/theory/theory.hpp"

namespace po = boost::program_options;

namespace kappa::io {

namespace {

std::string dashed(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

bool is_identifier(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) || c == '_';
  });
}

// --NAME for a parameter, or its schema's composite option (--betas for beta1 and beta2).
std::string option_name(const ParamSchema& p) { return p.option.empty() ? dashed(p.name) : p.option; }

// One option of the optimizer group and the parameters (of every method) read from it, in registry
// order. A parameter's option is --NAME (or its schema's composite option, --betas B1,B2); torch's
// name for it is a synonym when it names no other parameter (--lr for alpha, --momentum for beta).
struct MethodOption {
  std::string name, synonym;
  std::vector<std::pair<const MethodSchema*, const ParamSchema*>> params;
  bool composite() const { return !params.front().second->option.empty(); }
  ParamType type() const { return params.front().second->type; }
  // The parts of a composite option, in order (B1, B2).
  std::vector<std::string> parts() const {
    std::vector<std::string> v;
    for (const auto& [m, p] : params)
      if (std::find(v.begin(), v.end(), p->option_part) == v.end()) v.push_back(p->option_part);
    return v;
  }
};

const std::vector<MethodOption>& method_options() {
  static const std::vector<MethodOption> options = [] {
    std::set<std::string> names;
    for (const auto& m : method_schemas())
      for (const auto& p : m.params) names.insert(p.name);
    std::vector<MethodOption> v;
    for (const auto& m : method_schemas())
      for (const auto& p : m.params) {
        const std::string name = option_name(p);
        auto it = std::find_if(v.begin(), v.end(), [&](const MethodOption& o) { return o.name == name; });
        if (it == v.end()) it = v.insert(v.end(), MethodOption{name, {}, {}});
        it->params.emplace_back(&m, &p);
        if (it->synonym.empty() && p.option.empty() && is_identifier(p.torch) && p.torch != p.name &&
            !names.count(p.torch))
          it->synonym = dashed(p.torch);
      }
    return v;
  }();
  return options;
}

// "A", "WD", "B1,B2": the initials of the option's words, or its parts.
std::string value_name(const MethodOption& o) {
  if (o.composite()) {
    std::string s;
    for (const auto& part : o.parts()) s += (s.empty() ? "" : ",") + part;
    return s;
  }
  std::string s;
  bool start = true;
  for (char c : o.name) {
    if (start) s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    start = c == '-';
  }
  return s;
}

// The help line: the first method's text, other methods' own texts, and the defaults by method
// ("required: gd, heavy-ball; 0.01: adagrad, rmsprop").
std::string option_help(const MethodOption& o) {
  std::vector<std::pair<std::string, std::vector<std::string>>> texts, defaults;
  auto add = [](auto& groups, const std::string& key, const std::string& method) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == key; });
    if (it == groups.end()) it = groups.insert(groups.end(), {key, {}});
    if (std::find(it->second.begin(), it->second.end(), method) == it->second.end())
      it->second.push_back(method);
  };
  for (const auto& [m, p] : o.params) {
    add(texts, p->help, m->name);
    if (o.type() == ParamType::flag) continue;
    std::string d = p->default_value ? kappa::to_string(*p->default_value)
                    : p->optional    ? "unset"
                                     : "required";
    if (o.composite()) d = p->option_part + " " + d;
    add(defaults, d, m->name);
  }
  std::string h = texts.front().first;
  for (std::size_t i = 1; i < texts.size(); ++i)
    h += fmt::format("; {}: {}", fmt::join(texts[i].second, ", "), texts[i].first);
  if (o.type() == ParamType::choice)
    h += fmt::format(" ({})", fmt::join(o.params.front().second->choices, " | "));
  if (texts.size() == 1 || o.type() == ParamType::flag) {
    std::vector<std::string> methods;
    for (const auto& [m, p] : o.params)
      if (std::find(methods.begin(), methods.end(), m->name) == methods.end()) methods.push_back(m->name);
    h += fmt::format(". Methods: {}", fmt::join(methods, ", "));
  }
  if (!defaults.empty()) {
    std::vector<std::string> parts;
    for (const auto& [d, ms] : defaults) parts.push_back(fmt::format("{}: {}", d, fmt::join(ms, ", ")));
    h += fmt::format(". Default {}", fmt::join(parts, "; "));
  }
  return h;
}

const MethodOption* option_of(const ParamSchema& p) {
  const std::string name = option_name(p);
  for (const auto& o : method_options())
    if (o.name == name) return &o;
  return nullptr;
}

// The option as the user spelled it (--lr for --alpha when --lr was given).
std::string typed(const po::variables_map& vm, const MethodOption& o) {
  return "--" + (!o.synonym.empty() && vm.count(o.synonym) ? o.synonym : o.name);
}

bool given(const po::variables_map& vm, const std::string& key, ParamType type) {
  if (!vm.count(key)) return false;
  return type != ParamType::flag || vm[key].as<bool>();
}

}  // namespace

void add_optimizer_options(po::options_description& desc, bool with_tuning) {
  po::options_description m(
      "Optimizer (kappa's names; torch.optim's names and defaults where torch has the method)");
  m.add_options()("method,m", po::value<std::string>()->value_name("M"),
                  fmt::format("{}", fmt::join(optimizer_names(), " | ")).c_str());
  for (const auto& o : method_options()) {
    const std::string help = option_help(o);
    if (o.type() == ParamType::flag)
      m.add_options()(o.name.c_str(), po::bool_switch(), help.c_str());
    else
      m.add_options()(o.name.c_str(), po::value<std::string>()->value_name(value_name(o)), help.c_str());
    if (!o.synonym.empty())
      m.add_options()(o.synonym.c_str(), po::value<std::string>()->value_name(value_name(o)),
                      fmt::format("synonym of --{} (torch's name)", o.name).c_str());
  }
  if (with_tuning)
    m.add_options()("tuning", po::value<std::string>()->value_name("T"),
                    "nesterov without --alpha/--beta: tuned (4/(3L+mu), default) | textbook (1/L)");
  desc.add(m);
}

const MethodSchema& method_from_registry(const std::string& name) {
  try {
    return method_schema(name);
  } catch (const ParamError& e) {
    throw InputError("--" + e.field + e.detail);
  }
}

MethodParams method_params(const po::variables_map& vm, const MethodSchema& method) {
  MethodParams params;
  for (const auto& o : method_options()) {
    std::optional<std::pair<std::string, std::string>> typed_value;  // (--alpha or --lr, its text)
    if (!o.synonym.empty())
      typed_value = synonym_option(vm, o.name.c_str(), o.synonym.c_str());
    else if (given(vm, o.name, o.type()))
      typed_value = std::pair{"--" + o.name,
                              o.type() == ParamType::flag ? std::string() : vm[o.name].as<std::string>()};
    if (!typed_value) continue;
    const std::string& flag = typed_value->first;
    const auto has = [&](const auto& entry) { return entry.first == &method; };
    if (std::none_of(o.params.begin(), o.params.end(), has))
      throw InputError(fmt::format("{}: method {} has no such parameter", flag, method.name));
    if (o.type() == ParamType::flag) {
      for (const auto& [m, p] : o.params)
        if (m == &method) params.set(p->name, true);
      continue;
    }
    const std::string& text = typed_value->second;
    std::vector<std::string> values{text};
    const std::vector<std::string> parts = o.composite() ? o.parts() : std::vector<std::string>{};
    if (o.composite()) {
      values.clear();
      for (const auto part : split(text, ',')) values.emplace_back(part);
      if (values.size() != parts.size())
        throw InputError(fmt::format("{} {}: expected {}", flag, text, value_name(o)));
    }
    for (const auto& [m, p] : o.params) {
      if (m != &method) continue;
      std::size_t i = 0;
      if (o.composite())
        i = static_cast<std::size_t>(std::find(parts.begin(), parts.end(), p->option_part) - parts.begin());
      const std::string what = o.composite() ? fmt::format("{} {}: {}", flag, text, p->option_part) : flag;
      switch (p->type) {
        case ParamType::real: params.set(p->name, parse_double(what, values[i])); break;
        case ParamType::integer: params.set(p->name, parse_int(what, values[i])); break;
        case ParamType::choice: params.set(p->name, values[i]); break;
        case ParamType::flag: break;
      }
    }
  }
  return params;
}

std::unique_ptr<Optimizer> make_optimizer(const po::variables_map& vm, const MethodSchema& method,
                                          const MethodParams& params) {
  try {
    return method.make(ResolvedParams(method, params));
  } catch (const ParamError& e) {
    const ParamSchema* p = method.find(e.field);
    const MethodOption* o = p ? option_of(*p) : nullptr;
    if (!o) throw InputError(fmt::format("--{}{}", dashed(e.field), e.detail));
    std::string flag = typed(vm, *o);
    if (o->composite()) flag += " " + p->option_part;
    std::string hint;
    if (e.kind == ParamError::Kind::missing)
      hint = o->synonym.empty() ? "" : fmt::format(" (--{} or --{})", o->name, o->synonym);
    throw InputError(flag + e.detail + hint);
  }
}

void write_method_table(Sink& sink, Format format, const Json& context) {
  RowWriter rows(sink, format,
                 {"method", "parameter", "option", "key", "torch", "type", "default", "valid", "help"},
                 context);
  static constexpr const char* type_names[] = {"real", "integer", "flag", "choice"};
  for (const auto& m : method_schemas())
    for (const auto& p : m.params) {
      const MethodOption* o = option_of(p);
      const std::string option = "--" + o->name + (p.option_part.empty() ? "" : " " + p.option_part);
      const std::string fallback = p.default_value ? kappa::to_string(*p.default_value)
                                   : p.optional    ? ""
                                                   : "required";
      std::string valid;
      if (p.type == ParamType::real || p.type == ParamType::integer)
        valid = p.range.describe();
      else if (p.type == ParamType::choice)
        valid = fmt::format("{}", fmt::join(p.choices, " | "));
      rows.row({m.name, p.name, option, p.output_key(), p.torch.empty() ? null_value() : Value(p.torch),
                std::string_view(type_names[static_cast<int>(p.type)]),
                fallback.empty() ? null_value() : Value(fallback),
                valid.empty() ? null_value() : Value(valid), p.help});
    }
  rows.finish();
}

void add_problem_options(po::options_description& desc) {
  add_spectrum_options(desc);
  po::options_description p(
      "Problem (f(w) = 1/2 (w-w*)'A(w-w*); A diagonal from the spectrum unless stated)");
  p.add_options()("rotate", po::value<std::string>()->value_name("SEED"),
                  "A = Q diag(lambda) Q' with Q a seeded random orthogonal matrix")(
      "matrix", po::value<std::string>()->value_name("PATH"),
      "A from a Matrix Market file (symmetric positive definite)")(
      "finite-sum", po::value<std::string>()->value_name("N"),
      "the lecture's f = 1/(2N) sum_i (w-w_i)'A(w-w_i), minibatch gradients")(
      "batch", po::value<std::string>()->value_name("B"),
      "finite sum: minibatch size (default 1; drawn with replacement)")(
      "seed", po::value<std::string>()->value_name("S"),
      "finite sum: seed of the points w_i and the batches (default 0)")(
      "spread", po::value<std::string>()->value_name("X"),
      "finite sum: w_i = w* + X (z_i - mean z), z_i ~ N(0, I) (default 1)")(
      "sample-seed", po::value<std::string>()->value_name("S"),
      "finite sum: draw the minibatches from seed S (the points stay those of --seed)")(
      "without-replacement", po::bool_switch(), "finite sum: minibatches of B distinct points")(
      "optimum", po::value<std::string>()->value_name("SPEC"),
      "w*: zeros (default) | ones | randn:SEED | file:PATH")(
      "w0", po::value<std::string>()->value_name("SPEC"),
      "start: ones (default) | zeros | const:X | randn:SEED | file:PATH")(
      "problem", po::value<std::string>()->value_name("P"),
      "a built-in non-quadratic or worst-case problem: lrp (Lessard-Recht-Packard's 1-D function\n"
      "where the quadratic-optimal heavy ball cycles) | chain:N:KAPPA (Nesterov's chain quadratic)");
  desc.add(p);
  add_data_options(desc);
}

void add_run_options(po::options_description& desc) {
  po::options_description r("Run");
  r.add_options()("iters", po::value<std::string>()->default_value("1000")->value_name("K"),
                  "iteration limit")("tol",
                                     po::value<std::string>()->default_value("1e-10")->value_name("EPS"),
                                     "stop when the --stop measure falls to EPS times its start (0: never)")(
      "stop", po::value<std::string>()->default_value("dist")->value_name("R"),
      "dist: |w-w*| <= EPS |w0-w*| | f_gap: f-f* <= EPS (f(w0)-f*)")(
      "every", po::value<std::string>()->default_value("1")->value_name("J"),
      "trace row every J iterations (and the last)")(
      "threads", po::value<std::string>()->value_name("N"),
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

std::string str(const po::variables_map& vm, const char* key, const char* fallback) {
  return vm.count(key) ? vm[key].as<std::string>() : std::string(fallback);
}

}  // namespace

Vector vector_from_spec(const std::string& spec, Eigen::Index n, const std::string& option) {
  // On huge pages when long (kappa/core/memory.hpp): w is one of the fused pass's streams.
  Vector v = huge_page_vector(n);
  if (spec == "zeros")
    v.setZero();
  else if (spec == "ones")
    v.setOnes();
  else if (spec.starts_with("randn:")) {
    Rng rng(parse_seed(option + " " + spec + ": SEED", spec.substr(6)));
    for (Eigen::Index i = 0; i < n; ++i) v(i) = rng.normal();
  } else if (spec.starts_with("const:")) {
    v.setConstant(parse_double(option + " " + spec + ": X =", spec.substr(6)));
  } else if (spec.starts_with("file:") && spec.size() > 5) {
    auto values = read_number_lines(spec.substr(5), option + " " + spec);
    if (static_cast<Eigen::Index>(values.size()) != n)
      throw InputError(
          fmt::format("{} {}: has {} values, the problem has dimension {}", option, spec, values.size(), n));
    v = Eigen::Map<Vector>(values.data(), n);
  } else {
    throw InputError(
        fmt::format("{} {}: expected zeros, ones, const:X, randn:SEED or file:PATH", option, spec));
  }
  return v;
}

RunSetup run_setup(const po::variables_map& vm) {
  RunSetup r;
  Json params;
  // ---- problem
  const auto spectrum = spectrum_from_options(vm);
  const bool has_matrix = vm.count("matrix"), has_builtin = vm.count("problem"),
             has_data = has_data_problem(vm);
  if (int(bool(spectrum)) + has_matrix + has_builtin + has_data > 1)
    throw InputError("give one problem: a spectrum, --matrix PATH, --problem P or --data PATH");
  if (!spectrum && !has_matrix && !has_builtin && !has_data)
    throw InputError(
        "no problem: give --kappa K, --lambda-min A --lambda-max B, --spectrum SPEC, --matrix PATH, "
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
    if (vm.count("sample-seed"))
      sample_seed = parse_seed("--sample-seed", vm["sample-seed"].as<std::string>());
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
  if (!vm.count("method"))
    throw InputError("--method: required (one of " + fmt::format("{}", fmt::join(optimizer_names(), ", ")) +
                     ")");
  const std::string method = vm["method"].as<std::string>();
  const MethodSchema* schema = &method_from_registry(method);
  MethodParams given = method_params(vm, *schema);
  std::string source = "given";
  if (vm.count("tuning") && method != "nesterov")
    throw InputError(
        fmt::format("--tuning {}: only nesterov has a choice of tuning", vm["tuning"].as<std::string>()));
  // The parameters the quadric theory tunes (alpha, and beta for a momentum method), when not given:
  // the theory's optimum for the problem's spectrum, as kappa-rate.
  std::vector<const ParamSchema*> tuned;
  for (const auto& p : schema->params)
    if (!p.theory.empty()) tuned.push_back(&p);
  const bool tunable = schema->theory && *schema->theory != theory::Method::newton;
  const bool all_given =
      std::all_of(tuned.begin(), tuned.end(), [&](const ParamSchema* p) { return given.find(p->name); });
  if (tunable && !all_given) {
    const auto s = problem->spectrum();
    if (!s)
      throw InputError(
          fmt::format("--alpha: method {} needs --alpha{} here (the spectrum of this problem is not known)",
                      method, theory::has_momentum(*schema->theory) ? " and --beta" : ""));
    const auto resolved = resolve_params(*schema->theory, *s, vm);
    for (const ParamSchema* p : tuned)
      given.set(p->name, p->theory == "alpha" ? resolved.params.alpha : resolved.params.beta);
    source = resolved.source;
  } else if (!given.find("alpha")) {
    source = "default";
  }
  r.optimizer = make_optimizer(vm, *schema, given);
  Json oj;
  oj["method"] = method;
  oj.update(parameters_json(*r.optimizer));
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

}  // namespace kappa::io
