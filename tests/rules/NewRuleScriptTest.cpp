// scripts/new-rule.sh on a copy of the files it edits: it adds the id to RuleIds.h and to the
// list of every id, the rule-set entry, a documentation page and a failing test, each marked
// FIXME where a person has to write; bad arguments and an id that exists already are refused.
#include "RunTool.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace coldstart::test;

namespace {

const std::string Source = COLDSTART_SOURCE_DIR;

/// The script and the files it edits, copied into Tree with the repository's layout.
void copyRuleFiles(const TempDir &Tree) {
  for (const char *Rel : {"scripts/new-rule.sh", "rules/include/coldstart/rules/RuleIds.h",
                          "rules/default.yaml", "README.md"})
    Tree.write(Rel, readFile(Source + "/" + Rel));
}

ToolResult newRule(const TempDir &Tree, const std::vector<std::string> &Args) {
  std::vector<std::string> All = {Tree.path("scripts/new-rule.sh")};
  All.insert(All.end(), Args.begin(), Args.end());
  return runTool("/bin/bash", All, Tree.path());
}

} // namespace

TEST(NewRuleScript, AddsEveryPieceOfARule) {
  TempDir Tree;
  copyRuleFiles(Tree);
  ToolResult R = newRule(Tree, {"coldstart-some-new-thing", "--pass", "artifact", "--category",
                                "package", "--summary", "A new thing is flagged."});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;

  std::string Ids = readFile(Tree.path("rules/include/coldstart/rules/RuleIds.h"));
  EXPECT_NE(Ids.find("inline constexpr std::string_view SomeNewThing = "
                     "\"coldstart-some-new-thing\";"),
            std::string::npos)
      << Ids;
  std::string Before = readFile(Source + "/rules/include/coldstart/rules/RuleIds.h");
  size_t CountAt = Before.find("std::array<std::string_view, ") + 29;
  unsigned Count = std::stoul(Before.substr(CountAt));
  EXPECT_NE(Ids.find("std::array<std::string_view, " + std::to_string(Count + 1) + ">"),
            std::string::npos);
  EXPECT_NE(Ids.find("    SomeNewThing,\n};"), std::string::npos) << Ids;

  std::string RuleSet = readFile(Tree.path("rules/default.yaml"));
  size_t Entry = RuleSet.find("  coldstart-some-new-thing:\n    pass: artifact\n"
                              "    category: package\n    severity: warning\n");
  ASSERT_NE(Entry, std::string::npos);
  // Inside the rules: section, before the next top-level key.
  EXPECT_LT(Entry, RuleSet.find("\nsource:"));

  EXPECT_NE(readFile(Tree.path("README.md"))
                .find("| | [coldstart-some-new-thing](docs/rules/coldstart-some-new-thing.md) |\n"),
            std::string::npos);

  std::string Page = readFile(Tree.path("docs/rules/coldstart-some-new-thing.md"));
  EXPECT_EQ(Page.rfind("# coldstart-some-new-thing\n\nA new thing is flagged.", 0), 0u) << Page;
  EXPECT_NE(Page.find("FIXME"), std::string::npos);
  std::string Test = readFile(Tree.path("tests/rules/new/SomeNewThingRuleTest.cpp"));
  EXPECT_NE(Test.find("GTEST_FAIL()"), std::string::npos) << Test;

  // The same id again changes nothing.
  ToolResult Again =
      newRule(Tree, {"coldstart-some-new-thing", "--pass", "artifact", "--category", "package"});
  EXPECT_EQ(Again.ExitCode, 2);
  EXPECT_NE(Again.Stderr.find("already"), std::string::npos) << Again.Stderr;
  EXPECT_EQ(readFile(Tree.path("rules/include/coldstart/rules/RuleIds.h")), Ids);
}

TEST(NewRuleScript, RefusesBadArguments) {
  TempDir Tree;
  copyRuleFiles(Tree);
  std::string IdsBefore = readFile(Tree.path("rules/include/coldstart/rules/RuleIds.h"));
  for (const std::vector<std::string> &Args : std::vector<std::vector<std::string>>{
           {"NotAnId", "--pass", "artifact", "--category", "package"},
           {"coldstart-x", "--pass", "both", "--category", "package"},
           {"coldstart-x", "--pass", "source", "--category", "Package"},
           {"coldstart-x", "--pass", "source", "--category", "client", "--severity", "fatal"},
           {"coldstart-x", "--pass", "source", "--category", "client", "--bogus"},
       }) {
    ToolResult R = newRule(Tree, Args);
    EXPECT_EQ(R.ExitCode, 2) << Args[0] << " " << Args[2];
    EXPECT_FALSE(R.Stderr.empty());
  }
  EXPECT_EQ(readFile(Tree.path("rules/include/coldstart/rules/RuleIds.h")), IdsBefore);
  EXPECT_FALSE(std::filesystem::exists(Tree.path("docs/rules/coldstart-x.md")));
}
