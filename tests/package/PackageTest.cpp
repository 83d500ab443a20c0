// `coldstart inspect` on deployment packages built here from the ELF fixtures with `zip`: the
// native custom runtime, the aws-lambda-cpp layout, missing and layer-provided libraries,
// bootstrap permissions, glibc versions, a Python package and a Node package. Sizes are
// asserted against what the zip writer wrote (the file's size and `unzip -v`'s totals).
#include "PackageSupport.h"

#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <set>

using namespace coldstart::test;
using llvm::json::Object;

namespace {

const std::string ElfDir = std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/";
const std::string PkgFixtures = std::string(COLDSTART_BINARY_DIR) + "/fixtures/package/";

uint64_t fileSize(const std::string &Path) {
  uint64_t N = 0;
  llvm::sys::fs::file_size(Path, N);
  return N;
}

} // namespace

TEST(Package, NativeCustomRuntimeSizesAreExact) {
  std::string Dir = freshDir("native"), Zip = tempPath("native.zip");
  uint64_t Bytes = putFile(Dir, "bootstrap", ElfDir + "ctors-gnu-stripped", 0755);
  Bytes += put(Dir, "config/settings.json", "{\"answer\": 42}\n");
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  const Object &D = I.doc();
  EXPECT_EQ(D.getString("kind"), "zip");
  const Object *Size = D.getObject("size");
  ASSERT_TRUE(Size);
  auto [Length, Compressed] = unzipTotals(Zip);
  EXPECT_EQ(uint64_t(*Size->getInteger("compressed_bytes")), fileSize(Zip));
  EXPECT_EQ(uint64_t(*Size->getInteger("uncompressed_bytes")), Bytes);
  EXPECT_EQ(uint64_t(*Size->getInteger("uncompressed_bytes")), Length);
  EXPECT_EQ(*Size->getInteger("files"), 2);
  const Object *Src = &*(*D.getObject("package")->getArray("sources"))[0].getAsObject();
  EXPECT_EQ(uint64_t(*Src->getInteger("compressed_bytes")), Compressed);
  const Object *Boot = D.getObject("package")->getObject("bootstrap");
  ASSERT_TRUE(Boot);
  EXPECT_EQ(Boot->getString("kind"), "elf");
  EXPECT_EQ(Boot->getString("mode"), "0755");
  EXPECT_EQ(Boot->getBoolean("executable"), true);
  EXPECT_FALSE(hasRule(D, "coldstart-missing-bootstrap"));
  EXPECT_FALSE(hasRule(D, "coldstart-unresolved-library")) << I.Run.Out;
  EXPECT_FALSE(hasRule(D, "coldstart-glibc-too-new"));
  ASSERT_TRUE(binary(D, "bootstrap"));
  EXPECT_EQ(binary(D, "bootstrap")->getString("source"), Zip);
}

TEST(Package, AwsLambdaCppLayoutIsFollowedThroughTheBundledLoader) {
  std::string Dir = freshDir("cpp"), Zip = tempPath("cpp.zip");
  putFile(Dir, "bin/app", ElfDir + "ctors-gnu");
  putFile(Dir, "lib/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2");
  putFile(Dir, "lib/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6");
  put(Dir, "bootstrap",
      "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
      "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib "
      "$LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n",
      0755);
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "provided.al2", Zip});
  const Object &D = I.doc();
  const Object *Boot = D.getObject("package")->getObject("bootstrap");
  ASSERT_TRUE(Boot);
  EXPECT_EQ(Boot->getString("kind"), "script");
  EXPECT_EQ(Boot->getString("interpreter"), "/bin/bash");
  EXPECT_EQ(Boot->getBoolean("bundled_loader"), true);
  EXPECT_EQ(Boot->getString("loader"), "lib/ld-linux-x86-64.so.2");
  EXPECT_EQ(Boot->getString("program"), "bin/app");
  ASSERT_EQ(Boot->getArray("library_path")->size(), 1u);
  EXPECT_EQ((*Boot->getArray("library_path"))[0].getAsString(), "/var/task/lib");
  std::string Notes;
  for (const auto &N : *Boot->getArray("notes"))
    Notes += N.getAsString()->str() + "\n";
  EXPECT_NE(Notes.find("about 30 to 48 ms of extra init on provided.al2023"), std::string::npos)
      << Notes;
  EXPECT_NE(Notes.find("--default-libc"), std::string::npos) << Notes;
  // bin/app needs GLIBC_2.34, more than al2's 2.26, but the bundled libc defines it.
  const Object *App = binary(D, "bin/app");
  ASSERT_TRUE(App);
  const auto *Libs = App->getObject("dependencies")->getArray("libraries");
  ASSERT_TRUE(Libs);
  ASSERT_FALSE(Libs->empty());
  const Object *Libc = (*Libs)[0].getAsObject();
  EXPECT_EQ(Libc->getString("name"), "libc.so.6");
  EXPECT_EQ(Libc->getString("path"), "/var/task/lib/libc.so.6");
  EXPECT_EQ(Libc->getString("via"), "library path /var/task/lib");
  for (const auto &M : messagesOf(D, "coldstart-glibc-too-new"))
    EXPECT_EQ(M.find("bin/app"), std::string::npos) << M;
  EXPECT_FALSE(hasRule(D, "coldstart-missing-bootstrap"));
}

