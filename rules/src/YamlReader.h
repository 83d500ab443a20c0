// Internal: what every YAML walker of the rules library shares (the rule-set schema, the runtime
// manifest reader): diagnostics at the node's line and column, capped like a compiler's error
// limit, and the checked reads of keys and scalars.
#pragma once

#include "coldstart/rules/Loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::rules::detail {

/// "null", "a scalar", "a list", "a mapping": a node's kind as messages name it.
const char *nodeKind(const YAML::Node &N);

/// "a, b, c".
std::string joinNames(const std::vector<std::string> &Names);

/// Reports problems of one document into Errors. Past MaxDiagnostics errors are only counted,
/// and finish() adds one closing entry that says how many were not shown.
class YamlReader {
public:
  YamlReader(const std::string &File, std::vector<Diagnostic> &Errors)
      : File(File), Errors(Errors), Start(Errors.size()) {}

protected:
  const std::string &File;
  std::vector<Diagnostic> &Errors;

  void error(const YAML::Node &At, const std::string &Message);
  /// Adds the "N more errors not shown" entry when errors were only counted.
  void finish();
  /// Whether this document has recorded an error since it began.
  bool failed() const { return Errors.size() != Start || Unreported != 0; }

  void unknownKey(const YAML::Node &At, const std::string &Key,
                  const std::vector<std::string> &Allowed);
  /// A mapping key as text; an error and "" when it is not a scalar.
  std::string keyOf(const YAML::Node &K);
  bool expectMap(const YAML::Node &N, const std::string &What);
  std::optional<std::string> scalarString(const YAML::Node &N, const std::string &What);
  std::optional<bool> scalarBool(const YAML::Node &N, const std::string &What);
  std::optional<double> scalarNumber(const YAML::Node &N, const std::string &What);
  /// A list of strings replacing Into; empty entries are errors unless AllowEmpty.
  void applyStringList(const YAML::Node &V, const std::string &What, std::vector<std::string> &Into,
                       bool AllowEmpty = false);

  /// A mapping of named entries: an existing name is changed field by field, a new one is added
  /// when Complete (which returns what is missing, or "") accepts it. A failed entry changes
  /// nothing.
  template <class T, class ApplyFn, class CheckFn>
  void applyNamedEntries(const YAML::Node &N, const std::string &What, std::vector<T> &Into,
                         ApplyFn Apply, CheckFn Complete) {
    if (!expectMap(N, "'" + What + "'"))
      return;
    for (const auto &Entry : N) {
      std::string Name = keyOf(Entry.first);
      if (Name.empty())
        continue;
      auto It = std::find_if(Into.begin(), Into.end(), [&](const T &E) { return E.Name == Name; });
      bool IsNew = It == Into.end();
      T Item = IsNew ? T{} : *It;
      Item.Name = Name;
      size_t ErrorsBefore = Errors.size();
      if (!expectMap(Entry.second, "'" + What + "." + Name + "'"))
        continue;
      Apply(Entry.second, Item);
      if (Errors.size() != ErrorsBefore)
        continue;
      std::string Missing = Complete(Item);
      if (!Missing.empty()) {
        error(Entry.first, "'" + What + "." + Name + "' " + Missing);
        continue;
      }
      if (IsNew)
        Into.push_back(std::move(Item));
      else
        *It = std::move(Item);
    }
  }

private:
  size_t Start;          // Errors.size() when this document began
  size_t Unreported = 0; // errors past MaxDiagnostics, counted only
};

} // namespace coldstart::rules::detail
