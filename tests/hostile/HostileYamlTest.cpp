// Hostile rule sets and runtime manifests through the command (`rules validate`, `inspect
// --rules`, `inspect --runtime FILE`): each ends in exit 2 with file:line:col diagnostics,
// within 60 s and 1 GiB, with at most 50 diagnostics printed.
//
// Covered elsewhere, not repeated here (tests/rules/LoaderTest.cpp): 100,000-deep nesting in
// the library (Files.DeepNestingIsAnErrorNotACrash), a small alias bomb (Files.Aliases...),
// NUL bytes and files over 4 MiB (Files.MissingDirectoryBinaryAndHugeFilesAreErrors), and one
// wrong type per key (Validation.WrongTypes, Validation.BadValues). Inputs that once crashed
// the rules or runtime-manifest fuzz targets are replayed by FuzzRegressionTest.
#include "HostileSupport.h"
#include "MiniElf.h"
#include "RunTool.h"

#include <gtest/gtest.h>

#include <regex>

using namespace coldstart::test;

namespace {

unsigned countLines(const std::string &S, const std::string &Needle) {
  unsigned N = 0;
  for (size_t At = S.find(Needle); At != std::string::npos; At = S.find(Needle, At + 1))
    ++N;
  return N;
}

void expectDiagnostics(const Bounded &R, const std::string &File, const std::string &Message) {
  EXPECT_FALSE(R.TimedOut || R.Crashed) << R.Err.substr(0, 2000);
  EXPECT_EQ(R.Exit, 2) << R.Err.substr(0, 2000);
  EXPECT_NE(R.Err.find(File + ":"), std::string::npos) << R.Err.substr(0, 2000);
  EXPECT_NE(R.Err.find(Message), std::string::npos) << R.Err.substr(0, 2000);
  EXPECT_LE(countLines(R.Err, ": error: "), 52u); // 50, "N more", the command's own line
}

/// A billion-laughs document: ten levels of ten aliases each.
std::string aliasBomb(const std::string &Use) {
  std::string T = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int L = 1; L <= 10; ++L) {
    std::string Prev = "*a" + std::to_string(L - 1);
    T += "a" + std::to_string(L) + ": &a" + std::to_string(L) + " [";
    for (int I = 0; I < 10; ++I)
      T += Prev + (I < 9 ? ", " : "]\n");
  }
  return T + Use;
}

} // namespace

TEST(HostileYaml, DeepNestingThroughTheCommand) {
  TempDir Dir;
  std::string Flow = Dir.write("flow.yaml", std::string(200000, '[') + std::string(200000, ']'));
  expectDiagnostics(runCli({"rules", "validate", Flow}), Flow, "error:");
  std::string Block;
  for (int I = 0; I < 2500; ++I) // 2,500 levels (yaml-cpp stops at 2,000) in 3 MiB
    Block += std::string(size_t(I), ' ') + "k:\n";
  std::string BlockPath = Dir.write("block.yaml", "source:\n" + Block);
  expectDiagnostics(runCli({"rules", "validate", BlockPath}), BlockPath, "error:");
  std::string Manifest =
      Dir.write("deep-runtime.yaml",
                "name: x\nlibraries: " + std::string(200000, '[') + std::string(200000, ']'));
  std::string Elf = Dir.write("app", miniElf({needed("libc.so.6")}));
  expectDiagnostics(runCli({"inspect", "--runtime", Manifest, Elf}), Manifest, "error:");
}

TEST(HostileYaml, AliasBombsEndQuickly) {
  TempDir Dir;
  // Used where the schema walks lists (names, libraries): 10^10 names if expanded.
  std::string Rules = Dir.write("bomb.yaml", aliasBomb("source:\n  handler-functions: *a10\n"));
  expectDiagnostics(runCli({"rules", "validate", Rules}), Rules, "must be a string");
  std::string Manifest = Dir.write("bomb-runtime.yaml", aliasBomb("name: bomb\nlibraries: *a10\n"));
  std::string Elf = Dir.write("app", miniElf({needed("libc.so.6")}));
  expectDiagnostics(runCli({"inspect", "--runtime", Manifest, Elf}), Manifest, "must be a string");
}

