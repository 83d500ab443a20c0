// Hostile compilation databases for `coldstart lint` (given with -p, or found above the
// sources): each ends in exit 2 with a message naming the database or the file, within 60 s
// and 1 GiB.
//
// Covered elsewhere, not repeated here (tests/analyzer/LintCommandTest.cpp,
// CannotDoItsJobExitsTwo): -p to a folder without a database, a truncated JSON document, a
// source the database does not list. Inputs that once crashed the compdb fuzz target are
// replayed by FuzzRegressionTest.
#include "HostileSupport.h"
#include "RunTool.h"

#include <gtest/gtest.h>

using namespace coldstart::test;

namespace {

void expectError(const Bounded &R, const std::string &Names, const std::string &Message) {
  EXPECT_FALSE(R.TimedOut || R.Crashed) << R.Err.substr(0, 3000);
  EXPECT_EQ(R.Exit, 2) << R.Err.substr(0, 3000) << R.Out.substr(0, 1000);
  EXPECT_NE(R.Err.find(Names), std::string::npos) << R.Err.substr(0, 3000);
  EXPECT_NE(R.Err.find(Message), std::string::npos) << R.Err.substr(0, 3000);
  // Nothing but coldstart's own lines: no parser echoing the input, no "N errors generated".
  EXPECT_EQ(R.Err.find("generated."), std::string::npos) << R.Err.substr(0, 3000);
  EXPECT_EQ(R.Err.find("YAML:"), std::string::npos) << R.Err.substr(0, 3000);
}

std::string entry(const std::string &Dir, const std::string &File, const std::string &Extra = "") {
  return "{\"directory\": \"" + Dir + "\", \"file\": \"" + File +
         "\", \"arguments\": [\"clang++\", \"-std=c++17\"" + Extra + ", \"-c\", \"" + File + "\"]}";
}

} // namespace

TEST(HostileCompilationDatabase, NotJson) {
  TempDir Dir;
  std::string Source = Dir.write("src/a.cpp", "int main() { return 0; }\n");
  std::string Db = Dir.path() + "/build/compile_commands.json";
  const std::pair<std::string, std::string> Cases[] = {
      {std::string("\xff\xfe[\0\x01", 5), "not valid JSON"},
      {"- directory: /tmp\n  file: a.cpp\n  command: cc a.cpp\n", "not valid JSON"},
      {"[" + entry(Dir.path(), Source) + ", {\"directory\": \"/\", \"file\": \"b.cpp\", \"com",
       "not valid JSON"},
      {"[" + entry(Dir.path(), "caf\xe9.cpp") + "]", "not valid JSON"},
      {"{\"directory\": \"/\"}", "expected a JSON array"},
      {"[1, 2, 3]", "entry 1 is not a JSON object"},
      {std::string(100000, '[') + std::string(100000, ']'), "nested more than 64 levels"},
      {"[]", "lists no files"},
  };
  for (const auto &[Text, Message] : Cases) {
    SCOPED_TRACE(Message);
    Dir.write("build/compile_commands.json", Text);
    if (Message == "lists no files")
      expectError(runCli({"lint", "-p", Dir.path() + "/build"}), Dir.path() + "/build", Message);
    else
      expectError(runCli({"lint", "-p", Dir.path() + "/build", Source}), Db, Message);
  }
  // The same database found above the source, without -p: an error too, not a silent fallback
  // to default flags.
  Dir.write("src/compile_commands.json", "- not: json\n");
  expectError(runCli({"lint", Source}), Dir.path() + "/src/compile_commands.json",
              "not valid JSON");
}

TEST(HostileCompilationDatabase, MissingFilesAndFolders) {
  TempDir Dir;
  std::string Real = Dir.write("src/real.cpp", "int f() { return 1; }\n");
  Dir.write("build/compile_commands.json", "[" + entry(Dir.path() + "/src", "real.cpp") + ", " +
                                               entry(Dir.path() + "/src", "deleted.cpp") + "]");
  expectError(runCli({"lint", "-p", Dir.path() + "/build"}), Dir.path() + "/src/deleted.cpp",
              "does not exist");
  Dir.write("build/compile_commands.json", "[" + entry(Dir.path() + "/gone", Real) + "]");
  expectError(runCli({"lint", "-p", Dir.path() + "/build"}), Dir.path() + "/gone",
              "which is not a folder");
  Dir.write("build/compile_commands.json", "[" + entry("/", "/dev/zero") + "]");
  expectError(runCli({"lint", "-p", Dir.path() + "/build"}), "/dev/zero", "not a regular file");
}

TEST(HostileCompilationDatabase, DevicesAreNotRead) {
  // -p naming a device, and a found database whose command reads a response file from one:
  // both would be read until memory runs out.
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", "int main() { return 0; }\n");
  expectError(runCli({"lint", "-p", "/dev/zero", Source}), "/dev/zero", "not a regular file");
  Dir.write("compile_commands.json", "[" + entry(Dir.path(), Source, ", \"@/dev/zero\"") + "]");
  Bounded R = runCli({"lint", Source});
  EXPECT_FALSE(R.TimedOut || R.Crashed) << R.Err.substr(0, 3000);
  EXPECT_NE(R.Exit, 2) << R.Err; // the unreadable @file stays an argument; clang says so
  EXPECT_EQ(R.Err.find("out of memory"), std::string::npos) << R.Err.substr(0, 3000);
}
