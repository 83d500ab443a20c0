#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/analyzer/Join.h"
#include "coldstart/analyzer/SummaryBuilder.h"
#include "coldstart/analyzer/SummaryIndex.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/FileManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <algorithm>
#include <malloc.h>
#include <mutex>
#include <set>

#ifndef COLDSTART_CLANG_RESOURCE_DIR
#define COLDSTART_CLANG_RESOURCE_DIR ""
#endif
#ifndef COLDSTART_BUNDLED_HEADERS_INSTALL_DIR
#define COLDSTART_BUNDLED_HEADERS_INSTALL_DIR ""
#endif

namespace coldstart::analyzer {

using namespace clang;
namespace tooling = clang::tooling;

std::string clangResourceDir() {
  auto IsResourceDir = [](llvm::StringRef Dir) {
    llvm::SmallString<256> Probe(Dir);
    llvm::sys::path::append(Probe, "include", "stddef.h");
    return !Dir.empty() && llvm::sys::fs::exists(Probe);
  };
  if (IsResourceDir(COLDSTART_CLANG_RESOURCE_DIR))
    return COLDSTART_CLANG_RESOURCE_DIR;
  // The binary may run on a machine where the build's path does not exist: ask the clang that
  // is installed there, as clang itself does (<prefix>/bin/clang -> <prefix>/lib/clang/N).
  std::string Major = std::to_string(LLVM_VERSION_MAJOR);
  for (const std::string &Name : {"clang-" + Major, std::string("clang")}) {
    llvm::ErrorOr<std::string> Clang =
        llvm::sys::findProgramByName(Name, {"/usr/lib/llvm-" + Major + "/bin"});
    if (!Clang)
      Clang = llvm::sys::findProgramByName(Name);
    if (!Clang)
      continue;
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(*Clang, Real))
      Real = *Clang;
    llvm::SmallString<256> Dir = llvm::sys::path::parent_path(llvm::sys::path::parent_path(Real));
    llvm::sys::path::append(Dir, "lib", "clang", Major);
    if (IsResourceDir(Dir))
      return std::string(Dir);
  }
  return "";
}

std::string bundledHeadersDir() {
  auto Holds = [](llvm::StringRef Dir) {
    llvm::SmallString<256> Probe(Dir);
    llvm::sys::path::append(Probe, "aws", "lambda-runtime", "runtime.h");
    return !Dir.empty() && llvm::sys::fs::exists(Probe);
  };
  // An installed or unpacked coldstart keeps bin/ and share/ side by side, wherever it lives.
  std::string Exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  if (!Exe.empty()) {
    llvm::SmallString<256> Dir = llvm::sys::path::parent_path(llvm::sys::path::parent_path(Exe));
    llvm::sys::path::append(Dir, "share", "coldstart", "include");
    if (Holds(Dir))
      return std::string(Dir);
  }
  if (Holds(COLDSTART_BUNDLED_HEADERS_INSTALL_DIR))
    return COLDSTART_BUNDLED_HEADERS_INSTALL_DIR;
  return "";
}

std::optional<std::pair<unsigned, unsigned>> parseShard(const std::string &Text) {
  llvm::StringRef K, N;
  std::tie(K, N) = llvm::StringRef(Text).split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 || Index == 0 ||
      Index > Count)
    return std::nullopt;
  return std::make_pair(Index, Count);
}

namespace {

/// Counts compile errors and keeps the first, so a TU that did not compile cleanly can be
/// reported as partially analysed with its first problem named.
class ErrorCollector : public DiagnosticConsumer {
public:
  void HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < DiagnosticsEngine::Error)
      return;
    ++Errors;
    if (!First.empty())
      return;
    llvm::SmallString<128> Text;
    Info.FormatDiagnostic(Text);
    if (Info.getLocation().isValid() && Info.hasSourceManager()) {
      PresumedLoc P = Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        First = std::string(P.getFilename()) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    First += std::string(Text);
  }

  unsigned Errors = 0;
  std::string First;
};

class SummaryConsumer : public ASTConsumer {
public:
  SummaryConsumer(const rules::SourceConfig &Config, std::optional<TranslationUnitSummary> &Out,
                  std::vector<FileDigest> &Files)
      : Config(Config), Out(Out), Files(Files) {}
  void HandleTranslationUnit(ASTContext &Context) override {
    Out = summarizeTranslationUnit(Context, Config);
    Files = filesRead(Context.getSourceManager());
  }

private:
  const rules::SourceConfig &Config;
  std::optional<TranslationUnitSummary> &Out;
  std::vector<FileDigest> &Files;
};

