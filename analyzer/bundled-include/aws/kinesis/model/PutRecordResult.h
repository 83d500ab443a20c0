// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/kinesis/model/EncryptionType.h>

namespace Aws {
namespace Kinesis {
namespace Model {

class PutRecordResult {
public:
  PutRecordResult();
  const Aws::String &GetShardId() const;
  const Aws::String &GetSequenceNumber() const;
  EncryptionType GetEncryptionType() const;
};

} // namespace Model
} // namespace Kinesis
} // namespace Aws
