// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/ssm/SSMServiceClientModel.h>
#include <aws/ssm/model/GetParameterRequest.h>

#include <memory>

namespace Aws {
namespace SSM {
// AWS Systems Manager (Parameter Store).
class SSMClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = SSMClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  SSMClient(const SSMClientConfiguration &clientConfiguration = SSMClientConfiguration(),
            std::shared_ptr<SSMEndpointProviderBase> endpointProvider = nullptr);
  SSMClient(const Aws::Auth::AWSCredentials &credentials,
            std::shared_ptr<SSMEndpointProviderBase> endpointProvider = nullptr,
            const SSMClientConfiguration &clientConfiguration = SSMClientConfiguration());
  SSMClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            std::shared_ptr<SSMEndpointProviderBase> endpointProvider = nullptr,
            const SSMClientConfiguration &clientConfiguration = SSMClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  SSMClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  SSMClient(const Aws::Auth::AWSCredentials &credentials,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  SSMClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  ~SSMClient() override;

  virtual Model::GetParameterOutcome GetParameter(const Model::GetParameterRequest &request) const;
  template <typename GetParameterRequestT = Model::GetParameterRequest>
  Model::GetParameterOutcomeCallable
  GetParameterCallable(const GetParameterRequestT &request) const;
  template <typename GetParameterRequestT = Model::GetParameterRequest>
  void GetParameterAsync(
      const GetParameterRequestT &request, const GetParameterResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace SSM
} // namespace Aws
