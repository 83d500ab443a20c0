// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/kinesis/KinesisServiceClientModel.h>
#include <aws/kinesis/model/PutRecordRequest.h>

#include <memory>

namespace Aws {
namespace Kinesis {
// Amazon Kinesis Data Streams.
class KinesisClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = KinesisClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  KinesisClient(
      const KinesisClientConfiguration &clientConfiguration = KinesisClientConfiguration(),
      std::shared_ptr<KinesisEndpointProviderBase> endpointProvider = nullptr);
  KinesisClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<KinesisEndpointProviderBase> endpointProvider = nullptr,
      const KinesisClientConfiguration &clientConfiguration = KinesisClientConfiguration());
  KinesisClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<KinesisEndpointProviderBase> endpointProvider = nullptr,
      const KinesisClientConfiguration &clientConfiguration = KinesisClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  KinesisClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  KinesisClient(const Aws::Auth::AWSCredentials &credentials,
                const Aws::Client::ClientConfiguration &clientConfiguration);
  KinesisClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
                const Aws::Client::ClientConfiguration &clientConfiguration);
  ~KinesisClient() override;

  virtual Model::PutRecordOutcome PutRecord(const Model::PutRecordRequest &request) const;
  template <typename PutRecordRequestT = Model::PutRecordRequest>
  Model::PutRecordOutcomeCallable PutRecordCallable(const PutRecordRequestT &request) const;
  template <typename PutRecordRequestT = Model::PutRecordRequest>
  void PutRecordAsync(
      const PutRecordRequestT &request, const PutRecordResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace Kinesis
} // namespace Aws
