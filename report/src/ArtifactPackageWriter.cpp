// The package part of the inspect report: what a person reads in a CI log first (the summary
// table against Lambda's quotas, then the dependency problems), then where the bytes go.
#include "ArtifactPackageWriter.h"
#include "coldstart/report/Format.h"

#include "coldstart/report/Writers.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdio>

namespace coldstart::report {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

std::string octal(uint32_t Mode) {
  char Buf[16];
  std::snprintf(Buf, sizeof(Buf), "%04o", unsigned(Mode));
  return Buf;
}

std::string mb(uint64_t N) {
  return llvm::formatv("{0:F1} MB", double(N) / 1e6).str();
}

Value str(const std::string &S) {
  if (llvm::json::isUTF8(S))
    return Value(S);
  return Value(llvm::json::fixUTF8(S));
}

Value num(uint64_t N) {
  return Value(static_cast<int64_t>(N));
}

Array strings(const std::vector<std::string> &V) {
  Array A;
  for (const auto &S : V)
    A.push_back(str(S));
  return A;
}

void writeTree(const SizeTreeNode &N, unsigned Depth, llvm::raw_ostream &OS) {
  for (const auto &C : N.Children) {
    std::string Label = std::string(size_t(2) * Depth, ' ') + C.Name + (C.Folder ? "/" : "");
    OS << "    " << llvm::left_justify(Label, 46)
       << llvm::right_justify(groupedDigits(C.Bytes), 14);
    if (C.Folder)
      OS << llvm::right_justify(groupedDigits(C.Files), 8) << " files";
    OS << "\n";
    writeTree(C, Depth + 1, OS);
  }
  if (N.OmittedChildren)
    OS << "    "
       << llvm::left_justify(std::string(size_t(2) * Depth, ' ') + "(" +
                                 groupedDigits(N.OmittedChildren) + " more)",
                             46)
       << llvm::right_justify(groupedDigits(N.OmittedBytes), 14) << "\n";
}

/// How the runtime was chosen, as the command line would say it.
std::string runtimeDetectedFrom(const PackageReport &P) {
  switch (P.Runtime) {
  case RuntimeChoice::Given:
    return "--runtime " + P.RuntimeName;
  case RuntimeChoice::Detected:
    return P.RuntimeEvidence + " (no --runtime given)";
  case RuntimeChoice::NotMade:
  case RuntimeChoice::Unrecognized:
    break;
  }
  return "";
}

/// The runtime a --default-libc check was made against, as the report names it.
std::string checkedRuntime(const DefaultLibcCheck &C) {
  return C.Runtime + (C.Glibc.empty() ? "" : " (glibc " + C.Glibc + ")") +
         (C.RuntimeGiven ? "" : ", the runtime assumed when no --runtime is given");
}

/// Whether the packager's --default-libc (-d) would work, from the package pass's check.
std::string defaultLibcNote(const DefaultLibcCheck &C, const std::string &Program) {
  if (!C.Unknown.empty())
    return "whether --default-libc (-d) would work on " + checkedRuntime(C) +
           " is not known: " + C.Unknown;
  if (C.Blockers.empty()) {
    std::string Kept;
    if (C.Checked.size() > 1)
      Kept = " and the libraries it would still bundle (" +
             llvm::join(C.Checked.begin() + 1, C.Checked.end(), ", ") + ")";
    std::string Need = C.Checked.size() > 1 ? "need" : "needs";
    std::string Needs = C.HighestGlibc.empty() ? Need + " no GLIBC version"
                                               : Need + " at most GLIBC_" + C.HighestGlibc;
    return "on " + checkedRuntime(C) + " " + Program + Kept + " " + Needs +
           ": the bundled glibc is not needed; package it with the packager's --default-libc "
           "(-d) option, which makes the binary itself the bootstrap";
  }
  std::vector<std::string> Needs;
  Needs.reserve(C.Blockers.size());
  for (const VersionBlocker &B : C.Blockers)
    Needs.push_back(B.Binary + " needs " + B.Needs);
  return llvm::join(Needs, ", ") + ": built on a newer system than " + checkedRuntime(C) +
         "; --default-libc (-d) would fail, keep the bundled glibc";
}

/// The bootstrap's notes; for a script that starts the program through a bundled loader, what
/// that costs and whether the packager's --default-libc avoids it; the library path a script
/// sets for its program.
std::vector<std::string> bootstrapNotes(const BootstrapInfo &B) {
  std::vector<std::string> Notes = B.Notes;
  if (B.LibraryPathFrom == LibraryPathOrigin::Script && !B.Target.empty())
    Notes.push_back(
        "the script sets LD_LIBRARY_PATH for " + B.Target + ": " +
        (B.LibraryPath.empty() ? std::string("(empty)") : llvm::join(B.LibraryPath, ":")));
  if (!B.BundledLoader || B.Target.empty())
    return Notes;
  std::string Cost =
      B.LoaderExtraInit
          ? llvm::formatv("about {0:F0} to {1:F0} ms of extra init on provided.al2023 against a "
                          "native bootstrap, none measurable on provided.al2 ({2})",
                          B.LoaderExtraInit->LowMs, B.LoaderExtraInit->HighMs,
                          B.LoaderExtraInit->Source)
                .str()
          : "extra init against a native bootstrap";
  Notes.push_back("a shell script that starts the bundled loader " + B.Loader + " on " + B.Target +
                  " (the aws-lambda-cpp packager's layout) costs " + Cost);
  if (B.DefaultLibc)
    Notes.push_back(defaultLibcNote(*B.DefaultLibc, B.Target));
  return Notes;
}

const char *libraryPathOriginName(LibraryPathOrigin O) {
  switch (O) {
  case LibraryPathOrigin::LoaderOption:
    return "loader-option";
  case LibraryPathOrigin::Script:
    return "script";
  case LibraryPathOrigin::Lambda:
    break;
  }
  return "lambda";
}

Value defaultLibcJson(const std::optional<DefaultLibcCheck> &C) {
  if (!C)
    return nullptr;
  Array Blockers;
  for (const VersionBlocker &B : C->Blockers)
    Blockers.push_back(Object{
        {"binary", str(B.Binary)}, {"needs", str(B.Needs)}, {"runtime_version", str(B.Runtime)}});
  return Object{{"possible", C->possible()},
                {"runtime", str(C->Runtime)},
                {"runtime_given", C->RuntimeGiven},
                {"glibc", str(C->Glibc)},
                {"glibcxx", str(C->Glibcxx)},
                {"cxxabi", str(C->Cxxabi)},
                {"libstdcxx_from_runtime", C->LibstdcxxFromRuntime},
                {"checked", strings(C->Checked)},
                {"glibc_libraries", strings(C->GlibcLibraries)},
                {"highest_glibc", C->HighestGlibc.empty() ? Value(nullptr) : str(C->HighestGlibc)},
                {"blockers", std::move(Blockers)},
                {"unknown", C->Unknown.empty() ? Value(nullptr) : str(C->Unknown)}};
}

/// The reading limits and the options that set them.
std::string readingLimits(const ReadingLimits &L) {
  return llvm::formatv("at most {0} entries and {1} unpacked bytes per archive (--max-entries, "
                       "--max-unpacked-bytes); ELF members inspected in memory up to {2} bytes "
                       "(--max-member-bytes); scripts and manifests read up to {3} bytes",
                       groupedDigits(L.MaxEntries), groupedDigits(L.MaxUnpackedBytes),
                       groupedDigits(L.MaxMemberBytes), groupedDigits(L.MaxTextBytes))
      .str();
}

Object treeJson(const SizeTreeNode &N) {
  Array Kids;
  for (const auto &C : N.Children)
    Kids.push_back(treeJson(C));
  Object O{{"name", str(N.Name)},
           {"path", str(N.Path)},
           {"folder", N.Folder},
           {"bytes", num(N.Bytes)},
           {"compressed_bytes", num(N.CompressedBytes)},
           {"files", num(N.Files)},
           {"children", std::move(Kids)},
           {"omitted_children", num(N.OmittedChildren)},
           {"omitted_bytes", num(N.OmittedBytes)}};
  return O;
}

/// Rows of the text report's table of a package's binaries; the JSON report lists them all.
constexpr size_t MaxBinaryRows = 20;

/// A package's binaries in the order a reader wants them: what the function loads at start in
/// the loader's order (the program first), then the rest largest first (by path on a tie).
std::vector<const BinaryReport *> binariesByStartLoad(const std::vector<BinaryReport> &Binaries) {
  std::vector<const BinaryReport *> Order;
  Order.reserve(Binaries.size());
  for (const BinaryReport &B : Binaries)
    Order.push_back(&B);
  std::stable_sort(Order.begin(), Order.end(), [](const BinaryReport *A, const BinaryReport *B) {
    if ((A->StartLoadOrder != 0) != (B->StartLoadOrder != 0))
      return A->StartLoadOrder != 0;
    if (A->StartLoadOrder != B->StartLoadOrder)
      return A->StartLoadOrder < B->StartLoadOrder;
    if (A->Bytes != B->Bytes)
      return A->Bytes > B->Bytes;
    return A->Path < B->Path;
  });
  return Order;
}

} // namespace

