// Placeholder until the bai2 writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteBai2(std::span<const Payment>, const BankWriteOptions&) { return {}; }

}  // namespace cashmatch::gen
