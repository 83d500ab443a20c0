// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace SecretsManager {
// The base of SecretsManager's request models.
class SecretsManagerRequest : public Aws::AmazonWebServiceRequest {
public:
  ~SecretsManagerRequest() override = default;
};
} // namespace SecretsManager
} // namespace Aws
