// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

namespace Aws {

// The result type of operations that return nothing but success or an error.
class NoResult {
public:
  NoResult() = default;
  template <typename T> NoResult(const T &);
};

} // namespace Aws
