#include "day_render.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <thread>

#include "bank_writers.h"
#include "cashmatch/lockbox_layout.h"
#include "payments_feed_writer.h"

namespace cashmatch::gen {

// ---- Outputs ----

Result<std::unique_ptr<DirectoryDayOutput>> DirectoryDayOutput::Open(const std::string& dir) {
  std::unique_ptr<DirectoryDayOutput> out(new DirectoryDayOutput());
  out->inbox_ = dir + "/inbox";
  std::error_code ec;
  std::filesystem::create_directories(out->inbox_, ec);
  if (ec) return Status::IoError("cannot create " + out->inbox_ + ": " + ec.message());
  out->truth_path_ = dir + "/truth.jsonl";
  out->truth_ = std::fopen(out->truth_path_.c_str(), "wb");
  if (!out->truth_) return Status::IoError("cannot write " + out->truth_path_);
  return out;
}

DirectoryDayOutput::~DirectoryDayOutput() {
  if (truth_) std::fclose(truth_);
}

Status DirectoryDayOutput::WriteFile(const std::string& name, std::string bytes) {
  const std::string path = inbox_ + "/" + name;
  const std::string tmp = inbox_ + "/." + name + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError("cannot write " + tmp);
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok &= std::fclose(f) == 0;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, path, ec);
  if (!ok || ec) return Status::IoError("cannot write " + path);
  return Status::Ok();
}

Status DirectoryDayOutput::WriteTruth(std::string_view lines) {
  if (!truth_ || std::fwrite(lines.data(), 1, lines.size(), truth_) != lines.size()) {
    return Status::IoError("cannot write " + truth_path_);
  }
  return Status::Ok();
}

Status DirectoryDayOutput::Close() {
  if (!truth_) return Status::Ok();
  const bool ok = std::fclose(truth_) == 0;
  truth_ = nullptr;
  return ok ? Status::Ok() : Status::IoError("cannot write " + truth_path_);
}

Status MemoryDayOutput::WriteFile(const std::string& name, std::string bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  files_.push_back({name, std::move(bytes)});
  return Status::Ok();
}

Status MemoryDayOutput::WriteTruth(std::string_view lines) {
  truth_.append(lines);
  return Status::Ok();
}

std::vector<MemoryDayOutput::File> MemoryDayOutput::TakeFiles() {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<File> out = std::move(files_);
  files_.clear();
  std::sort(out.begin(), out.end(), [](const File& a, const File& b) { return a.name < b.name; });
  return out;
}

// ---- Rendering ----

std::string RenderFile(const DayOptions& day, Date value_date, const FileSlot& slot,
                       std::span<const Payment> payments, std::span<const RemittanceAdvice> advices) {
  const BankWriteOptions o = FileWriteOptions(day, value_date, slot);
  // camt message versions in use side by side: banks migrate slowly.
  static constexpr int kCamtVersions[] = {2, 4, 6, 8, 8};
  const int version = kCamtVersions[o.seed % std::size(kCamtVersions)];
  switch (slot.format) {
    case BankFormat::kBai2: return WriteBai2(payments, o);
    case BankFormat::kLockbox: return WriteLockbox(payments, o);
    case BankFormat::kCamt052: return WriteCamt(payments, o, 52, version);
    case BankFormat::kCamt053: return WriteCamt(payments, o, 53, version);
    case BankFormat::kCamt054: return WriteCamt(payments, o, 54, version);
    case BankFormat::kMt940: return WriteMt940(payments, o);
    case BankFormat::kMt942: return WriteMt942(payments, o);
    case BankFormat::kNacha: return WriteNacha(payments, o);
    case BankFormat::kX12_820: return WriteX12_820(advices, o);
    case BankFormat::kPaymentsCsv: return WritePaymentsCsv(payments);
    case BankFormat::kPaymentsJsonl: return WritePaymentsJsonl(payments);
  }
  return {};
}

