// The ELF inspector on fixtures with known properties (fixtures/elf/CMakeLists.txt says how each
// is built).
#include "TestSupport.h"

#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/rules/Loader.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

using namespace coldstart;
using namespace coldstart::test;

namespace {

report::BinaryReport inspectOrDie(const std::string &Path) {
  auto R = inspect::inspectElfFile(Path);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return {};
  }
  return std::move(*R);
}

std::vector<const report::InitFunction *> counted(const report::BinaryReport &B) {
  std::vector<const report::InitFunction *> Out;
  for (const auto &F : B.Initializers.Functions)
    if (!F.Toolchain)
      Out.push_back(&F);
  return Out;
}

std::vector<std::string> names(const report::BinaryReport &B) {
  std::vector<std::string> Out;
  for (const auto *F : counted(B))
    Out.push_back(F->Name);
  return Out;
}

std::vector<std::string> sourceBasenames(const report::BinaryReport &B) {
  std::vector<std::string> Out;
  for (const auto *F : counted(B))
    Out.push_back(llvm::sys::path::filename(F->SourceFile).str());
  return Out;
}

/// Section name -> (size) from `llvm-readelf -S`.
std::map<std::string, uint64_t> readelfSectionSizes(const std::string &Path) {
  std::map<std::string, uint64_t> Out;
  auto R = run(readelf(), {"llvm-readelf", "-S", "--wide", Path});
  std::regex Line(R"(\[\s*\d+\]\s+(\S+)\s+(\S+)\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+))");
  std::istringstream In(R.Out);
  for (std::string L; std::getline(In, L);) {
    std::smatch M;
    if (std::regex_search(L, M, Line))
      Out[M[1]] = std::stoull(M[5], nullptr, 16);
  }
  return Out;
}

uint64_t sizeOf(const report::BinaryReport &B, report::ByteKind K) {
  for (const auto &Bucket : B.Size.Buckets)
    if (Bucket.Kind == K)
      return Bucket.FileBytes;
  return 0;
}

} // namespace

TEST(ElfInspector, GnuLdPieCountsAndNamesInitializersExactly) {
  auto B = inspectOrDie(fixture("ctors-gnu"));
  EXPECT_EQ(B.Type, "pie");
  EXPECT_EQ(B.Arch, "x86_64");
  EXPECT_FALSE(B.Stripped);
  EXPECT_EQ(B.Initializers.Count, 3u);
  EXPECT_EQ(names(B), (std::vector<std::string>{"_GLOBAL__sub_I_tu1_value",
                                                "_GLOBAL__sub_I_tu2_counter", "tu3_ctor"}));
  // GCC names the unit after its first global; DWARF line info names the file.
  EXPECT_EQ(sourceBasenames(B), (std::vector<std::string>{"tu1.cpp", "tu2.cpp", "tu3.cpp"}));
  // frame_dummy (crtbegin) and DT_INIT (crti's _init) are the toolchain's.
  EXPECT_EQ(B.Initializers.ToolchainEntries, 2u);
  bool SawFrameDummy = false;
  for (const auto &F : B.Initializers.Functions)
    SawFrameDummy |= F.Toolchain && F.Symbol == "frame_dummy";
  EXPECT_TRUE(SawFrameDummy);
  for (const auto *F : counted(B)) {
    EXPECT_GT(F->Size, 0u) << F->Name;
    EXPECT_NE(F->Address, 0u) << F->Name;
  }
}

