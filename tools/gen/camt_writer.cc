// Placeholder until the camt writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteCamt(std::span<const Payment>, const BankWriteOptions&, int, int) { return {}; }

}  // namespace cashmatch::gen
