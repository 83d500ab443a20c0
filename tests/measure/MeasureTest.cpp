// `coldstart measure` against a real libcurl bootstrap (fixtures/measure): cold and warm paths,
// init errors, crashes, hangs past --timeout, protocol violations, zips and hostile zips; and
// the libraries a run loads from this machine rather than from its package, judged against the
// runtime manifest, with the LD_LIBRARY_PATH the bootstrap is given.
#include "RunTool.h"

#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>

using namespace coldstart::test;
namespace rules = coldstart::rules;

namespace {

const std::string Package = std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/pkg";
// Needs libc, libstdc++ and libgcc_s only; loads a library with dlopen when asked.
const std::string PlainBootstrap =
    std::string(COLDSTART_BINARY_DIR) + "/fixtures/measure/plain/bootstrap";

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

Measured measureArgs(std::vector<std::string> Args) {
  Args.insert(Args.begin(), {"measure", "--format", "json"});
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

const rules::RuntimeManifest &providedAl2023() {
  static const rules::RuntimeManifest M = [] {
    std::vector<rules::Diagnostic> Errors;
    auto Loaded = rules::loadRuntimeManifest("provided.al2023", Errors);
    if (!Loaded)
      ADD_FAILURE() << "the bundled provided.al2023 manifest does not load";
    return Loaded.value_or(rules::RuntimeManifest());
  }();
  return M;
}

/// What the dynamic loader of this machine loads for Program, by soname: ldd's "NAME => PATH"
/// lines (the loader itself and the vDSO have no such line).
std::map<std::string, std::string> lddOf(const std::string &Program) {
  ToolResult R = runTool("/usr/bin/ldd", {Program});
  EXPECT_EQ(R.ExitCode, 0) << R.Stderr;
  std::map<std::string, std::string> Out;
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(R.Stdout).split(Lines, '\n', -1, false);
  for (llvm::StringRef Line : Lines) {
    auto [Name, Rest] = Line.trim().split(" => ");
    if (Rest.empty() || !Rest.starts_with("/"))
      continue;
    Out[Name.str()] = Rest.split(" (").first.str();
  }
  return Out;
}

/// The sonames of Program's libraries that the provided.al2023 manifest does not provide: what
/// a package of Program must bundle to run on nothing but the runtime.
std::map<std::string, std::string> notProvided(const std::string &Program) {
  std::map<std::string, std::string> Out;
  for (const auto &[Soname, Path] : lddOf(Program))
    if (!providedAl2023().providesLibrary(Soname))
      Out[Soname] = Path;
  return Out;
}

/// Copies Program to Dir/Rel and every library in Libraries to Dir/lib/SONAME.
void assemble(const std::string &Dir, const std::string &Rel, const std::string &Program,
              const std::map<std::string, std::string> &Libraries) {
  llvm::sys::fs::create_directories(Dir + "/lib");
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Dir + "/" + Rel));
  ASSERT_FALSE(llvm::sys::fs::copy_file(Program, Dir + "/" + Rel));
  llvm::sys::fs::setPermissions(Dir + "/" + Rel, llvm::sys::fs::perms(0755));
  for (const auto &[Soname, Path] : Libraries)
    ASSERT_FALSE(llvm::sys::fs::copy_file(Path, Dir + "/lib/" + Soname)) << Path;
}

std::string zipOf(const std::string &Folder, const std::string &Zip) {
  ToolResult Z = runTool("/usr/bin/zip", {"-q", "-r", "-y", Zip, "."}, Folder);
  EXPECT_EQ(Z.ExitCode, 0) << Z.Stderr;
  return Zip;
}

