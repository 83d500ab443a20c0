// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace STS {
// The base of STS's request models.
class STSRequest : public Aws::AmazonWebServiceRequest {
public:
  ~STSRequest() override = default;
};
} // namespace STS
} // namespace Aws
