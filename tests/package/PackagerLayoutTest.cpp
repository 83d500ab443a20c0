// Custom-runtime packages in the shapes real packagers write, built here from programs of our own
// (fixtures/package) and this machine's glibc, zipped with `zip`, and inspected end to end:
// aws-lambda-cpp's packager layout (a shell bootstrap starting lib/ld-linux-x86-64.so.2
// --library-path $LAMBDA_TASK_ROOT/lib on bin/NAME, with lib/ holding the program's libraries and
// glibc), the same files started without the bundled loader, a library left out, a program linked
// with packed relative relocations, and a Rust-like native bootstrap. Each test names the
// findings that must appear and those that must not.
#include "PackageSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <set>

using namespace coldstart::test;
using llvm::json::Object;

namespace {

const std::string PkgFixtures = std::string(COLDSTART_BINARY_DIR) + "/fixtures/package/";
const std::string HostLib = "/lib/x86_64-linux-gnu/";

const char *const PackagerBootstrap =
    "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
    "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib "
    "$LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n";

/// The files the packager bundles for bin/app: what the loader lists for it on this machine.
const std::vector<std::string> AppLibraries = {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1",
                                               "libc.so.6"};

/// The packager's layout in a fresh folder; Bootstrap replaces its script, Skip leaves a library
/// out, Loader false leaves the bundled loader out.
std::string packagerFolder(const std::string &Name, const std::string &Bootstrap,
                           const std::string &Skip = "", bool Loader = true) {
  std::string Dir = freshDir(Name);
  putFile(Dir, "bin/app", PkgFixtures + "packager-app");
  for (const std::string &Library : AppLibraries)
    if (Library != Skip)
      putFile(Dir, "lib/" + Library, HostLib + Library, 0755);
  if (Loader)
    putFile(Dir, "lib/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2");
  put(Dir, "bootstrap", Bootstrap, 0755);
  return Dir;
}

std::string zipOf(const std::string &Dir, const std::string &Name) {
  std::string Zip = tempPath(Name + ".zip");
  zipFolder(Dir, Zip);
  return Zip;
}

/// (rule, member) of every finding.
std::multiset<std::pair<std::string, std::string>> findingsOf(const Object &Doc) {
  std::multiset<std::pair<std::string, std::string>> Out;
  if (const auto *F = Doc.getArray("findings"))
    for (const auto &V : *F) {
      const Object &O = *V.getAsObject();
      Out.insert({O.getString("rule")->str(),
                  O.getString("path") ? O.getString("path")->str() : std::string()});
    }
  return Out;
}

std::string joined(const std::vector<std::string> &Lines) {
  std::string Out;
  for (const std::string &L : Lines)
    Out += L + "\n";
  return Out;
}

/// Where the resolution of Binary found Library ("" when not found).
std::string resolvedPath(const Object &Doc, const std::string &Binary, const std::string &Library) {
  const Object *B = binary(Doc, Binary);
  if (!B || !B->getObject("dependencies"))
    return "";
  for (const auto &L : *B->getObject("dependencies")->getArray("libraries")) {
    const Object &O = *L.getAsObject();
    if (O.getString("name") == Library)
      return O.getString("path") ? O.getString("path")->str() : "";
  }
  return "";
}

/// A test sysroot whose /lib64/libc.so.6 defines only glibc 2.26's version nodes, like
/// provided.al2's.
std::string oldSysroot() {
  std::string Root = freshDir("old-sysroot");
  putFile(Root, "lib64/libc.so.6", PkgFixtures + "old-libc/libc.so.6");
  return Root;
}

const std::set<std::string> LibraryRules = {
    "coldstart-glibc-too-new", "coldstart-unresolved-library", "coldstart-unknown-runtime-library"};

std::vector<std::string> libraryFindings(const Object &Doc) {
  std::vector<std::string> Out;
  for (const auto &[Rule, File] : findingsOf(Doc))
    if (LibraryRules.count(Rule))
      Out.push_back(Rule + " " + File);
  return Out;
}

} // namespace

