// Building packages for the tests: a folder tree written file by file, zipped with `zip`.
#pragma once

#include "JsonSupport.h" // parseJson
#include "TestSupport.h"

#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace coldstart::test {

/// A fresh folder under the build tree's test scratch area.
std::string freshDir(const std::string &Name);
/// Writes Bytes to Root/Rel (creating folders) with Mode; returns the byte count.
uint64_t put(const std::string &Root, const std::string &Rel, const std::string &Bytes,
             unsigned Mode = 0644);
/// Copies a file into Root/Rel with Mode.
uint64_t putFile(const std::string &Root, const std::string &Rel, const std::string &From,
                 unsigned Mode = 0755);
/// `zip -r -y` of the folder's contents into Zip (which is removed first).
void zipFolder(const std::string &Folder, const std::string &Zip);
/// Totals `unzip -v` prints: uncompressed and compressed bytes of all entries.
std::pair<uint64_t, uint64_t> unzipTotals(const std::string &Zip);
/// `coldstart inspect --format json ARGS`, run and parsed (a failure to run is a test failure).
struct Inspected {
  RunResult Run;
  llvm::json::Value Json = nullptr;
  const llvm::json::Object &doc() const { return *Json.getAsObject(); }
};
Inspected inspectJson(std::vector<std::string> Args);
/// The report's entry for the package member at Path; null when there is none.
const llvm::json::Object *binary(const llvm::json::Object &Doc, const std::string &Path);
std::vector<std::string> rulesOf(const llvm::json::Object &Doc);
bool hasRule(const llvm::json::Object &Doc, const std::string &Rule);
/// Messages of the findings of Rule.
std::vector<std::string> messagesOf(const llvm::json::Object &Doc, const std::string &Rule);

} // namespace coldstart::test
