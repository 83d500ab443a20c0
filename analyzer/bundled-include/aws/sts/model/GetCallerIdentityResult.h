// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace STS {
namespace Model {

class GetCallerIdentityResult {
public:
  GetCallerIdentityResult();
  const Aws::String &GetUserId() const;
  const Aws::String &GetAccount() const;
  const Aws::String &GetArn() const;
};

} // namespace Model
} // namespace STS
} // namespace Aws
