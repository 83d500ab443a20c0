// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace SQS {
namespace Model {

class SendMessageResult {
public:
  SendMessageResult();
  const Aws::String &GetMD5OfMessageBody() const;
  const Aws::String &GetMessageId() const;
  const Aws::String &GetSequenceNumber() const;
};

} // namespace Model
} // namespace SQS
} // namespace Aws
