// Fuzz target: runtime-manifest YAML (--runtime FILE, as `coldstart rules runtime-manifest`
// writes it). Invariants: errors name the file; a manifest that loads is written back by
// formatRuntimeManifest into text that loads again to the same manifest.
#include "FuzzSupport.h"

#include "coldstart/rules/RuntimeManifest.h"

#include <cstdint>

using namespace coldstart;

namespace {

/// The fields in which A and B differ, by name; empty when they agree.
std::string differences(const rules::RuntimeManifest &A, const rules::RuntimeManifest &B) {
  std::string D;
  auto Check = [&](bool Same, const char *Field) {
    if (!Same)
      D += std::string(D.empty() ? "" : ", ") + Field;
  };
  Check(A.Name == B.Name, "name");
  Check(A.Os == B.Os, "os");
  Check(A.Family == B.Family, "family");
  Check(A.Exact == B.Exact, "exact");
  Check(A.Architectures == B.Architectures, "architectures");
  Check(A.Glibc == B.Glibc && A.Glibcxx == B.Glibcxx && A.Cxxabi == B.Cxxabi, "versions");
  Check(A.LdLibraryPath == B.LdLibraryPath, "ld-library-path");
  Check(A.Libraries == B.Libraries, "libraries");
  Check(A.PlatformInitMs.has_value() == B.PlatformInitMs.has_value() &&
            A.PlatformInitSource == B.PlatformInitSource,
        "platform-init-ms");
  return D;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  std::vector<rules::Diagnostic> Errors;
  auto M = rules::parseRuntimeManifest(Text, "runtime.yaml", Errors);
  COLDSTART_FUZZ_CHECK(M.has_value() == Errors.empty(), "");
  for (const rules::Diagnostic &D : Errors)
    COLDSTART_FUZZ_CHECK(D.File == "runtime.yaml" && D.Line >= 0 && D.Column >= 0, D.str());
  if (!M)
    return 0;
  (void)M->providesLibrary("libc.so.6");
  (void)rules::compareVersions(M->Glibc, "2.34");
  std::string Written = rules::formatRuntimeManifest(*M, "written by the fuzzer");
  std::vector<rules::Diagnostic> Again;
  auto Back = rules::parseRuntimeManifest(Written, "written.yaml", Again);
  COLDSTART_FUZZ_CHECK(Back.has_value(), Written + (Again.empty() ? "" : Again.front().str()));
  std::string Diff = differences(*M, *Back);
  COLDSTART_FUZZ_CHECK(Diff.empty(), "differs in " + Diff + ":\n" + Written);
  return 0;
}
