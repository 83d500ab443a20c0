// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/sts/STSRequest.h>

namespace Aws {
namespace STS {
namespace Model {

class GetCallerIdentityRequest : public STSRequest {
public:
  GetCallerIdentityRequest();
  const char *GetServiceRequestName() const override;
};

} // namespace Model
} // namespace STS
} // namespace Aws
