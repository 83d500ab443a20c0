// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Environment {

// The value of an environment variable, empty when it is not set.
Aws::String GetEnv(const char *name);

} // namespace Environment
} // namespace Aws
