#include <unistd.h>
// kappa-train: trains the small MLP of lib/kappa/learn/mlp.hpp on a CSV data set or synthetic blobs and
// writes train / validation / test loss and accuracy per epoch (a training log for kappa-diagnose).
#include <fmt/format.h>

#include "kappa/cli/cli.hpp"
#include "kappa/cli/optimizer_options.hpp"
#include "kappa/core/errors.hpp"
#include "kappa/io/csv_data.hpp"
#include "kappa/io/parse.hpp"
#include "kappa/learn/mlp.hpp"

#include "tool_help.hpp"

using namespace kappa;
namespace po = boost::program_options;

namespace {
// A reference into vm: io::split keeps views into it, so it must not be a temporary.
const std::string& str(const po::variables_map& vm, const char* key) { return vm[key].as<std::string>(); }
double num(const po::variables_map& vm, const char* key) {
  return io::parse_double(std::string("--") + key, str(vm, key));
}
int integer(const po::variables_map& vm, const char* key) {
  const auto x = io::parse_int(std::string("--") + key, str(vm, key));
  if (x < 0 || x > 1'000'000'000)
    throw InputError(fmt::format("--{} {}: must be in [0, 1e9]", key, str(vm, key)));
  return static_cast<int>(x);
}
}  // namespace

int main(int argc, char** argv) {
  io::Tool tool("kappa-train", tool_help);
  tool.options().add_options()("data", po::value<std::string>()->value_name("PATH"),
                               "CSV: feature columns and an integer label column")(
      "target", po::value<std::string>()->default_value("last")->value_name("COL"),
      "label column (name, index, last)")(
      "skip-rows", po::value<std::string>()->default_value("0")->value_name("N"), "lines to drop first")(
      "no-header", po::bool_switch(), "the first line is data")(
      "scale", po::value<std::string>()->default_value("1")->value_name("S"), "multiply every feature by S")(
      "synthetic", po::value<std::string>()->value_name("SPEC"),
      "blobs:N:D:K:SPREAD  N samples, D features, K Gaussian classes, centres ~ N(0, SPREAD^2)")(
      "split", po::value<std::string>()->default_value("0.6,0.2")->value_name("TR,VA"),
      "train and validation fractions (test: the rest)")(
      "max-train", po::value<std::string>()->value_name("N"), "keep only the first N training samples")(
      "hidden", po::value<std::string>()->default_value("32")->value_name("H,..."),
      "hidden layer sizes ('' none)")("activation",
                                      po::value<std::string>()->default_value("relu")->value_name("A"),
                                      "linear | sigmoid | tanh | relu")(
      "init", po::value<std::string>()->default_value("he")->value_name("I"),
      "xavier | he | naive (N(0, s²), s = --naive-scale) | small (N(0, 0.01²))")(
      "naive-scale", po::value<std::string>()->default_value("0.01")->value_name("S"),
      "std of the naive init")("batch-size", po::value<std::string>()->default_value("32")->value_name("B"),
                               "minibatch size")(
      "epochs", po::value<std::string>()->default_value("20")->value_name("E"),
      "passes over the training set")("seed", po::value<std::string>()->default_value("1")->value_name("S"),
                                      "seed for split, init and shuffling");
  io::add_optimizer_options(tool.options(), false);
  tool.add_output_options();

  return tool.run(argc, argv, [&](const po::variables_map& vm) {
    const auto format = tool.format(vm);
    if (vm.count("data") == vm.count("synthetic"))
      throw InputError("give exactly one of --data PATH, --synthetic SPEC");
    mlp::TrainConfig cfg;
    cfg.hidden.clear();
    if (!str(vm, "hidden").empty())
      for (auto tok : io::split(str(vm, "hidden"), ',')) {
        const auto h = io::parse_int("--hidden", tok);
        if (h < 1 || h > 100000)
          throw InputError("--hidden " + std::string(tok) + ": must be in [1, 100000]");
        cfg.hidden.push_back(static_cast<int>(h));
      }
    // Checked before allocating: the weights between consecutive hidden layers alone (×4 for their
    // gradient and two optimizer states) must fit in half of the machine's memory.
    for (std::size_t i = 1; i < cfg.hidden.size(); ++i) {
      const double mib = 4.0 * 8.0 * double(cfg.hidden[i - 1]) * double(cfg.hidden[i]) / (1 << 20);
      const double have = double(::sysconf(_SC_PHYS_PAGES)) * double(::sysconf(_SC_PAGESIZE)) / (1 << 20);
      if (mib > have / 2)
        throw InputError(
            fmt::format("--hidden {}: would need {:.0f} MiB for weights, gradients and optimizer state, "
                        "more than half of this machine's {:.0f} MiB",
                        str(vm, "hidden"), mib, have));
    }
    cfg.activation = parse_activation("--activation", str(vm, "activation"));
    cfg.init = parse_init("--init", str(vm, "init"));
    cfg.method = vm.count("method") ? str(vm, "method") : "sgd";
    if (cfg.method == "momentum")
      throw InputError("--method momentum: is sgd with momentum: give --method sgd --momentum B");
    const MethodSchema& schema = io::method_from_registry(cfg.method);
    cfg.optimizer = io::method_params(vm, schema);
    if (schema.find("alpha") && !cfg.optimizer.find("alpha"))
      cfg.optimizer.set("alpha", 0.1);  // kappa-train's default
    const io::Json optimizer_parameters = io::parameters_json(*io::make_optimizer(vm, schema, cfg.optimizer));
    cfg.naive_scale = num(vm, "naive-scale");
    cfg.batch_size = integer(vm, "batch-size");
    cfg.epochs = integer(vm, "epochs");
    cfg.seed = io::parse_seed("--seed", str(vm, "seed"));
    cfg.validate();
    const auto split = io::split(str(vm, "split"), ',');
    if (split.size() != 2) throw InputError("--split " + str(vm, "split") + ": expected TRAIN,VAL fractions");
    const double train_frac = io::parse_double("--split", split[0]),
                 val_frac = io::parse_double("--split", split[1]);

    io::Json params;
    mlp::Matrix X;
    Vector y;
    Rng data_rng(cfg.seed);
    if (vm.count("data")) {
      io::CsvOptions opt;
      const auto skip = io::parse_int("--skip-rows", str(vm, "skip-rows"));
      if (skip < 0) throw InputError("--skip-rows " + str(vm, "skip-rows") + ": must be >= 0");
      opt.skip_rows = static_cast<std::size_t>(skip);
      opt.header = !vm["no-header"].as<bool>();
      auto ds = io::dataset_from_table(io::read_csv(str(vm, "data"), opt), str(vm, "target"));
      X = std::move(ds.X);
      y = std::move(ds.y);
      params["data"] = str(vm, "data");
      params["target"] = str(vm, "target");
      params["skip_rows"] = skip;
    } else {
      const auto f = io::split(str(vm, "synthetic"), ':');
      if (f.size() != 5 || f[0] != "blobs")
        throw InputError("--synthetic " + str(vm, "synthetic") + ": expected blobs:N:D:K:SPREAD");
      const auto N = io::parse_int("--synthetic N", f[1]), D = io::parse_int("--synthetic D", f[2]),
                 K = io::parse_int("--synthetic K", f[3]);
      if (N < 1 || N > 10'000'000 || D < 1 || D > 100000 || K < 2 || K > 100000)
        throw InputError("--synthetic " + str(vm, "synthetic") + ": expected N >= 1, D >= 1, K >= 2");
      mlp::make_blobs(static_cast<int>(N), static_cast<int>(D), static_cast<int>(K),
                      io::parse_positive("--synthetic SPREAD", f[4]), data_rng, X, y);
      params["synthetic"] = str(vm, "synthetic");
    }
    X *= num(vm, "scale");
    auto splits = mlp::split_data(X, y, train_frac, val_frac, data_rng);
    if (vm.count("max-train")) {
      const auto m = io::parse_int("--max-train", str(vm, "max-train"));
      if (m < 1) throw InputError("--max-train " + str(vm, "max-train") + ": must be >= 1");
      if (m < splits.train.size()) {
        splits.train.X.conservativeResize(Eigen::NoChange, m);
        splits.train.y.resize(static_cast<std::size_t>(m));
      }
      params["max_train"] = m;
    }
    // Every split is measured each epoch: an empty one would be a column of nan. Refused.
    for (const auto& [name, n] : {std::pair<const char*, std::size_t>{"training", splits.train.size()},
                                  {"validation", splits.val.size()},
                                  {"test", splits.test.size()}})
      if (n == 0)
        throw InputError(fmt::format(
            "--split {}: the {} split of the {} samples is empty (sizes {}, {}, {}); "
            "give each split a share of at least one sample",
            str(vm, "split"), name, X.rows(), splits.train.size(), splits.val.size(), splits.test.size()));
    params["scale"] = num(vm, "scale");
    params["split"] = {train_frac, val_frac};
    params["sizes"] = {splits.train.size(), splits.val.size(), splits.test.size()};
    params["hidden"] = cfg.hidden;
    params["activation"] = to_string(cfg.activation);
    params["init"] = to_string(cfg.init);
    if (cfg.init == mlp::Init::naive) params["naive_scale"] = cfg.naive_scale;
    params["method"] = cfg.method;
    params["optimizer"] = optimizer_parameters;
    params["batch_size"] = cfg.batch_size;
    params["epochs"] = cfg.epochs;
    params["seed"] = cfg.seed;

    io::Sink sink(tool.output_path(vm));
    io::RowWriter rows(
        sink, format,
        {"epoch", "train_loss", "val_loss", "test_loss", "train_acc", "val_acc", "test_acc", "grad_norm"},
        tool.context(params));
    mlp::train(cfg, splits, [&](const mlp::EpochRow& r) {
      // Epoch 0 is before training: no minibatch gradient yet, a missing value (an empty cell).
      rows.row({std::int64_t{r.epoch}, r.train_loss, r.val_loss, r.test_loss, r.train_acc, r.val_acc,
                r.test_acc, r.epoch == 0 ? io::null_value() : io::Value(r.grad_norm)});
      rows.flush();
    });
    rows.finish();
    sink.commit();
    return io::exit_ok;
  });
}
