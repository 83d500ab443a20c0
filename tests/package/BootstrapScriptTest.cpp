// Following custom-runtime bootstrap scripts: the parser on each form real scripts take (the
// aws-lambda-cpp packager's two scripts, `cd` then relative paths, variables, ${VAR:-default},
// "$@" and ${_HANDLER} as arguments, strict mode, comments, continuations, here-documents), what
// it refuses to guess (command substitutions, conditions, functions, eval, variables from
// outside), and the package pass on packages zipped with `zip` from our fixtures and this
// machine's loader and libraries: exact notes and findings, including the ones that must not
// appear, and the --default-libc fact.
#include "BootstrapScript.h"
#include "PackageSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

#include <set>

using namespace coldstart::test;
using coldstart::inspect::detail::followBootstrapScript;
using coldstart::inspect::detail::isShellInterpreter;
using coldstart::inspect::detail::ScriptCommand;
using coldstart::inspect::detail::ScriptEnvironment;
using coldstart::inspect::detail::splitLibraryPath;
using llvm::json::Object;
using Strings = std::vector<std::string>;

namespace {

const Strings LambdaLdLibraryPath = {"/var/lang/lib", "/lib64",           "/usr/lib64",
                                     "/var/runtime",  "/var/runtime/lib", "/var/task",
                                     "/var/task/lib", "/opt/lib"};

/// Lambda's environment for a custom runtime, with Files the package's and layers' files.
ScriptEnvironment lambda(std::set<std::string> Files = {}) {
  ScriptEnvironment Env;
  Env.LdLibraryPath = LambdaLdLibraryPath;
  Env.Exists = [Files](const std::string &Path) { return Files.count(Path) != 0; };
  return Env;
}

ScriptCommand follow(const std::string &Script, const ScriptEnvironment &Env = lambda(),
                     const std::string &Path = "/var/task/bootstrap") {
  return followBootstrapScript(Script, Path, Env);
}

Strings with(Strings A, const Strings &B) {
  A.insert(A.end(), B.begin(), B.end());
  return A;
}

} // namespace

// --- the parser --------------------------------------------------------------------------------

