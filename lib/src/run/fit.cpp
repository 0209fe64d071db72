#include "kappa/run/fit.hpp"

#include <algorithm>
#include <cmath>

namespace kappa {

std::string_view to_string(RateModel m) { return m == RateModel::geometric ? "r^k" : "k*r^k"; }

RateFit fit_rate(std::span<const std::int64_t> k, std::span<const double> d, RateModel model) {
  RateFit fit;
  fit.model = model;
  // Centred sums for a numerically stable slope: y = log d (− log k), x = k.
  std::vector<double> xs, ys;
  xs.reserve(k.size());
  ys.reserve(k.size());
  for (std::size_t i = 0; i < k.size() && i < d.size(); ++i) {
    if (!(d[i] > 0) || !std::isfinite(d[i])) continue;
    if (model == RateModel::k_geometric && k[i] < 1) continue;
    double y = std::log(d[i]);
    if (model == RateModel::k_geometric) y -= std::log(static_cast<double>(k[i]));
    xs.push_back(static_cast<double>(k[i]));
    ys.push_back(y);
  }
  fit.points = xs.size();
  if (xs.size() < 3) return fit;
  fit.first = static_cast<std::int64_t>(xs.front());
  fit.last = static_cast<std::int64_t>(xs.back());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) mx += xs[i], my += ys[i];
  mx /= static_cast<double>(xs.size());
  my /= static_cast<double>(xs.size());
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < xs.size(); ++i)
    sxx += (xs[i] - mx) * (xs[i] - mx), sxy += (xs[i] - mx) * (ys[i] - my);
  if (!(sxx > 0)) return fit;
  const double slope = sxy / sxx;
  double ss = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double r = ys[i] - (my + slope * (xs[i] - mx));
    ss += r * r;
  }
  fit.rate = std::exp(slope);
  fit.rms_residual = std::sqrt(ss / static_cast<double>(xs.size()));
  return fit;
}

TailRecorder::TailRecorder(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 16)) {}

void TailRecorder::add(std::int64_t k, double d) {
  if (seen_++ % stride_ != 0) return;
  if (k_.size() == capacity_) {
    std::size_t j = 0;
    for (std::size_t i = 0; i < k_.size(); i += 2, ++j) k_[j] = k_[i], d_[j] = d_[i];
    k_.resize(j);
    d_.resize(j);
    stride_ *= 2;
    if ((seen_ - 1) % stride_ != 0) return;
  }
  k_.push_back(k);
  d_.push_back(d);
}

RateFit TailRecorder::fit_tail(RateModel model, double floor, double fraction) const {
  std::size_t end = k_.size();
  while (end > 0 && !(d_[end - 1] > floor && std::isfinite(d_[end - 1]))) --end;
  if (end == 0) {
    RateFit f;
    f.model = model;
    return f;
  }
  const std::int64_t k_end = k_[end - 1];
  const double k_start = static_cast<double>(k_end) * (1.0 - fraction);
  std::size_t begin = end - 1;
  while (begin > 0 && static_cast<double>(k_[begin - 1]) >= k_start) --begin;
  return fit_rate(std::span(k_).subspan(begin, end - begin), std::span(d_).subspan(begin, end - begin),
                  model);
}

}  // namespace kappa
