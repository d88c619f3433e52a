// OutputFile and OutputFileBuf: what writing does to each kind of path (a file replaced whole,
// a link followed, a FIFO, socket or device written as a stream, a directory refused), on files
// the test makes in its own directory.

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/output_file_buf.hpp"
#include "special_files.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::FileError;
using fitkit::OutputFile;
using fitkit::test::read_file;
using fitkit::test::ScratchDir;

namespace fs = std::filesystem;

namespace {

std::vector<std::string> names_in(const std::string& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

mode_t permissions_of(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}

ino_t inode_of(const std::string& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_ino;
}

mode_t current_umask() {
  const mode_t mask = umask(0);
  umask(mask);
  return mask;
}

void write_whole(const std::string& path, const std::string& bytes) {
  OutputFile out(path);
  out.write(bytes);
  out.commit();
}

// Sends std::cout to `target` while it lives.
class RedirectedCout {
 public:
  explicit RedirectedCout(std::streambuf* target) : original_(std::cout.rdbuf(target)) {}
  ~RedirectedCout() {
    std::cout.rdbuf(original_);
    std::cout.clear();
  }

 private:
  std::streambuf* original_;
};

// A stream buffer that refuses every byte, as a full disk would.
class RefusingBuf : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
};

}  // namespace

TEST_CASE("output file: a new file appears whole at commit, with the umask's permissions",
          "[output_file]") {
  ScratchDir dir;
  const std::string path = dir.file("new.csv");
  OutputFile out(path);
  CHECK(out.atomic());
  out.write("a,b\n");
  out.write("1,2\n");
  CHECK_FALSE(fs::exists(path));  // only the temporary so far
  out.commit();
  CHECK(read_file(path) == "a,b\n1,2\n");
  CHECK(permissions_of(path) == (0666 & ~current_umask()));
  CHECK(names_in(dir.file("")) == std::vector<std::string>{"new.csv"});
  CHECK_THROWS_AS(out.write("more"), std::logic_error);
}

TEST_CASE("output file: an existing file is replaced whole, keeping its permissions",
          "[output_file]") {
  ScratchDir dir;
  const std::string path = dir.write("old.csv", "old\n");
  REQUIRE(chmod(path.c_str(), 0640) == 0);
  const ino_t old_inode = inode_of(path);
  OutputFile out(path);
  out.write("new\n");
  CHECK(read_file(path) == "old\n");  // until commit
  out.commit();
  CHECK(read_file(path) == "new\n");
  CHECK(permissions_of(path) == 0640);
  CHECK(inode_of(path) != old_inode);  // renamed into place, not rewritten
  CHECK(names_in(dir.file("")) == std::vector<std::string>{"old.csv"});
}

TEST_CASE("output file: without commit the old file is untouched and the temporary is gone",
          "[output_file]") {
  ScratchDir dir;
  const std::string old_file = dir.write("old.csv", "old\n");
  const std::string new_file = dir.file("new.csv");
  {
    OutputFile replacing(old_file);
    OutputFile creating(new_file);
    replacing.write("half of the new");
    creating.write("half of the new");
    CHECK(names_in(dir.file("")).size() == 3);  // old.csv and two temporaries
  }                                             // as when an exception leaves the scope
  CHECK(read_file(old_file) == "old\n");
  CHECK(names_in(dir.file("")) == std::vector<std::string>{"old.csv"});
}

TEST_CASE("output file: a symlink is followed, its target replaced in the target's directory",
          "[output_file]") {
  ScratchDir dir;
  fs::create_directory(dir.file("data"));
  fs::create_directory(dir.file("links"));
  const std::string target = dir.write("data/target.csv", "old\n");
  const std::string link = dir.file("links/link.csv");
  fs::create_symlink("../data/target.csv", link);

  fitkit::check_output_path(link);
  write_whole(link, "new\n");
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "../data/target.csv");
  CHECK(read_file(target) == "new\n");
  CHECK(names_in(dir.file("data")) == std::vector<std::string>{"target.csv"});
  CHECK(names_in(dir.file("links")) == std::vector<std::string>{"link.csv"});
}

