// NOLINT parsing as clang-tidy spells it, on plain text.
#include "coldstart/analyzer/Nolint.h"

#include <gtest/gtest.h>

using coldstart::analyzer::globListMatches;
using coldstart::analyzer::NolintIndex;

namespace {

constexpr const char *Client = "coldstart-client-in-handler";
constexpr const char *Heavy = "coldstart-heavy-object-in-handler";

TEST(Nolint, BareNolintSilencesEveryRuleOnItsLineOnly) {
  NolintIndex I("a();\nb(); // NOLINT\nc();\n");
  EXPECT_FALSE(I.suppresses(1, Client));
  EXPECT_TRUE(I.suppresses(2, Client));
  EXPECT_TRUE(I.suppresses(2, Heavy));
  EXPECT_FALSE(I.suppresses(3, Client));
}

TEST(Nolint, CheckListSelectsRules) {
  NolintIndex I("x; // NOLINT(coldstart-client-in-handler)\n"
                "y; // NOLINT(bugprone-*, coldstart-heavy-*)\n");
  EXPECT_TRUE(I.suppresses(1, Client));
  EXPECT_FALSE(I.suppresses(1, Heavy));
  EXPECT_FALSE(I.suppresses(2, Client));
  EXPECT_TRUE(I.suppresses(2, Heavy));
}

TEST(Nolint, NextLineAppliesToTheFollowingLine) {
  NolintIndex I("// NOLINTNEXTLINE(coldstart-*)\nclient();\nagain();\n");
  EXPECT_FALSE(I.suppresses(1, Client));
  EXPECT_TRUE(I.suppresses(2, Client));
  EXPECT_FALSE(I.suppresses(3, Client));
}

TEST(Nolint, BeginEndRangesPairByCheckList) {
  NolintIndex I("// NOLINTBEGIN(coldstart-client-*)\n"
                "a();\n"
                "// NOLINTBEGIN\n"
                "b();\n"
                "// NOLINTEND\n"
                "c();\n"
                "// NOLINTEND(coldstart-client-*)\n"
                "d();\n");
  EXPECT_TRUE(I.suppresses(2, Client));
  EXPECT_FALSE(I.suppresses(2, Heavy));
  EXPECT_TRUE(I.suppresses(4, Heavy));
  EXPECT_FALSE(I.suppresses(6, Heavy));
  EXPECT_TRUE(I.suppresses(6, Client));
  EXPECT_FALSE(I.suppresses(8, Client));
}

TEST(Nolint, UnmatchedOrMalformedDirectivesSilenceNothing) {
  NolintIndex Unclosed("// NOLINTBEGIN\na();\n");
  EXPECT_FALSE(Unclosed.suppresses(2, Client));
  NolintIndex StrayEnd("a();\n// NOLINTEND\n");
  EXPECT_FALSE(StrayEnd.suppresses(1, Client));
  NolintIndex NoCloseParen("a(); // NOLINT(coldstart-client-in-handler\n");
  EXPECT_FALSE(NoCloseParen.suppresses(1, Client));
}

TEST(Nolint, GlobListsAddChecksAndIgnoreNegativeGlobsAsClangTidyDoes) {
  EXPECT_TRUE(globListMatches("coldstart-*", Client));
  // clang-tidy 19 drops negative globs from NOLINT lists, so "coldstart-*" still applies.
  EXPECT_TRUE(globListMatches("coldstart-*,-coldstart-client-*", Client));
  EXPECT_FALSE(globListMatches("-coldstart-client-*", Client));
  EXPECT_TRUE(globListMatches("-coldstart-*, coldstart-client-in-handler", Client));
  EXPECT_FALSE(globListMatches("", Client));
  EXPECT_TRUE(globListMatches("*", Heavy));
  EXPECT_FALSE(globListMatches("coldstart-client", Client));
}

} // namespace

namespace {

TEST(Nolint, UnmatchedBeginAndEndAreProblemsWhereClangTidyPutsThem) {
  NolintIndex I("a;\n"
                "  // NOLINTBEGIN(coldstart-client-in-handler)\n"
                "b;\n"
                "// NOLINTEND(coldstart-client-in-handlr)\n"
                "/* NOLINTBEGIN */ c; /* NOLINTEND */\n");
  ASSERT_EQ(I.unmatched().size(), 2u);
  EXPECT_EQ(I.unmatched()[0].Line, 2u);
  EXPECT_EQ(I.unmatched()[0].Column, 6u);
  EXPECT_EQ(I.unmatched()[0].Message,
            "unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' comment");
  EXPECT_EQ(I.unmatched()[1].Line, 4u);
  EXPECT_EQ(I.unmatched()[1].Column, 4u);
  EXPECT_EQ(I.unmatched()[1].Message,
            "unmatched 'NOLINTEND' comment without a previous 'NOLINTBEGIN' comment");
  // The matched pair on line 5 is no problem, and silences its line.
  EXPECT_TRUE(I.suppresses(5, Client));
  EXPECT_TRUE(NolintIndex("x; // NOLINT\n").unmatched().empty());
}

} // namespace
