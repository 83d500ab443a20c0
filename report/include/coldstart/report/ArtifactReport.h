// The artifact pass's measurement model: what `coldstart inspect` found in an ELF file (and,
// later, in a package of them), as plain values. The inspector (lief-inspect/) fills it; the
// writers here print it. It knows nothing of LIEF or llvm::object: every number in it is exact
// and carries a note on how it was obtained, so reports can say where each figure comes from.
#pragma once

#include "coldstart/report/Estimate.h"
#include "coldstart/report/Finding.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
}

namespace coldstart::report {

/// What a byte of an ELF file is, in the manner of bloaty: every byte of the file is attributed
/// to exactly one kind, so the kinds add up to the file size.
enum class ByteKind {
  Code,         // executable sections (.text, .plt, .init, ...)
  ReadOnlyData, // allocated, not writable, not executable (.rodata, .eh_frame, notes)
  Data,         // allocated and writable with file contents (.data, .got, .init_array)
  Bss,          // allocated without file contents (.bss, .tbss): memory only, 0 file bytes
  Dynamic,      // what the loader reads: relocations, .dynamic, .dynsym/.dynstr, hashes, versions
  Symbols,      // .symtab and .strtab: dropped by strip
  Debug,        // .debug_*, .zdebug_*, .gdb_index, .stab*: dropped by strip
  Other,        // ELF/program/section headers, non-allocated sections strip keeps, padding
};
inline constexpr ByteKind AllByteKinds[] = {
    ByteKind::Code,    ByteKind::ReadOnlyData, ByteKind::Data,  ByteKind::Bss,
    ByteKind::Dynamic, ByteKind::Symbols,      ByteKind::Debug, ByteKind::Other};
/// "code", "rodata", "data", "bss", "dynamic", "symbols", "debug", "other".
const char *byteKindName(ByteKind K);

struct SizeBucket {
  ByteKind Kind = ByteKind::Other;
  uint64_t FileBytes = 0;   // bytes of the file attributed to this kind
  uint64_t MemoryBytes = 0; // bytes of address space (SHF_ALLOC sections' sh_size)
  uint64_t Sections = 0;    // how many sections contributed
};

struct SizeBreakdown {
  uint64_t FileBytes = 0;             // the file's size; sum of Buckets' FileBytes
  std::vector<SizeBucket> Buckets;    // one per ByteKind, in AllByteKinds order
  uint64_t RemovableBytes = 0;        // Symbols + Debug: what `strip` would drop
  std::vector<std::string> Removable; // the sections that make up RemovableBytes
  std::string Method;                 // how the attribution was done
};

/// A library's symbol versions this binary requires (DT_VERNEED).
struct VersionNeed {
  std::string Library;
  std::vector<std::string> Versions; // in file order, e.g. "GLIBC_2.34"
};

/// One library of the dependency tree, resolved (or not) the way the loader would.
struct ResolvedLibrary {
  std::string Name;     // the DT_NEEDED string
  std::string NeededBy; // path of the object that needs it (the artifact or a library)
  std::string Path;     // where it was found; empty when missing
  std::string Via;      // "rpath", "runpath", "default:/usr/lib64", ...; empty when missing
  unsigned Depth = 1;   // 1 for the artifact's own DT_NEEDED
  bool Found = false;
};

struct DependencyResolution {
  bool Performed = false;                 // false when no sysroot or manifest was given
  std::string Root;                       // the sysroot resolved against
  std::vector<ResolvedLibrary> Libraries; // breadth first, each library once
  std::vector<std::string> Unresolved;    // names nothing provided, in discovery order
  std::string Method;
};

/// Dynamic linking facts from PT_DYNAMIC, DT_VERNEED and .dynsym.
struct DynamicInfo {
  std::vector<std::string> Needed;        // DT_NEEDED in order
  std::vector<std::string> Rpath;         // DT_RPATH entries as written
  std::vector<std::string> Runpath;       // DT_RUNPATH entries as written
  std::vector<std::string> RpathExpanded; // with $ORIGIN/$LIB/$PLATFORM expanded
  std::vector<std::string> RunpathExpanded;
  bool BindNow = false;         // lazy binding off
  std::string BindNowBecause;   // "DT_BIND_NOW", "DF_BIND_NOW", "DF_1_NOW" or empty
  bool TextRelocations = false; // DT_TEXTREL / DF_TEXTREL
  std::vector<VersionNeed> VersionNeeds;
  /// Highest required version per family: "GLIBC" -> "2.34", "GLIBCXX" -> "3.4.30",
  /// "CXXABI" -> "1.3.13". Families absent when nothing of theirs is required.
  std::map<std::string, std::string> MaxVersions;
  /// Highest version per family this object defines (DT_VERDEF): what libc.so.6 or
  /// libstdc++.so.6 provides to others. Empty for objects that define none.
  std::map<std::string, std::string> MaxDefinedVersions;
  /// Every version name this object defines (DT_VERDEF, the object's own name skipped), in
  /// table order: names that carry no number (GLIBC_ABI_DT_RELR, GLIBC_PRIVATE) are checked
  /// by name.
  std::vector<std::string> DefinedVersions;
  uint64_t ImportedSymbols = 0; // .dynsym undefined, non-local, excluding the null symbol
  uint64_t ExportedSymbols = 0; // .dynsym defined, global or weak, default or protected
};

/// Dynamic relocations the loader applies at start, by kind.
struct RelocationCounts {
  uint64_t Total = 0;
  uint64_t Relative = 0; // R_*_RELATIVE, including RELR-encoded ones
  uint64_t Symbolic = 0; // GLOB_DAT and absolute symbol relocations: need a symbol lookup
  uint64_t JumpSlot = 0; // PLT slots: bound lazily unless BIND_NOW
  uint64_t Tls = 0;      // DTPMOD/DTPOFF/TPOFF/TLSDESC
  uint64_t Copy = 0;
  uint64_t IRelative = 0; // ifunc resolvers run at load
  uint64_t Other = 0;
  uint64_t RelrEntries = 0; // words of the RELR table (RelrRelative of Relative come from them)
  uint64_t RelrRelative = 0;
  std::map<std::string, uint64_t> ByType; // "R_X86_64_RELATIVE" -> n
  std::string Method;
};

/// One function the loader runs before main (or at dlopen).
struct InitFunction {
  std::string Table;       // ".init_array", ".preinit_array", ".ctors" or "DT_INIT"
  uint64_t Slot = 0;       // index in the table
  uint64_t Address = 0;    // target address (after applying relocations)
  std::string AddressFrom; // "slot", "R_X86_64_RELATIVE addend", "RELR", "symbol relocation"
  std::string Symbol;      // raw symbol name; empty when no symbol covers the address
  std::string Name;        // demangled, readable name
  std::string SourceFile;  // translation unit: from the clang name or DWARF line info
  uint64_t Size = 0;       // st_size of the symbol; 0 when unknown
  bool Toolchain = false;  // frame_dummy and the like: not counted
  std::string ToolchainBecause;
};

struct StaticInitializers {
  uint64_t Count = 0; // initializers that are not the toolchain's own
  uint64_t ToolchainEntries = 0;
  bool NamesAvailable = true;  // false when some counted entry has no symbol
  uint64_t InitArrayBytes = 0; // sh_size (or DT_INIT_ARRAYSZ) of each table
  uint64_t PreinitArrayBytes = 0;
  uint64_t CtorsBytes = 0;
  std::vector<InitFunction> Functions; // all entries, toolchain ones marked
  std::string Method;
};

/// One ELF file.
struct BinaryReport {
  std::string Path; // the file, or for a package member its path in the package (layers: /opt/...)
  std::string Source;      // the package or layer it came from; empty for a lone ELF file
  std::string Type;        // "executable", "pie", "shared-library", "relocatable", "core"
  std::string Arch;        // "x86_64", "aarch64", ... (e_machine)
  unsigned ClassBits = 64; // 32 or 64
  bool BigEndian = false;
  uint64_t Bytes = 0;
  std::string Interpreter; // PT_INTERP
  std::string Soname;
  std::string BuildId;   // hex of NT_GNU_BUILD_ID
  bool Stripped = false; // no .symtab
  bool HasDebugInfo = false;
  bool StaticallyLinked = false; // no PT_DYNAMIC
  SizeBreakdown Size;
  DynamicInfo Dynamic;
  DependencyResolution Dependencies;
  RelocationCounts Relocations;
  StaticInitializers Initializers;
  uint64_t TlsBytes = 0; // PT_TLS p_memsz
  bool ExecutableStack = false;
  std::string ExecutableStackBecause; // "PT_GNU_STACK has PF_X", "no PT_GNU_STACK (...)"
  std::vector<std::string> Notes;     // caveats about this file's figures
  // Facts about a package member that the writers turn into notes after Notes, in this order:
  /// Libraries the package lacks, left unchecked because no runtime was given.
  std::vector<std::string> UncheckedLibraries;
  /// The bundled loader a shell bootstrap starts this binary through, and its --library-path.
  std::string StartedByLoader;
  /// The bundled loader whose process loads this library (the program it starts needs it).
  std::string LoadedByBundledLoader;
  std::vector<std::string> LoaderLibraryPath;
  /// Symbol versions of libraries the package bundles were checked against those copies.
  bool CheckedAgainstBundledCopies = false;
  /// A package member's place in what the function loads at start, in the loader's order: 1 for
  /// the program the bootstrap runs, then the bundled loader it runs through, then the package's
  /// libraries of the program's dependency tree (breadth first). 0 when nothing loads it at start
  /// (a module loaded later with dlopen, a library nothing needs), and for every member when no
  /// native program starts (an interpreted runtime, no bootstrap).
  unsigned StartLoadOrder = 0;
};

struct PackageSize {
  std::optional<uint64_t> CompressedBytes; // none for an ELF file or a folder
  uint64_t UncompressedBytes = 0;
  uint64_t Files = 0;
};

// --- deployment packages and layers (kind "zip" or "directory") ------------------------------

/// A folder or file of the size tree: bytes are the real (decompressed) sizes of regular files,
/// added up under each folder. Children are the largest first; the rest are counted, not listed.
struct SizeTreeNode {
  std::string Name; // last path component; empty for the root
  std::string Path; // path in the package ("" for the root)
  bool Folder = false;
  uint64_t Bytes = 0;
  uint64_t CompressedBytes =
      0; // sum of the members' compressed sizes (zip); 0 for folders read from disk
  uint64_t Files = 0;
  std::vector<SizeTreeNode> Children;
  uint64_t OmittedChildren = 0; // children not listed (too small, or past the listing limit)
  uint64_t OmittedBytes = 0;
};

/// The function package or one layer.
struct PackageSource {
  std::string Path;                     // as given on the command line
  std::string Role;                     // "function" or "layer"
  std::string Kind;                     // "zip" or "directory"
  std::string Mount;                    // where Lambda unpacks it: "/var/task" or "/opt"
  unsigned LayerIndex = 0;              // 1-based order of --layer; 0 for the function
  std::optional<uint64_t> ArchiveBytes; // size of the .zip file itself
  uint64_t UncompressedBytes = 0; // real bytes of regular files (duplicate names counted once)
  uint64_t CompressedBytes = 0;   // compressed bytes of those members as the archive stores them
  uint64_t Files = 0, Folders = 0, Symlinks = 0, ElfFiles = 0;
  SizeTreeNode Tree;
  std::string Method; // how the sizes were obtained
};

/// Bytes the package carries that the function does not need at run time.
struct RemovableItem {
  std::string Path;     // a folder or file in the package (layers: /opt/...)
  std::string Category; // "debug-info" (strip), "duplicate", or a rule-set pattern name
  uint64_t Bytes = 0;
  uint64_t Files = 0;
  std::string Reason;
};

/// Files with identical content (same size and same 128-bit hash).
struct DuplicateGroup {
  uint64_t BytesEach = 0;
  std::vector<std::string> Paths; // sorted; the first is kept, the rest are removable
};

/// Extra init a shell bootstrap that starts a bundled loader costs, from the rule set.
struct ExtraInitRange {
  double LowMs = 0, HighMs = 0;
  std::string Source; // where the figures come from
};

/// Which folders the program a bootstrap script starts searches for its libraries before
/// DT_RUNPATH (glibc's loader: LD_LIBRARY_PATH, or --library-path when the loader is started
/// as a program).
enum class LibraryPathOrigin {
  Lambda,       // Lambda's LD_LIBRARY_PATH, from the runtime manifest (the script leaves it)
  LoaderOption, // the loader's --library-path, which replaces LD_LIBRARY_PATH
  Script,       // LD_LIBRARY_PATH as the script sets it (export, an assignment, env)
};

/// A binary that needs a newer symbol version than the runtime defines.
struct VersionBlocker {
  std::string Binary;  // package path ("lib/libstdc++.so.6")
  std::string Needs;   // the version it needs ("GLIBC_2.38")
  std::string Runtime; // what the runtime defines of that family ("2.34")
};

/// Whether a package that starts its program through a bundled glibc loader could run on the
/// runtime's own glibc instead, as the aws-lambda-cpp packager's --default-libc (-d) option
/// packages it (every library but glibc's own still bundled, the binary itself the bootstrap):
/// the program and every library it would still bundle need at most the runtime manifest's
/// GLIBC version, and its GLIBCXX and CXXABI versions when libstdc++ is not bundled.
struct DefaultLibcCheck {
  std::string Runtime;       // the runtime checked against ("provided.al2")
  bool RuntimeGiven = false; // false: no runtime was given, the provided.al2023 manifest was used
  std::string Glibc;         // the runtime's GLIBC version ("2.26")
  std::string Glibcxx;       // its GLIBCXX version, compared when libstdc++ is not bundled
  std::string Cxxabi;        // its CXXABI version, compared when libstdc++ is not bundled
  bool LibstdcxxFromRuntime = false; // no library the program loads from the package is libstdc++
  /// The program first, then the libraries of the package it loads that are not glibc's own:
  /// what --default-libc would still bundle (package paths).
  std::vector<std::string> Checked;
  /// glibc's own libraries the program loads from the package (libc.so.6, ld-linux, libm.so.6,
  /// ...): what --default-libc leaves out.
  std::vector<std::string> GlibcLibraries;
  std::string HighestGlibc; // the highest GLIBC version anything in Checked needs ("2.17")
  std::vector<VersionBlocker> Blockers; // what needs more than the runtime defines
  std::string Unknown; // why it could not be decided (the manifest gives no version); or empty
  bool possible() const { return Unknown.empty() && Blockers.empty(); }
};

/// The custom runtime's entry point, and what it really starts.
struct BootstrapInfo {
  bool Checked = false; // a custom runtime (provided.*) or a package that has one
  bool Present = false;
  std::string Path;       // "bootstrap", or "/opt/bootstrap" from a layer
  std::string Source;     // package or layer it is in
  bool ModeKnown = false; // the archive recorded Unix mode bits
  uint32_t Mode = 0;
  bool Executable = false;
  std::string Kind;        // "elf", "script", "other"
  std::string Interpreter; // the #! line's program, for scripts
  // A script that execs a program of the package (followed like the shell would):
  std::string Command; // the exec line as written
  std::string Target;  // package path of the program it runs ("bin/app")
  std::string Loader;  // a bundled ld-linux it runs the program with ("lib/ld-linux-x86-64.so.2")
  std::vector<std::string> LibraryPath; // --library-path folders, as runtime paths
  /// Where LibraryPath comes from: the loader's --library-path, or the LD_LIBRARY_PATH the
  /// script sets (LibraryPath is then that value); Lambda when the script leaves it.
  LibraryPathOrigin LibraryPathFrom = LibraryPathOrigin::Lambda;
  bool BundledLoader = false;
  /// For a script that starts Target through the bundled Loader (the aws-lambda-cpp packager's
  /// layout): the rule set's figures for its extra init, when it has them. The writers add the
  /// note on what it costs and how to avoid it after Notes.
  std::optional<ExtraInitRange> LoaderExtraInit;
  /// For a program started through the bundled Loader: whether the runtime's own glibc would
  /// do. The writers turn it into the note on --default-libc after the cost note.
  std::optional<DefaultLibcCheck> DefaultLibc;
  std::vector<std::string> Notes;
};

/// A dependency from the rule set's heavy list found in the package, measured exactly.
struct HeavyDependencyFound {
  std::string Name;      // rule-set entry, e.g. "pandas"
  std::string Ecosystem; // "python" or "nodejs"
  std::string Path;      // its folder in the package
  std::string Version;   // from package.json or *.dist-info, when present
  uint64_t Bytes = 0;
  uint64_t Files = 0;
  bool ProvidedByRuntime = false;
  std::string Why;
  std::string Fix;
};

/// An archive entry that is dangerous to unpack or that does not say the truth.
struct UnsafeEntry {
  std::string Source; // the archive
  std::string Name;   // the entry name as stored (non-printable bytes escaped)
  std::string Kind;   // "parent-reference", "absolute-path", "symlink-outside", "duplicate-name",
                      // "bomb-ratio", "size-mismatch", "overlapping-data", "special-file"
  std::string Detail;
};

/// How the runtime a package was checked against was chosen.
enum class RuntimeChoice {
  NotMade,      // not a package
  Given,        // named on the command line (RuntimeName)
  Detected,     // its family recognized from the contents (RuntimeEvidence says from what)
  Unrecognized, // neither given nor recognized: runtime checks not run
};

/// The bounds reading the package was held to (the reader's limits).
struct ReadingLimits {
  uint64_t MaxEntries = 0;       // entries per archive
  uint64_t MaxUnpackedBytes = 0; // unpacked bytes per archive or folder
  uint64_t MaxMemberBytes = 0;   // an ELF member inspected in memory
  uint64_t MaxTextBytes = 0;     // a script or manifest kept for reading
};

/// What `inspect` found in a package and its layers, beyond the binaries.
struct PackageReport {
  std::vector<PackageSource> Sources;  // the function first, then the layers in order
  uint64_t TotalUncompressedBytes = 0; // function + layers: what the 250 MB quota counts
  RuntimeChoice Runtime = RuntimeChoice::NotMade;
  std::string RuntimeName;     // the runtime given, when Given
  std::string RuntimeEvidence; // what named the family, when Detected ("a bootstrap in a layer")
  std::string RuntimeFamily;   // "custom", "python", "nodejs" or empty
  BootstrapInfo Bootstrap;
  std::vector<HeavyDependencyFound> HeavyDependencies;
  std::vector<RemovableItem> Removable; // largest first
  uint64_t RemovableBytes = 0;          // sum over Removable (no byte counted twice)
  std::vector<DuplicateGroup> Duplicates;
  std::vector<UnsafeEntry> Unsafe;
  std::vector<std::string> Skipped; // members not inspected, with the reason
  ReadingLimits Limits;             // the reading limits in force, for the report
};

/// The `inspect` document.
struct ArtifactReport {
  std::string Path;
  std::string Kind = "elf"; // "elf", "zip", "directory"
  std::string Runtime;      // --runtime, empty when not given
  std::string Arch;         // --arch, or the artifact's own architecture
  PackageSize Size;
  std::vector<BinaryReport> Binaries;
  PackageReport Package; // filled for kinds "zip" and "directory"
  Estimate ColdStart;    // the cold-start estimate (Computed is false until it is filled)
  std::vector<Finding> Findings;
  std::vector<std::string> RunNotes;
};

/// Readable summary table per binary with the findings under it.
void writeInspectText(const ArtifactReport &R, llvm::raw_ostream &OS);
/// The contracted JSON fields of `inspect` (docs/architecture.md), plus the full measurements.
void writeInspectJson(const ArtifactReport &R, llvm::raw_ostream &OS);
/// The findings and run notes as a plain Report, for the SARIF writer.
Report toReport(const ArtifactReport &R);

} // namespace coldstart::report
