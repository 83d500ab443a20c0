// Loading user rule sets: merge semantics, every validation error with file:line:column, and
// discovery of .coldstart.yaml.
#include "coldstart/rules/Loader.h"

#include "RunTool.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart::rules;
using coldstart::test::TempDir;

namespace {

/// Overlays Text on the default and returns the result; fails the test on errors.
RuleSet merged(const std::string &Text) {
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  EXPECT_TRUE(mergeRuleSetText(R, Text, "user.yaml", Errors));
  for (const Diagnostic &D : Errors)
    ADD_FAILURE() << D.str();
  return R;
}

/// The errors Text produces, as "line:col: message".
std::vector<std::string> errorsOf(const std::string &Text) {
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(mergeRuleSetText(R, Text, "user.yaml", Errors));
  std::vector<std::string> Out;
  for (const Diagnostic &D : Errors) {
    EXPECT_EQ(D.File, "user.yaml");
    Out.push_back(std::to_string(D.Line) + ":" + std::to_string(D.Column) + ": " + D.Message);
  }
  return Out;
}

bool hasType(const RuleSet &R, const std::string &Kind, const std::string &Type) {
  const ResourceKind *K = R.resource(Kind);
  return K && std::any_of(K->Types.begin(), K->Types.end(),
                          [&](const NamePattern &P) { return P.text() == Type; });
}

::testing::AssertionResult startsWith(const std::string &S, const std::string &Prefix) {
  if (S.rfind(Prefix, 0) == 0)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << S << "' does not start with '" << Prefix << "'";
}

} // namespace

TEST(Merge, EmptyFileChangesNothing) {
  RuleSet R = merged("");
  EXPECT_EQ(R.Source.Resources.size(), defaultRuleSet().Source.Resources.size());
  EXPECT_EQ(R.Origins.back(), "user.yaml");
}

TEST(Merge, PlainListAddsTypesToAnExistingKind) {
  RuleSet R =
      merged("source:\n  resources:\n    aws-sdk-client:\n      types: [acme::S3Wrapper]\n");
  EXPECT_TRUE(hasType(R, "aws-sdk-client", "acme::S3Wrapper"));
  EXPECT_TRUE(hasType(R, "aws-sdk-client", "Aws::Client::AWSClient"));
}

TEST(Merge, RemoveDropsATypeAndReplaceStartsOver) {
  RuleSet R = merged("source:\n  resources:\n    regex:\n      types:\n        remove: "
                     "[re2::RE2]\n    thread-pool:\n      types:\n        replace: [acme::Pool]\n");
  EXPECT_FALSE(hasType(R, "regex", "re2::RE2"));
  EXPECT_TRUE(hasType(R, "regex", "std::basic_regex"));
  ASSERT_EQ(R.resource("thread-pool")->Types.size(), 1u);
  EXPECT_TRUE(hasType(R, "thread-pool", "acme::Pool"));
}

TEST(Merge, NewKindIsAddedWithItsRule) {
  RuleSet R = merged("source:\n  resources:\n    acme-clients:\n      rule: "
                     "coldstart-client-in-handler\n      what: in-house client\n      types: "
                     "['acme::*Client']\n      severity: error\n");
  const ResourceKind *K = R.resource("acme-clients");
  ASSERT_NE(K, nullptr);
  EXPECT_EQ(K->Rule, "coldstart-client-in-handler");
  EXPECT_TRUE(K->Types[0].matches("acme::net::HttpClient"));
  EXPECT_EQ(R.severityFor(K->Rule, K), Severity::Error);
  EXPECT_EQ(R.severityFor(K->Rule), Severity::Warning);
}

TEST(Merge, SeverityChangesAndOffDisables) {
  RuleSet R = merged("rules:\n  coldstart-client-in-handler: {severity: error}\n"
                     "  coldstart-unstripped-binary: {severity: off}\n"
                     "  coldstart-package-size: {enabled: false}\n");
  EXPECT_EQ(R.severityFor("coldstart-client-in-handler"), Severity::Error);
  EXPECT_FALSE(R.isEnabled("coldstart-unstripped-binary"));
  EXPECT_FALSE(R.isEnabled("coldstart-package-size"));
  EXPECT_TRUE(R.isEnabled("coldstart-connection-in-handler"));
}

