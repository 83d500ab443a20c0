// Pieces of the package pass tested directly: following bootstrap scripts, the default stack
// permissions by architecture, and exact runtime manifests from a root filesystem.
#include "BootstrapScript.h"
#include "PackageSupport.h"

#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/inspect/Package.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Object/ELF.h"
#include "llvm/Support/Endian.h"
#include "llvm/Support/MemoryBuffer.h"

#include <gtest/gtest.h>

using namespace coldstart;
using namespace coldstart::test;
using inspect::detail::followBootstrapScript;

TEST(BootstrapScript, AwsLambdaCppPackager) {
  auto C = followBootstrapScript(
      "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
      "exec $LAMBDA_TASK_ROOT/lib/ld-linux-aarch64.so.1 --library-path $LAMBDA_TASK_ROOT/lib "
      "$LAMBDA_TASK_ROOT/bin/demo ${_HANDLER}\n",
      "/var/task/bootstrap");
  ASSERT_TRUE(C.Found);
  EXPECT_TRUE(C.Exec);
  EXPECT_TRUE(C.Loader);
  EXPECT_EQ(C.Program, "/var/task/lib/ld-linux-aarch64.so.1");
  EXPECT_EQ(C.Target, "/var/task/bin/demo");
  EXPECT_EQ(C.LibraryPath, std::vector<std::string>{"/var/task/lib"});
  EXPECT_EQ(C.Unexpanded, std::vector<std::string>{"${_HANDLER}"});
}

TEST(BootstrapScript, OtherSpellings) {
  auto A = followBootstrapScript("#!/bin/sh\n# comment\nDIR=\"$(dirname \"$0\")\"\n"
                                 "cd \"$DIR\"\n\"$DIR\"/bin/app \\\n  --flag\n",
                                 "/var/task/bootstrap");
  ASSERT_TRUE(A.Found);
  EXPECT_FALSE(A.Exec);
  EXPECT_EQ(A.Program, "/var/task/bin/app");
  EXPECT_NE(A.Line.find("--flag"), std::string::npos);

  auto B = followBootstrapScript("#!/bin/sh\nexec ./server\n", "/var/task/bootstrap");
  EXPECT_EQ(B.Program, "/var/task/server");

  auto C = followBootstrapScript("#!/bin/sh\nexec '/opt/lib/ld-2.26.so' --inhibit-cache "
                                 "--library-path /opt/lib:/var/task/lib ${LAMBDA_TASK_ROOT}/fn\n",
                                 "/var/task/bootstrap");
  EXPECT_TRUE(C.Loader);
  EXPECT_EQ(C.Target, "/var/task/fn");
  EXPECT_EQ(C.LibraryPath, (std::vector<std::string>{"/opt/lib", "/var/task/lib"}));

  auto D = followBootstrapScript("#!/bin/sh\nset -e\necho starting\n", "/var/task/bootstrap");
  EXPECT_FALSE(D.Found);
  EXPECT_FALSE(D.Why.empty());
}

namespace {

/// The image with its PT_GNU_STACK program header turned into PT_NULL.
std::string withoutGnuStack(const std::string &Image) {
  std::string Out = Image;
  auto *H = reinterpret_cast<const llvm::ELF::Elf64_Ehdr *>(Out.data());
  for (unsigned I = 0; I < H->e_phnum; ++I) {
    char *P = Out.data() + H->e_phoff + I * H->e_phentsize;
    if (llvm::support::endian::read32le(P) == llvm::ELF::PT_GNU_STACK)
      llvm::support::endian::write32le(P, llvm::ELF::PT_NULL);
  }
  return Out;
}

} // namespace

