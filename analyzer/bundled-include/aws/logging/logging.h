// Minimal declarations of aws-lambda-cpp's public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <cstdarg>
#include <cstdint>

namespace aws {
namespace logging {

enum class verbosity : std::uint8_t { error, info, debug };

void log(verbosity v, char const *tag, char const *msg, va_list args);
[[gnu::format(printf, 2, 3)]] void log_error(char const *tag, char const *msg, ...);
[[gnu::format(printf, 2, 3)]] void log_info(char const *tag, char const *msg, ...);
[[gnu::format(printf, 2, 3)]] void log_debug(char const *tag, char const *msg, ...);

} // namespace logging
} // namespace aws
