// The rule-set schema: a walker that checks a parsed YAML document key by key and overlays it
// on a RuleSet. Every error names the file, line and column of the offending node.
#include "Schema.h"
#include "YamlReader.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace coldstart::rules::detail {

namespace {

bool isValidNameChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_' ||
         C == ':' || C == '*' || C == '?' || C == '~';
}

/// The walker. One instance checks one document; it writes into Target only through the apply
/// helpers, and the caller discards Target when any error was recorded.
class Overlay : YamlReader {
public:
  Overlay(RuleSet &Target, const std::string &File, bool IsBase, std::vector<Diagnostic> &Errors)
      : YamlReader(File, Errors), Target(Target), IsBase(IsBase) {}

  void applyDocument(const YAML::Node &Root) {
    applyRoot(Root);
    finish();
  }

private:
  void applyRoot(const YAML::Node &Root) {
    if (Root.IsNull())
      return; // an empty file overrides nothing
    if (!Root.IsMap()) {
      error(Root,
            std::string("a rule set must be a mapping at the top level, not ") + nodeKind(Root));
      return;
    }
    for (const auto &Entry : Root) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &Value = Entry.second;
      if (Key == "version")
        applyVersion(Value);
      else if (Key == "rules")
        applyRules(Value);
      else if (Key == "source")
        applySource(Value);
      else if (Key == "limits" || Key == "thresholds" || Key == "cost")
        applyValues(Key, Value);
      else if (Key == "packages")
        applyPackages(Value);
      else if (Key == "initializers")
        applyNamedEntries(
            Value, "initializers", Target.Initializers,
            [this](const YAML::Node &V, KnownInitializer &K) { applyKnownInitializer(V, K); },
            [](const KnownInitializer &K) -> std::string {
              if (K.What.empty() || (K.Files.empty() && K.Functions.empty()))
                return "needs 'what' and 'files' or 'functions'";
              return "";
            });
      else
        unknownKey(Entry.first, Key,
                   {"version", "rules", "source", "limits", "thresholds", "cost", "packages",
                    "initializers"});
    }
  }

  RuleSet &Target;
  bool IsBase;

  void applyVersion(const YAML::Node &N) {
    std::optional<double> V = scalarNumber(N, "'version'");
    if (V && *V != 1)
      error(N, "unsupported rule-set version (this coldstart reads version 1)");
  }

  // --- rules -------------------------------------------------------------------------------

  void applyRules(const YAML::Node &N) {
    if (!expectMap(N, "'rules'"))
      return;
    const auto &Known = knownRuleIds();
    for (const auto &Entry : N) {
      std::string Id = keyOf(Entry.first);
      if (Id.empty())
        continue;
      if (std::find(Known.begin(), Known.end(), Id) == Known.end()) {
        error(Entry.first, "unknown rule id '" + Id + "' (known: " + joinNames(Known) + ")");
        continue;
      }
      RuleInfo &R = Target.Rules[Id];
      R.Id = Id;
      if (R.HelpUri.empty())
        R.HelpUri = "docs/rules/" + Id + ".md";
      applyRule(Entry.second, R);
    }
  }

  void applyRule(const YAML::Node &N, RuleInfo &R) {
    if (!expectMap(N, "rule '" + R.Id + "'"))
      return;
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "severity") {
        applySeverity(V, R);
      } else if (Key == "enabled") {
        if (auto B = scalarBool(V, "'enabled'"))
          R.Enabled = *B;
      } else if (Key == "pass") {
        if (auto S = scalarString(V, "'pass'")) {
          if (*S != "source" && *S != "artifact")
            error(V, "'pass' must be 'source' or 'artifact'");
          else
            R.Pass = *S;
        }
      } else if (Key == "category") {
        if (auto S = scalarString(V, "'category'"))
          R.Category = *S;
      } else if (Key == "added-what" || Key == "added-why" || Key == "added-fix") {
        if (auto S = scalarString(V, "'" + Key + "'"))
          (Key == "added-what" ? R.AddedWhat : Key == "added-why" ? R.AddedWhy : R.AddedFix) = *S;
      } else if (Key == "stops-start") {
        if (auto B = scalarBool(V, "'stops-start'"))
          R.StopsStart = *B;
      } else if (Key == "summary") {
        if (auto S = scalarString(V, "'summary'"))
          R.Summary = *S;
      } else if (Key == "description") {
        if (auto S = scalarString(V, "'description'"))
          R.Description = *S;
      } else if (!Key.empty()) {
        unknownKey(Entry.first, Key,
                   {"severity", "enabled", "pass", "category", "stops-start", "summary",
                    "description", "added-what", "added-why", "added-fix"});
      }
    }
  }

  void applySeverity(const YAML::Node &V, RuleInfo &R) {
    auto S = scalarString(V, "'severity'");
    if (!S)
      return;
    if (*S == "off") {
      R.Enabled = false;
      return;
    }
    if (auto Sev = parseSeverity(*S)) {
      R.DefaultSeverity = *Sev;
      R.Enabled = true;
      return;
    }
    error(V, "'severity' must be one of note, warning, error, off (got '" + *S + "')");
  }

  // --- source ------------------------------------------------------------------------------

  void applySource(const YAML::Node &N) {
    if (!expectMap(N, "'source'"))
      return;
    SourceConfig &S = Target.Source;
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "handler-registrations")
        applyNameList(V, Key, S.HandlerRegistrations);
      else if (Key == "handler-functions")
        applyNameList(V, Key, S.HandlerFunctions);
      else if (Key == "handler-signatures")
        applyNameList(V, Key, S.HandlerSignatures);
      else if (Key == "allocation-factories")
        applyNameList(V, Key, S.AllocationFactories);
      else if (Key == "once-calls")
        applyNameList(V, Key, S.OnceCalls);
      else if (Key == "read-file-types")
        applyNameList(V, Key, S.ReadFileTypes);
      else if (Key == "lease-source-types")
        applyNameList(V, Key, S.LeaseSourceTypes);
      else if (Key == "report-system-headers") {
        if (auto B = scalarBool(V, "'report-system-headers'"))
          S.ReportSystemHeaders = *B;
      } else if (Key == "resources")
        applyResources(V);
      else if (!Key.empty())
        unknownKey(Entry.first, Key,
                   {"handler-registrations", "handler-functions", "handler-signatures",
                    "allocation-factories", "once-calls", "read-file-types", "lease-source-types",
                    "report-system-headers", "resources"});
    }
  }

  std::optional<NamePattern> namePattern(const YAML::Node &N, const std::string &ListName) {
    auto S = scalarString(N, "an entry of '" + ListName + "'");
    if (!S)
      return std::nullopt;
    // A signature is names too: the return type's, then the parameters' in parentheses.
    if (ListName == "handler-signatures") {
      if (!parseHandlerSignature(*S)) {
        error(N, "'" + *S + "' in '" + ListName +
                     "' is not a signature: a return type and its parameter types as qualified "
                     "names, 'Ret(Param, ...)'");
        return std::nullopt;
      }
      return NamePattern(*S);
    }
    if (S->empty() || !std::all_of(S->begin(), S->end(), isValidNameChar)) {
      error(N, "'" + *S + "' in '" + ListName +
                   "' is not a qualified name or a pattern (letters, digits, _, ::, * and ?)");
      return std::nullopt;
    }
    return NamePattern(*S);
  }

  void addNames(const YAML::Node &Seq, const std::string &ListName,
                std::vector<NamePattern> &Into) {
    for (const YAML::Node &Item : Seq)
      if (auto P = namePattern(Item, ListName))
        if (std::find(Into.begin(), Into.end(), *P) == Into.end())
          Into.push_back(*P);
  }

  void removeNames(const YAML::Node &Seq, const std::string &ListName,
                   std::vector<NamePattern> &From) {
    for (const YAML::Node &Item : Seq) {
      auto P = namePattern(Item, ListName);
      if (!P)
        continue;
      auto It = std::find(From.begin(), From.end(), *P);
      if (It == From.end())
        error(Item,
              "cannot remove '" + P->text() + "' from '" + ListName + "': it is not in the list");
      else
        From.erase(It);
    }
  }

  /// A name list is either a plain list (its names are added) or a mapping with `add`,
  /// `remove` and `replace` lists.
  void applyNameList(const YAML::Node &N, const std::string &ListName,
                     std::vector<NamePattern> &Into) {
    if (N.IsSequence()) {
      addNames(N, ListName, Into);
      return;
    }
    if (!N.IsMap()) {
      error(N, "'" + ListName + "' must be a list of names, or a mapping with add/remove/replace");
      return;
    }
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key != "add" && Key != "remove" && Key != "replace") {
        if (!Key.empty())
          unknownKey(Entry.first, Key, {"add", "remove", "replace"});
        continue;
      }
      if (!V.IsSequence()) {
        error(V, "'" + ListName + "." + Key + "' must be a list, not " + nodeKind(V));
        continue;
      }
      if (Key == "replace")
        Into.clear();
      if (Key == "remove")
        removeNames(V, ListName, Into);
      else
        addNames(V, ListName, Into);
    }
  }

  void applyResources(const YAML::Node &N) {
    if (!expectMap(N, "'resources'"))
      return;
    for (const auto &Entry : N) {
      std::string Name = keyOf(Entry.first);
      if (Name.empty())
        continue;
      auto &Kinds = Target.Source.Resources;
      auto It = std::find_if(Kinds.begin(), Kinds.end(),
                             [&](const ResourceKind &K) { return K.Name == Name; });
      bool IsNew = It == Kinds.end();
      ResourceKind Kind = IsNew ? ResourceKind{} : *It;
      Kind.Name = Name;
      size_t ErrorsBefore = Errors.size();
      applyResource(Entry.second, Kind);
      if (Errors.size() != ErrorsBefore)
        continue;
      if (IsNew && (Kind.Rule.empty() || Kind.What.empty())) {
        error(Entry.first, "new resource kind '" + Name + "' needs 'rule' and 'what'");
        continue;
      }
      if (Kind.Types.empty() && Kind.Calls.empty() && Kind.Enabled)
        error(Entry.first, "resource kind '" + Name + "' has neither 'types' nor 'calls'");
      else if (IsNew)
        Kinds.push_back(std::move(Kind));
      else
        *It = std::move(Kind);
    }
  }

  void applyResource(const YAML::Node &N, ResourceKind &Kind) {
    if (!expectMap(N, "resource kind '" + Kind.Name + "'"))
      return;
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "rule") {
        auto S = scalarString(V, "'rule'");
        if (!S)
          continue;
        const RuleInfo *R = Target.rule(*S);
        if (!R)
          error(V, "unknown rule id '" + *S + "'");
        else if (R->Pass != "source")
          error(V, "resource kinds belong to source rules; '" + *S + "' is an artifact rule");
        else
          Kind.Rule = *S;
      } else if (Key == "what" || Key == "why" || Key == "fix") {
        if (auto S = scalarString(V, "'" + Key + "'"))
          (Key == "what" ? Kind.What : Key == "why" ? Kind.Why : Kind.Fix) = *S;
      } else if (Key == "enabled") {
        if (auto B = scalarBool(V, "'enabled'"))
          Kind.Enabled = *B;
      } else if (Key == "severity") {
        auto S = scalarString(V, "'severity'");
        if (!S)
          continue;
        if (std::optional<Severity> Sev = parseSeverity(*S))
          Kind.SeverityOverride = Sev;
        else
          error(V, "'severity' must be one of note, warning, error (got '" + *S + "')");
      } else if (Key == "types") {
        applyNameList(V, Kind.Name + ".types", Kind.Types);
      } else if (Key == "calls") {
        applyNameList(V, Kind.Name + ".calls", Kind.Calls);
      } else if (Key == "init-ms") {
        SourcedValue Cost = Kind.InitMs.value_or(SourcedValue{0, "ms", ""});
        if (applyValue(V, "source.resources." + Kind.Name + ".init-ms", Cost))
          Kind.InitMs = Cost;
      } else if (Key == "arguments") {
        auto S = scalarString(V, "'arguments'");
        if (!S)
          continue;
        if (*S == "any")
          Kind.Arguments = ArgumentPolicy::Any;
        else if (*S == "invariant")
          Kind.Arguments = ArgumentPolicy::Invariant;
        else
          error(V, "'arguments' must be one of any, invariant (got '" + *S + "')");
      } else if (Key == "invariant-calls") {
        applyNameList(V, Kind.Name + ".invariant-calls", Kind.InvariantCalls);
      } else if (Key == "cache-checks") {
        applyNameList(V, Kind.Name + ".cache-checks", Kind.CacheChecks);
      } else if (!Key.empty()) {
        unknownKey(Entry.first, Key,
                   {"rule", "what", "why", "fix", "enabled", "severity", "types", "calls",
                    "init-ms", "arguments", "invariant-calls", "cache-checks"});
      }
    }
  }

  // --- packages ----------------------------------------------------------------------------

  void applyPackages(const YAML::Node &N) {
    if (!expectMap(N, "'packages'"))
      return;
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      if (Key == "heavy-dependencies")
        applyNamedEntries(
            Entry.second, "packages.heavy-dependencies", Target.Packages.HeavyDependencies,
            [this](const YAML::Node &V, HeavyDependency &D) { applyHeavyDependency(V, D); },
            [](const HeavyDependency &D) -> std::string {
              if (D.Ecosystem.empty() || D.Packages.empty())
                return "needs 'ecosystem' and 'packages'";
              return "";
            });
      else if (Key == "removable")
        applyNamedEntries(
            Entry.second, "packages.removable", Target.Packages.Removable,
            [this](const YAML::Node &V, RemovablePattern &P) { applyRemovable(V, P); },
            [](const RemovablePattern &P) -> std::string {
              if (P.What.empty() || (P.Folders.empty() && P.Suffixes.empty()))
                return "needs 'what' and 'folders' or 'suffixes'";
              return "";
            });
      else if (Key == "ecosystems")
        applyNamedEntries(
            Entry.second, "packages.ecosystems", Target.Packages.Ecosystems,
            [this](const YAML::Node &V, Ecosystem &E) { applyEcosystem(V, E); },
            [](const Ecosystem &E) -> std::string {
              if (E.RootMarkers.empty() && E.LayerFolders.empty())
                return "needs 'root-markers' or 'layer-folders'";
              return "";
            });
      else if (!Key.empty())
        applyValueEntry("packages", Entry.first, Key, Entry.second);
    }
  }

  void applyEcosystem(const YAML::Node &N, Ecosystem &E) {
    static const std::vector<std::string> Lists = {"root-markers", "layer-folders",
                                                   "function-import-roots", "layer-import-roots"};
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      auto List = std::find(Lists.begin(), Lists.end(), Key);
      if (List == Lists.end()) {
        if (!Key.empty())
          unknownKey(Entry.first, Key, Lists);
        continue;
      }
      std::vector<std::string> Texts;
      // The function's root is an import root too: "" names it, so empty entries are allowed.
      applyStringList(Entry.second, "'" + Key + "'", Texts, /*AllowEmpty=*/true);
      std::vector<NamePattern> Patterns(Texts.begin(), Texts.end());
      (Key == "root-markers"            ? E.RootMarkers
       : Key == "layer-folders"         ? E.LayerFolders
       : Key == "function-import-roots" ? E.FunctionImportRoots
                                        : E.LayerImportRoots) = std::move(Patterns);
    }
  }

  void applyHeavyDependency(const YAML::Node &N, HeavyDependency &D) {
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "ecosystem") {
        if (auto S = scalarString(V, "'ecosystem'")) {
          if (*S != "python" && *S != "nodejs")
            error(V, "'ecosystem' must be 'python' or 'nodejs' (got '" + *S + "')");
          else
            D.Ecosystem = *S;
        }
      } else if (Key == "packages") {
        applyStringList(V, "'packages'", D.Packages);
        for (const auto &P : D.Packages)
          if (P.find("..") != std::string::npos || (!P.empty() && P[0] == '/'))
            error(V, "'" + P + "' in 'packages' is not a package folder name");
      } else if (Key == "major-version") {
        if (auto S = scalarString(V, "'major-version'"))
          D.MajorVersion = *S;
      } else if (Key == "provided-by-runtime") {
        if (auto B = scalarBool(V, "'provided-by-runtime'"))
          D.ProvidedByRuntime = *B;
      } else if (Key == "why" || Key == "fix") {
        if (auto S = scalarString(V, "'" + Key + "'"))
          (Key == "why" ? D.Why : D.Fix) = *S;
      } else if (Key == "enabled") {
        if (auto B = scalarBool(V, "'enabled'"))
          D.Enabled = *B;
      } else if (!Key.empty()) {
        unknownKey(Entry.first, Key,
                   {"ecosystem", "packages", "major-version", "provided-by-runtime", "why", "fix",
                    "enabled"});
      }
    }
  }

  void applyRemovable(const YAML::Node &N, RemovablePattern &P) {
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "what" || Key == "why") {
        if (auto S = scalarString(V, "'" + Key + "'"))
          (Key == "what" ? P.What : P.Why) = *S;
      } else if (Key == "folders") {
        applyStringList(V, "'folders'", P.Folders);
        for (const auto &F : P.Folders)
          if (F.find('/') != std::string::npos)
            error(V, "'" + F + "' in 'folders' must be a folder name, without '/'");
      } else if (Key == "suffixes") {
        applyStringList(V, "'suffixes'", P.Suffixes);
      } else if (Key == "enabled") {
        if (auto B = scalarBool(V, "'enabled'"))
          P.Enabled = *B;
      } else if (!Key.empty()) {
        unknownKey(Entry.first, Key, {"what", "folders", "suffixes", "why", "enabled"});
      }
    }
  }

  // --- initializers ------------------------------------------------------------------------

  void applyKnownInitializer(const YAML::Node &N, KnownInitializer &K) {
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      const YAML::Node &V = Entry.second;
      if (Key == "what" || Key == "why") {
        if (auto S = scalarString(V, "'" + Key + "'"))
          (Key == "what" ? K.What : K.Why) = *S;
      } else if (Key == "files" || Key == "functions") {
        std::vector<std::string> Texts;
        applyStringList(V, "'" + Key + "'", Texts);
        std::vector<NamePattern> &Into = Key == "files" ? K.Files : K.Functions;
        Into.clear();
        for (const std::string &T : Texts)
          Into.emplace_back(T);
      } else if (Key == "extra-us") {
        SourcedValue Cost = K.ExtraUs.value_or(SourcedValue{0, "us", ""});
        if (applyValue(V, "initializers." + K.Name + ".extra-us", Cost))
          K.ExtraUs = Cost;
      } else if (Key == "enabled") {
        if (auto B = scalarBool(V, "'enabled'"))
          K.Enabled = *B;
      } else if (!Key.empty()) {
        unknownKey(Entry.first, Key, {"what", "why", "files", "functions", "extra-us", "enabled"});
      }
    }
  }

  // --- limits, thresholds, cost ------------------------------------------------------------

  void applyValues(const std::string &Section, const YAML::Node &N) {
    if (!expectMap(N, "'" + Section + "'"))
      return;
    for (const auto &Entry : N) {
      std::string Key = keyOf(Entry.first);
      if (Key.empty())
        continue;
      applyValueEntry(Section, Entry.first, Key, Entry.second);
    }
  }

  /// One sourced number, Section.Key. A user file may only override keys the default defines.
  void applyValueEntry(const std::string &Section, const YAML::Node &KeyNode,
                       const std::string &Key, const YAML::Node &Value) {
    std::string Dotted = Section + "." + Key;
    auto Existing = Target.Values.find(Dotted);
    if (!IsBase && Existing == Target.Values.end()) {
      std::vector<std::string> Known;
      if (Section == "packages")
        Known = {"heavy-dependencies", "removable"};
      for (const auto &V : Target.Values)
        if (V.first.compare(0, Section.size() + 1, Section + ".") == 0)
          Known.push_back(V.first.substr(Section.size() + 1));
      unknownKey(KeyNode, Key, Known);
      return;
    }
    SourcedValue V = Existing != Target.Values.end() ? Existing->second : SourcedValue{};
    if (applyValue(Value, Dotted, V))
      Target.Values[Dotted] = V;
  }

  bool applyValue(const YAML::Node &N, const std::string &Dotted, SourcedValue &V) {
    size_t ErrorsBefore = Errors.size();
    bool HasSource = false;
    if (N.IsScalar()) {
      auto Num = scalarNumber(N, "'" + Dotted + "'");
      if (!Num)
        return false;
      V.Value = *Num;
    } else if (N.IsMap()) {
      bool HasValue = false;
      for (const auto &Entry : N) {
        std::string Key = keyOf(Entry.first);
        if (Key == "value") {
          if (auto Num = scalarNumber(Entry.second, "'" + Dotted + ".value'")) {
            V.Value = *Num;
            HasValue = true;
          }
        } else if (Key == "unit") {
          if (auto S = scalarString(Entry.second, "'unit'"))
            V.Unit = *S;
        } else if (Key == "source") {
          if (auto S = scalarString(Entry.second, "'source'")) {
            V.Source = *S;
            HasSource = !S->empty();
          }
        } else if (!Key.empty()) {
          unknownKey(Entry.first, Key, {"value", "unit", "source"});
        }
      }
      if (!HasValue && Errors.size() == ErrorsBefore)
        error(N, "'" + Dotted + "' needs a 'value'");
    } else {
      error(N, "'" + Dotted + "' must be a number or a mapping with value/unit/source");
      return false;
    }
    if (Errors.size() != ErrorsBefore)
      return false;
    if (IsBase && !HasSource) {
      // The bundled rule set carries no invented numbers: each says where it comes from.
      error(N, "'" + Dotted + "' in the bundled rule set needs a 'source'");
      return false;
    }
    if (!HasSource)
      V.Source = "set in " + File + ":" + std::to_string(N.Mark().line + 1);
    if (V.Value < 0) {
      error(N, "'" + Dotted + "' must not be negative");
      return false;
    }
    if (Dotted.size() > 9 && Dotted.compare(Dotted.size() - 9, 9, "-fraction") == 0 &&
        V.Value > 1) {
      error(N, "'" + Dotted + "' is a fraction and must be between 0 and 1");
      return false;
    }
    return true;
  }
};

} // namespace

void applyOverlay(RuleSet &Target, const YAML::Node &Root, const std::string &File, bool IsBase,
                  std::vector<Diagnostic> &Errors) {
  Overlay(Target, File, IsBase, Errors).applyDocument(Root);
}

} // namespace coldstart::rules::detail
