// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace KMS {
// The base of KMS's request models.
class KMSRequest : public Aws::AmazonWebServiceRequest {
public:
  ~KMSRequest() override = default;
};
} // namespace KMS
} // namespace Aws
