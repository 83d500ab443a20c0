// Parsing what a writer or a command printed as JSON, in a test.
#pragma once

#include "llvm/Support/JSON.h"

#include <string>

namespace coldstart::test {

/// Text parsed as JSON. Text that does not parse fails the running test with the parse error
/// and the text, and yields an empty object, so that the checks after it fail instead of
/// crashing.
llvm::json::Value parseJson(const std::string &Text);

} // namespace coldstart::test
