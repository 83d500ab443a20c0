// `coldstart index`: builds the summary index of a compilation database without reporting, so
// per-file runs (`lint FILE`, the clang-tidy plugin, shards) see the whole program. It is the
// same source pass as `lint -p BUILD_DIR`; only the findings are not joined.
#include "Command.h"
#include "SourcePass.h"

#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/analyzer/SummaryIndex.h"
#include "coldstart/rules/Loader.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

static cl::SubCommand
    IndexCmd("index",
             "Keep the summary of every file of a compilation database, for per-file runs.\n\n"
             "  coldstart index -p BUILD_DIR [--index DIR] [--rules FILE] [--jobs N]\n"
             "                  [--shard K/N] [--no-bundled-headers]\n\n"
             "The index (BUILD_DIR/.coldstart unless --index says otherwise) lets `coldstart\n"
             "lint FILE`, each --shard slice and the clang-tidy plugin judge one file against the\n"
             "whole program. Files that did not change since they were indexed are not parsed\n"
             "again. Use the same --rules (or .coldstart.yaml) as the runs that read it.\n");
static cl::opt<std::string> BuildDir("p", cl::desc("Build folder holding compile_commands.json"),
                                     cl::value_desc("BUILD_DIR"), cl::sub(IndexCmd),
                                     cl::cat(optionCategory()));
static cl::opt<std::string> IndexDir("index",
                                     cl::desc("Keep the index in DIR (default: .coldstart beside "
                                              "compile_commands.json)"),
                                     cl::value_desc("DIR"), cl::sub(IndexCmd),
                                     cl::cat(optionCategory()));
static cl::opt<std::string> RulesFile("rules",
                                      cl::desc("Overlay this rule-set file on the bundled default "
                                               "(else .coldstart.yaml found upward from here)"),
                                      cl::value_desc("FILE"), cl::sub(IndexCmd),
                                      cl::cat(optionCategory()));
static cl::opt<unsigned> Jobs("jobs",
                              cl::desc("Analyse N translation units in parallel "
                                       "(default 1; 0 means one per core)"),
                              cl::value_desc("N"), cl::init(1), cl::sub(IndexCmd),
                              cl::cat(optionCategory()));
static cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs),
                           cl::cat(optionCategory()));
static cl::opt<std::string> Shard("shard",
                                  cl::desc("Index only slice K of N of the database's sorted "
                                           "files (every slice into the same --index folder)"),
                                  cl::value_desc("K/N"), cl::sub(IndexCmd),
                                  cl::cat(optionCategory()));
static cl::opt<bool>
    NoBundledHeaders("no-bundled-headers",
                     cl::desc("Do not fall back to coldstart's declarations of aws-lambda-cpp and "
                              "the AWS SDK for C++ (the lint runs must say the same)"),
                     cl::sub(IndexCmd), cl::cat(optionCategory()));
static cl::list<std::string> Extra(cl::Positional, cl::ReallyHidden, cl::sub(IndexCmd),
                                   cl::cat(optionCategory()));

static int runIndex() {
  if (BuildDir.empty())
    return fail("no compilation database given (coldstart index -p BUILD_DIR)");
  if (!Extra.empty())
    return fail("coldstart index takes no source files ('" + Extra.front() +
                "'): it indexes every file of the database; check one file with "
                "coldstart lint -p BUILD_DIR FILE");
  if (hadDoubleDash())
    return fail("coldstart index reads the compile commands from -p BUILD_DIR; it takes no "
                "compiler arguments after --");

  analyzer::LintOptions Options = sourcePassOptions({}, BuildDir, Jobs, !NoBundledHeaders);
  Options.IndexDir = IndexDir;
  Options.ComputeFindings = false;
  if (!Shard.empty()) {
    auto Parsed = analyzer::parseShard(Shard);
    if (!Parsed)
      return fail("bad --shard '" + Shard + "' (expected K/N with 1 <= K <= N)");
    std::tie(Options.ShardIndex, Options.ShardCount) = *Parsed;
  }
  // A slice is indexed alone: the other slices' files are their own jobs' work.
  Options.JoinOtherUnits = false;

  std::vector<rules::Diagnostic> RuleErrors;
  std::optional<std::string> Explicit;
  if (!RulesFile.empty())
    Explicit = RulesFile;
  std::optional<rules::RuleSet> Rules =
      rules::loadEffectiveRuleSet(Explicit, {std::string(".")}, RuleErrors);
  for (const rules::Diagnostic &D : RuleErrors)
    llvm::errs() << D.str() << "\n";
  if (!Rules)
    return ExitFailure;

  analyzer::LintResult Result =
      runSourcePass(std::move(Options), *Rules, progressAllowed(report::Format::Text, ""));
  if (Result.Error)
    return fail(*Result.Error);
  for (const std::string &Note : Result.Notes)
    llvm::WithColor::note(llvm::errs(), "coldstart") << Note << "\n";
  if (Result.IndexWriteError)
    return fail(*Result.IndexWriteError);
  llvm::outs() << "coldstart index: " << (Result.UnitsParsed + Result.UnitsReused) << " file"
               << (Result.UnitsParsed + Result.UnitsReused == 1 ? "" : "s") << " in "
               << Result.IndexDir << " (" << Result.UnitsParsed << " parsed, " << Result.UnitsReused
               << " unchanged)\n";
  return ExitClean;
}

static CommandRegistration Reg(IndexCmd, runIndex);
