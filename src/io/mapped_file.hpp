#pragma once
// A whole input file as read-only text. Regular files are memory-mapped (no copy, and the
// pages are faulted in by whichever thread parses them); pipes and other special files are
// read into memory instead. The text must not be used after the object is gone.

#include <string>
#include <string_view>

namespace fitkit::io::detail {

class MappedFile {
 public:
  // Throws FileError naming `path` when it is missing, unreadable or a directory.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  std::string_view text() const { return text_; }

 private:
  void* mapping_ = nullptr;
  std::size_t mapping_size_ = 0;
  std::string copy_;
  std::string_view text_;
};

}  // namespace fitkit::io::detail
