#include "kappa/cli/data_problem.hpp"

#include <string>

#include "kappa/core/errors.hpp"
#include "kappa/io/csv_data.hpp"
#include "kappa/io/parse.hpp"

namespace kappa::io {

namespace po = boost::program_options;

void add_data_options(po::options_description& desc) {
  po::options_description d("Data problem");
  d.add_options()("data", po::value<std::string>()->value_name("PATH"),
                  "CSV data set (numeric cells; '-' reads stdin)")(
      "target", po::value<std::string>()->value_name("COL")->default_value("last"),
      "target column: header name, 0-based index (negative from the end) or 'last'")(
      "skip-rows", po::value<std::string>()->value_name("N")->default_value("0"),
      "lines to drop before the header (sklearn's breast_cancer.csv: 1)")(
      "no-header", po::bool_switch(), "the first line is data; columns are named 0, 1, ...")(
      "standardize", po::bool_switch(), "centre and scale each feature to mean 0, standard deviation 1")(
      "no-intercept", po::bool_switch(), "do not append a column of ones to the features")(
      "model", po::value<std::string>()->value_name("M"),
      "least-squares (default with --data) | logistic | sigmoid-fit (built-in 1-D data without --data)")(
      "l2", po::value<std::string>()->value_name("LAMBDA"),
      "L2 strength >= 0 (default 0; intercept not penalised)");
  desc.add(d);
}

bool has_data_problem(const po::variables_map& vm) { return vm.count("data") || vm.count("model"); }

DataSpec data_spec_from_options(const po::variables_map& vm) {
  DataSpec spec;
  if (vm.count("model")) {
    const auto& name = vm["model"].as<std::string>();
    const auto m = data::model_from_string(name);
    if (!m) throw InputError("--model " + name + ": expected least-squares, logistic or sigmoid-fit");
    spec.model = *m;
  }
  if (vm.count("l2")) {
    const auto& tok = vm["l2"].as<std::string>();
    spec.l2 = parse_double("--l2", tok);
    if (spec.l2 < 0) throw InputError("--l2 " + tok + ": must be >= 0");
  }
  if (!vm.count("data")) {
    if (spec.model != data::Model::sigmoid_fit)
      throw InputError("--model " + std::string(data::to_string(spec.model)) + ": needs --data PATH");
    return spec;  // the built-in sigmoid-fit data
  }
  const auto skip_tok = vm["skip-rows"].as<std::string>();
  const auto skip = parse_int("--skip-rows", skip_tok);
  if (skip < 0) throw InputError("--skip-rows " + skip_tok + ": must be >= 0");
  CsvOptions opt;
  opt.skip_rows = static_cast<std::size_t>(skip);
  opt.header = !vm["no-header"].as<bool>();
  const auto table = read_csv(vm["data"].as<std::string>(), opt);
  spec.dataset = dataset_from_table(table, vm["target"].as<std::string>());
  if (vm["standardize"].as<bool>()) data::standardize(spec.dataset);
  if (!vm["no-intercept"].as<bool>() && spec.model != data::Model::sigmoid_fit)
    data::add_intercept(spec.dataset);
  return spec;
}

std::unique_ptr<Problem> data_problem_from_options(const po::variables_map& vm) {
  auto spec = data_spec_from_options(vm);
  if (spec.model == data::Model::sigmoid_fit && !vm.count("data"))
    return std::make_unique<data::SigmoidFitProblem>(data::SigmoidFitProblem::builtin());
  return data::make_problem(spec.model, std::move(spec.dataset), spec.l2);
}

Json data_options_json(const po::variables_map& vm) {
  Json j;
  if (vm.count("data")) j["data"] = vm["data"].as<std::string>();
  j["model"] = vm.count("model") ? vm["model"].as<std::string>() : std::string("least-squares");
  if (vm.count("data")) {
    j["target"] = vm["target"].as<std::string>();
    j["skip_rows"] = parse_int("--skip-rows", vm["skip-rows"].as<std::string>());
    j["header"] = !vm["no-header"].as<bool>();
    j["standardize"] = vm["standardize"].as<bool>();
    j["intercept"] = !vm["no-intercept"].as<bool>();
  }
  j["l2"] = vm.count("l2") ? parse_double("--l2", vm["l2"].as<std::string>()) : 0.0;
  return j;
}

}  // namespace kappa::io
