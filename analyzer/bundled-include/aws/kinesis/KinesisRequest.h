// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace Kinesis {
// The base of Kinesis's request models.
class KinesisRequest : public Aws::AmazonWebServiceRequest {
public:
  ~KinesisRequest() override = default;
};
} // namespace Kinesis
} // namespace Aws
