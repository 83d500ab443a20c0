// The start files' own init-table entries (crtbegin's frame_dummy, compiler-rt's __do_init, crti's
// _init) are not the program's static initializers, with symbols or without, with unwind tables
// or without (fixtures/elf/CMakeLists.txt says how each fixture is built).
#include "TestSupport.h"

#include "coldstart/inspect/ElfInspector.h"

#include "llvm/ADT/StringRef.h"

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

std::vector<uint64_t> addresses(const report::BinaryReport &B, bool Toolchain) {
  std::vector<uint64_t> Out;
  for (const auto &F : B.Initializers.Functions)
    if (F.Toolchain == Toolchain)
      Out.push_back(F.Address);
  return Out;
}

const report::InitFunction *entryNamed(const report::BinaryReport &B, llvm::StringRef Symbol) {
  for (const auto &F : B.Initializers.Functions)
    if (F.Symbol == Symbol)
      return &F;
  return nullptr;
}

bool hasSection(const std::string &Path, const std::string &Name) {
  auto R = run(readelf(), {"llvm-readelf", "-S", "--wide", Path});
  std::regex Line(R"(\]\s+(\S+)\s)");
  std::istringstream In(R.Out);
  for (std::string L; std::getline(In, L);) {
    std::smatch M;
    if (std::regex_search(L, M, Line) && M[1] == Name)
      return true;
  }
  return false;
}

bool notes(const report::BinaryReport &B, llvm::StringRef Text) {
  for (const auto &N : B.Notes)
    if (llvm::StringRef(N).contains(Text))
      return true;
  return false;
}

/// The full fixture and its stripped copy agree on every entry: the same ones counted, the same
/// ones (at the same addresses) the toolchain's, though only the full one has names.
void expectStrippedAgrees(const std::string &Base, uint64_t Count, uint64_t Toolchain) {
  auto Full = inspectOrDie(fixture(Base));
  auto Stripped = inspectOrDie(fixture(Base + "-stripped"));
  SCOPED_TRACE(Base);
  EXPECT_TRUE(Stripped.Stripped);
  EXPECT_EQ(Full.Initializers.Count, Count);
  EXPECT_EQ(Stripped.Initializers.Count, Count);
  EXPECT_EQ(Full.Initializers.ToolchainEntries, Toolchain);
  EXPECT_EQ(Stripped.Initializers.ToolchainEntries, Toolchain);
  EXPECT_EQ(addresses(Stripped, false), addresses(Full, false));
  EXPECT_EQ(addresses(Stripped, true), addresses(Full, true));
  EXPECT_FALSE(notes(Stripped, "cannot be told apart"));
}

} // namespace

TEST(StartFiles, StaticStrippedGccBinaryDoesNotCountFrameDummy) {
  if (!exists(fixture("ctors-gnu-static")))
    GTEST_SKIP() << "no static C++ libraries: the static fixture was not built";
  std::string Stripped = fixture("ctors-gnu-static-stripped");
  // The premise: a static link has no .eh_frame_hdr (crtbeginT registers .eh_frame itself), so
  // unwind tables cannot tell crtstuff's code from the program's.
  ASSERT_FALSE(readelf().empty()) << "llvm-readelf-19 is needed";
  EXPECT_FALSE(hasSection(Stripped, ".eh_frame_hdr"));
  EXPECT_TRUE(hasSection(Stripped, ".fini_array"));

  auto Full = inspectOrDie(fixture("ctors-gnu-static"));
  EXPECT_TRUE(Full.StaticallyLinked);
  const report::InitFunction *FrameDummy = entryNamed(Full, "frame_dummy");
  ASSERT_NE(FrameDummy, nullptr);
  EXPECT_TRUE(FrameDummy->Toolchain);
  // The three units' initializers, and nothing of the toolchain's, with or without symbols.
  expectStrippedAgrees("ctors-gnu-static", 3, 1);
  auto Bare = inspectOrDie(Stripped);
  std::vector<uint64_t> Toolchain = addresses(Bare, true);
  ASSERT_EQ(Toolchain.size(), 1u);
  EXPECT_EQ(Toolchain[0], FrameDummy->Address);
  for (const auto &F : Bare.Initializers.Functions) {
    if (F.Toolchain) {
      EXPECT_NE(F.ToolchainBecause.find("crtbegin"), std::string::npos) << F.ToolchainBecause;
    }
  }
}

TEST(StartFiles, CompilerRtCrtbeginIsTheToolchains) {
  if (!exists(fixture("ctors-rtcrt")))
    GTEST_SKIP() << "clang has no compiler-rt crtbegin: the fixture was not built";
  auto Full = inspectOrDie(fixture("ctors-rtcrt"));
  const report::InitFunction *DoInit = entryNamed(Full, "__do_init");
  ASSERT_NE(DoInit, nullptr);
  EXPECT_TRUE(DoInit->Toolchain);
  // __do_init and DT_INIT (crti's _init); the three units counted.
  expectStrippedAgrees("ctors-rtcrt", 3, 2);
}

TEST(StartFiles, ProgramConstructorNextToADestructorIsCounted) {
  // fixture_ctor is .init_array[0] (it has a priority) and starts a few bytes after
  // fixture_dtor, a .fini_array function: neither position makes it crtbegin's.
  auto Full = inspectOrDie(fixture("ctor-dtor"));
  const report::InitFunction *Ctor = entryNamed(Full, "fixture_ctor");
  ASSERT_NE(Ctor, nullptr);
  EXPECT_FALSE(Ctor->Toolchain);
  EXPECT_EQ(Ctor->Table, ".init_array");
  EXPECT_EQ(Ctor->Slot, 0u);
  // frame_dummy and DT_INIT are the toolchain's; fixture_ctor alone is counted.
  expectStrippedAgrees("ctor-dtor", 1, 2);
  auto Stripped = inspectOrDie(fixture("ctor-dtor-stripped"));
  EXPECT_EQ(addresses(Stripped, false), std::vector<uint64_t>{Ctor->Address});
}

TEST(StartFiles, DynamicStrippedCopiesAgreeWithTheirNames) {
  expectStrippedAgrees("ctors-gnu", 3, 2);
  expectStrippedAgrees("ctors-lld", 3, 2);
}

TEST(StartFiles, GlibcLibrariesWithoutEhFrameHdrHaveNoInitializers) {
  // Data and conversion libraries built by GCC without --eh-frame-hdr: their one .init_array
  // entry is crtbegin's frame_dummy, their code (a few hundred bytes of crtstuff, or table
  // lookups) has no constructor.
  const char *Paths[] = {"/usr/lib/x86_64-linux-gnu/libicudata.so.72",
                         "/usr/lib/x86_64-linux-gnu/gconv/libCNS.so",
                         "/usr/lib/x86_64-linux-gnu/gconv/libJIS.so"};
  unsigned Checked = 0;
  for (const char *Path : Paths) {
    if (!exists(Path) || readelf().empty())
      continue;
    SCOPED_TRACE(Path);
    if (hasSection(Path, ".eh_frame_hdr"))
      continue; // another build of the library: not the case under test
    ++Checked;
    auto B = inspectOrDie(Path);
    EXPECT_EQ(B.Initializers.Count, 0u);
    EXPECT_EQ(B.Initializers.ToolchainEntries, 2u); // frame_dummy and DT_INIT
  }
  if (!Checked)
    GTEST_SKIP() << "none of the libraries is on this machine as built by Debian";
}
