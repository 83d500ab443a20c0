// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/eventbridge/EventBridgeRequest.h>
#include <aws/eventbridge/model/PutEventsRequestEntry.h>

namespace Aws {
namespace EventBridge {
namespace Model {

class PutEventsRequest : public EventBridgeRequest {
public:
  PutEventsRequest();
  const char *GetServiceRequestName() const override;
  const Aws::Vector<PutEventsRequestEntry> &GetEntries() const;
  void SetEntries(const Aws::Vector<PutEventsRequestEntry> &value);
  PutEventsRequest &WithEntries(const Aws::Vector<PutEventsRequestEntry> &value);
  PutEventsRequest &AddEntries(const PutEventsRequestEntry &value);
  const Aws::String &GetEndpointId() const;
  void SetEndpointId(const Aws::String &value);
  PutEventsRequest &WithEndpointId(const Aws::String &value);
};

} // namespace Model
} // namespace EventBridge
} // namespace Aws
