// Printing the cold-start estimate: every term with its count, coefficient and source, so a
// reader can redo the sum.
#include "coldstart/report/Estimate.h"
#include "coldstart/report/Writers.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdio>

namespace coldstart::report {

static double round3(double V) {
  return std::round(V * 1000) / 1000;
}

/// A number as a person writes it: integers without decimals, others with 4 significant digits.
static std::string readable(double V) {
  char Buffer[64];
  if (V == std::floor(V) && std::fabs(V) < 1e15)
    std::snprintf(Buffer, sizeof Buffer, "%.0f", V);
  else
    std::snprintf(Buffer, sizeof Buffer, "%.4g", V);
  return Buffer;
}

static llvm::json::Value initItemJson(const InitWorkItem &I) {
  llvm::json::Array Chain;
  for (const TraceStep &S : I.Chain)
    Chain.push_back(
        llvm::json::Object{{"file", S.Where.File}, {"line", S.Where.Line}, {"note", S.Note}});
  return llvm::json::Object{{"kind", I.Kind},         {"what", I.KindWhat},
                            {"name", I.Name},         {"file", I.Where.File},
                            {"line", I.Where.Line},   {"column", I.Where.Column},
                            {"function", I.Function}, {"chain", std::move(Chain)}};
}

llvm::json::Value estimateJson(const Estimate &E) {
  if (!E.Computed)
    return nullptr;
  llvm::json::Object Breakdown;
  llvm::json::Array Parts;
  for (const EstimatePart &P : E.Parts) {
    Breakdown[P.Name] = round3(P.Ms);
    llvm::json::Array Terms;
    for (const EstimateTerm &T : P.Terms)
      Terms.push_back(llvm::json::Object{{"what", T.What},
                                         {"quantity", T.Quantity},
                                         {"coefficient_key", T.CoefficientKey},
                                         {"coefficient", T.Coefficient},
                                         {"unit", T.CoefficientUnit},
                                         {"source", T.Source},
                                         {"ms", round3(T.Ms)}});
    llvm::json::Object Part{
        {"name", P.Name},
        {"ms", round3(P.Ms)},
        {"cpu_bound", P.CpuBound},
        {"costed", !P.Terms.empty()},
        {"terms", std::move(Terms)},
        {"note", P.Note.empty() ? llvm::json::Value(nullptr) : llvm::json::Value(P.Note)}};
    if (!P.Items.empty()) {
      llvm::json::Array Items;
      for (const InitWorkItem &I : P.Items)
        Items.push_back(initItemJson(I));
      Part["items"] = std::move(Items);
    }
    Parts.push_back(std::move(Part));
  }
  llvm::json::Array ByMemory;
  for (const auto &[Mb, Ms] : E.ByMemory)
    ByMemory.push_back(llvm::json::Object{{"memory_mb", Mb}, {"cold_start_ms", round3(Ms)}});
  llvm::json::Array Notes;
  for (const std::string &N : E.Notes)
    Notes.push_back(N);
  return llvm::json::Object{
      {"cold_start_ms", round3(E.ColdStartMs)},
      {"memory_mb", E.MemoryMb},
      {"cpu_factor", round3(E.CpuFactor)},
      {"breakdown", std::move(Breakdown)},
      {"parts", std::move(Parts)},
      {"by_memory", std::move(ByMemory)},
      {"budget_ms", E.BudgetMs > 0 ? llvm::json::Value(E.BudgetMs) : llvm::json::Value(nullptr)},
      {"notes", std::move(Notes)},
      {"method", E.Method},
  };
}

void writeEstimateText(const Estimate &E, llvm::raw_ostream &OS) {
  if (!E.Computed)
    return;
  OS << llvm::formatv("Cold-start estimate: {0:f1} ms at {1} MB", E.ColdStartMs, E.MemoryMb);
  if (E.BudgetMs > 0)
    OS << llvm::formatv(" (budget {0:f0} ms)", E.BudgetMs);
  OS << "\n";
  for (const EstimatePart &P : E.Parts) {
    if (P.Terms.empty()) {
      // Nothing costed: a 0.00 would read as "costs nothing"; the note says why instead.
      OS << llvm::formatv("  {0,-20} {1,12}\n", P.Name, "not costed");
    } else
      OS << llvm::formatv(
          "  {0,-20} {1,9:f2} ms{2}\n", P.Name, P.Ms,
          P.CpuBound && E.CpuFactor > 1
              ? llvm::formatv("   (x{0:f2} for the CPU share at {1} MB)", E.CpuFactor, E.MemoryMb)
                    .str()
              : std::string());
    for (const EstimateTerm &T : P.Terms)
      OS << llvm::formatv("    {0,12} {1} x {2} {3} [{4}] = {5:f2} ms\n", readable(T.Quantity),
                          T.What, readable(T.Coefficient), T.CoefficientUnit, T.CoefficientKey,
                          T.Ms);
    for (const InitWorkItem &I : P.Items)
      OS << llvm::formatv("    {0}:{1}:{2}: {3} '{4}' in '{5}' [{6}]\n", I.Where.File, I.Where.Line,
                          I.Where.Column, I.KindWhat, I.Name, I.Function, I.Kind);
    if (!P.Note.empty())
      OS << "    note: " << P.Note << "\n";
  }
  OS << "  by memory size:";
  for (const auto &[Mb, Ms] : E.ByMemory)
    OS << llvm::formatv("  {0} MB {1:f1} ms", Mb, Ms);
  OS << "\n";
  for (const std::string &N : E.Notes)
    OS << "  note: " << N << "\n";
  OS << "  coefficient sources:\n";
  for (const EstimatePart &P : E.Parts)
    for (const EstimateTerm &T : P.Terms)
      OS << "    " << T.CoefficientKey << ": " << T.Source << "\n";
}

} // namespace coldstart::report
