// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace Lambda {
// The base of Lambda's request models.
class LambdaRequest : public Aws::AmazonWebServiceRequest {
public:
  ~LambdaRequest() override = default;
};
} // namespace Lambda
} // namespace Aws
