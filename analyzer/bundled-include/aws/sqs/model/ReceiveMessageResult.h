// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSVector.h>
#include <aws/sqs/model/Message.h>

namespace Aws {
namespace SQS {
namespace Model {

class ReceiveMessageResult {
public:
  ReceiveMessageResult();
  const Aws::Vector<Message> &GetMessages() const;
};

} // namespace Model
} // namespace SQS
} // namespace Aws
