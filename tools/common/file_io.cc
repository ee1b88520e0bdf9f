#include "file_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

namespace cashmatch::tools {
namespace {

Status OpenError(const std::string& path, int err) {
  std::string why = path + ": " + std::strerror(err);
  return err == ENOENT ? Status::NotFound(why) : Status::IoError(why);
}

}  // namespace

Result<MappedFile> MappedFile::Open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OpenError(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return OpenError(path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::IoError(path + ": not a regular file");
  }
  MappedFile f;
  f.size_ = static_cast<size_t>(st.st_size);
  if (f.size_ > 0) {
    void* p = ::mmap(nullptr, f.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int err = errno;
      ::close(fd);
      return OpenError(path, err);
    }
    ::madvise(p, f.size_, MADV_SEQUENTIAL);
    f.data_ = p;
  }
  ::close(fd);  // the mapping keeps the file's pages
  return f;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) ::munmap(data_, size_);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

std::filesystem::path FreeFileName(const std::string& dir, const std::string& name,
                                   const std::string& content_hash) {
  std::filesystem::path p = std::filesystem::path(dir) / name;
  if (!std::filesystem::exists(p)) return p;
  return std::filesystem::path(dir) / (content_hash.substr(0, 12) + "-" + name);
}

Status WriteFileAtomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) return Status::IoError("cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError("cannot write " + path.string() + ": " + ec.message());
  return Status::Ok();
}

Status PlaceFile(const std::string& from, const std::filesystem::path& to, bool move) {
  std::error_code ec;
  if (move) {
    std::filesystem::rename(from, to, ec);
    if (!ec) return Status::Ok();
    ec.clear();  // another file system: copy, then remove
  }
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing, ec);
  if (!ec && move) std::filesystem::remove(from, ec);
  if (ec) return Status::IoError("cannot place " + from + " at " + to.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace cashmatch::tools
