// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/sqs/SQSRequest.h>

namespace Aws {
namespace SQS {
namespace Model {

class DeleteMessageRequest : public SQSRequest {
public:
  DeleteMessageRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetQueueUrl() const;
  void SetQueueUrl(const Aws::String &value);
  DeleteMessageRequest &WithQueueUrl(const Aws::String &value);
  const Aws::String &GetReceiptHandle() const;
  void SetReceiptHandle(const Aws::String &value);
  DeleteMessageRequest &WithReceiptHandle(const Aws::String &value);
};

} // namespace Model
} // namespace SQS
} // namespace Aws
