// Placeholder until the x12_820 writer lands.
#include "bank_writers.h"

namespace cashmatch::gen {

std::string WriteX12_820(std::span<const RemittanceAdvice>, const BankWriteOptions&) { return {}; }

}  // namespace cashmatch::gen
