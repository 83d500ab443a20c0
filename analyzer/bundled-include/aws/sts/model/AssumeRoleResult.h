// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sts/model/AssumedRoleUser.h>
#include <aws/sts/model/Credentials.h>

namespace Aws {
namespace STS {
namespace Model {

class AssumeRoleResult {
public:
  AssumeRoleResult();
  const Credentials &GetCredentials() const;
  const AssumedRoleUser &GetAssumedRoleUser() const;
  int GetPackedPolicySize() const;
  const Aws::String &GetSourceIdentity() const;
};

} // namespace Model
} // namespace STS
} // namespace Aws