TEST(Merge, KindCanBeDisabled) {
  RuleSet R = merged("source:\n  resources:\n    regex: {enabled: false}\n");
  EXPECT_FALSE(R.resource("regex")->Enabled);
}

TEST(Merge, HandlerListsAddAndRemove) {
  RuleSet R = merged("source:\n  handler-functions: [acme::handle]\n  handler-registrations:\n"
                     "    add: [acme::serve]\n");
  ASSERT_EQ(R.Source.HandlerFunctions.size(), 1u);
  EXPECT_TRUE(R.Source.HandlerFunctions[0].matches("acme::handle"));
  EXPECT_EQ(R.Source.HandlerRegistrations.size(), 2u);
  RuleSet S = merged("source:\n  handler-registrations:\n    remove: "
                     "[aws::lambda_runtime::run_handler]\n");
  EXPECT_TRUE(S.Source.HandlerRegistrations.empty());
}

TEST(Merge, ValuesOverrideAndSayWhereTheyWereSet) {
  RuleSet R = merged("limits:\n  warn-fraction: 0.5\n");
  const SourcedValue *V = R.sourcedValue("limits.warn-fraction");
  ASSERT_NE(V, nullptr);
  EXPECT_EQ(V->Value, 0.5);
  EXPECT_EQ(V->Source, "set in user.yaml:2");
  EXPECT_EQ(V->Unit, defaultRuleSet().sourcedValue("limits.warn-fraction")->Unit);
  RuleSet S = merged("limits:\n  layers: {value: 3, source: our policy}\n");
  EXPECT_EQ(S.value("limits.layers"), 3);
  EXPECT_EQ(S.sourcedValue("limits.layers")->Source, "our policy");
}

TEST(Merge, LaterFilesOverlayEarlierOnes) {
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  ASSERT_TRUE(mergeRuleSetText(R, "rules:\n  coldstart-client-in-handler: {severity: note}\n",
                               "a.yaml", Errors));
  ASSERT_TRUE(mergeRuleSetText(R, "rules:\n  coldstart-client-in-handler: {severity: error}\n",
                               "b.yaml", Errors));
  EXPECT_EQ(R.severityFor("coldstart-client-in-handler"), Severity::Error);
  EXPECT_EQ(R.Origins, (std::vector<std::string>{"bundled default", "a.yaml", "b.yaml"}));
}

TEST(Validation, AFailedMergeLeavesTheRuleSetUnchanged) {
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(mergeRuleSetText(
      R, "rules:\n  coldstart-client-in-handler: {severity: error}\nbogus: 1\n", "u.yaml", Errors));
  EXPECT_EQ(R.severityFor("coldstart-client-in-handler"), Severity::Warning);
}

TEST(Validation, SyntaxErrorsCarryLineAndColumn) {
  auto E = errorsOf("rules:\n  a: [1, 2\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:1: invalid YAML:"));
}

