// What `coldstart inspect` makes of a file given as a package or a layer: a tarball (the real
// `tar` writes them) is named as what it is, never called an ELF file; a zip with no entry (the
// real `zip` leaves one when its last entry is deleted) is an empty package, not an unreadable
// one.
#include "ArchiveWriter.h"
#include "PackageSupport.h"

#include "coldstart/archive/Archive.h"

#include <gtest/gtest.h>

using namespace coldstart;
using namespace coldstart::test;
using llvm::json::Object;

namespace {

const std::string ElfDir = std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/";

/// A layer's contents: lib/libdep.so from the ELF fixtures.
std::string layerFolder() {
  std::string Dir = freshDir("kind-layer");
  putFile(Dir, "lib/libdep.so", ElfDir + "origin/lib/libdep.so");
  return Dir;
}

/// `tar` with Flags ("czf", "cJf", "cf") of Folder's contents into Archive.
void tarFolder(const std::string &Folder, const std::string &Flags, const std::string &Archive) {
  auto R = run("/bin/sh", {"sh", "-c", "tar -" + Flags + " \"$0\" -C \"$1\" .", Archive, Folder});
  ASSERT_EQ(R.Exit, 0) << R.Err;
}

/// A function package whose bootstrap is a native program.
std::string functionZip() {
  std::string Dir = freshDir("kind-function"), Zip = tempPath("kind-function.zip");
  putFile(Dir, "bootstrap", ElfDir + "ctors-gnu-stripped", 0755);
  zipFolder(Dir, Zip);
  return Zip;
}

/// The real `zip` tool's empty archive: an entry added, then deleted.
std::string emptyZip(const std::string &Name) {
  std::string Dir = freshDir(Name), Zip = tempPath(Name + ".zip");
  put(Dir, "only.txt", "soon gone\n");
  zipFolder(Dir, Zip);
  auto R = run("/bin/sh", {"sh", "-c", "zip -q -d \"$0\" only.txt", Zip});
  EXPECT_TRUE(R.Exit == 0 || R.Exit == 12) << R.Err; // 12: "nothing to do" on some versions
  EXPECT_EQ(readFile(Zip).size(), 22u) << "not the bare end record of an empty zip";
  return Zip;
}

/// Runs `coldstart inspect Args` expecting the tool to refuse with exit 2 and a message that
/// names Path and says Because, and never calls it an ELF file.
void expectRefused(const std::vector<std::string> &Args, const std::string &Path,
                   const std::string &Because) {
  std::vector<std::string> Full = {"inspect"};
  Full.insert(Full.end(), Args.begin(), Args.end());
  auto R = runColdstart(Full, 60, 4096);
  EXPECT_EQ(R.Exit, 2) << R.Err;
  EXPECT_TRUE(R.Out.empty()) << R.Out;
  EXPECT_NE(R.Err.find(Path + ": " + Because), std::string::npos) << R.Err;
  EXPECT_EQ(R.Err.find("ELF"), std::string::npos) << R.Err;
}

const std::string NotZip = ", not a .zip: Lambda takes a function's package and its layers only "
                           "as .zip files";

} // namespace

TEST(ArchiveKind, TarGzLayerIsNamedAsATarball) {
  std::string Layer = tempPath("kind-layer.tar.gz");
  tarFolder(layerFolder(), "czf", Layer);
  expectRefused({"--runtime", "provided.al2023", functionZip(), "--layer", Layer}, Layer,
                "a tar archive compressed with gzip" + NotZip);
}

TEST(ArchiveKind, TarballsAsTheFunctionPackageAreNamed) {
  std::string Folder = layerFolder();
  std::string Gz = tempPath("kind-function.tar.gz"), Xz = tempPath("kind-function.tar.xz"),
              Plain = tempPath("kind-function.tar");
  tarFolder(Folder, "czf", Gz);
  tarFolder(Folder, "cJf", Xz);
  tarFolder(Folder, "cf", Plain);
  expectRefused({Gz}, Gz, "a tar archive compressed with gzip" + NotZip);
  expectRefused({Xz}, Xz, "a tar archive compressed with xz" + NotZip);
  expectRefused({Plain}, Plain, "a tar archive" + NotZip);
}

