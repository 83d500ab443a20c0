// The clang-tidy checks' options turned into a rule set, without clang-tidy: lists, the
// rule-set file (explicit, relative, found upward), added and removed names, and the errors.
#include "TidyConfig.h"

#include "coldstart/rules/Loader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "RunTool.h"

#include <gtest/gtest.h>

using namespace coldstart;
using namespace coldstart::tidy;

namespace {

using coldstart::test::TempDir;

const rules::ResourceKind *kind(const rules::RuleSet &R, const std::string &Name) {
  for (const rules::ResourceKind &K : R.Source.Resources)
    if (K.Name == Name)
      return &K;
  return nullptr;
}

bool holds(const std::vector<rules::NamePattern> &List, const std::string &Text) {
  for (const rules::NamePattern &P : List)
    if (P.text() == Text)
      return true;
  return false;
}

TEST(TidyConfig, SplitListTrimsAndDropsEmptyItems) {
  EXPECT_EQ(splitList(" acme::Client ; ;acme::*Pool;"),
            (std::vector<std::string>{"acme::Client", "acme::*Pool"}));
  EXPECT_TRUE(splitList("").empty());
  EXPECT_TRUE(splitList(" ; ").empty());
}

TEST(TidyConfig, NoOptionsIsTheBundledDefault) {
  EffectiveRuleSet E = buildRuleSet(TidySettings(), "");
  ASSERT_TRUE(E.Rules);
  EXPECT_TRUE(E.Errors.empty());
  EXPECT_TRUE(E.Warnings.empty());
  EXPECT_TRUE(E.Origin.empty());
  const rules::RuleSet &Default = rules::defaultRuleSet();
  ASSERT_EQ(E.Rules->Source.Resources.size(), Default.Source.Resources.size());
  for (size_t I = 0; I < Default.Source.Resources.size(); ++I) {
    EXPECT_EQ(E.Rules->Source.Resources[I].Name, Default.Source.Resources[I].Name);
    EXPECT_EQ(E.Rules->Source.Resources[I].Types, Default.Source.Resources[I].Types);
  }
  EXPECT_EQ(E.Rules->Source.HandlerRegistrations, Default.Source.HandlerRegistrations);
}

TEST(TidyConfig, AddedNamesFormAKindOfTheirOwnMatchedFirst) {
  TidySettings S;
  S.PerRule["coldstart-client-in-handler"].AddTypes = "acme::ApiClient; ::acme::*Session";
  S.PerRule["coldstart-heavy-object-in-handler"].AddCalls = "acme::loadModel";
  EffectiveRuleSet E = buildRuleSet(S, "");
  ASSERT_TRUE(E.Rules);
  const std::vector<rules::ResourceKind> &Kinds = E.Rules->Source.Resources;
  ASSERT_GE(Kinds.size(), 2u);
  // Both added kinds come before every kind of the rule set.
  EXPECT_EQ(Kinds[0].Name, addedKindName("coldstart-client-in-handler"));
  EXPECT_EQ(Kinds[1].Name, addedKindName("coldstart-heavy-object-in-handler"));
  const rules::ResourceKind *Client = kind(*E.Rules, addedKindName("coldstart-client-in-handler"));
  ASSERT_TRUE(Client);
  EXPECT_EQ(Client->Rule, "coldstart-client-in-handler");
  EXPECT_EQ(Client->What, "client");
  EXPECT_FALSE(Client->Why.empty());
  EXPECT_FALSE(Client->Fix.empty());
  EXPECT_TRUE(holds(Client->Types, "acme::ApiClient"));
  EXPECT_TRUE(holds(Client->Types, "acme::*Session")); // the leading :: is dropped
  EXPECT_TRUE(Client->Calls.empty());
  const rules::ResourceKind *Heavy =
      kind(*E.Rules, addedKindName("coldstart-heavy-object-in-handler"));
  ASSERT_TRUE(Heavy);
  EXPECT_TRUE(holds(Heavy->Calls, "acme::loadModel"));
  EXPECT_EQ(Heavy->What, "heavy object");
}

TEST(TidyConfig, RemovedNamesLeaveOnlyThatRulesLists) {
  TidySettings S;
  S.PerRule["coldstart-heavy-object-in-handler"].RemoveTypes = "std::basic_regex";
  S.PerRule["coldstart-heavy-object-in-handler"].RemoveCalls = "regcomp";
  // A client type is not the connection rule's to remove.
  S.PerRule["coldstart-connection-in-handler"].RemoveTypes = "Aws::Client::AWSClient";
  EffectiveRuleSet E = buildRuleSet(S, "");
  ASSERT_TRUE(E.Rules);
  const rules::ResourceKind *Regex = kind(*E.Rules, "regex");
  ASSERT_TRUE(Regex);
  EXPECT_FALSE(holds(Regex->Types, "std::basic_regex"));
  EXPECT_TRUE(holds(Regex->Types, "re2::RE2"));
  EXPECT_FALSE(holds(Regex->Calls, "regcomp"));
  const rules::ResourceKind *Sdk = kind(*E.Rules, "aws-sdk-client");
  ASSERT_TRUE(Sdk);
  EXPECT_TRUE(holds(Sdk->Types, "Aws::Client::AWSClient"));
  ASSERT_EQ(E.Warnings.size(), 1u);
  EXPECT_NE(E.Warnings[0].find("coldstart-connection-in-handler.RemoveTypes"), std::string::npos)
      << E.Warnings[0];
  EXPECT_NE(E.Warnings[0].find("Aws::Client::AWSClient"), std::string::npos) << E.Warnings[0];
}

TEST(TidyConfig, HandlerListsAreAddedAndRemoved) {
  TidySettings S;
  S.AddHandlerFunctions = "acme::lambda::Handle";
  S.AddHandlerRegistrations = "acme::serve";
  S.RemoveHandlerRegistrations = "aws::lambda_runtime::run_handler";
  S.RemoveHandlerFunctions = "not::listed";
  EffectiveRuleSet E = buildRuleSet(S, "");
  ASSERT_TRUE(E.Rules);
  EXPECT_TRUE(holds(E.Rules->Source.HandlerFunctions, "acme::lambda::Handle"));
  EXPECT_TRUE(holds(E.Rules->Source.HandlerRegistrations, "acme::serve"));
  EXPECT_FALSE(holds(E.Rules->Source.HandlerRegistrations, "aws::lambda_runtime::run_handler"));
  ASSERT_EQ(E.Warnings.size(), 1u);
  EXPECT_NE(E.Warnings[0].find("RemoveHandlerFunctions"), std::string::npos);
}

TEST(TidyConfig, RuleSetFileIsOverlaidAndNamedAsOrigin) {
  TempDir T;
  std::string File = T.write("rules.yaml", "version: 1\n"
                                           "rules:\n"
                                           "  coldstart-heavy-object-in-handler:\n"
                                           "    severity: error\n"
                                           "source:\n"
                                           "  handler-functions: [acme::Handle]\n");
  TidySettings S;
  S.RuleSetFile = File;
  EffectiveRuleSet E = buildRuleSet(S, ruleSetFileFor(S, T.path("src/main.cpp"), ""));
  ASSERT_TRUE(E.Rules) << (E.Errors.empty() ? "" : E.Errors[0]);
  EXPECT_EQ(E.Origin, File);
  EXPECT_EQ(E.Rules->severityFor("coldstart-heavy-object-in-handler"), rules::Severity::Error);
  EXPECT_TRUE(holds(E.Rules->Source.HandlerFunctions, "acme::Handle"));
}

TEST(TidyConfig, InvalidRuleSetFileIsAnErrorWithItsPlace) {
  TempDir T;
  std::string File = T.write("bad.yaml", "version: 1\nrules:\n  coldstart-nonsense: {}\n");
  TidySettings S;
  S.RuleSetFile = File;
  EffectiveRuleSet E = buildRuleSet(S, File);
  EXPECT_FALSE(E.Rules);
  ASSERT_FALSE(E.Errors.empty());
  EXPECT_NE(E.Errors[0].find(File + ":3:"), std::string::npos) << E.Errors[0];

  S.RuleSetFile = T.path("missing.yaml");
  EffectiveRuleSet Missing = buildRuleSet(S, S.RuleSetFile);
  EXPECT_FALSE(Missing.Rules);
  ASSERT_FALSE(Missing.Errors.empty());
  EXPECT_NE(Missing.Errors[0].find("missing.yaml"), std::string::npos) << Missing.Errors[0];
}

TEST(TidyConfig, RelativeRuleSetIsFoundAboveTheMainFileThenInTheWorkingFolder) {
  TempDir T;
  std::string Root = T.write("tools/coldstart.yaml", "version: 1\n");
  std::string Main = T.write("service/src/handler.cpp", "");
  EXPECT_EQ(resolveRuleSetFile("tools/coldstart.yaml", Main, "/nonexistent"), Root);
  // Not above the main file: the working folder.
  std::string Other = T.write("build/tools/coldstart.yaml", "version: 1\n");
  EXPECT_EQ(resolveRuleSetFile("tools/coldstart.yaml", "/nonexistent/x.cpp", T.path("build")),
            Other);
  // Found nowhere: as written, so the error names it.
  EXPECT_EQ(resolveRuleSetFile("nowhere.yaml", Main, T.path()), "nowhere.yaml");
  EXPECT_EQ(resolveRuleSetFile("/abs/rules.yaml", Main, T.path()), "/abs/rules.yaml");
  EXPECT_EQ(resolveRuleSetFile("", Main, T.path()), "");
}

TEST(TidyConfig, WithoutRuleSetTheNearestColdstartYamlApplies) {
  TempDir T;
  std::string Project = T.write(".coldstart.yaml", "version: 1\n");
  std::string Main = T.write("src/handler.cpp", "");
  EXPECT_EQ(ruleSetFileFor(TidySettings(), Main, ""), Project);
  TidySettings Explicit;
  Explicit.RuleSetFile = T.write("other.yaml", "version: 1\n");
  EXPECT_EQ(ruleSetFileFor(Explicit, Main, ""), Explicit.RuleSetFile);
}

TEST(TidyConfig, KeyFollowsSettingsAndFileText) {
  TempDir T;
  std::string File = T.write("rules.yaml", "version: 1\n");
  TidySettings A, B;
  B.PerRule["coldstart-client-in-handler"].AddTypes = "acme::Client";
  EXPECT_NE(ruleSetKey(A, ""), ruleSetKey(B, ""));
  EXPECT_EQ(ruleSetKey(B, ""), ruleSetKey(B, ""));
  std::string Before = ruleSetKey(A, File);
  T.write("rules.yaml", "version: 1\nsource:\n  handler-functions: [acme::Handle]\n");
  EXPECT_NE(ruleSetKey(A, File), Before);
  // A value cannot pose as a separator of two others.
  TidySettings C, D;
  C.AddHandlerFunctions = "a;";
  C.RemoveHandlerFunctions = "b";
  D.AddHandlerFunctions = "a";
  D.RemoveHandlerFunctions = ";b";
  EXPECT_NE(C.key(), D.key());
}

} // namespace
