#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/report/Format.h"

#include "Versions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

namespace coldstart::inspect {

using report::Finding;

void checkBinary(const report::BinaryReport &B, const rules::RuleSet &Rules,
                 const CheckOptions &Options, std::vector<Finding> &Findings,
                 std::vector<std::string> &RunNotes) {
  auto Make = [&](const char *Rule, std::string Message, std::string Category,
                  std::string Fix) -> void {
    if (!Rules.isEnabled(Rule))
      return;
    Finding F;
    F.Rule = Rule;
    F.Level = Rules.severityFor(Rule);
    F.Where.File = B.Path;
    F.Message = std::move(Message);
    F.Category = std::move(Category);
    F.FixHint = std::move(Fix);
    F.FingerprintKey = F.Rule + ":" + B.Path;
    Findings.push_back(std::move(F));
  };
  auto MissingKey = [&](const std::string &Key, const char *Rule) {
    std::string Note = "rule set has no '" + Key + "': " + Rule + " not checked";
    for (const auto &N : RunNotes)
      if (N == Note)
        return;
    RunNotes.push_back(Note);
  };

  // Static initializers over budget.
  if (Rules.isEnabled("coldstart-static-initializers")) {
    if (const auto *V = Rules.sourcedValue(StaticInitializersKey)) {
      const auto &SI = B.Initializers;
      if (double(SI.Count) > V->Value) {
        std::string Names;
        unsigned Shown = 0;
        for (const auto &F : SI.Functions) {
          if (F.Toolchain || F.Name.empty())
            continue;
          if (Shown == 5) {
            Names += ", ...";
            break;
          }
          Names += (Shown++ ? ", " : "") + F.Name;
        }
        std::string Msg = llvm::formatv("{0} static initializers run before main (budget {1})",
                                        SI.Count, V->Value)
                              .str();
        Msg += Names.empty() ? " (names unavailable: stripped)" : ": " + Names;
        Make("coldstart-static-initializers", Msg, "init",
             "construct these objects lazily (function-local statics) or during init in main");
      }
    } else {
      MissingKey(StaticInitializersKey, "coldstart-static-initializers");
    }
  }

  // Removable bytes.
  if (Rules.isEnabled("coldstart-unstripped-binary")) {
    if (const auto *V = Rules.sourcedValue(RemovableBytesKey)) {
      const auto &S = B.Size;
      if (double(S.RemovableBytes) > V->Value) {
        double Pct = S.FileBytes ? 100.0 * double(S.RemovableBytes) / double(S.FileBytes) : 0;
        Make("coldstart-unstripped-binary",
             llvm::formatv("{0} bytes ({1:F1}% of the file) are symbol tables and debug info "
                           "that strip removes (threshold {2} bytes)",
                           report::groupedDigits(S.RemovableBytes), Pct,
                           report::groupedDigits(uint64_t(V->Value)))
                 .str(),
             "package",
             "strip the packaged copy (strip --strip-unneeded, or link with -s) and keep the "
             "debug info aside (objcopy --only-keep-debug)");
      }
    } else {
      MissingKey(RemovableBytesKey, "coldstart-unstripped-binary");
    }
  }

  // Versions against the runtime.
  const rules::RuntimeManifest *RT = Options.Runtime;
  if (RT && Rules.isEnabled("coldstart-glibc-too-new")) {
    for (const char *Family : {"GLIBC", "GLIBCXX", "CXXABI"}) {
      auto It = B.Dynamic.MaxVersions.find(Family);
      if (It == B.Dynamic.MaxVersions.end())
        continue;
      const std::string &Have = RT->maxVersion(Family);
      if (Have.empty()) {
        std::string Note = "runtime " + RT->Name + " does not say its " + Family +
                           " version: coldstart-glibc-too-new not checked for it";
        if (std::find(RunNotes.begin(), RunNotes.end(), Note) == RunNotes.end())
          RunNotes.push_back(Note);
        continue;
      }
      if (rules::compareVersions(It->second, Have) > 0)
        Make("coldstart-glibc-too-new",
             std::string("needs ") + Family + "_" + It->second + " but the " + RT->Name +
                 " runtime (" + RT->Os + ") provides " + Family + " " + Have +
                 ": the loader fails with \"version `" + Family + "_" + It->second +
                 "' not found\"",
             "dependencies",
             "build on (or for) the runtime's distribution, e.g. in the runtime's build image");
    }
  }

  // Architecture: --arch, else the runtime's architectures.
  if (Rules.isEnabled("coldstart-arch-mismatch")) {
    if (!Options.Arch.empty()) {
      if (B.Arch != Options.Arch)
        Make("coldstart-arch-mismatch",
             "binary is " + B.Arch + " but the function's architecture is " + Options.Arch,
             "runtime", "build for " + Options.Arch + " or change the function's architecture");
    } else if (RT && !RT->Architectures.empty()) {
      std::string LambdaName = B.Arch == "aarch64" ? "arm64" : B.Arch;
      if (!RT->supportsArch(LambdaName))
        Make("coldstart-arch-mismatch",
             "binary is " + B.Arch + ", which the " + RT->Name + " runtime does not run", "runtime",
             "build for an architecture the runtime supports");
    }
  }

  // Unresolved libraries.
  if (B.Dependencies.Performed && Rules.isEnabled("coldstart-unresolved-library"))
    for (const auto &L : B.Dependencies.Libraries)
      if (!L.Found)
        Make("coldstart-unresolved-library",
             L.Name + " (needed by " + L.NeededBy + ") is not found under " + B.Dependencies.Root,
             "dependencies",
             "package the library beside the binary (lib/ with RUNPATH "
             "$ORIGIN/lib) or use a runtime or layer that provides it");

  // Executable stack.
  if (B.ExecutableStack && Rules.isEnabled("coldstart-executable-stack"))
    Make("coldstart-executable-stack",
         "the stack is executable (" + B.ExecutableStackBecause +
             "): code injected into stack memory can run",
         "security",
         "link with -z noexecstack and find the object without a .note.GNU-stack section");
}

} // namespace coldstart::inspect