void writePackageText(const ArtifactReport &R, llvm::raw_ostream &OS) {
  const PackageReport &P = R.Package;
  auto Row = [&](llvm::StringRef Key, const std::string &Value) {
    OS << "  " << llvm::left_justify(Key, 24) << Value << "\n";
  };
  OS << R.Path << ": deployment package (" << R.Kind << ")\n";
  for (const auto &S : P.Sources) {
    std::string What = S.Role == "layer" ? "layer " + std::to_string(S.LayerIndex) : "function";
    std::string Sizes =
        groupedDigits(S.UncompressedBytes) + " bytes unzipped (" + mb(S.UncompressedBytes) + ")";
    if (S.ArchiveBytes)
      Sizes +=
          ", " + groupedDigits(*S.ArchiveBytes) + " bytes zipped (" + mb(*S.ArchiveBytes) + ")";
    Row(What, S.Path + " -> " + S.Mount);
    Row("", Sizes + "; " + groupedDigits(S.Files) + " files, " + groupedDigits(S.ElfFiles) +
                " ELF, " + groupedDigits(S.Symlinks) + " links");
  }
  if (P.Sources.size() > 1)
    Row("total unzipped",
        groupedDigits(P.TotalUncompressedBytes) + " bytes (" + mb(P.TotalUncompressedBytes) + ")");
  Row("runtime", R.Runtime.empty()
                     ? (P.RuntimeFamily.empty()
                            ? "not given, not recognized"
                            : P.RuntimeFamily + " (detected: " + runtimeDetectedFrom(P) + ")")
                     : R.Runtime);
  if (!R.Arch.empty())
    Row("architecture", R.Arch);
  const BootstrapInfo &B = P.Bootstrap;
  if (B.Checked) {
    if (!B.Present) {
      Row("bootstrap", "MISSING");
    } else {
      std::string Mode =
          B.ModeKnown ? "mode " + octal(B.Mode) : std::string("no Unix mode recorded");
      Row("bootstrap", B.Path + " (" + B.Kind + ", " + Mode + ", " +
                           (B.Executable ? "executable" : "NOT executable by Lambda") + ")");
      if (!B.Command.empty())
        Row("  runs", B.Command);
      if (!B.Loader.empty())
        Row("  bundled loader",
            B.Loader + (B.LibraryPath.empty() ? std::string() : " --library-path " + [&] {
              std::string J;
              for (const auto &D : B.LibraryPath)
                J += (J.empty() ? "" : ":") + D;
              return J;
            }()));
      if (!B.Target.empty() && B.Target != B.Path)
        Row("  program", B.Target);
      for (const auto &N : bootstrapNotes(B))
        OS << "  note: " << N << "\n";
    }
  }
  Row("removable", groupedDigits(P.RemovableBytes) + " bytes (" + mb(P.RemovableBytes) + ")");

  // Dependency problems first: what makes the function fail to start.
  std::vector<Finding> Problems;
  for (const auto &F : R.Findings)
    if (F.StopsStart)
      Problems.push_back(F);
  if (!Problems.empty()) {
    OS << "\ndependency problems (" << Problems.size() << "):\n";
    for (const auto &F : Problems)
      OS << "  " << F.Where.File << ": " << F.Message << " [" << F.Rule << "]\n";
  }

  for (const auto &S : P.Sources) {
    OS << "\nsize tree of " << S.Path << " (bytes unzipped):\n";
    OS << "    " << llvm::left_justify(".", 46)
       << llvm::right_justify(groupedDigits(S.Tree.Bytes), 14)
       << llvm::right_justify(groupedDigits(S.Tree.Files), 8) << " files\n";
    writeTree(S.Tree, 1, OS);
  }

  if (!P.Removable.empty()) {
    OS << "\nremovable bytes (" << groupedDigits(P.RemovableBytes) << "):\n";
    size_t Shown = 0;
    for (const auto &I : P.Removable) {
      if (++Shown > 20) {
        OS << "    (" << P.Removable.size() - 20 << " more in the JSON report)\n";
        break;
      }
      OS << "    " << llvm::right_justify(groupedDigits(I.Bytes), 14) << "  "
         << llvm::left_justify(I.Category, 18) << I.Path << " (" << groupedDigits(I.Files)
         << (I.Files == 1 ? " file" : " files") << ")\n";
    }
  }
  if (!P.Duplicates.empty()) {
    OS << "\nidentical files (largest first):\n";
    size_t Shown = 0;
    for (const auto &G : P.Duplicates) {
      if (++Shown > 10)
        break;
      OS << "    " << groupedDigits(G.BytesEach) << " bytes x " << G.Paths.size() << ":";
      for (const auto &Path : G.Paths)
        OS << " " << Path;
      OS << "\n";
    }
  }
  if (!P.HeavyDependencies.empty()) {
    OS << "\nheavy dependencies:\n";
    for (const auto &D : P.HeavyDependencies)
      OS << "    " << llvm::right_justify(groupedDigits(D.Bytes), 14) << "  " << D.Name
         << (D.Version.empty() ? "" : " " + D.Version) << " at " << D.Path
         << (D.ProvidedByRuntime ? " (the runtime provides it)" : "") << "\n";
  }
  if (!P.Unsafe.empty()) {
    OS << "\nunsafe archive entries:\n";
    for (const auto &U : P.Unsafe)
      OS << "    " << U.Source << ": '" << U.Name << "' " << U.Kind << ": " << U.Detail << "\n";
  }

  if (!R.Binaries.empty()) {
    std::vector<const BinaryReport *> Order = binariesByStartLoad(R.Binaries);
    size_t AtStart = 0;
    for (const BinaryReport *Bin : Order)
      AtStart += Bin->StartLoadOrder != 0;
    OS << "\nbinaries (" << groupedDigits(Order.size())
       << (Order.size() == 1 ? " ELF file" : " ELF files");
    if (AtStart == 1 && Order.size() == 1)
      OS << ", the program";
    else if (AtStart == Order.size())
      OS << ", all loaded at start, in load order from the program";
    else if (AtStart == 1)
      OS << "; the program first, then the rest by size";
    else if (AtStart)
      OS << "; the " << groupedDigits(AtStart)
         << " loaded at start first, in load order from the program, then the rest by size";
    else
      OS << ", largest first";
    OS << "):\n";
    OS << "    " << llvm::left_justify("path", 40) << llvm::left_justify("type", 16)
       << llvm::left_justify("arch", 9) << llvm::right_justify("bytes", 12) << "  "
       << llvm::left_justify("glibc", 7) << llvm::right_justify("inits", 6) << "  stripped\n";
    size_t Shown = std::min(Order.size(), MaxBinaryRows);
    for (size_t I = 0; I < Shown; ++I) {
      const BinaryReport &Bin = *Order[I];
      auto G = Bin.Dynamic.MaxVersions.find("GLIBC");
      OS << "    " << llvm::left_justify(Bin.Path, 40) << llvm::left_justify(Bin.Type, 16)
         << llvm::left_justify(Bin.Arch, 9) << llvm::right_justify(groupedDigits(Bin.Bytes), 12)
         << "  " << llvm::left_justify(G == Bin.Dynamic.MaxVersions.end() ? "-" : G->second, 7)
         << llvm::right_justify(std::to_string(Bin.Initializers.Count), 6) << "  "
         << (Bin.Stripped ? "yes" : "no") << "\n";
    }
    if (Shown < Order.size()) {
      uint64_t RestBytes = 0;
      size_t RestAtStart = 0;
      for (size_t I = Shown; I < Order.size(); ++I) {
        RestBytes += Order[I]->Bytes;
        RestAtStart += Order[I]->StartLoadOrder != 0;
      }
      size_t Rest = Order.size() - Shown;
      OS << "    ... and " << groupedDigits(Rest) << " more ELF " << (Rest == 1 ? "file" : "files")
         << " (" << mb(RestBytes) << ")";
      if (RestAtStart)
        OS << ", " << groupedDigits(RestAtStart) << " of them loaded at start";
      else if (AtStart)
        OS << ", none loaded at start";
      OS << "; all of them, with every binary's full measurements, in --format json\n";
    } else {
      OS << "    (every binary's full measurements are in --format json)\n";
    }
  }
  for (const auto &S : P.Skipped)
    OS << "note: not inspected: " << S << "\n";
  OS << "note: limits: " << readingLimits(P.Limits) << "\n";
}

