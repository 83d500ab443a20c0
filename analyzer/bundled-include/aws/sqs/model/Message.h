// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSMap.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sqs/model/MessageAttributeValue.h>

namespace Aws {
namespace SQS {
namespace Model {

class Message {
public:
  Message();
  const Aws::String &GetMessageId() const;
  void SetMessageId(const Aws::String &value);
  Message &WithMessageId(const Aws::String &value);
  const Aws::String &GetReceiptHandle() const;
  void SetReceiptHandle(const Aws::String &value);
  Message &WithReceiptHandle(const Aws::String &value);
  const Aws::String &GetMD5OfBody() const;
  void SetMD5OfBody(const Aws::String &value);
  Message &WithMD5OfBody(const Aws::String &value);
  const Aws::String &GetBody() const;
  void SetBody(const Aws::String &value);
  Message &WithBody(const Aws::String &value);
  const Aws::Map<Aws::String, Aws::String> &GetAttributes() const;
  void SetAttributes(const Aws::Map<Aws::String, Aws::String> &value);
  Message &WithAttributes(const Aws::Map<Aws::String, Aws::String> &value);
  Message &AddAttributes(const Aws::String &key, const Aws::String &value);
  const Aws::Map<Aws::String, MessageAttributeValue> &GetMessageAttributes() const;
  void SetMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  Message &WithMessageAttributes(const Aws::Map<Aws::String, MessageAttributeValue> &value);
  Message &AddMessageAttributes(const Aws::String &key, const MessageAttributeValue &value);
};

} // namespace Model
} // namespace SQS
} // namespace Aws
