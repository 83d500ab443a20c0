// The `coldstart lint` command end to end: whole text and SARIF reports, exit statuses,
// compilation databases, parallel and sharded runs.
#include "LintTestSupport.h"
#include "coldstart/analyzer/LintDriver.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "RunTool.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace coldstart::test;

namespace {

using coldstart::test::TempDir;

/// Reports name files by absolute path; goldens say @ROOT@ for the source folder.
std::string withRootPlaceholder(std::string Text) {
  const std::string Root = sourceDir();
  for (size_t Pos = 0; (Pos = Text.find(Root, Pos)) != std::string::npos;)
    Text.replace(Pos, Root.size(), "@ROOT@");
  return Text;
}

std::string golden(const std::string &Name) {
  return readFile(sourceDir() + "/fixtures/lint/expected/" + Name);
}

/// compile_commands.json entries compiling each file with the fixture flags.
std::string database(const std::vector<std::string> &Files, const std::string &Extra = "") {
  llvm::json::Array Entries;
  for (const std::string &F : Files)
    Entries.push_back(
        llvm::json::Object{{"directory", sourceDir()},
                           {"file", F},
                           {"command", "/usr/bin/c++ -std=c++17 -isystem " + fixtureIncludeDir() +
                                           " " + Extra + " -c " + F + " -o /tmp/x.o"}});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::json::Value(std::move(Entries));
  return Out;
}

std::string caseFile(const std::string &Name) {
  return sourceDir() + "/fixtures/lint/cases/" + Name + ".cpp";
}

std::vector<std::string> fixtureFlags() {
  return {"--", "-std=c++17", "-isystem", fixtureIncludeDir()};
}

std::vector<std::string> lintFiles(const std::vector<std::string> &Options,
                                   const std::vector<std::string> &Cases) {
  std::vector<std::string> Args{"lint"};
  Args.insert(Args.end(), Options.begin(), Options.end());
  for (const std::string &C : Cases)
    Args.push_back(caseFile(C));
  for (const std::string &F : fixtureFlags())
    Args.push_back(F);
  return Args;
}

std::multiset<Expectation> findingsOf(const RunResult &R) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(R.Out);
  if (!V) {
    llvm::consumeError(V.takeError());
    ADD_FAILURE() << "not JSON:\n" << R.Out << R.Err;
    return {};
  }
  return actualFindings(*V);
}

TEST(LintCommand, TextReportWhole) {
  RunResult R = runColdstart(lintFiles({}, {"helper_returns_new_client"}));
  EXPECT_EQ(R.Status, 0) << R.Err;
  EXPECT_EQ(withRootPlaceholder(R.Out), golden("helper_returns_new_client.txt"));
}

TEST(LintCommand, SarifReportWhole) {
  RunResult R = runColdstart(lintFiles({"--format", "sarif"}, {"helper_returns_new_client"}));
  EXPECT_EQ(R.Status, 0) << R.Err;
  EXPECT_EQ(withRootPlaceholder(R.Out), golden("helper_returns_new_client.sarif"));
}

TEST(LintCommand, ExitStatusFollowsFailOn) {
  // Warnings only: clean under the default --fail-on error, failing under warning.
  EXPECT_EQ(runColdstart(lintFiles({}, {"regex_per_call"})).Status, 0);
  EXPECT_EQ(runColdstart(lintFiles({"--fail-on", "warning"}, {"regex_per_call"})).Status, 1);
  // A note (request-derived) fails only --fail-on note.
  EXPECT_EQ(
      runColdstart(lintFiles({"--fail-on", "warning"}, {"request_derived_through_helper"})).Status,
      1);
  EXPECT_EQ(runColdstart(lintFiles({"--fail-on", "note"}, {"ok_lazy_init_guard"})).Status, 0);
  // Aws::InitAPI per call is an error.
  EXPECT_EQ(runColdstart(lintFiles({}, {"sdk_init_in_handler"})).Status, 1);
}

