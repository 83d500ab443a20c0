// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace SSM {
// The base of SSM's request models.
class SSMRequest : public Aws::AmazonWebServiceRequest {
public:
  ~SSMRequest() override = default;
};
} // namespace SSM
} // namespace Aws
