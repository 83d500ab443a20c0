// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/lambda/LambdaServiceClientModel.h>
#include <aws/lambda/model/InvokeRequest.h>

#include <memory>

namespace Aws {
namespace Lambda {
// AWS Lambda's control and invoke API.
class LambdaClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = LambdaClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  LambdaClient(const LambdaClientConfiguration &clientConfiguration = LambdaClientConfiguration(),
               std::shared_ptr<LambdaEndpointProviderBase> endpointProvider = nullptr);
  LambdaClient(const Aws::Auth::AWSCredentials &credentials,
               std::shared_ptr<LambdaEndpointProviderBase> endpointProvider = nullptr,
               const LambdaClientConfiguration &clientConfiguration = LambdaClientConfiguration());
  LambdaClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
               std::shared_ptr<LambdaEndpointProviderBase> endpointProvider = nullptr,
               const LambdaClientConfiguration &clientConfiguration = LambdaClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  LambdaClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  LambdaClient(const Aws::Auth::AWSCredentials &credentials,
               const Aws::Client::ClientConfiguration &clientConfiguration);
  LambdaClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
               const Aws::Client::ClientConfiguration &clientConfiguration);
  ~LambdaClient() override;

  virtual Model::InvokeOutcome Invoke(const Model::InvokeRequest &request) const;
  template <typename InvokeRequestT = Model::InvokeRequest>
  Model::InvokeOutcomeCallable InvokeCallable(const InvokeRequestT &request) const;
  template <typename InvokeRequestT = Model::InvokeRequest>
  void InvokeAsync(
      const InvokeRequestT &request, const InvokeResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace Lambda
} // namespace Aws
