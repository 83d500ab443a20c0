// Internal: the function's file system as Lambda builds it from a package and its layers (the
// package at /var/task, the layers merged under /opt in order, a later layer's file replacing an
// earlier one's), with symbolic links followed inside it. Every phase of the package analysis
// looks members up here, and names where a finding is with location().
#pragma once

#include "PackageReader.h"

#include "coldstart/report/Finding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect::detail {

inline constexpr const char *TaskRoot = "/var/task";
inline constexpr const char *LayerRoot = "/opt";

/// One member of one source: indexes into FunctionFileSystem::sources() and its Members.
struct MemberRef {
  size_t Source = 0;
  size_t Index = 0;
  friend bool operator<(const MemberRef &A, const MemberRef &B) {
    return A.Source != B.Source ? A.Source < B.Source : A.Index < B.Index;
  }
  friend bool operator==(const MemberRef &A, const MemberRef &B) {
    return A.Source == B.Source && A.Index == B.Index;
  }
};

/// Reads the function package and the layers (in order) with their limits; errors name the file.
llvm::Expected<std::vector<SourceContents>>
readPackageSources(const std::string &Function, const std::vector<std::string> &Layers,
                   const PackageLimits &Limits, const rules::RuleSet &Rules);

class FunctionFileSystem {
public:
  /// Lays the sources out; the function package first, then the layers in order.
  explicit FunctionFileSystem(std::vector<SourceContents> Sources);

  const std::vector<SourceContents> &sources() const { return Sources; }
  /// Hands the sources back (for the report) once every phase has run.
  std::vector<SourceContents> takeSources() { return std::move(Sources); }
  const SourceContents &function() const { return Sources.front(); }
  size_t layerCount() const { return Sources.size() - 1; }

  const Member &member(MemberRef At) const { return Sources[At.Source].Members[At.Index]; }
  /// The inspected ELF report of a member; null when the member is not an inspected binary.
  const report::BinaryReport *binary(MemberRef At) const;

  /// The member at RuntimePath itself (a link is not followed); nullopt when none is there.
  std::optional<MemberRef> at(const std::string &RuntimePath) const;
  /// The member RuntimePath leads to, links followed; nullopt when nothing is there, a link
  /// leaves the package, or links loop.
  std::optional<MemberRef> lookup(std::string RuntimePath) const;

  /// Where Lambda puts Path of Source: "/var/task/bin/app", "/opt/lib/libx.so".
  std::string runtimePath(size_t Source, const std::string &Path) const;
  std::string runtimePath(MemberRef At) const { return runtimePath(At.Source, member(At).Path); }
  /// How the report shows Path of Source: the function's members by their path in the package,
  /// a layer's by where Lambda puts them.
  std::string displayPath(size_t Source, const std::string &Path) const;
  std::string displayPath(MemberRef At) const { return displayPath(At.Source, member(At).Path); }

  /// A finding's location on Path of Source (shown as displayPath), or on the source itself
  /// (shown as the source's path) when Path is empty.
  report::Location location(size_t Source, const std::string &Path) const;
  report::Location location(MemberRef At) const { return location(At.Source, member(At).Path); }

  /// Whether a runtime path is inside the package or a layer (under /var/task/ or /opt/).
  static bool inPackage(llvm::StringRef RuntimePath);

private:
  std::vector<SourceContents> Sources;
  /// Runtime path -> the member Lambda shows there (a later layer's replaces an earlier one's).
  std::map<std::string, MemberRef> Paths;
};

} // namespace coldstart::inspect::detail