TEST(BootstrapScriptParser, PackagerScriptWithTheBundledGlibc) {
  auto C = follow("#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
                  "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path "
                  "$LAMBDA_TASK_ROOT/lib $LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_EQ(C.LineNumber, 4u);
  EXPECT_TRUE(C.Exec);
  EXPECT_TRUE(C.Loader);
  EXPECT_EQ(C.Program, "/var/task/lib/ld-linux-x86-64.so.2");
  EXPECT_EQ(C.Target, "/var/task/bin/app");
  EXPECT_TRUE(C.HasLoaderLibraryPath);
  EXPECT_EQ(C.LibraryPath, Strings{"/var/task/lib"});
  EXPECT_FALSE(C.LdLibraryPath.has_value());
  EXPECT_EQ(C.Unexpanded, Strings{"${_HANDLER}"});
  EXPECT_EQ(C.Notes, Strings{});
}

TEST(BootstrapScriptParser, PackagerScriptWithoutTheBundledGlibc) {
  // The no-libc form: Lambda's LD_LIBRARY_PATH extended with the package's lib folder.
  auto C = follow("#!/bin/bash\nset -euo pipefail\nPKG_BIN_FILENAME=app\n"
                  "export LD_LIBRARY_PATH=$LD_LIBRARY_PATH:$LAMBDA_TASK_ROOT/lib\n"
                  "exec $LAMBDA_TASK_ROOT/bin/$PKG_BIN_FILENAME ${_HANDLER}\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_FALSE(C.Loader);
  EXPECT_EQ(C.Program, "/var/task/bin/app");
  ASSERT_TRUE(C.LdLibraryPath.has_value());
  EXPECT_EQ(*C.LdLibraryPath, with(LambdaLdLibraryPath, {"/var/task/lib"}));
  EXPECT_EQ(C.Notes, Strings{});
}

TEST(BootstrapScriptParser, CdThenRelativePaths) {
  auto A = follow("#!/bin/sh\ncd \"$LAMBDA_TASK_ROOT\"\nexec ./bin/app\n");
  EXPECT_EQ(A.Program, "/var/task/bin/app");

  // dirname "$0" is the script's folder: /opt for a layer's bootstrap.
  auto B =
      follow("#!/bin/sh\ncd \"$(dirname \"$0\")\"\nexec ./bin/app\n", lambda(), "/opt/bootstrap");
  EXPECT_EQ(B.Program, "/opt/bin/app");

  auto C = follow("#!/bin/sh\ncd \"$(dirname \"$0\")\"\n"
                  "./lib/ld-linux-x86-64.so.2 --library-path ./lib ./bin/app\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_FALSE(C.Exec);
  EXPECT_TRUE(C.Loader);
  EXPECT_EQ(C.Program, "/var/task/lib/ld-linux-x86-64.so.2");
  EXPECT_EQ(C.Target, "/var/task/bin/app");
  EXPECT_EQ(C.LibraryPath, Strings{"/var/task/lib"});

  // Relative to wherever the script went, and out of the package.
  EXPECT_EQ(follow("cd bin\nexec ./app\n").Program, "/var/task/bin/app");
  EXPECT_EQ(follow("cd /tmp\nexec ./app\n").Program, "/tmp/app");
  EXPECT_EQ(follow("cd lib; cd ../bin && exec ./app\n").Program, "/var/task/bin/app");
  EXPECT_EQ(follow("cd \"$(cd \"$(dirname \"$0\")\" && pwd)\"\nexec bin/app\n").Program,
            "/var/task/bin/app");
  EXPECT_EQ(follow("DIR=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")\" && pwd)\"\n"
                   "exec \"$DIR/bin/app\"\n")
                .Program,
            "/var/task/bin/app");
  EXPECT_EQ(follow("exec \"$(dirname \"$(readlink -f \"$0\")\")/bin/app\"\n").Program,
            "/var/task/bin/app");
  EXPECT_EQ(follow("pushd lib\npopd\nexec ./bin/app\n").Program, "/var/task/bin/app");
  // A subshell's cd stays in the subshell.
  EXPECT_EQ(follow("(cd lib && ls)\nexec ./bin/app\n").Program, "/var/task/bin/app");
  // The working folder at start is the task root.
  EXPECT_EQ(follow("exec ./server\n").Program, "/var/task/server");
}

TEST(BootstrapScriptParser, VariablesSetEarlier) {
  auto C = follow("#!/bin/bash\nAPP=$LAMBDA_TASK_ROOT/bin/app\nLIB=\"${LAMBDA_TASK_ROOT}/lib\"\n"
                  "export LD_LIBRARY_PATH=$LIB\n"
                  "exec $LIB/ld-linux-x86-64.so.2 --library-path $LIB $APP \"$@\"\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_EQ(C.Program, "/var/task/lib/ld-linux-x86-64.so.2");
  EXPECT_EQ(C.Target, "/var/task/bin/app");
  EXPECT_EQ(C.LibraryPath, Strings{"/var/task/lib"});
  ASSERT_TRUE(C.LdLibraryPath.has_value());
  EXPECT_EQ(*C.LdLibraryPath, Strings{"/var/task/lib"});
  EXPECT_EQ(C.Unexpanded, Strings{});

  // An unquoted variable is split into words.
  auto D = follow("CMD=\"$LAMBDA_TASK_ROOT/bin/app --port 8080\"\nexec $CMD\n");
  EXPECT_EQ(D.Program, "/var/task/bin/app");
  EXPECT_EQ(D.Line, "exec $CMD");

  EXPECT_EQ(follow("exec ${0%/*}/bin/app\n").Program, "/var/task/bin/app");
  EXPECT_EQ(follow("A=/var/task/bin/app.sh\nexec ${A%.sh}\n").Program, "/var/task/bin/app");
  EXPECT_EQ(follow("exec ${LAMBDA_TASK_ROOT:-/nowhere}/bin/app\n").Program, "/var/task/bin/app");
  EXPECT_EQ(follow("P=/var/task\nP+=/bin/app\nexec $P\n").Program, "/var/task/bin/app");
}

TEST(BootstrapScriptParser, DefaultOfAVariableFromOutside) {
  auto C = follow("#!/bin/sh\nAPP=${APP_PATH:-$LAMBDA_TASK_ROOT/bin/app}\nexec \"$APP\"\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_EQ(C.Program, "/var/task/bin/app");
  EXPECT_EQ(C.Notes,
            Strings{"line 2: ${APP_PATH:-$LAMBDA_TASK_ROOT/bin/app} taken as its default, "
                    "'/var/task/bin/app': APP_PATH is set neither by the script nor by Lambda "
                    "(the function's configuration could set it)"});
  // Set by the script: no assumption.
  auto D = follow("APP_PATH=/var/task/bin/other\nexec ${APP_PATH:-/var/task/bin/app}\n");
  EXPECT_EQ(D.Program, "/var/task/bin/other");
  EXPECT_EQ(D.Notes, Strings{});
  // ${VAR:=default} assigns it.
  EXPECT_EQ(follow(": ${APP:=/var/task/bin/app}\nexec $APP\n").Program, "/var/task/bin/app");
}

TEST(BootstrapScriptParser, ArgumentsAreNotFollowed) {
  for (const char *Script : {"exec ./bin/app \"$@\"\n", "exec ./bin/app ${_HANDLER}\n",
                             "exec ./bin/app $_HANDLER \"$AWS_LAMBDA_RUNTIME_API\" $1\n",
                             "exec ./bin/app $(cat /proc/cpuinfo) $UNKNOWN_THING\n",
                             "./bin/app -Djava.library.path=$(pwd)\n"}) {
    auto C = follow(Script);
    ASSERT_TRUE(C.Found) << Script << C.Why;
    EXPECT_EQ(C.Program, "/var/task/bin/app") << Script;
    EXPECT_EQ(C.Notes, Strings{}) << Script;
  }
  EXPECT_EQ(follow("exec ./bin/app $_HANDLER \"$AWS_LAMBDA_RUNTIME_API\"\n").Unexpanded,
            (Strings{"$_HANDLER", "\"$AWS_LAMBDA_RUNTIME_API\""}));

  // "$@" as the program: Lambda passes the script no arguments, so exec runs nothing.
  auto W = follow("#!/bin/sh\nexec \"$@\"\n");
  EXPECT_FALSE(W.Found);
  EXPECT_FALSE(W.NotFollowed);
  EXPECT_EQ(W.Why, "no exec and no command that runs a file of the package or a layer");
  EXPECT_EQ(W.Notes, Strings{"line 2: exec \"$@\" runs the script's arguments, and Lambda starts "
                             "bootstrap with none"});
}

TEST(BootstrapScriptParser, StrictModeCommentsShellsAndContinuations) {
  const std::string Body = "set -euo pipefail\nIFS=$'\\n\\t'\n"
                           "# exec ./bin/commented-out\n"
                           "export AWS_EXECUTION_ENV=custom # a comment after a command\n"
                           "exec ./bin/app \\\n    --flag \\\n    ${_HANDLER}  # the program\n";
  for (const char *Shebang : {"#!/bin/sh\n", "#!/bin/bash\n", "#!/usr/bin/env bash\n"}) {
    auto C = follow(Shebang + Body);
    ASSERT_TRUE(C.Found) << Shebang << C.Why;
    EXPECT_EQ(C.Program, "/var/task/bin/app");
    EXPECT_EQ(C.LineNumber, 6u);
    EXPECT_EQ(C.Line, "exec ./bin/app --flag ${_HANDLER}");
  }
  EXPECT_TRUE(isShellInterpreter("/bin/sh"));
  EXPECT_TRUE(isShellInterpreter("/bin/bash -e"));
  EXPECT_TRUE(isShellInterpreter("/usr/bin/env bash"));
  EXPECT_FALSE(isShellInterpreter("/usr/bin/env python3"));
  EXPECT_FALSE(isShellInterpreter("/usr/bin/perl"));

  // A here-document's body is text, not commands; so is a case pattern.
  auto H = follow("cat > /tmp/run <<'EOF'\nexec ./bin/wrong\nEOF\n"
                  "case \"$X\" in\n  (a|b) echo one ;;\n  *) echo other ;;\nesac\n"
                  "exec ./bin/app\n");
  EXPECT_EQ(H.Program, "/var/task/bin/app");
  EXPECT_EQ(H.LineNumber, 8u);
}

TEST(BootstrapScriptParser, GuardsThatDoNotChooseTheProgram) {
  // A test that only stops the script, an `if` that only prepares files, `|| exit`.
  auto C = follow("#!/bin/sh\nif [ -z \"$AWS_LAMBDA_RUNTIME_API\" ]; then\n  echo no api >&2\n"
                  "  exit 1\nfi\nif [ -f /var/task/conf ]; then\n  cp /var/task/conf /tmp/conf\n"
                  "else\n  mkdir -p /tmp/conf\nfi\ncd \"$LAMBDA_TASK_ROOT\" || exit 1\n"
                  "[ -n \"$DEBUG\" ] && echo debugging\nexec ./bin/app\n");
  ASSERT_TRUE(C.Found) << C.Why;
  EXPECT_EQ(C.Program, "/var/task/bin/app");
  EXPECT_EQ(C.LineNumber, 13u);
}

TEST(BootstrapScriptParser, LibraryPathForTheProgram) {
  // A prefix assignment, env(1), export of a relative folder after cd.
  auto A = follow("#!/bin/sh\n  LD_LIBRARY_PATH=$LAMBDA_TASK_ROOT/lib ./exe\n");
  EXPECT_EQ(A.Program, "/var/task/exe");
  ASSERT_TRUE(A.LdLibraryPath.has_value());
  EXPECT_EQ(*A.LdLibraryPath, Strings{"/var/task/lib"});

  auto B = follow("exec env LD_LIBRARY_PATH=/opt/lib:/var/task/lib ./bin/app\n");
  EXPECT_EQ(B.Program, "/var/task/bin/app");
  EXPECT_EQ(*B.LdLibraryPath, (Strings{"/opt/lib", "/var/task/lib"}));

  auto C =
      follow("cd $LAMBDA_TASK_ROOT\nexport LD_LIBRARY_PATH=lib:$LD_LIBRARY_PATH\nexec bin/app\n");
  EXPECT_EQ(*C.LdLibraryPath, with({"/var/task/lib"}, LambdaLdLibraryPath));

  auto D =
      follow("export LD_LIBRARY_PATH=$LAMBDA_TASK_ROOT\nexec $LAMBDA_TASK_ROOT/optipng \"$@\"\n");
  EXPECT_EQ(*D.LdLibraryPath, Strings{"/var/task"});

  // Left alone: Lambda's.
  EXPECT_FALSE(follow("exec ./bin/app\n").LdLibraryPath.has_value());
  // glibc splits at ';' too, and an empty value means none.
  EXPECT_EQ(splitLibraryPath("/a;/b::c", "/var/task"),
            (Strings{"/a", "/b", "/var/task", "/var/task/c"}));
  EXPECT_EQ(splitLibraryPath("", "/var/task"), Strings{});
}

TEST(BootstrapScriptParser, ProgramsFoundOnPath) {
  // A layer's /opt/bin is on Lambda's PATH.
  auto A =
      follow("#!/bin/sh\ncd $LAMBDA_TASK_ROOT\nexec php index.php\n", lambda({"/opt/bin/php"}));
  EXPECT_EQ(A.Program, "/opt/bin/php");
  auto B = follow("#!/bin/sh\ncd $LAMBDA_TASK_ROOT\nRscript runtime.R\n");
  ASSERT_TRUE(B.Found) << B.Why;
  EXPECT_EQ(B.Program, "Rscript");
  EXPECT_EQ(B.SearchPath, (Strings{"/usr/local/bin", "/usr/bin", "/bin", "/opt/bin"}));
  // PATH extended by the script.
  auto C =
      follow("export PATH=$PATH:$LAMBDA_TASK_ROOT/bin\nexec app\n", lambda({"/var/task/bin/app"}));
  EXPECT_EQ(C.Program, "/var/task/bin/app");
  // Without exec, the last command that runs a file of the package.
  auto D = follow("#!/bin/sh\ncd $LAMBDA_TASK_ROOT\n./node-v20/bin/node runtime.js\n");
  EXPECT_EQ(D.Program, "/var/task/node-v20/bin/node");
  EXPECT_FALSE(D.Exec);
  auto E = follow("./bin/setup\n./bin/app\necho done\n");
  EXPECT_EQ(E.Program, "/var/task/bin/app");
}

TEST(BootstrapScriptParser, WhatItDoesNotFollow) {
  auto Why = [](const std::string &Script) {
    ScriptCommand C = follow(Script);
    EXPECT_FALSE(C.Found) << Script;
    EXPECT_TRUE(C.NotFollowed) << Script;
    return C.Why;
  };
  EXPECT_EQ(Why("#!/bin/sh\nset -e\n# the command is in a file\nexec $(cat cmd)\n"),
            "line 4: exec $(cat cmd) runs a command substitution coldstart does not evaluate");
  EXPECT_EQ(Why("CMD=`cat cmd`\nexec $CMD\n"),
            "line 2: exec $CMD runs a command substitution coldstart does not evaluate (through "
            "$CMD, set on line 1)");
  EXPECT_EQ(Why("start() {\n  exec ./bin/app\n}\nstart\n"),
            "line 4: start calls the shell function start (line 1), which starts a program; "
            "coldstart does not follow functions");
  EXPECT_EQ(Why("if [ -n \"$DEBUG\" ]; then\n  exec ./bin/app-debug\nfi\nexec ./bin/app\n"),
            "line 2: exec ./bin/app-debug runs only when the `if` at line 1 takes that branch, "
            "which coldstart does not evaluate");
  EXPECT_EQ(Why("[ -x ./bin/fast ] && exec ./bin/fast\nexec ./bin/app\n"),
            "line 1: exec ./bin/fast runs only when the test before `&&` holds, which coldstart "
            "does not evaluate");
  EXPECT_EQ(Why("exec $LAMBDA_TASK_ROOT/bin/$APP_NAME ${_HANDLER}\n"),
            "line 1: exec $LAMBDA_TASK_ROOT/bin/$APP_NAME ${_HANDLER} uses $APP_NAME, which "
            "neither the script nor Lambda sets (a variable from outside the script, such as "
            "the function's configuration)");
  EXPECT_EQ(Why("eval \"exec ./bin/app\"\n"),
            "line 1: eval \"exec ./bin/app\" runs eval, whose text coldstart does not evaluate");
  // A command whose quoted text spans lines is shown on one.
  EXPECT_EQ(Why("eval \"\n  exec ./bin/app\n\"\n"),
            "line 1: eval \" exec ./bin/app \" runs eval, whose text coldstart does not evaluate");
  EXPECT_EQ(Why("if [ \"$MODE\" = a ]; then\n  command=./bin/a\nelse\n  command=./bin/b\nfi\n"
                "exec $command\n"),
            "line 6: exec $command uses $command, which line 4 sets only when the `if` at line "
            "1 takes that branch (coldstart does not evaluate conditions)");
  EXPECT_EQ(Why(". ./env.sh\nexec $APP\n"),
            "line 2: exec $APP uses $APP, which line 1 may set: . ./env.sh runs a file coldstart "
            "does not read");
  EXPECT_EQ(Why("cd \"$APP_DIR\"\nexec ./app\n"),
            "line 2: exec ./app runs the relative path ./app (the program), but the working "
            "folder is not known after line 1: cd \"$APP_DIR\", which uses $APP_DIR, which "
            "neither the script nor Lambda sets (a variable from outside the script, such as "
            "the function's configuration)");
  EXPECT_EQ(Why("while true; do\n  ./bin/worker\ndone\n"),
            "line 2: ./bin/worker runs only when the loop at line 1 runs its body, which "
            "coldstart does not evaluate");
  EXPECT_EQ(Why("echo 'unclosed\nexec ./bin/app\n"),
            "line 1: a quote or substitution is not closed (or nests deeper than 128 levels)");
  EXPECT_EQ(Why("exec ./bin/app-*\n"),
            "line 1: exec ./bin/app-* runs a glob pattern, ./bin/app-*, which coldstart does "
            "not expand");

  // A sourced file may set variables, but a literal path is still followed; the program's
  // LD_LIBRARY_PATH is then not known, and a note says so.
  auto S = follow(". ./env.sh\nexec ./bin/app\n");
  ASSERT_TRUE(S.Found) << S.Why;
  EXPECT_EQ(S.Program, "/var/task/bin/app");
  EXPECT_EQ(S.Notes, Strings{"line 2: the LD_LIBRARY_PATH the program gets is not known: it uses "
                             "$LD_LIBRARY_PATH, which line 1 may set: . ./env.sh runs a file "
                             "coldstart does not read"});

  // A script that exits first starts nothing.
  auto X = follow("echo starting\nexit 0\nexec ./bin/app\n");
  EXPECT_FALSE(X.Found);
  EXPECT_FALSE(X.NotFollowed);
  EXPECT_EQ(X.Why, "the script exits (line 2: exit 0) without starting a program");
}

TEST(BootstrapScriptParser, HostileScriptsAreBounded) {
  // Doubling a variable: the value stops being followed past its bound instead of growing.
  std::string Doubling = "A=x\n";
  for (int I = 0; I < 40; ++I)
    Doubling += "A=$A$A\n";
  Doubling += "exec ./bin/$A\n";
  auto D = follow(Doubling);
  EXPECT_FALSE(D.Found);
  EXPECT_EQ(D.Why, "line 42: exec ./bin/$A builds a word longer than 65536 bytes (through $A, "
                   "set on line 18)");
  // Deep nesting of substitutions and of compound commands.
  std::string Nested = "exec ";
  for (int I = 0; I < 5000; ++I)
    Nested += "\"$(";
  auto N = follow(Nested + "\n");
  EXPECT_FALSE(N.Found);
  std::string Deep;
  for (int I = 0; I < 5000; ++I)
    Deep += "( ";
  auto P = follow(Deep + "exec ./bin/app\n");
  EXPECT_FALSE(P.Found);
  EXPECT_NE(P.Why.find("nests compound commands deeper than 256 levels"), std::string::npos);
}

// --- the package pass ------------------------------------------------------------------------

namespace {

const std::string ElfDir = std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/";
const std::string PkgFixtures = std::string(COLDSTART_BINARY_DIR) + "/fixtures/package/";
const std::string HostLib = "/lib/x86_64-linux-gnu/";

struct Inspected {
  RunResult Run;
  llvm::json::Value Json = nullptr;
  const Object &doc() const { return *Json.getAsObject(); }
  const Object &boot() const {
    static const Object None;
    const Object *P = doc().getObject("package");
    const Object *B = P ? P->getObject("bootstrap") : nullptr;
    return B ? *B : None;
  }
  Strings notes() const {
    Strings Out;
    if (const auto *N = boot().getArray("notes"))
      for (const auto &V : *N)
        Out.push_back(V.getAsString()->str());
    return Out;
  }
};

Inspected inspect(std::vector<std::string> Args) {
  Inspected I;
  Args.insert(Args.begin(), {"inspect", "--format", "json"});
  I.Run = runColdstart(Args, 60, 4096);
  EXPECT_NE(I.Run.Exit, 2) << I.Run.Err;
  I.Json = parseJson(I.Run.Out);
  return I;
}

std::string zipOf(const std::string &Dir) {
  std::string Zip = Dir + ".zip";
  zipFolder(Dir, Zip);
  return Zip;
}

/// The messages of the bootstrap rule's findings.
Strings bootstrapFindings(const Object &Doc) {
  return messagesOf(Doc, "coldstart-missing-bootstrap");
}

/// The note on --default-libc, or "" (the one that mentions it).
std::string defaultLibcNote(const Inspected &I) {
  for (const std::string &N : I.notes())
    if (N.find("--default-libc") != std::string::npos)
      return N;
  return "";
}

/// The aws-lambda-cpp packager's layout of Program with this machine's Libraries and loader.
std::string packagerLayout(const std::string &Name, const std::string &Program,
                           const Strings &Libraries, const std::string &Script) {
  std::string Dir = freshDir(Name);
  putFile(Dir, "bin/app", Program);
  for (const std::string &L : Libraries)
    putFile(Dir, "lib/" + L, HostLib + L, 0755);
  putFile(Dir, "lib/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2");
  put(Dir, "bootstrap", Script, 0755);
  return Dir;
}

const char *const PackagerScript =
    "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
    "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib "
    "$LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n";

} // namespace

TEST(BootstrapScriptPackage, CdAndRelativeLoaderLineIsFollowed) {
  std::string Dir =
      packagerLayout("boot-relative", ElfDir + "ctors-gnu", {"libc.so.6"},
                     "#!/bin/sh\nset -eu\ncd \"$(dirname \"$0\")\"\n"
                     "LIB=./lib\nexec $LIB/ld-linux-x86-64.so.2 --library-path $LIB ./bin/app "
                     "\"$@\"\n");
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  const Object &B = I.boot();
  EXPECT_EQ(B.getString("program"), "bin/app") << I.Run.Out;
  EXPECT_EQ(B.getString("loader"), "lib/ld-linux-x86-64.so.2");
  EXPECT_EQ(B.getString("library_path_from"), "loader-option");
  ASSERT_TRUE(B.getArray("library_path"));
  EXPECT_EQ(B.getArray("library_path")->size(), 1u);
  EXPECT_EQ((*B.getArray("library_path"))[0].getAsString(), "/var/task/lib");
  EXPECT_EQ(bootstrapFindings(I.doc()), Strings{});
  for (const std::string &N : I.notes()) {
    EXPECT_EQ(N.find("not part of the package"), std::string::npos) << N;
    EXPECT_EQ(N.find("could not follow"), std::string::npos) << N;
  }
}

TEST(BootstrapScriptPackage, ScriptThatCannotBeFollowedSaysWhyAndBlamesNoFile) {
  std::string Dir = freshDir("boot-unfollowed");
  putFile(Dir, "bin/app", ElfDir + "ctors-gnu-stripped");
  put(Dir, "cmd", "./bin/app\n");
  put(Dir, "bootstrap", "#!/bin/sh\nset -e\ncd \"$LAMBDA_TASK_ROOT\"\nexec $(cat cmd)\n", 0755);
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  EXPECT_EQ(I.notes(), Strings{"could not follow the script: line 4: exec $(cat cmd) runs a "
                               "command substitution coldstart does not evaluate"})
      << I.Run.Out;
  EXPECT_EQ(I.boot().getString("program"), "");
  EXPECT_EQ(bootstrapFindings(I.doc()), Strings{});
}

TEST(BootstrapScriptPackage, ExportedLibraryPathIsTheProgramsLibraryPath) {
  std::string Dir = freshDir("boot-ldpath");
  putFile(Dir, "bin/app", ElfDir + "missing/needgone");
  putFile(Dir, "vendor/libgone.so", ElfDir + "missing-linktime/libgone.so");
  put(Dir, "bootstrap",
      "#!/bin/bash\nexport LD_LIBRARY_PATH=$LAMBDA_TASK_ROOT/vendor:$LD_LIBRARY_PATH\n"
      "exec $LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n",
      0755);
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  const Object &B = I.boot();
  EXPECT_EQ(B.getString("program"), "bin/app");
  EXPECT_EQ(B.getString("library_path_from"), "script");
  EXPECT_EQ(B.getBoolean("bundled_loader"), false);
  Strings Path;
  for (const auto &V : *B.getArray("library_path"))
    Path.push_back(V.getAsString()->str());
  EXPECT_EQ(Path, with({"/var/task/vendor"}, LambdaLdLibraryPath));
  EXPECT_EQ(I.notes(),
            Strings{"the script sets LD_LIBRARY_PATH for bin/app: " + llvm::join(Path, ":")});
  ASSERT_TRUE(B.get("default_libc"));
  EXPECT_TRUE(B.get("default_libc")->getAsNull().has_value());
  EXPECT_EQ(bootstrapFindings(I.doc()), Strings{});
}

TEST(BootstrapScriptPackage, ProgramMissingFromThePackageIsAFindingWithItsLine) {
  std::string Dir = freshDir("boot-missing");
  put(Dir, "bootstrap", "#!/bin/sh\ncd \"$LAMBDA_TASK_ROOT\"\nexec ./bin/app\n", 0755);
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  EXPECT_EQ(bootstrapFindings(I.doc()),
            Strings{"bootstrap runs /var/task/bin/app (line 3), which is not in the package"});
  EXPECT_EQ(I.notes(), Strings{});
}

TEST(BootstrapScriptPackage, ProgramsOfTheImageAndOfALayer) {
  std::string Dir = freshDir("boot-image");
  put(Dir, "runtime.R", "# R\n");
  put(Dir, "bootstrap", "#!/bin/sh\ncd $LAMBDA_TASK_ROOT\nRscript runtime.R\n", 0755);
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  EXPECT_EQ(I.notes(), Strings{"the script starts Rscript (line 3) from PATH "
                               "(/usr/local/bin:/usr/bin:/bin:/opt/bin): not a file of the "
                               "package; PATH's folders under /opt are a layer's, and no layer "
                               "was given to inspect"});
  EXPECT_EQ(bootstrapFindings(I.doc()), Strings{});

  // The same name in a layer's bin/ is found on PATH in /opt/bin; a layer without it leaves it
  // to the image.
  std::string Layer = freshDir("boot-image-layer");
  putFile(Layer, "bin/Rscript", ElfDir + "ctors-gnu-stripped");
  auto L = inspect({"--runtime", "provided.al2023", "--layer", zipOf(Layer), zipOf(Dir)});
  EXPECT_EQ(L.boot().getString("program"), "/opt/bin/Rscript") << L.Run.Out;
  EXPECT_EQ(L.notes(), Strings{});
  std::string Other = freshDir("boot-image-other-layer");
  put(Other, "share/readme", "a layer\n");
  auto O = inspect({"--runtime", "provided.al2023", "--layer", zipOf(Other), zipOf(Dir)});
  EXPECT_EQ(O.notes(), Strings{"the script starts Rscript (line 3) from PATH "
                               "(/usr/local/bin:/usr/bin:/bin:/opt/bin): a program of the runtime "
                               "image, as no folder of PATH in the package or a layer holds it"});

  // An absolute path into /opt: checked against the layers given, and only then.
  std::string Php = freshDir("boot-php");
  put(Php, "index.php", "<?php\n");
  put(Php, "bootstrap", "#!/bin/sh\nexec /opt/bin/php /var/task/index.php\n", 0755);
  std::string PhpZip = zipOf(Php);
  auto N = inspect({"--runtime", "provided.al2023", PhpZip});
  EXPECT_EQ(N.notes(), Strings{"the script runs /opt/bin/php (line 2), a file of a layer; no "
                               "layer was given to inspect, so it is not checked"});
  EXPECT_EQ(bootstrapFindings(N.doc()), Strings{});
  auto M = inspect({"--runtime", "provided.al2023", "--layer", zipOf(Other), PhpZip});
  EXPECT_EQ(bootstrapFindings(M.doc()),
            Strings{"bootstrap runs /opt/bin/php (line 2), which is not in the package or its "
                    "layers"});

  // A script that keeps running itself, and one that starts itself.
  std::string Loop = freshDir("boot-loop");
  put(Loop, "bootstrap",
      "#!/bin/sh\nset -euo pipefail\nwhile true\ndo\n  EVENT=$(curl -sS "
      "\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next\")\ndone\n",
      0755);
  auto R = inspect({"--runtime", "provided.al2023", zipOf(Loop)});
  EXPECT_EQ(R.notes(), Strings{"the script starts no program: no exec and no command that runs a "
                               "file of the package or a layer (the script itself keeps "
                               "running, in the loop at line 3)"});
  std::string Self = freshDir("boot-self");
  put(Self, "bootstrap", "#!/bin/sh\nmkdir -p /tmp/data\nexec ./bootstrap\n", 0755);
  auto E = inspect({"--runtime", "provided.al2023", zipOf(Self)});
  EXPECT_EQ(E.notes(), Strings{"the script starts itself (line 3): it runs again, and nothing "
                               "else"});
  std::string Chain = freshDir("boot-chain");
  put(Chain, "run.sh", "#!/bin/sh\nexec ./bin/app\n", 0755);
  put(Chain, "bootstrap", "#!/bin/sh\nexec \"$LAMBDA_TASK_ROOT/run.sh\" \"$@\"\n", 0755);
  auto H = inspect({"--runtime", "provided.al2023", zipOf(Chain)});
  EXPECT_EQ(H.notes(), Strings{"the script starts run.sh (line 2), another script, which "
                               "coldstart does not follow further"});
  EXPECT_EQ(bootstrapFindings(H.doc()), Strings{});

  std::string Py = freshDir("boot-python");
  put(Py, "bootstrap", "#!/usr/bin/env python3\nimport os\nos.execv('/var/task/app', [])\n", 0755);
  auto P = inspect({"--runtime", "provided.al2023", zipOf(Py)});
  EXPECT_EQ(P.notes(), Strings{"bootstrap is a script for /usr/bin/env python3: coldstart "
                               "follows only shell scripts (sh, bash)"});
  EXPECT_EQ(bootstrapFindings(P.doc()), Strings{});
}

TEST(BootstrapScriptPackage, DefaultLibcAdviceNamesTheBinaryThatPreventsIt) {
  // The packager's bundle of a C++ program built here: this machine's libstdc++ and libgcc_s
  // need a newer glibc than provided.al2023's, and so does the program.
  std::string Dir =
      packagerLayout("boot-libc-blocked", PkgFixtures + "packager-app",
                     {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6"}, PackagerScript);
  auto I = inspect({"--runtime", "provided.al2023", zipOf(Dir)});
  const Object *C = I.boot().getObject("default_libc");
  ASSERT_TRUE(C) << I.Run.Out;
  EXPECT_EQ(C->getBoolean("possible"), false);
  EXPECT_EQ(C->getString("runtime"), "provided.al2023");
  EXPECT_EQ(C->getBoolean("runtime_given"), true);
  EXPECT_EQ(C->getBoolean("libstdcxx_from_runtime"), false);
  Strings Checked, Glibc;
  for (const auto &V : *C->getArray("checked"))
    Checked.push_back(V.getAsString()->str());
  for (const auto &V : *C->getArray("glibc_libraries"))
    Glibc.push_back(V.getAsString()->str());
  EXPECT_EQ(Checked, (Strings{"bin/app", "lib/libstdc++.so.6", "lib/libgcc_s.so.1"}));
  EXPECT_EQ(Glibc, (Strings{"lib/libm.so.6", "lib/libc.so.6", "lib/ld-linux-x86-64.so.2"}));
  EXPECT_EQ(defaultLibcNote(I),
            "bin/app needs GLIBC_2.36, lib/libstdc++.so.6 needs GLIBC_2.36, lib/libgcc_s.so.1 "
            "needs GLIBC_2.35: built on a newer system than provided.al2023 (glibc 2.34); "
            "--default-libc (-d) would fail, keep the bundled glibc");
  for (const std::string &N : I.notes())
    EXPECT_EQ(N.find("package it with the packager's --default-libc"), std::string::npos) << N;
}

TEST(BootstrapScriptPackage, DefaultLibcAdviceOnlyWhereTheRuntimesGlibcSuffices) {
  // A program and a library it bundles that need at most GLIBC_2.34: enough on provided.al2023,
  // not on provided.al2 (glibc 2.26).
  std::string Dir =
      packagerLayout("boot-libc-ok", ElfDir + "missing/needgone", {"libc.so.6"}, PackagerScript);
  putFile(Dir, "lib/libgone.so", ElfDir + "missing-linktime/libgone.so");
  std::string Zip = zipOf(Dir);
  auto New = inspect({"--runtime", "provided.al2023", Zip});
  EXPECT_EQ(defaultLibcNote(New),
            "on provided.al2023 (glibc 2.34) bin/app and the libraries it would still bundle "
            "(lib/libgone.so) need at most GLIBC_2.34: the bundled glibc is not needed; package "
            "it with the packager's --default-libc (-d) option, which makes the binary itself the "
            "bootstrap")
      << New.Run.Out;
  EXPECT_EQ(New.boot().getObject("default_libc")->getBoolean("possible"), true);
  EXPECT_EQ(New.boot().getObject("default_libc")->getString("highest_glibc"), "2.34");

  auto Old = inspect({"--runtime", "provided.al2", Zip});
  EXPECT_EQ(defaultLibcNote(Old),
            "bin/app needs GLIBC_2.34: built on a newer system than provided.al2 (glibc 2.26); "
            "--default-libc (-d) would fail, keep the bundled glibc")
      << Old.Run.Out;
  const Object *Blocker =
      (*Old.boot().getObject("default_libc")->getArray("blockers"))[0].getAsObject();
  EXPECT_EQ(Blocker->getString("binary"), "bin/app");
  EXPECT_EQ(Blocker->getString("needs"), "GLIBC_2.34");
  EXPECT_EQ(Blocker->getString("runtime_version"), "2.26");

  // Without --runtime the provided.al2023 manifest is assumed, and the note says so.
  auto Assumed = inspect({Zip});
  EXPECT_NE(defaultLibcNote(Assumed).find("provided.al2023 (glibc 2.34), the runtime assumed "
                                          "when no --runtime is given"),
            std::string::npos)
      << Assumed.Run.Out;
  EXPECT_EQ(Assumed.boot().getObject("default_libc")->getBoolean("runtime_given"), false);
}

TEST(BootstrapScriptPackage, LibstdcxxFromTheRuntimeIsComparedWithItsGlibcxx) {
  // Without a bundled libstdc++, the program's GLIBCXX and CXXABI needs count too: against a
  // runtime whose glibc suffices but whose libstdc++ is older than the program's.
  std::string Dir = packagerLayout("boot-libcxx", PkgFixtures + "packager-app",
                                   {"libm.so.6", "libgcc_s.so.1", "libc.so.6"}, PackagerScript);
  std::string Manifest = tempPath("old-libstdcxx-runtime.yaml");
  writeFile(Manifest, "base: amazonlinux2023\nname: old-cxx\nfamily: custom\n"
                      "versions: {glibc: \"2.40\", glibcxx: \"3.4.20\", cxxabi: \"1.3.13\"}\n");
  auto I = inspect({"--runtime", Manifest, zipOf(Dir)});
  const Object *C = I.boot().getObject("default_libc");
  ASSERT_TRUE(C) << I.Run.Out;
  EXPECT_EQ(C->getBoolean("libstdcxx_from_runtime"), true);
  EXPECT_EQ(defaultLibcNote(I),
            "bin/app needs GLIBCXX_3.4.21: built on a newer system than old-cxx (glibc 2.40); "
            "--default-libc (-d) would fail, keep the bundled glibc");

  // Bundled, libstdc++ brings its own GLIBCXX: only glibc counts.
  std::string With =
      packagerLayout("boot-libcxx-bundled", PkgFixtures + "packager-app",
                     {"libstdc++.so.6", "libm.so.6", "libgcc_s.so.1", "libc.so.6"}, PackagerScript);
  auto J = inspect({"--runtime", Manifest, zipOf(With)});
  EXPECT_EQ(J.boot().getObject("default_libc")->getBoolean("possible"), true) << J.Run.Out;
  EXPECT_NE(defaultLibcNote(J).find("package it with the packager's --default-libc (-d)"),
            std::string::npos);

  // A manifest that gives no glibc version: not known, and said so.
  std::string Bare = tempPath("no-versions-runtime.yaml");
  writeFile(Bare, "name: bare\nfamily: custom\nld-library-path: [/var/task/lib]\n");
  auto K = inspect({"--runtime", Bare, zipOf(With)});
  EXPECT_EQ(defaultLibcNote(K),
            "whether --default-libc (-d) would work on bare is not known: the bare "
            "manifest gives no GLIBC version to compare bin/app's GLIBC_2.36 with")
      << K.Run.Out;
}