/// rule -> sonames of the findings about libraries loaded from this machine.
std::map<std::string, std::set<std::string>> libraryFindings(const llvm::json::Object &Doc) {
  std::map<std::string, std::set<std::string>> Out;
  const llvm::json::Array *Findings = Doc.getArray("findings");
  const llvm::json::Array *Files =
      Doc.getObject("loaded") ? Doc.getObject("loaded")->getArray("from_machine") : nullptr;
  if (!Findings || !Files) {
    ADD_FAILURE() << "no findings or loaded.from_machine";
    return Out;
  }
  std::map<std::string, std::string> SonameOf;
  for (const llvm::json::Value &F : *Files)
    SonameOf[F.getAsObject()->getString("path")->str()] =
        F.getAsObject()->getString("soname")->str();
  for (const llvm::json::Value &F : *Findings) {
    const llvm::json::Object &O = *F.getAsObject();
    std::string Path = O.getString("path")->str();
    EXPECT_TRUE(SonameOf.count(Path)) << "a finding on a file not loaded: " << Path;
    Out[O.getString("rule")->str()].insert(SonameOf[Path]);
  }
  return Out;
}

/// The finding whose path is the file loaded with soname Soname.
const llvm::json::Object *findingFor(const llvm::json::Object &Doc, const std::string &Soname) {
  std::string Path;
  for (const llvm::json::Value &F : *Doc.getObject("loaded")->getArray("from_machine"))
    if (F.getAsObject()->getString("soname") == Soname)
      Path = F.getAsObject()->getString("path")->str();
  for (const llvm::json::Value &F : *Doc.getArray("findings"))
    if (!Path.empty() && F.getAsObject()->getString("path") == Path)
      return F.getAsObject();
  return nullptr;
}

/// kind -> sonames of the ELF files loaded from this machine.
std::map<std::string, std::set<std::string>> kindsLoaded(const llvm::json::Object &Doc) {
  std::map<std::string, std::set<std::string>> Out;
  for (const llvm::json::Value &F : *Doc.getObject("loaded")->getArray("from_machine"))
    Out[F.getAsObject()->getString("kind")->str()].insert(
        F.getAsObject()->getString("soname")->str());
  return Out;
}

/// The soname of this machine's dynamic loader.
std::string loaderSoname() {
#if defined(__aarch64__)
  return "ld-linux-aarch64.so.1";
#else
  return "ld-linux-x86-64.so.2";
#endif
}

std::set<std::string> keysOf(const std::map<std::string, std::string> &M) {
  std::set<std::string> Out;
  for (const auto &KV : M)
    Out.insert(KV.first);
  return Out;
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
  ToolResult Runtime = runTool(COLDSTART_BIN, {"measure", "--runtime", "no-such-runtime", Package});
  EXPECT_EQ(Runtime.ExitCode, 2);
  EXPECT_NE(Runtime.Stderr.find("no-such-runtime"), std::string::npos) << Runtime.Stderr;
}

TEST(Measure, HelpSaysItRunsUserCode) {
  ToolResult R = runTool(COLDSTART_BIN, {"measure", "--help"});
  EXPECT_EQ(R.ExitCode, 0);
  EXPECT_NE(R.Stdout.find("RUNS THE FUNCTION'S CODE"), std::string::npos);
}

