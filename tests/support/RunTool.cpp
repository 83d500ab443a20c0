#include "RunTool.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace coldstart::test {

std::string readFile(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

void writeFile(const std::string &Path, const std::string &Bytes) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    llvm::report_fatal_error(llvm::Twine("cannot write '") + Path + "': " + EC.message());
  OS << Bytes;
}

ToolResult runTool(const std::string &Program, const std::vector<std::string> &Args,
                   const std::string &WorkingDir, unsigned TimeoutSeconds) {
  ToolResult Result;
  TempDir Scratch;
  std::string OutPath = Scratch.path() + "/stdout", ErrPath = Scratch.path() + "/stderr";

  // llvm::sys::ExecuteAndWait has no working-directory parameter: go through /bin/sh -c 'cd'.
  std::vector<std::string> Argv;
  if (!WorkingDir.empty()) {
    Argv = {"/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", WorkingDir, Program};
  } else {
    Argv = {Program};
  }
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::vector<llvm::StringRef> Refs(Argv.begin(), Argv.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef("/dev/null"),
                                                llvm::StringRef(OutPath), llvm::StringRef(ErrPath)};
  std::string Error;
  Result.ExitCode =
      llvm::sys::ExecuteAndWait(Refs[0], Refs, std::nullopt, Redirects, TimeoutSeconds, 0, &Error);
  Result.Stdout = readFile(OutPath);
  Result.Stderr = readFile(ErrPath);
  if (!Error.empty())
    Result.Stderr += "\n[runTool] " + Error;
  return Result;
}

TempDir::TempDir() {
  llvm::SmallString<128> Dir;
  if (llvm::sys::fs::createUniqueDirectory("coldstart-test", Dir))
    llvm::report_fatal_error("cannot create a temporary folder");
  Path = std::string(Dir);
}

TempDir::~TempDir() {
  llvm::sys::fs::remove_directories(Path);
}

std::string TempDir::path(const std::string &Rel) const {
  llvm::SmallString<256> Full(Path);
  llvm::sys::path::append(Full, Rel);
  return std::string(Full);
}

std::string TempDir::write(const std::string &Name, const std::string &Content) const {
  llvm::SmallString<256> Full(Path);
  llvm::sys::path::append(Full, Name);
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Full));
  std::error_code EC;
  llvm::raw_fd_ostream OS(Full, EC);
  OS << Content;
  return std::string(Full);
}

} // namespace coldstart::test
