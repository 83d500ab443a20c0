// The coldstart command as a user runs it: help, version, the exit-status contract, and clear
// errors for bad flags and unreadable files.
#include "RunTool.h"
#include "coldstart/rules/RuleSet.h"

#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

using coldstart::test::runTool;
using coldstart::test::TempDir;
using coldstart::test::ToolResult;

static ToolResult runColdstart(const std::vector<std::string> &Args, const std::string &Dir = "") {
  return runTool(COLDSTART_BIN, Args, Dir);
}

TEST(Cli, VersionAndHelpExitZero) {
  ToolResult V = runColdstart({"--version"});
  EXPECT_EQ(V.ExitCode, 0);
  EXPECT_NE(V.Stdout.find("coldstart "), std::string::npos);
  ToolResult H = runColdstart({"--help"});
  EXPECT_EQ(H.ExitCode, 0);
  EXPECT_NE(H.Stdout.find("rules"), std::string::npos);
  // LLVM's own hundreds of options stay hidden.
  EXPECT_EQ(H.Stdout.find("--print-after"), std::string::npos);
  ToolResult RH = runColdstart({"rules", "--help"});
  EXPECT_EQ(RH.ExitCode, 0);
  EXPECT_NE(RH.Stdout.find("validate FILE"), std::string::npos);
}

TEST(Cli, NoSubcommandIsAUsageError) {
  ToolResult R = runColdstart({});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("no subcommand"), std::string::npos);
}

TEST(Cli, UnknownFlagIsExitTwo) {
  ToolResult R = runColdstart({"rules", "list", "--frobnicate"});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("--frobnicate"), std::string::npos);
  ToolResult S = runColdstart({"deploy"});
  EXPECT_EQ(S.ExitCode, 2);
  EXPECT_NE(S.Stderr.find("unknown subcommand 'deploy' (subcommands: "), std::string::npos)
      << S.Stderr;
}

TEST(Cli, AMistypedSubcommandGetsASuggestion) {
  ToolResult R = runColdstart({"lnit", "handler.cpp", "-p", "build"});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_EQ(R.Stderr, "coldstart: error: unknown subcommand 'lnit'; did you mean 'lint'?\n"
                      "Run 'coldstart --help' for usage.\n");
  ToolResult I = runColdstart({"inspct"});
  EXPECT_NE(I.Stderr.find("did you mean 'inspect'?"), std::string::npos) << I.Stderr;
}

TEST(Cli, InspectRefusesAMemorySizeOutsideLambdasRange) {
  // 0 is not "the default" once written: like measure, inspect refuses it.
  for (const char *Size : {"0", "100", "20000"}) {
    ToolResult R = runColdstart({"inspect", "--memory", Size, COLDSTART_BIN});
    EXPECT_EQ(R.ExitCode, 2) << Size;
    EXPECT_NE(R.Stderr.find("--memory must be between 128 and 10240 MB"), std::string::npos)
        << Size << ": " << R.Stderr;
  }
}

TEST(Cli, RulesActionsAreChecked) {
  EXPECT_EQ(runColdstart({"rules"}).ExitCode, 2);
  ToolResult R = runColdstart({"rules", "frob"});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("unknown action 'frob'"), std::string::npos);
  EXPECT_EQ(runColdstart({"rules", "validate"}).ExitCode, 2);
  EXPECT_EQ(runColdstart({"rules", "list", "extra"}).ExitCode, 2);
}

TEST(Cli, ValidateReportsFileLineColumnAndExitsTwo) {
  TempDir Dir;
  std::string Bad = Dir.write("bad.yaml", "rules:\n  coldstart-client-in-handler:\n"
                                          "    severity: loud\n");
  ToolResult R = runColdstart({"rules", "validate", Bad});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find(Bad + ":3:15: error: 'severity' must be one of"), std::string::npos)
      << R.Stderr;
  std::string Good = Dir.write("good.yaml", "rules:\n  coldstart-client-in-handler:\n"
                                            "    severity: error\n");
  ToolResult G = runColdstart({"rules", "validate", Good});
  EXPECT_EQ(G.ExitCode, 0) << G.Stderr;
}

TEST(Cli, UnreadableRuleFileIsExitTwo) {
  ToolResult R = runColdstart({"rules", "validate", "/nonexistent/rules.yaml"});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("/nonexistent/rules.yaml: error: cannot read rule set"),
            std::string::npos);
  ToolResult L = runColdstart({"rules", "list", "--rules", "/nonexistent/rules.yaml"});
  EXPECT_EQ(L.ExitCode, 2);
}

TEST(Cli, ListAsJsonReflectsOverrides) {
  TempDir Dir;
  std::string File =
      Dir.write("r.yaml", "rules:\n  coldstart-unstripped-binary: {severity: off}\n");
  ToolResult R = runColdstart({"rules", "list", "--format", "json", "--rules", File});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  auto Parsed = llvm::json::parse(R.Stdout);
  ASSERT_TRUE(bool(Parsed)) << llvm::toString(Parsed.takeError());
  const llvm::json::Array *Rules = Parsed->getAsObject()->getArray("rules");
  ASSERT_NE(Rules, nullptr);
  EXPECT_EQ(Rules->size(), coldstart::rules::knownRuleIds().size());
  bool Seen = false;
  for (const llvm::json::Value &V : *Rules) {
    const llvm::json::Object *O = V.getAsObject();
    if (O->getString("id") == "coldstart-unstripped-binary") {
      EXPECT_EQ(O->getString("severity"), "off");
      Seen = true;
    }
  }
  EXPECT_TRUE(Seen);
}

TEST(Cli, ListPicksUpColdstartYamlFromTheWorkingFolder) {
  TempDir Dir;
  Dir.write(".coldstart.yaml", "rules:\n  coldstart-package-size: {severity: note}\n");
  ToolResult R = runColdstart({"rules", "list"}, Dir.path());
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("coldstart-package-size               artifact  note"), std::string::npos)
      << R.Stdout;
}

TEST(Cli, ExplainPrintsTheDocumentationAndTheEffectiveConfiguration) {
  ToolResult R = runColdstart({"rules", "explain", "coldstart-client-in-handler"});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("coldstart-client-in-handler"), std::string::npos);
  EXPECT_NE(R.Stdout.find("Aws::Client::AWSClient"), std::string::npos);
  ToolResult U = runColdstart({"rules", "explain", "coldstart-nope"});
  EXPECT_EQ(U.ExitCode, 2);
  EXPECT_NE(U.Stderr.find("unknown rule id 'coldstart-nope'"), std::string::npos);
}