TEST(PackagerLayout, BundledLoaderPackageHasNoLibraryFindingsOnEitherRuntime) {
  std::string Zip = zipOf(packagerFolder("packager", PackagerBootstrap), "packager");
  for (const char *Runtime : {"provided.al2", "provided.al2023"}) {
    auto I = inspectJson({"--runtime", Runtime, Zip});
    EXPECT_EQ(libraryFindings(I.doc()), std::vector<std::string>{}) << Runtime << "\n" << I.Run.Out;
    // The program and every library its process loads are resolved with the loader's
    // --library-path: the bundled glibc, never the runtime's.
    EXPECT_EQ(resolvedPath(I.doc(), "bin/app", "libc.so.6"), "/var/task/lib/libc.so.6");
    EXPECT_EQ(resolvedPath(I.doc(), "lib/libstdc++.so.6", "libc.so.6"), "/var/task/lib/libc.so.6");
    EXPECT_EQ(resolvedPath(I.doc(), "lib/libm.so.6", "libc.so.6"), "/var/task/lib/libc.so.6");
  }
}

TEST(PackagerLayout, BundledLoaderPackageHasNoLibraryFindingsAgainstAnOlderSysroot) {
  // The sysroot's libc.so.6 is older than everything bundled: a library re-resolved with
  // Lambda's LD_LIBRARY_PATH would find it and fail the version check.
  std::string Zip =
      zipOf(packagerFolder("packager-sysroot", PackagerBootstrap), "packager-sysroot");
  auto I = inspectJson({"--runtime", "provided.al2", "--sysroot", oldSysroot(), Zip});
  EXPECT_EQ(libraryFindings(I.doc()), std::vector<std::string>{}) << I.Run.Out;
  EXPECT_EQ(resolvedPath(I.doc(), "lib/libstdc++.so.6", "libc.so.6"), "/var/task/lib/libc.so.6");
}

TEST(PackagerLayout, BundledGlibcWithoutItsLoaderIsShadowedByTheRuntimes) {
  // Started directly, the program gets Lambda's LD_LIBRARY_PATH, which searches /lib64 before
  // /var/task/lib: the runtime's glibc is loaded, and the bundled one never is.
  std::string Script = "#!/bin/bash\nset -euo pipefail\n"
                       "export LD_LIBRARY_PATH=$LD_LIBRARY_PATH:$LAMBDA_TASK_ROOT/lib\n"
                       "exec $LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n";
  std::string Zip = zipOf(packagerFolder("plain-exec", Script, "", false), "plain-exec");
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  const Object &D = I.doc();
  EXPECT_EQ(resolvedPath(D, "bin/app", "libc.so.6"), "/lib64/libc.so.6");
  EXPECT_EQ(resolvedPath(D, "bin/app", "libstdc++.so.6"), "/var/task/lib/libstdc++.so.6");
  auto Found = findingsOf(D);
  // bin/app and the bundled libstdc++ need GLIBC_2.36 (this machine's glibc); libm needs
  // GLIBC_ABI_DT_RELR; glibc 2.34 has neither.
  EXPECT_EQ(Found.count({"coldstart-glibc-too-new", "bin/app"}), 1u) << I.Run.Out;
  EXPECT_EQ(Found.count({"coldstart-glibc-too-new", "lib/libstdc++.so.6"}), 1u) << I.Run.Out;
  std::string Messages = joined(messagesOf(D, "coldstart-glibc-too-new"));
  EXPECT_NE(Messages.find("needs GLIBC_2.36 but the provided.al2023 runtime"), std::string::npos)
      << Messages;
  EXPECT_NE(Messages.find("the package's lib/libc.so.6 is not used"), std::string::npos)
      << Messages;
  EXPECT_FALSE(hasRule(D, "coldstart-unresolved-library")) << I.Run.Out;

  // A sysroot with an older glibc gives the same answer: its /lib64/libc.so.6 is the one loaded.
  auto S = inspectJson({"--runtime", "provided.al2", "--sysroot", oldSysroot(), Zip});
  EXPECT_EQ(resolvedPath(S.doc(), "bin/app", "libc.so.6"), "/lib64/libc.so.6");
  EXPECT_EQ(findingsOf(S.doc()).count({"coldstart-glibc-too-new", "bin/app"}), 1u) << S.Run.Out;
}

