// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace SNS {
namespace Model {

class MessageAttributeValue {
public:
  MessageAttributeValue();
  const Aws::String &GetDataType() const;
  void SetDataType(const Aws::String &value);
  MessageAttributeValue &WithDataType(const Aws::String &value);
  const Aws::String &GetStringValue() const;
  void SetStringValue(const Aws::String &value);
  MessageAttributeValue &WithStringValue(const Aws::String &value);
  const Aws::Utils::ByteBuffer &GetBinaryValue() const;
  void SetBinaryValue(const Aws::Utils::ByteBuffer &value);
  MessageAttributeValue &WithBinaryValue(const Aws::Utils::ByteBuffer &value);
};

} // namespace Model
} // namespace SNS
} // namespace Aws
