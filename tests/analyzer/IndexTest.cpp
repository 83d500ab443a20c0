// The summary index end to end, on a copy of fixtures/index-project (main.cpp registers the
// handler, handler.cpp holds what it does, storage.cpp the helpers it calls): the whole
// database, each file alone, each --shard slice and clang-tidy with the plugin must report the
// same findings, before and after an edit; re-runs parse only what changed; damaged, foreign and
// unwritable index folders cost a re-parse and a note, never a wrong result; parallel runs share
// one folder; a file dropped from the database leaves the index.
//
// Every test works in its own temporary copy of the project, with its own compilation database
// (absolute paths), and runs the real binaries from the copy's folder, so no rule set or index
// of the source tree is found.
#include "LintTestSupport.h"
#include "RunTool.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace coldstart::test;

namespace {

const std::string Coldstart = COLDSTART_BIN;
const std::string TidyWrapper = COLDSTART_TIDY_WRAPPER;

const std::string ClientRule = "coldstart-client-in-handler";
const std::string HeavyRule = "coldstart-heavy-object-in-handler";
const std::string DownloadRule = "coldstart-download-in-handler";

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path;
  return std::string(Real);
}

std::string join(const std::string &Dir, const std::string &Name) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Name);
  return std::string(Path);
}

/// A finding as every way of running reports it: where, which rule, what it says, and whether
/// it is a note (a remark in clang-tidy).
struct Found {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Rule;
  std::string Message;
  bool Note = false;

  friend bool operator<(const Found &A, const Found &B) {
    return std::tie(A.File, A.Line, A.Column, A.Rule, A.Message, A.Note) <
           std::tie(B.File, B.Line, B.Column, B.Rule, B.Message, B.Note);
  }
  friend bool operator==(const Found &A, const Found &B) { return !(A < B) && !(B < A); }
};
using FoundSet = std::multiset<Found>;

std::string show(const FoundSet &Set) {
  std::string Out;
  for (const Found &F : Set)
    Out += "  " + F.File + ":" + std::to_string(F.Line) + ":" + std::to_string(F.Column) + " " +
           F.Rule + (F.Note ? " (note)" : "") + ": " + F.Message + "\n";
  return Out.empty() ? "  (none)\n" : Out;
}

/// What annotations state about a finding.
std::multiset<Expectation> reduce(const FoundSet &Set) {
  std::multiset<Expectation> Out;
  for (const Found &F : Set)
    Out.insert({F.File, F.Line, F.Rule, F.Note});
  return Out;
}

FoundSet inFile(const FoundSet &Set, const std::string &File) {
  FoundSet Out;
  for (const Found &F : Set)
    if (F.File == File)
      Out.insert(F);
  return Out;
}

FoundSet ofRule(const FoundSet &Set, const std::string &Rule) {
  FoundSet Out;
  for (const Found &F : Set)
    if (F.Rule == Rule)
      Out.insert(F);
  return Out;
}

void add(FoundSet &Into, const FoundSet &From) {
  Into.insert(From.begin(), From.end());
}

/// The `// CHECK: RULE` (and `CHECK-NOTE:`) annotations of one file, as LintFixturesTest reads
/// them.
void readAnnotations(const std::string &Path, std::multiset<Expectation> &Out) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  std::string Text = readFile(Path);
  llvm::StringRef(Text).split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I)
    readChecks(Lines[I], Path, static_cast<unsigned>(I + 1), Out);
}

/// A copy of fixtures/index-project in a temporary folder, with build/compile_commands.json.
class Project {
public:
  Project() : Root(realPath(Dir.path())) {
    std::string From = sourceDir() + "/fixtures/index-project/src";
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(From, EC), End; It != End && !EC; It.increment(EC)) {
      std::string Name = llvm::sys::path::filename(It->path()).str();
      Dir.write("src/" + Name, readFile(It->path()));
      Sources.push_back(Name);
    }
    if (EC || Sources.empty())
      ADD_FAILURE() << "cannot read the fixture in " << From;
    if (std::error_code Made = llvm::sys::fs::create_directories(build()))
      ADD_FAILURE() << "cannot create " << build() << ": " << Made.message();
    writeDatabase({"main.cpp", "handler.cpp", "storage.cpp"});
  }

  const std::string &root() const { return Root; }
  std::string src(const std::string &Name) const { return join(join(Root, "src"), Name); }
  std::string build() const { return join(Root, "build"); }
  std::string indexDir() const { return join(build(), ".coldstart"); }
  std::string unitsDir() const { return join(indexDir(), "units"); }

  /// The compilation database, with one command per file of Files (names under src/), run in
  /// Directory (default: the build folder, as CMake's are).
  void writeDatabase(const std::vector<std::string> &Files, std::string Directory = "") const {
    if (Directory.empty())
      Directory = build();
    llvm::json::Array Commands;
    for (const std::string &Name : Files)
      Commands.push_back(
          llvm::json::Object{{"directory", Directory},
                             {"file", src(Name)},
                             {"arguments", llvm::json::Array{"/usr/bin/clang++-19", "-std=c++17",
                                                             "-I" + join(Root, "src"), "-c",
                                                             src(Name), "-o", "x.o"}}});
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Commands)));
    writeFile(join(build(), "compile_commands.json"), Text);
  }

  /// Every annotation of the copy's files (as they are now).
  std::multiset<Expectation> annotations() const {
    std::multiset<Expectation> Out;
    for (const std::string &Name : Sources)
      readAnnotations(src(Name), Out);
    return Out;
  }

  /// The index entry files in units/, by file name.
  std::map<std::string, std::string> entries() const {
    std::map<std::string, std::string> Out;
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(unitsDir(), EC), End; It != End && !EC;
         It.increment(EC))
      Out[llvm::sys::path::filename(It->path()).str()] = It->path();
    return Out;
  }

  /// The entry of the unit whose main file is Name ("storage.cpp"), or "" when there is none.
  std::string entryOf(const std::string &Name) const {
    for (const auto &[File, Path] : entries())
      if (llvm::StringRef(File).starts_with(Name + ".") && llvm::StringRef(File).ends_with(".json"))
        return Path;
    return "";
  }

