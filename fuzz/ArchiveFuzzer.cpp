// Fuzz target: archive bytes through the two readers of deployment zips. `coldstart inspect`'s
// package reader (central directory, libarchive streaming, member inspection, layer merge,
// bootstrap following, dependency resolution, checks, writers) reads the input as the function
// and as its own layer; `coldstart measure`'s TaskRoot unpacks it into a private folder.
// Invariants: inspect errors name the file; the JSON report parses; unpacking writes nothing
// outside its own folder and leaves nothing behind.
#include "InspectFuzzSupport.h"

#include "coldstart/inspect/Package.h"
#include "coldstart/measure/TaskRoot.h"
#include "coldstart/report/ArtifactReport.h"
#include "coldstart/report/Writers.h"
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuntimeManifest.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

using namespace coldstart;

namespace {

/// A private scratch folder for this process: the input is written to Work/input.zip, and
/// TMPDIR points at Work/tmp so TaskRoot unpacks under it and any escape is visible.
struct Scratch {
  std::string Work, Tmp, Input;
  Scratch() {
    llvm::SmallString<128> Dir;
    if (llvm::sys::fs::createUniqueDirectory("coldstart-fuzz-archive", Dir))
      fuzz::invariantFailed("cannot create a scratch folder");
    Work = std::string(Dir);
    Tmp = Work + "/tmp";
    Input = Work + "/input.zip";
    llvm::sys::fs::create_directory(Tmp);
    setenv("TMPDIR", Tmp.c_str(), 1);
  }
  ~Scratch() { llvm::sys::fs::remove_directories(Work); }
};

/// Names in Dir, sorted (non-recursive).
std::vector<std::string> listing(const std::string &Dir) {
  std::vector<std::string> Names;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC))
    Names.push_back(std::string(llvm::sys::path::filename(It->path())));
  std::sort(Names.begin(), Names.end());
  return Names;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  static const Scratch S;
  static const rules::RuleSet &Rules = rules::defaultRuleSet();
  static const rules::RuntimeManifest &Manifest = fuzz::fuzzRuntime();

  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(S.Input, EC);
    if (EC)
      fuzz::invariantFailed("cannot write the input", EC.message());
    OS.write(reinterpret_cast<const char *>(Data), Size);
  }

  // inspect: defaults, except a lower unpacked-bytes cap so a bomb costs a fuzz iteration less
  // than a second; the same code path refuses it either way.
  inspect::PackageOptions PO;
  PO.Limits.MaxUnpackedBytes = 256ull << 20;
  PO.Runtime = Size % 2 ? &Manifest : nullptr; // with --runtime, and letting the package decide
  report::ArtifactReport R;
  R.Runtime = PO.Runtime ? Manifest.Name : "";
  if (llvm::Error E = inspect::inspectPackage(S.Input, {S.Input}, Rules, PO, R)) {
    std::string Message = llvm::toString(std::move(E));
    COLDSTART_FUZZ_CHECK(Message.find(S.Input) != std::string::npos, Message);
  } else {
    fuzz::checkInspectWriters(R, Rules);
  }

  // measure's unpacking, with a small cap.
  {
    auto Root = measure::TaskRoot::prepare(S.Input, 64ull << 20);
    if (!Root)
      llvm::consumeError(Root.takeError());
  }
  std::vector<std::string> Work = listing(S.Work);
  std::vector<std::string> Expected{"input.zip", "tmp"};
  COLDSTART_FUZZ_CHECK(Work == Expected, "unpacking wrote beside its folder");
  COLDSTART_FUZZ_CHECK(listing(S.Tmp).empty(), "unpacking left files behind");
  return 0;
}
