// Output paths that are not plain files, and data from standard input, through the programs
// as a user runs them: links are followed, FIFOs and devices are written as streams and stay
// what they are, a write error is exit 1 naming the path, and `--data -` reads stdin with a
// bound on the length of a line. Every special file is made by the test in its own directory.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/model/model_io.hpp"
#include "special_files.hpp"

using Catch::Matchers::Contains;
using namespace fitkit::test;

namespace fs = std::filesystem;

namespace {

const std::string kApp = "fitkit-ridge";

std::string diabetes() {
  return source_path("datasets/diabetes.csv");
}

Result succeeded(const Result& result) {
  INFO("stderr: " << result.err);
  REQUIRE(result.status == 0);
  return result;
}

std::string fitted_model(const ScratchDir& dir, const std::string& name) {
  succeeded(run(dir, kApp, {"fit", "--data", diabetes(), "--model", dir.file(name)}));
  return dir.file(name);
}

// What predict writes to stdout for diabetes.csv.
std::string predictions_of(const ScratchDir& dir, const std::string& model) {
  return succeeded(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()})).out;
}

}  // namespace

TEST_CASE("cli output paths: a link is followed, the file it names replaced, the link kept",
          "[cli][io_paths]") {
  ScratchDir dir;
  fs::create_directory(dir.file("data"));
  fs::create_directory(dir.file("links"));
  const std::string model_link = dir.file("links/m.bin");
  fs::create_symlink("../data/model.bin", model_link);  // dangling: fit creates the model
  succeeded(run(dir, kApp, {"fit", "--data", diabetes(), "--model", model_link}));
  CHECK(fs::is_symlink(model_link));
  REQUIRE(fs::is_regular_file(dir.file("data/model.bin")));

  const std::string target = dir.write("data/p.csv", "old\n");
  const std::string output_link = dir.file("links/p.csv");
  fs::create_symlink("../data/p.csv", output_link);
  succeeded(run(dir, kApp,
                {"predict", "--model", model_link, "--data", diabetes(), "--output", output_link}));
  CHECK(fs::is_symlink(output_link));
  CHECK(read_file(target) == predictions_of(dir, model_link));

  SECTION("partial-fit creates and then updates the file a link names") {
    const std::string link = dir.file("links/sgd.bin");
    fs::create_symlink("../data/sgd.bin", link);
    const std::vector<std::string> args = {"partial-fit", "--data", diabetes(),
                                           "--model",     link,     "-q"};
    succeeded(run(dir, "fitkit-sgd-regressor", args));
    const std::string first = read_file(dir.file("data/sgd.bin"));
    succeeded(run(dir, "fitkit-sgd-regressor", args));
    CHECK(fs::is_symlink(link));
    CHECK(read_file(dir.file("data/sgd.bin")) != first);
  }
}

TEST_CASE("cli output paths: a FIFO gets the bytes at its reader, and stays a FIFO",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");
  const std::string fifo = dir.file("fifo");
  make_fifo(fifo);
  {
    FifoReader reader(fifo);
    succeeded(
        run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", fifo}));
    CHECK(reader.contents() == predictions_of(dir, model));
  }
  {
    FifoReader reader(fifo);
    succeeded(run(dir, kApp, {"fit", "--data", diabetes(), "--model", fifo}));
    CHECK(fitkit::load_any_from_memory(reader.contents())->type_name() == "Ridge");
  }
  CHECK(is_fifo(fifo));
}

TEST_CASE("cli output paths: a copy of /dev/full is exit 1 naming it, and the node stays",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string full = dir.file("full");
  if (!make_full_device(full)) {
    WARN("skipped: cannot make device nodes here (needs root, and a file system without nodev)");
    return;
  }
  const std::string no_space = ": cannot write: No space left on device";
  const std::string model = fitted_model(dir, "m.bin");
  require_failure(run(dir, kApp, {"fit", "--data", diabetes(), "--model", full}), 1, kApp,
                  full + no_space);
  require_failure(
      run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", full}), 1,
      kApp, full + no_space);
  require_failure(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()},
                      Streams{.output_file = full}),
                  1, kApp, "<stdout>" + no_space);

  const std::string poly = dir.file("poly.bin");
  succeeded(run(dir, "fitkit-polynomial-features", {"fit", "--data", diabetes(), "--model", poly}));
  require_failure(run(dir, "fitkit-polynomial-features",
                      {"transform", "--model", poly, "--data", diabetes(), "--output", full}),
                  1, "fitkit-polynomial-features", full + no_space);
  // partial-fit would read the model from it first: it is refused before any work.
  require_failure(run(dir, "fitkit-sgd-regressor",
                      {"partial-fit", "--data", diabetes(), "--model", full, "-q"}),
                  1, "fitkit-sgd-regressor", full + ": partial-fit reads the model and saves it");
  CHECK(is_char_device(full));
}