private:
  TempDir Dir;
  std::string Root;
  std::vector<std::string> Sources;
};

/// One `coldstart lint --format json` run.
struct LintRun {
  int Status = -1;
  std::string Err;
  FoundSet Findings;
  /// Each finding's trace notes, in report order, keyed by its place.
  std::map<std::pair<std::string, unsigned>, std::vector<std::string>> Traces;
  bool Parsed = false;
};

ToolResult runIn(const Project &P, const std::string &Program,
                 const std::vector<std::string> &Args) {
  return runTool(Program, Args, P.root());
}

/// `coldstart lint -p build --format json --fail-on warning EXTRA...`.
LintRun lint(const Project &P, const std::vector<std::string> &Extra) {
  std::vector<std::string> Args{"lint", "-p",        P.build(), "--format",
                                "json", "--fail-on", "warning"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  ToolResult T = runIn(P, Coldstart, Args);
  LintRun Run;
  Run.Status = T.ExitCode;
  Run.Err = T.Stderr;
  llvm::Expected<llvm::json::Value> Report = llvm::json::parse(T.Stdout);
  if (!Report) {
    Run.Err += "\n[test] the report is not JSON: " + llvm::toString(Report.takeError());
    return Run;
  }
  const llvm::json::Object *Root = Report->getAsObject();
  const llvm::json::Array *Findings = Root ? Root->getArray("findings") : nullptr;
  if (!Findings)
    return Run;
  Run.Parsed = true;
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *F = V.getAsObject();
    if (!F)
      continue;
    Found Item;
    Item.File = realPath(F->getString("file").value_or("").str());
    Item.Line = static_cast<unsigned>(F->getInteger("line").value_or(0));
    Item.Column = static_cast<unsigned>(F->getInteger("column").value_or(0));
    Item.Rule = F->getString("rule").value_or("").str();
    Item.Message = F->getString("message").value_or("").str();
    Item.Note = F->getString("severity").value_or("") == "note";
    std::vector<std::string> &Trace = Run.Traces[{Item.File, Item.Line}];
    if (const llvm::json::Array *Steps = F->getArray("trace"))
      for (const llvm::json::Value &S : *Steps)
        if (const llvm::json::Object *Step = S.getAsObject())
          Trace.push_back(Step->getString("note").value_or("").str());
    Run.Findings.insert(std::move(Item));
  }
  return Run;
}

/// `coldstart index -p build EXTRA...`.
ToolResult indexRun(const Project &P, const std::vector<std::string> &Extra = {}) {
  std::vector<std::string> Args{"index", "-p", P.build()};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  return runIn(P, Coldstart, Args);
}

/// The "(N parsed, M unchanged)" part of `coldstart index`'s summary line.
std::string counts(const ToolResult &T) {
  static const std::regex Summary(
      R"(coldstart index: [0-9]+ files? in .* (\([0-9]+ parsed, [0-9]+ unchanged\)))");
  std::smatch M;
  if (std::regex_search(T.Stdout, M, Summary))
    return M[1];
  return "(no summary line: status " + std::to_string(T.ExitCode) + ", stdout: " + T.Stdout +
         ", stderr: " + T.Stderr + ")";
}

/// clang-tidy with the plugin (through the clang-tidy-coldstart wrapper, which adds the bundled
/// declarations as `coldstart lint` does) on one file, with only coldstart's checks.
struct TidyRun {
  int Status = -1;
  std::string Out;
  std::string Err;
  FoundSet Findings;
};

TidyRun tidy(const Project &P, const std::string &File, const std::vector<std::string> &Extra) {
  std::vector<std::string> Args{"-p", P.build(), "--checks=-*,coldstart-*", "--quiet"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  Args.push_back(File);
  ToolResult T = runIn(P, TidyWrapper, Args);
  TidyRun Run{T.ExitCode, T.Stdout, T.Stderr, {}};
  // "path:line:col: warning: MESSAGE [rule]" (a note-severity finding is a remark); the
  // call chain and the fix follow as notes, which the JSON report holds as trace and fix.
  static const std::regex Line(
      R"(^(/[^:]+):([0-9]+):([0-9]+): (warning|remark|error): (.*) \[([^\],]+)(,[^\]]*)?\]$)");
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(T.Stdout).split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    std::string Text = L.str();
    std::smatch M;
    if (!std::regex_match(Text, M, Line))
      continue;
    std::string Rule = M[6];
    if (!llvm::StringRef(Rule).starts_with("coldstart-"))
      continue;
    Found F;
    F.File = realPath(M[1]);
    F.Line = static_cast<unsigned>(std::stoul(M[2]));
    F.Column = static_cast<unsigned>(std::stoul(M[3]));
    F.Rule = Rule;
    F.Message = M[5];
    F.Note = M[4] == "remark";
    Run.Findings.insert(std::move(F));
  }
  return Run;
}

const std::vector<std::string> &unitNames() {
  static const std::vector<std::string> Names{"handler.cpp", "main.cpp", "storage.cpp"};
  return Names;
}

/// What an entry file is, to tell whether a run rewrote it: a rename makes a new inode.
struct EntryState {
  llvm::sys::fs::UniqueID Id;
  llvm::sys::TimePoint<> Modified;
  std::string Bytes;
};

EntryState stateOf(const std::string &Path) {
  llvm::sys::fs::file_status Status;
  EntryState S;
  if (!llvm::sys::fs::status(Path, Status)) {
    S.Id = Status.getUniqueID();
    S.Modified = Status.getLastModificationTime();
  }
  S.Bytes = readFile(Path);
  return S;
}

