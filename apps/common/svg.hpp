#pragma once
// Markup for `fitkit report`: XHTML and inline SVG written as well-formed XML (every element
// closed, every attribute quoted, text escaped), so that a browser's HTML parser and an XML
// parser read the same page.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fitkit::apps::svg {

// Text and attribute values with &, <, >, " and ' as entities.
std::string escape(std::string_view text);

// A coordinate or size: fixed with two decimals, "-0.00" written "0.00".
std::string number(double value);

// A data value for an attribute that readers recompute from: 17 significant digits, exact.
std::string exact(double value);

using Attributes = std::vector<std::pair<std::string, std::string>>;

// <name a="v" ...>content</name>, or <name a="v" .../> when content is empty. Attribute values
// are escaped; content is markup, passed as it is.
std::string element(std::string_view name, const Attributes& attributes,
                    std::string_view content = {});
// The same with text content, escaped.
std::string text_element(std::string_view name, const Attributes& attributes,
                         std::string_view text);

// The colour of series or group k: matplotlib's tab10, over again after ten.
const char* colour(std::size_t k);

}  // namespace fitkit::apps::svg