TEST(ElfInspector, LldPieAppliesRelativeRelocationsToZeroSlots) {
  std::string Path = fixture("ctors-lld");
  // The premise: lld leaves the slots zero on disk.
  auto Hex = run(readelf(), {"llvm-readelf", "-x", ".init_array", Path});
  std::regex Row(R"(0x[0-9a-f]+ ((?:[0-9a-f]{8} ?)+))");
  std::istringstream In(Hex.Out);
  unsigned Rows = 0;
  for (std::string L; std::getline(In, L);) {
    std::smatch M;
    if (!std::regex_search(L, M, Row))
      continue;
    ++Rows;
    std::string Words = M[1];
    EXPECT_EQ(Words.find_first_not_of("0 "), std::string::npos) << L;
  }
  ASSERT_GT(Rows, 0u) << Hex.Out;

  auto B = inspectOrDie(Path);
  EXPECT_EQ(B.Type, "pie");
  EXPECT_EQ(B.Initializers.Count, 3u);
  EXPECT_EQ(names(B), (std::vector<std::string>{"_GLOBAL__sub_I_tu1.cpp", "_GLOBAL__sub_I_tu2.cpp",
                                                "tu3_ctor"}));
  EXPECT_EQ(sourceBasenames(B), (std::vector<std::string>{"tu1.cpp", "tu2.cpp", "tu3.cpp"}));
  for (const auto *F : counted(B))
    EXPECT_EQ(F->AddressFrom, "R_X86_64_RELATIVE addend") << F->Name;
  EXPECT_EQ(B.Initializers.ToolchainEntries, 2u);
}

TEST(ElfInspector, StrippedCopiesKeepExactCountsWithoutNames) {
  for (const char *Base : {"ctors-gnu", "ctors-lld"}) {
    auto Full = inspectOrDie(fixture(Base));
    auto Stripped = inspectOrDie(fixture(std::string(Base) + "-stripped"));
    SCOPED_TRACE(Base);
    EXPECT_TRUE(Stripped.Stripped);
    EXPECT_FALSE(Stripped.HasDebugInfo);
    EXPECT_EQ(Stripped.Initializers.Count, 3u);
    EXPECT_EQ(Stripped.Initializers.ToolchainEntries, Full.Initializers.ToolchainEntries);
    EXPECT_FALSE(Stripped.Initializers.NamesAvailable);
    // The unwind-table rule finds the same toolchain entries the names do.
    std::vector<uint64_t> A, C;
    for (const auto *F : counted(Full))
      A.push_back(F->Address);
    for (const auto *F : counted(Stripped))
      C.push_back(F->Address);
    EXPECT_EQ(A, C);
    EXPECT_EQ(Stripped.Size.RemovableBytes, 0u);
    bool Noted = false;
    for (const auto &N : Stripped.Notes)
      Noted |= llvm::StringRef(N).contains("names unavailable");
    EXPECT_TRUE(Noted);
  }
}

TEST(ElfInspector, BindNowAndExecutableStack) {
  auto Lazy = inspectOrDie(fixture("ctors-gnu"));
  auto Now = inspectOrDie(fixture("ctors-gnu-now"));
  EXPECT_FALSE(Lazy.Dynamic.BindNow);
  EXPECT_TRUE(Now.Dynamic.BindNow);
  EXPECT_FALSE(Now.Dynamic.BindNowBecause.empty());
  EXPECT_FALSE(Lazy.ExecutableStack);
  auto Exec = inspectOrDie(fixture("execstack"));
  EXPECT_TRUE(Exec.ExecutableStack);
  EXPECT_EQ(Exec.ExecutableStackBecause, "PT_GNU_STACK has PF_X");
}

TEST(ElfInspector, OriginRunpathResolvesBesideTheBinary) {
  std::string Exe = fixture("origin/usedep");
  auto B = inspectOrDie(Exe);
  EXPECT_EQ(B.Dynamic.Needed, (std::vector<std::string>{"libdep.so", "libc.so.6"}));
  EXPECT_EQ(B.Dynamic.Runpath, std::vector<std::string>{"$ORIGIN/lib"});
  EXPECT_EQ(B.Dynamic.RunpathExpanded, std::vector<std::string>{fixture("origin") + "/lib"});
  inspect::ResolveOptions RO;
  RO.Sysroot = "/";
  RO.DefaultDirs = {"/lib64", "/usr/lib64"};
  for (auto &D : inspect::multiarchDirs("x86_64"))
    RO.DefaultDirs.push_back(D);
  auto Res = inspect::resolveDependencies(B, RO);
  ASSERT_GE(Res.Libraries.size(), 2u);
  EXPECT_EQ(Res.Libraries[0].Name, "libdep.so");
  EXPECT_TRUE(Res.Libraries[0].Found);
  EXPECT_EQ(Res.Libraries[0].Path, fixture("origin/lib/libdep.so"));
  EXPECT_EQ(Res.Libraries[0].Via, "runpath $ORIGIN/lib");
  EXPECT_EQ(Res.Libraries[1].Name, "libc.so.6");
  EXPECT_TRUE(Res.Libraries[1].Found);
  EXPECT_TRUE(Res.Unresolved.empty());

  // Without a root only $ORIGIN entries are searched: libc is missing.
  inspect::ResolveOptions Bare;
  auto Partial = inspect::resolveDependencies(B, Bare);
  EXPECT_EQ(Partial.Unresolved, std::vector<std::string>{"libc.so.6"});
}