TEST(Validation, UnknownTopLevelKey) {
  auto E = errorsOf("version: 1\nrulez: {}\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "2:1: unknown key 'rulez' (expected one of: version, rules"));
}

TEST(Validation, TopLevelMustBeAMapping) {
  auto E = errorsOf("- a\n- b\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "1:1: a rule set must be a mapping"));
}

TEST(Validation, UnsupportedVersion) {
  auto E = errorsOf("version: 2\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "1:10: unsupported rule-set version"));
}

TEST(Validation, UnknownRuleId) {
  auto E = errorsOf("rules:\n  coldstart-made-up: {severity: error}\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "2:3: unknown rule id 'coldstart-made-up'"));
}

TEST(Validation, BadSeverityValue) {
  auto E = errorsOf("rules:\n  coldstart-client-in-handler:\n    severity: loud\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:15: 'severity' must be one of note, warning, error, off"));
}

TEST(Validation, UnknownKeyInARule) {
  auto E = errorsOf("rules:\n  coldstart-client-in-handler:\n    level: error\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:5: unknown key 'level'"));
}

TEST(Validation, WrongTypes) {
  auto E = errorsOf("rules: [a]\nsource:\n  report-system-headers: maybe\n  handler-functions: 5\n"
                    "limits:\n  layers: many\n");
  ASSERT_EQ(E.size(), 4u);
  EXPECT_TRUE(startsWith(E[0], "1:8: 'rules' must be a mapping, not a list"));
  EXPECT_TRUE(startsWith(E[1], "3:26: 'report-system-headers' must be true or false"));
  EXPECT_TRUE(startsWith(E[2], "4:22: 'handler-functions' must be a list of names"));
  EXPECT_TRUE(startsWith(E[3], "6:11: 'limits.layers' must be a finite number"));
}

TEST(Validation, BadNamesInLists) {
  auto E = errorsOf("source:\n  handler-functions: ['bad name', [nested], '']\n");
  ASSERT_EQ(E.size(), 3u);
  EXPECT_TRUE(startsWith(E[0], "2:23: 'bad name' in 'handler-functions' is not a qualified name"));
  EXPECT_TRUE(startsWith(E[1], "2:35: an entry of 'handler-functions' must be a string"));
  EXPECT_TRUE(startsWith(E[2], "2:45: '' in 'handler-functions' is not a qualified name"));
}

TEST(Validation, RemovingAnAbsentName) {
  auto E = errorsOf("source:\n  once-calls:\n    remove: [acme::once]\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:14: cannot remove 'acme::once' from 'once-calls'"));
}

TEST(Validation, NewKindNeedsRuleAndWhat) {
  auto E = errorsOf("source:\n  resources:\n    mine:\n      types: [acme::X]\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:5: new resource kind 'mine' needs 'rule' and 'what'"));
}

TEST(Validation, KindNeedsTypesOrCalls) {
  auto E = errorsOf("source:\n  resources:\n    mine:\n      rule: coldstart-client-in-handler\n"
                    "      what: x\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:5: resource kind 'mine' has neither 'types' nor 'calls'"));
}

TEST(Validation, KindRuleMustBeASourceRule) {
  auto E = errorsOf("source:\n  resources:\n    mine:\n      rule: coldstart-package-size\n"
                    "      what: x\n      calls: [f]\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "4:13: resource kinds belong to source rules"));
}

TEST(Validation, UnknownValueKeyListsTheKnownOnes) {
  auto E = errorsOf("limits:\n  zip-bytes: 5\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "2:3: unknown key 'zip-bytes' (expected one of: layers,"));
}

TEST(Validation, BadValues) {
  auto E = errorsOf("limits:\n  layers: -1\n  warn-fraction: 1.5\n  unzipped-bytes: {unit: MB}\n"
                    "  zipped-upload-bytes: .nan\n");
  ASSERT_EQ(E.size(), 4u);
  EXPECT_TRUE(startsWith(E[0], "2:11: 'limits.layers' must not be negative"));
  EXPECT_TRUE(startsWith(E[1], "3:18: 'limits.warn-fraction' is a fraction"));
  EXPECT_TRUE(startsWith(E[2], "4:19: 'limits.unzipped-bytes' needs a 'value'"));
  EXPECT_TRUE(startsWith(E[3], "5:24: 'limits.zipped-upload-bytes' must be a finite number"));
}

TEST(Validation, ReportsEveryErrorNotJustTheFirst) {
  auto E = errorsOf("a: 1\nb: 2\nrules:\n  nope: {}\n");
  EXPECT_EQ(E.size(), 3u);
}

TEST(Validation, DiagnosticsPrintLikeACompiler) {
  Diagnostic D{"rules.yaml", 4, 7, "unknown key 'x'"};
  EXPECT_EQ(D.str(), "rules.yaml:4:7: error: unknown key 'x'");
  Diagnostic NoPlace{"rules.yaml", 0, 0, "cannot read"};
  EXPECT_EQ(NoPlace.str(), "rules.yaml: error: cannot read");
}

TEST(Files, MissingDirectoryBinaryAndHugeFilesAreErrors) {
  TempDir Dir;
  EXPECT_EQ(validateRuleSetFile(Dir.path() + "/absent.yaml").at(0).Message,
            "cannot read rule set: no such file");
  EXPECT_EQ(validateRuleSetFile(Dir.path()).at(0).Message, "cannot read rule set: is a directory");
  std::string Binary = Dir.write("bin.yaml", std::string("a: \0\x01", 5));
  EXPECT_NE(validateRuleSetFile(Binary).at(0).Message.find("NUL"), std::string::npos);
  std::string Huge = Dir.write("huge.yaml", "# " + std::string(5 * 1024 * 1024, 'x') + "\n");
  EXPECT_NE(validateRuleSetFile(Huge).at(0).Message.find("larger than"), std::string::npos);
  std::string Good =
      Dir.write("good.yaml", "rules: {coldstart-client-in-handler: {severity: note}}");
  EXPECT_TRUE(validateRuleSetFile(Good).empty());
}

TEST(Files, DeepNestingIsAnErrorNotACrash) {
  TempDir Dir;
  std::string Deep = Dir.write("deep.yaml", std::string(100000, '[') + std::string(100000, ']'));
  auto E = validateRuleSetFile(Deep);
  ASSERT_FALSE(E.empty());
  EXPECT_EQ(E[0].File, Deep);
}

TEST(Files, AliasesAreResolvedWithoutBlowingUp) {
  // A "billion laughs" document: yaml-cpp shares aliased nodes, and the walker only visits the
  // keys the schema knows, so this ends in errors quickly.
  std::string Text = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char C = 'b'; C <= 'j'; ++C)
    Text += std::string(1, C) + ": &" + C + " [*" + char(C - 1) + ", *" + char(C - 1) + ", *" +
            char(C - 1) + ", *" + char(C - 1) + "]\n";
  Text += "source:\n  handler-functions: *j\n";
  auto E = errorsOf(Text);
  EXPECT_FALSE(E.empty());
}

TEST(Discovery, FindsTheNearestColdstartYamlUpward) {
  TempDir Dir;
  std::string Top = Dir.write(".coldstart.yaml", "rules: {coldstart-client-in-handler: "
                                                 "{severity: error}}\n");
  std::string Nested = Dir.write("svc/src/handler.cpp", "int x;\n");
  EXPECT_EQ(findUserRuleSet({Nested}), Top);
  std::string Closer = Dir.write("svc/.coldstart.yaml", "rules: {coldstart-client-in-handler: "
                                                        "{severity: note}}\n");
  EXPECT_EQ(findUserRuleSet({Nested}), Closer);

  std::vector<Diagnostic> Errors;
  auto R = loadEffectiveRuleSet(std::nullopt, {Nested}, Errors);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->severityFor("coldstart-client-in-handler"), Severity::Note);

  // An explicit --rules file wins over discovery.
  std::string Explicit = Dir.write("other.yaml", "");
  R = loadEffectiveRuleSet(Explicit, {Nested}, Errors);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->severityFor("coldstart-client-in-handler"), Severity::Warning);
}