bool sameEntry(const EntryState &A, const EntryState &B) {
  return A.Id == B.Id && A.Modified == B.Modified && A.Bytes == B.Bytes;
}

/// Files under Dir, recursively, whose name ends with Suffix.
std::vector<std::string> filesEndingWith(const std::string &Dir, llvm::StringRef Suffix) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(Suffix))
      Out.push_back(It->path());
  return Out;
}

/// Appends Text to the file at Path.
void append(const std::string &Path, const std::string &Text) {
  writeFile(Path, readFile(Path) + Text);
}

/// Checks that (a) the whole database, (b) each file alone, (c) clang-tidy with the plugin on
/// each file (after `coldstart index`) and (d) each of three --shard slices report the same
/// findings, and that the whole run's findings are the annotations. Returns the whole run's.
FoundSet expectEveryWayAgrees(const Project &P, const std::string &When) {
  SCOPED_TRACE(When);
  // (a) The whole database.
  LintRun Whole = lint(P, {});
  EXPECT_TRUE(Whole.Parsed) << Whole.Err;
  EXPECT_EQ(Whole.Status, 1) << Whole.Err;
  EXPECT_EQ(describe(reduce(Whole.Findings)), describe(P.annotations()));

  // (b) Each file alone, joined with the rest of the program through the index: its findings
  // lie in it, and together they are the whole run's.
  std::vector<std::function<LintRun()>> FileJobs;
  for (const std::string &Name : unitNames())
    FileJobs.push_back([&P, Name] { return lint(P, {P.src(Name)}); });
  std::vector<LintRun> PerFile = twoAtATime(FileJobs);
  FoundSet Union;
  for (size_t I = 0; I < PerFile.size(); ++I) {
    const LintRun &R = PerFile[I];
    std::string File = P.src(unitNames()[I]);
    EXPECT_TRUE(R.Parsed) << File << "\n" << R.Err;
    EXPECT_EQ(R.Status, inFile(Whole.Findings, File).empty() ? 0 : 1) << File << "\n" << R.Err;
    EXPECT_EQ(show(R.Findings), show(inFile(R.Findings, File)))
        << "lint -p build " << File << " reported findings outside " << File;
    add(Union, R.Findings);
  }
  EXPECT_EQ(show(Union), show(Whole.Findings)) << "the per-file runs";

  // (c) The plugin, which joins the other units from the index found upward from the
  // compile command's folder.
  ToolResult Indexed = indexRun(P);
  EXPECT_EQ(Indexed.ExitCode, 0) << Indexed.Stdout << Indexed.Stderr;
  std::vector<std::function<TidyRun()>> TidyJobs;
  for (const std::string &Name : unitNames())
    TidyJobs.push_back([&P, Name] { return tidy(P, P.src(Name), {}); });
  std::vector<TidyRun> Tidied = twoAtATime(TidyJobs);
  Union.clear();
  for (size_t I = 0; I < Tidied.size(); ++I) {
    const TidyRun &R = Tidied[I];
    std::string File = P.src(unitNames()[I]);
    EXPECT_EQ(R.Status, 0) << File << "\n" << R.Out << R.Err;
    EXPECT_EQ(R.Err.find("unable to load plugin"), std::string::npos) << R.Err;
    EXPECT_EQ(show(R.Findings), show(inFile(Whole.Findings, File)))
        << "clang-tidy on " << File << "\n"
        << R.Out;
    add(Union, R.Findings);
  }
  EXPECT_EQ(show(Union), show(Whole.Findings)) << "the plugin's runs";

  // (d) Three shards, as a CI matrix runs them.
  std::vector<std::function<LintRun()>> ShardJobs;
  for (unsigned K = 1; K <= 3; ++K)
    ShardJobs.push_back([&P, K] { return lint(P, {"--shard", std::to_string(K) + "/3"}); });
  std::vector<LintRun> Shards = twoAtATime(ShardJobs);
  Union.clear();
  for (size_t I = 0; I < Shards.size(); ++I) {
    const LintRun &R = Shards[I];
    // The slices of the sorted files: handler.cpp, main.cpp, storage.cpp.
    std::string File = P.src(unitNames()[I]);
    EXPECT_TRUE(R.Parsed) << "--shard " << I + 1 << "/3\n" << R.Err;
    EXPECT_EQ(show(R.Findings), show(inFile(Whole.Findings, File))) << "--shard " << I + 1 << "/3";
    add(Union, R.Findings);
  }
  EXPECT_EQ(show(Union), show(Whole.Findings)) << "the shards";
  return Whole.Findings;
}

/// Sets Path's modification time an hour ahead without changing its contents.
bool touchLater(const std::string &Path) {
  int FD = -1;
  if (llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                      llvm::sys::fs::OF_Append))
    return false;
  auto Later = std::chrono::time_point_cast<std::chrono::nanoseconds>(
      std::chrono::system_clock::now() + std::chrono::hours(1));
  std::error_code EC = llvm::sys::fs::setLastAccessAndModificationTime(FD, Later, Later);
  llvm::sys::fs::file_t File = llvm::sys::fs::convertFDToNativeFile(FD);
  return !EC && !llvm::sys::fs::closeFile(File);
}

/// Restores a folder's permissions when the test ends, so the temporary folder can be removed
/// whatever happened.
class RestorePermissions {
public:
  RestorePermissions(std::string Path, llvm::sys::fs::perms Perms)
      : Path(std::move(Path)), Perms(Perms) {}
  ~RestorePermissions() { (void)llvm::sys::fs::setPermissions(Path, Perms); }
  RestorePermissions(const RestorePermissions &) = delete;
  RestorePermissions &operator=(const RestorePermissions &) = delete;

private:
  std::string Path;
  llvm::sys::fs::perms Perms;
};

} // namespace