TEST(HostileYaml, WrongTypesEverywhereAreCappedAt50Diagnostics) {
  TempDir Dir;
  // Every section and key given the wrong kind of node, 3,000 times over.
  std::string Text = "version: [1]\nrules:\n";
  for (int I = 0; I < 3000; ++I)
    Text += "  coldstart-client-in-handler: {severity: [x], enabled: maybe, pass: {}}\n";
  Text += "source: {handler-functions: {add: x}, resources: [1], report-system-headers: 7}\n"
          "thresholds: {cold-start-budget-ms: {value: abc, unit: [], source: {}}}\n"
          "limits: [1, 2]\ncost: 5\npackages: {heavy-dependencies: [x], removable: 3}\n";
  std::string P = Dir.write("wrong-types.yaml", Text);
  Bounded R = runCli({"rules", "validate", P});
  expectDiagnostics(R, P, "more errors not shown");
  // The closing count covers the errors not shown too: 50 listed + N more = the total.
  std::smatch More, Total;
  ASSERT_TRUE(std::regex_search(R.Err, More, std::regex("([0-9]+) more errors not shown")));
  ASSERT_TRUE(std::regex_search(R.Err, Total, std::regex(": ([0-9]+) errors\n")));
  EXPECT_EQ(std::stoul(Total[1]), 50 + std::stoul(More[1])) << R.Err.substr(R.Err.size() - 300);
  Bounded I = runCli({"inspect", "--rules", P, Dir.write("app", miniElf({}))});
  expectDiagnostics(I, P, "more errors not shown");

  std::string M = "name: [x]\nexact: 7\narchitectures: {a: b}\nversions: [1]\n"
                  "platform-init-ms: -3\nld-library-path: x\nlibraries:\n";
  for (int I = 0; I < 3000; ++I)
    M += "  - {not: a string}\n";
  std::string MP = Dir.write("wrong-runtime.yaml", M);
  expectDiagnostics(runCli({"inspect", "--runtime", MP, Dir.path() + "/app"}), MP,
                    "more errors not shown");
}

TEST(HostileYaml, NonUtf8BytesAreDiagnosedNotCrashedOn) {
  TempDir Dir;
  std::string P = Dir.write("latin1.yaml", "rules:\n  coldstart-client-in-handler:\n"
                                           "    severity: \xe9rror\n"
                                           "source:\n  handler-functions: [\"caf\xe9::handle\", "
                                           "\xff\xfe]\n");
  expectDiagnostics(runCli({"rules", "validate", P}), P, "error:");
  std::string M =
      Dir.write("latin1-runtime.yaml", "name: caf\xe9\nversions: {glibc: \"2.\xff\"}\n");
  std::string Elf = Dir.write("app", miniElf({needed("libc.so.6")}));
  expectDiagnostics(runCli({"inspect", "--runtime", M, Elf}), M, "dotted version");
}

TEST(HostileYaml, DevicesAndHugeManifestsAreRefused) {
  // A runtime manifest is read under the same bounds as a rule set: a regular file of at most
  // 4 MiB without NUL bytes (/dev/zero would otherwise be read until memory runs out).
  TempDir Dir;
  std::string Elf = Dir.write("app", miniElf({needed("libc.so.6")}));
  Bounded Z = runCli({"inspect", "--runtime", "/dev/zero", Elf});
  expectDiagnostics(Z, "/dev/zero", "not a regular file");
  std::string Huge =
      Dir.write("huge-runtime.yaml", "name: x\n# " + std::string(5 << 20, 'x') + "\n");
  expectDiagnostics(runCli({"inspect", "--runtime", Huge, Elf}), Huge, "larger than 4 MiB");
  Bounded Rz = runCli({"rules", "validate", "/dev/zero"});
  expectDiagnostics(Rz, "/dev/zero", "not a regular file");
}