TEST(Package, AMissingLibraryIsAnErrorOnlyWhereTheRuntimeIsKnown) {
  std::string Dir = freshDir("missing"), Zip = tempPath("missing.zip");
  putFile(Dir, "bootstrap", ElfDir + "missing/needgone");
  zipFolder(Dir, Zip);

  // The bundled manifest is conservative: it does not know whether the runtime has libgone.so.
  auto Unknown = inspectJson({"--runtime", "provided.al2023", Zip});
  EXPECT_EQ(Unknown.Run.Exit, 0) << Unknown.Run.Out;
  EXPECT_FALSE(hasRule(Unknown.doc(), "coldstart-unresolved-library")) << Unknown.Run.Out;
  auto W = messagesOf(Unknown.doc(), "coldstart-unknown-runtime-library");
  ASSERT_EQ(W.size(), 1u) << Unknown.Run.Out;
  EXPECT_NE(W[0].find("libgone.so (needed by /var/task/bootstrap)"), std::string::npos) << W[0];
  EXPECT_NE(W[0].find("provided.al2023 manifest neither lists it nor marks it absent"),
            std::string::npos)
      << W[0];

  // A manifest that marks it absent makes it an error, and so does an exact one.
  std::string Absent = tempPath("absent-runtime.yaml");
  writeFile(Absent, "base: amazonlinux2023\nname: mine\nfamily: custom\nabsent: [libgone.so]\n");
  std::string Exact = tempPath("exact-runtime.yaml");
  writeFile(Exact, "base: amazonlinux2023\nname: pinned\nfamily: custom\nexact: true\n");
  for (const std::string &Manifest : {Absent, Exact}) {
    auto I = inspectJson({"--runtime", Manifest, Zip});
    EXPECT_EQ(I.Run.Exit, 1) << Manifest;
    EXPECT_FALSE(hasRule(I.doc(), "coldstart-unknown-runtime-library")) << I.Run.Out;
    auto M = messagesOf(I.doc(), "coldstart-unresolved-library");
    ASSERT_EQ(M.size(), 1u) << I.Run.Out;
    EXPECT_NE(M[0].find("libgone.so"), std::string::npos);
    EXPECT_NE(M[0].find("bootstrap"), std::string::npos);
  }
  // A library the manifest lists is provided: no finding at all.
  std::string Lists = tempPath("lists-runtime.yaml");
  writeFile(Lists, "base: amazonlinux2023\nname: lists\nfamily: custom\nlibraries: [libgone.so]\n");
  auto Provided = inspectJson({"--runtime", Lists, Zip});
  EXPECT_FALSE(hasRule(Provided.doc(), "coldstart-unresolved-library")) << Provided.Run.Out;
  EXPECT_FALSE(hasRule(Provided.doc(), "coldstart-unknown-runtime-library")) << Provided.Run.Out;
}

