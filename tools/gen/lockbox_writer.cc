// Placeholder until the lockbox writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteLockbox(std::span<const Payment>, const BankWriteOptions&, const LockboxLayout&) { return {}; }

}  // namespace cashmatch::gen
