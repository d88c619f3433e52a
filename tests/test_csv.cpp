// The strict CSV reader (DESIGN.md §5a): exact values, names, dialects, and the line and
// column of every error.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using fitkit::DataError;
using fitkit::Dataset;
using fitkit::io::CsvOptions;
using fitkit::io::read_csv;
using fitkit::io::read_csv_text;

namespace {

using Names = std::vector<std::string>;

CsvOptions target(const std::string& column, bool has_header = true) {
  CsvOptions options;
  options.target = column;
  options.has_header = has_header;
  return options;
}

CsvOptions without_header() {
  CsvOptions options;
  options.has_header = false;
  return options;
}

CsvOptions without_target() {
  CsvOptions options;
  options.has_target = false;
  return options;
}

CsvOptions with_missing() {
  CsvOptions options;
  options.allow_missing = true;
  return options;
}

// The DataError that reading `text` throws, for checks on its message and location.
DataError error_reading(const std::string& text, const CsvOptions& options = {}) {
  try {
    read_csv_text(text, options, "data.csv");
  } catch (const DataError& error) {
    return error;
  }
  FAIL("no DataError for: " << text.substr(0, 200));
  throw;  // unreachable
}

class TempFile {
 public:
  explicit TempFile(const std::string& contents) {
    path_ =
        (std::filesystem::temp_directory_path() / ("fitkit_test_csv_" + std::to_string(getpid()) +
                                                   "_" + std::to_string(counter_++) + ".csv"))
            .string();
    std::ofstream(path_, std::ios::binary) << contents;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

std::string dataset_path(const std::string& name) {
  return std::string(FITKIT_SOURCE_DIR) + "/datasets/" + name;
}

}  // namespace

TEST_CASE("csv: numbers with a header go to X column by column, the last column to y", "[csv]") {
  const Dataset d = read_csv_text("a,b,target\n1.5,-2,10\n3,4e2,20\n-0.25,7,30\n");
  REQUIRE(d.n_samples() == 3);
  REQUIRE(d.n_features() == 2);
  CHECK_THAT(d.feature_names, Equals(Names{"a", "b"}));
  CHECK(d.target_name == "target");
  CHECK(d.class_names.empty());
  CHECK(d.source == "<text>");
  CHECK(d.X(0, 0) == 1.5);
  CHECK(d.X(1, 0) == 3.0);
  CHECK(d.X(2, 0) == -0.25);
  CHECK(d.X(0, 1) == -2.0);
  CHECK(d.X(1, 1) == 400.0);
  CHECK(d.X(2, 1) == 7.0);
  CHECK(d.y(0) == 10.0);
  CHECK(d.y(1) == 20.0);
  CHECK(d.y(2) == 30.0);
}

TEST_CASE("csv: decimal text reads to the nearest double", "[csv]") {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> uniform(-1e6, 1e6);
  std::string text = "v,w\n";
  std::vector<double> expected;
  for (int i = 0; i < 500; ++i) {
    const double value = uniform(random) * std::pow(10.0, static_cast<int>(random() % 40) - 20);
    char cell[40];
    std::snprintf(cell, sizeof cell, "%.17g", value);
    text += std::string(cell) + ",0\n";
    expected.push_back(value);
  }
  const Dataset d = read_csv_text(text);
  for (std::size_t i = 0; i < expected.size(); ++i) REQUIRE(d.X(i, 0) == expected[i]);
  CHECK(read_csv_text("x,y\n0.1,0.3\n").X(0, 0) == 0.1);
  CHECK(read_csv_text("x,y\n0.1,0.3\n").y(0) == 0.3);
}

TEST_CASE("csv: number forms: sign, exponent, blanks, quotes, underflow", "[csv]") {
  const Dataset d = read_csv_text(
      "a,b,c,d,e,y\n"
      "+1, 2 ,\" 3.5 \",1E3,.5,0\n"
      "-.5,5.,1e-400,-1e-400,4.9e-324,1\n");
  CHECK(d.X(0, 0) == 1.0);
  CHECK(d.X(0, 1) == 2.0);
  CHECK(d.X(0, 2) == 3.5);
  CHECK(d.X(0, 3) == 1000.0);
  CHECK(d.X(0, 4) == 0.5);
  CHECK(d.X(1, 0) == -0.5);
  CHECK(d.X(1, 1) == 5.0);
  CHECK(d.X(1, 2) == 0.0);
  CHECK(d.X(1, 3) == 0.0);
  CHECK(std::signbit(d.X(1, 3)));
  CHECK(d.X(1, 4) == 4.9e-324);
}

TEST_CASE("csv: without a header every column is named by its position, the target too", "[csv]") {
  const std::string text = "1,2,3\n4,5,6";
  SECTION("the last column is the target") {
    const Dataset d = read_csv_text(text, without_header());
    REQUIRE(d.n_samples() == 2);
    CHECK_THAT(d.feature_names, Equals(Names{"x0", "x1"}));
    CHECK(d.target_name == "x2");
    CHECK(d.X(1, 1) == 5.0);
    CHECK(d.y(1) == 6.0);
  }
  SECTION("a target by index keeps the others' positions") {
    const Dataset d = read_csv_text(text, target("0", false));
    CHECK(d.target_name == "x0");
    CHECK_THAT(d.feature_names, Equals(Names{"x1", "x2"}));
    CHECK(d.y(1) == 4.0);
    CHECK(d.X(1, 0) == 5.0);
  }
  SECTION("the target by its positional name is the same column") {
    const Dataset d = read_csv_text(text, target("x1", false));
    CHECK(d.target_name == "x1");
    CHECK_THAT(d.feature_names, Equals(Names{"x0", "x2"}));
    CHECK(d.y(0) == 2.0);
  }
  SECTION("the last of 11 columns is x10") {
    const Dataset d = read_csv_text("0,1,2,3,4,5,6,7,8,9,10\n", without_header());
    CHECK(d.target_name == "x10");
    CHECK(d.feature_names.back() == "x9");
    CHECK(d.y(0) == 10.0);
  }
  SECTION("features by their positional names, in the order given") {
    CsvOptions options = target("1", false);
    options.features = {"x2", "x0"};
    const Dataset d = read_csv_text(text, options);
    CHECK_THAT(d.feature_names, Equals(Names{"x2", "x0"}));
    CHECK(d.X(1, 0) == 6.0);
    CHECK(d.X(1, 1) == 4.0);
    CHECK(d.y(1) == 5.0);
  }
  SECTION("an unknown name lists the positional names") {
    CHECK_THAT(error_reading(text, target("y", false)).what(),
               Equals("data.csv: no column named 'y' for the target (columns: 'x0', 'x1', 'x2'; "
                      "the file has no header row, so they are named by position)"));
  }
}

TEST_CASE("csv: the first line is the header, as pandas reads it", "[csv]") {
  SECTION("whatever it holds") {
    const std::string text = "5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,2.9,virginica\n";
    const Dataset named = read_csv_text(text);
    REQUIRE(named.n_samples() == 2);
    CHECK_THAT(named.feature_names, Equals(Names{"5.1", "3.5"}));
    CHECK(named.target_name == "setosa");
    const Dataset numbers = read_csv_text("1,2\n3,4\n");
    CHECK_THAT(numbers.feature_names, Equals(Names{"1"}));
    CHECK(numbers.target_name == "2");
    CHECK(numbers.n_samples() == 1);
  }
  SECTION("unless the file has none") {
    const Dataset d =
        read_csv_text("5.1,3.5,setosa\n4.9,3.0,setosa\n6.3,2.9,virginica\n", without_header());
    REQUIRE(d.n_samples() == 3);
    CHECK_THAT(d.feature_names, Equals(Names{"x0", "x1"}));
    CHECK_THAT(d.class_names, Equals(Names{"setosa", "virginica"}));
    const DataError e = error_reading("a,b\n1,2\n", without_header());
    CHECK(e.line() == 1);
    CHECK(e.column() == 1);
    CHECK_THAT(e.what(), Contains("expected a number in column 'x0', found 'a'"));
  }
  SECTION("a missing marker in a file without a header is a missing value") {
    CsvOptions options = with_missing();
    options.has_header = false;
    const Dataset d = read_csv_text("1,NA,3\n4,5,6\n", options);
    CHECK(d.n_samples() == 2);
    CHECK(std::isnan(d.X(0, 1)));
  }
  SECTION("a single line is a header with no data") {
    CHECK_THAT(error_reading("a,b\n").what(), Contains("no data rows"));
    CHECK_THAT(error_reading("1,2\n").what(), Contains("no data rows"));
  }
  SECTION("names_are_numbers tells a header that could have been data") {
    CHECK(fitkit::io::names_are_numbers(read_csv_text("0,1,2\n4,5,6\n")));
    CHECK_FALSE(fitkit::io::names_are_numbers(read_csv_text("0,b,2\n4,5,6\n")));
    CHECK_FALSE(fitkit::io::names_are_numbers(read_csv_text("1,2,3\n4,5,6\n", without_header())));
  }
}

TEST_CASE("csv: delimiter detection and explicit delimiters", "[csv]") {
  SECTION("tab wins over commas") {
    const Dataset d = read_csv_text("a\tb,c\tz\n1\t2\t3\n");
    CHECK_THAT(d.feature_names, Equals(Names{"a", "b,c"}));
    CHECK(d.X(0, 1) == 2.0);
  }
  SECTION("semicolon") {
    const Dataset d = read_csv_text("a;b;z\n1;2.5;3\n");
    CHECK(d.X(0, 1) == 2.5);
    CHECK(d.y(0) == 3.0);
  }
  SECTION("a comma inside quotes does not count") {
    const Dataset d = read_csv_text("\"a,1\";b\n1;2\n");
    CHECK_THAT(d.feature_names, Equals(Names{"a,1"}));
  }
  SECTION("runs of spaces and tabs") {
    const Dataset d = read_csv_text("  a   b  z\n 1  2 \t 3 \n4 5 6\n");
    CHECK_THAT(d.feature_names, Equals(Names{"a", "b"}));
    CHECK(d.X(0, 1) == 2.0);
    CHECK(d.X(1, 0) == 4.0);
    CHECK(d.y(0) == 3.0);
    CHECK(d.y(1) == 6.0);
  }
  SECTION("one column without any delimiter") {
    const Dataset d = read_csv_text("v\n1\n2\n", without_target());
    REQUIRE(d.n_features() == 1);
    CHECK(d.X(1, 0) == 2.0);
  }
  SECTION("an explicit delimiter is used as given") {
    CsvOptions pipe;
    pipe.delimiter = '|';
    const Dataset d = read_csv_text("a|b\n1|2\n", pipe);
    CHECK(d.X(0, 0) == 1.0);
    CHECK(d.y(0) == 2.0);
  }
  SECTION("tab-separated cells keep empty fields") {
    const DataError e = error_reading("a\tb\tc\n1\t\t3\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 2);
    CHECK_THAT(e.what(), Contains("missing value in column 'b'"));
  }
  SECTION("a quote cannot be the delimiter") {
    CsvOptions quote;
    quote.delimiter = '"';
    CHECK_THROWS_AS(read_csv_text("a\n", quote), fitkit::InvalidParameter);
  }
}

TEST_CASE("csv: quoting", "[csv]") {
  const Dataset d = read_csv_text(
      "\"a \"\"one\"\"\", \"b,2\" ,label\n"
      "\"1\",2,\"x, \"\"y\"\"\"\n"
      "3,\"4\",plain\n");
  CHECK_THAT(d.feature_names, Equals(Names{"a \"one\"", "b,2"}));
  CHECK(d.X(0, 0) == 1.0);
  CHECK(d.X(1, 1) == 4.0);
  CHECK_THAT(d.class_names, Equals(Names{"plain", "x, \"y\""}));
  CHECK(d.y(0) == 1.0);
  CHECK(d.y(1) == 0.0);

  SECTION("a newline inside quotes is refused at the line that opens it") {
    const DataError e = error_reading("a,b\n1,2\n3,\"4\n5\"\n");
    CHECK(e.line() == 3);
    CHECK_THAT(e.what(), Contains("data.csv:3:") && Contains("newline inside quotes"));
  }
  SECTION("text after a closing quote") {
    const DataError e = error_reading("a,b\n\"1\"x,2\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 1);
    CHECK_THAT(e.what(), Contains("after a closing quote"));
  }
}

TEST_CASE("csv: line endings, BOM and blank lines", "[csv]") {
  SECTION("CRLF and a UTF-8 BOM") {
    const Dataset d = read_csv_text("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4\r\n");
    CHECK_THAT(d.feature_names, Equals(Names{"x"}));
    REQUIRE(d.n_samples() == 2);
    CHECK(d.X(1, 0) == 3.0);
    CHECK(d.y(1) == 4.0);
  }
  SECTION("no final newline, or trailing blank lines, are fine") {
    CHECK(read_csv_text("x,y\n1,2").n_samples() == 1);
    CHECK(read_csv_text("x,y\n1,2\n\n  \r\n\n").n_samples() == 1);
  }
  SECTION("a blank line inside the data is an error naming it") {
    const DataError e = error_reading("x,y\n1,2\n\n3,4\n");
    CHECK(e.line() == 3);
    CHECK_THAT(e.what(), StartsWith("data.csv:3: blank line"));
  }
  SECTION("a blank first line") {
    CHECK(error_reading("\nx,y\n1,2\n").line() == 1);
  }
}

TEST_CASE("csv: empty input and a header alone", "[csv]") {
  CHECK_THAT(error_reading("").what(), Equals("data.csv: empty file"));
  CHECK_THAT(error_reading("\xEF\xBB\xBF\n \n\r\n").what(), Equals("data.csv: empty file"));
  CHECK_THAT(error_reading("a,b,c\n\n").what(), Contains("data.csv: no data rows"));
}

TEST_CASE("csv: ragged rows", "[csv]") {
  SECTION("too few") {
    const DataError e = error_reading("a,b,c\n1,2,3\n4,5\n");
    CHECK_THAT(e.what(), Equals("data.csv:3: expected 3 fields, found 2"));
    CHECK(e.file() == "data.csv");
    CHECK(e.line() == 3);
  }
  SECTION("too many") {
    CHECK_THAT(error_reading("a,b\n1,2\n3,4,5,6\n").what(),
               Equals("data.csv:3: expected 2 fields, found 4"));
  }
  SECTION("a trailing delimiter is one more (empty) field") {
    CHECK_THAT(error_reading("a,b\n1,2,\n").what(),
               Equals("data.csv:2: expected 2 fields, found 3"));
  }
  SECTION("a short row is reported as short even when a cell is also bad") {
    CHECK_THAT(error_reading("a,b,c\n1,oops\n").what(),
               Equals("data.csv:2: expected 3 fields, found 2"));
  }
  SECTION("a small file cannot claim a huge matrix") {
    // 30000 fields on the first line, then 30000 one-field lines: 30000 x 30000 doubles would be
    // 7 GB; the reader must find the short line before allocating anything of that size.
    std::string text;
    for (int j = 0; j < 30000; ++j) text += j == 0 ? "1" : ",1";
    text += "\n";
    for (int i = 0; i < 30000; ++i) text += "1\n";
    const DataError e = error_reading(text, without_header());
    CHECK_THAT(e.what(), Equals("data.csv:2: expected 30000 fields, found 1"));
  }
}

TEST_CASE("csv: bad cells name the line, column, column name and token", "[csv]") {
  SECTION("text in a feature column") {
    const DataError e = error_reading("alpha,beta,y\n1,2,3\n4,five,6\n");
    CHECK(e.line() == 3);
    CHECK(e.column() == 2);
    CHECK_THAT(e.what(), Equals("data.csv:3:2: expected a number in column 'beta', found 'five'"));
  }
  SECTION("a number followed by junk") {
    CHECK_THAT(error_reading("a,y\n1.5x,2\n").what(), Contains("found '1.5x'"));
    CHECK_THAT(error_reading("a,y\n0x10,2\n").what(), Contains("found '0x10'"));
    CHECK_THAT(error_reading("a,y\n1 2,2\n").what(), Contains("found '1 2'"));
  }
  SECTION("control bytes are not echoed raw") {
    CHECK_THAT(error_reading(std::string("a,y\nab\x01\x1b,2\n")).what(), Contains("found 'ab?"
                                                                                  "?'"));
  }
  SECTION("infinity is refused even with missing values allowed") {
    for (const std::string cell : {"inf", "-inf", "Infinity", "1e400"}) {
      const DataError e = error_reading("a,y\n" + cell + ",1\n", with_missing());
      CHECK(e.line() == 2);
      CHECK_THAT(e.what(), Contains("non-finite value '" + cell + "' in column 'a'"));
    }
  }
}

TEST_CASE("csv: missing values", "[csv]") {
  SECTION("refused by default") {
    const DataError e = error_reading("a,b,y\n1,,3\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 2);
    CHECK_THAT(e.what(), Contains("missing value in column 'b'") && Contains("empty cell"));
    CHECK_THAT(error_reading("a,b,y\n1,NA,3\n").what(),
               Contains("missing value") && Contains("'NA'"));
    CHECK_THAT(error_reading("a,b,y\n1,nan,3\n").what(), Contains("missing value"));
  }
  SECTION("NaN when allowed") {
    const Dataset d =
        read_csv_text("a,b,c,d,e,y\n,NA,NaN,nan,\"\",1\n2, ,N/A,-nan,3,4\n", with_missing());
    for (arma::uword j : {0, 1, 2, 3, 4}) CHECK(std::isnan(d.X(0, j)));
    CHECK(d.X(1, 0) == 2.0);
    CHECK(std::isnan(d.X(1, 1)));
    CHECK(std::isnan(d.X(1, 2)));
    CHECK(std::isnan(d.X(1, 3)));
    CHECK(d.X(1, 4) == 3.0);
    CHECK(d.y(1) == 4.0);
  }
  SECTION("a missing target is always an error") {
    for (const std::string cell : {"", "NA", "nan"}) {
      const DataError e = error_reading("a,y\n1,2\n3," + cell + "\n", with_missing());
      CHECK(e.line() == 3);
      CHECK(e.column() == 2);
      CHECK_THAT(e.what(), Contains("missing target value in column 'y'"));
    }
    CHECK_THAT(error_reading("a,label\n1,cat\n2,\n", with_missing()).what(),
               Contains("data.csv:3:2: missing target value"));
    CHECK_THAT(error_reading("a,y\n1,inf\n").what(), Contains("non-finite target value 'inf'"));
  }
}

TEST_CASE("csv: choosing the target", "[csv]") {
  const std::string text = "a,b,c\n1,2,3\n4,5,6\n";
  SECTION("by name") {
    const Dataset d = read_csv_text(text, target("a"));
    CHECK(d.target_name == "a");
    CHECK_THAT(d.feature_names, Equals(Names{"b", "c"}));
    CHECK(d.y(1) == 4.0);
    CHECK(d.X(1, 0) == 5.0);
  }
  SECTION("by index, negative from the end") {
    CHECK(read_csv_text(text, target("1")).target_name == "b");
    CHECK(read_csv_text(text, target("-3")).target_name == "a");
    CHECK(read_csv_text("1,2,3\n", target("0", false)).y(0) == 1.0);
  }
  SECTION("a name that is also an integer: the name wins") {
    const Dataset d = read_csv_text("x,0,z\n1,2,3\n", target("0"));
    CHECK(d.target_name == "0");
    CHECK(d.y(0) == 2.0);
  }
  SECTION("unknown names and indices") {
    CHECK_THAT(error_reading(text, target("nope")).what(),
               Equals("data.csv: no column named 'nope' for the target (columns: 'a', 'b', 'c')"));
    CHECK_THAT(error_reading(text, target("3")).what(),
               Contains("target column index 3 is out of range: the file has 3 columns"));
    CHECK_THAT(error_reading(text, target("-4")).what(), Contains("out of range"));
    CHECK_THAT(error_reading("1,2\n", target("nope", false)).what(), Contains("no header row"));
  }
  SECTION("no target: every column is a feature") {
    const Dataset d = read_csv_text(text, without_target());
    CHECK(d.n_features() == 3);
    CHECK_FALSE(d.has_target());
    CHECK(d.target_name.empty());
    CHECK(d.X(1, 2) == 6.0);
  }
  SECTION("a target with no feature beside it") {
    CHECK_THAT(error_reading("y\n1\n2\n").what(), Contains("no feature columns"));
  }
}

TEST_CASE("csv: a text target becomes sorted classes", "[csv]") {
  const Dataset d = read_csv_text("f,kind\n1,dog\n2,cat\n3, dog \n4,\"emu\"\n5,10\n");
  CHECK_THAT(d.class_names, Equals(Names{" dog ", "10", "cat", "dog", "emu"}));
  REQUIRE(d.y.n_elem == 5);
  CHECK(d.y(0) == 3.0);
  CHECK(d.y(1) == 2.0);
  CHECK(d.y(2) == 0.0);
  CHECK(d.y(3) == 4.0);
  CHECK(d.y(4) == 1.0);
  CHECK(d.X(4, 0) == 5.0);
}

TEST_CASE("csv: a numeric target refuses text instead of making classes", "[csv]") {
  CsvOptions numeric;
  numeric.numeric_target = true;
  const std::string text = "age,progression\n1,151\n2,151x\n3,75\n";
  const DataError e = error_reading(text, numeric);
  CHECK(e.line() == 3);
  CHECK(e.column() == 2);
  CHECK_THAT(e.what(),
             Equals("data.csv:3:2: expected a number in target column 'progression', found "
                    "'151x'"));
  CHECK_THAT(error_reading("a,y\n1,\"dog\"\n", numeric).what(),
             Contains("in target column 'y', found 'dog'"));
  numeric.allow_missing = true;
  CHECK_THAT(error_reading("a,y\n1,2\n3,\n", numeric).what(),
             Contains("data.csv:3:2: missing target value"));

  numeric.allow_missing = false;
  const Dataset d = read_csv_text("a,y\n1, 2.5 \n3,\"4\"\n", numeric);
  CHECK(d.class_names.empty());
  CHECK(d.y(0) == 2.5);
  CHECK(d.y(1) == 4.0);
  // Without it, the same text makes classes.
  CHECK_THAT(read_csv_text(text).class_names, Equals(Names{"151", "151x", "75"}));
  // A file read without a target ignores the option.
  numeric.has_target = false;
  CHECK_THAT(error_reading(text, numeric).what(), Contains("in column 'progression'"));
}

TEST_CASE("csv: selecting features by name", "[csv]") {
  const std::string text = "id,a,b,c,y\nr1,1,2,3,4\nr2,5,6,7,8\n";
  CsvOptions options;
  options.features = {"c", "a"};
  SECTION("in the order given; other columns may hold anything") {
    const Dataset d = read_csv_text(text, options);
    CHECK_THAT(d.feature_names, Equals(Names{"c", "a"}));
    CHECK(d.X(0, 0) == 3.0);
    CHECK(d.X(0, 1) == 1.0);
    CHECK(d.X(1, 0) == 7.0);
    CHECK(d.y(1) == 8.0);
  }
  SECTION("a missing name is named") {
    options.features = {"a", "q", "r"};
    CHECK_THAT(error_reading(text, options).what(), Contains("no column named 'q', 'r'"));
  }
  SECTION("the target cannot be a feature") {
    options.features = {"a", "y"};
    CHECK_THAT(error_reading(text, options).what(), Contains("'y' is the target"));
  }
  SECTION("without a header, names are positions") {
    options.has_header = false;
    CHECK_THAT(error_reading("1,2,3\n", options).what(),
               Contains("no column named 'c', 'a' (columns: 'x0', 'x1', 'x2'; the file has no "
                        "header row"));
  }
}

TEST_CASE("csv: duplicate header names are refused", "[csv]") {
  const DataError e = error_reading("a,b,a,y\n1,2,3,4\n");
  CHECK_THAT(e.what(), Equals("data.csv:1:3: duplicate column name 'a' (columns 1 and 3)"));
}

TEST_CASE("csv: large inputs are split across threads with exact rows and lines",
          "[csv][determinism]") {
  // About 4 MB: enough for several chunks, so rows from every chunk must land in place.
  const int rows = 120000;
  std::string text = "a,b,c,label\n";
  for (int i = 0; i < rows; ++i)
    text += std::to_string(i) + "," + std::to_string(i) + ".5,-" + std::to_string(i) + "e-3,c" +
            std::to_string(i % 3) + "\n";
  REQUIRE(text.size() > 3'000'000);

  const Dataset d = read_csv_text(text);
  REQUIRE(d.n_samples() == static_cast<arma::uword>(rows));
  CHECK_THAT(d.class_names, Equals(Names{"c0", "c1", "c2"}));
  int first_misplaced = -1;
  for (int i = 0; i < rows && first_misplaced < 0; ++i)
    if (d.X(i, 0) != i || d.X(i, 1) != i + 0.5 || d.X(i, 2) != -(i / 1000.0) || d.y(i) != i % 3)
      first_misplaced = i;
  CHECK(first_misplaced == -1);

  SECTION("the first error in file order is reported, with its exact line") {
    auto broken = text;
    const auto break_row = [&](int row, const std::string& with) {
      std::size_t at = 0;
      for (int line = 0; line < row + 1; ++line) at = broken.find('\n', at) + 1;
      broken.replace(at, broken.find('\n', at) - at, with);
    };
    break_row(100000, "1,2,3");
    break_row(90000, "1,x,3,c0");
    const DataError e = error_reading(broken);
    CHECK_THAT(e.what(), Equals("data.csv:90002:2: expected a number in column 'b', found 'x'"));
  }
}

TEST_CASE("csv: reading files", "[csv]") {
  SECTION("a file gives the same as its text, with the path in messages") {
    const TempFile file("a,b,y\n1,2,3\n3,x,4\n");
    try {
      read_csv(file.path());
      FAIL("no error");
    } catch (const DataError& e) {
      CHECK(e.file() == file.path());
      CHECK(e.line() == 3);
    }
    const TempFile good("a,b\n1,2\n");
    const Dataset d = read_csv(good.path());
    CHECK(d.source == good.path());
    CHECK(d.X(0, 0) == 1.0);
  }
  SECTION("an empty file") {
    const TempFile file("");
    CHECK_THROWS_WITH(read_csv(file.path()), Contains("empty file"));
  }
  SECTION("missing files and directories") {
    CHECK_THROWS_AS(read_csv("/nonexistent/data.csv"), fitkit::FileError);
    CHECK_THROWS_WITH(read_csv("/nonexistent/data.csv"), StartsWith("/nonexistent/data.csv: "));
    CHECK_THROWS_WITH(read_csv(std::filesystem::temp_directory_path().string()),
                      Contains("is a directory"));
  }
}

// Values from /usr/bin/python3 -c "import pandas; pandas.read_csv('datasets/iris.csv')".
TEST_CASE("csv: datasets/iris.csv reads as pandas reads it", "[csv][datasets]") {
  const Dataset d = read_csv(dataset_path("iris.csv"));
  REQUIRE(d.n_samples() == 150);
  REQUIRE(d.n_features() == 4);
  CHECK_THAT(d.feature_names,
             Equals(Names{"sepal_length", "sepal_width", "petal_length", "petal_width"}));
  CHECK(d.target_name == "species");
  CHECK_THAT(d.class_names, Equals(Names{"setosa", "versicolor", "virginica"}));
  CHECK(d.X(0, 0) == 5.1);
  CHECK(d.X(0, 1) == 3.5);
  CHECK(d.X(1, 1) == 3.0);
  CHECK(d.X(149, 2) == 5.1);
  CHECK(d.X(149, 3) == 1.8);
  CHECK(d.y(0) == 0.0);
  CHECK(d.y(50) == 1.0);
  CHECK(d.y(149) == 2.0);
  const arma::rowvec sums = arma::sum(d.X, 0);
  CHECK(sums(0) == Approx(876.5));
  CHECK(sums(1) == Approx(458.6));
  CHECK(sums(2) == Approx(563.7));
  CHECK(sums(3) == Approx(179.9));
}

TEST_CASE("csv: datasets/diabetes.csv reads as pandas reads it", "[csv][datasets]") {
  const Dataset d = read_csv(dataset_path("diabetes.csv"));
  REQUIRE(d.n_samples() == 442);
  REQUIRE(d.n_features() == 10);
  CHECK_THAT(d.feature_names,
             Equals(Names{"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"}));
  CHECK(d.target_name == "progression");
  CHECK(d.class_names.empty());
  const std::vector<double> first{59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87};
  const std::vector<double> last{36, 1, 19.6, 71, 250, 133.2, 97, 3, 4.5951, 92};
  for (arma::uword j = 0; j < 10; ++j) {
    CHECK(d.X(0, j) == first[j]);
    CHECK(d.X(441, j) == last[j]);
  }
  CHECK(d.y(0) == 151.0);
  CHECK(d.y(441) == 57.0);
  CHECK(arma::accu(d.y) == 67243.0);
  CHECK(arma::accu(d.X.col(8)) == Approx(2051.5036));
}

TEST_CASE("an optional target is read when the file has a column of that name", "[csv]") {
  CsvOptions options;
  options.target = "t";
  options.target_optional = true;
  const Dataset with = read_csv_text("a,b,t\n1,2,3\n4,5,6\n", options);
  CHECK(with.feature_names == Names{"a", "b"});
  CHECK(with.target_name == "t");
  CHECK(with.y(1) == 6.0);
  const Dataset without = read_csv_text("a,b\n1,2\n4,5\n", options);
  CHECK(without.feature_names == Names{"a", "b"});
  CHECK_FALSE(without.has_target());
  CHECK(without.target_name.empty());
  // Only a name is looked up: "1" is not taken as the index of column b.
  options.target = "1";
  CHECK_FALSE(read_csv_text("a,b\n1,2\n4,5\n", options).has_target());
  options.target_optional = false;
  CHECK(read_csv_text("a,b\n1,2\n4,5\n", options).target_name == "b");
}

// Files written by pandas, and what pandas.read_csv reads from them (tests/reference/make_io.py).
namespace {

std::string io_fixture(const std::string& name) {
  return fitkit::test::source_path("tests/reference/io/" + name);
}

// A fixture of one text per line, blanks kept.
Names lines_in(const std::string& path) {
  std::istringstream text(fitkit::test::read_file(path));
  Names lines;
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("csv: a header of numbers, as pandas writes it, is the header", "[csv][reference]") {
  const Dataset d = read_csv(io_fixture("diabetes_pandas.csv"));
  REQUIRE(d.n_samples() == fitkit::test::reference_scalar("io/diabetes_pandas/n_rows.csv"));
  CHECK_THAT(d.feature_names, Equals(Names{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
  CHECK(d.target_name == "10");
  const Dataset bundled = read_csv(dataset_path("diabetes.csv"));
  CHECK(arma::approx_equal(d.X, bundled.X, "absdiff", 0.0));
  CHECK(arma::approx_equal(d.y, bundled.y, "absdiff", 0.0));
}

TEST_CASE("csv: class labels are kept byte for byte, blanks included, as pandas keeps them",
          "[csv][reference]") {
  const Dataset d = read_csv(io_fixture("labels.csv"));
  const Names classes = lines_in(io_fixture("labels_classes.txt"));
  CHECK_THAT(d.class_names, Equals(classes));
  const Names labels = lines_in(io_fixture("labels_read.txt"));
  REQUIRE(d.y.n_elem == labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    CHECK(d.class_names.at(static_cast<std::size_t>(d.y(i))) == labels[i]);
  // Quotes are removed, the blanks inside them kept.
  CHECK_THAT(read_csv_text("a,label\n1,\" Iris virginica \"\n2,yes\t\n").class_names,
             Equals(Names{" Iris virginica ", "yes\t"}));
}

TEST_CASE("csv: text feature columns become sorted categories with text_features", "[csv]") {
  const std::string text =
      "colour,size,mixed,y\n"
      "red,1.5,a,0\n"
      "blue,2,1,1\n"
      ",3,b,0\n"
      "red,NA,1,1\n";
  // Refused as before without text_features.
  CHECK_THROWS_WITH(read_csv_text(text), Contains("expected a number in column 'colour'"));
  CsvOptions options;
  options.text_features = true;
  options.allow_missing = true;
  const Dataset data = read_csv_text(text, options);
  REQUIRE(data.feature_categories.size() == 3);
  CHECK_THAT(data.feature_categories[0], Equals(Names{"blue", "red"}));
  CHECK(data.feature_categories[1].empty());  // numbers stay numbers
  // A column with any text is text throughout (pandas' object column): "1" is a category.
  CHECK_THAT(data.feature_categories[2], Equals(Names{"1", "a", "b"}));
  CHECK(data.is_categorical(0));
  CHECK_FALSE(data.is_categorical(1));
  CHECK(data.X(0, 0) == 1);
  CHECK(data.X(1, 0) == 0);
  CHECK(std::isnan(data.X(2, 0)));  // a missing cell is no category
  CHECK(data.X(3, 0) == 1);
  CHECK(data.X(1, 1) == 2);
  CHECK(std::isnan(data.X(3, 1)));
  CHECK(data.X(0, 2) == 1);
  CHECK(data.X(1, 2) == 0);
  CHECK(data.X(2, 2) == 2);
  // A missing cell in a text column still needs allow_missing.
  options.allow_missing = false;
  CHECK_THROWS_WITH(read_csv_text(text, options), Contains(":4:") && Contains("missing value"));
}

TEST_CASE("csv: categorical_columns reads the named columns as text whatever they hold", "[csv]") {
  CsvOptions options;
  options.categorical_columns = {"code"};
  const Dataset data = read_csv_text("code,x,y\n10,1,0\n2,2,1\n10,3,0\n", options);
  // Sorted as text, as they were when the model was fitted on a column with text in it.
  CHECK_THAT(data.feature_categories[0], Equals(Names{"10", "2"}));
  CHECK(data.X(0, 0) == 0);
  CHECK(data.X(1, 0) == 1);
  CHECK(data.feature_categories[1].empty());
  options.categorical_columns = {"nope"};
  CHECK_THROWS_WITH(read_csv_text("code,x,y\n10,1,0\n", options),
                    Contains("no feature column named 'nope'"));
  options.categorical_columns = {"y"};
  CHECK_THROWS_WITH(read_csv_text("code,x,y\n10,1,0\n", options),
                    Contains("no feature column named 'y'"));
}
