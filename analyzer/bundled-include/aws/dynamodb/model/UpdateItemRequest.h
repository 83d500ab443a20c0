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

class UpdateItemRequest : public DynamoDBRequest {
public:
  UpdateItemRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTableName() const;
  void SetTableName(const Aws::String &value);
  UpdateItemRequest &WithTableName(const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetKey() const;
  void SetKey(const Aws::Map<Aws::String, AttributeValue> &value);
  UpdateItemRequest &WithKey(const Aws::Map<Aws::String, AttributeValue> &value);
  UpdateItemRequest &AddKey(const Aws::String &key, const AttributeValue &value);
  ReturnValue GetReturnValues() const;
  void SetReturnValues(ReturnValue value);
  UpdateItemRequest &WithReturnValues(ReturnValue value);
  const Aws::String &GetUpdateExpression() const;
  void SetUpdateExpression(const Aws::String &value);
  UpdateItemRequest &WithUpdateExpression(const Aws::String &value);
  const Aws::String &GetConditionExpression() const;
  void SetConditionExpression(const Aws::String &value);
  UpdateItemRequest &WithConditionExpression(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetExpressionAttributeNames() const;
  void SetExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  UpdateItemRequest &WithExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  UpdateItemRequest &AddExpressionAttributeNames(const Aws::String &key, const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetExpressionAttributeValues() const;
  void SetExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  UpdateItemRequest &
  WithExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  UpdateItemRequest &AddExpressionAttributeValues(const Aws::String &key,
                                                  const AttributeValue &value);
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