TEST(Package, LibraryFoundOnlyThroughALayer) {
  std::string Dir = freshDir("fn"), Zip = tempPath("fn.zip");
  std::string LDir = freshDir("layer"), Layer = tempPath("layer.zip");
  putFile(Dir, "bootstrap", ElfDir + "missing/needgone");
  zipFolder(Dir, Zip);
  uint64_t LayerBytes = putFile(LDir, "lib/libgone.so", ElfDir + "missing-linktime/libgone.so");
  zipFolder(LDir, Layer);
  auto I = inspectJson({"--runtime", "provided.al2023", "--layer", Layer, Zip});
  const Object &D = I.doc();
  EXPECT_FALSE(hasRule(D, "coldstart-unresolved-library")) << I.Run.Out;
  const auto *Libs = binary(D, "bootstrap")->getObject("dependencies")->getArray("libraries");
  bool Found = false;
  for (const auto &L : *Libs)
    if (L.getAsObject()->getString("name") == "libgone.so") {
      Found = true;
      EXPECT_EQ(L.getAsObject()->getString("path"), "/opt/lib/libgone.so");
      EXPECT_EQ(L.getAsObject()->getString("via"), "library path /opt/lib");
    }
  EXPECT_TRUE(Found);
  ASSERT_EQ(D.getArray("layers")->size(), 1u);
  const Object *L0 = (*D.getArray("layers"))[0].getAsObject();
  EXPECT_EQ(uint64_t(*L0->getInteger("uncompressed_bytes")), LayerBytes);
  EXPECT_EQ(uint64_t(*L0->getInteger("compressed_bytes")), fileSize(Layer));
  EXPECT_TRUE(binary(D, "/opt/lib/libgone.so"));
  uint64_t Total = *D.getObject("package")->getInteger("total_uncompressed_bytes");
  EXPECT_EQ(Total, fileSize(ElfDir + "missing/needgone") + LayerBytes);
}

TEST(Package, NonExecutableBootstrap) {
  std::string Dir = freshDir("noexec"), Zip = tempPath("noexec.zip");
  putFile(Dir, "bootstrap", ElfDir + "ctors-gnu-stripped", 0644);
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "provided.al2023", Zip});
  EXPECT_EQ(I.Run.Exit, 1);
  auto M = messagesOf(I.doc(), "coldstart-missing-bootstrap");
  ASSERT_EQ(M.size(), 1u);
  EXPECT_NE(M[0].find("mode 0644"), std::string::npos) << M[0];

  // The same archive as a tool that records no Unix mode writes it ("version made by" MS-DOS).
  std::string Bytes = readFile(Zip);
  size_t Cd = Bytes.find(std::string("PK\x01\x02", 4));
  ASSERT_NE(Cd, std::string::npos);
  Bytes[Cd + 5] = 0; // host system: MS-DOS
  std::string Dos = tempPath("dos.zip");
  writeFile(Dos, Bytes);
  auto J = inspectJson({"--runtime", "provided.al2023", Dos});
  auto N = messagesOf(J.doc(), "coldstart-missing-bootstrap");
  ASSERT_EQ(N.size(), 1u) << J.Run.Out;
  EXPECT_NE(N[0].find("no Unix permissions"), std::string::npos) << N[0];

  // And no bootstrap at all.
  std::string Empty = freshDir("nobootstrap"), EZip = tempPath("nobootstrap.zip");
  putFile(Empty, "bin/app", ElfDir + "ctors-gnu-stripped");
  zipFolder(Empty, EZip);
  auto K = inspectJson({"--runtime", "provided.al2", EZip});
  auto O = messagesOf(K.doc(), "coldstart-missing-bootstrap");
  ASSERT_EQ(O.size(), 1u);
  EXPECT_NE(O[0].find("no file named bootstrap"), std::string::npos);
}