TEST_CASE("output file: chains of links, dangling links and loops", "[output_file]") {
  ScratchDir dir;
  SECTION("a chain is followed to its end, every link kept") {
    const std::string target = dir.write("target.csv", "old\n");
    fs::create_symlink(target, dir.file("second"));   // absolute
    fs::create_symlink("second", dir.file("first"));  // relative
    write_whole(dir.file("first"), "new\n");
    CHECK(read_file(target) == "new\n");
    CHECK(fs::is_symlink(dir.file("first")));
    CHECK(fs::is_symlink(dir.file("second")));
    CHECK(names_in(dir.file("")) == std::vector<std::string>{"first", "second", "target.csv"});
  }
  SECTION("a dangling link creates the file it names") {
    fs::create_directory(dir.file("sub"));
    fs::create_symlink("sub/created.csv", dir.file("link"));
    fitkit::check_output_path(dir.file("link"));
    write_whole(dir.file("link"), "made\n");
    CHECK(fs::is_symlink(dir.file("link")));
    CHECK(read_file(dir.file("sub/created.csv")) == "made\n");
  }
  SECTION("a dangling link into a missing directory says which directory") {
    fs::create_symlink("missing/created.csv", dir.file("link"));
    // The whole message: the path given, the missing directory, and where the link leads.
    const std::string expected = dir.file("link") + ": cannot write: directory '" +
                                 dir.file("missing") + "' does not exist (the link leads to '" +
                                 dir.file("missing/created.csv") + "')";
    CHECK_THROWS_WITH(fitkit::check_output_path(dir.file("link")), expected);
    CHECK_THROWS_WITH(OutputFile(dir.file("link")), expected);
    CHECK(names_in(dir.file("")) == std::vector<std::string>{"link"});
  }
  SECTION("a loop is an error") {
    fs::create_symlink("b", dir.file("a"));
    fs::create_symlink("a", dir.file("b"));
    CHECK_THROWS_WITH(OutputFile(dir.file("a")), Contains("symbolic links in a row"));
    CHECK_THROWS_AS(fitkit::check_output_path(dir.file("a")), FileError);
  }
}

TEST_CASE("output file: a directory, or a link to one, is refused", "[output_file]") {
  ScratchDir dir;
  fs::create_directory(dir.file("folder"));
  fs::create_symlink("folder", dir.file("link"));
  for (const std::string& path : {dir.file("folder"), dir.file("link")}) {
    CHECK_THROWS_WITH(fitkit::check_output_path(path),
                      Contains(path + ": cannot write: it is a directory"));
    CHECK_THROWS_AS(OutputFile(path), FileError);
  }
  CHECK(fs::is_empty(dir.file("folder")));
}

