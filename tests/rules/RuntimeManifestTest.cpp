// Runtime manifests: the bundled ones load and say what AWS documents; user manifests are
// validated with file:line:column; writing and reading a manifest round-trips.
#include "coldstart/rules/RuntimeManifest.h"

#include "RunTool.h"

#include <gtest/gtest.h>

using namespace coldstart::rules;

TEST(RuntimeManifest, EveryBundledManifestLoads) {
  std::vector<std::string> Names = bundledRuntimeNames();
  EXPECT_GE(Names.size(), 10u);
  for (const std::string &N : Names) {
    std::vector<Diagnostic> Errors;
    auto M = loadRuntimeManifest(N, Errors);
    ASSERT_TRUE(M) << N << ": " << (Errors.empty() ? "" : Errors[0].str());
    EXPECT_EQ(M->Name, N);
    EXPECT_FALSE(M->Exact) << N << ": the bundled lists are conservative";
    EXPECT_TRUE(M->supportsArch("x86_64"));
    EXPECT_TRUE(M->supportsArch("arm64"));
    EXPECT_TRUE(M->providesLibrary("libc.so.6"));
    EXPECT_EQ(M->LdLibraryPath.front(), "/var/lang/lib");
    EXPECT_EQ(M->LdLibraryPath.back(), "/opt/lib");
  }
}

TEST(RuntimeManifest, AmazonLinuxVersionsAsDocumented) {
  std::vector<Diagnostic> Errors;
  auto Al2023 = loadRuntimeManifest("provided.al2023", Errors);
  auto Al2 = loadRuntimeManifest("provided.al2", Errors);
  ASSERT_TRUE(Al2023 && Al2);
  EXPECT_EQ(Al2023->Glibc, "2.34");
  EXPECT_EQ(Al2023->Glibcxx, "3.4.29");
  EXPECT_EQ(Al2023->Cxxabi, "1.3.13");
  EXPECT_EQ(Al2->Glibc, "2.26");
  EXPECT_EQ(Al2->Glibcxx, "3.4.22");
  EXPECT_EQ(Al2->Cxxabi, "1.3.10");
  EXPECT_EQ(Al2->maxVersion("GLIBC"), "2.26");
  EXPECT_EQ(loadRuntimeManifest("python3.12", Errors)->Glibc, "2.34");
  EXPECT_EQ(loadRuntimeManifest("python3.11", Errors)->Glibc, "2.26");
  EXPECT_EQ(loadRuntimeManifest("nodejs22.x", Errors)->Glibc, "2.34");
  EXPECT_TRUE(loadRuntimeManifest("nodejs22.x", Errors)->providesLibrary("libstdc++.so.6"));
  EXPECT_TRUE(Errors.empty());
}

TEST(RuntimeManifest, UnknownRuntimeListsTheBundledOnes) {
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(loadRuntimeManifest("provided.al2099", Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_NE(Errors[0].Message.find("provided.al2023"), std::string::npos);
}

TEST(RuntimeManifest, UserManifestErrorsCarryLineAndColumn) {
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(parseRuntimeManifest("name: x\nversions:\n  glibc: two\nbogus: 1\n"
                                    "architectures: [sparc]\n",
                                    "m.yaml", Errors));
  ASSERT_EQ(Errors.size(), 2u);
  EXPECT_EQ(Errors[0].str(), "m.yaml:3:10: error: 'versions.glibc' must be a dotted version "
                             "such as \"2.34\"");
  EXPECT_EQ(Errors[1].str().substr(0, 30), "m.yaml:4:1: error: unknown key");
  Errors.clear();
  EXPECT_FALSE(parseRuntimeManifest("name: x\narchitectures: [sparc]\n", "m.yaml", Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].Line, 2);
}

TEST(RuntimeManifest, FormatRoundTrips) {
  RuntimeManifest M;
  M.Name = "my-al2023";
  M.Os = "Amazon Linux 2023";
  M.Family = "custom";
  M.Exact = true;
  M.Architectures = {"x86_64"};
  M.Glibc = "2.34";
  M.Glibcxx = "3.4.29";
  M.Cxxabi = "1.3.13";
  M.LdLibraryPath = {"/lib64", "/usr/lib64"};
  M.Libraries = {"libc.so.6", "libstdc++.so.6"};
  std::string Text = formatRuntimeManifest(M, "written by a test\nsecond line");
  EXPECT_EQ(Text.rfind("# written by a test\n# second line\n", 0), 0u) << Text;
  std::vector<Diagnostic> Errors;
  auto Back = parseRuntimeManifest(Text, "t.yaml", Errors);
  ASSERT_TRUE(Back) << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_EQ(Back->Name, M.Name);
  EXPECT_TRUE(Back->Exact);
  EXPECT_EQ(Back->Glibc, "2.34");
  EXPECT_EQ(Back->Libraries, M.Libraries);
  EXPECT_EQ(Back->LdLibraryPath, M.LdLibraryPath);
}

TEST(CompareVersions, IsNumericPerComponent) {
  EXPECT_GT(compareVersions("2.34", "2.9"), 0);
  EXPECT_LT(compareVersions("2.26", "2.34"), 0);
  EXPECT_EQ(compareVersions("2.34", "2.34.0"), 0);
  EXPECT_GT(compareVersions("3.4.30", "3.4.29"), 0);
  EXPECT_LT(compareVersions("1.3.9", "1.3.13"), 0);
  EXPECT_EQ(compareVersions("", ""), 0);
}