/// Records the headers that resolved to the bundled declarations, as the user's code named them
/// (an include made by a bundled header itself is the bundle's business).
class BundledIncludes : public PPCallbacks {
public:
  BundledIncludes(const SourceManager &SM, std::string Dir, std::vector<std::string> &Used)
      : SM(SM), Dir(std::move(Dir)), Used(Used) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &, llvm::StringRef, bool,
                          CharSourceRange, OptionalFileEntryRef File, llvm::StringRef SearchPath,
                          llvm::StringRef RelativePath, const Module *, bool,
                          SrcMgr::CharacteristicKind) override {
    if (!File || SearchPath != Dir)
      return;
    llvm::StringRef From = SM.getFilename(SM.getFileLoc(HashLoc));
    if (From.starts_with(Dir))
      return;
    std::string Name = RelativePath.str();
    if (llvm::find(Used, Name) == Used.end())
      Used.push_back(std::move(Name));
  }

private:
  const SourceManager &SM;
  std::string Dir;
  std::vector<std::string> &Used;
};

class SummaryAction : public ASTFrontendAction {
public:
  SummaryAction(const rules::SourceConfig &Config, std::optional<TranslationUnitSummary> &Out,
                std::vector<FileDigest> &Files, std::string BundledDir,
                std::vector<std::string> &BundledUsed)
      : Config(Config), Out(Out), Files(Files), BundledDir(std::move(BundledDir)),
        BundledUsed(BundledUsed) {}
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<SummaryConsumer>(Config, Out, Files);
  }

  bool BeginSourceFileAction(CompilerInstance &CI) override {
    // A missing header is a fatal error, after which Sema stops instantiating templates and
    // most of the file would be lost; as an error, the rest still parses. No error limit:
    // reaching it is fatal too.
    CI.getDiagnostics().setFatalsAsError(true);
    CI.getDiagnostics().setErrorLimit(0);
    // The library prints nothing: no "N errors generated." line on stderr either.
    CI.getDiagnosticOpts().ShowCarets = false;
    if (!BundledDir.empty())
      CI.getPreprocessor().addPPCallbacks(
          std::make_unique<BundledIncludes>(CI.getSourceManager(), BundledDir, BundledUsed));
    return true;
  }

private:
  const rules::SourceConfig &Config;
  std::optional<TranslationUnitSummary> &Out;
  std::vector<FileDigest> &Files;
  std::string BundledDir;
  std::vector<std::string> &BundledUsed;
};

struct Job {
  std::string File;
  tooling::CompileCommand Command;
  /// One of the files the run was asked about (all of them in a whole-program run); the other
  /// units of the database are joined so that these are checked against the whole program.
  bool Selected = true;
  /// Its index entry may stand in for parsing it. A file named on the command line or in the
  /// run's shard is always parsed: the file being checked wins over its own entry.
  bool MayReuse = false;
};

struct JobResult {
  std::optional<TranslationUnitSummary> Summary;
  std::optional<std::string> Note;
  /// Headers the TU included that resolved to the bundled declarations.
  std::vector<std::string> BundledUsed;
  /// The files the parse read (main file first), for the index and for telling which findings
  /// lie in the files a partial run was asked about.
  std::vector<FileDigest> Files;
  bool Reused = false;
  /// Set when the summary was folded into the run's merged summary (and dropped from here).
  bool Analysed = false;
  bool HasHandler = false;
  /// Why the index entry could not stand in, when one was looked up.
  SummaryIndex::Miss IndexMiss = SummaryIndex::Miss::Absent;
  std::string IndexDetail;
  std::optional<std::string> IndexWriteError;
};

