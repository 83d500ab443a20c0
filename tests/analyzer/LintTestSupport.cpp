#include "LintTestSupport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace coldstart::test {

std::string sourceDir() {
  return COLDSTART_SOURCE_DIR;
}

std::string fixtureIncludeDir() {
  return sourceDir() + "/fixtures/lint/include";
}

RunResult runColdstart(const std::vector<std::string> &Args) {
  ToolResult T = runTool(COLDSTART_BIN, Args);
  return {T.ExitCode, T.Stdout, T.Stderr};
}

namespace {

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path;
  return std::string(Real);
}

/// Reads the annotations of one file into C.
void readAnnotations(const std::string &Path, FixtureCase &C) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  std::string Text = readFile(Path);
  llvm::StringRef(Text).split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    if (Line.starts_with("// ARGS:")) {
      llvm::SmallVector<llvm::StringRef, 4> Args;
      Line.drop_front(8).split(Args, ' ', -1, false);
      for (llvm::StringRef A : Args)
        C.ExtraArgs.push_back(A.trim().str());
    }
    if (Line.trim() == "// PARTIAL")
      C.Partial = true;
    if (Line.trim() == "// NO-HANDLER")
      C.NoHandler = true;
    readChecks(Line, realPath(Path), static_cast<unsigned>(I + 1), C.Expected);
  }
}

} // namespace

void readChecks(llvm::StringRef Line, const std::string &File, unsigned LineNo,
                std::multiset<Expectation> &Out) {
  size_t Pos = 0;
  while ((Pos = Line.find("CHECK", Pos)) != llvm::StringRef::npos) {
    llvm::StringRef Rest = Line.substr(Pos + 5);
    bool Note = Rest.consume_front("-NOTE");
    Pos += 5;
    if (!Rest.consume_front(":"))
      continue;
    llvm::StringRef Rule =
        Rest.ltrim().take_while([](char Ch) { return llvm::isAlnum(Ch) || Ch == '-'; });
    Out.insert({File, LineNo, Rule.str(), Note});
  }
}

std::vector<FixtureCase> discoverCases() {
  std::vector<FixtureCase> Cases;
  std::string Root = sourceDir() + "/fixtures/lint/cases";
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC; It.increment(EC)) {
    FixtureCase C;
    std::string Path = It->path();
    C.Name = llvm::sys::path::stem(Path).str();
    if (llvm::sys::fs::is_directory(Path)) {
      for (llvm::sys::fs::directory_iterator F(Path, EC), FEnd; F != FEnd && !EC; F.increment(EC)) {
        llvm::StringRef Ext = llvm::sys::path::extension(F->path());
        if (Ext == ".cpp")
          C.Sources.push_back(F->path());
        if (Ext == ".cpp" || Ext == ".h")
          readAnnotations(F->path(), C);
      }
    } else if (llvm::sys::path::extension(Path) == ".cpp") {
      C.Sources.push_back(Path);
      readAnnotations(Path, C);
    } else {
      continue;
    }
    std::sort(C.Sources.begin(), C.Sources.end());
    Cases.push_back(std::move(C));
  }
  std::sort(Cases.begin(), Cases.end(),
            [](const FixtureCase &A, const FixtureCase &B) { return A.Name < B.Name; });
  return Cases;
}

std::vector<std::string> caseNames() {
  std::vector<std::string> Names;
  for (const FixtureCase &C : discoverCases())
    Names.push_back(C.Name);
  return Names;
}

FixtureCase findCase(const std::string &Name) {
  for (FixtureCase &C : discoverCases())
    if (C.Name == Name)
      return C;
  return {};
}

std::vector<std::string> lintArgs(const FixtureCase &C, const std::vector<std::string> &Extra) {
  std::vector<std::string> Args{"lint"};
  Args.insert(Args.end(), Extra.begin(), Extra.end());
  Args.insert(Args.end(), C.Sources.begin(), C.Sources.end());
  Args.push_back("--");
  Args.push_back("-std=c++17");
  Args.push_back("-isystem");
  Args.push_back(fixtureIncludeDir());
  Args.insert(Args.end(), C.ExtraArgs.begin(), C.ExtraArgs.end());
  return Args;
}

std::multiset<Expectation> actualFindings(const llvm::json::Value &Report) {
  std::multiset<Expectation> Out;
  const llvm::json::Object *Root = Report.getAsObject();
  const llvm::json::Array *Findings = Root ? Root->getArray("findings") : nullptr;
  if (!Findings)
    return Out;
  for (const llvm::json::Value &V : *Findings) {
    const llvm::json::Object *F = V.getAsObject();
    if (!F)
      continue;
    Expectation E;
    E.File = realPath(F->getString("file").value_or("").str());
    E.Line = static_cast<unsigned>(F->getInteger("line").value_or(0));
    E.Rule = F->getString("rule").value_or("").str();
    E.Note = F->getString("severity").value_or("") == "note";
    Out.insert(E);
  }
  return Out;
}

std::string describe(const std::multiset<Expectation> &Set) {
  std::string Out;
  for (const Expectation &E : Set)
    Out += "  " + llvm::sys::path::filename(E.File).str() + ":" + std::to_string(E.Line) + " " +
           E.Rule + (E.Note ? " (note)" : "") + "\n";
  return Out.empty() ? "  (none)\n" : Out;
}

} // namespace coldstart::test
