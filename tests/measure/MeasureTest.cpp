// `coldstart measure` against a real libcurl bootstrap (fixtures/measure): cold and warm paths,
// init errors, crashes, hangs past --timeout, protocol violations, zips and hostile zips.
#include "RunTool.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace coldstart::test;

namespace {

const std::string Package = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg";

struct Measured {
  ToolResult Run;
  llvm::json::Object Doc;
};

Measured measure(const std::string &Handler, std::vector<std::string> Extra = {},
                 const std::string &Artifact = Package) {
  std::vector<std::string> Args = {"measure", "--format", "json", "--handler", Handler};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  Args.push_back(Artifact);
  Measured M;
  M.Run = runTool(COLDSTART_BIN, Args);
  auto Parsed = llvm::json::parse(M.Run.Stdout);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    ADD_FAILURE() << "not JSON: " << M.Run.Stdout << "\nstderr: " << M.Run.Stderr;
    return M;
  }
  M.Doc = std::move(*Parsed->getAsObject());
  return M;
}

const llvm::json::Object &firstError(const llvm::json::Object &Doc) {
  static const llvm::json::Object None;
  const llvm::json::Array *Errors = Doc.getArray("errors");
  if (!Errors || Errors->empty() || !(*Errors)[0].getAsObject())
    return None;
  return *(*Errors)[0].getAsObject();
}

} // namespace

TEST(Measure, ColdAndWarmRunsOfARealBootstrap) {
  Measured M = measure("echo", {"--cold", "3", "--warm", "5"});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  EXPECT_EQ(M.Doc.getInteger("cold_runs"), 3);
  EXPECT_EQ(M.Doc.getInteger("warm_runs"), 5);
  const llvm::json::Object *Init = M.Doc.getObject("init_ms");
  const llvm::json::Object *Invoke = M.Doc.getObject("invoke_ms");
  ASSERT_TRUE(Init && Invoke);
  for (const char *Field : {"median", "p90", "min", "max"}) {
    EXPECT_GT(*Init->getNumber(Field), 0) << Field;
    EXPECT_GT(*Invoke->getNumber(Field), 0) << Field;
  }
  EXPECT_LE(*Init->getNumber("min"), *Init->getNumber("median"));
  EXPECT_LE(*Init->getNumber("median"), *Init->getNumber("max"));
  EXPECT_EQ(M.Doc.getObject("samples")->getArray("init_ms")->size(), 3u);
  EXPECT_GT(*M.Doc.getInteger("max_rss_bytes"), 0);
  // The bootstrap's own memory, not coldstart's (a spawned child shares its parent's memory
  // until exec; the fixture itself needs a few MiB).
  EXPECT_LT(*M.Doc.getInteger("max_rss_bytes"), 48 << 20);
  EXPECT_GE(*M.Doc.getObject("estimate")->getNumber("cold_start_ms"), 0);
  EXPECT_TRUE(M.Doc.getArray("errors")->empty());
}

TEST(Measure, InitTimeCoversWhatTheBootstrapDoesBeforeAskingForAnEvent) {
  Measured M = measure("slow-init:300", {"--cold", "2", "--warm", "0"});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  EXPECT_GE(*M.Doc.getObject("init_ms")->getNumber("min"), 300.0);
  EXPECT_EQ(M.Doc.getInteger("warm_runs"), 0);
  EXPECT_EQ(M.Doc.get("invoke_ms")->kind(), llvm::json::Value::Null);
}

TEST(Measure, InitErrorIsReportedWithTheBootstrapsOutput) {
  Measured M = measure("init-error", {"--cold", "1"});
  EXPECT_EQ(M.Run.ExitCode, 1);
  const llvm::json::Object &E = firstError(M.Doc);
  EXPECT_EQ(E.getString("kind"), "init-error");
  EXPECT_EQ(E.getString("phase"), "init");
  EXPECT_NE(E.getString("message")->find("ConfigError"), llvm::StringRef::npos);
  EXPECT_NE(E.getString("stderr_tail")->find("init failed"), llvm::StringRef::npos);
  EXPECT_EQ(M.Doc.getInteger("cold_runs"), 0);
}

TEST(Measure, CrashDuringInitIsReported) {
  Measured M = measure("crash-init", {"--cold", "2"});
  EXPECT_EQ(M.Run.ExitCode, 1);
  EXPECT_EQ(M.Doc.getArray("errors")->size(), 2u);
  const llvm::json::Object &E = firstError(M.Doc);
  EXPECT_EQ(E.getString("kind"), "crash");
  EXPECT_NE(E.getString("message")->find("signal 6"), llvm::StringRef::npos);
  EXPECT_NE(E.getString("stderr_tail")->find("crashing during init"), llvm::StringRef::npos);
}

TEST(Measure, CrashDuringAnInvocationIsReported) {
  Measured M = measure("crash-invoke", {"--cold", "1"});
  EXPECT_EQ(M.Run.ExitCode, 1);
  const llvm::json::Object &E = firstError(M.Doc);
  EXPECT_EQ(E.getString("kind"), "crash");
  EXPECT_EQ(E.getString("phase"), "invoke");
  EXPECT_EQ(M.Doc.getInteger("cold_runs"), 1); // init itself completed
}

