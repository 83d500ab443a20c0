// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Client {

// Caller data passed back to an async operation's handler.
class AsyncCallerContext {
public:
  AsyncCallerContext();
  AsyncCallerContext(const Aws::String &uuid);
  AsyncCallerContext(const char *uuid);
  virtual ~AsyncCallerContext() = default;
  const Aws::String &GetUUID() const;
  void SetUUID(const Aws::String &value);
};

} // namespace Client
} // namespace Aws
