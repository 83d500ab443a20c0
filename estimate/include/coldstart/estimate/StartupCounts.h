// The estimate's inputs from the artifact pass: what the loader and the C++ runtime do before
// main, counted from an inspect report.
#pragma once

#include "coldstart/report/ArtifactReport.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coldstart::estimate {

/// What the loader and the C++ runtime do before main, counted over the binaries that load at
/// start (the artifact's main binary and the libraries of the package it loads).
struct StartupCounts {
  uint64_t Libraries = 0; // shared libraries the loader maps (transitively if resolved)
  bool LibrariesTransitive = false;
  uint64_t RelativeRelocations = 0;
  uint64_t SymbolicRelocations = 0; // symbol lookups at load: GLOB_DAT, absolute, TLS, COPY,
                                    // and PLT slots when lazy binding is off
  uint64_t LazyJumpSlots = 0;       // PLT slots bound on first call instead (not counted)
  uint64_t StaticInitializers = 0;
  /// The initializers counted, by name and source file, for the rule set's known ones.
  struct Initializer {
    std::string Name;       // readable name, "_GLOBAL__sub_I_widget.pb.cc"
    std::string SourceFile; // as DWARF or the name gives it; may be empty
  };
  std::vector<Initializer> Initializers;
  std::vector<std::string> Binaries; // the paths counted
  std::string Arch; // the artifact's architecture as the report gives it ("x86_64", "aarch64")
  /// The bundled loader a shell bootstrap starts the program through (the aws-lambda-cpp
  /// packager's layout: "lib/ld-linux-x86-64.so.2"); empty for a native bootstrap.
  std::string BundledLoader;
  uint64_t ArtifactBytes = 0;                      // unpacked bytes of the artifact
  std::optional<uint64_t> ArtifactCompressedBytes; // as zipped, for a .zip
};

/// Counts from an inspect report: its first binary is the program Lambda starts; binaries of
/// the report that the program's resolved dependency tree names are counted too.
StartupCounts countStartupWork(const report::ArtifactReport &R);

} // namespace coldstart::estimate