/// Gives the pages finished TUs freed back to the system. With several worker threads, glibc
/// serves each from its own arena, and what a TU's parse freed stays mapped there among the
/// long-lived pieces of the merged summary: without this, --jobs 2 grew by about 0.13 MiB per
/// file (146 MiB over 60 generated files, 169 MiB over 240) where a serial run stayed flat.
/// Trimming walks every arena, so it is done once every TrimEvery TUs rather than after each.
constexpr size_t TrimEvery = 16;
void releaseFreedMemory() {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

/// "a.h, b.h and 3 more": the first few of a list, for a one-line note.
std::string someOf(const std::vector<std::string> &Names, size_t Shown = 4) {
  std::string Text;
  for (size_t I = 0; I < Names.size() && I < Shown; ++I)
    Text += (I == 0 ? "" : ", ") + Names[I];
  if (Names.size() > Shown)
    Text += " and " + std::to_string(Names.size() - Shown) + " more";
  return Text;
}

JobResult analyse(const Job &J, const rules::SourceConfig &Config, const std::string &ResourceDir,
                  const std::string &BundledDir) {
  JobResult Result;
  // Each job has its own file system view with its own working directory: the compile
  // command's directory, without touching the process's (other jobs run in parallel).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = llvm::vfs::createPhysicalFileSystem();
  if (std::error_code EC = FS->setCurrentWorkingDirectory(J.Command.Directory)) {
    Result.Note = J.File + ": not analysed: cannot enter its compile command's folder '" +
                  J.Command.Directory + "': " + EC.message();
    return Result;
  }
  FileSystemOptions FSOpts;
  FSOpts.WorkingDir = J.Command.Directory;
  llvm::IntrusiveRefCntPtr<FileManager> Files(new FileManager(FSOpts, FS));

  ErrorCollector Errors;
  tooling::ToolInvocation Invocation(lintCommandLine(J.Command, ResourceDir, BundledDir),
                                     std::make_unique<SummaryAction>(Config, Result.Summary,
                                                                     Result.Files, BundledDir,
                                                                     Result.BundledUsed),
                                     Files.get());
  Invocation.setDiagnosticConsumer(&Errors);
  Invocation.run();

  if (!Result.Summary) {
    Result.Note =
        J.File + ": not analysed: " +
        (Errors.First.empty() ? std::string("the compiler could not start") : Errors.First);
  } else if (Errors.Errors > 0) {
    Result.Note = J.File + ": analysis was partial: " + std::to_string(Errors.Errors) +
                  " compile error" + (Errors.Errors == 1 ? "" : "s") +
                  " (findings come from what parsed); first: " + Errors.First;
    if (!Result.BundledUsed.empty())
      *Result.Note += "; coldstart's bundled declarations stood in for " +
                      someOf(Result.BundledUsed) + ", not found on its include path";
  }
  return Result;
}

std::string absolute(const std::string &Path) {
  llvm::SmallString<256> Abs(Path);
  if (llvm::sys::fs::make_absolute(Abs))
    return Path; // no current folder to resolve against: keep the path as given
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// The compilation database the options name, or an error.
/// DatabasePath is set to the compile_commands.json read, when one was.
llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>>
openDatabase(const LintOptions &Options, const std::vector<std::string> &Sources,
             std::vector<std::string> &Notes, std::string &DatabasePath) {
  llvm::SmallString<256> Cwd;
  if (std::error_code EC = llvm::sys::fs::current_path(Cwd))
    return failure("cannot read the current folder: " + EC.message());
  if (Options.CompilerArgs)
    return std::make_unique<tooling::FixedCompilationDatabase>(Cwd, *Options.CompilerArgs);
  if (Options.BuildDir) {
    std::string Path = *Options.BuildDir;
    if (llvm::sys::fs::is_directory(Path)) {
      llvm::SmallString<256> Json(Path);
      llvm::sys::path::append(Json, "compile_commands.json");
      Path = std::string(Json);
    }
    if (!llvm::sys::fs::exists(Path))
      return failure("no compilation database: '" + Path + "' does not exist");
    DatabasePath = absolute(Path);
    return loadCompilationDatabase(Path);
  }
  // No -p and no "--": look upward from the first source, as clang-tidy does (its two built-in
  // plugins: compile_commands.json, then compile_flags.txt). A database found this way that
  // cannot be read is an error, not a reason to go on with default flags.
  if (!Sources.empty()) {
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(Sources.front()); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Json(Dir), Flags(Dir);
      llvm::sys::path::append(Json, "compile_commands.json");
      llvm::sys::path::append(Flags, "compile_flags.txt");
      if (llvm::sys::fs::exists(Json)) {
        llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>> DB =
            loadCompilationDatabase(std::string(Json));
        if (!DB)
          return DB.takeError();
        DatabasePath = absolute(std::string(Json));
        return adaptDiscoveredDatabase(std::move(*DB), llvm::vfs::getRealFileSystem());
      }
      if (llvm::sys::fs::is_regular_file(Flags)) {
        std::string Why;
        if (auto DB = tooling::FixedCompilationDatabase::loadFromFile(Flags, Why))
          return DB;
        return failure("cannot read '" + Flags + "': " + Why);
      }
    }
  }
  Notes.push_back("no compilation database found above " +
                  (Sources.empty() ? std::string("the sources") : Sources.front()) +
                  "; parsed with default flags (pass -p BUILD_DIR or -- COMPILER_ARGS)");
  return std::make_unique<tooling::FixedCompilationDatabase>(Cwd, std::vector<std::string>{});
}

/// The file system @response files are read through: only regular files, and none larger than
/// MaxResponseFileBytes (a database is input like any other; "@/dev/zero" must not read forever).
class ResponseFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  using ProxyFileSystem::ProxyFileSystem;
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    auto F = ProxyFileSystem::openFileForRead(Path);
    if (!F)
      return F;
    llvm::ErrorOr<llvm::vfs::Status> St = (*F)->status();
    if (!St)
      return St.getError();
    if (St->getType() != llvm::sys::fs::file_type::regular_file)
      return std::make_error_code(std::errc::invalid_argument);
    if (St->getSize() > MaxResponseFileBytes)
      return std::make_error_code(std::errc::file_too_large);
    return F;
  }
};

} // namespace

