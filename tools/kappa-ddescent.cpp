// kappa-ddescent: double descent of min-norm least squares on random ReLU features, train and test
// error against the number of features p across the interpolation threshold p = n_train.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "kappa/ddescent.hpp"
#include "kappa/errors.hpp"
#include "kappa/io/cli.hpp"
#include "kappa/io/parse.hpp"

using namespace kappa;
namespace dd = kappa::ddescent;
namespace po = boost::program_options;

namespace {
// A numeric table: one row per line, fields separated by commas and/or blanks, '#' comments, every
// row the same length. Minimal on purpose (the learning issue's CSV reader is the general one).
Eigen::MatrixXd read_table(const std::string& opt, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("--" + opt + " " + path + ": cannot open");
  std::vector<std::vector<double>> rows;
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (const auto h = line.find('#'); h != std::string::npos) line.erase(h);
    std::replace(line.begin(), line.end(), ',', ' ');
    std::replace(line.begin(), line.end(), '\t', ' ');
    std::replace(line.begin(), line.end(), '\r', ' ');
    std::vector<double> row;
    for (auto tok : io::split(line, ' '))
      if (!tok.empty()) row.push_back(io::parse_double(fmt::format("--{} {} line {}", opt, path, lineno), tok));
    if (row.empty()) continue;
    if (!rows.empty() && row.size() != rows[0].size())
      throw InputError(fmt::format("--{} {} line {}: {} fields, expected {}", opt, path, lineno, row.size(), rows[0].size()));
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw InputError("--" + opt + " " + path + ": no numeric rows");
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows[0].size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[0].size(); ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return m;
}

int int_in(const po::variables_map& vm, const char* key, std::int64_t lo, std::int64_t hi) {
  const std::string& t = vm[key].as<std::string>();
  const auto v = io::parse_int(std::string("--") + key, t);
  if (v < lo || v > hi) throw InputError(fmt::format("--{} {}: must be an integer in [{}, {}]", key, t, lo, hi));
  return static_cast<int>(v);
}
}  // namespace

