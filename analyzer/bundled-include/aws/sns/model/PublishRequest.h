// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sns/SNSRequest.h>
#include <aws/sns/model/MessageAttributeValue.h>

namespace Aws {
namespace SNS {
namespace Model {

class PublishRequest : public SNSRequest {
public:
  PublishRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetTopicArn() const;
  void SetTopicArn(const Aws::String &value);
  PublishRequest &WithTopicArn(const Aws::String &value);
  const Aws::String &GetTargetArn() const;
  void SetTargetArn(const Aws::String &value);
  PublishRequest &WithTargetArn(const Aws::String &value);
  const Aws::String &GetPhoneNumber() const;
  void SetPhoneNumber(const Aws::String &value);
  PublishRequest &WithPhoneNumber(const Aws::String &value);
  const Aws::String &GetMessage() const;
  void SetMessage(const Aws::String &value);
  PublishRequest &WithMessage(const Aws::String &value);
  const Aws::String &GetSubject() const;
  void SetSubject(const Aws::String &value);
  PublishRequest &WithSubject(const Aws::String &value);
  const Aws::String &GetMessageStructure() const;
  void SetMessageStructure(const Aws::String &value);
  PublishRequest &WithMessageStructure(const Aws::String &value);
  const Aws::Map<Aws::String, MessageAttributeValue> &GetMessageAttributes() const;
  void SetMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  PublishRequest &WithMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  PublishRequest &AddMessageAttributes(const Aws::String &key, const MessageAttributeValue &value);
  const Aws::String &GetMessageDeduplicationId() const;
  void SetMessageDeduplicationId(const Aws::String &value);
  PublishRequest &WithMessageDeduplicationId(const Aws::String &value);
  const Aws::String &GetMessageGroupId() const;
  void SetMessageGroupId(const Aws::String &value);
  PublishRequest &WithMessageGroupId(const Aws::String &value);
};

} // namespace Model
} // namespace SNS
} // namespace Aws
