// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/sts/STSServiceClientModel.h>
#include <aws/sts/model/AssumeRoleRequest.h>
#include <aws/sts/model/GetCallerIdentityRequest.h>

#include <memory>

namespace Aws {
namespace STS {
// AWS STS. Each AssumeRole is a signed round trip for credentials that last an hour by default.
class STSClient : public Aws::Client::AWSXMLClient {
public:
  using BASECLASS = Aws::Client::AWSXMLClient;
  using ClientConfigurationType = STSClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  STSClient(const STSClientConfiguration &clientConfiguration = STSClientConfiguration(),
            std::shared_ptr<STSEndpointProviderBase> endpointProvider = nullptr);
  STSClient(const Aws::Auth::AWSCredentials &credentials,
            std::shared_ptr<STSEndpointProviderBase> endpointProvider = nullptr,
            const STSClientConfiguration &clientConfiguration = STSClientConfiguration());
  STSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            std::shared_ptr<STSEndpointProviderBase> endpointProvider = nullptr,
            const STSClientConfiguration &clientConfiguration = STSClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  STSClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  STSClient(const Aws::Auth::AWSCredentials &credentials,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  STSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  ~STSClient() override;

  virtual Model::AssumeRoleOutcome AssumeRole(const Model::AssumeRoleRequest &request) const;
  template <typename AssumeRoleRequestT = Model::AssumeRoleRequest>
  Model::AssumeRoleOutcomeCallable AssumeRoleCallable(const AssumeRoleRequestT &request) const;
  template <typename AssumeRoleRequestT = Model::AssumeRoleRequest>
  void AssumeRoleAsync(
      const AssumeRoleRequestT &request, const AssumeRoleResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::GetCallerIdentityOutcome
  GetCallerIdentity(const Model::GetCallerIdentityRequest &request) const;
  template <typename GetCallerIdentityRequestT = Model::GetCallerIdentityRequest>
  Model::GetCallerIdentityOutcomeCallable
  GetCallerIdentityCallable(const GetCallerIdentityRequestT &request) const;
  template <typename GetCallerIdentityRequestT = Model::GetCallerIdentityRequest>
  void GetCallerIdentityAsync(
      const GetCallerIdentityRequestT &request,
      const GetCallerIdentityResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace STS
} // namespace Aws
