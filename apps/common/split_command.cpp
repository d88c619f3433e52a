#include "common/split_command.hpp"

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_options.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model_selection/splitters.hpp"

namespace fitkit::apps {
namespace {

// "0.2" a fraction, "30" a count (scikit-learn's float or int); empty: unset.
SplitSize split_size(const std::string& text, const std::string& option) {
  if (text.empty()) return {};
  std::size_t used = 0;
  try {
    if (text.find_first_of(".eE") == std::string::npos) {
      const long long count = std::stoll(text, &used);
      if (used == text.size()) return SplitSize::count(count);
    } else {
      const double fraction = std::stod(text, &used);
      if (used == text.size()) return SplitSize::fraction(fraction);
    }
  } catch (const std::logic_error&) {
  }
  throw UsageError(option + " takes a fraction (0.2) or a count of rows (30), not '" + text + "'");
}

// The file's lines without their line ends (a CRLF's \r kept), the blank lines the reader
// allows at the end dropped.
std::vector<std::string> lines_of_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot be read");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  while (!lines.empty() && (lines.back().empty() || lines.back() == "\r")) lines.pop_back();
  return lines;
}

void write_rows(const std::string& path, const std::vector<std::string>& lines, bool header,
                const arma::uvec& rows) {
  std::string text;
  if (header) text += lines[0] + "\n";
  for (const arma::uword row : rows) text += lines[row + (header ? 1 : 0)] + "\n";
  OutputFile out(path);
  out.write(text);
  out.commit();
}

int split(const VerbCall& call) {
  DataOptions data;
  CommonOptions common;
  std::string test_size, train_size, train_path, test_path;
  std::uint32_t seed = 0;
  bool stratify = false, no_shuffle = false;
  po::options_description own("split");
  own.add_options()("test-size", po::value(&test_size)->value_name("SIZE"),
                    "the test part: a fraction (0.2) or a count of rows (default: 0.25, or what "
                    "--train-size leaves)")(
      "train-size", po::value(&train_size)->value_name("SIZE"),
      "the training part, likewise (default: what the test part leaves)")(
      "stratify", po::bool_switch(&stratify),
      "keep each class's share of the target column (--target, else the last) in both parts")(
      "seed", po::value(&seed)->default_value(0)->value_name("N"),
      "the shuffle's seed: scikit-learn's random_state, the same rows")(
      "no-shuffle", po::bool_switch(&no_shuffle),
      "the first rows train, the next ones test (shuffle=False)")(
      "train", po::value(&train_path)->value_name("FILE"), "where to write the training rows")(
      "test", po::value(&test_path)->value_name("FILE"), "where to write the test rows");
  po::options_description options = own;
  options.add(data_options(data)).add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  for (const char* name : {"data", "train", "test"}) require_option(*values, name);
  apply_common_options(common);
  check_data_options(data);
  if (data.path == "-") throw UsageError("--data: split reads its file twice; give a file path");
  if (data_format(data) != DataFormat::csv) throw UsageError("--data: split copies CSV rows");
  if (stratify && no_shuffle) throw UsageError("--stratify needs the rows shuffled");
  check_output_path(train_path);
  check_output_path(test_path);
  const SplitSize test = split_size(test_size, "--test-size");
  const SplitSize train = split_size(train_size, "--train-size");

  // Read as a model would read it, so that a file fit would refuse is refused here too.
  io::CsvOptions csv = csv_options(data);
  csv.has_target = stratify || !data.target.empty();
  csv.text_features = true;
  csv.allow_missing = true;
  Dataset dataset;
  {
    ScopedTimer timer("load data", common.log());
    dataset = io::read_csv(data.path, csv);
  }
  const std::vector<std::string> lines = lines_of_file(data.path);
  if (lines.size() != dataset.n_samples() + (csv.has_header ? 1 : 0))
    throw DataError(data.path + ": " + std::to_string(lines.size()) + " lines for " +
                    std::to_string(dataset.n_samples()) + " rows: the rows cannot be copied");
  const Labels labels = stratify ? dataset.labels() : Labels();
  const Fold parts = train_test_split(dataset.n_samples(), test, train, seed, !no_shuffle,
                                      stratify ? &labels : nullptr);
  write_rows(train_path, lines, csv.has_header, parts.train);
  write_rows(test_path, lines, csv.has_header, parts.test);
  if (common.verbose)
    std::cerr << parts.train.n_elem << " training rows to " << train_path << ", "
              << parts.test.n_elem << " test rows to " << test_path << "\n";
  return 0;
}

}  // namespace

Verb split_verb() {
  return {"split",
          "split a CSV file's rows into training and test files, as scikit-learn's "
          "train_test_split",
          "--data FILE [--test-size 0.2] [--stratify] [--seed N] --train FILE --test FILE", split};
}

}  // namespace fitkit::apps
