// Hostile zips against `coldstart measure`'s unpacking (TaskRoot: the one place coldstart
// writes an input to disk), called directly with a small byte cap and TMPDIR pointed at a
// private folder, so any file written outside the package folder, or left behind, is seen.
// Each ends in an error naming the zip, or in a package folder holding only what is safe.
//
// Covered elsewhere, not repeated here: "../" entry names (tests/measure/MeasureTest.cpp,
// EntriesThatLeaveThePackageAreRefusedAndNothingIsWritten); everything `coldstart inspect`
// reads from the same hostile zips (tests/package/HostileArchiveTest.cpp: escaping names,
// symlinks out, duplicates, bomb ratio, lying sizes, encrypted, truncated, overlapping data,
// 100,000 entries). Inputs that once crashed the archive fuzz target (which also runs
// TaskRoot) are replayed by FuzzRegressionTest.
#include "HostileSupport.h"
#include "RunTool.h"

#include "coldstart/measure/TaskRoot.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

using namespace coldstart;
using namespace coldstart::test;

namespace {

class HostileUnpack : public ::testing::Test {
protected:
  TempDir Dir;
  std::string Tmp, Outside, SavedTmp;
  bool HadTmp = false;

  void SetUp() override {
    Tmp = Dir.path() + "/tmp";
    Outside = Dir.path() + "/outside";
    llvm::sys::fs::create_directories(Tmp);
    llvm::sys::fs::create_directories(Outside);
    if (const char *T = std::getenv("TMPDIR"))
      HadTmp = true, SavedTmp = T;
    setenv("TMPDIR", Tmp.c_str(), 1);
  }
  void TearDown() override {
    if (HadTmp)
      setenv("TMPDIR", SavedTmp.c_str(), 1);
    else
      unsetenv("TMPDIR");
  }

  /// Unpacks Zip with a 1 MiB cap; on success returns the package folder's listing.
  llvm::Expected<std::vector<std::string>> unpack(const std::string &Zip) {
    auto Root = measure::TaskRoot::prepare(Zip, 1 << 20);
    if (!Root)
      return Root.takeError();
    return listTree(Root->root());
  }

  void expectRefused(const std::string &Zip, const std::string &Because) {
    auto R = unpack(Zip);
    ASSERT_FALSE(bool(R)) << "unpacked: " << (R ? R->size() : 0) << " entries";
    std::string Message = llvm::toString(R.takeError());
    EXPECT_NE(Message.find(Zip), std::string::npos) << Message;
    EXPECT_NE(Message.find(Because), std::string::npos) << Message;
  }

  void expectNothingOutside() {
    EXPECT_EQ(listTree(Outside), std::vector<std::string>{});
    EXPECT_EQ(listTree(Tmp), std::vector<std::string>{}) << "the package folder was left behind";
  }

  /// Sets the Unix mode of every central-directory record of Zip (external attributes).
  void patchModes(const std::string &Zip, uint32_t Mode) {
    std::string B = readFile(Zip);
    for (size_t At = B.find("PK\x01\x02"); At != std::string::npos;
         At = B.find("PK\x01\x02", At + 4)) {
      B[At + 5] = 3; // version made by: Unix
      llvm::support::endian::write32le(&B[At + 38], Mode << 16);
    }
    writeFile(Zip, B);
  }
};

} // namespace

TEST_F(HostileUnpack, AbsoluteAndBackslashNames) {
  std::string Target = Outside + "/absolute.txt";
  std::string Zip = Dir.path() + "/abs.zip";
  writeZip(Zip, {{"bootstrap", "#!/bin/sh\n", 0100755}, {Target, "owned"}});
  expectRefused(Zip, "leaves the package folder");
  std::string Back = Dir.path() + "/backslash.zip";
  writeZip(Back, {{"..\\..\\outside\\x.txt", "owned"}});
  expectRefused(Back, "leaves the package folder");
  expectNothingOutside();
}

TEST_F(HostileUnpack, SymlinksAreNeverWrittenThrough) {
  // A link to a folder outside, then a file under the link's name: refused.
  std::string Zip = Dir.path() + "/links.zip";
  writeZip(Zip, {{"lib", Outside, 0120777}, {"lib/evil.so", "owned"}});
  expectRefused(Zip, "cannot unpack 'lib/evil.so'");
  // A link named bootstrap, then a regular bootstrap: the file replaces the link instead of
  // being written to the link's target.
  std::string Over = Dir.path() + "/link-then-file.zip";
  writeZip(Over, {{"bootstrap", Outside + "/bootstrap-target", 0120777},
                  {"bootstrap", "#!/bin/sh\n", 0100755}});
  {
    auto Root = measure::TaskRoot::prepare(Over, 1 << 20);
    ASSERT_TRUE(bool(Root)) << llvm::toString(Root.takeError());
    EXPECT_EQ(readFile(Root->bootstrap()), "#!/bin/sh\n");
  }
  expectNothingOutside();
}

