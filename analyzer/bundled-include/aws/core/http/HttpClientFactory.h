// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/http/HttpClient.h>
#include <aws/core/http/HttpTypes.h>
#include <aws/core/utils/memory/stl/AWSString.h>

#include <memory>

namespace Aws {
namespace Client {
struct ClientConfiguration;
} // namespace Client

namespace Http {

class HttpRequest;

// Builds the HTTP clients the service clients use; one can be installed through
// SDKOptions::httpOptions.httpClientFactory_create_fn.
class HttpClientFactory {
public:
  virtual ~HttpClientFactory() = default;
  virtual std::shared_ptr<HttpClient>
  CreateHttpClient(const Aws::Client::ClientConfiguration &clientConfiguration) const = 0;
  virtual std::shared_ptr<HttpRequest> CreateHttpRequest(const Aws::String &uri,
                                                         HttpMethod method) const;
  virtual void InitStaticState() {}
  virtual void CleanupStaticState() {}
};

void InitHttp();
void CleanupHttp();
void SetHttpClientFactory(const std::shared_ptr<HttpClientFactory> &factory);
std::shared_ptr<HttpClient>
CreateHttpClient(const Aws::Client::ClientConfiguration &clientConfiguration);

} // namespace Http
} // namespace Aws
