// adamw: see adam_impl.hpp (torch.optim.AdamW 1.13; decoupled decay w ← w·(1 − lr·weight_decay)).
#include "adam_impl.hpp"
#include "kappa/optimizers.hpp"

namespace kappa::optimizers {
std::unique_ptr<Optimizer> make_adamw(const OptimizerSettings& s) { return detail::make_adam_like(s, true); }
}  // namespace kappa::optimizers
