// Placeholder until the nacha writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteNacha(std::span<const Payment>, const BankWriteOptions&) { return {}; }

}  // namespace cashmatch::gen
