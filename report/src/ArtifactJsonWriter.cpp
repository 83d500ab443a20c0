// JSON for `inspect`: the contracted fields of docs/architecture.md (kind, runtime, arch, size,
// binaries with path, type, arch, bytes, needed, unresolved, glibc_required, static_initializers,
// relocations, stripped; findings), plus every measurement of the model and how each was obtained.
#include "ArtifactPackageWriter.h"
#include "WriterSupport.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Writers.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace coldstart::report {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

const char *byteKindName(ByteKind K) {
  switch (K) {
  case ByteKind::Code:
    return "code";
  case ByteKind::ReadOnlyData:
    return "rodata";
  case ByteKind::Data:
    return "data";
  case ByteKind::Bss:
    return "bss";
  case ByteKind::Dynamic:
    return "dynamic";
  case ByteKind::Symbols:
    return "symbols";
  case ByteKind::Debug:
    return "debug";
  case ByteKind::Other:
    return "other";
  }
  return "other";
}

namespace {

Value str(const std::string &S) {
  if (llvm::json::isUTF8(S))
    return Value(S);
  return Value(llvm::json::fixUTF8(S));
}

Value strOrNull(const std::string &S) {
  return S.empty() ? Value(nullptr) : str(S);
}

Array strings(const std::vector<std::string> &V) {
  Array A;
  for (const auto &S : V)
    A.push_back(str(S));
  return A;
}

Value num(uint64_t N) {
  return Value(static_cast<int64_t>(N));
}

Object binaryJson(const BinaryReport &B) {
  Object O;
  O["path"] = str(B.Path);
  if (!B.Source.empty())
    O["source"] = str(B.Source);
  O["type"] = str(B.Type);
  O["arch"] = str(B.Arch);
  O["bytes"] = num(B.Bytes);
  O["needed"] = strings(B.Dynamic.Needed);
  O["unresolved"] = strings(B.Dependencies.Unresolved);
  auto Glibc = B.Dynamic.MaxVersions.find("GLIBC");
  O["glibc_required"] = Glibc == B.Dynamic.MaxVersions.end() ? Value(nullptr) : str(Glibc->second);

  const auto &SI = B.Initializers;
  Array Functions;
  Array Toolchain;
  for (const auto &F : SI.Functions) {
    Object FO{{"table", str(F.Table)},
              {"slot", num(F.Slot)},
              {"address", num(F.Address)},
              {"address_from", str(F.AddressFrom)},
              {"symbol", strOrNull(F.Symbol)},
              {"name", strOrNull(F.Name)},
              {"source_file", strOrNull(F.SourceFile)},
              {"size", num(F.Size)}};
    if (F.Toolchain) {
      FO["toolchain_because"] = str(F.ToolchainBecause);
      Toolchain.push_back(std::move(FO));
    } else {
      Functions.push_back(std::move(FO));
    }
  }
  O["static_initializers"] = Object{{"count", num(SI.Count)},
                                    {"functions", std::move(Functions)},
                                    {"toolchain_entries", num(SI.ToolchainEntries)},
                                    {"toolchain", std::move(Toolchain)},
                                    {"names_available", SI.NamesAvailable},
                                    {"init_array_bytes", num(SI.InitArrayBytes)},
                                    {"preinit_array_bytes", num(SI.PreinitArrayBytes)},
                                    {"ctors_bytes", num(SI.CtorsBytes)},
                                    {"method", str(SI.Method)}};

  const auto &R = B.Relocations;
  Object ByType;
  for (const auto &[Name, N] : R.ByType)
    ByType[Name] = num(N);
  O["relocations"] = Object{{"total", num(R.Total)},
                            {"relative", num(R.Relative)},
                            {"symbolic", num(R.Symbolic)},
                            {"jump_slot", num(R.JumpSlot)},
                            {"tls", num(R.Tls)},
                            {"copy", num(R.Copy)},
                            {"irelative", num(R.IRelative)},
                            {"other", num(R.Other)},
                            {"relr_entries", num(R.RelrEntries)},
                            {"relr_relative", num(R.RelrRelative)},
                            {"by_type", std::move(ByType)},
                            {"method", strOrNull(R.Method)}};
  O["stripped"] = B.Stripped;

  // Beyond the contract: identity, size attribution, dynamic linking, load-time facts.
  O["class"] = static_cast<int64_t>(B.ClassBits);
  O["endianness"] = B.BigEndian ? "big" : "little";
  O["interpreter"] = strOrNull(B.Interpreter);
  O["soname"] = strOrNull(B.Soname);
  O["build_id"] = strOrNull(B.BuildId);
  O["debug_info"] = B.HasDebugInfo;
  O["statically_linked"] = B.StaticallyLinked;

  Object Size{{"file_bytes", num(B.Size.FileBytes)},
              {"removable_bytes", num(B.Size.RemovableBytes)},
              {"removable_sections", strings(B.Size.Removable)},
              {"method", str(B.Size.Method)}};
  Object Kinds;
  for (const auto &Bucket : B.Size.Buckets)
    Kinds[byteKindName(Bucket.Kind)] = Object{{"file_bytes", num(Bucket.FileBytes)},
                                              {"memory_bytes", num(Bucket.MemoryBytes)},
                                              {"sections", num(Bucket.Sections)}};
  Size["by_kind"] = std::move(Kinds);
  O["size"] = std::move(Size);

  const auto &D = B.Dynamic;
  Array Needs;
  for (const auto &N : D.VersionNeeds)
    Needs.push_back(Object{{"library", str(N.Library)}, {"versions", strings(N.Versions)}});
  Object Max;
  for (const auto &[Family, V] : D.MaxVersions)
    Max[Family] = str(V);
  Object Defined;
  for (const auto &[Family, V] : D.MaxDefinedVersions)
    Defined[Family] = str(V);
  O["dynamic"] = Object{{"rpath", strings(D.Rpath)},
                        {"runpath", strings(D.Runpath)},
                        {"rpath_expanded", strings(D.RpathExpanded)},
                        {"runpath_expanded", strings(D.RunpathExpanded)},
                        {"defined_versions", strings(D.DefinedVersions)},
                        {"bind_now", D.BindNow},
                        {"bind_now_because", strOrNull(D.BindNowBecause)},
                        {"text_relocations", D.TextRelocations},
                        {"version_needs", std::move(Needs)},
                        {"max_versions", std::move(Max)},
                        {"max_defined_versions", std::move(Defined)},
                        {"imported_symbols", num(D.ImportedSymbols)},
                        {"exported_symbols", num(D.ExportedSymbols)}};

  const auto &Dep = B.Dependencies;
  if (Dep.Performed) {
    Array Libs;
    for (const auto &L : Dep.Libraries)
      Libs.push_back(Object{{"name", str(L.Name)},
                            {"needed_by", str(L.NeededBy)},
                            {"path", strOrNull(L.Path)},
                            {"via", strOrNull(L.Via)},
                            {"depth", static_cast<int64_t>(L.Depth)},
                            {"found", L.Found}});
    O["dependencies"] = Object{
        {"root", str(Dep.Root)}, {"libraries", std::move(Libs)}, {"method", str(Dep.Method)}};
  } else {
    O["dependencies"] = nullptr;
  }
  O["tls_bytes"] = num(B.TlsBytes);
  O["executable_stack"] = B.ExecutableStack;
  O["executable_stack_because"] = strOrNull(B.ExecutableStackBecause);
  O["notes"] = strings(binaryNotes(B));
  return O;
}

} // namespace