// A NOLINTBEGIN never closed silences nothing: clang-tidy fails the run with an error, and so
// does lint (whatever --fail-on says), naming where the comment is.
TEST(LintCommand, UnmatchedNolintBeginFailsTheRun) {
  TempDir Dir;
  std::string Text = readFile(caseFile("client_local_in_handler"));
  size_t Handler = Text.find("static invocation_response");
  ASSERT_NE(Handler, std::string::npos);
  Text.insert(Handler, "// NOLINTBEGIN(coldstart-client-in-handler)\n");
  std::string Source = Dir.write("handler.cpp", Text);
  unsigned Line = static_cast<unsigned>(std::count(Text.begin(), Text.begin() + Handler, '\n')) + 1;

  std::vector<std::string> Args{"lint", "--format", "json", "--fail-on", "error", Source};
  for (const std::string &F : fixtureFlags())
    Args.push_back(F);
  RunResult R = runColdstart(Args);
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_NE(R.Err.find(Source + ":" + std::to_string(Line) +
                       ":4: unmatched 'NOLINTBEGIN' comment without a subsequent 'NOLINTEND' "
                       "comment: it silences nothing"),
            std::string::npos)
      << R.Err;
  // Nothing was silenced: both findings are still reported.
  EXPECT_EQ(findingsOf(R).size(), 2u) << R.Out;
}

TEST(LintCommand, CannotDoItsJobExitsTwo) {
  RunResult Missing = runColdstart({"lint", "no/such/file.cpp", "--", "-std=c++17"});
  EXPECT_EQ(Missing.Status, 2);
  EXPECT_NE(Missing.Err.find("no such file: 'no/such/file.cpp'"), std::string::npos) << Missing.Err;

  TempDir Dir;
  RunResult NoDb = runColdstart({"lint", "-p", Dir.path(), caseFile("regex_per_call")});
  EXPECT_EQ(NoDb.Status, 2);
  EXPECT_NE(NoDb.Err.find("compile_commands.json' does not exist"), std::string::npos) << NoDb.Err;

  Dir.write("compile_commands.json", "[{\"directory\": ");
  RunResult Broken = runColdstart({"lint", "-p", Dir.path(), caseFile("regex_per_call")});
  EXPECT_EQ(Broken.Status, 2);
  EXPECT_NE(Broken.Err.find("cannot read compilation database"), std::string::npos) << Broken.Err;

  Dir.write("compile_commands.json", database({caseFile("sqlite_per_call")}));
  RunResult NotInDb = runColdstart({"lint", "-p", Dir.path(), caseFile("regex_per_call")});
  EXPECT_EQ(NotInDb.Status, 2);
  EXPECT_NE(NotInDb.Err.find("is not in the compilation database"), std::string::npos)
      << NotInDb.Err;

  EXPECT_EQ(runColdstart(lintFiles({"--shard", "3/2"}, {"regex_per_call"})).Status, 2);
  EXPECT_EQ(runColdstart(lintFiles({"--format", "xml"}, {"regex_per_call"})).Status, 2);
  EXPECT_EQ(runColdstart({"lint"}).Status, 2);
}

TEST(LintCommand, ReadsCompilationDatabases) {
  TempDir Dir;
  std::vector<std::string> Files{caseFile("handler_ifdef_selected"), caseFile("regex_per_call")};
  Dir.write("compile_commands.json", database(Files, "-DUSE_DYNAMODB"));
  std::multiset<Expectation> Expected;
  for (const char *Name : {"handler_ifdef_selected", "regex_per_call"}) {
    FixtureCase C = findCase(Name);
    Expected.insert(C.Expected.begin(), C.Expected.end());
  }
  // Explicit -p with the files; -p alone analyses every file in the database.
  RunResult Explicit =
      runColdstart({"lint", "--format", "json", "-p", Dir.path(), Files[0], Files[1]});
  EXPECT_EQ(Explicit.Status, 0) << Explicit.Err;
  EXPECT_EQ(describe(findingsOf(Explicit)), describe(Expected));
  RunResult Whole = runColdstart({"lint", "--format", "json", "-p", Dir.path()});
  EXPECT_EQ(describe(findingsOf(Whole)), describe(Expected));
  // A database in the build folder next to a compile_commands.json file path works too.
  RunResult FilePath =
      runColdstart({"lint", "--format", "json", "-p", Dir.path("compile_commands.json")});
  EXPECT_EQ(describe(findingsOf(FilePath)), describe(Expected));
}