TEST_F(HostileUnpack, DevicesFifosAndSetuidBits) {
  // Mode bits that say FIFO or character device: no such node is ever created (libarchive's zip
  // reader turns them into regular files; TaskRoot refuses them if a reader ever does not).
  for (uint32_t Mode : {0010755u /*S_IFIFO*/, 0020755u /*S_IFCHR*/, 0060755u /*S_IFBLK*/}) {
    std::string Zip = Dir.path() + "/special.zip";
    writeZip(Zip, {{"bootstrap", "#!/bin/sh\n", 0100755}});
    patchModes(Zip, Mode);
    auto Root = measure::TaskRoot::prepare(Zip, 1 << 20);
    if (!Root) {
      std::string Message = llvm::toString(Root.takeError());
      EXPECT_NE(Message.find("device, FIFO or socket"), std::string::npos) << Message;
      continue;
    }
    llvm::sys::fs::file_status St;
    ASSERT_FALSE(llvm::sys::fs::status(Root->bootstrap(), St, /*follow=*/false));
    EXPECT_EQ(St.type(), llvm::sys::fs::file_type::regular_file) << std::oct << Mode;
  }
  std::string Suid = Dir.path() + "/suid.zip";
  writeZip(Suid, {{"bootstrap", "#!/bin/sh\n", 0100755}});
  patchModes(Suid, 0106755); // S_IFREG | setuid | setgid
  auto Root = measure::TaskRoot::prepare(Suid, 1 << 20);
  ASSERT_TRUE(bool(Root)) << llvm::toString(Root.takeError());
  llvm::sys::fs::file_status St;
  ASSERT_FALSE(llvm::sys::fs::status(Root->bootstrap(), St));
  EXPECT_EQ(unsigned(St.permissions()) & 07000, 0u);
  EXPECT_NE(unsigned(St.permissions()) & 0100, 0u); // still executable
}

TEST_F(HostileUnpack, BombsStopAtTheCap) {
  // 64 MiB of zeros in one entry (65 KB zipped), and the same split over 64 entries; both past
  // the 1 MiB cap, both refused before they are written out.
  std::string One = Dir.path() + "/bomb.zip";
  writeZip(One, {{"bootstrap", "#!/bin/sh\n", 0100755}, {"zeros", std::string(64 << 20, '\0')}});
  auto Start = std::chrono::steady_clock::now();
  expectRefused(One, "zip bomb");
  std::vector<ZipEntry> Many{{"bootstrap", "#!/bin/sh\n", 0100755}};
  for (int I = 0; I < 64; ++I)
    Many.push_back({"z/" + std::to_string(I), std::string(1 << 20, '\0')});
  std::string Split = Dir.path() + "/split-bomb.zip";
  writeZip(Split, Many);
  expectRefused(Split, "zip bomb");
  // A zip inside the zip is a file like any other: written as is, never opened.
  std::string Nested = Dir.path() + "/nested.zip";
  writeZip(Nested, {{"bootstrap", "#!/bin/sh\n", 0100755}, {"inner.zip", readFile(One)}});
  auto R = unpack(Nested);
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_EQ(*R, (std::vector<std::string>{"bootstrap", "inner.zip"}));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count(), 60);
  expectNothingOutside();
}

TEST_F(HostileUnpack, DeclaredSizesThatLieEncryptedAndTruncated) {
  std::string Lie = Dir.path() + "/lie.zip";
  writeZip(Lie, {{"bootstrap", "#!/bin/sh\n", 0100755}, {"data", std::string(4 << 20, 'a')}});
  std::string B = readFile(Lie);
  // The central directory claims 8 bytes for "data" (4 MiB really): the cap still holds.
  size_t Cd = B.find("PK\x01\x02", B.find("PK\x01\x02") + 4);
  ASSERT_NE(Cd, std::string::npos);
  llvm::support::endian::write32le(&B[Cd + 24], 8);
  writeFile(Lie, B);
  auto R = unpack(Lie);
  EXPECT_FALSE(bool(R));
  if (!R) {
    EXPECT_NE(llvm::toString(R.takeError()).find(Lie), std::string::npos);
  }

  std::string Enc = Dir.path() + "/encrypted.zip";
  writeEncryptedZip(Enc, {{"bootstrap", "#!/bin/sh\n", 0100755}}, "pw");
  expectRefused(Enc, "encrypted");

  std::string Good = Dir.path() + "/good.zip";
  writeZip(Good, {{"bootstrap", "#!/bin/sh\n", 0100755}, {"a", std::string(5000, 'a')}});
  std::string G = readFile(Good);
  size_t Eocd = G.rfind("PK\x05\x06");
  size_t FirstCd = G.find("PK\x01\x02");
  ASSERT_NE(Eocd, std::string::npos);
  // The central directory cut in the middle of a record, the end record kept.
  writeFile(Dir.path() + "/truncated.zip", G.substr(0, FirstCd + 30) + G.substr(Eocd));
  auto T = unpack(Dir.path() + "/truncated.zip");
  EXPECT_FALSE(bool(T));
  if (!T) {
    EXPECT_NE(llvm::toString(T.takeError()).find("truncated.zip"), std::string::npos);
  }
  expectNothingOutside();
}

TEST_F(HostileUnpack, DuplicateNamesKeepOneFile) {
  std::string Zip = Dir.path() + "/dups.zip";
  writeZip(Zip, {{"bootstrap", "#!/bin/sh\necho first\n", 0100755},
                 {"bootstrap", "#!/bin/sh\necho second\n", 0100755}});
  auto Root = measure::TaskRoot::prepare(Zip, 1 << 20);
  ASSERT_TRUE(bool(Root)) << llvm::toString(Root.takeError());
  EXPECT_EQ(listTree(Root->root()), std::vector<std::string>{"bootstrap"});
  EXPECT_EQ(readFile(Root->bootstrap()), "#!/bin/sh\necho second\n");
}

TEST_F(HostileUnpack, HundredThousandEntriesInBoundedTime) {
  std::vector<ZipEntry> Many{{"bootstrap", "#!/bin/sh\n", 0100755}};
  for (int I = 0; I < 100000; ++I)
    Many.push_back({"d" + std::to_string(I % 100) + "/f" + std::to_string(I), ""});
  std::string Zip = Dir.path() + "/many.zip";
  writeZip(Zip, Many);
  auto Start = std::chrono::steady_clock::now();
  {
    auto R = unpack(Zip);
    ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
    EXPECT_EQ(R->size(), 100000u + 100u + 1u); // files, their 100 folders, the bootstrap
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count(), 120);
  expectNothingOutside();
}