TEST(Package, GlibcNewerThanAl2) {
  std::string Dir = freshDir("newglibc"), Zip = tempPath("newglibc.zip");
  putFile(Dir, "bootstrap", ElfDir + "ctors-gnu");
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "provided.al2", Zip});
  auto M = messagesOf(I.doc(), "coldstart-glibc-too-new");
  ASSERT_FALSE(M.empty()) << I.Run.Out;
  EXPECT_NE(M[0].find("GLIBC_2.34"), std::string::npos) << M[0];
  EXPECT_NE(M[0].find("2.26"), std::string::npos) << M[0];
  auto Ok = inspectJson({"--runtime", "provided.al2023", Zip});
  EXPECT_FALSE(hasRule(Ok.doc(), "coldstart-glibc-too-new"));
  // SARIF puts the finding on the package file.
  auto S = runColdstart({"inspect", "--format", "sarif", "--runtime", "provided.al2", Zip});
  EXPECT_NE(S.Out.find("newglibc.zip"), std::string::npos);
  EXPECT_NE(S.Out.find("bootstrap: needs GLIBC_2.34"), std::string::npos);
}

TEST(Package, PythonHeavyDependencyNativeExtensionAndRemovableBytes) {
  std::string Dir = freshDir("python"), Zip = tempPath("python.zip");
  put(Dir, "lambda_function.py", "import pandas\n\ndef handler(event, context):\n    return 1\n");
  uint64_t Pandas = 0, Tests = 0;
  Pandas += put(Dir, "pandas/__init__.py", "# pandas stand-in\n");
  Pandas += put(Dir, "pandas/core/frame.py", std::string(300000, 'x'));
  Tests += put(Dir, "pandas/tests/test_frame.py", std::string(5000, 't'));
  Tests += put(Dir, "pandas/tests/data/big.csv", std::string(7000, 'c'));
  Pandas += Tests;
  uint64_t Stale = put(Dir, "pandas/__pycache__/frame.cpython-311.pyc", std::string(900, 's'));
  uint64_t Current = put(Dir, "pandas/__pycache__/frame.cpython-312.pyc", std::string(800, 'p'));
  Pandas += Stale + Current;
  put(Dir, "pandas-2.1.0.dist-info/METADATA", "Name: pandas\nVersion: 2.1.0\n");
  putFile(Dir, "mypkg/_native.cpython-312-x86_64-linux-gnu.so", PkgFixtures + "native-ext.so");
  putFile(Dir, "mypkg.libs/libdep.so", ElfDir + "origin/lib/libdep.so");
  put(Dir, "mypkg/__init__.py", "from ._native import *\n");
  uint64_t Dup = put(Dir, "data/a.bin", std::string(4096, 'd'));
  put(Dir, "data/b.bin", std::string(4096, 'd'));
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "python3.12", Zip});
  const Object &D = I.doc();
  const Object *P = D.getObject("package");
  // The heavy dependency, measured exactly.
  const auto *Heavy = P->getArray("heavy_dependencies");
  ASSERT_EQ(Heavy->size(), 1u) << I.Run.Out;
  const Object *H = (*Heavy)[0].getAsObject();
  EXPECT_EQ(H->getString("name"), "pandas");
  EXPECT_EQ(H->getString("path"), "pandas");
  EXPECT_EQ(H->getString("version"), "2.1.0");
  EXPECT_EQ(uint64_t(*H->getInteger("bytes")), Pandas);
  EXPECT_TRUE(hasRule(D, "coldstart-heavy-dependency"));
  // The extension's library is found as auditwheel lays it out.
  const Object *Ext = binary(D, "mypkg/_native.cpython-312-x86_64-linux-gnu.so");
  ASSERT_TRUE(Ext);
  bool Found = false;
  for (const auto &L : *Ext->getObject("dependencies")->getArray("libraries"))
    if (L.getAsObject()->getString("name") == "libdep.so") {
      Found = true;
      EXPECT_EQ(L.getAsObject()->getString("path"), "/var/task/mypkg/../mypkg.libs/libdep.so");
      EXPECT_EQ(L.getAsObject()->getString("via"), "runpath $ORIGIN/../mypkg.libs");
    }
  EXPECT_TRUE(Found);
  EXPECT_FALSE(hasRule(D, "coldstart-unresolved-library")) << I.Run.Out;
  // Removable: the tests folder, the cache for another Python, one duplicate copy.
  std::map<std::string, uint64_t> ByCategory;
  for (const auto &R : *P->getArray("removable"))
    ByCategory[R.getAsObject()->getString("category")->str()] +=
        *R.getAsObject()->getInteger("bytes");
  EXPECT_EQ(ByCategory["tests"], Tests);
  EXPECT_EQ(ByCategory["python-bytecode"], Stale); // the cpython-312 cache is used by python3.12
  EXPECT_EQ(ByCategory["duplicate"], Dup);
  EXPECT_EQ(uint64_t(*P->getInteger("removable_bytes")),
            Tests + Stale + Dup + ByCategory["debug-info"] + ByCategory["documentation"]);
  ASSERT_EQ(P->getArray("duplicates")->size(), 1u);
  // Detected without --runtime too.
  auto J = inspectJson({Zip});
  EXPECT_EQ(J.doc().getObject("package")->getString("runtime_family"), "python");
}

