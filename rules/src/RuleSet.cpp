#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuleIds.h"

#include <algorithm>
#include <cctype>

namespace coldstart::rules {

std::string_view toString(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

std::optional<Severity> parseSeverity(std::string_view Text) {
  if (Text == "note")
    return Severity::Note;
  if (Text == "warning")
    return Severity::Warning;
  if (Text == "error")
    return Severity::Error;
  return std::nullopt;
}

static std::string_view stripGlobalQualifier(std::string_view Name) {
  if (Name.substr(0, 2) == "::")
    Name.remove_prefix(2);
  return Name;
}

// "*" matches any run of characters, "::" included (so "*Client" matches "acme::HttpClient");
// "?" matches one character. Iterative with one backtrack point: linear in practice, never
// exponential on hostile patterns.
static bool globMatch(std::string_view Pattern, std::string_view Name) {
  size_t P = 0, N = 0, StarP = std::string_view::npos, StarN = 0;
  while (N < Name.size()) {
    if (P < Pattern.size() && (Pattern[P] == '?' || Pattern[P] == Name[N])) {
      ++P;
      ++N;
    } else if (P < Pattern.size() && Pattern[P] == '*') {
      StarP = P++;
      StarN = N;
    } else if (StarP != std::string_view::npos) {
      P = StarP + 1;
      N = ++StarN;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

std::optional<HandlerSignature> parseHandlerSignature(std::string_view Text) {
  auto Trim = [](std::string_view V) {
    while (!V.empty() && V.front() == ' ')
      V.remove_prefix(1);
    while (!V.empty() && V.back() == ' ')
      V.remove_suffix(1);
    return V;
  };
  auto IsName = [](std::string_view V) {
    return !V.empty() && std::all_of(V.begin(), V.end(), [](char C) {
      return std::isalnum(static_cast<unsigned char>(C)) || C == '_' || C == ':' || C == '*' ||
             C == '?';
    });
  };
  size_t Open = Text.find('(');
  if (Open == std::string_view::npos || Text.empty() || Text.back() != ')')
    return std::nullopt;
  HandlerSignature Sig;
  std::string_view Returns = Trim(Text.substr(0, Open));
  if (!IsName(Returns))
    return std::nullopt;
  Sig.Returns = NamePattern(std::string(Returns));
  std::string_view Params = Trim(Text.substr(Open + 1, Text.size() - Open - 2));
  while (!Params.empty()) {
    size_t Comma = Params.find(',');
    std::string_view Param = Trim(Params.substr(0, Comma));
    if (!IsName(Param))
      return std::nullopt;
    Sig.Params.emplace_back(std::string(Param));
    if (Comma == std::string_view::npos)
      break;
    Params = Params.substr(Comma + 1);
    if (Trim(Params).empty())
      return std::nullopt;
  }
  return Sig;
}

NamePattern::NamePattern(const std::string &T) : Text(stripGlobalQualifier(T)) {
  Glob = Text.find_first_of("*?") != std::string::npos;
}

bool NamePattern::matches(std::string_view QualifiedName) const {
  QualifiedName = stripGlobalQualifier(QualifiedName);
  if (!Glob)
    return QualifiedName == Text;
  return globMatch(Text, QualifiedName);
}

const RuleInfo *RuleSet::rule(std::string_view Id) const {
  auto It = Rules.find(std::string(Id));
  return It == Rules.end() ? nullptr : &It->second;
}

const ResourceKind *RuleSet::resource(std::string_view Name) const {
  for (const ResourceKind &K : Source.Resources)
    if (K.Name == Name)
      return &K;
  return nullptr;
}

const SourcedValue *RuleSet::sourcedValue(std::string_view Key) const {
  auto It = Values.find(std::string(Key));
  return It == Values.end() ? nullptr : &It->second;
}

double RuleSet::value(std::string_view Key, double Default) const {
  const SourcedValue *V = sourcedValue(Key);
  return V ? V->Value : Default;
}

Severity RuleSet::severityFor(std::string_view RuleId, const ResourceKind *Kind) const {
  if (Kind && Kind->SeverityOverride)
    return *Kind->SeverityOverride;
  const RuleInfo *R = rule(RuleId);
  return R ? R->DefaultSeverity : Severity::Warning;
}

bool RuleSet::isEnabled(std::string_view RuleId) const {
  const RuleInfo *R = rule(RuleId);
  return R && R->Enabled;
}

bool RuleSet::isSourceRule(std::string_view RuleId) const {
  const RuleInfo *R = rule(RuleId);
  return R && R->Pass == "source";
}

bool RuleSet::stopsStart(std::string_view RuleId) const {
  const RuleInfo *R = rule(RuleId);
  return R && R->StopsStart;
}

std::vector<std::string> RuleSet::ruleIdsOfPass(std::string_view Pass) const {
  std::vector<std::string> Ids;
  for (std::string_view Id : ids::All)
    if (const RuleInfo *R = rule(Id); R && R->Pass == Pass)
      Ids.emplace_back(Id);
  return Ids;
}

const std::vector<std::string> &knownRuleIds() {
  static const std::vector<std::string> Ids(ids::All.begin(), ids::All.end());
  return Ids;
}

} // namespace coldstart::rules
