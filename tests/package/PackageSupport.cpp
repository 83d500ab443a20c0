#include "PackageSupport.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <gtest/gtest.h>

namespace coldstart::test {

std::string freshDir(const std::string &Name) {
  std::string Dir = tempPath("package-" + Name);
  llvm::sys::fs::remove_directories(Dir);
  llvm::sys::fs::create_directories(Dir);
  return Dir;
}

uint64_t put(const std::string &Root, const std::string &Rel, const std::string &Bytes,
             unsigned Mode) {
  std::string Path = Root + "/" + Rel;
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  writeFile(Path, Bytes);
  llvm::sys::fs::setPermissions(Path, llvm::sys::fs::perms(Mode));
  return Bytes.size();
}

uint64_t putFile(const std::string &Root, const std::string &Rel, const std::string &From,
                 unsigned Mode) {
  return put(Root, Rel, readFile(From), Mode);
}

void zipFolder(const std::string &Folder, const std::string &Zip) {
  llvm::sys::fs::remove(Zip);
  auto R = run("/bin/sh", {"sh", "-c", "cd \"$0\" && zip -q -r -y -X \"$1\" .", Folder, Zip});
  ASSERT_EQ(R.Exit, 0) << R.Err;
}

std::pair<uint64_t, uint64_t> unzipTotals(const std::string &Zip) {
  auto R = run("/usr/bin/unzip", {"unzip", "-v", Zip});
  EXPECT_EQ(R.Exit, 0) << R.Err;
  // The last line: " <length>  <compressed>  <ratio>  <n> files".
  llvm::StringRef Out = llvm::StringRef(R.Out).rtrim();
  llvm::StringRef Last = Out.rsplit('\n').second.trim();
  llvm::SmallVector<llvm::StringRef, 8> F;
  Last.split(F, ' ', -1, false);
  uint64_t Length = 0, Size = 0;
  EXPECT_GE(F.size(), 4u) << Last.str();
  if (F.size() >= 2) {
    F[0].getAsInteger(10, Length);
    F[1].getAsInteger(10, Size);
  }
  return {Length, Size};
}

Inspected inspectJson(std::vector<std::string> Args) {
  Inspected I;
  Args.insert(Args.begin(), {"inspect", "--format", "json"});
  I.Run = runColdstart(Args, 60, 4096);
  EXPECT_NE(I.Run.Exit, 2) << I.Run.Err;
  I.Json = parseJson(I.Run.Out);
  return I;
}

const llvm::json::Object *binary(const llvm::json::Object &Doc, const std::string &Path) {
  for (const auto &B : *Doc.getArray("binaries"))
    if (B.getAsObject()->getString("path") == Path)
      return B.getAsObject();
  return nullptr;
}

std::vector<std::string> rulesOf(const llvm::json::Object &Doc) {
  std::vector<std::string> Out;
  if (const auto *F = Doc.getArray("findings"))
    for (const auto &V : *F)
      Out.push_back(V.getAsObject()->getString("rule")->str());
  return Out;
}

bool hasRule(const llvm::json::Object &Doc, const std::string &Rule) {
  auto R = rulesOf(Doc);
  return std::find(R.begin(), R.end(), Rule) != R.end();
}

std::vector<std::string> messagesOf(const llvm::json::Object &Doc, const std::string &Rule) {
  std::vector<std::string> Out;
  if (const auto *F = Doc.getArray("findings"))
    for (const auto &V : *F)
      if (V.getAsObject()->getString("rule") == Rule)
        Out.push_back(V.getAsObject()->getString("message")->str());
  return Out;
}

} // namespace coldstart::test
