#include "fitkit/pipeline/named_estimators.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <ostream>
#include <sstream>

#include "fitkit/core/error.hpp"
#include "fitkit/model/registry.hpp"

namespace fitkit {
namespace {

bool well_formed(std::string_view name) {
  return !name.empty() && name.find("__") == std::string_view::npos &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
         });
}

// A part's refusal under the name the whole knows: "parameter 'C': must be > 0" of part svc
// becomes "parameter 'svc__C': must be > 0".
InvalidParameter renamed(const InvalidParameter& e, const std::string& part) {
  std::string what = e.what();
  const std::string own = "parameter '" + e.name() + "': ";
  if (what.starts_with(own)) what.erase(0, own.size());
  return InvalidParameter(part + "__" + e.name(), what);
}

}  // namespace

void NamedEstimators::add(std::string name, std::unique_ptr<Estimator> estimator) {
  if (!well_formed(name))
    throw InvalidParameter(list_param_, "'" + name +
                                            "' is not a usable name: letters, digits, '_' and "
                                            "'-', without \"__\" (it prefixes its parameters)");
  if (find(name) != nullptr)
    throw InvalidParameter(list_param_, "the name '" + name + "' is given twice");
  if (!estimator) throw InvalidParameter(list_param_, "'" + name + "' has no estimator");
  items_.push_back({std::move(name), std::move(estimator)});
}

const Estimator* NamedEstimators::find(std::string_view name) const {
  for (const NamedEstimator& item : items_)
    if (item.name == name) return item.estimator.get();
  return nullptr;
}

std::string NamedEstimators::list_text() const {
  std::string text;
  for (const NamedEstimator& item : items_)
    text += (text.empty() ? "" : ",") + item.name + "=" + item.estimator->type_name();
  return text;
}

std::vector<NamedEstimator> NamedEstimators::clones() const {
  std::vector<NamedEstimator> out;
  for (const NamedEstimator& item : items_) out.push_back({item.name, item.estimator->clone()});
  return out;
}

std::vector<ParamInfo> NamedEstimators::param_info() const {
  std::vector<ParamInfo> out = {
      {list_param_,
       "string",
       list_text(),
       "the parts as name=Type,name=Type (registered type names; new ones take their defaults)",
       "",
       {}}};
  for (const NamedEstimator& item : items_)
    for (ParamInfo info : item.estimator->param_info()) {
      info.name = item.name + "__" + info.name;
      info.help = item.name + " (" + item.estimator->type_name() + "): " + info.help;
      out.push_back(std::move(info));
    }
  return out;
}

ParamMap NamedEstimators::get_params() const {
  ParamMap out = {{list_param_, list_text()}};
  for (const NamedEstimator& item : items_)
    for (const auto& [name, value] : item.estimator->get_params())
      out[item.name + "__" + name] = value;
  return out;
}

void NamedEstimators::set_param(std::string_view name, std::string_view value) {
  if (name == list_param_) {
    if (value == list_text()) return;
    NamedEstimators parts(list_param_);
    for (const std::string_view item : detail::split_list(value)) {
      const std::size_t equals = item.find('=');
      if (equals == std::string_view::npos)
        throw InvalidParameter(list_param_, "'" + std::string(item) + "' is not name=Type");
      const std::string type(item.substr(equals + 1));
      std::unique_ptr<Estimator> made = make_estimator(type);
      if (!made)
        throw InvalidParameter(list_param_, "'" + type + "' is not a known estimator type");
      parts.add(std::string(item.substr(0, equals)), std::move(made));
    }
    items_ = std::move(parts.items_);
    return;
  }
  const std::size_t split = name.find("__");
  Estimator* part = nullptr;
  if (split != std::string_view::npos)
    for (NamedEstimator& item : items_)
      if (item.name == name.substr(0, split)) part = item.estimator.get();
  if (part == nullptr)
    throw InvalidParameter(
        std::string(name),
        "no such parameter (the parts are " + (items_.empty() ? "none yet" : list_text()) + ")");
  try {
    part->set_param(name.substr(split + 2), value);
  } catch (const InvalidParameter& e) {
    throw renamed(e, std::string(name.substr(0, split)));
  }
}

void NamedEstimators::set_params(const ParamMap& values) {
  const auto list = values.find(list_param_);
  if (list != values.end()) set_param(list->first, list->second);
  // Each part's together, through its own set_params: a part made of parts sets its list first.
  std::map<std::string, ParamMap, std::less<>> by_part;
  for (const auto& [name, value] : values) {
    if (name == list_param_) continue;
    const std::size_t split = name.find("__");
    if (split == std::string::npos || find(std::string_view(name).substr(0, split)) == nullptr) {
      set_param(name, value);  // refused, naming it
      continue;
    }
    by_part[name.substr(0, split)][name.substr(split + 2)] = value;
  }
  for (NamedEstimator& item : items_) {
    const auto found = by_part.find(item.name);
    if (found == by_part.end()) continue;
    try {
      item.estimator->set_params(found->second);
    } catch (const InvalidParameter& e) {
      throw renamed(e, item.name);
    }
  }
}

void NamedEstimators::reset_params() {
  for (NamedEstimator& item : items_) item.estimator->reset_params();
}

void describe_indented(std::ostream& out, const Estimator& part) {
  std::ostringstream inner;
  part.describe_fitted(inner);
  std::istringstream lines(inner.str());
  for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
}

}  // namespace fitkit
