// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSAllocator.h>

#include <sstream>

namespace Aws {

using StringStream = std::basic_stringstream<char, std::char_traits<char>, Aws::Allocator<char>>;
using IStringStream = std::basic_istringstream<char, std::char_traits<char>, Aws::Allocator<char>>;
using OStringStream = std::basic_ostringstream<char, std::char_traits<char>, Aws::Allocator<char>>;

} // namespace Aws