TEST(ExecutableStack, MissingGnuStackDependsOnTheArchitecture) {
  std::string X86 = readFile(fixture("ctors-gnu-stripped"));
  ASSERT_FALSE(X86.empty());
  auto B = inspect::inspectElfBuffer(llvm::MemoryBufferRef(withoutGnuStack(X86), "x86"), "x86");
  ASSERT_TRUE(bool(B)) << llvm::toString(B.takeError());
  EXPECT_TRUE(B->ExecutableStack) << B->ExecutableStackBecause;
  EXPECT_NE(B->ExecutableStackBecause.find("x86_64"), std::string::npos);

  if (!exists(fixture("ctors-aarch64")))
    GTEST_SKIP() << "no aarch64 fixture (cross compiler absent)";
  std::string Arm = withoutGnuStack(readFile(fixture("ctors-aarch64")));
  auto A = inspect::inspectElfBuffer(llvm::MemoryBufferRef(Arm, "arm"), "arm");
  ASSERT_TRUE(bool(A)) << llvm::toString(A.takeError());
  EXPECT_FALSE(A->ExecutableStack);
  EXPECT_NE(A->ExecutableStackBecause.find("aarch64"), std::string::npos);
  EXPECT_NE(A->ExecutableStackBecause.find("no PT_GNU_STACK"), std::string::npos);
}

