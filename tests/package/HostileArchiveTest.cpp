// Hostile archives: written with libarchive's zip writer (or patched
// bytes where no writer will lie), inspected in an empty working folder that must stay empty,
// within a time and memory bound; each ends in a coldstart-unsafe-archive finding or exit 2
// with a message naming the file.
#include "ArchiveWriter.h"
#include "PackageSupport.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

using namespace coldstart::test;

namespace {

struct Outcome {
  RunResult Run;
  llvm::json::Value Json = nullptr;
};

/// Inspects Zip from an empty folder, bounded in time (60 s) and address space (4 GiB), and
/// checks that nothing was written there.
Outcome inspectHostile(const std::string &Zip, std::vector<std::string> Extra = {}) {
  std::string Cwd = freshDir("cwd");
  std::vector<std::string> Args = {
      "sh", "-c", "cd \"$0\" && exec \"$@\"", Cwd, COLDSTART_BIN, "inspect", "--format", "json"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  Args.push_back(Zip);
  Outcome O;
  O.Run = run("/bin/sh", Args, 60, 4096);
  EXPECT_FALSE(O.Run.TimedOut);
  std::error_code EC;
  llvm::sys::fs::directory_iterator It(Cwd, EC);
  EXPECT_TRUE(It == llvm::sys::fs::directory_iterator()) << "wrote " << It->path();
  if (O.Run.Exit != 2)
    O.Json = parseJson(O.Run.Out);
  return O;
}

std::vector<std::string> unsafeKinds(const Outcome &O) {
  std::vector<std::string> Kinds;
  const auto *Doc = O.Json.getAsObject();
  if (!Doc || !Doc->getObject("package"))
    return Kinds;
  for (const auto &U : *Doc->getObject("package")->getArray("unsafe_entries"))
    Kinds.push_back(U.getAsObject()->getString("kind")->str());
  return Kinds;
}

bool has(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

} // namespace

TEST(HostileArchive, EscapingNamesAreReportedAndNeverWritten) {
  std::string Zip = tempPath("escape.zip");
  writeZip(Zip,
           {zipFile("../../evil.sh", "#!/bin/sh\n"), zipFile("/tmp/coldstart-absolute-evil", "x"),
            zipFile("ok/../../../up", "y"), zipFile("index.js", "module.exports = {};\n")});
  auto O = inspectHostile(Zip);
  ASSERT_EQ(O.Run.Exit, 1) << O.Run.Err;
  auto K = unsafeKinds(O);
  EXPECT_EQ(std::count(K.begin(), K.end(), "parent-reference"), 2);
  EXPECT_TRUE(has(K, "absolute-path"));
  EXPECT_FALSE(llvm::sys::fs::exists("/tmp/coldstart-absolute-evil"));
  EXPECT_EQ(O.Json.getAsObject()->getObject("size")->getInteger("files"), 1);
  EXPECT_TRUE(hasRule(*O.Json.getAsObject(), "coldstart-unsafe-archive"));
}

TEST(HostileArchive, SymlinksOutOfThePackage) {
  std::string Zip = tempPath("links.zip");
  writeZip(Zip, {zipSymlink("etc-passwd", "../../../etc/passwd"), zipSymlink("abs", "/etc/shadow"),
                 zipSymlink("lib/libok.so", "libreal.so"),
                 zipFile("lib/libreal.so", "not really a library")});
  auto O = inspectHostile(Zip);
  auto K = unsafeKinds(O);
  EXPECT_EQ(std::count(K.begin(), K.end(), "symlink-outside"), 2) << O.Run.Out;
}

TEST(HostileArchive, DuplicateNames) {
  std::string Zip = tempPath("dups.zip");
  writeZip(Zip, {zipFile("bootstrap", "#!/bin/sh\nexec ./a\n", 0100755),
                 zipFile("bootstrap", "#!/bin/sh\nexec ./b\n", 0100755)});
  auto O = inspectHostile(Zip);
  EXPECT_TRUE(has(unsafeKinds(O), "duplicate-name")) << O.Run.Out;
}

TEST(HostileArchive, BombRatio) {
  std::string Zip = tempPath("bomb.zip");
  writeZip(Zip, {zipFile("zeros.bin", std::string(20 << 20, '\0'))});
  auto O = inspectHostile(Zip);
  EXPECT_TRUE(has(unsafeKinds(O), "bomb-ratio")) << O.Run.Out;
  // Past --max-unpacked-bytes the archive is refused before it is read to the end.
  auto R = inspectHostile(Zip, {"--max-unpacked-bytes", "1048576"});
  EXPECT_EQ(R.Run.Exit, 2);
  EXPECT_NE(R.Run.Err.find("bomb.zip"), std::string::npos) << R.Run.Err;
  EXPECT_NE(R.Run.Err.find("--max-unpacked-bytes"), std::string::npos);
}

TEST(HostileArchive, DeclaredSizesThatLie) {
  std::string Zip = tempPath("lie.zip");
  writeZip(Zip, {zipFile("data.txt", std::string(10000, 'a'))});
  std::string Bytes = readFile(Zip);
  size_t Cd = Bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(Cd, std::string::npos);
  // Uncompressed size in the central directory: claim 4 GiB - 1.
  for (int I = 0; I < 4; ++I)
    Bytes[Cd + 24 + I] = '\xfe';
  std::string Lie = tempPath("lie-patched.zip");
  writeFile(Lie, Bytes);
  auto O = inspectHostile(Lie);
  if (O.Run.Exit == 2) {
    EXPECT_NE(O.Run.Err.find("lie-patched.zip"), std::string::npos) << O.Run.Err;
  } else {
    EXPECT_TRUE(has(unsafeKinds(O), "size-mismatch")) << O.Run.Out;
  }
}

TEST(HostileArchive, EncryptedTruncatedAndNotAZip) {
  std::string Enc = tempPath("encrypted.zip");
  writeEncryptedZip(Enc, {zipFile("secret.txt", "attack at dawn")}, "pw");
  auto E = inspectHostile(Enc);
  EXPECT_EQ(E.Run.Exit, 2);
  EXPECT_NE(E.Run.Err.find("encrypted.zip"), std::string::npos);
  EXPECT_NE(E.Run.Err.find("encrypted"), std::string::npos);

  std::string Good = tempPath("whole.zip");
  writeZip(Good,
           {zipFile("a.txt", std::string(50000, 'q')), zipFile("b.txt", std::string(50000, 'r'))});
  std::string Bytes = readFile(Good);
  for (size_t Cut : {Bytes.size() - 10, Bytes.size() / 2, size_t(30)}) {
    std::string T = tempPath("truncated.zip");
    writeFile(T, Bytes.substr(0, Cut));
    auto R = inspectHostile(T);
    EXPECT_EQ(R.Run.Exit, 2) << Cut;
    EXPECT_NE(R.Run.Err.find("truncated.zip"), std::string::npos) << R.Run.Err;
  }
  // A stored entry whose bytes no longer match its CRC-32.
  std::string Stored = freshDir("crc"), Crc = tempPath("crc.zip");
  put(Stored, "note.txt", "hello world, hello world\n");
  ASSERT_EQ(
      run("/bin/sh", {"sh", "-c", "cd \"$0\" && zip -q -0 \"$1\" note.txt", Stored, Crc}).Exit, 0);
  std::string CrcBytes = readFile(Crc);
  size_t Hello = CrcBytes.find("hello world");
  ASSERT_NE(Hello, std::string::npos);
  CrcBytes[Hello] = 'j';
  std::string BadCrc = tempPath("bad-crc.zip");
  writeFile(BadCrc, CrcBytes);
  auto C = inspectHostile(BadCrc);
  EXPECT_EQ(C.Run.Exit, 2) << C.Run.Out;
  EXPECT_NE(C.Run.Err.find("bad-crc.zip"), std::string::npos) << C.Run.Err;

  std::string Junk = tempPath("junk.zip");
  writeFile(Junk, "this is not an archive at all\n");
  auto J = inspectHostile(Junk);
  EXPECT_EQ(J.Run.Exit, 2);
  EXPECT_NE(J.Run.Err.find("not a zip archive"), std::string::npos) << J.Run.Err;
}

TEST(HostileArchive, OverlappingEntries) {
  std::string Zip = tempPath("overlap.zip");
  writeZip(Zip,
           {zipFile("a.txt", std::string(3000, 'a')), zipFile("b.txt", std::string(3000, 'b'))});
  std::string Bytes = readFile(Zip);
  // Point the second central-directory record at the first local header.
  size_t First = Bytes.find(std::string("PK\x01\x02", 4));
  size_t Second = Bytes.find(std::string("PK\x01\x02", 4), First + 4);
  ASSERT_NE(Second, std::string::npos);
  for (int I = 0; I < 4; ++I)
    Bytes[Second + 42 + I] = 0;
  std::string Patched = tempPath("overlap-patched.zip");
  writeFile(Patched, Bytes);
  auto O = inspectHostile(Patched);
  if (O.Run.Exit == 2)
    EXPECT_NE(O.Run.Err.find("overlap-patched.zip"), std::string::npos) << O.Run.Err;
  else
    EXPECT_TRUE(has(unsafeKinds(O), "overlapping-data")) << O.Run.Out;
}

TEST(HostileArchive, HundredThousandEntriesStayBounded) {
  std::string Zip = tempPath("many.zip");
  if (!llvm::sys::fs::exists(Zip)) {
    std::vector<ZipEntry> Many;
    Many.reserve(100000);
    for (int I = 0; I < 100000; ++I)
      Many.push_back(zipFile("d" + std::to_string(I % 100) + "/f" + std::to_string(I), "x"));
    writeZip(Zip, Many);
  }
  auto O = inspectHostile(Zip);
  ASSERT_NE(O.Run.Exit, 2) << O.Run.Err;
  EXPECT_EQ(O.Json.getAsObject()->getObject("size")->getInteger("files"), 100000);
  auto R = inspectHostile(Zip, {"--max-entries", "50000"});
  EXPECT_EQ(R.Run.Exit, 2);
  EXPECT_NE(R.Run.Err.find("--max-entries"), std::string::npos) << R.Run.Err;
}
