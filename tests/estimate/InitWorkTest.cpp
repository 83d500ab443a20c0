// The estimate's init-code part: what the source pass finds main building before it registers
// the handler. The fixture is annotated (`INIT: kind...` on each line that must be listed), the
// costs are checked by hand against rule-set coefficients, and `coldstart inspect --source`
// carries the items into its report.
#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/estimate/Estimate.h"
#include "coldstart/rules/Loader.h"

#include "RunTool.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

using namespace coldstart;
using coldstart::test::runTool;
using coldstart::test::TempDir;

namespace {

const std::string FixtureDir = std::string(COLDSTART_SOURCE_DIR) + "/fixtures/estimate/init/";
const std::string Fixture = FixtureDir + "main_before_run_handler.cpp";
const std::string StandInHeaders = std::string(COLDSTART_SOURCE_DIR) + "/fixtures/lint/include";

analyzer::LintResult analyse(const std::string &Source) {
  analyzer::LintOptions O;
  O.Sources = {Source};
  // As the real SDK is installed: a system header, whose default arguments are the library's
  // own business (the lint fixtures are compiled the same way).
  O.CompilerArgs = std::vector<std::string>{"-std=c++17", "-isystem", StandInHeaders};
  O.ComputeFindings = false;
  O.ComputeInitWork = true;
  return analyzer::runLint(O, rules::defaultRuleSet());
}

/// (line, kind) for every `INIT: kind...` annotation of the file.
std::set<std::pair<unsigned, std::string>> annotations(const std::string &Path) {
  std::set<std::pair<unsigned, std::string>> Out;
  std::ifstream In(Path);
  std::string Line;
  for (unsigned No = 1; std::getline(In, Line); ++No) {
    size_t At = Line.find("// INIT:");
    if (At == std::string::npos)
      continue;
    std::istringstream Kinds(Line.substr(At + 8));
    for (std::string Kind; Kinds >> Kind;)
      Out.emplace(No, Kind);
  }
  return Out;
}

const report::EstimatePart &initCode(const report::Estimate &E) {
  for (const report::EstimatePart &P : E.Parts)
    if (P.Name == "init-code")
      return P;
  ADD_FAILURE() << "no init-code part";
  static const report::EstimatePart None;
  return None;
}

report::InitWorkItem item(const std::string &Kind, unsigned Line) {
  report::InitWorkItem I;
  I.Kind = Kind;
  I.KindWhat = Kind;
  I.Name = Kind;
  I.Where.File = "main.cpp";
  I.Where.Line = Line;
  I.Function = "main";
  return I;
}

} // namespace

class InitWorkFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(InitWorkFixture, ListsExactlyTheAnnotatedInitWork) {
  std::string Path = FixtureDir + GetParam() + ".cpp";
  analyzer::LintResult R = analyse(Path);
  ASSERT_FALSE(R.Error) << *R.Error;
  ASSERT_TRUE(R.InitWork->MainFound);
  std::set<std::pair<unsigned, std::string>> Found;
  for (const report::InitWorkItem &I : R.InitWork->Items) {
    EXPECT_EQ(I.Where.File, Path);
    Found.emplace(I.Where.Line, I.Kind);
  }
  std::set<std::pair<unsigned, std::string>> Expected = annotations(Path);
  ASSERT_FALSE(Expected.empty());
  EXPECT_EQ(Found, Expected);
}

INSTANTIATE_TEST_SUITE_P(Sources, InitWorkFixture,
                         ::testing::Values("main_before_run_handler",
                                           "downloads_before_run_handler",
                                           "handler_factory_in_registration", "static_variables"),
                         [](const ::testing::TestParamInfo<std::string> &Info) {
                           return Info.param;
                         });

TEST(InitWork, EachItemCarriesItsChainFromMain) {
  analyzer::LintResult R = analyse(Fixture);
  ASSERT_FALSE(R.Error) << *R.Error;
  const report::InitWorkItem *Client = nullptr;
  for (const report::InitWorkItem &I : R.InitWork->Items)
    if (I.Name == "Aws::S3::S3Client")
      Client = &I;
  ASSERT_NE(Client, nullptr);
  EXPECT_EQ(Client->Function, "Clients::Clients");
  ASSERT_GE(Client->Chain.size(), 3u);
  EXPECT_NE(Client->Chain.front().Note.find("'main'"), std::string::npos);
  EXPECT_NE(Client->Chain[1].Note.find("makeClients"), std::string::npos);
}