namespace {

struct Job {
  FileSlot slot;
  std::vector<Payment> payments;
  std::vector<RemittanceAdvice> advices;
  bool rendered = false;  // `bytes` already holds the file
  std::string bytes;
};

// The checks' BATCH-ITEM numbers as a lockbox file holds them, in file
// order: the lockbox writer numbers checks itself, in batches of sizes it
// picks, so the truth takes its source_refs from the file.
std::vector<std::string> LockboxItemRefs(std::string_view bytes) {
  const LockboxLayout layout = LockboxLayout::Default();
  auto field = [](std::string_view line, FixedField f) {
    const size_t at = f.start - 1u;
    return at >= line.size() ? std::string_view() : line.substr(at, f.length);
  };
  std::vector<std::string> refs;
  while (!bytes.empty()) {
    const size_t eol = bytes.find('\n');
    std::string_view line = bytes.substr(0, eol);
    bytes = eol == std::string_view::npos ? std::string_view() : bytes.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() != '6') continue;
    refs.push_back(std::string(field(line, layout.check_batch)) + "-" +
                   std::string(field(line, layout.check_item)));
  }
  return refs;
}

// Renders and writes complete files on worker threads while the caller
// generates. The queue is bounded so that memory stays at a few files.
class Workers {
 public:
  Workers(unsigned threads, DayOutput& output, const DayOptions& day, Date value_date,
          RenderSummary* summary)
      : output_(output), day_(day), value_date_(value_date), summary_(summary) {
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this] { Run(); });
  }
  ~Workers() { (void)Finish(); }

  // Blocks while the queue is full. Returns the first error so far.
  Status Submit(Job job) {
    if (threads_.empty()) {
      Process(job);
      std::lock_guard<std::mutex> lock(mu_);
      return error_;
    }
    std::unique_lock<std::mutex> lock(mu_);
    has_room_.wait(lock, [&] { return queue_.size() < 2 * threads_.size() || !error_.ok(); });
    if (!error_.ok()) return error_;
    queue_.push_back(std::move(job));
    has_work_.notify_one();
    return Status::Ok();
  }

  Status Finish() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    has_work_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
    std::lock_guard<std::mutex> lock(mu_);
    return error_;
  }

 private:
  void Run() {
    for (;;) {
      Job job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        has_work_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      has_room_.notify_one();
      Process(job);
    }
  }

  void Process(Job& job) {
    std::string bytes = job.rendered ? std::move(job.bytes)
                                     : RenderFile(day_, value_date_, job.slot, job.payments, job.advices);
    const size_t f = static_cast<size_t>(job.slot.format);
    if (bytes.empty()) {
      std::lock_guard<std::mutex> lock(mu_);
      ++summary_->missing_by_format[f];
      return;
    }
    const size_t size = bytes.size();
    Status st = output_.WriteFile(job.slot.name, std::move(bytes));
    std::lock_guard<std::mutex> lock(mu_);
    if (!st.ok()) {
      if (error_.ok()) error_ = std::move(st);
      has_room_.notify_all();
      return;
    }
    ++summary_->files;
    summary_->bytes += size;
    ++summary_->files_by_format[f];
  }

  DayOutput& output_;
  const DayOptions& day_;
  Date value_date_;
  std::mutex mu_;
  std::condition_variable has_work_;  // queue_ gained a job, or closing_
  std::condition_variable has_room_;  // queue_ lost a job, or error_ set
  std::deque<Job> queue_;             // guarded by mu_
  bool closing_ = false;              // guarded by mu_
  Status error_;                      // guarded by mu_
  RenderSummary* summary_;            // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace

namespace {

// Truth lines wait here, in payment order, while a lockbox file they name
// is still filling: its checks' source_refs are known only once it is
// written.
class TruthQueue {
 public:
  explicit TruthQueue(DayOutput& output) : output_(output) { line_.reserve(kFlush + 4096); }

  void Push(PaymentTruth truth, const FileSlot& slot) {
    if (slot.format == BankFormat::kLockbox) pending_files_.insert(slot.name);
    waiting_.push_back(std::move(truth));
  }

  // The lockbox file `name` holds `written[k]` for the payment it was given
  // as `provisional[k]`.
  void Renumber(const std::string& name, std::span<const Payment> provisional,
                const std::vector<std::string>& written) {
    auto& map = renumbered_[name];
    for (size_t k = 0; k < provisional.size(); ++k) map[provisional[k].source_ref] = written[k];
    pending_files_.erase(name);
  }
  void Release(const std::string& name) { pending_files_.erase(name); }

