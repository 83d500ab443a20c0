#include "TestSupport.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <optional>

#ifdef COLDSTART_SANITIZED
extern char **environ;
#endif

namespace coldstart::test {

std::string fixture(const std::string &Name) {
  return std::string(COLDSTART_BINARY_DIR) + "/fixtures/elf/" + Name;
}

bool exists(const std::string &Path) {
  return llvm::sys::fs::exists(Path);
}

std::string tempPath(const std::string &Name) {
  // One folder per test process: CTest runs the cases of a suite as separate processes in
  // parallel, and two of them must never share (or remove) each other's files.
  llvm::SmallString<256> Dir(COLDSTART_BINARY_DIR);
  llvm::sys::path::append(Dir, "tests", "inspect", "tmp",
                          std::to_string(llvm::sys::Process::getProcessId()));
  llvm::sys::fs::create_directories(Dir);
  llvm::sys::path::append(Dir, Name);
  return std::string(Dir.str());
}

RunResult run(const std::string &Program, const std::vector<std::string> &Args, unsigned Seconds,
              unsigned MemoryMB) {
  RunResult R;
  llvm::SmallString<128> OutFile, ErrFile;
  llvm::sys::fs::createTemporaryFile("inspect-test", "out", OutFile);
  llvm::sys::fs::createTemporaryFile("inspect-test", "err", ErrFile);
  std::vector<llvm::StringRef> Argv(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, llvm::StringRef(OutFile),
                                                llvm::StringRef(ErrFile)};
  std::string Msg;
  bool Failed = false;
  std::optional<llvm::ArrayRef<llvm::StringRef>> Env;
#ifdef COLDSTART_SANITIZED
  // Under ASan the data limit would stop the sanitizer's own shadow reservations: bound the
  // resident size with ASan's hard_rss_limit_mb instead (three times, for its overhead).
  std::vector<std::string> EnvStrings;
  for (char **E = environ; *E; ++E)
    if (!llvm::StringRef(*E).starts_with("ASAN_OPTIONS="))
      EnvStrings.push_back(*E);
  if (MemoryMB) {
    std::string Asan = "ASAN_OPTIONS=hard_rss_limit_mb=" + std::to_string(3 * MemoryMB);
    if (const char *Old = std::getenv("ASAN_OPTIONS"))
      Asan += std::string(":") + Old;
    EnvStrings.push_back(Asan);
  }
  std::vector<llvm::StringRef> EnvRefs(EnvStrings.begin(), EnvStrings.end());
  Env = EnvRefs;
  MemoryMB = 0;
#endif
  R.Exit =
      llvm::sys::ExecuteAndWait(Program, Argv, Env, Redirects, Seconds, MemoryMB, &Msg, &Failed);
  R.TimedOut = R.Exit == -2 && Msg.find("timed out") != std::string::npos;
  R.Out = readFile(std::string(OutFile));
  R.Err = readFile(std::string(ErrFile)) + Msg;
  llvm::sys::fs::remove(OutFile);
  llvm::sys::fs::remove(ErrFile);
  return R;
}

RunResult runColdstart(const std::vector<std::string> &Args, unsigned Seconds, unsigned MemoryMB) {
  std::vector<std::string> Argv = {COLDSTART_BIN};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return run(COLDSTART_BIN, Argv, Seconds, MemoryMB);
}

std::string readelf() {
  for (const char *Name : {"llvm-readelf-19", "llvm-readelf"})
    if (auto P = llvm::sys::findProgramByName(Name))
      return *P;
  return "";
}

} // namespace coldstart::test
