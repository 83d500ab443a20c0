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

class ScanRequest : public DynamoDBRequest {
public:
  ScanRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTableName() const;
  void SetTableName(const Aws::String &value);
  ScanRequest &WithTableName(const Aws::String &value);
  const Aws::String &GetIndexName() const;
  void SetIndexName(const Aws::String &value);
  ScanRequest &WithIndexName(const Aws::String &value);
  int GetLimit() const;
  void SetLimit(int value);
  ScanRequest &WithLimit(int value);
  Select GetSelect() const;
  void SetSelect(Select value);
  ScanRequest &WithSelect(Select value);
  const Aws::Map<Aws::String, AttributeValue> &GetExclusiveStartKey() const;
  void SetExclusiveStartKey(const Aws::Map<Aws::String, AttributeValue> &value);
  ScanRequest &WithExclusiveStartKey(const Aws::Map<Aws::String, AttributeValue> &value);
  ScanRequest &AddExclusiveStartKey(const Aws::String &key, const AttributeValue &value);
  int GetSegment() const;
  void SetSegment(int value);
  ScanRequest &WithSegment(int value);
  int GetTotalSegments() const;
  void SetTotalSegments(int value);
  ScanRequest &WithTotalSegments(int value);
  const Aws::String &GetProjectionExpression() const;
  void SetProjectionExpression(const Aws::String &value);
  ScanRequest &WithProjectionExpression(const Aws::String &value);
  const Aws::String &GetFilterExpression() const;
  void SetFilterExpression(const Aws::String &value);
  ScanRequest &WithFilterExpression(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetExpressionAttributeNames() const;
  void SetExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  ScanRequest &WithExpressionAttributeNames(const Aws::Map<Aws::String, Aws::String> &value);
  ScanRequest &AddExpressionAttributeNames(const Aws::String &key, const Aws::String &value);
  const Aws::Map<Aws::String, AttributeValue> &GetExpressionAttributeValues() const;
  void SetExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  ScanRequest &WithExpressionAttributeValues(const Aws::Map<Aws::String, AttributeValue> &value);
  ScanRequest &AddExpressionAttributeValues(const Aws::String &key, const AttributeValue &value);
  bool GetConsistentRead() const;
  void SetConsistentRead(bool value);
  ScanRequest &WithConsistentRead(bool value);
};

} // namespace Model
} // namespace DynamoDB
} // namespace Aws
