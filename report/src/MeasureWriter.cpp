#include "WriterSupport.h"
#include "coldstart/report/MeasureReport.h"
#include "coldstart/report/Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace coldstart::report {

using detail::jsonString;

const char *kindName(MachineElfFile::Kind K) {
  switch (K) {
  case MachineElfFile::Kind::Runtime:
    return "runtime";
  case MachineElfFile::Kind::Loader:
    return "loader";
  case MachineElfFile::Kind::Program:
    return "program";
  case MachineElfFile::Kind::ProgramLibrary:
    return "program-library";
  case MachineElfFile::Kind::NssModule:
    return "nss-module";
  case MachineElfFile::Kind::GconvModule:
    return "gconv-module";
  case MachineElfFile::Kind::NotProvided:
    break;
  }
  return "not-provided";
}

Distribution Distribution::of(std::vector<double> Samples) {
  Distribution D;
  if (Samples.empty())
    return D;
  std::sort(Samples.begin(), Samples.end());
  size_t N = Samples.size();
  D.Count = static_cast<unsigned>(N);
  D.Min = Samples.front();
  D.Max = Samples.back();
  D.Median = N % 2 ? Samples[N / 2] : (Samples[N / 2 - 1] + Samples[N / 2]) / 2;
  // Nearest-rank p90: the smallest sample with at least 90% of the samples at or below it.
  size_t Rank = static_cast<size_t>(std::ceil(0.9 * static_cast<double>(N)));
  D.P90 = Samples[std::max<size_t>(Rank, 1) - 1];
  return D;
}

static llvm::json::Value loadedJson(const LoadedFilesCheck &L) {
  llvm::json::Array Files, Unreadable;
  for (const MachineElfFile &F : L.FromMachine)
    Files.push_back(llvm::json::Object{{"path", jsonString(F.Path)},
                                       {"soname", jsonString(F.Soname)},
                                       {"kind", kindName(F.What)},
                                       {"program", jsonString(F.Program)},
                                       {"needed_by", jsonString(F.NeededBy)},
                                       {"run", F.Run}});
  for (const std::string &U : L.Unreadable)
    Unreadable.push_back(jsonString(U));
  return llvm::json::Object{{"performed", L.Performed},
                            {"maps_read", L.MapsRead},
                            {"package_elf_files", L.PackageElfFiles},
                            {"non_elf_files", L.NonElfFiles},
                            {"from_machine", std::move(Files)},
                            {"unreadable", std::move(Unreadable)}};
}

static double round3(double V) {
  return std::round(V * 1000) / 1000;
}

static llvm::json::Value distributionJson(const std::vector<double> &Samples) {
  if (Samples.empty())
    return nullptr; // nothing was measured: say so rather than print zeros
  Distribution D = Distribution::of(Samples);
  return llvm::json::Object{{"median", round3(D.Median)},
                            {"p90", round3(D.P90)},
                            {"min", round3(D.Min)},
                            {"max", round3(D.Max)},
                            {"count", D.Count}};
}

void writeMeasureJson(const MeasureReport &R, llvm::raw_ostream &OS) {
  llvm::json::Array Errors;
  for (const MeasureError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"phase", E.Phase},
                                        {"run", E.Run},
                                        {"kind", E.Kind},
                                        {"message", E.Message},
                                        {"stderr_tail", E.StderrTail}});
  llvm::json::Array Init, Invoke;
  for (double V : R.InitSamplesMs)
    Init.push_back(round3(V));
  for (double V : R.InvokeSamplesMs)
    Invoke.push_back(round3(V));
  llvm::json::Object Doc{
      {"artifact", R.Artifact},
      {"bootstrap", R.Bootstrap},
      {"handler", R.Handler},
      {"memory_mb", R.MemoryMb},
      {"init_ms", distributionJson(R.InitSamplesMs)},
      {"invoke_ms", distributionJson(R.InvokeSamplesMs)},
      {"max_rss_bytes", R.MaxRssBytes ? llvm::json::Value(static_cast<int64_t>(*R.MaxRssBytes))
                                      : llvm::json::Value(nullptr)},
      {"cold_runs", R.ColdRuns},
      {"warm_runs", R.WarmRuns},
      {"samples",
       llvm::json::Object{{"init_ms", std::move(Init)}, {"invoke_ms", std::move(Invoke)}}},
      {"errors", std::move(Errors)},
      {"runtime", R.Runtime},
      {"ld_library_path",
       [&] {
         llvm::json::Array Path;
         for (const std::string &P : R.LdLibraryPath)
           Path.push_back(jsonString(P));
         return Path;
       }()},
      {"loaded", loadedJson(R.Loaded)},
      {"findings", inspectFindingsJson(R.Findings)},
      {"method", R.Method},
      {"notes",
       [&] {
         llvm::json::Array Notes;
         for (const std::string &N : R.Notes)
           Notes.push_back(N);
         return Notes;
       }()},
  };
  if (R.EstimateColdStartMs)
    Doc["estimate"] = llvm::json::Object{{"cold_start_ms", round3(*R.EstimateColdStartMs)}};
  detail::writeJson(OS, llvm::json::Value(std::move(Doc)));
}

