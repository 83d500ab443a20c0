// ELF inspection: fills report::BinaryReport from one ELF image. The image is memory-mapped (or
// handed in as a buffer by the package reader) and every header, table and string is
// bounds-checked with llvm::object before anything is read; LIEF's ELF model (Header, Segment,
// Section, DynamicEntry) describes the small tables, llvm::object reads the bulk ones
// (relocations, symbols, versions) straight from the mapping. See bench/README.md for why.
#pragma once

#include "coldstart/report/ArtifactReport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <string>

namespace coldstart::inspect {

struct InspectOptions {
  /// Look up the source file of GCC-named initializers in DWARF line info when present.
  bool ReadDwarf = true;
};

/// Whether Bytes starts with the ELF magic.
bool looksLikeElf(llvm::StringRef Bytes);

/// Inspects the ELF file at Path (memory-mapped, never copied). Errors name the file and say
/// what is malformed; they never crash, and time and memory stay bounded by the file's size.
llvm::Expected<report::BinaryReport> inspectElfFile(const std::string &Path,
                                                    const InspectOptions &Options = {});

/// Inspects an ELF image already in memory (a package member). DisplayPath names it in the
/// report and in errors; $ORIGIN expands to its folder.
llvm::Expected<report::BinaryReport> inspectElfBuffer(llvm::MemoryBufferRef Buffer,
                                                      const std::string &DisplayPath,
                                                      const InspectOptions &Options = {});

/// The few dynamic facts dependency resolution needs from each library it visits.
struct DynamicSummary {
  std::string Arch;
  unsigned ClassBits = 64;
  std::vector<std::string> Needed;
  std::vector<std::string> Rpath;   // as written
  std::vector<std::string> Runpath; // as written
};

/// What the loader needs of an inspected binary.
DynamicSummary dynamicSummaryOf(const report::BinaryReport &Binary);

/// Reads only the ELF header and the dynamic section (bounds-checked).
llvm::Expected<DynamicSummary> readDynamicSummary(const std::string &Path);

/// "x86_64", "aarch64", "i386", "arm", ...: the name coldstart uses for an e_machine value.
std::string archName(unsigned Machine);
/// Maps user spellings ("arm64", "amd64", "x86-64") to archName spellings.
std::string normalizeArch(llvm::StringRef UserArch);

/// Expands $ORIGIN, ${ORIGIN}, $LIB and $PLATFORM in one RPATH/RUNPATH entry the way glibc's
/// loader does for an object in OriginDir.
std::string expandDynamicStringTokens(llvm::StringRef Entry, llvm::StringRef OriginDir,
                                      unsigned ClassBits, llvm::StringRef Arch);

} // namespace coldstart::inspect
