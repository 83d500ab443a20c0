// `coldstart inspect` end to end: the JSON contract, findings and exit statuses.
#include "TestSupport.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using namespace coldstart::test;

namespace {

llvm::json::Value parse(const std::string &Text) {
  auto V = llvm::json::parse(Text);
  if (!V) {
    ADD_FAILURE() << llvm::toString(V.takeError()) << "\n" << Text;
    return nullptr;
  }
  return std::move(*V);
}

std::vector<std::string> rulesOf(const llvm::json::Object &Doc) {
  std::vector<std::string> Out;
  if (const auto *F = Doc.getArray("findings"))
    for (const auto &V : *F)
      Out.push_back(V.getAsObject()->getString("rule")->str());
  return Out;
}

bool contains(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

} // namespace

TEST(InspectCommand, JsonCarriesTheContractFields) {
  std::string Path = fixture("ctors-lld");
  auto R = runColdstart({"inspect", "--format", "json", Path});
  ASSERT_EQ(R.Exit, 0) << R.Err;
  auto V = parse(R.Out);
  const auto *Doc = V.getAsObject();
  ASSERT_TRUE(Doc);
  EXPECT_EQ(Doc->getString("kind"), "elf");
  EXPECT_EQ(Doc->getString("arch"), "x86_64");
  const auto *Size = Doc->getObject("size");
  ASSERT_TRUE(Size);
  EXPECT_EQ(Size->getInteger("files"), 1);
  EXPECT_EQ(Size->getInteger("uncompressed_bytes"), int64_t(readFile(Path).size()));
  const auto *Bins = Doc->getArray("binaries");
  ASSERT_TRUE(Bins);
  ASSERT_EQ(Bins->size(), 1u);
  const auto *B = (*Bins)[0].getAsObject();
  EXPECT_EQ(B->getString("path"), Path);
  EXPECT_EQ(B->getString("type"), "pie");
  EXPECT_EQ(B->getString("arch"), "x86_64");
  EXPECT_EQ(B->getInteger("bytes"), int64_t(readFile(Path).size()));
  ASSERT_TRUE(B->getArray("needed"));
  EXPECT_TRUE(B->getArray("unresolved"));
  EXPECT_TRUE(B->getString("glibc_required"));
  EXPECT_EQ(B->getBoolean("stripped"), false);
  const auto *SI = B->getObject("static_initializers");
  ASSERT_TRUE(SI);
  EXPECT_EQ(SI->getInteger("count"), 3);
  ASSERT_EQ(SI->getArray("functions")->size(), 3u);
  EXPECT_EQ((*SI->getArray("functions"))[0].getAsObject()->getString("name"),
            "_GLOBAL__sub_I_tu1.cpp");
  const auto *Rel = B->getObject("relocations");
  ASSERT_TRUE(Rel);
  EXPECT_GT(*Rel->getInteger("total"), 0);
  EXPECT_TRUE(Doc->getArray("findings"));
}

TEST(InspectCommand, RuntimeAndArchFindingsSetTheExitStatus) {
  std::string Path = fixture("ctors-gnu");
  auto R = runColdstart(
      {"inspect", "--format", "json", "--runtime", "provided.al2", "--arch", "arm64", Path});
  EXPECT_EQ(R.Exit, 1) << R.Err;
  auto V = parse(R.Out);
  auto Rules = rulesOf(*V.getAsObject());
  EXPECT_TRUE(contains(Rules, "coldstart-glibc-too-new"));
  EXPECT_TRUE(contains(Rules, "coldstart-arch-mismatch"));
  EXPECT_EQ(V.getAsObject()->getString("runtime"), "provided.al2");
  EXPECT_EQ(V.getAsObject()->getString("arch"), "aarch64");
}

TEST(InspectCommand, UnresolvedLibraryAgainstSysroot) {
  auto R =
      runColdstart({"inspect", "--format", "json", "--sysroot", "/", fixture("missing/needgone")});
  auto V = parse(R.Out);
  auto Rules = rulesOf(*V.getAsObject());
  EXPECT_TRUE(contains(Rules, "coldstart-unresolved-library")) << R.Out;
  const auto *B = (*V.getAsObject()->getArray("binaries"))[0].getAsObject();
  ASSERT_EQ(B->getArray("unresolved")->size(), 1u);
  EXPECT_EQ((*B->getArray("unresolved"))[0].getAsString(), "libgone.so");
}

TEST(InspectCommand, ExecutableStackFinding) {
  auto R = runColdstart({"inspect", "--format", "json", fixture("execstack")});
  auto V = parse(R.Out);
  EXPECT_TRUE(contains(rulesOf(*V.getAsObject()), "coldstart-executable-stack")) << R.Out;
  auto Clean = runColdstart({"inspect", "--format", "json", fixture("ctors-gnu")});
  EXPECT_FALSE(contains(rulesOf(*parse(Clean.Out).getAsObject()), "coldstart-executable-stack"));
}

TEST(InspectCommand, TextAndSarif) {
  auto T = runColdstart({"inspect", fixture("ctors-gnu")});
  EXPECT_EQ(T.Exit, 0) << T.Err;
  EXPECT_NE(T.Out.find("static initializers   3"), std::string::npos) << T.Out;
  EXPECT_NE(T.Out.find("_GLOBAL__sub_I_tu2_counter"), std::string::npos) << T.Out;
  auto S = runColdstart({"inspect", "--format", "sarif", "--arch", "arm64", fixture("ctors-gnu")});
  auto V = parse(S.Out);
  ASSERT_TRUE(V.getAsObject());
  EXPECT_EQ(V.getAsObject()->getString("version"), "2.1.0");
}

TEST(InspectCommand, BadArguments) {
  auto R = runColdstart({"inspect", "--arch", "sparc", fixture("ctors-gnu")});
  EXPECT_EQ(R.Exit, 2);
  EXPECT_NE(R.Err.find("--arch"), std::string::npos);
  auto M = runColdstart({"inspect", tempPath("does-not-exist")});
  EXPECT_EQ(M.Exit, 2);
  EXPECT_NE(M.Err.find("does-not-exist"), std::string::npos);
}

TEST(InspectCommand, RuleSetThresholdsDriveFindingsAndFailOn) {
  std::string Rules = tempPath("tight.coldstart.yaml");
  writeFile(Rules, "thresholds:\n  static-initializers: 2\n  removable-bytes: 1000\n");
  auto R = runColdstart(
      {"inspect", "--format", "json", "--rules", Rules, "--fail-on", "note", fixture("ctors-gnu")});
  EXPECT_EQ(R.Exit, 1) << R.Err;
  auto V = parse(R.Out);
  auto Ids = rulesOf(*V.getAsObject());
  EXPECT_TRUE(contains(Ids, "coldstart-static-initializers")) << R.Out;
  EXPECT_TRUE(contains(Ids, "coldstart-unstripped-binary")) << R.Out;
  // The bundled thresholds leave this small fixture alone.
  auto D = runColdstart({"inspect", "--format", "json", "--fail-on", "note", fixture("ctors-gnu")});
  EXPECT_EQ(D.Exit, 0) << D.Out;
}