static void printDistribution(llvm::raw_ostream &OS, llvm::StringRef Label,
                              const std::vector<double> &Samples) {
  if (Samples.empty()) {
    OS << llvm::formatv("  {0,-22} not measured\n", Label);
    return;
  }
  Distribution D = Distribution::of(Samples);
  OS << llvm::formatv("  {0,-22} median {1,8:f2} ms   p90 {2,8:f2} ms   min {3,8:f2} ms   max "
                      "{4,8:f2} ms   ({5} samples)\n",
                      Label, D.Median, D.P90, D.Min, D.Max, D.Count);
}

/// One line on what the process maps showed, counted by kind.
static void printLoaded(const MeasureReport &R, llvm::raw_ostream &OS) {
  const LoadedFilesCheck &L = R.Loaded;
  if (!L.Performed) {
    OS << "  libraries: not checked (every bootstrap process had ended before it could be read)\n";
    return;
  }
  std::map<MachineElfFile::Kind, unsigned> ByKind;
  for (const MachineElfFile &F : L.FromMachine)
    ++ByKind[F.What];
  OS << "  libraries: " << L.MapsRead << " process maps read; " << L.PackageElfFiles
     << " ELF files from the package, " << L.FromMachine.size() << " from this machine";
  if (!ByKind.empty()) {
    OS << " (";
    const char *Sep = "";
    for (const auto &[Kind, Count] : ByKind) {
      OS << Sep << Count << " " << kindName(Kind);
      Sep = ", ";
    }
    OS << ")";
  }
  OS << ", " << L.NonElfFiles << " other files ignored\n";
  OS << "  LD_LIBRARY_PATH (" << R.Runtime << "): " << llvm::join(R.LdLibraryPath, ":") << "\n";
  for (const std::string &U : L.Unreadable)
    OS << "  note: not read: " << U << "\n";
}

void writeMeasureText(const MeasureReport &R, llvm::raw_ostream &OS) {
  OS << "coldstart measure: " << R.Artifact << "\n";
  OS << "  bootstrap: " << R.Bootstrap << "   handler: " << R.Handler << "   memory: " << R.MemoryMb
     << " MB\n\n";
  printDistribution(OS, "init (cold start)", R.InitSamplesMs);
  printDistribution(OS, "invoke (warm)", R.InvokeSamplesMs);
  if (R.MaxRssBytes)
    OS << llvm::formatv("  {0,-22} {1:f1} MiB\n", "peak RSS",
                        static_cast<double>(*R.MaxRssBytes) / (1024.0 * 1024.0));
  if (R.EstimateColdStartMs)
    OS << llvm::formatv("  {0,-22} {1:f1} ms\n", "static estimate", *R.EstimateColdStartMs);
  OS << "\n  " << R.Method << "\n";
  for (const std::string &N : R.Notes)
    OS << "  note: " << N << "\n";
  OS << "\n";
  printLoaded(R, OS);
  std::vector<Finding> Findings = detail::sortedFindings(R.Findings);
  if (!Findings.empty()) {
    OS << "\n" << Findings.size() << (Findings.size() == 1 ? " finding:\n" : " findings:\n");
    // The message names the file; a fix shared by many findings (a library's whole closure) is
    // printed once, after them.
    std::vector<std::pair<std::string, std::string>> Fixes;
    for (const Finding &F : Findings) {
      OS << "  " << detail::severityName(F.Level) << ": " << F.Message << " [" << F.Rule << "]\n";
      std::pair<std::string, std::string> Fix{F.Rule, F.FixHint};
      if (!F.FixHint.empty() && std::find(Fixes.begin(), Fixes.end(), Fix) == Fixes.end())
        Fixes.push_back(std::move(Fix));
    }
    for (const auto &[Rule, Hint] : Fixes)
      OS << "  fix [" << Rule << "]: " << Hint << "\n";
  }
  if (R.Errors.empty())
    return;
  OS << "\n" << R.Errors.size() << (R.Errors.size() == 1 ? " error:\n" : " errors:\n");
  for (const MeasureError &E : R.Errors) {
    OS << "  run " << E.Run << ", " << E.Phase << ": " << E.Kind << ": " << E.Message << "\n";
    if (!E.StderrTail.empty()) {
      OS << "    bootstrap stderr (last lines):\n";
      llvm::SmallVector<llvm::StringRef, 16> Lines;
      llvm::StringRef(E.StderrTail).rtrim().split(Lines, '\n');
      for (llvm::StringRef L : Lines)
        OS << "    | " << L << "\n";
    }
  }
}

} // namespace coldstart::report
