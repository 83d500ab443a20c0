// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace SQS {
// The base of SQS's request models.
class SQSRequest : public Aws::AmazonWebServiceRequest {
public:
  ~SQSRequest() override = default;
};
} // namespace SQS
} // namespace Aws
