// Internal: reading one package source (a .zip or a folder) into a flat list of members. The zip
// reader streams every entry through the archive layer (coldstart_archive) once: ELF members are
// held in memory only up to PackageLimits::MaxMemberBytes and inspected there, small scripts and
// manifests are kept as text, and everything else is only counted and hashed. Nothing is ever
// written to disk.
#pragma once

#include "coldstart/archive/Archive.h"
#include "coldstart/inspect/Package.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::inspect::detail {

enum class MemberType { File, Folder, Symlink, Other };

struct ContentHash {
  uint64_t Low = 0, High = 0;
  friend bool operator<(const ContentHash &A, const ContentHash &B) {
    return A.High != B.High ? A.High < B.High : A.Low < B.Low;
  }
  friend bool operator==(const ContentHash &A, const ContentHash &B) {
    return A.High == B.High && A.Low == B.Low;
  }
};

struct Member {
  std::string Path; // normalized, relative to the source's root ("bin/app")
  MemberType Type = MemberType::File;
  bool ModeKnown = false;
  uint32_t Mode = 0;
  uint64_t Bytes = 0;           // real bytes read
  uint64_t CompressedBytes = 0; // as stored in the archive (0 for folders on disk)
  std::string LinkTarget;       // for symlinks
  ContentHash Hash;
  bool Elf = false;
  int Binary = -1;  // index into SourceContents::Binaries when inspected
  std::string Text; // kept content of scripts and manifests (bounded)
};

struct SourceContents {
  report::PackageSource Info;
  std::vector<Member> Members;          // one per path (a duplicate name keeps the last)
  std::map<std::string, size_t> ByPath; // path -> index in Members
  std::vector<report::BinaryReport> Binaries;
  std::vector<report::UnsafeEntry> Unsafe;
  std::vector<std::string> Skipped;
  std::vector<std::string> Notes;
};

/// How a member is shown in the report: the function's members by their path in the package,
/// a layer's by where Lambda puts them (/opt/...).
std::string displayPath(const report::PackageSource &Source, const std::string &Path);

/// Reads a .zip (Info.Kind "zip") or a folder ("directory"). Errors name the file.
llvm::Error readSource(SourceContents &Out, const PackageLimits &Limits,
                       const rules::RuleSet &Rules);

/// Resolves a symlink target written in a member at LinkPath, against the source's root
/// mounted at Mount. Returns the package path it points to, or nullopt when it leaves the root.
std::optional<std::string> resolveLinkTarget(const std::string &LinkPath, const std::string &Target,
                                             const std::string &Mount);

/// Printable form of an entry or link name (the archive layer's, shared by every reader).
using archive::printableName;

} // namespace coldstart::inspect::detail
