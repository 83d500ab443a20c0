// Deployment packages and layers: a .zip (read with libarchive, streaming, nothing written to
// disk) or an unpacked folder. Every ELF member is inspected in memory with the ELF inspector;
// everything else is only sized and hashed. The result fills the package part of the inspect
// model (report::PackageReport), the binaries, and the findings, with every threshold, limit and
// list taken from the rule set and the runtime manifest.
#pragma once

#include "coldstart/report/ArtifactReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace coldstart::inspect {

/// Bounds on what reading a package may cost. Past MaxEntries or MaxUnpackedBytes the archive is
/// refused (an error naming it); an ELF member above MaxMemberBytes is sized and hashed but not
/// inspected (the report lists it as skipped).
struct PackageLimits {
  uint64_t MaxEntries = 500000;
  uint64_t MaxUnpackedBytes = 2ull << 30; // per archive or folder: 8x Lambda's 250 MB quota
  uint64_t MaxMemberBytes = 512ull << 20; // an ELF member held in memory for inspection
  uint64_t MaxTextBytes = 64 << 10;       // a script or manifest kept for reading
};

struct PackageOptions {
  PackageLimits Limits;
  /// --runtime: null lets the package's contents decide the runtime family.
  const rules::RuntimeManifest *Runtime = nullptr;
  std::string Arch;    // --arch, normalized ("x86_64", "aarch64"); empty: none
  std::string Sysroot; // the runtime's root filesystem, searched for what the package lacks
};

/// "directory" for a folder, "zip" for a file that starts with "PK" or is named *.zip, else
/// "elf" (the ELF inspector says what a file that is neither is not).
llvm::Expected<std::string> packageKind(const std::string &Path);

/// Inspects the function package at Function with the layers (merged under /opt in order) and
/// fills R: Kind, Size, Binaries, Package, Findings and RunNotes. Errors are the exit-2 cases
/// (unreadable, truncated, corrupt or encrypted archives, limits exceeded) and name the file.
llvm::Error inspectPackage(const std::string &Function, const std::vector<std::string> &Layers,
                           const rules::RuleSet &Rules, const PackageOptions &Options,
                           report::ArtifactReport &R);

/// What `coldstart rules runtime-manifest ROOTFS` writes: the sonames in the runtime's library
/// folders, the highest GLIBC_/GLIBCXX_/CXXABI_ versions libc.so.6 and libstdc++.so.6 define,
/// and the architecture, read from a root filesystem folder or tar (never unpacked).
llvm::Expected<rules::RuntimeManifest> manifestFromRootfs(const std::string &Rootfs,
                                                          const std::string &Name,
                                                          const PackageLimits &Limits = {});

} // namespace coldstart::inspect
