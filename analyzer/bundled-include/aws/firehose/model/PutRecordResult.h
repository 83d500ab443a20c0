// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/memory/stl/AWSString.h>

namespace Aws {
namespace Firehose {
namespace Model {

class PutRecordResult {
public:
  PutRecordResult();
  const Aws::String &GetRecordId() const;
  bool GetEncrypted() const;
};

} // namespace Model
} // namespace Firehose
} // namespace Aws
