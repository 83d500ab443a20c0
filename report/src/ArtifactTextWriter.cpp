// Text for `inspect`: per binary a summary table a person reads in a CI log, then the findings
// in the compiler-style format every text report uses.
#include "ArtifactPackageWriter.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Format.h"
#include "coldstart/report/Writers.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace coldstart::report {

namespace {

std::string joined(const std::vector<std::string> &V, const char *Sep = ", ") {
  std::string Out;
  for (const auto &S : V)
    Out += (Out.empty() ? "" : Sep) + S;
  return Out;
}

void writeBinary(const BinaryReport &B, llvm::raw_ostream &OS) {
  OS << B.Path << ": " << B.Type << ", " << B.Arch << " (ELF" << B.ClassBits
     << (B.BigEndian ? " big-endian" : "") << "), " << groupedDigits(B.Bytes) << " bytes, "
     << (B.Stripped ? "stripped" : "not stripped") << (B.HasDebugInfo ? ", with debug info" : "")
     << "\n";
  auto Row = [&](llvm::StringRef Key, const std::string &Value) {
    if (!Value.empty())
      OS << "  " << llvm::left_justify(Key, 22) << Value << "\n";
  };
  Row("interpreter", B.Interpreter);
  Row("soname", B.Soname);
  Row("build-id", B.BuildId);

  OS << "  size by kind           file bytes    memory bytes\n";
  for (const auto &Bucket : B.Size.Buckets) {
    if (!Bucket.FileBytes && !Bucket.MemoryBytes)
      continue;
    OS << "    " << llvm::left_justify(byteKindName(Bucket.Kind), 18)
       << llvm::right_justify(groupedDigits(Bucket.FileBytes), 12)
       << llvm::right_justify(groupedDigits(Bucket.MemoryBytes), 16) << "\n";
  }
  OS << "    " << llvm::left_justify("total", 18)
     << llvm::right_justify(groupedDigits(B.Size.FileBytes), 12) << "\n";
  if (B.Size.RemovableBytes)
    Row("removable by strip",
        groupedDigits(B.Size.RemovableBytes) + " bytes (" + joined(B.Size.Removable) + ")");

  const auto &D = B.Dynamic;
  Row("needed", joined(D.Needed));
  if (!D.Rpath.empty())
    Row("rpath", joined(D.Rpath, ":") + " -> " + joined(D.RpathExpanded, ":"));
  if (!D.Runpath.empty())
    Row("runpath", joined(D.Runpath, ":") + " -> " + joined(D.RunpathExpanded, ":"));
  std::string Versions;
  for (const auto &[Family, V] : D.MaxVersions)
    Versions += (Versions.empty() ? "" : ", ") + Family + " " + V;
  Row("highest versions", Versions);

  const auto &R = B.Relocations;
  Row("relocations", groupedDigits(R.Total) + " (relative " + groupedDigits(R.Relative) +
                         ", symbolic " + groupedDigits(R.Symbolic) + ", jump-slot " +
                         groupedDigits(R.JumpSlot) + ", tls " + groupedDigits(R.Tls) + ", copy " +
                         groupedDigits(R.Copy) + ", irelative " + groupedDigits(R.IRelative) +
                         ", other " + groupedDigits(R.Other) + ")");
  Row("lazy binding", D.BindNow ? "off (" + D.BindNowBecause + ")" : "on");
  Row("dynamic symbols", groupedDigits(D.ImportedSymbols) + " imported, " +
                             groupedDigits(D.ExportedSymbols) + " exported");
  if (B.TlsBytes)
    Row("TLS", groupedDigits(B.TlsBytes) + " bytes");
  Row("stack",
      B.ExecutableStack ? "EXECUTABLE (" + B.ExecutableStackBecause + ")" : "not executable");

  const auto &SI = B.Initializers;
  Row("static initializers",
      std::to_string(SI.Count) +
          (SI.ToolchainEntries
               ? " (+" + std::to_string(SI.ToolchainEntries) + " toolchain entries not counted)"
               : std::string()) +
          (SI.NamesAvailable ? "" : ", names unavailable"));
  // A person reads the first ones; every entry is in --format json.
  constexpr unsigned ListedInitializers = 20;
  unsigned Listed = 0;
  for (const auto &F : SI.Functions) {
    if (F.Toolchain)
      continue;
    if (Listed++ == ListedInitializers) {
      OS << "    ... " << (SI.Count - ListedInitializers) << " more (all are in --format json)\n";
      break;
    }
    OS << "    " << (F.Name.empty() ? "<no symbol>" : F.Name);
    OS << "  [" << F.Table << "[" << F.Slot << "], 0x";
    OS.write_hex(F.Address);
    if (F.Size)
      OS << ", " << F.Size << " bytes";
    OS << "]";
    if (!F.SourceFile.empty())
      OS << " from " << F.SourceFile;
    OS << "\n";
  }

  const auto &Dep = B.Dependencies;
  if (Dep.Performed) {
    OS << "  dependencies under " << Dep.Root << ":\n";
    for (const auto &L : Dep.Libraries) {
      OS << "    " << std::string(size_t(2) * (L.Depth - 1), ' ') << L.Name << " => ";
      if (L.Found)
        OS << L.Path << " (" << L.Via << ")\n";
      else
        OS << "NOT FOUND (needed by " << L.NeededBy << ")\n";
    }
  }
  for (const auto &N : binaryNotes(B))
    OS << "  note: " << N << "\n";
}

} // namespace

void writeInspectText(const ArtifactReport &R, llvm::raw_ostream &OS) {
  if (R.Kind != "elf") {
    writePackageText(R, OS);
    OS << "\n";
  }
  for (const auto &B : R.Binaries) {
    if (R.Kind != "elf")
      break; // a package's binaries are one line each above; JSON has every measurement
    writeBinary(B, OS);
    OS << "\n";
  }
  if (R.ColdStart.Computed) {
    writeEstimateText(R.ColdStart, OS);
    OS << "\n";
  }
  writeText(toReport(R), OS);
}

} // namespace coldstart::report
