// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace CloudWatch {
namespace Model {

class Dimension {
public:
  Dimension();
  const Aws::String &GetName() const;
  void SetName(const Aws::String &value);
  Dimension &WithName(const Aws::String &value);
  const Aws::String &GetValue() const;
  void SetValue(const Aws::String &value);
  Dimension &WithValue(const Aws::String &value);
};

} // namespace Model
} // namespace CloudWatch
} // namespace Aws
