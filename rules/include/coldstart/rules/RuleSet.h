// The rule set: every list of types and calls, every threshold, limit and cost coefficient the
// passes use. This is the ground floor of coldstart: it imports nothing else of ours.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coldstart::rules {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

std::string_view toString(Severity S);
std::optional<Severity> parseSeverity(std::string_view Text);

/// A qualified name or a glob over one ("Aws::S3::S3Client", "*Client", "acme::*ThreadPool").
/// A leading "::" is ignored; "*" and "?" are the only wildcards and match across "::".
class NamePattern {
public:
  NamePattern() = default;
  explicit NamePattern(const std::string &Text);

  const std::string &text() const { return Text; }
  bool isGlob() const { return Glob; }
  bool matches(std::string_view QualifiedName) const;

  friend bool operator==(const NamePattern &A, const NamePattern &B) { return A.Text == B.Text; }

private:
  std::string Text;
  bool Glob = false;
};

/// Metadata of one rule id: how it is reported and how a user acts on it.
struct RuleInfo {
  std::string Id;
  std::string Pass; // "source" or "artifact"
  std::string Category;
  /// A finding of this rule means Lambda cannot start the function as packaged (a missing
  /// library or bootstrap): reports list these first.
  bool StopsStart = false;
  Severity DefaultSeverity = Severity::Warning;
  bool Enabled = true;
  std::string Summary;     // one line: what the rule flags
  std::string Description; // a paragraph: why it matters, with numbers
  std::string HelpUri;     // docs/rules/<id>.md
  /// Source rules: how a type or call added to the rule without a resource kind of its own
  /// (the clang-tidy checks' AddTypes/AddCalls options) is named in messages, why it costs and
  /// how to fix it.
  std::string AddedWhat;
  std::string AddedWhy;
  std::string AddedFix;
};

/// A number with its unit and where it comes from (an AWS page, a published measurement or our
/// own benchmark). Every limit and coefficient carries one: no invented numbers.
struct SourcedValue {
  double Value = 0;
  std::string Unit;
  std::string Source;
};

/// How a resource kind's arguments decide whether one of its sites is reported.
enum class ArgumentPolicy {
  /// Reported whatever its arguments are; lowered to a note when they come from the request
  /// (building a client per tenant may be deliberate).
  Any,
  /// Reported only when every argument is the same on every invocation: literals, constants,
  /// environment variables (InvariantCalls) and values fixed during init. A site whose
  /// arguments come from the request, or from anything else that may change, is not reported;
  /// one whose arguments are its function's parameters is reported at the call that passes
  /// such values (a download helper called with a constant key from one place and with the
  /// request's key from another).
  Invariant,
};

/// One kind of per-invocation resource (AWS SDK clients, libpq connections, regexes, ...).
struct ResourceKind {
  std::string Name; // key in the rule set, e.g. "aws-sdk-client"
  std::string Rule; // rule id it is reported under
  std::string What; // human name used in messages: "AWS SDK client"
  std::string Why;  // one sentence on the cost, for the message
  std::string Fix;  // fix hint
  bool Enabled = true;
  std::optional<Severity> SeverityOverride; // else the rule's severity
  std::vector<NamePattern> Types;           // constructions of these (and subclasses) are flagged
  std::vector<NamePattern> Calls;           // calls to these functions are flagged
  ArgumentPolicy Arguments = ArgumentPolicy::Any;
  /// With ArgumentPolicy::Invariant: functions whose result is the same on every invocation
  /// (getenv: Lambda sets the environment before init), so an argument read through them is.
  std::vector<NamePattern> InvariantCalls;
  /// With ArgumentPolicy::Invariant: calls that test whether a kept copy is already there
  /// (std::filesystem::exists on a file in /tmp). A site in a branch of an `if` whose condition
  /// makes one, or after an `if` on one that returns, runs once per environment.
  std::vector<NamePattern> CacheChecks;
  /// What one of these costs when built during init (the estimate's "init-code" part). The
  /// bundled rule set gives none: the cost depends on the network, the endpoint and the
  /// settings, so only a measurement of the user's own function can say.
  std::optional<SourcedValue> InitMs;
};

/// A handler signature of the rule set, "aws::lambda_runtime::invocation_response(
/// aws::lambda_runtime::invocation_request)": the return type's and each parameter's qualified
/// names (patterns allowed).
struct HandlerSignature {
  NamePattern Returns;
  std::vector<NamePattern> Params;
};
/// The parts of Text, or nullopt when it is not "Name(Name, ...)".
std::optional<HandlerSignature> parseHandlerSignature(std::string_view Text);