TEST(SummaryIndex, WholeProgramMatchesAnnotations) {
  Project P;
  std::multiset<Expectation> Expected = P.annotations();
  ASSERT_EQ(Expected.size(), 8u) << describe(Expected);

  LintRun Run = lint(P, {});
  ASSERT_TRUE(Run.Parsed) << Run.Err;
  EXPECT_EQ(Run.Status, 1) << Run.Err;
  EXPECT_EQ(describe(reduce(Run.Findings)), describe(Expected));
  // The run over the whole database kept every unit's summary.
  EXPECT_EQ(P.entries().size(), 3u);
  for (const std::string &Name : unitNames())
    EXPECT_NE(P.entryOf(Name), "") << Name;
}

TEST(SummaryIndex, EveryWayOfRunningAgrees) {
  Project P;
  std::string Handler = P.src("handler.cpp"), Storage = P.src("storage.cpp");
  FoundSet Before = expectEveryWayAgrees(P, "the project as the fixture has it");
  ASSERT_EQ(ofRule(inFile(Before, Handler), ClientRule).size(), 1u) << show(Before);

  // The edit: handler.cpp no longer sends to SQS (its four lines go), and saveOrder compiles a
  // regular expression on every call.
  std::vector<unsigned> RemovedLines;
  {
    llvm::SmallVector<llvm::StringRef, 64> Lines;
    std::string Text = readFile(Handler);
    llvm::StringRef(Text).split(Lines, '\n');
    std::string Edited;
    for (size_t I = 0; I < Lines.size(); ++I) {
      llvm::StringRef Code = Lines[I].trim();
      if (Code.starts_with("Aws::SQS::") || Code.starts_with("queue.") ||
          Code.starts_with("message.")) {
        RemovedLines.push_back(static_cast<unsigned>(I + 1));
        continue;
      }
      Edited += Lines[I].str() + (I + 1 < Lines.size() ? "\n" : "");
    }
    ASSERT_EQ(RemovedLines.size(), 4u) << Text;
    writeFile(Handler, Edited);
  }
  const std::string Inserted = "  std::regex extra(\"x+\"); // CHECK: " + HeavyRule;
  unsigned InsertedLine = 0;
  {
    llvm::SmallVector<llvm::StringRef, 64> Lines;
    std::string Text = readFile(Storage);
    llvm::StringRef(Text).split(Lines, '\n');
    std::string Edited;
    for (size_t I = 0; I < Lines.size(); ++I) {
      Edited += Lines[I].str() + (I + 1 < Lines.size() ? "\n" : "");
      if (Lines[I].starts_with("void saveOrder(")) {
        Edited += Inserted + "\n";
        InsertedLine = static_cast<unsigned>(I + 2);
      }
    }
    ASSERT_NE(InsertedLine, 0u) << Text;
    writeFile(Storage, Edited);
  }

  FoundSet After = expectEveryWayAgrees(P, "after the edit");

  // What the edit did, computed from it: the SQS client's finding is gone, the lines below the
  // removed ones and below the inserted one moved, and the new regex is reported where its
  // variable is declared.
  FoundSet Moved;
  for (const Found &F : Before) {
    Found G = F;
    if (F.File == Handler) {
      if (F.Rule == ClientRule && F.Message.find("Aws::SQS::SQSClient") != std::string::npos)
        continue;
      for (unsigned Removed : RemovedLines)
        if (Removed < F.Line)
          --G.Line;
    }
    if (F.File == Storage && F.Line >= InsertedLine)
      ++G.Line;
    Moved.insert(G);
  }
  ASSERT_EQ(Moved.size() + 1, Before.size()) << "the SQS client's finding:\n" << show(Before);
  FoundSet New;
  for (const Found &F : After)
    if (!Moved.count(F))
      New.insert(F);
  FoundSet Kept;
  for (const Found &F : After)
    if (Moved.count(F))
      Kept.insert(F);
  EXPECT_EQ(show(Kept), show(Moved)) << "after the edit:\n" << show(After);
  ASSERT_EQ(New.size(), 1u) << show(New);
  const Found &Regex = *New.begin();
  EXPECT_EQ(Regex.File, Storage);
  EXPECT_EQ(Regex.Line, InsertedLine);
  EXPECT_EQ(Regex.Column, Inserted.find("extra") + 1);
  EXPECT_EQ(Regex.Rule, HeavyRule);
  EXPECT_FALSE(Regex.Note);
  EXPECT_NE(Regex.Message.find("'std::regex' is built in 'app::saveOrder'"), std::string::npos)
      << Regex.Message;
  for (const Found &F : After)
    EXPECT_EQ(F.Message.find("SQS"), std::string::npos) << show(After);
}

