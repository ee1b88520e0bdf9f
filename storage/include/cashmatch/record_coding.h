// The persisted byte format of each domain record: one EncodeTo/DecodeFrom
// pair per record kind. docs/storage.md lays out every field.
//
// Every encoding starts with a format version byte, so a later build can
// read what an earlier one wrote. Integers are varints (signed ones
// zigzag), strings are length-prefixed bytes, currencies are their ISO 4217
// alphabetic code. RemittanceLines are encoded inside their Payment.
//
// DecodeFrom accepts any bytes: input that is not exactly one encoding of the
// kind (truncated, trailing bytes, unknown version, out-of-range enum, unknown
// currency code) returns kCorruption naming the record kind and what is
// wrong. On failure *out is valid but unspecified. Decoding into the same
// object repeatedly reuses its string capacity.
//
// Pure functions: safe to call from any number of threads.
#ifndef CASHMATCH_RECORD_CODING_H_
#define CASHMATCH_RECORD_CODING_H_

#include <string>
#include <string_view>

#include "cashmatch/collections.h"
#include "cashmatch/domain.h"
#include "cashmatch/status.h"

namespace cashmatch {

// Each EncodeTo appends to *dst.
void EncodeTo(const Customer& customer, std::string* dst);
void EncodeTo(const Invoice& invoice, std::string* dst);
void EncodeTo(const Payment& payment, std::string* dst);
void EncodeTo(const Application& application, std::string* dst);
void EncodeTo(const Batch& batch, std::string* dst);
void EncodeTo(const IngestedFile& file, std::string* dst);
void EncodeTo(const RemittanceAdvice& advice, std::string* dst);
void EncodeTo(const WorkItem& item, std::string* dst);
void EncodeTo(const BatchWorkItem& item, std::string* dst);
void EncodeTo(const Deduction& deduction, std::string* dst);
void EncodeTo(const SentReminder& reminder, std::string* dst);

Status DecodeFrom(std::string_view src, Customer* out);
Status DecodeFrom(std::string_view src, Invoice* out);
Status DecodeFrom(std::string_view src, Payment* out);
Status DecodeFrom(std::string_view src, Application* out);
Status DecodeFrom(std::string_view src, Batch* out);
Status DecodeFrom(std::string_view src, IngestedFile* out);
Status DecodeFrom(std::string_view src, RemittanceAdvice* out);
Status DecodeFrom(std::string_view src, WorkItem* out);
Status DecodeFrom(std::string_view src, BatchWorkItem* out);
Status DecodeFrom(std::string_view src, Deduction* out);
Status DecodeFrom(std::string_view src, SentReminder* out);

}  // namespace cashmatch

#endif  // CASHMATCH_RECORD_CODING_H_
