// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace STS {
namespace Model {

class AssumedRoleUser {
public:
  AssumedRoleUser();
  const Aws::String &GetAssumedRoleId() const;
  void SetAssumedRoleId(const Aws::String &value);
  AssumedRoleUser &WithAssumedRoleId(const Aws::String &value);
  const Aws::String &GetArn() const;
  void SetArn(const Aws::String &value);
  AssumedRoleUser &WithArn(const Aws::String &value);
};

} // namespace Model
} // namespace STS
} // namespace Aws