TEST(SummaryIndex, ReRunsParseOnlyWhatChanged) {
  Project P;
  ToolResult First = indexRun(P);
  ASSERT_EQ(First.ExitCode, 0) << First.Stdout << First.Stderr;
  EXPECT_EQ(counts(First), "(3 parsed, 0 unchanged)");
  EXPECT_NE(First.Stdout.find("coldstart index: 3 files in " + P.indexDir() + " ("),
            std::string::npos)
      << First.Stdout;
  // One entry per compile command, named after its file; the folder records its database and
  // keeps itself out of version control.
  std::map<std::string, std::string> Entries = P.entries();
  EXPECT_EQ(Entries.size(), 3u);
  std::map<std::string, EntryState> Then;
  for (const std::string &Name : unitNames()) {
    std::string Entry = P.entryOf(Name);
    ASSERT_NE(Entry, "") << Name;
    Then[Name] = stateOf(Entry);
  }
  EXPECT_NE(readFile(join(P.indexDir(), "index.json")).find(P.build() + "/compile_commands.json"),
            std::string::npos);
  EXPECT_TRUE(llvm::sys::fs::is_regular_file(join(P.indexDir(), ".gitignore")));

  // Nothing changed: nothing parsed, nothing rewritten.
  ToolResult Second = indexRun(P);
  EXPECT_EQ(counts(Second), "(0 parsed, 3 unchanged)");
  for (const std::string &Name : unitNames())
    EXPECT_TRUE(sameEntry(Then[Name], stateOf(P.entryOf(Name)))) << Name << " was rewritten";

  // storage.h is included by handler.cpp and storage.cpp, not by main.cpp.
  append(P.src("storage.h"), "// a comment that changes the header's bytes\n");
  ToolResult Third = indexRun(P);
  EXPECT_EQ(counts(Third), "(2 parsed, 1 unchanged)");
  EXPECT_TRUE(sameEntry(Then["main.cpp"], stateOf(P.entryOf("main.cpp"))));
  for (const char *Name : {"handler.cpp", "storage.cpp"}) {
    EntryState Now = stateOf(P.entryOf(Name));
    EXPECT_NE(Now.Bytes, Then[Name].Bytes) << Name << " still records the old storage.h";
    Then[Name] = Now;
  }
  EXPECT_EQ(P.entries().size(), 3u);

  // A newer modification time alone changes nothing: entries are judged by content.
  ASSERT_TRUE(touchLater(P.src("storage.cpp")));
  ToolResult Fourth = indexRun(P);
  EXPECT_EQ(counts(Fourth), "(0 parsed, 3 unchanged)");
  for (const std::string &Name : unitNames())
    EXPECT_TRUE(sameEntry(Then[Name], stateOf(P.entryOf(Name)))) << Name << " was rewritten";

  // storage.cpp's own bytes: only its unit.
  append(P.src("storage.cpp"), "// another comment\n");
  ToolResult Fifth = indexRun(P);
  EXPECT_EQ(counts(Fifth), "(1 parsed, 2 unchanged)");
  EXPECT_TRUE(sameEntry(Then["main.cpp"], stateOf(P.entryOf("main.cpp"))));
  EXPECT_TRUE(sameEntry(Then["handler.cpp"], stateOf(P.entryOf("handler.cpp"))));
  EXPECT_NE(stateOf(P.entryOf("storage.cpp")).Bytes, Then["storage.cpp"].Bytes);
  EXPECT_EQ(P.entries().size(), 3u) << "the new entry replaces the old one";
  EXPECT_TRUE(filesEndingWith(P.indexDir(), ".tmp").empty());
}

TEST(SummaryIndex, SignatureAloneFindsTheHandlersOwnFindings) {
  Project P;
  std::string Handler = P.src("handler.cpp");
  std::multiset<Expectation> InHandler, OwnOnly;
  for (const Expectation &E : P.annotations())
    if (E.File == Handler) {
      InHandler.insert(E);
      // The download is in storage.cpp's loadObject, which handler.cpp alone does not show.
      if (E.Rule != DownloadRule)
        OwnOnly.insert(E);
    }
  ASSERT_EQ(InHandler.size(), 3u);
  ASSERT_EQ(OwnOnly.size(), 2u);

  // No index and no main.cpp: app::handle is a handler by its signature.
  LintRun Alone = lint(P, {"--no-index", Handler});
  ASSERT_TRUE(Alone.Parsed) << Alone.Err;
  EXPECT_EQ(Alone.Status, 1) << Alone.Err;
  EXPECT_EQ(describe(reduce(Alone.Findings)), describe(OwnOnly));
  for (const auto &[Where, Trace] : Alone.Traces) {
    ASSERT_FALSE(Trace.empty()) << Where.first << ":" << Where.second;
    EXPECT_NE(Trace.front().find("a handler by its signature"), std::string::npos) << Trace.front();
  }
  EXPECT_FALSE(llvm::sys::fs::exists(P.indexDir())) << "--no-index wrote an index";

  // With the index, the same file is judged against the whole program: the registration in
  // main.cpp is the handler, and loadObject's download is seen. First with no index yet (the
  // other units are parsed, and kept), then with the one `coldstart index` keeps fresh.
  auto ExpectJoined = [&](const LintRun &Joined) {
    ASSERT_TRUE(Joined.Parsed) << Joined.Err;
    EXPECT_EQ(Joined.Status, 1) << Joined.Err;
    EXPECT_EQ(describe(reduce(Joined.Findings)), describe(InHandler));
    for (const auto &[Where, Trace] : Joined.Traces) {
      ASSERT_FALSE(Trace.empty()) << Where.first << ":" << Where.second;
      EXPECT_NE(Trace.front().find("registered with"), std::string::npos) << Trace.front();
      EXPECT_EQ(Trace.front().find("by its signature"), std::string::npos) << Trace.front();
    }
  };
  {
    SCOPED_TRACE("no index yet");
    ExpectJoined(lint(P, {Handler}));
  }
  EXPECT_EQ(P.entries().size(), 3u);
  ToolResult Indexed = indexRun(P);
  ASSERT_EQ(Indexed.ExitCode, 0) << Indexed.Stdout << Indexed.Stderr;
  EXPECT_EQ(counts(Indexed), "(0 parsed, 3 unchanged)");
  {
    SCOPED_TRACE("a fresh index");
    ExpectJoined(lint(P, {Handler}));
  }
}

