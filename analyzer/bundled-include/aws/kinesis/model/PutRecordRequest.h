// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/kinesis/KinesisRequest.h>

namespace Aws {
namespace Kinesis {
namespace Model {

class PutRecordRequest : public KinesisRequest {
public:
  PutRecordRequest();
  const char *GetServiceRequestName() const override;
  const Aws::String &GetStreamName() const;
  void SetStreamName(const Aws::String &value);
  PutRecordRequest &WithStreamName(const Aws::String &value);
  const Aws::Utils::ByteBuffer &GetData() const;
  void SetData(const Aws::Utils::ByteBuffer &value);
  PutRecordRequest &WithData(const Aws::Utils::ByteBuffer &value);
  const Aws::String &GetPartitionKey() const;
  void SetPartitionKey(const Aws::String &value);
  PutRecordRequest &WithPartitionKey(const Aws::String &value);
  const Aws::String &GetExplicitHashKey() const;
  void SetExplicitHashKey(const Aws::String &value);
  PutRecordRequest &WithExplicitHashKey(const Aws::String &value);
  const Aws::String &GetSequenceNumberForOrdering() const;
  void SetSequenceNumberForOrdering(const Aws::String &value);
  PutRecordRequest &WithSequenceNumberForOrdering(const Aws::String &value);
  const Aws::String &GetStreamARN() const;
  void SetStreamARN(const Aws::String &value);
  PutRecordRequest &WithStreamARN(const Aws::String &value);
};

} // namespace Model
} // namespace Kinesis
} // namespace Aws