TEST(ArchiveKind, TarballNamedZipIsNamedByItsContent) {
  std::string Layer = tempPath("kind-layer-misnamed.zip");
  tarFolder(layerFolder(), "czf", Layer);
  expectRefused({"--runtime", "provided.al2023", functionZip(), "--layer", Layer}, Layer,
                "a tar archive compressed with gzip" + NotZip);
}

TEST(ArchiveKind, LoneGzipFileIsNamed) {
  std::string Gz = tempPath("kind-readme.gz");
  writeFile(tempPath("kind-readme"), "not an archive\n");
  auto R = run("/bin/sh", {"sh", "-c", "gzip -c \"$0\" > \"$1\"", tempPath("kind-readme"), Gz});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  expectRefused({Gz}, Gz, "a file compressed with gzip" + NotZip);
}

TEST(ArchiveKind, DescribesOnlyArchivesThatAreNotZips) {
  std::string Folder = layerFolder();
  std::string Gz = tempPath("kind-describe.tar.gz"), Zip = tempPath("kind-describe.zip");
  tarFolder(Folder, "czf", Gz);
  zipFolder(Folder, Zip);
  EXPECT_EQ(archive::describeNonZipArchive(Gz), "a tar archive compressed with gzip");
  // A zip, an ELF file, a script, an empty zip and a missing file are no such archive.
  writeFile(tempPath("kind-script.sh"), "#!/bin/sh\necho hello\n");
  for (const std::string &Path : {Zip, ElfDir + "ctors-gnu", tempPath("kind-script.sh"),
                                  emptyZip("kind-describe-empty"), tempPath("kind-does-not-exist")})
    EXPECT_EQ(archive::describeNonZipArchive(Path), std::nullopt) << Path;
}

TEST(ArchiveKind, EmptyZipIsAnEmptyPackage) {
  std::string Zip = emptyZip("kind-empty");
  auto R =
      runColdstart({"inspect", "--format", "json", "--runtime", "provided.al2023", Zip}, 60, 4096);
  ASSERT_NE(R.Exit, 2) << R.Err;
  EXPECT_EQ(R.Err.find("Unrecognized"), std::string::npos) << R.Err;
  auto Json = parseJson(R.Out);
  const Object &D = *Json.getAsObject();
  EXPECT_EQ(D.getString("kind"), "zip");
  const Object *Size = D.getObject("size");
  ASSERT_TRUE(Size);
  EXPECT_EQ(Size->getInteger("files"), 0);
  EXPECT_EQ(Size->getInteger("uncompressed_bytes"), 0);
  EXPECT_EQ(Size->getInteger("compressed_bytes"), 22);
  EXPECT_TRUE(D.getArray("binaries")->empty());
  // Nothing to start is the one thing wrong with it.
  EXPECT_EQ(rulesOf(D), std::vector<std::string>{"coldstart-missing-bootstrap"});
  const Object *Boot = D.getObject("package")->getObject("bootstrap");
  ASSERT_TRUE(Boot);
  EXPECT_EQ(Boot->getBoolean("present"), false);
}

TEST(ArchiveKind, EmptyZipWithoutARuntimeHasNoFindings) {
  std::string Zip = emptyZip("kind-empty-plain");
  auto R = runColdstart({"inspect", Zip}, 60, 4096);
  EXPECT_EQ(R.Exit, 0) << R.Err;
  EXPECT_NE(R.Out.find(Zip + ": deployment package (zip)"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("0 files, 0 ELF, 0 links"), std::string::npos) << R.Out;
  EXPECT_EQ(R.Out.find("binaries ("), std::string::npos) << R.Out;
}

TEST(ArchiveKind, EmptyZipLayerIsAnEmptyLayer) {
  std::string Layer = emptyZip("kind-empty-layer");
  auto R = runColdstart({"inspect", "--format", "json", "--runtime", "provided.al2023",
                         functionZip(), "--layer", Layer},
                        60, 4096);
  ASSERT_EQ(R.Exit, 0) << R.Err;
  auto Json = parseJson(R.Out);
  const Object &D = *Json.getAsObject();
  const llvm::json::Array *Layers = D.getArray("layers");
  ASSERT_TRUE(Layers);
  ASSERT_EQ(Layers->size(), 1u);
  EXPECT_EQ((*Layers)[0].getAsObject()->getString("path"), Layer);
  EXPECT_EQ((*Layers)[0].getAsObject()->getInteger("files"), 0);
  EXPECT_TRUE(rulesOf(D).empty()) << R.Out;
}
