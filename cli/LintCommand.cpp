// `coldstart lint`: the source pass. Finds the handlers of a C/C++ Lambda function and reports
// clients, connections and heavy objects built per invocation.
#include "Command.h"
#include "SourcePass.h"

#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/rules/Loader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"

namespace cl = llvm::cl;
using namespace coldstart;
using namespace coldstart::cli;

static cl::SubCommand
    LintCmd("lint",
            "Find SDK clients, connections and heavy objects built on every invocation.\n\n"
            "  coldstart lint [-p BUILD_DIR] [--rules FILE] [--format text|json|sarif] [-o FILE]\n"
            "                 [--fail-on note|warning|error] [--jobs N] [--shard K/N]\n"
            "                 [--no-bundled-headers] [--index DIR | --no-index]\n"
            "                 SOURCE... [-- COMPILER_ARGS...]\n\n"
            "With -p and no SOURCE, every file in the compilation database is analysed; its\n"
            "summaries are kept in BUILD_DIR/.coldstart, and a later run parses only the files\n"
            "that changed. With SOURCE (or --shard), those files are parsed and judged against\n"
            "the rest of the program as the summary index holds it; findings in them are\n"
            "reported.\n");
static OutputOptions Out(LintCmd);
static cl::opt<std::string> BuildDir("p",
                                     cl::desc("Build folder holding compile_commands.json (else "
                                              "found upward from the first SOURCE)"),
                                     cl::value_desc("BUILD_DIR"), cl::sub(LintCmd),
                                     cl::cat(optionCategory()));
static cl::opt<std::string> RulesFile("rules",
                                      cl::desc("Overlay this rule-set file on the bundled default "
                                               "(else .coldstart.yaml found upward from the "
                                               "sources)"),
                                      cl::value_desc("FILE"), cl::sub(LintCmd),
                                      cl::cat(optionCategory()));
static cl::opt<unsigned> Jobs("jobs",
                              cl::desc("Analyse N translation units in parallel "
                                       "(default 1; 0 means one per core)"),
                              cl::value_desc("N"), cl::init(1), cl::sub(LintCmd),
                              cl::cat(optionCategory()));
static cl::alias JobsShort("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs),
                           cl::cat(optionCategory()));
static cl::opt<std::string> Shard("shard",
                                  cl::desc("Analyse only slice K of N of the sorted sources, for "
                                           "a CI matrix (merge the SARIF files afterwards)"),
                                  cl::value_desc("K/N"), cl::sub(LintCmd),
                                  cl::cat(optionCategory()));
static cl::opt<bool>
    NoBundledHeaders("no-bundled-headers",
                     cl::desc("Do not fall back to coldstart's declarations of aws-lambda-cpp and "
                              "the AWS SDK for C++ when a source's include path lacks them"),
                     cl::sub(LintCmd), cl::cat(optionCategory()));
static cl::opt<std::string>
    IndexDir("index",
             cl::desc("Keep the summary index in DIR (default: .coldstart beside "
                      "compile_commands.json)"),
             cl::value_desc("DIR"), cl::sub(LintCmd), cl::cat(optionCategory()));
static cl::opt<bool> NoIndex("no-index",
                             cl::desc("Neither read nor write the summary index: analyse only "
                                      "the files given"),
                             cl::sub(LintCmd), cl::cat(optionCategory()));
static cl::list<std::string> Sources(cl::Positional, cl::desc("SOURCE..."), cl::sub(LintCmd),
                                     cl::cat(optionCategory()));

static std::string currentFolder() {
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return "";
  return std::string(Cwd);
}

static int runLint() {
  if (!Out.validate())
    return ExitFailure;

  analyzer::LintOptions Options =
      sourcePassOptions({Sources.begin(), Sources.end()}, BuildDir, Jobs, !NoBundledHeaders);
  if (!Shard.empty()) {
    auto Parsed = analyzer::parseShard(Shard);
    if (!Parsed)
      return fail("bad --shard '" + Shard + "' (expected K/N with 1 <= K <= N)");
    std::tie(Options.ShardIndex, Options.ShardCount) = *Parsed;
  }
  if (Options.Sources.empty() && !Options.BuildDir)
    return fail("no source files given (give SOURCE... or -p BUILD_DIR)");
  if (NoIndex && !IndexDir.empty())
    return fail("--index and --no-index contradict each other");
  Options.IndexDir = IndexDir;
  Options.UseIndex = !NoIndex;

  std::vector<rules::Diagnostic> RuleErrors;
  std::optional<std::string> Explicit;
  if (!RulesFile.empty())
    Explicit = RulesFile;
  std::vector<std::string> RuleSearchFrom = Options.Sources;
  if (RuleSearchFrom.empty())
    RuleSearchFrom.push_back(".");
  std::optional<rules::RuleSet> Rules =
      rules::loadEffectiveRuleSet(Explicit, RuleSearchFrom, RuleErrors);
  for (const rules::Diagnostic &D : RuleErrors)
    llvm::errs() << D.str() << "\n";
  if (!Rules)
    return ExitFailure;

  // Findings only (LintOptions' default): lint prints no init work.
  analyzer::LintResult Result =
      runSourcePass(std::move(Options), *Rules, progressAllowed(Out.format(), Out.OutputFile));
  if (Result.Error)
    return fail(*Result.Error);
  if (!Result.Report)
    return fail("the source pass returned no findings report");
  const report::Report &LintReport = *Result.Report;

  // Partial analyses must reach the user even when the report goes to a file or a parser.
  bool NotesInReport = Out.format() == report::Format::Text && Out.OutputFile.empty();
  if (!NotesInReport)
    for (const std::string &Note : LintReport.RunNotes)
      llvm::WithColor::warning(llvm::errs(), "coldstart") << Note << "\n";

  std::unique_ptr<OutputSink> Sink = OutputSink::open(Out.OutputFile);
  if (!Sink)
    return ExitFailure;
  switch (Out.format()) {
  case report::Format::Text:
    report::writeText(LintReport, Sink->stream());
    break;
  case report::Format::Json:
    report::writeLintJson(LintReport, Sink->stream());
    break;
  case report::Format::Sarif:
    // Paths under the working folder (the checkout, in CI) become relative to %SRCROOT%, as
    // code scanning expects.
    report::writeSarif(LintReport, *Rules, Sink->stream(), currentFolder());
    break;
  }
  if (!Sink->commit())
    return ExitFailure;
  // An unmatched NOLINTBEGIN or NOLINTEND fails the run whatever --fail-on says, as it fails a
  // clang-tidy run: a silence that silences nothing must not pass unnoticed.
  if (Result.NolintProblems > 0)
    return ExitFindings;
  return report::hasFindingAtOrAbove(LintReport.Findings, Out.failOn()) ? ExitFindings : ExitClean;
}

static CommandRegistration Reg(LintCmd, runLint);