TEST(SummaryIndex, DamagedEntriesAreParsedAgain) {
  Project P;
  LintRun Clean = lint(P, {});
  ASSERT_TRUE(Clean.Parsed) << Clean.Err;
  ASSERT_EQ(describe(reduce(Clean.Findings)), describe(P.annotations()));
  std::string Entry = P.entryOf("storage.cpp");
  ASSERT_NE(Entry, "");
  const std::string Good = readFile(Entry);
  ASSERT_FALSE(Good.empty());

  // The good entry with one change.
  auto Edited = [&Good](const std::function<void(llvm::json::Object &)> &Change) {
    llvm::Expected<llvm::json::Value> Json = llvm::json::parse(Good);
    if (!Json) {
      ADD_FAILURE() << llvm::toString(Json.takeError());
      return std::string();
    }
    Change(*Json->getAsObject());
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    OS << *Json;
    return Text;
  };
  std::string StorageHeader = P.src("storage.h");

  struct Case {
    std::string Name;
    std::function<void()> Damage;
    std::vector<std::string> Phrases; // in the run's notes
    bool Repaired;                    // the run writes a good entry in its place
  };
  std::vector<Case> Cases = {
      {"truncated to half",
       [&] { writeFile(Entry, Good.substr(0, Good.size() / 2)); },
       {"could not be read", Entry},
       true},
      {"another entry version",
       [&] { writeFile(Entry, Edited([](llvm::json::Object &O) { O["version"] = 999; })); },
       {"another coldstart build", "another entry format"},
       true},
      {"another producer",
       [&] {
         writeFile(Entry, Edited([](llvm::json::Object &O) {
                     O["producer"] = "analyzer 000000000000000000000000; clang 0.0.0; rules 0";
                   }));
       },
       {"another coldstart build", Entry},
       true},
      {"a recorded hash that no longer matches",
       [&] {
         writeFile(Entry, Edited([&StorageHeader](llvm::json::Object &O) {
                     for (llvm::json::Value &F : *O.getArray("files"))
                       if (F.getAsArray()->front().getAsString() == StorageHeader)
                         (*F.getAsArray())[2] = std::string(32, '0');
                   }));
       },
       {"stale", StorageHeader + " changed"},
       true},
      {"replaced by a folder",
       [&] {
         ASSERT_FALSE(llvm::sys::fs::remove(Entry));
         ASSERT_FALSE(llvm::sys::fs::create_directory(Entry));
       },
       // An empty folder is nothing anybody keeps: the run's new entry takes its place.
       {"could not be read", "is not a regular file"},
       true},
      {"garbage bytes",
       [&] {
         static const char Garbage[] = "\x00\xff\xfe\x01 not json \x7f";
         writeFile(Entry, std::string(Garbage, sizeof(Garbage) - 1));
       },
       {"could not be read", Entry},
       true},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    if (llvm::sys::fs::is_directory(Entry)) {
      ASSERT_FALSE(llvm::sys::fs::remove_directories(Entry));
    }
    writeFile(Entry, Good);
    C.Damage();
    ASSERT_NE(readFile(Entry), Good);

    LintRun Run = lint(P, {});
    ASSERT_TRUE(Run.Parsed) << Run.Err;
    EXPECT_EQ(Run.Status, 1) << Run.Err;
    EXPECT_EQ(show(Run.Findings), show(Clean.Findings));
    for (const std::string &Phrase : C.Phrases)
      EXPECT_NE(Run.Err.find(Phrase), std::string::npos) << "'" << Phrase << "' in:\n" << Run.Err;
    EXPECT_NE(Run.Err.find("summary index '" + P.indexDir() + "'"), std::string::npos) << Run.Err;

    if (C.Repaired) {
      ToolResult Next = indexRun(P);
      EXPECT_EQ(counts(Next), "(0 parsed, 3 unchanged)") << "the damaged entry was not replaced";
    }
  }
}

TEST(SummaryIndex, UnwritableIndexStillReports) {
  Project P;
  LintRun Reference = lint(P, {"--no-index"});
  ASSERT_TRUE(Reference.Parsed) << Reference.Err;
  ASSERT_EQ(describe(reduce(Reference.Findings)), describe(P.annotations()));
  ASSERT_FALSE(llvm::sys::fs::exists(P.indexDir()));

  // `units` is a file: no entry can be written, for root as for anyone.
  ASSERT_FALSE(llvm::sys::fs::create_directories(P.indexDir()));
  const std::string NotAFolder = "not a folder\n";
  writeFile(P.unitsDir(), NotAFolder);
  {
    LintRun Run = lint(P, {});
    ASSERT_TRUE(Run.Parsed) << Run.Err;
    EXPECT_EQ(Run.Status, 1) << Run.Err;
    EXPECT_EQ(show(Run.Findings), show(Reference.Findings));
    EXPECT_NE(Run.Err.find("was not updated"), std::string::npos) << Run.Err;
    EXPECT_TRUE(llvm::sys::fs::is_regular_file(P.unitsDir()));
    EXPECT_EQ(readFile(P.unitsDir()), NotAFolder);

    ToolResult Index = indexRun(P);
    EXPECT_EQ(Index.ExitCode, 2) << Index.Stdout << Index.Stderr;
    EXPECT_NE(Index.Stderr.find("error: "), std::string::npos) << Index.Stderr;
    EXPECT_NE(Index.Stderr.find(P.unitsDir()), std::string::npos) << Index.Stderr;
    EXPECT_EQ(Index.Stdout.find("coldstart index:"), std::string::npos) << Index.Stdout;
  }

  // A read-only index folder. Root writes into it regardless; then the run must still be right.
  ASSERT_FALSE(llvm::sys::fs::remove_directories(P.indexDir()));
  ASSERT_FALSE(llvm::sys::fs::create_directory(P.indexDir()));
  ASSERT_FALSE(llvm::sys::fs::setPermissions(P.indexDir(), llvm::sys::fs::perms(0555)));
  RestorePermissions Restore(P.indexDir(), llvm::sys::fs::perms(0755));
  bool Writable = false;
  {
    int FD = -1;
    std::string Probe = join(P.indexDir(), "probe");
    if (!llvm::sys::fs::openFileForWrite(Probe, FD)) {
      Writable = true;
      llvm::sys::fs::file_t File = llvm::sys::fs::convertFDToNativeFile(FD);
      (void)llvm::sys::fs::closeFile(File);
      (void)llvm::sys::fs::remove(Probe);
    }
  }
  LintRun Run = lint(P, {});
  ASSERT_TRUE(Run.Parsed) << Run.Err;
  EXPECT_EQ(Run.Status, 1) << Run.Err;
  EXPECT_EQ(show(Run.Findings), show(Reference.Findings));
  if (!Writable) {
    EXPECT_NE(Run.Err.find("was not updated"), std::string::npos) << Run.Err;
    EXPECT_TRUE(P.entries().empty());
    ToolResult Index = indexRun(P);
    EXPECT_EQ(Index.ExitCode, 2) << Index.Stdout << Index.Stderr;
  }
}