int main(int argc, char** argv) {
  io::Tool tool(
      "kappa-ddescent",
      "kappa-ddescent [--data X --target Y | --dim D --noise S --n-test M] [--n-train N] [--p LIST] [--seeds K] [--seed S]",
      "Minimum-norm least squares theta = pinv(Phi) y (complete orthogonal decomposition, not the normal\n"
      "equations) on p random ReLU features Phi = max(0, X V'/sqrt(d)), V ~ N(0, 1) seeded, nested in p. For each p\n"
      "(default: n_train times 0.1 .. 10, dense near 1): train and test mean squared error averaged over seeds\n"
      "(and the median, min and max of the test error), and the mean ||theta||. Synthetic data (default): x ~ N(0, I_d),\n"
      "y = x'beta + noise, beta ~ N(0, I/d). Real data: --data (features, one row per sample) and --target (one value\n"
      "per row), split at random per seed, standardised with the training statistics. The test error peaks near\n"
      "the interpolation threshold p = n_train and descends again beyond it.",
      "  kappa-ddescent                                      # synthetic, n_train = 100, d = 20, noise 0.5\n"
      "  kappa-ddescent --n-train 100 --p 50,90,100,110,400 --format json\n"
      "  D=/usr/lib/python3/dist-packages/sklearn/datasets/data\n"
      "  zcat $D/diabetes_data_raw.csv.gz > diabetes_X.txt; zcat $D/diabetes_target.csv.gz > diabetes_y.txt\n"
      "  kappa-ddescent --data diabetes_X.txt --target diabetes_y.txt --n-train 100 --format csv");
  tool.options().add_options()
      ("data", po::value<std::string>()->value_name("FILE"), "features: a numeric table (commas or blanks)")
      ("target", po::value<std::string>()->value_name("FILE"), "targets: one number per row of --data")
      ("n-train", po::value<std::string>()->default_value("100")->value_name("N"), "training samples")
      ("n-test", po::value<std::string>()->default_value("1000")->value_name("M"), "synthetic: test samples")
      ("dim", po::value<std::string>()->default_value("20")->value_name("D"), "synthetic: input dimension")
      ("noise", po::value<std::string>()->default_value("0.5")->value_name("S"), "synthetic: label noise standard deviation")
      ("p", po::value<std::string>()->value_name("LIST"), "feature counts, comma-separated (default: the grid above)")
      ("seed", po::value<std::string>()->default_value("1")->value_name("S"), "first seed")
      ("seeds", po::value<std::string>()->default_value("10")->value_name("K"), "seeds averaged");
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (vm.count("data") != vm.count("target")) throw InputError("--data and --target: expected both or neither");
    const bool real = vm.count("data") > 0;
    const int n_train = int_in(vm, "n-train", 2, 1'000'000);
    const int seeds = int_in(vm, "seeds", 1, 10'000);
    const std::uint64_t seed = io::parse_seed("--seed", vm["seed"].as<std::string>());
    std::vector<Eigen::Index> ps;
    if (vm.count("p")) {
      for (auto tok : io::split(vm["p"].as<std::string>(), ',')) {
        const auto p = io::parse_int("--p", tok);
        if (p < 1 || p > 1'000'000) throw InputError(fmt::format("--p {}: each feature count must be in [1, 1000000]", tok));
        ps.push_back(p);
      }
    } else {
      ps = dd::default_grid(n_train);
    }

    const auto pmax = *std::max_element(ps.begin(), ps.end());
    // Checked before allocating: each seed holds the inputs, (n_train + n_test)·d doubles, and the
    // features, (n_train + n_test)·p_max doubles; refuse more than 5e7 values (400 MB).
    const double rows = real ? 0.0 : static_cast<double>(n_train) + io::parse_int("--n-test", vm["n-test"].as<std::string>());
    const double dim_values = real ? 0.0 : rows * static_cast<double>(io::parse_int("--dim", vm["dim"].as<std::string>()));
    if (rows * static_cast<double>(pmax) + dim_values > 5e7)
      throw InputError(fmt::format("--p {}: (n_train + n_test) * (d + p_max) = {:.3g} values would need {:.0f} MiB, "
                                   "expected at most 5e7 values (381 MiB)",
                                   pmax, rows * static_cast<double>(pmax) + dim_values,
                                   (rows * static_cast<double>(pmax) + dim_values) * 8 / (1 << 20)));
    io::Json params;
    params["n_train"] = n_train;
    params["seed"] = seed;
    params["seeds"] = seeds;
    params["features"] = "max(0, V x / sqrt(d)), V ~ N(0, 1)";
    params["solver"] = "complete orthogonal decomposition (min-norm least squares)";
    std::vector<dd::Point> pts;
    if (real) {
      const Eigen::MatrixXd X = read_table("data", vm["data"].as<std::string>());
      const Eigen::MatrixXd Y = read_table("target", vm["target"].as<std::string>());
      if (Y.cols() != 1) throw InputError("--target " + vm["target"].as<std::string>() + ": expected one number per row");
      if (Y.rows() != X.rows())
        throw InputError(fmt::format("--target {}: {} rows, expected {} (the rows of --data)", vm["target"].as<std::string>(),
                                     Y.rows(), X.rows()));
      if (n_train >= X.rows())
        throw InputError(fmt::format("--n-train {}: must be below the {} rows of --data", n_train, X.rows()));
      if (static_cast<double>(X.rows()) * static_cast<double>(pmax) > 5e7)
        throw InputError(fmt::format("--p {}: rows * p_max = {:.3g} feature values would need {:.0f} MiB, expected at "
                                     "most 5e7 values (381 MiB)", pmax,
                                     static_cast<double>(X.rows()) * static_cast<double>(pmax),
                                     static_cast<double>(X.rows()) * static_cast<double>(pmax) * 8 / (1 << 20)));
      params["data"] = vm["data"].as<std::string>();
      params["target"] = vm["target"].as<std::string>();
      params["rows"] = X.rows();
      params["dim"] = X.cols();
      params["n_test"] = X.rows() - n_train;
      params["standardised"] = true;
      const Eigen::VectorXd y = Y.col(0);
      pts = dd::sweep(ps, seed, seeds, [&](std::uint64_t s) { return dd::split_standardised(X, y, n_train, s); });
    } else {
      const int n_test = int_in(vm, "n-test", 1, 10'000'000);
      const int dim = int_in(vm, "dim", 1, 100'000);
      const double noise = io::parse_in_range("--noise", vm["noise"].as<std::string>(), 0, true, 1e6, true);
      params["data"] = "synthetic";
      params["n_test"] = n_test;
      params["dim"] = dim;
      params["noise"] = noise;
      pts = dd::sweep(ps, seed, seeds, [&](std::uint64_t s) { return dd::synthetic(n_train, n_test, dim, noise, s); });
    }
    std::vector<std::int64_t> plist(ps.begin(), ps.end());

    params["p"] = plist;

    std::size_t peak = 0;
    for (std::size_t i = 1; i < pts.size(); ++i)
      if (pts[i].test_mse_mean > pts[peak].test_mse_mean) peak = i;
    std::size_t best_under = pts.size();  // the classical U's bottom: best p < n_train
    for (std::size_t i = 0; i < pts.size(); ++i)
      if (pts[i].p < n_train && (best_under == pts.size() || pts[i].test_mse_mean < pts[best_under].test_mse_mean))
        best_under = i;
    io::Json extra;
    extra["threshold_p"] = n_train;
    extra["peak_p"] = pts[peak].p;
    extra["peak_p_over_n"] = static_cast<double>(pts[peak].p) / n_train;
    extra["peak_test_mse"] = pts[peak].test_mse_mean;
    extra["largest_p"] = pts.back().p;
    extra["largest_p_test_mse"] = pts.back().test_mse_mean;
    if (best_under < pts.size()) {
      extra["underparam_best_p"] = pts[best_under].p;
      extra["underparam_best_test_mse"] = pts[best_under].test_mse_mean;
    }
    io::Sink sink(tool.output_path(vm));
    io::RowWriter w(sink, format,
                    {"p", "p_over_n", "train_mse", "test_mse", "test_mse_median", "test_mse_min", "test_mse_max", "theta_norm"},
                    tool.context(params));
    for (const auto& pt : pts)
      w.row({io::Value(std::int64_t{pt.p}), static_cast<double>(pt.p) / n_train, pt.train_mse_mean, pt.test_mse_mean,
             pt.test_mse_median, pt.test_mse_min, pt.test_mse_max, pt.theta_norm_mean});
    w.finish(extra);
    sink.commit();
    return io::exit_ok;
  });
}
