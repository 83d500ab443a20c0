// Running the source pass from a subcommand: `lint` asks it for findings only, `inspect -p` or
// `--source` for the init work its estimate takes (LintOptions::ComputeFindings and
// ComputeInitWork). Both build the options and show progress the same way.
#pragma once

#include "coldstart/analyzer/LintDriver.h"

#include <string>
#include <vector>

namespace coldstart::cli {

/// The source pass's options from the common flags: SOURCE..., -p BUILD_DIR, --jobs N (0: one
/// per core) and the compiler arguments after `--`, if any; coldstart's bundled declarations
/// last on the include path unless BundledHeaders is off (`--no-bundled-headers`).
analyzer::LintOptions sourcePassOptions(const std::vector<std::string> &Sources,
                                        const std::string &BuildDir, unsigned Jobs,
                                        bool BundledHeaders = true);

/// Runs the source pass, drawing a "[done/total] file" line on stderr when ShowProgress is set
/// and there are enough files for it to help.
analyzer::LintResult runSourcePass(analyzer::LintOptions Options, const rules::RuleSet &Rules,
                                   bool ShowProgress);

} // namespace coldstart::cli
