// Helpers shared by the bank-format parser tests.
#ifndef CASHMATCH_TESTS_INGEST_BANK_TEST_UTIL_H_
#define CASHMATCH_TESTS_INGEST_BANK_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "cashmatch/bank_file.h"

namespace cashmatch::testing {

inline Currency Cur(std::string_view code) { return *Currency::FromCode(code); }
inline Money M(int64_t minor, std::string_view code) { return Money{minor, Cur(code)}; }
inline Date D(int y, unsigned m, unsigned d) { return Date::FromCivil(y, m, d); }

// The shared sample folder (../shared/samples), or nullopt when this
// checkout has none; tests then GTEST_SKIP with a message.
inline std::optional<std::filesystem::path> SamplesDir() {
  std::filesystem::path dir = CASHMATCH_SAMPLES_DIR;
  if (std::filesystem::is_directory(dir)) return dir;
  return std::nullopt;
}

#define CASHMATCH_REQUIRE_SAMPLES()                                                   \
  do {                                                                                \
    if (!::cashmatch::testing::SamplesDir())                                         \
      GTEST_SKIP() << "sample folder " CASHMATCH_SAMPLES_DIR " is absent; skipping"; \
  } while (0)

// The bytes of samples/<relative>, or "" with a test failure if unreadable.
inline std::string ReadSample(std::string_view relative) {
  std::filesystem::path path = *SamplesDir() / std::string(relative);
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline BankFile ReadBankOk(std::string_view bytes, std::string_view file,
                           const BankReadOptions& options = {}) {
  Result<BankFile> r = ReadBankFile(bytes, file, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : BankFile{};
}

inline Status ReadBankError(std::string_view bytes, std::string_view file,
                            const BankReadOptions& options = {}) {
  Result<BankFile> r = ReadBankFile(bytes, file, options);
  EXPECT_FALSE(r.ok()) << "read " << r->payments.size() << " payments";
  return r.ok() ? Status::Ok() : r.status();
}

// Sum of the credits' amounts, in minor units.
inline int64_t CreditTotal(const BankFile& f) {
  int64_t sum = 0;
  for (const Payment& p : f.payments)
    if (p.direction == Direction::kCredit) {
      sum += p.amount.minor;
    }
  return sum;
}

inline size_t CreditCount(const BankFile& f) {
  size_t n = 0;
  for (const Payment& p : f.payments) n += p.direction == Direction::kCredit;
  return n;
}

// What every parsed file must satisfy whatever its format.
inline void ExpectWellFormed(const BankFile& f, std::string_view file) {
  for (const Payment& p : f.payments) {
    SCOPED_TRACE(p.source_ref);
    EXPECT_EQ(p.source_file, file);
    EXPECT_GT(p.source_line, 0u);
    EXPECT_EQ(p.format, BankFormatName(f.format));
    EXPECT_TRUE(p.amount.currency.valid());
    EXPECT_GE(p.amount.minor, 0);
    for (const RemittanceLine& line : p.remittance) {
      if (line.paid) {
        EXPECT_EQ(line.paid->currency, p.amount.currency);
      }
    }
  }
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_INGEST_BANK_TEST_UTIL_H_