void addPackageJson(const ArtifactReport &R, Object &Doc) {
  const PackageReport &P = R.Package;
  Array Sources, Layers;
  for (const auto &S : P.Sources) {
    Object O{{"path", str(S.Path)},
             {"role", str(S.Role)},
             {"kind", str(S.Kind)},
             {"mount", str(S.Mount)},
             {"archive_bytes", S.ArchiveBytes ? num(*S.ArchiveBytes) : Value(nullptr)},
             {"uncompressed_bytes", num(S.UncompressedBytes)},
             {"compressed_bytes", num(S.CompressedBytes)},
             {"files", num(S.Files)},
             {"folders", num(S.Folders)},
             {"symlinks", num(S.Symlinks)},
             {"elf_files", num(S.ElfFiles)},
             {"tree", treeJson(S.Tree)},
             {"method", str(S.Method)}};
    if (S.Role == "layer") {
      O["index"] = num(S.LayerIndex);
      Layers.push_back(
          Object{{"path", str(S.Path)},
                 {"index", num(S.LayerIndex)},
                 {"compressed_bytes", S.ArchiveBytes ? num(*S.ArchiveBytes) : Value(nullptr)},
                 {"uncompressed_bytes", num(S.UncompressedBytes)},
                 {"files", num(S.Files)}});
    }
    Sources.push_back(std::move(O));
  }
  Doc["layers"] = std::move(Layers);

  const BootstrapInfo &B = P.Bootstrap;
  Value Boot = nullptr;
  if (B.Checked)
    Boot = Object{{"present", B.Present},
                  {"path", str(B.Path)},
                  {"source", str(B.Source)},
                  {"mode", B.ModeKnown ? Value(octal(B.Mode)) : Value(nullptr)},
                  {"executable", B.Executable},
                  {"kind", str(B.Kind)},
                  {"interpreter", str(B.Interpreter)},
                  {"command", str(B.Command)},
                  {"program", str(B.Target)},
                  {"loader", str(B.Loader)},
                  {"bundled_loader", B.BundledLoader},
                  {"library_path", strings(B.LibraryPath)},
                  {"library_path_from", libraryPathOriginName(B.LibraryPathFrom)},
                  {"default_libc", defaultLibcJson(B.DefaultLibc)},
                  {"notes", strings(bootstrapNotes(B))}};

  Array Removable;
  for (const auto &I : P.Removable)
    Removable.push_back(Object{{"path", str(I.Path)},
                               {"category", str(I.Category)},
                               {"bytes", num(I.Bytes)},
                               {"files", num(I.Files)},
                               {"reason", str(I.Reason)}});
  Array Dups;
  for (const auto &G : P.Duplicates)
    Dups.push_back(Object{{"bytes_each", num(G.BytesEach)}, {"paths", strings(G.Paths)}});
  Array Heavy;
  for (const auto &D : P.HeavyDependencies)
    Heavy.push_back(Object{{"name", str(D.Name)},
                           {"ecosystem", str(D.Ecosystem)},
                           {"path", str(D.Path)},
                           {"version", D.Version.empty() ? Value(nullptr) : str(D.Version)},
                           {"bytes", num(D.Bytes)},
                           {"files", num(D.Files)},
                           {"provided_by_runtime", D.ProvidedByRuntime},
                           {"why", str(D.Why)},
                           {"fix", str(D.Fix)}});
  Array Unsafe;
  for (const auto &U : P.Unsafe)
    Unsafe.push_back(Object{{"source", str(U.Source)},
                            {"name", str(U.Name)},
                            {"kind", str(U.Kind)},
                            {"detail", str(U.Detail)}});
  Doc["package"] = Object{{"sources", std::move(Sources)},
                          {"total_uncompressed_bytes", num(P.TotalUncompressedBytes)},
                          {"runtime_family", str(P.RuntimeFamily)},
                          {"runtime_detected_from", str(runtimeDetectedFrom(P))},
                          {"bootstrap", std::move(Boot)},
                          {"heavy_dependencies", std::move(Heavy)},
                          {"removable_bytes", num(P.RemovableBytes)},
                          {"removable", std::move(Removable)},
                          {"duplicates", std::move(Dups)},
                          {"unsafe_entries", std::move(Unsafe)},
                          {"skipped", strings(P.Skipped)},
                          {"limits", str(readingLimits(P.Limits))}};
}