TEST(Measure, HangsEndAtTheTimeoutNeverHang) {
  auto Start = std::chrono::steady_clock::now();
  Measured Init = measure("hang-init", {"--cold", "1", "--timeout", "1"});
  Measured Invoke = measure("hang-invoke", {"--cold", "1", "--timeout", "1"});
  auto Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  EXPECT_EQ(Init.Run.ExitCode, 1);
  EXPECT_EQ(firstError(Init.Doc).getString("kind"), "timeout");
  EXPECT_EQ(firstError(Init.Doc).getString("phase"), "init");
  EXPECT_EQ(Invoke.Run.ExitCode, 1);
  EXPECT_EQ(firstError(Invoke.Doc).getString("kind"), "timeout");
  EXPECT_EQ(firstError(Invoke.Doc).getString("phase"), "invoke");
  EXPECT_LT(Seconds, 60); // a bound on "never a hang", not a performance target
}

TEST(Measure, FunctionErrorsAndProtocolViolationsAreReported) {
  Measured F = measure("function-error", {"--cold", "1", "--warm", "0"});
  EXPECT_EQ(F.Run.ExitCode, 1);
  EXPECT_EQ(firstError(F.Doc).getString("kind"), "function-error");
  EXPECT_NE(firstError(F.Doc).getString("message")->find("ValidationError"), llvm::StringRef::npos);
  Measured W = measure("wrong-id", {"--cold", "1", "--warm", "0", "--timeout", "2"});
  EXPECT_EQ(W.Run.ExitCode, 1);
  EXPECT_EQ(firstError(W.Doc).getString("kind"), "protocol");
  EXPECT_NE(firstError(W.Doc).getString("message")->find("unknown"), llvm::StringRef::npos);
}

TEST(Measure, ZipIsUnpackedPrivatelyAndRemoved) {
  TempDir Dir;
  std::string Zip = Dir.path() + "/function.zip";
  ToolResult Z = runTool("/usr/bin/zip", {"-q", "-j", Zip, Package + "/bootstrap"});
  ASSERT_EQ(Z.ExitCode, 0) << Z.Stderr;
  std::string Tmp = Dir.path() + "/tmp";
  llvm::sys::fs::create_directories(Tmp);
  ToolResult R =
      runTool("/usr/bin/env", {"TMPDIR=" + Tmp, COLDSTART_BIN, "measure", "--format", "json",
                               "--cold", "1", "--warm", "2", "--handler", "echo", Zip});
  ASSERT_EQ(R.ExitCode, 0) << R.Stderr;
  std::error_code EC;
  llvm::sys::fs::directory_iterator It(Tmp, EC);
  EXPECT_EQ(It, llvm::sys::fs::directory_iterator()) << "left behind: " << It->path();
}

TEST(Measure, NonExecutableBootstrapIsExitTwo) {
  TempDir Dir;
  std::string Boot = Dir.write("pkg/bootstrap", "#!/bin/sh\nexit 0\n");
  std::string Zip = Dir.path() + "/function.zip";
  ASSERT_EQ(runTool("/usr/bin/zip", {"-q", "-j", Zip, Boot}).ExitCode, 0);
  ToolResult R = runTool(COLDSTART_BIN, {"measure", Zip});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("not executable"), std::string::npos) << R.Stderr;
  ToolResult Missing = runTool(COLDSTART_BIN, {"measure", Dir.path()});
  EXPECT_EQ(Missing.ExitCode, 2);
  EXPECT_NE(Missing.Stderr.find("no 'bootstrap'"), std::string::npos) << Missing.Stderr;
}

TEST(Measure, EntriesThatLeaveThePackageAreRefusedAndNothingIsWritten) {
  TempDir Dir;
  Dir.write("work/evil.txt", "owned\n");
  Dir.write("work/bootstrap", "#!/bin/sh\n");
  std::string Zip = Dir.path() + "/evil.zip";
  // zip stores "../evil.txt" as given when run from a subfolder.
  ToolResult Z =
      runTool("/usr/bin/zip", {"-q", Zip, "bootstrap", "../work/evil.txt"}, Dir.path() + "/work");
  ASSERT_EQ(Z.ExitCode, 0) << Z.Stderr;
  ToolResult R = runTool(COLDSTART_BIN, {"measure", Zip});
  EXPECT_EQ(R.ExitCode, 2);
  EXPECT_NE(R.Stderr.find("leaves the package folder"), std::string::npos) << R.Stderr;
}

TEST(Measure, BadArgumentsAreExitTwo) {
  EXPECT_EQ(runTool(COLDSTART_BIN, {"measure"}).ExitCode, 2);
  EXPECT_EQ(runTool(COLDSTART_BIN, {"measure", "--cold", "0", Package}).ExitCode, 2);
  EXPECT_EQ(runTool(COLDSTART_BIN, {"measure", "--format", "sarif", Package}).ExitCode, 2);
  EXPECT_EQ(runTool(COLDSTART_BIN, {"measure", "--event", "/nonexistent.json", Package}).ExitCode,
            2);
  EXPECT_EQ(runTool(COLDSTART_BIN, {"measure", "/nonexistent.zip"}).ExitCode, 2);
}

TEST(Measure, HelpSaysItRunsUserCode) {
  ToolResult R = runTool(COLDSTART_BIN, {"measure", "--help"});
  EXPECT_EQ(R.ExitCode, 0);
  EXPECT_NE(R.Stdout.find("RUNS THE FUNCTION'S CODE"), std::string::npos);
}