TEST_CASE("cli output paths: a copy of /dev/null takes the bytes and stays a device",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string null = dir.file("null");
  if (!make_null_device(null)) {
    WARN("skipped: cannot make device nodes here (needs root, and a file system without nodev)");
    return;
  }
  const std::string model = fitted_model(dir, "m.bin");
  succeeded(run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", null}));
  succeeded(run(dir, kApp, {"fit", "--data", diabetes(), "--model", null}));
  CHECK(is_char_device(null));
}

TEST_CASE("cli output paths: '-' is standard output for --model and --output", "[cli][io_paths]") {
  ScratchDir dir;
  const Result fit = succeeded(run(dir, kApp, {"fit", "--data", diabetes(), "--model", "-"}));
  CHECK(fitkit::load_any_from_memory(fit.out)->type_name() == "Ridge");
  CHECK_FALSE(exists(dir.file("-")));
  const std::string model = fitted_model(dir, "m.bin");
  CHECK(read_file(model) == fit.out);
  CHECK(succeeded(
            run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", "-"}))
            .out == predictions_of(dir, model));
}

TEST_CASE("cli data from stdin: '--data -' reads CSV by default, LIBSVM with --format",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");

  SECTION("fit, predict and score from a pipe give what the file gives") {
    const std::string piped = dir.file("piped.bin");
    succeeded(run(dir, kApp, {"fit", "--data", "-", "--model", piped}, piped_from(diabetes())));
    CHECK(read_file(piped) == read_file(model));
    CHECK(succeeded(
              run(dir, kApp, {"predict", "--model", model, "--data", "-"}, piped_from(diabetes())))
              .out == predictions_of(dir, model));
    const Result score = succeeded(
        run(dir, kApp, {"score", "--model", model, "--data", "-"}, piped_from(diabetes())));
    CHECK(score.out ==
          succeeded(run(dir, kApp, {"score", "--model", model, "--data", diabetes()})).out);
  }
  SECTION("stdin redirected from a file") {
    CHECK(succeeded(run(dir, kApp, {"predict", "--model", model, "--data", "-"},
                        Streams{.input_file = diabetes()}))
              .out == predictions_of(dir, model));
  }
  SECTION("LIBSVM") {
    const std::string svm = dir.write("x.svm", "1 1:0.5 2:1\n2 1:1 2:0.5\n3 1:2 2:3\n4 2:4\n");
    const std::string from_file = dir.file("file.bin");
    const std::string from_stdin = dir.file("stdin.bin");
    succeeded(run(dir, kApp, {"fit", "--data", svm, "--model", from_file}));
    succeeded(run(dir, kApp, {"fit", "--data", "-", "--format", "libsvm", "--model", from_stdin},
                  piped_from(svm)));
    CHECK(read_file(from_stdin) == read_file(from_file));
  }
  SECTION("errors name <stdin> and the line") {
    const std::string ragged = dir.write("ragged.csv", "a,b,y\n1,2,3\n4,5\n");
    require_failure(
        run(dir, kApp, {"fit", "--data", "-", "--model", dir.file("r.bin")}, piped_from(ragged)), 1,
        kApp, "<stdin>:3: expected 3 fields");
    CHECK_FALSE(exists(dir.file("r.bin")));
    require_failure(run(dir, kApp, {"fit", "--data", "-", "--n-features", "2", "--model", "x"}), 2,
                    kApp, "<stdin> is read as CSV (use --format libsvm)");
  }
}

TEST_CASE("cli data from stdin: a line that never ends is refused past 64 MiB, naming <stdin>",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string fifo = dir.file("endless");
  make_fifo(fifo);
  const IgnoredSigpipe no_sigpipe;  // the writer stops when the program stops reading
  const std::string model = dir.file("m.bin");
  {
    // The library's tests name a FIFO given as --data the same way, with a smaller bound.
    FifoWriter writer(fifo, "a,y\n1,2\n", 'x', std::size_t{1} << 40);
    require_failure(
        run(dir, kApp, {"fit", "--data", "-", "--model", model}, Streams{.input_file = fifo}), 1,
        kApp, "<stdin>:3: a line longer than 64 MiB, the most fitkit reads from a pipe or device");
  }
  CHECK_FALSE(exists(model));
}

TEST_CASE("cli output paths: partial-fit refuses a model that is not a regular file",
          "[cli][io_paths]") {
  ScratchDir dir;
  const std::string fifo = dir.file("fifo");
  make_fifo(fifo);
  fs::create_directory(dir.file("folder"));
  for (const std::string& path : {fifo, dir.file("folder")})
    require_failure(run(dir, "fitkit-sgd-regressor",
                        {"partial-fit", "--data", diabetes(), "--model", path, "-q"}),
                    1, "fitkit-sgd-regressor",
                    path + ": partial-fit reads the model and saves it back in place");
  CHECK(is_fifo(fifo));
}
