// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/NoResult.h>
#include <aws/core/client/AWSError.h>
#include <aws/core/client/AsyncCallerContext.h>
#include <aws/core/client/GenericClientConfiguration.h>
#include <aws/core/utils/Outcome.h>
#include <aws/eventbridge/EventBridgeErrors.h>
#include <aws/eventbridge/model/PutEventsResult.h>

#include <functional>
#include <future>
#include <memory>

namespace Aws {
namespace EventBridge {
namespace Endpoint {
class EventBridgeEndpointProviderBase;
} // namespace Endpoint

using EventBridgeClientConfiguration = Aws::Client::GenericClientConfiguration;
using EventBridgeEndpointProviderBase = Endpoint::EventBridgeEndpointProviderBase;

class EventBridgeClient;

namespace Model {
class PutEventsRequest;

using PutEventsOutcome = Aws::Utils::Outcome<PutEventsResult, EventBridge::EventBridgeError>;
using PutEventsOutcomeCallable = std::future<PutEventsOutcome>;
} // namespace Model

using PutEventsResponseReceivedHandler = std::function<void(
    const EventBridgeClient *, const Model::PutEventsRequest &, const Model::PutEventsOutcome &,
    const std::shared_ptr<const Aws::Client::AsyncCallerContext> &)>;
} // namespace EventBridge
} // namespace Aws