Finding packageLocatedFinding(const Finding &F) {
  if (F.Where.Source.empty() || F.Where.Source == F.Where.File)
    return F;
  Finding Out = F;
  Out.Where.File = F.Where.Source;
  Out.Message = F.Where.File + ": " + F.Message;
  return Out;
}

std::vector<std::string> inspectRunNotes(const ArtifactReport &R) {
  std::vector<std::string> Notes;
  const PackageReport &P = R.Package;
  if (P.Runtime == RuntimeChoice::Detected)
    Notes.push_back("runtime family '" + P.RuntimeFamily + "' detected from " + P.RuntimeEvidence +
                    "; give --runtime NAME to check glibc, GLIBCXX and CXXABI versions and "
                    "architectures against that runtime");
  else if (P.Runtime == RuntimeChoice::Unrecognized)
    Notes.push_back("no --runtime given and none recognized from the contents: runtime checks not "
                    "run");
  Notes.insert(Notes.end(), R.RunNotes.begin(), R.RunNotes.end());
  return Notes;
}

std::vector<std::string> binaryNotes(const BinaryReport &B) {
  std::vector<std::string> Notes = B.Notes;
  if (!B.UncheckedLibraries.empty())
    Notes.push_back("libraries not in the package: " + llvm::join(B.UncheckedLibraries, ", ") +
                    " (give --runtime to check them against the runtime's libraries)");
  if (!B.StartedByLoader.empty())
    Notes.push_back("started by the bootstrap script through the bundled loader " +
                    B.StartedByLoader + " with --library-path " +
                    llvm::join(B.LoaderLibraryPath, ":"));
  if (!B.LoadedByBundledLoader.empty())
    Notes.push_back("loaded by the program the bundled loader " + B.LoadedByBundledLoader +
                    " starts, so resolved with its --library-path " +
                    llvm::join(B.LoaderLibraryPath, ":") + " (not Lambda's LD_LIBRARY_PATH)");
  if (B.CheckedAgainstBundledCopies)
    Notes.push_back("symbol versions of libraries bundled in the package were checked against "
                    "the bundled copies");
  return Notes;
}

} // namespace coldstart::report
