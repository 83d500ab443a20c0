#include "YamlReader.h"

#include "Schema.h"

#include <cmath>

namespace coldstart::rules::detail {

const char *nodeKind(const YAML::Node &N) {
  switch (N.Type()) {
  case YAML::NodeType::Null:
    return "null";
  case YAML::NodeType::Scalar:
    return "a scalar";
  case YAML::NodeType::Sequence:
    return "a list";
  case YAML::NodeType::Map:
    return "a mapping";
  case YAML::NodeType::Undefined:
    break;
  }
  return "undefined";
}

std::string joinNames(const std::vector<std::string> &Names) {
  std::string Out;
  for (const std::string &N : Names) {
    if (!Out.empty())
      Out += ", ";
    Out += N;
  }
  return Out;
}

void YamlReader::error(const YAML::Node &At, const std::string &Message) {
  // Like a compiler's error limit: a 4 MiB file of wrong entries would otherwise print each
  // of its hundreds of thousands of errors, with the list of valid keys in every one.
  if (Errors.size() - Start >= MaxDiagnostics) {
    ++Unreported;
    return;
  }
  YAML::Mark M = At.Mark();
  Diagnostic D;
  D.File = File;
  D.Line = M.line >= 0 ? M.line + 1 : 0;
  D.Column = M.column >= 0 ? M.column + 1 : 0;
  D.Message = Message;
  Errors.push_back(std::move(D));
}

void YamlReader::finish() {
  if (Unreported)
    Errors.push_back({File, 0, 0,
                      std::to_string(Unreported) + " more errors not shown (the first " +
                          std::to_string(MaxDiagnostics) + " are)",
                      Unreported});
}

void YamlReader::unknownKey(const YAML::Node &At, const std::string &Key,
                            const std::vector<std::string> &Allowed) {
  error(At, "unknown key '" + Key + "' (expected one of: " + joinNames(Allowed) + ")");
}

std::string YamlReader::keyOf(const YAML::Node &K) {
  if (!K.IsScalar()) {
    error(K, std::string("a key must be a scalar, not ") + nodeKind(K));
    return "";
  }
  return K.Scalar();
}

bool YamlReader::expectMap(const YAML::Node &N, const std::string &What) {
  if (N.IsMap())
    return true;
  error(N, What + " must be a mapping, not " + nodeKind(N));
  return false;
}

std::optional<std::string> YamlReader::scalarString(const YAML::Node &N, const std::string &What) {
  if (!N.IsScalar()) {
    error(N, What + " must be a string, not " + nodeKind(N));
    return std::nullopt;
  }
  return N.Scalar();
}

std::optional<bool> YamlReader::scalarBool(const YAML::Node &N, const std::string &What) {
  bool Value = false;
  if (N.IsScalar() && YAML::convert<bool>::decode(N, Value))
    return Value;
  error(N, What + " must be true or false");
  return std::nullopt;
}

std::optional<double> YamlReader::scalarNumber(const YAML::Node &N, const std::string &What) {
  double Value = 0;
  if (N.IsScalar() && YAML::convert<double>::decode(N, Value) && std::isfinite(Value))
    return Value;
  error(N, What + " must be a finite number");
  return std::nullopt;
}

void YamlReader::applyStringList(const YAML::Node &V, const std::string &What,
                                 std::vector<std::string> &Into, bool AllowEmpty) {
  if (!V.IsSequence()) {
    error(V, What + " must be a list, not " + nodeKind(V));
    return;
  }
  std::vector<std::string> Out;
  for (const YAML::Node &Item : V)
    if (auto S = scalarString(Item, "an entry of " + What)) {
      if (S->empty() && !AllowEmpty)
        error(Item, "an entry of " + What + " must not be empty");
      else
        Out.push_back(*S);
    }
  Into = std::move(Out);
}

} // namespace coldstart::rules::detail
