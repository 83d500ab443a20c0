// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/AmazonWebServiceRequest.h>

namespace Aws {
namespace DynamoDB {
// The base of DynamoDB's request models.
class DynamoDBRequest : public Aws::AmazonWebServiceRequest {
public:
  ~DynamoDBRequest() override = default;
};
} // namespace DynamoDB
} // namespace Aws
