#include "TestReports.h"

#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Writers.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <regex>

using namespace coldstart::report;
using namespace coldstart::report::test;

namespace {

const std::regex FindingLine(R"(^(.+):(\d+):(\d+): (warning|error|note): (.+) \[([a-z-]+)\]$)");
const std::regex NoteLine(R"(^(.+):(\d+):(\d+): note: (.+)$)");

std::string text(const Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeText(R, OS);
  return Out;
}

std::vector<std::string> lines(const std::string &Text) {
  llvm::SmallVector<llvm::StringRef> Parts;
  llvm::StringRef(Text).split(Parts, '\n');
  EXPECT_TRUE(!Text.empty() && Text.back() == '\n') << "output must end with a newline";
  std::vector<std::string> Out;
  for (llvm::StringRef P : Parts)
    Out.push_back(P.str());
  if (!Out.empty() && Out.back().empty())
    Out.pop_back();
  return Out;
}

TEST(TextWriter, FindingTraceAndFixAreCompilerStyleLines) {
  Report R;
  R.Command = "lint";
  R.Findings = {clientFinding()};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 5u) << text(R);

  std::smatch M;
  ASSERT_TRUE(std::regex_match(L[0], M, FindingLine)) << L[0];
  EXPECT_EQ(M[1], "src/handler.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[4], "warning");
  EXPECT_EQ(M[5], clientFinding().Message);
  EXPECT_EQ(M[6], "coldstart-client-in-handler");

  // The call chain from the handler, in order, then the fix hint at the finding's place.
  ASSERT_TRUE(std::regex_match(L[1], M, NoteLine)) << L[1];
  EXPECT_EQ(M[2], "70");
  EXPECT_EQ(M[3], "10");
  EXPECT_EQ(M[4], "handler 'my_handler' calls 'upload'");
  ASSERT_TRUE(std::regex_match(L[2], M, NoteLine)) << L[2];
  EXPECT_EQ(M[2], "40");
  EXPECT_EQ(M[4], "'upload' constructs the client");
  ASSERT_TRUE(std::regex_match(L[3], M, NoteLine)) << L[3];
  EXPECT_EQ(M[1], "src/handler.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[4], "fix: " + clientFinding().FixHint);
  EXPECT_EQ(L[4], "1 warning generated.");
}

TEST(TextWriter, SummaryCountsEachSeverityInSortedOrder) {
  Report R;
  Finding N1 = clientFinding(), N2 = clientFinding(5);
  N1.Level = N2.Level = Severity::Note;
  N1.Trace.clear();
  N2.Trace.clear();
  N1.FixHint.clear();
  N2.FixHint.clear();
  R.Findings = {clientFinding(100), sdkInitFinding(), N2, clientFinding(200), N1};
  std::vector<std::string> L = lines(text(R));
  EXPECT_EQ(L.back(), "1 error, 2 warnings, 2 notes generated.");

  // Findings come out sorted by place whatever order the pass produced them in.
  std::vector<unsigned> FindingLines;
  for (const std::string &Line : L) {
    std::smatch M;
    if (std::regex_match(Line, M, FindingLine))
      FindingLines.push_back(std::stoul(M[2]));
  }
  EXPECT_EQ(FindingLines, (std::vector<unsigned>{12, 42, 47, 142, 242}));
}

TEST(TextWriter, ArtifactFindingsHaveNoLineOrColumn) {
  Report R;
  R.Command = "inspect";
  R.Findings = {packageFinding()};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 3u);
  EXPECT_EQ(L[0], "function.zip: error: package is 61.0 MB zipped; direct upload allows 50 MB "
                  "[coldstart-package-size]");
  EXPECT_EQ(L[1], "function.zip: note: fix: strip binaries or move dependencies to a layer");
  EXPECT_EQ(L[2], "1 error generated.");
}

TEST(TextWriter, NoSummaryWithoutFindingsButRunNotesAppear) {
  Report R;
  R.Command = "lint";
  EXPECT_EQ(text(R), "");
  R.RunNotes = {"skipped vendor/x.cpp: no compile command"};
  EXPECT_EQ(text(R), "coldstart: note: skipped vendor/x.cpp: no compile command\n");
}

TEST(TextWriter, RunNotesFollowFindingsAndPrecedeSummary) {
  Report R;
  R.Findings = {sdkInitFinding()};
  R.RunNotes = {"analysis was partial"};
  std::vector<std::string> L = lines(text(R));
  ASSERT_GE(L.size(), 2u);
  EXPECT_EQ(L[L.size() - 2], "coldstart: note: analysis was partial");
  EXPECT_EQ(L.back(), "1 error generated.");
}

TEST(TextWriter, OddCharactersKeepOneDiagnosticPerLine) {
  Report R;
  Finding F = clientFinding();
  F.Where.File = "dir with space/we:ird\"name.cpp";
  F.Message = "first line\nsecond\tline [with brackets]";
  F.Trace = {{loc("dir with space/we:ird\"name.cpp", 3, 4), "note\r\nacross lines"}};
  F.FixHint.clear();
  R.Findings = {F};
  std::vector<std::string> L = lines(text(R));
  ASSERT_EQ(L.size(), 3u) << text(R);
  std::smatch M;
  ASSERT_TRUE(std::regex_match(L[0], M, FindingLine)) << L[0];
  EXPECT_EQ(M[1], "dir with space/we:ird\"name.cpp");
  EXPECT_EQ(M[2], "42");
  EXPECT_EQ(M[3], "23");
  EXPECT_EQ(M[5], "first line second line [with brackets]");
  EXPECT_EQ(M[6], "coldstart-client-in-handler");
  ASSERT_TRUE(std::regex_match(L[1], M, NoteLine)) << L[1];
  EXPECT_EQ(M[4], "note  across lines");
}

TEST(TextWriter, UnknownColumnIsLeftOutNotInvented) {
  Report R;
  Finding F = sdkInitFinding();
  F.Where.Column = 0;
  F.FixHint.clear();
  R.Findings = {F};
  std::vector<std::string> L = lines(text(R));
  EXPECT_EQ(L[0], "src/handler.cpp:12: error: 'Aws::InitAPI' runs on every invocation "
                  "[coldstart-sdk-init-in-handler]");
}

/// A package report holding Binaries, as the package pass fills it.
ArtifactReport packageWith(std::vector<BinaryReport> Binaries) {
  ArtifactReport R;
  R.Path = "function.zip";
  R.Kind = "zip";
  R.Binaries = std::move(Binaries);
  return R;
}

BinaryReport elf(const std::string &Path, uint64_t Bytes, unsigned StartLoadOrder = 0) {
  BinaryReport B;
  B.Path = Path;
  B.Type = "shared-library";
  B.Arch = "x86_64";
  B.Bytes = Bytes;
  B.Stripped = true;
  B.StartLoadOrder = StartLoadOrder;
  return B;
}

/// The lines of the text report's binaries table: its heading, the rows (path first) and the
/// lines after them, up to the next blank line or note.
std::vector<std::string> binariesTable(const ArtifactReport &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeInspectText(R, OS);
  std::vector<std::string> Table;
  bool In = false;
  for (const std::string &Line : lines(Out)) {
    if (llvm::StringRef(Line).starts_with("binaries ("))
      In = true;
    else if (In && (Line.empty() || llvm::StringRef(Line).starts_with("note:")))
      break;
    if (In)
      Table.push_back(Line);
  }
  return Table;
}

/// The path column of the table's rows (the heading and the column titles skipped).
std::vector<std::string> rowPaths(const std::vector<std::string> &Table) {
  std::vector<std::string> Paths;
  for (size_t I = 2; I < Table.size(); ++I) {
    llvm::StringRef Row = llvm::StringRef(Table[I]).trim();
    if (Row.starts_with("...") || Row.starts_with("("))
      continue;
    Paths.push_back(Row.split(' ').first.str());
  }
  return Paths;
}

TEST(TextWriter, PackageBinariesLoadedAtStartComeFirstThenTheLargest) {
  // The program, its bundled loader and two libraries in load order, then 23 modules nothing
  // loads at start, in archive order (smallest first).
  std::vector<BinaryReport> Bins;
  for (unsigned I = 0; I < 23; ++I)
    Bins.push_back(elf("lib/gconv/M" + std::to_string(I) + ".so", 100000 + 1000 * I));
  Bins.push_back(elf("lib/libc.so.6", 1926232, 4));
  Bins.push_back(elf("bin/app", 17384, 1));
  Bins.push_back(elf("lib/libstdc++.so.6", 2190440, 3));
  Bins.push_back(elf("lib/ld-linux-x86-64.so.2", 215000, 2));
  std::vector<std::string> Table = binariesTable(packageWith(Bins));
  ASSERT_FALSE(Table.empty());
  EXPECT_EQ(Table[0], "binaries (27 ELF files; the 4 loaded at start first, in load order from "
                      "the program, then the rest by size):");
  std::vector<std::string> Expected = {"bin/app", "lib/ld-linux-x86-64.so.2", "lib/libstdc++.so.6",
                                       "lib/libc.so.6"};
  for (int I = 22; I >= 7; --I) // the 16 largest modules; M6 .. M0 are cut
    Expected.push_back("lib/gconv/M" + std::to_string(I) + ".so");
  EXPECT_EQ(rowPaths(Table), Expected);
  // The 7 modules cut: 100,000 + 1,000 * (0 + ... + 6) bytes = 0.7 MB.
  EXPECT_EQ(Table[Table.size() - 1],
            "    ... and 7 more ELF files (0.7 MB), none loaded at start; all of them, with "
            "every binary's full measurements, in --format json");
}

TEST(TextWriter, PackageBinariesWithoutAStartedProgramAreLargestFirst) {
  // An interpreted runtime: nothing is known to load at start, and the report does not say
  // "none loaded at start".
  std::vector<BinaryReport> Bins;
  for (unsigned I = 0; I < 21; ++I)
    Bins.push_back(elf("site-packages/m" + std::to_string(I) + ".so", 5000 + I));
  Bins.push_back(elf("site-packages/b.so", 5001)); // as large as m1: the path decides
  std::vector<std::string> Table = binariesTable(packageWith(Bins));
  ASSERT_FALSE(Table.empty());
  EXPECT_EQ(Table[0], "binaries (22 ELF files, largest first):");
  std::vector<std::string> Paths = rowPaths(Table);
  ASSERT_EQ(Paths.size(), 20u);
  EXPECT_EQ(Paths.front(), "site-packages/m20.so");
  EXPECT_EQ(Paths[18], "site-packages/m2.so");
  EXPECT_EQ(Paths.back(), "site-packages/b.so"); // m1 and m0 are cut
  EXPECT_EQ(Table.back(), "    ... and 2 more ELF files (0.0 MB); all of them, with every "
                          "binary's full measurements, in --format json");
}

TEST(TextWriter, PackageBinariesBeyondTheRowsCanStillBeLoadedAtStart) {
  // 22 binaries loaded at start: the two past the table's rows are said to be.
  std::vector<BinaryReport> Bins;
  for (unsigned I = 0; I < 22; ++I)
    Bins.push_back(elf("lib/l" + std::to_string(I) + ".so", 1000000, I + 1));
  Bins.push_back(elf("lib/unused.so", 9000000));
  std::vector<std::string> Table = binariesTable(packageWith(Bins));
  ASSERT_FALSE(Table.empty());
  std::vector<std::string> Paths = rowPaths(Table);
  ASSERT_EQ(Paths.size(), 20u);
  EXPECT_EQ(Paths.front(), "lib/l0.so");
  EXPECT_EQ(Paths.back(), "lib/l19.so");
  EXPECT_EQ(Table.back(), "    ... and 3 more ELF files (11.0 MB), 2 of them loaded at start; "
                          "all of them, with every binary's full measurements, in --format json");
}

TEST(TextWriter, PackageBinariesThatFitAreAllListed) {
  std::vector<std::string> Table =
      binariesTable(packageWith({elf("lib/libz.so.1", 120000), elf("bootstrap", 50000, 1)}));
  ASSERT_EQ(Table.size(), 5u);
  EXPECT_EQ(Table[0], "binaries (2 ELF files; the program first, then the rest by size):");
  EXPECT_EQ(rowPaths(Table), (std::vector<std::string>{"bootstrap", "lib/libz.so.1"}));
  EXPECT_EQ(Table[4], "    (every binary's full measurements are in --format json)");

  Table = binariesTable(packageWith({elf("lib/libz.so.1", 120000, 2), elf("bootstrap", 50000, 1)}));
  ASSERT_FALSE(Table.empty());
  EXPECT_EQ(Table[0], "binaries (2 ELF files, all loaded at start, in load order from the "
                      "program):");
  Table = binariesTable(packageWith({elf("bootstrap", 50000, 1)}));
  ASSERT_FALSE(Table.empty());
  EXPECT_EQ(Table[0], "binaries (1 ELF file, the program):");
}

} // namespace