TEST(PackagerLayout, MissingLibraryIsAWarningUnlessTheManifestSaysItIsAbsent) {
  std::string Zip =
      zipOf(packagerFolder("missing-libstdcxx", PackagerBootstrap, "libstdc++.so.6"), "missing");
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  EXPECT_EQ(libraryFindings(I.doc()),
            std::vector<std::string>{"coldstart-unknown-runtime-library bin/app"})
      << I.Run.Out;
  std::string Message = joined(messagesOf(I.doc(), "coldstart-unknown-runtime-library"));
  EXPECT_NE(Message.find("libstdc++.so.6"), std::string::npos) << Message;
  EXPECT_NE(Message.find("whether the runtime has it is not known"), std::string::npos) << Message;
  EXPECT_EQ(I.Run.Exit, 0) << I.Run.Out; // warnings do not fail the default --fail-on error

  std::string Manifest = tempPath("strict-al2023.yaml");
  put(llvm::sys::path::parent_path(Manifest).str(), llvm::sys::path::filename(Manifest).str(),
      "base: amazonlinux2023\nname: strict-al2023\nfamily: custom\nabsent: [libstdc++.so.6]\n");
  auto S = inspectJson({"--runtime", Manifest, Zip});
  EXPECT_EQ(libraryFindings(S.doc()),
            std::vector<std::string>{"coldstart-unresolved-library bin/app"})
      << S.Run.Out;
  EXPECT_NE(joined(messagesOf(S.doc(), "coldstart-unresolved-library"))
                .find("the strict-al2023 manifest says the runtime does not have it"),
            std::string::npos);
  EXPECT_EQ(S.Run.Exit, 1);
}

TEST(PackagerLayout, PackedRelativeRelocationsNeedAVersionNameOlderGlibcLacks) {
  std::string Dir = freshDir("relr");
  putFile(Dir, "bootstrap", PkgFixtures + "relr-app");
  std::string Zip = zipOf(Dir, "relr");
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  std::vector<std::string> Messages = messagesOf(I.doc(), "coldstart-glibc-too-new");
  ASSERT_EQ(Messages.size(), 1u) << I.Run.Out;
  EXPECT_NE(Messages[0].find("needs version GLIBC_ABI_DT_RELR of libc.so.6"), std::string::npos)
      << Messages[0];
  EXPECT_NE(Messages[0].find("glibc 2.34"), std::string::npos) << Messages[0];

  // The binary alone, and a runtime whose libc defines the name (this machine's glibc).
  auto B = inspectJson({"--runtime", "provided.al2023", PkgFixtures + "relr-app"});
  EXPECT_EQ(messagesOf(B.doc(), "coldstart-glibc-too-new").size(), 1u) << B.Run.Out;
  std::string Manifest = tempPath("relr-rt.yaml");
  put(llvm::sys::path::parent_path(Manifest).str(), llvm::sys::path::filename(Manifest).str(),
      "base: amazonlinux2023\nname: relr-rt\nfamily: custom\nversions: {glibc: \"2.36\"}\n"
      "libc-versions: [GLIBC_2.2.5, GLIBC_2.34, GLIBC_2.36, GLIBC_ABI_DT_RELR]\n");
  auto N = inspectJson({"--runtime", Manifest, Zip});
  EXPECT_FALSE(hasRule(N.doc(), "coldstart-glibc-too-new")) << N.Run.Out;
}

TEST(PackagerLayout, RustLikeBootstrapNeedingLibgccSIsClean) {
  std::string Dir = freshDir("rust-like");
  putFile(Dir, "bootstrap", PkgFixtures + "unwind-app");
  std::string Zip = zipOf(Dir, "rust-like");
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  EXPECT_EQ(libraryFindings(I.doc()), std::vector<std::string>{}) << I.Run.Out;
  EXPECT_EQ(resolvedPath(I.doc(), "bootstrap", "libgcc_s.so.1"), "/lib64/libgcc_s.so.1");
  // On provided.al2 the program (built against this machine's glibc) is too new, and libgcc_s
  // is still no finding.
  auto A = inspectJson({"--runtime", "provided.al2", Zip});
  EXPECT_EQ(libraryFindings(A.doc()), std::vector<std::string>{"coldstart-glibc-too-new bootstrap"})
      << A.Run.Out;
}
