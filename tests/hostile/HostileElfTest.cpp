// Hostile ELF files through `coldstart inspect`, each within 60 s and 1 GiB: malformed headers
// end in exit 2 naming the file; malformed tables (offsets past the end, absurd counts,
// overlapping sections, loops in the dependency graph) end in a report whose notes say what
// was not read, never in a crash or runaway memory.
//
// Covered elsewhere, not repeated here (tests/inspect/BadInputTest.cpp): truncated ELF header
// (TruncatedHeader), section header table past the end (SectionTablePastEnd), absurd
// e_shnum/e_phnum (AbsurdSectionCount, AbsurdProgramHeaderCount), unknown class
// (UnknownClass), relocation table sizes past the end (CorruptTablesAreNotesNotCrashes), and
// 40,000 random byte mutations of three fixtures (RandomCorruption*). Inputs that once crashed
// the ELF fuzz target are replayed by FuzzRegressionTest.
#include "HostileSupport.h"
#include "MiniElf.h"
#include "RunTool.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace coldstart::test;

namespace {

std::string fixtureElf(const std::string &Name) {
  return readFile(std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/" + Name);
}

void expectReport(const Bounded &R, const std::string &Note) {
  EXPECT_FALSE(R.TimedOut) << R.Err;
  EXPECT_FALSE(R.Crashed) << R.Err;
  EXPECT_TRUE(R.Exit == 0 || R.Exit == 1) << R.Exit << "\n" << R.Err;
  EXPECT_NE(R.Out.find(Note), std::string::npos) << R.Out.substr(0, 4000);
}

void expectJson(const Bounded &R) {
  auto V = llvm::json::parse(R.Out);
  EXPECT_TRUE(bool(V)) << (V ? "" : llvm::toString(V.takeError())) << R.Out.substr(0, 2000);
}

void expectRefused(const Bounded &R, const std::string &Path, const std::string &Because) {
  EXPECT_FALSE(R.TimedOut) << R.Err;
  EXPECT_EQ(R.Exit, 2) << R.Err;
  EXPECT_NE(R.Err.find(Path), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find(Because), std::string::npos) << R.Err;
  EXPECT_TRUE(R.Out.empty()) << R.Out;
}

} // namespace

TEST(HostileElf, ProgramHeaderTablePastTheEndOrOfTheWrongSize) {
  TempDir Dir;
  std::string B = miniElf({needed("libc.so.6")});
  std::string PastEnd = B, WrongSize = B;
  llvm::support::endian::write64le(&PastEnd[32], 1ull << 40); // e_phoff
  llvm::support::endian::write16le(&WrongSize[54], 40);       // e_phentsize
  std::string P1 = Dir.write("phoff-past-end", PastEnd), P2 = Dir.write("phentsize", WrongSize);
  expectRefused(runCli({"inspect", P1}), P1, "program header");
  expectRefused(runCli({"inspect", P2}), P2, "e_phentsize");
}

TEST(HostileElf, DynamicOffsetsPastTheEndAreNotes) {
  // Every table the dynamic section points at lies outside the file, and one DT_NEEDED name
  // lies outside the string table.
  TempDir Dir;
  std::string B = miniElf({needed("libc.so.6"),
                           {1, "", 1ull << 30},              // DT_NEEDED past .dynstr
                           {0x6ffffffe, "", 1ull << 44},     // DT_VERNEED
                           {0x6fffffff, "", 1000000},        // DT_VERNEEDNUM
                           {0x6ffffffc, "", 0xfffffffffff0}, // DT_VERDEF
                           {0x6ffffffd, "", 1000000},        // DT_VERDEFNUM
                           {25, "", 1ull << 50},             // DT_INIT_ARRAY
                           {27, "", ~0ull},                  // DT_INIT_ARRAYSZ
                           {7, "", MiniElfBase + 8},         // DT_RELA inside the file...
                           {8, "", 1ull << 62},              // ...DT_RELASZ far beyond it
                           {36, "", ~0ull - 7},              // DT_RELR
                           {35, "", 64},                     // DT_RELRSZ
                           {0x6ffffef5, "", 1ull << 40},     // DT_GNU_HASH
                           {6, "", 1ull << 41}});            // DT_SYMTAB
  std::string P = Dir.write("offsets-past-end.so", B);
  Bounded R = runCli({"inspect", P});
  expectReport(R, "lies outside the file");
  expectReport(R, "DT_VERNEED points outside the file");
  Bounded J = runCli({"inspect", "--format", "json", P});
  expectJson(J);
}

TEST(HostileElf, AbsurdCountsOfNamesAndSearchPathsStayBounded) {
  // 20,000 DT_NEEDED and 1,000 DT_RUNPATH entries pointing at one 1 MiB string each: copied
  // out once per entry they would need 20 GB and 500 million path entries.
  TempDir Dir;
  std::string Big(1 << 20, 'x'), Path;
  for (int I = 0; I < (1 << 19); ++I)
    Path += "a:";
  std::vector<DynEntry> Entries;
  for (int I = 0; I < 20000; ++I)
    Entries.push_back({1, "", 0, &Big});
  for (int I = 0; I < 1000; ++I)
    Entries.push_back({29, "", 0, &Path});
  std::string P = Dir.write("absurd-counts.so", miniElf(Entries));
  Bounded R = runCli({"inspect", P});
  expectReport(R, "20000 DT_NEEDED entries; the first 4096 are read");
  expectReport(R, "are cut there");
  expectReport(R, "the loader uses the last of each");
}

TEST(HostileElf, OverlappingSectionsStayBounded) {
  // 60,000 SHT_INIT_ARRAY sections over the same 3.8 MB (the whole file): read table by table,
  // 480,000 slots each, they would make 29 billion initializer entries (it ran out of memory).
  std::string B = fixtureElf("ctors-lld-stripped");
  ASSERT_GT(B.size(), 64u);
  B.resize((B.size() + 7) / 8 * 8, '\0');
  const unsigned N = 60000;
  uint64_t ShOff = B.size(), Size = ShOff + 64 * (N + 1);
  std::string Sh(64 * (N + 1), '\0');
  for (unsigned I = 1; I <= N; ++I) {
    char *S = &Sh[64 * I];
    llvm::support::endian::write32le(S + 4, 14);      // SHT_INIT_ARRAY
    llvm::support::endian::write64le(S + 8, 3);       // SHF_WRITE | SHF_ALLOC
    llvm::support::endian::write64le(S + 16, 0x1000); // sh_addr
    llvm::support::endian::write64le(S + 24, 0);      // sh_offset
    llvm::support::endian::write64le(S + 32, Size);   // sh_size: the whole file
    llvm::support::endian::write64le(S + 48, 8);      // sh_addralign
    llvm::support::endian::write64le(S + 56, 8);      // sh_entsize
  }
  B += Sh;
  llvm::support::endian::write64le(&B[0x28], ShOff);
  llvm::support::endian::write16le(&B[0x3c], N + 1);
  llvm::support::endian::write16le(&B[0x3e], 0);
  TempDir Dir;
  std::string P = Dir.write("overlapping-sections", B);
  Bounded R = runCli({"inspect", P});
  expectReport(R, "more than 16384 init table entries: the first 16384 are listed");
}

TEST(HostileElf, LoopsInTheDependencyGraphEndAndResolveEachLibraryOnce) {
  // A package folder whose bootstrap needs liba.so, which needs libb.so and itself; libb.so
  // needs liba.so; one name is not UTF-8. Then the same tree through --sysroot.
  TempDir Dir;
  std::string Bad = "lib\xff\xfe.so";
  Dir.write("pkg/bootstrap", miniElf({needed("liba.so"), runpath("$ORIGIN/lib")}));
  Dir.write("pkg/lib/liba.so", miniElf({soname("liba.so"), needed("libb.so"), needed("liba.so"),
                                        needed(Bad), runpath("$ORIGIN:$ORIGIN/../lib")}));
  Dir.write("pkg/lib/libb.so", miniElf({soname("libb.so"), needed("liba.so"), runpath("$ORIGIN")}));
  llvm::sys::fs::setPermissions(Dir.path() + "/pkg/bootstrap",
                                llvm::sys::fs::all_exe | llvm::sys::fs::all_read);
  Bounded R =
      runCli({"inspect", "--runtime", "provided.al2023", "--format", "json", Dir.path() + "/pkg"});
  EXPECT_FALSE(R.TimedOut || R.Crashed) << R.Err;
  ASSERT_TRUE(R.Exit == 0 || R.Exit == 1) << R.Err;
  expectJson(R);
  // liba.so and libb.so are resolved (found), the undecodable name is reported (the bundled
  // manifest cannot say whether the runtime has it).
  EXPECT_NE(R.Out.find("liba.so"), std::string::npos);
  EXPECT_NE(R.Out.find("libb.so"), std::string::npos);
  EXPECT_NE(R.Out.find("coldstart-unknown-runtime-library"), std::string::npos);
  // Each of the three binaries resolves liba.so and libb.so once; only the undecodable name
  // (written as U+FFFD in JSON) is unresolved.
  if (auto V = llvm::json::parse(R.Out)) {
    const auto *Binaries = V->getAsObject()->getArray("binaries");
    ASSERT_TRUE(Binaries);
    EXPECT_EQ(Binaries->size(), 3u);
    for (const auto &B : *Binaries) {
      const auto *Unresolved = B.getAsObject()->getArray("unresolved");
      ASSERT_TRUE(Unresolved);
      EXPECT_EQ(Unresolved->size(), 1u);
    }
  } else {
    llvm::consumeError(V.takeError());
  }

  Dir.write("root/lib64/liba.so", miniElf({soname("liba.so"), needed("libb.so")}));
  Dir.write("root/lib64/libb.so",
            miniElf({soname("libb.so"), needed("liba.so"), needed("libb.so")}));
  std::string Exe = Dir.write("exe", miniElf({needed("liba.so")}));
  Bounded S = runCli({"inspect", "--sysroot", Dir.path() + "/root", Exe});
  EXPECT_FALSE(S.TimedOut || S.Crashed) << S.Err;
  EXPECT_TRUE(S.Exit == 0 || S.Exit == 1) << S.Err;
  EXPECT_NE(S.Out.find("libb.so"), std::string::npos) << S.Out;
}

TEST(HostileElf, AZipMemberThatClaimsHundredsOfMegabytesIsNotAllocatedUpFront) {
  TempDir Dir;
  std::string Zip = Dir.path() + "/lying.zip";
  writeZip(Zip, {{"bootstrap", miniElf({needed("libc.so.6")}), 0100755}}, /*Store=*/true);
  std::string B = readFile(Zip);
  // Both headers claim 400 MiB of uncompressed bytes for the few hundred the member holds.
  size_t Local = B.find("PK\x03\x04"), Central = B.find("PK\x01\x02");
  ASSERT_NE(Local, std::string::npos);
  ASSERT_NE(Central, std::string::npos);
  llvm::support::endian::write32le(&B[Local + 22], 400u << 20);
  llvm::support::endian::write32le(&B[Central + 24], 400u << 20);
  writeFile(Zip, B);
  // 256 MB of data: reserving the claimed size would abort with std::bad_alloc.
  Bounded R = runBounded({COLDSTART_BIN, "inspect", Zip}, 60, 256);
  EXPECT_FALSE(R.Crashed) << R.Err.substr(0, 2000);
  EXPECT_FALSE(R.TimedOut);
  EXPECT_EQ(R.Exit, 2) << R.Err;
  EXPECT_NE(R.Err.find(Zip), std::string::npos) << R.Err;
}
