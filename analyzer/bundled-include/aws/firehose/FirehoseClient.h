// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/firehose/FirehoseServiceClientModel.h>
#include <aws/firehose/model/PutRecordRequest.h>

#include <memory>

namespace Aws {
namespace Firehose {
// Amazon Data Firehose.
class FirehoseClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = FirehoseClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  FirehoseClient(
      const FirehoseClientConfiguration &clientConfiguration = FirehoseClientConfiguration(),
      std::shared_ptr<FirehoseEndpointProviderBase> endpointProvider = nullptr);
  FirehoseClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<FirehoseEndpointProviderBase> endpointProvider = nullptr,
      const FirehoseClientConfiguration &clientConfiguration = FirehoseClientConfiguration());
  FirehoseClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<FirehoseEndpointProviderBase> endpointProvider = nullptr,
      const FirehoseClientConfiguration &clientConfiguration = FirehoseClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  FirehoseClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  FirehoseClient(const Aws::Auth::AWSCredentials &credentials,
                 const Aws::Client::ClientConfiguration &clientConfiguration);
  FirehoseClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
                 const Aws::Client::ClientConfiguration &clientConfiguration);
  ~FirehoseClient() override;

  virtual Model::PutRecordOutcome PutRecord(const Model::PutRecordRequest &request) const;
  template <typename PutRecordRequestT = Model::PutRecordRequest>
  Model::PutRecordOutcomeCallable PutRecordCallable(const PutRecordRequestT &request) const;
  template <typename PutRecordRequestT = Model::PutRecordRequest>
  void PutRecordAsync(
      const PutRecordRequestT &request, const PutRecordResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace Firehose
} // namespace Aws