unsigned jsonNesting(std::string_view Text, unsigned Limit) {
  unsigned Depth = 0, Max = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      Max = std::max(Max, ++Depth);
      if (Max > Limit)
        return Max;
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return Max;
}

std::vector<std::string> lintCommandLine(const tooling::CompileCommand &Command,
                                         const std::string &ResourceDir,
                                         const std::string &BundledHeaders) {
  tooling::CommandLineArguments Args = Command.CommandLine;
  Args = tooling::getClangStripOutputAdjuster()(Args, Command.Filename);
  Args = tooling::getClangStripDependencyFileAdjuster()(Args, Command.Filename);
  Args = tooling::getClangSyntaxOnlyAdjuster()(Args, Command.Filename);
  // No "N errors generated." line from the library, even when the file cannot be opened (the
  // action's BeginSourceFileAction, which also turns carets off, never runs then).
  Args = tooling::getInsertArgumentAdjuster(
      "-fno-caret-diagnostics", tooling::ArgumentInsertPosition::END)(Args, Command.Filename);
  bool HasResourceDir = llvm::any_of(
      Args, [](const std::string &A) { return llvm::StringRef(A).starts_with("-resource-dir"); });
  if (!HasResourceDir && !ResourceDir.empty())
    Args = tooling::getInsertArgumentAdjuster(
        {"-resource-dir", ResourceDir}, tooling::ArgumentInsertPosition::BEGIN)(Args,
                                                                                Command.Filename);
  // Last in the search order: only what nothing else provides resolves to the bundle.
  if (!BundledHeaders.empty())
    Args = tooling::getInsertArgumentAdjuster(
        {"-idirafter", BundledHeaders}, tooling::ArgumentInsertPosition::END)(Args,
                                                                              Command.Filename);
  return Args;
}

llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>>
parseCompilationDatabase(std::string_view Text) {
  // clang's reader goes through LLVM's YAML parser, which accepts what is not JSON (and, on a
  // syntax error inside the list, yields the entries before it without saying so): strict
  // JSON first.
  if (jsonNesting(Text, MaxDatabaseNesting) > MaxDatabaseNesting)
    return failure("not a compilation database: JSON nested more than " +
                   llvm::Twine(MaxDatabaseNesting) + " levels deep");
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse(llvm::StringRef(Text));
  if (!Json)
    return failure("not valid JSON: " + llvm::toString(Json.takeError()));
  const llvm::json::Array *Entries = Json->getAsArray();
  if (!Entries)
    return failure("expected a JSON array of compile commands");
  for (size_t I = 0; I < Entries->size(); ++I)
    if (!(*Entries)[I].getAsObject())
      return failure("entry " + llvm::Twine(I + 1) + " is not a JSON object");
  std::string Why;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      tooling::JSONCompilationDatabase::loadFromBuffer(llvm::StringRef(Text), Why,
                                                       tooling::JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return failure(Why);
  return DB;
}

llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>>
loadCompilationDatabase(const std::string &Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return failure("cannot read compilation database '" + Path + "': " + Why);
  };
  llvm::sys::fs::file_status Status;
  if (std::error_code EC = llvm::sys::fs::status(Path, Status))
    return Fail(EC.message());
  if (Status.type() != llvm::sys::fs::file_type::regular_file)
    return Fail("not a regular file");
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Fail(Buffer.getError().message());
  llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>> DB =
      parseCompilationDatabase((*Buffer)->getBuffer());
  if (!DB)
    return Fail(llvm::toString(DB.takeError()));
  return DB;
}

