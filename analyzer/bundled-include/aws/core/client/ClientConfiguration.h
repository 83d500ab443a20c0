// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/Region.h>
#include <aws/core/http/HttpTypes.h>
#include <aws/core/http/Scheme.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {
namespace Utils {
namespace Threading {
class Executor;
} // namespace Threading
} // namespace Utils

namespace Client {

class RetryStrategy;

enum class FollowRedirectsPolicy { DEFAULT, ALWAYS, NEVER };

struct ClientConfigurationInitValues {
  bool shouldDisableIMDS = false;
};

// The settings every service client is built from. The default constructor can query the
// instance metadata service for the region.
struct ClientConfiguration {
  ClientConfiguration();
  ClientConfiguration(const ClientConfigurationInitValues &configuration);
  ClientConfiguration(const char *profileName, bool shouldDisableIMDS = false);
  explicit ClientConfiguration(bool useSmartDefaults, const char *defaultMode = "legacy",
                               bool shouldDisableIMDS = false);
  virtual ~ClientConfiguration() = default;

  Aws::String userAgent;
  Aws::Http::Scheme scheme;
  Aws::String region;
  bool useDualStack = false;
  bool useFIPS = false;
  unsigned maxConnections = 25;
  long httpRequestTimeoutMs = 0;
  long requestTimeoutMs = 0;
  long connectTimeoutMs = 1000;
  bool enableTcpKeepAlive = true;
  unsigned long tcpKeepAliveIntervalMs = 30000;
  unsigned long lowSpeedLimit = 1;
  std::shared_ptr<RetryStrategy> retryStrategy;
  Aws::String endpointOverride;
  bool allowSystemProxy = false;
  Aws::Http::Scheme proxyScheme;
  Aws::String proxyHost;
  unsigned proxyPort = 0;
  Aws::String proxyUserName;
  Aws::String proxyPassword;
  std::shared_ptr<Aws::Utils::Threading::Executor> executor;
  bool verifySSL = true;
  Aws::String caPath;
  Aws::String caFile;
  Aws::Http::TransferLibType httpLibOverride;
  FollowRedirectsPolicy followRedirects;
  bool disableExpectHeader = false;
  bool enableClockSkewAdjustment = true;
  bool enableHostPrefixInjection = true;
  bool enableHttpClientTrace = false;
  Aws::String profileName;
  bool disableIMDS = false;
};

} // namespace Client
} // namespace Aws
