// Writes a generated day as files: every bank file through the writers of
// bank_writers.h and payments_feed_writer.h, and the truth as JSON Lines.
//
// Payments are generated in order on the calling thread; each file, once
// complete, is rendered on a worker thread while generation goes on. A
// file's bytes depend only on its payments and its slot, so the output is
// the same for any thread count.
#ifndef CASHMATCH_TOOLS_GEN_DAY_RENDER_H_
#define CASHMATCH_TOOLS_GEN_DAY_RENDER_H_

#include <array>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cashmatch/domain.h"
#include "cashmatch/status.h"
#include "day_gen.h"

namespace cashmatch::gen {

// Where a rendered day goes.
class DayOutput {
 public:
  virtual ~DayOutput() = default;
  // One complete bank file. Called from worker threads, several at once,
  // in no particular order; `name` is unique within the day.
  virtual Status WriteFile(const std::string& name, std::string bytes) = 0;
  // Lines of truth.jsonl, in payment order, from the thread that called
  // RenderDay.
  virtual Status WriteTruth(std::string_view lines) = 0;
};

// DIR/inbox/<name> (each written to a temporary name and renamed, as a
// bank drop does, so a watching daemon never sees half a file) and
// DIR/truth.jsonl. Safe to share between threads as WriteFile requires.
class DirectoryDayOutput : public DayOutput {
 public:
  // Creates DIR/inbox; kIoError if it cannot, or cannot open the truth file.
  static Result<std::unique_ptr<DirectoryDayOutput>> Open(const std::string& dir);
  ~DirectoryDayOutput() override;

  Status WriteFile(const std::string& name, std::string bytes) override;
  Status WriteTruth(std::string_view lines) override;
  // Flushes and closes the truth file.
  Status Close();

 private:
  DirectoryDayOutput() = default;
  std::string inbox_;
  std::string truth_path_;
  std::FILE* truth_ = nullptr;
};

// Keeps everything in memory, for tests.
class MemoryDayOutput : public DayOutput {
 public:
  struct File {
    std::string name;
    std::string bytes;
  };
  Status WriteFile(const std::string& name, std::string bytes) override;
  Status WriteTruth(std::string_view lines) override;
  // Files sorted by name. Not to be called while RenderDay runs.
  std::vector<File> TakeFiles();
  const std::string& truth() const { return truth_; }

 private:
  std::mutex mu_;
  std::vector<File> files_;  // guarded by mu_
  std::string truth_;        // written by one thread only
};

struct RenderSummary {
  uint64_t files = 0;
  uint64_t bytes = 0;
  std::array<uint64_t, 11> files_by_format{};  // by the file's own format
  // Files not written because their format's writer returned nothing
  // (a writer not implemented yet), by format.
  std::array<uint64_t, 11> missing_by_format{};
};

// Renders one file: `payments` (or, for X12 820, `advices`) with the writer
// of slot.format. "" when that writer produced nothing.
std::string RenderFile(const DayOptions& day, Date value_date, const FileSlot& slot,
                       std::span<const Payment> payments, std::span<const RemittanceAdvice> advices);

// Generates the rest of the day and writes it. threads: workers rendering
// files beside generation (0: one less than the cores, at least one).
// Returns the first error of the output.
Status RenderDay(DayGenerator& generator, DayOutput& output, unsigned threads, RenderSummary* summary);

}  // namespace cashmatch::gen

#endif  // CASHMATCH_TOOLS_GEN_DAY_RENDER_H_
