// Reading whole input files.
#ifndef CASHMATCH_TOOLS_FILE_IO_H_
#define CASHMATCH_TOOLS_FILE_IO_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "cashmatch/status.h"

namespace cashmatch::tools {

// The whole content of `path`; kNotFound or kIoError naming the path.
Result<std::string> ReadWholeFile(const std::string& path);

// A file mapped read-only into memory: bank files are parsed in place, with
// no copy, and the kernel reads ahead as the parser streams through. The
// view stays valid while the object lives; the file must not be truncated
// meanwhile (inbox files are complete before they are taken). Move-only.
class MappedFile {
 public:
  // kNotFound or kIoError naming the path. An empty file maps to an empty
  // view.
  static Result<MappedFile> Open(const std::string& path);

  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view view() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace cashmatch::tools

#endif  // CASHMATCH_TOOLS_FILE_IO_H_
