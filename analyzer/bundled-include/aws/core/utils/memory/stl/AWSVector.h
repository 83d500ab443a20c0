// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSAllocator.h>

#include <vector>

namespace Aws {

template <typename T> using Vector = std::vector<T, Aws::Allocator<T>>;

} // namespace Aws