// A package whose program links libcurl but does not bundle it: the run works here only because
// this machine has libcurl (and what libcurl needs). Against the bundled provided.al2023
// manifest, which does not say whether the runtime has libcurl, each is a warning.
TEST(MeasureLoadedLibraries, LibcurlFromThisMachineIsReported) {
  TempDir Dir;
  assemble(Dir.path("pkg"), "bootstrap", Package + "/bootstrap", {});
  std::string Zip = zipOf(Dir.path("pkg"), Dir.path("function.zip"));
  Measured M = measureArgs({"--cold", "2", "--warm", "1", "--handler", "echo", Zip});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr; // warnings only: the function itself ran
  EXPECT_TRUE(M.Doc.getArray("errors")->empty());
  EXPECT_EQ(M.Doc.getString("runtime"), "provided.al2023");
  std::map<std::string, std::string> Expected = notProvided(Package + "/bootstrap");
  ASSERT_TRUE(Expected.count("libcurl.so.4"));
  auto Found = libraryFindings(M.Doc);
  EXPECT_EQ(Found.size(), 1u) << "only coldstart-unknown-runtime-library";
  EXPECT_EQ(Found["coldstart-unknown-runtime-library"], keysOf(Expected));
  const llvm::json::Object *Curl = findingFor(M.Doc, "libcurl.so.4");
  ASSERT_TRUE(Curl);
  EXPECT_EQ(Curl->getString("severity"), "warning");
  EXPECT_NE(Curl->getString("message")->find("libcurl.so.4, needed by bootstrap"),
            llvm::StringRef::npos)
      << Curl->getString("message")->str();
  EXPECT_NE(Curl->getString("message")->find("from this machine"), llvm::StringRef::npos);
  // The C library and the loader are the runtime's: loaded from here, and not findings.
  auto Kinds = kindsLoaded(M.Doc);
  EXPECT_TRUE(Kinds["runtime"].count("libc.so.6"));
  EXPECT_EQ(Kinds["loader"], std::set<std::string>{loaderSoname()});
  const llvm::json::Object *Loaded = M.Doc.getObject("loaded");
  EXPECT_EQ(Loaded->getBoolean("performed"), true);
  EXPECT_EQ(Loaded->getInteger("package_elf_files"), 1);
  // Two cold runs, each read after init and before it was stopped.
  EXPECT_EQ(Loaded->getInteger("maps_read"), 4);

  ToolResult Text =
      runTool(COLDSTART_BIN, {"measure", "--cold", "1", "--warm", "0", "--handler", "echo", Zip});
  EXPECT_EQ(Text.ExitCode, 0) << Text.Stderr;
  EXPECT_NE(Text.Stdout.find("warning: loaded "), std::string::npos) << Text.Stdout;
  EXPECT_NE(Text.Stdout.find("(libcurl.so.4, needed by bootstrap) from this machine"),
            std::string::npos)
      << Text.Stdout;
  EXPECT_NE(Text.Stdout.find("fix [coldstart-unknown-runtime-library]: bundle the library in "
                             "the package's lib/"),
            std::string::npos)
      << Text.Stdout;
}

// Where the runtime's contents are known to lack libcurl (here a manifest that marks it absent)
// the same package is an error, and the measurement fails.
TEST(MeasureLoadedLibraries, LibraryTheRuntimeLacksIsAnError) {
  TempDir Dir;
  assemble(Dir.path("pkg"), "bootstrap", Package + "/bootstrap", {});
  std::string Manifest = Dir.write("no-curl.yaml", "base: amazonlinux2023\n"
                                                   "name: no-curl.al2023\n"
                                                   "family: custom\n"
                                                   "absent: [libcurl.so.4]\n");
  Measured M = measureArgs(
      {"--cold", "1", "--warm", "0", "--handler", "echo", "--runtime", Manifest, Dir.path("pkg")});
  EXPECT_EQ(M.Run.ExitCode, 1) << M.Run.Stderr;
  EXPECT_EQ(M.Doc.getString("runtime"), "no-curl.al2023");
  EXPECT_TRUE(M.Doc.getArray("errors")->empty()) << "the run itself succeeded";
  auto Found = libraryFindings(M.Doc);
  EXPECT_EQ(Found["coldstart-unresolved-library"], std::set<std::string>{"libcurl.so.4"});
  std::set<std::string> Rest = keysOf(notProvided(Package + "/bootstrap"));
  Rest.erase("libcurl.so.4");
  EXPECT_EQ(Found["coldstart-unknown-runtime-library"], Rest);
  const llvm::json::Object *Curl = findingFor(M.Doc, "libcurl.so.4");
  ASSERT_TRUE(Curl);
  EXPECT_EQ(Curl->getString("severity"), "error");
  EXPECT_NE(Curl->getString("message")->find("no-curl.al2023 does not have it (its manifest "
                                             "marks it absent)"),
            llvm::StringRef::npos)
      << Curl->getString("message")->str();
}

