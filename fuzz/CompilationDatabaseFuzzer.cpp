// Fuzz target: bytes as the compile_commands.json `coldstart lint -p` reads, or finds above the
// sources: strict JSON first, then clang's JSONCompilationDatabase; for a database that loads,
// the adaptations a discovered one gets (@response files, read from an in-memory file system
// here; commands inferred for unlisted files; driver mode) and the command line every listed
// file would be parsed with. Clang itself is not run: its parser is not ours to fuzz here.
#include "FuzzSupport.h"

#include "coldstart/analyzer/LintDriver.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstdint>

using namespace coldstart;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string_view Text(reinterpret_cast<const char *>(Data), Size);
  llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>> Parsed =
      analyzer::parseCompilationDatabase(Text);
  if (!Parsed) {
    std::string Error = llvm::toString(Parsed.takeError());
    COLDSTART_FUZZ_CHECK(!Error.empty(), "a refused database must say why");
    return 0;
  }
  std::unique_ptr<clang::tooling::CompilationDatabase> DB = std::move(*Parsed);

  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> FS(new llvm::vfs::InMemoryFileSystem);
  FS->addFile("/build/args.rsp", 0, llvm::MemoryBuffer::getMemBuffer("-DFROM_RSP @nested.rsp"));
  FS->addFile("/build/nested.rsp", 0, llvm::MemoryBuffer::getMemBuffer("-Iinclude"));
  FS->addFile("/build/loop.rsp", 0, llvm::MemoryBuffer::getMemBuffer("@loop.rsp"));
  FS->setCurrentWorkingDirectory("/build");
  auto Adapted = analyzer::adaptDiscoveredDatabase(std::move(DB), FS);

  std::vector<std::string> Files = Adapted->getAllFiles();
  Files.push_back("/build/src/unlisted.h"); // inferred from a listed neighbour, if any
  size_t Commands = 0;
  for (const std::string &File : Files) {
    for (const clang::tooling::CompileCommand &C : Adapted->getCompileCommands(File)) {
      std::vector<std::string> Args = analyzer::lintCommandLine(C, "/usr/lib/llvm-19/lib/clang/19");
      COLDSTART_FUZZ_CHECK(!Args.empty(), File);
      if (++Commands > 10000)
        return 0;
    }
  }
  return 0;
}