TEST(ElfInspector, MissingLibraryIsUnresolved) {
  auto B = inspectOrDie(fixture("missing/needgone"));
  inspect::ResolveOptions RO;
  RO.Sysroot = "/";
  RO.DefaultDirs = {"/lib64", "/usr/lib64"};
  for (auto &D : inspect::multiarchDirs("x86_64"))
    RO.DefaultDirs.push_back(D);
  auto Res = inspect::resolveDependencies(B, RO);
  EXPECT_EQ(Res.Unresolved, std::vector<std::string>{"libgone.so"});
}

TEST(ElfInspector, Aarch64CrossBuild) {
  std::string Path = fixture("ctors-aarch64");
  if (!exists(Path))
    GTEST_SKIP() << "aarch64-linux-gnu-gcc (with libc6-dev-arm64-cross) is not installed";
  auto B = inspectOrDie(Path);
  EXPECT_EQ(B.Arch, "aarch64");
  EXPECT_EQ(B.Initializers.Count, 2u);
  EXPECT_EQ(names(B), (std::vector<std::string>{"first_ctor", "second_ctor"}));
  EXPECT_EQ(sourceBasenames(B), (std::vector<std::string>{"ctors.c", "ctors.c"}));
  EXPECT_GT(B.Relocations.Relative, 0u);
  EXPECT_EQ(B.Relocations.ByType.count("R_AARCH64_RELATIVE"), 1u);
}

TEST(ElfInspector, SizeAttributionAddsUpAndRemovableMatchesSectionTable) {
  for (const char *Name : {"ctors-gnu", "ctors-lld", "ctors-gnu-stripped", "origin/usedep"}) {
    SCOPED_TRACE(Name);
    std::string Path = fixture(Name);
    auto B = inspectOrDie(Path);
    uint64_t Sum = 0;
    for (const auto &Bucket : B.Size.Buckets)
      Sum += Bucket.FileBytes;
    EXPECT_EQ(Sum, B.Bytes);
    EXPECT_EQ(B.Size.FileBytes, B.Bytes);
    auto Sizes = readelfSectionSizes(Path);
    uint64_t Removable = 0, Debug = 0;
    for (const auto &[Sec, Size] : Sizes) {
      llvm::StringRef S(Sec);
      if (S.starts_with(".debug"))
        Removable += Size, Debug += Size;
      else if (S == ".symtab" || S == ".strtab")
        Removable += Size;
    }
    EXPECT_EQ(B.Size.RemovableBytes, Removable);
    EXPECT_EQ(sizeOf(B, report::ByteKind::Debug), Debug);
    EXPECT_EQ(B.Initializers.InitArrayBytes, Sizes[".init_array"]);
  }
}

