#include "JsonSupport.h"

#include "llvm/Support/Error.h"

#include <gtest/gtest.h>

namespace coldstart::test {

llvm::json::Value parseJson(const std::string &Text) {
  llvm::Expected<llvm::json::Value> Value = llvm::json::parse(Text);
  if (!Value) {
    ADD_FAILURE() << "invalid JSON: " << llvm::toString(Value.takeError()) << "\n" << Text;
    return llvm::json::Object{};
  }
  return std::move(*Value);
}

} // namespace coldstart::test
