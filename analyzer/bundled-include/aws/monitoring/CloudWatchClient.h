// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/monitoring/CloudWatchServiceClientModel.h>
#include <aws/monitoring/model/PutMetricDataRequest.h>

#include <memory>

namespace Aws {
namespace CloudWatch {
// Amazon CloudWatch (metrics).
class CloudWatchClient : public Aws::Client::AWSXMLClient {
public:
  using BASECLASS = Aws::Client::AWSXMLClient;
  using ClientConfigurationType = CloudWatchClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  CloudWatchClient(
      const CloudWatchClientConfiguration &clientConfiguration = CloudWatchClientConfiguration(),
      std::shared_ptr<CloudWatchEndpointProviderBase> endpointProvider = nullptr);
  CloudWatchClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<CloudWatchEndpointProviderBase> endpointProvider = nullptr,
      const CloudWatchClientConfiguration &clientConfiguration = CloudWatchClientConfiguration());
  CloudWatchClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<CloudWatchEndpointProviderBase> endpointProvider = nullptr,
      const CloudWatchClientConfiguration &clientConfiguration = CloudWatchClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  CloudWatchClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  CloudWatchClient(const Aws::Auth::AWSCredentials &credentials,
                   const Aws::Client::ClientConfiguration &clientConfiguration);
  CloudWatchClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
                   const Aws::Client::ClientConfiguration &clientConfiguration);
  ~CloudWatchClient() override;

  virtual Model::PutMetricDataOutcome
  PutMetricData(const Model::PutMetricDataRequest &request) const;
  template <typename PutMetricDataRequestT = Model::PutMetricDataRequest>
  Model::PutMetricDataOutcomeCallable
  PutMetricDataCallable(const PutMetricDataRequestT &request) const;
  template <typename PutMetricDataRequestT = Model::PutMetricDataRequest>
  void PutMetricDataAsync(
      const PutMetricDataRequestT &request, const PutMetricDataResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace CloudWatch
} // namespace Aws
