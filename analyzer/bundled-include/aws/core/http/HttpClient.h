// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <memory>

namespace Aws {
namespace Utils {
namespace RateLimits {
class RateLimiterInterface;
} // namespace RateLimits
} // namespace Utils

namespace Http {

class HttpRequest;
class HttpResponse;

// Sends requests; the curl-based one keeps a pool of connections.
class HttpClient {
public:
  HttpClient();
  virtual ~HttpClient() = default;
  virtual std::shared_ptr<HttpResponse>
  MakeRequest(const std::shared_ptr<HttpRequest> &request,
              Aws::Utils::RateLimits::RateLimiterInterface *readLimiter = nullptr,
              Aws::Utils::RateLimits::RateLimiterInterface *writeLimiter = nullptr) const = 0;
  void DisableRequestProcessing();
  void EnableRequestProcessing();
  bool IsRequestProcessingEnabled() const;
};

} // namespace Http
} // namespace Aws
