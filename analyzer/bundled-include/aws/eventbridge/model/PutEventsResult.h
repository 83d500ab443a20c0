// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/eventbridge/model/PutEventsResultEntry.h>

namespace Aws {
namespace EventBridge {
namespace Model {

class PutEventsResult {
public:
  PutEventsResult();
  int GetFailedEntryCount() const;
  const Aws::Vector<PutEventsResultEntry> &GetEntries() const;
};

} // namespace Model
} // namespace EventBridge
} // namespace Aws
