// adamw: see adam_impl.hpp (torch.optim.AdamW 1.13; decoupled decay w ← w·(1 − lr·weight_decay)).
#include "adam_impl.hpp"

namespace kappa::optimizers {
MethodSchema adamw_method() { return detail::adam_like_method(true); }
}  // namespace kappa::optimizers
