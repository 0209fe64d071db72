// libFuzzer target: the claim-file loader of kappa-check (JSON parse + validation of every claim).
// The input is the claim file's contents. Loading must either succeed or throw InputError naming the
// file and the JSON path; it never evaluates a claim, but it validates every computation's options
// as the tools would (the cheap checks before computing, kappa-rate's closed forms, kappa-run's setup).
#include <cstdint>

#include "fuzz_file.hpp"
#include "kappa/claims/claims.hpp"
#include "kappa/core/errors.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const FuzzFile file(data, size);
  if (file.path.empty()) return 0;
  try {
    const auto claims = kappa::claims::load_claim_file(file.path);
    for (const auto& c : claims.claims)
      if (c.id.empty()) __builtin_trap();
  } catch (const kappa::InputError&) {}
  return 0;
}