TEST(InitWork, StaticVariablesInitializersRunBeforeMain) {
  analyzer::LintResult R = analyse(FixtureDir + "static_variables.cpp");
  ASSERT_FALSE(R.Error) << *R.Error;
  const report::InitWorkItem *Curl = nullptr;
  for (const report::InitWorkItem &I : R.InitWork->Items)
    if (I.Name == "curl_global_init")
      Curl = &I;
  ASSERT_NE(Curl, nullptr);
  ASSERT_EQ(Curl->Chain.size(), 2u);
  EXPECT_EQ(Curl->Chain[0].Note,
            "the initializer of '(anonymous namespace)::TheCurlRuntime', which runs before main");
  EXPECT_NE(Curl->Chain[1].Note.find("CurlRuntime"), std::string::npos);
}

TEST(InitWork, SourcesWithoutMainSayInitCannotBeToldApart) {
  TempDir Dir;
  std::string Source = Dir.write("library.cpp", "#include <aws/core/Aws.h>\n"
                                                "void start() {\n"
                                                "  Aws::SDKOptions O;\n"
                                                "  Aws::InitAPI(O);\n"
                                                "}\n");
  analyzer::LintResult R = analyse(Source);
  ASSERT_FALSE(R.Error) << *R.Error;
  EXPECT_FALSE(R.InitWork->MainFound);
  EXPECT_TRUE(R.InitWork->Items.empty());
  report::Estimate E =
      estimate::estimateColdStart({}, rules::defaultRuleSet(), nullptr, 1769, &*R.InitWork);
  EXPECT_NE(initCode(E).Note.find("defines main()"), std::string::npos);
}

TEST(InitWork, KindsWithAnInitCostAreCostedAndTheOthersNamed) {
  rules::RuleSet Rules = rules::defaultRuleSet();
  std::vector<rules::Diagnostic> Errors;
  ASSERT_TRUE(rules::mergeRuleSetText(Rules,
                                      "source:\n"
                                      "  resources:\n"
                                      "    aws-sdk-client:\n"
                                      "      init-ms: {value: 12.5, unit: ms, source: our test}\n",
                                      "costs.yaml", Errors));
  report::InitWork Work;
  Work.MainFound = true;
  Work.Items = {item("aws-sdk-client", 3), item("aws-sdk-client", 4), item("regex", 5)};
  // 128 MB: the CPU factor is 13.8, and init code is not scaled by it (it waits on the network).
  report::Estimate E = estimate::estimateColdStart({}, Rules, nullptr, 128, &Work);
  const report::EstimatePart &P = initCode(E);
  ASSERT_EQ(P.Terms.size(), 1u);
  EXPECT_EQ(P.Terms[0].Quantity, 2);
  EXPECT_EQ(P.Terms[0].CoefficientKey, "source.resources.aws-sdk-client.init-ms");
  EXPECT_EQ(P.Terms[0].Source, "our test");
  EXPECT_DOUBLE_EQ(P.Ms, 25.0);
  EXPECT_EQ(P.Items.size(), 3u);
  EXPECT_NE(P.Note.find("compiled regular expression (1)"), std::string::npos);
  EXPECT_DOUBLE_EQ(E.ColdStartMs, 25.0); // nothing else counted for an empty artifact

  report::Estimate NoSources = estimate::estimateColdStart({}, Rules, nullptr, 128, nullptr);
  EXPECT_EQ(initCode(NoSources).Ms, 0);
  EXPECT_NE(initCode(NoSources).Note.find("no sources given"), std::string::npos);
}

TEST(InitWork, InitCostInAUserFileIsCheckedLikeEveryNumber) {
  rules::RuleSet Rules = rules::defaultRuleSet();
  std::vector<rules::Diagnostic> Errors;
  EXPECT_FALSE(rules::mergeRuleSetText(Rules,
                                       "source:\n"
                                       "  resources:\n"
                                       "    regex:\n"
                                       "      init-ms: -3\n",
                                       "bad.yaml", Errors));
  ASSERT_FALSE(Errors.empty());
  EXPECT_NE(Errors[0].str().find("bad.yaml:4:"), std::string::npos) << Errors[0].str();
  EXPECT_NE(Errors[0].str().find("must not be negative"), std::string::npos);

  Errors.clear();
  ASSERT_TRUE(rules::mergeRuleSetText(
      Rules, "source:\n  resources:\n    regex:\n      init-ms: 0.4\n", "mine.yaml", Errors));
  const rules::ResourceKind *Regex = Rules.resource("regex");
  ASSERT_TRUE(Regex && Regex->InitMs);
  EXPECT_EQ(Regex->InitMs->Value, 0.4);
  EXPECT_EQ(Regex->InitMs->Source, "set in mine.yaml:4");
}

