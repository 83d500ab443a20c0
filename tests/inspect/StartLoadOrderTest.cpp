// Which of a package's ELF files the function loads at start, and in which order: the program
// the bootstrap runs, the bundled loader it runs through, then the package's libraries of its
// dependency tree; every other ELF file (a module loaded later, a tool) is not. The text report
// lists them in that order, the rest by size.
#include "TestSupport.h"

#include "coldstart/inspect/Artifact.h"
#include "coldstart/rules/Loader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <map>

using namespace coldstart;
using namespace coldstart::test;

namespace {

/// A fresh package folder under the test's scratch area.
std::string packageFolder(const std::string &Name) {
  std::string Dir = tempPath(Name);
  llvm::sys::fs::remove_directories(Dir);
  EXPECT_FALSE(llvm::sys::fs::create_directories(Dir));
  return Dir;
}

void copyInto(const std::string &Root, const std::string &Rel, const std::string &From,
              bool Executable = false) {
  std::string To = Root + "/" + Rel;
  EXPECT_FALSE(llvm::sys::fs::create_directories(llvm::sys::path::parent_path(To)));
  ASSERT_FALSE(llvm::sys::fs::copy_file(From, To)) << From;
  if (Executable)
    llvm::sys::fs::setPermissions(To, llvm::sys::fs::perms(0755));
}

/// Package path -> StartLoadOrder of every binary of the package.
std::map<std::string, unsigned> startOrder(const report::ArtifactReport &R) {
  std::map<std::string, unsigned> Out;
  for (const auto &B : R.Binaries)
    Out[B.Path] = B.StartLoadOrder;
  return Out;
}

report::ArtifactReport inspectOrDie(const std::string &Path) {
  rules::RuleSet Rules = rules::defaultRuleSet();
  inspect::ArtifactOptions Options;
  auto R = inspect::inspectArtifact(Path, Rules, Options);
  if (!R) {
    ADD_FAILURE() << llvm::toString(R.takeError());
    return {};
  }
  return std::move(*R);
}

std::string textOf(const report::ArtifactReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  report::writeInspectText(R, OS);
  return Out;
}

} // namespace

TEST(StartLoadOrder, NativeBootstrapAndTheLibraryItsRunpathFinds) {
  std::string Dir = packageFolder("start-native");
  copyInto(Dir, "bootstrap", fixture("origin/usedep"), true);
  copyInto(Dir, "lib/libdep.so", fixture("origin/lib/libdep.so"));
  // Neither is needed by the bootstrap: a tool and a plugin loaded later, if ever.
  copyInto(Dir, "tools/helper", fixture("ctors-gnu"), true);
  copyInto(Dir, "plugins/plugin.so", fixture("missing-linktime/libgone.so"));
  auto R = inspectOrDie(Dir);
  EXPECT_EQ(
      startOrder(R),
      (std::map<std::string, unsigned>{
          {"bootstrap", 1}, {"lib/libdep.so", 2}, {"plugins/plugin.so", 0}, {"tools/helper", 0}}));
  std::string Text = textOf(R);
  EXPECT_NE(Text.find("binaries (4 ELF files; the 2 loaded at start first, in load order from "
                      "the program, then the rest by size):"),
            std::string::npos)
      << Text;
  // bootstrap, lib/libdep.so, then the larger of the other two (ctors-gnu has debug info).
  size_t Table = Text.find("binaries (");
  ASSERT_NE(Table, std::string::npos) << Text;
  size_t Boot = Text.find("\n    bootstrap ", Table),
         Dep = Text.find("\n    lib/libdep.so ", Table),
         Tool = Text.find("\n    tools/helper ", Table),
         Plugin = Text.find("\n    plugins/plugin.so ", Table);
  ASSERT_NE(Plugin, std::string::npos) << Text;
  EXPECT_LT(Boot, Dep);
  EXPECT_LT(Dep, Tool);
  EXPECT_LT(Tool, Plugin);
}

TEST(StartLoadOrder, BundledLoaderLayoutFollowsTheScript) {
  const std::string Libc = "/lib/x86_64-linux-gnu/libc.so.6",
                    Loader = "/lib64/ld-linux-x86-64.so.2",
                    Gconv = "/usr/lib/x86_64-linux-gnu/gconv/IBM1390.so";
  for (const std::string &P : {Libc, Loader, Gconv})
    if (!exists(P))
      GTEST_SKIP() << P << " is not on this machine";
  // The aws-lambda-cpp packager's layout: a script that starts bin/app through the bundled
  // loader with --library-path lib, the libraries reached through links as it copies them, and
  // glibc's conversion modules, which iconv loads with dlopen if ever.
  std::string Dir = packageFolder("start-loader");
  copyInto(Dir, "bin/app", fixture("ctors-gnu"), true);
  copyInto(Dir, "lib/ld-linux-x86-64.so.2", Loader, true);
  copyInto(Dir, "lib/libc-2.36.so", Libc);
  ASSERT_FALSE(llvm::sys::fs::create_link("libc-2.36.so", Dir + "/lib/libc.so.6"));
  copyInto(Dir, "lib/gconv/IBM1390.so", Gconv);
  std::string Script =
      "#!/bin/bash\nset -euo pipefail\nexport AWS_EXECUTION_ENV=lambda-cpp\n"
      "exec $LAMBDA_TASK_ROOT/lib/ld-linux-x86-64.so.2 --library-path $LAMBDA_TASK_ROOT/lib "
      "$LAMBDA_TASK_ROOT/bin/app ${_HANDLER}\n";
  writeFile(Dir + "/bootstrap", Script);
  llvm::sys::fs::setPermissions(Dir + "/bootstrap", llvm::sys::fs::perms(0755));
  auto R = inspectOrDie(Dir);
  ASSERT_EQ(R.Package.Bootstrap.Target, "bin/app");
  // bin/app needs libc.so.6 (a link to lib/libc-2.36.so), which needs the loader, already
  // loaded second: the loader is not counted twice.
  EXPECT_EQ(startOrder(R), (std::map<std::string, unsigned>{{"bin/app", 1},
                                                            {"lib/ld-linux-x86-64.so.2", 2},
                                                            {"lib/libc-2.36.so", 3},
                                                            {"lib/gconv/IBM1390.so", 0}}));
}

TEST(StartLoadOrder, NothingIsLoadedAtStartWithoutANativeProgram) {
  // A Python package: its extension modules are imported by the interpreter, which the package
  // does not hold; nothing is said to load at start.
  std::string Dir = packageFolder("start-python");
  writeFile(Dir + "/lambda_function.py", "def handler(event, context):\n    return 1\n");
  copyInto(Dir, "mypkg/_native.so", fixture("origin/lib/libdep.so"));
  auto R = inspectOrDie(Dir);
  EXPECT_EQ(startOrder(R), (std::map<std::string, unsigned>{{"mypkg/_native.so", 0}}));
  std::string Text = textOf(R);
  EXPECT_NE(Text.find("binaries (1 ELF file, largest first):"), std::string::npos) << Text;
}
