// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>

namespace Aws {
namespace Firehose {
namespace Model {

class Record {
public:
  Record();
  const Aws::Utils::ByteBuffer &GetData() const;
  void SetData(const Aws::Utils::ByteBuffer &value);
  Record &WithData(const Aws::Utils::ByteBuffer &value);
};

} // namespace Model
} // namespace Firehose
} // namespace Aws