TEST(InitWork, InspectWithSourcesReportsTheInitCodePart) {
  std::string Elf = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg/bootstrap";
  test::ToolResult R =
      runTool(COLDSTART_BIN, {"inspect", "--format", "json", "--source", Fixture, Elf, "--",
                              "-std=c++17", "-isystem", StandInHeaders});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  auto Doc = llvm::json::parse(R.Stdout);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *E = Doc->getAsObject()->getObject("estimate");
  ASSERT_NE(E, nullptr);
  EXPECT_TRUE(E->getObject("breakdown")->getNumber("init-code"));
  const llvm::json::Object *Part = nullptr;
  for (const llvm::json::Value &P : *E->getArray("parts"))
    if (P.getAsObject()->getString("name") == "init-code")
      Part = P.getAsObject();
  ASSERT_NE(Part, nullptr);
  const llvm::json::Array *Items = Part->getArray("items");
  ASSERT_NE(Items, nullptr);
  EXPECT_EQ(Items->size(), annotations(Fixture).size());
  const llvm::json::Object &First = *(*Items)[0].getAsObject();
  EXPECT_EQ(First.getString("file"), Fixture);
  EXPECT_TRUE(First.getInteger("line"));
  EXPECT_TRUE(First.getArray("chain"));
}

TEST(InitWork, BadSourceArgumentsExitTwoNamingTheProblem) {
  std::string Elf = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg/bootstrap";
  test::ToolResult Missing = runTool(
      COLDSTART_BIN, {"inspect", "--source", "/nonexistent/handler.cpp", Elf, "--", "-std=c++17"});
  EXPECT_EQ(Missing.ExitCode, 2);
  EXPECT_NE(Missing.Stderr.find("/nonexistent/handler.cpp"), std::string::npos) << Missing.Stderr;

  test::ToolResult DashWithoutSource = runTool(COLDSTART_BIN, {"inspect", Elf, "--", "-std=c++17"});
  EXPECT_EQ(DashWithoutSource.ExitCode, 2);
  EXPECT_NE(DashWithoutSource.Stderr.find("--source"), std::string::npos);
}

TEST(InitWork, OfSeveralProgramsTheMainThatRegistersAHandlerIsTheFunctions) {
  TempDir Dir;
  // A database of several programs: a unit test's main and a tool's main beside the function.
  std::string Test = Dir.write("test_main.cpp", "#include <curl/curl.h>\n"
                                                "int main() {\n"
                                                "  curl_global_init(CURL_GLOBAL_ALL);\n"
                                                "  return 0;\n"
                                                "}\n");
  analyzer::LintOptions O;
  O.Sources = {Fixture, Test};
  O.CompilerArgs = std::vector<std::string>{"-std=c++17", "-isystem", StandInHeaders};
  O.ComputeFindings = false;
  O.ComputeInitWork = true;
  analyzer::LintResult R = analyzer::runLint(O, rules::defaultRuleSet());
  ASSERT_FALSE(R.Error) << *R.Error;
  ASSERT_TRUE(R.InitWork->MainFound);
  EXPECT_EQ(R.InitWork->MainDefinitions, 2u);
  EXPECT_EQ(R.InitWork->Main.File, Fixture);
  for (const report::InitWorkItem &I : R.InitWork->Items)
    EXPECT_NE(I.Where.File, Test) << I.Name;
  ASSERT_FALSE(R.InitWork->Notes.empty());
  EXPECT_NE(R.InitWork->Notes.back().find("the one that registers a handler"), std::string::npos);

  // Two mains that both register handlers: neither is taken, and the note says how to choose.
  std::string Other = Dir.write(
      "other_function.cpp", "#include <aws/lambda-runtime/runtime.h>\n"
                            "#include <curl/curl.h>\n"
                            "using namespace aws::lambda_runtime;\n"
                            "static invocation_response h(invocation_request const &r) {\n"
                            "  return invocation_response::success(r.payload, \"text/plain\");\n"
                            "}\n"
                            "int main() {\n"
                            "  curl_global_init(CURL_GLOBAL_ALL);\n"
                            "  run_handler(h);\n"
                            "}\n");
  O.Sources = {Fixture, Other};
  analyzer::LintResult Both = analyzer::runLint(O, rules::defaultRuleSet());
  ASSERT_FALSE(Both.Error) << *Both.Error;
  EXPECT_FALSE(Both.InitWork->MainFound);
  EXPECT_TRUE(Both.InitWork->Items.empty());
  ASSERT_FALSE(Both.InitWork->Notes.empty());
  EXPECT_NE(Both.InitWork->Notes.back().find("--source"), std::string::npos);
  report::Estimate E =
      estimate::estimateColdStart({}, rules::defaultRuleSet(), nullptr, 1769, &*Both.InitWork);
  EXPECT_NE(initCode(E).Note.find("main() is defined 2 times"), std::string::npos)
      << initCode(E).Note;
}
