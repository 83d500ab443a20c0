// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace EventBridge {
// The base of EventBridge's request models.
class EventBridgeRequest : public Aws::AmazonWebServiceRequest {
public:
  ~EventBridgeRequest() override = default;
};
} // namespace EventBridge
} // namespace Aws
