// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/logging/FormattedLogSystem.h>

namespace Aws {
namespace Utils {
namespace Logging {

class ConsoleLogSystem : public FormattedLogSystem {
public:
  using Base = FormattedLogSystem;
  explicit ConsoleLogSystem(LogLevel logLevel);
  ~ConsoleLogSystem() override;
  void Flush() override;

protected:
  void ProcessFormattedStatement(Aws::String &&statement) override;
};

} // namespace Logging
} // namespace Utils
} // namespace Aws
