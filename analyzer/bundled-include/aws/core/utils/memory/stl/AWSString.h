// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSAllocator.h>

#include <string>

namespace Aws {

using String = std::basic_string<char, std::char_traits<char>, Aws::Allocator<char>>;
using WString = std::basic_string<wchar_t, std::char_traits<wchar_t>, Aws::Allocator<wchar_t>>;

} // namespace Aws
