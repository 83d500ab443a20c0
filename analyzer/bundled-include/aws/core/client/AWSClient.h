// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/client/AWSError.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/core/client/CoreErrors.h>
#include <aws/core/utils/memory/AWSMemory.h>

#include <memory>

namespace Aws {
namespace Auth {
class AWSAuthSignerProvider;
} // namespace Auth

namespace Client {

class AWSAuthSigner;
class AWSErrorMarshaller;

// The base of every service client: it owns the HTTP client, the signer and the credentials
// provider.
class AWSClient {
public:
  AWSClient(const Aws::Client::ClientConfiguration &configuration,
            const std::shared_ptr<Aws::Client::AWSAuthSigner> &signer,
            const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  AWSClient(const Aws::Client::ClientConfiguration &configuration,
            const std::shared_ptr<Aws::Auth::AWSAuthSignerProvider> &signerProvider,
            const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  virtual ~AWSClient();

  void DisableRequestProcessing();
  void EnableRequestProcessing();
  virtual const char *GetServiceClientName() const;
  virtual void SetServiceClientName(const Aws::String &name);
};

// The base of the clients of JSON protocol services.
class AWSJsonClient : public AWSClient {
public:
  AWSJsonClient(const Aws::Client::ClientConfiguration &configuration,
                const std::shared_ptr<Aws::Client::AWSAuthSigner> &signer,
                const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  AWSJsonClient(const Aws::Client::ClientConfiguration &configuration,
                const std::shared_ptr<Aws::Auth::AWSAuthSignerProvider> &signerProvider,
                const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  ~AWSJsonClient() override;
};

// The base of the clients of XML and query protocol services.
class AWSXMLClient : public AWSClient {
public:
  AWSXMLClient(const Aws::Client::ClientConfiguration &configuration,
               const std::shared_ptr<Aws::Client::AWSAuthSigner> &signer,
               const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  AWSXMLClient(const Aws::Client::ClientConfiguration &configuration,
               const std::shared_ptr<Aws::Auth::AWSAuthSignerProvider> &signerProvider,
               const std::shared_ptr<AWSErrorMarshaller> &errorMarshaller);
  ~AWSXMLClient() override;
};

} // namespace Client
} // namespace Aws
