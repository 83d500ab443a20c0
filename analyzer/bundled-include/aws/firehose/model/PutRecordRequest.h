// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/firehose/FirehoseRequest.h>
#include <aws/firehose/model/Record.h>

namespace Aws {
namespace Firehose {
namespace Model {

class PutRecordRequest : public FirehoseRequest {
public:
  PutRecordRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetDeliveryStreamName() const;
  void SetDeliveryStreamName(const Aws::String &value);
  PutRecordRequest &WithDeliveryStreamName(const Aws::String &value);
  const Record &GetRecord() const;
  void SetRecord(const Record &value);
  PutRecordRequest &WithRecord(const Record &value);
};

} // namespace Model
} // namespace Firehose
} // namespace Aws
