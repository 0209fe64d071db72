// adam: see adam_impl.hpp (torch.optim.Adam 1.13; L2 weight decay added to the gradient).
#include "adam_impl.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
std::unique_ptr<Optimizer> make_adam(const OptimizerSettings& s) { return detail::make_adam_like(s, false); }
}  // namespace kappa::optimizers
