// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace CloudWatch {
// The base of CloudWatch's request models.
class CloudWatchRequest : public Aws::AmazonWebServiceRequest {
public:
  ~CloudWatchRequest() override = default;
};
} // namespace CloudWatch
} // namespace Aws
