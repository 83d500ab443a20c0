// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/dynamodb/model/AttributeValue.h>

namespace Aws {
namespace DynamoDB {
namespace Model {

class GetItemResult {
public:
  GetItemResult();
  const Aws::Map<Aws::String, AttributeValue> &GetItem() const;
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
