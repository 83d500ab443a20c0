// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/dynamodb/DynamoDBRequest.h>
#include <aws/dynamodb/model/AttributeValue.h>
#include <aws/dynamodb/model/Select.h>

namespace Aws {
namespace DynamoDB {
namespace Model {

class QueryRequest : public DynamoDBRequest {
public:
  QueryRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTableName() const;
  void SetTableName(const Aws::String &value);
  QueryRequest &WithTableName(const Aws::String &value);
  const Aws::String &GetIndexName() const;
  void SetIndexName(const Aws::String &value);
  QueryRequest &WithIndexName(const Aws::String &value);
  Select GetSelect() const;
  void SetSelect(Select value);
  QueryRequest &WithSelect(Select value);
  int GetLimit() const;
  void SetLimit(int value);
  QueryRequest &WithLimit(int value);
  bool GetConsistentRead() const;
  void SetConsistentRead(bool value);
  QueryRequest &WithConsistentRead(bool value);
  bool GetScanIndexForward() const;
  void SetScanIndexForward(bool value);
  QueryRequest &WithScanIndexForward(bool value);
  const Aws::Map<Aws::String, AttributeValue> &GetExclusiveStartKey() const;
  void SetExclusiveStartKey(const Aws::Map<Aws::String, AttributeValue> &value);
  QueryRequest &WithExclusiveStartKey(const Aws::Map<Aws::String, AttributeValue> &value);
  QueryRequest &AddExclusiveStartKey(const Aws::String &key, const AttributeValue &value);
  const Aws::String &GetProjectionExpression() const;
  void SetProjectionExpression(const Aws::String &value);
  QueryRequest &WithProjectionExpression(const Aws::String &value);
  const Aws::String &GetFilterExpression() const;
  void SetFilterExpression(const Aws::String &value);
  QueryRequest &WithFilterExpression(const Aws::String &value);
  const Aws::String &GetKeyConditionExpression() const;
  void SetKeyConditionExpression(const Aws::String &value);
  QueryRequest &WithKeyConditionExpression(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetExpressionAttributeNames() const;
  void SetExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  QueryRequest &WithExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  QueryRequest &AddExpressionAttributeNames(const Aws::String &key, const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetExpressionAttributeValues() const;
  void SetExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  QueryRequest &WithExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  QueryRequest &AddExpressionAttributeValues(const Aws::String &key, const AttributeValue &value);
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
