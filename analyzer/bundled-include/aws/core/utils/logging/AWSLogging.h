// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/logging/LogSystemInterface.h>

#include <memory>

namespace Aws {
namespace Utils {
namespace Logging {

void InitializeAWSLogging(const std::shared_ptr<LogSystemInterface> &logSystem);
void ShutdownAWSLogging();
LogSystemInterface *GetLogSystem();

} // namespace Logging
} // namespace Utils
} // namespace Aws
