// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace EventBridge {
namespace Model {

class PutEventsResultEntry {
public:
  PutEventsResultEntry();
  const Aws::String &GetEventId() const;
  void SetEventId(const Aws::String &value);
  PutEventsResultEntry &WithEventId(const Aws::String &value);
  const Aws::String &GetErrorCode() const;
  void SetErrorCode(const Aws::String &value);
  PutEventsResultEntry &WithErrorCode(const Aws::String &value);
  const Aws::String &GetErrorMessage() const;
  void SetErrorMessage(const Aws::String &value);
  PutEventsResultEntry &WithErrorMessage(const Aws::String &value);
};

} // namespace Model
} // namespace EventBridge
} // namespace Aws