TEST(RuntimeManifest, ExactFromAFolderAndATar) {
  std::string Root = freshDir("rootfs");
  putFile(Root, "lib64/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", 0755);
  putFile(Root, "usr/lib64/libstdc++.so.6.0.30", "/lib/x86_64-linux-gnu/libstdc++.so.6", 0755);
  put(Root, "usr/lib64/libz.so.1.2.13", "not an ELF file, still a library name");
  put(Root, "etc/os-release", "NAME=\"Test\"\nPRETTY_NAME=\"Test Linux 1\"\n");
  put(Root, "usr/share/doc/readme", "not a library folder");
  ASSERT_EQ(run("/bin/sh", {"sh", "-c",
                            "cd \"$0\" && ln -s libstdc++.so.6.0.30 usr/lib64/libstdc++.so.6 && "
                            "ln -s libz.so.1.2.13 usr/lib64/libz.so.1 && "
                            "ln -s /usr/lib64/missing.so.9 usr/lib64/libdangling.so.9",
                            Root})
                .Exit,
            0);
  auto M = inspect::manifestFromRootfs(Root, "test-rt");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  EXPECT_EQ(M->Name, "test-rt");
  EXPECT_TRUE(M->Exact);
  EXPECT_EQ(M->Os, "Test Linux 1");
  EXPECT_EQ(M->Architectures, std::vector<std::string>{"x86_64"});
  EXPECT_EQ(M->Libraries,
            (std::vector<std::string>{"libc.so.6", "libstdc++.so.6", "libstdc++.so.6.0.30",
                                      "libz.so.1", "libz.so.1.2.13"}));
  // The versions are those the copied libraries define, as the inspector reads DT_VERDEF.
  auto Libc = inspect::inspectElfFile("/lib/x86_64-linux-gnu/libc.so.6");
  ASSERT_TRUE(bool(Libc));
  EXPECT_EQ(M->Glibc, Libc->Dynamic.MaxDefinedVersions.at("GLIBC"));
  EXPECT_FALSE(M->Glibcxx.empty());
  EXPECT_FALSE(M->Cxxabi.empty());
  // Cross-check with llvm-readelf: the highest GLIBC_ in libc's version definitions.
  if (!readelf().empty()) {
    auto R = run(readelf(), {"readelf", "-V", "/lib/x86_64-linux-gnu/libc.so.6"});
    llvm::StringRef Out(R.Out);
    size_t Def = Out.find("Version definition");
    ASSERT_NE(Def, llvm::StringRef::npos);
    Out = Out.drop_front(Def).split("Version needs").first;
    EXPECT_NE(Out.find("GLIBC_" + M->Glibc), llvm::StringRef::npos);
    EXPECT_EQ(Out.find("GLIBC_" + M->Glibc + "."), llvm::StringRef::npos);
    // Every version name libc defines, non-numeric ones included, is in the manifest.
    for (llvm::StringRef Line : llvm::split(Out, '\n')) {
      size_t At = Line.find("Name: ");
      if (At == llvm::StringRef::npos || Line.contains("Flags: BASE"))
        continue;
      std::string Name = Line.drop_front(At + 6).split(' ').first.trim().str();
      EXPECT_NE(std::find(M->LibcVersions.begin(), M->LibcVersions.end(), Name),
                M->LibcVersions.end())
          << Name;
    }
  }
  EXPECT_EQ(M->LibcVersions, Libc->Dynamic.DefinedVersions);
  EXPECT_NE(std::find(M->LibcVersions.begin(), M->LibcVersions.end(), "GLIBC_PRIVATE"),
            M->LibcVersions.end());

  std::string Tar = tempPath("rootfs.tar");
  ASSERT_EQ(run("/bin/sh", {"sh", "-c", "cd \"$0\" && tar -cf \"$1\" .", Root, Tar}).Exit, 0);
  auto T = inspect::manifestFromRootfs(Tar, "test-rt");
  ASSERT_TRUE(bool(T)) << llvm::toString(T.takeError());
  EXPECT_EQ(T->Libraries, M->Libraries);
  EXPECT_EQ(T->Glibc, M->Glibc);
  EXPECT_EQ(T->Glibcxx, M->Glibcxx);
  EXPECT_EQ(T->Cxxabi, M->Cxxabi);
  EXPECT_EQ(T->LibcVersions, M->LibcVersions);
  EXPECT_EQ(T->Architectures, M->Architectures);

  // The command writes a manifest that `inspect --runtime FILE` reads.
  std::string Out = tempPath("test-rt.yaml");
  auto C = runColdstart({"rules", "runtime-manifest", Tar, "--name", "test-rt", "-o", Out});
  ASSERT_EQ(C.Exit, 0) << C.Err;
  std::string Text = readFile(Out);
  EXPECT_NE(Text.find("exact: true"), std::string::npos) << Text;
  EXPECT_NE(Text.find("glibc: \"" + M->Glibc + "\""), std::string::npos) << Text;
  EXPECT_NE(Text.find("libc-versions: ["), std::string::npos) << Text;
  auto I = runColdstart({"inspect", "--runtime", Out, fixture("ctors-gnu")});
  EXPECT_NE(I.Exit, 2) << I.Err;

  auto Bad = runColdstart({"rules", "runtime-manifest", tempPath("no-such-rootfs")});
  EXPECT_EQ(Bad.Exit, 2);

  // A tar cut short, and bytes that are no tar at all: exit 2 naming the file, no crash
  // (libarchive may give no error string; the reader must not read through a null one).
  std::string Cut = tempPath("rootfs-cut.tar");
  std::string Whole = readFile(Tar);
  writeFile(Cut, Whole.substr(0, Whole.size() / 3 + 100));
  std::string Garbage = tempPath("rootfs-garbage.tar");
  writeFile(Garbage, std::string(4096, '\x7f'));
  for (const std::string &Broken : {Cut, Garbage}) {
    auto B = runColdstart({"rules", "runtime-manifest", Broken});
    EXPECT_EQ(B.Exit, 2) << Broken << "\n" << B.Out;
    EXPECT_NE(B.Err.find(Broken), std::string::npos) << B.Err;
  }
}

TEST(RuntimeManifest, NamesThatAreNotUtf8StayOutSoTheManifestLoadsAgain) {
  std::string Root = freshDir("rootfs-bytes");
  putFile(Root, "lib64/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", 0755);
  put(Root, "usr/lib64/lib\xff\xfe.so.1", "a library name no YAML text can hold");
  put(Root, "etc/os-release", "PRETTY_NAME=\"Test \xc0\xaf Linux\"\n"); // an overlong '/'
  auto M = inspect::manifestFromRootfs(Root, "bytes-rt");
  ASSERT_TRUE(bool(M)) << llvm::toString(M.takeError());
  EXPECT_EQ(M->Libraries, std::vector<std::string>{"libc.so.6"});
  EXPECT_EQ(M->Os, "");

  std::string Out = tempPath("bytes-rt.yaml");
  auto C = runColdstart({"rules", "runtime-manifest", Root, "--name", "bytes-rt", "-o", Out});
  ASSERT_EQ(C.Exit, 0) << C.Err;
  auto I = runColdstart({"inspect", "--runtime", Out, fixture("ctors-gnu")});
  EXPECT_NE(I.Exit, 2) << I.Err;
}
