// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/kms/KMSServiceClientModel.h>
#include <aws/kms/model/DecryptRequest.h>
#include <aws/kms/model/EncryptRequest.h>

#include <memory>

namespace Aws {
namespace KMS {
// AWS Key Management Service.
class KMSClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = KMSClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  KMSClient(const KMSClientConfiguration &clientConfiguration = KMSClientConfiguration(),
            std::shared_ptr<KMSEndpointProviderBase> endpointProvider = nullptr);
  KMSClient(const Aws::Auth::AWSCredentials &credentials,
            std::shared_ptr<KMSEndpointProviderBase> endpointProvider = nullptr,
            const KMSClientConfiguration &clientConfiguration = KMSClientConfiguration());
  KMSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            std::shared_ptr<KMSEndpointProviderBase> endpointProvider = nullptr,
            const KMSClientConfiguration &clientConfiguration = KMSClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  KMSClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  KMSClient(const Aws::Auth::AWSCredentials &credentials,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  KMSClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
            const Aws::Client::ClientConfiguration &clientConfiguration);
  ~KMSClient() override;

  virtual Model::DecryptOutcome Decrypt(const Model::DecryptRequest &request) const;
  template <typename DecryptRequestT = Model::DecryptRequest>
  Model::DecryptOutcomeCallable DecryptCallable(const DecryptRequestT &request) const;
  template <typename DecryptRequestT = Model::DecryptRequest>
  void DecryptAsync(
      const DecryptRequestT &request, const DecryptResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
  virtual Model::EncryptOutcome Encrypt(const Model::EncryptRequest &request) const;
  template <typename EncryptRequestT = Model::EncryptRequest>
  Model::EncryptOutcomeCallable EncryptCallable(const EncryptRequestT &request) const;
  template <typename EncryptRequestT = Model::EncryptRequest>
  void EncryptAsync(
      const EncryptRequestT &request, const EncryptResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace KMS
} // namespace Aws
