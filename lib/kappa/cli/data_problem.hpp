// The options that make a Problem from a CSV data set, for kappa-spectrum, kappa-run and the rest:
//   --data PATH         CSV file ("-": stdin); numeric cells only
//   --target COL        target column: header name, 0-based index (negative from the end) or "last" (default)
//   --skip-rows N       lines to drop before the header/data (breast_cancer.csv's count line: 1)
//   --no-header         the first kept line is data; columns are named 0, 1, ...
//   --standardize       centre and scale every feature to mean 0, standard deviation 1
//   --no-intercept      do not append a column of ones
//   --model M           least-squares (default) | logistic | sigmoid-fit
//   --l2 LAMBDA         L2 strength λ ≥ 0 (the intercept is never penalised)
// Wiring into a tool: add_data_options(tool.options()); then
//   if (has_data_problem(vm)) problem = data_problem_from_options(vm);
#pragma once
#include <boost/program_options.hpp>
#include <memory>

#include "kappa/io/output.hpp"
#include "kappa/problems/data.hpp"
#include "kappa/problems/problem.hpp"

namespace kappa::io {

void add_data_options(boost::program_options::options_description& desc);

// True when --data or --model was given.
bool has_data_problem(const boost::program_options::variables_map& vm);

// The data set the options describe (read, intercept appended, standardized), and the model.
struct DataSpec {
  data::Dataset dataset;
  data::Model model = data::Model::least_squares;
  double l2 = 0;
};
DataSpec data_spec_from_options(const boost::program_options::variables_map& vm);

std::unique_ptr<Problem> data_problem_from_options(const boost::program_options::variables_map& vm);

// The options as given, for the JSON parameters block.
Json data_options_json(const boost::program_options::variables_map& vm);

}  // namespace kappa::io