// The same package with libcurl and everything it needs that the runtime does not provide
// bundled in lib/, as aws-lambda-cpp's packager does: nothing is loaded from this machine but
// the runtime's own libraries and the loader.
TEST(MeasureLoadedLibraries, BundledLibcurlIsNotReported) {
  TempDir Dir;
  std::map<std::string, std::string> Bundled = notProvided(Package + "/bootstrap");
  assemble(Dir.path("pkg"), "bootstrap", Package + "/bootstrap", Bundled);
  std::string Zip = zipOf(Dir.path("pkg"), Dir.path("function.zip"));
  Measured M = measureArgs({"--cold", "1", "--warm", "2", "--handler", "echo", Zip});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  EXPECT_TRUE(M.Doc.getArray("findings")->empty());
  auto Kinds = kindsLoaded(M.Doc);
  Kinds.erase("runtime");
  EXPECT_EQ(Kinds, (std::map<std::string, std::set<std::string>>{{"loader", {loaderSoname()}}}));
  EXPECT_EQ(M.Doc.getObject("loaded")->getInteger("package_elf_files"),
            static_cast<int64_t>(1 + Bundled.size()));
}

// A program that needs only libc, libstdc++ and libgcc_s: each is the runtime's (the manifest
// lists it) or bundled (it does not), and nothing is reported.
TEST(MeasureLoadedLibraries, CAndCxxRuntimeLibrariesAreNotReported) {
  std::set<std::string> Needs = keysOf(lddOf(PlainBootstrap));
  Needs.erase("libm.so.6"); // libstdc++ needs it
  ASSERT_EQ(Needs, (std::set<std::string>{"libc.so.6", "libgcc_s.so.1", "libstdc++.so.6"}));
  TempDir Dir;
  assemble(Dir.path("pkg"), "bootstrap", PlainBootstrap, notProvided(PlainBootstrap));
  Measured M = measureArgs({"--cold", "2", "--warm", "2", "--handler", "echo", Dir.path("pkg")});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  EXPECT_EQ(M.Doc.getInteger("warm_runs"), 2);
  EXPECT_TRUE(M.Doc.getArray("findings")->empty());
  auto Kinds = kindsLoaded(M.Doc);
  EXPECT_TRUE(Kinds["runtime"].count("libc.so.6"));
  EXPECT_FALSE(Kinds.count("not-provided"));
}

// dlopen is invisible to a static reading of DT_NEEDED; the process maps show it.
TEST(MeasureLoadedLibraries, LibraryLoadedWithDlopenIsReported) {
  TempDir Dir;
  assemble(Dir.path("pkg"), "bootstrap", PlainBootstrap, notProvided(PlainBootstrap));
  Measured M = measureArgs(
      {"--cold", "1", "--warm", "0", "--handler", "dlopen:libcurl.so.4", Dir.path("pkg")});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  const llvm::json::Object *Curl = findingFor(M.Doc, "libcurl.so.4");
  ASSERT_TRUE(Curl);
  EXPECT_EQ(Curl->getString("rule"), "coldstart-unknown-runtime-library");
  EXPECT_NE(Curl->getString("message")->find("loaded with dlopen"), llvm::StringRef::npos)
      << Curl->getString("message")->str();
  // libcurl and what it needs (that the runtime does not provide), nothing else.
  std::string Libcurl = lddOf(Package + "/bootstrap")["libcurl.so.4"];
  std::set<std::string> Expected = keysOf(notProvided(Libcurl));
  Expected.insert("libcurl.so.4");
  EXPECT_EQ(libraryFindings(M.Doc)["coldstart-unknown-runtime-library"], Expected);
}