TEST(SummaryIndex, ParallelRunsShareOneFolder) {
  Project P;
  auto Job = [&P] { return indexRun(P); };
  std::future<ToolResult> A = std::async(std::launch::async, Job);
  std::future<ToolResult> B = std::async(std::launch::async, Job);
  for (const ToolResult &R : {A.get(), B.get()}) {
    EXPECT_EQ(R.ExitCode, 0) << R.Stdout << R.Stderr;
    EXPECT_NE(R.Stdout.find("coldstart index: 3 files in " + P.indexDir() + " ("),
              std::string::npos)
        << R.Stdout;
  }
  ToolResult After = indexRun(P);
  EXPECT_EQ(counts(After), "(0 parsed, 3 unchanged)");
  EXPECT_TRUE(filesEndingWith(P.indexDir(), ".tmp").empty());
  EXPECT_EQ(P.entries().size(), 3u);
  // What they left is sound: a run that reuses every entry reports the whole program.
  LintRun Run = lint(P, {});
  ASSERT_TRUE(Run.Parsed) << Run.Err;
  EXPECT_EQ(describe(reduce(Run.Findings)), describe(P.annotations()));
}

TEST(SummaryIndex, PluginFindsTheIndexOfADatabaseWhoseCommandsRunElsewhere) {
  // A database written by a tool that runs every command from the project's root (Bear, for
  // one), kept in build/: the index is build/.coldstart, beside neither the command's folder nor
  // any folder above it, and the plugin still finds it.
  Project P;
  P.writeDatabase({"main.cpp", "handler.cpp", "storage.cpp"}, P.root());
  LintRun Whole = lint(P, {});
  ASSERT_TRUE(Whole.Parsed) << Whole.Err;
  ASSERT_EQ(describe(reduce(Whole.Findings)), describe(P.annotations()));
  ASSERT_FALSE(P.entryOf("storage.cpp").empty());
  TidyRun Storage = tidy(P, P.src("storage.cpp"), {});
  FoundSet Expected = inFile(Whole.Findings, P.src("storage.cpp"));
  ASSERT_EQ(Expected.size(), 4u);
  EXPECT_EQ(show(Storage.Findings), show(Expected)) << Storage.Err;
}

TEST(SummaryIndex, PruningLeavesFilesTheIndexDidNotWrite) {
  // --index may name a folder that already holds other things: a whole run drops the entries
  // of files no longer in the database, and nothing else, even under units/.
  Project P;
  std::string Shared = join(P.root(), "shared");
  std::vector<std::string> Foreign = {join(Shared, "units/data.json"),
                                      join(Shared, "units/report.2024.json"),
                                      join(Shared, "units/scratch.tmp"), join(Shared, "notes.txt")};
  for (const std::string &Path : Foreign) {
    ASSERT_FALSE(llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)));
    writeFile(Path, "kept\n");
  }
  LintRun Whole = lint(P, {"--index", Shared});
  ASSERT_TRUE(Whole.Parsed) << Whole.Err;
  ASSERT_EQ(describe(reduce(Whole.Findings)), describe(P.annotations()));
  P.writeDatabase({"main.cpp", "handler.cpp"});
  ToolResult Pruned = indexRun(P, {"--index", Shared});
  EXPECT_EQ(counts(Pruned), "(0 parsed, 2 unchanged)") << Pruned.Stderr;
  // storage.cpp's entry went; the files the index did not write are all still there.
  EXPECT_EQ(filesEndingWith(join(Shared, "units"), ".json").size(), 4u);
  for (const std::string &Path : Foreign)
    EXPECT_EQ(readFile(Path), "kept\n") << Path;
}

