#include "kappa/app/params.hpp"

namespace kappa::io {

const char* velocity_convention() {
  return "state (v, w) with the lecture's velocity: v <- beta*v - grad f, w <- w + alpha*v; "
         "torch.optim.SGD's momentum buffer is -v";
}

}  // namespace kappa::io