  // Writes every line no longer waiting; `all` at the end of the day.
  Status Flush(bool all) {
    while (!waiting_.empty() && (all || !Blocked(waiting_.front()))) {
      PaymentTruth& t = waiting_.front();
      Patch(t.file, &t.source_ref);
      if (!t.duplicate_of_file.empty()) Patch(t.duplicate_of_file, &t.duplicate_of_ref);
      line_ += TruthJson(t);
      line_ += '\n';
      waiting_.pop_front();
      if (line_.size() >= kFlush) CASHMATCH_RETURN_IF_ERROR(WriteOut());
    }
    return all ? WriteOut() : Status::Ok();
  }

 private:
  static constexpr size_t kFlush = 1 << 20;

  bool Blocked(const PaymentTruth& t) const {
    return pending_files_.count(t.file) ||
           (!t.duplicate_of_file.empty() && pending_files_.count(t.duplicate_of_file));
  }
  void Patch(const std::string& file, std::string* ref) const {
    const auto f = renumbered_.find(file);
    if (f == renumbered_.end()) return;
    const auto r = f->second.find(*ref);
    if (r != f->second.end()) *ref = r->second;
  }
  Status WriteOut() {
    Status st = output_.WriteTruth(line_);
    line_.clear();
    return st;
  }

  DayOutput& output_;
  std::deque<PaymentTruth> waiting_;
  std::set<std::string> pending_files_;
  std::map<std::string, std::map<std::string, std::string>> renumbered_;
  std::string line_;
};

}  // namespace

Status RenderDay(DayGenerator& generator, DayOutput& output, unsigned threads, RenderSummary* summary) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency() - 1);
  RenderSummary local;
  if (!summary) summary = &local;
  Workers workers(threads, output, generator.options(), generator.value_date(), summary);
  TruthQueue truth(output);
  // A lockbox file is rendered here, before it goes to the workers, so that
  // the truth can learn its check numbers.
  auto submit = [&](Job job) -> Status {
    if (job.slot.format == BankFormat::kLockbox) {
      job.bytes = RenderFile(generator.options(), generator.value_date(), job.slot, job.payments, job.advices);
      job.rendered = true;
      if (job.bytes.empty()) {
        truth.Release(job.slot.name);
      } else {
        const std::vector<std::string> refs = LockboxItemRefs(job.bytes);
        if (refs.size() != job.payments.size()) {
          return Status::Corruption(job.slot.name + ": the lockbox writer wrote " + std::to_string(refs.size()) +
                                    " checks for " + std::to_string(job.payments.size()) + " payments");
        }
        truth.Renumber(job.slot.name, job.payments, refs);
      }
    }
    return workers.Submit(std::move(job));
  };
  // Files still filling, by name; a std::map so that the ones left at the
  // end go out in a fixed order.
  std::map<std::string, Job> filling;
  auto add = [&](const FileSlot& slot, auto&& append) -> Status {
    Job& job = filling[slot.name];
    if (job.payments.empty() && job.advices.empty()) job.slot = slot;
    append(job);
    if (!slot.last) return Status::Ok();
    Job done = std::move(job);
    filling.erase(slot.name);
    return submit(std::move(done));
  };
  while (!generator.done()) {
    GeneratedPayment g = generator.Next();
    truth.Push(std::move(g.truth), g.slot);
    if (g.advice) {
      CASHMATCH_RETURN_IF_ERROR(
          add(g.advice_slot, [&](Job& j) { j.advices.push_back(std::move(*g.advice)); }));
    }
    CASHMATCH_RETURN_IF_ERROR(add(g.slot, [&](Job& j) { j.payments.push_back(std::move(g.payment)); }));
    CASHMATCH_RETURN_IF_ERROR(truth.Flush(false));
  }
  for (auto& [name, job] : filling) CASHMATCH_RETURN_IF_ERROR(submit(std::move(job)));
  CASHMATCH_RETURN_IF_ERROR(truth.Flush(true));
  return workers.Finish();
}

}  // namespace cashmatch::gen
