// Shared helpers of the Store tests: fast options, opening and committing
// with assertions, and collecting what the scans return.
#ifndef CASHMATCH_TESTS_STORAGE_STORE_TEST_HELPERS_H_
#define CASHMATCH_TESTS_STORAGE_STORE_TEST_HELPERS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cashmatch/store.h"

namespace cashmatch::testing {

// Tests need no durability against power loss; unsynced commits keep them
// fast. The sync path is exercised by the benchmark and by StoreOptions'
// default in SyncedStoreRoundTrips.
inline StoreOptions Fast() {
  StoreOptions o;
  o.sync = false;
  return o;
}

inline std::unique_ptr<Store> MustOpen(const std::string& dir, StoreOptions options = Fast()) {
  Result<std::unique_ptr<Store>> r = Store::Open(dir, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

inline void MustCommit(Store& store, WriteSet&& set) {
  Status st = store.Commit(std::move(set));
  ASSERT_TRUE(st.ok()) << st.ToString();
}

inline std::vector<std::string> InvoiceIdsOf(const Store& store, std::string_view customer) {
  std::vector<std::string> ids;
  Status st = store.ForEachInvoiceOfCustomer(customer, [&](const Invoice& v) {
    ids.push_back(v.invoice_id);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return ids;
}

using AppKey = std::pair<uint64_t, uint32_t>;

// The (batch_id, seq) of every application an application scan yields;
// `scan` runs one of the store's ForEachApplicationOf* with the callback.
template <typename Scan>
std::vector<AppKey> AppKeys(Scan scan) {
  std::vector<AppKey> keys;
  Status st = scan([&](const Application& a) {
    keys.emplace_back(a.batch_id, a.seq);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return keys;
}

inline std::vector<AppKey> AppsOfInvoice(const Store& s, std::string_view company,
                                         std::string_view id) {
  return AppKeys([&](const ScanFn<Application>& fn) { return s.ForEachApplicationOfInvoice(company, id, fn); });
}
inline std::vector<AppKey> AppsOfPayment(const Store& s, uint64_t payment) {
  return AppKeys([&](const ScanFn<Application>& fn) { return s.ForEachApplicationOfPayment(payment, fn); });
}
inline std::vector<AppKey> AppsOfCustomer(const Store& s, std::string_view customer) {
  return AppKeys([&](const ScanFn<Application>& fn) { return s.ForEachApplicationOfCustomer(customer, fn); });
}
inline std::vector<AppKey> AppsOfBatch(const Store& s, uint64_t batch) {
  return AppKeys([&](const ScanFn<Application>& fn) { return s.ForEachApplicationOfBatch(batch, fn); });
}

inline std::vector<uint64_t> PaymentsWithRef(const Store& s, PaymentRefKind kind,
                                             std::string_view ref) {
  std::vector<uint64_t> ids;
  Status st = s.ForEachPaymentWithRef(kind, ref, [&](const Payment& p) {
    ids.push_back(p.payment_id);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.ToString();
  return ids;
}

}  // namespace cashmatch::testing

#endif  // CASHMATCH_TESTS_STORAGE_STORE_TEST_HELPERS_H_
