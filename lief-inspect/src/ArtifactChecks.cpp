#include "coldstart/inspect/ArtifactChecks.h"
#include "coldstart/report/Format.h"
#include "coldstart/rules/RuleIds.h"

#include "Versions.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

namespace coldstart::inspect {

using report::Finding;
namespace ids = rules::ids;

void checkBinary(const report::BinaryReport &B, const rules::RuleSet &Rules,
                 const CheckOptions &Options, std::vector<Finding> &Findings,
                 std::vector<std::string> &RunNotes) {
  auto Make = [&](std::string_view Rule, std::string Message, std::string Fix) -> void {
    report::Location Where;
    Where.File = B.Path;
    if (auto F = report::makeFinding(Rules, Rule, std::move(Where), std::move(Message),
                                     std::move(Fix), {B.Path}))
      Findings.push_back(std::move(*F));
  };
  auto MissingKey = [&](const std::string &Key, std::string_view Rule) {
    std::string Note = "rule set has no '" + Key + "': " + std::string(Rule) + " not checked";
    for (const auto &N : RunNotes)
      if (N == Note)
        return;
    RunNotes.push_back(Note);
  };

  // Static initializers over budget.
  if (Rules.isEnabled(ids::StaticInitializers)) {
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
        Make(ids::StaticInitializers, Msg,
             "construct these objects lazily (function-local statics) or during init in main");
      }
    } else {
      MissingKey(StaticInitializersKey, ids::StaticInitializers);
    }
  }

  // Removable bytes.
  if (Rules.isEnabled(ids::UnstrippedBinary)) {
    if (const auto *V = Rules.sourcedValue(RemovableBytesKey)) {
      const auto &S = B.Size;
      if (double(S.RemovableBytes) > V->Value) {
        double Pct = S.FileBytes ? 100.0 * double(S.RemovableBytes) / double(S.FileBytes) : 0;
        Make(ids::UnstrippedBinary,
             llvm::formatv("{0} bytes ({1:F1}% of the file) are symbol tables and debug info "
                           "that strip removes (threshold {2} bytes)",
                           report::groupedDigits(S.RemovableBytes), Pct,
                           report::groupedDigits(uint64_t(V->Value)))
                 .str(),
             "strip the packaged copy (strip --strip-unneeded, or link with -s) and keep the "
             "debug info aside (objcopy --only-keep-debug)");
      }
    } else {
      MissingKey(RemovableBytesKey, ids::UnstrippedBinary);
    }
  }

  // Versions against the runtime.
  const rules::RuntimeManifest *RT = Options.Runtime;
  if (RT && Rules.isEnabled(ids::GlibcTooNew)) {
    for (const char *Family : {"GLIBC", "GLIBCXX", "CXXABI"}) {
      auto It = B.Dynamic.MaxVersions.find(Family);
      if (It == B.Dynamic.MaxVersions.end())
        continue;
      const std::string &Have = RT->maxVersion(Family);
      if (Have.empty()) {
        std::string Note = "runtime " + RT->Name + " does not say its " + Family +
                           " version: " + std::string(ids::GlibcTooNew) + " not checked for it";
        if (std::find(RunNotes.begin(), RunNotes.end(), Note) == RunNotes.end())
          RunNotes.push_back(Note);
        continue;
      }
      if (rules::compareVersions(It->second, Have) > 0)
        Make(ids::GlibcTooNew,
             std::string("needs ") + Family + "_" + It->second + " but the " + RT->Name +
                 " runtime (" + RT->Os + ") provides " + Family + " " + Have +
                 ": the loader fails with \"version `" + Family + "_" + It->second +
                 "' not found\"",
             "build on (or for) the runtime's distribution, e.g. in the runtime's build image");
    }
  }

  // Version names against the names the runtime's libc defines: a name is looked up, not
  // compared, so a name without a number (GLIBC_ABI_DT_RELR, which the linker adds for
  // -z pack-relative-relocs and glibc defines from 2.36) fails at load as surely as
  // GLIBC_2.99 does. Numbered names above the runtime's version were reported above.
  if (RT && Rules.isEnabled(ids::GlibcTooNew))
    for (const report::VersionNeed &Need : B.Dynamic.VersionNeeds) {
      if (Need.Library != "libc.so.6")
        continue;
      for (const std::string &Name : Need.Versions) {
        std::optional<bool> Defined = RT->libcDefines(Name);
        if (!Defined || *Defined)
          continue;
        std::optional<VersionTag> Tag = parseVersionTag(Name);
        if (Tag && Tag->Family == "GLIBC" && !RT->Glibc.empty() &&
            rules::compareVersions(Tag->text(), RT->Glibc) > 0)
          continue;
        Make(ids::GlibcTooNew,
             "needs version " + Name + " of libc.so.6, a name the " + RT->Name +
                 " runtime's libc (glibc " + (RT->Glibc.empty() ? "?" : RT->Glibc) +
                 ") does not define" +
                 (Name == "GLIBC_ABI_DT_RELR"
                      ? " (glibc defines it from 2.36 for binaries linked with packed relative "
                        "relocations, -z pack-relative-relocs)"
                      : "") +
                 ": the loader fails with \"version `" + Name + "' not found\"",
             Name == "GLIBC_ABI_DT_RELR"
                 ? "link without -z pack-relative-relocs (check the toolchain's and the build's "
                   "linker flags), or build on (or for) the runtime's distribution"
                 : "build on (or for) the runtime's distribution, e.g. in the runtime's build "
                   "image");
      }
    }

  // Architecture: --arch, else the runtime's architectures.
  if (Rules.isEnabled(ids::ArchMismatch)) {
    if (!Options.Arch.empty()) {
      if (B.Arch != Options.Arch)
        Make(ids::ArchMismatch,
             "binary is " + B.Arch + " but the function's architecture is " + Options.Arch,
             "build for " + Options.Arch + " or change the function's architecture");
    } else if (RT && !RT->Architectures.empty()) {
      std::string LambdaName = B.Arch == "aarch64" ? "arm64" : B.Arch;
      if (!RT->supportsArch(LambdaName))
        Make(ids::ArchMismatch,
             "binary is " + B.Arch + ", which the " + RT->Name + " runtime does not run",
             "build for an architecture the runtime supports");
    }
  }

  // Libraries nothing provides. Whether that is an error depends on what is known of the
  // runtime: a root filesystem searched, an exact manifest or one that marks the library absent
  // say it is missing; a conservative manifest that does not mention it says nothing, and a
  // false error on a library the runtime has would teach users to switch the check off.
  if (B.Dependencies.Performed)
    for (const auto &L : B.Dependencies.Libraries) {
      if (L.Found)
        continue;
      bool KnownAbsent = !RT || RT->Exact || Options.RuntimeRootSearched || RT->marksAbsent(L.Name);
      if (KnownAbsent)
        Make(ids::UnresolvedLibrary,
             L.Name + " (needed by " + L.NeededBy + ") is not found under " + B.Dependencies.Root +
                 (RT && RT->marksAbsent(L.Name)
                      ? " (the " + RT->Name + " manifest says the runtime does not have it)"
                      : ""),
             "package the library beside the binary (lib/ with RUNPATH "
             "$ORIGIN/lib) or use a runtime or layer that provides it");
      else
        Make(ids::UnknownRuntimeLibrary,
             L.Name + " (needed by " + L.NeededBy + ") is not in the package or its layers, " +
                 "and the " + RT->Name + " manifest neither lists it nor marks it absent: " +
                 "whether the runtime has it is not known",
             "pin what the runtime provides with a manifest written from an export of its base "
             "image ('coldstart rules runtime-manifest ROOTFS'), or package the library beside "
             "the binary");
    }

  // Executable stack.
  if (B.ExecutableStack && Rules.isEnabled(ids::ExecutableStack))
    Make(ids::ExecutableStack,
         "the stack is executable (" + B.ExecutableStackBecause +
             "): code injected into stack memory can run",
         "link with -z noexecstack and find the object without a .note.GNU-stack section");
}

} // namespace coldstart::inspect