TEST(Package, NodeAwsSdkV2) {
  std::string Dir = freshDir("node"), Zip = tempPath("node.zip");
  put(Dir, "index.mjs", "export const handler = async () => 1;\n");
  put(Dir, "package.json", "{\"name\": \"fn\", \"version\": \"1.0.0\"}\n");
  uint64_t V2 = put(Dir, "node_modules/aws-sdk/package.json",
                    "{\n  \"name\": \"aws-sdk\",\n  \"version\": \"2.1692.0\"\n}\n");
  V2 += put(Dir, "node_modules/aws-sdk/lib/core.js", std::string(250000, 'j'));
  V2 += put(Dir, "node_modules/aws-sdk/apis/s3.json", std::string(120000, 'a'));
  put(Dir, "node_modules/@aws-sdk/client-s3/package.json",
      "{\"name\": \"@aws-sdk/client-s3\", \"version\": \"3.600.0\"}\n");
  // A v3 install of a package named aws-sdk would not be v2: not flagged.
  put(Dir, "node_modules/other/node_modules/aws-sdk/package.json", "{\"version\": \"3.0.0\"}");
  zipFolder(Dir, Zip);
  auto I = inspectJson({"--runtime", "nodejs20.x", Zip});
  const auto *Heavy = I.doc().getObject("package")->getArray("heavy_dependencies");
  ASSERT_EQ(Heavy->size(), 1u) << I.Run.Out;
  const Object *H = (*Heavy)[0].getAsObject();
  EXPECT_EQ(H->getString("name"), "aws-sdk-v2");
  EXPECT_EQ(H->getString("path"), "node_modules/aws-sdk");
  EXPECT_EQ(H->getString("version"), "2.1692.0");
  EXPECT_EQ(uint64_t(*H->getInteger("bytes")), V2);
  auto M = messagesOf(I.doc(), "coldstart-heavy-dependency");
  ASSERT_EQ(M.size(), 1u);
  EXPECT_NE(M[0].find("include only v3"), std::string::npos) << M[0];
}

TEST(Package, FolderAndZipAgree) {
  std::string Dir = freshDir("agree"), Zip = tempPath("agree.zip");
  putFile(Dir, "bootstrap", ElfDir + "ctors-lld");
  put(Dir, "share/a.txt", "hello\n");
  zipFolder(Dir, Zip);
  auto Z = inspectJson({"--runtime", "provided.al2023", Zip});
  auto F = inspectJson({"--runtime", "provided.al2023", Dir});
  EXPECT_EQ(F.doc().getString("kind"), "directory");
  EXPECT_EQ(Z.doc().getObject("size")->getInteger("uncompressed_bytes"),
            F.doc().getObject("size")->getInteger("uncompressed_bytes"));
  EXPECT_EQ(Z.doc().getObject("size")->getInteger("files"),
            F.doc().getObject("size")->getInteger("files"));
  EXPECT_EQ(rulesOf(Z.doc()), rulesOf(F.doc()));
  // The text report leads with the summary table and carries the size tree.
  auto T = runColdstart({"inspect", "--runtime", "provided.al2023", Zip});
  EXPECT_EQ(T.Out.find(Zip + ": deployment package (zip)"), 0u) << T.Out;
  EXPECT_NE(T.Out.find("size tree of " + Zip), std::string::npos);
}

