// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/sqs/SQSRequest.h>

namespace Aws {
namespace SQS {
namespace Model {

class ReceiveMessageRequest : public SQSRequest {
public:
  ReceiveMessageRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetQueueUrl() const;
  void SetQueueUrl(const Aws::String &value);
  ReceiveMessageRequest &WithQueueUrl(const Aws::String &value);
  const Aws::Vector<Aws::String> &GetMessageAttributeNames() const;
  void SetMessageAttributeNames(const Aws::Vector<Aws::String> &value);
  ReceiveMessageRequest &WithMessageAttributeNames(const Aws::Vector<Aws::String> &value);
  ReceiveMessageRequest &AddMessageAttributeNames(const Aws::String &value);
  int GetMaxNumberOfMessages() const;
  void SetMaxNumberOfMessages(int value);
  ReceiveMessageRequest &WithMaxNumberOfMessages(int value);
  int GetVisibilityTimeout() const;
  void SetVisibilityTimeout(int value);
  ReceiveMessageRequest &WithVisibilityTimeout(int value);
  int GetWaitTimeSeconds() const;
  void SetWaitTimeSeconds(int value);
  ReceiveMessageRequest &WithWaitTimeSeconds(int value);
  const Aws::String &GetReceiveRequestAttemptId() const;
  void SetReceiveRequestAttemptId(const Aws::String &value);
  ReceiveMessageRequest &WithReceiveRequestAttemptId(const Aws::String &value);
};

} // namespace Model
} // namespace SQS
} // namespace Aws
