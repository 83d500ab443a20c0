// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/logging/LogLevel.h>
#include <aws/core/utils/memory/stl/AWSStringStream.h>

#include <cstdarg>

namespace Aws {
namespace Utils {
namespace Logging {

// The interface a logger installed through SDKOptions::loggingOptions.logger_create_fn implements.
class LogSystemInterface {
public:
  virtual ~LogSystemInterface() = default;
  virtual LogLevel GetLogLevel() const = 0;
  virtual void Log(LogLevel logLevel, const char *tag, const char *formatStr, ...) = 0;
  virtual void vaLog(LogLevel logLevel, const char *tag, const char *formatStr, va_list args) = 0;
  virtual void LogStream(LogLevel logLevel, const char *tag,
                         const Aws::OStringStream &messageStream) = 0;
  virtual void Flush() = 0;
};

} // namespace Logging
} // namespace Utils
} // namespace Aws
