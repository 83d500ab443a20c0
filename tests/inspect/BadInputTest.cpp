// Hostile and broken input: a clear error naming the file and exit 2, never a crash, in bounded
// time and memory.
#include "TestSupport.h"

#include "coldstart/inspect/ElfInspector.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

#include <random>

using namespace coldstart;
using namespace coldstart::test;

namespace {

std::string smallElf() {
  return readFile(fixture("ctors-gnu-stripped"));
}

template <class T> void put(std::string &Bytes, size_t Off, T V) {
  llvm::support::endian::write<T, llvm::endianness::little>(&Bytes[Off], V);
}

void expectRejected(const std::string &Name, const std::string &Bytes, const std::string &Because) {
  std::string Path = tempPath(Name);
  writeFile(Path, Bytes);
  // 20 s and 1 GiB of address space: far above what a valid file of this size needs.
  auto R = runColdstart({"inspect", Path}, 20, 1024);
  SCOPED_TRACE(Name);
  EXPECT_FALSE(R.TimedOut);
  EXPECT_EQ(R.Exit, 2) << R.Err;
  EXPECT_NE(R.Err.find(Path), std::string::npos) << R.Err;
  EXPECT_NE(R.Err.find(Because), std::string::npos) << R.Err;
  EXPECT_TRUE(R.Out.empty()) << R.Out;
}

} // namespace

TEST(BadInput, EmptyFile) {
  expectRejected("empty", "", "empty file");
}

TEST(BadInput, NonElf) {
  expectRejected("text.elf", "#!/bin/sh\necho hello\n", "not an ELF file");
}

TEST(BadInput, TruncatedHeader) {
  std::string B = smallElf();
  ASSERT_GT(B.size(), 64u);
  expectRejected("truncated", B.substr(0, 40), "malformed ELF");
}

TEST(BadInput, SectionTablePastEnd) {
  std::string B = smallElf();
  put<uint64_t>(B, 0x28, B.size() + 4096); // e_shoff
  expectRejected("shoff-past-end", B, "section header table");
}

TEST(BadInput, AbsurdSectionCount) {
  std::string B = smallElf();
  put<uint16_t>(B, 0x3c, 0xffff); // e_shnum
  expectRejected("shnum-absurd", B, "section header table");
}

TEST(BadInput, AbsurdProgramHeaderCount) {
  std::string B = smallElf();
  put<uint16_t>(B, 0x38, 0xffff); // e_phnum
  expectRejected("phnum-absurd", B, "program header");
}

TEST(BadInput, UnknownClass) {
  std::string B = smallElf();
  B[4] = 7;
  expectRejected("bad-class", B, "unknown ELF class");
}

TEST(BadInput, CorruptTablesAreNotesNotCrashes) {
  // Relocation and dynamic sizes far past the file: reported as notes, the rest still read.
  std::string B = smallElf();
  auto Whole = inspect::inspectElfBuffer(llvm::MemoryBufferRef(B, "x"), "x");
  ASSERT_TRUE(bool(Whole)) << llvm::toString(Whole.takeError());
  // Find .dynamic's DT_RELASZ (tag 8) via the section table and make it absurd.
  size_t Patched = 0;
  for (size_t Off = 0; Off + 16 <= B.size(); Off += 8) {
    uint64_t Tag = llvm::support::endian::read64le(&B[Off]);
    uint64_t Next = Off + 16 + 8 <= B.size() ? llvm::support::endian::read64le(&B[Off + 16]) : 0;
    if (Tag == 8 /*DT_RELASZ*/ && Next == 9 /*DT_RELAENT*/) {
      put<uint64_t>(B, Off + 8, uint64_t(1) << 60);
      ++Patched;
    }
  }
  ASSERT_EQ(Patched, 1u);
  auto R = inspect::inspectElfBuffer(llvm::MemoryBufferRef(B, "x"), "x");
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  bool Noted = false;
  for (const auto &N : R->Notes)
    Noted |= N.find("outside the file") != std::string::npos;
  EXPECT_TRUE(Noted);
}

void mutate(const std::string &Base, unsigned Rounds, unsigned Seed) {
  std::mt19937 Rng(Seed);
  unsigned Errors = 0, Reports = 0;
  for (unsigned Round = 0; Round < Rounds; ++Round) {
    std::string B = Base;
    unsigned Flips = 1 + Rng() % 8;
    for (unsigned I = 0; I < Flips; ++I) {
      // The headers and first page, the section table at the end, or anywhere (tables,
      // strings, line info).
      unsigned Where = Rng() % 3;
      size_t Off = Where == 0   ? Rng() % std::min<size_t>(B.size(), 4096)
                   : Where == 1 ? B.size() - 1 - Rng() % std::min<size_t>(B.size(), 2048)
                                : Rng() % B.size();
      B[Off] = static_cast<char>(Rng());
    }
    auto R = inspect::inspectElfBuffer(llvm::MemoryBufferRef(B, "m"), "mutant");
    if (R)
      ++Reports;
    else
      ++Errors, llvm::consumeError(R.takeError());
  }
  EXPECT_EQ(Errors + Reports, Rounds);
  EXPECT_GT(Reports, 0u);
}

TEST(BadInput, RandomCorruptionNeverCrashes) {
  // Deterministic mutations of the headers, the first page and the section table: every result
  // is a report or an error; a crash or hang fails the whole test binary.
  mutate(smallElf(), 20000, 12345);
}

TEST(BadInput, RandomCorruptionWithSymbolsAndDwarf) {
  // The same with .symtab and DWARF present (the initializer naming paths).
  mutate(readFile(fixture("ctors-gnu")), 10000, 777);
}

TEST(BadInput, RandomCorruptionWithoutSectionHeaders) {
  // Without section headers every table is found through the dynamic section and the hash
  // tables: the paths a hostile file controls most directly.
  mutate(readFile(fixture("ctors-lld-nosections")), 10000, 4242);
}
