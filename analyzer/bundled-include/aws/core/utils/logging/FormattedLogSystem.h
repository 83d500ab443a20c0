// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/logging/LogSystemInterface.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Utils {
namespace Logging {

class FormattedLogSystem : public LogSystemInterface {
public:
  explicit FormattedLogSystem(LogLevel logLevel);
  ~FormattedLogSystem() override;
  LogLevel GetLogLevel() const override;
  void SetLogLevel(LogLevel logLevel);
  void Log(LogLevel logLevel, const char *tag, const char *formatStr, ...) override;
  void vaLog(LogLevel logLevel, const char *tag, const char *formatStr, va_list args) override;
  void LogStream(LogLevel logLevel, const char *tag,
                 const Aws::OStringStream &messageStream) override;

protected:
  virtual void ProcessFormattedStatement(Aws::String &&statement) = 0;
};

} // namespace Logging
} // namespace Utils
} // namespace Aws
