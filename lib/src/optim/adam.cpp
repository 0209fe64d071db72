// adam: see adam_impl.hpp (torch.optim.Adam 1.13; L2 weight decay added to the gradient).
#include "adam_impl.hpp"

namespace kappa::optimizers {
MethodSchema adam_method() { return detail::adam_like_method(false); }
}  // namespace kappa::optimizers
