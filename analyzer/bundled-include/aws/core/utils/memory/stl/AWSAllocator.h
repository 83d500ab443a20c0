// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/AWSMemory.h>

#include <memory>

namespace Aws {

// Without custom memory management (the default build) the SDK's allocator is std::allocator,
// so Aws::String is std::string and the SDK containers are the standard ones.
template <typename T> using Allocator = std::allocator<T>;

} // namespace Aws
