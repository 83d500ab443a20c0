// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/sns/SNSServiceClientModel.h>
#include <aws/sns/model/PublishRequest.h>

#include <memory>

namespace Aws {
namespace SNS {
// Amazon SNS.
class SNSClient : public Aws::Client::AWSXMLClient {
public:
  using BASECLASS = Aws::Client::AWSXMLClient;
  using ClientConfigurationType = SNSClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  SNSClient(const SNSClientConfiguration &clientConfiguration = SNSClientConfiguration(),
            std::shared_ptr<SNSEndpointProviderBase> endpointProvider = nullptr);
  SNSClient(const Aws::Auth::AWSCredentials &credentials,
            std::shared_ptr<SNSEndpointProviderBase> endpointProvider = nullptr,
            const SNSClientConfiguration &clientConfiguration = SNSClientConfiguration());
  SNSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            std::shared_ptr<SNSEndpointProviderBase> endpointProvider = nullptr,
            const SNSClientConfiguration &clientConfiguration = SNSClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  SNSClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  SNSClient(const Aws::Auth::AWSCredentials &credentials,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  SNSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  ~SNSClient() override;

  virtual Model::PublishOutcome Publish(const Model::PublishRequest &request) const;
  template <typename PublishRequestT = Model::PublishRequest>
  Model::PublishOutcomeCallable PublishCallable(const PublishRequestT &request) const;
  template <typename PublishRequestT = Model::PublishRequest>
  void PublishAsync(
      const PublishRequestT &request, const PublishResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace SNS
} // namespace Aws