TEST(Package, SizeQuotasFromTheRuleSet) {
  std::string Dir = freshDir("quota"), Zip = tempPath("quota.zip");
  uint64_t Bytes = put(Dir, "index.js", std::string(20000, 'q'));
  zipFolder(Dir, Zip);
  uint64_t Zipped = fileSize(Zip);
  // Limits set around the measured sizes: the .zip above its limit, the unzipped size at 90%
  // of its limit (a warning past warn-fraction 0.8), six layers against five.
  std::string Rules = tempPath("quota-rules.yaml");
  writeFile(Rules, "limits:\n  zipped-upload-bytes: " + std::to_string(Zipped - 1) +
                       "\n  unzipped-bytes: " + std::to_string(Bytes * 7 * 10 / 9) + "\n");
  std::vector<std::string> Args = {"--rules", Rules};
  for (int I = 0; I < 6; ++I) {
    std::string L = freshDir("quota-layer" + std::to_string(I));
    put(L, "nodejs/f" + std::to_string(I) + ".js", std::string(size_t(Bytes), 'l'));
    Args.push_back("--layer");
    Args.push_back(tempPath("quota-layer" + std::to_string(I) + ".zip"));
    zipFolder(L, Args.back());
  }
  Args.push_back(Zip);
  auto I = inspectJson(Args);
  auto M = messagesOf(I.doc(), "coldstart-package-size");
  ASSERT_EQ(M.size(), 3u) << I.Run.Out;
  std::string All = M[0] + "\n" + M[1] + "\n" + M[2];
  EXPECT_NE(All.find("the .zip for direct upload is " + std::to_string(Zipped)), std::string::npos)
      << All;
  EXPECT_NE(All.find("the unzipped function with its layers is"), std::string::npos) << All;
  EXPECT_NE(All.find("6 layers, more than the 5"), std::string::npos) << All;
  EXPECT_EQ(uint64_t(*I.doc().getObject("package")->getInteger("total_uncompressed_bytes")),
            Bytes * 7);
}

TEST(Package, EveryFindingCarriesTheCategoryOfItsRule) {
  // One package that trips the artifact rules of several emitters (bootstrap, dependencies,
  // versions, the binary checks, package limits through a low threshold): each SARIF result's
  // category is the one its rule's entry in tool.driver.rules declares.
  std::string Dir = freshDir("categories"), Zip = tempPath("categories.zip");
  putFile(Dir, "bootstrap", ElfDir + "ctors-gnu", 0644);
  putFile(Dir, "bin/needgone", ElfDir + "missing/needgone");
  zipFolder(Dir, Zip);
  std::string Rules = tempPath("categories.yaml");
  writeFile(Rules, "thresholds:\n  static-initializers: {value: 0}\n  removable-bytes: {value: 0}\n"
                   "  cold-start-budget-ms: {value: 0.001}\n");
  auto S = runColdstart(
      {"inspect", "--format", "sarif", "--runtime", "provided.al2", "--rules", Rules, Zip});
  ASSERT_EQ(S.Exit, 1) << S.Err;
  llvm::json::Value Sarif = parseJson(S.Out);
  const Object &Run = *(*Sarif.getAsObject()->getArray("runs"))[0].getAsObject();
  const llvm::json::Array &Declared =
      *Run.getObject("tool")->getObject("driver")->getArray("rules");
  std::set<std::string> RulesSeen;
  for (const llvm::json::Value &Result : *Run.getArray("results")) {
    const Object &R = *Result.getAsObject();
    const Object &Rule = *Declared[size_t(*R.getInteger("ruleIndex"))].getAsObject();
    EXPECT_EQ(Rule.getString("id"), R.getString("ruleId"));
    EXPECT_EQ(Rule.getObject("properties")->getString("category"),
              R.getObject("properties")->getString("category"))
        << R.getString("ruleId")->str();
    RulesSeen.insert(R.getString("ruleId")->str());
  }
  for (const char *Rule : {"coldstart-missing-bootstrap", "coldstart-unknown-runtime-library",
                           "coldstart-glibc-too-new", "coldstart-static-initializers",
                           "coldstart-unstripped-binary", "coldstart-cold-start-budget"})
    EXPECT_TRUE(RulesSeen.count(Rule)) << Rule << " was not emitted:\n" << S.Out;
}
