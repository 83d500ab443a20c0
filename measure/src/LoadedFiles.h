// What a running bootstrap loaded from this machine instead of from its package: the files its
// processes have mapped (/proc/PID/maps), read while they run, each ELF file judged against the
// runtime manifest. A package can measure well here only because this machine has a library
// that Lambda's runtime does not; this is where that is caught.
#pragma once

#include "coldstart/report/MeasureReport.h"
#include "coldstart/rules/RuleSet.h"
#include "coldstart/rules/RuntimeManifest.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <sys/types.h>

namespace coldstart::measure {

/// What is needed of an ELF file to judge it: the name the loader knows it by, what it needs and
/// the loader it asks for.
struct ElfFacts {
  std::string Soname;              // DT_SONAME; empty when it has none
  std::vector<std::string> Needed; // DT_NEEDED, in order
  std::string Interpreter;         // PT_INTERP; empty for libraries and static programs
};

/// The facts of Path when it is a regular file holding an ELF object; nullopt when it is not
/// (not ELF, not a regular file, unreadable).
std::optional<ElfFacts> readElfFacts(const std::string &Path);

/// Root and every live process descended from it, Root first, at most MaxProcesses.
std::vector<pid_t> processTree(pid_t Root, size_t MaxProcesses = 1024);

/// The files process Pid has mapped, each once, in address order (paths as the kernel prints
/// them; a file removed since it was mapped ends in " (deleted)"). nullopt when the maps cannot
/// be read: Why says why (empty when the process is gone, which is not worth a note).
std::optional<std::vector<std::string>> mappedFiles(pid_t Pid, std::string &Why);

/// Collects, over every run, the ELF files the bootstrap's processes mapped from outside the
/// package and what each is on Lambda.
class LoadedFilesInspector {
public:
  /// PackageDirs: the folders the function's own files are in (the task root, the layers'
  /// /opt); a file under one of them is the package's.
  LoadedFilesInspector(const rules::RuntimeManifest &Runtime,
                       const std::vector<std::string> &PackageDirs);

  /// Reads the maps of Root's process tree now, in cold run Run.
  void inspect(pid_t Root, unsigned Run);

  /// The counts and files seen into R.Loaded, and a finding into R.Findings for each file the
  /// runtime does not (or may not) provide.
  void report(const rules::RuleSet &Rules, report::MeasureReport &R) const;

private:
  const rules::RuntimeManifest &Runtime;
  std::vector<std::string> Dirs; // real paths, as /proc/PID/maps names files
  std::map<std::string, std::optional<ElfFacts>> Facts;
  std::set<std::string> PackageElf, NonElf;
  std::map<std::string, size_t> Index; // path -> position in Check.FromMachine
  report::LoadedFilesCheck Check;

  const std::optional<ElfFacts> &factsOf(const std::string &Path);
  bool inPackage(const std::string &Path) const;
  /// Path as the report shows it: relative to the package folder for the package's files.
  std::string shown(const std::string &Path) const;
  void inspectProcess(pid_t Pid, unsigned Run);
  void noteUnreadable(const std::string &What);
};

} // namespace coldstart::measure
