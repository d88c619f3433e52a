// InputFile: a data file read once, from a regular file (mapped), standard input ("-"), a FIFO
// or a device, with the bound on a line's length that stops a source that never ends a line.

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/io/libsvm.hpp"
#include "special_files.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::DataError;
using fitkit::io::InputFile;
using fitkit::test::ScratchDir;

namespace {

// Makes `fd` the process's standard input while it lives.
class RedirectedStdin {
 public:
  explicit RedirectedStdin(int fd) : saved_(dup(STDIN_FILENO)) {
    REQUIRE(saved_ >= 0);
    REQUIRE(dup2(fd, STDIN_FILENO) == STDIN_FILENO);
  }
  ~RedirectedStdin() {
    dup2(saved_, STDIN_FILENO);
    close(saved_);
  }
  RedirectedStdin(const RedirectedStdin&) = delete;
  RedirectedStdin& operator=(const RedirectedStdin&) = delete;

 private:
  int saved_;
};

// Standard input from a pipe that holds `text` and then ends.
class PipedStdin {
 public:
  explicit PipedStdin(const std::string& text) {
    int ends[2];
    REQUIRE(pipe(ends) == 0);
    REQUIRE(write(ends[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    close(ends[1]);
    read_end_ = ends[0];
    redirect_.emplace(read_end_);
  }
  ~PipedStdin() {
    redirect_.reset();
    close(read_end_);
  }

 private:
  int read_end_ = -1;
  std::optional<RedirectedStdin> redirect_;
};

}  // namespace

TEST_CASE("input file: a regular file is read whole and named by its path", "[input_file]") {
  ScratchDir dir;
  const std::string path = dir.write("x.csv", "a,b\n1,2\n");
  const InputFile input(path);
  CHECK(input.text() == "a,b\n1,2\n");
  CHECK(input.name() == path);
  CHECK(fitkit::io::input_name("-") == "<stdin>");
  CHECK_THROWS_WITH(InputFile(dir.file("none.csv")), Contains("none.csv: cannot open"));
  CHECK_THROWS_WITH(InputFile(dir.file("")), Contains("it is a directory"));
}

TEST_CASE("input file: '-' reads standard input, named <stdin> in messages", "[input_file]") {
  SECTION("a pipe") {
    const PipedStdin stdin_text("a,b,y\n1,2,3\n4,5,6\n");
    const InputFile input("-");
    CHECK(input.text() == "a,b,y\n1,2,3\n4,5,6\n");
    CHECK(input.name() == "<stdin>");
  }
  SECTION("read_csv") {
    const PipedStdin stdin_text("a,b,y\n1,2,3\n4,5,6\n");
    const fitkit::Dataset data = fitkit::io::read_csv("-");
    CHECK(data.n_samples() == 2);
    CHECK(data.source == "<stdin>");
  }
  SECTION("read_libsvm") {
    const PipedStdin stdin_text("1 1:0.5 3:2\n0 2:1\n");
    const fitkit::Dataset data = fitkit::io::read_libsvm("-");
    CHECK(data.n_features() == 3);
  }
  SECTION("an error names <stdin> and the line") {
    const PipedStdin stdin_text("a,b,y\n1,2,3\n4,5\n");
    CHECK_THROWS_WITH(fitkit::io::read_csv("-"), Contains("<stdin>:3: expected 3 fields"));
  }
  SECTION("a file already partly read is read from where it stands") {
    ScratchDir dir;
    const std::string path = dir.write("x.csv", "skipped\na,y\n1,2\n");
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(lseek(fd, 8, SEEK_SET) == 8);
    const RedirectedStdin redirect(fd);
    CHECK(InputFile("-").text() == "a,y\n1,2\n");
    close(fd);
  }
}

TEST_CASE("input file: a FIFO is read to its end", "[input_file]") {
  ScratchDir dir;
  const std::string fifo = dir.file("fifo");
  fitkit::test::make_fifo(fifo);
  // Lines of exactly the bound are allowed.
  const std::string line(4095, 'x');
  fitkit::test::FifoWriter writer(fifo, "a\n" + line + "\n" + line + "\n", 'y', 0);
  const InputFile input(fifo, 4095);
  CHECK(input.text().size() == 2 + 2 * 4096);
  CHECK(input.name() == fifo);
}

TEST_CASE("input file: a source that never ends a line is refused once the line passes the bound",
          "[input_file]") {
  ScratchDir dir;
  const std::string fifo = dir.file("endless");
  fitkit::test::make_fifo(fifo);
  const fitkit::test::IgnoredSigpipe no_sigpipe;  // the writer stops when we stop reading
  const auto start = std::chrono::steady_clock::now();
  {
    fitkit::test::FifoWriter writer(fifo, "a,b\n1,2\n", 'x', std::size_t{1} << 40);
    try {
      const InputFile input(fifo, 100'000);
      FAIL("the endless line was accepted");
    } catch (const DataError& e) {
      CHECK(e.file() == fifo);
      CHECK(e.line() == 3);
      CHECK_THAT(e.what(), Contains(fifo + ":3: a line longer than 100000 bytes, the most fitkit "
                                           "reads from a pipe or device"));
    }
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(fitkit::io::kMaxLineBytes == std::size_t{64} << 20);  // what docs/cli.md promises
}

TEST_CASE("input file: a model source that never ends is refused once it passes the total bound",
          "[input_file]") {
  ScratchDir dir;
  const std::string fifo = dir.file("endless-model");
  fitkit::test::make_fifo(fifo);
  const fitkit::test::IgnoredSigpipe no_sigpipe;
  {
    // Newlines every so often, as a binary model has: only the total bound can stop it.
    fitkit::test::FifoWriter writer(fifo, "", '\n', std::size_t{1} << 40);
    CHECK_THROWS_WITH(InputFile(fifo, fitkit::io::kUnboundedLines, 200'000),
                      Contains(fifo + ": more than 200000 bytes, the most fitkit reads from a "
                                      "pipe or device"));
  }
  CHECK(fitkit::io::kMaxStreamedModelBytes == std::size_t{1} << 30);
}
