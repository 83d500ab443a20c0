// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/auth/AWSCredentials.h>
#include <aws/core/auth/AWSCredentialsProvider.h>
#include <aws/core/client/AWSClient.h>
#include <aws/core/client/ClientConfiguration.h>
#include <aws/eventbridge/EventBridgeServiceClientModel.h>
#include <aws/eventbridge/model/PutEventsRequest.h>

#include <memory>

namespace Aws {
namespace EventBridge {
// Amazon EventBridge.
class EventBridgeClient : public Aws::Client::AWSJsonClient {
public:
  using BASECLASS = Aws::Client::AWSJsonClient;
  using ClientConfigurationType = EventBridgeClientConfiguration;
  static const char *GetServiceName();
  static const char *GetAllocationTag();

  EventBridgeClient(
      const EventBridgeClientConfiguration &clientConfiguration = EventBridgeClientConfiguration(),
      std::shared_ptr<EventBridgeEndpointProviderBase> endpointProvider = nullptr);
  EventBridgeClient(
      const Aws::Auth::AWSCredentials &credentials,
      std::shared_ptr<EventBridgeEndpointProviderBase> endpointProvider = nullptr,
      const EventBridgeClientConfiguration &clientConfiguration = EventBridgeClientConfiguration());
  EventBridgeClient(
      const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
      std::shared_ptr<EventBridgeEndpointProviderBase> endpointProvider = nullptr,
      const EventBridgeClientConfiguration &clientConfiguration = EventBridgeClientConfiguration());
  // The constructors of earlier releases, which take the general configuration.
  EventBridgeClient(const Aws::Client::ClientConfiguration &clientConfiguration);
  EventBridgeClient(const Aws::Auth::AWSCredentials &credentials,
                    const Aws::Client::ClientConfiguration &clientConfiguration);
  EventBridgeClient(const std::shared_ptr<Aws::Auth::AWSCredentialsProvider> &credentialsProvider,
                    const Aws::Client::ClientConfiguration &clientConfiguration);
  ~EventBridgeClient() override;

  virtual Model::PutEventsOutcome PutEvents(const Model::PutEventsRequest &request) const;
  template <typename PutEventsRequestT = Model::PutEventsRequest>
  Model::PutEventsOutcomeCallable PutEventsCallable(const PutEventsRequestT &request) const;
  template <typename PutEventsRequestT = Model::PutEventsRequest>
  void PutEventsAsync(
      const PutEventsRequestT &request, const PutEventsResponseReceivedHandler &handler,
      const std::shared_ptr<const Aws::Client::AsyncCallerContext> &context = nullptr) const;
};
} // namespace EventBridge
} // namespace Aws