TEST(ElfInspector, ChecksUseRuleSetThresholds) {
  auto B = inspectOrDie(fixture("ctors-gnu"));
  rules::RuleSet Rules = rules::defaultRuleSet();
  std::vector<report::Finding> Findings;
  std::vector<std::string> Notes;
  Rules.Values[inspect::StaticInitializersKey] = {3, "initializers", "test"};
  Rules.Values[inspect::RemovableBytesKey] = {double(B.Size.RemovableBytes), "bytes", "test"};
  inspect::checkBinary(B, Rules, {}, Findings, Notes);
  EXPECT_TRUE(Findings.empty()) << Findings.front().Message; // at the budget: fine

  Rules.Values[inspect::StaticInitializersKey] = {2, "initializers", "test"};
  Rules.Values[inspect::RemovableBytesKey] = {double(B.Size.RemovableBytes - 1), "bytes", "test"};
  inspect::checkBinary(B, Rules, {}, Findings, Notes);
  ASSERT_EQ(Findings.size(), 2u);
  std::set<std::string> Ids{Findings[0].Rule, Findings[1].Rule};
  EXPECT_EQ(
      Ids, (std::set<std::string>{"coldstart-static-initializers", "coldstart-unstripped-binary"}));
  for (const auto &F : Findings) {
    EXPECT_EQ(F.Where.File, fixture("ctors-gnu"));
    EXPECT_EQ(F.Level, Rules.severityFor(F.Rule));
    if (F.Rule == "coldstart-static-initializers") {
      EXPECT_NE(F.Message.find("_GLOBAL__sub_I_tu1_value"), std::string::npos) << F.Message;
    }
  }

  // A missing key is a note, never a made-up number.
  rules::RuleSet Bare = rules::defaultRuleSet();
  Bare.Values.erase(inspect::StaticInitializersKey);
  Bare.Values.erase(inspect::RemovableBytesKey);
  Findings.clear();
  Notes.clear();
  inspect::checkBinary(B, Bare, {}, Findings, Notes);
  EXPECT_TRUE(Findings.empty());
  EXPECT_EQ(Notes.size(), 2u);
}

TEST(ElfInspector, RuntimeVersionsAndArchitecture) {
  auto B = inspectOrDie(fixture("ctors-gnu"));
  ASSERT_EQ(B.Dynamic.MaxVersions.count("GLIBC"), 1u);
  std::vector<rules::Diagnostic> Errors;
  auto Al2 = rules::loadRuntimeManifest("provided.al2", Errors);
  ASSERT_TRUE(Al2);
  std::vector<report::Finding> Findings;
  std::vector<std::string> Notes;
  inspect::CheckOptions CO;
  CO.Runtime = &*Al2;
  CO.Arch = "aarch64";
  inspect::checkBinary(B, rules::defaultRuleSet(), CO, Findings, Notes);
  bool Glibc = false, Arch = false;
  for (const auto &F : Findings) {
    if (F.Rule == "coldstart-glibc-too-new") {
      Glibc = true;
      // Bookworm's toolchain needs at least GLIBC_2.34 (__libc_start_main); al2 has 2.26.
      EXPECT_NE(F.Message.find("2.26"), std::string::npos) << F.Message;
    }
    Arch |= F.Rule == "coldstart-arch-mismatch";
  }
  EXPECT_TRUE(Glibc);
  EXPECT_TRUE(Arch);
}

TEST(ElfInspector, NoSectionHeadersUsesTheLoadersView) {
  // llvm-objcopy --strip-sections: only program headers and the dynamic table remain, as the
  // loader sees the file. Counts must match the full file's.
  auto Full = inspectOrDie(fixture("ctors-lld"));
  auto Bare = inspectOrDie(fixture("ctors-lld-nosections"));
  EXPECT_EQ(Bare.Initializers.Count, 3u);
  EXPECT_EQ(Bare.Initializers.ToolchainEntries, Full.Initializers.ToolchainEntries);
  EXPECT_EQ(Bare.Initializers.InitArrayBytes, Full.Initializers.InitArrayBytes);
  EXPECT_EQ(Bare.Dynamic.Needed, Full.Dynamic.Needed);
  EXPECT_EQ(Bare.Dynamic.ImportedSymbols, Full.Dynamic.ImportedSymbols);
  EXPECT_EQ(Bare.Dynamic.ExportedSymbols, Full.Dynamic.ExportedSymbols);
  EXPECT_EQ(Bare.Dynamic.MaxVersions, Full.Dynamic.MaxVersions);
  EXPECT_EQ(Bare.Relocations.Total, Full.Relocations.Total);
  EXPECT_EQ(Bare.Relocations.ByType, Full.Relocations.ByType);
  uint64_t Sum = 0;
  for (const auto &Bucket : Bare.Size.Buckets)
    Sum += Bucket.FileBytes;
  EXPECT_EQ(Sum, Bare.Bytes);
}
