// Placeholder until the MT940/MT942 writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteMt940(std::span<const Payment>, const BankWriteOptions&) { return {}; }
std::string WriteMt942(std::span<const Payment>, const BankWriteOptions&) { return {}; }

}  // namespace cashmatch::gen