// A bash bootstrap that starts the program as its child (no exec): the child is followed; bash
// (a program of this machine) and what it loads for itself are not findings; and the
// environment both see has LD_LIBRARY_PATH in Lambda's order with /var/task where the package
// is.
TEST(MeasureLoadedLibraries, ShellBootstrapSeesLambdasLibraryPathAndItsChildIsFollowed) {
  TempDir Dir;
  std::string Root = Dir.path("pkg");
  std::string Seen = Dir.path("seen-ld-library-path");
  assemble(Root, "bin/client", Package + "/bootstrap", {});
  Dir.write("pkg/bootstrap", "#!/bin/bash\n"
                             "printf '%s' \"$LD_LIBRARY_PATH\" > '" +
                                 Seen +
                                 "'\n"
                                 "\"$LAMBDA_TASK_ROOT/bin/client\"\n");
  llvm::sys::fs::setPermissions(Root + "/bootstrap", llvm::sys::fs::perms(0755));
  Measured M = measureArgs({"--cold", "1", "--warm", "1", "--handler", "echo", Root});
  ASSERT_EQ(M.Run.ExitCode, 0) << M.Run.Stderr;
  EXPECT_EQ(M.Doc.getInteger("warm_runs"), 1);

  std::vector<std::string> Reported;
  for (const llvm::json::Value &D : *M.Doc.getArray("ld_library_path"))
    Reported.push_back(D.getAsString()->str());
  EXPECT_EQ(readFile(Seen), llvm::join(Reported, ":"));
  const std::vector<std::string> &Lambda = providedAl2023().LdLibraryPath;
  ASSERT_EQ(Reported.size(), Lambda.size());
  ASSERT_EQ(Lambda.front(), "/var/lang/lib"); // the order the checks below rely on
  for (size_t I = 0; I < Lambda.size(); ++I) {
    llvm::StringRef L(Lambda[I]);
    if (L.starts_with("/var/task"))
      EXPECT_EQ(Reported[I], Root + L.drop_front(9).str());
    else if (L.starts_with("/opt/")) // layers: a private folder, empty as measure runs none
      EXPECT_TRUE(llvm::StringRef(Reported[I]).ends_with("/opt" + L.drop_front(4).str()) &&
                  Reported[I] != Lambda[I])
          << Reported[I];
    else
      EXPECT_EQ(Reported[I], Lambda[I]); // /lib64, /usr/lib64 as they are on this machine
  }
  EXPECT_EQ(Reported[5], Root);
  EXPECT_EQ(Reported[6], Root + "/lib");

  const llvm::json::Object *Curl = findingFor(M.Doc, "libcurl.so.4");
  ASSERT_TRUE(Curl);
  EXPECT_NE(Curl->getString("message")->find("needed by bin/client"), llvm::StringRef::npos)
      << Curl->getString("message")->str();
  llvm::SmallString<128> Shell;
  ASSERT_FALSE(llvm::sys::fs::real_path("/bin/bash", Shell));
  bool ShellSeen = false;
  for (const llvm::json::Value &F : *M.Doc.getObject("loaded")->getArray("from_machine"))
    if (F.getAsObject()->getString("path") == Shell.str()) {
      ShellSeen = true;
      EXPECT_EQ(F.getAsObject()->getString("kind"), "program");
    }
  EXPECT_TRUE(ShellSeen) << "the shell's process was not read";
  // Bash's own libraries that the runtime manifest does not list (libtinfo) are bash's.
  std::set<std::string> BashOwn = keysOf(notProvided("/bin/bash"));
  EXPECT_FALSE(BashOwn.empty()) << "bash needs only libraries the manifest lists here";
  auto Kinds = kindsLoaded(M.Doc);
  for (const std::string &Soname : BashOwn)
    EXPECT_TRUE(Kinds["program-library"].count(Soname)) << Soname;
  EXPECT_EQ(libraryFindings(M.Doc)["coldstart-unknown-runtime-library"],
            keysOf(notProvided(Package + "/bootstrap")));
}
