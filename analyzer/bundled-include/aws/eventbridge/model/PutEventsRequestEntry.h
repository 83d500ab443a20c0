// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/DateTime.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>

namespace Aws {
namespace EventBridge {
namespace Model {

class PutEventsRequestEntry {
public:
  PutEventsRequestEntry();
  const Aws::Utils::DateTime &GetTime() const;
  void SetTime(const Aws::Utils::DateTime &value);
  PutEventsRequestEntry &WithTime(const Aws::Utils::DateTime &value);
  const Aws::String &GetSource() const;
  void SetSource(const Aws::String &value);
  PutEventsRequestEntry &WithSource(const Aws::String &value);
  const Aws::Vector<Aws::String> &GetResources() const;
  void SetResources(const Aws::Vector<Aws::String> &value);
  PutEventsRequestEntry &WithResources(const Aws::Vector<Aws::String> &value);
  PutEventsRequestEntry &AddResources(const Aws::String &value);
  const Aws::String &GetDetailType() const;
  void SetDetailType(const Aws::String &value);
  PutEventsRequestEntry &WithDetailType(const Aws::String &value);
  const Aws::String &GetDetail() const;
  void SetDetail(const Aws::String &value);
  PutEventsRequestEntry &WithDetail(const Aws::String &value);
  const Aws::String &GetEventBusName() const;
  void SetEventBusName(const Aws::String &value);
  PutEventsRequestEntry &WithEventBusName(const Aws::String &value);
  const Aws::String &GetTraceHeader() const;
  void SetTraceHeader(const Aws::String &value);
  PutEventsRequestEntry &WithTraceHeader(const Aws::String &value);
};

} // namespace Model
} // namespace EventBridge
} // namespace Aws
