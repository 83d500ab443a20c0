// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace Firehose {
// The base of Firehose's request models.
class FirehoseRequest : public Aws::AmazonWebServiceRequest {
public:
  ~FirehoseRequest() override = default;
};
} // namespace Firehose
} // namespace Aws
