// The bundled rule set and the rule-set model: every rule id is defined and documented, every
// number is sourced, name patterns match as documented.
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/Loader.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace coldstart::rules;

TEST(DefaultRuleSet, DefinesEveryRuleIdOfTheDesign) {
  const RuleSet &R = defaultRuleSet();
  for (const std::string &Id : knownRuleIds()) {
    const RuleInfo *Info = R.rule(Id);
    ASSERT_NE(Info, nullptr) << Id;
    EXPECT_TRUE(Info->Pass == "source" || Info->Pass == "artifact") << Id;
    EXPECT_FALSE(Info->Summary.empty()) << Id;
    EXPECT_FALSE(Info->Description.empty()) << Id;
    EXPECT_FALSE(Info->Category.empty()) << Id;
    EXPECT_EQ(Info->HelpUri, "docs/rules/" + Id + ".md");
  }
  EXPECT_EQ(R.Rules.size(), knownRuleIds().size());
}

TEST(DefaultRuleSet, EveryRuleHasADocumentationPage) {
  for (const std::string &Id : knownRuleIds())
    EXPECT_TRUE(
        std::filesystem::exists(std::string(COLDSTART_SOURCE_DIR) + "/docs/rules/" + Id + ".md"))
        << Id;
}

TEST(DefaultRuleSet, EveryNumberCarriesItsSource) {
  const RuleSet &R = defaultRuleSet();
  EXPECT_FALSE(R.Values.empty());
  for (const auto &[Key, V] : R.Values) {
    EXPECT_FALSE(V.Source.empty()) << Key;
    EXPECT_FALSE(V.Unit.empty()) << Key;
  }
}

TEST(DefaultRuleSet, HoldsLambdaQuotas) {
  const RuleSet &R = defaultRuleSet();
  EXPECT_EQ(R.value("limits.zipped-upload-bytes"), 50.0 * 1024 * 1024);
  EXPECT_EQ(R.value("limits.unzipped-bytes"), 250.0 * 1024 * 1024);
  EXPECT_EQ(R.value("limits.layers"), 5);
}

TEST(DefaultRuleSet, ResourceKindsPointAtSourceRules) {
  const RuleSet &R = defaultRuleSet();
  EXPECT_FALSE(R.Source.Resources.empty());
  for (const ResourceKind &K : R.Source.Resources) {
    const RuleInfo *Info = R.rule(K.Rule);
    ASSERT_NE(Info, nullptr) << K.Name;
    EXPECT_EQ(Info->Pass, "source") << K.Name;
    EXPECT_FALSE(K.What.empty()) << K.Name;
    EXPECT_FALSE(K.Fix.empty()) << K.Name;
    EXPECT_FALSE(K.Types.empty() && K.Calls.empty()) << K.Name;
  }
  ASSERT_FALSE(R.Source.HandlerRegistrations.empty());
  EXPECT_TRUE(R.Source.HandlerRegistrations[0].matches("aws::lambda_runtime::run_handler"));
}

TEST(DefaultRuleSet, SeedsTheResourcesRealFunctionsBuild) {
  const RuleSet &R = defaultRuleSet();
  auto CoveredType = [&](const std::string &Name, const std::string &Rule) {
    for (const ResourceKind &K : R.Source.Resources)
      for (const NamePattern &P : K.Types)
        if (P.matches(Name))
          return K.Rule == Rule;
    return false;
  };
  auto CoveredCall = [&](const std::string &Name, const std::string &Rule) {
    for (const ResourceKind &K : R.Source.Resources)
      for (const NamePattern &P : K.Calls)
        if (P.matches(Name))
          return K.Rule == Rule;
    return false;
  };
  EXPECT_TRUE(CoveredType("Aws::Client::AWSClient", "coldstart-client-in-handler"));
  EXPECT_TRUE(CoveredType("Aws::Client::ClientConfiguration", "coldstart-client-in-handler"));
  EXPECT_TRUE(CoveredCall("Aws::InitAPI", "coldstart-sdk-init-in-handler"));
  EXPECT_TRUE(CoveredCall("curl_global_init", "coldstart-sdk-init-in-handler"));
  EXPECT_TRUE(CoveredCall("curl_easy_init", "coldstart-client-in-handler"));
  EXPECT_TRUE(CoveredCall("PQconnectdb", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredType("pqxx::connection", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredCall("sqlite3_open_v2", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredCall("redisConnect", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredCall("mysql_real_connect", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredType("mongocxx::client", "coldstart-connection-in-handler"));
  EXPECT_TRUE(CoveredType("std::basic_regex", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredType("boost::basic_regex", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredType("Ort::Session", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredCall("torch::jit::load", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredCall("cv::dnn::readNetFromONNX", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(
      CoveredCall("whisper_init_from_file_with_params", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredType("acme::WorkerThreadPool", "coldstart-heavy-object-in-handler"));
  EXPECT_TRUE(CoveredType("std::basic_ifstream", "coldstart-heavy-object-in-handler"));
}

TEST(NamePattern, ExactNamesIgnoreALeadingGlobalQualifier) {
  NamePattern P("::Aws::InitAPI");
  EXPECT_FALSE(P.isGlob());
  EXPECT_TRUE(P.matches("Aws::InitAPI"));
  EXPECT_TRUE(P.matches("::Aws::InitAPI"));
  EXPECT_FALSE(P.matches("Aws::InitAPIx"));
  EXPECT_FALSE(P.matches("My::Aws::InitAPI"));
}

TEST(NamePattern, StarCrossesNamespaceSeparators) {
  NamePattern P("*Client");
  EXPECT_TRUE(P.isGlob());
  EXPECT_TRUE(P.matches("acme::HttpClient"));
  EXPECT_TRUE(P.matches("Client"));
  EXPECT_FALSE(P.matches("acme::ClientPool"));
  NamePattern Q("acme::*Pool?");
  EXPECT_TRUE(Q.matches("acme::net::ConnPools"));
  EXPECT_FALSE(Q.matches("acme::Pool"));
  EXPECT_FALSE(Q.matches("other::ConnPools"));
}

TEST(NamePattern, HostilePatternsStayLinear) {
  NamePattern P("*a*a*a*a*a*a*a*a*a*a*a*a*b");
  std::string Name(5000, 'a');
  EXPECT_FALSE(P.matches(Name)); // returns promptly; exponential backtracking would not
}

TEST(Severity, ParsesAndPrints) {
  EXPECT_EQ(parseSeverity("note"), Severity::Note);
  EXPECT_EQ(parseSeverity("warning"), Severity::Warning);
  EXPECT_EQ(parseSeverity("error"), Severity::Error);
  EXPECT_FALSE(parseSeverity("Error"));
  EXPECT_EQ(toString(Severity::Warning), "warning");
}
