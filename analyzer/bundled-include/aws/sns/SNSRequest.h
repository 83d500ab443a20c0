// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace SNS {
// The base of SNS's request models.
class SNSRequest : public Aws::AmazonWebServiceRequest {
public:
  ~SNSRequest() override = default;
};
} // namespace SNS
} // namespace Aws