TEST_CASE("output file: a FIFO is written to its reader and stays a FIFO", "[output_file]") {
  ScratchDir dir;
  const std::string fifo = dir.file("fifo");
  fitkit::test::make_fifo(fifo);
  fitkit::check_output_path(fifo);  // without opening it: that would wait for a reader
  fitkit::test::FifoReader reader(fifo);
  // Far more than a pipe holds, so the writes wait for the reader and may come back short.
  const std::string block(300'000, 'x');
  OutputFile out(fifo);
  CHECK_FALSE(out.atomic());
  for (int i = 0; i < 4; ++i) out.write(block);
  out.commit();
  CHECK(reader.contents() == block + block + block + block);
  CHECK(fitkit::test::is_fifo(fifo));
  CHECK(names_in(dir.file("")) == std::vector<std::string>{"fifo"});
}

TEST_CASE("output file: a FIFO whose reader has gone is an error naming it", "[output_file]") {
  ScratchDir dir;
  const std::string fifo = dir.file("fifo");
  fitkit::test::make_fifo(fifo);
  const fitkit::test::IgnoredSigpipe no_sigpipe;
  const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  REQUIRE(reader >= 0);
  OutputFile out(fifo);  // a reader is there: no wait
  close(reader);
  CHECK_THROWS_WITH(out.write("lost"), Contains(fifo + ": cannot write: Broken pipe"));
  CHECK_THROWS_WITH(out.commit(), Contains("an earlier write failed"));
  CHECK(fitkit::test::is_fifo(fifo));
}

TEST_CASE("output file: a Unix socket is connected to and written, and stays a socket",
          "[output_file]") {
  ScratchDir dir;
  const std::string path = dir.file("sock");
  fitkit::test::SocketReader reader(path);
  fitkit::check_output_path(path);
  write_whole(path, "through the socket\n");
  CHECK(reader.contents() == "through the socket\n");
  CHECK(fitkit::test::is_socket(path));

  SECTION("one nobody listens on any more is an error, and stays") {
    const std::string lonely = dir.file("lonely");
    { fitkit::test::SocketReader gone(lonely); }
    CHECK_THROWS_WITH(OutputFile(lonely), Contains(lonely + ": cannot connect to the socket: "));
    CHECK(fitkit::test::is_socket(lonely));
  }
}

TEST_CASE("output file: copies of /dev/full and /dev/null are written directly and survive",
          "[output_file]") {
  ScratchDir dir;
  const std::string full = dir.file("full");
  const std::string null = dir.file("null");
  if (!fitkit::test::make_full_device(full) || !fitkit::test::make_null_device(null)) {
    WARN("skipped: cannot make device nodes here (needs root, and a file system without nodev)");
    return;
  }
  fitkit::check_output_path(full);
  {
    OutputFile out(full);
    CHECK_FALSE(out.atomic());
    CHECK_THROWS_WITH(out.write("x"), Contains(full + ": cannot write: No space left on device"));
  }
  CHECK_THROWS_AS(fitkit::write_output_file(full, "x"), FileError);
  CHECK(fitkit::test::is_char_device(full));

  write_whole(null, std::string(1 << 20, 'x'));
  CHECK(fitkit::test::is_char_device(null));
  CHECK(names_in(dir.file("")) == std::vector<std::string>{"full", "null"});
}

TEST_CASE("output file: a block device is refused without being opened", "[output_file]") {
  ScratchDir dir;
  const std::string disk = dir.file("disk");
  // A loop device number no system uses: nothing could be written even by mistake.
  if (mknod(disk.c_str(), S_IFBLK | 0600, makedev(7, 250)) != 0) {
    WARN("skipped: cannot make device nodes here (needs root)");
    return;
  }
  CHECK_THROWS_WITH(fitkit::check_output_path(disk), Contains(disk + ": cannot write: it is a "
                                                                     "block device"));
  CHECK_THROWS_AS(OutputFile(disk), FileError);
  struct stat info {};
  REQUIRE(lstat(disk.c_str(), &info) == 0);
  CHECK(S_ISBLK(info.st_mode));
}

TEST_CASE("output file: '-' is standard output", "[output_file]") {
  fitkit::check_output_path("-");
  SECTION("written as it comes") {
    std::ostringstream captured;
    const RedirectedCout redirect(captured.rdbuf());
    OutputFile out("-");
    CHECK_FALSE(out.atomic());
    out.write("one\n");
    out.write("two\n");
    out.commit();
    CHECK(captured.str() == "one\ntwo\n");
  }
  SECTION("a failure names <stdout>") {
    RefusingBuf refusing;
    const RedirectedCout redirect(&refusing);
    OutputFile out("-");
    CHECK_THROWS_WITH(out.write("lost"), Contains("<stdout>: cannot write"));
  }
}

TEST_CASE("output file: a link in /proc, as /dev/stdout is, writes the open file it names",
          "[output_file]") {
  ScratchDir dir;
  SECTION("a pipe: what the link reads as is no path at all") {
    int ends[2];
    REQUIRE(pipe(ends) == 0);
    const std::string proc_link = "/proc/self/fd/" + std::to_string(ends[1]);
    fs::create_symlink(proc_link, dir.file("stdout-like"));
    for (const std::string& path : {proc_link, dir.file("stdout-like")}) {
      fitkit::check_output_path(path);
      write_whole(path, "piped\n");
      char buffer[16] = {};
      CHECK(read(ends[0], buffer, sizeof buffer) == 6);
      CHECK(std::string(buffer) == "piped\n");
    }
    CHECK(fs::is_symlink(dir.file("stdout-like")));
    close(ends[0]);
    close(ends[1]);
  }
  SECTION("a regular file is appended to, as writing to the descriptor would") {
    const std::string path = dir.file("log.txt");
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(write(fd, "head\n", 5) == 5);
    write_whole("/proc/self/fd/" + std::to_string(fd), "tail\n");
    close(fd);
    CHECK(read_file(path) == "head\ntail\n");
    CHECK(names_in(dir.file("")) == std::vector<std::string>{"log.txt"});
  }
}

TEST_CASE("output file buf: an ostream writes through it, and finish() throws what it swallowed",
          "[output_file]") {
  ScratchDir dir;
  SECTION("small and large pieces arrive in order") {
    const std::string path = dir.file("streamed.txt");
    OutputFile file(path);
    fitkit::OutputFileBuf buffer(file, 16);
    std::ostream out(&buffer);
    std::string expected;
    for (int i = 0; i < 100; ++i) {
      out << i << ' ';
      expected += std::to_string(i) + ' ';
    }
    const std::string large(100, 'L');
    out.write(large.data(), static_cast<std::streamsize>(large.size()));
    out << '\n';
    expected += large + '\n';
    buffer.finish();
    file.commit();
    CHECK(read_file(path) == expected);
  }
  SECTION("a failed write sets badbit in the stream, and finish() says why") {
    const std::string fifo = dir.file("fifo");
    fitkit::test::make_fifo(fifo);
    const fitkit::test::IgnoredSigpipe no_sigpipe;
    const int reader = open(fifo.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    REQUIRE(reader >= 0);
    OutputFile file(fifo);
    close(reader);
    fitkit::OutputFileBuf buffer(file, 16);
    std::ostream out(&buffer);
    out << std::string(100, 'x') << std::flush;
    CHECK(out.bad());
    CHECK_THROWS_WITH(buffer.finish(), Contains(fifo + ": cannot write: Broken pipe"));
    CHECK_THROWS_AS(file.commit(), FileError);
  }
}