std::unique_ptr<tooling::CompilationDatabase>
adaptDiscoveredDatabase(std::unique_ptr<tooling::CompilationDatabase> Database,
                        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Responses(new ResponseFileSystem(std::move(FS)));
  return tooling::inferTargetAndDriverMode(tooling::inferMissingCompileCommands(
      tooling::expandResponseFiles(std::move(Database), std::move(Responses))));
}

namespace {

/// The summary index's part of a run: which units come from it, what could not, and whether
/// it could be written.
struct IndexUse {
  std::unique_ptr<SummaryIndex> Index;
  /// A run over the whole database keeps the index to exactly its units.
  bool Prune = false;
  std::string DatabasePath;
};

/// One note per kind of index entry that could not be used, naming the first.
void noteIndexMisses(const std::vector<JobResult> &Results, const std::string &Dir,
                     std::vector<std::string> &Notes) {
  struct Kind {
    SummaryIndex::Miss Why;
    const char *One;
    const char *Many;
  };
  const Kind Kinds[] = {
      {SummaryIndex::Miss::Corrupt, "could not be read and was ignored",
       "could not be read and were ignored"},
      {SummaryIndex::Miss::OtherProducer,
       "was made by another coldstart build, Clang version or rule set and was ignored",
       "were made by another coldstart build, Clang version or rule set and were ignored"},
      {SummaryIndex::Miss::Stale, "was stale (a file it was read from changed)",
       "were stale (a file they were read from changed)"},
  };
  for (const Kind &K : Kinds) {
    size_t Count = 0;
    std::string First;
    for (const JobResult &R : Results)
      if (R.IndexMiss == K.Why && !R.Reused && Count++ == 0)
        First = R.IndexDetail;
    if (Count > 0)
      Notes.push_back("summary index '" + Dir + "': " + std::to_string(Count) + " entr" +
                      (Count == 1 ? "y " : "ies ") + (Count == 1 ? K.One : K.Many) + "; " +
                      (Count == 1 ? "its unit was" : "their units were") +
                      " parsed again (first: " + First + ")");
  }
  for (const JobResult &R : Results)
    if (R.IndexWriteError) {
      Notes.push_back("summary index '" + Dir + "' was not updated: " + *R.IndexWriteError +
                      "; the results are complete, but the next run parses these files again");
      break;
    }
}

} // namespace