TEST(Discovery, AMalformedDiscoveredFileIsAnError) {
  TempDir Dir;
  Dir.write(".coldstart.yaml", "rules: {oops: 1}\n");
  std::string Src = Dir.write("h.cpp", "");
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(loadEffectiveRuleSet(std::nullopt, {Src}, Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].File, Dir.path() + "/.coldstart.yaml");
  EXPECT_EQ(Errors[0].Line, 1);
}

TEST(ArgumentPolicy, BundledDownloadKindJudgesItsArguments) {
  const RuleSet R = defaultRuleSet();
  const ResourceKind *Download = R.resource("downloaded-object");
  ASSERT_NE(Download, nullptr);
  EXPECT_EQ(Download->Rule, "coldstart-download-in-handler");
  EXPECT_EQ(Download->Arguments, ArgumentPolicy::Invariant);
  auto Lists = [](const std::vector<NamePattern> &Names, const std::string &Name) {
    return std::any_of(Names.begin(), Names.end(),
                       [&](const NamePattern &P) { return P.matches(Name); });
  };
  EXPECT_TRUE(Lists(Download->InvariantCalls, "std::getenv"));
  EXPECT_TRUE(Lists(Download->CacheChecks, "std::filesystem::exists"));
  EXPECT_TRUE(Lists(Download->Calls, "Aws::S3::S3Client::GetObject"));
  EXPECT_FALSE(Lists(Download->Calls, "Aws::S3::S3Client::GetObjectAttributes"));
  // Every other kind keeps the default: reported whatever its arguments, a note when they come
  // from the request.
  for (const ResourceKind &K : R.Source.Resources)
    if (K.Name != "downloaded-object") {
      EXPECT_EQ(K.Arguments, ArgumentPolicy::Any) << K.Name;
      EXPECT_TRUE(K.InvariantCalls.empty() && K.CacheChecks.empty()) << K.Name;
    }
}