TEST(LintCommand, FindsTheDatabaseUpwardFromTheSources) {
  TempDir Dir;
  std::string Source = Dir.path("src/service/handler.cpp");
  Dir.write("src/service/handler.cpp", readFile(caseFile("regex_per_call")));
  Dir.write("compile_commands.json", database({Source}));
  RunResult R = runColdstart({"lint", "--format", "json", Source});
  EXPECT_EQ(R.Status, 0) << R.Err;
  std::multiset<Expectation> Found = findingsOf(R);
  ASSERT_EQ(Found.size(), 1u) << R.Out << R.Err;
  EXPECT_EQ(Found.begin()->Line, 9u);
  EXPECT_EQ(R.Err, "");
}

TEST(LintCommand, ParallelRunPrintsTheSerialReport) {
  std::vector<std::string> Cases{"allocation_forms",         "curl_per_call",
                                 "deep_call_chain",          "di_container_per_scope",
                                 "handler_map_of_functions", "model_file_loaded_per_call",
                                 "object_graph_rebuilt",     "request_derived_credentials",
                                 "thread_pool_per_call",     "wrapper_constructor_builds_client"};
  RunResult Serial = runColdstart(lintFiles({"--format", "json", "--jobs", "1"}, Cases));
  RunResult Parallel = runColdstart(lintFiles({"--format", "json", "--jobs", "2"}, Cases));
  EXPECT_EQ(Serial.Status, Parallel.Status);
  EXPECT_FALSE(findingsOf(Serial).empty());
  EXPECT_EQ(Serial.Out, Parallel.Out);
}

TEST(LintCommand, ShardsPartitionTheSources) {
  std::vector<std::string> Cases{"curl_per_call", "regex_per_call", "sqlite_per_call",
                                 "thread_pool_per_call", "pqxx_connection_per_call"};
  std::multiset<Expectation> All = findingsOf(runColdstart(lintFiles({"--format", "json"}, Cases)));
  std::multiset<Expectation> First =
      findingsOf(runColdstart(lintFiles({"--format", "json", "--shard", "1/2"}, Cases)));
  std::multiset<Expectation> Second =
      findingsOf(runColdstart(lintFiles({"--format", "json", "--shard", "2/2"}, Cases)));
  EXPECT_FALSE(First.empty());
  EXPECT_FALSE(Second.empty());
  std::multiset<Expectation> Union = First;
  Union.insert(Second.begin(), Second.end());
  EXPECT_EQ(describe(Union), describe(All));
  for (const Expectation &E : First)
    EXPECT_EQ(Second.count(E), 0u) << "in both shards: " << E.File << ":" << E.Line;
}

TEST(LintCommand, PartialAnalysisIsReportedInTheTextReport) {
  RunResult R = runColdstart(lintFiles({}, {"compile_error_partial"}));
  EXPECT_NE(R.Out.find("analysis was partial: 2 compile errors"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("'acme/does_not_exist.h' file not found"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("compile_error_partial.cpp:11:21: warning:"), std::string::npos) << R.Out;
}

TEST(LintDriver, FindsClangResourceHeaders) {
  std::string Dir = coldstart::analyzer::clangResourceDir();
  ASSERT_FALSE(Dir.empty());
  EXPECT_TRUE(llvm::sys::fs::exists(Dir + "/include/stddef.h"));
}

TEST(LintDriver, ParsesShards) {
  EXPECT_EQ(coldstart::analyzer::parseShard("2/3"), std::make_pair(2u, 3u));
  EXPECT_FALSE(coldstart::analyzer::parseShard("0/3"));
  EXPECT_FALSE(coldstart::analyzer::parseShard("4/3"));
  EXPECT_FALSE(coldstart::analyzer::parseShard("1"));
  EXPECT_FALSE(coldstart::analyzer::parseShard("a/b"));
}

} // namespace
