// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace S3 {
// The base of S3's request models.
class S3Request : public Aws::AmazonWebServiceRequest {
public:
  ~S3Request() override = default;
};
} // namespace S3
} // namespace Aws
