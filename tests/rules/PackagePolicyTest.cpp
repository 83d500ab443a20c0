// The rule set's `packages:` section: heavy dependencies and removable-file patterns kept as
// data, the sourced package numbers, and how a user file changes them.
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuleSet.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart::rules;

namespace {

const HeavyDependency *heavy(const RuleSet &R, const std::string &Name) {
  for (const auto &D : R.Packages.HeavyDependencies)
    if (D.Name == Name)
      return &D;
  return nullptr;
}

const RemovablePattern *removable(const RuleSet &R, const std::string &Name) {
  for (const auto &P : R.Packages.Removable)
    if (P.Name == Name)
      return &P;
  return nullptr;
}

} // namespace

TEST(PackagePolicy, DefaultListsTheIssueDependencies) {
  const RuleSet &R = defaultRuleSet();
  for (const char *Name : {"pandas", "numpy", "scipy", "scikit-learn", "selenium", "matplotlib",
                           "boto3", "aws-sdk-v2"}) {
    const HeavyDependency *D = heavy(R, Name);
    ASSERT_NE(D, nullptr) << Name;
    EXPECT_FALSE(D->Packages.empty()) << Name;
    EXPECT_FALSE(D->Why.empty()) << Name;
    EXPECT_FALSE(D->Fix.empty()) << Name;
  }
  EXPECT_EQ(heavy(R, "aws-sdk-v2")->Ecosystem, "nodejs");
  EXPECT_EQ(heavy(R, "aws-sdk-v2")->MajorVersion, "2");
  EXPECT_TRUE(heavy(R, "boto3")->ProvidedByRuntime);
  EXPECT_FALSE(heavy(R, "pandas")->ProvidedByRuntime);
  const RemovablePattern *Bytecode = removable(R, "python-bytecode");
  ASSERT_NE(Bytecode, nullptr);
  EXPECT_EQ(Bytecode->Folders, std::vector<std::string>{"__pycache__"});
}

TEST(PackagePolicy, PackageNumbersAreSourced) {
  const RuleSet &R = defaultRuleSet();
  for (const char *Key :
       {"packages.shell-bootstrap-extra-init-ms-low", "packages.shell-bootstrap-extra-init-ms-high",
        "thresholds.archive-bomb-ratio", "thresholds.archive-bomb-min-bytes"}) {
    const SourcedValue *V = R.sourcedValue(Key);
    ASSERT_NE(V, nullptr) << Key;
    EXPECT_FALSE(V->Source.empty()) << Key;
  }
  EXPECT_EQ(R.value("packages.shell-bootstrap-extra-init-ms-low"), 30.5);
  EXPECT_EQ(R.value("packages.shell-bootstrap-extra-init-ms-high"), 48.3);
}

TEST(PackagePolicy, UserFileAddsChangesAndDisablesEntries) {
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  ASSERT_TRUE(mergeRuleSetText(R, R"(packages:
  heavy-dependencies:
    boto3: {enabled: false}
    tensorflow:
      ecosystem: python
      packages: [tensorflow]
      why: our own measurement
  removable:
    tests: {folders: [tests, testing]}
    licenses: {what: license files, suffixes: [LICENSE.txt]}
  shell-bootstrap-extra-init-ms-high: 50
)",
                               "user.yaml", Errors))
      << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_FALSE(heavy(R, "boto3")->Enabled);
  ASSERT_NE(heavy(R, "tensorflow"), nullptr);
  EXPECT_EQ(heavy(R, "tensorflow")->Packages, std::vector<std::string>{"tensorflow"});
  EXPECT_EQ(removable(R, "tests")->Folders, (std::vector<std::string>{"tests", "testing"}));
  EXPECT_EQ(removable(R, "tests")->What, "test suites"); // untouched fields stay
  ASSERT_NE(removable(R, "licenses"), nullptr);
  EXPECT_EQ(R.value("packages.shell-bootstrap-extra-init-ms-high"), 50);
  EXPECT_NE(R.sourcedValue("packages.shell-bootstrap-extra-init-ms-high")->Source.find("user.yaml"),
            std::string::npos);
}

TEST(PackagePolicy, ErrorsNameTheLineAndLeaveTheSetUnchanged) {
  struct Case {
    const char *Yaml;
    const char *Expect;
    int Line;
  } Cases[] = {
      {"packages:\n  heavy-dependencies:\n    x: {packages: [x]}\n", "needs 'ecosystem'", 3},
      {"packages:\n  heavy-dependencies:\n    x: {ecosystem: ruby, packages: [x]}\n",
       "'ecosystem' must be 'python' or 'nodejs'", 3},
      {"packages:\n  heavy-dependencies:\n    x: {ecosystem: python, packages: [../x]}\n",
       "not a package folder name", 3},
      {"packages:\n  removable:\n    y: {what: y, folders: [a/b]}\n", "without '/'", 3},
      {"packages:\n  removable:\n    y: {what: y}\n", "needs 'what' and 'folders' or 'suffixes'",
       3},
      {"packages:\n  removable:\n    tests: {colour: red}\n", "unknown key 'colour'", 3},
      {"packages:\n  no-such-number: 3\n", "unknown key 'no-such-number'", 2},
      {"packages: [a]\n", "'packages' must be a mapping", 1},
  };
  for (const auto &C : Cases) {
    RuleSet R = defaultRuleSet();
    size_t Before = R.Packages.HeavyDependencies.size();
    std::vector<Diagnostic> Errors;
    EXPECT_FALSE(mergeRuleSetText(R, C.Yaml, "user.yaml", Errors)) << C.Yaml;
    ASSERT_FALSE(Errors.empty()) << C.Yaml;
    EXPECT_NE(Errors[0].Message.find(C.Expect), std::string::npos)
        << C.Yaml << " -> " << Errors[0].str();
    EXPECT_EQ(Errors[0].Line, C.Line) << C.Yaml;
    EXPECT_EQ(R.Packages.HeavyDependencies.size(), Before);
  }
}
