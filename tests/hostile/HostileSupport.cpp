#include "HostileSupport.h"

#include "RunTool.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <archive.h>
#include <archive_entry.h>
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

void writeZip(const std::string &Path, const std::vector<ZipEntry> &Entries, bool Store) {
  struct archive *A = archive_write_new();
  archive_write_set_format_zip(A);
  if (Store)
    archive_write_set_options(A, "zip:compression=store");
  ASSERT_EQ(archive_write_open_filename(A, Path.c_str()), ARCHIVE_OK) << archive_error_string(A);
  for (const ZipEntry &E : Entries) {
    struct archive_entry *X = archive_entry_new();
    archive_entry_set_pathname(X, E.Name.c_str());
    archive_entry_set_mode(X, E.Mode);
    bool Link = (E.Mode & 0170000) == 0120000;
    bool Data = (E.Mode & 0170000) == 0100000;
    if (Link)
      archive_entry_set_symlink(X, E.Bytes.c_str());
    archive_entry_set_size(X, Data ? la_int64_t(E.Bytes.size()) : 0);
    ASSERT_EQ(archive_write_header(A, X), ARCHIVE_OK) << E.Name << ": " << archive_error_string(A);
    if (Data && !E.Bytes.empty()) {
      ASSERT_EQ(archive_write_data(A, E.Bytes.data(), E.Bytes.size()), la_ssize_t(E.Bytes.size()));
    }
    archive_entry_free(X);
  }
  ASSERT_EQ(archive_write_close(A), ARCHIVE_OK) << archive_error_string(A);
  archive_write_free(A);
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