/// A function that allocates an object of its template argument: `std::make_shared<T>(...)`.
/// Constructions reached through it are attributed to the call site.
struct SourceConfig {
  std::vector<NamePattern> HandlerRegistrations; // callables passed to these are handlers
  std::vector<NamePattern> HandlerFunctions;     // these functions are handlers themselves
  /// "Ret(Param, ...)": a function, member function or functor call operator of this type is a
  /// handler even with no registration in view (parameters by value or reference, const or
  /// not). See parseHandlerSignature.
  std::vector<NamePattern> HandlerSignatures;
  std::vector<NamePattern> AllocationFactories; // std::make_shared, Aws::MakeShared, ...
  std::vector<NamePattern> OnceCalls;           // std::call_once: its callable runs once
  std::vector<NamePattern> ReadFileTypes;       // std::ifstream, ...: "file opened for reading"
  /// Pools: a listed resource constructed from one of these borrows what the pool already
  /// opened (soci::session from a soci::connection_pool) and is not a new construction.
  std::vector<NamePattern> LeaseSourceTypes;
  std::vector<ResourceKind> Resources;
  bool ReportSystemHeaders = false;
};

/// A dependency known to be large or slow to import (interpreted runtimes). Found by the folder
/// it installs: a top-level import package of a Python package root, or a package under
/// node_modules. The report measures its bytes exactly; the rule set says why it costs.
struct HeavyDependency {
  std::string Name;                  // key in the rule set, e.g. "pandas"
  std::string Ecosystem;             // "python" or "nodejs"
  std::vector<std::string> Packages; // folder names: "pandas", "aws-sdk", "@aws-sdk/client-s3"
  std::string MajorVersion;          // only this major version (from package.json); empty: any
  bool ProvidedByRuntime = false;    // the runtime already ships it
  std::string Why;                   // why it costs, with its source
  std::string Fix;
  bool Enabled = true;
};

/// Files a deployment package does not need at run time: folders of these names anywhere, or
/// files with these name suffixes.
struct RemovablePattern {
  std::string Name; // key in the rule set, e.g. "python-bytecode"
  std::string What; // "Python bytecode caches"
  std::vector<std::string> Folders;
  std::vector<std::string> Suffixes;
  std::string Why;
  bool Enabled = true;
};

/// An interpreted runtime's packaging conventions: how a package is recognized as one of its
/// functions or layers, and the folders its code imports packages from (paths relative to the
/// function's root or to a layer's root; globs, "" for the root itself).
struct Ecosystem {
  std::string Name;                      // "python", "nodejs": a runtime manifest's family
  std::vector<NamePattern> RootMarkers;  // files or folders at the function's root: "*.py"
  std::vector<NamePattern> LayerFolders; // a layer's top folder: "python"
  std::vector<NamePattern> FunctionImportRoots;
  std::vector<NamePattern> LayerImportRoots;
};

/// Policy for deployment packages (rules/default.yaml `packages:`), kept apart from the checker.
struct PackagePolicy {
  std::vector<HeavyDependency> HeavyDependencies;
  std::vector<RemovablePattern> Removable;
  std::vector<Ecosystem> Ecosystems; // in the order a package is tested against them
};

/// A kind of static initializer known to do more than the average one (rules/default.yaml
/// `initializers:`), recognized by the translation unit it comes from or by its name.
struct KnownInitializer {
  std::string Name; // key in the rule set, e.g. "protobuf-descriptors"
  std::string What; // "protobuf descriptor registration"
  std::string Why;
  std::vector<NamePattern> Files;     // base names of the source file: "*.pb.cc"
  std::vector<NamePattern> Functions; // the initializer's name: "_GLOBAL__sub_I_*.pb.cc"
  /// What one costs beyond cost.static-initializer-us, when somebody measured it.
  std::optional<SourcedValue> ExtraUs;
  bool Enabled = true;
};

struct RuleSet {
  std::map<std::string, RuleInfo> Rules; // by id
  SourceConfig Source;
  PackagePolicy Packages;
  std::vector<KnownInitializer> Initializers;
  /// Lambda limits, thresholds and cost coefficients, by dotted key
  /// ("limits.zipped-upload-bytes", "thresholds.static-initializers", "cost.platform-init-ms").
  std::map<std::string, SourcedValue> Values;
  /// Where each layer of this rule set came from, in merge order (for reports).
  std::vector<std::string> Origins;

  const RuleInfo *rule(std::string_view Id) const;
  const ResourceKind *resource(std::string_view Name) const;
  /// The value under Key, or Default when absent.
  double value(std::string_view Key, double Default = 0) const;
  const SourcedValue *sourcedValue(std::string_view Key) const;
  /// Severity a finding of RuleId gets: the resource's override, else the rule's.
  Severity severityFor(std::string_view RuleId, const ResourceKind *Kind = nullptr) const;
  bool isEnabled(std::string_view RuleId) const;
  bool isSourceRule(std::string_view RuleId) const;
  bool stopsStart(std::string_view RuleId) const;
  /// The ids of the rules of a pass ("source", "artifact"), in the rule set's order.
  std::vector<std::string> ruleIdsOfPass(std::string_view Pass) const;
};

/// Every rule id (RuleIds.h), as strings. A rule set may not introduce others.
const std::vector<std::string> &knownRuleIds();

} // namespace coldstart::rules