TEST(SummaryIndex, IndexFolderOptions) {
  Project P;
  std::string Elsewhere = join(P.root(), "elsewhere/idx");
  std::string Storage = P.src("storage.cpp");

  // --index DIR keeps it there, and nothing beside the database.
  LintRun Whole = lint(P, {"--index", Elsewhere});
  ASSERT_TRUE(Whole.Parsed) << Whole.Err;
  ASSERT_EQ(describe(reduce(Whole.Findings)), describe(P.annotations()));
  EXPECT_FALSE(llvm::sys::fs::exists(P.indexDir()));
  EXPECT_EQ(filesEndingWith(join(Elsewhere, "units"), ".json").size(), 3u);
  EXPECT_TRUE(llvm::sys::fs::is_regular_file(join(Elsewhere, "index.json")));
  ToolResult Again = indexRun(P, {"--index", Elsewhere});
  EXPECT_EQ(counts(Again), "(0 parsed, 3 unchanged)");
  EXPECT_FALSE(llvm::sys::fs::exists(P.indexDir()));

  FoundSet InStorage = inFile(Whole.Findings, Storage);
  ASSERT_EQ(InStorage.size(), 4u) << show(Whole.Findings);
  // The plugin finds no index upward from build/: storage.cpp holds no handler and alone is
  // checked for nothing.
  TidyRun Unfound = tidy(P, Storage, {});
  EXPECT_EQ(Unfound.Status, 0) << Unfound.Out << Unfound.Err;
  EXPECT_EQ(show(Unfound.Findings), show({}));
  // IndexDirectory for every check, relative to the compile command's folder.
  TidyRun Global =
      tidy(P, Storage, {"--config={CheckOptions: {IndexDirectory: '../elsewhere/idx'}}"});
  EXPECT_EQ(Global.Status, 0) << Global.Out << Global.Err;
  EXPECT_EQ(show(Global.Findings), show(InStorage));
  // For one check: that check sees the whole program, the others do not.
  TidyRun Local =
      tidy(P, Storage,
           {"--config={CheckOptions: {" + ClientRule + ".IndexDirectory: '" + Elsewhere + "'}}"});
  EXPECT_EQ(Local.Status, 0) << Local.Out << Local.Err;
  EXPECT_EQ(show(Local.Findings), show(ofRule(InStorage, ClientRule)));

  // --no-index neither reads nor writes one.
  LintRun Unindexed = lint(P, {"--no-index"});
  ASSERT_TRUE(Unindexed.Parsed) << Unindexed.Err;
  EXPECT_EQ(show(Unindexed.Findings), show(Whole.Findings));
  EXPECT_FALSE(llvm::sys::fs::exists(P.indexDir()));

  // Command lines that make no sense: status 2, a message, nothing written.
  struct Misuse {
    std::vector<std::string> Args;
    std::string Phrase;
  };
  std::vector<Misuse> Misuses = {
      {{"lint", "-p", P.build(), "--index", Elsewhere, "--no-index"}, "contradict"},
      {{"index"}, "-p BUILD_DIR"},
      {{"index", "-p", P.build(), Storage}, "takes no source files"},
      {{"index", "-p", P.build(), "--", "-std=c++17"}, "compiler arguments"},
      {{"index", "-p", join(P.root(), "nowhere")}, "nowhere"},
      {{"index", "-p", P.build(), "--shard", "4/3"}, "bad --shard '4/3'"},
  };
  for (const Misuse &M : Misuses) {
    ToolResult R = runIn(P, Coldstart, M.Args);
    std::string Command = llvm::join(M.Args, " ");
    EXPECT_EQ(R.ExitCode, 2) << Command << "\n" << R.Stdout << R.Stderr;
    EXPECT_NE(R.Stderr.find("error: "), std::string::npos) << Command << "\n" << R.Stderr;
    EXPECT_NE(R.Stderr.find(M.Phrase), std::string::npos) << Command << "\n" << R.Stderr;
  }
  EXPECT_FALSE(llvm::sys::fs::exists(P.indexDir()));
}

TEST(SummaryIndex, FileDroppedFromTheDatabaseLeavesTheIndex) {
  Project P;
  ToolResult First = indexRun(P);
  ASSERT_EQ(First.ExitCode, 0) << First.Stdout << First.Stderr;
  std::string StorageEntry = P.entryOf("storage.cpp");
  ASSERT_NE(StorageEntry, "");
  EntryState MainThen = stateOf(P.entryOf("main.cpp"));
  EntryState HandlerThen = stateOf(P.entryOf("handler.cpp"));

  // storage.cpp leaves the build; the file itself stays on disk.
  P.writeDatabase({"main.cpp", "handler.cpp"});
  ToolResult Second = indexRun(P);
  ASSERT_EQ(Second.ExitCode, 0) << Second.Stdout << Second.Stderr;
  EXPECT_NE(Second.Stdout.find("coldstart index: 2 files in"), std::string::npos) << Second.Stdout;
  EXPECT_EQ(counts(Second), "(0 parsed, 2 unchanged)");
  EXPECT_FALSE(llvm::sys::fs::exists(StorageEntry));
  EXPECT_EQ(P.entries().size(), 2u);
  EXPECT_TRUE(sameEntry(MainThen, stateOf(P.entryOf("main.cpp"))));
  EXPECT_TRUE(sameEntry(HandlerThen, stateOf(P.entryOf("handler.cpp"))));

  // Without storage.cpp's summary, the helpers' bodies are unknown: the download handler.cpp
  // passes constants to (found in loadObject) is no longer seen, and storage.cpp's own
  // constructions are not in the program.
  std::string Handler = P.src("handler.cpp"), Main = P.src("main.cpp");
  std::multiset<Expectation> HandlerOwn, ProgramOwn;
  for (const Expectation &E : P.annotations()) {
    if (E.Rule == DownloadRule || (E.File != Handler && E.File != Main))
      continue;
    ProgramOwn.insert(E);
    if (E.File == Handler)
      HandlerOwn.insert(E);
  }
  ASSERT_EQ(HandlerOwn.size(), 2u);
  ASSERT_EQ(ProgramOwn.size(), 3u);

  LintRun One = lint(P, {Handler});
  ASSERT_TRUE(One.Parsed) << One.Err;
  EXPECT_EQ(describe(reduce(One.Findings)), describe(HandlerOwn));
  // main.cpp is still in the index: the handler is its registration.
  for (const auto &[Where, Trace] : One.Traces) {
    ASSERT_FALSE(Trace.empty());
    EXPECT_NE(Trace.front().find("registered with"), std::string::npos) << Trace.front();
  }
  LintRun Whole = lint(P, {});
  ASSERT_TRUE(Whole.Parsed) << Whole.Err;
  EXPECT_EQ(describe(reduce(Whole.Findings)), describe(ProgramOwn));
  EXPECT_FALSE(llvm::sys::fs::exists(StorageEntry));

  // Asked about directly, storage.cpp is not part of the build any more.
  ToolResult Asked = runIn(P, Coldstart, {"lint", "-p", P.build(), P.src("storage.cpp")});
  EXPECT_EQ(Asked.ExitCode, 2) << Asked.Stdout << Asked.Stderr;
  EXPECT_NE(Asked.Stderr.find("not in the compilation database"), std::string::npos)
      << Asked.Stderr;
}
