// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sqs/SQSRequest.h>
#include <aws/sqs/model/MessageAttributeValue.h>

namespace Aws {
namespace SQS {
namespace Model {

class SendMessageRequest : public SQSRequest {
public:
  SendMessageRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetQueueUrl() const;
  void SetQueueUrl(const Aws::String &value);
  SendMessageRequest &WithQueueUrl(const Aws::String &value);
  const Aws::String &GetMessageBody() const;
  void SetMessageBody(const Aws::String &value);
  SendMessageRequest &WithMessageBody(const Aws::String &value);
  int GetDelaySeconds() const;
  void SetDelaySeconds(int value);
  SendMessageRequest &WithDelaySeconds(int value);
  const Aws::Map<Aws::String, MessageAttributeValue> &GetMessageAttributes() const;
  void SetMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  SendMessageRequest &
  WithMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  SendMessageRequest &AddMessageAttributes(const Aws::String &key,
                                           const MessageAttributeValue &value);
  const Aws::String &GetMessageDeduplicationId() const;
  void SetMessageDeduplicationId(const Aws::String &value);
  SendMessageRequest &WithMessageDeduplicationId(const Aws::String &value);
  const Aws::String &GetMessageGroupId() const;
  void SetMessageGroupId(const Aws::String &value);
  SendMessageRequest &WithMessageGroupId(const Aws::String &value);
};

} // namespace Model
} // namespace SQS
} // namespace Aws