TEST(ArgumentPolicy, AKindCanSwitchPolicyAndExtendItsLists) {
  RuleSet R = merged("source:\n  resources:\n    downloaded-object:\n      arguments: any\n"
                     "    acme-fetch:\n      rule: coldstart-download-in-handler\n"
                     "      what: in-house blob fetch\n      calls: [acme::blob::Get]\n"
                     "      arguments: invariant\n      invariant-calls: [acme::config::Get]\n"
                     "      cache-checks: {add: [acme::cache::Has]}\n");
  EXPECT_EQ(R.resource("downloaded-object")->Arguments, ArgumentPolicy::Any);
  const ResourceKind *Mine = R.resource("acme-fetch");
  ASSERT_NE(Mine, nullptr);
  EXPECT_EQ(Mine->Arguments, ArgumentPolicy::Invariant);
  ASSERT_EQ(Mine->InvariantCalls.size(), 1u);
  EXPECT_EQ(Mine->InvariantCalls[0].text(), "acme::config::Get");
  ASSERT_EQ(Mine->CacheChecks.size(), 1u);
  EXPECT_EQ(Mine->CacheChecks[0].text(), "acme::cache::Has");
}

TEST(ArgumentPolicy, MalformedValuesAreErrorsWithTheirPlace) {
  auto E = errorsOf("source:\n  resources:\n    downloaded-object:\n      arguments: constant\n"
                    "    regex:\n      arguments: [invariant]\n"
                    "    model:\n      invariant-calls: getenv\n"
                    "    thread-pool:\n      cache-checks: ['not a name']\n"
                    "    http-client:\n      argument: any\n");
  ASSERT_EQ(E.size(), 5u);
  EXPECT_TRUE(startsWith(E[0], "4:18: 'arguments' must be one of any, invariant (got 'constant')"));
  EXPECT_TRUE(startsWith(E[1], "6:18: 'arguments' must be a string"));
  EXPECT_TRUE(startsWith(E[2], "8:24: 'model.invariant-calls' must be a list of names"));
  EXPECT_TRUE(startsWith(E[3], "10:22: 'not a name' in 'thread-pool.cache-checks' is not a "
                               "qualified name"));
  EXPECT_TRUE(startsWith(E[4], "12:7: unknown key 'argument'"));
  // A failed overlay changes nothing.
  RuleSet R = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(mergeRuleSetText(
      R, "source:\n  resources:\n    downloaded-object:\n      arguments: sometimes\n", "user.yaml",
      Errors));
  EXPECT_EQ(R.resource("downloaded-object")->Arguments, ArgumentPolicy::Invariant);
}

TEST(HandlerSignatures, BundledAndOverlaidSignaturesParse) {
  RuleSet R = merged("source:\n  handler-signatures:\n    add:\n"
                     "      - 'acme::Response(acme::Event, acme::Context)'\n");
  ASSERT_EQ(R.Source.HandlerSignatures.size(), 2u);
  auto Bundled = parseHandlerSignature(R.Source.HandlerSignatures[0].text());
  ASSERT_TRUE(Bundled);
  EXPECT_TRUE(Bundled->Returns.matches("aws::lambda_runtime::invocation_response"));
  ASSERT_EQ(Bundled->Params.size(), 1u);
  EXPECT_TRUE(Bundled->Params[0].matches("aws::lambda_runtime::invocation_request"));
  auto Mine = parseHandlerSignature(R.Source.HandlerSignatures[1].text());
  ASSERT_TRUE(Mine);
  ASSERT_EQ(Mine->Params.size(), 2u);
  EXPECT_TRUE(Mine->Params[1].matches("acme::Context"));
  EXPECT_TRUE(parseHandlerSignature("acme::Done()"));
}

TEST(HandlerSignatures, MalformedSignaturesAreErrorsWithTheirPlace) {
  for (const char *Bad : {"acme::Response", "acme::Response(acme::Event", "(acme::Event)",
                          "acme::Response(acme::Event,)", "acme::Response(const acme::Event &)"})
    EXPECT_FALSE(parseHandlerSignature(Bad)) << Bad;
  auto E = errorsOf("source:\n  handler-signatures:\n    - 'acme::Response(acme::Event'\n");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_TRUE(startsWith(E[0], "3:7: 'acme::Response(acme::Event' in 'handler-signatures' is "
                               "not a signature"))
      << E[0];
}
