// Shared by the fuzz targets: what every target checks about its output, and how a target
// stops on a broken invariant (a crash libFuzzer records, never an exception to swallow).
#pragma once

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace coldstart::fuzz {

/// Stops the process when an invariant fails: libFuzzer saves the input as a crash.
[[noreturn]] inline void invariantFailed(const char *What, const std::string &Detail = "") {
  std::fprintf(stderr, "fuzz invariant failed: %s\n%s\n", What, Detail.c_str());
  std::abort();
}

#define COLDSTART_FUZZ_CHECK(Cond, Detail)                                                         \
  do {                                                                                             \
    if (!(Cond))                                                                                   \
      ::coldstart::fuzz::invariantFailed(#Cond, Detail);                                           \
  } while (false)

/// A report written as JSON must parse as JSON, whatever bytes the input put in names.
inline void checkJson(const std::string &Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    invariantFailed("the JSON writer wrote invalid JSON", llvm::toString(V.takeError()));
}

} // namespace coldstart::fuzz
