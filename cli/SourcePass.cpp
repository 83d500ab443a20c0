#include "SourcePass.h"
#include "Command.h"

#include "llvm/Support/Threading.h"

namespace coldstart::cli {

/// Fewer files than this finish before a progress line would help.
static constexpr size_t MinFilesForProgress = 4;

analyzer::LintOptions sourcePassOptions(const std::vector<std::string> &Sources,
                                        const std::string &BuildDir, unsigned Jobs,
                                        bool BundledHeaders) {
  analyzer::LintOptions Options;
  if (BundledHeaders)
    Options.BundledHeaders = analyzer::bundledHeadersDir();
  Options.Sources = Sources;
  if (!BuildDir.empty())
    Options.BuildDir = BuildDir;
  if (hadDoubleDash())
    Options.CompilerArgs = argsAfterDoubleDash();
  Options.Jobs = Jobs == 0 ? llvm::hardware_concurrency().compute_thread_count() : Jobs;
  return Options;
}

analyzer::LintResult runSourcePass(analyzer::LintOptions Options, const rules::RuleSet &Rules,
                                   bool ShowProgress) {
  FileProgress Progress(MinFilesForProgress);
  if (ShowProgress)
    Options.Progress = [&Progress](size_t Done, size_t Total, const std::string &File) {
      Progress.update(Done, Total, File);
    };
  return analyzer::runLint(Options, Rules);
}

} // namespace coldstart::cli