void writeInspectJson(const ArtifactReport &R, llvm::raw_ostream &OS) {
  Object Doc;
  Doc["kind"] = str(R.Kind);
  Doc["runtime"] = strOrNull(R.Runtime);
  Doc["arch"] = strOrNull(R.Arch);
  Doc["size"] = Object{
      {"compressed_bytes", R.Size.CompressedBytes ? num(*R.Size.CompressedBytes) : Value(nullptr)},
      {"uncompressed_bytes", num(R.Size.UncompressedBytes)},
      {"files", num(R.Size.Files)}};
  Array Binaries;
  for (const auto &B : R.Binaries)
    Binaries.push_back(binaryJson(B));
  Doc["binaries"] = std::move(Binaries);
  Doc["estimate"] = estimateJson(R.ColdStart);
  if (R.Kind != "elf")
    addPackageJson(R, Doc);
  Doc["findings"] = inspectFindingsJson(R.Findings);
  Doc["notes"] = strings(inspectRunNotes(R));
  detail::writeJson(OS, Value(std::move(Doc)));
}

Report toReport(const ArtifactReport &R) {
  Report Out;
  Out.Command = "inspect";
  for (const auto &F : R.Findings)
    Out.Findings.push_back(R.Kind == "elf" ? F : packageLocatedFinding(F));
  Out.RunNotes = inspectRunNotes(R);
  return Out;
}

} // namespace coldstart::report
