// Minimal declarations of the AWS SDK for C++'s public API for coldstart's source pass; a real
// installation's headers take precedence (they are searched first).
#pragma once

#include <aws/core/utils/Array.h>
#include <aws/core/utils/memory/stl/AWSString.h>
#include <aws/kms/model/EncryptionAlgorithmSpec.h>

namespace Aws {
namespace KMS {
namespace Model {

class DecryptResult {
public:
  DecryptResult();
  const Aws::String &GetKeyId() const;
  const Aws::Utils::ByteBuffer &GetPlaintext() const;
  EncryptionAlgorithmSpec GetEncryptionAlgorithm() const;
};

} // namespace Model
} // namespace KMS
} // namespace Aws
