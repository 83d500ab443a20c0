// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/secretsmanager/SecretsManagerServiceClientModel.h>
#include <aws/secretsmanager/model/GetSecretValueRequest.h>

#include <memory>

namespace Aws {
namespace SecretsManager {
// AWS Secrets Manager.
class SecretsManagerClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = SecretsManagerClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  SecretsManagerClient(
      const SecretsManagerClientConfiguration &clientConfiguration =
          SecretsManagerClientConfiguration(),
      std::shared_ptr<SecretsManagerEndpointProviderBase> endpointProvider = nullptr);
  SecretsManagerClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<SecretsManagerEndpointProviderBase> endpointProvider = nullptr,
      const SecretsManagerClientConfiguration &clientConfiguration =
          SecretsManagerClientConfiguration());
  SecretsManagerClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<SecretsManagerEndpointProviderBase> endpointProvider = nullptr,
      const SecretsManagerClientConfiguration &clientConfiguration =
          SecretsManagerClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  SecretsManagerClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  SecretsManagerClient(const Aws::Auth::AWSCredentials &credentials,
                       const Aws::Client::ClientConfiguration &clientConfiguration);
  SecretsManagerClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      const Aws::Client::ClientConfiguration &clientConfiguration);
  ~SecretsManagerClient() override;

  virtual Model::GetSecretValueOutcome
  GetSecretValue(const Model::GetSecretValueRequest &request) const;
  template <typename GetSecretValueRequestT = Model::GetSecretValueRequest>
  Model::GetSecretValueOutcomeCallable
  GetSecretValueCallable(const GetSecretValueRequestT &request) const;
  template <typename GetSecretValueRequestT = Model::GetSecretValueRequest>
  void GetSecretValueAsync(
      const GetSecretValueRequestT &request, const GetSecretValueResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace SecretsManager
} // namespace Aws