LintResult runLint(const LintOptions &Options, const rules::RuleSet &Rules) {
  LintResult Result;
  // Partial analyses and the like, for whichever results are asked for.
  std::vector<std::string> RunNotes;

  std::vector<std::string> Sources;
  for (const std::string &S : Options.Sources) {
    if (!llvm::sys::fs::exists(S)) {
      Result.Error = "no such file: '" + S + "'";
      return Result;
    }
    if (llvm::sys::fs::is_directory(S)) {
      Result.Error = "'" + S +
                     "' is a directory; give source files (or -p BUILD_DIR alone to "
                     "analyse every file in its database)";
      return Result;
    }
    Sources.push_back(absolute(S));
  }

  bool ExplicitDatabase = Options.BuildDir.has_value() && !Options.CompilerArgs;
  std::string DatabasePath;
  llvm::Expected<std::unique_ptr<tooling::CompilationDatabase>> Opened =
      openDatabase(Options, Sources, RunNotes, DatabasePath);
  if (!Opened) {
    Result.Error = llvm::toString(Opened.takeError());
    return Result;
  }
  std::unique_ptr<tooling::CompilationDatabase> DB = std::move(*Opened);
  bool WholeDatabase = Sources.empty();
  if (Sources.empty()) {
    if (!ExplicitDatabase) {
      Result.Error = "no source files given";
      return Result;
    }
    Sources = DB->getAllFiles();
    if (Sources.empty()) {
      Result.Error = "the compilation database in '" + *Options.BuildDir + "' lists no files";
      return Result;
    }
  }

  std::string InDatabase =
      Options.BuildDir ? " in the compilation database in '" + *Options.BuildDir + "'" : "";
  std::vector<Job> Jobs;
  for (const std::string &File : Sources) {
    std::vector<tooling::CompileCommand> Commands = DB->getCompileCommands(File);
    if (Commands.empty()) {
      Result.Error = "'" + File + "' is not in the compilation database" +
                     (Options.BuildDir ? " in '" + *Options.BuildDir + "'" : std::string());
      return Result;
    }
    // A stale database names files and folders that are gone: say so instead of reporting a
    // clean run over nothing.
    if (!llvm::sys::fs::is_regular_file(File)) {
      Result.Error =
          "'" + File + "' does not exist or is not a regular file" +
          (InDatabase.empty() ? std::string() : " (listed" + InDatabase + "; is it stale?)");
      return Result;
    }
    if (!Options.CompilerArgs && !llvm::sys::fs::is_directory(Commands.front().Directory)) {
      Result.Error = "the compile command of '" + File + "'" + InDatabase + " runs in '" +
                     Commands.front().Directory + "', which is not a folder";
      return Result;
    }
    Jobs.push_back({File, std::move(Commands.front())});
  }
  auto ByFile = [](const Job &A, const Job &B) { return A.File < B.File; };
  auto SameFile = [](const Job &A, const Job &B) { return A.File == B.File; };
  std::sort(Jobs.begin(), Jobs.end(), ByFile);
  Jobs.erase(std::unique(Jobs.begin(), Jobs.end(), SameFile), Jobs.end());
  if (Options.ShardCount > 1) {
    std::vector<Job> Slice;
    for (size_t I = 0; I < Jobs.size(); ++I)
      if (I % Options.ShardCount == Options.ShardIndex - 1)
        Slice.push_back(std::move(Jobs[I]));
    Jobs = std::move(Slice);
  }
  bool WholeProgram = WholeDatabase && Options.ShardCount <= 1;

  // With a compilation database, the index joins what the run was asked about with the rest of
  // the program: every other unit comes from its entry, or is parsed when it has none.
  IndexUse Index;
  if (Options.UseIndex && !DatabasePath.empty() && !Options.CompilerArgs) {
    std::string Dir =
        Options.IndexDir.empty()
            ? SummaryIndex::defaultDir(std::string(llvm::sys::path::parent_path(DatabasePath)))
            : absolute(Options.IndexDir);
    Index.Index = std::make_unique<SummaryIndex>(Dir, summaryProducer(Rules.Source),
                                                 !Options.BundledHeaders.empty());
    Index.Prune = WholeProgram;
    Index.DatabasePath = DatabasePath;
    // The files a run checks are parsed (an editor's file wins over its entry); a whole run, or
    // an index-only slice (`coldstart index --shard`), checks nothing and reuses what is fresh.
    for (Job &J : Jobs)
      J.MayReuse = WholeProgram || !Options.JoinOtherUnits;
    if (!WholeProgram && Options.JoinOtherUnits) {
      std::vector<Job> Others;
      for (const std::string &File : DB->getAllFiles()) {
        std::vector<tooling::CompileCommand> Commands = DB->getCompileCommands(File);
        Job Probe{File, {}};
        if (Commands.empty() || std::binary_search(Jobs.begin(), Jobs.end(), Probe, ByFile) ||
            !llvm::sys::fs::is_regular_file(File) ||
            !llvm::sys::fs::is_directory(Commands.front().Directory))
          continue;
        Others.push_back({File, std::move(Commands.front()), /*Selected=*/false,
                          /*MayReuse=*/true});
      }
      std::sort(Others.begin(), Others.end(), ByFile);
      Others.erase(std::unique(Others.begin(), Others.end(), SameFile), Others.end());
      Jobs.insert(Jobs.end(), std::make_move_iterator(Others.begin()),
                  std::make_move_iterator(Others.end()));
    }
  }

  std::string ResourceDir = clangResourceDir();
  if (ResourceDir.empty())
    RunNotes.push_back("clang's resource headers (stddef.h) were not found; "
                       "sources that include them will be analysed partially");

  bool Partial = Index.Index && !WholeProgram;

  // Results land in their job's slot, so the output order never depends on thread timing.
  // Summaries are folded into one as soon as every job before them is done, in job order (the
  // files asked about first, so their own definitions win): memory then grows with the
  // program's distinct code, not with the number of units that include the same headers.
  std::vector<JobResult> Results(Jobs.size());
  SummaryMerger Merger;
  std::vector<bool> Finished(Jobs.size(), false);
  size_t NextToFold = 0;
  std::mutex ProgressLock;
  size_t Done = 0, SinceTrim = 0;
  unsigned Threads = std::max(1u, std::min<unsigned>(Options.Jobs, Jobs.size()));
  auto Fold = [&](size_t I) {
    JobResult &R = Results[I];
    if (R.Summary) {
      R.Analysed = true;
      R.HasHandler = !R.Summary->Handlers.empty();
      Merger.add(std::move(*R.Summary));
      R.Summary.reset();
    }
    // Only a partial run needs to know which files its units read.
    if (!(Partial && Jobs[I].Selected))
      std::vector<FileDigest>().swap(R.Files);
  };
  auto RunOne = [&](size_t I) {
    JobResult &R = Results[I];
    if (Index.Index && Jobs[I].MayReuse) {
      SummaryIndex::Lookup Found = Index.Index->lookup(Jobs[I].Command);
      R.IndexMiss = Found.Why;
      R.IndexDetail = std::move(Found.Detail);
      if (Found.Unit) {
        R.Summary = std::move(Found.Unit->Summary);
        R.Note = std::move(Found.Unit->Note);
        R.BundledUsed = std::move(Found.Unit->BundledUsed);
        R.Files = std::move(Found.Unit->Files);
        R.Reused = true;
      }
    }
    if (!R.Reused) {
      SummaryIndex::Miss Miss = R.IndexMiss;
      std::string Detail = std::move(R.IndexDetail);
      R = analyse(Jobs[I], Rules.Source, ResourceDir, Options.BundledHeaders);
      R.IndexMiss = Miss;
      R.IndexDetail = std::move(Detail);
      // A unit that could not be parsed at all has nothing to keep.
      if (Index.Index && R.Summary && !R.Files.empty()) {
        IndexedUnit Unit{std::move(*R.Summary), R.Note, R.BundledUsed, std::move(R.Files)};
        if (llvm::Error E = Index.Index->store(Jobs[I].Command, Unit))
          R.IndexWriteError = llvm::toString(std::move(E));
        R.Summary = std::move(Unit.Summary);
        R.Files = std::move(Unit.Files);
      }
    }
    std::lock_guard<std::mutex> Lock(ProgressLock);
    Finished[I] = true;
    if (Threads > 1 && ++SinceTrim == TrimEvery) {
      SinceTrim = 0;
      releaseFreedMemory();
    }
    for (; NextToFold < Jobs.size() && Finished[NextToFold]; ++NextToFold)
      Fold(NextToFold);
    if (Options.Progress)
      Options.Progress(++Done, Jobs.size(), Jobs[I].File);
  };
  if (Threads == 1) {
    for (size_t I = 0; I < Jobs.size(); ++I)
      RunOne(I);
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
    for (size_t I = 0; I < Jobs.size(); ++I)
      Pool.async([&RunOne, I] { RunOne(I); });
    Pool.wait();
  }

  if (Index.Index) {
    bool Wrote = llvm::none_of(Results, [](const JobResult &R) { return R.IndexWriteError; });
    if (Wrote) {
      if (llvm::Error E = Index.Index->recordDatabase(Index.DatabasePath))
        llvm::consumeError(
            std::move(E)); // the entries are there; only the plugin's shortcut is not
      if (Index.Prune) {
        std::vector<tooling::CompileCommand> Keep;
        Keep.reserve(Jobs.size());
        for (const Job &J : Jobs)
          Keep.push_back(J.Command);
        Index.Index->prune(Keep);
      }
    }
    noteIndexMisses(Results, Index.Index->dir(), RunNotes);
    Result.IndexDir = Index.Index->dir();
    for (const JobResult &R : Results)
      if (R.IndexWriteError) {
        Result.IndexWriteError = *R.IndexWriteError;
        break;
      }
  }

  std::vector<std::string> Bundled;
  size_t FilesUsingBundle = 0, SelectedJobs = 0;
  // The files of the units the run was asked about: a partial run reports what lies in them.
  std::set<std::string> SelectedFiles;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    JobResult &R = Results[I];
    if (!Jobs[I].Selected)
      continue;
    ++SelectedJobs;
    if (!R.BundledUsed.empty())
      ++FilesUsingBundle;
    for (std::string &Name : R.BundledUsed)
      if (llvm::find(Bundled, Name) == Bundled.end())
        Bundled.push_back(Name);
    for (const FileDigest &F : R.Files)
      SelectedFiles.insert(F.Path);
  }
  // Said once per run: the findings are as good as the bundle's declarations, which cover the
  // public API of the names the rule set lists, not every overload of the real headers.
  if (!Bundled.empty()) {
    std::sort(Bundled.begin(), Bundled.end());
    RunNotes.push_back("coldstart's bundled declarations stood in for headers not found on the "
                       "include path in " +
                       std::to_string(FilesUsingBundle) + " of " + std::to_string(SelectedJobs) +
                       " file" + (SelectedJobs == 1 ? "" : "s") + " (" + someOf(Bundled, 6) +
                       "); --no-bundled-headers turns them off");
  }
  size_t SummariesOfSelected = 0;
  bool AnyHandler = false;
  for (size_t I = 0; I < Jobs.size(); ++I) {
    JobResult &R = Results[I];
    if (R.Note)
      RunNotes.push_back(*R.Note);
    if (!R.Analysed)
      continue;
    if (Jobs[I].Selected)
      ++SummariesOfSelected;
    AnyHandler |= R.HasHandler;
    (R.Reused ? Result.UnitsReused : Result.UnitsParsed) += 1;
  }
  Result.FilesAnalysed = SummariesOfSelected;
  std::vector<TranslationUnitSummary> Summaries;
  Summaries.push_back(Merger.take());
  auto InSelectedFiles = [&](const std::string &File) {
    return !Partial || SelectedFiles.count(File) != 0;
  };

  // A header's NOLINT comments are read by every TU that includes it: each problem once.
  std::vector<std::string> NolintProblems;
  for (const NolintProblem &P : Summaries.front().NolintProblems) {
    if (!InSelectedFiles(P.Where.File))
      continue;
    std::string Text = P.Where.File + ":" + std::to_string(P.Where.Line) + ":" +
                       std::to_string(P.Where.Column) + ": " + P.Message +
                       ": it silences nothing (clang-tidy reports it as an error)";
    if (llvm::find(NolintProblems, Text) == NolintProblems.end())
      NolintProblems.push_back(std::move(Text));
  }
  Result.NolintProblems = NolintProblems.size();
  RunNotes.insert(RunNotes.end(), NolintProblems.begin(), NolintProblems.end());
  Result.Notes = RunNotes;

  if (Options.ComputeFindings) {
    report::Report &Lint = Result.Report.emplace();
    Lint.Command = "lint";
    Lint.Findings = joinSummaries(Summaries, Rules);
    // A partial run answers for the files it was asked about, as clang-tidy on one file does;
    // the other units are there so that those files are judged against the whole program.
    llvm::erase_if(Lint.Findings,
                   [&](const report::Finding &F) { return !InSelectedFiles(F.Where.File); });
    report::sortFindings(Lint.Findings);
    Lint.RunNotes = RunNotes;
    // A clean report over files that hold no handler would claim more than was checked.
    if (!AnyHandler && SummariesOfSelected > 0)
      Lint.RunNotes.push_back(
          "no handler found in the " + std::to_string(SummariesOfSelected) + " file" +
          (SummariesOfSelected == 1 ? "" : "s") + " analysed" +
          (Partial ? " or in the summary index of the rest of the program" : "") +
          ", so nothing was checked for per-invocation work: give the file that registers the "
          "handler (run_handler) too, build the summary index of the whole program "
          "(coldstart index -p BUILD_DIR) so per-file runs see it, or name the handler "
          "functions or their signature in the rule set (source.handler-functions, "
          "source.handler-signatures)");
  }
  if (Options.ComputeInitWork) {
    report::InitWork &Work = Result.InitWork.emplace(findInitWork(Summaries, Rules));
    Work.FilesAnalysed = Result.FilesAnalysed;
    Work.Notes.insert(Work.Notes.begin(), RunNotes.begin(), RunNotes.end());
  }
  return Result;
}

} // namespace coldstart::analyzer
