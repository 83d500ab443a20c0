// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/dynamodb/DynamoDBRequest.h>
#include <aws/dynamodb/model/AttributeValue.h>

namespace Aws {
namespace DynamoDB {
namespace Model {

class GetItemRequest : public DynamoDBRequest {
public:
  GetItemRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTableName() const;
  void SetTableName(const Aws::String &value);
  GetItemRequest &WithTableName(const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetKey() const;
  void SetKey(const Aws::Map<Aws::String, AttributeValue> &value);
  GetItemRequest &WithKey(const Aws::Map<Aws::String, AttributeValue> &value);
  GetItemRequest &AddKey(const Aws::String &key, const AttributeValue &value);
  bool GetConsistentRead() const;
  void SetConsistentRead(bool value);
  GetItemRequest &WithConsistentRead(bool value);
  const Aws::String &GetProjectionExpression() const;
  void SetProjectionExpression(const Aws::String &value);
  GetItemRequest &WithProjectionExpression(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetExpressionAttributeNames() const;
  void SetExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  GetItemRequest &WithExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  GetItemRequest &AddExpressionAttributeNames(const Aws::String &key, const Aws::String &value);
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
