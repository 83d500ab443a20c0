// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSAllocator.h>

#include <functional>
#include <set>

namespace Aws {

template <typename T> using Set = std::set<T, std::less<T>, Aws::Allocator<T>>;

} // namespace Aws
