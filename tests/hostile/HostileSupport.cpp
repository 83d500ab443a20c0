#include "HostileSupport.h"

#include "RunTool.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>

extern char **environ;

namespace coldstart::test {

Bounded runBounded(const std::vector<std::string> &Argv, unsigned Seconds, unsigned MemoryMB,
                   const std::string &Cwd) {
  Bounded R;
  TempDir Scratch;
  std::string OutPath = Scratch.path() + "/stdout", ErrPath = Scratch.path() + "/stderr";
  std::vector<std::string> Full;
  if (!Cwd.empty())
    Full = {"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", Cwd};
  Full.insert(Full.end(), Argv.begin(), Argv.end());
  std::vector<llvm::StringRef> Refs(Full.begin(), Full.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"),
                                                llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  unsigned Limit = MemoryMB;
  std::vector<std::string> Env;
#ifdef COLDSTART_SANITIZED
  Limit = 0;
  for (char **E = environ; *E; ++E)
    if (!llvm::StringRef(*E).starts_with("ASAN_OPTIONS="))
      Env.push_back(*E);
  std::string Asan = "ASAN_OPTIONS=hard_rss_limit_mb=" + std::to_string(3 * MemoryMB);
  if (const char *Old = std::getenv("ASAN_OPTIONS"))
    Asan += std::string(":") + Old;
  Env.push_back(Asan);
#endif
  std::vector<llvm::StringRef> EnvRefs(Env.begin(), Env.end());
  std::optional<llvm::ArrayRef<llvm::StringRef>> EnvArg;
  if (!Env.empty())
    EnvArg = EnvRefs;
  std::string Error;
  bool Failed = false;
  auto Start = std::chrono::steady_clock::now();
  R.Exit =
      llvm::sys::ExecuteAndWait(Refs[0], Refs, EnvArg, Redirects, Seconds, Limit, &Error, &Failed);
  R.Seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - Start).count();
  R.Out = readFile(OutPath);
  R.Err = readFile(ErrPath);
  R.TimedOut = llvm::StringRef(Error).contains("timed out");
  R.Crashed = R.Exit == -2 && !R.TimedOut;
  if (!Error.empty())
    R.Err += "\n[runBounded] " + Error;
  return R;
}

Bounded runCli(const std::vector<std::string> &Args, const std::string &Cwd) {
  std::vector<std::string> Argv{COLDSTART_BIN};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  return runBounded(Argv, 60, 1024, Cwd);
}

std::vector<std::string> listTree(const std::string &Dir) {
  std::vector<std::string> Out;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC))
    Out.push_back(llvm::StringRef(It->path()).drop_front(Dir.size() + 1).str());
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace coldstart::test
