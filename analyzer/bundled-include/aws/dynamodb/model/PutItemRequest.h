// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/dynamodb/DynamoDBRequest.h>
#include <aws/dynamodb/model/AttributeValue.h>
#include <aws/dynamodb/model/ReturnValue.h>

namespace Aws {
namespace DynamoDB {
namespace Model {

class PutItemRequest : public DynamoDBRequest {
public:
  PutItemRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTableName() const;
  void SetTableName(const Aws::String &value);
  PutItemRequest &WithTableName(const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetItem() const;
  void SetItem(const Aws::Map<Aws::String, AttributeValue> &value);
  PutItemRequest &WithItem(const Aws::Map<Aws::String, AttributeValue> &value);
  PutItemRequest &AddItem(const Aws::String &key, const AttributeValue &value);
  const Aws::String &GetConditionExpression() const;
  void SetConditionExpression(const Aws::String &value);
  PutItemRequest &WithConditionExpression(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetExpressionAttributeNames() const;
  void SetExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  PutItemRequest &WithExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  PutItemRequest &AddExpressionAttributeNames(const Aws::String &key, const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetExpressionAttributeValues() const;
  void SetExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  PutItemRequest &WithExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  PutItemRequest &AddExpressionAttributeValues(const Aws::String &key, const AttributeValue &value);
  ReturnValue GetReturnValues() const;
  void SetReturnValues(ReturnValue value);
  PutItemRequest &WithReturnValues(ReturnValue value);
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
